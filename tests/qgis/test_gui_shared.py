"""What the dialogs and the wizard share: the facility-type vocabulary and table, the
evidence checks, the summary rows, the remembered settings and the rule-pack choice."""

from __future__ import annotations

import re

import pytest
from qgis.core import QgsFeature, QgsProject, QgsSettings, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox

from plugin.core.rules.pack import DEFAULT_PACK, builtin_pack_ids
from plugin.gui.evidence import EvidenceCheck
from plugin.gui.facility_types import (
    MAX_FACILITY_VALUES,
    FacilityTypeTable,
    facility_type_map,
    suggest_code_field,
    suggest_type_field,
    unwritable_values,
)
from plugin.gui.result_rows import AreaRow, SummaryRow, proposed_area_rows, summary_rows
from plugin.gui.run_dialog import OTHER_FILE
from plugin.gui.settings_store import RulePackChoice, SettingsStore, json_maps, layer_ids
from plugin.paths import resource
from tests.helpers import ROOT
from tests.qgis.test_disturbance_dialog import CRS, box, chinese_facilities, memory_layer

PREFIX = "reclamation_planner/test_gui_common/"


@pytest.fixture
def store():
    QgsSettings().remove(PREFIX.rstrip("/"))
    yield SettingsStore(PREFIX)
    QgsSettings().remove(PREFIX.rstrip("/"))


# --- facility types -----------------------------------------------------------------------


def test_the_type_map_holds_only_departures_from_the_defaults():
    choices = {"排土场": "occupation", "露天采场": "none", "炸药库": "occupation", "新值": ""}
    assert facility_type_map(choices) == "露天采场=none;炸药库=occupation"
    assert unwritable_values({"a=b": "occupation", "排土场": "occupation"}) == ["a=b"]
    assert unwritable_values({"排土场;x": "excavation"}) == ["排土场;x"]
    assert suggest_code_field(["FID", "DLBM", "DLMC"]) == "DLBM"
    assert suggest_code_field(["地类编码"]) == "地类编码"
    assert suggest_code_field(["code"]) == ""


def test_the_type_field_is_found_by_its_name_else_by_its_values():
    assert suggest_type_field(chinese_facilities()) == "类型"
    by_values = memory_layer(
        f"Polygon?crs={CRS}&field=编号:integer&field=备注:string&field=设施:string",
        "facilities",
        [(box(0, 0, 10), (1, "北侧", "排土场")), (box(20, 0, 10), (2, "南侧", "露天采场"))],
    )
    assert suggest_type_field(by_values) == "设施"
    unknown = memory_layer(
        f"Polygon?crs={CRS}&field=备注:string", "other", [(box(0, 0, 10), ("北侧",))]
    )
    assert suggest_type_field(unknown) == ""


def test_the_facility_table_remembers_the_choices_of_each_layer_and_field():
    facilities = chinese_facilities()
    table = FacilityTypeTable()
    table.show_field(facilities, "类型")
    assert table.choices() == {"排土场": "occupation", "炸药库": "", "露天采场": "excavation"}
    assert table.is_highlighted("炸药库")
    table.set_type("炸药库", "occupation")
    assert not table.is_highlighted("炸药库")
    table.show_field(facilities, "名称")
    assert set(table.choices()) == {"一号排土场", "二号排土场", "北采场", "炸药库"}
    table.show_field(facilities, "类型")
    assert table.choices()["炸药库"] == "occupation"
    assert table.remembered_choices()["矿山设施/类型"]["炸药库"] == "occupation"
    assert table.note() == ""
    table.truncated = True  # as after a field with MAX_FACILITY_VALUES values or more
    assert str(MAX_FACILITY_VALUES) in table.note()

    # Settings replace the memory; the rows shown are not written back over them.
    table.set_remembered({"矿山设施/类型": {"炸药库": "none", "排土场": "not a type"}})
    assert table.remembered_choices() == {
        "矿山设施/类型": {"炸药库": "none", "排土场": "not a type"}
    }
    table.show_field(facilities, "类型")
    assert table.choices()["炸药库"] == "none"
    assert table.choices()["排土场"] == "occupation"  # an unknown type falls back
    table.show_field(None, "")
    assert table.choices() == {}
    table.deleteLater()


# --- evidence -----------------------------------------------------------------------------


def test_the_evidence_check_names_what_is_missing():
    check = EvidenceCheck()
    assert "both DEMs" in check.evidence(True, False, (None,), panels=False)
    assert check.evidence(True, True, (None,), panels=False) == ""
    assert check.evidence(False, False, (None,), panels=True) == ""
    assert "working panels" in check.evidence(False, False, (None, None), panels=False)
    assert "type" in check.facilities("", {})
    assert "“炸药库”" in check.facilities("类型", {"炸药库": "", "排土场": "occupation"})
    assert "“a=b”" in check.facilities("类型", {"a=b": "occupation"})
    assert check.facilities("类型", {"排土场": "occupation"}) == ""


# --- result rows --------------------------------------------------------------------------


def _memory_table(uri: str, rows: list[tuple]) -> QgsVectorLayer:
    layer = QgsVectorLayer(uri, "summary", "memory")
    for values in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(values))
        layer.dataProvider().addFeature(feature)
    return layer


def test_summary_rows_split_off_the_total():
    layer = _memory_table(
        "None?field=dist_type:string&field=dist_degree:integer&field=dlbm_before:string"
        "&field=patches:integer&field=area_m2:double&field=area_hm2:double&field=area_mu:double",
        [
            ("occupation", 2, "0103", 1, 10000.0, 1.0, 15.0),
            ("subsidence", None, None, 1, 5000.0, 0.5, 7.5),
            ("total", None, None, 2, 15000.0, 1.5, 22.5),
        ],
    )
    shown, total = summary_rows(layer)
    assert shown == [
        SummaryRow("occupation", 2, "0103", 1.0, 15.0),
        SummaryRow("subsidence", None, "", 0.5, 7.5),
    ]
    assert total == SummaryRow("total", None, "", 1.5, 22.5)
    assert summary_rows(None) == ([], None)


def test_proposed_area_rows_reads_only_the_proposed_table():
    layer = _memory_table(
        "None?field=table:string&field=use:string&field=grade:integer&field=units:integer"
        "&field=area_hm2:double&field=area_mu:double",
        [("grade", "forest", 1, 2, 3.0, 45.0), ("proposed", "forest", None, 2, 3.0, 45.0)],
    )
    assert proposed_area_rows(layer) == [AreaRow("forest", 2, 3.0, 45.0)]
    assert proposed_area_rows(None) == []


# --- settings and the rule-pack choice ----------------------------------------------------


def test_the_default_pack_is_a_built_in_one():
    assert DEFAULT_PACK in builtin_pack_ids(resource("rules"))


def test_the_rule_pack_choice_keeps_the_id_in_the_item_data(store):
    combo, file_widget = RulePackChoice().widgets(None)
    assert "*.json" in file_widget.filter()
    ids = builtin_pack_ids(resource("rules"))
    assert [combo.itemData(i) for i in range(combo.count())] == [*ids, OTHER_FILE]
    # The label is only shown: relabelled items still give their id.
    for index in range(combo.count()):
        combo.setItemText(index, f"label {index} with spaces")
    store.restore_rule_pack(combo, file_widget)  # nothing remembered: the default pack
    assert combo.currentData() == DEFAULT_PACK
    assert RulePackChoice.reference(combo, file_widget) == DEFAULT_PACK

    combo.setCurrentIndex(combo.findData(OTHER_FILE))
    file_widget.setFilePath(" /tmp/my pack.json ")
    assert RulePackChoice.reference(combo, file_widget) == "/tmp/my pack.json"
    store.save({"rules": combo.currentData(), "rules_file": file_widget.filePath()})
    again, again_file = RulePackChoice().widgets(None)
    store.restore_rule_pack(again, again_file)
    assert again.currentData() == OTHER_FILE
    assert again_file.filePath() == " /tmp/my pack.json "

    store.save({"rules": "a pack that is gone"})
    store.restore_rule_pack(again, again_file)
    assert again.currentIndex() == 0
    for widget in (combo, file_widget, again, again_file):
        widget.deleteLater()


def test_the_store_brings_back_layers_fields_and_maps(store, qgis_new_project):
    facilities = chinese_facilities()
    assert qgis_new_project.addMapLayer(facilities)
    layer_combo, field_combo = QgsMapLayerComboBox(), QgsFieldComboBox()
    layer_combo.setLayer(facilities)
    field_combo.setLayer(facilities)
    field_combo.setField("类型")
    store.save(
        {
            **layer_ids({"FACILITIES": layer_combo}, "layer_"),
            "field_type": field_combo.currentField(),
            "field_gone": "no such field",
            "maps": json_maps({"矿山设施/类型": {"炸药库": "none"}}),
            "broken": "{not json",
        }
    )
    assert store.layer(QgsProject.instance(), "layer_facilities") is facilities
    assert store.layer(QgsProject.instance(), "layer_missing") is None
    other = QgsFieldComboBox()
    other.setLayer(facilities)
    store.restore_field(other, "field_type")
    assert other.currentField() == "类型"
    store.restore_field(other, "field_gone")  # the layer has no such field: kept
    assert other.currentField() == "类型"
    assert store.maps("maps") == {"矿山设施/类型": {"炸药库": "none"}}
    assert "炸药库" in QgsSettings().value(PREFIX + "maps")  # readable, not \\u escapes
    assert store.maps("broken") == {}
    assert store.value("missing", 2.5, float) == 2.5
    for widget in (layer_combo, field_combo, other):
        widget.deleteLater()


def test_the_windows_share_and_do_not_import_one_another():
    # What two windows share lives in the shared modules: a window importing another
    # would drag its widgets along and hide where the shared logic is.
    gui = ROOT / "plugin" / "gui"
    windows = ("disturbance_dialog", "plan_wizard", "suitability_dialog")
    for name in windows:
        text = (gui / f"{name}.py").read_text(encoding="utf-8")
        imported = set(re.findall(r"^from \.(\w+) import", text, re.MULTILINE))
        assert not imported & set(windows), name
        assert '"cn-reclamation"' not in text, name  # DEFAULT_PACK has one home
