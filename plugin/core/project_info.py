"""Project overview (项目概况): the facts of the mine a plan states first.

Given as ``key=value;…`` (``PROJECT_INFO``), with the plan's usual keys in Chinese or
English (矿山名称 / mine_name …) or any key of the user's own, kept in the order given. The
report prints the known keys in its own language and the others as written.
"""

from __future__ import annotations

from .accounting import Table, _columns
from .labels import in_language
from .pairs import parse_pairs

# Canonical key -> (Chinese, English) label; the labels are also accepted as keys.
PROJECT_KEYS: dict[str, tuple[str, str]] = {
    "mine_name": ("矿山名称", "Mine"),
    "licence_holder": ("采矿权人", "Mining-right holder"),
    "mining_method": ("开采方式", "Mining method"),
    "production_scale": ("生产规模", "Production scale"),
    "mine_life": ("服务年限", "Mine life"),
    "plan_period": ("方案服务年限", "Plan service period"),
    "prepared_by": ("编制单位", "Prepared by"),
    "location": ("地理位置", "Location"),
    "licence_area": ("矿区面积", "Licence area"),
}
_ALIASES = {label.lower(): key for key, labels in PROJECT_KEYS.items() for label in (key, *labels)}
PROJECT_COLUMNS = _columns("key:str item_name:str value:str")


def parse_project_info(text: str | None) -> list[tuple[str, str]]:
    """(canonical or own key, value) pairs in the order given; PairsError if malformed."""
    return [(_ALIASES.get(key.lower(), key), value) for key, value in parse_pairs(text)]


def project_table(items: list[tuple[str, str]], language: str) -> Table:
    table = Table("project_info", PROJECT_COLUMNS)
    for key, value in items:
        name = in_language(PROJECT_KEYS[key], language) if key in PROJECT_KEYS else key
        table.add(key=key, item_name=name, value=value)
    return table
