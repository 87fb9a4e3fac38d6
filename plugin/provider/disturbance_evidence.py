"""Evidence of damaged land as polygons, and their merge into one layer without overlaps.

Each source (raster classes, mapped facilities, failing soil samples) yields ``Evidence``
pieces: a geometry in the working CRS, a damage type and degree, and where it came from.
``merge_by_precedence`` resolves overlaps with the rule pack's precedence of types (then the
worse degree first), so each piece of land is counted once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProcessingContext,
    QgsSpatialIndex,
    QgsVectorLayer,
)

from ..core.disturbance import decode_with_basis
from ..core.facilities import map_facilities
from ..core.rules.degree import DisturbanceRules, grade_degree
from ..core.rules.vocabulary import DAMAGE_INDICATORS, DAMAGE_TYPES, DEGREE_UNDECIDED

# The type codes of packed raster classes (core.disturbance): DAMAGE_TYPES order, from 1.
TYPE_BY_CODE = dict(enumerate(DAMAGE_TYPES, start=1))


@dataclass
class Evidence:
    geometry: QgsGeometry
    damage_type: str
    degree: int  # 0..3 or DEGREE_UNDECIDED
    source: str  # "dem", "subsidence", "facility", "samples"
    basis: str = "assessed"  # "assessed", "default" (the pack's default), "undecided"


@dataclass
class MergedPiece:
    geometry: QgsGeometry
    damage_type: str
    degree: int
    basis: str = "assessed"


def degree_basis(degree: int, from_default: bool) -> str:
    """How a degree was decided: by an indicator, by the pack's default, or not at all."""
    if degree == DEGREE_UNDECIDED:
        return "undecided"
    return "default" if from_default else "assessed"


@dataclass
class FacilityReport:
    unmapped: list[str] = field(default_factory=list)
    from_default: int = 0
    ungraded: dict[str, int] = field(default_factory=dict)


def raster_class_evidence(layer: QgsVectorLayer, code_field: str, source: str) -> list[Evidence]:
    """Polygons of a polygonized class raster (code = type × 10 + degree slot)."""
    pieces = []
    for feature in layer.getFeatures():
        code = int(feature[code_field])
        if code == 0:
            continue
        type_code, degree, default = decode_with_basis(np.uint8(code))
        pieces.append(
            Evidence(
                feature.geometry(),
                TYPE_BY_CODE[int(type_code)],
                int(degree),
                source,
                degree_basis(int(degree), bool(default)),
            )
        )
    return pieces


def transformer(
    source_crs: QgsCoordinateReferenceSystem,
    target_crs: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
) -> Callable[[QgsGeometry], QgsGeometry]:
    transform = QgsCoordinateTransform(source_crs, target_crs, context.transformContext())

    def moved(geometry: QgsGeometry) -> QgsGeometry:
        copy = QgsGeometry(geometry)
        if source_crs != target_crs and copy.transform(transform) != QgsGeometry.Success:
            raise ValueError(f"a geometry cannot be transformed to {target_crs.authid()}")
        return copy if copy.isGeosValid() else copy.makeValid()

    return moved


def facility_evidence(
    features: list,
    type_field: str,
    table: dict[str, str],
    disturbance: DisturbanceRules,
    move: Callable[[QgsGeometry], QgsGeometry],
) -> tuple[list[Evidence], FacilityReport]:
    """Mapped facilities: type from the type field, degree from indicator fields (e.g.
    dump_height_m) where the pack grades by them, else the pack's default for the type."""
    report = FacilityReport()
    kinds, report.unmapped = map_facilities((f[type_field] for f in features), table)
    if report.unmapped:
        return [], report
    names = features[0].fields().names() if features else []
    indicator_fields = [name for name in names if name in DAMAGE_INDICATORS]
    pieces: list[Evidence] = []
    kinds_array = np.array(kinds, dtype=object)
    degrees = np.full(len(features), DEGREE_UNDECIDED, dtype=np.int16)
    defaults = np.zeros(len(features), dtype=bool)
    for damage_type in DAMAGE_TYPES:
        mask = kinds_array == damage_type
        if mask.any():
            degrees[mask], defaults[mask] = _facility_degrees(
                [features[i] for i in np.flatnonzero(mask)],
                damage_type,
                indicator_fields,
                disturbance,
                report,
            )
    for feature, kind, degree, default in zip(features, kinds, degrees, defaults, strict=True):
        if kind in ("", "none") or degree == 0:
            continue
        geometry = feature.geometry()
        if geometry.isNull() or geometry.isEmpty():
            continue
        basis = degree_basis(int(degree), bool(default))
        pieces.append(Evidence(move(geometry), kind, int(degree), "facility", basis))
    return pieces, report


def _facility_degrees(
    features: list,
    damage_type: str,
    indicator_fields: list[str],
    disturbance: DisturbanceRules,
    report: FacilityReport,
) -> tuple[np.ndarray, np.ndarray]:
    defined = (
        disturbance.types[damage_type].indicators() if damage_type in disturbance.types else ()
    )
    columns = {
        name: _numbers(feature[name] for feature in features)
        for name in indicator_fields
        if name in defined
    }
    result = grade_degree(
        disturbance,
        damage_type,
        columns,
        np.full(len(features), "any", dtype=object),
        strict=False,
    )
    report.from_default += int(result.from_default.sum())
    for name, count in result.ungraded.items():
        report.ungraded[name] = report.ungraded.get(name, 0) + count
    return result.degree, result.from_default


def _numbers(values: Iterable[object]) -> np.ndarray:
    result = []
    for value in values:
        try:
            result.append(float(value))
        except (TypeError, ValueError):
            result.append(np.nan)
    return np.array(result, dtype=np.float64)


def _rank(precedence: tuple[str, ...], damage_type: str, degree: int) -> tuple[int, int]:
    # Earlier type first; within a type the worse degree first (undecided last).
    worse_first = -degree if degree != DEGREE_UNDECIDED else 1
    return precedence.index(damage_type), worse_first


def merge_by_precedence(
    pieces: list[Evidence], precedence: tuple[str, ...], is_cancelled: Callable[[], bool]
) -> list[MergedPiece]:
    """One geometry per (type, degree): the union of its evidence minus everything that
    ranks before it. No two results overlap."""
    groups: dict[tuple[str, int, str], list[QgsGeometry]] = {}
    for piece in pieces:
        key = (piece.damage_type, piece.degree, piece.basis)
        groups.setdefault(key, []).append(piece.geometry)
    placed: QgsGeometry | None = None
    merged = []
    # Within a type and degree, an assessed degree places before a default one.
    order = sorted(
        groups, key=lambda key: (*_rank(precedence, key[0], key[1]), key[2] != "assessed")
    )
    for damage_type, degree, basis in order:
        if is_cancelled():
            break
        union = QgsGeometry.unaryUnion(groups[damage_type, degree, basis])
        if placed is not None and not union.isEmpty():
            union = union.difference(placed)
        if union.isNull() or union.isEmpty() or union.area() <= 0:
            continue
        merged.append(MergedPiece(union, damage_type, degree, basis))
        placed = union if placed is None else QgsGeometry.unaryUnion([placed, union])
    return merged


def sources_by_polygon(polygons: list[QgsGeometry], pieces: list[Evidence]) -> list[str]:
    """For each output polygon, the evidence sources of the same area, e.g. "dem,facility"."""
    index = QgsSpatialIndex()
    for number, piece in enumerate(pieces):
        index.addFeature(number, piece.geometry.boundingBox())  # noqa: QGS201 (in memory)
    result = []
    for polygon in polygons:
        engine = QgsGeometry.createGeometryEngine(polygon.constGet())
        engine.prepareGeometry()
        tiny = 1e-6 * polygon.area()
        found = {
            pieces[i].source
            for i in index.intersects(polygon.boundingBox())
            if engine.intersects(pieces[i].geometry.constGet())
            and polygon.intersection(pieces[i].geometry).area() > tiny
        }
        result.append(",".join(sorted(found)))
    return result


def worst_overlapping(
    polygons: list[QgsGeometry], areas: list[QgsGeometry], values: np.ndarray
) -> np.ndarray:
    """For each polygon, the largest value of the areas it overlaps (more than a sliver:
    1e-6 of the polygon), NaN where it overlaps none with a value.

    The areas are where a measurement stands (a soil sample's Voronoi cell within its
    radius): every piece of a patch, however land use, the study area or units cut it,
    gets the value of the measurement that stands for it, not only the piece holding the
    sample point."""
    index = QgsSpatialIndex()
    for number, area in enumerate(areas):
        index.addFeature(number, area.boundingBox())  # noqa: QGS201 (in memory)
    result = np.full(len(polygons), np.nan)
    for number, polygon in enumerate(polygons):
        engine = QgsGeometry.createGeometryEngine(polygon.constGet())
        engine.prepareGeometry()
        tiny = 1e-6 * polygon.area()
        hits = [
            i
            for i in index.intersects(polygon.boundingBox())
            if np.isfinite(values[i])
            and engine.intersects(areas[i].constGet())
            and polygon.intersection(areas[i]).area() > tiny
        ]
        if hits:
            result[number] = values[hits].max()
    return result
