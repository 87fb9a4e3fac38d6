"""Damage type from evidence, per raster block: DEM difference, subsidence, class codes.

Everything here works on numpy arrays of any shape (a raster block, or a column of
units) and never loops over cells.

Elevation change (after - before, metres) is classified into:

- 0 ``none``: |change| < min_change_m, or NaN (no evidence);
- 1 ``excavation`` (挖损): lowered by at least min_change_m outside undermined ground;
- 2 ``subsidence`` (塌陷): lowered by at least min_change_m over underground workings;
- 3 ``occupation`` (压占): raised by at least min_change_m (dumps, gangue, tailings).

Which lowered ground is subsidence (in order):

1. A mining influence zone (``undermined`` mask: the 采动（沉陷）影响范围 rasterized on
   the grid, which reaches beyond the goaf by about H/tan β) is given: lowered cells inside
   it are subsidence. Lowered cells outside it are ``LOWERED_OUTSIDE``: not damage, but
   reported with their area, because they are either a zone drawn too small (the panels
   given instead of the zone: the basin margin) or pits that belong in the facilities
   layer. Lowering deeper than ``max_subsidence_m`` stays excavation everywhere.
2. No mask, ``underground=True`` (the user says the mine is underground): all lowering
   is subsidence. An underground mine rarely digs open pits, and a DEM difference alone
   cannot tell a gentle subsidence bowl from a pit floor cell by cell (a pit is told by
   its steep walls around a flat floor: a property of the patch, not of a cell). Pits
   of an underground mine come in through the facilities layer.
3. No mask, ``underground=False``: all lowering is excavation.

In cases 1 and 2, ``max_subsidence_m`` (optional) bounds subsidence depth: lowering
deeper than it is excavation. Physically the surface cannot subside more than the
extracted thickness (W0 = q·m·cos α with subsidence factor q < 1), so the total
thickness of the worked seams is a sound value for it.

A damaged cell's (type, degree) pair is packed into one small integer for
polygonizing: ``code = type_code * 10 + degree`` with type codes 1 excavation,
2 subsidence, 3 occupation, 4 pollution (DAMAGE_TYPES order) and degree 0..3, or 9 when
the degree could not be decided; 0 is no damage. Codes fit in a byte (0..49).
"""

from __future__ import annotations

import numpy as np

from .rules.vocabulary import DAMAGE_TYPES, DEGREE_UNDECIDED, DEGREES, NO_DAMAGE

# Elevation-change classes; they equal the type codes of the packed class code.
NONE = 0
EXCAVATION = 1
SUBSIDENCE = 2
OCCUPATION = 3
# Lowered outside the influence zone: no damage class, reported (see the module docstring).
LOWERED_OUTSIDE = 4

# Type code -> damage type name (the public field `dist_type`); 0 is "none".
TYPE_CODES: dict[str, int] = {name: index + 1 for index, name in enumerate(DAMAGE_TYPES)}
TYPE_NAMES: dict[int, str] = {NONE: NO_DAMAGE, **{code: name for name, code in TYPE_CODES.items()}}

CODE_BASE = 10  # code = type_code * CODE_BASE + degree slot
UNDECIDED_SLOT = 9  # degree slot of DEGREE_UNDECIDED in a packed code
DEFAULT_OFFSET = 4  # slot of a degree that is the type's default, not assessed: 4 + degree
MAX_CODE = max(TYPE_CODES.values()) * CODE_BASE + UNDECIDED_SLOT

__all__ = [
    "CODE_BASE",
    "EXCAVATION",
    "LOWERED_OUTSIDE",
    "MAX_CODE",
    "NONE",
    "OCCUPATION",
    "SUBSIDENCE",
    "TYPE_CODES",
    "TYPE_NAMES",
    "UNDECIDED_SLOT",
    "class_code",
    "classify_elevation_change",
    "damage_indicators",
    "decode",
    "decode_with_basis",
    "ponding_depth",
    "type_names",
]


def classify_elevation_change(
    change_m: np.ndarray,
    undermined: np.ndarray | None = None,
    min_change_m: float = 1.0,
    underground: bool = False,
    max_subsidence_m: float | None = None,
) -> np.ndarray:
    """Class per cell (int8): 0 none, 1 excavation, 2 subsidence, 3 occupation, 4 lowered
    outside the influence zone (only with a mask).

    ``change_m``: after - before in metres, NaN = no data. ``undermined``: bool mask of
    the same shape (True over underground workings) or None. A change exactly equal to
    ±min_change_m counts as change. See the module docstring for the rules.
    """
    change = np.asarray(change_m, dtype=np.float64)
    if not (np.isfinite(min_change_m) and min_change_m > 0):
        raise ValueError(f"min_change_m must be a positive number, got {min_change_m}")
    if max_subsidence_m is not None and not max_subsidence_m > 0:
        raise ValueError(f"max_subsidence_m must be positive, got {max_subsidence_m}")
    with np.errstate(invalid="ignore"):  # NaN compares False: no evidence, no class
        lowered = change <= -min_change_m
        raised = change >= min_change_m
        over_workings = _over_workings(change, undermined, underground)
        too_deep = (
            change < -max_subsidence_m
            if max_subsidence_m is not None
            else np.zeros(change.shape, dtype=bool)
        )
        over_workings &= ~too_deep
    classes = np.zeros(change.shape, dtype=np.int8)
    classes[lowered] = EXCAVATION
    if undermined is not None:
        classes[lowered & ~over_workings & ~too_deep] = LOWERED_OUTSIDE
    classes[lowered & over_workings] = SUBSIDENCE
    classes[raised] = OCCUPATION
    return classes


def _over_workings(
    change: np.ndarray, undermined: np.ndarray | None, underground: bool
) -> np.ndarray:
    """Where lowering counts as subsidence (before the depth bound)."""
    if undermined is None:
        return np.full(change.shape, bool(underground))
    mask = np.asarray(undermined, dtype=bool)
    if mask.shape != change.shape:
        raise ValueError(
            f"the undermined mask has shape {mask.shape}, the elevation change {change.shape}"
        )
    return mask.copy()


def damage_indicators(change_m: np.ndarray, classes: np.ndarray) -> dict[str, np.ndarray]:
    """Degree indicators (DAMAGE_INDICATORS names) implied by the change of each class.

    ``excavation_depth_m`` and ``subsidence_m`` are the lowering (positive metres) where
    the class is excavation or subsidence, ``dump_height_m`` the raise where it is
    occupation; NaN elsewhere, so each feeds ``grade_degree`` for its own type only.
    """
    change = np.asarray(change_m, dtype=np.float64)
    classes = np.asarray(classes)
    return {
        "excavation_depth_m": np.where(classes == EXCAVATION, -change, np.nan),
        "subsidence_m": np.where(classes == SUBSIDENCE, -change, np.nan),
        "dump_height_m": np.where(classes == OCCUPATION, change, np.nan),
    }


def class_code(
    type_code: np.ndarray | int,
    degree: np.ndarray | int,
    from_default: np.ndarray | bool = False,
) -> np.ndarray:
    """Pack (type code, degree) into ``type_code * 10 + degree`` (uint8; 0 = no damage).

    ``type_code``: 0 none or 1..4 (TYPE_CODES). ``degree``: 0..3, or DEGREE_UNDECIDED
    (-1), packed as 9. A degree that is the type's default (``from_default``), not assessed
    from an indicator, is packed as 4 + degree. Cells of type 0 get code 0.
    """
    types = np.asarray(type_code)
    degrees = np.asarray(degree)
    _check_values("type code", types, (NONE, *TYPE_CODES.values()))
    _check_values("degree", degrees, (*DEGREES, DEGREE_UNDECIDED))
    default = np.asarray(from_default, dtype=bool) & (degrees > 0)
    slot = np.where(degrees == DEGREE_UNDECIDED, UNDECIDED_SLOT, degrees)
    slot = np.where(default, DEFAULT_OFFSET + degrees, slot)
    return np.where(types == NONE, 0, types * CODE_BASE + slot).astype(np.uint8)


def decode(code: np.ndarray | int) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`class_code`: (type code int8, degree int8; -1 = undecided)."""
    types, degrees, _ = decode_with_basis(code)
    return types, degrees


def decode_with_basis(code: np.ndarray | int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(type code int8, degree int8 with -1 undecided, bool: the degree is a default)."""
    codes = np.asarray(code).astype(np.int16)
    types = codes // CODE_BASE
    slots = codes % CODE_BASE
    default = (slots > DEFAULT_OFFSET) & (slots <= DEFAULT_OFFSET + max(DEGREES))
    known_slot = (slots <= max(DEGREES)) | (slots == UNDECIDED_SLOT) | default
    valid = (codes == 0) | ((types >= 1) & (types <= len(TYPE_CODES)) & known_slot)
    if not np.all(valid):
        bad = sorted({int(value) for value in codes[~valid].ravel()[:10]})
        raise ValueError(f"not damage class codes: {bad}")
    degrees = np.where(slots == UNDECIDED_SLOT, DEGREE_UNDECIDED, slots)
    degrees = np.where(default, slots - DEFAULT_OFFSET, degrees)
    return types.astype(np.int8), degrees.astype(np.int8), default


def type_names(type_code: np.ndarray | int) -> np.ndarray:
    """Damage type names (``dist_type`` values) of type codes, as an object array."""
    lookup = np.array([TYPE_NAMES[code] for code in range(len(TYPE_NAMES))], dtype=object)
    return lookup[np.asarray(type_code, dtype=np.intp)]


def _check_values(what: str, values: np.ndarray, allowed: tuple[int, ...]) -> None:
    unknown = np.setdiff1d(np.unique(values), np.asarray(allowed))
    if unknown.size:
        raise ValueError(
            f"unknown {what}(s) {unknown[:10].tolist()}; allowed: {sorted(set(allowed))}"
        )


def ponding_depth(subsidence_m: np.ndarray, gw_depth_m: np.ndarray | float) -> np.ndarray:
    """Standing water depth after subsidence (m): ``subsidence - groundwater depth``, or 0.

    Both in metres, subsidence positive downwards, ``gw_depth_m`` the phreatic depth
    below the surface before subsidence (the new surface
    z_before - W lies below the water table z_before - d_gw exactly when W > d_gw).
    NaN where either input is NaN: no evidence is not "dry".
    """
    subsidence = np.asarray(subsidence_m, dtype=np.float64)
    groundwater = np.asarray(gw_depth_m, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        depth = np.maximum(subsidence - groundwater, 0.0)
    return np.where(np.isnan(subsidence) | np.isnan(groundwater), np.nan, depth)
