"""Which unit field feeds which factor: canonical names, FIELD_MAP, and suggestions.

A field named like a canonical factor is that factor. FIELD_MAP
(``"坡度=slope_deg;土层=soil_thickness_cm"``) maps other names, e.g. a bureau's Chinese
field names, and wins over a same-named field. ``suggest_factor`` proposes a factor for a
field name from Chinese and English synonyms (for the dialog's mapping table).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .rules.vocabulary import DAMAGE_INDICATORS, FACTORS

KNOWN_FACTORS: dict[str, str] = {**FACTORS, **DAMAGE_INDICATORS}

# Factor -> words that name it in field names (lower case; matched as substrings after
# removing spaces, underscores and hyphens). Longer, more specific words come first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "slope_deg": ("坡度", "slope", "podu", "pd"),
    "soil_thickness_cm": ("有效土层厚度", "土层厚度", "土层", "soildepth", "soilthick", "tchd"),
    "organic_matter_gkg": ("有机质", "organicmatter", "som", "yjz"),
    "ph": ("土壤ph值", "土壤ph", "ph值", "酸碱度", "phvalue", "phh2o", "ph"),
    "gravel_pct": ("砾石含量", "砾石", "gravel", "coarsefrag", "cfragm"),
    "bulk_density": ("容重", "bulkdensity", "bd"),
    "texture": ("质地", "texture", "soilte"),
    "ec_dsm": ("电导率", "含盐量", "盐分", "salinity", "ec"),
    "irrigation": ("灌溉保证率", "灌溉", "irrigation", "irrig"),
    "drainage": ("排水条件", "排水", "drainage"),
    "subsidence_m": ("下沉深度", "下沉", "沉陷深度", "沉陷", "subsidence"),
    "gw_depth_m": ("潜水位埋深", "地下水埋深", "地下水位", "groundwater", "gwdepth"),
    "ponding_m": ("积水深度", "积水", "ponding", "waterdepth"),
    "elev_change_m": ("高程变化", "高差", "elevchange", "dz"),
    "pollution": ("污染等级", "污染", "pollution"),
    "dist_water_m": ("距水源距离", "水源距离", "distwater", "distancetowater"),
}
_SEPARATORS = re.compile(r"[\s_\-()（）/]+")


class FieldMapError(ValueError):
    """A FIELD_MAP names a field the layer lacks or a factor that does not exist."""


def _normalised(name: str) -> str:
    return _SEPARATORS.sub("", name).lower()


def suggest_factor(field_name: str) -> str | None:
    """The factor a field name most likely holds, or None.

    A canonical name matches itself; otherwise the longest synonym contained in the
    normalised field name wins (so 有效土层厚度 beats 土层, 下沉深度 beats 下沉). Short
    Latin synonyms (2–3 letters: ph, ec, bd, pd) must match the whole name.
    """
    if field_name in KNOWN_FACTORS:
        return field_name
    name = _normalised(field_name)
    best: tuple[int, str] | None = None
    for factor, words in SYNONYMS.items():
        for word in words:
            short_latin = word.isascii() and len(word) <= 3
            hit = name == word if short_latin else word in name
            if hit and (best is None or len(word) > best[0]):
                best = (len(word), factor)
    return best[1] if best else None


def suggest_mapping(field_names: Iterable[str]) -> dict[str, str]:
    """Field -> factor suggestions, each factor used once (the best-matching field)."""
    taken: dict[str, str] = {}
    for field_name in field_names:
        factor = suggest_factor(field_name)
        if factor is None:
            continue
        if factor not in taken or field_name == factor:
            taken[factor] = field_name
    return {field_name: factor for factor, field_name in taken.items()}


def resolve_fields(
    field_names: Sequence[str], field_map: Sequence[tuple[str, str]]
) -> dict[str, str]:
    """Factor -> field: canonical field names (any letter case), then FIELD_MAP entries
    (which win)."""
    present = set(field_names)
    resolved = {name: name for name in field_names if name in KNOWN_FACTORS}
    # "pH" or "SLOPE_DEG" are the factor too, unless a field has the exact name.
    for name in field_names:
        factor = name.lower()
        if factor in KNOWN_FACTORS and factor not in resolved:
            resolved[factor] = name
    for field_name, factor in field_map:
        if field_name not in present:
            raise FieldMapError(
                f"FIELD_MAP: the layer has no field “{field_name}”; its fields are: "
                f"{', '.join(field_names)}"
            )
        if factor not in KNOWN_FACTORS:
            raise FieldMapError(
                f"FIELD_MAP: “{factor}” is not a factor; use one of: {', '.join(KNOWN_FACTORS)}"
            )
        resolved[factor] = field_name
    return resolved
