"""The appendix of units (附表): one row per damaged unit, measures in the report's language."""

from __future__ import annotations

import pytest

from plugin.core.accounting import Overlay, Units
from plugin.core.rules.pack import load_pack
from plugin.core.unit_appendix import pack_measures, unit_appendix
from tests.helpers import ROOT


def plan():
    # Unit 1: 2 ha cultivated, limited by soil thickness and pH; unit 2: 1 ha forest, no
    # limit; unit 3 lies outside the damaged land and is not part of the appendix.
    overlay = Overlay.from_rows(
        [
            {"area_m2": 15000.0, "damaged": True, "dist_type": "excavation", "unit": 1},
            {"area_m2": 5000.0, "damaged": True, "dist_type": "excavation", "unit": 1},
            {"area_m2": 10000.0, "damaged": True, "dist_type": "occupation", "unit": 2},
            {"area_m2": 7000.0, "damaged": False, "unit": 3},
        ]
    )
    units = Units(
        grades={"cultivated": [2, 4, 1], "forest": [1, 1, 1]},
        use_proposed=["cultivated", "forest", "cultivated"],
        dlbm=["0103", "0301", "0103"],
        limits=["soil_thickness_cm,ph", "", ""],
        measures=["as the layer holds it", "", ""],
    )
    return overlay, units


def test_one_row_per_damaged_unit_with_its_damaged_area():
    overlay, units = plan()
    rows = unit_appendix(overlay, units, "zh").dicts()
    assert [r["unit_id"] for r in rows] == [1, 2]
    assert [r["area_m2"] for r in rows] == [20000.0, 10000.0]
    assert rows[0]["area_hm2"] == pytest.approx(2.0)
    assert rows[0]["area_mu"] == pytest.approx(30.0)  # 15 亩 per hm²
    assert rows[0]["grade_cultivated_name"] == "二等"
    assert rows[0]["limit_names"] == "有效土层厚度、pH"
    assert rows[0]["measures"] == "as the layer holds it"  # no pack given


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", "覆土；酸性土施石灰、碱性土施石膏或硫磺"),
        ("en", "soil cover; lime on acid soil, gypsum or sulphur on alkaline soil"),
    ],
)
def test_measures_in_the_report_language(language, expected):
    # The pack's measures for the limiting factors of the proposed use (cn-reclamation:
    # soil_thickness_cm -> 覆土 / soil cover, ph -> liming or gypsum), whatever language
    # the suitability layer was written in.
    overlay, units = plan()
    words = pack_measures(load_pack(ROOT / "resources" / "rules" / "cn-reclamation.json").uses)
    rows = unit_appendix(overlay, units, language, measure_words=words).dicts()
    assert rows[0]["measures"] == expected
    assert rows[1]["measures"] == ""  # no limiting factor, no measure
