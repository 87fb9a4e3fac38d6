"""The phased work plan (复垦工作计划安排): which unit is reclaimed in which stage of the
service period, and what that spends year by year.

The service period (服务年限) of a mining project is the production period (生产期) + the
settling period (稳沉期, for subsidence) + the after-care period (管护期), cut into stages
(often 5 years). Years are calendar years; ``first_year`` is year 1 of the plan.

A unit may be reclaimed from its *ready year*: a year its own data give, else the mining
year of the panels above it + the settling period (subsided land is reclaimed once stable),
else the release event of its damage type in the rule pack (start, closure, stable). Works
end by the last year of the settling period, so that the after-care of every unit fits in
the service period; a unit ready later is reported.

Without budgets every unit goes to the stage of its ready year (边采边复: reclaim as soon as
the land allows). With budgets per stage the order is chosen to reclaim the most area (or
benefit) early: maximise Σ b_i (T − t) x_it over stages t = 0…T−1, with Σ_t x_it ≤ 1,
Σ_i c_i x_it ≤ B_t and x_it = 0 before the unit's ready stage — a 0/1 programme solved by
``scipy.optimize.milp`` (HiGHS) where SciPy is present, unless the greedy fill of the stages
in order of benefit per cost is already proven within MILP_RELATIVE_GAP of the best by the
linear relaxation; without SciPy the greedy fill, with its gap to an upper bound reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .rules.timing import Timing
from .works_table import WorksColumns

UNSCHEDULED = -1
# Where a unit's ready year came from (the unit's ``ready_basis``).
BASIS_FIELD = "field"
BASIS_PANELS = "panels"
BASIS_RELEASE = "release"  # + ":" + event
# How long the MILP may search, and the relative gap it may stop at.
MILP_TIME_LIMIT_S = 20.0
MILP_RELATIVE_GAP = 0.005


@dataclass(frozen=True)
class Stage:
    number: int  # 1, 2, …
    year_start: int
    year_end: int


@dataclass(frozen=True)
class ServicePeriod:
    """生产期 + 稳沉期 + 管护期 in whole years from ``first_year``, cut into stages."""

    first_year: int
    production_years: int
    settling_years: int
    aftercare_years: int
    stage_years: int

    def __post_init__(self) -> None:
        for name in ("production_years", "settling_years", "aftercare_years"):
            value = getattr(self, name)
            if value != int(value) or value < 0:
                raise ValueError(f"{name}: {value} (whole years, 0 or more)")
        if self.production_years + self.settling_years < 1:
            raise ValueError("the production and settling periods leave no year for the works")
        if self.stage_years < 1:
            raise ValueError(f"stage_years: {self.stage_years} (1 or more)")

    @property
    def total_years(self) -> int:
        return self.production_years + self.settling_years + self.aftercare_years

    @property
    def last_year(self) -> int:
        return self.first_year + self.total_years - 1

    @property
    def works_end(self) -> int:
        """The last year for works that leaves the after-care period within the service."""
        return self.last_year - self.aftercare_years

    def event_year(self, event: str) -> int:
        """The year a release event of the rule pack falls in."""
        if event == "start":
            return self.first_year
        if event == "closure":  # the first year after production
            return self.first_year + self.production_years
        if event == "stable":  # the last year of the settling period
            return self.works_end
        raise ValueError(f"unknown release event {event!r}")

    def stages(self) -> list[Stage]:
        years = range(self.first_year, self.last_year + 1, self.stage_years)
        return [
            Stage(n, start, min(start + self.stage_years - 1, self.last_year))
            for n, start in enumerate(years, start=1)
        ]

    def period_years(self, stage: Stage) -> tuple[int, int, int]:
        """How many years of the stage fall in the production, settling and after-care
        periods."""
        settling_start = self.first_year + self.production_years
        care_start = settling_start + self.settling_years

        def overlap(start: int, end: int) -> int:
            return max(0, min(end, stage.year_end) - max(start, stage.year_start) + 1)

        return (
            overlap(self.first_year, settling_start - 1),
            overlap(settling_start, care_start - 1),
            overlap(care_start, self.last_year),
        )

    def stage_index(self, years: np.ndarray) -> np.ndarray:
        """0-based stage of each year (years before the plan fall in the first stage)."""
        offset = np.maximum(np.asarray(years, dtype=np.int64) - self.first_year, 0)
        return np.minimum(offset // self.stage_years, len(self.stages()) - 1)


def ready_years(
    damage_types: Sequence[str | None],
    field_years: np.ndarray,
    panel_years: np.ndarray,
    service: ServicePeriod,
    timing: Timing,
) -> tuple[np.ndarray, np.ndarray]:
    """The year each unit may be reclaimed from, and where it came from.

    ``field_years``: the unit's own year (NaN: none); ``panel_years``: the latest mining
    year of the panels whose influence reaches the unit (NaN: none), used for subsided
    land. Years before the plan's first year become the first year."""
    count = len(damage_types)
    ready = np.full(count, service.first_year, dtype=np.int64)
    basis = np.full(count, f"{BASIS_RELEASE}:start", dtype=object)
    kinds = np.asarray([d or "" for d in damage_types], dtype=object)
    for damage, release in timing.release.items():
        chosen = kinds == damage
        ready[chosen] = service.event_year(release.after)
        basis[chosen] = f"{BASIS_RELEASE}:{release.after}"
    panels = np.isfinite(panel_years) & (kinds == "subsidence")
    ready[panels] = panel_years[panels].astype(np.int64) + service.settling_years
    basis[panels] = BASIS_PANELS
    own = np.isfinite(field_years)
    ready[own] = field_years[own].astype(np.int64)
    basis[own] = BASIS_FIELD
    return np.maximum(ready, service.first_year), basis


@dataclass(frozen=True)
class Placement:
    """Each unit's stage (0-based; UNSCHEDULED when no budget left room for it)."""

    stage: np.ndarray
    objective: float
    bound: float  # an upper bound of the objective (equal when proven optimal)
    solver: str  # "earliest", "milp" or "greedy"

    @property
    def gap(self) -> float:
        return 0.0 if self.bound <= 0 else max(self.bound - self.objective, 0.0) / self.bound


def stage_window(ready: np.ndarray, service: ServicePeriod) -> tuple[np.ndarray, np.ndarray]:
    """The first and last stage (0-based) each unit's works may fall in: from the stage of
    its ready year to the stage of the last works year (the ready stage for a unit ready
    after it)."""
    first = service.stage_index(ready)
    last = np.maximum(service.stage_index(np.array([service.works_end]))[0], first)
    return first, last


def objective_value(stage: np.ndarray, benefit: np.ndarray, stage_count: int) -> float:
    placed = stage >= 0
    return float(np.sum(benefit[placed] * (stage_count - stage[placed])))


def place(
    first: np.ndarray,
    last: np.ndarray,
    benefit: np.ndarray,
    cost: np.ndarray,
    budgets: Mapping[int, float] | None,
    stage_count: int,
    solver: str = "auto",
) -> Placement:
    """Stages for the units: the earliest without budgets. With ``budgets`` (0-based stage
    -> 元; stages not named are unlimited): the greedy fill, kept when the linear
    relaxation proves it within MILP_RELATIVE_GAP of the best; else the MILP, or the
    greedy fill if it is better still. ``solver`` "milp" or "greedy" forces one."""
    benefit = np.asarray(benefit, dtype=float)
    earliest = np.asarray(first, dtype=np.int64).copy()
    bound = objective_value(earliest, benefit, stage_count)
    if not budgets:
        return Placement(earliest, bound, bound, "earliest")
    cost = np.asarray(cost, dtype=float)
    if np.any(~np.isfinite(cost)) or np.any(cost < 0):
        raise ValueError("every unit needs a cost of 0 or more to schedule under budgets")
    greedy = _greedy(first, last, benefit, cost, budgets, stage_count)
    greedy_value = objective_value(greedy, benefit, stage_count)
    programme = (
        None
        if solver == "greedy"
        else _Programme.build(first, last, benefit, cost, budgets, stage_count)
    )
    if programme is None:
        if solver == "milp":
            raise RuntimeError("scipy.optimize.milp is not available")
        return Placement(greedy, greedy_value, bound, "greedy")
    relaxed = programme.solve(integer=False)
    if relaxed is not None:
        bound = min(bound, relaxed[1])
    if solver != "milp" and bound - greedy_value <= MILP_RELATIVE_GAP * bound:
        return Placement(greedy, greedy_value, max(bound, greedy_value), "greedy")
    solved = programme.solve(integer=True)
    if solved is None:
        if solver == "milp":
            raise RuntimeError("scipy.optimize.milp found no solution")
        return Placement(greedy, greedy_value, bound, "greedy")
    stage, milp_bound = solved
    value = objective_value(stage, benefit, stage_count)
    bound = min(bound, milp_bound)
    if solver != "milp" and greedy_value > value:
        return Placement(greedy, greedy_value, max(bound, greedy_value), "greedy")
    return Placement(stage, value, max(bound, value), "milp")


def _greedy(
    first: np.ndarray,
    last: np.ndarray,
    benefit: np.ndarray,
    cost: np.ndarray,
    budgets: Mapping[int, float],
    stage_count: int,
) -> np.ndarray:
    """Fill the stages in order: in each, the waiting units by benefit per cost (free ones
    first, larger benefit first among equals) while the budget lasts."""
    stage = np.full(len(benefit), UNSCHEDULED, dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(cost > 0, benefit / np.where(cost > 0, cost, 1.0), np.inf)
    order = np.lexsort((-benefit, -ratio))
    for t in range(stage_count):
        waiting = order[(stage[order] == UNSCHEDULED) & (first[order] <= t) & (last[order] >= t)]
        left = budgets.get(t, np.inf)
        if not np.isfinite(left):
            stage[waiting] = t
            continue
        for i in waiting.tolist():
            if cost[i] <= left:
                stage[i] = t
                left -= cost[i]
    return stage


@dataclass(frozen=True)
class _Programme:
    """The 0/1 programme over the (unit, stage) pairs each unit may take."""

    unit: np.ndarray  # per pair
    stage: np.ndarray  # per pair
    weight: np.ndarray  # per pair: b_i (T − t)
    constraints: list
    count: int  # units

    @staticmethod
    def build(
        first: np.ndarray,
        last: np.ndarray,
        benefit: np.ndarray,
        cost: np.ndarray,
        budgets: Mapping[int, float],
        stage_count: int,
    ) -> _Programme | None:
        """None without SciPy."""
        try:
            from scipy.optimize import LinearConstraint
            from scipy.sparse import csr_matrix
        except ImportError:
            return None
        width = (last - first + 1).astype(np.int64)
        unit = np.repeat(np.arange(len(benefit)), width)
        starts = np.repeat(np.cumsum(width) - width, width)
        stage = np.repeat(first, width) + (np.arange(len(unit)) - starts)
        pairs = len(unit)
        once = csr_matrix((np.ones(pairs), (unit, np.arange(pairs))), shape=(len(benefit), pairs))
        constraints = [LinearConstraint(once, 0, 1)]
        limited = sorted(t for t in budgets if np.isfinite(budgets[t]))
        if limited:
            row = {t: r for r, t in enumerate(limited)}
            mask = np.isin(stage, limited)
            rows = np.array([row[t] for t in stage[mask].tolist()], dtype=np.int64)
            spend = csr_matrix(
                (cost[unit[mask]], (rows, np.flatnonzero(mask))), shape=(len(limited), pairs)
            )
            constraints.append(LinearConstraint(spend, 0, [budgets[t] for t in limited]))
        weight = benefit[unit] * (stage_count - stage)
        return _Programme(unit, stage, weight, constraints, len(benefit))

    def solve(self, integer: bool) -> tuple[np.ndarray, float] | None:
        """The stages chosen (integer) and an upper bound of the objective; None without a
        solution. ``integer`` False: the linear relaxation, for its bound only."""
        from scipy.optimize import Bounds, milp

        pairs = len(self.unit)
        if pairs == 0:
            return np.full(self.count, UNSCHEDULED, dtype=np.int64), 0.0
        options = {"time_limit": MILP_TIME_LIMIT_S}
        if integer:
            options["mip_rel_gap"] = MILP_RELATIVE_GAP
        result = milp(
            -self.weight,
            constraints=self.constraints,
            integrality=np.full(pairs, 1 if integer else 0),
            bounds=Bounds(0, 1),
            options=options,
        )
        if result.x is None:
            return None
        if not integer:
            return np.full(self.count, UNSCHEDULED, dtype=np.int64), -float(result.fun)
        chosen = result.x > 0.5
        placed = np.full(self.count, UNSCHEDULED, dtype=np.int64)
        placed[self.unit[chosen]] = self.stage[chosen]
        dual = getattr(result, "mip_dual_bound", None)
        bound = -float(dual) if dual is not None and np.isfinite(dual) else float(self.weight.sum())
        return placed, bound


@dataclass(frozen=True)
class UnitYears:
    """The years of each unit's works and after-care (0 where unscheduled)."""

    year_start: np.ndarray
    year_end: np.ndarray
    care_end: np.ndarray


def unit_years(stage: np.ndarray, ready: np.ndarray, service: ServicePeriod) -> UnitYears:
    """Works from the ready year (or the stage's start) to the stage's end or the last
    works year; after-care for the after-care period after them."""
    stages = service.stages()
    starts = np.array([s.year_start for s in stages])
    ends = np.array([s.year_end for s in stages])
    placed = stage >= 0
    at = np.where(placed, stage, 0)
    year_start = np.maximum(ready, starts[at])
    year_end = np.maximum(year_start, np.minimum(ends[at], service.works_end))
    care_end = year_end + service.aftercare_years
    zero = np.zeros_like(year_start)
    return UnitYears(
        np.where(placed, year_start, zero),
        np.where(placed, year_end, zero),
        np.where(placed, care_end, zero),
    )


def yearly_spending(
    years: UnitYears,
    works_cost: np.ndarray,
    care_cost: np.ndarray,
    service: ServicePeriod,
) -> np.ndarray:
    """元 spent in each year of the service period (index 0 = the first year), beyond it
    for units whose after-care overruns: each unit's works cost evenly over its works years,
    its after-care cost over its after-care years (with the works when there are none)."""
    placed = years.year_start > 0
    span = int(max(service.last_year, int(years.care_end.max(initial=0))) - service.first_year + 1)
    spent = np.zeros(span)
    _spread(spent, years.year_start[placed], years.year_end[placed], works_cost[placed], service)
    if service.aftercare_years > 0:
        _spread(
            spent, years.year_end[placed] + 1, years.care_end[placed], care_cost[placed], service
        )
    else:
        _spread(spent, years.year_start[placed], years.year_end[placed], care_cost[placed], service)
    return spent


def _spread(
    spent: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    amount: np.ndarray,
    service: ServicePeriod,
) -> None:
    """Add each amount evenly over the years start…end (a difference array, no loop)."""
    length = end - start + 1
    per_year = amount / length
    steps = np.zeros(len(spent) + 1)
    np.add.at(steps, start - service.first_year, per_year)
    np.add.at(steps, end - service.first_year + 1, -per_year)
    spent += np.cumsum(steps)[:-1]


def spending_shares(spent: np.ndarray) -> dict[int, float]:
    """Year of the plan (1, 2, …) -> share of the spending; the shares sum to 1."""
    total = float(spent.sum())
    if total <= 0:
        return {}
    return {year: float(v) / total for year, v in enumerate(spent, start=1) if v > 0}


def spending_text(shares: Mapping[int, float]) -> str:
    """The shares as estimatecost's SPENDING parameter reads them ("1=0.25;2=0.75"); the
    last share takes the rounding so that they sum to 1 exactly."""
    if not shares:
        return ""
    years = sorted(shares)
    rounded = [round(shares[y], 6) for y in years[:-1]]
    rounded.append(round(1.0 - sum(rounded), 6))
    return ";".join(
        f"{y}={r:.6f}".rstrip("0").rstrip(".") for y, r in zip(years, rounded, strict=True)
    )


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 35 -> 三十五 (1–99)."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones or not head else "")


def stage_name(number: int, language: str) -> str:
    """第一阶段 / Stage 1."""
    return f"第{chinese_number(number)}阶段" if language.startswith("zh") else f"Stage {number}"


def stripping_years(works: WorksColumns, service: ServicePeriod) -> np.ndarray:
    """The year each stripping area's row is stripped: its own year, else the plan's first
    year (before any damage the plan foresees), within the service period; NaN on the rows
    of units."""
    own = np.where(np.isfinite(works.year), works.year, service.first_year)
    clipped = np.clip(own, service.first_year, service.last_year)
    return np.where(works.stripping, clipped, np.nan)


def row_stages(
    works: WorksColumns,
    unit_ids: np.ndarray,
    unit_stage: np.ndarray,
    years: np.ndarray,
    service: ServicePeriod,
) -> np.ndarray:
    """The stage (0-based) of each row of the works table: its unit's stage, or for a
    stripping area the stage of ``years`` (its stripping year); UNSCHEDULED otherwise."""
    at = works.positions(unit_ids, works.unit_id)
    stage = np.where(at >= 0, np.asarray(unit_stage)[np.maximum(at, 0)], UNSCHEDULED)
    strip = works.stripping
    if strip.any():
        stage[strip] = service.stage_index(years[strip].astype(np.int64))
    return stage


def soil_by_stage(
    works: WorksColumns, stage: np.ndarray, cover_items: frozenset[str], stage_count: int
) -> tuple[np.ndarray, np.ndarray]:
    """The topsoil balance by stage: m³ stripped (the stripping areas' rows) and m³ of
    cover needed (the cover measures of the units), each row in its ``stage``."""
    placed = stage != UNSCHEDULED
    cover = placed & np.isin(works.item, list(cover_items)) & np.isfinite(works.unit_id)
    strip = placed & works.stripping

    def by_stage(rows: np.ndarray) -> np.ndarray:
        return np.bincount(stage[rows], weights=works.quantity[rows], minlength=stage_count)

    return by_stage(strip), by_stage(cover)


def stripping_spending(
    works: WorksColumns,
    years: np.ndarray,
    area_costs: Mapping[int, float],
    service: ServicePeriod,
    size: int,
) -> np.ndarray:
    """元 spent on stripping in each year of the plan (index 0 = the first year): each
    stripping area's cost in its stripping year."""
    strip = works.stripping
    ids, first = np.unique(works.area_id[strip], return_index=True)
    offset = (years[strip][first] - service.first_year).astype(np.int64)
    cost = np.array([area_costs.get(int(area), 0.0) for area in ids.tolist()], dtype=float)
    return np.bincount(offset, weights=cost, minlength=size)[:size]


@dataclass(frozen=True)
class StageWork:
    stage: int  # 0-based
    item: str
    name: str
    part: str
    unit: str
    quantity: float
    direct_cost: float | None  # None: no price


def works_by_stage(
    works: WorksColumns, stage: np.ndarray, prices: Mapping[tuple[str, str], Any]
) -> list[StageWork]:
    """The works summed by stage and measure (and part), stage by stage, the measures in
    the order they first come; with their direct cost at ``prices``."""
    first, group = works.groups()
    placed = stage != UNSCHEDULED
    if not placed.any():
        return []
    keys, inverse = np.unique(stage[placed] * first.size + group[placed], return_inverse=True)
    sums = np.bincount(inverse.reshape(-1), weights=works.quantity[placed])
    price = works.unit_price(prices)[first] if first.size else np.empty(0)
    found = []
    for key, quantity in zip(keys.tolist(), sums.tolist(), strict=True):
        t, g = divmod(key, first.size)
        row = first[g]
        cost = quantity * price[g]
        found.append(
            StageWork(
                int(t),
                str(works.item[row]),
                str(works.name[row] or works.item[row]),
                str(works.part[row]),
                str(works.unit[row]),
                quantity,
                None if np.isnan(cost) else float(cost),
            )
        )
    return found
