"""The rows of the runs' summary outputs, and the read-only tables that show them.

The disturbance dialog and the plan wizard read the disturbed-land summary
(``summary_rows``); the suitability dialog and the wizard read the area by proposed use
(``proposed_area_rows``). The dialogs' results pages and the facility-type table are
tables of the same kind (``prepare_table``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from qgis.core import QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..compat import is_null

# A cell keeps the value behind its text here: tests and callers read rows back without
# parsing the formatted, translated text.
VALUE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class SummaryRow:
    """One row of the disturbed-land SUMMARY (degree None = undecided, dlbm_before "" =
    unknown)."""

    dist_type: str
    dist_degree: int | None
    dlbm_before: str
    area_hm2: float
    area_mu: float
    degree_basis: str = ""  # "assessed", "default" (the pack's), "undecided"


@dataclass(frozen=True)
class AreaRow:
    """One row of the area-by-proposed-use table (``use`` "" = not evaluated)."""

    use: str
    units: int
    area_hm2: float
    area_mu: float


def summary_rows(summary: QgsVectorLayer | None) -> tuple[list[SummaryRow], SummaryRow | None]:
    """The rows of the disturbed-land SUMMARY, and its ``total`` row (None if there is none)."""
    if summary is None:
        return [], None
    rows, total = [], None
    names = summary.fields().names()
    for feature in summary.getFeatures():
        degree = feature["dist_degree"]
        code = feature["dlbm_before"]
        # Summaries written before the degree basis existed have no such field.
        basis = feature["degree_basis"] if "degree_basis" in names else None
        row = SummaryRow(
            dist_type=str(feature["dist_type"] or ""),
            dist_degree=None if is_null(degree) else int(degree),
            dlbm_before="" if is_null(code) else str(code),
            area_hm2=float(feature["area_hm2"] or 0.0),
            area_mu=float(feature["area_mu"] or 0.0),
            degree_basis="" if is_null(basis) else str(basis),
        )
        if row.dist_type == "total":
            total = row
        else:
            rows.append(row)
    return rows, total


def proposed_area_rows(summary: QgsVectorLayer | None) -> list[AreaRow]:
    """The rows of the suitability SUMMARY where ``table`` is "proposed"."""
    if summary is None:
        return []
    return [
        AreaRow(
            use=feature["use"] or "",
            units=int(feature["units"] or 0),
            area_hm2=float(feature["area_hm2"] or 0.0),
            area_mu=float(feature["area_mu"] or 0.0),
        )
        for feature in summary.getFeatures()
        if feature["table"] == "proposed"
    ]


# --- tables ---------------------------------------------------------------------------


def prepare_table(table: QTableWidget, headers: list[str]) -> None:
    """Headers, columns sharing the width, no row numbers; cells are not edited in place
    (choices are made in combo boxes set into cells)."""
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)


def results_page(parent: QWidget, headers: list[str]) -> tuple[QWidget, QLabel, QTableWidget]:
    """A dialog's results tab: a line saying what the table holds, then the table."""
    page = QWidget(parent)
    label = QLabel(page)
    label.setWordWrap(True)
    table = QTableWidget(0, len(headers), page)
    prepare_table(table, headers)
    layout = QVBoxLayout(page)
    layout.addWidget(label)
    layout.addWidget(table)
    return page, label, table


def add_result_row(
    table: QTableWidget, cells: list[tuple[str, Any]], first_number: int, bold: bool
) -> list[QTableWidgetItem]:
    """Append a row of (text, value) cells; columns from ``first_number`` on hold numbers
    (right-aligned), a total row is ``bold``. Returns the row's items."""
    index = table.rowCount()
    table.insertRow(index)
    items = []
    for column, (text, value) in enumerate(cells):
        item = QTableWidgetItem(text)
        item.setData(VALUE_ROLE, value)
        if column >= first_number:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        table.setItem(index, column, item)
        items.append(item)
    return items


def row_values(table: QTableWidget, row: int) -> list[Any]:
    """The values behind the cells of a row (``add_result_row``'s), column by column."""
    return [table.item(row, column).data(VALUE_ROLE) for column in range(table.columnCount())]
