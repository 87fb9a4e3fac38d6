"""What every page of the plan wizard shares: a page that names what is missing, and the
layer and field choosers it builds."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsMapLayer
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtGui import QShowEvent
from qgis.PyQt.QtWidgets import QBoxLayout, QLabel, QWidget, QWizardPage

from ..i18n import Translatable

ERROR_STYLE = "color: #c00000"


def choose_layer(combo: QgsMapLayerComboBox, layer: QgsMapLayer | None) -> None:
    """Select a layer, or the "(none)" entry (``setLayer(None)`` leaves the combo blank)."""
    if layer is None:
        combo.setCurrentIndex(0)  # the empty entry comes first
    else:
        combo.setLayer(layer)


class StepPage(Translatable, QWizardPage):
    """A page that names what is missing: Next stays off and a red line says why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setObjectName("problem_label")
        self.intro_label = QLabel(self)
        self.intro_label.setWordWrap(True)
        self.intro_label.setObjectName("intro_label")

    def setSubTitle(self, text: str) -> None:  # noqa: N802 (Qt API)
        """The page's explanation, at the top of the page itself: QWizard's header gives a
        subtitle a fixed height and clips a longer one (two lines in English, less in
        Chinese at the default size)."""
        self.intro_label.setText(text)

    def subTitle(self) -> str:  # noqa: N802 (Qt API)
        return self.intro_label.text()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        layout = self.layout()
        if isinstance(layout, QBoxLayout) and layout.indexOf(self.intro_label) < 0:
            layout.insertWidget(0, self.intro_label)
        super().showEvent(event)

    def problem(self) -> str:
        """What keeps the user on this page, or ""."""
        return ""

    def refresh(self, *_: Any) -> None:
        """Show the current problem and let the wizard update its buttons."""
        self.problem_label.setText(self.problem())
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return not self.problem()

    def validatePage(self) -> bool:  # noqa: N802 (Qt API)
        problem = self.problem()
        self.problem_label.setText(problem)
        return not problem

    def layer_combo(self, filters: Any) -> QgsMapLayerComboBox:
        combo = QgsMapLayerComboBox(self)
        combo.setFilters(filters)
        combo.setAllowEmptyLayer(True, self.tr("(none)"))
        choose_layer(combo, None)
        combo.layerChanged.connect(self.refresh)
        return combo

    def field_combo(self) -> QgsFieldComboBox:
        combo = QgsFieldComboBox(self)
        combo.setAllowEmptyFieldName(True)
        combo.fieldChanged.connect(self.refresh)
        return combo

    def hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        return label
