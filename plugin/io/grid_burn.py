"""Polygons burnt onto a grid, a DEM resampled onto it, labelled cells back to polygons
(GDAL, in memory; no QGIS import). A grid may be a band of rows of a larger one
(``rows_of``): the ecological network builds its grids band by band.
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


def rows_of(grid: RasterGrid, r0: int, r1: int) -> RasterGrid:
    """Rows r0…r1-1 of a north-up grid, as a grid of their own."""
    x0, dx, rx, y0, ry, dy = grid.geotransform
    return RasterGrid(grid.width, r1 - r0, (x0, dx, rx, y0 + r0 * dy, ry, dy), grid.crs_wkt,
                      grid.nodata)  # fmt: skip


class BurnLayer:
    """Polygons (WKB in the grid's CRS) with a value each, in an OGR memory layer made once
    and burnt onto any grid in that CRS, or band of it."""

    def __init__(self, shapes: Sequence[tuple[bytes, float]], grid: RasterGrid) -> None:
        with gdal_exceptions(vectors=True):
            self._source = ogr.GetDriverByName("Memory").CreateDataSource("burn")
            self._layer = self._source.CreateLayer(
                "shapes", grid.spatial_reference(), ogr.wkbUnknown
            )
            self._layer.CreateField(ogr.FieldDefn(_VALUE_FIELD, ogr.OFTReal))
            definition = self._layer.GetLayerDefn()
            for wkb, value in shapes:
                feature = ogr.Feature(definition)
                feature.SetGeometry(ogr.CreateGeometryFromWkb(wkb))
                feature.SetField(_VALUE_FIELD, float(value))
                self._layer.CreateFeature(feature)

    def burn(self, grid: RasterGrid, fill: float = np.nan) -> np.ndarray:
        """The values on ``grid``, later shapes over earlier ones; a cell takes a shape whose
        polygon holds its centre; ``fill`` elsewhere."""
        with gdal_exceptions(vectors=True):
            target = _memory_raster(grid, fill)
            self._layer.SetSpatialFilterRect(*grid.extent)  # only the shapes over the band
            try:
                gdal.RasterizeLayer(target, [1], self._layer, options=[f"ATTRIBUTE={_VALUE_FIELD}"])
            finally:
                self._layer.SetSpatialFilter(None)
            return target.GetRasterBand(1).ReadAsArray()


def resampled(path: str, grid: RasterGrid, scale: tuple[float, float] | None = None) -> np.ndarray:
    """The first band of the raster at ``path`` resampled onto ``grid`` (bilinear; NaN where
    it has no data). ``scale`` (grid cells per raster cell, x and y; see
    :func:`resampling_scale`) fixes the width of the bilinear kernel, which GDAL otherwise
    sets from each warped chunk's windows: then every band of a grid gets the values the
    whole grid gets."""
    with gdal_exceptions():
        source = gdal.Open(path)
        nodata = source.GetRasterBand(1).GetNoDataValue()
        xmin, cell, _, ymax, _, _ = grid.geotransform
        fixed = [] if scale is None else [f"XSCALE={scale[0]!r}", f"YSCALE={scale[1]!r}"]
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
            warpOptions=fixed,
        )
        warped = gdal.Warp("", source, options=options)
        return warped.GetRasterBand(1).ReadAsArray().astype(float)


def resampling_scale(path: str, grid: RasterGrid) -> tuple[float, float]:
    """Grid cells per cell of the raster at ``path`` (x, y): its cell size measured in the
    grid's CRS over its whole extent, divided by the grid's cell size."""
    with gdal_exceptions():
        source = gdal.Open(path)
        x0, dx, _, y0, _, dy = source.GetGeoTransform()
        x1, y1 = x0 + dx * source.RasterXSize, y0 + dy * source.RasterYSize
        bounds = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        raster_srs = source.GetSpatialRef()
        target = grid.spatial_reference()
        if raster_srs is not None and grid.crs_wkt and not raster_srs.IsSame(target):
            raster_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            transform = osr.CoordinateTransformation(raster_srs, target)
            bounds = transform.TransformBounds(*bounds, 21)
    width = (bounds[2] - bounds[0]) / source.RasterXSize
    height = (bounds[3] - bounds[1]) / source.RasterYSize
    return width / grid.cell_width, height / grid.cell_height


def _memory_raster(grid: RasterGrid, fill: float) -> gdal.Dataset:
    target = gdal.GetDriverByName("MEM").Create("", grid.width, grid.height, 1, gdal.GDT_Float64)
    target.SetGeoTransform(grid.geotransform)
    srs = osr.SpatialReference()
    if grid.crs_wkt:
        srs.ImportFromWkt(grid.crs_wkt)
        target.SetProjection(srs.ExportToWkt())
    target.GetRasterBand(1).Fill(fill)
    return target


def polygons_of(path: str) -> list[tuple[int, bytes]]:
    """The polygons of each label > 0 of the integer raster at ``path`` (NoData 0; GDAL
    Polygonize, 8-connected, reading the file by blocks), as WKB in its CRS; one entry per
    polygon, a label may have several."""
    with gdal_exceptions(vectors=True):
        raster = gdal.Open(path)
        band = raster.GetRasterBand(1)
        source = ogr.GetDriverByName("Memory").CreateDataSource("polygons")
        srs = raster.GetSpatialRef()
        layer = source.CreateLayer("labels", srs, ogr.wkbPolygon)
        layer.CreateField(ogr.FieldDefn("label", ogr.OFTInteger))
        gdal.Polygonize(band, band.GetMaskBand(), layer, 0, ["8CONNECTED=8"])
        return [
            (int(feature.GetField("label")), bytes(feature.GetGeometryRef().ExportToWkb()))
            for feature in layer
        ]
