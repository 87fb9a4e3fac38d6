"""Features of a GeoPackage read and written in bulk by OGR and SQLite (no QGIS import).

A million evaluation units do not fit the one-Python-object-per-feature way: this module
reads the fields and geometries a run needs as arrays, batch by batch, through OGR's
Arrow stream, and writes an output as one copy of the source's features, fids kept, by
``gdal.VectorTranslate`` (in C), then sets the new columns by fid in SQLite transactions.

Only GeoPackages are handled (text there is UTF-8 by definition; a shapefile's encoding
is what the user told QGIS, which OGR does not know). The callers fall back to QGIS's
feature iterators for every other source.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from osgeo import gdal, ogr

from . import Cancelled
from .raster import gdal_exceptions

# The values of a new column: an array, or a function giving the rows start..stop.
ColumnValues = np.ndarray | Callable[[int, int], Sequence]

READ_BATCH = 20000  # features per Arrow batch: memory holds one batch of geometries
WRITE_BATCH = 50000  # rows per UPDATE transaction (progress and cancel between them)
COPY_BATCH = 250000  # features per copy by GDAL (progress and cancel between them)
# Functions of the GeoPackage's R-tree triggers. Only the triggers on a changed fid or
# geometry call them, and this module changes neither; SQLite needs them to exist.
_TRIGGER_FUNCTIONS = ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")


class BulkError(OSError):
    """A bulk read or write failed; the message names the file."""


@dataclass(frozen=True)
class VectorFile:
    """One layer of a GeoPackage."""

    path: str
    layer: str


@dataclass
class FeatureBatch:
    """Consecutive features: fids, the asked fields (NaN or None where NULL) and the
    geometries as WKB (None where the feature has none)."""

    fids: np.ndarray
    fields: dict[str, np.ndarray]
    wkb: list[bytes | None]


def feature_batches(
    file: VectorFile, fields: Sequence[str], rows: int = READ_BATCH
) -> Iterator[FeatureBatch]:
    """The features of ``file`` in its own order, ``rows`` at a time, with only
    ``fields`` read. Numbers come as float64 with NaN for NULL; text as an object array
    of str with None for NULL."""
    with _opened(file) as layer:
        names = _names(layer)
        missing = [name for name in fields if name not in names]
        if missing:
            raise BulkError(f"{file.path} ({file.layer}) has no field {', '.join(missing)}")
        layer.SetIgnoredFields([name for name in names if name not in fields] + ["OGR_STYLE"])
        geometry = layer.GetGeometryColumn() or "wkb_geometry"
        fid = layer.GetFIDColumn() or "OGC_FID"
        stream = layer.GetArrowStreamAsNumPy(options=[f"MAX_FEATURES_IN_BATCH={rows}"])
        batches = iter(stream)
        try:
            for batch in batches:
                # Copies only: the batch's arrays live in Arrow memory that must be released
                # before the layer is closed (GDAL's rule), whoever keeps a FeatureBatch.
                made = FeatureBatch(
                    np.array(batch[fid], dtype=np.int64),
                    {name: _plain_column(batch[name]) for name in fields},
                    _geometries(batch.get(geometry)),
                )
                del batch
                yield made
        finally:
            batches.close()  # also when the caller stops early: the stream goes first
            del batches, stream


def _plain_column(values: np.ndarray) -> np.ndarray:
    """An Arrow column as float64 (NaN for NULL) or, for text and the rest, objects."""
    mask = np.ma.getmaskarray(values)
    data = np.ma.getdata(values)
    if data.dtype.kind in "iufb":
        result = data.astype(np.float64)
        result[mask] = np.nan
        return result
    if data.dtype.kind == "S":
        result = np.array([value.decode("utf-8") for value in data.tolist()], dtype=object)
    else:
        result = np.array(data.tolist(), dtype=object)
    result[mask] = None
    return result


def _geometries(values: np.ndarray | None) -> list[bytes | None]:
    if values is None:
        return []
    mask = np.ma.getmaskarray(values).tolist()
    data = np.ma.getdata(values)
    return [None if empty else bytes(value) for value, empty in zip(data, mask, strict=False)]


@contextmanager
def _opened(file: VectorFile) -> Iterator[ogr.Layer]:
    """The layer, read-only, with GDAL's exceptions on; BulkError when it is missing."""
    with gdal_exceptions(vectors=True):
        dataset = ogr.Open(file.path)
        layer = dataset.GetLayerByName(file.layer)
        if layer is None:
            raise BulkError(f"{file.path} has no layer {file.layer}")
        try:
            yield layer
        finally:
            del layer  # the layer before its dataset, also after an exception
            del dataset


def _names(layer: ogr.Layer) -> list[str]:
    definition = layer.GetLayerDefn()
    return [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]


@dataclass(frozen=True)
class _Described:
    """What the bulk functions need to know of a layer, read in one opening."""

    fid: str
    geometry: str
    fields: list[str]
    count: int
    multi: bool


def _describe(file: VectorFile) -> _Described:
    with _opened(file) as layer:
        kind = ogr.GT_Flatten(layer.GetGeomType())
        return _Described(
            layer.GetFIDColumn() or "fid",
            layer.GetGeometryColumn(),
            _names(layer),
            int(layer.GetFeatureCount()),
            bool(ogr.GT_IsSubClassOf(kind, ogr.wkbGeometryCollection)),
        )


def append_features(
    source: VectorFile,
    destination: VectorFile,
    copied: Mapping[str, str],
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Copy every feature of ``source`` into the empty layer ``destination`` with its fid,
    the source fields of ``copied`` into the destination fields it names (the rest left
    NULL); returns the number copied. A source's fid column named in ``copied`` (QGIS
    shows it as a field) is written to its destination field. Raises Cancelled when
    ``cancelled()`` turns true during the copy."""
    origin, target = _describe(source), _describe(destination)
    if target.count != 0:
        raise BulkError(f"{destination.path} ({destination.layer}) is not an empty layer")
    # The fields chosen by a SELECT (SQLite, in the GeoPackage), named as in the
    # destination: GDAL 3.10+ refuses -fieldmap with a leading -1, and -select with -append.
    # In batches of fids, for progress and cancel (GDAL reports none for an SQL layer).
    query = _copy_query(source.layer, origin, copied, target.fields)
    options = ["-append", "-preserve_fid", "-nln", destination.layer]
    if target.multi:
        options += ["-nlt", "PROMOTE_TO_MULTI"]
    fid = _quoted(origin.fid)
    low, high = _fid_range(source, origin.fid)
    last = None
    while high is not None and (last is None or last < high):
        if cancelled is not None and cancelled():
            raise Cancelled
        after = "" if last is None else f" WHERE {fid} > {last}"
        batch = f"{query}{after} ORDER BY {fid} LIMIT {COPY_BATCH}"
        _translate(source, destination, [*options, "-sql", batch])
        _, copied_last = _fid_range(destination, target.fid)
        if copied_last == last:
            break  # nothing more was copied
        last = copied_last
        if progress is not None:
            progress(100.0 * (last - low + 1) / (high - low + 1))
    if origin.fid in copied and copied[origin.fid] in target.fields:
        with _connected(destination) as connection, connection:  # committed on leaving
            connection.execute(
                f"UPDATE {_quoted(destination.layer)} SET {_quoted(copied[origin.fid])} = "
                f"{_quoted(target.fid)}"
            )
    return feature_count(destination)


def _copy_query(
    layer: str, origin: _Described, copied: Mapping[str, str], target_fields: list[str]
) -> str:
    """SELECT fid, geometry and the copied fields of the source, each named as its
    destination field (the fid column itself is copied to its field afterwards)."""
    chosen = [name for name in origin.fields if name in copied]
    missing = [copied[name] for name in chosen if copied[name] not in target_fields]
    if missing:
        raise BulkError(f"the output has no field {', '.join(missing)}")
    columns = [_quoted(origin.fid)] + ([_quoted(origin.geometry)] if origin.geometry else [])
    columns += [f"{_quoted(name)} AS {_quoted(copied[name])}" for name in chosen]
    return f"SELECT {', '.join(columns)} FROM {_quoted(layer)}"


def _translate(source: VectorFile, destination: VectorFile, options: list[str]) -> None:
    with gdal_exceptions(vectors=True):
        try:
            result = gdal.VectorTranslate(destination.path, source.path, options=options)
        except RuntimeError as error:
            raise BulkError(
                f"cannot copy {source.path} ({source.layer}) to {destination.path}: {error}"
            ) from None
        if result is None:
            raise BulkError(f"cannot copy {source.path} ({source.layer}) to {destination.path}")
        result = None


def _fid_range(file: VectorFile, fid: str) -> tuple[int | None, int | None]:
    """The smallest and largest fid of a GeoPackage layer (None, None when empty): the
    primary key's ends, read without a scan."""
    table, key = _quoted(file.layer), _quoted(fid)
    with _connected(file) as connection:  # one aggregate per SELECT: SQLite's fast min/max
        low, high = connection.execute(
            f"SELECT (SELECT min({key}) FROM {table}), (SELECT max({key}) FROM {table})"
        ).fetchone()
    return low, high


def numbered_copy(source: VectorFile, path: str, layer: str, field: str) -> None:
    """A new GeoPackage of the source's geometries as multipolygons, each with its 1-based
    position in fid order in ``field``; features without a geometry are left out (their
    numbers too). No spatial index: the copy is read from start to end."""
    origin = _describe(source)
    fid, geometry = _quoted(origin.fid), _quoted(origin.geometry)
    numbered = (
        f"SELECT {geometry}, row_number() OVER (ORDER BY {fid}) AS {_quoted(field)} "
        f"FROM {_quoted(source.layer)}"
    )
    query = (
        f"SELECT * FROM ({numbered}) WHERE {geometry} IS NOT NULL AND NOT ST_IsEmpty({geometry})"
    )
    options = ["-f", "GPKG", "-nln", layer, "-nlt", "MULTIPOLYGON", "-sql", query]
    options += ["-lco", "SPATIAL_INDEX=NO"]
    _translate(source, VectorFile(path, layer), options)


def feature_count(file: VectorFile) -> int:
    return _describe(file).count


def set_columns(
    file: VectorFile,
    columns: Mapping[str, ColumnValues],
    fids: Sequence[int],
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Set the fields ``columns`` of the features ``fids`` (row i of every column goes to
    feature fids[i]) of a GeoPackage layer, ``WRITE_BATCH`` rows per transaction. NaN and
    None become NULL. Raises Cancelled when ``cancelled()`` turns true between batches,
    BulkError when a fid is not in the layer."""
    fid = _describe(file).fid
    count = len(fids)
    assignments = ", ".join(f"{_quoted(name)} = ?" for name in columns)
    statement = f"UPDATE {_quoted(file.layer)} SET {assignments} WHERE {_quoted(fid)} = ?"
    with _connected(file) as connection:
        for start in range(0, count, WRITE_BATCH):
            if cancelled is not None and cancelled():
                raise Cancelled
            stop = min(start + WRITE_BATCH, count)
            values = [_sql_values(column, start, stop) for column in columns.values()]
            with connection:  # one transaction per batch
                cursor = connection.executemany(
                    statement, zip(*values, fids[start:stop], strict=False)
                )
            if cursor.rowcount != stop - start:
                raise BulkError(
                    f"{file.path} ({file.layer}): {cursor.rowcount} of features "
                    f"{start + 1}…{stop} found by fid"
                )
            if progress is not None:
                progress(100.0 * stop / max(count, 1))


@contextmanager
def _connected(file: VectorFile) -> Iterator[sqlite3.Connection]:
    """A SQLite connection to the GeoPackage (errors become BulkError naming it)."""
    connection = sqlite3.connect(file.path)
    try:
        for name in _TRIGGER_FUNCTIONS:
            connection.create_function(name, 1, _not_expected)
        yield connection
    except sqlite3.Error as error:
        raise BulkError(f"cannot write {file.path} ({file.layer}): {error}") from None
    finally:
        connection.close()


def _sql_values(column: ColumnValues, start: int, stop: int) -> list:
    """Rows start..stop of a column as values SQLite binds (NaN and None are NULL)."""
    if callable(column):
        return plain_values(np.asarray(column(start, stop), dtype=object))
    return plain_values(column[start:stop])


def plain_values(values: np.ndarray) -> list:
    """Python values for attributes, in one conversion: NaN -> None (NULL), numpy numbers
    -> int/float, anything else -> str (None stays None)."""
    if values.dtype.kind == "f":
        plain = values.tolist()
        for index in np.flatnonzero(np.isnan(values)).tolist():
            plain[index] = None
        return plain
    if values.dtype.kind in "iub":
        return values.tolist()
    return [v if v is None or type(v) is str else str(v) for v in values.tolist()]


def _not_expected(_value: object) -> None:
    raise sqlite3.OperationalError("a geometry trigger fired while only attributes were set")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
