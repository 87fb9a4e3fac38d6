"""Second lives: every PV limit, construction never on unstable subsidence, the priority,
the mean aspect of a tilted plane, and cn-transformation = cn-reclamation with them on."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from plugin.core.reuse import ReuseFacts, assess, mean_aspect, pv_candidates
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

RULES = ROOT / "resources" / "rules"


def pack(name="cn-transformation"):
    return parse_pack(json.loads((RULES / f"{name}.json").read_text(encoding="utf-8")), name)


def facts(**columns) -> ReuseFacts:
    n = len(columns["use"])
    base = {
        "area_hm2": [10.0] * n,
        "damage_type": ["occupation"] * n,
        "stable": [False] * n,
        "slope_deg": [2.0] * n,
        "aspect_deg": [180.0] * n,
        "ponding_m": [0.0] * n,
        "grid_m": [100.0] * n,
        "road_m": [100.0] * n,
        "settlement_m": [100.0] * n,
    }
    merged = {**base, **columns}
    return ReuseFacts(
        **{k: np.array(v, dtype=object if k in ("use", "damage_type") else None)
           for k, v in merged.items()}
    )  # fmt: skip


def test_photovoltaics_respect_every_limit():
    rules = pack().reuse
    pv = rules.reuses["pv"]
    units = facts(
        use=["grass", "cultivated", "grass", "grass", "grass", "water", "water", "grass", "grass"],
        slope_deg=[2.0, 2.0, 20.0, 10.0, 10.0, 30.0, 30.0, 2.0, 2.0],
        aspect_deg=[np.nan, 180.0, 180.0, 0.0, 200.0, 0.0, 0.0, 180.0, 180.0],
        ponding_m=[0, 0, 0, 0, 0, 2.0, 1.0, 0, 0],
        grid_m=[100.0, 100, 100, 100, 100, 100, 100, 9000.0, np.nan],
    )
    candidate, why = pv_candidates(rules, units)
    assert list(why) == ["", "use", "slope", "aspect", "", "", "slope", "grid", "grid"]
    # Unit 0 is flat (no aspect needed); unit 5 floats on 2 m of water (no slope or aspect
    # limit); unit 6 has 1 m of water, under the 1.5 m floating depth, and a 30° slope.
    groups = np.where(candidate, [4.0, 0, 0, 0, 6.0, 6.0, 0, 0, 0], 0.0)
    result = assess(rules, units, groups, why)
    assert list(result.why["pv"]) == ["area", "use", "slope", "aspect", "", "", "slope",
                                      "grid", "grid"]  # fmt: skip
    assert result.suitable["pv"].tolist() == [False, False, False, False, True, True] + [False] * 3
    assert result.floating.tolist() == [False] * 5 + [True] + [False] * 3
    capacity = pv.limit("capacity_mw_per_hm2")
    assert capacity == pytest.approx(104 / (23000 / 15) * 1000 / 100, rel=0.01)  # 1.04 GW, 2.3 万亩
    assert result.pv_mw.tolist() == pytest.approx([0, 0, 0, 0, 10 * capacity, 10 * capacity,
                                                    0, 0, 0])  # fmt: skip


def test_nothing_is_built_on_unstable_subsidence():
    rules = pack().reuse
    units = facts(
        use=["keep", "keep", "keep", "keep", "grass"],
        damage_type=["subsidence", "subsidence", "occupation", "occupation", "excavation"],
        stable=[False, True, False, False, False],
        road_m=[10.0, 10.0, 10.0, 5000.0, np.nan],
        grid_m=[np.nan] * 5,
    )
    _, why_pv = pv_candidates(rules, units)
    result = assess(rules, units, np.zeros(5), why_pv)
    assert list(result.why["construction"]) == ["unstable", "", "", "road", "road"]
    # Unit 4 is grass near a settlement: ecology and tourism, not construction.
    assert result.first.tolist() == ["", "construction", "construction", "", "tourism"]


def test_the_priority_decides_the_first_second_life():
    document = json.loads((RULES / "cn-transformation.json").read_text(encoding="utf-8"))
    units = facts(use=["grass"], grid_m=[100.0], road_m=[100.0], settlement_m=[100.0])
    for order, first in ((["pv", "construction", "tourism"], "pv"),
                         (["tourism", "pv", "construction"], "tourism")):  # fmt: skip
        document["reuse"]["priority"] = order
        rules = parse_pack(document, "t").reuse
        _, why = pv_candidates(rules, units)
        result = assess(rules, units, np.array([10.0]), why)
        assert result.first.tolist() == [first]


def test_mean_aspect_of_tilted_planes():
    rows, cols = np.mgrid[0:20, 0:20]
    labels = np.ones((20, 20), dtype=np.int64)
    # Rows run north to south: lower in the south faces south (180°), lower in the east
    # faces east (90°), lower in the north faces north (0°), lower south-west faces 225°.
    assert mean_aspect(labels, 100.0 - rows * 0.5, 10.0, 1)[0] == pytest.approx(180.0)
    assert mean_aspect(labels, 100.0 - cols * 0.5, 10.0, 1)[0] == pytest.approx(90.0)
    assert mean_aspect(labels, 100.0 + rows * 0.5, 10.0, 1)[0] == pytest.approx(0.0)
    assert mean_aspect(labels, 100.0 - rows * 0.5 + cols * 0.5, 10.0, 1)[0] == pytest.approx(225.0)
    assert math.isnan(mean_aspect(labels, np.full((20, 20), 100.0), 10.0, 1)[0])


def test_cn_transformation_is_cn_reclamation_with_second_lives_on():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from make_transformation_pack import transformation

    reclamation = json.loads((RULES / "cn-reclamation.json").read_text(encoding="utf-8"))
    shipped = json.loads((RULES / "cn-transformation.json").read_text(encoding="utf-8"))
    assert shipped == transformation(reclamation), "run scripts/make_transformation_pack.py"
    assert pack("cn-reclamation").reuse.enabled is False
    assert pack().reuse.enabled is True
    assert pack().reuse.replace is True
    assert "cultivated" not in pack().reuse.reuses["pv"].replaces
    assert "forest" not in pack().reuse.reuses["pv"].replaces


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update({"priority": ["pv", "pv", "tourism"]}), "each second life once"),
        (lambda r: r["pv"]["max_slope_deg"].update({"value": 95}), "give 0–90"),
        (lambda r: r["pv"]["aspect_deg"].update({"value": [270, 90]}), "from < to"),
        (lambda r: r["construction"].update({"replaces": ["sea"]}), "unknown value 'sea'"),
        (lambda r: r.update({"enabled": "yes"}), "true or false"),
    ],
)
def test_a_malformed_reuse_block_is_named(change, message):
    document = json.loads((RULES / "cn-transformation.json").read_text(encoding="utf-8"))
    change(document["reuse"])
    with pytest.raises(RulePackError, match=message):
        parse_pack(document, "t")


def test_polluted_land_is_neither_built_nor_opened_to_visitors():
    rules = pack().reuse
    units = facts(
        use=["keep", "water"],
        damage_type=["pollution", "pollution"],
        grid_m=[np.nan, np.nan],
    )
    _, why_pv = pv_candidates(rules, units)
    result = assess(rules, units, np.zeros(2), why_pv)
    assert list(result.why["construction"]) == ["damage", "use"]
    assert list(result.why["tourism"]) == ["use", "damage"]


def test_gradient_sums_in_bands_of_rows_are_those_of_the_whole_grid():
    """A grid read in bands of 1, 2 and 5 rows, each with one row of each neighbour, sums
    the same gradients per unit as the whole grid (NaN cells and their neighbours left
    out alike), so the aspects are the same."""
    from plugin.core.reuse import bearing_of, gradient_sums

    rng = np.random.default_rng(2)
    elevation = rng.normal(100.0, 5.0, (17, 13))
    elevation[6, 4] = np.nan
    labels = rng.integers(0, 4, elevation.shape)
    whole = gradient_sums(labels, elevation, 10.0, 3)
    for height in (1, 2, 5):
        east, north = np.zeros(3), np.zeros(3)
        for r0 in range(0, 17, height):
            r1 = min(r0 + height, 17)
            w0, w1 = max(0, r0 - 1), min(17, r1 + 1)
            e, n = gradient_sums(labels[r0:r1], elevation[w0:w1], 10.0, 3, r0 - w0)
            east += e
            north += n
        np.testing.assert_allclose(east, whole[0], rtol=1e-12)
        np.testing.assert_allclose(north, whole[1], rtol=1e-12)
        aspects = mean_aspect(labels, elevation, 10.0, 3)
        np.testing.assert_allclose(bearing_of(east, north), aspects, rtol=1e-12)
