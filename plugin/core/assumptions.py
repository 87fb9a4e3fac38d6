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
)
from .labels import INDICATOR_NAMES as INDICATOR_WORDS
from .labels import (
    KIND_NAMES,
    LAND_USE_GROUP_NAMES,
    in_language,
    with_unit,
)
from .rules.pack import FactorRule, RulePack
from .rules.vocabulary import DAMAGE_INDICATORS
from .suitability import FACTOR_LABELS

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
# Damage-degree indicators with their units, and the land uses of their rows.
INDICATOR_NAMES = {
    key: with_unit(pair, DAMAGE_INDICATORS[key]) for key, pair in INDICATOR_WORDS.items()
}
LAND_USE_NAMES = {key: LAND_USE_GROUP_NAMES[key] for key in ("any", "construction", "other")}
SETTING_NAMES = {
    "max_cultivation_slope": ("耕地坡度上限", "cultivation slope cap"),
    "min_elevation_change_m": ("最小高程变化（m）", "minimum elevation change (m)"),
    "min_patch_area_m2": ("最小图斑面积（m²）", "minimum patch area (m²)"),
    "default_degree": ("默认损毁程度", "default degree"),
    "unit_min_area_m2": ("评价单元最小面积（m²）", "minimum evaluation unit area (m²)"),
    "face_slope_deg": ("平台/边坡分界坡度", "platform/face slope limit"),
    "restore_previous_code": ("按原地类恢复", "rebuilt as before"),
    "keep_previous_code": ("保留原耕地地类", "kept cultivated class"),
}
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
            item=in_language(DAMAGE_TYPE_NAMES[damage_type], language),
            detail=in_language(BASIS_NAMES.get(basis, BASIS_NAMES[""]), language),
            status="" if basis == "assessed" else "unverified",
            **_areas(area),
        )


def _citation(pack: RulePack, source: str) -> str:
    return str(pack.sources.get(source, {}).get("citation", ""))


def _limits_text(rule: FactorRule, language: str) -> str:
    if rule.kind == "constraint":
        return f"{'≤' if rule.bound_is_max else '≥'} {rule.bound:g}"
    if rule.kind == "categorical":
        return ", ".join(f"{code:g}→{grade}" for code, grade in rule.categories.items())
    parts = []
    for limit in rule.limits:
        parts.append(f"{limit[0]:g}–{limit[1]:g}" if isinstance(limit, tuple) else f"{limit:g}")
    kind = in_language(KIND_NAMES.get(rule.kind, (rule.kind, rule.kind)), language)
    return f"{kind}: " + " / ".join(parts)


def _named(names: dict[str, tuple[str, str]], key: str, language: str) -> str:
    return in_language(names.get(key, (key, key)), language)


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
        use_name = in_language(USE_NAMES.get(use, (use, use)), language)
        for rule in rules.rules:
            rows.append(
                (
                    rule.provenance.status,
                    f"{pack.id} · {use_name} · {_named(FACTOR_LABELS, rule.factor, language)}",
                    _limits_text(rule, language),
                    rule.provenance.source,
                    limited.get((use, rule.factor)),
                )
            )
    cap = pack.proposal.cultivation_slope_cap
    rows.append(
        (
            cap.provenance.status,
            f"{pack.id} · {_named(SETTING_NAMES, 'max_cultivation_slope', language)}",
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
                    f"{pack.id} · {_named(SETTING_NAMES, name, language)}",
                    f"{number.value:g}",
                    number.provenance.source,
                    None,
                )
            )
        for damage_type, type_rules in disturbance.types.items():
            type_name = in_language(
                DAMAGE_TYPE_NAMES.get(damage_type, (damage_type,) * 2), language
            )
            for row in type_rules.rows:
                limits = " / ".join("—" if v is None else f"{v:g}" for v in row.limits)
                indicator = _named(INDICATOR_NAMES, row.indicator, language)
                land_use = in_language(
                    USE_NAMES.get(row.land_use)
                    or LAND_USE_NAMES.get(row.land_use)
                    or (row.land_use,) * 2,
                    language,
                )
                rows.append(
                    (
                        row.provenance.status,
                        f"{pack.id} · {type_name} · {indicator}（{land_use}）"
                        if language.startswith("zh")
                        else f"{pack.id} · {type_name} · {indicator} ({land_use})",
                        limits,
                        row.provenance.source,
                        None,
                    )
                )
            default_name = _named(SETTING_NAMES, "default_degree", language)
            if type_rules.default_degree is not None and type_rules.default_provenance:
                rows.append(
                    (
                        type_rules.default_provenance.status,
                        f"{pack.id} · {type_name} · {default_name}",
                        f"{type_rules.default_degree}",
                        type_rules.default_provenance.source,
                        None,
                    )
                )
    rows += _unit_and_proposal_rows(pack, language)
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


def _unit_and_proposal_rows(pack: RulePack, language: str) -> list[tuple]:
    """The evaluation-unit settings and the proposal's code rules, as rule rows."""
    rows: list[tuple] = []
    if pack.units is not None:
        for key, number, unit in (
            ("unit_min_area_m2", pack.units.min_area_m2, ""),
            ("face_slope_deg", pack.units.face_slope_deg, "°"),
        ):
            name = _named(SETTING_NAMES, key, language)
            text = f"{number.value:g}{unit}"
            rows.append(
                (
                    number.provenance.status,
                    f"{pack.id} · {name}",
                    text,
                    number.provenance.source,
                    None,
                )
            )
    proposal = pack.proposal
    for key, codes, provenance in (
        (
            "keep_previous_code",
            sorted({c for cs in proposal.keep_previous.values() for c in cs}),
            proposal.keep_previous_provenance,
        ),
        (
            "restore_previous_code",
            list(proposal.restore_previous),
            proposal.restore_previous_provenance,
        ),
    ):
        if codes and provenance is not None:
            name = _named(SETTING_NAMES, key, language)
            rows.append(
                (
                    provenance.status,
                    f"{pack.id} · {name}",
                    ", ".join(codes),
                    provenance.source,
                    None,
                )
            )
    return rows


SOURCES_COLUMNS = _columns("source:str citation:str url:str rules:int")


def sources_table(packs: Sequence[RulePack], language: str = "en") -> Table:
    """编制依据: every standard, paper and default the rule packs' numbers cite, with how
    many of the pack's rules rest on it (the citation in ``language`` where the pack gives
    one, ``citation_zh`` / ``citation_en``, else as the pack gives it)."""
    wording = "citation_zh" if language.startswith("zh") else "citation_en"
    table = Table("sources", SOURCES_COLUMNS)
    for pack in packs:
        counts: dict[str, int] = {}
        for row in _rule_provenances(pack):
            counts[row] = counts.get(row, 0) + 1
        for source, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            entry = pack.sources.get(source, {})
            table.add(
                source=source,
                citation=str(entry.get(wording) or entry.get("citation", "")),
                url=str(entry.get("url", "")),
                rules=count,
            )
    return table


def _rule_provenances(pack: RulePack) -> list[str]:
    """The source key of every rule of the pack (as listed in the basis table)."""
    keys = [rule.provenance.source for use in pack.uses.values() for rule in use.rules]
    keys.append(pack.proposal.cultivation_slope_cap.provenance.source)
    disturbance = pack.disturbance
    if disturbance is not None:
        keys += [disturbance.min_elevation_change_m.provenance.source]
        keys += [disturbance.min_patch_area_m2.provenance.source]
        for type_rules in disturbance.types.values():
            keys += [row.provenance.source for row in type_rules.rows]
            if type_rules.default_degree is not None and type_rules.default_provenance:
                keys.append(type_rules.default_provenance.source)
    keys += [row[3] for row in _unit_and_proposal_rows(pack, "en")]
    return keys + _block_provenances(pack)


def _block_provenances(pack: RulePack) -> list[str]:
    """The sources of the numbers outside the rules: slope classes, the index-sum scores,
    the ponding depth and reservoir storage, how damage indicators combine and the least
    subsidence counted, the works (stripping depth, items, terraces), the schedule and the
    ecosystem-service value (equivalents, their value, the code and damage mappings) and the
    ecological network (resistance, damage, slope, sources)."""
    keys: list[str] = []
    slope_classes = pack.raw.get("slope_classes")
    if isinstance(slope_classes, dict) and slope_classes.get("source"):
        keys.append(str(slope_classes["source"]))
    if pack.index_sum is not None and pack.method == "index_sum":
        keys.append(pack.index_sum.provenance.source)
    proposal = pack.proposal
    keys += [proposal.ponding_min_depth_m.provenance.source]
    keys += [proposal.reservoir_storage_m3.provenance.source]
    disturbance = pack.disturbance
    if disturbance is not None:
        keys.append(disturbance.combine_provenance.source)
        if disturbance.min_subsidence_m is not None:
            keys.append(disturbance.min_subsidence_m.provenance.source)
    if pack.works is not None:
        keys.append(pack.works.stripping_provenance.source)
        for item in pack.works.items:
            keys.append(item.provenance.source)
            if item.terraces_provenance is not None:
                keys.append(item.terraces_provenance.source)
    if pack.timing is not None:
        keys.append(pack.timing.stage_provenance.source)
        keys += [release.provenance.source for release in pack.timing.release.values()]
    if pack.esv is not None:
        esv = pack.esv
        keys += [
            esv.equivalent_provenance.source,
            esv.ecosystems_provenance.source,
            esv.codes_provenance.source,
            esv.damage_provenance.source,
        ]
    if pack.network is not None:
        network = pack.network
        keys += [
            network.resistance_provenance.source,
            network.damage_provenance.source,
            network.sources_provenance.source,
        ]
        if network.slope_provenance is not None:
            keys.append(network.slope_provenance.source)
        if network.disturbance_provenance is not None:
            keys.append(network.disturbance_provenance.source)
    return keys
