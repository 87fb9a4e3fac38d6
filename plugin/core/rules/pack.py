"""Rule packs: the data model, loading and validation.

Loading validates everything and raises ``RulePackError`` naming the file, the JSON path
of the problem and the fix. A pack is plain JSON: nothing in it is ever executed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .degree import DisturbanceRules, parse_disturbance
from .esv import EsvRules, parse_esv
from .landuse_codes import LAND_USE_CODES
from .network import NetworkRules, parse_network
from .priority import PriorityRules, parse_priority
from .reader import PROVENANCE_KEYS, Reader, RulePackError, Sourced
from .reuse import ReuseRules, parse_reuse
from .timing import Timing, parse_timing
from .vocabulary import (
    DAMAGE_TYPES,
    EVALUATED_USES,
    FACTORS,
    GRADE_LABELS,
    GRADE_N,
    METHODS,
    MISSING_POLICIES,
    PROPOSAL_ONLY_USES,
)
from .works import Works, parse_works

SCHEMA_VERSION = 1
# The built-in pack used when none is named (the plan's default rules for China).
DEFAULT_PACK = "cn-reclamation"
NUMERIC_KINDS = ("lower_better", "higher_better", "range")
KINDS = (*NUMERIC_KINDS, "categorical", "constraint")
SELECT_POLICIES = ("best_grade_then_priority", "priority_first")
# Suitability uses three limits between grades 1|2|3|N.
SUITABILITY_LIMITS = GRADE_N - 1


@dataclass(frozen=True)
class FactorRule:
    """How one factor grades one use (or one damage degree)."""

    factor: str
    kind: str
    limits: tuple[Any, ...]  # floats, or (low, high) pairs for "range"
    categories: Mapping[float, int]
    bound: float | None  # for "constraint": the max (or min) allowed
    bound_is_max: bool
    missing: str
    weight: float
    measure: Mapping[str, str]
    provenance: Sourced
    # Rules of one use that share a group are alternatives: the best of them counts
    # (water stands there, or a water source is near). "" = on its own.
    group: str = ""


@dataclass(frozen=True)
class UseRules:
    """The factor rules of one reclaimed use."""

    use: str
    rules: tuple[FactorRule, ...]

    def factor_names(self) -> tuple[str, ...]:
        return tuple(rule.factor for rule in self.rules)


@dataclass(frozen=True)
class SourcedValue:
    value: float
    provenance: Sourced


@dataclass(frozen=True)
class IndexSum:
    scores: tuple[float, ...]  # score of grades 1, 2, 3, N
    breakpoints: tuple[float, ...]  # R >= b1 -> 1, >= b2 -> 2, >= b3 -> 3, else N
    provenance: Sourced


@dataclass(frozen=True)
class Proposal:
    priority: tuple[str, ...]
    select: str
    fallback: str
    cultivation_slope_cap: SourcedValue
    ponding_min_depth_m: SourcedValue
    reservoir_storage_m3: SourcedValue
    codes: Mapping[str, str]
    reservoir_code: str
    # Use -> codes of the land use before damage that a unit proposed for that use keeps
    # (水浇地 0102 stays 0102, not the use's 0103), with the rule's provenance.
    keep_previous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    keep_previous_provenance: Sourced | None = None
    # Codes of before damage that are rebuilt as they were (农村道路 1006, 沟渠 1107).
    restore_previous: tuple[str, ...] = ()
    restore_previous_provenance: Sourced | None = None


@dataclass(frozen=True)
class UnitBlock:
    """How evaluation units are cut (``reclamation:makeunits``): the minimum unit area,
    and the face (边坡) limit with the damage types whose faces are split from their
    platforms (平台)."""

    min_area_m2: SourcedValue
    face_slope_deg: SourcedValue
    face_types: tuple[str, ...]


@dataclass(frozen=True)
class RulePack:
    """A validated rule pack."""

    id: str
    version: str
    title: Mapping[str, str]
    region: str
    method: str
    grade_labels: str
    slope_classes: tuple[float, ...]
    uses: Mapping[str, UseRules]
    index_sum: IndexSum | None
    proposal: Proposal
    disturbance: DisturbanceRules | None
    sources: Mapping[str, Mapping[str, str]]
    units: UnitBlock | None
    origin: str
    sha256: str
    raw: Mapping[str, Any] = field(repr=False)
    # The engineering measures and their quantity rules (None: the pack has none).
    works: Works | None = None
    # When damaged land may be reclaimed and the stage length (None: the pack has none).
    timing: Timing | None = None
    # Ecosystem-service value: equivalents, code mapping, damage (None: the pack has none).
    esv: EsvRules | None = None
    # Resistance and ecological sources of the MCR network (None: the pack has none).
    network: NetworkRules | None = None
    # Weights of the benefits in the cost-benefit priority (None: the pack has none).
    priority: PriorityRules | None = None
    # Second lives (photovoltaics, construction, tourism) (None: the pack has none).
    reuse: ReuseRules | None = None

    def use_rules(self, use: str) -> UseRules:
        return self.uses[use]


def _factor_rule(reader: Reader, factor: str, block: Any, path: str, pack: dict) -> FactorRule:
    if factor not in FACTORS:
        raise reader.fail(
            path, f"unknown factor {factor!r}", f"use a canonical factor: {', '.join(FACTORS)}"
        )
    optional = (
        "note",
        "missing",
        "weight",
        "measure",
        "limits",
        "categories",
        "max",
        "min",
        "group",
    )
    block = reader.mapping(block, path, ("kind", *PROVENANCE_KEYS), optional)
    kind = reader.string(block["kind"], f"{path}.kind", KINDS)
    provenance = reader.provenance(block, path, pack.get("sources", {}))
    missing = reader.string(
        block.get("missing", pack.get("missing_default", "not_evaluated")),
        f"{path}.missing",
        MISSING_POLICIES,
    )
    weight = reader.number(block.get("weight", 1.0), f"{path}.weight")
    if weight < 0:
        raise reader.fail(f"{path}.weight", "negative weight", "use a weight of 0 or more")
    measure = reader.texts(block["measure"], f"{path}.measure") if "measure" in block else {}
    limits: tuple[Any, ...] = ()
    categories: dict[float, int] = {}
    bound: float | None = None
    bound_is_max = True
    if kind in ("lower_better", "higher_better"):
        limits = reader.numbers(block.get("limits"), f"{path}.limits", SUITABILITY_LIMITS)
        ordered = list(limits) == sorted(limits, reverse=(kind == "higher_better"))
        if not ordered:
            order = "increase" if kind == "lower_better" else "decrease"
            raise reader.fail(
                f"{path}.limits",
                f"limits {list(limits)} are not monotonic",
                f"for {kind} the limits of grades 1, 2, 3 must {order}",
            )
    elif kind == "range":
        pairs = block.get("limits")
        if not isinstance(pairs, list) or len(pairs) != SUITABILITY_LIMITS:
            raise reader.fail(
                f"{path}.limits",
                "expected three [low, high] pairs",
                "use [[l1,h1],[l2,h2],[l3,h3]]",
            )
        limits = tuple(reader.numbers(p, f"{path}.limits[{i}]", 2) for i, p in enumerate(pairs))
        for i, (low, high) in enumerate(limits):
            outer = limits[i - 1] if i else (low, high)
            if low > high or low > outer[0] or high < outer[1]:
                raise reader.fail(
                    f"{path}.limits[{i}]",
                    f"range {[low, high]} is not nested in the previous one",
                    "each grade's range must contain the better grade's range, low <= high",
                )
    elif kind == "categorical":
        table = reader.mapping(block.get("categories"), f"{path}.categories", open_keys=True)
        if not table:
            raise reader.fail(f"{path}.categories", "no categories", "map codes to grades 1-4")
        for code, grade in table.items():
            try:
                key = float(code)
            except ValueError:
                raise reader.fail(
                    f"{path}.categories.{code}", "category codes are numbers", 'use "1", "2"…'
                ) from None
            if grade not in (1, 2, 3, GRADE_N):
                raise reader.fail(
                    f"{path}.categories.{code}", f"grade {grade!r}", "use 1, 2, 3 or 4 (N)"
                )
            categories[key] = int(grade)
    else:  # constraint
        has_max, has_min = "max" in block, "min" in block
        if has_max == has_min:
            raise reader.fail(path, "a constraint needs exactly one of max or min", "add one")
        bound_is_max = has_max
        bound = reader.number(
            block["max" if has_max else "min"], f"{path}.{'max' if has_max else 'min'}"
        )
    group = reader.string(block.get("group", ""), f"{path}.group") if "group" in block else ""
    return FactorRule(
        factor,
        kind,
        limits,
        categories,
        bound,
        bound_is_max,
        missing,
        weight,
        measure,
        provenance,
        group,
    )


def _uses(reader: Reader, pack: dict) -> dict[str, UseRules]:
    uses = reader.mapping(pack["uses"], "uses", (), EVALUATED_USES)
    if not uses:
        raise reader.fail("uses", "no uses", f"add at least one of {', '.join(EVALUATED_USES)}")
    result = {}
    for use, block in uses.items():
        block = reader.mapping(block, f"uses.{use}", ("factors",), ("note",))
        factors = block["factors"]
        if not isinstance(factors, dict) or not factors:
            raise reader.fail(f"uses.{use}.factors", "no factors", "add at least one factor rule")
        rules = tuple(
            _factor_rule(reader, name, rule, f"uses.{use}.factors.{name}", pack)
            for name, rule in factors.items()
        )
        result[use] = UseRules(use, rules)
    return result


def _sourced_value(reader: Reader, block: Any, path: str, pack: dict) -> SourcedValue:
    block = reader.mapping(block, path, ("value", *PROVENANCE_KEYS), ("note",))
    return SourcedValue(
        reader.number(block["value"], f"{path}.value"),
        reader.provenance(block, path, pack.get("sources", {})),
    )


def _code(reader: Reader, value: Any, path: str) -> str:
    code = reader.string(value, path)
    if code not in LAND_USE_CODES:
        raise reader.fail(
            path, f"{code!r} is not a GB/T 21010-2017 code", "use a code such as 0103"
        )
    return code


def _keep_previous(
    reader: Reader, block: dict, pack: dict, path: str, uses: Mapping[str, UseRules]
) -> dict[str, Any]:
    """``keep_previous_code``: {"uses": {use: [codes]}, source, status, note}."""
    if "keep_previous_code" not in block:
        return {}
    where = f"{path}.keep_previous_code"
    entry = reader.mapping(
        block["keep_previous_code"], where, ("uses", *PROVENANCE_KEYS), ("note",)
    )
    keep = {}
    for use, codes in reader.mapping(entry["uses"], f"{where}.uses", (), tuple(uses)).items():
        if not isinstance(codes, list):
            raise reader.fail(f"{where}.uses.{use}", "expected a list of codes", 'e.g. ["0102"]')
        keep[use] = tuple(
            _code(reader, code, f"{where}.uses.{use}[{i}]") for i, code in enumerate(codes)
        )
    return {
        "keep_previous": keep,
        "keep_previous_provenance": reader.provenance(entry, where, parse_sources(reader, pack)),
    }


def _proposal(reader: Reader, pack: dict, uses: Mapping[str, UseRules]) -> Proposal:
    path = "proposal"
    block = reader.mapping(
        pack["proposal"],
        path,
        ("priority", "fallback", "cultivation_slope_cap_deg", "ponding", "codes"),
        ("select", "note", "keep_previous_code", "restore_previous_code"),
    )
    priority = block["priority"]
    if not isinstance(priority, list) or not priority:
        raise reader.fail(f"{path}.priority", "expected a list of uses", 'e.g. ["cultivated", …]')
    for i, use in enumerate(priority):
        reader.string(use, f"{path}.priority[{i}]", tuple(uses))
    if len(set(priority)) != len(priority):
        raise reader.fail(f"{path}.priority", "a use is listed twice", "list each use once")
    fallback = reader.string(
        block["fallback"], f"{path}.fallback", (*EVALUATED_USES, *PROPOSAL_ONLY_USES)
    )
    select = reader.string(
        block.get("select", SELECT_POLICIES[0]), f"{path}.select", SELECT_POLICIES
    )
    ponding = reader.mapping(
        block["ponding"],
        f"{path}.ponding",
        ("min_depth_m", "reservoir_storage_m3", "reservoir_code"),
    )
    codes_block = reader.mapping(
        block["codes"], f"{path}.codes", (), (*EVALUATED_USES, *PROPOSAL_ONLY_USES)
    )
    codes = {use: _code(reader, code, f"{path}.codes.{use}") for use, code in codes_block.items()}
    for use in (*priority, fallback):
        if use not in codes and use != "keep":
            raise reader.fail(f"{path}.codes", f"no code for {use!r}", f'add "{use}": "<code>"')
    return Proposal(
        priority=tuple(priority),
        select=select,
        fallback=fallback,
        cultivation_slope_cap=_sourced_value(
            reader, block["cultivation_slope_cap_deg"], f"{path}.cultivation_slope_cap_deg", pack
        ),
        ponding_min_depth_m=_sourced_value(
            reader, ponding["min_depth_m"], f"{path}.ponding.min_depth_m", pack
        ),
        reservoir_storage_m3=_sourced_value(
            reader, ponding["reservoir_storage_m3"], f"{path}.ponding.reservoir_storage_m3", pack
        ),
        codes=codes,
        reservoir_code=_code(reader, ponding["reservoir_code"], f"{path}.ponding.reservoir_code"),
        **_keep_previous(reader, block, pack, path, uses),
        **_restore_previous(reader, block, pack, path),
    )


def _restore_previous(reader: Reader, block: dict, pack: dict, path: str) -> dict[str, Any]:
    """``restore_previous_code``: land-use codes rebuilt as they were where damaged."""
    if "restore_previous_code" not in block:
        return {}
    where = f"{path}.restore_previous_code"
    entry = reader.mapping(
        block["restore_previous_code"], where, ("codes", *PROVENANCE_KEYS), ("note",)
    )
    codes = entry["codes"]
    if not isinstance(codes, list) or not codes:
        raise reader.fail(f"{where}.codes", "expected a list of codes", 'e.g. ["1006", "1107"]')
    return {
        "restore_previous": tuple(
            _code(reader, code, f"{where}.codes[{i}]") for i, code in enumerate(codes)
        ),
        "restore_previous_provenance": reader.provenance(entry, where, parse_sources(reader, pack)),
    }


def _units(reader: Reader, pack: dict) -> UnitBlock | None:
    if "units" not in pack:
        return None
    block = reader.mapping(
        pack["units"], "units", ("min_area_m2", "face_slope_deg", "face_types"), ("note",)
    )
    min_area = _sourced_value(reader, block["min_area_m2"], "units.min_area_m2", pack)
    face = _sourced_value(reader, block["face_slope_deg"], "units.face_slope_deg", pack)
    if min_area.value < 0:
        raise reader.fail("units.min_area_m2.value", "a negative area", "give 0 or more m²")
    if not 0 < face.value < 90:
        raise reader.fail("units.face_slope_deg.value", "not between 0 and 90°", "fix it")
    types = block["face_types"]
    if not isinstance(types, list) or any(t not in DAMAGE_TYPES for t in types):
        raise reader.fail(
            "units.face_types",
            "expected a list of damage types",
            f"use some of {', '.join(DAMAGE_TYPES)}",
        )
    return UnitBlock(min_area, face, tuple(types))


def _index_sum(reader: Reader, pack: dict) -> IndexSum | None:
    if "index_sum" not in pack:
        return None
    path = "index_sum"
    block = reader.mapping(pack[path], path, ("scores", "breakpoints", *PROVENANCE_KEYS), ("note",))
    scores = reader.numbers(block["scores"], f"{path}.scores", len((1, 2, 3, GRADE_N)))
    breakpoints = reader.numbers(block["breakpoints"], f"{path}.breakpoints", SUITABILITY_LIMITS)
    if list(scores) != sorted(scores, reverse=True):
        raise reader.fail(f"{path}.scores", "scores must fall from grade 1 to N", "reorder them")
    if list(breakpoints) != sorted(breakpoints, reverse=True):
        raise reader.fail(f"{path}.breakpoints", "breakpoints must fall", "reorder them")
    return IndexSum(scores, breakpoints, reader.provenance(block, path, pack.get("sources", {})))


def parse_sources(reader: Reader, document: dict) -> dict[str, dict[str, str]]:
    """The ``sources`` block of a pack (or of a cost structure): key -> citation, url."""
    sources = reader.mapping(document["sources"], "sources", open_keys=True)
    for key, block in sources.items():
        block = reader.mapping(
            block, f"sources.{key}", ("citation",), ("citation_zh", "citation_en", "url")
        )
        for name, text in block.items():
            reader.string(text, f"sources.{key}.{name}")
    return sources


TOP_REQUIRED = (
    "schema",
    "id",
    "version",
    "title",
    "region",
    "method",
    "grade_labels",
    "sources",
    "slope_classes",
    "uses",
    "proposal",
)
TOP_OPTIONAL = (
    "missing_default",
    "index_sum",
    "notes",
    "disturbance",
    "units",
    "works",
    "schedule",
    "esv",
    "network",
    "priority",
    "reuse",
)


def parse_pack(document: Any, origin: str, raw_bytes: bytes = b"") -> RulePack:
    """Validate a decoded JSON document and build the pack."""
    reader = Reader(origin)
    pack = reader.mapping(document, "$", TOP_REQUIRED, TOP_OPTIONAL)
    if pack["schema"] != SCHEMA_VERSION:
        raise reader.fail(
            "schema", f"schema {pack['schema']!r}", f"this plugin reads schema {SCHEMA_VERSION}"
        )
    sources = parse_sources(reader, pack)
    reader.string(pack.get("missing_default", "not_evaluated"), "missing_default", MISSING_POLICIES)
    if "notes" in pack:
        reader.texts(pack["notes"], "notes")
    slope_block = reader.mapping(
        pack["slope_classes"], "slope_classes", ("limits", *PROVENANCE_KEYS), ("note",)
    )
    slope_limits = reader.numbers(slope_block["limits"], "slope_classes.limits")
    if list(slope_limits) != sorted(set(slope_limits)):
        raise reader.fail("slope_classes.limits", "limits must strictly increase", "reorder them")
    reader.provenance(slope_block, "slope_classes", sources)
    uses = _uses(reader, pack)
    method = reader.string(pack["method"], "method", METHODS)
    index_sum = _index_sum(reader, pack)
    if method == "index_sum" and index_sum is None:
        raise reader.fail("index_sum", "method is index_sum but no index_sum block", "add one")
    return RulePack(
        id=reader.string(pack["id"], "id"),
        version=reader.string(pack["version"], "version"),
        title=reader.texts(pack["title"], "title"),
        region=reader.string(pack["region"], "region"),
        method=method,
        grade_labels=reader.string(pack["grade_labels"], "grade_labels", tuple(GRADE_LABELS)),
        slope_classes=slope_limits,
        uses=uses,
        index_sum=index_sum,
        proposal=_proposal(reader, pack, uses),
        disturbance=(
            parse_disturbance(reader, pack["disturbance"], sources)
            if "disturbance" in pack
            else None
        ),
        sources=sources,
        units=_units(reader, pack),
        origin=origin,
        sha256=hashlib.sha256(raw_bytes).hexdigest() if raw_bytes else "",
        raw=document,
        works=parse_works(reader, pack["works"], sources) if "works" in pack else None,
        timing=parse_timing(reader, pack["schedule"], sources) if "schedule" in pack else None,
        esv=parse_esv(reader, pack["esv"], sources) if "esv" in pack else None,
        network=parse_network(reader, pack["network"], sources) if "network" in pack else None,
        priority=(
            parse_priority(reader, pack["priority"], sources) if "priority" in pack else None
        ),
        reuse=parse_reuse(reader, pack["reuse"], sources) if "reuse" in pack else None,
    )


def _reject_duplicate_keys(origin: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in pairs:
            if key in seen:
                raise RulePackError(origin, key, "key given twice in one object", "keep one")
            seen[key] = value
        return seen

    return hook


def load_pack(path: str | Path) -> RulePack:
    """Read, validate and return the rule pack in a JSON file."""
    path = Path(path)
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RulePackError(
            origin, "$", f"cannot read the file ({error.strerror})", "check the path"
        ) from None
    try:
        document = json.loads(
            raw.decode("utf-8-sig"), object_pairs_hook=_reject_duplicate_keys(origin)
        )
    except UnicodeDecodeError:
        raise RulePackError(origin, "$", "the file is not UTF-8 text", "save it as UTF-8") from None
    except json.JSONDecodeError as error:
        raise RulePackError(
            origin,
            f"line {error.lineno} column {error.colno}",
            f"invalid JSON ({error.msg})",
            "correct the JSON syntax",
        ) from None
    except RecursionError:
        raise RulePackError(origin, "$", "the JSON nests too deeply", "flatten it") from None
    return parse_pack(document, origin, raw)


def builtin_pack_ids(rules_dir: Path) -> list[str]:
    """Ids of the built-in packs in a rules folder (file stem = pack id)."""
    return sorted(path.stem for path in rules_dir.glob("*.json"))


def builtin_pack_titles(rules_dir: Path) -> dict[str, tuple[str, str]]:
    """Id -> (中文, English) title of each built-in pack, in id order: what a list of packs
    shows (the id stays the value)."""
    titles = {}
    for pack_id in builtin_pack_ids(rules_dir):
        title = load_pack(rules_dir / f"{pack_id}.json").title
        titles[pack_id] = (str(title.get("zh", "")), str(title.get("en", "")))
    return titles


def resolve_pack(reference: str, rules_dir: Path) -> RulePack:
    """Load a pack by built-in id (``cn-reclamation``) or by file path."""
    candidate = rules_dir / f"{reference}.json"
    if candidate.is_file():
        return load_pack(candidate)
    path = Path(reference)
    if path.suffix.lower() == ".json" or path.exists():
        return load_pack(path)
    known = ", ".join(builtin_pack_ids(rules_dir))
    raise RulePackError(
        reference,
        "$",
        "no built-in pack has this id and no such file exists",
        f"use one of: {known}, or a path to a .json pack",
    )
