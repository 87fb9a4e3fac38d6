"""Whole-grid arrays for the ecological network: polygons burnt onto a grid, a DEM
resampled onto it (GDAL, in memory; no QGIS import).

The network is one graph over the whole grid, so these return whole arrays: the caller
bounds the grid's size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from .raster import RasterGrid, gdal_exceptions

_VALUE_FIELD = "burn_value"


def grid_over(extent: tuple[float, float, float, float], cell_m: float, crs_wkt: str) -> RasterGrid:
    """The grid of square cells covering ``extent`` (xmin, ymin, xmax, ymax), north up."""
    xmin, ymin, xmax, ymax = extent
    cols = max(1, int(np.ceil((xmax - xmin) / cell_m)))
    rows = max(1, int(np.ceil((ymax - ymin) / cell_m)))
    return RasterGrid(cols, rows, (xmin, cell_m, 0.0, ymax, 0.0, -cell_m), crs_wkt, None)


def burn_polygons(
    shapes: Sequence[tuple[bytes, float]], grid: RasterGrid, fill: float = np.nan
) -> np.ndarray:
    """``shapes`` (WKB in the grid's CRS, value) burnt onto the grid, later shapes over
    earlier ones; a cell takes a shape whose polygon holds its centre; ``fill`` elsewhere."""
    srs = grid.spatial_reference()
    with gdal_exceptions(vectors=True):
        source = ogr.GetDriverByName("Memory").CreateDataSource("burn")
        layer = source.CreateLayer("shapes", srs, ogr.wkbUnknown)
        layer.CreateField(ogr.FieldDefn(_VALUE_FIELD, ogr.OFTReal))
        definition = layer.GetLayerDefn()
        for wkb, value in shapes:
            feature = ogr.Feature(definition)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
            feature.SetField(_VALUE_FIELD, float(value))
            layer.CreateFeature(feature)
        target = _memory_raster(grid, fill)
        gdal.RasterizeLayer(target, [1], layer, options=[f"ATTRIBUTE={_VALUE_FIELD}"])
        return target.GetRasterBand(1).ReadAsArray()


def resampled(path: str, grid: RasterGrid) -> np.ndarray:
    """The first band of the raster at ``path`` resampled onto ``grid`` (bilinear; NaN where
    it has no data)."""
    with gdal_exceptions():
        source = gdal.Open(path)
        nodata = source.GetRasterBand(1).GetNoDataValue()
        xmin, cell, _, ymax, _, _ = grid.geotransform
        options = gdal.WarpOptions(
            format="MEM",
            outputBounds=(xmin, ymax - grid.height * cell, xmin + grid.width * cell, ymax),
            width=grid.width,
            height=grid.height,
            dstSRS=grid.crs_wkt,
            resampleAlg="bilinear",
            srcNodata=nodata,
            dstNodata=np.nan,
            outputType=gdal.GDT_Float64,
        )
        warped = gdal.Warp("", source, options=options)
        return warped.GetRasterBand(1).ReadAsArray().astype(float)


def _memory_raster(grid: RasterGrid, fill: float) -> gdal.Dataset:
    target = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Float64)
    target.SetGeoTransform(grid.geotransform)
    srs = osr.SpatialReference()
    if grid.crs_wkt:
        srs.ImportFromWkt(grid.crs_wkt)
        target.SetProjection(srs.ExportToWkt())
    target.GetRasterBand(1).Fill(fill)
    return target


def polygons_of(labels: np.ndarray, grid: RasterGrid) -> list[tuple[int, bytes]]:
    """The polygons of each label > 0 of a grid (GDAL Polygonize, 8-connected), as WKB in
    the grid's CRS; one entry per polygon, a label may have several."""
    with gdal_exceptions(vectors=True):
        raster = _memory_raster(grid, 0)
        band = raster.GetRasterBand(1)
        band.WriteArray(labels.astype(float))
        mask = _memory_raster(grid, 0)
        mask.GetRasterBand(1).WriteArray((labels > 0).astype(float))
        source = ogr.GetDriverByName("Memory").CreateDataSource("polygons")
        layer = source.CreateLayer("labels", grid.spatial_reference(), ogr.wkbPolygon)
        layer.CreateField(ogr.FieldDefn("label", ogr.OFTInteger))
        gdal.Polygonize(band, mask.GetRasterBand(1), layer, 0, ["8CONNECTED=8"])
        return [
            (int(feature.GetField("label")), bytes(feature.GetGeometryRef().ExportToWkb()))
            for feature in layer
        ]
