"""Every key a rule pack may hold has a name in both languages, and typed names map back."""

from __future__ import annotations

import pytest

from plugin.core import labels
from plugin.core.rules.pack import KINDS, SELECT_POLICIES
from plugin.core.rules.timing import RELEASE_EVENTS
from plugin.core.rules.vocabulary import (
    DAMAGE_INDICATORS,
    DAMAGE_TYPES,
    DAMAGED_LAND_USES,
    EVALUATED_USES,
    FACTORS,
    METHODS,
    MISSING_POLICIES,
    PROPOSAL_ONLY_USES,
    STATUSES,
)
from plugin.core.rules.works import QUANTITY_UNITS, RULES
from plugin.core.suitability import FACTOR_LABELS, USE_LABELS


@pytest.mark.parametrize(
    ("keys", "names"),
    [
        (KINDS, labels.KIND_NAMES),
        (MISSING_POLICIES, labels.MISSING_POLICY_NAMES),
        (METHODS, labels.METHOD_NAMES),
        (STATUSES, labels.STATUS_NAMES),
        (SELECT_POLICIES, labels.SELECT_POLICY_NAMES),
        (DAMAGE_TYPES, labels.DAMAGE_TYPE_NAMES),
        (tuple(DAMAGE_INDICATORS), labels.INDICATOR_NAMES),
        (DAMAGED_LAND_USES, labels.LAND_USE_GROUP_NAMES),
        (RULES, labels.QUANTITY_RULE_NAMES),
        (RELEASE_EVENTS, labels.RELEASE_EVENT_NAMES),
        (tuple(FACTORS), FACTOR_LABELS),
        (EVALUATED_USES + PROPOSAL_ONLY_USES, USE_LABELS),
    ],
)
def test_every_key_has_a_chinese_and_an_english_name(keys, names):
    for key in keys:
        chinese, english = names[key]
        assert chinese, key
        assert english, key
        assert any("\u4e00" <= c <= "\u9fff" for c in chinese) or chinese == english, key


def test_units_are_written_as_a_reader_writes_them():
    assert labels.name_of(labels.UNIT_NAMES, "m3", "en") == "m³"
    assert labels.name_of(labels.UNIT_NAMES, "plant", "zh") == "株"
    assert labels.name_of(labels.UNIT_NAMES, "mm/m", "zh") == "mm/m"  # no name: as it is
    assert all(unit in labels.UNIT_NAMES or unit in ("m", "t") for unit in QUANTITY_UNITS)


def test_the_language_picks_a_side():
    assert labels.in_language(("越小越好", "lower is better"), "zh_CN") == "越小越好"
    assert labels.in_language(("越小越好", "lower is better"), "en") == "lower is better"
    assert labels.name_of(labels.KIND_NAMES, "a_new_kind", "zh") == "a_new_kind"


@pytest.mark.parametrize("typed", ["stable", "  Once settled ", "稳沉后"])
def test_a_typed_name_or_key_gives_the_key(typed):
    assert labels.key_of(labels.RELEASE_EVENT_NAMES, typed) == "stable"


def test_an_unknown_text_stays_as_typed_for_the_pack_to_refuse():
    assert labels.key_of(labels.RELEASE_EVENT_NAMES, " later ") == "later"
