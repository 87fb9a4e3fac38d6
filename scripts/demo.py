"""Run the main job headless on the sample mine and write demo-output/.

    .venv/bin/python scripts/demo.py [--output demo-output] [--sample resources/sample]

The one plan run, ``reclamation:reclamationplan`` (the same algorithm as the wizard, the
toolbox, batch mode and qgis_process; the provider is registered from this source tree in a
standalone QgsApplication): subsidence predicted from the working panels (their own 采厚,
埋深, 倾角, 下沉系数, 主要影响角正切 fields) → disturbed land from the DEMs, the mining
influence zone, the predicted rasters, facilities (type field 类型), soil samples, land use
and study area → suitability of the disturbed polygons with the slope of the DEM, the soil
map, the groundwater depth and the river → area tables and report.

Then a QGIS project (reclamation_demo.qgz) with the styled layers in groups, a PNG map of
the proposed uses, figures.json, and the key figures in the terminal. The output folder is
emptied first (only if it is a previous demo output or empty).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
COSTS = ROOT / "resources" / "costs"  # the sample mine's example prices and cost structure
DEFAULT_OUTPUT = ROOT / "demo-output"
MARKER = ".reclamation-demo"
GPKG = "sample_mine.gpkg"
# Proposals that are not reclamation (as the plan's tables count them).
NOT_RECLAIMED_USES = ("keep", "")
DAMAGE_TYPES = ("excavation", "occupation", "subsidence", "pollution")
TYPE_ZH = {"excavation": "挖损", "occupation": "压占", "subsidence": "塌陷", "pollution": "污染"}
USE_ZH = {
    "cultivated": "耕地",
    "garden": "园地",
    "forest": "林地",
    "grass": "草地",
    "water": "水域（坑塘）",
    "construction": "建设用地",
    "restore": "恢复原地类（道路、沟渠）",
    "keep": "保留现状",
    "": "未评价",
}
TITLE = "示例煤矿土地复垦方案（演示，构造数据） Sample mine reclamation plan (demo)"
# The sample's overview: constructed, like its data.
PROJECT_INFO = (
    "mine_name=示例煤矿（构造数据）;mining_method=井工开采（另有露天采坑、排土场）;"
    "prepared_by=Mine Reclamation Planner 演示"
)
# The sample's working panels carry their own parameters (fields), as a mine's do.
PANELS = {
    "THICKNESS_FIELD": "采厚",
    "DEPTH_FIELD": "埋深",
    "DIP_FIELD": "倾角",
    "SUBSIDENCE_FACTOR_FIELD": "下沉系数",
    "TAN_BETA_FIELD": "主要影响角正切",
    # The work plan: subsided land is reclaimed once stable (mining year + settling).
    "MINING_YEAR_FIELD": "开采年份",
}
SOIL_FIELDS = (
    "有效土层厚度=soil_thickness_cm;有机质=organic_matter_gkg;pH值=ph;"
    "砾石含量=gravel_pct;质地代码=texture;容重=bulk_density"
)


def _prepare_environment():
    """Headless defaults; call before QgsApplication exists."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PROJ_DATA", "/usr/share/proj")
    if "QGIS_CUSTOM_CONFIG_PATH" not in os.environ:
        os.environ["QGIS_CUSTOM_CONFIG_PATH"] = tempfile.mkdtemp(prefix="reclamation-demo-")
    runtime = Path(os.environ["QGIS_CUSTOM_CONFIG_PATH"]) / "runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def start_qgis():
    """A standalone QgsApplication (None when one already runs, e.g. under pytest-qgis)."""
    from qgis.core import QgsApplication

    if QgsApplication.instance() is not None:
        return None
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


_PROVIDERS = []


def ensure_provider():
    """Processing with the native algorithms and the plugin's provider from this tree."""
    from qgis.core import QgsApplication

    plugins = Path(QgsApplication.pkgDataPath()) / "python" / "plugins"
    if str(plugins) not in sys.path:
        sys.path.append(str(plugins))
    from processing.core.Processing import Processing

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("reclamation") is None:
        from plugin.provider.provider import ReclamationProvider

        _PROVIDERS.append(ReclamationProvider())  # keep the Python object alive
        registry.addProvider(_PROVIDERS[-1])


def clean_output(output: Path) -> None:
    if output.exists():
        if any(output.iterdir()) and not (output / MARKER).exists():
            raise SystemExit(
                f"{output} exists and is not a demo output (no {MARKER}); "
                "remove it or choose another --output"
            )
        shutil.rmtree(output)
    output.mkdir(parents=True)
    (output / MARKER).write_text("written by scripts/demo.py; emptied on the next run\n")


class Feedback:
    """Processing feedback that prints warnings and errors (and everything with verbose)."""

    def __new__(cls, verbose=False, echo=print):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.warnings: list[str] = []

            def reportError(self, error, fatalError=False):  # noqa: N802, N803
                echo(f"    error: {error}")

            def pushWarning(self, warning):  # noqa: N802
                self.warnings.append(warning)
                if verbose:
                    echo(f"    warning: {warning}")

            def pushInfo(self, info):  # noqa: N802
                if verbose:
                    echo(f"    {info}")

        return _Feedback()


def run(algorithm, parameters, feedback, echo):
    import processing

    echo(f"→ {algorithm}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.22-era API calls in the chain
        return processing.run(algorithm, parameters, feedback=feedback)


def second_lives(paths, source, sample, feedback, echo):
    """The second lives the cn-transformation pack would give the plan's units (the plan
    itself stays cn-reclamation's): PV near the sample's power line, construction by its
    roads, ecology and tourism near its villages. Written to reuse.gpkg; the summary."""
    roads, villages = (
        run(
            "native:extractbyexpression",
            {"INPUT": source("土地利用现状"), "EXPRESSION": expression,
             "OUTPUT": "TEMPORARY_OUTPUT"},
            feedback, echo,
        )["OUTPUT"]
        for expression in ("\"DLBM\" IN ('1003', '1006')", "\"DLBM\" = '0702'")
    )  # fmt: skip
    paths["reuse"] = paths["suitability"].parent / "reuse.gpkg"
    result = run(
        "reclamation:secondlives",
        {"UNITS": str(paths["suitability"]), "RULES": "cn-transformation",
         "DEM": str(sample / "dem_after.tif"), "GRID": source("电网"), "ROADS": roads,
         "SETTLEMENTS": villages, "OUTPUT": str(paths["reuse"]),
         "SUMMARY": "TEMPORARY_OUTPUT"},
        feedback, echo,
    )  # fmt: skip
    from plugin.compat import is_null

    return {
        f["reuse"]: {
            "units": f["units"],
            "area_hm2": round(f["area_hm2"], 4),
            "capacity_mw": None if is_null(f["capacity_mw"]) else round(f["capacity_mw"], 2),
        }
        for f in result["SUMMARY"].getFeatures()
    }


def layer(path, name=None, title=None):
    from qgis.core import QgsVectorLayer

    source = f"{path}|layername={name}" if name else str(path)
    loaded = QgsVectorLayer(source, title or name or Path(path).stem, "ogr")
    if not loaded.isValid():
        raise RuntimeError(f"cannot open {source}")
    return loaded


def sum_by(vector, key, where=None):
    totals: dict[str, float] = {}
    for feature in vector.getFeatures():
        if where is not None and not where(feature):
            continue
        value = feature[key]
        name = "" if value is None or str(value) == "NULL" else str(value)
        totals[name] = totals.get(name, 0.0) + float(feature["area_hm2"] or 0.0)
    return totals


def is_damaged(feature):
    return str(feature["dist_type"]) in DAMAGE_TYPES


def ellipsoidal_hm2(vector):
    from qgis.core import QgsDistanceArea, QgsProject

    measure = QgsDistanceArea()
    measure.setSourceCrs(vector.crs(), QgsProject.instance().transformContext())
    measure.setEllipsoid(vector.crs().ellipsoidAcronym() or "EPSG:7044")
    return sum(measure.measureArea(f.geometry()) for f in vector.getFeatures()) / 10000.0


def quantities_of(tables):
    """The engineering quantities and the balance of the report's tables (工程量, 土方平衡)."""
    from osgeo import ogr

    dataset = ogr.Open(str(tables))
    found = {"quantities": [], "balance_m3": {}, "investment": {}}
    if dataset is None:
        return found
    works = dataset.GetLayerByName("works_summary")
    for feature in works or []:
        found["quantities"].append(
            {
                "item": feature.GetField("item_name"),
                "unit": feature.GetField("unit_name"),
                "quantity": round(feature.GetField("quantity"), 2),
            }
        )
    balance = dataset.GetLayerByName("earth_balance")
    for feature in balance or []:
        found["balance_m3"][feature.GetField("item")] = round(feature.GetField("m3"), 2)
    investment = dataset.GetLayerByName("investment_summary")
    found["investment"] = {
        feature.GetField("item"): feature.GetField("value") for feature in investment or []
    }
    plan = dataset.GetLayerByName("work_plan")
    invested = {
        feature.GetField("stage_name"): feature.GetField("investment")
        for feature in dataset.GetLayerByName("stage_investment") or []
    }
    found["stages"] = [
        {
            "stage": feature.GetField("stage_name"),
            "years": feature.GetField("years"),
            "reclaimed_hm2": round(feature.GetField("works_hm2") or 0.0, 4),
            "investment": invested.get(feature.GetField("stage_name")),
        }
        for feature in plan or []
    ]
    services = dataset.GetLayerByName("esv_services")
    found["esv_wan"] = {
        key: round(feature.GetField(f"{key}_wan") or 0.0, 2)
        for feature in services or []
        if feature.GetField("row_kind") == "total"
        for key in ("before", "damaged", "after", "gain")
    }
    corridors = dataset.GetLayerByName("ecological_corridors")
    found["corridors"] = (
        {
            "count": sum(1 for f in corridors or [] if f.GetField("row_kind") == "item"),
            **{
                key: round(f.GetField(key) or 0.0, 2)
                for f in corridors or []
                if f.GetField("row_kind") == "total"
                for key in ("length_m", "cost")
            },
        }
        if corridors is not None
        else {}
    )
    priority = dataset.GetLayerByName("restoration_priority")
    found["priority"] = [
        {"unit_id": f.GetField("unit_id"), "use": f.GetField("use_name")}
        for f in priority or []
        if (f.GetField("priority_rank") or 0) <= 3
    ]
    dataset = None
    return found


def figures_of(disturbance, suitability, study_area):
    damaged = sum_by(disturbance, "dist_type", is_damaged)
    total_damaged = sum(damaged.values())
    proposed = sum_by(suitability, "use_proposed", is_damaged)
    reclaimed = sum(area for use, area in proposed.items() if use not in NOT_RECLAIMED_USES)
    ponded = [
        f for f in suitability.getFeatures() if is_damaged(f) and f["use_proposed"] == "water"
    ]
    basis = sum_by(disturbance, "degree_basis", is_damaged)
    return {
        "damaged_hm2_by_type": {k: round(v, 4) for k, v in sorted(damaged.items())},
        "damaged_hm2": round(total_damaged, 4),
        "degree_undecided_hm2": round(basis.get("undecided", 0.0), 4),
        "degree_default_hm2": round(basis.get("default", 0.0), 4),
        "proposed_hm2_by_use": {k: round(v, 4) for k, v in sorted(proposed.items())},
        "reclaimed_hm2": round(reclaimed, 4),
        "reclamation_rate": round(reclaimed / total_damaged, 4) if total_damaged else 0.0,
        "water_units": len(ponded),
        "study_area_hm2": round(ellipsoidal_hm2(study_area), 4),
    }


# --- project and map ------------------------------------------------------------------------


def _pseudocolor(raster, ramp_name, minimum, maximum):
    from qgis.core import (
        QgsColorRampShader,
        QgsRasterShader,
        QgsSingleBandPseudoColorRenderer,
        QgsStyle,
    )

    ramp = QgsStyle.defaultStyle().colorRamp(ramp_name)
    shader = QgsColorRampShader(minimum, maximum, ramp)
    shader.classifyColorRamp(5, -1)
    raster_shader = QgsRasterShader()
    raster_shader.setRasterShaderFunction(shader)
    raster.setRenderer(QgsSingleBandPseudoColorRenderer(raster.dataProvider(), 1, raster_shader))


def _outline(vector, colour, width="0.6", style="solid"):
    from plugin.provider.styling import outline_renderer

    vector.setRenderer(outline_renderer(colour, width, style))


def build_project(output, sample, paths):
    """Layers into a project in groups, styled; written as reclamation_demo.qgz."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsHillshadeRenderer,
        QgsLineSymbol,
        QgsProject,
        QgsRasterLayer,
        QgsSingleSymbolRenderer,
    )

    from plugin.provider.styling import landuse_renderer

    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4527"))
    project.setTitle("示例煤矿土地复垦规划 Sample mine reclamation plan (demo)")
    root = project.layerTreeRoot()

    def add(group, map_layer):
        project.addMapLayer(map_layer, False)
        group.addLayer(map_layer)
        return map_layer

    plan = root.addGroup("复垦方案 Reclamation plan")
    suitability = add(plan, layer(paths["suitability"], "suitability", "复垦适宜性与拟复垦地类"))
    suitability.loadDefaultStyle()
    damaged = root.addGroup("损毁土地 Disturbed land")
    disturbance = add(damaged, layer(paths["disturbance"], "disturbance", "损毁土地类型与程度"))
    disturbance.loadDefaultStyle()

    if paths.get("ponding"):
        subsided = root.addGroup("开采沉陷 Subsidence")
        contours = add(subsided, layer(paths["contours"], None, "下沉等值线 (m)"))
        contours.setRenderer(
            QgsSingleSymbolRenderer(
                QgsLineSymbol.createSimple({"color": "#1f4e79", "width": "0.3"})
            )
        )
        ponding = add(subsided, QgsRasterLayer(str(paths["ponding"]), "积水深度 ponding (m)"))
        _pseudocolor(ponding, "Blues", 0.0, 1.5)
        subsidence = add(subsided, QgsRasterLayer(str(paths["subsidence"]), "下沉 subsidence (m)"))
        _pseudocolor(subsidence, "Purples", 0.0, 3.0)
        subsidence.setOpacity(0.6)
        subsided.setItemVisibilityChecked(False)

    from plugin.provider.styling import corridor_renderer, eco_source_renderer

    ecology = root.addGroup("生态修复 Ecological restoration")
    corridors = add(ecology, layer(paths["corridors"], None, "生态廊道 corridors"))
    corridors.setRenderer(corridor_renderer())
    sources = add(ecology, layer(paths["eco_sources"], None, "生态源地 ecological sources"))
    sources.setRenderer(eco_source_renderer())
    add(ecology, layer(paths["priority"], None, "修复优先序 priority")).setOpacity(0.0)

    inputs = root.addGroup("示例数据 Sample inputs (constructed)")
    gpkg = sample / GPKG
    study = add(inputs, layer(gpkg, "项目区范围"))
    _outline(study, "#c00000", "0.8", "dash")
    facilities = add(inputs, layer(gpkg, "矿山设施"))
    _outline(facilities, "#7f3f00", "0.5")
    panels = add(inputs, layer(gpkg, "开采工作面"))
    _outline(panels, "#404040", "0.4", "dot")
    _outline(add(inputs, layer(gpkg, "采动影响范围")), "#6a3d9a", "0.4", "dash")
    add(inputs, layer(gpkg, "土壤采样点"))
    river = add(inputs, layer(gpkg, "河流"))
    river.setRenderer(
        QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "#2b7bba", "width": "0.8"}))
    )
    add(inputs, layer(gpkg, "坑塘"))
    landuse = add(inputs, layer(gpkg, "土地利用现状"))
    codes = [str(c) for c in landuse.uniqueValues(landuse.fields().indexOf("DLBM")) if c]
    landuse.setRenderer(landuse_renderer(codes, "zh"))
    add(inputs, layer(gpkg, "土壤图斑")).setOpacity(0.5)
    groundwater = add(
        inputs, QgsRasterLayer(str(sample / "groundwater_depth.tif"), "潜水位埋深 (m)")
    )
    _pseudocolor(groundwater, "Blues", 1.0, 3.0)
    for name, title in (("dem_after.tif", "采后 DEM"), ("dem_before.tif", "采前 DEM")):
        dem = add(inputs, QgsRasterLayer(str(sample / name), title))
        dem.setRenderer(QgsHillshadeRenderer(dem.dataProvider(), 1, 315.0, 45.0))
    for node in inputs.children()[5:]:
        node.setItemVisibilityChecked(False)

    path = output / "reclamation_demo.qgz"
    if not project.write(str(path)):
        raise RuntimeError(f"could not write {path}: {project.error()}")
    return project, {
        "suitability": suitability,
        "study": study,
        "river": river,
        "landuse": landuse,
        "disturbance": disturbance,
        "contours": contours if paths.get("ponding") else None,
        "corridors": corridors,
        "eco_sources": sources,
    }


# --- main ------------------------------------------------------------------------------------


def plan_maps(project, layers, folder, proposed_png):
    """The 附图 as layouts of the project (生态网络图 the fourth), their PNGs in ``folder``,
    and the plan sheet (附图3 土地复垦规划图) also as ``proposed_png``, the README's demo map."""
    from plugin.provider.plan_maps import PlanMaps, SheetInfo, SheetLayers, export_png

    sheets = SheetLayers(
        landuse=layers["landuse"],
        damage=layers["disturbance"],
        plan=layers["suitability"],
        boundary=layers["study"],
        context=[layers["river"]],
        contours=layers["contours"],
        network=layers["corridors"],
        sources=layers["eco_sources"],
    )
    info = SheetInfo("示例煤矿（构造数据）", "Mine Reclamation Planner 演示")
    folder.mkdir()
    layouts = PlanMaps("zh").add_layouts(project, sheets, info)
    for number, layout in enumerate(layouts, start=1):
        export_png(layout, str(folder / f"figure_{number}.png"))
    (plan,) = [layout for layout in layouts if layout.name().endswith("土地复垦规划图")]
    export_png(plan, str(proposed_png), dpi=80)


def _has_docx() -> bool:
    """python3-docx installed (make deps installs it): the demo writes the Word report too."""
    import importlib.util

    return importlib.util.find_spec("docx") is not None


def main(output=DEFAULT_OUTPUT, sample=SAMPLE, echo=print, verbose=False, subsidence=True):
    """Run the chain into ``output``; return the figures (also written to figures.json)."""

    from osgeo import gdal

    output, sample = Path(output).resolve(), Path(sample).resolve()
    ensure_provider()
    # No .aux.xml statistics files next to the sample rasters (they are committed).
    pam = gdal.GetConfigOption("GDAL_PAM_ENABLED")
    gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")
    try:
        return _main(output, sample, echo, verbose, subsidence)
    finally:
        gdal.SetConfigOption("GDAL_PAM_ENABLED", pam)


def _main(output, sample, echo, verbose, subsidence):

    clean_output(output)
    feedback = Feedback(verbose, echo)
    gpkg = sample / GPKG

    def source(name):
        return f"{gpkg}|layername={name}"

    paths = {
        "disturbance": output / "disturbance.gpkg",
        "suitability": output / "suitability.gpkg",
        "corridors": output / "corridors.gpkg",
        "eco_sources": output / "eco_sources.gpkg",
        "priority": output / "priority.gpkg",
    }
    report = output / "report"
    report.mkdir()
    parameters = {
        "DEM_BEFORE": str(sample / "dem_before.tif"),
        "DEM_AFTER": str(sample / "dem_after.tif"),
        "UNDERMINED": source("采动影响范围"),
        "GROUNDWATER_DEPTH": str(sample / "groundwater_depth.tif"),
        "FACILITIES": source("矿山设施"),
        "FACILITY_TYPE_FIELD": "类型",
        "SOIL_SAMPLES": source("土壤采样点"),
        "PH_FIELD": "pH",
        "LANDUSE": source("土地利用现状"),
        "LANDUSE_CODE_FIELD": "DLBM",
        "AREA": source("项目区范围"),
        "SOIL": source("土壤图斑"),
        "SOIL_FIELDS": SOIL_FIELDS,
        "WATER": source("河流"),
        "RULES": "cn-reclamation",
        # The example prices and cost structure of the sample mine (an example, not a norm).
        "PRICES": str(COSTS / "example_prices_sample_mine.csv"),
        "COSTS": str(COSTS / "example_sample_mine.json"),
        # The service period of the sample mine (the yearly spending follows from it).
        "FIRST_YEAR": 2027,
        "PRODUCTION_YEARS": 8,
        "SETTLING_YEARS": 2,
        "AFTERCARE_YEARS": 3,
        "TITLE": TITLE,
        "PROJECT_INFO": PROJECT_INFO,
        "classify:DISTURBED": str(paths["disturbance"]),
        "classify:DISTURBED_SUMMARY": str(output / "disturbance_summary.csv"),
        "evaluate:SUITABILITY": str(paths["suitability"]),
        "evaluate:SUITABILITY_SUMMARY": str(output / "suitability_summary.csv"),
        "network:CORRIDORS": str(paths["corridors"]),
        "network:SOURCES": str(paths["eco_sources"]),
        "priority:OUTPUT": str(paths["priority"]),
        "summarize:TABLES": str(report / "tables.gpkg"),
        "summarize:REPORT_HTML": str(report / "report.html"),
        "summarize:REPORT_PDF": str(report / "report.pdf"),
        "summarize:REPORT_XLSX": str(report / "report.xlsx"),
        **({"summarize:REPORT_DOCX": str(report / "report.docx")} if _has_docx() else {}),
    }
    if subsidence:
        folder = output / "subsidence"
        folder.mkdir()
        paths |= {
            "subsidence": folder / "subsidence.tif",
            "ponding": folder / "ponding.tif",
            "contours": folder / "contours.gpkg",
        }
        parameters |= {
            **PANELS,
            "PANELS": source("开采工作面"),
            "predict:SUBSIDENCE": str(paths["subsidence"]),
            "predict:PONDING": str(paths["ponding"]),
            "predict:CONTOURS": str(paths["contours"]),
        }
    # The one plan run: the same algorithm as the wizard, the toolbox and qgis_process.
    run("reclamation:reclamationplan", parameters, feedback, echo)

    disturbance_layer = layer(paths["disturbance"], "disturbance")
    suitability_layer = layer(paths["suitability"], "suitability")
    figures = figures_of(disturbance_layer, suitability_layer, layer(gpkg, "项目区范围"))
    del disturbance_layer, suitability_layer
    figures |= quantities_of(report / "tables.gpkg")
    figures["second_lives"] = second_lives(paths, source, sample, feedback, echo)

    project, layers = build_project(output, sample, paths)
    plan_maps(project, layers, output / "maps", output / "proposed_uses.png")
    project.write()
    project.clear()

    files = sorted(
        str(p.relative_to(output)) for p in output.rglob("*") if p.is_file() and p.name != MARKER
    )
    figures |= {"output": str(output), "files": files, "warnings": len(feedback.warnings)}
    (output / "figures.json").write_text(
        json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print_figures(figures, output, report, echo)
    return figures


def print_figures(figures, output, report, echo):
    echo("")
    echo(f"Damaged land 损毁土地 ({figures['damaged_hm2']:.2f} hm² of the study area's "
         f"{figures['study_area_hm2']:.2f} hm²):")  # fmt: skip
    for kind in DAMAGE_TYPES:
        area = figures["damaged_hm2_by_type"].get(kind, 0.0)
        echo(f"  {kind:<12} {TYPE_ZH[kind]}  {area:10.2f} hm²  {area * 15:10.1f} 亩")
    echo("Proposed use of the damaged land 拟复垦地类:")
    for use, area in sorted(figures["proposed_hm2_by_use"].items(), key=lambda kv: -kv[1]):
        label = use or "(not evaluated)"
        echo(f"  {label:<12} {USE_ZH.get(use, use)}  {area:10.2f} hm²  {area * 15:10.1f} 亩")
    reclaimed, damaged = figures["reclaimed_hm2"], figures["damaged_hm2"]
    rate = figures["reclamation_rate"] * 100
    echo(f"Reclamation rate 土地复垦率: {reclaimed:.2f} / {damaged:.2f} hm² = {rate:.1f} %")
    undecided, default = figures["degree_undecided_hm2"], figures["degree_default_hm2"]
    echo(f"  of the damaged land, degree undecided 程度未定 {undecided:.2f} hm², rule-pack "
         f"default degree 默认值（未核实） {default:.2f} hm²")  # fmt: skip
    echo(f"Water (ponded subsidence) units: {figures['water_units']}")
    if figures.get("quantities"):
        echo("Engineering quantities 工程量:")
        for row in figures["quantities"]:
            echo(f"  {row['item']:<24} {row['quantity']:>14,.2f} {row['unit']}")
        balance = figures["balance_m3"]
        echo(
            f"Soil balance 土方平衡: topsoil stripped {balance['topsoil_stripped']:,.2f} m³ for "
            f"{balance['topsoil_cover']:,.2f} m³ of cover; levelling cut "
            f"{balance['earth_cut']:,.2f} m³, fill {balance['earth_fill']:,.2f} m³"
        )
    investment = figures.get("investment") or {}
    if investment.get("static") is not None:
        echo(
            f"Investment 投资估算 (example prices, not a norm): static "
            f"{investment['static']:,.2f} 元, dynamic {investment['dynamic']:,.2f} 元, "
            f"{investment['static_per_mu']:,.2f} 元/亩"
        )
    if figures.get("stages"):
        echo("Work plan 复垦工作计划安排:")
        for row in figures["stages"]:
            money = "" if row["investment"] is None else f"  {row['investment']:16,.2f} 元"
            echo(f"  {row['stage']:<10} {row['years']:<14} {row['reclaimed_hm2']:10.4f} hm²{money}")
    network = figures.get("corridors") or {}
    if network:
        echo(
            f"Ecological network 生态网络: {network['count']} corridor(s), "
            f"{network['length_m']:,.0f} m, cumulative resistance {network['cost']:,.0f}"
        )
    if figures.get("priority"):
        first = ", ".join(f"{p['unit_id']} ({p['use']})" for p in figures["priority"])
        echo(f"Priority by cost and benefit 修复优先序: first units {first}")
    reuse = figures.get("second_lives") or {}
    if reuse:
        pv = reuse.get("pv", {})
        echo(
            f"Second lives 转型利用 (cn-transformation): photovoltaics {pv.get('area_hm2', 0):.2f} "
            f"hm², {pv.get('capacity_mw') or 0:.2f} MW; construction "
            f"{reuse.get('construction', {}).get('area_hm2', 0):.2f} hm²; ecology and tourism "
            f"{reuse.get('tourism', {}).get('area_hm2', 0):.2f} hm² (reuse.gpkg)"
        )
    esv = figures.get("esv_wan") or {}
    if esv:
        echo(
            f"Ecosystem-service value 生态系统服务价值: {esv['before']:,.2f} 万元/a before "
            f"damage, {esv['damaged']:,.2f} after damage, {esv['after']:,.2f} after "
            f"reclamation (gain {esv['gain']:+,.2f} 万元/a)"
        )
    echo("")
    echo(f"Files in {output}:")
    echo("  reclamation_demo.qgz   QGIS project (styled layers in groups)")
    echo("  proposed_uses.png      map of the proposed uses (附图3, as maps/figure_3.png)")
    echo("  maps/figure_1-4.png    附图: current land use, damage analysis, reclamation plan,")
    echo("                         ecological network")
    echo("  disturbance.gpkg, suitability.gpkg, *_summary.csv, subsidence/, figures.json")
    echo("  corridors.gpkg, eco_sources.gpkg, priority.gpkg   ecological network, priority")
    if report is not None:
        echo(f"  report/                {', '.join(sorted(p.name for p in report.iterdir()))}")


def cli(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--verbose", action="store_true", help="print the algorithms' log")
    parser.add_argument(
        "--no-subsidence", action="store_true", help="skip predictsubsidence (DEMs only)"
    )
    args = parser.parse_args(argv)
    _prepare_environment()
    app = start_qgis()
    try:
        main(args.output, args.sample, verbose=args.verbose, subsidence=not args.no_subsidence)
    except Exception as error:
        from qgis.core import QgsProcessingException

        if isinstance(error, QgsProcessingException):
            print(f"error: {error}", file=sys.stderr)
            return 1
        raise
    finally:
        if app is not None:
            app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(cli())
