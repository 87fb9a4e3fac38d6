"""One mine of ``reclamation:planmany``: what its plan needs (a job, plain JSON so that a
worker process can take it) and how the plan is made from it, in a worker or in QGIS's own
process.

The shared layers are cut to the mine: a layer with the mine-id field keeps the features of
this mine, any other the features within reach of its boundary (the boundary widened by
the run's margin); layers measured by distance (grid, roads, settlements) stay whole. A
shared raster is cut to a window around the reach, copied into the mine's scratch folder.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from osgeo import ogr
from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from ..core.province import MineFigures, mine_figures
from ..i18n import Translatable
from ..io.raster import RasterError, copy_window, gdal_exceptions
from ..log import log_critical

PLAN = "reclamation:reclamationplan"
REVIEW = "reclamation:reviewplan"
# The plan's layers measured by distance from the units: never cut to the mine's reach
# (nor is a table without geometry, such as the prices).
WHOLE_LAYERS = frozenset({"GRID", "ROADS", "SETTLEMENTS"})
# The mine's own tables the province row is made of.
FIGURE_TABLES = ("damage_by_type", "proposed_by_use", "reclamation_rate", "landuse_structure")
# The review's inputs a plan may not have made.
STATEMENT_INPUTS = ("WORKS", "COST_SUMMARY")
# Processing's closing words after a failed algorithm: the reason was reported before.
_GENERIC_ERRORS = ("There were errors executing the algorithm.", "Unable to execute algorithm")


@dataclass
class MineJob:
    """Everything a worker needs to make one mine's plan (paths and plain values)."""

    key: str  # the mine's folder name
    mine_id: str
    name: str
    boundary: str  # GeoPackage with the layers "area" (the plan's AREA) and "reach"
    work: str  # this mine's scratch folder (removed with the run's)
    values: dict[str, Any] = field(default_factory=dict)  # plan parameters, plain values
    layers: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> uri, mine_field
    rasters: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> path, window
    outputs: dict[str, str] = field(default_factory=dict)  # plan output key -> file
    review: dict[str, str] = field(default_factory=dict)  # reviewplan parameters, or none

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MineJob:
        return cls(**data)


class _Words(Translatable):
    KEEPS_SOURCE = False

    def no_features(self, key: str, label: str) -> str:
        return self.tr("{0} ({1}): no feature for this mine; the plan runs without it.").format(
            label, key
        )

    def outside(self, key: str, path: str) -> str:
        return self.tr("{0}: the raster “{1}” does not cover this mine.").format(key, path)

    def unexpected(self, error: str) -> str:
        return self.tr("Unexpected error: {0} (the details are in the QGIS log).").format(error)


class MineFeedback(QgsProcessingFeedback):
    """The feedback of one mine's plan: keeps its warnings and errors, passes progress on
    and follows the run's cancel."""

    def __init__(
        self, on_progress: Any = None, parent: QgsProcessingFeedback | None = None
    ) -> None:
        super().__init__()
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.on_progress = on_progress
        self.parent = parent
        self.progressChanged.connect(self._progress)
        if parent is not None:
            parent.canceled.connect(self.cancel)

    def _progress(self, percent: float) -> None:
        if self.on_progress is not None:
            self.on_progress(percent)

    def pushWarning(self, warning: str) -> None:  # noqa: N802 (Qt API)
        if str(warning) not in self.warnings:
            self.warnings.append(str(warning))
        super().pushWarning(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.errors.append(str(error))
        super().reportError(error, fatalError)

    def reason(self, error: Exception) -> str:
        """The reason a plan failed: the first error its steps reported, else the error."""
        for text in [*self.errors, str(error)]:
            lines = [line.strip() for line in str(text).splitlines()]
            meaning = [line for line in lines if line and not line.startswith(_GENERIC_ERRORS)]
            if meaning:
                return " ".join(meaning)
        return str(error).strip()


def _cut_layer(key: str, spec: dict[str, Any], job: MineJob, feedback: MineFeedback) -> str | None:
    """The layer's features of this mine, written to the mine's scratch folder; None when
    it has none."""
    from qgis import processing

    if spec.get("own"):
        return spec["uri"]  # the mine's own layer: whole
    target = str(Path(job.work) / f"{key.lower()}.gpkg")
    layer = QgsVectorLayer(spec["uri"], key, "ogr")
    mine_field = spec.get("mine_field") or ""
    if mine_field and layer.fields().lookupField(mine_field) >= 0:
        expression = f'to_string("{mine_field}") = {_quoted(job.mine_id)}'
        processing.run(
            "native:extractbyexpression",
            {"INPUT": spec["uri"], "EXPRESSION": expression, "OUTPUT": target},
            context=QgsProcessingContext(),
        )
    elif key in WHOLE_LAYERS or not layer.isSpatial():
        return spec["uri"]  # measured by distance, or a table (prices): whole
    else:
        processing.run(
            "native:extractbylocation",
            {
                "INPUT": spec["uri"],
                "PREDICATE": [0],  # intersects
                "INTERSECT": f"{job.boundary}|layername=reach",
                "OUTPUT": target,
            },
            context=QgsProcessingContext(),
        )
    if QgsVectorLayer(target, key, "ogr").featureCount() <= 0:
        feedback.pushWarning(_Words().no_features(key, spec.get("label") or key))
        return None
    return target


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _window(key: str, spec: dict[str, Any], job: MineJob) -> str:
    """The shared raster's cells around the mine's reach, copied into the mine's scratch
    folder: whatever the plan computes on it (statistics, sidecar files) stays there, never
    beside the user's raster. The window is cut to the raster: no cell is made up."""
    path = spec["path"]
    if not spec.get("window"):
        return path
    with gdal_exceptions(vectors=True):
        boundary = ogr.Open(job.boundary)
        reach = boundary.GetLayerByName("reach")
        min_x, max_x, min_y, max_y = reach.GetExtent()
        reach_srs = reach.GetSpatialRef().Clone()
        boundary = None
    target = str(Path(job.work) / f"{key.lower()}.tif")
    try:
        copied = copy_window(path, (min_x, min_y, max_x, max_y), reach_srs, target)
    except (RasterError, RuntimeError) as error:  # no raster, or unreadable
        raise QgsProcessingException(f"{key}: {error}") from None
    if not copied:
        raise QgsProcessingException(_Words().outside(key, path))
    return target


def plan_parameters(job: MineJob, feedback: MineFeedback) -> dict[str, Any]:
    """The plan's parameters of this mine: its values, its cut layers and raster windows,
    its boundary as the study area and its outputs."""
    parameters: dict[str, Any] = dict(job.values)
    for key, spec in job.layers.items():
        cut = _cut_layer(key, spec, job, feedback)
        if cut is not None:
            parameters[key] = cut
    for key, spec in job.rasters.items():
        parameters[key] = _window(key, spec, job)
    parameters["AREA"] = f"{job.boundary}|layername=area"
    parameters.update(job.outputs)
    return parameters


def run_mine_job(job: MineJob, feedback: MineFeedback) -> dict[str, Any]:
    """Make one mine's plan (and its review); a failure is the mine's outcome, never an
    exception: the other mines go on."""
    from qgis import processing

    started = time.monotonic()
    Path(job.work).mkdir(parents=True, exist_ok=True)
    outcome: dict[str, Any] = {"key": job.key, "status": "done", "message": ""}
    try:
        parameters = plan_parameters(job, feedback)
        processing.run(PLAN, parameters, context=QgsProcessingContext(), feedback=feedback)
        if job.review and not feedback.isCanceled():
            # The works and the investment when the plan made them (a plan without prices
            # has no investment: the review finds that).
            inputs = {
                key: value
                for key, value in job.review.items()
                if key not in STATEMENT_INPUTS or Path(value).is_file()
            }
            reviewed = processing.run(
                REVIEW, inputs, context=QgsProcessingContext(), feedback=feedback
            )
            outcome["findings"] = QgsVectorLayer(reviewed["FINDINGS"], "f", "ogr").featureCount()
    except QgsProcessingException as error:
        outcome.update(status="failed", message=feedback.reason(error))
    except Exception as error:  # one mine's fault must not stop the others
        log_critical(traceback.format_exc())
        outcome.update(status="failed", message=_Words().unexpected(str(error)))
    if feedback.isCanceled():
        outcome.update(status="cancelled")
    outcome["warnings"] = list(feedback.warnings)
    outcome["seconds"] = round(time.monotonic() - started, 3)
    return outcome


def read_figures(tables: str) -> MineFigures:
    """A mine's figures from its plan's table GeoPackage (``summarize:TABLES``)."""
    rows: dict[str, list[dict[str, Any]]] = {}
    with gdal_exceptions(vectors=True):
        source = ogr.Open(tables)
        for name in FIGURE_TABLES:
            layer = source.GetLayerByName(name)
            rows[name] = [] if layer is None else [f.items() for f in layer]
        source = None
    return mine_figures(*(rows[name] for name in FIGURE_TABLES))
