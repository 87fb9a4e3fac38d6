"""What the toolbar dialogs share: output choice, log pane, buttons, rule-pack reference,
running state, error bar and closing behaviour.

A dialog mixes this in before QDialog and provides the widgets it refers to
(``rules_combo``, ``rules_file``, ``input_pages``, ``progress_bar``, ``message_bar``) and
``output_tables`` (output key -> GeoPackage table name), ``save_settings`` and
``_update_enabled``.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

from qgis.core import Qgis, QgsProcessing
from qgis.gui import QgsFileWidget
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from ..i18n import Translatable
from .runner import geopackage_destination

OTHER_FILE = "<file>"  # data of the "Other file…" entry of the rule-pack combo
TEMPORARY_OUTPUT = QgsProcessing.TEMPORARY_OUTPUT


class RunDialogParts(Translatable):
    """Widgets and behaviour shared by the dialogs that run one provider algorithm."""

    # output key -> GeoPackage table name (each dialog sets its own)
    output_tables: ClassVar[dict[str, str]] = {}

    def _add_output_rows(self, form: QFormLayout, page: QWidget) -> None:
        self.temporary_radio = QRadioButton(self.tr("Temporary layers"), page)
        self.geopackage_radio = QRadioButton(self.tr("GeoPackage file"), page)
        self.output_group = QButtonGroup(page)
        self.output_group.addButton(self.temporary_radio)
        self.output_group.addButton(self.geopackage_radio)
        self.temporary_radio.setChecked(True)
        self.output_file = QgsFileWidget(page)
        self.output_file.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.output_file.setFilter(self.tr("GeoPackage (*.gpkg)"))
        self.output_file.setDialogTitle(self.tr("Output GeoPackage"))
        choice = QHBoxLayout()
        choice.addWidget(self.temporary_radio)
        choice.addWidget(self.geopackage_radio)
        form.addRow(self.tr("Output"), choice)
        form.addRow(self.tr("GeoPackage"), self.output_file)

    def _log_page(self) -> QWidget:
        self.log_view = QPlainTextEdit(self)
        self.log_view.setReadOnly(True)
        return self.log_view

    def _button_box(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        # ActionRole: these buttons must not close the dialog.
        self.run_button = buttons.addButton(self.tr("Run"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton(
            self.tr("Cancel"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("Close"))  # not Qt's: its translation may be absent
        return buttons

    def _connect_run(self) -> None:
        """Close, Run and Cancel, and the runner's progress, log and end."""
        self.buttons.rejected.connect(self.reject)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.runner.progressChanged.connect(self._show_progress)
        self.runner.messageLogged.connect(self.log)
        self.runner.finished.connect(self._on_finished)

    def rules_reference(self) -> str:
        """A built-in pack id or the rule-pack file path."""
        data = self.rules_combo.currentData()
        return self.rules_file.filePath().strip() if data == OTHER_FILE else data

    def geopackage_path(self) -> str:
        path = self.output_file.filePath().strip()
        if path and not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        return path

    def _outputs(self) -> dict[str, str]:
        if not self.geopackage_radio.isChecked():
            return dict.fromkeys(self.output_tables, TEMPORARY_OUTPUT)
        path = self.geopackage_path()
        return {
            key: geopackage_destination(path, table) for key, table in self.output_tables.items()
        }

    def _set_running(self, running: bool) -> None:
        for page in self.input_pages:
            page.setEnabled(not running)
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if running:
            self.progress_bar.setValue(0)
        self._update_enabled()

    def log(self, text: str, is_error: bool = False) -> None:
        """Append a line to the log pane (errors in red)."""
        escaped = html.escape(text).replace("\n", "<br>")
        if is_error:
            escaped = f'<span style="color:#c00000">{escaped}</span>'
        self.log_view.appendHtml(escaped)

    def show_error(self, message: str) -> None:
        """Show a problem in the dialog's message bar until the next run."""
        self.message_bar.clearWidgets()
        self.message_bar.pushMessage(self.tr("Error"), message, Qgis.MessageLevel.Critical, 0)

    def reject(self) -> None:
        """Close: remember the inputs; a run in progress goes on and loads its layers."""
        self.save_settings()
        super().reject()


def read_json_maps(text: str) -> dict[str, dict[str, str]]:
    """A setting holding {name: {key: value}} as JSON; a hand-edited or broken setting reads
    as empty rather than breaking the dialog."""
    try:
        maps = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(maps, dict):
        return {}
    return {
        str(name): {str(key): str(value) for key, value in mapping.items()}
        for name, mapping in maps.items()
        if isinstance(mapping, dict)
    }


def bring_forward(window: Any) -> Any:
    """Show a dialog or wizard and bring it to the front; returns it."""
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def reusable(current: Any) -> Any:
    """``current`` unless it is None or its Qt object was deleted (then None)."""
    return current if current is not None and not sip.isdeleted(current) else None
