"""The disturbance dialog driven like a user: facility mapping, run, results, memory,
failures, cancel, and the predict-then-classify chain."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsGeometry,
    QgsLayerTree,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)

from plugin.gui.disturbance_dialog import (
    SETTINGS_PREFIX,
    DisturbanceDialog,
    open_disturbance_dialog,
)
from plugin.gui.result_rows import summary_rows
from plugin.gui.run_dialog import OTHER_FILE
from tests.qgis.conftest import flush_deleted_objects
from tests.qgis.test_gui_runner import wait_until

X0, Y0 = 500000.0, 4000000.0
CRS = "EPSG:4547"
# Panel of the prediction: 300 m × 300 m, 3 m thick, 200 m deep (r = H / tan β = 100 m).
PANEL = QgsRectangle(X0 + 400, Y0 + 400, X0 + 700, Y0 + 700)
PANEL_GRID = QgsRectangle(X0 + 100, Y0 + 100, X0 + 1000, Y0 + 1000)


def box(x: float, y: float, size: float) -> QgsGeometry:
    return QgsGeometry.fromRect(QgsRectangle(X0 + x, Y0 + y, X0 + x + size, Y0 + y + size))


def memory_layer(uri: str, name: str, rows) -> QgsVectorLayer:
    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(list(values))
        features.append(feature)
    assert layer.dataProvider().addFeatures(features)[0]
    return layer


def chinese_facilities() -> QgsVectorLayer:
    return memory_layer(
        f"Polygon?crs={CRS}&field=名称:string&field=类型:string",
        "矿山设施",
        [
            (box(0, 0, 100), ("一号排土场", "排土场")),
            (box(200, 0, 80), ("北采场", "露天采场")),
            (box(0, 200, 50), ("炸药库", "炸药库")),
            (box(400, 0, 60), ("二号排土场", "排土场")),
        ],
    )


def chinese_land_use() -> QgsVectorLayer:
    return memory_layer(
        f"Polygon?crs={CRS}&field=DLBM:string&field=DLMC:string",
        "土地利用现状",
        [
            (box(-50, -50, 300), ("0103", "旱地")),
            (box(250, -50, 1200), ("0301", "乔木林地")),
        ],
    )


@pytest.fixture
def clean_settings():
    def clear():
        QgsSettings().remove(SETTINGS_PREFIX.rstrip("/"))

    clear()
    yield
    clear()


@pytest.fixture
def layers(qgis_new_project, processing_provider, clean_settings):
    facilities, land_use = chinese_facilities(), chinese_land_use()
    assert qgis_new_project.addMapLayers([facilities, land_use])
    return facilities, land_use


@pytest.fixture
def make_dialog(iface):  # noqa: QGS105 (a fixture)
    made = []

    def make():
        dialog = DisturbanceDialog(iface)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        dialog.cancel()
        wait_until(lambda dialog=dialog: not dialog.is_running())
        dialog.close()
        dialog.deleteLater()
    flush_deleted_objects()


def fill_facilities(dialog, facilities, land_use=None):
    dialog.facilities_combo.setLayer(facilities)
    dialog.facility_field_combo.setField("类型")
    if land_use is not None:
        dialog.landuse_combo.setLayer(land_use)


def run_and_wait(dialog, timeout: float = 60.0):
    dialog.run_button.click()
    wait_until(lambda: not dialog.is_running(), timeout)


def message_bar_texts(dialog):
    return [item.text() for item in dialog.message_bar.items()]


def groups(project: QgsProject):
    return [node for node in project.layerTreeRoot().children() if QgsLayerTree.isGroup(node)]


# --- pure helpers -------------------------------------------------------------------------


# --- the form -------------------------------------------------------------------------------


def test_facility_table_suggests_types_and_highlights_unknown_values(layers, make_dialog):
    facilities, land_use = layers
    dialog = make_dialog()
    points = QgsVectorLayer(f"Point?crs={CRS}", "points", "memory")
    assert QgsProject.instance().addMapLayer(points)
    listed = [dialog.facilities_combo.layer(i) for i in range(dialog.facilities_combo.count())]
    assert facilities in listed
    assert points not in listed
    assert dialog.facilities_combo.currentLayer() is None  # optional evidence

    dialog.facilities_combo.setLayer(facilities)
    assert dialog.facility_field_combo.currentField() == "类型"  # suggested by its name
    assert dialog.facility_table.choices() == {
        "排土场": "occupation",
        "炸药库": "",
        "露天采场": "excavation",
    }
    assert dialog.facility_table.is_highlighted("炸药库")
    assert not dialog.facility_table.is_highlighted("排土场")
    problem = dialog.input_problem()
    assert "炸药库" in problem
    assert "排土场" not in problem

    dialog.facility_table.set_type("炸药库", "occupation")
    assert not dialog.facility_table.is_highlighted("炸药库")
    assert dialog.facility_type_map() == "炸药库=occupation"
    assert dialog.input_problem() == ""
    parameters = dialog.parameters()
    assert parameters["FACILITIES"] == facilities.id()
    assert parameters["FACILITY_TYPE_FIELD"] == "类型"
    assert parameters["FACILITY_TYPE_MAP"] == "炸药库=occupation"

    dialog.facility_table.set_type("露天采场", "none")  # a user overrides a default
    assert set(dialog.facility_type_map().split(";")) == {"炸药库=occupation", "露天采场=none"}

    dialog.facility_field_combo.setField("名称")  # another field: other values
    assert set(dialog.facility_table.choices()) == {"一号排土场", "二号排土场", "北采场", "炸药库"}
    dialog.facility_field_combo.setField("类型")  # back: the choices are still there
    assert dialog.facility_table.choices()["炸药库"] == "occupation"

    dialog.landuse_combo.setLayer(land_use)
    assert dialog.landuse_field_combo.currentField() == "DLBM"


def test_input_problems_are_shown_without_running(layers, make_dialog, tmp_path):
    facilities, _ = layers
    dialog = make_dialog()
    assert "evidence" in dialog.input_problem()
    dem = tmp_path / "dem.tif"
    _write_flat_dem(dem)
    raster = QgsRasterLayer(str(dem), "采前DEM")
    assert QgsProject.instance().addMapLayer(raster)
    dialog.dem_before_combo.setLayer(raster)
    assert "both DEMs" in dialog.input_problem()
    dialog.dem_before_combo.setLayer(None)

    dialog.facilities_combo.setLayer(facilities)
    dialog.facility_field_combo.setField("")
    assert "type" in dialog.input_problem()
    dialog.facility_field_combo.setField("类型")
    dialog.run_button.click()
    assert not dialog.is_running()
    assert any("炸药库" in text for text in message_bar_texts(dialog))

    dialog.facility_table.set_type("炸药库", "none")
    dialog.predict_group.setChecked(True)
    dialog.panels_combo.setLayer(facilities)
    assert "thickness" in dialog.input_problem()
    dialog.thickness_spin.setValue(3)
    assert "depth" in dialog.input_problem()
    dialog.depth_field_combo.setLayer(facilities)
    dialog.depth_spin.setValue(200)
    assert dialog.input_problem() == ""


def _write_flat_dem(path):
    import numpy as np

    from tests.rasters import write_tif

    write_tif(path, np.full((20, 20), 100.0), (X0, 10.0, 0.0, Y0 + 200, 0.0, -10.0), 4547)


# --- runs -----------------------------------------------------------------------------------


def test_run_adds_a_styled_group_and_shows_the_summary(layers, make_dialog):
    facilities, land_use = layers
    dialog = make_dialog()
    fill_facilities(dialog, facilities, land_use)
    dialog.facility_table.set_type("炸药库", "occupation")
    run_and_wait(dialog)

    runner = dialog.runner
    assert runner.error_message == ""
    output, summary = runner.output_layers["OUTPUT"], runner.output_layers["SUMMARY"]
    group = dialog.project.layerTreeRoot().findLayer(output.id()).parent()
    assert group is runner.group
    assert group in groups(dialog.project)
    assert {node.layerId() for node in group.findLayers()} == {output.id(), summary.id()}
    assert group.name().startswith(dialog.run_name[: len("Disturbed land 2026-11-28")])
    assert output.renderer().type() == "categorizedSymbol"  # styled by type and degree
    assert {f["dist_type"] for f in output.getFeatures()} == {"occupation", "excavation"}
    assert dialog.tabs.currentWidget() is dialog.results_page

    expected, total = summary_rows(summary)
    shown = dialog.result_rows()
    assert shown == [*expected, total]
    assert {row.dlbm_before for row in expected} >= {"0103"}
    assert total.area_hm2 == pytest.approx(sum(row.area_hm2 for row in expected), abs=1e-3)
    assert total.area_hm2 == pytest.approx((100 * 100 + 80 * 80 + 50 * 50 + 60 * 60) / 1e4, 0.01)
    table = dialog.results_table
    assert table.item(table.rowCount() - 1, 0).text() == "Total"
    labels = {table.item(row, 0).text() for row in range(table.rowCount() - 1)}
    assert labels == {"Occupation (压占)", "Excavation (挖损)"}
    assert any("0103" in table.item(row, 2).text() for row in range(table.rowCount()))
    assert dialog.progress_bar.value() == 100
    assert dialog.run_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()


def test_inputs_are_remembered_when_the_dialog_is_reopened(layers, make_dialog):
    facilities, land_use = layers
    dialog = make_dialog()
    fill_facilities(dialog, facilities, land_use)
    dialog.facility_table.set_type("炸药库", "occupation")
    dialog.rules_combo.setCurrentIndex(dialog.rules_combo.findData("fao-sys"))
    dialog.min_patch_check.setChecked(True)
    dialog.min_patch_spin.setValue(250)
    dialog.groundwater_value_check.setChecked(True)
    dialog.groundwater_value_spin.setValue(1.5)
    dialog.underground_check.setChecked(True)
    dialog.predict_group.setChecked(True)
    dialog.panels_combo.setLayer(facilities)
    dialog.thickness_spin.setValue(3)
    dialog.depth_spin.setValue(200)
    dialog.panel_spins["TAN_BETA"].setValue(1.8)
    dialog.set_prediction_extent(PANEL_GRID, QgsCoordinateReferenceSystem(CRS))
    dialog.cell_size_spin.setValue(10)
    dialog.close()  # closing remembers

    again = make_dialog()
    assert again is not dialog
    assert again.facilities_combo.currentLayer() is facilities
    assert again.facility_field_combo.currentField() == "类型"
    assert again.facility_table.choices()["炸药库"] == "occupation"
    assert again.landuse_combo.currentLayer() is land_use
    assert again.landuse_field_combo.currentField() == "DLBM"
    assert again.rules_combo.currentData() == "fao-sys"
    assert again.min_patch_check.isChecked()
    assert again.min_patch_spin.value() == 250
    assert again.min_patch_spin.isEnabled()
    assert again.groundwater_value_spin.value() == 1.5
    assert again.underground_check.isChecked()
    assert again.predict_group.isChecked()
    assert again.panels_combo.currentLayer() is facilities
    assert again.panel_spins["TAN_BETA"].value() == 1.8
    assert again.prediction_parameters() == dialog.prediction_parameters()
    assert again.parameters() == dialog.parameters()


def test_a_failing_run_shows_the_algorithm_message(layers, make_dialog, tmp_path):
    facilities, _ = layers
    dialog = make_dialog()
    fill_facilities(dialog, facilities)
    dialog.facility_table.set_type("炸药库", "occupation")
    missing = str(tmp_path / "不存在的规则包.json")
    dialog.rules_combo.setCurrentIndex(dialog.rules_combo.findData(OTHER_FILE))
    dialog.rules_file.setFilePath(missing)
    assert dialog.rules_file.isEnabled()
    run_and_wait(dialog)

    assert any(missing in text for text in message_bar_texts(dialog))
    assert missing in dialog.log_view.toPlainText()
    assert dialog.tabs.currentWidget() is dialog.log_page
    assert dialog.run_button.isEnabled()
    assert groups(dialog.project) == []


def test_features_without_a_type_can_be_mapped(
    qgis_new_project, processing_provider, clean_settings, make_dialog
):
    facilities = memory_layer(
        f"Polygon?crs={CRS}&field=类型:string",
        "设施",
        [(box(0, 0, 100), ("排土场",)), (box(300, 0, 100), (None,))],
    )
    assert qgis_new_project.addMapLayer(facilities)
    dialog = make_dialog()
    dialog.facilities_combo.setLayer(facilities)
    assert dialog.facility_table.choices() == {"NULL": "", "排土场": "occupation"}
    dialog.facility_table.set_type("NULL", "none")
    assert dialog.facility_type_map() == "NULL=none"
    run_and_wait(dialog)

    assert dialog.runner.error_message == ""
    output = dialog.runner.output_layers["OUTPUT"]
    assert sum(f["area_m2"] for f in output.getFeatures()) == pytest.approx(100 * 100, 0.01)


def panels_layer() -> QgsVectorLayer:
    return memory_layer(
        f"Polygon?crs={CRS}&field=工作面:string&field=采厚:double",
        "工作面",
        [(QgsGeometry.fromRect(PANEL), ("1201", 3.0))],
    )


def fill_prediction(dialog, panels, cell_size=10.0):
    dialog.predict_group.setChecked(True)
    dialog.panels_combo.setLayer(panels)
    dialog.thickness_field_combo.setField("采厚")
    dialog.depth_spin.setValue(200)
    dialog.set_prediction_extent(PANEL_GRID, QgsCoordinateReferenceSystem(CRS))
    dialog.cell_size_spin.setValue(cell_size)


def test_prediction_then_classification(
    qgis_new_project, processing_provider, clean_settings, make_dialog
):
    panels, land_use = panels_layer(), chinese_land_use()
    assert qgis_new_project.addMapLayers([panels, land_use])
    dialog = make_dialog()
    fill_prediction(dialog, panels)
    dialog.landuse_combo.setLayer(land_use)
    assert dialog.input_problem() == ""
    prediction = dialog.prediction_parameters()
    assert prediction["THICKNESS_FIELD"] == "采厚"
    assert prediction["DEPTH"] == 200
    assert "THICKNESS" not in prediction
    assert prediction["CELL_SIZE"] == 10
    assert prediction["EXTENT"].endswith(f"[{CRS}]")
    run_and_wait(dialog, timeout=120)

    assert dialog.runner.error_message == ""
    assert dialog.predict_runner.error_message == ""
    predicted = dialog.predict_runner.output_layers
    assert isinstance(predicted["SUBSIDENCE"], QgsRasterLayer)
    for key in ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION"):
        assert dialog.predicted[key] == predicted[key].source()
        assert qgis_new_project.mapLayer(predicted[key].id()) is predicted[key]
    output = dialog.runner.output_layers["OUTPUT"]
    types = {feature["dist_type"] for feature in output.getFeatures()}
    assert types == {"subsidence"}
    assert {feature["evidence"] for feature in output.getFeatures()} == {"subsidence"}
    max_subsidence = max(feature["subs_max_m"] for feature in output.getFeatures())
    assert max_subsidence == pytest.approx(3.0 * 0.8, rel=0.05)  # W0 = m·q over a wide panel
    # Each run in its own group: the prediction's and the classification's.
    assert dialog.predict_runner.group is not None
    assert dialog.runner.group is not None
    assert dialog.predict_runner.group is not dialog.runner.group
    assert len(groups(qgis_new_project)) == 2
    assert dialog.result_rows()[-1].area_hm2 > 0
    assert dialog.progress_bar.value() == 100


def test_prediction_grid_and_groundwater_reuse(
    qgis_new_project, processing_provider, clean_settings, make_dialog, tmp_path
):
    panels = panels_layer()
    dem = tmp_path / "采前.tif"
    _write_flat_dem(dem)
    raster = QgsRasterLayer(str(dem), "采前DEM")
    assert qgis_new_project.addMapLayers([panels, raster])
    dialog = make_dialog()
    fill_prediction(dialog, panels)
    dialog.groundwater_value_check.setChecked(True)
    dialog.groundwater_value_spin.setValue(1.2)
    assert not dialog.grid_from_dem_check.isEnabled()  # no DEM chosen yet
    dialog.dem_before_combo.setLayer(raster)
    dialog.grid_from_dem_check.setChecked(True)
    assert not dialog.extent_widget.isEnabled()
    prediction = dialog.prediction_parameters()
    assert prediction["DEM"] == raster.id()
    assert not {"EXTENT", "CELL_SIZE"} & set(prediction)
    assert prediction["GROUNDWATER_DEPTH_VALUE"] == 1.2
    assert prediction["PONDING"] == "TEMPORARY_OUTPUT"
    assert "both DEMs" in dialog.input_problem()
    predicted = {"SUBSIDENCE": "/tmp/w.tif", "TILT": "/tmp/i.tif"}
    parameters = dialog.parameters(predicted)
    assert parameters["SUBSIDENCE"] == "/tmp/w.tif"
    assert parameters["GROUNDWATER_DEPTH_VALUE"] == 1.2


def test_cancel_stops_the_prediction_and_the_chain(
    qgis_new_project, processing_provider, clean_settings, make_dialog
):
    panels = panels_layer()
    assert qgis_new_project.addMapLayer(panels)
    dialog = make_dialog()
    fill_prediction(dialog, panels, cell_size=0.5)  # a big grid: the run takes a while
    dialog.run_button.click()
    assert dialog.cancel_button.isEnabled()
    assert not dialog.run_button.isEnabled()
    dialog.cancel_button.click()
    wait_until(lambda: not dialog.is_running(), 60)

    assert "cancelled" in dialog.log_view.toPlainText()
    assert not dialog.runner.output_layers  # the classification never started
    assert set(qgis_new_project.mapLayers()) == {panels.id()}
    assert dialog.run_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    assert dialog.results_table.rowCount() == 0


def test_open_reuses_the_dialog_until_it_is_shut_down(layers, iface):  # noqa: QGS105 (a fixture)
    first = open_disturbance_dialog(iface)
    try:
        assert open_disturbance_dialog(iface, first) is first
        assert first.isVisible()
        first.close()
        assert open_disturbance_dialog(iface, first) is first  # closed, not deleted
    finally:
        first.shutdown()
        flush_deleted_objects()
    second = open_disturbance_dialog(iface, first)
    try:
        assert second is not first
    finally:
        second.shutdown()
        flush_deleted_objects()
