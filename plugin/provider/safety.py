"""A user's data is sacred: what every algorithm checks before it writes, and cleans after.

- An output that names an input (the same file, or the same layer of a GeoPackage) is
  refused before any work, naming both parameters. Writing another layer into the
  GeoPackage of an input stays allowed. Two outputs naming the same file are refused too.
- Inputs of the wrong geometry type, output folders that do not exist or cannot be
  written are refused with the parameter's name and the fix.
- Every output location is photographed before the run; after a failure or a cancel,
  whatever the run created or changed there is removed (files, sidecars, GeoPackage
  layers), and what it never touched stays.
- GeoPackages the run wrote are left in the rollback journal mode (no -wal/-shm files).

Used by ``algorithms.base.ReclamationAlgorithm`` for every algorithm of the provider.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osgeo import ogr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProviderRegistry,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..i18n import Translatable
from ..io.raster import gdal_exceptions

# Processing's names for "no file": a temporary layer or a memory layer.
_TEMPORARY = ("TEMPORARY_OUTPUT", "memory:")
# Containers that hold several layers: an output may add a layer beside an input's.
_CONTAINERS = {".gpkg", ".sqlite", ".db"}
# Files that belong to one output besides its own path.
_SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml", ".qix", ".sbn", ".sbx"}
_COMPANIONS = ("-wal", "-shm", "-journal", ".aux.xml", ".ovr", ".msk")
# QgsProcessing source types (stable integers from QGIS 3.0 to 3.44).
_ANY_GEOMETRY, _POINT, _LINE, _POLYGON, _NO_GEOMETRY = -1, 0, 1, 2, 5
_ANY_LAYER = -2


@dataclass(frozen=True)
class Location:
    """Where a layer lives: a real file path and, in a multi-layer container, the layer
    (None: the whole file)."""

    path: str
    layer: str | None = None

    def overlaps(self, other: Location) -> bool:
        if self.path != other.path:
            return False
        if self.layer is None or other.layer is None:
            return True
        # SQLite table names compare without letter case.
        return self.layer.lower() == other.layer.lower()

    def describe(self) -> str:
        return f"{self.path} ({self.layer})" if self.layer else self.path


@dataclass(frozen=True)
class Named:
    """A parameter's location with the words that name it to the user."""

    key: str
    label: str
    location: Location

    def words(self) -> str:
        return f"“{self.label}” ({self.key})"


def _real(path: str) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def _first_layer(path: str) -> str | None:
    """The layer QGIS reads from a container opened without a layer name: the first."""
    dataset = ogr.Open(path)
    if dataset is None or dataset.GetLayerCount() == 0:
        return None
    name = dataset.GetLayer(0).GetName()
    dataset = None
    return name


def display_name(layer: QgsMapLayer) -> str:
    """How the user knows a layer: its name in the project, or "layer in file" for a
    layer Processing opened from a path (whose name is only the file's stem)."""
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") or ""
    if not path or layer.name() != Path(path).stem:
        return layer.name()
    location = layer_location(layer)
    inner = location.layer if location is not None else parts.get("layerName")
    return f"{inner} ({Path(path).name})" if inner else Path(path).name


def readable_extent(extent: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> str:
    """x and y ranges with their unit: metres to 0.1, degrees to 1e-6."""
    if crs.isGeographic():
        digits, unit = 6, "°"
    else:
        digits, unit = 1, " m" if crs.mapUnits() == QgsUnitTypes.DistanceMeters else ""
    return (
        f"x {extent.xMinimum():.{digits}f} … {extent.xMaximum():.{digits}f}{unit}, "
        f"y {extent.yMinimum():.{digits}f} … {extent.yMaximum():.{digits}f}{unit}"
    )


def layer_location(layer: QgsMapLayer) -> Location | None:
    """The file (and container layer) behind a map layer; None for memory, databases,
    web services."""
    provider = layer.providerType()
    if provider not in ("ogr", "gdal"):
        return None
    parts = QgsProviderRegistry.instance().decodeUri(provider, layer.source())
    path = parts.get("path") or ""
    if not path or not Path(path).exists():
        return None
    name = parts.get("layerName") or None
    if Path(path).suffix.lower() in _CONTAINERS:
        if name is None and provider == "ogr":
            layer_id = parts.get("layerId")
            dataset = ogr.Open(path)
            if dataset is not None and layer_id not in (None, ""):
                found = dataset.GetLayer(int(layer_id))
                name = found.GetName() if found is not None else None
            dataset = None
            name = name or _first_layer(path)
    else:
        name = None
    return Location(_real(path), name)


def destination_location(destination: str) -> Location | None:
    """The file (and layer) an output destination string writes; None for temporary and
    memory outputs."""
    if not destination or destination.startswith(_TEMPORARY):
        return None
    if destination.startswith("ogr:"):
        uri = QgsDataSourceUri(destination[4:])
        path = uri.database()
        return Location(_real(path), uri.table() or None) if path else None
    if destination.startswith(("postgres:", "spatialite:", "mssql:", "oracle:", "hana:")):
        return None
    return Location(_real(destination.split("|")[0]))


def _raw_destination(value: Any) -> str:
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink.staticValue()
    return "" if value is None else str(value)


def output_destinations(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> list[Named]:
    """The file outputs the user asked for (temporary and memory outputs left out)."""
    found = []
    for definition in algorithm.destinationParameterDefinitions():
        key = definition.name()
        raw = _raw_destination(parameters.get(key))
        if not raw or raw.startswith(_TEMPORARY):
            continue
        # The plain destination string: with an output definition that names a project,
        # parameterAsOutputLayer would also register the layer to load on completion.
        plain = {key: raw}
        if definition.type() == "fileDestination":
            destination = algorithm.parameterAsFileOutput(plain, key, context)
        elif definition.type() == "folderDestination":
            continue
        else:
            destination = algorithm.parameterAsOutputLayer(plain, key, context)
        location = destination_location(destination)
        if location is not None:
            found.append(Named(key, definition.description(), location))
    return found


def input_layers(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> list[tuple[str, str, QgsMapLayer]]:
    """(key, label, layer) of every layer the user gave as input."""
    found = []
    for definition in algorithm.parameterDefinitions():
        key = definition.name()
        if definition.isDestination() or parameters.get(key) in (None, "", []):
            continue
        kind = definition.type()
        if kind == "multilayer":
            layers = algorithm.parameterAsLayerList(parameters, key, context)
        elif kind in ("source", "vector"):
            layers = [algorithm.parameterAsVectorLayer(parameters, key, context)]
        elif kind in ("raster", "layer", "mesh"):
            layers = [algorithm.parameterAsLayer(parameters, key, context)]
        else:
            continue
        found += [(key, definition.description(), layer) for layer in layers if layer]
    return found


def input_locations(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> list[Named]:
    """Where every input lives: layers, and files named by file or string parameters
    (a rule pack's path, for example)."""
    found = []
    for key, label, layer in input_layers(algorithm, parameters, context):
        location = layer_location(layer)
        if location is not None:
            found.append(Named(key, label, location))
    for definition in algorithm.parameterDefinitions():
        key = definition.name()
        if definition.isDestination() or definition.type() not in ("file", "string"):
            continue
        value = parameters.get(key)
        if isinstance(value, str) and value.strip() and Path(value.strip()).is_file():
            found.append(Named(key, definition.description(), Location(_real(value.strip()))))
    return found


class _Messages(Translatable):
    """User-facing texts of the safety checks (translated under this class's name)."""

    def overwrites_input(self, output: Named, source: Named) -> str:
        return self.tr(
            "The output {0} would overwrite the input {1}: {2}. Inputs are never "
            "modified: choose another file, or another layer name in the GeoPackage "
            "(Save to GeoPackage…). Nothing was written."
        ).format(output.words(), source.words(), source.location.describe())

    def same_output(self, first: Named, second: Named) -> str:
        return self.tr(
            "The outputs {0} and {1} name the same file: {2}. Give each its own file or "
            "GeoPackage layer. Nothing was written."
        ).format(first.words(), second.words(), first.location.describe())

    def no_folder(self, output: Named, folder: str) -> str:
        return self.tr(
            "The folder of the output {0} does not exist: {1}. Create it or choose "
            "another folder. Nothing was written."
        ).format(output.words(), folder)

    def not_writable(self, output: Named, folder: str, reason: str) -> str:
        return self.tr(
            "The output {0} cannot be written in {1} ({2}). Choose a folder you can "
            "write to. Nothing was written."
        ).format(output.words(), folder, reason)

    def wrong_geometry(self, key: str, label: str, layer: str, found: str, wanted: str) -> str:
        return self.tr(
            "The input “{0}” ({1}) is the layer “{2}”, which holds {3}; it needs {4}. "
            "Choose a layer of that kind."
        ).format(label, key, layer, found, wanted)

    def empty(self, key: str, label: str, layer: str) -> str:
        return self.tr(
            "The input “{0}” ({1}) is the layer “{2}”, which has no features. Choose the "
            "layer that holds them (or check its filter)."
        ).format(label, key, layer)

    def geometry_names(self) -> dict[int, str]:
        return {
            _POINT: self.tr("points"),
            _LINE: self.tr("lines"),
            _POLYGON: self.tr("polygons"),
            _NO_GEOMETRY: self.tr("no geometry"),
        }

    def removed(self, paths: list[str]) -> str:
        return self.tr("Removed what the failed run had written: {0}").format("; ".join(paths))


def check_overwrites(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> None:
    """Refuse outputs that name an input, or each other."""
    messages = _Messages()
    outputs = output_destinations(algorithm, parameters, context)
    inputs = input_locations(algorithm, parameters, context)
    for output in outputs:
        for source in inputs:
            if output.location.overlaps(source.location):
                raise QgsProcessingException(messages.overwrites_input(output, source))
    for index, first in enumerate(outputs):
        for second in outputs[index + 1 :]:
            if first.location.overlaps(second.location):
                raise QgsProcessingException(messages.same_output(first, second))


def check_output_folders(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> None:
    """Refuse an output whose folder is missing or cannot be written (tried, since a
    permission check says yes to root on a read-only file system)."""
    messages = _Messages()
    for output in output_destinations(algorithm, parameters, context):
        folder = str(Path(output.location.path).parent)
        if not Path(folder).is_dir():
            raise QgsProcessingException(messages.no_folder(output, folder))
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".reclamation-probe-"):
                pass
        except OSError as error:
            reason = error.strerror or str(error)
            raise QgsProcessingException(messages.not_writable(output, folder, reason)) from None


def _geometry_kind(layer: QgsVectorLayer) -> int:
    kind = int(QgsWkbTypes.geometryType(layer.wkbType()))
    # QgsWkbTypes: 0 point, 1 line, 2 polygon, 3 unknown, 4 null.
    return {0: _POINT, 1: _LINE, 2: _POLYGON}.get(kind, _NO_GEOMETRY)


def check_geometry_types(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> None:
    """Refuse a vector input whose geometry type the parameter does not take (Processing
    checks this in its dialogs only, not for paths given to processing.run or qgis_process)."""
    messages = _Messages()
    names = messages.geometry_names()
    definitions = {d.name(): d for d in algorithm.parameterDefinitions()}
    for key, label, layer in input_layers(algorithm, parameters, context):
        definition = definitions[key]
        if definition.type() not in ("source", "vector") or not isinstance(layer, QgsVectorLayer):
            continue
        # From the definition's own map: type() and toVariantMap() are virtual, while the
        # Python class sip gives a definition is not always the subclass (QGIS 3.44).
        wanted = {int(kind) for kind in definition.toVariantMap().get("data_types") or []}
        if not wanted or wanted & {_ANY_LAYER}:
            continue
        # A study area without polygons clips everything away: never what was meant.
        if key == "AREA" and layer.featureCount() == 0:
            raise QgsProcessingException(messages.empty(key, label, display_name(layer)))
        found = _geometry_kind(layer)
        if found in wanted or (_ANY_GEOMETRY in wanted and found != _NO_GEOMETRY):
            continue
        kinds = sorted(wanted - {_ANY_GEOMETRY}) or [_POINT, _LINE, _POLYGON]
        wanted_words = " / ".join(names[kind] for kind in kinds if kind in names)
        raise QgsProcessingException(
            messages.wrong_geometry(key, label, display_name(layer), names[found], wanted_words)
        )


def check_before_run(
    algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
) -> None:
    """Every check that must pass before an algorithm reads or writes anything."""
    check_overwrites(algorithm, parameters, context)
    check_geometry_types(algorithm, parameters, context)
    check_output_folders(algorithm, parameters, context)


# --- cleaning up after a failed or cancelled run ---------------------------------------


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _table_changes(path: str) -> dict[str, str]:
    """Layer name (lower case) -> last change time of a GeoPackage's tables."""
    if not Path(path).is_file() or Path(path).suffix.lower() != ".gpkg":
        return {}
    try:
        uri = Path(path).as_uri() + "?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            rows = connection.execute("SELECT table_name, last_change FROM gpkg_contents")
            return {str(name).lower(): str(changed) for name, changed in rows}
    except (sqlite3.Error, ValueError):
        return {}


@dataclass
class _Before:
    location: Location
    stamp: tuple[int, int] | None
    tables: dict[str, str] = field(default_factory=dict)


class OutputSnapshot:
    """The state of every output location before a run, to undo what a failed run wrote."""

    def __init__(self, outputs: list[Named]) -> None:
        self.before = [
            _Before(o.location, _stamp(o.location.path), _table_changes(o.location.path))
            for o in outputs
        ]

    @classmethod
    def take(
        cls, algorithm: QgsProcessingAlgorithm, parameters: dict, context: QgsProcessingContext
    ) -> OutputSnapshot:
        return cls(output_destinations(algorithm, parameters, context))

    def remove_partial(self, feedback: QgsProcessingFeedback | None = None) -> list[str]:
        """Remove what the run created or changed at its output locations."""
        removed: list[str] = []
        for before in self.before:
            removed += _undo(before)
        if removed and feedback is not None:
            feedback.pushInfo(_Messages().removed(removed))
        return removed

    def settle(self) -> None:
        """Leave every GeoPackage output in the rollback journal mode."""
        for path in {b.location.path for b in self.before}:
            if Path(path).suffix.lower() == ".gpkg" and Path(path).is_file():
                settle_geopackage(path)


def _undo(before: _Before) -> list[str]:
    path = before.location.path
    now = _stamp(path)
    if now is None or now == before.stamp:
        return []
    layer = before.location.layer
    if before.stamp is not None and layer is not None:
        changed = _table_changes(path).get(layer.lower())
        if changed is None or changed == before.tables.get(layer.lower()):
            return []
        return [f"{path} ({layer})"] if _delete_layer(path, layer) else []
    return _delete_file(path)


def _delete_layer(path: str, layer: str) -> bool:
    with gdal_exceptions(vectors=True):
        dataset = ogr.Open(path, update=1)
        for index in range(dataset.GetLayerCount()):
            if dataset.GetLayer(index).GetName().lower() == layer.lower():
                dataset.DeleteLayer(index)
                dataset = None
                return True
    return False


def _delete_file(path: str) -> list[str]:
    """The file and the files that belong to it (shapefile parts, sidecars)."""
    target = Path(path)
    parts = [target] + [Path(str(target) + suffix) for suffix in _COMPANIONS]
    if target.suffix.lower() == ".shp":
        siblings = target.parent.glob(target.stem + ".*")
        parts += [p for p in siblings if p.suffix.lower() in _SHAPEFILE_PARTS]
    removed = []
    for part in parts:
        if part.exists():
            part.unlink()
            removed.append(str(part))
    return removed


def settle_geopackage(path: str) -> None:
    """Switch a GeoPackage out of WAL mode so that no -wal/-shm files stay beside it and it
    opens on read-only media and network shares."""
    try:
        with closing(sqlite3.connect(path)) as connection:
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":
                connection.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error:
        return
