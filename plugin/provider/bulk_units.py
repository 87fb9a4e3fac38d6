"""Units read and written in bulk when they are a whole GeoPackage layer (io.vector_bulk).

An algorithm asks ``bulk_source`` whether its units parameter is a GeoPackage layer read
whole: not a selection, a feature limit or a filter, no subset string, no unsaved edits,
and the Processing setting on invalid geometries one the bulk path can honour (no check,
or stop at the first invalid geometry; skipping invalid features is left to QGIS's
iterator). Then the units are read with ``read_measured`` (fields as arrays, areas
measured batch by batch) and the output, when it is a GeoPackage layer too, is written
with ``write_bulk`` (one copy of the features in C, the new columns set by fid). Every
other case takes QGIS's feature iterators and sinks, with the same results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingFeedback,
    QgsProviderRegistry,
)

from ..i18n import Translatable
from ..io import Cancelled
from ..io.vector_bulk import (
    BulkError,
    ColumnValues,
    VectorFile,
    append_features,
    feature_batches,
    feature_count,
    set_columns,
)
from .areas import AreaMeter
from .outputs import geopackage_of


@dataclass(frozen=True)
class BulkSource:
    """A GeoPackage layer read whole, and whether its geometries must be valid."""

    file: VectorFile
    check_validity: bool


@dataclass
class MeasuredUnits:
    """The units in the layer's order: fids, the asked fields, ellipsoidal and planimetric
    areas (m²)."""

    ids: list[int]
    columns: dict[str, np.ndarray]
    area_m2: np.ndarray
    area_plan_m2: np.ndarray


class _Words(Translatable):
    KEEPS_SOURCE = True

    def invalid(self, where: str, fid: int) -> str:
        return self.tr(
            "{0}: feature {1} has an invalid geometry. Repair it (Vector › Geometry Tools › "
            "Fix Geometries), or change the Processing setting “Invalid features filtering”."
        ).format(where, fid)


def bulk_source(
    algorithm: Any, parameters: dict, name: str, context: QgsProcessingContext
) -> BulkSource | None:
    """The GeoPackage layer of a source parameter when it is read whole, else None."""
    value = parameters.get(name)
    check = context.invalidGeometryCheck()
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        if value.selectedFeaturesOnly or value.featureLimit not in (-1, None):
            return None
        if getattr(value, "filterExpression", ""):
            return None
        if value.flags & QgsProcessingFeatureSourceDefinition.FlagOverrideDefaultGeometryCheck:
            check = value.geometryCheck
    if check == QgsFeatureRequest.GeometrySkipInvalid:
        return None
    layer = algorithm.parameterAsVectorLayer(parameters, name, context)
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    if layer.isEditable() and layer.isModified():
        return None  # the edits are not in the file
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    if parts.get("subset") or parts.get("geometryType"):
        return None
    if not parts.get("layerName") and str(parts.get("layerId") or 0) != "0":
        return None  # a layer by number: only the first is found by name below
    found = geopackage_of(layer.source())
    if found is None:
        return None
    return BulkSource(VectorFile(*found), check == QgsFeatureRequest.GeometryAbortOnInvalid)


def read_measured(
    source: BulkSource,
    fields: Sequence[str],
    meter: AreaMeter,
    where: str,
    feedback: QgsProcessingFeedback,
) -> MeasuredUnits:
    """Fids, ``fields`` and areas of every unit, batch by batch (one batch of geometries in
    memory). An invalid geometry stops the run when the Processing setting says so."""
    ids: list[int] = []
    columns: dict[str, list[np.ndarray]] = {name: [] for name in fields}
    ellipsoidal, planimetric = [], []
    total = max(feature_count(source.file), 1)
    for batch in feature_batches(source.file, fields):
        if feedback.isCanceled():
            raise Cancelled
        feedback.setProgress(40 * len(ids) / total)  # reading: the first 40 %
        fids = batch.fids.tolist()
        geometries = [
            geometry_of(source, fid, wkb, where) for fid, wkb in zip(fids, batch.wkb, strict=True)
        ]
        ids += fids
        for name in fields:
            columns[name].append(batch.fields[name])
        ellipsoidal.append(meter.ellipsoidal(geometries))
        planimetric.append(meter.planimetric(geometries))
    return MeasuredUnits(
        ids,
        {name: _joined(parts) for name, parts in columns.items()},
        _joined(ellipsoidal),
        _joined(planimetric),
    )


def geometry_of(source: BulkSource, fid: int, wkb: bytes | None, where: str) -> QgsGeometry:
    """A unit's geometry from its WKB; an invalid one stops the run when the Processing
    setting says so (as QGIS's iterator would)."""
    geometry = QgsGeometry()
    if wkb:
        geometry.fromWkb(wkb)
    if source.check_validity and not geometry.isNull() and not geometry.isGeosValid():
        raise QgsProcessingException(_Words().invalid(where, fid))
    return geometry


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0)


def bulk_destination(destination: str, source: BulkSource) -> str | None:
    """The GeoPackage file of a sink's destination when the bulk copy can fill it: another
    file than the source's (SQLite would lock itself)."""
    path = str(QgsProviderRegistry.instance().decodeUri("ogr", destination).get("path") or "")
    if not path.lower().endswith(".gpkg"):
        return None
    if Path(path).resolve() == Path(source.file.path).resolve():
        return None
    return path


def written_layer(destination: str) -> VectorFile:
    """The layer a sink created, once the sink is closed."""
    found = geopackage_of(destination)
    if found is None:
        raise BulkError(f"the output {destination} was not created")
    return VectorFile(*found)


def write_bulk(
    source: BulkSource,
    destination: str,
    copied: Mapping[str, str],
    columns: Mapping[str, ColumnValues],
    fids: Sequence[int],
    feedback: QgsProcessingFeedback,
    progress: Callable[[float], None],
) -> None:
    """Fill the empty layer a sink made at ``destination`` (closed) with the source's
    features (the fields of ``copied``, source name → output name; fids kept) and the
    output ``columns`` of the units ``fids`` (in the order of the columns' rows)."""
    target = written_layer(destination)
    copied_count = append_features(
        source.file, target, copied, lambda percent: progress(percent / 2), feedback.isCanceled
    )
    if copied_count != len(fids):
        raise BulkError(f"{target.path}: {copied_count} features copied, {len(fids)} units read")
    set_columns(
        target, columns, fids, lambda percent: progress(50 + percent / 2), feedback.isCanceled
    )
