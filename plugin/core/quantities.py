"""Engineering quantities (工程量) per unit and the soil and earthwork balance (土方平衡).

The rule pack's ``works`` items (:mod:`.rules.works`) say which units need which measure
and how much per unit of area, depth or length; this module applies them to the units'
areas, perimeters, proposed uses, damage types, limiting factors and slopes, and to the
levelling volumes of :mod:`.earthwork`. Pure numpy: arrays in, rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .rules.works import WorkItem, Works

HM2_PER_M2 = 1e-4
CUT, FILL = "cut", "fill"


@dataclass(frozen=True)
class UnitFacts:
    """What the quantities of each unit depend on (arrays of one length).

    ``area_m2``: ellipsoidal area; ``perimeter_m``: its boundary length; ``use``: the
    proposed use; ``dist_type``: the damage type; ``limits``: the limiting factors of the
    proposed use ("slope_deg,ph"); ``slope_deg``: mean slope (NaN: unknown).
    """

    ids: np.ndarray
    area_m2: np.ndarray
    perimeter_m: np.ndarray
    use: np.ndarray
    dist_type: np.ndarray
    limits: np.ndarray
    slope_deg: np.ndarray

    @property
    def count(self) -> int:
        return int(self.ids.shape[0])


@dataclass(frozen=True)
class Quantity:
    """One row of the works table: a unit's quantity of one measure (or part of one)."""

    unit_id: int
    item: str
    part: str  # "" , or "cut" / "fill" of a levelling item
    quantity: float


def item_values(item: WorkItem, units: UnitFacts) -> np.ndarray:
    """The item's value for each unit; NaN where it does not apply (use, damage type,
    limiting factor or slope excludes the unit)."""
    values = _per_use(item, units.use)
    applies = np.isfinite(values)
    if item.damage_types:
        applies &= np.isin(units.dist_type.astype(str), item.damage_types)
    if item.limited_by:
        texts, where = np.unique(units.limits.astype(str), return_inverse=True)
        wanted = set(item.limited_by)
        limited = np.array([bool(wanted & set(t.split(","))) for t in texts], dtype=bool)
        applies &= limited[where.reshape(-1)] if texts.size else applies
    if item.min_slope_deg is not None:
        with np.errstate(invalid="ignore"):
            applies &= units.slope_deg >= item.min_slope_deg
    return np.where(applies, values, np.nan)


def item_quantities(
    item: WorkItem, units: UnitFacts, levelling: tuple[np.ndarray, np.ndarray] | None
) -> dict[str, np.ndarray]:
    """The item's quantity per unit, by part ("" or cut/fill); NaN where it does not apply
    (for levelling also where the DEM did not cover the unit)."""
    values = item_values(item, units)
    if item.rule == "depth":
        return {"": units.area_m2 * values}
    if item.rule == "per_hm2":
        return {"": units.area_m2 * HM2_PER_M2 * values}
    if item.rule == "area":
        return {"": np.where(np.isfinite(values), units.area_m2 * HM2_PER_M2, np.nan)}
    if item.rule == "perimeter":
        return {"": units.perimeter_m * values}
    if levelling is None:
        nothing = np.full(units.count, np.nan)
        return {CUT: nothing, FILL: nothing}
    cut, fill = levelling
    applies = np.isfinite(values)
    return {CUT: np.where(applies, cut, np.nan), FILL: np.where(applies, fill, np.nan)}


def works_rows(
    works: Works, units: UnitFacts, levelling: tuple[np.ndarray, np.ndarray] | None = None
) -> list[Quantity]:
    """Every (unit, item) with a quantity, by unit then by the pack's order of items."""
    columns = []
    for item in works.items:
        for part, quantities in item_quantities(item, units, levelling).items():
            columns.append((item.key, part, quantities))
    if not columns or units.count == 0:
        return []
    order = np.argsort(units.ids, kind="stable")
    # Units (by number) × items (in the pack's order): the cells with a quantity, row-major.
    table = np.column_stack([quantities for _, _, quantities in columns])[order]
    with np.errstate(invalid="ignore"):
        unit_at, column_at = np.nonzero(np.isfinite(table) & (table > 0))
    ids = units.ids[order][unit_at].tolist()
    values = table[unit_at, column_at].tolist()
    return [
        Quantity(int(unit_id), columns[c][0], columns[c][1], value)
        for unit_id, c, value in zip(ids, column_at.tolist(), values, strict=True)
    ]


def levelling_design_slopes(works: Works, uses: np.ndarray) -> np.ndarray:
    """The design slope (°) of each unit's proposed use, from the pack's levelling item
    (NaN: no levelling for that use, or no levelling item)."""
    item = next((i for i in works.items if i.rule == "levelling"), None)
    if item is None:
        return np.full(uses.shape[0], np.nan)
    return _per_use(item, uses)


def levelling_bench_widths(works: Works, uses: np.ndarray) -> np.ndarray:
    """The terraces' bench width (m) of each unit's proposed use, from the pack's levelling
    item (NaN: no terraces for that use: one plane)."""
    item = next((i for i in works.items if i.rule == "levelling"), None)
    if item is None or not item.terraces:
        return np.full(uses.shape[0], np.nan)
    names, inverse = np.unique(uses.astype(str), return_inverse=True)
    widths = np.array([item.terraces.get(name, np.nan) for name in names.tolist()], dtype=float)
    return widths[inverse.reshape(-1)] if names.size else np.empty(0)


def _per_use(item: WorkItem, uses: np.ndarray) -> np.ndarray:
    """The item's value for each unit's proposed use (NaN: none for that use), looked up
    once per distinct use."""
    names, inverse = np.unique(uses.astype(str), return_inverse=True)
    values = [item.value_for(name) for name in names.tolist()]
    per_use = np.array([np.nan if v is None else v for v in values], dtype=float)
    return per_use[inverse.reshape(-1)] if names.size else np.empty(0)


@dataclass(frozen=True)
class BalanceRow:
    key: str
    m3: float


@dataclass(frozen=True)
class Balance:
    """The soil and earthwork balance (水土资源平衡), every m³ accounted for.

    Topsoil: stripped = covered + surplus − shortfall; earthwork: cut = fill + spoil (弃方)
    − borrow (借方).
    """

    stripped_m3: float
    cover_m3: float
    cut_m3: float
    fill_m3: float

    @property
    def topsoil_surplus_m3(self) -> float:
        return max(self.stripped_m3 - self.cover_m3, 0.0)

    @property
    def topsoil_shortfall_m3(self) -> float:
        return max(self.cover_m3 - self.stripped_m3, 0.0)

    @property
    def spoil_m3(self) -> float:
        return max(self.cut_m3 - self.fill_m3, 0.0)

    @property
    def borrow_m3(self) -> float:
        return max(self.fill_m3 - self.cut_m3, 0.0)

    def rows(self) -> list[BalanceRow]:
        return [
            BalanceRow("topsoil_stripped", self.stripped_m3),
            BalanceRow("topsoil_cover", self.cover_m3),
            BalanceRow("topsoil_surplus", self.topsoil_surplus_m3),
            BalanceRow("topsoil_shortfall", self.topsoil_shortfall_m3),
            BalanceRow("earth_cut", self.cut_m3),
            BalanceRow("earth_fill", self.fill_m3),
            BalanceRow("earth_spoil", self.spoil_m3),
            BalanceRow("earth_borrow", self.borrow_m3),
        ]


def balance(works: Works, rows: Sequence[Quantity], stripped_m3: float) -> Balance:
    """The balance of the works rows: cover items draw on the stripped topsoil, the cut
    of levelling on its fill."""
    cover_items = {item.key for item in works.items if item.cover}
    cover = sum(r.quantity for r in rows if r.item in cover_items)
    cut = sum(r.quantity for r in rows if r.part == CUT)
    fill = sum(r.quantity for r in rows if r.part == FILL)
    return Balance(float(stripped_m3), float(cover), float(cut), float(fill))


@dataclass(frozen=True)
class Haul:
    """Topsoil hauled from the stripping areas (sources) to the units that need cover
    (sinks), nearest first within the haul limit.

    Per sink: ``served_m3`` and the volume-weighted mean distance ``distance_m`` (NaN
    where nothing was served); ``moved_m3_km``: Σ volume × distance of every load.
    """

    served_m3: np.ndarray
    distance_m: np.ndarray
    moved_m3_km: float

    def unserved_m3(self, demand_m3: np.ndarray) -> np.ndarray:
        return np.maximum(np.asarray(demand_m3, dtype=float) - self.served_m3, 0.0)


def assign_haul(
    source_xy: np.ndarray,
    source_m3: np.ndarray,
    sink_xy: np.ndarray,
    sink_m3: np.ndarray,
    limit_m: float | None = None,
) -> Haul:
    """Greedy nearest assignment: the closest (source, sink) pair first, as much as both
    allow, then the next closest, never beyond ``limit_m`` (None: no limit). Distances
    between centroids in metres (a metric CRS)."""
    supply = np.maximum(np.asarray(source_m3, dtype=float), 0.0)
    demand = np.maximum(np.asarray(sink_m3, dtype=float), 0.0)
    served = np.zeros(demand.shape[0])
    weighted = np.zeros(demand.shape[0])
    if supply.size == 0 or demand.size == 0:
        return Haul(served, np.full(demand.shape[0], np.nan), 0.0)
    source_xy, sink_xy = np.asarray(source_xy, float), np.asarray(sink_xy, float)
    distance = np.hypot(
        source_xy[:, 0, np.newaxis] - sink_xy[np.newaxis, :, 0],
        source_xy[:, 1, np.newaxis] - sink_xy[np.newaxis, :, 1],
    )
    order = np.argsort(distance, axis=None, kind="stable")
    if limit_m is not None:
        order = order[distance.ravel()[order] <= limit_m]
    wanted = (supply.sum() > 0) & (demand.sum() > 0)
    # An allocation, pair by pair in distance order: each step depends on the last.
    for flat in order.tolist() if wanted else []:
        i, j = divmod(flat, demand.shape[0])
        load = min(supply[i], demand[j] - served[j])
        if load <= 0:
            continue
        supply[i] -= load
        served[j] += load
        weighted[j] += load * distance[i, j]
        if supply.sum() <= 0:
            break
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(served > 0, weighted / served, np.nan)
    return Haul(served, mean, float(weighted.sum()) / 1000.0)


@dataclass(frozen=True)
class StockpileHaul:
    """Topsoil carried to the stockpiles (``stored``: one entry per stockpile) and on from
    them to the units that need cover (``delivered``: one per unit)."""

    stored: Haul
    delivered: Haul

    @property
    def stockpiled_m3(self) -> float:
        return float(self.stored.served_m3.sum())

    @property
    def moved_m3_km(self) -> float:
        return self.stored.moved_m3_km + self.delivered.moved_m3_km


def assign_via_stockpiles(
    source_xy: np.ndarray,
    source_m3: np.ndarray,
    pile_xy: np.ndarray,
    pile_capacity_m3: np.ndarray,
    sink_xy: np.ndarray,
    sink_m3: np.ndarray,
    limit_m: float | None = None,
) -> StockpileHaul:
    """Stripped topsoil kept in stockpiles until it covers the units: each stripping area
    to the nearest stockpile with room (NaN capacity: unlimited), then each stockpile's
    soil to the nearest units, both legs nearest first within ``limit_m``."""
    supply = np.maximum(np.asarray(source_m3, dtype=float), 0.0)
    capacity = np.asarray(pile_capacity_m3, dtype=float)
    room = np.where(np.isfinite(capacity), np.maximum(capacity, 0.0), supply.sum())
    stored = assign_haul(source_xy, supply, pile_xy, room, limit_m)
    delivered = assign_haul(pile_xy, stored.served_m3, sink_xy, sink_m3, limit_m)
    return StockpileHaul(stored, delivered)
