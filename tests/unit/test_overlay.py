"""Attribute transfer from overlapping polygons: area-weighted mean and largest overlap."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.core.overlay import area_weighted_mean, largest_overlap


def test_hand_computed_pieces():
    # Unit 1: 30 m² of soil 40 cm and 10 m² of 80 cm -> (30*40 + 10*80) / 40 = 50 cm.
    # Unit 2: no piece. Unit 3: one piece without a value -> NaN.
    units = np.array([1, 1, 3])
    areas = np.array([30.0, 10.0, 5.0])
    thickness = np.array([40.0, 80.0, np.nan])
    mean = area_weighted_mean(units, areas, thickness, 3)
    assert mean[0] == 50.0
    assert math.isnan(mean[1])
    assert math.isnan(mean[2])


def test_largest_overlap_sums_pieces_of_one_class_and_breaks_ties_by_code():
    units = np.array([1, 1, 1, 2, 2])
    areas = np.array([10.0, 8.0, 7.0, 5.0, 5.0])
    texture = np.array([3.0, 2.0, 2.0, 4.0, 1.0])
    # Unit 1: class 2 covers 15 m² > class 3's 10 m². Unit 2: a tie -> the smaller code.
    assert largest_overlap(units, areas, texture, 2).tolist() == [2.0, 1.0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 6), st.floats(0.1, 100), st.integers(0, 4)), max_size=40))
def test_against_brute_force(pieces):
    units = np.array([p[0] for p in pieces], dtype=np.int64)
    areas = np.array([p[1] for p in pieces])
    codes = np.array([p[2] for p in pieces], dtype=float)
    mean = area_weighted_mean(units, areas, codes, 6)
    major = largest_overlap(units, areas, codes, 6)
    for unit in range(1, 7):
        mine = [(a, c) for u, a, c in pieces if u == unit]
        if not mine:
            assert math.isnan(mean[unit - 1])
            assert math.isnan(major[unit - 1])
            continue
        expected = sum(a * c for a, c in mine) / sum(a for a, _ in mine)
        assert math.isclose(mean[unit - 1], expected, rel_tol=1e-9, abs_tol=1e-12)
        totals: dict[int, float] = {}
        for a, c in mine:
            totals[c] = totals.get(c, 0.0) + a
        best = max(totals.values())
        # The winner covers the largest area (exact ties: the smaller code; test in hand above).
        assert math.isclose(totals[int(major[unit - 1])], best, rel_tol=1e-9)
