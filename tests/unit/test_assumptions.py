"""Basis and assumptions: degree bases with their areas, every rule with source and status."""

import re

from plugin.core.accounting import Overlay, Summary
from plugin.core.assumptions import basis_table, degree_basis_areas
from plugin.core.rules.pack import resolve_pack
from tests.helpers import ROOT

PACK = resolve_pack("cn-reclamation", ROOT / "resources" / "rules")


def overlay():
    rows = [
        {"area_m2": 100.0, "damaged": True, "dist_type": "excavation", "dist_degree": 3,
         "degree_basis": "default"},
        {"area_m2": 50.0, "damaged": True, "dist_type": "subsidence", "dist_degree": None,
         "degree_basis": "undecided"},
        {"area_m2": 25.0, "damaged": True, "dist_type": "subsidence", "dist_degree": 1,
         "degree_basis": "assessed"},
        {"area_m2": 999.0, "damaged": False},
    ]  # fmt: skip
    return Overlay.from_rows(rows)


def test_degree_bases_and_their_areas():
    assert degree_basis_areas(overlay()) == {"default": 100.0, "undecided": 50.0, "assessed": 25.0}
    table = basis_table(overlay(), [], ["a warning", "a warning"], "zh_CN")
    degrees = table.where(topic="degree")
    assert [(r["item"], r["detail"], r["area_m2"]) for r in degrees] == [
        ("挖损", "规则包默认程度（未核实）", 100.0),
        ("塌陷", "由指标评定", 25.0),
        ("塌陷", "程度未定", 50.0),
    ]
    assert [r["detail"] for r in table.where(topic="warning")] == ["a warning"]


def test_every_rule_of_the_pack_with_source_and_status_unverified_first():
    table = basis_table(overlay(), [PACK], [], "en")
    rules = table.where(topic="rule")
    count = sum(len(u.rules) for u in PACK.uses.values())
    count += 1 + 2  # the slope cap, the two detection values
    count += 2 + 2  # the unit area and face limit, the kept and the rebuilt codes
    count += sum(
        len(t.rows) + (t.default_degree is not None) for t in PACK.disturbance.types.values()
    )
    assert len(rules) == count
    statuses = [r["status"] for r in rules]
    assert statuses == sorted(statuses, key=["unverified", "secondary", "verified"].index)
    slope = next(r for r in rules if r["item"] == "cn-reclamation · cultivated land · slope")
    rule = next(r for r in PACK.uses["cultivated"].rules if r.factor == "slope_deg")
    citation = PACK.sources[rule.provenance.source]["citation"]
    assert slope["source"] == rule.provenance.source
    assert slope["citation"] == citation
    assert slope["status"] == rule.provenance.status
    cap = next(r for r in rules if r["item"].endswith("cultivation slope cap"))
    assert cap["detail"] == "≤ 25°"
    assert slope["detail"] == "lower is better: 6 / 15 / 25"
    # In Chinese the reader reads names, not the pack's keys.
    chinese = basis_table(overlay(), [PACK], [], "zh").where(topic="rule")
    items = [r["item"] for r in chinese]
    assert "cn-reclamation · 耕地 · 坡度" in items
    assert "cn-reclamation · 耕地坡度上限" in items
    assert "cn-reclamation · 按原地类恢复" in items
    assert not any(re.search(r"_[a-z]", item) for item in items)  # no factor keys left


def test_the_summary_keeps_the_undecided_and_default_areas():
    import numpy as np

    from plugin.core.accounting import Totals, Units, summarize

    units = Units(grades={}, use_proposed=np.array([], dtype=object), dlbm=np.array([], object))
    summary: Summary = summarize(overlay(), units, Totals(1174.0, 175.0, 0.0))
    assert summary.undecided_m2 == 50.0
    assert summary.default_m2 == 100.0


def test_a_suitability_rule_gets_the_area_whose_proposed_use_it_limits():
    import numpy as np

    from plugin.core.accounting import Units

    rows = [
        {"area_m2": 100.0, "damaged": True, "dist_type": "excavation", "unit": 1},
        {"area_m2": 40.0, "damaged": True, "dist_type": "subsidence", "unit": 2},
        {"area_m2": 7.0, "damaged": True, "dist_type": "subsidence", "unit": 2},
        {"area_m2": 999.0, "damaged": False, "unit": 2},  # undamaged: not counted
    ]
    units = Units(
        grades={},
        use_proposed=np.array(["forest", "cultivated"], dtype=object),
        dlbm=np.array(["0301", "0103"], dtype=object),
        limits=np.array(["slope_deg", "slope_deg,ph"], dtype=object),
    )
    table = basis_table(Overlay.from_rows(rows), [PACK], [], "en", units)
    area = {r["item"]: r["area_m2"] for r in table.where(topic="rule")}
    assert area["cn-reclamation · cultivated land · slope"] == 47.0
    assert area["cn-reclamation · cultivated land · pH"] == 47.0
    assert area["cn-reclamation · forest land · slope"] == 100.0
    assert area["cn-reclamation · garden land · slope"] is None


def test_the_sources_the_rules_cite():
    from plugin.core.assumptions import sources_table

    rows = sources_table([PACK]).dicts()
    by_key = {r["source"]: r for r in rows}
    # Every source of a rule is listed once, with its citation and its number of rules.
    cited = [rule.provenance.source for use in PACK.uses.values() for rule in use.rules]
    for key in set(cited):
        entry = PACK.sources[key]
        assert by_key[key]["citation"] == entry.get("citation_en", entry["citation"])
        assert by_key[key]["rules"] >= cited.count(key)
    assert by_key["SWC-Law-2010"]["rules"] == 1  # the 25° cap
    counts = [r["rules"] for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_the_sources_of_numbers_outside_the_rules_are_cited_too():
    # 编制依据 names every source a number of the plan rests on: the slope classes
    # (Slope-3diao), the ponding depth and the reservoir storage (Ponding-rule,
    # Water-defs), the topsoil stripping depth (Strip-practice) and the work plan's stages
    # (Fuwu-QA), not only the suitability rules; a source no number cites is not listed.
    from plugin.core.assumptions import sources_table

    listed = {r["source"] for r in sources_table([PACK]).dicts()}
    raw = PACK.raw
    expected = {
        raw["slope_classes"]["source"],
        raw["proposal"]["ponding"]["min_depth_m"]["source"],
        raw["proposal"]["ponding"]["reservoir_storage_m3"]["source"],
        raw["works"]["stripping_depth_m"]["source"],
        raw["schedule"]["stage_years"]["source"],
        raw["esv"]["ecosystems"]["source"],
        raw["esv"]["equivalent_value"]["source"],
    }
    assert expected == {
        "Slope-3diao",
        "Ponding-rule",
        "Water-defs",
        "Strip-practice",
        "Fuwu-QA",
        "Xie2015",
        "ESV-1eq",
    }
    assert expected <= listed
    assert "User-edit" not in listed  # declared in the pack, cited by no number


def test_the_sources_in_the_report_language():
    from plugin.core.assumptions import sources_table

    # Every source of the shipped packs reads in Chinese; a Chinese report takes it.
    zh = {r["source"]: r["citation"] for r in sources_table([PACK], "zh").dicts()}
    for key, citation in zh.items():
        assert citation == PACK.sources[key]["citation_zh"]
    assert zh["SWC-Law-2010"].startswith("《中华人民共和国水土保持法》")
    en = {r["source"]: r["citation"] for r in sources_table([PACK], "en").dicts()}
    assert en["SWC-Law-2010"].startswith("Water and Soil Conservation Law")
    assert en["ALUES"] == PACK.sources["ALUES"]["citation"]  # no citation_en: as given
