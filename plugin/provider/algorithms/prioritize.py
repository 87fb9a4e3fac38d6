"""reclamation:prioritize — the order in which to reclaim the units, by benefit per cost, and
with a budget the best set of units within it.

Thin: the method is :mod:`...core.priority`, the weights the rule pack's ``priority`` block
(or WEIGHTS).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import FIELD_DOUBLE, FIELD_INT
from ...core.priority import Priority, prioritize
from ...core.rules.priority import TERMS, parse_weights
from ...core.rules.reader import Reader, RulePackError
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord
from ..units import number_column, text_column
from .base import GROUP_ECOLOGY, ReclamationAlgorithm, listed_numbers

# The field each benefit term is read from ("" : computed from the proposal and the area).
TERM_FIELDS = {"esv_gain": "esv_gain", "corridor_gain": "corridor_gain", "cultivated_hm2": ""}


class PrioritizeAlgorithm(ReclamationAlgorithm):
    UNITS = "UNITS"
    RULES = "RULES"
    WEIGHTS = "WEIGHTS"
    COST_FIELD = "COST_FIELD"
    BUDGET = "BUDGET"
    OUTPUT = "OUTPUT"
    ADVANCED = frozenset({"WEIGHTS"})

    def name(self) -> str:
        return "prioritize"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Priority by cost and benefit")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_ECOLOGY

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The order in which to reclaim the units: the benefit of each unit per unit of "
            "cost, and with a budget the set of units of the largest benefit within it.\n\n"
            "Benefit terms: esv_gain (the ecosystem-service value reclamation adds, from "
            "Ecosystem-service value), corridor_gain (the resistance its reclamation removes "
            "from the ecological corridors, from Ecological network) and cultivated_hm2 (the "
            "cultivated land it gives back). Each is divided by its largest magnitude over the "
            "plan's units (the most 1, none 0, a loss negative), weighted by the rule pack's "
            "priority block or WEIGHTS (term=weight;…) and summed into the score. A term whose "
            "field the units lack counts 0 and is named.\n\n"
            "Cost: the unit's investment (COST_FIELD, e.g. cost_yuan of Schedule the work "
            "plan, 元), else its area (hm²): units of unequal area are compared per hectare. "
            "Rank 1 has the most score per cost. With a BUDGET (in the cost's unit), the units "
            "of the largest total score within it are selected (SciPy's MILP, else a greedy "
            "fill with its gap to the bound). priority_benefit (the score, 0 where it is "
            "negative) can feed Schedule the work plan (BENEFIT_FIELD)."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (with esv_gain, corridor_gain, use_proposed)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterString(
                self.WEIGHTS,
                self.tr("Weights (term=weight;…; empty: the rule pack's)"),
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterField(
                self.COST_FIELD,
                self.tr("Cost field (元; empty: the area)"),
                parentLayerParameterName=self.UNITS,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterNumber(
                self.BUDGET,
                self.tr("Budget (in the cost's unit; empty: rank only)"),
                QgsProcessingParameterNumber.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Units with their priority"), QgsProcessing.TypeVectorPolygon
            )
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        weights = self._weights(parameters, context)
        source = self.unit_source(parameters, context)
        features = list(source.getFeatures())
        names = source.fields().names()
        area_hm2 = (
            np.nan_to_num(
                ellipsoidal_areas([f.geometry() for f in features], source.sourceCrs(), context)
            )
            * 1e-4
        )
        terms = self._terms(features, names, area_hm2, weights, feedback)
        cost_field = (self.parameterAsFields(parameters, self.COST_FIELD, context) or [""])[0]
        cost = number_column(features, cost_field) if cost_field else area_hm2
        bad = np.flatnonzero(~(np.isfinite(cost) & (cost > 0)))
        if bad.size:
            feedback.pushWarning(
                self.tr("Units without a cost above 0 are not ranked (numbers {0}).").format(
                    listed_numbers((bad + 1).tolist())
                )
            )
        budget = self.optional_double(parameters, self.BUDGET, context)
        try:
            result = prioritize(terms, weights, cost, budget)
        except ValueError as error:
            raise self.fail(self.tr("Priority: {0}").format(error)) from None
        self._report(result, cost, budget, cost_field, feedback)
        record = RunRecord(self)
        record.note("weights", ";".join(f"{t}={w:g}" for t, w in weights.items()))
        outputs = {self.OUTPUT: self._write(source, features, result, cost, parameters, context)}
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        return outputs

    def _weights(self, parameters: dict, context: QgsProcessingContext) -> dict[str, float]:
        text = self.parameterAsString(parameters, self.WEIGHTS, context).strip()
        if text:
            pairs = {}
            for part in filter(None, (p.strip() for p in text.split(";"))):
                term, _, value = part.partition("=")
                try:
                    pairs[term.strip()] = float(value)
                except ValueError:
                    raise self.fail(
                        self.tr("Weights: {0} is not term=number (terms: {1}).").format(
                            part, ", ".join(TERMS)
                        )
                    ) from None
            try:
                return parse_weights(Reader(self.WEIGHTS), pairs, "WEIGHTS")
            except RulePackError as error:
                raise self.fail(str(error)) from None
        pack = self.rule_pack(parameters, context)
        if pack.priority is None:
            raise self.fail(
                self.tr(
                    "The rule pack {0} has no priority block: give WEIGHTS "
                    "(esv_gain=…;corridor_gain=…;cultivated_hm2=…) or use cn-reclamation."
                ).format(pack.id)
            )
        return dict(pack.priority.weights)

    def _terms(
        self,
        features: list,
        names: list[str],
        area_hm2: np.ndarray,
        weights: dict[str, float],
        feedback: QgsProcessingFeedback,
    ) -> dict[str, np.ndarray]:
        terms = {}
        for term, weight in weights.items():
            if weight == 0:
                continue
            field = TERM_FIELDS[term]
            if not field:
                use = text_column(features, "use_proposed" if "use_proposed" in names else None)
                if "use_proposed" not in names:
                    feedback.pushWarning(
                        self.tr("The units have no use_proposed: cultivated_hm2 counts 0.")
                    )
                terms[term] = np.where(use == "cultivated", area_hm2, 0.0)
            elif field not in names:
                feedback.pushWarning(
                    self.tr(
                        "The units have no field {0}: its term counts 0 (run {1} first)."
                    ).format(
                        field,
                        self.tr("Ecosystem-service value")
                        if term == "esv_gain"
                        else self.tr("Ecological network (MCR)"),
                    )
                )
                terms[term] = np.zeros(len(features))
            else:
                terms[term] = number_column(features, field)
        return terms

    def _report(
        self,
        result: Priority,
        cost: np.ndarray,
        budget: float | None,
        cost_field: str,
        feedback: QgsProcessingFeedback,
    ) -> None:
        first = np.flatnonzero(result.rank == 1)
        if first.size:
            feedback.pushInfo(
                self.tr("Unit {0} comes first: score {1:.3f}, {2:.3f} per {3}.").format(
                    int(first[0]) + 1,
                    result.score[first[0]],
                    result.ratio[first[0]],
                    self.tr("元") if cost_field else "hm²",
                )
            )
        if result.selected is not None:
            spent = float(cost[result.selected].sum())
            total = float(result.score[result.selected].sum())
            feedback.pushInfo(
                self.tr(
                    "Within the budget {0:,.2f}: {1} unit(s), cost {2:,.2f}, score {3:.3f} "
                    "(at most {4:.3f}; {5})."
                ).format(
                    budget, int(result.selected.sum()), spent, total, result.bound, result.solver
                )
            )

    def _write(
        self,
        source: Any,
        features: list,
        result: Priority,
        cost: np.ndarray,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        columns = [
            *((f"scaled_{term}", FIELD_DOUBLE) for term in result.scaled),
            ("priority_score", FIELD_DOUBLE),
            ("priority_benefit", FIELD_DOUBLE),
            ("priority_cost", FIELD_DOUBLE),
            ("priority_ratio", FIELD_DOUBLE),
            ("priority_rank", FIELD_INT),
        ]
        if result.selected is not None:
            columns.append(("selected", FIELD_INT))

        def values_of(i: int) -> dict[str, Any]:
            values = [
                *(round(float(v[i]), 4) for v in result.scaled.values()),
                round(float(result.score[i]), 4),
                round(max(float(result.score[i]), 0.0), 4),
                None if not np.isfinite(cost[i]) else round(float(cost[i]), 4),
                None if not np.isfinite(result.ratio[i]) else round(float(result.ratio[i]), 6),
                int(result.rank[i]) or None,
            ]
            if result.selected is not None:
                values.append(int(result.selected[i]))
            return {name: value for (name, _), value in zip(columns, values, strict=True)}

        return self.write_units_with(
            source, features, columns, values_of, parameters, self.OUTPUT, context
        )
