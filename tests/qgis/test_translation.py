"""The zh_CN translation: complete, current with the sources, installed for Chinese QGIS."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from qgis.PyQt.QtCore import QCoreApplication

from plugin import classFactory
from plugin.i18n import translation_candidates
from tests.helpers import ROOT
from tests.qgis.conftest import plugin_action

TS_FILE = ROOT / "resources" / "i18n" / "reclamation_planner_zh_CN.ts"


def ts_messages(path):
    """{(context, source): (translation, type)} of a .ts file."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            messages[(name, message.findtext("source"))] = (
                translation.text or "",
                translation.get("type", ""),
            )
    return messages


def test_chinese_qgis_gets_chinese_action_texts(iface, qgis_locale):
    qgis_locale("zh_CN")
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert plugin.translator.locale_loaded == "zh_CN"
        assert plugin_action(plugin, "about").text() == "关于矿山土地复垦规划…"
        assert plugin.toolbar.windowTitle() == "矿山土地复垦"
        assert iface.menu_entries[0][0] == "矿山土地复垦规划(&M)"
    finally:
        plugin.unload()
    # The translator leaves with the plugin.
    assert QCoreApplication.translate("ReclamationPlannerPlugin", "none") == "none"


def test_english_qgis_keeps_english_texts(iface, qgis_locale):
    qgis_locale("en_US")
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert plugin.translator.locale_loaded is None
        assert plugin_action(plugin, "about").text() == "About Mine Reclamation Planner…"
    finally:
        plugin.unload()


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_CN", ["zh_CN"]),
        ("zh", ["zh_CN"]),
        ("zh_TW", ["zh_TW", "zh_CN"]),
        ("zh-Hans-CN", ["zh_Hans_CN", "zh_CN"]),
        ("en_US", ["en_US"]),
        ("en", []),
        ("", []),
    ],
)
def test_translation_candidates(locale, expected):
    assert translation_candidates(locale) == expected


def test_every_string_is_translated():
    unfinished = [
        key for key, (text, kind) in ts_messages(TS_FILE).items() if kind or not text.strip()
    ]
    assert unfinished == []


def test_placeholders_survive_translation():
    import re

    placeholder = re.compile(r"\{\w+\}")
    broken = [
        source
        for (_, source), (text, _) in ts_messages(TS_FILE).items()
        if sorted(placeholder.findall(source)) != sorted(placeholder.findall(text))
    ]
    assert broken == []


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 not installed")
def test_ts_file_is_current_with_the_sources(tmp_path):
    # `make ts` on the current sources must not add or drop any string.
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS_FILE, fresh)
    sources = sorted(str(p) for p in (ROOT / "plugin").rglob("*.py"))
    forms = sorted(str(p) for p in (ROOT / "resources" / "ui").glob("*.ui"))
    subprocess.run(
        ["pylupdate5", "-noobsolete", *sources, *forms, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert set(ts_messages(fresh)) == set(ts_messages(TS_FILE))
