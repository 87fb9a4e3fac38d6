"""Facility names to damage types: defaults in Chinese and English, overrides, unmapped."""

from __future__ import annotations

import pytest

from plugin.core.facilities import FacilityMapError, facility_table, map_facilities


def test_default_names_in_both_languages():
    kinds, unmapped = map_facilities(
        ["露天采场", "排土场", "Waste dump", "tailings_pond", "尾矿库", "塌陷区", "Open-Pit"],
        facility_table(),
    )
    assert kinds == [
        "excavation",
        "occupation",
        "occupation",
        "occupation",
        "occupation",
        "subsidence",
        "excavation",
    ]
    assert unmapped == []


def test_overrides_win_and_unknown_values_are_listed_once():
    table = facility_table([("选煤厂", "occupation"), ("road", "none")])
    kinds, unmapped = map_facilities(["选煤厂", "Road", "炸药库", "炸药库", None], table)
    assert kinds == ["occupation", "none", "", "", ""]
    assert unmapped == ["None", "炸药库"]
    # A missing type is "NULL", whether it arrives as None or as the text QGIS shows.
    kinds, _ = map_facilities([None, "NULL"], facility_table([("NULL", "none")]))
    assert kinds == ["none", "none"]


def test_an_unknown_damage_type_is_refused():
    with pytest.raises(FacilityMapError, match=r"“dump” .* is not a damage type"):
        facility_table([("排土场", "dump")])
