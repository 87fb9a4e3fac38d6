"""The Processing provider ``reclamation``."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..about import PROVIDER_ID, plugin_version
from ..dependencies import missing_modules
from ..i18n import Translatable
from ..paths import icon_path
from .registry import AlgorithmEntry, builtin_algorithms


class ReclamationProvider(Translatable, QgsProcessingProvider):
    """Holds the plugin's algorithms; skips those whose Python modules are missing."""

    def __init__(self, entries: tuple[AlgorithmEntry, ...] | None = None) -> None:
        super().__init__()
        self.entries = builtin_algorithms() if entries is None else entries
        # algorithm name -> {missing module: reason}, filled by loadAlgorithms()
        self.unavailable: dict[str, dict[str, str]] = {}

    def id(self) -> str:
        return PROVIDER_ID

    def name(self) -> str:
        return self.tr("Mine reclamation")

    def longName(self) -> str:  # noqa: N802 (Qt API)
        return self.tr("Mine Reclamation Planner") + f" {plugin_version()}"

    def icon(self) -> QIcon:
        return QIcon(str(icon_path()))

    def svgIconPath(self) -> str:  # noqa: N802 (Qt API)
        return str(icon_path())

    def loadAlgorithms(self) -> None:  # noqa: N802 (Qt API)
        self.unavailable = {}
        for entry in self.entries:
            missing = missing_modules(entry.requires)
            if missing:
                self.unavailable[entry.name] = missing
                continue
            self.addAlgorithm(entry.create())
