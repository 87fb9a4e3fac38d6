"""The inputs the toolbar dialogs and the plan wizard remember between sessions.

Each window keeps its inputs in QgsSettings under a prefix of its own
(``reclamation_planner/<window>/``). What they all have is written and read back here the
same way: layer and field pickers (a layer by its id, a field only if the layer still has
it), the rule-pack choice, the output choice and the JSON maps of remembered choices.
``RulePackChoice`` builds the rule-pack widgets the three windows share.
"""

from __future__ import annotations

import json
from typing import Any

from qgis.core import QgsMapLayer, QgsProject, QgsSettings
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QComboBox, QWidget

from ..core.labels import in_language
from ..core.rules.pack import DEFAULT_PACK, builtin_pack_titles
from ..i18n import Translatable, ui_language
from ..paths import resource
from .run_dialog import OTHER_FILE, RunDialogParts, read_json_maps


class SettingsStore:
    """One window's remembered inputs: ``save`` a dict of values, read them back with
    ``value`` (a missing or unreadable setting gives the default) and the restore helpers."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.settings = QgsSettings()

    def save(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            self.settings.setValue(self.prefix + key, value)

    def value(self, key: str, default: Any, kind: type) -> Any:
        return self.settings.value(self.prefix + key, default, type=kind)

    def layer(self, project: QgsProject, key: str) -> QgsMapLayer | None:
        """The remembered layer, or None when it is not in the project (any more)."""
        return project.mapLayer(self.value(key, "", str))

    def maps(self, key: str) -> dict[str, dict[str, str]]:
        """A remembered {name: {key: value}} (``json_maps``); a broken setting reads empty."""
        return read_json_maps(self.value(key, "", str))

    def restore_field(self, combo: QgsFieldComboBox, key: str) -> None:
        """Pick the remembered field; call it after the picker's layer is set."""
        set_field(combo, self.value(key, "", str))

    def restore_rule_pack(self, combo: QComboBox, file_widget: QgsFileWidget) -> None:
        """The remembered built-in pack (found by its id in the items' data), else the
        default pack, else the first; and the remembered rule-pack file."""
        choose_data(combo, self.value("rules", DEFAULT_PACK, str))
        file_widget.setFilePath(self.value("rules_file", "", str))

    def restore_output(self, dialog: RunDialogParts) -> None:
        """Temporary layers or the remembered GeoPackage file."""
        dialog.geopackage_radio.setChecked(self.value("output_geopackage", False, bool))
        dialog.temporary_radio.setChecked(not dialog.geopackage_radio.isChecked())
        dialog.output_file.setFilePath(self.value("output_file", "", str))


# --- values to save -------------------------------------------------------------------


def layer_id(combo: QgsMapLayerComboBox) -> str:
    """The id of the chosen layer, "" for none."""
    layer = combo.currentLayer()
    return layer.id() if layer is not None else ""


def layer_ids(combos: dict[str, QgsMapLayerComboBox], prefix: str) -> dict[str, str]:
    """``prefix`` + lower-case key -> layer id, for each picker."""
    return {f"{prefix}{key.lower()}": layer_id(combo) for key, combo in combos.items()}


def json_maps(maps: dict[str, dict[str, str]]) -> str:
    """Remembered choices as JSON, Chinese kept readable in the settings file."""
    return json.dumps(maps, ensure_ascii=False)


def rule_pack_values(combo: QComboBox, file_widget: QgsFileWidget) -> dict[str, Any]:
    """The rule-pack choice: the id from the item's data (never parsed from its label)."""
    return {"rules": combo.currentData(), "rules_file": file_widget.filePath()}


def output_values(dialog: RunDialogParts) -> dict[str, Any]:
    return {
        "output_geopackage": dialog.geopackage_radio.isChecked(),
        "output_file": dialog.output_file.filePath(),
    }


# --- widgets --------------------------------------------------------------------------


def set_field(combo: QgsFieldComboBox, name: str) -> None:
    """Pick ``name`` if the picker's layer has such a field (else leave the picker)."""
    layer = combo.layer()
    if name and layer is not None and layer.fields().indexOf(name) >= 0:
        combo.setField(name)


def choose_data(combo: QComboBox, data: Any) -> None:
    """Select the item whose data is ``data``, else the first."""
    combo.setCurrentIndex(max(combo.findData(data), 0))


class RulePackChoice(Translatable):
    """The rule-pack choice of the dialogs and the wizard: a built-in pack or a file.

    Each item keeps its pack id (or OTHER_FILE) as its data; the label is only shown.
    """

    def widgets(self, parent: QWidget) -> tuple[QComboBox, QgsFileWidget]:
        """The combo of the built-in packs and "Other file…", and the file picker."""
        combo = QComboBox(parent)
        for pack_id, title in builtin_pack_titles(resource("rules")).items():
            combo.addItem(in_language(title, ui_language()) or pack_id, pack_id)
        combo.addItem(self.tr("Other file…"), OTHER_FILE)
        file_widget = QgsFileWidget(parent)
        file_widget.setFilter(self.tr("Rule packs (*.json)"))
        file_widget.setDialogTitle(self.tr("Rule-pack file"))
        return combo, file_widget

    @staticmethod
    def reference(combo: QComboBox, file_widget: QgsFileWidget) -> str:
        """A built-in pack id or the rule-pack file path."""
        data = combo.currentData()
        return file_widget.filePath().strip() if data == OTHER_FILE else data
