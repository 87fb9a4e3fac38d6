"""The wizard's page of the work plan and the investment: the service period (生产期, 稳沉期,
管护期 from a first year), the panels' mining-year field, the unit prices, the cost
structure and the budgets. Each part is optional: left unchecked, the plan run skips it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from qgis.core import QgsFieldProxyModel, QgsMapLayer, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsFileWidget
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ..core.panel_fields import suggest_mining_year_field
from ..paths import resource
from .wizard_page import StepPage

YEARS = (1900, 2300)


class WorkPlanPage(StepPage):
    """复垦工作计划 and 投资估算 inputs of the plan run."""

    def __init__(
        self, panels: Callable[[], QgsMapLayer | None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.panels = panels
        self.remembered_mining_year = ""
        self.setTitle(self.tr("Work plan and investment"))
        self.setSubTitle(
            self.tr("The stages of the service period, and the investment. Both are optional.")
        )
        self.service_box = QGroupBox(self.tr("Service period (服务年限)"), self)
        self.service_box.setCheckable(True)
        self.service_box.setChecked(False)
        self.first_year_spin = self._spin(QDate.currentDate().year() + 1, *YEARS)
        self.production_spin = self._spin(10, 0, 200)
        self.settling_spin = self._spin(0, 0, 200)
        self.aftercare_spin = self._spin(3, 0, 200)
        self.mining_year_combo = QgsFieldComboBox(self)
        self.mining_year_combo.setAllowEmptyFieldName(True)
        self.mining_year_combo.setFilters(QgsFieldProxyModel.Filter.Numeric)
        service = QFormLayout(self.service_box)
        service.addRow(self.tr("First year of the plan"), self.first_year_spin)
        service.addRow(self.tr("Production period (生产期, years)"), self.production_spin)
        service.addRow(self.tr("Settling period (稳沉期, years)"), self.settling_spin)
        service.addRow(self.tr("After-care period (管护期, years)"), self.aftercare_spin)
        service.addRow(self.tr("Mining year of the panels"), self.mining_year_combo)
        self.cost_box = QGroupBox(self.tr("Investment (投资估算)"), self)
        self.cost_box.setCheckable(True)
        self.cost_box.setChecked(False)
        self.prices_file = self._file(self.tr("Unit prices (*.csv *.gpkg)"))
        self.costs_file = self._file(self.tr("Cost structures (*.json)"))
        self.budget_edit = QLineEdit(self)
        self.budget_edit.setPlaceholderText(self.tr("optional: 5000000, or 1=5000000;2=3000000"))
        costs = QFormLayout(self.cost_box)
        costs.addRow(self.tr("Unit prices"), self.prices_file)
        costs.addRow(self.tr("Cost structure"), self.costs_file)
        costs.addRow(self.tr("Budget per stage (元)"), self.budget_edit)
        folder = resource("costs")
        layout = QVBoxLayout(self)
        layout.addWidget(self.service_box)
        layout.addWidget(
            self.hint(
                self.tr(
                    "A unit is reclaimed once it is ready: subsided land the settling period "
                    "after the mining year of the panels above it, dumps and pits after "
                    "production, polluted land at once (the rule pack's release rules)."
                )
            )
        )
        layout.addWidget(self.cost_box)
        layout.addWidget(
            self.hint(
                self.tr(
                    "No price or rate is built in. Fill in {0}; {1} and {2} are an example for "
                    "the sample mine, not a norm."
                ).format(
                    folder / "template.json",
                    "example_sample_mine.json",
                    "example_prices_sample_mine.csv",
                )
            )
        )
        layout.addStretch(1)
        layout.addWidget(self.problem_label)
        for box in (self.service_box, self.cost_box):
            box.toggled.connect(self.refresh)
        for spin in (self.production_spin, self.settling_spin):
            spin.valueChanged.connect(self.refresh)
        for widget in (self.prices_file, self.costs_file):
            widget.fileChanged.connect(self.refresh)

    def _spin(self, value: int, low: int, high: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def _file(self, file_filter: str) -> QgsFileWidget:
        widget = QgsFileWidget(self)
        widget.setFilter(file_filter)
        widget.setDefaultRoot(str(resource("costs")))
        return widget

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        """The mining-year field of the panels chosen on the first page, suggested by name."""
        layer = self.panels()
        chosen = self.mining_year_combo.currentField()
        if isinstance(layer, QgsVectorLayer):
            self.mining_year_combo.setLayer(layer)
            names = layer.fields().names()
            if chosen not in names:
                remembered = self.remembered_mining_year
                suggested = remembered if remembered in names else suggest_mining_year_field(names)
                self.mining_year_combo.setField(suggested or "")
        else:
            self.mining_year_combo.setLayer(None)
        self.mining_year_combo.setEnabled(isinstance(layer, QgsVectorLayer))
        self.refresh()

    def problem(self) -> str:
        if (
            self.service_box.isChecked()
            and self.production_spin.value() + self.settling_spin.value() < 1
        ):
            return self.tr("The production and settling periods leave no year for the works.")
        if self.cost_box.isChecked():
            for widget, name in (
                (self.prices_file, self.tr("unit prices")),
                (self.costs_file, self.tr("cost structure")),
            ):
                path = widget.filePath().strip()
                if not path or not Path(path).is_file():
                    return self.tr("Choose the file of the {0}.").format(name)
        return ""

    def parameters(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if self.service_box.isChecked():
            values.update(
                {
                    "FIRST_YEAR": self.first_year_spin.value(),
                    "PRODUCTION_YEARS": self.production_spin.value(),
                    "SETTLING_YEARS": self.settling_spin.value(),
                    "AFTERCARE_YEARS": self.aftercare_spin.value(),
                }
            )
            field = self.mining_year_combo.currentField()
            if field and self.panels() is not None:
                values["MINING_YEAR_FIELD"] = field
        if self.cost_box.isChecked():
            values["PRICES"] = self.prices_file.filePath().strip()
            values["COSTS"] = self.costs_file.filePath().strip()
            budget = self.budget_edit.text().strip()
            if budget:
                values["BUDGET"] = budget
        return values

    # --- settings (the wizard stores them) ---------------------------------------------

    def settings(self) -> dict[str, Any]:
        return {
            "plan_service": self.service_box.isChecked(),
            "plan_first_year": self.first_year_spin.value(),
            "plan_production": self.production_spin.value(),
            "plan_settling": self.settling_spin.value(),
            "plan_aftercare": self.aftercare_spin.value(),
            "plan_mining_year": self.mining_year_combo.currentField()
            or self.remembered_mining_year,
            "plan_costs": self.cost_box.isChecked(),
            "plan_prices_file": self.prices_file.filePath(),
            "plan_costs_file": self.costs_file.filePath(),
            "plan_budget": self.budget_edit.text(),
        }

    def restore(self, value: Callable[[str, Any, type], Any]) -> None:
        self.service_box.setChecked(value("plan_service", False, bool))
        for spin, key in (
            (self.first_year_spin, "plan_first_year"),
            (self.production_spin, "plan_production"),
            (self.settling_spin, "plan_settling"),
            (self.aftercare_spin, "plan_aftercare"),
        ):
            spin.setValue(value(key, spin.value(), int))
        self.cost_box.setChecked(value("plan_costs", False, bool))
        self.prices_file.setFilePath(value("plan_prices_file", "", str))
        self.costs_file.setFilePath(value("plan_costs_file", "", str))
        self.budget_edit.setText(value("plan_budget", "", str))
        self.remembered_mining_year = value("plan_mining_year", "", str)
        self.refresh()
