"""Damage type from elevation change, class codes and ponding (plugin.core.disturbance)."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.disturbance import (
    EXCAVATION,
    LOWERED_OUTSIDE,
    MAX_CODE,
    NONE,
    OCCUPATION,
    SUBSIDENCE,
    TYPE_CODES,
    class_code,
    classify_elevation_change,
    damage_indicators,
    decode,
    ponding_depth,
    type_names,
)
from plugin.core.rules.vocabulary import DAMAGE_TYPES, DEGREE_UNDECIDED

SIZE = 40
PIT = (slice(4, 12), slice(4, 14))  # open pit: 10 m deep, flat floor
DUMP = (slice(26, 34), slice(4, 16))  # waste dump: 8 m high
BOWL_CENTRE = (20, 28)
BOWL_RADIUS = 8  # cells: goaf footprint


def bowl_depth() -> np.ndarray:
    """A subsidence bowl: 3 m deep in the middle, 1 m at 6.53 cells, gone at the rim."""
    rows, cols = np.mgrid[0:SIZE, 0:SIZE]
    distance = np.hypot(rows - BOWL_CENTRE[0], cols - BOWL_CENTRE[1])
    return np.where(distance < BOWL_RADIUS, 3.0 * (1 - (distance / BOWL_RADIUS) ** 2), 0.0)


def scene() -> tuple[np.ndarray, np.ndarray]:
    """Elevation change with a pit, a dump and a bowl, plus ±0.3 m of DEM noise."""
    noise = np.random.default_rng(7).uniform(-0.3, 0.3, (SIZE, SIZE))
    change = noise - bowl_depth()
    change[PIT] = -10.0
    change[DUMP] = 8.0
    rows, cols = np.mgrid[0:SIZE, 0:SIZE]
    undermined = np.hypot(rows - BOWL_CENTRE[0], cols - BOWL_CENTRE[1]) < BOWL_RADIUS
    return change, undermined


def expected_classes(change: np.ndarray, undermined: np.ndarray) -> np.ndarray:
    """The classes written out by hand from the construction."""
    expected = np.zeros((SIZE, SIZE), dtype=np.int8)
    expected[PIT] = EXCAVATION
    expected[DUMP] = OCCUPATION
    expected[undermined & (change <= -1.0)] = SUBSIDENCE
    return expected


def test_pit_dump_and_bowl_with_an_influence_zone():
    # The pit lies outside the zone: lowered ground there is flagged, not excavation
    # (pits of an underground mine come in through the facilities layer).
    change, undermined = scene()
    classes = classify_elevation_change(change, undermined, min_change_m=1.0)
    assert classes.dtype == np.int8
    expected = expected_classes(change, undermined)
    expected[expected == EXCAVATION] = LOWERED_OUTSIDE
    np.testing.assert_array_equal(classes, expected)
    assert np.count_nonzero(classes == LOWERED_OUTSIDE) == 8 * 10
    assert np.count_nonzero(classes == EXCAVATION) == 0
    assert np.count_nonzero(classes == OCCUPATION) == 8 * 12
    # -3 (1 - r²/64) + noise <= -1, noise within ±0.3 m: the rim lies at r = 6.02..7.0 cells.
    bowl = np.count_nonzero(classes == SUBSIDENCE)
    assert np.pi * 5.9**2 < bowl < np.pi * 7.1**2


def test_lowering_outside_the_zone_is_flagged_unless_deeper_than_the_seams():
    change, undermined = scene()
    everywhere_else = ~undermined
    classes = classify_elevation_change(change, everywhere_else, min_change_m=1.0)
    assert np.all(classes[PIT] == SUBSIDENCE)  # the pit now lies over "workings"
    assert np.count_nonzero(classes == LOWERED_OUTSIDE) == np.count_nonzero(
        (change <= -1.0) & undermined
    )
    assert np.count_nonzero(classes == EXCAVATION) == 0
    # The pit is 10 m deep; with 5 m of worked seams it cannot be subsidence, and outside
    # the zone it is excavation all the same: too deep for a basin margin.
    bounded = classify_elevation_change(change, undermined, 1.0, False, 5.0)
    assert np.all(bounded[PIT] == EXCAVATION)


def test_underground_mode_without_mask_takes_all_lowering_as_subsidence():
    change, _ = scene()
    classes = classify_elevation_change(change, None, min_change_m=1.0, underground=True)
    assert np.all(classes[PIT] == SUBSIDENCE)
    assert not np.any(classes == EXCAVATION)
    assert np.all(classes[DUMP] == OCCUPATION)


def test_surface_mode_without_mask_takes_all_lowering_as_excavation():
    change, _ = scene()
    classes = classify_elevation_change(change, None, min_change_m=1.0, underground=False)
    assert not np.any(classes == SUBSIDENCE)
    assert np.count_nonzero(classes == EXCAVATION) == np.count_nonzero(change <= -1.0)


def test_lowering_deeper_than_the_seams_cannot_be_subsidence():
    change, undermined = scene()
    bounded = classify_elevation_change(
        change, None, min_change_m=1.0, underground=True, max_subsidence_m=5.0
    )
    assert np.all(bounded[PIT] == EXCAVATION)  # 10 m > 5 m of worked seams
    bowl = undermined & (change <= -1.0)
    assert np.all(bounded[bowl] == SUBSIDENCE)  # at most 3.3 m deep
    masked = classify_elevation_change(change, ~undermined | undermined, 1.0, False, 5.0)
    assert np.all(masked[PIT] == EXCAVATION)


def test_threshold_is_inclusive_and_nan_is_no_evidence():
    change = np.array([-1.0, -0.999, 0.0, 0.999, 1.0, np.nan, -np.inf, np.inf])
    classes = classify_elevation_change(change, min_change_m=1.0)
    np.testing.assert_array_equal(
        classes, [EXCAVATION, NONE, NONE, NONE, OCCUPATION, NONE, EXCAVATION, OCCUPATION]
    )


def test_raised_ground_over_workings_is_still_occupation():
    change = np.array([2.0, -2.0])
    classes = classify_elevation_change(change, np.array([True, True]), underground=True)
    np.testing.assert_array_equal(classes, [OCCUPATION, SUBSIDENCE])


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan])
def test_minimum_change_must_be_positive(bad):
    with pytest.raises(ValueError, match="min_change_m"):
        classify_elevation_change(np.zeros(3), min_change_m=bad)


def test_mask_of_another_shape_is_refused():
    with pytest.raises(ValueError, match="shape"):
        classify_elevation_change(np.zeros((3, 3)), np.zeros((3, 4), dtype=bool))


def test_indicators_follow_the_class_of_each_cell():
    change = np.array([-10.0, -2.0, 8.0, 0.1])
    classes = np.array([EXCAVATION, SUBSIDENCE, OCCUPATION, NONE])
    indicators = damage_indicators(change, classes)
    np.testing.assert_array_equal(indicators["excavation_depth_m"], [10.0, np.nan, np.nan, np.nan])
    np.testing.assert_array_equal(indicators["subsidence_m"], [np.nan, 2.0, np.nan, np.nan])
    np.testing.assert_array_equal(indicators["dump_height_m"], [np.nan, np.nan, 8.0, np.nan])


def test_type_codes_follow_the_damage_types_and_the_change_classes():
    assert [TYPE_CODES[name] for name in DAMAGE_TYPES] == [1, 2, 3, 4]
    assert TYPE_CODES["excavation"] == EXCAVATION
    assert TYPE_CODES["subsidence"] == SUBSIDENCE
    assert TYPE_CODES["occupation"] == OCCUPATION
    np.testing.assert_array_equal(
        type_names(np.array([0, 1, 2, 3, 4])),
        ["none", "excavation", "subsidence", "occupation", "pollution"],
    )


def test_codes_pack_type_and_degree_and_decode_back():
    types = np.array([[0, 1, 2], [3, 4, 4]])
    degrees = np.array([[3, 3, 1], [0, 2, DEGREE_UNDECIDED]])
    codes = class_code(types, degrees)
    np.testing.assert_array_equal(codes, [[0, 13, 21], [30, 42, 49]])
    assert codes.dtype == np.uint8
    assert codes.max() <= MAX_CODE == 49
    back_types, back_degrees = decode(codes)
    np.testing.assert_array_equal(back_types, [[0, 1, 2], [3, 4, 4]])
    np.testing.assert_array_equal(back_degrees, [[0, 3, 1], [0, 2, DEGREE_UNDECIDED]])


def test_scalar_codes():
    assert int(class_code(2, 3)) == 23
    assert tuple(int(v) for v in decode(23)) == (2, 3)


@pytest.mark.parametrize(("types", "degrees"), [(5, 1), (1, 4), (-1, 0), (1, -2)])
def test_codes_refuse_unknown_types_and_degrees(types, degrees):
    with pytest.raises(ValueError, match="unknown"):
        class_code(types, degrees)


@pytest.mark.parametrize("code", [5, 14, 18, 50, 255])
def test_decode_refuses_what_no_pair_encodes(code):
    with pytest.raises(ValueError, match="not damage class codes"):
        decode(np.array([code]))


def test_ponding_is_subsidence_below_the_water_table():
    subsidence = np.array([1.5, 0.5, 1.0, np.nan, 2.0, -0.2])
    groundwater = np.array([1.0, 1.0, 1.0, 1.0, np.nan, 0.1])
    depth = ponding_depth(subsidence, groundwater)
    np.testing.assert_allclose(depth, [0.5, 0.0, 0.0, np.nan, np.nan, 0.0])


def test_ponding_with_one_groundwater_depth_for_all_cells():
    # Jining, near Nansi Lake: 0.2–0.3 m of subsidence already ponds (Guo, Hu et al. 2021,
    # 郭家新、胡振琪等, the Jining high-groundwater coal area).
    depth = ponding_depth(np.array([[0.1, 0.3], [1.5, 0.0]]), 0.2)
    np.testing.assert_allclose(depth, [[0.0, 0.1], [1.3, 0.0]])
