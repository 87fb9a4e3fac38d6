"""Ecological network by the minimum cumulative resistance (MCR) model on a raster grid.

    MCR(x) = min over sources s of Σ_path D_ij × R_i

computed as a shortest path on the graph of the grid's cells: every cell is joined to its
eight neighbours, and the edge between cells i and j costs their distance (one cell, or
√2 of one, in metres) × the mean of their resistances. All cells of every source start at
zero; each cell gets its cumulative resistance, the source it is nearest to in cost and
the step back towards it.

The grid is searched in bands of rows, each band (with one row of each neighbour) one
graph and one Dijkstra run (scipy.sparse.csgraph) from a virtual node joined to every cell
already reached, at that cell's cost so far. A band whose shared rows changed is searched
again, down and up the grid in turn, until no cost falls and no nearest source changes:
then every edge of the grid satisfies cost(j) ≤ cost(i) + edge(i, j), which is the
shortest-path condition, so the result is the one Dijkstra over the whole grid gives (one
band, one run, on a grid that fits one band). Memory holds one band's graph, about 200
bytes a cell of the band; the grid's costs, sources and steps (13 bytes a cell) are
arrays, or files from the caller's ``allocate`` (io.disk_grid.DiskGrid).

Corridors join two sources whose resistance zones meet (the cost-space Voronoi regions of
the two are adjacent, as in Linkage Mapper's adjacency): the corridor is the least-cost
path through the edge where the zones meet that minimises MCR_a(i) + edge(i, j) +
MCR_b(j); it runs from source a to source b through the zones of a and b only.

Cells with a missing resistance (outside the land-use data) are impassable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .bands import band_rows
from .cancel import Cancelled

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# (row offset, column offset, length in cells): each undirected neighbour pair once.
_STEPS = ((0, 1, 1.0), (1, 0, 1.0), (1, 1, math.sqrt(2.0)), (1, -1, math.sqrt(2.0)))
NO_SOURCE = -1
NO_STEP = 0
# Step codes 1…8: where the predecessor of a cell lies, (row offset, column offset).
_PREDECESSOR = np.array([(0, 0), (-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1),
                         (0, -1)])  # fmt: skip
_CODE_OF_OFFSET = np.zeros(9, dtype=np.int8)  # index (dr + 1) * 3 + (dc + 1)
_CODE_OF_OFFSET[(_PREDECESSOR[1:, 0] + 1) * 3 + _PREDECESSOR[1:, 1] + 1] = np.arange(1, 9)
# Cells of one band's graph: with its edges and SciPy's copies, about 200 MB of memory
# (a larger band searches no faster: bench/README.md).
BAND_CELLS = 1_000_000
# Cells read at a time when looking for the edges where zones meet (about 60 MB).
CORRIDOR_BAND_CELLS = 1_000_000

Allocate = Callable[[tuple[int, int], Any], Any]  # (shape, dtype) → a zero-filled grid
Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class Cumulative:
    """The MCR of every cell (inf where unreachable), its nearest source (patch id,
    NO_SOURCE if unreachable) and the step code of its predecessor on the path back
    (NO_STEP at a source or where unreachable). Arrays, or grids read by rows
    (``grid[r0:r1]``) and cells (``grid.take(i)``)."""

    cost: Any  # (rows, cols) float64
    source: Any  # (rows, cols) int32
    step: Any  # (rows, cols) int8
    band_runs: int = 1  # Dijkstra runs it took


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


def _edge_weight(length: float, cell_m: float, ra: np.ndarray, rb: np.ndarray) -> np.ndarray:
    """The cost of the edges between cells of resistance ra and rb, ``length`` cells apart:
    distance × mean resistance. The one formula of the search, the exact-parent test and
    the corridors, so that their sums agree to the last bit."""
    return length * cell_m * 0.5 * (ra + rb)


def _grid_edges(
    resistance: np.ndarray, cell_m: float
) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Heads, tails and weights (distance × mean resistance) of the 8-neighbour edges
    between passable cells, by step direction."""
    rows, cols = resistance.shape
    # 32-bit cell numbers (SciPy keeps them): half the memory of the default 64-bit ones.
    kind = np.int32 if rows * cols < np.iinfo(np.int32).max - 1 else np.int64
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
        weights.append(_edge_weight(length, cell_m, ra[keep], rb[keep]))
    return heads, tails, weights


def grid_graph(
    resistance: np.ndarray,
    cell_m: float,
    seeds: np.ndarray | None = None,
    seed_cost: np.ndarray | None = None,
) -> csr_matrix:
    """The 8-neighbour graph of the passable cells: edge = distance × mean resistance. With
    ``seeds`` (flat cell indices), one more node joined to each at its ``seed_cost``."""
    from scipy.sparse import csr_matrix

    heads, tails, weights = _grid_edges(resistance, cell_m)
    nodes = resistance.size
    if seeds is not None:
        heads.append(np.full(seeds.size, nodes, dtype=heads[0].dtype))
        tails.append(seeds.astype(tails[0].dtype))
        weights.append(np.asarray(seed_cost, dtype=float))
        nodes += 1
    weight, head, tail = np.concatenate(weights), np.concatenate(heads), np.concatenate(tails)
    del weights, heads, tails  # the parts, before SciPy makes its own copy
    return csr_matrix((weight, (head, tail)), shape=(nodes, nodes))


def cumulative_resistance(
    resistance: Any,
    sources: Any,
    cell_m: float,
    *,
    band_cells: int = BAND_CELLS,
    allocate: Allocate | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> Cumulative:
    """MCR from the source cells (``sources``: patch id > 0 per cell, 0 elsewhere), band by
    band (see the module's note). ``resistance`` and ``sources`` are read by rows."""
    rows, cols = resistance.shape
    bands = band_rows(rows, cols, band_cells)
    allocate = allocate or (lambda shape, dtype: np.zeros(shape, dtype))
    mcr = Cumulative(
        allocate((rows, cols), np.float64),
        allocate((rows, cols), np.int32),
        allocate((rows, cols), np.int8),
    )
    any_source = False
    for r0, r1 in bands:
        patch = np.asarray(sources[r0:r1])
        is_source = patch > 0
        any_source = any_source or bool(is_source.any())
        mcr.cost[r0:r1] = np.where(is_source, 0.0, np.inf)
        mcr.source[r0:r1] = np.where(is_source, patch, NO_SOURCE)
    if not any_source:
        raise ValueError("no ecological source on the grid")
    runs = _until_settled(
        len(bands),
        lambda k, again: _search_band(resistance, mcr, bands[k], cell_m, again),
        progress,
        is_cancelled,
    )
    # The lowest source of each cell: the zones depend on the costs alone (see below).
    _until_settled(
        len(bands),
        lambda k, _: _lowest_in_band(resistance, mcr, bands[k], cell_m),
        None,
        is_cancelled,
    )
    return Cumulative(mcr.cost, mcr.source, mcr.step, runs)


def _until_settled(
    count: int,
    work: Callable[[int, bool], tuple[bool, bool]],
    progress: Progress | None,
    is_cancelled: IsCancelled | None,
) -> int:
    """``work(band, again)`` on every band, then again on each band whose neighbour changed
    a row it sees (``work`` returns whether the band's first and last rows changed), down
    and up the grid in turn until none did. Returns how many times ``work`` ran."""
    dirty, done = [True] * count, [False] * count
    runs, downwards, shown = 0, True, 0.0
    while any(dirty):
        for k in range(count) if downwards else range(count - 1, -1, -1):
            if not dirty[k]:
                continue
            if is_cancelled is not None and is_cancelled():
                raise Cancelled
            dirty[k] = False
            upper, lower = work(k, done[k])
            done[k] = True
            runs += 1
            if upper and k > 0:
                dirty[k - 1] = True
            if lower and k < count - 1:
                dirty[k + 1] = True
            if progress is not None:  # never backwards, though bands may turn dirty again
                shown = max(shown, 100.0 * (count - sum(dirty)) / count)
                progress(shown)
        downwards = not downwards
    return runs


def _search_band(
    resistance: Any, mcr: Cumulative, band: tuple[int, int], cell_m: float, again: bool
) -> tuple[bool, bool]:
    """One Dijkstra run over the band and one row of each neighbour, from cells reached so
    far at their cost: every such cell the first time; ``again``, only the cells of the rows
    the neighbours share (the rest is as the band's last run left it, a shortest-path
    tree within the band). Cells reached at no more than their cost through a neighbour
    take this run's path; the others keep theirs. Returns whether the rows the band shares
    with the band above, and with the band below, changed."""
    from scipy.sparse.csgraph import dijkstra

    rows, cols = resistance.shape
    r0, r1 = band
    top, bottom = max(r0 - 1, 0), min(r1 + 1, rows)
    cost = np.asarray(mcr.cost[top:bottom], dtype=np.float64).ravel()
    seeds = np.flatnonzero(np.isfinite(cost))
    if again:
        shared_row = seeds // cols
        upper_rows, lower_rows = r0 - top + 1, (r1 - 1) - top
        seeds = seeds[(shared_row <= upper_rows) | (shared_row >= lower_rows)]
    if seeds.size == 0:
        return False, False
    nodes = cost.size
    graph = grid_graph(np.asarray(resistance[top:bottom], dtype=float), cell_m, seeds,
                       cost[seeds])  # fmt: skip
    reached, predecessor = dijkstra(graph, directed=False, indices=nodes,
                                    return_predecessors=True)  # fmt: skip
    del graph
    reached, predecessor = reached[:nodes], predecessor[:nodes]
    # Cells whose path now runs through a neighbour in the band; the others keep theirs
    # (a tie takes this run's path, so that a cell and its path always agree).
    moved = (predecessor >= 0) & (predecessor < nodes) & (reached <= cost)
    here = np.flatnonzero(moved)
    before = np.asarray(mcr.source[top:bottom]).ravel()
    root = np.arange(nodes, dtype=np.int32 if nodes < 2**31 else np.int64)
    root[here] = predecessor[here]
    while True:  # pointer jumping: each cell's path back to a cell that kept its own
        further = root[root]
        if np.array_equal(further, root):
            break
        root = further
    source = before[root]
    del root, further
    step = np.asarray(mcr.step[top:bottom]).ravel().copy()
    dr = predecessor[here] // cols - here // cols
    dc = predecessor[here] % cols - here % cols
    step[here] = _CODE_OF_OFFSET[(dr + 1) * 3 + dc + 1]
    new_cost = np.where(moved, reached, cost)
    changed = ((new_cost < cost) | (source != before)).reshape(-1, cols).any(axis=1)
    shape = (bottom - top, cols)
    mcr.cost[top:bottom] = new_cost.reshape(shape)
    mcr.source[top:bottom] = source.reshape(shape)
    mcr.step[top:bottom] = step.reshape(shape)
    # Rows seen by the band above: its last row and this band's first; likewise below.
    upper = bool(changed[: r0 - top + 1].any()) if r0 > 0 else False
    lower = bool(changed[r1 - 1 - top :].any()) if r1 < rows else False
    return upper, lower


def _lowest_in_band(
    resistance: Any, mcr: Cumulative, band: tuple[int, int], cell_m: float
) -> tuple[bool, bool]:
    """A cell as near to several sources (its cost reached exactly through neighbours of
    different sources) takes the lowest-numbered one, and its step the first (by step
    code) of its neighbours on an exact shortest path from that source: the zones, the
    corridors and their cells then depend on the costs alone, not on the order the search
    met the cells in, nor on the bands.

    The lowest source of each cell of the band (with one row of each neighbour), by
    passing lower sources down the exact shortest-path edges from the cells that changed,
    and each step to the first such edge from that source; whether the sources of its first
    row, and of its last, changed (the rows its neighbours see)."""
    rows, cols = resistance.shape
    r0, r1 = band
    top, bottom = max(r0 - 1, 0), min(r1 + 1, rows)
    cost = np.asarray(mcr.cost[top:bottom], dtype=np.float64)
    parents = _exact_parents(np.asarray(resistance[top:bottom], dtype=float), cost, cell_m)
    source = np.asarray(mcr.source[top:bottom]).ravel().copy()
    step = np.asarray(mcr.step[top:bottom]).ravel().copy()
    offsets = _PREDECESSOR[:, 0] * cols + _PREDECESSOR[:, 1]
    frontier = np.flatnonzero(np.isfinite(cost.ravel()))
    while frontier.size:
        best, code = source[frontier], step[frontier]
        for k in range(1, 9):
            exact = parents[k][frontier]
            candidate = source[np.where(exact, frontier + offsets[k], 0)]
            lower = exact & (candidate < best)
            best = np.where(lower, candidate, best)
            code = np.where(lower, np.int8(k), code)
        moved = best < source[frontier]
        cells = frontier[moved]
        source[cells], step[cells] = best[moved], code[moved]
        # Next: the cells that have a changed cell as an exact parent.
        children = []
        for k in range(1, 9):
            child = cells - offsets[k]
            child = child[(child >= 0) & (child < source.size)]
            children.append(child[parents[k][child]])
        frontier = np.unique(np.concatenate(children))
    # Each step to the first exact parent (lowest code) of the cell's own source.
    first = np.zeros(source.size, dtype=np.int8)
    for k in range(8, 0, -1):
        cells = np.flatnonzero(parents[k])
        same = source[cells + offsets[k]] == source[cells]
        first[cells[same]] = k
    first = np.where(first > 0, first, step)
    # Only the band's own rows are written: a neighbour's row lacks its other neighbours.
    own = slice((r0 - top) * cols, (r1 - top) * cols)
    kept_source = np.asarray(mcr.source[r0:r1]).ravel()
    kept_step = np.asarray(mcr.step[r0:r1]).ravel()
    if np.array_equal(source[own], kept_source) and np.array_equal(first[own], kept_step):
        return False, False
    mcr.source[r0:r1] = source[own].reshape(r1 - r0, cols)
    mcr.step[r0:r1] = first[own].reshape(r1 - r0, cols)
    changed = (source[own] != kept_source).reshape(r1 - r0, cols).any(axis=1)
    return bool(changed[0]) and r0 > 0, bool(changed[-1]) and r1 < rows


def _exact_parents(resistance: np.ndarray, cost: np.ndarray, cell_m: float) -> list[np.ndarray]:
    """Per step code k (1…8): whether the neighbour in that direction is an exact parent of
    each cell (flat): cost(neighbour) + edge == cost(cell), the edge's weight computed as
    the search computed it. Index 0 is unused."""
    rows, cols = resistance.shape
    passable = np.isfinite(resistance) & (resistance > 0)
    parents = [np.zeros(0, dtype=bool)]
    for k in range(1, 9):
        dr, dc = (int(v) for v in _PREDECESSOR[k])
        length = 1.0 if dr == 0 or dc == 0 else math.sqrt(2.0)
        found = np.zeros((rows, cols), dtype=bool)
        here = (slice(max(0, -dr), rows - max(0, dr)), slice(max(0, -dc), cols - max(0, dc)))
        there = (slice(max(0, dr), rows + min(0, dr)), slice(max(0, dc), cols + min(0, dc)))
        weight = _edge_weight(length, cell_m, resistance[there], resistance[here])
        with np.errstate(invalid="ignore"):
            found[here] = passable[here] & passable[there] & (cost[there] + weight == cost[here])
        parents.append(found.ravel())
    return parents


def corridors(
    resistance: Any, mcr: Cumulative, cell_m: float, band_cells: int = CORRIDOR_BAND_CELLS
) -> list[Corridor]:
    """One least-cost corridor per pair of sources whose zones meet, cheapest first (the
    grids read ``band_cells`` at a time)."""
    rows, cols = resistance.shape
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    for r0, r1 in band_rows(rows, cols, band_cells):
        for pair, found in _meeting_edges(resistance, mcr, r0, r1, cell_m).items():
            if pair not in best or found < best[pair]:
                best[pair] = found
    result = []
    for (low, high), (total, a_cell, b_cell) in best.items():
        path = np.concatenate([_back(mcr.step, a_cell, cols)[::-1], _back(mcr.step, b_cell, cols)])
        result.append(Corridor(low, high, total, path, _length(path, cols, cell_m)))
    return sorted(result, key=lambda c: (c.cost, c.source_a, c.source_b))


def _meeting_edges(
    resistance: Any, mcr: Cumulative, r0: int, r1: int, cell_m: float
) -> dict[tuple[int, int], tuple[float, int, int]]:
    """Per pair of zones meeting on an edge from rows r0…r1-1: the cheapest MCR_a(i) +
    edge(i, j) + MCR_b(j), with i in the lower-numbered zone (flat cells of the grid)."""
    rows, cols = resistance.shape
    bottom = min(r1 + 1, rows)
    window = np.asarray(resistance[r0:bottom], dtype=float)
    patch = np.asarray(mcr.source[r0:bottom])
    cost = np.asarray(mcr.cost[r0:bottom], dtype=float)
    passable = np.isfinite(window) & (window > 0)
    own = r1 - r0  # edges leave the band's own rows; the row below only receives them
    index = np.arange(window.size, dtype=np.int64).reshape(window.shape) + r0 * cols
    found: dict[tuple[int, int], tuple[float, int, int]] = {}
    for dr, dc, length in _STEPS:
        high_row = min(own, window.shape[0] - dr)
        c0, c1 = max(0, -dc), cols - max(0, dc)
        here = (slice(0, high_row), slice(c0, c1))
        there = (slice(dr, high_row + dr), slice(c0 + dc, c1 + dc))
        pa, pb = patch[here], patch[there]
        meet = (pa != pb) & (pa != NO_SOURCE) & (pb != NO_SOURCE)
        meet &= passable[here] & passable[there]
        if not meet.any():
            continue
        weight = _edge_weight(length, cell_m, window[here][meet], window[there][meet])
        total = cost[here][meet] + weight + cost[there][meet]
        _keep_cheapest(found, total, pa[meet], pb[meet], index[here][meet], index[there][meet])
    return found


def _keep_cheapest(
    found: dict[tuple[int, int], tuple[float, int, int]],
    total: np.ndarray,
    pa: np.ndarray,
    pb: np.ndarray,
    i: np.ndarray,
    j: np.ndarray,
) -> None:
    """Fold the cheapest edge of each pair of zones into ``found``; on a tie, the edge with
    the lowest cells, so the choice does not depend on the bands."""
    low, high = np.minimum(pa, pb), np.maximum(pa, pb)
    a_cell, b_cell = np.where(pa == low, i, j), np.where(pa == low, j, i)
    order = np.lexsort((b_cell, a_cell, total, high, low))
    first = np.ones(len(order), dtype=bool)
    first[1:] = (low[order][1:] != low[order][:-1]) | (high[order][1:] != high[order][:-1])
    for k in order[first]:
        pair = (int(low[k]), int(high[k]))
        candidate = (float(total[k]), int(a_cell[k]), int(b_cell[k]))
        if pair not in found or candidate < found[pair]:
            found[pair] = candidate


def _back(step: Any, cell: int, cols: int) -> np.ndarray:
    """The cells from ``cell`` back to its source (inclusive), by the step codes."""
    value_at = step.reshape(-1).__getitem__ if isinstance(step, np.ndarray) else _RowCache(step)
    limit = step.shape[0] * step.shape[1]
    path = [int(cell)]
    code = int(value_at(path[-1]))
    while code != NO_STEP:
        dr, dc = _PREDECESSOR[code]
        path.append(path[-1] + int(dr) * cols + int(dc))
        if len(path) > limit:
            raise ValueError("the least-cost paths loop")
        code = int(value_at(path[-1]))
    return np.array(path, dtype=np.int64)


class _RowCache:
    """Cells of a grid read by rows (a file), a few blocks of rows kept: a path moves a row
    at a time, so most of its steps are in a block already read."""

    ROWS = 64
    BLOCKS = 8

    def __init__(self, grid: Any) -> None:
        self.grid, self.cols = grid, grid.shape[1]
        self.blocks: dict[int, np.ndarray] = {}

    def __call__(self, index: int) -> Any:
        row, col = divmod(index, self.cols)
        first = row - row % self.ROWS
        block = self.blocks.get(first)
        if block is None:
            if len(self.blocks) >= self.BLOCKS:
                self.blocks.pop(next(iter(self.blocks)))  # the oldest
            block = self.blocks[first] = np.asarray(self.grid[first : first + self.ROWS])
        return block[row - first, col]


def step_lengths(path: np.ndarray, cols: int, cell_m: float) -> np.ndarray:
    """The length (m) of each step of a path of flat cell indices on a grid ``cols`` wide."""
    rows, columns = np.divmod(path, cols)
    return np.hypot(np.diff(rows), np.diff(columns)) * cell_m


def _length(path: np.ndarray, cols: int, cell_m: float) -> float:
    return float(step_lengths(path, cols, cell_m).sum())


def path_cost(path: np.ndarray, resistance: Any, cell_m: float) -> float:
    """The cumulative resistance of a given path over a (possibly other) resistance (an
    array, or a grid with ``take``)."""
    values = np.asarray(resistance.take(path), dtype=float)
    return path_sum(path, values, resistance.shape[1], cell_m)


def path_sum(path: np.ndarray, values: np.ndarray, cols: int, cell_m: float) -> float:
    """Σ step length × the mean of the values of its two cells, along a path of flat cell
    indices on a grid ``cols`` wide (``values``: one per cell of the path)."""
    steps = step_lengths(path, cols, cell_m)
    return float((steps * 0.5 * (values[:-1] + values[1:])).sum())


def source_patches(
    usable: Any,
    cell_area_m2: float,
    min_area_hm2: float,
    *,
    out: Any = None,
    band_cells: int = CORRIDOR_BAND_CELLS,
) -> Any:
    """Patch ids (1, 2, …; 0 elsewhere) of the 8-connected cells of ``usable`` (> 0) of at
    least ``min_area_hm2``, numbered north to south, west to east by their first cell.

    Band by band: each band's patches are labelled (SciPy), joined to those of the band
    above that touch them, then numbered once their whole area is known. ``usable`` is read
    by rows; the ids are written to ``out`` (int32; a new array by default)."""
    from scipy.ndimage import label

    rows, cols = usable.shape
    out = np.zeros((rows, cols), dtype=np.int32) if out is None else out
    sizes, firsts, links = [np.zeros(1, dtype=np.int64)], [np.zeros(1, dtype=np.int64)], []
    count, above = 0, None
    for r0, r1 in band_rows(rows, cols, band_cells):
        labels, found = label(np.asarray(usable[r0:r1]) > 0, np.ones((3, 3), dtype=bool))
        labels = np.where(labels > 0, labels + count, 0).astype(np.int32)
        numbers, first, size = np.unique(labels, return_index=True, return_counts=True)
        sizes.append(size[numbers > 0])
        firsts.append(first[numbers > 0] + r0 * cols)
        if above is not None:
            links.append(_touching(above, labels[0]))
        out[r0:r1] = labels
        above, count = labels[-1].copy(), count + found
    if count == 0:
        return out
    renumber = _patch_numbers(
        np.concatenate(sizes), np.concatenate(firsts), links, cell_area_m2, min_area_hm2
    )
    for r0, r1 in band_rows(rows, cols, band_cells):
        out[r0:r1] = renumber[np.asarray(out[r0:r1])]
    return out


def _touching(above: np.ndarray, below: np.ndarray) -> np.ndarray:
    """Pairs of labels (> 0) on two successive rows that touch, diagonals included."""
    pairs = []
    cols = above.size
    for shift in (-1, 0, 1):
        a = above[max(0, shift) : cols + min(0, shift)]
        b = below[max(0, -shift) : cols + min(0, -shift)]
        both = (a > 0) & (b > 0)
        pairs.append(np.stack([a[both], b[both]], axis=1))
    return np.concatenate(pairs)


def _patch_numbers(
    sizes: np.ndarray,
    firsts: np.ndarray,
    links: list[np.ndarray],
    cell_area_m2: float,
    min_area_hm2: float,
) -> np.ndarray:
    """Final id (0 if too small) of each band label (index 0: no patch): labels joined by
    ``links`` form one patch; the kept patches numbered by their first cell."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    labels = sizes.size  # band labels 1…n, and 0
    pairs = np.concatenate(links) if links else np.zeros((0, 2), dtype=np.int64)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(labels, labels))
    _, patch = connected_components(graph, directed=False)
    patch_cells = np.bincount(patch[1:], weights=sizes[1:])
    patch_first = np.full(patch_cells.size, np.iinfo(np.int64).max)
    np.minimum.at(patch_first, patch[1:], firsts[1:])
    keep = patch_cells * cell_area_m2 * 1e-4 >= min_area_hm2
    number = np.zeros(patch_cells.size, dtype=np.int32)
    kept = np.flatnonzero(keep)
    number[kept[np.argsort(patch_first[kept], kind="stable")]] = np.arange(1, kept.size + 1)
    renumber = number[patch]
    renumber[0] = 0
    return renumber


def unit_crossings(
    corridor_list: list[Corridor],
    unit_labels: Any,
    resistance_now: Any,
    resistance_after: Any,
    cell_m: float,
) -> Mapping[int, tuple[int, float, float]]:
    """Per unit label (> 0): how many corridors cross it, their length inside it (m) and the
    resistance × m its reclamation removes from them (a lower bound of what the corridors
    gain: the old path alone becomes that much cheaper)."""
    cols = unit_labels.shape[1]
    result: dict[int, list[float]] = {}
    for corridor in corridor_list:
        path = corridor.cells
        steps = step_lengths(path, cols, cell_m)
        # Each step counts half to each of its two cells.
        share = np.zeros(len(path))
        share[:-1] += 0.5 * steps
        share[1:] += 0.5 * steps
        removed = resistance_now.take(path) - resistance_after.take(path)
        gain = share * np.maximum(removed, 0.0)
        labels = unit_labels.take(path)
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
