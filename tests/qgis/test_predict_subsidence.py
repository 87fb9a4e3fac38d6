"""reclamation:predictsubsidence through Processing: closed forms, CRSs, fields, bad input.

Expectations come from the closed form of the probability integral method for a
rectangular panel, W = W0·C(x)·C(y), C(x) = ½[erf(√π·x/r) − erf(√π·(x − L)/r)], with x
measured from the panel's effective (offset-adjusted) edge; never from the code under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)

from plugin.compat import FIELD_DOUBLE, FIELD_STRING
from tests.rasters import read_tif, write_tif

ALG = "reclamation:predictsubsidence"
# Panel corners off the 10 m cell lattice (partial-cell coverage), EPSG:4547 (CM 114° E).
X1, X2, Y1, Y2 = 500_203.5, 501_004.2, 4_000_296.7, 4_000_901.3
THICKNESS, DEPTH, Q, TAN_BETA = 3.0, 300.0, 0.8, 2.0
W0, R = THICKNESS * Q, DEPTH / TAN_BETA  # 2.4 m, 150 m
RASTERS = ("SUBSIDENCE", "TILT", "CURVATURE", "HORIZONTAL_DEFORMATION")


def closed_form(x, y, x1, x2, y1, y2, w0=W0, r=R):
    erf = np.vectorize(math.erf)
    k = math.sqrt(math.pi) / r

    def c(u, lo, hi):
        return 0.5 * (erf(k * (u - lo)) - erf(k * (u - hi)))

    return w0 * c(x, x1, x2) * c(y, y1, y2)


@pytest.fixture
def algorithm(processing_provider):
    registry = QgsApplication.processingRegistry()
    if registry.algorithmById(ALG) is None:
        from plugin.provider.algorithms.predict_subsidence import PredictSubsidenceAlgorithm

        processing_provider.addAlgorithm(PredictSubsidenceAlgorithm())
    assert registry.algorithmById(ALG) is not None
    return ALG


class Recorder(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.warnings: list[str] = []

    def pushWarning(self, warning):  # noqa: N802 (Qt API)
        self.warnings.append(warning)
        super().pushWarning(warning)


def run(parameters, feedback=None):
    from qgis import processing

    return processing.run(ALG, parameters, feedback=feedback)


def panel_layer(epsg=4547, rows=(({"采厚": THICKNESS, "depth": DEPTH}),), box=(X1, Y1, X2, Y2)):
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:{epsg}", "工作面", "memory")
    provider = layer.dataProvider()
    fields = [("name", FIELD_STRING), ("采厚", FIELD_DOUBLE), ("depth", FIELD_DOUBLE)]
    assert provider.addAttributes([QgsField(name, kind) for name, kind in fields])
    layer.updateFields()
    features = []
    for index, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromRect(QgsRectangle(*box)))
        feature.setAttributes([f"1{index}01", values.get("采厚"), values.get("depth")])
        features.append(feature)
    ok, _ = provider.addFeatures(features)
    assert ok
    assert QgsProject.instance().addMapLayer(layer, False) is not None
    return layer


def grid_centres(path):
    from osgeo import gdal

    dataset = gdal.Open(str(path))
    x0, dx, _, y0, _, dy = dataset.GetGeoTransform()
    xs = x0 + (np.arange(dataset.RasterXSize) + 0.5) * dx
    ys = y0 + (np.arange(dataset.RasterYSize) + 0.5) * dy
    return xs[None, :], ys[:, None], dataset.GetProjection()


def test_rectangle_matches_the_closed_form_with_a_chinese_field(algorithm, tmp_path):
    layer = panel_layer()
    result = run(
        {
            "PANELS": layer,
            "THICKNESS_FIELD": "采厚",
            "DEPTH_FIELD": "depth",
            "EXTENT": "499600,501600,3999700,4001500 [EPSG:4547]",
            "CELL_SIZE": 10,
            "SUBSIDENCE": str(tmp_path / "下沉.tif"),
            "TILT": str(tmp_path / "tilt.tif"),
            "CURVATURE": str(tmp_path / "k.tif"),
            "HORIZONTAL_DEFORMATION": str(tmp_path / "eps.tif"),
            "CONTOURS": str(tmp_path / "contours.gpkg"),
        }
    )
    w, _ = read_tif(result["SUBSIDENCE"])
    xs, ys, wkt = grid_centres(result["SUBSIDENCE"])
    assert QgsCoordinateReferenceSystem.fromWkt(wkt).authid() == "EPSG:4547"
    expected = closed_form(xs, ys, X1, X2, Y1, Y2)
    assert np.abs(w - expected).max() < 0.01 * W0
    tilt, _ = read_tif(result["TILT"])
    assert tilt.max() == pytest.approx(1000 * W0 / R, rel=0.02)  # i_max = W0 / r (mm/m)
    eps, _ = read_tif(result["HORIZONTAL_DEFORMATION"])
    k, _ = read_tif(result["CURVATURE"])
    assert eps == pytest.approx(0.3 * R * k, abs=1e-3 * np.abs(eps).max())  # ε = b·r·K
    contours = QgsVectorLayer(result["CONTOURS"], "contours")
    levels = sorted({round(f["subsidence_m"], 3) for f in contours.getFeatures()})
    assert levels == [0.01, 0.5, 1.0, 2.0]
    # The 10 mm line: its extent along x at mid-panel height from the closed form.
    edge = next(f for f in contours.getFeatures() if round(f["subsidence_m"], 3) == 0.01)
    box = edge.geometry().boundingBox()
    far = bisect(lambda d: closed_form(X1 - d, (Y1 + Y2) / 2, X1, X2, Y1, Y2) - 0.01, 0, 3 * R)
    assert box.xMinimum() == pytest.approx(X1 - far, abs=5.0)
    assert box.xMaximum() == pytest.approx(X2 + far, abs=5.0)


def bisect(function, lo, hi):
    for _ in range(80):
        mid = 0.5 * (lo + hi)
        if function(mid) > 0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def test_inflection_offset_shrinks_every_edge(algorithm, tmp_path):
    layer = panel_layer()
    result = run(
        {
            "PANELS": layer,
            "THICKNESS": THICKNESS,
            "DEPTH": DEPTH,
            "OFFSET": 30,
            "EXTENT": "499600,501600,3999700,4001500 [EPSG:4547]",
            "CELL_SIZE": 10,
            "SUBSIDENCE": str(tmp_path / "w.tif"),
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
        }
    )
    w, _ = read_tif(result["SUBSIDENCE"])
    xs, ys, _ = grid_centres(result["SUBSIDENCE"])
    expected = closed_form(xs, ys, X1 + 30, X2 - 30, Y1 + 30, Y2 - 30)
    assert np.abs(w - expected).max() < 0.01 * W0


def test_geographic_panels_are_projected_to_the_gauss_kruger_zone(algorithm, tmp_path):
    projected = panel_layer()
    to_geographic = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4547"),
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance(),
    )
    layer = QgsVectorLayer("Polygon?crs=EPSG:4490", "panels 4490", "memory")
    assert layer.dataProvider().addAttributes([QgsField("采厚", FIELD_DOUBLE)])
    layer.updateFields()
    for feature in projected.getFeatures():
        geometry = QgsGeometry(feature.geometry())
        geometry.densifyByCount(20)
        assert geometry.transform(to_geographic) == 0
        out = QgsFeature(layer.fields())
        out.setGeometry(geometry)
        out.setAttributes([THICKNESS])
        assert layer.dataProvider().addFeature(out)
    feedback = Recorder()
    result = run(
        {
            "PANELS": layer,
            "THICKNESS_FIELD": "采厚",
            "DEPTH": DEPTH,
            "CELL_SIZE": 10,
            "SUBSIDENCE": str(tmp_path / "w.tif"),
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
        },
        feedback,
    )
    w, _ = read_tif(result["SUBSIDENCE"])
    _, _, wkt = grid_centres(result["SUBSIDENCE"])
    # 114° E: CGCS2000 3° Gauss-Krüger zone 38 with the zone prefix, EPSG:4526.
    assert QgsCoordinateReferenceSystem.fromWkt(wkt).authid() == "EPSG:4526"
    assert w.max() == pytest.approx(
        closed_form((X1 + X2) / 2, (Y1 + Y2) / 2, X1, X2, Y1, Y2), rel=0.01
    )
    # Basin volume = W0 × panel area (the panel is the same, in another CRS; 10 m cells).
    assert w.sum() * 100.0 == pytest.approx(W0 * (X2 - X1) * (Y2 - Y1), rel=0.01)


def test_missing_thickness_names_the_field(algorithm, tmp_path):
    layer = panel_layer(rows=({"采厚": None, "depth": DEPTH},))
    outputs = dict.fromkeys(RASTERS, "TEMPORARY_OUTPUT")
    with pytest.raises(QgsProcessingException, match="采厚"):
        run({"PANELS": layer, "THICKNESS_FIELD": "采厚", "DEPTH_FIELD": "depth", **outputs})
    with pytest.raises(QgsProcessingException, match="THICKNESS_FIELD"):
        run({"PANELS": layer, "DEPTH_FIELD": "depth", **outputs})


def test_zero_depth_is_refused(algorithm, tmp_path):
    layer = panel_layer(rows=({"采厚": THICKNESS, "depth": 0.0},))
    outputs = {
        key: str(tmp_path / f"{key}.tif")
        for key in ("SUBSIDENCE", "TILT", "CURVATURE", "HORIZONTAL_DEFORMATION")
    }
    with pytest.raises(
        QgsProcessingException, match=r"panel \d+ \(field “depth”\).*greater than 0"
    ):
        run({"PANELS": layer, "THICKNESS": 2.0, "DEPTH_FIELD": "depth", **outputs})
    with pytest.raises(QgsProcessingException, match=r"“DEPTH”.*greater than 0"):
        run({"PANELS": layer, "THICKNESS": 2.0, "DEPTH": 0, **outputs})
    assert not any(path.exists() for path in tmp_path.glob("*.tif"))


def test_dem_grid_surface_after_and_ponding(algorithm, tmp_path):
    dem = write_tif(
        tmp_path / "dem.tif", np.full((180, 200), 40.0), (499600, 10, 0, 4001500, 0, -10), 4547
    )
    layer = panel_layer()
    result = run(
        {
            "PANELS": layer,
            "THICKNESS_FIELD": "采厚",
            "DEPTH_FIELD": "depth",
            "DEM": str(dem),
            "GROUNDWATER_DEPTH_VALUE": 1.5,
            "SUBSIDENCE": str(tmp_path / "w.tif"),
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
            "DEM_AFTER": str(tmp_path / "after.tif"),
            "PONDING": str(tmp_path / "积水.tif"),
        }
    )
    w, _ = read_tif(result["SUBSIDENCE"])
    assert w.shape == (180, 200)
    xs, ys, _ = grid_centres(result["SUBSIDENCE"])
    expected = closed_form(xs, ys, X1, X2, Y1, Y2)
    after, _ = read_tif(result["DEM_AFTER"])
    ponding, _ = read_tif(result["PONDING"])
    assert after == pytest.approx(40.0 - expected, abs=0.01 * W0)
    assert ponding == pytest.approx(np.maximum(expected - 1.5, 0.0), abs=0.01 * W0)
    assert (ponding[expected < 1.4] == 0).all()


def test_groundwater_raster_on_another_grid(algorithm, tmp_path):
    # Groundwater 1 m deep in the west half, 3 m in the east half, on a 20 m grid.
    values = np.where(np.arange(110)[None, :] < 55, 1.0, 3.0) * np.ones((100, 1))
    water = write_tif(tmp_path / "gw.tif", values, (499500, 20, 0, 4001600, 0, -20), 4547)
    layer = panel_layer()
    result = run(
        {
            "PANELS": layer,
            "THICKNESS": THICKNESS,
            "DEPTH": DEPTH,
            "EXTENT": "499600,501600,3999700,4001500 [EPSG:4547]",
            "CELL_SIZE": 10,
            "GROUNDWATER_DEPTH": str(water),
            "SUBSIDENCE": "TEMPORARY_OUTPUT",
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
            "PONDING": str(tmp_path / "ponding.tif"),
        }
    )
    ponding, _ = read_tif(result["PONDING"])
    xs, ys, _ = grid_centres(result["PONDING"])
    expected = closed_form(xs, ys, X1, X2, Y1, Y2)
    depth = np.where(xs < 499500 + 55 * 20, 1.0, 3.0)
    inside = np.abs(xs - (499500 + 55 * 20)) > 30  # away from the bilinear step
    inside = np.broadcast_to(inside, expected.shape)
    assert ponding[inside] == pytest.approx(np.maximum(expected - depth, 0)[inside], abs=0.025)
    assert ponding.max() == pytest.approx(W0 - 1.0, abs=0.02)


def test_coarse_cells_are_warned_with_the_resolution_needed(algorithm, tmp_path):
    feedback = Recorder()
    run(
        {
            "PANELS": panel_layer(),
            "THICKNESS": THICKNESS,
            "DEPTH": DEPTH,
            "CELL_SIZE": 50,
            "SUBSIDENCE": "TEMPORARY_OUTPUT",
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
        },
        feedback,
    )
    assert any("15 m" in warning and "r/10" in warning for warning in feedback.warnings)


def test_propagation_angle_needs_a_dip_direction(algorithm):
    outputs = dict.fromkeys(RASTERS, "TEMPORARY_OUTPUT")
    with pytest.raises(QgsProcessingException, match="DIP_DIRECTION"):
        run(
            {
                "PANELS": panel_layer(),
                "THICKNESS": THICKNESS,
                "DEPTH": DEPTH,
                "DIP": 10,
                "PROPAGATION_ANGLE": 84,
                **outputs,
            }
        )


def test_geographic_dem_is_warped_to_a_metric_grid(algorithm, tmp_path):
    # A flat DEM on a 0.0002° grid around the panel (114° E, 36° N), EPSG:4490.
    to_geographic = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4547"),
        QgsCoordinateReferenceSystem("EPSG:4490"),
        QgsProject.instance(),
    )
    corner = to_geographic.transform(X1 - 600, Y2 + 600)
    step = 0.0002
    dem = write_tif(
        tmp_path / "geo_dem.tif",
        np.full((120, 120), 30.0),
        (corner.x(), step, 0, corner.y(), 0, -step),
        4490,
    )
    result = run(
        {
            "PANELS": panel_layer(),
            "THICKNESS": THICKNESS,
            "DEPTH": DEPTH,
            "DEM": str(dem),
            "SUBSIDENCE": str(tmp_path / "w.tif"),
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
            "DEM_AFTER": str(tmp_path / "after.tif"),
        }
    )
    _, _, wkt = grid_centres(result["SUBSIDENCE"])
    assert QgsCoordinateReferenceSystem.fromWkt(wkt).authid() == "EPSG:4526"
    w, _ = read_tif(result["SUBSIDENCE"])
    centre = closed_form((X1 + X2) / 2, (Y1 + Y2) / 2, X1, X2, Y1, Y2)
    assert w.max() == pytest.approx(centre, rel=0.01)
    after, nodata = read_tif(result["DEM_AFTER"])
    valid = after != nodata
    assert after[valid].min() == pytest.approx(30.0 - centre, abs=0.02)


def test_loaded_outputs_are_styled_in_one_group(processing_provider, tmp_path):
    import processing
    from qgis.core import QgsProject, QgsSingleBandPseudoColorRenderer

    layer = QgsVectorLayer("Polygon?crs=EPSG:4547&field=采厚:double", "工作面", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POLYGON((0 0,300 0,300 300,0 300,0 0))"))
    feature.setAttributes([3.0])
    layer.dataProvider().addFeatures([feature])
    result = processing.runAndLoadResults(
        "reclamation:predictsubsidence",
        {
            "PANELS": layer,
            "THICKNESS_FIELD": "采厚",
            "DEPTH": 200,
            "CELL_SIZE": 10,
            "SUBSIDENCE": str(tmp_path / "W.tif"),
            "TILT": "TEMPORARY_OUTPUT",
            "CURVATURE": "TEMPORARY_OUTPUT",
            "HORIZONTAL_DEFORMATION": "TEMPORARY_OUTPUT",
            "CONTOURS": "TEMPORARY_OUTPUT",
        },
    )
    project = QgsProject.instance()
    subsidence = next(
        lyr for lyr in project.mapLayers().values() if lyr.source() == result["SUBSIDENCE"]
    )
    assert isinstance(subsidence.renderer(), QgsSingleBandPseudoColorRenderer)
    node = project.layerTreeRoot().findLayer(subsidence.id())
    assert node.parent().name().startswith("Predicted subsidence ")
    assert len(node.parent().findLayers()) == 5


def test_a_large_grid_accumulates_in_scratch_files_with_the_same_rasters(
    algorithm, tmp_path, monkeypatch
):
    from pathlib import Path

    from qgis.core import QgsProcessingUtils

    from plugin.provider.algorithms import predict_subsidence

    def outputs(folder):
        folder.mkdir()
        parameters = {
            "PANELS": panel_layer(),
            "THICKNESS_FIELD": "采厚",
            "DEPTH_FIELD": "depth",
            "EXTENT": "499600,501600,3999700,4001500 [EPSG:4547]",
            "CELL_SIZE": 10,
            "GROUNDWATER_DEPTH_VALUE": 1.5,
            "PONDING": str(folder / "ponding.tif"),
        }
        parameters |= {key: str(folder / f"{key}.tif") for key in RASTERS}
        result = run(parameters)
        return {key: read_tif(result[key])[0] for key in (*RASTERS, "PONDING")}

    scratch = Path(QgsProcessingUtils.tempFolder())
    before = set(scratch.glob("subsidence_*"))
    in_memory = outputs(tmp_path / "memory")
    monkeypatch.setattr(predict_subsidence, "IN_MEMORY_CELLS", 0)  # every grid is "large"
    in_files = outputs(tmp_path / "files")
    for key, values in in_memory.items():
        assert np.array_equal(in_files[key], values), key
    xs, ys, _ = grid_centres(tmp_path / "files" / "SUBSIDENCE.tif")
    expected = closed_form(xs, ys, X1, X2, Y1, Y2)
    assert in_files["SUBSIDENCE"] == pytest.approx(expected, abs=0.003 * W0)
    assert set(scratch.glob("subsidence_*")) == before  # the scratch files are gone


def test_a_grid_the_disk_cannot_hold_is_refused_before_the_run(algorithm, tmp_path, monkeypatch):
    import shutil

    from plugin.provider.algorithms import predict_subsidence

    monkeypatch.setattr(predict_subsidence, "IN_MEMORY_CELLS", 0)
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: shutil._ntuple_diskusage(1, 1, 1000))
    with pytest.raises(QgsProcessingException, match="scratch space"):
        run(
            {
                "PANELS": panel_layer(),
                "THICKNESS_FIELD": "采厚",
                "DEPTH_FIELD": "depth",
                "EXTENT": "499600,501600,3999700,4001500 [EPSG:4547]",
                "CELL_SIZE": 10,
                "SUBSIDENCE": str(tmp_path / "w.tif"),
            }
        )
    assert not (tmp_path / "w.tif").exists()


def test_a_grid_beyond_twenty_thousand_cells_a_side_is_refused(algorithm, tmp_path):
    # 30 km × 30 km at 1 m: 900 million cells, more than the 400 million of 20 000².
    with pytest.raises(QgsProcessingException, match="30000 × 30000 cells"):
        run(
            {
                "PANELS": panel_layer(),
                "THICKNESS_FIELD": "采厚",
                "DEPTH_FIELD": "depth",
                "EXTENT": "490000,520000,3990000,4020000 [EPSG:4547]",
                "CELL_SIZE": 1,
                "SUBSIDENCE": str(tmp_path / "w.tif"),
            }
        )
