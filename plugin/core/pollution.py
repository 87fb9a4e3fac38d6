"""Soil pollution screening against GB 15618-2018: values table, loader, exceedance.

The risk screening values (风险筛选值) and intervention values (风险管制值) live in
``resources/standards/gb15618-2018.json`` with the source and status of every row (see the
file's ``note``: every row there is "secondary", none was read in the standard itself).
:func:`load_standard` validates the file and raises ``RulePackError`` naming the file,
the JSON path and the fix.

:func:`exceedance` rates samples, vectorised over samples (it loops over the eleven
pollutants only):

- the pH band: ``pH ≤ 5.5 | 5.5 < pH ≤ 6.5 | 6.5 < pH ≤ 7.5 | pH > 7.5``, a pH on a limit
  belonging to the lower band; the land-use column: ``paddy`` (水田), ``orchard`` (果园,
  used by copper) or ``other`` (其他);
- per pollutant the ratio concentration / limit; per sample the worst ratio over the
  pollutants, for screening and for intervention values;
- the pollution class of the public contract: 0 all at or below their screening values (the
  standard: "等于或者低于" is low risk), 1 some above a screening value, 2 some above an
  intervention value; POLLUTION_UNDECIDED (-1) where nothing can be rated.

Missing data never passes for clean soil: NaN, negative and non-numeric concentrations
are ignored (not measured), and a concentration of a pH-dependent pollutant without a
pH cannot be rated. A sample with such an unrated concentration is undecided unless
another pollutant already puts it above an intervention value (class 2 cannot rise).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .rules.reader import Reader, RulePackError
from .rules.vocabulary import STATUSES

__all__ = [
    "FILE_NAME",
    "LAND_USES",
    "POLLUTION_UNDECIDED",
    "Exceedance",
    "LimitRow",
    "PollutantLimits",
    "PollutionStandard",
    "RulePackError",
    "exceedance",
    "load_standard",
    "numeric",
    "parse_standard",
    "ph_band",
]

FILE_NAME = "gb15618-2018.json"  # in resources/standards/
SCHEMA = 1
UNIT = "mg/kg"
LAND_USES: tuple[str, ...] = ("paddy", "other", "orchard")
PH_BANDS = 4
POLLUTION_UNDECIDED = -1
NO_BAND = -1  # pH missing


# --- the table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LimitRow:
    """One row of a table: limits per pH band for some land uses, with its provenance."""

    land_uses: tuple[str, ...]
    values: tuple[float, ...]  # 4 values (one per pH band), or 1 for every band
    sources: tuple[str, ...]
    status: str
    note: str = ""

    @property
    def ph_dependent(self) -> bool:
        return len(set(self.values)) > 1


@dataclass(frozen=True)
class PollutantLimits:
    """Screening and intervention values of one pollutant, as (land use, pH band) arrays."""

    key: str
    name: Mapping[str, str]
    aliases: tuple[str, ...]
    screening: np.ndarray  # float (len(LAND_USES), PH_BANDS)
    intervention: np.ndarray | None  # same shape, or None: the standard gives none
    screening_rows: tuple[LimitRow, ...]
    intervention_rows: tuple[LimitRow, ...]
    note: str = ""

    @property
    def ph_dependent(self) -> bool:
        """Whether any limit differs between pH bands (then a pH is needed to rate it)."""
        tables = [self.screening]
        if self.intervention is not None:
            tables.append(self.intervention)
        return any(bool(np.any(table != table[:, :1])) for table in tables)


@dataclass(frozen=True)
class PollutionStandard:
    id: str
    version: str
    origin: str
    ph_limits: tuple[float, ...]  # upper limits of the first three bands
    pollutants: Mapping[str, PollutantLimits]
    sources: Mapping[str, Mapping[str, str]]
    not_found: tuple[str, ...]

    def pollutant_key(self, name: str) -> str | None:
        """The pollutant a column or field name stands for (key or alias, any case)."""
        wanted = name.strip().casefold()
        for key, limits in self.pollutants.items():
            if wanted == key.casefold() or wanted in limits.aliases:
                return key
        return None


def load_standard(path: str | Path) -> PollutionStandard:
    """Read and validate a GB 15618 values file (the built-in one is ``FILE_NAME``)."""
    origin = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise RulePackError(
            origin, "$", f"cannot read the file ({error})", "check the path"
        ) from error
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RulePackError(
            origin, "$", f"invalid JSON ({error.msg}, line {error.lineno})", "fix the syntax"
        ) from None
    return parse_standard(document, origin)


def parse_standard(document: Any, origin: str = "<document>") -> PollutionStandard:
    """Validate a parsed values document; RulePackError names the path and the fix."""
    reader = Reader(origin)
    top = reader.mapping(
        document,
        "$",
        (
            "schema",
            "id",
            "version",
            "title",
            "unit",
            "ph_bands",
            "land_uses",
            "sources",
            "pollutants",
        ),
        ("note", "not_found"),
    )
    if top["schema"] != SCHEMA:
        raise reader.fail("schema", f"unknown schema {top['schema']!r}", f"use {SCHEMA}")
    reader.string(top["unit"], "unit", (UNIT,))
    reader.texts(top["title"], "title")
    ph_limits = _ph_limits(reader, top["ph_bands"])
    _land_uses(reader, top["land_uses"])
    sources = _sources(reader, top["sources"])
    block = reader.mapping(top["pollutants"], "pollutants", open_keys=True)
    if not block:
        raise reader.fail("pollutants", "no pollutant is listed", "add at least one")
    pollutants = {key: _pollutant(reader, key, value, sources) for key, value in block.items()}
    _check_aliases(reader, pollutants)
    not_found = top.get("not_found", [])
    if not isinstance(not_found, list) or not all(isinstance(n, str) for n in not_found):
        raise reader.fail("not_found", "expected a list of strings", 'use ["…", …]')
    return PollutionStandard(
        id=reader.string(top["id"], "id"),
        version=reader.string(top["version"], "version"),
        origin=origin,
        ph_limits=ph_limits,
        pollutants=pollutants,
        sources=sources,
        not_found=tuple(not_found),
    )


def _ph_limits(reader: Reader, block: Any) -> tuple[float, ...]:
    block = reader.mapping(block, "ph_bands", ("upper_limits",), ("labels", "note"))
    limits = reader.numbers(block["upper_limits"], "ph_bands.upper_limits", PH_BANDS - 1)
    if list(limits) != sorted(set(limits)) or not all(0 < limit < 14 for limit in limits):
        raise reader.fail(
            "ph_bands.upper_limits",
            f"limits {list(limits)} are not increasing pH values",
            "use e.g. [5.5, 6.5, 7.5]",
        )
    return limits


def _land_uses(reader: Reader, block: Any) -> None:
    block = reader.mapping(block, "land_uses", LAND_USES)
    for name in LAND_USES:
        reader.texts(block[name], f"land_uses.{name}")


def _sources(reader: Reader, block: Any) -> dict[str, dict[str, str]]:
    block = reader.mapping(block, "sources", open_keys=True)
    sources = {}
    for key, value in block.items():
        entry = reader.mapping(value, f"sources.{key}", ("citation",), ("url",))
        sources[key] = {
            "citation": reader.string(entry["citation"], f"sources.{key}.citation"),
            "url": str(entry.get("url", "")),
        }
    return sources


def _pollutant(reader: Reader, key: str, block: Any, sources: Mapping) -> PollutantLimits:
    path = f"pollutants.{key}"
    block = reader.mapping(block, path, ("name", "aliases", "screening"), ("intervention", "note"))
    aliases = block["aliases"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise reader.fail(f"{path}.aliases", "expected a list of names", 'use ["cd", "镉"]')
    screening_rows = _rows(reader, block["screening"], f"{path}.screening", sources)
    screening = _table(reader, screening_rows, f"{path}.screening")
    intervention_rows: tuple[LimitRow, ...] = ()
    intervention = None
    if "intervention" in block:
        intervention_rows = _rows(reader, block["intervention"], f"{path}.intervention", sources)
        intervention = _table(reader, intervention_rows, f"{path}.intervention")
        if np.any(intervention <= screening):
            raise reader.fail(
                f"{path}.intervention",
                "an intervention value is not above the screening value of its column",
                "check both tables against the standard",
            )
    return PollutantLimits(
        key=key,
        name=reader.texts(block["name"], f"{path}.name"),
        aliases=tuple(alias.strip().casefold() for alias in aliases),
        screening=screening,
        intervention=intervention,
        screening_rows=screening_rows,
        intervention_rows=intervention_rows,
        note=str(block.get("note", "")),
    )


def _rows(reader: Reader, block: Any, path: str, sources: Mapping) -> tuple[LimitRow, ...]:
    if not isinstance(block, list) or not block:
        raise reader.fail(path, "expected a non-empty list of rows", "use [{…}, …]")
    return tuple(_row(reader, row, f"{path}[{i}]", sources) for i, row in enumerate(block))


def _row(reader: Reader, block: Any, path: str, sources: Mapping) -> LimitRow:
    block = reader.mapping(block, path, ("land_use", "values", "sources", "status"), ("note",))
    land_uses = block["land_use"]
    if not isinstance(land_uses, list) or not land_uses:
        raise reader.fail(f"{path}.land_use", "expected a list of land uses", 'use ["paddy"]')
    for i, name in enumerate(land_uses):
        reader.string(name, f"{path}.land_use[{i}]", LAND_USES)
    values = block["values"]
    count = len(values) if isinstance(values, list) else 0
    if count not in (1, PH_BANDS):
        raise reader.fail(
            f"{path}.values",
            f"expected {PH_BANDS} values (one per pH band) or 1 (every band)",
            "write [a, b, c, d] or [a]",
        )
    numbers = reader.numbers(values, f"{path}.values", count)
    if min(numbers) <= 0:
        raise reader.fail(f"{path}.values", "limits must be positive mg/kg", "fix the value")
    cited = block["sources"]
    if not isinstance(cited, list) or not cited:
        raise reader.fail(f"{path}.sources", "expected a list of source keys", 'use ["SRS"]')
    for i, source in enumerate(cited):
        if reader.string(source, f"{path}.sources[{i}]") not in sources:
            raise reader.fail(
                f"{path}.sources[{i}]",
                f"source {source!r} is not listed under sources",
                'add it to the top-level "sources" or correct the key',
            )
    status = reader.string(block["status"], f"{path}.status", STATUSES)
    if status == "secondary" and len(set(cited)) < 2:
        raise reader.fail(
            f"{path}.status",
            "'secondary' needs two independent reproductions that agree",
            "list both sources, or mark the row 'unverified'",
        )
    note = block.get("note", "")
    if not isinstance(note, str):
        raise reader.fail(f"{path}.note", "expected a string", "write the note in quotes")
    return LimitRow(tuple(land_uses), numbers, tuple(cited), status, note)


def _table(reader: Reader, rows: tuple[LimitRow, ...], path: str) -> np.ndarray:
    """(land use, pH band) array; every land use must be covered by exactly one row."""
    table = np.full((len(LAND_USES), PH_BANDS), np.nan)
    for index, row in enumerate(rows):
        for land_use in row.land_uses:
            position = LAND_USES.index(land_use)
            if not np.isnan(table[position, 0]):
                raise reader.fail(
                    f"{path}[{index}].land_use",
                    f"{land_use!r} appears in two rows",
                    "give each land use one row",
                )
            table[position] = row.values  # one value broadcasts to every band
    missing = [name for name, row in zip(LAND_USES, table, strict=True) if np.isnan(row[0])]
    if missing:
        raise reader.fail(path, f"no row for {', '.join(missing)}", "add the land use to a row")
    return table


def _check_aliases(reader: Reader, pollutants: Mapping[str, PollutantLimits]) -> None:
    seen: dict[str, str] = {}
    for key, limits in pollutants.items():
        for name in {key.casefold(), *limits.aliases}:
            if seen.setdefault(name, key) != key:
                raise reader.fail(
                    f"pollutants.{key}.aliases",
                    f"the name {name!r} also stands for {seen[name]}",
                    "give each name to one pollutant",
                )


# --- rating samples ----------------------------------------------------------------------


@dataclass(frozen=True)
class Exceedance:
    """Per-sample results of :func:`exceedance` (arrays of the samples' shape)."""

    screening_ratio: np.ndarray  # worst concentration / screening value; NaN: none rated
    intervention_ratio: np.ndarray  # worst over pollutants with intervention values
    worst_pollutant: np.ndarray  # object: key of the highest screening ratio, "" if none
    pollution_class: np.ndarray  # int8: 0, 1, 2; POLLUTION_UNDECIDED
    rated: np.ndarray  # int16: pollutants rated
    unrated: np.ndarray  # int16: numeric concentrations that could not be rated (no pH)
    ph_band: np.ndarray  # int8: 0..3, NO_BAND where the pH is missing

    @property
    def no_numeric_concentration(self) -> np.ndarray:
        """Samples without any usable concentration: bad input to report."""
        return (self.rated == 0) & (self.unrated == 0)


def numeric(values: Any) -> np.ndarray:
    """Float array from a column: None, "", "ND", "<0.01" and other text become NaN."""
    array = np.asarray(values)
    if array.dtype.kind in "biuf":
        return array.astype(np.float64)
    return np.frompyfunc(_to_float, 1, 1)(array).astype(np.float64)


def _to_float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def ph_band(ph: Any, limits: tuple[float, ...] = (5.5, 6.5, 7.5)) -> np.ndarray:
    """pH band index (int8): 0 for pH ≤ 5.5, 1, 2, 3 for pH > 7.5; NO_BAND for NaN."""
    values = numeric(ph)
    band = np.searchsorted(np.asarray(limits), values, side="left")  # limit -> lower band
    return np.where(np.isnan(values), NO_BAND, band).astype(np.int8)


def exceedance(
    concentrations: Mapping[str, Any],
    ph: Any,
    land_use: Any,
    standard: PollutionStandard,
) -> Exceedance:
    """Rate samples against the standard (module docstring).

    ``concentrations``: pollutant key or alias (e.g. "Cd", "镉") -> mg/kg per sample.
    ``ph``: pH per sample (or one value). ``land_use``: "paddy", "other" or "orchard"
    per sample (or one value). Unknown pollutant names and land uses raise ValueError.
    """
    columns = _resolve(concentrations, standard)
    shape = np.broadcast_shapes(*(np.shape(c) for c in columns.values()), np.shape(ph))
    band = np.broadcast_to(ph_band(ph, standard.ph_limits), shape)
    use = np.broadcast_to(_land_use_index(land_use), shape)
    state = _Worst(shape)
    for key, values in columns.items():
        limits = standard.pollutants[key]
        concentration = np.broadcast_to(numeric(values), shape)
        measured = np.isfinite(concentration) & (concentration >= 0)
        needs_ph = limits.ph_dependent
        rateable = measured & ((band != NO_BAND) | (not needs_ph))
        safe_band = np.where(band == NO_BAND, 0, band)  # any band: the limits do not vary
        state.add(key, concentration, rateable, measured & ~rateable, limits, use, safe_band)
    return state.result(band)


def _resolve(concentrations: Mapping[str, Any], standard: PollutionStandard) -> dict[str, Any]:
    if not concentrations:
        raise ValueError("no pollutant concentrations were given")
    columns: dict[str, Any] = {}
    unknown = []
    for name, values in concentrations.items():
        key = standard.pollutant_key(name)
        if key is None:
            unknown.append(name)
        elif key in columns:
            raise ValueError(f"two columns stand for {key}: keep one")
        else:
            columns[key] = values
    if unknown:
        known = ", ".join(standard.pollutants)
        raise ValueError(
            f"GB 15618 has no values for {', '.join(map(str, unknown))}; known pollutants: "
            f"{known} (or their Chinese names)"
        )
    return columns


def _land_use_index(land_use: Any) -> np.ndarray:
    names = np.asarray(land_use, dtype=object)
    index = np.full(names.shape, -1, dtype=np.int8)
    for position, name in enumerate(LAND_USES):
        index[names == name] = position
    if np.any(index < 0):
        bad = sorted({str(value) for value in names[index < 0].ravel()[:20]})
        raise ValueError(
            f"unknown land use(s) {', '.join(bad)} for GB 15618: use "
            f"{', '.join(LAND_USES)} (水田, 其他, 果园)"
        )
    return index


class _Worst:
    """Running worst ratios over pollutants (one vectorised update per pollutant)."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        self.screening = np.full(shape, np.nan)
        self.intervention = np.full(shape, np.nan)
        self.worst = np.full(shape, "", dtype=object)
        self.rated = np.zeros(shape, dtype=np.int16)
        self.unrated = np.zeros(shape, dtype=np.int16)

    def add(
        self,
        key: str,
        concentration: np.ndarray,
        rateable: np.ndarray,
        unrated: np.ndarray,
        limits: PollutantLimits,
        use: np.ndarray,
        band: np.ndarray,
    ) -> None:
        ratio = np.where(rateable, concentration / limits.screening[use, band], np.nan)
        higher = rateable & ~(ratio <= self.screening)  # NaN so far counts as lower
        self.worst = np.where(higher, key, self.worst)
        self.screening = np.fmax(self.screening, ratio)
        if limits.intervention is not None:
            over = np.where(rateable, concentration / limits.intervention[use, band], np.nan)
            self.intervention = np.fmax(self.intervention, over)
        self.rated += rateable
        self.unrated += unrated

    def result(self, band: np.ndarray) -> Exceedance:
        with np.errstate(invalid="ignore"):  # NaN ratios compare False
            over_intervention = self.intervention > 1
            over_screening = self.screening > 1
        pollution = np.where(over_intervention, 2, np.where(over_screening, 1, 0))
        # An unrated concentration could raise the class, unless it is already 2.
        undecided = (self.rated == 0) | ((self.unrated > 0) & ~over_intervention)
        pollution = np.where(undecided, POLLUTION_UNDECIDED, pollution).astype(np.int8)
        return Exceedance(
            screening_ratio=self.screening,
            intervention_ratio=self.intervention,
            worst_pollutant=self.worst,
            pollution_class=pollution,
            rated=self.rated,
            unrated=self.unrated,
            ph_band=np.array(band, dtype=np.int8),
        )
