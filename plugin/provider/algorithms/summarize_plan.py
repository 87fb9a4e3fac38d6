"""``reclamation:summarizeplan``: the plan's area tables and its report.

The disturbance output, the suitability output, the optional current land use and the
optional study area are brought into one CRS and cut into one flat overlay with QGIS's
native union; every piece gets its ellipsoidal area and the attributes of the layers it
lies in. ``plugin.core.accounting`` turns the pieces into the tables and the closure
checks; ``plugin.provider.report`` writes them as GeoPackage tables, HTML, XLSX and PDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSource,
    QgsField,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import FIELD_INT, FIELD_STRING, is_null
from ...core.accounting import (
    Overlay,
    Summary,
    Table,
    Totals,
    Units,
    closure_table,
    normalise_code,
    summarize,
)
from ...core.assumptions import basis_table, sources_table
from ...core.crs_zones import metric_crs_for
from ...core.ecology_tables import (
    corridor_table,
    esv_service_table,
    esv_type_table,
    priority_table,
    reuse_table,
)
from ...core.ecosystem_value import STATES
from ...core.investment import investment_tables
from ...core.ownership import owner_field, ownership_table
from ...core.pairs import PairsError
from ...core.prediction_table import prediction_table
from ...core.project_info import parse_project_info, project_table
from ...core.quantity_tables import balance_table, with_stripping, works_table
from ...core.reuse import REUSE_NAMES
from ...core.rules.pack import RulePack, RulePackError, resolve_pack
from ...core.rules.vocabulary import EVALUATED_USES
from ...core.schedule_tables import (
    STAGE_NUMBERS,
    PlanFigures,
    plan_summary_table,
    service_figures,
    stage_investment_table,
    stage_soil_table,
    stage_works_table,
    work_plan_table,
)
from ...core.suitability import USE_LABELS
from ...core.unit_appendix import MeasureWords, pack_measures, unit_appendix
from ...i18n import InLanguage, Translatable, in_language, report_language
from ...io.prediction_stats import prediction_statistics
from ...io.raster import RasterError
from ...paths import resource
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, attribute_rows, read_run_warnings
from ..plan_maps import PlanMaps, SheetInfo, SheetLayers
from ..report import ReportInfo, ReportWriter, StagedOutputs
from ..safety import display_name, layer_location
from ..styling import (
    corridor_renderer,
    damage_renderer,
    eco_source_renderer,
    landuse_renderer,
    outline_renderer,
)
from .base import GROUP_SUITABILITY, ReclamationAlgorithm, listed_numbers

DISTURBANCE_FIELDS = ("dist_type", "dist_degree", "dlbm_before")
SUITABILITY_FIELDS = ("use_proposed", "dlbm")
# Geographic inputs spread wider than this (degrees of longitude) are overlaid in their
# own CRS: one transverse Mercator zone cannot hold them (areas stay ellipsoidal anyway).
MAX_METRIC_SPAN_DEG = 20.0


@dataclass
class _Layers:
    """The inputs copied into the working CRS as memory layers with prefixed fields."""

    crs: QgsCoordinateReferenceSystem
    disturbance: QgsVectorLayer
    suitability: QgsVectorLayer
    landuse: QgsVectorLayer | None
    area: QgsVectorLayer | None
    units: Units
    rule_packs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class SummarizePlanAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION"})
    DISTURBANCE = "DISTURBANCE"
    SUITABILITY = "SUITABILITY"
    LANDUSE = "LANDUSE"
    LANDUSE_CODE_FIELD = "LANDUSE_CODE_FIELD"
    OWNERSHIP_FIELD = "OWNERSHIP_FIELD"
    # The subsidence prediction, for its figures (W_max, tilt, deformation, basin area).
    PREDICTED = ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION")
    AREA = "AREA"
    # The engineering quantities (reclamation:estimatequantities), for the 工程量 chapter.
    WORKS = "WORKS"
    BALANCE = "BALANCE"
    # The investment estimate (reclamation:estimatecost), for the 投资估算 chapter.
    COST_TABLE = "COST_TABLE"
    COST_SUMMARY = "COST_SUMMARY"
    # The work plan (reclamation:scheduleplan), for the 复垦工作计划安排 chapter.
    STAGE_TABLE = "STAGE_TABLE"
    STAGE_WORKS = "STAGE_WORKS"
    ESV_SERVICES = "ESV_SERVICES"
    ESV_ECOSYSTEMS = "ESV_ECOSYSTEMS"
    CORRIDORS = "CORRIDORS"
    ECO_SOURCES = "ECO_SOURCES"
    PRIORITY = "PRIORITY"
    REUSE = "REUSE"
    TITLE = "TITLE"
    TABLES = "TABLES"
    REPORT_HTML = "REPORT_HTML"
    REPORT_PDF = "REPORT_PDF"
    REPORT_XLSX = "REPORT_XLSX"
    REPORT_DOCX = "REPORT_DOCX"
    REPORT_LANGUAGE = "REPORT_LANGUAGE"
    PROJECT_INFO = "PROJECT_INFO"
    LANGUAGE_CHOICES = ("", "zh_CN", "en")  # "": Chinese for packs of China, else QGIS's

    def name(self) -> str:
        return "summarizeplan"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Summarize the reclamation plan")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_SUITABILITY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Area tables of the reclamation plan and its report, from the outputs of Classify "
            "disturbed land and Evaluate suitability:\n"
            "• damaged area by type × degree × land use before damage;\n"
            "• suitability area by use × grade, and proposed area by use with its GB/T 21010 "
            "code;\n"
            "• the land-use structure adjustment table (土地利用结构调整表): area by GB/T "
            "21010 first-level class before and after reclamation, change and share. Before: "
            "the current land use (LANDUSE) inside the study area, else the land use before "
            "damage of the damaged land; after: damaged land takes the proposed use of its "
            "unit, undamaged land is unchanged;\n"
            "• the reclamation rate (复垦率 = reclaimed / damaged area) and the cultivated-land "
            "balance.\n"
            "Areas are ellipsoidal (the ellipsoid of the working CRS) in m², hm² and 亩 "
            "(1 hm² = 15 亩); the reports show hm² with 4 decimals, m², 亩 and % with 2. "
            "Every table has a not-evaluated row and a total, and is checked to close on its "
            "total within 0.01 %.\n"
            "Outputs: a GeoPackage of tables with a run log; optionally an HTML report "
            "(self-contained, with charts), a PDF (map of the proposed uses, then the tables) "
            "and an XLSX workbook (one sheet per table, with the report's headings).\n"
            "Report language: the tables, reports and the warnings they carry are written in "
            "Chinese or English whatever language QGIS runs in; by default Chinese for rule "
            "packs of China, else the language of QGIS."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.DISTURBANCE, self.tr("Disturbed land (classified)"), polygons
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SUITABILITY, self.tr("Suitability and proposed use"), polygons
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LANDUSE, self.tr("Current land use"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LANDUSE_CODE_FIELD,
                self.tr("Land-use code field (GB/T 21010)"),
                parentLayerParameterName=self.LANDUSE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.OWNERSHIP_FIELD,
                self.tr("Land-use ownership field (权属单位, e.g. QSDWMC; empty: found by name)"),
                parentLayerParameterName=self.LANDUSE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.AREA, self.tr("Study area"), polygons, optional=True
            )
        )
        for key, label in (
            ("SUBSIDENCE", self.tr("Predicted subsidence (m), for the prediction's figures")),
            ("TILT", self.tr("Predicted tilt (mm/m)")),
            ("HORIZONTAL_DEFORMATION", self.tr("Predicted horizontal deformation (mm/m)")),
        ):
            self.addParameter(QgsProcessingParameterRasterLayer(key, label, optional=True))
        for key, label in (
            (self.WORKS, self.tr("Works per unit (from Estimate engineering quantities)")),
            (
                self.BALANCE,
                self.tr("Soil and earthwork balance (from Estimate engineering quantities)"),
            ),
            (self.COST_TABLE, self.tr("Investment estimate (from Estimate the investment)")),
            (self.COST_SUMMARY, self.tr("Investment summary (from Estimate the investment)")),
            (self.STAGE_TABLE, self.tr("Work plan by stage (from Schedule the work plan)")),
            (self.STAGE_WORKS, self.tr("Works by stage (from Schedule the work plan)")),
            (
                self.ESV_SERVICES,
                self.tr("Ecosystem-service value by service (from Ecosystem-service value)"),
            ),
            (
                self.ESV_ECOSYSTEMS,
                self.tr("Ecosystem-service value by ecosystem type (from Ecosystem-service value)"),
            ),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    key, label, [QgsProcessing.TypeVector], optional=True
                )
            )
        for key, label, kind in (
            (
                self.CORRIDORS,
                self.tr("Ecological corridors (from Ecological network)"),
                QgsProcessing.TypeVectorLine,
            ),
            (
                self.ECO_SOURCES,
                self.tr("Ecological sources (from Ecological network)"),
                QgsProcessing.TypeVectorPolygon,
            ),
            (
                self.PRIORITY,
                self.tr("Units with their priority (from Priority by cost and benefit)"),
                QgsProcessing.TypeVectorPolygon,
            ),
            (
                self.REUSE,
                self.tr("Second lives by kind (from Second lives of mine land)"),
                QgsProcessing.TypeVector,
            ),
        ):
            self.addParameter(
                QgsProcessingParameterFeatureSource(key, label, [kind], optional=True)
            )
        self.addParameter(
            QgsProcessingParameterString(
                self.TITLE, self.tr("Report title"), self.tr("Land reclamation plan"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.PROJECT_INFO,
                self.tr("Project overview (矿山名称=…;采矿权人=…;开采方式=…;生产规模=…;…)"),
                optional=True,
                multiLine=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.REPORT_LANGUAGE,
                self.tr("Report language"),
                options=[
                    self.tr("Chinese for rule packs of China, else the language of QGIS"),
                    "中文 (zh_CN)",
                    "English",
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.TABLES, self.tr("Area tables"), self.tr("GeoPackage (*.gpkg)")
            )
        )
        for key, label, file_filter in (
            (self.REPORT_HTML, self.tr("Report (HTML)"), self.tr("HTML files (*.html)")),
            (self.REPORT_PDF, self.tr("Report (PDF)"), self.tr("PDF files (*.pdf)")),
            (self.REPORT_XLSX, self.tr("Tables (XLSX)"), self.tr("Excel workbooks (*.xlsx)")),
            (self.REPORT_DOCX, self.tr("Report (Word)"), self.tr("Word documents (*.docx)")),
        ):
            self.addParameter(
                QgsProcessingParameterFileDestination(
                    key, label, file_filter, optional=True, createByDefault=False
                )
            )

    # --- processing -------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        record = RunRecord(self)
        self.source_names = {}
        try:
            project = parse_project_info(
                self.parameterAsString(parameters, self.PROJECT_INFO, context)
            )
        except PairsError as error:
            raise self.fail(self.tr("Project overview: {0}").format(error)) from None
        started = datetime.now()
        destinations = self._destinations(parameters, context)
        staged = StagedOutputs()
        try:
            for path in destinations.values():
                staged.check_folder(path)
        except OSError as error:
            raise self.fail(str(error)) from None
        layers = self._read_inputs(parameters, context, feedback)
        feedback.pushInfo(
            self.tr("Working CRS: {0} ({1})").format(layers.crs.authid(), layers.crs.description())
        )
        feedback.setProgress(20)
        pieces = self._overlay(layers, context, feedback)
        if feedback.isCanceled():
            return {}
        feedback.setProgress(60)
        overlay, totals = self._measure(pieces, layers, context)
        packs = self._packs(layers)
        choice = self.LANGUAGE_CHOICES[
            self.parameterAsEnum(parameters, self.REPORT_LANGUAGE, context)
        ]
        language = report_language(choice, [pack.region for pack in packs])
        self.words = ReportWords(language)
        layers.warnings += self.words.unknown_packs(self.unknown_packs)
        grade_labels = self._grade_labels(layers.rule_packs)
        summary = summarize(overlay, layers.units, totals, language, grade_labels)
        layers.warnings += self._cultivated_losses(overlay, layers.units, summary)
        # Warnings of reading the inputs were written in QGIS's language: the report's now.
        layers.warnings = [str(in_language(warning, language)) for warning in layers.warnings]
        writer = ReportWriter(language)
        earlier = self._input_warnings(parameters, context, language)
        basis = basis_table(overlay, packs, [*earlier, *layers.warnings], language, layers.units)
        ownership = ownership_table(overlay, language)
        prediction = self._prediction(parameters, context, packs, language)
        tables = [
            *([project_table(project, language)] if project else []),
            self._plan_summary(parameters, context, summary, totals, layers, language),
            sources_table(packs, language),
            *([ownership] if ownership is not None else []),
            *summary.tables.values(),
            *([prediction] if prediction is not None else []),
            *self._quantity_tables(parameters, context, packs, language),
            *self._work_plan_tables(parameters, context, packs, language),
            *self._ecology_tables(parameters, context, packs, language),
            unit_appendix(
                overlay,
                layers.units,
                language,
                grade_labels,
                self._measure_words(packs),
            ),
            basis,
            closure_table(summary.closures, writer.reasons()),
        ]
        for closure in summary.closures:
            if not closure.ok:
                layers.warnings.append(writer.closure_sentence(closure))
        for warning in layers.warnings:
            feedback.pushWarning(warning)
        self._log_results(summary, feedback)
        ellipsoid = layers.crs.ellipsoidAcronym() or "EPSG:7019"
        title = self.words.title(self.parameterAsString(parameters, self.TITLE, context))
        info = ReportInfo(
            title=title,
            created=started,
            language=language,
            crs_authid=layers.crs.authid(),
            crs_name=layers.crs.description(),
            ellipsoid=ellipsoid,
            rule_pack="; ".join(layers.rule_packs),
            has_landuse=layers.landuse is not None,
            has_area=layers.area is not None,
            warnings=list(layers.warnings),
        )
        record.note("area_method", f"ellipsoidal ({ellipsoid})")
        record.note("working_crs", layers.crs.authid() or layers.crs.toWkt())
        record.note("rule_pack", info.rule_pack)
        record.note("warnings", layers.warnings)
        record.note("closure", [writer.closure_sentence(c) for c in summary.closures])
        feedback.setProgress(75)
        try:
            staged.tables(destinations[self.TABLES], tables, record, parameters, context, feedback)
            if destinations.get(self.REPORT_XLSX):
                staged.xlsx(destinations[self.REPORT_XLSX], writer, tables)
            map_layer = None
            if destinations.get(self.REPORT_DOCX) or destinations.get(self.REPORT_PDF):
                # One map layer for both: the PDF's map page and the Word document's image;
                # the 附图 after the tables of both.
                map_layer = writer.map_layer(layers.suitability, layers.units, layers.rule_packs)
                sheets = self._sheet_layers(layers, map_layer, language, parameters, context)
                sheet_info = SheetInfo(info.title, dict(project).get("prepared_by", ""))
                maps = PlanMaps(language)
            if destinations.get(self.REPORT_DOCX):
                staged.docx(
                    destinations[self.REPORT_DOCX],
                    language,
                    summary,
                    tables,
                    info,
                    map_layer,
                    lambda folder: maps.sheet_pngs(sheets, sheet_info, folder),
                )
            if destinations.get(self.REPORT_HTML):
                staged.html(destinations[self.REPORT_HTML], writer.html(summary, tables, info))
            if destinations.get(self.REPORT_PDF):
                staged.pdf(
                    destinations[self.REPORT_PDF],
                    writer,
                    map_layer,
                    tables,
                    info,
                    lambda layout: maps.add_pages(layout, sheets, sheet_info),
                )
            staged.commit()
        except OSError as error:
            staged.discard()
            raise self.fail(str(error)) from None
        finally:
            staged.discard()
        feedback.setProgress(100)
        return {key: path or None for key, path in destinations.items()}

    source_names: dict[int, str]

    def _destinations(self, parameters: dict, context: QgsProcessingContext) -> dict[str, str]:
        result = {}
        for key in (
            self.TABLES,
            self.REPORT_HTML,
            self.REPORT_PDF,
            self.REPORT_XLSX,
            self.REPORT_DOCX,
        ):
            value = parameters.get(key)
            if key != self.TABLES and (value is None or value == ""):
                result[key] = ""
                continue
            result[key] = self.parameterAsFileOutput(parameters, key, context)
        if not result[self.TABLES].lower().endswith(".gpkg"):
            result[self.TABLES] += ".gpkg"
        return result

    def _cultivated_losses(self, overlay: Overlay, units: Units, summary: Summary) -> list[str]:
        """耕地数量不减少、质量不降低: a decrease of cultivated land, and irrigated land (水浇地
        0102) proposed back as another class, are flagged with the units responsible."""
        flags = []
        change = summary.cultivated_after_m2 - summary.cultivated_before_m2
        pieces = overlay.damaged & (overlay.unit > 0)
        unit_of = overlay.unit[pieces] - 1
        before = overlay.dlbm_before[pieces]
        was_cultivated = np.array([code.startswith("01") for code in before], dtype=bool)
        proposed = units.use_proposed[unit_of] if len(unit_of) else np.array([], object)
        if change < -0.5:  # m²: below half a square metre is rounding
            lost = sorted(
                {self.unit_ids[i] for i in unit_of[was_cultivated & (proposed != "cultivated")]}
            )
            flags.append(self.words.cultivated_loss(-change, listed_numbers(lost)))
        irrigated = np.array([code == "0102" for code in before], dtype=bool)
        codes = units.dlbm[unit_of] if len(unit_of) else np.array([], object)
        downgraded = irrigated & (codes != "0102")
        if downgraded.any():
            area = float(overlay.area_m2[pieces][downgraded].sum())
            units_listed = listed_numbers(sorted({self.unit_ids[i] for i in unit_of[downgraded]}))
            flags.append(self.words.irrigated_downgrade(area, units_listed))
        return flags

    def _prediction(
        self, parameters: dict, context: QgsProcessingContext, packs: list, language: str
    ) -> Table | None:
        """The prediction's figures, when the predicted subsidence is given."""
        paths = {}
        for key in self.PREDICTED:
            layer = self.parameterAsRasterLayer(parameters, key, context)
            paths[key] = layer.source() if layer is not None else None
        if not paths["SUBSIDENCE"]:
            return None
        # The basin boundary is the pack's (cn-reclamation: 10 mm); without one, no area.
        boundary = next(
            (
                pack.disturbance.min_subsidence_m.value
                for pack in packs
                if pack.disturbance is not None and pack.disturbance.min_subsidence_m
            ),
            None,
        )
        try:
            stats = prediction_statistics(
                paths["SUBSIDENCE"], paths["TILT"], paths["HORIZONTAL_DEFORMATION"], boundary
            )
        except RasterError as error:
            raise self.fail(str(error)) from None
        return prediction_table(
            stats.max_subsidence_m,
            stats.max_tilt_mm_m,
            stats.max_deformation_mm_m,
            stats.basin_area_m2,
            stats.boundary_m,
            language,
        )

    def _packs(self, layers: _Layers) -> list[RulePack]:
        """The rule packs the units name (built-in ones, or files the run log names)."""
        packs = []
        self.unknown_packs: list[str] = []
        for label in layers.rule_packs:
            try:
                packs.append(resolve_pack(label.split()[0], resource("rules")))
            except (RulePackError, OSError, IndexError, ValueError):
                self.unknown_packs.append(label)
        return packs

    def _quantity_tables(
        self, parameters: dict, context: QgsProcessingContext, packs: list, language: str
    ) -> list[Table]:
        """工程量汇总表 and 土方平衡表 when the quantities were given, 投资估算表 and 投资汇总
        when the investment was; works named by the units' rule packs."""
        tables = []
        names = with_stripping(
            {
                item.key: item.name
                for pack in packs
                if pack.works is not None
                for item in pack.works.items
            }
        )
        works = self.parameterAsSource(parameters, self.WORKS, context)
        if works is not None:
            self._require_fields(
                works,
                ("unit_id", "item", "unit", "quantity"),
                self.tr("Works table"),
                self.tr("Use the WORKS output of Estimate engineering quantities."),
            )
            tables.append(works_table(self._rows(works, ("unit_id", "quantity")), language, names))
        balance = self.parameterAsSource(parameters, self.BALANCE, context)
        if balance is not None:
            self._require_fields(
                balance,
                ("item", "m3"),
                self.tr("Balance table"),
                self.tr("Use the BALANCE output of Estimate engineering quantities."),
            )
            tables.append(balance_table(self._rows(balance, ("m3",)), language))
        lines = self.parameterAsSource(parameters, self.COST_TABLE, context)
        if lines is not None:
            self._require_fields(
                lines,
                ("line", "amount"),
                self.tr("Investment table"),
                self.tr("Use the COST_TABLE output of Estimate the investment."),
            )
            summary = self.parameterAsSource(parameters, self.COST_SUMMARY, context)
            tables += investment_tables(
                self._rows(lines, ("quantity", "unit_price", "rate", "amount")),
                self._rows(summary, ("value",)) if summary is not None else [],
                language,
                names,
            )
        return tables

    def _work_plan_tables(
        self, parameters: dict, context: QgsProcessingContext, packs: list, language: str
    ) -> list[Table]:
        """复垦工作计划安排表, 分阶段投资表, 分阶段表土平衡表 and 分阶段工程量表 when the
        work plan was given (the last three when it has them)."""
        stages = self._stage_rows(parameters, context)
        if not stages:
            return []
        tables = [
            work_plan_table(stages, language),
            *(
                table
                for table in (
                    stage_investment_table(stages, language),
                    stage_soil_table(stages, language),
                )
                if table is not None
            ),
        ]
        works = self.parameterAsSource(parameters, self.STAGE_WORKS, context)
        if works is not None:
            self._require_fields(
                works,
                ("stage", "item", "unit", "quantity"),
                self.tr("Works by stage"),
                self.tr("Use the STAGE_WORKS output of Schedule the work plan."),
            )
            # The measures named by the rule packs, in their order.
            names = {
                i.key: i.name for pack in packs if pack.works is not None for i in pack.works.items
            }
            names = with_stripping(names)
            rows = self._rows(works, ("stage", "quantity", "direct_cost"))
            tables.append(stage_works_table(rows, language, names, list(names)))
        return tables

    def _ecology_tables(
        self, parameters: dict, context: QgsProcessingContext, packs: list, language: str
    ) -> list[Table]:
        """生态系统服务价值 by service and by ecosystem type when they were given; names
        from the units' rule packs."""
        rules = next((pack.esv for pack in packs if pack.esv is not None), None)
        tables = []
        for key, needed, numbers, make in (
            (
                self.ESV_SERVICES,
                ("service", "esv_before", "esv_after"),
                ("esv_before", "esv_damaged", "esv_after", "esv_gain", "esv_change"),
                esv_service_table,
            ),
            (
                self.ESV_ECOSYSTEMS,
                ("ecosystem", "before_hm2", "esv_before"),
                (*(f"esv_{s}" for s in STATES), *(f"{s}_hm2" for s in STATES)),
                esv_type_table,
            ),
        ):
            source = self.parameterAsSource(parameters, key, context)
            if source is None:
                continue
            self._require_fields(
                source,
                needed,
                self.tr("Ecosystem-service value table"),
                self.tr("Use the SERVICES and ECOSYSTEMS outputs of Ecosystem-service value."),
            )
            tables.append(make(self._rows(source, numbers), language, rules))
        corridors = self.parameterAsSource(parameters, self.CORRIDORS, context)
        if corridors is not None:
            self._require_fields(
                corridors,
                ("source_a", "source_b", "cost", "length_m"),
                self.tr("Corridors"),
                self.tr("Use the CORRIDORS output of Ecological network."),
            )
            numbers = ("corridor_id", "cost", "cost_after", "length_m", "damaged_m")
            table = corridor_table(self._rows(corridors, numbers), language)
            if table.rows:  # a plan without a network has no corridor to list
                tables.append(table)
        priority = self.parameterAsSource(parameters, self.PRIORITY, context)
        if priority is not None:
            self._require_fields(
                priority,
                ("priority_rank", "priority_score"),
                self.tr("Priority"),
                self.tr("Use the OUTPUT of Priority by cost and benefit."),
            )
            numbers = (
                "priority_rank",
                "unit_id",
                "area_hm2",
                "esv_gain",
                "corridor_gain",
                "priority_score",
                "priority_ratio",
                "selected",
            )
            tables.append(priority_table(self._rows(priority, numbers), language, USE_LABELS))
        reuse = self.parameterAsSource(parameters, self.REUSE, context)
        if reuse is not None:
            self._require_fields(
                reuse,
                ("reuse", "area_hm2"),
                self.tr("Second lives"),
                self.tr("Use the SUMMARY output of Second lives of mine land."),
            )
            numbers = ("units", "area_hm2", "floating_hm2", "capacity_mw")
            tables.append(reuse_table(self._rows(reuse, numbers), language, REUSE_NAMES))
        return tables

    def _stage_rows(self, parameters: dict, context: QgsProcessingContext) -> list[dict]:
        source = self.parameterAsSource(parameters, self.STAGE_TABLE, context)
        if source is None:
            return []
        self._require_fields(
            source,
            ("stage", "year_start", "year_end", "works_hm2"),
            self.tr("Work plan by stage"),
            self.tr("Use the STAGE_TABLE output of Schedule the work plan."),
        )
        numbers = ("stage", "year_start", "year_end", "units", "investment", *STAGE_NUMBERS)
        return sorted(self._rows(source, numbers), key=lambda r: int(r["stage"] or 0))

    def _rows(self, source: Any, numbers: tuple[str, ...]) -> list[dict]:
        """The table's rows, the ``numbers`` fields as numbers (a CSV holds text)."""
        try:
            return attribute_rows(source, numbers)
        except ValueError as error:
            raise self.fail(
                self.tr("Table “{0}”: {1}").format(
                    self.source_names.get(id(source), source.sourceName()), error
                )
            ) from None

    def _plan_summary(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        summary: Summary,
        totals: Totals,
        layers: _Layers,
        language: str,
    ) -> Table:
        """复垦方案摘要 from the plan's areas, the work plan and the investment (what was
        given)."""
        construction = sum(
            r["area_m2"]
            for r in summary.tables["proposed_by_use"].where(row_kind="item")
            if r["use_proposed"] == "construction"
        )
        cost = self.parameterAsSource(parameters, self.COST_SUMMARY, context)
        money = (
            {str(r["item"]): r.get("value") for r in self._rows(cost, ("value",))}
            if cost is not None
            else {}
        )
        figures = PlanFigures(
            **service_figures(self._stage_rows(parameters, context)),
            project_m2=totals.study_m2 if layers.area is not None else None,
            damaged_m2=summary.damaged_m2,
            construction_m2=construction,
            reclaimed_m2=summary.reclaimed_m2,
            static=money.get("static"),
            dynamic=money.get("dynamic"),
            static_per_mu=money.get("static_per_mu"),
            dynamic_per_mu=money.get("dynamic_per_mu"),
        )
        return plan_summary_table(figures, language)

    def _sheet_layers(
        self,
        layers: _Layers,
        plan: QgsVectorLayer,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> SheetLayers:
        """The 附图 of the report's PDF from the run's own copies of the inputs: current
        land use (when given) by code, the damage by type and degree, the proposed uses,
        the study area's boundary over them."""
        names = PlanMaps(language).layer_names()
        damage = layers.disturbance
        for name, expression, kind in (
            ("dist_type", '"d_type"', FIELD_STRING),
            ("dist_degree", '"d_degree"', FIELD_INT),
            ("degree_basis", '"d_basis"', FIELD_STRING),
        ):
            if damage.fields().indexOf(name) < 0:  # the names the damage style reads
                damage.addExpressionField(expression, QgsField(name, kind))
        damage.setRenderer(damage_renderer(language))
        damage.setName(names["damage"])
        landuse = layers.landuse
        if landuse is not None:
            index = landuse.fields().indexOf("l_code")
            codes = {str(c) for c in landuse.uniqueValues(index) if not is_null(c)}
            landuse.setRenderer(landuse_renderer(codes, language, "l_code"))
            landuse.setName(names["landuse"])
        boundary = layers.area
        if boundary is not None:
            boundary.setRenderer(outline_renderer("#c00000", "0.8", "dash"))
        network, sources = self._network_layers(parameters, context, names)
        return SheetLayers(
            landuse=landuse,
            damage=damage,
            plan=plan,
            boundary=boundary,
            network=network,
            sources=sources,
        )

    def _network_layers(
        self, parameters: dict, context: QgsProcessingContext, names: dict[str, str]
    ) -> tuple[QgsVectorLayer | None, QgsVectorLayer | None]:
        """Copies of the corridors and the sources for 生态网络图, styled and named in the
        report's language (the inputs keep their own style)."""
        found = []
        for key, renderer, name in (
            (self.CORRIDORS, corridor_renderer, names["network"]),
            (self.ECO_SOURCES, eco_source_renderer, names["sources"]),
        ):
            layer = self.parameterAsVectorLayer(parameters, key, context)
            if layer is None or layer.featureCount() == 0:
                found.append(None)
                continue
            copy = layer.clone()
            copy.setRenderer(renderer())
            copy.setName(name)
            found.append(copy)
        return found[0], found[1]

    def _measure_words(self, packs: list[RulePack]) -> MeasureWords | None:
        """The measures of the units' one known pack, to write them in the report's
        language (None: the suitability layer's own text)."""
        return pack_measures(packs[0].uses) if len(packs) == 1 and not self.unknown_packs else None

    def _input_warnings(
        self, parameters: dict, context: QgsProcessingContext, language: str
    ) -> list[str]:
        """The warnings of the runs that made the input layers (their run logs), in the
        report's language where the log has both."""
        found: list[str] = []
        for key in (self.DISTURBANCE, self.SUITABILITY):
            layer = self.parameterAsVectorLayer(parameters, key, context)
            location = layer_location(layer) if layer is not None else None
            if location is not None and location.path.lower().endswith(".gpkg"):
                found += read_run_warnings(location.path, language)
        return list(dict.fromkeys(found))

    def _log_results(self, summary: Summary, feedback: QgsProcessingFeedback) -> None:
        rate = summary.reclamation_rate
        feedback.pushInfo(
            self.tr("Damaged {0:.4f} hm², reclaimed {1:.4f} hm², reclamation rate {2}").format(
                summary.damaged_m2 * 1e-4,
                summary.reclaimed_m2 * 1e-4,
                "—" if rate is None else f"{100 * rate:.2f} %",
            )
            + " "
            + ReportWriter(self.words.language).degree_share(summary)
        )
        feedback.pushInfo(
            self.tr("Cultivated land: {0:.4f} hm² before, {1:.4f} hm² after").format(
                summary.cultivated_before_m2 * 1e-4, summary.cultivated_after_m2 * 1e-4
            )
        )

    @staticmethod
    def _grade_labels(rule_packs: list[str]) -> str:
        """ "fao" when the units' rule pack names FAO-style grades, else "cn"."""
        for label in rule_packs:
            try:
                return resolve_pack(label.split()[0], resource("rules")).grade_labels
            except (RulePackError, OSError, IndexError, ValueError):
                continue
        return "cn"

    # --- inputs -----------------------------------------------------------------------

    def _source(
        self, parameters: dict, key: str, context: QgsProcessingContext, label: str
    ) -> QgsFeatureSource | None:
        source = self.parameterAsSource(parameters, key, context)
        if source is None and parameters.get(key) not in (None, ""):
            raise self.fail(self.tr("{0}: the layer could not be read.").format(label))
        layer = self.parameterAsVectorLayer(parameters, key, context)
        if source is not None and layer is not None:
            # The layer as the user knows it, for messages (not a Processing copy's name).
            self.source_names[id(source)] = display_name(layer)
        return source

    def _require_fields(
        self, source: QgsFeatureSource, names: tuple[str, ...], label: str, hint: str
    ) -> None:
        present = source.fields().names()
        missing = [n for n in names if n not in present]
        if missing:
            raise self.fail(
                self.tr("{0} “{1}” has no field {2}. {3} Fields: {4}").format(
                    label,
                    self.source_names.get(id(source), source.sourceName()),
                    ", ".join(f"“{n}”" for n in missing),
                    hint,
                    ", ".join(present),
                )
            )

    def _read_inputs(
        self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> _Layers:
        self.owner_field = ""
        disturbance = self._source(parameters, self.DISTURBANCE, context, self.tr("Disturbed land"))
        suitability = self._source(parameters, self.SUITABILITY, context, self.tr("Suitability"))
        if disturbance is None or suitability is None:
            raise self.fail(self.tr("Give the disturbed land and the suitability layers."))
        self._require_fields(
            disturbance,
            DISTURBANCE_FIELDS,
            self.tr("Disturbed land layer"),
            self.tr("Use the output of Classify disturbed land."),
        )
        self._require_fields(
            suitability,
            SUITABILITY_FIELDS,
            self.tr("Suitability layer"),
            self.tr("Use the output of Evaluate suitability."),
        )
        grade_uses = [u for u in EVALUATED_USES if suitability.fields().indexOf(f"grade_{u}") >= 0]
        if not grade_uses:
            self._require_fields(
                suitability,
                tuple(f"grade_{u}" for u in EVALUATED_USES),
                self.tr("Suitability layer"),
                self.tr("Use the output of Evaluate suitability."),
            )
        landuse = self._source(parameters, self.LANDUSE, context, self.tr("Current land use"))
        code_field = ""
        if landuse is not None:
            code_field = self.parameterAsString(parameters, self.LANDUSE_CODE_FIELD, context)
            if not code_field:
                names = landuse.fields().names()
                code_field = next((n for n in ("dlbm", "DLBM") if n in names), "")
            if not code_field:
                raise self.fail(
                    self.tr(
                        "Current land use: name its GB/T 21010 code field "
                        "(LANDUSE_CODE_FIELD). Fields: {0}"
                    ).format(", ".join(landuse.fields().names()))
                )
            self._require_fields(
                landuse,
                (code_field,),
                self.tr("Current land-use layer"),
                self.tr("Choose the field holding the GB/T 21010 code."),
            )
            owner_name = self.parameterAsString(parameters, self.OWNERSHIP_FIELD, context)
            if owner_name:
                self._require_fields(
                    landuse,
                    (owner_name,),
                    self.tr("Current land-use layer"),
                    self.tr("Choose the field holding the owner (权属单位)."),
                )
            self.owner_field = owner_name or owner_field(landuse.fields().names())
        area = self._source(parameters, self.AREA, context, self.tr("Study area"))
        crs = self._working_crs(suitability, [disturbance, landuse, area], context)
        warnings: list[str] = []
        copier = _Copier(crs, context, feedback, warnings)
        has_basis = disturbance.fields().indexOf("degree_basis") >= 0
        d_layer = copier.copy(
            disturbance,
            "d_in:integer d_type:string d_degree:integer d_before:string d_basis:string",
            lambda f: [
                1,
                _text(f["dist_type"]),
                _int(f["dist_degree"]),
                normalise_code(f["dlbm_before"]),
                _text(f["degree_basis"]) if has_basis else "",
            ],
            skip=lambda f: _text(f["dist_type"]) in ("", "none"),
        )
        if copier.skipped:
            warnings.append(
                self.tr(
                    "{0} disturbance polygon(s) with dist_type empty or “none” are not damaged "
                    "land and were left out."
                ).format(copier.skipped)
            )
        attributes: dict[str, list] = {"use": [], "dlbm": [], "pack": [], "limits": []}
        limit_fields = {n for n in suitability.fields().names() if n.startswith("limit_")}
        grades: dict[str, list] = {u: [] for u in grade_uses}
        has_pack = suitability.fields().indexOf("rule_pack") >= 0
        # What each unit is, for the appendix of units (fields of makeunits and evaluation).
        fields = suitability.fields()
        context_fields = {
            n: fields.lookupField(n) for n in ("dist_type", "dlbm_before", "measures")
        }
        degree_field = fields.lookupField("dist_degree")
        described: dict[str, list] = {n: [] for n in (*context_fields, "dist_degree")}

        unit_ids: list[int] = []
        # The units' own numbers (unit_id of reclamation:makeunits) where they have them.
        id_field = suitability.fields().lookupField("unit_id")

        def unit_row(feature: QgsFeature) -> list:
            number = _int(feature.attribute(id_field)) if id_field >= 0 else None
            unit_ids.append(feature.id() if number is None else number)
            use = _text(feature["use_proposed"])
            attributes["use"].append(use)
            field_name = f"limit_{use}"
            attributes["limits"].append(
                _text(feature[field_name]) if field_name in limit_fields else ""
            )
            attributes["dlbm"].append(normalise_code(feature["dlbm"]))
            for name in ("dist_type", "dlbm_before", "measures"):
                value = feature.attribute(context_fields[name]) if context_fields[name] >= 0 else ""
                described[name].append(_text(value))
            degree = _int(feature.attribute(degree_field)) if degree_field >= 0 else None
            described["dist_degree"].append(-1 if degree is None else degree)
            for use in grade_uses:
                grades[use].append(_int(feature[f"grade_{use}"]) or 0)
            if has_pack:
                attributes["pack"].append(_text(feature["rule_pack"]))
            return [len(attributes["use"])]

        s_layer = copier.copy(suitability, "s_unit:integer", unit_row, keep_empty=True)
        units = Units(
            grades={u: np.array(g, dtype=np.int64) for u, g in grades.items()},
            use_proposed=np.array(attributes["use"], dtype=object),
            dlbm=np.array(attributes["dlbm"], dtype=object),
            limits=np.array(attributes["limits"], dtype=object),
            ids=np.array(unit_ids, dtype=np.int64),
            dist_type=np.array(described["dist_type"], dtype=object),
            dist_degree=np.array(described["dist_degree"], dtype=np.int64),
            dlbm_before=np.array([normalise_code(c) for c in described["dlbm_before"]], object),
            measures=np.array(described["measures"], dtype=object),
        )
        l_layer = None
        if landuse is not None:
            owner_index = landuse.fields().lookupField(self.owner_field)
            l_layer = copier.copy(
                landuse,
                "l_in:integer l_code:string l_owner:string",
                lambda f: [
                    1,
                    normalise_code(f[code_field]),
                    _text(f.attribute(owner_index)) if owner_index >= 0 else "",
                ],
            )
        a_layer = copier.dissolved(area, "a_in:integer") if area is not None else None
        packs = sorted({p for p in attributes["pack"] if p})
        if len(packs) > 1:
            warnings.append(
                self.tr("The suitability units come from several rule packs: {0}").format(
                    "; ".join(packs)
                )
            )
        self.unit_ids = unit_ids
        return _Layers(crs, d_layer, s_layer, l_layer, a_layer, units, packs, warnings)

    def _working_crs(
        self,
        suitability: QgsFeatureSource,
        others: list[QgsFeatureSource | None],
        context: QgsProcessingContext,
    ) -> QgsCoordinateReferenceSystem:
        """The suitability layer's CRS when projected; else the metric CRS of the data's
        centre (CGCS2000 3° Gauss–Krüger in China, UTM elsewhere) unless the data spread
        too wide for one zone."""
        crs = suitability.sourceCrs()
        if not crs.isValid():
            for other in others:
                if other is not None and other.sourceCrs().isValid():
                    crs = other.sourceCrs()
                    break
        if not crs.isValid():
            raise self.fail(
                self.tr("The suitability layer has no coordinate reference system; set it.")
            )
        if not crs.isGeographic():
            return crs
        geographic = QgsCoordinateReferenceSystem("EPSG:4326")
        extent = QgsRectangle()
        extent.setMinimal()
        for source in [suitability, *others]:
            if source is None or not source.sourceCrs().isValid():
                continue
            box = source.sourceExtent()
            if box.isEmpty() and box.width() == 0 and box.height() == 0:
                continue
            transform = QgsCoordinateTransform(
                source.sourceCrs(), geographic, context.transformContext()
            )
            try:
                extent.combineExtentWith(transform.transformBoundingBox(box))
            except Exception:  # QgsCsException: an odd extent, skip it
                continue
        if extent.isNull() or not math.isfinite(extent.width()):
            return crs
        if extent.width() > MAX_METRIC_SPAN_DEG:
            return crs
        centre = extent.center()
        try:
            metric = metric_crs_for(centre.x(), centre.y())
        except ValueError:
            return crs
        return QgsCoordinateReferenceSystem(metric.authid)

    # --- overlay ----------------------------------------------------------------------

    def _overlay(
        self, layers: _Layers, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> QgsVectorLayer | None:
        """The flat overlay of all inputs (native:union), or None when all are empty."""
        from qgis import processing

        chain = [
            layer
            for layer in (layers.disturbance, layers.suitability, layers.landuse, layers.area)
            if layer is not None and layer.featureCount() > 0
        ]
        if not chain:
            return None
        current: Any = chain[0]
        for step, layer in enumerate(chain[1:], start=1):
            if feedback.isCanceled():
                return None
            feedback.pushInfo(self.tr("Overlay {0} of {1}…").format(step, len(chain) - 1))
            result = processing.run(
                "native:union",
                {"INPUT": current, "OVERLAY": layer, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
                context=context,
                feedback=None,
                is_child_algorithm=True,
            )
            current = result["OUTPUT"]
            feedback.setProgress(20 + 40 * step / max(len(chain) - 1, 1))
        if isinstance(current, str):
            current = QgsProcessingUtils.mapLayerFromString(current, context)
        return current

    def _measure(
        self, pieces: QgsVectorLayer | None, layers: _Layers, context: QgsProcessingContext
    ) -> tuple[Overlay, Totals]:
        rows: list[dict] = []
        geometries: list[QgsGeometry] = []
        if pieces is not None:
            names = pieces.fields().names()

            def value(feature: QgsFeature, name: str) -> Any:
                return feature[name] if name in names else None

            for feature in pieces.getFeatures():
                geometry = feature.geometry()
                if geometry.isNull() or geometry.isEmpty():
                    continue
                if layers.area is not None and _int(value(feature, "a_in")) != 1:
                    continue
                damaged = _int(value(feature, "d_in")) == 1
                in_landuse = _int(value(feature, "l_in")) == 1
                rows.append(
                    {
                        "damaged": damaged,
                        "dist_type": _text(value(feature, "d_type")),
                        "dist_degree": _int(value(feature, "d_degree")),
                        "dlbm_before": _text(value(feature, "d_before")),
                        "degree_basis": _text(value(feature, "d_basis")),
                        "landuse": _text(value(feature, "l_code")),
                        "owner": _text(value(feature, "l_owner")),
                        "unit": _int(value(feature, "s_unit")) or 0,
                        "in_study": layers.area is not None or damaged or in_landuse,
                    }
                )
                geometries.append(geometry)
        areas = ellipsoidal_areas(geometries, layers.crs, context)
        for row, area in zip(rows, areas.tolist(), strict=True):
            row["area_m2"] = 0.0 if math.isnan(area) else area
        overlay = Overlay.from_rows(rows)

        def union_area(mask: np.ndarray) -> float:
            chosen = [g for g, keep in zip(geometries, mask.tolist(), strict=True) if keep]
            if not chosen:
                return 0.0
            area = ellipsoidal_areas([QgsGeometry.unaryUnion(chosen)], layers.crs, context)[0]
            return 0.0 if math.isnan(area) else float(area)

        if layers.area is not None:
            area_geometries = [f.geometry() for f in layers.area.getFeatures()]
            study = float(np.nansum(ellipsoidal_areas(area_geometries, layers.crs, context)))
        else:
            study = union_area(overlay.in_study)
        totals = Totals(
            study_m2=study,
            damaged_m2=union_area(overlay.damaged),
            units_m2=union_area(overlay.unit > 0),
        )
        return overlay, totals


class _Copier(Translatable):
    """Copies a source into a memory layer in the working CRS: valid polygons only, with
    the given fields (prefixed, so that the union keeps every name)."""

    KEEPS_SOURCE = True  # its warnings are written again in the report's language

    def __init__(
        self,
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        warnings: list[str],
    ) -> None:
        self.crs = crs
        self.context = context
        self.feedback = feedback
        self.warnings = warnings
        self.skipped = 0

    def _layer(self, spec: str, name: str) -> QgsVectorLayer:
        fields = "".join(f"&field={item}" for item in spec.split())
        authid = self.crs.authid()
        layer = QgsVectorLayer(f"MultiPolygon?crs={authid or 'EPSG:4326'}{fields}", name, "memory")
        if not authid:
            layer.setCrs(self.crs)
        return layer

    def _geometry(
        self, feature: QgsFeature, transform: QgsCoordinateTransform | None, label: str
    ) -> QgsGeometry | None:
        geometry = QgsGeometry(feature.geometry())
        if geometry.isNull() or geometry.isEmpty():
            return None
        if transform is not None:
            try:
                failed = geometry.transform(transform) != QgsGeometry.OperationResult.Success
            except Exception:  # QgsCsException
                failed = True
            if failed:
                self.warnings.append(
                    self.tr("{0}: feature {1} cannot be transformed to {2}; left out.").format(
                        label, feature.id(), self.crs.authid()
                    )
                )
                return None
        if not geometry.isGeosValid():
            geometry = geometry.makeValid()
        if geometry.type() != QgsWkbTypes.PolygonGeometry and not (
            geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry)
        ):
            return None
        if geometry.isNull() or geometry.isEmpty():
            return None
        geometry.convertToMultiType()  # noqa: QGS201 (False only when already multi)
        return geometry

    def _transform(self, source: QgsFeatureSource) -> QgsCoordinateTransform | None:
        if source.sourceCrs() == self.crs or not source.sourceCrs().isValid():
            return None
        return QgsCoordinateTransform(source.sourceCrs(), self.crs, self.context.transformContext())

    def copy(
        self,
        source: QgsFeatureSource,
        spec: str,
        values: Any,
        skip: Any = None,
        keep_empty: bool = False,
    ) -> QgsVectorLayer:
        layer = self._layer(spec, source.sourceName())
        transform = self._transform(source)
        features = []
        self.skipped = 0
        for feature in source.getFeatures():
            if self.feedback.isCanceled():
                break
            if skip is not None and skip(feature):
                self.skipped += 1
                continue
            attributes = values(feature)  # called for every unit so that indices match
            geometry = self._geometry(feature, transform, source.sourceName())
            if geometry is None:
                if not keep_empty:
                    continue
                geometry = QgsGeometry()
            out = QgsFeature(layer.fields())
            out.setGeometry(geometry)
            out.setAttributes(attributes)
            features.append(out)
        features = [f for f in features if not f.geometry().isNull()]
        if features and not layer.dataProvider().addFeatures(features)[0]:
            raise OSError(f"cannot copy {source.sourceName()} into memory")
        return layer

    def dissolved(self, source: QgsFeatureSource, spec: str) -> QgsVectorLayer:
        layer = self._layer(spec, source.sourceName())
        transform = self._transform(source)
        parts = [
            g
            for g in (
                self._geometry(f, transform, source.sourceName()) for f in source.getFeatures()
            )
            if g is not None
        ]
        if parts:
            feature = QgsFeature(layer.fields())
            whole = QgsGeometry.unaryUnion(parts)
            whole.convertToMultiType()  # noqa: QGS201 (False only when already multi)
            feature.setGeometry(whole)
            feature.setAttributes([1])
            if not layer.dataProvider().addFeatures([feature])[0]:
                raise OSError(f"cannot copy {source.sourceName()} into memory")
        return layer


def _text(value: object) -> str:
    return "" if is_null(value) else str(value).strip()


def _int(value: object) -> int | None:
    if is_null(value) or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReportWords(InLanguage):
    """The warnings the report carries, in the report's language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def title(self, given: str) -> str:
        """The report's title: the one given, else the default title in the report's
        language. The default of either language counts as not given: a dialog fills in
        the title in the language QGIS runs in, which need not be the report's."""
        default = self.tr("Land reclamation plan")
        defaults = {"Land reclamation plan", ReportWords("zh").tr("Land reclamation plan")}
        return default if not given.strip() or given.strip() in defaults else given.strip()

    def cultivated_loss(self, lost_m2: float, units: str) -> str:
        return self.tr(
            "Cultivated land decreases by {0:.4f} hm² ({1:.2f} 亩). Damaged "
            "cultivated land proposed for another use: units {2}. Explain the loss "
            "or balance it (no net loss of cultivated land)."
        ).format(lost_m2 * 1e-4, lost_m2 * 1e-4 * 15, units)

    def irrigated_downgrade(self, area_m2: float, units: str) -> str:
        return self.tr(
            "Irrigated land (0102) is proposed back as another class on {0:.4f} "
            "hm² ({1:.2f} 亩): units {2}. Restore the irrigation or explain the "
            "downgrade (no loss of cultivated-land quality)."
        ).format(area_m2 * 1e-4, area_m2 * 1e-4 * 15, units)

    def unknown_packs(self, labels: list[str]) -> list[str]:
        return [
            self.tr(
                "The rule pack “{0}” of the suitability units is not a built-in pack: "
                "its rules are not listed under Basis and assumptions."
            ).format(label)
            for label in labels
        ]
