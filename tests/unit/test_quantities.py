"""Engineering quantities from the rule pack's works block, against hand values."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from plugin.core.quantities import (
    UnitFacts,
    balance,
    item_values,
    levelling_design_slopes,
    works_rows,
)
from plugin.core.rules.pack import parse_pack
from plugin.core.rules.reader import RulePackError
from tests.helpers import ROOT

PACK_PATH = ROOT / "resources" / "rules" / "cn-reclamation.json"


def pack_document():
    return json.loads(PACK_PATH.read_text(encoding="utf-8"))


def works_of(document):
    return parse_pack(document, "test.json").works


def two_units():
    # A: 2 ha of dug land to cultivate, 600 m round, 3°, organic matter limiting;
    # B: 1 ha of dump face to forest, 400 m round, 20°.
    return UnitFacts(
        ids=np.array([7, 3]),
        area_m2=np.array([20_000.0, 10_000.0]),
        perimeter_m=np.array([600.0, 400.0]),
        use=np.array(["cultivated", "forest"], dtype=object),
        dist_type=np.array(["excavation", "occupation"], dtype=object),
        limits=np.array(["organic_matter_gkg,ph", ""], dtype=object),
        slope_deg=np.array([3.0, 20.0]),
    )


def by_item(rows):
    return {(r.unit_id, r.item, r.part): r.quantity for r in rows}


def test_quantities_of_the_shipped_pack_by_hand():
    works = works_of(pack_document())
    cut, fill = np.array([800.0, 50.0]), np.array([700.0, 60.0])
    found = by_item(works_rows(works, two_units(), (cut, fill)))
    assert found == pytest.approx(
        {
            (3, "soil_cover", ""): 10_000 * 0.3,  # forest: 0.3 m on 1 ha
            (3, "land_levelling", "cut"): 50.0,
            (3, "land_levelling", "fill"): 60.0,
            (3, "drainage_ditch", ""): 400.0,  # 20° ≥ 15°: the whole boundary
            (3, "tree_planting", ""): 1667.0,
            (3, "monitoring_points", ""): 0.1,
            (7, "soil_cover", ""): 20_000 * 0.5,  # dry land: 0.5 m on 2 ha
            (7, "land_levelling", "cut"): 800.0,
            (7, "land_levelling", "fill"): 700.0,
            (7, "field_roads", ""): 2 * 60.0,
            (7, "soil_improvement", ""): 2 * 15.0,  # organic matter limits it
            (7, "monitoring_points", ""): 0.2,
        }
    )
    # Rows come by unit number, items in the pack's order.
    rows = works_rows(works, two_units(), (cut, fill))
    assert [r.unit_id for r in rows] == sorted(r.unit_id for r in rows)


def test_quantities_scale_with_the_packs_numbers():
    document = pack_document()
    before = by_item(works_rows(works_of(document), two_units()))
    doubled = copy.deepcopy(document)
    doubled["works"]["items"]["soil_cover"]["value"]["cultivated"] = 1.0
    after = by_item(works_rows(works_of(doubled), two_units()))
    assert after[(7, "soil_cover", "")] == pytest.approx(2 * before[(7, "soil_cover", "")])
    assert after[(3, "soil_cover", "")] == pytest.approx(before[(3, "soil_cover", "")])


def test_filters_by_damage_type_limits_and_slope():
    works = works_of(pack_document())
    units = two_units()
    cover = item_values(works.item("soil_cover"), units)
    assert list(cover) == [0.5, 0.3]
    subsided = UnitFacts(**{**units.__dict__, "dist_type": np.array(["subsidence"] * 2, object)})
    assert np.isnan(item_values(works.item("soil_cover"), subsided)).all()
    unlimited = UnitFacts(**{**units.__dict__, "limits": np.array(["ph", ""], object)})
    assert np.isnan(item_values(works.item("soil_improvement"), unlimited)).all()
    unknown_slope = UnitFacts(**{**units.__dict__, "slope_deg": np.array([np.nan, np.nan])})
    assert np.isnan(item_values(works.item("drainage_ditch"), unknown_slope)).all()


def test_levelling_without_a_dem_gives_no_quantity():
    works = works_of(pack_document())
    rows = works_rows(works, two_units(), None)
    assert not [r for r in rows if r.item == "land_levelling"]
    slopes = levelling_design_slopes(works, np.array(["cultivated", "forest", "water"], object))
    assert slopes[:2].tolist() == [5.0, 35.0]
    assert np.isnan(slopes[2])


def test_the_balance_closes():
    works = works_of(pack_document())
    rows = works_rows(works, two_units(), (np.array([800.0, 50.0]), np.array([700.0, 60.0])))
    result = balance(works, rows, stripped_m3=12_000.0)
    assert result.cover_m3 == pytest.approx(13_000.0)
    assert result.topsoil_shortfall_m3 == pytest.approx(1_000.0)
    assert result.topsoil_surplus_m3 == 0.0
    assert result.cut_m3 == pytest.approx(850.0)
    assert result.fill_m3 == pytest.approx(760.0)
    assert result.spoil_m3 == pytest.approx(90.0)
    assert result.borrow_m3 == 0.0
    # Every m³ accounted for: supply = use + surplus − shortfall, for both balances.
    closes = result.stripped_m3 - result.cover_m3 - result.topsoil_surplus_m3
    assert closes + result.topsoil_shortfall_m3 == pytest.approx(0.0, abs=1e-9)
    closes = result.cut_m3 - result.fill_m3 - result.spoil_m3 + result.borrow_m3
    assert closes == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rule": "volume"}, r"works\.items\.soil_cover\.rule: unknown value"),
        ({"unit": "m"}, r"works\.items\.soil_cover\.unit: rule 'depth' gives m3"),
        ({"value": {"cultivated": -1}}, r"value\.cultivated: a negative value"),
        ({"value": {"orchard": 1}}, r"value\.orchard: unknown key"),
        ({"source": "Nowhere"}, r"source 'Nowhere' is not listed"),
        ({"min_slope_deg": 10}, r"min_slope_deg: only perimeter items take it"),
        ({"damage_types": ["flood"]}, r"damage_types\[0\]: unknown value"),
    ],
)
def test_a_malformed_item_is_named(change, message):
    document = pack_document()
    document["works"]["items"]["soil_cover"].update(change)
    with pytest.raises(RulePackError, match=message):
        works_of(document)


def test_the_report_tables_of_quantities():
    from plugin.core.quantity_tables import balance_table, works_table

    rows = [
        {"unit_id": 2, "item": "tree_planting", "part": None, "unit": "plant", "quantity": 10.2},
        {"unit_id": 1, "item": "land_levelling", "part": "fill", "unit": "m3", "quantity": 5.0},
        {"unit_id": 1, "item": "land_levelling", "part": "cut", "unit": "m3", "quantity": 6.0},
        {"unit_id": 3, "item": "tree_planting", "part": None, "unit": "plant", "quantity": 0.3},
        {"unit_id": 1, "item": "soil_cover", "part": None, "unit": "m3", "quantity": 100.0},
        {"unit_id": 3, "item": "soil_cover", "part": None, "unit": "m3", "quantity": 50.5},
    ]
    for row in rows:
        row.update(item_name=row["item"], source="S", status="unverified")
    names = {item.key: item.name for item in works_of(pack_document()).items}
    table = works_table(rows, "zh", names).dicts()
    # The pack's order (cover, levelling cut then fill, …, trees); totals over the units;
    # plants rounded up to whole ones (10.5 -> 11).
    assert [(r["item_name"], r["units"], r["quantity"]) for r in table] == [
        ("覆土", 2, 150.5),
        ("土地平整（挖方）", 1, 6.0),
        ("土地平整（填方）", 1, 5.0),
        ("植树", 2, 11),
    ]
    assert [r["unit_name"] for r in table] == ["m³", "m³", "m³", "株"]
    english = works_table(rows, "en", names).dicts()
    assert english[1]["item_name"] == "land levelling (cut)"
    assert english[3]["unit_name"] == "plants"
    balance = balance_table([{"item": "earth_cut", "m3": 3.0}], "zh").dicts()
    assert balance == [{"item": "earth_cut", "item_name": "土地平整挖方", "m3": 3.0}]


def test_topsoil_hauled_nearest_first_within_the_limit():
    from plugin.core.quantities import assign_haul

    # A (0, 0) holds 100 m³, B (1000, 0) 50 m³; S1 (100, 0) needs 80, S2 (900, 0) 60,
    # S3 (5000, 0) 10. Nearest pairs first: A→S1 80 (100 m), B→S2 50 (100 m), A→S2 10
    # (900 m); S3 lies beyond the 2 km limit.
    haul = assign_haul(
        np.array([[0.0, 0.0], [1000.0, 0.0]]),
        np.array([100.0, 50.0]),
        np.array([[100.0, 0.0], [900.0, 0.0], [5000.0, 0.0]]),
        np.array([80.0, 60.0, 10.0]),
        limit_m=2000.0,
    )
    assert haul.served_m3.tolist() == [80.0, 60.0, 0.0]
    assert haul.distance_m[0] == pytest.approx(100.0)
    assert haul.distance_m[1] == pytest.approx((50 * 100 + 10 * 900) / 60)
    assert np.isnan(haul.distance_m[2])
    assert haul.unserved_m3(np.array([80.0, 60.0, 10.0])).tolist() == [0.0, 0.0, 10.0]
    assert haul.moved_m3_km == pytest.approx((80 * 100 + 50 * 100 + 10 * 900) / 1000)
    # Without a limit S3 gets A's last 10 m³ from 5 km.
    unlimited = assign_haul(
        np.array([[0.0, 0.0], [1000.0, 0.0]]),
        np.array([100.0, 50.0]),
        np.array([[100.0, 0.0], [900.0, 0.0], [5000.0, 0.0]]),
        np.array([80.0, 60.0, 10.0]),
    )
    assert unlimited.served_m3.tolist() == [80.0, 60.0, 10.0]
    assert unlimited.distance_m[2] == pytest.approx(5000.0)


def test_topsoil_goes_through_the_stockpiles_nearest_first():
    from plugin.core.quantities import assign_via_stockpiles

    # Two stripping areas (600 and 400 m³) on a line, two stockpiles (the first holds
    # 500 m³), one unit needing 800 m³ at x = 1000.
    sources = np.array([[0.0, 0.0], [100.0, 0.0]])
    piles = np.array([[50.0, 0.0], [900.0, 0.0]])
    hauled = assign_via_stockpiles(
        sources, [600.0, 400.0], piles, [500.0, np.nan], np.array([[1000.0, 0.0]]), [800.0]
    )
    # Leg 1: area 1 → pile 1 (50 m) 500 m³ (full), area 2 → pile 1 is full, area 1's
    # other 100 m³ → pile 2 (900 m), area 2 → pile 2 (800 m) 400 m³.
    assert hauled.stored.served_m3.tolist() == [500.0, 500.0]
    assert hauled.stockpiled_m3 == 1000.0
    # Leg 2: pile 2 (100 m away) gives its 500 m³ first, pile 1 (950 m) the other 300.
    assert hauled.delivered.served_m3.tolist() == [800.0]
    assert hauled.delivered.distance_m[0] == pytest.approx((500 * 100 + 300 * 950) / 800)
    moved = (500 * 50 + 100 * 900 + 400 * 800) / 1000 + (500 * 100 + 300 * 950) / 1000
    assert hauled.moved_m3_km == pytest.approx(moved)
    # Within 600 m only: pile 2 is out of reach of both areas; area 2 → pile 1 (50 m) is
    # blocked by its capacity, so 500 m³ stay unstored, and the unit gets nothing.
    near = assign_via_stockpiles(
        sources, [600.0, 400.0], piles, [500.0, np.nan], np.array([[1000.0, 0.0]]), [800.0],
        limit_m=600.0,
    )  # fmt: skip
    assert near.stockpiled_m3 == 500.0
    assert near.delivered.served_m3.tolist() == [0.0]
