"""reclamation:estimatecost on the works of estimatequantities: the example structure and
prices of the sample mine, a missing price listed, an unfilled template refused."""

from __future__ import annotations

import csv
import math

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from plugin.compat import is_null
from tests.helpers import ROOT
from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_estimate_quantities import geod_area, plan  # noqa: F401 (a fixture)

COSTS = ROOT / "resources" / "costs"
PRICES = COSTS / "example_prices_sample_mine.csv"


def run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(f"reclamation:{algorithm}", parameters, feedback=feedback)


def rows_of(output):
    layer = QgsVectorLayer(output, "t", "ogr") if isinstance(output, str) else output
    return [feature.attributeMap() for feature in layer.getFeatures()]


@pytest.fixture
def works(processing_provider, plan):  # noqa: F811 (the imported fixture)
    units, dem, _ = plan
    result = run(
        "estimatequantities",
        {
            "UNITS": units,
            "DEM": str(dem),
            "OUTPUT": "TEMPORARY_OUTPUT",
            "WORKS": "TEMPORARY_OUTPUT",
        },
    )
    return units, result["WORKS"]


def test_the_example_estimate(works):
    units, table = works
    result = run(
        "estimatecost",
        {
            "WORKS": table,
            "PRICES": str(PRICES),
            "COSTS": str(COSTS / "example_sample_mine.json"),
            "SPENDING": "1=0.6;2=0.4",
            "UNITS": units,
            "COST_TABLE": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    prices = {
        (row["item"], row["part"]): float(row["unit_price"])
        for row in csv.DictReader(PRICES.read_text(encoding="utf-8-sig").splitlines())
    }
    # Quantities summed by measure; plants, points and sets bought whole (rounded up).
    totals: dict[tuple, list] = {}
    for row in rows_of(table):
        key = (row["item"], "" if is_null(row["part"]) else row["part"])
        totals.setdefault(key, [0.0, row["unit"]])[0] += row["quantity"]
    expected = sum(
        (math.ceil(quantity) if unit in ("plant", "point", "set") else quantity) * prices[key]
        for key, (quantity, unit) in totals.items()
    )
    lines = {row["line"]: row for row in rows_of(result["COST_TABLE"]) if row["line"] != "work"}
    assert lines["direct_works"]["amount"] == pytest.approx(expected, abs=0.01)
    assert lines["static"]["line_name"] == "静态总投资"  # the works' names are Chinese
    # Both languages for a report in the other one (the structure's items name themselves).
    assert (lines["preliminary"]["line_name_zh"], lines["preliminary"]["line_name_en"]) == (
        "前期工作费",
        "preliminary work",
    )
    summary = {row["item"]: row["value"] for row in rows_of(result["SUMMARY"])}
    area_hm2 = (geod_area(0, 0, 100, 100) + geod_area(150, 10, 60, 40)) * 1e-4
    assert summary["area_hm2"] == pytest.approx(area_hm2, rel=1e-3)
    assert summary["static"] == pytest.approx(lines["static"]["amount"], abs=0.01)
    assert summary["static_per_mu"] == pytest.approx(summary["static"] / (area_hm2 * 15), rel=1e-3)
    assert summary["dynamic"] == pytest.approx(summary["static"] * (1 + 0.6 * 0.03 + 0.4 * 0.0609))
    assert summary["missing_prices"] == 0


def test_a_missing_price_is_listed(works, tmp_path):
    units, table = works
    lines = PRICES.read_text(encoding="utf-8-sig").splitlines()
    without = tmp_path / "单价.csv"
    without.write_text(
        "\n".join(line for line in lines if not line.startswith("soil_cover")),
        encoding="utf-8",
    )
    feedback = WarningsFeedback()
    result = run(
        "estimatecost",
        {
            "WORKS": table,
            "PRICES": str(without),
            "COSTS": str(COSTS / "example_sample_mine.json"),
            "UNITS": units,
            "COST_TABLE": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
        feedback,
    )
    assert any("No unit price for 1 work(s): 覆土" in w for w in feedback.warnings)
    assert any("No yearly spending" in w for w in feedback.warnings)
    summary = {row["item"]: row["value"] for row in rows_of(result["SUMMARY"])}
    assert summary["missing_prices"] == 1
    assert summary["dynamic"] == summary["static"]
    (cover,) = [r for r in rows_of(result["COST_TABLE"]) if r["item"] == "soil_cover"]
    assert is_null(cover["amount"])


def test_the_template_must_be_filled_in(works):
    units, table = works
    with pytest.raises(QgsProcessingException, match=r"measures_rate\.rate: the value is empty"):
        run(
            "estimatecost",
            {
                "WORKS": table,
                "PRICES": str(PRICES),
                "COSTS": str(COSTS / "template.json"),
                "UNITS": units,
                "COST_TABLE": "TEMPORARY_OUTPUT",
            },
        )
