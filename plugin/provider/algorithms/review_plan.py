"""reclamation:reviewplan — a reviewer's checks of a reclamation plan (复垦方案审查): the
findings of a review pack's checks on the plan's evaluation units, as a table and a short
report.

Thin: the checks are :mod:`...core.review`; the review pack is data (resources/review).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...compat import FIELD_INT, FIELD_STRING
from ...core.labels import in_language
from ...core.review import (
    CHECKS,
    Finding,
    PlanStatements,
    PlanUnits,
    ReviewPack,
    load_review_pack,
    review,
)
from ...core.rules.reader import RulePackError
from ...i18n import ui_language
from ...paths import resource
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, attribute_rows, table_fields
from ..units import number_column, text_column
from .base import GROUP_PLAN, ReclamationAlgorithm
from .cost_inputs import CostInputs

DEFAULT_REVIEW = "cn-review"
# The contract's fields a review reads (FIELD_MAP names others: plan_field=contract_field).
PLAN_FIELDS = (
    "unit_id",
    "dist_type",
    "dist_degree",
    "use_proposed",
    "dlbm_before",
    "dlbm",
    "slope_deg",
    "pollution",
    "area_hm2",
    "degree_basis",
    "rule_pack",
)


class ReviewPlanAlgorithm(CostInputs, ReclamationAlgorithm):
    UNITS = "UNITS"
    REVIEW = "REVIEW"
    FIELD_MAP = "FIELD_MAP"
    COST_SUMMARY = "COST_SUMMARY"
    FINDINGS = "FINDINGS"
    REPORT_HTML = "REPORT_HTML"

    def name(self) -> str:
        return "reviewplan"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Review a reclamation plan")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The checks a reviewer makes of a reclamation plan (复垦方案审查), as rules of a "
            "review pack (built-in cn-review, or a JSON file), on the plan's evaluation units "
            "— made by this plugin or by hand, with the contract's fields (dist_type, "
            "dist_degree, use_proposed, dlbm_before, dlbm, slope_deg, pollution, area_hm2, "
            "unit_id) or others named by FIELD_MAP (their_field=contract_field;…).\n\n"
            "cn-review: every damaged unit has a proposed use and a damage degree; no "
            "cultivation above the slope cap (25°); no food crops (cultivated land, garden) on "
            "land over the intervention value; the stated areas match the shapes (0.01 %); no "
            "net loss of cultivated land; the reclamation rate of the responsibility area "
            "(damaged land but what stays construction land) at least the required one; "
            "damage degrees graded by an indicator (degree_basis), not the rule pack's default; "
            "every unit names its rule pack (rule_pack); every reclaimed unit has a works "
            "quantity (WORKS: unit_id, quantity) and the investment is stated (COST_SUMMARY: "
            "static and dynamic investment, no missing prices).\n\n"
            "A value a check needs and the plan lacks is a finding, never a pass. Outputs: the "
            "findings (check, unit, evidence; unit 0 for the plan as a whole) and a short HTML "
            "report."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("The plan's evaluation units"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add(
            QgsProcessingParameterString(
                self.REVIEW, self.tr("Review pack (built-in id or file)"), DEFAULT_REVIEW
            )
        )
        self.add(
            QgsProcessingParameterString(
                self.FIELD_MAP,
                self.tr("Field map (their_field=contract_field;…)"),
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.WORKS,
                self.tr("The plan's works (unit × work item: unit_id, quantity)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.COST_SUMMARY,
                self.tr("The plan's investment summary (item, value)"),
                [QgsProcessing.TypeVector],
                optional=True,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.FINDINGS, self.tr("Review findings"), QgsProcessing.TypeVector
            )
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.REPORT_HTML,
                self.tr("Review report (HTML)"),
                self.tr("HTML files (*.html)"),
                optional=True,
                createByDefault=False,
            )
        )

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        pack = self._pack(parameters, context)
        source = self.unit_source(parameters, context)
        fields = self._fields(parameters, context, source.fields().names())
        plan = self._plan(source, fields, context)
        findings = review(pack, plan, self._statements(parameters, context))
        language = ui_language()
        for check in pack.enabled:
            count = sum(1 for f in findings if f.check == check)
            text = self.tr("{0}: {1} finding(s).") if count else self.tr("{0}: passed.")
            feedback.pushInfo(text.format(in_language(pack.names[check], language), count))
        record = RunRecord(self)
        record.note("review_pack", f"{pack.id} {pack.version}")
        outputs = {self.FINDINGS: self._write(pack, findings, language, parameters, context)}
        report = self.parameterAsFileOutput(parameters, self.REPORT_HTML, context)
        if report:
            self._write_report(report, pack, findings, plan, language)
            outputs[self.REPORT_HTML] = report
        self.finish_unstyled(
            record, {self.FINDINGS: outputs[self.FINDINGS]}, parameters, context, feedback
        )
        return outputs

    def _pack(self, parameters: dict, context: QgsProcessingContext) -> ReviewPack:
        reference = self.parameterAsString(parameters, self.REVIEW, context).strip()
        reference = reference or DEFAULT_REVIEW
        builtin = resource("review", f"{reference}.json")
        path = Path(builtin) if Path(builtin).is_file() else Path(reference)
        if not path.is_file():
            raise self.fail(
                self.tr("Review pack {0}: no built-in pack has this id and no such file exists "
                        "(built-in: {1}).").format(reference, DEFAULT_REVIEW)
            )  # fmt: skip
        try:
            return load_review_pack(path)
        except (RulePackError, OSError) as error:
            raise self.fail(str(error)) from None

    def _statements(self, parameters: dict, context: QgsProcessingContext) -> PlanStatements:
        """The units with an engineering quantity and the investment summary, when given."""
        # The works table read as estimatecost reads it (its fields checked, numbers parsed).
        works = self.works_table(parameters, context, needed=("unit_id", "quantity"))
        summary = self._cost_summary(parameters, context)
        units = None
        if works is not None:
            units = frozenset(
                int(row["unit_id"])
                for row in works
                if row["unit_id"] is not None and (row["quantity"] or 0) > 0
            )
        investment = None
        if summary is not None:
            investment = {str(row["item"]): row["value"] for row in summary}
        return PlanStatements(units, investment)

    def _cost_summary(
        self, parameters: dict, context: QgsProcessingContext
    ) -> list[dict[str, Any]] | None:
        """The rows of the investment summary (item, value), when given."""
        source = self.parameterAsSource(parameters, self.COST_SUMMARY, context)
        if source is None:
            return None
        found = source.fields().names()
        missing = [name for name in ("item", "value") if name not in found]
        if missing:
            raise self.fail(
                self.tr("{0}: the table has no field {1} (it has {2}).").format(
                    self.COST_SUMMARY, ", ".join(missing), ", ".join(found)
                )
            )
        try:
            return attribute_rows(source, numbers=("value",))
        except ValueError as error:
            raise self.fail(f"{self.COST_SUMMARY}: {error}") from None

    def _fields(
        self, parameters: dict, context: QgsProcessingContext, names: list[str]
    ) -> dict[str, str]:
        """Contract field -> the plan's field (absent: the check that needs it finds it)."""
        fields = {name: name for name in PLAN_FIELDS if name in names}
        text = self.parameterAsString(parameters, self.FIELD_MAP, context).strip()
        for part in filter(None, (p.strip() for p in text.split(";"))):
            theirs, _, ours = (s.strip() for s in part.partition("="))
            if ours not in PLAN_FIELDS or theirs not in names:
                raise self.fail(
                    self.tr(
                        "Field map: {0} is not their_field=contract_field with a field of the "
                        "units ({1}) and one of {2}."
                    ).format(part, ", ".join(names), ", ".join(PLAN_FIELDS))
                )
            fields[ours] = theirs
        return fields

    def _plan(
        self, source: Any, fields: dict[str, str], context: QgsProcessingContext
    ) -> PlanUnits:
        features = list(source.getFeatures())

        def text(name: str) -> np.ndarray:
            return text_column(features, fields.get(name))

        def number(name: str) -> np.ndarray:
            return number_column(features, fields.get(name))

        ids = number("unit_id")
        ids = np.where(np.isnan(ids), np.arange(1, len(features) + 1), ids).astype(np.int64)
        areas = ellipsoidal_areas([f.geometry() for f in features], source.sourceCrs(), context)
        return PlanUnits(
            unit_id=ids,
            dist_type=text("dist_type"),
            degree=number("dist_degree"),
            use=text("use_proposed"),
            code_before=text("dlbm_before"),
            code_after=text("dlbm"),
            slope_deg=number("slope_deg"),
            pollution=number("pollution"),
            area_stated_hm2=number("area_hm2"),
            area_hm2=np.nan_to_num(areas) * 1e-4,
            degree_basis=text("degree_basis"),
            rule_pack=text("rule_pack"),
        )

    def _write(
        self,
        pack: ReviewPack,
        findings: list[Finding],
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        fields = table_fields(
            ("check", FIELD_STRING),
            ("check_name", FIELD_STRING),
            ("unit_id", FIELD_INT),
            ("evidence", FIELD_STRING),
        )
        sink, dest = self.sink(parameters, self.FINDINGS, context, fields, QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.FINDINGS))
        for finding in findings:
            row = [
                finding.check,
                in_language(pack.names[finding.check], language),
                finding.unit_id,
                finding.evidence,
            ]
            self.add_row(sink, fields, row, parameters, self.FINDINGS, dest)
        return dest

    def _write_report(
        self,
        path: str,
        pack: ReviewPack,
        findings: list[Finding],
        plan: PlanUnits,
        language: str,
    ) -> None:
        title = in_language(pack.title, language)
        lines = [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if language == "zh" else "en"}"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title></head><body>",
            f"<h1>{html.escape(title)}</h1>",
            "<p>"
            + html.escape(
                self.tr("{0} units, {1:.4f} hm²; review pack {2} {3}.").format(
                    len(plan.unit_id), float(plan.area_hm2.sum()), pack.id, pack.version
                )
            )
            + "</p><ul>",
        ]
        for check in (c for c in CHECKS if c in pack.enabled):
            count = sum(1 for f in findings if f.check == check)
            name = in_language(pack.names[check], language)
            state = self.tr("{0} finding(s)").format(count) if count else self.tr("passed")
            lines.append(f"<li>{html.escape(name)}: {html.escape(state)}</li>")
        lines.append("</ul>")
        if findings:
            header = (self.tr("Check"), self.tr("Unit"), self.tr("Evidence"))
            lines.append("<table border='1' cellspacing='0' cellpadding='3'><tr>")
            lines += [f"<th>{html.escape(h)}</th>" for h in header]
            lines.append("</tr>")
            for finding in findings:
                cells = (
                    in_language(pack.names[finding.check], language),
                    str(finding.unit_id) if finding.unit_id else self.tr("the plan"),
                    finding.evidence,
                )
                lines.append(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"
                )
            lines.append("</table>")
        lines.append("</body></html>")
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
