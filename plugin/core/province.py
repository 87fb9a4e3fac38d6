"""Many mines in one run (``reclamation:planmany``): the mines' folder names and the
province table, one row per mine built from the mine's own plan tables.

Pure: the rows of a mine's tables come in as dictionaries (the GeoPackage of
``reclamation:summarizeplan``), the province rows go out as dictionaries. The province
table closes with the mines' tables by construction: each figure of a mine is the sum of
the same rows its own report sums, and the total row is the sum of the mines.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .rules.vocabulary import DAMAGE_TYPES

M2_PER_HM2 = 10_000.0
CULTIVATED_CLASS = "01"  # GB/T 21010 first-level class 耕地
# Characters no file system of Windows, macOS or Linux takes in a folder name.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(10)),
    *(f"LPT{i}" for i in range(10)),
}
MAX_FOLDER_CHARS = 80


class MineIdError(ValueError):
    """The mines' ids cannot name one plan each: missing or repeated ids."""

    def __init__(self, missing: Sequence[int], repeated: Sequence[str]) -> None:
        super().__init__(f"missing ids: {list(missing)}; repeated ids: {list(repeated)}")
        self.missing = list(missing)  # 1-based feature numbers without an id
        self.repeated = list(repeated)


def check_mine_ids(ids: Sequence[str | None]) -> None:
    """Every mine has an id of its own (compared as trimmed text)."""
    missing = [number for number, mine in enumerate(ids, start=1) if not (mine or "").strip()]
    seen: set[str] = set()
    repeated: list[str] = []
    for mine in ids:
        text = (mine or "").strip()
        if text and text in seen and text not in repeated:
            repeated.append(text)
        seen.add(text)
    if missing or repeated:
        raise MineIdError(missing, repeated)


def folder_names(ids: Sequence[str]) -> list[str]:
    """One folder name per mine id: readable (Chinese kept), safe on every file system,
    and distinct even where two ids differ only in characters a folder cannot hold or in
    letter case (a Windows or macOS disk does not tell 'A' from 'a')."""
    names: list[str] = []
    taken: set[str] = set()
    for mine in ids:
        base = _UNSAFE.sub("_", unicodedata.normalize("NFC", mine.strip()))
        base = base.strip(" .")[:MAX_FOLDER_CHARS] or "mine"
        if base.upper() in _RESERVED:
            base = f"_{base}"
        name, number = base, 2
        while name.lower() in taken:
            name, number = f"{base}_{number}", number + 1
        taken.add(name.lower())
        names.append(name)
    return names


@dataclass
class MineFigures:
    """A mine's plan in the figures a province compares (m²)."""

    damaged_by_type: dict[str, float] = field(default_factory=dict)
    proposed_by_use: dict[str, float] = field(default_factory=dict)
    damaged_m2: float = 0.0
    reclaimed_m2: float = 0.0
    cultivated_before_m2: float | None = None
    cultivated_after_m2: float | None = None

    @property
    def rate_pct(self) -> float | None:
        """The reclamation rate (复垦率), None without damaged land."""
        if self.damaged_m2 <= 0:
            return None
        return 100.0 * self.reclaimed_m2 / self.damaged_m2


def _area(row: Mapping[str, object]) -> float:
    value = row.get("area_m2")
    return float(value) if isinstance(value, (int, float)) else 0.0


def _items(rows: Iterable[Mapping[str, object]]) -> list[Mapping[str, object]]:
    return [row for row in rows if row.get("row_kind") == "item"]


def mine_figures(
    damage_rows: Iterable[Mapping[str, object]],
    proposed_rows: Iterable[Mapping[str, object]],
    rate_rows: Iterable[Mapping[str, object]],
    structure_rows: Iterable[Mapping[str, object]],
) -> MineFigures:
    """A mine's figures from the rows of its plan tables: ``damage_by_type`` and
    ``proposed_by_use`` (their item rows, summed by type and by use), ``reclamation_rate``
    (the damaged and reclaimed rows) and ``landuse_structure`` (class 01, 耕地)."""
    figures = MineFigures()
    for row in _items(damage_rows):
        kind = str(row.get("dist_type") or "")
        figures.damaged_by_type[kind] = figures.damaged_by_type.get(kind, 0.0) + _area(row)
    for row in _items(proposed_rows):
        use = str(row.get("use_proposed") or "")
        figures.proposed_by_use[use] = figures.proposed_by_use.get(use, 0.0) + _area(row)
    for row in rate_rows:
        if row.get("item") == "damaged":
            figures.damaged_m2 = _area(row)
        elif row.get("item") == "reclaimed":
            figures.reclaimed_m2 = _area(row)
    for row in structure_rows:
        if row.get("row_kind") == "item" and row.get("class_code") == CULTIVATED_CLASS:
            before, after = row.get("before_m2"), row.get("after_m2")
            figures.cultivated_before_m2 = float(before) if before is not None else None
            figures.cultivated_after_m2 = float(after) if after is not None else None
    return figures


@dataclass
class MineOutcome:
    """How one mine's plan went: its figures when it was made, the reason when not."""

    mine_id: str
    name: str
    folder: str
    status: str  # "done" or "failed"
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    findings: int | None = None  # the review's findings, None when not reviewed
    seconds: float = 0.0
    figures: MineFigures | None = None


def _hm2(value: float | None) -> float | None:
    return None if value is None else round(value / M2_PER_HM2, 4)


def _difference(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


def province_uses(outcomes: Sequence[MineOutcome], known: Sequence[str]) -> list[str]:
    """The proposed uses the table has a column for: the known ones in their order, then
    any other a mine's plan proposes."""
    found = {use for o in outcomes if o.figures for use in o.figures.proposed_by_use}
    return [*known, *sorted(found - set(known))]


def province_columns(uses: Sequence[str]) -> list[str]:
    """The province table's number columns (hm², %) in order."""
    return [
        "damaged_hm2",
        *(f"dmg_{kind}_hm2" for kind in DAMAGE_TYPES),
        *(f"use_{use}_hm2" for use in uses),
        "reclaimed_hm2",
        "rate_pct",
        "cultivated_before_hm2",
        "cultivated_after_hm2",
        "cultivated_change_hm2",
    ]


def province_row(outcome: MineOutcome, uses: Sequence[str]) -> dict[str, float | None]:
    """A mine's number columns; all empty for a mine whose plan failed (never 0)."""
    figures = outcome.figures
    if figures is None:
        return dict.fromkeys(province_columns(uses))
    rate = figures.rate_pct
    return {
        "damaged_hm2": _hm2(figures.damaged_m2),
        **{
            f"dmg_{kind}_hm2": _hm2(figures.damaged_by_type.get(kind, 0.0)) for kind in DAMAGE_TYPES
        },
        **{f"use_{use}_hm2": _hm2(figures.proposed_by_use.get(use, 0.0)) for use in uses},
        "reclaimed_hm2": _hm2(figures.reclaimed_m2),
        "rate_pct": None if rate is None else round(rate, 2),
        "cultivated_before_hm2": _hm2(figures.cultivated_before_m2),
        "cultivated_after_hm2": _hm2(figures.cultivated_after_m2),
        "cultivated_change_hm2": _hm2(
            _difference(figures.cultivated_after_m2, figures.cultivated_before_m2)
        ),
    }


def province_total(outcomes: Sequence[MineOutcome], uses: Sequence[str]) -> dict[str, float | None]:
    """The sum of the mines whose plan was made (from unrounded m²); the rate of the sum."""
    made = [o.figures for o in outcomes if o.figures is not None]
    total = MineFigures()
    for figures in made:
        for kind, area in figures.damaged_by_type.items():
            total.damaged_by_type[kind] = total.damaged_by_type.get(kind, 0.0) + area
        for use, area in figures.proposed_by_use.items():
            total.proposed_by_use[use] = total.proposed_by_use.get(use, 0.0) + area
        total.damaged_m2 += figures.damaged_m2
        total.reclaimed_m2 += figures.reclaimed_m2
    before = [f.cultivated_before_m2 for f in made]
    after = [f.cultivated_after_m2 for f in made]
    # A sum with a missing part is not a sum: left empty.
    total.cultivated_before_m2 = None if None in before else float(sum(before))  # type: ignore[arg-type]
    total.cultivated_after_m2 = None if None in after else float(sum(after))  # type: ignore[arg-type]
    return province_row(MineOutcome("", "", "", "done", figures=total), uses)
