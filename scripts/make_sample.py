"""Generate the constructed sample coal mine in resources/sample/ (deterministic).

    python scripts/make_sample.py [--output resources/sample]

Everything here is CONSTRUCTED: a fictitious coal mine (示例煤矿, "sample mine") on the North
China plain near 117.05° E, 35.70° N, in CGCS2000 / 3-degree Gauss-Krüger zone 39
(EPSG:4527, eastings with the zone prefix 39). No real mine, village or survey is shown.
Real inputs: only the GB 15618-2018 screening and intervention values of
resources/standards/gb15618-2018.json (to place some samples above them on purpose) and
the GB/T 21010-2017 land-use codes. resources/sample/README.md describes every layer.

The output is reproducible: fixed seeds, fixed geometry, OGR_CURRENT_DATE pinned, no
timestamps in the GeoTIFFs; a second run writes byte-identical files with the same GDAL,
GEOS and numpy versions.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr, osr
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon, box
from shapely.ops import transform, unary_union

ROOT = Path(__file__).resolve().parent.parent
EPSG = 4527  # CGCS2000 / 3-degree Gauss-Kruger zone 39 (CM 117° E, false easting 39 500 km)
X0, Y0 = 39_503_000.0, 3_951_000.0  # lower-left corner of the DEM grid
WIDTH_M, HEIGHT_M = 3500.0, 2500.0
CELL = 5.0  # DEM cell size (m)
GW_CELL = 25.0  # groundwater-depth raster cell size (m)
SEED = 20261128
GPKG_NAME = "sample_mine.gpkg"
FIXED_DATE = "2026-01-01T00:00:00Z"
FLAT = 2  # shapely cap style "flat" (1.8 takes the int, 2.x too)
CONSTRUCTED = "构造的示例数据（虚构矿区，非真实测量）; constructed sample data, not a real survey"

# Subsidence parameters used for DEM_AFTER (the same model as reclamation:predictsubsidence).
SUBSIDENCE_FACTOR = 0.8
TAN_BETA = 2.0

# Layer name -> ASCII alias (README); the GeoPackage uses the Chinese names.
LAYERS = {
    "项目区范围": "study_area",
    "土地利用现状": "landuse",
    "矿山设施": "facilities",
    "开采工作面": "panels",
    "采动影响范围": "mining_influence",
    "土壤图斑": "soil",
    "土壤采样点": "soil_samples",
    "河流": "river",
    "坑塘": "ponds",
    "电网": "power_line",
}
RASTERS = {
    "dem_before.tif": "采前数字高程模型 DEM before mining (m)",
    "dem_after.tif": "采后数字高程模型 DEM after mining (m)",
    "groundwater_depth.tif": "潜水位埋深 groundwater depth before subsidence (m)",
}


# --- geometry in local metres (u east, v north from the lower-left corner) ---------------


def rounded_box(cu, cv, half_u, half_v, radius):
    return box(
        cu - half_u + radius, cv - half_v + radius, cu + half_u - radius, cv + half_v - radius
    ).buffer(radius, 8)


def rounded_box_depth(u, v, cu, cv, half_u, half_v, radius):
    """Distance inside a rounded rectangle (negative outside), exact."""
    qu = np.abs(u - cu) - (half_u - radius)
    qv = np.abs(v - cv) - (half_v - radius)
    outside = np.hypot(np.maximum(qu, 0), np.maximum(qv, 0))
    inside = np.minimum(np.maximum(qu, qv), 0)
    return -(outside + inside - radius)


def benched(distance, bench_height, face_width, berm_width, total):
    """Height (or depth) of a benched slope at a distance inside its crest/toe line."""
    step = face_width + berm_width
    distance = np.maximum(distance, 0.0)
    full = np.floor(distance / step)
    part = np.clip((distance - full * step) / face_width, 0.0, 1.0)
    return np.minimum(total, bench_height * (full + part))


PIT = {"cu": 800.0, "cv": 1750.0, "half_u": 330.0, "half_v": 230.0, "radius": 120.0}
DUMP = {"cu": 800.0, "cv": 1080.0, "half_u": 300.0, "half_v": 200.0, "radius": 80.0}
GANGUE = {"cu": 1600.0, "cv": 1650.0, "radius": 75.0, "height": 35.0, "top": 10.0}
INDUSTRIAL = (1450.0, 1900.0, 1780.0, 2150.0)
PIT_DEPTH, DUMP_HEIGHT = 40.0, 24.0
PANELS = [  # name, v0, v1, thickness (m), depth (m), dip (°), year
    ("3101", 700.0, 860.0, 3.4, 330.0, 4.0, 2027),
    ("3102", 885.0, 1045.0, 3.6, 345.0, 4.0, 2028),
    ("3103", 1070.0, 1230.0, 3.7, 360.0, 4.0, 2029),
    ("3104", 1255.0, 1415.0, 3.8, 375.0, 4.0, 2030),
]
PANEL_U = (2200.0, 3100.0)
INFLUENCE_BUFFER = 200.0
HILL = {"cu": 3150.0, "cv": 2080.0, "sigma": 170.0, "height": 28.0}
STUDY_AREA = Polygon(
    [
        (150, 120),
        (1900, 100),
        (3380, 150),
        (3420, 1500),
        (3330, 2380),
        (1800, 2420),
        (120, 2350),
        (90, 1200),
    ]
)


def river_line():
    u = np.linspace(0.0, WIDTH_M, 71)
    v = 290.0 + 45.0 * np.sin(u / 480.0) + 20.0 * np.sin(u / 170.0 + 1.0)
    return LineString(np.column_stack([u, v]))


def power_line():
    """A 110 kV line across the north of the map (second lives: PV within reach)."""
    return LineString([(0.0, HEIGHT_M - 150.0), (WIDTH_M, HEIGHT_M - 150.0)])


def pit_polygon():
    return rounded_box(**PIT)


def dump_polygon():
    return rounded_box(**DUMP)


def gangue_polygon():
    return Point(GANGUE["cu"], GANGUE["cv"]).buffer(GANGUE["radius"], 16)


def industrial_polygon():
    return box(*INDUSTRIAL)


def panel_polygons():
    return [(name, box(PANEL_U[0], v0, PANEL_U[1], v1)) for name, v0, v1, *_ in PANELS]


def influence_polygon():
    return unary_union([p for _, p in panel_polygons()]).buffer(INFLUENCE_BUFFER, 16)


def ponds():
    return [
        ("东洼坑塘", Point(1200, 700).buffer(40, 16)),
        ("张庄北坑塘", affinity.scale(Point(2480, 2290).buffer(35, 16), 1.6, 1.0)),
        ("西坑塘", Point(560, 2230).buffer(45, 16)),
    ]


VILLAGES = [
    ("张庄", rounded_box(2650, 2050, 150, 110, 30)),
    ("李家村", rounded_box(380, 640, 130, 100, 30)),
]


# --- rasters -------------------------------------------------------------------------------


def cell_centres(cell):
    cols, rows = int(WIDTH_M / cell), int(HEIGHT_M / cell)
    u = (np.arange(cols) + 0.5) * cell
    v = HEIGHT_M - (np.arange(rows) + 0.5) * cell
    return np.meshgrid(u, v)


def smooth_noise(rng, shape, passes):
    """Deterministic low-amplitude texture: white noise smoothed by box filters."""
    field = rng.standard_normal(shape)
    for _ in range(passes):
        padded = np.pad(field, 1, mode="edge")
        field = (
            sum(
                padded[1 + dr : 1 + dr + shape[0], 1 + dc : 1 + dc + shape[1]]
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
            )
            / 9.0
        )
    return field / field.std()


def river_distance(u, v):
    line = np.asarray(river_line().coords)
    along = np.interp(u, line[:, 0], line[:, 1])
    return np.abs(v - along)


def hill_height(u, v):
    return HILL["height"] * np.exp(
        -((u - HILL["cu"]) ** 2 + (v - HILL["cv"]) ** 2) / (2 * HILL["sigma"] ** 2)
    )


def dem_before(u, v, rng):
    plain = 58.0 - 0.0025 * (u - 0.0) * 0.6 - 0.0025 * (HEIGHT_M - v) * 0.8  # falls to the SE
    plain += 0.6 * np.sin(u / 410.0) * np.cos(v / 530.0)
    plain += 0.08 * smooth_noise(rng, u.shape, 6)
    valley = -3.0 * np.exp(-((river_distance(u, v) / 45.0) ** 2))
    return plain + valley + hill_height(u, v)


def erf(values):
    return np.vectorize(math.erf, otypes=[float])(values)


def subsidence(u, v):
    """Final subsidence (m, positive down) of the panels: probability integral method, flat
    seams (the dip only enters through cos α), rectangle closed form, offset s = 0."""
    total = np.zeros(u.shape)
    uu, vv = u[0, :], v[:, 0]
    for _, v0, v1, thickness, depth, dip, _ in PANELS:
        radius = depth / TAN_BETA
        w0 = thickness * SUBSIDENCE_FACTOR * math.cos(math.radians(dip))
        cx = 0.5 * (
            erf(math.sqrt(math.pi) * (uu - PANEL_U[0]) / radius)
            - erf(math.sqrt(math.pi) * (uu - PANEL_U[1]) / radius)
        )
        cy = 0.5 * (
            erf(math.sqrt(math.pi) * (vv - v0) / radius)
            - erf(math.sqrt(math.pi) * (vv - v1) / radius)
        )
        total += w0 * np.outer(cy, cx)
    return total


def dem_after(u, v, before):
    after = before.copy()
    # Open pit: four 10 m benches (70° faces, 10 m berms) down to 40 m.
    inside = rounded_box_depth(u, v, **PIT)
    depth = benched(inside, 10.0, 10.0 / math.tan(math.radians(70)), 10.0, PIT_DEPTH)
    after = np.where(inside > 0, before - depth, after)
    # Outside waste dump: two 12 m lifts, 33° faces, 15 m berms, flat top at 24 m.
    inside = rounded_box_depth(u, v, **DUMP)
    height = benched(inside, 12.0, 12.0 / math.tan(math.radians(33)), 15.0, DUMP_HEIGHT)
    after = np.where(inside > 0, after + height, after)
    # Coal-gangue heap: a cone with 10 m flat top.
    r = np.hypot(u - GANGUE["cu"], v - GANGUE["cv"])
    slope = GANGUE["height"] / (GANGUE["radius"] - GANGUE["top"])
    cone = np.clip((GANGUE["radius"] - r) * slope, 0.0, GANGUE["height"])
    after = after + cone
    # Industrial site: levelled 1.5 m above its highest original ground.
    u0, v0, u1, v1 = INDUSTRIAL
    site = (u >= u0) & (u <= u1) & (v >= v0) & (v <= v1)
    after = np.where(site, before[site].max() + 1.5, after)
    # Predicted subsidence over the longwall panels.
    return after - subsidence(u, v)


def groundwater_depth(rng):
    u, v = cell_centres(GW_CELL)
    depth = 1.5 + 0.25 * np.tanh((river_distance(u, v) - 400.0) / 300.0)  # shallower by the river
    depth += 0.9 * hill_height(u, v)  # the water table does not follow the hill
    depth += 0.05 * smooth_noise(rng, u.shape, 3)
    return depth


def write_raster(path, values, cell, description):
    driver = gdal.GetDriverByName("GTiff")
    rows, cols = values.shape
    options = ["COMPRESS=DEFLATE", "PREDICTOR=3", "ZLEVEL=9", "TILED=YES"]
    dataset = driver.Create(str(path), cols, rows, 1, gdal.GDT_Float32, options)
    dataset.SetGeoTransform((X0, cell, 0.0, Y0 + HEIGHT_M, 0.0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.SetMetadata(
        {"TIFFTAG_IMAGEDESCRIPTION": f"{description}. {CONSTRUCTED}", "SOURCE": "constructed"}
    )
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(-9999.0)
    band.SetDescription(description)
    band.SetUnitType("m")
    band.WriteArray(np.round(values, 2).astype(np.float32))
    dataset = None


# --- vector layers ---------------------------------------------------------------------------


def landuse_parcels():
    """Land use before the predicted damage (the pit, dumps and site already exist): a
    partition of the study area into parcels with GB/T 21010-2017 codes."""
    area = STUDY_AREA
    river = river_line().buffer(15.0, cap_style=FLAT)
    banks = river_line().buffer(45.0, cap_style=FLAT)
    mining = unary_union(
        [
            pit_polygon().buffer(15.0),
            dump_polygon().buffer(10.0),
            gangue_polygon().buffer(10.0),
            industrial_polygon(),
            LineString([(1130, 1750), (1450, 1950)]).buffer(8.0),  # haul road inside the lease
        ]
    )
    county_road = LineString([(1900, 0), (1900, HEIGHT_M)]).buffer(8.0, cap_style=FLAT)
    ditch = LineString([(300, 560), (1890, 560)]).buffer(3.0, cap_style=FLAT)
    pond_union = unary_union([g for _, g in ponds()])
    hill = Point(HILL["cu"], HILL["cv"]).buffer(260.0, 16)
    orchard = box(1350, 1250, 1650, 1500)
    paddy = box(500, 350, 1880, 540)
    roads = []
    for u in [300, 600, 900, 1200, 1500, 1750, 2100, 2400, 2700, 3000, 3300]:
        roads.append(LineString([(u, 0), (u, HEIGHT_M)]).buffer(2.5, cap_style=FLAT))
    for v in [600, 850, 1100, 1350, 1600, 1850, 2100]:
        roads.append(LineString([(0, v), (WIDTH_M, v)]).buffer(2.5, cap_style=FLAT))
    rural_roads = unary_union(roads)
    village_union = unary_union([g for _, g in VILLAGES])

    # Earlier entries win where they overlap.
    layers = [
        ("1101", "河流水面", river, None),
        ("0602", "采矿用地", mining, None),
        ("1003", "公路用地", county_road, None),
        ("0702", "村庄", village_union, None),
        ("1104", "坑塘水面", pond_union, None),
        ("0404", "其他草地", banks, None),
        ("0301", "乔木林地", hill, None),
        ("1107", "沟渠", ditch, None),
        ("1006", "农村道路", rural_roads, None),
        ("0201", "果园", orchard, None),
        ("0101", "水田", paddy, None),
        ("0102", "水浇地", box(1900, 0, WIDTH_M, HEIGHT_M), None),
        ("0103", "旱地", box(0, 0, WIDTH_M, HEIGHT_M), None),
    ]
    taken = Polygon()
    parcels = []
    for code, name, geometry, _ in layers:
        piece = geometry.intersection(area).difference(taken)
        taken = taken.union(geometry.intersection(area))
        for part in getattr(piece, "geoms", [piece]):
            if part.geom_type == "Polygon" and part.area > 1.0:
                parcels.append((code, name, part))
    parcels.sort(key=lambda p: (round(-p[2].centroid.y, 1), round(p[2].centroid.x, 1)))
    return parcels


# Soil texture (卡钦斯基 classes as used in Chinese soil surveys) -> the integer code of the
# `texture` factor in this sample (the built-in rule packs do not grade texture).
TEXTURE_CODES = {"砂土": 1, "砂壤土": 2, "轻壤土": 3, "中壤土": 4, "重壤土": 5, "黏土": 6}
SOIL_TYPES = {
    # 土类, 土种, 有效土层厚度 cm, 有机质 g/kg, pH, 砾石含量 %, 质地, 容重 g/cm³
    "潮土": ("潮土", "壤质潮土", 110, 14.2, 8.0, 2, "轻壤土", 1.35),
    "褐土": ("褐土", "壤质褐土", 90, 12.1, 7.6, 5, "中壤土", 1.38),
    "水稻土": ("水稻土", "潮土性水稻土", 100, 19.5, 7.2, 0, "重壤土", 1.30),
    "棕壤": ("棕壤", "粗骨棕壤", 45, 17.8, 6.8, 22, "砂壤土", 1.42),
}
DISTURBED_SOILS = {
    # post-damage (and, for the dump, covered) conditions of the mine land
    "露天采场": ("人为土", "采坑岩土（裸露）", 10, 2.0, 8.3, 70, "砂土", 1.65),
    "排土场": ("人为土", "排土场覆土（表土回覆）", 60, 7.5, 8.1, 25, "砂壤土", 1.48),
    "矸石山": ("人为土", "煤矸石（覆土）", 30, 4.0, 8.5, 55, "砂土", 1.55),
    "工业场地": ("人为土", "压实场地土", 40, 5.5, 8.2, 30, "砂壤土", 1.60),
}


def soil_polygons():
    area = STUDY_AREA
    u = np.linspace(0, WIDTH_M, 36)
    boundary = 880.0 + 90.0 * np.sin(u / 600.0)
    fluvo = Polygon([(0, 0), *zip(u, boundary, strict=True), (WIDTH_M, 0)])
    hill = Point(HILL["cu"], HILL["cv"]).buffer(300.0, 16)
    paddy = box(500, 350, 1880, 540)
    facilities = [
        ("露天采场", pit_polygon().buffer(15.0)),
        ("排土场", dump_polygon().buffer(10.0)),
        ("矸石山", gangue_polygon().buffer(10.0)),
        ("工业场地", industrial_polygon()),
    ]
    zones = [(key, geometry) for key, geometry in facilities]
    zones += [
        ("水稻土", paddy),
        ("棕壤", hill),
        ("潮土", fluvo),
        ("褐土", box(0, 0, WIDTH_M, HEIGHT_M)),
    ]
    taken = Polygon()
    out = []
    for key, geometry in zones:
        piece = geometry.intersection(area).difference(taken)
        taken = taken.union(geometry.intersection(area))
        values = DISTURBED_SOILS.get(key) or SOIL_TYPES[key]
        for part in getattr(piece, "geoms", [piece]):
            if part.geom_type == "Polygon" and part.area > 1.0:
                out.append((values, part))
    return out


def soil_samples(rng):
    """Topsoil samples (0–20 cm): background values on a grid over farmland, and raised
    values downwind of the gangue heap and the industrial site."""
    standard = json.loads(
        (ROOT / "resources" / "standards" / "gb15618-2018.json").read_text(encoding="utf-8")
    )
    del standard  # the values below are placed against its pH > 7.5 'other' rows
    background = {
        "Cd": 0.14,
        "Hg": 0.04,
        "As": 9.0,
        "Pb": 24.0,
        "Cr": 62.0,
        "Cu": 23.0,
        "Ni": 27.0,
        "Zn": 65.0,
    }
    rows = []
    number = 1
    for v in range(325, 2400, 250):
        for u in range(150, 3400, 300):
            point = Point(u + rng.uniform(-40, 40), v + rng.uniform(-40, 40))
            if not STUDY_AREA.contains(point):
                continue
            if any(
                g.buffer(20).contains(point)
                for g in (pit_polygon(), dump_polygon(), industrial_polygon())
            ):
                continue
            values = {
                k: round(x * float(rng.lognormal(0.0, 0.15)), 3) for k, x in background.items()
            }
            rows.append([f"S{number:02d}", point, values, round(float(rng.uniform(7.6, 8.1)), 2)])
            number += 1
    # Hot spots (mg/kg; pH > 7.5 screening: Cd 0.6, As 25, Pb 170, Cu 100 (orchard 200),
    # Zn 300; intervention: Cd 4.0, As 100, Pb 1000).
    hot = [
        ((1490, 1420), {"Cd": 0.95, "Pb": 210.0, "Zn": 340.0}, 7.9),  # orchard by the heap
        ((1600, 1380), {"Cd": 1.8, "As": 31.0}, 7.8),
        ((1720, 1450), {"Cd": 4.6, "Pb": 260.0}, 7.7),  # above the Cd intervention value
        ((1360, 1620), {"Cd": 0.72, "Cu": 130.0}, 8.0),
        ((1620, 2290), {"Pb": 230.0, "As": 27.5}, 7.9),  # north of the industrial site
        ((1790, 1800), {"Cd": 0.66}, 7.8),
    ]
    for (u, v), raised, ph in hot:
        values = {k: round(x * float(rng.lognormal(0.0, 0.1)), 3) for k, x in background.items()}
        values.update(raised)
        rows.append([f"S{number:02d}", Point(u, v), values, ph])
        number += 1
    return rows


def create_layer(source, name, geometry_type, fields, description):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    layer = source.CreateLayer(
        name,
        srs,
        geometry_type,
        [
            f"DESCRIPTION={description}. {CONSTRUCTED}",
            f"IDENTIFIER={name} ({LAYERS[name]})",
            "FID=fid",
        ],
    )
    for field_name, field_type, width in fields:
        definition = ogr.FieldDefn(field_name, field_type)
        if width:
            definition.SetWidth(width)
        layer.CreateField(definition)
    return layer


def on_map(geometry):
    """In map coordinates, rounded to 1 cm and valid (eastings near 39.5 million metres
    leave too few bits for the near-touching vertices of overlay results)."""
    moved = transform(
        lambda x, y: (np.round(np.asarray(x) + X0, 2), np.round(np.asarray(y) + Y0, 2)), geometry
    )
    if not moved.is_valid:
        moved = moved.buffer(0)
    if moved.geom_type == "MultiPolygon":
        parts = sorted(moved.geoms, key=lambda part: -part.area)
        if any(part.area > 1.0 for part in parts[1:]):
            raise ValueError(f"a polygon fell apart when rounded: {[p.area for p in parts]}")
        moved = parts[0]
    if not moved.is_valid or moved.is_empty:
        raise ValueError("invalid geometry in the sample")
    return moved


def add(layer, geometry, values):
    feature = ogr.Feature(layer.GetLayerDefn())
    for key, value in values.items():
        feature.SetField(key, value)
    feature.SetGeometry(ogr.CreateGeometryFromWkb(on_map(geometry).wkb))
    layer.CreateFeature(feature)


S, R, I = ogr.OFTString, ogr.OFTReal, ogr.OFTInteger  # noqa: E741
NOTE = ("数据说明", S, 0)


def write_vectors(path, rng):
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    source.StartTransaction()

    layer = create_layer(
        source,
        "项目区范围",
        ogr.wkbPolygon,
        [("名称", S, 0), ("面积", R, 0), NOTE],
        "项目区（复垦责任范围）边界 study area",
    )
    add(
        layer,
        STUDY_AREA,
        {
            "名称": "示例煤矿土地复垦项目区",
            "面积": round(STUDY_AREA.area, 1),
            "数据说明": CONSTRUCTED,
        },
    )

    fields = [
        ("TBBH", S, 0),
        ("DLBM", S, 4),
        ("DLMC", S, 0),
        ("QSDWMC", S, 0),
        ("TBMJ", R, 0),
        NOTE,
    ]
    layer = create_layer(
        source,
        "土地利用现状",
        ogr.wkbPolygon,
        fields,
        "土地利用现状（GB/T 21010-2017 地类）land use before the predicted damage",
    )
    for index, (code, name, geometry) in enumerate(landuse_parcels(), start=1):
        owner = "张庄村" if geometry.centroid.x > 1900 else "李家村"
        add(
            layer,
            geometry,
            {
                "TBBH": f"{index:04d}",
                "DLBM": code,
                "DLMC": name,
                "QSDWMC": owner,
                "TBMJ": round(geometry.area, 2),
                "数据说明": CONSTRUCTED,
            },
        )

    fields = [
        ("名称", S, 0),
        ("类型", S, 0),
        ("excavation_depth_m", R, 0),
        ("dump_height_m", R, 0),
        ("面积", R, 0),
        NOTE,
    ]
    layer = create_layer(
        source,
        "矿山设施",
        ogr.wkbPolygon,
        fields,
        "已损毁：露天采场、排土场、矸石山、工业场地 mapped mine facilities",
    )
    for name, kind, geometry, depth, height in [
        ("一号露天采场", "露天采场", pit_polygon(), PIT_DEPTH, None),
        ("南排土场", "排土场", dump_polygon(), None, DUMP_HEIGHT),
        ("一号矸石山", "矸石山", gangue_polygon(), None, GANGUE["height"]),
        ("矿井工业场地", "工业场地", industrial_polygon(), None, None),
    ]:
        values = {
            "名称": name,
            "类型": kind,
            "面积": round(geometry.area, 1),
            "数据说明": CONSTRUCTED,
        }
        if depth is not None:
            values["excavation_depth_m"] = depth
        if height is not None:
            values["dump_height_m"] = height
        add(layer, geometry, values)

    fields = [
        ("工作面", S, 0),
        ("采厚", R, 0),
        ("埋深", R, 0),
        ("倾角", R, 0),
        ("下沉系数", R, 0),
        ("主要影响角正切", R, 0),
        ("开采年份", I, 0),
        NOTE,
    ]
    layer = create_layer(
        source,
        "开采工作面",
        ogr.wkbPolygon,
        fields,
        "拟开采综采工作面（3煤）planned longwall panels",
    )
    for (name, geometry), (_, _, _, thickness, depth, dip, year) in zip(
        panel_polygons(), PANELS, strict=True
    ):
        add(
            layer,
            geometry,
            {
                "工作面": name,
                "采厚": thickness,
                "埋深": depth,
                "倾角": dip,
                "下沉系数": SUBSIDENCE_FACTOR,
                "主要影响角正切": TAN_BETA,
                "开采年份": year,
                "数据说明": CONSTRUCTED,
            },
        )

    layer = create_layer(
        source,
        "采动影响范围",
        ogr.wkbPolygon,
        [("名称", S, 0), NOTE],
        "开采沉陷影响范围（工作面外扩 200 m）undermined zone",
    )
    add(layer, influence_polygon(), {"名称": "3煤一采区采动影响范围", "数据说明": CONSTRUCTED})

    fields = [
        ("土类", S, 0),
        ("土种", S, 0),
        ("有效土层厚度", R, 0),
        ("有机质", R, 0),
        ("pH值", R, 0),
        ("砾石含量", R, 0),
        ("质地", S, 0),
        ("质地代码", I, 0),
        ("容重", R, 0),
        NOTE,
    ]
    layer = create_layer(
        source, "土壤图斑", ogr.wkbPolygon, fields, "土壤图斑（损毁区为损毁/覆土后条件）soil map"
    )
    for (soil, kind, thickness, organic, ph, gravel, texture, density), geometry in soil_polygons():
        add(
            layer,
            geometry,
            {
                "土类": soil,
                "土种": kind,
                "有效土层厚度": thickness,
                "有机质": organic,
                "pH值": ph,
                "砾石含量": gravel,
                "质地": texture,
                "质地代码": TEXTURE_CODES[texture],
                "容重": density,
                "数据说明": CONSTRUCTED,
            },
        )

    fields = [("样点编号", S, 0)] + [
        (k, R, 0) for k in ("Cd", "Hg", "As", "Pb", "Cr", "Cu", "Ni", "Zn")
    ]
    fields += [("pH", R, 0), ("采样深度", S, 0), NOTE]
    layer = create_layer(
        source, "土壤采样点", ogr.wkbPoint, fields, "表层土壤采样点（mg/kg）soil samples"
    )
    for name, point, values, ph in soil_samples(rng):
        add(
            layer,
            point,
            {"样点编号": name, **values, "pH": ph, "采样深度": "0-20 cm", "数据说明": CONSTRUCTED},
        )

    layer = create_layer(
        source, "河流", ogr.wkbLineString, [("名称", S, 0), NOTE], "河流中心线 river"
    )
    add(layer, river_line(), {"名称": "示例河", "数据说明": CONSTRUCTED})

    layer = create_layer(
        source,
        "坑塘",
        ogr.wkbPolygon,
        [("名称", S, 0), ("DLBM", S, 4), NOTE],
        "现有坑塘 existing ponds",
    )
    for name, geometry in ponds():
        add(layer, geometry, {"名称": name, "DLBM": "1104", "数据说明": CONSTRUCTED})

    layer = create_layer(
        source,
        "电网",
        ogr.wkbLineString,
        [("名称", S, 0), ("电压等级", S, 0), NOTE],
        "电力线路 power line",
    )
    add(layer, power_line(), {"名称": "示例线", "电压等级": "110kV", "数据说明": CONSTRUCTED})

    source.CommitTransaction()
    source = None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "resources" / "sample")
    args = parser.parse_args(argv)
    # Process-wide GDAL state is restored afterwards (main() also runs inside the tests).
    exceptions = gdal.GetUseExceptions(), ogr.GetUseExceptions()
    options = {key: gdal.GetConfigOption(key) for key in ("OGR_CURRENT_DATE", "GDAL_PAM_ENABLED")}
    gdal.UseExceptions()
    ogr.UseExceptions()
    gdal.SetConfigOption("OGR_CURRENT_DATE", FIXED_DATE)  # gpkg_contents.last_change
    gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")  # no .aux.xml side files
    try:
        return _generate(args.output)
    finally:
        for key, value in options.items():
            gdal.SetConfigOption(key, value)
        if not exceptions[1]:  # in the reverse order of UseExceptions()
            ogr.DontUseExceptions()
        if not exceptions[0]:
            gdal.DontUseExceptions()


def _generate(out):
    out.mkdir(parents=True, exist_ok=True)
    temp = out / ".make_sample.tmp"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()

    rng = np.random.default_rng(SEED)
    u, v = cell_centres(CELL)
    before = dem_before(u, v, rng)
    after = dem_after(u, v, before)
    write_raster(temp / "dem_before.tif", before, CELL, RASTERS["dem_before.tif"])
    write_raster(temp / "dem_after.tif", after, CELL, RASTERS["dem_after.tif"])
    write_raster(
        temp / "groundwater_depth.tif",
        groundwater_depth(rng),
        GW_CELL,
        RASTERS["groundwater_depth.tif"],
    )
    write_vectors(temp / GPKG_NAME, rng)

    for stale in out.glob("*.aux.xml"):  # statistics side files of an earlier gdalinfo -stats
        stale.unlink()
    for item in sorted(temp.iterdir()):
        item.replace(out / item.name)
    temp.rmdir()
    for item in sorted(out.iterdir()):
        shown = item.relative_to(ROOT) if item.is_relative_to(ROOT) else item
        print(f"{shown}  {item.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
