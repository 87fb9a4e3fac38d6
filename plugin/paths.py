"""Where the plugin's files are, in a checkout and in the installed plugin folder.

In the zip, ``resources/`` and ``metadata.txt`` sit inside the package folder; in a
checkout they sit beside ``plugin/``. Every lookup goes through here.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(name: str) -> Path:
    for base in (PACKAGE_DIR, PACKAGE_DIR.parent):
        candidate = base / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{name} is neither in {PACKAGE_DIR} nor in {PACKAGE_DIR.parent}")


def metadata_path() -> Path:
    """The plugin's ``metadata.txt``."""
    return _first_existing("metadata.txt")


def resources_dir() -> Path:
    """The plugin's ``resources/`` folder."""
    return _first_existing("resources")


def resource(*parts: str) -> Path:
    """A path inside ``resources/`` (it may not exist; callers check)."""
    return resources_dir().joinpath(*parts)


def icon_path(name: str = "plugin.svg") -> Path:
    """An icon file in ``resources/icons``."""
    return resource("icons", name)


def translation_path(locale: str) -> Path:
    """The compiled translation (.qm) for a locale such as ``zh_CN``."""
    return resource("i18n", f"reclamation_planner_{locale}.qm")


def help_page(language: str) -> Path | None:
    """The algorithms' help page in ``language`` ("en", "zh_CN"): built into the package
    (``make help-pages``), else the reference in a checkout's docs/; None without either."""
    built = resource("help", f"algorithms.{language}.html")
    if built.exists():
        return built
    checkout = PACKAGE_DIR.parent / "docs" / "algorithms.md"
    return checkout if checkout.exists() else None
