"""``reclamation:classifydisturbance``: disturbed land by damage type and degree.

Evidence: DEM before/after (lowered ground = excavation, or subsidence over undermined
areas; raised ground = occupation), subsidence rasters (with tilt, horizontal deformation,
groundwater → ponding), mapped facilities, and soil samples against GB 15618-2018. Raster
evidence is classified on its grid and polygonized without gaps; all evidence is merged
with the rule pack's precedence of types, intersected with the land use before damage,
clipped to the project area, dissolved by type × degree × previous land use, and slivers
below the minimum patch area are merged into their neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDistance,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsRasterLayer,
    QgsSpatialIndex,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import FIELD_DOUBLE, FIELD_INT, FIELD_STRING, is_null
from ...core.accounting import TOTAL_NAME, code_name, degree_name
from ...core.assumptions import INDICATOR_NAMES
from ...core.facilities import facility_table
from ...core.labels import DAMAGE_TYPE_NAMES, STATUS_NAMES, in_language
from ...core.pairs import parse_pairs
from ...core.pollution import FILE_NAME, exceedance, load_standard
from ...core.rules.degree import DisturbanceRules, grade_degree
from ...core.rules.landuse_codes import LAND_USE_CODES, land_use_category
from ...core.rules.pack import RulePack
from ...core.rules.vocabulary import DAMAGED_LAND_USES, DEGREE_UNDECIDED
from ...core.suitability import HM2_PER_M2, MU_PER_HM2
from ...i18n import Translatable, Words, report_language, ui_language
from ...io import Cancelled
from ...io.disturbance_raster import (
    RasterEvidence,
    rasterize_onto,
    write_damage_classes,
    write_ponding,
)
from ...io.polygonize import min_patch_cells, polygonize_classes
from ...io.raster import RasterError, open_grid, row_cell_areas_m2, write_elevation_change
from ...io.rasterize import UnitLayer
from ...io.zonal import zonal_statistics
from ...paths import resource
from ..areas import area_method, ellipsoidal_areas
from ..disturbance_evidence import (
    Evidence,
    degree_basis,
    facility_evidence,
    merge_by_precedence,
    raster_class_evidence,
    sources_by_polygon,
    transformer,
    worst_overlapping,
)
from ..outputs import RunRecord, finish_outputs
from ..styling import attach, disturbance_style, run_group_name
from ..units import UNIT_FIELD, read_units, reading_position, working_crs, write_numbered_units
from .base import GROUP_DISTURBANCE, ReclamationAlgorithm, progress_reporter


class ClassifyDisturbanceAlgorithm(ReclamationAlgorithm):
    ADVANCED = frozenset({"FACILITY_TYPE_MAP", "SAMPLE_RADIUS", "MIN_CHANGE", "MIN_PATCH_AREA"})
    DEM_BEFORE = "DEM_BEFORE"
    DEM_AFTER = "DEM_AFTER"
    UNDERMINED = "UNDERMINED"
    UNDERGROUND = "UNDERGROUND"
    SUBSIDENCE = "SUBSIDENCE"
    TILT = "TILT"
    HORIZONTAL_DEFORMATION = "HORIZONTAL_DEFORMATION"
    GROUNDWATER_DEPTH = "GROUNDWATER_DEPTH"
    GROUNDWATER_DEPTH_VALUE = "GROUNDWATER_DEPTH_VALUE"
    FACILITIES = "FACILITIES"
    FACILITY_TYPE_FIELD = "FACILITY_TYPE_FIELD"
    FACILITY_TYPE_MAP = "FACILITY_TYPE_MAP"
    SOIL_SAMPLES = "SOIL_SAMPLES"
    PH_FIELD = "PH_FIELD"
    SAMPLE_RADIUS = "SAMPLE_RADIUS"
    LANDUSE = "LANDUSE"
    LANDUSE_CODE_FIELD = "LANDUSE_CODE_FIELD"
    AREA = "AREA"
    RULES = "RULES"
    MIN_CHANGE = "MIN_CHANGE"
    MIN_PATCH_AREA = "MIN_PATCH_AREA"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"

    def name(self) -> str:
        return "classifydisturbance"

    def displayName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Classify disturbed land")

    def groupId(self) -> str:  # noqa: N802 (Qt API)
        return GROUP_DISTURBANCE

    def shortHelpString(self) -> str:  # noqa: N802 (Qt API)
        return self.tr(
            "Disturbed land (损毁土地) by damage type — excavation 挖损, subsidence 塌陷, "
            "occupation 压占, pollution 污染 — and degree (light, moderate, severe), from any "
            "combination of evidence:\n"
            "• DEMs before and after mining: raised ground is occupation; lowered ground is "
            "subsidence inside the mining influence zone (采动（沉陷）影响范围: the area the "
            "workings move, which reaches beyond the goaf and the panels by about the depth "
            "divided by tan β — not the panels themselves), or everywhere when the mine is "
            "underground and no zone is given, else excavation. With a zone, lowered ground "
            "outside it is not classified but reported with its area (a zone drawn too "
            "small, or pits to map as facilities); only lowering deeper than the worked "
            "seams would be excavation. Changes smaller than the minimum elevation change "
            "are noise; the log gives the area this leaves out inside the zone. A predicted "
            "subsidence raster (predictsubsidence) sets the basin boundary instead;\n"
            "• subsidence rasters (m, positive down), with tilt (mm/m), horizontal deformation "
            "(mm/m) and the groundwater depth for ponding;\n"
            "• mapped facilities with a type field (露天采场, 排土场, 尾矿库, waste dump, …; add "
            "or change meanings with Facility type map 'value=type;…');\n"
            "• soil samples (points with concentrations in mg/kg, fields named Cd, Hg, As, Pb, "
            "Cr, Cu, Ni, Zn or 镉, 汞, …, and a pH field) compared with the GB 15618-2018 "
            "screening and intervention values: the land nearest each failing sample, up to "
            "the sample radius, is polluted.\n"
            "Degrees come from the rule pack's indicator rows; where the pack leaves them "
            "empty (the TD/T 1031.3 values were not found) the pack's default degree is used, "
            "or the degree stays undecided and the log says how much. Where evidence "
            "overlaps, the pack's precedence decides. The land use before damage comes from "
            "LANDUSE (dlbm_before); results are clipped to AREA; areas are ellipsoidal."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        raster = QgsProcessingParameterRasterLayer
        polygons = [QgsProcessing.TypeVectorPolygon]
        self.addParameter(raster(self.DEM_BEFORE, self.tr("DEM before mining"), optional=True))
        self.addParameter(raster(self.DEM_AFTER, self.tr("DEM after mining"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.UNDERMINED,
                self.tr("Mining influence zone (subsidence)"),
                polygons,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.UNDERGROUND,
                self.tr("Underground mine: lowered ground is subsidence"),
                False,
            )
        )
        self.addParameter(raster(self.SUBSIDENCE, self.tr("Subsidence depth (m)"), optional=True))
        self.addParameter(raster(self.TILT, self.tr("Additional tilt (mm/m)"), optional=True))
        self.addParameter(
            raster(
                self.HORIZONTAL_DEFORMATION, self.tr("Horizontal deformation (mm/m)"), optional=True
            )
        )
        self.addParameter(
            raster(
                self.GROUNDWATER_DEPTH,
                self.tr("Groundwater depth before mining (m)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.GROUNDWATER_DEPTH_VALUE,
                self.tr("Groundwater depth for the whole area (m)"),
                QgsProcessingParameterNumber.Double,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Mapped facilities"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.FACILITY_TYPE_FIELD,
                self.tr("Facility type field"),
                parentLayerParameterName=self.FACILITIES,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.FACILITY_TYPE_MAP, self.tr("Facility type map (value=type;…)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SOIL_SAMPLES,
                self.tr("Soil samples"),
                [QgsProcessing.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.PH_FIELD,
                self.tr("pH field of the samples"),
                parentLayerParameterName=self.SOIL_SAMPLES,
                type=QgsProcessingParameterField.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterDistance(
                self.SAMPLE_RADIUS,
                self.tr("Sample radius (largest distance a sample stands for)"),
                100.0,
                self.SOIL_SAMPLES,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.LANDUSE, self.tr("Land use before damage"), polygons, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.LANDUSE_CODE_FIELD,
                self.tr("GB/T 21010 code field"),
                parentLayerParameterName=self.LANDUSE,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.AREA, self.tr("Project area"), polygons, optional=True
            )
        )
        self.add_rule_pack_parameter()
        for key, label in (
            (self.MIN_CHANGE, self.tr("Minimum elevation change (m; default: the pack's)")),
            (self.MIN_PATCH_AREA, self.tr("Minimum patch area (m²; default: the pack's)")),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    key, label, QgsProcessingParameterNumber.Double, optional=True, minValue=0.0
                )
            )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Disturbed land"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY,
                self.tr("Disturbed land summary"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )

    # --- inputs -------------------------------------------------------------------------

    def _pack(self, parameters: dict, context: QgsProcessingContext) -> RulePack:
        pack = self.rule_pack(parameters, context)
        if pack.disturbance is None:
            raise self.fail(
                self.tr("Rule pack {0} has no damage-degree rules (its disturbance block).").format(
                    pack.id
                )
            )
        return pack

    def _rules(
        self, pack: RulePack, parameters: dict, context: QgsProcessingContext
    ) -> DisturbanceRules:
        """The pack's disturbance rules with the run's overrides of the detection values."""
        rules = pack.disturbance
        replaced = {}
        for key, attribute in (
            (self.MIN_CHANGE, "min_elevation_change_m"),
            (self.MIN_PATCH_AREA, "min_patch_area_m2"),
        ):
            if parameters.get(key) not in (None, ""):
                value = self.parameterAsDouble(parameters, key, context)
                original = getattr(rules, attribute)
                replaced[attribute] = type(original)(value, original.provenance)
        if not replaced:
            return rules
        return replace(rules, **replaced)

    def _evidence_given(self, parameters: dict) -> dict[str, bool]:
        given = {key: parameters.get(key) not in (None, "") for key in parameters}
        return {
            "dem": given.get(self.DEM_BEFORE, False) and given.get(self.DEM_AFTER, False),
            "subsidence": given.get(self.SUBSIDENCE, False),
            "facilities": given.get(self.FACILITIES, False),
            "samples": given.get(self.SOIL_SAMPLES, False),
        }

    def _read_inputs(self, parameters: dict, context: QgsProcessingContext) -> _Inputs:
        def raster(key: str, label: str) -> QgsRasterLayer | None:
            return self.raster_file(parameters, key, context, label)

        def source(key: str) -> QgsProcessingFeatureSource | None:
            return self.parameterAsSource(parameters, key, context)

        def text(key: str) -> str:
            return self.parameterAsString(parameters, key, context)

        given_value = parameters.get(self.GROUNDWATER_DEPTH_VALUE) not in (None, "")
        return _Inputs(
            dem_before=raster(self.DEM_BEFORE, self.tr("DEM before")),
            dem_after=raster(self.DEM_AFTER, self.tr("DEM after")),
            subsidence=raster(self.SUBSIDENCE, self.tr("Subsidence raster")),
            tilt=raster(self.TILT, self.tr("Tilt raster")),
            deformation=raster(
                self.HORIZONTAL_DEFORMATION, self.tr("Horizontal deformation raster")
            ),
            groundwater=raster(self.GROUNDWATER_DEPTH, self.tr("Groundwater raster")),
            groundwater_value=(
                self.parameterAsDouble(parameters, self.GROUNDWATER_DEPTH_VALUE, context)
                if given_value
                else None
            ),
            undermined=source(self.UNDERMINED),
            underground=self.parameterAsBool(parameters, self.UNDERGROUND, context),
            facilities=source(self.FACILITIES),
            facility_type_field=text(self.FACILITY_TYPE_FIELD),
            facility_type_map=text(self.FACILITY_TYPE_MAP),
            samples=source(self.SOIL_SAMPLES),
            ph_field=text(self.PH_FIELD),
            sample_radius=self.parameterAsDouble(parameters, self.SAMPLE_RADIUS, context),
            landuse=source(self.LANDUSE),
            landuse_code_field=text(self.LANDUSE_CODE_FIELD),
            area=source(self.AREA),
            area_parameter=parameters.get(self.AREA),
            landuse_parameter=parameters.get(self.LANDUSE),
        )

    # --- processing ------------------------------------------------------------------

    def run_algorithm(
        self,
        parameters: dict[str, Any],
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
    ) -> dict[str, Any]:
        record = RunRecord(self)
        pack = self._pack(parameters, context)
        record.note(
            "rule_pack",
            {"id": pack.id, "version": pack.version, "sha256": pack.sha256, "file": pack.origin},
        )
        rules = self._rules(pack, parameters, context)
        given = self._evidence_given(parameters)
        if not any(given.values()):
            raise self.fail(
                self.tr(
                    "Give at least one kind of evidence: both DEMs (before and after), a "
                    "subsidence raster, mapped facilities or soil samples."
                )
            )
        if bool(parameters.get(self.DEM_BEFORE)) != bool(parameters.get(self.DEM_AFTER)):
            raise self.fail(self.tr("Elevation change needs both DEM_BEFORE and DEM_AFTER."))
        temp = Path(QgsProcessingUtils.tempFolder())
        try:
            inputs = self._read_inputs(parameters, context)
            run = _Run(self, inputs, context, feedback, rules, temp)
            pieces = run.raster_pieces(given) + run.facility_pieces() + run.sample_pieces()
            if feedback.isCanceled():
                raise Cancelled
            merged = merge_by_precedence(pieces, rules.precedence, feedback.isCanceled)
            polygons = run.finish(merged, pieces)
        except Cancelled:
            feedback.reportError(self.tr("Cancelled: no output was written."))
            return {}
        except ValueError as error:  # RasterError, DegreeRuleError, RulePackError, …
            raise self.fail(
                self.tr("Disturbance classification failed: {0}").format(error)
            ) from None
        polygons = _in_reading_order(polygons)
        output = run.write_output(polygons, parameters)
        # Names beside the codes in the language of the plan's deliverables.
        summary = run.write_summary(polygons, parameters, report_language("", [pack.region]))
        language = ui_language()
        record.note("area_method", area_method(run.crs))
        if run.left_out:
            record.note("dem_difference_left_out", run.left_out)
        style = disturbance_style(language)
        finish_outputs(
            record,
            {
                self.OUTPUT: (output, style, "damage type and degree"),
                self.SUMMARY: (summary, None, ""),
            },
            parameters,
            context,
            feedback,
            self.sink_fields,
        )
        group = run_group_name(self.tr("Disturbed land"))
        attach(context, output, style, group)
        results = {self.OUTPUT: output}
        if summary:
            attach(context, summary, lambda layer: None, group)
            results[self.SUMMARY] = summary
        return results


@dataclass(frozen=True)
class _Inputs:
    """The run's parameters, read once (layers checked, sources opened, values parsed)."""

    dem_before: QgsRasterLayer | None
    dem_after: QgsRasterLayer | None
    subsidence: QgsRasterLayer | None
    tilt: QgsRasterLayer | None
    deformation: QgsRasterLayer | None
    groundwater: QgsRasterLayer | None
    groundwater_value: float | None
    undermined: QgsProcessingFeatureSource | None
    underground: bool
    facilities: QgsProcessingFeatureSource | None
    facility_type_field: str
    facility_type_map: str
    samples: QgsProcessingFeatureSource | None
    ph_field: str
    sample_radius: float
    landuse: QgsProcessingFeatureSource | None
    landuse_code_field: str
    area: QgsProcessingFeatureSource | None
    # The layers as given, for the child algorithms that clip and overlay.
    area_parameter: Any
    landuse_parameter: Any


class _Run(Translatable):
    """The state of one classification run (keeps processAlgorithm readable)."""

    KEEPS_SOURCE = True  # its warnings reach the report in its language

    def __init__(
        self,
        algorithm: ClassifyDisturbanceAlgorithm,
        inputs: _Inputs,
        context: QgsProcessingContext,
        feedback: QgsProcessingFeedback,
        rules: DisturbanceRules,
        temp: Path,
    ) -> None:
        self.alg = algorithm
        self.inputs = inputs
        self.context = context
        self.feedback = feedback
        self.rules = rules
        self.temp = temp / f"disturbance_{id(self)}"
        self.temp.mkdir(parents=True, exist_ok=True)
        self.crs = self._working_crs()
        self.change_path: str | None = None
        self.subsidence_path: str | None = None
        self.ponding_path: str | None = None
        # Areas the DEM difference leaves out (for the log and the run log).
        self.left_out: dict[str, Any] = {}
        # Where each rated sample stands (its Voronoi cell within the sample radius), with
        # its worst exceedance ratio and pollution class.
        self.samples: tuple[list[QgsGeometry], np.ndarray, np.ndarray] | None = None

    # --- working CRS -----------------------------------------------------------------

    def _working_crs(self) -> QgsCoordinateReferenceSystem:
        """The grid's CRS when raster evidence exists, else the first vector's (metric)."""
        given = self.inputs
        for layer in (given.dem_after, given.subsidence):
            if layer is not None:
                return layer.crs()
        for source in (given.area, given.facilities, given.samples):
            if source is not None:
                units = read_units(source, self.feedback)
                return working_crs(units, self.context)
        return QgsCoordinateReferenceSystem("EPSG:4326")

    # --- raster evidence ---------------------------------------------------------------

    def raster_pieces(self, given: dict[str, bool]) -> list[Evidence]:
        if not (given["dem"] or given["subsidence"]):
            return []
        inputs = self.inputs
        after, subsidence = inputs.dem_after, inputs.subsidence
        grid_layer = after if after is not None else subsidence
        grid = open_grid(grid_layer.source())
        if given["dem"]:
            before = inputs.dem_before
            self.change_path = str(self.temp / "elevation_change.tif")
            self.feedback.pushInfo(self.tr("Elevation change (after − before)…"))
            write_elevation_change(
                before.source(),
                after.source(),
                self.change_path,
                progress=progress_reporter(self.feedback, 0, 15),
                is_cancelled=self.feedback.isCanceled,
            )
        evidence = RasterEvidence(
            change=self.change_path,
            subsidence=subsidence.source() if subsidence is not None else None,
            tilt=_source_of(inputs.tilt),
            deformation=_source_of(inputs.deformation),
            groundwater=_source_of(inputs.groundwater),
            groundwater_value=inputs.groundwater_value,
            undermined=self._undermined_mask(grid),
            facilities=self._facility_mask(grid),
            land_use=self._land_use_raster(grid),
            land_use_names=DAMAGED_LAND_USES,
        )
        self.subsidence_path = evidence.subsidence
        classes = str(self.temp / "classes.tif")
        self.feedback.pushInfo(self.tr("Damage classes on the raster grid…"))
        summary = write_damage_classes(
            classes,
            grid,
            evidence,
            self.rules,
            underground=inputs.underground,
            progress=progress_reporter(self.feedback, 15, 25),
            is_cancelled=self.feedback.isCanceled,
        )
        self._report_ungraded(summary.ungraded, self.tr("cells"))
        self._report_left_out(summary)
        has_groundwater = evidence.groundwater or evidence.groundwater_value is not None
        if has_groundwater and (evidence.subsidence or evidence.change):
            self.ponding_path = str(self.temp / "ponding.tif")
            write_ponding(
                self.ponding_path,
                grid,
                evidence.subsidence,
                evidence.change,
                evidence.groundwater,
                evidence.groundwater_value,
            )
        polygons = polygonize_classes(
            classes,
            str(self.temp / "classes.gpkg"),
            min_cells=min_patch_cells(grid, self.rules.min_patch_area_m2.value),
            progress=progress_reporter(self.feedback, 40, 20),
            is_cancelled=self.feedback.isCanceled,
        )
        layer = QgsVectorLayer(f"{polygons.path}|layername={polygons.layer}", "classes", "ogr")
        source = "dem" if given["dem"] else "subsidence"
        pieces = raster_class_evidence(layer, polygons.field, source)
        move = transformer(layer.crs(), self.crs, self.context)
        for piece in pieces:
            piece.geometry = move(piece.geometry)
        return pieces

    def _report_left_out(self, summary: Any) -> None:
        """The areas the DEM difference does not count, with what to do about them."""
        minimum = self.rules.min_elevation_change_m
        status = minimum.provenance.status
        self.left_out = {
            "lowered_outside_zone_m2": summary.lowered_outside_m2,
            "below_min_change_in_zone_m2": summary.below_min_change_m2,
            "min_elevation_change_m": minimum.value,
            "min_elevation_change_status": status,
        }
        if summary.lowered_outside_m2 > 0:
            self.feedback.pushWarning(
                self.tr(
                    "Lowered ground outside the mining influence zone: {0:.4f} hm² ({1:.2f} "
                    "亩) lowered by {2:g} m or more, and not under a mapped facility, is not "
                    "classified as damage. If it is the margin of the subsidence basin, draw "
                    "the influence zone wider (it reaches about the depth / tan β beyond the "
                    "goaf) or give a predicted subsidence raster; if it is an open pit, map it "
                    "in the facilities layer."
                ).format(
                    summary.lowered_outside_m2 * HM2_PER_M2,
                    summary.lowered_outside_m2 * HM2_PER_M2 * MU_PER_HM2,
                    minimum.value,
                )
            )
        if summary.below_min_change_m2 > 0:
            self.feedback.pushWarning(
                self.tr(
                    "Inside the mining influence zone, {0:.4f} hm² is lowered by less than "
                    "the minimum elevation change of {1:g} m ({2}) and is not counted as "
                    "damage: DEM noise or the shallow margin of the basin. A predicted "
                    "subsidence raster (panels → predictsubsidence) sets the basin boundary "
                    "at its 10 mm line instead."
                ).format(
                    summary.below_min_change_m2 * HM2_PER_M2,
                    minimum.value,
                    Words(*STATUS_NAMES.get(status, (status, status))),
                )
            )

    def _vector_on_grid(
        self, source: QgsProcessingFeatureSource | None, grid: Any, name: str
    ) -> tuple[str, str] | None:
        if source is None:
            return None
        units = read_units(source, self.feedback)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        path = self.temp / f"{name}.gpkg"
        layer = write_numbered_units(units, crs, path, self.context)
        return str(path), layer

    def _facility_mask(self, grid: Any) -> str | None:
        """Cells under mapped facilities: lowered ground there is the facility's, not left
        out (the left-out area is counted without them)."""
        if self.inputs.undermined is None:
            return None  # nothing is left out without a zone
        written = self._vector_on_grid(self.inputs.facilities, grid, "mapped")
        if written is None:
            return None
        return rasterize_onto(written[0], written[1], grid, str(self.temp / "mapped.tif"))

    def _undermined_mask(self, grid: Any) -> str | None:
        written = self._vector_on_grid(self.inputs.undermined, grid, "undermined")
        if written is None:
            return None
        return rasterize_onto(written[0], written[1], grid, str(self.temp / "undermined.tif"))

    def _land_use_raster(self, grid: Any) -> str | None:
        """Previous land-use category index per cell (DAMAGED_LAND_USES order)."""
        codes = self._land_use_codes()
        if codes is None:
            return None
        source, field_name = codes
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        move = transformer(source.sourceCrs(), crs, self.context)
        path = self.temp / "landuse.gpkg"
        fields = QgsFields()
        fields.append(QgsField("cat", FIELD_INT))
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "GPKG"
        options.layerName = "landuse"
        # A writer, not a memory layer: this runs in a background task in the dialogs.
        writer = QgsVectorFileWriter.create(
            str(path),
            fields,
            QgsWkbTypes.MultiPolygon,
            crs,
            self.context.transformContext(),
            options,
        )
        if writer.hasError() != QgsVectorFileWriter.NoError:
            raise RasterError(f"cannot write the land use for rasterizing: {writer.errorMessage()}")
        for feature in source.getFeatures():
            category = land_use_category(feature[field_name]) or "other"
            out = QgsFeature(fields)
            geometry = move(feature.geometry())
            geometry.convertToMultiType()  # noqa: QGS201 (False only when already multi)
            out.setGeometry(geometry)
            out.setAttributes([DAMAGED_LAND_USES.index(category)])
            if not writer.addFeature(out):
                raise RasterError(f"cannot write the land use: {writer.errorMessage()}")
        del writer  # closes the file before GDAL reads it
        return rasterize_onto(
            str(path), "landuse", grid, str(self.temp / "landuse.tif"), attribute="cat"
        )

    def _land_use_codes(self) -> tuple[Any, str] | None:
        source = self.inputs.landuse
        if source is None:
            return None
        field_name = self.inputs.landuse_code_field
        if not field_name:
            names = source.fields().names()
            field_name = next((n for n in names if n.lower() in ("dlbm", "地类编码")), "")
        if not field_name or source.fields().indexOf(field_name) < 0:
            raise QgsProcessingException(
                self.tr(
                    "Land use: name its GB/T 21010 code field (LANDUSE_CODE_FIELD); fields: {0}"
                ).format(", ".join(source.fields().names()))
            )
        return source, field_name

    # --- facilities -----------------------------------------------------------------

    def facility_pieces(self) -> list[Evidence]:
        source = self.inputs.facilities
        if source is None:
            return []
        type_field = self.inputs.facility_type_field
        if not type_field:
            raise QgsProcessingException(
                self.tr(
                    "Mapped facilities: choose the field that holds each facility's type "
                    "(FACILITY_TYPE_FIELD)."
                )
            )
        table = facility_table(parse_pairs(self.inputs.facility_type_map))
        features = list(source.getFeatures())
        move = transformer(source.sourceCrs(), self.crs, self.context)
        pieces, report = facility_evidence(features, type_field, table, self.rules, move)
        if report.unmapped:
            raise QgsProcessingException(
                self.tr(
                    "Mapped facilities: no damage type for these values of “{0}”: {1}. Add "
                    "them to FACILITY_TYPE_MAP, e.g. “{2}=occupation”."
                ).format(type_field, ", ".join(report.unmapped), report.unmapped[0])
            )
        if report.from_default:
            self.feedback.pushInfo(
                self.tr(
                    "{0} facility(ies) took the rule pack's default degree of their type."
                ).format(report.from_default)
            )
        self._report_ungraded(report.ungraded, self.tr("facilities"))
        return pieces

    # --- soil samples ---------------------------------------------------------------------

    def sample_pieces(self) -> list[Evidence]:
        source = self.inputs.samples
        if source is None:
            return []
        standard = load_standard(resource("standards", FILE_NAME))
        names = source.fields().names()
        pollutant_fields = {
            n: standard.pollutant_key(n) for n in names if standard.pollutant_key(n)
        }
        if not pollutant_fields:
            raise QgsProcessingException(
                self.tr(
                    "Soil samples: no field is named like a pollutant (Cd, Hg, As, Pb, Cr, Cu, "
                    "Ni, Zn, 镉, 汞, 砷, 铅, 铬, 铜, 镍, 锌 …). Fields: {0}"
                ).format(", ".join(names))
            )
        ph_field = self.inputs.ph_field or next(
            (n for n in names if n.lower() in ("ph", "ph值", "酸碱度")), ""
        )
        features = [f for f in source.getFeatures() if not f.geometry().isNull()]
        move = transformer(source.sourceCrs(), self.crs, self.context)
        points = [move(f.geometry()) for f in features]
        concentrations = {n: [f[n] for f in features] for n in pollutant_fields}
        ph = [f[ph_field] if ph_field else None for f in features]
        ph_values = np.array([_float(v) for v in ph])
        ids = [f.id() for f in features]
        self._check_samples(ids, ph_field, ph, ph_values, concentrations)
        land_use = self._sample_land_use(points)
        rated = exceedance(concentrations, ph_values, land_use, standard)
        bad = int(np.count_nonzero(rated.no_numeric_concentration))
        if bad == len(features):
            raise QgsProcessingException(
                self.tr("Soil samples: no sample has a numeric concentration in {0}.").format(
                    ", ".join(pollutant_fields)
                )
            )
        if bad:
            self.feedback.pushWarning(
                self.tr("{0} sample(s) have no numeric concentration and are ignored.").format(bad)
            )
        return self._polluted_areas(points, rated)

    def _check_samples(
        self,
        ids: list[int],
        ph_field: str,
        ph: list,
        ph_values: np.ndarray,
        concentrations: dict[str, list],
    ) -> None:
        """Refuse impossible sample values; count and name the unreadable ones (they are
        not rated for what they lack, never silently)."""
        where = self.tr("Soil samples")
        if not ph_field:
            self.feedback.pushWarning(
                self.tr(
                    "{0}: no pH field (PH_FIELD, or a field named pH, pH值, 酸碱度); pollutants "
                    "whose GB 15618 limits depend on pH are not rated."
                ).format(where)
            )
        checks = [(ph_field, ph, ph_values, (0.0, 14.0))] if ph_field else []
        for name, raw in concentrations.items():
            checks.append((name, raw, np.array([_float(v) for v in raw]), (0.0, None)))
        for field_name, raw, values, (low, high) in checks:
            given = np.array([not (is_null(v) or v == "") for v in raw], dtype=bool)
            unreadable = given & ~np.isfinite(values)
            with np.errstate(invalid="ignore"):
                impossible = np.isfinite(values) & (
                    (values < low) | ((values > high) if high is not None else False)
                )
            if impossible.any():
                first = int(np.flatnonzero(impossible)[0])
                raise QgsProcessingException(
                    self.tr(
                        "{0}: field “{1}” holds {2} (sample {3}), which cannot be: {1} lies "
                        "{4}. Check the unit and the “no data” codes; leave unknown values "
                        "empty."
                    ).format(
                        where,
                        field_name,
                        f"{values[first]:g}",
                        ids[first],
                        f"{low:g} … {high:g}" if high is not None else f"≥ {low:g}",
                    )
                )
            if unreadable.any():
                shown = [f"{ids[i]} (“{raw[i]}”)" for i in np.flatnonzero(unreadable)[:10]]
                self.feedback.pushWarning(
                    self.tr(
                        "{0}: {1} value(s) of “{2}” are not numbers and are not used: samples "
                        "{3}{4}. Those samples are not rated for what needs them."
                    ).format(
                        where,
                        int(unreadable.sum()),
                        field_name,
                        ", ".join(shown),
                        " …" if unreadable.sum() > 10 else "",
                    )
                )

    def _sample_land_use(self, points: list[QgsGeometry]) -> np.ndarray:
        """GB 15618 column per sample from the land use at its place (水田 → paddy, 园地 →
        orchard, else other)."""
        codes = self._land_use_codes()
        uses = np.full(len(points), "other", dtype=object)
        if codes is None:
            return uses
        source, field_name = codes
        move = transformer(source.sourceCrs(), self.crs, self.context)
        # Only the parcels near a sample are tested: a spatial index of the sample points.
        index = QgsSpatialIndex()
        for number, point in enumerate(points):
            index.addFeature(number, point.boundingBox())  # noqa: QGS201 (in memory)
        for feature in source.getFeatures():
            area = move(feature.geometry())
            inside = [i for i in index.intersects(area.boundingBox()) if area.contains(points[i])]
            if inside:
                uses[inside] = _gb15618_column(str(feature[field_name] or ""))
        return uses

    def _polluted_areas(self, points: list[QgsGeometry], rated: Any) -> list[Evidence]:
        """Voronoi cells of all samples (each sample stands for the land nearest to it),
        limited to the sample radius, for the samples above a screening value."""
        radius = self.inputs.sample_radius
        multipoint = QgsGeometry.collectGeometry(points)
        cells = (
            multipoint.voronoiDiagram(QgsGeometry(), 0.0).asGeometryCollection()
            if len(points) > 1
            else []
        )
        cell_index = QgsSpatialIndex()
        for number, cell in enumerate(cells):
            cell_index.addFeature(number, cell.boundingBox())  # noqa: QGS201 (in memory)

        def stands_for(index: int) -> QgsGeometry:
            disc = points[index].buffer(radius, 36)
            candidates = cell_index.intersects(points[index].boundingBox())
            cell = next((cells[c] for c in candidates if cells[c].contains(points[index])), None)
            return disc.intersection(cell) if cell is not None else disc

        areas = [stands_for(index) for index in range(len(points))]
        classes = rated.pollution_class.astype(float)
        classes[classes < 0] = np.nan  # undecided samples do not rate
        self.samples = (areas, rated.screening_ratio, classes)
        failing = np.flatnonzero(rated.pollution_class >= 1)
        if not len(failing):
            return []
        degrees = grade_degree(
            self.rules,
            "pollution",
            {"pollution_exceedance": rated.screening_ratio[failing]},
            strict=False,
        )
        self._report_ungraded(degrees.ungraded, self.tr("samples"))
        pieces = []
        for position, index in enumerate(failing):
            area = areas[index]
            degree = int(degrees.degree[position])
            if degree != 0 and not area.isEmpty():
                basis = degree_basis(degree, bool(degrees.from_default[position]))
                pieces.append(Evidence(area, "pollution", degree, "samples", basis))
        return pieces

    # --- merging and output -------------------------------------------------------------

    def _report_ungraded(self, ungraded: dict[str, int], what: str) -> None:
        for indicator, count in ungraded.items():
            self.feedback.pushWarning(
                self.tr(
                    "{0} {1}: the rule pack's {2} limits are empty (or end below the value), "
                    "so their degree is the pack's default or undecided. Fill the limits in the "
                    "rule pack (TD/T 1031.3 or your province)."
                ).format(count, what, Words(*INDICATOR_NAMES.get(indicator, (indicator,) * 2)))
            )

    def finish(self, merged: list, pieces: list[Evidence]) -> list[dict]:
        """Clip, split by previous land use, dissolve, merge slivers; rows with geometry."""

        layer = QgsVectorLayer(
            f"MultiPolygon?crs={self.crs.authid() or 'EPSG:4326'}"
            "&field=dist_type:string&field=dist_degree:integer&field=degree_basis:string",
            "merged",
            "memory",
        )
        if not self.crs.authid():
            layer.setCrs(self.crs)
        features = []
        for piece in merged:
            feature = QgsFeature(layer.fields())
            feature.setGeometry(piece.geometry)
            degree = None if piece.degree == DEGREE_UNDECIDED else piece.degree
            feature.setAttributes([piece.damage_type, degree, piece.basis])
            features.append(feature)
        _add_all(layer, features)
        current: Any = layer
        run = self._child
        if self.inputs.area is not None:
            current = run("native:clip", {"INPUT": current, "OVERLAY": self.inputs.area_parameter})
        codes = self._land_use_codes()
        if codes is not None:
            current = self._with_land_use(current, codes)
        else:
            current = run(
                "native:fieldcalculator",
                {
                    "INPUT": current,
                    "FIELD_NAME": "dlbm_before",
                    "FIELD_TYPE": 2,
                    "FIELD_LENGTH": 10,
                    "FORMULA": "NULL",
                },
            )
        current = run(
            "native:dissolve",
            {
                "INPUT": current,
                "FIELD": ["dist_type", "dist_degree", "degree_basis", "dlbm_before"],
            },
        )
        current = run("native:multiparttosingleparts", {"INPUT": current})
        current = self._merge_slivers(current)
        result = (
            QgsProcessingUtils.mapLayerFromString(current, self.context)
            if isinstance(current, str)
            else current
        )
        rows = []
        for feature in result.getFeatures():
            geometry = feature.geometry()
            if geometry.isEmpty():
                continue
            if not geometry.isGeosValid():
                geometry = geometry.makeValid()
            rows.append(
                {
                    "geometry": geometry,
                    "dist_type": feature["dist_type"],
                    "dist_degree": feature["dist_degree"],
                    "degree_basis": feature["degree_basis"],
                    "dlbm_before": feature["dlbm_before"],
                }
            )
        self._evidence_fields(rows, pieces)
        return rows

    def _child(self, algorithm: str, parameters: dict) -> Any:
        from qgis import processing

        if self.feedback.isCanceled():
            raise Cancelled
        result = processing.run(
            algorithm,
            {**parameters, "OUTPUT": QgsProcessing.TEMPORARY_OUTPUT},
            context=self.context,
            feedback=None,
            is_child_algorithm=True,
        )
        return result["OUTPUT"]

    def _with_land_use(self, current: Any, codes: tuple[Any, str]) -> Any:
        """Damage pieces split by the land use below them; pieces outside it keep NULL."""
        _, field_name = codes
        landuse = self.inputs.landuse_parameter
        renamed = (
            self._child(
                "native:renametablefield",
                {"INPUT": landuse, "FIELD": field_name, "NEW_NAME": "dlbm_before"},
            )
            if field_name != "dlbm_before"
            else landuse
        )
        inside = self._child(
            "native:intersection",
            {
                "INPUT": current,
                "OVERLAY": renamed,
                "INPUT_FIELDS": ["dist_type", "dist_degree", "degree_basis"],
                "OVERLAY_FIELDS": ["dlbm_before"],
            },
        )
        outside = self._child("native:difference", {"INPUT": current, "OVERLAY": renamed})
        outside = self._child(
            "native:fieldcalculator",
            {
                "INPUT": outside,
                "FIELD_NAME": "dlbm_before",
                "FIELD_TYPE": 2,
                "FIELD_LENGTH": 10,
                "FORMULA": "NULL",
            },
        )
        return self._child(
            "native:mergevectorlayers", {"LAYERS": [inside, outside], "CRS": self.crs}
        )

    def _merge_slivers(self, current: Any) -> Any:
        """Patches below the minimum area join the neighbour they share most border with."""
        layer = (
            QgsProcessingUtils.mapLayerFromString(current, self.context)
            if isinstance(current, str)
            else current
        )
        minimum = self.rules.min_patch_area_m2.value
        areas = ellipsoidal_areas(
            (f.geometry() for f in layer.getFeatures()), layer.crs(), self.context
        )
        ids = [f.id() for f in layer.getFeatures()]
        small = [fid for fid, area in zip(ids, areas, strict=True) if area < minimum]
        if not small or len(small) == len(ids):
            return current
        layer.selectByIds(small)
        return self._child("qgis:eliminateselectedpolygons", {"INPUT": layer, "MODE": 2})

    def _evidence_fields(self, rows: list[dict], pieces: list[Evidence]) -> None:
        polygons = [row["geometry"] for row in rows]
        sources = sources_by_polygon(polygons, pieces)
        for row, source in zip(rows, sources, strict=True):
            row["evidence"] = source
        stats = {}
        if self.change_path:
            stats.update(
                self._zonal(
                    polygons,
                    self.change_path,
                    {"mean": "chg_mean_m", "min": "chg_min_m", "max": "chg_max_m"},
                )
            )
        if self.subsidence_path:
            stats.update(self._zonal(polygons, self.subsidence_path, {"max": "subs_max_m"}))
        if self.ponding_path:
            # The storage of a ponded polygon (a pit lake, a subsidence pond) decides 坑塘水面
            # 1104 vs 水库水面 1103 by the pack's storage threshold.
            stats["ponding_m"], stats["pond_volume_m3"] = self._ponding(polygons)
        if self.samples is not None:
            areas, ratios, classes = self.samples
            stats["exceed_ratio"] = worst_overlapping(polygons, areas, ratios)
            # The factor "pollution" (0/1/2) for the suitability rules: the worst sample
            # standing for any part of the polygon.
            stats["pollution"] = worst_overlapping(polygons, areas, classes)
        for name, values in stats.items():
            for row, value in zip(rows, values, strict=True):
                row[name] = None if not np.isfinite(value) else float(value)

    def _ponding(self, polygons: list[QgsGeometry]) -> tuple[np.ndarray, np.ndarray]:
        """Standing water of each polygon, from one pass over the ponding raster:

        - depth: the mean depth over its ponded cells when most of it ponds (more than half
          of its cells with data), else 0; a polygon that only touches a ponded core stays
          dry land, as a planner would map it;
        - volume (m³): the sum of the depths of its cells times the cell area (on a
          geographic grid, the area of a cell in the grid's middle row), 0 where dry.
        """
        stats = self._zonal(
            polygons,
            self.ponding_path,
            {"mean": "mean", "count": "count", "sum": "sum"},
            thresholds=(0.0,),
        )
        share = stats["share_above_0"]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_ponded = stats["mean"] / share
        depth = np.where(share > 0.5, mean_ponded, np.where(np.isnan(share), np.nan, 0.0))
        grid = open_grid(self.ponding_path)
        cell_area = float(row_cell_areas_m2(grid, grid.height // 2, 1)[0])
        volume = np.nan_to_num(stats["sum"], nan=0.0) * cell_area
        return depth, np.where(depth > 0, volume, 0.0)

    def _zonal(
        self,
        polygons: list[QgsGeometry],
        raster: str,
        names: dict[str, str],
        thresholds: tuple[float, ...] = (),
    ) -> dict:
        from ..units import NumberedUnits

        units = NumberedUnits(list(range(len(polygons))), polygons, self.crs)
        grid = open_grid(raster)
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        path = self.temp / f"polygons_{len(list(self.temp.glob('polygons_*')))}.gpkg"
        layer = write_numbered_units(units, crs, path, self.context)
        result = zonal_statistics(
            UnitLayer(str(path), layer, UNIT_FIELD),
            raster,
            statistics=tuple(names),
            thresholds=thresholds,
        )
        count = len(polygons)
        output = {}
        columns = {names[name]: result.statistics[name] for name in names}
        for threshold in thresholds:
            columns[f"share_above_{threshold:g}"] = result.statistics.share_above(threshold)
        for field_name, computed in columns.items():
            values = np.full(count, np.nan)
            values[: min(count, len(computed))] = computed[:count]
            output[field_name] = values
        return output

    def write_output(self, rows: list[dict], parameters: dict) -> str:
        fields = QgsFields()
        layout = [
            ("dist_type", FIELD_STRING),
            ("dist_degree", FIELD_INT),
            ("degree_basis", FIELD_STRING),
            ("dlbm_before", FIELD_STRING),
            ("dlmc_before", FIELD_STRING),
            ("evidence", FIELD_STRING),
            ("chg_mean_m", FIELD_DOUBLE),
            ("chg_min_m", FIELD_DOUBLE),
            ("chg_max_m", FIELD_DOUBLE),
            ("subs_max_m", FIELD_DOUBLE),
            ("ponding_m", FIELD_DOUBLE),
            ("pond_volume_m3", FIELD_DOUBLE),
            ("exceed_ratio", FIELD_DOUBLE),
            ("pollution", FIELD_INT),
            ("area_m2", FIELD_DOUBLE),
            ("area_hm2", FIELD_DOUBLE),
            ("area_mu", FIELD_DOUBLE),
        ]
        for name, kind in layout:
            fields.append(QgsField(name, kind))
        sink, dest = self.alg.sink(
            parameters,
            ClassifyDisturbanceAlgorithm.OUTPUT,
            self.context,
            fields,
            QgsWkbTypes.MultiPolygon,
            self.crs,
        )
        if sink is None:
            raise QgsProcessingException(
                self.alg.invalidSinkError(parameters, ClassifyDisturbanceAlgorithm.OUTPUT)
            )
        areas = ellipsoidal_areas((row["geometry"] for row in rows), self.crs, self.context)
        for row, area in zip(rows, areas, strict=True):
            row["area_m2"] = float(area)
            code = row.get("dlbm_before")
            row["dlmc_before"] = LAND_USE_CODES.get(str(code), ("",))[0] if code else None
            feature = QgsFeature(fields)
            geometry = QgsGeometry(row["geometry"])
            geometry.convertToMultiType()  # noqa: QGS201 (False only when already multi)
            feature.setGeometry(geometry)
            values = [row.get(name) for name, _ in layout[:-2]]
            hectares = float(area) * HM2_PER_M2
            feature.setAttributes([*values, hectares, hectares * MU_PER_HM2])
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.alg.writeFeatureError(
                    sink, parameters, ClassifyDisturbanceAlgorithm.OUTPUT
                )
                del sink  # closes the file before it is removed
                raise self.alg.discard_output(dest, message)
        return dest

    def write_summary(self, rows: list[dict], parameters: dict, language: str) -> str:
        """Area by type × degree × land use before damage, codes with their names."""
        fields = QgsFields()
        for name, kind in (
            ("dist_type", FIELD_STRING),
            ("type_name", FIELD_STRING),
            ("dist_degree", FIELD_INT),
            ("degree_name", FIELD_STRING),
            ("degree_basis", FIELD_STRING),
            ("dlbm_before", FIELD_STRING),
            ("dlmc_before", FIELD_STRING),
            ("patches", FIELD_INT),
            ("area_m2", FIELD_DOUBLE),
            ("area_hm2", FIELD_DOUBLE),
            ("area_mu", FIELD_DOUBLE),
        ):
            fields.append(QgsField(name, kind))
        sink, dest = self.alg.sink(
            parameters,
            ClassifyDisturbanceAlgorithm.SUMMARY,
            self.context,
            fields,
            QgsWkbTypes.NoGeometry,
        )
        if sink is None:
            if not parameters.get(ClassifyDisturbanceAlgorithm.SUMMARY):
                return ""  # not asked for
            raise QgsProcessingException(
                self.alg.invalidSinkError(parameters, ClassifyDisturbanceAlgorithm.SUMMARY)
            )
        groups: dict[tuple, list[float]] = {}
        for row in rows:
            key = (
                row["dist_type"],
                row["dist_degree"],
                row.get("degree_basis"),
                row.get("dlbm_before"),
            )
            groups.setdefault(key, []).append(row["area_m2"])
        total = sum(row["area_m2"] for row in rows)
        ordered = sorted(
            groups.items(), key=lambda item: tuple("" if v is None else str(v) for v in item[0])
        )
        summary_rows = [(*key, len(values), sum(values)) for key, values in ordered]
        summary_rows.append(("total", None, None, None, len(rows), total))
        for dist_type, degree, basis, code, patches, area in summary_rows:
            feature = QgsFeature(fields)
            feature.setAttributes(
                [
                    dist_type,
                    in_language(DAMAGE_TYPE_NAMES[dist_type], language)
                    if dist_type in DAMAGE_TYPE_NAMES
                    else in_language(TOTAL_NAME, language),
                    degree,
                    degree_name(degree, basis, language) if dist_type != "total" else None,
                    basis,
                    code,
                    code_name(code, language) if code else None,
                    patches,
                    area,
                    round(area * HM2_PER_M2, 4),
                    round(area * HM2_PER_M2 * MU_PER_HM2, 4),
                ]
            )
            if not sink.addFeature(feature, QgsFeatureSink.FastInsert):
                message = self.alg.writeFeatureError(
                    sink, parameters, ClassifyDisturbanceAlgorithm.SUMMARY
                )
                del sink  # closes the file before it is removed
                raise self.alg.discard_output(dest, message)
        return dest


def _source_of(layer: QgsRasterLayer | None) -> str | None:
    return layer.source() if layer is not None else None


def _gb15618_column(code: str) -> str:
    """GB 15618's land-use column of a GB/T 21010 code: 水田 paddy, 园地 orchard, else other."""
    if code.startswith("0101"):
        return "paddy"
    return "orchard" if code.startswith("02") else "other"


def _add_all(layer: QgsVectorLayer, features: list[QgsFeature]) -> None:
    """Add features to a memory layer, or fail naming it."""
    if not layer.dataProvider().addFeatures(features)[0]:
        raise RasterError(f"cannot add features to the working layer {layer.name()}")


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def _in_reading_order(rows: list[dict]) -> list[dict]:
    """Disturbed polygons by type, degree and land use, then north to south and west to
    east: QGIS's dissolve returns groups in an order that changes from run to run, and
    the same land should give the same feature ids."""

    def key(row: dict) -> tuple:
        return (
            str(row.get("dist_type") or ""),
            str(row.get("dist_degree")),
            str(row.get("dlbm_before") or ""),
            *reading_position(row["geometry"]),
        )

    return sorted(rows, key=key)
