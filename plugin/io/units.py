"""Evaluation units on a DEM's grid with GDAL (no QGIS import): the cell work of
``reclamation:makeunits``.

1. The DEM is cut to the parents' extent (a VRT window with a margin) and its slope
   written with ``write_slope`` (Horn, edges computed).
2. The parents (numbered disturbed polygons, already in the DEM's CRS) are rasterized by
   number; each cell gets a key: parent × slope class × landform (face on the parents the
   caller marks, steeper than the face limit).
3. ``gdal.Polygonize`` (4-connected) turns equal keys into pieces; rasterizing the pieces
   back by their fid labels every cell with its piece.
4. One pass over the piece labels in row blocks gives each piece's area (ground m²) and
   key, and the border length of every touching pair; ``plugin.core.units`` merges the
   small pieces and numbers the units.
5. The unit numbers are written as a raster and polygonized: the unit polygons the
   caller clips to the parents.

All files go to ``work_dir``; the caller owns and removes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr

from ..core.units import (
    NO_SLOPE,
    UnitRules,
    UnitTable,
    border_pairs,
    combine_pairs,
    is_face,
    merge_small,
    number_units,
    rows_between,
    slope_classes,
)
from . import Cancelled
from .raster import (
    NODATA,
    RasterError,
    RasterGrid,
    cell_sizes_in_z_units,
    creation_options,
    gdal_exceptions,
    open_grid,
    row_cell_areas_m2,
    write_slope,
)
from .rasterize import UnitLayer

IsCancelled = Callable[[], bool]
Progress = Callable[[float], None]

UNIT_LAYER = "units"
UNIT_FIELD = "unit"
OTHERS_LAYER = "others"
PARENT_FIELD = "parent"
_PIECE_LAYER = "pieces"
_MARGIN_CELLS = 2  # around the parents' extent: slopes at the window's edge stay true
_BLOCK_ROWS = 512
_INT32_MAX = 2**31 - 1


@dataclass(frozen=True)
class UnitCells:
    """The units found on the grid: their table and their (raster-edged) polygons."""

    table: UnitTable
    polygons_path: str
    layer: str = UNIT_LAYER
    field: str = UNIT_FIELD
    # Per parent cut into several units: the cells of all its units but the largest, as
    # polygons with the parent's number (the largest unit is the parent minus these).
    others_layer: str = OTHERS_LAYER


def split_into_units(
    parents: UnitLayer,
    parent_count: int,
    face_parents: np.ndarray,
    dem_path: str,
    rules: UnitRules,
    work_dir: Path,
    *,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> UnitCells | None:
    """Units of the parents (numbered 1..parent_count in ``parents.label_field``).

    ``face_parents[number]`` True where the parent's faces are split from its platforms.
    None when no parent covers a cell centre of the DEM.
    """
    with gdal_exceptions(vectors=True):
        window = _window(parents, dem_path, work_dir)
        if window is None:
            return None
        _step(progress, is_cancelled, 5)
        slope = str(work_dir / "slope.tif")
        write_slope(window, slope, compute_edges=True, is_cancelled=is_cancelled)
        _step(progress, is_cancelled, 25)
        grid = open_grid(slope)
        parent_raster = _rasterize(parents, grid, work_dir / "parents.tif", parents.label_field)
        classes = len(rules.slope_limits) + 2  # NO_SLOPE, 1 .. len + 1
        if (parent_count + 1) * classes * 2 > _INT32_MAX:
            raise RasterError(
                f"{parent_count} disturbed polygons are too many to cut into units at once; "
                "cut the study area into parts."
            )
        keys = str(work_dir / "keys.tif")
        _write_keys(parent_raster, slope, keys, grid, rules, face_parents, classes)
        _step(progress, is_cancelled, 40)
        pieces = str(work_dir / "pieces.gpkg")
        # 8-connected: a face ring touching itself at a corner cell stays one piece.
        _polygonize(keys, grid, pieces, _PIECE_LAYER, "key", connectedness=8)
        _step(progress, is_cancelled, 60)
        labels = _rasterize(
            UnitLayer(pieces, _PIECE_LAYER, "fid"), grid, work_dir / "pieces.tif", "fid"
        )
        count = _feature_count(pieces, _PIECE_LAYER)
        area, key, pairs = _piece_graph(labels, keys, grid, slope, count)
        _step(progress, is_cancelled, 75)
        face = key % 2 == 1
        slope_class = (key // 2 % classes).astype(np.int64) + NO_SLOPE
        parent = key // 2 // classes
        root = merge_small(area, parent, pairs, rules.min_area_m2)
        table = number_units(root, area, parent, slope_class, face)
        units_raster = str(work_dir / "units.tif")
        _write_numbers(labels, units_raster, grid, table.number_of_piece)
        polygons = str(work_dir / "units.gpkg")
        _polygonize(units_raster, grid, polygons, UNIT_LAYER, UNIT_FIELD)
        others_raster = str(work_dir / "others.tif")
        _write_numbers(labels, others_raster, grid, _others_of_parent(table))
        _polygonize(others_raster, grid, polygons, OTHERS_LAYER, PARENT_FIELD)
        _step(progress, is_cancelled, 100)
    return UnitCells(table, polygons)


def _step(progress: Progress | None, is_cancelled: IsCancelled | None, percent: float) -> None:
    if is_cancelled is not None and is_cancelled():
        raise Cancelled
    if progress is not None:
        progress(percent)


def _window(parents: UnitLayer, dem_path: str, work_dir: Path) -> str | None:
    """A VRT of the DEM over the parents' extent plus a margin; None if they miss it."""
    grid = open_grid(dem_path)
    if not grid.is_north_up:
        raise RasterError(
            f"The DEM '{dem_path}' has a rotated geotransform. Warp it to a north-up grid first."
        )
    source = ogr.Open(parents.path)
    layer = source.GetLayerByName(parents.layer) if parents.layer else source.GetLayer(0)
    xmin, xmax, ymin, ymax = layer.GetExtent()
    source = None
    window = grid.cell_window((xmin, ymin, xmax, ymax), _MARGIN_CELLS)
    if window is None:
        return None
    path = str(work_dir / "dem_window.vrt")
    gdal.Translate(path, dem_path, format="VRT", srcWin=list(window))
    return path


def _rasterize(layer: UnitLayer, grid: RasterGrid, path: Path, field: str) -> str:
    """Int32 raster of ``field`` on the grid (0 outside), cell centres inside."""
    driver = gdal.GetDriverByName("GTiff")
    target = driver.Create(
        str(path), grid.width, grid.height, 1, gdal.GDT_Int32, creation_options(gdal.GDT_Int32)
    )
    target.SetGeoTransform(grid.geotransform)
    target.SetProjection(grid.crs_wkt)
    source = ogr.Open(layer.path)
    name = layer.layer or source.GetLayer(0).GetName()
    if field == "fid":
        selected = source.ExecuteSQL(
            f'SELECT fid + 0 AS piece, geom FROM "{name}"', dialect="SQLITE"
        )
        burn_field = "piece"
    else:
        selected = source.GetLayerByName(name)
        burn_field = field
    gdal.RasterizeLayer(target, [1], selected, options=[f"ATTRIBUTE={burn_field}"])
    if field == "fid":
        source.ReleaseResultSet(selected)
    source = None
    target = None
    return str(path)


def _blocks(*paths: str) -> Iterator[tuple[int, list[np.ndarray]]]:
    datasets = [gdal.Open(p) for p in paths]
    height, width = datasets[0].RasterYSize, datasets[0].RasterXSize
    for row0 in range(0, height, _BLOCK_ROWS):
        rows = min(_BLOCK_ROWS, height - row0)
        yield row0, [d.GetRasterBand(1).ReadAsArray(0, row0, width, rows) for d in datasets]


def _write_keys(
    parent_raster: str,
    slope: str,
    out: str,
    grid: RasterGrid,
    rules: UnitRules,
    face_parents: np.ndarray,
    classes: int,
) -> None:
    """Key of each cell: (parent × classes + slope class − NO_SLOPE) × 2 + face; 0 outside."""
    target = _new_int32(out, grid)
    band = target.GetRasterBand(1)
    for row0, (parent, slope_block) in _blocks(parent_raster, slope):
        slope_values = slope_block.astype(np.float64)
        slope_values[slope_values == NODATA] = np.nan  # write_slope's NoData
        parent = parent.astype(np.int64)
        slope_class = slope_classes(slope_values, rules.slope_limits).astype(np.int64)
        on_face_parent = face_parents[parent]
        face = is_face(slope_values, rules.face_slope_deg) & on_face_parent
        # Dumps and pits are cut into platforms and faces only: the slope classes of the
        # thin ring where a platform bends into a face are DEM smoothing, not land.
        slope_class[on_face_parent] = NO_SLOPE
        key = (parent * classes + slope_class - NO_SLOPE) * 2 + face
        band.WriteArray(np.where(parent > 0, key, 0).astype(np.int32), 0, row0)
    target = None


def _new_int32(path: str, grid: RasterGrid) -> gdal.Dataset:
    target = gdal.GetDriverByName("GTiff").Create(
        path, grid.width, grid.height, 1, gdal.GDT_Int32, creation_options(gdal.GDT_Int32)
    )
    target.SetGeoTransform(grid.geotransform)
    target.SetProjection(grid.crs_wkt)
    return target


def _polygonize(
    raster: str, grid: RasterGrid, out: str, layer_name: str, field: str, connectedness: int = 4
) -> None:
    """Polygons of the non-zero values into a new layer of ``out``, one transaction."""
    source = gdal.Open(raster)
    band = source.GetRasterBand(1)
    driver = ogr.GetDriverByName("GPKG")
    dataset = ogr.Open(out, 1) if Path(out).exists() else driver.CreateDataSource(out)
    srs = grid.spatial_reference() if grid.has_crs else None
    layer = dataset.CreateLayer(layer_name, srs, ogr.wkbPolygon, options=["GEOMETRY_NAME=geom"])
    layer.CreateField(ogr.FieldDefn(field, ogr.OFTInteger))
    layer.StartTransaction()
    gdal.Polygonize(band, band, layer, 0, ["8CONNECTED=8"] if connectedness == 8 else [])
    layer.CommitTransaction()
    dataset = None
    source = None


def _piece_graph(
    labels: str, keys: str, grid: RasterGrid, slope: str, pieces: int
) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Area (m²) and key of every piece (indexed by label 1..pieces), and the touching
    pairs."""
    cell_sizes = cell_sizes_in_z_units(slope, grid, 1.0)  # ground metres per cell side
    count = pieces + 1
    area = np.zeros(count)
    key = np.zeros(count, dtype=np.int64)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    previous_row: np.ndarray | None = None
    for row0, (label, key_block) in _blocks(labels, keys):
        rows = label.shape[0]
        width, height = cell_sizes(row0, rows)
        cell_area = row_cell_areas_m2(grid, row0, rows)
        area += np.bincount(
            label.ravel(),
            weights=np.repeat(cell_area, label.shape[1]),
            minlength=count,
        )
        key[label.ravel()] = key_block.ravel()
        found.append(border_pairs(label, height, width))
        if previous_row is not None:
            edge = float(np.broadcast_to(np.asarray(width, float), (rows,))[0])
            found.append(rows_between(previous_row, label[0], edge))
        previous_row = label[-1].copy()
    area[0] = 0.0
    pairs = combine_pairs(
        np.concatenate([p[0] for p in found]),
        np.concatenate([p[1] for p in found]),
        np.concatenate([p[2] for p in found]),
    )
    return area, key, pairs


def _feature_count(path: str, layer_name: str) -> int:
    """Pieces polygonized into a new GeoPackage layer: their fids are 1..count."""
    dataset = ogr.Open(path)
    count = dataset.GetLayerByName(layer_name).GetFeatureCount()
    dataset = None
    return count


def _others_of_parent(table: UnitTable) -> np.ndarray:
    """Per piece label: its parent's number where its unit is not the parent's largest
    unit (ties: the lower unit number), else 0."""
    count = table.parent.size
    order = np.lexsort((np.arange(count), -table.area_m2, table.parent))
    first = np.ones(count, dtype=bool)
    first[1:] = table.parent[order][1:] != table.parent[order][:-1]
    largest = np.zeros(count, dtype=bool)
    largest[order[first]] = True
    parent_if_other = np.where(largest, 0, table.parent)  # per unit (number - 1)
    by_piece = np.zeros(table.number_of_piece.size, dtype=np.int64)
    numbered = table.number_of_piece > 0
    by_piece[numbered] = parent_if_other[table.number_of_piece[numbered] - 1]
    return by_piece


def _write_numbers(labels: str, out: str, grid: RasterGrid, number_of_piece: np.ndarray) -> None:
    target = _new_int32(out, grid)
    band = target.GetRasterBand(1)
    for row0, (label,) in _blocks(labels):
        band.WriteArray(number_of_piece[label].astype(np.int32), 0, row0)
    target = None
