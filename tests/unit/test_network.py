"""The MCR network: cumulative resistance against a brute-force Dijkstra written here,
corridors through the only gap of a wall, source patches by area, resistance rules."""

from __future__ import annotations

import copy
import heapq
import json
import math

import numpy as np
import pytest

from plugin.core.network import (
    corridors,
    cumulative_resistance,
    grid_graph,
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
    mcr = cumulative_resistance(grid_graph(resistance, 30.0), sources)
    expected = brute_force(resistance, sources > 0, 30.0)
    finite = np.isfinite(expected)
    np.testing.assert_allclose(mcr.cost[finite], expected[finite], rtol=1e-12)
    assert np.all(np.isinf(mcr.cost[~finite]))
    # One step east of a source on uniform ground: 30 m × the mean resistance.
    flat = np.ones((3, 3))
    one = np.zeros((3, 3), dtype=np.int64)
    one[1, 1] = 1
    values = cumulative_resistance(grid_graph(flat * 4.0, 10.0), one).cost
    assert values[1, 2] == pytest.approx(40.0)
    assert values[0, 0] == pytest.approx(40.0 * math.sqrt(2))


def test_the_corridor_goes_through_the_only_gap_and_costs_its_path():
    resistance = np.ones((21, 21))
    resistance[:, 10] = 1000.0  # a damaged strip across the landscape
    resistance[15, 10] = 1.0  # … but for one cell
    sources = np.zeros(resistance.shape, dtype=np.int64)
    sources[2:5, 1:4] = 1
    sources[2:5, 17:20] = 2
    graph = grid_graph(resistance, 10.0)
    mcr = cumulative_resistance(graph, sources)
    (corridor,) = corridors(graph, mcr, 10.0)
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
    graph = grid_graph(resistance, 1.0)
    found = corridors(graph, cumulative_resistance(graph, sources), 1.0)
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
