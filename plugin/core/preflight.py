"""Before a long run: will every factor the rule pack needs be there, of the right type?

The wizard and the dialogs ask this before Run, so that a missing factor (pH not mapped,
texture text read as a number) is found in a second, not after the classification.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .field_map import suggest_factor
from .rules.pack import RulePack
from .rules.vocabulary import FACTORS

# Factors the disturbance classification writes on every disturbed polygon.
FROM_DISTURBANCE = ("ponding_m", "pollution")
CLASS_FACTORS = tuple(name for name, unit in FACTORS.items() if unit == "class")


@dataclass(frozen=True)
class Preflight:
    """What would stop the evaluation: factors nobody gives, fields of the wrong type."""

    missing: tuple[str, ...]  # factors the pack needs that no source gives
    candidates: Mapping[str, tuple[str, ...]]  # missing factor -> fields that could serve
    wrong_type: tuple[tuple[str, str], ...]  # (field, factor): text for a number factor

    @property
    def ok(self) -> bool:
        return not self.missing and not self.wrong_type


def needed_factors(pack: RulePack) -> set[str]:
    """Factors whose absence stops the evaluation (missing policy ``not_evaluated``)."""
    return {
        rule.factor
        for use in pack.uses.values()
        for rule in use.rules
        if rule.missing == "not_evaluated"
    }


def check(
    pack: RulePack,
    given: Iterable[str],
    mapping: Mapping[str, str],
    field_kinds: Mapping[str, str],
) -> Preflight:
    """``given``: factors the sources give (slope from a DEM, …); ``mapping``: soil field ->
    factor; ``field_kinds``: soil field -> "number" or "text"."""
    available = set(given) | set(mapping.values())
    missing = tuple(sorted(needed_factors(pack) - available))
    candidates = {
        factor: tuple(name for name in field_kinds if suggest_factor(name) == factor)
        for factor in missing
    }
    wrong = tuple(
        (name, factor)
        for name, factor in mapping.items()
        if factor not in CLASS_FACTORS and field_kinds.get(name) == "text"
    )
    return Preflight(missing, candidates, wrong)
