"""Units of measure in FIELD_MAP: a field may hold a factor in another unit.

``坡度=slope_deg:percent`` reads a slope in percent and converts it to degrees; a bare
``坡度=slope_deg`` means the factor's own unit (``rules.vocabulary.FACTORS``: degrees, cm,
g/kg …). The conversions are definitions (tan, metres to centimetres), not rules, so they
live here.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Conversion = Callable[[np.ndarray], np.ndarray]


def _identity(values: np.ndarray) -> np.ndarray:
    return values


CONVERSIONS: dict[str, dict[str, Conversion]] = {
    "slope_deg": {
        "degree": _identity,
        "percent": lambda v: np.degrees(np.arctan(v / 100.0)),
        "m_per_m": lambda v: np.degrees(np.arctan(v)),
    },
    "soil_thickness_cm": {"cm": _identity, "m": lambda v: v * 100.0},
    "ph": {"ph": _identity, "x10": lambda v: v / 10.0},
    "organic_matter_gkg": {"g_per_kg": _identity, "percent": lambda v: v * 10.0},
    "gravel_pct": {"percent": _identity, "fraction": lambda v: v * 100.0},
    "subsidence_m": {"m": _identity, "mm": lambda v: v / 1000.0, "cm": lambda v: v / 100.0},
    "ponding_m": {"m": _identity, "cm": lambda v: v / 100.0},
    "gw_depth_m": {"m": _identity, "cm": lambda v: v / 100.0},
    "dist_water_m": {"m": _identity, "km": lambda v: v * 1000.0},
}


class MeasureUnitError(ValueError):
    """A unit that the factor does not know."""


def split_unit(text: str) -> tuple[str, str | None]:
    """ "slope_deg:percent" -> ("slope_deg", "percent"); "slope_deg" -> ("slope_deg", None)."""
    factor, _, unit = text.strip().partition(":")
    return factor.strip(), (unit.strip().lower() or None) if unit else None


def convert(factor: str, unit: str | None, values: np.ndarray) -> np.ndarray:
    """Values in the factor's own unit."""
    if unit is None:
        return values
    known = CONVERSIONS.get(factor, {})
    if unit not in known:
        units = ", ".join(known) or "none (use the factor's own unit)"
        raise MeasureUnitError(f"{factor} cannot be read in “{unit}”; units: {units}")
    return known[unit](np.asarray(values, dtype=float))
