"""Accumulators in scratch files (plugin.io.disk_grid) against numpy arrays, and the
subsidence prediction with them against the prediction in memory."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.subsidence import Grid, Panel, largest, predict
from plugin.io.disk_grid import DiskGrid


def test_windows_add_read_and_reduce_as_numpy_does(tmp_path):
    rng = np.random.default_rng(5)
    disk = DiskGrid(tmp_path / "格网.f32", (300, 257))
    memory = np.zeros((300, 257), np.float32)
    assert disk[:].sum() == 0.0  # a new grid holds zeros
    for _ in range(40):
        r0, c0 = rng.integers(0, 280), rng.integers(0, 240)
        r1, c1 = r0 + rng.integers(1, 300 - r0 + 1), c0 + rng.integers(1, 257 - c0 + 1)
        values = rng.normal(size=(r1 - r0, c1 - c0))  # float64 added into float32
        disk.add_window((slice(r0, r1), slice(c0, c1)), values)
        memory[r0:r1, c0:c1] += values
    assert np.array_equal(disk[0:300], memory)
    assert np.array_equal(disk[17:18], memory[17:18])
    assert np.array_equal(disk[5:90, 100:101], memory[5:90, 100:101])
    assert disk[300:400].shape == (0, 257)
    assert largest(lambda rows: disk[rows], 300, rows=37) == float(memory.max())
    assert -largest(lambda rows: -disk[rows], 300) == float(memory.min())
    assert float(disk[:].sum(dtype=np.float64)) == pytest.approx(
        float(memory.sum(dtype=np.float64)), rel=1e-12
    )
    with pytest.raises(TypeError):
        disk[::2]


def rectangle(x1, y1, x2, y2):
    return np.array([[x1, y1], [x2, y1], [x2, y2], [x1, y2]], dtype=float)


def test_prediction_in_files_equals_the_prediction_in_memory(tmp_path):
    # Two panels with different b·r (strain and movement kept), one reaching past the grid.
    grid = Grid(x0=0.0, y0=2000.0, cell_x=10.0, cell_y=10.0, width=380, height=200)
    panels = [
        Panel((rectangle(300.0, 400.0, 900.0, 1100.0),), 2.0, 200.0, horizontal_coefficient=0.2),
        Panel((rectangle(2900.0, 1500.0, 3900.0, 2300.0),), 3.0, 300.0, horizontal_coefficient=0.4),
    ]
    made = []

    def allocate(shape):
        made.append(DiskGrid(tmp_path / f"a{len(made)}.f32", shape))
        return made[-1]

    memory = predict(panels, grid, movement=True)
    disk = predict(panels, grid, movement=True, allocate=allocate)
    assert len(made) == 11  # w, two gradients, three second derivatives, ε and U
    for name in ("w", "wx", "wy", "hxx", "hyy", "hxy", "exx", "eyy", "exy", "ux", "uy"):
        assert np.array_equal(getattr(disk, name)[0:200], getattr(memory, name)), name
    rows = slice(40, 120)
    assert np.array_equal(disk.tilt(rows), memory.tilt(rows))
    assert np.array_equal(disk.horizontal_deformation(rows), memory.horizontal_deformation(rows))
    assert largest(disk.tilt, grid.height, rows=37) == float(memory.tilt().max())
    assert largest(lambda r: disk.w[r], grid.height) == float(memory.w.max())


def test_rows_written_and_cells_taken_as_numpy_does(tmp_path):
    rng = np.random.default_rng(4)
    expected = rng.normal(size=(9, 7))
    grid = DiskGrid(tmp_path / "values.f64", expected.shape, np.float64)
    grid[0:4] = expected[0:4]
    grid[4:9] = expected[4:9]
    grid[2:2] = np.zeros((0, 7))  # nothing
    np.testing.assert_array_equal(grid[0:9], expected)
    cells = rng.integers(0, expected.size, 40)
    np.testing.assert_array_equal(grid.take(cells), expected.take(cells))
    assert grid.take(int(cells[0])) == expected.take(int(cells[0]))
    flags = DiskGrid(tmp_path / "flags.i1", (3, 5), np.int8)
    flags[1:2] = 7  # a value for a whole row
    assert flags[0:3].tolist() == [[0] * 5, [7] * 5, [0] * 5]
    with pytest.raises(TypeError, match="whole rows"):
        flags[0:1, 0:2] = 1
