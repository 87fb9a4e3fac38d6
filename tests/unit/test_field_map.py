"""Fields to factors: canonical names, FIELD_MAP and the dialog's suggestions."""

from __future__ import annotations

import pytest

from plugin.core.field_map import FieldMapError, resolve_fields, suggest_factor, suggest_mapping


@pytest.mark.parametrize(
    ("field", "factor"),
    [
        ("坡度", "slope_deg"),
        ("平均坡度(°)", "slope_deg"),
        ("有效土层厚度", "soil_thickness_cm"),
        ("土层厚度_cm", "soil_thickness_cm"),
        ("有机质含量", "organic_matter_gkg"),
        ("pH", "ph"),
        ("土壤质地", "texture"),
        ("下沉深度", "subsidence_m"),
        ("地下水埋深", "gw_depth_m"),
        ("Soil_Depth", "soil_thickness_cm"),
        ("slope_deg", "slope_deg"),
        ("EC", "ec_dsm"),
        ("名称", None),
        ("phone", None),  # short Latin synonyms match whole names only
        ("section", None),
    ],
)
def test_suggestions(field, factor):
    assert suggest_factor(field) == factor


def test_suggest_mapping_prefers_the_canonical_field():
    assert suggest_mapping(["坡度", "slope_deg", "名称", "有效土层厚度"]) == {
        "slope_deg": "slope_deg",
        "有效土层厚度": "soil_thickness_cm",
    }


def test_field_map_wins_over_same_named_fields():
    fields = ["slope_deg", "坡度2", "ph"]
    assert resolve_fields(fields, [("坡度2", "slope_deg")]) == {"slope_deg": "坡度2", "ph": "ph"}


def test_field_map_errors_name_the_field_or_factor():
    with pytest.raises(FieldMapError, match=r"no field “坡度”.*slope_deg"):
        resolve_fields(["slope_deg"], [("坡度", "slope_deg")])
    with pytest.raises(FieldMapError, match="“slope” is not a factor"):
        resolve_fields(["坡度"], [("坡度", "slope")])


def test_canonical_names_in_another_letter_case():
    assert resolve_fields(["pH", "Slope_Deg"], []) == {"ph": "pH", "slope_deg": "Slope_Deg"}
    assert resolve_fields(["ph", "PH"], []) == {"ph": "ph"}  # the exact name wins
