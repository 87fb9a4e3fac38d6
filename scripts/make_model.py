"""Write resources/models/reclamation_plan.model3: the whole workflow as one model.

classifydisturbance → evaluatesuitability (on the disturbed polygons) → summarizeplan,
with one set of parameters. Generated with the QGIS model API so that the file is always a
valid model; run `make model` (or this script with the .venv python) after changing it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (
    QgsApplication,
    QgsProcessing,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QPointF

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "models" / "reclamation_plan.model3"
POLYGON = [QgsProcessing.TypeVectorPolygon]

# (key, parameter factory) of the model's inputs, in dialog order.
INPUTS = [
    (
        "DEM_BEFORE",
        lambda k: QgsProcessingParameterRasterLayer(k, "DEM before mining", optional=True),
    ),
    (
        "DEM_AFTER",
        lambda k: QgsProcessingParameterRasterLayer(k, "DEM after mining", optional=True),
    ),
    (
        "UNDERMINED",
        lambda k: QgsProcessingParameterFeatureSource(
            k, "Undermined areas (goaf, panels)", POLYGON, optional=True
        ),
    ),
    ("UNDERGROUND", lambda k: QgsProcessingParameterBoolean(k, "Underground mine", False)),
    (
        "SUBSIDENCE",
        lambda k: QgsProcessingParameterRasterLayer(k, "Subsidence depth (m)", optional=True),
    ),
    (
        "GROUNDWATER_DEPTH",
        lambda k: QgsProcessingParameterRasterLayer(k, "Groundwater depth (m)", optional=True),
    ),
    (
        "FACILITIES",
        lambda k: QgsProcessingParameterFeatureSource(
            k, "Mapped facilities", POLYGON, optional=True
        ),
    ),
    (
        "FACILITY_TYPE_FIELD",
        lambda k: QgsProcessingParameterField(
            k, "Facility type field", parentLayerParameterName="FACILITIES", optional=True
        ),
    ),
    (
        "FACILITY_TYPE_MAP",
        lambda k: QgsProcessingParameterString(
            k, "Facility type map (value=type;…)", optional=True
        ),
    ),
    (
        "SOIL_SAMPLES",
        lambda k: QgsProcessingParameterFeatureSource(
            k, "Soil samples", [QgsProcessing.TypeVectorPoint], optional=True
        ),
    ),
    (
        "LANDUSE",
        lambda k: QgsProcessingParameterFeatureSource(
            k, "Land use before damage", POLYGON, optional=True
        ),
    ),
    (
        "LANDUSE_CODE_FIELD",
        lambda k: QgsProcessingParameterField(
            k, "GB/T 21010 code field", parentLayerParameterName="LANDUSE", optional=True
        ),
    ),
    (
        "AREA",
        lambda k: QgsProcessingParameterFeatureSource(k, "Project area", POLYGON, optional=True),
    ),
    (
        "SOIL",
        lambda k: QgsProcessingParameterFeatureSource(k, "Soil polygons", POLYGON, optional=True),
    ),
    (
        "SOIL_FIELDS",
        lambda k: QgsProcessingParameterString(k, "Soil fields (field=factor;…)", optional=True),
    ),
    (
        "WATER",
        lambda k: QgsProcessingParameterFeatureSource(
            k,
            "Water features",
            [QgsProcessing.TypeVectorLine, QgsProcessing.TypeVectorPolygon],
            optional=True,
        ),
    ),
    (
        "RULES",
        lambda k: QgsProcessingParameterString(
            k, "Rule pack (built-in id or file)", "cn-reclamation"
        ),
    ),
    ("TITLE", lambda k: QgsProcessingParameterString(k, "Report title", "Land reclamation plan")),
]

# child id -> (algorithm, {child parameter: model input or (child id, output)}, outputs)
CHILDREN = {
    "classify": (
        "reclamation:classifydisturbance",
        {
            key: key
            for key in (
                "DEM_BEFORE",
                "DEM_AFTER",
                "UNDERMINED",
                "UNDERGROUND",
                "SUBSIDENCE",
                "GROUNDWATER_DEPTH",
                "FACILITIES",
                "FACILITY_TYPE_FIELD",
                "FACILITY_TYPE_MAP",
                "SOIL_SAMPLES",
                "LANDUSE",
                "LANDUSE_CODE_FIELD",
                "AREA",
                "RULES",
            )
        },
        {
            "OUTPUT": ("DISTURBED", "Disturbed land"),
            "SUMMARY": ("DISTURBED_SUMMARY", "Disturbed land summary"),
        },
    ),
    "evaluate": (
        "reclamation:evaluatesuitability",
        {
            "UNITS": ("classify", "OUTPUT"),
            "RULES": "RULES",
            "DEM": "DEM_AFTER",
            "SOIL": "SOIL",
            "SOIL_FIELDS": "SOIL_FIELDS",
            "GROUNDWATER_DEPTH": "GROUNDWATER_DEPTH",
            "WATER": "WATER",
        },
        {
            "OUTPUT": ("SUITABILITY", "Suitability and proposed use"),
            "SUMMARY": ("SUITABILITY_SUMMARY", "Suitability summary"),
        },
    ),
    "summarize": (
        "reclamation:summarizeplan",
        {
            "DISTURBANCE": ("classify", "OUTPUT"),
            "SUITABILITY": ("evaluate", "OUTPUT"),
            "LANDUSE": "LANDUSE",
            "LANDUSE_CODE_FIELD": "LANDUSE_CODE_FIELD",
            "AREA": "AREA",
            "TITLE": "TITLE",
        },
        {
            "TABLES": ("TABLES", "Plan tables (GeoPackage)"),
            "REPORT_HTML": ("REPORT_HTML", "Report (HTML)"),
            "REPORT_PDF": ("REPORT_PDF", "Report (PDF)"),
            "REPORT_XLSX": ("REPORT_XLSX", "Tables (XLSX)"),
        },
    ),
}


def build() -> QgsProcessingModelAlgorithm:
    model = QgsProcessingModelAlgorithm(
        "reclamationplan", "Reclamation plan (whole workflow)", "Mine reclamation"
    )
    model.setHelpContent(
        {
            "ALG_DESC": "Classifies disturbed land, evaluates the suitability of each "
            "disturbed polygon and proposes a reclaimed use, then writes the plan's tables "
            "and report, with one set of parameters (batch mode: one mine per row)."
        }
    )
    for row, (key, make) in enumerate(INPUTS):
        definition = make(key)
        component = QgsProcessingModelParameter(key)
        component.setPosition(QPointF(120, 60 + 50 * row))
        model.addModelParameter(definition, component)
    for column, (child_id, (algorithm, sources, outputs)) in enumerate(CHILDREN.items()):
        child = QgsProcessingModelChildAlgorithm(algorithm)
        child.setChildId(child_id)
        child.setDescription(child_id)
        child.setPosition(QPointF(500 + 300 * column, 300))
        for name, source in sources.items():
            if isinstance(source, tuple):
                value = QgsProcessingModelChildParameterSource.fromChildOutput(*source)
            else:
                value = QgsProcessingModelChildParameterSource.fromModelParameter(source)
            child.addParameterSources(name, [value])
        model_outputs = {}
        # The model's destination parameters are named "<child id>:<name>", e.g.
        # "classify:DISTURBED" (QGIS's model convention).
        for output, (name, description) in outputs.items():
            model_output = QgsProcessingModelOutput(name, description)
            model_output.setChildId(child_id)
            model_output.setChildOutputName(output)
            # Optional: a run given only some outputs (just the report, say) still runs
            # every step, with temporary files for the outputs it was not given.
            model_output.setMandatory(False)
            model_outputs[model_output.name()] = model_output
        child.setModelOutputs(model_outputs)
        model.addChildAlgorithm(child)
    return model


def main() -> int:
    application = QgsApplication([], False)
    application.initQgis()
    model = build()
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not model.toFile(str(TARGET)):
        print(f"cannot write {TARGET}", file=sys.stderr)
        return 1
    print(f"wrote {TARGET.relative_to(ROOT)}")
    application.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
