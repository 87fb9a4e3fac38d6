"""metadata.txt is complete for the QGIS plugin repository and is the one version source."""

from __future__ import annotations

import re

from tests.helpers import ROOT, metadata

REQUIRED_KEYS = (
    "name",
    "description",
    "about",
    "version",
    "qgisminimumversion",
    "qgismaximumversion",
    "author",
    "email",
    "repository",
    "tracker",
    "homepage",
    "icon",
    "tags",
    "hasprocessingprovider",
    "changelog",
)


def test_every_key_the_plugin_repository_needs_is_present_and_filled():
    meta = metadata()
    empty = [key for key in REQUIRED_KEYS if not meta.get(key, "").strip()]
    assert empty == []


def test_category_is_one_qgis_knows_or_absent():
    # QGIS files a plugin under Raster, Vector, Database, Mesh or Web; without a category
    # its menu sits under Plugins, which is where a Processing-based planner belongs.
    category = metadata().get("category")
    assert category in (None, "Raster", "Vector", "Database", "Mesh", "Web")


def test_version_range_and_provider_flag():
    meta = metadata()
    assert meta["qgisminimumversion"] == "3.22"
    assert meta["qgismaximumversion"] == "4.99"
    assert meta["hasprocessingprovider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", meta["version"])


def test_about_has_english_and_a_chinese_line():
    about = metadata()["about"]
    assert "reclamation" in about.lower()
    assert re.search(r"[\u4e00-\u9fff]", about), "about needs a Chinese line"


def test_changelog_starts_with_the_current_version():
    meta = metadata()
    first = meta["changelog"].strip().splitlines()[0]
    assert first.startswith(meta["version"])


def test_icon_and_urls_resolve():
    meta = metadata()
    assert (ROOT / meta["icon"]).is_file()
    for key in ("homepage", "repository", "tracker"):
        assert meta[key].startswith("https://")


def test_the_version_is_written_nowhere_else():
    version = metadata()["version"]
    pattern = re.compile(rf"""(__version__|VERSION)\s*[:=]\s*["']{re.escape(version)}["']""")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("plugin", "scripts")
        for path in (ROOT / folder).rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
