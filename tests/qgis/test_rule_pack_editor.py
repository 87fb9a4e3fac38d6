"""The rule-pack editor dialog: tables, read-only built-ins, validation, files, change report."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from plugin.core.rules.pack import load_pack
from plugin.gui.rule_pack_editor import RulePackEditorDialog

EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
X0, Y0 = 500000.0, 4000000.0  # on the central meridian of EPSG:4547: scale factor 1


@pytest.fixture
def dialog(qgis_app):
    editor = RulePackEditorDialog()
    yield editor
    editor.document.dirty = False  # nothing to confirm on close
    editor.close()
    editor.deleteLater()


def find_row(model, first, second):
    # By the keys of the first two columns (the edit role holds keys, the display names).
    for row in range(model.rowCount()):
        cells = [model.index(row, column).data(EDIT) for column in (0, 1)]
        if cells == [first, second]:
            return row
    raise AssertionError(f"no row {first} / {second}")


def cell(model, row, header):
    column = model.headers().index(header)
    return model.index(row, column)


def set_slope_limit(dialog, text, header="Limit 1"):
    model = dialog.suitability_model
    index = cell(model, find_row(model, "cultivated", "slope_deg"), header)
    return model.setData(index, text, EDIT)


def test_shows_the_cultivated_slope_limits_with_their_unit(dialog):
    # Names, not keys: the pack by its title, the method, units and kinds in words.
    assert (
        dialog.pack_combo.currentText()
        == "Chinese reclamation suitability (limiting-factor method)"
    )
    assert dialog.pack_combo.currentData() == "cn-reclamation"
    assert dialog.id_edit.text() == "cn-reclamation"
    assert dialog.title_zh_label.text() == "中国土地复垦适宜性评价（极限条件法）"
    assert dialog.method_label.text() == "limiting-factor method"
    model = dialog.suitability_model
    row = find_row(model, "cultivated", "slope_deg")
    texts = [cell(model, row, h).data(DISPLAY) for h in ("Unit", "Limit 1", "Limit 2", "Limit 3")]
    assert texts == ["°", "6", "15", "25"]
    assert cell(model, row, "Limit 1").data(Qt.ItemDataRole.ToolTipRole) == "6°"
    assert [model.index(row, column).data(DISPLAY) for column in (0, 1, 3)] == [
        "Cultivated land",
        "slope",
        "lower is better",
    ]
    assert "slope_deg" in model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert cell(model, row, "Status").data(DISPLAY) == "unverified"
    assert cell(model, row, "Status").data(BACKGROUND) is not None  # highlighted
    ph = find_row(model, "cultivated", "ph")
    assert cell(model, ph, "Limit 1").data(DISPLAY) == "5.5~8.5"
    soil = find_row(model, "cultivated", "soil_thickness_cm")
    assert cell(model, soil, "Status").data(DISPLAY) == "verified"
    assert cell(model, soil, "Status").data(BACKGROUND) is None  # not highlighted


def test_degree_table_leaves_unknown_limits_empty(dialog):
    model = dialog.degree_model
    rows = [
        [model.index(row, column).data(DISPLAY) for column in range(7)]
        for row in range(model.rowCount())
    ]
    assert ["Subsidence", "subsidence", "m", "cultivated land", "0.045", "", ""] in rows


def test_builtin_is_not_editable_until_copied(dialog):
    model = dialog.suitability_model
    index = cell(model, find_row(model, "cultivated", "slope_deg"), "Limit 1")
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not set_slope_limit(dialog, "5")
    assert index.data(DISPLAY) == "6"
    assert not dialog.slope_cap_spin.isEnabled()
    assert not dialog.import_button.isEnabled()
    assert not dialog.save_button.isEnabled()
    dialog.copy_pack()
    assert dialog.id_edit.text() == "cn-reclamation-copy"
    assert dialog.version_edit.text() == "0.7.0"
    index = cell(model, find_row(model, "cultivated", "slope_deg"), "Limit 1")
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert dialog.slope_cap_spin.isEnabled()


def test_validation_as_you_type_and_save_under_a_chinese_folder(dialog, tmp_path):
    dialog.copy_pack()
    assert set_slope_limit(dialog, "30")
    model = dialog.suitability_model
    row = find_row(model, "cultivated", "slope_deg")
    assert "not monotonic" in dialog.status_label.text()
    assert "must increase" in dialog.status_label.text()  # the fix
    assert cell(model, row, "Limit 1").data(BACKGROUND) is not None
    assert not dialog.save_as_button.isEnabled()
    assert not dialog.export_button.isEnabled()
    assert not dialog.compare_button.isEnabled()

    assert set_slope_limit(dialog, "5")
    assert dialog.status_label.text() == "The pack is valid."
    assert cell(model, row, "Limit 1").data(BACKGROUND) is None
    assert dialog.save_as_button.isEnabled()

    folder = tmp_path / "复垦规则包"
    folder.mkdir()
    path = folder / "河南省耕地.json"
    assert dialog.save_as(path)
    assert load_pack(path).uses["cultivated"].rules[0].limits == (5, 15, 25)
    assert dialog.origin_label.text() == str(path)
    assert not dialog.save_button.isEnabled()  # nothing unsaved
    dialog.slope_cap_spin.setValue(20)
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert load_pack(path).proposal.cultivation_slope_cap.value == 20


def test_unreadable_cell_is_reported_with_a_fix(dialog):
    dialog.copy_pack()
    assert set_slope_limit(dialog, "abc", "Limit 2")
    assert "'abc' is not a number" in dialog.status_label.text()
    assert "write a plain number" in dialog.status_label.text()
    assert set_slope_limit(dialog, "15°", "Limit 2")
    assert dialog.document.valid


def test_priority_and_slope_cap_edits(dialog):
    dialog.copy_pack()
    assert dialog.priority()[:2] == ["cultivated", "garden"]
    dialog.priority_list.setCurrentRow(2)  # forest
    dialog.move_priority(-1)
    assert dialog.priority()[:3] == ["cultivated", "forest", "garden"]
    assert dialog.document.pack.proposal.priority[1] == "forest"
    dialog.slope_cap_spin.setValue(15)
    assert dialog.document.pack.proposal.cultivation_slope_cap.value == 15


def test_csv_export_import_round_trip(dialog, tmp_path):
    dialog.copy_pack()
    set_slope_limit(dialog, "5")
    path = tmp_path / "规则表.csv"
    assert dialog.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    exported_uses = dialog.document.document["uses"]
    dialog.open_builtin("cn-reclamation")
    dialog.copy_pack()
    assert dialog.import_csv(path)
    assert dialog.document.document["uses"] == exported_uses
    model = dialog.suitability_model
    assert cell(model, find_row(model, "cultivated", "slope_deg"), "Limit 1").data(DISPLAY) == "5"


def test_csv_import_error_names_file_row_and_column(dialog, tmp_path):
    dialog.copy_pack()
    path = tmp_path / "bad.csv"
    dialog.export_csv(path)
    text = path.read_text(encoding="utf-8-sig").replace(
        ",lower_better,6,15,25", ",lower_better,x,15,25"
    )
    path.write_text(text, encoding="utf-8-sig")
    assert not dialog.import_csv(path)
    assert dialog.document.valid
    model = dialog.suitability_model
    assert cell(model, find_row(model, "cultivated", "slope_deg"), "Limit 1").data(DISPLAY) == "6"


def test_a_builtin_is_saved_as_a_copy(dialog, tmp_path):
    path = tmp_path / "副本.json"
    assert dialog.save_as(path)
    assert load_pack(path).id == "cn-reclamation-copy"
    assert not dialog.document.read_only


def test_a_builtin_opened_as_a_file_stays_read_only(dialog):
    assert dialog.open_file(dialog.rules_dir / "fao-sys.json")
    assert dialog.document.read_only
    assert not dialog.save_button.isEnabled()


def test_an_opened_file_is_edited_and_saved_in_place(dialog, tmp_path):
    dialog.copy_pack()
    path = tmp_path / "规则.json"
    assert dialog.save_as(path)
    dialog.open_builtin("fao-sys")
    assert dialog.open_file(path)
    assert not dialog.document.read_only
    assert set_slope_limit(dialog, "5")
    assert dialog.save_button.isEnabled()
    assert dialog.save()
    assert load_pack(path).uses["cultivated"].rules[0].limits == (5, 15, 25)


def test_an_invalid_pack_file_is_reported_not_opened(dialog, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"schema": 1}', encoding="utf-8")
    assert not dialog.open_file(path)
    assert dialog.document.pack_id == "cn-reclamation"


# --- what would change ---------------------------------------------------------------------


def square(i, size):
    x = X0 + i * 1000
    return f"POLYGON(({x} {Y0},{x + size} {Y0},{x + size} {Y0 + size},{x} {Y0 + size},{x} {Y0}))"


@pytest.fixture
def units(qgis_app):
    # A slope 5.5°, soil 80 cm, pH 7, 1 ha: cultivated grade 1 (grade 2 with limit_1 5°).
    # B slope 18°, soil 80 cm, 4 ha: cultivated grade 3; above a 15° cap garden (grade 3).
    # C slope 22°, soil 40 cm, 9 ha: cultivated grade 3; above a 15° cap, or with
    #   limit_3 20°, cultivated N, garden N (soil < 50 cm), forest suitable -> forest.
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:4547&field=坡度:double&field=土层:double&field=ph:double",
        "评价单元",
        "memory",
    )
    features = []
    for i, (size, values) in enumerate(
        [(100, (5.5, 80, 7)), (200, (18, 80, 7)), (300, (22, 40, 7))]
    ):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(square(i, size)))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    assert QgsProject.instance().addMapLayer(layer) is layer
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


FIELD_MAP = "坡度=slope_deg;土层=soil_thickness_cm"


def table_rows(dialog):
    table = dialog.change_table
    return [
        [table.item(row, column).text() for column in range(4)] for row in range(table.rowCount())
    ]


def test_limit_1_of_five_degrees_changes_no_proposed_use(dialog, units):
    dialog.copy_pack()
    set_slope_limit(dialog, "5")
    report = dialog.compare(units, FIELD_MAP)
    assert (report.units_total, report.units_changed) == (3, 0)
    assert report.hectares_total == pytest.approx(14, rel=1e-3)
    assert dialog.change_label.text().startswith("0 of 3 units")
    assert table_rows(dialog) == []


def test_stricter_slope_cap_changes_two_units(dialog, units, qgis_locale):
    qgis_locale("en_US")
    dialog.copy_pack()
    dialog.slope_cap_spin.setValue(15)
    assert dialog.layer_combo.currentLayer() == units  # the only polygon layer
    dialog.field_map_edit.setText(FIELD_MAP)
    dialog.compare_button.click()
    report = dialog.last_report
    assert report.units_changed == 2
    assert report.hectares_changed == pytest.approx(13, rel=1e-3)
    rows = table_rows(dialog)
    assert [row[:3] for row in rows] == [
        ["Cultivated land", "Forest land", "1"],
        ["Cultivated land", "Garden land", "1"],
    ]
    assert float(rows[0][3]) == pytest.approx(9, rel=1e-3)
    assert float(rows[1][3]) == pytest.approx(4, rel=1e-3)
    assert dialog.change_label.text().startswith("2 of 3 units (13.0")


def test_lower_limit_3_changes_the_steepest_unit(dialog, units):
    dialog.copy_pack()
    set_slope_limit(dialog, "20", "Limit 3")
    report = dialog.compare(units, FIELD_MAP)
    assert [(t.from_use, t.to_use, t.units) for t in report.transitions] == [
        ("cultivated", "forest", 1)
    ]
    assert report.hectares_changed == pytest.approx(9, rel=1e-3)


def test_missing_factor_is_named(dialog, units):
    assert dialog.compare(units, "") is None
    text = dialog.change_label.text()
    assert "slope_deg, soil_thickness_cm" in text
    assert "坡度" in text  # the fields available
    assert dialog.compare(units, "坡=slope_deg") is None
    assert "no field “坡”" in dialog.change_label.text()


def test_the_engineering_measures_are_edited_and_saved(dialog, tmp_path):
    # The works block on its own tab: one row per measure and use, the value editable in a
    # copy, checked as typed, saved into the pack.
    model = dialog.works_model
    row = find_row(model, "soil_cover", "cultivated")
    assert cell(model, row, "Value").data(DISPLAY) == "0.5"
    assert cell(model, row, "Unit").data(DISPLAY) == "m³"
    assert cell(model, row, "Measure").data(DISPLAY) == "soil cover"
    assert cell(model, row, "Rule").data(DISPLAY) == "area × depth"
    assert not model.flags(cell(model, row, "Value")) & Qt.ItemFlag.ItemIsEditable
    dialog.copy_pack()
    index = cell(model, row, "Value")
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(cell(model, row, "Rule")) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "-1", Qt.ItemDataRole.EditRole)
    assert "negative" in dialog.status_label.text()
    assert model.setData(index, "0.6", Qt.ItemDataRole.EditRole)
    assert dialog.status_label.text() == "The pack is valid."
    depth = cell(model, find_row(model, "stripping_depth_m", ""), "Value")
    assert model.setData(depth, "0.25", Qt.ItemDataRole.EditRole)
    path = tmp_path / "工程措施.json"
    assert dialog.save_as(path)
    works = load_pack(path).works
    assert works.item("soil_cover").value_for("cultivated") == 0.6
    assert works.stripping_depth_m == 0.25


def test_the_work_plan_rules_are_edited(dialog, tmp_path):
    # The stage length and when subsided land may be reclaimed: shown with the damage
    # type's name, editable in a copy, a wrong event refused with the fix, saved.
    model = dialog.schedule_model
    rows = [model.index(r, 0).data(DISPLAY) for r in range(model.rowCount())]
    assert rows[0] == "Stage length"
    assert "Reclaimed from: Subsidence" in rows
    value = model.headers().index("Value (years, or when the land may be reclaimed)")
    assert model.index(rows.index("Reclaimed from: Subsidence"), value).data(DISPLAY) == (
        "once settled"
    )
    assert not model.flags(model.index(0, value)) & Qt.ItemFlag.ItemIsEditable
    dialog.copy_pack()
    subsidence = rows.index("Reclaimed from: Subsidence")
    assert model.setData(model.index(subsidence, value), "later", EDIT)
    assert "schedule.release.subsidence.after" in dialog.status_label.text()
    assert model.index(subsidence, value).data(BACKGROUND) is not None
    assert model.setData(model.index(subsidence, value), "after closure", EDIT)  # a name
    assert model.index(subsidence, value).data(EDIT) == "closure"
    assert model.setData(model.index(0, value), "4", EDIT)
    assert dialog.status_label.text() == "The pack is valid."
    path = tmp_path / "规则包.json"
    assert dialog.save_as(path)
    timing = load_pack(path).timing
    assert timing.stage_years == 4
    assert timing.release["subsidence"].after == "closure"


def test_names_follow_the_language_of_qgis(qgis_app, qgis_locale):
    qgis_locale("zh_CN")
    editor = RulePackEditorDialog()
    try:
        model = editor.suitability_model
        row = find_row(model, "cultivated", "slope_deg")
        shown = [model.index(row, column).data(DISPLAY) for column in (0, 1, 3)]
        assert shown == ["耕地", "坡度", "越小越好"]
        assert editor.method_label.text() == "极限条件法"
        assert editor.pack_combo.currentText() == "中国土地复垦适宜性评价（极限条件法）"
    finally:
        editor.close()
        editor.deleteLater()
