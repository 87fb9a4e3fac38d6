"""The ``priority`` block of a rule pack: how much each benefit of reclaiming a unit weighs
in its priority (cost-benefit ranking)::

    "priority": {
      "weights": {"value": {"esv_gain": 0.4, "corridor_gain": 0.3, "cultivated_hm2": 0.3},
                  "source": "…", "status": "unverified"}
    }

Terms: ``esv_gain`` (元/a of ecosystem-service value reclamation adds), ``corridor_gain``
(resistance × m reclamation removes from the ecological corridors), ``cultivated_hm2``
(cultivated land the unit gives back).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .reader import PROVENANCE_KEYS, Reader, Sourced

TERMS: tuple[str, ...] = ("esv_gain", "corridor_gain", "cultivated_hm2")


@dataclass(frozen=True)
class PriorityRules:
    weights: Mapping[str, float]  # term -> weight ≥ 0
    provenance: Sourced


def parse_priority(reader: Reader, block: Any, sources: Mapping[str, Any]) -> PriorityRules:
    block = reader.mapping(block, "priority", ("weights",), ("note",))
    path = "priority.weights"
    weights_block = reader.mapping(block["weights"], path, ("value", *PROVENANCE_KEYS), ("note",))
    values = reader.mapping(weights_block["value"], f"{path}.value", (), TERMS)
    weights = parse_weights(reader, values, f"{path}.value")
    return PriorityRules(weights, reader.provenance(weights_block, path, sources))


def parse_weights(reader: Reader, values: Mapping[str, Any], path: str) -> dict[str, float]:
    """Weights of known terms, each 0 or more, at least one above 0."""
    weights = {}
    for term, value in values.items():
        if term not in TERMS:
            raise reader.fail(f"{path}.{term}", "unknown term", f"use one of: {', '.join(TERMS)}")
        weight = reader.number(value, f"{path}.{term}")
        if weight < 0:
            raise reader.fail(f"{path}.{term}", f"a weight of {weight}", "give 0 or more")
        weights[term] = weight
    if not any(w > 0 for w in weights.values()):
        raise reader.fail(path, "no weight above 0", "weigh at least one term")
    return weights
