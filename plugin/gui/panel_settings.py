"""The prediction parameters of the working panels, per panel (a field) or one value for all.

Shared by the disturbance dialog and the plan wizard: one row per parameter of
``reclamation:predictsubsidence`` with a field of the panels layer (pre-selected by name:
采厚, 埋深, 倾角, 下沉系数, 主要影响角正切 …) and a value for all panels. A field wins over the
value, as in the algorithm.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qgis.core import QgsMapLayer, QgsVectorLayer
from qgis.gui import QgsFieldComboBox
from qgis.PyQt.QtWidgets import QDoubleSpinBox, QGridLayout, QLabel, QWidget

from ..core.panel_fields import suggest_panel_fields
from ..i18n import Translatable

NO_VALUE = -1.0  # a spin's "(none)" value: the parameter is not given


@dataclass(frozen=True)
class PanelSetting:
    """A parameter of the prediction: key, range, default (None: no default)."""

    key: str
    default: float | None
    minimum: float
    maximum: float
    decimals: int
    suffix: str = ""


# Keys, ranges and defaults of reclamation:predictsubsidence (its help gives the sources).
PANEL_SETTINGS = (
    PanelSetting("THICKNESS", None, 0.0, 100.0, 2, " m"),
    PanelSetting("DEPTH", None, 0.0, 5000.0, 1, " m"),
    PanelSetting("SUBSIDENCE_FACTOR", 0.8, 0.01, 2.0, 3),
    PanelSetting("TAN_BETA", 2.0, 0.1, 10.0, 2),
    PanelSetting("HORIZONTAL_COEFFICIENT", 0.3, 0.01, 2.0, 3),
    PanelSetting("OFFSET", 0.0, 0.0, 1000.0, 1, " m"),
    PanelSetting("PROPAGATION_ANGLE", 90.0, 1.0, 90.0, 1, "°"),
    PanelSetting("DIP", 0.0, 0.0, 89.9, 1, "°"),
    PanelSetting("DIP_DIRECTION", None, 0.0, 360.0, 1, "°"),
)
REQUIRED = ("THICKNESS", "DEPTH")


class PanelSettingsWidget(Translatable, QWidget):
    """Field and value of every prediction parameter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_combos: dict[str, QgsFieldComboBox] = {}
        self.value_spins: dict[str, QDoubleSpinBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Field (per panel)"), self), 0, 1)
        grid.addWidget(QLabel(self.tr("Value for all panels"), self), 0, 2)
        labels = self.labels()
        for row, setting in enumerate(PANEL_SETTINGS, start=1):
            combo = QgsFieldComboBox(self)
            combo.setAllowEmptyFieldName(True)
            spin = QDoubleSpinBox(self)
            spin.setDecimals(setting.decimals)
            spin.setSuffix(setting.suffix)
            if setting.default is None:  # no value unless the user gives one
                spin.setRange(NO_VALUE, setting.maximum)
                spin.setSpecialValueText(self.tr("(none)"))
                spin.setValue(NO_VALUE)
            else:
                spin.setRange(setting.minimum, setting.maximum)
                spin.setValue(setting.default)
            self.field_combos[setting.key] = combo
            self.value_spins[setting.key] = spin
            grid.addWidget(QLabel(labels[setting.key], self), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(spin, row, 2)
        grid.setColumnStretch(1, 1)

    def labels(self) -> dict[str, str]:
        return {
            "THICKNESS": self.tr("Mining thickness m (采厚)"),
            "DEPTH": self.tr("Mean mining depth H (埋深)"),
            "SUBSIDENCE_FACTOR": self.tr("Subsidence factor q (下沉系数)"),
            "TAN_BETA": self.tr("tan β (主要影响角正切)"),
            "HORIZONTAL_COEFFICIENT": self.tr("Horizontal movement coefficient b"),
            "OFFSET": self.tr("Inflection-point offset s"),
            "PROPAGATION_ANGLE": self.tr("Propagation angle θ"),
            "DIP": self.tr("Seam dip α (倾角)"),
            "DIP_DIRECTION": self.tr("Dip direction (azimuth)"),
        }

    def set_layer(self, layer: QgsMapLayer | None) -> None:
        """Offer the layer's fields; pre-select those named like a parameter when none is
        chosen yet."""
        vector = layer if isinstance(layer, QgsVectorLayer) else None
        for combo in self.field_combos.values():
            combo.setLayer(vector)
        if vector is None:
            return
        for key, name in suggest_panel_fields(vector.fields().names()).items():
            combo = self.field_combos[key]
            if not combo.currentField():
                combo.setField(name)

    def parameters(self) -> dict[str, Any]:
        """The parameters of reclamation:predictsubsidence for the panels."""
        parameters: dict[str, Any] = {}
        for setting in PANEL_SETTINGS:
            field_name = self.field_combos[setting.key].currentField()
            if field_name:
                parameters[f"{setting.key}_FIELD"] = field_name
            value = self.value_spins[setting.key].value()
            if setting.default is not None or value != NO_VALUE:
                parameters[setting.key] = value
        return parameters

    def missing(self) -> list[str]:
        """Labels of the required parameters with neither a field nor a value."""
        labels = self.labels()
        return [
            labels[key]
            for key in REQUIRED
            if not self.field_combos[key].currentField()
            and self.value_spins[key].value() == NO_VALUE
        ]
