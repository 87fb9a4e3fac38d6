"""The evidence of disturbed land as the disturbance dialog and the plan wizard gather it:
the rows of the elevation and subsidence evidence, and what keeps the evidence from
running (``EvidenceCheck``)."""

from __future__ import annotations

from typing import Protocol

from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QCheckBox, QFormLayout, QWidget

from ..i18n import Translatable
from .facility_types import UNMAPPED, FacilityTypeTable, unwritable_values
from .zone_texts import ZoneTexts


class EvidenceInputs(Protocol):
    """The evidence widgets the dialog and the wizard's evidence page both have."""

    dem_before_combo: QgsMapLayerComboBox
    dem_after_combo: QgsMapLayerComboBox
    undermined_combo: QgsMapLayerComboBox
    underground_check: QCheckBox
    subsidence_combo: QgsMapLayerComboBox
    facilities_combo: QgsMapLayerComboBox
    facility_field_combo: QgsFieldComboBox
    facility_table: FacilityTypeTable
    samples_combo: QgsMapLayerComboBox


class EvidenceRows(Translatable):
    """The rows of the elevation and subsidence evidence, worded alike in both forms."""

    def underground_check(self, parent: QWidget) -> QCheckBox:
        return QCheckBox(self.tr("Underground mine: lowered ground is subsidence"), parent)

    def add_terrain_rows(self, form: QFormLayout, inputs: EvidenceInputs) -> None:
        """The DEMs, the mining influence zone, the underground check and the subsidence."""
        form.addRow(self.tr("DEM before mining"), inputs.dem_before_combo)
        form.addRow(self.tr("DEM after mining"), inputs.dem_after_combo)
        zone = ZoneTexts()
        inputs.undermined_combo.setToolTip(zone.tooltip())
        form.addRow(zone.label(), inputs.undermined_combo)
        form.addRow(inputs.underground_check)
        form.addRow(self.tr("Subsidence depth raster (m)"), inputs.subsidence_combo)


class EvidenceCheck(Translatable):
    """What keeps the evidence of the dialog and the wizard from running, or ""."""

    def inputs(self, inputs: EvidenceInputs, panels: bool | None) -> str:
        """The problem of a form's evidence, else of its facilities; ``panels`` as in
        ``evidence``."""
        problem = self.evidence(
            inputs.dem_before_combo.currentLayer() is not None,
            inputs.dem_after_combo.currentLayer() is not None,
            (
                inputs.subsidence_combo.currentLayer(),
                inputs.facilities_combo.currentLayer(),
                inputs.samples_combo.currentLayer(),
            ),
            panels,
        )
        if problem or inputs.facilities_combo.currentLayer() is None:
            return problem
        return self.facilities(
            inputs.facility_field_combo.currentField(), inputs.facility_table.choices()
        )

    def evidence(self, before: bool, after: bool, others: tuple, panels: bool | None = None) -> str:
        """``others``: the other evidence layers chosen (None where not); ``panels``: whether
        subsidence is predicted from panels (None where the form cannot)."""
        if before != after:
            return self.tr(
                "Elevation change needs both DEMs: choose the DEM before and the DEM after "
                "mining, or neither."
            )
        if (before and after) or any(layer is not None for layer in others) or panels:
            return ""
        if panels is None:
            return self.tr(
                "No evidence of disturbed land yet: choose both DEMs, a subsidence raster, "
                "mapped facilities or soil samples."
            )
        return self.tr(
            "Give at least one kind of evidence: both DEMs, a subsidence raster, working "
            "panels to predict subsidence from, mapped facilities or soil samples."
        )

    def facilities(self, type_field: str, choices: dict[str, str]) -> str:
        """The facility layer's type field and the damage type chosen for each value."""
        if not type_field:
            return self.tr("Mapped facilities: choose the field that holds each facility's type.")
        unmapped = [value for value, kind in choices.items() if kind == UNMAPPED]
        if unmapped:
            return self.tr("Mapped facilities: choose the damage type of {values}.").format(
                values=", ".join(f"“{value}”" for value in unmapped)
            )
        unwritable = unwritable_values(choices)
        if unwritable:
            return self.tr(
                "Mapped facilities: the values {values} contain “;” or “=” and cannot be "
                "mapped; rename them in the layer or keep their suggested type."
            ).format(values=", ".join(f"“{value}”" for value in unwritable))
        return ""
