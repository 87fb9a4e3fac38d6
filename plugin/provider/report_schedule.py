"""The work plan's chart (进度安排横道图) for the report: the service period's years across,
the production, settling and after-care periods on top, one bar per stage over the years of
its works with the area reclaimed, and the after-care under them. One SVG for the HTML
report (inline) and the PDF (a picture item)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PERIOD_COLOURS = {"production": "#b08850", "settling": "#d8c25a", "aftercare": "#6bb3c4"}
WORKS_COLOUR = "#4e8f3a"
CARE_COLOUR = "#9ecae1"


@dataclass(frozen=True)
class GanttWords:
    title: str
    periods: Mapping[str, str]  # production, settling, aftercare -> name
    aftercare: str


def gantt_svg(
    rows: Sequence[Mapping[str, Any]], words: GanttWords, font_family: str, titled: bool = True
) -> str:
    """The chart of the work plan's stage rows (row_kind "item"); "" without stages.
    ``titled``: the title inside the chart (the PDF's page has its own)."""
    stages = [r for r in rows if r.get("row_kind") == "item" and r.get("year_start")]
    if not stages:
        return ""
    first, last = int(stages[0]["year_start"]), int(stages[-1]["year_end"])
    years = last - first + 1
    label_width, row_height, top = 130, 26, 46
    year_width = max(22.0, min(48.0, 640.0 / years))
    width = label_width + years * year_width + 90
    lines = 2 + len(stages)
    height = top + lines * row_height + 10
    counts = {key: sum(int(r.get(f"{key}_years") or 0) for r in stages) for key in PERIOD_COLOURS}
    works_end = first + counts["production"] + counts["settling"] - 1
    # Presentation attributes, not CSS: Qt's SVG renderer (the PDF's picture) reads them.
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img" aria-label="{html.escape(words.title)}" '
        f'font-family="{html.escape(font_family)}, sans-serif" font-size="11">',
    ]
    if titled:
        title = html.escape(words.title)
        parts.append(f'<text x="0" y="14" font-weight="bold" font-size="13">{title}</text>')

    def x(year: float) -> float:
        return label_width + (year - first) * year_width

    step = 1 if years <= 20 else 5
    for year in range(first, last + 1):
        left = x(year)
        parts.append(
            f'<line x1="{left:.1f}" y1="{top - 8}" x2="{left:.1f}" y2="{height - 8}" '
            'stroke="#ddd" stroke-width="0.5"/>'
        )
        if (year - first) % step == 0:
            parts.append(
                f'<text x="{left + year_width / 2:.1f}" y="{top - 12}" text-anchor="middle" '
                f'font-size="9">{year}</text>'
            )

    def bar(line: int, start: float, end: float, colour: str, text: str = "") -> None:
        y = top + line * row_height
        left, right = x(start), x(end + 1)
        parts.append(
            f'<rect x="{left:.1f}" y="{y + 4}" width="{max(right - left, 1):.1f}" '
            f'height="{row_height - 10}" fill="{colour}" stroke="#555" stroke-width="0.4"/>'
        )
        if text:
            parts.append(
                f'<text x="{right + 3:.1f}" y="{y + row_height / 2 + 4}">{html.escape(text)}</text>'
            )

    def label(line: int, text: str) -> None:
        y = top + line * row_height + row_height / 2 + 4
        parts.append(
            f'<text x="{label_width - 6}" y="{y}" text-anchor="end">{html.escape(text)}</text>'
        )

    start = first
    for key, colour in PERIOD_COLOURS.items():
        if counts[key]:
            bar(0, start, start + counts[key] - 1, colour)
            middle = x(start + counts[key] / 2)
            y = top + row_height / 2 + 4
            parts.append(
                f'<text x="{middle:.1f}" y="{y}" text-anchor="middle" font-size="10">'
                f"{html.escape(words.periods[key])}</text>"
            )
            start += counts[key]
    for line, row in enumerate(stages, start=1):
        label(line, str(row.get("stage_name") or ""))
        area = float(row.get("works_hm2") or 0.0)
        end = min(int(row["year_end"]), max(works_end, int(row["year_start"])))
        if area > 0:
            bar(line, int(row["year_start"]), end, WORKS_COLOUR, f"{area:.4f} hm²")
    care_line = len(stages) + 1
    label(care_line, words.aftercare)
    for row in stages:
        area = float(row.get("aftercare_hm2") or 0.0)
        if area > 0:
            bar(care_line, int(row["year_start"]), int(row["year_end"]), CARE_COLOUR)
            middle = x((int(row["year_start"]) + int(row["year_end"]) + 1) / 2)
            y = top + care_line * row_height + row_height / 2 + 4
            parts.append(
                f'<text x="{middle:.1f}" y="{y}" text-anchor="middle" font-size="9">'
                f"{area:.2f}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def svg_to_png(svg: str, path: str, scale: float = 2.0) -> str:
    """The chart as a PNG (white background, ``scale`` × its size), for the Word report."""
    from qgis.PyQt.QtCore import QByteArray, QSize
    from qgis.PyQt.QtGui import QColor, QImage, QPainter
    from qgis.PyQt.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(
        QSize(round(size.width() * scale), round(size.height() * scale)),
        QImage.Format.Format_ARGB32,
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(path, "PNG"):
        raise OSError(f"the chart could not be written to {path}")
    return path
