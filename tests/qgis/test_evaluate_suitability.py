"""reclamation:evaluatesuitability through Processing, against hand-computed units."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pyproj import Geod
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from plugin.compat import is_null
from tests.qgis.conftest import WarningsFeedback
from tests.rasters import write_tif

ALG = "reclamation:evaluatesuitability"
X0, Y0 = 500000.0, 4000000.0


def run(parameters):
    import processing

    return processing.run(
        ALG, {"OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT", **parameters}
    )


def square(i: int, size: float = 100.0) -> str:
    x = X0 + i * 200
    return f"POLYGON(({x} {Y0},{x + size} {Y0},{x + size} {Y0 + size},{x} {Y0 + size},{x} {Y0}))"


def units_layer(
    rows, fields="&field=坡度:double&field=土层:double&field=ph:double", crs="EPSG:4547"
):
    layer = QgsVectorLayer(f"Polygon?crs={crs}{fields}", "评价单元", "memory")
    features = []
    for wkt, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def rows_of(layer):
    return [f.attributeMap() for f in layer.getFeatures()]


CHINESE_MAP = "坡度=slope_deg;土层=soil_thickness_cm"


def test_hand_computed_grades_uses_and_codes(processing_provider):
    # slope 18.2°, soil 80 cm -> cultivated grade 3 (slope 15 < x <= 25); slope 30°,
    # soil 40 cm -> cultivated and garden N, forest 1 -> forest 0301; slope 3°, soil 80 cm,
    # pH 7 -> cultivated grade 1 -> 0103.
    layer = units_layer(
        [(square(0), (18.2, 80, 7)), (square(1), (30, 40, 7)), (square(2), (3, 80, 7))]
    )
    result = run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})
    out = rows_of(result["OUTPUT"])
    assert [r["grade_cultivated"] for r in out] == [3, 4, 1]
    assert [r["use_proposed"] for r in out] == ["cultivated", "forest", "cultivated"]
    assert [r["dlbm"] for r in out] == ["0103", "0301", "0103"]
    assert out[0]["limit_cultivated"] == "slope_deg"
    assert out[0]["value_cultivated"] == pytest.approx(18.2)
    assert out[0]["bound_cultivated"] == 15
    assert "18.2° > 15°" in out[0]["explain"]
    assert out[0]["坡度"] == pytest.approx(18.2)  # input fields are kept
    assert out[0]["area_hm2"] == pytest.approx(1.0, rel=1e-3)
    assert out[0]["area_mu"] == pytest.approx(15.0, rel=1e-3)
    assert out[0]["rule_pack"].startswith("cn-reclamation ")


def test_a_field_differing_only_in_case_is_kept_under_a_new_name(processing_provider, tmp_path):
    # Units from a land-use layer carry the current code as DLBM; the output adds the
    # proposed code as dlbm. A GeoPackage cannot hold both: the units' field becomes DLBM_2
    # with its values, dlbm is the proposal.
    layer = units_layer(
        [(square(0), (3.0, 80, 7, "0103")), (square(1), (30, 40, 7, "0301"))],
        fields="&field=坡度:double&field=土层:double&field=ph:double&field=DLBM:string",
    )
    result = run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP, "OUTPUT": str(tmp_path / "适宜.gpkg")})
    out = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    rows = rows_of(out)
    assert [r["DLBM_2"] for r in rows] == ["0103", "0301"]
    assert [r["dlbm"] for r in rows] == ["0103", "0301"]
    assert [r["use_proposed"] for r in rows] == ["cultivated", "forest"]
    assert "DLBM" not in out.fields().names()


def test_25_degree_cap_and_a_stricter_provincial_cap(processing_provider):
    layer = units_layer([(square(0), (26, 100, 7)), (square(1), (21, 100, 7))])
    default = rows_of(run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})["OUTPUT"])
    assert default[0]["grade_cultivated"] == 4  # 26° > 25°: never cultivated
    assert default[1]["use_proposed"] == "cultivated"
    strict = rows_of(
        run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP, "MAX_CULTIVATION_SLOPE": 20})["OUTPUT"]
    )
    assert strict[1]["grade_cultivated"] == 4
    assert strict[1]["use_proposed"] != "cultivated"


def test_ponded_unit_becomes_a_pond(processing_provider):
    fields = "&field=slope_deg:double&field=soil_thickness_cm:double&field=ph:double"
    fields += "&field=subsidence_m:double&field=gw_depth_m:double"
    layer = units_layer([(square(0), (1, 80, 7, 2.0, 1.5))], fields=fields)
    out = rows_of(run({"UNITS": layer})["OUTPUT"])[0]
    assert (out["use_proposed"], out["dlbm"], out["dlmc"]) == ("water", "1104", "坑塘水面")
    assert out["water_depth_m"] == pytest.approx(0.5)


def test_summary_closes_on_the_total_and_has_a_not_evaluated_row(processing_provider):
    layer = units_layer(
        [(square(0), (5, 80, 7)), (square(1), (None, 80, 7)), (square(2, 50), (40, 80, 7))]
    )
    result = run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})
    summary = rows_of(result["SUMMARY"])
    total = sum(r["area_m2"] for r in summary if r["table"] == "proposed")
    units_total = sum(r["area_m2"] for r in rows_of(result["OUTPUT"]))
    assert total == pytest.approx(units_total, rel=1e-12)
    not_evaluated = [r for r in summary if r["table"] == "proposed" and r["use"] == ""]
    assert not_evaluated[0]["units"] == 1  # the unit without slope
    cultivated = [r for r in summary if r["table"] == "grade" and r["use"] == "cultivated"]
    assert sum(r["area_m2"] for r in cultivated) == pytest.approx(units_total)
    # Names beside the codes, in Chinese for a pack of China (whatever QGIS's language).
    assert {r["use_name"] for r in cultivated} == {"耕地"}
    words = {0: "未评价", 1: "一等", 2: "二等", 3: "三等", 4: "不宜"}
    assert all(r["grade_name"] == words[r["grade"]] for r in cultivated)
    assert not_evaluated[0]["use_name"] == "未评价"
    assert is_null(not_evaluated[0]["grade_name"])  # a proposed-use row has no grade


def test_missing_factors_are_listed_with_the_available_fields(processing_provider):
    layer = units_layer([(square(0), (5, 80, 7))])
    with pytest.raises(
        QgsProcessingException, match=r"slope_deg, soil_thickness_cm.*坡度, 土层, ph"
    ):
        run({"UNITS": layer})


def test_text_in_a_numeric_field(processing_provider):
    layer = units_layer(
        [(square(0), ("陡", 80, 7))], fields="&field=坡度:string&field=土层:double&field=ph:double"
    )
    with pytest.raises(QgsProcessingException, match="“坡度” holds “陡”"):
        run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})


def test_invalid_rule_pack_message_reaches_the_user(processing_provider, tmp_path):
    from tests.unit.rules_helpers import RULES_DIR

    document = json.loads((RULES_DIR / "cn-reclamation.json").read_text(encoding="utf-8"))
    document["uses"]["cultivated"]["factors"]["slope_deg"]["limits"] = [15, 6, 25]
    path = tmp_path / "我的规则.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    layer = units_layer([(square(0), (5, 80, 7))])
    with pytest.raises(
        QgsProcessingException, match=r"我的规则.json: uses\.cultivated\.factors\.slope_deg\.limits"
    ):
        run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP, "RULES": str(path)})


def test_zero_units_give_an_empty_layer_and_a_zero_summary(processing_provider):
    layer = units_layer([])
    result = run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})
    assert rows_of(result["OUTPUT"]) == []
    assert all(r["area_m2"] == 0 for r in rows_of(result["SUMMARY"]))


def test_geographic_units_get_ellipsoidal_areas(processing_provider):
    # A 0.01° × 0.01° cell at 36° N in EPSG:4490: pyproj's geodesic area on GRS 80.
    wkt = "POLYGON((117 36,117.01 36,117.01 36.01,117 36.01,117 36))"
    layer = units_layer([(wkt, (5, 80, 7))], crs="EPSG:4490")
    out = rows_of(run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})["OUTPUT"])[0]
    lons, lats = [117, 117.01, 117.01, 117, 117], [36, 36, 36.01, 36.01, 36]
    expected, _ = Geod(ellps="GRS80").polygon_area_perimeter(lons, lats)
    assert out["area_m2"] == pytest.approx(abs(expected), rel=1e-4)


def test_slope_from_a_dem_on_the_fly(processing_provider, tmp_path):
    # A plane rising 0.10 m/m: slope 5.7106° everywhere -> cultivated grade 1 (<= 6°).
    rows, cols = 30, 30
    y = np.arange(rows)[:, None] * 10.0
    dem = write_tif(
        tmp_path / "dem.tif",
        np.broadcast_to(100 - 0.1 * y, (rows, cols)),
        (X0, 10, 0, Y0 + 150, 0, -10),
        4547,
    )
    layer = units_layer([(square(0), (None, 80, 7))])
    out = rows_of(
        run({"UNITS": layer, "FIELD_MAP": "土层=soil_thickness_cm", "DEM": str(dem)})["OUTPUT"]
    )[0]
    assert out["slope_deg"] == pytest.approx(5.7106, abs=1e-3)
    assert out["grade_cultivated"] == 1


def test_loaded_results_are_styled_and_grouped(processing_provider):
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

    layer = units_layer([(square(0), (3, 80, 7)), (square(1), (30, 40, 7))])
    result = processing.runAndLoadResults(
        ALG,
        {
            "UNITS": layer,
            "FIELD_MAP": CHINESE_MAP,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    project = QgsProject.instance()
    out = project.mapLayer(result["OUTPUT"])
    renderer = out.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "use_proposed"
    colours = {c.value(): c.symbol().color().name() for c in renderer.categories()}
    assert colours["cultivated"] == "#fffbb1"  # 0103 旱地 in the 三调 palette
    assert colours["forest"] == "#31ad69"  # 0301 乔木林地
    labels = {c.value(): c.label() for c in renderer.categories()}
    assert labels["cultivated"].startswith("0103 ")
    # The legend shows each class's area: one 100 m × 100 m unit (1 hm² at the CM).
    assert labels["cultivated"].endswith("(1.0000 hm²)")
    assert labels["water"].endswith("(0.0000 hm²)")
    assert "grade cultivated" in out.styleManager().styles()
    assert "explain" in out.mapTipTemplate()
    node = project.layerTreeRoot().findLayer(out.id())
    assert node.parent().name().startswith("Suitability ")
    summary_node = project.layerTreeRoot().findLayer(result["SUMMARY"])
    assert summary_node.parent() is node.parent()
    project.removeAllMapLayers()
    project.layerTreeRoot().removeAllChildren()


def test_geopackage_output_carries_its_style_and_run_log(processing_provider, tmp_path):
    from osgeo import ogr
    from qgis.core import QgsCategorizedSymbolRenderer

    layer = units_layer([(square(0), (3, 80, 7)), (square(1), (30, 40, 7))])
    path = tmp_path / "成果 输出.gpkg"
    run(
        {
            "UNITS": layer,
            "FIELD_MAP": CHINESE_MAP,
            "OUTPUT": str(path),
            "SUMMARY": str(tmp_path / "summary.gpkg"),
        }
    )
    # Reopened with nothing but the file: the default style in layer_styles applies.
    reopened = QgsVectorLayer(str(path), "reopened", "ogr")
    assert reopened.isValid()
    renderer = reopened.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "use_proposed"
    dataset = ogr.Open(str(path))
    log = {f.GetField("key"): f.GetField("value") for f in dataset.GetLayerByName("run_log")}
    assert log["algorithm"] == "reclamation:evaluatesuitability"
    assert log["rule_pack"].startswith('{"id": "cn-reclamation"')
    assert log["area_method"].startswith("ellipsoidal (")
    assert "input UNITS" in log
    assert "Rule pack cn-reclamation" in log["log"]
    dataset = None


def test_shapefile_output_keeps_chinese_values_and_full_names_as_aliases(
    processing_provider, tmp_path
):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    folder = tmp_path / "成果"
    folder.mkdir()
    path = folder / "适宜性.shp"
    layer = units_layer([(square(0), (3, 80, 7)), (square(1), (30, 40, 7))])
    feedback = QgsProcessingFeedback()
    processing.run(
        ALG,
        {
            "UNITS": layer,
            "FIELD_MAP": CHINESE_MAP,
            "OUTPUT": str(path),
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
        context=QgsProcessingContext(),
        feedback=feedback,
    )
    assert path.with_suffix(".cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
    reopened = QgsVectorLayer(str(path), "reopened", "ogr")
    assert {f["dlmc"] for f in reopened.getFeatures()} == {"旱地", "乔木林地"}
    # grade_cultivated is cut to 10 characters; its full name comes back as the alias.
    short = [name for name in reopened.fields().names() if name.startswith("grade_cult")]
    assert short
    index = reopened.fields().indexOf(short[0])
    assert reopened.fields().at(index).alias() == "grade_cultivated"
    assert reopened.renderer().type() == "categorizedSymbol"  # the .qml style beside it
    assert "10 characters" in feedback.textLog()


def test_cancelled_while_writing_leaves_no_file(processing_provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    class CancelWhileWriting(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802 (Qt API)
            super().setProgress(progress)
            if progress >= 50:  # the write phase reports 50-100 %
                self.cancel()

    layer = units_layer([(square(i), (3, 80, 7)) for i in range(1500)])
    path = tmp_path / "输出.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            ALG,
            {
                "UNITS": layer,
                "FIELD_MAP": CHINESE_MAP,
                "OUTPUT": str(path),
                "SUMMARY": "TEMPORARY_OUTPUT",
            },
            context=QgsProcessingContext(),
            feedback=CancelWhileWriting(),
        )
    assert not path.exists()


def test_discarding_an_output_removes_its_layer_or_its_files(processing_provider, tmp_path):
    from osgeo import ogr

    from plugin.provider.algorithms.evaluate_suitability import EvaluateSuitabilityAlgorithm

    algorithm = EvaluateSuitabilityAlgorithm()
    shared = tmp_path / "共享.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(shared))
    for name in ("keep", "half_written"):
        dataset.CreateLayer(name, geom_type=ogr.wkbPolygon)
    dataset = None
    error = algorithm.discard_output(f"{shared}|layername=half_written", "write failed")
    assert str(error) == "write failed"
    dataset = ogr.Open(str(shared))
    assert [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())] == ["keep"]
    dataset = None
    shapefile = tmp_path / "半成品.shp"
    ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(str(shapefile)).CreateLayer(
        "x", geom_type=ogr.wkbPolygon
    )
    algorithm.discard_output(str(shapefile))
    assert list(tmp_path.glob("半成品.*")) == []


def test_polluted_units_follow_the_safe_use_rules(processing_provider):
    # 3°, 80 cm, pH 7 everywhere: cultivated grade 1 but for pollution. Class 0 -> 一等;
    # class 1 (安全利用类) -> grade 2 with the safe-use measure; class 2 (严格管控类) -> no
    # cultivation or garden; a polluted unit without a class is taken as class 2.
    fields = (
        "&field=slope_deg:double&field=soil_thickness_cm:double&field=ph:double"
        "&field=dist_type:string&field=pollution:integer"
    )
    layer = units_layer(
        [
            (square(0), (3, 80, 7, "pollution", 0)),
            (square(1), (3, 80, 7, "pollution", 1)),
            (square(2), (3, 80, 7, "pollution", 2)),
            (square(3), (3, 80, 7, "pollution", None)),
            (square(4), (3, 80, 7, "subsidence", None)),
        ],
        fields=fields,
    )
    out = rows_of(run({"UNITS": layer})["OUTPUT"])
    assert [r["grade_cultivated"] for r in out] == [1, 2, 4, 4, 1]
    assert [r["grade_garden"] == 4 for r in out] == [False, False, True, True, False]
    assert "安全利用" in out[1]["measures"] or "safe use" in out[1]["measures"]
    assert [r["dlbm"] == "0103" for r in out] == [True, True, False, False, True]


def test_field_units_and_design_values(processing_provider):
    # Slope in percent: 10 % = 5.71° (cultivated grade 1 needs ≤ 6°), 30 % = 16.7° (grade
    # 3). No soil field at all: the designed 80 cm of cover soil and pH 7 for every unit.
    fields = "&field=坡度百分比:double"
    layer = units_layer([(square(0), (10.0,)), (square(1), (30.0,))], fields=fields)
    feedback = WarningsFeedback()
    import processing

    result = processing.run(
        ALG,
        {
            "UNITS": layer,
            "FIELD_MAP": "坡度百分比=slope_deg:percent",
            "DESIGN_VALUES": "soil_thickness_cm=80;ph=7",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
        feedback=feedback,
    )
    out = rows_of(result["OUTPUT"])
    assert [r["grade_cultivated"] for r in out] == [1, 3]
    assert any("soil_thickness_cm = 80" in w for w in feedback.warnings)


def test_an_unknown_unit_and_ph_times_ten_are_named(processing_provider):
    layer = units_layer([(square(0), (3, 80, 79))])
    with pytest.raises(QgsProcessingException, match="ph:x10"):
        run({"UNITS": layer, "FIELD_MAP": CHINESE_MAP})
    with pytest.raises(QgsProcessingException, match="percent, m_per_m"):
        run({"UNITS": layer, "FIELD_MAP": "坡度=slope_deg:gradians;土层=soil_thickness_cm"})
    fixed = run({"UNITS": layer, "FIELD_MAP": f"{CHINESE_MAP};ph=ph:x10"})
    assert rows_of(fixed["OUTPUT"])[0]["grade_cultivated"] == 1


def test_chinese_practice_ph_and_water_that_needs_water(processing_provider):
    # cn-reclamation 0.3.0: calcareous soil at pH 7.9 stays cultivated grade 1 (TDBZ 1995
    # dry land 5.5–8.5); pH 9.2 is grade 3 with the alkaline measure. Water only where water
    # stands: dry units (ponding 0) and units without ponding data are N for water.
    fields = (
        "&field=slope_deg:double&field=soil_thickness_cm:double&field=ph:double"
        "&field=ponding_m:double"
    )
    layer = units_layer(
        [
            (square(0), (3, 80, 7.9, 0.0)),
            (square(1), (3, 80, 9.2, 0.0)),
            (square(2), (3, 80, 7.0, None)),
            (square(3), (3, 80, 7.0, 0.8)),
        ],
        fields=fields,
    )
    out = rows_of(run({"UNITS": layer})["OUTPUT"])
    assert [r["grade_cultivated"] for r in out[:3]] == [1, 3, 1]
    assert "石膏" in out[1]["measures"] or "gypsum" in out[1]["measures"]
    assert [r["grade_water"] for r in out] == [4, 4, 4, 1]
    assert out[3]["use_proposed"] == "water"


def test_irrigated_land_stays_irrigated(processing_provider):
    # Restored cultivated land keeps 水浇地 0102 / 水田 0101 where it was before damage
    # (cn-reclamation keep_previous_code); land that was not cultivated gets 0103.
    fields = (
        "&field=slope_deg:double&field=soil_thickness_cm:double&field=ph:double"
        "&field=dlbm_before:string"
    )
    layer = units_layer(
        [
            (square(0), (3, 80, 7, "0102")),
            (square(1), (3, 80, 7, "0101")),
            (square(2), (3, 80, 7, "0301")),
            (square(3), (30, 40, 7, "0102")),  # too steep to cultivate: forest
        ],
        fields=fields,
    )
    out = rows_of(run({"UNITS": layer})["OUTPUT"])
    assert [(r["use_proposed"], r["dlbm"]) for r in out] == [
        ("cultivated", "0102"),
        ("cultivated", "0101"),
        ("cultivated", "0103"),
        ("forest", "0301"),
    ]
    assert out[0]["dlmc"] == "水浇地"
