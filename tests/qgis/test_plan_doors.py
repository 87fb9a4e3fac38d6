"""One workflow, the same numbers from every door (issue 13): the sample mine through the
plan algorithm, the toolbox steps one by one, the wizard, the disturbance dialog and
``make demo`` gives the same damaged area to 0.01 %; the wizard completes with its own
suggestions; no polluted piece is proposed for food crops."""

from __future__ import annotations

import contextlib
import math
import shutil

import pytest
from osgeo import ogr
from qgis.core import QgsProcessingFeedback, QgsProject, QgsRasterLayer, QgsVectorLayer

from plugin.gui.disturbance_dialog import DisturbanceDialog
from plugin.gui.plan_wizard import (
    OUTPUTS_PAGE,
    PREDICTION_PAGE,
    RUN_PAGE,
    TABLES_NAME,
    WORK_PLAN_PAGE,
    PlanWizard,
)
from tests.helpers import ROOT
from tests.qgis.conftest import flush_deleted_objects
from tests.qgis.test_gui_runner import wait_until
from tests.report_text import chinese_runs, deliverable_texts

SAMPLE = ROOT / "resources" / "sample"
GPKG_LAYERS = ("项目区范围", "土地利用现状", "矿山设施", "开采工作面", "采动影响范围",
               "土壤图斑", "土壤采样点", "河流")  # fmt: skip
RASTERS = ("dem_before", "dem_after", "groundwater_depth")
PANEL_FIELDS = {
    "THICKNESS_FIELD": "采厚",
    "DEPTH_FIELD": "埋深",
    "DIP_FIELD": "倾角",
    "SUBSIDENCE_FACTOR_FIELD": "下沉系数",
    "TAN_BETA_FIELD": "主要影响角正切",
}
SOIL_FIELDS = "有效土层厚度=soil_thickness_cm;有机质=organic_matter_gkg;pH值=ph;砾石含量=gravel_pct;质地=texture;容重=bulk_density"  # noqa: E501


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("样例 矿山")
    shutil.copytree(SAMPLE, folder, dirs_exist_ok=True)
    return folder


def source(sample, name):
    return f"{sample / 'sample_mine.gpkg'}|layername={name}"


def plan_inputs(sample):
    return {
        "DEM_BEFORE": str(sample / "dem_before.tif"),
        "DEM_AFTER": str(sample / "dem_after.tif"),
        "UNDERMINED": source(sample, "采动影响范围"),
        "PANELS": source(sample, "开采工作面"),
        **PANEL_FIELDS,
        "GROUNDWATER_DEPTH": str(sample / "groundwater_depth.tif"),
        "FACILITIES": source(sample, "矿山设施"),
        "FACILITY_TYPE_FIELD": "类型",
        "SOIL_SAMPLES": source(sample, "土壤采样点"),
        "LANDUSE": source(sample, "土地利用现状"),
        "LANDUSE_CODE_FIELD": "DLBM",
        "AREA": source(sample, "项目区范围"),
        "SOIL": source(sample, "土壤图斑"),
        "SOIL_FIELDS": SOIL_FIELDS,
        "WATER": source(sample, "河流"),
        "RULES": "cn-reclamation",
    }


def damaged_m2(layer) -> float:
    if isinstance(layer, str):
        layer = QgsVectorLayer(layer, "d", "ogr")
    return sum(feature["area_m2"] for feature in layer.getFeatures())


class LogFeedback(QgsProcessingFeedback):
    """Keeps every line a user would read in the run's log."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, info):  # noqa: N802 (Qt API)
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning):  # noqa: N802 (Qt API)
        self.lines.append(warning)
        super().pushWarning(warning)


def run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(f"reclamation:{algorithm}", parameters, feedback=feedback)


_PLAN: dict[str, tuple[dict, object]] = {}


@pytest.fixture
def plan_result(processing_provider, sample, tmp_path_factory):
    """The plan run on the sample, once for the module (the other doors compare to it)."""
    if "result" not in _PLAN:
        out = tmp_path_factory.mktemp("方案")
        _PLAN["log"] = LogFeedback()
        _PLAN["result"] = (
            run(
                "reclamationplan",
                {
                    **plan_inputs(sample),
                    "classify:DISTURBED": str(out / "disturbed.gpkg"),
                    "evaluate:SUITABILITY": str(out / "suitability.gpkg"),
                    "summarize:TABLES": str(out / "tables.gpkg"),
                    "quantities:WORKS": str(out / "works.gpkg"),
                    "ecology:SERVICES": str(out / "esv_services.gpkg"),
                    "ecology:ECOSYSTEMS": str(out / "esv_types.gpkg"),
                    "network:CORRIDORS": str(out / "corridors.gpkg"),
                    "priority:OUTPUT": str(out / "priority.gpkg"),
                },
                _PLAN["log"],
            ),
            out,
        )
    return _PLAN["result"]


def test_the_plan_log_is_sentences_not_python(plan_result):
    # Each step says what it does; Processing's "Results: {'OUTPUT': 'Disturbed_land_…'}"
    # after each child run is not for the user (the last line is the plan's own results,
    # printed by processing.run outside the plan).
    lines = _PLAN["log"].lines[:-1]
    assert any(line.startswith("Step 1") for line in lines)
    assert [line for line in lines if "{'" in line or "'OUTPUT'" in line] == []


def test_the_plan_run_on_the_sample(plan_result):
    result, _ = plan_result
    total = damaged_m2(result["classify:DISTURBED"])
    assert 200e4 < total < 220e4  # about 209.6 hm² (README)
    suitability = QgsVectorLayer(result["evaluate:SUITABILITY"], "s", "ogr")
    # No polluted piece is proposed for food crops against the pack: class 2 never
    # cultivated or garden; class 1 cultivated only with the safe-use measure.
    for feature in suitability.getFeatures():
        if feature["pollution"] == 2:
            assert feature["use_proposed"] not in ("cultivated", "garden")
        if feature["pollution"] == 1 and feature["use_proposed"] == "cultivated":
            assert "安全利用" in feature["measures"] or "safe use" in feature["measures"]
        if feature["dist_type"] == "pollution":
            assert feature["pollution"] in (1, 2)
    # The units tile the disturbed land; the 24 m dump's 33° faces are units of their own
    # and are not cultivated (issue 14); subsided rural roads are rebuilt as 1006.
    assert damaged_m2(suitability) == pytest.approx(total, rel=1e-9)
    faces = [f for f in suitability.getFeatures() if f["landform"] == "face"]
    dump_faces = [f for f in faces if f["dist_type"] == "occupation"]
    assert sum(f["area_m2"] for f in dump_faces) > 5e4
    assert all(f["use_proposed"] != "cultivated" for f in dump_faces)
    assert all(f["slope_deg"] > 25 for f in dump_faces)
    roads = [f for f in suitability.getFeatures() if f["dlbm_before"] == "1006"]
    assert roads
    for road in roads:
        if road["use_proposed"] != "water":
            assert (road["use_proposed"], road["dlbm"]) == ("restore", "1006")
    assert sorted(f["unit_id"] for f in suitability.getFeatures()) == list(
        range(1, suitability.featureCount() + 1)
    )
    # The appendix of units (附表): one row per unit by number, in Chinese (a pack of China).
    tables = ogr.Open(result["summarize:TABLES"])
    appendix = tables.GetLayerByName("unit_appendix")
    rows = {f.GetField("unit_id"): f for f in appendix}
    units = {f["unit_id"]: f for f in suitability.getFeatures()}
    assert sorted(rows) == sorted(units)
    words = {1: "一等", 2: "二等", 3: "三等", 4: "不宜", 0: "未评价"}
    for number, unit in units.items():
        row = rows[number]
        assert row.GetField("grade_cultivated_name") == words[unit["grade_cultivated"]]
        assert row.GetField("dlbm") == unit["dlbm"]
        assert row.GetField("area_m2") == pytest.approx(unit["area_m2"], rel=1e-6)
    assert sum(f.GetField("area_m2") for f in appendix) == pytest.approx(total, rel=1e-6)
    # 土地权属: the sample's land-use layer has QSDWMC, found by name.
    ownership = {f.GetField("row_kind"): f for f in tables.GetLayerByName("ownership")}
    assert ownership["total"].GetField("damaged_m2") == pytest.approx(total, rel=1e-6)


def test_toolbox_steps_give_the_same_damaged_area(processing_provider, sample, plan_result):
    result, _ = plan_result
    inputs = plan_inputs(sample)
    predicted = run(
        "predictsubsidence",
        {
            "PANELS": inputs["PANELS"],
            **PANEL_FIELDS,
            "DEM": inputs["DEM_BEFORE"],
            "GROUNDWATER_DEPTH": inputs["GROUNDWATER_DEPTH"],
            "SUBSIDENCE": "TEMPORARY_OUTPUT",
            "TILT": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
        },
    )
    keys = ("DEM_BEFORE", "DEM_AFTER", "UNDERMINED", "GROUNDWATER_DEPTH", "FACILITIES",
            "FACILITY_TYPE_FIELD", "SOIL_SAMPLES", "LANDUSE", "LANDUSE_CODE_FIELD", "AREA",
            "RULES")  # fmt: skip
    classified = run(
        "classifydisturbance",
        {
            **{key: inputs[key] for key in keys},
            **{k: predicted[k] for k in ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION")},
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    assert damaged_m2(classified["OUTPUT"]) == pytest.approx(
        damaged_m2(result["classify:DISTURBED"]), rel=1e-4
    )


@pytest.fixture
def project_layers(qgis_new_project, processing_provider, sample):
    layers = {name: QgsVectorLayer(source(sample, name), name, "ogr") for name in GPKG_LAYERS}
    layers |= {name: QgsRasterLayer(str(sample / f"{name}.tif"), name) for name in RASTERS}
    assert all(layer.isValid() for layer in layers.values())
    qgis_new_project.addMapLayers(list(layers.values()))
    return layers


@contextlib.contextmanager
def shown(window, stop):
    """Show a wizard or dialog; afterwards stop its run, wait for it and delete it."""
    window.show()
    try:
        yield window
    finally:
        stop()
        wait_until(lambda: not window.is_running(), 60)
        window.close()
        window.deleteLater()
        flush_deleted_objects()


def test_the_wizard_with_its_own_suggestions(project_layers, plan_result, iface, tmp_path):
    result, _ = plan_result
    wizard = PlanWizard(iface)
    wizard.opened = []
    wizard.open_url = wizard.opened.append
    with shown(wizard, wizard.cancel_run):
        evidence, land = wizard.evidence_page, wizard.land_page
        evidence.area_combo.setLayer(project_layers["项目区范围"])
        evidence.dem_before_combo.setLayer(project_layers["dem_before"])
        evidence.dem_after_combo.setLayer(project_layers["dem_after"])
        evidence.undermined_combo.setLayer(project_layers["采动影响范围"])
        evidence.panels_combo.setLayer(project_layers["开采工作面"])
        evidence.samples_combo.setLayer(project_layers["土壤采样点"])
        evidence.facilities_combo.setLayer(project_layers["矿山设施"])
        assert evidence.problem() == ""  # the type field and its values are suggested
        wizard.next()
        assert wizard.currentId() == PREDICTION_PAGE
        assert wizard.prediction_page.parameters() == {
            **PANEL_FIELDS,
            "SUBSIDENCE_FACTOR": 0.8,
            "TAN_BETA": 2.0,
            "HORIZONTAL_COEFFICIENT": 0.3,
            "OFFSET": 0.0,
            "PROPAGATION_ANGLE": 90.0,
            "DIP": 0.0,
        }
        wizard.next()
        land.landuse_combo.setLayer(project_layers["土地利用现状"])
        land.soil_combo.setLayer(project_layers["土壤图斑"])  # mapping suggested
        land.groundwater_combo.setLayer(project_layers["groundwater_depth"])
        land.water_combo.setLayer(project_layers["河流"])
        assert "pH值=ph" in land.soil_fields_edit.text()
        wizard.next()
        assert wizard.rules_page.problem() == ""
        wizard.next()
        assert wizard.currentId() == WORK_PLAN_PAGE
        plan = wizard.work_plan_page
        assert plan.mining_year_combo.currentField() == "开采年份"  # suggested by its name
        plan.service_box.setChecked(True)
        plan.first_year_spin.setValue(2027)
        plan.production_spin.setValue(8)
        plan.settling_spin.setValue(2)
        plan.aftercare_spin.setValue(3)
        wizard.next()
        assert wizard.currentId() == OUTPUTS_PAGE
        wizard.outputs_page.folder_widget.setFilePath(str(tmp_path / "成果"))
        wizard.next()
        assert wizard.currentId() == RUN_PAGE
        wait_until(lambda: not wizard.is_running(), 240)
        assert wizard.runner.error_message == ""
        disturbed = wizard.runner.output_layers["classify:DISTURBED"]
        assert damaged_m2(disturbed) == pytest.approx(
            damaged_m2(result["classify:DISTURBED"]), rel=1e-4
        )
        # Every reclaimed hm² of the sample is in a stage of the work plan (none is kept).
        tables = ogr.Open(str(tmp_path / "成果" / TABLES_NAME))
        stages = {f["row_kind"]: f["works_hm2"] for f in tables.GetLayerByName("work_plan")}
        assert stages["total"] == pytest.approx(damaged_m2(disturbed) * 1e-4, rel=1e-4)
        tables = None
        # The 附图 are left in the project as layouts (a pack of China: Chinese names).
        layouts = {layout.name() for layout in QgsProject.instance().layoutManager().printLayouts()}
        assert {"附图1 土地利用现状图", "附图2 土地损毁分析图", "附图3 土地复垦规划图"} <= layouts


def test_the_disturbance_dialog_with_prediction(project_layers, plan_result, iface):
    result, _ = plan_result
    dialog = DisturbanceDialog(iface)
    with shown(dialog, dialog.cancel):
        dialog.dem_before_combo.setLayer(project_layers["dem_before"])
        dialog.dem_after_combo.setLayer(project_layers["dem_after"])
        dialog.undermined_combo.setLayer(project_layers["采动影响范围"])
        dialog.groundwater_combo.setLayer(project_layers["groundwater_depth"])
        dialog.predict_group.setChecked(True)
        dialog.panels_combo.setLayer(project_layers["开采工作面"])
        dialog.facilities_combo.setLayer(project_layers["矿山设施"])
        dialog.samples_combo.setLayer(project_layers["土壤采样点"])
        dialog.landuse_combo.setLayer(project_layers["土地利用现状"])
        dialog.area_combo.setLayer(project_layers["项目区范围"])
        prediction = dialog.prediction_parameters()
        for key, field_name in PANEL_FIELDS.items():
            assert prediction[key] == field_name  # the panels' own fields, by name
        assert dialog.input_problem() == ""
        dialog.run_button.click()
        wait_until(lambda: not dialog.is_running(), 240)
        assert dialog.runner.error_message == ""
        assert damaged_m2(dialog.runner.output_layers["OUTPUT"]) == pytest.approx(
            damaged_m2(result["classify:DISTURBED"]), rel=1e-4
        )


def test_make_demo_gives_the_same_damaged_area(processing_provider, sample, plan_result, tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import demo

    result, _ = plan_result
    figures = demo.main(tmp_path / "demo", sample, echo=lambda *_: None)
    assert figures["damaged_hm2"] * 1e4 == pytest.approx(
        damaged_m2(result["classify:DISTURBED"]), rel=1e-4
    )


def test_the_wizard_says_before_the_run_what_the_rule_pack_lacks(project_layers, iface):
    wizard = PlanWizard(iface)
    try:
        evidence, land, rules = wizard.evidence_page, wizard.land_page, wizard.rules_page
        evidence.facilities_combo.setLayer(project_layers["矿山设施"])
        land.soil_combo.setLayer(project_layers["土壤图斑"])
        rules.reload_pack()
        # No DEM after mining: the slope is missing; the suggested soil mapping gives the rest.
        problem = rules.problem()
        assert "slope_deg" in problem
        assert "DEM" in problem
        land.soil_fields_edit.setText("有效土层厚度=soil_thickness_cm")  # pH not mapped
        evidence.dem_after_combo.setLayer(project_layers["dem_after"])
        problem = rules.problem()
        assert "ph" in problem
        assert "pH值" in problem  # the field that could serve
        land.soil_fields_edit.setText("有效土层厚度=soil_thickness_cm;土种=ph")
        assert "土种" in rules.problem()  # text for a number
        land.soil_fields_edit.setText("有效土层厚度=soil_thickness_cm;pH值=ph;质地=texture")
        assert rules.problem() == ""
    finally:
        wizard.close()
        wizard.deleteLater()
        flush_deleted_objects()


def test_an_english_report_of_a_chinese_plan(plan_result, sample, tmp_path):
    # The reverse of the demo's Chinese report: asked in English, the deliverables hold
    # Chinese only where the user's data puts it (the land-use layer's owner names).
    result, _ = plan_result
    landuse = QgsVectorLayer(source(sample, "土地利用现状"), "landuse", "ogr")
    owners = {str(feature["QSDWMC"]) for feature in landuse.getFeatures()}
    paths = {kind: tmp_path / f"report.{kind}" for kind in ("html", "xlsx", "docx")}
    run(
        "summarizeplan",
        {
            "DISTURBANCE": result["classify:DISTURBED"],
            "SUITABILITY": result["evaluate:SUITABILITY"],
            "LANDUSE": source(sample, "土地利用现状"),
            "AREA": source(sample, "项目区范围"),
            "REPORT_LANGUAGE": 2,
            # The ecology chapter too (names from the pack, units of money as symbols).
            "ESV_SERVICES": result["ecology:SERVICES"],
            "ESV_ECOSYSTEMS": result["ecology:ECOSYSTEMS"],
            "CORRIDORS": result["network:CORRIDORS"],
            "PRIORITY": result["priority:OUTPUT"],
            "TABLES": str(tmp_path / "tables.gpkg"),
            "REPORT_HTML": str(paths["html"]),
            "REPORT_XLSX": str(paths["xlsx"]),
            "REPORT_DOCX": str(paths["docx"]),  # python3-docx: make deps installs it
        },
    )
    texts = deliverable_texts(tmp_path)
    assert set(texts) == {"html", "xlsx", "docx"}
    for kind, text in texts.items():
        assert "Damaged land" in text, kind
        assert "hydrological regulation" in text, kind  # the ESV table, in English
        assert "Cumulative resistance" in text, kind  # the corridors
        assert chinese_runs(text, owners | {"亩", "元"}) == set(), kind  # units


def test_the_plan_states_its_quantities(plan_result):
    # The plan run includes the quantities (cn-reclamation states its works): the report's
    # 工程量 table sums the works rows, and the cover soil is Σ area × thickness of the dug
    # and buried units to cultivate (0.5 m), forest or grass (0.3 m), areas by pyproj.
    from pyproj import Geod, Transformer

    result, _ = plan_result
    works = QgsVectorLayer(result["quantities:WORKS"], "works", "ogr")
    sums: dict[tuple, float] = {}
    for feature in works.getFeatures():
        key = (feature["item"], feature["part"] or "")
        sums[key] = sums.get(key, 0.0) + feature["quantity"]
    tables = ogr.Open(result["summarize:TABLES"])
    summary = {
        (f.GetField("item"), f.GetField("part") or ""): f.GetField("quantity")
        for f in tables.GetLayerByName("works_summary")
    }
    assert set(summary) == set(sums)
    for key, total in sums.items():
        counted = key[0] in ("tree_planting", "monitoring_points")  # whole plants, points
        expected = math.ceil(total - 1e-9) if counted else total
        assert summary[key] == pytest.approx(expected, rel=1e-6, abs=1e-3), key
    suitability = QgsVectorLayer(result["evaluate:SUITABILITY"], "s", "ogr")
    to_lonlat = Transformer.from_crs(suitability.crs().authid(), "EPSG:4490", always_xy=True)
    geod = Geod(ellps="GRS80")
    thickness = {"cultivated": 0.5, "forest": 0.3, "grass": 0.3}
    cover = 0.0
    for feature in suitability.getFeatures():
        if feature["dist_type"] not in ("excavation", "occupation"):
            continue
        if feature["use_proposed"] not in thickness:
            continue
        for polygon in feature.geometry().asMultiPolygon():
            for index, ring in enumerate(polygon):
                lon, lat = to_lonlat.transform([p.x() for p in ring], [p.y() for p in ring])
                area = abs(geod.polygon_area_perimeter(lon, lat)[0])
                cover += (area if index == 0 else -area) * thickness[feature["use_proposed"]]
    balance = {f.GetField("item"): f.GetField("m3") for f in tables.GetLayerByName("earth_balance")}
    assert cover > 0
    assert balance["topsoil_cover"] == pytest.approx(cover, rel=1e-3)
    assert balance["earth_cut"] == pytest.approx(sums[("land_levelling", "cut")], rel=1e-6)
