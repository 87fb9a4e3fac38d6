"""The inputs the investment needs, for every algorithm that prices works: the works table
of estimatequantities (WORKS), the unit prices (PRICES) and the cost structure (COSTS).

A mixin of :class:`.base.ReclamationAlgorithm` subclasses (estimatecost, scheduleplan):
one definition of the parameters, one reading of each input with its messages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
)

from ...core.investment import CostStructure, Price, parse_cost_structure, parse_prices
from ...core.rules.reader import RulePackError
from ..outputs import attribute_rows

# Fields of the works table and those read as numbers (a CSV holds text).
WORKS_FIELDS = ("unit_id", "item", "unit", "quantity")
WORKS_NUMBERS = ("unit_id", "quantity", "area_id", "year")


class CostInputs:
    """WORKS, PRICES and COSTS: their parameters and their reading."""

    WORKS = "WORKS"
    PRICES = "PRICES"
    COSTS = "COSTS"

    def add_cost_inputs(self, optional: bool) -> None:
        self.add(
            QgsProcessingParameterFeatureSource(
                self.WORKS,
                self.tr("Works per unit (from Estimate engineering quantities)"),
                [QgsProcessing.TypeVector],
                optional=optional,
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.PRICES,
                self.tr("Unit prices (item, part, unit, unit_price, source, year, region)"),
                [QgsProcessing.TypeVector],
                optional=optional,
            )
        )
        self.add(
            QgsProcessingParameterFile(
                self.COSTS, self.tr("Cost structure (JSON)"), extension="json", optional=optional
            )
        )

    def works_table(
        self,
        parameters: dict,
        context: QgsProcessingContext,
        needed: tuple[str, ...] = WORKS_FIELDS,
    ) -> list[dict[str, Any]] | None:
        """The rows of the works table (None: not given); the ``needed`` fields checked,
        the numbers read as numbers."""
        source = self.parameterAsSource(parameters, self.WORKS, context)
        if source is None:
            return None
        names = source.fields().names()
        missing = [n for n in needed if n not in names]
        if missing:
            raise self.fail(
                self.tr(
                    "The works table needs the fields {0} (the WORKS output of Estimate "
                    "engineering quantities). Missing: {1}"
                ).format(", ".join(needed), ", ".join(missing))
            )
        try:
            return attribute_rows(source, WORKS_NUMBERS)
        except ValueError as error:
            raise self.fail(self.tr("Works table: {0}").format(error)) from None

    def cost_structure(self, parameters: dict, context: QgsProcessingContext) -> CostStructure:
        path = self.parameterAsFile(parameters, self.COSTS, context)
        try:
            document = json.loads(Path(path).read_text(encoding="utf-8"))
            return parse_cost_structure(document, path)
        except OSError as error:
            raise self.fail(
                self.tr("Cost structure “{0}” cannot be read: {1}").format(path, error.strerror)
            ) from None
        except ValueError as error:  # JSON or the structure (RulePackError)
            raise self.fail(self.tr("Cost structure: {0}").format(error)) from None

    def unit_prices(
        self, parameters: dict, context: QgsProcessingContext
    ) -> dict[tuple[str, str], Price]:
        source = self.parameterAsSource(parameters, self.PRICES, context)
        where = self.layer_words(parameters, self.PRICES, context)
        try:
            return parse_prices(attribute_rows(source), where)
        except RulePackError as error:
            raise self.fail(self.tr("Prices: {0}").format(error)) from None
