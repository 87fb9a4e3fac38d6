"""Ecological network by the minimum cumulative resistance (MCR) model on a raster grid.

    MCR(x) = min over sources s of Σ_path D_ij × R_i

computed as a shortest path on the graph of the grid's cells: every cell is joined to its
eight neighbours, and the edge between cells i and j costs their distance (one cell, or
√2 of one, in metres) × the mean of their resistances. All cells of every source start at
zero, so one Dijkstra run (scipy.sparse.csgraph, ``min_only``) gives each cell its
cumulative resistance, the source it is nearest to in cost and the path back to it.

Corridors join two sources whose resistance zones meet (the cost-space Voronoi regions of
the two are adjacent, as in Linkage Mapper's adjacency): the corridor is the least-cost
path through the edge where the zones meet that minimises MCR_a(i) + edge(i, j) +
MCR_b(j); it runs from source a to source b through the zones of a and b only.

Cells with a missing resistance (outside the land-use data) are impassable. The whole grid
is one graph, so memory grows with the cell count (about 200 bytes a cell at peak): the caller
bounds it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# (row offset, column offset, length in cells): each undirected neighbour pair once.
_STEPS = ((0, 1, 1.0), (1, 0, 1.0), (1, 1, math.sqrt(2.0)), (1, -1, math.sqrt(2.0)))
NO_SOURCE = -1


@dataclass(frozen=True)
class Cumulative:
    """The MCR of every cell, its nearest source (patch id, NO_SOURCE if unreachable) and
    the predecessor of each cell on its path back (-9999 at a source or unreachable)."""

    cost: np.ndarray  # (rows, cols) float, inf where unreachable
    source: np.ndarray  # (rows, cols) int
    predecessor: np.ndarray  # (rows * cols,) int


@dataclass(frozen=True)
class Corridor:
    source_a: int
    source_b: int
    cost: float  # cumulative resistance of the path (resistance × m)
    cells: np.ndarray  # flat cell indices from source a to source b
    length_m: float


def resistance_surface(
    land_resistance: np.ndarray,
    damage_resistance: np.ndarray | None = None,
    slope_deg: np.ndarray | None = None,
    slope_classes: tuple[tuple[float, float], ...] = (),
) -> np.ndarray:
    """The resistance of each cell: that of its land use, replaced by that of its damage
    where damaged (finite), times the factor of its slope class. NaN stays NaN."""
    resistance = np.array(land_resistance, dtype=float)
    if damage_resistance is not None:
        damaged = np.isfinite(damage_resistance)
        resistance[damaged] = damage_resistance[damaged]
    if slope_deg is not None and slope_classes:
        uppers = np.array([upper for upper, _ in slope_classes])
        factors = np.array([factor for _, factor in slope_classes])
        slope = np.nan_to_num(slope_deg, nan=0.0)
        index = np.minimum(np.searchsorted(uppers, slope, side="left"), len(factors) - 1)
        resistance *= factors[index]
    return resistance


def disturbance_factor(
    disturbed: np.ndarray, cell_m: float, bands: tuple[tuple[float, float], ...]
) -> np.ndarray:
    """× the factor of the first band (distance m, factor) whose distance a cell's distance
    to the nearest disturbed cell does not exceed (disturbed cells: distance 0); 1 beyond
    the last band, and everywhere without bands or disturbance."""
    if not bands or not disturbed.any():
        return np.ones(disturbed.shape)
    from scipy.ndimage import distance_transform_edt

    distance = distance_transform_edt(~disturbed) * cell_m
    uppers = np.array([upper for upper, _ in bands])
    factors = np.append([factor for _, factor in bands], 1.0)
    return factors[np.searchsorted(uppers, distance, side="left")]


def grid_graph(resistance: np.ndarray, cell_m: float) -> csr_matrix:
    """The 8-neighbour graph of the passable cells: edge = distance × mean resistance."""
    from scipy.sparse import csr_matrix

    rows, cols = resistance.shape
    # 32-bit cell numbers (SciPy keeps them): half the memory of the default 64-bit ones.
    kind = np.int32 if rows * cols < np.iinfo(np.int32).max else np.int64
    index = np.arange(rows * cols, dtype=kind).reshape(rows, cols)
    passable = np.isfinite(resistance) & (resistance > 0)
    heads, tails, weights = [], [], []
    for dr, dc, length in _STEPS:
        r0, r1 = 0, rows - dr
        c0, c1 = max(0, -dc), cols - max(0, dc)
        a = index[r0:r1, c0:c1]
        b = index[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        ra = resistance[r0:r1, c0:c1]
        rb = resistance[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        keep = passable[r0:r1, c0:c1] & passable[r0 + dr : r1 + dr, c0 + dc : c1 + dc]
        heads.append(a[keep])
        tails.append(b[keep])
        weights.append(length * cell_m * 0.5 * (ra[keep] + rb[keep]))
    weight, head, tail = np.concatenate(weights), np.concatenate(heads), np.concatenate(tails)
    del weights, heads, tails  # the parts, before SciPy makes its own copy
    return csr_matrix((weight, (head, tail)), shape=(rows * cols, rows * cols))


def cumulative_resistance(graph: csr_matrix, sources: np.ndarray) -> Cumulative:
    """MCR from the source cells (``sources``: patch id > 0 per cell, 0 elsewhere)."""
    from scipy.sparse.csgraph import dijkstra

    starts = np.flatnonzero(sources.ravel() > 0)
    if starts.size == 0:
        raise ValueError("no ecological source on the grid")
    cost, predecessor, nearest = dijkstra(
        graph, directed=False, indices=starts, min_only=True, return_predecessors=True
    )
    patch = np.full(nearest.shape, NO_SOURCE, dtype=np.int64)
    reached = nearest >= 0
    patch[reached] = sources.ravel()[nearest[reached]]
    return Cumulative(cost.reshape(sources.shape), patch.reshape(sources.shape), predecessor)


def corridors(graph: csr_matrix, mcr: Cumulative, cell_m: float) -> list[Corridor]:
    """One least-cost corridor per pair of sources whose zones meet, cheapest first."""
    # The edges' heads from the compressed rows; their tails and weights as they are.
    heads = np.repeat(np.arange(graph.shape[0], dtype=graph.indices.dtype), np.diff(graph.indptr))
    patch = mcr.source.ravel()
    cost = mcr.cost.ravel()
    pa, pb = patch[heads], patch[graph.indices]
    meet = (pa != pb) & (pa != NO_SOURCE) & (pb != NO_SOURCE)
    del pa, pb
    if not meet.any():
        return []
    i, j, w = heads[meet], graph.indices[meet], graph.data[meet]
    pa, pb = patch[i], patch[j]
    total = cost[i] + w + cost[j]
    low, high = np.minimum(pa, pb), np.maximum(pa, pb)
    order = np.lexsort((total, high, low))
    pair = np.stack([low[order], high[order]], axis=1)
    first = np.ones(len(order), dtype=bool)
    first[1:] = np.any(pair[1:] != pair[:-1], axis=1)
    found = []
    for k in order[first]:
        a_cell, b_cell = (i[k], j[k]) if patch[i[k]] == low[k] else (j[k], i[k])
        path = np.concatenate(
            [_back(mcr.predecessor, a_cell)[::-1], _back(mcr.predecessor, b_cell)]
        )
        found.append(
            Corridor(int(low[k]), int(high[k]), float(total[k]), path, _length(path, mcr, cell_m))
        )
    return sorted(found, key=lambda c: c.cost)


def _back(predecessor: np.ndarray, cell: int) -> np.ndarray:
    """The cells from ``cell`` back to its source (inclusive)."""
    path = [int(cell)]
    while predecessor[path[-1]] >= 0:
        path.append(int(predecessor[path[-1]]))
    return np.array(path, dtype=np.int64)


def step_lengths(path: np.ndarray, cols: int, cell_m: float) -> np.ndarray:
    """The length (m) of each step of a path of flat cell indices on a grid ``cols`` wide."""
    rows, columns = np.divmod(path, cols)
    return np.hypot(np.diff(rows), np.diff(columns)) * cell_m


def _length(path: np.ndarray, mcr: Cumulative, cell_m: float) -> float:
    return float(step_lengths(path, mcr.cost.shape[1], cell_m).sum())


def path_cost(path: np.ndarray, resistance: np.ndarray, cell_m: float) -> float:
    """The cumulative resistance of a given path over a (possibly other) resistance."""
    flat = resistance.ravel()
    steps = step_lengths(path, resistance.shape[1], cell_m)
    return float((steps * 0.5 * (flat[path[:-1]] + flat[path[1:]])).sum())


def source_patches(is_source: np.ndarray, cell_area_m2: float, min_area_hm2: float) -> np.ndarray:
    """Patch ids (1, 2, …; 0 elsewhere) of the 8-connected source cells of at least
    ``min_area_hm2``, numbered north to south, west to east by their first cell."""
    from scipy.ndimage import label

    labels, count = label(is_source, structure=np.ones((3, 3), dtype=bool))
    if count == 0:
        return np.zeros(is_source.shape, dtype=np.int64)
    sizes = np.bincount(labels.ravel(), minlength=count + 1) * cell_area_m2 * 1e-4
    keep = sizes >= min_area_hm2
    keep[0] = False
    renumber = np.zeros(count + 1, dtype=np.int64)
    renumber[keep] = np.arange(1, int(keep.sum()) + 1)
    return renumber[labels]


def unit_crossings(
    corridor_list: list[Corridor],
    unit_labels: np.ndarray,
    resistance_now: np.ndarray,
    resistance_after: np.ndarray,
    cell_m: float,
) -> Mapping[int, tuple[int, float, float]]:
    """Per unit label (> 0): how many corridors cross it, their length inside it (m) and the
    resistance × m its reclamation removes from them (a lower bound of what the corridors
    gain: the old path alone becomes that much cheaper)."""
    flat_units = unit_labels.ravel()
    now, after = resistance_now.ravel(), resistance_after.ravel()
    cols = unit_labels.shape[1]
    result: dict[int, list[float]] = {}
    for corridor in corridor_list:
        path = corridor.cells
        steps = step_lengths(path, cols, cell_m)
        # Each step counts half to each of its two cells.
        share = np.zeros(len(path))
        share[:-1] += 0.5 * steps
        share[1:] += 0.5 * steps
        gain = share * np.maximum(now[path] - after[path], 0.0)
        labels = flat_units[path]
        inside = labels > 0
        units, which = np.unique(labels[inside], return_inverse=True)
        lengths = np.bincount(which, weights=share[inside], minlength=len(units))
        gains = np.bincount(which, weights=gain[inside], minlength=len(units))
        for unit, length, removed in zip(units.tolist(), lengths, gains, strict=True):
            entry = result.setdefault(int(unit), [0, 0.0, 0.0])
            entry[0] += 1
            entry[1] += float(length)
            entry[2] += float(removed)
    return {unit: (int(c), length, gain) for unit, (c, length, gain) in result.items()}
