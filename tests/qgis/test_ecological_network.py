"""reclamation:ecologicalnetwork on a constructed landscape: two forests joined by one strip
of farmland through built-up land, a dug unit on the strip. The corridor, its costs before
and after reclamation and the unit's gain are computed here by hand from the pack's
resistances (forest 1, dry land 30, built-up 500, excavation 500)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingException, QgsVectorLayer

from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_estimate_quantities import box
from tests.qgis.test_summarize_plan import layer

pytest.importorskip("scipy")
ALG = "reclamation:ecologicalnetwork"
CELL = 10.0


def rows_of(found):
    found = QgsVectorLayer(found, "t", "ogr") if isinstance(found, str) else found
    return list(found.getFeatures())


@pytest.fixture
def landscape():
    """1 500 m × 300 m: forests of 9 hm² at both ends; between them built-up land crossed by
    a 20 m strip of dry land (y 140–160 m); a dug unit on the strip from x 700 to 800 m,
    proposed as forest. (box takes column, row from the top, width, height in metres.)"""
    land = layer(
        "土地利用现状",
        "&field=DLBM:string",
        [
            (box(0, 0, 300, 300), ("0301",)),
            (box(1200, 0, 300, 300), ("0301",)),
            (box(300, 0, 900, 140), ("0702",)),
            (box(300, 160, 900, 140), ("0702",)),
            (box(300, 140, 900, 20), ("0103",)),
        ],
    )
    units = layer(
        "单元",
        "&field=unit_id:integer&field=dist_type:string&field=use_proposed:string"
        "&field=dlbm:string&field=ponding_m:double",
        [(box(700, 140, 100, 20), (1, "excavation", "forest", "0301", 0.0))],
    )
    return land, units


def strip_cost(reclaimed: bool) -> float:
    """The path along the strip, columns 29 (forest) to 120 (forest), computed cell by cell
    from the pack: forest 1, dry land 30, the dug unit (columns 70–79) 500; resistance × 2
    within 100 m of the damaged land, × 1.5 within 300 m (network.disturbance_distance);
    reclaimed, the unit is forest (1) and nothing is damaged."""
    resistance = []
    for column in range(29, 121):
        if column in (29, 120):
            value = 1.0
        elif 70 <= column <= 79:
            value = 1.0 if reclaimed else 500.0
        else:
            value = 30.0
        if not reclaimed:
            distance = CELL * max(0, 70 - column, column - 79)
            value *= 2.0 if distance <= 100 else 1.5 if distance <= 300 else 1.0
        resistance.append(value)
    return sum(CELL * (a + b) / 2 for a, b in itertools.pairwise(resistance))


def run(parameters, feedback=None):
    import processing

    return processing.run(
        ALG,
        {
            "LANDUSE_CODE_FIELD": "DLBM",
            "CELL_SIZE": CELL,
            "MCR": "TEMPORARY_OUTPUT",
            "CORRIDORS": "TEMPORARY_OUTPUT",
        }
        | parameters,
        feedback=feedback,
    )


def test_the_corridor_its_costs_and_the_gain_of_the_dug_unit(processing_provider, landscape):
    land, units = landscape
    result = run(
        {
            "LANDUSE": land,
            "UNITS": units,
            "SOURCES_OUT": "TEMPORARY_OUTPUT",
            "UNITS_OUT": "TEMPORARY_OUTPUT",
        }
    )
    (corridor,) = rows_of(result["CORRIDORS"])
    # Straight along the strip from the last forest cell (x 295) to the first (x 1 205): 91
    # steps of 10 m, each costing 10 m × the mean resistance of its two cells.
    assert corridor["length_m"] == pytest.approx(910.0)
    assert corridor["cost"] == pytest.approx(strip_cost(reclaimed=False))
    assert corridor["cost_after"] == pytest.approx(strip_cost(reclaimed=True))
    assert corridor["damaged_m"] == pytest.approx(100.0)  # 10 cells of the unit
    (unit,) = rows_of(result["UNITS_OUT"])
    assert unit["corridors"] == 1
    assert unit["corridor_m"] == pytest.approx(100.0)
    # Its 10 cells: excavation 500 × 2 (within 100 m of damage) now, forest 1 after.
    assert unit["corridor_gain"] == pytest.approx(10 * CELL * (500 * 2 - 1))
    sources = rows_of(result["SOURCES_OUT"])
    assert sorted(f["area_hm2"] for f in sources) == pytest.approx([9.0, 9.0])
    # The MCR raster: 0 in the forests, the corridor's half cost where the zones meet.
    dataset = gdal.Open(result["MCR"])
    values = dataset.GetRasterBand(1).ReadAsArray()
    assert values[5, 5] == pytest.approx(0.0)
    assert values[14, 29] == pytest.approx(0.0)
    assert values[14, 30] == pytest.approx(CELL * (1 + 30) / 2)
    dataset = None


def test_without_units_and_refusals(processing_provider, landscape, monkeypatch):
    from plugin.provider.algorithms import ecological_network

    land, _ = landscape
    (corridor,) = rows_of(run({"LANDUSE": land})["CORRIDORS"])
    assert corridor["cost_after"] is None or corridor["cost_after"] == corridor["cost"]
    with pytest.raises(QgsProcessingException, match="network"):
        run({"LANDUSE": land, "RULES": "fao-sys"})
    monkeypatch.setattr(ecological_network, "MAX_CELLS", 1000)  # 150 × 30 cells are 4 500
    with pytest.raises(QgsProcessingException, match="at least 22 m"):
        run({"LANDUSE": land})
    monkeypatch.undo()
    fields_only = layer("地类", "&field=DLBM:string", [(box(0, 0, 300, 300), ("0103",))])
    with pytest.raises(QgsProcessingException, match="No ecological source"):
        run({"LANDUSE": fields_only})
    # As the plan run calls it: the reason as a warning, no corridor, the units with none.
    feedback = WarningsFeedback()
    units = layer("单元", "&field=unit_id:integer", [(box(0, 0, 100, 100), (1,))])
    empty = run(
        {"LANDUSE": fields_only, "UNITS": units, "SKIP_IF_IMPOSSIBLE": True,
         "UNITS_OUT": "TEMPORARY_OUTPUT"},
        feedback,
    )  # fmt: skip
    assert rows_of(empty["CORRIDORS"]) == []
    assert [f["corridors"] for f in rows_of(empty["UNITS_OUT"])] == [0]
    assert any("No ecological source" in w for w in feedback.warnings)


def test_grids_in_scratch_files_and_bands_give_the_same_network(
    processing_provider, landscape, monkeypatch, tmp_path
):
    """The landscape (150 × 30 cells) and a hilly DEM, with the grids in scratch files,
    searched in bands of 4 rows and built and read in bands of 2: the same corridor, costs,
    unit values, MCR raster and sources as in memory in one band, and no scratch file
    left."""
    from qgis.core import QgsProcessingUtils

    from plugin.provider.algorithms import ecological_network
    from tests.qgis.test_estimate_quantities import ORIGIN_X, ORIGIN_Y

    land, units = landscape
    dem = str(tmp_path / "dem.tif")
    rows, cols = np.mgrid[0:40, 0:170]  # 7.5 m cells, a margin around the landscape
    heights = 100 + 0.3 * cols * 7.5 + 12 * np.sin(rows / 3.0) * np.cos(cols / 5.0)
    raster = gdal.GetDriverByName("GTiff").Create(dem, 170, 40, 1, gdal.GDT_Float32)
    raster.SetGeoTransform((ORIGIN_X - 60, 7.5, 0, ORIGIN_Y + 75, 0, -7.5))
    raster.SetProjection(QgsCoordinateReferenceSystem("EPSG:4547").toWkt())
    raster.GetRasterBand(1).WriteArray(heights)
    raster = None
    outputs = {"DEM": dem, "SOURCES_OUT": "TEMPORARY_OUTPUT", "UNITS_OUT": "TEMPORARY_OUTPUT"}

    def results(folder):
        folder.mkdir()
        found = run({"LANDUSE": land, "UNITS": units, "MCR": str(folder / "mcr.tif")} | outputs)
        corridor_values = [f.attributes() for f in rows_of(found["CORRIDORS"])]
        geometries = [f.geometry().asWkt(3) for f in rows_of(found["CORRIDORS"])]
        unit_values = [f.attributes() for f in rows_of(found["UNITS_OUT"])]
        source_values = sorted(f.attributes() for f in rows_of(found["SOURCES_OUT"]))
        dataset = gdal.Open(found["MCR"])
        mcr = dataset.GetRasterBand(1).ReadAsArray()
        dataset = None
        return corridor_values, geometries, unit_values, source_values, mcr

    in_memory = results(tmp_path / "memory")
    scratch = QgsProcessingUtils.tempFolder()
    monkeypatch.setattr(ecological_network, "IN_MEMORY_CELLS", 0)
    monkeypatch.setattr(ecological_network, "BAND_CELLS", 4 * 150)
    monkeypatch.setattr(ecological_network, "CORRIDOR_BAND_CELLS", 2 * 150)
    in_files = results(tmp_path / "files")
    assert in_files[:4] == in_memory[:4]
    np.testing.assert_array_equal(in_files[4], in_memory[4])
    assert len(in_files[0]) == 1
    assert not list(Path(scratch).glob("network_*"))
    # A disk too small for the grids' files: refused before the run, naming the space.
    monkeypatch.setattr(ecological_network.shutil, "disk_usage", lambda _: shutil_usage(free=1000))
    with pytest.raises(QgsProcessingException, match="scratch space"):
        run({"LANDUSE": land, "UNITS": units, "MCR": str(tmp_path / "refused.tif")})
    assert not (tmp_path / "refused.tif").exists()
    assert not list(Path(scratch).glob("network_*"))


def shutil_usage(free):
    import shutil

    return shutil._ntuple_diskusage(10**12, 10**12 - free, free)
