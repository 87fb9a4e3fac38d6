"""Translations: the zh_CN translator and the ``tr`` lookups the rest of the plugin uses.

``pylupdate5`` files a ``self.tr("…")`` string under the name of the class whose body holds
the call, so ``Translatable.tr`` looks the text up under each class of the instance's MRO:
a string written in a base class is found for every subclass.
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from .paths import translation_path

# A language without a translation of its own falls back to the one named here.
LANGUAGE_FALLBACKS = {"zh": "zh_CN"}


def translate(context: str, text: str) -> str:
    """Translate ``text`` filed under ``context`` (for code outside classes)."""
    return QCoreApplication.translate(context, text)


class Translatable:
    """Mixin giving a class ``tr()`` that finds strings filed under any of its bases."""

    def tr(self, text: str) -> str:
        for cls in type(self).__mro__:
            translated = QCoreApplication.translate(cls.__name__, text)
            if translated != text:
                return translated
        return text


_DELIVERABLE_TRANSLATORS: dict[str, QTranslator | None] = {}


def _translator_for(language: str) -> QTranslator | None:
    """The plugin's translator of ``language`` loaded on its own (not installed), cached."""
    if language not in _DELIVERABLE_TRANSLATORS:
        found = None
        for candidate in translation_candidates(language):
            translator = QTranslator()
            path = translation_path(candidate)
            if path.exists() and translator.load(str(path)):
                found = translator
                break
        _DELIVERABLE_TRANSLATORS[language] = found
    return _DELIVERABLE_TRANSLATORS[language]


class InLanguage(Translatable):
    """``tr()`` in the language of a deliverable (``self.language``: "zh…" or "en"),
    whatever the language QGIS runs in: a Chinese report from an English QGIS."""

    language: str

    def tr(self, text: str) -> str:
        if not self.language.startswith("zh"):
            return text
        translator = _translator_for(self.language if "_" in self.language else "zh_CN")
        if translator is None:  # no compiled translation (a source tree): the UI's
            return super().tr(text)
        source = text.encode("utf-8")  # sip passes str as ASCII to const char*
        for cls in type(self).__mro__:
            translated = translator.translate(cls.__name__.encode("utf-8"), source)
            if translated:
                return translated
        return text


def report_language(choice: str, pack_regions: list[str]) -> str:
    """The language of the plan's deliverables: the choice ("zh_CN", "en"), else Chinese
    for rule packs of China, else the language QGIS runs in."""
    if choice:
        return "zh" if choice.lower().startswith("zh") else "en"
    if pack_regions and all(region.upper() == "CN" for region in pack_regions):
        return "zh"
    return ui_language()


def qgis_locale() -> str:
    """The locale QGIS runs in: the user's override if set, else the system's."""
    settings = QgsSettings()
    override = settings.value("locale/overrideFlag", False, type=bool)
    if override:
        user_locale = settings.value("locale/userLocale", "", type=str)
        if user_locale:
            return user_locale
    return QgsApplication.locale() or ""


def ui_language() -> str:
    """ "zh" when QGIS runs in Chinese, else "en": the language of labels built from data
    (explanations, legends, reports)."""
    return "zh" if qgis_locale().lower().startswith("zh") else "en"


def translation_candidates(locale: str) -> list[str]:
    """Translation names to try for a locale, most specific first (``zh_TW`` → zh_TW, zh_CN)."""
    normalized = locale.replace("-", "_").split(".")[0]
    language = normalized.split("_")[0].lower()
    candidates = [normalized] if "_" in normalized else []
    fallback = LANGUAGE_FALLBACKS.get(language)
    if fallback and fallback not in candidates:
        candidates.append(fallback)
    return candidates


class TranslatorInstaller:
    """Installs the plugin's translator for the QGIS locale and removes it on unload."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.locale_loaded: str | None = None

    def install(self, locale: str | None = None) -> str | None:
        """Install the best translation for ``locale`` (default: QGIS's); return its name."""
        self.remove()
        for candidate in translation_candidates(locale if locale is not None else qgis_locale()):
            path = translation_path(candidate)
            translator = QTranslator()
            if path.exists() and translator.load(str(path)):
                QCoreApplication.installTranslator(translator)
                self._translator = translator
                self.locale_loaded = candidate
                return candidate
        return None

    def remove(self) -> None:
        """Remove the installed translator, if any."""
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None
            self.locale_loaded = None
