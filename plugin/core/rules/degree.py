"""Damage degree (损毁程度): the pack's indicator tables and vectorised grading.

A pack's ``disturbance`` block holds, per damage type, rows of (indicator, previous land
use, limits). Three upper-inclusive limits split an indicator into degrees 0 none | 1 light |
2 moderate | 3 severe. Limits may be ``null`` where the official value is unknown (the
TD/T 1031.3 tables were not found): such a row is kept, shown and refused when used, so a
planner fills it in rather than getting a silent guess. Indicators combine by the pack's
rule; only "worst" (the limiting-factor logic) exists today.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import (
    DAMAGE_INDICATORS,
    DAMAGE_TYPES,
    DAMAGED_LAND_USES,
    DEGREE_UNDECIDED,
    DEGREES,
)

COMBINE_RULES: tuple[str, ...] = ("worst",)
# Internal grade of a value beyond the last known limit (lenient mode): damaged, degree
# unknown. It beats "none" from another indicator: the land is damaged whatever they say.
_DAMAGED_UNKNOWN = -2
DEGREE_LIMITS = len(DEGREES) - 1


@dataclass(frozen=True)
class IndicatorRow:
    """One row of a damage-degree table."""

    indicator: str
    land_use: str
    limits: tuple[float | None, ...]  # none_max, light_max, moderate_max
    provenance: Sourced

    @property
    def complete(self) -> bool:
        return all(limit is not None for limit in self.limits)


@dataclass(frozen=True)
class DamageTypeRules:
    damage_type: str
    rows: tuple[IndicatorRow, ...]
    default_degree: int | None
    default_provenance: Sourced | None

    def indicators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.indicator for row in self.rows))


@dataclass(frozen=True)
class SourcedNumber:
    value: float
    provenance: Sourced


@dataclass(frozen=True)
class DisturbanceRules:
    combine: str
    combine_provenance: Sourced
    min_elevation_change_m: SourcedNumber
    min_patch_area_m2: SourcedNumber
    types: Mapping[str, DamageTypeRules]
    # Where evidence of several types overlaps, the earlier type in this order wins.
    precedence: tuple[str, ...] = DAMAGE_TYPES
    # Subsidence smaller than this is no evidence of damage (edge of a subsidence basin).
    min_subsidence_m: SourcedNumber | None = None


class DegreeRuleError(ValueError):
    """Grading needs an indicator row the pack does not define or leaves empty."""


def _limits(reader: Reader, value: Any, path: str) -> tuple[float | None, ...]:
    if not isinstance(value, list) or len(value) != DEGREE_LIMITS:
        raise reader.fail(
            path,
            f"expected {DEGREE_LIMITS} limits (none, light, moderate maxima)",
            "use [none_max, light_max, moderate_max]; null where unknown",
        )
    limits = tuple(
        None if item is None else reader.number(item, f"{path}[{i}]")
        for i, item in enumerate(value)
    )
    known = [limit for limit in limits if limit is not None]
    if known != sorted(known) or len(set(known)) != len(known):
        raise reader.fail(path, f"limits {list(value)} do not increase", "reorder them")
    return limits


def _row(reader: Reader, block: Any, path: str, sources: Mapping[str, Any]) -> IndicatorRow:
    block = reader.mapping(
        block, path, ("indicator", "limits", *PROVENANCE_KEYS), ("land_use", "note")
    )
    indicator = reader.string(block["indicator"], f"{path}.indicator", tuple(DAMAGE_INDICATORS))
    land_use = reader.string(block.get("land_use", "any"), f"{path}.land_use", DAMAGED_LAND_USES)
    limits = _limits(reader, block["limits"], f"{path}.limits")
    provenance = reader.provenance(block, path, sources)
    if not all(limit is not None for limit in limits) and not provenance.note:
        raise reader.fail(f"{path}.note", "empty limits need a note", "say why they are empty")
    return IndicatorRow(indicator, land_use, limits, provenance)


def _sourced_number(reader: Reader, block: Any, path: str, sources: Mapping) -> SourcedNumber:
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    return SourcedNumber(
        reader.number(block["value"], f"{path}.value"), reader.provenance(block, path, sources)
    )


def _type_rules(
    reader: Reader, damage_type: str, block: Any, path: str, sources: Mapping
) -> DamageTypeRules:
    block = reader.mapping(block, path, ("indicators",), ("default_degree", "note"))
    rows_block = block["indicators"]
    if not isinstance(rows_block, list):
        raise reader.fail(f"{path}.indicators", "expected a list of rows", "use [{…}, …]")
    rows = tuple(
        _row(reader, row, f"{path}.indicators[{i}]", sources) for i, row in enumerate(rows_block)
    )
    keys = [(row.indicator, row.land_use) for row in rows]
    if len(set(keys)) != len(keys):
        raise reader.fail(
            f"{path}.indicators", "an indicator is listed twice for one land use", "keep one"
        )
    default, default_provenance = None, None
    if "default_degree" in block:
        number = _sourced_number(reader, block["default_degree"], f"{path}.default_degree", sources)
        if number.value not in DEGREES:
            raise reader.fail(f"{path}.default_degree.value", "not a degree", "use 0, 1, 2 or 3")
        default, default_provenance = int(number.value), number.provenance
    return DamageTypeRules(damage_type, rows, default, default_provenance)


def parse_disturbance(reader: Reader, block: Any, sources: Mapping) -> DisturbanceRules:
    """Validate the pack's ``disturbance`` block."""
    path = "disturbance"
    block = reader.mapping(block, path, ("combine", "detection", "types"), ("note", "precedence"))
    combine = reader.mapping(
        block["combine"], f"{path}.combine", ("rule", *PROVENANCE_KEYS), ("note",)
    )
    rule = reader.string(combine["rule"], f"{path}.combine.rule", COMBINE_RULES)
    detection = reader.mapping(
        block["detection"],
        f"{path}.detection",
        ("min_elevation_change_m", "min_patch_area_m2"),
        ("min_subsidence_m",),
    )
    types = reader.mapping(block["types"], f"{path}.types", (), DAMAGE_TYPES)
    return DisturbanceRules(
        combine=rule,
        combine_provenance=reader.provenance(combine, f"{path}.combine", sources),
        min_elevation_change_m=_sourced_number(
            reader,
            detection["min_elevation_change_m"],
            f"{path}.detection.min_elevation_change_m",
            sources,
        ),
        min_patch_area_m2=_sourced_number(
            reader, detection["min_patch_area_m2"], f"{path}.detection.min_patch_area_m2", sources
        ),
        types={
            name: _type_rules(reader, name, rules, f"{path}.types.{name}", sources)
            for name, rules in types.items()
        },
        precedence=_precedence(reader, block.get("precedence"), f"{path}.precedence", sources),
        min_subsidence_m=(
            _sourced_number(
                reader,
                detection["min_subsidence_m"],
                f"{path}.detection.min_subsidence_m",
                sources,
            )
            if "min_subsidence_m" in detection
            else None
        ),
    )


def _precedence(reader: Reader, block: Any, path: str, sources: Mapping) -> tuple[str, ...]:
    if block is None:
        return DAMAGE_TYPES
    block = reader.mapping(block, path, ("order", *PROVENANCE_KEYS), ("note",))
    order = block["order"]
    if not isinstance(order, list) or sorted(order) != sorted(DAMAGE_TYPES):
        raise reader.fail(
            f"{path}.order",
            "must list every damage type once",
            f"use an order of: {', '.join(DAMAGE_TYPES)}",
        )
    reader.provenance(block, path, sources)
    return tuple(order)


def _known_limits(limits: tuple[float | None, ...]) -> np.ndarray:
    known: list[float] = []
    for limit in limits:
        if limit is None:
            break
        known.append(limit)
    return np.asarray(known, dtype=float)


def _indicator_degree(
    rules: DamageTypeRules,
    row: IndicatorRow,
    values: np.ndarray,
    ungraded: dict[str, int] | None = None,
) -> np.ndarray:
    """Degrees by one row. With empty limits, values up to the last known limit are still
    graded; a value beyond it cannot be: it is refused (``ungraded`` is None) or left
    undecided and counted in ``ungraded`` under the row's indicator."""
    known = _known_limits(row.limits)
    # Upper-inclusive: a value equal to a limit keeps the milder degree.
    degree = np.searchsorted(known, values, side="left")
    valid = ~np.isnan(values)
    beyond = valid & (degree == len(known)) if len(known) < DEGREE_LIMITS else None
    if beyond is not None and beyond.any():
        if ungraded is None:
            raise _refuse_incomplete(rules, row, int(np.count_nonzero(beyond)))
        ungraded[row.indicator] = ungraded.get(row.indicator, 0) + int(beyond.sum())
        degree = np.where(beyond, _DAMAGED_UNKNOWN, degree)
    return np.where(valid, degree, DEGREE_UNDECIDED).astype(np.int8)


def _row_for(rules: DamageTypeRules, indicator: str, land_use: str) -> IndicatorRow | None:
    for row in rules.rows:
        if row.indicator == indicator and row.land_use == land_use:
            return row
    return None


def _refuse_incomplete(rules: DamageTypeRules, row: IndicatorRow, count: int) -> DegreeRuleError:
    known = _known_limits(row.limits)
    beyond = f"above {known[-1]:g}" if len(known) else "given"
    return DegreeRuleError(
        f"{count} {row.indicator} value(s) {beyond} for {rules.damage_type} on {row.land_use} "
        f"land cannot be graded: the rule pack leaves those limits empty "
        f"({row.provenance.note}). Fill them in the rule pack or do not give this indicator"
    )


@dataclass(frozen=True)
class DegreeResult:
    degree: np.ndarray  # int8: 0..3, DEGREE_UNDECIDED where nothing decides
    deciding: np.ndarray  # int16: index into ``indicators`` of the worst indicator, -1 none
    indicators: tuple[str, ...]
    from_default: np.ndarray  # bool: the type's default degree was used
    # indicator -> values the pack's (partly empty) limits could not grade (strict=False)
    ungraded: Mapping[str, int] = field(default_factory=dict)


def grade_degree(
    disturbance: DisturbanceRules,
    damage_type: str,
    indicators: Mapping[str, np.ndarray],
    land_use: np.ndarray | None = None,
    strict: bool = True,
) -> DegreeResult:
    """Degree of damage per unit: each indicator graded by the row for the unit's previous
    land use (or the "any" row), combined by the worst degree; NaN values do not decide.
    Units without any value get the type's default degree, or DEGREE_UNDECIDED.

    ``strict=False`` (for rasters and mapped layers): values that empty limits cannot grade
    are left undecided and counted in ``ungraded`` instead of stopping the run, and the
    type's default degree fills them too.
    """
    if damage_type not in disturbance.types:
        raise DegreeRuleError(f"the rule pack has no damage-degree rules for {damage_type}")
    rules = disturbance.types[damage_type]
    names = tuple(indicators)
    if indicators:
        count = len(next(iter(indicators.values())))
    else:
        count = 0 if land_use is None else len(land_use)
    uses = np.full(count, "any", dtype=object) if land_use is None else np.asarray(land_use)
    degree = np.full(count, DEGREE_UNDECIDED, dtype=np.int8)
    deciding = np.full(count, -1, dtype=np.int16)
    ungraded: dict[str, int] | None = None if strict else {}
    unknown = np.zeros(count, dtype=bool)  # some value beyond an empty limit
    for index, name in enumerate(names):
        values = np.asarray(indicators[name], dtype=float)
        graded = _grade_by_land_use(rules, name, values, uses, ungraded)
        unknown |= graded == _DAMAGED_UNKNOWN
        worse = graded > degree
        degree = np.where(worse, graded, degree)
        deciding = np.where(worse, index, deciding).astype(np.int16)
    # A known degree below severe could hide a worse unknown one: the degree is undecided.
    max_degree = DEGREES[-1]
    degree = np.where(unknown & (degree < max_degree), DEGREE_UNDECIDED, degree).astype(np.int8)
    from_default = degree == DEGREE_UNDECIDED
    if rules.default_degree is not None:
        degree = np.where(from_default, rules.default_degree, degree).astype(np.int8)
    else:
        from_default = np.zeros(count, dtype=bool)
    return DegreeResult(degree, deciding, names, from_default, ungraded or {})


def _grade_by_land_use(
    rules: DamageTypeRules,
    name: str,
    values: np.ndarray,
    uses: np.ndarray,
    ungraded: dict[str, int] | None,
) -> np.ndarray:
    graded = np.full(values.shape, DEGREE_UNDECIDED, dtype=np.int8)
    general = _row_for(rules, name, "any")
    specific_uses = {row.land_use for row in rules.rows if row.indicator == name} - {"any"}
    if general is None and not specific_uses:
        raise DegreeRuleError(
            f"the rule pack defines no {name} limits for {rules.damage_type}; "
            f"it grades {rules.damage_type} by: {', '.join(rules.indicators()) or 'nothing'}"
        )
    covered = np.zeros(values.shape, dtype=bool)
    for land_use in sorted(specific_uses):
        row = _row_for(rules, name, land_use)
        mask = uses == land_use
        if row is None or not mask.any():
            continue
        graded[mask] = _indicator_degree(rules, row, values[mask], ungraded)
        covered |= mask
    rest = ~covered & ~np.isnan(values)
    if rest.any():
        if general is None and ungraded is not None:
            ungraded[name] = ungraded.get(name, 0) + int(rest.sum())
        elif general is None:
            missing = sorted({str(use) for use in uses[rest]})
            raise DegreeRuleError(
                f"the rule pack defines {name} limits for {rules.damage_type} only on "
                f"{', '.join(sorted(specific_uses))} land, not on {', '.join(missing)}"
            )
        else:
            graded[rest] = _indicator_degree(rules, general, values[rest], ungraded)
    return graded


__all__ = [
    "DamageTypeRules",
    "DegreeResult",
    "DegreeRuleError",
    "DisturbanceRules",
    "IndicatorRow",
    "grade_degree",
    "parse_disturbance",
]
