"""Damage classes on a raster grid from DEM change and subsidence evidence (GDAL, no QGIS).

All evidence rasters are aligned to one analysis grid (bilinear VRT warps when they
differ), read block by block, classified by :mod:`..core.disturbance`, graded by the rule
pack's degree rows (:func:`..core.rules.degree.grade_degree`, lenient: what empty limits
cannot grade stays undecided and is counted), and written as one packed class raster
(type × 10 + degree) ready for :func:`.polygonize.polygonize_classes`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
from osgeo import gdal

from ..core.disturbance import (
    EXCAVATION,
    LOWERED_OUTSIDE,
    NONE,
    OCCUPATION,
    SUBSIDENCE,
    class_code,
    classify_elevation_change,
    damage_indicators,
    ponding_depth,
)
from ..core.rules.degree import DisturbanceRules, grade_degree
from ..core.rules.vocabulary import DEGREE_UNDECIDED
from .polygonize import write_class_raster
from .raster import (
    RasterError,
    RasterGrid,
    aligned_to,
    gdal_exceptions,
    read_blocks,
    row_cell_areas_m2,
    write_raster,
)

Progress = Callable[[float], None]
IsCancelled = Callable[[], bool]

TYPE_OF_CLASS = {EXCAVATION: "excavation", SUBSIDENCE: "subsidence", OCCUPATION: "occupation"}


@dataclass(frozen=True)
class RasterEvidence:
    """Paths of the evidence rasters (any grid; aligned to the analysis grid on reading)."""

    change: str | None = None  # elevation change, after - before (m)
    subsidence: str | None = None  # subsidence depth, positive down (m)
    tilt: str | None = None  # additional tilt (mm/m)
    deformation: str | None = None  # horizontal deformation (mm/m)
    groundwater: str | None = None  # groundwater depth before mining (m)
    groundwater_value: float | None = None  # or one depth for the whole grid
    undermined: str | None = None  # byte mask on the grid, 1 = over workings
    facilities: str | None = None  # byte mask on the grid, 1 = under a mapped facility
    land_use: str | None = None  # byte raster on the grid: index into land_use_names
    land_use_names: tuple[str, ...] = ("any",)


@dataclass
class ClassRasterSummary:
    """What the class raster holds, for the log."""

    grid: RasterGrid
    ungraded: dict[str, int] = field(default_factory=dict)  # indicator -> cells
    undecided_cells: int = 0  # damaged cells whose degree nothing decided
    ponded_cells: int = 0
    # Lowered by at least the minimum change outside the influence zone (not damage).
    lowered_outside_m2: float = 0.0
    # Inside the influence zone, lowered by less than the minimum change (not damage).
    below_min_change_m2: float = 0.0


def _stack(evidence: RasterEvidence) -> dict[str, tuple[str, str]]:
    """Name -> (path, label) of the rasters present."""
    named = {
        "change": (evidence.change, "elevation change"),
        "subsidence": (evidence.subsidence, "subsidence raster"),
        "tilt": (evidence.tilt, "tilt raster"),
        "deformation": (evidence.deformation, "horizontal deformation raster"),
        "groundwater": (evidence.groundwater, "groundwater depth raster"),
        "undermined": (evidence.undermined, "undermined mask"),
        "facilities": (evidence.facilities, "facility mask"),
        "land_use": (evidence.land_use, "land-use raster"),
    }
    return {name: (path, label) for name, (path, label) in named.items() if path}


@contextlib.contextmanager
def _aligned_blocks(
    evidence: RasterEvidence, grid: RasterGrid, block_rows: int
) -> Iterator[Iterator[dict[str, np.ndarray]]]:
    """Blocks of every evidence raster on the grid, zipped: {name: array} per block."""
    with contextlib.ExitStack() as stack:
        readers = {}
        for name, (path, label) in _stack(evidence).items():
            aligned, band = stack.enter_context(aligned_to(path, grid, 1, label))
            readers[name] = read_blocks(aligned, band, block_rows=block_rows)

        def blocks() -> Iterator[dict[str, np.ndarray]]:
            names = list(readers)
            for parts in zip(*readers.values(), strict=True):
                block = {name: part.data for name, part in zip(names, parts, strict=True)}
                block["_row0"] = np.array(parts[0].row0)
                yield block

        yield blocks()


def _land_use_of(block: dict[str, np.ndarray], names: tuple[str, ...]) -> np.ndarray:
    if "land_use" not in block:
        return np.full(next(iter(block.values())).shape, "any", dtype=object)
    index = np.nan_to_num(block["land_use"], nan=0).astype(np.int64)
    return np.asarray(names, dtype=object)[np.clip(index, 0, len(names) - 1)]


def _classes(
    block: dict[str, np.ndarray],
    disturbance: DisturbanceRules,
    underground: bool,
    max_subsidence_m: float | None,
    groundwater_value: float | None,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Damage class per cell and the indicator arrays (NaN where they do not apply)."""
    shape = next(value for key, value in block.items() if key != "_row0").shape
    classes = np.zeros(shape, dtype=np.int8)
    indicators: dict[str, np.ndarray] = {}
    if "change" in block:
        undermined = block["undermined"] > 0.5 if "undermined" in block else None
        classes = classify_elevation_change(
            block["change"],
            undermined,
            disturbance.min_elevation_change_m.value,
            underground,
            max_subsidence_m,
        )
        indicators.update(damage_indicators(block["change"], classes))
    if "subsidence" in block:
        depth = block["subsidence"]
        threshold = disturbance.min_subsidence_m.value if disturbance.min_subsidence_m else 0.0
        # A predicted or measured basin sets the subsidence boundary, also where the DEM
        # difference put lowered ground outside the drawn zone.
        subsided = (np.nan_to_num(depth, nan=0.0) > threshold) & np.isin(
            classes, (NONE, SUBSIDENCE, LOWERED_OUTSIDE)
        )
        classes = np.where(subsided, SUBSIDENCE, classes).astype(np.int8)
        indicators["subsidence_m"] = np.where(classes == SUBSIDENCE, depth, np.nan)
        groundwater = block.get("groundwater")
        if groundwater is None and groundwater_value is not None:
            groundwater = np.full(shape, groundwater_value)
        if groundwater is not None:
            ponding = ponding_depth(depth, groundwater)
            indicators["ponding_m"] = np.where(
                (classes == SUBSIDENCE) & (ponding > 0), ponding, np.nan
            )
    for name, key in (("tilt", "tilt_mm_m"), ("deformation", "horizontal_deformation_mm_m")):
        if name in block:
            indicators[key] = np.where(classes == SUBSIDENCE, block[name], np.nan)
    return classes, indicators


# Which indicators grade which damage type.
_TYPE_INDICATORS = {
    "excavation": ("excavation_depth_m",),
    "occupation": ("dump_height_m",),
    "subsidence": ("subsidence_m", "tilt_mm_m", "horizontal_deformation_mm_m", "ponding_m"),
}


# Indicators the user supplies as rasters: the pack must grade them (never ignored silently).
_GIVEN_INDICATORS = ("tilt_mm_m", "horizontal_deformation_mm_m")


def _usable_indicators(
    disturbance: DisturbanceRules, damage_type: str, names: list[str]
) -> list[str]:
    """Indicators the pack grades this type by; derived ones it lacks are skipped."""
    if damage_type not in disturbance.types:
        raise RasterError(f"the rule pack has no damage-degree rules for {damage_type}")
    defined = disturbance.types[damage_type].indicators()
    for name in names:
        if name in _GIVEN_INDICATORS and name not in defined:
            raise RasterError(
                f"the rule pack defines no {name} limits for {damage_type}; it grades "
                f"{damage_type} by: {', '.join(defined) or 'nothing'}. Add the rows or leave "
                "that raster out"
            )
    return [name for name in names if name in defined]


def _codes(
    classes: np.ndarray,
    indicators: dict[str, np.ndarray],
    land_use: np.ndarray,
    disturbance: DisturbanceRules,
    summary: ClassRasterSummary,
) -> np.ndarray:
    codes = np.zeros(classes.shape, dtype=np.uint8)
    for class_value, damage_type in TYPE_OF_CLASS.items():
        mask = classes == class_value
        if not mask.any():
            continue
        names = [n for n in _TYPE_INDICATORS[damage_type] if n in indicators]
        usable = _usable_indicators(disturbance, damage_type, names)
        result = grade_degree(
            disturbance,
            damage_type,
            {name: indicators[name][mask] for name in usable},
            land_use[mask],
            strict=False,
        )
        for name, count in result.ungraded.items():
            summary.ungraded[name] = summary.ungraded.get(name, 0) + count
        degree = result.degree
        summary.undecided_cells += int(np.count_nonzero(degree == DEGREE_UNDECIDED))
        damaged = degree != 0  # degree 0: below the pack's damage threshold
        codes_of = class_code(class_value, degree, result.from_default)
        cell_codes = np.where(damaged, codes_of, 0)
        codes[mask] = cell_codes.astype(np.uint8)
    if "ponding_m" in indicators:
        summary.ponded_cells += int(np.count_nonzero(indicators["ponding_m"] > 0))
    return codes


def _count_left_out(
    block: dict[str, np.ndarray],
    classes: np.ndarray,
    disturbance: DisturbanceRules,
    grid: RasterGrid,
    row0: int,
    summary: ClassRasterSummary,
) -> None:
    """Add the areas the DEM difference leaves out to the summary: lowered ground
    outside the influence zone, and shallow lowering inside it."""
    if "change" not in block or "undermined" not in block:
        return
    areas = row_cell_areas_m2(grid, row0, classes.shape[0])[:, None]
    outside = classes == LOWERED_OUTSIDE
    if "facilities" in block:  # a mapped facility classifies its own ground
        outside &= ~(block["facilities"] > 0.5)
    summary.lowered_outside_m2 += float((areas * outside).sum())
    change = block["change"]
    with np.errstate(invalid="ignore"):
        shallow = (
            (block["undermined"] > 0.5)
            & (change < 0)
            & (change > -disturbance.min_elevation_change_m.value)
            & (classes == NONE)
        )
    summary.below_min_change_m2 += float((areas * shallow).sum())


def write_damage_classes(
    out_path: str,
    grid: RasterGrid,
    evidence: RasterEvidence,
    disturbance: DisturbanceRules,
    *,
    underground: bool = False,
    max_subsidence_m: float | None = None,
    block_rows: int = 256,
    progress: Progress | None = None,
    is_cancelled: IsCancelled | None = None,
) -> ClassRasterSummary:
    """Write the packed damage classes of the grid (0 = no damage) as a Byte GeoTIFF."""
    if evidence.change is None and evidence.subsidence is None:
        raise RasterError("no elevation change and no subsidence raster: nothing to classify")
    summary = ClassRasterSummary(grid)
    with _aligned_blocks(evidence, grid, block_rows) as blocks:

        def coded() -> Iterator[tuple[int, np.ndarray]]:
            for block in blocks:
                row0 = int(block.pop("_row0"))
                classes, indicators = _classes(
                    block, disturbance, underground, max_subsidence_m, evidence.groundwater_value
                )
                _count_left_out(block, classes, disturbance, grid, row0, summary)
                land_use = _land_use_of(block, evidence.land_use_names)
                yield row0, _codes(classes, indicators, land_use, disturbance, summary)

        write_class_raster(out_path, grid, coded(), progress=progress, is_cancelled=is_cancelled)
    return summary


def write_ponding(
    out_path: str,
    grid: RasterGrid,
    subsidence: str | None,
    change: str | None,
    groundwater: str | None,
    groundwater_value: float | None,
    block_rows: int = 256,
) -> None:
    """Standing water depth (m) on the grid: how far the new surface lies below the
    groundwater table of before mining — subsidence, or lowering by the DEM change (an
    excavated pit floor), minus the groundwater depth; 0 where dry, NaN where unknown."""
    evidence = RasterEvidence(subsidence=subsidence, change=change, groundwater=groundwater)
    with _aligned_blocks(evidence, grid, block_rows) as blocks:

        def depths() -> Iterator[tuple[int, np.ndarray]]:
            for block in blocks:
                shape = next(v.shape for k, v in block.items() if k != "_row0")
                level = block.get("groundwater")
                if level is None:
                    level = np.full(shape, groundwater_value)
                lowering = np.full(shape, np.nan)
                if "subsidence" in block:
                    lowering = block["subsidence"]
                if "change" in block:
                    lowering = np.fmax(lowering, -block["change"])
                depth = lowering - level
                yield int(block["_row0"]), np.where(np.isnan(depth), np.nan, np.maximum(depth, 0))

        out_grid = RasterGrid(grid.width, grid.height, grid.geotransform, grid.crs_wkt, None)
        write_raster(out_path, out_grid, depths())


def rasterize_onto(
    vector_path: str,
    layer: str,
    grid: RasterGrid,
    out_path: str,
    *,
    attribute: str | None = None,
) -> str:
    """Burn polygons onto the grid as a Byte GeoTIFF: 1 inside, or an integer attribute."""
    options = gdal.RasterizeOptions(
        format="GTiff",
        outputType=gdal.GDT_Byte,
        outputBounds=grid.extent,
        width=grid.width,
        height=grid.height,
        outputSRS=grid.crs_wkt,
        layers=[layer],
        burnValues=None if attribute else [1],
        attribute=attribute,
        initValues=[0],
        creationOptions=["TILED=YES", "COMPRESS=DEFLATE"],
    )
    with gdal_exceptions():
        try:
            dataset = gdal.Rasterize(out_path, vector_path, options=options)
            dataset = None  # noqa: F841 - closing completes the file
        except RuntimeError as error:
            raise RasterError(f"Cannot rasterize '{vector_path}': {error}") from error
    return out_path
