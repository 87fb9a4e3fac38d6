"""The plan's maps (附图) as print layouts left in the project, editable in the layout
designer: 土地利用现状图 (current land use), 土地损毁分析图 (damage analysis), 土地复垦规划图
(reclamation plan) and, with the ecological network, 生态网络图 (corridors and sources over
the plan).

Each A3 landscape sheet has the map frame with a coordinate grid labelled in the project's
CRS (CGCS2000 Gauss–Krüger metres in China), the study-area boundary (复垦区/责任范围) and
any context layers given (rivers, a raster base), the unit numbers on the plan map, a legend
of the classes the map shows (no empty classes), a numeric and a graphic scale, a north
arrow, and a title block (图名, 项目, 编制单位, 日期, 图号).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateTransform,
    QgsCsException,
    QgsLayerTreeLayer,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayer,
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
)

from .report import ReportWriter, cjk_font, cjk_text_format, export_png
from .styling import legend_labels

SHEET_KEYS = ("landuse", "damage", "plan", "network")
_MM = QgsUnitTypes.LayoutMillimeters
_MAP_BOX = (10.0, 22.0, 300.0, 265.0)  # x, y, width, height (mm) on A3 landscape
_SIDE_X = 318.0
_SIDE_WIDTH = 92.0


@dataclass(frozen=True)
class SheetLayers:
    """What the sheets show: the layer of each sheet (None: that sheet is not made), the
    study-area boundary and context layers drawn on every sheet."""

    landuse: QgsMapLayer | None
    damage: QgsMapLayer | None
    plan: QgsMapLayer | None
    boundary: QgsMapLayer | None = None
    context: Sequence[QgsMapLayer] = ()
    contours: QgsMapLayer | None = None
    # 生态网络图: the corridors (the sheet's layer), over the sources and the plan.
    network: QgsMapLayer | None = None
    sources: QgsMapLayer | None = None


@dataclass(frozen=True)
class SheetInfo:
    project_name: str
    prepared_by: str = ""
    made_on: date | None = None


class PlanMaps(ReportWriter):
    """Builds the sheets in the report's language (labels as the report's PDF)."""

    def titles(self) -> dict[str, str]:
        return {
            "landuse": self.tr("Current land use map"),
            "damage": self.tr("Land damage analysis map"),
            "plan": self.tr("Land reclamation plan map"),
            "network": self.tr("Ecological network map"),
        }

    def layer_names(self) -> dict[str, str]:
        """Names of the sheets' main layers (the legend's heading) in the report's language."""
        return {
            "landuse": self.tr("Current land use"),
            "damage": self.tr("Damage type and degree"),
            "plan": self.tr("Proposed use"),
            "network": self.tr("Ecological corridors"),
            "sources": self.tr("Ecological sources"),
        }

    def add_layouts(
        self, project: QgsProject, layers: SheetLayers, info: SheetInfo
    ) -> list[QgsPrintLayout]:
        """The sheets whose layer is given, added to the project's layout manager (a sheet
        of the same name is replaced)."""
        made = []
        for number, key, main in _sheets(layers):
            layout = self._sheet(project, key, main, layers, info, number)
            manager = project.layoutManager()
            existing = manager.layoutByName(layout.name())
            if existing is not None:
                manager.removeLayout(existing)
            manager.addLayout(layout)
            made.append(layout)
        return made

    # --- one sheet --------------------------------------------------------------------

    def _sheet(
        self,
        project: QgsProject,
        key: str,
        main: QgsMapLayer,
        layers: SheetLayers,
        info: SheetInfo,
        number: int,
    ) -> QgsPrintLayout:
        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        figure = self.tr("Figure {0}").format(number)
        layout.setName(f"{figure} {self.titles()[key]}")
        layout.pageCollection().page(0).setPageSize("A3", QgsLayoutItemPage.Orientation.Landscape)
        self._draw(layout, 0, key, main, layers, info, number)
        return layout

    def sheet_pngs(
        self, layers: SheetLayers, info: SheetInfo, folder: Path, dpi: int = 150
    ) -> list[tuple[str, str]]:
        """The sheets whose layer is given as PNGs in ``folder``: (sheet name, path)."""
        drawn = []
        project = QgsProject()  # the layouts' home while they are drawn; layers stay out
        for number, key, main in _sheets(layers):
            layout = self._sheet(project, key, main, layers, info, number)
            path = folder / f"figure_{number}.png"
            export_png(layout, str(path), dpi)
            drawn.append((layout.name(), str(path)))
        return drawn

    def add_pages(self, layout: QgsPrintLayout, layers: SheetLayers, info: SheetInfo) -> int:
        """The sheets whose layer is given, each drawn on an A3 landscape page added to
        ``layout`` (the report's PDF ends with them); how many were added."""
        pages = layout.pageCollection()
        added = 0
        for number, key, main in _sheets(layers):
            page = QgsLayoutItemPage(layout)
            page.setPageSize("A3", QgsLayoutItemPage.Orientation.Landscape)
            pages.addPage(page)
            self._draw(layout, pages.pageCount() - 1, key, main, layers, info, number)
            added += 1
        return added

    def _draw(
        self,
        layout: QgsPrintLayout,
        page: int,
        key: str,
        main: QgsMapLayer,
        layers: SheetLayers,
        info: SheetInfo,
        number: int,
    ) -> None:
        """One sheet on page ``page`` of ``layout``."""
        title = self.titles()[key]
        self._label(layout, f"{info.project_name} {title}", 18, True, (10, 6, 400, 12), page)
        # Drawn first to last: the study boundary on top, the sheet's own layer at the bottom.
        shown = [layers.boundary, *(layers.context), main]
        if key == "damage":
            shown.insert(1, layers.contours)
        if key == "network":
            shown = [layers.boundary, main, layers.sources, *(layers.context), layers.plan]
        visible = [layer for layer in shown if layer is not None]
        item = self._map(layout, page, visible, layers, main)
        also = layers.sources if key == "network" else None
        legend = self._legend(layout, page, item, main, key, also)
        self._north_arrow(layout, page)
        bottom = self._scales(layout, page, item)
        self._title_block(layout, page, title, info, number, bottom)
        legend.updateFilterByMap()

    def _map(
        self,
        layout: QgsPrintLayout,
        page: int,
        shown: list[QgsMapLayer],
        layers: SheetLayers,
        main: QgsMapLayer,
    ) -> QgsLayoutItemMap:
        x, y, width, height = _MAP_BOX
        item = QgsLayoutItemMap(layout)
        item.setLayers(shown)
        item.setKeepLayerSet(True)
        # The sheet is drawn in the plan's CRS (its grid and scale in metres), whatever the
        # project's CRS is.
        item.setCrs(main.crs())
        layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(x, y, _MM), page=page)
        item.attemptResize(QgsLayoutSize(width, height, _MM))
        extent = self._extent(layers.boundary or main, main, layout.project())
        extent.grow(max(extent.width(), extent.height()) * 0.05)
        item.setExtent(extent)  # zoomToExtent alone leaves an empty extent on QGIS 3.22
        item.attemptResize(QgsLayoutSize(width, height, _MM))  # setExtent resized the frame
        item.zoomToExtent(extent)
        item.setScale(_round_scale(item.scale()))  # 1:12 500, not 1:12 209.99
        item.setFrameEnabled(True)
        self._grid(item)
        return item

    @staticmethod
    def _extent(layer: QgsMapLayer, main: QgsMapLayer, project: QgsProject) -> QgsRectangle:
        """The extent of ``layer`` in the CRS of the sheet's main layer."""
        extent = QgsRectangle(layer.extent())
        if layer.crs() == main.crs() or not layer.crs().isValid():
            return extent
        transform = QgsCoordinateTransform(layer.crs(), main.crs(), project.transformContext())
        try:
            return transform.transformBoundingBox(extent)
        except QgsCsException:
            return QgsRectangle(main.extent())

    def _grid(self, item: QgsLayoutItemMap) -> None:
        """A coordinate grid in the map's CRS, labelled on every side, a round interval."""
        extent = item.extent()
        interval = _round_interval(max(extent.width(), extent.height()) / 5)
        grid = QgsLayoutItemMapGrid(self.tr("Coordinate grid"), item)
        grid.setIntervalX(interval)
        grid.setIntervalY(interval)
        grid.setStyle(QgsLayoutItemMapGrid.Cross)
        grid.setCrossLength(2.0)
        grid.setAnnotationEnabled(True)
        grid.setAnnotationPrecision(0)
        grid.setAnnotationTextFormat(cjk_text_format(7))
        grid.setFrameStyle(QgsLayoutItemMapGrid.Zebra)
        item.grids().addGrid(grid)

    def _legend(
        self,
        layout: QgsPrintLayout,
        page: int,
        item: QgsLayoutItemMap,
        main: QgsMapLayer,
        key: str,
        also: QgsMapLayer | None = None,
    ) -> QgsLayoutItemLegend:
        legend = QgsLayoutItemLegend(layout)
        legend.setLinkedMap(item)
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.clear()
        node = root.addLayer(main)
        self._relabel(legend, node, main, key)
        if also is not None:
            root.addLayer(also)
        legend.setTitle(self.tr("Legend"))
        legend.setStyleFont(QgsLegendStyle.Title, cjk_font(12, bold=True))
        legend.setStyleFont(QgsLegendStyle.Subgroup, cjk_font(10))
        legend.setStyleFont(QgsLegendStyle.SymbolLabel, cjk_font(9))
        legend.setWrapString(" · ")  # long class labels wrap inside the column
        legend.setLegendFilterByMapEnabled(True)  # only the classes the map shows
        layout.addLayoutItem(legend)
        legend.attemptMove(QgsLayoutPoint(_SIDE_X, 22, _MM), page=page)
        return legend

    def _relabel(
        self, legend: QgsLayoutItemLegend, node: QgsLayerTreeLayer, main: QgsMapLayer, key: str
    ) -> None:
        """The legend's entries in the sheet's language (a layer styled in QGIS's language
        keeps its style; only this legend's labels change)."""
        renderer = main.renderer() if isinstance(main, QgsVectorLayer) else None
        if not isinstance(renderer, QgsCategorizedSymbolRenderer):
            return
        labels = legend_labels(key, main, self.language)
        for index, category in enumerate(renderer.categories()):
            label = labels.get(str(category.value()))
            if label:
                QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, label)
        legend.model().refreshLayerLegend(node)

    def _north_arrow(self, layout: QgsPrintLayout, page: int) -> None:
        arrow = QgsLayoutItemPicture(layout)
        svg = Path(QgsApplication.pkgDataPath()) / "svg" / "arrows" / "NorthArrow_02.svg"
        arrow.setPicturePath(str(svg))
        layout.addLayoutItem(arrow)
        corner = QgsLayoutPoint(_MAP_BOX[0] + _MAP_BOX[2] - 22, _MAP_BOX[1] + 4, _MM)
        arrow.attemptMove(corner, page=page)
        arrow.attemptResize(QgsLayoutSize(16, 16, _MM))

    def _scales(self, layout: QgsPrintLayout, page: int, item: QgsLayoutItemMap) -> float:
        """The numeric scale (1:…) and the graphic one, under the legend; their bottom."""
        text = cjk_text_format(9)
        y = 222.0
        for style in ("Numeric", "Single Box"):
            bar = QgsLayoutItemScaleBar(layout)
            bar.setStyle(style)
            bar.setLinkedMap(item)
            bar.applyDefaultSize()
            bar.setTextFormat(text)
            layout.addLayoutItem(bar)
            bar.attemptMove(QgsLayoutPoint(_SIDE_X, y, _MM), page=page)
            y += 10.0
        return y

    def _title_block(
        self,
        layout: QgsPrintLayout,
        page: int,
        title: str,
        info: SheetInfo,
        number: int,
        top: float,
    ) -> None:
        made_on = info.made_on or date.today()
        lines = [
            (self.tr("Map"), title),
            (self.tr("Project"), info.project_name),
            (self.tr("Prepared by"), info.prepared_by or "—"),
            (self.tr("Date"), f"{made_on:%Y-%m-%d}"),
            (self.tr("Sheet"), self.tr("Figure {0}").format(number)),
        ]
        height = 32.0
        block = self._label(
            layout,
            "\n".join(
                f"{name}：{value}" if self.zh else f"{name}: {value}" for name, value in lines
            ),
            9,
            False,
            (_SIDE_X, 287.0 - height, _SIDE_WIDTH, height),
            page,
        )
        block.setFrameEnabled(True)
        block.setMarginX(2.0)
        block.setMarginY(1.5)


def _sheets(layers: SheetLayers) -> Iterator[tuple[int, str, QgsMapLayer]]:
    """(number, key, main layer) of the sheets to draw: those whose layer is given and has
    something to frame; numbered by their place in SHEET_KEYS (附图1 … 附图4)."""
    for number, key in enumerate(SHEET_KEYS, start=1):
        main = getattr(layers, key)
        if main is not None and _drawable(layers.boundary or main):
            yield number, key, main


def _drawable(layer: QgsMapLayer) -> bool:
    """A layer with an extent to frame (not empty, not a point)."""
    extent = layer.extent()
    return not extent.isNull() and extent.isFinite() and extent.width() > 0 and extent.height() > 0


def _round_scale(scale: float) -> float:
    """The next round scale denominator up: 1, 1.25, 2, 2.5, 5 × a power of ten (the whole
    extent stays in the frame)."""
    if not scale > 0:
        return scale
    power = 10 ** math.floor(math.log10(scale))
    return next(m * power for m in (1, 1.25, 2, 2.5, 5, 10) if m * power >= scale - 1e-6)


def _round_interval(span: float) -> float:
    """A round grid interval near ``span``: 1, 2 or 5 × a power of ten."""
    if span <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(span))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda v: abs(v - span))
