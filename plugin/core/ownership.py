"""Land ownership (土地权属): the land of the plan by owner (权属单位), from the land-use
layer's ownership field (三调's QSDWMC, 权属单位名称 …).

Per owner, largest first: the land in the plan's scope, the damaged land, and the damaged
cultivated land (耕地: first-level class 01 before damage), with a row for land of no known
owner and a total. Pure Python and numpy.
"""

from __future__ import annotations

import numpy as np

from .accounting import (
    AREA_COLUMNS,
    CULTIVATED_CLASS,
    ITEM,
    TOTAL,
    TOTAL_NAME,
    UNKNOWN,
    Overlay,
    Table,
    _columns,
    first_level,
    hm2,
    mu,
)
from .labels import in_language

OWNERSHIP_COLUMNS = _columns(
    "row_kind:str owner:str "
    + AREA_COLUMNS
    + " damaged_m2:float damaged_hm2:float damaged_mu:float "
    "cultivated_damaged_m2:float cultivated_damaged_hm2:float cultivated_damaged_mu:float"
)
UNKNOWN_OWNER = ("权属不明", "Owner unknown")
# Field names of the owner in land-use layers (三调: QSDWMC), tried in this order.
OWNER_FIELDS = ("QSDWMC", "qsdwmc", "权属单位名称", "权属单位", "QSDW", "owner")


def owner_field(names: list[str]) -> str:
    """The ownership field of a land-use layer, or ""."""
    return next((name for name in OWNER_FIELDS if name in names), "")


def ownership_table(overlay: Overlay, language: str) -> Table | None:
    """The table, or None when no piece has an owner."""
    owners = overlay.owner
    if owners is None or not any(owners.tolist()):
        return None
    table = Table("ownership", OWNERSHIP_COLUMNS)
    scope = overlay.in_study
    before = np.array(
        [
            first_level(now or before_damage)
            for now, before_damage in zip(overlay.landuse, overlay.dlbm_before, strict=True)
        ],
        dtype=object,
    )
    damaged = scope & overlay.damaged
    cultivated = damaged & (before == CULTIVATED_CLASS)
    # Largest owner first (then by name): the order a reader looks for.
    sizes: dict[str, float] = {}
    for name, area in zip(owners[scope].tolist(), overlay.area_m2[scope].tolist(), strict=True):
        if name:
            sizes[name] = sizes.get(name, 0.0) + area
    names = sorted(sizes, key=lambda name: (-sizes[name], name))

    def add(kind: str, name: str, mask: np.ndarray) -> None:
        area = float(overlay.area_m2[scope & mask].sum())
        hit = float(overlay.area_m2[damaged & mask].sum())
        lost = float(overlay.area_m2[cultivated & mask].sum())
        table.add(
            row_kind=kind,
            owner=name,
            area_m2=area,
            area_hm2=hm2(area),
            area_mu=mu(area),
            damaged_m2=hit,
            damaged_hm2=hm2(hit),
            damaged_mu=mu(hit),
            cultivated_damaged_m2=lost,
            cultivated_damaged_hm2=hm2(lost),
            cultivated_damaged_mu=mu(lost),
        )

    for name in names:
        add(ITEM, name, owners == name)
    add(UNKNOWN, in_language(UNKNOWN_OWNER, language), owners == "")
    add(TOTAL, in_language(TOTAL_NAME, language), np.ones(overlay.count, dtype=bool))
    return table
