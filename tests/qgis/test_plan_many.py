"""Many mines in one run (issue 22): three constructed mines and a broken one give three
plans, one clear failure and a province table that closes with the mines' own layers;
worker processes give the same results as one process; a cancelled run and a refused
one leave nothing; an output that would overwrite an input is refused."""

from __future__ import annotations

import shutil

import pytest
from osgeo import gdal, ogr
from qgis.core import QgsProcessingFeedback, QgsVectorLayer

from tests.province import BROKEN_ID, CELL, DUMPS, MINE_IDS, PITS, cells, plan_inputs
from tests.province import write_province as write_county

NUMBERS = ("damaged_hm2", "dmg_excavation_hm2", "dmg_occupation_hm2", "reclaimed_hm2",
           "rate_pct", "cultivated_before_hm2", "cultivated_after_hm2")  # fmt: skip


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("全县")
    return write_county(folder)


def rows(path):
    layer = QgsVectorLayer(str(path), "province", "ogr")
    return {f["mine_id"] or "total": f for f in layer.getFeatures()}


def layer_sum(path, field, where=None):
    layer = QgsVectorLayer(str(path), "l", "ogr")
    return sum(f[field] for f in layer.getFeatures() if where is None or where(f))


def run(county, out, workers, feedback=None, **extra):
    import processing

    return processing.run(
        "reclamation:planmany",
        {
            **plan_inputs(county),
            "WORKERS": workers,
            "OUTPUT_FOLDER": str(out),
            "OUTPUT": str(out.parent / f"{out.name}.gpkg"),
            **extra,
        },
        feedback=feedback,
    )


def test_three_mines_and_a_broken_one(county, tmp_path, processing_provider):
    out = tmp_path / "并行"
    result = run(county, out, workers=2, PROVINCE_HTML=str(tmp_path / "全省.html"))
    three_plans_and_one_clear_failure(out, result)
    each_mine_is_its_own_construction(result)
    the_province_table_closes_with_the_mines_layers(out, result)
    workers_give_what_one_process_gives(out, result, county, tmp_path)


def three_plans_and_one_clear_failure(out, result):
    table = rows(result["OUTPUT"])
    assert set(table) == {*MINE_IDS, BROKEN_ID, "total"}
    for mine in MINE_IDS:
        assert table[mine]["status"] == "done"
        assert (out / mine / "report.html").is_file()
        findings = QgsVectorLayer(str(out / mine / "review.gpkg"), "f", "ogr")
        assert table[mine]["findings"] == findings.featureCount()
        # No prices were given: the review finds the plan without an investment estimate.
        assert "investment_stated" in {f["check"] for f in findings.getFeatures()}
    broken = table[BROKEN_ID]
    assert broken["status"] == "failed"
    assert "DEM_AFTER" in broken["message"]
    assert "坏的.tif" in broken["message"]
    assert not (out / BROKEN_ID).exists()  # nothing half-written
    assert "M-004" in (out.parent / "全省.html").read_text(encoding="utf-8")


def each_mine_is_its_own_construction(result):
    # The pit and the dump of each mine, by hand: whole cells of 10 m (GK plane vs the
    # ellipsoid within 0.2 %, as for the single mine).
    table = rows(result["OUTPUT"])
    for mine, pit, dump in zip(MINE_IDS, PITS, DUMPS, strict=True):
        row = table[mine]
        assert row["dmg_excavation_hm2"] == pytest.approx(cells(pit) * CELL**2 / 1e4, rel=0.002)
        assert row["dmg_occupation_hm2"] == pytest.approx(cells(dump) * CELL**2 / 1e4, rel=0.002)
        assert row["dmg_subsidence_hm2"] == 0


def the_province_table_closes_with_the_mines_layers(out, result):
    table = rows(result["OUTPUT"])
    for mine in MINE_IDS:
        damaged = layer_sum(out / mine / "disturbance.gpkg", "area_m2") / 1e4
        assert table[mine]["damaged_hm2"] == pytest.approx(damaged, abs=1e-4)
        reclaimed = layer_sum(
            out / mine / "suitability.gpkg",
            "area_m2",
            lambda f: f["dist_type"] not in (None, "", "none") and f["use_proposed"] != "keep",
        )
        assert table[mine]["reclaimed_hm2"] == pytest.approx(reclaimed / 1e4, abs=2e-4)
    total = table["total"]
    for name in NUMBERS:
        if name == "rate_pct":
            continue
        summed = sum(table[mine][name] for mine in MINE_IDS)
        assert total[name] == pytest.approx(summed, abs=5e-4), name
    assert total["rate_pct"] == pytest.approx(
        100 * total["reclaimed_hm2"] / total["damaged_hm2"], abs=0.01
    )


def workers_give_what_one_process_gives(out, result, county, tmp_path):
    sequential = run(county, tmp_path / "顺序", workers=0)
    one, many = rows(sequential["OUTPUT"]), rows(result["OUTPUT"])
    assert set(one) == set(many)
    for mine in [*MINE_IDS, "total"]:
        for name in NUMBERS:
            assert one[mine][name] == many[mine][name], (mine, name)
    # The mines' own tables too: the same rows.
    for mine in MINE_IDS:
        for table in ("damage_by_type", "proposed_by_use", "landuse_structure"):
            assert _table(tmp_path / "顺序" / mine / "tables.gpkg", table) == _table(
                out / mine / "tables.gpkg", table
            )


def _table(path, name):
    source = ogr.Open(str(path))
    return [feature.items() for feature in source.GetLayerByName(name)]


class CancelAfterFirstMine(QgsProcessingFeedback):
    def pushInfo(self, info):  # noqa: N802
        if "M-00" in info:
            self.cancel()
        super().pushInfo(info)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_cancelled_run_leaves_nothing(county, tmp_path, processing_provider, workers):
    out = tmp_path / "取消"
    result = run(county, out, workers=workers, feedback=CancelAfterFirstMine())
    assert result == {} or not result.get("OUTPUT")
    assert not (tmp_path / "取消.gpkg").exists()
    left = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert left == []


def test_repeated_ids_are_refused(tmp_path, processing_provider):
    from qgis.core import QgsProcessingException

    folder = tmp_path / "重复"
    folder.mkdir()
    county = write_county(folder, broken=False)
    source = ogr.Open(str(county), update=1)
    layer = source.GetLayerByName("矿山")
    feature = layer.GetFeature(2)
    feature.SetField("矿山编号", "M-001")
    layer.SetFeature(feature)
    source = None
    with pytest.raises(QgsProcessingException):
        run(county, tmp_path / "out", workers=0)
    assert not (tmp_path / "out.gpkg").exists()


def test_an_output_over_an_input_is_refused(county, tmp_path, processing_provider):
    from qgis.core import QgsProcessingException

    out = tmp_path / "成果"
    (out / "M-001").mkdir(parents=True)
    victim = out / "M-001" / "disturbance.gpkg"
    shutil.copy(county, victim)
    before = victim.read_bytes()
    inputs = {"FACILITIES": f"{victim}|layername=设施"}
    with pytest.raises(QgsProcessingException, match="M-001"):
        run(county, out, workers=0, **inputs)
    assert victim.read_bytes() == before


def test_shared_rasters_are_read_in_a_window_and_left_untouched(tmp_path, processing_provider):
    # The sample mine as a county of one mine: its DEMs and groundwater are shared rasters
    # (cut to a window around the mine); the province row equals the plan run's own
    # disturbed land, and no file appears beside the rasters.
    import processing

    from tests.helpers import ROOT, sample_plan_inputs

    sample = tmp_path / "样例"
    shutil.copytree(ROOT / "resources" / "sample", sample)
    gpkg = sample / "sample_mine.gpkg"
    before = sorted(p.name for p in sample.iterdir())

    def source(name):
        return f"{gpkg}|layername={name}"

    shared = sample_plan_inputs(sample)
    plan = processing.run(
        "reclamation:reclamationplan",
        {**shared, "AREA": source("项目区范围"), "classify:DISTURBED": str(tmp_path / "d.gpkg")},
    )
    many = processing.run(
        "reclamation:planmany",
        {
            **shared,
            "MINES": source("项目区范围"),
            "MINE_ID_FIELD": "fid",
            "REPORTS": [0],
            "REVIEW": "",
            "WORKERS": 0,
            "OUTPUT_FOLDER": str(tmp_path / "成果"),
            "OUTPUT": str(tmp_path / "全省.gpkg"),
        },
    )
    row = next(f for f in QgsVectorLayer(many["OUTPUT"]).getFeatures() if f["row_kind"] == "mine")
    assert row["status"] == "done"
    damaged = layer_sum(plan["classify:DISTURBED"], "area_m2") / 1e4
    assert row["damaged_hm2"] == pytest.approx(damaged, abs=1e-4)
    assert sorted(p.name for p in sample.iterdir()) == before


def test_each_mine_can_bring_its_own_layers(tmp_path, processing_provider):
    # The facilities as one file per mine, named in a field of the mines layer
    # (MINE_INPUTS): the same pits and dumps, by hand; a missing file fails its mine alone.
    from qgis.core import QgsProcessingException

    county = write_county(tmp_path, broken=False)
    source = ogr.Open(str(county), update=1)
    mines, facilities = source.GetLayerByName("矿山"), source.GetLayerByName("设施")
    mines.CreateField(ogr.FieldDefn("设施文件", ogr.OFTString))
    (tmp_path / "设施").mkdir()
    for mine in mines:
        mine_id = mine["矿山编号"]
        target = ogr.GetDriverByName("GPKG").CreateDataSource(
            str(tmp_path / "设施" / f"{mine_id}.gpkg")
        )
        facilities.SetAttributeFilter(f"矿山编号 = '{mine_id}'")
        target.CopyLayer(facilities, "设施")
        target = None
        name = (
            "设施/不存在.gpkg" if mine_id == MINE_IDS[2] else f"设施/{mine_id}.gpkg|layername=设施"
        )
        mine.SetField("设施文件", name)
        mines.SetFeature(mine)
    source = None
    inputs = {
        k: v for k, v in plan_inputs(county).items() if k not in ("FACILITIES", "LAYER_MINE_FIELD")
    }
    inputs["MINE_INPUTS"] = "FACILITIES=设施文件"
    result = processing_run_many(inputs, tmp_path / "成果")
    table = rows(result["OUTPUT"])
    for mine, pit, dump in zip(MINE_IDS[:2], PITS, DUMPS, strict=False):
        assert table[mine]["dmg_excavation_hm2"] == pytest.approx(
            cells(pit) * CELL**2 / 1e4, rel=0.002
        )
        assert table[mine]["dmg_occupation_hm2"] == pytest.approx(
            cells(dump) * CELL**2 / 1e4, rel=0.002
        )
    assert table[MINE_IDS[2]]["status"] == "failed"
    assert "不存在.gpkg" in table[MINE_IDS[2]]["message"]
    with pytest.raises(QgsProcessingException, match="NO_SUCH"):
        processing_run_many({**inputs, "MINE_INPUTS": "NO_SUCH=设施文件"}, tmp_path / "再")


def processing_run_many(inputs, out):
    import processing

    return processing.run(
        "reclamation:planmany",
        {**inputs, "WORKERS": 0, "REVIEW": "", "OUTPUT_FOLDER": str(out),
         "OUTPUT": str(out.parent / f"{out.name}.gpkg")},
    )  # fmt: skip


def test_the_province_table_loads_styled_by_status(county, tmp_path, processing_provider):
    import processing
    from qgis.core import QgsCategorizedSymbolRenderer, QgsProject

    inputs = {**plan_inputs(county), "WORKERS": 0, "REVIEW": ""}
    result = processing.runAndLoadResults(
        "reclamation:planmany",
        {**inputs, "OUTPUT_FOLDER": str(tmp_path / "成果"), "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    layer = QgsProject.instance().mapLayer(result["OUTPUT"])
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "status"
    assert {c.value() for c in renderer.categories()} == {"done", "failed", "cancelled"}
    statuses = [f["status"] for f in layer.getFeatures() if f["row_kind"] == "mine"]
    assert sorted(statuses) == ["done", "done", "done", "failed"]


def test_geographic_mines_and_a_mine_without_boundary(tmp_path, processing_provider):
    # The mines in CGCS2000 geographic coordinates give the same plans as in the GK zone;
    # a mine without a geometry fails alone, with the reason.
    county = write_county(tmp_path, broken=False)
    geographic = tmp_path / "经纬度.gpkg"
    options = gdal.VectorTranslateOptions(dstSRS="EPSG:4490", layers=["矿山"])
    gdal.VectorTranslate(str(geographic), str(county), options=options)
    source = ogr.Open(str(geographic), update=1)
    layer = source.GetLayer(0)
    empty = ogr.Feature(layer.GetLayerDefn())
    empty.SetField("矿山编号", "M-009")
    empty.SetField("采前DEM", str(tmp_path / "dem" / "M-001_采前.tif"))
    empty.SetField("采后DEM", str(tmp_path / "dem" / "M-001_采后.tif"))
    layer.CreateFeature(empty)
    source = None
    inputs = {**plan_inputs(county), "MINES": f"{geographic}|layername=矿山"}
    table = rows(processing_run_many(inputs, tmp_path / "成果")["OUTPUT"])
    for mine, pit in zip(MINE_IDS, PITS, strict=True):
        assert table[mine]["dmg_excavation_hm2"] == pytest.approx(cells(pit) * 1e-2, rel=0.002)
    assert table["M-009"]["status"] == "failed"
    assert "boundary" in table["M-009"]["message"] or "边界" in table["M-009"]["message"]
