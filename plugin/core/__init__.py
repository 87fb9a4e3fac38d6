"""The domain core: pure Python and numpy, never an import of qgis or Qt.

Everything here runs, and is tested, without QGIS: the
Processing algorithms in ``plugin.provider`` are the only place where QGIS types meet it.
"""
