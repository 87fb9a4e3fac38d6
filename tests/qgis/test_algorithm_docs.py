"""The algorithms' reference is the code's: docs/algorithms.md regenerated equals the file,
and every algorithm's Help opens its own section of a page that exists."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlparse

from qgis.core import QgsApplication, QgsProcessingParameterDefinition
from qgis.PyQt.QtCore import QUrl

from tests.helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import algorithm_docs  # the scripts folder is on the path (above)


def test_the_algorithms_page_is_up_to_date(processing_provider):
    # Stale when a parameter, label, help text or translation changed: run `make docs`.
    expected = algorithm_docs.markdown(algorithm_docs.collect())
    committed = (ROOT / "docs" / "algorithms.md").read_text(encoding="utf-8")
    assert committed == expected, "docs/algorithms.md is stale: run `make docs`"


def test_help_pages_have_a_section_per_algorithm(processing_provider, tmp_path):
    described = algorithm_docs.collect()
    for language, algorithms in described.items():
        page = algorithm_docs.page(algorithms, language)
        for algorithm in algorithms:
            assert f'<h2 id="{algorithm.name}">' in page
            assert f'href="#{algorithm.name}"' in page
    chinese = {a.id: a for a in described["zh_CN"]}
    # The Chinese page is Chinese: every display name differs from the English one.
    assert all(chinese[a.id].display_name != a.display_name for a in described["en"])


def test_every_algorithm_opens_its_own_help_section(processing_provider):
    provider = QgsApplication.processingRegistry().providerById("reclamation")
    for algorithm in provider.algorithms():
        url = QUrl(algorithm.helpUrl())
        assert url.isLocalFile(), algorithm.id()
        assert Path(url.toLocalFile()).exists(), algorithm.id()
        assert urlparse(algorithm.helpUrl()).fragment == algorithm.name()


def test_rarely_touched_parameters_are_advanced(processing_provider):
    registry = QgsApplication.processingRegistry()
    advanced = QgsProcessingParameterDefinition.FlagAdvanced
    for algorithm_id, name in (
        ("reclamation:terrainfactors", "COMPUTE_EDGES"),
        ("reclamation:evaluatesuitability", "METHOD"),
        ("reclamation:predictsubsidence", "CONTOUR_LEVELS"),
        ("reclamation:reclamationplan", "SAMPLE_RADIUS"),
    ):
        algorithm = registry.createAlgorithmById(algorithm_id)
        assert algorithm.parameterDefinition(name).flags() & advanced, (algorithm_id, name)
    units = registry.createAlgorithmById("reclamation:evaluatesuitability")
    assert not units.parameterDefinition("UNITS").flags() & advanced
