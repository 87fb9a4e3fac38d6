"""Area accounting of a reclamation plan: the tables of ``reclamation:summarizeplan``.

Input is a flat overlay: the pieces of the study area cut by every input layer
(disturbance × suitability units × current land use), each with its ellipsoidal area and
the attributes of the layers it lies in, plus the per-unit attributes of the suitability
units. From those, plain Python and numpy build:

1. ``damage_by_type``: damaged area by type × degree × land use before damage;
2. ``suitability_by_grade``: unit area by use × grade (1, 2, 3, N, not evaluated);
3. ``proposed_by_use``: unit area by proposed use with its GB/T 21010 code;
4. ``landuse_structure``: the land-use structure adjustment table (土地利用结构调整表),
   area by GB/T 21010 first-level class before and after reclamation, change and share;
5. ``reclamation_rate``: reclaimed / damaged area (复垦率) and the cultivated-land balance;

and a closure check per table: its parts against a reference total measured on the
dissolved geometry (an overlap in an input layer makes the parts exceed the total).

Rounding: m² unrounded; hm² and 亩 (1 hm² = 15 亩) rounded to 4 decimals from the
unrounded m²; totals are sums of unrounded parts, so rounded rows may differ from the
rounded total in the last decimal.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .labels import DAMAGE_TYPE_NAMES, in_language
from .rules.landuse_codes import LAND_USE_CODES
from .rules.vocabulary import (
    DAMAGE_TYPES,
    DEGREE_LABELS,
    EVALUATED_USES,
    GRADE_N,
    NOT_EVALUATED,
    RESTORE_USE,
)
from .suitability import GRADE_WORDS, HM2_PER_M2, MU_PER_HM2, USE_LABELS

CLOSURE_TOLERANCE = 1e-4  # 0.01 % of the reference total
DECIMALS = 4

# GB/T 21010-2017 first-level classes (一级类), and 三调's 20 城镇村及工矿用地.
FIRST_LEVEL_CLASSES: dict[str, tuple[str, str]] = {
    "01": ("耕地", "Cultivated land"),
    "02": ("园地", "Garden land"),
    "03": ("林地", "Forest land"),
    "04": ("草地", "Grassland"),
    "05": ("商服用地", "Commercial land"),
    "06": ("工矿仓储用地", "Industrial, mining and storage land"),
    "07": ("住宅用地", "Residential land"),
    "08": ("公共管理与公共服务用地", "Public administration and service land"),
    "09": ("特殊用地", "Special-use land"),
    "10": ("交通运输用地", "Transport land"),
    "11": ("水域及水利设施用地", "Water and water-conservancy land"),
    "12": ("其他土地", "Other land"),
}
TOWN_CLASS = "20"
TOWN_CLASS_NAME = ("城镇村及工矿用地", "Urban, village and industrial-mining land")
CULTIVATED_CLASS = "01"

UNDECIDED_DEGREE = -1
UNDECIDED_NAME = ("程度未定", "degree undecided")
DEFAULT_DEGREE_NOTE = ("（规则包默认值，未核实）", " (rule-pack default, not verified)")
UNKNOWN_NAME = ("未知/未评价", "Unknown / not evaluated")
NOT_RECLAIMED_NAME = ("损毁未复垦（保持现状）", "Damaged, not reclaimed (kept as is)")
TOTAL_NAME = ("合计", "Total")
KEEP_USES = ("keep",)  # evaluated, nothing suits: not reclaimed
NOT_EVALUATED_USE = ""
PROPOSED_ORDER = (*EVALUATED_USES, "construction", RESTORE_USE, "keep", NOT_EVALUATED_USE)

# Row kinds: what a row is, so that a reader can sum the parts without the totals.
ITEM, DETAIL, UNKNOWN, NOT_RECLAIMED, TOTAL, RATE, BALANCE = (
    "item",
    "detail",
    "unknown",
    "not_reclaimed",
    "total",
    "rate",
    "balance",
)
PART_KINDS = (ITEM, UNKNOWN, NOT_RECLAIMED)


def degree_name(degree: int | None, basis: str | None, language: str) -> str:
    """轻度/中度/重度 (light …) or 程度未定, with the note when the degree is the rule pack's
    default ("重度（规则包默认值，未核实）")."""
    if degree is None or degree not in DEGREE_LABELS:
        return in_language(UNDECIDED_NAME, language)
    name = in_language(DEGREE_LABELS[degree], language)
    return name + in_language(DEFAULT_DEGREE_NOTE, language) if basis == "default" else name


def hm2(area_m2: float) -> float:
    return round(area_m2 * HM2_PER_M2, DECIMALS)


def mu(area_m2: float) -> float:
    return round(area_m2 * HM2_PER_M2 * MU_PER_HM2, DECIMALS)


def _pct(part: float, whole: float) -> float | None:
    return round(100.0 * part / whole, DECIMALS) if whole > 0 else None


# --- codes -----------------------------------------------------------------------------


def normalise_code(value: object) -> str:
    """A GB/T 21010 code as text: NULL -> "", 103 (a number) -> "0103", "1104a" -> "1104A".

    A number lost its leading zero in a numeric field, so it is padded to four digits. A
    three-digit text is padded too unless it starts with 20 (三调's 201-205 城镇村 codes).
    """
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value)).zfill(4)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value) or value != int(value):
            return str(value)
        return str(int(value)).zfill(4)
    text = str(value).strip().upper()
    if len(text) == 3 and text.isdigit() and not text.startswith("20"):
        return text.zfill(4)
    return text


def first_level(code: str) -> str:
    """The first-level class of a code ("0103" -> "01", "1104A" -> "11", "203" -> "20");
    "" when the code is not a GB/T 21010 / 三调 code."""
    if len(code) >= 4 and code[:4].isdigit() and code[:2] in FIRST_LEVEL_CLASSES:
        return code[:2]
    if len(code) >= 3 and code[:3].isdigit() and code.startswith("20") and len(code) <= 4:
        return TOWN_CLASS
    return ""


def class_name(code: str, language: str) -> str:
    if code == TOWN_CLASS:
        return in_language(TOWN_CLASS_NAME, language)
    return in_language(FIRST_LEVEL_CLASSES[code], language) if code in FIRST_LEVEL_CLASSES else ""


def code_name(code: str, language: str) -> str:
    """Name of a second-level code ("" when unknown)."""
    return in_language(LAND_USE_CODES[code], language) if code in LAND_USE_CODES else ""


# --- inputs ----------------------------------------------------------------------------


@dataclass
class Overlay:
    """The pieces of the overlay, one entry per piece (arrays of equal length).

    ``unit`` is the 1-based index of the suitability unit the piece lies in (0: none);
    ``in_study`` marks the pieces of the study area (the scope of the structure table).
    Strings: "" for NULL. ``dist_degree``: ``UNDECIDED_DEGREE`` for NULL.
    """

    area_m2: np.ndarray
    damaged: np.ndarray
    dist_type: np.ndarray
    dist_degree: np.ndarray
    dlbm_before: np.ndarray
    landuse: np.ndarray
    unit: np.ndarray
    in_study: np.ndarray
    # How the degree was decided: "assessed", "default" (the pack's), "undecided", "".
    degree_basis: np.ndarray | None = None
    # The owner of the land (权属单位, from the land-use layer), "" when unknown.
    owner: np.ndarray | None = None

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]]) -> Overlay:
        """Build from dicts (keys as the fields; missing keys take the empty value)."""

        def column(key: str, default: object, dtype: Any) -> np.ndarray:
            return np.array([row.get(key, default) for row in rows], dtype=dtype)

        return cls(
            area_m2=column("area_m2", 0.0, np.float64),
            damaged=column("damaged", False, bool),
            dist_type=np.array([str(r.get("dist_type") or "") for r in rows], dtype=object),
            dist_degree=np.array(
                [
                    UNDECIDED_DEGREE if r.get("dist_degree") is None else int(r["dist_degree"])
                    for r in rows
                ],
                dtype=np.int64,
            ),
            dlbm_before=np.array([normalise_code(r.get("dlbm_before")) for r in rows], object),
            landuse=np.array([normalise_code(r.get("landuse")) for r in rows], dtype=object),
            unit=column("unit", 0, np.int64),
            in_study=column("in_study", True, bool),
            degree_basis=np.array([str(r.get("degree_basis") or "") for r in rows], object),
            owner=np.array([str(r.get("owner") or "") for r in rows], object),
        )

    def __post_init__(self) -> None:
        self.area_m2 = np.nan_to_num(np.asarray(self.area_m2, dtype=np.float64))
        self.damaged = np.asarray(self.damaged, dtype=bool)
        self.unit = np.asarray(self.unit, dtype=np.int64)
        self.in_study = np.asarray(self.in_study, dtype=bool)
        self.dist_degree = np.asarray(self.dist_degree, dtype=np.int64)
        if self.degree_basis is None:
            self.degree_basis = np.full(self.area_m2.shape[0], "", dtype=object)
        if self.owner is None:
            self.owner = np.full(self.area_m2.shape[0], "", dtype=object)
        for name in ("dist_type", "dlbm_before", "landuse", "degree_basis", "owner"):
            setattr(self, name, np.asarray(getattr(self, name), dtype=object))

    @property
    def count(self) -> int:
        return int(self.area_m2.shape[0])


@dataclass
class Units:
    """Per suitability unit (index i = unit i + 1): grades per use, proposed use, code."""

    grades: dict[str, np.ndarray]
    use_proposed: np.ndarray
    dlbm: np.ndarray
    # The limiting factors of the proposed use ("slope_deg,ph"; "" when none or unknown).
    limits: np.ndarray | None = None
    # The units' own numbers (unit_id), as printed on maps and in lists.
    ids: np.ndarray | None = None
    # What each unit is, for the appendix of units: damage type and degree, land use
    # before damage, the measures of its proposed use ("" / -1 when unknown).
    dist_type: np.ndarray | None = None
    dist_degree: np.ndarray | None = None
    dlbm_before: np.ndarray | None = None
    measures: np.ndarray | None = None

    def __post_init__(self) -> None:
        self.use_proposed = np.array([str(u or "") for u in self.use_proposed], dtype=object)
        count = self.use_proposed.shape[0]
        raw = [""] * count if self.limits is None else list(self.limits)
        self.limits = np.array([str(v or "") for v in raw], dtype=object)
        self.dlbm = np.array([normalise_code(c) for c in self.dlbm], dtype=object)
        self.grades = {
            use: np.nan_to_num(np.asarray(g, dtype=np.float64), nan=NOT_EVALUATED).astype(np.int64)
            for use, g in self.grades.items()
        }

    @property
    def count(self) -> int:
        return int(self.use_proposed.shape[0])


@dataclass(frozen=True)
class Totals:
    """Reference totals measured on dissolved geometry (m²), for the closure checks."""

    study_m2: float
    damaged_m2: float
    units_m2: float


# --- outputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "str", "int" or "float"


@dataclass
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: list[tuple] = field(default_factory=list)

    def add(self, **values: Any) -> None:
        unknown = set(values) - {c.name for c in self.columns}
        if unknown:
            raise KeyError(f"{self.name}: no column {sorted(unknown)}")
        self.rows.append(tuple(values.get(c.name) for c in self.columns))

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def dicts(self) -> list[dict[str, Any]]:
        names = self.column_names()
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def where(self, **match: Any) -> list[dict[str, Any]]:
        return [r for r in self.dicts() if all(r[k] == v for k, v in match.items())]


def _columns(spec: str) -> tuple[Column, ...]:
    """'name:kind name:kind …' -> columns."""
    return tuple(Column(*item.split(":")) for item in spec.split())


AREA_COLUMNS = "area_m2:float area_hm2:float area_mu:float"
DAMAGE_COLUMNS = _columns(
    "row_kind:str dist_type:str type_name:str dist_degree:int degree_name:str "
    f"dlbm_before:str dlmc_before:str {AREA_COLUMNS} share_pct:float"
)
GRADE_COLUMNS = _columns(
    f"row_kind:str use:str use_name:str grade:int grade_name:str units:int {AREA_COLUMNS} "
    "share_pct:float"
)
PROPOSED_COLUMNS = _columns(
    f"row_kind:str use_proposed:str use_name:str dlbm:str dlmc:str units:int {AREA_COLUMNS} "
    "share_pct:float"
)
STRUCTURE_COLUMNS = _columns(
    "row_kind:str class_code:str class_name:str before_m2:float before_hm2:float "
    "before_mu:float before_pct:float after_m2:float after_hm2:float after_mu:float "
    "after_pct:float change_m2:float change_hm2:float change_mu:float"
)
RATE_COLUMNS = _columns(f"row_kind:str item:str item_name:str {AREA_COLUMNS} percent:float")
CLOSURE_COLUMNS = _columns(
    "table_name:str part:str parts_m2:float total_m2:float difference_m2:float "
    "difference_pct:float ok:int reason:str explanation:str"
)


def _areas(area_m2: float) -> dict[str, float]:
    return {"area_m2": float(area_m2), "area_hm2": hm2(area_m2), "area_mu": mu(area_m2)}


@dataclass(frozen=True)
class Closure:
    """Parts of a table against the reference total."""

    table: str
    part: str
    parts_m2: float
    total_m2: float

    @property
    def difference_m2(self) -> float:
        return self.parts_m2 - self.total_m2

    @property
    def relative(self) -> float:
        if self.total_m2 > 0:
            return abs(self.difference_m2) / self.total_m2
        return 0.0 if abs(self.parts_m2) < 1e-9 else math.inf

    @property
    def ok(self) -> bool:
        return self.relative <= CLOSURE_TOLERANCE

    @property
    def reason(self) -> str:
        """ "" when it closes; "overlap" when parts exceed the total, else "gap"."""
        if self.ok:
            return ""
        return "overlap" if self.difference_m2 > 0 else "gap"


@dataclass
class Summary:
    tables: dict[str, Table]
    closures: list[Closure]
    damaged_m2: float
    reclaimed_m2: float
    cultivated_before_m2: float
    cultivated_after_m2: float
    # Damaged area whose degree is undecided, or the rule pack's default (not assessed).
    undecided_m2: float = 0.0
    default_m2: float = 0.0

    @property
    def reclamation_rate(self) -> float | None:
        """Reclaimed / damaged (0-1); None without damaged land."""
        return self.reclaimed_m2 / self.damaged_m2 if self.damaged_m2 > 0 else None

    @property
    def closes(self) -> bool:
        return all(c.ok for c in self.closures)


# --- the tables ------------------------------------------------------------------------


def _grouped(keys: Iterable[tuple], area: np.ndarray) -> dict[tuple, float]:
    sums: dict[tuple, float] = {}
    for key, value in zip(keys, area.tolist(), strict=True):
        sums[key] = sums.get(key, 0.0) + value
    return sums


def damage_table(overlay: Overlay, language: str) -> Table:
    table = Table("damage_by_type", DAMAGE_COLUMNS)
    mask = overlay.damaged
    area = overlay.area_m2[mask]
    keys = zip(
        overlay.dist_type[mask].tolist(),
        overlay.dist_degree[mask].tolist(),
        overlay.degree_basis[mask].tolist(),
        overlay.dlbm_before[mask].tolist(),
        strict=True,
    )
    sums = _grouped(keys, area)
    total = float(area.sum())
    known = {k: v for k, v in sums.items() if k[0] in DAMAGE_TYPES}
    unknown = sum(v for k, v in sums.items() if k[0] not in DAMAGE_TYPES)

    def order(key: tuple) -> tuple:
        damage_type, degree, basis, before = key
        rank = -degree if degree >= 0 else 99
        return (DAMAGE_TYPES.index(damage_type), rank, basis == "default", before or "~")

    for key in sorted(known, key=order):
        damage_type, degree, basis, before = key
        table.add(
            row_kind=ITEM,
            dist_type=damage_type,
            type_name=in_language(DAMAGE_TYPE_NAMES[damage_type], language),
            dist_degree=degree if degree >= 0 else None,
            degree_name=degree_name(degree, basis, language),
            dlbm_before=before or None,
            dlmc_before=code_name(before, language) or in_language(UNKNOWN_NAME, language),
            share_pct=_pct(known[key], total),
            **_areas(known[key]),
        )
    table.add(
        row_kind=UNKNOWN,
        type_name=in_language(UNKNOWN_NAME, language),
        share_pct=_pct(unknown, total),
        **_areas(unknown),
    )
    table.add(
        row_kind=TOTAL,
        type_name=in_language(TOTAL_NAME, language),
        share_pct=100.0 if total > 0 else None,
        **_areas(total),
    )
    return table


def _unit_areas(overlay: Overlay, units: Units) -> np.ndarray:
    """Area of each unit inside the overlay (index i = unit i + 1)."""
    inside = overlay.unit > 0
    return np.bincount(
        overlay.unit[inside] - 1, weights=overlay.area_m2[inside], minlength=units.count
    )[: units.count]


def grade_table(overlay: Overlay, units: Units, language: str, grade_labels: str = "cn") -> Table:
    table = Table("suitability_by_grade", GRADE_COLUMNS)
    unit_area = _unit_areas(overlay, units)
    present = unit_area > 0
    words = GRADE_WORDS.get(grade_labels, GRADE_WORDS["cn"])
    for use in [u for u in EVALUATED_USES if u in units.grades]:
        grades = units.grades[use]
        grades = np.where((grades >= 1) & (grades <= GRADE_N), grades, NOT_EVALUATED)
        sums = np.bincount(grades, weights=unit_area, minlength=GRADE_N + 1)
        counts = np.bincount(grades[present], minlength=GRADE_N + 1)
        total = float(unit_area.sum())
        name = in_language(USE_LABELS[use], language)
        for grade in (1, 2, 3, GRADE_N, NOT_EVALUATED):
            table.add(
                row_kind=UNKNOWN if grade == NOT_EVALUATED else ITEM,
                use=use,
                use_name=name,
                grade=grade,
                grade_name=in_language(words[grade], language),
                units=int(counts[grade]),
                share_pct=_pct(float(sums[grade]), total),
                **_areas(float(sums[grade])),
            )
        table.add(
            row_kind=TOTAL,
            use=use,
            use_name=name,
            grade_name=in_language(TOTAL_NAME, language),
            units=int(present.sum()),
            share_pct=100.0 if total > 0 else None,
            **_areas(total),
        )
    return table


def proposed_table(overlay: Overlay, units: Units, language: str) -> Table:
    table = Table("proposed_by_use", PROPOSED_COLUMNS)
    unit_area = _unit_areas(overlay, units)
    present = unit_area > 0
    sums: dict[tuple[str, str], list] = {}
    for i in np.flatnonzero(present).tolist():
        key = (units.use_proposed[i], units.dlbm[i] if units.use_proposed[i] else "")
        entry = sums.setdefault(key, [0, 0.0])
        entry[0] += 1
        entry[1] += float(unit_area[i])
    sums.setdefault((NOT_EVALUATED_USE, ""), [0, 0.0])  # every table has this row
    total = float(unit_area[present].sum())

    def order(key: tuple[str, str]) -> tuple:
        use, code = key
        rank = PROPOSED_ORDER.index(use) if use in PROPOSED_ORDER else len(PROPOSED_ORDER) - 1.5
        return (rank, use, code)

    for key in sorted(sums, key=order):
        use, code = key
        count, area = sums[key]
        table.add(
            row_kind=UNKNOWN if use == NOT_EVALUATED_USE else ITEM,
            use_proposed=use or None,
            use_name=in_language(USE_LABELS.get(use, (use, use)), language),
            dlbm=code or None,
            dlmc=code_name(code, language) or None,
            units=count,
            share_pct=_pct(area, total),
            **_areas(area),
        )
    table.add(
        row_kind=TOTAL,
        use_name=in_language(TOTAL_NAME, language),
        units=int(present.sum()),
        share_pct=100.0 if total > 0 else None,
        **_areas(total),
    )
    return table


def _reclaimed(use: str, code: str) -> bool:
    return use not in (*KEEP_USES, NOT_EVALUATED_USE) and bool(code)


def second_level(code: str) -> str:
    """The second-level class of a code: the GB/T 21010 code itself ("1104A" -> "1104A"
    when listed, else its first four characters), the 三调 town codes (201–205) as they
    are; "" when unknown."""
    if code in LAND_USE_CODES:
        return code
    if code[:4] in LAND_USE_CODES:
        return code[:4]
    return code if first_level(code) == TOWN_CLASS else ""


def structure_classes(
    overlay: Overlay, units: Units, level: Callable[[str], str] = first_level
) -> tuple[np.ndarray, np.ndarray]:
    """Class of every piece before and after reclamation (first level by default).

    Before: the current land use's code, else (damaged land outside the land-use layer)
    the code before damage, else unknown (""). After: damaged land takes the class of its
    unit's proposed code when the use is reclaimed, ``not_reclaimed`` when kept as is,
    unknown when not evaluated or outside the units; undamaged land is unchanged.
    """
    before = np.array(
        [
            level(land or (previous if damaged else ""))
            for land, previous, damaged in zip(
                overlay.landuse.tolist(),
                overlay.dlbm_before.tolist(),
                overlay.damaged.tolist(),
                strict=True,
            )
        ],
        dtype=object,
    )
    after = before.copy()
    for i in np.flatnonzero(overlay.damaged).tolist():
        unit = int(overlay.unit[i])
        if unit <= 0 or unit > units.count:
            after[i] = ""
            continue
        use, code = units.use_proposed[unit - 1], units.dlbm[unit - 1]
        if use in KEEP_USES:
            after[i] = NOT_RECLAIMED
        elif _reclaimed(use, code):
            after[i] = level(code)
        else:
            after[i] = ""
    return before, after


def structure_table(overlay: Overlay, units: Units, language: str, second: bool = False) -> Table:
    """The land-use structure adjustment table, by first-level class (every class listed),
    or by second-level class (``second``: the classes present before or after)."""
    name = "landuse_structure_detail" if second else "landuse_structure"
    table = Table(name, STRUCTURE_COLUMNS)
    scope = overlay.in_study
    area = overlay.area_m2[scope]
    before, after = structure_classes(overlay, units, second_level if second else first_level)
    before_sums = _grouped(((c,) for c in before[scope].tolist()), area)
    after_sums = _grouped(((c,) for c in after[scope].tolist()), area)
    total_before = float(sum(before_sums.values()))
    total_after = float(sum(after_sums.values()))
    if second:
        present = {k[0] for k in (*before_sums, *after_sums)} - {"", NOT_RECLAIMED}
        rows = [
            (ITEM, c, code_name(c, language) or class_name(c, language)) for c in sorted(present)
        ]
    else:
        classes = list(FIRST_LEVEL_CLASSES)
        if (TOWN_CLASS,) in before_sums or (TOWN_CLASS,) in after_sums:
            classes.append(TOWN_CLASS)
        rows = [(ITEM, c, class_name(c, language)) for c in classes]
    rows.append((NOT_RECLAIMED, None, in_language(NOT_RECLAIMED_NAME, language)))
    rows.append((UNKNOWN, None, in_language(UNKNOWN_NAME, language)))
    keys = {ITEM: None, NOT_RECLAIMED: NOT_RECLAIMED, UNKNOWN: ""}
    for kind, code, name in rows:
        key = (code if kind == ITEM else keys[kind],)
        b, a = before_sums.get(key, 0.0), after_sums.get(key, 0.0)
        table.add(**_structure_row(kind, code, name, b, a, total_before, total_after))
    table.add(
        **_structure_row(
            TOTAL,
            None,
            in_language(TOTAL_NAME, language),
            total_before,
            total_after,
            total_before,
            total_after,
        )
    )
    return table


def _structure_row(
    kind: str,
    code: str | None,
    name: str,
    before: float,
    after: float,
    total_before: float,
    total_after: float,
) -> dict[str, Any]:
    change = after - before
    return {
        "row_kind": kind,
        "class_code": code,
        "class_name": name,
        "before_m2": before,
        "before_hm2": hm2(before),
        "before_mu": mu(before),
        "before_pct": _pct(before, total_before),
        "after_m2": after,
        "after_hm2": hm2(after),
        "after_mu": mu(after),
        "after_pct": _pct(after, total_after),
        "change_m2": change,
        "change_hm2": hm2(change),
        "change_mu": mu(change),
    }


RATE_ITEMS: dict[str, tuple[str, str]] = {
    "damaged": ("损毁土地", "Damaged land"),
    "reclaimed": ("复垦土地", "Reclaimed land"),
    "not_reclaimed": ("保持现状（未复垦）", "Kept as is (not reclaimed)"),
    "not_evaluated": ("未评价（含评价单元外）", "Not evaluated (incl. outside the units)"),
    "reclamation_rate": ("复垦率", "Reclamation rate"),
    "cultivated_before": ("复垦前耕地", "Cultivated land before"),
    "cultivated_after": ("复垦后耕地", "Cultivated land after"),
    "cultivated_change": ("耕地增减", "Cultivated land change"),
}


def rate_table(overlay: Overlay, units: Units, structure: Table, language: str) -> Table:
    table = Table("reclamation_rate", RATE_COLUMNS)
    damaged = overlay.damaged
    area = overlay.area_m2
    reclaimed_by_use: dict[str, float] = {}
    kept = not_evaluated = 0.0
    for i in np.flatnonzero(damaged).tolist():
        unit = int(overlay.unit[i])
        use, code = ("", "")
        if 0 < unit <= units.count:
            use, code = units.use_proposed[unit - 1], units.dlbm[unit - 1]
        if use in KEEP_USES:
            kept += float(area[i])
        elif _reclaimed(use, code):
            reclaimed_by_use[use] = reclaimed_by_use.get(use, 0.0) + float(area[i])
        else:
            not_evaluated += float(area[i])
    total = float(area[damaged].sum())
    reclaimed = float(sum(reclaimed_by_use.values()))

    def add(kind: str, item: str, value: float | None, percent: float | None) -> None:
        name = RATE_ITEMS.get(item)
        if name is None:  # reclaimed_<use>
            use = item.removeprefix("reclaimed_")
            label = in_language(USE_LABELS.get(use, (use, use)), language)
            text = f"其中：复垦为{label}" if language.startswith("zh") else f"of which {label}"
        else:
            text = in_language(name, language)
        values = _areas(value) if value is not None else {}
        table.add(row_kind=kind, item=item, item_name=text, percent=percent, **values)

    add(TOTAL, "damaged", total, 100.0 if total > 0 else None)
    add(ITEM, "reclaimed", reclaimed, _pct(reclaimed, total))
    order = [u for u in PROPOSED_ORDER if u in reclaimed_by_use]
    order += sorted(u for u in reclaimed_by_use if u not in PROPOSED_ORDER)
    for use in order:
        add(DETAIL, f"reclaimed_{use}", reclaimed_by_use[use], _pct(reclaimed_by_use[use], total))
    add(NOT_RECLAIMED, "not_reclaimed", kept, _pct(kept, total))
    add(UNKNOWN, "not_evaluated", not_evaluated, _pct(not_evaluated, total))
    add(RATE, "reclamation_rate", None, _pct(reclaimed, total))
    (cultivated,) = structure.where(row_kind=ITEM, class_code=CULTIVATED_CLASS)
    before, after = cultivated["before_m2"], cultivated["after_m2"]
    add(BALANCE, "cultivated_before", before, None)
    add(BALANCE, "cultivated_after", after, None)
    add(BALANCE, "cultivated_change", after - before, _pct(after - before, before))
    return table


def _parts(table: Table, **match: Any) -> float:
    return float(sum(r["area_m2"] for r in table.where(**match) if r["row_kind"] in PART_KINDS))


def closures(tables: Mapping[str, Table], totals: Totals) -> list[Closure]:
    result = [Closure("damage_by_type", "", _parts(tables["damage_by_type"]), totals.damaged_m2)]
    grades = tables["suitability_by_grade"]
    for use in dict.fromkeys(r["use"] for r in grades.dicts()):
        result.append(
            Closure("suitability_by_grade", use, _parts(grades, use=use), totals.units_m2)
        )
    result.append(
        Closure("proposed_by_use", "", _parts(tables["proposed_by_use"]), totals.units_m2)
    )
    for name in ("landuse_structure", "landuse_structure_detail"):
        if name not in tables:
            continue
        structure = [r for r in tables[name].dicts() if r["row_kind"] in PART_KINDS]
        for part in ("before", "after"):
            parts = float(sum(r[f"{part}_m2"] for r in structure))
            result.append(Closure(name, part, parts, totals.study_m2))
    rate = {r["item"]: r for r in tables["reclamation_rate"].dicts()}
    parts = sum(rate[k]["area_m2"] for k in ("reclaimed", "not_reclaimed", "not_evaluated"))
    result.append(Closure("reclamation_rate", "", float(parts), totals.damaged_m2))
    return result


def closure_table(items: Sequence[Closure], explanations: Mapping[str, str]) -> Table:
    """The closure checks as a table; ``explanations``: reason key -> sentence."""
    table = Table("closure_check", CLOSURE_COLUMNS)
    for item in items:
        table.add(
            table_name=item.table,
            part=item.part or None,
            parts_m2=item.parts_m2,
            total_m2=item.total_m2,
            difference_m2=item.difference_m2,
            difference_pct=(
                round(100.0 * item.difference_m2 / item.total_m2, 6) if item.total_m2 > 0 else None
            ),
            ok=int(item.ok),
            reason=item.reason or None,
            explanation=explanations.get(item.reason) or None,
        )
    return table


def summarize(
    overlay: Overlay,
    units: Units,
    totals: Totals,
    language: str = "en",
    grade_labels: str = "cn",
) -> Summary:
    """All tables of the plan and their closure checks."""
    tables = {
        "damage_by_type": damage_table(overlay, language),
        "suitability_by_grade": grade_table(overlay, units, language, grade_labels),
        "proposed_by_use": proposed_table(overlay, units, language),
        "landuse_structure": structure_table(overlay, units, language),
        "landuse_structure_detail": structure_table(overlay, units, language, second=True),
    }
    tables["reclamation_rate"] = rate_table(overlay, units, tables["landuse_structure"], language)
    rate = {r["item"]: r for r in tables["reclamation_rate"].dicts()}
    return Summary(
        tables=tables,
        closures=closures(tables, totals),
        damaged_m2=rate["damaged"]["area_m2"],
        reclaimed_m2=rate["reclaimed"]["area_m2"],
        cultivated_before_m2=rate["cultivated_before"]["area_m2"],
        cultivated_after_m2=rate["cultivated_after"]["area_m2"],
        undecided_m2=_basis_area(overlay, "undecided"),
        default_m2=_basis_area(overlay, "default"),
    )


def _basis_area(overlay: Overlay, basis: str) -> float:
    """Damaged area whose degree was decided so (degree_basis)."""
    mask = overlay.damaged & (overlay.degree_basis == basis)
    if basis == "undecided":  # layers without degree_basis: a NULL degree is undecided too
        mask |= overlay.damaged & (overlay.degree_basis == "") & (overlay.dist_degree < 0)
    return float(overlay.area_m2[mask].sum())
