"""Class rasters to polygons: sieve, polygonize, thin (plugin.io.polygonize)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from shapely import wkb
from shapely.ops import unary_union

from plugin.io import Cancelled
from plugin.io.polygonize import (
    drop_collinear_vertices,
    min_patch_cells,
    polygonize_classes,
    write_class_raster,
)
from plugin.io.raster import RasterError, RasterGrid

CELL = 10.0  # metres
CELL_AREA = CELL * CELL


def utm_grid(rows: int, cols: int, epsg: int = 32650) -> RasterGrid:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return RasterGrid(
        cols, rows, (500000.0, CELL, 0.0, 4000000.0, 0.0, -CELL), srs.ExportToWkt(), None
    )


def write_classes(path: Path, classes: np.ndarray, block_rows: int = 64) -> RasterGrid:
    grid = utm_grid(*classes.shape)
    blocks = (
        (row0, classes[row0 : row0 + block_rows]) for row0 in range(0, classes.shape[0], block_rows)
    )
    write_class_raster(str(path), grid, blocks)
    return grid


def read_polygons(
    path: str, layer: str = "classes", field: str = "code"
) -> list[tuple[int, object]]:
    dataset = ogr.Open(path)
    found = [
        (feature.GetField(field), wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb())))
        for feature in dataset.GetLayerByName(layer)
    ]
    dataset = None
    return found


def areas_by_code(polygons: list[tuple[int, object]]) -> dict[int, float]:
    areas: dict[int, float] = {}
    for code, geometry in polygons:
        areas[code] = areas.get(code, 0.0) + geometry.area
    return areas


def cell_areas(classes: np.ndarray) -> dict[int, float]:
    codes, counts = np.unique(classes[classes != 0], return_counts=True)
    return {int(code): float(count) * CELL_AREA for code, count in zip(codes, counts, strict=True)}


def patchy_classes(rows: int = 300, cols: int = 260, seed: int = 3) -> np.ndarray:
    """Blocky classes with ragged edges and speckle: many small patches to sieve."""
    rng = np.random.default_rng(seed)
    coarse = rng.choice([0, 0, 11, 13, 21, 32, 42], size=(rows // 10 + 1, cols // 10 + 1))
    classes = np.kron(coarse, np.ones((10, 10), dtype=np.uint8))[:rows, :cols].astype(np.uint8)
    speckle = rng.random((rows, cols)) < 0.08
    classes[speckle] = rng.choice([0, 11, 23, 33], size=int(speckle.sum()))
    return classes


def reference_sieve(path: Path, min_cells: int) -> np.ndarray:
    """GDAL's own sieve of the same raster (4-connected, no mask), in memory."""
    source = gdal.Open(str(path))
    target = gdal.GetDriverByName("MEM").CreateCopy("", source)
    gdal.SieveFilter(source.GetRasterBand(1), None, target.GetRasterBand(1), min_cells, 4)
    return target.GetRasterBand(1).ReadAsArray()


def assert_no_overlap(polygons: list[tuple[int, object]]) -> None:
    geometries = [geometry for _, geometry in polygons]
    assert all(geometry.is_valid for geometry in geometries)
    union = unary_union(geometries)
    assert union.area == pytest.approx(sum(g.area for g in geometries), rel=1e-12)


def test_area_of_every_class_is_its_cell_count_without_sieve(tmp_path):
    classes = patchy_classes()
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    result = polygonize_classes(str(raster), str(tmp_path / "out.gpkg"))
    polygons = read_polygons(result.path)
    assert result.features == len(polygons)
    expected = cell_areas(classes)
    found = areas_by_code(polygons)
    assert found.keys() == expected.keys()
    for code, area in expected.items():
        assert found[code] == pytest.approx(area, rel=1e-12)  # exact: cell-edge polygons
    assert_no_overlap(polygons)


def test_area_is_conserved_through_sieve_and_thinning(tmp_path):
    classes = patchy_classes(seed=11)
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    sieved = reference_sieve(raster, 5)
    result = polygonize_classes(str(raster), str(tmp_path / "out.gpkg"), min_cells=5)
    polygons = read_polygons(result.path)
    found = areas_by_code(polygons)
    expected = cell_areas(sieved)
    assert found.keys() == expected.keys()
    for code, area in expected.items():
        assert found[code] == pytest.approx(area, rel=1e-12)
        # The acceptance bound (0.5 %) holds with a wide margin.
        assert abs(found[code] - area) <= 0.005 * area
    # Sieving moves cells between classes but never loses or invents any.
    assert sum(found.values()) + np.count_nonzero(sieved == 0) * CELL_AREA == pytest.approx(
        classes.size * CELL_AREA, rel=1e-12
    )
    assert min(geometry.area for _, geometry in polygons) >= 5 * CELL_AREA
    assert_no_overlap(polygons)


def test_sieve_merges_a_two_cell_patch_into_its_largest_neighbour(tmp_path):
    classes = np.zeros((12, 12), dtype=np.uint8)
    classes[1:11, 1:11] = 11  # 100 cells
    classes[8:11, 1:4] = 32  # 9 cells, touching the patch too
    classes[7, 3:5] = 21  # the 2-cell patch: neighbours 11 (91 cells) and 32 (9 cells)
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    result = polygonize_classes(str(raster), str(tmp_path / "out.gpkg"), min_cells=3)
    polygons = read_polygons(result.path)
    found = areas_by_code(polygons)
    assert 21 not in found
    assert found[11] == pytest.approx((100 - 9) * CELL_AREA)  # 89 cells + the 2 merged ones
    assert found[32] == pytest.approx(9 * CELL_AREA)
    patch_11 = next(geometry for code, geometry in polygons if code == 11)
    assert len(patch_11.interiors) == 0  # no gap where the patch was
    assert_no_overlap(polygons)


def test_a_small_lone_patch_returns_to_no_damage(tmp_path):
    classes = np.zeros((10, 10), dtype=np.uint8)
    classes[2:6, 2:6] = 13
    classes[8, 8] = 33
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    polygons = read_polygons(
        polygonize_classes(str(raster), str(tmp_path / "out.gpkg"), min_cells=4).path
    )
    assert [code for code, _ in polygons] == [13]


def test_polygons_carry_no_collinear_vertices(tmp_path):
    classes = np.zeros((20, 30), dtype=np.uint8)
    classes[2:18, 3:27] = 11
    classes[5:9, 3:10] = 23  # a notch on the left edge: T-junctions on 11's boundary
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    polygons = read_polygons(polygonize_classes(str(raster), str(tmp_path / "out.gpkg")).path)
    shapes = dict(polygons)
    assert len(shapes[23].exterior.coords) == 5  # a rectangle: 4 corners + closing point
    assert len(shapes[11].exterior.coords) == 9  # 8 corners of the notched rectangle
    assert shapes[11].area == pytest.approx((16 * 24 - 4 * 7) * CELL_AREA)


def test_output_is_in_the_raster_crs_with_an_integer_code_field(tmp_path):
    classes = np.zeros((6, 6), dtype=np.uint8)
    classes[1:5, 1:5] = 42
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    result = polygonize_classes(
        str(raster), str(tmp_path / "out.gpkg"), layer="damage", field="dist_code"
    )
    dataset = ogr.Open(result.path)
    layer = dataset.GetLayerByName("damage")
    srs = layer.GetSpatialRef()
    assert srs.GetAuthorityCode(None) == "32650"
    definition = layer.GetLayerDefn()
    field = definition.GetFieldDefn(definition.GetFieldIndex("dist_code"))
    assert field.GetType() == ogr.OFTInteger
    assert layer.GetGeomType() == ogr.wkbPolygon
    assert layer.GetFeatureCount() == 1


def test_non_ascii_paths(tmp_path):
    folder = tmp_path / "矿区 复垦" / "损毁分类"
    folder.mkdir(parents=True)
    classes = np.zeros((8, 8), dtype=np.uint8)
    classes[1:7, 2:6] = 21
    raster = folder / "损毁等级.tif"
    write_classes(raster, classes)
    out = folder / "输出" / "损毁图斑.gpkg"
    result = polygonize_classes(str(raster), str(out), min_cells=2)
    assert Path(result.path) == out
    assert out.is_file()
    assert areas_by_code(read_polygons(str(out))) == {21: pytest.approx(24 * CELL_AREA)}
    assert sorted(p.name for p in out.parent.iterdir()) == ["损毁图斑.gpkg"]  # no leftovers


def test_progress_reaches_100_and_rises(tmp_path):
    raster = tmp_path / "classes.tif"
    write_classes(raster, patchy_classes(120, 100))
    reported: list[float] = []
    polygonize_classes(
        str(raster), str(tmp_path / "out.gpkg"), min_cells=3, progress=reported.append
    )
    assert reported[-1] == 100.0
    assert reported == sorted(reported)
    assert all(0.0 <= value <= 100.0 for value in reported)


@pytest.mark.parametrize("after_calls", [1, 3, 50])
def test_cancel_leaves_nothing_behind(tmp_path, after_calls):
    raster = tmp_path / "classes.tif"
    write_classes(raster, patchy_classes(200, 150))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    calls = []

    def is_cancelled() -> bool:
        calls.append(1)
        return len(calls) >= after_calls

    with pytest.raises(Cancelled):
        polygonize_classes(
            str(raster), str(out_dir / "out.gpkg"), min_cells=3, is_cancelled=is_cancelled
        )
    assert list(out_dir.iterdir()) == []


def test_an_existing_output_is_replaced(tmp_path):
    classes = np.zeros((6, 6), dtype=np.uint8)
    classes[1:3, 1:3] = 11
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    out = tmp_path / "out.gpkg"
    out.write_bytes(b"old")
    result = polygonize_classes(str(raster), str(out))
    assert result.features == 1


def test_eight_connectedness_joins_diagonal_cells(tmp_path):
    classes = np.zeros((6, 6), dtype=np.uint8)
    classes[1, 1] = classes[2, 2] = classes[3, 3] = 11
    raster = tmp_path / "classes.tif"
    write_classes(raster, classes)
    four = polygonize_classes(str(raster), str(tmp_path / "four.gpkg"))
    eight = polygonize_classes(str(raster), str(tmp_path / "eight.gpkg"), connectedness=8)
    assert (four.features, eight.features) == (3, 1)
    with pytest.raises(ValueError, match="connectedness"):
        polygonize_classes(str(raster), str(tmp_path / "x.gpkg"), connectedness=6)


def test_float_rasters_are_refused(tmp_path):
    path = tmp_path / "float.tif"
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), 4, 4, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform(utm_grid(4, 4).geotransform)
    dataset = None
    with pytest.raises(RasterError, match="integer codes"):
        polygonize_classes(str(path), str(tmp_path / "out.gpkg"))


# --- the pieces --------------------------------------------------------------------------


def shoelace(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def test_collinear_vertices_are_dropped_and_the_ring_keeps_its_shape():
    # A 3 x 2 rectangle traced cell corner by cell corner, starting mid-edge.
    ring = np.array(
        [[1, 0], [2, 0], [3, 0], [3, 1], [3, 2], [2, 2], [1, 2], [0, 2], [0, 1], [0, 0], [1, 0]],
        dtype=float,
    )
    thinned = drop_collinear_vertices(ring)
    np.testing.assert_array_equal(thinned, [[3, 0], [3, 2], [0, 2], [0, 0], [3, 0]])
    assert shoelace(thinned) == shoelace(ring) == 6.0


def test_spikes_and_corners_are_kept():
    ring = np.array([[0, 0], [4, 0], [4, 1], [6, 1], [4, 1], [4, 3], [0, 3], [0, 0]], dtype=float)
    np.testing.assert_array_equal(drop_collinear_vertices(ring), ring)


def test_minimum_patch_cells():
    grid = utm_grid(10, 10)
    assert min_patch_cells(grid, 400.0) == 4  # exactly 4 cells: kept, 3 cells: sieved
    assert min_patch_cells(grid, 401.0) == 5
    assert min_patch_cells(grid, 50.0) == 1
    assert min_patch_cells(grid, 0.0) == 0
    with pytest.raises(ValueError, match="minimum patch area"):
        min_patch_cells(grid, -1.0)


def test_minimum_patch_cells_on_a_geographic_grid():
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)  # CGCS2000
    # 1/1200 degree (3 arc seconds) at 35° N: about 76 m x 92.5 m, 7030 m² per cell.
    step = 1.0 / 1200
    grid = RasterGrid(
        100, 100, (115.0, step, 0.0, 35.0 + 50 * step, 0.0, -step), srs.ExportToWkt(), None
    )
    assert min_patch_cells(grid, 70_000.0) == 10


def test_minimum_patch_cells_needs_a_crs():
    grid = RasterGrid(4, 4, (0.0, 1.0, 0.0, 0.0, 0.0, -1.0), "", None)
    with pytest.raises(RasterError, match="no CRS"):
        min_patch_cells(grid, 100.0)


def test_class_raster_is_byte_without_nodata(tmp_path):
    classes = np.array([[0, 11], [49, 23]], dtype=np.int16)
    path = tmp_path / "c.tif"
    write_class_raster(str(path), utm_grid(2, 2), [(0, classes)])
    dataset = gdal.Open(str(path))
    band = dataset.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Byte
    assert band.GetNoDataValue() is None
    np.testing.assert_array_equal(band.ReadAsArray(), classes)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (np.array([[0, 256]], dtype=np.int16), "do not fit"),
        (np.array([[-1, 2]], dtype=np.int16), "do not fit"),
        (np.array([[0.0, 1.0]]), "integer arrays"),
    ],
)
def test_class_raster_refuses_values_that_do_not_fit(tmp_path, values, message):
    path = tmp_path / "c.tif"
    with pytest.raises(ValueError, match=message):
        write_class_raster(str(path), utm_grid(1, 2), [(0, values)])
    assert not path.exists()
