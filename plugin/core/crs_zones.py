"""A metric CRS for a longitude/latitude: CGCS2000 3-degree Gauss-Kruger in China, UTM elsewhere.

Used to pick a target CRS when a geographic DEM or layer must be projected (never treated
as metres). The EPSG codes follow PROJ's proj.db (checked against pyproj in the
tests):

- CGCS2000 3-degree Gauss-Kruger, zones 25-45 (central meridians 75 E ... 135 E):
  EPSG 4513 + (n - 25) with the zone number prefixed to the easting (false easting
  n * 1 000 000 + 500 000), EPSG 4534 + (n - 25) without it (false easting 500 000).
- WGS 84 / UTM zone z: EPSG 32600 + z north of the equator, 32700 + z south of it.

Zone edges: zone n = round(L / 3) for Gauss-Kruger and floor((L + 180) / 6) + 1 for UTM; a
longitude exactly on the boundary between two zones belongs to the zone to its EAST
(Gauss-Kruger zone n spans 3n - 1.5 <= L < 3n + 1.5, the usual Chinese convention). The
equator belongs to the northern hemisphere. The UTM exceptions of Norway and Svalbard are
not applied: any UTM zone is a valid metric CRS, the formula is simpler to predict.

"Inside China" is judged with a simple longitude/latitude box around China (73.5-135.1 E,
3.5-53.6 N), not a border polygon: points of neighbouring countries inside the box also get
a CGCS2000 zone, which is still a correct metric CRS there (a transverse Mercator within
1.5 degrees of its central meridian; CGCS2000 and WGS 84 differ by centimetres).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Longitude/latitude box that contains China (including the South China Sea islands).
CHINA_BOX = (73.5, 3.5, 135.1, 53.6)  # west, south, east, north, degrees

GK3_FIRST_ZONE = 25  # central meridian 75 E
GK3_LAST_ZONE = 45  # central meridian 135 E
GK3_PREFIXED_EPSG = 4513  # zone 25, zone number in the easting
GK3_UNPREFIXED_EPSG = 4534  # CM 75E, false easting 500 000
UTM_NORTH_EPSG = 32600
UTM_SOUTH_EPSG = 32700


@dataclass(frozen=True)
class MetricCrs:
    """A projected CRS chosen for a location."""

    epsg: int
    family: str  # "cgcs2000_gk3" or "utm"
    zone: int
    central_meridian: float  # degrees east
    false_easting: float  # metres

    @property
    def authid(self) -> str:
        return f"EPSG:{self.epsg}"


def in_china_box(lon: float, lat: float) -> bool:
    """True inside the documented box around China (see the module docstring)."""
    west, south, east, north = CHINA_BOX
    return west <= lon <= east and south <= lat <= north


def gk3_zone(lon: float) -> int:
    """3-degree Gauss-Kruger zone number: round(L / 3), boundaries go to the eastern zone."""
    # (L + 1.5) / 3 is exact at the boundaries 3n + 1.5, so floor() decides them cleanly.
    return math.floor((lon + 1.5) / 3.0)


def utm_zone(lon: float) -> int:
    """UTM zone 1-60; boundaries go to the eastern zone, 180 degrees to zone 60."""
    lon = _normalise_longitude(lon)
    return min(60, math.floor((lon + 180.0) / 6.0) + 1)


def cgcs2000_gk3(lon: float, *, zone_prefix: bool = True) -> MetricCrs:
    """The CGCS2000 3-degree Gauss-Kruger CRS of a longitude inside zones 25-45."""
    zone = gk3_zone(lon)
    if not GK3_FIRST_ZONE <= zone <= GK3_LAST_ZONE:
        raise ValueError(
            f"longitude {lon} is outside the CGCS2000 3-degree zones 25-45 (73.5-136.5 E)"
        )
    offset = zone - GK3_FIRST_ZONE
    if zone_prefix:
        return MetricCrs(
            GK3_PREFIXED_EPSG + offset, "cgcs2000_gk3", zone, 3.0 * zone, zone * 1e6 + 5e5
        )
    return MetricCrs(GK3_UNPREFIXED_EPSG + offset, "cgcs2000_gk3", zone, 3.0 * zone, 5e5)


def wgs84_utm(lon: float, lat: float) -> MetricCrs:
    """WGS 84 / UTM zone of a point: 326zz north (equator included), 327zz south."""
    zone = utm_zone(lon)
    base = UTM_NORTH_EPSG if lat >= 0 else UTM_SOUTH_EPSG
    return MetricCrs(base + zone, "utm", zone, 6.0 * zone - 183.0, 5e5)


def metric_crs_for(lon: float, lat: float, *, zone_prefix: bool = True) -> MetricCrs:
    """The metric CRS to project a point (or the centre of an extent) into.

    Inside the China box: the CGCS2000 3-degree Gauss-Kruger zone, with the zone number in
    the easting when ``zone_prefix`` (the form of most 三调 deliverables) or without it.
    Elsewhere: WGS 84 / UTM.
    """
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lat) > 90:
        raise ValueError(f"not a longitude/latitude: ({lon}, {lat})")
    lon = _normalise_longitude(lon)
    if in_china_box(lon, lat):
        return cgcs2000_gk3(lon, zone_prefix=zone_prefix)
    return wgs84_utm(lon, lat)


def _normalise_longitude(lon: float) -> float:
    """Longitude in [-180, 180], keeping +180 as is."""
    if -180.0 <= lon <= 180.0:
        return lon
    return (lon + 180.0) % 360.0 - 180.0


# Datum names of Chinese coordinate systems as a Chinese plan writes them.
_DATUM_NAMES_ZH = (
    ("New Beijing", "新北京"),
    ("Beijing 1954", "北京1954"),
    ("Xian 1980", "西安1980"),
)
_PROJECTIONS_ZH = (
    (re.compile(r"3-degree Gauss-Kruger zone (\d+)"), r"3度带高斯-克吕格投影 第\1带"),
    (re.compile(r"3-degree Gauss-Kruger CM (\d+)E"), r"3度带高斯-克吕格投影 中央经线\1°E"),
    (re.compile(r"Gauss-Kruger zone (\d+)"), r"6度带高斯-克吕格投影 第\1带"),
    (re.compile(r"Gauss-Kruger CM (\d+)E"), r"6度带高斯-克吕格投影 中央经线\1°E"),
    (re.compile(r"UTM zone (\d+)([NS])"), r"UTM投影 第\1\2带"),
)


def crs_name_in(name: str, language: str) -> str:
    """The name of a CRS as a reader of ``language`` expects it: Chinese for the Gauss-Kruger
    and UTM systems of PROJ's names ("CGCS2000 / 3-degree Gauss-Kruger zone 39" ->
    "CGCS2000 3度带高斯-克吕格投影 第39带"); other names, and English, unchanged."""
    if not language.startswith("zh"):
        return name
    translated = name
    for english, chinese in _DATUM_NAMES_ZH:
        translated = translated.replace(english, chinese)
    for pattern, chinese in _PROJECTIONS_ZH:
        translated, count = pattern.subn(chinese, translated)
        if count:
            return translated.replace(" / ", " ")
    return translated
