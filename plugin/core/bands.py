"""Bands of rows: how grids too large for one array are worked on, a band at a time."""

from __future__ import annotations


def band_rows(rows: int, cols: int, band_cells: int) -> list[tuple[int, int]]:
    """Row ranges (r0, r1) of at most ``band_cells`` cells each (at least one row)."""
    height = max(1, band_cells // max(cols, 1))
    return [(r0, min(r0 + height, rows)) for r0 in range(0, rows, height)]
