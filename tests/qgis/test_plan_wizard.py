"""The plan wizard driven like a user: page validation, a whole run into a folder with a
Chinese name and spaces, the report opened at the end, memory, Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsGeometry, QgsLayerTree, QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtWidgets import QWizard

from plugin.gui.plan_wizard import (
    EVIDENCE_PAGE,
    GEOPACKAGE_NAME,
    HTML_KEY,
    LAND_PAGE,
    OUTPUTS_PAGE,
    REPORT_NAMES,
    RULES_PAGE,
    RUN_PAGE,
    SETTINGS_PREFIX,
    TABLES_NAME,
    WORK_PLAN_PAGE,
    PlanWizard,
    free_run_number,
    open_plan_wizard,
    output_destinations,
    output_files,
    soil_fields_suggestion,
)
from tests.qgis.conftest import flush_deleted_objects
from tests.qgis.test_disturbance_dialog import CRS, box, memory_layer
from tests.qgis.test_gui_runner import wait_until
from tests.qgis.test_reclamation_model import write_layers

ALL_REPORTS = set(REPORT_NAMES)


@pytest.fixture
def clean_settings():
    def clear():
        QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))

    clear()
    yield
    clear()


@pytest.fixture
def mine(qgis_new_project, processing_provider, clean_settings, tmp_path):
    """The small mine of the model test, loaded into the project."""
    uris = write_layers(tmp_path)
    layers = {name: QgsVectorLayer(uri, name, "ogr") for name, uri in uris.items()}
    assert all(layer.isValid() for layer in layers.values())
    assert qgis_new_project.addMapLayers(list(layers.values()))
    return layers


@pytest.fixture
def make_wizard(iface):  # noqa: QGS105 (a fixture)
    made = []

    def make():
        wizard = PlanWizard(iface)
        wizard.opened = []
        wizard.open_url = wizard.opened.append
        wizard.show()
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.cancel_run()
        wait_until(lambda wizard=wizard: not wizard.is_running(), 60)
        wizard.close()
        wizard.deleteLater()
    flush_deleted_objects()


def next_enabled(wizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def fill(wizard, mine, folder: Path, reports=frozenset({HTML_KEY})):
    evidence, land, outputs = wizard.evidence_page, wizard.land_page, wizard.outputs_page
    evidence.facilities_combo.setLayer(mine["设施"])
    land.landuse_combo.setLayer(mine["地类"])
    land.soil_combo.setLayer(mine["土壤"])
    outputs.folder_widget.setFilePath(str(folder))
    outputs.title_edit.setText("示例矿山复垦方案")
    for key, check in outputs.report_checks().items():
        check.setChecked(key in reports)


def go_to_run(wizard):
    for expected in (EVIDENCE_PAGE, LAND_PAGE, RULES_PAGE, WORK_PLAN_PAGE, OUTPUTS_PAGE):
        assert wizard.currentId() == expected
        assert next_enabled(wizard), wizard.currentPage().problem()
        wizard.next()
    assert wizard.currentId() == RUN_PAGE


def groups(project: QgsProject):
    return [node for node in project.layerTreeRoot().children() if QgsLayerTree.isGroup(node)]


# --- pure helpers -------------------------------------------------------------------------


def test_output_files_are_all_in_the_folder(tmp_path):
    folder = tmp_path / "复垦 成果"
    files = output_files(folder, {HTML_KEY})
    assert files["classify:DISTURBED"] == str(folder / GEOPACKAGE_NAME)
    assert files["summarize:TABLES"] == str(folder / TABLES_NAME)
    assert files[HTML_KEY] == str(folder / REPORT_NAMES[HTML_KEY])
    assert "summarize:REPORT_PDF" not in files
    destinations = output_destinations(folder, ALL_REPORTS)
    assert destinations["evaluate:SUITABILITY"] == (
        f"ogr:dbname='{folder / GEOPACKAGE_NAME}' table=\"suitability\""
    )
    assert destinations["summarize:REPORT_XLSX"].endswith(".xlsx")
    assert output_files(folder, set(), 2)["summarize:TABLES"] == str(
        folder / "reclamation_plan_tables_2.gpkg"
    )


def test_a_run_never_writes_over_an_earlier_one(tmp_path):
    assert free_run_number(tmp_path / "不存在") == 1
    (tmp_path / GEOPACKAGE_NAME).write_bytes(b"")
    assert free_run_number(tmp_path) == 2
    (tmp_path / "reclamation_plan_report_2.pdf").write_bytes(b"")  # any file of run 2
    assert free_run_number(tmp_path) == 3


def test_soil_fields_are_suggested_from_factor_like_names():
    assert soil_fields_suggestion(["slope_deg", "ph", "名称"]) == ""  # used by their names
    suggestion = soil_fields_suggestion(["编号", "有机质", "土层厚度", "ph", "下沉深度", "名称"])
    assert set(suggestion.split(";")) == {
        "有机质=organic_matter_gkg",
        "土层厚度=soil_thickness_cm",
        "ph=ph",
        "下沉深度=subsidence_m",
    }
    assert soil_fields_suggestion(["编号", "名称"]) == ""


# --- page validation ------------------------------------------------------------------------


def test_the_evidence_page_explains_what_is_missing(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    page = wizard.evidence_page
    assert wizard.currentId() == EVIDENCE_PAGE
    assert page.area_combo.currentLayer() is None
    assert page.area_combo.currentText() == "(none)"  # not blank with polygon layers around
    assert not next_enabled(wizard)
    assert not page.validatePage()
    assert "evidence" in page.problem_label.text()
    wizard.next()
    assert wizard.currentId() == EVIDENCE_PAGE  # blocked

    dem = tmp_path / "dem.tif"
    _write_flat_dem(dem)
    from qgis.core import QgsRasterLayer

    raster = QgsRasterLayer(str(dem), "采前DEM")
    assert QgsProject.instance().addMapLayer(raster)
    page.dem_before_combo.setLayer(raster)
    assert "both DEMs" in page.problem_label.text()
    assert not next_enabled(wizard)
    page.dem_after_combo.setLayer(raster)
    assert next_enabled(wizard)
    assert page.problem_label.text() == ""

    facilities = memory_layer(
        f"Polygon?crs={CRS}&field=类型:string",
        "设施二",
        [(box(0, 0, 100), ("排土场",)), (box(200, 0, 50), ("炸药库",))],
    )
    assert QgsProject.instance().addMapLayer(facilities)
    page.facilities_combo.setLayer(facilities)
    assert page.facility_field_combo.currentField() == "类型"  # suggested by its name
    assert page.facility_table.is_highlighted("炸药库")
    assert "炸药库" in page.problem_label.text()
    assert not next_enabled(wizard)
    page.facility_table.set_type("炸药库", "occupation")
    assert next_enabled(wizard)
    assert page.facility_type_map() == "炸药库=occupation"
    page.facility_field_combo.setField("")
    assert "type" in page.problem_label.text()
    assert not page.validatePage()


def test_the_land_and_soil_page_checks_fields(mine, make_wizard):
    wizard = make_wizard()
    wizard.evidence_page.facilities_combo.setLayer(mine["设施"])
    wizard.next()
    page = wizard.land_page
    assert wizard.currentId() == LAND_PAGE
    assert next_enabled(wizard)  # everything here is optional
    page.landuse_combo.setLayer(mine["地类"])
    assert page.landuse_field_combo.currentField() == "DLBM"  # suggested
    page.landuse_field_combo.setField("")
    assert "GB/T 21010" in page.problem_label.text()
    assert not next_enabled(wizard)
    page.landuse_field_combo.setField("DLBM")

    soil = memory_layer(
        f"Polygon?crs={CRS}&field=编号:string&field=有机质:double&field=土层厚度:double",
        "土壤图",
        [(box(0, 0, 500), ("1", 12.0, 60.0))],
    )
    assert QgsProject.instance().addMapLayer(soil)
    page.soil_combo.setLayer(soil)
    assert set(page.soil_fields_edit.text().split(";")) == {
        "有机质=organic_matter_gkg",
        "土层厚度=soil_thickness_cm",
    }
    assert next_enabled(wizard)
    page.soil_fields_edit.setText("编号=organic_matter_gkg;pH值=ph")
    assert "pH值" in page.problem_label.text()
    page.soil_fields_edit.setText("有机质=humus")
    assert "humus" in page.problem_label.text()
    page.soil_fields_edit.setText("有机质")
    assert "name=value" in page.problem_label.text()
    page.soil_fields_edit.setText("")
    assert "土层厚度=soil_thickness_cm" in page.problem_label.text()  # no factor by name
    assert not page.validatePage()
    page.soil_fields_edit.setText("有机质=organic_matter_gkg")
    assert next_enabled(wizard)
    parameters = wizard.parameters()
    assert parameters["SOIL"] == soil.id()
    assert parameters["SOIL_FIELDS"] == "有机质=organic_matter_gkg"
    assert parameters["LANDUSE_CODE_FIELD"] == "DLBM"
    assert "ZONES" not in parameters  # no layer of one's own: the plugin makes the units


def test_your_own_evaluation_units(mine, make_wizard):
    wizard = make_wizard()
    wizard.evidence_page.facilities_combo.setLayer(mine["设施"])
    wizard.next()
    page = wizard.land_page
    assert not page.units_field_combo.isEnabled()
    page.units_combo.setLayer(mine["地类"])
    assert page.units_field_combo.isEnabled()
    page.units_field_combo.setField("DLBM")
    parameters = wizard.parameters()
    assert parameters["ZONES"] == mine["地类"].id()
    assert parameters["ZONE_FIELD"] == "DLBM"
    assert parameters["SPLIT_BY_SLOPE"] is False  # your units as they are, unless asked
    page.units_split_check.setChecked(True)
    assert wizard.parameters()["SPLIT_BY_SLOPE"] is True


def test_the_report_language_is_a_choice(mine, make_wizard):
    wizard = make_wizard()
    assert wizard.parameters()["REPORT_LANGUAGE"] == 0  # by the rule pack's region
    wizard.outputs_page.language_combo.setCurrentIndex(2)
    assert wizard.parameters()["REPORT_LANGUAGE"] == 2  # English


def test_the_project_overview(mine, make_wizard):
    wizard = make_wizard()
    table = wizard.outputs_page.project_table
    assert "PROJECT_INFO" not in wizard.parameters()  # nothing filled in
    table.item(0, 1).setText("示范煤矿")
    table.item(2, 1).setText("井工开采；综采")  # a full-width ';' stays inside the value
    assert wizard.parameters()["PROJECT_INFO"] == "mine_name=示范煤矿;mining_method=井工开采，综采"
    again = type(table)()
    again.set_text(wizard.parameters()["PROJECT_INFO"])
    assert again.item(0, 1).text() == "示范煤矿"


def test_the_rules_page_describes_the_pack(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果")  # the soil gives every factor the pack needs
    page = wizard.rules_page
    page.rules_combo.setCurrentIndex(page.rules_combo.findData("cn-reclamation"))
    text = page.description_label.text()
    assert "limiting-factor" in text or "极限条件法" in text  # title in the UI language
    assert "Method: limiting-factor method" in text
    assert page.problem() == ""
    page.rules_combo.setCurrentIndex(page.rules_combo.findData("<file>"))
    assert page.rules_file.isEnabled()
    assert "rule-pack file" in page.problem()
    missing = str(tmp_path / "不存在 的规则包.json")
    page.rules_file.setFilePath(missing)
    assert missing in page.problem_label.text()
    assert not page.isComplete()
    assert wizard.parameters()["RULES"] == missing


def test_the_outputs_page_needs_a_folder_and_creates_it(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    page = wizard.outputs_page
    page.folder_widget.setFilePath("")
    assert "folder" in page.problem()
    assert not page.validatePage()
    a_file = tmp_path / "a file.txt"
    a_file.write_text("x", encoding="utf-8")
    page.folder_widget.setFilePath(str(a_file))
    assert "not a folder" in page.problem_label.text()
    folder = tmp_path / "新 文件夹" / "成果"
    page.folder_widget.setFilePath(str(folder))
    page.title_edit.setText(" ")
    assert "title" in page.problem()
    page.title_edit.setText("复垦方案")
    assert page.validatePage()
    assert folder.is_dir()


# --- runs -----------------------------------------------------------------------------------


def test_a_whole_run_writes_the_folder_loads_one_group_and_opens_the_report(
    mine, make_wizard, tmp_path
):
    wizard = make_wizard()
    folder = tmp_path / "复垦 成果"
    fill(wizard, mine, folder, reports=ALL_REPORTS)
    assert wizard.land_page.landuse_field_combo.currentField() == "DLBM"
    assert wizard.land_page.soil_fields_edit.text() == ""  # canonical names: used as they are
    go_to_run(wizard)
    assert wizard.is_running()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wait_until(lambda: not wizard.is_running(), 180)

    runner = wizard.runner
    assert runner.error_message == ""
    for name in (GEOPACKAGE_NAME, TABLES_NAME, *REPORT_NAMES.values()):
        assert (folder / name).is_file(), name
    html_report = folder / REPORT_NAMES[HTML_KEY]
    assert "示例矿山复垦方案" in html_report.read_text(encoding="utf-8")
    assert [url.toLocalFile() for url in wizard.opened] == [str(html_report)]

    layers = runner.output_layers
    assert set(layers) == {
        "classify:DISTURBED",
        "classify:DISTURBED_SUMMARY",
        "evaluate:SUITABILITY",
        "evaluate:SUITABILITY_SUMMARY",
    }
    for layer in layers.values():
        assert GEOPACKAGE_NAME in layer.source()
    (group,) = groups(wizard.project)
    assert group is runner.group
    assert group.name() == wizard.run_name
    assert wizard.run_name.startswith("Reclamation plan ")
    assert layers["classify:DISTURBED"].name() == "Disturbed land"
    assert {node.layerId() for node in group.findLayers()} == {
        layer.id() for layer in layers.values()
    }
    assert {f["dlbm"] for f in layers["evaluate:SUITABILITY"].getFeatures()} == {"0103"}

    page = wizard.run_page
    assert page.progress_bar.value() == 100
    summary = page.summary_label.text()
    assert group.name() in summary
    assert "hm²" in summary
    assert "复垦 成果" in summary
    assert not page.cancel_button.isEnabled()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()


def test_reports_not_chosen_are_not_written_and_nothing_is_opened(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    folder = tmp_path / "成果"
    fill(wizard, mine, folder, reports=frozenset({"summarize:REPORT_XLSX"}))
    parameters = wizard.parameters()
    assert HTML_KEY not in parameters
    assert "summarize:REPORT_PDF" not in parameters
    go_to_run(wizard)
    wait_until(lambda: not wizard.is_running(), 180)

    assert wizard.runner.error_message == ""
    assert (folder / REPORT_NAMES["summarize:REPORT_XLSX"]).is_file()
    assert not (folder / REPORT_NAMES[HTML_KEY]).exists()
    assert not (folder / REPORT_NAMES["summarize:REPORT_PDF"]).exists()
    assert wizard.opened == []


def test_a_failing_run_says_why_and_allows_going_back(mine, make_wizard, tmp_path):
    from tests.helpers import ROOT

    pack = tmp_path / "我的 规则包.json"
    pack.write_bytes((ROOT / "resources" / "rules" / "cn-reclamation.json").read_bytes())
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果")
    rules = wizard.rules_page
    rules.rules_combo.setCurrentIndex(rules.rules_combo.findData("<file>"))
    rules.rules_file.setFilePath(str(pack))
    assert rules.problem() == ""
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == OUTPUTS_PAGE
    pack.write_text("{", encoding="utf-8")  # broken after its page accepted it
    wizard.next()
    assert wizard.currentId() == RUN_PAGE
    wait_until(lambda: not wizard.is_running(), 180)

    assert "JSON" in wizard.runner.error_message
    assert "JSON" in wizard.run_page.summary_label.text()
    assert "JSON" in wizard.run_page.log_view.toPlainText()
    assert groups(wizard.project) == []
    assert wizard.opened == []
    wizard.back()
    assert wizard.currentId() == OUTPUTS_PAGE
    wizard.back()
    assert wizard.currentId() == WORK_PLAN_PAGE
    wizard.back()
    assert wizard.currentId() == RULES_PAGE
    assert not wizard.rules_page.isComplete()  # the page now says it too
    assert "JSON" in wizard.rules_page.problem()


def test_cancel_stops_a_run(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果")
    before = set(wizard.project.mapLayers())
    go_to_run(wizard)
    assert wizard.run_page.cancel_button.isEnabled()
    wizard.run_page.cancel_button.click()
    wait_until(lambda: not wizard.is_running(), 60)

    assert "cancelled" in wizard.run_page.log_view.toPlainText()
    assert "cancelled" in wizard.run_page.summary_label.text()
    assert set(wizard.project.mapLayers()) == before
    assert groups(wizard.project) == []
    assert wizard.opened == []
    assert not wizard.run_page.cancel_button.isEnabled()
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()


# --- memory and reuse -------------------------------------------------------------------------


def test_inputs_are_remembered_when_the_wizard_is_reopened(mine, make_wizard, tmp_path):
    facilities = memory_layer(
        f"Polygon?crs={CRS}&field=类型:string",
        "设施二",
        [(box(0, 0, 100), ("排土场",)), (box(200, 0, 50), ("炸药库",))],
    )
    assert QgsProject.instance().addMapLayer(facilities)
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果", reports=frozenset({HTML_KEY, "summarize:REPORT_PDF"}))
    wizard.evidence_page.facilities_combo.setLayer(facilities)
    wizard.evidence_page.facility_table.set_type("炸药库", "none")
    wizard.evidence_page.underground_check.setChecked(True)
    wizard.land_page.soil_fields_edit.setText("ph=ph")
    wizard.rules_page.rules_combo.setCurrentIndex(wizard.rules_page.rules_combo.findData("fao-sys"))
    expected = wizard.parameters()
    wizard.close()  # closing remembers

    again = make_wizard()
    assert again is not wizard
    assert again.evidence_page.facilities_combo.currentLayer() is facilities
    assert again.evidence_page.facility_table.choices()["炸药库"] == "none"
    assert again.land_page.soil_fields_edit.text() == "ph=ph"
    assert again.outputs_page.pdf_check.isChecked()
    assert not again.outputs_page.xlsx_check.isChecked()
    assert again.parameters() == expected
    assert expected["FACILITY_TYPE_MAP"] == "炸药库=none"
    assert expected["UNDERGROUND"] is True
    assert expected["RULES"] == "fao-sys"


def test_open_reuses_the_wizard_until_it_is_shut_down(mine, iface):  # noqa: QGS105 (a fixture)
    first = open_plan_wizard(iface)
    try:
        assert open_plan_wizard(iface, first) is first
        assert first.isVisible()
        first.close()
        assert open_plan_wizard(iface, first) is first  # closed, not deleted
        assert first.currentId() == EVIDENCE_PAGE
    finally:
        first.shutdown()
        flush_deleted_objects()
    second = open_plan_wizard(iface, first)
    try:
        assert second is not first
    finally:
        second.shutdown()
        flush_deleted_objects()


def _write_flat_dem(path):
    import numpy as np

    from tests.qgis.test_disturbance_dialog import X0, Y0
    from tests.rasters import write_tif

    write_tif(path, np.full((20, 20), 100.0), (X0, 10.0, 0.0, Y0 + 200, 0.0, -10.0), 4547)


def test_a_second_run_into_the_same_folder_keeps_the_first(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    folder = tmp_path / "成果"
    fill(wizard, mine, folder)
    go_to_run(wizard)
    wait_until(lambda: not wizard.is_running(), 180)
    assert wizard.runner.error_message == ""
    first_group = wizard.runner.group
    first_report = folder / REPORT_NAMES[HTML_KEY]
    wizard.back()
    wizard.outputs_page.title_edit.setText("第二轮方案")
    wizard.next()  # runs again, with the first run's layers still in the project
    wait_until(lambda: not wizard.is_running(), 180)

    assert wizard.runner.error_message == ""
    second_report = folder / "reclamation_plan_report_2.html"
    assert "第二轮方案" in second_report.read_text(encoding="utf-8")
    assert "第二轮方案" not in first_report.read_text(encoding="utf-8")
    assert (folder / "reclamation_plan_2.gpkg").is_file()
    assert [url.toLocalFile() for url in wizard.opened] == [str(first_report), str(second_report)]
    assert len(groups(wizard.project)) == 2
    assert wizard.runner.group is not first_group
    suitability = wizard.runner.output_layers["evaluate:SUITABILITY"]
    assert "reclamation_plan_2.gpkg" in suitability.source()
    assert suitability.featureCount() > 0


def test_closing_the_wizard_lets_the_run_finish(mine, make_wizard, tmp_path):
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果")
    go_to_run(wizard)
    wizard.button(QWizard.WizardButton.CancelButton).click()  # labelled "Close" here
    assert not wizard.isVisible()
    wait_until(lambda: not wizard.is_running(), 180)

    assert wizard.runner.error_message == ""
    assert len(groups(wizard.project)) == 1
    assert len(wizard.opened) == 1


def test_topsoil_stripping_areas_reach_the_plan(mine, make_wizard):
    # The areas stripped before damage and their depth field go to the plan's quantities
    # step; without a depth field, the rule pack's depth (no TOPSOIL_DEPTH_FIELD).
    wizard = make_wizard()
    page = wizard.land_page
    assert not page.stripping_field_combo.isEnabled()
    stripping = memory_layer(
        f"Polygon?crs={CRS}&field=名称:string&field=剥离厚度:double&field=剥离年份:integer",
        "表土剥离区",
        [(box(0, 0, 200), ("甲", 0.4, 2028))],
    )
    assert QgsProject.instance().addMapLayer(stripping)
    page.stripping_combo.setLayer(stripping)
    assert page.stripping_field_combo.isEnabled()
    parameters = wizard.parameters()
    assert parameters["TOPSOIL_SOURCES"] == stripping.id()
    assert "TOPSOIL_DEPTH_FIELD" not in parameters
    page.stripping_field_combo.setField("剥离厚度")
    assert wizard.parameters()["TOPSOIL_DEPTH_FIELD"] == "剥离厚度"
    assert "TOPSOIL_YEAR_FIELD" not in wizard.parameters()
    page.stripping_year_combo.setField("剥离年份")
    assert wizard.parameters()["TOPSOIL_YEAR_FIELD"] == "剥离年份"
    # Stockpiles with their capacity field; without the field they hold any volume.
    piles = memory_layer(
        f"Point?crs={CRS}&field=容量:double",
        "堆土场",
        [(QgsGeometry.fromWkt("POINT(500000 4000000)"), (900.0,))],
    )
    assert QgsProject.instance().addMapLayer(piles)
    assert not page.stockpile_field_combo.isEnabled()
    page.stockpile_combo.setLayer(piles)
    assert wizard.parameters()["STOCKPILES"] == piles.id()
    assert "STOCKPILE_CAPACITY_FIELD" not in wizard.parameters()
    page.stockpile_field_combo.setField("容量")
    assert wizard.parameters()["STOCKPILE_CAPACITY_FIELD"] == "容量"


def test_the_work_plan_page_reaches_the_plan_and_its_report(mine, make_wizard, tmp_path):
    # Unchecked: no service period, no costs. Checked: the periods, the panels' mining-year
    # field suggested by its name, the example prices and cost structure; the run's report
    # has the work plan and the investment, and the page is remembered.
    from osgeo import ogr

    from tests.helpers import ROOT

    wizard = make_wizard()
    folder = tmp_path / "计划"
    fill(wizard, mine, folder)
    page = wizard.work_plan_page
    assert page.parameters() == {}
    panels = memory_layer(
        f"Polygon?crs={CRS}&field=工作面:string&field=开采年份:integer",
        "工作面",
        [(box(0, 0, 100), ("3101", 2028))],
    )
    assert QgsProject.instance().addMapLayer(panels)
    wizard.evidence_page.panels_combo.setLayer(panels)
    page.initializePage()
    assert page.mining_year_combo.currentField() == "开采年份"
    wizard.evidence_page.panels_combo.setLayer(None)  # the run below predicts nothing
    page.initializePage()
    page.service_box.setChecked(True)
    page.first_year_spin.setValue(2027)
    page.production_spin.setValue(0)
    page.settling_spin.setValue(0)
    assert "no year for the works" in page.problem()
    page.production_spin.setValue(6)
    page.settling_spin.setValue(2)
    page.aftercare_spin.setValue(3)
    page.cost_box.setChecked(True)
    assert "unit prices" in page.problem()
    costs = ROOT / "resources" / "costs"
    page.prices_file.setFilePath(str(costs / "example_prices_sample_mine.csv"))
    page.costs_file.setFilePath(str(costs / "example_sample_mine.json"))
    assert page.problem() == ""
    parameters = wizard.parameters()
    assert {k: parameters[k] for k in ("FIRST_YEAR", "PRODUCTION_YEARS", "AFTERCARE_YEARS")} == {
        "FIRST_YEAR": 2027,
        "PRODUCTION_YEARS": 6,
        "AFTERCARE_YEARS": 3,
    }
    assert "MINING_YEAR_FIELD" not in parameters  # no panels
    wizard.restart()
    go_to_run(wizard)
    wait_until(lambda: not wizard.is_running(), 180)
    assert wizard.runner.error_message == ""
    dataset = ogr.Open(str(folder / TABLES_NAME))
    stages = [f.items() for f in dataset.GetLayerByName("work_plan")]
    assert [s["stage_name"] for s in stages] == ["第一阶段", "第二阶段", "第三阶段", "合计"]
    summary = {f["item"]: f["value"] for f in dataset.GetLayerByName("plan_summary")}
    assert summary["service_period"].startswith("11 年（2027–2037 年")
    assert "万元" in summary["dynamic"]
    wizard.save_settings()
    reopened = make_wizard()
    assert reopened.work_plan_page.service_box.isChecked()
    assert reopened.work_plan_page.production_spin.value() == 6
    assert reopened.work_plan_page.costs_file.filePath().endswith("example_sample_mine.json")


def test_second_lives_ask_for_their_layers_only_with_a_pack_that_turns_them_on(
    mine, make_wizard, tmp_path
):
    wizard = make_wizard()
    fill(wizard, mine, tmp_path / "成果")
    rules = wizard.rules_page
    assert rules.reuse_box.isHidden()  # cn-reclamation: reclamation only
    assert "SETTLEMENTS" not in wizard.parameters()
    rules.rules_combo.setCurrentIndex(rules.rules_combo.findData("cn-transformation"))
    assert not rules.reuse_box.isHidden()
    assert "Second lives" in rules.description_label.text() or "转型利用" in (
        rules.description_label.text()
    )
    rules.settlements_combo.setLayer(mine["设施"])
    parameters = wizard.parameters()
    assert parameters["RULES"] == "cn-transformation"
    assert parameters["SETTLEMENTS"] == mine["设施"].id()
    assert "GRID" not in parameters  # none chosen
