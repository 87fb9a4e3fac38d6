"""``reclamation:predictsubsidence``: final subsidence over working panels (概率积分法).

Reads the panels and their parameters (a field per parameter, or one value for all panels),
builds the grid (the DEM's, or EXTENT + CELL_SIZE in the panels' metric CRS), and hands
plain arrays to :mod:`plugin.core.subsidence`. Writes subsidence, tilt, curvature and
horizontal deformation as float32 GeoTIFFs (atomically, through ``plugin.io.raster``),
optionally the DEM after subsidence and the ponding depth, and subsidence contours.

GDAL helpers that only this algorithm needs (warping a geographic DEM or a groundwater
raster onto the grid, contouring) are private functions at the end of this module.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import osr
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, is_null
from ...core.crs_zones import metric_crs_for
from ...core.subsidence import (
    TRUNCATION,
    Grid,
    Panel,
    SubsidenceField,
    accumulator_names,
    contour_levels,
    largest,
    predict,
)
from ...io import Cancelled
from ...io.disk_grid import DiskGrid
from ...io.raster import RasterError, RasterGrid, open_grid, write_raster
from ...io.subsidence_io import (
    CONTOUR_FIELD,
    contour_lines,
    dem_after,
    ponding,
    row_blocks,
    unlink_vsi,
    warp_onto,
    warp_to_crs,
)
from ..styling import attach, contour_style, raster_ramp_style, run_group_name
from .base import GROUP_DISTURBANCE, ReclamationAlgorithm, progress_reporter

MAX_CELLS = 400_000_000  # a grid of 20 000 × 20 000 cells: beyond, refuse with advice
MAX_WINDOW_CELLS = 30_000_000  # one panel's window is convolved in memory (FFT)
# Grids above this many cells accumulate in scratch files (io.disk_grid): memory then holds
# the windows of the panel being added and blocks of rows, not the grid (9 float32 arrays
# of 4 M cells, 144 MB, stay in memory where they are faster).
IN_MEMORY_CELLS = 4_000_000
NICE_CELL_SIZES = (1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0)


@dataclass(frozen=True)
class _Setting:
    """One per-panel parameter: its keys, label, default, and the rule it must obey."""

    key: str
    label: str
    default: float | None
    rule: str  # "positive", "non_negative", "dip", "angle", "azimuth"


@dataclass(frozen=True)
class _Source:
    """Where a parameter comes from: a field of the panels, a value, or both (field wins)."""

    setting: _Setting
    field: str | None
    value: float | None


class PredictSubsidenceAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset(
        {
            "HORIZONTAL_COEFFICIENT_FIELD",
            "HORIZONTAL_COEFFICIENT",
            "OFFSET_FIELD",
            "OFFSET",
            "PROPAGATION_ANGLE_FIELD",
            "PROPAGATION_ANGLE",
            "DIP_DIRECTION_FIELD",
            "DIP_DIRECTION",
            "CELL_SIZE",
            "CONTOUR_LEVELS",
        }
    )
    PANELS = "PANELS"
    THICKNESS = "THICKNESS"
    DEPTH = "DEPTH"
    DIP = "DIP"
    SUBSIDENCE_FACTOR = "SUBSIDENCE_FACTOR"
    TAN_BETA = "TAN_BETA"
    HORIZONTAL_COEFFICIENT = "HORIZONTAL_COEFFICIENT"
    OFFSET = "OFFSET"
    PROPAGATION_ANGLE = "PROPAGATION_ANGLE"
    DIP_DIRECTION = "DIP_DIRECTION"
    DEM = "DEM"
    EXTENT = "EXTENT"
    CELL_SIZE = "CELL_SIZE"
    GROUNDWATER_DEPTH = "GROUNDWATER_DEPTH"
    GROUNDWATER_DEPTH_VALUE = "GROUNDWATER_DEPTH_VALUE"
    CONTOUR_LEVELS = "CONTOUR_LEVELS"
    SUBSIDENCE = "SUBSIDENCE"
    TILT = "TILT"
    CURVATURE = "CURVATURE"
    HORIZONTAL_DEFORMATION = "HORIZONTAL_DEFORMATION"
    PONDING = "PONDING"
    DEM_AFTER = "DEM_AFTER"
    CONTOURS = "CONTOURS"

    def name(self) -> str:
        return "predictsubsidence"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Predict mining subsidence (probability integral method)")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_DISTURBANCE

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Final surface subsidence over underground working panels by the probability "
            "integral method (概率积分法) of the Chinese coal-industry code 《建筑物、水体、"
            "铁路及主要井巷煤柱留设与压煤开采规范》 (2017).\n\n"
            "Each panel (a polygon, in plan view) has a mining thickness m, a mean depth H, a "
            "seam dip α, a subsidence factor q, tan β, a horizontal movement coefficient b, an "
            "inflection-point offset s (metres) and a propagation angle θ, from a field or one "
            "value for all panels (a field value wins; an empty field value falls back to the "
            "value). Thickness and depth have no default.\n\n"
            "W0 = m·q·cos α; r = H / tan β; the footprint is shrunk inward by s on every edge "
            "(a mitred negative buffer) and moved down-dip by H·cot θ (needs the dip direction "
            "when θ < 90°); W = W0 × (footprint ⊛ (1/r²)·exp(−π ρ²/r²)), by FFT on the grid, "
            "summed over panels.\n\n"
            "Outputs: subsidence W (m, positive down); tilt i = |∇W| (mm/m); curvature K "
            "(10⁻³/m): the principal curvature of largest magnitude, positive where the "
            "ground is convex (basin margin); horizontal deformation ε = b·r·K (mm/m, positive "
            "= tension); contours of W (0.01, 0.5, 1, 2, … m by default). With a DEM: the "
            "surface after subsidence (DEM − W). With the groundwater depth d (a raster or "
            "one value, metres below the surface before mining): the ponding depth W − d "
            "where positive.\n\n"
            "Grid: the DEM's grid, or EXTENT (default: the panels plus 2.5 r) and CELL_SIZE "
            "(default: r/10 rounded down) in the panels' CRS; panels in a geographic CRS are "
            "projected to the CGCS2000 3° Gauss–Krüger zone (UTM outside China) of their "
            "centre. A cell larger than r/10 is warned about.\n\n"
            "Use the mine's own observation-station parameters. Published station values "
            "(Shandong, Sci. Rep. 2025) span q 0.34–0.82, b 0.30–0.32, tan β 1.5–2.2; the "
            "defaults α 0°, q 0.8, tan β 2.0, b 0.3, s 0 m, θ 90° are typical values, NOT "
            "taken from the code's own tables (which could not be read)."
        )

    def _settings(self) -> list[_Setting]:
        return [
            _Setting(self.THICKNESS, self.tr("Mining thickness m (m)"), None, "positive"),
            _Setting(self.DEPTH, self.tr("Mean mining depth H (m)"), None, "positive"),
            _Setting(self.DIP, self.tr("Seam dip α (degrees)"), 0.0, "dip"),
            _Setting(self.SUBSIDENCE_FACTOR, self.tr("Subsidence factor q"), 0.8, "positive"),
            _Setting(
                self.TAN_BETA,
                self.tr("Tangent of the major influence angle tan β"),
                2.0,
                "positive",
            ),
            _Setting(
                self.HORIZONTAL_COEFFICIENT,
                self.tr("Horizontal movement coefficient b"),
                0.3,
                "positive",
            ),
            _Setting(self.OFFSET, self.tr("Inflection-point offset s (m)"), 0.0, "non_negative"),
            _Setting(
                self.PROPAGATION_ANGLE,
                self.tr("Propagation angle of extraction influence θ (degrees)"),
                90.0,
                "angle",
            ),
            _Setting(
                self.DIP_DIRECTION,
                self.tr("Dip direction (azimuth of the down-dip direction, degrees from north)"),
                None,
                "azimuth",
            ),
        ]

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.PANELS,
                self.tr("Working panels (polygons, plan view)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        for setting in self._settings():
            self.addParameter(
                QgsProcessingParameterField(
                    setting.key + "_FIELD",
                    self.tr("{0}: field").format(setting.label),
                    parentLayerParameterName=self.PANELS,
                    type=QgsProcessingParameterField.Numeric,
                    optional=True,
                )
            )
            self.addParameter(
                QgsProcessingParameterNumber(
                    setting.key,
                    self.tr("{0}: value for all panels").format(setting.label),
                    QgsProcessingParameterNumber.Double,
                    defaultValue=setting.default,
                    optional=True,
                )
            )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("DEM before mining (gives the grid)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(
                self.EXTENT, self.tr("Extent (without a DEM)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size in metres (without a DEM; empty: r/10)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.GROUNDWATER_DEPTH,
                self.tr("Groundwater depth before mining (m below the surface)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GROUNDWATER_DEPTH_VALUE,
                self.tr("Groundwater depth, one value (m), if there is no raster"),
                QgsProcessingParameterNumber.Double,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CONTOUR_LEVELS,
                self.tr("Contour levels (m, comma-separated; empty: 0.01, 0.5, 1, 2, …)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(self.SUBSIDENCE, self.tr("Subsidence (m)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.TILT, self.tr("Tilt (mm/m)"), optional=True, createByDefault=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.CURVATURE, self.tr("Curvature (10⁻³/m)"), optional=True, createByDefault=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.HORIZONTAL_DEFORMATION,
                self.tr("Horizontal deformation (mm/m)"),
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.PONDING,
                self.tr("Ponding depth (m)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.DEM_AFTER,
                self.tr("Surface after subsidence (m)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CONTOURS,
                self.tr("Subsidence contours"),
                QgsProcessing.TypeVectorLine,
                optional=True,
                createByDefault=True,
            )
        )

    # --- parameters ---------------------------------------------------------------------

    def _number(self, parameters: dict, key: str, context: QgsProcessingContext) -> float | None:
        value = parameters.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = self.parameterAsDouble(parameters, key, context)
        return None if math.isnan(number) else number

    def _sources(self, parameters: dict, context: QgsProcessingContext) -> list[_Source]:
        sources = []
        for setting in self._settings():
            field = self.parameterAsString(parameters, setting.key + "_FIELD", context) or None
            value = self._number(parameters, setting.key, context)
            if value is not None:
                self._check(setting, value, self.tr("“{0}”").format(setting.key))
            sources.append(_Source(setting, field, value))
        for source in sources[:2]:  # THICKNESS and DEPTH have no default
            if source.field is None and source.value is None:
                raise self.fail(
                    self.tr(
                        "{0} is missing: choose the field of the panels that holds it "
                        "({1}_FIELD) or give one value for all panels ({1})."
                    ).format(source.setting.label, source.setting.key)
                )
        return sources

    def _check(self, setting: _Setting, value: float, where: str) -> None:
        """Refuse a value outside the setting's range; ``where`` names the field or panel."""
        problem = None
        if not math.isfinite(value):
            problem = self.tr("is not a finite number")
        elif setting.rule == "positive" and value <= 0:
            problem = self.tr("must be greater than 0")
        elif setting.rule == "non_negative" and value < 0:
            problem = self.tr("must be 0 or more")
        elif setting.rule == "dip" and not 0 <= value < 90:
            problem = self.tr("must be at least 0° and less than 90°")
        elif setting.rule == "angle" and not 0 < value <= 90:
            problem = self.tr("must be greater than 0° and at most 90°")
        elif setting.rule == "azimuth" and not -360 <= value <= 360:
            problem = self.tr("must be an azimuth in degrees (−360 to 360)")
        if problem:
            raise self.fail(
                self.tr("{0} {1} is {2}: it {3}.").format(
                    setting.label, where, _format(value), problem
                )
            )

    def _panel_values(self, feature: QgsFeature, sources: list[_Source]) -> dict[str, float]:
        values: dict[str, float] = {}
        for source in sources:
            setting = source.setting
            value, where = source.value, self.tr("(value {0})").format(setting.key)
            if source.field is not None:
                raw = feature[source.field]
                if not is_null(raw) and raw != "":
                    try:
                        value = float(raw)
                    except (TypeError, ValueError):
                        raise self.fail(
                            self.tr("Panel {0}: field “{1}” holds “{2}”, not a number.").format(
                                feature.id(), source.field, raw
                            )
                        ) from None
                    where = self.tr("of panel {0} (field “{1}”)").format(feature.id(), source.field)
            if value is None:
                if setting.default is None and setting.rule != "azimuth":
                    raise self.fail(
                        self.tr(
                            "Panel {0} has no {1}: its field “{2}” is empty and {3} gives no "
                            "value for all panels."
                        ).format(feature.id(), setting.label, source.field, setting.key)
                    )
                if setting.rule == "azimuth":
                    continue
                value = setting.default
            self._check(setting, value, where)
            values[setting.key] = value
        return values

    # --- processing ---------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, self.PANELS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.PANELS))
        sources = self._sources(parameters, context)
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        groundwater = self.raster_file(
            parameters, self.GROUNDWATER_DEPTH, context, self.tr("Groundwater depth")
        )
        groundwater_value = self._number(parameters, self.GROUNDWATER_DEPTH_VALUE, context)
        if groundwater_value is not None and groundwater_value < 0:
            raise self.fail(
                self.tr(
                    "The groundwater depth GROUNDWATER_DEPTH_VALUE is {0}: give the depth below "
                    "the ground surface, 0 or more metres."
                ).format(_format(groundwater_value))
            )
        if groundwater is not None and groundwater_value is not None:
            feedback.pushWarning(
                self.tr(
                    "Both a groundwater raster and a value are given: the raster is used, "
                    "GROUNDWATER_DEPTH_VALUE is ignored."
                )
            )
            groundwater_value = None
        paths = {
            key: self.parameterAsOutputLayer(parameters, key, context)
            for key in (
                self.SUBSIDENCE,
                self.TILT,
                self.CURVATURE,
                self.HORIZONTAL_DEFORMATION,
                self.PONDING,
                self.DEM_AFTER,
            )
        }
        has_groundwater = groundwater is not None or groundwater_value is not None
        if paths[self.PONDING] and not has_groundwater:
            raise self.fail(
                self.tr(
                    "A ponding output needs the groundwater depth: a raster (GROUNDWATER_DEPTH) "
                    "or one value (GROUNDWATER_DEPTH_VALUE)."
                )
            )
        if paths[self.DEM_AFTER] and dem is None:
            raise self.fail(self.tr("The surface after subsidence (DEM_AFTER) needs a DEM."))
        levels = self._levels(parameters, context)

        features = [f for f in source.getFeatures() if not f.geometry().isEmpty()]
        if not features:
            raise self.fail(self.tr("The panels layer has no polygons."))
        values = [self._panel_values(feature, sources) for feature in features]

        with contextlib.ExitStack() as cleanup:
            if dem is not None:
                crs, grid, raster_grid, dem_path = self._dem_grid(dem, context, feedback)
                if dem_path != dem.source():
                    cleanup.callback(unlink_vsi, dem_path)
            else:
                crs = self._work_crs(source, features, context)
                dem_path = None
            if crs.isGeographic() or not _metric(crs):
                raise self.fail(
                    self.tr(
                        "The grid CRS {0} is not in metres: give a DEM in a projected CRS in "
                        "metres, or panels in such a CRS."
                    ).format(crs.authid())
                )
            if crs != source.sourceCrs():
                feedback.pushInfo(
                    self.tr("Panels in {0} are projected to {1} for the prediction.").format(
                        source.sourceCrs().authid(), crs.authid()
                    )
                )
            panels = self._panels(source, features, values, crs, context, feedback)
            if not panels:
                raise self.fail(
                    self.tr(
                        "No panel is left after the inflection-point offset: every panel is "
                        "narrower than twice its offset s."
                    )
                )
            if dem is None:
                grid = self._grid(parameters, context, panels, crs)
                raster_grid = RasterGrid(
                    grid.width,
                    grid.height,
                    (grid.x0, grid.cell_x, 0.0, grid.y0, 0.0, -grid.cell_y),
                    crs.toWkt(),
                    None,
                )
            self._check_grid(grid, panels, feedback)
            field = predict(
                panels,
                grid,
                progress=progress_reporter(feedback, 0, 50),
                is_cancelled=feedback.isCanceled,
                allocate=self._accumulators(grid, panels, cleanup),
            )
            if field.skipped:
                feedback.pushWarning(
                    self.tr("Panels without influence on the grid (outside it): {0}").format(
                        ", ".join(field.skipped)
                    )
                )
            try:
                results, found = self._write(
                    field, raster_grid, paths, dem_path, groundwater, groundwater_value, feedback
                )
                maxima = _maxima(field, found)
                feedback.pushInfo(
                    self.tr(
                        "Maximum subsidence {0:.3f} m, tilt {1:.2f} mm/m, curvature {2:.4f} "
                        "10⁻³/m, horizontal deformation {3:.2f} mm/m."
                    ).format(
                        maxima[self.SUBSIDENCE],
                        maxima[self.TILT],
                        maxima[self.CURVATURE],
                        maxima[self.HORIZONTAL_DEFORMATION],
                    )
                )
                if feedback.isCanceled():
                    raise Cancelled
                contours = self._contours(
                    parameters,
                    context,
                    results[self.SUBSIDENCE],
                    maxima[self.SUBSIDENCE],
                    levels,
                    crs,
                )
                if contours is not None:
                    results[self.CONTOURS] = contours
            except Cancelled:
                _remove_outputs(paths.values())
                feedback.reportError(self.tr("Cancelled: no output was written."))
                return {}
            except RasterError as error:
                raise self.fail(
                    self.tr("Subsidence prediction failed: {0}").format(error)
                ) from None
        self._style(context, results, maxima)
        feedback.setProgress(100)
        return results

    def _style(self, context: QgsProcessingContext, results: dict, maxima: dict) -> None:
        """Blue ramps for the rasters, labelled contours, all in one group of the run."""
        group = run_group_name(self.tr("Predicted subsidence"))
        units = {self.SUBSIDENCE: "m", self.TILT: "mm/m", self.HORIZONTAL_DEFORMATION: "mm/m"}
        for key, unit in units.items():
            if results.get(key):
                attach(context, results[key], raster_ramp_style(maxima[key], unit), group)
        for key in (self.CURVATURE, self.PONDING, self.DEM_AFTER):
            if results.get(key):
                attach(context, results[key], lambda layer: None, group)
        if results.get(self.CONTOURS):
            attach(context, results[self.CONTOURS], contour_style(CONTOUR_FIELD), group)

    def _levels(self, parameters: dict, context: QgsProcessingContext) -> list[float] | None:
        text = self.parameterAsString(parameters, self.CONTOUR_LEVELS, context).strip()
        if not text:
            return None
        levels = []
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                level = float(part)
            except ValueError:
                raise self.fail(
                    self.tr("Contour level “{0}” (CONTOUR_LEVELS) is not a number.").format(
                        part.strip()
                    )
                ) from None
            if not level > 0:
                raise self.fail(
                    self.tr("Contour level {0} (CONTOUR_LEVELS) must be greater than 0.").format(
                        part.strip()
                    )
                )
            levels.append(level)
        return sorted(set(levels))

    def _work_crs(
        self, source: Any, features: list[QgsFeature], context: QgsProcessingContext
    ) -> QgsCoordinateReferenceSystem:
        crs = source.sourceCrs()
        if not crs.isValid():
            raise self.fail(
                self.tr(
                    "The panels layer has no CRS: set it (Layer Properties › Source) and run again."
                )
            )
        if not crs.isGeographic():
            return crs
        extent = QgsRectangle()
        extent.setMinimal()
        for feature in features:
            extent.combineExtentWith(feature.geometry().boundingBox())
        to_lonlat = QgsCoordinateTransform(
            crs, QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
        )
        centre = to_lonlat.transform(QgsPointXY(extent.center()))
        return QgsCoordinateReferenceSystem(metric_crs_for(centre.x(), centre.y()).authid)

    def _dem_grid(
        self, dem: Any, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> tuple[QgsCoordinateReferenceSystem, Grid, RasterGrid, str]:
        """The grid of the DEM; a geographic DEM is warped (bilinear) to a metric CRS."""
        path = dem.source()
        crs = dem.crs()
        if crs.isGeographic():
            extent = dem.extent()
            to_lonlat = QgsCoordinateTransform(
                crs, QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
            )
            centre = to_lonlat.transform(QgsPointXY(extent.center()))
            crs = QgsCoordinateReferenceSystem(metric_crs_for(centre.x(), centre.y()).authid)
            feedback.pushInfo(
                self.tr(
                    "DEM “{0}” is in a geographic CRS: it is warped (bilinear) to {1}, the CRS "
                    "of the output grid."
                ).format(dem.name(), crs.authid())
            )
            path = warp_to_crs(dem.source(), crs.toWkt())
        try:
            raster_grid = open_grid(path)
        except RasterError as error:
            raise self.fail(str(error)) from None
        gt = raster_grid.geotransform
        if not raster_grid.is_north_up or gt[5] >= 0:
            raise self.fail(
                self.tr(
                    "DEM “{0}” is not a north-up grid: warp it first "
                    "(Raster › Projections › Warp (Reproject))."
                ).format(dem.name())
            )
        grid = Grid(gt[0], gt[3], gt[1], -gt[5], raster_grid.width, raster_grid.height)
        return crs, grid, raster_grid, path

    def _panels(
        self,
        source: Any,
        features: list[QgsFeature],
        values: list[dict[str, float]],
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> list[Panel]:
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        panels = []
        for feature, value in zip(features, values, strict=True):
            geometry = QgsGeometry(feature.geometry())
            try:
                failed = geometry.transform(transform) != 0
            except QgsCsException:
                failed = True
            if failed:
                raise self.fail(
                    self.tr("Panel {0} cannot be projected from {1} to {2}.").format(
                        feature.id(), source.sourceCrs().authid(), crs.authid()
                    )
                )
            offset = value[self.OFFSET]
            if offset > 0:
                geometry = geometry.buffer(-offset, 8, _flat_cap(), _mitre_join(), 5.0)
            rings = _rings(geometry)
            if not rings:
                feedback.pushWarning(
                    self.tr(
                        "Panel {0} is skipped: it is narrower than twice its inflection-point "
                        "offset s = {1} m."
                    ).format(feature.id(), _format(offset))
                )
                continue
            angle = value[self.PROPAGATION_ANGLE]
            direction = value.get(self.DIP_DIRECTION)
            if angle < 90 and direction is None:
                raise self.fail(
                    self.tr(
                        "Panel {0} has a propagation angle of {1}° (below 90°), which moves its "
                        "basin down-dip: give the dip direction (DIP_DIRECTION_FIELD or "
                        "DIP_DIRECTION, azimuth in degrees from north)."
                    ).format(feature.id(), _format(angle))
                )
            if value[self.THICKNESS] >= value[self.DEPTH]:
                raise self.fail(
                    self.tr(
                        "Panel {0}: the mining thickness {1} m is not less than the mining "
                        "depth {2} m; a seam lies below the surface. Check both fields or "
                        "values (units: metres)."
                    ).format(
                        feature.id(), _format(value[self.THICKNESS]), _format(value[self.DEPTH])
                    )
                )
            if value[self.HORIZONTAL_COEFFICIENT] > 1:
                feedback.pushWarning(
                    self.tr(
                        "Panel {0}: horizontal movement coefficient b = {1} is above 1 "
                        "(observed values lie near 0.2–0.4); check it."
                    ).format(feature.id(), _format(value[self.HORIZONTAL_COEFFICIENT]))
                )
            if value[self.SUBSIDENCE_FACTOR] > 1:
                feedback.pushWarning(
                    self.tr(
                        "Panel {0}: subsidence factor q = {1} is above 1 (only reported under "
                        "very thick loose layers); check it."
                    ).format(feature.id(), _format(value[self.SUBSIDENCE_FACTOR]))
                )
            panels.append(
                Panel(
                    rings=tuple(rings),
                    thickness=value[self.THICKNESS],
                    depth=value[self.DEPTH],
                    dip=value[self.DIP],
                    subsidence_factor=value[self.SUBSIDENCE_FACTOR],
                    tan_beta=value[self.TAN_BETA],
                    horizontal_coefficient=value[self.HORIZONTAL_COEFFICIENT],
                    propagation_angle=angle,
                    dip_direction=direction,
                    label=str(feature.id()),
                )
            )
        return panels

    def _grid(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        panels: list[Panel],
        crs: QgsCoordinateReferenceSystem,
    ) -> Grid:
        cell = self._number(parameters, self.CELL_SIZE, context)
        smallest = min(panel.radius for panel in panels)
        if cell is None:
            cell = _nice_cell_size(smallest / 10.0)
        elif not cell > 0:
            raise self.fail(
                self.tr("CELL_SIZE is {0}: it must be greater than 0 metres.").format(_format(cell))
            )
        if parameters.get(self.EXTENT) not in (None, ""):
            extent = self.parameterAsExtent(parameters, self.EXTENT, context, crs)
            xmin, ymin, xmax, ymax = (
                extent.xMinimum(),
                extent.yMinimum(),
                extent.xMaximum(),
                extent.yMaximum(),
            )
        else:
            boxes = []
            for panel in panels:
                points = np.concatenate(panel.moved_rings())
                margin = TRUNCATION * panel.radius
                boxes.append((*(points.min(axis=0) - margin), *(points.max(axis=0) + margin)))
            box = np.array(boxes)
            xmin, ymin = box[:, 0].min(), box[:, 1].min()
            xmax, ymax = box[:, 2].max(), box[:, 3].max()
        if not (xmax > xmin and ymax > ymin):
            raise self.fail(self.tr("The extent (EXTENT) is empty."))
        x0, y1 = math.floor(xmin / cell) * cell, math.ceil(ymax / cell) * cell
        width = max(1, math.ceil((xmax - x0) / cell - 1e-9))
        height = max(1, math.ceil((y1 - ymin) / cell - 1e-9))
        if width * height > MAX_CELLS:
            raise self.fail(
                self.tr(
                    "The grid would have {0} × {1} cells (more than {2}): use a larger "
                    "CELL_SIZE or a smaller EXTENT."
                ).format(width, height, MAX_CELLS)
            )
        return Grid(x0, y1, cell, cell, width, height)

    def _check_grid(self, grid: Grid, panels: list[Panel], feedback: QgsProcessingFeedback) -> None:
        if grid.width * grid.height > MAX_CELLS:
            raise self.fail(
                self.tr(
                    "The DEM grid has {0} × {1} cells (more than {2}): resample the DEM to "
                    "larger cells, or use EXTENT and CELL_SIZE instead."
                ).format(grid.width, grid.height, MAX_CELLS)
            )
        smallest = min(panel.radius for panel in panels)
        cell = max(grid.cell_x, grid.cell_y)
        for panel in panels:
            points = np.concatenate(panel.moved_rings())
            span = (points.max(axis=0) - points.min(axis=0)) + 2 * TRUNCATION * panel.radius
            window = float(np.prod(np.ceil(span / [grid.cell_x, grid.cell_y])))
            if window > MAX_WINDOW_CELLS:
                raise self.fail(
                    self.tr(
                        "Panel {0}: its influence radius r = H / tan β = {1} m (tan β {2}) "
                        "needs a window of {3:.0f} cells (more than {4}). Check tan β (observed "
                        "values lie near 1.5–2.5) and the depth, or use larger cells."
                    ).format(
                        panel.label or "?",
                        _format(panel.radius),
                        _format(panel.tan_beta),
                        window,
                        MAX_WINDOW_CELLS,
                    )
                )
        if cell > smallest / 10.0:
            feedback.pushWarning(
                self.tr(
                    "The cell size {0} m is larger than r/10 = {1} m (smallest major influence "
                    "radius r = {2} m): subsidence stays close, but tilt, curvature and "
                    "horizontal deformation need cells of {1} m or less."
                ).format(_format(cell), _format(smallest / 10.0), _format(smallest))
            )

    def _accumulators(
        self, grid: Grid, panels: list[Panel], cleanup: contextlib.ExitStack
    ) -> Callable[[tuple[int, int]], Any] | None:
        """None (arrays in memory) for a grid up to IN_MEMORY_CELLS; else accumulators in
        scratch files, removed when the run ends, after checking the disk has room."""
        cells = grid.width * grid.height
        if cells <= IN_MEMORY_CELLS:
            return None
        folder = Path(tempfile.mkdtemp(prefix="subsidence_", dir=QgsProcessingUtils.tempFolder()))
        cleanup.callback(shutil.rmtree, folder, True)
        needed = cells * 4 * len(accumulator_names(panels))
        free = shutil.disk_usage(folder).free
        if free < needed * 1.1:
            raise self.fail(
                self.tr(
                    "The grid of {0} × {1} cells needs {2:.1f} GB of scratch space in {3}; "
                    "{4:.1f} GB are free. Free some space, or use larger cells."
                ).format(grid.width, grid.height, needed / 1e9, folder.parent, free / 1e9)
            )
        numbers = itertools.count()
        return lambda shape: DiskGrid(folder / f"accumulator_{next(numbers)}.f32", shape)

    def _write(
        self,
        field: SubsidenceField,
        raster_grid: RasterGrid,
        paths: dict[str, str],
        dem_path: str | None,
        groundwater: Any,
        groundwater_value: float | None,
        feedback: QgsProcessingFeedback,
    ) -> tuple[dict[str, Any], dict[str, float]]:
        """Every requested raster, in blocks of rows; returns the output paths by key and
        the largest value (magnitude for curvature and deformation) of those written."""
        computed = (self.SUBSIDENCE, self.TILT, self.CURVATURE, self.HORIZONTAL_DEFORMATION)
        extra = []
        if paths[self.DEM_AFTER]:
            extra.append(self.DEM_AFTER)
        if paths[self.PONDING]:
            extra.append(self.PONDING)
        outputs = [key for key in computed if paths[key]] + extra
        water = None
        if groundwater is not None and paths[self.PONDING]:
            water = warp_onto(groundwater.source(), raster_grid)
        try:
            found = self._write_each(
                outputs, field, raster_grid, paths, dem_path, water, groundwater_value, feedback
            )
        finally:
            if water is not None:
                unlink_vsi(water)
        return {key: paths[key] for key in outputs}, found

    def _write_each(
        self,
        outputs: list[str],
        field: SubsidenceField,
        raster_grid: RasterGrid,
        paths: dict[str, str],
        dem_path: str | None,
        water: str | None,
        groundwater_value: float | None,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, float]:
        grid = field.grid
        found: dict[str, float] = {}
        computed = {
            self.SUBSIDENCE: lambda rows: field.w[rows],
            self.TILT: field.tilt,
            self.CURVATURE: field.curvature,
            self.HORIZONTAL_DEFORMATION: field.horizontal_deformation,
        }
        for index, key in enumerate(outputs):
            span = 45.0 / max(1, len(outputs))
            if key in computed:
                absolute = key in (self.CURVATURE, self.HORIZONTAL_DEFORMATION)
                blocks = _tracked(row_blocks(grid.height, computed[key]), found, key, absolute)
            elif key == self.DEM_AFTER:
                blocks = dem_after(dem_path, field)
            else:
                blocks = ponding(field, water, groundwater_value)
            out_grid = RasterGrid(
                raster_grid.width,
                raster_grid.height,
                raster_grid.geotransform,
                raster_grid.crs_wkt,
                None,
            )
            write_raster(
                paths[key],
                out_grid,
                blocks,
                progress=progress_reporter(feedback, 50 + index * span, span),
                is_cancelled=feedback.isCanceled,
            )
        return found

    def _contours(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        subsidence_path: str,
        maximum: float,
        levels: list[float] | None,
        crs: QgsCoordinateReferenceSystem,
    ) -> str | None:
        fields = QgsFields()
        fields.append(QgsField(CONTOUR_FIELD, FIELD_DOUBLE))
        sink, dest = self.sink(
            parameters, self.CONTOURS, context, fields, QgsWkbTypes.LineString, crs
        )
        if sink is None:
            if parameters.get(self.CONTOURS) is None:
                return None
            raise QgsProcessingException(self.invalidSinkError(parameters, self.CONTOURS))
        chosen = [v for v in (levels or contour_levels(maximum)) if v < maximum]
        for level, wkb in contour_lines(subsidence_path, chosen):
            feature = QgsFeature(fields)
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            feature.setGeometry(geometry)
            feature.setAttributes([level])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.CONTOURS)
                del sink  # closes the file before it is removed
                raise self.discard_output(dest, message)
        return dest


# --- helpers --------------------------------------------------------------------------


def _maxima(field: SubsidenceField, found: dict[str, float]) -> dict[str, float]:
    """The largest subsidence, tilt, |curvature| and |horizontal deformation|: those
    ``found`` while writing, the others by blocks of rows (no grid-sized array)."""
    height = field.grid.height
    algorithm = PredictSubsidenceAlgorithm
    wanted = {
        algorithm.SUBSIDENCE: lambda rows: field.w[rows],
        algorithm.TILT: field.tilt,
        algorithm.CURVATURE: lambda rows: np.abs(field.curvature(rows)),
        algorithm.HORIZONTAL_DEFORMATION: lambda rows: np.abs(field.horizontal_deformation(rows)),
    }
    return {
        key: found[key] if key in found else largest(values, height)
        for key, values in wanted.items()
    }


def _tracked(
    blocks: Iterator[tuple[int, np.ndarray]], found: dict[str, float], key: str, absolute: bool
) -> Iterator[tuple[int, np.ndarray]]:
    """The blocks, noting the largest value (or magnitude) in ``found[key]``."""
    for row0, values in blocks:
        block = np.abs(values) if absolute else values
        if np.isfinite(block).any():
            found[key] = max(found.get(key, -math.inf), float(np.nanmax(block)))
        yield row0, values


def _remove_outputs(paths: Any) -> None:
    """Remove the rasters a cancelled run has already completed: all or nothing."""
    for path in paths:
        if path and Path(path).is_file():
            Path(path).unlink()


def _format(value: float) -> str:
    return f"{value:g}"


def _metric(crs: QgsCoordinateReferenceSystem) -> bool:
    srs = osr.SpatialReference()
    if srs.ImportFromWkt(crs.toWkt()) != 0:
        return False
    return bool(srs.IsProjected()) and abs(srs.GetLinearUnits() - 1.0) < 1e-9


def _nice_cell_size(limit: float) -> float:
    """The largest of 1, 2, 2.5, 5, 10, … m not above ``limit`` (or limit itself below 1 m)."""
    fitting = [size for size in NICE_CELL_SIZES if size <= limit]
    return fitting[-1] if fitting else max(limit, 0.01)


def _flat_cap() -> Any:
    style = getattr(Qgis, "EndCapStyle", None)  # QGIS >= 3.30; QgsGeometry's before
    return style.Flat if style is not None else QgsGeometry.CapFlat


def _mitre_join() -> Any:
    style = getattr(Qgis, "JoinStyle", None)  # QGIS >= 3.30; QgsGeometry's before
    return style.Miter if style is not None else QgsGeometry.JoinStyleMiter


def _rings(geometry: QgsGeometry) -> list[np.ndarray]:
    """Every ring (outer and holes) of a polygon geometry, curves segmentized."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return []
    linear = QgsGeometry(geometry.constGet().segmentize())
    polygons = linear.asMultiPolygon() if linear.isMultipart() else [linear.asPolygon()]
    return [
        np.array([(point.x(), point.y()) for point in ring], dtype=np.float64)
        for polygon in polygons
        for ring in polygon
        if len(ring) >= 4
    ]
