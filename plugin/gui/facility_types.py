"""Mapped facilities and their damage types, as the disturbance dialog and the plan wizard
ask for them.

``reclamation:classifydisturbance`` needs a damage type for every value of the facilities'
type field (FACILITY_TYPE_FIELD); FACILITY_TYPE_MAP carries only the values whose type
differs from the default vocabulary (``core.facilities``). Here: that vocabulary as the
forms use it, the table where each value gets its type (``FacilityTypeTable``), and the
wiring of the layer, field and table both forms share (``FacilityTypeInputs``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qgis.core import QgsMapLayer, QgsVectorLayer
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import QComboBox, QLabel, QTableWidget, QTableWidgetItem, QWidget

from ..compat import is_null
from ..core.facilities import facility_table, map_facilities
from ..i18n import Translatable
from .result_rows import VALUE_ROLE, prepare_table

UNMAPPED = ""  # data of the "choose a type" entry of a facility-type combo
FACILITY_TYPES = ("excavation", "occupation", "subsidence", "pollution", "none")
MAX_FACILITY_VALUES = 1000  # distinct type values listed in the mapping table
UNMAPPED_COLOUR = "#ffd2d2"
# Names of a type field, the most telling first.
FACILITY_FIELD_NAMES = ("type", "类型", "设施类型", "地物类型", "用途", "名称", "name", "kind")
SAMPLED_VALUES = 50  # values of a field read to tell whether it holds facility types
# Characters that FACILITY_TYPE_MAP ("value=type;…") cannot carry inside a value.
MAP_SEPARATORS = (";", "=", "；", "＝", "\n")
LANDUSE_CODE_NAMES = ("dlbm", "地类编码")
VALUE_COLUMN, TYPE_COLUMN = 0, 1


# --- pure helpers ---------------------------------------------------------------------


def value_text(value: Any) -> str:
    """How a type value appears in the table and in FACILITY_TYPE_MAP."""
    return "NULL" if is_null(value) else str(value)


def suggested_types(values: list[str]) -> dict[str, str]:
    """Value -> damage type from the default vocabulary ("" where it does not know it)."""
    kinds, _ = map_facilities(values, facility_table())
    return dict(zip(values, kinds, strict=True))


def facility_type_map(choices: dict[str, str]) -> str:
    """FACILITY_TYPE_MAP: the values whose chosen type differs from the default table."""
    defaults = suggested_types(list(choices))
    return ";".join(
        f"{value}={kind}"
        for value, kind in choices.items()
        if kind != UNMAPPED and kind != defaults[value]
    )


def unwritable_values(choices: dict[str, str]) -> list[str]:
    """Values that need a FACILITY_TYPE_MAP entry but hold one of its separators."""
    defaults = suggested_types(list(choices))
    return [
        value
        for value, kind in choices.items()
        if kind != defaults[value] and any(mark in value for mark in MAP_SEPARATORS)
    ]


def suggest_code_field(names: list[str]) -> str:
    """The land-use field holding GB/T 21010 codes by its name (DLBM, 地类编码), or ""."""
    return next((name for name in names if name.lower() in LANDUSE_CODE_NAMES), "")


def suggest_type_field(layer: QgsVectorLayer) -> str:
    """The facilities' type field by its name, else the first text field with values the
    vocabulary knows, else ""."""
    by_lower_name = {name.lower(): name for name in layer.fields().names()}
    by_name = [by_lower_name[name] for name in FACILITY_FIELD_NAMES if name in by_lower_name]
    if by_name:
        return by_name[0]
    for index, field in enumerate(layer.fields()):
        if field.isNumeric():
            continue
        values = [value_text(v) for v in layer.uniqueValues(index, SAMPLED_VALUES)]
        if any(suggested_types(values).values()):
            return field.name()
    return ""


def facility_values(layer: QgsMapLayer | None, field_name: str) -> list[str]:
    """The distinct values of the type field as the table lists them (at most
    MAX_FACILITY_VALUES), sorted."""
    if not isinstance(layer, QgsVectorLayer) or not field_name:
        return []
    index = layer.fields().indexOf(field_name)
    if index < 0:
        return []
    return sorted({value_text(v) for v in layer.uniqueValues(index, MAX_FACILITY_VALUES)})


def offer_field(
    combo: QgsFieldComboBox,
    layer: QgsMapLayer | None,
    suggest: Callable[[QgsVectorLayer], str],
) -> None:
    """Pick the field ``suggest`` finds in ``layer``, unless one is already picked: a
    choice of the user's (or a remembered one) wins over a guess."""
    if not isinstance(layer, QgsVectorLayer) or combo.currentField():
        return
    name = suggest(layer)
    if name:
        combo.setField(name)


def show_code_field(combo: QgsFieldComboBox, layer: QgsMapLayer | None) -> None:
    """Point the land-use code picker at ``layer`` and pick its GB/T 21010 code field."""
    combo.setLayer(layer)
    offer_field(combo, layer, lambda vector: suggest_code_field(vector.fields().names()))


# --- widgets --------------------------------------------------------------------------


class FacilityTypeTable(Translatable, QTableWidget):
    """Values of the facility type field, each with a damage type to choose.

    Unknown values are highlighted until a type is chosen; ``choicesChanged`` follows every
    choice. The choices made for a layer and field are kept while another is shown, so that
    switching back restores them (``remembered``: "layer/field" -> value -> type).
    """

    choicesChanged = pyqtSignal()  # noqa: N815 (Qt signal)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        prepare_table(self, [self.tr("Value"), self.tr("Damage type")])
        self.remembered: dict[str, dict[str, str]] = {}
        self.key: str | None = None  # the "layer/field" whose values are shown
        self.truncated = False  # whether more values exist than are listed

    # --- texts ------------------------------------------------------------------------

    def type_labels(self) -> dict[str, str]:
        """Damage type -> its label (the results tables show the same words)."""
        return {
            "excavation": self.tr("Excavation (挖损)"),
            "occupation": self.tr("Occupation (压占)"),
            "subsidence": self.tr("Subsidence (塌陷)"),
            "pollution": self.tr("Pollution (污染)"),
            "none": self.tr("No damage"),
        }

    def hint(self) -> str:
        """What the table asks of the user, for a label above it."""
        return self.tr(
            "Each value of the type field needs a damage type. Suggestions come from "
            "common Chinese and English names (露天采场, 排土场, waste dump, …); values "
            "highlighted in red are unknown: choose their type."
        )

    def note(self) -> str:
        """A line for below the table when not every value is listed, else ""."""
        if not self.truncated:
            return ""
        return self.tr("Only the first {count} values are listed.").format(
            count=MAX_FACILITY_VALUES
        )

    # --- rows -------------------------------------------------------------------------

    def show_field(self, layer: QgsMapLayer | None, field_name: str) -> None:
        """List the values of ``layer``'s ``field_name`` with their remembered types."""
        self.remember()
        self.key = f"{layer.name()}/{field_name}" if layer is not None and field_name else None
        values = facility_values(layer, field_name)
        self.truncated = len(values) >= MAX_FACILITY_VALUES
        self.show_values(values, self.remembered.get(self.key or "", {}))

    def show_values(self, values: list[str], remembered: dict[str, str]) -> None:
        """One row per value: the remembered type, else the suggested one."""
        suggestions = suggested_types(values)
        self.setRowCount(0)
        for row, value in enumerate(values):
            chosen = remembered.get(value, suggestions[value])
            if chosen not in FACILITY_TYPES:  # a hand-edited setting
                chosen = suggestions[value]
            self.insertRow(row)
            item = QTableWidgetItem(value)
            item.setData(VALUE_ROLE, value)
            self.setItem(row, VALUE_COLUMN, item)
            self.setCellWidget(row, TYPE_COLUMN, self._type_combo(item, chosen))
            self._mark(item, chosen)
        self.choicesChanged.emit()

    def _type_combo(self, item: QTableWidgetItem, chosen: str) -> QComboBox:
        combo = QComboBox(self)
        if chosen == UNMAPPED:
            combo.addItem(self.tr("— choose a damage type —"), UNMAPPED)
        labels = self.type_labels()
        for kind in FACILITY_TYPES:
            combo.addItem(f"{kind} · {labels[kind]}", kind)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.currentIndexChanged.connect(
            lambda _index, item=item, combo=combo: self._chosen(item, combo.currentData())
        )
        return combo

    def _chosen(self, item: QTableWidgetItem, kind: str) -> None:
        self._mark(item, kind)
        self.choicesChanged.emit()

    def _mark(self, item: QTableWidgetItem, kind: str) -> None:
        """Highlight a value that has no damage type yet."""
        if kind == UNMAPPED:
            item.setBackground(QBrush(QColor(UNMAPPED_COLOUR)))
            item.setToolTip(self.tr("Unknown value: choose its damage type."))
        else:
            item.setBackground(QBrush())
            item.setToolTip("")

    def _row_of(self, value: str) -> int:
        for row in range(self.rowCount()):
            if self.item(row, VALUE_COLUMN).data(VALUE_ROLE) == value:
                return row
        raise KeyError(value)

    # --- choices ----------------------------------------------------------------------

    def choices(self) -> dict[str, str]:
        """Value -> chosen damage type ("" = not chosen yet)."""
        return {
            self.item(row, VALUE_COLUMN).data(VALUE_ROLE): self.cellWidget(
                row, TYPE_COLUMN
            ).currentData()
            for row in range(self.rowCount())
        }

    def set_type(self, value: str, kind: str) -> None:
        """Choose the damage type of a value (as a user would)."""
        combo = self.cellWidget(self._row_of(value), TYPE_COLUMN)
        combo.setCurrentIndex(combo.findData(kind))

    def is_highlighted(self, value: str) -> bool:
        """Whether the value is marked as lacking a damage type."""
        item = self.item(self._row_of(value), VALUE_COLUMN)
        return item.background().style() != Qt.BrushStyle.NoBrush

    def remember(self) -> None:
        """Keep the choices of the values shown (switching back restores them)."""
        if self.key is not None:
            self.remembered[self.key] = self.choices()

    def remembered_choices(self) -> dict[str, dict[str, str]]:
        """Every layer and field's choices, those shown included (for the settings)."""
        self.remember()
        return self.remembered

    def set_remembered(self, remembered: dict[str, dict[str, str]]) -> None:
        """Replace the remembered choices (from the settings); the rows shown predate them,
        so they are not written back over them."""
        self.remembered = remembered
        self.key = None


class FacilityTypeInputs:
    """The facility inputs of the disturbance dialog and of the wizard's evidence page.

    The class mixing this in provides the widgets below and calls
    ``_connect_facility_inputs`` once they exist: choosing a layer points the field picker
    at it and suggests its type field; choosing a field lists its values in the table.
    """

    facilities_combo: QgsMapLayerComboBox
    facility_field_combo: QgsFieldComboBox
    facility_table: FacilityTypeTable
    facility_note: QLabel

    def _connect_facility_inputs(self) -> None:
        self.facilities_combo.layerChanged.connect(self._facilities_changed)
        self.facility_field_combo.fieldChanged.connect(self.rebuild_facility_table)

    def _facilities_changed(self, layer: QgsMapLayer | None) -> None:
        self.facility_field_combo.setLayer(layer)
        self.offer_type_field(layer)
        # A field of the same name in the new layer emits no fieldChanged: rebuild anyway.
        self.rebuild_facility_table()

    def offer_type_field(self, layer: QgsMapLayer | None) -> None:
        """Pick the type field of ``layer`` unless one is picked (``suggest_type_field``)."""
        offer_field(self.facility_field_combo, layer, suggest_type_field)

    def rebuild_facility_table(self, *_: Any) -> None:
        """List the values of the chosen layer and field."""
        self.facility_table.show_field(
            self.facilities_combo.currentLayer(), self.facility_field_combo.currentField()
        )
        self.facility_note.setText(self.facility_table.note())

    def facility_type_map(self) -> str:
        """The FACILITY_TYPE_MAP parameter of the table."""
        return facility_type_map(self.facility_table.choices())
