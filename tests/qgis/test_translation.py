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


def test_a_warning_is_written_again_in_the_report_language(qgis_locale):
    # Shown in an English QGIS, recorded in both languages for the run log, read back in
    # the report's language; arguments in both languages (Words) follow it.
    from plugin.i18n import (
        Translatable,
        Words,
        both_languages,
        from_both_languages,
        in_language,
    )

    qgis_locale("en_US")
    # A context of the .ts file, keeping the source as the algorithms do.
    words = type("ReportWords", (Translatable,), {"KEEPS_SOURCE": True})()
    shown = words.tr(
        "Cultivated land decreases by {0:.4f} hm² ({1:.2f} 亩). Damaged "
        "cultivated land proposed for another use: units {2}. Explain the loss "
        "or balance it (no net loss of cultivated land)."
    ).format(1.5, 22.5, Words("第 3 号", "no. 3"))
    assert shown.startswith("Cultivated land decreases by 1.5000 hm² (22.50 亩)")
    assert "units no. 3." in shown
    chinese = in_language(shown, "zh")
    assert chinese == (
        "耕地减少 1.5000 hm²（22.50 亩）。拟复垦为其他地类的损毁耕地：评价单元 第 3 号。"
        "请说明减少原因或予以补充（耕地数量不减少）。"
    )
    entry = both_languages(shown)
    assert entry == {"zh": chinese, "en": str(shown)}
    assert from_both_languages(entry, "zh_CN") == chinese
    # Plain text (an older run log, or text joined after tr()) stays as it was.
    assert both_languages("as shown") == "as shown"
    assert from_both_languages("as shown", "zh") == "as shown"
    assert in_language(shown + "!", "zh") == str(shown) + "!"
    # Classes that do not keep the source give plain text (a QVariant holds it as text).
    plain = type("ReportWords", (Translatable,), {})().tr("Warnings")
    assert type(plain) is str


def test_messages_and_words_pickle_as_their_text():
    # py-qgis-wps unpickles the algorithms' descriptions (a Message is TITLE's default) in a
    # process that has not imported the plugin: they travel as plain text.
    import pickle

    from plugin.i18n import Message, Words

    message = Message("土地复垦方案", "Land reclamation plan", ("X",)).format()
    words = Words("耕地", "cultivated land")
    for value in (message, words):
        copy = pickle.loads(pickle.dumps(value))
        assert copy == str(value)
        assert type(copy) is str
