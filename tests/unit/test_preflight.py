"""Pre-flight: the factors a rule pack needs, before the run."""

from plugin.core.preflight import check, needed_factors
from plugin.core.rules.pack import resolve_pack
from tests.helpers import ROOT

PACK = resolve_pack("cn-reclamation", ROOT / "resources" / "rules")
SOIL = {
    "有效土层厚度": "number",
    "pH值": "number",
    "质地": "text",
    "质地代码": "number",
    "土种": "text",
}


def test_the_built_in_pack_needs_slope_soil_thickness_and_ph():
    assert needed_factors(PACK) == {"slope_deg", "soil_thickness_cm", "ph"}


def test_nothing_missing_with_a_dem_and_the_soil_mapped():
    mapping = {"有效土层厚度": "soil_thickness_cm", "pH值": "ph", "质地": "texture"}
    result = check(PACK, {"slope_deg"}, mapping, SOIL)
    assert result.ok  # texture may be text: its names are classes


def test_missing_factors_with_the_fields_that_could_serve():
    result = check(PACK, set(), {"有效土层厚度": "soil_thickness_cm"}, SOIL)
    assert result.missing == ("ph", "slope_deg")
    assert result.candidates == {"ph": ("pH值",), "slope_deg": ()}


def test_text_for_a_number_factor():
    result = check(PACK, {"slope_deg"}, {"土种": "soil_thickness_cm", "pH值": "ph"}, SOIL)
    assert result.wrong_type == (("土种", "soil_thickness_cm"),)
