"""evaluatesuitability reading and writing a GeoPackage in bulk gives what QGIS's feature
iterator and sink give, and keeps the Processing settings and the safety of the data."""

from __future__ import annotations

import math

import pytest
from osgeo import ogr, osr
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

ALG = "reclamation:evaluatesuitability"
X0, Y0 = 500000.0, 4000000.0
FIELD_MAP = "坡度=slope_deg;土层=soil_thickness_cm"
BOWTIE = f"POLYGON(({X0} {Y0},{X0 + 100} {Y0 + 100},{X0 + 100} {Y0},{X0} {Y0 + 100},{X0} {Y0}))"


def square(i: int) -> str:
    x = X0 + i * 200
    return f"POLYGON(({x} {Y0},{x + 100} {Y0},{x + 100} {Y0 + 100},{x} {Y0 + 100},{x} {Y0}))"


def units_file(path, rows, layer_name="评价 单元"):
    """A GeoPackage of units: (fid, 坡度, 土层 as text, ph, DLBM, WKT); None is NULL."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer(layer_name, srs, ogr.wkbMultiPolygon)
    for name, kind in (("坡度", ogr.OFTReal), ("土层", ogr.OFTString), ("ph", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    layer.CreateField(ogr.FieldDefn("DLBM", ogr.OFTString))
    for fid, slope, soil, ph, code, wkt in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetFID(fid)
        for name, value in (("坡度", slope), ("土层", soil), ("ph", ph), ("DLBM", code)):
            if value is not None:
                feature.SetField(name, value)
        if wkt is not None:
            feature.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt)))
        layer.CreateFeature(feature)
    dataset = None
    return f"{path}|layername={layer_name}"


ROWS = [
    (3, 18.2, "80", 7.0, "0103", square(0)),  # cultivated 3, limited by slope
    (10, 30.0, "40", 7.0, "0301", square(1)),  # forest 1
    (11, 3.0, " 80 ", 7.0, None, square(2)),  # cultivated 1 (text with spaces)
    (40, None, "80", 7.0, "0204", square(3)),  # slope unknown: not evaluated
]


def run(parameters, context=None, feedback=None):
    import processing

    if context is None:
        context = QgsProcessingContext()
    context.setProject(QgsProject.instance())  # layers by id
    return processing.run(
        ALG,
        {"RULES": "cn-reclamation", "FIELD_MAP": FIELD_MAP, "SUMMARY": "", **parameters},
        context=context,
        feedback=feedback or QgsProcessingFeedback(),
    )


def layer_rows(path):
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayer(0)
    rows = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rows[feature.GetFID()] = (feature.items(), geometry and geometry.ExportToIsoWkt())
    return rows


@pytest.fixture
def spy(monkeypatch):
    """Counts the bulk reads and copies."""
    from plugin.provider import bulk_units

    calls = {"read": 0, "copy": 0}
    read, copy = bulk_units.feature_batches, bulk_units.append_features

    def counted_read(*args, **kwargs):
        calls["read"] += 1
        return read(*args, **kwargs)

    def counted_copy(*args, **kwargs):
        calls["copy"] += 1
        return copy(*args, **kwargs)

    monkeypatch.setattr(bulk_units, "feature_batches", counted_read)
    monkeypatch.setattr(bulk_units, "append_features", counted_copy)
    return calls


def test_bulk_output_equals_the_iterator_output_and_hand_values(processing_provider, tmp_path, spy):
    source = units_file(tmp_path / "单元.gpkg", ROWS)
    bulk = tmp_path / "成果 bulk.gpkg"
    run({"UNITS": source, "OUTPUT": str(bulk)})
    assert spy == {"read": 1, "copy": 1}
    # The same units as a memory layer go through QGIS's iterator and sink.
    memory = QgsVectorLayer(source, "units", "ogr").materialize(QgsFeatureRequest())
    iterated = tmp_path / "iterated.gpkg"
    run({"UNITS": memory, "OUTPUT": str(iterated)})
    assert spy == {"read": 1, "copy": 1}
    got, expected = layer_rows(bulk), layer_rows(iterated)
    assert sorted(got) == [3, 10, 11, 40]  # the units' fids
    assert got.keys() == expected.keys()
    for fid, (items, wkt) in expected.items():
        assert got[fid][1] == wkt
        for name, value in items.items():
            other = got[fid][0][name]
            if isinstance(value, float):
                assert other == pytest.approx(value, rel=1e-12), (fid, name)
            else:
                assert other == value, (fid, name)
    # Hand values (cn-reclamation slope limits 6/15/25°; forest to 35°).
    assert [got[f][0]["grade_cultivated"] for f in (3, 10, 11)] == [3, 4, 1]
    assert [got[f][0]["dlbm"] for f in (3, 10, 11)] == ["0103", "0301", "0103"]
    assert got[40][0]["use_proposed"] is None or got[40][0]["use_proposed"] == ""
    assert got[3][0]["DLBM_2"] == "0103"  # the units' code kept beside the proposal's
    assert "18.2° > 15°" in got[3][0]["explain"]
    assert got[3][0]["area_m2"] == pytest.approx(10000.0, rel=1e-3)
    assert math.isclose(got[3][0]["area_plan_m2"], 10000.0)
    # Styled with the areas by proposed use in the legend, and a run log.
    reopened = QgsVectorLayer(str(bulk), "reopened", "ogr")
    labels = [c.label() for c in reopened.renderer().categories()]
    assert any(label.endswith("(2.0000 hm²)") for label in labels)  # two cultivated ha
    dataset = ogr.Open(str(bulk))
    assert dataset.GetLayerByName("run_log") is not None


def test_invalid_geometries_follow_the_processing_setting(processing_provider, tmp_path, spy):
    rows = [*ROWS[:2], (20, 3.0, "80", 7.0, None, BOWTIE)]
    source = units_file(tmp_path / "units.gpkg", rows)
    context = QgsProcessingContext()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryAbortOnInvalid)
    with pytest.raises(QgsProcessingException, match="feature 20 has an invalid geometry"):
        run({"UNITS": source, "OUTPUT": str(tmp_path / "abort.gpkg")}, context)
    assert not (tmp_path / "abort.gpkg").exists()
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometryNoCheck)
    run({"UNITS": source, "OUTPUT": str(tmp_path / "kept.gpkg")}, context)
    assert sorted(layer_rows(tmp_path / "kept.gpkg")) == [3, 10, 20]
    reads = spy["read"]
    # Skipping invalid features is QGIS's iterator's work: the bulk path steps aside.
    context.setInvalidGeometryCheck(QgsFeatureRequest.GeometrySkipInvalid)
    run({"UNITS": source, "OUTPUT": str(tmp_path / "skipped.gpkg")}, context)
    assert spy["read"] == reads
    assert sorted(layer_rows(tmp_path / "skipped.gpkg")) == [3, 10]


def test_a_selection_and_unsaved_edits_take_the_iterator(processing_provider, tmp_path, spy):
    from qgis.core import QgsProcessingFeatureSourceDefinition

    source = units_file(tmp_path / "units.gpkg", ROWS)
    layer = QgsVectorLayer(source, "units", "ogr")
    QgsProject.instance().addMapLayer(layer)
    layer.selectByIds([10])
    run(
        {
            "UNITS": QgsProcessingFeatureSourceDefinition(layer.id(), True),
            "OUTPUT": str(tmp_path / "selected.gpkg"),
        }
    )
    assert sorted(layer_rows(tmp_path / "selected.gpkg")) == [10]
    layer.startEditing()
    layer.changeAttributeValue(10, layer.fields().indexOf("坡度"), 3.0)
    run({"UNITS": layer, "OUTPUT": str(tmp_path / "edited.gpkg")})
    edited = layer_rows(tmp_path / "edited.gpkg")[10][0]
    # 3° instead of 30°: cultivated land is no longer N (above 25°), soil 40 cm limits it.
    assert edited["坡度"] == 3.0
    assert (edited["grade_cultivated"], edited["limit_cultivated"]) == (3, "soil_thickness_cm")
    layer.rollBack()
    assert spy["read"] == 0


def test_a_cancel_while_writing_in_bulk_leaves_nothing(processing_provider, tmp_path, spy):
    class CancelWhileWriting(QgsProcessingFeedback):
        def setProgress(self, progress):  # noqa: N802 (Qt API)
            super().setProgress(progress)
            if progress >= 50:
                self.cancel()

    source = units_file(tmp_path / "units.gpkg", ROWS)
    path = tmp_path / "输出.gpkg"
    result = run({"UNITS": source, "OUTPUT": str(path)}, feedback=CancelWhileWriting())
    assert not result.get("OUTPUT")
    assert spy["copy"] == 1
    assert not path.exists()
    assert sorted(layer_rows(tmp_path / "units.gpkg")) == [3, 10, 11, 40]  # input intact


def test_extractfactors_writes_a_geopackage_in_bulk_with_the_units_fids(
    processing_provider, tmp_path, spy
):
    import numpy as np
    import processing

    from tests.rasters import write_tif

    # A plane rising 0.10 m/m northwards: slope atan(0.1) = 5.7106° in every unit.
    rows, cols = 30, 90
    y = np.arange(rows)[:, None] * 10.0
    dem = write_tif(
        tmp_path / "dem.tif",
        np.broadcast_to(100 - 0.1 * y, (rows, cols)).copy(),
        (X0 - 50, 10, 0, Y0 + 200, 0, -10),
        4547,
    )
    # A unit without a geometry between the others: its number is skipped, not reused.
    with_empty = [*ROWS[:2], (20, 9.0, "80", 7.0, None, None), *ROWS[2:]]
    source = units_file(tmp_path / "单元.gpkg", with_empty)
    path = tmp_path / "因子.gpkg"
    processing.run(
        "reclamation:extractfactors", {"UNITS": source, "DEM": str(dem), "OUTPUT": str(path)}
    )
    assert spy["copy"] == 1
    got = layer_rows(path)
    assert sorted(got) == [3, 10, 11, 20, 40]
    assert got[20][0]["slope_deg"] is None  # no geometry: no value, never 0
    for fid in (3, 10, 11, 40):
        items = got[fid][0]
        assert items["slope_deg"] == pytest.approx(5.7106, abs=1e-3), fid
        assert items["slope_max_deg"] == pytest.approx(5.7106, abs=1e-3), fid
    # A surface steepening eastwards: each unit its own slope, the same by both ways.
    x = np.arange(cols)[None, :] * 10.0
    bowl = write_tif(
        tmp_path / "bowl.tif",
        np.broadcast_to(0.0004 * x**2, (rows, cols)).copy(),
        (X0 - 50, 10, 0, Y0 + 200, 0, -10),
        4547,
    )
    processing.run(
        "reclamation:extractfactors",
        {"UNITS": source, "DEM": str(bowl), "OUTPUT": str(tmp_path / "bulk.gpkg")},
    )
    memory = QgsVectorLayer(source, "units", "ogr").materialize(QgsFeatureRequest())
    processing.run(
        "reclamation:extractfactors",
        {"UNITS": memory, "DEM": str(bowl), "OUTPUT": str(tmp_path / "iterated.gpkg")},
    )
    bulk, iterated = layer_rows(tmp_path / "bulk.gpkg"), layer_rows(tmp_path / "iterated.gpkg")
    slopes = [bulk[fid][0]["slope_deg"] for fid in (3, 10, 11, 40)]
    assert slopes == sorted(slopes)  # west to east
    assert len(set(slopes)) == 4
    assert {fid: row[0]["slope_deg"] for fid, row in bulk.items()} == {
        fid: row[0]["slope_deg"] for fid, row in iterated.items()
    }
    # The scratch copies of the units are gone with their runs.
    from pathlib import Path

    from qgis.core import QgsProcessingUtils

    assert list(Path(QgsProcessingUtils.tempFolder()).glob("factors_*")) == []
    assert got[10][0]["坡度"] == 30.0  # the units' own fields kept as they were
    assert got[11][0]["土层"] == " 80 "
    assert got[40][0]["坡度"] is None


def test_a_copy_that_does_not_match_the_units_read_is_refused(processing_provider, tmp_path):
    from plugin.io.vector_bulk import BulkError, VectorFile
    from plugin.provider.bulk_units import BulkSource, write_bulk

    units_file(tmp_path / "units.gpkg", ROWS, layer_name="units")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    target = tmp_path / "输出.gpkg"
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(target))
    dataset.CreateLayer("out", srs, ogr.wkbMultiPolygon)
    dataset = None
    source = BulkSource(VectorFile(str(tmp_path / "units.gpkg"), "units"), False)
    with pytest.raises(BulkError, match="4 features copied, 3 units read"):
        write_bulk(
            source, str(target), {}, {}, [3, 10, 11], QgsProcessingFeedback(), lambda _: None
        )
