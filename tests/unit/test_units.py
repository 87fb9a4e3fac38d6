"""Evaluation units: slope classes, borders, merging small pieces, numbering (hand cases)."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.units import (
    NO_SLOPE,
    border_pairs,
    is_face,
    merge_small,
    number_units,
    rows_between,
    slope_class_label,
    slope_classes,
)

LIMITS = (2.0, 6.0, 15.0, 25.0)


def test_slope_classes_upper_bound_inclusive():
    slopes = np.array([0.0, 2.0, 2.01, 6.0, 25.0, 25.5, 60.0, np.nan])
    assert slope_classes(slopes, LIMITS).tolist() == [1, 1, 2, 2, 4, 5, 5, NO_SLOPE]


def test_slope_class_labels():
    assert [slope_class_label(c, LIMITS) for c in (1, 2, 4, 5, NO_SLOPE)] == [
        "≤2°",
        "2–6°",
        "15–25°",
        ">25°",
        "",
    ]


def test_face_is_strictly_steeper_than_the_limit_and_never_nodata():
    slopes = np.array([14.9, 15.0, 15.1, np.nan])
    assert is_face(slopes, 15.0).tolist() == [False, False, True, False]
    assert not is_face(slopes, None).any()


def test_border_pairs_sum_edge_lengths():
    labels = np.array([[1, 1, 2], [1, 3, 2]])
    # Cells 5 m wide, 10 m high: side by side they share 10 m, one above the other 5 m.
    a, b, length = border_pairs(labels, 10.0, 5.0)
    found = {(int(x), int(y)): float(v) for x, y, v in zip(a, b, length, strict=True)}
    assert found == {(1, 2): 10.0, (1, 3): 15.0, (2, 3): 10.0}


def test_border_pairs_ignore_outside_cells():
    labels = np.array([[1, 0, 2], [0, 0, 2]])
    a, _, _ = border_pairs(labels, 1.0, 1.0)
    assert a.size == 0


def test_rows_between_blocks():
    a, b, length = rows_between(np.array([1, 1, 2]), np.array([3, 1, 2]), 4.0)
    assert (a.tolist(), b.tolist(), length.tolist()) == ([1], [3], [4.0])


def _pairs(edges: dict[tuple[int, int], float]):
    keys = sorted(edges)
    return (
        np.array([k[0] for k in keys]),
        np.array([k[1] for k in keys]),
        np.array([edges[k] for k in keys]),
    )


def test_small_piece_joins_longest_border_of_its_own_polygon():
    # Piece 2 (5 m²) touches 1 over 3 m, 3 over 4 m, and 4 over 10 m, but 4 belongs to
    # another disturbed polygon: it joins 3. Piece 4 alone in its polygon stays.
    area = np.array([0.0, 100.0, 5.0, 50.0, 5.0])
    group = np.array([0, 1, 1, 1, 2])
    pairs = _pairs({(1, 2): 3.0, (2, 3): 4.0, (2, 4): 10.0, (3, 4): 1.0})
    assert merge_small(area, group, pairs, 20.0).tolist() == [0, 1, 3, 3, 4]


def test_chain_of_small_pieces_ends_in_a_large_one():
    # 1 (2 m²) → 2 (3 m², longest border with 1 is shorter than with 3) → 3 (100 m²).
    area = np.array([0.0, 2.0, 3.0, 100.0])
    group = np.array([0, 1, 1, 1])
    pairs = _pairs({(1, 2): 5.0, (2, 3): 6.0})
    assert merge_small(area, group, pairs, 10.0).tolist() == [0, 3, 3, 3]


def test_two_small_pieces_choosing_each_other_merge_once():
    area = np.array([0.0, 4.0, 4.0])
    group = np.array([0, 1, 1])
    pairs = _pairs({(1, 2): 2.0})
    # Together 8 m², still below 10: the polygon is smaller than the minimum, one unit.
    assert merge_small(area, group, pairs, 10.0).tolist() == [0, 1, 1]


def test_separate_small_part_joins_the_polygons_largest_unit():
    # Piece 3 is a separate part of polygon 1 (touches nothing): it joins piece 1.
    area = np.array([0.0, 100.0, 60.0, 5.0])
    group = np.array([0, 1, 1, 1])
    pairs = _pairs({(1, 2): 7.0})
    assert merge_small(area, group, pairs, 20.0).tolist() == [0, 1, 2, 1]


def test_nothing_small_nothing_merges():
    area = np.array([0.0, 30.0, 40.0])
    group = np.array([0, 1, 1])
    assert merge_small(area, group, _pairs({(1, 2): 1.0}), 20.0).tolist() == [0, 1, 2]


def test_numbering_by_polygon_then_platform_before_face_then_class():
    # Pieces: 1 polygon 2 class 1; 2 polygon 1 face; 3 polygon 1 platform class 3;
    # 4 polygon 1 platform class 1 (merged into 3: its unit's class is 3's, the larger).
    root = np.array([0, 1, 2, 3, 3])
    area = np.array([0.0, 10.0, 20.0, 30.0, 5.0])
    parent = np.array([0, 2, 1, 1, 1])
    slope_class = np.array([0, 1, NO_SLOPE, 3, 1])
    face = np.array([False, False, True, False, False])
    table = number_units(root, area, parent, slope_class, face)
    assert table.number_of_piece.tolist() == [0, 3, 2, 1, 1]
    assert table.parent.tolist() == [1, 1, 2]
    assert table.slope_class.tolist() == [3, NO_SLOPE, 1]
    assert table.face.tolist() == [False, True, False]
    assert table.area_m2.tolist() == pytest.approx([35.0, 20.0, 10.0])
