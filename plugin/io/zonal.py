"""Zonal statistics of a raster per evaluation unit, streamed in blocks (no QGIS import).

One pass over the raster: for each block of full rows, the unit labels are rasterized on
the block's window (:mod:`.rasterize`) and the cell values, optionally derived from the
raw block by a :class:`BlockTransform` (e.g. slope from a DEM, with a one-cell halo), are
fed to the core :class:`~..core.zonal.ZonalAccumulator`. Memory is bounded by a few
blocks whatever the raster size; no label raster or slope raster is ever written.

Two threads: a reader thread reads the next block and rasterizes its labels (GDAL
releases the GIL) while the caller's thread derives values and accumulates the current
one. Units with no cell centre inside get the cell under their point on surface.
"""

from __future__ import annotations

import contextlib
import math
import queue
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from osgeo import gdal, osr

from ..core.terrain import RasterEdges, horn_slope
from ..core.zonal import DEFAULT_STATISTICS, ZonalAccumulator, ZonalStatistics
from . import Cancelled

# The slope transform reuses the terrain helper's rules for cell sizes and z units, so
# that slope statistics and the slope raster of reclamation:terrainfactors agree.
from .raster import (
    RasterError,
    RasterGrid,
    cell_sizes_in_z_units,
    gdal_exceptions,
    open_grid,
    read_blocks,
    working_dtype,
    z_unit_metres,
)
from .rasterize import BlockLabels, UnitLayer, UnitRasterizer, Window

Progress = Callable[[float], None]  # percent done, 0-100
IsCancelled = Callable[[], bool]
Item = TypeVar("Item")

# Cells per chunk of a block handed to the transform and the accumulator: the
# temporaries stay in the CPU cache and below malloc's mmap threshold.
_CHUNK_CELLS = 1 << 18
# Target cells per block read (rounded to the file's block height).
_BLOCK_CELLS = 1 << 22
_QUEUE_DEPTH = 1  # blocks read ahead by the reader thread
READ_AHEAD = True  # False: read, rasterize and accumulate on one thread (for measuring)
# Same CRS whatever the axis-order conventions of the two files.
_SAME_CRS_OPTIONS = [
    "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
    "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS",
]


@dataclass(frozen=True)
class BlockTransform:
    """Derives the value of every cell from a source window around it.

    ``apply(window, row0, rows, raster_edges)``: ``window`` holds source rows
    row0 - halo .. row0 + rows + halo (all columns plus ``halo`` on each side, NaN for
    NoData and outside); returns (rows, window columns - 2 halo) values, NaN = NoData.
    ``raster_edges``: (top, bottom, left, right) sides of the halo outside the raster.
    ``dtype``: the float type blocks are read in.
    """

    halo: int
    apply: Callable[[np.ndarray, int, int, RasterEdges], np.ndarray]
    dtype: type = np.float64
    name: str = "transform"


@dataclass(frozen=True)
class ZonalResult:
    """Statistics per unit (index i = label i + 1) and the units that need a log line.

    ``subcell_units``: labels of units with no cell centre inside; their statistics come
    from the one cell under their point on surface. ``missing_units``: labels of units
    with no cell of the raster at all (outside it, or empty geometry): count 0, NaN.
    """

    statistics: ZonalStatistics
    unit_count: int
    subcell_units: tuple[int, ...] = ()
    missing_units: tuple[int, ...] = ()

    def __getitem__(self, name: str) -> np.ndarray:
        return self.statistics[name]


def zonal_statistics(
    units: UnitLayer | str,
    raster_path: str,
    *,
    band: int = 1,
    statistics: Iterable[str] = DEFAULT_STATISTICS,
    thresholds: Sequence[float] = (),
    transform: BlockTransform | None = None,
    block_rows: int | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ZonalResult:
    """Per-unit statistics of one raster band (or of values derived from it).

    ``units``: a :class:`UnitLayer` (or the path of a datasource whose first layer has a
    ``unit_id`` field numbering the units 1..n), geometries in the raster's CRS.
    ``statistics``: names from :data:`~..core.zonal.STATISTICS`; ``thresholds``: share
    of valid cells strictly above each. Raises RasterError when a file cannot be used
    or the raster does not overlap the units, ``Cancelled`` when ``is_cancelled()``.
    """
    units = UnitLayer(units) if isinstance(units, str) else units
    grid = open_grid(raster_path, band)
    statistics = tuple(statistics)
    with UnitRasterizer(units) as rasterizer:
        _check_compatible(units, rasterizer, raster_path, grid)
        accumulator = ZonalAccumulator(rasterizer.unit_count, statistics, thresholds)
        rows = block_rows or _default_block_rows(raster_path, band, grid.width)
        blocks = _labelled_blocks(raster_path, band, grid, rasterizer, transform, rows)
        feed = read_ahead if READ_AHEAD else _in_line
        # closing(): on any error the reader thread stops before the units are closed.
        with contextlib.closing(feed(blocks, is_cancelled)) as labelled:
            for block, labels in labelled:
                _accumulate_block(accumulator, block.data, block.row0, labels, grid, transform)
                if progress is not None:
                    progress(min(99.0, 100.0 * (block.row0 + block.rows) / grid.height))
        subcell, missing = _value_subcell_units(
            accumulator, rasterizer, raster_path, band, grid, transform
        )
    if progress is not None:
        progress(100.0)
    return ZonalResult(accumulator.result(), rasterizer.unit_count, subcell, missing)


def slope_statistics(
    units: UnitLayer | str,
    dem_path: str,
    *,
    layer: str | None = None,
    label_field: str = "unit_id",
    band: int = 1,
    statistics: Iterable[str] = ("mean",),
    thresholds: Sequence[float] = (),
    percent: bool = False,
    compute_edges: bool = False,
    z_unit_m: float | None = None,
    block_rows: int | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ZonalResult:
    """Per-unit statistics of the slope (Horn, degrees or percent) of a DEM, in one pass.

    The slope is computed block by block in memory, exactly as ``write_slope`` would
    write it (same cell sizes, geodesic per row for geographic DEMs, same NoData rules),
    and never written to disk.
    """
    if isinstance(units, str):
        units = UnitLayer(units, layer, label_field)
    transform = slope_transform(
        dem_path, band=band, percent=percent, compute_edges=compute_edges, z_unit_m=z_unit_m
    )
    return zonal_statistics(
        units,
        dem_path,
        band=band,
        statistics=statistics,
        thresholds=thresholds,
        transform=transform,
        block_rows=block_rows,
        progress=progress,
        is_cancelled=is_cancelled,
    )


def slope_transform(
    dem_path: str,
    *,
    band: int = 1,
    percent: bool = False,
    compute_edges: bool = False,
    z_unit_m: float | None = None,
) -> BlockTransform:
    """A :class:`BlockTransform` giving Horn slope from DEM windows (one-cell halo)."""
    grid = open_grid(dem_path, band)
    with gdal_exceptions(vectors=True):
        dataset = gdal.Open(str(dem_path))
        source = dataset.GetRasterBand(band)
        dtype = working_dtype(source)
        z_metres = z_unit_metres(dem_path, grid, source, z_unit_m)
        dataset = source = None
    cell_sizes = cell_sizes_in_z_units(dem_path, grid, z_metres)

    def apply(window: np.ndarray, row0: int, rows: int, edges: RasterEdges) -> np.ndarray:
        cell_x, cell_y = cell_sizes(row0, rows)
        return horn_slope(
            window,
            cell_x,
            cell_y,
            percent=percent,
            compute_edges=compute_edges,
            raster_edges=edges,
        )

    return BlockTransform(halo=1, apply=apply, dtype=dtype, name="slope")


# --- checks --------------------------------------------------------------------------


def _check_compatible(
    units: UnitLayer, rasterizer: UnitRasterizer, raster_path: str, grid: RasterGrid
) -> None:
    unit_srs = rasterizer.spatial_reference()
    if grid.has_crs and unit_srs is not None:
        raster_srs = osr.SpatialReference()
        raster_srs.ImportFromWkt(grid.crs_wkt)
        if not raster_srs.IsSame(unit_srs, _SAME_CRS_OPTIONS):
            raise RasterError(
                f"The units {units.describe()} are not in the CRS of the raster "
                f"'{raster_path}' ({raster_srs.GetName()}); reproject them to it first."
            )
    ux0, uy0, ux1, uy1 = rasterizer.extent()
    rx0, ry0, rx1, ry1 = Window(grid.geotransform, 0, grid.height, 0, grid.width).extent()
    if ux0 >= rx1 or ux1 <= rx0 or uy0 >= ry1 or uy1 <= ry0:
        raise RasterError(
            f"The raster '{raster_path}' does not overlap the units {units.describe()}: "
            f"raster extent {rx0:.6g}, {ry0:.6g} - {rx1:.6g}, {ry1:.6g}, units "
            f"{ux0:.6g}, {uy0:.6g} - {ux1:.6g}, {uy1:.6g}. Check both CRSs."
        )


def _default_block_rows(path: str, band: int, width: int) -> int:
    """About _BLOCK_CELLS cells, in whole file blocks (each file block is decoded once)."""
    with gdal_exceptions(vectors=True):
        dataset = gdal.Open(str(path))
        file_rows = max(1, dataset.GetRasterBand(band).GetBlockSize()[1])
    wanted = max(1, _BLOCK_CELLS // max(1, width))
    if file_rows * width > 4 * _BLOCK_CELLS:  # e.g. one strip for the whole image
        return wanted
    return max(file_rows, wanted // file_rows * file_rows)


# --- the pass ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    row0: int
    rows: int
    data: np.ndarray  # values with the transform's halo (none without a transform)
    raster_edges: RasterEdges


def _labelled_blocks(
    raster_path: str,
    band: int,
    grid: RasterGrid,
    rasterizer: UnitRasterizer,
    transform: BlockTransform | None,
    block_rows: int,
) -> Generator[tuple[_Block, BlockLabels], None, None]:
    halo = transform.halo if transform else 0
    dtype = transform.dtype if transform else np.float64
    blocks = read_blocks(raster_path, band, block_rows=block_rows, halo=halo, dtype=dtype)
    for block in blocks:
        window = Window(grid.geotransform, block.row0, block.rows, 0, grid.width)
        labels = rasterizer.block_labels(window)
        yield _Block(block.row0, block.rows, block.data, block.raster_edges), labels


def _in_line(
    items: Generator[tuple[_Block, BlockLabels], None, None], is_cancelled: IsCancelled | None
) -> Iterator[tuple[_Block, BlockLabels]]:
    try:
        for item in items:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled
            yield item
    finally:
        items.close()


def read_ahead(
    items: Generator[Item, None, None] | Iterator[Item], is_cancelled: IsCancelled | None
) -> Iterator[Item]:
    """Items (blocks read, labelled) produced by a reader thread, _QUEUE_DEPTH ahead of the
    consumer.

    The reader owns the GDAL/OGR handles while it runs; errors are re-raised here. A
    cancel (or any exit of the consumer) stops the reader before this generator returns.
    """
    finished = object()
    handoff: queue.Queue = queue.Queue(maxsize=_QUEUE_DEPTH)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                handoff.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def reader() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(finished)
        except BaseException as error:  # handed to the consumer, raised there
            put(error)

    thread = threading.Thread(target=reader, name="zonal-reader", daemon=True)
    thread.start()
    try:
        while True:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled
            item = handoff.get()
            if item is finished:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _accumulate_block(
    accumulator: ZonalAccumulator,
    data: np.ndarray,
    row0: int,
    labels: BlockLabels,
    grid: RasterGrid,
    transform: BlockTransform | None,
) -> None:
    """Values of one block, in cache-sized chunks of rows, into the accumulator."""
    block_rows, width = labels.labels.shape
    halo = transform.halo if transform else 0
    # Each chunk also costs a few passes over per-unit arrays: keep chunks >> units.
    chunk_cells = max(_CHUNK_CELLS, 16 * accumulator.unit_count)
    step = max(1, chunk_cells // max(1, width))
    values_of_cells = None if labels.extra_cells.size == 0 else np.empty(labels.labels.size)
    for start in range(0, block_rows, step):
        stop = min(block_rows, start + step)
        window = data[start : stop + 2 * halo]
        if transform is None:
            values = window
        else:
            edges = (
                row0 + start == 0,
                row0 + stop >= grid.height,
                True,
                True,
            )
            values = transform.apply(window, row0 + start, stop - start, edges)
        accumulator.add(labels.labels[start:stop], values)
        if values_of_cells is not None:
            values_of_cells[start * width : stop * width] = values.reshape(-1)
    if values_of_cells is not None:  # cells shared by overlapping units
        accumulator.add(labels.extra_labels, values_of_cells[labels.extra_cells])


# --- units smaller than a cell -------------------------------------------------------


def _value_subcell_units(
    accumulator: ZonalAccumulator,
    rasterizer: UnitRasterizer,
    raster_path: str,
    band: int,
    grid: RasterGrid,
    transform: BlockTransform | None,
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Feed the cell under the point on surface of every unit that got no cell."""
    unlabelled = np.flatnonzero(accumulator.cells_per_unit() == 0) + 1
    if unlabelled.size == 0:
        return (), ()
    labels, rows, cols = rasterizer.point_cells(
        unlabelled, grid.geotransform, grid.width, grid.height
    )
    if labels.size:
        values = _cell_values(raster_path, band, grid, rows, cols, transform)
        accumulator.add(labels, values)
    missing = np.setdiff1d(unlabelled, labels)
    return tuple(int(v) for v in np.sort(labels)), tuple(int(v) for v in missing)


def _cell_values(
    raster_path: str,
    band: int,
    grid: RasterGrid,
    rows: np.ndarray,
    cols: np.ndarray,
    transform: BlockTransform | None,
) -> np.ndarray:
    """Value of single cells, each read with the transform's halo (few cells: a loop)."""
    halo = transform.halo if transform else 0
    values = np.full(rows.size, np.nan)
    with gdal_exceptions(vectors=True):
        dataset = gdal.Open(str(raster_path))
        source = dataset.GetRasterBand(band)
        for i, (row, col) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            window = _read_window(source, grid, row - halo, col - halo, 1 + 2 * halo)
            if transform is None:
                values[i] = window[0, 0]
                continue
            edges = (row == 0, row == grid.height - 1, col == 0, col == grid.width - 1)
            values[i] = transform.apply(window.astype(transform.dtype), row, 1, edges)[0, 0]
    return values


def _read_window(
    source: gdal.Band, grid: RasterGrid, row0: int, col0: int, size: int
) -> np.ndarray:
    """size x size cells from (row0, col0), NaN outside the raster and for NoData."""
    window = np.full((size, size), np.nan)
    r0, c0 = max(0, row0), max(0, col0)
    r1, c1 = min(grid.height, row0 + size), min(grid.width, col0 + size)
    if r1 > r0 and c1 > c0:
        cells = source.ReadAsArray(c0, r0, c1 - c0, r1 - r0).astype(np.float64)
        if grid.nodata is not None and not math.isnan(grid.nodata):
            cells[cells == grid.nodata] = np.nan
        window[r0 - row0 : r1 - row0, c0 - col0 : c1 - col0] = cells
    return window


class UnitBlocks:
    """The blocks of a raster with the unit label of each cell, read ahead by a thread:
    ``with UnitBlocks(units, path) as blocks:`` then ``blocks.unit_count``, ``blocks.grid``
    and ``for row0, values, labels in blocks``. ``values`` are float64 (NaN = NoData);
    ``labels`` int32 (0 = no unit; a cell covered by several units keeps none of them:
    for units that tile the land, as evaluation units do)."""

    def __init__(
        self,
        units: UnitLayer,
        raster_path: str,
        *,
        band: int = 1,
        block_rows: int | None = None,
        is_cancelled: IsCancelled | None = None,
    ) -> None:
        self.units = units
        self.raster_path = raster_path
        self.band = band
        self.grid = open_grid(raster_path, band)
        self.block_rows = block_rows or _default_block_rows(raster_path, band, self.grid.width)
        self.is_cancelled = is_cancelled
        self.unit_count = 0
        self._rasterizer: UnitRasterizer | None = None

    def __enter__(self) -> UnitBlocks:
        self._rasterizer = UnitRasterizer(self.units).__enter__()
        try:
            _check_compatible(self.units, self._rasterizer, self.raster_path, self.grid)
        except BaseException:
            self._rasterizer.__exit__(None, None, None)
            raise
        self.unit_count = self._rasterizer.unit_count
        return self

    def __exit__(self, *exc: object) -> None:
        if self._rasterizer is not None:
            self._rasterizer.__exit__(None, None, None)
            self._rasterizer = None

    def __iter__(self) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
        assert self._rasterizer is not None, "use UnitBlocks as a context manager"
        blocks = _labelled_blocks(
            self.raster_path, self.band, self.grid, self._rasterizer, None, self.block_rows
        )
        with contextlib.closing(read_ahead(blocks, self.is_cancelled)) as labelled:
            for block, labels in labelled:
                yield block.row0, block.data, labels.labels
