"""``reclamation:evaluatesuitability``: grades per use, limiting factors, proposed use.

Factor values come from unit fields named like factors, from FIELD_MAP, and optionally
from sources extracted on the fly by ``reclamation:extractfactors``. The rule engine of
``plugin.core.rules`` grades every use for all units at once; the proposal picks a use, its
GB/T 21010 code and the measures; the explanation and area summary come from
``plugin.core.suitability``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING
from ...core.accounting import normalise_code
from ...core.field_map import FieldMapError, resolve_fields
from ...core.labels import METHOD_NAMES, in_language
from ...core.measure_units import MeasureUnitError, convert, split_unit
from ...core.pairs import PairsError, parse_pairs
from ...core.rules.engine import evaluate
from ...core.rules.pack import RulePack
from ...core.rules.proposal import propose
from ...core.rules.vocabulary import FACTORS, METHOD_CHOICES
from ...core.suitability import (
    GRADE_WORDS,
    HM2_PER_M2,
    MU_PER_HM2,
    explanations,
    output_columns,
    summary_rows,
    use_label,
)
from ...i18n import report_language, ui_language
from ...io.vector_bulk import BulkError, plain_values
from ..areas import AreaMeter, area_method
from ..bulk_units import BulkSource, bulk_destination, bulk_source, read_measured, write_bulk
from ..outputs import RunRecord, finish_outputs, keep_case_clashes
from ..styling import attach, run_group_name, suitability_style
from .base import GROUP_SUITABILITY, WRITE_BATCH, ReclamationAlgorithm

_AREA_BATCH = 10000  # geometries measured at a time


@dataclass
class _Units:
    """The units as read in the first pass: feature ids and areas, in source order (the
    geometries themselves are measured in batches and not kept)."""

    ids: list
    area_m2: np.ndarray
    area_plan_m2: np.ndarray


STRING_COLUMNS = ("limit_", "use_proposed", "dlbm", "dlmc", "measures", "explain", "rule_pack")


# Fields of the disturbance classification the proposal reads when the units carry them.
CONTEXT_FIELDS = ("dist_type", "dlbm_before", "pond_volume_m3")


class EvaluateSuitabilityAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"METHOD", "MAX_CULTIVATION_SLOPE", "FIELD_MAP", "DESIGN_VALUES"})
    UNITS = "UNITS"
    RULES = "RULES"
    METHOD = "METHOD"
    MAX_CULTIVATION_SLOPE = "MAX_CULTIVATION_SLOPE"
    FIELD_MAP = "FIELD_MAP"
    DEM = "DEM"
    SOIL = "SOIL"
    SOIL_FIELDS = "SOIL_FIELDS"
    GROUNDWATER_DEPTH = "GROUNDWATER_DEPTH"
    WATER = "WATER"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    DESIGN_VALUES = "DESIGN_VALUES"

    def name(self) -> str:
        return "evaluatesuitability"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Evaluate suitability and propose land use")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_SUITABILITY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Grades every evaluation unit for cultivated land, garden, forest, grass and "
            "water with a rule pack (limiting-factor method by default, or index sum), names "
            "the limiting factor of each grade with its observed value and the limit it "
            "crossed, and proposes a reclaimed use with its GB/T 21010 code and the measures "
            "that lift its limits.\n\n"
            "Factors come from fields named like the canonical factors (slope_deg, "
            "soil_thickness_cm, ph, …), from Field map ('坡度=slope_deg;土层=soil_thickness_cm'), "
            "and optionally from a DEM (mean slope), soil polygons, a groundwater-depth "
            "raster and water features, extracted on the fly.\n\n"
            "Rule pack: a built-in id (cn-reclamation, fao-sys) or the path of a rule-pack "
            "file. Cultivated land is never proposed above the 25° legal slope cap, or the "
            "stricter cap given here. Units the data cannot evaluate are kept and marked not "
            "evaluated. Areas are ellipsoidal (the ellipsoid of the layer's CRS) in hm² and "
            "亩 (1 hm² = 15 亩)."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNITS, self.tr("Evaluation units"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.add_rule_pack_parameter()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                # Both names of a method: qgis_process lists them to users of either.
                options=[
                    f"{METHOD_NAMES[m][1]} ({METHOD_NAMES[m][0]})"
                    if m
                    else self.tr("As in the rule pack")
                    for m in METHOD_CHOICES
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_CULTIVATION_SLOPE,
                self.tr("Provincial cultivation slope cap (degrees, stricter than 25°)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
                maxValue=90.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FIELD_MAP, self.tr("Field map (field=factor;…)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.DESIGN_VALUES,
                self.tr("Design values for all units (factor=value;…, e.g. soil_thickness_cm=50)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(self.DEM, self.tr("DEM (for slope)"), optional=True)
        )
        self.add_soil_and_water_parameters()
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.GROUNDWATER_DEPTH, self.tr("Groundwater depth raster (m)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Suitability and proposed use"),
                QgsProcessing.TypeVectorPolygon,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Area summary"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )

    # --- inputs -----------------------------------------------------------------------

    def _with_sources(
        self, parameters: dict, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> tuple[QgsFeatureSource, BulkSource | None]:
        """The units, with factors from DEM/soil/groundwater/water added when given, and
        the GeoPackage layer to read them from in bulk (None: QGIS's iterator)."""
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            raise self.fail(self.tr("The evaluation units layer could not be read."))
        given = {
            key: parameters.get(key)
            for key in (self.DEM, self.SOIL, self.WATER, self.GROUNDWATER_DEPTH)
            if parameters.get(key) not in (None, "")
        }
        if not given:
            return source, bulk_source(self, parameters, self.UNITS, context)
        from qgis import processing

        child = {
            "UNITS": parameters[self.UNITS],
            "DEM": given.get(self.DEM),
            "SOIL": given.get(self.SOIL),
            "SOIL_FIELDS": parameters.get(self.SOIL_FIELDS) or "",
            "WATER": given.get(self.WATER),
            # A file, not a memory layer: the units are then read back in bulk.
            "OUTPUT": QgsProcessingUtils.generateTempFilename("factors.gpkg"),
        }
        groundwater = self.raster_file(
            parameters, self.GROUNDWATER_DEPTH, context, self.tr("Groundwater depth")
        )
        if groundwater is not None:
            child["RASTERS"] = [groundwater]
            child["RASTER_FACTORS"] = f"{groundwater.name()}=gw_depth_m:mean"
        feedback.pushInfo(self.tr("Extracting factors from the given sources…"))
        result = processing.run(
            "reclamation:extractfactors",
            {key: value for key, value in child.items() if value is not None},
            context=context,
            feedback=feedback,
            is_child_algorithm=True,
        )
        extracted = {self.UNITS: result["OUTPUT"]}
        layer = QgsProcessingUtils.mapLayerFromString(result["OUTPUT"], context)
        return layer, bulk_source(self, extracted, self.UNITS, context)

    def _factor_fields(
        self, parameters: dict, context: QgsProcessingContext, source: Any, pack: RulePack
    ) -> dict[str, str]:
        names = source.fields().names()
        self.measure_units: dict[str, str] = {}
        try:
            pairs = []
            for field_name, text in parse_pairs(
                self.parameterAsString(parameters, self.FIELD_MAP, context)
            ):
                factor, unit = split_unit(text)
                pairs.append((field_name, factor))
                if unit is not None:
                    convert(factor, unit, np.zeros(0))  # an unknown unit stops here
                    self.measure_units[factor] = unit
            fields = resolve_fields(names, pairs)
        except (PairsError, FieldMapError, MeasureUnitError) as error:
            raise self.fail(self.tr("Field map: {0}").format(error)) from None
        needed = sorted(
            {
                rule.factor
                for use in pack.uses.values()
                for rule in use.rules
                if rule.missing == "not_evaluated"
                and rule.factor not in fields
                and rule.factor not in self.design
            }
        )
        if needed:
            raise self.fail(
                self.tr(
                    "Rule pack {0} needs factors the units do not have: {1}. Map fields with "
                    "Field map (field=factor) or give a source (DEM, soil, groundwater, "
                    "water). Fields available: {2}"
                ).format(pack.id, ", ".join(needed), ", ".join(names))
            )
        return fields

    def _read_factors(
        self,
        source: Any,
        fields: dict[str, str],
        where: str,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> tuple[_Units, dict[str, np.ndarray], dict[str, list]]:
        """The units (feature ids, ellipsoidal and planimetric areas), the factor arrays and
        the disturbance fields the proposal uses (CONTEXT_FIELDS present in the units), in
        the source's order: one pass reading only those fields, geometries measured in
        batches (memory does not grow with the geometries)."""
        names = source.fields().names()
        wanted = [
            name for name in dict.fromkeys([*fields.values(), *CONTEXT_FIELDS]) if name in names
        ]
        meter = AreaMeter(source.sourceCrs(), context)
        if self.bulk is not None:
            measured = read_measured(self.bulk, wanted, meter, where, feedback)
            units = _Units(measured.ids, measured.area_m2, measured.area_plan_m2)
            columns: dict[str, Any] = measured.columns
        else:
            units, columns = self._iterate_units(source, wanted, meter, feedback)
        raw = {factor: columns[name] for factor, name in fields.items()}
        context_values = {name: columns[name] for name in CONTEXT_FIELDS if name in columns}
        factors = {}
        for factor, values in raw.items():
            numbers = self.numbers(values, fields[factor], where, factor)
            factors[factor] = convert(factor, self.measure_units.get(factor), numbers)
        self.check_plausible(factors, fields, where)
        count = len(units.ids)
        for factor, value in self.design.items():
            factors[factor] = np.full(count, value)
        self._polluted_never_unknown(factors, context_values.get("dist_type", []), where, feedback)
        return units, factors, context_values

    @staticmethod
    def _iterate_units(
        source: Any, wanted: list[str], meter: AreaMeter, feedback: QgsProcessingFeedback
    ) -> tuple[_Units, dict[str, list]]:
        """The units and the ``wanted`` fields through QGIS's iterator (any layer), the
        geometries measured in batches."""
        names = source.fields().names()
        positions = {name: names.index(name) for name in wanted}
        request = QgsFeatureRequest().setSubsetOfAttributes([positions[n] for n in wanted])
        ids: list = []
        columns: dict[str, list] = {name: [] for name in wanted}
        ellipsoidal, planimetric, batch = [], [], []
        for feature in source.getFeatures(request):
            if feedback.isCanceled():
                break
            ids.append(feature.id())
            batch.append(feature.geometry())
            given = feature.attributes()
            for name, values in columns.items():
                values.append(given[positions[name]])
            if len(batch) == _AREA_BATCH:
                ellipsoidal.append(meter.ellipsoidal(batch))
                planimetric.append(meter.planimetric(batch))
                batch = []
        ellipsoidal.append(meter.ellipsoidal(batch))
        planimetric.append(meter.planimetric(batch))
        return _Units(ids, np.concatenate(ellipsoidal), np.concatenate(planimetric)), columns

    def _design_values(self, parameters: dict, context: QgsProcessingContext) -> dict:
        """DESIGN_VALUES: one value of a factor for all units (the state after the designed
        measures, e.g. 50 cm of cover soil), checked like a field value."""
        text = self.parameterAsString(parameters, self.DESIGN_VALUES, context)
        try:
            pairs = parse_pairs(text)
        except PairsError as error:
            raise self.fail(self.tr("Design values: {0}").format(error)) from None
        design: dict[str, float] = {}
        for factor, value in pairs:
            if factor not in FACTORS:
                raise self.fail(
                    self.tr("Design values: “{0}” is not a factor; use one of {1}.").format(
                        factor, ", ".join(FACTORS)
                    )
                )
            number = self.numbers([value], factor, self.tr("Design values"), factor)
            self.check_plausible({factor: number}, {factor: factor}, self.tr("Design values"))
            design[factor] = float(number[0])
        return design

    def _polluted_never_unknown(
        self,
        factors: dict[str, np.ndarray],
        damage: list,
        where: str,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """A unit damaged by pollution is never "pollution unknown": without a class it
        is taken as over the intervention value (class 2: no food crops) until sampled."""
        polluted = np.asarray(damage, dtype=object) == "pollution"
        if not polluted.any():
            return
        classes = factors.setdefault("pollution", np.full(len(damage), np.nan))
        unknown = polluted & np.isnan(classes)
        if unknown.any():
            classes[unknown] = 2.0
            feedback.pushWarning(
                self.tr(
                    "{0}: {1} unit(s) damaged by pollution have no pollution class; they are "
                    "taken as over the GB 15618 intervention value (class 2: no food crops) "
                    "until samples show otherwise."
                ).format(where, int(unknown.sum()))
            )

    # --- processing -------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        record = RunRecord(self)
        pack = self.rule_pack(parameters, context)
        self.design = self._design_values(parameters, context)
        record.note(
            "rule_pack",
            {"id": pack.id, "version": pack.version, "sha256": pack.sha256, "file": pack.origin},
        )
        feedback.pushInfo(
            self.tr("Rule pack {0} {1} (sha256 {2})").format(pack.id, pack.version, pack.sha256)
        )
        source, self.bulk = self._with_sources(parameters, context, feedback)
        fields = self._factor_fields(parameters, context, source, pack)
        # A design value replaces the field of its factor (not read, not checked).
        fields = {factor: name for factor, name in fields.items() if factor not in self.design}
        feedback.pushInfo(
            self.tr("Factors: {0}").format(
                ", ".join(f"{factor} ← {field}" for factor, field in sorted(fields.items()))
            )
        )
        where = self.layer_words(parameters, self.UNITS, context)
        units, factors, unit_context = self._read_factors(source, fields, where, context, feedback)
        ids = units.ids
        slope = factors.get("slope_deg")
        if (
            slope is not None
            and "slope_deg" in fields
            and "slope_deg" not in self.measure_units
            and np.isfinite(slope).sum() >= 3
            and np.nanmax(slope) < 1.0
        ):
            feedback.pushWarning(
                self.tr(
                    "{0}: every slope in “{1}” is below 1°: is it in m/m (or a fraction)? "
                    "Then map it as slope_deg:m_per_m (or :percent for percent)."
                ).format(where, fields["slope_deg"])
            )
        if self.design:
            assumed = ", ".join(f"{k} = {v:g}" for k, v in self.design.items())
            record.note("design_values", self.design)
            feedback.pushWarning(
                self.tr(
                    "Assumed for every unit (DESIGN_VALUES, the state after the designed "
                    "measures): {0}. Fields of the same factors are not used."
                ).format(assumed)
            )
        if feedback.isCanceled():
            return {}
        if not ids:
            feedback.pushWarning(self.tr("The evaluation units layer has no features."))
        method = METHOD_CHOICES[self.parameterAsEnum(parameters, self.METHOD, context)] or None
        cap = None
        if parameters.get(self.MAX_CULTIVATION_SLOPE) not in (None, ""):
            cap = self.parameterAsDouble(parameters, self.MAX_CULTIVATION_SLOPE, context)
        count = len(ids)
        # The engine counts units from its arrays; this one names no factor.
        factors["_units"] = np.zeros(count)
        try:
            results = evaluate(pack, factors, method, cap)
        except ValueError as error:
            raise self.fail(self.tr("Evaluation failed: {0}").format(error)) from None
        # Storage of ponded units (1103 vs 1104) and the land use before damage (kept
        # classes such as 水浇地 0102), from the disturbance classification's fields.
        storage = previous = None
        if "pond_volume_m3" in unit_context:
            storage = self.numbers(unit_context["pond_volume_m3"], "pond_volume_m3", where)
        if "dlbm_before" in unit_context:
            previous = np.array([normalise_code(v) for v in unit_context["dlbm_before"]], object)
        proposal = propose(pack, results, factors, storage, previous)
        language = ui_language()
        columns: dict[str, Any] = output_columns(pack, results, proposal, language, explain=False)
        # The explanation of each unit is written with it, batch by batch (a long text).
        columns["explain"] = lambda start, stop: explanations(
            pack, results, proposal, language, start, stop
        ).tolist()
        area = units.area_m2
        columns["area_m2"] = area
        columns["area_hm2"] = area * HM2_PER_M2
        columns["area_mu"] = area * HM2_PER_M2 * MU_PER_HM2
        columns["area_plan_m2"] = units.area_plan_m2
        columns["rule_pack"] = np.full(
            count, f"{pack.id} {pack.version} {pack.sha256[:12]}", dtype=object
        )
        self._report(results, proposal, feedback)
        output = self._write_units(source, units, columns, parameters, context, feedback)
        summary = self._write_summary(results, proposal, area, pack, parameters, context)
        record.note("area_method", area_method(source.sourceCrs()))
        by_use = {
            row.use: row.area_hm2
            for row in summary_rows(results, proposal, area)
            if row.table == "proposed"
        }
        style = suitability_style(pack, language, by_use)
        finish_outputs(
            record,
            {self.OUTPUT: (output, style, "proposed use"), self.SUMMARY: (summary, None, "")},
            parameters,
            context,
            feedback,
            self.sink_fields,
        )
        group = run_group_name(self.tr("Suitability"))
        attach(context, output, style, group)
        results = {self.OUTPUT: output}
        if summary:
            attach(context, summary, _no_style, group)
            results[self.SUMMARY] = summary
        return results

    def _report(self, results: dict, proposal: Any, feedback: QgsProcessingFeedback) -> None:
        undecided = int(np.count_nonzero(proposal.use == ""))
        if undecided:
            feedback.pushWarning(
                self.tr(
                    "{0} unit(s) could not be evaluated (missing data): use_proposed is empty."
                ).format(undecided)
            )

    @staticmethod
    def _field_for(name: str, values: np.ndarray) -> QgsField:
        if name.startswith(STRING_COLUMNS):
            return QgsField(name, FIELD_STRING)
        if values.dtype.kind in "iu":
            return QgsField(name, FIELD_INT)
        return QgsField(name, FIELD_DOUBLE)

    def _write_units(
        self,
        source: Any,
        units: _Units,
        columns: dict[str, Any],
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> str:
        """The units (their fields but those the output replaces) with the output columns,
        read again and written in batches: memory holds one batch of features."""
        given = source.fields()
        kept_index = [i for i, field in enumerate(given) if field.name() not in columns]
        kept = QgsFields()
        for index in kept_index:
            kept.append(given.at(index))
        fields, renamed = keep_case_clashes(kept, columns)
        for old, new in renamed.items():
            feedback.pushInfo(
                self.tr("The units' field {0} is kept as {1} beside the output's {2}.").format(
                    old, new, next(c for c in columns if c.lower() == old.lower())
                )
            )
        for name, values in columns.items():
            fields.append(self._field_for(name, values))
        sink, dest = self.sink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        if self.bulk is not None and bulk_destination(dest, self.bulk):
            del sink  # the empty layer is filled in bulk
            copied = {given.at(i).name(): fields.at(k).name() for k, i in enumerate(kept_index)}
            try:
                write_bulk(
                    self.bulk,
                    dest,
                    copied,
                    columns,
                    units.ids,
                    feedback,
                    lambda percent: feedback.setProgress(50 + percent / 2),
                )
            except BulkError as error:
                raise self.discard_output(dest, str(error)) from None
            return dest
        position = {fid: i for i, fid in enumerate(units.ids)}
        total = max(len(units.ids), 1)
        features = iter(source.getFeatures())
        written = 0
        while True:
            batch = list(itertools.islice(features, WRITE_BATCH))
            if not batch:
                break
            feedback.setProgress(50 + 50 * written / total)
            out = self._output_features(batch, fields, kept_index, columns, position)
            problem = self.write_batch(sink, out, parameters, self.OUTPUT, feedback)
            if problem is not None:
                del sink  # closes the file before it is removed
                raise self.discard_output(dest, problem)
            written += len(batch)
        return dest

    @staticmethod
    def _output_features(
        batch: list[QgsFeature],
        fields: QgsFields,
        kept_index: list[int],
        columns: dict[str, Any],
        position: dict[int, int],
    ) -> list[QgsFeature]:
        """One batch: the source features with the output columns of their units."""
        rows = [position[feature.id()] for feature in batch]
        first, last = min(rows), max(rows) + 1
        values = [
            column(first, last) if callable(column) else plain_values(column[first:last])
            for column in columns.values()
        ]
        out = []
        for feature, row in zip(batch, rows, strict=True):
            given = feature.attributes()
            attributes = [given[k] for k in kept_index]
            attributes += [column[row - first] for column in values]
            made = QgsFeature(fields)
            made.setGeometry(feature.geometry())
            made.setAttributes(attributes)
            out.append(made)
        return out

    def _write_summary(
        self,
        results: dict,
        proposal: Any,
        area: np.ndarray,
        pack: RulePack,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        fields = QgsFields()
        for name, kind in (
            ("table", FIELD_STRING),
            ("use", FIELD_STRING),
            ("use_name", FIELD_STRING),
            ("grade", FIELD_INT),
            ("grade_name", FIELD_STRING),
            ("units", FIELD_INT),
            ("area_m2", FIELD_DOUBLE),
            ("area_hm2", FIELD_DOUBLE),
            ("area_mu", FIELD_DOUBLE),
            ("rule_pack", FIELD_STRING),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.sink(parameters, self.SUMMARY, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.SUMMARY):
                return ""  # not asked for
            raise QgsProcessingException(self.invalidSinkError(parameters, self.SUMMARY))
        label = f"{pack.id} {pack.version} {pack.sha256[:12]}"
        # Names beside the codes, in the language of the plan's deliverables.
        language = report_language("", [pack.region])
        words = GRADE_WORDS.get(pack.grade_labels, GRADE_WORDS["cn"])
        for row in summary_rows(results, proposal, area):
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    row.table,
                    row.use,
                    use_label(row.use, language),
                    row.grade if row.grade >= 0 else None,
                    in_language(words[row.grade], language) if row.grade in words else None,
                    row.units,
                    row.area_m2,
                    round(row.area_hm2, 4),
                    round(row.area_mu, 4),
                    label,
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.SUMMARY)
                del sink  # closes the file before it is removed
                raise self.discard_output(dest, message)
        return dest


def _no_style(layer: Any) -> None:
    """Tables keep QGIS's default look; only their place in the group matters."""
