"""The province table's pure parts (issue 22): folder names, mine ids, a mine's figures
from its plan tables (hand-made rows) and the total."""

from __future__ import annotations

import pytest

from plugin.core.province import (
    MineFigures,
    MineIdError,
    MineOutcome,
    check_mine_ids,
    folder_names,
    mine_figures,
    province_row,
    province_total,
    province_uses,
)


def test_folder_names_are_safe_readable_and_distinct():
    names = folder_names(["一号/煤矿", "A:1", "a:1", "CON", "  ", "x" * 200, "矿."])
    assert names[0] == "一号_煤矿"
    assert names[1] == "A_1"
    assert names[2] == "a_1_2"  # not the same folder on a case-blind disk
    assert names[3] == "_CON"
    assert names[4] == "mine"
    assert len(names[5]) == 80
    assert names[6] == "矿"


def test_mine_ids_missing_and_repeated():
    check_mine_ids(["a", "b"])
    with pytest.raises(MineIdError) as raised:
        check_mine_ids(["a", None, "b", "a", " ", "a"])
    assert raised.value.missing == [2, 5]
    assert raised.value.repeated == ["a"]


DAMAGE = [
    {"row_kind": "item", "dist_type": "excavation", "area_m2": 1000.0},
    {"row_kind": "item", "dist_type": "excavation", "area_m2": 500.0},
    {"row_kind": "item", "dist_type": "occupation", "area_m2": 2500.0},
    {"row_kind": "total", "dist_type": None, "area_m2": 4000.0},
]
PROPOSED = [
    {"row_kind": "item", "use_proposed": "cultivated", "area_m2": 3000.0},
    {"row_kind": "item", "use_proposed": "forest", "area_m2": 600.0},
    {"row_kind": "item", "use_proposed": "solar", "area_m2": 400.0},
    {"row_kind": "total", "use_proposed": None, "area_m2": 4000.0},
]
RATE = [
    {"row_kind": "total", "item": "damaged", "area_m2": 4000.0},
    {"row_kind": "item", "item": "reclaimed", "area_m2": 3600.0},
    {"row_kind": "detail", "item": "reclaimed_cultivated", "area_m2": 3000.0},
]
STRUCTURE = [
    {"row_kind": "item", "class_code": "01", "before_m2": 10000.0, "after_m2": 12500.0},
    {"row_kind": "item", "class_code": "03", "before_m2": 5000.0, "after_m2": 5600.0},
]


def test_a_mines_figures_from_its_tables():
    figures = mine_figures(DAMAGE, PROPOSED, RATE, STRUCTURE)
    assert figures.damaged_by_type == {"excavation": 1500.0, "occupation": 2500.0}
    assert figures.proposed_by_use == {"cultivated": 3000.0, "forest": 600.0, "solar": 400.0}
    assert figures.damaged_m2 == 4000.0
    assert figures.rate_pct == pytest.approx(90.0)
    row = province_row(MineOutcome("m", "m", "", "done", figures=figures), ["cultivated"])
    assert row["damaged_hm2"] == 0.4
    assert row["dmg_excavation_hm2"] == 0.15
    assert row["dmg_pollution_hm2"] == 0.0
    assert row["use_cultivated_hm2"] == 0.3
    assert row["cultivated_change_hm2"] == 0.25
    assert row["rate_pct"] == 90.0


def test_a_failed_mine_has_no_figures_never_zero():
    row = province_row(MineOutcome("m", "m", "", "failed", message="x"), ["cultivated"])
    assert set(row.values()) == {None}


def test_the_total_is_the_sum_of_the_mines_and_its_rate_the_rate_of_the_sum():
    first = mine_figures(DAMAGE, PROPOSED, RATE, STRUCTURE)
    second = MineFigures({"pollution": 6000.0}, {"grass": 6000.0}, 6000.0, 3000.0, 0.0, 0.0)
    outcomes = [
        MineOutcome("a", "a", "", "done", figures=first),
        MineOutcome("b", "b", "", "done", figures=second),
        MineOutcome("c", "c", "", "failed"),
    ]
    uses = province_uses(outcomes, ["cultivated", "grass"])
    assert uses == ["cultivated", "grass", "forest", "solar"]
    total = province_total(outcomes, uses)
    assert total["damaged_hm2"] == 1.0
    assert total["dmg_pollution_hm2"] == 0.6
    assert total["reclaimed_hm2"] == 0.66
    assert total["rate_pct"] == 66.0  # 6600 / 10000, not the mean of 90 % and 50 %
    assert total["cultivated_change_hm2"] == 0.25


def test_a_total_with_a_missing_part_is_left_empty():
    first = mine_figures(DAMAGE, PROPOSED, RATE, STRUCTURE)
    second = MineFigures({"pollution": 10.0}, {}, 10.0, 0.0, None, None)
    outcomes = [MineOutcome(x, x, "", "done", figures=f) for x, f in (("a", first), ("b", second))]
    total = province_total(outcomes, [])
    assert total["cultivated_before_hm2"] is None
    assert total["cultivated_change_hm2"] is None
