"""Metric CRS choice: CGCS2000 3-degree Gauss-Kruger in China, UTM elsewhere.

EPSG codes as in the EPSG registry of PROJ's proj.db: 4513–4533 zones 25–45 with the zone
prefix, 4534–4554 CM 75E–135E without it (checked against pyproj below).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plugin.core.crs_zones import (
    cgcs2000_gk3,
    crs_name_in,
    gk3_zone,
    in_china_box,
    metric_crs_for,
    utm_zone,
)


@pytest.fixture(scope="module")
def crs_name():
    """EPSG code -> name from PROJ's database through pyproj."""
    pyproj = pytest.importorskip("pyproj")
    try:
        pyproj.datadir.get_data_dir()
    except pyproj.exceptions.DataDirError:
        # A venv hides /usr/share/proj from pyproj's search (sys.prefix is the venv).
        osr = pytest.importorskip("osgeo.osr")
        folders = [*(osr.GetPROJSearchPaths() or []), "/usr/share/proj"]
        found = [f for f in folders if (Path(f) / "proj.db").exists()]
        if not found:
            pytest.skip("PROJ's proj.db not found")
        pyproj.datadir.set_data_dir(found[0])
    return lambda epsg: pyproj.CRS.from_epsg(epsg).name


@pytest.mark.parametrize(
    ("lon", "lat", "prefixed", "unprefixed", "zone"),
    [
        (118.6, 32.0, 4528, 4549, 40),
        (117.0, 36.0, 4527, 4548, 39),
        (75.0, 39.0, 4513, 4534, 25),
        (135.0, 48.0, 4533, 4554, 45),
    ],
)
def test_china_gets_the_cgcs2000_3_degree_zone(crs_name, lon, lat, prefixed, unprefixed, zone):
    with_prefix = metric_crs_for(lon, lat, zone_prefix=True)
    without = metric_crs_for(lon, lat, zone_prefix=False)
    assert (with_prefix.epsg, without.epsg) == (prefixed, unprefixed)
    assert with_prefix.zone == without.zone == zone
    assert with_prefix.central_meridian == 3 * zone
    assert with_prefix.false_easting == zone * 1_000_000 + 500_000
    assert without.false_easting == 500_000
    assert crs_name(prefixed) == f"CGCS2000 / 3-degree Gauss-Kruger zone {zone}"
    assert crs_name(unprefixed) == f"CGCS2000 / 3-degree Gauss-Kruger CM {3 * zone}E"


def test_zone_boundaries_go_east():
    assert gk3_zone(118.5) == 40  # the boundary between zones 39 and 40
    assert gk3_zone(118.4999999) == 39
    assert gk3_zone(73.5) == 25
    assert utm_zone(-84.0) == 17  # boundary between UTM 16 and 17
    assert utm_zone(-84.0000001) == 16
    assert utm_zone(180.0) == 60
    assert utm_zone(-180.0) == 1


def test_outside_china_gets_utm(crs_name):
    jacksboro = metric_crs_for(-84.2, 36.6)
    assert (jacksboro.epsg, jacksboro.zone, jacksboro.central_meridian) == (32616, 16, -87.0)
    assert crs_name(32616) == "WGS 84 / UTM zone 16N"
    assert metric_crs_for(2.35, 48.85).epsg == 32631  # Paris
    assert metric_crs_for(100.0, 0.0).epsg == 32647  # the equator is north


def test_southern_hemisphere(crs_name):
    bowen_basin = metric_crs_for(148.7, -22.5)  # Queensland coalfields
    assert bowen_basin.epsg == 32755
    assert crs_name(32755) == "WGS 84 / UTM zone 55S"
    assert metric_crs_for(-70.4, -23.6).epsg == 32719  # Chile copper belt


def test_the_china_box():
    assert in_china_box(116.4, 39.9)  # Beijing
    assert in_china_box(87.6, 43.8)  # Urumqi
    assert not in_china_box(139.7, 35.7)  # Tokyo
    assert metric_crs_for(139.7, 35.7).epsg == 32654
    with pytest.raises(ValueError, match="zones 25-45"):
        cgcs2000_gk3(70.0)
    with pytest.raises(ValueError, match="longitude/latitude"):
        metric_crs_for(116.0, 95.0)


@pytest.mark.parametrize(
    ("name", "chinese"),
    [
        ("CGCS2000 / 3-degree Gauss-Kruger zone 39", "CGCS2000 3度带高斯-克吕格投影 第39带"),
        ("CGCS2000 / 3-degree Gauss-Kruger CM 117E", "CGCS2000 3度带高斯-克吕格投影 中央经线117°E"),
        ("Xian 1980 / Gauss-Kruger zone 20", "西安1980 6度带高斯-克吕格投影 第20带"),
        ("New Beijing / 3-degree Gauss-Kruger zone 38", "新北京 3度带高斯-克吕格投影 第38带"),
        ("WGS 84 / UTM zone 50N", "WGS 84 UTM投影 第50N带"),
        ("WGS 84", "WGS 84"),
    ],
)
def test_crs_names_in_a_chinese_report(name, chinese):
    assert crs_name_in(name, "zh") == chinese
    assert crs_name_in(name, "en") == name
