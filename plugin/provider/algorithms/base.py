"""What every algorithm of the provider shares: translation, groups, help, input checks.

Algorithms stay thin: they read parameters, check them with messages that name the layer
and the problem, and hand plain paths and arrays to ``plugin.io`` and ``plugin.core``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from osgeo import ogr
from qgis.core import (
    QgsFields,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsRasterLayer,
)
from qgis.PyQt.QtGui import QIcon

from ...compat import is_null
from ...core.rules.pack import RulePack, RulePackError, resolve_pack
from ...i18n import Translatable
from ...paths import icon_path, resource

GROUP_FACTORS = "factors"
GROUP_SUITABILITY = "suitability"


class ReclamationAlgorithm(Translatable, QgsProcessingAlgorithm):
    """Base of the provider's algorithms."""

    def __init__(self) -> None:
        super().__init__()
        self.sink_fields: dict[str, list[str]] = {}  # destination -> intended field names

    def createInstance(self) -> QgsProcessingAlgorithm:  # noqa: N802 (Qt API)
        return type(self)()

    def icon(self) -> QIcon:
        return QIcon(str(icon_path()))

    def group_names(self) -> dict[str, str]:
        return {
            GROUP_FACTORS: self.tr("Terrain and factors"),
            GROUP_SUITABILITY: self.tr("Suitability and land use"),
        }

    def group(self) -> str:
        return self.group_names()[self.groupId()]

    def sink(
        self,
        parameters: dict,
        name: str,
        context: QgsProcessingContext,
        fields: QgsFields,
        *args: Any,
    ) -> tuple[Any, str]:
        """parameterAsSink that remembers the intended field names of the destination (a
        shapefile cuts them to 10 characters; outputs.finish_outputs restores them)."""
        # Shapefiles get UTF-8 (and a .cpg saying so), not the "System" code page, so that
        # Chinese values survive on any machine.
        context.setDefaultEncoding("UTF-8")
        sink, destination = self.parameterAsSink(parameters, name, context, fields, *args)
        self.sink_fields[destination] = fields.names()
        return sink, destination

    def discard_output(self, destination: str, message: str = "") -> QgsProcessingException:
        """Remove a half-written output and return the exception that ends the run: its
        layer when the file holds other layers too (a GeoPackage), else the file. The
        caller drops its sink first, so that the file is closed."""
        path = _file_of(destination)
        if path and Path(path).exists():
            layer = QgsProviderRegistry.instance().decodeUri("ogr", destination).get("layerName")
            dataset = ogr.Open(path, update=1)
            others = dataset is not None and dataset.GetLayerCount() > 1
            if others and layer and dataset.GetLayerByName(layer) is not None:
                dataset.DeleteLayer(layer)
                dataset = None
            else:
                dataset = None
                for part in Path(path).parent.glob(Path(path).stem + ".*"):
                    if part.suffix.lower() in _SIDECARS:
                        part.unlink()
        return QgsProcessingException(message or self.tr("Cancelled: no output was written."))

    def add(self, definition: QgsProcessingParameterDefinition) -> None:
        """addParameter, refusing a duplicate name (a programming error)."""
        if not self.addParameter(definition):
            raise ValueError(f"parameter {definition.name()} is defined twice")

    def add_soil_and_water_parameters(self) -> None:
        """SOIL, SOIL_FIELDS and WATER: the optional factor sources of several algorithms."""
        self.add(
            QgsProcessingParameterFeatureSource(
                "SOIL", self.tr("Soil polygons"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.add(
            QgsProcessingParameterString(
                "SOIL_FIELDS", self.tr("Soil fields (field=factor;…)"), optional=True
            )
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                "WATER",
                self.tr("Water features"),
                [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )

    def add_rule_pack_parameter(self) -> None:
        """RULES: a built-in rule-pack id or the path of a rule-pack file."""
        self.add(
            QgsProcessingParameterString(
                "RULES", self.tr("Rule pack (built-in id or file)"), "cn-reclamation"
            )
        )

    def rule_pack(self, parameters: dict, context: QgsProcessingContext) -> RulePack:
        """The rule pack of RULES; the loader's message reaches the user unchanged."""
        reference = self.parameterAsString(parameters, "RULES", context).strip()
        try:
            return resolve_pack(reference or "cn-reclamation", resource("rules"))
        except RulePackError as error:
            raise self.fail(str(error)) from None

    def numbers(self, values: list, field_name: str, where: str) -> np.ndarray:
        """Attribute values as floats (NULL and "" -> NaN); text refused, naming the field,
        the value and the feature."""
        result = np.full(len(values), np.nan)
        for number, value in enumerate(values, start=1):
            if is_null(value) or value == "":
                continue
            try:
                result[number - 1] = float(value)
            except (TypeError, ValueError):
                raise self.fail(
                    self.tr(
                        "{0}: field “{1}” holds “{2}” (feature {3}), which is not a number."
                    ).format(where, field_name, value, number)
                ) from None
        return result

    def fail(self, message: str) -> QgsProcessingException:
        """A user-facing error (already translated by the caller)."""
        return QgsProcessingException(message)

    def raster_file(
        self, parameters: dict, name: str, context: QgsProcessingContext, label: str
    ) -> QgsRasterLayer | None:
        """The raster layer of a parameter, checked to be a GDAL file with a CRS."""
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is not None:
            self.check_raster(layer, label)
        return layer

    def check_raster(self, layer: QgsRasterLayer, label: str) -> None:
        """Refuse a raster GDAL cannot read as a file, or one without a CRS."""
        if layer.providerType() != "gdal":
            raise self.fail(
                self.tr("{0} “{1}” is not a GDAL raster file; save it as a GeoTIFF first.").format(
                    label, layer.name()
                )
            )
        if not layer.crs().isValid():
            raise self.fail(
                self.tr(
                    "{0} “{1}” has no coordinate reference system; set its CRS (Layer "
                    "Properties › Source) and run again."
                ).format(label, layer.name())
            )


# Files that make up one vector output (a shapefile has several).
_SIDECARS = {".gpkg", ".shp", ".shx", ".dbf", ".prj", ".cpg", ".qml", ".qix", ".geojson", ".csv"}


def _file_of(destination: str) -> str | None:
    """The file behind a vector destination, if it is one."""
    if not destination or destination.startswith(("memory:", "postgres:", "TEMPORARY_OUTPUT")):
        return None
    path = QgsProviderRegistry.instance().decodeUri("ogr", destination).get("path") or ""
    return path or None


def progress_reporter(
    feedback: QgsProcessingFeedback, start: float = 0.0, span: float = 100.0
) -> Callable[[float], None]:
    """A percent (0-100) progress callback for the io layer, mapped onto part of the bar."""

    def report(percent: float) -> None:
        feedback.setProgress(start + span * max(0.0, min(100.0, percent)) / 100.0)

    return report
