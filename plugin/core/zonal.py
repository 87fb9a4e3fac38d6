"""Per-unit statistics of raster cells, accumulated block by block.

Feed a :class:`ZonalAccumulator` with ``(labels, values)`` pairs of any shape: ``labels``
holds the unit of each cell (0 = no unit, 1..n = unit index), ``values`` the cell values
(float, NaN = NoData). Every statistic is merged exactly across blocks, so the result is
the same (to rounding, 1e-12 relative) whatever the block size or order:

- count, sum, nodata count, threshold counts: ``bincount`` sums;
- min and max: ``fmin/fmax.reduceat`` over runs of equal labels (raster labels come in
  long runs along rows), then over the runs sorted by label: no per-cell ``ufunc.at``;
- std: the population standard deviation (ddof = 0). Per block, the sum of squared
  deviations from the block's own mean, both taken on values minus a fixed per-unit
  reference (one of the unit's values), merged with Chan et al.'s pairwise formula:
  never a raw sum of squares, so 1e9 +- 1e-3 keeps its digits;
- majority: counts of (unit, category) pairs as sorted int64 keys, merged per block;
  memory grows with the number of distinct pairs, not with the number of cells.

Nothing loops over cells or units in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

STATISTICS = ("count", "nodata", "sum", "mean", "min", "max", "std", "majority")
DEFAULT_STATISTICS = ("count", "mean", "min", "max")

# Majority keys pack (unit label, category) into one int64: label in the high 32 bits,
# the category offset to an unsigned 32-bit number in the low ones, so the key order is
# (label, category) order and ties resolve to the smallest category.
_CATEGORY_OFFSET = 2**31
_CATEGORY_BITS = 32
_CATEGORY_MASK = 2**32 - 1


@dataclass(frozen=True)
class ZonalStatistics:
    """Statistics per unit: index i of every array is the unit labelled i + 1.

    ``values`` maps a statistic name to a float64 array (NaN where a unit has no valid
    cell; ``count`` and ``nodata`` are 0 there). ``shares`` has one column per threshold:
    the fraction of a unit's valid cells whose value is strictly above it.
    """

    values: dict[str, np.ndarray]
    thresholds: tuple[float, ...] = ()
    shares: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    def share_above(self, threshold: float) -> np.ndarray:
        """Fraction of valid cells above ``threshold`` (one of the accumulated ones)."""
        return self.shares[:, self.thresholds.index(threshold)]


class ZonalAccumulator:
    """Accumulates per-unit statistics of labelled cells, one block at a time."""

    def __init__(
        self,
        unit_count: int,
        statistics: Iterable[str] = DEFAULT_STATISTICS,
        thresholds: Sequence[float] = (),
    ) -> None:
        self.unit_count = int(unit_count)
        self.statistics = tuple(dict.fromkeys(statistics))
        unknown = set(self.statistics) - set(STATISTICS)
        if unknown:
            raise ValueError(
                f"unknown statistic(s) {sorted(unknown)}; known: {', '.join(STATISTICS)}"
            )
        self.thresholds = tuple(float(t) for t in thresholds)
        wanted = set(self.statistics)
        self._wants_minmax = bool(wanted & {"min", "max"})
        self._wants_std = "std" in wanted
        self._wants_majority = "majority" in wanted
        size = self.unit_count + 1  # slot 0 collects unlabelled cells and is dropped
        self._count = np.zeros(size)
        self._nodata = np.zeros(size)
        self._sum = np.zeros(size)
        self._reference = np.zeros(size)  # per-unit shift of the std accumulation
        self._deviation_mean = np.zeros(size)  # running mean of values - reference
        self._m2 = np.zeros(size)  # running sum of squared deviations from the mean
        self._min = np.full(size, np.nan)
        self._max = np.full(size, np.nan)
        self._above = np.zeros((len(self.thresholds), size))
        self._pair_keys = np.empty(0, dtype=np.int64)
        self._pair_counts = np.empty(0, dtype=np.int64)

    # -- feeding ---------------------------------------------------------------------------

    def add(self, labels: np.ndarray, values: np.ndarray) -> None:
        """Accumulate one block: ``labels`` (ints, 0 = no unit) and ``values`` (NaN = NoData)."""
        labels = np.asarray(labels).reshape(-1)
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        if labels.shape != values.shape:
            raise ValueError(f"labels {labels.shape} and values {values.shape} differ in size")
        if labels.size == 0:
            return
        labels = labels.astype(np.intp, copy=False)
        size = self.unit_count + 1
        cells = np.bincount(labels, minlength=size).astype(np.float64)  # raises if < 0
        if cells.size != size:
            raise ValueError(f"labels must lie in 0..{self.unit_count}, got {labels.max()}")
        missing = np.flatnonzero(np.isnan(values))
        filled = values
        nodata = np.zeros(size)
        if missing.size:  # NoData is usually sparse: fix up those cells only
            nodata = np.bincount(labels[missing], minlength=size).astype(np.float64)
            filled = values.copy()
            filled[missing] = 0.0
        count = cells - nodata
        self._nodata += nodata
        self._sum += np.bincount(labels, weights=filled, minlength=size)
        for row, threshold in enumerate(self.thresholds):
            # NaN > threshold is False: NoData cells never count as above.
            self._above[row] += np.bincount(labels, weights=values > threshold, minlength=size)
        if self._wants_std or self._wants_majority:
            valid = np.ones(values.size, dtype=bool)
            valid[missing] = False
            if self._wants_std:
                self._merge_moments(labels, values, valid, count)
            if self._wants_majority:
                self._merge_pairs(labels[valid], values[valid])
        self._count += count
        if self._wants_minmax:
            self._merge_extremes(labels, values)

    def _merge_moments(
        self, labels: np.ndarray, values: np.ndarray, valid: np.ndarray, count: np.ndarray
    ) -> None:
        # Work on deviations from a fixed reference per unit (one of its values, taken when
        # the unit is first seen): they stay small, so neither the block's moments nor the
        # Chan merge lose digits to cancellation, even for values like 1e9 +- 1e-3.
        new = self._count == 0
        reference = self._reference.copy()
        reference[labels[valid]] = values[valid]
        self._reference[new] = reference[new]
        deviation = np.where(valid, values - self._reference[labels], 0.0)
        size = self._count.size
        with np.errstate(invalid="ignore", divide="ignore"):
            block_mean = np.where(count > 0, np.bincount(labels, deviation, size) / count, 0.0)
        centred = np.where(valid, deviation - block_mean[labels], 0.0)
        block_m2 = np.bincount(labels, weights=centred * centred, minlength=size)
        total = self._count + count
        delta = block_mean - self._deviation_mean
        with np.errstate(invalid="ignore", divide="ignore"):
            weight = np.where(total > 0, self._count * count / total, 0.0)
            step = np.where(total > 0, delta * count / total, 0.0)
        self._deviation_mean += step
        self._m2 += block_m2 + delta * delta * weight

    def _merge_extremes(self, labels: np.ndarray, values: np.ndarray) -> None:
        run_labels, run_min, run_max = _run_extremes(labels, values)
        units, unit_min, unit_max = _group_extremes(run_labels, run_min, run_max)
        self._min[units] = np.fmin(self._min[units], unit_min)
        self._max[units] = np.fmax(self._max[units], unit_max)

    def _merge_pairs(self, labels: np.ndarray, values: np.ndarray) -> None:
        keep = labels > 0
        labels, values = labels[keep], values[keep]
        categories = values.astype(np.int64)
        if not np.array_equal(categories, values) or (
            categories.size
            and (categories.min() < -_CATEGORY_OFFSET or categories.max() >= _CATEGORY_OFFSET)
        ):
            raise ValueError("majority needs integer category codes within the int32 range")
        keys = (labels.astype(np.int64) << _CATEGORY_BITS) | (categories + _CATEGORY_OFFSET)
        keys, counts = _run_counts(keys)
        merged_keys = np.concatenate([self._pair_keys, keys])
        merged_counts = np.concatenate([self._pair_counts, counts])
        self._pair_keys, inverse = np.unique(merged_keys, return_inverse=True)
        self._pair_counts = np.bincount(inverse, weights=merged_counts).astype(np.int64)

    # -- results ---------------------------------------------------------------------------

    def cells_per_unit(self) -> np.ndarray:
        """Cells (valid or NoData) fed so far for each unit; index i = unit i + 1."""
        return self._count[1:] + self._nodata[1:]

    def result(self) -> ZonalStatistics:
        """The statistics of everything fed so far (the accumulator stays usable)."""
        count = self._count[1:]
        empty = count == 0
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(empty, np.nan, self._sum[1:] / count)
            shares = np.where(empty, np.nan, self._above[:, 1:] / count).T
            std = np.where(empty, np.nan, np.sqrt(self._m2[1:] / count))
        available = {
            "count": lambda: count.copy(),
            "nodata": lambda: self._nodata[1:].copy(),
            "sum": lambda: np.where(empty, np.nan, self._sum[1:]),
            "mean": lambda: mean,
            "min": lambda: self._min[1:].copy(),
            "max": lambda: self._max[1:].copy(),
            "std": lambda: std,
            "majority": self._majority,
        }
        values = {name: available[name]() for name in self.statistics}
        return ZonalStatistics(values, self.thresholds, np.ascontiguousarray(shares))

    def _majority(self) -> np.ndarray:
        majority = np.full(self.unit_count, np.nan)
        if self._pair_keys.size == 0:
            return majority
        labels = self._pair_keys >> _CATEGORY_BITS
        categories = (self._pair_keys & _CATEGORY_MASK) - _CATEGORY_OFFSET
        starts = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
        best = np.maximum.reduceat(self._pair_counts, starts)
        # Keys are sorted by (label, category): the first pair reaching the best count
        # of its unit holds the smallest category among the ties.
        run_of_pair = np.repeat(np.arange(starts.size), np.diff(np.r_[starts, labels.size]))
        winners = self._pair_counts == best[run_of_pair]
        first = np.r_[True, run_of_pair[winners][1:] != run_of_pair[winners][:-1]]
        chosen = np.flatnonzero(winners)[first]
        majority[labels[chosen] - 1] = categories[chosen]
        return majority


def _run_starts(labels: np.ndarray) -> np.ndarray:
    """Indices where a new run of equal labels begins."""
    return np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])


def _run_extremes(labels: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, ...]:
    """Label, NaN-ignoring min and max of every run of equal labels."""
    starts = _run_starts(labels)
    return (
        labels[starts],
        np.fmin.reduceat(values, starts),
        np.fmax.reduceat(values, starts),
    )


def _group_extremes(
    labels: np.ndarray, minima: np.ndarray, maxima: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Reduce per-run extremes to per-label extremes (labels sorted, then reduceat)."""
    order = np.argsort(labels, kind="stable")
    labels = labels[order]
    starts = _run_starts(labels)
    return (
        labels[starts],
        np.fmin.reduceat(minima[order], starts),
        np.fmax.reduceat(maxima[order], starts),
    )


def _run_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and their counts; run-length first, since categories come in runs."""
    if keys.size == 0:
        return keys, np.empty(0, dtype=np.int64)
    starts = _run_starts(keys)
    lengths = np.diff(np.r_[starts, keys.size])
    unique, inverse = np.unique(keys[starts], return_inverse=True)
    return unique, np.bincount(inverse, weights=lengths).astype(np.int64)


def zonal_statistics_of_array(
    labels: np.ndarray,
    values: np.ndarray,
    unit_count: int,
    statistics: Iterable[str] = DEFAULT_STATISTICS,
    thresholds: Sequence[float] = (),
    block_rows: int | None = None,
) -> ZonalStatistics:
    """Statistics of a whole in-memory label/value pair (optionally fed in row blocks)."""
    accumulator = ZonalAccumulator(unit_count, statistics, thresholds)
    labels = np.atleast_2d(labels)
    values = np.atleast_2d(values)
    step = block_rows or labels.shape[0]
    for row0 in range(0, labels.shape[0], max(step, 1)):
        accumulator.add(labels[row0 : row0 + step], values[row0 : row0 + step])
    return accumulator.result()
