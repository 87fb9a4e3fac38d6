"""Fixtures of the package tests: the built zip and a fresh profile with it installed."""

from __future__ import annotations

import zipfile

import pytest

from tests.helpers import ROOT, SLUG, metadata


@pytest.fixture(scope="session")
def zip_path():
    path = ROOT / "dist" / f"{SLUG}-{metadata()['version']}.zip"
    if not path.exists():
        pytest.fail(f"{path} is missing: run 'make package' (make test does)")
    return path


@pytest.fixture
def installed_profile(tmp_path_factory, zip_path):
    """A QGIS config folder (non-ASCII path) with the zip unpacked into its plugins."""
    config = tmp_path_factory.mktemp("配置 profile")
    plugins = config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(plugins)
    return config, plugins
