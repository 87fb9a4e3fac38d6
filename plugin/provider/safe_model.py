"""The shipped models inside the same safety net as the algorithms.

A model's own outputs (``classify:DISTURBED``, ``summarize:TABLES``…) may name an input of
another step, which that step cannot see; and when a later step fails, the outputs of the
earlier steps would stay behind, complete-looking. ``SafeModel`` checks the model's
outputs against all the model's inputs before the run, and removes every output the run
wrote when it fails or is cancelled.
"""

from __future__ import annotations

import traceback
from typing import Any

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsProcessingParameterDefinition,
)

from .safety import OutputSnapshot, check_overwrites


class SafeModel(QgsProcessingModelAlgorithm):
    """A QgsProcessingModelAlgorithm that refuses outputs over inputs, leaves nothing
    behind when a step fails, and takes any subset of its outputs."""

    def fromFile(self, path: str) -> bool:  # noqa: N802 (Qt API)
        loaded = super().fromFile(path)
        if loaded:
            self.make_outputs_optional()
        return loaded

    def make_outputs_optional(self) -> None:
        """A model output inherits "required" from its step's parameter; a run given
        only the report must still run, with temporary files for the rest."""
        optional = QgsProcessingParameterDefinition.FlagOptional
        self.needed_outputs = []
        for definition in self.destinationParameterDefinitions():
            if not definition.flags() & optional:
                self.needed_outputs.append(definition.name())
                definition.setFlags(definition.flags() | optional)

    def createInstance(self) -> QgsProcessingAlgorithm:  # noqa: N802 (Qt API)
        copy = SafeModel()
        copy.loadVariant(self.toVariant())
        copy.setSourceFilePath(self.sourceFilePath())
        copy.make_outputs_optional()
        return copy

    def checkParameterValues(  # noqa: N802 (Qt API)
        self, parameters: dict[str, Any], context: QgsProcessingContext
    ) -> tuple[bool, str]:
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            check_overwrites(self, parameters, context)
        except QgsProcessingException as error:
            return False, str(error)
        return True, ""

    def processAlgorithm(  # noqa: N802 (Qt API)
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        check_overwrites(self, parameters, context)
        snapshot = OutputSnapshot.take(self, parameters, context)
        parameters = dict(parameters)
        for name in getattr(self, "needed_outputs", []):
            if parameters.get(name) in (None, ""):
                # A step needs a file for this output (the next step reads it).
                parameters[name] = "TEMPORARY_OUTPUT"
        try:
            results = super().processAlgorithm(parameters, context, feedback)
        except BaseException as error:
            traceback.clear_frames(error.__traceback__)
            snapshot.remove_partial(feedback)
            raise
        if feedback is not None and feedback.isCanceled():
            snapshot.remove_partial(feedback)
            return {}
        snapshot.settle()
        return results
