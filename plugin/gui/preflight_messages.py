"""Pre-flight messages shared by the wizard and the suitability dialog: what the rule pack
needs that no input gives, before a long run (``core.preflight``)."""

from __future__ import annotations

from ..core.labels import in_language
from ..core.preflight import check as preflight
from ..core.rules.pack import RulePack
from ..core.suitability import factor_label
from ..i18n import Translatable, ui_language


def factor_words(factor: str, language: str) -> str:
    """坡度 (slope_deg): a factor by its name, with the key a field map or the soil fields
    are written with."""
    name = factor_label(factor, language)
    return factor if name == factor else f"{name} ({factor})"


class PreflightMessages(Translatable):
    """The sentence that keeps Run (or Next) off, or ""."""

    def problem(
        self, pack: RulePack, given: set[str], mapping: dict[str, str], kinds: dict[str, str]
    ) -> str:
        """What the evaluation would stop on, said before the run."""
        result = preflight(pack, given, mapping, kinds)
        language = ui_language()
        zh = language.startswith("zh")
        if result.wrong_type:
            field_name, factor = result.wrong_type[0]
            return self.tr(
                "Field “{field}” holds text, but {factor} is a number: map a numeric field to it."
            ).format(field=field_name, factor=factor_words(factor, language))
        if result.missing:
            hints = [
                self.tr("{factor} ← {fields}").format(
                    factor=factor_words(factor, language),
                    fields=", ".join(result.candidates[factor]),
                )
                for factor in result.missing
                if result.candidates.get(factor)
            ]
            sources = {
                "slope_deg": self.tr("the slope comes from the DEM after mining"),
                "gw_depth_m": self.tr("the groundwater depth from a groundwater depth raster"),
                "dist_water_m": self.tr("the distance to water from water features"),
            }
            notes = [sources[f] for f in result.missing if f in sources]
            return self.tr(
                "The rule pack {pack} needs {factors}, which no input gives. {hints}{notes}"
            ).format(
                pack=in_language((pack.title.get("zh", ""), pack.title.get("en", "")), language)
                or pack.id,
                factors=", ".join(factor_words(f, language) for f in result.missing),
                hints=(self.tr("Fields that could serve: {0}. ").format("; ".join(hints)))
                if hints
                else "",
                notes=_sentence(("；" if zh else "; ").join(notes), zh),
            )
        return ""


def _sentence(text: str, zh: bool) -> str:
    """Capitalised and closed, or "" for nothing."""
    if not text:
        return ""
    return text[:1].upper() + text[1:] + ("。" if zh else ".")
