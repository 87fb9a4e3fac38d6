"""The Processing provider ``reclamation``."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..about import PROVIDER_ID, plugin_version
from ..dependencies import missing_modules
from ..i18n import Translatable
from ..log import log_warning
from ..paths import icon_path, resource
from .registry import AlgorithmEntry, builtin_algorithms
from .safe_model import SafeModel


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
        if not self.unavailable:
            self._load_models()

    def _load_models(self) -> None:
        """The shipped models (resources/models/*.model3), e.g. the whole workflow."""
        for path in sorted(resource("models").glob("*.model3")):
            model = SafeModel()
            if model.fromFile(str(path)):
                self.addAlgorithm(model)
            else:
                log_warning(f"model {path.name} could not be read")
