"""The MCR network: cumulative resistance against a brute-force Dijkstra written here (one
band and many bands of rows), corridors through the only gap of a wall, source patches by
area, resistance rules."""

from __future__ import annotations

import copy
import heapq
import json
import math

import numpy as np
import pytest

from plugin.core.cancel import Cancelled
from plugin.core.network import (
    NO_SOURCE,
    _back,
    corridors,
    cumulative_resistance,
    path_cost,
    resistance_surface,
    source_patches,
    unit_crossings,
)
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

pytest.importorskip("scipy")
PACK = ROOT / "resources" / "rules" / "cn-reclamation.json"


def brute_force(resistance, sources, cell):
    """Textbook Dijkstra over the 8-neighbour grid, one cell at a time."""
    rows, cols = resistance.shape
    best = np.full(resistance.shape, np.inf)
    heap = []
    for r, c in zip(*np.nonzero(sources), strict=True):
        best[r, c] = 0.0
        heap.append((0.0, r, c))
    heapq.heapify(heap)
    while heap:
        d, r, c = heapq.heappop(heap)
        if d > best[r, c]:
            continue
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                rr, cc = r + dr, c + dc
                if (dr, dc) == (0, 0) or not (0 <= rr < rows and 0 <= cc < cols):
                    continue
                if not np.isfinite(resistance[rr, cc]):
                    continue
                step = cell * math.hypot(dr, dc) * (resistance[r, c] + resistance[rr, cc]) / 2
                if d + step < best[rr, cc]:
                    best[rr, cc] = d + step
                    heapq.heappush(heap, (d + step, rr, cc))
    return best


def test_mcr_equals_a_brute_force_dijkstra():
    rng = np.random.default_rng(7)
    resistance = rng.uniform(1, 100, (9, 11))
    resistance[4, 2:9] = np.nan  # an impassable strip
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[0, 0] = 1
    sources[8, 10] = 2
    sources[8, 9] = 2
    mcr = cumulative_resistance(resistance, sources, 30.0)
    expected = brute_force(resistance, sources > 0, 30.0)
    finite = np.isfinite(expected)
    np.testing.assert_allclose(mcr.cost[finite], expected[finite], rtol=1e-12)
    assert np.all(np.isinf(mcr.cost[~finite]))
    # One step east of a source on uniform ground: 30 m × the mean resistance.
    flat = np.ones((3, 3))
    one = np.zeros((3, 3), dtype=np.int64)
    one[1, 1] = 1
    values = cumulative_resistance(flat * 4.0, one, 10.0).cost
    assert values[1, 2] == pytest.approx(40.0)
    assert values[0, 0] == pytest.approx(40.0 * math.sqrt(2))


def test_bands_of_rows_give_the_brute_force_costs_and_consistent_paths():
    """A grid searched in bands of 3, 5 and 2 rows (searched again until nothing changes)
    gives the costs of one Dijkstra over the whole grid, and every cell's steps lead back to
    the source it is labelled with, at its cost."""
    rng = np.random.default_rng(11)
    # Random ground with impassable cells and a wall the paths must wind round.
    resistance = rng.choice([1.0, 5.0, 40.0, 300.0], (23, 17), p=[0.4, 0.3, 0.2, 0.1])
    resistance[rng.random(resistance.shape) < 0.05] = np.nan
    resistance[11, 0:15] = np.nan
    resistance[5, 3:17] = np.nan
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[0, 1], sources[22, 2], sources[12, 16], sources[13, 16] = 1, 2, 3, 3
    expected = brute_force(resistance, sources > 0, 25.0)
    finite = np.isfinite(expected)
    cols = resistance.shape[1]
    for rows_per_band in (3, 5, 2):
        mcr = cumulative_resistance(resistance, sources, 25.0, band_cells=rows_per_band * cols)
        assert mcr.band_runs > 23 // rows_per_band  # some bands were searched again
        np.testing.assert_allclose(mcr.cost[finite], expected[finite], rtol=1e-12)
        assert np.all(np.isinf(mcr.cost[~finite]))
        assert np.all(mcr.source[~finite] == NO_SOURCE)
        for cell in np.flatnonzero(finite.ravel()):
            path = _back(mcr.step, cell, cols)
            assert sources.ravel()[path[-1]] == mcr.source.ravel()[cell]
            assert path_cost(path, resistance, 25.0) == pytest.approx(
                mcr.cost.ravel()[cell], rel=1e-12, abs=1e-9
            )
        # The zones, steps and corridors do not depend on the bands.
        whole = cumulative_resistance(resistance, sources, 25.0)
        np.testing.assert_array_equal(mcr.source, whole.source)
        np.testing.assert_array_equal(mcr.step, whole.step)
        found = corridors(resistance, mcr, 25.0, band_cells=2 * cols)
        one_band = corridors(resistance, whole, 25.0)
        assert [(c.source_a, c.source_b, c.cost) for c in found] == [
            (c.source_a, c.source_b, c.cost) for c in one_band
        ]
        for ours, theirs in zip(found, one_band, strict=True):
            np.testing.assert_array_equal(ours.cells, theirs.cells)


def test_a_cell_as_near_to_two_sources_takes_the_lower_numbered():
    resistance = np.full((3, 9), 2.0)
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[1, 0], sources[1, 8] = 5, 3  # the middle column is as near to both
    for band_cells in (27, 9):
        mcr = cumulative_resistance(resistance, sources, 10.0, band_cells=band_cells)
        assert mcr.source[:, 4].tolist() == [3, 3, 3]
        assert mcr.source[:, :4].tolist() == [[5] * 4] * 3
        assert mcr.cost[1, 4] == pytest.approx(4 * 10.0 * 2.0)
        # Its step: the first neighbour on an exact path from source 3 (east, code 4).
        assert mcr.step[1, 4] == 4


def test_the_search_stops_on_cancel_and_refuses_a_grid_without_source():
    resistance = np.ones((40, 10))
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[0, 0] = 1
    asked = []

    def cancel_on_second_band() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(Cancelled):
        cumulative_resistance(
            resistance, sources, 1.0, band_cells=100, is_cancelled=cancel_on_second_band
        )
    with pytest.raises(ValueError, match="no ecological source"):
        cumulative_resistance(resistance, np.zeros_like(sources), 1.0)


def test_the_corridor_goes_through_the_only_gap_and_costs_its_path():
    resistance = np.ones((21, 21))
    resistance[:, 10] = 1000.0  # a damaged strip across the landscape
    resistance[15, 10] = 1.0  # … but for one cell
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[2:5, 1:4] = 1
    sources[2:5, 17:20] = 2
    mcr = cumulative_resistance(resistance, sources, 10.0)
    (corridor,) = corridors(resistance, mcr, 10.0)
    assert (corridor.source_a, corridor.source_b) == (1, 2)
    cells = {divmod(int(c), 21) for c in corridor.cells}
    assert (15, 10) in cells  # the gap, not the wall
    assert corridor.cost == pytest.approx(path_cost(corridor.cells, resistance, 10.0))
    assert sources.ravel()[corridor.cells[0]] == 1
    assert sources.ravel()[corridor.cells[-1]] == 2
    # The unit of the strip, reclaimed to resistance 1: it gains its cells' resistance.
    units = np.zeros(resistance.shape, dtype=np.int64)
    units[:, 10] = 7
    after = resistance.copy()
    after[:, 10] = 1.0
    crossings = unit_crossings([corridor], units, resistance, after, 10.0)
    count, length, gain = crossings[7]
    assert count == 1
    assert gain == pytest.approx(0.0)  # it crossed at the gap, where nothing changes
    assert length > 0


def test_three_sources_in_a_row_give_two_corridors():
    resistance = np.ones((5, 30))
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[2, 0], sources[2, 15], sources[2, 29] = 1, 2, 3
    found = corridors(resistance, cumulative_resistance(resistance, sources, 1.0), 1.0)
    assert {(c.source_a, c.source_b) for c in found} == {(1, 2), (2, 3)}
    assert [c.cost for c in found] == sorted(c.cost for c in found)
    assert found[0].length_m == pytest.approx(14.0)


def test_source_patches_by_area_and_resistance_rules():
    is_source = np.zeros((10, 10), dtype=bool)
    is_source[0:3, 0:3] = True  # 9 cells
    is_source[7:9, 7:9] = True  # 4 cells
    is_source[5, 5] = True  # 1 cell, joins nothing
    patches = source_patches(is_source, cell_area_m2=1e4, min_area_hm2=4)
    assert sorted(np.unique(patches).tolist()) == [0, 1, 2]
    assert patches[0, 0] == 1
    assert patches[8, 8] == 2
    assert patches[5, 5] == 0
    land = np.full((2, 2), 30.0)
    damage = np.array([[500.0, np.nan], [np.nan, np.nan]])
    slope = np.array([[0.0, 10.0], [30.0, np.nan]])
    surface = resistance_surface(land, damage, slope, ((8, 1.0), (15, 1.2), (25, 1.5), (90, 2.0)))
    np.testing.assert_allclose(surface, [[500.0, 36.0], [60.0, 30.0]])


def test_source_patches_in_bands_are_those_of_the_whole_grid(tmp_path):
    """Patches labelled band by band (2 to 5 rows, into a file) and joined across the bands
    equal SciPy's labelling of the whole grid with the same area rule and numbering."""
    from scipy.ndimage import label

    from plugin.io.disk_grid import DiskGrid

    rng = np.random.default_rng(3)
    usable = rng.random((31, 24)) < 0.45  # patches that wind across many bands
    usable[3:28, 12] = True  # one tall patch
    whole, count = label(usable, np.ones((3, 3), dtype=bool))
    sizes = np.bincount(whole.ravel(), minlength=count + 1)
    kept = [n for n in range(1, count + 1) if sizes[n] * 100.0 * 1e-4 >= 0.05]
    expected = np.zeros_like(whole)
    for number, old in enumerate(kept, start=1):  # SciPy numbers by first cell already
        expected[whole == old] = number
    assert len(kept) >= 3
    for rows_per_band in (2, 3, 5, 31):
        out = DiskGrid(tmp_path / f"patches_{rows_per_band}.i4", usable.shape, np.int32)
        patches = source_patches(
            usable, 100.0, 0.05, out=out, band_cells=rows_per_band * usable.shape[1]
        )
        np.testing.assert_array_equal(patches[0:31], expected)


def test_the_network_block_of_the_pack_and_its_errors():
    network = parse_pack(json.loads(PACK.read_text(encoding="utf-8")), "t").network
    assert network.resistance_of("0301") == 1
    assert network.resistance_of("0305") == 5  # longest prefix
    assert network.resistance_of("0602") == 500
    assert network.is_source("0404")
    assert not network.is_source("0103")
    for change, message in (
        (lambda n: n["resistance"]["value"].update({"03": 0}), "resistance of 0"),
        (lambda n: n["slope"].update({"value": [[25, 1.5], [8, 1.0]]}), "must increase"),
        (lambda n: n["damage"]["value"].update({"flood": 5}), "network.damage.value.flood"),
        (lambda n: n["sources"].update({"codes": []}), "non-empty list"),
    ):
        doc = json.loads(PACK.read_text(encoding="utf-8"))
        change(doc["network"])
        with pytest.raises(RulePackError, match=message):
            parse_pack(copy.deepcopy(doc), "t")


def test_resistance_rises_near_disturbance():
    from plugin.core.network import disturbance_factor

    disturbed = np.zeros((1, 12), dtype=bool)
    disturbed[0, 0] = True
    factor = disturbance_factor(disturbed, 10.0, ((20.0, 2.0), (50.0, 1.5)))
    # Distances 0, 10, …, 110 m: × 2 to 20 m, × 1.5 to 50 m, 1 beyond.
    assert factor[0].tolist() == [2.0, 2.0, 2.0, 1.5, 1.5, 1.5] + [1.0] * 6
    assert disturbance_factor(np.zeros((2, 2), dtype=bool), 10.0, ((20.0, 2.0),)).tolist() == [
        [1.0, 1.0],
        [1.0, 1.0],
    ]


def test_grids_in_files_give_the_arrays_results(tmp_path, monkeypatch):
    """The search with its grids in DiskGrid files (and paths traced through a cache of a
    few rows, evicted as they go) gives the costs, zones, steps and corridors of arrays."""
    from plugin.core import network
    from plugin.io.disk_grid import DiskGrid

    rng = np.random.default_rng(5)
    resistance = rng.choice([1.0, 8.0, 60.0], (29, 13), p=[0.5, 0.3, 0.2])
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[0, 0], sources[28, 12], sources[14, 0] = 1, 2, 3
    names = iter(range(100))

    def allocate(shape, dtype):
        return DiskGrid(tmp_path / f"grid_{next(names)}.bin", shape, dtype)

    monkeypatch.setattr(network._RowCache, "ROWS", 2)
    monkeypatch.setattr(network._RowCache, "BLOCKS", 2)
    arrays = cumulative_resistance(resistance, sources, 10.0, band_cells=4 * 13)
    files = cumulative_resistance(resistance, sources, 10.0, band_cells=4 * 13, allocate=allocate)
    assert isinstance(files.cost, DiskGrid)
    for name in ("cost", "source", "step"):
        np.testing.assert_array_equal(getattr(files, name)[0:29], getattr(arrays, name))
    found_files = corridors(resistance, files, 10.0, band_cells=3 * 13)
    found_arrays = corridors(resistance, arrays, 10.0)
    assert [(c.source_a, c.source_b, c.cost) for c in found_files] == [
        (c.source_a, c.source_b, c.cost) for c in found_arrays
    ]
    for ours, theirs in zip(found_files, found_arrays, strict=True):
        np.testing.assert_array_equal(ours.cells, theirs.cells)
        assert len(ours.cells) > 10  # long enough to cross several cached blocks
