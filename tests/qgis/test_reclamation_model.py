"""The whole workflow as one step (reclamation:reclamationplan), and batch runs over mines."""

from __future__ import annotations

import pytest
from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

X0, Y0 = 500000.0, 4000000.0


def box(x, y, size):
    return f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"


def write_layers(folder, shift=0.0):
    """A tiny mine: a dump and a pit as mapped facilities, soil polygons with the factors,
    land use, written to a GeoPackage with Chinese names."""
    path = folder / "矿区.gpkg"
    specs = {
        "设施": (
            "&field=类型:string",
            [
                (box(X0 + shift, Y0, 200), ("排土场",)),
                (box(X0 + 300 + shift, Y0, 100), ("露天采场",)),
            ],
        ),
        "土壤": (
            "&field=slope_deg:double&field=soil_thickness_cm:double&field=ph:double",
            [(box(X0 - 100 + shift, Y0 - 100, 600), (3.0, 80.0, 7.0))],
        ),
        "地类": ("&field=DLBM:string", [(box(X0 - 100 + shift, Y0 - 100, 600), ("0103",))]),
    }
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    for index, (name, (fields, rows)) in enumerate(specs.items()):
        layer = QgsVectorLayer(f"Polygon?crs=EPSG:4547{fields}", name, "memory")
        features = []
        for wkt, values in rows:
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
            feature.setAttributes(list(values))
            features.append(feature)
        layer.dataProvider().addFeatures(features)
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.layerName = name
        if index:
            options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
        QgsVectorFileWriter.writeAsVectorFormatV2(
            layer, str(path), QgsCoordinateTransformContext(), options
        )
    return {name: f"{path}|layername={name}" for name in specs}


def model_parameters(layers, out):
    return {
        "FACILITIES": layers["设施"],
        "FACILITY_TYPE_FIELD": "类型",
        "SOIL": layers["土壤"],
        "LANDUSE": layers["地类"],
        "LANDUSE_CODE_FIELD": "DLBM",
        "RULES": "cn-reclamation",
        "TITLE": "示例矿山复垦方案",
        "classify:DISTURBED": str(out / "disturbed.gpkg"),
        "classify:DISTURBED_SUMMARY": str(out / "disturbed_summary.gpkg"),
        "evaluate:SUITABILITY": str(out / "suitability.gpkg"),
        "evaluate:SUITABILITY_SUMMARY": str(out / "suitability_summary.gpkg"),
        "summarize:TABLES": str(out / "tables.gpkg"),
        "summarize:REPORT_HTML": str(out / "report.html"),
    }


def test_model_is_listed_and_runs_the_chain(processing_provider, tmp_path):
    import processing
    from qgis.core import QgsApplication

    assert QgsApplication.processingRegistry().algorithmById("reclamation:reclamationplan")
    layers = write_layers(tmp_path)
    out = tmp_path / "成果"
    out.mkdir()
    processing.run("reclamation:reclamationplan", model_parameters(layers, out))
    disturbed_file = ogr.Open(str(out / "disturbed.gpkg"))  # alive while its layer is read
    disturbed = disturbed_file.GetLayer(0)
    assert {f.GetField("dist_type") for f in disturbed} == {"excavation", "occupation"}
    suitability = QgsVectorLayer(str(out / "suitability.gpkg"), "s", "ogr")
    # 3°, 80 cm, pH 7 on every damaged polygon -> cultivated grade 1, 0103 (宜耕则耕).
    assert {f["dlbm"] for f in suitability.getFeatures()} == {"0103"}
    assert (out / "report.html").read_text(encoding="utf-8").count("示例矿山复垦方案") >= 1
    tables = ogr.Open(str(out / "tables.gpkg"))
    rates = {f.GetField("item"): f for f in tables.GetLayerByName("reclamation_rate")}
    assert "reclamation_rate" in rates


def test_disturbance_in_batch_over_three_mines(processing_provider, tmp_path):
    import processing

    outputs = []
    for number in range(3):  # QGIS batch semantics: one parameter set per row
        folder = tmp_path / f"矿{number}"
        folder.mkdir()
        layers = write_layers(folder, shift=1000.0 * number)
        out = folder / "disturbed.gpkg"
        processing.run(
            "reclamation:classifydisturbance",
            {
                "FACILITIES": layers["设施"],
                "FACILITY_TYPE_FIELD": "类型",
                "OUTPUT": str(out),
                "SUMMARY": "TEMPORARY_OUTPUT",
            },
        )
        outputs.append(out)
    areas = []
    for out in outputs:
        dataset = ogr.Open(str(out))
        areas.append(sum(f.GetField("area_m2") for f in dataset.GetLayer(0)))
    # Each mine: a 200 m dump and a 100 m pit = 50 000 m² (Gauss-Krüger at the CM: ≈ ellipsoidal).
    assert areas == pytest.approx([50000.0] * 3, rel=1e-3)


def test_the_plan_run_schedules_and_the_investment_follows_the_schedule(
    processing_provider, tmp_path
):
    # With the service period, the plan run adds the work plan, and the dynamic investment
    # is the static one grown by the price rise of the schedule's own spending.
    import processing

    from tests.helpers import ROOT

    costs = ROOT / "resources" / "costs"
    layers = write_layers(tmp_path)
    out = tmp_path / "成果"
    out.mkdir()
    result = processing.run(
        "reclamation:reclamationplan",
        {
            **model_parameters(layers, out),
            "PRICES": str(costs / "example_prices_sample_mine.csv"),
            "COSTS": str(costs / "example_sample_mine.json"),
            "FIRST_YEAR": 2030,
            "PRODUCTION_YEARS": 4,
            "SETTLING_YEARS": 1,
            "AFTERCARE_YEARS": 2,
            "schedule:STAGE_TABLE": str(out / "stages.csv"),
            "schedule:OUTPUT": str(out / "units_by_stage.gpkg"),
            "cost:SUMMARY": str(out / "investment.csv"),
        },
    )
    stages = rows_of(result["schedule:STAGE_TABLE"])
    # 2030–2036: stages 2030–2034 and 2035–2036; the dump and the pit are released at
    # closure (2034, the first year after production), worked that year (the last of the
    # settling period) and cared for in 2035–2036.
    assert [(int(s["year_start"]), int(s["year_end"])) for s in stages] == [
        (2030, 2034),
        (2035, 2036),
    ]
    assert float(stages[0]["works_hm2"]) > 0
    assert float(stages[1]["works_hm2"]) == 0
    units = rows_of(result["schedule:OUTPUT"])
    years = {(u["ready_year"], u["year_start"], u["year_end"], u["care_end"]) for u in units}
    assert years == {(2034, 2034, 2034, 2036)}
    summary = {row["item"]: float(row["value"]) for row in rows_of(result["cost:SUMMARY"])}
    invested = [float(s["investment"]) for s in stages]
    assert sum(invested) == pytest.approx(summary["static"], rel=1e-6)
    # The spending: the works in year 5 of the plan, the after-care in years 6 and 7; the
    # stage table splits it the same way (stage 2 = the after-care), so the price rise is
    # Σ I_t((1.03)^t − 1) with I_5 = stage 1 and I_6 = I_7 = stage 2 / 2.
    expected = invested[0] * (1.03**5 - 1) + invested[1] / 2 * (1.03**6 + 1.03**7 - 2)
    assert summary["dynamic"] - summary["static"] == pytest.approx(expected, rel=1e-4)
    # The stage table states the same price rise, stage by stage.
    rises = [float(s["price_rise"]) for s in stages]
    assert rises[0] == pytest.approx(invested[0] * (1.03**5 - 1), rel=1e-4)
    assert sum(rises) == pytest.approx(expected, rel=1e-4)
    assert float(stages[1]["dynamic_investment"]) == pytest.approx(invested[1] + rises[1], abs=0.02)
    tables = ogr.Open(str(out / "tables.gpkg"))
    assert tables.GetLayerByName("work_plan").GetFeatureCount() == 3  # two stages, a total


def rows_of(path):
    dataset = ogr.Open(str(path))  # kept alive while its layer is read
    return [feature.items() for feature in dataset.GetLayer(0)]
