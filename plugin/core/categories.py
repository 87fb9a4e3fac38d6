"""Class factors given as text: soil texture names (中壤土, 砂壤, clay …) to their codes.

The vocabulary is data (``resources/standards/soil_texture_classes.json``); a unit or soil
field of a class factor may hold the names or the codes. Text that names no class is
reported, never read as missing.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

_SPACES = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class ClassVocabulary:
    """Names (normalised) -> code of one class factor, and the names to show."""

    factor: str
    codes: dict[str, float]
    shown: tuple[str, ...]

    def code(self, value: object) -> float | None:
        """The code of a value: a number is a code; text is looked up (None: unknown)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            return self.codes.get(_normalised(text))
        return number if math.isfinite(number) else None


def _normalised(text: str) -> str:
    return _SPACES.sub("", text).lower()


def load_vocabulary(path: Path) -> ClassVocabulary:
    document = json.loads(path.read_text(encoding="utf-8"))
    codes: dict[str, float] = {}
    shown = []
    for entry in document["classes"]:
        shown.append(f"{entry['zh']}={entry['code']}")
        for name in entry["names"]:
            codes[_normalised(name)] = float(entry["code"])
    return ClassVocabulary(document["factor"], codes, tuple(shown))
