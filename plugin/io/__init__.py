"""Adapters between files (GDAL, later QGIS layers) and the pure core.

This package module imports nothing heavy, so ``Cancelled`` can be caught anywhere.
"""

from __future__ import annotations


class Cancelled(Exception):  # noqa: N818 - the name reads as what happened
    """The run was cancelled by the user; no output file was left behind."""
