"""Unit labels on a raster grid, one block at a time, with GDAL (no QGIS import).

The units live in an OGR datasource, already in the raster's CRS, each with a distinct
integer label from 1 (:class:`UnitLayer`). For every block window a MEM raster of that
window is rasterized (in cache-sized strips) from the units whose geometry meets it (an
OGR spatial filter on the window's extent), so no whole-raster label array ever exists.

Cell rule: a cell belongs to a unit when its centre is inside the unit (GDAL's default,
not ALL_TOUCHED), as in QGIS's zonal statistics.

Overlapping units. Each unit burns ``label * 256 + 1`` with MERGE_ALG=ADD, so one pass
gives both the label (``value >> 8``) and how many units cover the cell (``value & 255``).
Cells covered once are labelled directly; that check is the only cost for layers without
overlaps. Cells covered two or more times (rare) are resolved per block: each unit that
meets them is rasterized alone over its own window, and every one of them gets the cell,
as QGIS's per-feature zonal statistics would. A cell covered by 256 units or more would
alias; evaluation units never come close.

Units with no cell centre inside (smaller than a cell, or thin) get the cell that holds
their point on surface (GEOS PointOnSurface: inside the unit even for concave shapes,
unlike the centroid): :meth:`UnitRasterizer.point_cells`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, ogr, osr

from .raster import RasterError, gdal_exceptions

_COUNT_BITS = 8
_COUNT_MASK = (1 << _COUNT_BITS) - 1
_INT32_LABELS = (1 << (31 - _COUNT_BITS)) - 1  # above this, burn into Float64
_BURN_FIELD = "zonal_burn_value"
_STRIP_CELLS = 1 << 20  # cells rasterized at a time (4 MB of Int32)
_FETCH_CHUNK = 500  # labels per attribute-filter query (rare paths only)


@dataclass(frozen=True)
class UnitLayer:
    """Evaluation units in an OGR datasource, already in the raster's CRS.

    ``label_field`` holds distinct integers from 1 (gaps allowed: a missing label is a unit
    without cells): statistics arrays are indexed by ``label - 1`` up to the highest
    label. ``layer`` None means the datasource's first layer.
    """

    path: str
    layer: str | None = None
    label_field: str = "unit_id"

    def describe(self) -> str:
        return f"{self.path}" + (f" (layer {self.layer})" if self.layer else "")


@dataclass(frozen=True)
class Window:
    """A block of the raster grid: rows row0.. and columns col0.. of ``geotransform``."""

    geotransform: tuple[float, ...]
    row0: int
    rows: int
    col0: int
    cols: int

    def window_geotransform(self) -> tuple[float, ...]:
        gt = self.geotransform
        x = gt[0] + self.col0 * gt[1] + self.row0 * gt[2]
        y = gt[3] + self.col0 * gt[4] + self.row0 * gt[5]
        return (x, gt[1], gt[2], y, gt[4], gt[5])

    def extent(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of the window (any geotransform)."""
        gt = self.window_geotransform()
        corners = [(0, 0), (self.cols, 0), (0, self.rows), (self.cols, self.rows)]
        xs = [gt[0] + c * gt[1] + r * gt[2] for c, r in corners]
        ys = [gt[3] + c * gt[4] + r * gt[5] for c, r in corners]
        return min(xs), min(ys), max(xs), max(ys)

    def sub(self, row0: int, rows: int, col0: int, cols: int) -> Window:
        """A window inside this one, with offsets relative to it."""
        return Window(self.geotransform, self.row0 + row0, rows, self.col0 + col0, cols)


@dataclass(frozen=True)
class BlockLabels:
    """Unit labels of one block.

    ``labels`` (rows, cols) int32: the unit of cells covered by exactly one unit, else 0.
    ``extra_labels`` / ``extra_cells``: for cells covered by several units, one entry per
    (unit, cell) pair, cells as flat indices into the block.
    """

    labels: np.ndarray
    extra_labels: np.ndarray
    extra_cells: np.ndarray


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class UnitRasterizer:
    """Rasterizes unit labels block by block; use as a context manager (closes sources)."""

    def __init__(self, units: UnitLayer) -> None:
        self.units = units
        with gdal_exceptions(vectors=True):
            # Two handles: the burn layer (an OGR SQL view) and plain feature access must
            # not share a spatial filter.
            self._burn_source = self._open()
            self._feature_source = self._open()
            self._layer = self._find_layer(self._feature_source)
            self.unit_count = self._check_labels()
            self._float_labels = self.unit_count > _INT32_LABELS
            self._burn_layer = self._create_burn_layer()
        self._mem = gdal.GetDriverByName("MEM")

    # -- set-up ----------------------------------------------------------------------------

    def _open(self) -> gdal.Dataset:
        try:
            source = gdal.OpenEx(self.units.path, gdal.OF_VECTOR | gdal.OF_READONLY)
        except RuntimeError as error:
            raise RasterError(f"cannot open units {self.units.describe()}: {error}") from error
        if source is None:
            raise RasterError(f"cannot open units {self.units.describe()}")
        return source

    def _find_layer(self, source: gdal.Dataset) -> ogr.Layer:
        name = self.units.layer
        layer = source.GetLayerByName(name) if name else source.GetLayer(0)
        if layer is None:
            raise RasterError(f"no layer {name!r} in {self.units.path}")
        return layer

    def _layer_name(self) -> str:
        return self._layer.GetName()

    def _check_labels(self) -> int:
        """The unit count (highest label); labels must be distinct integers from 1."""
        field = self.units.label_field
        definition = self._layer.GetLayerDefn()
        index = definition.GetFieldIndex(field)
        if index < 0:
            raise RasterError(f"units {self.units.describe()} have no field {field!r}")
        if definition.GetFieldDefn(index).GetType() not in (ogr.OFTInteger, ogr.OFTInteger64):
            raise RasterError(f"field {field!r} of {self.units.describe()} is not an integer")
        quoted = _quoted(field)
        count, filled, distinct, low, high = self._sql_row(
            f"SELECT COUNT(*), COUNT({quoted}), COUNT(DISTINCT {quoted}),"
            f" MIN({quoted}), MAX({quoted}) FROM {_quoted(self._layer_name())}"
        )
        if not count:
            raise RasterError(f"units {self.units.describe()} hold no feature")
        # Gaps are allowed (units left out, e.g. empty ones, get no cell and NaN), but not
        # so many that the per-unit arrays would dwarf the layer.
        if filled != count or distinct != count or low < 1 or high > 4 * count + 1024:
            raise RasterError(
                f"field {field!r} of {self.units.describe()} must number the units with "
                f"distinct integers from 1 (found {low}..{high}, {distinct} distinct values "
                f"and {count - filled} empty in {count} features)"
            )
        return int(high)

    def _sql_row(self, sql: str) -> list:
        result = self._feature_source.ExecuteSQL(sql, dialect="OGRSQL")
        try:
            row = result.GetNextFeature()
            return [row.GetField(i) for i in range(row.GetFieldCount())]
        finally:
            self._feature_source.ReleaseResultSet(result)

    def _create_burn_layer(self) -> ogr.Layer:
        scale = f"{1 << _COUNT_BITS}.0" if self._float_labels else str(1 << _COUNT_BITS)
        sql = (
            f"SELECT {_quoted(self.units.label_field)} * {scale} + 1 AS {_BURN_FIELD}"
            f" FROM {_quoted(self._layer_name())}"
        )
        return self._burn_source.ExecuteSQL(sql, dialect="OGRSQL")

    def spatial_reference(self) -> osr.SpatialReference | None:
        """The units' CRS, or None when the layer has none."""
        return self._layer.GetSpatialRef()

    def extent(self) -> tuple[float, float, float, float]:
        """(min x, min y, max x, max y) of all units."""
        min_x, max_x, min_y, max_y = self._layer.GetExtent()
        return min_x, min_y, max_x, max_y

    def close(self) -> None:
        if self._burn_layer is not None:
            self._burn_source.ReleaseResultSet(self._burn_layer)
        self._burn_layer = None
        self._burn_source = self._feature_source = self._layer = None

    def __enter__(self) -> UnitRasterizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- blocks ----------------------------------------------------------------------------

    def block_labels(self, window: Window) -> BlockLabels:
        """Labels of one block; overlaps resolved only where the block has some.

        Rasterized in strips of about _STRIP_CELLS cells: GDAL's polygon fill writes
        scattered spans, which is much faster (2x measured) into a buffer that stays in
        the CPU cache than into one of tens of megabytes.
        """
        labels = np.empty((window.rows, window.cols), dtype=np.int32)
        extra_labels, extra_cells = [], []
        step = max(1, _STRIP_CELLS // max(1, window.cols))
        with gdal_exceptions(vectors=True):
            for start in range(0, window.rows, step):
                strip = window.sub(start, min(step, window.rows - start), 0, window.cols)
                shared = self._strip_labels(strip, labels[start : start + strip.rows])
                if shared is not None:
                    strip_labels, strip_cells = self._shared_cells(strip, shared)
                    extra_labels.append(strip_labels)
                    extra_cells.append(strip_cells + start * window.cols)
        if not extra_cells:
            return BlockLabels(labels, _EMPTY_INT, _EMPTY_INT)
        return BlockLabels(labels, np.concatenate(extra_labels), np.concatenate(extra_cells))

    def _strip_labels(self, strip: Window, out: np.ndarray) -> np.ndarray | None:
        """Labels of cells covered once into ``out``; the mask of shared cells, if any."""
        burnt = self._rasterize(self._burn_layer, strip, attribute=_BURN_FIELD, add=True)
        if self._float_labels:
            burnt = burnt.astype(np.int64)
        covers = burnt & _COUNT_MASK
        np.right_shift(burnt, _COUNT_BITS, out=out, casting="unsafe")
        if covers.max(initial=0) <= 1:  # the usual case: no cell in two units
            return None
        shared = covers > 1
        out[shared] = 0
        return shared

    def _rasterize(
        self, layer: ogr.Layer, window: Window, *, attribute: str | None = None, add: bool = False
    ) -> np.ndarray:
        dtype = gdal.GDT_Float64 if self._float_labels and attribute else gdal.GDT_Int32
        target = self._mem.Create("", window.cols, window.rows, 1, dtype)
        target.SetGeoTransform(window.window_geotransform())
        min_x, min_y, max_x, max_y = window.extent()
        layer.SetSpatialFilterRect(min_x, min_y, max_x, max_y)
        try:
            options = [f"ATTRIBUTE={attribute}"] if attribute else []
            if add:
                options.append("MERGE_ALG=ADD")
            burn = [] if attribute else [1]
            gdal.RasterizeLayer(target, [1], layer, burn_values=burn, options=options)
        finally:
            layer.SetSpatialFilter(None)
        return target.GetRasterBand(1).ReadAsArray()

    def _shared_cells(self, window: Window, shared: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(unit, cell) pairs of the cells several units cover: each such unit alone.

        Rare path: a loop over the units that meet those cells, each rasterized over the
        part of the block its envelope covers.
        """
        rows, cols = np.nonzero(shared)
        row0, col0 = int(rows.min()), int(cols.min())
        area = window.sub(row0, int(rows.max()) - row0 + 1, col0, int(cols.max()) - col0 + 1)
        # "Memory" became an alias of the vector-capable "MEM" driver in GDAL 3.11.
        driver = ogr.GetDriverByName("Memory") or ogr.GetDriverByName("MEM")
        scratch = driver.CreateDataSource("")
        single = scratch.CreateLayer("unit", self._layer.GetSpatialRef(), ogr.wkbUnknown)
        labels, cells = [], []
        for label, geometry in self._features_in(area):
            single_feature = ogr.Feature(single.GetLayerDefn())
            single_feature.SetGeometry(geometry)
            single.CreateFeature(single_feature)
            own = self._geometry_window(window, geometry)
            if own is not None:
                inside = self._rasterize(single, own).astype(bool)
                r, c = np.nonzero(inside)
                r += own.row0 - window.row0
                c += own.col0 - window.col0
                keep = shared[r, c]
                cells.append(r[keep] * window.cols + c[keep])
                labels.append(np.full(int(keep.sum()), label, dtype=np.int32))
            single.DeleteFeature(single_feature.GetFID())
        if not cells:
            return _EMPTY_INT, _EMPTY_INT
        return np.concatenate(labels), np.concatenate(cells)

    def _features_in(self, window: Window) -> Iterator[tuple[int, ogr.Geometry]]:
        min_x, min_y, max_x, max_y = window.extent()
        self._layer.SetSpatialFilterRect(min_x, min_y, max_x, max_y)
        try:
            self._layer.ResetReading()
            for feature in self._layer:
                geometry = feature.GetGeometryRef()
                if geometry is not None and not geometry.IsEmpty():
                    yield feature.GetField(self.units.label_field), geometry.Clone()
        finally:
            self._layer.SetSpatialFilter(None)

    @staticmethod
    def _geometry_window(block: Window, geometry: ogr.Geometry) -> Window | None:
        """The part of ``block`` under the geometry's envelope (north-up grids), or None."""
        gt = block.geotransform
        if gt[2] or gt[4]:
            return block  # rotated grid: no cheap envelope-to-cells mapping, use the block
        min_x, max_x, min_y, max_y = geometry.GetEnvelope()
        cols = sorted(((min_x - gt[0]) / gt[1], (max_x - gt[0]) / gt[1]))
        rows = sorted(((min_y - gt[3]) / gt[5], (max_y - gt[3]) / gt[5]))
        col0 = max(block.col0, int(np.floor(cols[0])))
        col1 = min(block.col0 + block.cols, int(np.ceil(cols[1])))
        row0 = max(block.row0, int(np.floor(rows[0])))
        row1 = min(block.row0 + block.rows, int(np.ceil(rows[1])))
        if col1 <= col0 or row1 <= row0:
            return None
        return Window(gt, row0, row1 - row0, col0, col1 - col0)

    # -- units without a cell centre -------------------------------------------------------

    def point_cells(
        self, labels: Sequence[int], geotransform: tuple[float, ...], width: int, height: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(labels, rows, cols) of the cell holding each unit's point on surface.

        Units whose point falls outside the grid, or whose geometry is empty, are left out.
        """
        wanted = np.asarray(labels, dtype=np.int64)
        points = self._points_on_surface(wanted)
        if not points:
            return _EMPTY_INT, _EMPTY_INT, _EMPTY_INT
        found = np.array([label for label, _, _ in points], dtype=np.int64)
        x = np.array([px for _, px, _ in points])
        y = np.array([py for _, _, py in points])
        inverse = gdal.InvGeoTransform(geotransform)
        col = np.floor(inverse[0] + x * inverse[1] + y * inverse[2]).astype(np.int64)
        row = np.floor(inverse[3] + x * inverse[4] + y * inverse[5]).astype(np.int64)
        inside = (col >= 0) & (col < width) & (row >= 0) & (row < height)
        return found[inside], row[inside], col[inside]

    def _points_on_surface(self, labels: np.ndarray) -> list[tuple[int, float, float]]:
        """Rare path (a few units): fetch by attribute filter, chunk by chunk."""
        field = _quoted(self.units.label_field)
        points = []
        with gdal_exceptions(vectors=True):
            for start in range(0, labels.size, _FETCH_CHUNK):
                chunk = ",".join(str(int(v)) for v in labels[start : start + _FETCH_CHUNK])
                self._layer.SetAttributeFilter(f"{field} IN ({chunk})")
                self._layer.ResetReading()
                for feature in self._layer:
                    geometry = feature.GetGeometryRef()
                    if geometry is None or geometry.IsEmpty():
                        continue
                    point = geometry.PointOnSurface()
                    if point is None or point.IsEmpty():
                        point = geometry.Centroid()
                    label = feature.GetField(self.units.label_field)
                    points.append((label, point.GetX(), point.GetY()))
            self._layer.SetAttributeFilter(None)
        return points


_EMPTY_INT = np.empty(0, dtype=np.int64)
