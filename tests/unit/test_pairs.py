"""The ``key=value;…`` strings of FIELD_MAP, SOIL_FIELDS and RASTER_FACTORS."""

from __future__ import annotations

import pytest

from plugin.core.pairs import PairsError, parse_pairs


def test_chinese_names_full_width_separators_and_blanks():
    text = "坡度=slope_deg；有效土层厚度＝soil_thickness_cm; ;\nph = ph"
    assert parse_pairs(text) == [
        ("坡度", "slope_deg"),
        ("有效土层厚度", "soil_thickness_cm"),
        ("ph", "ph"),
    ]


def test_empty_and_bare_items():
    assert parse_pairs("") == []
    assert parse_pairs(None) == []
    assert parse_pairs("subsidence_m=max;;gw_depth_m", allow_bare=True) == [
        ("subsidence_m", "max"),
        ("gw_depth_m", ""),
    ]


@pytest.mark.parametrize("text", ["slope_deg", "=slope_deg", "a=", "a=b;c"])
def test_malformed_items_are_named(text):
    with pytest.raises(PairsError, match="is not of the form name=value"):
        parse_pairs(text)
