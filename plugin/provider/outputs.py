"""What every vector output of the provider carries when it is a GeoPackage layer.

- Its style as the default style in the GeoPackage's ``layer_styles`` table, so that it
  opens styled in a new project or another QGIS.
- Rows in a ``run_log`` table: plugin and QGIS versions, algorithm, parameters, inputs
  with their CRS, rule pack, area method, the run's log (warnings included) and times, so
  that a reviewer can trace every number.

Called after the algorithm's sinks are closed (they are dropped when the write functions
return), before the outputs are loaded into the project.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from osgeo import ogr
from qgis.core import (
    Qgis,
    QgsFeatureRequest,
    QgsFeatureSource,
    QgsField,
    QgsFields,
    QgsMapLayer,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ..about import plugin_version
from ..compat import is_null
from ..i18n import Translatable, both_languages, from_both_languages
from ..io.raster import gdal_exceptions

RUN_LOG_TABLE = "run_log"
Style = Callable[[QgsVectorLayer], None]


def geopackage_of(destination: str) -> tuple[str, str] | None:
    """(file, layer name) when a sink destination is a GeoPackage layer, else None."""
    parts = QgsProviderRegistry.instance().decodeUri("ogr", destination)
    path = parts.get("path") or ""
    if not path.lower().endswith(".gpkg") or not Path(path).is_file():
        return None
    layer = parts.get("layerName")
    if not layer:
        dataset = ogr.Open(path)
        layer = dataset.GetLayer(0).GetName() if dataset and dataset.GetLayerCount() else ""
        dataset = None
    return path, str(layer)


def _started() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class RunRecord:
    """Collects what the run log of one algorithm run says."""

    def __init__(self, algorithm: QgsProcessingAlgorithm) -> None:
        self.algorithm = algorithm
        self.run_id = uuid.uuid4().hex[:12]
        self.started = _started()
        self.facts: dict[str, str] = {}

    def note(self, key: str, value: object) -> None:
        self.facts[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)

    def rows(
        self,
        parameters: Mapping[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> list[tuple[str, str]]:
        rows = [
            ("plugin_version", plugin_version()),
            ("qgis_version", Qgis.QGIS_VERSION),
            ("algorithm", self.algorithm.id()),
            ("started", self.started),
            ("finished", _started()),
            ("parameters", json.dumps(_plain(parameters), ensure_ascii=False, default=str)),
        ]
        rows += self._inputs(parameters, context)
        rows += sorted(self.facts.items())
        rows.append(("log", feedback.textLog() if hasattr(feedback, "textLog") else ""))
        rows.append(("warnings", json.dumps(run_warnings(feedback), ensure_ascii=False)))
        return rows

    def _inputs(
        self, parameters: Mapping[str, Any], context: QgsProcessingContext
    ) -> list[tuple[str, str]]:
        """Source and CRS of each input layer parameter that was given."""
        rows = []
        for definition in self.algorithm.parameterDefinitions():
            name = definition.name()
            if definition.isDestination() or parameters.get(name) in (None, ""):
                continue
            if definition.type() == "multilayer":
                layers = self.algorithm.parameterAsLayerList(parameters, name, context)
            elif definition.type() in ("source", "vector", "raster"):
                layers = [self.algorithm.parameterAsLayer(parameters, name, context)]
            else:
                continue
            for layer in filter(None, layers):
                rows.append((f"input {name}", f"{layer.source()} ({layer.crs().authid()})"))
        return rows


def run_warnings(feedback: QgsProcessingFeedback) -> list[dict[str, str] | str]:
    """The warnings of the run so far, each in Chinese and English when it was written
    through ``tr()`` (so a later report carries it in the report's language): every
    algorithm runs with a feedback that records them (base.RecordingFeedback)."""
    return [both_languages(warning) for warning in getattr(feedback, "warnings", [])]


def read_run_warnings(path: str, language: str) -> list[str]:
    """Every warning recorded in the run_log of a GeoPackage, in ``language`` where the
    log has it in both (empty when there is no log)."""
    found: list[str] = []
    dataset = ogr.Open(path)
    table = dataset.GetLayerByName(RUN_LOG_TABLE) if dataset is not None else None
    if table is None:
        return found
    table.SetAttributeFilter("key = 'warnings'")
    for feature in table:
        try:
            entries = json.loads(feature.GetField("value") or "[]")
            found += [from_both_languages(entry, language) for entry in entries]
        except ValueError:
            continue
    dataset = None
    return found


def _plain(parameters: Mapping[str, Any]) -> dict[str, Any]:
    plain = {}
    for key, value in parameters.items():
        if isinstance(value, QgsMapLayer):
            plain[key] = value.source()
        elif isinstance(value, (str, int, float, bool)) or value is None:
            plain[key] = value
        else:
            plain[key] = str(value)
    return plain


def save_default_style(path: str, layer_name: str, style: Style, title: str) -> str:
    """Apply the style to the GeoPackage layer and store it there as the default style;
    returns an error message ("" when saved)."""
    _forget_style(path, layer_name, title)
    layer = QgsVectorLayer(f"{path}|layername={layer_name}", layer_name, "ogr")
    if not layer.isValid():
        return f"cannot open {path} ({layer_name})"
    style(layer)
    return layer.saveStyleToDatabase(title, title, True, "") or ""


def _forget_style(path: str, layer_name: str, title: str) -> None:
    """Remove a stored style of the same name first: QGIS 3.22 would otherwise ask, in a
    message box, whether to overwrite it (and crash when asked from a background task)."""
    with gdal_exceptions(vectors=True):
        dataset = ogr.Open(path, update=1)
        if dataset.GetLayerByName("layer_styles") is None:
            return
        table, name = (value.replace("'", "''") for value in (layer_name, title))
        dataset.ExecuteSQL(
            f"DELETE FROM layer_styles WHERE f_table_name = '{table}' AND styleName = '{name}'"
        )
        dataset = None


def append_run_log(path: str, run_id: str, rows: list[tuple[str, str]]) -> None:
    """Append the run's rows to the GeoPackage's run_log table (created when missing)."""
    with gdal_exceptions(vectors=True):
        dataset = ogr.Open(path, update=1)
        table = dataset.GetLayerByName(RUN_LOG_TABLE)
        if table is None:
            table = dataset.CreateLayer(RUN_LOG_TABLE, geom_type=ogr.wkbNone)
            for name in ("run_id", "key", "value"):
                table.CreateField(ogr.FieldDefn(name, ogr.OFTString))
        dataset.StartTransaction()
        for key, value in rows:
            feature = ogr.Feature(table.GetLayerDefn())
            feature.SetField("run_id", run_id)
            feature.SetField("key", key)
            feature.SetField("value", value)
            table.CreateFeature(feature)
        dataset.CommitTransaction()
        dataset = None


def shapefile_of(destination: str) -> str | None:
    """The .shp path when a sink destination is a shapefile, else None."""
    path = QgsProviderRegistry.instance().decodeUri("ogr", destination).get("path") or ""
    return path if path.lower().endswith(".shp") and Path(path).is_file() else None


def finish_shapefile(
    path: str, intended: list[str], style: Style | None, feedback: QgsProcessingFeedback
) -> None:
    """A shapefile keeps 10-byte field names: the full names become aliases in a .qml
    default style beside it (with the output's style), its .cpg says UTF-8, and the user
    is told to prefer a GeoPackage."""
    cpg = Path(path).with_suffix(".cpg")
    if not cpg.exists():
        cpg.write_text("UTF-8", encoding="ascii")
    layer = QgsVectorLayer(path, Path(path).stem, "ogr")
    if not layer.isValid():
        return
    if style is not None:
        style(layer)
    actual = layer.fields().names()
    renamed = []
    for index, (full, short) in enumerate(zip(intended, actual, strict=False)):
        if full != short:
            layer.setFieldAlias(index, full)
            renamed.append(f"{full} → {short}")
    layer.saveDefaultStyle()  # the .qml beside the .shp: opened with the layer
    if renamed:
        feedback.pushWarning(_Messages().shapefile_names(renamed))


class _Messages(Translatable):
    """User-facing texts of this module (translated under this class's name)."""

    def shapefile_names(self, renamed: list[str]) -> str:
        return self.tr(
            "A shapefile cuts field names to 10 characters: {0}. The full names are "
            "aliases in the .qml style beside it; a GeoPackage keeps them."
        ).format(", ".join(renamed))


def finish_outputs(
    record: RunRecord,
    outputs: Mapping[str, tuple[str, Style | None, str]],
    parameters: Mapping[str, Any],
    context: QgsProcessingContext,
    feedback: QgsProcessingFeedback,
    fields: Mapping[str, list[str]] | None = None,
) -> None:
    """Styles and run logs of the outputs that are GeoPackage layers; aliases and styles of
    shapefile outputs.

    ``outputs``: output key -> (destination, style or None, style title); ``fields``:
    destination -> the field names the algorithm meant to write.
    """
    rows = record.rows(parameters, context, feedback)
    logged: set[str] = set()
    for destination, style, title in outputs.values():
        shapefile = shapefile_of(destination)
        if shapefile is not None:
            finish_shapefile(shapefile, (fields or {}).get(destination, []), style, feedback)
            continue
        found = geopackage_of(destination)
        if found is None:
            continue
        path, layer_name = found
        if style is not None:
            error = save_default_style(path, layer_name, style, title)
            if error:
                feedback.pushWarning(f"{layer_name}: style not stored in the GeoPackage: {error}")
        if path not in logged:
            append_run_log(path, record.run_id, rows)
            logged.add(path)


def table_fields(*spec: tuple[str, Any]) -> QgsFields:
    """Fields of an output table: (name, type) pairs."""
    fields = QgsFields()
    for name, kind in spec:
        fields.append(QgsField(name, kind))
    return fields


def keep_case_clashes(fields: QgsFields, added: Iterable[str]) -> tuple[QgsFields, dict[str, str]]:
    """The input's fields ready to take the ``added`` ones: a field whose name differs from
    an added one only in letter case ("DLBM" beside the plan's "dlbm") is renamed "DLBM_2"
    (then _3 …), since a GeoPackage or a shapefile cannot hold both and the user's values
    must not be lost. A field of exactly an added name is the one the run sets (a run on its
    own output replaces its values). Returns the fields and {old name: new name}."""
    wanted = {name.lower(): name for name in added}
    taken = {field.name().lower() for field in fields} | set(wanted)
    result, renamed = QgsFields(), {}
    for field in fields:
        name = field.name()
        if name.lower() in wanted and name != wanted[name.lower()]:
            number = 2
            while f"{name}_{number}".lower() in taken:
                number += 1
            copy = QgsField(field)
            copy.setName(f"{name}_{number}")
            taken.add(copy.name().lower())
            renamed[name] = copy.name()
            field = copy
        result.append(field)
    return result, renamed


def attribute_rows(source: QgsFeatureSource, numbers: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The attributes of a table's features as dicts (NULL as None). Fields named in
    ``numbers`` are read as numbers whatever their type (a CSV holds text): an empty cell
    is None, a cell that is no number raises ValueError naming the row and the field."""
    names = source.fields().names()
    numeric = [name for name in numbers if name in names]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    rows = [
        {name: (None if is_null(v) else v) for name, v in zip(names, f.attributes(), strict=True)}
        for f in source.getFeatures(request)
    ]
    for number, row in enumerate(rows, start=1):
        for name in numeric:
            if isinstance(row[name], str):
                row[name] = _number(row[name], number, name)
    return rows


def _number(text: str, row: int, name: str) -> float | None:
    cleaned = text.strip().replace(",", "")
    try:
        return float(cleaned) if cleaned else None
    except ValueError:
        raise ValueError(f"row {row}, field {name}: {text!r} is not a number") from None
