"""Run a Processing algorithm of the provider in the background and add its layers.

Dialogs gather parameters; ``AlgorithmRunner`` runs the algorithm through QGIS's task
manager (``QgsProcessingAlgRunnerTask``), relays progress and log text as Qt signals, loads
the output layers with Processing's own post-processing (so the algorithm's layer
post-processors style them), and puts them into one layer-tree group named after the run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsLayerTree,
    QgsLayerTreeGroup,
    QgsLayerTreeLayer,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProject,
    QgsSettings,
)
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..i18n import Translatable

RUN_TIME_FORMAT = "%Y-%m-%d %H:%M"
TEMPORARY_OUTPUT = "TEMPORARY_OUTPUT"
# Destination parameters whose outputs are layers to load (file outputs such as reports
# are not wrapped).
LAYER_DESTINATION_TYPES = ("sink", "vectorDestination", "rasterDestination")
PROCESSING_RESULTS_GROUP_KEY = "Processing/Configuration/RESULTS_GROUP_NAME"

# Runners whose task has not finished yet. The task manager owns the C++ task, but the
# context, the feedback and the slot receiving ``executed`` live on the Python side: if
# the dialog that started a run is garbage-collected first, QGIS crashes.
_ACTIVE_RUNNERS: set[AlgorithmRunner] = set()


def run_label(prefix: str, when: datetime | None = None) -> str:
    """A run's name: ``"Suitability 2026-11-28 14:05"``."""
    return f"{prefix} {(when or datetime.now()).strftime(RUN_TIME_FORMAT)}"


def geopackage_destination(path: str, table: str) -> str:
    """A sink destination writing ``table`` into the GeoPackage at ``path``.

    Several outputs of one run can share the file: each gets its own table.
    """
    escaped = path.replace("'", "\\'")
    return f"ogr:dbname='{escaped}' table=\"{table}\""


class RelayFeedback(QgsProcessingFeedback):
    """Feedback that re-emits log text as a signal and keeps the errors.

    The algorithm calls these methods from the worker thread; the signal is queued to the
    receivers in the main thread, so widgets are only touched there.
    """

    messageLogged = pyqtSignal(str, bool)  # noqa: N815 (Qt signal) text, is_error

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N802, N803
        self.errors.append(error)
        self.messageLogged.emit(error, True)
        super().reportError(error, fatalError)

    def pushWarning(self, warning: str) -> None:  # noqa: N802
        self.messageLogged.emit(warning, False)
        super().pushWarning(warning)

    def pushInfo(self, info: str) -> None:  # noqa: N802
        self.messageLogged.emit(info, False)
        super().pushInfo(info)

    def pushCommandInfo(self, info: str) -> None:  # noqa: N802
        self.messageLogged.emit(info, False)
        super().pushCommandInfo(info)

    def pushConsoleInfo(self, info: str) -> None:  # noqa: N802
        self.messageLogged.emit(info, False)
        super().pushConsoleInfo(info)

    def setProgressText(self, text: str) -> None:  # noqa: N802
        self.messageLogged.emit(text, False)
        super().setProgressText(text)


class AlgorithmRunner(Translatable, QObject):
    """Runs one algorithm at a time in the background and loads its layers into a group.

    Signals: ``progressChanged(percent)``, ``messageLogged(text, is_error)`` and
    ``finished(ok, results)``. After ``finished``, ``error_message`` says why a run failed
    (empty on success), ``output_layers`` maps output keys to the layers loaded into the
    project and ``group`` is the layer-tree group holding them.
    """

    progressChanged = pyqtSignal(float)  # noqa: N815 (Qt signal)
    messageLogged = pyqtSignal(str, bool)  # noqa: N815 (Qt signal)
    finished = pyqtSignal(bool, object)

    def __init__(
        self,
        algorithm_id: str,
        project: QgsProject | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.algorithm_id = algorithm_id
        self.project = project or QgsProject.instance()
        self.error_message = ""
        self.output_layers: dict[str, QgsMapLayer] = {}
        self.group: QgsLayerTreeGroup | None = None
        self.run_name = ""
        self._task: QgsProcessingAlgRunnerTask | None = None
        self._context: QgsProcessingContext | None = None
        self._feedback: RelayFeedback | None = None
        self._parameters: dict[str, Any] = {}

    # --- public ---------------------------------------------------------------------

    def is_running(self) -> bool:
        """Whether a run has started and not finished yet."""
        return self._task is not None

    def start(self, parameters: dict[str, Any], run_name: str) -> bool:
        """Start a run; False (and ``finished(False, {})`` already emitted) if it cannot.

        ``parameters`` uses the algorithm's keys; outputs are ``"TEMPORARY_OUTPUT"`` or a
        destination such as ``geopackage_destination(path, table)``.
        """
        if self.is_running():
            raise RuntimeError("a run is already in progress")
        self.error_message = ""
        self.output_layers = {}
        self.group = None
        self.run_name = run_name
        # A fresh instance: a model only lists its destination parameters once created.
        registry = QgsApplication.processingRegistry()
        algorithm = (
            registry.createAlgorithmById(self.algorithm_id)
            if registry.algorithmById(self.algorithm_id)
            else None
        )
        if algorithm is None:
            return self._fail_now(
                self.tr(
                    "The algorithm {id} is not available: is the Processing plugin enabled?"
                ).format(id=self.algorithm_id)
            )
        self._feedback = self._new_feedback()
        self._context = self._new_context(self._feedback)
        self._parameters = self._with_layer_outputs(algorithm, parameters)
        valid, message = algorithm.checkParameterValues(self._parameters, self._context)
        if not valid:
            return self._fail_now(message)
        task = QgsProcessingAlgRunnerTask(
            algorithm, self._parameters, self._context, self._feedback
        )
        if self._feedback.isCanceled():  # prepare() failed inside the constructor
            return self._fail_now("\n".join(self._feedback.errors))
        task.executed.connect(self._on_executed)
        task.taskTerminated.connect(self._after_termination)
        self._task = task
        _ACTIVE_RUNNERS.add(self)
        QgsApplication.taskManager().addTask(task)
        return True

    def cancel(self) -> None:
        """Ask the running algorithm to stop; ``finished(False, …)`` follows."""
        if self._feedback is not None:
            self._feedback.cancel()
        if self._task is not None:
            self._task.cancel()

    # --- setup ----------------------------------------------------------------------

    def _new_feedback(self) -> RelayFeedback:
        feedback = RelayFeedback()
        feedback.progressChanged.connect(self.progressChanged)
        feedback.messageLogged.connect(self.messageLogged)
        return feedback

    def _new_context(self, feedback: QgsProcessingFeedback) -> QgsProcessingContext:
        context = QgsProcessingContext()
        context.setProject(self.project)
        context.setFeedback(feedback)
        expression_context = QgsExpressionContext()
        expression_context.appendScope(QgsExpressionContextUtils.globalScope())
        expression_context.appendScope(QgsExpressionContextUtils.projectScope(self.project))
        context.setExpressionContext(expression_context)
        return context

    def _with_layer_outputs(
        self, algorithm: QgsProcessingAlgorithm, parameters: dict[str, Any]
    ) -> dict[str, Any]:
        """Mark layer outputs to be loaded into the project, named after their output."""
        wrapped = dict(parameters)
        for definition in algorithm.destinationParameterDefinitions():
            value = wrapped.get(definition.name())
            if definition.type() not in LAYER_DESTINATION_TYPES or not isinstance(value, str):
                continue
            output = QgsProcessingOutputLayerDefinition(value, self.project)
            output.destinationName = definition.description()
            wrapped[definition.name()] = output
        return wrapped

    def _fail_now(self, message: str) -> bool:
        self.error_message = message
        self.messageLogged.emit(message, True)
        self.finished.emit(False, {})
        return False

    # --- completion (main thread) ---------------------------------------------------

    def _after_termination(self) -> None:
        # ``executed`` normally follows termination at once; should a task cancelled before
        # it started never emit it, this still ends the run instead of leaving it hanging.
        QTimer.singleShot(0, self._finish_if_still_running)

    def _finish_if_still_running(self) -> None:
        if self._task is not None:
            self._on_executed(False, {})

    def _on_executed(self, ok: bool, results: dict[str, Any]) -> None:
        if self._task is None:  # already ended by _finish_if_still_running
            return
        # The task manager deletes the task after this; drop the wrapper before it dangles.
        self._task = None
        results = dict(results or {})
        # A cancel that arrives after the algorithm ended still cancels: nothing is loaded.
        ok = ok and not (self._feedback is not None and self._feedback.isCanceled())
        try:
            if ok:
                self._load_results(results)
        except Exception as error:  # a failing loader must reach the dialog, not crash QGIS
            ok = False
            self.error_message = self.tr("The results could not be loaded: {error}").format(
                error=error
            )
            self.messageLogged.emit(self.error_message, True)
        finally:
            # Layers the algorithm (a model's steps) opened for itself are closed now, on
            # the main thread: QGIS 3.22 crashes closing them later from the garbage
            # collector once the project's layers of the same file are gone.
            if self._context is not None:
                self._context.temporaryLayerStore().removeAllMapLayers()
            _ACTIVE_RUNNERS.discard(self)
        if not ok and not self.error_message:
            self.error_message = self._failure_reason()
        self.finished.emit(ok, results if ok else {})

    def _failure_reason(self) -> str:
        if self._feedback is not None and self._feedback.isCanceled():
            return self.tr("The run was cancelled.")
        if self._feedback is not None and self._feedback.errors:
            return "\n".join(self._feedback.errors)
        return self.tr("The algorithm failed; the log shows what happened.")

    def _load_results(self, results: dict[str, Any]) -> None:
        algorithm = QgsApplication.processingRegistry().algorithmById(self.algorithm_id)
        before = set(self.project.mapLayers())
        by_destination = self._resolve_destinations()
        handle_algorithm_results(algorithm, self._context, self._feedback, self._parameters)
        self.output_layers = {
            key: by_destination[value]
            for key, value in results.items()
            if isinstance(value, str) and value in by_destination
        }
        added = [
            layer for layer_id, layer in self.project.mapLayers().items() if layer_id not in before
        ]
        self.group = gather_in_group(self.project, added, self.run_name)

    def _resolve_destinations(self) -> dict[str, QgsMapLayer]:
        """Destination → layer, resolved once so Processing's loader reuses the objects."""
        layers = {}
        for destination, details in self._context.layersToLoadOnCompletion().items():
            layer = QgsProcessingUtils.mapLayerFromString(
                destination, self._context, typeHint=details.layerTypeHint
            )
            if layer is not None:
                layers[destination] = layer
        return layers


def handle_algorithm_results(
    algorithm: QgsProcessingAlgorithm,
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    parameters: dict[str, Any],
) -> bool:
    """Load the layers of a finished run the way the Processing toolbox does.

    ``handleAlgorithmResults`` is ``(alg, context, feedback=None, showResults=True,
    parameters={})`` on 3.22 and ``(alg, context, feedback=None, parameters=None)`` on
    3.34–3.44, so the optional arguments go by keyword.
    """
    try:
        from processing.gui.Postprocessing import handleAlgorithmResults
    except ImportError:  # Processing plugin disabled: load the layers ourselves
        return _load_layers_without_processing(context, feedback)
    return handleAlgorithmResults(algorithm, context, feedback=feedback, parameters=parameters)


def _load_layers_without_processing(
    context: QgsProcessingContext, feedback: QgsProcessingFeedback
) -> bool:
    loaded = True
    for destination, details in context.layersToLoadOnCompletion().items():
        layer = QgsProcessingUtils.mapLayerFromString(destination, context)
        if layer is None:
            loaded = False
            continue
        details.setOutputLayerName(layer)
        project = details.project or context.project()
        if project.addMapLayer(context.temporaryLayerStore().takeMapLayer(layer)) is None:
            loaded = False
            continue
        if details.postProcessor():
            details.postProcessor().postProcessLayer(layer, context, feedback)
    return loaded


def gather_in_group(
    project: QgsProject, layers: list[QgsMapLayer], name: str
) -> QgsLayerTreeGroup | None:
    """Put the layers into one group: the one a post-processor made, or a new ``name``."""
    root = project.layerTreeRoot()
    wanted = {layer.id() for layer in layers}
    nodes = [node for node in root.findLayers() if node.layerId() in wanted]  # tree order
    if not nodes:
        return None
    target = _existing_run_group(root, nodes) or _new_run_group(nodes[0].parent(), name)
    for node in nodes:
        _move_node(node, target)
    return target


def _existing_run_group(
    root: QgsLayerTreeGroup, nodes: list[QgsLayerTreeLayer]
) -> QgsLayerTreeGroup | None:
    """A group the algorithm's post-processor already put some of the layers into."""
    processing_group = QgsSettings().value(PROCESSING_RESULTS_GROUP_KEY, "", type=str)
    for node in nodes:
        parent = node.parent()
        if parent is not None and parent is not root and parent.name() != processing_group:
            return parent
    return None


def _new_run_group(container: QgsLayerTreeGroup, name: str) -> QgsLayerTreeGroup:
    """A new group at the top of ``container`` (the root, or the user's results group)."""
    taken = {child.name() for child in container.children() if QgsLayerTree.isGroup(child)}
    unique, number = name, 2
    while unique in taken:  # two runs within the same minute
        unique, number = f"{name} ({number})", number + 1
    group = container.insertGroup(0, unique)
    group.setExpanded(True)
    return group


def _move_node(node: QgsLayerTreeLayer, target: QgsLayerTreeGroup) -> None:
    parent = node.parent()
    if parent is target:
        return
    # A clone keeps visibility and custom properties (e.g. the feature count).
    target.addChildNode(node.clone())
    parent.removeChildNode(node)
