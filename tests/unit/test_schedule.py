"""The phased work plan: service period, ready years, stages under budgets, yearly spending."""

from __future__ import annotations

import itertools
import json
import time

import numpy as np
import pytest

from plugin.core.investment import (
    WorkTotal,
    estimate,
    parse_cost_structure,
    parse_prices,
    parse_spending,
    unit_costs,
)
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from plugin.core.schedule import (
    MILP_RELATIVE_GAP,
    UNSCHEDULED,
    ServicePeriod,
    objective_value,
    place,
    ready_years,
    spending_shares,
    spending_text,
    stage_window,
    unit_years,
    yearly_spending,
)
from tests.helpers import ROOT

NAN = float("nan")


def pack_document():
    return json.loads((ROOT / "resources/rules/cn-reclamation.json").read_text(encoding="utf-8"))


TIMING = parse_pack(pack_document(), "cn").timing
# 生产期 2027–2036, 稳沉期 2037–2038, 管护期 2039–2041: 15 years, three 5-year stages.
SERVICE = ServicePeriod(2027, 10, 2, 3, 5)


def test_service_period_and_stages():
    assert SERVICE.total_years == 15
    assert SERVICE.last_year == 2041
    assert SERVICE.works_end == 2038  # three years of after-care follow the last works
    assert [(s.number, s.year_start, s.year_end) for s in SERVICE.stages()] == [
        (1, 2027, 2031),
        (2, 2032, 2036),
        (3, 2037, 2041),
    ]
    # 2027–31 production; 2032–36: 5 production; 2037–41: 2 settling, 3 after-care.
    assert [SERVICE.period_years(s) for s in SERVICE.stages()] == [(5, 0, 0), (5, 0, 0), (0, 2, 3)]
    assert SERVICE.event_year("start") == 2027
    assert SERVICE.event_year("closure") == 2037
    assert SERVICE.event_year("stable") == 2038
    short = ServicePeriod(2030, 3, 0, 2, 5)
    assert [(s.year_start, s.year_end) for s in short.stages()] == [(2030, 2034)]
    assert list(SERVICE.stage_index(np.array([2020, 2027, 2031, 2032, 2041]))) == [0, 0, 0, 1, 2]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((2027, -1, 2, 3, 5), "production_years: -1"),
        ((2027, 0, 0, 3, 5), "no year for the works"),
        ((2027, 10, 2.5, 3, 5), "settling_years: 2.5"),
        ((2027, 10, 2, 3, 0), "stage_years: 0"),
    ],
)
def test_impossible_service_periods_are_refused(arguments, message):
    with pytest.raises(ValueError, match=message):
        ServicePeriod(*arguments)


def test_ready_years_by_field_panels_and_release():
    kinds = [
        "subsidence",
        "subsidence",
        "excavation",
        "occupation",
        "pollution",
        "subsidence",
        None,
        "subsidence",
    ]
    field = np.array([NAN, NAN, NAN, 2030, NAN, NAN, NAN, NAN])
    panels = np.array([2029, NAN, NAN, NAN, NAN, 2020, NAN, NAN])
    ready, basis = ready_years(kinds, field, panels, SERVICE, TIMING)
    # Panel mined 2029 + 2 years of settling; no panel: the end of the settling period;
    # dug land at closure; a dump's own year; polluted land at once; a panel mined before
    # the plan: its first year; no damage type: the first year.
    assert list(ready) == [2031, 2038, 2037, 2030, 2027, 2027, 2027, 2038]
    assert list(basis) == [
        "panels",
        "release:stable",
        "release:closure",
        "field",
        "release:start",
        "panels",
        "release:start",
        "release:stable",
    ]


def test_the_schedule_block_is_validated():
    document = pack_document()
    document["schedule"]["release"]["subsidence"]["after"] = "later"
    with pytest.raises(RulePackError, match=r"schedule\.release\.subsidence\.after"):
        parse_pack(document, "cn")
    document = pack_document()
    document["schedule"]["stage_years"]["value"] = 2.5
    with pytest.raises(RulePackError, match=r"schedule\.stage_years\.value"):
        parse_pack(document, "cn")


def test_without_budgets_every_unit_goes_to_the_stage_it_is_ready():
    ready = np.array([2027, 2031, 2032, 2038, 2040])
    first, last = stage_window(ready, SERVICE)
    assert list(first) == [0, 0, 1, 2, 2]
    assert list(last) == [2, 2, 2, 2, 2]
    placement = place(first, last, np.ones(5), np.zeros(5), None, 3)
    assert list(placement.stage) == [0, 0, 1, 2, 2]
    assert placement.solver == "earliest"
    assert placement.gap == 0.0


def test_works_and_after_care_years():
    ready = np.array([2027, 2029, 2038, 2040, 2027])
    stage = np.array([0, 0, 2, 2, UNSCHEDULED])
    years = unit_years(stage, ready, SERVICE)
    assert list(years.year_start) == [2027, 2029, 2038, 2040, 0]
    # Works end with the stage, or with the last works year 2038; a unit ready after it
    # is worked in its ready year and its after-care overruns the service period.
    assert list(years.year_end) == [2031, 2031, 2038, 2040, 0]
    assert list(years.care_end) == [2034, 2034, 2041, 2043, 0]


def test_yearly_spending_by_hand():
    service = ServicePeriod(2027, 2, 1, 2, 5)  # works 2027–2029, after-care to 2031
    years = unit_years(np.array([0, 0]), np.array([2027, 2029]), service)
    spent = yearly_spending(years, np.array([300.0, 100.0]), np.array([20.0, 10.0]), service)
    # Unit 1: works 2027–2029 (100 a year), after-care 2030–2031 (10 a year);
    # unit 2: works 2029 (100), after-care 2030–2031 (5 a year).
    assert spent.tolist() == pytest.approx([100, 100, 200, 15, 15])
    shares = spending_shares(spent)
    assert shares == pytest.approx(
        {1: 100 / 430, 2: 100 / 430, 3: 200 / 430, 4: 15 / 430, 5: 15 / 430}
    )
    parsed = parse_spending(spending_text(shares))
    assert sum(parsed.values()) == pytest.approx(1.0, abs=1e-9)
    assert parsed[3] == pytest.approx(200 / 430, abs=1e-6)


def test_unit_costs_share_the_static_investment():
    costs = parse_cost_structure(
        json.loads((ROOT / "resources/costs/example_sample_mine.json").read_text("utf-8")), "e"
    )
    prices = parse_prices(
        [
            {"item": "soil_cover", "unit": "m3", "unit_price": 25},
            {"item": "grass_seeding", "unit": "hm2", "unit_price": 3000},
        ],
        "p",
    )
    rows = [
        {"unit_id": 1, "item": "soil_cover", "part": "", "quantity": 1000.0},
        {"unit_id": 2, "item": "soil_cover", "part": "", "quantity": 3000.0},
        {"unit_id": 2, "item": "grass_seeding", "part": "", "quantity": 2.0},
    ]
    totals = [WorkTotal("soil_cover", "", "m3", 4000.0), WorkTotal("grass_seeding", "", "hm2", 2)]
    result = estimate(totals, prices, costs, None, area_hm2=10.0)
    shares = unit_costs(rows, prices, result, [1, 2], [4.0, 6.0])
    works, care = shares.works, shares.care
    # Direct works 25 000 and 81 000 元; monitoring 3 000 元/hm² × 10 hm² = 30 000 元, with
    # its 5 % of contingency and risk reserve, shared by area 4 : 6.
    care_total = 30_000 * 1.05
    assert sum(care) == pytest.approx(care_total)
    assert care == pytest.approx([0.4 * care_total, 0.6 * care_total])
    assert sum(works) + sum(care) == pytest.approx(result.static)
    assert works[0] / works[1] == pytest.approx(25_000 / 81_000)


def brute_force(first, last, benefit, cost, budgets, stages):
    best = -1.0
    choices = [[UNSCHEDULED, *range(f, end + 1)] for f, end in zip(first, last, strict=True)]
    for combination in itertools.product(*choices):
        stage = np.array(combination)
        spent = [cost[stage == t].sum() for t in range(stages)]
        if all(spent[t] <= budgets.get(t, np.inf) + 1e-9 for t in range(stages)):
            best = max(best, objective_value(stage, benefit, stages))
    return best


def random_case(rng, units, stages):
    first = rng.integers(0, stages, units)
    last = np.full(units, stages - 1)
    benefit = rng.uniform(0.5, 10, units).round(2)
    cost = rng.uniform(1, 10, units).round(2)
    budgets = {t: float(cost.sum() / stages * rng.uniform(0.4, 0.9)) for t in range(stages)}
    return first, last, benefit, cost, budgets


@pytest.mark.parametrize("seed", range(8))
def test_milp_finds_the_optimum_of_small_cases_and_greedy_no_better(seed):
    pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(seed)
    first, last, benefit, cost, budgets = random_case(rng, 7, 3)
    optimum = brute_force(first, last, benefit, cost, budgets, 3)
    milp = place(first, last, benefit, cost, budgets, 3, solver="milp")
    greedy = place(first, last, benefit, cost, budgets, 3, solver="greedy")
    assert milp.objective == pytest.approx(optimum, rel=0.006)
    assert greedy.objective <= optimum + 1e-9
    for result in (milp, greedy):
        check_feasible(result.stage, first, last, cost, budgets)


def check_feasible(stage, first, last, cost, budgets):
    placed = stage != UNSCHEDULED
    assert np.all(stage[placed] >= first[placed]), "a unit reclaimed before it is ready"
    assert np.all(stage[placed] <= last[placed])
    for t, budget in budgets.items():
        assert cost[stage == t].sum() <= budget + 1e-6, f"stage {t} over its budget"


@pytest.mark.parametrize("seed", range(5))
def test_milp_at_least_as_good_as_greedy_on_random_cases(seed):
    pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(100 + seed)
    first, last, benefit, cost, budgets = random_case(rng, 300, 6)
    milp = place(first, last, benefit, cost, budgets, 6, solver="milp")
    greedy = place(first, last, benefit, cost, budgets, 6, solver="greedy")
    check_feasible(milp.stage, first, last, cost, budgets)
    assert milp.objective >= greedy.objective * (1 - 0.005)
    assert milp.bound >= milp.objective
    # The default keeps the greedy fill only when the linear relaxation proves it within
    # the MILP's own tolerance; its bound is a true upper bound (no better than the MILP's
    # solution could be), its gap honest.
    best = place(first, last, benefit, cost, budgets, 6)
    check_feasible(best.stage, first, last, cost, budgets)
    assert best.bound >= milp.objective - 1e-6
    assert best.gap <= MILP_RELATIVE_GAP + 1e-12
    assert best.objective >= (1 - MILP_RELATIVE_GAP) * milp.objective


def test_greedy_reports_its_gap_to_the_earliest_schedule():
    first = np.array([0, 0])
    benefit = np.array([1.0, 1.0])
    cost = np.array([1.0, 1.0])
    greedy = place(first, np.array([1, 1]), benefit, cost, {0: 1.0}, 2, solver="greedy")
    # One unit fits stage 1, the other waits: 2 + 1 of a bound 2 + 2.
    assert greedy.objective == 3.0
    assert greedy.gap == pytest.approx(0.25)
    # A unit that no budget can hold stays unscheduled.
    alone = place(np.array([0]), np.array([0]), np.ones(1), np.array([5.0]), {0: 1.0}, 1)
    assert list(alone.stage) == [UNSCHEDULED]


def test_thousand_units_six_stages_under_two_seconds():
    pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(7)
    first, last, benefit, cost, budgets = random_case(rng, 1000, 6)
    started = time.perf_counter()
    result = place(first, last, benefit, cost, budgets, 6)
    assert time.perf_counter() - started < 2.0
    check_feasible(result.stage, first, last, cost, budgets)


def test_stage_names():
    from plugin.core.schedule import stage_name

    assert [stage_name(n, "zh") for n in (1, 10, 12, 20, 35)] == [
        "第一阶段",
        "第十阶段",
        "第十二阶段",
        "第二十阶段",
        "第三十五阶段",
    ]
    assert stage_name(3, "en") == "Stage 3"


def test_stripping_areas_take_their_share_of_the_works():
    costs = parse_cost_structure(
        json.loads((ROOT / "resources/costs/example_sample_mine.json").read_text("utf-8")), "e"
    )
    prices = parse_prices(
        [
            {"item": "soil_cover", "unit": "m3", "unit_price": 25},
            {"item": "topsoil_stripping", "unit": "m3", "unit_price": 12},
        ],
        "p",
    )
    rows = [
        {"unit_id": 1, "item": "soil_cover", "part": "", "quantity": 1000.0},
        {"unit_id": None, "area_id": 1, "item": "topsoil_stripping", "quantity": 500.0},
    ]
    totals = [
        WorkTotal("soil_cover", "", "m3", 1000.0),
        WorkTotal("topsoil_stripping", "", "m3", 500),
    ]
    result = estimate(totals, prices, costs, None, area_hm2=2.0)
    shares = unit_costs(rows, prices, result, [1], [2.0])
    # Direct works 25 000 (the unit) and 6 000 元 (the area): the works part in that ratio.
    assert shares.areas[1] / shares.works[0] == pytest.approx(6_000 / 25_000)
    assert shares.works[0] + shares.areas[1] + shares.care[0] == pytest.approx(result.static)
