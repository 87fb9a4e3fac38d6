"""Plugin identity read from ``metadata.txt``, the single source of name and version."""

from __future__ import annotations

import configparser
from functools import lru_cache

from .paths import metadata_path

PLUGIN_SLUG = "reclamation_planner"
PROVIDER_ID = "reclamation"


@lru_cache(maxsize=1)
def metadata() -> dict[str, str]:
    """The ``[general]`` section of ``metadata.txt`` as a dict."""
    parser = configparser.ConfigParser(interpolation=None)
    with metadata_path().open(encoding="utf-8") as handle:
        parser.read_file(handle)
    return dict(parser["general"])


def plugin_name() -> str:
    """The plugin's display name."""
    return metadata()["name"]


def plugin_version() -> str:
    """The plugin's version, e.g. ``0.1.0``."""
    return metadata()["version"]
