"""Figures of a predicted subsidence basin, against hand counts."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.prediction_table import prediction_table
from plugin.io.prediction_stats import prediction_statistics
from tests.rasters import write_tif

GT = (500000.0, 10.0, 0.0, 4000000.0, 0.0, -10.0)  # 10 m cells, EPSG:4547 (metres)


def test_maximum_and_basin_area(tmp_path):
    subsidence = np.zeros((20, 30))
    subsidence[5:10, 5:15] = 0.5  # 50 cells in the basin
    subsidence[7, 7] = 2.25  # W_max
    subsidence[0, 0] = 0.0099  # just below 10 mm: outside
    subsidence[0, 1] = 0.01  # on the boundary: inside
    tilt = np.zeros((20, 30))
    tilt[3, 3] = -7.5  # the largest magnitude is negative
    tilt[4, 4] = 6.0
    paths = [
        write_tif(tmp_path / f"{name}.tif", values, GT, 4547)
        for name, values in (("w", subsidence), ("i", tilt))
    ]
    stats = prediction_statistics(str(paths[0]), str(paths[1]), None, 0.01)
    assert stats.max_subsidence_m == pytest.approx(2.25)
    assert stats.max_tilt_mm_m == pytest.approx(7.5)
    assert stats.max_deformation_mm_m is None
    assert stats.basin_area_m2 == pytest.approx(51 * 100.0)
    table = prediction_table(2.25, 7.5, None, 5100.0, 0.01, "zh")
    rows = {r["item"]: r for r in table.dicts()}
    assert rows["max_subsidence"]["item_name"] == "最大下沉值 W_max"
    assert rows["basin_area"]["item_name"] == "下沉盆地面积（下沉 ≥ 10 mm）"
    assert rows["basin_area"]["area_hm2"] == pytest.approx(0.51)
    assert "max_deformation" not in rows


def test_no_boundary_no_basin_area(tmp_path):
    path = write_tif(tmp_path / "w.tif", np.ones((4, 4)), GT, 4547)
    stats = prediction_statistics(str(path), None, None, None)
    assert stats.basin_area_m2 is None
    assert [r["item"] for r in prediction_table(1.0, None, None, None, None, "en").dicts()] == [
        "max_subsidence"
    ]
