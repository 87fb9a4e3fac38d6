"""The ``works`` block of a rule pack: the engineering measures of reclamation and how much
of each a unit needs (工程量), as data.

Each item names its measure in both languages, its unit of quantity, a rule and a value
(one number, or one per proposed use), the units it applies to (proposed uses, damage
types, limiting factors) and where its number comes from::

    "works": {
      "stripping_depth_m": {"value": 0.3, "source": "…", "status": "secondary"},
      "items": {
        "soil_cover": {"name": {"zh": "覆土", "en": "soil cover"}, "unit": "m3",
                       "rule": "depth", "value": {"cultivated": 0.5, "forest": 0.3},
                       "damage_types": ["excavation", "occupation"], "cover": true,
                       "source": "TDBZ1995-water", "status": "secondary"},
        "land_levelling": {"name": {…}, "unit": "m3", "rule": "levelling",
                           "value": {"cultivated": 5, "forest": 25}, …}
      }
    }

A value given per use may also name "*" (every other use).

Rules: ``depth`` m³ = area (m²) × value (m); ``per_hm2`` quantity = area (hm²) × value;
``area`` hm² = area (hm²); ``perimeter`` m = perimeter (m) × value, for units whose mean
slope is at least ``min_slope_deg``; ``levelling`` m³ of cut and of fill from the DEM to a
plane fitted to the unit, no steeper than ``value`` degrees (the design slope of the use).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import DAMAGE_TYPES, EVALUATED_USES, FACTORS, PROPOSAL_ONLY_USES, RESTORE_USE

RULES = ("depth", "per_hm2", "area", "perimeter", "levelling")
# Units of quantity an item may state (m³, m, hm², plants, tonnes, points, sets).
QUANTITY_UNITS = ("m3", "m", "hm2", "plant", "t", "point", "set")
PROPOSED_USES = (*EVALUATED_USES, *PROPOSAL_ONLY_USES, RESTORE_USE)
_RULE_UNITS = {"depth": ("m3",), "area": ("hm2",), "levelling": ("m3",), "perimeter": ("m",)}


@dataclass(frozen=True)
class WorkItem:
    """One measure: what it is, how its quantity is computed, and for which units."""

    key: str
    name: Mapping[str, str]
    unit: str
    rule: str
    values: Mapping[str, float]  # proposed use -> value ("*" = every use)
    damage_types: tuple[str, ...]  # empty: any damage type
    limited_by: tuple[str, ...]  # empty: whatever limits the unit
    min_slope_deg: float | None
    cover: bool  # the item consumes topsoil (its m³ enter the soil balance)
    provenance: Sourced
    # Levelling only: the bench width (m) of terraces per use, for ground steeper than the
    # design slope (empty: one plane), with its own provenance.
    terraces: Mapping[str, float] = field(default_factory=dict)
    terraces_provenance: Sourced | None = None

    def value_for(self, use: str) -> float | None:
        """The item's value for a proposed use (None: the item does not apply)."""
        if use in self.values:
            return self.values[use]
        return self.values.get("*")


@dataclass(frozen=True)
class Works:
    """The works of a pack: the stripping depth of topsoil and the items, in order."""

    stripping_depth_m: float
    stripping_provenance: Sourced
    items: tuple[WorkItem, ...]

    def item(self, key: str) -> WorkItem:
        return next(item for item in self.items if item.key == key)


def parse_works(reader: Reader, block: Any, sources: Mapping[str, Any]) -> Works:
    block = reader.mapping(block, "works", ("stripping_depth_m", "items"), ("note",))
    depth_block = reader.mapping(
        block["stripping_depth_m"],
        "works.stripping_depth_m",
        ("value", *PROVENANCE_KEYS),
        ("note",),
    )
    depth = reader.number(depth_block["value"], "works.stripping_depth_m.value")
    if not 0 < depth <= 3:
        raise reader.fail(
            "works.stripping_depth_m.value", f"{depth} m of topsoil", "give 0–3 m (often 0.3)"
        )
    items_block = reader.mapping(block["items"], "works.items", open_keys=True)
    items = tuple(
        _item(reader, key, entry, f"works.items.{key}", sources)
        for key, entry in items_block.items()
    )
    provenance = reader.provenance(depth_block, "works.stripping_depth_m", sources)
    return Works(depth, provenance, items)


def _item(reader: Reader, key: str, entry: Any, path: str, sources: Mapping[str, Any]) -> WorkItem:
    entry = reader.mapping(
        entry,
        path,
        ("name", "unit", "rule", "value", *PROVENANCE_KEYS),
        ("damage_types", "limited_by", "min_slope_deg", "cover", "terraces", "note"),
    )
    rule = reader.string(entry["rule"], f"{path}.rule", RULES)
    unit = reader.string(entry["unit"], f"{path}.unit", QUANTITY_UNITS)
    if rule in _RULE_UNITS and unit not in _RULE_UNITS[rule]:
        raise reader.fail(
            f"{path}.unit",
            f"rule {rule!r} gives {_RULE_UNITS[rule][0]}",
            f'use "{_RULE_UNITS[rule][0]}"',
        )
    values = _values(reader, entry["value"], f"{path}.value", rule)
    min_slope = entry.get("min_slope_deg")
    if rule == "perimeter" and min_slope is not None:
        min_slope = reader.number(min_slope, f"{path}.min_slope_deg")
    elif min_slope is not None:
        raise reader.fail(f"{path}.min_slope_deg", "only perimeter items take it", "remove it")
    terraces, terraces_provenance = _terraces(reader, entry.get("terraces"), path, rule, sources)
    cover = entry.get("cover", False)
    if not isinstance(cover, bool) or (cover and unit != "m3"):
        raise reader.fail(f"{path}.cover", "expected true for an item of m3, or false", "fix it")
    return WorkItem(
        key=key,
        name=reader.texts(entry["name"], f"{path}.name"),
        unit=unit,
        rule=rule,
        values=values,
        damage_types=_choices(
            reader, entry.get("damage_types", []), f"{path}.damage_types", DAMAGE_TYPES
        ),
        limited_by=_choices(
            reader, entry.get("limited_by", []), f"{path}.limited_by", tuple(FACTORS)
        ),
        min_slope_deg=min_slope,
        cover=cover,
        provenance=reader.provenance(entry, path, sources),
        terraces=terraces,
        terraces_provenance=terraces_provenance,
    )


def _terraces(
    reader: Reader, block: Any, path: str, rule: str, sources: Mapping[str, Any]
) -> tuple[dict[str, float], Sourced | None]:
    """The bench widths of a levelling item's terraces, per use (m, above 0, at most 500)."""
    if block is None:
        return {}, None
    where = f"{path}.terraces"
    if rule != "levelling":
        raise reader.fail(where, "only levelling items take terraces", "remove it")
    block = reader.mapping(block, where, ("value", *PROVENANCE_KEYS), ("note",))
    widths = reader.mapping(block["value"], f"{where}.value", (), PROPOSED_USES)
    values = {use: reader.number(w, f"{where}.value.{use}") for use, w in widths.items()}
    for use, width in values.items():
        if not 0 < width <= 500:
            raise reader.fail(
                f"{where}.value.{use}", f"a bench {width} m wide", "give a width above 0, to 500 m"
            )
    return values, reader.provenance(block, where, sources)


def _values(reader: Reader, value: Any, path: str, rule: str) -> dict[str, float]:
    """One number for every use ("*"), or one per proposed use."""
    raw = (
        {"*": value}
        if not isinstance(value, dict)
        else reader.mapping(value, path, (), (*PROPOSED_USES, "*"))
    )
    values = {use: reader.number(number, f"{path}.{use}") for use, number in raw.items()}
    for use, number in values.items():
        where = f"{path}.{use}" if use != "*" else path
        if number < 0:
            raise reader.fail(where, f"a negative value {number}", "give 0 or more")
        if rule == "levelling" and number >= 90:
            raise reader.fail(where, f"a design slope of {number}°", "give a slope below 90°")
    return values


def _choices(reader: Reader, value: Any, path: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise reader.fail(path, "expected a list", f"use some of {', '.join(allowed)}")
    for index, item in enumerate(value):
        reader.string(item, f"{path}[{index}]", allowed)
    return tuple(value)
