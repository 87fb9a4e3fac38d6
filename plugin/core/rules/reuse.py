"""The ``reuse`` block of a rule pack: second lives of mine land (转型利用) — photovoltaics
(光伏), construction (建设用地) and ecology and tourism (生态/文旅) — where reclamation alone
would not be the best use::

    "reuse": {
      "enabled": true, "replace": true, "priority": ["pv", "construction", "tourism"],
      "pv": {"name": {"zh": "光伏", "en": "photovoltaics"}, "replaces": ["grass", "water"],
             "code": null,
             "max_slope_deg": {"value": 15, "source": "…", "status": "unverified"},
             "aspect_deg": {"value": [90, 270], "flat_slope_deg": 5, "source": "…", …},
             "min_area_hm2": {…}, "max_grid_distance_m": {…},
             "floating_min_depth_m": {…}, "capacity_mw_per_hm2": {…}},
      "construction": {"name": {…}, "replaces": ["keep", "grass"], "code": "0601",
                       "max_slope_deg": {…}, "max_road_distance_m": {…}},
      "tourism": {"name": {…}, "replaces": ["water", "forest"], "code": null,
                  "max_settlement_distance_m": {…}}
    }

``replaces``: the proposed uses a second life may take the place of (photovoltaics never on
cultivated land or forest in cn-transformation). ``code``: the GB/T 21010 code of the land
under it, or null to keep the proposal's (panels over grass or water do not change the land
class). ``enabled``: whether the plan run assesses second lives; ``replace``: whether
construction then replaces the proposal (photovoltaics and tourism are written beside it).
Construction is never assessed on subsided land unless the unit is known to be stable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import DAMAGE_TYPES, EVALUATED_USES, PROPOSAL_ONLY_USES, RESTORE_USE

REUSES: tuple[str, ...] = ("pv", "construction", "tourism")
_PROPOSED = (*EVALUATED_USES, *PROPOSAL_ONLY_USES, RESTORE_USE)
# The limits each second life takes (sourced values), and their bounds.
_LIMITS: dict[str, dict[str, tuple[float, float]]] = {
    "pv": {
        "max_slope_deg": (0, 90),
        "min_area_hm2": (0, 1e6),
        "max_grid_distance_m": (0, 1e6),
        "floating_min_depth_m": (0, 100),
        "capacity_mw_per_hm2": (0, 10),
    },
    "construction": {"max_slope_deg": (0, 90), "max_road_distance_m": (0, 1e6)},
    "tourism": {"max_settlement_distance_m": (0, 1e6)},
}


@dataclass(frozen=True)
class Limit:
    value: float
    provenance: Sourced


@dataclass(frozen=True)
class Reuse:
    key: str
    name: Mapping[str, str]
    replaces: tuple[str, ...]
    code: str | None
    limits: Mapping[str, Limit]
    aspect: tuple[float, float] | None = None  # pv: the compass range panels may face
    flat_slope_deg: float = 0.0  # pv: no aspect limit at or below this slope
    aspect_provenance: Sourced | None = None
    not_on: tuple[str, ...] = ()  # damage types it is never assessed on

    def limit(self, key: str) -> float:
        return self.limits[key].value


@dataclass(frozen=True)
class ReuseRules:
    enabled: bool
    replace: bool
    priority: tuple[str, ...]
    reuses: Mapping[str, Reuse]

    def provenances(self) -> list[Sourced]:
        found = [limit.provenance for r in self.reuses.values() for limit in r.limits.values()]
        found += [r.aspect_provenance for r in self.reuses.values() if r.aspect_provenance]
        return found


def parse_reuse(reader: Reader, block: Any, sources: Mapping[str, Any]) -> ReuseRules:
    block = reader.mapping(block, "reuse", ("enabled", "replace", "priority", *REUSES), ("note",))
    for key in ("enabled", "replace"):
        if not isinstance(block[key], bool):
            raise reader.fail(f"reuse.{key}", "expected true or false", "write true or false")
    priority = block["priority"]
    if not isinstance(priority, list) or sorted(priority) != sorted(REUSES):
        raise reader.fail(
            "reuse.priority", "expected each second life once", f"list {', '.join(REUSES)}"
        )
    reuses = {key: _reuse(reader, key, block[key], sources) for key in REUSES}
    return ReuseRules(block["enabled"], block["replace"], tuple(priority), reuses)


def _reuse(reader: Reader, key: str, block: Any, sources: Mapping[str, Any]) -> Reuse:
    path = f"reuse.{key}"
    limits = _LIMITS[key]
    optional = ("note", "not_on", "aspect_deg") if key == "pv" else ("note", "not_on")
    block = reader.mapping(block, path, ("name", "replaces", "code", *limits), optional)
    replaces = block["replaces"]
    if not isinstance(replaces, list):
        raise reader.fail(f"{path}.replaces", "expected a list", "list proposed uses")
    for index, use in enumerate(replaces):
        reader.string(use, f"{path}.replaces[{index}]", _PROPOSED)
    code = block["code"]
    if code is not None:
        code = reader.string(code, f"{path}.code")
    values = {name: _limit(reader, block[name], f"{path}.{name}", bounds, sources)
              for name, bounds in limits.items()}  # fmt: skip
    not_on = block.get("not_on", [])
    if not isinstance(not_on, list):
        raise reader.fail(f"{path}.not_on", "expected a list", "list damage types")
    for index, kind in enumerate(not_on):
        reader.string(kind, f"{path}.not_on[{index}]", DAMAGE_TYPES)
    aspect, flat, aspect_provenance = None, 0.0, None
    if "aspect_deg" in block:
        aspect, flat, aspect_provenance = _aspect(reader, block["aspect_deg"], path, sources)
    return Reuse(
        key, reader.texts(block["name"], f"{path}.name"), tuple(replaces), code, values,
        aspect, flat, aspect_provenance, tuple(not_on),
    )  # fmt: skip


def _limit(
    reader: Reader, block: Any, path: str, bounds: tuple[float, float], sources: Mapping[str, Any]
) -> Limit:
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    value = reader.number(block["value"], f"{path}.value")
    if not bounds[0] <= value <= bounds[1]:
        raise reader.fail(f"{path}.value", f"{value:g}", f"give {bounds[0]:g}–{bounds[1]:g}")
    return Limit(value, reader.provenance(block, path, sources))


def _aspect(
    reader: Reader, block: Any, path: str, sources: Mapping[str, Any]
) -> tuple[tuple[float, float], float, Sourced]:
    where = f"{path}.aspect_deg"
    block = reader.mapping(block, where, ("value", "flat_slope_deg", *PROVENANCE_KEYS), ("note",))
    low, high = reader.numbers(block["value"], f"{where}.value", 2)
    if not (0 <= low < high <= 360):
        raise reader.fail(f"{where}.value", f"[{low:g}, {high:g}]", "give 0 ≤ from < to ≤ 360")
    flat = reader.number(block["flat_slope_deg"], f"{where}.flat_slope_deg")
    return (low, high), flat, reader.provenance(block, where, sources)
