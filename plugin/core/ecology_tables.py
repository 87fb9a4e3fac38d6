"""The report's tables of the ecological restoration chapter (生态修复与转型利用): the
ecosystem-service value by service and by ecosystem type, in 万元 per year, from the tables
``reclamation:ecosystemvalue`` writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .accounting import Table, _columns
from .ecosystem_value import ROW_NAMES, STATES
from .labels import in_language
from .rules.esv import EsvRules

ESV_SERVICE_TABLE = "esv_services"
ESV_TYPE_TABLE = "esv_ecosystems"
SERVICE_COLUMNS = _columns(
    "row_kind:str service:str service_name:str before_wan:float damaged_wan:float "
    "after_wan:float gain_wan:float change_wan:float"
)
TYPE_COLUMNS = _columns(
    "row_kind:str ecosystem:str ecosystem_name:str eco_before_hm2:float eco_damaged_hm2:float "
    "eco_after_hm2:float before_wan:float damaged_wan:float after_wan:float"
)
_WAN = 1e-4  # 元 -> 万元


def esv_service_table(
    rows: Sequence[Mapping[str, Any]], language: str, rules: EsvRules | None = None
) -> Table:
    """The value of each service before damage, after damage and after reclamation, the
    gain of reclamation and the change against the land before (万元/a); services named by
    the pack when it knows them, else as the table names them."""
    table = Table(ESV_SERVICE_TABLE, SERVICE_COLUMNS)
    names = rules.service_names if rules is not None else {}
    for row in rows:
        key = str(row.get("service") or "")
        kind = str(row.get("row_kind") or "item")
        table.add(
            row_kind=kind,
            service=key,
            service_name=_name(key, kind, row.get("service_name"), language, names),
            **{f"{s}_wan": _wan(row.get(f"esv_{s}")) for s in STATES},
            gain_wan=_wan(row.get("esv_gain")),
            change_wan=_wan(row.get("esv_change")),
        )
    return table


def esv_type_table(
    rows: Sequence[Mapping[str, Any]], language: str, rules: EsvRules | None = None
) -> Table:
    """The area and value of each ecosystem type in the three states (hm², 万元/a)."""
    table = Table(ESV_TYPE_TABLE, TYPE_COLUMNS)
    names = {k: e.name for k, e in rules.ecosystems.items()} if rules is not None else {}
    for row in rows:
        key = str(row.get("ecosystem") or "")
        kind = str(row.get("row_kind") or "item")
        table.add(
            row_kind=kind,
            ecosystem=key,
            ecosystem_name=_name(key, kind, row.get("ecosystem_name"), language, names),
            **{f"eco_{s}_hm2": _number(row.get(f"{s}_hm2")) for s in STATES},
            **{f"{s}_wan": _wan(row.get(f"esv_{s}")) for s in STATES},
        )
    return table


def _name(
    key: str, kind: str, given: Any, language: str, names: Mapping[str, Mapping[str, str]]
) -> str:
    """A total row's name, else the pack's name of the key, else the table's own."""
    if kind in ROW_NAMES:
        return in_language(ROW_NAMES[kind], language)
    if key in names:
        return in_language(names[key], language)
    return "" if given is None else str(given)


def _number(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _wan(value: Any) -> float | None:
    number = _number(value)
    return None if number is None else number * _WAN


CORRIDOR_TABLE = "ecological_corridors"
PRIORITY_TABLE = "restoration_priority"
CORRIDOR_COLUMNS = _columns(
    "row_kind:str corridor_id:int sources:str length_m:float cost:float cost_after:float "
    "change_pct:float damaged_m:float"
)
PRIORITY_COLUMNS = _columns(
    "priority_rank:int unit_id:int use_name:str area_hm2:float esv_gain_wan:float "
    "corridor_gain:float priority_score:float priority_ratio:float selected_name:str"
)
SELECTED_NAMES = {1: ("入选", "selected"), 0: ("未入选", "not selected")}


def corridor_table(rows: Sequence[Mapping[str, Any]], language: str) -> Table:
    """The corridors, cheapest first: the two sources, length, cost now and after the
    reclamation and its change, the length on land reclamation changes; a total row."""
    table = Table(CORRIDOR_TABLE, CORRIDOR_COLUMNS)
    ordered = sorted(rows, key=lambda r: _number(r.get("cost")) or 0.0)
    for row in ordered:
        cost, after = _number(row.get("cost")), _number(row.get("cost_after"))
        table.add(
            row_kind="item",
            corridor_id=int(row.get("corridor_id") or 0),
            sources=f"{row.get('source_a')}–{row.get('source_b')}",
            length_m=_number(row.get("length_m")),
            cost=cost,
            cost_after=after,
            change_pct=_change(cost, after),
            damaged_m=_number(row.get("damaged_m")),
        )
    if ordered:
        paired = [r for r in ordered if _number(r.get("cost_after")) is not None]
        before = sum(_number(r.get("cost")) or 0.0 for r in paired)
        later = sum(_number(r.get("cost_after")) or 0.0 for r in paired)
        table.add(
            row_kind="total",
            sources=in_language(ROW_NAMES["total"], language),
            length_m=sum(_number(r.get("length_m")) or 0.0 for r in ordered),
            cost=sum(_number(r.get("cost")) or 0.0 for r in ordered),
            cost_after=later if paired else None,
            change_pct=_change(before, later) if paired else None,
            damaged_m=sum(_number(r.get("damaged_m")) or 0.0 for r in ordered),
        )
    return table


def priority_table(
    rows: Sequence[Mapping[str, Any]], language: str, use_names: Mapping[str, tuple[str, str]]
) -> Table:
    """The ranked units, first first: proposed use, area, the benefit terms, score, score per
    cost and whether the budget selects them (when a budget was given)."""
    table = Table(PRIORITY_TABLE, PRIORITY_COLUMNS)
    ranked = [r for r in rows if int(_number(r.get("priority_rank")) or 0) > 0]
    for row in sorted(ranked, key=lambda r: int(_number(r.get("priority_rank")) or 0)):
        use = str(row.get("use_proposed") or "")
        selected = row.get("selected")
        table.add(
            priority_rank=int(_number(row.get("priority_rank")) or 0),
            unit_id=int(_number(row.get("unit_id")) or 0),
            use_name=in_language(use_names.get(use, (use, use)), language),
            area_hm2=_number(row.get("area_hm2")),
            esv_gain_wan=_wan(row.get("esv_gain")),
            corridor_gain=_number(row.get("corridor_gain")),
            priority_score=_number(row.get("priority_score")),
            priority_ratio=_number(row.get("priority_ratio")),
            selected_name=""
            if selected is None or selected == ""
            else in_language(SELECTED_NAMES[int(_number(selected) or 0)], language),
        )
    return table


def _change(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    return 100.0 * (after - before) / before


REUSE_TABLE = "reuse_potential"
REUSE_COLUMNS = _columns(
    "row_kind:str reuse:str reuse_name:str units:int area_hm2:float floating_hm2:float "
    "capacity_mw:float"
)


def reuse_table(
    rows: Sequence[Mapping[str, Any]], language: str, names: Mapping[str, tuple[str, str]]
) -> Table:
    """Second lives by kind: units, area, floating PV area and PV capacity."""
    table = Table(REUSE_TABLE, REUSE_COLUMNS)
    for row in rows:
        key = str(row.get("reuse") or "")
        table.add(
            row_kind="item",
            reuse=key,
            reuse_name=in_language(names[key], language) if key in names else key,
            units=int(_number(row.get("units")) or 0),
            area_hm2=_number(row.get("area_hm2")),
            floating_hm2=_number(row.get("floating_hm2")),
            capacity_mw=_number(row.get("capacity_mw")),
        )
    return table
