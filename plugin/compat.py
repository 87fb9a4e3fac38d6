"""Names that moved between QGIS 3.22 and later versions (3.22 LTR to 3.44, Qt 5; Qt 6 ready).

QGIS 3.38 switched field types from QVariant.Type to QMetaType.Type (QVariant's are
deprecated there and gone with Qt 6); 3.22 only accepts QVariant.Type.
"""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis

if Qgis.versionInt() >= 33800:
    from qgis.PyQt.QtCore import QMetaType

    FIELD_STRING = QMetaType.Type.QString
    FIELD_INT = QMetaType.Type.Int
    FIELD_DOUBLE = QMetaType.Type.Double
else:
    from qgis.PyQt.QtCore import QVariant

    FIELD_STRING = QVariant.String  # noqa: QGS402 (QGIS < 3.38)
    FIELD_INT = QVariant.Int  # noqa: QGS402 (QGIS < 3.38)
    FIELD_DOUBLE = QVariant.Double  # noqa: QGS402 (QGIS < 3.38)


def layer_filter(*names: str) -> Any:
    """QgsMapLayerComboBox filter flags by name ("PolygonLayer", "RasterLayer", …): the enum
    moved from QgsMapLayerProxyModel.Filter to Qgis.LayerFilter in QGIS 3.34."""
    from qgis.core import QgsMapLayerProxyModel

    enum = getattr(Qgis, "LayerFilter", None) or QgsMapLayerProxyModel.Filter
    flags = getattr(enum, names[0])
    for name in names[1:]:
        flags = flags | getattr(enum, name)
    return flags


def is_null(value: object) -> bool:
    """A missing attribute value: None, or a QGIS NULL (a null QVariant with Qt 5; with Qt 6
    NULL is None)."""
    return value is None or (hasattr(value, "isNull") and value.isNull())
