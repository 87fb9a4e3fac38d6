"""reclamation:secondlives on constructed units: photovoltaics on south-facing grass near
the grid (adjacent units counted together, a lone small unit refused), floating PV on deep
water, construction on stable buried land by a road replacing the proposal (0601), never
on subsided land, and the summary's capacity at the pack's MW per hm²."""

from __future__ import annotations

import numpy as np
import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

from tests.qgis.test_estimate_quantities import CELL, ORIGIN_X, ORIGIN_Y, box, geod_area
from tests.qgis.test_summarize_plan import layer
from tests.rasters import write_tif

ALG = "reclamation:secondlives"
FIELDS = (
    "&field=unit_id:integer&field=use_proposed:string&field=dlbm:string&field=dlmc:string"
    "&field=dist_type:string&field=slope_deg:double&field=ponding_m:double"
)
CAPACITY = 0.68  # MW per hm², cn-transformation (Anhui's PV on subsidence land)


def line(wkt_points):
    points = ",".join(f"{ORIGIN_X + x * CELL} {ORIGIN_Y - y * CELL}" for x, y in wkt_points)
    return f"LINESTRING({points})"


@pytest.fixture
def site(tmp_path):
    rows, _ = np.mgrid[0:700, 0:900] + 0.5
    dem = write_tif(  # higher in the north: every unit faces south
        tmp_path / "高程.tif", 200.0 - 0.15 * rows, (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL), 4547
    )
    units = layer(
        "单元",
        FIELDS,
        [
            (box(0, 0, 150, 250), (1, "grass", "0404", "其他草地", "occupation", 8.5, 0.0)),
            (box(150, 0, 150, 250), (2, "grass", "0404", "其他草地", "occupation", 8.5, 0.0)),
            (box(400, 0, 150, 150), (3, "grass", "0404", "其他草地", "occupation", 8.5, 0.0)),
            (box(0, 300, 250, 250), (4, "cultivated", "0103", "旱地", "occupation", 2.0, 0.0)),
            (box(300, 300, 250, 250), (5, "water", "1104", "坑塘水面", "subsidence", 1.0, 3.0)),
            (box(600, 300, 100, 100), (6, "keep", "0602", "采矿用地", "subsidence", 2.0, 0.0)),
            (box(600, 450, 100, 100), (7, "keep", "0602", "采矿用地", "occupation", 2.0, 0.0)),
        ],
    )
    grid = lines("电网", [(0, 260), (900, 260)])  # a 110 kV line between the rows of units
    roads = lines("道路", [(720, 280), (720, 700)])  # a road beside units 6 and 7
    return units, dem, grid, roads


def lines(name, points):
    found = QgsVectorLayer("LineString?crs=EPSG:4547", name, "memory")
    feature = QgsFeature(found.fields())
    feature.setGeometry(QgsGeometry.fromWkt(line(points)))
    assert found.dataProvider().addFeatures([feature])[0]
    return found


def run(parameters):
    import processing

    return processing.run(
        ALG, {"OUTPUT": "TEMPORARY_OUTPUT", "SUMMARY": "TEMPORARY_OUTPUT"} | parameters
    )


def by_unit_rows(output):
    found = QgsVectorLayer(output, "t", "ogr") if isinstance(output, str) else output
    return list(found.getFeatures())


def by_unit(output):
    found = QgsVectorLayer(output, "t", "ogr") if isinstance(output, str) else output
    return {f["unit_id"]: f for f in found.getFeatures()}


def test_every_second_life_by_its_limits(processing_provider, site):
    units, dem, grid, roads = site
    result = run(
        {
            "UNITS": units,
            "RULES": "cn-transformation",
            "DEM": str(dem),
            "GRID": grid,
            "ROADS": roads,
        }
    )
    got = by_unit(result["OUTPUT"])
    # Two adjacent grass units of 3.75 hm² make 7.5 hm² ≥ 5: both carry PV; the lone
    # 2.25 hm² one does not.
    assert (got[1]["reuse_pv"], got[2]["reuse_pv"]) == (1, 1)
    assert (got[3]["reuse_pv"], got[3]["why_pv"]) == (0, "area")
    assert got[4]["why_pv"] == "use"  # cultivated land: never PV
    assert (got[5]["reuse_pv"], got[5]["pv_floating"]) == (1, 1)  # 3 m of water
    area_1 = geod_area(0, 0, 150, 250) * 1e-4
    assert got[1]["pv_mw"] == pytest.approx(area_1 * CAPACITY, rel=1e-4)
    # Construction: the buried yard by the road is built (code 0601, the proposal replaced,
    # the reclaimed use kept); the subsided one, as close, is not.
    assert got[7]["reuse_construction"] == 1
    assert got[7]["use_proposed"] == "construction"
    assert got[7]["dlbm"] == "0601"
    assert got[7]["dlmc"] == "工业用地"
    assert got[7]["use_reclaimed"] == "keep"
    assert (got[6]["reuse_construction"], got[6]["why_construction"]) == (0, "unstable")
    assert got[6]["use_proposed"] == "keep"
    summary = {f["reuse"]: f for f in by_unit_rows(result["SUMMARY"])}
    pv_area = sum(geod_area(*b) for b in ((0, 0, 150, 250), (150, 0, 150, 250),
                                           (300, 300, 250, 250))) * 1e-4  # fmt: skip
    assert summary["pv"]["area_hm2"] == pytest.approx(pv_area, rel=1e-4)
    assert summary["pv"]["capacity_mw"] == pytest.approx(pv_area * CAPACITY, rel=1e-4)


def test_without_layers_nothing_passes_and_the_pack_needs_the_block(processing_provider, site):
    units, _, _, _ = site
    got = by_unit(run({"UNITS": units, "RULES": "cn-transformation"})["OUTPUT"])
    assert all(f["reuse_pv"] == 0 and f["reuse_construction"] == 0 for f in got.values())
    assert got[1]["why_pv"] == "aspect"  # tilted, and no DEM to say where it faces
    with pytest.raises(QgsProcessingException, match="reuse"):
        run({"UNITS": units, "RULES": "fao-sys"})


def test_subsided_land_stated_stable_may_be_built(processing_provider, site):
    _, _, _, roads = site
    units = layer(
        "单元",
        FIELDS + "&field=稳定:double",
        [
            (box(600, 300, 100, 100), (6, "keep", "0602", "采矿用地", "subsidence", 2.0, 0.0, 1.0)),
            (box(600, 450, 100, 100), (7, "keep", "0602", "采矿用地", "subsidence", 2.0, 0.0, 0.0)),
        ],
    )
    got = by_unit(
        run({"UNITS": units, "RULES": "cn-transformation", "ROADS": roads, "STABLE_FIELD": "稳定"})[
            "OUTPUT"
        ]
    )
    assert (got[6]["reuse_construction"], got[6]["use_proposed"]) == (1, "construction")
    assert (got[7]["reuse_construction"], got[7]["why_construction"]) == (0, "unstable")


def test_aspects_read_in_bands_are_those_of_one_band(
    processing_provider, site, monkeypatch, tmp_path
):
    """The units' aspects from a hilly DEM read in bands of 3 rows (plus one row of each
    neighbour) equal those of one band; on the site's DEM, rising to the north, every unit
    faces south."""
    from qgis.core import QgsProcessingFeedback

    from plugin.io.grid_burn import grid_over
    from plugin.provider.algorithms import second_lives

    units, dem, _, _ = site
    rows, cols = np.mgrid[0:700, 0:900] + 0.5
    hills = write_tif(tmp_path / "丘陵.tif", 200.0 + 20 * np.sin(rows / 37.0) * np.cos(cols / 23.0),
                      (ORIGIN_X, CELL, 0, ORIGIN_Y, 0, -CELL), 4547)  # fmt: skip
    shapes = [f.geometry() for f in units.getFeatures()]
    grid = grid_over((ORIGIN_X, ORIGIN_Y - 700, ORIGIN_X + 900, ORIGIN_Y), 10.0,
                     units.crs().toWkt())  # fmt: skip
    algorithm = second_lives.SecondLivesAlgorithm()
    feedback = QgsProcessingFeedback()
    whole = algorithm._band_aspects(str(hills), grid, shapes, feedback)
    south = algorithm._band_aspects(str(dem), grid, shapes, feedback)
    monkeypatch.setattr(second_lives, "ASPECT_BAND_CELLS", 3 * grid.width)
    banded = algorithm._band_aspects(str(hills), grid, shapes, feedback)
    np.testing.assert_allclose(banded, whole, rtol=1e-9)
    assert np.ptp(whole) > 30  # the hills face many ways
    np.testing.assert_allclose(south, 180.0, atol=1e-6)
