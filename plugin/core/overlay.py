"""Attributes of overlapping polygons transferred to units, from the overlay's pieces.

Input: one row per intersection piece (unit index 1..n, piece area, attribute value), as
QGIS's native intersection produces them. Numeric attributes become the area-weighted mean
over the pieces with a value; categorical ones the value covering the largest area (ties
go to the smaller code). Units without a piece get NaN. No loop over units or pieces.
"""

from __future__ import annotations

import numpy as np


def area_weighted_mean(
    units: np.ndarray, areas: np.ndarray, values: np.ndarray, unit_count: int
) -> np.ndarray:
    """Mean of ``values`` per unit weighted by piece area (NaN values do not count)."""
    units, areas, values = _pieces(units, areas, values)
    valid = ~np.isnan(values) & (areas > 0)
    weight = np.bincount(units[valid] - 1, weights=areas[valid], minlength=unit_count)
    total = np.bincount(
        units[valid] - 1, weights=areas[valid] * values[valid], minlength=unit_count
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weight > 0, total / weight, np.nan)[:unit_count]


def largest_overlap(
    units: np.ndarray, areas: np.ndarray, values: np.ndarray, unit_count: int
) -> np.ndarray:
    """The value covering the largest share of each unit (summed over its pieces)."""
    units, areas, values = _pieces(units, areas, values)
    valid = ~np.isnan(values) & (areas > 0)
    units, areas, values = units[valid], areas[valid], values[valid]
    result = np.full(unit_count, np.nan)
    if units.size == 0:
        return result
    categories, code = np.unique(values, return_inverse=True)
    pair = (units - 1).astype(np.int64) * len(categories) + code
    keys, inverse = np.unique(pair, return_inverse=True)
    summed = np.bincount(inverse, weights=areas)
    key_unit, key_code = np.divmod(keys, len(categories))
    # Sort by unit, then area descending, then code ascending: the first row per unit wins.
    order = np.lexsort((key_code, -summed, key_unit))
    first = np.r_[True, key_unit[order][1:] != key_unit[order][:-1]]
    winners = order[first]
    result[key_unit[winners]] = categories[key_code[winners]]
    return result


def _pieces(
    units: np.ndarray, areas: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.asarray(units, dtype=np.int64),
        np.asarray(areas, dtype=np.float64),
        np.asarray(values, dtype=np.float64),
    )
