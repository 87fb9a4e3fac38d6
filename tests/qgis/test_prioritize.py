"""reclamation:prioritize after ecosystemvalue and ecologicalnetwork: the dug unit that
blocks the only corridor ranks first when connectivity carries weight; the larger unit off
the corridor first when only the ecosystem-service value does; the budget's choice."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.qgis.conftest import WarningsFeedback
from tests.qgis.test_ecological_network import landscape  # noqa: F401 (a fixture)
from tests.qgis.test_estimate_quantities import box
from tests.qgis.test_summarize_plan import layer

pytest.importorskip("scipy")


def run(algorithm, parameters, feedback=None):
    import processing

    return processing.run(f"reclamation:{algorithm}", parameters, feedback=feedback)


def ranks(output):
    found = QgsVectorLayer(output, "t", "ogr") if isinstance(output, str) else output
    return {f["unit_id"]: f for f in found.getFeatures()}


@pytest.fixture
def chained(processing_provider, landscape):  # noqa: F811 (the imported fixture)
    land, _ = landscape
    units = layer(
        "单元",
        "&field=unit_id:integer&field=dlbm_before:string&field=dist_type:string"
        "&field=dist_degree:integer&field=ponding_m:double&field=use_proposed:string"
        "&field=dlbm:string",
        [
            # On the strip: the only corridor crosses it.
            (box(700, 140, 100, 20), (1, "0103", "excavation", 3, 0.0, "forest", "0301")),
            # In the built-up land north of the strip, three times larger, to become a pond
            # (more value per hm² than forest).
            (box(700, 20, 100, 60), (2, "0702", "excavation", 3, 0.0, "water", "1104")),
        ],
    )
    valued = run(
        "ecosystemvalue",
        {"UNITS": units, "OUTPUT": "TEMPORARY_OUTPUT", "SERVICES": "TEMPORARY_OUTPUT"},
    )
    network = run(
        "ecologicalnetwork",
        {
            "LANDUSE": land,
            "LANDUSE_CODE_FIELD": "DLBM",
            "UNITS": valued["OUTPUT"],
            "CELL_SIZE": 10.0,
            "MCR": "TEMPORARY_OUTPUT",
            "CORRIDORS": "TEMPORARY_OUTPUT",
            "UNITS_OUT": "TEMPORARY_OUTPUT",
        },
    )
    return network["UNITS_OUT"]


def test_the_unit_on_the_only_corridor_ranks_first(chained):
    result = ranks(run("prioritize", {"UNITS": chained, "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"])
    assert result[1]["corridor_gain"] > 0
    assert result[2]["corridor_gain"] == 0
    assert result[1]["priority_rank"] == 1
    assert result[2]["priority_rank"] == 2
    # Only the value: the larger unit gains more and comes first.
    only_value = ranks(
        run(
            "prioritize",
            {"UNITS": chained, "WEIGHTS": "esv_gain=1", "OUTPUT": "TEMPORARY_OUTPUT"},
        )["OUTPUT"]
    )
    assert only_value[2]["esv_gain"] > only_value[1]["esv_gain"]
    assert only_value[2]["priority_rank"] == 1


def test_the_budget_and_refusals(chained):
    area_1 = ranks(chained)[1]
    budget = run(
        "prioritize",
        {"UNITS": chained, "BUDGET": 0.25, "OUTPUT": "TEMPORARY_OUTPUT"},  # hm²: unit 1 only
    )
    chosen = ranks(budget["OUTPUT"])
    assert chosen[1]["selected"] == 1
    assert chosen[2]["selected"] == 0
    assert chosen[1]["priority_cost"] == pytest.approx(0.2, abs=1e-3)  # 100 m × 20 m
    assert area_1 is not None
    with pytest.raises(QgsProcessingException, match="term=number"):
        run("prioritize", {"UNITS": chained, "WEIGHTS": "esv_gain", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="no weight above 0"):
        run("prioritize", {"UNITS": chained, "WEIGHTS": "esv_gain=0", "OUTPUT": "TEMPORARY_OUTPUT"})
    feedback = WarningsFeedback()
    bare = layer("单元", "&field=unit_id:integer", [(box(0, 0, 10, 10), (1,))])
    run("prioritize", {"UNITS": bare, "OUTPUT": "TEMPORARY_OUTPUT"}, feedback)
    assert any("esv_gain" in w for w in feedback.warnings)
