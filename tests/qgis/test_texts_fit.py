"""No text is cut off at the dialogs' default sizes, in English and in Chinese: every visible
label and button gets the width (or, wrapped, the height) its text needs, and every tab
title shows without scroll arrows."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QAbstractButton, QApplication, QLabel, QTabBar, QWidget

from plugin.gui.disturbance_dialog import DisturbanceDialog
from plugin.gui.plan_wizard import RUN_PAGE, PlanWizard
from plugin.gui.rule_pack_editor import RulePackEditorDialog
from plugin.gui.suitability_dialog import SuitabilityDialog
from plugin.i18n import TranslatorInstaller


def cut_off(root: QWidget) -> list[str]:
    """What does not fit, one line each (empty when everything fits)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    found.append(f"label “{widget.text()}”: {widget.height()} < {needed} px high")
            elif widget.sizeHint().width() > widget.width() + 1:
                found.append(f"label “{widget.text()}”: {widget.width()} px wide")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                found.append(f"button “{widget.text()}”: {widget.width()} px wide")
        elif isinstance(widget, QTabBar):
            needed = sum(widget.tabRect(i).width() for i in range(widget.count()))
            if needed > widget.width() + 1:
                titles = [widget.tabText(i) for i in range(widget.count())]
                found.append(f"tabs {titles}: {widget.width()} < {needed} px")
    return found


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qgis_locale):
    qgis_locale("en_US" if request.param == "en" else request.param)
    installer = TranslatorInstaller()
    if request.param != "en":
        assert installer.install(request.param) == request.param
    yield request.param
    installer.remove()


def each_tab(dialog, tabs) -> list[str]:
    found = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        settle()
        found += [f"{tabs.tabText(index)}: {line}" for line in cut_off(dialog)]
    return found


@pytest.mark.parametrize("dialog_class", [DisturbanceDialog, SuitabilityDialog])
def test_the_run_dialogs_show_every_text(iface, processing_provider, language, dialog_class):
    dialog = dialog_class(iface)
    dialog.show()
    settle()
    try:
        assert each_tab(dialog, dialog.tabs) == []
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_rule_pack_editor_shows_every_text(qgis_app, language):
    editor = RulePackEditorDialog()
    editor.show()
    settle()
    try:
        assert each_tab(editor, editor.tabs) == []
    finally:
        editor.document.dirty = False
        editor.close()
        editor.deleteLater()


def test_every_wizard_page_shows_every_text(iface, processing_provider, language):
    # Every page before the run page (showing that one starts a plan run).
    wizard = PlanWizard(iface)
    wizard.show()
    found = []
    try:
        for page_id in [page for page in wizard.pageIds() if page != RUN_PAGE]:
            wizard.setStartId(page_id)
            wizard.restart()
            settle()
            found += [f"page {page_id}: {line}" for line in cut_off(wizard)]
        assert found == []
    finally:
        assert not wizard.is_running()
        wizard.close()
        wizard.deleteLater()


def test_the_check_sees_a_cut_label_and_a_crowded_tab_bar(qgis_app):
    from qgis.PyQt.QtWidgets import QTabWidget, QVBoxLayout

    window = QWidget()
    layout = QVBoxLayout(window)
    label = QLabel("a label far too long for the forty pixels it is given", window)
    label.setFixedWidth(40)
    tabs = QTabWidget(window)
    for title in ("Elevation and subsidence", "Predict from panels", "Samples, land use"):
        tabs.addTab(QWidget(), title)
    layout.addWidget(label)
    layout.addWidget(tabs)
    window.resize(200, 200)
    window.show()
    settle()
    found = cut_off(window)
    window.close()
    assert any("far too long" in line for line in found)
    assert any(line.startswith("tabs") for line in found)
