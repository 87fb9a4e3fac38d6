"""GB/T 21010-2017 land-use codes (土地利用现状分类) with the 三调 working classes.

Codes and Chinese names of GB/T 21010-2017 (status secondary: consistent across several
independent reproductions of the standard). The English names are our translations; the standard
has none. This is a code list, not a threshold, so it lives here rather than in a pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

V = TypeVar("V")

# code -> (Chinese name, English name)
LAND_USE_CODES: dict[str, tuple[str, str]] = {
    "0101": ("水田", "Paddy field"),
    "0102": ("水浇地", "Irrigated land"),
    "0103": ("旱地", "Dry land"),
    "0201": ("果园", "Orchard"),
    "0202": ("茶园", "Tea garden"),
    "0203": ("橡胶园", "Rubber plantation"),
    "0204": ("其他园地", "Other garden land"),
    "0301": ("乔木林地", "Arbor forest land"),
    "0302": ("竹林地", "Bamboo forest"),
    "0303": ("红树林地", "Mangrove"),
    "0304": ("森林沼泽", "Forest swamp"),
    "0305": ("灌木林地", "Shrub land"),
    "0306": ("灌丛沼泽", "Shrub swamp"),
    "0307": ("其他林地", "Other forest land"),
    "0401": ("天然牧草地", "Natural pasture"),
    "0402": ("沼泽草地", "Swamp grassland"),
    "0403": ("人工牧草地", "Sown pasture"),
    "0404": ("其他草地", "Other grassland"),
    "0601": ("工业用地", "Industrial land"),
    "0602": ("采矿用地", "Mining land"),
    "1001": ("铁路用地", "Railway"),
    "1003": ("公路用地", "Highway"),
    "1006": ("农村道路", "Rural road"),
    "1101": ("河流水面", "River"),
    "1103": ("水库水面", "Reservoir"),
    "1104": ("坑塘水面", "Pond"),
    "1104A": ("养殖坑塘", "Aquaculture pond"),
    "1106": ("内陆滩涂", "Inland flat"),
    "1107": ("沟渠", "Ditch"),
    "1107A": ("干渠", "Main canal"),
    "1108": ("沼泽地", "Marsh"),
    "1109": ("水工建筑用地", "Hydraulic structures"),
    "1201": ("空闲地", "Vacant land"),
    "1202": ("设施农用地", "Facility agricultural land"),
    "1203": ("田坎", "Field ridge"),
    "1204": ("盐碱地", "Saline-alkali land"),
    "1205": ("沙地", "Sandy land"),
    "1206": ("裸土地", "Bare soil land"),
    "1207": ("裸岩石砾地", "Bare rock and gravel land"),
}


def land_use_name(code: str, language: str = "zh") -> str:
    """Name of a code in Chinese (``zh``) or English (``en``); KeyError if unknown."""
    chinese, english = LAND_USE_CODES[code]
    return chinese if language == "zh" else english


# First two digits of a GB/T 21010 code -> the land-use category damage tables are keyed by.
_CATEGORY_BY_PREFIX: dict[str, str] = {
    "01": "cultivated",
    "02": "garden",
    "03": "forest",
    "04": "grass",
    "05": "construction",
    "06": "construction",
    "07": "construction",
    "08": "construction",
    "09": "construction",
    "10": "construction",
    "11": "water",
    "12": "other",
}


def land_use_category(code: object) -> str:
    """Category of a GB/T 21010 code (``"0103"`` -> ``"cultivated"``); "" when unknown.

    1109 (hydraulic structures) is built land although it sits in class 11.
    """
    text = str(code or "").strip()
    if text.startswith("1109"):
        return "construction"
    return _CATEGORY_BY_PREFIX.get(text[:2], "")


def by_longest_prefix(table: Mapping[str, V], code: str) -> V | None:
    """The entry of ``table`` whose key is the longest prefix of ``code`` ("0305" before
    "03"); None when no key is."""
    code = code.strip()
    for length in range(len(code), 0, -1):
        found = table.get(code[:length])
        if found is not None:
            return found
    return None
