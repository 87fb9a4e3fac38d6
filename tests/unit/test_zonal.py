"""Zonal statistics from label arrays: equal to a brute-force per-unit computation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugin.core.zonal import STATISTICS, ZonalAccumulator, zonal_statistics_of_array

ALL = tuple(STATISTICS)
THRESHOLDS = (-1.0, 0.0, 2.5)


def brute_force(labels, values, unit_count, thresholds=THRESHOLDS):
    """Per-unit statistics with one boolean mask per unit (slow and obviously right)."""
    expected = {name: np.full(unit_count, np.nan) for name in ALL}
    shares = np.full((unit_count, len(thresholds)), np.nan)
    for unit in range(1, unit_count + 1):
        inside = labels == unit
        cells = values[inside]
        valid = cells[~np.isnan(cells)]
        i = unit - 1
        expected["count"][i] = valid.size
        expected["nodata"][i] = cells.size - valid.size
        if valid.size == 0:
            continue
        expected["sum"][i] = valid.sum()
        expected["mean"][i] = valid.mean()
        expected["min"][i] = valid.min()
        expected["max"][i] = valid.max()
        expected["std"][i] = valid.std()
        categories, counts = np.unique(valid, return_counts=True)
        expected["majority"][i] = categories[np.argmax(counts)]  # first = smallest tie
        shares[i] = [(valid > t).mean() for t in thresholds]
    return expected, shares


def random_layout(rng, rows, cols, unit_count, nodata_share, categorical):
    # Blobs of equal labels (as rasterized polygons give), plus scattered singles.
    labels = rng.integers(0, unit_count + 1, size=(rows // 4 + 1, cols // 4 + 1))
    labels = np.kron(labels, np.ones((4, 4), dtype=np.int64))[:rows, :cols]
    scatter = rng.random((rows, cols)) < 0.05
    labels[scatter] = rng.integers(0, unit_count + 1, size=int(scatter.sum()))
    if categorical:
        values = rng.integers(-3, 4, size=(rows, cols)).astype(np.float64)
    else:
        values = rng.normal(1.0, 3.0, size=(rows, cols))
    values[rng.random((rows, cols)) < nodata_share] = np.nan
    return labels, values


def assert_matches(result, expected, shares, statistics=ALL):
    for name in statistics:
        np.testing.assert_allclose(result[name], expected[name], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(result.shares, shares, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("block_rows", [1, 3, 7, 64, None])
@pytest.mark.parametrize("categorical", [False, True])
def test_statistics_equal_brute_force_for_any_block_size(block_rows, categorical):
    rng = np.random.default_rng(4 + categorical)
    labels, values = random_layout(rng, 61, 47, 25, 0.15, categorical)
    expected, shares = brute_force(labels, values, 25)
    statistics = ALL if categorical else tuple(s for s in ALL if s != "majority")
    result = zonal_statistics_of_array(labels, values, 25, statistics, THRESHOLDS, block_rows)
    assert_matches(result, expected, shares, statistics)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    rows=st.integers(1, 40),
    cols=st.integers(1, 40),
    unit_count=st.integers(1, 30),
    nodata_share=st.sampled_from([0.0, 0.3, 1.0]),
    block_rows=st.integers(1, 41),
)
def test_property_any_layout_any_block_size(seed, rows, cols, unit_count, nodata_share, block_rows):
    rng = np.random.default_rng(seed)
    labels, values = random_layout(rng, rows, cols, unit_count, nodata_share, True)
    expected, shares = brute_force(labels, values, unit_count)
    result = zonal_statistics_of_array(
        labels, values, unit_count, ALL, THRESHOLDS, block_rows=block_rows
    )
    assert_matches(result, expected, shares)


def test_std_is_stable_for_large_offsets():
    # A raw sum of squares would lose every digit here; the Chan merge does not.
    rng = np.random.default_rng(7)
    values = 1e9 + rng.normal(0, 1e-3, size=(200, 50))
    labels = np.ones(values.shape, dtype=np.int32)
    whole = zonal_statistics_of_array(labels, values, 1, ("std",))
    in_rows = zonal_statistics_of_array(labels, values, 1, ("std",), block_rows=1)
    np.testing.assert_allclose(whole["std"], values.std(), rtol=1e-6)
    np.testing.assert_allclose(in_rows["std"], whole["std"], rtol=1e-9)


def test_unit_without_valid_cells_is_nan_with_zero_count():
    labels = np.array([[1, 1, 2, 0]])
    values = np.array([[np.nan, np.nan, 5.0, 1.0]])
    result = zonal_statistics_of_array(labels, values, 3, ALL, (1.0,))
    assert result["count"].tolist() == [0, 1, 0]
    assert result["nodata"].tolist() == [2, 0, 0]
    assert np.isnan(result["mean"][[0, 2]]).all()
    assert np.isnan(result["majority"][0])
    assert result["majority"][1] == 5
    assert result.share_above(1.0)[1] == 1.0


def test_majority_ties_resolve_to_the_smallest_category():
    labels = np.array([1, 1, 1, 1, 2, 2, 2])
    values = np.array([7.0, 3.0, 7.0, 3.0, -5.0, 9.0, -5.0])
    result = zonal_statistics_of_array(labels, values, 2, ("majority",))
    assert result["majority"].tolist() == [3.0, -5.0]


def test_majority_refuses_non_integer_categories():
    accumulator = ZonalAccumulator(1, ("majority",))
    with pytest.raises(ValueError, match="integer category"):
        accumulator.add(np.array([1]), np.array([0.5]))


def test_labels_beyond_the_unit_count_are_refused():
    accumulator = ZonalAccumulator(2, ("mean",))
    with pytest.raises(ValueError, match=r"0\.\.2"):
        accumulator.add(np.array([3]), np.array([1.0]))


def test_unknown_statistic_is_refused():
    with pytest.raises(ValueError, match="median"):
        ZonalAccumulator(1, ("median",))


def test_scattered_cells_merge_with_blocks():
    # Units smaller than a cell are fed as single (label, value) cells after the blocks.
    accumulator = ZonalAccumulator(3, ("count", "mean", "min", "max", "std"))
    accumulator.add(np.array([[1, 1], [2, 0]]), np.array([[1.0, 3.0], [4.0, 9.0]]))
    accumulator.add(np.array([3, 1]), np.array([6.0, 5.0]))
    result = accumulator.result()
    assert result["count"].tolist() == [3, 1, 1]
    assert result["mean"].tolist() == [3.0, 4.0, 6.0]
    assert result["max"].tolist() == [5.0, 4.0, 6.0]
    np.testing.assert_allclose(result["std"], [np.std([1.0, 3.0, 5.0]), 0, 0])
