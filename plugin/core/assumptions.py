"""Basis and assumptions (依据与假设): what the plan's numbers rest on, for the report.

A reviewer must tell assessed numbers from defaults. This table lists:

- ``degree``: the damaged area per damage type whose degree was assessed from an
  indicator, is the rule pack's default (not verified), or stayed undecided;
- ``rule``: every rule of the rule pack used (suitability factors, damage-degree rows,
  detection values, the slope cap), with its source and status (verified, secondary,
  unverified), the unverified ones first; a suitability rule with the damaged area whose
  proposed use it limits;
- ``warning``: every warning the runs that made the layers gave.

Pure Python: the provider passes the pack, the overlay and the warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .accounting import (
    AREA_COLUMNS,
    DAMAGE_TYPE_NAMES,
    Overlay,
    Table,
    Units,
    _areas,
    _columns,
    _grouped,
    _pick,
)
from .rules.pack import FactorRule, RulePack

BASIS_COLUMNS = _columns(
    f"row_kind:str topic:str item:str detail:str status:str source:str citation:str {AREA_COLUMNS}"
)
BASIS_NAMES = {
    "assessed": ("由指标评定", "assessed from indicators"),
    "default": ("规则包默认程度（未核实）", "rule-pack default degree (not verified)"),
    "undecided": ("程度未定", "degree undecided"),
    "": ("未说明", "not stated"),
}
STATUS_ORDER = {"unverified": 0, "secondary": 1, "verified": 2}
USE_NAMES = {
    "cultivated": ("耕地", "cultivated land"),
    "garden": ("园地", "garden land"),
    "forest": ("林地", "forest land"),
    "grass": ("草地", "grassland"),
    "water": ("水域", "water"),
}


def degree_basis_areas(overlay: Overlay) -> dict[str, float]:
    """Damaged area (m²) by how its degree was decided."""
    mask = overlay.damaged
    sums = _grouped(((basis,) for basis in overlay.degree_basis[mask]), overlay.area_m2[mask])
    return {basis: area for (basis,), area in sums.items()}


def basis_table(
    overlay: Overlay,
    packs: Sequence[RulePack],
    warnings: Sequence[str],
    language: str,
    units: Units | None = None,
) -> Table:
    """The basis-and-assumptions table of the plan. With the suitability ``units``, each
    suitability rule gets the damaged area whose proposed use it limits."""
    table = Table("basis_assumptions", BASIS_COLUMNS)
    _degree_rows(table, overlay, language)
    limited = _limited_areas(overlay, units) if units is not None else {}
    for pack in packs:
        _rule_rows(table, pack, language, limited)
    for warning in dict.fromkeys(warnings):
        table.add(row_kind="warning", topic="warning", item="", detail=warning)
    return table


def _degree_rows(table: Table, overlay: Overlay, language: str) -> None:
    mask = overlay.damaged
    keys = zip(overlay.dist_type[mask], overlay.degree_basis[mask], strict=True)
    for (damage_type, basis), area in sorted(_grouped(keys, overlay.area_m2[mask]).items()):
        if damage_type not in DAMAGE_TYPE_NAMES:
            continue
        table.add(
            row_kind="degree",
            topic="degree",
            item=_pick(DAMAGE_TYPE_NAMES[damage_type], language),
            detail=_pick(BASIS_NAMES.get(basis, BASIS_NAMES[""]), language),
            status="" if basis == "assessed" else "unverified",
            **_areas(area),
        )


def _citation(pack: RulePack, source: str) -> str:
    return str(pack.sources.get(source, {}).get("citation", ""))


def _limits_text(rule: FactorRule) -> str:
    if rule.kind == "constraint":
        return f"{'≤' if rule.bound_is_max else '≥'} {rule.bound:g}"
    if rule.kind == "categorical":
        return ", ".join(f"{code:g}→{grade}" for code, grade in rule.categories.items())
    parts = []
    for limit in rule.limits:
        parts.append(f"{limit[0]:g}–{limit[1]:g}" if isinstance(limit, tuple) else f"{limit:g}")
    return f"{rule.kind}: " + " / ".join(parts)


def _limited_areas(overlay: Overlay, units: Units) -> dict[tuple[str, str], float]:
    """(proposed use, factor) -> damaged area whose proposed use that factor limits: the
    damaged area per unit (bincount), then each unit's limiting factors."""
    count = len(units.use_proposed)
    mask = overlay.damaged & (overlay.unit > 0) & (overlay.unit <= count)
    per_unit = np.bincount(overlay.unit[mask] - 1, overlay.area_m2[mask], minlength=count)
    result: dict[tuple[str, str], float] = {}
    for index in np.flatnonzero(per_unit > 0):
        use = units.use_proposed[index]
        for factor in filter(None, (f.strip() for f in units.limits[index].split(","))):
            result[use, factor] = result.get((use, factor), 0.0) + float(per_unit[index])
    return result


def _rule_rows(
    table: Table, pack: RulePack, language: str, limited: dict[tuple[str, str], float]
) -> None:
    rows = []
    for use, rules in pack.uses.items():
        use_name = _pick(USE_NAMES.get(use, (use, use)), language)
        for rule in rules.rules:
            rows.append(
                (
                    rule.provenance.status,
                    f"{pack.id} · {use_name} · {rule.factor}",
                    _limits_text(rule),
                    rule.provenance.source,
                    limited.get((use, rule.factor)),
                )
            )
    cap = pack.proposal.cultivation_slope_cap
    rows.append(
        (
            cap.provenance.status,
            f"{pack.id} · max_cultivation_slope",
            f"≤ {cap.value:g}°",
            cap.provenance.source,
            None,
        )
    )
    disturbance = pack.disturbance
    if disturbance is not None:
        for name in ("min_elevation_change_m", "min_patch_area_m2"):
            number = getattr(disturbance, name)
            rows.append(
                (
                    number.provenance.status,
                    f"{pack.id} · {name}",
                    f"{number.value:g}",
                    number.provenance.source,
                    None,
                )
            )
        for damage_type, type_rules in disturbance.types.items():
            type_name = _pick(DAMAGE_TYPE_NAMES.get(damage_type, (damage_type,) * 2), language)
            for row in type_rules.rows:
                limits = " / ".join("—" if v is None else f"{v:g}" for v in row.limits)
                rows.append(
                    (
                        row.provenance.status,
                        f"{pack.id} · {type_name} · {row.indicator} ({row.land_use})",
                        limits,
                        row.provenance.source,
                        None,
                    )
                )
            if type_rules.default_degree is not None and type_rules.default_provenance:
                rows.append(
                    (
                        type_rules.default_provenance.status,
                        f"{pack.id} · {type_name} · default degree",
                        f"{type_rules.default_degree}",
                        type_rules.default_provenance.source,
                        None,
                    )
                )
    rows.sort(key=lambda row: STATUS_ORDER.get(row[0], -1))
    for status, item, detail, source, area in rows:
        table.add(
            row_kind="rule",
            topic="rule",
            item=item,
            detail=detail,
            source=source,
            citation=_citation(pack, source),
            status=status,
            **(_areas(area) if area else {}),
        )
