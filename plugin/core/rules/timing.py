"""The ``schedule`` block of a rule pack: when damaged land may be reclaimed, and how long a
stage of the work plan (复垦工作计划) is, as data.

    "schedule": {
      "stage_years": {"value": 5, "source": "…", "status": "secondary"},
      "release": {
        "subsidence": {"after": "stable", "source": "…", "status": "unverified"},
        "excavation": {"after": "closure", …},
        …
      }
    }

``after`` names the event from which a unit of that damage type can be reclaimed:
``start`` (the first year of the plan), ``closure`` (the first year after the production
period) or ``stable`` (the last year of the settling period, 稳沉期). Years a unit's own
data give (a year field, the mining year of the panels above it) come first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .reader import PROVENANCE_KEYS, Reader, Sourced
from .vocabulary import DAMAGE_TYPES

RELEASE_EVENTS: tuple[str, ...] = ("start", "closure", "stable")


@dataclass(frozen=True)
class Release:
    after: str
    provenance: Sourced


@dataclass(frozen=True)
class Timing:
    stage_years: int
    stage_provenance: Sourced
    release: Mapping[str, Release]  # damage type -> event


def parse_timing(reader: Reader, block: Any, sources: Mapping[str, Any]) -> Timing:
    block = reader.mapping(block, "schedule", ("stage_years", "release"), ("note",))
    stage_block = reader.mapping(
        block["stage_years"], "schedule.stage_years", ("value", *PROVENANCE_KEYS), ("note",)
    )
    years = reader.number(stage_block["value"], "schedule.stage_years.value")
    if years != int(years) or not 1 <= years <= 20:
        raise reader.fail(
            "schedule.stage_years.value", f"{years} years", "give whole years, 1–20 (often 5)"
        )
    releases = reader.mapping(block["release"], "schedule.release", (), DAMAGE_TYPES)
    release = {}
    for damage, entry in releases.items():
        path = f"schedule.release.{damage}"
        entry = reader.mapping(entry, path, ("after", *PROVENANCE_KEYS), ("note",))
        release[damage] = Release(
            reader.string(entry["after"], f"{path}.after", RELEASE_EVENTS),
            reader.provenance(entry, path, sources),
        )
    return Timing(
        int(years), reader.provenance(stage_block, "schedule.stage_years", sources), release
    )
