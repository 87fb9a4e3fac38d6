"""The report's tables of engineering quantities (工程量汇总表) and of the soil and earthwork
balance (土方平衡表), from the tables ``reclamation:estimatequantities`` writes."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .accounting import Table, _columns
from .labels import UNIT_NAMES, in_language
from .works_table import WorksColumns

WORKS_TABLE = "works_summary"
BALANCE_TABLE = "earth_balance"
WORKS_COLUMNS = _columns(
    "item:str part:str item_name:str unit_name:str units:int quantity:float source:str status:str"
)
BALANCE_COLUMNS = _columns("item:str item_name:str m3:float")
COUNTED = ("plant", "point", "set")
# Topsoil stripped before damage: a work of the stripping areas, not of a unit (its rows
# of the works table have no unit_id, an area_id and the year of stripping).
STRIPPING_ITEM = "topsoil_stripping"
STRIPPING_NAME = {"zh": "表土剥离", "en": "topsoil stripping"}
PART_NAMES = {"cut": ("挖方", "cut"), "fill": ("填方", "fill")}
BALANCE_NAMES = {
    "topsoil_stripped": ("表土剥离量", "topsoil stripped"),
    "topsoil_cover": ("覆土需求量", "cover soil needed"),
    "topsoil_surplus": ("表土余量（存放）", "topsoil surplus (stockpiled)"),
    "topsoil_shortfall": ("表土缺口（借土）", "topsoil shortfall (borrowed)"),
    "earth_cut": ("土地平整挖方", "levelling cut"),
    "earth_fill": ("土地平整填方", "levelling fill"),
    "earth_spoil": ("余方（弃方）", "surplus earth (spoil)"),
    "earth_borrow": ("缺方（借方）", "earth shortfall (borrow)"),
    "topsoil_stockpiled": ("表土存放量（堆土场）", "topsoil stockpiled"),
    "topsoil_not_stockpiled": (
        "运距内无堆土场容纳的表土",
        "topsoil no stockpile within reach holds",
    ),
    "topsoil_hauled": ("运距内可供覆土量", "cover soil hauled within reach"),
    "topsoil_unserved": ("运距内无土可供的覆土量", "cover soil with no source within reach"),
}


def item_label(name: str, part: str, language: str) -> str:
    """ "土地平整（挖方）" / "land levelling (cut)"; the name alone without a part."""
    if not part:
        return name
    word = in_language(PART_NAMES.get(part, (part, part)), language)
    return f"{name}（{word}）" if language.startswith("zh") else f"{name} ({word})"


def without_part(name: str) -> str:
    """ "土地平整（挖方）" -> "土地平整", the inverse of ``item_label`` for either language."""
    for zh, en in PART_NAMES.values():
        for tail in (f"（{zh}）", f" ({en})"):
            if name.endswith(tail):
                return name[: -len(tail)]
    return name


def works_table(
    rows: Sequence[Mapping[str, Any]],
    language: str,
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> Table:
    """Totals per measure (and part) over the units, in the rule pack's order of items
    (``names``: item -> {"zh", "en"}, else the rows' order and names); plants, points and
    sets rounded up to whole ones."""
    table = Table(WORKS_TABLE, WORKS_COLUMNS)
    key = "zh" if language.startswith("zh") else "en"
    works = WorksColumns.from_rows(rows)
    first, group = works.groups()
    sums = np.bincount(group, weights=works.quantity, minlength=first.size)
    places = works.places_per_group(group, first.size)
    names = with_stripping(names or {}) if names is not None else None
    order = {item: index for index, item in enumerate(names or {})}
    parts = {"": 0, "cut": 1, "fill": 2}
    ranked = sorted(
        range(first.size),
        key=lambda g: (
            order.get(str(works.item[first[g]]), len(order)),
            parts.get(str(works.part[first[g]]), 3),
        ),
    )
    for g in ranked:
        row = first[g]
        item, part, unit = str(works.item[row]), str(works.part[row]), str(works.unit[row])
        name = (names or {}).get(item, {}).get(key) or str(works.name[row] or item)
        if names and item in names:
            name = item_label(name, part, language)
        table.add(
            item=item,
            part=part or None,
            item_name=name,
            unit_name=in_language(UNIT_NAMES.get(unit, (unit, unit)), language),
            units=int(places[g]),
            # Plants, points and sets are whole: the total is rounded up.
            quantity=math.ceil(sums[g] - 1e-9) if unit in COUNTED else float(sums[g]),
            source=str(works.source[row]) or None,
            status=str(works.status[row]) or None,
        )
    return table


def with_stripping(names: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    """The rule packs' measure names with topsoil stripping first (it comes before damage)."""
    return {STRIPPING_ITEM: STRIPPING_NAME, **names}


def balance_table(rows: Sequence[Mapping[str, Any]], language: str) -> Table:
    """The balance rows in their order, named in ``language``."""
    table = Table(BALANCE_TABLE, BALANCE_COLUMNS)
    for row in rows:
        item = str(row["item"])
        name = in_language(BALANCE_NAMES[item], language) if item in BALANCE_NAMES else item
        table.add(item=item, item_name=name, m3=float(row.get("m3") or 0.0))
    return table
