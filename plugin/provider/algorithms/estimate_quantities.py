"""reclamation:estimatequantities — the engineering quantities (工程量) of every unit and the
soil and earthwork balance, from the rule pack's ``works`` block.

Thin: the quantity rules are :mod:`...core.quantities`, the cut and fill of land levelling
:mod:`...core.earthwork` streamed over the DEM by :mod:`...io.earthwork`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING, is_null
from ...core.labels import in_language
from ...core.quantities import (
    Haul,
    UnitFacts,
    assign_haul,
    assign_via_stockpiles,
    balance,
    levelling_bench_widths,
    levelling_design_slopes,
    works_rows,
)
from ...core.quantity_tables import BALANCE_NAMES, STRIPPING_ITEM, STRIPPING_NAME, item_label
from ...core.rules.pack import RulePack
from ...core.rules.works import Works
from ...i18n import report_language
from ...io import Cancelled
from ...io.earthwork import levelling_volumes
from ...io.raster import RasterError
from ...io.rasterize import UnitLayer
from ..areas import ellipsoidal_areas, ellipsoidal_perimeters
from ..outputs import RunRecord, table_fields
from ..units import (
    UNIT_FIELD,
    NumberedUnits,
    read_units,
    working_crs,
    write_numbered_units,
)
from .base import GROUP_PLAN, ReclamationAlgorithm, listed_numbers, progress_reporter


class EstimateQuantitiesAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"DESIGN_SURFACE", "HAUL_LIMIT_M", "STOCKPILE_CAPACITY_FIELD"})
    UNITS = "UNITS"
    DEM = "DEM"
    DESIGN_SURFACE = "DESIGN_SURFACE"
    TOPSOIL_SOURCES = "TOPSOIL_SOURCES"
    TOPSOIL_DEPTH_FIELD = "TOPSOIL_DEPTH_FIELD"
    TOPSOIL_YEAR_FIELD = "TOPSOIL_YEAR_FIELD"
    HAUL_LIMIT_M = "HAUL_LIMIT_M"
    STOCKPILES = "STOCKPILES"
    STOCKPILE_CAPACITY_FIELD = "STOCKPILE_CAPACITY_FIELD"
    OUTPUT = "OUTPUT"
    WORKS = "WORKS"
    BALANCE = "BALANCE"

    def name(self) -> str:
        return "estimatequantities"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Estimate engineering quantities")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The engineering quantities (工程量) of every evaluation unit, from the rule "
            "pack's works block: soil cover (m³ = area × cover thickness of the proposed "
            "use, on dug and buried land), land levelling (m³ of cut and of fill from the "
            "DEM to a plane fitted to the unit, no steeper than the design slope of its use, "
            "or to a design surface), ditches along steep units, field roads, tree "
            "planting, grass seeding, soil improvement and monitoring points, each with its "
            "source and status.\n\n"
            "Topsoil stripping areas (with a depth field, else the pack's depth) give the "
            "topsoil stripped; the balance sets it against the cover needed (surplus to "
            "stockpile, or shortfall to borrow) and the levelling cut against its fill "
            "(spoil or borrow). Units need use_proposed (the output of Evaluate "
            "suitability); dist_type, limit_<use> and slope_deg are used when present. "
            "Areas and lengths are ellipsoidal; cut and fill use the DEM's cells, which "
            "must be in metres."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (suitability)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("DEM (after mining)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterRasterLayer(
                self.DESIGN_SURFACE, self.tr("Design surface (on the DEM's grid)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.TOPSOIL_SOURCES,
                self.tr("Topsoil stripping areas"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.add_numeric_field(
            self.TOPSOIL_DEPTH_FIELD, self.tr("Stripping depth field (m)"), self.TOPSOIL_SOURCES
        )
        self.add_numeric_field(
            self.TOPSOIL_YEAR_FIELD,
            self.tr("Stripping year field (before the area's damage; for the work plan)"),
            self.TOPSOIL_SOURCES,
        )
        haul = QgsProcessingParameterNumber(
            self.HAUL_LIMIT_M,
            self.tr("Longest haul of topsoil (m; empty: no limit)"),
            QgsProcessingParameterNumber.Double,
            optional=True,
            minValue=0.0,
        )
        self.add(haul)
        self.add(
            QgsProcessingParameterFeatureSource(
                self.STOCKPILES,
                self.tr("Topsoil stockpiles (where stripped soil is kept)"),
                [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.add_numeric_field(
            self.STOCKPILE_CAPACITY_FIELD,
            self.tr("Stockpile capacity field (m³; empty: unlimited)"),
            self.STOCKPILES,
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Units with quantities"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.WORKS, self.tr("Works per unit"), QgsProcessing.TypeVector, optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.BALANCE,
                self.tr("Soil and earthwork balance"),
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
        pack = self.pack_with(parameters, context, "works", "cn-reclamation")
        source = self.unit_source(parameters, context)
        names = source.fields().names()
        if "use_proposed" not in names:
            raise self.fail(
                self.tr(
                    "The units have no field use_proposed: use the output of Evaluate "
                    "suitability. Fields: {0}"
                ).format(", ".join(names))
            )
        dem = self.raster_file(parameters, self.DEM, context, self.tr("DEM"))
        design = self.raster_file(
            parameters, self.DESIGN_SURFACE, context, self.tr("Design surface")
        )
        if design is not None and dem is None:
            raise self.fail(self.tr("A design surface needs the DEM it is levelled from."))
        try:
            units = read_units(source, feedback)
            facts = self._facts(source, units, context)
            levelling = self._levelling(pack, units, facts, dem, design, context, feedback)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except RasterError as error:
            raise self.fail(self.tr("Land levelling failed: {0}").format(error)) from None
        rows = works_rows(pack.works, facts, levelling)
        sources = self._stripped(parameters, context, pack.works, feedback)
        result = balance(pack.works, rows, float(sources.m3.sum()))
        haul = self._haul(parameters, context, pack.works, units, facts, rows, sources, feedback)
        language = report_language("", [pack.region])
        self._log(pack.works, rows, result, language, feedback)
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        outputs = {
            self.OUTPUT: self._write_units(
                source, units, facts, pack.works, rows, haul, parameters, context
            )
        }
        works = self._write_works(pack, rows, sources, language, parameters, context)
        if works:
            outputs[self.WORKS] = works
        table = self._write_balance(result, haul, language, parameters, context)
        if table:
            outputs[self.BALANCE] = table
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        return outputs

    def _facts(self, source: Any, units: NumberedUnits, context: QgsProcessingContext) -> UnitFacts:
        """The attributes and measures the quantities depend on, in the units' order."""
        names = source.fields().names()
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        by_id = {f.id(): f for f in source.getFeatures(request)}
        features = [by_id[fid] for fid in units.feature_ids]

        def text(name: str) -> np.ndarray:
            if name not in names:
                return np.array([""] * len(features), dtype=object)
            return np.array(
                ["" if is_null(f[name]) else str(f[name]) for f in features], dtype=object
            )

        use = text("use_proposed")
        limits = np.array(
            [
                ""
                if f"limit_{u}" not in names or is_null(f[f"limit_{u}"])
                else str(f[f"limit_{u}"])
                for f, u in zip(features, use, strict=True)
            ],
            dtype=object,
        )
        slope = np.array(
            [
                np.nan
                if "slope_deg" not in names or is_null(f["slope_deg"])
                else float(f["slope_deg"])
                for f in features
            ]
        )
        numbers = text("unit_id")
        ids = np.array(
            [int(n) if n.lstrip("-").isdigit() else i + 1 for i, n in enumerate(numbers)],
            dtype=np.int64,
        )
        return UnitFacts(
            ids=ids,
            area_m2=np.nan_to_num(ellipsoidal_areas(units.geometries, units.crs, context)),
            perimeter_m=np.nan_to_num(ellipsoidal_perimeters(units.geometries, units.crs, context)),
            use=use,
            dist_type=text("dist_type"),
            limits=limits,
            slope_deg=slope,
        )

    def _levelling(
        self,
        pack: RulePack,
        units: NumberedUnits,
        facts: UnitFacts,
        dem: Any,
        design: Any,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> tuple[np.ndarray, np.ndarray] | None:
        has_levelling = any(item.rule == "levelling" for item in pack.works.items)
        if not has_levelling:
            return None
        if dem is None:
            feedback.pushWarning(
                self.tr(
                    "No DEM: the land levelling (cut and fill) of the rule pack is not computed."
                )
            )
            return None
        feedback.pushInfo(self.tr("Cut and fill per unit from DEM “{0}”…").format(dem.name()))
        temp = Path(QgsProcessingUtils.tempFolder()) / f"quantity_units_{id(self)}.gpkg"
        layer_name = write_numbered_units(units, dem.crs(), temp, context)
        result = levelling_volumes(
            UnitLayer(str(temp), layer_name, UNIT_FIELD),
            dem.source(),
            levelling_design_slopes(pack.works, facts.use),
            bench_m=levelling_bench_widths(pack.works, facts.use),
            design_path=design.source() if design is not None else None,
            progress=progress_reporter(feedback, 5, 80),
            is_cancelled=feedback.isCanceled,
        )
        count = units.count
        benches = levelling_bench_widths(pack.works, facts.use)
        slopes = levelling_design_slopes(pack.works, facts.use)
        fitted = np.full(count, np.nan)
        fitted[: min(count, result.fitted_slope_deg.size)] = result.fitted_slope_deg[:count]
        with np.errstate(invalid="ignore"):
            terraced = np.isfinite(benches) & (fitted > slopes)
        if terraced.any():
            feedback.pushInfo(
                self.tr(
                    "{0} unit(s) steeper than their design slope are levelled as terraces."
                ).format(int(terraced.sum()))
            )
        cut, fill = np.full(count, np.nan), np.full(count, np.nan)
        cut[: min(count, result.cut_m3.size)] = result.cut_m3[:count]
        fill[: min(count, result.fill_m3.size)] = result.fill_m3[:count]
        missing = int(np.count_nonzero(~np.isfinite(cut)))
        if missing:
            feedback.pushWarning(
                self.tr("{0} unit(s) have no valid cell of the DEM: no levelling for them.").format(
                    missing
                )
            )
        return cut, fill

    def _stripped(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        works: Works,
        feedback: QgsProcessingFeedback,
    ) -> _Sources:
        """The stripping areas: m³ of topsoil (area × depth) and centroid of each."""
        source = self.parameterAsSource(parameters, self.TOPSOIL_SOURCES, context)
        if source is None:
            feedback.pushWarning(
                self.tr(
                    "No topsoil stripping areas: all the cover soil counts as a shortfall "
                    "(borrowed soil). Give the areas stripped before damage."
                )
            )
            return _Sources(np.zeros(0), [], None)
        field = self.parameterAsString(parameters, self.TOPSOIL_DEPTH_FIELD, context)
        where = self.layer_words(parameters, self.TOPSOIL_SOURCES, context)
        features = list(source.getFeatures())
        depths = (
            self.numbers([f[field] for f in features], field, where)
            if field
            else np.full(len(features), np.nan)
        )
        defaulted = int(np.count_nonzero(np.isnan(depths)))
        if field and defaulted:
            feedback.pushWarning(
                self.tr(
                    "{0} stripping area(s) have no depth in “{1}”: the rule pack's {2} m "
                    "({3}) is used for them."
                ).format(
                    defaulted, field, works.stripping_depth_m, works.stripping_provenance.status
                )
            )
        bad = [
            f.id()
            for f, d in zip(features, depths, strict=True)
            if np.isfinite(d) and not 0 < d <= 3
        ]
        if bad:
            raise self.fail(
                self.tr(
                    "{0}: stripping depths must be above 0 and at most 3 m; features {1}."
                ).format(where, ", ".join(str(b) for b in bad[:20]))
            )
        depths = np.where(np.isnan(depths), works.stripping_depth_m, depths)
        geometries = [f.geometry() for f in features]
        areas = ellipsoidal_areas(geometries, source.sourceCrs(), context)
        years = self._stripping_years(parameters, context, features, where)
        # The depth's source: the pack's where any area took its depth, else the layer's.
        provenance = works.stripping_provenance
        from_pack = defaulted > 0
        return _Sources(
            np.nan_to_num(areas * depths),
            geometries,
            source.sourceCrs(),
            years,
            provenance.source if from_pack else where,
            provenance.status if from_pack else "",
        )

    def _stripping_years(
        self, parameters: dict, context: QgsProcessingContext, features: list, where: str
    ) -> np.ndarray:
        """The year each area is stripped (NaN: not given); not a calendar year: refused."""
        name = self.parameterAsString(parameters, self.TOPSOIL_YEAR_FIELD, context)
        if not name:
            return np.full(len(features), np.nan)
        years = self.numbers([f[name] for f in features], name, where)
        bad = [
            f.id()
            for f, y in zip(features, years, strict=True)
            if np.isfinite(y) and (y != round(y) or not 1900 <= y <= 2300)
        ]
        if bad:
            raise self.fail(
                self.tr("{0}: “{1}” holds no calendar year (1900–2300) for features {2}.").format(
                    where, name, listed_numbers(bad)
                )
            )
        return years

    def _haul(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        works: Works,
        units: NumberedUnits,
        facts: UnitFacts,
        rows: list,
        sources: _Sources,
        feedback: QgsProcessingFeedback,
    ) -> _Hauled | None:
        """Topsoil hauled from the stripping areas (through the stockpiles when given) to
        the units that need cover, nearest first within HAUL_LIMIT_M; the units that
        cannot be served are named."""
        if sources.crs is None:
            return None
        cover_items = {item.key for item in works.items if item.cover}
        position = {int(unit_id): i for i, unit_id in enumerate(facts.ids)}
        demand = np.zeros(units.count)
        for row in rows:
            if row.item in cover_items:
                demand[position[row.unit_id]] += row.quantity
        metric = working_crs(units, context)
        limit = (
            self.parameterAsDouble(parameters, self.HAUL_LIMIT_M, context)
            if parameters.get(self.HAUL_LIMIT_M) not in (None, "")
            else None
        )
        source_xy = _centroids(sources.geometries, sources.crs, metric, context)
        unit_xy = _centroids(units.geometries, units.crs, metric, context)
        piles = self._stockpiles(parameters, context, metric)
        stored = None
        if piles is None:
            haul = assign_haul(source_xy, sources.m3, unit_xy, demand, limit)
        else:
            via = assign_via_stockpiles(source_xy, sources.m3, *piles, unit_xy, demand, limit)
            haul, stored = via.delivered, via.stockpiled_m3
            left = float(sources.m3.sum()) - stored
            feedback.pushInfo(
                self.tr(
                    "Topsoil stockpiled: {0:,.2f} m³ ({1:,.2f} m³ find no stockpile with room "
                    "within reach); carried {2:,.2f} m³·km in all."
                ).format(stored, left, via.moved_m3_km)
            )
        unserved = haul.unserved_m3(demand)
        short = [int(facts.ids[i]) for i in np.flatnonzero(unserved > 1e-6)]
        if short and limit is not None:
            feedback.pushWarning(
                self.tr(
                    "{0} unit(s) cannot get all their cover soil from the stripping areas "
                    "within {1:g} m ({2:,.2f} m³ short): {3}"
                ).format(len(short), limit, float(unserved.sum()), listed_numbers(short))
            )
        elif short:
            feedback.pushWarning(
                self.tr(
                    "The stripping areas do not hold the cover soil of {0} unit(s) "
                    "({1:,.2f} m³ short): {2}"
                ).format(len(short), float(unserved.sum()), listed_numbers(short))
            )
        feedback.pushInfo(
            self.tr("Topsoil hauled: {0:,.2f} m³ to {1} unit(s), {2:,.2f} m³·km.").format(
                float(haul.served_m3.sum()),
                int(np.count_nonzero(haul.served_m3)),
                haul.moved_m3_km,
            )
        )
        return _Hauled(haul, demand, stored)

    def _stockpiles(
        self, parameters: dict, context: QgsProcessingContext, metric: Any
    ) -> tuple[np.ndarray, np.ndarray] | None:
        """The stockpiles' centres (metric) and capacities (m³; NaN: unlimited)."""
        source = self.parameterAsSource(parameters, self.STOCKPILES, context)
        if source is None:
            return None
        features = list(source.getFeatures())
        if not features:
            raise self.fail(self.tr("The stockpiles layer has no features."))
        field = self.parameterAsString(parameters, self.STOCKPILE_CAPACITY_FIELD, context)
        where = self.layer_words(parameters, self.STOCKPILES, context)
        capacity = (
            self.numbers([f[field] for f in features], field, where)
            if field
            else np.full(len(features), np.nan)
        )
        if np.any(capacity[np.isfinite(capacity)] < 0):
            raise self.fail(self.tr("{0}: a stockpile capacity below 0 m³.").format(where))
        geometries = [f.geometry() for f in features]
        return _centroids(geometries, source.sourceCrs(), metric, context), capacity

    def _log(
        self, works: Works, rows: list, result: Any, language: str, feedback: QgsProcessingFeedback
    ) -> None:
        key = "zh" if language == "zh" else "en"
        for item in works.items:
            for part in ("", "cut", "fill"):
                total = sum(r.quantity for r in rows if r.item == item.key and r.part == part)
                if total > 0:
                    name = item_label(item.name[key], part, language)
                    feedback.pushInfo(f"{name}: {total:,.2f} {item.unit}")
        feedback.pushInfo(
            self.tr("Topsoil: {0:,.2f} m³ stripped, {1:,.2f} m³ of cover needed.").format(
                result.stripped_m3, result.cover_m3
            )
        )

    # --- outputs ----------------------------------------------------------------------

    def _write_units(
        self,
        source: Any,
        units: NumberedUnits,
        facts: UnitFacts,
        works: Works,
        rows: list,
        haul: _Hauled | None,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """The units as given, with one q_<item> field per measure (m³, m, hm², … as the
        item's unit says; empty where the measure does not apply) and, with stripping
        areas, the mean haul of their cover soil and what no area within reach serves."""
        columns = _quantity_columns(works)
        if haul is not None:
            columns += ["cover_haul_m", "cover_unserved_m3"]
        fields = QgsFields(source.fields())
        for name in columns:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, FIELD_DOUBLE))
        sink, dest = self.sink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        index_of = {fid: i for i, fid in enumerate(units.feature_ids)}
        values: dict[tuple[int, str], float] = {}
        ids = facts.ids
        for row in rows:
            values[(row.unit_id, _column(row.item, row.part))] = row.quantity
        if haul is not None:
            moved, demand = haul.to_units, haul.demand
            unserved = moved.unserved_m3(demand)
            for i, unit_id in enumerate(ids.tolist()):
                if demand[i] > 0:
                    if np.isfinite(moved.distance_m[i]):
                        values[(unit_id, "cover_haul_m")] = float(moved.distance_m[i])
                    values[(unit_id, "cover_unserved_m3")] = float(unserved[i])
        positions = {name: fields.indexOf(name) for name in columns}
        for feature in source.getFeatures():
            i = index_of[feature.id()]
            attributes = feature.attributes() + [None] * (len(fields) - len(feature.attributes()))
            for name, position in positions.items():
                attributes[position] = values.get((int(ids[i]), name))
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.OUTPUT)
                del sink
                raise self.discard_output(dest, message)
        return dest

    def _write_works(
        self,
        pack: RulePack,
        rows: list,
        sources: _Sources,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """One row per unit and measure: the quantity with its unit, source and status;
        then one per stripping area (unit_id empty, area_id its number, year when given)."""
        fields = table_fields(
            ("unit_id", FIELD_INT),
            ("item", FIELD_STRING),
            ("item_name", FIELD_STRING),
            ("part", FIELD_STRING),
            ("unit", FIELD_STRING),
            ("quantity", FIELD_DOUBLE),
            ("source", FIELD_STRING),
            ("status", FIELD_STRING),
            ("area_id", FIELD_INT),
            ("year", FIELD_INT),
        )
        sink, dest = self.sink(parameters, self.WORKS, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.WORKS):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.WORKS))
        key = "zh" if language == "zh" else "en"
        items = {item.key: item for item in pack.works.items}
        for row in rows:
            item = items[row.item]
            values = [
                row.unit_id,
                row.item,
                item_label(item.name[key], row.part, language),
                row.part or None,
                item.unit,
                round(row.quantity, 4),
                item.provenance.source,
                item.provenance.status,
                None,
                None,
            ]
            self.add_row(sink, fields, values, parameters, self.WORKS, dest)
        name = STRIPPING_NAME[key]
        for number, (m3, year) in enumerate(zip(sources.m3, sources.years, strict=True), 1):
            values = [
                None,
                STRIPPING_ITEM,
                name,
                None,
                "m3",
                round(float(m3), 4),
                sources.depth_source or None,
                sources.depth_status or None,
                number,
                int(year) if np.isfinite(year) else None,
            ]
            self.add_row(sink, fields, values, parameters, self.WORKS, dest)
        return dest

    def _write_balance(
        self,
        result: Any,
        haul: _Hauled | None,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """The soil and earthwork balance, m³, every m³ accounted for; with stripping areas
        also the cover soil hauled within reach and the cover no area within reach serves
        (the two make up the cover needed)."""
        fields = table_fields(
            ("item", FIELD_STRING), ("item_name", FIELD_STRING), ("m3", FIELD_DOUBLE)
        )
        sink, dest = self.sink(parameters, self.BALANCE, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.BALANCE):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.BALANCE))
        rows = [(row.key, row.m3) for row in result.rows()]
        if haul is not None:
            moved, demand = haul.to_units, haul.demand
            if haul.stockpiled_m3 is not None:
                rows += [
                    ("topsoil_stockpiled", haul.stockpiled_m3),
                    ("topsoil_not_stockpiled", result.stripped_m3 - haul.stockpiled_m3),
                ]
            rows += [
                ("topsoil_hauled", float(moved.served_m3.sum())),
                ("topsoil_unserved", float(moved.unserved_m3(demand).sum())),
            ]
        for key, m3 in rows:
            values = [key, in_language(BALANCE_NAMES[key], language), round(m3, 4)]
            self.add_row(sink, fields, values, parameters, self.BALANCE, dest)
        return dest


def _column(item: str, part: str) -> str:
    return f"q_{item}" + (f"_{part}" if part else "")


def _quantity_columns(works: Works) -> list[str]:
    columns = []
    for item in works.items:
        parts = ("cut", "fill") if item.rule == "levelling" else ("",)
        columns += [_column(item.key, part) for part in parts]
    return columns


@dataclass(frozen=True)
class _Hauled:
    """Topsoil carried to the units (and, with stockpiles, how much was stockpiled)."""

    to_units: Haul
    demand: np.ndarray
    stockpiled_m3: float | None = None


@dataclass(frozen=True)
class _Sources:
    """Stripping areas: their topsoil (m³), geometries and CRS (None: none were given), the
    year each is stripped (NaN: not given) and where its depth comes from."""

    m3: np.ndarray
    geometries: list[QgsGeometry]
    crs: QgsCoordinateReferenceSystem | None
    years: np.ndarray = field(default_factory=lambda: np.zeros(0))
    depth_source: str = ""
    depth_status: str = ""


def _centroids(
    geometries: list[QgsGeometry],
    crs: QgsCoordinateReferenceSystem,
    metric: QgsCoordinateReferenceSystem,
    context: QgsProcessingContext,
) -> np.ndarray:
    """Centroids (x, y) in the metric CRS; NaN for an empty geometry."""
    transform = QgsCoordinateTransform(crs, metric, context.transformContext())
    points = []
    for geometry in geometries:
        if geometry.isNull() or geometry.isEmpty():
            points.append((np.nan, np.nan))
            continue
        point = transform.transform(geometry.centroid().asPoint())
        points.append((point.x(), point.y()))
    return np.array(points, dtype=float).reshape(-1, 2)
