"""The words for the mining influence zone, shared by the disturbance dialog and the wizard.

Users picked the goaf or the panels when the field was labelled 采空区（含老空区、工作面）;
the zone a DEM difference needs is wider: the area the workings move.
"""

from __future__ import annotations

from ..i18n import Translatable


class ZoneTexts(Translatable):
    """Label and tooltip of the UNDERMINED input."""

    def label(self) -> str:
        return self.tr("Mining influence zone (subsidence)")

    def tooltip(self) -> str:
        return self.tr(
            "The area the underground workings move (采动（沉陷）影响范围): it reaches beyond "
            "the goaf and the working panels by about the depth divided by tan β, so do not "
            "give the panels themselves. Lowered ground inside it is subsidence; lowered "
            "ground outside it is not classified but reported with its area. Without a zone "
            "use the predicted subsidence (from the panels) instead."
        )
