"""The plan's area tables (plugin.core.accounting) on hand-computed overlays."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.accounting import (
    Overlay,
    Totals,
    Units,
    first_level,
    normalise_code,
    summarize,
)

HA = 10_000.0  # m² per hectare


def units(*rows):
    """rows: (grade_cultivated, grade_forest, use_proposed, dlbm)."""
    return Units(
        grades={
            "cultivated": np.array([r[0] for r in rows]),
            "forest": np.array([r[1] for r in rows]),
        },
        use_proposed=np.array([r[2] for r in rows], dtype=object),
        dlbm=np.array([r[3] for r in rows], dtype=object),
    )


def plan(landuse=False):
    """100 ha study area, 30 ha damaged: 10 ha excavation severe on 0103, 20 ha occupation
    moderate on 0301; the units propose 0103 for 25 ha and keep 5 ha."""
    rows = [
        {"area_m2": 10 * HA, "damaged": True, "dist_type": "excavation", "dist_degree": 3}
        | {"dlbm_before": "0103", "unit": 1},
        {"area_m2": 15 * HA, "damaged": True, "dist_type": "occupation", "dist_degree": 2}
        | {"dlbm_before": "0301", "unit": 2},
        {"area_m2": 5 * HA, "damaged": True, "dist_type": "occupation", "dist_degree": 2}
        | {"dlbm_before": "0301", "unit": 3},
        {"area_m2": 70 * HA, "damaged": False},
    ]
    if landuse:
        rows[0]["landuse"] = "0103"
        rows[1]["landuse"] = rows[2]["landuse"] = "0301"
        rows[3] = {"area_m2": 40 * HA, "landuse": 103}  # a numeric field lost its zero
        rows.append({"area_m2": 30 * HA, "landuse": "0301"})
    overlay = Overlay.from_rows(rows)
    suitability = units(
        (1, 1, "cultivated", "0103"), (2, 1, "cultivated", "0103"), (4, 4, "keep", "")
    )
    return overlay, suitability, Totals(study_m2=100 * HA, damaged_m2=30 * HA, units_m2=30 * HA)


def by(table, key):
    return {row[key]: row for row in table.dicts()}


def test_damage_by_type_degree_and_previous_land_use():
    summary = summarize(*plan(), language="zh")
    rows = summary.tables["damage_by_type"].dicts()
    items = [(r["dist_type"], r["dist_degree"], r["dlbm_before"], r["area_m2"]) for r in rows]
    assert items == [
        ("excavation", 3, "0103", 10 * HA),
        ("occupation", 2, "0301", 20 * HA),
        (None, None, None, 0.0),  # the unknown row, always there
        (None, None, None, 30 * HA),  # total
    ]
    assert [r["row_kind"] for r in rows] == ["item", "item", "unknown", "total"]
    assert rows[0]["type_name"] == "挖损"
    assert rows[0]["degree_name"] == "重度"
    assert rows[0]["dlmc_before"] == "旱地"
    assert rows[1]["dlmc_before"] == "乔木林地"
    assert rows[1]["area_hm2"] == 20.0
    assert rows[1]["area_mu"] == 300.0
    assert rows[1]["share_pct"] == pytest.approx(66.6667)


def test_suitability_by_use_and_grade_has_not_evaluated_and_totals():
    table = summarize(*plan()).tables["suitability_by_grade"]
    cultivated = {r["grade"]: r for r in table.where(use="cultivated")}
    assert cultivated[1]["area_m2"] == 10 * HA
    assert cultivated[1]["units"] == 1
    assert cultivated[2]["area_m2"] == 15 * HA
    assert cultivated[3]["area_m2"] == 0.0
    assert cultivated[4]["area_m2"] == 5 * HA
    assert cultivated[4]["grade_name"] == "not suitable"
    assert cultivated[0]["area_m2"] == 0.0
    assert cultivated[0]["row_kind"] == "unknown"
    assert cultivated[None]["area_m2"] == 30 * HA
    assert cultivated[None]["units"] == 3
    forest = {r["grade"]: r for r in table.where(use="forest")}
    assert forest[1]["area_m2"] == 25 * HA


def test_proposed_area_by_use_with_code_and_name():
    table = summarize(*plan(), language="zh").tables["proposed_by_use"]
    rows = [(r["use_proposed"], r["dlbm"], r["dlmc"], r["area_m2"]) for r in table.dicts()]
    assert rows == [
        ("cultivated", "0103", "旱地", 25 * HA),
        ("keep", None, None, 5 * HA),
        (None, None, None, 0.0),  # not evaluated
        (None, None, None, 30 * HA),
    ]
    assert table.dicts()[1]["use_name"] == "保持现状"


def test_structure_table_without_land_use_layer():
    table = summarize(*plan()).tables["landuse_structure"]
    rows = by(table, "class_code")
    assert rows["01"]["before_m2"] == 10 * HA
    assert rows["01"]["after_m2"] == 25 * HA
    assert rows["01"]["change_hm2"] == 15.0
    assert rows["01"]["change_mu"] == 225.0
    assert rows["03"]["before_m2"] == 20 * HA
    assert rows["03"]["after_m2"] == 0.0
    assert rows["03"]["change_m2"] == -20 * HA
    assert rows["01"]["before_pct"] == 10.0
    assert rows["01"]["after_pct"] == 25.0
    kinds = {r["row_kind"]: r for r in table.dicts() if r["row_kind"] != "item"}
    assert kinds["not_reclaimed"]["after_m2"] == 5 * HA
    assert kinds["not_reclaimed"]["before_m2"] == 0.0
    assert kinds["unknown"]["before_m2"] == kinds["unknown"]["after_m2"] == 70 * HA
    assert kinds["total"]["before_m2"] == kinds["total"]["after_m2"] == 100 * HA
    # every first-level class has a row, in code order
    codes = [r["class_code"] for r in table.dicts() if r["row_kind"] == "item"]
    assert codes == [f"{i:02d}" for i in range(1, 13)]


def test_structure_table_with_land_use_layer():
    table = summarize(*plan(landuse=True)).tables["landuse_structure"]
    rows = by(table, "class_code")
    assert rows["01"]["before_m2"] == 50 * HA
    assert rows["01"]["after_m2"] == 65 * HA
    assert rows["03"]["before_m2"] == 50 * HA
    assert rows["03"]["after_m2"] == 30 * HA
    assert rows[None]["before_m2"] == 100 * HA  # the last None row is the total


def test_reclamation_rate_and_cultivated_balance():
    summary = summarize(*plan())
    rate = by(summary.tables["reclamation_rate"], "item")
    assert summary.reclamation_rate == pytest.approx(25 / 30)
    assert rate["reclamation_rate"]["percent"] == pytest.approx(83.3333)
    assert rate["damaged"]["area_m2"] == 30 * HA
    assert rate["reclaimed"]["area_m2"] == 25 * HA
    assert rate["reclaimed_cultivated"]["area_m2"] == 25 * HA
    assert rate["not_reclaimed"]["area_m2"] == 5 * HA
    assert rate["not_evaluated"]["area_m2"] == 0.0
    assert rate["cultivated_before"]["area_hm2"] == 10.0
    assert rate["cultivated_after"]["area_hm2"] == 25.0
    assert rate["cultivated_change"]["area_hm2"] == 15.0
    assert rate["cultivated_change"]["area_mu"] == 225.0
    assert rate["cultivated_change"]["percent"] == 150.0


def test_every_table_closes_on_its_total():
    summary = summarize(*plan())
    assert summary.closes
    assert {c.table for c in summary.closures} == {
        "damage_by_type",
        "suitability_by_grade",
        "proposed_by_use",
        "landuse_structure",
        "landuse_structure_detail",
        "reclamation_rate",
    }


def test_structure_table_by_second_level_class():
    # With the land-use layer: before 0103 = 40 ha undamaged (the numeric 103) + 10 ha
    # damaged, 0301 = 30 ha undamaged + 20 ha damaged; after: units 1 and 2 (10 + 15 ha)
    # to 0103 → 65 ha, unit 3 (5 ha) kept as is, 0301 keeps its 30 undamaged ha.
    table = summarize(*plan(landuse=True), language="zh").tables["landuse_structure_detail"]
    rows = {r["class_code"]: r for r in table.where(row_kind="item")}
    assert set(rows) == {"0103", "0301"}
    assert rows["0103"]["class_name"] == "旱地"
    assert rows["0103"]["before_hm2"] == pytest.approx(50.0)
    assert rows["0103"]["after_hm2"] == pytest.approx(65.0)
    assert rows["0301"]["before_hm2"] == pytest.approx(50.0)
    assert rows["0301"]["after_hm2"] == pytest.approx(30.0)
    (kept,) = table.where(row_kind="not_reclaimed")
    assert kept["after_hm2"] == pytest.approx(5.0)
    (total,) = table.where(row_kind="total")
    assert total["before_hm2"] == pytest.approx(100.0)
    assert total["after_hm2"] == pytest.approx(100.0)


def test_overlap_is_reported_with_its_size():
    overlay, suitability, _ = plan()
    # the dissolved disturbance is 1 ha smaller than its parts: two polygons overlap by 1 ha
    summary = summarize(overlay, suitability, Totals(100 * HA, 29 * HA, 30 * HA))
    (damage,) = [c for c in summary.closures if c.table == "damage_by_type"]
    assert not damage.ok
    assert damage.difference_m2 == pytest.approx(HA)
    assert damage.reason == "overlap"
    table = summary.tables.get("closure_check", None)
    assert table is None  # the provider adds the translated closure table


def test_a_small_difference_within_one_in_ten_thousand_closes():
    overlay, suitability, _ = plan()
    summary = summarize(overlay, suitability, Totals(100 * HA * (1 + 0.9e-4), 30 * HA, 30 * HA))
    assert summary.closes


def test_not_evaluated_and_outside_units_count_as_not_evaluated():
    overlay = Overlay.from_rows(
        [
            {"area_m2": 4 * HA, "damaged": True, "dist_type": "subsidence", "unit": 1},
            {"area_m2": 6 * HA, "damaged": True, "dist_type": "subsidence", "unit": 0},
        ]
    )
    suitability = units((0, 0, "", ""))
    summary = summarize(overlay, suitability, Totals(10 * HA, 10 * HA, 4 * HA))
    rate = by(summary.tables["reclamation_rate"], "item")
    assert rate["not_evaluated"]["area_m2"] == 10 * HA
    assert rate["reclamation_rate"]["percent"] == 0.0
    damage = summary.tables["damage_by_type"].dicts()[0]
    assert damage["dist_degree"] is None
    assert damage["degree_name"] == "degree undecided"
    proposed = summary.tables["proposed_by_use"].where(row_kind="unknown")[0]
    assert proposed["area_m2"] == 4 * HA
    assert proposed["units"] == 1
    structure = summary.tables["landuse_structure"].where(row_kind="unknown")[0]
    assert structure["before_m2"] == structure["after_m2"] == 10 * HA
    assert summary.closes


def test_empty_inputs_give_tables_of_zeros():
    overlay = Overlay.from_rows([])
    summary = summarize(overlay, units(), Totals(0.0, 0.0, 0.0))
    assert summary.closes
    assert summary.reclamation_rate is None
    for table in summary.tables.values():
        assert table.rows, table.name
        for row in table.dicts():
            for key, value in row.items():
                if key.endswith(("_m2", "_hm2", "_mu")) and value is not None:
                    assert value == 0.0, (table.name, key)
    totals = summary.tables["damage_by_type"].where(row_kind="total")
    assert totals[0]["share_pct"] is None


def test_rounding_hm2_four_decimals_totals_from_unrounded_values():
    overlay = Overlay.from_rows(
        [
            {"area_m2": 0.44, "damaged": True, "dist_type": "excavation", "dist_degree": 3},
            {"area_m2": 0.44, "damaged": True, "dist_type": "occupation", "dist_degree": 3},
        ]
    )
    table = summarize(overlay, units(), Totals(0.88, 0.88, 0.0)).tables["damage_by_type"]
    rows = table.dicts()
    assert rows[0]["area_hm2"] == 0.0
    assert rows[0]["area_m2"] == 0.44
    assert rows[-1]["area_m2"] == pytest.approx(0.88)
    assert rows[-1]["area_hm2"] == 0.0001  # 0.88 m² = 0.000088 hm², not 0 + 0
    assert rows[-1]["area_mu"] == 0.0013


@pytest.mark.parametrize(
    ("value", "code", "level"),
    [
        ("0103", "0103", "01"),
        (103, "0103", "01"),
        (103.0, "0103", "01"),
        ("301", "0301", "03"),
        ("1104a", "1104A", "11"),
        (" 1203 ", "1203", "12"),
        ("203", "203", "20"),
        ("0602", "0602", "06"),
        (None, "", ""),
        ("采矿用地", "采矿用地", ""),
        ("9999", "9999", ""),
    ],
)
def test_codes_and_first_level_classes(value, code, level):
    assert normalise_code(value) == code
    assert first_level(code) == level


def test_town_class_row_appears_only_when_present():
    overlay = Overlay.from_rows([{"area_m2": HA, "landuse": "203"}])
    table = summarize(overlay, units(), Totals(HA, 0.0, 0.0), "zh").tables["landuse_structure"]
    town = table.where(class_code="20")
    assert town[0]["class_name"] == "城镇村及工矿用地"
    assert town[0]["before_m2"] == town[0]["after_m2"] == HA
    plain = summarize(*plan()).tables["landuse_structure"]
    assert not plain.where(class_code="20")
