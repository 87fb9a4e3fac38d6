"""The toolbar dialog "Evaluate suitability and propose land use…".

A thin front to ``reclamation:evaluatesuitability``: it gathers the parameters (with a
field-mapping table that suggests factors from Chinese and English field names), runs the
algorithm in the background through ``AlgorithmRunner``, shows progress and the log, and
ends on a results page with the area by proposed use. It remembers its inputs in QgsSettings.
"""

from __future__ import annotations

from typing import Any, ClassVar

from qgis.core import (
    Qgis,
    QgsMapLayer,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsMapLayerComboBox, QgsMessageBar
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..compat import layer_filter
from ..core.field_map import KNOWN_FACTORS, suggest_mapping
from ..core.labels import METHOD_NAMES, UNIT_NAMES, name_of
from ..core.pairs import PairsError, parse_pairs
from ..core.rules.pack import resolve_pack
from ..core.rules.vocabulary import FACTORS, METHOD_CHOICES
from ..core.suitability import factor_label, use_label
from ..i18n import ui_language
from ..paths import resource
from .preflight_messages import PreflightMessages
from .result_rows import (
    AreaRow,
    add_result_row,
    prepare_table,
    proposed_area_rows,
    results_page,
    row_values,
)
from .run_dialog import OTHER_FILE, RunDialogParts, bring_forward, reusable
from .runner import AlgorithmRunner, run_label
from .settings_store import (
    RulePackChoice,
    SettingsStore,
    json_maps,
    layer_id,
    layer_ids,
    output_values,
    rule_pack_values,
)

ALGORITHM_ID = "reclamation:evaluatesuitability"
SETTINGS_PREFIX = "reclamation_planner/suitability/"
NOT_USED = ""  # data of the "(not used)" entry of a factor combo
OUTPUT_TABLES = {"OUTPUT": "suitability", "SUMMARY": "suitability_summary"}
FIELD_COLUMN, FACTOR_COLUMN = 0, 1


def field_map_string(mapping: dict[str, str]) -> str:
    """FIELD_MAP text: only fields mapped to a factor whose name differs from the field."""
    return ";".join(
        f"{field}={factor}" for field, factor in mapping.items() if factor and field != factor
    )


def duplicate_factors(mapping: dict[str, str]) -> list[str]:
    """Factors chosen for more than one field (the algorithm would use only the last)."""
    chosen = [factor for factor in mapping.values() if factor]
    return sorted({factor for factor in chosen if chosen.count(factor) > 1})


class SuitabilityDialog(RunDialogParts, QDialog):
    """Gathers the parameters of the suitability evaluation, runs it and shows the result."""

    output_tables: ClassVar[dict[str, str]] = OUTPUT_TABLES

    def __init__(self, iface: Any, parent: QWidget | None = None) -> None:  # noqa: QGS105
        super().__init__(parent if parent is not None else iface.mainWindow())
        self.iface = iface
        self.project = QgsProject.instance()
        self.language = ui_language()
        # No Qt parent: a run must be able to outlive the dialog (the runner keeps itself
        # alive while its task runs).
        self.runner = AlgorithmRunner(ALGORITHM_ID, self.project)
        self.remembered_maps: dict[str, dict[str, str]] = {}  # layer name -> field -> factor
        self.table_layer_name: str | None = None  # the layer the field table shows
        self.run_name = ""
        self.setWindowTitle(self.tr("Evaluate suitability and propose land use"))
        self._build_ui()
        self._connect_signals()
        self.restore_settings()
        self._set_running(False)

    # --- building -------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.message_bar = QgsMessageBar(self)
        self.tabs = QTabWidget(self)
        self.input_pages = [
            self._units_page(),
            self._rules_page(),
            self._sources_page(),
        ]
        self.tabs.addTab(self.input_pages[0], self.tr("Units and fields"))
        self.tabs.addTab(self.input_pages[1], self.tr("Rules and output"))
        self.tabs.addTab(self.input_pages[2], self.tr("Optional sources"))
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
        self.resize(760, 600)

    def _layer_combo(self, filters: Any, optional: bool) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox(self)
        combo.setFilters(filters)
        if optional:
            combo.setAllowEmptyLayer(True, self.tr("(none)"))
            combo.setLayer(None)
        return combo

    def _units_page(self) -> QWidget:
        page = QWidget(self)
        self.units_combo = self._layer_combo(layer_filter("PolygonLayer"), optional=False)
        self.field_table = QTableWidget(0, 2, page)
        prepare_table(self.field_table, [self.tr("Field"), self.tr("Factor")])
        hint = QLabel(
            self.tr(
                "Choose the factor each field holds. Suggestions come from the field names "
                "(Chinese and English); fields named like a factor are used as that factor."
            ),
            page,
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Evaluation units"), self.units_combo)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.field_table)
        return page

    def _rules_page(self) -> QWidget:
        page = QWidget(self)
        self.rules_combo, self.rules_file = RulePackChoice().widgets(page)
        self.method_combo = QComboBox(page)
        for method in METHOD_CHOICES:
            label = (
                name_of(METHOD_NAMES, method, self.language)
                if method
                else self.tr("As in the rule pack")
            )
            self.method_combo.addItem(label, method)
        self.slope_cap_check = QCheckBox(self.tr("Provincial cultivation slope cap"), page)
        self.slope_cap_spin = QDoubleSpinBox(page)
        self.slope_cap_spin.setRange(0.0, 25.0)
        self.slope_cap_spin.setDecimals(1)
        self.slope_cap_spin.setSuffix("°")
        self.slope_cap_spin.setValue(15.0)
        self.slope_cap_spin.setToolTip(
            self.tr("Cultivated land is never proposed above 25°; a province may be stricter.")
        )
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.slope_cap_check)
        cap_row.addWidget(self.slope_cap_spin)
        form = QFormLayout(page)
        form.addRow(self.tr("Rule pack"), self.rules_combo)
        form.addRow(self.tr("Rule-pack file"), self.rules_file)
        form.addRow(self.tr("Method"), self.method_combo)
        form.addRow(cap_row)
        self._add_output_rows(form, page)
        return page

    def _sources_page(self) -> QWidget:
        page = QWidget(self)
        self.dem_combo = self._layer_combo(layer_filter("RasterLayer"), optional=True)
        self.soil_combo = self._layer_combo(layer_filter("PolygonLayer"), optional=True)
        self.soil_fields_edit = QLineEdit(page)
        self.soil_fields_edit.setPlaceholderText("有机质=organic_matter_gkg;质地=texture")
        self.groundwater_combo = self._layer_combo(layer_filter("RasterLayer"), optional=True)
        self.water_combo = self._layer_combo(
            layer_filter("LineLayer", "PolygonLayer"), optional=True
        )
        form = QFormLayout(page)
        form.addRow(self.tr("DEM (slope)"), self.dem_combo)
        form.addRow(self.tr("Soil polygons"), self.soil_combo)
        form.addRow(self.tr("Soil fields (field=factor;…)"), self.soil_fields_edit)
        form.addRow(self.tr("Groundwater depth raster (m)"), self.groundwater_combo)
        form.addRow(self.tr("Water features"), self.water_combo)
        return page

    def _results_page(self) -> QWidget:
        page, self.results_label, self.results_table = results_page(
            self,
            [
                self.tr("Proposed use"),
                self.tr("Units"),
                self.tr("Area (hm²)"),
                self.tr("Area (亩)"),
            ],
        )
        return page

    def _connect_signals(self) -> None:
        self.units_combo.layerChanged.connect(self._rebuild_field_table)
        self.rules_combo.currentIndexChanged.connect(self._update_enabled)
        self.slope_cap_check.toggled.connect(self._update_enabled)
        self.geopackage_radio.toggled.connect(self._update_enabled)
        self._connect_run()

    def _update_enabled(self) -> None:
        self.rules_file.setEnabled(self.rules_combo.currentData() == OTHER_FILE)
        self.slope_cap_spin.setEnabled(self.slope_cap_check.isChecked())
        self.output_file.setEnabled(self.geopackage_radio.isChecked())

    # --- field mapping --------------------------------------------------------------

    def _factor_combo(self, field_name: str, factor: str) -> QComboBox:
        combo = QComboBox(self.field_table)
        combo.addItem(self.tr("(not used)"), NOT_USED)
        factors = list(FACTORS)
        if factor and factor not in factors:  # e.g. a damage indicator named as such
            factors.append(factor)
        for name in factors:
            combo.addItem(factor_name_with_unit(name, self.language), name)
            combo.setItemData(combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(combo.findData(factor), 0))
        if field_name in KNOWN_FACTORS:
            # The algorithm uses such a field by its name whatever FIELD_MAP says.
            combo.setEnabled(False)
            combo.setToolTip(
                self.tr("Used as {factor} because of its name.").format(
                    factor=factor_name_with_unit(factor, self.language)
                )
            )
        return combo

    def _remember_table(self) -> None:
        """Keep the choices of the layer the table shows (switching back restores them)."""
        if self.table_layer_name is not None:
            self.remembered_maps[self.table_layer_name] = self.field_mapping()

    def _rebuild_field_table(self, *_: Any) -> None:
        self._remember_table()
        layer = self.units_combo.currentLayer()
        self.table_layer_name = layer.name() if layer is not None else None
        names = layer.fields().names() if isinstance(layer, QgsVectorLayer) else []
        chosen = {**suggest_mapping(names), **self._remembered_for(layer, names)}
        self.field_table.setRowCount(0)
        for row, name in enumerate(names):
            factor = name if name in KNOWN_FACTORS else chosen.get(name, NOT_USED)
            self.field_table.insertRow(row)
            self.field_table.setItem(row, FIELD_COLUMN, QTableWidgetItem(name))
            self.field_table.setCellWidget(row, FACTOR_COLUMN, self._factor_combo(name, factor))

    def _remembered_for(self, layer: QgsMapLayer | None, names: list[str]) -> dict[str, str]:
        if layer is None:
            return {}
        remembered = self.remembered_maps.get(layer.name(), {})
        return {field: factor for field, factor in remembered.items() if field in names}

    def field_mapping(self) -> dict[str, str]:
        """Field -> chosen factor ("" = not used), for every field of the units layer."""
        mapping = {}
        for row in range(self.field_table.rowCount()):
            name = self.field_table.item(row, FIELD_COLUMN).text()
            mapping[name] = self.field_table.cellWidget(row, FACTOR_COLUMN).currentData()
        return mapping

    def set_factor(self, field_name: str, factor: str) -> None:
        """Choose the factor of a field (as a user would in the table)."""
        for row in range(self.field_table.rowCount()):
            if self.field_table.item(row, FIELD_COLUMN).text() == field_name:
                combo = self.field_table.cellWidget(row, FACTOR_COLUMN)
                combo.setCurrentIndex(combo.findData(factor))
                return
        raise KeyError(field_name)

    def field_map(self) -> str:
        """The FIELD_MAP parameter of the current table."""
        return field_map_string(self.field_mapping())

    # --- parameters -----------------------------------------------------------------

    def parameters(self) -> dict[str, Any]:
        """The algorithm's parameters (public keys) from the form."""
        units = self.units_combo.currentLayer()
        parameters: dict[str, Any] = {
            "UNITS": units.id() if units is not None else None,
            "RULES": self.rules_reference(),
            "METHOD": self.method_combo.currentIndex(),
            "FIELD_MAP": self.field_map(),
            **self._outputs(),
        }
        if self.slope_cap_check.isChecked():
            parameters["MAX_CULTIVATION_SLOPE"] = self.slope_cap_spin.value()
        for key, combo in self._source_combos().items():
            if combo.currentLayer() is not None:
                parameters[key] = combo.currentLayer().id()
        if self.soil_fields_edit.text().strip():
            parameters["SOIL_FIELDS"] = self.soil_fields_edit.text().strip()
        return parameters

    def _source_combos(self) -> dict[str, QgsMapLayerComboBox]:
        return {
            "DEM": self.dem_combo,
            "SOIL": self.soil_combo,
            "GROUNDWATER_DEPTH": self.groundwater_combo,
            "WATER": self.water_combo,
        }

    def input_problem(self) -> str:
        """What keeps the form from running, or ""."""
        if self.units_combo.currentLayer() is None:
            return self.tr("Choose a polygon layer of evaluation units.")
        if not self.rules_reference():
            return self.tr("Choose a rule-pack file, or a built-in rule pack.")
        duplicates = duplicate_factors(self.field_mapping())
        if duplicates:
            return self.tr("Each factor can come from one field only: {factors}.").format(
                factors=", ".join(duplicates)
            )
        if self.geopackage_radio.isChecked() and not self.geopackage_path():
            return self.tr("Choose the GeoPackage file to write, or temporary layers.")
        return self._preflight_problem()

    def _preflight_problem(self) -> str:
        """The factors the rule pack needs that neither a field nor a source gives."""
        try:
            pack = resolve_pack(self.rules_reference(), resource("rules"))
        except Exception:
            return ""
        given = set()
        for key, factor in (
            ("DEM", "slope_deg"),
            ("GROUNDWATER_DEPTH", "gw_depth_m"),
            ("WATER", "dist_water_m"),
        ):
            if self._source_combos()[key].currentLayer() is not None:
                given.add(factor)
        mapping = {name: factor for name, factor in self.field_mapping().items() if factor}
        kinds = _field_kinds(self.units_combo.currentLayer())
        soil = self.soil_combo.currentLayer()
        if isinstance(soil, QgsVectorLayer):
            soil_kinds = _field_kinds(soil)
            try:
                pairs = parse_pairs(self.soil_fields_edit.text())
            except PairsError:
                pairs = []
            soil_map = dict(pairs) or {n: n for n in soil_kinds if n in KNOWN_FACTORS}
            mapping.update(soil_map)
            kinds.update(soil_kinds)
        return PreflightMessages().problem(pack, given, mapping, kinds)

    # --- running --------------------------------------------------------------------

    def run(self) -> None:
        """Start the evaluation in the background."""
        if self.runner.is_running():
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
        self.run_name = run_label(self.tr("Suitability"))
        self._set_running(True)
        self.tabs.setCurrentWidget(self.log_page)
        self.log(self.tr("Run “{name}”").format(name=self.run_name))
        self.runner.start(self.parameters(), self.run_name)

    def cancel(self) -> None:
        """Ask the running evaluation to stop."""
        if self.runner.is_running():
            self.log(self.tr("Cancelling…"))
            self.runner.cancel()

    def _show_progress(self, percent: float) -> None:
        self.progress_bar.setValue(round(percent))

    def _on_finished(self, ok: bool, results: dict[str, Any]) -> None:
        self._set_running(False)
        if not ok:
            self.log(self.runner.error_message, True)
            self.show_error(self.runner.error_message)
            return
        self.progress_bar.setValue(100)
        self._show_results()
        self.tabs.setCurrentWidget(self.results_page)

    # --- results --------------------------------------------------------------------

    def _show_results(self) -> None:
        summary = self.runner.output_layers.get("SUMMARY")
        rows = proposed_area_rows(summary if isinstance(summary, QgsVectorLayer) else None)
        self.results_table.setRowCount(0)
        for row in rows:
            self._add_result_row(self._use_text(row.use), row, bold=False)
        if rows:
            total = AreaRow(
                use="",
                units=sum(row.units for row in rows),
                area_hm2=sum(row.area_hm2 for row in rows),
                area_mu=sum(row.area_mu for row in rows),
            )
            self._add_result_row(self.tr("Total"), total, bold=True)
        group = self.runner.group.name() if self.runner.group is not None else ""
        self.results_label.setText(self.tr("Area by proposed use"))
        self.message_bar.pushMessage(
            self.tr("Done"),
            self.tr("The layers are in the group “{group}”.").format(group=group),
            Qgis.MessageLevel.Success,
            0,
        )

    def _use_text(self, use: str) -> str:
        return use_label(use, self.language) if use else self.tr("Not evaluated")

    def _add_result_row(self, label: str, row: AreaRow, bold: bool) -> None:
        cells = [
            (label, row.use),
            (str(row.units), row.units),
            (f"{row.area_hm2:.4f}", row.area_hm2),
            (f"{row.area_mu:.2f}", row.area_mu),
        ]
        add_result_row(self.results_table, cells, 1, bold)  # numbers from the units on

    def result_rows(self) -> list[AreaRow]:
        """The rows shown in the results table, without the total row."""
        table = self.results_table
        return [AreaRow(*row_values(table, row)) for row in range(max(table.rowCount() - 1, 0))]

    # --- settings -------------------------------------------------------------------

    def save_settings(self) -> None:
        """Remember the inputs for the next time the dialog opens."""
        self._remember_table()
        values = {
            "units": layer_id(self.units_combo),
            **rule_pack_values(self.rules_combo, self.rules_file),
            "method": self.method_combo.currentIndex(),
            "slope_cap_enabled": self.slope_cap_check.isChecked(),
            "slope_cap": self.slope_cap_spin.value(),
            "field_maps": json_maps(self.remembered_maps),
            "soil_fields": self.soil_fields_edit.text(),
            **output_values(self),
            **layer_ids(self._source_combos(), "source_"),
        }
        SettingsStore(SETTINGS_PREFIX).save(values)

    def restore_settings(self) -> None:
        """Fill the form with the remembered inputs (missing layers are skipped)."""
        store = SettingsStore(SETTINGS_PREFIX)
        value = store.value
        self.remembered_maps = store.maps("field_maps")
        self.table_layer_name = None  # the table's current rows predate these settings
        store.restore_rule_pack(self.rules_combo, self.rules_file)
        self.method_combo.setCurrentIndex(
            min(max(value("method", 0, int), 0), len(METHOD_CHOICES) - 1)
        )
        self.slope_cap_check.setChecked(value("slope_cap_enabled", False, bool))
        self.slope_cap_spin.setValue(value("slope_cap", 15.0, float))
        self.soil_fields_edit.setText(value("soil_fields", "", str))
        store.restore_output(self)
        for key, combo in self._source_combos().items():
            combo.setLayer(store.layer(self.project, f"source_{key.lower()}"))
        units = store.layer(self.project, "units")
        if units is not None:
            self.units_combo.setLayer(units)
        self._rebuild_field_table()

    def shutdown(self) -> None:
        """For the plugin's unload: cancel a run, close and delete the dialog."""
        self.runner.cancel()
        self.close()
        self.deleteLater()


def open_suitability_dialog(  # noqa: QGS105 (the plugin hands its iface over)
    iface: Any,
    current: SuitabilityDialog | None = None,
) -> SuitabilityDialog:
    """Show ``current`` (or a new dialog if there is none) and bring it to the front.

    The plugin keeps the returned dialog and passes it back next time: reopening shows the
    same dialog, and a run keeps its progress and results while the window is closed.
    """
    return bring_forward(reusable(current) or SuitabilityDialog(iface))


def _field_kinds(layer: QgsMapLayer | None) -> dict[str, str]:
    """Field name -> "number" or "text" of a vector layer."""
    if not isinstance(layer, QgsVectorLayer):
        return {}
    return {field.name(): "number" if field.isNumeric() else "text" for field in layer.fields()}


def factor_name_with_unit(factor: str, language: str) -> str:
    """坡度 (°), soil thickness (cm): a factor as a reader names it (the key for a factor
    the plugin does not know)."""
    label = factor_label(factor, language)
    unit = FACTORS.get(factor, "")
    unit_text = name_of(UNIT_NAMES, unit, language) if unit else ""
    if not unit_text or unit in ("class",):
        return label
    return f"{label}（{unit_text}）" if language.startswith("zh") else f"{label} ({unit_text})"
