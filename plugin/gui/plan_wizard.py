"""The toolbar wizard "Reclamation plan wizard…": the whole workflow for people new to QGIS.

Four pages gather the inputs of the model ``reclamation:reclamationplan`` (study area and
evidence → land use and soil → rules → outputs); each page says what is missing before it
lets the user go on. The last page runs the model in the background through
``AlgorithmRunner`` with every output in one folder (a GeoPackage of layers, one of tables,
the HTML/PDF/XLSX reports), shows progress, the log and a Cancel button, loads the layers
into one group and opens the HTML report at the end. The wizard remembers its inputs in
QgsSettings under ``reclamation_planner/wizard/``.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsLayerTree,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
    QgsVectorLayer,
)
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, QUrl, pyqtSignal
from qgis.PyQt.QtGui import QDesktopServices
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..compat import layer_filter
from ..core.field_map import suggest_mapping
from ..core.labels import METHOD_NAMES, name_of
from ..core.pairs import PairsError, parse_pairs
from ..core.preflight import FROM_DISTURBANCE
from ..core.rules.pack import RulePack, resolve_pack
from ..core.rules.vocabulary import FACTORS
from ..core.suitability import use_label
from ..i18n import Translatable, report_language, ui_language
from ..paths import resource
from ..provider.plan_maps import PlanMaps, SheetInfo, SheetLayers
from ..provider.styling import corridor_renderer, eco_source_renderer
from .evidence import EvidenceCheck, EvidenceRows
from .facility_types import FacilityTypeInputs, FacilityTypeTable, show_code_field
from .panel_settings import PanelSettingsWidget
from .preflight_messages import PreflightMessages
from .project_info import ProjectInfoTable
from .result_rows import proposed_area_rows, summary_rows
from .run_dialog import OTHER_FILE, bring_forward, reusable
from .runner import AlgorithmRunner, geopackage_destination, run_label
from .settings_store import (
    RulePackChoice,
    SettingsStore,
    choose_data,
    json_maps,
    layer_ids,
    rule_pack_values,
)
from .wizard_page import ERROR_STYLE, StepPage, choose_layer
from .work_plan_page import WorkPlanPage

ALGORITHM_ID = "reclamation:reclamationplan"
SETTINGS_PREFIX = "reclamation_planner/wizard/"
EVIDENCE_PAGE, PREDICTION_PAGE, LAND_PAGE, RULES_PAGE, WORK_PLAN_PAGE, OUTPUTS_PAGE, RUN_PAGE = (
    range(7)
)
# The model's layer outputs -> their table in the plan GeoPackage.
LAYER_TABLES = {
    "classify:DISTURBED": "disturbed",
    "classify:DISTURBED_SUMMARY": "disturbed_summary",
    "evaluate:SUITABILITY": "suitability",
    "evaluate:SUITABILITY_SUMMARY": "suitability_summary",
    # Written when the plan run computes the ecological network (a land-use layer given).
    "network:CORRIDORS": "ecological_corridors",
    "network:SOURCES": "ecological_sources",
}
GEOPACKAGE_NAME = "reclamation_plan.gpkg"
TABLES_KEY, TABLES_NAME = "summarize:TABLES", "reclamation_plan_tables.gpkg"
HTML_KEY = "summarize:REPORT_HTML"
REPORT_NAMES = {
    HTML_KEY: "reclamation_plan_report.html",
    "summarize:REPORT_PDF": "reclamation_plan_report.pdf",
    "summarize:REPORT_XLSX": "reclamation_plan_tables.xlsx",
    "summarize:REPORT_DOCX": "reclamation_plan_report.docx",
}


# --- pure helpers ---------------------------------------------------------------------


def output_files(folder: str | Path, reports: set[str], number: int = 1) -> dict[str, str]:
    """Output key -> file path in ``folder``: the plan GeoPackage, the tables GeoPackage
    and the chosen reports (keys of ``REPORT_NAMES``); run ``number`` 2, 3, … adds
    ``_2``, ``_3``, … to the file names."""
    base = Path(folder)
    suffix = f"_{number}" if number > 1 else ""
    names = {
        **dict.fromkeys(LAYER_TABLES, GEOPACKAGE_NAME),
        TABLES_KEY: TABLES_NAME,
        **{key: name for key, name in REPORT_NAMES.items() if key in reports},
    }
    return {
        key: str(base / f"{Path(name).stem}{suffix}{Path(name).suffix}")
        for key, name in names.items()
    }


def free_run_number(folder: str | Path) -> int:
    """The first run number none of whose files exists in ``folder`` yet.

    A run never writes over an earlier one: its layers may be open in the project, and
    QGIS 3.22 asks on the worker thread before replacing a style stored in a GeoPackage.
    """
    number = 1
    while any(
        Path(path).exists() for path in output_files(folder, set(REPORT_NAMES), number).values()
    ):
        number += 1
    return number


def output_destinations(folder: str | Path, reports: set[str], number: int = 1) -> dict[str, str]:
    """The model's output parameters: each layer a table of the plan GeoPackage."""
    files = output_files(folder, reports, number)
    return {
        key: geopackage_destination(path, LAYER_TABLES[key]) if key in LAYER_TABLES else path
        for key, path in files.items()
    }


def soil_fields_suggestion(field_names: list[str]) -> str:
    """SOIL_FIELDS for a soil layer: its factor-like fields, or "" if their names already
    are the factors (the algorithm then uses them by name)."""
    mapping = {
        name: factor for name, factor in suggest_mapping(field_names).items() if factor in FACTORS
    }
    if all(name == factor for name, factor in mapping.items()):
        return ""
    # A non-empty SOIL_FIELDS replaces the by-name fields: list those too.
    return ";".join(f"{name}={factor}" for name, factor in mapping.items())


def canonical_soil_fields(field_names: list[str]) -> list[str]:
    """Fields the algorithm uses by their name when SOIL_FIELDS is empty."""
    return [name for name in field_names if name in FACTORS]


# --- widgets --------------------------------------------------------------------------


class EvidencePage(FacilityTypeInputs, StepPage):
    """Study area and the evidence of disturbed land."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Study area and evidence"))
        self.setSubTitle(
            self.tr(
                "Where is the mine, and what shows the land it damaged? At least one of: both "
                "DEMs, subsidence, working panels, facilities, soil samples."
            )
        )
        raster, polygons = layer_filter("RasterLayer"), layer_filter("PolygonLayer")
        self.area_combo = self.layer_combo(polygons)
        self.dem_before_combo = self.layer_combo(raster)
        self.dem_after_combo = self.layer_combo(raster)
        self.undermined_combo = self.layer_combo(polygons)
        self.underground_check = EvidenceRows().underground_check(self)
        self.subsidence_combo = self.layer_combo(raster)
        self.panels_combo = self.layer_combo(polygons)
        self.facilities_combo = self.layer_combo(polygons)
        self.facility_field_combo = self.field_combo()
        self.facility_table = FacilityTypeTable(self)
        self.facility_table.setMinimumHeight(150)
        self.facility_note = self.hint("")
        self.samples_combo = self.layer_combo(layer_filter("PointLayer"))
        self._lay_out()
        self._connect_facility_inputs()
        self.facility_table.choicesChanged.connect(self.refresh)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Project area"), self.area_combo)
        EvidenceRows().add_terrain_rows(form, self)
        form.addRow(self.tr("Working panels (predict the subsidence)"), self.panels_combo)
        form.addRow(self.tr("Soil samples (mg/kg)"), self.samples_combo)
        form.addRow(self.tr("Mapped facilities"), self.facilities_combo)
        form.addRow(self.tr("Facility type field"), self.facility_field_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint(self.facility_table.hint()))
        layout.addWidget(self.facility_table, 1)
        layout.addWidget(self.facility_note)
        layout.addWidget(self.problem_label)

    # --- validation -------------------------------------------------------------------

    def problem(self) -> str:
        panels = self.panels_combo.currentLayer() is not None
        if panels and self.subsidence_combo.currentLayer() is not None:
            return self.tr(
                "Give either working panels (the subsidence is predicted) or a subsidence "
                "raster, not both."
            )
        return EvidenceCheck().inputs(self, panels)

    def nextId(self) -> int:  # noqa: N802 (Qt API)
        """The prediction page only when panels are given."""
        return PREDICTION_PAGE if self.panels_combo.currentLayer() is not None else LAND_PAGE

    # --- parameters -------------------------------------------------------------------

    def layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        return {
            "AREA": self.area_combo,
            "DEM_BEFORE": self.dem_before_combo,
            "DEM_AFTER": self.dem_after_combo,
            "UNDERMINED": self.undermined_combo,
            "SUBSIDENCE": self.subsidence_combo,
            "PANELS": self.panels_combo,
            "FACILITIES": self.facilities_combo,
            "SOIL_SAMPLES": self.samples_combo,
        }

    def parameters(self) -> dict[str, Any]:
        parameters: dict[str, Any] = {"UNDERGROUND": self.underground_check.isChecked()}
        if self.facilities_combo.currentLayer() is not None:
            parameters["FACILITY_TYPE_FIELD"] = self.facility_field_combo.currentField()
            parameters["FACILITY_TYPE_MAP"] = self.facility_type_map()
        return parameters


class PredictionPage(StepPage):
    """The parameters of the working panels, for the predicted subsidence."""

    def __init__(self, evidence: EvidencePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.evidence = evidence
        self.setTitle(self.tr("Subsidence predicted from the working panels"))
        self.setSubTitle(
            self.tr(
                "Each panel's own parameters: a field of the panels (采厚, 埋深, 倾角 … are "
                "chosen for you) or one value for all panels."
            )
        )
        self.settings = PanelSettingsWidget(self)
        for combo in self.settings.field_combos.values():
            combo.fieldChanged.connect(self.refresh)
        for spin in self.settings.value_spins.values():
            spin.valueChanged.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.settings)
        layout.addWidget(
            self.hint(
                self.tr(
                    "Without your own values, q 0.8, tan β 2.0, b 0.3, s 0 m and θ 90° are "
                    "typical values, not those of your mine. The groundwater depth of the "
                    "next page gives the ponding."
                )
            )
        )
        layout.addStretch(1)
        layout.addWidget(self.problem_label)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.settings.set_layer(self.evidence.panels_combo.currentLayer())
        self.refresh()

    def problem(self) -> str:
        missing = self.settings.missing()
        if missing:
            return self.tr("Choose a field or give a value for: {0}.").format(", ".join(missing))
        return ""

    def parameters(self) -> dict[str, Any]:
        if self.evidence.panels_combo.currentLayer() is None:
            return {}
        return self.settings.parameters()


class LandSoilPage(StepPage):
    """Land use before mining, soil, groundwater and water features."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Land use and soil"))
        self.setSubTitle(
            self.tr(
                "What was the land before mining, and what are its soil and water like? "
                "Everything on this page is optional but makes the plan better."
            )
        )
        polygons = layer_filter("PolygonLayer")
        self.landuse_combo = self.layer_combo(polygons)
        self.landuse_field_combo = self.field_combo()
        self.soil_combo = self.layer_combo(polygons)
        self.soil_fields_edit = QLineEdit(self)
        self.soil_fields_edit.setPlaceholderText("有机质=organic_matter_gkg;质地=texture")
        self.soil_note = self.hint("")
        self.groundwater_combo = self.layer_combo(layer_filter("RasterLayer"))
        self.water_combo = self.layer_combo(layer_filter("LineLayer", "PolygonLayer"))
        self.stripping_combo = self.layer_combo(polygons)
        self.stripping_field_combo = self.field_combo()
        self.stripping_year_combo = self.field_combo()
        self.stockpile_combo = self.layer_combo(layer_filter("PolygonLayer", "PointLayer"))
        self.stockpile_field_combo = self.field_combo()
        self.units_combo = self.layer_combo(polygons)
        self.units_field_combo = self.field_combo()
        self.units_split_check = QCheckBox(
            self.tr("Split by slope class, and into platforms and faces"), self
        )
        units_note = self.tr(
            "Without a layer of your own, the units are the disturbed polygons cut by "
            "the rule pack's slope classes, and dumps and pits into platforms (平台) "
            "and faces (边坡)."
        )
        self.units_combo.setToolTip(units_note)
        self.units_split_check.setToolTip(units_note)
        self.last_suggestion = ""
        form = QFormLayout()
        form.addRow(self.tr("Land use before mining"), self.landuse_combo)
        form.addRow(self.tr("GB/T 21010 code field"), self.landuse_field_combo)
        form.addRow(self.tr("Soil polygons"), self.soil_combo)
        form.addRow(self.tr("Soil fields (field=factor;…)"), self.soil_fields_edit)
        form.addRow("", self.soil_note)
        form.addRow(self.tr("Groundwater depth raster (m)"), self.groundwater_combo)
        form.addRow(self.tr("Water features"), self.water_combo)
        form.addRow(self.tr("Topsoil stripping areas"), self.stripping_combo)
        form.addRow(self.tr("Stripping depth field (m)"), self.stripping_field_combo)
        form.addRow(self.tr("Stripping year field"), self.stripping_year_combo)
        form.addRow(self.tr("Topsoil stockpiles"), self.stockpile_combo)
        form.addRow(self.tr("Stockpile capacity field (m³)"), self.stockpile_field_combo)
        form.addRow(self.tr("Your evaluation units or zones"), self.units_combo)
        form.addRow(self.tr("Unit id or zone field"), self.units_field_combo)
        form.addRow("", self.units_split_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        self.landuse_combo.layerChanged.connect(self._landuse_changed)
        self.soil_combo.layerChanged.connect(self._soil_changed)
        self.soil_fields_edit.textChanged.connect(self.refresh)
        self.units_combo.layerChanged.connect(self._units_changed)
        self.stripping_combo.layerChanged.connect(self._stripping_changed)
        self.stockpile_combo.layerChanged.connect(self._stockpile_changed)
        self._stockpile_changed(None)
        self._units_changed(None)
        self._stripping_changed(None)

    def _stockpile_changed(self, layer: QgsMapLayer | None) -> None:
        """The capacity field of the stockpiles; without one, they hold any volume."""
        self.stockpile_field_combo.setLayer(layer)
        self.stockpile_field_combo.setEnabled(layer is not None)

    def _stripping_changed(self, layer: QgsMapLayer | None) -> None:
        """The depth field of the stripping areas; without one, the rule pack's depth."""
        for combo in (self.stripping_field_combo, self.stripping_year_combo):
            combo.setLayer(layer)
            combo.setEnabled(layer is not None)

    def _units_changed(self, layer: QgsMapLayer | None) -> None:
        self.units_field_combo.setLayer(layer)
        self.units_field_combo.setEnabled(layer is not None)
        self.units_split_check.setEnabled(layer is not None)

    def _landuse_changed(self, layer: QgsMapLayer | None) -> None:
        show_code_field(self.landuse_field_combo, layer)

    def soil_field_names(self) -> list[str]:
        layer = self.soil_combo.currentLayer()
        return layer.fields().names() if isinstance(layer, QgsVectorLayer) else []

    def _soil_changed(self, *_: Any) -> None:
        """Suggest the mapping, unless the user wrote one of their own."""
        names = self.soil_field_names()
        typed = self.soil_fields_edit.text().strip()
        if not typed or typed == self.last_suggestion:
            self.last_suggestion = soil_fields_suggestion(names)
            self.soil_fields_edit.setText(self.last_suggestion)
        by_name = canonical_soil_fields(names)
        self.soil_note.setText(
            self.tr("Fields used by their name when the mapping is empty: {fields}").format(
                fields=", ".join(by_name)
            )
            if by_name
            else ""
        )
        self.refresh()

    def problem(self) -> str:
        if self.landuse_combo.currentLayer() is not None and not (
            self.landuse_field_combo.currentField()
        ):
            return self.tr("Land use: choose the field that holds the GB/T 21010 codes.")
        if self.soil_combo.currentLayer() is not None:
            return self._soil_problem()
        return ""

    def _soil_problem(self) -> str:
        names = self.soil_field_names()
        try:
            pairs = parse_pairs(self.soil_fields_edit.text())
        except PairsError as error:
            return self.tr("Soil fields: {reason}.").format(reason=error)
        for field_name, factor in pairs:
            if field_name not in names:
                return self.tr("Soil fields: the soil layer has no field “{field}”.").format(
                    field=field_name
                )
            if factor not in FACTORS:
                return self.tr(
                    "Soil fields: “{factor}” is not a factor; use one of {factors}."
                ).format(factor=factor, factors=", ".join(FACTORS))
        if not pairs and not canonical_soil_fields(names):
            return self.tr(
                "Soil polygons: no field is named like a factor; map the soil fields, e.g. "
                "土层厚度=soil_thickness_cm."
            )
        return ""

    def layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        return {
            "LANDUSE": self.landuse_combo,
            "SOIL": self.soil_combo,
            "GROUNDWATER_DEPTH": self.groundwater_combo,
            "WATER": self.water_combo,
            "TOPSOIL_SOURCES": self.stripping_combo,
            "STOCKPILES": self.stockpile_combo,
            "ZONES": self.units_combo,
        }

    def parameters(self) -> dict[str, Any]:
        parameters: dict[str, Any] = {}
        if self.units_combo.currentLayer() is not None:
            parameters["ZONE_FIELD"] = self.units_field_combo.currentField()
            parameters["SPLIT_BY_SLOPE"] = self.units_split_check.isChecked()
        if self.landuse_combo.currentLayer() is not None:
            parameters["LANDUSE_CODE_FIELD"] = self.landuse_field_combo.currentField()
        if self.stripping_combo.currentLayer() is not None:
            depth_field = self.stripping_field_combo.currentField()
            if depth_field:
                parameters["TOPSOIL_DEPTH_FIELD"] = depth_field
            year_field = self.stripping_year_combo.currentField()
            if year_field:
                parameters["TOPSOIL_YEAR_FIELD"] = year_field
        capacity_field = self.stockpile_field_combo.currentField()
        if self.stockpile_combo.currentLayer() is not None and capacity_field:
            parameters["STOCKPILE_CAPACITY_FIELD"] = capacity_field
        soil_fields = self.soil_fields_edit.text().strip()
        if self.soil_combo.currentLayer() is not None and soil_fields:
            parameters["SOIL_FIELDS"] = soil_fields
        return parameters


class RulesPage(StepPage):
    """The rule pack: a built-in one or a file, with what it is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Rules"))
        self.setSubTitle(
            self.tr("The rule pack holds the thresholds of damage degrees and suitability grades.")
        )
        self.language = ui_language()
        self.pack: RulePack | None = None
        self.pack_error = ""
        # Set by the wizard: (factors the sources give, soil mapping, soil field kinds).
        self.preflight_inputs: Callable[[], tuple] | None = None
        self.rules_combo, self.rules_file = RulePackChoice().widgets(self)
        self.description_label = self.hint("")
        self.description_label.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.addRow(self.tr("Rule pack"), self.rules_combo)
        form.addRow(self.tr("Rule-pack file"), self.rules_file)
        # The layers second lives are measured against, for packs that turn them on.
        self.grid_combo = self.layer_combo(layer_filter("LineLayer", "PointLayer"))
        self.roads_combo = self.layer_combo(layer_filter("LineLayer", "PolygonLayer", "PointLayer"))
        self.settlements_combo = self.layer_combo(layer_filter("PolygonLayer", "PointLayer"))
        self.reuse_form = QFormLayout()
        self.reuse_form.addRow(self.tr("Grid lines or substations"), self.grid_combo)
        self.reuse_form.addRow(self.tr("Roads"), self.roads_combo)
        self.reuse_form.addRow(self.tr("Settlements"), self.settlements_combo)
        self.reuse_form.setContentsMargins(0, 0, 0, 0)  # aligned with the form above
        self.reuse_box = QWidget(self)
        self.reuse_box.setLayout(self.reuse_form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.description_label)
        layout.addWidget(self.reuse_box)
        layout.addWidget(
            self.hint(
                self.tr(
                    "To change a threshold, copy a built-in pack in the rule-pack editor, edit "
                    "the copy and choose its file here."
                )
            )
        )
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        self.rules_combo.currentIndexChanged.connect(self.reload_pack)
        self.rules_file.fileChanged.connect(self.reload_pack)
        self.reload_pack()

    def rules_reference(self) -> str:
        """A built-in pack id or the rule-pack file path."""
        return RulePackChoice.reference(self.rules_combo, self.rules_file)

    def reload_pack(self, *_: Any) -> None:
        """Load the chosen pack to describe it (and to find its problems now, not later)."""
        self.rules_file.setEnabled(self.rules_combo.currentData() == OTHER_FILE)
        reference = self.rules_reference()
        self.pack, self.pack_error = None, ""
        if reference:
            try:
                self.pack = resolve_pack(reference, resource("rules"))
            except Exception as error:  # RulePackError or OSError: shown, never raised
                self.pack_error = str(error)
        self.description_label.setText(self.describe(self.pack))
        self.reuse_box.setVisible(self.reusing())
        self.refresh()

    def reusing(self) -> bool:
        """The chosen pack turns second lives on (cn-transformation)."""
        return self.pack is not None and self.pack.reuse is not None and self.pack.reuse.enabled

    def layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        """The second lives' layers, when the pack turns them on."""
        if not self.reusing():
            return {}
        return {
            "GRID": self.grid_combo,
            "ROADS": self.roads_combo,
            "SETTLEMENTS": self.settlements_combo,
        }

    def describe(self, pack: RulePack | None) -> str:
        """What the pack is: title in the UI language, method, version, region."""
        if pack is None:
            return ""
        title = pack.title.get(self.language) or pack.title.get("en") or pack.id
        details = self.tr("Method: {method}. Version {version}, region {region}.").format(
            method=name_of(METHOD_NAMES, pack.method, self.language),
            version=pack.version,
            region=pack.region or "—",
        )
        if pack.reuse is not None and pack.reuse.enabled:
            details += " " + self.tr(
                "Second lives of mine land (photovoltaics, construction, ecology and tourism) "
                "are assessed after the suitability."
            )
        return f"<b>{html.escape(title)}</b><br>{html.escape(details)}"

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        self.reload_pack()  # the file may have changed since it was chosen
        return super().validatePage()

    def problem(self) -> str:
        if not self.rules_reference():
            return self.tr("Choose a rule-pack file, or a built-in rule pack.")
        if self.pack_error:
            return self.tr("The rule pack cannot be used: {reason}").format(reason=self.pack_error)
        if self.pack is not None and self.preflight_inputs is not None:
            return PreflightMessages().problem(self.pack, *self.preflight_inputs())
        return ""


class OutputsPage(StepPage):
    """The output folder, the report title and the reports to write."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Outputs"))
        self.setSubTitle(
            self.tr(
                "All results go into one folder: the plan's layers and tables as GeoPackages "
                "and the reports. An earlier run's files are kept: the new ones get a number."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Run"))
        self.folder_widget = QgsFileWidget(self)
        self.folder_widget.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.folder_widget.setDialogTitle(self.tr("Output folder"))
        self.title_edit = QLineEdit(self)
        self.html_check = QCheckBox(self.tr("HTML (opened at the end)"), self)
        self.pdf_check = QCheckBox(self.tr("PDF"), self)
        self.xlsx_check = QCheckBox(self.tr("XLSX tables"), self)
        self.docx_check = QCheckBox(self.tr("Word (DOCX)"), self)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem(
            self.tr("Chinese for rule packs of China, else the language of QGIS"), 0
        )
        self.language_combo.addItem("中文", 1)
        self.language_combo.addItem("English", 2)
        reports = QHBoxLayout()
        for check in self.report_checks().values():
            reports.addWidget(check)
            check.toggled.connect(self.refresh)
        reports.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Output folder"), self.folder_widget)
        form.addRow(self.tr("Report title"), self.title_edit)
        form.addRow(self.tr("Reports"), reports)
        form.addRow(self.tr("Report language"), self.language_combo)
        self.project_table = ProjectInfoTable(self)
        form.addRow(self.tr("Project overview"), self.project_table)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        self.folder_widget.fileChanged.connect(self.refresh)
        self.title_edit.textChanged.connect(self.refresh)

    def report_checks(self) -> dict[str, QCheckBox]:
        return {
            HTML_KEY: self.html_check,
            "summarize:REPORT_PDF": self.pdf_check,
            "summarize:REPORT_XLSX": self.xlsx_check,
            "summarize:REPORT_DOCX": self.docx_check,
        }

    def reports(self) -> set[str]:
        return {key for key, check in self.report_checks().items() if check.isChecked()}

    def folder(self) -> str:
        return self.folder_widget.filePath().strip()

    def problem(self) -> str:
        folder = self.folder()
        if not folder:
            return self.tr("Choose the folder to write the plan into.")
        path = Path(folder)
        if path.exists() and not path.is_dir():
            return self.tr("“{path}” is a file, not a folder.").format(path=folder)
        if path.is_dir() and not os.access(path, os.W_OK):
            return self.tr("The folder “{path}” cannot be written to.").format(path=folder)
        if not self.title_edit.text().strip():
            return self.tr("Give the report a title.")
        return ""

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        if not super().validatePage():
            return False
        try:
            Path(self.folder()).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self.problem_label.setText(
                self.tr("The folder “{path}” cannot be created: {reason}").format(
                    path=self.folder(), reason=error.strerror or error
                )
            )
            return False
        return True


class RunPage(Translatable, QWizardPage):
    """Progress, log, Cancel and, at the end, what the run wrote."""

    cancelRequested = pyqtSignal()  # noqa: N815 (Qt signal)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Run"))
        self.setSubTitle(
            self.tr("The plan is computed in the background; QGIS stays usable meanwhile.")
        )
        # The wizard's own Cancel button closes the window; the run goes on.
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Close"))
        self.running = False
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.summary_label.setOpenExternalLinks(False)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 100)
        self.log_view = QPlainTextEdit(self)
        self.log_view.setReadOnly(True)
        self.cancel_button = QPushButton(self.tr("Cancel run"), self)
        self.cancel_button.clicked.connect(self.cancelRequested)
        row = QHBoxLayout()
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.log_view, 1)
        layout.addWidget(self.summary_label)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        wizard = self.wizard()
        if isinstance(wizard, PlanWizard):
            wizard.start_run()

    def set_running(self, running: bool) -> None:
        self.running = running
        self.cancel_button.setEnabled(running)
        if running:
            self.progress_bar.setValue(0)
            self.log_view.clear()
            self.summary_label.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.running

    def log(self, text: str, is_error: bool = False) -> None:
        """Append a line to the log (errors in red)."""
        escaped = html.escape(text).replace("\n", "<br>")
        if is_error:
            escaped = f'<span style="{ERROR_STYLE}">{escaped}</span>'
        self.log_view.appendHtml(escaped)


# --- the wizard -----------------------------------------------------------------------


class PlanWizard(Translatable, QWizard):
    """Gathers the inputs of the whole workflow page by page and runs it in the background.

    ``open_url`` opens the HTML report at the end (QDesktopServices.openUrl; tests replace
    it). After a run, ``runner.output_layers`` and ``runner.group`` hold what was loaded and
    ``written_files`` the files written.
    """

    def __init__(self, iface: Any, parent: QWidget | None = None) -> None:  # noqa: QGS105
        super().__init__(parent if parent is not None else iface.mainWindow())
        self.iface = iface
        self.project = QgsProject.instance()
        self.language = ui_language()
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        # No Qt parent: a run must be able to outlive the wizard.
        self.runner = AlgorithmRunner(ALGORITHM_ID, self.project)
        self.run_name = ""
        self.written_files: dict[str, str] = {}
        self.map_layouts: list[str] = []
        self._planned_files: dict[str, str] = {}
        self._groups_before: list[QgsLayerTreeGroup] = []
        self.setWindowTitle(self.tr("Reclamation plan wizard"))
        self.evidence_page = EvidencePage(self)
        self.prediction_page = PredictionPage(self.evidence_page, self)
        self.land_page = LandSoilPage(self)
        self.rules_page = RulesPage(self)
        self.work_plan_page = WorkPlanPage(self.evidence_page.panels_combo.currentLayer, self)
        self.outputs_page = OutputsPage(self)
        self.run_page = RunPage(self)
        self.rules_page.preflight_inputs = self.preflight_inputs
        for page_id, page in enumerate(self.pages()):
            self.setPage(page_id, page)
        self.setStartId(EVIDENCE_PAGE)
        # The plugin's own words: Qt's translations of its standard buttons are not
        # installed everywhere, and an English "Next >" in a Chinese wizard looks broken.
        for button, text in (
            (QWizard.WizardButton.BackButton, self.tr("< Back")),
            (QWizard.WizardButton.NextButton, self.tr("Next >")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(button, text)
        self.resize(800, 760)
        self.run_page.cancelRequested.connect(self.cancel_run)
        self.currentIdChanged.connect(self._page_shown)
        self.runner.progressChanged.connect(self._show_progress)
        self.runner.messageLogged.connect(self.run_page.log)
        self.runner.finished.connect(self._on_finished)
        self.run_page.summary_label.linkActivated.connect(self._open_link)
        self.restore_settings()

    def preflight_inputs(self) -> tuple[set[str], dict[str, str], dict[str, str]]:
        """What the plan's evaluation step will have: factors from the sources, the soil
        mapping and the kinds of the soil fields."""
        land = self.land_page
        given = set(FROM_DISTURBANCE)
        if self.evidence_page.dem_after_combo.currentLayer() is not None:
            given.add("slope_deg")
        if land.groundwater_combo.currentLayer() is not None:
            given.add("gw_depth_m")
        if land.water_combo.currentLayer() is not None:
            given.add("dist_water_m")
        soil = land.soil_combo.currentLayer()
        if not isinstance(soil, QgsVectorLayer):
            return given, {}, {}
        kinds = {f.name(): "number" if f.isNumeric() else "text" for f in soil.fields()}
        try:
            pairs = parse_pairs(land.soil_fields_edit.text())
        except PairsError:
            pairs = []
        mapping = dict(pairs) or {name: name for name in canonical_soil_fields(list(kinds))}
        return given, mapping, kinds

    def pages(self) -> list[QWizardPage]:
        """The pages in order (their index is their id)."""
        return [
            self.evidence_page,
            self.prediction_page,
            self.land_page,
            self.rules_page,
            self.work_plan_page,
            self.outputs_page,
            self.run_page,
        ]

    def _page_shown(self, page_id: int) -> None:
        if page_id == RULES_PAGE:
            self.rules_page.reload_pack()  # the file may have changed meanwhile

    # --- parameters -------------------------------------------------------------------

    def layer_combos(self) -> dict[str, QgsMapLayerComboBox]:
        return {
            **self.evidence_page.layer_combos(),
            **self.land_page.layer_combos(),
            **self.rules_page.layer_combos(),
        }

    def parameters(self, run_number: int | None = None) -> dict[str, Any]:
        """The model's parameters (public keys), outputs as file paths and destinations
        (by default the files of the next run into the folder)."""
        folder = self.outputs_page.folder()
        number = free_run_number(folder) if run_number is None else run_number
        parameters: dict[str, Any] = {
            key: combo.currentLayer().id()
            for key, combo in self.layer_combos().items()
            if combo.currentLayer() is not None
        }
        parameters.update(self.evidence_page.parameters())
        parameters.update(self.prediction_page.parameters())
        parameters.update(self.land_page.parameters())
        parameters["RULES"] = self.rules_page.rules_reference()
        parameters.update(self.work_plan_page.parameters())
        parameters["TITLE"] = self.outputs_page.title_edit.text().strip()
        parameters["REPORT_LANGUAGE"] = self.outputs_page.language_combo.currentData()
        project = self.outputs_page.project_table.text()
        if project:
            parameters["PROJECT_INFO"] = project
        parameters.update(output_destinations(folder, self.outputs_page.reports(), number))
        return parameters

    def _run_parameters(self, run_number: int) -> dict[str, Any]:
        """``parameters()`` with the layer outputs marked to be loaded into the project.

        The model in the registry declares no destination parameters until it is copied
        for a run, so the runner cannot mark them itself.
        """
        parameters = self.parameters(run_number)
        names = self._layer_names()
        for key in LAYER_TABLES:
            output = QgsProcessingOutputLayerDefinition(parameters[key], self.project)
            output.destinationName = names[key]
            parameters[key] = output
        return parameters

    def _layer_names(self) -> dict[str, str]:
        return {
            "classify:DISTURBED": self.tr("Disturbed land"),
            "classify:DISTURBED_SUMMARY": self.tr("Disturbed land summary"),
            "evaluate:SUITABILITY": self.tr("Suitability and proposed use"),
            "evaluate:SUITABILITY_SUMMARY": self.tr("Suitability summary"),
            "network:CORRIDORS": self.tr("Ecological corridors"),
            "network:SOURCES": self.tr("Ecological sources"),
        }

    # --- running ----------------------------------------------------------------------

    def is_running(self) -> bool:
        return self.runner.is_running()

    def start_run(self) -> None:
        """Run the model in the background (the run page calls this when it opens)."""
        if self.is_running():
            return
        self.save_settings()
        self.written_files = {}
        self.map_layouts = []
        folder, reports = self.outputs_page.folder(), self.outputs_page.reports()
        run_number = free_run_number(folder)
        self._planned_files = output_files(folder, reports, run_number)
        self.run_name = run_label(self.tr("Reclamation plan"))
        self._groups_before = self._top_groups()
        self._set_running(True)
        self.run_page.log(self.tr("Run “{name}”").format(name=self.run_name))
        self.runner.start(self._run_parameters(run_number), self.run_name)

    def cancel_run(self) -> None:
        """Ask the running model to stop; nothing is loaded and no report is opened."""
        if self.is_running():
            self.run_page.log(self.tr("Cancelling…"))
            self.runner.cancel()

    def _set_running(self, running: bool) -> None:
        # While running, the outputs page acts as a commit page: Back is off.
        self.outputs_page.setCommitPage(running)
        self.run_page.set_running(running)

    def _open_link(self, link: str) -> None:
        self.open_url(QUrl(link))

    def _show_progress(self, percent: float) -> None:
        self.run_page.progress_bar.setValue(round(percent))

    def _on_finished(self, ok: bool, results: dict[str, Any]) -> None:
        self._set_running(False)
        if not ok:
            message = self.runner.error_message
            self.run_page.log(message, True)
            self.run_page.summary_label.setText(
                f'<span style="{ERROR_STYLE}">{html.escape(message)}</span><br>'
                + html.escape(self.tr("Go back to change the inputs, or close the wizard."))
            )
            return
        self.run_page.progress_bar.setValue(100)
        self._tidy_results()
        self._drop_empty_network()
        self._make_maps()
        self.written_files = {
            key: path for key, path in self._planned_files.items() if Path(path).is_file()
        }
        self.run_page.summary_label.setText(self.summary_html())
        report = self.written_files.get(HTML_KEY)
        if report:
            self.open_url(QUrl.fromLocalFile(report))

    def _drop_empty_network(self) -> None:
        """A plan without an ecological network (no source in its land use) leaves no empty
        corridor and source layers in the project."""
        loaded = self.runner.output_layers
        for key in ("network:CORRIDORS", "network:SOURCES"):
            layer = loaded.get(key)
            if layer is not None and layer.featureCount() == 0:
                loaded.pop(key)
                self.project.removeMapLayer(layer.id())

    def _make_maps(self) -> None:
        """The plan's 附图 as layouts of the project (Project › Layouts), in the report's
        language; a problem with them never spoils the run."""
        loaded = self.runner.output_layers
        pack = self.rules_page.pack
        choice = {1: "zh_CN", 2: "en"}.get(self.outputs_page.language_combo.currentData(), "")
        language = report_language(choice, [pack.region] if pack else [])
        land = self.land_page
        # The network's layers (the run's own outputs) drawn as on 附图4.
        for key, renderer in (
            ("network:CORRIDORS", corridor_renderer),
            ("network:SOURCES", eco_source_renderer),
        ):
            layer = loaded.get(key)
            if layer is not None:
                layer.setRenderer(renderer())
                layer.triggerRepaint()
        sheets = SheetLayers(
            landuse=land.landuse_combo.currentLayer(),
            damage=loaded.get("classify:DISTURBED"),
            plan=loaded.get("evaluate:SUITABILITY"),
            boundary=self.evidence_page.area_combo.currentLayer(),
            context=[layer for layer in (land.water_combo.currentLayer(),) if layer is not None],
            contours=loaded.get("predict:CONTOURS"),
            network=_with_features(loaded.get("network:CORRIDORS")),
            sources=_with_features(loaded.get("network:SOURCES")),
        )
        title = self.outputs_page.title_edit.text().strip()
        try:
            made = PlanMaps(language).add_layouts(self.project, sheets, SheetInfo(title))
        except (RuntimeError, OSError) as error:
            self.run_page.log(self.tr("The plan's maps could not be made: {0}").format(error), True)
            return
        self.map_layouts = [layout.name() for layout in made]

    def _top_groups(self) -> list[QgsLayerTreeGroup]:
        root = self.project.layerTreeRoot()
        return [node for node in root.children() if QgsLayerTree.isGroup(node)]

    def _tidy_results(self) -> None:
        """One group named after the run, its layers named in the UI language.

        Each step of the model places its layers in a group of its own; the runner gathers
        them into one of those, which leaves the other groups empty.
        """
        names = self._layer_names()
        for key, layer in self.runner.output_layers.items():
            if key in names:
                layer.setName(names[key])
        root = self.project.layerTreeRoot()
        for group in self._top_groups():
            if group not in self._groups_before and not group.children():
                root.removeChildNode(group)
        group = self.runner.group
        taken = {other.name() for other in self._top_groups() if other is not group}
        if group is not None and self.run_name not in taken:
            group.setName(self.run_name)

    # --- summary ----------------------------------------------------------------------

    def summary_html(self) -> str:
        """Key figures, the group of the layers and the files written."""
        done = self.tr("Done.")
        lines = [f"<b>{html.escape(done)}</b>"]
        lines += self._figures()
        if self.runner.group is not None:
            lines.append(
                html.escape(
                    self.tr("The layers are in the group “{group}”.").format(
                        group=self.runner.group.name()
                    )
                )
            )
        if self.map_layouts:
            lines.append(
                html.escape(
                    self.tr("The plan's maps are print layouts of the project: {0}.").format(
                        "; ".join(self.map_layouts)
                    )
                )
            )
        files = sorted(set(self.written_files.values()))
        if files:
            lines.append(html.escape(self.tr("Files written:")))
            lines += [
                f'&nbsp;&nbsp;<a href="{QUrl.fromLocalFile(path).toString()}">'
                f"{html.escape(path)}</a>"
                for path in files
            ]
        return "<br>".join(lines)

    def _figures(self) -> list[str]:
        disturbed = self.runner.output_layers.get("classify:DISTURBED_SUMMARY")
        suitability = self.runner.output_layers.get("evaluate:SUITABILITY_SUMMARY")
        lines = []
        _rows, total = summary_rows(disturbed if isinstance(disturbed, QgsVectorLayer) else None)
        if total is not None:
            lines.append(
                self.tr("Disturbed land: {hm2:.2f} hm² ({mu:.1f} 亩).").format(
                    hm2=total.area_hm2, mu=total.area_mu
                )
            )
        proposed = proposed_area_rows(
            suitability if isinstance(suitability, QgsVectorLayer) else None
        )
        uses = [
            f"{use_label(row.use, self.language)} {row.area_hm2:.2f} hm²"
            for row in proposed
            if row.use
        ]
        if uses:
            lines.append(self.tr("Proposed uses: {uses}.").format(uses=", ".join(uses)))
        return [html.escape(line) for line in lines]

    # --- settings ---------------------------------------------------------------------

    def save_settings(self) -> None:
        """Remember the inputs for the next time the wizard opens."""
        evidence, land, outputs = self.evidence_page, self.land_page, self.outputs_page
        values: dict[str, Any] = {
            **layer_ids(self.layer_combos(), "layer_"),
            "field_facility_type": evidence.facility_field_combo.currentField(),
            "field_landuse_code": land.landuse_field_combo.currentField(),
            "facility_choices": json_maps(evidence.facility_table.remembered_choices()),
            "underground": evidence.underground_check.isChecked(),
            "soil_fields": land.soil_fields_edit.text(),
            "field_units": land.units_field_combo.currentField(),
            "units_split": land.units_split_check.isChecked(),
            **rule_pack_values(self.rules_page.rules_combo, self.rules_page.rules_file),
            "output_folder": outputs.folder(),
            "title": outputs.title_edit.text(),
            "report_language": outputs.language_combo.currentData(),
            "project_info": outputs.project_table.text(),
        }
        for key, check in outputs.report_checks().items():
            values[f"report_{key.rpartition('_')[2].lower()}"] = check.isChecked()
        values.update(self.work_plan_page.settings())
        SettingsStore(SETTINGS_PREFIX).save(values)

    def restore_settings(self) -> None:
        """Fill the pages with the remembered inputs (missing layers are skipped)."""
        store = SettingsStore(SETTINGS_PREFIX)
        value = store.value
        evidence, land, rules, outputs = (
            self.evidence_page,
            self.land_page,
            self.rules_page,
            self.outputs_page,
        )
        evidence.facility_table.set_remembered(store.maps("facility_choices"))
        evidence.underground_check.setChecked(value("underground", False, bool))
        for key, combo in self.layer_combos().items():
            choose_layer(combo, store.layer(self.project, f"layer_{key.lower()}"))
        store.restore_field(evidence.facility_field_combo, "field_facility_type")
        store.restore_field(land.landuse_field_combo, "field_landuse_code")
        store.restore_field(land.units_field_combo, "field_units")
        land.units_split_check.setChecked(value("units_split", False, bool))
        evidence.offer_type_field(evidence.facilities_combo.currentLayer())
        evidence.rebuild_facility_table()
        remembered_soil_fields = value("soil_fields", "", str)
        if land.soil_combo.currentLayer() is not None and remembered_soil_fields:
            land.soil_fields_edit.setText(remembered_soil_fields)
        store.restore_rule_pack(rules.rules_combo, rules.rules_file)
        outputs.folder_widget.setFilePath(value("output_folder", "", str))
        outputs.title_edit.setText(value("title", self.tr("Land reclamation plan"), str))
        outputs.project_table.set_text(value("project_info", "", str))
        choose_data(outputs.language_combo, value("report_language", 0, int))
        for key, check in outputs.report_checks().items():
            suffix = key.rpartition("_")[2].lower()
            check.setChecked(value(f"report_{suffix}", suffix == "html", bool))
        self.work_plan_page.restore(value)
        rules.reload_pack()
        for page in (evidence, land, outputs):
            page.refresh()

    # --- closing ----------------------------------------------------------------------

    def done(self, result: int) -> None:
        """Finish or close: remember the inputs; a run in progress goes on and loads."""
        self.save_settings()
        super().done(result)

    def shutdown(self) -> None:
        """For the plugin's unload: cancel a run, close and delete the wizard."""
        self.runner.cancel()
        self.close()
        self.deleteLater()


def open_plan_wizard(  # noqa: QGS105 (the plugin hands its iface over)
    iface: Any,
    current: PlanWizard | None = None,
) -> PlanWizard:
    """Show ``current`` (or a new wizard if there is none) and bring it to the front.

    A wizard whose run is in progress is shown as it is; one that has finished starts over
    at the first page with the inputs kept.
    """
    wizard = reusable(current)
    if wizard is None:
        wizard = PlanWizard(iface)
    elif not wizard.is_running() and wizard.currentId() == RUN_PAGE:
        wizard.restart()
    return bring_forward(wizard)


def _with_features(layer: QgsVectorLayer | None) -> QgsVectorLayer | None:
    """The layer when it has a feature (a plan without a network has empty ones)."""
    return layer if layer is not None and layer.featureCount() > 0 else None
