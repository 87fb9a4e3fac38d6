"""Ecosystem-service value by the equivalent-factor method, against hand computations.

The equivalents are those of Xie et al. 2015 (table of value equivalents per hm²): dry
farmland 0.85 food … 4.01 in all, paddy 3.89, broadleaf forest 22.95, bare land 0.20, water
bodies 125.61 (row sums of the paper's table as publicly reproduced).
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from plugin.core.ecosystem_value import UnitLand, ecosystem_value
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

PACK = ROOT / "resources" / "rules" / "cn-reclamation.json"
# Row sums of Xie et al. 2015's table (equivalents per hm² and year).
DRY, PADDY, BROADLEAF, BARE, WATER, SHRUB = 4.01, 3.89, 22.95, 0.20, 125.61, 15.22


def document():
    return json.loads(PACK.read_text(encoding="utf-8"))


def esv_rules(doc=None):
    return parse_pack(doc or document(), "test").esv


def land(**columns) -> UnitLand:
    n = len(columns["area_hm2"])
    defaults = {
        "code_after": [""] * n,
        "use_proposed": [""] * n,
        "damage_type": ["none"] * n,
        "degree": [np.nan] * n,
        "ponding_m": [np.nan] * n,
    }
    merged = {**defaults, **columns}
    return UnitLand(
        area_hm2=np.array(merged["area_hm2"], dtype=float),
        code_before=np.array(merged["code_before"], dtype=object),
        code_after=np.array(merged["code_after"], dtype=object),
        use_proposed=np.array(merged["use_proposed"], dtype=object),
        damage_type=np.array(merged["damage_type"], dtype=object),
        degree=np.array(merged["degree"], dtype=float),
        ponding_m=np.array(merged["ponding_m"], dtype=float),
    )


def five_units() -> UnitLand:
    """Dug dry land reclaimed to dry land; ponded subsided irrigated land to a pond; buried
    mining land to forest; polluted paddy kept; a unit of an unknown code."""
    return land(
        area_hm2=[2.0, 1.5, 1.0, 0.5, 0.25],
        code_before=["0103", "0102", "0602", "0101", "9999"],
        code_after=["0103", "1104", "0301", "0101", ""],
        use_proposed=["cultivated", "water", "forest", "keep", "keep"],
        damage_type=["excavation", "subsidence", "occupation", "pollution", "excavation"],
        degree=[3, 2, 3, 1, 2],
        ponding_m=[0.0, 0.8, np.nan, 0.0, 0.0],
    )


def test_values_per_unit_and_totals_by_hand():
    value = 1000.0
    result = ecosystem_value(esv_rules(), five_units(), ponding_min_m=0.01, equivalent_value=value)
    before = [2.0 * DRY, 1.5 * DRY, 0.0, 0.5 * PADDY]
    damaged = [2.0 * BARE, 1.5 * WATER, 1.0 * BARE, 0.5 * PADDY, 0.25 * BARE]
    after = [2.0 * DRY, 1.5 * WATER, 1.0 * BROADLEAF, 0.5 * PADDY, 0.25 * BARE]
    np.testing.assert_allclose(result.unit_value["before"][:4], np.array(before) * value)
    assert np.isnan(result.unit_value["before"][4])  # unknown code: no value, not zero
    np.testing.assert_allclose(result.unit_value["damaged"], np.array(damaged) * value)
    np.testing.assert_allclose(result.unit_value["after"], np.array(after) * value)
    assert result.total("before") == pytest.approx(sum(before) * value)
    assert result.total("after") == pytest.approx(sum(after) * value)
    assert result.unvalued_codes["before"] == {"9999": 0.25}
    assert result.unvalued_codes["after"] == {}
    damaged_types = ["bare_land", "water", "bare_land", "paddy", "bare_land"]
    assert list(result.types["damaged"]) == damaged_types


def test_services_sum_to_the_total_and_follow_the_table():
    result = ecosystem_value(esv_rules(), five_units(), 0.01, 1498.58)
    for state in ("before", "damaged", "after"):
        valued = np.nansum(result.unit_value[state])
        assert result.by_service[state].sum() == pytest.approx(valued)
    # Food production before damage: dry land 0.85, paddy 1.36 (Xie et al. 2015).
    food = result.services.index("food")
    expected = (3.5 * 0.85 + 0.5 * 1.36) * 1498.58
    assert result.by_service["before"][food] == pytest.approx(expected)
    # Water supply of paddy is negative in the table (−2.63): it stays negative.
    water_supply = result.services.index("water_supply")
    paddy_only = land(area_hm2=[1.0], code_before=["0101"])
    alone = ecosystem_value(esv_rules(), paddy_only, 0.01, 1.0)
    assert alone.by_service["before"][water_supply] == pytest.approx(-2.63)


def test_the_pack_value_of_one_equivalent_and_doubling_it():
    rules = esv_rules()
    assert rules.equivalent_value == pytest.approx(1498.58)  # 4 600.89 × 2.28 ÷ 7
    assert round(4600.89 * 2.28 / 7, 2) == 1498.58
    units = five_units()
    once = ecosystem_value(rules, units, 0.01)
    twice = ecosystem_value(rules, units, 0.01, 2 * 1498.58)
    assert twice.total("after") == pytest.approx(2 * once.total("after"))


def test_shallow_water_is_not_ponded_and_undamaged_land_is_unchanged():
    units = land(
        area_hm2=[1.0, 1.0],
        code_before=["0103", "0103"],
        damage_type=["subsidence", "none"],
        ponding_m=[0.01, 5.0],  # 1 cm is not above the pack's 1 cm; undamaged land never ponds
        use_proposed=["keep", "keep"],
    )
    result = ecosystem_value(esv_rules(), units, 0.01, 1.0)
    assert list(result.types["damaged"]) == ["dry_land", "dry_land"]
    assert result.total("after") == pytest.approx(2 * DRY)


def test_damage_rules_by_degree_and_the_longest_code_prefix():
    doc = document()
    doc["esv"]["damage"]["value"]["subsidence"] = {"3": "shrub"}
    rules = esv_rules(doc)
    units = land(
        area_hm2=[1.0, 1.0, 1.0],
        code_before=["0103", "0103", "0305"],
        damage_type=["subsidence", "subsidence", "none"],
        degree=[3, 1, np.nan],
        use_proposed=["keep"] * 3,
    )
    result = ecosystem_value(rules, units, 0.01, 1.0)
    assert list(result.types["damaged"]) == ["shrub", "dry_land", "shrub"]
    assert rules.ecosystem_of("0305") == "shrub"  # 0305 before the class 03 (broadleaf)
    assert rules.ecosystem_of("0399") == "broadleaf"
    assert rules.ecosystem_of("1104A") == "water"
    assert rules.ecosystem_of("") is None


def test_a_negative_area_or_value_is_refused():
    with pytest.raises(ValueError, match="above 0"):
        ecosystem_value(esv_rules(), five_units(), 0.01, 0.0)
    bad = land(area_hm2=[-1.0], code_before=["0103"])
    with pytest.raises(ValueError, match="negative area"):
        ecosystem_value(esv_rules(), bad, 0.01)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["ecosystems"]["value"]["dry_land"]["equivalents"].pop(), "expected 11"),
        (lambda e: e["codes"]["value"].update({"0103": "farmland"}), "unknown value 'farmland'"),
        (lambda e: e["damage"]["value"].update({"excavation": "rock"}), "unknown value 'rock'"),
        (lambda e: e["damage"]["value"].update({"flood": "water"}), "esv.damage.value.flood"),
        (lambda e: e["equivalent_value"].update({"value": -5}), "equivalent_value.value"),
        (lambda e: e["codes"].update({"source": "Nowhere"}), "not listed under sources"),
        (lambda e: e["damage"].update({"ponded": "lake"}), "esv.damage.ponded"),
    ],
)
def test_a_malformed_esv_block_is_named(change, message):
    doc = document()
    change(doc["esv"])
    with pytest.raises(RulePackError, match=message):
        parse_pack(copy.deepcopy(doc), "test")


def test_every_gbt21010_code_of_the_plugin_has_a_type():
    from plugin.core.rules.landuse_codes import LAND_USE_CODES

    rules = esv_rules()
    assert [c for c in LAND_USE_CODES if rules.ecosystem_of(c) is None] == []
