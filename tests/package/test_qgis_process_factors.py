"""End to end: the installed zip runs terrainfactors and extractfactors under qgis_process."""

from __future__ import annotations

import json

import numpy as np
import pytest
from osgeo import ogr, osr

from tests.helpers import SLUG, run_qgis_process
from tests.rasters import gdal_slope, read_tif, write_tif

pytestmark = pytest.mark.slow


def _units_gpkg(path, rows):
    driver = ogr.GetDriverByName("GPKG")
    source = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    layer = source.CreateLayer("评价单元", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("编号", ogr.OFTString))
    for name, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetField("编号", name)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    source = None
    return path


def _run(config, algorithm, **parameters):
    args = ["--json", "run", f"reclamation:{algorithm}", "--"]
    args += [f"{key}={value}" for key, value in parameters.items()]
    return run_qgis_process(args, config)


def test_terrain_and_extract_factors_headless(installed_profile, tmp_path):
    config, _ = installed_profile
    assert run_qgis_process(["plugins", "enable", SLUG], config).returncode == 0
    folder = tmp_path / "矿区 数据"
    folder.mkdir()
    rng = np.random.default_rng(11)
    values = np.cumsum(rng.normal(0, 1.5, (30, 30)), axis=1) + 100
    dem = write_tif(folder / "高程.tif", values, (500000, 10, 0, 4000000, 0, -10), 4547)

    done = _run(config, "terrainfactors", DEM=dem, SLOPE=folder / "坡度.tif")
    assert done.returncode == 0, done.stderr
    slope, nodata = read_tif(folder / "坡度.tif")
    slope[slope == nodata] = np.nan
    expected = gdal_slope(dem, tmp_path / "gdal.tif")
    assert np.nanmax(np.abs(slope - expected)) < 1e-4

    square = "POLYGON((500050 3999950,500150 3999950,500150 3999850,500050 3999850,500050 3999950))"
    units = _units_gpkg(folder / "单元.gpkg", [("一号", square)])
    out = folder / "因子.gpkg"
    done = _run(config, "extractfactors", UNITS=units, DEM=dem, OUTPUT=out)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout[done.stdout.index("{") :])
    assert result["results"]["OUTPUT"]
    dataset = ogr.Open(str(out))  # keep the datasource alive while its layer is read
    layer = dataset.GetLayer(0)
    feature = layer.GetNextFeature()
    assert feature.GetField("编号") == "一号"
    # Cells: rows 5..14, columns 5..14 (centres inside the 100 m square). GDAL's reference
    # is a float32 file (about 1e-6 relative per cell); ours is computed in float64.
    reference = np.nanmean(expected[5:15, 5:15])
    assert feature.GetField("slope_deg") == pytest.approx(reference, abs=1e-5)


def test_bad_input_exits_non_zero_with_the_layer_named(installed_profile, tmp_path):
    config, _ = installed_profile
    assert run_qgis_process(["plugins", "enable", SLUG], config).returncode == 0
    dem = write_tif(tmp_path / "无坐标.tif", np.ones((5, 5)), (0, 1, 0, 5, 0, -1), None)
    done = _run(config, "terrainfactors", DEM=dem, SLOPE=tmp_path / "x.tif")
    assert done.returncode != 0
    assert "无坐标" in done.stdout + done.stderr
    assert not (tmp_path / "x.tif").exists()
