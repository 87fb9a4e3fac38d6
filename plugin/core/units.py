"""Evaluation units (评价单元) from disturbed polygons: slope classes, platforms and faces,
the minimum unit area merged by the longest shared border, stable numbering.

Pure numpy on label arrays; the GDAL side (rasterizing, polygonizing) is
``plugin.io.units``. Terms:

- a *parent* is one disturbed polygon (one damage type, degree and land use before
  damage), already cut by the user's zones when zones were given; a unit never crosses
  its parent's boundary, so every unit keeps one damage type, degree and land use;
- a *piece* is a 4-connected patch of cells of one parent with one slope class (and, on
  dumps and pit walls, one landform: platform 平台 or face 边坡);
- a piece smaller than the minimum unit area joins the piece of the same parent with which
  it shares the longest border; the result of all merges are the units.

Merging runs on the region adjacency graph (pieces, their areas and the border length of
every touching pair), in rounds, each one vectorised over all small pieces at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PLATFORM = "platform"
FACE = "face"
# Slope class of cells without a slope (NoData in the DEM): kept apart, never merged into
# a class by guess; a unit of such cells gets no slope class.
NO_SLOPE = -1


@dataclass(frozen=True)
class UnitRules:
    """How units are cut: slope class limits (degrees), the face limit and the damage
    types it applies to, the minimum unit area."""

    slope_limits: tuple[float, ...]
    face_slope_deg: float | None
    face_types: tuple[str, ...]
    min_area_m2: float


def slope_classes(slope_deg: np.ndarray, limits: tuple[float, ...]) -> np.ndarray:
    """Class 1.. of each slope by the limits, upper bound inclusive (上含下不含: 2° is class 1
    of limits 2, 6, …); NO_SLOPE where the slope is NaN."""
    slope = np.asarray(slope_deg, dtype=np.float64)
    classes = np.searchsorted(np.asarray(limits, dtype=np.float64), slope, side="left") + 1
    return np.where(np.isnan(slope), NO_SLOPE, classes).astype(np.int16)


def slope_class_label(slope_class: int, limits: tuple[float, ...]) -> str:
    """'≤2°', '2–6°', …, '>25°' for class 1.. of the limits; '' for NO_SLOPE."""
    if slope_class < 1 or slope_class > len(limits) + 1:
        return ""
    if slope_class == 1:
        return f"≤{limits[0]:g}°"
    if slope_class == len(limits) + 1:
        return f">{limits[-1]:g}°"
    return f"{limits[slope_class - 2]:g}–{limits[slope_class - 1]:g}°"


def is_face(slope_deg: np.ndarray, face_slope_deg: float | None) -> np.ndarray:
    """Cells steeper than the face limit (strictly): the faces 边坡 of dumps and pits."""
    slope = np.nan_to_num(np.asarray(slope_deg, dtype=np.float64), nan=-np.inf)
    if face_slope_deg is None:
        return np.zeros(slope.shape, dtype=bool)
    return slope > face_slope_deg


def border_pairs(
    labels: np.ndarray, edge_x: np.ndarray | float, edge_y: np.ndarray | float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Touching pairs of different labels (> 0) in a block and their border length.

    ``labels`` (rows, cols); ``edge_x``: length of the border between two cells side by
    side (the cell height), ``edge_y``: between two cells one above the other (the cell
    width), scalars or per row (rows,) — ground metres. Returns (a, b, length) with a < b,
    one entry per distinct pair.
    """
    rows = labels.shape[0]
    edge_x = np.broadcast_to(np.asarray(edge_x, dtype=np.float64), (rows,))
    edge_y = np.broadcast_to(np.asarray(edge_y, dtype=np.float64), (rows,))
    left, right = labels[:, :-1], labels[:, 1:]
    across = (left != right) & (left > 0) & (right > 0)
    row_of = np.nonzero(across)[0]
    a = [left[across]]
    b = [right[across]]
    length = [edge_x[row_of]]
    if rows > 1:
        top, bottom = labels[:-1], labels[1:]
        down = (top != bottom) & (top > 0) & (bottom > 0)
        row_of = np.nonzero(down)[0]
        a.append(top[down])
        b.append(bottom[down])
        # The border between rows r and r + 1: the mean width of the two rows' cells.
        length.append(0.5 * (edge_y[row_of] + edge_y[row_of + 1]))
    return combine_pairs(np.concatenate(a), np.concatenate(b), np.concatenate(length))


def rows_between(
    upper: np.ndarray, lower: np.ndarray, edge_y: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Touching pairs between the last row of one block and the first row of the next."""
    touch = (upper != lower) & (upper > 0) & (lower > 0)
    count = int(touch.sum())
    return combine_pairs(upper[touch], lower[touch], np.full(count, float(edge_y)))


def combine_pairs(
    a: np.ndarray, b: np.ndarray, length: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs ordered (low, high), duplicates summed."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    low, high = np.minimum(a, b), np.maximum(a, b)
    if low.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    # Labels stay below 2**31 (GDAL's Int32 rasters): one int64 key per pair.
    unique, inverse = np.unique(low << 32 | high, return_inverse=True)
    summed = np.bincount(inverse.ravel(), weights=np.asarray(length, float), minlength=len(unique))
    return unique >> 32, unique & 0xFFFFFFFF, summed


def merge_small(
    area: np.ndarray,
    group: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    min_area: float,
) -> np.ndarray:
    """The unit (a root piece) of every piece once pieces below ``min_area`` are merged.

    ``area`` and ``group`` are indexed by piece label (index 0 unused); pieces merge only
    within their group (the parent). In each round every piece still below the minimum
    joins the neighbour of its group with which it shares the longest border (ties: the
    larger neighbour, then the lower label), all at once; rounds repeat until no small
    piece has a neighbour left in its group (a parent smaller than the minimum ends as one
    unit). Returns ``root`` with root[label] = the label of the unit's root piece.
    """
    count = area.shape[0]
    root = np.arange(count, dtype=np.int64)
    a, b, length = pairs
    for _ in range(count):
        unit_area = np.bincount(root, weights=area, minlength=count)
        ra, rb = root[a], root[b]
        keep = (ra != rb) & (group[ra] == group[rb])
        ra, rb, border = combine_pairs(ra[keep], rb[keep], length[keep])
        # Both directions: each small root picks among all its neighbours.
        source = np.concatenate([ra, rb])
        target = np.concatenate([rb, ra])
        border = np.concatenate([border, border])
        small = unit_area[source] < min_area
        source, target, border = source[small], target[small], border[small]
        if source.size == 0:
            return _join_separate_parts(root, area, group, min_area)
        # Best neighbour per source: longest border, then larger area, then lower label.
        order = np.lexsort((target, -unit_area[target], -border, source))
        source, target = source[order], target[order]
        first = np.ones(source.size, dtype=bool)
        first[1:] = source[1:] != source[:-1]
        chosen = np.arange(count, dtype=np.int64)
        chosen[source[first]] = target[first]
        # Two small pieces choosing each other: the lower label stays the root.
        mutual = chosen[chosen] == np.arange(count)
        stays = mutual & (np.arange(count) < chosen)
        chosen[stays] = np.arange(count)[stays]
        # Chains (a → b → c) resolve to their end: no cycles remain, since the choice
        # follows a strict order on borders.
        while True:
            jumped = chosen[chosen]
            if np.array_equal(jumped, chosen):
                break
            chosen = jumped
        root = chosen[root]
    return root


def _join_separate_parts(
    root: np.ndarray, area: np.ndarray, group: np.ndarray, min_area: float
) -> np.ndarray:
    """Small units that touch nothing of their parent (a separate part of a multi-part
    polygon) join the parent's largest unit: a unit is never below the minimum unless its
    whole parent is."""
    count = root.shape[0]
    unit_area = np.bincount(root, weights=area, minlength=count)
    roots = np.unique(root[1:])
    order = np.lexsort((roots, -unit_area[roots], group[roots]))
    ranked = roots[order]
    first = np.ones(ranked.size, dtype=bool)
    first[1:] = group[ranked][1:] != group[ranked][:-1]
    largest_of_group = np.zeros(int(group.max()) + 1, dtype=np.int64)
    largest_of_group[group[ranked][first]] = ranked[first]
    target = np.arange(count, dtype=np.int64)
    small = roots[unit_area[roots] < min_area]
    target[small] = largest_of_group[group[small]]
    return target[root]


@dataclass(frozen=True)
class UnitTable:
    """The units after merging, numbered 1..n in a stable order.

    ``number_of_piece[label]``: the unit number of every piece (0 for label 0).
    Per unit (index number − 1): parent, slope class and landform of its largest piece,
    area in m².
    """

    number_of_piece: np.ndarray
    parent: np.ndarray
    slope_class: np.ndarray
    face: np.ndarray
    area_m2: np.ndarray


def number_units(
    root: np.ndarray,
    area: np.ndarray,
    parent: np.ndarray,
    slope_class: np.ndarray,
    face: np.ndarray,
) -> UnitTable:
    """Number the units: by parent, then platforms before faces, then slope class, then
    the first piece (pieces are labelled in scan order, so the same inputs give the same
    numbers). A unit's class and landform are those of its largest piece."""
    count = root.shape[0]
    labels = np.arange(1, count)
    roots = root[labels]
    unit_area = np.bincount(roots, weights=area[labels], minlength=count)
    # The largest piece of each unit (ties: the lower label).
    order = np.lexsort((labels, -area[labels], roots))
    first = np.ones(order.size, dtype=bool)
    first[1:] = roots[order][1:] != roots[order][:-1]
    largest = np.zeros(count, dtype=np.int64)
    largest[roots[order][first]] = labels[order][first]
    unit_roots = np.unique(roots)
    main = largest[unit_roots]
    ranked = unit_roots[
        np.lexsort((unit_roots, slope_class[main], face[main].astype(np.int8), parent[main]))
    ]
    number = np.zeros(count, dtype=np.int64)
    number[ranked] = np.arange(1, ranked.size + 1)
    main = largest[ranked]
    number_of_piece = np.zeros(count, dtype=np.int64)
    number_of_piece[labels] = number[roots]
    return UnitTable(
        number_of_piece=number_of_piece,
        parent=parent[main],
        slope_class=slope_class[main],
        face=face[main].astype(bool),
        area_m2=unit_area[ranked],
    )
