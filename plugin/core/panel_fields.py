"""Which field of a working-panel layer holds which prediction parameter, by its name.

Mines keep the parameters of each working face (工作面) from their observation stations:
采厚, 埋深, 倾角, 下沉系数, 主要影响角正切 … The dialogs pre-select these fields, so that
every door of the plan uses the panels' own values, not one value for all panels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Setting key of reclamation:predictsubsidence -> words naming it in field names (lower
# case, spaces/underscores/hyphens removed). Longer, more specific words first.
PANEL_SYNONYMS: dict[str, tuple[str, ...]] = {
    "THICKNESS": ("开采厚度", "采厚", "煤厚", "采高", "miningthickness", "thickness"),
    "DEPTH": ("平均采深", "开采深度", "采深", "埋深", "miningdepth", "depth"),
    "DIP_DIRECTION": ("倾向方位角", "倾向", "dipdirection", "dipazimuth"),
    "DIP": ("煤层倾角", "倾角", "dipangle", "dip"),
    "SUBSIDENCE_FACTOR": ("下沉系数", "subsidencefactor", "subsidencecoefficient"),
    "TAN_BETA": ("主要影响角正切", "主要影响角", "tanbeta", "tanb", "tanβ"),
    "HORIZONTAL_COEFFICIENT": ("水平移动系数", "horizontalcoefficient", "horizontalmovement"),
    "OFFSET": ("拐点偏移距", "拐点偏距", "inflectionoffset", "offset"),
    "PROPAGATION_ANGLE": ("开采影响传播角", "影响传播角", "传播角", "propagationangle"),
}
_SEPARATORS = re.compile(r"[\s_\-()（）/]+")


def _normalised(name: str) -> str:
    return _SEPARATORS.sub("", name).lower()


def suggest_panel_fields(field_names: Iterable[str]) -> dict[str, str]:
    """Setting key -> the field that most likely holds it (each field used once).

    A field named exactly like the key (``THICKNESS``, ``thickness``) wins; else the
    longest synonym contained in the field name (so 倾向 is not taken for 倾角)."""
    names = list(field_names)
    chosen: dict[str, str] = {}
    used: set[str] = set()
    for key, words in PANEL_SYNONYMS.items():
        best: tuple[int, str] | None = None
        for name in names:
            if name in used:
                continue
            normalised = _normalised(name)
            if normalised == key.lower().replace("_", ""):
                best = (1000, name)
                break
            for word in words:
                if word in normalised and (best is None or len(word) > best[0]):
                    best = (len(word), name)
        if best is not None:
            chosen[key] = best[1]
            used.add(best[1])
    return chosen


# Words naming the year a panel is mined (the work plan's MINING_YEAR_FIELD).
MINING_YEAR_WORDS: tuple[str, ...] = (
    "开采年份",
    "回采年份",
    "开采年度",
    "回采时间",
    "开采时间",
    "开采年",
    "miningyear",
    "yearmined",
    "year",
)


def suggest_mining_year_field(field_names: Iterable[str]) -> str | None:
    """The field that most likely holds the year a panel is mined (None: none)."""
    names = list(field_names)
    for word in MINING_YEAR_WORDS:
        for name in names:
            if word in _normalised(name):
                return name
    return None
