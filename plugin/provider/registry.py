"""The algorithms the provider offers, each with the Python modules it needs.

An entry imports its algorithm module only when called, so a missing module (numpy,
GDAL, shapely, pyproj) disables the algorithms that need it and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from qgis.core import QgsProcessingAlgorithm


@dataclass(frozen=True)
class AlgorithmEntry:
    """One algorithm: its id within the provider, how to build it, what it needs."""

    name: str
    create: Callable[[], QgsProcessingAlgorithm]
    requires: tuple[str, ...] = ()


def builtin_algorithms() -> tuple[AlgorithmEntry, ...]:
    """Every algorithm the plugin ships, in toolbox order."""
    return ()
