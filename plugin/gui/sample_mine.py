"""The toolbar's "Load the sample mine": the constructed coal mine of ``resources/sample``
into the project, to try the wizard and the dialogs on before one's own data.

The files are copied once into the QGIS profile (``reclamation_planner/sample_mine``) and
opened from there, so that editing the layers never changes the plugin's own copy; a copy
already there is reused as it is.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from osgeo import ogr
from qgis.core import (
    QgsApplication,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsVectorLayer,
)

from ..i18n import Translatable
from ..paths import resource

SAMPLE_GPKG = "sample_mine.gpkg"
PROJECT_AREA_LAYER = "项目区范围"


class SampleMineError(RuntimeError):
    """The sample cannot be copied or opened; the message names the file."""


def sample_copy(profile_folder: Path | None = None) -> Path:
    """The profile's copy of the sample folder, made from the plugin's on first use."""
    base = Path(profile_folder or QgsApplication.qgisSettingsDirPath())
    target = base / "reclamation_planner" / "sample_mine"
    if not (target / SAMPLE_GPKG).exists():
        source = resource("sample")
        try:
            shutil.copytree(source, target, dirs_exist_ok=True)
        except OSError as error:
            raise SampleMineError(f"cannot copy {source} to {target}: {error}") from None
    return target


class SampleMineLoader(Translatable):
    """Adds the sample's layers to a project, in one group at the top of the layer tree."""

    def load(self, project: QgsProject, folder: Path) -> tuple[QgsLayerTreeGroup, QgsRectangle]:
        """The group holding the layers, and the extent of the project area. An empty
        project takes the sample's CRS (CGCS2000 / 3-degree Gauss–Krüger zone 39)."""
        empty = not project.mapLayers()
        group = project.layerTreeRoot().insertGroup(0, self.tr("Sample coal mine (constructed)"))
        vectors = self._vector_layers(folder / SAMPLE_GPKG)
        rasters = [QgsRasterLayer(str(path), path.stem) for path in sorted(folder.glob("*.tif"))]
        for layer in [*reversed(vectors), *rasters]:  # points and lines above polygons
            if not layer.isValid() or project.addMapLayer(layer, False) is None:
                raise SampleMineError(f"cannot open {layer.source()}")
            group.addLayer(layer)
        if empty or not project.crs().isValid():
            project.setCrs(vectors[0].crs())
        area = next((v for v in vectors if v.name() == PROJECT_AREA_LAYER), vectors[0])
        return group, area.extent()

    @staticmethod
    def _vector_layers(path: Path) -> list[QgsVectorLayer]:
        dataset = ogr.Open(str(path))
        if dataset is None:
            raise SampleMineError(f"cannot open {path}")
        names = [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
        dataset = None
        return [QgsVectorLayer(f"{path}|layername={name}", name, "ogr") for name in names]
