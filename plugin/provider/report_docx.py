"""The report as a Word document (.docx), because plans are finished and handed in in Word.

The same content as the HTML report, in the report's language: title and notes, the project
overview, the key figures, the map of the proposed uses (an image of the PDF's map page),
every table under its title ("表1 …"; the structure tables with merged headers: before,
after, change), the closure checks and the warnings. Written with python-docx (Debian's
python3-docx); without it the DOCX output is refused with the package to install.
"""

from __future__ import annotations

import importlib.util
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..core.accounting import Summary, Table
from .report import OPENING_TABLES, ReportInfo, ReportWriter, is_numeric
from .report_schedule import svg_to_png

# Structure tables: header groups over their columns (first, last shown column, group key).
STRUCTURE_GROUPS = (
    ("before_hm2", "before_pct", "before"),
    ("after_hm2", "after_pct", "after"),
    ("change_hm2", "change_mu", "change"),
)
HEADER_GROUPS = {"landuse_structure": STRUCTURE_GROUPS}
HEADER_GROUPS["landuse_structure_detail"] = HEADER_GROUPS["landuse_structure"]
EAST_ASIAN_FONT = "SimSun"  # 宋体, the usual body face of Chinese plans


def docx_available() -> bool:
    return importlib.util.find_spec("docx") is not None


class DocxReport(ReportWriter):
    """Writes the .docx; labels and words are the ReportWriter's, in its language."""

    def write(
        self,
        path: str,
        summary: Summary,
        tables: Sequence[Table],
        info: ReportInfo,
        map_png: str | None,
        figures: Sequence[tuple[str, str]] = (),
    ) -> None:
        """The document; ``figures``: the 附图 as (name, PNG path), at the end."""
        import docx
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        document = docx.Document()
        section = document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
        for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, margin, Cm(1.5))
        self._fonts(document, Pt(10.5))
        document.add_heading(info.title, level=0)
        for note in self.notes(info):
            document.add_paragraph(note)
        titles = self.titles()
        numbered = {table.name: n for n, table in enumerate(tables, start=1)}
        for table in tables:
            if table.name in OPENING_TABLES:
                self._table(document, table, titles, numbered[table.name])
        document.add_paragraph(self.key_figures(summary))
        if map_png and Path(map_png).exists():
            document.add_picture(map_png, width=Cm(25.0))
        with tempfile.TemporaryDirectory(prefix="reclamation-chart-") as folder:
            for table in tables:
                if table.name not in OPENING_TABLES:
                    self._table(document, table, titles, numbered[table.name])
                svg = self.gantt(table, titled=False) if table.name == "work_plan" else ""
                if svg:  # the work plan's chart under its table
                    document.add_heading(self.tr("Work plan by year"), level=2)
                    png = svg_to_png(svg, str(Path(folder) / "gantt.png"))
                    document.add_picture(png, width=Cm(25.0))
        document.add_heading(self.tr("Closure"), level=1)
        for closure in summary.closures:
            document.add_paragraph(self.closure_sentence(closure), style="List Bullet")
        if info.warnings:
            document.add_heading(self.tr("Warnings"), level=1)
            for warning in info.warnings:
                document.add_paragraph(warning, style="List Bullet")
        if figures:
            document.add_heading(self.tr("Maps"), level=1)
        for name, png in figures:  # A3 sheets, 25 cm wide: 17.7 cm high, inside the page
            document.add_heading(name, level=2)
            document.add_picture(png, width=Cm(25.0))
        document.save(path)

    def _fonts(self, document: Any, size: Any) -> None:
        from docx.oxml.ns import qn

        for name in ("Normal", "Title", "Heading 1", "List Bullet"):
            style = document.styles[name]
            if name == "Normal":
                style.font.size = size
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)

    def _table(self, document: Any, table: Table, titles: dict, number: int) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        label = self.tr("Table {0}").format(number)
        document.add_heading(f"{label} {titles.get(table.name, table.name)}", level=1)
        text = self.chapter_text(table)
        if text:
            document.add_paragraph(text)
        headers, rows, _ = self.table_rows(table)
        columns = self.shown_columns(table)
        groups = HEADER_GROUPS.get(table.name, ())
        header_rows = 2 if groups else 1
        grid = document.add_table(rows=header_rows + len(rows), cols=len(headers))
        grid.style = "Table Grid"
        if groups:
            self._grouped_header(grid, headers, columns, groups)
        else:
            for i, header in enumerate(headers):
                self._cell(grid.cell(0, i), header, bold=True)
        for r, cells in enumerate(rows, start=header_rows):
            for c, text in enumerate(cells):
                paragraph = self._cell(grid.cell(r, c), text)
                if is_numeric(text):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def _grouped_header(
        self, grid: Any, headers: list[str], columns: tuple[str, ...], groups: tuple
    ) -> None:
        """Two header rows: a group label merged over its columns (复垦前 | 复垦后 | 变化),
        the unit of each column below; other columns span both rows."""
        words = {
            "before": self.tr("Before"),
            "after": self.tr("After"),
            "change": self.tr("Change"),
        }
        grouped: set[int] = set()
        for first, last, key in groups:
            if first not in columns or last not in columns:
                continue
            start, end = columns.index(first), columns.index(last)
            merged = grid.cell(0, start).merge(grid.cell(0, end))
            self._cell(merged, words[key], bold=True)
            for i in range(start, end + 1):
                self._cell(grid.cell(1, i), _unit_of(columns[i]), bold=True)
                grouped.add(i)
        for i, header in enumerate(headers):
            if i not in grouped:
                self._cell(grid.cell(0, i).merge(grid.cell(1, i)), header, bold=True)

    @staticmethod
    def _cell(cell: Any, text: str, bold: bool = False) -> Any:
        cell.text = ""
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(text)
        run.bold = bold
        return paragraph


def _unit_of(column: str) -> str:
    return {"hm2": "hm²", "mu": "亩", "pct": "%", "m2": "m²"}.get(column.rsplit("_", 1)[-1], "")
