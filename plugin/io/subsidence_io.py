"""GDAL helpers of the subsidence prediction: row blocks, DEM after, ponding, warps and
contours (no QGIS import)."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from typing import Any

import numpy as np
from osgeo import gdal, ogr

from ..core.subsidence import SubsidenceField
from .raster import TILE, RasterError, RasterGrid, gdal_exceptions

CONTOUR_FIELD = "subsidence_m"


def row_blocks(height: int, compute: Any) -> Iterator[tuple[int, np.ndarray]]:
    for row0 in range(0, height, TILE):
        rows = slice(row0, min(height, row0 + TILE))
        yield row0, np.asarray(compute(rows), dtype=np.float32)


def dem_after(path: str, field: SubsidenceField) -> Iterator[tuple[int, np.ndarray]]:
    """DEM − W, NaN where the DEM has NoData."""
    with gdal_exceptions():
        dataset = gdal.Open(path)
    band = dataset.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    for row0 in range(0, field.grid.height, TILE):
        rows = min(TILE, field.grid.height - row0)
        with gdal_exceptions():
            dem = band.ReadAsArray(0, row0, field.grid.width, rows).astype(np.float64)
        if nodata is not None:
            dem[dem == nodata] = np.nan
        yield row0, (dem - field.w[row0 : row0 + rows]).astype(np.float32)


def ponding(
    field: SubsidenceField, water: str | None, value: float | None
) -> Iterator[tuple[int, np.ndarray]]:
    """Standing water depth W − d where positive, 0 where dry, NaN where d is unknown; ``water``
    is the groundwater depth on the grid (``warp_onto``), read by rows, else ``value``."""
    band = None
    if water is not None:
        with gdal_exceptions():
            dataset = gdal.Open(water)
        band = dataset.GetRasterBand(1)
    for row0 in range(0, field.grid.height, TILE):
        rows = slice(row0, min(field.grid.height, row0 + TILE))
        if band is not None:
            with gdal_exceptions():
                depth = band.ReadAsArray(0, row0, field.grid.width, rows.stop - row0)
            depth = depth.astype(np.float64)
        else:
            depth = np.float64(value)
        excess = field.w[rows].astype(np.float64) - depth
        yield row0, np.where(np.isnan(excess), np.nan, np.maximum(excess, 0.0)).astype(np.float32)


def unlink_vsi(path: str) -> None:
    if path and gdal.VSIStatL(path) is not None:
        gdal.Unlink(path)


def warp_to_crs(path: str, crs_wkt: str) -> str:
    """A VRT in memory of the raster warped (bilinear) to ``crs_wkt``; GDAL picks the cells."""
    out = f"/vsimem/reclamation_dem_{uuid.uuid4().hex}.vrt"
    with gdal_exceptions():
        try:
            dataset = gdal.Warp(out, path, format="VRT", dstSRS=crs_wkt, resampleAlg="bilinear")
            dataset = None  # noqa: F841 - closing writes the VRT
        except RuntimeError as error:
            raise RasterError(f"Cannot warp the DEM '{path}': {error}") from error
    return out


def warp_onto(path: str, grid: RasterGrid) -> str:
    """A VRT in memory of a raster resampled (bilinear) onto the grid, float64 with NaN for
    NoData, read by rows (the grid is never held whole). Remove it with ``unlink_vsi``."""
    out = f"/vsimem/reclamation_onto_{uuid.uuid4().hex}.vrt"
    options = gdal.WarpOptions(
        format="VRT",
        outputBounds=grid.extent,
        width=grid.width,
        height=grid.height,
        dstSRS=grid.crs_wkt,
        resampleAlg="bilinear",
        dstNodata=math.nan,
        outputType=gdal.GDT_Float64,
    )
    with gdal_exceptions():
        try:
            dataset = gdal.Warp(out, path, options=options)
            dataset = None  # noqa: F841 - closing writes the VRT
        except RuntimeError as error:
            raise RasterError(
                f"Cannot resample the groundwater depth '{path}' onto the grid: {error}"
            ) from error
    return out


def contour_lines(path: str, levels: list[float]) -> list[tuple[float, bytes]]:
    """(level, WKB) of the contour lines of a raster at fixed levels (GDAL's contouring)."""
    if not levels:
        return []
    lines = []
    with gdal_exceptions():
        raster = gdal.Open(path)
        band = raster.GetRasterBand(1)
        memory = ogr.GetDriverByName("Memory").CreateDataSource("contours")
        layer = memory.CreateLayer("contours", geom_type=ogr.wkbLineString)
        layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
        layer.CreateField(ogr.FieldDefn(CONTOUR_FIELD, ogr.OFTReal))
        options = [
            "FIXED_LEVELS=" + ",".join(repr(float(level)) for level in levels),
            "ID_FIELD=0",
            "ELEV_FIELD=1",
        ]
        gdal.ContourGenerateEx(band, layer, options=options)
        for feature in layer:
            geometry = feature.GetGeometryRef()
            if geometry is not None and not geometry.IsEmpty():
                lines.append((feature.GetField(1), bytes(geometry.ExportToWkb())))
    del raster, memory  # closes the datasets
    return lines
