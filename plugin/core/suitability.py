"""Suitability results as output columns, explanations and area summaries.

Turns the engine's per-use grades and the proposal into the public output fields of
the public contract (``grade_<use>``, ``limit_<use>``, ``use_proposed``, ``dlbm``, ``dlmc`` …), one
sentence per use explaining each decision, and the area table by use × grade and by
proposed use. Labels are bilingual data here because the core has no Qt translator.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .labels import in_language, name_of
from .rules.engine import UseResult
from .rules.pack import FactorRule, RulePack
from .rules.proposal import NOT_EVALUATED_USE, ProposalResult
from .rules.vocabulary import EVALUATED_USES, FACTORS, GRADE_N, NOT_EVALUATED, RESTORE_USE

HM2_PER_M2 = 1e-4
MU_PER_HM2 = 15.0  # 1 hm² = 15 亩

USE_LABELS: dict[str, tuple[str, str]] = {
    "cultivated": ("耕地", "Cultivated land"),
    "garden": ("园地", "Garden land"),
    "forest": ("林地", "Forest land"),
    "grass": ("草地", "Grassland"),
    "water": ("水域", "Water"),
    "construction": ("建设用地", "Construction land"),
    "keep": ("保持现状", "Keep as is"),
    "restore": ("恢复原地类（道路、沟渠）", "Rebuilt as before (roads, ditches)"),
    NOT_EVALUATED_USE: ("未评价", "Not evaluated"),
}
FACTOR_LABELS: dict[str, tuple[str, str]] = {
    "slope_deg": ("坡度", "slope"),
    "soil_thickness_cm": ("有效土层厚度", "soil thickness"),
    "organic_matter_gkg": ("有机质", "organic matter"),
    "ph": ("pH", "pH"),
    "gravel_pct": ("砾石含量", "gravel"),
    "bulk_density": ("容重", "bulk density"),
    "texture": ("质地", "texture"),
    "ec_dsm": ("电导率", "salinity (EC)"),
    "irrigation": ("灌溉保证", "irrigation"),
    "drainage": ("排水条件", "drainage"),
    "subsidence_m": ("下沉深度", "subsidence"),
    "gw_depth_m": ("潜水位埋深", "groundwater depth"),
    "ponding_m": ("积水深度", "ponding depth"),
    "elev_change_m": ("高程变化", "elevation change"),
    "pollution": ("污染等级", "pollution class"),
    "dist_water_m": ("距水源距离", "distance to water"),
}
UNIT_SYMBOLS = {"degree": "°", "cm": " cm", "g/kg": " g/kg", "% vol": " %", "g/cm3": " g/cm³"}
UNIT_SYMBOLS |= {"dS/m": " dS/m", "m": " m"}
GRADE_WORDS: dict[str, dict[int, tuple[str, str]]] = {
    "cn": {
        NOT_EVALUATED: ("未评价", "not evaluated"),
        1: ("一等", "grade 1"),
        2: ("二等", "grade 2"),
        3: ("三等", "grade 3"),
        GRADE_N: ("不宜", "not suitable"),
    },
    "fao": {
        NOT_EVALUATED: ("未评价", "not evaluated"),
        1: ("S1", "S1"),
        2: ("S2", "S2"),
        3: ("S3", "S3"),
        GRADE_N: ("N", "N"),
    },
}


def use_label(use: str, language: str) -> str:
    return name_of(USE_LABELS, use, language)


def factor_label(factor: str, language: str) -> str:
    return name_of(FACTOR_LABELS, factor, language)


def _limiting_text(result: UseResult) -> np.ndarray:
    """Comma-joined limiting factors per unit, built once per distinct bit mask."""
    masks, inverse = np.unique(result.limiting, return_inverse=True)
    texts = np.array([",".join(result.limiting_factors(int(m))) for m in masks], dtype=object)
    return texts[inverse.reshape(-1)]


def _measure_text(proposal: ProposalResult, language: str) -> np.ndarray:
    key = "zh" if language.startswith("zh") else "en"
    table = np.array(
        ["; ".join(texts.get(key, "") for _, texts in entry) for entry in proposal.measure_table],
        dtype=object,
    )
    return table[proposal.measure_id]


def output_columns(
    pack: RulePack,
    results: Mapping[str, UseResult],
    proposal: ProposalResult,
    language: str = "en",
    explain: bool = True,
) -> dict[str, np.ndarray]:
    """The public output fields, in field order; without ``explain`` the explanations are
    left for the caller to make in parts (:func:`explanations` of a range of units)."""
    columns: dict[str, np.ndarray] = {}
    for use in EVALUATED_USES:
        if use not in results:
            continue
        result = results[use]
        columns[f"grade_{use}"] = result.grade.astype(np.int32)
        columns[f"limit_{use}"] = _limiting_text(result)
        columns[f"value_{use}"] = result.observed
        columns[f"bound_{use}"] = result.limit
    columns["use_proposed"] = proposal.use
    columns["dlbm"] = proposal.dlbm
    columns["dlmc"] = proposal.dlmc
    columns["measures"] = _measure_text(proposal, language)
    columns["water_depth_m"] = np.where(proposal.ponded, proposal.water_depth_m, np.nan)
    if explain:
        columns["explain"] = explanations(pack, results, proposal, language)
    return columns


class _UseSentences:
    """The sentences of one use for a range of units: the parts that depend on the grade
    and the set of limiting factors are built once per distinct pair, only the numbers per
    unit."""

    def __init__(self, pack: RulePack, result: UseResult, language: str) -> None:
        self.result = result
        self.zh = language.startswith("zh")
        self.language = language
        grade_words = GRADE_WORDS.get(pack.grade_labels, GRADE_WORDS["cn"])
        separator = "：" if self.zh else ": "
        label = use_label(result.use, language)
        self.heads = {
            grade: f"{label}{separator}{in_language(words, language)}"
            for grade, words in grade_words.items()
        }
        self.parts: dict[int, tuple[FactorRule, str, str]] = {}

    def _parts(self, mask: int) -> tuple[FactorRule, str, str]:
        """(first limiting rule, its factor's name, the text after the numbers)."""
        if mask not in self.parts:
            zh, language, rules = self.zh, self.language, self.result.rules
            first = next(rule for i, rule in enumerate(rules) if mask >> i & 1)
            others = [r.factor for i, r in enumerate(rules) if mask >> i & 1 and r is not first]
            tail = ""
            if others:
                extra = ("、" if zh else ", ").join(factor_label(f, language) for f in others)
                tail += f"（另有{extra}）" if zh else f" (also {extra})"
            measure = first.measure.get("zh" if zh else "en")
            if measure:
                tail += f"；{measure}" if zh else f"; {measure}"
            self.parts[mask] = (first, factor_label(first.factor, language), tail)
        return self.parts[mask]

    def _crossings(self, rule: FactorRule, units: np.ndarray) -> list[str]:
        """'18.2° > 15°' per unit: the observed value against the limit it crossed; '= 3'
        for a class, '= 18.2°' without a limit, nothing without a value."""
        observed = self.result.observed[units].tolist()
        limit = self.result.limit[units].tolist()
        if rule.kind == "categorical":
            return ["" if math.isnan(o) else f"= {o:g}" for o in observed]
        unit = UNIT_SYMBOLS.get(FACTORS.get(rule.factor, ""), "")
        return [
            ""
            if math.isnan(o)
            else f"= {o:.4g}{unit}"
            if math.isnan(b)
            else f"{o:.4g}{unit} {'>' if o > b else '<'} {b:.4g}{unit}"
            for o, b in zip(observed, limit, strict=False)
        ]

    def sentences(self, start: int, stop: int) -> np.ndarray:
        """The sentence of every unit start..stop, made group by group of equal grade and
        limiting factors."""
        grade = self.result.grade[start:stop].astype(np.int64)
        mask = self.result.limiting[start:stop].astype(np.int64)
        mask[(grade == NOT_EVALUATED) | (mask == 0)] = 0
        pairs, inverse = np.unique(np.stack((grade, mask), axis=1), axis=0, return_inverse=True)
        order = np.argsort(inverse.reshape(-1), kind="stable")
        groups = np.split(order, np.cumsum(np.bincount(inverse.reshape(-1)))[:-1])
        lines = np.empty(stop - start, dtype=object)
        for (group_grade, group_mask), units in zip(pairs.tolist(), groups, strict=False):
            head = self.heads[group_grade]
            if group_mask == 0:
                lines[units] = head
                continue
            first, factor, tail = self._parts(group_mask)
            crossings = self._crossings(first, units + start)
            if self.zh:
                text = [f"{head}，受{factor}限制 {c}{tail}".rstrip() for c in crossings]
            else:
                text = [f"{head}, limited by {factor} {c}{tail}".rstrip() for c in crossings]
            lines[units] = text
        return lines


def _proposed_lines(proposal: ProposalResult, language: str, start: int, stop: int) -> list[str]:
    """'Proposed: Forest land 0301 乔木林地' per unit; the text of each use and code is
    made once, a ponded unit's depth per unit."""
    zh = language.startswith("zh")
    prefix = f"{'建议' if zh else 'Proposed'}{'：' if zh else ': '}"
    made: dict[tuple[str, str, str], tuple[str, str]] = {}
    lines = []
    for use, dlbm, dlmc, ponded, depth in zip(
        proposal.use[start:stop].tolist(),
        proposal.dlbm[start:stop].tolist(),
        proposal.dlmc[start:stop].tolist(),
        proposal.ponded[start:stop].tolist(),
        proposal.water_depth_m[start:stop].tolist(),
        strict=False,
    ):
        key = (use, dlbm, dlmc)
        if key not in made:
            chosen = use_label(str(use), language)
            if use == RESTORE_USE:
                chosen += (
                    "（配套工程，按原地类恢复）" if zh else " (supporting work, rebuilt as it was)"
                )
            made[key] = (prefix + chosen, f" {dlbm} {dlmc}" if dlbm else "")
        chosen, code = made[key]
        if ponded:
            chosen += f"（积水 {depth:.2f} m）" if zh else f" (ponded, {depth:.2f} m deep)"
        lines.append(chosen + code)
    return lines


def explanations(
    pack: RulePack,
    results: Mapping[str, UseResult],
    proposal: ProposalResult,
    language: str = "en",
    start: int = 0,
    stop: int | None = None,
) -> np.ndarray:
    """One line per use and the proposal, per unit (text for a map tip), for the units
    ``start`` to ``stop`` (default: all)."""
    uses = [use for use in EVALUATED_USES if use in results]
    stop = proposal.use.shape[0] if stop is None else stop
    if stop <= start:
        return np.empty(0, dtype=object)
    columns = [_UseSentences(pack, results[use], language).sentences(start, stop) for use in uses]
    columns.append(_proposed_lines(proposal, language, start, stop))
    lines = np.empty(stop - start, dtype=object)
    lines[:] = ["\n".join(parts) for parts in zip(*columns, strict=False)]
    return lines


@dataclass(frozen=True)
class SummaryRow:
    table: str  # "grade" (use × grade) or "proposed"
    use: str
    grade: int  # grade code for "grade" rows; -1 for "proposed" rows
    units: int
    area_m2: float

    @property
    def area_hm2(self) -> float:
        return self.area_m2 * HM2_PER_M2

    @property
    def area_mu(self) -> float:
        return self.area_hm2 * MU_PER_HM2


def summary_rows(
    results: Mapping[str, UseResult], proposal: ProposalResult, area_m2: np.ndarray
) -> list[SummaryRow]:
    """Area by use × grade (not evaluated included) and by proposed use; each closes on
    the total area of the units."""
    area = np.nan_to_num(np.asarray(area_m2, dtype=float))
    rows: list[SummaryRow] = []
    grades = (NOT_EVALUATED, 1, 2, 3, GRADE_N)
    for use in EVALUATED_USES:
        if use not in results:
            continue
        grade = results[use].grade.astype(np.int64)
        counts = np.bincount(grade, minlength=GRADE_N + 1)
        sums = np.bincount(grade, weights=area, minlength=GRADE_N + 1)
        rows += [SummaryRow("grade", use, g, int(counts[g]), float(sums[g])) for g in grades]
    chosen, inverse = np.unique(proposal.use.astype(str), return_inverse=True)
    counts = np.bincount(inverse, minlength=len(chosen))
    sums = np.bincount(inverse, weights=area, minlength=len(chosen))
    order = [*EVALUATED_USES, "construction", RESTORE_USE, "keep", NOT_EVALUATED_USE]
    present = {str(use): i for i, use in enumerate(chosen)}
    present.setdefault(NOT_EVALUATED_USE, -1)  # every table has a not-evaluated row
    for use in sorted(present, key=lambda u: order.index(u) if u in order else len(order)):
        i = present[use]
        units, total = (int(counts[i]), float(sums[i])) if i >= 0 else (0, 0.0)
        rows.append(SummaryRow("proposed", use, -1, units, total))
    return rows
