"""The import rules of ``plugin/``, folder by folder (see docs/architecture.md).

The files are parsed with ``ast``, never imported, so the rules hold without QGIS. Every
import is resolved to the absolute modules it can load before a rule looks at it: in
``plugin/core/x.py``, ``from ..io import raster`` reaches ``plugin.io`` and
``plugin.io.raster``; ``import io`` is the standard library's ``io``.

What each folder may import:

- ``plugin/core``: nothing of QGIS, Qt or GDAL, and inside ``plugin/`` only ``plugin/core``.
- ``plugin/io``: nothing of QGIS or Qt (GDAL/OGR is its job), and inside ``plugin/`` only
  ``plugin/io`` and ``plugin/core``.
- ``plugin/provider``: nothing from ``plugin/gui``.
- ``plugin/gui``: algorithms only by id, through Processing: never
  ``provider/algorithms/*``, ``provider/registry.py`` or ``provider/provider.py``; the
  provider's other helpers (``provider/plan_maps.py``, ``provider/areas.py``, …) are allowed.
- All of ``plugin/``: imports of the package itself are relative, and Qt comes only through
  ``qgis.PyQt``.

Imports inside functions and under ``if TYPE_CHECKING:`` count like any other, and so do
``importlib.import_module("name")`` and ``__import__("name")`` with a literal name.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = "plugin"
# What a relative import climbing above ``plugin/`` resolves to (Python refuses it).
OUTSIDE = "<beyond the top-level package>"

QGIS = ("qgis", "processing")  # processing: QGIS's own Python plugin
QT_BINDINGS = ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip")  # sip: use qgis.PyQt.sip
GDAL = ("osgeo", "gdal", "ogr", "osr")  # the last three: GDAL's pre-2.0 module names
ALGORITHM_MODULES = (
    "plugin.provider.algorithms",  # one module per algorithm, and their base class
    "plugin.provider.registry",  # builds the algorithm objects
    "plugin.provider.provider",  # the QgsProcessingProvider that holds them
)


@dataclass(frozen=True)
class Import:
    """One import as the rules see it: where, as written, and the modules it can load."""

    where: str  # "plugin/core/x.py:12"
    written: str  # "from ..io import raster"
    level: int  # dots of a relative import; 0 for an absolute one
    targets: tuple[str, ...]  # ("plugin.io", "plugin.io.raster")

    def __str__(self) -> str:
        resolved = f"  [-> {self.targets[0]}]" if self.level else ""
        return f"{self.where}: {self.written}{resolved}"


def reaches(target: str, module: str) -> bool:
    """Whether loading ``target`` is loading ``module`` or something inside it."""
    return target == module or target.startswith(module + ".")


def module_of(path: Path, root: Path) -> tuple[str, bool]:
    """(dotted module name, is a package ``__init__``) of a file under ``root``."""
    parts = path.relative_to(root).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def resolve(module: str | None, level: int, importer: str, is_package: bool) -> str:
    """The absolute name of ``from <level dots><module> import …`` written in ``importer``
    (the rule of ``importlib``: the importer's package, minus ``level - 1`` parts)."""
    if level == 0:
        return module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    if level - 1 >= len(package):
        return OUTSIDE
    base = package[: len(package) - (level - 1)]
    return ".".join([*base, module] if module else base)


def _names(aliases: list[ast.alias]) -> str:
    names = [alias.name for alias in aliases]
    return ", ".join(names[:3]) + (", …" if len(names) > 3 else "")


def _dynamic_name(node: ast.Call) -> str | None:
    """The literal module name of ``importlib.import_module("x")`` or ``__import__("x")``."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in {"import_module", "__import__"} or not node.args:
        return None
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return None if first.value.startswith(".") else first.value
    return None


def parse_imports(source: str, importer: str, is_package: bool, filename: str) -> list[Import]:
    """Every import in ``source``, the code of module ``importer``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(where, f"import {alias.name}", 0, (alias.name,)))
        elif isinstance(node, ast.ImportFrom):
            base = resolve(node.module, node.level, importer, is_package)
            submodules = [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
            targets = (base,) if base == OUTSIDE else (base, *submodules)
            written = f"from {'.' * node.level}{node.module or ''} import {_names(node.names)}"
            found.append(Import(where, written, node.level, targets))
        elif isinstance(node, ast.Call) and (name := _dynamic_name(node)):
            found.append(Import(where, f"{ast.unparse(node.func)}({name!r})", 0, (name,)))
    return found


def file_imports(path: Path, root: Path) -> list[Import]:
    module, is_package = module_of(path, root)
    filename = path.relative_to(root).as_posix()
    return parse_imports(path.read_text(encoding="utf-8"), module, is_package, filename)


@dataclass(frozen=True)
class Rule:
    """Which modules a rule covers, what it forbids (a reason, or None), and why."""

    scope: str  # a package: the rule covers it and everything inside
    forbids: Callable[[Import], str | None]
    why: str

    def violations(self, root: Path) -> Iterator[str]:
        folder = root.joinpath(*self.scope.split("."))
        files = sorted(folder.rglob("*.py"))
        assert files, f"no Python files under {folder}: has the folder moved?"
        for path in files:
            for found in file_imports(path, root):
                reason = self.forbids(found)
                if reason:
                    yield f"  {found}  <- {reason}"

    def check(self, root: Path = ROOT) -> None:
        failures = list(self.violations(root))
        if failures:
            pytest.fail("\n".join([self.why, *failures]), pytrace=False)


def _first_reached(found: Import, modules: tuple[str, ...]) -> str | None:
    for target in found.targets:
        for module in modules:
            if reaches(target, module):
                return module
    return None


def _outside(found: Import, allowed: tuple[str, ...]) -> str | None:
    """The first module of ``plugin/`` the import reaches outside ``allowed`` packages
    (``plugin`` itself, whose ``__init__`` only defines ``classFactory``, is not counted)."""
    for target in found.targets:
        inside = reaches(target, PACKAGE) and target != PACKAGE
        if inside and not any(reaches(target, package) for package in allowed):
            return target
    return None


def _core_external(found: Import) -> str | None:
    hit = _first_reached(found, QGIS + QT_BINDINGS + GDAL)
    return hit and f"{hit} in plugin/core"


def _core_internal(found: Import) -> str | None:
    hit = _outside(found, ("plugin.core",))
    return hit and f"{hit} is outside plugin/core"


def _io_external(found: Import) -> str | None:
    hit = _first_reached(found, QGIS + QT_BINDINGS)
    return hit and f"{hit} in plugin/io"


def _io_internal(found: Import) -> str | None:
    hit = _outside(found, ("plugin.io", "plugin.core"))
    return hit and f"{hit} is outside plugin/io and plugin/core"


def _provider_gui(found: Import) -> str | None:
    hit = _first_reached(found, ("plugin.gui",))
    return hit and "plugin/gui from plugin/provider"


def _gui_algorithms(found: Import) -> str | None:
    hit = _first_reached(found, ALGORITHM_MODULES)
    return hit and f"{hit} from plugin/gui"


def _absolute_self_import(found: Import) -> str | None:
    if OUTSIDE in found.targets:
        return "relative import above plugin/"
    if found.level == 0:
        hit = _first_reached(found, (PACKAGE, "reclamation_planner"))
        return hit and f"absolute import of {hit}"
    return None


def _direct_qt(found: Import) -> str | None:
    hit = _first_reached(found, QT_BINDINGS)
    return hit and f"{hit} directly"


CORE_NO_QGIS_QT_GDAL = Rule(
    "plugin.core",
    _core_external,
    "plugin/core is pure Python + numpy: no qgis (nor processing), no Qt, no GDAL/OGR "
    "(raster and vector I/O belongs in plugin/io):",
)
CORE_SELF_CONTAINED = Rule(
    "plugin.core",
    _core_internal,
    "plugin/core imports, inside plugin/, only plugin/core: not plugin/io, plugin/provider "
    "or plugin/gui, nor the top-level modules (i18n.py, log.py and compat.py import qgis); "
    "the caller passes paths and texts in:",
)
IO_NO_QGIS_QT = Rule(
    "plugin.io",
    _io_external,
    "plugin/io reads and writes with GDAL/OGR only: no qgis (nor processing), no Qt:",
)
IO_SELF_CONTAINED = Rule(
    "plugin.io",
    _io_internal,
    "plugin/io imports, inside plugin/, only plugin/io and plugin/core: not plugin/provider "
    "or plugin/gui, nor the top-level modules:",
)
PROVIDER_NO_GUI = Rule(
    "plugin.provider",
    _provider_gui,
    "plugin/provider must run without any dialog (qgis_process, models): no plugin/gui:",
)
GUI_ALGORITHMS_BY_ID = Rule(
    "plugin.gui",
    _gui_algorithms,
    "plugin/gui runs algorithms only by id through Processing (gui/runner.py's "
    'AlgorithmRunner, e.g. "reclamation:evaluatesuitability"): it may import provider '
    "helpers such as provider/plan_maps.py and provider/areas.py, never "
    "provider/algorithms/*, provider/registry.py or provider/provider.py:",
)
RELATIVE_SELF_IMPORTS = Rule(
    "plugin",
    _absolute_self_import,
    "plugin/ imports itself relatively: the folder is reclamation_planner/ in the zip, so "
    "'import plugin.…' / 'from plugin… import' break the installed plugin:",
)
QT_THROUGH_QGIS_PYQT = Rule(
    "plugin",
    _direct_qt,
    "Qt comes only through qgis.PyQt (Qt 5 and Qt 6 builds of QGIS): no PyQt5, PyQt6, "
    "PySide or bare sip imports:",
)


def test_core_imports_no_qgis_qt_or_gdal():
    CORE_NO_QGIS_QT_GDAL.check()


def test_core_imports_nothing_of_plugin_outside_core():
    CORE_SELF_CONTAINED.check()


def test_io_imports_no_qgis_or_qt():
    IO_NO_QGIS_QT.check()


def test_io_imports_nothing_of_plugin_but_io_and_core():
    IO_SELF_CONTAINED.check()


def test_provider_imports_nothing_from_gui():
    PROVIDER_NO_GUI.check()


def test_gui_reaches_algorithms_only_by_id():
    GUI_ALGORITHMS_BY_ID.check()


def test_plugin_imports_itself_relatively():
    RELATIVE_SELF_IMPORTS.check()


def test_qt_comes_only_through_qgis_pyqt():
    QT_THROUGH_QGIS_PYQT.check()


# The checker itself: each rule catches what it should and nothing else.


def _targets(source: str, importer: str, is_package: bool = False) -> list[tuple[str, ...]]:
    return [found.targets for found in parse_imports(source, importer, is_package, "x.py")]


@pytest.mark.parametrize(
    ("source", "importer", "is_package", "expected"),
    [
        ("from ..io import raster", "plugin.core.x", False, ("plugin.io", "plugin.io.raster")),
        ("from .. import io", "plugin.core.x", False, ("plugin", "plugin.io")),
        ("from ...io import r", "plugin.core.rules.x", False, ("plugin.io", "plugin.io.r")),
        (
            "from .pack import A",
            "plugin.core.rules.x",
            False,
            ("plugin.core.rules.pack", "plugin.core.rules.pack.A"),
        ),
        (
            "from . import pack",
            "plugin.core.rules",
            True,
            ("plugin.core.rules", "plugin.core.rules.pack"),
        ),
        ("from .. import io", "plugin.core", True, ("plugin", "plugin.io")),
        ("from ... import x", "plugin.core.y", False, (OUTSIDE,)),
        ("from .. import x", "plugin.about", False, (OUTSIDE,)),
        ("import io", "plugin.core.x", False, ("io",)),
        ("from osgeo import gdal", "plugin.io.x", False, ("osgeo", "osgeo.gdal")),
        ("importlib.import_module('qgis.core')", "plugin.core.x", False, ("qgis.core",)),
        ("__import__('PyQt5')", "plugin.core.x", False, ("PyQt5",)),
        ("importlib.import_module('.x', 'plugin')", "plugin.core.x", False, None),
    ],
)
def test_checker_resolves_imports(source, importer, is_package, expected):
    assert _targets(source, importer, is_package) == ([] if expected is None else [expected])


ALL_RULES = {
    "core external": CORE_NO_QGIS_QT_GDAL,
    "core internal": CORE_SELF_CONTAINED,
    "io external": IO_NO_QGIS_QT,
    "io internal": IO_SELF_CONTAINED,
    "provider": PROVIDER_NO_GUI,
    "gui": GUI_ALGORITHMS_BY_ID,
    "relative": RELATIVE_SELF_IMPORTS,
    "qt": QT_THROUGH_QGIS_PYQT,
}

# (rule, importing module, source): each must be flagged.
BROKEN = [
    ("core external", "plugin.core.x", "from qgis.core import QgsGeometry"),
    ("core external", "plugin.core.x", "from qgis.PyQt.QtCore import QVariant"),
    ("core external", "plugin.core.x", "from PyQt5.QtCore import QVariant"),
    ("core external", "plugin.core.x", "from osgeo import gdal"),
    ("core external", "plugin.core.x", "import processing"),
    ("core external", "plugin.core.x", "def f():\n    return importlib.import_module('osgeo')"),
    ("core internal", "plugin.core.x", "from ..io.raster import read_blocks"),
    ("core internal", "plugin.core.x", "from .. import io"),
    ("core internal", "plugin.core.rules.x", "from ...provider import units"),
    ("core internal", "plugin.core.x", "from ..gui.runner import AlgorithmRunner"),
    ("core internal", "plugin.core.x", "from ..i18n import translate"),
    ("core internal", "plugin.core.x", "from plugin.io import raster"),
    ("io external", "plugin.io.x", "from qgis.core import QgsRasterLayer"),
    ("io external", "plugin.io.x", "from qgis.PyQt.QtCore import QObject"),
    ("io external", "plugin.io.x", "import PyQt6.QtCore"),
    ("io internal", "plugin.io.x", "from ..provider.areas import ellipsoidal_areas"),
    ("io internal", "plugin.io.x", "from ..gui import runner"),
    ("io internal", "plugin.io.x", "from ..log import log_warning"),
    ("provider", "plugin.provider.x", "from ..gui.runner import AlgorithmRunner"),
    ("provider", "plugin.provider.algorithms.x", "from ...gui import run_dialog"),
    ("provider", "plugin.provider.x", "from .. import gui"),
    ("gui", "plugin.gui.x", "from ..provider.algorithms.make_units import MakeUnitsAlgorithm"),
    ("gui", "plugin.gui.x", "from ..provider.algorithms import base"),
    ("gui", "plugin.gui.x", "from ..provider import algorithms"),
    ("gui", "plugin.gui.x", "from ..provider.registry import builtin_algorithms"),
    ("gui", "plugin.gui.x", "from ..provider.provider import ReclamationProvider"),
    ("relative", "plugin.gui.x", "from plugin.core.pairs import parse_pairs"),
    ("relative", "plugin.x", "import plugin.core.pairs"),
    ("relative", "plugin.x", "from reclamation_planner.core import pairs"),
    ("relative", "plugin.x", "from .. import something"),
    ("qt", "plugin.gui.x", "from PyQt5.QtWidgets import QDialog"),
    ("qt", "plugin.provider.x", "from PyQt6 import QtCore"),
    ("qt", "plugin.gui.x", "import sip"),
]

# (rule, importing module, source): each must pass, being what the code does today.
ALLOWED = [
    ("core external", "plugin.core.x", "import numpy as np\nimport io\nimport csv"),
    ("core external", "plugin.core.x", "from scipy.optimize import milp"),
    ("core internal", "plugin.core.x", "from .rules.pack import RulePack"),
    ("core internal", "plugin.core.rules.x", "from ..accounting import Table"),
    ("core internal", "plugin.core.x", "from . import units"),
    ("io external", "plugin.io.x", "from osgeo import gdal, ogr, osr"),
    ("io internal", "plugin.io.x", "from . import Cancelled\nfrom .raster import RasterGrid"),
    ("io internal", "plugin.io.x", "from ..core.terrain import horn_slope"),
    ("provider", "plugin.provider.algorithms.x", "from ...core.pairs import parse_pairs"),
    ("provider", "plugin.provider.x", "from ..i18n import Translatable"),
    ("gui", "plugin.gui.plan_wizard", "from ..provider.plan_maps import PlanMaps"),
    ("gui", "plugin.gui.x", "from ..provider.areas import ellipsoidal_areas"),
    ("gui", "plugin.gui.x", "from ..core.rules.pack import builtin_pack_ids"),
    ("relative", "plugin.gui.x", "from ..core.pairs import parse_pairs"),
    ("relative", "plugin", "from .plugin import ReclamationPlannerPlugin"),
    ("relative", "plugin.x", "import pluginbase\nimport reclamation"),
    ("qt", "plugin.gui.x", "from qgis.PyQt import sip\nfrom qgis.PyQt.QtCore import Qt"),
]


def _flagged(rule: str, importer: str, source: str) -> list[str]:
    forbids = ALL_RULES[rule].forbids
    is_package = importer == PACKAGE
    return [
        f"{found}: {reason}"
        for found in parse_imports(source, importer, is_package, "x.py")
        if (reason := forbids(found))
    ]


@pytest.mark.parametrize(("rule", "importer", "source"), BROKEN)
def test_checker_flags_each_broken_rule(rule, importer, source):
    assert _flagged(rule, importer, source), f"{rule} let through: {source!r}"


@pytest.mark.parametrize(("rule", "importer", "source"), ALLOWED)
def test_checker_allows_what_the_rules_allow(rule, importer, source):
    assert _flagged(rule, importer, source) == []


def test_checker_reports_file_and_line_in_a_tree(tmp_path):
    """A scratch tree with one offending import per rule: each rule fails naming it."""
    files = {
        "plugin/__init__.py": "",
        "plugin/core/__init__.py": "",
        "plugin/core/bad.py": '"""Doc."""\n\nfrom qgis.core import QgsGeometry\n',
        "plugin/core/rules/__init__.py": "",
        "plugin/core/rules/bad.py": "import numpy\nfrom ...io import raster\n",
        "plugin/io/__init__.py": "",
        "plugin/io/bad.py": "from osgeo import gdal\nfrom qgis.PyQt.QtCore import QObject\n",
        "plugin/io/worse.py": "from ..provider import areas\n",
        "plugin/provider/__init__.py": "",
        "plugin/provider/bad.py": "from ..gui.runner import AlgorithmRunner\n",
        "plugin/gui/__init__.py": "",
        "plugin/gui/bad.py": "from ..provider.plan_maps import PlanMaps\n"
        "from ..provider.algorithms.base import ReclamationAlgorithm\n",
        "plugin/gui/worse.py": "from plugin.core import pairs\nfrom PyQt5 import QtCore\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    expected = {
        "core external": "plugin/core/bad.py:3: from qgis.core import QgsGeometry",
        "core internal": "plugin/core/rules/bad.py:2: from ...io import raster  [-> plugin.io]",
        "io external": "plugin/io/bad.py:2: from qgis.PyQt.QtCore import QObject",
        "io internal": "plugin/io/worse.py:1: from ..provider import areas",
        "provider": "plugin/provider/bad.py:1: from ..gui.runner import AlgorithmRunner",
        "gui": "plugin/gui/bad.py:2: from ..provider.algorithms.base import",
        "relative": "plugin/gui/worse.py:1: from plugin.core import pairs",
        "qt": "plugin/gui/worse.py:2: from PyQt5 import QtCore",
    }
    for name, rule in ALL_RULES.items():
        with pytest.raises(pytest.fail.Exception) as failure:
            rule.check(tmp_path)
        message = str(failure.value)
        assert expected[name] in message, message
        # Exactly one offending import per rule in this tree.
        assert message.count("  <- ") == 1, message
