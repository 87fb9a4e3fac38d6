"""Mine Reclamation Planner: a QGIS plugin for planning mine-land reclamation.

QGIS calls ``classFactory`` to load the plugin. The import stays inside the function so
that a fault deep in the package cannot break QGIS start-up before the plugin says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .plugin import ReclamationPlannerPlugin


def classFactory(iface: Any) -> ReclamationPlannerPlugin:  # noqa: N802 (QGIS entry point)
    """Return the plugin instance for QGIS."""
    from .plugin import ReclamationPlannerPlugin

    return ReclamationPlannerPlugin(iface)
