"""What every algorithm of the provider shares: translation, groups, help, input checks.

Algorithms stay thin: they read parameters, check them with messages that name the layer
and the problem, and hand plain paths and arrays to ``plugin.io`` and ``plugin.core``.
"""

from __future__ import annotations

import contextlib
import functools
import math
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import gdal, ogr
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsRasterLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtGui import QIcon

from ...compat import is_null
from ...core.categories import ClassVocabulary, load_vocabulary
from ...core.plausibility import FactorRange, find_implausible, load_ranges
from ...core.rules.pack import DEFAULT_PACK, RulePack, RulePackError, resolve_pack
from ...i18n import Translatable, ui_language
from ...io import Cancelled
from ...io.raster import RasterError, raster_values
from ...log import log_critical
from ...paths import help_page, icon_path, resource
from ..outputs import RunRecord, finish_outputs, keep_case_clashes
from ..safety import OutputSnapshot, check_before_run, display_name

GROUP_DISTURBANCE = "disturbance"
GROUP_FACTORS = "factors"
GROUP_PLAN = "plan"
GROUP_ECOLOGY = "ecology"
FACTOR_RANGES = resource("standards", "factor_ranges.json")
TEXTURE_CLASSES = resource("standards", "soil_texture_classes.json")


@functools.cache
def factor_ranges() -> dict[str, FactorRange]:
    """The physical ranges of the factors (read once)."""
    return load_ranges(FACTOR_RANGES)


@functools.cache
def class_vocabularies() -> dict[str, ClassVocabulary]:
    """Class factor -> the vocabulary of its names (texture)."""
    vocabulary = load_vocabulary(TEXTURE_CLASSES)
    return {vocabulary.factor: vocabulary}


GROUP_SUITABILITY = "suitability"
WRITE_BATCH = 2000  # features handed to a sink at a time


class Served:
    """How the algorithms answer when a server runs them (set once per process).

    py-qgis-wps 1.10 reads every output an algorithm declares from its results, and fails
    the job on one it did not write (an optional output not asked for, a step the plan run
    skipped). Served by it (``WPSClassFactory``), each algorithm returns all its outputs,
    "" for those it did not write; in QGIS an output not written stays out of the results.
    """

    every_output = False


class ReclamationAlgorithm(Translatable, QgsProcessingAlgorithm):
    """Base of the provider's algorithms."""

    KEEPS_SOURCE = True  # warnings reach the report in its language (i18n.Message)
    # Parameters most users never touch: under "Advanced parameters" in the dialog.
    ADVANCED: frozenset[str] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self.sink_fields: dict[str, list[str]] = {}  # destination -> intended field names

    def createInstance(self) -> QgsProcessingAlgorithm:  # noqa: N802 (Qt API)
        return type(self)()

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """The algorithm's own work (what processAlgorithm is elsewhere)."""
        raise NotImplementedError

    def checkParameterValues(  # noqa: N802 (Qt API)
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> tuple[bool, str]:
        """Processing's checks, then the plugin's: no output over an input, the right
        geometry types, writable output folders. Dialogs and qgis_process show the
        message before the run starts."""
        # Layers Processing opens to check them must not leave statistics files (.aux.xml)
        # beside the user's rasters: the run reads the rasters with GDAL itself.
        with no_sidecar_files():
            ok, message = super().checkParameterValues(parameters, context)
            if not ok:
                return ok, message
            try:
                check_before_run(self, parameters, context)
            except QgsProcessingException as error:
                return False, str(error)
        return True, ""

    def processAlgorithm(  # noqa: N802 (Qt API)
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        """run_algorithm inside the safety net: checks again (a model's steps may skip
        checkParameterValues), and after a failure or a cancel removes what the run wrote
        at its output paths; an unexpected error becomes a sentence, its traceback goes
        to the log."""
        feedback = feedback if feedback is not None else QgsProcessingFeedback()
        check_before_run(self, parameters, context)
        snapshot = OutputSnapshot.take(self, parameters, context)
        recording = RecordingFeedback(feedback)
        try:
            results = self.run_algorithm(parameters, context, recording)
        except QgsProcessingException as error:
            _release(error)
            snapshot.remove_partial(feedback)
            raise
        except Cancelled:
            snapshot.remove_partial(feedback)
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except Exception as error:
            details = traceback.format_exc()
            log_critical(f"{self.id()}: {details}")
            feedback.pushDebugInfo(details)
            _release(error)
            snapshot.remove_partial(feedback)
            raise QgsProcessingException(self.unexpected_error(error)) from None
        if feedback.isCanceled():
            snapshot.remove_partial(feedback)
            return {}
        snapshot.settle()
        if Served.every_output:
            for output in self.outputDefinitions():
                results.setdefault(output.name(), "")
        return results

    def unexpected_error(self, error: BaseException) -> str:
        """The sentence for a failure no check foresaw."""
        return self.tr(
            "{0} stopped on an unexpected error: {1}. Nothing was left at the output "
            "paths. Check the inputs named above (geometry type, empty layers, field "
            "values); the details are in the log (View › Panels › Log Messages, tab "
            "“Mine Reclamation Planner”). If the inputs are fine, please report the "
            "problem with that log."
        ).format(self.displayName(), f"{type(error).__name__}: {error}")

    def icon(self) -> QIcon:
        return QIcon(str(icon_path()))

    def helpUrl(self) -> str:  # noqa: N802 (Qt API)
        """This algorithm's section of the help page in the language QGIS runs in."""
        page = help_page("zh_CN" if ui_language() == "zh" else "en")
        if page is None:
            return ""
        url = QUrl.fromLocalFile(str(page))
        url.setFragment(self.name())
        return url.toString()

    def addParameter(  # noqa: N802 (Qt API)
        self,
        definition: QgsProcessingParameterDefinition,
        createOutput: bool = True,  # noqa: N803
    ) -> bool:
        """QGIS's addParameter; the names in ADVANCED get the advanced flag."""
        if definition.name() in self.ADVANCED:
            definition.setFlags(definition.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        return super().addParameter(definition, createOutput)

    def group_names(self) -> dict[str, str]:
        return {
            GROUP_DISTURBANCE: self.tr("Disturbed land"),
            GROUP_FACTORS: self.tr("Terrain and factors"),
            GROUP_SUITABILITY: self.tr("Suitability and land use"),
            GROUP_PLAN: self.tr("Reclamation plan"),
            GROUP_ECOLOGY: self.tr("Ecological restoration"),
        }

    def group(self) -> str:
        return self.group_names()[self.groupId()]

    def sink(
        self,
        parameters: dict,
        name: str,
        context: QgsProcessingContext,
        fields: QgsFields,
        *args: Any,
    ) -> tuple[Any, str]:
        """parameterAsSink that remembers the intended field names of the destination (a
        shapefile cuts them to 10 characters; outputs.finish_outputs restores them)."""
        # Shapefiles get UTF-8 (and a .cpg saying so), not the "System" code page, so that
        # Chinese values survive on any machine.
        context.setDefaultEncoding("UTF-8")
        sink, destination = self.parameterAsSink(parameters, name, context, fields, *args)
        self.sink_fields[destination] = fields.names()
        return sink, destination

    def discard_output(self, destination: str, message: str = "") -> QgsProcessingException:
        """Remove a half-written output and return the exception that ends the run: its
        layer when the file holds other layers too (a GeoPackage), else the file. The
        caller drops its sink first, so that the file is closed."""
        path = _file_of(destination)
        if path and Path(path).exists():
            layer = QgsProviderRegistry.instance().decodeUri("ogr", destination).get("layerName")
            dataset = ogr.Open(path, update=1)
            others = dataset is not None and dataset.GetLayerCount() > 1
            if others and layer and dataset.GetLayerByName(layer) is not None:
                dataset.DeleteLayer(layer)
                dataset = None
            else:
                dataset = None
                for part in Path(path).parent.glob(Path(path).stem + ".*"):
                    if part.suffix.lower() in _SIDECARS:
                        part.unlink()
        return QgsProcessingException(message or self.tr("Cancelled: no output was written."))

    def add_row(
        self, sink: Any, fields: QgsFields, values: list, parameters: dict, key: str, dest: str
    ) -> None:
        """One row into an output table; a failed write removes the output and ends the run."""
        feature = QgsFeature(fields)
        feature.setAttributes(values)
        if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
            message = self.writeFeatureError(sink, parameters, key)
            del sink  # closes the file before it is removed
            raise self.discard_output(dest, message)

    def write_batch(
        self,
        sink: Any,
        batch: list[QgsFeature],
        parameters: dict,
        key: str,
        feedback: QgsProcessingFeedback,
    ) -> str | None:
        """Hand a batch of features to a sink: None when written, else why not (a cancel,
        a failed write); the caller then drops its sink and discards the output."""
        if feedback.isCanceled():
            return self.tr("Cancelled: no output was written.")
        if batch and not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
            return self.writeFeatureError(sink, parameters, key)
        return None

    def write_units_with(
        self,
        source: Any,
        features: Sequence[QgsFeature],
        added: Sequence[tuple[str, Any]],
        values_of: Callable[[int], Mapping[str, Any]],
        parameters: dict,
        key: str,
        context: QgsProcessingContext,
    ) -> str:
        """The units ``features`` (of ``source``, in the order of the algorithm's arrays)
        copied to the sink ``key`` with the fields ``added`` (name, type) appended when
        absent; ``values_of(i)`` gives the values to set on unit i (added fields or its
        own). Written in batches; a failed write removes the output and ends the run. An
        optional output not asked for: "" and nothing written."""
        fields, _ = keep_case_clashes(source.fields(), [name for name, _ in added])
        for name, kind in added:
            if fields.indexOf(name) < 0:
                fields.append(QgsField(name, kind))
        sink, dest = self.sink(
            parameters, key, context, fields, source.wkbType(), source.sourceCrs()
        )
        if sink is None:
            if not parameters.get(key):
                return ""
            raise QgsProcessingException(self.invalidSinkError(parameters, key))
        width = len(fields)
        batch: list[QgsFeature] = []
        for i, feature in enumerate(features):
            attributes = feature.attributes() + [None] * (width - len(feature.attributes()))
            for name, value in values_of(i).items():
                position = fields.indexOf(name)
                if position < 0:
                    raise KeyError(f"{name} is not a field of the output")
                attributes[position] = value
            out = QgsFeature(fields)
            out.setGeometry(feature.geometry())
            out.setAttributes(attributes)
            batch.append(out)
            if len(batch) == WRITE_BATCH or i == len(features) - 1:
                if not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
                    message = self.writeFeatureError(sink, parameters, key)
                    del sink
                    raise self.discard_output(dest, message)
                batch = []
        return dest

    def add(self, definition: QgsProcessingParameterDefinition) -> None:
        """addParameter, refusing a duplicate name (a programming error)."""
        if not self.addParameter(definition):
            raise ValueError(f"parameter {definition.name()} is defined twice")

    def finish_unstyled(
        self,
        record: RunRecord,
        outputs: dict[str, str],
        parameters: dict,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> None:
        """The run logs (and field checks) of outputs that carry no style: tables and
        layers styled by nobody."""
        unstyled = {key: (value, None, "") for key, value in outputs.items()}
        finish_outputs(record, unstyled, parameters, context, feedback, self.sink_fields)

    def add_numeric_field(self, key: str, label: str, parent: str) -> None:
        """An optional numeric field of the layer parameter ``parent``."""
        self.add(
            QgsProcessingParameterField(
                key,
                label,
                parentLayerParameterName=parent,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )

    def add_soil_and_water_parameters(self) -> None:
        """SOIL, SOIL_FIELDS and WATER: the optional factor sources of several algorithms."""
        self.add(
            QgsProcessingParameterFeatureSource(
                "SOIL", self.tr("Soil polygons"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.add(
            QgsProcessingParameterString(
                "SOIL_FIELDS", self.tr("Soil fields (field=factor;…)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                "WATER",
                self.tr("Water features"),
                [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )

    def add_rule_pack_parameter(self) -> None:
        """RULES: a built-in rule-pack id or the path of a rule-pack file."""
        self.add(
            QgsProcessingParameterString(
                "RULES", self.tr("Rule pack (built-in id or file)"), DEFAULT_PACK
            )
        )

    def pack_with(
        self, parameters: dict, context: QgsProcessingContext, block: str, builtin: str
    ) -> RulePack:
        """The rule pack of RULES, which must have the block ``block`` (a RulePack
        attribute named as the JSON block: works, esv, network, reuse); else a message
        naming the pack, the block and a built-in pack that has it."""
        pack = self.rule_pack(parameters, context)
        if getattr(pack, block) is None:
            raise self.fail(
                self.tr(
                    "The rule pack {0} has no {1} block: add one (docs/rule-packs.md, “{1}”) "
                    "or use {2}."
                ).format(pack.id, block, builtin)
            )
        return pack

    def unit_source(self, parameters: dict, context: QgsProcessingContext) -> Any:
        """The evaluation units (UNITS), which must have features."""
        source = self.parameterAsSource(parameters, "UNITS", context)
        if source is None or source.featureCount() == 0:
            raise self.fail(self.tr("The evaluation units have no features."))
        return source

    def optional_double(
        self, parameters: dict, key: str, context: QgsProcessingContext
    ) -> float | None:
        """An optional number parameter: None when not given."""
        if parameters.get(key) in (None, ""):
            return None
        return self.parameterAsDouble(parameters, key, context)

    def rule_pack(self, parameters: dict, context: QgsProcessingContext) -> RulePack:
        """The rule pack of RULES; the loader's message reaches the user unchanged."""
        reference = self.parameterAsString(parameters, "RULES", context).strip()
        try:
            return resolve_pack(reference or DEFAULT_PACK, resource("rules"))
        except RulePackError as error:
            raise self.fail(str(error)) from None

    def numbers(
        self, values: list, field_name: str, where: str, factor: str | None = None
    ) -> np.ndarray:
        """Attribute values as floats (NULL and "" -> NaN); text refused, naming the field,
        the value and the feature. For a class factor with a vocabulary (texture), names
        such as 中壤土 become their codes."""
        vocabulary = class_vocabularies().get(factor or "")
        if vocabulary is not None:
            return self._class_codes(values, field_name, where, vocabulary)
        bulk = _all_numbers(values)
        if bulk is not None:
            return bulk
        result = np.full(len(values), np.nan)
        for number, value in enumerate(values, start=1):
            if is_null(value) or value == "":
                continue
            try:
                parsed = float(value)
            except (TypeError, ValueError):
                raise self.fail(
                    self.tr(
                        "{0}: field “{1}” holds “{2}” (feature {3}), which is not a number."
                    ).format(where, field_name, value, number)
                ) from None
            if math.isinf(parsed) or (isinstance(value, str) and math.isnan(parsed)):
                raise self.fail(
                    self.tr(
                        "{0}: field “{1}” holds “{2}” (feature {3}), which is not a finite "
                        "number. Leave the value empty (NULL) where it is unknown."
                    ).format(where, field_name, value, number)
                )
            result[number - 1] = parsed
        return result

    def _class_codes(
        self, values: list, field_name: str, where: str, vocabulary: ClassVocabulary
    ) -> np.ndarray:
        result = np.full(len(values), np.nan)
        for number, value in enumerate(values, start=1):
            if is_null(value) or value == "":
                continue
            code = vocabulary.code(value)
            if code is None:
                raise self.fail(
                    self.tr(
                        "{0}: field “{1}” holds “{2}” (feature {3}), which is no {4} class. "
                        "Classes: {5}."
                    ).format(
                        where,
                        field_name,
                        value,
                        number,
                        vocabulary.factor,
                        ", ".join(vocabulary.shown),
                    )
                )
            result[number - 1] = code
        return result

    def check_plausible(
        self, factors: dict[str, np.ndarray], fields: dict[str, str], where: str
    ) -> None:
        """Refuse factor values no survey can measure (outside the factor's physical range
        in resources/standards/factor_ranges.json), naming field, feature and value."""
        for problem in find_implausible(factors, factor_ranges()):
            hint = ""
            if problem.factor == "ph" and 14 < problem.value <= 140:
                hint = self.tr(" The values look like pH × 10: map the field as ph:x10.")
            raise self.fail(
                self.tr(
                    "{0}: field “{1}” holds {2} (feature {3}), which {4} cannot be: its "
                    "possible values are {5} ({6}). {7} value(s) are out of range; check "
                    "the unit, the sign and “no data” codes such as -9999, and leave "
                    "unknown values empty (NULL)."
                ).format(
                    where,
                    fields.get(problem.factor, problem.factor),
                    f"{problem.value:g}",
                    problem.index + 1,
                    problem.factor,
                    problem.allowed.describe(),
                    problem.allowed.source,
                    problem.count,
                )
                + hint
            )

    def layer_words(self, parameters: dict, key: str, context: QgsProcessingContext) -> str:
        """A layer parameter as the user knows it: its label and the layer's name (the
        project name, or "layer (file)"), never a temporary copy's."""
        definition = self.parameterDefinition(key)
        label = definition.description() if definition is not None else key
        layer = self.parameterAsVectorLayer(parameters, key, context) or (
            self.parameterAsLayer(parameters, key, context)
        )
        return f"{label} “{display_name(layer)}”" if layer is not None else label

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated by the caller)."""
        return QgsProcessingException(message)

    def raster_file(
        self, parameters: dict, name: str, context: QgsProcessingContext, label: str
    ) -> QgsRasterLayer | None:
        """The raster layer of a parameter, checked to be a GDAL file with a CRS."""
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is not None:
            self.check_raster(layer, label)
            self.check_values(layer, name, label)
        return layer

    def check_values(self, layer: QgsRasterLayer, key: str, label: str) -> None:
        """Refuse a raster no survey could give: no valid cell, infinite values, a DEM
        too small for a slope (3 × 3 cells), a negative groundwater depth."""
        try:
            values = raster_values(layer.source())
        except RasterError as error:
            raise self.fail(
                self.tr("{0} “{1}” cannot be read: {2}").format(label, display_name(layer), error)
            ) from None
        where = f"{label} “{display_name(layer)}” ({key})"
        if values.minimum is None:
            raise self.fail(
                self.tr(
                    "{0} has no valid cell (all NoData or NaN). Check its NoData value and "
                    "that it is the right file."
                ).format(where)
            )
        if math.isinf(values.minimum) or math.isinf(values.maximum):
            raise self.fail(
                self.tr(
                    "{0} holds infinite values ({1:g} … {2:g}); set them to NoData first."
                ).format(where, values.minimum, values.maximum)
            )
        if "DEM" in key and (values.width < 3 or values.height < 3):
            raise self.fail(
                self.tr(
                    "{0} has {1} × {2} cells; a DEM needs at least 3 × 3 cells for a slope."
                ).format(where, values.width, values.height)
            )
        if key == "GROUNDWATER_DEPTH" and values.minimum < 0:
            raise self.fail(
                self.tr(
                    "{0} holds depths down to {1:g} m; a depth below the ground surface is "
                    "0 or more (flip the sign if it gives levels above the surface)."
                ).format(where, values.minimum)
            )

    def check_raster(self, layer: QgsRasterLayer, label: str) -> None:
        """Refuse a raster GDAL cannot read as a file, or one without a CRS."""
        if layer.providerType() != "gdal":
            raise self.fail(
                self.tr("{0} “{1}” is not a GDAL raster file; save it as a GeoTIFF first.").format(
                    label, layer.name()
                )
            )
        if not layer.crs().isValid():
            raise self.fail(
                self.tr(
                    "{0} “{1}” has no coordinate reference system; set its CRS (Layer "
                    "Properties › Source) and run again."
                ).format(label, layer.name())
            )


class RecordingFeedback(QgsProcessingMultiStepFeedback):
    """The run's feedback, passed through unchanged (one step of 0–100 %), keeping the
    warnings for the run log: Processing's own log of a step's feedback is empty when it
    runs inside another algorithm."""

    def __init__(self, feedback: QgsProcessingFeedback) -> None:
        super().__init__(1, feedback)
        self.parent_feedback = feedback
        self.warnings: list[str] = []
        self.lines: list[str] = []  # the run's own log (a step's textLog() stays empty)

    def pushInfo(self, info: str) -> None:  # noqa: N802 (Qt API)
        self.lines.append(info)
        super().pushInfo(info)

    def pushWarning(self, warning: str) -> None:  # noqa: N802 (Qt API)
        self.warnings.append(warning)
        self.lines.append(warning)
        super().pushWarning(warning)

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.lines.append(error)
        super().reportError(error, fatalError)

    def pushDebugInfo(self, info: str) -> None:  # noqa: N802 (Qt API)
        self.lines.append(info)
        super().pushDebugInfo(info)

    def textLog(self) -> str:  # noqa: N802 (Qt API)
        return "".join(f"{line}\n" for line in self.lines)

    def setProgress(self, progress: float) -> None:  # noqa: N802 (Qt API)
        # setProgress is not virtual in C++: call the run's feedback as Python sees it, so
        # that a subclass of it (a dialog's, a test's) still hears every step.
        self.parent_feedback.setProgress(progress)


# QGIS's own message (its context and source), looked up in QGIS's translation.
_PROCESSING_RESULTS = ("Processing", "Results: {}")


class StepsFeedback(QgsProcessingMultiStepFeedback):
    """The feedback of a run made of steps (other algorithms run through Processing): the
    steps' messages pass, Processing's "Results: {…}" line after each step does not — a
    Python dict of temporary layer ids is no sentence for the log a user reads."""

    def pushInfo(self, info: str) -> None:  # noqa: N802 (Qt API)
        prefix = QCoreApplication.translate(*_PROCESSING_RESULTS).split("{}")[0]
        if prefix and info.startswith(prefix) and info.rstrip().endswith("}"):
            return
        super().pushInfo(info)


@contextlib.contextmanager
def no_sidecar_files() -> Iterator[None]:
    """GDAL's auxiliary (.aux.xml) files off for the datasets this thread opens meanwhile."""
    previous = gdal.GetThreadLocalConfigOption("GDAL_PAM_ENABLED", None)
    gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", previous)


def _release(error: BaseException) -> None:
    """Drop the local variables of the failed frames, so that the sinks they held close
    their files before the partial outputs are removed."""
    traceback.clear_frames(error.__traceback__)


# Files that make up one vector output (a shapefile has several).
_SIDECARS = {".gpkg", ".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml", ".qix", ".geojson", ".csv"}


def _file_of(destination: str) -> str | None:
    """The file behind a vector destination, if it is one."""
    if not destination or destination.startswith(("memory:", "postgres:", "TEMPORARY_OUTPUT")):
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", destination).get("path") or ""
    return path or None


def _all_numbers(values: Sequence) -> np.ndarray | None:
    """The values as floats in one conversion when every one is a finite number, NULL
    (None, NaN) or empty text, numbers given as text included (a CSV's columns); None
    otherwise, for the checks value by value (which name the culprit)."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuf":
        result = values.astype(np.float64)
    else:
        cleaned = [None if isinstance(value, str) and value == "" else value for value in values]
        try:
            result = np.array(cleaned, dtype=np.float64)
        except (TypeError, ValueError):  # a text that is no number, a QVariant NULL
            return None
        text = np.array([isinstance(value, str) for value in cleaned], dtype=bool)
        if (np.isnan(result) & text).any():
            return None  # "nan" written as text: refused value by value
    if result.ndim != 1 or np.isinf(result).any():
        return None
    return result


def listed_numbers(numbers: list[int], shown: int = 20) -> str:
    """ "3, 7, 12 …": the first ``shown`` numbers of a list, for a message."""
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (" …" if len(numbers) > shown else "")


def progress_reporter(
    feedback: QgsProcessingFeedback, start: float = 0.0, span: float = 100.0
) -> Callable[[float], None]:
    """A percent (0-100) progress callback for the io layer, mapped onto part of the bar."""

    def report(percent: float) -> None:
        feedback.setProgress(start + span * max(0.0, min(100.0, percent)) / 100.0)

    return report
