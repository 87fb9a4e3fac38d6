"""reclamation:secondlives — second lives of mine land (转型利用): photovoltaics, construction
on stable ground, ecology and tourism near settlements, per evaluation unit, with the
capacity of the PV; construction replaces the proposal when the pack says so.

Thin: the tests are :mod:`...core.reuse`, the limits the rule pack's ``reuse`` block.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsRectangle,
    QgsSpatialIndex,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING
from ...core.bands import band_rows
from ...core.labels import in_language
from ...core.reuse import (
    REUSE_NAMES,
    ReuseFacts,
    ReuseResult,
    assess,
    bearing_of,
    gradient_sums,
    pv_candidates,
)
from ...core.rules.landuse_codes import LAND_USE_CODES
from ...core.rules.pack import RulePack
from ...core.rules.reuse import REUSES
from ...i18n import report_language
from ...io import Cancelled
from ...io.grid_burn import BurnLayer, grid_over, resampled, resampling_scale, rows_of
from ...io.raster import RasterError, RasterGrid
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, table_fields
from ..units import metric_crs_of, number_column, text_column, transformed
from .base import GROUP_ECOLOGY, ReclamationAlgorithm

# Cells of the grid the units' aspect is read on (the DEM resampled), at most (for time:
# memory holds one band of ASPECT_BAND_CELLS).
MAX_ASPECT_CELLS = 25_000_000
ASPECT_BAND_CELLS = 1_000_000
TRUE_WORDS = ("1", "true", "yes", "y", "t", "是", "稳定", "稳沉")


class SecondLivesAlgorithm(ReclamationAlgorithm):
    UNITS = "UNITS"
    RULES = "RULES"
    DEM = "DEM"
    GRID = "GRID"
    ROADS = "ROADS"
    SETTLEMENTS = "SETTLEMENTS"
    STABLE_FIELD = "STABLE_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    ADVANCED = frozenset({"STABLE_FIELD"})

    def name(self) -> str:
        return "secondlives"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Second lives of mine land")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_ECOLOGY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Second lives (转型利用) for the evaluation units, by the rule pack's reuse block, "
            "each limit with its source and status.\n\n"
            "Photovoltaics (光伏): on land whose proposed use it may replace (never "
            "cultivated land or forest in the built-in packs); ground panels no steeper than "
            "the limit and, above the flat slope, facing within the aspect range (mean aspect "
            "from the DEM); floating panels on land proposed as water deep enough; within the "
            "distance to a grid line or substation (GRID); adjacent suitable units together at "
            "least the least area. Capacity = area × MW per hm².\n"
            "Construction (建设用地): no steeper than the limit, within the distance to a road "
            "(ROADS), never on subsided land unless the unit is stable (STABLE_FIELD).\n"
            "Ecology and tourism (生态/文旅): water, woods and grass within the distance to a "
            "settlement (SETTLEMENTS).\n\n"
            "A limit whose layer is not given fails (a missing value never passes). Outputs: "
            "the units with reuse_<kind> (1/0), why_<kind> (the limit failed), pv_floating, "
            "pv_mw and reuse_first (the first suitable by the pack's priority); where the "
            "pack's reuse.replace is true, construction becomes the proposed use (its code "
            "from the pack) and the reclaimed use is kept in use_reclaimed. A summary by kind."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (with proposed use)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM (for the aspect)"),
                                              optional=True)
        )  # fmt: skip
        for key, label in (
            (self.GRID, self.tr("Grid lines or substations")),
            (self.ROADS, self.tr("Roads")),
            (self.SETTLEMENTS, self.tr("Settlements")),
        ):
            self.add(
                QgsProcessingParameterFeatureSource(
                    key, label, [QgsProcessing.TypeVectorAnyGeometry], optional=True
                )
            )
        self.add(
            QgsProcessingParameterField(
                self.STABLE_FIELD,
                self.tr("Field: the ground is stable (1/0; subsided land without it is not)"),
                parentLayerParameterName=self.UNITS,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Units with their second lives"),
                QgsProcessing.TypeVectorPolygon,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Second lives by kind"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )

    # --- the run ----------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        pack = self.pack_with(parameters, context, "reuse", "cn-transformation")
        source = self.unit_source(parameters, context)
        if "use_proposed" not in source.fields().names():
            raise self.fail(
                self.tr("The units have no field use_proposed: use the output of Evaluate "
                        "suitability.")
            )  # fmt: skip
        features = list(source.getFeatures(QgsFeatureRequest()))
        crs = metric_crs_of(source, context)
        shapes = self._shapes(features, source.sourceCrs(), crs, context)
        facts = self._facts(features, shapes, source, crs, parameters, context, feedback)
        candidates, why_pv = pv_candidates(pack.reuse, facts)
        groups = self._group_areas(shapes, candidates, crs, context)
        result = assess(pack.reuse, facts, groups, why_pv)
        language = report_language("", [pack.region])
        self._report(result, facts, feedback)
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        outputs = {
            self.OUTPUT: self._write_units(source, features, pack, result, parameters, context)
        }
        summary = self._write_summary(result, facts, language, parameters, context)
        if summary:
            outputs[self.SUMMARY] = summary
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        return outputs

    # --- facts ------------------------------------------------------------------------

    def _shapes(
        self,
        features: list,
        source_crs: QgsCoordinateReferenceSystem,
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
    ) -> list[QgsGeometry]:
        transform = QgsCoordinateTransform(source_crs, crs, context.transformContext())
        shapes = []
        for feature in features:
            try:
                shapes.append(transformed(feature.geometry(), transform))
            except ValueError as error:
                raise self.fail(
                    self.tr("Feature {0} of the units: {1}").format(feature.id(), error)
                ) from None
        return shapes

    def _facts(
        self,
        features: list,
        shapes: list[QgsGeometry],
        source: Any,
        crs: QgsCoordinateReferenceSystem,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> ReuseFacts:
        names = source.fields().names()

        def text(name: str) -> np.ndarray:
            return text_column(features, name if name in names else None)

        def number(name: str) -> np.ndarray:
            return number_column(features, name if name in names else None)

        stable_field = (self.parameterAsFields(parameters, self.STABLE_FIELD, context) or [""])[0]
        stated = text_column(features, stable_field or None)
        # Stable: a yes word, or a number other than 0 (1, 1.0 in a numeric field).
        stable = np.isin(np.char.lower(stated.astype(str)), TRUE_WORDS) | (
            np.nan_to_num(number_column(features, stable_field or None), nan=0.0) != 0
        )
        areas = ellipsoidal_areas([f.geometry() for f in features], source.sourceCrs(), context)
        return ReuseFacts(
            area_hm2=np.nan_to_num(areas) * 1e-4,
            use=text("use_proposed"),
            damage_type=text("dist_type"),
            stable=stable,
            slope_deg=number("slope_deg"),
            aspect_deg=self._aspects(shapes, crs, parameters, context, feedback),
            ponding_m=number("ponding_m"),
            grid_m=self._distances(shapes, crs, parameters, self.GRID, context),
            road_m=self._distances(shapes, crs, parameters, self.ROADS, context),
            settlement_m=self._distances(shapes, crs, parameters, self.SETTLEMENTS, context),
        )

    def _distances(
        self,
        shapes: list[QgsGeometry],
        crs: QgsCoordinateReferenceSystem,
        parameters: dict,
        key: str,
        context: QgsProcessingContext,
    ) -> np.ndarray:
        """Metres from each unit to the nearest feature of the layer ``key`` (NaN: none)."""
        layer = self.parameterAsSource(parameters, key, context)
        if layer is None:
            return np.full(len(shapes), np.nan)
        transform = QgsCoordinateTransform(layer.sourceCrs(), crs, context.transformContext())
        index = QgsSpatialIndex(QgsSpatialIndex.FlagStoreFeatureGeometries)
        targets: dict[int, QgsGeometry] = {}
        for feature in layer.getFeatures():
            if feature.geometry().isEmpty():
                continue
            try:
                geometry = transformed(feature.geometry(), transform)
            except ValueError as error:
                raise self.fail(
                    self.tr("Feature {0} of {1}: {2}").format(
                        feature.id(), layer.sourceName(), error
                    )
                ) from None
            moved = QgsFeature(feature)
            moved.setGeometry(geometry)
            if index.addFeature(moved):
                targets[feature.id()] = geometry
        distances = np.full(len(shapes), np.nan)
        for i, shape in enumerate(shapes):
            nearest = index.nearestNeighbor(shape, 1)
            if nearest:
                distances[i] = min(shape.distance(targets[fid]) for fid in nearest)
        return distances

    def _aspects(
        self,
        shapes: list[QgsGeometry],
        crs: QgsCoordinateReferenceSystem,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> np.ndarray:
        """The mean aspect of each unit from the DEM (NaN without a DEM)."""
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        if dem is None:
            return np.full(len(shapes), np.nan)
        extent = QgsRectangle()
        extent.setMinimal()
        for shape in shapes:
            extent.combineExtentWith(shape.boundingBox())
        cell = dem.rasterUnitsPerPixelX() if not dem.crs().isGeographic() else 10.0
        area = extent.width() * extent.height()
        cell = max(cell, (area / MAX_ASPECT_CELLS) ** 0.5)
        grid = grid_over(
            (extent.xMinimum() - cell, extent.yMinimum() - cell,
             extent.xMaximum() + cell, extent.yMaximum() + cell),
            cell, crs.toWkt(),
        )  # fmt: skip
        try:
            return self._band_aspects(dem.source(), grid, shapes, feedback)
        except RasterError as error:
            raise self.fail(self.tr("DEM: {0}").format(error)) from None

    def _band_aspects(
        self,
        dem: str,
        grid: RasterGrid,
        shapes: list[QgsGeometry],
        feedback: QgsProcessingFeedback,
    ) -> np.ndarray:
        """The units' mean aspects from the DEM resampled onto ``grid`` band by band of
        rows (each with one row of each neighbour, and one bilinear kernel for the grid)."""
        units = BurnLayer([(bytes(s.asWkb()), i + 1) for i, s in enumerate(shapes)], grid)
        scale = resampling_scale(dem, grid)
        sum_east, sum_north = np.zeros(len(shapes)), np.zeros(len(shapes))
        for r0, r1 in band_rows(grid.height, grid.width, ASPECT_BAND_CELLS):
            if feedback.isCanceled():
                raise Cancelled
            w0, w1 = max(0, r0 - 1), min(grid.height, r1 + 1)
            heights = resampled(dem, rows_of(grid, w0, w1), scale)
            labels = units.burn(rows_of(grid, r0, r1), 0.0).astype(np.int64)
            east, north = gradient_sums(labels, heights, grid.cell_width, len(shapes), r0 - w0)
            sum_east += east
            sum_north += north
        return bearing_of(sum_east, sum_north)

    def _group_areas(
        self,
        shapes: list[QgsGeometry],
        candidates: np.ndarray,
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
    ) -> np.ndarray:
        """For each PV candidate, the area (hm²) of the group of touching candidates it is
        in; 0 for the others."""
        groups = np.zeros(len(shapes))
        chosen = np.flatnonzero(candidates)
        if chosen.size == 0:
            return groups
        union = QgsGeometry.unaryUnion([shapes[i] for i in chosen])
        parts = [QgsGeometry(p) for p in union.asGeometryCollection()] or [union]
        areas = np.nan_to_num(ellipsoidal_areas(parts, crs, context)) * 1e-4
        index = QgsSpatialIndex()
        for number, part in enumerate(parts):
            if not index.addFeature(number, part.boundingBox()):
                raise self.fail(self.tr("A group of units could not be indexed."))
        for i in chosen:
            inside = shapes[i].pointOnSurface()
            for number in index.intersects(inside.boundingBox()):
                if parts[number].intersects(inside):
                    groups[i] = areas[number]
                    break
        return groups

    # --- outputs ----------------------------------------------------------------------

    def _report(
        self, result: ReuseResult, facts: ReuseFacts, feedback: QgsProcessingFeedback
    ) -> None:
        for key in REUSES:
            chosen = result.suitable[key]
            feedback.pushInfo(
                self.tr("{0}: {1} unit(s), {2:.4f} hm².").format(
                    self._kind_name(key), int(chosen.sum()), float(facts.area_hm2[chosen].sum())
                )
            )
        feedback.pushInfo(
            self.tr("Photovoltaic capacity {0:.2f} MW ({1:.4f} hm² floating).").format(
                float(result.pv_mw.sum()), float(facts.area_hm2[result.floating].sum())
            )
        )

    def _kind_name(self, key: str) -> str:
        return {
            "pv": self.tr("Photovoltaics"),
            "construction": self.tr("Construction"),
            "tourism": self.tr("Ecology and tourism"),
        }[key]

    def _write_units(
        self,
        source: Any,
        features: list,
        pack: RulePack,
        result: ReuseResult,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        added = [
            *(item for key in REUSES
              for item in ((f"reuse_{key}", FIELD_INT), (f"why_{key}", FIELD_STRING))),
            ("pv_floating", FIELD_INT),
            ("pv_mw", FIELD_DOUBLE),
            ("reuse_first", FIELD_STRING),
            ("use_reclaimed", FIELD_STRING),
        ]  # fmt: skip
        replacing = pack.reuse.replace
        build = pack.reuse.reuses["construction"]
        code = build.code or pack.proposal.codes.get("construction", "")
        names = source.fields().names()

        def values_of(i: int) -> dict[str, Any]:
            values: dict[str, Any] = {}
            for key in REUSES:
                values[f"reuse_{key}"] = int(result.suitable[key][i])
                values[f"why_{key}"] = result.why[key][i] or None
            values["pv_floating"] = int(result.floating[i])
            values["pv_mw"] = round(float(result.pv_mw[i]), 4)
            values["reuse_first"] = result.first[i] or None
            if replacing and result.first[i] == "construction":
                values["use_reclaimed"] = features[i]["use_proposed"]
                values["use_proposed"] = "construction"
                if "dlbm" in names and code:
                    values["dlbm"] = code
                if "dlmc" in names and code in LAND_USE_CODES:
                    values["dlmc"] = LAND_USE_CODES[code][0]
            return values

        return self.write_units_with(
            source, features, added, values_of, parameters, self.OUTPUT, context
        )

    def _write_summary(
        self,
        result: ReuseResult,
        facts: ReuseFacts,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        fields = table_fields(
            ("reuse", FIELD_STRING),
            ("reuse_name", FIELD_STRING),
            ("units", FIELD_INT),
            ("area_hm2", FIELD_DOUBLE),
            ("floating_hm2", FIELD_DOUBLE),
            ("capacity_mw", FIELD_DOUBLE),
        )
        sink, dest = self.sink(parameters, self.SUMMARY, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.SUMMARY):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.SUMMARY))
        for key in REUSES:
            chosen = result.suitable[key]
            row = [
                key,
                in_language(REUSE_NAMES[key], language),
                int(chosen.sum()),
                round(float(facts.area_hm2[chosen].sum()), 4),
                round(float(facts.area_hm2[result.floating].sum()), 4) if key == "pv" else None,
                round(float(result.pv_mw.sum()), 4) if key == "pv" else None,
            ]
            self.add_row(sink, fields, row, parameters, self.SUMMARY, dest)
        return dest
