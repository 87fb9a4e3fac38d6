"""The project overview as a small table of the plan's usual facts (矿山名称, 采矿权人 …)."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ..core.pairs import PairsError
from ..core.project_info import PROJECT_KEYS, parse_project_info
from ..i18n import Translatable, ui_language

# The rows offered, in the order of a plan's 项目概况.
SHOWN_KEYS = (
    "mine_name",
    "licence_holder",
    "mining_method",
    "production_scale",
    "mine_life",
    "plan_period",
    "prepared_by",
)


class ProjectInfoTable(Translatable, QTableWidget):
    """Item | value; ``text()`` gives PROJECT_INFO with the canonical keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(SHOWN_KEYS), 2, parent)
        self.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Value")])
        chinese = ui_language().startswith("zh")
        for row, key in enumerate(SHOWN_KEYS):
            item = QTableWidgetItem(PROJECT_KEYS[key][0 if chinese else 1])
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.setItem(row, 0, item)
            self.setItem(row, 1, QTableWidgetItem(""))
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def text(self) -> str:
        """``key=value;…`` of the filled rows (a ';' inside a value becomes ',')."""
        pairs = []
        for row in range(self.rowCount()):
            value = (self.item(row, 1).text() if self.item(row, 1) else "").strip()
            if value:
                key = self.item(row, 0).data(Qt.ItemDataRole.UserRole)
                pairs.append(f"{key}={value.replace(';', ',').replace('；', '，')}")
        return ";".join(pairs)

    def set_text(self, text: str) -> None:
        """Fill the rows from a remembered PROJECT_INFO (unknown keys are left out)."""
        try:
            values = dict(parse_project_info(text))
        except PairsError:
            values = {}
        for row, key in enumerate(SHOWN_KEYS):
            self.item(row, 1).setText(values.get(key, ""))
