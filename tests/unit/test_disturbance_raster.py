"""Damage classes on a grid from constructed DEM changes and subsidence rasters."""

from __future__ import annotations

import json

import numpy as np
import pytest

from plugin.core.disturbance import decode
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.vocabulary import DEGREE_UNDECIDED
from plugin.io.disturbance_raster import RasterEvidence, write_damage_classes
from plugin.io.raster import RasterError, open_grid
from tests.rasters import read_tif, write_tif
from tests.unit.rules_helpers import RULES_DIR

CELL = 5.0
GT = (500000.0, CELL, 0.0, 4000000.0, 0.0, -CELL)


def _pack(**limits):
    """cn-reclamation with full (test) limits for the indicators given."""
    document = json.loads((RULES_DIR / "cn-reclamation.json").read_text(encoding="utf-8"))
    types = document["disturbance"]["types"]
    for indicator, (damage_type, values) in limits.items():
        types[damage_type]["indicators"] = [
            {"indicator": indicator, "land_use": "any", "limits": values}
            | {"source": "Plugin-default", "status": "unverified", "note": "test"}
        ]
    return parse_pack(document, "test").disturbance


def _change_field():
    """A 100 × 100 grid: a 20 × 20 pit 15 m deep, a 10 × 30 dump 8 m high, a bowl."""
    change = np.zeros((100, 100))
    change[10:30, 10:30] = -15.0  # pit
    change[60:70, 10:40] = 8.0  # dump
    rows, cols = np.mgrid[0:100, 0:100]
    distance = np.hypot(rows - 70, cols - 75)
    change += np.where(distance < 20, -3.0 * np.cos(distance / 20 * np.pi / 2) ** 2, 0.0)
    return change, distance


def test_pit_dump_and_bowl_footprints_and_degrees(tmp_path):
    change, distance = _change_field()
    change_path = write_tif(tmp_path / "变化.tif", change, GT, 4547)
    undermined = (distance < 25).astype(float)
    mask_path = write_tif(tmp_path / "mask.tif", undermined, GT, 4547)
    disturbance = _pack(
        excavation_depth_m=("excavation", [0, 5, 10]),
        dump_height_m=("occupation", [0, 5, 10]),
        subsidence_m=("subsidence", [0.5, 1.5, 2.5]),
    )
    evidence = RasterEvidence(change=str(change_path), undermined=str(mask_path))
    grid = open_grid(str(change_path))
    # The pit lies outside the influence zone: lowered ground, reported, not classified.
    zoned = write_damage_classes(str(tmp_path / "zoned.tif"), grid, evidence, disturbance)
    assert (
        np.count_nonzero(decode(read_tif(tmp_path / "zoned.tif")[0].astype(np.uint8))[0] == 1) == 0
    )
    assert zoned.lowered_outside_m2 == pytest.approx(400 * abs(GT[1] * GT[5]))
    # 15 m is deeper than the worked seams (5 m): excavation wherever it lies.
    out = tmp_path / "classes.tif"
    summary = write_damage_classes(
        str(out), grid, evidence, disturbance, max_subsidence_m=5.0, block_rows=7
    )
    codes, _ = read_tif(out)
    types, degrees = decode(codes.astype(np.uint8))
    # Pit: 400 cells lowered 15 m (> 10: severe); dump: 300 cells raised 8 m (5-10: moderate).
    assert summary.lowered_outside_m2 == 0
    assert np.count_nonzero(types == 1) == 400
    assert set(degrees[types == 1].tolist()) == {3}
    assert np.count_nonzero(types == 3) == 300
    assert set(degrees[types == 3].tolist()) == {2}
    # Bowl: lowered >= 1 m (the pack's minimum change) where 3·cos²(d/20·π/2) >= 1.
    expected = distance < 20 * (2 / np.pi) * np.arccos(np.sqrt(1 / 3))
    assert np.count_nonzero(types == 2) == pytest.approx(np.count_nonzero(expected), rel=0.02)
    bowl = degrees[types == 2]
    assert set(bowl.tolist()) <= {1, 2, 3}
    centre = decode(np.uint8(codes[70, 75]))
    assert (int(centre[0]), int(centre[1])) == (2, 3)  # 3 m deep > 2.5 m: severe
    assert summary.undecided_cells == 0


def test_builtin_pack_uses_defaults_and_reports_what_it_could_not_grade(tmp_path):
    change, _ = _change_field()
    change_path = write_tif(tmp_path / "change.tif", change, GT, 4547)
    out = tmp_path / "classes.tif"
    summary = write_damage_classes(
        str(out),
        open_grid(str(change_path)),
        RasterEvidence(change=str(change_path)),
        parse_pack(
            json.loads((RULES_DIR / "cn-reclamation.json").read_text(encoding="utf-8")), "cn"
        ).disturbance,
        underground=True,
    )
    types, degrees = decode(read_tif(out)[0].astype(np.uint8))
    # Underground mode without a mask: all lowering is subsidence; the TD/T 1031.3 limits
    # are empty and subsidence has no default: undecided. Dumps take the default 3.
    assert set(degrees[types == 3].tolist()) == {3}
    assert set(degrees[types == 2].tolist()) == {DEGREE_UNDECIDED}
    assert summary.ungraded["subsidence_m"] == np.count_nonzero(types == 2)


def test_subsidence_raster_with_groundwater_grades_ponding(tmp_path):
    rows, cols = np.mgrid[0:60, 0:60]
    depth = 2.0 * np.exp(-((rows - 30) ** 2 + (cols - 30) ** 2) / 200.0)
    subsidence = write_tif(tmp_path / "W.tif", depth, GT, 4547)
    disturbance = _pack(ponding_m=("subsidence", [0, 0.3, 0.6]))
    out = tmp_path / "classes.tif"
    summary = write_damage_classes(
        str(out),
        open_grid(str(subsidence)),
        RasterEvidence(subsidence=str(subsidence), groundwater_value=1.5),
        disturbance,
    )
    types, degrees = decode(read_tif(out)[0].astype(np.uint8))
    ponded = depth - 1.5
    assert summary.ponded_cells == np.count_nonzero(ponded > 0)
    assert np.all(degrees[ponded > 0.6] == 3)
    # Subsided but dry (W > 10 mm, W <= 1.5 m): no ponding value, no default -> undecided.
    dry = (depth > 0.01) & (ponded <= 0)
    assert np.all(degrees[dry] == DEGREE_UNDECIDED)
    assert np.all(types[depth <= 0.01] == 0)


def test_a_tilt_raster_the_pack_cannot_grade_is_refused(tmp_path):
    depth = np.full((10, 10), 1.0)
    subsidence = write_tif(tmp_path / "W.tif", depth, GT, 4547)
    tilt = write_tif(tmp_path / "tilt.tif", depth * 5, GT, 4547)
    disturbance = _pack(subsidence_m=("subsidence", [0.5, 1.5, 2.5]))
    with pytest.raises(RasterError, match="no tilt_mm_m limits for subsidence"):
        write_damage_classes(
            str(tmp_path / "c.tif"),
            open_grid(str(subsidence)),
            RasterEvidence(subsidence=str(subsidence), tilt=str(tilt)),
            disturbance,
        )
    assert not (tmp_path / "c.tif").exists()
