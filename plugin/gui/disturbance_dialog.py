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

from typing import Any, ClassVar

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFieldProxyModel,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.gui import (
    QgsExtentWidget,
    QgsFieldComboBox,
    QgsMapLayerComboBox,
    QgsMessageBar,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..compat import layer_filter
from ..core.rules.landuse_codes import LAND_USE_CODES, land_use_name
from ..i18n import ui_language
from .evidence import EvidenceCheck, EvidenceRows
from .facility_types import FacilityTypeInputs, FacilityTypeTable, show_code_field
from .panel_settings import NO_VALUE, PanelSettingsWidget
from .panel_settings import PANEL_SETTINGS as ALL_PANEL_SETTINGS
from .result_rows import SummaryRow, add_result_row, results_page, row_values, summary_rows
from .run_dialog import OTHER_FILE, RunDialogParts, bring_forward, reusable
from .runner import TEMPORARY_OUTPUT, AlgorithmRunner, run_label
from .settings_store import (
    RulePackChoice,
    SettingsStore,
    json_maps,
    layer_ids,
    output_values,
    rule_pack_values,
)

ALGORITHM_ID = "reclamation:classifydisturbance"
PREDICT_ALGORITHM_ID = "reclamation:predictsubsidence"
SETTINGS_PREFIX = "reclamation_planner/disturbance/"
# A results cell keeps its value under result_rows.VALUE_ROLE and the row's degree basis here.
BASIS_ROLE = Qt.ItemDataRole.UserRole + 1
OUTPUT_TABLES = {"OUTPUT": "disturbance", "SUMMARY": "disturbance_summary"}
PREDICTED_KEYS = ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION")
PREDICTION_OUTPUTS = ("SUBSIDENCE", "TILT", "CURVATURE", "HORIZONTAL_DEFORMATION", "CONTOURS")
PREDICTION_SHARE = 40.0  # percent of the progress bar the prediction step takes
FIRST_AREA_COLUMN = 3  # results columns: type, degree, land use before, hm², 亩
# Field parameters of the classification -> the layer parameter they belong to.
FIELD_PARENTS = {
    "FACILITY_TYPE_FIELD": "FACILITIES",
    "PH_FIELD": "SOIL_SAMPLES",
    "LANDUSE_CODE_FIELD": "LANDUSE",
}


# Settings with a default value for all panels (the others start empty).
PANEL_SETTINGS = tuple(s for s in ALL_PANEL_SETTINGS if s.default is not None)
NO_DIP_DIRECTION = NO_VALUE  # the dip-direction spin's "(none)" value


def _field_filter(name: str) -> Any:
    """QgsFieldComboBox filter by name; the enum moved to Qgis in newer QGIS versions."""
    enum = getattr(Qgis, "FieldProxyModelFilter", None) or QgsFieldProxyModel.Filter
    return getattr(enum, name)


class DisturbanceDialog(FacilityTypeInputs, RunDialogParts, QDialog):
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
        # Short tab titles (all seven fit the default width in both languages), the long
        # name as the tab's tooltip.
        pages = [
            (self._terrain_page(), self.tr("Terrain"), self.tr("Elevation and subsidence")),
            (self._prediction_page(), self.tr("Panels"), self.tr("Predict from panels")),
            (self._facilities_page(), self.tr("Facilities"), self.tr("Mapped facilities")),
            (self._samples_page(), self.tr("Samples, land"), self.tr("Samples, land use, area")),
            (self._rules_page(), self.tr("Rules, output"), self.tr("Rules and output")),
        ]
        self.input_pages = [page for page, _, _ in pages]
        for page, title, tooltip in pages:
            index = self.tabs.addTab(page, title)
            self.tabs.setTabToolTip(index, tooltip)
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
        rows = EvidenceRows()
        self.underground_check = rows.underground_check(page)
        self.subsidence_combo = self._layer_combo(raster)
        self.tilt_combo = self._layer_combo(raster)
        self.deformation_combo = self._layer_combo(raster)
        self.groundwater_combo = self._layer_combo(raster)
        self.groundwater_value_check, self.groundwater_value_spin, groundwater_row = (
            self._optional_spin(0.0, 1000.0, 2.0, 2, " m")
        )
        self.groundwater_value_check.setText(self.tr("One value"))
        form = QFormLayout(page)
        rows.add_terrain_rows(form, self)
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
        self.facility_table = FacilityTypeTable(page)
        self.facility_note = QLabel(page)
        self.facility_note.setWordWrap(True)
        hint = QLabel(self.facility_table.hint(), page)
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
        self.rules_combo, self.rules_file = RulePackChoice().widgets(page)
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
        page, self.results_label, self.results_table = results_page(
            self,
            [
                self.tr("Damage type"),
                self.tr("Degree"),
                self.tr("Land use before"),
                self.tr("Area (hm²)"),
                self.tr("Area (亩)"),
            ],
        )
        return page

    def _connect_signals(self) -> None:
        self._connect_facility_inputs()
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
        self._connect_run()
        self.predict_runner.progressChanged.connect(self._show_prediction_progress)
        self.predict_runner.messageLogged.connect(self.log)
        self.predict_runner.finished.connect(self._on_prediction_finished)

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
        show_code_field(self.landuse_field_combo, layer)

    # --- labels ---------------------------------------------------------------------

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
            self._prediction_problem,
            self._other_problem,
        ):
            problem = check()
            if problem:
                return problem
        return ""

    def _evidence_problem(self) -> str:
        """The evidence, then the facility types (as the wizard checks them)."""
        return EvidenceCheck().inputs(self, panels=self.predict_group.isChecked())

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
        labels = self.facility_table.type_labels()
        return [
            (labels.get(row.dist_type, row.dist_type), row.dist_type),
            (self._degree_label(row.dist_degree, row.degree_basis), row.dist_degree),
            (self._land_use_text(row.dlbm_before), row.dlbm_before),
            (f"{row.area_hm2:.4f}", row.area_hm2),
            (f"{row.area_mu:.2f}", row.area_mu),
        ]

    def _add_result_row(self, row: SummaryRow, bold: bool) -> None:
        cells = self._row_cells(row)
        for item in add_result_row(self.results_table, cells, FIRST_AREA_COLUMN, bold):
            item.setData(BASIS_ROLE, row.degree_basis)

    def result_rows(self) -> list[SummaryRow]:
        """The rows shown in the results table, the total row included (last)."""
        table = self.results_table
        return [
            SummaryRow(
                *row_values(table, row),
                degree_basis=table.item(row, 0).data(BASIS_ROLE) or "",
            )
            for row in range(table.rowCount())
        ]

    # --- settings -------------------------------------------------------------------

    def _settings_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "underground": self.underground_check.isChecked(),
            "groundwater_value_enabled": self.groundwater_value_check.isChecked(),
            "groundwater_value": self.groundwater_value_spin.value(),
            "facility_choices": json_maps(self.facility_table.remembered_choices()),
            "sample_radius": self.sample_radius_spin.value(),
            **rule_pack_values(self.rules_combo, self.rules_file),
            "min_change_enabled": self.min_change_check.isChecked(),
            "min_change": self.min_change_spin.value(),
            "min_patch_enabled": self.min_patch_check.isChecked(),
            "min_patch": self.min_patch_spin.value(),
            **output_values(self),
            "predict": self.predict_group.isChecked(),
            "thickness": self.thickness_spin.value(),
            "depth": self.depth_spin.value(),
            "dip_direction": self.dip_direction_spin.value(),
            "grid_from_dem": self.grid_from_dem_check.isChecked(),
            "extent": self.prediction_extent(),
            "cell_size": self.cell_size_spin.value(),
            **layer_ids(self._all_layer_combos(), "layer_"),
        }
        for key, spin in self.panel_spins.items():
            values[f"panel_{key.lower()}"] = spin.value()
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
        SettingsStore(SETTINGS_PREFIX).save(self._settings_values())

    def restore_settings(self) -> None:
        """Fill the form with the remembered inputs (missing layers are skipped)."""
        store = SettingsStore(SETTINGS_PREFIX)
        value = store.value
        self.facility_table.set_remembered(store.maps("facility_choices"))
        self.underground_check.setChecked(value("underground", False, bool))
        self.groundwater_value_check.setChecked(value("groundwater_value_enabled", False, bool))
        self.groundwater_value_spin.setValue(value("groundwater_value", 2.0, float))
        self.sample_radius_spin.setValue(value("sample_radius", 100.0, float))
        store.restore_rule_pack(self.rules_combo, self.rules_file)
        self.min_change_check.setChecked(value("min_change_enabled", False, bool))
        self.min_change_spin.setValue(value("min_change", 1.0, float))
        self.min_patch_check.setChecked(value("min_patch_enabled", False, bool))
        self.min_patch_spin.setValue(value("min_patch", 400.0, float))
        store.restore_output(self)
        self._restore_layers(store)
        self._restore_prediction(store)
        self.rebuild_facility_table()

    def _restore_layers(self, store: SettingsStore) -> None:
        for key, combo in self._all_layer_combos().items():
            layer = store.layer(self.project, f"layer_{key}")
            if layer is not None or key != "panels":  # the panels picker has no "(none)"
                combo.setLayer(layer)
        # The field pickers follow their layers through layerChanged; set the fields after.
        self._panels_changed(self.panels_combo.currentLayer())
        self.ph_field_combo.setLayer(self.samples_combo.currentLayer())
        self.landuse_field_combo.setLayer(self.landuse_combo.currentLayer())
        self.facility_field_combo.setLayer(self.facilities_combo.currentLayer())
        for key, combo in self._all_field_combos().items():
            store.restore_field(combo, f"field_{key}")
        self.offer_type_field(self.facilities_combo.currentLayer())
        self._landuse_changed(self.landuse_combo.currentLayer())

    def _restore_prediction(self, store: SettingsStore) -> None:
        value = store.value
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
