"""The review pack: cn-review loads with its values and sources; a malformed one is named."""

from __future__ import annotations

import json

import pytest

from plugin.core.review import CHECKS, load_review_pack, parse_review_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

PACK = ROOT / "resources" / "review" / "cn-review.json"


def test_cn_review():
    pack = load_review_pack(PACK)
    assert pack.enabled == CHECKS
    assert pack.slope_cap_deg == 25  # Water and Soil Conservation Law, art. 20
    assert pack.slope_cap_provenance.status == "verified"
    assert pack.min_rate_pct == 100
    assert pack.names["slope_cap"]["zh"] == "耕地不超过坡度上限"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update({"schema": 2}), "schema 1"),
        (lambda d: d["checks"].update({"beauty": {"name": {"zh": "美", "en": "b"}}}), "beauty"),
        (lambda d: d["checks"]["slope_cap"].pop("max_slope_deg"), "max_slope_deg"),
        (lambda d: d["checks"]["slope_cap"]["max_slope_deg"].update({"source": "X"}), "'X'"),
    ],
)
def test_a_malformed_review_pack_is_named(change, message):
    document = json.loads(PACK.read_text(encoding="utf-8"))
    change(document)
    with pytest.raises(RulePackError, match=message):
        parse_review_pack(document, "review.json")
