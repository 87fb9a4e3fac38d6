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


def _terrain_factors() -> QgsProcessingAlgorithm:
    from .algorithms.terrain_factors import TerrainFactorsAlgorithm

    return TerrainFactorsAlgorithm()


def _extract_factors() -> QgsProcessingAlgorithm:
    from .algorithms.extract_factors import ExtractFactorsAlgorithm

    return ExtractFactorsAlgorithm()


def _make_units() -> QgsProcessingAlgorithm:
    from .algorithms.make_units import MakeUnitsAlgorithm

    return MakeUnitsAlgorithm()


def _evaluate_suitability() -> QgsProcessingAlgorithm:
    from .algorithms.evaluate_suitability import EvaluateSuitabilityAlgorithm

    return EvaluateSuitabilityAlgorithm()


def _predict_subsidence() -> QgsProcessingAlgorithm:
    from .algorithms.predict_subsidence import PredictSubsidenceAlgorithm

    return PredictSubsidenceAlgorithm()


def _classify_disturbance() -> QgsProcessingAlgorithm:
    from .algorithms.classify_disturbance import ClassifyDisturbanceAlgorithm

    return ClassifyDisturbanceAlgorithm()


def _summarize_plan() -> QgsProcessingAlgorithm:
    from .algorithms.summarize_plan import SummarizePlanAlgorithm

    return SummarizePlanAlgorithm()


def _reclamation_plan() -> QgsProcessingAlgorithm:
    from .algorithms.reclamation_plan import ReclamationPlanAlgorithm

    return ReclamationPlanAlgorithm()


def _estimate_quantities() -> QgsProcessingAlgorithm:
    from .algorithms.estimate_quantities import EstimateQuantitiesAlgorithm

    return EstimateQuantitiesAlgorithm()


def _estimate_cost() -> QgsProcessingAlgorithm:
    from .algorithms.estimate_cost import EstimateCostAlgorithm

    return EstimateCostAlgorithm()


def _schedule_plan() -> QgsProcessingAlgorithm:
    from .algorithms.schedule_plan import SchedulePlanAlgorithm

    return SchedulePlanAlgorithm()


def _ecosystem_value() -> QgsProcessingAlgorithm:
    from .algorithms.ecosystem_value import EcosystemValueAlgorithm

    return EcosystemValueAlgorithm()


def _ecological_network() -> QgsProcessingAlgorithm:
    from .algorithms.ecological_network import EcologicalNetworkAlgorithm

    return EcologicalNetworkAlgorithm()


def _prioritize() -> QgsProcessingAlgorithm:
    from .algorithms.prioritize import PrioritizeAlgorithm

    return PrioritizeAlgorithm()


def _second_lives() -> QgsProcessingAlgorithm:
    from .algorithms.second_lives import SecondLivesAlgorithm

    return SecondLivesAlgorithm()


def _review_plan() -> QgsProcessingAlgorithm:
    from .algorithms.review_plan import ReviewPlanAlgorithm

    return ReviewPlanAlgorithm()


def _plan_many() -> QgsProcessingAlgorithm:
    from .algorithms.plan_many import PlanManyAlgorithm

    return PlanManyAlgorithm()


def builtin_algorithms() -> tuple[AlgorithmEntry, ...]:
    """Every algorithm the plugin ships, in toolbox order."""
    return (
        AlgorithmEntry("terrainfactors", _terrain_factors, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("extractfactors", _extract_factors, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("classifydisturbance", _classify_disturbance, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("predictsubsidence", _predict_subsidence, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("makeunits", _make_units, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("evaluatesuitability", _evaluate_suitability, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("estimatequantities", _estimate_quantities, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("estimatecost", _estimate_cost, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("scheduleplan", _schedule_plan, ("numpy",)),
        AlgorithmEntry("ecosystemvalue", _ecosystem_value, ("numpy",)),
        AlgorithmEntry("ecologicalnetwork", _ecological_network, ("numpy", "osgeo.gdal", "scipy")),
        AlgorithmEntry("prioritize", _prioritize, ("numpy",)),
        AlgorithmEntry("secondlives", _second_lives, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("summarizeplan", _summarize_plan, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("reclamationplan", _reclamation_plan, ("numpy", "osgeo.gdal")),
        AlgorithmEntry("reviewplan", _review_plan, ("numpy",)),
        AlgorithmEntry("planmany", _plan_many, ("numpy", "osgeo.gdal")),
    )
