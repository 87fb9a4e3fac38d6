"""Adapters between files (GDAL and OGR) and the pure core; no QGIS import.

This package module imports nothing heavy, so ``Cancelled`` can be caught anywhere.
"""

from __future__ import annotations

from ..core.cancel import Cancelled

__all__ = ["Cancelled"]
