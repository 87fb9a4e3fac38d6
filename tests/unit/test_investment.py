"""The investment estimate: every line of the cost structure against a hand computation."""

from __future__ import annotations

import copy
import json

import pytest

from plugin.core.investment import (
    WorkTotal,
    estimate,
    parse_cost_structure,
    parse_prices,
    parse_spending,
)
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

COSTS = ROOT / "resources" / "costs"


def example():
    return json.loads((COSTS / "example_sample_mine.json").read_text(encoding="utf-8"))


PRICES = [
    {"item": "soil_cover", "part": "", "unit": "m3", "unit_price": 25},
    {"item": "land_levelling", "part": "cut", "unit": "m3", "unit_price": 8},
    {"item": "land_levelling", "part": "fill", "unit": "m3", "unit_price": "6"},
]
WORKS = [
    WorkTotal("soil_cover", "", "m3", 1000.0),
    WorkTotal("land_levelling", "cut", "m3", 500.0),
    WorkTotal("land_levelling", "fill", "m3", 400.0),
    WorkTotal("grass_seeding", "", "hm2", 2.0),  # no price
]


def test_every_line_by_hand():
    costs = parse_cost_structure(example(), "example")
    prices = parse_prices(PRICES, "prices.csv")
    result = estimate(WORKS, prices, costs, {1: 0.6, 2: 0.4}, area_hm2=10.0)
    lines = {line.key: line.amount for line in result.lines if line.key != "work"}
    # 直接工程费 25 000 + 4 000 + 2 400; 措施费 4 %; 间接费 5 % of 直接费; 利润 3 %; 税金 9 %.
    direct_works = 1000 * 25 + 500 * 8 + 400 * 6
    assert lines["direct_works"] == pytest.approx(31_400)
    assert lines["measures"] == pytest.approx(0.04 * direct_works)
    direct = direct_works * 1.04
    assert lines["direct"] == pytest.approx(32_656)
    assert lines["indirect"] == pytest.approx(0.05 * direct)
    assert lines["profit"] == pytest.approx(0.03 * direct * 1.05)
    assert lines["tax"] == pytest.approx(0.09 * direct * 1.05 * 1.03)
    construction = direct * 1.05 * 1.03 * 1.09
    assert lines["construction"] == pytest.approx(construction)
    # 其他费用 5 + 2 + 2 + 2 % of 工程施工费; 监测与管护 3 000 元/hm² × 10 hm².
    assert lines["other"] == pytest.approx(0.11 * construction)
    assert lines["monitoring"] == pytest.approx(30_000)
    base = construction * 1.11 + 30_000
    assert lines["basic_contingency"] == pytest.approx(0.03 * base)
    assert lines["risk_reserve"] == pytest.approx(0.02 * base)
    static = base * 1.05
    assert result.static == pytest.approx(static)
    assert static == pytest.approx(76_367.1297, abs=1e-3)
    # 价差预备费 Σ I_t ((1 + f)^t − 1): 60 % in year 1, 40 % in year 2, f = 3 %.
    rise = static * (0.6 * 0.03 + 0.4 * (1.03**2 - 1))
    assert result.price_rise == pytest.approx(rise)
    assert result.dynamic == pytest.approx(static + rise)
    assert result.per_mu(result.static) == pytest.approx(static / 150)
    assert result.per_hm2(result.dynamic) == pytest.approx((static + rise) / 10)
    # The missing price is listed and never counts as zero silently.
    assert [m.item for m in result.missing] == ["grass_seeding"]
    assert not result.complete
    (grass,) = [line for line in result.lines if line.item == "grass_seeding"]
    assert grass.amount is None


def test_without_spending_the_dynamic_total_is_the_static_one():
    costs = parse_cost_structure(example(), "example")
    result = estimate(WORKS[:1], parse_prices(PRICES, "p"), costs, None, area_hm2=1.0)
    assert result.price_rise == 0.0
    assert result.dynamic == result.static
    assert result.complete


def test_the_template_must_be_filled_in():
    template = json.loads((COSTS / "template.json").read_text(encoding="utf-8"))
    with pytest.raises(RulePackError, match=r"measures_rate\.rate: the value is empty"):
        parse_cost_structure(template, "template.json")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("construction", "tax_rate", "rate"), 9, r"tax_rate\.rate: 9.0 is out of range"),
        (("equipment", "amount"), -1, r"equipment\.amount: -1.0 is out of range"),
        (("construction", "profit_rate", "source"), "Nowhere", r"source 'Nowhere'"),
    ],
)
def test_bad_values_are_named(path, value, message):
    document = copy.deepcopy(example())
    block = document
    for key in path[:-1]:
        block = block[key]
    block[path[-1]] = value
    with pytest.raises(RulePackError, match=message):
        parse_cost_structure(document, "costs.json")


def test_prices_and_spending_are_checked():
    with pytest.raises(RulePackError, match=r"row 1, unit_price: 'abc'"):
        parse_prices([{"item": "soil_cover", "unit": "m3", "unit_price": "abc"}], "p.csv")
    with pytest.raises(RulePackError, match="a second price"):
        parse_prices(PRICES + PRICES[:1], "p.csv")
    with pytest.raises(ValueError, match="the price of soil_cover  is per m, the quantity"):
        estimate(
            WORKS[:1],
            parse_prices([{"item": "soil_cover", "unit": "m", "unit_price": 1}], "p"),
            parse_cost_structure(example(), "e"),
        )
    assert parse_spending("1=0.5；2=0.5") == {1: 0.5, 2: 0.5}
    with pytest.raises(ValueError, match=r"sum to 0\.9"):
        parse_spending("1=0.5;2=0.4")
    with pytest.raises(ValueError, match="year=share"):
        parse_spending("first=1")


def test_the_report_tables_name_and_order_the_lines():
    from plugin.core.investment import investment_tables

    lines = [
        {"line": "work", "item": "tree_planting", "part": None, "amount": 1.0},
        {"line": "work", "item": "land_levelling", "part": "fill", "amount": 2.0},
        {"line": "work", "item": "land_levelling", "part": "cut", "amount": 3.0},
        {"line": "direct_works", "amount": 6.0},
        {"line": "preliminary", "line_name": "前期工作费", "rate": 0.05, "amount": 0.3},
        {"line": "monitoring", "rate": 3000.0, "amount": 30.0},
    ]
    names = {
        "land_levelling": {"zh": "土地平整", "en": "land levelling"},
        "tree_planting": {"zh": "植树", "en": "tree planting"},
    }
    table, summary = investment_tables(lines, [{"item": "static", "value": 9.0}], "zh", names)
    rows = table.dicts()
    # Works in the pack's order (levelling cut, fill, then trees), the structure after them.
    assert [r["line_name"] for r in rows] == [
        "土地平整（挖方）",
        "土地平整（填方）",
        "植树",
        "直接工程费",
        "前期工作费",
        "监测与管护费",
    ]
    assert rows[4]["rate_pct"] == pytest.approx(5.0)
    assert rows[5]["rate_pct"] is None  # 元 per hm², not a fraction
    assert summary.dicts() == [{"item": "static", "item_name": "静态总投资（元）", "value": 9.0}]
    english, _ = investment_tables(lines, [], "en", names)
    assert english.dicts()[0]["line_name"] == "land levelling (cut)"
