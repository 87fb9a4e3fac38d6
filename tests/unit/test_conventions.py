"""Project conventions that keep the package installable and the core pure."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PLUGIN_FILES = sorted((ROOT / "plugin").rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str, int]]:
    """(line, module, relative level) of every import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, 0) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or "", node.level))
    return found


@pytest.mark.parametrize("path", PLUGIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plugin_imports_itself_relatively(path):
    # The folder is renamed to reclamation_planner/ in the zip: absolute imports would break.
    absolute = [
        (line, module)
        for line, module, level in imported_modules(path)
        if level == 0 and (module == "plugin" or module.startswith("plugin."))
    ]
    assert absolute == []


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "plugin" / "core").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_core_never_imports_qgis_or_qt(path):
    forbidden = [
        (line, module)
        for line, module, level in imported_modules(path)
        if level == 0 and module.split(".")[0] in {"qgis", "PyQt5", "PyQt6", "processing"}
    ]
    assert forbidden == []


@pytest.mark.parametrize("path", PLUGIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_qt_comes_only_from_qgis_pyqt(path):
    direct = [
        (line, module)
        for line, module, level in imported_modules(path)
        if level == 0 and module.split(".")[0] in {"PyQt5", "PyQt6", "PySide2", "PySide6"}
    ]
    assert direct == []
