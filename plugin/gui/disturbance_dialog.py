"""The toolbar dialog "Classify disturbed land…".

A thin front to ``reclamation:classifydisturbance``: it gathers the evidence (DEMs,
subsidence rasters, mapped facilities with a table mapping their type values to damage
types, soil samples, land use, project area), runs the algorithm in the background through
``AlgorithmRunner`` and ends on a results page with the area by damage type, degree and
previous land use. An optional step first predicts subsidence from working panels with
``reclamation:predictsubsidence`` and feeds the predicted rasters to the classification.
It remembers its inputs in QgsSettings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFieldProxyModel,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsExtentWidget,
    QgsFieldComboBox,
    QgsFileWidget,
    QgsMapLayerComboBox,
    QgsMessageBar,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..compat import is_null, layer_filter
from ..core.facilities import facility_table, map_facilities
from ..core.rules.landuse_codes import LAND_USE_CODES, land_use_name
from ..core.rules.pack import builtin_pack_ids
from ..i18n import Translatable, ui_language
from ..paths import resource
from .panel_settings import NO_VALUE, PanelSettingsWidget
from .panel_settings import PANEL_SETTINGS as ALL_PANEL_SETTINGS
from .run_dialog import OTHER_FILE, RunDialogParts, bring_forward, read_json_maps, reusable
from .runner import TEMPORARY_OUTPUT, AlgorithmRunner, run_label
from .zone_texts import ZoneTexts

ALGORITHM_ID = "reclamation:classifydisturbance"
PREDICT_ALGORITHM_ID = "reclamation:predictsubsidence"
SETTINGS_PREFIX = "reclamation_planner/disturbance/"
DEFAULT_PACK = "cn-reclamation"
UNMAPPED = ""  # data of the "choose a type" entry of a facility-type combo
FACILITY_TYPES = ("excavation", "occupation", "subsidence", "pollution", "none")
VALUE_COLUMN, TYPE_COLUMN = 0, 1
MAX_FACILITY_VALUES = 1000  # distinct type values listed in the mapping table
UNMAPPED_COLOUR = "#ffd2d2"
BASIS_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole
OUTPUT_TABLES = {"OUTPUT": "disturbance", "SUMMARY": "disturbance_summary"}
PREDICTED_KEYS = ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION")
PREDICTION_OUTPUTS = ("SUBSIDENCE", "TILT", "CURVATURE", "HORIZONTAL_DEFORMATION", "CONTOURS")
PREDICTION_SHARE = 40.0  # percent of the progress bar the prediction step takes
LANDUSE_CODE_NAMES = ("dlbm", "地类编码")
FACILITY_FIELD_NAMES = ("type", "类型", "设施类型", "地物类型", "用途", "名称", "name", "kind")
# Characters that FACILITY_TYPE_MAP ("value=type;…") cannot carry inside a value.
MAP_SEPARATORS = (";", "=", "；", "＝", "\n")
RESULT_COLUMNS = 5
# Field parameters of the classification -> the layer parameter they belong to.
FIELD_PARENTS = {
    "FACILITY_TYPE_FIELD": "FACILITIES",
    "PH_FIELD": "SOIL_SAMPLES",
    "LANDUSE_CODE_FIELD": "LANDUSE",
}


# Settings with a default value for all panels (the others start empty).
PANEL_SETTINGS = tuple(s for s in ALL_PANEL_SETTINGS if s.default is not None)
NO_DIP_DIRECTION = NO_VALUE  # the dip-direction spin's "(none)" value


@dataclass(frozen=True)
class SummaryRow:
    """One row of the SUMMARY output (degree None = undecided, dlbm_before "" = unknown)."""

    dist_type: str
    dist_degree: int | None
    dlbm_before: str
    area_hm2: float
    area_mu: float
    degree_basis: str = ""  # "assessed", "default" (the pack's), "undecided"


# --- pure helpers ---------------------------------------------------------------------


def value_text(value: Any) -> str:
    """How a type value appears in the table and in FACILITY_TYPE_MAP."""
    return "NULL" if is_null(value) else str(value)


def suggested_types(values: list[str]) -> dict[str, str]:
    """Value -> damage type from the default vocabulary ("" where it does not know it)."""
    kinds, _ = map_facilities(values, facility_table())
    return dict(zip(values, kinds, strict=True))


def facility_type_map(choices: dict[str, str]) -> str:
    """FACILITY_TYPE_MAP: the values whose chosen type differs from the default table."""
    defaults = suggested_types(list(choices))
    return ";".join(
        f"{value}={kind}"
        for value, kind in choices.items()
        if kind != UNMAPPED and kind != defaults[value]
    )


def unwritable_values(choices: dict[str, str]) -> list[str]:
    """Values that need a FACILITY_TYPE_MAP entry but hold one of its separators."""
    defaults = suggested_types(list(choices))
    return [
        value
        for value, kind in choices.items()
        if kind != defaults[value] and any(mark in value for mark in MAP_SEPARATORS)
    ]


def summary_rows(summary: QgsVectorLayer | None) -> tuple[list[SummaryRow], SummaryRow | None]:
    """The rows of the SUMMARY output, and its ``total`` row (None if there is none)."""
    if summary is None:
        return [], None
    rows, total = [], None
    for feature in summary.getFeatures():
        degree = feature["dist_degree"]
        code = feature["dlbm_before"]
        names = summary.fields().names()
        basis = feature["degree_basis"] if "degree_basis" in names else None
        row = SummaryRow(
            dist_type=str(feature["dist_type"] or ""),
            dist_degree=None if is_null(degree) else int(degree),
            dlbm_before="" if is_null(code) else str(code),
            area_hm2=float(feature["area_hm2"] or 0.0),
            area_mu=float(feature["area_mu"] or 0.0),
            degree_basis="" if is_null(basis) else str(basis),
        )
        if row.dist_type == "total":
            total = row
        else:
            rows.append(row)
    return rows, total


def suggest_code_field(names: list[str]) -> str:
    """The land-use field holding GB/T 21010 codes by its name (DLBM, 地类编码), or ""."""
    return next((name for name in names if name.lower() in LANDUSE_CODE_NAMES), "")


def _field_filter(name: str) -> Any:
    """QgsFieldComboBox filter by name; the enum moved to Qgis in newer QGIS versions."""
    enum = getattr(Qgis, "FieldProxyModelFilter", None) or QgsFieldProxyModel.Filter
    return getattr(enum, name)


class EvidenceCheck(Translatable):
    """What keeps the evidence of the dialog and the wizard from running, or ""."""

    def evidence(self, before: bool, after: bool, others: tuple, panels: bool | None = None) -> str:
        """``others``: the other evidence layers chosen (None where not); ``panels``: whether
        subsidence is predicted from panels (None where the form cannot)."""
        if before != after:
            return self.tr(
                "Elevation change needs both DEMs: choose the DEM before and the DEM after "
                "mining, or neither."
            )
        if (before and after) or any(layer is not None for layer in others) or panels:
            return ""
        if panels is None:
            return self.tr(
                "No evidence of disturbed land yet: choose both DEMs, a subsidence raster, "
                "mapped facilities or soil samples."
            )
        return self.tr(
            "Give at least one kind of evidence: both DEMs, a subsidence raster, working "
            "panels to predict subsidence from, mapped facilities or soil samples."
        )

    def facilities(self, type_field: str, choices: dict[str, str]) -> str:
        """The facility layer's type field and the damage type chosen for each value."""
        if not type_field:
            return self.tr("Mapped facilities: choose the field that holds each facility's type.")
        unmapped = [value for value, kind in choices.items() if kind == UNMAPPED]
        if unmapped:
            return self.tr("Mapped facilities: choose the damage type of {values}.").format(
                values=", ".join(f"“{value}”" for value in unmapped)
            )
        unwritable = unwritable_values(choices)
        if unwritable:
            return self.tr(
                "Mapped facilities: the values {values} contain “;” or “=” and cannot be "
                "mapped; rename them in the layer or keep their suggested type."
            ).format(values=", ".join(f"“{value}”" for value in unwritable))
        return ""


class DisturbanceDialog(RunDialogParts, QDialog):
    """Gathers the evidence of disturbed land, runs the classification, shows the result."""

    output_tables: ClassVar[dict[str, str]] = OUTPUT_TABLES

    def __init__(self, iface: Any, parent: QWidget | None = None) -> None:  # noqa: QGS105
        super().__init__(parent if parent is not None else iface.mainWindow())
        self.iface = iface
        self.project = QgsProject.instance()
        self.language = ui_language()
        # No Qt parents: a run must be able to outlive the dialog.
        self.runner = AlgorithmRunner(ALGORITHM_ID, self.project)
        self.predict_runner = AlgorithmRunner(PREDICT_ALGORITHM_ID, self.project)
        self.remembered_choices: dict[str, dict[str, str]] = {}  # "layer/field" -> choices
        self.table_key: str | None = None  # the "layer/field" the facility table shows
        self.run_name = ""
        self.prediction_name = ""
        self.predicted: dict[str, str] = {}  # predicted raster paths of the current run
        self.cancelled = False
        self.setWindowTitle(self.tr("Classify disturbed land"))
        self._build_ui()
        self._connect_signals()
        self.restore_settings()
        self._set_running(False)

    # --- building -------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.message_bar = QgsMessageBar(self)
        self.tabs = QTabWidget(self)
        pages = [
            (self._terrain_page(), self.tr("Elevation and subsidence")),
            (self._prediction_page(), self.tr("Predict from panels")),
            (self._facilities_page(), self.tr("Facilities")),
            (self._samples_page(), self.tr("Samples, land use, area")),
            (self._rules_page(), self.tr("Rules and output")),
        ]
        self.input_pages = [page for page, _ in pages]
        for page, title in pages:
            self.tabs.addTab(page, title)
        self.log_page = self._log_page()
        self.tabs.addTab(self.log_page, self.tr("Log"))
        self.results_page = self._results_page()
        self.tabs.addTab(self.results_page, self.tr("Results"))
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 100)
        self.buttons = self._button_box()
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.tabs)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.buttons)
        self.resize(780, 640)

    def _layer_combo(self, filters: Any, optional: bool = True) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox(self)
        combo.setFilters(filters)
        if optional:
            combo.setAllowEmptyLayer(True, self.tr("(none)"))
            combo.setLayer(None)
        return combo

    def _field_combo(self, numeric: bool = False) -> QgsFieldComboBox:
        combo = QgsFieldComboBox(self)
        combo.setAllowEmptyFieldName(True)
        if numeric:
            combo.setFilters(_field_filter("Numeric"))
        return combo

    def _spin(
        self, minimum: float, maximum: float, value: float, decimals: int = 2, suffix: str = ""
    ) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(minimum, maximum)
        spin.setDecimals(decimals)
        spin.setValue(value)
        if suffix:
            spin.setSuffix(suffix)
        return spin

    def _optional_spin(
        self, minimum: float, maximum: float, value: float, decimals: int, suffix: str
    ) -> tuple[QCheckBox, QDoubleSpinBox, QHBoxLayout]:
        check = QCheckBox(self)
        spin = self._spin(minimum, maximum, value, decimals, suffix)
        row = QHBoxLayout()
        row.addWidget(check)
        row.addWidget(spin, 1)
        return check, spin, row

    @staticmethod
    def _scrolled(page: QWidget) -> QWidget:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(page)
        return area

    def _terrain_page(self) -> QWidget:
        page = QWidget(self)
        raster = layer_filter("RasterLayer")
        self.dem_before_combo = self._layer_combo(raster)
        self.dem_after_combo = self._layer_combo(raster)
        self.undermined_combo = self._layer_combo(layer_filter("PolygonLayer"))
        self.underground_check = QCheckBox(
            self.tr("Underground mine: lowered ground is subsidence"), page
        )
        self.subsidence_combo = self._layer_combo(raster)
        self.tilt_combo = self._layer_combo(raster)
        self.deformation_combo = self._layer_combo(raster)
        self.groundwater_combo = self._layer_combo(raster)
        self.groundwater_value_check, self.groundwater_value_spin, groundwater_row = (
            self._optional_spin(0.0, 1000.0, 2.0, 2, " m")
        )
        self.groundwater_value_check.setText(self.tr("One value"))
        form = QFormLayout(page)
        form.addRow(self.tr("DEM before mining"), self.dem_before_combo)
        form.addRow(self.tr("DEM after mining"), self.dem_after_combo)
        zone = ZoneTexts()
        self.undermined_combo.setToolTip(zone.tooltip())
        form.addRow(zone.label(), self.undermined_combo)
        form.addRow(self.underground_check)
        form.addRow(self.tr("Subsidence depth raster (m)"), self.subsidence_combo)
        form.addRow(self.tr("Additional tilt raster (mm/m)"), self.tilt_combo)
        form.addRow(self.tr("Horizontal deformation raster (mm/m)"), self.deformation_combo)
        form.addRow(self.tr("Groundwater depth raster (m)"), self.groundwater_combo)
        form.addRow(self.tr("Groundwater depth for the whole area"), groundwater_row)
        return self._scrolled(page)

    def _prediction_page(self) -> QWidget:
        page = QWidget(self)
        self.predict_group = QGroupBox(self.tr("Predict subsidence from working panels"), page)
        self.predict_group.setCheckable(True)
        self.predict_group.setChecked(False)
        self.panels_combo = self._layer_combo(layer_filter("PolygonLayer"), optional=False)
        self.panel_settings = PanelSettingsWidget(page)
        fields, values = self.panel_settings.field_combos, self.panel_settings.value_spins
        self.thickness_field_combo, self.thickness_spin = fields["THICKNESS"], values["THICKNESS"]
        self.depth_field_combo, self.depth_spin = fields["DEPTH"], values["DEPTH"]
        self.panel_spins = {setting.key: values[setting.key] for setting in PANEL_SETTINGS}
        self.dip_direction_spin = values["DIP_DIRECTION"]
        self.grid_from_dem_check = QCheckBox(self.tr("Use the grid of the DEM before mining"), page)
        self.grid_from_dem_check.setChecked(True)  # as the plan run: the DEM before gives the grid
        self.extent_widget = QgsExtentWidget(page)
        self.extent_widget.setNullValueAllowed(True, self.tr("Panels plus 2.5 r"))
        self.extent_widget.clear()
        canvas = self.iface.mapCanvas() if hasattr(self.iface, "mapCanvas") else None
        if canvas is not None:
            self.extent_widget.setMapCanvas(canvas)
        self.cell_size_spin = self._spin(0.0, 10000.0, 0.0, 2, " m")
        self.cell_size_spin.setSpecialValueText(self.tr("(automatic: r/10)"))
        hint = QLabel(
            self.tr(
                "The predicted subsidence, tilt and horizontal deformation replace the "
                "subsidence rasters of the first tab; the groundwater depth given there is "
                "used for ponding. A field value wins over the value for all panels."
            ),
            page,
        )
        hint.setWordWrap(True)
        form = QFormLayout(self.predict_group)
        form.addRow(self.tr("Working panels"), self.panels_combo)
        form.addRow(self.panel_settings)
        form.addRow(self.grid_from_dem_check)
        form.addRow(self.tr("Extent (without the DEM)"), self.extent_widget)
        form.addRow(self.tr("Cell size (without the DEM)"), self.cell_size_spin)
        layout = QVBoxLayout(page)
        layout.addWidget(self.predict_group)
        layout.addWidget(hint)
        layout.addStretch(1)
        return self._scrolled(page)

    def _facilities_page(self) -> QWidget:
        page = QWidget(self)
        self.facilities_combo = self._layer_combo(layer_filter("PolygonLayer"))
        self.facility_field_combo = self._field_combo()
        self.facility_table = QTableWidget(0, 2, page)
        self.facility_table.setHorizontalHeaderLabels([self.tr("Value"), self.tr("Damage type")])
        header = self.facility_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.facility_table.verticalHeader().setVisible(False)
        self.facility_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facility_note = QLabel(page)
        self.facility_note.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Each value of the type field needs a damage type. Suggestions come from "
                "common Chinese and English names (露天采场, 排土场, waste dump, …); values "
                "highlighted in red are unknown: choose their type."
            ),
            page,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Mapped facilities"), self.facilities_combo)
        form.addRow(self.tr("Facility type field"), self.facility_field_combo)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.facility_table)
        layout.addWidget(self.facility_note)
        return page

    def _samples_page(self) -> QWidget:
        page = QWidget(self)
        self.samples_combo = self._layer_combo(layer_filter("PointLayer"))
        self.ph_field_combo = self._field_combo(numeric=True)
        self.sample_radius_spin = self._spin(0.0, 100000.0, 100.0, 1, " m")
        self.landuse_combo = self._layer_combo(layer_filter("PolygonLayer"))
        self.landuse_field_combo = self._field_combo()
        self.area_combo = self._layer_combo(layer_filter("PolygonLayer"))
        form = QFormLayout(page)
        form.addRow(self.tr("Soil samples (mg/kg)"), self.samples_combo)
        form.addRow(self.tr("pH field of the samples"), self.ph_field_combo)
        form.addRow(self.tr("Largest distance a sample stands for"), self.sample_radius_spin)
        form.addRow(self.tr("Land use before damage"), self.landuse_combo)
        form.addRow(self.tr("GB/T 21010 code field"), self.landuse_field_combo)
        form.addRow(self.tr("Project area"), self.area_combo)
        return self._scrolled(page)

    def _rules_page(self) -> QWidget:
        page = QWidget(self)
        self.rules_combo = QComboBox(page)
        for pack_id in builtin_pack_ids(resource("rules")):
            self.rules_combo.addItem(pack_id, pack_id)
        self.rules_combo.addItem(self.tr("Other file…"), OTHER_FILE)
        self.rules_file = QgsFileWidget(page)
        self.rules_file.setFilter(self.tr("Rule packs (*.json)"))
        self.rules_file.setDialogTitle(self.tr("Rule-pack file"))
        self.min_change_check, self.min_change_spin, change_row = self._optional_spin(
            0.0, 100.0, 1.0, 2, " m"
        )
        self.min_change_check.setText(self.tr("Instead of the pack's"))
        self.min_patch_check, self.min_patch_spin, patch_row = self._optional_spin(
            0.0, 1000000.0, 400.0, 0, " m²"
        )
        self.min_patch_check.setText(self.tr("Instead of the pack's"))
        form = QFormLayout(page)
        form.addRow(self.tr("Rule pack"), self.rules_combo)
        form.addRow(self.tr("Rule-pack file"), self.rules_file)
        form.addRow(self.tr("Minimum elevation change"), change_row)
        form.addRow(self.tr("Minimum patch area"), patch_row)
        self._add_output_rows(form, page)
        return page

    def _results_page(self) -> QWidget:
        page = QWidget(self)
        self.results_label = QLabel(page)
        self.results_label.setWordWrap(True)
        self.results_table = QTableWidget(0, RESULT_COLUMNS, page)
        self.results_table.setHorizontalHeaderLabels(
            [
                self.tr("Damage type"),
                self.tr("Degree"),
                self.tr("Land use before"),
                self.tr("Area (hm²)"),
                self.tr("Area (亩)"),
            ]
        )
        self.results_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.results_table.verticalHeader().setVisible(False)
        self.results_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(self.results_label)
        layout.addWidget(self.results_table)
        return page

    def _connect_signals(self) -> None:
        self.facilities_combo.layerChanged.connect(self.facility_field_combo.setLayer)
        self.facilities_combo.layerChanged.connect(self._suggest_type_field)
        # A field of the same name in the new layer emits no fieldChanged: rebuild anyway.
        self.facilities_combo.layerChanged.connect(self._rebuild_facility_table)
        self.facility_field_combo.fieldChanged.connect(self._rebuild_facility_table)
        self.samples_combo.layerChanged.connect(self.ph_field_combo.setLayer)
        self.landuse_combo.layerChanged.connect(self._landuse_changed)
        self.panels_combo.layerChanged.connect(self._panels_changed)
        self.rules_combo.currentIndexChanged.connect(self._update_enabled)
        for check in (
            self.groundwater_value_check,
            self.min_change_check,
            self.min_patch_check,
            self.geopackage_radio,
            self.grid_from_dem_check,
        ):
            check.toggled.connect(self._update_enabled)
        self.dem_before_combo.layerChanged.connect(self._update_enabled)
        self.buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.predict_runner.progressChanged.connect(self._show_prediction_progress)
        self.predict_runner.messageLogged.connect(self.log)
        self.predict_runner.finished.connect(self._on_prediction_finished)
        self.runner.progressChanged.connect(self._show_progress)
        self.runner.messageLogged.connect(self.log)
        self.runner.finished.connect(self._on_finished)

    def _update_enabled(self, *_: Any) -> None:
        self.rules_file.setEnabled(self.rules_combo.currentData() == OTHER_FILE)
        self.groundwater_value_spin.setEnabled(self.groundwater_value_check.isChecked())
        self.min_change_spin.setEnabled(self.min_change_check.isChecked())
        self.min_patch_spin.setEnabled(self.min_patch_check.isChecked())
        self.output_file.setEnabled(self.geopackage_radio.isChecked())
        has_dem = self.dem_before_combo.currentLayer() is not None
        self.grid_from_dem_check.setEnabled(has_dem)
        own_grid = not (has_dem and self.grid_from_dem_check.isChecked())
        self.extent_widget.setEnabled(own_grid)
        self.cell_size_spin.setEnabled(own_grid)

    def _panels_changed(self, layer: QgsMapLayer | None) -> None:
        self.panel_settings.set_layer(layer)
        if layer is not None and layer.crs().isValid():
            self.extent_widget.setOutputCrs(layer.crs())

    def _landuse_changed(self, layer: QgsMapLayer | None) -> None:
        self.landuse_field_combo.setLayer(layer)
        if isinstance(layer, QgsVectorLayer) and not self.landuse_field_combo.currentField():
            self.landuse_field_combo.setField(suggest_code_field(layer.fields().names()))

    # --- facility types -------------------------------------------------------------

    def _suggest_type_field(self, layer: QgsMapLayer | None) -> None:
        """Pick the type field by its name, else the first text field with known values."""
        if not isinstance(layer, QgsVectorLayer) or self.facility_field_combo.currentField():
            return
        by_lower_name = {name.lower(): name for name in layer.fields().names()}
        by_name = [by_lower_name[name] for name in FACILITY_FIELD_NAMES if name in by_lower_name]
        if by_name:  # the most telling name first
            self.facility_field_combo.setField(by_name[0])
            return
        for index, field in enumerate(layer.fields()):
            if field.isNumeric():
                continue
            values = [value_text(v) for v in layer.uniqueValues(index, 50)]
            if any(suggested_types(values).values()):
                self.facility_field_combo.setField(field.name())
                return

    def _facility_values(self) -> list[str]:
        layer = self.facilities_combo.currentLayer()
        field_name = self.facility_field_combo.currentField()
        if not isinstance(layer, QgsVectorLayer) or not field_name:
            return []
        index = layer.fields().indexOf(field_name)
        if index < 0:
            return []
        values = layer.uniqueValues(index, MAX_FACILITY_VALUES)
        return sorted({value_text(value) for value in values})

    def _current_table_key(self) -> str | None:
        layer = self.facilities_combo.currentLayer()
        field_name = self.facility_field_combo.currentField()
        if layer is None or not field_name:
            return None
        return f"{layer.name()}/{field_name}"

    def _remember_choices(self) -> None:
        """Keep the choices of the table shown (switching back restores them)."""
        if self.table_key is not None:
            self.remembered_choices[self.table_key] = self.facility_choices()

    def _rebuild_facility_table(self, *_: Any) -> None:
        self._remember_choices()
        self.table_key = self._current_table_key()
        values = self._facility_values()
        suggestions = suggested_types(values)
        remembered = self.remembered_choices.get(self.table_key or "", {})
        self.facility_table.setRowCount(0)
        for row, value in enumerate(values):
            chosen = remembered.get(value, suggestions[value])
            if chosen not in FACILITY_TYPES:
                chosen = suggestions[value]
            self.facility_table.insertRow(row)
            item = QTableWidgetItem(value)
            item.setData(VALUE_ROLE, value)
            self.facility_table.setItem(row, VALUE_COLUMN, item)
            self.facility_table.setCellWidget(row, TYPE_COLUMN, self._type_combo(item, chosen))
            self._mark_row(item, chosen)
        self._update_facility_note(values)

    def _update_facility_note(self, values: list[str]) -> None:
        if len(values) >= MAX_FACILITY_VALUES:
            self.facility_note.setText(
                self.tr("Only the first {count} values are listed.").format(
                    count=MAX_FACILITY_VALUES
                )
            )
        else:
            self.facility_note.clear()

    def _type_combo(self, item: QTableWidgetItem, chosen: str) -> QComboBox:
        combo = QComboBox(self.facility_table)
        if chosen == UNMAPPED:
            combo.addItem(self.tr("— choose a damage type —"), UNMAPPED)
        labels = self._type_labels()
        for kind in FACILITY_TYPES:
            combo.addItem(f"{kind} · {labels[kind]}", kind)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.currentIndexChanged.connect(
            lambda _index, item=item, combo=combo: self._mark_row(item, combo.currentData())
        )
        return combo

    def _mark_row(self, item: QTableWidgetItem, chosen: str) -> None:
        """Highlight a value that has no damage type yet."""
        if chosen == UNMAPPED:
            item.setBackground(QBrush(QColor(UNMAPPED_COLOUR)))
            item.setToolTip(self.tr("Unknown value: choose its damage type."))
        else:
            item.setBackground(QBrush())
            item.setToolTip("")

    def facility_choices(self) -> dict[str, str]:
        """Value -> chosen damage type ("" = not chosen yet), for every row of the table."""
        choices = {}
        for row in range(self.facility_table.rowCount()):
            value = self.facility_table.item(row, VALUE_COLUMN).data(VALUE_ROLE)
            choices[value] = self.facility_table.cellWidget(row, TYPE_COLUMN).currentData()
        return choices

    def set_facility_type(self, value: str, kind: str) -> None:
        """Choose the damage type of a value (as a user would in the table)."""
        for row in range(self.facility_table.rowCount()):
            if self.facility_table.item(row, VALUE_COLUMN).data(VALUE_ROLE) == value:
                combo = self.facility_table.cellWidget(row, TYPE_COLUMN)
                combo.setCurrentIndex(combo.findData(kind))
                return
        raise KeyError(value)

    def is_highlighted(self, value: str) -> bool:
        """Whether the table marks the value as lacking a damage type."""
        for row in range(self.facility_table.rowCount()):
            item = self.facility_table.item(row, VALUE_COLUMN)
            if item.data(VALUE_ROLE) == value:
                return item.background().style() != Qt.BrushStyle.NoBrush
        raise KeyError(value)

    def unmapped_facility_values(self) -> list[str]:
        return [value for value, kind in self.facility_choices().items() if kind == UNMAPPED]

    def facility_type_map(self) -> str:
        """The FACILITY_TYPE_MAP parameter of the current table."""
        return facility_type_map(self.facility_choices())

    # --- labels ---------------------------------------------------------------------

    def _type_labels(self) -> dict[str, str]:
        return {
            "excavation": self.tr("Excavation (挖损)"),
            "occupation": self.tr("Occupation (压占)"),
            "subsidence": self.tr("Subsidence (塌陷)"),
            "pollution": self.tr("Pollution (污染)"),
            "none": self.tr("No damage"),
        }

    def _degree_label(self, degree: int | None, basis: str = "") -> str:
        labels = {
            0: self.tr("None"),
            1: self.tr("Light (轻度)"),
            2: self.tr("Moderate (中度)"),
            3: self.tr("Severe (重度)"),
        }
        label = labels.get(degree, self.tr("Undecided (程度未定)"))
        if basis == "default":
            label += " · " + self.tr("pack default, not verified (默认值，未核实)")
        return label

    def _land_use_text(self, code: str) -> str:
        if not code:
            return self.tr("Unknown")
        if code in LAND_USE_CODES:
            return f"{code} {land_use_name(code, self.language)}"
        return code

    # --- parameters -----------------------------------------------------------------

    def _layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        """The algorithm's layer parameters and their pickers."""
        return {
            "DEM_BEFORE": self.dem_before_combo,
            "DEM_AFTER": self.dem_after_combo,
            "UNDERMINED": self.undermined_combo,
            "SUBSIDENCE": self.subsidence_combo,
            "TILT": self.tilt_combo,
            "HORIZONTAL_DEFORMATION": self.deformation_combo,
            "GROUNDWATER_DEPTH": self.groundwater_combo,
            "FACILITIES": self.facilities_combo,
            "SOIL_SAMPLES": self.samples_combo,
            "LANDUSE": self.landuse_combo,
            "AREA": self.area_combo,
        }

    def _field_combos(self) -> dict[str, QgsFieldComboBox]:
        return {
            "FACILITY_TYPE_FIELD": self.facility_field_combo,
            "PH_FIELD": self.ph_field_combo,
            "LANDUSE_CODE_FIELD": self.landuse_field_combo,
        }

    def parameters(self, predicted: dict[str, str] | None = None) -> dict[str, Any]:
        """The classification's parameters (public keys); ``predicted`` rasters replace the
        subsidence evidence."""
        parameters: dict[str, Any] = {
            "RULES": self.rules_reference(),
            "UNDERGROUND": self.underground_check.isChecked(),
            **self._outputs(),
        }
        for key, combo in self._layer_combos().items():
            if combo.currentLayer() is not None:
                parameters[key] = combo.currentLayer().id()
        for key, combo in self._field_combos().items():
            if combo.currentField() and FIELD_PARENTS[key] in parameters:
                parameters[key] = combo.currentField()
        if "FACILITIES" in parameters:
            parameters["FACILITY_TYPE_MAP"] = self.facility_type_map()
        if "SOIL_SAMPLES" in parameters:
            parameters["SAMPLE_RADIUS"] = self.sample_radius_spin.value()
        if self.groundwater_value_check.isChecked():
            parameters["GROUNDWATER_DEPTH_VALUE"] = self.groundwater_value_spin.value()
        if self.min_change_check.isChecked():
            parameters["MIN_CHANGE"] = self.min_change_spin.value()
        if self.min_patch_check.isChecked():
            parameters["MIN_PATCH_AREA"] = self.min_patch_spin.value()
        parameters.update(predicted or {})
        return parameters

    def prediction_parameters(self) -> dict[str, Any]:
        """The parameters of reclamation:predictsubsidence (outputs to temporary files)."""
        panels = self.panels_combo.currentLayer()
        parameters: dict[str, Any] = {
            "PANELS": panels.id() if panels is not None else None,
            **self.panel_settings.parameters(),
            **dict.fromkeys(PREDICTION_OUTPUTS, TEMPORARY_OUTPUT),
        }
        parameters.update(self._prediction_grid())
        groundwater = self.groundwater_combo.currentLayer()
        if groundwater is not None:
            parameters["GROUNDWATER_DEPTH"] = groundwater.id()
        elif self.groundwater_value_check.isChecked():
            parameters["GROUNDWATER_DEPTH_VALUE"] = self.groundwater_value_spin.value()
        if "GROUNDWATER_DEPTH" in parameters or "GROUNDWATER_DEPTH_VALUE" in parameters:
            parameters["PONDING"] = TEMPORARY_OUTPUT
        return parameters

    def _prediction_grid(self) -> dict[str, Any]:
        dem = self.dem_before_combo.currentLayer()
        if dem is not None and self.grid_from_dem_check.isChecked():
            return {"DEM": dem.id()}
        grid: dict[str, Any] = {}
        extent = self.prediction_extent()
        if extent:
            grid["EXTENT"] = extent
        if self.cell_size_spin.value() > 0:
            grid["CELL_SIZE"] = self.cell_size_spin.value()
        return grid

    def prediction_extent(self) -> str:
        """The EXTENT parameter ("xmin,xmax,ymin,ymax [crs]"), or "" for the default."""
        if not self.extent_widget.isValid():
            return ""
        extent = self.extent_widget.outputExtent()
        if extent.isNull() or extent.isEmpty():
            return ""
        crs = self.extent_widget.outputCrs()
        suffix = f" [{crs.authid()}]" if crs.isValid() and crs.authid() else ""
        return (
            f"{extent.xMinimum()!r},{extent.xMaximum()!r},"
            f"{extent.yMinimum()!r},{extent.yMaximum()!r}{suffix}"
        )

    def set_prediction_extent(self, extent: QgsRectangle, crs: Any) -> None:
        """Set the prediction grid's extent (as drawing or typing it would)."""
        self.extent_widget.setOutputCrs(crs)
        self.extent_widget.setOutputExtentFromUser(extent, crs)

    # --- validation -----------------------------------------------------------------

    def input_problem(self) -> str:
        """What keeps the form from running, or ""."""
        for check in (
            self._evidence_problem,
            self._facility_problem,
            self._prediction_problem,
            self._other_problem,
        ):
            problem = check()
            if problem:
                return problem
        return ""

    def _evidence_problem(self) -> str:
        return EvidenceCheck().evidence(
            self.dem_before_combo.currentLayer() is not None,
            self.dem_after_combo.currentLayer() is not None,
            (
                self.subsidence_combo.currentLayer(),
                self.facilities_combo.currentLayer(),
                self.samples_combo.currentLayer(),
            ),
            panels=self.predict_group.isChecked(),
        )

    def _facility_problem(self) -> str:
        if self.facilities_combo.currentLayer() is None:
            return ""
        return EvidenceCheck().facilities(
            self.facility_field_combo.currentField(), self.facility_choices()
        )

    def _prediction_problem(self) -> str:
        if not self.predict_group.isChecked():
            return ""
        if self.panels_combo.currentLayer() is None:
            return self.tr("Subsidence prediction: choose the layer of working panels.")
        for label, field_combo, spin in (
            (self.tr("mining thickness"), self.thickness_field_combo, self.thickness_spin),
            (self.tr("mining depth"), self.depth_field_combo, self.depth_spin),
        ):
            if not field_combo.currentField() and spin.value() <= spin.minimum():
                return self.tr(
                    "Subsidence prediction: give the {what} of the panels, a field or one value."
                ).format(what=label)
        if self.subsidence_combo.currentLayer() is not None:
            return self.tr(
                "Subsidence prediction replaces the subsidence raster: clear the raster, or "
                "uncheck the prediction."
            )
        return ""

    def _other_problem(self) -> str:
        if not self.rules_reference():
            return self.tr("Choose a rule-pack file, or a built-in rule pack.")
        if self.landuse_combo.currentLayer() is not None and not (
            self.landuse_field_combo.currentField()
        ):
            return self.tr("Land use: choose the field that holds the GB/T 21010 codes.")
        if self.geopackage_radio.isChecked() and not self.geopackage_path():
            return self.tr("Choose the GeoPackage file to write, or temporary layers.")
        return ""

    # --- running --------------------------------------------------------------------

    def is_running(self) -> bool:
        """Whether the prediction or the classification is running."""
        return self.predict_runner.is_running() or self.runner.is_running()

    def run(self) -> None:
        """Start the run in the background: the prediction first when it is checked."""
        if self.is_running():
            return
        problem = self.input_problem()
        if problem:
            self.show_error(problem)
            return
        self.save_settings()
        self.message_bar.clearWidgets()
        self.log_view.clear()
        self.results_table.setRowCount(0)
        self.results_label.clear()
        self.cancelled = False
        self.predicted = {}
        self.run_name = run_label(self.tr("Disturbed land"))
        self._set_running(True)
        self.tabs.setCurrentWidget(self.log_page)
        if self.predict_group.isChecked():
            self.prediction_name = run_label(self.tr("Predicted subsidence"))
            self.log(self.tr("Run “{name}”").format(name=self.prediction_name))
            self.predict_runner.start(self.prediction_parameters(), self.prediction_name)
        else:
            self.prediction_name = ""
            self._start_classification()

    def _start_classification(self) -> None:
        self.log(self.tr("Run “{name}”").format(name=self.run_name))
        self.runner.start(self.parameters(self.predicted), self.run_name)

    def cancel(self) -> None:
        """Ask the running step to stop; the next step of the chain does not start."""
        if not self.is_running():
            return
        self.cancelled = True
        self.log(self.tr("Cancelling…"))
        self.predict_runner.cancel()
        self.runner.cancel()

    def _show_prediction_progress(self, percent: float) -> None:
        self.progress_bar.setValue(round(percent * PREDICTION_SHARE / 100))

    def _show_progress(self, percent: float) -> None:
        if self.prediction_name:
            percent = PREDICTION_SHARE + percent * (100 - PREDICTION_SHARE) / 100
        self.progress_bar.setValue(round(percent))

    def _fail(self, message: str) -> None:
        self._set_running(False)
        self.log(message, True)
        self.show_error(message)

    def _on_prediction_finished(self, ok: bool, results: dict[str, Any]) -> None:
        if not ok or self.cancelled:
            self._fail(self.predict_runner.error_message or self.tr("The run was cancelled."))
            return
        missing = [key for key in PREDICTED_KEYS if not results.get(key)]
        if missing:
            self._fail(
                self.tr("The prediction wrote no {outputs}.").format(outputs=", ".join(missing))
            )
            return
        self.predicted = {key: results[key] for key in PREDICTED_KEYS}
        self._start_classification()

    def _on_finished(self, ok: bool, results: dict[str, Any]) -> None:
        if not ok:
            self._fail(self.runner.error_message)
            return
        self._set_running(False)
        self.progress_bar.setValue(100)
        self._show_results()
        self.tabs.setCurrentWidget(self.results_page)

    # --- results --------------------------------------------------------------------

    def _show_results(self) -> None:
        summary = self.runner.output_layers.get("SUMMARY")
        rows, total = summary_rows(summary if isinstance(summary, QgsVectorLayer) else None)
        self.results_table.setRowCount(0)
        for row in rows:
            self._add_result_row(row, bold=False)
        if rows or total is not None:
            total = total or SummaryRow(
                dist_type="total",
                dist_degree=None,
                dlbm_before="",
                area_hm2=sum(row.area_hm2 for row in rows),
                area_mu=sum(row.area_mu for row in rows),
            )
            self._add_result_row(total, bold=True)
        self.results_label.setText(self.tr("Area by damage type, degree and land use before"))
        self.message_bar.pushMessage(
            self.tr("Done"), self._groups_text(), Qgis.MessageLevel.Success, 0
        )

    def _groups_text(self) -> str:
        names = [
            runner.group.name()
            for runner in (self.predict_runner, self.runner)
            if runner.group is not None and (runner is self.runner or self.prediction_name)
        ]
        return self.tr("The layers are in the group(s) {groups}.").format(
            groups=", ".join(f"“{name}”" for name in names)
        )

    def _row_cells(self, row: SummaryRow) -> list[tuple[str, Any]]:
        if row.dist_type == "total":
            return [
                (self.tr("Total"), row.dist_type),
                ("", None),
                ("", ""),
                (f"{row.area_hm2:.4f}", row.area_hm2),
                (f"{row.area_mu:.2f}", row.area_mu),
            ]
        labels = self._type_labels()
        return [
            (labels.get(row.dist_type, row.dist_type), row.dist_type),
            (self._degree_label(row.dist_degree, row.degree_basis), row.dist_degree),
            (self._land_use_text(row.dlbm_before), row.dlbm_before),
            (f"{row.area_hm2:.4f}", row.area_hm2),
            (f"{row.area_mu:.2f}", row.area_mu),
        ]

    def _add_result_row(self, row: SummaryRow, bold: bool) -> None:
        index = self.results_table.rowCount()
        self.results_table.insertRow(index)
        for column, (text, value) in enumerate(self._row_cells(row)):
            item = QTableWidgetItem(text)
            item.setData(VALUE_ROLE, value)
            item.setData(BASIS_ROLE, row.degree_basis)
            if column >= 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.results_table.setItem(index, column, item)

    def result_rows(self) -> list[SummaryRow]:
        """The rows shown in the results table, the total row included (last)."""
        table = self.results_table
        return [
            SummaryRow(
                *(table.item(row, column).data(VALUE_ROLE) for column in range(RESULT_COLUMNS)),
                degree_basis=table.item(row, 0).data(BASIS_ROLE) or "",
            )
            for row in range(table.rowCount())
        ]

    # --- settings -------------------------------------------------------------------

    def _settings_values(self) -> dict[str, Any]:
        self._remember_choices()
        values: dict[str, Any] = {
            "underground": self.underground_check.isChecked(),
            "groundwater_value_enabled": self.groundwater_value_check.isChecked(),
            "groundwater_value": self.groundwater_value_spin.value(),
            "facility_choices": json.dumps(self.remembered_choices, ensure_ascii=False),
            "sample_radius": self.sample_radius_spin.value(),
            "rules": self.rules_combo.currentData(),
            "rules_file": self.rules_file.filePath(),
            "min_change_enabled": self.min_change_check.isChecked(),
            "min_change": self.min_change_spin.value(),
            "min_patch_enabled": self.min_patch_check.isChecked(),
            "min_patch": self.min_patch_spin.value(),
            "output_geopackage": self.geopackage_radio.isChecked(),
            "output_file": self.output_file.filePath(),
            "predict": self.predict_group.isChecked(),
            "thickness": self.thickness_spin.value(),
            "depth": self.depth_spin.value(),
            "dip_direction": self.dip_direction_spin.value(),
            "grid_from_dem": self.grid_from_dem_check.isChecked(),
            "extent": self.prediction_extent(),
            "cell_size": self.cell_size_spin.value(),
        }
        for key, spin in self.panel_spins.items():
            values[f"panel_{key.lower()}"] = spin.value()
        for key, combo in self._all_layer_combos().items():
            layer = combo.currentLayer()
            values[f"layer_{key}"] = layer.id() if layer is not None else ""
        for key, combo in self._all_field_combos().items():
            values[f"field_{key}"] = combo.currentField()
        return values

    def _all_layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        combos = {key.lower(): combo for key, combo in self._layer_combos().items()}
        combos["panels"] = self.panels_combo
        return combos

    def _all_field_combos(self) -> dict[str, QgsFieldComboBox]:
        combos = {key.lower(): combo for key, combo in self._field_combos().items()}
        combos["thickness"] = self.thickness_field_combo
        combos["depth"] = self.depth_field_combo
        return combos

    def save_settings(self) -> None:
        """Remember the inputs for the next time the dialog opens."""
        settings = QgsSettings()
        for key, value in self._settings_values().items():
            settings.setValue(SETTINGS_PREFIX + key, value)

    def restore_settings(self) -> None:
        """Fill the form with the remembered inputs (missing layers are skipped)."""
        settings = QgsSettings()

        def value(key: str, default: Any, kind: type) -> Any:
            return settings.value(SETTINGS_PREFIX + key, default, type=kind)

        self.remembered_choices = read_json_maps(value("facility_choices", "", str))
        self.table_key = None  # the table's current rows predate these settings
        self.underground_check.setChecked(value("underground", False, bool))
        self.groundwater_value_check.setChecked(value("groundwater_value_enabled", False, bool))
        self.groundwater_value_spin.setValue(value("groundwater_value", 2.0, float))
        self.sample_radius_spin.setValue(value("sample_radius", 100.0, float))
        pack_index = self.rules_combo.findData(value("rules", DEFAULT_PACK, str))
        self.rules_combo.setCurrentIndex(max(pack_index, 0))
        self.rules_file.setFilePath(value("rules_file", "", str))
        self.min_change_check.setChecked(value("min_change_enabled", False, bool))
        self.min_change_spin.setValue(value("min_change", 1.0, float))
        self.min_patch_check.setChecked(value("min_patch_enabled", False, bool))
        self.min_patch_spin.setValue(value("min_patch", 400.0, float))
        self.geopackage_radio.setChecked(value("output_geopackage", False, bool))
        self.temporary_radio.setChecked(not self.geopackage_radio.isChecked())
        self.output_file.setFilePath(value("output_file", "", str))
        self._restore_layers(value)
        self._restore_prediction(value)
        self._rebuild_facility_table()

    def _restore_layers(self, value: Any) -> None:
        for key, combo in self._all_layer_combos().items():
            layer = self.project.mapLayer(value(f"layer_{key}", "", str))
            if layer is not None or key != "panels":
                combo.setLayer(layer)
        # The field pickers follow their layers through layerChanged; set the fields after.
        self._panels_changed(self.panels_combo.currentLayer())
        self.ph_field_combo.setLayer(self.samples_combo.currentLayer())
        self.landuse_field_combo.setLayer(self.landuse_combo.currentLayer())
        self.facility_field_combo.setLayer(self.facilities_combo.currentLayer())
        for key, combo in self._all_field_combos().items():
            remembered = value(f"field_{key}", "", str)
            layer = combo.layer()
            if remembered and layer is not None and layer.fields().indexOf(remembered) >= 0:
                combo.setField(remembered)
        self._suggest_type_field(self.facilities_combo.currentLayer())
        self._landuse_changed(self.landuse_combo.currentLayer())

    def _restore_prediction(self, value: Any) -> None:
        self.predict_group.setChecked(value("predict", False, bool))
        for key, spin in (("thickness", self.thickness_spin), ("depth", self.depth_spin)):
            remembered = value(key, NO_VALUE, float)
            spin.setValue(remembered if remembered > 0 else NO_VALUE)  # 0 meant "none" once
        self.dip_direction_spin.setValue(value("dip_direction", NO_DIP_DIRECTION, float))
        for setting in PANEL_SETTINGS:
            spin = self.panel_spins[setting.key]
            spin.setValue(value(f"panel_{setting.key.lower()}", setting.default, float))
        self.grid_from_dem_check.setChecked(value("grid_from_dem", True, bool))
        self.cell_size_spin.setValue(value("cell_size", 0.0, float))
        self._restore_extent(value("extent", "", str))

    def _restore_extent(self, text: str) -> None:
        coordinates, _, crs_text = text.partition(" [")
        try:
            x_min, x_max, y_min, y_max = (float(part) for part in coordinates.split(","))
        except ValueError:  # none remembered, or a hand-edited setting
            self.extent_widget.clear()
            return
        crs = QgsCoordinateReferenceSystem(crs_text.rstrip("]"))
        self.set_prediction_extent(QgsRectangle(x_min, y_min, x_max, y_max), crs)

    def shutdown(self) -> None:
        """For the plugin's unload: cancel a run, close and delete the dialog."""
        self.cancelled = True
        self.predict_runner.cancel()
        self.runner.cancel()
        self.close()
        self.deleteLater()


def open_disturbance_dialog(  # noqa: QGS105 (the plugin hands its iface over)
    iface: Any,
    current: DisturbanceDialog | None = None,
) -> DisturbanceDialog:
    """Show ``current`` (or a new dialog if there is none) and bring it to the front.

    The plugin keeps the returned dialog and passes it back next time: reopening shows the
    same dialog, and a run keeps its progress and results while the window is closed.
    """
    return bring_forward(reusable(current) or DisturbanceDialog(iface))
