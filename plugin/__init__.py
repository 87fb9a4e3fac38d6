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


class _ServedProvider:
    """What py-qgis-wps keeps of the plugin: the provider it serves (kept alive here)."""

    def __init__(self, provider: Any) -> None:
        self.provider = provider


def WPSClassFactory(server_interface: Any) -> _ServedProvider:  # noqa: N802 (py-qgis-wps entry point)
    """py-qgis-wps (``wps=True`` in metadata.txt): register the Processing provider with the
    server's interface, which exposes its algorithms as OGC WPS / API Processes. See
    docs/wps.md."""
    from .provider.algorithms.base import Served
    from .provider.provider import ReclamationProvider

    Served.every_output = True
    provider = ReclamationProvider()
    server_interface.registerProvider(provider)
    return _ServedProvider(provider)
