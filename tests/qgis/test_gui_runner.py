"""AlgorithmRunner: background runs, layers loaded into one group, failures and cancel."""

from __future__ import annotations

import time

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsGeometry,
    QgsLayerTree,
    QgsProject,
    QgsVectorLayer,
)

from plugin.gui import runner as runner_module
from plugin.gui.runner import (
    AlgorithmRunner,
    gather_in_group,
    geopackage_destination,
    run_label,
)

SUITABILITY = "reclamation:evaluatesuitability"
CHINESE_MAP = "坡度=slope_deg;有效土层厚度=soil_thickness_cm;pH=ph"
X0, Y0 = 500000.0, 4000000.0


def wait_until(predicate, timeout: float = 30.0) -> None:
    """Let the task manager and queued signals work until ``predicate()`` holds (tests only)."""
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the background run did not finish in time")
        QgsApplication.processEvents()
        time.sleep(0.005)
    QgsApplication.processEvents()


def square(i: int, size: float = 100.0) -> QgsGeometry:
    x = X0 + i * 200
    return QgsGeometry.fromWkt(
        f"POLYGON(({x} {Y0},{x + size} {Y0},{x + size} {Y0 + size},{x} {Y0 + size},{x} {Y0}))"
    )


def chinese_units(rows=((5, 80, 7), (30, 40, 7), (18.2, 80, 7)), name="评价单元"):
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:4547&field=坡度:double&field=有效土层厚度:double&field=pH:double",
        name,
        "memory",
    )
    features = []
    for i, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(square(i))
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def suitability_parameters(layer, **extra):
    return {
        "UNITS": layer.id(),
        "RULES": "cn-reclamation",
        "FIELD_MAP": CHINESE_MAP,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "SUMMARY": "TEMPORARY_OUTPUT",
        **extra,
    }


class Recorder:
    """Collects a runner's signals."""

    def __init__(self, runner):
        self.finished: list[tuple[bool, dict]] = []
        self.messages: list[tuple[str, bool]] = []
        self.progress: list[float] = []
        runner.finished.connect(lambda ok, results: self.finished.append((ok, results)))
        runner.messageLogged.connect(lambda text, error: self.messages.append((text, error)))
        runner.progressChanged.connect(self.progress.append)


@pytest.fixture
def project(qgis_new_project, processing_provider):
    return qgis_new_project


@pytest.fixture
def units(project):
    layer = chinese_units()
    assert project.addMapLayer(layer)
    return layer


def groups(project: QgsProject):
    return [node for node in project.layerTreeRoot().children() if QgsLayerTree.isGroup(node)]


def test_run_label_names_the_minute():
    from datetime import datetime

    assert run_label("Suitability", datetime(2026, 11, 28, 14, 5, 59)) == (
        "Suitability 2026-11-28 14:05"
    )


def test_suitability_run_loads_styled_layers_into_one_group(project, units):
    runner = AlgorithmRunner(SUITABILITY, project)
    recorder = Recorder(runner)
    assert runner.start(suitability_parameters(units), run_label("Suitability"))
    assert runner.is_running()
    wait_until(lambda: recorder.finished)

    ((ok, results),) = recorder.finished
    assert ok, runner.error_message
    assert set(results) >= {"OUTPUT", "SUMMARY"}
    output, summary = runner.output_layers["OUTPUT"], runner.output_layers["SUMMARY"]
    assert project.mapLayer(output.id()) is output
    assert output.featureCount() == 3
    assert summary.featureCount() > 0
    # The algorithm's post-processor groups the layers; the runner makes no second group.
    (group,) = groups(project)
    assert group is runner.group
    assert group.name().startswith("Suitability ")
    assert {node.layerId() for node in group.findLayers()} == {output.id(), summary.id()}
    assert output.renderer().type() == "categorizedSymbol"  # styled by the post-processor
    assert any("Rule pack cn-reclamation" in text for text, _ in recorder.messages)
    assert recorder.progress
    assert max(recorder.progress) <= 100
    assert not runner.is_running()
    assert set() == runner_module._ACTIVE_RUNNERS


def test_layers_without_a_post_processor_get_a_group_named_after_the_run(project):
    points = QgsVectorLayer("Point?crs=EPSG:4547", "points", "memory")
    feature = QgsFeature(points.fields())
    feature.setGeometry(QgsGeometry.fromWkt(f"POINT({X0} {Y0})"))
    points.dataProvider().addFeatures([feature])
    assert project.addMapLayer(points)
    runner = AlgorithmRunner("native:buffer", project)
    recorder = Recorder(runner)
    runner.start({"INPUT": points.id(), "DISTANCE": 10, "OUTPUT": "TEMPORARY_OUTPUT"}, "Buffer run")
    wait_until(lambda: recorder.finished)

    assert recorder.finished[0][0], runner.error_message
    (group,) = groups(project)
    assert group.name() == "Buffer run"
    assert [node.layer() for node in group.findLayers()] == [runner.output_layers["OUTPUT"]]
    assert project.layerTreeRoot().findLayer(points.id()).parent() is project.layerTreeRoot()


def test_gather_reuses_a_group_and_names_a_new_one_uniquely(project):
    first, second, third = (QgsVectorLayer("Point", name, "memory") for name in "abc")
    for layer in (first, second, third):
        assert project.addMapLayer(layer)
    root = project.layerTreeRoot()
    made_by_post_processor = root.insertGroup(0, "Suitability made elsewhere")
    made_by_post_processor.addLayer(first)
    root.removeLayer(first)

    assert gather_in_group(project, [first, second], "Run") is made_by_post_processor
    assert {n.layerId() for n in made_by_post_processor.findLayers()} == {first.id(), second.id()}

    root.insertGroup(0, "Run")
    group = gather_in_group(project, [third], "Run")
    assert group.name() == "Run (2)"
    assert [node.layer() for node in group.findLayers()] == [third]
    assert gather_in_group(project, [], "Run") is None


def test_a_failing_run_reports_the_algorithm_message(project, units):
    runner = AlgorithmRunner(SUITABILITY, project)
    recorder = Recorder(runner)
    missing = "/nonexistent/规则包.json"
    runner.start(suitability_parameters(units, RULES=missing), "Failing run")
    wait_until(lambda: recorder.finished)

    assert recorder.finished == [(False, {})]
    assert missing in runner.error_message
    assert any(error and missing in text for text, error in recorder.messages)
    assert groups(project) == []
    assert set(project.mapLayers()) == {units.id()}


def test_invalid_parameters_fail_before_starting(project):
    runner = AlgorithmRunner(SUITABILITY, project)
    recorder = Recorder(runner)
    assert not runner.start({"OUTPUT": "TEMPORARY_OUTPUT"}, "No units")
    assert recorder.finished == [(False, {})]
    assert runner.error_message
    assert not runner.is_running()


def test_an_unknown_algorithm_is_reported(project):
    runner = AlgorithmRunner("reclamation:doesnotexist", project)
    recorder = Recorder(runner)
    assert not runner.start({}, "Nothing")
    assert "reclamation:doesnotexist" in runner.error_message
    assert recorder.finished == [(False, {})]


def test_cancel_ends_the_run_and_loads_nothing(project):
    layer = chinese_units(rows=[(5 + i % 20, 80, 7) for i in range(3000)])
    assert project.addMapLayer(layer)
    runner = AlgorithmRunner(SUITABILITY, project)
    recorder = Recorder(runner)
    runner.start(suitability_parameters(layer), "Cancelled run")
    runner.cancel()
    wait_until(lambda: recorder.finished)

    assert recorder.finished == [(False, {})]
    assert runner.error_message == "The run was cancelled."
    assert set(project.mapLayers()) == {layer.id()}
    assert not runner.is_running()


def test_geopackage_outputs_share_one_file(project, units, tmp_path):
    path = str(tmp_path / "复垦 o'k 规划.gpkg")  # spaces, a quote, Chinese
    runner = AlgorithmRunner(SUITABILITY, project)
    recorder = Recorder(runner)
    runner.start(
        suitability_parameters(
            units,
            OUTPUT=geopackage_destination(path, "suitability"),
            SUMMARY=geopackage_destination(path, "suitability_summary"),
        ),
        "GeoPackage run",
    )
    wait_until(lambda: recorder.finished)

    assert recorder.finished[0][0], runner.error_message
    output, summary = runner.output_layers["OUTPUT"], runner.output_layers["SUMMARY"]
    assert output.source() == f"{path}|layername=suitability"
    assert summary.source() == f"{path}|layername=suitability_summary"
    assert output.featureCount() == 3
    reopened = QgsVectorLayer(f"{path}|layername=suitability_summary", "summary", "ogr")
    assert reopened.featureCount() == summary.featureCount()


def test_a_run_outlives_the_python_reference_of_its_starter(project, units):
    def start_and_forget():
        AlgorithmRunner(SUITABILITY, project).start(suitability_parameters(units), "Forgotten")

    start_and_forget()
    assert len(runner_module._ACTIVE_RUNNERS) == 1
    wait_until(lambda: not runner_module._ACTIVE_RUNNERS)
    assert len(project.mapLayers()) == 3  # units + the two outputs
