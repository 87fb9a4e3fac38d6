"""The rule-pack editor's logic, free of Qt: the document being edited and the change report.

``PackDocument`` holds the JSON document of a pack. Every edit writes the document and
re-validates it with ``parse_pack``, so the editor can never save what the loader would
refuse. A table cell that cannot even be read (``abc``, ``5.8~``) is stored as typed, so the
document stays invalid until it is fixed, and reported with a fix worded for a cell.

``proposal_changes`` and ``compare_packs`` answer "what would change": the proposed use of
every unit under the original and the edited pack, as counts and hectares per transition.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.rules import csv_table
from ..core.rules.engine import evaluate
from ..core.rules.pack import RulePack, RulePackError, load_pack, parse_pack
from ..core.rules.proposal import propose
from ..core.rules.vocabulary import DAMAGE_INDICATORS, FACTORS

HM2_PER_M2 = 1e-4
LIMIT_COUNT = 3
RANGE_SEPARATOR = "~"
COPY_SUFFIX = "-copy"
# Full-width characters typed with a Chinese input method -> ASCII.
_FULL_WIDTH = str.maketrans({"～": "~", "．": ".", "－": "-", "＋": "+", "　": " "})
_BOUND_PREFIX = re.compile(r"^(<=|>=|≤|≥|<|>)\s*")


# --- cell text <-> JSON values ------------------------------------------------------------


USER_EDIT = "User-edit"
USER_EDIT_SOURCE = {
    "citation": "Values edited in the rule-pack editor of Mine Reclamation Planner: state "
    "their source (a provincial standard, a survey) in the pack's CSV or JSON",
    "citation_zh": "在规则包编辑器中修改的数值：请在规则包的 CSV 或 JSON 中注明其依据"
    "（省级标准、调查资料等）",
    "citation_en": "Values edited in the rule-pack editor: state their source (a provincial "
    "standard, a survey) in the pack's CSV or JSON",
}


def _same(old: Any, new: Any) -> bool:
    """Equal values, numbers compared as numbers (6 and 6.0) and ranges as pairs."""
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return float(old) == float(new)
    return old == new


def _shown(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "~".join(_shown(v) for v in value)
    return (
        "empty"
        if value is None
        else number_text(value)
        if isinstance(value, (int, float))
        else str(value)
    )


def number_text(value: Any) -> str:
    """A limit as a table shows it: 6, 5.8; text the user typed stays as typed."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def range_text(value: Any) -> str:
    """A [low, high] band as ``5.8~7.8``."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return RANGE_SEPARATOR.join(number_text(item) for item in value)
    return number_text(value)


def _plain_number(text: str) -> int | float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() else number


def _without_unit(text: str, unit: str) -> str:
    """Accept a value typed with its unit ("5°", "30 cm")."""
    text = text.translate(_FULL_WIDTH).strip()
    for suffix in ("°", unit):
        if suffix and text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    return text


@dataclass(frozen=True)
class CellValue:
    """A cell read as a JSON value; ``problem``/``fix`` set when the text is unreadable."""

    value: Any
    problem: str = ""
    fix: str = ""


def read_number_cell(text: str, unit: str = "", empty_allowed: bool = False) -> CellValue:
    plain = _BOUND_PREFIX.sub("", _without_unit(text, unit))
    if not plain:
        if empty_allowed:
            return CellValue(None)
        return CellValue(None, "the limit is empty", "write a number")
    number = _plain_number(plain)
    if number is None:
        return CellValue(text, f"{text!r} is not a number", "write a plain number, e.g. 15")
    return CellValue(number)


def read_range_cell(text: str, unit: str = "") -> CellValue:
    plain = _without_unit(text, unit).replace("..", RANGE_SEPARATOR)
    parts = [part.strip() for part in plain.split(RANGE_SEPARATOR)]
    numbers = [_plain_number(part) for part in parts]
    if len(parts) != 2 or None in numbers:
        return CellValue(text, f"{text!r} is not a range", "write low~high, e.g. 5.8~7.8")
    return CellValue(numbers)


# --- table rows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SuitabilityRow:
    """One use × factor rule as the editor's table shows it."""

    use: str
    factor: str
    unit: str
    kind: str
    limits: tuple[str, str, str]
    categories: str
    missing: str
    source: str
    status: str
    note: str

    @property
    def path(self) -> str:
        return f"uses.{self.use}.factors.{self.factor}"

    @property
    def editable_limits(self) -> int:
        """How many limit cells can be edited: 3, 1 for a constraint, 0 for categories."""
        if self.kind == "constraint":
            return 1
        return LIMIT_COUNT if self.kind in ("lower_better", "higher_better", "range") else 0


@dataclass(frozen=True)
class DegreeRow:
    """One damage-degree table row (type × indicator × previous land use)."""

    damage_type: str
    position: int  # index in the type's "indicators" list
    indicator: str
    unit: str
    land_use: str
    limits: tuple[str, str, str]  # none, light, moderate maxima; "" where unknown
    source: str
    status: str
    note: str

    @property
    def path(self) -> str:
        return f"disturbance.types.{self.damage_type}.indicators[{self.position}]"


def _limit_texts(rule: Mapping[str, Any]) -> tuple[str, str, str]:
    kind = rule.get("kind")
    if kind == "constraint":
        if "max" in rule:
            return (f"≤ {number_text(rule['max'])}", "", "")
        return (f"≥ {number_text(rule.get('min'))}", "", "")
    limits = rule.get("limits")
    if not isinstance(limits, list):
        return ("", "", "")
    show = range_text if kind == "range" else number_text
    texts = [show(item) for item in limits[:LIMIT_COUNT]] + [""] * LIMIT_COUNT
    return (texts[0], texts[1], texts[2])


def _categories_text(rule: Mapping[str, Any]) -> str:
    table = rule.get("categories") or {}
    return "; ".join(f"{code}:{grade}" for code, grade in table.items())


def suitability_rows(document: Mapping[str, Any]) -> list[SuitabilityRow]:
    rows = []
    for use, block in document.get("uses", {}).items():
        for factor, rule in block.get("factors", {}).items():
            rows.append(
                SuitabilityRow(
                    use=use,
                    factor=factor,
                    unit=FACTORS.get(factor, ""),
                    kind=str(rule.get("kind", "")),
                    limits=_limit_texts(rule),
                    categories=_categories_text(rule),
                    missing=str(rule.get("missing", document.get("missing_default", ""))),
                    source=str(rule.get("source", "")),
                    status=str(rule.get("status", "")),
                    note=str(rule.get("note", "")),
                )
            )
    return rows


def degree_rows(document: Mapping[str, Any]) -> list[DegreeRow]:
    rows = []
    for damage_type, block in document.get("disturbance", {}).get("types", {}).items():
        for position, row in enumerate(block.get("indicators", [])):
            limits = [number_text(item) for item in row.get("limits", [])] + [""] * LIMIT_COUNT
            indicator = str(row.get("indicator", ""))
            rows.append(
                DegreeRow(
                    damage_type=damage_type,
                    position=position,
                    indicator=indicator,
                    unit=DAMAGE_INDICATORS.get(indicator, ""),
                    land_use=str(row.get("land_use", "any")),
                    limits=(limits[0], limits[1], limits[2]),
                    source=str(row.get("source", "")),
                    status=str(row.get("status", "")),
                    note=str(row.get("note", "")),
                )
            )
    return rows


@dataclass(frozen=True)
class WorksRow:
    """One engineering measure for one proposed use ("*": every other use), or the topsoil
    stripping depth (``item`` = "stripping_depth_m", ``use`` = "")."""

    item: str
    use: str
    names: tuple[str, str]  # (中文, English), as the pack names the measure
    unit: str
    rule: str
    limits: tuple[str, str, str]  # the value, then two empty cells (one editable limit)
    source: str
    status: str
    note: str

    @property
    def path(self) -> str:
        if self.item == STRIPPING_DEPTH:
            return f"works.{STRIPPING_DEPTH}"
        return f"works.items.{self.item}"


STRIPPING_DEPTH = "stripping_depth_m"
STAGE_YEARS = "stage_years"


@dataclass(frozen=True)
class ScheduleRow:
    """The stage length (``key`` = "stage_years"), or when land of a damage type may be
    reclaimed (``key`` = the damage type, ``value`` = start, closure or stable)."""

    key: str
    value: str
    source: str
    status: str
    note: str
    unit: str = ""

    @property
    def path(self) -> str:
        if self.key == STAGE_YEARS:
            return f"schedule.{STAGE_YEARS}"
        return f"schedule.release.{self.key}"


def schedule_rows(document: Mapping[str, Any]) -> list[ScheduleRow]:
    schedule = document.get("schedule")
    if not schedule:
        return []
    stage = schedule.get(STAGE_YEARS, {})
    rows = [
        ScheduleRow(
            STAGE_YEARS,
            number_text(stage.get("value")),
            str(stage.get("source", "")),
            str(stage.get("status", "")),
            str(stage.get("note", "")),
            "a",
        )
    ]
    for damage, entry in schedule.get("release", {}).items():
        rows.append(
            ScheduleRow(
                damage,
                str(entry.get("after", "")),
                str(entry.get("source", "")),
                str(entry.get("status", "")),
                str(entry.get("note", "")),
            )
        )
    return rows


def works_rows(document: Mapping[str, Any]) -> list[WorksRow]:
    works = document.get("works")
    if not works:
        return []
    depth = works.get(STRIPPING_DEPTH, {})
    rows = [
        WorksRow(
            item=STRIPPING_DEPTH,
            use="",
            names=("表土剥离厚度", "topsoil stripping depth"),
            unit="m",
            rule="",
            limits=(number_text(depth.get("value")), "", ""),
            source=str(depth.get("source", "")),
            status=str(depth.get("status", "")),
            note=str(depth.get("note", "")),
        )
    ]
    for key, item in works.get("items", {}).items():
        values = item.get("value")
        per_use = values if isinstance(values, dict) else {"*": values}
        name = item.get("name", {})
        for use, value in per_use.items():
            rows.append(
                WorksRow(
                    item=key,
                    use=use,
                    names=(str(name.get("zh", "")), str(name.get("en", ""))),
                    unit=str(item.get("unit", "")),
                    rule=str(item.get("rule", "")),
                    limits=(number_text(value), "", ""),
                    source=str(item.get("source", "")),
                    status=str(item.get("status", "")),
                    note=str(item.get("note", "")),
                )
            )
    return rows


def error_targets(path: str) -> tuple[str, int | None]:
    """The row path and limit index (None: the whole row) an error path points at."""
    match = re.match(r"^(.*?)\.(limits|max|min)(?:\[(\d+)\])?(?=$|\.)", path)
    if not match:
        return path, None
    index = match.group(3)
    if match.group(2) in ("max", "min"):
        return match.group(1), 0
    return match.group(1), None if index is None else int(index)


# --- the document being edited -------------------------------------------------------------


class PackDocument:
    """A rule pack being edited: the JSON document, its validity, and where it came from."""

    def __init__(
        self,
        document: dict[str, Any],
        origin: str,
        read_only: bool,
        saved_path: Path | None = None,
        original: RulePack | None = None,
    ) -> None:
        self.document = copy.deepcopy(document)
        self.origin = origin
        self.read_only = read_only
        self.saved_path = saved_path  # where "Save" writes; None until saved once
        self.dirty = False
        self.pack: RulePack | None = None  # the last valid state, None while invalid
        self.error: RulePackError | None = None
        self._cell_errors: dict[str, RulePackError] = {}
        self.validate()
        # The change report compares the edited pack with the pack as it was opened.
        original = original or self.pack
        if original is None:
            raise self.error  # type: ignore[misc]
        self.original: RulePack = original

    @classmethod
    def from_file(cls, path: str | Path, read_only: bool = False) -> PackDocument:
        """Open a pack file; raises RulePackError when the loader refuses it."""
        pack = load_pack(path)
        saved_path = None if read_only else Path(path)
        return cls(dict(pack.raw), str(path), read_only, saved_path, pack)

    @classmethod
    def builtin(cls, pack_id: str, rules_dir: Path) -> PackDocument:
        """Open a built-in pack, read-only: it is changed through an editable copy."""
        return cls.from_file(rules_dir / f"{pack_id}.json", read_only=True)

    # -- state

    @property
    def valid(self) -> bool:
        return self.error is None

    @property
    def pack_id(self) -> str:
        return str(self.document.get("id", ""))

    @property
    def can_save(self) -> bool:
        """Saving in place: an editable, valid pack that has a file of its own."""
        return self.valid and not self.read_only and self.saved_path is not None

    def validate(self) -> RulePackError | None:
        """Re-validate the whole document; keep the valid pack or the first problem."""
        self.error = next(iter(self._cell_errors.values()), None)
        if self.error is None:
            try:
                self.pack = parse_pack(self.document, self.origin)
            except RulePackError as error:
                self.error = error
        if self.error is not None:
            self.pack = None
        return self.error

    def _edited(self) -> str | None:
        self.dirty = True
        error = self.validate()
        return None if error is None else str(error)

    def _require_editable(self) -> None:
        if self.read_only:
            raise PermissionError(f"{self.pack_id} is a built-in pack: make a copy to edit it")

    def _mark_edited(self, holder: dict[str, Any], old: Any, new: Any) -> None:
        """A number changed here is the user's, not its source's: the block that carries
        it gets the source USER_EDIT and the status unverified, with the old value in its
        note, until its source is stated (CSV or JSON). Unchanged values keep theirs."""
        if new is None or _same(old, new) or holder.get("source") == USER_EDIT:
            return
        sources = self.document.setdefault("sources", {})
        sources.setdefault(USER_EDIT, dict(USER_EDIT_SOURCE))
        was = f"edited in the rule-pack editor, was {_shown(old)}"
        note = str(holder.get("note") or "")
        holder["note"] = f"{was}; {note}" if note else was
        holder["source"] = USER_EDIT
        holder["status"] = "unverified"

    def _note_cell(self, path: str, cell: CellValue) -> None:
        self._cell_errors.pop(path, None)
        if cell.problem:
            self._cell_errors[path] = RulePackError(self.origin, path, cell.problem, cell.fix)

    # -- rows

    def suitability_rows(self) -> list[SuitabilityRow]:
        return suitability_rows(self.document)

    def degree_rows(self) -> list[DegreeRow]:
        return degree_rows(self.document)

    def works_rows(self) -> list[WorksRow]:
        return works_rows(self.document)

    def schedule_rows(self) -> list[ScheduleRow]:
        return schedule_rows(self.document)

    def rule(self, use: str, factor: str) -> dict[str, Any]:
        return self.document["uses"][use]["factors"][factor]

    # -- edits; each returns the validation message, or None when the pack is valid

    def _limit_path(self, use: str, factor: str, index: int) -> str:
        rule = self.rule(use, factor)
        if rule.get("kind") == "constraint":
            return f"uses.{use}.factors.{factor}.{'max' if 'max' in rule else 'min'}"
        return f"uses.{use}.factors.{factor}.limits[{index}]"

    def _store_limit(self, use: str, factor: str, index: int, value: Any) -> None:
        self._require_editable()
        rule = self.rule(use, factor)
        if rule.get("kind") == "constraint":
            if index != 0:
                raise IndexError("a constraint has one limit")
            rule["max" if "max" in rule else "min"] = value
            return
        limits = rule.get("limits")
        if not isinstance(limits, list):
            limits = rule["limits"] = [None] * LIMIT_COUNT
        limits[index] = list(value) if isinstance(value, tuple) else value

    def _old_limit(self, use: str, factor: str, index: int) -> Any:
        rule = self.rule(use, factor)
        if rule.get("kind") == "constraint":
            return rule.get("max" if "max" in rule else "min")
        limits = rule.get("limits")
        return copy.deepcopy(limits[index]) if isinstance(limits, list) else None

    def set_limit(self, use: str, factor: str, index: int, value: Any) -> str | None:
        """Set limit ``index`` (0-2) of a rule: a number, a (low, high) pair for a range,
        or the bound of a constraint (index 0)."""
        old = self._old_limit(use, factor, index)
        self._store_limit(use, factor, index, value)
        self._mark_edited(self.rule(use, factor), old, value)
        self._note_cell(self._limit_path(use, factor, index), CellValue(value))
        return self._edited()

    def set_limit_text(self, use: str, factor: str, index: int, text: str) -> str | None:
        """Set a limit from what was typed in a table cell ("15", "5.8~7.8", "25°")."""
        unit = FACTORS.get(factor, "")
        if self.rule(use, factor).get("kind") == "range":
            cell = read_range_cell(text, unit)
        else:
            cell = read_number_cell(text, unit)
        old = self._old_limit(use, factor, index)
        self._store_limit(use, factor, index, cell.value)
        self._mark_edited(self.rule(use, factor), old, cell.value)
        self._note_cell(self._limit_path(use, factor, index), cell)
        return self._edited()

    def set_degree_limit_text(
        self, damage_type: str, position: int, index: int, text: str
    ) -> str | None:
        """Set a damage-degree limit from a cell; empty means unknown (null)."""
        self._require_editable()
        row = self.document["disturbance"]["types"][damage_type]["indicators"][position]
        unit = DAMAGE_INDICATORS.get(str(row.get("indicator", "")), "")
        cell = read_number_cell(text, unit, empty_allowed=True)
        old = row["limits"][index]
        row["limits"][index] = cell.value
        self._mark_edited(row, old, cell.value)
        path = f"disturbance.types.{damage_type}.indicators[{position}].limits[{index}]"
        self._note_cell(path, cell)
        return self._edited()

    def set_works_value_text(self, item: str, use: str, text: str) -> str | None:
        """Set a measure's value for a use ("*": all), or the stripping depth."""
        self._require_editable()
        works = self.document["works"]
        cell = read_number_cell(text)
        if item == STRIPPING_DEPTH:
            old = works[STRIPPING_DEPTH].get("value")
            works[STRIPPING_DEPTH]["value"] = cell.value
            self._mark_edited(works[STRIPPING_DEPTH], old, cell.value)
            self._note_cell(f"works.{STRIPPING_DEPTH}.value", cell)
            return self._edited()
        entry = works["items"][item]
        if isinstance(entry.get("value"), dict):
            old = entry["value"].get(use)
            entry["value"][use] = cell.value
            path = f"works.items.{item}.value.{use}"
        else:
            old = entry.get("value")
            entry["value"] = cell.value
            path = f"works.items.{item}.value"
        self._mark_edited(entry, old, cell.value)
        self._note_cell(path, cell)
        return self._edited()

    def set_schedule_text(self, key: str, text: str) -> str | None:
        """Set the stage length (years), or the release event of a damage type (start,
        closure or stable; checked by the pack's validation)."""
        self._require_editable()
        schedule = self.document["schedule"]
        if key == STAGE_YEARS:
            cell = read_number_cell(text, "a")
            old = schedule[STAGE_YEARS].get("value")
            schedule[STAGE_YEARS]["value"] = cell.value
            self._mark_edited(schedule[STAGE_YEARS], old, cell.value)
            self._note_cell(f"schedule.{STAGE_YEARS}.value", cell)
        else:
            release = schedule["release"][key]
            old = release.get("after")
            release["after"] = text.strip()
            self._mark_edited(release, old, release["after"])
        return self._edited()

    def set_priority(self, uses: Sequence[str]) -> str | None:
        self._require_editable()
        self.document["proposal"]["priority"] = list(uses)
        return self._edited()

    def set_slope_cap(self, degrees: float) -> str | None:
        self._require_editable()
        value = _plain_number(str(degrees))
        cap = self.document["proposal"]["cultivation_slope_cap_deg"]
        old = cap.get("value")
        cap["value"] = value
        self._mark_edited(cap, old, value)
        return self._edited()

    def set_header(self, key: str, text: str) -> str | None:
        """Set the id or the version."""
        self._require_editable()
        if key not in ("id", "version"):
            raise KeyError(key)
        self.document[key] = text.strip()
        return self._edited()

    # -- copies, files and CSV

    def editable_copy(self) -> PackDocument:
        """An editable copy with a new id (``<id>-copy``); the version is kept. Its change
        report still compares with the pack this one was opened as."""
        document = copy.deepcopy(self.document)
        document["id"] = f"{self.pack_id}{COPY_SUFFIX}"
        duplicate = PackDocument(document, document["id"], False, None, self.original)
        duplicate.dirty = True
        return duplicate

    def to_json(self) -> str:
        return json.dumps(self.document, ensure_ascii=False, indent=2) + "\n"

    def save(self, path: str | Path) -> None:
        """Write the pack as UTF-8 JSON; refuses an invalid pack."""
        if self.validate() is not None:
            raise self.error  # type: ignore[misc]
        path = Path(path)
        path.write_text(self.to_json(), encoding="utf-8")
        self.origin = str(path)
        self.saved_path = path
        self.read_only = False
        self.dirty = False

    def export_csv(self, path: str | Path) -> None:
        """The rule tables as CSV (UTF-8 with a BOM, for Excel)."""
        csv_table.export_csv(self.document, path)

    def import_csv(self, path: str | Path) -> None:
        """Replace the rule tables by a CSV's rows; refused (RulePackError) when the CSV or
        the pack it makes is invalid, leaving the document unchanged."""
        self._require_editable()
        imported = csv_table.import_csv(self.document, path)
        try:
            parse_pack(imported, str(path))
        except RulePackError as error:
            raise _in_csv_terms(error, Path(path)) from None
        self.document = imported
        self._cell_errors.clear()
        self._edited()


def _row_keys(error_path: str) -> tuple[str, str, str, int] | None:
    """(section, use or damage type, factor, position) of the table row a JSON path is in."""
    use = re.match(r"^uses\.([^.]+)\.factors\.([^.\[]+)", error_path)
    if use:
        return (csv_table.SUITABILITY, use.group(1), use.group(2), 0)
    degree = re.match(r"^disturbance\.types\.([^.]+)\.indicators\[(\d+)\]", error_path)
    if degree:
        return (csv_table.DISTURBANCE, degree.group(1), "", int(degree.group(2)))
    return None


def _csv_line(error_path: str, path: Path) -> int | None:
    """The line of the CSV file that holds the rule a validation error is about."""
    keys = _row_keys(error_path)
    if keys is None:
        return None
    section, name, factor, position = keys
    # The same reader as import_csv, so that line numbers agree with its own messages.
    rows, _ = csv_table.read_rows(path)
    seen = 0
    for line, row in enumerate(rows, start=2):  # line 1 is the header
        cells = {key: (row.get(key) or "").strip() for key in ("section", "use", "factor", "kind")}
        if (cells["section"], cells["use"]) != (section, name):
            continue
        if section == csv_table.SUITABILITY and cells["factor"] == factor:
            return line
        if section == csv_table.DISTURBANCE and cells["kind"] == csv_table.DEGREE_ROW:
            if seen == position:
                return line
            seen += 1
    return None


def _in_csv_terms(error: RulePackError, path: Path) -> RulePackError:
    """A validation error of an imported table, naming its CSV line where there is one."""
    line = _csv_line(error.path, path)
    location = error.path if line is None else f"row {line} ({error.path})"
    return RulePackError(str(path), location, error.problem, error.fix)


# --- what would change ---------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """Units whose proposed use changes from one use to another."""

    from_use: str
    to_use: str
    units: int
    hectares: float


@dataclass(frozen=True)
class ChangeReport:
    units_total: int
    units_changed: int
    hectares_total: float
    hectares_changed: float
    transitions: tuple[Transition, ...]  # largest area first


def proposal_changes(before: np.ndarray, after: np.ndarray, area_m2: np.ndarray) -> ChangeReport:
    """Counts and hectares of units whose proposed use differs, per from → to pair.

    ``before``/``after`` hold one use string per unit ("" = not evaluated); a missing area
    (NaN) counts as 0 ha.
    """
    before = np.asarray(before).astype(str)
    after = np.asarray(after).astype(str)
    hectares = np.nan_to_num(np.asarray(area_m2, dtype=float)) * HM2_PER_M2
    changed = before != after
    labels, codes = np.unique(np.concatenate([before, after]), return_inverse=True)
    codes = codes.reshape(-1)
    count = before.shape[0]
    pair = codes[:count] * len(labels) + codes[count:]
    keys, inverse, units = np.unique(pair[changed], return_inverse=True, return_counts=True)
    areas = np.bincount(inverse.reshape(-1), weights=hectares[changed], minlength=len(keys))
    transitions = [
        Transition(
            str(labels[key // len(labels)]), str(labels[key % len(labels)]), int(n), float(a)
        )
        for key, n, a in zip(keys, units, areas, strict=True)
    ]
    transitions.sort(key=lambda t: (-t.hectares, -t.units, t.from_use, t.to_use))
    return ChangeReport(
        units_total=count,
        units_changed=int(changed.sum()),
        hectares_total=float(hectares.sum()),
        hectares_changed=float(hectares[changed].sum()),
        transitions=tuple(transitions),
    )


def missing_factors(packs: Iterable[RulePack], available: Iterable[str]) -> list[str]:
    """Factors a pack cannot do without (missing = not_evaluated) that no field provides."""
    present = set(available)
    return sorted(
        {
            rule.factor
            for pack in packs
            for use in pack.uses.values()
            for rule in use.rules
            if rule.missing == "not_evaluated" and rule.factor not in present
        }
    )


def proposed_uses(pack: RulePack, factors: Mapping[str, np.ndarray]) -> np.ndarray:
    """The use the pack proposes for every unit (its own method and slope cap)."""
    return propose(pack, evaluate(pack, factors), factors).use


def compare_packs(
    original: RulePack,
    edited: RulePack,
    factors: Mapping[str, np.ndarray],
    area_m2: np.ndarray,
) -> ChangeReport:
    """What changes in the proposed use when ``original`` is replaced by ``edited``."""
    if len(area_m2) == 0:  # the engine needs at least one factor array to size its output
        empty = np.array([], dtype=str)
        return proposal_changes(empty, empty, np.array([], dtype=float))
    return proposal_changes(
        proposed_uses(original, factors), proposed_uses(edited, factors), area_m2
    )


class NotANumberError(ValueError):
    """A factor field holds text that is not a number."""


def _is_null(value: Any) -> bool:
    is_null: Callable[[], bool] | None = getattr(value, "isNull", None)  # QVariant NULL
    return value is None or value == "" or (is_null is not None and bool(is_null()))


def numbers(values: Sequence[Any], field_name: str) -> np.ndarray:
    """Field values as floats; NULL and empty become NaN, other text is refused."""
    result = np.full(len(values), np.nan)
    for i, value in enumerate(values):
        if _is_null(value):
            continue
        try:
            result[i] = float(value)
        except (TypeError, ValueError):
            raise NotANumberError(
                f"field “{field_name}” holds “{value}” (feature {i + 1}), which is not a number"
            ) from None
    return result
