"""Human names of the rule packs' keys, in Chinese and English: what the UI shows instead
of the keys themselves (坡度 for ``slope_deg``, 越小越好 for ``lower_better``).

The keys stay the public contract (rule-pack JSON and CSV, output fields); a name is for
reading only. :func:`in_language` picks one side of a (中文, English) pair, the one way
the plugin chooses between the two.
"""

from __future__ import annotations

from collections.abc import Mapping

Pair = tuple[str, str]  # (中文, English)


def in_language(pair: Pair | Mapping[str, str], language: str) -> str:
    """The Chinese side of ``pair`` (a (中文, English) pair or a pack's {"zh": …, "en": …})
    for a language starting with "zh", else the English."""
    zh = language.lower().startswith("zh")
    if isinstance(pair, Mapping):
        return pair["zh" if zh else "en"]
    return pair[0] if zh else pair[1]


KIND_NAMES: dict[str, Pair] = {
    "lower_better": ("越小越好", "lower is better"),
    "higher_better": ("越大越好", "higher is better"),
    "range": ("适宜区间", "best within a range"),
    "categorical": ("按类别", "by class"),
    "constraint": ("约束条件", "constraint"),
}
MISSING_POLICY_NAMES: dict[str, Pair] = {
    "ignore": ("忽略该因子", "ignore the factor"),
    "worst": ("按最差等级", "take the worst grade"),
    "not_evaluated": ("不评价该单元", "leave the unit not evaluated"),
}
METHOD_NAMES: dict[str, Pair] = {
    "limiting_factor": ("极限条件法", "limiting-factor method"),
    "index_sum": ("指数和法", "index-sum method"),
}
STATUS_NAMES: dict[str, Pair] = {
    "verified": ("已核实", "verified"),
    "secondary": ("二手来源", "secondary"),
    "unverified": ("未核实", "unverified"),
}
SELECT_POLICY_NAMES: dict[str, Pair] = {
    "best_grade_then_priority": ("先取最高等级，再按优先顺序", "best grade, then priority"),
    "priority_first": ("按优先顺序取第一个适宜用途", "first suitable use in priority order"),
}
DAMAGE_TYPE_NAMES: dict[str, Pair] = {
    "excavation": ("挖损", "Excavation"),
    "subsidence": ("塌陷", "Subsidence"),
    "occupation": ("压占", "Occupation"),
    "pollution": ("污染", "Pollution"),
}
INDICATOR_NAMES: dict[str, Pair] = {
    "subsidence_m": ("下沉深度", "subsidence"),
    "tilt_mm_m": ("附加倾斜", "tilt"),
    "curvature_1e3_m": ("曲率", "curvature"),
    "horizontal_deformation_mm_m": ("水平变形", "horizontal deformation"),
    "crack_width_cm": ("裂缝宽度", "crack width"),
    "ponding_m": ("积水深度", "ponding depth"),
    "yield_loss_pct": ("减产率", "yield loss"),
    "excavation_depth_m": ("挖损深度", "excavation depth"),
    "dump_height_m": ("堆积高度", "dump height"),
    "pollution": ("污染等级", "pollution class"),
    "pollution_exceedance": ("超标倍数", "exceedance ratio"),
}
LAND_USE_GROUP_NAMES: dict[str, Pair] = {
    "any": ("各地类", "any land use"),
    "cultivated": ("耕地", "cultivated land"),
    "garden": ("园地", "garden land"),
    "forest": ("林地", "forest land"),
    "grass": ("草地", "grassland"),
    "water": ("水域", "water"),
    "construction": ("建设用地", "construction land"),
    "other": ("其他土地", "other land"),
}
QUANTITY_RULE_NAMES: dict[str, Pair] = {
    "depth": ("面积 × 厚度", "area × depth"),
    "per_hm2": ("每公顷定额", "per hectare"),
    "area": ("按面积", "by area"),
    "perimeter": ("按周长", "by perimeter"),
    "levelling": ("方格网法土方", "cut and fill (grid method)"),
}
# Units of factors, indicators and quantities as a reader writes them (the key when absent).
UNIT_NAMES: dict[str, Pair] = {
    "degree": ("°", "°"),
    "class": ("等级", "class"),
    "% vol": ("%（体积）", "% vol"),
    "g/cm3": ("g/cm³", "g/cm³"),
    "10^-3/m": ("10⁻³/m", "10⁻³/m"),
    "ratio": ("倍", "ratio"),
    "m3": ("m³", "m³"),
    "hm2": ("hm²", "hm²"),
    "plant": ("株", "plants"),
    "point": ("个", "points"),
    "set": ("套", "sets"),
}
RELEASE_EVENT_NAMES: dict[str, Pair] = {
    "start": ("方案开始即可", "from the plan's start"),
    "closure": ("闭矿后", "after closure"),
    "stable": ("稳沉后", "once settled"),
}


def with_unit(pair: Pair, unit: str) -> Pair:
    """下沉深度（m） / subsidence (m): a name with its unit as a reader writes it (none for
    classes and ratios)."""
    if not unit or unit in ("class", "ratio"):
        return pair
    symbol = UNIT_NAMES.get(unit, (unit, unit))
    return f"{pair[0]}（{symbol[0]}）", f"{pair[1]} ({symbol[1]})"


def name_of(names: Mapping[str, Pair], key: str, language: str) -> str:
    """The name of ``key`` in ``language``; the key itself when it has none (a pack's own
    addition)."""
    pair = names.get(key)
    return in_language(pair, language) if pair else key


def key_of(names: Mapping[str, Pair], text: str) -> str:
    """The key a typed text stands for: a key, or one of its names in either language
    (case and surrounding spaces ignored); the text itself when none matches."""
    wanted = text.strip().casefold()
    for key, pair in names.items():
        if wanted == key.casefold() or wanted in (name.casefold() for name in pair):
            return key
    return text.strip()
