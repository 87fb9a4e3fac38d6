"""Pre-flight messages shared by the wizard and the suitability dialog: what the rule pack
needs that no input gives, before a long run (``core.preflight``)."""

from __future__ import annotations

from ..core.preflight import check as preflight
from ..core.rules.pack import RulePack
from ..i18n import Translatable


class PreflightMessages(Translatable):
    """The sentence that keeps Run (or Next) off, or ""."""

    def problem(
        self, pack: RulePack, given: set[str], mapping: dict[str, str], kinds: dict[str, str]
    ) -> str:
        """What the evaluation would stop on, said before the run."""
        result = preflight(pack, given, mapping, kinds)
        if result.wrong_type:
            field_name, factor = result.wrong_type[0]
            return self.tr(
                "Field “{field}” holds text, but {factor} is a number: map a numeric field to it."
            ).format(field=field_name, factor=factor)
        if result.missing:
            hints = [
                self.tr("{factor} ← {fields}").format(
                    factor=factor, fields=", ".join(result.candidates[factor])
                )
                for factor in result.missing
                if result.candidates.get(factor)
            ]
            sources = {
                "slope_deg": self.tr("slope_deg comes from the DEM after mining"),
                "gw_depth_m": self.tr("gw_depth_m from a groundwater depth raster"),
                "dist_water_m": self.tr("dist_water_m from water features"),
            }
            notes = [sources[f] for f in result.missing if f in sources]
            return self.tr(
                "The rule pack {pack} needs {factors}, which no input gives. {hints}{notes}"
            ).format(
                pack=pack.id,
                factors=", ".join(result.missing),
                hints=(self.tr("Fields that could serve: {0}. ").format("; ".join(hints)))
                if hints
                else "",
                notes="; ".join(notes) + ("." if notes else ""),
            )
        return ""
