"""The plan's tables and report: GeoPackage tables, XLSX, HTML and a PDF print layout.

Every file is written to a temporary file in its target folder and moved into place only
when all outputs of the run are complete (``StagedOutputs``), so a failed run leaves
nothing half-written. Labels go through the translator (``ReportWriter.tr``); names of
land-use classes, uses and damage types come from the core's bilingual tables.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from osgeo import ogr
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemTextTable,
    QgsLayoutMultiFrame,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTable,
    QgsLayoutTableColumn,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsRendererCategory,
    QgsTextFormat,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSize
from qgis.PyQt.QtGui import QFont, QFontDatabase

from ..core.accounting import DAMAGE_TYPE_NAMES, Closure, Column, Summary, Table, code_name
from ..core.crs_zones import crs_name_in
from ..core.labels import STATUS_NAMES, in_language
from ..core.rules.pack import RulePackError, resolve_pack
from ..core.suitability import USE_LABELS
from ..i18n import InLanguage, Translatable
from ..io.raster import gdal_exceptions
from ..paths import resource
from .outputs import RunRecord, append_run_log
from .report_schedule import GanttWords, gantt_svg
from .styling import DAMAGE_HUES, code_colour, label_units, proposed_use_renderer

CJK_FAMILY = "Noto Sans CJK SC"
OGR_TYPES = {"str": ogr.OFTString, "int": ogr.OFTInteger, "float": ogr.OFTReal}
STRUCTURE_SHOWN = (
    "class_code",
    "class_name",
    "before_hm2",
    "before_mu",
    "before_pct",
    "after_hm2",
    "after_mu",
    "after_pct",
    "change_hm2",
    "change_mu",
)
# Columns shown in the reports and the XLSX (all columns are in the GeoPackage).
SHOWN: dict[str, tuple[str, ...]] = {
    "project_info": ("item_name", "value"),
    "damage_by_type": (
        "type_name",
        "degree_name",
        "dlbm_before",
        "dlmc_before",
        "area_m2",
        "area_hm2",
        "area_mu",
        "share_pct",
    ),
    "suitability_by_grade": (
        "use_name",
        "grade_name",
        "units",
        "area_m2",
        "area_hm2",
        "area_mu",
        "share_pct",
    ),
    "proposed_by_use": (
        "use_name",
        "dlbm",
        "dlmc",
        "units",
        "area_m2",
        "area_hm2",
        "area_mu",
        "share_pct",
    ),
    "landuse_structure": STRUCTURE_SHOWN,
    "landuse_structure_detail": STRUCTURE_SHOWN,
    "reclamation_rate": ("item_name", "area_m2", "area_hm2", "area_mu", "percent"),
    "works_summary": ("item_name", "unit_name", "quantity", "units", "source", "status"),
    "earth_balance": ("item_name", "m3"),
    "investment": (
        "line_name",
        "quantity",
        "unit_price",
        "rate_pct",
        "amount",
        "source",
        "status",
    ),
    "investment_summary": ("item_name", "value"),
    "plan_summary": ("item_name", "value"),
    "work_plan": (
        "stage_name",
        "years",
        "periods",
        "units",
        "works_hm2",
        *(f"{use}_hm2" for use in ("cultivated", "garden", "forest", "grass", "water")),
        "other_hm2",
        "aftercare_hm2",
    ),
    "stage_investment": ("stage_name", "years", "investment", "price_rise", "dynamic_investment"),
    "stage_soil": ("stage_name", "years", "stripping_m3", "cover_m3", "stockpile_m3"),
    "stage_works": ("stage_name", "item_name", "unit_name", "quantity", "direct_cost"),
    "unit_appendix": (
        "unit_id",
        "type_name",
        "degree_name",
        "dlbm_before",
        "dlmc_before",
        "area_hm2",
        "area_mu",
        *(f"grade_{use}_name" for use in ("cultivated", "garden", "forest", "grass", "water")),
        "limit_names",
        "use_name",
        "dlbm",
        "dlmc",
        "measures",
    ),
    "sources": ("source", "citation", "rules"),
    "esv_services": (
        "service_name",
        "before_wan",
        "damaged_wan",
        "after_wan",
        "gain_wan",
        "change_wan",
    ),
    "esv_ecosystems": (
        "ecosystem_name",
        "eco_before_hm2",
        "eco_damaged_hm2",
        "eco_after_hm2",
        "before_wan",
        "damaged_wan",
        "after_wan",
    ),
    "ecological_corridors": (
        "corridor_id",
        "sources",
        "length_m",
        "cost",
        "cost_after",
        "change_pct",
        "damaged_m",
    ),
    "restoration_priority": (
        "priority_rank",
        "unit_id",
        "use_name",
        "area_hm2",
        "esv_gain_wan",
        "corridor_gain",
        "priority_score",
        "priority_ratio",
        "selected_name",
    ),
    "reuse_potential": ("reuse_name", "units", "area_hm2", "floating_hm2", "capacity_mw"),
    "prediction": ("item_name", "value", "unit", "area_hm2", "area_mu"),
    "ownership": (
        "owner",
        "area_hm2",
        "area_mu",
        "damaged_hm2",
        "damaged_mu",
        "cultivated_damaged_hm2",
        "cultivated_damaged_mu",
    ),
    "basis_assumptions": ("item", "detail", "status", "source", "area_hm2", "area_mu"),
    "closure_check": (
        "table_name",
        "part",
        "parts_m2",
        "total_m2",
        "difference_m2",
        "difference_pct",
        "explanation",
    ),
}


# Columns shown only when filled: whether the budget selects the unit (a budget was given).
OPTIONAL_COLUMNS = ("selected_name",)

# Tables the HTML report opens with, before the key figures and charts.
OPENING_TABLES = ("project_info", "plan_summary")

# Column widths (mm; the frame is 277 mm wide and each cell adds its margins) of tables
# with long texts, so that these wrap instead of pushing other columns off the page.
PDF_COLUMN_WIDTHS_MM = {
    "sources": (40.0, 200.0, 30.0),
    "basis_assumptions": (62.0, 105.0, 20.0, 30.0, 17.0, 16.0),
    "closure_check": (38.0, 26.0, 26.0, 26.0, 22.0, 18.0, 94.0),
}
# Widths by column, for tables whose columns depend on the run (the uses of the pack).
PDF_WIDTHS_BY_COLUMN_MM = {
    "unit_appendix": {
        "unit_id": 9.0,
        "type_name": 11.0,
        "degree_name": 13.0,
        "dlbm_before": 11.0,
        "dlmc_before": 13.0,
        "area_hm2": 14.0,
        "area_mu": 13.0,
        **{
            f"grade_{use}_name": 10.0
            for use in ("cultivated", "garden", "forest", "grass", "water")
        },
        "limit_names": 20.0,
        "use_name": 13.0,
        "dlbm": 11.0,
        "dlmc": 14.0,
        "measures": 45.0,
    },
}


@dataclass
class ReportInfo:
    title: str
    created: datetime
    language: str
    crs_authid: str
    crs_name: str
    ellipsoid: str
    rule_pack: str = ""
    has_landuse: bool = False
    has_area: bool = False
    warnings: list[str] = field(default_factory=list)


# Scores of the priority: values near 0.01 need more than two decimals to be told apart.
FOUR_DECIMALS = ("priority_score", "priority_ratio")


def decimals(column: str) -> int:
    """One decimal policy for every deliverable: hm² 4, 亩 2, m² 2, percentages 2, the
    priority's scores 4."""
    return 4 if column.endswith("_hm2") or column in FOUR_DECIMALS else 2


def rounded(column: str, value: float) -> float:
    """The value as shown: rounded by the policy, never -0.0."""
    value = round(value, decimals(column))
    return 0.0 if value == 0 else value


def format_value(column: str, value: Any) -> str:
    """A cell as text by the decimal policy (no "-0.00")."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{rounded(column, value):.{decimals(column)}f}"
    return str(value)


def cjk_family() -> str:
    """The CJK font family when installed (Debian's fonts-noto-cjk), else ''."""
    try:
        families = QFontDatabase.families()
    except TypeError:  # Qt 5: an instance method
        families = QFontDatabase().families()
    return CJK_FAMILY if CJK_FAMILY in families else ""


def cjk_font(size: float, bold: bool = False) -> QFont:
    """A font of the CJK family when installed, in points."""
    font = QFont(cjk_family()) if cjk_family() else QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def cjk_text_format(size: float, bold: bool = False) -> QgsTextFormat:
    """The text format of the reports and the plan's maps (CJK font, points)."""
    text_format = QgsTextFormat()
    text_format.setFont(cjk_font(size, bold))
    text_format.setSize(size)
    text_format.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    return text_format


def export_png(layout: QgsPrintLayout, path: str, dpi: int = 100) -> None:
    """A layout's first page as a PNG. Rendered to an image and saved by Qt: exportToImage
    would try to georeference the PNG in place, which GDAL's PNG driver refuses."""
    image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(), dpi)
    if image.isNull() or not image.save(str(path), "PNG"):
        raise OSError(f"could not render {path}")


class ReportWriter(InLanguage):
    """Labels, the HTML report, the PDF layout: in the report's language."""

    def __init__(self, language: str) -> None:
        self.language = language

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    # --- labels -----------------------------------------------------------------------

    def titles(self) -> dict[str, str]:
        return {
            "project_info": self.tr("Project overview"),
            "damage_by_type": self.tr("Damaged land by type, degree and land use before damage"),
            "suitability_by_grade": self.tr("Suitability area by use and grade"),
            "proposed_by_use": self.tr("Proposed area by use"),
            "landuse_structure": self.tr("Land-use structure adjustment (by first-level class)"),
            "landuse_structure_detail": self.tr(
                "Land-use structure adjustment (by second-level class)"
            ),
            "unit_appendix": self.tr("Appendix: the evaluation units and their suitability"),
            "sources": self.tr("Basis: the standards and sources the rules cite"),
            "ownership": self.tr("Land ownership (by owner)"),
            "prediction": self.tr("Subsidence prediction: the figures of the basin"),
            "reclamation_rate": self.tr("Reclamation rate and cultivated-land balance"),
            "works_summary": self.tr("Engineering quantities (by measure, over the units)"),
            "earth_balance": self.tr("Soil and earthwork balance"),
            "investment": self.tr("Investment estimate"),
            "investment_summary": self.tr("Investment summary"),
            "plan_summary": self.tr("Plan summary"),
            "work_plan": self.tr("Work plan by stage"),
            "stage_investment": self.tr("Investment by stage"),
            "stage_soil": self.tr("Topsoil balance by stage"),
            "stage_works": self.tr("Works by stage"),
            "basis_assumptions": self.tr(
                "Basis and assumptions: degrees, rules with their sources and status, run warnings"
            ),
            "closure_check": self.tr("Closure checks"),
            "esv_services": self.tr("Ecological restoration: ecosystem-service value by service"),
            "esv_ecosystems": self.tr(
                "Ecological restoration: ecosystem-service value by ecosystem type"
            ),
            "ecological_corridors": self.tr("Ecological restoration: ecological corridors"),
            "restoration_priority": self.tr(
                "Ecological restoration: priority of the units by cost and benefit"
            ),
            "reuse_potential": self.tr("Second lives of mine land: potential by kind"),
        }

    def headers(self) -> dict[str, str]:
        return {
            "type_name": self.tr("Damage type"),
            "degree_name": self.tr("Degree"),
            "dlbm_before": self.tr("Code before"),
            "dlmc_before": self.tr("Land use before"),
            "area_m2": self.tr("Area (m²)"),
            "area_hm2": self.tr("Area (hm²)"),
            "area_mu": self.tr("Area (亩)"),
            "share_pct": self.tr("Share (%)"),
            "use_name": self.tr("Use"),
            "grade_name": self.tr("Grade"),
            "units": self.tr("Units"),
            "dlbm": self.tr("Code"),
            "dlmc": self.tr("Land-use class"),
            "class_code": self.tr("Class code"),
            "class_name": self.tr("First-level class"),
            "before_hm2": self.tr("Before (hm²)"),
            "before_mu": self.tr("Before (亩)"),
            "before_pct": self.tr("Before (%)"),
            "after_hm2": self.tr("After (hm²)"),
            "after_mu": self.tr("After (亩)"),
            "after_pct": self.tr("After (%)"),
            "change_hm2": self.tr("Change (hm²)"),
            "change_mu": self.tr("Change (亩)"),
            "item_name": self.tr("Item"),
            "percent": self.tr("Percent (%)"),
            "table_name": self.tr("Table"),
            "part": self.tr("Part"),
            "parts_m2": self.tr("Sum of parts (m²)"),
            "total_m2": self.tr("Reference total (m²)"),
            "difference_m2": self.tr("Difference (m²)"),
            "difference_pct": self.tr("Difference (%)"),
            "explanation": self.tr("Explanation"),
            "item": self.tr("Item"),
            "detail": self.tr("Value or basis"),
            "status": self.tr("Status"),
            "source": self.tr("Source"),
            "citation": self.tr("Citation"),
            "unit_id": self.tr("Unit"),
            "value": self.tr("Value"),
            "rules": self.tr("Rules resting on it"),
            "owner": self.tr("Owner"),
            "unit": self.tr("Unit of measure"),
            "unit_name": self.tr("Unit of measure"),
            "quantity": self.tr("Quantity"),
            "m3": self.tr("Volume (m³)"),
            "line_name": self.tr("Cost item"),
            "unit_price": self.tr("Unit price (元)"),
            "rate_pct": self.tr("Rate (%)"),
            "amount": self.tr("Amount (元)"),
            "damaged_hm2": self.tr("Damaged (hm²)"),
            "damaged_mu": self.tr("Damaged (亩)"),
            "cultivated_damaged_hm2": self.tr("Damaged cultivated land (hm²)"),
            "cultivated_damaged_mu": self.tr("Damaged cultivated land (亩)"),
            "limit_names": self.tr("Limiting factors"),
            "measures": self.tr("Measures"),
            "grade_cultivated_name": self.tr("Cultivated"),
            "grade_garden_name": self.tr("Garden"),
            "grade_forest_name": self.tr("Forest"),
            "grade_grass_name": self.tr("Grass"),
            "grade_water_name": self.tr("Water"),
            "stage_name": self.tr("Stage"),
            "years": self.tr("Years"),
            "periods": self.tr("Periods"),
            "works_hm2": self.tr("Reclaimed (hm²)"),
            "cultivated_hm2": self.tr("Cultivated (hm²)"),
            "garden_hm2": self.tr("Garden (hm²)"),
            "forest_hm2": self.tr("Forest (hm²)"),
            "grass_hm2": self.tr("Grass (hm²)"),
            "water_hm2": self.tr("Water (hm²)"),
            "other_hm2": self.tr("Other (hm²)"),
            "aftercare_hm2": self.tr("Under after-care (hm²)"),
            "stripping_m3": self.tr("Topsoil stripped (m³)"),
            "cover_m3": self.tr("Cover soil needed (m³)"),
            "stockpile_m3": self.tr("Topsoil stockpiled at the end (m³; − borrowed)"),
            "investment": self.tr("Static investment (元)"),
            "price_rise": self.tr("Price-rise contingency (元)"),
            "dynamic_investment": self.tr("Dynamic investment (元)"),
            "direct_cost": self.tr("Direct works cost (元)"),
            "service_name": self.tr("Ecosystem service"),
            "ecosystem_name": self.tr("Ecosystem type"),
            "eco_before_hm2": self.tr("Before damage (hm²)"),
            "eco_damaged_hm2": self.tr("After damage (hm²)"),
            "eco_after_hm2": self.tr("After reclamation (hm²)"),
            "before_wan": self.tr("Before damage (10⁴ 元/a)"),
            "damaged_wan": self.tr("After damage (10⁴ 元/a)"),
            "after_wan": self.tr("After reclamation (10⁴ 元/a)"),
            "gain_wan": self.tr("Gain of reclamation (10⁴ 元/a)"),
            "change_wan": self.tr("Change against before damage (10⁴ 元/a)"),
            "corridor_id": self.tr("Corridor"),
            "sources": self.tr("Sources joined"),
            "length_m": self.tr("Length (m)"),
            "cost": self.tr("Cumulative resistance"),
            "cost_after": self.tr("After reclamation"),
            "change_pct": self.tr("Change (%)"),
            "damaged_m": self.tr("On damaged land (m)"),
            "priority_rank": self.tr("Rank"),
            "esv_gain_wan": self.tr("Value gained (10⁴ 元/a)"),
            "corridor_gain": self.tr("Resistance removed from corridors"),
            "priority_score": self.tr("Score"),
            "priority_ratio": self.tr("Score per cost"),
            "selected_name": self.tr("Within the budget"),
            "reuse_name": self.tr("Second life"),
            "floating_hm2": self.tr("Floating PV (hm²)"),
            "capacity_mw": self.tr("PV capacity (MW)"),
        }

    def reasons(self) -> dict[str, str]:
        return {
            "overlap": self.tr(
                "The parts exceed the dissolved total: polygons of an input layer overlap and "
                "are counted more than once. Remove the overlaps (e.g. with Dissolve or Union) "
                "and run again."
            ),
            "gap": self.tr(
                "The parts fall short of the total: pieces were lost in the overlay (invalid "
                "or empty geometries) or the study area holds parts of no input."
            ),
        }

    def degree_share(self, summary: Summary) -> str:
        """The damaged area whose degree nobody assessed: beside every reclamation rate."""
        return self.tr(
            "Of the damaged land, {0:.4f} hm² ({1}) has an undecided degree and {2:.4f} hm² "
            "({3}) the rule pack's default degree, not verified: see Basis and assumptions."
        ).format(
            summary.undecided_m2 * 1e-4,
            _share(summary.undecided_m2, summary.damaged_m2),
            summary.default_m2 * 1e-4,
            _share(summary.default_m2, summary.damaged_m2),
        )

    def closure_sentence(self, closure: Closure) -> str:
        title = self.titles().get(closure.table, closure.table)
        name = title + (f" ({self.part_word(closure.part)})" if closure.part else "")
        if closure.ok:
            return self.tr("{0}: closes ({1:.2f} m² of {2:.2f} m²).").format(
                name, closure.parts_m2, closure.total_m2
            )
        return self.tr(
            "{0}: the parts sum to {1:.2f} m², the total is {2:.2f} m² (difference {3:+.2f} m², "
            "{4:.4f} %). {5}"
        ).format(
            name,
            closure.parts_m2,
            closure.total_m2,
            closure.difference_m2,
            100.0 * closure.relative if closure.total_m2 > 0 else float("inf"),
            self.reasons()[closure.reason],
        )

    def scope_note(self, info: ReportInfo) -> str:
        if info.has_area and info.has_landuse:
            return self.tr(
                "Structure table: the current land use inside the study area; damaged land "
                "takes its proposed use, undamaged land is unchanged."
            )
        if info.has_landuse:
            return self.tr(
                "Structure table: the current land use and the damaged land; damaged land "
                "takes its proposed use, undamaged land is unchanged."
            )
        if info.has_area:
            return self.tr(
                "Structure table: the study area; damaged land by its land use before damage, "
                "undamaged land of unknown class (no current land-use layer was given)."
            )
        return self.tr(
            "Structure table: the damaged land only, by its land use before damage (no study "
            "area and no current land-use layer were given)."
        )

    def crs_note(self, info: ReportInfo) -> str:
        return self.tr(
            "Coordinate reference system: {0} ({1}). Areas are ellipsoidal on {2}; "
            "1 hm² = 15 亩; hm² rounded to 4 decimals, m², 亩 and % to 2, totals from "
            "unrounded values."
        ).format(info.crs_authid, crs_name_in(info.crs_name, self.language), info.ellipsoid)

    def status_word(self, status: Any) -> Any:
        """verified / secondary / unverified as the report's reader reads them."""
        names = STATUS_NAMES.get(str(status or ""))
        return in_language(names, self.language) if names else status

    def part_word(self, part: str) -> str:
        """The part of a closure check (a use, before or after) in the reader's words."""
        if part in USE_LABELS:
            return in_language(USE_LABELS[part], self.language)
        words = {"before": self.tr("current"), "after": self.tr("planned")}
        return words.get(part, part)

    def cell_value(self, column: str, value: Any, titles: Mapping[str, str]) -> Any:
        """A cell's value as the reports show it: keys of tables, statuses and parts of
        closure checks in the reader's words, anything else unchanged."""
        if column == "table_name":
            return titles.get(value, value)
        if column == "status":
            return self.status_word(value)
        if column == "part" and value:
            return self.part_word(str(value))
        return value

    def shown_table(self, table: Table, number: int) -> Table:
        """The table as the report shows it, for a workbook: the report's columns under its
        headings, the sheet named "Table <number>" and the report's title (Excel: 31
        characters, no []:*?/\\), numbers rounded by the decimal policy."""
        names = table.column_names()
        shown = self.shown_columns(table)
        kinds = {c.name: c.kind for c in table.columns}
        headers = self.headers()
        titles = self.titles()
        label = self.tr("Table {0}").format(number)
        title = f"{label} {titles.get(table.name, table.name)}"
        sheet = re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()
        labels: list[str] = []
        for name in shown:
            label = headers.get(name, name)
            labels.append(label if label not in labels else f"{label} ({len(labels) + 1})")
        view = Table(
            sheet, tuple(Column(label, kinds[n]) for label, n in zip(labels, shown, strict=True))
        )
        for row in table.rows:
            values = []
            for name in shown:
                value = self.cell_value(name, row[names.index(name)], titles)
                values.append(rounded(name, value) if isinstance(value, float) else value)
            view.rows.append(tuple(values))
        return view

    @staticmethod
    def shown_columns(table: Table) -> tuple[str, ...]:
        """The columns the reports show (those of SHOWN the table has; a column of
        OPTIONAL_COLUMNS only when a row fills it)."""
        names = table.column_names()
        rows = table.dicts()
        return tuple(
            c
            for c in SHOWN.get(table.name, names)
            if c in names
            and (c not in OPTIONAL_COLUMNS or any(r[c] not in (None, "") for r in rows))
        )

    def table_rows(self, table: Table) -> tuple[list[str], list[list[str]], list[str]]:
        """Headers, text rows and row kinds of a table as shown in the reports."""
        names = table.column_names()
        shown = self.shown_columns(table)
        index = [names.index(c) for c in shown]
        headers = self.headers()
        titles = self.titles()
        rows = []
        for row in table.rows:
            cells = []
            for column, i in zip(shown, index, strict=True):
                cells.append(format_value(column, self.cell_value(column, row[i], titles)))
            rows.append(cells)
        kinds = [row[names.index("row_kind")] if "row_kind" in names else "" for row in table.rows]
        return [headers.get(c, c) for c in shown], rows, kinds

    # --- HTML -------------------------------------------------------------------------

    def html(self, summary: Summary, tables: Sequence[Table], info: ReportInfo) -> str:
        titles = self.titles()
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-CN" if self.zh else "en"}"><head><meta charset="utf-8">',
            f"<title>{html.escape(info.title)}</title>",
            f"<style>{_CSS}</style></head><body>",
            f"<h1>{html.escape(info.title)}</h1>",
        ]
        parts += [f'<p class="meta">{html.escape(note)}</p>' for note in self.notes(info)]
        # The project overview and the plan's summary open the report, as in a plan; the
        # other tables follow.
        for table in tables:
            if table.name in OPENING_TABLES:
                parts += self._html_table(table, titles)
        parts.append(f'<p class="key">{html.escape(self.key_figures(summary))}</p>')
        parts.append('<div class="charts">')
        parts.append(self._chart(self.tr("Damaged land by type (hm²)"), self._damage_bars(summary)))
        parts.append(self._chart(self.tr("Proposed use (hm²)"), self._proposed_bars(summary)))
        parts.append("</div>")
        for table in tables:
            if table.name not in OPENING_TABLES:
                parts += self._html_table(table, titles)
            if table.name == "work_plan":
                parts.append(self.gantt(table))
        closure_heading = self.tr("Closure")
        parts.append(f"<h2>{html.escape(closure_heading)}</h2><ul>")
        parts += [
            f'<li class="{"ok" if c.ok else "fail"}">{html.escape(self.closure_sentence(c))}</li>'
            for c in summary.closures
        ]
        parts.append("</ul>")
        if info.warnings:
            warnings_heading = self.tr("Warnings")
            parts.append(f"<h2>{html.escape(warnings_heading)}</h2><ul>")
            parts += [f"<li>{html.escape(w)}</li>" for w in info.warnings]
            parts.append("</ul>")
        parts.append("</body></html>")
        return "\n".join(parts)

    def notes(self, info: ReportInfo) -> list[str]:
        """The lines under the title: created, CRS and areas, rule pack, scope."""
        notes = [
            self.tr("Created {0}").format(f"{info.created:%Y-%m-%d %H:%M}"),
            self.crs_note(info),
        ]
        if info.rule_pack:
            notes.append(self.tr("Rule pack: {0}").format(info.rule_pack))
        notes.append(self.scope_note(info))
        return notes

    def key_figures(self, summary: Summary) -> str:
        """Damaged, reclaimed, the rate, cultivated land before and after, the degrees."""
        rate = summary.reclamation_rate
        return (
            self.tr(
                "Damaged land {0:.4f} hm², reclaimed {1:.4f} hm²: reclamation rate {2}. "
                "Cultivated land {3:.4f} hm² before, {4:.4f} hm² after ({5:+.4f} hm²)."
            ).format(
                summary.damaged_m2 * 1e-4,
                summary.reclaimed_m2 * 1e-4,
                "—" if rate is None else f"{100 * rate:.2f} %",
                summary.cultivated_before_m2 * 1e-4,
                summary.cultivated_after_m2 * 1e-4,
                (summary.cultivated_after_m2 - summary.cultivated_before_m2) * 1e-4,
            )
            + " "
            + self.degree_share(summary)
        )

    def chapter_text(self, table: Table) -> str:
        """A sentence built from the table's own numbers, said before it ("" for tables
        that speak for themselves)."""
        join = "、" if self.zh else ", "
        items = table.where(row_kind="item") if "row_kind" in table.column_names() else []
        if table.name == "damage_by_type":
            parts = self._shares(items, "type_name")
            total = sum(r["area_m2"] for r in items)
            return self.tr("The damaged land covers {0:.4f} hm²: {1}.").format(
                total * 1e-4, join.join(parts)
            )
        if table.name == "proposed_by_use":
            return self.tr("The damaged land is proposed for: {0}.").format(
                join.join(self._shares(items, "use_name"))
            )
        if table.name == "unit_appendix":
            return self.tr(
                "The damaged land is divided into {0} evaluation units, numbered as on the maps."
            ).format(len(table.rows))
        if table.name == "sources":
            return self.tr(
                "The grades, degrees, works and stages of this plan rest on {0} rules "
                "citing {1} sources."
            ).format(sum(r["rules"] for r in table.dicts()), len(table.rows))
        if table.name == "ownership":
            damaged = [r for r in items if r["damaged_m2"] > 0]
            shares = self._shares(
                [{"owner": r["owner"], "area_m2": r["damaged_m2"]} for r in damaged], "owner"
            )
            return self.tr(
                "The land of the plan belongs to {0} owners; the damaged land: {1}."
            ).format(len(items), join.join(shares) or "—")
        if table.name == "suitability_by_grade":
            return self.tr("Damaged land suitable (grades 1 to 3) for each use: {0}.").format(
                join.join(self._suitable(items))
            )
        if table.name == "landuse_structure":
            # Every class but the total, the unknown one too: the changes sum to zero.
            rows = [r for r in table.dicts() if r.get("row_kind") != "total"]
            return self.tr("Changes of the land-use structure: {0}.").format(
                join.join(self._changes(rows)) or self.tr("none")
            )
        if table.name == "prediction":
            return self.tr("The predicted basin: {0}.").format(
                join.join(self._prediction_figures(table.dicts()))
            )
        if table.name == "works_summary":
            earth = [r for r in table.dicts() if r["unit_name"] == "m³"]
            parts = [f"{r['item_name']} {r['quantity']:,.2f} m³" for r in earth]
            return self.tr("{0} measures over the units; earthworks: {1}.").format(
                len(table.rows), join.join(parts) or self.tr("none")
            )
        if table.name == "earth_balance":
            rows = {r["item"]: r["m3"] for r in table.dicts()}
            return self.tr(
                "Topsoil: {0:,.2f} m³ stripped for {1:,.2f} m³ of cover ({2:+,.2f} m³); "
                "levelling: {3:,.2f} m³ of cut for {4:,.2f} m³ of fill ({5:+,.2f} m³)."
            ).format(
                rows.get("topsoil_stripped", 0.0),
                rows.get("topsoil_cover", 0.0),
                rows.get("topsoil_stripped", 0.0) - rows.get("topsoil_cover", 0.0),
                rows.get("earth_cut", 0.0),
                rows.get("earth_fill", 0.0),
                rows.get("earth_cut", 0.0) - rows.get("earth_fill", 0.0),
            )
        if table.name == "investment_summary":
            rows = {r["item"]: r["value"] for r in table.dicts()}
            static, dynamic = rows.get("static"), rows.get("dynamic")
            if static is None or dynamic is None:
                return ""
            text = self.tr("Static total investment {0:,.2f} 元, dynamic {1:,.2f} 元").format(
                static, dynamic
            )
            per_mu = rows.get("static_per_mu")
            if per_mu is not None:
                text += self.tr("; {0:,.2f} 元 per 亩").format(per_mu)
            missing = int(rows.get("missing_prices") or 0)
            if missing:
                text += self.tr(" (incomplete: {0} work(s) have no unit price)").format(missing)
            return text + self.tr(".")
        if table.name == "work_plan":
            stages = [r for r in table.dicts() if r["row_kind"] == "item"]
            parts = [
                f"{r['stage_name']} {r['works_hm2'] or 0.0:.4f} hm²"
                for r in stages
                if (r["works_hm2"] or 0) > 0
            ]
            if not stages:
                return ""
            return self.tr("{0} stage(s), {1}–{2}; land reclaimed: {3}.").format(
                len(stages),
                stages[0]["year_start"],
                stages[-1]["year_end"],
                join.join(parts) or self.tr("none"),
            )
        if table.name == "esv_services":
            total = next((r for r in table.dicts() if r["row_kind"] == "total"), None)
            if total is None or total["before_wan"] is None:
                return ""
            return self.tr(
                "Ecosystem-service value: {0:,.2f} × 10⁴ 元/a before damage, {1:,.2f} × 10⁴ 元/a "
                "after damage, {2:,.2f} × 10⁴ 元/a after reclamation; reclamation adds "
                "{3:+,.2f} × 10⁴ 元/a."
            ).format(
                total["before_wan"],
                total["damaged_wan"] or 0.0,
                total["after_wan"] or 0.0,
                total["gain_wan"] or 0.0,
            )
        if table.name == "ecological_corridors":
            items = table.where(row_kind="item")
            total = next((r for r in table.dicts() if r["row_kind"] == "total"), None)
            if not items or total is None:
                return ""
            text = self.tr("{0} corridor(s) join the ecological sources, {1:,.0f} m in all").format(
                len(items), total["length_m"] or 0.0
            )
            if total["change_pct"] is not None:
                text += self.tr("; the reclamation changes their resistance by {0:+.1f} %").format(
                    total["change_pct"]
                )
            return text + self.tr(".")
        if table.name == "restoration_priority":
            rows = table.dicts()
            if not rows:
                return ""
            first = rows[0]
            return self.tr(
                "{0} units ranked by benefit per cost; first: unit {1} ({2}, {3:.4f} hm²)."
            ).format(len(rows), first["unit_id"], first["use_name"], first["area_hm2"] or 0.0)
        if table.name == "reuse_potential":
            rows = {r["reuse"]: r for r in table.dicts()}
            pv = rows.get("pv")
            if pv is None:
                return ""
            return self.tr(
                "Photovoltaics may take {0:.4f} hm² ({1:.2f} MW), {2:.4f} hm² of it floating."
            ).format(pv["area_hm2"] or 0.0, pv["capacity_mw"] or 0.0, pv["floating_hm2"] or 0.0)
        if table.name == "reclamation_rate":
            rows = {r["item"]: r for r in table.dicts()}
            rate = rows.get("reclamation_rate", {}).get("percent")
            change = rows.get("cultivated_change", {})
            if rate is None or not change:
                return ""
            return self.tr(
                "Reclamation rate {0:.2f} %; cultivated land changes by {1:+.4f} hm² ({2:+.2f} 亩)."
            ).format(rate, change["area_hm2"] or 0.0, change["area_mu"] or 0.0)
        return ""

    def _suitable(self, items: list[dict]) -> list[str]:
        """ "耕地 161.2376 hm²（76.94 %）" per use: the area of grades 1 to 3."""
        suitable: dict[str, float] = {}
        totals: dict[str, float] = {}
        for row in items:
            name = row["use_name"]
            totals[name] = totals.get(name, 0.0) + row["area_m2"]
            if row["grade"] in (1, 2, 3):
                suitable[name] = suitable.get(name, 0.0) + row["area_m2"]
        pattern = "{0} {1:.4f} hm²（{2:.2f} %）" if self.zh else "{0} {1:.4f} hm² ({2:.2f} %)"
        return [
            pattern.format(name, area * 1e-4, 100 * area / totals[name] if totals[name] else 0.0)
            for name, area in ((n, suitable.get(n, 0.0)) for n in totals)
        ]

    def _changes(self, items: list[dict]) -> list[str]:
        """ "耕地 −31.8552 hm²" per class that changes, the largest change first."""
        changed = [r for r in items if round(r["change_m2"] * 1e-4, 4) != 0]
        changed.sort(key=lambda r: -abs(r["change_m2"]))
        return [f"{r['class_name']} {r['change_m2'] * 1e-4:+.4f} hm²" for r in changed]

    @staticmethod
    def _prediction_figures(rows: list[dict]) -> list[str]:
        """ "最大下沉值 W_max 2.601 m" per figure, areas in hm²."""
        figures = []
        for row in rows:
            if row.get("area_m2") is not None:
                figures.append(f"{row['item_name']} {row['area_m2'] * 1e-4:.4f} hm²")
            elif row.get("value") is not None:
                figures.append(f"{row['item_name']} {row['value']:.3f} {row['unit'] or ''}".strip())
        return figures

    def _shares(self, items: list[dict], name_column: str) -> list[str]:
        """ "挖损 29.0949 hm²（13.88 %）" per name, largest first."""
        sums: dict[str, float] = {}
        for row in items:
            sums[row[name_column]] = sums.get(row[name_column], 0.0) + row["area_m2"]
        total = sum(sums.values())
        ordered = sorted(sums.items(), key=lambda item: -item[1])
        pattern = "{0} {1:.4f} hm²（{2:.2f} %）" if self.zh else "{0} {1:.4f} hm² ({2:.2f} %)"
        return [
            pattern.format(name, area * 1e-4, 100 * area / total if total > 0 else 0.0)
            for name, area in ordered
        ]

    def _html_table(self, table: Table, titles: Mapping[str, str]) -> list[str]:
        headers, rows, kinds = self.table_rows(table)
        parts = [f"<h2>{html.escape(titles.get(table.name, table.name))}</h2>"]
        text = self.chapter_text(table)
        if text:
            parts.append(f'<p class="text">{html.escape(text)}</p>')
        parts.append(f'<table id="{table.name}"><thead><tr>')
        parts += [f"<th>{html.escape(h)}</th>" for h in headers]
        parts.append("</tr></thead><tbody>")
        for cells, kind in zip(rows, kinds, strict=True):
            parts.append(f'<tr class="{html.escape(kind)}">')
            parts += [
                f'<td class="{"num" if is_numeric(c) else "text"}">{html.escape(c)}</td>'
                for c in cells
            ]
            parts.append("</tr>")
        parts.append("</tbody></table>")
        return parts

    def _damage_bars(self, summary: Summary) -> list[tuple[str, float, str]]:
        sums: dict[str, float] = {}
        for row in summary.tables["damage_by_type"].where(row_kind="item"):
            sums[row["dist_type"]] = sums.get(row["dist_type"], 0.0) + row["area_m2"]
        index = 0 if self.zh else 1
        return [
            (DAMAGE_TYPE_NAMES[t][index], sums[t] * 1e-4, DAMAGE_HUES.get(t, "#888888"))
            for t in DAMAGE_TYPE_NAMES
            if t in sums
        ]

    def _proposed_bars(self, summary: Summary) -> list[tuple[str, float, str]]:
        bars = []
        for row in summary.tables["proposed_by_use"].dicts():
            if row["row_kind"] not in ("item", "unknown") or row["area_m2"] <= 0:
                continue
            code = row["dlbm"] or ""
            colour = (
                code_colour(code) if code else code_colour("keep" if row["use_proposed"] else "")
            )
            label = row["use_name"] + (f" {code}" if code else "")
            bars.append((label, row["area_m2"] * 1e-4, colour))
        return bars

    def gantt(self, table: Table, titled: bool = True) -> str:
        """The work plan's chart (SVG) from the 复垦工作计划安排表."""
        words = GanttWords(
            title=self.tr("Work plan by year"),
            periods={
                "production": self.tr("Production"),
                "settling": self.tr("Settling"),
                "aftercare": self.tr("After-care"),
            },
            aftercare=self.tr("After-care (hm²)"),
        )
        return gantt_svg(table.dicts(), words, cjk_family(), titled)

    @staticmethod
    def _chart(title: str, bars: list[tuple[str, float, str]]) -> str:
        """A horizontal bar chart as inline SVG."""
        label_width, bar_width, row = 190, 300, 24
        height = 30 + row * max(len(bars), 1)
        largest = max((value for _, value, _ in bars), default=0.0) or 1.0
        items = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 110}" '
            f'height="{height}" role="img" aria-label="{html.escape(title)}">',
            f'<text x="0" y="16" class="ct">{html.escape(title)}</text>',
        ]
        for i, (label, value, colour) in enumerate(bars):
            y = 26 + i * row
            width = max(bar_width * value / largest, 0.5)
            items += [
                f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">'
                f"{html.escape(label)}</text>",
                f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{row - 6}" '
                f'fill="{html.escape(colour)}" stroke="#555" stroke-width="0.5"/>',
                f'<text x="{label_width + width + 4:.1f}" y="{y + 14}">{value:.4f}</text>',
            ]
        items.append("</svg>")
        return "\n".join(items)

    # --- PDF --------------------------------------------------------------------------

    def map_layer(
        self, suitability: QgsVectorLayer, units: Any, rule_packs: Sequence[str]
    ) -> QgsVectorLayer:
        """The units with their proposed use, styled like the suitability output."""
        crs = suitability.crs()
        layer = QgsVectorLayer(
            f"MultiPolygon?crs={crs.authid() or 'EPSG:4326'}"
            "&field=use_proposed:string&field=dlbm:string&field=unit_id:integer",
            self.tr("Proposed use"),
            "memory",
        )
        if not crs.authid():
            layer.setCrs(crs)
        features = []
        for feature in suitability.getFeatures():
            index = int(feature["s_unit"]) - 1
            out = QgsFeature(layer.fields())
            out.setGeometry(feature.geometry())
            number = int(units.ids[index]) if units.ids is not None else index + 1
            out.setAttributes([str(units.use_proposed[index]), str(units.dlbm[index]), number])
            features.append(out)
        if features and not layer.dataProvider().addFeatures(features)[0]:
            raise OSError("cannot build the map layer of the report")
        layer.updateExtents()
        layer.setRenderer(self._renderer(units, rule_packs))
        label_units(layer)
        return layer

    def _renderer(self, units: Any, rule_packs: Sequence[str]) -> QgsCategorizedSymbolRenderer:
        for label in rule_packs:
            try:
                pack = resolve_pack(label.split()[0], resource("rules"))
            except (RulePackError, OSError, IndexError, ValueError):
                continue
            return proposed_use_renderer(pack, self.language)
        index = 0 if self.zh else 1
        categories = []
        pairs = dict.fromkeys(zip(units.use_proposed.tolist(), units.dlbm.tolist(), strict=True))
        for use, code in pairs:
            colour = code_colour(code) if code else code_colour("keep" if use else "")
            name = USE_LABELS.get(use, (use, use))[index]
            label = f"{code} {code_name(code, self.language)} · {name}" if code else name
            symbol = QgsFillSymbol.createSimple(
                {"color": colour, "outline_color": "#7f7f7f", "outline_width": "0.2"}
            )
            categories.append(QgsRendererCategory(use, symbol, label))
        return QgsCategorizedSymbolRenderer("use_proposed", categories)

    @contextlib.contextmanager
    def _map_layout(self, layer: QgsVectorLayer, info: ReportInfo) -> Iterator[QgsPrintLayout]:
        """A layout whose first page is the map of the proposed uses, in a project of its
        own; the layer is handed back afterwards (the PDF and the Word map share it)."""
        project = QgsProject()
        if project.addMapLayer(layer) is None:
            raise OSError("cannot add the map layer to the report's layout project")
        try:
            layout = QgsPrintLayout(project)
            layout.initializeDefaults()
            layout.setName(info.title)
            layout.pageCollection().page(0).setPageSize(
                "A4", QgsLayoutItemPage.Orientation.Landscape
            )
            self._map_page(layout, layer, info)
            yield layout
        finally:
            project.takeMapLayer(layer)

    def map_png(self, path: str, layer: QgsVectorLayer, info: ReportInfo) -> str:
        """The map page of the PDF as a PNG (150 dpi), for the Word document."""
        with self._map_layout(layer, info) as layout:
            try:
                export_png(layout, path, dpi=150)
            except OSError:
                raise OSError(
                    self.tr("The map of the report could not be drawn ({0}).").format(path)
                ) from None
        return path

    def pdf(
        self,
        path: str,
        layer: QgsVectorLayer,
        tables: Sequence[Table],
        info: ReportInfo,
        add_pages: Callable[[QgsPrintLayout], object] | None = None,
    ) -> None:
        """The PDF: the map page, one page per table, then the pages ``add_pages`` draws
        (the 附图)."""
        with self._map_layout(layer, info) as layout:
            self._export_pdf(path, layout, tables, add_pages)

    def _export_pdf(
        self,
        path: str,
        layout: QgsPrintLayout,
        tables: Sequence[Table],
        add_pages: Callable[[QgsPrintLayout], object] | None = None,
    ) -> None:
        titles = self.titles()
        with tempfile.TemporaryDirectory() as folder:  # the charts' SVG files
            for table in tables:
                number = self._new_page(layout)
                self._label(
                    layout, titles.get(table.name, table.name), 14, True, (10, 8, 277, 10), number
                )
                self._table(layout, table, number)
                if table.name == "work_plan":
                    self._chart_page(
                        layout, self.gantt(table, titled=False), Path(folder) / "gantt.svg"
                    )
            if add_pages is not None:
                add_pages(layout)
            exporter = QgsLayoutExporter(layout)
            settings = QgsLayoutExporter.PdfExportSettings()
            settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText
            settings.rasterizeWholeImage = False
            result = exporter.exportToPdf(path, settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise OSError(
                self.tr("The PDF report could not be written to {0} ({1}).").format(
                    path, exporter.errorMessage() or result
                )
            )

    @staticmethod
    def _new_page(layout: QgsPrintLayout) -> int:
        """An A4 landscape page at the end; its index."""
        pages = layout.pageCollection()
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
        pages.addPage(page)
        return pages.pageCount() - 1

    def _chart_page(self, layout: QgsPrintLayout, svg: str, path: Path) -> None:
        """A page with a chart (SVG drawn as a vector picture); none without one."""
        if not svg:
            return
        path.write_text(svg, encoding="utf-8")
        number = self._new_page(layout)
        self._label(layout, self.tr("Work plan by year"), 14, True, (10, 8, 277, 10), number)
        picture = QgsLayoutItemPicture(layout)
        picture.setPicturePath(str(path))
        picture.setResizeMode(QgsLayoutItemPicture.ResizeMode.Zoom)
        layout.addLayoutItem(picture)
        picture.attemptMove(QgsLayoutPoint(10, 22), page=number)
        picture.attemptResize(QgsLayoutSize(277, 175))

    def _label(
        self,
        layout: QgsPrintLayout,
        text: str,
        size: float,
        bold: bool,
        box: tuple[float, float, float, float],
        page: int,
    ) -> QgsLayoutItemLabel:
        label = QgsLayoutItemLabel(layout)
        label.setText(text)
        if hasattr(label, "setTextFormat"):  # QGIS >= 3.24
            label.setTextFormat(cjk_text_format(size, bold))
        else:
            label.setFont(cjk_font(size, bold))
        layout.addLayoutItem(label)
        x, y, width, height = box
        label.attemptMove(QgsLayoutPoint(x, y), page=page)
        label.attemptResize(QgsLayoutSize(width, height))
        return label

    def _map_page(self, layout: QgsPrintLayout, layer: QgsVectorLayer, info: ReportInfo) -> None:
        self._label(layout, info.title, 18, True, (10, 5, 277, 12), 0)
        item = QgsLayoutItemMap(layout)
        layout.addLayoutItem(item)
        item.attemptSetSceneRect(QRectF(10, 20, 200, 165))  # page 1 starts at y = 0
        item.setCrs(layer.crs())
        item.setLayers([layer])
        extent = layer.extent()
        if not extent.isEmpty():
            item.zoomToExtent(extent.buffered(max(extent.width(), extent.height()) * 0.03))
        item.setFrameEnabled(True)
        legend = QgsLayoutItemLegend(layout)
        legend.setTitle(self.tr("Legend"))
        legend.setLinkedMap(item)
        for style in (
            QgsLegendStyle.Style.Title,
            QgsLegendStyle.Style.SymbolLabel,
            QgsLegendStyle.Style.Subgroup,
        ):
            try:
                legend.rstyle(style).setTextFormat(
                    cjk_text_format(9, style == QgsLegendStyle.Title)
                )
            except AttributeError:  # QGIS < 3.30
                legend.rstyle(style).setFont(cjk_font(9, style == QgsLegendStyle.Title))
        legend.setWrapString(" · ")  # long class labels wrap inside the page
        layout.addLayoutItem(legend)
        legend.attemptMove(QgsLayoutPoint(215, 20), page=0)
        legend.adjustBoxSize()
        arrow = _north_arrow()
        if arrow:
            picture = QgsLayoutItemPicture(layout)
            picture.setPicturePath(arrow)
            layout.addLayoutItem(picture)
            picture.attemptMove(QgsLayoutPoint(190, 22), page=0)
            picture.attemptResize(QgsLayoutSize(16, 16))
        else:
            self._label(layout, "N ↑", 14, True, (190, 22, 16, 10), 0)
        scale = QgsLayoutItemScaleBar(layout)
        scale.setStyle("Single Box")
        scale.setLinkedMap(item)
        scale.setUnits(QgsUnitTypes.DistanceUnit.DistanceMeters)
        scale.applyDefaultSize()
        if hasattr(scale, "setTextFormat"):
            scale.setTextFormat(cjk_text_format(8))
        layout.addLayoutItem(scale)
        scale.attemptMove(QgsLayoutPoint(10, 187), page=0)
        note = (
            self.crs_note(info)
            + " "
            + self.tr("Created {0}").format(f"{info.created:%Y-%m-%d %H:%M}")
        )
        if info.rule_pack:
            note += " " + self.tr("Rule pack: {0}").format(info.rule_pack)
        self._label(layout, note, 8, False, (10, 198, 277, 9), 0)

    def _table(self, layout: QgsPrintLayout, table: Table, page: int) -> None:
        headers, rows, _ = self.table_rows(table)
        text_table = QgsLayoutItemTextTable(layout)
        layout.addMultiFrame(text_table)
        columns = []
        widths = PDF_COLUMN_WIDTHS_MM.get(table.name, ())
        if table.name in PDF_WIDTHS_BY_COLUMN_MM:
            by_column = PDF_WIDTHS_BY_COLUMN_MM[table.name]
            widths = tuple(by_column.get(c, 12.0) for c in self.shown_columns(table))
        for index, header in enumerate(headers):
            column = QgsLayoutTableColumn()
            column.setHeading(header)
            if index < len(widths):
                column.setWidth(widths[index])  # long texts wrap inside the page
            columns.append(column)
        text_table.setColumns(columns)
        if widths:
            text_table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
            # QGIS wraps at spaces only: Chinese text gets its line breaks here.
            rows = [
                [
                    wrap_cjk(cell, widths[i], 8) if i < len(widths) else cell
                    for i, cell in enumerate(row)
                ]
                for row in rows
            ]
        text_table.setHeaderTextFormat(cjk_text_format(8, True))
        text_table.setContentTextFormat(cjk_text_format(8))
        text_table.setContents(rows)
        text_table.setResizeMode(QgsLayoutMultiFrame.ResizeMode.RepeatUntilFinished)
        frame = QgsLayoutFrame(layout, text_table)
        text = self.chapter_text(table)
        top = 20.0
        if text:  # the sentence under the title, the table below it
            self._label(layout, text, 9, False, (10, 18, 277, 8), page)
            top = 27.0
        frame.attemptMove(QgsLayoutPoint(10, top), page=page)
        frame.attemptResize(QgsLayoutSize(277, 200 - top))
        text_table.addFrame(frame)
        text_table.recalculateFrameSizes()


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_MM_PER_POINT = 25.4 / 72.0


def wrap_cjk(text: str, width_mm: float, size_pt: float) -> str:
    """``text`` with line breaks so that no line is wider than ``width_mm`` at
    ``size_pt``, when it holds Chinese (a wide character is one em, others about half);
    text without Chinese is left to QGIS's wrapping at spaces."""
    if not _WIDE.search(text):
        return text
    em = size_pt * _MM_PER_POINT
    usable = max(width_mm - 2.0 * em, em)  # the cell's margins
    lines, line, used = [], "", 0.0
    for char in text:
        advance = em if _WIDE.match(char) else 0.55 * em
        if line and used + advance > usable:
            lines.append(line.rstrip())
            line, used = "", 0.0
            if char == " ":
                continue
        line += char
        used += advance
    lines.append(line)
    return "\n".join(lines)


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.2f} %" if whole > 0 else "—"


def _north_arrow() -> str:
    """An SVG north arrow from QGIS's SVG paths, '' when none is found."""
    for folder in QgsApplication.svgPaths():
        for name in ("NorthArrow_02.svg", "NorthArrow_01.svg"):
            candidate = Path(folder) / "arrows" / name
            if candidate.is_file():
                return str(candidate)
    return ""


def is_numeric(text: str) -> bool:
    """A cell that holds a number (right-aligned in the reports)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


_CSS = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;"
    "margin:2em;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.6em}"
    ".meta{color:#555;margin:.2em 0}.key{font-weight:bold}"
    "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}"
    "th,td{border:1px solid #bbb;padding:.25em .6em}th{background:#eee}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.total td{font-weight:bold;background:#f6f6f6}tr.unknown td,tr.not_reclaimed td"
    "{color:#666}tr.detail td:first-child{padding-left:2em}"
    ".charts{display:flex;flex-wrap:wrap;gap:2em}svg text{font-size:12px}"
    "svg .ct{font-weight:bold;font-size:13px}li.fail{color:#b2182b}"
)


# --- files ----------------------------------------------------------------------------


def write_tables(path: str, driver_name: str, tables: Iterable[Table]) -> None:
    """Non-spatial tables into a new OGR dataset (GPKG or XLSX), typed columns."""
    with gdal_exceptions(vectors=True):
        driver = ogr.GetDriverByName(driver_name)
        if driver is None:
            raise OSError(f"GDAL has no {driver_name} driver")
        dataset = driver.CreateDataSource(path)
        for table in tables:
            layer = dataset.CreateLayer(table.name, geom_type=ogr.wkbNone)
            for column in table.columns:
                layer.CreateField(ogr.FieldDefn(column.name, OGR_TYPES[column.kind]))
            transaction = driver_name == "GPKG"
            if transaction:
                dataset.StartTransaction()
            definition = layer.GetLayerDefn()
            for row in table.rows:
                feature = ogr.Feature(definition)
                for i, value in enumerate(row):
                    if value is not None:
                        feature.SetField(i, value)
                layer.CreateFeature(feature)
            if transaction:
                dataset.CommitTransaction()
        dataset = None


class StagedOutputs(Translatable):
    """Outputs written beside their targets under temporary names, moved into place by
    ``commit()``; ``discard()`` removes whatever was not committed."""

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []

    def check_folder(self, path: str) -> None:
        """Refuse a destination whose folder is missing or read-only, or a read-only file."""
        if not path:
            return
        target = Path(path)
        folder = target.parent
        if not folder.is_dir():
            raise OSError(self.tr("The folder of {0} does not exist.").format(path))
        if target.is_dir():
            raise OSError(self.tr("{0} is a folder, not a file name.").format(path))
        if not os.access(folder, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
            raise OSError(
                self.tr("Cannot write {0}: the file or its folder is read-only.").format(path)
            )

    def _temp(self, path: str) -> Path:
        target = Path(path)
        temp = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp{target.suffix}")
        self.staged.append((temp, target))
        return temp

    def tables(
        self,
        path: str,
        tables: Sequence[Table],
        record: RunRecord,
        parameters: Mapping[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> None:
        temp = self._temp(path)
        try:
            write_tables(str(temp), "GPKG", tables)
            append_run_log(str(temp), record.run_id, record.rows(parameters, context, feedback))
        except RuntimeError as error:
            raise OSError(self.tr("Cannot write {0}: {1}").format(path, error)) from None

    def xlsx(self, path: str, writer: ReportWriter, tables: Sequence[Table]) -> None:
        temp = self._temp(path)
        try:
            shown = [writer.shown_table(table, n) for n, table in enumerate(tables, start=1)]
            write_tables(str(temp), "XLSX", shown)
        except RuntimeError as error:
            raise OSError(self.tr("Cannot write {0}: {1}").format(path, error)) from None

    def html(self, path: str, text: str) -> None:
        temp = self._temp(path)
        try:
            temp.write_text(text, encoding="utf-8")
        except OSError as error:
            raise OSError(self.tr("Cannot write {0}: {1}").format(path, error)) from None

    def docx(
        self,
        path: str,
        language: str,
        summary: Summary,
        tables: Sequence[Table],
        info: ReportInfo,
        layer: QgsVectorLayer,
        figures: Callable[[Path], list[tuple[str, str]]] | None = None,
    ) -> None:
        """The Word report; ``figures`` draws the 附图 as PNGs into a folder it is given
        and returns them as (name, path)."""
        from .report_docx import DocxReport, docx_available

        if not docx_available():
            raise OSError(
                self.tr(
                    "The Word report needs the Python module docx: install the Debian package "
                    "python3-docx (or pip install python-docx) and run again."
                )
            )
        temp = self._temp(path)
        with tempfile.TemporaryDirectory(prefix="reclamation-figures-") as folder:
            report = DocxReport(language)
            drawn = report.map_png(str(Path(folder) / "map.png"), layer, info)
            sheets = figures(Path(folder)) if figures is not None else []
            report.write(str(temp), summary, tables, info, drawn, sheets)  # noqa: QGS201

    def pdf(
        self,
        path: str,
        writer: ReportWriter,
        layer: QgsVectorLayer,
        tables: Sequence[Table],
        info: ReportInfo,
        add_pages: Callable[[QgsPrintLayout], object] | None = None,
    ) -> None:
        writer.pdf(str(self._temp(path)), layer, tables, info, add_pages)

    def commit(self) -> None:
        for temp, target in self.staged:
            try:
                temp.replace(target)
            except OSError as error:
                raise OSError(
                    self.tr("Cannot replace {0}: {1}").format(target, error.strerror or error)
                ) from None
        self.staged = []

    def discard(self) -> None:
        for temp, _ in self.staged:
            for leftover in (temp, Path(f"{temp}-wal"), Path(f"{temp}-shm")):
                if leftover.exists():
                    leftover.unlink()
        self.staged = []
