"""Land ownership (土地权属) by owner, against hand sums."""

from __future__ import annotations

import pytest

from plugin.core.accounting import Overlay
from plugin.core.ownership import owner_field, ownership_table

HA = 10_000.0


def overlay(with_owner=True):
    rows = [
        # 甲村: 10 ha of dry land damaged, 5 ha undamaged forest.
        {"area_m2": 10 * HA, "damaged": True, "landuse": "0103", "owner": "甲村"},
        {"area_m2": 5 * HA, "damaged": False, "landuse": "0301", "owner": "甲村"},
        # 乙村: 4 ha of orchard damaged (not cultivated land), 6 ha irrigated land damaged.
        {"area_m2": 4 * HA, "damaged": True, "landuse": "0201", "owner": "乙村"},
        {"area_m2": 6 * HA, "damaged": True, "landuse": "0102", "owner": "乙村"},
        # No owner: 3 ha damaged, outside the land-use layer (its code before damage: 0103).
        {"area_m2": 3 * HA, "damaged": True, "dlbm_before": "0103", "owner": ""},
    ]
    if not with_owner:
        for row in rows:
            row["owner"] = ""
    return Overlay.from_rows(rows)


def test_area_damaged_and_damaged_cultivated_land_by_owner():
    table = ownership_table(overlay(), "zh")
    rows = {r["owner"]: r for r in table.dicts()}
    assert list(rows) == ["甲村", "乙村", "权属不明", "合计"]
    assert rows["甲村"]["area_hm2"] == pytest.approx(15.0)
    assert rows["甲村"]["damaged_hm2"] == pytest.approx(10.0)
    assert rows["甲村"]["cultivated_damaged_hm2"] == pytest.approx(10.0)
    assert rows["乙村"]["damaged_hm2"] == pytest.approx(10.0)
    assert rows["乙村"]["cultivated_damaged_hm2"] == pytest.approx(6.0)  # not the orchard
    assert rows["权属不明"]["cultivated_damaged_mu"] == pytest.approx(45.0)
    assert rows["合计"]["area_hm2"] == pytest.approx(28.0)
    assert rows["合计"]["damaged_hm2"] == pytest.approx(23.0)


def test_no_table_without_owners():
    assert ownership_table(overlay(with_owner=False), "en") is None


def test_the_owner_field_is_found_by_name():
    assert owner_field(["BSM", "DLBM", "QSDWMC"]) == "QSDWMC"
    assert owner_field(["权属单位名称"]) == "权属单位名称"
    assert owner_field(["DLBM"]) == ""
