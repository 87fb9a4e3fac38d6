"""Rule packs as a spreadsheet: export the rule tables to CSV and read them back.

One row per rule: the suitability rules (uses × factors), the damage-degree rows
(damage types × indicators × previous land use) and the works (measures × proposed uses,
and the stripping depth). Everything else in a pack (sources, proposal policy, codes)
stays in the JSON pack the table is imported into. Files are
written as UTF-8 with a BOM so that Excel shows Chinese text; on import, a table saved by
Excel in the Chinese ANSI code page (GBK/GB18030) or with full-width punctuation is read
too. The imported document is validated by ``parse_pack`` like any pack.
"""

from __future__ import annotations

import copy
import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .reader import RulePackError

COLUMNS: tuple[str, ...] = (
    "section",
    "use",
    "factor",
    "land_use",
    "kind",
    "limit_1",
    "limit_2",
    "limit_3",
    "categories",
    "max",
    "min",
    "group",
    "missing",
    "weight",
    "measure_zh",
    "measure_en",
    "source",
    "status",
    "note",
    # Works rows (engineering measures): the item's unit of quantity and its filters.
    "unit",
    "damage_types",
    "limited_by",
    "min_slope_deg",
    "cover",
)
SUITABILITY = "suitability"
DISTURBANCE = "disturbance"
WORKS = "works"
STRIPPING_ROW = "stripping_depth"
TERRACES_ROW = "terraces"  # a levelling item's bench width for one use
LIST_SEPARATOR = ";"
DEGREE_ROW = "degree"
DEFAULT_DEGREE_ROW = "default_degree"
RANGE_SEPARATOR = "~"
# Full-width punctuation typed with a Chinese input method -> ASCII.
_FULL_WIDTH = str.maketrans({"：": ":", "；": ";", "～": "~", "，": ",", "－": "-", "．": "."})


def _number_text(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def _limit_cells(rule: Mapping[str, Any]) -> list[str]:
    limits = rule.get("limits") or []
    if rule.get("kind") == "range":
        return [RANGE_SEPARATOR.join(_number_text(v) for v in pair) for pair in limits]
    return [_number_text(v) for v in limits]


def _suitability_rows(document: Mapping[str, Any]) -> Iterable[dict[str, str]]:
    for use, block in document.get("uses", {}).items():
        for factor, rule in block.get("factors", {}).items():
            limits = _limit_cells(rule) + [""] * 3
            categories = rule.get("categories", {})
            measure = rule.get("measure", {})
            yield {
                "section": SUITABILITY,
                "use": use,
                "factor": factor,
                "kind": rule.get("kind", ""),
                "limit_1": limits[0],
                "limit_2": limits[1],
                "limit_3": limits[2],
                "categories": "; ".join(f"{code}:{grade}" for code, grade in categories.items()),
                "max": _number_text(rule.get("max")),
                "min": _number_text(rule.get("min")),
                "group": rule.get("group", ""),
                "missing": rule.get("missing", ""),
                "weight": _number_text(rule.get("weight")),
                "measure_zh": measure.get("zh", ""),
                "measure_en": measure.get("en", ""),
                "source": rule.get("source", ""),
                "status": rule.get("status", ""),
                "note": rule.get("note", ""),
            }


def _disturbance_rows(document: Mapping[str, Any]) -> Iterable[dict[str, str]]:
    types = document.get("disturbance", {}).get("types", {})
    for damage_type, block in types.items():
        for row in block.get("indicators", []):
            limits = [_number_text(v) for v in row.get("limits", [])] + [""] * 3
            yield {
                "section": DISTURBANCE,
                "use": damage_type,
                "factor": row.get("indicator", ""),
                "land_use": row.get("land_use", "any"),
                "kind": DEGREE_ROW,
                "limit_1": limits[0],
                "limit_2": limits[1],
                "limit_3": limits[2],
                "source": row.get("source", ""),
                "status": row.get("status", ""),
                "note": row.get("note", ""),
            }
        if "default_degree" in block:
            default = block["default_degree"]
            yield {
                "section": DISTURBANCE,
                "use": damage_type,
                "kind": DEFAULT_DEGREE_ROW,
                "limit_1": _number_text(default.get("value")),
                "source": default.get("source", ""),
                "status": default.get("status", ""),
                "note": default.get("note", ""),
            }


def _works_rows(document: Mapping[str, Any]) -> Iterable[dict[str, str]]:
    """One row per work item and proposed use ("*": every other use); the stripping depth
    first. ``factor`` holds the item's key, ``kind`` its rule, ``limit_1`` its value,
    ``measure_zh`` / ``measure_en`` its name."""
    works = document.get("works")
    if not works:
        return
    depth = works.get("stripping_depth_m", {})
    yield {
        "section": WORKS,
        "factor": "stripping_depth_m",
        "kind": STRIPPING_ROW,
        "limit_1": _number_text(depth.get("value")),
        "source": depth.get("source", ""),
        "status": depth.get("status", ""),
        "note": depth.get("note", ""),
    }
    for key, item in works.get("items", {}).items():
        values = item.get("value")
        per_use = values if isinstance(values, dict) else {"*": values}
        name = item.get("name", {})
        for use, value in per_use.items():
            yield {
                "section": WORKS,
                "use": use,
                "factor": key,
                "kind": item.get("rule", ""),
                "limit_1": _number_text(value),
                "measure_zh": name.get("zh", ""),
                "measure_en": name.get("en", ""),
                "source": item.get("source", ""),
                "status": item.get("status", ""),
                "note": item.get("note", ""),
                "unit": item.get("unit", ""),
                "damage_types": LIST_SEPARATOR.join(item.get("damage_types", [])),
                "limited_by": LIST_SEPARATOR.join(item.get("limited_by", [])),
                "min_slope_deg": _number_text(item.get("min_slope_deg")),
                "cover": "true" if item.get("cover") else "",
            }
        terraces = item.get("terraces") or {}
        for use, width in (terraces.get("value") or {}).items():
            yield {
                "section": WORKS,
                "use": use,
                "factor": key,
                "kind": TERRACES_ROW,
                "limit_1": _number_text(width),
                "source": terraces.get("source", ""),
                "status": terraces.get("status", ""),
                "note": terraces.get("note", ""),
            }


def table_rows(document: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rule table of a pack document, one dict per CSV row (every column present)."""
    rows = [*_suitability_rows(document), *_disturbance_rows(document), *_works_rows(document)]
    return [{column: row.get(column, "") for column in COLUMNS} for row in rows]


def export_csv(document: Mapping[str, Any], path: str | Path) -> None:
    """Write the pack's rule table as UTF-8 CSV with a BOM (Excel reads it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table_rows(document))
    Path(path).write_bytes(buffer.getvalue().encode("utf-8-sig"))


class _CsvReader:
    """Reads cells of one CSV row, naming the file, row and column of every problem."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.line = 0
        self.row: dict[str, str] = {}

    def fail(self, column: str, problem: str, fix: str) -> RulePackError:
        return RulePackError(self.origin, f"row {self.line}, column {column}", problem, fix)

    def text(self, column: str) -> str:
        return (self.row.get(column) or "").strip()

    def number(self, column: str, text: str | None = None) -> float | int | None:
        text = self.text(column) if text is None else text.strip()
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise self.fail(column, f"{text!r} is not a number", "write a plain number") from None
        return int(number) if number.is_integer() else number

    def limits(self, kind: str) -> list[Any]:
        cells = [self.text(f"limit_{i}") for i in (1, 2, 3)]
        if kind != "range":
            return [self.number(f"limit_{i}") for i in (1, 2, 3)]
        pairs = []
        for i, cell in enumerate(cells, start=1):
            parts = cell.replace("..", RANGE_SEPARATOR).split(RANGE_SEPARATOR)
            if len(parts) != 2:
                raise self.fail(f"limit_{i}", f"{cell!r} is not a range", "write low~high")
            pairs.append([self.number(f"limit_{i}", part) for part in parts])
        return pairs

    def categories(self) -> dict[str, int]:
        table: dict[str, int] = {}
        for item in filter(None, (part.strip() for part in self.text("categories").split(";"))):
            code, sep, grade = item.partition(":")
            number = self.number("categories", grade) if sep else None
            if number is None:
                raise self.fail("categories", f"{item!r}", "write code:grade pairs, e.g. 1:1; 2:3")
            table[code.strip()] = int(number)
        return table


def _provenance(cells: _CsvReader) -> dict[str, str]:
    block = {"source": cells.text("source"), "status": cells.text("status")}
    if cells.text("note"):
        block["note"] = cells.text("note")
    return block


def _factor_rule(cells: _CsvReader) -> dict[str, Any]:
    kind = cells.text("kind")
    rule: dict[str, Any] = {"kind": kind}
    if kind in ("lower_better", "higher_better", "range"):
        rule["limits"] = cells.limits(kind)
    elif kind == "categorical":
        rule["categories"] = cells.categories()
    for bound in ("max", "min"):
        if cells.text(bound):
            rule[bound] = cells.number(bound)
    if cells.text("group"):
        rule["group"] = cells.text("group")
    if cells.text("missing"):
        rule["missing"] = cells.text("missing")
    if cells.text("weight"):
        rule["weight"] = cells.number("weight")
    if cells.text("measure_zh") or cells.text("measure_en"):
        rule["measure"] = {"zh": cells.text("measure_zh"), "en": cells.text("measure_en")}
    rule.update(_provenance(cells))
    return rule


def _decode(raw: bytes, origin: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RulePackError(origin, "$", "the file is neither UTF-8 nor GB18030 text", "save as UTF-8")


def read_rows(path: Path) -> tuple[list[dict[str, str]], str]:
    """The rows of a rule table CSV (any of the accepted encodings) and its origin."""
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulePackError(
            origin, "$", f"cannot read ({error.strerror})", "check the path"
        ) from None
    text = _decode(raw, origin).translate(_FULL_WIDTH)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or ()]
    missing = [column for column in ("section", "use", "factor", "kind") if column not in header]
    if missing:
        raise RulePackError(
            origin, "row 1", f"missing column(s) {', '.join(missing)}", "keep the exported header"
        )
    reader.fieldnames = header
    return list(reader), origin


def import_csv(base: Mapping[str, Any], path: str | Path) -> dict[str, Any]:
    """A new pack document: ``base`` with its rule tables replaced by the CSV's rows.

    The CSV is the complete table: uses and damage types absent from it are dropped. Works
    rows replace the pack's works block; a table without any (exported before the pack
    had works) leaves the block as it is. The result still has to pass ``parse_pack``.
    """
    rows, origin = read_rows(Path(path))
    document = copy.deepcopy(dict(base))
    old_uses = document.get("uses", {})
    uses: dict[str, Any] = {}
    types: dict[str, Any] = {}
    cells = _CsvReader(origin)
    works: dict[str, Any] | None = None
    for line, row in enumerate(rows, start=2):
        cells.line, cells.row = line, row
        section, name = cells.text("section"), cells.text("use")
        if not any(cells.text(column) for column in COLUMNS):
            continue
        if section == SUITABILITY:
            block = uses.setdefault(name, _use_block(old_uses.get(name, {})))
            block["factors"][cells.text("factor")] = _factor_rule(cells)
        elif section == DISTURBANCE:
            _add_degree_row(types.setdefault(name, {"indicators": []}), cells)
        elif section == WORKS:
            works = _add_works_row(works, cells)
        else:
            raise cells.fail(
                "section", f"unknown section {section!r}", "use suitability, disturbance or works"
            )
    document["uses"] = uses
    if types:
        document.setdefault("disturbance", {})["types"] = types
    elif "disturbance" in document:
        document["disturbance"]["types"] = {}
    if works is not None:
        document["works"] = works
    return document


def _add_works_row(works: dict[str, Any] | None, cells: _CsvReader) -> dict[str, Any]:
    """Add one works row: the stripping depth, or one use's value of an item (the item's
    other cells from its first row)."""
    works = works if works is not None else {"items": {}}
    key, kind = cells.text("factor"), cells.text("kind")
    if kind == STRIPPING_ROW:
        works["stripping_depth_m"] = {"value": cells.number("limit_1"), **_provenance(cells)}
        return works
    if kind == TERRACES_ROW:
        item = works["items"].get(key)
        if item is None:
            raise cells.fail("factor", f"terraces of {key!r} before its item", "put them after it")
        terraces = item.setdefault("terraces", {"value": {}, **_provenance(cells)})
        terraces["value"][cells.text("use") or "*"] = cells.number("limit_1")
        return works
    if not key:
        raise cells.fail("factor", "no item key", "name the measure, e.g. soil_cover")
    item = works["items"].get(key)
    if item is None:
        item = {
            "name": {"zh": cells.text("measure_zh"), "en": cells.text("measure_en")},
            "unit": cells.text("unit"),
            "rule": kind,
            "value": {},
            **_provenance(cells),
        }
        for column in ("damage_types", "limited_by"):
            listed = [v.strip() for v in cells.text(column).split(LIST_SEPARATOR) if v.strip()]
            if listed:
                item[column] = listed
        if cells.text("min_slope_deg"):
            item["min_slope_deg"] = cells.number("min_slope_deg")
        if cells.text("cover").lower() in ("true", "1", "yes"):
            item["cover"] = True
        works["items"][key] = item
    use = cells.text("use") or "*"
    value = cells.number("limit_1")
    if value is None:
        raise cells.fail("limit_1", "no value", "give the item's value for this use")
    if use == "*" and not item["value"]:
        item["value"] = value
    elif isinstance(item["value"], dict):
        item["value"][use] = value
    else:
        item["value"] = {"*": item["value"], use: value}
    return works


def _use_block(old: Mapping[str, Any]) -> dict[str, Any]:
    block: dict[str, Any] = {"factors": {}}
    if "note" in old:
        block["note"] = old["note"]
    return block


def _add_degree_row(block: dict[str, Any], cells: _CsvReader) -> None:
    kind = cells.text("kind")
    if kind == DEFAULT_DEGREE_ROW:
        block["default_degree"] = {"value": cells.number("limit_1"), **_provenance(cells)}
        return
    if kind != DEGREE_ROW:
        raise cells.fail("kind", f"{kind!r}", f"use {DEGREE_ROW} or {DEFAULT_DEGREE_ROW}")
    block["indicators"].append(
        {
            "indicator": cells.text("factor"),
            "land_use": cells.text("land_use") or "any",
            "limits": cells.limits(kind),
            **_provenance(cells),
        }
    )
