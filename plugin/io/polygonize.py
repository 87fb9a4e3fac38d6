"""Class rasters to polygons with GDAL/OGR: write, sieve small patches, polygonize, thin.

No qgis import; the Processing algorithm wraps these functions (``RasterError`` and
``Cancelled`` as everywhere in ``plugin.io``). A class raster holds small non-negative
integer codes (``plugin.core.disturbance.class_code``); 0 is "no class" and is never
polygonized.

:func:`polygonize_classes` streams the raster through GDAL, never as a whole numpy
array:

1. **Sieve** (``gdal.SieveFilter``): every 4-connected patch of equal code smaller than
   ``min_cells`` cells is merged into its largest neighbouring patch, so the result has no
   gaps and every class keeps the cells it absorbs. Code 0 takes part like any class: a
   lone small damaged patch goes back to 0, a small undamaged hole inside a dump is
   filled. The minimum mapping unit thus applies to every class alike.
2. **Polygonize** (``gdal.Polygonize``), 4-connected too, so sieve and polygonize agree on
   what a patch is and every polygon is simple (8-connected patches can touch themselves
   at a corner, which makes invalid rings). Polygons follow cell edges exactly: the area
   of each class is its cell count times the cell area.
3. **Thin**: vertices lying exactly on the straight line between their neighbours (cell
   corners along a straight edge; GDAL versions differ in whether they emit them) are
   dropped. The test is exact (cross product == 0), so every polygon keeps exactly the
   same point set: no area changes, no gap or overlap can appear between classes. No
   lossy simplification is done; staircase edges stay staircases.

Outputs go to a temporary file in the target folder and are renamed into place when
complete; an error or a cancel leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import math
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr

from ..core.terrain import geodesic_cell_sizes
from . import Cancelled
from .raster import (
    Progress,
    RasterError,
    RasterGrid,
    creation_options,
    gdal_exceptions,
    open_grid,
    write_raster,
)

__all__ = [
    "DEFAULT_FIELD",
    "DEFAULT_LAYER",
    "PolygonizeResult",
    "drop_collinear_vertices",
    "min_patch_cells",
    "polygonize_classes",
    "write_class_raster",
]

IsCancelled = Callable[[], bool]

DEFAULT_LAYER = "classes"
DEFAULT_FIELD = "code"
CONNECTEDNESS = (4, 8)
_COMMIT_EVERY = 20_000  # features per GeoPackage transaction
# Share of the progress bar per stage: sieve, polygonize, thin and copy.
_STAGES = ((0.0, 30.0), (30.0, 80.0), (80.0, 100.0))
_INTEGER_TYPES = {
    gdal.GDT_Byte: (0, 255),
    gdal.GDT_UInt16: (0, 65535),
    gdal.GDT_Int16: (-32768, 32767),
}


@dataclass(frozen=True)
class PolygonizeResult:
    """Where the polygons are and what was done to them."""

    path: str
    layer: str
    field: str
    features: int
    min_cells: int  # sieve threshold used (patches with fewer cells were merged)
    vertices_removed: int


# --- writing the class raster ------------------------------------------------------------


def write_class_raster(
    path: str,
    grid: RasterGrid,
    blocks: Iterable[tuple[int, np.ndarray]],
    *,
    data_type: int = gdal.GDT_Byte,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> RasterGrid:
    """Write (row0, integer array) blocks as a tiled, compressed class GeoTIFF.

    Byte by default: packed damage codes are 0..49. ``GDT_Int16`` or ``GDT_UInt16`` for
    other codes. No NoData value is set: 0 means "no class" and is a value (the sieve
    merges small patches into it). Values outside the type's range raise ValueError
    rather than wrap around.
    """
    if data_type not in _INTEGER_TYPES:
        raise ValueError("a class raster is Byte, Int16 or UInt16")
    low, high = _INTEGER_TYPES[data_type]

    def checked() -> Iterator[tuple[int, np.ndarray]]:
        for row0, array in blocks:
            values = np.asarray(array)
            if not np.issubdtype(values.dtype, np.integer):
                raise ValueError(f"class blocks must be integer arrays, got {values.dtype}")
            if values.size and (values.min() < low or values.max() > high):
                raise ValueError(
                    f"class codes {values.min()}..{values.max()} do not fit the raster type "
                    f"({low}..{high}) in the block at row {row0}"
                )
            yield row0, values

    out_grid = RasterGrid(grid.width, grid.height, grid.geotransform, grid.crs_wkt, None)
    return write_raster(
        path,
        out_grid,
        checked(),
        data_type=data_type,
        nodata=None,
        progress=progress,
        is_cancelled=is_cancelled,
    )


# --- sieve threshold -------------------------------------------------------------------


def min_patch_cells(grid: RasterGrid, min_area_m2: float) -> int:
    """Fewest cells a patch of at least ``min_area_m2`` square metres has on this grid.

    Patches with fewer cells are sieved; a patch of exactly the minimum area is kept.
    Projected CRS: cell area from the geotransform in the CRS's linear unit. Geographic
    CRS: geodesic cell area at the centre row (cells shrink towards the poles; for a
    study area of a few km the difference is far below one cell).
    """
    if not (math.isfinite(min_area_m2) and min_area_m2 >= 0):
        raise ValueError(f"the minimum patch area must be >= 0 m², got {min_area_m2}")
    if min_area_m2 == 0:
        return 0
    cell_area = _cell_area_m2(grid)
    # A relative tolerance keeps 400 m² / (10 m x 10 m) at 4 cells despite rounding.
    return max(1, math.ceil(min_area_m2 / cell_area * (1 - 1e-9)))


def _cell_area_m2(grid: RasterGrid) -> float:
    if not grid.has_crs:
        raise RasterError(
            "The class raster has no CRS, so its cell area in m² is unknown; assign its CRS."
        )
    srs = grid.spatial_reference()
    _, dx, rx, _, ry, dy = grid.geotransform
    cell = abs(dx * dy - rx * ry)  # parallelogram area, rotated grids included
    if srs.IsGeographic():
        degrees = math.degrees(srs.GetAngularUnits())
        centre = grid.row_centres_y(grid.height // 2, 1) * degrees
        width, height = geodesic_cell_sizes(
            centre,
            grid.cell_width * degrees,
            grid.cell_height * degrees,
            srs.GetSemiMajor(),
            srs.GetInvFlattening(),
        )
        return float(width[0] * height[0])
    return cell * srs.GetLinearUnits() ** 2


# --- polygonize ------------------------------------------------------------------------


def polygonize_classes(
    class_path: str,
    out_path: str,
    *,
    min_cells: int = 0,
    layer: str = DEFAULT_LAYER,
    field: str = DEFAULT_FIELD,
    band: int = 1,
    connectedness: int = 4,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> PolygonizeResult:
    """Sieve, polygonize and thin a class raster into a GeoPackage layer (module doc).

    ``out_path``: the GeoPackage to (re)create, in the raster's CRS, with one polygon
    layer ``layer``: one feature per patch, its code in the integer field ``field``.
    ``min_cells``: sieve threshold in cells (:func:`min_patch_cells`); 0 or 1 = no sieve.
    ``connectedness``: 4 (default, recommended) or 8.
    """
    if connectedness not in CONNECTEDNESS:
        raise ValueError(f"connectedness must be 4 or 8, got {connectedness}")
    grid = open_grid(class_path, band)
    target = Path(out_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(
        prefix=".reclamation-", dir=target.parent, ignore_cleanup_errors=True
    ) as work:
        work_dir = Path(work)
        sieved = str(work_dir / "sieved.tif")
        _sieve(class_path, band, sieved, min_cells, connectedness, progress, is_cancelled)
        raw = str(work_dir / "raw.gpkg")
        _polygonize(sieved, grid, raw, field, connectedness, progress, is_cancelled)
        final = str(work_dir / "final.gpkg")
        features, removed = _thin_copy(raw, final, layer, field, grid, progress, is_cancelled)
        Path(final).replace(target)
    _report(progress, 100.0)
    return PolygonizeResult(str(target), layer, field, features, max(min_cells, 0), removed)


def _report(progress: Progress | None, percent: float) -> None:
    if progress is not None:
        progress(percent)


def _check_cancelled(is_cancelled: IsCancelled | None) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled


def _gdal_callback(
    stage: int, progress: Progress | None, is_cancelled: IsCancelled | None
) -> Callable[..., int]:
    low, high = _STAGES[stage]

    def callback(complete: float, _message: object = None, _data: object = None) -> int:
        _report(progress, low + (high - low) * min(max(complete, 0.0), 1.0))
        return 0 if (is_cancelled is not None and is_cancelled()) else 1  # 0 stops GDAL

    return callback


@contextlib.contextmanager
def _gdal_step(what: str, path: str, is_cancelled: IsCancelled | None) -> Iterator[None]:
    """GDAL errors as RasterError; a stop requested through the callback as Cancelled."""
    with gdal_exceptions():
        try:
            yield
        except RuntimeError as error:
            if is_cancelled is not None and is_cancelled():
                raise Cancelled from error
            raise RasterError(f"Cannot {what} '{path}': {error}") from error


def _sieve(
    class_path: str,
    band: int,
    out: str,
    min_cells: int,
    connectedness: int,
    progress: Progress | None,
    is_cancelled: IsCancelled | None,
) -> None:
    """Sieved copy of the class band (a plain copy when there is nothing to sieve)."""
    _check_cancelled(is_cancelled)
    with _gdal_step("sieve the class raster", class_path, is_cancelled):
        source = gdal.Open(str(class_path), gdal.GA_ReadOnly)
        source_band = source.GetRasterBand(band)
        data_type = source_band.DataType
        if data_type not in _INTEGER_TYPES and data_type not in (gdal.GDT_Int32, gdal.GDT_UInt32):
            raise RasterError(
                f"The class raster '{class_path}' holds {gdal.GetDataTypeName(data_type)} "
                "values; class rasters hold integer codes."
            )
        driver = gdal.GetDriverByName("GTiff")
        target = driver.Create(
            out,
            source.RasterXSize,
            source.RasterYSize,
            1,
            data_type,
            options=creation_options(data_type),
        )
        target.SetGeoTransform(source.GetGeoTransform())
        target.SetProjection(source.GetProjection())
        callback = _gdal_callback(0, progress, is_cancelled)
        if min_cells > 1:
            gdal.SieveFilter(
                source_band,
                None,  # no mask: 0 is a class too, so nothing is left as a gap
                target.GetRasterBand(1),
                int(min_cells),
                connectedness,
                callback=callback,
            )
        else:
            _copy_band(source_band, target.GetRasterBand(1), callback)
        target.FlushCache()
        target = None  # closes the file
        source = None
    _check_cancelled(is_cancelled)


def _copy_band(source: gdal.Band, target: gdal.Band, callback: Callable[..., int]) -> None:
    rows_per_block = max(1, source.GetBlockSize()[1])
    height = source.YSize
    for row0 in range(0, height, rows_per_block):
        rows = min(rows_per_block, height - row0)
        target.WriteArray(source.ReadAsArray(0, row0, source.XSize, rows), 0, row0)
        if not callback((row0 + rows) / max(1, height)):
            raise RuntimeError("cancelled")


def _polygonize(
    sieved: str,
    grid: RasterGrid,
    out: str,
    field: str,
    connectedness: int,
    progress: Progress | None,
    is_cancelled: IsCancelled | None,
) -> None:
    with _gdal_step("polygonize the class raster", sieved, is_cancelled):
        source = gdal.Open(sieved, gdal.GA_ReadOnly)
        source_band = source.GetRasterBand(1)
        dataset, layer = _new_polygon_layer(out, "raw", field, grid)
        options = ["8CONNECTED=8"] if connectedness == 8 else []
        layer.StartTransaction()  # one transaction: GeoPackage inserts are slow one by one
        gdal.Polygonize(
            source_band,
            source_band,  # the band masks itself: code 0 (no class) is not polygonized
            layer,
            0,
            options,
            callback=_gdal_callback(1, progress, is_cancelled),
        )
        layer.CommitTransaction()
        dataset = None  # noqa: F841 - closes the file
        source = None
    _check_cancelled(is_cancelled)


def _new_polygon_layer(
    path: str, name: str, field: str, grid: RasterGrid
) -> tuple[ogr.DataSource, ogr.Layer]:
    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(path)
    if dataset is None:  # GDAL 3.6 does not raise for OGR
        raise RuntimeError(gdal.GetLastErrorMsg() or "cannot create the GeoPackage")
    srs = grid.spatial_reference() if grid.has_crs else None
    layer = dataset.CreateLayer(name, srs, ogr.wkbPolygon, options=["GEOMETRY_NAME=geom"])
    layer.CreateField(ogr.FieldDefn(field, ogr.OFTInteger))
    return dataset, layer


def _thin_copy(
    raw: str,
    final: str,
    layer_name: str,
    field: str,
    grid: RasterGrid,
    progress: Progress | None,
    is_cancelled: IsCancelled | None,
) -> tuple[int, int]:
    """Copy the raw polygons into the final layer without their collinear vertices."""
    low, high = _STAGES[2]
    with _gdal_step("write the polygons to", final, is_cancelled):
        source = ogr.Open(raw)
        if source is None:
            raise RuntimeError(gdal.GetLastErrorMsg() or "cannot open the raw polygons")
        source_layer = source.GetLayer(0)
        total = max(1, source_layer.GetFeatureCount())
        dataset, layer = _new_polygon_layer(final, layer_name, field, grid)
        definition = layer.GetLayerDefn()
        removed = written = 0
        layer.StartTransaction()
        for feature in source_layer:
            geometry, dropped = _thin_polygon(feature.GetGeometryRef())
            out = ogr.Feature(definition)
            out.SetField(field, feature.GetField(0))
            out.SetGeometryDirectly(geometry)
            layer.CreateFeature(out)
            removed += dropped
            written += 1
            if written % _COMMIT_EVERY == 0:
                layer.CommitTransaction()
                _check_cancelled(is_cancelled)
                _report(progress, low + (high - low) * written / total)
                layer.StartTransaction()
        layer.CommitTransaction()
        dataset = None  # noqa: F841 - closes the file
        source = None
    _check_cancelled(is_cancelled)
    return written, removed


def _thin_polygon(polygon: ogr.Geometry) -> tuple[ogr.Geometry, int]:
    """The polygon without collinear ring vertices, and how many were dropped.

    Rings travel as WKB through numpy (no Python loop over vertices).
    """
    polygon = polygon.Clone()
    polygon.FlattenTo2D()
    rings = _wkb_rings(bytes(polygon.ExportToWkb(ogr.wkbNDR)))
    thinned = [drop_collinear_vertices(ring) for ring in rings]
    dropped = sum(len(ring) - len(kept) for ring, kept in zip(rings, thinned, strict=True))
    if not dropped:
        return polygon, 0
    return ogr.CreateGeometryFromWkb(_polygon_wkb(thinned)), dropped


_UINT32 = np.dtype("<u4")
_POINT = np.dtype("<f8")


def _wkb_rings(wkb: bytes) -> list[np.ndarray]:
    """(n, 2) coordinate arrays of the rings of a little-endian 2D WKB polygon."""
    count = int(np.frombuffer(wkb, _UINT32, 1, 5)[0])
    offset, rings = 9, []
    for _ in range(count):
        points = int(np.frombuffer(wkb, _UINT32, 1, offset)[0])
        offset += 4
        rings.append(np.frombuffer(wkb, _POINT, 2 * points, offset).reshape(points, 2))
        offset += 16 * points
    return rings


def _polygon_wkb(rings: list[np.ndarray]) -> bytes:
    parts = [b"\x01", np.array([3, len(rings)], _UINT32).tobytes()]
    for ring in rings:
        parts.append(np.array([len(ring)], _UINT32).tobytes())
        parts.append(np.ascontiguousarray(ring, _POINT).tobytes())
    return b"".join(parts)


def drop_collinear_vertices(ring: np.ndarray) -> np.ndarray:
    """A closed ring (first point == last) without vertices on a straight run.

    A vertex is dropped when the cross product of its two edges is exactly 0 and both
    edges point the same way (a straight pass-through, not a spike): the ring keeps the
    same point set, so areas and shared boundaries are unchanged. Cell-edge polygons of
    a north-up grid have axis-parallel edges, where this test is exact in floating point.
    The ring stays closed; the start vertex is dropped too when it is collinear.
    """
    points = np.asarray(ring, dtype=np.float64)
    closed = len(points) > 1 and np.array_equal(points[0], points[-1])
    body = points[:-1] if closed else points
    if len(body) < 4:
        return points
    previous = np.roll(body, 1, axis=0)
    following = np.roll(body, -1, axis=0)
    incoming = body - previous
    outgoing = following - body
    cross = incoming[:, 0] * outgoing[:, 1] - incoming[:, 1] * outgoing[:, 0]
    dot = incoming[:, 0] * outgoing[:, 0] + incoming[:, 1] * outgoing[:, 1]
    keep = ~((cross == 0) & (dot > 0))
    if keep.sum() < 3:  # degenerate ring: leave it as it is
        return points
    kept = body[keep]
    return np.vstack([kept, kept[:1]]) if closed else kept
