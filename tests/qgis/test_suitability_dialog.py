"""The suitability dialog driven like a user: suggestions, run, results, memory, failures."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject, QgsSettings, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from plugin.gui.result_rows import proposed_area_rows
from plugin.gui.run_dialog import OTHER_FILE
from plugin.gui.suitability_dialog import (
    SETTINGS_PREFIX,
    SuitabilityDialog,
    duplicate_factors,
    field_map_string,
    open_suitability_dialog,
)
from tests.qgis.conftest import flush_deleted_objects
from tests.qgis.test_gui_runner import chinese_units, wait_until

SUGGESTED = {"坡度=slope_deg", "有效土层厚度=soil_thickness_cm", "pH=ph"}


@pytest.fixture
def clean_settings():
    def clear():
        settings = QgsSettings()
        settings.remove(SETTINGS_PREFIX.rstrip("/"))

    clear()
    yield
    clear()


@pytest.fixture
def units(qgis_new_project, processing_provider, clean_settings):
    layer = chinese_units()
    assert qgis_new_project.addMapLayer(layer)
    return layer


@pytest.fixture
def make_dialog(iface):  # noqa: QGS105 (a fixture)
    made = []

    def make():
        dialog = SuitabilityDialog(iface)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.runner.cancel()
        wait_until(lambda dialog=dialog: not dialog.runner.is_running())
        dialog.close()
        dialog.deleteLater()
    flush_deleted_objects()


def run_and_wait(dialog):
    dialog.run_button.click()
    wait_until(lambda: not dialog.runner.is_running())


def message_bar_texts(dialog):
    return [item.text() for item in dialog.message_bar.items()]


def test_field_map_string_skips_unused_and_canonical_fields():
    mapping = {"坡度": "slope_deg", "ph": "ph", "备注": "", "pH值": "ph"}
    assert field_map_string(mapping) == "坡度=slope_deg;pH值=ph"
    assert duplicate_factors(mapping) == ["ph"]


def test_layer_picker_lists_polygons_and_the_table_suggests_factors(units, make_dialog):
    points = QgsVectorLayer("Point?crs=EPSG:4547&field=坡度:double", "points", "memory")
    assert QgsProject.instance().addMapLayer(points)
    dialog = make_dialog()
    combo = dialog.units_combo
    listed = [combo.layer(i) for i in range(combo.count())]
    assert units in listed
    assert points not in listed
    assert combo.currentLayer() is units

    assert set(dialog.field_map().split(";")) == SUGGESTED
    assert dialog.field_mapping() == {
        "坡度": "slope_deg",
        "有效土层厚度": "soil_thickness_cm",
        "pH": "ph",
    }
    dialog.set_factor("pH", "")
    assert set(dialog.field_map().split(";")) == SUGGESTED - {"pH=ph"}


def test_the_table_follows_the_chosen_layer(units, make_dialog):
    other = QgsVectorLayer(
        "Polygon?crs=EPSG:4547&field=slope_deg:double&field=土层厚度:double&field=备注:string",
        "其他单元",
        "memory",
    )
    assert QgsProject.instance().addMapLayer(other)
    dialog = make_dialog()
    dialog.units_combo.setLayer(other)
    assert dialog.field_mapping() == {
        "slope_deg": "slope_deg",
        "土层厚度": "soil_thickness_cm",
        "备注": "",
    }
    assert dialog.field_map() == "土层厚度=soil_thickness_cm"
    slope_combo = dialog.field_table.cellWidget(0, 1)
    assert not slope_combo.isEnabled()  # used by its name whatever the map says

    dialog.set_factor("备注", "texture")
    dialog.units_combo.setLayer(units)
    assert dialog.field_mapping()["pH"] == "ph"
    dialog.units_combo.setLayer(other)  # back again: the choice is still there
    assert dialog.field_mapping()["备注"] == "texture"


def test_parameters_use_the_public_keys(units, make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.method_combo.setCurrentIndex(2)
    dialog.slope_cap_check.setChecked(True)
    dialog.slope_cap_spin.setValue(18)
    dialog.soil_fields_edit.setText("有机质=organic_matter_gkg")
    dialog.geopackage_radio.setChecked(True)
    dialog.output_file.setFilePath(str(tmp_path / "plan"))
    parameters = dialog.parameters()
    assert parameters["UNITS"] == units.id()
    assert parameters["RULES"] == "cn-reclamation"
    assert parameters["METHOD"] == 2
    assert parameters["MAX_CULTIVATION_SLOPE"] == 18
    assert parameters["SOIL_FIELDS"] == "有机质=organic_matter_gkg"
    assert set(parameters["FIELD_MAP"].split(";")) == SUGGESTED
    assert str(tmp_path / "plan.gpkg") in parameters["OUTPUT"]
    assert 'table="suitability"' in parameters["OUTPUT"]
    assert 'table="suitability_summary"' in parameters["SUMMARY"]
    assert not {"DEM", "SOIL", "GROUNDWATER_DEPTH", "WATER"} & set(parameters)


def test_run_adds_a_group_and_shows_the_area_by_proposed_use(units, make_dialog):
    dialog = make_dialog()
    run_and_wait(dialog)

    runner = dialog.runner
    assert runner.error_message == ""
    output = runner.output_layers["OUTPUT"]
    node = dialog.project.layerTreeRoot().findLayer(output.id())
    group = node.parent()
    assert group is runner.group
    # The run's name and the algorithm's group name share the prefix and the date.
    assert group.name().startswith(dialog.run_name[: len("Suitability 2026-11-28")])
    assert dialog.tabs.currentWidget() is dialog.results_page

    expected = proposed_area_rows(runner.output_layers["SUMMARY"])
    assert expected  # the summary has proposed-use rows
    shown = dialog.result_rows()
    assert shown == expected
    assert {row.use for row in shown} >= {"forest", "cultivated"}
    total_row = dialog.results_table.rowCount() - 1
    assert dialog.results_table.item(total_row, 1).text() == str(3)
    assert dialog.results_table.item(total_row, 2).data(Qt.ItemDataRole.UserRole) == pytest.approx(
        sum(row.area_hm2 for row in expected)
    )
    assert dialog.progress_bar.value() == 100
    assert dialog.run_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()


def test_inputs_are_remembered_when_the_dialog_is_reopened(units, make_dialog):
    dialog = make_dialog()
    dialog.method_combo.setCurrentIndex(1)
    dialog.slope_cap_check.setChecked(True)
    dialog.slope_cap_spin.setValue(20)
    dialog.set_factor("pH", "")  # the user drops a suggestion
    dialog.set_factor("pH", "ph")
    run_and_wait(dialog)
    dialog.rules_combo.setCurrentIndex(dialog.rules_combo.findData("fao-sys"))
    dialog.set_factor("有效土层厚度", "")
    dialog.close()  # closing remembers too

    again = make_dialog()
    assert again.units_combo.currentLayer() is units
    assert again.rules_combo.currentData() == "fao-sys"
    assert again.method_combo.currentIndex() == 1
    assert again.slope_cap_check.isChecked()
    assert again.slope_cap_spin.value() == 20
    assert again.slope_cap_spin.isEnabled()
    assert again.field_mapping() == {"坡度": "slope_deg", "有效土层厚度": "", "pH": "ph"}


def test_cancel_during_a_run_ends_it_quietly(qgis_new_project, processing_provider, make_dialog):
    layer = chinese_units(rows=[(5 + i % 20, 80, 7) for i in range(3000)], name="大图层")
    assert qgis_new_project.addMapLayer(layer)
    dialog = make_dialog()
    dialog.run_button.click()
    assert dialog.cancel_button.isEnabled()
    dialog.cancel_button.click()
    wait_until(lambda: not dialog.runner.is_running())

    assert "The run was cancelled." in dialog.log_view.toPlainText()
    assert dialog.run_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    assert set(qgis_new_project.mapLayers()) == {layer.id()}
    assert dialog.results_table.rowCount() == 0


def test_a_failing_run_shows_the_error_in_the_dialog(units, make_dialog, tmp_path):
    dialog = make_dialog()
    missing = str(tmp_path / "不存在的规则包.json")
    dialog.rules_combo.setCurrentIndex(dialog.rules_combo.findData(OTHER_FILE))
    dialog.rules_file.setFilePath(missing)
    assert dialog.rules_file.isEnabled()
    run_and_wait(dialog)

    assert any(missing in text for text in message_bar_texts(dialog))
    assert missing in dialog.log_view.toPlainText()
    assert dialog.tabs.currentWidget() is dialog.log_page
    assert dialog.run_button.isEnabled()


def test_input_problems_are_shown_without_running(units, make_dialog):
    dialog = make_dialog()
    dialog.set_factor("pH", "slope_deg")
    dialog.run_button.click()
    assert not dialog.runner.is_running()
    assert any("slope_deg" in text for text in message_bar_texts(dialog))


def test_open_reuses_the_dialog_until_it_is_shut_down(units, iface):  # noqa: QGS105 (a fixture)
    first = open_suitability_dialog(iface)
    try:
        assert open_suitability_dialog(iface, first) is first
        assert first.isVisible()
        first.close()
        assert open_suitability_dialog(iface, first) is first  # closed, not deleted
    finally:
        first.shutdown()
        flush_deleted_objects()
    second = open_suitability_dialog(iface, first)
    try:
        assert second is not first
    finally:
        second.shutdown()
        flush_deleted_objects()


def test_a_factor_the_rule_pack_needs_is_asked_for_before_the_run(units, make_dialog):
    dialog = make_dialog()
    assert dialog.input_problem() == ""
    dialog.set_factor("pH", "")  # pH no longer used: the pack needs it
    problem = dialog.input_problem()
    assert "ph" in problem
    assert "pH" in problem  # the field that could serve
    dialog.run_button.click()
    assert not dialog.runner.is_running()


def test_factors_are_offered_by_name_and_unit_not_by_key():
    from plugin.gui.suitability_dialog import factor_name_with_unit

    assert factor_name_with_unit("slope_deg", "zh") == "坡度（°）"
    assert factor_name_with_unit("soil_thickness_cm", "en") == "soil thickness (cm)"
    assert factor_name_with_unit("texture", "zh") == "质地"  # classes, no unit
    assert factor_name_with_unit("a_field_of_yours", "en") == "a_field_of_yours"
