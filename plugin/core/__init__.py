"""The domain core: pure Python and numpy, never an import of qgis or Qt.

Everything here runs, and is tested, without QGIS (DESIGN.md §2).
"""
