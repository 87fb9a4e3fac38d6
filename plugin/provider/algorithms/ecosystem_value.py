"""reclamation:ecosystemvalue — ecosystem-service value (生态系统服务价值) of the plan's
units before damage, after damage and after the proposed reclamation.

Thin: the method is :mod:`...core.ecosystem_value`, the table and mappings are the rule
pack's ``esv`` block.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_STRING
from ...core.ecosystem_value import ROW_NAMES, STATES, EsvResult, UnitLand, ecosystem_value
from ...core.labels import STATUS_NAMES, in_language, name_of
from ...core.rules.esv import EsvRules
from ...core.rules.pack import RulePack
from ...i18n import report_language, ui_language
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, table_fields
from ..units import number_column, text_column
from .base import GROUP_ECOLOGY, ReclamationAlgorithm, listed_numbers

# Per-unit output fields: the ecosystem type and the value (元/a) of each state, the gain
# of reclamation over the damaged land and the change against the land before damage.
TYPE_FIELDS = {state: f"eco_{state}" for state in STATES}
VALUE_FIELDS = {state: f"esv_{state}" for state in STATES}
GAIN_FIELD = "esv_gain"
CHANGE_FIELD = "esv_change"


class EcosystemValueAlgorithm(ReclamationAlgorithm):
    UNITS = "UNITS"
    RULES = "RULES"
    BEFORE_CODE_FIELD = "BEFORE_CODE_FIELD"
    AFTER_CODE_FIELD = "AFTER_CODE_FIELD"
    EQUIVALENT_VALUE = "EQUIVALENT_VALUE"
    OUTPUT = "OUTPUT"
    SERVICES = "SERVICES"
    ECOSYSTEMS = "ECOSYSTEMS"
    ADVANCED = frozenset({"BEFORE_CODE_FIELD", "AFTER_CODE_FIELD"})

    def name(self) -> str:
        return "ecosystemvalue"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Ecosystem-service value")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_ECOLOGY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The ecosystem-service value (生态系统服务价值, ESV) of each evaluation unit before "
            "damage, after damage and after the proposed reclamation, by the equivalent-factor "
            "method of Xie et al. (2015): ESV = area (hm²) × Σ value equivalents of the unit's "
            "ecosystem type × value of one equivalent (元/hm²).\n\n"
            "The ecosystem type before damage is that of the land-use code before (dlbm_before), "
            "after damage that of the rule pack's damage rules (dug and buried land bare, land "
            "under standing water water), after reclamation that of the proposed code (dlbm); "
            "land proposed to be kept stays as damage left it. The equivalents, the code → type "
            "table and the value of one equivalent are the rule pack's esv block, each with its "
            "source and status; give your province's value of one equivalent (grain yield × "
            "price ÷ 7) to replace the national mean.\n\n"
            "Outputs: the units with eco_before/eco_damaged/eco_after, esv_before/esv_damaged/"
            "esv_after (元/a), esv_gain (after − damaged: the benefit of reclamation) and "
            "esv_change (after − before); a table by service and one by ecosystem type. A code "
            "the pack does not map leaves the unit without a value (listed in the log), never "
            "at zero."
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
            QgsProcessingParameterNumber(
                self.EQUIVALENT_VALUE,
                self.tr("Value of one equivalent (元/hm²; empty: the rule pack's)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0.01,
            )
        )
        for key, label, default in (
            (self.BEFORE_CODE_FIELD, self.tr("Land-use code before damage"), "dlbm_before"),
            (self.AFTER_CODE_FIELD, self.tr("Proposed land-use code"), "dlbm"),
        ):
            self.add(
                QgsProcessingParameterField(
                    key, label, default, parentLayerParameterName=self.UNITS, optional=True
                )
            )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT,
                self.tr("Units with ecosystem-service value"),
                QgsProcessing.TypeVectorPolygon,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SERVICES,
                self.tr("Ecosystem-service value by service"),
                QgsProcessing.TypeVector,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.ECOSYSTEMS,
                self.tr("Ecosystem-service value by ecosystem type"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        pack = self.pack_with(parameters, context, "esv", "cn-reclamation")
        source = self.unit_source(parameters, context)
        value = self.optional_double(parameters, self.EQUIVALENT_VALUE, context)
        land, features = self._land(source, parameters, context, feedback)
        try:
            result = ecosystem_value(pack.esv, land, pack.proposal.ponding_min_depth_m.value, value)
        except ValueError as error:
            raise self.fail(self.tr("Ecosystem-service value: {0}").format(error)) from None
        language = report_language("", [pack.region])
        self._report(result, land, pack, value, feedback)
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        record.note("equivalent_value", value if value is not None else pack.esv.equivalent_value)
        outputs = {
            self.OUTPUT: self._write_units(source, features, result, parameters, context),
            self.SERVICES: self._write_services(pack.esv, result, language, parameters, context),
        }
        ecosystems = self._write_ecosystems(pack.esv, result, land, language, parameters, context)
        if ecosystems:
            outputs[self.ECOSYSTEMS] = ecosystems
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        return outputs

    # --- reading ----------------------------------------------------------------------

    def _land(
        self,
        source: Any,
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> tuple[UnitLand, list[int]]:
        names = source.fields().names()
        before_field = self._field(parameters, self.BEFORE_CODE_FIELD, "dlbm_before", context)
        after_field = self._field(parameters, self.AFTER_CODE_FIELD, "dlbm", context)
        for field, label in (
            (before_field, self.tr("land-use code before damage")),
            (after_field, self.tr("proposed land-use code")),
        ):
            if field not in names:
                raise self.fail(
                    self.tr(
                        "The units have no field {0} ({1}): use the output of Evaluate "
                        "suitability or name the field. Fields: {2}"
                    ).format(field, label, ", ".join(names))
                )
        features = list(source.getFeatures(QgsFeatureRequest()))

        def text(name: str) -> np.ndarray:
            return text_column(features, name if name in names else None)

        def number(name: str) -> np.ndarray:
            return number_column(features, name if name in names else None)

        areas = ellipsoidal_areas([f.geometry() for f in features], source.sourceCrs(), context)
        land = UnitLand(
            area_hm2=np.nan_to_num(areas) * 1e-4,
            code_before=text(before_field),
            code_after=text(after_field),
            use_proposed=text("use_proposed"),
            damage_type=text("dist_type"),
            degree=number("dist_degree"),
            ponding_m=number("ponding_m"),
        )
        return land, features

    def _field(
        self, parameters: dict, key: str, default: str, context: QgsProcessingContext
    ) -> str:
        chosen = self.parameterAsFields(parameters, key, context)
        return chosen[0] if chosen else default

    def _report(
        self,
        result: EsvResult,
        land: UnitLand,
        pack: RulePack,
        value: float | None,
        feedback: QgsProcessingFeedback,
    ) -> None:
        esv = pack.esv
        feedback.pushInfo(
            self.tr("Value of one equivalent: {0:,.2f} 元/hm² ({1}).").format(
                esv.equivalent_value if value is None else value,
                f"{esv.equivalent_provenance.source}, "
                f"{name_of(STATUS_NAMES, esv.equivalent_provenance.status, ui_language())}"
                if value is None
                else self.tr("given"),
            )
        )
        labels = {
            "before": self.tr("before damage"),
            "damaged": self.tr("after damage"),
            "after": self.tr("after reclamation"),
        }
        for state in STATES:
            codes = result.unvalued_codes[state]
            if codes:
                shown = ", ".join(
                    f"{code or self.tr('(empty)')} {hm2:.4f} hm²" for code, hm2 in codes.items()
                )
                feedback.pushWarning(
                    self.tr(
                        "{0}: {1:.4f} hm² have a land-use code the rule pack's esv block does "
                        "not map and no value: {2}. Add the codes to esv.codes."
                    ).format(labels[state], sum(codes.values()), shown)
                )
        missing = np.flatnonzero(land.use_proposed.astype(str) == "")
        if missing.size:
            feedback.pushWarning(
                self.tr(
                    "Units without a proposed use (numbers {0}) have no value after reclamation."
                ).format(listed_numbers((missing + 1).tolist()))
            )
        feedback.pushInfo(
            self.tr(
                "Ecosystem-service value: {0:,.2f} 元/a before damage, {1:,.2f} 元/a after "
                "damage, {2:,.2f} 元/a after reclamation (gain {3:+,.2f} 元/a)."
            ).format(
                result.total("before"),
                result.total("damaged"),
                result.total("after"),
                result.total("after") - result.total("damaged"),
            )
        )

    # --- outputs ----------------------------------------------------------------------

    def _write_units(
        self,
        source: Any,
        features: list,
        result: EsvResult,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        added = [
            *((TYPE_FIELDS[s], FIELD_STRING) for s in STATES),
            *((VALUE_FIELDS[s], FIELD_DOUBLE) for s in STATES),
            (GAIN_FIELD, FIELD_DOUBLE),
            (CHANGE_FIELD, FIELD_DOUBLE),
        ]
        values = result.unit_value
        columns = {
            **{TYPE_FIELDS[s]: result.types[s] for s in STATES},
            **{VALUE_FIELDS[s]: values[s] for s in STATES},
            GAIN_FIELD: values["after"] - values["damaged"],
            CHANGE_FIELD: values["after"] - values["before"],
        }
        return self.write_units_with(
            source,
            features,
            added,
            lambda i: {name: _cell(column[i]) for name, column in columns.items()},
            parameters,
            self.OUTPUT,
            context,
        )

    def _write_services(
        self,
        esv: EsvRules,
        result: EsvResult,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """One row per service and a total: the value in the three states, the gain of
        reclamation and the change against the land before damage (元/a)."""
        fields = table_fields(
            ("row_kind", FIELD_STRING),
            ("service", FIELD_STRING),
            ("service_name", FIELD_STRING),
            *((f"esv_{s}", FIELD_DOUBLE) for s in STATES),
            ("esv_gain", FIELD_DOUBLE),
            ("esv_change", FIELD_DOUBLE),
        )
        sink, dest = self.sink(parameters, self.SERVICES, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.SERVICES))
        by = result.by_service
        names = [in_language(esv.service_names[key], language) for key in esv.services]
        rows = [
            ("item", key, name, *(by[s][i] for s in STATES))
            for i, (key, name) in enumerate(zip(esv.services, names, strict=True))
        ]
        total = in_language(ROW_NAMES["total"], language)
        rows.append(("total", "total", total, *(by[s].sum() for s in STATES)))
        for kind, key, name, before, damaged, after in rows:
            changes = (after - damaged, after - before)
            values = [kind, key, name, *_rounded(before, damaged, after, *changes)]
            self.add_row(sink, fields, values, parameters, self.SERVICES, dest)
        return dest

    def _write_ecosystems(
        self,
        esv: EsvRules,
        result: EsvResult,
        land: UnitLand,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """One row per ecosystem type present in a state: hm² and 元/a in each state; the
        land not valued (a code without a type) in its own row, then the total."""
        fields = table_fields(
            ("row_kind", FIELD_STRING),
            ("ecosystem", FIELD_STRING),
            ("ecosystem_name", FIELD_STRING),
            *((f"{s}_hm2", FIELD_DOUBLE) for s in STATES),
            *((f"esv_{s}", FIELD_DOUBLE) for s in STATES),
        )
        sink, dest = self.sink(parameters, self.ECOSYSTEMS, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.ECOSYSTEMS):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.ECOSYSTEMS))
        areas = {s: result.area_by_type(s, land.area_hm2) for s in STATES}
        values = {s: result.value_by_type(s) for s in STATES}
        present = [k for k in esv.ecosystems if any(areas[s].get(k) for s in STATES)]
        for key in present:
            row = [
                "item",
                key,
                in_language(esv.ecosystems[key].name, language),
                *(round(areas[s].get(key, 0.0), 4) for s in STATES),
                *(round(values[s].get(key, 0.0), 2) for s in STATES),
            ]
            self.add_row(sink, fields, row, parameters, self.ECOSYSTEMS, dest)
        if any(areas[s].get("") for s in STATES):
            row = [
                "not_valued",
                "",
                in_language(ROW_NAMES["not_valued"], language),
                *(round(areas[s].get("", 0.0), 4) for s in STATES),
                None,
                None,
                None,
            ]
            self.add_row(sink, fields, row, parameters, self.ECOSYSTEMS, dest)
        total = float(land.area_hm2.sum())
        row = [
            "total",
            "total",
            in_language(ROW_NAMES["total"], language),
            *(round(total, 4) for _ in STATES),
            *(round(result.total(s), 2) for s in STATES),
        ]
        self.add_row(sink, fields, row, parameters, self.ECOSYSTEMS, dest)
        return dest


def _cell(value: Any) -> Any:
    """A numpy value as an attribute: NaN and "" as NULL, floats to the cent."""
    if isinstance(value, str):
        return value or None
    number = float(value)
    return None if np.isnan(number) else round(number, 2)


def _rounded(*numbers: float) -> list[float]:
    return [round(float(n), 2) for n in numbers]
