"""Which units the working panels reach: the latest mining year of the panels whose major
influence radius (r = H / tan β of the probability-integral method) reaches each unit, for
the work plan's "reclaimed once stable"."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingContext,
    QgsSpatialIndex,
)

from .units import NumberedUnits, working_crs


class PanelGeometryError(ValueError):
    """A panel or unit that cannot be brought into the metric CRS of the overlay."""


def latest_mining_year(
    unit_geometries: Sequence[QgsGeometry],
    unit_crs: QgsCoordinateReferenceSystem,
    candidates: np.ndarray,
    panels: Sequence[tuple[QgsGeometry, float, float]],
    panel_crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
) -> np.ndarray:
    """Per unit, the latest year of the panels (geometry, mining year, radius m) whose
    geometry buffered by the radius intersects it (NaN: none). Only ``candidates`` are
    tested. The overlay runs in metres: the units' CRS if projected, else the local
    Gauss–Krüger or UTM zone."""
    years = np.full(len(unit_geometries), np.nan)
    metric = working_crs(NumberedUnits([], list(unit_geometries), unit_crs), context)
    index = QgsSpatialIndex()
    moved: dict[int, QgsGeometry] = {}
    to_metric = QgsCoordinateTransform(unit_crs, metric, context.transformContext())
    for position in np.flatnonzero(candidates).tolist():
        geometry = QgsGeometry(unit_geometries[position])
        if geometry.isNull():
            continue
        if unit_crs != metric and geometry.transform(to_metric) != QgsGeometry.Success:
            raise PanelGeometryError(f"unit {position + 1}")
        moved[position] = geometry
        if not index.addFeature(position, geometry.boundingBox()):
            raise PanelGeometryError(f"unit {position + 1}")
    panel_to_metric = QgsCoordinateTransform(panel_crs, metric, context.transformContext())
    for number, (panel, year, radius) in enumerate(panels, start=1):
        if not np.isfinite(year) or panel.isNull():
            continue
        reach = QgsGeometry(panel)
        if panel_crs != metric and reach.transform(panel_to_metric) != QgsGeometry.Success:
            raise PanelGeometryError(f"panel {number}")
        if radius > 0:
            reach = reach.buffer(radius, 16)
        engine = QgsGeometry.createGeometryEngine(reach.constGet())
        engine.prepareGeometry()
        for position in index.intersects(reach.boundingBox()):
            if engine.intersects(moved[position].constGet()):
                years[position] = np.fmax(years[position], year)
    return years
