"""reclamation:estimatecost — the investment estimate (投资估算): the works of
``estimatequantities`` at their unit prices, through the cost structure of a JSON file.

Thin: the arithmetic and the structure are :mod:`...core.investment`.
"""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_STRING
from ...core.investment import (
    SUMMARY_NAMES,
    CostStructure,
    Estimate,
    WorkTotal,
    estimate,
    line_name,
    parse_spending,
    work_totals,
)
from ...core.labels import in_language
from ...core.quantity_tables import item_label
from ...i18n import ui_language
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, table_fields
from .base import GROUP_PLAN, ReclamationAlgorithm
from .cost_inputs import CostInputs


class EstimateCostAlgorithm(CostInputs, ReclamationAlgorithm):
    SPENDING = "SPENDING"
    UNITS = "UNITS"
    COST_TABLE = "COST_TABLE"
    SUMMARY = "SUMMARY"

    def name(self) -> str:
        return "estimatecost"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Estimate the investment")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The investment estimate (投资估算) of the plan: every work of Estimate "
            "engineering quantities at its unit price, then the cost structure (措施费, "
            "间接费, 利润, 税金, 设备费, 其他费用, 监测与管护费, 基本预备费, 风险金, "
            "价差预备费) of a JSON file, each rate with its source and status. Static "
            "total, and with the yearly spending (year=share;…) the dynamic total = "
            "static + Σ I_t((1+f)^t − 1); per hm² and per 亩 over the units' area.\n\n"
            "No price or rate is built in: resources/costs/template.json is the structure to "
            "fill in, example_sample_mine.json and example_prices_sample_mine.csv an example "
            "for the sample mine (not a norm). A work without a price is listed and the totals "
            "are marked incomplete; an empty rate stops the estimate."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add_cost_inputs(optional=False)
        self.add(
            QgsProcessingParameterString(
                self.SPENDING,
                self.tr("Yearly spending (year=share;…, e.g. 1=0.6;2=0.4)"),
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (for the area)"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.COST_TABLE, self.tr("Investment estimate"), QgsProcessing.TypeVector
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Investment summary"), QgsProcessing.TypeVector, optional=True
            )
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        costs = self.cost_structure(parameters, context)
        works, names = self._works(parameters, context)
        prices = self.unit_prices(parameters, context)
        try:
            spending = parse_spending(self.parameterAsString(parameters, self.SPENDING, context))
        except ValueError as error:
            raise self.fail(self.tr("Yearly spending: {0}").format(error)) from None
        area = self._area(parameters, context)
        if costs.monitoring.amount is None and area is None:
            raise self.fail(
                self.tr(
                    "The monitoring charge of the cost structure is per hm²: give the "
                    "evaluation units (UNITS) for the plan's area."
                )
            )
        try:
            result = estimate(works, prices, costs, spending or None, area)
        except ValueError as error:
            raise self.fail(self.tr("Investment estimate: {0}").format(error)) from None
        # The language of the works' own names (Chinese for a pack of China), else QGIS's.
        language = "zh" if any(_is_chinese(n) for n in names.values()) else ui_language()
        self._report(result, names, language, spending, feedback)
        record = RunRecord(self)
        record.note("cost_structure", costs.origin)
        outputs = {
            self.COST_TABLE: self._write_lines(result, costs, names, language, parameters, context)
        }
        summary = self._write_summary(result, language, parameters, context)
        if summary:
            outputs[self.SUMMARY] = summary
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        return outputs

    def _works(
        self, parameters: dict, context: QgsProcessingContext
    ) -> tuple[list[WorkTotal], dict[str, str]]:
        """The works summed by measure (and part), in their order; their names."""
        rows = self.works_table(parameters, context, needed=("item", "unit", "quantity"))
        return work_totals(rows or [])

    def _area(self, parameters: dict, context: QgsProcessingContext) -> float | None:
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None:
            return None
        geometries = [f.geometry() for f in source.getFeatures()]
        areas = ellipsoidal_areas(geometries, source.sourceCrs(), context)
        return float(sum(a for a in areas if a == a)) * 1e-4

    def _report(
        self,
        result: Estimate,
        names: dict[str, str],
        language: str,
        spending: dict,
        feedback: QgsProcessingFeedback,
    ) -> None:
        if result.missing:
            feedback.pushWarning(
                self.tr(
                    "No unit price for {0} work(s): {1}. They are not in the totals, which are "
                    "incomplete: add their prices."
                ).format(
                    len(result.missing),
                    ", ".join(
                        item_label(names.get(m.item, m.item), m.part, language)
                        for m in result.missing
                    ),
                )
            )
        if not spending:
            feedback.pushWarning(
                self.tr(
                    "No yearly spending (SPENDING): the price-rise contingency is not computed "
                    "and the dynamic total equals the static one."
                )
            )
        feedback.pushInfo(
            self.tr("Static total {0:,.2f} 元, dynamic total {1:,.2f} 元.").format(
                result.static, result.dynamic
            )
        )

    def _write_lines(
        self,
        result: Estimate,
        costs: CostStructure,
        names: dict[str, str],
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        fields = table_fields(
            ("line", FIELD_STRING),
            ("line_name", FIELD_STRING),
            ("item", FIELD_STRING),
            ("part", FIELD_STRING),
            ("quantity", FIELD_DOUBLE),
            ("unit_price", FIELD_DOUBLE),
            ("rate", FIELD_DOUBLE),
            ("amount", FIELD_DOUBLE),
            ("source", FIELD_STRING),
            ("status", FIELD_STRING),
            # The line's name in both languages (the structure's own items name themselves),
            # for a report in the other language.
            ("line_name_zh", FIELD_STRING),
            ("line_name_en", FIELD_STRING),
        )
        sink, dest = self.sink(parameters, self.COST_TABLE, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.COST_TABLE))
        for line in result.lines:
            values = [
                line.key,
                line_name(line, costs, language, names),
                line.item or None,
                line.part or None,
                line.quantity,
                line.unit_price,
                line.rate,
                None if line.amount is None else round(line.amount, 2),
                line.source or None,
                line.status or None,
                line_name(line, costs, "zh", names),
                line_name(line, costs, "en", names),
            ]
            self.add_row(sink, fields, values, parameters, self.COST_TABLE, dest)
        return dest

    def _write_summary(
        self, result: Estimate, language: str, parameters: dict, context: QgsProcessingContext
    ) -> str:
        fields = table_fields(
            ("item", FIELD_STRING), ("item_name", FIELD_STRING), ("value", FIELD_DOUBLE)
        )
        sink, dest = self.sink(parameters, self.SUMMARY, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            if not parameters.get(self.SUMMARY):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.SUMMARY))
        values = {
            "static": result.static,
            "price_rise": result.price_rise,
            "dynamic": result.dynamic,
            "area_hm2": result.area_hm2,
            "static_per_mu": result.per_mu(result.static),
            "dynamic_per_mu": result.per_mu(result.dynamic),
            "static_per_hm2": result.per_hm2(result.static),
            "missing_prices": float(len(result.missing)),
        }
        for key, value in values.items():
            row = [
                key,
                in_language(SUMMARY_NAMES[key], language),
                None if value is None else round(value, 4),
            ]
            self.add_row(sink, fields, row, parameters, self.SUMMARY, dest)
        return dest


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)
