"""``reclamation:makeunits``: evaluation units (评价单元) from the disturbed land.

Each disturbed polygon (one damage type, degree and land use before damage) is cut by the
user's zones when given, then by the rule pack's slope classes of the DEM, and on dumps
and pits into platforms (平台) and faces (边坡); pieces below the minimum unit area join
the piece of the same polygon with which they share the longest border. The cell work is
``plugin.io.units`` (GDAL) on top of ``plugin.core.units`` (numpy); here the units get
their exact geometry: the disturbed polygon itself when it stays one unit, else the
polygon cut along the units' cell edges, so the units tile the disturbed land exactly.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING, is_null
from ...core.accounting import DAMAGE_TYPE_NAMES
from ...core.rules.pack import RulePack
from ...core.rules.vocabulary import DAMAGE_TYPES
from ...core.suitability import HM2_PER_M2, MU_PER_HM2
from ...core.units import FACE, PLATFORM, UnitRules
from ...i18n import ui_language
from ...io import Cancelled
from ...io.raster import RasterError
from ...io.rasterize import UnitLayer
from ...io.units import PARENT_FIELD, UnitCells, split_into_units
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, finish_outputs
from ..units import (
    UNIT_FIELD,
    NumberedUnits,
    read_units,
    reading_position,
    write_numbered_units,
)
from .base import GROUP_SUITABILITY, ReclamationAlgorithm

# Fields every unit gets (the public contract), besides the disturbed polygon's own.
UNIT_ID = "unit_id"
PARENT_ID = "parent_id"
ZONE = "zone"
SLOPE_CLASS = "slope_class"
LANDFORM = "landform"
AREA_FIELDS = ("area_m2", "area_hm2", "area_mu")


@dataclass
class _Piece:
    """A disturbed polygon, or its part in one zone: what the units are cut from."""

    parent: int  # 1-based number of the disturbed polygon
    zone: Any
    geometry: QgsGeometry  # in the working CRS


@dataclass
class _Unit:
    piece: int  # 0-based index into the pieces
    slope_class: int | None
    landform: str | None
    geometry: QgsGeometry  # in the working CRS


class MakeUnitsAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"SPLIT_BY_SLOPE", "MIN_UNIT_AREA", "FACE_SLOPE"})
    INPUT = "INPUT"
    DEM = "DEM"
    ZONES = "ZONES"
    ZONE_FIELD = "ZONE_FIELD"
    RULES = "RULES"
    SPLIT_BY_SLOPE = "SPLIT_BY_SLOPE"
    MIN_UNIT_AREA = "MIN_UNIT_AREA"
    FACE_SLOPE = "FACE_SLOPE"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "makeunits"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Make evaluation units")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_SUITABILITY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Evaluation units (评价单元) from the disturbed land: every disturbed polygon "
            "(one damage type, degree and land use before damage) is cut by your zones "
            "when given, by the rule pack's slope classes of the DEM, and on dumps and pits "
            "into platforms (平台) and faces (边坡) steeper than the pack's face limit. "
            "Pieces smaller than the minimum unit area join the piece of the same polygon "
            "with which they share the longest border, so a unit never mixes damage types, "
            "degrees or land uses. The units tile the disturbed land exactly.\n\n"
            "Each unit keeps the fields of its disturbed polygon and gets unit_id "
            "(numbered by damage type — excavation, subsidence, occupation, pollution — then "
            "north to south and west to east, platforms before faces, then slope class: the "
            "same land gives the same numbers, whatever the order of the features), "
            "parent_id (the disturbed polygon's feature id), zone, slope_class (1 = the "
            "flattest class of the pack) and landform "
            "(platform or face on dumps and pits). To evaluate your own units, give them "
            "as zones and turn slope splitting off."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.INPUT, self.tr("Disturbed land"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.add(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("DEM after mining (for slope classes)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.ZONES,
                self.tr("Zones or your own units (optional)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterField(
                self.ZONE_FIELD,
                self.tr("Zone name or unit id field"),
                parentLayerParameterName=self.ZONES,
                optional=True,
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterBoolean(
                self.SPLIT_BY_SLOPE,
                self.tr("Split by slope class and into platforms and faces"),
                defaultValue=True,
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.MIN_UNIT_AREA,
                self.tr("Minimum unit area (m²; empty: the rule pack's)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.FACE_SLOPE,
                self.tr("Face slope limit on dumps and pits (degrees; empty: the rule pack's)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
                maxValue=90.0,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Evaluation units"), QgsProcessing.TypeVectorPolygon
            )
        )

    # --- inputs -------------------------------------------------------------------------

    def _rules(self, parameters: dict, context: QgsProcessingContext, pack: RulePack) -> UnitRules:
        block = pack.units
        given_area = parameters.get(self.MIN_UNIT_AREA) not in (None, "")
        given_face = parameters.get(self.FACE_SLOPE) not in (None, "")
        min_area = (
            self.parameterAsDouble(parameters, self.MIN_UNIT_AREA, context)
            if given_area
            else (block.min_area_m2.value if block else 0.0)
        )
        face = (
            self.parameterAsDouble(parameters, self.FACE_SLOPE, context)
            if given_face
            else (block.face_slope_deg.value if block else None)
        )
        return UnitRules(
            slope_limits=tuple(pack.slope_classes),
            face_slope_deg=face,
            face_types=block.face_types if block else (),
            min_area_m2=min_area,
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise self.fail(self.tr("The disturbed land layer could not be read."))
        words = self.layer_words(parameters, self.INPUT, context)
        if source.featureCount() == 0:
            raise self.fail(self.tr("{0} has no features: no units to make.").format(words))
        pack = self.rule_pack(parameters, context)
        rules = self._rules(parameters, context, pack)
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        split = self.parameterAsBool(parameters, self.SPLIT_BY_SLOPE, context)
        if split and dem is None:
            feedback.pushWarning(
                self.tr(
                    "No DEM was given: the units are not split by slope class or into "
                    "platforms and faces."
                )
            )
        self._report_rules(rules, pack, split and dem is not None, feedback)
        work = Path(tempfile.mkdtemp(prefix="units_", dir=QgsProcessingUtils.tempFolder()))
        try:
            units = read_units(source, feedback)
            crs = dem.crs() if dem is not None else source.sourceCrs()
            damage = self._damage_types(source, units)
            pieces = _in_reading_order(
                _join_small_zone_pieces(
                    self._pieces(parameters, context, feedback, units, crs, work),
                    0.0 if crs.isGeographic() else rules.min_area_m2,  # areas in CRS units
                ),
                damage,
            )
            made = self._split(pieces, damage, rules, dem, split, work, context, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except RasterError as error:
            raise self.fail(self.tr("Making the units failed: {0}").format(error)) from None
        finally:
            shutil.rmtree(work, ignore_errors=True)
        record = RunRecord(self)
        record.note("unit_min_area_m2", rules.min_area_m2)
        record.note("unit_face_slope_deg", rules.face_slope_deg)
        output = self._write(source, units, pieces, made, crs, parameters, context, feedback)
        finish_outputs(
            record,
            {self.OUTPUT: (output[self.OUTPUT], None, "")},
            parameters,
            context,
            feedback,
            self.sink_fields,
        )
        return output

    def _report_rules(
        self, rules: UnitRules, pack: RulePack, split: bool, feedback: QgsProcessingFeedback
    ) -> None:
        feedback.pushInfo(
            self.tr("Minimum unit area {0:g} m²").format(rules.min_area_m2)
            + (
                self.tr("; slope classes at {0}°; faces steeper than {1:g}° on {2}").format(
                    ", ".join(f"{v:g}" for v in rules.slope_limits),
                    rules.face_slope_deg if rules.face_slope_deg is not None else 90,
                    "、".join(_damage_names(rules.face_types)) or "-",
                )
                if split
                else ""
            )
            + self.tr(" (rule pack {0})").format(pack.id)
        )

    # --- zones --------------------------------------------------------------------------

    def _pieces(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        units: NumberedUnits,
        crs: QgsCoordinateReferenceSystem,
        work: Path,
    ) -> list[_Piece]:
        """The disturbed polygons in the working CRS, cut by the zones when given."""
        zones = self.parameterAsSource(parameters, self.ZONES, context)
        if zones is None:
            transform = QgsCoordinateTransform(units.crs, crs, context.transformContext())
            pieces = []
            for number, geometry in enumerate(units.geometries, start=1):
                if geometry.isNull() or geometry.isEmpty():
                    continue
                moved = QgsGeometry(geometry)
                if units.crs != crs and moved.transform(transform) != QgsGeometry.Success:
                    raise RasterError(
                        f"disturbed polygon {number} cannot be moved to the DEM's CRS"
                    )
                pieces.append(_Piece(number, None, moved))
            return pieces
        # The overlays run on a file: the polygons numbered, in the working CRS.
        path = work / "parents.gpkg"
        parents = f"{path}|layername={write_numbered_units(units, crs, path, context)}"
        field = self.parameterAsString(parameters, self.ZONE_FIELD, context)
        from qgis import processing

        common = {"INPUT": parents, "OVERLAY": parameters[self.ZONES]}
        inside = processing.run(
            "native:intersection",
            {
                **common,
                "INPUT_FIELDS": [UNIT_FIELD],
                "OVERLAY_FIELDS": [field] if field else [],
                "OVERLAY_FIELDS_PREFIX": "zone_",
                "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT,
            },
            context=context,
            feedback=None,
            is_child_algorithm=True,
        )["OUTPUT"]
        outside = processing.run(
            "native:difference",
            {**common, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
            context=context,
            feedback=None,
            is_child_algorithm=True,
        )["OUTPUT"]
        if feedback.isCanceled():
            raise Cancelled
        pieces = []
        for result, zoned in ((inside, True), (outside, False)):
            layer = QgsProcessingUtils.mapLayerFromString(result, context)
            for feature in layer.getFeatures():
                geometry = feature.geometry()
                if geometry.isEmpty() or geometry.area() <= 0:
                    continue  # slivers of shared boundaries
                zone = feature[f"zone_{field}"] if zoned and field else None
                pieces.append(_Piece(int(feature[UNIT_FIELD]), zone, QgsGeometry(geometry)))
        return pieces

    # --- splitting ----------------------------------------------------------------------

    def _split(
        self,
        pieces: list[_Piece],
        damage: list[str],
        rules: UnitRules,
        dem: Any,
        split: bool,
        work: Path,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> list[_Unit]:
        whole = [_Unit(i, None, None, piece.geometry) for i, piece in enumerate(pieces)]
        if not split or dem is None:
            return whole
        crs = dem.crs()
        numbered = NumberedUnits(list(range(1, len(pieces) + 1)), [p.geometry for p in pieces], crs)
        path = work / "pieces.gpkg"
        layer = write_numbered_units(numbered, crs, path, context)
        face_parents = np.zeros(len(pieces) + 1, dtype=bool)
        face_parents[1:] = [damage[p.parent - 1] in rules.face_types for p in pieces]
        feedback.pushInfo(self.tr("Slope classes and platforms/faces from the DEM…"))
        cells = split_into_units(
            UnitLayer(str(path), layer, UNIT_FIELD),
            len(pieces),
            face_parents,
            dem.source(),
            rules,
            work,
            progress=feedback.setProgress,
            is_cancelled=feedback.isCanceled,
        )
        if cells is None:
            feedback.pushWarning(self.tr("The DEM does not cover the disturbed land."))
            return whole
        return self._cut(pieces, cells, face_parents)

    def _damage_types(self, source: QgsFeatureSource, units: NumberedUnits) -> list[str]:
        index = source.fields().lookupField("dist_type")
        if index < 0:
            return [""] * units.count
        request = _no_geometry().setSubsetOfAttributes([index])
        return [str(f.attribute(index) or "") for f in source.getFeatures(request)]

    def _cut(self, pieces: list[_Piece], cells: UnitCells, face_parents: np.ndarray) -> list[_Unit]:
        """Each piece's units with exact geometry: the piece itself when it is one unit,
        else the piece cut by the unit cells (the largest unit takes what is left, so no
        sliver along the piece's boundary is lost)."""
        table = cells.table
        polygons = _polygons_by_number(cells.polygons_path, cells.layer, cells.field)
        others = _polygons_by_number(cells.polygons_path, cells.others_layer, PARENT_FIELD)
        by_piece: dict[int, list[int]] = {}
        for number, parent in enumerate(table.parent.tolist(), start=1):
            by_piece.setdefault(int(parent), []).append(number)
        result: list[_Unit] = []
        for index, piece in enumerate(pieces):
            numbers = by_piece.get(index + 1, [])

            def describe(number: int, geometry: QgsGeometry, i: int = index) -> _Unit:
                slope_class = int(table.slope_class[number - 1])
                landform = None
                if face_parents[i + 1]:
                    landform = FACE if table.face[number - 1] else PLATFORM
                return _Unit(i, slope_class if slope_class > 0 else None, landform, geometry)

            if len(numbers) <= 1:
                if numbers:
                    result.append(describe(numbers[0], piece.geometry))
                else:
                    result.append(_Unit(index, None, None, piece.geometry))
                continue
            largest = max(numbers, key=lambda n: (table.area_m2[n - 1], -n))
            cut: dict[int, QgsGeometry] = {}
            for number in numbers:
                if number != largest:
                    cut[number] = _polygonal(piece.geometry.intersection(polygons[number]))
            # The largest unit takes the rest of the piece, slivers along its edge included.
            cut[largest] = _polygonal(piece.geometry.difference(others[index + 1]))
            result.extend(describe(n, cut[n]) for n in numbers if n in cut and not cut[n].isEmpty())
        return result

    # --- output -------------------------------------------------------------------------

    def _write(
        self,
        source: QgsFeatureSource,
        units: NumberedUnits,
        pieces: list[_Piece],
        made: list[_Unit],
        crs: QgsCoordinateReferenceSystem,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        fields = QgsFields(source.fields())
        added = (
            (UNIT_ID, FIELD_INT),
            (PARENT_ID, FIELD_INT),
            (ZONE, FIELD_STRING),
            (SLOPE_CLASS, FIELD_INT),
            (LANDFORM, FIELD_STRING),
        )
        for name, kind in added:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, kind))
        for name in AREA_FIELDS:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, FIELD_DOUBLE))
        sink, dest = self.sink(
            parameters,
            self.OUTPUT,
            context,
            fields,
            QgsWkbTypes.MultiPolygon,
            source.sourceCrs(),
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        attributes = [f.attributes() for f in source.getFeatures(_no_geometry())]
        back = QgsCoordinateTransform(crs, source.sourceCrs(), context.transformContext())
        geometries = []
        for unit in made:
            geometry = QgsGeometry(unit.geometry)
            if crs != source.sourceCrs() and geometry.transform(back) != QgsGeometry.Success:
                raise RasterError(
                    f"a unit cannot be transformed back to {source.sourceCrs().authid()}"
                )
            geometry.convertToMultiType()  # noqa: QGS201 (False only when already multi)
            geometries.append(geometry)
        areas = ellipsoidal_areas(geometries, source.sourceCrs(), context)
        # A GeoPackage source's "fid" column would repeat for the units of one polygon:
        # the output numbers its own features (parent_id keeps the polygon's id).
        fid_index = fields.lookupField("fid")
        position = {name: fields.indexOf(name) for name, _ in added}
        position.update({name: fields.indexOf(name) for name in AREA_FIELDS})
        for number, (unit, geometry) in enumerate(zip(made, geometries, strict=True), start=1):
            if feedback.isCanceled():
                del sink  # closes the file before it is removed
                raise self.discard_output(dest)
            piece = pieces[unit.piece]
            row = list(attributes[piece.parent - 1])
            row += [None] * (len(fields) - len(row))
            if fid_index >= 0:
                row[fid_index] = None
            row[position[UNIT_ID]] = number
            row[position[PARENT_ID]] = units.feature_ids[piece.parent - 1]
            row[position[ZONE]] = None if is_null(piece.zone) else str(piece.zone)
            row[position[SLOPE_CLASS]] = unit.slope_class
            row[position[LANDFORM]] = unit.landform
            area = float(areas[number - 1])
            row[position["area_m2"]] = area
            row[position["area_hm2"]] = area * HM2_PER_M2
            row[position["area_mu"]] = area * HM2_PER_M2 * MU_PER_HM2
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            feature.setAttributes(row)
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.OUTPUT)
                del sink
                raise self.discard_output(dest, message)
        feedback.pushInfo(
            self.tr("{0} evaluation units from {1} disturbed polygons.").format(
                len(made), units.count
            )
        )
        return {self.OUTPUT: dest}


def _join_small_zone_pieces(pieces: list[_Piece], min_area_m2: float) -> list[_Piece]:
    """A piece of a disturbed polygon cut off by the zones that is smaller than the minimum
    unit area (a sliver along a zone boundary drawn a little off the disturbed land) joins
    the largest piece of the same polygon, which keeps its zone: no area is lost. Areas in
    the working CRS, a metric one when the DEM's is."""
    by_parent: dict[int, list[_Piece]] = {}
    for piece in pieces:
        by_parent.setdefault(piece.parent, []).append(piece)
    kept: list[_Piece] = []
    for group in by_parent.values():
        if len(group) == 1:
            kept += group
            continue
        group.sort(key=lambda piece: -piece.geometry.area())
        largest, rest = group[0], group[1:]
        small = [piece for piece in rest if piece.geometry.area() < min_area_m2]
        if small:
            joined = QgsGeometry.unaryUnion([largest.geometry, *(p.geometry for p in small)])
            largest = _Piece(largest.parent, largest.zone, _polygonal(joined))
        joined_ids = {id(piece) for piece in small}
        kept += [largest, *(piece for piece in rest if id(piece) not in joined_ids)]
    return kept


def _in_reading_order(pieces: list[_Piece], damage: list[str]) -> list[_Piece]:
    """Pieces by damage type (挖损, 塌陷, 压占, 污染), then north to south and west to east
    (their point on surface): the numbering does not depend on the order in which the
    disturbed polygons come, so the same land gives the same unit ids in every run."""
    rank = {kind: i for i, kind in enumerate(DAMAGE_TYPES)}

    def key(piece: _Piece) -> tuple:
        kind = damage[piece.parent - 1]
        zone = "" if is_null(piece.zone) else str(piece.zone)
        return (rank.get(kind, len(rank)), kind, *reading_position(piece.geometry), zone)

    return sorted(pieces, key=key)


def _damage_names(types: tuple[str, ...]) -> list[str]:
    """Damage types as the user reads them (挖损 / Excavation)."""
    chinese = ui_language().startswith("zh")
    return [DAMAGE_TYPE_NAMES.get(t, (t, t))[0 if chinese else 1] for t in types]


def _no_geometry() -> QgsFeatureRequest:
    return QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)


def _polygonal(geometry: QgsGeometry) -> QgsGeometry:
    """The polygon parts of an overlay result (GEOS may add lines or points where two
    boundaries touch)."""
    if geometry.type() == QgsWkbTypes.PolygonGeometry and not QgsWkbTypes.isMultiType(
        geometry.wkbType()
    ):
        return geometry
    collection = QgsWkbTypes.flatType(geometry.wkbType()) == QgsWkbTypes.GeometryCollection
    if collection and not geometry.convertGeometryCollectionToSubclass(QgsWkbTypes.PolygonGeometry):
        return QgsGeometry()  # no polygon part at all: an empty piece, left out
    return geometry


def _polygons_by_number(path: str, layer_name: str, field: str) -> dict[int, QgsGeometry]:
    """The cell polygons of a layer of ``split_into_units``, one (multi)polygon per number
    (its 4-connected parts touch at most at a corner: a valid multipolygon)."""
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        raise RasterError(f"cannot read the {layer_name} polygons in {path}")
    parts: dict[int, list[QgsGeometry]] = {}
    for feature in layer.getFeatures():
        parts.setdefault(int(feature[field]), []).append(feature.geometry())
    return {number: QgsGeometry.collectGeometry(found) for number, found in parts.items()}
