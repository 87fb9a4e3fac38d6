"""The built zip: its layout, and that it installs and runs in a fresh QGIS profile."""

from __future__ import annotations

import importlib
import json
import sys
import zipfile

import pytest
from qgis.core import QgsApplication

from tests.helpers import ROOT, SLUG, metadata, run_qgis_process
from tests.qgis.conftest import RecordingIface, flush_deleted_objects


@pytest.fixture(scope="module")
def names(zip_path):
    with zipfile.ZipFile(zip_path) as archive:
        return archive.namelist()


def test_one_top_folder_named_after_the_plugin(names):
    assert {name.split("/")[0] for name in names} == {SLUG}


def test_package_holds_code_metadata_licence_icon_and_compiled_translation(names):
    for required in (
        "__init__.py",
        "plugin.py",
        "metadata.txt",
        "LICENSE",
        "resources/icons/plugin.svg",
        "resources/i18n/reclamation_planner_zh_CN.qm",
    ):
        assert f"{SLUG}/{required}" in names


def test_package_holds_no_tests_sources_or_caches(names):
    unwanted = [
        name
        for name in names
        if "/tests/" in name
        or "__pycache__" in name
        or name.endswith((".pyc", ".ts", ".pro"))
        or "/.venv/" in name
    ]
    assert unwanted == []


def test_every_python_file_of_the_package_ships(names):
    expected = {
        f"{SLUG}/{path.relative_to(ROOT / 'plugin').as_posix()}"
        for path in (ROOT / "plugin").rglob("*.py")
    }
    assert expected <= set(names)


@pytest.mark.slow
def test_qgis_process_enables_the_installed_zip_and_lists_its_algorithms(installed_profile):
    config, _ = installed_profile
    enabled = run_qgis_process(["plugins", "enable", SLUG], config)
    assert enabled.returncode == 0, enabled.stderr
    listed = run_qgis_process(["--json", "list"], config)
    assert listed.returncode == 0, listed.stderr
    providers = json.loads(listed.stdout[listed.stdout.index("{") :])["providers"]
    assert "reclamation" in providers, sorted(providers)
    provider = providers["reclamation"]
    assert provider["name"] == "Mine reclamation"
    assert provider["long_name"] == f"Mine Reclamation Planner {metadata()['version']}"
    # Every algorithm the source tree registers is there, under the provider's id.
    from plugin.provider.provider import ReclamationProvider

    expected = {f"reclamation:{entry.name}" for entry in ReclamationProvider().entries}
    expected.add("reclamation:reclamationplan")  # the shipped model of the whole workflow
    assert set(provider["algorithms"]) == expected


def test_installed_package_loads_and_unloads_under_its_own_name(installed_profile, qgis_iface):
    # Catches absolute imports and resources that the zip lacks.
    _, plugins = installed_profile
    sys.path.insert(0, str(plugins))
    try:
        package = importlib.import_module(SLUG)
        iface = RecordingIface(qgis_iface)
        plugin = package.classFactory(iface)
        plugin.initGui()
        assert type(plugin).__module__ == f"{SLUG}.plugin"
        assert QgsApplication.processingRegistry().providerById("reclamation") is not None
        assert all(not action.icon().isNull() for action in plugin.actions)
        plugin.unload()
        flush_deleted_objects()
        assert QgsApplication.processingRegistry().providerById("reclamation") is None
        assert iface.menu_entries == []
    finally:
        sys.path.remove(str(plugins))
        for name in [n for n in sys.modules if n == SLUG or n.startswith(SLUG + ".")]:
            del sys.modules[name]
