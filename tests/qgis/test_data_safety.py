"""A user's data is sacred (issue 15), through processing.run: outputs that name inputs are
refused, failed runs leave nothing, unexpected errors become sentences, impossible values
are refused, secondary outputs are optional, GeoPackages are not left in WAL mode.

Every check is on the files themselves: checksums of inputs, what is left at output paths.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from tests.helpers import ROOT
from tests.qgis.conftest import WarningsFeedback
from tests.rasters import write_tif

SAMPLE = ROOT / "resources" / "sample"
X0, Y0 = 500000.0, 4000000.0


def run(algorithm, parameters):
    import processing

    return processing.run(f"reclamation:{algorithm}", parameters)


def checksum(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def square(i: int, size: float = 100.0) -> str:
    x = X0 + i * 200
    return f"POLYGON(({x} {Y0},{x + size} {Y0},{x + size} {Y0 + size},{x} {Y0 + size},{x} {Y0}))"


def make_gpkg(path: Path, rows, layer_name="评价单元", extra_layers=("其他",)) -> Path:
    """A GeoPackage with polygon units (slope_deg, soil_thickness_cm, ph as given) and a
    second polygon layer, so that writing beside the units can be checked."""
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = source.CreateLayer(layer_name, srs, ogr.wkbPolygon)
    for name, kind in (("slope_deg", ogr.OFTReal), ("soil_thickness_cm", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    layer.CreateField(ogr.FieldDefn("ph", ogr.OFTString))
    for i, values in enumerate(rows):
        feature = ogr.Feature(layer.GetLayerDefn())
        for name, value in zip(("slope_deg", "soil_thickness_cm", "ph"), values, strict=True):
            if value is not None:
                feature.SetField(name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(square(i)))
        layer.CreateFeature(feature)
    for other in extra_layers:
        extra = source.CreateLayer(other, srs, ogr.wkbPolygon)
        feature = ogr.Feature(extra.GetLayerDefn())
        feature.SetGeometry(ogr.CreateGeometryFromWkt(square(9)))
        extra.CreateFeature(feature)
    source = None
    return path


GOOD_ROWS = [(3.0, 80.0, "7.0"), (30.0, 40.0, "7.5")]


def layers_of(path: Path) -> list[str]:
    dataset = ogr.Open(str(path))
    names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    dataset = None
    return names


def leftovers(folder: Path, before: set[str]) -> set[str]:
    return {p.name for p in folder.iterdir()} - before


@pytest.fixture
def dem(tmp_path):
    rng = np.random.default_rng(3)
    values = np.cumsum(rng.normal(0, 1, (40, 40)), axis=0) + 100
    return write_tif(tmp_path / "高程.tif", values, (X0, 10, 0, Y0 + 400, 0, -10), 4547)


# --- 1. an output that names an input -----------------------------------------------------


def test_slope_over_its_own_dem_is_refused_and_the_dem_is_untouched(processing_provider, dem):
    before = checksum(dem)
    with pytest.raises(QgsProcessingException) as raised:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(dem)})
    message = str(raised.value)
    assert "SLOPE" in message
    assert "(DEM)" in message
    assert str(dem) in message
    assert checksum(dem) == before


def test_output_replacing_the_units_geopackage_is_refused(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    before = checksum(units)
    with pytest.raises(QgsProcessingException) as raised:
        run("evaluatesuitability", {"UNITS": f"{units}|layername=评价单元", "OUTPUT": str(units)})
    assert "OUTPUT" in str(raised.value)
    assert "UNITS" in str(raised.value)
    assert checksum(units) == before


def test_output_naming_the_input_layer_is_refused(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    before = checksum(units)
    # Table names compare without letter case in SQLite, as in the GeoPackage.
    target = f"ogr:dbname='{units}' table=\"评价单元\" (geom)"
    with pytest.raises(QgsProcessingException, match="UNITS"):
        run("evaluatesuitability", {"UNITS": f"{units}|layername=评价单元", "OUTPUT": target})
    assert checksum(units) == before


def test_a_new_layer_beside_the_input_is_written_and_the_input_kept(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    target = f"ogr:dbname='{units}' table=\"适宜性\" (geom)"
    run("evaluatesuitability", {"UNITS": f"{units}|layername=评价单元", "OUTPUT": target})
    assert set(layers_of(units)) >= {"评价单元", "其他", "适宜性"}
    kept = QgsVectorLayer(f"{units}|layername=评价单元", "kept", "ogr")
    assert [f["slope_deg"] for f in kept.getFeatures()] == [3.0, 30.0]
    assert kept.fields().names() == ["fid", "slope_deg", "soil_thickness_cm", "ph"]


def test_summary_over_the_land_use_input_is_refused(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    before = checksum(units)
    with pytest.raises(QgsProcessingException, match="TABLES"):
        run(
            "summarizeplan",
            {
                "DISTURBANCE": f"{units}|layername=其他",
                "SUITABILITY": f"{units}|layername=评价单元",
                "TABLES": str(units),
            },
        )
    assert checksum(units) == before


def test_an_output_over_the_rule_pack_file_is_refused(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    rules = tmp_path / "规则.json"
    shutil.copy(ROOT / "resources" / "rules" / "cn-reclamation.json", rules)
    before = checksum(rules)
    with pytest.raises(QgsProcessingException, match="RULES"):
        run(
            "evaluatesuitability",
            {"UNITS": str(units), "RULES": str(rules), "OUTPUT": str(rules)},
        )
    assert checksum(rules) == before


def test_two_outputs_on_one_file_are_refused(processing_provider, dem, tmp_path):
    same = tmp_path / "同一个.tif"
    with pytest.raises(QgsProcessingException) as raised:
        run(
            "terrainfactors",
            {
                "DEM": str(dem),
                "DEM_BEFORE": str(dem),
                "SLOPE": str(same),
                "ELEVATION_CHANGE": str(same),
            },
        )
    assert "SLOPE" in str(raised.value)
    assert "ELEVATION_CHANGE" in str(raised.value)
    assert not same.exists()


# --- 2. sentences instead of tracebacks ----------------------------------------------------


def test_points_given_as_units_are_named(processing_provider, tmp_path):
    points = tmp_path / "点.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(points))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = source.CreateLayer("采样点", srs, ogr.wkbPoint)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT({X0} {Y0})"))
    layer.CreateFeature(feature)
    source = None
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        run("evaluatesuitability", {"UNITS": str(points), "OUTPUT": str(out)})
    message = str(raised.value)
    assert "UNITS" in message
    assert "采样点" in message
    assert "polygons" in message
    assert not out.exists()


def test_a_missing_output_folder_is_named(processing_provider, dem, tmp_path):
    target = tmp_path / "没有这个文件夹" / "slope.tif"
    with pytest.raises(QgsProcessingException, match="does not exist") as raised:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(target)})
    assert "SLOPE" in str(raised.value)


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody can write, root included: immutable (chattr +i) where the file
    system allows it."""
    folder = tmp_path / "只读"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif shutil.which("chattr") is None or (
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0
    ):
        pytest.skip("cannot make a read-only folder for root here (no chattr +i)")
    yield folder
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


def test_a_read_only_output_folder_is_a_sentence(processing_provider, dem, read_only_folder):
    with pytest.raises(QgsProcessingException) as raised:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(read_only_folder / "s.tif")})
    assert "SLOPE" in str(raised.value)
    assert "cannot be written" in str(raised.value)
    assert list(read_only_folder.iterdir()) == []


def test_an_unexpected_error_is_a_sentence_and_leaves_nothing(
    processing_provider, dem, tmp_path, monkeypatch, log_messages
):
    from plugin.provider.algorithms import terrain_factors

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug nobody foresaw")

    monkeypatch.setattr(terrain_factors, "write_slope", broken)
    target = tmp_path / "slope.tif"
    with pytest.raises(QgsProcessingException) as raised:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(target)})
    message = str(raised.value)
    assert "unexpected error" in message
    assert "a bug nobody foresaw" in message
    assert "Traceback" not in message
    assert any("Traceback" in text for _, text, _ in log_messages)
    assert not target.exists()


# --- 3. half-written outputs ---------------------------------------------------------------


def test_non_overlapping_dems_leave_no_slope(processing_provider, dem, tmp_path):
    far = write_tif(
        tmp_path / "远处.tif", np.full((20, 20), 5.0), (X0 + 1e6, 10, 0, Y0, 0, -10), 4547
    )
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(QgsProcessingException):
        run(
            "terrainfactors",
            {
                "DEM": str(dem),
                "DEM_BEFORE": str(far),
                "SLOPE": str(folder / "slope.tif"),
                "ELEVATION_CHANGE": str(folder / "change.tif"),
            },
        )
    assert list(folder.iterdir()) == []


def test_a_failed_run_keeps_an_output_it_never_touched(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    earlier = tmp_path / "上次结果.gpkg"
    make_gpkg(earlier, GOOD_ROWS, layer_name="上次")
    before = checksum(earlier)
    with pytest.raises(QgsProcessingException):
        run(
            "evaluatesuitability",
            {"UNITS": str(units), "RULES": "no-such-pack", "OUTPUT": str(earlier)},
        )
    assert checksum(earlier) == before


def test_a_failed_run_removes_its_new_layer_from_a_shared_geopackage(
    processing_provider, tmp_path, monkeypatch
):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    from plugin.provider.algorithms import evaluate_suitability

    def broken(*args, **kwargs):
        raise RuntimeError("failed after the output was created")

    monkeypatch.setattr(evaluate_suitability, "finish_outputs", broken)
    target = f"ogr:dbname='{units}' table=\"适宜性\" (geom)"
    with pytest.raises(QgsProcessingException):
        run("evaluatesuitability", {"UNITS": f"{units}|layername=评价单元", "OUTPUT": target})
    assert sorted(layers_of(units)) == sorted(["评价单元", "其他"])


# --- 5. impossible values -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        ([(3.0, 80.0, "inf")], "ph", "inf"),
        ([(3.0, 80.0, "15")], "ph", "15"),
        ([(3.0, 80.0, "-1")], "ph", "-1"),
        ([(120.0, 80.0, "7")], "slope_deg", "120"),
        ([(3.0, -20.0, "7")], "soil_thickness_cm", "-20"),
    ],
)
def test_impossible_factor_values_are_refused(processing_provider, tmp_path, rows, field, value):
    units = make_gpkg(tmp_path / "单元.gpkg", [*GOOD_ROWS, *rows])
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as raised:
        run("evaluatesuitability", {"UNITS": str(units), "OUTPUT": str(out)})
    message = str(raised.value)
    assert f"“{field}”" in message
    assert value in message
    assert "feature 3" in message
    assert "评价单元" in message  # the user's layer, not a temporary copy
    assert not out.exists()


# --- 6. only the main output ----------------------------------------------------------------


def test_evaluation_without_summary(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    out = tmp_path / "只要主结果.gpkg"
    result = run("evaluatesuitability", {"UNITS": str(units), "OUTPUT": str(out)})
    assert Path(result["OUTPUT"].split("|")[0]) == out
    assert "SUMMARY" not in result
    assert layers_of(out)[0] == "只要主结果"


# --- 7. final journal mode -------------------------------------------------------------------


def test_geopackage_outputs_are_not_left_in_wal_mode(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    out = tmp_path / "out.gpkg"
    run("evaluatesuitability", {"UNITS": str(units), "OUTPUT": str(out)})
    header = out.read_bytes()[18:20]
    assert header == b"\x01\x01"  # rollback journal (WAL would be 2, 2)
    assert not Path(f"{out}-wal").exists()


# --- the whole plan run ---------------------------------------------------------------------


def test_plan_output_over_an_input_of_another_step_is_refused(processing_provider, tmp_path):
    from tests.qgis.test_reclamation_model import model_parameters, write_layers

    layers = write_layers(tmp_path)
    gpkg = Path(layers["土壤"].split("|")[0])
    before = checksum(gpkg)
    out = tmp_path / "成果"
    out.mkdir()
    parameters = model_parameters(layers, out)
    # The report tables over the GeoPackage that holds the soil read by the evaluation step.
    parameters["summarize:TABLES"] = str(gpkg)
    with pytest.raises(QgsProcessingException) as raised:
        run("reclamationplan", parameters)
    assert "summarize:TABLES" in str(raised.value)
    assert checksum(gpkg) == before
    assert list(out.iterdir()) == []


def test_a_failed_plan_step_removes_the_earlier_steps_outputs(
    processing_provider, tmp_path, monkeypatch
):
    from plugin.provider.algorithms import summarize_plan
    from tests.qgis.test_reclamation_model import model_parameters, write_layers

    def broken(*args, **kwargs):
        raise QgsProcessingException("the last step fails")

    monkeypatch.setattr(summarize_plan.SummarizePlanAlgorithm, "run_algorithm", broken)
    layers = write_layers(tmp_path)
    out = tmp_path / "成果"
    out.mkdir()
    with pytest.raises(QgsProcessingException, match="the last step fails"):
        run("reclamationplan", model_parameters(layers, out))
    assert list(out.iterdir()) == []


def test_the_plan_with_only_the_report(processing_provider, tmp_path):
    from tests.qgis.test_reclamation_model import model_parameters, write_layers

    layers = write_layers(tmp_path)
    out = tmp_path / "成果"
    out.mkdir()
    parameters = {
        key: value for key, value in model_parameters(layers, out).items() if ":" not in key
    }
    parameters["summarize:REPORT_HTML"] = str(out / "报告.html")
    run("reclamationplan", parameters)
    assert [p.name for p in out.iterdir()] == ["报告.html"]


# --- rasters no survey could give -------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "nodata", "said"),
    [
        (np.full((20, 20), -9999.0), -9999.0, "no valid cell"),
        (np.full((20, 20), np.nan), None, "no valid cell"),
        (np.full((20, 20), np.inf), None, "infinite"),
        (np.full((1, 1), 50.0), None, "1 × 1 cells"),
    ],
)
def test_dems_without_a_surface_are_refused(processing_provider, tmp_path, values, nodata, said):
    dem = write_tif(tmp_path / "坏高程.tif", values, (X0, 10, 0, Y0, 0, -10), 4547, nodata)
    target = tmp_path / "slope.tif"
    with pytest.raises(QgsProcessingException, match=said) as raised:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(target)})
    assert "坏高程" in str(raised.value)
    assert not target.exists()


def test_a_negative_groundwater_depth_raster_is_refused(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    groundwater = write_tif(
        tmp_path / "地下水.tif", np.full((50, 50), -5.0), (X0 - 500, 20, 0, Y0 + 500, 0, -20), 4547
    )
    with pytest.raises(QgsProcessingException, match="GROUNDWATER_DEPTH") as raised:
        run(
            "evaluatesuitability",
            {
                "UNITS": str(units),
                "GROUNDWATER_DEPTH": str(groundwater),
                "OUTPUT": str(tmp_path / "out.gpkg"),
            },
        )
    assert "-5" in str(raised.value)


def test_a_dem_beside_the_units_names_both_with_readable_extents(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    far = write_tif(
        tmp_path / "远处高程.tif", np.full((20, 20), 5.0), (X0 + 1e5, 10, 0, Y0, 0, -10), 4547
    )
    with pytest.raises(QgsProcessingException) as raised:
        run("extractfactors", {"UNITS": str(units), "DEM": str(far), "OUTPUT": "TEMPORARY_OUTPUT"})
    message = str(raised.value)
    assert "远处高程" in message
    assert "评价单元" in message
    assert "EPSG:4547" in message
    assert f"x {X0 + 1e5:.1f} … {X0 + 1e5 + 200:.1f} m" in message
    assert "processing_" not in message


def test_an_empty_study_area_is_refused(processing_provider, tmp_path):
    from tests.qgis.test_reclamation_model import write_layers

    layers = write_layers(tmp_path)
    empty = make_gpkg(tmp_path / "范围.gpkg", [], layer_name="项目区", extra_layers=())
    with pytest.raises(QgsProcessingException, match="no features") as raised:
        run(
            "classifydisturbance",
            {
                "FACILITIES": layers["设施"],
                "FACILITY_TYPE_FIELD": "类型",
                "AREA": str(empty),
                "OUTPUT": str(tmp_path / "out.gpkg"),
            },
        )
    assert "AREA" in str(raised.value)


def test_raster_outputs_get_the_usual_file_mode(processing_provider, dem, tmp_path):
    previous = os.umask(0o022)
    try:
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(tmp_path / "slope.tif")})
    finally:
        os.umask(previous)
    assert (tmp_path / "slope.tif").stat().st_mode & 0o777 == 0o644


# --- soil samples and soil polygons ------------------------------------------------------------


def samples_layer(rows):
    layer = QgsVectorLayer(
        "Point?crs=EPSG:4547&field=Cd:string&field=pH:string", "采样点", "memory"
    )
    features = []
    for i, (cd, ph) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT({X0 + 200 * i} {Y0})"))
        feature.setAttributes([cd, ph])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_samples_with_an_unreadable_ph_are_counted_and_named(processing_provider):
    import processing

    feedback = WarningsFeedback()
    layer = samples_layer([("0.9", "7.0"), ("0.9", "neutral"), ("0.1", "6.8")])
    processing.run(
        "reclamation:classifydisturbance",
        {"SOIL_SAMPLES": layer, "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
    )
    (warning,) = [w for w in feedback.warnings if "neutral" in w]
    assert "1 value(s)" in warning
    assert "“pH”" in warning


@pytest.mark.parametrize(("rows", "field"), [([("0.9", "15")], "pH"), ([("-0.2", "7")], "Cd")])
def test_impossible_sample_values_are_refused(processing_provider, rows, field):
    with pytest.raises(QgsProcessingException, match=f"field “{field}”"):
        run(
            "classifydisturbance",
            {"SOIL_SAMPLES": samples_layer(rows), "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_soil_polygons_with_an_impossible_ph_name_their_own_feature(processing_provider, tmp_path):
    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    soil = make_gpkg(tmp_path / "土壤.gpkg", [(3.0, 80.0, "7"), (3.0, 80.0, "15")], "土壤图斑")
    with pytest.raises(QgsProcessingException) as raised:
        run(
            "extractfactors",
            {
                "UNITS": str(units),
                "SOIL": f"{soil}|layername=土壤图斑",
                "SOIL_FIELDS": "ph=ph",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    message = str(raised.value)
    assert "土壤图斑" in message
    assert "feature 2" in message
    assert "15" in message


# --- impossible panels ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "said"),
    [({"THICKNESS": 400, "DEPTH": 300}, "not less than the mining depth"),
     ({"THICKNESS": 3, "DEPTH": 300, "TAN_BETA": 1e-6}, "cells")],
)  # fmt: skip
def test_impossible_panels_are_refused_quickly(processing_provider, tmp_path, values, said):
    panels = make_gpkg(tmp_path / "工作面.gpkg", GOOD_ROWS, "工作面")
    with pytest.raises(QgsProcessingException, match=said):
        run(
            "predictsubsidence",
            {
                "PANELS": f"{panels}|layername=工作面",
                **values,
                "SUBSIDENCE": str(tmp_path / "下沉.tif"),
            },
        )
    assert not (tmp_path / "下沉.tif").exists()


def test_a_tiny_tan_beta_on_a_dem_grid_is_refused_before_any_allocation(
    processing_provider, dem, tmp_path
):
    panels = make_gpkg(tmp_path / "工作面.gpkg", GOOD_ROWS, "工作面")
    with pytest.raises(QgsProcessingException, match="influence radius"):
        run(
            "predictsubsidence",
            {
                "PANELS": f"{panels}|layername=工作面",
                "THICKNESS": 3,
                "DEPTH": 300,
                "TAN_BETA": 1e-6,
                "DEM": str(dem),
                "SUBSIDENCE": str(tmp_path / "下沉.tif"),
            },
        )


def test_no_sidecar_beside_an_input_raster(processing_provider, tmp_path):
    values = np.cumsum(np.ones((30, 30)), axis=0)
    dem = write_tif(tmp_path / "高程.tif", values, (X0, 10, 0, Y0, 0, -10), 4547)
    with pytest.raises(QgsProcessingException):  # fails before reading the DEM
        run("terrainfactors", {"DEM": str(dem), "SLOPE": str(tmp_path / "无" / "s.tif")})
    run("terrainfactors", {"DEM": str(dem), "SLOPE": str(tmp_path / "s.tif")})
    import gc

    gc.collect()
    assert not Path(f"{dem}.aux.xml").exists()


def test_the_run_log_keeps_the_log_and_the_warnings(processing_provider, tmp_path):
    import json

    units = make_gpkg(tmp_path / "单元.gpkg", GOOD_ROWS)
    out = tmp_path / "out.gpkg"
    run(
        "evaluatesuitability",
        {"UNITS": str(units), "DESIGN_VALUES": "gravel_pct=5", "OUTPUT": str(out)},
    )
    dataset = ogr.Open(str(out))
    table = dataset.GetLayerByName("run_log")
    rows = {f.GetField("key"): f.GetField("value") for f in table}
    dataset = None
    assert "Rule pack cn-reclamation" in rows["log"]
    (warning,) = json.loads(rows["warnings"])  # in both languages, for a later report
    assert "gravel_pct = 5" in warning["en"]
    assert warning["en"] in rows["log"]  # the run's language (QGIS in English)
    assert warning["zh"].startswith("对全部单元假定")
