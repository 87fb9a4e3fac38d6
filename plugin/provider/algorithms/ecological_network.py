"""reclamation:ecologicalnetwork — ecological sources, the minimum cumulative resistance
(MCR) surface and least-cost corridors, now and after the proposed reclamation, and the
damaged units the corridors cross.

Thin: the model is :mod:`...core.network`, the grids come from :mod:`...io.grid_burn`,
resistance and sources are the rule pack's ``network`` block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsLineString,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsRectangle,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, is_null
from ...core.ecosystem_value import NOT_RECLAIMED
from ...core.network import (
    Corridor,
    corridors,
    cumulative_resistance,
    disturbance_factor,
    grid_graph,
    path_cost,
    resistance_surface,
    source_patches,
    unit_crossings,
)
from ...core.rules.network import NetworkRules
from ...core.rules.vocabulary import DAMAGE_TYPES
from ...core.terrain import horn_slope
from ...io.grid_burn import burn_polygons, grid_over, polygons_of, resampled
from ...io.raster import RasterError, RasterGrid, write_raster
from ..outputs import RunRecord
from ..units import metric_crs_of, transformed
from .base import GROUP_ECOLOGY, ReclamationAlgorithm

# The network is one graph over the whole grid (about 200 bytes a cell at peak, measured by
# bench/bench_algorithms.py): 16 million cells (4 000 × 4 000) need about 3.3 GB. A finer grid
# is refused with the cell size to use.
MAX_CELLS = 16_000_000


@dataclass
class _UnitGrids:
    damage: np.ndarray | None  # resistance of damaged cells (NaN elsewhere)
    after_land: np.ndarray  # land resistance after reclamation
    numbers: np.ndarray  # unit number per cell (1-based), 0 elsewhere
    feature_ids: list[int]
    disturbed_now: np.ndarray  # cells of damaged units
    disturbed_after: np.ndarray  # cells of damaged units not reclaimed


class _NoNetworkError(Exception):
    """The landscape gives no network (the reason, in the user's language)."""


@dataclass
class _Grids:
    grid: RasterGrid
    now: np.ndarray  # resistance as it is (damaged)
    after: np.ndarray  # resistance after the proposed reclamation
    sources: np.ndarray  # patch id per cell
    units: np.ndarray  # unit number (1-based, in reading order) per cell, 0 elsewhere
    unit_ids: list[int]  # feature ids of the units, in reading order
    damaged: np.ndarray | None = None  # cells of damaged units (bool)


class EcologicalNetworkAlgorithm(ReclamationAlgorithm):
    LANDUSE = "LANDUSE"
    LANDUSE_CODE_FIELD = "LANDUSE_CODE_FIELD"
    UNITS = "UNITS"
    SOURCES = "SOURCES"
    DEM = "DEM"
    CELL_SIZE = "CELL_SIZE"
    MCR = "MCR"
    CORRIDORS = "CORRIDORS"
    SOURCES_OUT = "SOURCES_OUT"
    UNITS_OUT = "UNITS_OUT"
    SKIP_IF_IMPOSSIBLE = "SKIP_IF_IMPOSSIBLE"
    ADVANCED = frozenset({"SKIP_IF_IMPOSSIBLE"})

    def name(self) -> str:
        return "ecologicalnetwork"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Ecological network (MCR)")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_ECOLOGY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Ecological sources, the minimum cumulative resistance (MCR) surface and the "
            "least-cost corridors between sources, as the land is and after the proposed "
            "reclamation, and the damaged units the corridors cross.\n\n"
            "Resistance comes from the land use (GB/T 21010 code, the rule pack's network "
            "block), replaced on dug and buried units by the resistance of their damage, times "
            "a factor of the slope (with a DEM) and of the distance to damaged land. Sources "
            "are your polygons (SOURCES), else the "
            "patches of the pack's source classes (forest, grassland, wetland) of at least its "
            "least area, without damaged land. MCR = the least Σ distance × resistance from "
            "any source, by Dijkstra on the 8-neighbour graph of the cells (SciPy). A corridor "
            "joins two sources whose resistance zones meet, along the least-cost path.\n\n"
            "With units that carry a proposal (use_proposed, dlbm), the network is computed "
            "again with every reclaimed unit at the resistance of its proposed code: each "
            "corridor gets its cost after reclamation, and each unit the number and length "
            "of corridors crossing it and corridor_gain, the resistance × m its reclamation "
            "removes from them (what reconnecting the land is worth).\n\n"
            "The grid covers the land-use layer in a metric CRS (the layer's own, else the "
            "CGCS2000 or UTM zone) at CELL_SIZE; it is one graph in memory, limited to 16 "
            "million cells."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.add(QgsProcessingParameterFeatureSource(self.LANDUSE, self.tr("Land use"), polygons))
        self.add(
            QgsProcessingParameterField(
                self.LANDUSE_CODE_FIELD,
                self.tr("Land-use code field (GB/T 21010; empty: DLBM)"),
                "DLBM",
                parentLayerParameterName=self.LANDUSE,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (damage and proposed use)"),
                polygons,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.SOURCES,
                self.tr("Ecological sources (empty: from the land use)"),
                polygons,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("DEM (for the slope)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.CELL_SIZE,
                self.tr("Cell size (m)"),
                QgsProcessingParameterNumber.Double,
                10.0,
                minValue=0.5,
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterBoolean(
                self.SKIP_IF_IMPOSSIBLE,
                self.tr(
                    "Without a network (no source, too large a grid): empty outputs and a "
                    "warning instead of an error"
                ),
                False,
            )
        )
        self.add(
            QgsProcessingParameterRasterDestination(
                self.MCR, self.tr("Minimum cumulative resistance"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.CORRIDORS, self.tr("Corridors"), QgsProcessing.TypeVectorLine
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SOURCES_OUT,
                self.tr("Ecological sources"),
                QgsProcessing.TypeVectorPolygon,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.UNITS_OUT,
                self.tr("Units with the corridors they carry"),
                QgsProcessing.TypeVectorPolygon,
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
        pack = self.pack_with(parameters, context, "network", "cn-reclamation")
        rules = pack.network
        self.ponding_min_m = pack.proposal.ponding_min_depth_m.value
        try:
            grids = self._grids(rules, parameters, context, feedback)
        except _NoNetworkError as reason:
            return self._without_network(str(reason), None, parameters, context, feedback)
        cell = grids.grid.geotransform[1]
        feedback.pushInfo(
            self.tr("Grid of {0} × {1} cells of {2:g} m; {3} ecological source(s).").format(
                grids.grid.width, grids.grid.height, cell, int(grids.sources.max())
            )
        )
        if grids.sources.max() == 0:
            reason = self.tr(
                "No ecological source: the land use has no patch of the rule pack's source "
                "classes ({0}) of at least {1:g} hm². Give SOURCES, or lower "
                "network.sources.min_area_hm2 in your copy of the pack."
            ).format(", ".join(rules.source_codes), rules.source_min_area_hm2)
            return self._without_network(reason, grids, parameters, context, feedback)
        feedback.setProgress(30)
        try:
            graph = grid_graph(grids.now, cell)
            mcr = cumulative_resistance(graph, grids.sources)
            found = corridors(graph, mcr, cell)
            feedback.setProgress(60)
            if feedback.isCanceled():
                return {}
            changed = not np.array_equal(grids.now, grids.after, equal_nan=True)
            after: dict[tuple[int, int], float] = {}
            del graph  # one graph in memory at a time
            if changed:
                graph_after = grid_graph(grids.after, cell)
                mcr_after = cumulative_resistance(graph_after, grids.sources)
                after = {
                    (c.source_a, c.source_b): c.cost
                    for c in corridors(graph_after, mcr_after, cell)
                }
        except ValueError as error:
            raise self.fail(self.tr("Ecological network: {0}").format(error)) from None
        feedback.setProgress(85)
        crossings = unit_crossings(found, grids.units, grids.now, grids.after, cell)
        self._report(found, after, changed, feedback)
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        outputs = {
            self.CORRIDORS: self._write_corridors(
                found, after, changed, grids, parameters, context
            ),
        }
        mcr_path = self._write_mcr(mcr.cost, grids.grid, parameters, context)
        if mcr_path:
            outputs[self.MCR] = mcr_path
        sources = self._write_sources(grids, parameters, context)
        if sources:
            outputs[self.SOURCES_OUT] = sources
        units = self._write_units(grids, crossings, parameters, context)
        if units:
            outputs[self.UNITS_OUT] = units
        self.finish_unstyled(
            record,
            {k: v for k, v in outputs.items() if k != self.MCR},
            parameters,
            context,
            feedback,
        )
        return outputs

    # --- the grids --------------------------------------------------------------------

    def _grids(
        self,
        rules: NetworkRules,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> _Grids:
        landuse = self.parameterAsSource(parameters, self.LANDUSE, context)
        if landuse is None or landuse.featureCount() == 0:
            raise self.fail(self.tr("The land-use layer has no features."))
        chosen = self.parameterAsFields(parameters, self.LANDUSE_CODE_FIELD, context)
        field = chosen[0] if chosen else "DLBM"
        if field not in landuse.fields().names():
            raise self.fail(
                self.tr("The land-use layer has no field {0}. Fields: {1}").format(
                    field, ", ".join(landuse.fields().names())
                )
            )
        crs = metric_crs_of(landuse, context)
        shapes, codes, extent = self._read(landuse, crs, context, lambda f: f[field])
        cell = self.parameterAsDouble(parameters, self.CELL_SIZE, context)
        grid = grid_over(
            (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()),
            cell,
            crs.toWkt(),
        )
        if grid.width * grid.height > MAX_CELLS:
            needed = cell * (grid.width * grid.height / MAX_CELLS) ** 0.5
            raise _NoNetworkError(
                self.tr(
                    "A grid of {0} × {1} cells of {2:g} m is too large for the network (at most "
                    "{3:,} cells): give a cell size of at least {4:.0f} m."
                ).format(grid.width, grid.height, cell, MAX_CELLS, np.ceil(needed))
            )
        resistance = [rules.resistance_of(code) for code in codes]
        unknown = sorted(
            {c or self.tr("(empty)") for c, r in zip(codes, resistance, strict=True) if r is None}
        )
        if unknown:
            feedback.pushWarning(
                self.tr(
                    "Land-use codes without a resistance in the rule pack (impassable): {0}. "
                    "Add them to network.resistance."
                ).format(", ".join(unknown))
            )
        land = burn_polygons(
            [(s, np.nan if r is None else r) for s, r in zip(shapes, resistance, strict=True)],
            grid,
        )
        is_source = burn_polygons(
            [(s, 1.0) for s, c in zip(shapes, codes, strict=True) if rules.is_source(c)], grid, 0.0
        )
        units = self._unit_grids(rules, parameters, crs, grid, land, context)
        slope = self._slope(parameters, grid, context)
        cell = grid.geotransform[1]
        bands = rules.disturbance_bands
        now = resistance_surface(land, units.damage, slope, rules.slope_classes)
        now *= disturbance_factor(units.disturbed_now, cell, bands)
        after = resistance_surface(units.after_land, None, slope, rules.slope_classes)
        after *= disturbance_factor(units.disturbed_after, cell, bands)
        sources = self._sources(rules, parameters, crs, grid, is_source, units.damage, context)
        return _Grids(
            grid, now, after, sources, units.numbers, units.feature_ids, units.disturbed_now
        )

    def _read(
        self,
        source: Any,
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
        value: Any,
    ) -> tuple[list[bytes], list[str], QgsRectangle]:
        """WKB in ``crs``, the value of each feature (as text) and their extent."""
        transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
        shapes, values = [], []
        extent = QgsRectangle()
        extent.setMinimal()
        for feature in source.getFeatures():
            if feature.geometry().isEmpty():
                continue
            geometry = self._in_crs(feature, transform, source)
            extent.combineExtentWith(geometry.boundingBox())
            shapes.append(bytes(geometry.asWkb()))
            found = value(feature)
            values.append("" if is_null(found) else str(found).strip())
        return shapes, values, extent

    def _in_crs(self, feature: Any, transform: Any, source: Any) -> QgsGeometry:
        """The feature's geometry in the working CRS, or an error naming the layer."""
        try:
            return transformed(feature.geometry(), transform)
        except ValueError as error:
            raise self.fail(
                self.tr("Feature {0} of {1}: {2}").format(feature.id(), source.sourceName(), error)
            ) from None

    def _unit_grids(
        self,
        rules: NetworkRules,
        parameters: dict,
        crs: QgsCoordinateReferenceSystem,
        grid: RasterGrid,
        land: np.ndarray,
        context: QgsProcessingContext,
    ) -> _UnitGrids:
        """The damage resistance, the land resistance after reclamation, the unit numbers,
        the damaged land now and what stays damaged after reclamation."""
        units = self.parameterAsSource(parameters, self.UNITS, context)
        empty = np.zeros((grid.height, grid.width), dtype=np.int64)
        if units is None:
            none = np.zeros(empty.shape, dtype=bool)
            return _UnitGrids(None, land, empty, [], none, none)
        names = units.fields().names()

        def text(feature: Any, name: str) -> str:
            return "" if name not in names or is_null(feature[name]) else str(feature[name])

        features = list(units.getFeatures())
        transform = QgsCoordinateTransform(units.sourceCrs(), crs, context.transformContext())
        shapes = []
        for feature in features:
            shapes.append(bytes(self._in_crs(feature, transform, units).asWkb()))
        ponding_min = self.ponding_min_m

        def damage_of(feature: Any) -> float | None:
            kind = text(feature, "dist_type")
            if kind not in DAMAGE_TYPES:
                return None
            depth = text(feature, "ponding_m")
            if rules.ponded is not None and depth and float(depth) > ponding_min:
                return rules.ponded
            return rules.damage.get(kind)

        damage_values = [damage_of(f) for f in features]
        damage = burn_polygons(
            [(s, v) for s, v in zip(shapes, damage_values, strict=True) if v is not None], grid
        )
        reclaimed = []
        damaged_numbers, staying_numbers = [], []
        for number, (shape, feature) in enumerate(zip(shapes, features, strict=True), start=1):
            use = text(feature, "use_proposed")
            code = text(feature, "dlbm")
            value = rules.resistance_of(code) if code and use and use not in NOT_RECLAIMED else None
            if value is not None:
                reclaimed.append((shape, value))
            if text(feature, "dist_type") in DAMAGE_TYPES:
                damaged_numbers.append(number)
                if value is None:
                    staying_numbers.append(number)
        after_land = land.copy()
        proposed = burn_polygons(reclaimed, grid)
        done = np.isfinite(proposed)
        after_land[done] = proposed[done]
        # Damage stays where the unit is not reclaimed.
        kept = np.isfinite(damage) & ~done
        after_land[kept] = damage[kept]
        numbers = burn_polygons([(s, i + 1) for i, s in enumerate(shapes)], grid, 0.0)
        numbers = numbers.astype(np.int64)
        return _UnitGrids(
            damage,
            after_land,
            numbers,
            [f.id() for f in features],
            np.isin(numbers, damaged_numbers),
            np.isin(numbers, staying_numbers),
        )

    def _slope(
        self, parameters: dict, grid: RasterGrid, context: QgsProcessingContext
    ) -> np.ndarray | None:
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        if dem is None:
            return None
        try:
            heights = resampled(dem.source(), grid)
        except RasterError as error:
            raise self.fail(self.tr("DEM: {0}").format(error)) from None
        window = np.pad(heights, 1, constant_values=np.nan)
        cell = grid.geotransform[1]
        return horn_slope(window, cell, cell, compute_edges=True)

    def _sources(
        self,
        rules: NetworkRules,
        parameters: dict,
        crs: QgsCoordinateReferenceSystem,
        grid: RasterGrid,
        is_source: np.ndarray,
        damage: np.ndarray | None,
        context: QgsProcessingContext,
    ) -> np.ndarray:
        given = self.parameterAsSource(parameters, self.SOURCES, context)
        if given is not None:
            shapes, _, _ = self._read(given, crs, context, lambda f: f.id())
            burnt = burn_polygons([(s, i + 1) for i, s in enumerate(shapes)], grid, 0.0)
            return burnt.astype(np.int64)
        usable = is_source > 0
        if damage is not None:
            usable &= ~np.isfinite(damage)  # dug or buried land is no source
        cell = grid.geotransform[1]
        return source_patches(usable, cell * cell, rules.source_min_area_hm2)

    def _without_network(
        self,
        reason: str,
        grids: _Grids | None,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """No network can be built: an error, or with SKIP_IF_IMPOSSIBLE the reason as a
        warning and empty outputs (no corridor; the units with none crossing them)."""
        if not self.parameterAsBoolean(parameters, self.SKIP_IF_IMPOSSIBLE, context):
            raise self.fail(reason)
        feedback.pushWarning(self.tr("No ecological network: {0}").format(reason))
        if grids is None:
            crs = metric_crs_of(self.parameterAsSource(parameters, self.LANDUSE, context), context)
            grids = _Grids(
                RasterGrid(1, 1, (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), crs.toWkt(), None),
                *(np.zeros((1, 1)) for _ in range(4)),
                [],
            )
        outputs = {self.CORRIDORS: self._write_corridors([], {}, False, grids, parameters, context)}
        sources = self._write_sources(
            _Grids(grids.grid, grids.now, grids.after, np.zeros((1, 1), dtype=np.int64),
                   grids.units, grids.unit_ids),
            parameters, context,
        )  # fmt: skip
        if sources:
            outputs[self.SOURCES_OUT] = sources
        units = self._write_units(grids, {}, parameters, context)
        if units:
            outputs[self.UNITS_OUT] = units
        self.finish_unstyled(RunRecord(self), outputs, parameters, context, feedback)
        return outputs

    # --- outputs ----------------------------------------------------------------------

    def _report(
        self,
        found: list[Corridor],
        after: dict[tuple[int, int], float],
        changed: bool,
        feedback: QgsProcessingFeedback,
    ) -> None:
        total = sum(c.cost for c in found)
        feedback.pushInfo(
            self.tr("{0} corridor(s), {1:,.0f} m in all, cumulative resistance {2:,.0f}.").format(
                len(found), sum(c.length_m for c in found), total
            )
        )
        if changed:
            paired = [c for c in found if (c.source_a, c.source_b) in after]
            before = sum(c.cost for c in paired)
            later = sum(after[(c.source_a, c.source_b)] for c in paired)
            feedback.pushInfo(
                self.tr(
                    "After the proposed reclamation the same corridors cost {0:,.0f} ({1:+.1f} %)."
                ).format(later, 100.0 * (later - before) / before if before else 0.0)
            )

    def _write_mcr(
        self, cost: np.ndarray, grid: RasterGrid, parameters: dict, context: QgsProcessingContext
    ) -> str:
        path = self.parameterAsOutputLayer(parameters, self.MCR, context)
        if not path:
            return ""
        values = np.where(np.isfinite(cost), cost, np.nan).astype(np.float32)
        write_raster(path, grid, [(0, values)])
        return path

    def _write_corridors(
        self,
        found: list[Corridor],
        after: dict[tuple[int, int], float],
        changed: bool,
        grids: _Grids,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        fields = QgsFields()
        for name, kind in (
            ("corridor_id", FIELD_INT),
            ("source_a", FIELD_INT),
            ("source_b", FIELD_INT),
            ("cost", FIELD_DOUBLE),
            ("cost_after", FIELD_DOUBLE),
            ("length_m", FIELD_DOUBLE),
            ("damaged_m", FIELD_DOUBLE),
        ):
            fields.append(QgsField(name, kind))
        crs = QgsCoordinateReferenceSystem.fromWkt(grids.grid.crs_wkt)
        sink, dest = self.sink(
            parameters, self.CORRIDORS, context, fields, QgsWkbTypes.LineString, crs
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.CORRIDORS))
        xmin, cell, _, ymax, _, _ = grids.grid.geotransform
        cols = grids.grid.width
        damaged = (
            grids.damaged
            if grids.damaged is not None
            else np.zeros((grids.grid.height, grids.grid.width), dtype=bool)
        )
        on_damage = damaged.astype(float)  # its path cost is the length on damaged land
        for number, corridor in enumerate(found, start=1):
            rows, columns = np.divmod(corridor.cells, cols)
            line = QgsLineString(
                (xmin + (columns + 0.5) * cell).tolist(), (ymax - (rows + 0.5) * cell).tolist()
            )
            damaged_m = path_cost(corridor.cells, on_damage, cell)
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry(line))
            feature.setAttributes(
                [
                    number,
                    corridor.source_a,
                    corridor.source_b,
                    round(corridor.cost, 2),
                    _cost_after(corridor, after, changed),
                    round(corridor.length_m, 2),
                    round(damaged_m, 2),
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.CORRIDORS)
                del sink
                raise self.discard_output(dest, message)
        return dest

    def _write_sources(self, grids: _Grids, parameters: dict, context: QgsProcessingContext) -> str:
        fields = QgsFields()
        fields.append(QgsField("source_id", FIELD_INT))
        fields.append(QgsField("area_hm2", FIELD_DOUBLE))
        crs = QgsCoordinateReferenceSystem.fromWkt(grids.grid.crs_wkt)
        sink, dest = self.sink(
            parameters, self.SOURCES_OUT, context, fields, QgsWkbTypes.MultiPolygon, crs
        )
        if sink is None:
            if not parameters.get(self.SOURCES_OUT):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.SOURCES_OUT))
        pieces: dict[int, QgsGeometry] = {}
        for label, wkb in polygons_of(grids.sources, grids.grid):
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            pieces[label] = geometry if label not in pieces else pieces[label].combine(geometry)
        cell = grids.grid.geotransform[1]
        counts = np.bincount(grids.sources.ravel(), minlength=len(pieces) + 1)
        for label in sorted(pieces):
            feature = QgsFeature(fields)
            geometry = pieces[label]
            if not geometry.isMultipart() and not geometry.convertToMultiType():
                raise self.fail(self.tr("A source polygon could not be written."))
            feature.setGeometry(geometry)
            feature.setAttributes([label, round(float(counts[label]) * cell * cell * 1e-4, 4)])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.SOURCES_OUT)
                del sink
                raise self.discard_output(dest, message)
        return dest

    def _write_units(
        self,
        grids: _Grids,
        crossings: dict,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return ""
        number_of = {fid: i + 1 for i, fid in enumerate(grids.unit_ids)}
        features = list(units.getFeatures())

        def values_of(i: int) -> dict[str, Any]:
            number = number_of.get(features[i].id(), 0)
            count, length, gain = crossings.get(number, (0, 0.0, 0.0))
            return {"corridors": count, "corridor_m": round(length, 2),
                    "corridor_gain": round(gain, 2)}  # fmt: skip

        added = [("corridors", FIELD_INT), ("corridor_m", FIELD_DOUBLE),
                 ("corridor_gain", FIELD_DOUBLE)]  # fmt: skip
        return self.write_units_with(
            units, features, added, values_of, parameters, self.UNITS_OUT, context
        )


def _cost_after(corridor: Corridor, after: dict[tuple[int, int], float], changed: bool) -> Any:
    """The cost of the pair's corridor after reclamation: the same when nothing changes,
    NULL when the two sources' zones no longer meet."""
    if not changed:
        return round(corridor.cost, 2)
    cost = after.get((corridor.source_a, corridor.source_b))
    return None if cost is None else round(cost, 2)
