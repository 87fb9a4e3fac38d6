"""``reclamation:reclamationplan``: the whole workflow as one algorithm, the one plan run.

Optional subsidence prediction from working panels → disturbed land → suitability and
proposed use of each evaluation unit → plan tables and report. The wizard, ``make
demo``, the toolbox, batch mode, the model designer and ``qgis_process`` all run this one
definition, so the same inputs give the same plan from every door.

The parameters are the steps' own definitions (cloned, so labels, defaults and help stay
one), under the keys the steps use; the outputs keep the keys of the earlier shipped model
(``classify:DISTURBED`` …). Every output is optional: what is not asked for goes to a
temporary file when a later step needs it. As every algorithm of the provider, a failed
or cancelled run removes what it wrote at its output paths (``base.ReclamationAlgorithm``).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
)

from ...i18n import ui_language
from ..styling import attach, disturbance_style, run_group_name, suitability_style
from .base import GROUP_PLAN, ReclamationAlgorithm, StepsFeedback

PREDICT = "reclamation:predictsubsidence"
CLASSIFY = "reclamation:classifydisturbance"
MAKEUNITS = "reclamation:makeunits"
EVALUATE = "reclamation:evaluatesuitability"
QUANTITIES = "reclamation:estimatequantities"
COST = "reclamation:estimatecost"
SCHEDULE = "reclamation:scheduleplan"
ECOLOGY = "reclamation:ecosystemvalue"
NETWORK = "reclamation:ecologicalnetwork"
PRIORITY = "reclamation:prioritize"
REUSE = "reclamation:secondlives"
SUMMARIZE = "reclamation:summarizeplan"

# Panel settings of the prediction (each with a per-panel _FIELD and a value for all).
PANEL_SETTINGS = (
    "THICKNESS",
    "DEPTH",
    "DIP",
    "SUBSIDENCE_FACTOR",
    "TAN_BETA",
    "HORIZONTAL_COEFFICIENT",
    "OFFSET",
    "PROPAGATION_ANGLE",
    "DIP_DIRECTION",
)
# (step, key) in dialog order; the plan's parameter has the same key. Advanced ones last.
INPUTS: tuple[tuple[str, str], ...] = (
    (CLASSIFY, "DEM_BEFORE"),
    (CLASSIFY, "DEM_AFTER"),
    (CLASSIFY, "UNDERMINED"),
    (CLASSIFY, "UNDERGROUND"),
    (CLASSIFY, "SUBSIDENCE"),
    (PREDICT, "PANELS"),
    *((PREDICT, f"{key}_FIELD") for key in PANEL_SETTINGS),
    *((PREDICT, key) for key in PANEL_SETTINGS),
    (CLASSIFY, "GROUNDWATER_DEPTH"),
    (CLASSIFY, "GROUNDWATER_DEPTH_VALUE"),
    (CLASSIFY, "FACILITIES"),
    (CLASSIFY, "FACILITY_TYPE_FIELD"),
    (CLASSIFY, "FACILITY_TYPE_MAP"),
    (CLASSIFY, "SOIL_SAMPLES"),
    (CLASSIFY, "PH_FIELD"),
    (CLASSIFY, "LANDUSE"),
    (CLASSIFY, "LANDUSE_CODE_FIELD"),
    (SUMMARIZE, "OWNERSHIP_FIELD"),
    (CLASSIFY, "AREA"),
    (MAKEUNITS, "ZONES"),
    (MAKEUNITS, "ZONE_FIELD"),
    (MAKEUNITS, "SPLIT_BY_SLOPE"),
    (MAKEUNITS, "MIN_UNIT_AREA"),
    (MAKEUNITS, "FACE_SLOPE"),
    (EVALUATE, "SOIL"),
    (EVALUATE, "SOIL_FIELDS"),
    (EVALUATE, "WATER"),
    (EVALUATE, "FIELD_MAP"),
    (EVALUATE, "DESIGN_VALUES"),
    (CLASSIFY, "RULES"),
    (EVALUATE, "METHOD"),
    (EVALUATE, "MAX_CULTIVATION_SLOPE"),
    (CLASSIFY, "MIN_CHANGE"),
    (CLASSIFY, "MIN_PATCH_AREA"),
    (CLASSIFY, "SAMPLE_RADIUS"),
    (QUANTITIES, "TOPSOIL_SOURCES"),
    (QUANTITIES, "TOPSOIL_DEPTH_FIELD"),
    (QUANTITIES, "TOPSOIL_YEAR_FIELD"),
    (QUANTITIES, "DESIGN_SURFACE"),
    (QUANTITIES, "HAUL_LIMIT_M"),
    (QUANTITIES, "STOCKPILES"),
    (QUANTITIES, "STOCKPILE_CAPACITY_FIELD"),
    (COST, "PRICES"),
    (COST, "COSTS"),
    (COST, "SPENDING"),
    (SCHEDULE, "FIRST_YEAR"),
    (SCHEDULE, "PRODUCTION_YEARS"),
    (SCHEDULE, "SETTLING_YEARS"),
    (SCHEDULE, "AFTERCARE_YEARS"),
    (SCHEDULE, "STAGE_YEARS"),
    (SCHEDULE, "MINING_YEAR_FIELD"),
    (SCHEDULE, "BUDGET"),
    (REUSE, "GRID"),
    (REUSE, "ROADS"),
    (REUSE, "SETTLEMENTS"),
    (REUSE, "STABLE_FIELD"),
    (ECOLOGY, "EQUIVALENT_VALUE"),
    (NETWORK, "CELL_SIZE"),
    (PRIORITY, "WEIGHTS"),
    (SUMMARIZE, "TITLE"),
    (SUMMARIZE, "PROJECT_INFO"),
    (SUMMARIZE, "REPORT_LANGUAGE"),
)
ADVANCED_IN_PLAN = {
    *(f"{key}_FIELD" for key in PANEL_SETTINGS),
    *PANEL_SETTINGS,
    "METHOD",
    "MAX_CULTIVATION_SLOPE",
    "MIN_CHANGE",
    "MIN_PATCH_AREA",
    "SAMPLE_RADIUS",
    "FIELD_MAP",
    "DESIGN_VALUES",
    "OWNERSHIP_FIELD",
    "SPLIT_BY_SLOPE",
    "MIN_UNIT_AREA",
    "FACE_SLOPE",
    "TOPSOIL_DEPTH_FIELD",
    "TOPSOIL_YEAR_FIELD",
    "DESIGN_SURFACE",
    "HAUL_LIMIT_M",
    "STOCKPILES",
    "STOCKPILE_CAPACITY_FIELD",
    "STAGE_YEARS",
    "BUDGET",
    "EQUIVALENT_VALUE",
    "CELL_SIZE",
    "WEIGHTS",
    "GRID",
    "ROADS",
    "SETTLEMENTS",
    "STABLE_FIELD",
}
# Inputs a step needs that the plan can do without (the step is then skipped or fed).
OPTIONAL_IN_PLAN = {
    (PREDICT, "PANELS"),
    (COST, "PRICES"),
    (COST, "COSTS"),
    (SCHEDULE, "PRODUCTION_YEARS"),
    (SCHEDULE, "SETTLING_YEARS"),
    (SCHEDULE, "AFTERCARE_YEARS"),
}
# The service period: the work plan is scheduled when all three are given.
SERVICE_KEYS = ("PRODUCTION_YEARS", "SETTLING_YEARS", "AFTERCARE_YEARS")
# Which plan parameter feeds which parameter of a step, where the keys differ.
RENAMED = {
    PREDICT: {"DEM": "DEM_BEFORE"},
    MAKEUNITS: {"DEM": "DEM_AFTER"},
    EVALUATE: {"DEM": "DEM_AFTER"},
    QUANTITIES: {"DEM": "DEM_AFTER"},
    NETWORK: {"DEM": "DEM_AFTER"},
    REUSE: {"DEM": "DEM_AFTER"},
    # The priority's budget (one number) is not the work plan's BUDGET (per stage).
    PRIORITY: {"BUDGET": "PRIORITY_BUDGET"},
}

# Outputs: plan key -> (step, step's output key, kind). Keys of the earlier model.
OUTPUTS: dict[str, tuple[str, str, str]] = {
    "predict:SUBSIDENCE": (PREDICT, "SUBSIDENCE", "raster"),
    "predict:PONDING": (PREDICT, "PONDING", "raster"),
    "predict:CONTOURS": (PREDICT, "CONTOURS", "sink"),
    "classify:DISTURBED": (CLASSIFY, "OUTPUT", "sink"),
    "classify:DISTURBED_SUMMARY": (CLASSIFY, "SUMMARY", "sink"),
    "units:UNITS": (MAKEUNITS, "OUTPUT", "sink"),
    "evaluate:SUITABILITY": (EVALUATE, "OUTPUT", "sink"),
    "evaluate:SUITABILITY_SUMMARY": (EVALUATE, "SUMMARY", "sink"),
    "reuse:OUTPUT": (REUSE, "OUTPUT", "sink"),
    "reuse:SUMMARY": (REUSE, "SUMMARY", "sink"),
    "quantities:OUTPUT": (QUANTITIES, "OUTPUT", "sink"),
    "quantities:WORKS": (QUANTITIES, "WORKS", "sink"),
    "quantities:BALANCE": (QUANTITIES, "BALANCE", "sink"),
    "cost:COST_TABLE": (COST, "COST_TABLE", "sink"),
    "cost:SUMMARY": (COST, "SUMMARY", "sink"),
    "schedule:OUTPUT": (SCHEDULE, "OUTPUT", "sink"),
    "schedule:STAGE_TABLE": (SCHEDULE, "STAGE_TABLE", "sink"),
    "schedule:STAGE_WORKS": (SCHEDULE, "STAGE_WORKS", "sink"),
    "ecology:OUTPUT": (ECOLOGY, "OUTPUT", "sink"),
    "ecology:SERVICES": (ECOLOGY, "SERVICES", "sink"),
    "ecology:ECOSYSTEMS": (ECOLOGY, "ECOSYSTEMS", "sink"),
    "network:MCR": (NETWORK, "MCR", "raster"),
    "network:CORRIDORS": (NETWORK, "CORRIDORS", "sink"),
    "network:SOURCES": (NETWORK, "SOURCES_OUT", "sink"),
    "network:UNITS": (NETWORK, "UNITS_OUT", "sink"),
    "priority:OUTPUT": (PRIORITY, "OUTPUT", "sink"),
    "summarize:TABLES": (SUMMARIZE, "TABLES", "file"),
    "summarize:REPORT_HTML": (SUMMARIZE, "REPORT_HTML", "file"),
    "summarize:REPORT_PDF": (SUMMARIZE, "REPORT_PDF", "file"),
    "summarize:REPORT_XLSX": (SUMMARIZE, "REPORT_XLSX", "file"),
    "summarize:REPORT_DOCX": (SUMMARIZE, "REPORT_DOCX", "file"),
}
# The prediction's rasters the classification reads.
PREDICTED_RASTERS = ("SUBSIDENCE", "TILT", "HORIZONTAL_DEFORMATION")
# Outputs a later step reads: written to a temporary file when not asked for.
CHAINED = {"classify:DISTURBED", "units:UNITS", "evaluate:SUITABILITY", "summarize:TABLES"}
# Written to a temporary file when not asked for as well, but not created by default in the
# toolbox: the quantities the report's 工程量 chapter reads.
QUANTITY_OUTPUTS = {
    "quantities:OUTPUT",
    "quantities:WORKS",
    "quantities:BALANCE",
    "cost:COST_TABLE",
    "cost:SUMMARY",
    "schedule:OUTPUT",
    "schedule:STAGE_TABLE",
    "schedule:STAGE_WORKS",
    "reuse:OUTPUT",
    "reuse:SUMMARY",
    "ecology:OUTPUT",
    "ecology:SERVICES",
    "ecology:ECOSYSTEMS",
    "network:CORRIDORS",
    "network:SOURCES",
    "network:UNITS",
    "priority:OUTPUT",
}


# Steps built while the provider loads (not in the registry yet), kept alive: the
# parameter definitions read from them belong to them.
_BUILT: dict[str, Any] = {}


def _new_step(algorithm_id: str) -> Any:
    """A new instance of a step, initialized (labels in the current language). Made from
    the provider's own list, never through the registry: initAlgorithm runs while the
    provider loads its algorithms, when the registry's copies may be on their way out."""
    from ..registry import builtin_algorithms

    name = algorithm_id.split(":", 1)[1]
    made = next(entry for entry in builtin_algorithms() if entry.name == name).create()
    made.initAlgorithm({})
    return made


def _step(algorithm_id: str) -> Any:
    """The registered step, or one made once from the provider's list (a plan run without
    the provider registered, e.g. in tests)."""
    found = QgsApplication.processingRegistry().algorithmById(algorithm_id)
    if found is None:
        if algorithm_id not in _BUILT:
            _BUILT[algorithm_id] = _new_step(algorithm_id)
        found = _BUILT[algorithm_id]
    return found


class ReclamationPlanAlgorithm(ReclamationAlgorithm):
    """The one plan run."""

    ADVANCED = frozenset(ADVANCED_IN_PLAN)

    def name(self) -> str:
        return "reclamationplan"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Reclamation plan (whole workflow)")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_PLAN

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "The whole workflow in one run, the same one the wizard and the demo use: "
            "subsidence predicted from the working panels (when panels are given) → "
            "disturbed land by type and degree → evaluation units (slope classes, "
            "platforms and faces of dumps and pits, your zones) → suitability and proposed "
            "use of every unit → second lives of mine land (photovoltaics, construction, "
            "tourism; when the rule pack turns them on, as cn-transformation does) → "
            "engineering quantities and the soil balance (when the rule pack states its "
            "works) → the work plan by stage (when the production, settling and after-care "
            "periods are given) → the investment estimate (when prices and a cost structure "
            "are given; its yearly spending from the work plan) → the "
            "ecosystem-service value before damage, after damage and after reclamation (when "
            "the rule pack has its table) → the ecological network (when the pack has its "
            "resistances and a land-use layer is given) → the priority of the units by cost "
            "and benefit → the plan's area tables and report.\n\n"
            "Each parameter is the one of its step (see Predict subsidence, Disturbed land, "
            "Make evaluation units, Suitability and Plan tables). "
            "Panels and a subsidence raster exclude each "
            "other. The DEM before mining gives the prediction's grid; the DEM after mining "
            "gives the slope of the evaluation. Every output is optional: a run given only "
            "the report still runs every step. A failed or cancelled run removes what it "
            "wrote at the output paths."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        # Steps made now, so that their labels are in the language QGIS runs in now.
        steps: dict[str, Any] = {}

        def step_of(step_id: str) -> Any:
            if step_id not in steps:
                steps[step_id] = _new_step(step_id)
            return steps[step_id]

        for step_id, key in INPUTS:
            definition = step_of(step_id).parameterDefinition(key).clone()
            if (step_id, key) in OPTIONAL_IN_PLAN:
                definition.setFlags(
                    definition.flags() | QgsProcessingParameterDefinition.FlagOptional
                )
            self.add(definition)
        for key, (step_id, output, kind) in OUTPUTS.items():
            label = step_of(step_id).parameterDefinition(output).description()
            if kind == "raster":
                definition = QgsProcessingParameterRasterDestination(
                    key, label, optional=True, createByDefault=False
                )
            elif kind == "sink":
                definition = QgsProcessingParameterFeatureSink(
                    key,
                    label,
                    QgsProcessing.TypeVectorAnyGeometry,
                    optional=True,
                    createByDefault=key in CHAINED,
                )
            else:
                source = step_of(step_id).parameterDefinition(output)
                # From the definition's map (virtual): sip may not give the subclass.
                file_filter = str(source.toVariantMap().get("file_filter") or "")
                definition = QgsProcessingParameterFileDestination(
                    key,
                    label,
                    file_filter,
                    optional=True,
                    createByDefault=key in CHAINED,
                )
            self.add(definition)

    # --- the run ------------------------------------------------------------------------

    def _given(self, parameters: dict, key: str) -> Any:
        value = parameters.get(key)
        return None if value in (None, "") else value

    def _inputs_of(self, parameters: dict, step_id: str) -> dict[str, Any]:
        """The step's inputs from the plan's parameters of the same (or renamed) key."""
        step = _step(step_id)
        renamed = RENAMED.get(step_id, {})
        values = {}
        for definition in step.parameterDefinitions():
            if definition.isDestination():
                continue
            key = definition.name()
            value = self._given(parameters, renamed.get(key, key))
            if value is not None and self.parameterDefinition(renamed.get(key, key)):
                values[key] = value
        return values

    def _output(self, parameters: dict, context: QgsProcessingContext, key: str) -> str | None:
        """Where the step writes the plan's output ``key``: the user's destination, a
        temporary file for an output a later step reads, or nothing."""
        if self._given(parameters, key) is None:
            needed = key in CHAINED or key in QUANTITY_OUTPUTS
            return QgsProcessing.TEMPORARY_OUTPUT if needed else None
        kind = OUTPUTS[key][2]
        if kind == "file":
            destination = self.parameterAsFileOutput(parameters, key, context)
        else:
            # Also registers the layer to load on completion under this destination.
            destination = self.parameterAsOutputLayer(parameters, key, context)
        self.destinations[key] = destination
        return destination

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        from qgis import processing

        self.destinations: dict[str, str] = {}
        self.run_context = context
        language = ui_language()
        self.group_name = self._new_group_name(context)
        pack = self.rule_pack(parameters, context)
        self.styles = {
            "classify:DISTURBED": disturbance_style(language),
            "evaluate:SUITABILITY": suitability_style(pack, language),
        }
        # The quantities when the rule pack states its works (cn-reclamation does).
        quantifying = pack.works is not None
        predicting = self._given(parameters, "PANELS") is not None
        if predicting and self._given(parameters, "SUBSIDENCE") is not None:
            raise self.fail(
                self.tr(
                    "Give either working panels (PANELS, the subsidence is predicted) or a "
                    "subsidence raster (SUBSIDENCE), not both."
                )
            )
        # The investment when the quantities are estimated and prices and costs are given.
        costing = quantifying and all(
            self._given(parameters, key) is not None for key in ("PRICES", "COSTS")
        )
        scheduling = pack.timing is not None and all(
            self._given(parameters, key) is not None for key in SERVICE_KEYS
        )
        # The ecosystem-service value when the rule pack has its table (cn-reclamation does).
        valuing = pack.esv is not None
        # The ecological network with a land-use layer and SciPy; the priority after them.
        networking = (
            pack.network is not None
            and self._given(parameters, "LANDUSE") is not None
            and importlib.util.find_spec("scipy") is not None
        )
        ranking = pack.priority is not None
        # Second lives when the pack turns them on (cn-transformation).
        reusing = pack.reuse is not None and pack.reuse.enabled
        flags = (
            predicting,
            quantifying,
            costing,
            scheduling,
            valuing,
            networking,
            ranking,
            reusing,
        )
        steps = 4 + sum(map(int, flags))
        multi = StepsFeedback(steps, feedback)
        results: dict[str, Any] = {}
        done: list[str] = []

        def run(step_id: str, values: dict, title: str) -> dict:
            """Run one step with its inputs ``values`` and the plan's outputs of that step;
            keep what the user asked for. Nothing when cancelled."""
            if feedback.isCanceled():
                return {}
            multi.setCurrentStep(len(done))
            feedback.pushInfo(title)
            outputs = {key: spec for key, spec in OUTPUTS.items() if spec[0] == step_id}
            destinations = {
                spec[1]: self._output(parameters, context, key) for key, spec in outputs.items()
            }
            values = {**values, **{k: path for k, path in destinations.items() if path is not None}}
            result = processing.run(
                step_id, values, context=context, feedback=multi, is_child_algorithm=True
            )
            done.append(step_id)
            self._keep(results, parameters, result, *outputs)
            return result

        classify = self._inputs_of(parameters, CLASSIFY)
        if predicting:
            predicted = run(
                PREDICT,
                {
                    **self._inputs_of(parameters, PREDICT),
                    # Read by the classification: temporary files unless the plan keeps them.
                    **dict.fromkeys(PREDICTED_RASTERS, QgsProcessing.TEMPORARY_OUTPUT),
                },
                self.tr("Step 1: subsidence predicted from the working panels"),
            )
            if not predicted:
                return {}
            classify.update({key: predicted[key] for key in PREDICTED_RASTERS})
        classified = run(
            CLASSIFY, classify, self.tr("Step {0}: disturbed land").format(len(done) + 1)
        )
        if not classified:
            return {}
        units = run(
            MAKEUNITS,
            {**self._inputs_of(parameters, MAKEUNITS), "INPUT": classified["OUTPUT"]},
            self.tr("Step {0}: evaluation units").format(len(done) + 1),
        )
        if not units:
            return {}
        evaluated = run(
            EVALUATE,
            {**self._inputs_of(parameters, EVALUATE), "UNITS": units["OUTPUT"]},
            self.tr("Step {0}: suitability and proposed use").format(len(done) + 1),
        )
        if not evaluated:
            return {}
        if reusing:
            reused = run(
                REUSE,
                {**self._inputs_of(parameters, REUSE), "UNITS": evaluated["OUTPUT"]},
                self.tr("Step {0}: second lives of mine land").format(len(done) + 1),
            )
            if not reused:
                return {}
            # The later steps plan the final uses (construction where it replaced one).
            evaluated = {**evaluated, "OUTPUT": reused["OUTPUT"], "REUSE": reused["SUMMARY"]}
        quantities = {}
        if quantifying:
            quantities = run(
                QUANTITIES,
                {**self._inputs_of(parameters, QUANTITIES), "UNITS": evaluated["OUTPUT"]},
                self.tr("Step {0}: engineering quantities").format(len(done) + 1),
            )
            if not quantities:
                return {}
        scheduled = {}
        if scheduling:
            scheduled = run(
                SCHEDULE,
                self._schedule_inputs(parameters, evaluated, quantities, costing, feedback),
                self.tr("Step {0}: work plan by stage").format(len(done) + 1),
            )
            if not scheduled:
                return {}
        costed = {}
        if costing:
            spending = {"SPENDING": scheduled["SPENDING"]} if scheduled.get("SPENDING") else {}
            costed = run(
                COST,
                {
                    **self._inputs_of(parameters, COST),
                    "WORKS": quantities["WORKS"],
                    "UNITS": evaluated["OUTPUT"],
                    **spending,
                },
                self.tr("Step {0}: investment estimate").format(len(done) + 1),
            )
            if not costed:
                return {}
        valued = {}
        if valuing:
            valued = run(
                ECOLOGY,
                {**self._inputs_of(parameters, ECOLOGY), "UNITS": evaluated["OUTPUT"]},
                self.tr("Step {0}: ecosystem-service value").format(len(done) + 1),
            )
            if not valued:
                return {}
        chained = valued.get("OUTPUT") or evaluated["OUTPUT"]
        network = {}
        if networking:
            # A landscape the network cannot be built on (no ecological source, too large a
            # grid) leaves the plan without it, with the reason: the plan goes on.
            network = run(
                NETWORK,
                {
                    **self._inputs_of(parameters, NETWORK),
                    "UNITS": chained,
                    "SKIP_IF_IMPOSSIBLE": True,
                },
                self.tr("Step {0}: ecological network").format(len(done) + 1),
            )
            if not network:
                return {}
            chained = network["UNITS_OUT"]
        ranked = {}
        if ranking:
            ranked = run(
                PRIORITY,
                {**self._inputs_of(parameters, PRIORITY), "UNITS": chained},
                self.tr("Step {0}: priority by cost and benefit").format(len(done) + 1),
            )
            if not ranked:
                return {}
        summarized = run(
            SUMMARIZE,
            {
                **self._inputs_of(parameters, SUMMARIZE),
                "DISTURBANCE": classified["OUTPUT"],
                "SUITABILITY": evaluated["OUTPUT"],
                **{key: quantities[key] for key in ("WORKS", "BALANCE") if quantities.get(key)},
                **(
                    {"COST_TABLE": costed["COST_TABLE"], "COST_SUMMARY": costed["SUMMARY"]}
                    if costed
                    else {}
                ),
                **(
                    {"ESV_SERVICES": valued["SERVICES"], "ESV_ECOSYSTEMS": valued["ECOSYSTEMS"]}
                    if valued
                    else {}
                ),
                **(
                    {"CORRIDORS": network["CORRIDORS"], "ECO_SOURCES": network["SOURCES_OUT"]}
                    if network
                    else {}
                ),
                **({"PRIORITY": ranked["OUTPUT"]} if ranked else {}),
                **({"REUSE": evaluated["REUSE"]} if evaluated.get("REUSE") else {}),
                # The work plan (its works by stage only with the investment).
                **{k: scheduled[k] for k in ("STAGE_TABLE", "STAGE_WORKS") if scheduled.get(k)},
                # The prediction's rasters, for its figures in the report (when predicted).
                **{key: classify[key] for key in PREDICTED_RASTERS if predicting},
            },
            self.tr("Step {0}: plan tables and report").format(len(done) + 1),
        )
        return results if summarized else {}

    def _schedule_inputs(
        self,
        parameters: dict,
        evaluated: dict,
        quantities: dict,
        costing: bool,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """The work plan's inputs: the evaluated units; the panels only with their mining
        year; the works, prices and cost structure only when the investment is estimated
        (then the stages carry their investment and the spending feeds the estimate)."""
        values = {
            **self._inputs_of(parameters, SCHEDULE),
            "UNITS": evaluated["OUTPUT"],
        }
        if "PANELS" in values and "MINING_YEAR_FIELD" not in values:
            feedback.pushWarning(
                self.tr(
                    "The panels have no mining year (MINING_YEAR_FIELD): subsided land is "
                    "reclaimed at the end of the settling period."
                )
            )
            values.pop("PANELS")
        if costing:
            values["WORKS"] = quantities["WORKS"]
        else:
            if "BUDGET" in values:
                feedback.pushWarning(
                    self.tr(
                        "Budgets need the investment (prices and a cost structure): the "
                        "stages are scheduled without them."
                    )
                )
            for key in ("PRICES", "COSTS", "BUDGET"):
                values.pop(key, None)
        return values

    def _keep(self, results: dict, parameters: dict, step_results: dict, *keys: str) -> None:
        """The step's outputs the user asked for, under the plan's keys."""
        for key in keys:
            value = step_results.get(OUTPUTS[key][1])
            if value and self._given(parameters, key) is not None:
                self._load_as_written(key, value)
                results[key] = value

    def _new_group_name(self, context: QgsProcessingContext) -> str:
        """The layer-tree group of this run's layers: named after the run, and not the
        group of an earlier run in the same minute."""
        name = run_group_name(self.tr("Reclamation plan"))
        project = context.project()
        if project is None:
            return name
        root = project.layerTreeRoot()
        number, unique = 2, name
        while root.findGroup(unique) is not None:
            unique, number = f"{name} ({number})", number + 1
        return unique

    def _load_as_written(self, key: str, written: str) -> None:
        """A layer output to load was registered under the destination asked for
        ("ogr:dbname=… table=…", "memory:…"); Processing loads it from what the step
        actually wrote ("file.gpkg|layername=…", a layer id), styled as the step styles it."""
        registered = self.destinations.get(key)
        context = self.run_context
        if not registered or not context.willLoadLayerOnCompletion(registered):
            return
        layers = context.layersToLoadOnCompletion()
        details = layers.pop(registered)
        layers[written] = details
        context.setLayersToLoadOnCompletion(layers)
        style = self.styles.get(key)
        if style is not None:
            attach(context, written, style, self.group_name)
