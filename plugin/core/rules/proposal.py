"""Propose a reclaimed use per unit from the grades, the ponding rule and the code table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .engine import UseResult
from .landuse_codes import LAND_USE_CODES
from .pack import RulePack
from .vocabulary import GRADE_N, NOT_EVALUATED, RESTORE_USE

NOT_EVALUATED_USE = ""


@dataclass(frozen=True)
class ProposalResult:
    """Per unit: the proposed use, its GB/T 21010 code and name, water depth if ponded."""

    use: np.ndarray  # str: a use, "keep", or "" where the unit could not be evaluated
    dlbm: np.ndarray  # str: GB/T 21010 code, "" for keep / not evaluated
    dlmc: np.ndarray  # str: Chinese name of the code
    ponded: np.ndarray  # bool
    water_depth_m: np.ndarray  # float: depth of standing water (NaN where no data)
    measure_id: np.ndarray  # int32: index into measure_table (0 = no measure)
    measure_table: list  # tuples of (factor, {"zh": …, "en": …}) lifting the limits

    def measures(self, index: int) -> tuple:
        """The measures of one unit: (factor, texts) pairs."""
        return self.measure_table[int(self.measure_id[index])]


def water_depth(factors: Mapping[str, np.ndarray], count: int) -> np.ndarray:
    """Standing water depth: ``ponding_m`` where given, else subsidence − groundwater depth.

    A point ponds when its new surface falls below the water table: W > d_gw, depth
    W − d_gw. Negative values mean dry land that far above the water.
    """
    depth = np.full(count, np.nan)
    if "subsidence_m" in factors and "gw_depth_m" in factors:
        depth = np.asarray(factors["subsidence_m"], float) - np.asarray(
            factors["gw_depth_m"], float
        )
    if "ponding_m" in factors:
        observed = np.asarray(factors["ponding_m"], float)
        depth = np.where(np.isnan(observed), depth, observed)
    return depth


def _keep_previous(
    pack: RulePack,
    results: Mapping[str, UseResult],
    uses: np.ndarray,
    codes: np.ndarray,
    previous: np.ndarray,
) -> np.ndarray:
    """A unit proposed for a use keeps its land-use class of before damage when the pack
    lists it for that use (水浇地 0102 stays 0102), unless the use's grade is limited by
    irrigation (the water supply is not restorable there)."""
    kept = codes.copy()
    for use, keep in pack.proposal.keep_previous.items():
        mask = (uses == use) & np.isin(previous.astype(str), keep)
        result = results.get(use)
        if result is not None:
            irrigation = [i for i, rule in enumerate(result.rules) if rule.factor == "irrigation"]
            for index in irrigation:
                mask &= (result.limiting >> index & 1) == 0
        kept[mask] = previous[mask]
    return kept


def _choose(pack: RulePack, results: Mapping[str, UseResult], count: int) -> np.ndarray:
    """Index into the pack's priority of the chosen use; -1 nothing suits, -2 undecided."""
    priority = [use for use in pack.proposal.priority if use in results]
    if not priority:
        return np.full(count, -2, dtype=np.int16)
    grades = np.stack([results[use].grade for use in priority]).astype(np.int16)
    rank = np.arange(len(priority), dtype=np.int16)[:, None]
    suitable = (grades != NOT_EVALUATED) & (grades != GRADE_N)
    if pack.proposal.select == "priority_first":
        score = rank * 10 + grades
    else:  # best grade first, the pack's priority breaks ties (宜耕则耕 …)
        score = grades * len(priority) + rank
    score = np.where(suitable, score, np.iinfo(np.int16).max)
    chosen = score.argmin(axis=0).astype(np.int16)
    # "keep" (the fallback) only when every use was evaluated and none suits; when some
    # use could not be evaluated and none of the others suits, the unit is undecided.
    none_suitable = ~suitable.any(axis=0)
    all_evaluated = (grades != NOT_EVALUATED).all(axis=0)
    chosen[none_suitable] = -1
    chosen[none_suitable & ~all_evaluated] = -2
    return chosen


def _measures(results: Mapping[str, UseResult], uses: np.ndarray) -> tuple[np.ndarray, list]:
    """Per unit, the measures that lift the limiting factors of its proposed use."""
    measure_id = np.zeros(uses.shape[0], dtype=np.int32)
    table: list = [()]
    for use, result in results.items():
        selected = np.flatnonzero(uses == use)
        masks = result.limiting[selected]
        for mask in np.unique(masks[masks > 0]):
            texts = tuple(
                (rule.factor, dict(rule.measure))
                for i, rule in enumerate(result.rules)
                if mask >> i & 1 and rule.measure
            )
            if texts:
                table.append(texts)
                measure_id[selected[masks == mask]] = len(table) - 1
    return measure_id, table


def propose(
    pack: RulePack,
    results: Mapping[str, UseResult],
    factors: Mapping[str, np.ndarray],
    storage_m3: np.ndarray | None = None,
    previous_codes: np.ndarray | None = None,
) -> ProposalResult:
    """Choose a use per unit: ponded land becomes water, else the best suitable use."""
    count = next(iter(results.values())).grade.shape[0]
    policy = pack.proposal
    priority = [use for use in policy.priority if use in results]
    chosen = _choose(pack, results, count)
    # Outcomes as indices into one small table; strings are gathered once at the end.
    outcomes = [*priority, policy.fallback, NOT_EVALUATED_USE, "water"]
    outcome = np.where(
        chosen >= 0, chosen, np.where(chosen == -1, len(priority), len(priority) + 1)
    )

    depth = water_depth(factors, count)
    ponded = np.nan_to_num(depth, nan=-np.inf) > policy.ponding_min_depth_m.value
    if "water" in policy.codes:
        outcome = np.where(ponded, len(outcomes) - 1, outcome)
    uses = np.array(outcomes, dtype=object)[outcome]

    code_list = [policy.codes.get(use, "") for use in outcomes]
    if storage_m3 is not None:
        code_list.append(policy.reservoir_code)
        large = ponded & (
            np.nan_to_num(np.asarray(storage_m3, float)) >= policy.reservoir_storage_m3.value
        )
        outcome = np.where(large & (outcome == len(outcomes) - 1), len(code_list) - 1, outcome)
    codes = np.array(code_list, dtype=object)[outcome]
    if previous_codes is not None:
        previous = np.asarray(previous_codes, object)
        codes = _keep_previous(pack, results, uses, codes, previous)
        # Damaged roads and ditches are rebuilt as they were (not where water now stands).
        restored = np.isin(previous.astype(str), policy.restore_previous) & ~ponded
        uses = np.where(restored, RESTORE_USE, uses).astype(object)
        codes = np.where(restored, previous, codes).astype(object)
    chinese = np.array([LAND_USE_CODES[c][0] if c in LAND_USE_CODES else "" for c in codes])
    measure_id, measure_table = _measures(results, uses)
    return ProposalResult(
        use=uses,
        dlbm=codes,
        dlmc=chinese,
        ponded=ponded,
        water_depth_m=depth,
        measure_id=measure_id,
        measure_table=measure_table,
    )
