"""reclamation:summarizeplan through Processing: hand-computed tables, the GeoPackage,
XLSX, HTML and PDF outputs, areas, CRSs and bad input."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata

import pytest
from osgeo import gdal, ogr
from pyproj import Geod, Transformer
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsProcessingException,
    QgsVectorLayer,
)

from plugin.provider.report_docx import docx_available
from tests.helpers import ROOT

ALG = "reclamation:summarizeplan"
X0, Y0 = 500000.0, 4000000.0  # EPSG:4547, on the central meridian
HA = 10_000.0
REAL = ROOT / "tests" / "data" / "real" / "global-mining-polygons-demo"
DISTURBANCE_FIELDS = "&field=dist_type:string&field=dist_degree:integer&field=dlbm_before:string"
SUITABILITY_FIELDS = (
    "&field=grade_cultivated:integer&field=grade_forest:integer"
    "&field=use_proposed:string&field=dlbm:string&field=rule_pack:string"
)


@pytest.fixture
def provider(processing_provider):
    if QgsApplication.processingRegistry().algorithmById(ALG) is None:
        from plugin.provider.algorithms.summarize_plan import SummarizePlanAlgorithm

        processing_provider.addAlgorithm(SummarizePlanAlgorithm())
    return processing_provider


def run(parameters):
    from qgis import processing

    return processing.run(ALG, parameters)


def rect(x0, y0, x1, y1, ox=X0, oy=Y0):
    return (
        f"POLYGON(({ox + x0} {oy + y0},{ox + x1} {oy + y0},{ox + x1} {oy + y1},"
        f"{ox + x0} {oy + y1},{ox + x0} {oy + y0}))"
    )


def layer(name, fields, rows, crs="EPSG:4547"):
    """A memory layer of polygons (rows of (wkt, values)); crs None: a table."""
    kind = f"Polygon?crs={crs}" if crs else "None?"
    result = QgsVectorLayer(f"{kind}{fields}", name, "memory")
    features = []
    for wkt, values in rows:
        feature = QgsFeature(result.fields())
        if wkt is not None:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(list(values))
        features.append(feature)
    assert result.dataProvider().addFeatures(features)[0]
    return result


def plan_layers(crs="EPSG:4547", transform=None):
    """1 km × 1 km study area (100 ha); 10 ha excavation severe on 0103 and 20 ha occupation
    moderate on 0301; units: 25 ha proposed 0103, 5 ha kept as is."""
    wkt = transform or (lambda w: w)
    disturbance = layer(
        "损毁土地",
        DISTURBANCE_FIELDS,
        [
            (wkt(rect(0, 0, 250, 400)), ("excavation", 3, "0103")),
            (wkt(rect(250, 0, 750, 400)), ("occupation", 2, "0301")),
        ],
        crs,
    )
    suitability = layer(
        "适宜性",
        SUITABILITY_FIELDS,
        [
            (rect(0, 0, 625, 400), (1, 1, "cultivated", "0103", "cn-reclamation 0.1.0 abc")),
            (rect(625, 0, 750, 400), (4, 4, "keep", None, "cn-reclamation 0.1.0 abc")),
        ],
    )
    area = layer("项目区", "", [(rect(0, 0, 1000, 1000), ())])
    return disturbance, suitability, area


def read_tables(path):
    dataset = ogr.Open(str(path))
    tables = {}
    for i in range(dataset.GetLayerCount()):
        table = dataset.GetLayer(i)
        names = [d.GetName() for d in table.schema]
        tables[table.GetName()] = [{n: feature.GetField(n) for n in names} for feature in table]
    return tables


def item(rows, **match):
    (found,) = [r for r in rows if all(r[k] == v for k, v in match.items())]
    return found


@pytest.fixture
def outputs(provider, tmp_path):
    folder = tmp_path / "复垦方案"
    folder.mkdir()
    disturbance, suitability, area = plan_layers()
    paths = {
        "TABLES": folder / "面积表.gpkg",
        "REPORT_HTML": folder / "报告.html",
        "REPORT_PDF": folder / "报告.pdf",
        "REPORT_XLSX": folder / "面积表.xlsx",
    }
    result = run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "TITLE": "示范矿山土地复垦方案",
            **{k: str(v) for k, v in paths.items()},
        }
    )
    return result, paths


def test_tables_against_hand_values(outputs):
    result, paths = outputs
    assert result["TABLES"] == str(paths["TABLES"])
    tables = read_tables(paths["TABLES"])
    assert set(tables) >= {
        "damage_by_type",
        "suitability_by_grade",
        "proposed_by_use",
        "landuse_structure",
        "reclamation_rate",
        "closure_check",
        "run_log",
    }
    damage = tables["damage_by_type"]
    excavation = item(damage, dist_type="excavation")
    assert excavation["dist_degree"] == 3
    assert excavation["dlbm_before"] == "0103"
    assert excavation["area_m2"] == pytest.approx(10 * HA, rel=1e-5)
    assert excavation["area_hm2"] == pytest.approx(10.0, abs=2e-4)
    assert item(damage, dist_type="occupation")["area_mu"] == pytest.approx(300.0, rel=1e-5)
    assert item(damage, row_kind="total")["area_m2"] == pytest.approx(30 * HA, rel=1e-5)
    assert item(damage, row_kind="unknown")["area_m2"] == 0.0
    grades = tables["suitability_by_grade"]
    assert item(grades, use="cultivated", grade=1)["area_m2"] == pytest.approx(25 * HA, rel=1e-5)
    assert item(grades, use="cultivated", grade=4)["area_m2"] == pytest.approx(5 * HA, rel=1e-5)
    proposed = tables["proposed_by_use"]
    cultivated = item(proposed, use_proposed="cultivated")
    assert (cultivated["dlbm"], cultivated["units"]) == ("0103", 1)
    assert cultivated["area_hm2"] == pytest.approx(25.0, abs=2e-4)
    structure = tables["landuse_structure"]
    assert item(structure, class_code="01")["before_hm2"] == pytest.approx(10.0, abs=2e-4)
    assert item(structure, class_code="01")["after_hm2"] == pytest.approx(25.0, abs=2e-4)
    assert item(structure, class_code="03")["change_hm2"] == pytest.approx(-20.0, abs=2e-4)
    assert item(structure, row_kind="not_reclaimed")["after_hm2"] == pytest.approx(5, abs=2e-4)
    assert item(structure, row_kind="unknown")["before_hm2"] == pytest.approx(70, abs=2e-4)
    assert item(structure, row_kind="total")["after_hm2"] == pytest.approx(100, abs=2e-4)
    rate = {r["item"]: r for r in tables["reclamation_rate"]}
    assert rate["reclamation_rate"]["percent"] == pytest.approx(100 * 25 / 30, abs=1e-3)
    assert rate["cultivated_change"]["area_hm2"] == pytest.approx(15.0, abs=2e-4)
    assert rate["cultivated_change"]["area_mu"] == pytest.approx(225.0, abs=2e-3)
    assert all(r["ok"] == 1 for r in tables["closure_check"])
    log = {r["key"]: r["value"] for r in tables["run_log"]}
    assert log["algorithm"] == ALG
    assert log["area_method"].startswith("ellipsoidal (")
    assert log["working_crs"] == "EPSG:4547"
    assert "plugin_version" in log
    assert "qgis_version" in log
    assert "input DISTURBANCE" in log


def test_xlsx_is_the_report_in_its_language(outputs):
    # A pack of China: the workbook is the report's tables in Chinese, numbers rounded by
    # the decimal policy (hm² 4, m², 亩 and % 2), numbers still numbers.
    _, paths = outputs
    gpkg = read_tables(paths["TABLES"])
    dataset = gdal_open_xlsx(paths["REPORT_XLSX"])
    assert dataset.GetLayerCount() == len(gpkg) - 1  # every table but the run log
    for i in range(dataset.GetLayerCount()):
        sheet = dataset.GetLayer(i)
        headers = [d.GetName() for d in sheet.schema]
        if headers[0] == "Field1":  # a sheet of text only: OGR reads its headers as a row
            headers = [str(v) for v in sheet.GetNextFeature().items().values()]
        for text in (sheet.GetName(), *headers):
            assert not re.search(r"[A-Za-z]", re.sub(r"hm²|m²", "", text)), text
    summary = dataset.GetLayer(0)  # 复垦方案摘要 opens the tables
    assert summary.GetName() == "表1 复垦方案摘要"
    damage = dataset.GetLayer(2)  # after 编制依据
    headers = [d.GetName() for d in damage.schema]
    assert headers[:2] == ["损毁类型", "损毁程度"]
    hm2 = headers.index("面积（hm²）")
    # Numbers stay numbers (whole ones read back as integers: the test areas are round).
    assert damage.schema[hm2].GetType() in (ogr.OFTReal, ogr.OFTInteger, ogr.OFTInteger64)
    got = [f.GetField(hm2) for f in damage]
    want = [round(r["area_hm2"], 4) for r in gpkg["damage_by_type"]]
    assert got == pytest.approx(want, abs=1e-12)


def test_the_project_overview_opens_the_report(provider, tmp_path):
    disturbance, suitability, area = plan_layers()
    html = tmp_path / "r.html"
    result = run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "PROJECT_INFO": "矿山名称=示范煤矿;mining_method=露天开采;矿区编号=C-001",
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
        }
    )
    rows = read_tables(result["TABLES"])["project_info"]
    assert [(r["key"], r["item_name"], r["value"]) for r in rows] == [
        ("mine_name", "矿山名称", "示范煤矿"),
        ("mining_method", "开采方式", "露天开采"),
        ("矿区编号", "矿区编号", "C-001"),  # a key of one's own, as written
    ]
    text = html.read_text(encoding="utf-8")
    assert text.index("项目概况") < text.index("复垦率")  # first, before the key figures


def test_a_malformed_project_overview_is_refused(provider, tmp_path):
    disturbance, suitability, _ = plan_layers()
    with pytest.raises(QgsProcessingException, match=r"Project overview|项目概况"):
        run(
            {
                "DISTURBANCE": disturbance,
                "SUITABILITY": suitability,
                "PROJECT_INFO": "矿山名称",
                "TABLES": str(tmp_path / "t.gpkg"),
            }
        )
    assert not (tmp_path / "t.gpkg").exists()


def test_the_word_report(provider, tmp_path):
    docx = pytest.importorskip("docx")
    disturbance, suitability, area = plan_layers()
    path = tmp_path / "报告.docx"
    result = run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "TITLE": "示范矿山土地复垦方案",
            "PROJECT_INFO": "矿山名称=示范煤矿",
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_DOCX": str(path),
        }
    )
    assert result["REPORT_DOCX"] == str(path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "表1 项目概况"
    assert headings[1] == "表2 复垦方案摘要"
    assert "表4 损毁土地（按损毁类型、损毁程度和损毁前地类）" in headings
    # The map of the proposed uses, then the 附图 at the end (no land-use layer given: the
    # damage analysis and the plan sheets), each under its name, A3's proportions.
    assert len(document.inline_shapes) == 3
    assert headings[-3:] == ["附图", "附图2 土地损毁分析图", "附图3 土地复垦规划图"]
    sheet = document.inline_shapes[1]
    assert sheet.width / sheet.height == pytest.approx(420 / 297, rel=0.01)
    assert not list(tmp_path.glob(".*"))  # no temporary pictures beside the report
    gpkg = read_tables(tmp_path / "t.gpkg")
    tables = dict(zip(headings, document.tables, strict=False))
    damage = tables["表4 损毁土地（按损毁类型、损毁程度和损毁前地类）"]
    hm2 = [c.text for c in damage.rows[0].cells].index("面积（hm²）")
    cells = [row.cells[hm2].text for row in damage.rows[1:]]
    assert cells == [f"{round(r['area_hm2'], 4):.4f}" for r in gpkg["damage_by_type"]]
    # The structure table has the merged headers of a Chinese plan table.
    (structure,) = [t for h, t in tables.items() if "一级地类" in h]
    top = [c.text for c in structure.rows[0].cells]
    assert top.count("复垦前") == 3  # one merged cell over hm², 亩 and %
    assert [c.text for c in structure.rows[1].cells][2:5] == ["hm²", "亩", "%"]


def test_report_language_is_a_choice(provider, tmp_path, qgis_locale):
    # QGIS in Chinese, the report asked in English: headings, tables and workbook English.
    qgis_locale("zh_CN")
    disturbance, suitability, area = plan_layers()
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "REPORT_LANGUAGE": 2,
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
            "REPORT_XLSX": str(xlsx),
        }
    )
    text = html.read_text(encoding="utf-8")
    assert 'lang="en"' in text
    assert "Reclamation rate and cultivated-land balance" in text
    assert "复垦率与耕地" not in text
    dataset = gdal_open_xlsx(xlsx)
    assert dataset.GetLayer(0).GetName().startswith("Table 1 Plan summary")
    assert dataset.GetLayer(1).GetName().startswith("Table 2 Basis")
    assert dataset.GetLayer(2).GetName().startswith("Table 3 Damaged land")
    assert [d.GetName() for d in dataset.GetLayer(2).schema][:2] == ["Damage type", "Degree"]


@pytest.mark.parametrize(
    ("given", "language", "expected"),
    [
        ("Land reclamation plan", 1, "<title>土地复垦方案</title>"),  # a dialog's English default
        ("土地复垦方案", 2, "<title>Land reclamation plan</title>"),
        ("", 1, "<title>土地复垦方案</title>"),
        ("一号煤矿复垦方案", 2, "<title>一号煤矿复垦方案</title>"),  # the user's own stays
    ],
)
def test_the_default_title_follows_the_report_language(
    provider, tmp_path, given, language, expected
):
    disturbance, suitability, area = plan_layers()
    html = tmp_path / "r.html"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "TITLE": given,
            "REPORT_LANGUAGE": language,
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
        }
    )
    assert expected in html.read_text(encoding="utf-8")


def gdal_open_xlsx(path):
    return gdal.OpenEx(
        str(path), gdal.OF_VECTOR, open_options=["HEADERS=FORCE", "FIELD_TYPES=AUTO"]
    )


def test_sentences_from_the_numbers(outputs):
    # 30 ha damaged: 10 ha excavation, 20 ha occupation; 25 ha proposed for cultivation,
    # 5 ha kept; 耕地 10 → 25 ha (+15 ha = +225 亩); rate 25 / 30.
    _, paths = outputs
    text = paths["REPORT_HTML"].read_text(encoding="utf-8")
    assert (
        "损毁土地共 30.0000 hm²：压占 20.0000 hm²（66.67 %）、挖损 10.0000 hm²（33.33 %）。" in text
    )
    assert "土地复垦率 83.33 %；耕地变化 +15.0000 hm²（+225.00 亩）。" in text
    # Suitable: unit 1 (25 ha, grade 1 for both uses) of the 30 ha. The structure: the
    # 20 ha of 0301 leave 林地; 15 ha under unit 1 become 0103 (with the 10 ha of 0103
    # already there, 耕地 +15 ha), unit 2's 5 ha kept as they are: damaged, not reclaimed
    # (a row of its own). The changes sum to zero.
    assert (
        "损毁土地中适宜（一等至三等）各用途的面积："
        "耕地 25.0000 hm²（83.33 %）、林地 25.0000 hm²（83.33 %）。" in text
    )
    assert (
        "土地利用结构变化：林地 -20.0000 hm²、耕地 +15.0000 hm²、"
        "损毁未复垦（保持现状） +5.0000 hm²。" in text
    )
    sources = read_tables(paths["TABLES"])["sources"]
    rules = sum(r["rules"] for r in sources)
    assert f"依据 {rules} 条规则，引用 {len(sources)} 项来源。" in text


def test_html_is_self_contained_and_holds_the_figures(outputs):
    _, paths = outputs
    text = paths["REPORT_HTML"].read_text(encoding="utf-8")
    assert "示范矿山土地复垦方案" in text
    assert "<svg" in text
    assert "83.33" in text  # reclamation rate
    assert "25.0000" in text  # hm² proposed for cultivation
    assert "EPSG:4547" in text
    assert "cn-reclamation 0.1.0 abc" in text
    # Nothing is loaded from elsewhere (a source's web address may be cited as text).
    for external in ("<script", "src=", "<link", "url(", "@import"):
        assert external not in text


def pdf_pages_and_text(path):
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        return pages, unicodedata.normalize("NFKC", text)
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages"), None


def test_pdf_has_the_map_page_and_one_page_per_table(outputs):
    _, paths = outputs
    pages, text = pdf_pages_and_text(paths["REPORT_PDF"])
    # The map, five tables, the basis and assumptions (long: it runs on) and the closures.
    assert pages >= 1 + 7
    if text is not None:  # NFKC: pdftotext gives Noto CJK's Kangxi radicals for some ideographs
        assert "25.0000" in text
        assert "示范矿山土地复垦方案" in text
        assert "EPSG:" in text


def test_the_pdf_ends_with_the_maps_of_the_plan(outputs):
    # 附图 on A3 landscape pages after the tables: without a land-use layer, the damage
    # analysis and the plan sheets only, each with its title, legend and a round scale.
    _, paths = outputs
    pdf = str(paths["REPORT_PDF"])
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", pdf], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    a3 = [i for i, (w, h) in enumerate(sizes) if round(float(w)) == 1191]
    assert a3 == [len(sizes) - 2, len(sizes) - 1]  # the last two pages
    assert all(round(float(sizes[i][1])) == 842 for i in a3)  # landscape
    texts = [
        unicodedata.normalize(
            "NFKC",
            subprocess.run(
                ["pdftotext", "-f", str(i + 1), "-l", str(i + 1), "-layout", pdf, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
        )
        for i in a3
    ]
    assert "土地损毁分析图" in texts[0]
    assert "挖损" in texts[0]
    assert "压占" in texts[0]
    assert "土地复垦规划图" in texts[1]
    assert "附图3" in texts[1]
    assert "土地利用现状图" not in "".join(texts)
    for text in texts:
        (scale,) = set(re.findall(r"1:([\d,]+)", text))
        # 1.1 km of study area on a 300 × 265 mm frame: about 1:4 000, rounded up.
        denominator = int(scale.replace(",", ""))
        assert 3_000 <= denominator <= 10_000
        assert denominator % 250 == 0


def test_no_temporary_files_are_left(outputs):
    _, paths = outputs
    folder = paths["TABLES"].parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths.values())


def test_only_the_tables_when_no_report_is_asked(provider, tmp_path):
    disturbance, suitability, _ = plan_layers()
    result = run(
        {"DISTURBANCE": disturbance, "SUITABILITY": suitability, "TABLES": str(tmp_path / "t")}
    )
    assert result["TABLES"].endswith(".gpkg")
    assert result["REPORT_PDF"] is None
    assert [p.name for p in tmp_path.iterdir()] == ["t.gpkg"]
    tables = read_tables(tmp_path / "t.gpkg")
    # without AREA and LANDUSE the structure table covers the damaged land only
    total = item(tables["landuse_structure"], row_kind="total")
    assert total["before_hm2"] == pytest.approx(30.0, abs=2e-4)
    assert all(r["ok"] == 1 for r in tables["closure_check"])


def test_current_land_use_layer_gives_the_structure_before(provider, tmp_path):
    disturbance, suitability, area = plan_layers()
    landuse = layer(
        "现状",
        "&field=DLBM:integer",
        [(rect(0, 0, 500, 1000), (103,)), (rect(500, 0, 1000, 1000), (301,))],
    )
    path = tmp_path / "t.gpkg"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "LANDUSE": landuse,
            "LANDUSE_CODE_FIELD": "DLBM",
            "TABLES": str(path),
        }
    )
    structure = read_tables(path)["landuse_structure"]
    # before: 50 ha 0103 and 50 ha 0301; after: 0–250 m and 250–625 m → 0103 (25 ha),
    # 625–750 m kept (5 ha): cultivated 50 − 10 (the excavated 0103) … see below
    cultivated = item(structure, class_code="01")
    assert cultivated["before_hm2"] == pytest.approx(50.0, abs=2e-4)
    # damaged on 01: x 0–400 of 0–500 m (x 0–250 excavation, 250–500 occupation), 16 ha;
    # after: the damaged land x 0–625 becomes 0103 (25 ha), undamaged 01 stays (34 ha)
    assert cultivated["after_hm2"] == pytest.approx(25.0 + 50.0 - 20.0, abs=2e-4)
    forest = item(structure, class_code="03")
    assert forest["before_hm2"] == pytest.approx(50.0, abs=2e-4)
    assert forest["after_hm2"] == pytest.approx(50.0 - 10.0, abs=2e-4)
    assert item(structure, row_kind="total")["after_hm2"] == pytest.approx(100.0, abs=2e-4)


def test_layers_in_different_crss(provider, tmp_path):
    to_geographic = Transformer.from_crs("EPSG:4547", "EPSG:4490", always_xy=True)

    def geographic(wkt):
        geometry = QgsGeometry.fromWkt(wkt)
        points = [to_geographic.transform(p.x(), p.y()) for p in geometry.vertices()]
        return "POLYGON((" + ",".join(f"{x!r} {y!r}" for x, y in points) + "))"

    disturbance, suitability, area = plan_layers("EPSG:4490", geographic)
    path = tmp_path / "t.gpkg"
    run({"DISTURBANCE": disturbance, "SUITABILITY": suitability, "AREA": area, "TABLES": str(path)})
    tables = read_tables(path)
    rate = {r["item"]: r for r in tables["reclamation_rate"]}
    assert rate["damaged"]["area_m2"] == pytest.approx(30 * HA, rel=1e-5)
    assert rate["reclaimed"]["area_m2"] == pytest.approx(25 * HA, rel=1e-4)


def test_one_square_kilometre_at_the_zone_edge(provider, tmp_path):
    # Ellipsoidal (图斑椭球面积, 国土调查办发〔2008〕32号) vs plane area: 1000 m × 1000 m in
    # EPSG:4527 (CM 117° E), 1.5° from the CM at 36° N is 999 546 m² on the ellipsoid
    # (computed independently with PROJ, a densified equal-area projection on GRS80)
    to_gk = Transformer.from_crs("EPSG:4490", "EPSG:4527", always_xy=True)
    x, y = to_gk.transform(118.5, 36.0)
    square = rect(0, 0, 1000, 1000, x, y)
    disturbance = layer("d", DISTURBANCE_FIELDS, [(square, ("excavation", 3, "0103"))], "EPSG:4527")
    suitability = layer(
        "s", SUITABILITY_FIELDS, [(square, (1, 1, "cultivated", "0103", ""))], "EPSG:4527"
    )
    path = tmp_path / "t.gpkg"
    run({"DISTURBANCE": disturbance, "SUITABILITY": suitability, "TABLES": str(path)})
    damage = read_tables(path)["damage_by_type"]
    assert item(damage, row_kind="total")["area_m2"] == pytest.approx(999_546, abs=5)


def real_polygons():
    path = REAL / "mining_polygons_combined_demo.gpkg"
    assert path.exists(), "the copy of the global mining polygons is part of the tests"
    return path


def test_closure_on_real_mining_polygons(provider, tmp_path):
    path = real_polygons()
    source = QgsVectorLayer(f"{path}|layername=mining_polygons_combined_demo", "mines", "ogr")
    assert source.isValid()
    rows = [(f.geometry().asWkt(), ("occupation", 3, "0602")) for f in source.getFeatures()]
    disturbance = layer("mines", DISTURBANCE_FIELDS, rows, "EPSG:4326")
    suitability = layer(
        "units",
        SUITABILITY_FIELDS,
        [(wkt, (4, 1, "forest", "0301", "")) for wkt, _ in rows],
        "EPSG:4326",
    )
    out = tmp_path / "real.gpkg"
    run({"DISTURBANCE": disturbance, "SUITABILITY": suitability, "TABLES": str(out)})
    tables = read_tables(out)
    assert all(r["ok"] == 1 for r in tables["closure_check"]), tables["closure_check"]
    geod = Geod(ellps="WGS84")
    expected = 0.0
    for feature in source.getFeatures():
        geometry = feature.geometry()
        parts = geometry.asMultiPolygon() if geometry.isMultipart() else [geometry.asPolygon()]
        for polygon in parts:
            for ring_index, ring in enumerate(polygon):
                area, _ = geod.polygon_area_perimeter([p.x() for p in ring], [p.y() for p in ring])
                expected += abs(area) if ring_index == 0 else -abs(area)
    total = item(tables["damage_by_type"], row_kind="total")["area_m2"]
    assert total == pytest.approx(expected, rel=1e-4)
    rate = {r["item"]: r for r in tables["reclamation_rate"]}
    assert rate["reclamation_rate"]["percent"] == pytest.approx(100.0, abs=1e-6)
    forest = item(tables["landuse_structure"], class_code="03")
    assert forest["after_m2"] == pytest.approx(total, rel=1e-4)


def test_missing_field_is_named(provider, tmp_path):
    disturbance = layer("坏图层", "&field=dist_type:string", [(rect(0, 0, 10, 10), ("pit",))])
    _, suitability, _ = plan_layers()
    with pytest.raises(QgsProcessingException, match=r"坏图层.*“dist_degree”, “dlbm_before”"):
        run(
            {
                "DISTURBANCE": disturbance,
                "SUITABILITY": suitability,
                "TABLES": str(tmp_path / "t.gpkg"),
            }
        )
    assert list(tmp_path.iterdir()) == []


def test_empty_layers_give_tables_of_zeros(provider, tmp_path):
    disturbance = layer("d", DISTURBANCE_FIELDS, [])
    suitability = layer("s", SUITABILITY_FIELDS, [])
    path = tmp_path / "t.gpkg"
    html = tmp_path / "r.html"
    pdf = tmp_path / "r.pdf"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "TABLES": str(path),
            "REPORT_HTML": str(html),
            "REPORT_PDF": str(pdf),
        }
    )
    tables = read_tables(path)
    for name in ("damage_by_type", "proposed_by_use", "landuse_structure"):
        assert tables[name], name
        for row in tables[name]:
            for key, value in row.items():
                if key.endswith(("_m2", "_hm2", "_mu")):
                    assert value in (0.0, None), (name, key)
    assert html.exists()
    assert pdf.exists()


def test_unwritable_output_gives_a_clear_error_and_writes_nothing(provider, tmp_path):
    disturbance, suitability, _ = plan_layers()
    missing = tmp_path / "不存在" / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="does not exist"):
        run({"DISTURBANCE": disturbance, "SUITABILITY": suitability, "TABLES": str(missing)})
    if os.geteuid() == 0:
        return  # root writes anywhere: the read-only case cannot be built
    folder = tmp_path / "只读"
    folder.mkdir()
    target = folder / "t.gpkg"
    target.write_bytes(b"old")
    target.chmod(0o444)
    with pytest.raises(QgsProcessingException, match="read-only"):
        run(
            {
                "DISTURBANCE": disturbance,
                "SUITABILITY": suitability,
                "TABLES": str(tmp_path / "ok.gpkg"),
                "REPORT_HTML": str(target),
            }
        )
    assert target.read_bytes() == b"old"
    assert not (tmp_path / "ok.gpkg").exists()


def test_chinese_report_when_qgis_runs_in_chinese(provider, tmp_path, qgis_locale):
    qgis_locale("zh_CN")
    disturbance, suitability, area = plan_layers()
    html = tmp_path / "r.html"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
        }
    )
    text = html.read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in text
    for word in ("复垦率", "挖损", "旱地", "耕地", "保持现状"):
        assert word in text


def test_losses_of_cultivated_and_irrigated_land_are_flagged(provider, tmp_path):
    # 10 ha of 水浇地 0102 proposed back as 旱地 0103 (quality down) and 10 ha of 0103
    # proposed for forest (quantity down): both flagged with the suitability units.
    disturbance = layer(
        "损毁土地",
        DISTURBANCE_FIELDS,
        [
            (rect(0, 0, 250, 400), ("subsidence", 2, "0102")),
            (rect(250, 0, 500, 400), ("excavation", 3, "0103")),
        ],
        "EPSG:4547",
    )
    suitability = layer(
        "适宜性",
        SUITABILITY_FIELDS,
        [
            (rect(0, 0, 250, 400), (1, 1, "cultivated", "0103", "cn-reclamation 0.3.0 abc")),
            (rect(250, 0, 500, 400), (4, 1, "forest", "0301", "cn-reclamation 0.3.0 abc")),
        ],
    )
    html = tmp_path / "报告.html"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
            "REPORT_LANGUAGE": 2,  # English, to read the flags below in English
        }
    )
    text = html.read_text(encoding="utf-8")
    assert "Cultivated land decreases by 10.0000 hm²" in text
    rows = read_tables(tmp_path / "t.gpkg")["basis_assumptions"]
    warnings = [r["detail"] for r in rows if r["topic"] == "warning"]
    (quantity,) = [w for w in warnings if "Cultivated land" in w and "units 2" in w]
    assert "10.0000" in quantity
    (quality,) = [w for w in warnings if "0102" in w]
    assert "10.0000" in quality
    assert "units 1" in quality


def test_the_flags_follow_the_report_language(provider, tmp_path):
    # A pack of China: a Chinese report by default, its flags in Chinese too.
    disturbance = layer(
        "损毁土地",
        DISTURBANCE_FIELDS,
        [(rect(0, 0, 250, 400), ("subsidence", 2, "0103"))],
        "EPSG:4547",
    )
    suitability = layer(
        "适宜性",
        SUITABILITY_FIELDS,
        [(rect(0, 0, 250, 400), (4, 1, "forest", "0301", "cn-reclamation 0.4.0 abc"))],
    )
    html = tmp_path / "报告.html"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
        }
    )
    text = html.read_text(encoding="utf-8")
    assert 'lang="zh-CN"' in text
    assert "耕地减少 10.0000 hm²（150.00 亩）" in text
    assert "decreases by" not in text


def test_chinese_cells_of_the_pdf_wrap_inside_their_column():
    from plugin.provider.report import wrap_cjk

    # 8 pt: one em is 8 × 25.4 / 72 = 2.822 mm; a 30 mm column less two ems of margin
    # holds 24.36 / 2.822 = 8 Chinese characters per line.
    text = "土地复垦方案编制规程" * 4
    lines = wrap_cjk(text, 30.0, 8).split("\n")
    assert [len(line) for line in lines] == [8, 8, 8, 8, 8]
    assert "".join(lines) == text
    english = "Land reclamation plan " * 5  # QGIS wraps it at its spaces
    assert wrap_cjk(english, 30.0, 8) == english


def test_warnings_of_reading_the_inputs_follow_the_report_language(provider, tmp_path, qgis_locale):
    # QGIS in English, the report in Chinese: the warning about a polygon left out is
    # written in Chinese in the report, as in the log it is shown in English.
    qgis_locale("en_US")
    disturbance, suitability, area = plan_layers()
    feature = QgsFeature(disturbance.fields())
    feature.setGeometry(QgsGeometry.fromWkt(rect(800, 0, 900, 100)))
    feature.setAttributes(["none", 0, "0103"])
    assert disturbance.dataProvider().addFeatures([feature])[0]
    html = tmp_path / "r.html"
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "REPORT_LANGUAGE": 1,  # 中文
            "TABLES": str(tmp_path / "t.gpkg"),
            "REPORT_HTML": str(html),
        }
    )
    text = html.read_text(encoding="utf-8")
    assert "损毁土地图层中有 1 个 dist_type 为空或为“none”的图斑" in text
    assert "disturbance polygon(s)" not in text


def test_the_work_plan_chapter_and_the_summary_block(provider, tmp_path):
    # A stage table and an investment summary as scheduleplan and estimatecost write them:
    # the 复垦方案摘要 states the service period, the area totals (study area 100 ha, damaged
    # 30 ha, 25 ha reclaimed) and the investment; 复垦工作计划安排表 sums the stages; the
    # chart is in the HTML and on a page of the PDF.
    disturbance, suitability, area = plan_layers()
    stages = layer(
        "阶段",
        "&field=stage:integer&field=stage_name:string&field=year_start:integer"
        "&field=year_end:integer&field=units:integer&field=works_hm2:double"
        "&field=cultivated_hm2:double&field=aftercare_hm2:double&field=investment:double"
        "&field=production_years:integer&field=settling_years:integer"
        "&field=aftercare_years:integer",
        [
            (None, (1, "第一阶段", 2027, 2031, 1, 10.0, 10.0, 0.0, 600000.0, 5, 0, 0)),
            (None, (2, "第二阶段", 2032, 2034, 1, 15.0, 15.0, 10.0, 634567.0, 0, 1, 2)),
        ],
        crs=None,
    )
    summary = layer(
        "投资汇总",
        "&field=item:string&field=value:double",
        [
            (None, ("static", 1234567.0)),
            (None, ("dynamic", 1334567.0)),
            (None, ("static_per_mu", 2743.48)),
        ],
        crs=None,
    )
    paths = {
        "TABLES": tmp_path / "t.gpkg",
        "REPORT_HTML": tmp_path / "r.html",
        "REPORT_PDF": tmp_path / "r.pdf",
        **({"REPORT_DOCX": tmp_path / "r.docx"} if docx_available() else {}),
    }
    run(
        {
            "DISTURBANCE": disturbance,
            "SUITABILITY": suitability,
            "AREA": area,
            "STAGE_TABLE": stages,
            "COST_SUMMARY": summary,
            **{k: str(v) for k, v in paths.items()},
        }
    )
    tables = read_tables(paths["TABLES"])
    block = {r["item"]: r["value"] for r in tables["plan_summary"]}
    assert block["service_period"] == "8 年（2027–2034 年：生产期 5 年、稳沉期 1 年、管护期 2 年）"
    assert block["project_area"] == "100.0000 hm²（1500.00 亩）"
    assert block["reclamation_area"] == "30.0000 hm²（450.00 亩）"
    assert block["construction_area"] == "0.0000 hm²（0.00 亩）"
    assert block["responsibility_area"] == "30.0000 hm²（450.00 亩）"
    assert block["reclaimed_area"] == "25.0000 hm²（375.00 亩）"
    assert block["reclamation_rate"] == "83.33 %"
    assert block["static"] == "123.46 万元"
    assert block["dynamic"] == "133.46 万元"
    assert block["static_per_mu"] == "2,743.48 元/亩"
    plan = tables["work_plan"]
    total = item(plan, row_kind="total")
    assert total["works_hm2"] == pytest.approx(25.0)
    assert "garden_hm2" not in total  # only the uses a stage has
    invested = tables["stage_investment"]
    assert item(invested, row_kind="total")["investment"] == pytest.approx(1234567.0)
    assert "stage_soil" not in tables  # the stage table has no soil balance
    assert item(plan, stage=2)["periods"] == "稳沉期 1 年、管护期 2 年"
    assert item(plan, stage=2)["years"] == "2032–2034 年"
    text = paths["REPORT_HTML"].read_text(encoding="utf-8")
    assert 'aria-label="复垦工作进度安排图"' in text
    assert text.index("复垦方案摘要") < text.index("编制依据")
    _, pdf_text = pdf_pages_and_text(paths["REPORT_PDF"])
    if pdf_text is not None:
        assert "复垦工作进度安排图" in pdf_text  # the chart's page (its SVG drawn as paths)
    if docx_available():
        import docx

        document = docx.Document(str(paths["REPORT_DOCX"]))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[0] == "表1 复垦方案摘要"  # no project overview given: it opens
        chart = headings.index("复垦工作进度安排图")
        assert headings[chart - 1].endswith("复垦工作计划安排表")  # the chart under its table
