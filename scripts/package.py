#!/usr/bin/env python3
"""Build the installable plugin zip: one top folder ``reclamation_planner/``.

The package folder gets ``plugin/*`` at its root plus ``resources/`` (compiled .qm, not the
.ts sources), ``metadata.txt``, ``LICENSE`` and ``README.md``; never tests, caches or
build files. Entries are sorted and time-stamped alike so the same tree gives the same zip.
"""

from __future__ import annotations

import argparse
import configparser
import os
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "reclamation_planner"
TOP_FILES = ("metadata.txt", "LICENSE", "README.md")
EXCLUDED_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts", ".pro", ".orig", ".rej", ".swp"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def plugin_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    with (ROOT / "metadata.txt").open(encoding="utf-8") as handle:
        parser.read_file(handle)
    return parser["general"]["version"]


def tree_files(base: Path) -> Iterator[Path]:
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(base)
        if any(part in EXCLUDED_DIRS for part in relative.parts):
            continue
        if path.is_file() and path.suffix not in EXCLUDED_SUFFIXES:
            yield path


def archive_entries() -> Iterator[tuple[Path, str]]:
    """(source file, name in the zip) for everything that ships."""
    for path in tree_files(ROOT / "plugin"):
        yield path, f"{SLUG}/{path.relative_to(ROOT / 'plugin').as_posix()}"
    for path in tree_files(ROOT / "resources"):
        yield path, f"{SLUG}/{path.relative_to(ROOT).as_posix()}"
    for name in TOP_FILES:
        yield ROOT / name, f"{SLUG}/{name}"


def check_translations_compiled() -> None:
    sources = sorted((ROOT / "resources" / "i18n").glob("*.ts"))
    missing = [ts.name for ts in sources if not ts.with_suffix(".qm").exists()]
    if missing:
        sys.exit(f"error: no compiled .qm for {', '.join(missing)}; run 'make qm' first")


def build(output: Path) -> None:
    check_translations_compiled()
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".partial-", suffix=".zip", dir=output.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for source, name in archive_entries():
                info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, source.read_bytes())
        Path(temporary).replace(output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    print(f"Built {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="zip path (default dist/<slug>-<version>.zip)")
    arguments = parser.parse_args()
    output = arguments.output or ROOT / "dist" / f"{SLUG}-{plugin_version()}.zip"
    build(output.resolve())


if __name__ == "__main__":
    main()
