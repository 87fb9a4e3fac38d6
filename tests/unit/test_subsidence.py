"""The probability integral method on a grid (plugin.core.subsidence) against closed forms.

Every expectation is computed here, independently of the code under test, from the
closed form of the probability integral method for a rectangular panel (the textbook
solution of the 三下 code's model):

    W(x, y) = W0 · C(x) · C(y),  C(x) = ½[erf(√π·x/r) − erf(√π·(x − L)/r)],

x measured from the panel's effective edge, L the effective length, W0 = m·q·cos α,
r = H / tan β. Its derivatives: C'(x) = (1/r)[e(x) − e(x − L)], C''(x) = −(2π/r³)[x·e(x) −
(x − L)·e(x − L)] with e(u) = exp(−π u²/r²); tilt i = |∇W|, the supercritical edge maxima
i_max = W0/r and K_max = 1.52·W0/r² (the textbook values), ε = b·r·K.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from plugin.core.cancel import Cancelled
from plugin.core.subsidence import (
    Grid,
    Panel,
    contour_levels,
    needed_cell_size,
    predict,
    rasterize,
)

SQRT_PI = math.sqrt(math.pi)
_erf = np.vectorize(math.erf, otypes=[float])


def c0(u, length, r):
    return 0.5 * (_erf(SQRT_PI * u / r) - _erf(SQRT_PI * (u - length) / r))


def c1(u, length, r):
    return (np.exp(-math.pi * (u / r) ** 2) - np.exp(-math.pi * ((u - length) / r) ** 2)) / r


def c2(u, length, r):
    e0 = u * np.exp(-math.pi * (u / r) ** 2)
    e1 = (u - length) * np.exp(-math.pi * ((u - length) / r) ** 2)
    return -2.0 * math.pi / r**3 * (e0 - e1)


def rectangle(x1, y1, x2, y2):
    return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=float)


def centres(grid):
    return grid.column_centres()[None, :], grid.row_centres()[:, None]


# A panel whose corners are off the cell lattice, on a grid of 10 m cells.
GRID = Grid(x0=0.0, y0=3000.0, cell_x=10.0, cell_y=10.0, width=300, height=300)
X1, X2, Y1, Y2 = 1003.3, 1996.1, 1204.6, 1797.2
PANEL = Panel((rectangle(X1, Y1, X2, Y2),), thickness=3.0, depth=300.0, tan_beta=2.0)
W0, R = 3.0 * 0.8, 150.0


@pytest.fixture(scope="module")
def field():
    return predict([PANEL], GRID)


def test_parameters_follow_the_textbook_definitions():
    panel = Panel((rectangle(0, 0, 1, 1),), thickness=2.5, depth=420.0, dip=12.0, tan_beta=2.1)
    assert panel.w0 == pytest.approx(2.5 * 0.8 * math.cos(math.radians(12.0)))
    assert panel.radius == pytest.approx(200.0)
    assert needed_cell_size([panel, PANEL]) == pytest.approx(15.0)


def test_rectangle_equals_the_closed_form_within_one_percent(field):
    x, y = centres(GRID)
    expected = W0 * c0(x - X1, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
    assert np.abs(field.w - expected).max() < 0.01 * W0
    # Cells of r/15: the coverage is sampled at 1/16 of a row across horizontal edges.
    assert np.abs(field.w - expected).max() < 0.003 * W0


def test_supercritical_centre_reaches_w0_and_the_basin_is_symmetric():
    grid = Grid(0.0, 2000.0, 10.0, 10.0, 200, 200)
    panel = Panel((rectangle(500.0, 500.0, 1500.0, 1500.0),), thickness=3.0, depth=300.0)
    w = predict([panel], grid).w
    assert w.max() == pytest.approx(W0, rel=1e-3)
    assert w[100, 100] == pytest.approx(W0, rel=1e-3)
    np.testing.assert_allclose(w, w[::-1, :], atol=1e-6 * W0)
    np.testing.assert_allclose(w, w[:, ::-1], atol=1e-6 * W0)
    np.testing.assert_allclose(w, w.T, atol=1e-6 * W0)


def test_basin_volume_is_w0_times_the_effective_area(field):
    volume = field.w.sum() * GRID.cell_x * GRID.cell_y
    assert volume == pytest.approx(W0 * (X2 - X1) * (Y2 - Y1), rel=0.01)


def test_subsidence_edge_lies_where_the_closed_form_puts_the_10_mm_line(field):
    # Along the row through the panel's middle, outward from the west inflection line.
    row = int(np.argmin(np.abs(GRID.row_centres() - (Y1 + Y2) / 2)))
    y = GRID.row_centres()[row]
    profile = field.w[row]
    x = GRID.column_centres()
    outside = x < X1
    # Outermost cell where W >= 10 mm, interpolated linearly between the two cells.
    k = np.nonzero(outside & (profile >= 0.01))[0].min()
    position = x[k - 1] + (0.01 - profile[k - 1]) / (profile[k] - profile[k - 1]) * 10.0
    lo, hi = 0.0, 3 * R  # solve W(X1 − d) = 10 mm by bisection
    for _ in range(80):
        mid = (lo + hi) / 2
        value = W0 * c0(-mid, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
        lo, hi = (mid, hi) if value > 0.01 else (lo, mid)
    distance = (lo + hi) / 2
    assert distance == pytest.approx(1.05 * R, rel=0.05)  # ≈ erfcinv(2·0.01/W0)·r/√π
    assert X1 - position == pytest.approx(distance, abs=1.0)


def test_tilt_maximum_is_w0_over_r_at_the_inflection_line(field):
    assert field.tilt().max() == pytest.approx(1000 * W0 / R, rel=0.01)
    row = int(np.argmin(np.abs(GRID.row_centres() - (Y1 + Y2) / 2)))
    at = GRID.column_centres()[np.argmax(field.tilt()[row, : GRID.width // 2])]
    assert at == pytest.approx(X1, abs=GRID.cell_x)


def test_derivatives_equal_the_analytic_ones(field):
    x, y = centres(GRID)
    lx, ly = X2 - X1, Y2 - Y1
    cx, cy = c0(x - X1, lx, R), c0(y - Y1, ly, R)
    wx = W0 * c1(x - X1, lx, R) * cy
    wy = W0 * cx * c1(y - Y1, ly, R)
    tilt = 1000 * np.hypot(wx, wy)
    assert np.abs(field.tilt() - tilt).max() < 0.01 * tilt.max()
    assert np.abs(field.wy - wy).max() < 0.01 * np.abs(wy).max()  # sign: north is +y
    hxx = W0 * c2(x - X1, lx, R) * cy
    hyy = W0 * cx * c2(y - Y1, ly, R)
    hxy = W0 * c1(x - X1, lx, R) * c1(y - Y1, ly, R)
    mean, radius = (hxx + hyy) / 2, np.hypot((hxx - hyy) / 2, hxy)
    curvature = 1000 * (mean + np.where(mean >= 0, radius, -radius))
    measured = field.curvature()
    scale = np.abs(curvature).max()
    assert np.abs(np.abs(measured) - np.abs(curvature)).max() < 0.01 * scale
    # The sign is that of the larger principal curvature; where both principal curvatures
    # have nearly equal magnitudes and opposite signs (|mean| small) it may flip.
    clear = np.abs(mean) * 1000 > 0.01 * scale
    assert np.abs(measured - curvature)[clear].max() < 0.01 * scale
    assert field.curvature().max() == pytest.approx(1000 * 1.52 * W0 / R**2, rel=0.02)


def test_horizontal_deformation_is_b_r_times_the_second_derivative(field):
    # On the middle row, far from the short edges, K = ∂²W/∂x² (C(y) ≈ 1, C''(y) ≈ 0).
    row = int(np.argmin(np.abs(GRID.row_centres() - (Y1 + Y2) / 2)))
    x = GRID.column_centres()
    y = GRID.row_centres()[row]
    second = W0 * c2(x - X1, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
    expected = 1000 * 0.3 * R * second  # mm/m
    measured = field.horizontal_deformation()[row]
    assert np.abs(measured - expected).max() < 0.01 * np.abs(expected).max()
    # Tension (+) outside the inflection line, compression (−) over the panel.
    assert measured[x < X1 - 20].max() > 0
    assert measured[(x > X1 + 20) & (x < X1 + R)].min() < 0
    movement = field.horizontal_movement()[row]
    assert movement.max() == pytest.approx(0.3 * W0, rel=0.01)  # U_max = b·W0


def test_different_b_r_use_each_panel_own_values():
    grid = Grid(0.0, 1500.0, 10.0, 10.0, 400, 150)
    a = Panel((rectangle(300.0, 400.0, 900.0, 1100.0),), 2.0, 200.0, horizontal_coefficient=0.2)
    b = Panel((rectangle(2900.0, 400.0, 3500.0, 1100.0),), 2.0, 300.0, horizontal_coefficient=0.4)
    both = predict([a, b], grid)
    eps = both.horizontal_deformation()
    alone_a = predict([a], grid).horizontal_deformation()
    alone_b = predict([b], grid).horizontal_deformation()
    west = grid.column_centres() < 1900  # the basins are 2 km apart: they do not overlap
    np.testing.assert_allclose(eps[:, west], alone_a[:, west], atol=1e-3)
    np.testing.assert_allclose(eps[:, ~west], alone_b[:, ~west], atol=1e-3)
    assert alone_a.max() == pytest.approx(1000 * 0.2 * 100 * 1.52 * 1.6 / 100**2, rel=0.02)


def test_propagation_angle_moves_the_basin_down_dip():
    # θ = 80°, dip towards the east (azimuth 90°): the basin moves east by H·cot θ.
    panel = Panel(
        (rectangle(X1, Y1, X2, Y2),),
        thickness=3.0,
        depth=300.0,
        dip=15.0,
        propagation_angle=80.0,
        dip_direction=90.0,
    )
    shift = 300.0 / math.tan(math.radians(80.0))
    w0 = 3.0 * 0.8 * math.cos(math.radians(15.0))
    x, y = centres(GRID)
    expected = w0 * c0(x - X1 - shift, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
    assert np.abs(predict([panel], GRID).w - expected).max() < 0.01 * w0
    with pytest.raises(ValueError, match="dip direction"):
        predict([Panel((rectangle(X1, Y1, X2, Y2),), 3.0, 300.0, propagation_angle=80.0)], GRID)


def test_l_shaped_panel_with_a_hole_is_the_sum_of_its_rectangles():
    grid = Grid(0.0, 2000.0, 10.0, 10.0, 200, 200)
    outer = np.array(
        [[400.5, 400.5], [1600.5, 400.5], [1600.5, 900.5], [900.5, 900.5], [900.5, 1600.5],
         [400.5, 1600.5]]
    )  # fmt: skip
    hole = rectangle(550.0, 550.0, 650.0, 650.0)[::-1]
    panel = Panel((outer, hole), thickness=2.0, depth=240.0)
    w0, r = 1.6, 120.0
    x, y = centres(grid)

    def rect(x1, y1, x2, y2):
        return w0 * c0(x - x1, x2 - x1, r) * c0(y - y1, y2 - y1, r)

    expected = (
        rect(400.5, 400.5, 1600.5, 900.5)
        + rect(400.5, 900.5, 900.5, 1600.5)
        - rect(550.0, 550.0, 650.0, 650.0)
    )
    assert np.abs(predict([panel], grid).w - expected).max() < 0.01 * w0


def test_coverage_keeps_small_and_slanted_panels_accurate():
    grid = Grid(0.0, 100.0, 10.0, 10.0, 10, 10)
    tiny = rasterize([rectangle(42.0, 42.0, 46.0, 45.0)], grid)  # 12 m², inside one cell
    assert tiny.values.sum() * 100 == pytest.approx(12.0, rel=0.05)
    triangle = np.array([[3.0, 4.0], [97.0, 11.0], [41.0, 93.0]])
    area = 0.5 * abs(np.cross(triangle[1] - triangle[0], triangle[2] - triangle[0]))
    assert rasterize([triangle], grid).values.sum() * 100 == pytest.approx(area, rel=0.002)


def test_a_panel_partly_outside_the_grid_still_counts():
    inside = Grid(0.0, 3000.0, 10.0, 10.0, 150, 300)  # the west half of GRID
    w = predict([PANEL], inside).w
    x, y = centres(inside)
    expected = W0 * c0(x - X1, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
    assert np.abs(w - expected).max() < 0.01 * W0
    far = Panel((rectangle(9000.0, 9000.0, 9500.0, 9500.0),), 2.0, 300.0, label="far")
    assert predict([far], inside).skipped == ["far"]


def test_coarse_cells_still_give_w_close_to_the_closed_form():
    # Cells of r/7.5 (twice the r/15 above): W stays within 1 % of W0.
    grid = Grid(0.0, 3000.0, 20.0, 20.0, 150, 150)
    x, y = centres(grid)
    expected = W0 * c0(x - X1, X2 - X1, R) * c0(y - Y1, Y2 - Y1, R)
    assert np.abs(predict([PANEL], grid).w - expected).max() < 0.01 * W0


def test_cancel_and_progress():
    seen = []
    predict([PANEL, PANEL], GRID, progress=seen.append)
    assert seen == [50.0, 100.0]
    with pytest.raises(Cancelled):
        predict([PANEL], GRID, is_cancelled=lambda: True)


def test_default_contour_levels():
    assert contour_levels(3.4) == [0.01, 0.5, 1.0, 2.0, 3.0]
    assert contour_levels(0.3) == [0.01]


def test_published_case_textbook_exercise():
    """《矿山开采沉陷学》 (CUMT Press), p. 187, exercise 4, as worked in the manual of the
    "采煤沉陷预测分析系统" (github.com/zhuxiaojunahu/MiningSubsidenceDoc, README §5.10, case 1;
    inputs read from its input-file figure): a horizontal panel 150 m on strike × 100 m on
    dip, H = 100 m, m = 1 m, q = 0.7, tan β = 2, b = 0.3, θ = 90°, s = 10 m on every side.
    At the panel corner (strike 0, dip 100) the book gives W = 66.5 mm and the program
    66.4 mm; the tilt in the 135° direction, which is the steepest there, 5.38 / 5.37 mm/m.
    """
    effective = rectangle(10.0, 10.0, 140.0, 90.0)  # shrunk by s = 10 m
    panel = Panel((effective,), 1.0, 100.0, subsidence_factor=0.7, tan_beta=2.0)
    # 2 m cells centred on the corner point (x = 0, y = 100): column 50, row 50.
    grid = Grid(x0=-101.0, y0=201.0, cell_x=2.0, cell_y=2.0, width=176, height=152)
    field = predict([panel], grid)
    assert grid.column_centres()[50] == pytest.approx(0.0)
    assert grid.row_centres()[50] == pytest.approx(100.0)
    assert 1000 * field.w[50, 50] == pytest.approx(66.45, abs=0.15)
    assert field.tilt()[50, 50] == pytest.approx(5.375, abs=0.02)


def test_horizontal_movement_of_panels_with_different_b_r():
    grid = Grid(0.0, 1500.0, 10.0, 10.0, 400, 150)
    a = Panel((rectangle(300.0, 400.0, 900.0, 1100.0),), 2.0, 200.0, horizontal_coefficient=0.2)
    b = Panel((rectangle(2900.0, 400.0, 3500.0, 1100.0),), 2.0, 300.0, horizontal_coefficient=0.4)
    with pytest.raises(ValueError, match="movement=True"):
        predict([a, b], grid).horizontal_movement()
    movement = predict([a, b], grid, movement=True).horizontal_movement()
    west = grid.column_centres() < 1900
    assert movement[:, west].max() == pytest.approx(0.2 * 1.6, rel=0.01)  # U_max = b·W0
    assert movement[:, ~west].max() == pytest.approx(0.4 * 1.6, rel=0.01)
