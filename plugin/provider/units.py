"""Evaluation units on the QGIS side: numbered copies in another CRS, overlays, distances.

Every unit gets a 1-based index ``unit`` in the order the source delivers it; the factor
arrays of the core are indexed the same way (index i = unit i + 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsRectangle,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..compat import FIELD_INT, is_null
from ..core.crs_zones import metric_crs_for
from ..io import Cancelled

UNIT_FIELD = "unit"
_WRITE_BATCH = 2000  # features handed to the writer at a time


@dataclass
class NumberedUnits:
    """The units of a source, numbered, with what was wrong with their geometries."""

    feature_ids: list[int]
    geometries: list[QgsGeometry]
    crs: QgsCoordinateReferenceSystem
    repaired: list[int] = field(default_factory=list)  # 1-based indices
    empty: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.feature_ids)


def read_units(source: QgsFeatureSource, feedback: QgsProcessingFeedback) -> NumberedUnits:
    """Read the geometries once; invalid ones are repaired (makeValid), empty ones kept."""
    request = QgsFeatureRequest().setNoAttributes()
    units = NumberedUnits([], [], source.sourceCrs())
    total = max(source.featureCount(), 1)
    for number, feature in enumerate(source.getFeatures(request), start=1):
        if feedback.isCanceled():
            raise Cancelled
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            units.empty.append(number)
            geometry = QgsGeometry()
        elif not geometry.isGeosValid():
            repaired = geometry.makeValid()
            if repaired.isNull() or repaired.isEmpty():
                units.empty.append(number)
                geometry = QgsGeometry()
            else:
                units.repaired.append(number)
                geometry = repaired
        units.feature_ids.append(feature.id())
        units.geometries.append(geometry)
        if number % 1000 == 0:
            feedback.setProgress(5 * number / total)
    return units


def working_crs(
    units: NumberedUnits, context: QgsProcessingContext
) -> QgsCoordinateReferenceSystem:
    """A metric CRS for distances and overlay areas: the units' own if projected, else the
    CGCS2000 3° Gauss–Krüger zone (in China) or the UTM zone of the units' centre."""
    if not units.crs.isGeographic():
        return units.crs
    extent = QgsRectangle()
    extent.setMinimal()
    for geometry in units.geometries:
        if not geometry.isNull():
            extent.combineExtentWith(geometry.boundingBox())
    return _metric_crs_at(units.crs, extent, context)


def _metric_crs_at(
    crs: QgsCoordinateReferenceSystem, extent: QgsRectangle, context: QgsProcessingContext
) -> QgsCoordinateReferenceSystem:
    """The CGCS2000 3° zone (in China) or the UTM zone of a geographic extent's centre."""
    geographic = QgsCoordinateReferenceSystem("EPSG:4326")
    to_lonlat = QgsCoordinateTransform(crs, geographic, context.transformContext())
    centre = to_lonlat.transform(QgsPointXY(extent.center()))
    return QgsCoordinateReferenceSystem(metric_crs_for(centre.x(), centre.y()).authid)


def transformed(geometry: QgsGeometry, transform: QgsCoordinateTransform) -> QgsGeometry:
    """A copy of ``geometry`` in the transform's destination CRS; ValueError when it cannot
    be transformed (coordinates outside the CRS's area)."""
    copy = QgsGeometry(geometry)
    if copy.transform(transform) != QgsGeometry.OperationResult.Success:
        raise ValueError(f"cannot transform a geometry to {transform.destinationCrs().authid()}")
    return copy


def metric_crs_of(
    source: QgsFeatureSource, context: QgsProcessingContext
) -> QgsCoordinateReferenceSystem:
    """A metric CRS for a layer's whole extent: its own if projected, else the CGCS2000 3°
    Gauss–Krüger zone (in China) or the UTM zone of its centre."""
    crs = source.sourceCrs()
    if not crs.isGeographic():
        return crs
    return _metric_crs_at(crs, source.sourceExtent(), context)


def write_numbered_units(
    units: NumberedUnits,
    crs: QgsCoordinateReferenceSystem,
    path: Path,
    context: QgsProcessingContext,
) -> str:
    """Write the units transformed to ``crs`` into a GeoPackage with only the ``unit`` field.

    Empty units are left out (they have no cells and no overlap). Returns the layer name.
    """
    fields = QgsFields()
    fields.append(QgsField(UNIT_FIELD, FIELD_INT))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "units"
    # A scratch file read from start to end (rasterized, overlaid): no spatial index to
    # build (an R-tree insert per feature).
    options.layerOptions = ["SPATIAL_INDEX=NO"]
    writer = QgsVectorFileWriter.create(
        str(path), fields, QgsWkbTypes.MultiPolygon, crs, context.transformContext(), options
    )
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise OSError(writer.errorMessage())
    transform = QgsCoordinateTransform(units.crs, crs, context.transformContext())
    moving = units.crs != crs
    batch: list[QgsFeature] = []
    for number, geometry in enumerate(units.geometries, start=1):
        if geometry.isNull():
            continue
        moved = QgsGeometry(geometry)
        if moving and moved.transform(transform) != QgsGeometry.Success:
            raise OSError(f"unit {number} cannot be transformed to {crs.authid()}")
        moved.convertToMultiType()  # noqa: QGS201 (False only when already multi)
        feature = QgsFeature(fields)
        feature.setGeometry(moved)
        feature.setAttributes([number])
        batch.append(feature)
        if len(batch) == _WRITE_BATCH:
            _add_all(writer, batch, path)
            batch = []
    _add_all(writer, batch, path)
    del writer  # flushes and closes the file
    return options.layerName


def _add_all(writer: QgsVectorFileWriter, batch: list[QgsFeature], path: Path) -> None:
    if batch and not writer.addFeatures(batch):
        raise OSError(f"cannot write the temporary units file {path}: {writer.errorMessage()}")


def numbered_layer(path: Path, layer_name: str) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", "units", "ogr")
    if not layer.isValid():
        raise OSError(f"cannot open the temporary units file {path}")
    return layer


def column(features: list[QgsFeature], name: str) -> np.ndarray:
    """One attribute of a list of features as an object array (None for NULL)."""
    values = [feature[name] for feature in features]
    return np.array([None if is_null(v) else v for v in values], dtype=object)


def text_column(features: Sequence[QgsFeature], field: str | None) -> np.ndarray:
    """One attribute as stripped text (object array); "" for NULL, and everywhere when the
    field is None (the layer has no such field)."""
    if field is None:
        return np.full(len(features), "", dtype=object)
    return np.array(
        ["" if is_null(f[field]) else str(f[field]).strip() for f in features], dtype=object
    )


def number_column(features: Sequence[QgsFeature], field: str | None) -> np.ndarray:
    """One attribute as floats; NaN for NULL, for text that is no number, and everywhere
    when the field is None: a missing value stays missing, never 0."""
    if field is None:
        return np.full(len(features), np.nan)
    values = []
    for feature in features:
        value = feature[field]
        try:
            values.append(np.nan if is_null(value) else float(value))
        except (TypeError, ValueError):
            values.append(np.nan)
    return np.array(values, dtype=float)


def reading_position(geometry: QgsGeometry) -> tuple[float, float]:
    """Sort key of a polygon on the map: north to south, then west to east (its point on
    surface, to the micrometre), so that outputs keep one order from run to run."""
    point = geometry.pointOnSurface().asPoint()
    return -round(point.y(), 6), round(point.x(), 6)
