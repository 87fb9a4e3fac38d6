"""Mapped mine facilities → damage types (挖损, 压占, 塌陷, 污染).

A facility layer names its features' kind in a type field: 露天采场, 排土场, 尾矿库, "waste
dump", … The default table below maps common Chinese and English names; a user's
FACILITY_TYPE_MAP (``value=type;…``) adds to it and wins. Matching ignores case, spaces,
underscores and hyphens. A value neither table knows is reported, never guessed.

This is a vocabulary (what a word means), not a threshold, so it lives in code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .rules.vocabulary import DAMAGE_TYPES

# Damage type -> names of facilities that cause it (GB/T 21010 and TD/T 1031 usage:
# open pits and borrow pits are 挖损; dumps, gangue heaps, tailings ponds, industrial sites
# and roads are 压占; subsidence areas 塌陷).
DEFAULT_FACILITY_WORDS: dict[str, tuple[str, ...]] = {
    "excavation": (
        "露天采场",
        "采场",
        "采坑",
        "露天矿坑",
        "矿坑",
        "露天采坑",
        "取土场",
        "取土坑",
        "采石场",
        "挖损",
        "pit",
        "open pit",
        "open-pit mine",
        "quarry",
        "borrow pit",
        "excavation",
        "mine pit",
    ),
    "occupation": (
        "排土场",
        "外排土场",
        "内排土场",
        "排矸场",
        "矸石山",
        "矸石场",
        "废石场",
        "尾矿库",
        "尾矿坝",
        "尾矿",
        "工业场地",
        "工业广场",
        "堆场",
        "储煤场",
        "道路",
        "运输道路",
        "办公生活区",
        "压占",
        "dump",
        "waste dump",
        "spoil",
        "spoil heap",
        "gangue",
        "gangue heap",
        "tailings",
        "tailings pond",
        "tailings dam",
        "industrial site",
        "stockpile",
        "road",
        "haul road",
        "occupation",
    ),
    "subsidence": ("塌陷", "沉陷", "塌陷区", "沉陷区", "采煤塌陷地", "subsidence", "subsided area"),
    "pollution": ("污染", "污染地", "污染场地", "pollution", "polluted", "contaminated"),
}
_SEPARATORS = re.compile(r"[\s_\-]+")


class FacilityMapError(ValueError):
    """A FACILITY_TYPE_MAP entry names an unknown damage type."""


def normalised(value: object) -> str:
    """Lower case without separators; a missing value (None, a Qt NULL) reads "null"."""
    missing = value is None or (hasattr(value, "isNull") and value.isNull())
    return _SEPARATORS.sub("", "NULL" if missing else str(value)).lower()


def facility_table(overrides: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """Normalised facility name -> damage type: the defaults, then the user's entries."""
    table = {normalised(w): kind for kind, words in DEFAULT_FACILITY_WORDS.items() for w in words}
    for value, kind in overrides:
        if kind not in (*DAMAGE_TYPES, "none"):
            raise FacilityMapError(
                f"FACILITY_TYPE_MAP: “{kind}” (for “{value}”) is not a damage type; use one "
                f"of: {', '.join((*DAMAGE_TYPES, 'none'))}"
            )
        table[normalised(value)] = kind
    return table


def map_facilities(
    values: Iterable[object], table: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """Damage type per feature ("" where unmapped) and the sorted distinct unmapped values."""
    kinds: list[str] = []
    unmapped: set[str] = set()
    cache: dict[object, str] = {}
    for value in values:  # one dictionary lookup per distinct value
        if value not in cache:
            cache[value] = table.get(normalised(value), "")
            if not cache[value]:
                unmapped.add(str(value))
        kinds.append(cache[value])
    return kinds, sorted(unmapped)
