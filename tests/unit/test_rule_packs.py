"""Loading and validating rule packs: every problem names the file, the path and the fix."""

from __future__ import annotations

import contextlib
import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugin.core.rules.pack import RulePackError, load_pack, parse_pack, resolve_pack
from tests.unit.rules_helpers import RULES_DIR, builtin


@pytest.mark.parametrize("pack_id", ["cn-reclamation", "fao-sys"])
def test_builtin_packs_load(pack_id):
    pack = builtin(pack_id)
    assert pack.id == pack_id
    assert pack.title["zh"]
    assert pack.title["en"]
    assert len(pack.sha256) == 64
    for use in pack.uses.values():
        for rule in use.rules:
            assert rule.provenance.source in pack.sources


def test_the_25_degree_cap_is_the_verified_law():
    cap = builtin("cn-reclamation").proposal.cultivation_slope_cap
    assert cap.value == 25
    assert cap.provenance.status == "verified"
    assert cap.provenance.source == "SWC-Law-2010"


def test_resolve_by_id_and_by_path(tmp_path):
    assert resolve_pack("fao-sys", RULES_DIR).id == "fao-sys"
    copy_path = tmp_path / "我的规则.json"
    copy_path.write_bytes((RULES_DIR / "cn-reclamation.json").read_bytes())
    assert resolve_pack(str(copy_path), RULES_DIR).id == "cn-reclamation"
    with pytest.raises(RulePackError, match="cn-reclamation, cn-transformation, fao-sys"):
        resolve_pack("no-such-pack", RULES_DIR)


def document():
    return json.loads((RULES_DIR / "cn-reclamation.json").read_text(encoding="utf-8"))


def rejected(doc):
    with pytest.raises(RulePackError) as caught:
        parse_pack(doc, "pack.json")
    return caught.value


def test_unknown_key_is_named_with_its_path():
    doc = document()
    doc["uses"]["cultivated"]["factors"]["slope_deg"]["limts"] = [1, 2, 3]
    error = rejected(doc)
    assert error.path == "uses.cultivated.factors.slope_deg.limts"
    assert "pack.json" in str(error)
    assert "limits" in error.fix


def test_non_monotonic_limits():
    doc = document()
    doc["uses"]["cultivated"]["factors"]["slope_deg"]["limits"] = [6, 25, 15]
    assert rejected(doc).path == "uses.cultivated.factors.slope_deg.limits"


def test_wrong_type():
    doc = document()
    doc["uses"]["grass"]["factors"]["slope_deg"]["limits"] = [15, "25", 25]
    assert rejected(doc).path == "uses.grass.factors.slope_deg.limits[1]"


def test_unknown_factor_and_use():
    doc = document()
    doc["uses"]["forest"]["factors"]["slope_percent"] = doc["uses"]["forest"]["factors"].pop(
        "slope_deg"
    )
    assert "unknown factor" in rejected(doc).problem
    doc = document()
    doc["uses"]["orchard"] = doc["uses"].pop("garden")
    assert rejected(doc).path == "uses.orchard"


def test_missing_and_unlisted_sources():
    doc = document()
    del doc["uses"]["cultivated"]["factors"]["ph"]["source"]
    assert rejected(doc).path == "uses.cultivated.factors.ph.source"
    doc = document()
    doc["uses"]["cultivated"]["factors"]["ph"]["source"] = "Somebody-2020"
    assert "not listed" in rejected(doc).problem


def test_unknown_land_use_code():
    doc = document()
    doc["proposal"]["codes"]["water"] = "9999"
    assert rejected(doc).path == "proposal.codes.water"


def test_duplicate_keys_and_bad_json(tmp_path):
    path = tmp_path / "dup.json"
    path.write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    with pytest.raises(RulePackError, match="given twice"):
        load_pack(path)
    path.write_text('{"id": ', encoding="utf-8")
    with pytest.raises(RulePackError, match="invalid JSON"):
        load_pack(path)
    with pytest.raises(RulePackError, match="cannot read"):
        load_pack(tmp_path / "absent.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(value=json_values)
def test_any_document_is_accepted_or_rejected_with_rulepackerror(value):
    with contextlib.suppress(RulePackError):
        parse_pack(value, "fuzz.json")


@settings(max_examples=200, deadline=None)
@given(
    path=st.lists(
        st.sampled_from(
            [
                "uses",
                "cultivated",
                "factors",
                "slope_deg",
                "limits",
                "proposal",
                "codes",
                "ponding",
                "title",
                0,
                1,
            ]
        ),
        min_size=1,
        max_size=5,
    ),
    value=json_values,
)
def test_corrupting_any_part_of_a_pack_raises_only_rulepackerror(path, value):
    doc = copy.deepcopy(document())
    node = doc
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return
    try:
        node[path[-1]] = value
    except (IndexError, TypeError):
        return
    with contextlib.suppress(RulePackError):
        parse_pack(doc, "fuzz.json")
