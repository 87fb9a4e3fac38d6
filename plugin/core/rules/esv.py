"""The ``esv`` block of a rule pack: ecosystem-service value (生态系统服务价值) by the
equivalent-factor method (Xie Gaodi et al. 2015), as data.

The services (in order), the ecosystem types with one value equivalent per service and
hectare and year, the value of one equivalent (元/hm²), which ecosystem type a GB/T 21010
land-use code stands for, and what damage makes of the land::

    "esv": {
      "equivalent_value": {"value": 1498.58, "source": "…", "status": "secondary"},
      "services": {"food": {"zh": "食物生产", "en": "food production"}, …},
      "ecosystems": {"value": {"dry_land": {"name": {"zh": "旱地", "en": "dry farmland"},
                                            "equivalents": [0.85, 0.40, …]}, …},
                     "source": "…", "status": "secondary"},
      "codes": {"value": {"0101": "paddy", "01": "dry_land", "05": "built", …},
                "source": "…", "status": "unverified"},
      "damage": {"value": {"excavation": "bare_land", "subsidence": "unchanged",
                           "pollution": {"1": "unchanged", "3": "bare_land"}},
                 "ponded": "water", "source": "…", "status": "unverified"}
    }

A code is matched by its longest listed prefix ("0102" before "01"), so a pack may map whole
first-level classes and name the exceptions. Damage maps a type, or a type's degrees ("1",
"2", "3"), to an ecosystem type or to ``unchanged`` (the land keeps its type); ``ponded``
is the type of land under standing water after subsidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .landuse_codes import by_longest_prefix
from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import DAMAGE_TYPES, DEGREES

UNCHANGED = "unchanged"  # damage leaves the land's ecosystem type as it was


@dataclass(frozen=True)
class Ecosystem:
    key: str
    name: Mapping[str, str]
    equivalents: tuple[float, ...]  # one per service, in the order of the services


@dataclass(frozen=True)
class EsvRules:
    """The esv block of a pack, validated."""

    equivalent_value: float  # 元 per hm² and year for one equivalent
    equivalent_provenance: Sourced
    services: tuple[str, ...]
    service_names: Mapping[str, Mapping[str, str]]
    ecosystems: Mapping[str, Ecosystem]
    ecosystems_provenance: Sourced
    codes: Mapping[str, str]  # code prefix -> ecosystem key
    codes_provenance: Sourced
    # damage type -> degree (0: any) -> ecosystem key or UNCHANGED
    damage: Mapping[str, Mapping[int, str]]
    ponded: str
    damage_provenance: Sourced

    def ecosystem_of(self, code: str) -> str | None:
        """The ecosystem type of a land-use code by its longest listed prefix (None: none)."""
        return by_longest_prefix(self.codes, code)

    def after_damage(self, damage_type: str, degree: int | None) -> str:
        """The ecosystem type damage leaves (or UNCHANGED): the degree's own entry, else the
        type's; land of no listed damage type is unchanged."""
        by_degree = self.damage.get(damage_type)
        if by_degree is None:
            return UNCHANGED
        if degree is not None and degree in by_degree:
            return by_degree[degree]
        return by_degree.get(0, UNCHANGED)


def parse_esv(reader: Reader, block: Any, sources: Mapping[str, Any]) -> EsvRules:
    block = reader.mapping(
        block, "esv", ("equivalent_value", "services", "ecosystems", "codes", "damage"), ("note",)
    )
    value_block = reader.mapping(
        block["equivalent_value"], "esv.equivalent_value", ("value", *PROVENANCE_KEYS), ("note",)
    )
    value = reader.number(value_block["value"], "esv.equivalent_value.value")
    if value <= 0:
        raise reader.fail(
            "esv.equivalent_value.value", f"{value} 元/hm² per equivalent", "give a value above 0"
        )
    services_block = reader.mapping(block["services"], "esv.services", open_keys=True)
    if not services_block:
        raise reader.fail("esv.services", "no service", "list the services of the table")
    service_names = {
        key: reader.texts(names, f"esv.services.{key}") for key, names in services_block.items()
    }
    services = tuple(service_names)
    ecosystems, ecosystems_provenance = _ecosystems(reader, block["ecosystems"], services, sources)
    codes, codes_provenance = _codes(reader, block["codes"], ecosystems, sources)
    damage, ponded, damage_provenance = _damage(reader, block["damage"], ecosystems, sources)
    return EsvRules(
        equivalent_value=value,
        equivalent_provenance=reader.provenance(value_block, "esv.equivalent_value", sources),
        services=services,
        service_names=service_names,
        ecosystems=ecosystems,
        ecosystems_provenance=ecosystems_provenance,
        codes=codes,
        codes_provenance=codes_provenance,
        damage=damage,
        ponded=ponded,
        damage_provenance=damage_provenance,
    )


def _ecosystems(
    reader: Reader, block: Any, services: tuple[str, ...], sources: Mapping[str, Any]
) -> tuple[dict[str, Ecosystem], Sourced]:
    path = "esv.ecosystems"
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    table = reader.mapping(block["value"], f"{path}.value", open_keys=True)
    if not table:
        raise reader.fail(f"{path}.value", "no ecosystem type", "list the table's types")
    ecosystems = {}
    for key, entry in table.items():
        where = f"{path}.value.{key}"
        if key == UNCHANGED:
            raise reader.fail(where, f"{UNCHANGED!r} is a reserved word", "rename the type")
        entry = reader.mapping(entry, where, ("name", "equivalents"), ("note",))
        equivalents = reader.numbers(entry["equivalents"], f"{where}.equivalents", len(services))
        ecosystems[key] = Ecosystem(key, reader.texts(entry["name"], f"{where}.name"), equivalents)
    return ecosystems, reader.provenance(block, path, sources)


def _codes(
    reader: Reader, block: Any, ecosystems: Mapping[str, Ecosystem], sources: Mapping[str, Any]
) -> tuple[dict[str, str], Sourced]:
    path = "esv.codes"
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    table = reader.mapping(block["value"], f"{path}.value", open_keys=True)
    codes = {}
    for code, key in table.items():
        if not code.strip() or code != code.strip():
            raise reader.fail(f"{path}.value.{code!r}", "a code with spaces", "write the code bare")
        codes[code] = reader.string(key, f"{path}.value.{code}", tuple(ecosystems))
    return codes, reader.provenance(block, path, sources)


def _damage(
    reader: Reader, block: Any, ecosystems: Mapping[str, Ecosystem], sources: Mapping[str, Any]
) -> tuple[dict[str, dict[int, str]], str, Sourced]:
    path = "esv.damage"
    block = reader.mapping(block, path, ("value", "ponded", *PROVENANCE_KEYS), ("note",))
    choices = (*ecosystems, UNCHANGED)
    table = reader.mapping(block["value"], f"{path}.value", (), DAMAGE_TYPES)
    damage: dict[str, dict[int, str]] = {}
    for damage_type, entry in table.items():
        where = f"{path}.value.{damage_type}"
        if isinstance(entry, str):
            damage[damage_type] = {0: reader.string(entry, where, choices)}
            continue
        degrees = tuple(str(d) for d in DEGREES if d > 0)
        entry = reader.mapping(entry, where, (), degrees)
        damage[damage_type] = {
            int(degree): reader.string(key, f"{where}.{degree}", choices)
            for degree, key in entry.items()
        }
    ponded = reader.string(block["ponded"], f"{path}.ponded", tuple(ecosystems))
    return damage, ponded, reader.provenance(block, path, sources)
