"""Fixtures for tests that need QGIS (pytest-qgis provides the application and iface)."""

from __future__ import annotations

import pytest
from qgis.core import QgsApplication, QgsSettings
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


def flush_deleted_objects() -> None:
    """Run pending deleteLater() calls so that deleted widgets are really gone."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
