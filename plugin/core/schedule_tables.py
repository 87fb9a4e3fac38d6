"""The report's work-plan chapter (复垦工作计划安排表, 分阶段工程量表) and the plan's summary
block (复垦方案摘要: 服务年限, the area totals, 复垦率, investment), from the tables of
``reclamation:scheduleplan`` and ``estimatecost`` and the plan's own area tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .accounting import HM2_PER_M2, Table, _columns
from .investment import MU_PER_HM2
from .labels import UNIT_NAMES, in_language
from .quantity_tables import item_label
from .rules.vocabulary import EVALUATED_USES
from .schedule import stage_name

WORK_PLAN_TABLE = "work_plan"
STAGE_WORKS_TABLE = "stage_works"
PLAN_SUMMARY_TABLE = "plan_summary"
USE_AREAS = tuple(f"{use}_hm2" for use in EVALUATED_USES)
# The work-plan table's columns; those of the uses only when a stage has any, so that the
# table fits its page.
STAGE_HEAD = "row_kind:str stage:int stage_name:str year_start:int year_end:int years:str"
PLAN_HEAD = (
    f"{STAGE_HEAD} periods:str production_years:int settling_years:int aftercare_years:int "
    "units:int works_hm2:float"
)
STAGE_INVESTMENT_TABLE = "stage_investment"
STAGE_INVESTMENT_COLUMNS = _columns(
    f"{STAGE_HEAD} investment:float price_rise:float dynamic_investment:float"
)
STAGE_SOIL_TABLE = "stage_soil"
STAGE_SOIL_COLUMNS = _columns(f"{STAGE_HEAD} stripping_m3:float cover_m3:float stockpile_m3:float")
STAGE_WORKS_COLUMNS = _columns(
    "stage:int stage_name:str item:str item_name:str unit_name:str quantity:float direct_cost:float"
)
PLAN_SUMMARY_COLUMNS = _columns("item:str item_name:str value:str")
# Numeric columns of scheduleplan's stage table besides the stage and its years.
STAGE_NUMBERS = (
    "works_hm2",
    *(f"{use}_hm2" for use in EVALUATED_USES),
    "other_hm2",
    "aftercare_hm2",
    "stripping_m3",
    "cover_m3",
    "stockpile_m3",
    "price_rise",
    "dynamic_investment",
    "production_years",
    "settling_years",
    "aftercare_years",
)
PERIOD_NAMES = {
    "production": ("生产期", "production"),
    "settling": ("稳沉期", "settling"),
    "aftercare": ("管护期", "after-care"),
}
TOTAL_NAME = ("合计", "Total")
SUMMARY_ITEMS: dict[str, tuple[str, str]] = {
    "service_period": ("服务年限", "Service period"),
    "project_area": ("项目区面积", "Project area"),
    "reclamation_area": ("复垦区面积", "Reclamation area"),
    "construction_area": ("永久性建设用地面积", "Permanent construction land"),
    "responsibility_area": ("复垦责任范围面积", "Reclamation responsibility area"),
    "reclaimed_area": ("复垦土地面积", "Reclaimed land"),
    "reclamation_rate": ("复垦率", "Reclamation rate"),
    "static": ("静态总投资", "Static total investment"),
    "dynamic": ("动态总投资", "Dynamic total investment"),
    "static_per_mu": ("亩均静态投资", "Static investment per mu"),
    "dynamic_per_mu": ("亩均动态投资", "Dynamic investment per mu"),
}


def _years(start: Any, end: Any, language: str) -> str:
    start, end = int(start), int(end)  # a CSV's years come as text, read as float
    if start == end:
        return f"{start} 年" if language.startswith("zh") else f"{start}"
    return f"{start}–{end} 年" if language.startswith("zh") else f"{start}–{end}"


def _periods(row: Mapping[str, Any], language: str) -> str:
    """ "生产期 5 年、稳沉期 2 年" / "production 5 y, settling 2 y"."""
    zh = language.startswith("zh")
    parts = []
    for key, names in PERIOD_NAMES.items():
        count = int(row.get(f"{key}_years") or 0)
        if count:
            parts.append(f"{names[0]} {count} 年" if zh else f"{names[1]} {count} y")
    return ("、" if zh else ", ").join(parts)


def _number(value: Any) -> float:
    return float(value) if value is not None else 0.0


def _stage_cells(row: Mapping[str, Any], language: str) -> dict[str, Any]:
    """The cells every stage table shares: the stage, named in the report's language
    (whatever language the stage table was written in), and its years."""
    return {
        "row_kind": "item",
        "stage": int(row["stage"]),
        "stage_name": stage_name(int(row["stage"]), language),
        "year_start": int(row["year_start"]),
        "year_end": int(row["year_end"]),
        "years": _years(row.get("year_start"), row.get("year_end"), language),
    }


def _total_cells(stages: Sequence[Mapping[str, Any]], language: str) -> dict[str, Any]:
    return {
        "row_kind": "total",
        "stage_name": in_language(TOTAL_NAME, language),
        "years": _years(stages[0]["year_start"], stages[-1]["year_end"], language),
    }


def _sum(stages: Sequence[Mapping[str, Any]], name: str, digits: int) -> float | None:
    """The stages' sum; None when a stage lacks the value."""
    values = [row.get(name) for row in stages]
    return round(sum(values), digits) if values and None not in values else None


def work_plan_table(stages: Sequence[Mapping[str, Any]], language: str) -> Table:
    """复垦工作计划安排表: per stage its years and periods, the units and area reclaimed in
    it by proposed use (the uses some stage has), the area under after-care; a total."""
    present = [n for n in (*USE_AREAS, "other_hm2") if any(_number(r.get(n)) for r in stages)]
    spec = " ".join((PLAN_HEAD, *(f"{n}:float" for n in present), "aftercare_hm2:float"))
    table = Table(WORK_PLAN_TABLE, _columns(spec))
    areas = ("works_hm2", *present)
    for row in stages:
        table.add(
            **_stage_cells(row, language),
            periods=_periods(row, language),
            **{f"{key}_years": int(row.get(f"{key}_years") or 0) for key in PERIOD_NAMES},
            units=int(row.get("units") or 0),
            **{name: row.get(name) for name in (*areas, "aftercare_hm2")},
        )
    if stages:
        table.add(
            **_total_cells(stages, language),
            units=sum(int(row.get("units") or 0) for row in stages),
            **{name: round(sum(_number(row.get(name)) for row in stages), 4) for name in areas},
        )
    return table


def stage_investment_table(stages: Sequence[Mapping[str, Any]], language: str) -> Table | None:
    """分阶段投资表: the static investment spent in each stage, its price rise and dynamic
    investment, and the totals (None: the work plan has no investment)."""
    if not stages or all(row.get("investment") is None for row in stages):
        return None
    table = Table(STAGE_INVESTMENT_TABLE, STAGE_INVESTMENT_COLUMNS)
    money = ("investment", "price_rise", "dynamic_investment")
    for row in stages:
        table.add(**_stage_cells(row, language), **{name: row.get(name) for name in money})
    table.add(**_total_cells(stages, language), **{n: _sum(stages, n, 2) for n in money})
    return table


def stage_soil_table(stages: Sequence[Mapping[str, Any]], language: str) -> Table | None:
    """分阶段表土平衡表: topsoil stripped and cover soil needed in each stage, and what is
    stockpiled at its end (negative: soil borrowed by then); totals, the stockpile at the
    end (None: the work plan was made without the works)."""
    if not stages or all(row.get("stripping_m3") is None for row in stages):
        return None
    table = Table(STAGE_SOIL_TABLE, STAGE_SOIL_COLUMNS)
    soil = ("stripping_m3", "cover_m3", "stockpile_m3")
    for row in stages:
        table.add(**_stage_cells(row, language), **{name: row.get(name) for name in soil})
    table.add(
        **_total_cells(stages, language),
        stripping_m3=_sum(stages, "stripping_m3", 4),
        cover_m3=_sum(stages, "cover_m3", 4),
        stockpile_m3=stages[-1].get("stockpile_m3"),  # what is left at the end
    )
    return table


def stage_works_table(
    rows: Sequence[Mapping[str, Any]],
    language: str,
    names: Mapping[str, Mapping[str, str]] | None = None,
    item_order: Sequence[str] = (),
) -> Table:
    """分阶段工程量表: the works of each stage, named in ``language`` (``names``: item ->
    {"zh", "en"} from the rule packs; else the table's own names), the measures in the
    rule pack's order (``item_order``), cut before fill."""
    table = Table(STAGE_WORKS_TABLE, STAGE_WORKS_COLUMNS)
    order = {item: index for index, item in enumerate(item_order)}
    parts = {"": 0, "cut": 1, "fill": 2}

    def rank(row: Mapping[str, Any]) -> tuple:
        item = str(row.get("item") or "")
        part = str(row.get("part") or "")
        return (int(row.get("stage") or 0), order.get(item, len(order)), item, parts.get(part, 3))

    for row in sorted(rows, key=rank):
        stage = int(row.get("stage") or 0)
        unit = str(row.get("unit") or "")
        item = str(row.get("item") or "")
        known = (names or {}).get(item)
        name = (
            item_label(
                known["zh" if language.startswith("zh") else "en"],
                str(row.get("part") or ""),
                language,
            )
            if known
            else row.get("item_name")
        )
        table.add(
            stage=stage,
            stage_name=stage_name(stage, language),
            item=item,
            item_name=name,
            unit_name=in_language(UNIT_NAMES.get(unit, (unit, unit)), language),
            quantity=row.get("quantity"),
            direct_cost=row.get("direct_cost"),
        )
    return table


@dataclass(frozen=True)
class PlanFigures:
    """What the summary block states, each None when not known."""

    first_year: int | None = None
    last_year: int | None = None
    production_years: int | None = None
    settling_years: int | None = None
    aftercare_years: int | None = None
    project_m2: float | None = None
    damaged_m2: float | None = None
    construction_m2: float | None = None
    reclaimed_m2: float | None = None
    static: float | None = None
    dynamic: float | None = None
    static_per_mu: float | None = None
    dynamic_per_mu: float | None = None


def service_figures(stages: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """The service period from the stage table: first and last year, years per period."""
    if not stages:
        return {}
    return {
        "first_year": int(stages[0]["year_start"]),
        "last_year": int(stages[-1]["year_end"]),
        **{
            f"{key}_years": sum(int(row.get(f"{key}_years") or 0) for row in stages)
            for key in PERIOD_NAMES
        },
    }


def plan_summary_table(figures: PlanFigures, language: str) -> Table:
    """复垦方案摘要: the service period and its periods, the area totals (项目区 = the study
    area; 复垦区 = the damaged land; 永久性建设用地 = the land proposed to stay construction
    land; 复垦责任范围 = 复垦区 − 永久性建设用地), the reclaimed area, the reclamation rate
    (reclaimed / damaged, as the 复垦率 table), and the static and dynamic investment with
    their per-亩 figures (over the units' area, as the 投资汇总). Rows without their inputs
    are left out."""
    zh = language.startswith("zh")
    table = Table(PLAN_SUMMARY_TABLE, PLAN_SUMMARY_COLUMNS)

    def add(item: str, value: str) -> None:
        table.add(item=item, item_name=in_language(SUMMARY_ITEMS[item], language), value=value)

    def area(m2: float) -> str:
        hm2 = m2 * HM2_PER_M2
        mu = hm2 * MU_PER_HM2
        return f"{hm2:.4f} hm²（{mu:.2f} 亩）" if zh else f"{hm2:.4f} hm² ({mu:.2f} mu)"

    def money(yuan: float) -> str:
        return f"{yuan / 1e4:,.2f} 万元" if zh else f"{yuan / 1e4:,.2f} × 10⁴ yuan"

    f = figures
    if f.first_year is not None and f.last_year is not None:
        total = f.last_year - f.first_year + 1
        parts = {
            "production": f.production_years,
            "settling": f.settling_years,
            "aftercare": f.aftercare_years,
        }
        said = [
            f"{PERIOD_NAMES[k][0]} {v} 年" if zh else f"{PERIOD_NAMES[k][1]} {v} years"
            for k, v in parts.items()
            if v
        ]
        if zh:
            add(
                "service_period",
                f"{total} 年（{f.first_year}–{f.last_year} 年：{'、'.join(said)}）",
            )
        else:
            add(
                "service_period", f"{total} years ({f.first_year}–{f.last_year}: {', '.join(said)})"
            )
    if f.project_m2:
        add("project_area", area(f.project_m2))
    if f.damaged_m2 is not None:
        construction = f.construction_m2 or 0.0
        add("reclamation_area", area(f.damaged_m2))
        add("construction_area", area(construction))
        responsibility = max(f.damaged_m2 - construction, 0.0)
        add("responsibility_area", area(responsibility))
        if f.reclaimed_m2 is not None:
            add("reclaimed_area", area(f.reclaimed_m2))
            if f.damaged_m2 > 0:
                add("reclamation_rate", f"{100 * f.reclaimed_m2 / f.damaged_m2:.2f} %")
    for key, value in (("static", f.static), ("dynamic", f.dynamic)):
        if value is not None:
            add(key, money(value))
    for key, value in (("static_per_mu", f.static_per_mu), ("dynamic_per_mu", f.dynamic_per_mu)):
        if value is not None:
            add(key, f"{value:,.2f} 元/亩" if zh else f"{value:,.2f} yuan/mu")
    return table
