"""Small GeoTIFFs written with GDAL for tests (no QGIS import)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from osgeo import gdal, osr


def write_tif(
    path: Path,
    values: np.ndarray,
    geotransform: tuple[float, ...],
    epsg: int | None,
    nodata: float | None = None,
) -> Path:
    """A one-band float32 GeoTIFF; ``epsg=None`` writes no CRS."""
    driver = gdal.GetDriverByName("GTiff")
    rows, cols = values.shape
    dataset = driver.Create(str(path), cols, rows, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform(geotransform)
    if epsg is not None:
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(epsg)
        dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    band.WriteArray(values.astype(np.float32))
    dataset = None
    return path


def read_tif(path: Path | str) -> tuple[np.ndarray, float | None]:
    dataset = gdal.Open(str(path))
    band = dataset.GetRasterBand(1)
    return band.ReadAsArray().astype(np.float64), band.GetNoDataValue()


def gdal_slope(dem: Path, out: Path, **options) -> np.ndarray:
    """Reference slope from GDAL's own DEMProcessing (gdaldem slope)."""
    gdal.DEMProcessing(str(out), str(dem), "slope", **options)
    values, nodata = read_tif(out)
    if nodata is not None:
        values[values == nodata] = np.nan
    return values
