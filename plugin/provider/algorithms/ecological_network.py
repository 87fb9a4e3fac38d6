"""reclamation:ecologicalnetwork — ecological sources, the minimum cumulative resistance
(MCR) surface and least-cost corridors, now and after the proposed reclamation, and the
damaged units the corridors cross.

Thin: the model is :mod:`...core.network`, the grids come from :mod:`...io.grid_burn`,
resistance and sources are the rule pack's ``network`` block.
"""

from __future__ import annotations

import contextlib
import itertools
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import gdal
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
    QgsProcessingUtils,
    QgsRectangle,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, is_null
from ...core.bands import band_rows
from ...core.ecosystem_value import NOT_RECLAIMED
from ...core.network import (
    BAND_CELLS,
    CORRIDOR_BAND_CELLS,
    Corridor,
    corridors,
    cumulative_resistance,
    path_sum,
    unit_crossings,
)
from ...core.rules.network import NetworkRules
from ...core.rules.vocabulary import DAMAGE_TYPES
from ...io.disk_grid import DiskGrid
from ...io.grid_burn import grid_over, polygons_of
from ...io.network_grids import Allocate, DemError, NetworkGrids, UnitShapes, build_grids
from ...io.raster import RasterGrid, write_raster
from ..outputs import RunRecord
from ..units import metric_crs_of, transformed
from .base import GROUP_ECOLOGY, ReclamationAlgorithm, progress_reporter

# The network is searched band by band (core.network): memory holds one band's graph (about
# 200 MB) and, up to IN_MEMORY_CELLS, the grids themselves (about 50 bytes a cell); larger
# grids live in scratch files. A finer grid than MAX_CELLS is refused with the cell size to
# use (100 M cells: some minutes and 5 GB of scratch files; a cell size mistyped for a large
# extent stops at once).
IN_MEMORY_CELLS = 4_000_000
MAX_CELLS = 100_000_000


class _NoNetworkError(Exception):
    """The landscape gives no network (the reason, in the user's language)."""


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
            "joins two sources whose resistance zones meet, along the least-cost path; a cell "
            "exactly as near to two sources belongs to the lower-numbered one.\n\n"
            "With units that carry a proposal (use_proposed, dlbm), the network is computed "
            "again with every reclaimed unit at the resistance of its proposed code: each "
            "corridor gets its cost after reclamation, and each unit the number and length "
            "of corridors crossing it and corridor_gain, the resistance × m its reclamation "
            "removes from them (what reconnecting the land is worth).\n\n"
            "The grid covers the land-use layer in a metric CRS (the layer's own, else the "
            "CGCS2000 or UTM zone) at CELL_SIZE, at most 100 million cells. It is searched in "
            "bands of rows, so memory holds one band; grids above 4 million cells are kept in "
            "scratch files in QGIS's temporary folder (about 50 bytes a cell), removed when "
            "the run ends."
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
        with contextlib.ExitStack() as cleanup:
            self.scratch = Path(
                tempfile.mkdtemp(prefix="network_", dir=QgsProcessingUtils.tempFolder())
            )
            cleanup.callback(shutil.rmtree, self.scratch, True)
            try:
                grids = self._grids(rules, parameters, context, feedback)
            except _NoNetworkError as reason:
                return self._without_network(str(reason), None, parameters, context, feedback)
            return self._network(grids, rules, pack, parameters, context, feedback)

    def _network(
        self,
        grids: NetworkGrids,
        rules: NetworkRules,
        pack: Any,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        cell = grids.grid.geotransform[1]
        feedback.pushInfo(
            self.tr("Grid of {0} × {1} cells of {2:g} m; {3} ecological source(s).").format(
                grids.grid.width, grids.grid.height, cell, grids.source_count
            )
        )
        if grids.source_count == 0:
            reason = self.tr(
                "No ecological source: the land use has no patch of the rule pack's source "
                "classes ({0}) of at least {1:g} hm². Give SOURCES, or lower "
                "network.sources.min_area_hm2 in your copy of the pack."
            ).format(", ".join(rules.source_codes), rules.source_min_area_hm2)
            return self._without_network(reason, grids, parameters, context, feedback)
        try:
            mcr_cost, found = self._search(grids.now, grids, feedback, 30)
            after: dict[tuple[int, int], float] = {}
            if grids.changed:
                _, found_after = self._search(grids.after, grids, feedback, 55)
                after = {(c.source_a, c.source_b): c.cost for c in found_after}
        except ValueError as error:
            raise self.fail(self.tr("Ecological network: {0}").format(error)) from None
        feedback.setProgress(85)
        crossings = unit_crossings(found, grids.units, grids.now, grids.after, cell)
        self._report(found, after, grids.changed, feedback)
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        outputs = {
            self.CORRIDORS: self._write_corridors(found, after, grids, parameters, context),
        }
        mcr_path = self._write_mcr(mcr_cost, grids.grid, parameters, context, feedback)
        if mcr_path:
            outputs[self.MCR] = mcr_path
        sources = self._write_sources(grids, parameters, context)
        if sources:
            outputs[self.SOURCES_OUT] = sources
        units = self._write_units(crossings, parameters, context)
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

    def _search(
        self, resistance: Any, grids: NetworkGrids, feedback: QgsProcessingFeedback, start: float
    ) -> tuple[Any, list[Corridor]]:
        """The MCR over ``resistance`` and its corridors (progress from ``start``, 25 %)."""
        cell = grids.grid.geotransform[1]
        mcr = cumulative_resistance(
            resistance,
            grids.sources,
            cell,
            band_cells=BAND_CELLS,
            allocate=self.allocate,
            progress=progress_reporter(feedback, start, 25),
            is_cancelled=feedback.isCanceled,
        )
        return mcr.cost, corridors(resistance, mcr, cell, CORRIDOR_BAND_CELLS)

    # --- the grids --------------------------------------------------------------------

    def _grids(
        self,
        rules: NetworkRules,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> NetworkGrids:
        self.unit_ids: list[int] = []  # the units' feature ids, in reading order
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
        land = [(s, np.nan if r is None else r) for s, r in zip(shapes, resistance, strict=True)]
        source_land = [s for s, c in zip(shapes, codes, strict=True) if rules.is_source(c)]
        del shapes
        units = self._units(rules, parameters, crs, context)
        given = self.parameterAsSource(parameters, self.SOURCES, context)
        given_shapes = None if given is None else self._read(given, crs, context, QgsFeature.id)[0]
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        self.allocate = self._allocator(grid, units is not None)
        try:
            return build_grids(
                grid,
                land,
                source_land,
                units,
                given_shapes,
                None if dem is None else dem.source(),
                rules,
                allocate=self.allocate,
                band_cells=CORRIDOR_BAND_CELLS,
                progress=progress_reporter(feedback, 0, 30),
                is_cancelled=feedback.isCanceled,
            )
        except DemError as error:
            raise self.fail(self.tr("DEM: {0}").format(error)) from None

    def _allocator(self, grid: RasterGrid, with_units: bool) -> Allocate | None:
        """None (arrays in memory) for a grid up to IN_MEMORY_CELLS; else grids in files in
        the run's scratch folder, after checking the disk has room for them."""
        cells = grid.width * grid.height
        if cells <= IN_MEMORY_CELLS:
            return None
        # Resistance now and after, units, sources; two searches of cost, source and step.
        needed = cells * ((8 + 8 + 4 + 4 if with_units else 8 + 4 + 4) + 2 * 13)
        free = shutil.disk_usage(self.scratch).free
        if free < needed * 1.1:
            raise self.fail(
                self.tr(
                    "The grid of {0} × {1} cells needs {2:.1f} GB of scratch space in {3}; "
                    "{4:.1f} GB are free. Free some space, or use larger cells."
                ).format(grid.width, grid.height, needed / 1e9, self.scratch.parent, free / 1e9)
            )
        numbers = itertools.count()
        return lambda shape, dtype: DiskGrid(
            self.scratch / f"grid_{next(numbers)}.bin", shape, dtype
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

    def _units(
        self,
        rules: NetworkRules,
        parameters: dict,
        crs: QgsCoordinateReferenceSystem,
        context: QgsProcessingContext,
    ) -> UnitShapes | None:
        """The units' shapes, the resistance of their damage and of their proposed use, and
        which are damaged (None without units). Keeps their feature ids for UNITS_OUT."""
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return None
        names = units.fields().names()

        def text(feature: Any, name: str) -> str:
            return "" if name not in names or is_null(feature[name]) else str(feature[name])

        features = list(units.getFeatures())
        self.unit_ids = [f.id() for f in features]
        transform = QgsCoordinateTransform(units.sourceCrs(), crs, context.transformContext())
        shapes = [bytes(self._in_crs(f, transform, units).asWkb()) for f in features]
        ponding_min = self.ponding_min_m

        def damage_of(feature: Any) -> float | None:
            kind = text(feature, "dist_type")
            if kind not in DAMAGE_TYPES:
                return None
            depth = text(feature, "ponding_m")
            if rules.ponded is not None and depth and float(depth) > ponding_min:
                return rules.ponded
            return rules.damage.get(kind)

        def proposed_of(feature: Any) -> float | None:
            use = text(feature, "use_proposed")
            code = text(feature, "dlbm")
            reclaimed = code and use and use not in NOT_RECLAIMED
            return rules.resistance_of(code) if reclaimed else None

        return UnitShapes(
            shapes,
            [damage_of(f) for f in features],
            [proposed_of(f) for f in features],
            [text(f, "dist_type") in DAMAGE_TYPES for f in features],
        )

    def _without_network(
        self,
        reason: str,
        grids: NetworkGrids | None,
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
            grid = RasterGrid(1, 1, (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), crs.toWkt(), None)
            grids = NetworkGrids(grid, *(np.zeros((1, 1)) for _ in range(4)),
                                 np.zeros(1, dtype=bool), False, 0)  # fmt: skip
        outputs = {self.CORRIDORS: self._write_corridors([], {}, grids, parameters, context)}
        sources = self._write_sources(grids, parameters, context, empty=True)
        if sources:
            outputs[self.SOURCES_OUT] = sources
        units = self._write_units({}, parameters, context)
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
        self,
        cost: Any,
        grid: RasterGrid,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> str:
        path = self.parameterAsOutputLayer(parameters, self.MCR, context)
        if not path:
            return ""
        write_raster(path, grid, _reached_blocks(cost, grid), is_cancelled=feedback.isCanceled)
        return path

    def _write_corridors(
        self,
        found: list[Corridor],
        after: dict[tuple[int, int], float],
        grids: NetworkGrids,
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
        for number, corridor in enumerate(found, start=1):
            rows, columns = np.divmod(corridor.cells, cols)
            line = QgsLineString(
                (xmin + (columns + 0.5) * cell).tolist(), (ymax - (rows + 0.5) * cell).tolist()
            )
            # Its length on damaged land: the path cost over 1 on damaged cells, 0 elsewhere.
            on_damage = grids.damaged_unit[grids.units.take(corridor.cells)].astype(float)
            damaged_m = path_sum(corridor.cells, on_damage, cols, cell)
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry(line))
            feature.setAttributes(
                [
                    number,
                    corridor.source_a,
                    corridor.source_b,
                    round(corridor.cost, 2),
                    _cost_after(corridor, after, grids.changed),
                    round(corridor.length_m, 2),
                    round(damaged_m, 2),
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.CORRIDORS)
                del sink
                raise self.discard_output(dest, message)
        return dest

    def _write_sources(
        self,
        grids: NetworkGrids,
        parameters: dict,
        context: QgsProcessingContext,
        empty: bool = False,
    ) -> str:
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
        if empty or grids.source_count == 0:
            return dest
        pieces: dict[int, QgsGeometry] = {}
        for label, wkb in self._source_polygons(grids):
            geometry = QgsGeometry()
            geometry.fromWkb(wkb)
            pieces[label] = geometry if label not in pieces else pieces[label].combine(geometry)
        cell = grids.grid.geotransform[1]
        counts = np.zeros(grids.source_count + 1, dtype=np.int64)
        for r0, r1 in band_rows(grids.grid.height, grids.grid.width, CORRIDOR_BAND_CELLS):
            counts += np.bincount(np.asarray(grids.sources[r0:r1]).ravel(),
                                  minlength=counts.size)  # fmt: skip
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

    def _source_polygons(self, grids: NetworkGrids) -> list[tuple[int, bytes]]:
        """The sources' polygons, from a scratch raster of their ids written by bands."""
        path = str(self.scratch / "sources.tif")
        grid = grids.grid
        blocks = (
            (r0, np.asarray(grids.sources[r0:r1]))
            for r0, r1 in band_rows(grid.height, grid.width, CORRIDOR_BAND_CELLS)
        )
        write_raster(path, grid, blocks, data_type=gdal.GDT_Int32, nodata=0)
        return polygons_of(path)

    def _write_units(
        self, crossings: Mapping[int, tuple[int, float, float]], parameters: dict,
        context: QgsProcessingContext,
    ) -> str:  # fmt: skip
        units = self.parameterAsSource(parameters, self.UNITS, context)
        if units is None:
            return ""
        number_of = {fid: i + 1 for i, fid in enumerate(self.unit_ids)}
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


def _reached_blocks(cost: Any, grid: RasterGrid) -> Iterator[tuple[int, np.ndarray]]:
    """The MCR by bands of rows, float32, NaN (NoData) where no source reaches."""
    for r0, r1 in band_rows(grid.height, grid.width, CORRIDOR_BAND_CELLS):
        values = np.array(cost[r0:r1], dtype=np.float32)  # a copy: set in place below
        values[~np.isfinite(values)] = np.nan
        yield r0, values


def _cost_after(corridor: Corridor, after: dict[tuple[int, int], float], changed: bool) -> Any:
    """The cost of the pair's corridor after reclamation: the same when nothing changes,
    NULL when the two sources' zones no longer meet."""
    if not changed:
        return round(corridor.cost, 2)
    cost = after.get((corridor.source_a, corridor.source_b))
    return None if cost is None else round(cost, 2)
