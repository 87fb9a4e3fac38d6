"""A reviewer's checks of a reclamation plan (复垦方案审查), as rules of a review pack.

The plan is its evaluation units with the contract's fields (made by this plugin or by
hand): ``dist_type``, ``dist_degree``, ``use_proposed``, ``dlbm_before``, ``dlbm``,
``slope_deg``, ``pollution``, ``area_hm2``. Each check gives findings: the unit (0 for the
whole plan), the check and the evidence in numbers. A value a check needs and the plan
lacks is a finding too, never a pass.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .accounting import KEEP_USES
from .rules.reader import PROVENANCE_KEYS, Reader, RulePackError, Sourced
from .rules.vocabulary import DAMAGE_TYPES

CHECKS: tuple[str, ...] = (
    "proposal_present",
    "degree_stated",
    "slope_cap",
    "polluted_food",
    "area_stated",
    "cultivated_kept",
    "reclamation_rate",
    "degree_assessed",
    "rules_stated",
    "quantities_stated",
    "investment_stated",
)
# How a damage degree was decided (classifydisturbance's degree_basis): only "assessed" is
# a degree graded by an indicator.
ASSESSED = "assessed"
# The investment summary's rows a plan must state (estimatecost's SUMMARY).
INVESTMENT_ITEMS = ("static", "dynamic")
# Uses that grow food (食用农产品): never on land over the intervention value.
FOOD_USES = ("cultivated", "garden")


@dataclass(frozen=True)
class ReviewPack:
    id: str
    version: str
    title: Mapping[str, str]
    names: Mapping[str, Mapping[str, str]]  # check -> names
    enabled: tuple[str, ...]
    slope_cap_deg: float
    slope_cap_provenance: Sourced
    polluted_class: int  # pollution class from which food crops are refused
    area_tolerance_pct: float
    min_rate_pct: float
    min_rate_provenance: Sourced
    sources: Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class PlanUnits:
    """One entry per unit; "" or NaN where the plan gives nothing."""

    unit_id: np.ndarray  # int
    dist_type: np.ndarray  # object
    degree: np.ndarray  # float
    use: np.ndarray  # object
    code_before: np.ndarray  # object
    code_after: np.ndarray  # object
    slope_deg: np.ndarray  # float
    pollution: np.ndarray  # float
    area_stated_hm2: np.ndarray  # float: the plan's own area field
    area_hm2: np.ndarray  # float: measured on the ellipsoid
    degree_basis: np.ndarray | None = None  # object: assessed, default, undecided
    rule_pack: np.ndarray | None = None  # object: the rules each unit was evaluated by


@dataclass(frozen=True)
class PlanStatements:
    """What a plan states besides its units: the units with an engineering quantity
    (None: no works table given) and the investment summary (None: none given)."""

    units_with_works: frozenset[int] | None = None
    investment: Mapping[str, float | None] | None = None


@dataclass(frozen=True)
class Finding:
    check: str
    unit_id: int  # 0: the plan as a whole
    evidence: str


def load_review_pack(path: str | Path) -> ReviewPack:
    text = Path(path).read_text(encoding="utf-8")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RulePackError(str(path), "$", f"invalid JSON ({error})", "correct the JSON") from None
    return parse_review_pack(document, str(path))


def parse_review_pack(document: Any, origin: str) -> ReviewPack:
    from .rules.pack import parse_sources

    reader = Reader(origin)
    pack = reader.mapping(
        document, "$", ("schema", "id", "version", "title", "sources", "checks"), ("notes",)
    )
    if pack["schema"] != 1:
        raise reader.fail("schema", f"schema {pack['schema']!r}", "this plugin reads schema 1")
    sources = parse_sources(reader, pack)
    checks = reader.mapping(pack["checks"], "checks", (), CHECKS)
    names = {}
    for key, block in checks.items():
        block = reader.mapping(
            block, f"checks.{key}", ("name",), (*_CHECK_KEYS.get(key, ()), "note")
        )
        names[key] = reader.texts(block["name"], f"checks.{key}.name")
    for key in ("slope_cap", "reclamation_rate"):
        if key in checks and _CHECK_KEYS[key][0] not in checks[key]:
            raise reader.fail(
                f"checks.{key}.{_CHECK_KEYS[key][0]}", "missing key", "give the value"
            )
    slope = _value(reader, checks.get("slope_cap", {}), "checks.slope_cap.max_slope_deg", sources)
    rate = _value(
        reader, checks.get("reclamation_rate", {}), "checks.reclamation_rate.min_rate_pct", sources
    )
    tolerance = checks.get("area_stated", {}).get("tolerance_pct", 0.01)
    polluted = checks.get("polluted_food", {}).get("from_class", 2)
    reader.number(tolerance, "checks.area_stated.tolerance_pct")
    reader.number(polluted, "checks.polluted_food.from_class")
    return ReviewPack(
        id=reader.string(pack["id"], "id"),
        version=reader.string(pack["version"], "version"),
        title=reader.texts(pack["title"], "title"),
        names=names,
        enabled=tuple(k for k in CHECKS if k in checks),
        slope_cap_deg=slope[0],
        slope_cap_provenance=slope[1],
        polluted_class=int(polluted),
        area_tolerance_pct=float(tolerance),
        min_rate_pct=rate[0],
        min_rate_provenance=rate[1],
        sources=sources,
    )


_CHECK_KEYS = {
    "slope_cap": ("max_slope_deg",),
    "reclamation_rate": ("min_rate_pct",),
    "area_stated": ("tolerance_pct",),
    "polluted_food": ("from_class",),
}


def _value(
    reader: Reader, block: Mapping[str, Any], path: str, sources: Mapping[str, Any]
) -> tuple[float, Sourced]:
    key = path.rsplit(".", 1)[1]
    if key not in block:
        return float("nan"), Sourced("", "unverified")
    inner = reader.mapping(block[key], path, ("value", *PROVENANCE_KEYS), ("note",))
    return reader.number(inner["value"], f"{path}.value"), reader.provenance(inner, path, sources)


def review(
    pack: ReviewPack, plan: PlanUnits, statements: PlanStatements | None = None
) -> list[Finding]:
    """Every finding of the enabled checks, check by check, unit by unit."""
    findings: list[Finding] = []
    damaged = np.isin(plan.dist_type.astype(str), DAMAGE_TYPES)
    given = statements or PlanStatements()
    for check in pack.enabled:
        if check in _STATEMENT_CHECKS:
            findings += _STATEMENT_CHECKS[check](plan, damaged, given)
        else:
            findings += _CHECK_FUNCTIONS[check](pack, plan, damaged)
    return findings


def _reclaimed(plan: PlanUnits, damaged: np.ndarray) -> np.ndarray:
    """Damaged units the plan reclaims (a proposed use that is neither kept land nor
    construction land)."""
    use = plan.use.astype(str)
    return damaged & (use != "") & ~np.isin(use, (*KEEP_USES, "construction"))


def _units(check: str, plan: PlanUnits, mask: np.ndarray, evidence: list[str]) -> list[Finding]:
    return [
        Finding(check, int(unit), text)
        for unit, text in zip(plan.unit_id[mask].tolist(), evidence, strict=True)
    ]


def _proposal_present(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    missing = damaged & (plan.use.astype(str) == "")
    return _units(
        "proposal_present",
        plan,
        missing,
        [f"dist_type={t}, use_proposed=" for t in plan.dist_type[missing].tolist()],
    )


def _degree_stated(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    bad = damaged & ~np.isin(np.nan_to_num(plan.degree, nan=-1), (1, 2, 3))
    return _units(
        "degree_stated",
        plan,
        bad,
        [f"dist_degree={'' if np.isnan(d) else f'{d:g}'}" for d in plan.degree[bad].tolist()],
    )


def _slope_cap(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    cultivated = plan.use.astype(str) == "cultivated"
    steep = cultivated & ~(plan.slope_deg <= pack.slope_cap_deg)
    return _units(
        "slope_cap",
        plan,
        steep,
        [
            f"slope_deg={'' if np.isnan(s) else f'{s:.2f}'} > {pack.slope_cap_deg:g}"
            for s in plan.slope_deg[steep].tolist()
        ],
    )


def _polluted_food(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    food = np.isin(plan.use.astype(str), FOOD_USES)
    over = food & (np.nan_to_num(plan.pollution, nan=-1) >= pack.polluted_class)
    return _units(
        "polluted_food",
        plan,
        over,
        [
            f"pollution={p:g} ≥ {pack.polluted_class}, use_proposed={u}"
            for p, u in zip(plan.pollution[over].tolist(), plan.use[over].tolist(), strict=True)
        ],
    )


def _area_stated(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    stated, measured = plan.area_stated_hm2, plan.area_hm2
    difference = np.abs(stated - measured)
    off = ~(difference <= measured * pack.area_tolerance_pct / 100.0)
    return _units(
        "area_stated",
        plan,
        off,
        [
            f"area_hm2={'' if np.isnan(s) else f'{s:.4f}'}, measured {m:.4f}"
            for s, m in zip(stated[off].tolist(), measured[off].tolist(), strict=True)
        ],
    )


def _cultivated_kept(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    before = np.array([str(c).startswith("01") for c in plan.code_before.tolist()])
    after = np.array([str(c).startswith("01") for c in plan.code_after.tolist()])
    lost = float(plan.area_hm2[before].sum() - plan.area_hm2[after].sum())
    if lost <= 1e-6:
        return []
    units = np.flatnonzero(before & ~after)
    listed = ", ".join(str(u) for u in plan.unit_id[units].tolist()[:20])
    return [Finding("cultivated_kept", 0, f"{lost:.4f} hm² less cultivated land (units {listed})")]


def _reclamation_rate(pack: ReviewPack, plan: PlanUnits, damaged: np.ndarray) -> list[Finding]:
    """Reclaimed / the responsibility area (复垦责任范围: damaged land but what stays
    construction land)."""
    area = plan.area_hm2
    use = plan.use.astype(str)
    responsibility = damaged & (use != "construction")
    total = float(area[responsibility].sum())
    if total <= 0:
        return []
    reclaimed = responsibility & (use != "") & ~np.isin(use, KEEP_USES)
    rate = 100.0 * float(area[reclaimed].sum()) / total
    if rate >= pack.min_rate_pct:
        return []
    return [
        Finding("reclamation_rate", 0, f"{rate:.2f} % < {pack.min_rate_pct:g} % ({total:.4f} hm²)")
    ]


def _degree_assessed(plan: PlanUnits, damaged: np.ndarray, given: PlanStatements) -> list[Finding]:
    """A damaged unit with a degree (1–3) not graded by an indicator: the rule pack's
    default, or no basis stated (undecided degrees are degree_stated's findings)."""
    graded = damaged & np.isin(np.nan_to_num(plan.degree, nan=-1), (1, 2, 3))
    basis = _texts(plan.degree_basis, len(plan.unit_id))
    bad = graded & (basis != ASSESSED)
    return _units("degree_assessed", plan, bad, [f"degree_basis={b}" for b in basis[bad].tolist()])


def _rules_stated(plan: PlanUnits, damaged: np.ndarray, given: PlanStatements) -> list[Finding]:
    """A unit that does not name the rules (rule pack) it was evaluated by."""
    named = _texts(plan.rule_pack, len(plan.unit_id))
    bad = named == ""
    return _units("rules_stated", plan, bad, ["rule_pack="] * int(bad.sum()))


def _quantities_stated(
    plan: PlanUnits, damaged: np.ndarray, given: PlanStatements
) -> list[Finding]:
    """A reclaimed unit without any engineering quantity; no works table at all is one
    finding for the plan."""
    if given.units_with_works is None:
        return [Finding("quantities_stated", 0, "no works table (unit × work item)")]
    reclaimed = _reclaimed(plan, damaged)
    with_works = np.isin(plan.unit_id, np.fromiter(given.units_with_works, dtype=np.int64))
    bad = reclaimed & ~with_works
    return _units(
        "quantities_stated",
        plan,
        bad,
        [f"use_proposed={u}, no quantity" for u in plan.use[bad].tolist()],
    )


def _investment_stated(
    plan: PlanUnits, damaged: np.ndarray, given: PlanStatements
) -> list[Finding]:
    """The plan's static and dynamic investment, positive, with every price found."""
    if given.investment is None:
        return [Finding("investment_stated", 0, "no investment estimate")]
    problems = []
    for item in INVESTMENT_ITEMS:
        value = given.investment.get(item)
        if value is None or not value > 0:
            problems.append(f"{item}={'' if value is None else f'{value:g}'}")
    missing = given.investment.get("missing_prices")
    if missing is not None and missing > 0:
        problems.append(f"missing_prices={missing:g}")
    return [Finding("investment_stated", 0, "; ".join(problems))] if problems else []


def _texts(values: np.ndarray | None, count: int) -> np.ndarray:
    """Trimmed text per unit, "" where the plan gives none."""
    if values is None:
        return np.full(count, "", dtype=object)
    return np.array(
        [str(v).strip() if v is not None else "" for v in values.tolist()], dtype=object
    )


_STATEMENT_CHECKS = {
    "degree_assessed": _degree_assessed,
    "rules_stated": _rules_stated,
    "quantities_stated": _quantities_stated,
    "investment_stated": _investment_stated,
}

_CHECK_FUNCTIONS = {
    "proposal_present": _proposal_present,
    "degree_stated": _degree_stated,
    "slope_cap": _slope_cap,
    "polluted_food": _polluted_food,
    "area_stated": _area_stated,
    "cultivated_kept": _cultivated_kept,
    "reclamation_rate": _reclamation_rate,
}
