"""Physically possible factor values: what no survey can measure is refused, never graded.

The ranges are data (``resources/standards/factor_ranges.json``): the values a factor can
take by its definition (a slope angle lies between 0° and 90°, a pH between 0 and 14),
not grading thresholds. A value outside is a data error: a wrong unit, a flipped sign, a
"no data" code such as -9999.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class FactorRange:
    """Inclusive bounds of a factor (None: unbounded) and why."""

    factor: str
    minimum: float | None
    maximum: float | None
    source: str

    def describe(self) -> str:
        low = "−∞" if self.minimum is None else f"{self.minimum:g}"
        high = "+∞" if self.maximum is None else f"{self.maximum:g}"
        return f"{low} … {high}"


@dataclass(frozen=True)
class Implausible:
    """The first impossible value of a factor: its position, the value and the range."""

    factor: str
    index: int
    value: float
    count: int
    allowed: FactorRange


def load_ranges(path: Path) -> dict[str, FactorRange]:
    """Factor -> range, from the JSON file."""
    document = json.loads(path.read_text(encoding="utf-8"))
    return {
        factor: FactorRange(factor, entry.get("min"), entry.get("max"), entry.get("source", ""))
        for factor, entry in document["factors"].items()
    }


def find_implausible(
    factors: dict[str, np.ndarray], ranges: dict[str, FactorRange]
) -> list[Implausible]:
    """Every factor holding a non-finite value or one outside its range (NaN is missing,
    not impossible): the first such value of each and how many there are."""
    found = []
    for factor, values in factors.items():
        allowed = ranges.get(factor)
        if allowed is None or values.dtype.kind not in "fiu":
            continue
        data = values.astype(float)
        bad = np.isinf(data)
        if allowed.minimum is not None:
            bad |= data < allowed.minimum
        if allowed.maximum is not None:
            bad |= data > allowed.maximum
        if bad.any():
            index = int(np.flatnonzero(bad)[0])
            found.append(Implausible(factor, index, float(data[index]), int(bad.sum()), allowed))
    return found
