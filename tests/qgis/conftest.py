"""Fixtures for tests that need QGIS (pytest-qgis provides the application and iface)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsProcessingFeedback, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QEvent


class RecordingIface:
    """The pytest-qgis iface, recording Plugins-menu entries (its stub drops them)."""

    def __init__(self, iface):
        self._iface = iface
        self.menu_entries: list[tuple[str, object]] = []

    def __getattr__(self, name):
        return getattr(self._iface, name)

    def addPluginToMenu(self, name, action):  # noqa: N802
        self.menu_entries.append((name, action))

    def removePluginMenu(self, name, action):  # noqa: N802
        self.menu_entries.remove((name, action))


@pytest.fixture(autouse=True)
def empty_project_after_test():
    """Each test starts from an empty project, whatever the previous one loaded."""
    yield
    project = QgsProject.instance()
    project.removeAllMapLayers()
    project.layerTreeRoot().removeAllChildren()


@pytest.fixture
def iface(qgis_iface):
    qgis_iface.messageBar().clear_messages()
    return RecordingIface(qgis_iface)


@pytest.fixture
def log_messages():
    """Messages written to the QGIS log while the test runs: (tag, text, level)."""
    received: list[tuple[str, str, object]] = []

    def collect(message, tag, level):
        received.append((tag, message, level))

    QgsApplication.messageLog().messageReceived.connect(collect)
    yield received
    QgsApplication.messageLog().messageReceived.disconnect(collect)


@pytest.fixture
def qgis_locale():
    """Set QGIS's user locale for one test, restoring the previous settings afterwards."""
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/overrideFlag", "locale/userLocale")}

    def apply(locale: str) -> None:
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", locale)

    yield apply
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def plugin_action(plugin, key: str):
    """The plugin's QAction with the given ActionSpec key."""
    (action,) = [a for a in plugin.actions if a.objectName() == f"ReclamationPlanner_{key}"]
    return action


def flush_deleted_objects() -> None:
    """Run pending deleteLater() calls so that deleted widgets are really gone."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def processing_provider(qgis_app):
    """Processing with the native algorithms and the plugin's provider registered for one
    test (the plugin-load tests register their own and must find none left)."""
    from processing.core.Processing import Processing

    from plugin.provider.provider import ReclamationProvider

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    provider = registry.providerById("reclamation")
    if provider is None:
        provider = ReclamationProvider()
        registry.addProvider(provider)
    yield provider
    registry.removeProvider(provider)


@pytest.fixture(autouse=True)
def processing_without_mock_layer_tree(monkeypatch):
    """QGIS 3.40+ Processing hands ``iface.layerTreeView()`` to C++ when it loads results;
    pytest-qgis's iface is a mock whose layer tree view C++ refuses. A real QGIS passes its
    real view; tests pass none, which Processing supports (headless use)."""
    try:
        from processing.gui import Postprocessing
    except ImportError:
        return
    if hasattr(Postprocessing, "iface"):
        monkeypatch.setattr(Postprocessing, "iface", None)


class WarningsFeedback(QgsProcessingFeedback):
    """A Processing feedback that keeps the run's warnings (``.warnings``)."""

    def __init__(self):
        super().__init__()
        self.warnings = []

    def pushWarning(self, text):  # noqa: N802 (Qt API)
        self.warnings.append(text)
        super().pushWarning(text)
