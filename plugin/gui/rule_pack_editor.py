"""The rule-pack editor (toolbar action "Rule packs…").

Shows a pack as tables (uses × factors with their limits and sources, and the damage-degree
rows), edits limits with validation as you type, the proposal priority and the cultivation
slope cap, imports and exports CSV, saves a copy, and reports what the edit would change on
a layer of the project. Built-in packs are read-only: "Copy" makes an editable copy. The
editing logic is Qt-free, in ``rule_pack_model``; this module is the widgets around it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProject,
    QgsSettings,
    QgsVectorLayer,
)
from qgis.gui import QgsMapLayerComboBox, QgsMessageBar
from qgis.PyQt.QtCore import QAbstractTableModel, QModelIndex, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..compat import layer_filter
from ..core.field_map import FieldMapError, resolve_fields
from ..core.labels import (
    DAMAGE_TYPE_NAMES,
    INDICATOR_NAMES,
    KIND_NAMES,
    LAND_USE_GROUP_NAMES,
    METHOD_NAMES,
    MISSING_POLICY_NAMES,
    QUANTITY_RULE_NAMES,
    RELEASE_EVENT_NAMES,
    SELECT_POLICY_NAMES,
    STATUS_NAMES,
    UNIT_NAMES,
    Pair,
    in_language,
    key_of,
    name_of,
)
from ..core.pairs import PairsError, parse_pairs
from ..core.rules.pack import (
    DEFAULT_PACK,
    RulePackError,
    builtin_pack_ids,
    builtin_pack_titles,
)
from ..core.suitability import FACTOR_LABELS, USE_LABELS, use_label
from ..i18n import Translatable, qgis_locale, ui_language
from ..paths import resource
from ..provider.areas import ellipsoidal_areas
from .rule_pack_model import (
    LIMIT_COUNT,
    STAGE_YEARS,
    ChangeReport,
    DegreeRow,
    NotANumberError,
    PackDocument,
    ScheduleRow,
    SuitabilityRow,
    WorksRow,
    compare_packs,
    error_targets,
    missing_factors,
    numbers,
)

SETTINGS_FOLDER = "ReclamationPlanner/rule_pack_editor/folder"
UNVERIFIED_COLOUR = QColor(255, 236, 179)  # amber: a plugin default, not a standard's value
ERROR_COLOUR = QColor(255, 171, 171)
ERROR_STYLE = "background-color: #ffabab;"
EDIT_ROLE = Qt.ItemDataRole.EditRole
DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole


# --- table models ----------------------------------------------------------------------------


class RuleTableModel(Translatable, QAbstractTableModel):
    """Rows of a pack document; the limit columns are editable unless the pack is read-only."""

    edited = pyqtSignal()
    FIRST_LIMIT_COLUMN = 0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PackDocument | None = None
        self.rows: list[Any] = []

    # -- to be given by each table

    def headers(self) -> list[str]:
        raise NotImplementedError

    def load_rows(self) -> list[Any]:
        raise NotImplementedError

    def cell_text(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def editable_limits(self, row: Any) -> int:
        return LIMIT_COUNT

    def write_limit(self, row: Any, index: int, text: str) -> None:
        raise NotImplementedError

    # -- shared behaviour

    def set_document(self, document: PackDocument | None) -> None:
        self.beginResetModel()
        self.document = document
        self.rows = self.load_rows() if document is not None else []
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the rows after an edit (highlights may move to other rows)."""
        if self.document is None:
            return
        self.rows = self.load_rows()
        last = self.index(self.rowCount() - 1, self.columnCount() - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> Any:
        if role == DISPLAY_ROLE and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return super().headerData(section, orientation, role)

    def limit_index(self, column: int) -> int | None:
        index = column - self.FIRST_LIMIT_COLUMN
        return index if 0 <= index < LIMIT_COUNT else None

    def is_editable(self, index: QModelIndex) -> bool:
        limit = self.limit_index(index.column())
        if self.document is None or self.document.read_only or limit is None:
            return False
        return limit < self.editable_limits(self.rows[index.row()])

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == DISPLAY_ROLE:
            return self.display_text(row, index.column())
        if role == EDIT_ROLE:
            return self.cell_text(row, index.column()).lstrip("≤≥ ")
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, index.column())
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = EDIT_ROLE) -> bool:  # noqa: N802
        if role != EDIT_ROLE or not index.isValid() or not self.is_editable(index):
            return False
        limit = self.limit_index(index.column())
        self.write_limit(self.rows[index.row()], limit or 0, str(value))
        self.refresh()
        self.edited.emit()
        return True

    def has_error(self, row: Any, column: int) -> bool:
        error = self.document.error if self.document is not None else None
        if error is None:
            return False
        row_path, limit = error_targets(error.path)
        # An error inside the row but not on a limit (a note, a source) marks all its limits.
        if row_path != row.path and not error.path.startswith(row.path + "."):
            return False
        column_limit = self.limit_index(column)
        return column_limit is not None and limit in (None, column_limit)

    def background(self, row: Any, column: int) -> QBrush | None:
        if self.has_error(row, column):
            return QBrush(ERROR_COLOUR)
        if row.status == "unverified" and column == self.status_column():
            return QBrush(UNVERIFIED_COLOUR)
        return None

    def status_column(self) -> int:
        return len(self.headers()) - 2

    def tooltip(self, row: Any, column: int) -> str | None:
        if self.has_error(row, column) and self.document and self.document.error:
            return self.tr("{problem}. Fix: {fix}").format(
                problem=self.document.error.problem, fix=self.document.error.fix
            )
        if self.limit_index(column) is not None and self.cell_text(row, column):
            unit = name_of(UNIT_NAMES, row.unit, ui_language()) if row.unit else ""
            separator = "" if unit.startswith("°") else " "
            return f"{self.display_text(row, column)}{separator}{unit}".strip()
        shown, key = self.display_text(row, column), self.cell_text(row, column)
        if shown != key:  # a name: the key is what the JSON and the CSV hold
            return self.tr("{name} (in the pack and its CSV: {key})").format(name=shown, key=key)
        return shown or None

    def display_text(self, row: Any, column: int) -> str:
        """What the table shows: the cell, with keys given their names."""
        names = self.column_names().get(column)
        text = self.cell_text(row, column)
        return name_of(names, text, ui_language()) if names and text else text

    def column_names(self) -> dict[int, Mapping[str, Pair]]:
        """Column -> the names of the keys it holds (keys shown by name)."""
        return {}


class SuitabilityTableModel(RuleTableModel):
    """Uses × factors: unit, kind, the three limits, categories, missing policy, source."""

    FIRST_LIMIT_COLUMN = 4

    def headers(self) -> list[str]:
        return [
            self.tr("Use"),
            self.tr("Factor"),
            self.tr("Unit"),
            self.tr("Kind"),
            self.tr("Limit 1"),
            self.tr("Limit 2"),
            self.tr("Limit 3"),
            self.tr("Categories"),
            self.tr("Missing values"),
            self.tr("Source"),
            self.tr("Status"),
            self.tr("Note"),
        ]

    def load_rows(self) -> list[SuitabilityRow]:
        return self.document.suitability_rows() if self.document else []

    def cell_text(self, row: SuitabilityRow, column: int) -> str:
        cells = (
            row.use,
            row.factor,
            row.unit,
            row.kind,
            *row.limits,
            row.categories,
            row.missing,
            row.source,
            row.status,
            row.note,
        )
        return cells[column]

    def column_names(self) -> dict[int, Mapping[str, Pair]]:
        return {
            0: USE_LABELS,
            1: FACTOR_LABELS,
            2: UNIT_NAMES,
            3: KIND_NAMES,
            8: MISSING_POLICY_NAMES,
            10: STATUS_NAMES,
        }

    def editable_limits(self, row: SuitabilityRow) -> int:
        return row.editable_limits

    def write_limit(self, row: SuitabilityRow, index: int, text: str) -> None:
        self.document.set_limit_text(row.use, row.factor, index, text)


class DegreeTableModel(RuleTableModel):
    """Damage-degree rows: type, indicator, previous land use and the degree maxima."""

    FIRST_LIMIT_COLUMN = 4

    def headers(self) -> list[str]:
        return [
            self.tr("Damage type"),
            self.tr("Indicator"),
            self.tr("Unit"),
            self.tr("Land use"),
            self.tr("None (max)"),
            self.tr("Light (max)"),
            self.tr("Moderate (max)"),
            self.tr("Source"),
            self.tr("Status"),
            self.tr("Note"),
        ]

    def load_rows(self) -> list[DegreeRow]:
        return self.document.degree_rows() if self.document else []

    def cell_text(self, row: DegreeRow, column: int) -> str:
        cells = (
            row.damage_type,
            row.indicator,
            row.unit,
            row.land_use,
            *row.limits,
            row.source,
            row.status,
            row.note,
        )
        return cells[column]

    def write_limit(self, row: DegreeRow, index: int, text: str) -> None:
        self.document.set_degree_limit_text(row.damage_type, row.position, index, text)

    def column_names(self) -> dict[int, Mapping[str, Pair]]:
        return {
            0: DAMAGE_TYPE_NAMES,
            1: INDICATOR_NAMES,
            2: UNIT_NAMES,
            3: LAND_USE_GROUP_NAMES,
            8: STATUS_NAMES,
        }


class WorksTableModel(RuleTableModel):
    """Engineering measures × proposed uses (and the stripping depth): the value editable."""

    FIRST_LIMIT_COLUMN = 4

    def headers(self) -> list[str]:
        return [
            self.tr("Measure"),
            self.tr("Use"),
            self.tr("Unit"),
            self.tr("Rule"),
            self.tr("Value"),
            self.tr("Source"),
            self.tr("Status"),
            self.tr("Note"),
        ]

    def load_rows(self) -> list[WorksRow]:
        return self.document.works_rows() if self.document else []

    def limit_index(self, column: int) -> int | None:
        return 0 if column == self.FIRST_LIMIT_COLUMN else None

    def cell_text(self, row: WorksRow, column: int) -> str:
        cells = (
            row.item,
            row.use,
            row.unit,
            row.rule,
            row.limits[0],
            row.source,
            row.status,
            row.note,
        )
        return cells[column]

    def column_names(self) -> dict[int, Mapping[str, Pair]]:
        return {1: USE_LABELS, 2: UNIT_NAMES, 3: QUANTITY_RULE_NAMES, 6: STATUS_NAMES}

    def display_text(self, row: WorksRow, column: int) -> str:
        if column == 0:  # the pack's own name of the measure, in the UI's language
            return in_language(row.names, ui_language()) or row.item
        return super().display_text(row, column)

    def editable_limits(self, row: WorksRow) -> int:
        return 1

    def write_limit(self, row: WorksRow, index: int, text: str) -> None:
        self.document.set_works_value_text(row.item, row.use, text)


class ScheduleTableModel(RuleTableModel):
    """The work plan's rules: the stage length and, per damage type, when its land may be
    reclaimed (start, closure or stable); the value editable."""

    FIRST_LIMIT_COLUMN = 1

    def headers(self) -> list[str]:
        return [
            self.tr("Rule"),
            self.tr("Value (years, or when the land may be reclaimed)"),
            self.tr("Source"),
            self.tr("Status"),
            self.tr("Note"),
        ]

    def load_rows(self) -> list[ScheduleRow]:
        return self.document.schedule_rows() if self.document else []

    def limit_index(self, column: int) -> int | None:
        return 0 if column == self.FIRST_LIMIT_COLUMN else None

    def cell_text(self, row: ScheduleRow, column: int) -> str:
        label = (
            self.tr("Stage length")
            if row.key == STAGE_YEARS
            else self.tr("Reclaimed from: {0}").format(_damage_name(row.key))
        )
        return (label, row.value, row.source, row.status, row.note)[column]

    def column_names(self) -> dict[int, Mapping[str, Pair]]:
        return {1: RELEASE_EVENT_NAMES, 3: STATUS_NAMES}

    def editable_limits(self, row: ScheduleRow) -> int:
        return 1

    def write_limit(self, row: ScheduleRow, index: int, text: str) -> None:
        # A release may be typed as its key or its name in either language.
        self.document.set_schedule_text(row.key, key_of(RELEASE_EVENT_NAMES, text))


def _damage_name(damage: str) -> str:
    """挖损 / Excavation, in QGIS's language."""
    return name_of(DAMAGE_TYPE_NAMES, damage, ui_language())


# --- reading a layer for the change report --------------------------------------------------


class LayerReadError(ValueError):
    """The layer cannot give the factors the packs need; the message says why."""


def read_units(layer: QgsVectorLayer, field_map: str) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Factor arrays (one pass over the features) and ellipsoidal areas in m²."""
    names = layer.fields().names()
    try:
        fields = resolve_fields(names, parse_pairs(field_map))
    except (PairsError, FieldMapError) as error:
        raise LayerReadError(str(error)) from None
    request = QgsFeatureRequest().setSubsetOfAttributes(list(fields.values()), layer.fields())
    raw: dict[str, list] = {factor: [] for factor in fields}
    geometries = []
    for feature in layer.getFeatures(request):
        geometries.append(feature.geometry())
        for factor, field_name in fields.items():
            raw[factor].append(feature[field_name])
    try:
        factors = {factor: numbers(values, fields[factor]) for factor, values in raw.items()}
    except NotANumberError as error:
        raise LayerReadError(str(error)) from None
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return factors, ellipsoidal_areas(geometries, layer.crs(), context)


# --- the dialog ----------------------------------------------------------------------------


class RulePackEditorDialog(Translatable, QDialog):
    """View, copy, edit, import/export and compare rule packs."""

    def __init__(self, parent: QWidget | None = None, rules_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.rules_dir = rules_dir or resource("rules")
        self.document: PackDocument | None = None
        self.last_report: ChangeReport | None = None
        self.setWindowTitle(self.tr("Rule packs"))
        self.resize(1100, 700)
        self._build()
        ids = builtin_pack_ids(self.rules_dir)
        if ids:
            self.open_builtin(DEFAULT_PACK if DEFAULT_PACK in ids else ids[0])

    # -- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.message_bar = QgsMessageBar(self)
        layout.addWidget(self.message_bar)
        layout.addLayout(self._build_pack_row())
        layout.addLayout(self._build_header())
        self.tabs = QTabWidget(self)
        self.suitability_model = SuitabilityTableModel(self)
        self.degree_model = DegreeTableModel(self)
        self.suitability_view = self._table_view(self.suitability_model)
        self.degree_view = self._table_view(self.degree_model)
        self.works_model = WorksTableModel(self)
        self.works_view = self._table_view(self.works_model)
        self.schedule_model = ScheduleTableModel(self)
        self.schedule_view = self._table_view(self.schedule_model)
        self.tabs.addTab(self.suitability_view, self.tr("Suitability rules"))
        self.tabs.addTab(self.degree_view, self.tr("Damage degree"))
        self.tabs.addTab(self.works_view, self.tr("Engineering measures"))
        self.tabs.addTab(self.schedule_view, self.tr("Work plan"))
        self.tabs.addTab(self._build_proposal_tab(), self.tr("Proposal"))
        self.tabs.addTab(self._build_change_tab(), self.tr("What would change"))
        layout.addWidget(self.tabs, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status_label)
        layout.addLayout(self._build_buttons())
        for model in self.rule_models():
            model.edited.connect(self._after_edit)

    def rule_models(self) -> tuple[RuleTableModel, ...]:
        return (self.suitability_model, self.degree_model, self.works_model, self.schedule_model)

    def _build_pack_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Built-in pack:"), self))
        self.pack_combo = QComboBox(self)
        for pack_id, title in builtin_pack_titles(self.rules_dir).items():
            self.pack_combo.addItem(in_language(title, ui_language()) or pack_id, pack_id)
        self.pack_combo.activated.connect(self._on_builtin_chosen)
        row.addWidget(self.pack_combo, 1)
        self.open_button = self._button(self.tr("Open file…"), self._on_open_file, row)
        self.copy_button = self._button(self.tr("Copy"), self.copy_pack, row)
        self.copy_button.setToolTip(self.tr("Make an editable copy of this pack"))
        return row

    def _build_header(self) -> QFormLayout:
        form = QFormLayout()
        self.title_zh_label = QLabel(self)
        self.title_en_label = QLabel(self)
        self.id_edit = QLineEdit(self)
        self.version_edit = QLineEdit(self)
        self.method_label = QLabel(self)
        self.region_label = QLabel(self)
        self.origin_label = QLabel(self)
        self.origin_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.id_edit.textEdited.connect(lambda text: self._edit(lambda d: d.set_header("id", text)))
        self.version_edit.textEdited.connect(
            lambda text: self._edit(lambda d: d.set_header("version", text))
        )
        form.addRow(self.tr("Title (zh):"), self.title_zh_label)
        form.addRow(self.tr("Title (en):"), self.title_en_label)
        form.addRow(self.tr("Id:"), self.id_edit)
        form.addRow(self.tr("Version:"), self.version_edit)
        form.addRow(self.tr("Method:"), self.method_label)
        form.addRow(self.tr("Region:"), self.region_label)
        form.addRow(self.tr("File:"), self.origin_label)
        return form

    def _table_view(self, model: RuleTableModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setVisible(False)
        return view

    def _build_proposal_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Use priority (drag, or select and use Up/Down):")))
        row = QHBoxLayout()
        self.priority_list = QListWidget(page)
        self.priority_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # A drop moves the row (rowsMoved) or inserts a copy and removes the original.
        self.priority_list.model().rowsMoved.connect(self._on_priority_moved)
        self.priority_list.model().rowsRemoved.connect(self._on_priority_moved)
        self._filling_priority = False
        row.addWidget(self.priority_list, 1)
        buttons = QVBoxLayout()
        self.up_button = self._button(self.tr("Up"), lambda: self.move_priority(-1), buttons)
        self.down_button = self._button(self.tr("Down"), lambda: self.move_priority(1), buttons)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)
        form = QFormLayout()
        self.slope_cap_spin = QDoubleSpinBox(page)
        self.slope_cap_spin.setRange(0.0, 90.0)
        self.slope_cap_spin.setDecimals(1)
        self.slope_cap_spin.setSuffix(" °")
        self.slope_cap_spin.valueChanged.connect(self._on_slope_cap_changed)
        self.slope_cap_source = QLabel(page)
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.slope_cap_spin)
        cap_row.addWidget(self.slope_cap_source, 1)
        form.addRow(self.tr("Cultivation slope cap:"), cap_row)
        self.select_label = QLabel(page)
        form.addRow(self.tr("Selection:"), self.select_label)
        layout.addLayout(form)
        return page

    def _build_change_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("Proposed use under the pack as opened and as edited, on a layer:"))
        )
        form = QFormLayout()
        self.layer_combo = QgsMapLayerComboBox(page)
        self.layer_combo.setFilters(layer_filter("PolygonLayer"))
        self.field_map_edit = QLineEdit(page)
        self.field_map_edit.setPlaceholderText("坡度=slope_deg;土层=soil_thickness_cm")
        form.addRow(self.tr("Units layer:"), self.layer_combo)
        form.addRow(self.tr("Field map (field=factor;…):"), self.field_map_edit)
        layout.addLayout(form)
        self.compare_button = self._button(self.tr("Compare"), self._on_compare, layout)
        self.change_label = QLabel(page)
        self.change_label.setWordWrap(True)
        layout.addWidget(self.change_label)
        self.change_table = QTableWidget(0, 4, page)
        self.change_table.setHorizontalHeaderLabels(
            [self.tr("From"), self.tr("To"), self.tr("Units"), self.tr("Hectares")]
        )
        self.change_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.change_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.change_table, 1)
        return page

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.import_button = self._button(self.tr("Import CSV…"), self._on_import_csv, row)
        self.export_button = self._button(self.tr("Export CSV…"), self._on_export_csv, row)
        row.addStretch(1)
        self.save_button = self._button(self.tr("Save"), self.save, row)
        self.save_as_button = self._button(self.tr("Save as…"), self._on_save_as, row)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        box.rejected.connect(self.reject)
        row.addWidget(box)
        return row

    def _button(self, text: str, slot: Callable[[], Any], layout: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(button)
        return button

    # -- opening and copying

    def open_builtin(self, pack_id: str) -> bool:
        """Show a built-in pack (read-only)."""
        return self._open(lambda: PackDocument.builtin(pack_id, self.rules_dir))

    def open_file(self, path: str | Path) -> bool:
        """Open a pack file for editing; a file the loader refuses is reported, not opened."""
        # A built-in pack stays read-only however it is reached.
        builtin = Path(path).resolve().parent == Path(self.rules_dir).resolve()
        return self._open(lambda: PackDocument.from_file(path, read_only=builtin))

    def _open(self, load: Callable[[], PackDocument]) -> bool:
        try:
            document = load()
        except RulePackError as error:
            self._report(self.tr("The rule pack could not be opened"), str(error))
            return False
        self.set_document(document)
        return True

    def copy_pack(self) -> None:
        """Replace the shown pack by an editable copy (id "<id>-copy")."""
        if self.document is not None:
            self.set_document(self.document.editable_copy())

    def set_document(self, document: PackDocument) -> None:
        self.document = document
        self.suitability_model.set_document(document)
        self.degree_model.set_document(document)
        self.works_model.set_document(document)
        self.schedule_model.set_document(document)
        self._show_header()
        self._show_proposal()
        self._select_combo(document)
        self._update_state()

    def _select_combo(self, document: PackDocument) -> None:
        position = self.pack_combo.findData(document.pack_id) if document.read_only else -1
        self.pack_combo.setCurrentIndex(position)

    def _show_header(self) -> None:
        document = self.document
        title = document.document.get("title", {})
        self.title_zh_label.setText(str(title.get("zh", "")))
        self.title_en_label.setText(str(title.get("en", "")))
        self.id_edit.setText(document.pack_id)
        self.version_edit.setText(str(document.document.get("version", "")))
        method = str(document.document.get("method", ""))
        self.method_label.setText(name_of(METHOD_NAMES, method, ui_language()))
        self.region_label.setText(str(document.document.get("region", "")))
        if document.read_only:
            origin = self.tr("{path} (built-in, read-only: Copy to edit)").format(
                path=document.origin
            )
        elif document.saved_path is None:
            origin = self.tr("not saved yet (Save as…)")
        else:
            origin = str(document.saved_path)
        self.origin_label.setText(origin)

    def _show_proposal(self) -> None:
        proposal = self.document.document.get("proposal", {})
        language = qgis_locale()
        self._filling_priority = True
        self.priority_list.clear()
        for use in proposal.get("priority", []):
            item = QListWidgetItem(use_label(use, language))
            item.setData(Qt.ItemDataRole.UserRole, use)
            self.priority_list.addItem(item)
        self._filling_priority = False
        select = str(proposal.get("select", "best_grade_then_priority"))
        self.select_label.setText(name_of(SELECT_POLICY_NAMES, select, ui_language()))
        cap = proposal.get("cultivation_slope_cap_deg", {})
        self.slope_cap_spin.blockSignals(True)
        self.slope_cap_spin.setValue(float(cap.get("value", 25)))
        self.slope_cap_spin.blockSignals(False)
        self.slope_cap_source.setText(
            self.tr("source {source}, {status}").format(
                source=cap.get("source", ""),
                status=name_of(STATUS_NAMES, str(cap.get("status", "")), ui_language()),
            )
        )

    # -- editing

    def _edit(self, change: Callable[[PackDocument], Any]) -> None:
        if self.document is None or self.document.read_only:
            return
        change(self.document)
        self._after_edit()

    def _after_edit(self) -> None:
        self.suitability_model.refresh()
        self.degree_model.refresh()
        self.works_model.refresh()
        self.schedule_model.refresh()
        self._update_state()

    def priority(self) -> list[str]:
        return [
            self.priority_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.priority_list.count())
        ]

    def move_priority(self, step: int) -> None:
        """Move the selected use up (-1) or down (+1) the priority list."""
        row = self.priority_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.priority_list.count():
            return
        self._filling_priority = True
        item = self.priority_list.takeItem(row)
        self.priority_list.insertItem(target, item)
        self._filling_priority = False
        self.priority_list.setCurrentRow(target)
        self._on_priority_moved()

    def _on_priority_moved(self, *_args: Any) -> None:
        if self._filling_priority:
            return
        order = self.priority()
        self._edit(lambda d: d.set_priority(order))

    def _on_slope_cap_changed(self, value: float) -> None:
        self._edit(lambda d: d.set_slope_cap(value))

    def _update_state(self) -> None:
        document = self.document
        editable = document is not None and not document.read_only
        valid = document is not None and document.valid
        for widget in (self.id_edit, self.version_edit):
            widget.setReadOnly(not editable)
        for widget in (self.priority_list, self.up_button, self.down_button, self.slope_cap_spin):
            widget.setEnabled(editable)
        self.copy_button.setEnabled(document is not None and valid)
        self.import_button.setEnabled(editable)
        self.export_button.setEnabled(valid)
        self.save_as_button.setEnabled(valid)
        self.save_button.setEnabled(bool(document and document.can_save and document.dirty))
        self.compare_button.setEnabled(valid)
        self._show_validation()

    def _show_validation(self) -> None:
        error = self.document.error if self.document else None
        proposal_error = error.path if error and error.path.startswith("proposal.") else ""
        self.priority_list.setStyleSheet(
            ERROR_STYLE if proposal_error.startswith("proposal.priority") else ""
        )
        self.slope_cap_spin.setStyleSheet(
            ERROR_STYLE if proposal_error.startswith("proposal.cultivation_slope_cap") else ""
        )
        header_error = error.path if error and error.path in ("id", "version") else ""
        self.id_edit.setStyleSheet(ERROR_STYLE if header_error == "id" else "")
        self.version_edit.setStyleSheet(ERROR_STYLE if header_error == "version" else "")
        if error is not None:
            self.status_label.setStyleSheet("color: #b00020;")
            self.status_label.setText(
                self.tr("Invalid: {path}: {problem}. Fix: {fix}. Saving is disabled.").format(
                    path=error.path, problem=error.problem, fix=error.fix
                )
            )
        elif self.document is not None and self.document.read_only:
            self.status_label.setStyleSheet("")
            self.status_label.setText(
                self.tr("Built-in packs are read-only. Copy the pack to edit it.")
            )
        else:
            self.status_label.setStyleSheet("")
            self.status_label.setText(self.tr("The pack is valid."))

    # -- files

    def save(self) -> bool:
        """Save in place (a pack opened from or already saved to a file)."""
        if self.document is None or self.document.saved_path is None:
            return self._on_save_as()
        return self.save_as(self.document.saved_path)

    def save_as(self, path: str | Path) -> bool:
        """Write the pack as UTF-8 JSON to ``path``."""
        if self.document is None or not self.document.valid:
            return False
        if self.document.read_only:  # a built-in is saved as a copy with an id of its own
            self.copy_pack()
        try:
            self.document.save(path)
        except OSError as error:
            self._report(self.tr("The rule pack could not be saved"), str(error))
            return False
        self._remember_folder(Path(path))
        self._show_header()
        self._update_state()
        self.message_bar.pushMessage(self.tr("Saved"), str(path), Qgis.MessageLevel.Success, 5)
        return True

    def export_csv(self, path: str | Path) -> bool:
        """Write the rule tables as CSV (UTF-8 with a BOM)."""
        if self.document is None:
            return False
        try:
            self.document.export_csv(path)
        except OSError as error:
            self._report(self.tr("The CSV file could not be written"), str(error))
            return False
        self._remember_folder(Path(path))
        self.message_bar.pushMessage(self.tr("Exported"), str(path), Qgis.MessageLevel.Success, 5)
        return True

    def import_csv(self, path: str | Path) -> bool:
        """Replace the rule tables by a CSV's; an invalid CSV is reported and changes nothing."""
        if self.document is None or self.document.read_only:
            return False
        try:
            self.document.import_csv(path)
        except RulePackError as error:
            self._report(self.tr("The CSV file was not imported"), str(error))
            return False
        self._remember_folder(Path(path))
        self.set_document(self.document)
        return True

    def _report(self, title: str, text: str) -> None:
        self.message_bar.pushMessage(title, text, Qgis.MessageLevel.Critical, 0)

    def _folder(self) -> str:
        return str(QgsSettings().value(SETTINGS_FOLDER, str(Path.home()), type=str))

    def _remember_folder(self, path: Path) -> None:
        QgsSettings().setValue(SETTINGS_FOLDER, str(path.parent))

    def _ask_path(self, save: bool, caption: str, name: str, filters: str) -> str:
        start = str(Path(self._folder()) / name)
        ask = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = ask(self, caption, start, filters)
        return path

    def _on_open_file(self) -> None:
        if not self._confirm_discard():
            return
        path = self._ask_path(
            False, self.tr("Open a rule pack"), "", self.tr("Rule packs (*.json)")
        )
        if path:
            self.open_file(path)

    def _on_builtin_chosen(self, position: int) -> None:
        if self._confirm_discard():
            self.open_builtin(self.pack_combo.itemData(position))
        elif self.document is not None:
            self._select_combo(self.document)

    def _on_save_as(self) -> bool:
        name = f"{self.document.pack_id}.json" if self.document else ""
        filters = self.tr("Rule packs (*.json)")
        path = self._ask_path(True, self.tr("Save the rule pack as"), name, filters)
        return self.save_as(path) if path else False

    def _on_export_csv(self) -> None:
        name = f"{self.document.pack_id}.csv" if self.document else ""
        filters = self.tr("CSV tables (*.csv)")
        path = self._ask_path(True, self.tr("Export the rule tables"), name, filters)
        if path:
            self.export_csv(path)

    def _on_import_csv(self) -> None:
        filters = self.tr("CSV tables (*.csv)")
        path = self._ask_path(False, self.tr("Import rule tables"), "", filters)
        if path:
            self.import_csv(path)

    def _confirm_discard(self) -> bool:
        if self.document is None or not self.document.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Rule packs"),
            self.tr("Discard the unsaved changes to {id}?").format(id=self.document.pack_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self._confirm_discard():
            super().reject()

    # -- what would change

    def _on_compare(self) -> None:
        self.compare(self.layer_combo.currentLayer(), self.field_map_edit.text())

    def compare(self, layer: QgsVectorLayer | None, field_map: str = "") -> ChangeReport | None:
        """Evaluate the pack as opened and as edited on ``layer``; show what changes."""
        self.last_report = None
        self.change_table.setRowCount(0)
        if self.document is None or self.document.pack is None:
            return self._compare_failed(self.tr("Fix the pack first: it is not valid."))
        if layer is None:
            return self._compare_failed(self.tr("Choose a polygon layer."))
        try:
            factors, areas = read_units(layer, field_map)
        except LayerReadError as error:
            return self._compare_failed(str(error))
        packs = (self.document.original, self.document.pack)
        lacking = missing_factors(packs, factors)
        if lacking or (not factors and len(areas)):
            return self._compare_failed(
                self.tr(
                    "The layer lacks the factors {factors}. Map fields to them with the field "
                    "map (field=factor). Fields available: {fields}"
                ).format(factors=", ".join(lacking), fields=", ".join(layer.fields().names()))
            )
        report = compare_packs(*packs, factors, areas)
        self._show_report(report)
        self.last_report = report
        return report

    def _compare_failed(self, message: str) -> None:
        self.change_label.setStyleSheet("color: #b00020;")
        self.change_label.setText(message)

    def _show_report(self, report: ChangeReport) -> None:
        self.change_label.setStyleSheet("")
        self.change_label.setText(
            self.tr(
                "{changed} of {total} units ({hectares} of {total_hectares} hm²) change "
                "proposed use."
            ).format(
                changed=report.units_changed,
                total=report.units_total,
                hectares=f"{report.hectares_changed:.4f}",
                total_hectares=f"{report.hectares_total:.4f}",
            )
        )
        language = qgis_locale()
        self.change_table.setRowCount(len(report.transitions))
        for row, transition in enumerate(report.transitions):
            cells = (
                use_label(transition.from_use, language),
                use_label(transition.to_use, language),
                str(transition.units),
                f"{transition.hectares:.4f}",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.change_table.setItem(row, column, item)
