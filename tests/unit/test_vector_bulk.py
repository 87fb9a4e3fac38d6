"""Bulk reading and writing of GeoPackage layers (plugin.io.vector_bulk), against OGR."""

from __future__ import annotations

import math

import numpy as np
import pytest
from osgeo import ogr, osr

from plugin.io import Cancelled, vector_bulk
from plugin.io.vector_bulk import (
    BulkError,
    VectorFile,
    append_features,
    feature_batches,
    set_columns,
)


def _square(x: float) -> ogr.Geometry:
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x} 0,{x + 10} 0,{x + 10} 10,{x} 10,{x} 0))")


def make_layer(path, rows, fid_column="fid", geometry_type=ogr.wkbPolygon, name="单元"):
    """A GeoPackage layer with fields 坡度 (real), n (integer), 名称 (text); rows are
    (fid, slope, n, name, geometry or None); None values are NULL."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, srs, geometry_type, [f"FID={fid_column}"])
    for field, kind in (("坡度", ogr.OFTReal), ("n", ogr.OFTInteger), ("名称", ogr.OFTString)):
        layer.CreateField(ogr.FieldDefn(field, kind))
    for fid, slope, number, text, geometry in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetFID(fid)
        for field, value in (("坡度", slope), ("n", number), ("名称", text)):
            if value is None:
                feature.SetFieldNull(field)
            else:
                feature.SetField(field, value)
        if geometry is not None:
            feature.SetGeometry(geometry)
        layer.CreateFeature(feature)
    dataset = None
    return VectorFile(str(path), name)


ROWS = [
    (7, 12.5, 3, "耕地", _square(0)),
    (9, None, None, None, _square(20)),
    (30, 40.0, 1, "", None),
]


def test_batches_give_fids_nulls_text_and_geometries_in_layer_order(tmp_path):
    source = make_layer(tmp_path / "输入.gpkg", ROWS)
    batches = list(feature_batches(source, ["坡度", "名称", "n"], rows=2))
    assert [len(b.fids) for b in batches] == [2, 1]
    fids = np.concatenate([b.fids for b in batches])
    assert fids.tolist() == [7, 9, 30]
    slope = np.concatenate([b.fields["坡度"] for b in batches])
    assert slope[0] == 12.5
    assert math.isnan(slope[1])
    assert slope[2] == 40.0
    number = np.concatenate([b.fields["n"] for b in batches])
    assert number[0] == 3
    assert math.isnan(number[1])
    names = [v for b in batches for v in b.fields["名称"]]
    assert names == ["耕地", None, ""]  # NULL and empty text stay apart
    wkb = [w for b in batches for w in b.wkb]
    assert ogr.CreateGeometryFromWkb(wkb[1]).Equals(_square(20))
    assert wkb[2] is None


def test_an_unknown_field_is_named(tmp_path):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    with pytest.raises(BulkError, match="no field slope_deg"):
        list(feature_batches(source, ["slope_deg"]))


def _empty_copy(path, fields, geometry_type=ogr.wkbPolygon, name="out"):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    dataset = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = dataset.CreateLayer(name, srs, geometry_type)
    for field, kind in fields:
        layer.CreateField(ogr.FieldDefn(field, kind))
    dataset = None
    return VectorFile(str(path), name)


def _rows(file: VectorFile):
    dataset = ogr.Open(file.path)
    layer = dataset.GetLayerByName(file.layer)
    rows = {}
    for feature in layer:
        geometry = feature.GetGeometryRef()
        rows[feature.GetFID()] = (feature.items(), geometry.Clone() if geometry else None)
    return rows


def test_append_keeps_fids_maps_fields_and_promotes_to_multi(tmp_path):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    target = _empty_copy(
        tmp_path / "输出.gpkg",
        [("名称_2", ogr.OFTString), ("坡度", ogr.OFTReal), ("grade", ogr.OFTInteger)],
        ogr.wkbMultiPolygon,
    )
    count = append_features(source, target, {"名称": "名称_2", "坡度": "坡度"})
    assert count == 3
    rows = _rows(target)
    assert sorted(rows) == [7, 9, 30]
    assert rows[7][0] == {"名称_2": "耕地", "坡度": 12.5, "grade": None}
    assert rows[9][0]["坡度"] is None
    assert rows[7][1].GetGeometryType() == ogr.wkbMultiPolygon
    assert rows[7][1].GetArea() == pytest.approx(100.0)
    assert rows[30][1] is None


def test_append_writes_a_fid_column_shown_as_a_field(tmp_path):
    # QGIS shows a GeoPackage's fid column as a field; copied under another name (a
    # layer whose fid column is OBJECTID gives an output with an OBJECTID field).
    source = make_layer(tmp_path / "in.gpkg", ROWS, fid_column="OBJECTID")
    target = _empty_copy(tmp_path / "out.gpkg", [("OBJECTID", ogr.OFTInteger64)])
    append_features(source, target, {"OBJECTID": "OBJECTID"})
    assert {fid: items["OBJECTID"] for fid, (items, _) in _rows(target).items()} == {
        7: 7,
        9: 9,
        30: 30,
    }


def test_append_refuses_a_layer_that_is_not_empty(tmp_path):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    target = make_layer(tmp_path / "out.gpkg", ROWS[:1], name="out")
    with pytest.raises(BulkError, match="not an empty layer"):
        append_features(source, target, {})


def test_set_columns_writes_values_and_nulls_by_fid(tmp_path):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    target = _empty_copy(
        tmp_path / "out.gpkg",
        [("grade", ogr.OFTInteger), ("value", ogr.OFTReal), ("explain", ogr.OFTString)],
    )
    append_features(source, target, {})
    fids = [30, 7, 9]  # the columns' rows in another order than the file's
    set_columns(
        target,
        {
            "grade": np.array([4, 1, 2], dtype=np.int32),
            "value": np.array([np.nan, 0.25, 3.0]),
            "explain": lambda start, stop: ["不宜\nN", "一等", None][start:stop],
        },
        fids,
    )
    rows = {fid: items for fid, (items, _) in _rows(target).items()}
    assert rows[30] == {"grade": 4, "value": None, "explain": "不宜\nN"}
    assert rows[7] == {"grade": 1, "value": 0.25, "explain": "一等"}
    assert rows[9] == {"grade": 2, "value": 3.0, "explain": None}
    # The spatial index still lists every feature with a geometry.
    dataset = ogr.Open(target.path)
    result = dataset.ExecuteSQL('SELECT count(*) FROM "rtree_out_geom"')
    assert result.GetNextFeature().GetField(0) == 2
    dataset.ReleaseResultSet(result)


def test_set_columns_names_a_missing_fid_and_stops_on_cancel(tmp_path, monkeypatch):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    target = _empty_copy(tmp_path / "out.gpkg", [("grade", ogr.OFTInteger)])
    append_features(source, target, {})
    with pytest.raises(BulkError, match="2 of features 1…3 found"):
        set_columns(target, {"grade": np.array([1, 2, 3])}, [7, 9, 8])
    monkeypatch.setattr(vector_bulk, "WRITE_BATCH", 1)
    calls = []

    def cancel_after_first() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        set_columns(target, {"grade": np.array([5, 6, 7])}, [7, 9, 30], None, cancel_after_first)
    assert {fid: items["grade"] for fid, (items, _) in _rows(target).items()}[7] == 5


def test_append_reports_progress_and_stops_on_cancel(tmp_path):
    source = make_layer(tmp_path / "in.gpkg", ROWS)
    target = _empty_copy(tmp_path / "out.gpkg", [])
    seen: list[float] = []
    append_features(source, target, {}, seen.append)
    assert seen[-1] == pytest.approx(100.0)
    again = _empty_copy(tmp_path / "again.gpkg", [])
    with pytest.raises(Cancelled):
        append_features(source, again, {}, None, lambda: True)


def test_numbered_copy_numbers_by_position_and_leaves_out_missing_geometries(tmp_path):
    from plugin.io.vector_bulk import numbered_copy

    source = make_layer(tmp_path / "in.gpkg", [*ROWS, (44, 1.0, 1, "x", _square(40))])
    path = tmp_path / "编号.gpkg"
    numbered_copy(source, str(path), "units", "unit")
    dataset = ogr.Open(str(path))
    layer = dataset.GetLayerByName("units")
    assert layer.GetGeomType() == ogr.wkbMultiPolygon
    # fids 7, 9, 30 (no geometry), 44 are units 1, 2, 3, 4: unit 3 is left out.
    got = {f.GetField("unit"): f.GetGeometryRef().GetEnvelope()[0] for f in layer}
    assert got == {1: 0.0, 2: 20.0, 4: 40.0}
    assert dataset.GetLayerByName("rtree_units_geom") is None  # no spatial index


def test_a_batch_kept_after_the_reading_stops_owns_its_values(tmp_path):
    # GDAL's Arrow memory must be released before the layer is closed: a batch kept by the
    # caller after the reading stopped early holds copies, not views of that memory.
    import gc

    source = make_layer(tmp_path / "in.gpkg", ROWS)
    kept = []
    for batch in feature_batches(source, ["坡度", "名称"], rows=1):
        kept.append(batch)
        break
    gc.collect()
    assert kept[0].fids.flags.owndata
    assert kept[0].fids.tolist() == [7]
    assert kept[0].fields["坡度"].flags.owndata
    assert kept[0].fields["名称"].tolist() == ["耕地"]
