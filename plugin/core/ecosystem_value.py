"""Ecosystem-service value (生态系统服务价值, ESV) of the plan's land before damage, after
damage and after reclamation, by the equivalent-factor method (Xie Gaodi et al. 2015).

    ESV = Σ_units A_u × Σ_services e(type_u, service) × E_a

with A in hm², e the value equivalents per hm² and year of the unit's ecosystem type and
E_a the value of one equivalent (元/hm²). The type before damage comes from the land-use
code before, the type after damage from the pack's damage rules (standing water: the
ponded type), the type after reclamation from the proposed code (land not reclaimed keeps
its damaged type). A code the pack does not map leaves the unit without a value (NaN),
never at zero: the caller lists those codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .rules.esv import UNCHANGED, EsvRules
from .rules.vocabulary import DAMAGE_TYPES

STATES: tuple[str, ...] = ("before", "damaged", "after")
# Proposed uses that leave the land as damage left it (no reclamation).
NOT_RECLAIMED = ("keep",)
# Names of the tables' extra rows, in both languages.
ROW_NAMES: dict[str, tuple[str, str]] = {
    "total": ("合计", "Total"),
    "not_valued": ("未估值（地类编码无对应生态系统）", "Not valued (code without a type)"),
}


@dataclass(frozen=True)
class UnitLand:
    """What the value depends on, one entry per unit."""

    area_hm2: np.ndarray  # float
    code_before: np.ndarray  # object: GB/T 21010 code before damage ("" unknown)
    code_after: np.ndarray  # object: the proposed code ("" none)
    use_proposed: np.ndarray  # object: the proposed use ("" none)
    damage_type: np.ndarray  # object: dist_type ("" or "none": undamaged)
    degree: np.ndarray  # float: dist_degree (NaN unknown)
    ponding_m: np.ndarray  # float: standing water after subsidence (NaN unknown)


@dataclass(frozen=True)
class EsvResult:
    """Types, values per unit and totals, for the three states."""

    services: tuple[str, ...]
    types: Mapping[str, np.ndarray]  # state -> ecosystem key per unit ("" not valued)
    unit_value: Mapping[str, np.ndarray]  # state -> 元 per year per unit (NaN not valued)
    by_service: Mapping[str, np.ndarray]  # state -> 元 per year per service (valued units)
    unvalued_codes: Mapping[str, dict[str, float]]  # state -> code -> hm² without a type

    def total(self, state: str) -> float:
        return float(self.by_service[state].sum())

    def area_by_type(self, state: str, area_hm2: np.ndarray) -> dict[str, float]:
        """hm² per ecosystem type ("" the land not valued)."""
        keys, inverse = np.unique(self.types[state].astype(str), return_inverse=True)
        sums = np.bincount(inverse, weights=area_hm2, minlength=len(keys))
        return {str(k): float(s) for k, s in zip(keys, sums, strict=True)}

    def value_by_type(self, state: str) -> dict[str, float]:
        """元 per year per ecosystem type (valued land only)."""
        types = self.types[state].astype(str)
        values = self.unit_value[state]
        valued = types != ""
        keys, inverse = np.unique(types[valued], return_inverse=True)
        sums = np.bincount(inverse, weights=values[valued], minlength=len(keys))
        return {str(k): float(s) for k, s in zip(keys, sums, strict=True)}


def ecosystem_value(
    rules: EsvRules, land: UnitLand, ponding_min_m: float, equivalent_value: float | None = None
) -> EsvResult:
    """ESV of every unit in the three states; ``equivalent_value`` (元/hm²) overrides the
    pack's; ``ponding_min_m`` the depth above which damaged land stands under water."""
    value = rules.equivalent_value if equivalent_value is None else equivalent_value
    if not value > 0:
        raise ValueError(f"the value of one equivalent must be above 0 (given {value})")
    if np.any(land.area_hm2 < 0):
        raise ValueError("a unit has a negative area")
    before = _types_of_codes(rules, land.code_before)
    damaged = _damaged_types(rules, land, before, ponding_min_m)
    after = _types_of_codes(rules, land.code_after)
    kept = np.isin(land.use_proposed.astype(str), NOT_RECLAIMED)
    after[kept] = damaged[kept]
    types = {"before": before, "damaged": damaged, "after": after}
    matrix = np.array([rules.ecosystems[k].equivalents for k in rules.ecosystems]) * value
    index = {key: i for i, key in enumerate(rules.ecosystems)}
    unit_value, by_service = {}, {}
    for state, keys in types.items():
        rows = np.array([index.get(k, -1) for k in keys.tolist()], dtype=np.int64)
        valued = rows >= 0
        per_service = np.zeros((len(keys), len(rules.services)))
        per_service[valued] = matrix[rows[valued]] * land.area_hm2[valued, None]
        unit_value[state] = np.where(valued, per_service.sum(axis=1), np.nan)
        by_service[state] = per_service.sum(axis=0)
    unvalued = {
        "before": _codes_without_type(land.code_before, before, land.area_hm2),
        "damaged": _codes_without_type(land.code_before, damaged, land.area_hm2),
        "after": _codes_without_type(
            np.where(kept, land.code_before, land.code_after), after, land.area_hm2
        ),
    }
    return EsvResult(rules.services, types, unit_value, by_service, unvalued)


def _types_of_codes(rules: EsvRules, codes: np.ndarray) -> np.ndarray:
    """The ecosystem key of each code ("" for an empty or unmapped code)."""
    text = np.array(["" if c is None else str(c).strip() for c in codes.tolist()], dtype=object)
    found = {code: rules.ecosystem_of(code) or "" for code in set(text.tolist()) if code}
    return np.array([found.get(code, "") for code in text.tolist()], dtype=object)


def _damaged_types(
    rules: EsvRules, land: UnitLand, before: np.ndarray, ponding_min_m: float
) -> np.ndarray:
    """The type damage leaves: the rule of the damage type (and degree), the type before
    where the rule says unchanged, the ponded type under standing water."""
    damaged = before.copy()
    kinds = land.damage_type.astype(str)
    degrees = land.degree
    for kind in DAMAGE_TYPES:
        of_kind = kinds == kind
        if not of_kind.any():
            continue
        for degree in np.unique(np.nan_to_num(degrees[of_kind], nan=-1.0)):
            chosen = of_kind & (np.nan_to_num(degrees, nan=-1.0) == degree)
            result = rules.after_damage(kind, None if degree < 0 else int(degree))
            if result != UNCHANGED:
                damaged[chosen] = result
    is_damaged = np.isin(kinds, DAMAGE_TYPES)
    ponded = is_damaged & (np.nan_to_num(land.ponding_m, nan=0.0) > ponding_min_m)
    damaged[ponded] = rules.ponded
    return damaged


def _codes_without_type(codes: np.ndarray, types: np.ndarray, area: np.ndarray) -> dict[str, float]:
    """hm² per code of the units left without a type (an empty code counts as "")."""
    missing = types.astype(str) == ""
    result: dict[str, float] = {}
    for code, hm2 in zip(codes[missing].tolist(), area[missing].tolist(), strict=True):
        key = "" if code is None else str(code).strip()
        result[key] = result.get(key, 0.0) + hm2
    return result
