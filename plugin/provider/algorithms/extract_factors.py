"""``reclamation:extractfactors``: canonical factor fields on evaluation units.

Zonal statistics of rasters (slope straight from the DEM in one pass, elevation change,
any raster given as a factor), attributes of overlapping soil polygons (area-weighted mean
or largest overlap, through QGIS's native intersection) and the distance to the nearest
water feature (native join by nearest), written onto a copy of the units.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ...compat import FIELD_DOUBLE, is_null
from ...core.field_map import KNOWN_FACTORS
from ...core.overlay import area_weighted_mean, largest_overlap
from ...core.pairs import PairsError, parse_pairs
from ...core.rules.vocabulary import FACTORS
from ...io import Cancelled
from ...io.raster import RasterError, write_elevation_change
from ...io.rasterize import UnitLayer
from ...io.vector_bulk import BulkError, numbered_copy, plain_values
from ...io.zonal import slope_statistics, zonal_statistics
from ..bulk_units import BulkSource, bulk_destination, bulk_source, write_bulk
from ..outputs import RunRecord, finish_outputs
from ..safety import display_name, readable_extent
from ..units import (
    UNIT_FIELD,
    NumberedUnits,
    numbered_layer,
    read_units,
    working_crs,
    write_numbered_units,
)
from .base import (
    GROUP_FACTORS,
    WRITE_BATCH,
    ReclamationAlgorithm,
    listed_numbers,
    progress_reporter,
)

# Statistic a RASTER_FACTORS item may ask for -> the zonal statistic computed.
RASTER_STATISTICS = ("mean", "min", "max", "majority", "std", "count")
# Factors whose values are class codes: largest overlap instead of a weighted mean.
CATEGORICAL_UNITS = ("class",)


@dataclass(frozen=True)
class RasterFactor:
    layer: QgsRasterLayer
    factor: str
    statistic: str


class ExtractFactorsAlgorithm(ReclamationAlgorithm):
    UNITS = "UNITS"
    DEM = "DEM"
    DEM_BEFORE = "DEM_BEFORE"
    RASTERS = "RASTERS"
    RASTER_FACTORS = "RASTER_FACTORS"
    SOIL = "SOIL"
    SOIL_FIELDS = "SOIL_FIELDS"
    WATER = "WATER"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "extractfactors"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Extract factors onto evaluation units")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_FACTORS

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Fills the canonical factor fields of the evaluation units:\n"
            "• DEM → slope_deg (mean slope, Horn, in ground metres for any CRS) and "
            "slope_max_deg, computed in one pass over the DEM without a slope raster;\n"
            "• DEM before mining → elev_change_m (mean), elev_change_min_m, "
            "elev_change_max_m;\n"
            "• Rasters → one factor each: a raster named like a factor (e.g. subsidence_m) "
            "gives its mean; Raster factors maps others: 'layer name=factor' or "
            "'layer name=factor:statistic' (mean, min, max, majority, std, count), items "
            "separated by ';';\n"
            "• Soil polygons → the factors of Soil fields ('field=factor;…', or the fields "
            "already named like factors): area-weighted mean for numbers, the class covering "
            "the largest area for classes (texture, irrigation, drainage, pollution);\n"
            "• Water features → dist_water_m, the distance in metres to the nearest one.\n\n"
            "A cell belongs to a unit when its centre is inside it, as in QGIS's zonal "
            "statistics; a unit smaller than a cell gets the cell under its point on "
            "surface (listed in the log). Units are reprojected to each raster's CRS, never "
            "the raster. Units with empty geometries are kept with empty factors."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNITS, self.tr("Evaluation units"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM_BEFORE, self.tr("DEM before mining"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                self.RASTERS,
                self.tr("Factor rasters"),
                QgsProcessing.TypeRaster,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.RASTER_FACTORS,
                self.tr("Raster factors (layer=factor:statistic;…)"),
                optional=True,
            )
        )
        self.add_soil_and_water_parameters()
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Units with factors"), QgsProcessing.TypeVectorPolygon
            )
        )

    # --- parameters ---------------------------------------------------------------

    def _factor_name(self, name: str, where: str) -> str:
        if name not in KNOWN_FACTORS:
            raise self.fail(
                self.tr("{0}: “{1}” is not a factor. Use one of: {2}").format(
                    where, name, ", ".join(KNOWN_FACTORS)
                )
            )
        return name

    def _pairs(self, parameters: dict, key: str, context: QgsProcessingContext) -> list:
        text = self.parameterAsString(parameters, key, context)
        try:
            return parse_pairs(text)
        except PairsError as error:
            raise self.fail(self.tr("{0}: {1}").format(key, error)) from None

    def _raster_factors(self, parameters: dict, context: QgsProcessingContext) -> list:
        layers = self.parameterAsLayerList(parameters, self.RASTERS, context)
        mapping = dict(self._pairs(parameters, self.RASTER_FACTORS, context))
        names = {layer.name() for layer in layers}
        unknown = sorted(set(mapping) - names)
        if unknown:
            raise self.fail(
                self.tr("RASTER_FACTORS names layers that are not among the rasters: {0}").format(
                    ", ".join(unknown)
                )
            )
        factors = []
        for layer in layers:
            if not isinstance(layer, QgsRasterLayer):
                continue
            self.check_raster(layer, self.tr("Raster"))
            target = mapping.get(layer.name(), layer.name())
            factor, _, statistic = target.partition(":")
            statistic = statistic.strip() or "mean"
            if statistic not in RASTER_STATISTICS:
                raise self.fail(
                    self.tr("Raster “{0}”: unknown statistic “{1}”; use one of: {2}").format(
                        layer.name(), statistic, ", ".join(RASTER_STATISTICS)
                    )
                )
            where = self.tr("Raster “{0}”").format(layer.name())
            factors.append(RasterFactor(layer, self._factor_name(factor.strip(), where), statistic))
        return factors

    def _soil_fields(self, parameters: dict, context: QgsProcessingContext, soil: Any) -> list:
        names = soil.fields().names()
        pairs = self._pairs(parameters, self.SOIL_FIELDS, context)
        if not pairs:
            pairs = [(name, name) for name in names if name in KNOWN_FACTORS]
        if not pairs:
            raise self.fail(
                self.tr(
                    "Soil polygons: no field is named like a factor and SOIL_FIELDS is empty; "
                    "map fields, e.g. 土层厚度=soil_thickness_cm. Fields: {0}"
                ).format(", ".join(names))
            )
        for field_name, factor in pairs:
            if field_name not in names:
                raise self.fail(
                    self.tr("Soil polygons have no field “{0}”. Fields: {1}").format(
                        field_name, ", ".join(names)
                    )
                )
            self._factor_name(factor, self.tr("SOIL_FIELDS"))
        self._check_soil_values(parameters, context, soil, pairs)
        return pairs

    def _check_soil_values(
        self, parameters: dict, context: QgsProcessingContext, soil: Any, pairs: list
    ) -> None:
        """Text and impossible values are refused on the soil layer itself, so that the
        message names its polygon, not a piece of the overlay."""
        where = self.layer_words(parameters, self.SOIL, context)
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes([name for name, _ in pairs], soil.fields())
        features = list(soil.getFeatures(request))
        values = {
            factor: self.numbers([f[name] for f in features], name, where, factor)
            for name, factor in pairs
        }
        self.check_plausible(values, {factor: name for name, factor in pairs}, where)

    # --- processing -----------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            raise self.fail(self.tr("The evaluation units layer could not be read."))
        self.units_words = self.layer_words(parameters, self.UNITS, context)
        if source.featureCount() == 0:
            raise self.fail(
                self.tr("The evaluation units {0} have no features: nothing to extract.").format(
                    self.units_words
                )
            )
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        before = self.raster_file(parameters, self.DEM_BEFORE, context, self.tr("DEM before"))
        if before is not None and dem is None:
            raise self.fail(self.tr("DEM_BEFORE needs the DEM after mining (DEM) as well."))
        rasters = self._raster_factors(parameters, context)
        soil = self.parameterAsSource(parameters, self.SOIL, context)
        soil_fields = self._pairs(parameters, self.SOIL_FIELDS, context)  # checked even alone
        if soil is not None:
            soil_fields = self._soil_fields(parameters, context, soil)
        water = self.parameterAsSource(parameters, self.WATER, context)
        if dem is None and not rasters and soil is None and water is None:
            raise self.fail(
                self.tr("Give at least one source of factors: DEM, rasters, soil or water.")
            )
        self.bulk = bulk_source(self, parameters, self.UNITS, context)
        try:
            units = read_units(source, feedback)
            self._report_geometry(units, feedback)
            sources = {
                "soil": (parameters.get(self.SOIL), soil_fields) if soil else None,
                "water": parameters.get(self.WATER) if water else None,
            }
            columns = self._extract(units, dem, before, rasters, sources, context, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except RasterError as error:
            raise self.fail(self.tr("Factor extraction failed: {0}").format(error)) from None
        record = RunRecord(self)
        output = self._write(source, units, columns, parameters, context, feedback)
        finish_outputs(
            record,
            {self.OUTPUT: (output[self.OUTPUT], None, "")},
            parameters,
            context,
            feedback,
            self.sink_fields,
        )
        return output

    def _report_geometry(self, units: NumberedUnits, feedback: QgsProcessingFeedback) -> None:
        if units.repaired:
            feedback.pushWarning(
                self.tr("{0} unit(s) had invalid geometries and were repaired: {1}").format(
                    len(units.repaired), listed_numbers(units.repaired)
                )
            )
        if units.empty:
            feedback.pushWarning(
                self.tr("{0} unit(s) have no geometry; their factors stay empty: {1}").format(
                    len(units.empty), listed_numbers(units.empty)
                )
            )

    def _extract(
        self,
        units: NumberedUnits,
        dem: QgsRasterLayer | None,
        before: QgsRasterLayer | None,
        rasters: list[RasterFactor],
        sources: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, np.ndarray]:
        """The factor columns; the scratch files (the units' numbered copies, the elevation
        change) live in a folder of their own, removed when the extraction ends."""
        with tempfile.TemporaryDirectory(
            prefix="factors_", dir=QgsProcessingUtils.tempFolder(), ignore_cleanup_errors=True
        ) as folder:
            temp = Path(folder)
            columns: dict[str, np.ndarray] = {}
            unit_files = _UnitFiles(units, temp, context, self.bulk)
            if dem is not None:
                feedback.pushInfo(self.tr("Slope per unit from DEM “{0}”…").format(dem.name()))
                stats = self._zonal(unit_files, dem, ("mean", "max"), feedback, slope=True)
                columns["slope_deg"], columns["slope_max_deg"] = stats["mean"], stats["max"]
            if before is not None:
                feedback.pushInfo(self.tr("Elevation change per unit…"))
                change = temp / f"elevation_change_{id(self)}.tif"
                write_elevation_change(
                    before.source(), dem.source(), str(change), is_cancelled=feedback.isCanceled
                )
                layer = QgsRasterLayer(str(change), "elevation change", "gdal")
                stats = self._zonal(unit_files, layer, ("mean", "min", "max"), feedback)
                columns["elev_change_m"] = stats["mean"]
                columns["elev_change_min_m"] = stats["min"]
                columns["elev_change_max_m"] = stats["max"]
            for raster in rasters:
                feedback.pushInfo(
                    self.tr("{0} per unit from “{1}” ({2})…").format(
                        raster.factor, raster.layer.name(), raster.statistic
                    )
                )
                stats = self._zonal(unit_files, raster.layer, (raster.statistic,), feedback)
                columns[raster.factor] = stats[raster.statistic]
            if sources["soil"] is not None:
                soil, soil_fields = sources["soil"]
                columns.update(self._soil(unit_files, soil, soil_fields, context, feedback))
            if sources["water"] is not None:
                columns["dist_water_m"] = self._distance(
                    unit_files, sources["water"], context, feedback
                )
            return columns

    def _check_overlap(self, raster: QgsRasterLayer, units: QgsVectorLayer) -> None:
        """Refuse a raster beside the units, naming both as the user knows them, with
        readable extents in the raster's CRS."""
        if raster.extent().intersects(units.extent()):
            return
        crs = raster.crs()
        raise self.fail(
            self.tr(
                "The raster “{0}” does not overlap the evaluation units {1}. In {2}: raster "
                "{3}; units {4}. Check that both have the right CRS."
            ).format(
                display_name(raster),
                self.units_words,
                f"{crs.authid()} {crs.description()}".strip(),
                readable_extent(raster.extent(), crs),
                readable_extent(units.extent(), crs),
            )
        )

    def _zonal(
        self,
        unit_files: _UnitFiles,
        layer: QgsRasterLayer,
        statistics: tuple[str, ...],
        feedback: QgsProcessingFeedback,
        slope: bool = False,
    ) -> dict[str, np.ndarray]:
        if feedback.isCanceled():
            raise Cancelled
        path, layer_name = unit_files.in_crs(layer.crs())
        self._check_overlap(layer, QgsVectorLayer(f"{path}|layername={layer_name}", "u", "ogr"))
        units = UnitLayer(str(path), layer_name, UNIT_FIELD)
        report = progress_reporter(feedback, 5, 80)
        if slope:
            result = slope_statistics(
                units,
                layer.source(),
                statistics=statistics,
                progress=report,
                is_cancelled=feedback.isCanceled,
            )
        else:
            result = zonal_statistics(
                units,
                layer.source(),
                statistics=statistics,
                progress=report,
                is_cancelled=feedback.isCanceled,
            )
        if result.subcell_units:
            feedback.pushInfo(
                self.tr(
                    "{0} unit(s) are smaller than a cell of “{1}”: each takes the cell under "
                    "its point on surface: {2}"
                ).format(
                    len(result.subcell_units), layer.name(), listed_numbers(result.subcell_units)
                )
            )
        empty = set(unit_files.units.empty)
        outside = [label for label in result.missing_units if label not in empty]
        if outside:
            feedback.pushWarning(
                self.tr(
                    "{0} unit(s) have no valid cell in “{1}” (outside it or NoData): {2}"
                ).format(len(outside), layer.name(), listed_numbers(outside))
            )
        count = unit_files.units.count
        return {name: _padded(result.statistics[name], count) for name in statistics}

    def _soil(
        self,
        unit_files: _UnitFiles,
        soil: Any,
        soil_fields: list,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, np.ndarray]:
        from qgis import processing

        feedback.pushInfo(self.tr("Soil attributes by overlay (native:intersection)…"))
        path, layer_name = unit_files.in_crs(unit_files.metric_crs)
        pieces = processing.run(
            "native:intersection",
            {
                "INPUT": f"{path}|layername={layer_name}",
                "OVERLAY": soil,
                "INPUT_FIELDS": [UNIT_FIELD],
                "OVERLAY_FIELDS": [name for name, _ in soil_fields],
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )["OUTPUT"]
        layer = QgsProcessingUtils.mapLayerFromString(pieces, context)
        features = list(layer.getFeatures())
        unit_ids = np.array([f[UNIT_FIELD] for f in features], dtype=np.int64)
        areas = np.array([f.geometry().area() for f in features], dtype=np.float64)
        columns = {}
        for field_name, factor in soil_fields:
            values = self.numbers(
                [f[field_name] for f in features], field_name, self.tr("Soil polygons"), factor
            )
            combine = (
                largest_overlap if FACTORS.get(factor) in CATEGORICAL_UNITS else area_weighted_mean
            )
            columns[factor] = combine(unit_ids, areas, values, unit_files.units.count)
        return columns

    def _distance(
        self,
        unit_files: _UnitFiles,
        water: Any,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> np.ndarray:
        from qgis import processing

        feedback.pushInfo(self.tr("Distance to the nearest water feature (native:joinbynearest)…"))
        path, layer_name = unit_files.in_crs(unit_files.metric_crs)
        joined = processing.run(
            "native:joinbynearest",
            {
                "INPUT": f"{path}|layername={layer_name}",
                "INPUT_2": water,
                "FIELDS_TO_COPY": [],
                "DISCARD_NONMATCHING": False,
                "PREFIX": "water_",
                "NEIGHBORS": 1,
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )["OUTPUT"]
        layer = QgsProcessingUtils.mapLayerFromString(joined, context)
        distance = np.full(unit_files.units.count, np.nan)
        for feature in layer.getFeatures():
            value = feature["distance"]
            if is_null(value):
                continue
            index = feature[UNIT_FIELD] - 1
            distance[index] = np.fmin(distance[index], float(value))
        return distance

    # --- output -----------------------------------------------------------------------

    def _write(
        self,
        source: Any,
        units: NumberedUnits,
        columns: dict[str, np.ndarray],
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        fields = QgsFields(source.fields())
        replaced = [name for name in columns if fields.indexOf(name) >= 0]
        if replaced:
            feedback.pushInfo(
                self.tr("Existing fields overwritten with the extracted values: {0}").format(
                    ", ".join(replaced)
                )
            )
        for name in columns:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, FIELD_DOUBLE))
        sink, dest = self.sink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        if self.bulk is not None and bulk_destination(dest, self.bulk):
            del sink  # the empty layer is filled in bulk
            given = source.fields().names()
            try:
                write_bulk(
                    self.bulk,
                    dest,
                    {name: name for name in given},
                    columns,
                    units.feature_ids,
                    feedback,
                    progress_reporter(feedback, 80, 20),
                )
            except BulkError as error:
                raise self.discard_output(dest, str(error)) from None
            return {self.OUTPUT: dest}
        index_of = {fid: i for i, fid in enumerate(units.feature_ids)}
        positions = [fields.indexOf(name) for name in columns]
        lists = [plain_values(values) for values in columns.values()]
        width = len(fields)
        batch: list[QgsFeature] = []
        for feature in source.getFeatures():
            i = index_of[feature.id()]
            given = feature.attributes()  # one copy per feature
            attributes = given + [None] * (width - len(given))
            for position, values in zip(positions, lists, strict=True):
                attributes[position] = values[i]
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            batch.append(out)
            if len(batch) == WRITE_BATCH:
                problem = self.write_batch(sink, batch, parameters, self.OUTPUT, feedback)
                if problem is not None:
                    del sink  # closes the file before it is removed
                    raise self.discard_output(dest, problem)
                batch = []
        problem = self.write_batch(sink, batch, parameters, self.OUTPUT, feedback)
        if problem is not None:
            del sink  # closes the file before it is removed
            raise self.discard_output(dest, problem)
        return {self.OUTPUT: dest}


class _UnitFiles:
    """The numbered units written once per CRS they are needed in."""

    def __init__(
        self,
        units: NumberedUnits,
        folder: Path,
        context: QgsProcessingContext,
        bulk: BulkSource | None = None,
    ) -> None:
        self.units = units
        self.folder = folder
        self.context = context
        # A GeoPackage layer read whole, without repaired geometries: copied by GDAL in
        # its own CRS (the numbers are the positions in fid order, as QGIS reads it).
        self.bulk = bulk if bulk is not None and not units.repaired else None
        self.metric_crs = working_crs(units, context)
        self._written: dict[str, tuple[Path, str]] = {}

    def in_crs(self, crs: Any) -> tuple[Path, str]:
        key = crs.toWkt()
        if key not in self._written:
            path = self.folder / f"units_{id(self)}_{len(self._written)}.gpkg"
            if self.bulk is not None and crs == self.units.crs:
                layer = "units"
                numbered_copy(self.bulk.file, str(path), layer, UNIT_FIELD)
            else:
                layer = write_numbered_units(self.units, crs, path, self.context)
            numbered_layer(path, layer)
            self._written[key] = (path, layer)
        return self._written[key]


def _padded(values: np.ndarray, count: int) -> np.ndarray:
    """Statistics arrays end at the highest written label; empty units after it get NaN."""
    result = np.full(count, np.nan)
    result[: min(count, len(values))] = values[:count]
    return result
