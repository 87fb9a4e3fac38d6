"""Constructed mines of one county for the province run (issue 22), every number written
out: mine i lies 3 km east of mine i-1 on the same kind of hills; its pit is lowered
40 m and its dump raised 25 m, each a box of whole cells, so the damaged areas are known
by hand. The shared layers (facilities with the mine's number, land use, soil) cover the
county; each mine's DEMs are paths in the mines layer, relative to its folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from osgeo import ogr

from tests.rasters import write_tif
from tests.vectors import add_layer

EPSG = 4547  # CGCS2000 3° GK, CM 114° E
CELL = 10.0
SIZE = 100  # cells: 1 km × 1 km per mine
X0, Y0 = 400000.0, 3000000.0
SPACING = 3000.0  # m between the mines' west edges
# Per mine: (pit rows/cols, dump rows/cols) as (r0, r1, c0, c1), different sizes per mine.
PITS = ((20, 40, 20, 45), (30, 60, 10, 30), (10, 30, 50, 90))
DUMPS = ((60, 80, 50, 70), (70, 90, 60, 95), (50, 65, 10, 40))
MINE_IDS = ("M-001", "M-002", "M-003")
NAMES = ("一号煤矿", "二号铁矿", "三号石灰石矿")
BROKEN_ID = "M-004"


def box(x0: float, rows_cols: tuple[int, int, int, int]) -> str:
    r0, r1, c0, c1 = rows_cols
    left, right = x0 + c0 * CELL, x0 + c1 * CELL
    top, bottom = Y0 - r0 * CELL, Y0 - r1 * CELL
    return f"POLYGON(({left} {bottom},{right} {bottom},{right} {top},{left} {top},{left} {bottom}))"


def cells(rows_cols: tuple[int, int, int, int]) -> int:
    r0, r1, c0, c1 = rows_cols
    return (r1 - r0) * (c1 - c0)


def origin(index: int) -> float:
    return X0 + index * SPACING


def mine_ids(count: int) -> list[str]:
    return [*MINE_IDS, *(f"M-{n:03d}" for n in range(len(MINE_IDS) + 2, count + 2))][:count]


def write_province(folder: Path, broken: bool = True, count: int = 3) -> Path:
    """The county's GeoPackage (mines, 设施, 地类, 土壤) and the mines' DEMs in ``folder``;
    with ``broken`` one more mine (M-004) whose DEM after mining is no raster. More than
    three mines (``count``, for the bench) repeat the three pits and dumps further east."""
    rows, cols = np.mgrid[0:SIZE, 0:SIZE].astype(float)
    dems = folder / "dem"
    dems.mkdir()
    mines, facilities = [], []
    ids = mine_ids(count)
    for index, mine in enumerate(ids):
        pit, dump = PITS[index % len(PITS)], DUMPS[index % len(DUMPS)]
        x0 = origin(index if index < len(PITS) else index + 1)
        before = 200 + 20 * np.sin(cols / 15 + index) * np.cos(rows / 20) + 0.2 * rows
        after = before.copy()
        r0, r1, c0, c1 = pit
        after[r0:r1, c0:c1] -= 40.0
        r0, r1, c0, c1 = dump
        after[r0:r1, c0:c1] += 25.0
        gt = (x0, CELL, 0, Y0, 0, -CELL)
        write_tif(dems / f"{mine}_采前.tif", before, gt, EPSG)
        write_tif(dems / f"{mine}_采后.tif", after, gt, EPSG)
        whole = box(x0, (0, SIZE, 0, SIZE))
        mines.append(
            (
                whole,
                (mine, NAMES[index % len(NAMES)], f"dem/{mine}_采前.tif",
                 f"dem/{mine}_采后.tif"),
            )
        )  # fmt: skip
        facilities += [(box(x0, pit), ("露天采场", mine)),
                       (box(x0, dump), ("排土场", mine))]  # fmt: skip
    if broken:
        x0 = origin(len(PITS))  # between the first three and the others
        (dems / "坏的.tif").write_text("not a raster", encoding="utf-8")
        values = (BROKEN_ID, "四号矿（坏）", "dem/M-001_采前.tif", "dem/坏的.tif")
        mines.append((box(x0, (0, SIZE, 0, SIZE)), values))
    gpkg = folder / "全县矿山.gpkg"
    source = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    text = ogr.OFTString
    add_layer(source, "矿山", EPSG, ogr.wkbPolygon,
              [("矿山编号", text), ("矿山名称", text), ("采前DEM", text), ("采后DEM", text)],
              mines)  # fmt: skip
    add_layer(source, "设施", EPSG, ogr.wkbPolygon, [("类型", text), ("矿山编号", text)],
              facilities)  # fmt: skip
    east = origin(count + 1) + 1000
    county = f"POLYGON(({X0 - 500} {Y0 - 1500},{east} {Y0 - 1500},{east} {Y0 + 500},{X0 - 500} {Y0 + 500},{X0 - 500} {Y0 - 1500}))"  # noqa: E501
    # Dry land in the north half of each mine's square, forest in the south.
    north = f"POLYGON(({X0 - 500} {Y0 - 500},{east} {Y0 - 500},{east} {Y0 + 500},{X0 - 500} {Y0 + 500},{X0 - 500} {Y0 - 500}))"  # noqa: E501
    south = f"POLYGON(({X0 - 500} {Y0 - 1500},{east} {Y0 - 1500},{east} {Y0 - 500},{X0 - 500} {Y0 - 500},{X0 - 500} {Y0 - 1500}))"  # noqa: E501
    add_layer(source, "地类", EPSG, ogr.wkbPolygon, [("DLBM", text)],
              [(north, ("0103",)), (south, ("0301",))])  # fmt: skip
    add_layer(source, "土壤", EPSG, ogr.wkbPolygon,
              [("有效土层厚度", ogr.OFTReal), ("pH值", ogr.OFTReal), ("质地", text)],
              [(county, (80.0, 7.0, "中壤土"))])  # fmt: skip
    source = None
    return gpkg


def plan_inputs(gpkg: Path) -> dict[str, object]:
    """planmany's inputs for the county (the plan's parameters shared by the mines)."""

    def layer(name: str) -> str:
        return f"{gpkg}|layername={name}"

    return {
        "MINES": layer("矿山"),
        "MINE_ID_FIELD": "矿山编号",
        "LAYER_MINE_FIELD": "矿山编号",  # the facilities are listed by mine
        "NAME_FIELD": "矿山名称",
        "DEM_BEFORE_FIELD": "采前DEM",
        "DEM_AFTER_FIELD": "采后DEM",
        "FACILITIES": layer("设施"),
        "FACILITY_TYPE_FIELD": "类型",
        "LANDUSE": layer("地类"),
        "LANDUSE_CODE_FIELD": "DLBM",
        "SOIL": layer("土壤"),
        "SOIL_FIELDS": "有效土层厚度=soil_thickness_cm;pH值=ph;质地=texture",
        "RULES": "cn-reclamation",
        "REPORTS": [0],
    }
