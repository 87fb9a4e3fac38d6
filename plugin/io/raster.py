"""GDAL raster adapters: grids, block reading with a halo, safe GeoTIFF writing, slope files.

No qgis import: the Processing algorithms wrap these functions and turn ``RasterError``
into ``QgsProcessingException``. Every raster is streamed in blocks of full rows, so memory
stays bounded whatever its size:

- ``read_blocks`` reads each source row once (blocks are aligned to the file's own blocks,
  halo rows are copied from the neighbouring block) and drops GDAL's cached source blocks
  as it goes, so GDAL's cache (5 % of RAM by default) does not grow with the raster.
- ``write_raster`` writes a tiled, compressed GeoTIFF to a temporary file in the target
  folder and renames it into place only when complete; an error or a cancel removes it.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr

from ..core.terrain import (
    RasterEdges,
    elevation_change,
    geodesic_cell_sizes,
    horn_slope,
    zevenbergen_thorne_slope,
)
from . import Cancelled

__all__ = [
    "Block",
    "Cancelled",
    "RasterError",
    "RasterGrid",
    "gdal_exceptions",
    "open_grid",
    "read_blocks",
    "write_elevation_change",
    "write_raster",
    "write_slope",
]

Progress = Callable[[float], None]  # percent done, 0-100 (QgsProcessingFeedback.setProgress)
IsCancelled = Callable[[], bool]

NODATA = -9999.0  # output NoData of slope and elevation change (gdaldem's slope NoData)
BLOCK_BUDGET_BYTES = 64 * 1024 * 1024  # one block window in memory
TILE = 256
GEOTIFF_OPTIONS = (
    "TILED=YES",
    f"BLOCKXSIZE={TILE}",
    f"BLOCKYSIZE={TILE}",
    "COMPRESS=DEFLATE",
    "BIGTIFF=IF_SAFER",
    "NUM_THREADS=ALL_CPUS",  # DEFLATE dominates the run time; use every core for it
)

# Metres per vertical unit, from GDAL's band unit type (lower case).
_Z_UNITS = {
    "m": 1.0,
    "metre": 1.0,
    "meter": 1.0,
    "metres": 1.0,
    "meters": 1.0,
    "ft": 0.3048,
    "foot": 0.3048,
    "feet": 0.3048,
    "international foot": 0.3048,
    "us-ft": 1200 / 3937,
    "ftus": 1200 / 3937,
    "us survey foot": 1200 / 3937,
    "us_survey_foot": 1200 / 3937,
    "foot_us": 1200 / 3937,
}

# Projections whose scale factor grows far from 1 with latitude (sec(lat)): their map
# units are not ground metres, so the cell sizes are corrected per row.
_MERCATOR_PROJECTIONS = {"Mercator_1SP", "Mercator_2SP", "Popular_Visualisation_Pseudo_Mercator"}


class RasterError(ValueError):
    """A raster cannot be used; the message names the file and says what to do."""


@contextlib.contextmanager
def gdal_exceptions(*, vectors: bool = False) -> Iterator[None]:
    """Enable GDAL and OSR exceptions (and OGR's with ``vectors``) for a block of code, then
    restore the previous state: the one switch of the plugin's GDAL code.

    GDAL 3.6 (Debian 12) has no ``gdal.ExceptionMgr``, so the flags are saved by hand.
    The flags are process-wide there: the previous state comes back as soon as possible.
    OGR stays off unless asked for, so that code which checks OGR's None results keeps its
    own messages.
    """
    modules = (gdal, osr, ogr) if vectors else (gdal, osr)
    saved = [(module, module.GetUseExceptions()) for module in modules]
    for module, _ in saved:
        module.UseExceptions()
    try:
        yield
    finally:
        for module, was_on in reversed(saved):  # GDAL 3.6 stacks the handlers: undo in reverse
            if not was_on:
                module.DontUseExceptions()


# --- grids ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RasterGrid:
    """Size, geotransform, CRS and NoData of one raster band."""

    width: int
    height: int
    geotransform: tuple[float, float, float, float, float, float]
    crs_wkt: str  # '' if the raster has no CRS
    nodata: float | None

    @property
    def has_crs(self) -> bool:
        return bool(self.crs_wkt)

    def spatial_reference(self) -> osr.SpatialReference:
        """The CRS with GDAL's traditional (x = easting/longitude) axis order."""
        srs = osr.SpatialReference()
        if self.crs_wkt:
            srs.ImportFromWkt(self.crs_wkt)
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        return srs

    @property
    def is_geographic(self) -> bool:
        return self.has_crs and bool(self.spatial_reference().IsGeographic())

    @property
    def is_north_up(self) -> bool:
        gt = self.geotransform
        return gt[2] == 0 and gt[4] == 0

    @property
    def cell_width(self) -> float:
        """Cell width in CRS units (degrees for a geographic CRS)."""
        return abs(self.geotransform[1])

    @property
    def cell_height(self) -> float:
        return abs(self.geotransform[5])

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(xmin, ymin, xmax, ymax) of a north-up grid, in CRS units."""
        x0, dx, _, y0, _, dy = self.geotransform
        xs = (x0, x0 + dx * self.width)
        ys = (y0, y0 + dy * self.height)
        return min(xs), min(ys), max(xs), max(ys)

    def cell_window(
        self, bounds: tuple[float, float, float, float], margin: int = 0
    ) -> tuple[int, int, int, int] | None:
        """(column, row, columns, rows) of the cells of a north-up grid that cover
        ``bounds`` (xmin, ymin, xmax, ymax in the grid's CRS) with ``margin`` cells around,
        cut to the grid; None when they miss it."""
        xmin, ymin, xmax, ymax = bounds
        x0, dx, _, y0, _, dy = self.geotransform
        col0 = max(math.floor((xmin - x0) / dx) - margin, 0)
        col1 = min(math.ceil((xmax - x0) / dx) + margin, self.width)
        row0 = max(math.floor((ymax - y0) / dy) - margin, 0)
        row1 = min(math.ceil((ymin - y0) / dy) + margin, self.height)
        if col1 <= col0 or row1 <= row0:
            return None
        return col0, row0, col1 - col0, row1 - row0

    def row_centres_y(self, row0: int = 0, rows: int | None = None) -> np.ndarray:
        """y (latitude for a geographic grid) of the centres of rows row0 .. row0 + rows."""
        rows = self.height - row0 if rows is None else rows
        _, _, _, y0, _, dy = self.geotransform
        return y0 + (np.arange(row0, row0 + rows, dtype=np.float64) + 0.5) * dy

    def same_grid(self, other: RasterGrid) -> bool:
        """Same size, geotransform (to 1e-6 of a cell) and CRS: cells align one to one."""
        if (self.width, self.height) != (other.width, other.height):
            return False
        tolerance = 1e-6 * min(self.cell_width, self.cell_height)
        if any(
            abs(a - b) > tolerance
            for a, b in zip(self.geotransform, other.geotransform, strict=False)
        ):
            return False
        if self.has_crs != other.has_crs:
            return False
        return not self.has_crs or bool(self.spatial_reference().IsSame(other.spatial_reference()))


def copy_window(
    path: str,
    bounds: tuple[float, float, float, float],
    bounds_srs: osr.SpatialReference,
    target: str,
) -> bool:
    """The raster's cells over ``bounds`` (in ``bounds_srs``, transformed to the raster's
    CRS) copied to a GeoTIFF ``target``, never beyond the raster; a rotated raster is
    copied whole. False when the bounds miss the raster. The source is only read."""
    grid = open_grid(path)
    window: tuple[int, int, int, int] | None = (0, 0, grid.width, grid.height)
    if grid.is_north_up:
        raster_srs = grid.spatial_reference()
        if grid.has_crs and not raster_srs.IsSame(bounds_srs):
            given = bounds_srs.Clone()
            given.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            transform = osr.CoordinateTransformation(given, raster_srs)
            bounds = transform.TransformBounds(*bounds, 21)
        window = grid.cell_window(bounds)
    if window is None:
        return False
    with gdal_exceptions():
        gdal.Translate(
            target,
            path,
            format="GTiff",
            srcWin=list(window),
            creationOptions=["TILED=YES", "BIGTIFF=IF_SAFER"],
        )
    return True


def open_grid(path: str, band: int = 1) -> RasterGrid:
    """The grid of one band of a raster file; RasterError if it cannot be read."""
    with _open(path) as dataset:
        return _grid_of(dataset, _band(dataset, path, band))


@contextlib.contextmanager
def _open(path: str) -> Iterator[gdal.Dataset]:
    with gdal_exceptions():
        try:
            dataset = gdal.Open(str(path), gdal.GA_ReadOnly)
        except RuntimeError as error:
            raise RasterError(
                f"Cannot open the raster '{path}': {error}. "
                "Check that the file exists and is a raster GDAL can read."
            ) from error
    try:
        yield dataset
    finally:
        dataset = None  # closes the file


def _band(dataset: gdal.Dataset, path: str, band: int) -> gdal.Band:
    if not 1 <= band <= dataset.RasterCount:
        raise RasterError(
            f"The raster '{path}' has {dataset.RasterCount} band(s); band {band} does not exist."
        )
    return dataset.GetRasterBand(band)


def _grid_of(dataset: gdal.Dataset, band: gdal.Band) -> RasterGrid:
    return RasterGrid(
        width=dataset.RasterXSize,
        height=dataset.RasterYSize,
        geotransform=tuple(dataset.GetGeoTransform()),
        crs_wkt=dataset.GetProjection() or "",
        nodata=band.GetNoDataValue(),
    )


# --- reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Rows row0 .. row0 + rows of a band with ``halo`` cells around them.

    ``data``: shape (rows + 2 halo, width + 2 halo), NaN for NoData and outside the raster.
    """

    row0: int
    rows: int
    data: np.ndarray
    halo: int = 0
    raster_height: int = 0

    @property
    def raster_edges(self) -> RasterEdges:
        """Which sides of the halo lie outside the raster: top, bottom, left, right."""
        return (self.row0 == 0, self.row0 + self.rows >= self.raster_height, True, True)


def default_block_rows(
    width: int, file_block_rows: int, itemsize: int = 8, align: int = 1, halo: int = 0
) -> int:
    """Rows per block within BLOCK_BUDGET_BYTES, a multiple of the file's block height.

    Whole file blocks are read once each; ``align`` (e.g. the output tile height) is
    honoured too when the budget allows it.
    """
    fit = max(1, BLOCK_BUDGET_BYTES // max(1, (width + 2 * halo) * itemsize))
    unit = max(1, file_block_rows)
    both = math.lcm(unit, max(1, align))
    if both <= fit:
        unit = both
    return max(unit, fit // unit * unit)


def read_blocks(
    path: str,
    band: int = 1,
    *,
    block_rows: int | None = None,
    halo: int = 0,
    dtype: type = np.float64,
    align: int = 1,
) -> Iterator[Block]:
    """Blocks of full rows, top to bottom, each with ``halo`` rows/columns around it.

    ``block_rows`` defaults to a multiple of the file's block height that fits a ~64 MB
    window; ``dtype`` float64 (default) or float32 (exact for integer DEMs up to 16 bits
    and for float32 DEMs, and half the memory).
    """
    with _open(path) as dataset:
        source = _band(dataset, path, band)
        yield from _iter_blocks(dataset, source, block_rows, halo, np.dtype(dtype), align)


def _iter_blocks(
    dataset: gdal.Dataset,
    band: gdal.Band,
    block_rows: int | None,
    halo: int,
    dtype: np.dtype,
    align: int,
) -> Iterator[Block]:
    width, height = dataset.RasterXSize, dataset.RasterYSize
    if block_rows is None:
        block_rows = default_block_rows(width, band.GetBlockSize()[1], dtype.itemsize, align, halo)
    if block_rows < 1:
        raise ValueError(f"block_rows must be positive, got {block_rows}")
    nodata = band.GetNoDataValue()
    starts = list(range(0, height, block_rows))

    def load(row0: int) -> np.ndarray:
        rows = min(block_rows, height - row0)
        window = np.full((rows + 2 * halo, width + 2 * halo), np.nan, dtype=dtype)
        inner = window[halo : halo + rows, halo : halo + width]
        with gdal_exceptions():
            band.ReadAsArray(0, row0, width, rows, buf_obj=inner)
            # Each row is read once: drop the cached source blocks to bound memory.
            dataset.FlushCache()
        if nodata is not None and not math.isnan(nodata):
            np.copyto(inner, np.nan, where=inner == dtype.type(nodata))
        return window

    def read_halo(window: np.ndarray, row0: int, rows: int) -> None:
        # Blocks thinner than the halo: read the halo rows from the file (rare, small).
        top, bottom = max(0, row0 - halo), min(height, row0 + rows + halo)
        for start, stop, at in (
            (top, row0, halo - (row0 - top)),
            (row0 + rows, bottom, halo + rows),
        ):
            if stop > start:
                part = window[at : at + stop - start, halo : halo + width]
                with gdal_exceptions():
                    band.ReadAsArray(0, start, width, stop - start, buf_obj=part)
                if nodata is not None and not math.isnan(nodata):
                    np.copyto(part, np.nan, where=part == dtype.type(nodata))

    current = load(starts[0]) if starts else None
    previous = None
    for index, row0 in enumerate(starts):
        rows = min(block_rows, height - row0)
        following = load(starts[index + 1]) if index + 1 < len(starts) else None
        if halo and block_rows < halo:
            read_halo(current, row0, rows)
        elif halo:
            # Halo rows come from the neighbouring blocks: every file row is read once.
            if previous is not None:
                current[:halo] = previous[-2 * halo : -halo]
            if following is not None:
                current[halo + rows :] = following[halo : 2 * halo]
        yield Block(row0, rows, current, halo, height)
        previous, current = current, following


# --- writing -------------------------------------------------------------------------


def creation_options(data_type: int) -> list[str]:
    """GeoTIFF creation options: tiled, DEFLATE, the predictor that suits the type."""
    floating = data_type in (gdal.GDT_Float32, gdal.GDT_Float64)
    return [*GEOTIFF_OPTIONS, f"PREDICTOR={3 if floating else 2}"]


def _current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and put back at once
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _temporary_geotiff(
    path: str, grid: RasterGrid, data_type: int, nodata: float | None, options: list[str]
) -> Iterator[gdal.Dataset]:
    """A new GeoTIFF written next to ``path`` and renamed onto it only on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=".part.tif", dir=target.parent
    )
    os.close(handle)
    dataset = None
    try:
        with gdal_exceptions():
            driver = gdal.GetDriverByName("GTiff")
            dataset = driver.Create(
                temporary, grid.width, grid.height, 1, data_type, options=options
            )
            dataset.SetGeoTransform(grid.geotransform)
            if grid.crs_wkt:
                dataset.SetProjection(grid.crs_wkt)
            if nodata is not None:
                dataset.GetRasterBand(1).SetNoDataValue(nodata)
        yield dataset
        with gdal_exceptions():
            dataset.FlushCache()
        dataset = None  # closes and completes the file before the rename
        # mkstemp makes the file private (0600); a raster gets the usual mode of new files.
        Path(temporary).chmod(0o666 & ~_current_umask())
        Path(temporary).replace(target)
    except BaseException:
        dataset = None
        for leftover in (temporary, temporary + ".aux.xml"):
            with contextlib.suppress(FileNotFoundError):
                Path(leftover).unlink()
        raise


def write_raster(
    path: str,
    grid: RasterGrid,
    blocks: Iterable[tuple[int, np.ndarray]],
    *,
    data_type: int = gdal.GDT_Float32,
    nodata: float | None = NODATA,
    options: list[str] | None = None,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> RasterGrid:
    """Write (row0, array) blocks to a tiled, compressed single-band GeoTIFF.

    NaN is written as ``nodata``. The file appears at ``path`` only when complete; an
    exception or a cancel (``Cancelled``) leaves nothing behind. Returns the output grid.
    """
    options = creation_options(data_type) if options is None else options
    with _temporary_geotiff(path, grid, data_type, nodata, options) as dataset:
        band = dataset.GetRasterBand(1)
        for row0, array in blocks:
            _check_cancelled(is_cancelled)
            if nodata is not None and np.issubdtype(array.dtype, np.floating):
                array = np.where(np.isnan(array), array.dtype.type(nodata), array)
            with gdal_exceptions():
                band.WriteArray(array, 0, row0)
                dataset.FlushCache()  # written tiles leave GDAL's cache: memory stays bounded
            if progress is not None:
                progress(100.0 * (row0 + array.shape[0]) / max(1, grid.height))
        _check_cancelled(is_cancelled)
    return RasterGrid(grid.width, grid.height, grid.geotransform, grid.crs_wkt, nodata)


def _check_cancelled(is_cancelled: IsCancelled | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled


# --- slope ---------------------------------------------------------------------------


def write_slope(
    dem_path: str,
    out_path: str,
    *,
    percent: bool = False,
    compute_edges: bool = False,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    method: str = "horn",
    z_unit_m: float | None = None,
    band: int = 1,
    block_rows: int | None = None,
) -> RasterGrid:
    """Slope (degrees, or percent) of a DEM file as a float32 GeoTIFF on the DEM's grid.

    Projected DEM: cell sizes from the geotransform in the CRS's linear unit (as gdaldem),
    Mercator variants corrected per row to ground metres. Geographic DEM: geodesic cell
    sizes per row on the CRS's ellipsoid, never degrees taken as metres. Elevations are in
    metres unless the band's unit type or ``z_unit_m`` (metres per z unit) says otherwise.
    ``method``: "horn" (default) or "zt" (Zevenbergen-Thorne).
    """
    slope = {"horn": horn_slope, "zt": zevenbergen_thorne_slope}.get(method)
    if slope is None:
        raise ValueError(f"unknown slope method {method!r}: use 'horn' or 'zt'")
    with _open(dem_path) as dataset:
        source = _band(dataset, dem_path, band)
        grid = _grid_of(dataset, source)
        dtype = working_dtype(source)
        z_metres = z_unit_metres(dem_path, grid, source, z_unit_m)
        cell_sizes = cell_sizes_in_z_units(dem_path, grid, z_metres)

        def slopes() -> Iterator[tuple[int, np.ndarray]]:
            blocks = _iter_blocks(dataset, source, block_rows, 1, np.dtype(dtype), TILE)
            for block in blocks:
                _check_cancelled(is_cancelled)
                cell_x, cell_y = cell_sizes(block.row0, block.rows)
                result = slope(
                    block.data,
                    cell_x,
                    cell_y,
                    percent=percent,
                    compute_edges=compute_edges,
                    raster_edges=block.raster_edges,
                )
                yield block.row0, result

        out_grid = RasterGrid(grid.width, grid.height, grid.geotransform, grid.crs_wkt, None)
        return write_raster(
            out_path, out_grid, slopes(), progress=progress, is_cancelled=is_cancelled
        )


def working_dtype(band: gdal.Band) -> type:
    """float32 where it holds the DEM exactly (as gdaldem reads it), else float64."""
    exact_in_float32 = {gdal.GDT_Byte, gdal.GDT_Int16, gdal.GDT_UInt16, gdal.GDT_Float32}
    if hasattr(gdal, "GDT_Int8"):
        exact_in_float32.add(gdal.GDT_Int8)
    return np.float32 if band.DataType in exact_in_float32 else np.float64


def z_unit_metres(path: str, grid: RasterGrid, band: gdal.Band, z_unit_m: float | None) -> float:
    """Metres per elevation unit: given, else from the band's unit type, else metres."""
    if z_unit_m is not None:
        if not (math.isfinite(z_unit_m) and z_unit_m > 0):
            raise RasterError(f"The z unit of '{path}' must be a positive number of metres.")
        return z_unit_m
    unit = (band.GetUnitType() or "").strip().lower()
    if unit in _Z_UNITS:
        return _Z_UNITS[unit]
    if unit:
        raise RasterError(
            f"The DEM '{path}' declares the elevation unit '{unit}', which is not metres "
            "or feet. Convert the elevations to metres, or give the z unit explicitly."
        )
    srs = grid.spatial_reference() if grid.has_crs else None
    if srs is not None and srs.IsProjected() and abs(srs.GetLinearUnits() - 1.0) > 1e-9:
        raise RasterError(
            f"The DEM '{path}' is in a CRS whose unit is '{srs.GetLinearUnitsName()}' and "
            "does not say whether its elevations are in metres or in that unit. Give the "
            "z unit explicitly, or reproject the DEM to a metric CRS with metre elevations."
        )
    return 1.0  # metres: the norm for DEMs in metric and geographic CRSs


def cell_sizes_in_z_units(
    path: str, grid: RasterGrid, z_metres: float
) -> Callable[[int, int], tuple[float | np.ndarray, float | np.ndarray]]:
    """(row0, rows) -> ground cell width and height in z units (scalars or per row)."""
    if not grid.has_crs:
        raise RasterError(
            f"The DEM '{path}' has no CRS, so its cell size in metres is unknown. Assign "
            "its CRS (QGIS: Layer Properties > Source; GDAL: gdal_edit.py -a_srs EPSG:...)."
        )
    if not grid.is_north_up:
        raise RasterError(
            f"The DEM '{path}' has a rotated geotransform. Warp it to a north-up grid "
            "first (QGIS: Raster > Projections > Warp; GDAL: gdalwarp)."
        )
    srs = grid.spatial_reference()
    if srs.IsGeographic():
        widths, heights = _geodesic_rows(path, grid, srs)
        return lambda row0, rows: (
            widths[row0 : row0 + rows] / z_metres,
            heights[row0 : row0 + rows] / z_metres,
        )
    if not srs.IsProjected():
        raise RasterError(
            f"The DEM '{path}' has a CRS that is neither projected nor geographic "
            f"({srs.GetName()}). Warp it to a projected CRS in metres first."
        )
    metres = srs.GetLinearUnits()
    cell_x, cell_y = grid.cell_width * metres / z_metres, grid.cell_height * metres / z_metres
    if srs.GetAttrValue("PROJECTION") in _MERCATOR_PROJECTIONS:
        scale = _row_scale_factors(grid, srs)
        return lambda row0, rows: (
            cell_x / scale[row0 : row0 + rows],
            cell_y / scale[row0 : row0 + rows],
        )
    return lambda row0, rows: (cell_x, cell_y)


@dataclass(frozen=True)
class RasterValues:
    """What a raster holds at all: its size and the range of its valid cells (None when
    no cell is valid)."""

    width: int
    height: int
    minimum: float | None
    maximum: float | None


def raster_values(path: str, band: int = 1) -> RasterValues:
    """Size and value range of a band (NoData and NaN left out). A sample first; the
    whole band before saying that no cell is valid."""
    with gdal_exceptions():
        dataset = gdal.Open(str(path))
        raster_band = dataset.GetRasterBand(band)
        found = None
        for approximate in (True, False):
            try:
                found = raster_band.ComputeRasterMinMax(approximate)
                break
            except RuntimeError:
                continue
        values = RasterValues(
            dataset.RasterXSize,
            dataset.RasterYSize,
            None if found is None else float(found[0]),
            None if found is None else float(found[1]),
        )
        dataset = None
    return values


def row_cell_areas_m2(grid: RasterGrid, row0: int, rows: int) -> np.ndarray:
    """Ground area (m²) of one cell in each of the rows row0 .. row0 + rows: geodesic on
    the ellipsoid for a geographic grid, cell width × height × the unit in metres else."""
    srs = grid.spatial_reference()
    if grid.is_geographic:
        degrees_per_unit = math.degrees(srs.GetAngularUnits())
        latitudes = grid.row_centres_y(row0, rows) * degrees_per_unit
        width, height = geodesic_cell_sizes(
            latitudes,
            grid.cell_width * degrees_per_unit,
            grid.cell_height * degrees_per_unit,
            srs.GetSemiMajor(),
            srs.GetInvFlattening(),
        )
        return width * height
    metres = srs.GetLinearUnits() if grid.has_crs else 1.0
    return np.full(rows, grid.cell_width * grid.cell_height * metres * metres)


def _geodesic_rows(
    path: str, grid: RasterGrid, srs: osr.SpatialReference
) -> tuple[np.ndarray, np.ndarray]:
    degrees_per_unit = math.degrees(srs.GetAngularUnits())
    latitudes = grid.row_centres_y() * degrees_per_unit
    if np.any(np.abs(latitudes) >= 90.0):
        raise RasterError(
            f"The DEM '{path}' has rows at or beyond the poles (latitude {latitudes.max():.3f}); "
            "check its geotransform."
        )
    return geodesic_cell_sizes(
        latitudes,
        grid.cell_width * degrees_per_unit,
        grid.cell_height * degrees_per_unit,
        srs.GetSemiMajor(),
        srs.GetInvFlattening(),
    )


def _row_scale_factors(grid: RasterGrid, srs: osr.SpatialReference) -> np.ndarray:
    """Map scale factor per row (map distance / ground distance) at the middle column.

    Measured numerically: one cell's north-south step at the row centre is transformed to
    longitude/latitude and compared with the meridian arc there.
    """
    geographic = srs.CloneGeogCS()
    geographic.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    to_geographic = osr.CoordinateTransformation(srs, geographic)
    x0, dx, _, _, _, dy = grid.geotransform
    x_mid = x0 + dx * grid.width / 2
    y = grid.row_centres_y()
    lower = np.array(to_geographic.TransformPoints(np.column_stack([np.full_like(y, x_mid), y])))
    upper = np.array(
        to_geographic.TransformPoints(np.column_stack([np.full_like(y, x_mid), y + abs(dy)]))
    )
    _, heights = geodesic_cell_sizes(
        lower[:, 1],
        0.0,
        1.0,
        geographic.GetSemiMajor(),
        geographic.GetInvFlattening(),
    )
    ground = heights * np.abs(upper[:, 1] - lower[:, 1])
    return abs(dy) * srs.GetLinearUnits() / ground


# --- elevation change ----------------------------------------------------------------


def write_elevation_change(
    before_path: str,
    after_path: str,
    out_path: str,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
    band: int = 1,
    block_rows: int | None = None,
) -> RasterGrid:
    """after - before (metres) as a float32 GeoTIFF on the AFTER DEM's grid.

    When the grids differ (CRS, extent or resolution) the BEFORE DEM is warped onto the
    AFTER grid (bilinear, exact per-cell transformation) through a temporary VRT.
    """
    after = open_grid(after_path, band)
    before = open_grid(before_path, band)
    for grid, path in ((after, after_path), (before, before_path)):
        if not grid.has_crs:
            raise RasterError(
                f"The DEM '{path}' has no CRS, so it cannot be matched with the other DEM. "
                "Assign its CRS (QGIS: Layer Properties > Source; GDAL: gdal_edit.py -a_srs)."
            )
    warped = None
    source_path = before_path
    if not before.same_grid(after):
        _check_overlap(before_path, before, after_path, after)
        warped = f"/vsimem/reclamation_before_{uuid.uuid4().hex}.vrt"
        _warp_onto(before_path, before, band, after, warped)
        source_path, band_before = warped, 1
    else:
        band_before = band
    if block_rows is None:
        # One block height for both DEMs, whatever their own tiling: the blocks are zipped.
        with _open(after_path) as dataset:
            file_rows = _band(dataset, after_path, band).GetBlockSize()[1]
        block_rows = default_block_rows(after.width, file_rows, align=TILE)
    try:
        blocks_before = read_blocks(source_path, band_before, block_rows=block_rows, align=TILE)
        blocks_after = read_blocks(after_path, band, block_rows=block_rows, align=TILE)
        pairs = zip(blocks_before, blocks_after, strict=True)
        changes = (
            (block_after.row0, elevation_change(block_before.data, block_after.data))
            for block_before, block_after in pairs
        )
        out_grid = RasterGrid(after.width, after.height, after.geotransform, after.crs_wkt, None)
        return write_raster(
            out_path, out_grid, changes, progress=progress, is_cancelled=is_cancelled
        )
    finally:
        if warped is not None:
            for leftover in (warped, f"{warped}.band.vrt"):
                if gdal.VSIStatL(leftover) is not None:
                    gdal.Unlink(leftover)


@contextlib.contextmanager
def aligned_to(
    path: str, target: RasterGrid, band: int = 1, what: str = "raster"
) -> Iterator[tuple[str, int]]:
    """(path, band) of the raster on the target grid: itself when it already is, else a
    temporary bilinear VRT warp (removed afterwards). Refuses a raster without a CRS or
    one that does not overlap the target, naming ``what`` and the file."""
    grid = open_grid(path, band)
    if not grid.has_crs:
        raise RasterError(
            f"The {what} '{path}' has no CRS. Assign its CRS (QGIS: Layer Properties > "
            "Source; GDAL: gdal_edit.py -a_srs) and run again."
        )
    if grid.same_grid(target):
        yield path, band
        return
    if not footprints_overlap(grid, target):
        raise RasterError(
            f"The {what} '{path}' does not overlap the analysis grid. Check that it covers "
            "the same area and that its CRS is set correctly."
        )
    warped = f"/vsimem/reclamation_aligned_{uuid.uuid4().hex}.vrt"
    try:
        _warp_onto(path, grid, band, target, warped)
        yield warped, 1
    finally:
        for leftover in (warped, f"{warped}.band.vrt"):
            if gdal.VSIStatL(leftover) is not None:
                gdal.Unlink(leftover)


def _warp_onto(path: str, grid: RasterGrid, band: int, target: RasterGrid, out: str) -> None:
    options = gdal.WarpOptions(
        format="VRT",
        outputBounds=target.extent,
        width=target.width,
        height=target.height,
        dstSRS=target.crs_wkt,
        resampleAlg="bilinear",
        srcNodata=grid.nodata,
        dstNodata=math.nan,
        outputType=gdal.GDT_Float64,
        errorThreshold=0,  # exact per-cell transformation: elevation change is small
    )
    source = str(Path(path).resolve())
    single_band = f"{out}.band.vrt"
    with gdal_exceptions():
        try:
            if band != 1:  # GDAL 3.6's Warp has no srcBands: select the band through a VRT
                gdal.Translate(single_band, source, format="VRT", bandList=[band])
                source = single_band
            dataset = gdal.Warp(out, source, options=options)
            dataset = None  # noqa: F841 - closing writes the VRT
        except RuntimeError as error:
            raise RasterError(f"Cannot warp '{path}' onto the analysis grid: {error}") from error


def _check_overlap(
    before_path: str, before: RasterGrid, after_path: str, after: RasterGrid
) -> None:
    """RasterError unless the BEFORE footprint, in the AFTER CRS, meets the AFTER extent."""
    if not footprints_overlap(before, after):
        raise RasterError(
            f"The DEMs '{before_path}' (before) and '{after_path}' (after) do not overlap. "
            "Check that both cover the same area and that their CRSs are set correctly."
        )


def footprints_overlap(grid: RasterGrid, target: RasterGrid) -> bool:
    """Whether the grid's footprint, transformed to the target's CRS, meets its extent."""
    before, after = grid, target
    transform = osr.CoordinateTransformation(before.spatial_reference(), after.spatial_reference())
    xmin, ymin, xmax, ymax = before.extent
    steps = np.linspace(0.0, 1.0, 21)
    xs = np.concatenate([xmin + (xmax - xmin) * steps, np.full(21, xmax)])
    ys = np.concatenate([np.full(21, ymin), ymin + (ymax - ymin) * steps])
    xs = np.concatenate([xs, xmax - (xmax - xmin) * steps, np.full(21, xmin)])
    ys = np.concatenate([ys, np.full(21, ymax), ymax - (ymax - ymin) * steps])
    with gdal_exceptions():
        try:
            points = np.array(transform.TransformPoints(np.column_stack([xs, ys])))
        except RuntimeError:
            points = np.empty((0, 3))
    finite = points[np.all(np.isfinite(points[:, :2]), axis=1)] if points.size else points
    axmin, aymin, axmax, aymax = after.extent
    return bool(
        finite.size
        and finite[:, 0].min() < axmax
        and finite[:, 0].max() > axmin
        and finite[:, 1].min() < aymax
        and finite[:, 1].max() > aymin
    )
