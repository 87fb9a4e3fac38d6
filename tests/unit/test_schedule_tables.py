"""The report's work-plan tables and summary block, from stage rows as CSV gives them."""

from __future__ import annotations

import pytest

from plugin.core.schedule_tables import (
    PlanFigures,
    plan_summary_table,
    service_figures,
    stage_investment_table,
    stage_soil_table,
    stage_works_table,
    work_plan_table,
)

STAGES = [
    {"stage": 1.0, "stage_name": "第一阶段", "year_start": 2027.0, "year_end": 2031.0,
     "units": 3.0, "works_hm2": 10.0, "cultivated_hm2": 6.0, "forest_hm2": 4.0,
     "aftercare_hm2": 0.0, "investment": 100.0, "production_years": 5.0},
    {"stage": 2.0, "stage_name": "第二阶段", "year_start": 2032.0, "year_end": 2033.0,
     "units": 1.0, "works_hm2": 2.5, "cultivated_hm2": 2.5, "aftercare_hm2": 10.0,
     "investment": None, "settling_years": 1.0, "aftercare_years": 1.0},
]  # fmt: skip


def test_the_work_plan_table_in_english_from_a_chinese_stage_table():
    table = work_plan_table(STAGES, "en")
    rows = table.dicts()
    assert [r["stage_name"] for r in rows] == ["Stage 1", "Stage 2", "Total"]
    assert rows[0]["years"] == "2027–2031"
    assert rows[1]["periods"] == "settling 1 y, after-care 1 y"
    total = rows[-1]
    assert total["works_hm2"] == pytest.approx(12.5)
    assert total["cultivated_hm2"] == pytest.approx(8.5)
    assert total["units"] == 4
    assert "garden_hm2" not in total  # no stage has garden
    investment = stage_investment_table(STAGES, "en").dicts()
    assert [r["investment"] for r in investment] == [100.0, None, None]  # no total then
    assert stage_soil_table(STAGES, "en") is None  # made without the works


def test_service_figures_and_the_summary_block():
    figures = service_figures(work_plan_table(STAGES, "zh").dicts()[:-1])
    assert figures == {
        "first_year": 2027,
        "last_year": 2033,
        "production_years": 5,
        "settling_years": 1,
        "aftercare_years": 1,
    }
    block = plan_summary_table(
        PlanFigures(**figures, damaged_m2=150_000.0, construction_m2=30_000.0,
                    reclaimed_m2=120_000.0, static=2_500_000.0),
        "zh",
    )  # fmt: skip
    rows = {r["item"]: r["value"] for r in block.dicts()}
    assert rows["service_period"] == "7 年（2027–2033 年：生产期 5 年、稳沉期 1 年、管护期 1 年）"
    assert rows["reclamation_area"] == "15.0000 hm²（225.00 亩）"
    assert rows["construction_area"] == "3.0000 hm²（45.00 亩）"
    assert rows["responsibility_area"] == "12.0000 hm²（180.00 亩）"
    assert rows["reclamation_rate"] == "80.00 %"
    assert rows["static"] == "250.00 万元"
    assert "project_area" not in rows  # not given: not stated
    assert "dynamic" not in rows


def test_works_by_stage_in_the_packs_order_and_language():
    rows = [
        {"stage": 1, "item": "monitoring_points", "part": None, "unit": "point", "quantity": 2.0,
         "item_name": "监测点"},
        {"stage": 1, "item": "land_levelling", "part": "fill", "unit": "m3", "quantity": 5.0,
         "item_name": "土地平整（填方）"},
        {"stage": 1, "item": "land_levelling", "part": "cut", "unit": "m3", "quantity": 5.0,
         "item_name": "土地平整（挖方）"},
    ]  # fmt: skip
    names = {
        "land_levelling": {"zh": "土地平整", "en": "land levelling"},
        "monitoring_points": {"zh": "监测点", "en": "monitoring points"},
    }
    table = stage_works_table(rows, "en", names, list(names))
    assert [(r["item_name"], r["unit_name"]) for r in table.dicts()] == [
        ("land levelling (cut)", "m³"),
        ("land levelling (fill)", "m³"),
        ("monitoring points", "points"),
    ]


def test_the_soil_balance_by_stage_keeps_the_last_stockpile():
    stages = [
        {"stage": 1, "year_start": 2027, "year_end": 2031, "stripping_m3": 100.0,
         "cover_m3": 0.0, "stockpile_m3": 100.0},
        {"stage": 2, "year_start": 2032, "year_end": 2036, "stripping_m3": 50.0,
         "cover_m3": 200.0, "stockpile_m3": -50.0},
    ]  # fmt: skip
    rows = stage_soil_table(stages, "zh").dicts()
    assert [r["stage_name"] for r in rows] == ["第一阶段", "第二阶段", "合计"]
    assert (rows[-1]["stripping_m3"], rows[-1]["cover_m3"], rows[-1]["stockpile_m3"]) == (
        150.0,
        200.0,
        -50.0,
    )
