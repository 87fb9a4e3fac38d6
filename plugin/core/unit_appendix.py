"""The appendix of evaluation units (附表：评价单元适宜性评价结果表).

One row per suitability unit, by unit number: the damage (type, degree), the land use before
damage, the damaged area of the unit, its grade for every use, the limiting factors of the
proposed use, the proposed use with its GB/T 21010 code, and the measures. Pure Python and
numpy: the provider passes the overlay and the units read from the suitability layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from .accounting import (
    DAMAGE_TYPE_NAMES,
    UNDECIDED_NAME,
    Column,
    Overlay,
    Table,
    Units,
    _columns,
    code_name,
    hm2,
    mu,
)
from .labels import in_language
from .rules.vocabulary import DEGREE_LABELS, EVALUATED_USES
from .suitability import FACTOR_LABELS, GRADE_WORDS, USE_LABELS

APPENDIX_NAME = "unit_appendix"
_FIXED = _columns(
    "unit_id:int type_name:str degree_name:str dlbm_before:str dlmc_before:str "
    "area_m2:float area_hm2:float area_mu:float"
)
_PROPOSAL = _columns("limit_names:str use_name:str dlbm:str dlmc:str measures:str")


def appendix_columns(uses: list[str]) -> tuple[Column, ...]:
    return (*_FIXED, *(Column(f"grade_{use}_name", "str") for use in uses), *_PROPOSAL)


# (use, factor) -> the measure lifting that factor for that use, {"zh": …, "en": …}.
MeasureWords = Mapping[tuple[str, str], Mapping[str, str]]


def pack_measures(uses: Mapping[str, Any]) -> MeasureWords:
    """The measures of a rule pack's uses (``RulePack.uses``), by use and factor (the first
    rule of a factor that names one)."""
    found: dict[tuple[str, str], Mapping[str, str]] = {}
    for use, rules in uses.items():
        for rule in rules.rules:
            if rule.measure:
                found.setdefault((use, rule.factor), rule.measure)
    return found


def unit_appendix(
    overlay: Overlay,
    units: Units,
    language: str,
    grade_labels: str = "cn",
    measure_words: MeasureWords | None = None,
) -> Table:
    """The appendix table; the area of a unit is its damaged area in the overlay. The
    measures are written again in ``language`` from ``measure_words`` (the rule pack's)
    when given, else as the suitability layer holds them."""
    uses = [use for use in EVALUATED_USES if use in units.grades]
    table = Table(APPENDIX_NAME, appendix_columns(uses))
    count = units.count
    mask = overlay.damaged & (overlay.unit > 0) & (overlay.unit <= count)
    area = np.bincount(overlay.unit[mask] - 1, overlay.area_m2[mask], minlength=count)
    numbers = units.ids if units.ids is not None else np.arange(1, count + 1)
    words = GRADE_WORDS.get(grade_labels, GRADE_WORDS["cn"])
    for index in np.argsort(numbers, kind="stable").tolist():
        if area[index] <= 0:
            continue  # a unit outside the damaged land is not part of the plan
        grades = {
            f"grade_{use}_name": in_language(words[int(units.grades[use][index])], language)
            for use in uses
        }
        use = str(units.use_proposed[index])
        code = str(units.dlbm[index])
        table.add(
            unit_id=int(numbers[index]),
            type_name=_type_name(_text(units.dist_type, index), language),
            degree_name=_degree_name(units.dist_degree, index, language),
            dlbm_before=_text(units.dlbm_before, index),
            dlmc_before=code_name(_text(units.dlbm_before, index), language),
            area_m2=float(area[index]),
            area_hm2=hm2(float(area[index])),
            area_mu=mu(float(area[index])),
            limit_names=_factor_names(str(units.limits[index]), language),
            use_name=in_language(USE_LABELS.get(use, (use, use)), language),
            dlbm=code,
            dlmc=code_name(code, language),
            measures=(
                _measures(measure_words, use, str(units.limits[index]), language)
                if measure_words is not None and units.limits[index]
                else _text(units.measures, index)
            ),
            **grades,
        )
    return table


def _measures(words: MeasureWords, use: str, limits: str, language: str) -> str:
    """The measures lifting the limiting factors ``limits`` of ``use``, each once."""
    factors = dict.fromkeys(f.strip() for f in limits.split(",") if f.strip())
    key = "zh" if language.startswith("zh") else "en"
    texts = [words[(use, f)].get(key, "") for f in factors if (use, f) in words]
    return ("；" if key == "zh" else "; ").join(dict.fromkeys(t for t in texts if t))


def _text(values: np.ndarray | None, index: int) -> str:
    return "" if values is None else str(values[index] or "")


def _type_name(damage_type: str, language: str) -> str:
    names = DAMAGE_TYPE_NAMES.get(damage_type)
    return in_language(names, language) if names else damage_type


def _degree_name(degrees: np.ndarray | None, index: int, language: str) -> str:
    if degrees is None:
        return ""
    degree = int(degrees[index])
    names = DEGREE_LABELS.get(degree)
    return in_language(names if names else UNDECIDED_NAME, language)


def _factor_names(limits: str, language: str) -> str:
    """ "slope_deg,ph" -> "坡度、pH" (each factor once, in the reader's words)."""
    factors = dict.fromkeys(f.strip() for f in limits.split(",") if f.strip())
    names = [in_language(FACTOR_LABELS.get(f, (f, f)), language) for f in factors]
    return ("、" if language.startswith("zh") else ", ").join(names)
