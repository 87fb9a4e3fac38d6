"""Messages to the QGIS log panel, under the plugin's own tab."""

from __future__ import annotations

from qgis.core import Qgis, QgsMessageLog

LOG_TAG = "Mine Reclamation Planner"


def log_info(message: str) -> None:
    """Log an informational message."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Info)


def log_warning(message: str) -> None:
    """Log a warning."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Warning)


def log_critical(message: str) -> None:
    """Log an error."""
    QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Critical)
