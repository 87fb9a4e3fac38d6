"""Small OGR layers written for tests (no QGIS import)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from osgeo import ogr, osr


def add_layer(
    source: ogr.DataSource,
    name: str,
    epsg: int,
    kind: int,
    fields: Sequence[tuple[str, int]],
    rows: Iterable[tuple[str, Sequence[object]]],
) -> None:
    """A layer of ``kind`` (ogr.wkbPolygon …) with ``fields`` [(name, ogr type)] and one
    feature per (WKT, values) row."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    layer = source.CreateLayer(name, srs, kind)
    for field_name, field_kind in fields:
        layer.CreateField(ogr.FieldDefn(field_name, field_kind))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field_name, _), value in zip(fields, values, strict=True):
            feature.SetField(field_name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
