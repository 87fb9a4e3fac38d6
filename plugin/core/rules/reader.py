"""Reading a rule-pack document: typed access that names the JSON path of every problem."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .vocabulary import STATUSES


class RulePackError(ValueError):
    """A rule pack is malformed: names the file, the JSON path and how to fix it."""

    def __init__(self, origin: str, path: str, problem: str, fix: str) -> None:
        self.origin = origin
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{origin}: {path}: {problem}. Fix: {fix}")


@dataclass(frozen=True)
class Sourced:
    """Where a rule's numbers come from and how far they were checked."""

    source: str
    status: str
    note: str = ""


class Reader:
    """Walks the JSON document, tracking the path for error messages."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, path: str, problem: str, fix: str) -> RulePackError:
        return RulePackError(self.origin, path, problem, fix)

    def mapping(
        self,
        value: Any,
        path: str,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        open_keys: bool = False,
    ) -> dict:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected an object, found {type(value).__name__}", "use {…}")
        unknown = [] if open_keys else sorted(set(value) - set(required) - set(optional))
        if unknown:
            allowed = ", ".join(sorted((*required, *optional)))
            raise self.fail(
                f"{path}.{unknown[0]}", "unknown key", f"remove it or use one of: {allowed}"
            )
        for key in required:
            if key not in value:
                raise self.fail(f"{path}.{key}", "missing key", f'add "{key}"')
        return value

    def string(self, value: Any, path: str, choices: tuple[str, ...] = ()) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(path, "expected a non-empty string", "write it in quotes")
        if choices and value not in choices:
            raise self.fail(path, f"unknown value {value!r}", f"use one of: {', '.join(choices)}")
        return value

    def number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(path, f"expected a number, found {value!r}", "write a plain number")
        if not math.isfinite(value):
            raise self.fail(path, "the number is not finite", "write a finite number")
        return float(value)

    def numbers(self, value: Any, path: str, count: int | None = None) -> tuple[float, ...]:
        if not isinstance(value, list):
            raise self.fail(path, "expected a list of numbers", "use [a, b, c]")
        if count is not None and len(value) != count:
            raise self.fail(path, f"expected {count} values, found {len(value)}", "fix the list")
        return tuple(self.number(item, f"{path}[{i}]") for i, item in enumerate(value))

    def texts(self, value: Any, path: str) -> dict[str, str]:
        block = self.mapping(value, path, ("zh", "en"))
        return {lang: self.string(block[lang], f"{path}.{lang}") for lang in ("zh", "en")}

    def provenance(self, block: dict, path: str, sources: Mapping[str, Any]) -> Sourced:
        source = self.string(block.get("source"), f"{path}.source")
        if source not in sources:
            raise self.fail(
                f"{path}.source",
                f"source {source!r} is not listed under sources",
                'add it to the top-level "sources" object or correct the key',
            )
        status = self.string(block.get("status"), f"{path}.status", STATUSES)
        note = block.get("note", "")
        if not isinstance(note, str):
            raise self.fail(f"{path}.note", "expected a string", "write the note in quotes")
        return Sourced(source, status, note)


PROVENANCE_KEYS = ("source", "status")
