"""FIELD_MAP units of measure: slope in percent or m/m, pH × 10, thickness in metres."""

import numpy as np
import pytest

from plugin.core.measure_units import MeasureUnitError, convert, split_unit


def test_split():
    assert split_unit("slope_deg:percent") == ("slope_deg", "percent")
    assert split_unit(" slope_deg ") == ("slope_deg", None)


def test_slopes_become_degrees():
    # 10 % is atan(0.1) = 5.7106° (the plane of the terrain tests); 1 m/m is 45°.
    assert convert("slope_deg", "percent", np.array([10.0]))[0] == pytest.approx(5.7106, abs=1e-4)
    assert convert("slope_deg", "m_per_m", np.array([1.0, 0.35]))[0] == pytest.approx(45.0)
    assert convert("slope_deg", None, np.array([7.0]))[0] == 7.0


def test_other_units():
    assert convert("ph", "x10", np.array([79.0]))[0] == pytest.approx(7.9)
    assert convert("soil_thickness_cm", "m", np.array([0.5]))[0] == pytest.approx(50.0)


def test_an_unknown_unit_names_the_known_ones():
    with pytest.raises(MeasureUnitError, match="percent, m_per_m"):
        convert("slope_deg", "gradians", np.array([1.0]))
