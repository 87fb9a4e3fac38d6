"""``reclamation:terrainfactors``: slope (Horn) from a DEM in any CRS, elevation change."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ...io import Cancelled
from ...io.raster import RasterError, write_elevation_change, write_slope
from .base import GROUP_FACTORS, ReclamationAlgorithm, progress_reporter


class TerrainFactorsAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"COMPUTE_EDGES"})
    DEM = "DEM"
    DEM_BEFORE = "DEM_BEFORE"
    SLOPE_UNIT = "SLOPE_UNIT"
    COMPUTE_EDGES = "COMPUTE_EDGES"
    SLOPE = "SLOPE"
    ELEVATION_CHANGE = "ELEVATION_CHANGE"

    def name(self) -> str:
        return "terrainfactors"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Terrain factors (slope, elevation change)")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_FACTORS

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Slope by Horn's method (the method of gdaldem and QGIS), in degrees or percent, "
            "computed block by block so that any DEM size fits in memory. A DEM in a "
            "geographic CRS (EPSG:4490, EPSG:4326, …) is never treated as metres: the true "
            "ground size of its cells is computed on the CRS's ellipsoid for every row, and "
            "the slope stays on the DEM's own grid.\n\n"
            "With a DEM before mining, the elevation change (after − before, metres) is "
            "written too; the earlier DEM is resampled (bilinear) onto the grid of the later "
            "one when their CRS, extent or cell size differ.\n\n"
            "NoData follows gdaldem: a cell whose 3×3 window touches NoData or the raster "
            "edge is NoData, unless 'Compute edges' is checked."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM (after mining, metres)"))
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM_BEFORE, self.tr("DEM before mining"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.SLOPE_UNIT,
                self.tr("Slope unit"),
                options=[self.tr("Degrees"), self.tr("Percent")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.COMPUTE_EDGES, self.tr("Compute edges (as gdaldem -compute_edges)"), False
            )
        )
        self.addParameter(QgsProcessingParameterRasterDestination(self.SLOPE, self.tr("Slope")))
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                self.ELEVATION_CHANGE,
                self.tr("Elevation change"),
                optional=True,
                createByDefault=False,
            )
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        before = self.raster_file(parameters, self.DEM_BEFORE, context, self.tr("DEM before"))
        slope_path = self.parameterAsOutputLayer(parameters, self.SLOPE, context)
        change_path = self.parameterAsOutputLayer(parameters, self.ELEVATION_CHANGE, context)
        if change_path and before is None:
            raise self.fail(
                self.tr("An elevation-change output needs a DEM before mining (DEM_BEFORE).")
            )
        percent = self.parameterAsEnum(parameters, self.SLOPE_UNIT, context) == 1
        edges = self.parameterAsBool(parameters, self.COMPUTE_EDGES, context)
        if dem.crs().isGeographic():
            feedback.pushInfo(
                self.tr(
                    "DEM “{0}” is in a geographic CRS ({1}): cell sizes are computed in "
                    "metres on its ellipsoid, row by row."
                ).format(dem.name(), dem.crs().authid())
            )
        results: dict[str, Any] = {}
        has_change = bool(change_path) and before is not None
        slope_span = 50.0 if has_change else 100.0
        try:
            write_slope(
                dem.source(),
                slope_path,
                percent=percent,
                compute_edges=edges,
                progress=progress_reporter(feedback, 0, slope_span),
                is_cancelled=feedback.isCanceled,
            )
            results[self.SLOPE] = slope_path
            if has_change:
                write_elevation_change(
                    before.source(),
                    dem.source(),
                    change_path,
                    progress=progress_reporter(feedback, 50, 50),
                    is_cancelled=feedback.isCanceled,
                )
                results[self.ELEVATION_CHANGE] = change_path
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except RasterError as error:
            raise self.fail(self.tr("Terrain factors failed: {0}").format(error)) from None
        return results
