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
    for row in rows:
        key = str(row.get("service") or "")
        kind = str(row.get("row_kind") or "item")
        table.add(
            row_kind=kind,
            service=key,
            service_name=_name(key, kind, row.get("service_name"), language, rules, "services"),
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
    for row in rows:
        key = str(row.get("ecosystem") or "")
        kind = str(row.get("row_kind") or "item")
        table.add(
            row_kind=kind,
            ecosystem=key,
            ecosystem_name=_name(key, kind, row.get("ecosystem_name"), language, rules, "types"),
            **{f"eco_{s}_hm2": _number(row.get(f"{s}_hm2")) for s in STATES},
            **{f"{s}_wan": _wan(row.get(f"esv_{s}")) for s in STATES},
        )
    return table


def _name(key: str, kind: str, given: Any, language: str, rules: EsvRules | None, what: str) -> str:
    if kind in ROW_NAMES:
        return in_language(ROW_NAMES[kind], language)
    if rules is not None:
        names = (
            rules.service_names.get(key)
            if what == "services"
            else (rules.ecosystems[key].name if key in rules.ecosystems else None)
        )
        if names is not None:
            return in_language(names, language)
    return "" if given is None else str(given)


def _number(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _wan(value: Any) -> float | None:
    number = _number(value)
    return None if number is None else number * _WAN
