"""The module check that lets the plugin load without numpy or GDAL (and SciPy, python-docx)."""

from __future__ import annotations

from plugin import dependencies


def test_present_modules_are_not_reported():
    assert dependencies.missing_modules(["json", "math"]) == {}


def test_absent_module_is_reported_with_its_reason():
    missing = dependencies.missing_modules(["json", "no_such_module_for_reclamation"])
    assert list(missing) == ["no_such_module_for_reclamation"]
    assert "ModuleNotFoundError" in missing["no_such_module_for_reclamation"]


def test_a_module_that_fails_while_importing_counts_as_missing(monkeypatch):
    def broken_import(name):
        raise ImportError(f"numpy.core.multiarray failed to import ({name})")

    monkeypatch.setattr(dependencies, "_import", broken_import)
    missing = dependencies.missing_modules(["numpy"])
    assert "failed to import" in missing["numpy"]


def test_install_hint_names_debian_packages():
    hint = dependencies.install_hint(["scipy", "osgeo.gdal"])
    assert hint == "apt-get install python3-gdal python3-scipy"
