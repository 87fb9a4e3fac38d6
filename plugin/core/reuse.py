"""Second lives of mine land (转型利用): which units may carry photovoltaics, construction or
ecology and tourism instead of (or over) their reclaimed use, and the capacity of the PV.

Every test of a second life is one of the pack's limits; a unit that fails one is told
which (``why``). A missing value never passes: a unit without a slope, a distance or an
aspect where the limit needs one fails that limit.

- **Photovoltaics** (光伏): the proposed use is one it may replace; ground panels on a slope
  no steeper than the limit and, above the flat slope, facing within the aspect range;
  floating panels on land proposed as water whose water is at least the floating depth;
  within the distance to the grid; and the unit's group of adjacent candidates at least the
  least area. Capacity = area × the pack's MW per hm².
- **Construction** (建设用地): a replaceable use, no steeper than the limit, within the road
  distance, and never on subsided land unless the unit is known to be stable.
- **Ecology and tourism** (生态/文旅): a replaceable use within the settlement distance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .rules.reuse import REUSES, ReuseRules

# Reasons a unit is not suitable for a second life (keys; names in REASON_NAMES).
REASON_NAMES: dict[str, tuple[str, str]] = {
    "use": ("建议用途不可替代", "its proposed use may not be replaced"),
    "damage": ("损毁类型不宜", "its damage type rules it out"),
    "slope": ("坡度过大", "too steep"),
    "aspect": ("朝向不宜", "facing away from the sun"),
    "area": ("连片面积不足", "too small a contiguous area"),
    "grid": ("距电网过远", "too far from the grid"),
    "road": ("距道路过远", "too far from a road"),
    "settlement": ("距居民点过远", "too far from settlements"),
    "unstable": ("塌陷地未稳沉", "subsided ground not known to be stable"),
    "no_data": ("缺少数据", "a value is missing"),
}
REUSE_NAMES: dict[str, tuple[str, str]] = {
    "pv": ("光伏", "Photovoltaics"),
    "construction": ("建设用地", "Construction"),
    "tourism": ("生态/文旅", "Ecology and tourism"),
}


@dataclass(frozen=True)
class ReuseFacts:
    """One entry per unit; NaN for a value not known."""

    area_hm2: np.ndarray
    use: np.ndarray  # object: use_proposed
    damage_type: np.ndarray  # object: dist_type
    stable: np.ndarray  # bool: the ground is known to be stable
    slope_deg: np.ndarray
    aspect_deg: np.ndarray  # compass bearing the unit faces (NaN: flat or unknown)
    ponding_m: np.ndarray
    grid_m: np.ndarray  # distance to the nearest grid line or substation (NaN: none given)
    road_m: np.ndarray
    settlement_m: np.ndarray


@dataclass(frozen=True)
class ReuseResult:
    suitable: Mapping[str, np.ndarray]  # reuse -> bool per unit
    why: Mapping[str, np.ndarray]  # reuse -> object: the first failed test ("" if suitable)
    floating: np.ndarray  # bool: PV on water
    pv_mw: np.ndarray  # capacity where PV is suitable (0 elsewhere)
    first: np.ndarray  # object: the first suitable second life by the pack's priority, or ""


def pv_candidates(rules: ReuseRules, facts: ReuseFacts) -> tuple[np.ndarray, np.ndarray]:
    """Units passing every PV test but the contiguous area: (candidate, why not)."""
    pv = rules.reuses["pv"]
    n = len(facts.area_hm2)
    why = np.full(n, "", dtype=object)
    floating = (facts.use.astype(str) == "water") & (
        np.nan_to_num(facts.ponding_m, nan=-1.0) >= pv.limit("floating_min_depth_m")
    )
    slope = facts.slope_deg
    steep = ~floating & ~(slope <= pv.limit("max_slope_deg"))
    aspect_fail = np.zeros(n, dtype=bool)
    if pv.aspect is not None:
        low, high = pv.aspect
        tilted = ~floating & (slope > pv.flat_slope_deg)
        facing = (facts.aspect_deg >= low) & (facts.aspect_deg <= high)
        aspect_fail = tilted & ~facing
    far = ~(facts.grid_m <= pv.limit("max_grid_distance_m"))
    tests = (
        ("use", ~np.isin(facts.use.astype(str), pv.replaces)),
        ("damage", np.isin(facts.damage_type.astype(str), pv.not_on)),
        ("slope", steep),
        ("aspect", aspect_fail),
        ("grid", far),
    )
    _first_failure(why, tests)
    return why == "", why


def assess(
    rules: ReuseRules,
    facts: ReuseFacts,
    pv_group_area_hm2: np.ndarray,
    why_pv: np.ndarray,
) -> ReuseResult:
    """Every second life of every unit; ``pv_group_area_hm2`` is the area of the group of
    adjacent PV candidates each candidate belongs to (from the caller's geometry)."""
    pv = rules.reuses["pv"]
    why = {"pv": why_pv.copy()}
    small = (why["pv"] == "") & ~(pv_group_area_hm2 >= pv.limit("min_area_hm2"))
    why["pv"][small] = "area"
    why["construction"] = _construction(rules, facts)
    why["tourism"] = _tourism(rules, facts)
    suitable = {key: why[key] == "" for key in REUSES}
    floating = suitable["pv"] & (facts.use.astype(str) == "water")
    pv_mw = np.where(suitable["pv"], facts.area_hm2 * pv.limit("capacity_mw_per_hm2"), 0.0)
    first = np.full(len(facts.area_hm2), "", dtype=object)
    for key in reversed(rules.priority):
        first[suitable[key]] = key
    return ReuseResult(suitable, why, floating, pv_mw, first)


def _construction(rules: ReuseRules, facts: ReuseFacts) -> np.ndarray:
    build = rules.reuses["construction"]
    why = np.full(len(facts.area_hm2), "", dtype=object)
    unstable = (facts.damage_type.astype(str) == "subsidence") & ~facts.stable
    tests = (
        ("use", ~np.isin(facts.use.astype(str), build.replaces)),
        ("damage", np.isin(facts.damage_type.astype(str), build.not_on)),
        ("unstable", unstable),
        ("slope", ~(facts.slope_deg <= build.limit("max_slope_deg"))),
        ("road", ~(facts.road_m <= build.limit("max_road_distance_m"))),
    )
    _first_failure(why, tests)
    return why


def _tourism(rules: ReuseRules, facts: ReuseFacts) -> np.ndarray:
    tour = rules.reuses["tourism"]
    why = np.full(len(facts.area_hm2), "", dtype=object)
    tests = (
        ("use", ~np.isin(facts.use.astype(str), tour.replaces)),
        ("damage", np.isin(facts.damage_type.astype(str), tour.not_on)),
        ("settlement", ~(facts.settlement_m <= tour.limit("max_settlement_distance_m"))),
    )
    _first_failure(why, tests)
    return why


def _first_failure(why: np.ndarray, tests: tuple[tuple[str, np.ndarray], ...]) -> None:
    """The first failed test of each unit, in the order given (a NaN compared fails)."""
    for reason, failed in tests:
        why[(why == "") & failed] = reason


def mean_aspect(labels: np.ndarray, elevation: np.ndarray, cell_m: float, count: int) -> np.ndarray:
    """The compass bearing each label (1…count) faces: the direction of its summed downslope
    gradient (central differences; NaN cells and their neighbours left out); NaN where the
    unit is flat or has no cell."""
    return bearing_of(*gradient_sums(labels, elevation, cell_m, count))


def gradient_sums(
    labels: np.ndarray,
    elevation: np.ndarray,
    cell_m: float,
    count: int,
    first_row: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Σ dz/dx (east) and Σ dz/dy (north) of each label (1…count) over the cells of
    ``labels``, whose rows are those of ``elevation`` from ``first_row`` (a band of a grid
    read with one row of each neighbour gives the whole grid's central differences)."""
    d_row, d_col = np.gradient(elevation, cell_m)
    inner = slice(first_row, first_row + labels.shape[0])
    east, north = d_col[inner], -d_row[inner]  # rows run north to south
    ok = np.isfinite(east) & np.isfinite(north) & (labels > 0)
    sum_east = np.bincount(labels[ok], weights=east[ok], minlength=count + 1)[1:]
    sum_north = np.bincount(labels[ok], weights=north[ok], minlength=count + 1)[1:]
    return sum_east, sum_north


def bearing_of(sum_east: np.ndarray, sum_north: np.ndarray) -> np.ndarray:
    """The compass bearing of the downslope direction of summed gradients; NaN where flat."""
    flat = np.hypot(sum_east, sum_north) == 0
    bearing = np.degrees(np.arctan2(-sum_east, -sum_north)) % 360.0
    return np.where(flat, np.nan, bearing)
