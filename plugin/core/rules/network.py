"""The ``network`` block of a rule pack: how hard land is to cross for wildlife (resistance)
and which land is an ecological source, for the minimum cumulative resistance (MCR) model::

    "network": {
      "resistance": {"value": {"03": 1, "0305": 5, "04": 10, "01": 30, "05": 400, …},
                     "source": "…", "status": "unverified"},
      "damage": {"value": {"excavation": 500, "occupation": 400}, "ponded": 50,
                 "source": "…", "status": "unverified"},
      "slope": {"value": [[8, 1.0], [15, 1.2], [25, 1.5], [90, 2.0]],
                "source": "…", "status": "unverified"},
      "disturbance_distance": {"value": [[100, 2.0], [300, 1.5]],
                               "source": "…", "status": "unverified"},
      "sources": {"codes": ["03", "0401", "1108"], "min_area_hm2": 5,
                  "source": "…", "status": "unverified"}
    }

Resistance is a positive number per GB/T 21010 code or prefix (the longest listed prefix
wins, as in the esv block); damaged land of a listed damage type takes that type's
resistance instead, and damaged land under standing water the ``ponded`` one; ``slope``
multiplies it by the factor of the first class whose upper slope (°) the cell's slope does
not exceed; ``disturbance_distance`` multiplies it near damaged land (the factor of the
first band whose distance the cell's distance to damaged land does not exceed; 1 beyond);
sources are patches of the listed codes of at least ``min_area_hm2``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .landuse_codes import by_longest_prefix
from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import DAMAGE_TYPES


@dataclass(frozen=True)
class NetworkRules:
    resistance: Mapping[str, float]  # code prefix -> resistance (> 0)
    resistance_provenance: Sourced
    damage: Mapping[str, float]  # damage type -> resistance of land so damaged
    damage_provenance: Sourced
    ponded: float | None  # resistance of damaged land under standing water (None: as damaged)
    slope_classes: tuple[tuple[float, float], ...]  # (upper slope °, factor), increasing
    slope_provenance: Sourced | None
    # (distance m, factor), increasing: resistance near mining disturbance is raised.
    disturbance_bands: tuple[tuple[float, float], ...]
    disturbance_provenance: Sourced | None
    source_codes: tuple[str, ...]  # code prefixes of ecological sources
    source_min_area_hm2: float
    sources_provenance: Sourced

    def resistance_of(self, code: str) -> float | None:
        return by_longest_prefix(self.resistance, code)

    def is_source(self, code: str) -> bool:
        code = code.strip()
        return any(code.startswith(prefix) for prefix in self.source_codes)


def parse_network(reader: Reader, block: Any, sources: Mapping[str, Any]) -> NetworkRules:
    block = reader.mapping(
        block,
        "network",
        ("resistance", "sources"),
        ("damage", "slope", "disturbance_distance", "note"),
    )
    resistance, resistance_provenance = _table(
        reader, block["resistance"], "network.resistance", sources, open_keys=True
    )
    damage_block = block.get(
        "damage",
        {
            "value": {},
            "source": resistance_provenance.source,
            "status": resistance_provenance.status,
        },
    )
    ponded = damage_block.get("ponded") if isinstance(damage_block, dict) else None
    if ponded is not None:
        ponded = reader.number(ponded, "network.damage.ponded")
        if ponded <= 0:
            raise reader.fail("network.damage.ponded", f"a resistance of {ponded}", "give above 0")
        damage_block = {k: v for k, v in damage_block.items() if k != "ponded"}
    damage, damage_provenance = _table(reader, damage_block, "network.damage", sources)
    slope, slope_provenance = _slope(reader, block.get("slope"), sources)
    bands, bands_provenance = _bands(reader, block.get("disturbance_distance"), sources)
    path = "network.sources"
    source_block = reader.mapping(
        block["sources"], path, ("codes", "min_area_hm2", *PROVENANCE_KEYS), ("note",)
    )
    codes = source_block["codes"]
    if not isinstance(codes, list) or not codes:
        raise reader.fail(f"{path}.codes", "expected a non-empty list", 'use ["03", "04", …]')
    for index, code in enumerate(codes):
        reader.string(code, f"{path}.codes[{index}]")
    min_area = reader.number(source_block["min_area_hm2"], f"{path}.min_area_hm2")
    if min_area < 0:
        raise reader.fail(f"{path}.min_area_hm2", f"{min_area} hm²", "give 0 or more")
    return NetworkRules(
        resistance=resistance,
        resistance_provenance=resistance_provenance,
        damage=damage,
        damage_provenance=damage_provenance,
        ponded=ponded,
        slope_classes=slope,
        slope_provenance=slope_provenance,
        disturbance_bands=bands,
        disturbance_provenance=bands_provenance,
        source_codes=tuple(code.strip() for code in codes),
        source_min_area_hm2=min_area,
        sources_provenance=reader.provenance(source_block, path, sources),
    )


def _table(
    reader: Reader, block: Any, path: str, sources: Mapping[str, Any], open_keys: bool = False
) -> tuple[dict[str, float], Sourced]:
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    table = (
        reader.mapping(block["value"], f"{path}.value", open_keys=True)
        if open_keys
        else reader.mapping(block["value"], f"{path}.value", (), DAMAGE_TYPES)
    )
    values = {}
    for key, number in table.items():
        value = reader.number(number, f"{path}.value.{key}")
        if value <= 0:
            raise reader.fail(f"{path}.value.{key}", f"a resistance of {value}", "give above 0")
        values[key] = value
    return values, reader.provenance(block, path, sources)


def _slope(
    reader: Reader, block: Any, sources: Mapping[str, Any]
) -> tuple[tuple[tuple[float, float], ...], Sourced | None]:
    if block is None:
        return (), None
    path = "network.slope"
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    rows = block["value"]
    if not isinstance(rows, list) or not rows:
        raise reader.fail(f"{path}.value", "expected a list of [slope, factor]", "fix it")
    classes = []
    for index, row in enumerate(rows):
        upper, factor = reader.numbers(row, f"{path}.value[{index}]", 2)
        if factor <= 0:
            raise reader.fail(f"{path}.value[{index}]", f"a factor of {factor}", "give above 0")
        classes.append((upper, factor))
    uppers = [upper for upper, _ in classes]
    if uppers != sorted(set(uppers)) or uppers[-1] < 90:
        raise reader.fail(
            f"{path}.value", "slopes must increase and the last reach 90°", "reorder or extend"
        )
    return tuple(classes), reader.provenance(block, path, sources)


def _bands(
    reader: Reader, block: Any, sources: Mapping[str, Any]
) -> tuple[tuple[tuple[float, float], ...], Sourced | None]:
    """[[distance m, factor], …]: distances above 0 and increasing, factors above 0."""
    if block is None:
        return (), None
    path = "network.disturbance_distance"
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    rows = block["value"]
    if not isinstance(rows, list) or not rows:
        raise reader.fail(f"{path}.value", "expected a list of [distance, factor]", "fix it")
    bands = []
    for index, row in enumerate(rows):
        distance, factor = reader.numbers(row, f"{path}.value[{index}]", 2)
        if distance <= 0 or factor <= 0:
            raise reader.fail(
                f"{path}.value[{index}]", f"[{distance:g}, {factor:g}]", "give both above 0"
            )
        bands.append((distance, factor))
    distances = [distance for distance, _ in bands]
    if distances != sorted(set(distances)):
        raise reader.fail(f"{path}.value", "distances must increase", "reorder them")
    return tuple(bands), reader.provenance(block, path, sources)
