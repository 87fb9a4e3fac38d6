"""Areas of features: ellipsoidal (the ellipsoid of the layer's CRS) and planimetric.

三调 statistics use ellipsoidal areas; QgsDistanceArea integrates on the
ellipsoid for any CRS, geographic ones included. Planimetric area is the area in the
layer's own projected plane (NaN for a geographic CRS, where it has no meaning in m²).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsGeometry,
    QgsProcessingContext,
    QgsUnitTypes,
)


def distance_area(
    crs: QgsCoordinateReferenceSystem, context: QgsProcessingContext
) -> QgsDistanceArea:
    calculator = QgsDistanceArea()
    calculator.setSourceCrs(crs, context.transformContext())
    # GRS 80 (CGCS2000's ellipsoid to 0.1 mm) when the CRS names no ellipsoid of its own.
    if not calculator.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7019"):
        calculator.setEllipsoid("EPSG:7019")  # noqa: QGS201 (GRS 80 is always known)
    return calculator


def ellipsoidal_areas(
    geometries: Iterable[QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
) -> np.ndarray:
    """Square metres on the ellipsoid of ``crs``, NaN for empty geometries."""
    return AreaMeter(crs, context).ellipsoidal(geometries)


def ellipsoidal_perimeters(
    geometries: Iterable[QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
) -> np.ndarray:
    """Boundary lengths in metres on the ellipsoid of ``crs``, NaN for empty geometries."""
    calculator = distance_area(crs, context)
    factor = QgsUnitTypes.fromUnitToUnitFactor(
        calculator.lengthUnits(), QgsUnitTypes.DistanceMeters
    )
    return _each(geometries, calculator.measurePerimeter, factor)


def _each(
    geometries: Iterable[QgsGeometry], measure: Callable[[QgsGeometry], float], factor: float
) -> np.ndarray:
    """``measure`` of every geometry × ``factor``; NaN for empty geometries."""
    return np.array(
        [np.nan if g.isNull() or g.isEmpty() else measure(g) * factor for g in geometries],
        dtype=np.float64,
    )


class AreaMeter:
    """Ellipsoidal and planimetric areas of batches of geometries in one CRS, with one
    calculator for all batches (setting up the ellipsoid is the expensive part)."""

    def __init__(self, crs: QgsCoordinateReferenceSystem, context: QgsProcessingContext) -> None:
        self.crs = crs
        self.calculator = distance_area(crs, context)
        self.factor = QgsUnitTypes.fromUnitToUnitFactor(
            self.calculator.areaUnits(), QgsUnitTypes.AreaSquareMeters
        )

    def ellipsoidal(self, geometries: Iterable[QgsGeometry]) -> np.ndarray:
        return _each(geometries, self.calculator.measureArea, self.factor)

    def planimetric(self, geometries: list[QgsGeometry]) -> np.ndarray:
        return planimetric_areas(geometries, self.crs)


def planimetric_areas(
    geometries: Iterable[QgsGeometry], crs: QgsCoordinateReferenceSystem
) -> np.ndarray:
    """Square metres in the CRS's plane (NaN for a geographic CRS or empty geometries)."""
    if crs.isGeographic():
        return np.array([np.nan for _ in geometries], dtype=np.float64)
    factor = QgsUnitTypes.fromUnitToUnitFactor(
        QgsUnitTypes.distanceToAreaUnit(crs.mapUnits()), QgsUnitTypes.AreaSquareMeters
    )
    return np.array(
        [np.nan if g.isNull() or g.isEmpty() else g.area() * factor for g in geometries],
        dtype=np.float64,
    )


def area_method(crs: QgsCoordinateReferenceSystem) -> str:
    """How areas are measured, for the run log: the ellipsoid the areas are computed on."""
    ellipsoid = crs.ellipsoidAcronym() or "EPSG:7019"
    return f"ellipsoidal ({ellipsoid}), QgsDistanceArea; planimetric in {crs.authid()} alongside"
