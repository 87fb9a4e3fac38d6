"""``reclamation:planmany``: the plan of every mine of a layer in one run, side by side in
worker processes, and the province table.

Each mine is one feature of MINES with an id; the shared inputs (the plan run's own
parameters) are cut to each mine (``mine_job``); the mine's rasters may also come from
paths in fields of MINES. Every mine gets a folder with its plan's layers, tables and
report (and the review's findings); the province table has one row per mine, built from
the mine's own tables, and a total. A mine that fails is a row with its reason: the others
go on. Workers are processes of a headless QGIS each (``worker_pool``); WORKERS = 0 makes
the plans one after another in QGIS's own process.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from osgeo import ogr, osr
from qgis.core import (
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterDistance,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING, is_null
from ...core.province import (
    MineIdError,
    MineOutcome,
    check_mine_ids,
    folder_names,
    province_columns,
    province_row,
    province_total,
    province_uses,
)
from ...core.rules.vocabulary import EVALUATED_USES
from ...i18n import qgis_locale, report_language
from ...io.raster import gdal_exceptions
from ..mine_job import MineFeedback, MineJob, read_figures, run_mine_job
from ..outputs import table_fields
from ..report_province import ProvincePage, ProvinceWords
from ..safety import Location, Named, OutputSnapshot, _real, input_locations, layer_location
from ..styling import attach, province_style, run_group_name
from ..units import metric_crs_of, transformed
from ..worker_pool import PoolError, WorkerPool
from .base import GROUP_PLAN, ReclamationAlgorithm
from .summarize_plan import ReportWords

PLAN_ID = "reclamation:reclamationplan"
REVIEW_ID = "reclamation:reviewplan"
# Rasters a mine may name in a field of MINES (a path), else the shared raster.
MINE_RASTERS = ("DEM_BEFORE", "DEM_AFTER", "SUBSIDENCE")
# The plan's parameters planmany sets itself for each mine.
SET_PER_MINE = {"AREA"}
# The report formats: (key of the plan's output, file name).
REPORT_FORMATS = (
    ("summarize:REPORT_HTML", "report.html"),
    ("summarize:REPORT_PDF", "report.pdf"),
    ("summarize:REPORT_XLSX", "report.xlsx"),
    ("summarize:REPORT_DOCX", "report.docx"),
)
# Every mine's layers and tables.
MINE_OUTPUTS = {
    "classify:DISTURBED": "disturbance.gpkg",
    "evaluate:SUITABILITY": "suitability.gpkg",
    "summarize:TABLES": "tables.gpkg",
    # What the review reads besides the units (written when the plan has them).
    "quantities:WORKS": "works.gpkg",
    "cost:SUMMARY": "investment.gpkg",
}
REVIEW_OUTPUTS = {"FINDINGS": "review.gpkg", "REPORT_HTML": "review.html"}
EXTRA_USES = ("construction", "restore", "keep")
DEFAULT_MARGIN_M = 500.0


class PlanManyAlgorithm(ReclamationAlgorithm):
    MINES = "MINES"
    MINE_ID_FIELD = "MINE_ID_FIELD"
    NAME_FIELD = "NAME_FIELD"
    LAYER_MINE_FIELD = "LAYER_MINE_FIELD"
    MINE_INPUTS = "MINE_INPUTS"
    MARGIN = "MARGIN"
    REVIEW = "REVIEW"
    REPORTS = "REPORTS"
    WORKERS = "WORKERS"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    OUTPUT = "OUTPUT"
    REPORT_HTML = "PROVINCE_HTML"
    ADVANCED = frozenset({"MARGIN", "WORKERS"})

    def name(self) -> str:
        return "planmany"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Plan many mines (province run)")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The reclamation plan of every mine of a layer in one run: one feature per mine "
            "(MINES) with its id (MINE_ID_FIELD) → one folder per mine with its plan "
            "(disturbance.gpkg, suitability.gpkg, tables.gpkg, the report) and, with a "
            "review pack, its review (review.gpkg, review.html) → the province table: one "
            "row per mine with its damaged area by type, proposed area by use, reclamation "
            "rate, cultivated land before and after, warnings, review findings and status, "
            "and a total row.\n\n"
            "The other parameters are those of the plan run, shared by all mines and cut to "
            "each: a layer with the field named by LAYER_MINE_FIELD keeps the features of "
            "the mine (those whose value is the mine's id); any other layer keeps those "
            "within MARGIN metres of the mine's boundary (the grid, roads and settlements "
            "stay whole: they are measured by distance; tables such as the prices too). The "
            "mine's boundary is its study area. A mine's DEMs and subsidence raster can be "
            "paths in fields of MINES (relative to the layer's folder), and so can any other "
            "input through MINE_INPUTS (parameter=field;…, e.g. PANELS=工作面文件): a mine's "
            "own layer is used whole. A shared raster is cut to a window around the mine.\n\n"
            "A mine that fails is a row with its reason and leaves nothing in its folder; "
            "the others go on. The mines are planned side by side by WORKERS processes "
            "(each starts QGIS once; 0: one after another in QGIS's own process); the "
            "results are the same either way."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        from .reclamation_plan import _new_step

        self.add(
            QgsProcessingParameterFeatureSource(
                self.MINES,
                self.tr("Mines (one polygon per mine)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add(
            QgsProcessingParameterField(
                self.MINE_ID_FIELD, self.tr("Mine id field"), parentLayerParameterName=self.MINES
            )
        )
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD,
                self.tr("Mine name field"),
                parentLayerParameterName=self.MINES,
                optional=True,
            )
        )
        for key in MINE_RASTERS:
            self.add(
                QgsProcessingParameterField(
                    f"{key}_FIELD",
                    self.raster_field_label(key),
                    parentLayerParameterName=self.MINES,
                    type=QgsProcessingParameterField.String,
                    optional=True,
                )
            )
        self.add(
            QgsProcessingParameterString(
                self.LAYER_MINE_FIELD,
                self.tr("Mine id field of the shared layers (layers without it: by location)"),
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterString(
                self.MINE_INPUTS,
                self.tr("Each mine's own inputs (parameter=field of the mines with a path;…)"),
                optional=True,
            )
        )
        plan = _new_step(PLAN_ID)
        self.required_rasters = set()
        for definition in plan.parameterDefinitions():
            if definition.isDestination() or definition.name() in SET_PER_MINE:
                continue
            copy = definition.clone()
            if definition.name() in MINE_RASTERS:
                if not definition.flags() & QgsProcessingParameterDefinition.FlagOptional:
                    self.required_rasters.add(definition.name())
                copy.setFlags(copy.flags() | QgsProcessingParameterDefinition.FlagOptional)
            self.add(copy)
        self.plan_keys = [
            d.name()
            for d in plan.parameterDefinitions()
            if not d.isDestination() and d.name() not in SET_PER_MINE
        ]
        margin = QgsProcessingParameterDistance(
            self.MARGIN,
            self.tr("Reach around each mine for the shared layers (m)"),
            DEFAULT_MARGIN_M,
            minValue=0.0,
        )
        self.add(margin)
        reviewer = _new_step(REVIEW_ID)  # kept while its definition is cloned
        review = reviewer.parameterDefinition("REVIEW").clone()
        review.setDescription(self.tr("Review pack (empty: no review)"))
        review.setFlags(review.flags() | QgsProcessingParameterDefinition.FlagOptional)
        self.add(review)
        self.add(
            QgsProcessingParameterEnum(
                self.REPORTS,
                self.tr("Reports of each mine"),
                options=["HTML", "PDF", "XLSX", "DOCX"],
                allowMultiple=True,
                defaultValue=[0, 1],
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.WORKERS,
                self.tr("Worker processes (0: in QGIS's own process)"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=max(1, os.cpu_count() or 1),
                minValue=0,
            )
        )
        self.add(
            QgsProcessingParameterFolderDestination(
                self.OUTPUT_FOLDER, self.tr("Output folder (one folder per mine)")
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Province table"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT_HTML,
                self.tr("Province summary (HTML)"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )

    def raster_field_label(self, key: str) -> str:
        return {
            "DEM_BEFORE": self.tr("Field with each mine's DEM before mining (path)"),
            "DEM_AFTER": self.tr("Field with each mine's DEM after mining (path)"),
            "SUBSIDENCE": self.tr("Field with each mine's subsidence raster (path)"),
        }[key]

    # --- the run ------------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        mines = self.parameterAsSource(parameters, self.MINES, context)
        if mines is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.MINES))
        folder = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="reclamation-planmany-"))
        try:
            jobs, early, features = self._jobs(
                parameters, context, feedback, mines, folder, scratch
            )
            self._refuse_overwrites(parameters, context, jobs)
            snapshots = {job.key: self._snapshot(job) for job in jobs}
            outcomes = self._run(jobs, parameters, context, feedback)
            if outcomes is None:  # cancelled: nothing of this run stays
                for job in jobs:
                    snapshots[job.key].remove_partial(feedback)
                    self._remove_created_folder(str(Path(job.outputs["summarize:TABLES"]).parent))
                return {}
            outcomes.update(early)
            results = self._collect(jobs, outcomes, snapshots, feedback)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return self._write(parameters, context, feedback, features, results)

    # --- jobs ---------------------------------------------------------------------------

    def _mine_rows(
        self, parameters: dict, context: QgsProcessingContext, mines: Any
    ) -> list[tuple[str, str, QgsFeature]]:
        id_field = self.parameterAsString(parameters, self.MINE_ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        rows = []
        for feature in mines.getFeatures():
            mine_id = _text(feature[id_field])
            name = _text(feature[name_field]) if name_field else ""
            rows.append((mine_id, name or mine_id, feature))
        try:
            check_mine_ids([row[0] for row in rows])
        except MineIdError as error:
            raise self.fail(
                self.tr(
                    "Mines: every mine needs an id of its own in “{0}”. Without an id: "
                    "feature(s) {1}; repeated: {2}."
                ).format(
                    id_field,
                    ", ".join(map(str, error.missing)) or "-",
                    ", ".join(error.repeated) or "-",
                )
            ) from None
        if not rows:
            raise self.fail(self.tr("Mines: the layer has no feature."))
        return rows

    def _jobs(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        mines: Any,
        folder: Path,
        scratch: Path,
    ) -> tuple[list[MineJob], dict[str, dict], list[tuple[str, str, str, QgsFeature]]]:
        """One job per mine; the outcome of a mine that cannot start (a raster path that
        does not exist); (key, id, name, feature) of every mine in the layer's order."""
        rows = self._mine_rows(parameters, context, mines)
        keys = folder_names([row[0] for row in rows])
        values, layers, rasters = self._shared(parameters, context, feedback)
        mine_field = self.parameterAsString(parameters, self.LAYER_MINE_FIELD, context).strip()
        for spec in layers.values():
            spec["mine_field"] = mine_field
        title = ReportWords(self._language(parameters, context)).title(
            self.parameterAsString(parameters, "TITLE", context)
        )
        reports = self.parameterAsEnums(parameters, self.REPORTS, context)
        review = self.parameterAsString(parameters, self.REVIEW, context).strip()
        margin = self.parameterAsDouble(parameters, self.MARGIN, context)
        base_folder = self._mines_folder(parameters, context)
        own_fields = self._own_input_fields(parameters, context, mines.fields().names())
        crs = mines.sourceCrs()
        metric = metric_crs_of(mines, context)
        jobs, early, features = [], {}, []
        self.created_folders: set[str] = set()
        self.listings: dict[str, set[str]] = {}  # mine folder -> its files before the run
        for key, (mine_id, name, feature) in zip(keys, rows, strict=True):
            features.append((key, mine_id, name, feature))
            mine_folder = folder / key
            outputs = {k: str(mine_folder / f) for k, f in MINE_OUTPUTS.items()}
            outputs.update(
                {REPORT_FORMATS[i][0]: str(mine_folder / REPORT_FORMATS[i][1]) for i in reports}
            )
            job = MineJob(
                key=key,
                mine_id=mine_id,
                name=name,
                boundary=str(scratch / key / "boundary.gpkg"),
                work=str(scratch / key),
                values={**values, "TITLE": f"{name} {title}".strip()},
                layers={k: dict(v) for k, v in layers.items()},
                rasters={k: dict(v) for k, v in rasters.items()},
                outputs=outputs,
                review=(
                    {
                        "UNITS": outputs["evaluate:SUITABILITY"],
                        "WORKS": outputs["quantities:WORKS"],
                        "COST_SUMMARY": outputs["cost:SUMMARY"],
                        "REVIEW": review,
                        **{k: str(mine_folder / f) for k, f in REVIEW_OUTPUTS.items()},
                    }
                    if review
                    else {}
                ),
            )
            problem = self._own_inputs(job, feature, own_fields, base_folder)
            geometry = feature.geometry()
            if not problem and (geometry.isNull() or geometry.isEmpty()):
                problem = self.tr("The mine has no boundary (an empty geometry in MINES).")
            if not problem:
                Path(job.work).mkdir(parents=True, exist_ok=True)
                try:
                    self._write_boundary(job, geometry, crs, metric, margin, context)
                except ValueError:
                    problem = self.tr(
                        "The mine's boundary cannot be brought into {0} (coordinates outside "
                        "the CRS)."
                    ).format(metric.authid())
            if problem:
                early[key] = {
                    "key": key,
                    "mine_id": mine_id,
                    "name": name,
                    "status": "failed",
                    "message": problem,
                    "warnings": [],
                }
                continue
            if not mine_folder.exists():
                mine_folder.mkdir(parents=True)
                self.created_folders.add(str(mine_folder))
            self.listings[str(mine_folder)] = {p.name for p in mine_folder.iterdir()}
            jobs.append(job)
        return jobs, early, features

    def _shared(
        self, parameters: dict, context: QgsProcessingContext, feedback: Any
    ) -> tuple[dict[str, Any], dict[str, dict], dict[str, dict]]:
        """The plan's parameters the user gave, as plain values, layer files and rasters."""
        values: dict[str, Any] = {}
        layers: dict[str, dict] = {}
        rasters: dict[str, dict] = {}
        for key in self.plan_keys:
            raw = parameters.get(key)
            if raw is None or raw == "" or raw == []:
                continue
            definition = self.parameterDefinition(key)
            kind = definition.type()
            if kind in ("source", "vector"):
                path, layer_name = self.parameterAsCompatibleSourceLayerPathAndLayerName(
                    parameters, key, context, ["gpkg", "shp"], "gpkg", feedback
                )
                uri = f"{path}|layername={layer_name}" if layer_name else path
                layers[key] = {"uri": uri, "label": definition.description()}
            elif kind == "raster":
                layer = self.parameterAsRasterLayer(parameters, key, context)
                rasters[key] = {"path": layer.source(), "window": True}
            elif kind == "file":
                values[key] = str(Path(self.parameterAsFile(parameters, key, context)).resolve())
            elif kind == "boolean":
                values[key] = self.parameterAsBool(parameters, key, context)
            elif kind == "enum":
                values[key] = (
                    self.parameterAsEnums(parameters, key, context)
                    if definition.allowMultiple()
                    else self.parameterAsEnum(parameters, key, context)
                )
            elif kind in ("number", "distance", "duration", "scale"):
                number = self.parameterAsDouble(parameters, key, context)
                if math.isnan(number):
                    continue
                values[key] = number
            elif kind == "matrix":
                values[key] = list(self.parameterAsMatrix(parameters, key, context))
            else:
                values[key] = self.parameterAsString(parameters, key, context)
        return values, layers, rasters

    def _mines_folder(self, parameters: dict, context: QgsProcessingContext) -> Path:
        """Where relative raster paths in MINES start: the layer's folder."""
        layer = self.parameterAsVectorLayer(parameters, self.MINES, context)
        location = layer_location(layer) if layer is not None else None
        return Path(location.path).parent if location is not None else Path.cwd()

    def _own_input_fields(
        self, parameters: dict, context: QgsProcessingContext, names: list[str]
    ) -> dict[str, str]:
        """Plan parameter -> the field of MINES holding each mine's own path: the raster
        fields, then MINE_INPUTS ("PANELS=工作面文件;…")."""
        fields = {}
        for key in MINE_RASTERS:
            field = self.parameterAsString(parameters, f"{key}_FIELD", context)
            if field:
                fields[key] = field
        text = self.parameterAsString(parameters, self.MINE_INPUTS, context).strip()
        kinds = ("source", "vector", "raster", "file")
        for part in filter(None, (p.strip() for p in text.split(";"))):
            key, _, field = (s.strip() for s in part.partition("="))
            definition = self.parameterDefinition(key) if key in self.plan_keys else None
            if definition is None or definition.type() not in kinds or field not in names:
                raise self.fail(
                    self.tr(
                        "Each mine's own inputs: {0} is not parameter=field with an input "
                        "layer, raster or file of the plan and a field of the mines ({1})."
                    ).format(part, ", ".join(names))
                )
            fields[key] = field
        return fields

    def _own_inputs(
        self,
        job: MineJob,
        feature: QgsFeature,
        fields: dict[str, str],
        base: Path,
    ) -> str:
        """The mine's own inputs from paths in its fields (used whole, never cut); the
        reason it cannot be planned."""
        for key, field in fields.items():
            text = _text(feature[field])
            if not text:
                continue
            file_part, bar, rest = text.partition("|")
            path = Path(file_part) if Path(file_part).is_absolute() else base / file_part
            label = self.parameterDefinition(key).description()
            if not path.is_file():
                return self.tr("{0} ({1}): the file “{2}” does not exist.").format(
                    label, field, path
                )
            kind = self.parameterDefinition(key).type()
            if kind == "raster":
                job.rasters[key] = {"path": str(path), "window": False}
            elif kind == "file":
                job.values[key] = str(path)
            else:
                job.layers[key] = {"uri": f"{path}{bar}{rest}", "label": label, "own": True}
        for key in sorted(self.required_rasters - set(job.rasters)):
            return self.tr(
                "{0}: neither a shared raster ({1}) nor a path in the field {2} for this mine."
            ).format(self.parameterDefinition(key).description(), key, f"{key}_FIELD")
        return ""

    def _write_boundary(
        self,
        job: MineJob,
        geometry: QgsGeometry,
        crs: Any,
        metric: Any,
        margin: float,
        context: QgsProcessingContext,
    ) -> None:
        """The mine's boundary (the plan's study area) and its reach (widened by the margin
        in a metric CRS) into the mine's scratch GeoPackage."""
        there = QgsCoordinateTransform(crs, metric, context.transformContext())
        back = QgsCoordinateTransform(metric, crs, context.transformContext())
        reach = transformed(transformed(geometry, there).buffer(margin, 16), back)
        reference = osr.SpatialReference()
        # By its authority id where it has one: QGIS's WKT of an EPSG CRS may differ from
        # GDAL's own definition, which GDAL then warns about.
        reference.SetFromUserInput(crs.authid() or crs.toWkt())
        with gdal_exceptions(vectors=True):
            source = ogr.GetDriverByName("GPKG").CreateDataSource(job.boundary)
            for name, shape in (("area", geometry), ("reach", reach)):
                layer = source.CreateLayer(name, reference, ogr.wkbMultiPolygon)
                row = ogr.Feature(layer.GetLayerDefn())
                multi = QgsGeometry(shape)
                if not multi.convertToMultiType():
                    pass  # already multi
                row.SetGeometry(ogr.CreateGeometryFromWkb(bytes(multi.asWkb())))
                layer.CreateFeature(row)
            source = None

    def _refuse_overwrites(
        self, parameters: dict, context: QgsProcessingContext, jobs: list[MineJob]
    ) -> None:
        """No mine's output may name an input: a shared one or a mine's own."""
        inputs = list(input_locations(self, parameters, context))
        for job in jobs:
            own = [spec["path"] for spec in job.rasters.values() if not spec["window"]]
            own += [s["uri"].split("|")[0] for s in job.layers.values() if s.get("own")]
            inputs += [Named(self.MINE_INPUTS, job.mine_id, Location(_real(p))) for p in own]
        for job in jobs:
            for path in self._mine_files(job):
                for source in inputs:
                    if Location(_real(path)).overlaps(source.location):
                        raise self.fail(
                            self.tr(
                                "Mine {0}: its output {1} would overwrite the input {2} ({3}). "
                                "Choose another output folder."
                            ).format(job.mine_id, path, source.label, source.key)
                        )

    @staticmethod
    def _mine_files(job: MineJob) -> list[str]:
        return [*job.outputs.values(), *(v for k, v in job.review.items() if k in REVIEW_OUTPUTS)]

    def _snapshot(self, job: MineJob) -> OutputSnapshot:
        return OutputSnapshot(
            [Named(path, path, Location(_real(path))) for path in self._mine_files(job)]
        )

    # --- running ------------------------------------------------------------------------

    def _run(
        self,
        jobs: list[MineJob],
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, dict] | None:
        """Every mine's outcome by key; None when cancelled."""
        workers = self.parameterAsInt(parameters, self.WORKERS, context)
        progress: dict[str, float] = {}
        outcomes: dict[str, dict] = {}
        total = max(1, len(jobs))

        def report() -> None:
            done = sum(progress.values()) / 100.0
            feedback.setProgress(100.0 * done / total)

        def on_progress(key: str, percent: float) -> None:
            progress[key] = min(percent, 99.0)
            report()

        def on_outcome(outcome: dict) -> None:
            progress[outcome["key"]] = 100.0
            outcomes[outcome["key"]] = outcome
            self._tell(outcome, jobs, feedback)
            report()

        if workers <= 0 or not jobs:
            for job in jobs:
                if feedback.isCanceled():
                    return None
                mine_feedback = MineFeedback(
                    on_progress=lambda p, key=job.key: on_progress(key, p), parent=feedback
                )
                on_outcome(run_mine_job(job, mine_feedback))
            return None if feedback.isCanceled() else outcomes
        settings = {"prefix": QgsApplication.prefixPath(), "locale": qgis_locale()}
        pool = WorkerPool(min(workers, len(jobs)), _package(), settings, Path(jobs[0].work).parent)
        words = ProvinceWords(self._language(parameters, context))
        try:
            run = pool.run(
                [job.to_json() for job in jobs],
                on_progress,
                on_outcome,
                feedback.isCanceled,
                lambda job, code, tail: {
                    "key": job["key"],
                    "status": "failed",
                    "message": words.crashed(code, tail),
                    "warnings": [],
                },
            )
        except PoolError as error:
            raise self.fail(
                self.tr(
                    "The worker processes could not start QGIS (set WORKERS to 0 to plan the "
                    "mines in QGIS's own process): {0}"
                ).format(str(error))
            ) from None
        return None if run.cancelled else run.outcomes

    def _tell(self, outcome: dict, jobs: list[MineJob], feedback: QgsProcessingFeedback) -> None:
        mine = next((j.mine_id for j in jobs if j.key == outcome["key"]), outcome["key"])
        for warning in outcome.get("warnings") or []:
            feedback.pushWarning(self.tr("Mine {0}: {1}").format(mine, warning))
        if outcome["status"] == "done":
            feedback.pushInfo(
                self.tr("Mine {0}: plan made in {1:.1f} s.").format(mine, outcome.get("seconds", 0))
            )
        else:
            feedback.reportError(
                self.tr("Mine {0}: {1}").format(mine, outcome.get("message", "")), False
            )

    def _collect(
        self,
        jobs: list[MineJob],
        outcomes: dict[str, dict],
        snapshots: dict[str, OutputSnapshot],
        feedback: QgsProcessingFeedback,
    ) -> dict[str, MineOutcome]:
        """Each mine's outcome with its figures (read from its tables); what a failed mine
        wrote is removed."""
        by_key = {job.key: job for job in jobs}
        results: dict[str, MineOutcome] = {}
        for key, raw in outcomes.items():
            job = by_key.get(key)
            outcome = MineOutcome(
                mine_id=job.mine_id if job else str(raw.get("mine_id", "")),
                name=job.name if job else str(raw.get("name", "")),
                folder=str(Path(job.outputs["summarize:TABLES"]).parent) if job else "",
                status=raw.get("status", "failed"),
                # Plain text: PyQt would store a translated Message as a Python object.
                message=str(raw.get("message", "")),
                warnings=[str(warning) for warning in raw.get("warnings") or []],
                findings=raw.get("findings"),
                seconds=float(raw.get("seconds") or 0.0),
            )
            if outcome.status == "done" and job is not None:
                try:
                    outcome.figures = read_figures(job.outputs["summarize:TABLES"])
                except RuntimeError as error:
                    outcome.status, outcome.message = "failed", str(error)
            if outcome.status != "done" and key in snapshots:
                snapshots[key].remove_partial(feedback)
                self._remove_created_folder(outcome.folder)
            results[key] = outcome
        return results

    def _remove_created_folder(self, folder: str) -> None:
        """Files a stopped worker left in a mine's folder (a step's temporary file) go, and
        so does the folder when this run made it."""
        before = self.listings.get(folder)
        if before is not None and Path(folder).is_dir():
            for path in Path(folder).iterdir():
                if path.name not in before and path.is_file():
                    path.unlink()
        if folder in self.created_folders:
            with contextlib.suppress(OSError):
                Path(folder).rmdir()

    # --- the province table -------------------------------------------------------------

    def _language(self, parameters: dict, context: QgsProcessingContext) -> str:
        choices = ("", "zh_CN", "en")
        choice = choices[self.parameterAsEnum(parameters, "REPORT_LANGUAGE", context)]
        try:
            region = self.rule_pack(parameters, context).region
        except QgsProcessingException:
            region = ""
        return report_language(choice, [region] if region else [])

    def _write(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        features: list[tuple[str, str, str, QgsFeature]],
        results: dict[str, MineOutcome],
    ) -> dict[str, Any]:
        words = ProvinceWords(self._language(parameters, context))
        ordered = [results[key] for key, *_ in features if key in results]
        uses = province_uses(ordered, [*EVALUATED_USES, *EXTRA_USES])
        numbers = province_columns(uses)
        fields = table_fields(
            ("mine_id", FIELD_STRING),
            ("name", FIELD_STRING),
            ("row_kind", FIELD_STRING),
            ("status", FIELD_STRING),
            ("status_name", FIELD_STRING),
            ("message", FIELD_STRING),
            ("folder", FIELD_STRING),
            ("warnings", FIELD_INT),
            ("warning_text", FIELD_STRING),
            ("findings", FIELD_INT),
            ("seconds", FIELD_DOUBLE),
            *((name, FIELD_DOUBLE) for name in numbers),
        )
        mines = self.parameterAsSource(parameters, self.MINES, context)
        sink, dest = self.sink(
            parameters,
            self.OUTPUT,
            context,
            fields,
            QgsWkbTypes.multiType(mines.wkbType()),
            mines.sourceCrs(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for key, _mine_id, _name, feature in features:
            outcome = results[key]
            row = province_row(outcome, uses)
            values = [
                outcome.mine_id,
                outcome.name,
                "mine",
                outcome.status,
                words.status(outcome.status),
                outcome.message,
                outcome.folder,
                len(outcome.warnings),
                "\n".join(outcome.warnings),
                outcome.findings,
                outcome.seconds,
                *(row[name] for name in numbers),
            ]
            self._add(sink, fields, values, feature.geometry(), parameters, dest)
        total = province_total(ordered, uses)
        findings = [o.findings for o in ordered if o.findings is not None]
        values = [
            "",
            words.total(),
            "total",
            "",
            "",
            "",
            "",
            sum(len(o.warnings) for o in ordered),
            "",
            sum(findings) if findings else None,
            sum(o.seconds for o in ordered),
            *(total[name] for name in numbers),
        ]
        self._add(sink, fields, values, QgsGeometry(), parameters, dest)
        made = sum(1 for o in ordered if o.status == "done")
        feedback.pushInfo(
            self.tr("{0} of {1} mines planned; {2} failed.").format(
                made, len(ordered), len(ordered) - made
            )
        )
        statuses = {status: words.status(status) for status in ("done", "failed", "cancelled")}
        attach(context, dest, province_style(statuses), run_group_name(self.tr("Province run")))
        outputs = {
            self.OUTPUT: dest,
            self.OUTPUT_FOLDER: self.parameterAsString(parameters, self.OUTPUT_FOLDER, context),
        }
        page = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        if page:
            Path(page).write_text(
                ProvincePage(words.language).html(ordered, total), encoding="utf-8"
            )
            outputs[self.REPORT_HTML] = page
        return outputs

    def _add(
        self,
        sink: Any,
        fields: Any,
        values: list,
        geometry: QgsGeometry,
        parameters: dict,
        dest: str,
    ) -> None:
        feature = QgsFeature(fields)
        feature.setAttributes(values)
        if not geometry.isNull():
            multi = QgsGeometry(geometry)
            if not multi.convertToMultiType():
                pass  # already multi
            feature.setGeometry(multi)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            message = self.writeFeatureError(sink, parameters, self.OUTPUT)
            raise self.discard_output(dest, message)


def _text(value: Any) -> str:
    """A field value as the text a mine id or a path is compared by (3.0 → "3")."""
    if value is None or is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _package() -> str:
    """The plugin's top-level package (its folder is renamed when installed from a zip)."""
    return __name__.split(".")[0]
