"""The sample mine (resources/sample/) loads as documented, and scripts/demo.py runs the
whole chain on it into a temporary folder."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
import sys

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (
    QgsApplication,
    QgsLayoutExporter,
    QgsLayoutItemLegend,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize, Qt

from tests.helpers import ROOT
from tests.report_text import deliverable_texts, latin_words, words_of

SAMPLE = ROOT / "resources" / "sample"
GPKG = SAMPLE / "sample_mine.gpkg"
CRS = "EPSG:4527"
LAYERS = {
    "项目区范围": (QgsWkbTypes.PolygonGeometry, {"名称", "数据说明"}),
    "土地利用现状": (QgsWkbTypes.PolygonGeometry, {"TBBH", "DLBM", "DLMC", "QSDWMC", "TBMJ"}),
    "矿山设施": (
        QgsWkbTypes.PolygonGeometry,
        {"名称", "类型", "excavation_depth_m", "dump_height_m"},
    ),
    "开采工作面": (
        QgsWkbTypes.PolygonGeometry,
        {"工作面", "采厚", "埋深", "倾角", "下沉系数", "主要影响角正切"},
    ),
    "采动影响范围": (QgsWkbTypes.PolygonGeometry, {"名称"}),
    "土壤图斑": (
        QgsWkbTypes.PolygonGeometry,
        {"土类", "有效土层厚度", "有机质", "pH值", "砾石含量", "质地", "质地代码", "容重"},
    ),
    "土壤采样点": (
        QgsWkbTypes.PointGeometry,
        {"样点编号", "Cd", "Hg", "As", "Pb", "Cr", "Cu", "Ni", "Zn", "pH"},
    ),
    "河流": (QgsWkbTypes.LineGeometry, {"名称"}),
    "坑塘": (QgsWkbTypes.PolygonGeometry, {"名称", "DLBM"}),
}
RASTERS = {"dem_before.tif": (700, 500, 5.0), "dem_after.tif": (700, 500, 5.0)}
RASTERS["groundwater_depth.tif"] = (140, 100, 25.0)


@pytest.fixture(autouse=True)
def no_aux_files():
    """Opening a raster in QGIS may write <name>.aux.xml beside it: not in the repository."""
    previous = gdal.GetConfigOption("GDAL_PAM_ENABLED")
    gdal.SetConfigOption("GDAL_PAM_ENABLED", "NO")
    yield
    gdal.SetConfigOption("GDAL_PAM_ENABLED", previous)


def _load_demo():
    spec = importlib.util.spec_from_file_location("reclamation_demo", ROOT / "scripts" / "demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("reclamation_demo", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", list(LAYERS))
def test_vector_layers_load_with_their_fields(qgis_app, name):
    geometry_type, fields = LAYERS[name]
    layer = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
    assert layer.isValid()
    assert layer.crs().authid() == CRS
    assert layer.geometryType() == geometry_type
    assert layer.featureCount() > 0
    assert fields | {"数据说明"} <= set(layer.fields().names())
    assert all(f.geometry().isGeosValid() for f in layer.getFeatures())
    assert "constructed" in next(layer.getFeatures())["数据说明"]


def test_sample_content_is_as_documented(qgis_app):
    def values(name, field):
        layer = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
        return [f[field] for f in layer.getFeatures()]

    assert set(values("矿山设施", "类型")) == {"露天采场", "排土场", "矸石山", "工业场地"}
    codes = set(values("土地利用现状", "DLBM"))
    assert {"0101", "0102", "0103", "0301", "0404", "0602", "0702", "1006", "1104"} <= codes
    assert min(values("开采工作面", "采厚")) > 3
    # Some samples exceed GB 15618-2018 (pH > 7.5, other land: Cd 0.6, Pb 170 mg/kg).
    assert max(values("土壤采样点", "Cd")) > 4.0  # above the Cd intervention value
    assert sum(v > 170 for v in values("土壤采样点", "Pb")) >= 2


@pytest.mark.parametrize("name", list(RASTERS))
def test_rasters_load(qgis_app, name):
    cols, rows, cell = RASTERS[name]
    layer = QgsRasterLayer(str(SAMPLE / name), name)
    assert layer.isValid()
    assert layer.crs().authid() == CRS
    assert (layer.width(), layer.height()) == (cols, rows)
    assert layer.rasterUnitsPerPixelX() == pytest.approx(cell)


def test_dems_show_pit_dump_and_subsidence(qgis_app):
    before = gdal.Open(str(SAMPLE / "dem_before.tif")).ReadAsArray().astype(float)
    after = gdal.Open(str(SAMPLE / "dem_after.tif")).ReadAsArray().astype(float)
    change = after - before
    assert change.min() == pytest.approx(-40.0, abs=0.1)  # the open pit
    assert change.max() > 30.0  # the gangue heap
    groundwater = gdal.Open(str(SAMPLE / "groundwater_depth.tif")).ReadAsArray()
    assert 1.0 < float(np.median(groundwater)) < 2.0


def test_generator_reproduces_the_committed_data(qgis_app, tmp_path):
    script = ROOT / "scripts" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("make_sample", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--output", str(tmp_path)]) == 0
    for name in RASTERS:
        fresh = gdal.Open(str(tmp_path / name)).ReadAsArray()
        committed = gdal.Open(str(SAMPLE / name)).ReadAsArray()
        np.testing.assert_array_equal(fresh, committed)
    for name in LAYERS:
        fresh = QgsVectorLayer(f"{tmp_path / 'sample_mine.gpkg'}|layername={name}", name, "ogr")
        committed = QgsVectorLayer(f"{GPKG}|layername={name}", name, "ogr")
        assert fresh.featureCount() == committed.featureCount()
        area = sum(f.geometry().area() for f in fresh.getFeatures())
        assert area == pytest.approx(sum(f.geometry().area() for f in committed.getFeatures()))


def test_demo_runs_end_to_end(processing_provider, tmp_path):
    demo = _load_demo()
    output = tmp_path / "演示 输出"
    lines = []
    figures = demo.main(output, echo=lines.append)
    for name in (
        "disturbance.gpkg",
        "suitability.gpkg",
        "reclamation_demo.qgz",
        "proposed_uses.png",
        "figures.json",
        "subsidence/ponding.tif",
    ):
        assert (output / name).is_file(), name
    assert json.loads((output / "figures.json").read_text(encoding="utf-8"))["damaged_hm2"] > 0
    damaged = figures["damaged_hm2_by_type"]
    for kind in ("excavation", "occupation", "subsidence", "pollution"):
        assert damaged.get(kind, 0) > 0, kind
    assert figures["damaged_hm2"] < figures["study_area_hm2"]
    assert figures["water_units"] > 0  # ponded subsidence becomes 1104 坑塘水面
    assert figures["proposed_hm2_by_use"].get("cultivated", 0) > 0
    assert 0 < figures["reclamation_rate"] <= 1
    assert any("Reclamation rate" in line for line in lines)
    if QgsApplication.processingRegistry().algorithmById("reclamation:summarizeplan"):
        for name in ("report.html", "report.pdf", "report.xlsx"):
            assert (output / "report" / name).stat().st_size > 0, name
        # The prediction's figures: W_max as the predicted raster's own maximum (GDAL).
        dataset = gdal.Open(str(output / "subsidence" / "subsidence.tif"))
        w_max = dataset.GetRasterBand(1).ComputeRasterMinMax(False)[1]
        dataset = None
        tables = QgsVectorLayer(f"{output / 'report' / 'tables.gpkg'}|layername=prediction")
        values = {f["item"]: f["value"] for f in tables.getFeatures()}
        assert values["max_subsidence"] == pytest.approx(w_max, rel=1e-6)
        # The investment chapter from the example prices and structure of the sample.
        investment = QgsVectorLayer(
            f"{output / 'report' / 'tables.gpkg'}|layername=investment_summary"
        )
        summary = {f["item"]: f["value"] for f in investment.getFeatures()}
        assert summary["static"] == pytest.approx(figures["investment"]["static"])
        assert summary["dynamic"] > summary["static"] > 0  # spending over three years
        assert summary["missing_prices"] == 0
        # An English QGIS, a pack of China: every deliverable is Chinese (Latin letters
        # only for units, codes, references, and the user's own title and names).
        pack = json.loads((ROOT / "resources" / "rules" / "cn-reclamation.json").read_bytes())
        costs = json.loads((ROOT / "resources" / "costs" / "example_sample_mine.json").read_bytes())
        codes = (pack["id"], *pack["sources"], *costs["sources"])  # source keys are codes
        # The pack's hash is a code too; the PDF's text may split it into letter runs.
        digest = hashlib.sha256(
            (ROOT / "resources" / "rules" / "cn-reclamation.json").read_bytes()
        ).hexdigest()[:12]
        allowed = words_of(demo.TITLE, demo.PROJECT_INFO, *codes, digest)
        allowed |= set(re.findall(r"[a-f]+", digest))
        texts = deliverable_texts(output / "report")
        assert {"html", "xlsx"} <= set(texts)
        for kind, text in texts.items():
            assert "损毁" in text, kind
            assert latin_words(text, allowed, 3 if kind == "pdf" else 2) == set(), kind
    else:
        assert any("summarizeplan is not available" in line for line in lines)

    project = QgsProject()
    assert project.read(str(output / "reclamation_demo.qgz"))
    groups = [g.name() for g in project.layerTreeRoot().children()]
    assert groups[:2] == ["复垦方案 Reclamation plan", "损毁土地 Disturbed land"]
    (suitability,) = project.mapLayersByName("复垦适宜性与拟复垦地类")
    assert suitability.renderer().type() == "categorizedSymbol"
    assert suitability.renderer().classAttribute() == "use_proposed"
    assert all(layer.isValid() for layer in project.mapLayers().values())
    # The 附图 as layouts in the project: found, exported, legends without empty classes.
    names = [layout.name() for layout in project.layoutManager().printLayouts()]
    for name in ("附图1 土地利用现状图", "附图2 土地损毁分析图", "附图3 土地复垦规划图"):
        assert name in names
    plan = project.layoutManager().layoutByName("附图3 土地复垦规划图")
    png = tmp_path / "附图3.png"
    image = QgsLayoutExporter(plan).renderPageToImage(0, QSize(), 50)
    assert image.save(str(png), "PNG")
    assert png.stat().st_size > 10_000
    (legend,) = [i for i in plan.items() if isinstance(i, QgsLayoutItemLegend)]
    legend.updateFilterByMap()
    (node,) = legend.model().rootGroup().findLayers()
    # The sheet is Chinese whatever language the layer was styled in: its legend speaks
    # the pack's names of the uses, with their areas ("林地 (11.1373 hm²)").
    from plugin.provider.styling import legend_labels

    values = {label: value for value, label in legend_labels("plan", suitability, "zh").items()}
    nodes = legend.model().layerLegendNodes(node)
    shown = {values[n.data(Qt.ItemDataRole.DisplayRole)] for n in nodes}
    assert shown == {f["use_proposed"] for f in suitability.getFeatures()}
    assert any("林地" in n.data(Qt.ItemDataRole.DisplayRole) for n in nodes)
    for number in (1, 2, 3):
        assert (output / "maps" / f"figure_{number}.png").stat().st_size > 10_000
    project.clear()

    # A second run empties the folder and writes it again.
    (output / "stale.txt").write_text("old", encoding="utf-8")
    demo.main(output, echo=lines.append, subsidence=False)
    assert not (output / "stale.txt").exists()
    assert not (output / "subsidence").exists()
    assert not list(ROOT.joinpath("resources", "sample").glob("*.aux.xml"))


def test_demo_refuses_to_empty_a_foreign_folder(processing_provider, tmp_path):
    demo = _load_demo()
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit, match="not a demo output"):
        demo.main(tmp_path, echo=lambda _: None)
    assert (tmp_path / "mine.txt").exists()
