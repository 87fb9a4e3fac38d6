"""Damage-degree rows of the packs: grading by hand-checked boundaries, empty limits refused."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from plugin.core.rules.degree import DegreeRuleError, grade_degree
from plugin.core.rules.pack import RulePackError, parse_pack
from plugin.core.rules.vocabulary import DEGREE_UNDECIDED
from tests.unit.rules_helpers import RULES_DIR, builtin


def _document(pack_id: str = "cn-reclamation") -> dict:
    return json.loads((RULES_DIR / f"{pack_id}.json").read_text(encoding="utf-8"))


def _with_rows(damage_type: str, rows: list[dict], default: int | None = None) -> object:
    document = _document()
    block = {"indicators": rows}
    if default is not None:
        block["default_degree"] = {
            "value": default,
            "source": "Plugin-default",
            "status": "unverified",
        }
    document["disturbance"]["types"][damage_type] = block
    return parse_pack(document, "test").disturbance


def _row(indicator: str, limits: list, land_use: str = "any", note: str = "") -> dict:
    row = {"indicator": indicator, "land_use": land_use, "limits": limits}
    row.update({"source": "Plugin-default", "status": "unverified"})
    if note:
        row["note"] = note
    return row


@pytest.mark.parametrize("pack_id", ["cn-reclamation", "fao-sys"])
def test_packs_carry_the_damage_tables_with_unknown_values_left_empty(pack_id):
    disturbance = builtin(pack_id).disturbance
    assert set(disturbance.types) == {"excavation", "subsidence", "occupation", "pollution"}
    assert disturbance.combine == "worst"
    subsidence = disturbance.types["subsidence"]
    # TD/T 1031.3-2011 (土地复垦方案编制规程 第3部分：井工煤矿), appendix: the damage-degree
    # thresholds could not be obtained from the official text, so they must stay empty.
    official = [row for row in subsidence.rows if row.provenance.source == "TDT1031.3-2011"]
    assert official
    assert all(limit is None for row in official for limit in row.limits)
    # Xu, Zhao, Hu, Yu & Shao 2014, Bull. Eng. Geol. Environ. 73(2):621–633 (Yanzhou): mild
    # damage to cultivated land begins at 45 mm subsidence / 0.5° (9 mm/m) additional tilt.
    by_key = {(row.indicator, row.land_use): row for row in subsidence.rows}
    assert by_key["subsidence_m", "cultivated"].limits == (0.045, None, None)
    assert by_key["tilt_mm_m", "cultivated"].limits == (9, None, None)
    assert by_key["subsidence_m", "cultivated"].provenance.status == "verified"


def test_upper_bound_inclusive_degrees_from_three_limits():
    rules = _with_rows("occupation", [_row("dump_height_m", [0, 5, 15])])
    heights = np.array([0, 0.01, 5, 5.01, 15, 15.01, np.nan])
    result = grade_degree(rules, "occupation", {"dump_height_m": heights})
    assert result.degree.tolist() == [0, 1, 1, 2, 2, 3, DEGREE_UNDECIDED]


def test_worst_indicator_decides_and_is_named():
    rules = _with_rows(
        "subsidence", [_row("subsidence_m", [0.01, 1, 3]), _row("tilt_mm_m", [3, 10, 20])]
    )
    result = grade_degree(
        rules,
        "subsidence",
        {"subsidence_m": np.array([0.5, 2.0, np.nan]), "tilt_mm_m": np.array([25, 1, 4])},
    )
    # 0.5 m -> light, 25 mm/m -> severe; 2.0 m -> moderate, 1 mm/m -> none; only tilt 4 -> light
    assert result.degree.tolist() == [3, 2, 1]
    assert [result.indicators[i] for i in result.deciding] == [
        "tilt_mm_m",
        "subsidence_m",
        "tilt_mm_m",
    ]


def test_land_use_rows_override_the_general_row():
    rules = _with_rows(
        "subsidence",
        [_row("subsidence_m", [0.1, 1, 2]), _row("subsidence_m", [0.045, 0.5, 1], "cultivated")],
    )
    result = grade_degree(
        rules,
        "subsidence",
        {"subsidence_m": np.array([0.8, 0.8])},
        np.array(["cultivated", "forest"], dtype=object),
    )
    assert result.degree.tolist() == [2, 1]


def test_default_degree_fills_units_without_values():
    rules = _with_rows("excavation", [_row("excavation_depth_m", [0, 2, 10])], default=3)
    result = grade_degree(rules, "excavation", {"excavation_depth_m": np.array([1.0, np.nan])})
    assert result.degree.tolist() == [1, 3]
    assert result.from_default.tolist() == [False, True]


def test_empty_limits_grade_what_they_can_and_refuse_the_rest():
    disturbance = builtin("cn-reclamation").disturbance
    below = grade_degree(
        disturbance,
        "subsidence",
        {"subsidence_m": np.array([0.02, 0.045])},
        np.array(["cultivated", "cultivated"], dtype=object),
    )
    assert below.degree.tolist() == [0, 0]
    with pytest.raises(DegreeRuleError, match=r"1 subsidence_m value\(s\) above 0.045"):
        grade_degree(
            disturbance,
            "subsidence",
            {"subsidence_m": np.array([0.02, 0.3])},
            np.array(["cultivated", "cultivated"], dtype=object),
        )


def test_an_indicator_the_pack_does_not_define_is_named():
    with pytest.raises(DegreeRuleError, match="no crack_width_cm limits for excavation"):
        grade_degree(
            builtin("cn-reclamation").disturbance,
            "excavation",
            {"crack_width_cm": np.array([1.0])},
        )


def test_pollution_class_and_exceedance():
    disturbance = builtin("cn-reclamation").disturbance
    by_class = grade_degree(disturbance, "pollution", {"pollution": np.array([0, 1, 2])})
    assert by_class.degree.tolist() == [0, 1, 3]
    ratio = np.array([0.9, 1.0, 1.5, 2.0, 2.5, 3.0, 6.0])
    by_ratio = grade_degree(disturbance, "pollution", {"pollution_exceedance": ratio})
    assert by_ratio.degree.tolist() == [0, 0, 1, 1, 2, 2, 3]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rows: rows[0].update(limits=[1, 0.5, 2]), "do not increase"),
        (lambda rows: rows[0].update(limits=[1, 2]), "expected 3 limits"),
        (lambda rows: rows[0].update(indicator="depth"), "unknown value 'depth'"),
        (lambda rows: rows[0].update(land_use="farm"), "unknown value 'farm'"),
        (lambda rows: rows.append(copy.deepcopy(rows[0])), "listed twice"),
        (lambda rows: rows[0].update(limits=[None, None, None], note=""), "need a note"),
    ],
)
def test_bad_degree_rows_name_the_path(mutate, message):
    document = _document()
    rows = document["disturbance"]["types"]["occupation"]["indicators"]
    rows[0]["note"] = "given"
    rows[0]["limits"] = [0, 5, 15]
    mutate(rows)
    with pytest.raises(RulePackError, match=message) as caught:
        parse_pack(document, "pack.json")
    assert "disturbance.types.occupation" in str(caught.value)


def test_precedence_lists_every_type_once():
    assert builtin("cn-reclamation").disturbance.precedence == (
        "excavation",
        "occupation",
        "subsidence",
        "pollution",
    )
    document = _document()
    document["disturbance"]["precedence"]["order"] = ["excavation", "occupation"]
    with pytest.raises(RulePackError, match=r"disturbance\.precedence\.order"):
        parse_pack(document, "pack.json")


def test_lenient_grading_leaves_what_empty_limits_cannot_grade_undecided_and_counts_it():
    disturbance = builtin("cn-reclamation").disturbance
    result = grade_degree(
        disturbance,
        "subsidence",
        {"subsidence_m": np.array([0.02, 0.3, 1.5, np.nan])},
        np.array(["cultivated", "cultivated", "forest", "forest"], dtype=object),
        strict=False,
    )
    # 0.02 m <= 45 mm on cultivated land: no damage (Xu 2014); 0.3 m: beyond the known
    # limit; forest: only the empty "any" row. Subsidence has no default degree.
    assert result.degree.tolist() == [0, DEGREE_UNDECIDED, DEGREE_UNDECIDED, DEGREE_UNDECIDED]
    assert result.ungraded == {"subsidence_m": 2}


def test_lenient_grading_falls_back_to_the_default_degree():
    disturbance = builtin("cn-reclamation").disturbance
    result = grade_degree(
        disturbance, "excavation", {"excavation_depth_m": np.array([12.0, np.nan])}, strict=False
    )
    assert result.degree.tolist() == [3, 3]  # the pack's default (severe), marked unverified
    assert result.from_default.tolist() == [True, True]
    assert result.ungraded == {"excavation_depth_m": 1}


def test_a_value_beyond_empty_limits_is_damage_that_none_elsewhere_cannot_undo():
    # The flat centre of a basin: 2.6 m subsidence (beyond the known 45 mm on cultivated
    # land) but tilt 3 mm/m (below the known 9 mm/m -> "none"): damaged, degree undecided.
    disturbance = builtin("cn-reclamation").disturbance
    result = grade_degree(
        disturbance,
        "subsidence",
        {"subsidence_m": np.array([2.6, 0.02]), "tilt_mm_m": np.array([3.0, 3.0])},
        np.array(["cultivated", "cultivated"], dtype=object),
        strict=False,
    )
    assert result.degree.tolist() == [DEGREE_UNDECIDED, 0]
