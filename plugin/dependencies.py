"""Which Python modules the plugin's features need, and which of them this QGIS lacks.

A QGIS without, say, GDAL's Python bindings must still load the plugin: each feature names
the modules it needs, the plugin checks them once at load, reports what is missing and
disables only the features that need it. Two modules are optional and checked where they
are used: SciPy (the work plan's budgets fall back to a greedy fill and say so) and
python-docx (a Word report is refused with the package to install).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

# Import name -> Debian package that provides it (QGIS's Windows and macOS installers ship
# all of them; a missing one there is a broken or trimmed installation).
DEBIAN_PACKAGES: dict[str, str] = {
    "numpy": "python3-numpy",
    "osgeo.gdal": "python3-gdal",
    "scipy": "python3-scipy",
    "docx": "python3-docx",
}


def _import(name: str) -> object:
    return importlib.import_module(name)


def missing_modules(names: Iterable[str]) -> dict[str, str]:
    """Map each module of ``names`` that cannot be imported to the reason it failed.

    Importing (rather than only finding) catches installed-but-broken modules too, such as
    a numpy built against another ABI than GDAL's.
    """
    missing: dict[str, str] = {}
    for name in dict.fromkeys(names):
        try:
            _import(name)
        except Exception as error:  # any import failure disables the feature
            missing[name] = f"{type(error).__name__}: {error}"
    return missing


def install_hint(names: Iterable[str]) -> str:
    """The Debian install line for the given modules."""
    packages = sorted({DEBIAN_PACKAGES.get(name, name) for name in names})
    return "apt-get install " + " ".join(packages)
