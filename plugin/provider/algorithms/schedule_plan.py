"""reclamation:scheduleplan — the phased work plan (复垦工作计划安排): the stage and years of
every unit's works and after-care within the service period, the area, works and investment
of each stage, and the yearly spending that the dynamic investment needs.

Thin: the service period, ready years, stages under budgets and spending are
:mod:`...core.schedule`; the shares of the investment :mod:`...core.investment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING, is_null
from ...core.investment import (
    estimate,
    unit_costs,
    work_totals,
)
from ...core.rules.vocabulary import EVALUATED_USES, NO_DAMAGE, PROPOSAL_ONLY_USES
from ...core.schedule import (
    UNSCHEDULED,
    Placement,
    ServicePeriod,
    place,
    ready_years,
    row_stages,
    soil_by_stage,
    spending_shares,
    spending_text,
    stage_name,
    stage_window,
    stripping_spending,
    stripping_years,
    unit_years,
    works_by_stage,
    yearly_spending,
)
from ...core.works_table import WorksColumns
from ...i18n import report_language
from ..areas import ellipsoidal_areas
from ..outputs import RunRecord, table_fields
from ..panel_reach import PanelGeometryError, latest_mining_year
from .base import GROUP_PLAN, ReclamationAlgorithm, listed_numbers
from .cost_inputs import CostInputs

# Plausible calendar years for a unit's or a panel's year.
_YEARS = (1900, 2300)


@dataclass
class _Units:
    """The units in their source order: ids, attributes the plan reads, areas."""

    feature_ids: list[int]
    unit_ids: np.ndarray
    geometries: list[QgsGeometry]
    damage: list[str | None]
    use: list[str]
    area_hm2: np.ndarray
    in_plan: np.ndarray
    field_year: np.ndarray
    benefit: np.ndarray


@dataclass
class _Works:
    columns: WorksColumns  # the works table
    years: np.ndarray  # the year each stripping area's row is stripped (NaN: a unit's row)
    cover_items: frozenset[str]  # the measures that take topsoil (the pack's cover items)
    stage: np.ndarray | None = None  # each row's stage, once the units have theirs


@dataclass
class _Costs:
    works: np.ndarray  # 元 per unit (static investment, works part)
    care: np.ndarray  # 元 per unit (monitoring and after-care part)
    prices: dict  # (item, part) -> Price
    stripping: dict[int, float]  # 元 per stripping area (area_id)
    price_rise_rate: float  # f of the cost structure, for the price rise by stage


class SchedulePlanAlgorithm(CostInputs, ReclamationAlgorithm):
    ADVANCED = frozenset({"STAGE_YEARS", "READY_YEAR_FIELD", "BUDGET", "BENEFIT_FIELD"})
    UNITS = "UNITS"
    FIRST_YEAR = "FIRST_YEAR"
    PRODUCTION_YEARS = "PRODUCTION_YEARS"
    SETTLING_YEARS = "SETTLING_YEARS"
    AFTERCARE_YEARS = "AFTERCARE_YEARS"
    STAGE_YEARS = "STAGE_YEARS"
    READY_YEAR_FIELD = "READY_YEAR_FIELD"
    PANELS = "PANELS"
    MINING_YEAR_FIELD = "MINING_YEAR_FIELD"
    DEPTH_FIELD = "DEPTH_FIELD"
    DEPTH = "DEPTH"
    TAN_BETA_FIELD = "TAN_BETA_FIELD"
    TAN_BETA = "TAN_BETA"
    BUDGET = "BUDGET"
    BENEFIT_FIELD = "BENEFIT_FIELD"
    OUTPUT = "OUTPUT"
    STAGE_TABLE = "STAGE_TABLE"
    STAGE_WORKS = "STAGE_WORKS"
    SPENDING = "SPENDING"

    def name(self) -> str:
        return "scheduleplan"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Schedule the work plan")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The phased work plan (复垦工作计划安排): the stage and years of every unit's "
            "works within the service period (服务年限 = 生产期 + 稳沉期 + 管护期, cut into "
            "stages of the rule pack's length, often 5 years), the area, works and "
            "investment of each stage, and the yearly spending for the dynamic investment "
            "(SPENDING, read by Estimate the investment).\n\n"
            "A unit is reclaimed no earlier than it is ready: the year of its own field, "
            "else (subsided land) the latest mining year of the panels whose influence "
            "(radius = depth / tan β) reaches it + the settling period, else the rule "
            "pack's release of its damage type (from the start, at closure, once stable). "
            "Works end by the last year of the settling period, so that the after-care "
            "period follows them within the service period.\n\n"
            "Without budgets every unit goes to the stage it is ready in. With budgets "
            "per stage (BUDGET, 元: one number for every stage, or stage=amount;…) the "
            "stages are chosen to reclaim the most area (or BENEFIT_FIELD) early within "
            "them, by mixed-integer programming (SciPy, HiGHS) or a greedy fill with its "
            "gap reported; units no budget can hold are listed. Budgets need the costs: "
            "the works (WORKS), prices and cost structure of Estimate the investment."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterFeatureSource(
                self.UNITS,
                self.tr("Evaluation units (with use_proposed and dist_type)"),
                [QgsProcessing.TypeVectorPolygon],
            )
        )
        self.add_rule_pack_parameter()
        self.add(
            QgsProcessingParameterNumber(
                self.FIRST_YEAR,
                self.tr("First year of the plan"),
                QgsProcessingParameterNumber.Integer,
                QDate.currentDate().year() + 1,
                minValue=_YEARS[0],
                maxValue=_YEARS[1],
            )
        )
        for key, label in (
            (self.PRODUCTION_YEARS, self.tr("Production period (生产期, years)")),
            (self.SETTLING_YEARS, self.tr("Settling period (稳沉期, years; 0 without subsidence)")),
            (self.AFTERCARE_YEARS, self.tr("After-care period (管护期, years)")),
        ):
            self.add(
                QgsProcessingParameterNumber(
                    key, label, QgsProcessingParameterNumber.Integer, None, minValue=0, maxValue=200
                )
            )
        self.add(
            QgsProcessingParameterNumber(
                self.STAGE_YEARS,
                self.tr("Stage length (years; empty: the rule pack's)"),
                QgsProcessingParameterNumber.Integer,
                None,
                optional=True,
                minValue=1,
                maxValue=20,
            )
        )
        self.add_numeric_field(
            self.READY_YEAR_FIELD,
            self.tr("Year a unit can be reclaimed from (field, optional)"),
            self.UNITS,
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.PANELS,
                self.tr("Working panels"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )
        self.add_numeric_field(
            self.MINING_YEAR_FIELD, self.tr("Mining year of each panel (field)"), self.PANELS
        )
        self.add_numeric_field(
            self.DEPTH_FIELD, self.tr("Mining depth of each panel (field, m)"), self.PANELS
        )
        self._panel_number(self.DEPTH, self.tr("Mining depth H (m), for all panels"))
        self.add_numeric_field(
            self.TAN_BETA_FIELD, self.tr("tan β of each panel (field)"), self.PANELS
        )
        self._panel_number(self.TAN_BETA, self.tr("Tangent of the major influence angle tan β"))
        self.add_cost_inputs(optional=True)
        self.add(
            QgsProcessingParameterString(
                self.BUDGET,
                self.tr("Budget per stage (元: one number, or stage=amount;…)"),
                optional=True,
            )
        )
        self.add_numeric_field(
            self.BENEFIT_FIELD, self.tr("Benefit of each unit (field; empty: its area)"), self.UNITS
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Units with their stage"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.STAGE_TABLE, self.tr("Work plan by stage"), QgsProcessing.TypeVector
            )
        )
        self.add(
            QgsProcessingParameterFeatureSink(
                self.STAGE_WORKS,
                self.tr("Works by stage"),
                QgsProcessing.TypeVector,
                optional=True,
            )
        )
        self.addOutput(
            QgsProcessingOutputString(
                self.SPENDING, self.tr("Yearly spending (year=share;…, for the investment)")
            )
        )

    def _panel_number(self, key: str, label: str) -> None:
        self.add(
            QgsProcessingParameterNumber(
                key, label, QgsProcessingParameterNumber.Double, None, optional=True, minValue=0.0
            )
        )

    # --- the run ----------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        pack = self.rule_pack(parameters, context)
        if pack.timing is None:
            raise self.fail(
                self.tr(
                    "The rule pack {0} has no schedule block (stage length, release of "
                    "damaged land): add one (see docs/work-plan.md) or use cn-reclamation."
                ).format(pack.id)
            )
        service = self._service(parameters, context, pack.timing.stage_years)
        source = self.parameterAsSource(parameters, self.UNITS, context)
        if source is None or source.featureCount() == 0:
            raise self.fail(self.tr("The evaluation units have no features."))
        units = self._units(source, parameters, context)
        panel_years = self._panel_years(parameters, context, units, source, feedback)
        ready, basis = ready_years(
            units.damage, units.field_year, panel_years, service, pack.timing
        )
        works = self._works(parameters, context, service, pack)
        costs = self._costs(parameters, context, units, works, feedback)
        budgets = self._budgets(parameters, context, len(service.stages()))
        if budgets and costs is None:
            raise self.fail(
                self.tr(
                    "Budgets need the cost of every unit: give the works (WORKS), the unit "
                    "prices (PRICES) and the cost structure (COSTS)."
                )
            )
        placement = self._place(units, ready, service, costs, budgets)
        stage = np.full(len(units.unit_ids), UNSCHEDULED, dtype=np.int64)
        stage[units.in_plan] = placement.stage
        years = unit_years(stage, ready, service)
        if works is not None:
            works.stage = row_stages(works.columns, units.unit_ids, stage, works.years, service)
        self._report(units, ready, stage, years, service, placement, budgets, feedback)
        language = report_language("", [pack.region])
        spent = np.zeros(service.total_years)
        if costs is not None:
            spent = yearly_spending(years, costs.works, costs.care, service)
            spent += stripping_spending(
                works.columns, works.years, costs.stripping, service, spent.size
            )
        spending = spending_text(spending_shares(spent))
        record = RunRecord(self)
        record.note("rule_pack", f"{pack.id} {pack.version} {pack.sha256[:12]}")
        record.note("solver", f"{placement.solver} gap {placement.gap:.4f}")
        outputs: dict[str, Any] = {
            self.OUTPUT: self._write_units(
                source, units, ready, basis, stage, years, costs, parameters, context
            ),
            self.STAGE_TABLE: self._write_stages(
                units, stage, years, spent, works, costs, service, language, parameters, context
            ),
        }
        stage_works = self._write_stage_works(works, costs, parameters, context)
        if stage_works:
            outputs[self.STAGE_WORKS] = stage_works
        self.finish_unstyled(record, outputs, parameters, context, feedback)
        outputs[self.SPENDING] = spending
        return outputs

    # --- inputs -----------------------------------------------------------------------

    def _service(
        self, parameters: dict, context: QgsProcessingContext, pack_stage_years: int
    ) -> ServicePeriod:
        def whole(key: str) -> int | None:
            value = parameters.get(key)
            if value is None or value == "":
                return None
            return self.parameterAsInt(parameters, key, context)

        try:
            return ServicePeriod(
                first_year=self.parameterAsInt(parameters, self.FIRST_YEAR, context),
                production_years=whole(self.PRODUCTION_YEARS) or 0,
                settling_years=whole(self.SETTLING_YEARS) or 0,
                aftercare_years=whole(self.AFTERCARE_YEARS) or 0,
                stage_years=whole(self.STAGE_YEARS) or pack_stage_years,
            )
        except ValueError as error:
            raise self.fail(self.tr("Service period: {0}").format(error)) from None

    def _units(self, source: Any, parameters: dict, context: QgsProcessingContext) -> _Units:
        names = source.fields().names()
        if "use_proposed" not in names:
            raise self.fail(
                self.tr(
                    "The units have no field use_proposed: use the output of Evaluate "
                    "suitability or Estimate engineering quantities. Fields: {0}"
                ).format(", ".join(names))
            )
        year_field = self.parameterAsString(parameters, self.READY_YEAR_FIELD, context)
        benefit_field = self.parameterAsString(parameters, self.BENEFIT_FIELD, context)
        features = list(source.getFeatures())
        geometries = [f.geometry() for f in features]
        area = np.nan_to_num(ellipsoidal_areas(geometries, source.sourceCrs(), context)) * 1e-4

        def text(feature: QgsFeature, name: str) -> str:
            if name not in names or is_null(feature[name]):
                return ""
            return str(feature[name])

        use = [text(f, "use_proposed") for f in features]
        damage = [text(f, "dist_type") or None for f in features]
        has_damage = "dist_type" in names
        in_plan = np.array(
            [
                bool(u)
                and u not in PROPOSAL_ONLY_USES
                and (not has_damage or d not in (None, NO_DAMAGE))
                for u, d in zip(use, damage, strict=True)
            ]
        )
        unit_numbers = [text(f, "unit_id") for f in features]
        unit_ids = np.array(
            [int(float(n)) if n else i + 1 for i, n in enumerate(unit_numbers)], dtype=np.int64
        )
        layer = self.layer_words(parameters, self.UNITS, context)
        field_year = self._years(features, year_field, unit_ids, layer)
        benefit = area.copy()
        if benefit_field:
            values = self._numbers_of(features, benefit_field)
            bad = np.flatnonzero(in_plan & ~(np.isfinite(values) & (values >= 0)))
            if bad.size:
                raise self.fail(
                    self.tr(
                        "Field {0} of {1} gives no benefit of 0 or more for unit(s) {2}."
                    ).format(benefit_field, layer, _listed_ids(unit_ids[bad]))
                )
            benefit = values
        return _Units(
            [f.id() for f in features],
            unit_ids,
            geometries,
            damage,
            use,
            area,
            in_plan,
            field_year,
            benefit,
        )

    @staticmethod
    def _numbers_of(features: list[QgsFeature], name: str) -> np.ndarray:
        values = []
        for feature in features:
            value = feature[name]
            try:
                values.append(np.nan if is_null(value) else float(value))
            except (TypeError, ValueError):
                values.append(np.nan)
        return np.array(values, dtype=float)

    def _years(
        self, features: list[QgsFeature], name: str, ids: np.ndarray, layer: str
    ) -> np.ndarray:
        """A field of calendar years (NaN where empty); an impossible year stops the run."""
        if not name:
            return np.full(len(features), np.nan)
        years = self._numbers_of(features, name)
        given = np.isfinite(years)
        bad = given & ((years < _YEARS[0]) | (years > _YEARS[1]) | (years != np.round(years)))
        if bad.any():
            raise self.fail(
                self.tr(
                    "Field {0} of {1} holds no calendar year ({2}–{3}) for unit(s) {4}."
                ).format(name, layer, _YEARS[0], _YEARS[1], _listed_ids(ids[np.flatnonzero(bad)]))
            )
        return years

    def _panel_years(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        units: _Units,
        source: Any,
        feedback: QgsProcessingFeedback,
    ) -> np.ndarray:
        """The latest mining year of the panels whose influence reaches each unit (NaN:
        none), the influence radius r = H / tan β of each panel (Knothe's / the
        probability-integral method's major influence radius)."""
        panels = self.parameterAsSource(parameters, self.PANELS, context)
        if panels is None:
            return np.full(len(units.unit_ids), np.nan)
        layer = self.layer_words(parameters, self.PANELS, context)
        year_field = self.parameterAsString(parameters, self.MINING_YEAR_FIELD, context)
        if not year_field:
            raise self.fail(
                self.tr(
                    "Panels {0}: name the field of their mining year (MINING_YEAR_FIELD)."
                ).format(layer)
            )
        features = list(panels.getFeatures())
        mined = self._years(features, year_field, np.arange(1, len(features) + 1), layer)
        radius = self._radius(parameters, context, features, layer, feedback)
        try:
            return latest_mining_year(
                units.geometries,
                source.sourceCrs(),
                units.in_plan,
                [(f.geometry(), y, r) for f, y, r in zip(features, mined, radius, strict=True)],
                panels.sourceCrs(),
                context,
            )
        except PanelGeometryError as error:
            raise self.fail(
                self.tr(
                    "The panels cannot be laid over the units: {0} cannot be transformed."
                ).format(error)
            ) from None

    def _radius(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        features: list[QgsFeature],
        layer: str,
        feedback: QgsProcessingFeedback,
    ) -> np.ndarray:
        def values(field_key: str, value_key: str) -> np.ndarray | None:
            name = self.parameterAsString(parameters, field_key, context)
            if name:
                return self._numbers_of(features, name)
            if parameters.get(value_key) not in (None, ""):
                value = self.parameterAsDouble(parameters, value_key, context)
                return np.full(len(features), value)
            return None

        depth = values(self.DEPTH_FIELD, self.DEPTH)
        tan_beta = values(self.TAN_BETA_FIELD, self.TAN_BETA)
        if depth is None or tan_beta is None:
            feedback.pushWarning(
                self.tr(
                    "No mining depth or tan β for the panels of {0}: only units on a panel's "
                    "own area take its mining year."
                ).format(layer)
            )
            return np.zeros(len(features))
        bad = ~(np.isfinite(depth) & (depth > 0) & np.isfinite(tan_beta) & (tan_beta > 0))
        if bad.any():
            raise self.fail(
                self.tr("Panels {0}: no positive mining depth and tan β for panel(s) {1}.").format(
                    layer, _listed_ids(np.flatnonzero(bad) + 1)
                )
            )
        return depth / tan_beta

    def _works(
        self, parameters: dict, context: QgsProcessingContext, service: ServicePeriod, pack: Any
    ) -> _Works | None:
        """The works table of estimatequantities (None: not given)."""
        rows = self.works_table(parameters, context)
        if rows is None:
            return None
        cover = frozenset(i.key for i in pack.works.items if i.cover) if pack.works else frozenset()
        columns = WorksColumns.from_rows(rows)
        return _Works(columns, stripping_years(columns, service), cover)

    def _costs(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        units: _Units,
        works: _Works | None,
        feedback: QgsProcessingFeedback,
    ) -> _Costs | None:
        """Each unit's share of the static investment, when the works, prices and cost
        structure are all given."""
        prices_source = self.parameterAsSource(parameters, self.PRICES, context)
        path = self.parameterAsFile(parameters, self.COSTS, context)
        if prices_source is None and not path:
            return None
        if prices_source is None or not path or works is None:
            raise self.fail(
                self.tr(
                    "The investment by stage needs all three: the works (WORKS), the unit "
                    "prices (PRICES) and the cost structure (COSTS)."
                )
            )
        rows = works.columns
        structure = self.cost_structure(parameters, context)
        prices = self.unit_prices(parameters, context)
        try:
            totals, _ = work_totals(rows)
            result = estimate(totals, prices, structure, None, float(units.area_hm2.sum()))
        except ValueError as error:
            raise self.fail(self.tr("Investment: {0}").format(error)) from None
        if result.missing:
            feedback.pushWarning(
                self.tr(
                    "No unit price for {0} work(s): the investment by stage leaves them out."
                ).format(len(result.missing))
            )
        plan = np.flatnonzero(units.in_plan)
        shares = unit_costs(
            rows, prices, result, units.unit_ids[plan].tolist(), units.area_hm2[plan].tolist()
        )
        full_works, full_care = np.zeros(len(units.unit_ids)), np.zeros(len(units.unit_ids))
        full_works[plan], full_care[plan] = shares.works, shares.care
        return _Costs(
            full_works, full_care, prices, shares.areas, structure.price_rise_rate.rate or 0.0
        )

    def _budgets(
        self, parameters: dict, context: QgsProcessingContext, stage_count: int
    ) -> dict[int, float]:
        """0-based stage -> 元, from "5e6" (every stage) or "1=5e6;2=3e6"."""
        text = self.parameterAsString(parameters, self.BUDGET, context).strip()
        if not text:
            return {}
        budgets: dict[int, float] = {}
        try:
            if "=" not in text:
                amount = float(text.replace(",", ""))
                budgets = dict.fromkeys(range(stage_count), amount)
            else:
                for item in filter(None, (p.strip() for p in text.replace("；", ";").split(";"))):
                    stage, _, amount = item.partition("=")
                    number = int(stage)
                    if not 1 <= number <= stage_count:
                        raise ValueError(f"stage {number} (1–{stage_count})")
                    budgets[number - 1] = float(amount.replace(",", ""))
        except ValueError as error:
            raise self.fail(
                self.tr("Budget “{0}”: {1}. Write one amount, or stage=amount;…").format(
                    text, error
                )
            ) from None
        if any(not (v >= 0 and np.isfinite(v)) for v in budgets.values()):
            raise self.fail(self.tr("Budget “{0}”: amounts of 0 or more.").format(text))
        return budgets

    def _place(
        self,
        units: _Units,
        ready: np.ndarray,
        service: ServicePeriod,
        costs: _Costs | None,
        budgets: dict[int, float],
    ) -> Placement:
        plan = np.flatnonzero(units.in_plan)
        first, last = stage_window(ready[plan], service)
        cost = (costs.works + costs.care)[plan] if costs is not None else np.zeros(plan.size)
        return place(first, last, units.benefit[plan], cost, budgets or None, len(service.stages()))

    def _report(
        self,
        units: _Units,
        ready: np.ndarray,
        stage: np.ndarray,
        years: Any,
        service: ServicePeriod,
        placement: Placement,
        budgets: dict[int, float],
        feedback: QgsProcessingFeedback,
    ) -> None:
        feedback.pushInfo(
            self.tr("Service period {0}–{1} ({2} years), {3} stage(s); works end by {4}.").format(
                service.first_year,
                service.last_year,
                service.total_years,
                len(service.stages()),
                service.works_end,
            )
        )
        late = np.flatnonzero(units.in_plan & (ready > service.works_end))
        if late.size:
            feedback.pushWarning(
                self.tr(
                    "{0} unit(s) ({1:.4f} hm²) are ready only after {2}: their after-care runs "
                    "past the service period (units {3}). Lengthen the settling period or "
                    "check their years."
                ).format(
                    late.size,
                    units.area_hm2[late].sum(),
                    service.works_end,
                    _listed_ids(units.unit_ids[late]),
                )
            )
        waiting = np.flatnonzero(units.in_plan & (stage == UNSCHEDULED))
        if waiting.size:
            feedback.pushWarning(
                self.tr(
                    "The budgets leave {0} unit(s) ({1:.4f} hm²) without a stage: units {2}. "
                    "Raise the budgets: every damaged unit must be reclaimed."
                ).format(
                    waiting.size,
                    units.area_hm2[waiting].sum(),
                    _listed_ids(units.unit_ids[waiting]),
                )
            )
        if budgets:
            feedback.pushInfo(
                self.tr("Stages chosen by {0}; gap to the best possible at most {1:.2%}.").format(
                    placement.solver, placement.gap
                )
            )

    # --- outputs ----------------------------------------------------------------------

    def _write_units(
        self,
        source: Any,
        units: _Units,
        ready: np.ndarray,
        basis: np.ndarray,
        stage: np.ndarray,
        years: Any,
        costs: _Costs | None,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """The units as given with ready_year, ready_basis, stage, year_start, year_end,
        care_end and (with costs) cost_yuan; empty for units outside the plan."""
        added = [
            ("ready_year", FIELD_INT),
            ("ready_basis", FIELD_STRING),
            ("stage", FIELD_INT),
            ("year_start", FIELD_INT),
            ("year_end", FIELD_INT),
            ("care_end", FIELD_INT),
        ]
        if costs is not None:
            added.append(("cost_yuan", FIELD_DOUBLE))
        fields = QgsFields(source.fields())
        for name, kind in added:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, kind))
        positions = [fields.indexOf(name) for name, _ in added]
        sink, dest = self.sink(
            parameters, self.OUTPUT, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        row_of = {fid: i for i, fid in enumerate(units.feature_ids)}
        for feature in source.getFeatures():
            i = row_of[feature.id()]
            attributes = feature.attributes() + [None] * (len(fields) - len(feature.attributes()))
            values: list[Any] = [None] * len(added)
            if units.in_plan[i]:
                values[:2] = [int(ready[i]), str(basis[i])]
                if stage[i] != UNSCHEDULED:
                    values[2:6] = [
                        int(stage[i]) + 1,
                        int(years.year_start[i]),
                        int(years.year_end[i]),
                        int(years.care_end[i]),
                    ]
                if costs is not None:
                    values[6] = round(float(costs.works[i] + costs.care[i]), 2)
            for position, value in zip(positions, values, strict=True):
                attributes[position] = value
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            if not sink.addFeature(out, QgsFeatureSink.FastInsert):
                message = self.writeFeatureError(sink, parameters, self.OUTPUT)
                del sink
                raise self.discard_output(dest, message)
        return dest

    def _write_stages(
        self,
        units: _Units,
        stage: np.ndarray,
        years: Any,
        spent: np.ndarray,
        works: _Works | None,
        costs: _Costs | None,
        service: ServicePeriod,
        language: str,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """One row per stage: its years, the units and area whose works fall in it (by
        proposed use), the area under after-care in it; with the works, the topsoil stripped
        and the cover soil needed in it and the stockpile left at its end (negative: soil
        to borrow); with the costs, the static investment spent in its years (the
        after-care that overruns the service period counted in the last) with its price
        rise and dynamic total; how many of its years are production, settling and
        after-care."""
        use_columns = [(f"{use}_hm2", FIELD_DOUBLE) for use in EVALUATED_USES]
        fields = table_fields(
            ("stage", FIELD_INT),
            ("stage_name", FIELD_STRING),
            ("year_start", FIELD_INT),
            ("year_end", FIELD_INT),
            ("units", FIELD_INT),
            ("works_hm2", FIELD_DOUBLE),
            *use_columns,
            ("other_hm2", FIELD_DOUBLE),
            ("aftercare_hm2", FIELD_DOUBLE),
            ("stripping_m3", FIELD_DOUBLE),
            ("cover_m3", FIELD_DOUBLE),
            ("stockpile_m3", FIELD_DOUBLE),
            ("investment", FIELD_DOUBLE),
            ("price_rise", FIELD_DOUBLE),
            ("dynamic_investment", FIELD_DOUBLE),
            ("production_years", FIELD_INT),
            ("settling_years", FIELD_INT),
            ("aftercare_years", FIELD_INT),
        )
        sink, dest = self.sink(
            parameters, self.STAGE_TABLE, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.STAGE_TABLE))
        stages = service.stages()
        stage_of_year = service.stage_index(np.arange(len(spent)) + service.first_year)
        spent_by_stage = np.bincount(stage_of_year, weights=spent, minlength=len(stages))
        # 价差预备费 of each stage: Σ over its years of I_t ((1 + f)^t − 1), t = 1, 2, … (the
        # formula of estimatecost, on the same spending).
        rate = costs.price_rise_rate if costs is not None else 0.0
        rise = spent * ((1.0 + rate) ** np.arange(1, len(spent) + 1) - 1.0)
        rise_by_stage = np.bincount(stage_of_year, weights=rise, minlength=len(stages))
        use = np.array(units.use, dtype=object)
        known = np.isin(use, EVALUATED_USES)
        soil = None
        if works is not None:
            stripped, cover = soil_by_stage(
                works.columns, works.stage, works.cover_items, len(stages)
            )
            soil = (stripped, cover, np.cumsum(stripped - cover))
        for t, period in enumerate(stages):
            here = stage == t
            area = units.area_hm2
            caring = (
                (stage != UNSCHEDULED)
                & (years.year_end + 1 <= period.year_end)
                & (years.care_end >= period.year_start)
                & (years.care_end > years.year_end)
            )
            row = [
                period.number,
                stage_name(period.number, language),
                period.year_start,
                period.year_end,
                int(here.sum()),
                round(float(area[here].sum()), 4),
                *(round(float(area[here & (use == u)].sum()), 4) for u in EVALUATED_USES),
                round(float(area[here & ~known].sum()), 4),
                round(float(area[caring].sum()), 4),
                *(
                    (round(float(v[t]), 4) for v in soil)
                    if soil is not None
                    else (None, None, None)
                ),
                *(
                    (
                        round(float(spent_by_stage[t]), 2),
                        round(float(rise_by_stage[t]), 2),
                        round(float(spent_by_stage[t] + rise_by_stage[t]), 2),
                    )
                    if spent.any()
                    else (None, None, None)
                ),
                *service.period_years(period),
            ]
            self.add_row(sink, fields, row, parameters, self.STAGE_TABLE, dest)
        return dest

    def _write_stage_works(
        self,
        works: _Works | None,
        costs: _Costs | None,
        parameters: dict,
        context: QgsProcessingContext,
    ) -> str:
        """The works summed by stage and measure (the stripping of an area in the stage of
        its year), with their direct cost at the unit prices (when given)."""
        if works is None:
            return ""
        fields = table_fields(
            ("stage", FIELD_INT),
            ("item", FIELD_STRING),
            ("item_name", FIELD_STRING),
            ("part", FIELD_STRING),
            ("unit", FIELD_STRING),
            ("quantity", FIELD_DOUBLE),
            ("direct_cost", FIELD_DOUBLE),
        )
        sink, dest = self.sink(
            parameters, self.STAGE_WORKS, context, fields, QgsWkbTypes.NoGeometry
        )
        if sink is None:
            if not parameters.get(self.STAGE_WORKS):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, self.STAGE_WORKS))
        prices = costs.prices if costs is not None else {}
        for work in works_by_stage(works.columns, works.stage, prices):
            values = [
                work.stage + 1,
                work.item,
                work.name,
                work.part or None,
                work.unit,
                round(work.quantity, 4),
                None if work.direct_cost is None else round(work.direct_cost, 2),
            ]
            self.add_row(sink, fields, values, parameters, self.STAGE_WORKS, dest)
        return dest


def _listed_ids(numbers: np.ndarray) -> str:
    return listed_numbers([int(n) for n in numbers])
