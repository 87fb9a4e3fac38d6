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


class Message(str):
    """A translated text (what the user reads now) that can be written again in another
    language: it keeps its source text, the classes it is filed under and, once formatted,
    its arguments. A run's warnings are recorded this way, so the report of a later step
    carries them in the report's language. Joining it to other text gives a plain ``str``.
    """

    source: str
    contexts: tuple[str, ...]
    args: tuple
    kwargs: dict

    def __new__(
        cls,
        text: str,
        source: str,
        contexts: tuple[str, ...],
        args: tuple = (),
        kwargs: dict | None = None,
    ) -> Message:
        message = super().__new__(cls, text)
        message.source, message.contexts = source, contexts
        message.args, message.kwargs = args, kwargs or {}
        return message

    def format(self, *args: object, **kwargs: object) -> Message:
        text = str.format(self, *args, **kwargs)
        return Message(text, self.source, self.contexts, args, kwargs)

    def __reduce__(self) -> tuple[type, tuple[str]]:
        # Pickled as the text it reads as: a process that unpickles it (py-qgis-wps reads
        # the algorithms' descriptions from its workers) need not import this plugin.
        return str, (str(self),)


class Words(str):
    """A short text given in both languages (a label passed into a message): it reads in
    the language QGIS runs in and is written again in a deliverable's language."""

    zh: str
    en: str

    def __new__(cls, zh: str, en: str) -> Words:
        words = super().__new__(cls, zh if ui_language() == "zh" else en)
        words.zh, words.en = zh, en
        return words

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return str, (str(self),)  # as Message


def in_language(text: object, language: str) -> object:
    """``text`` written in ``language`` ("zh…" or "en") when it is a ``Message`` or
    ``Words``; anything else (numbers, names, plain text) unchanged."""
    zh = language.startswith("zh")
    if isinstance(text, Words):
        return text.zh if zh else text.en
    if not isinstance(text, Message):
        return text
    template = _translated(text.source, text.contexts) if zh else text.source
    if template is None:  # no compiled translation: the text as it was shown
        return str(text)
    args = [in_language(arg, language) for arg in text.args]
    kwargs = {key: in_language(value, language) for key, value in text.kwargs.items()}
    return template.format(*args, **kwargs) if args or kwargs else template


def both_languages(text: str) -> dict[str, str] | str:
    """A message as {"zh": …, "en": …} for a run log; plain text as it is."""
    if isinstance(text, (Message, Words)):
        return {language: str(in_language(text, language)) for language in ("zh", "en")}
    return str(text)


def from_both_languages(entry: object, language: str) -> str:
    """The text of a run-log entry (``both_languages``) in ``language``."""
    if isinstance(entry, dict):
        return str(entry.get("zh" if language.startswith("zh") else "en") or "")
    return str(entry)


class Translatable:
    """Mixin giving a class ``tr()`` that finds strings filed under any of its bases.

    A class whose texts become run warnings sets ``KEEPS_SOURCE``: its ``tr()`` returns a
    ``Message``. Others get a plain ``str``: PyQt stores a ``str`` subclass in a QVariant
    (settings, item data) as a Python object, not as text.
    """

    KEEPS_SOURCE = False

    def tr(self, text: str) -> str:
        contexts = tuple(cls.__name__ for cls in type(self).__mro__)
        translated = text
        for context in contexts:
            translated = QCoreApplication.translate(context, text)
            if translated != text:
                break
        return Message(translated, text, contexts) if self.KEEPS_SOURCE else translated


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
        translated = _translated(text, tuple(cls.__name__ for cls in type(self).__mro__))
        # No compiled translation (a source tree): the UI's.
        return super().tr(text) if translated is None else translated


def _translated(text: str, contexts: tuple[str, ...]) -> str | None:
    """``text`` in Chinese from the plugin's own zh_CN translator, looked up under each
    context in turn (the text itself when none has it); None without a compiled one."""
    translator = _translator_for("zh_CN")
    if translator is None:
        return None
    source = str(text).encode("utf-8")  # sip passes str as ASCII to const char*
    for context in contexts:
        translated = translator.translate(context.encode("utf-8"), source)
        if translated:
            return translated
    return str(text)


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
