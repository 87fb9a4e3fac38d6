"""GB 15618-2018 screening: the values file, its loader and the exceedance rating."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

from plugin.core.pollution import (
    FILE_NAME,
    POLLUTION_UNDECIDED,
    RulePackError,
    exceedance,
    load_standard,
    numeric,
    parse_standard,
    ph_band,
)
from plugin.core.rules.vocabulary import STATUSES
from tests.helpers import ROOT

STANDARD_PATH = ROOT / "resources" / "standards" / FILE_NAME


@pytest.fixture(scope="module")
def standard():
    return load_standard(STANDARD_PATH)


@pytest.fixture
def document():
    return json.loads(STANDARD_PATH.read_text(encoding="utf-8"))


# --- the values file ---------------------------------------------------------------------

# The values as found in the public reproductions (see the file's sources): land-use
# columns paddy, other, orchard; pH bands ≤5.5, 5.5–6.5, 6.5–7.5, >7.5.
SCREENING = {
    "Cd": ([0.3, 0.4, 0.6, 0.8], [0.3, 0.3, 0.3, 0.6], [0.3, 0.3, 0.3, 0.6]),
    "Hg": ([0.5, 0.5, 0.6, 1.0], [1.3, 1.8, 2.4, 3.4], [1.3, 1.8, 2.4, 3.4]),
    "As": ([30, 30, 25, 20], [40, 40, 30, 25], [40, 40, 30, 25]),
    "Pb": ([80, 100, 140, 240], [70, 90, 120, 170], [70, 90, 120, 170]),
    "Cr": ([250, 250, 300, 350], [150, 150, 200, 250], [150, 150, 200, 250]),
    "Cu": ([50, 50, 100, 100], [50, 50, 100, 100], [150, 150, 200, 200]),
    "Ni": ([60, 70, 100, 190],) * 3,
    "Zn": ([200, 200, 250, 300],) * 3,
    "HCH": ([0.10] * 4,) * 3,
    "DDT": ([0.10] * 4,) * 3,
    "BaP": ([0.55] * 4,) * 3,
}
INTERVENTION = {
    "Cd": [1.5, 2.0, 3.0, 4.0],
    "Hg": [2.0, 2.5, 4.0, 6.0],
    "As": [200, 150, 120, 100],
    "Pb": [400, 500, 700, 1000],
    "Cr": [800, 850, 1000, 1300],
}


def test_the_table_holds_the_values_found(standard):
    assert set(standard.pollutants) == set(SCREENING)
    for key, columns in SCREENING.items():
        np.testing.assert_array_equal(standard.pollutants[key].screening, np.array(columns))
        intervention = standard.pollutants[key].intervention
        if key in INTERVENTION:
            np.testing.assert_array_equal(intervention, np.array([INTERVENTION[key]] * 3))
        else:
            assert intervention is None


def test_every_row_says_where_it_comes_from_and_none_claims_the_standard(standard):
    for limits in standard.pollutants.values():
        for row in (*limits.screening_rows, *limits.intervention_rows):
            assert row.status in STATUSES
            assert row.status != "verified"  # the standard's own text was not read
            assert row.status != "secondary" or len(set(row.sources)) >= 2
            assert all(source in standard.sources for source in row.sources)
    assert standard.ph_limits == (5.5, 6.5, 7.5)
    assert standard.not_found


def test_only_table_2_items_ignore_ph(standard):
    independent = {key for key, limits in standard.pollutants.items() if not limits.ph_dependent}
    assert independent == {"HCH", "DDT", "BaP"}


# --- pH bands ---------------------------------------------------------------------------


def test_a_ph_on_a_limit_belongs_to_the_lower_band():
    ph = [4.0, 5.5, 5.5001, 6.5, 6.5001, 7.5, 7.5001, 9.0, np.nan]
    np.testing.assert_array_equal(ph_band(ph), [0, 0, 1, 1, 2, 2, 3, 3, -1])


# --- exceedance --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ph", "screening_ratio", "intervention_ratio", "pollution_class"),
    [
        (5.5, 0.6 / 0.3, 0.6 / 1.5, 1),  # pH ≤ 5.5
        (6.5, 0.6 / 0.4, 0.6 / 2.0, 1),  # 5.5 < pH ≤ 6.5
        (7.5, 0.6 / 0.6, 0.6 / 3.0, 0),  # equal to the screening value: not exceeded
        (7.6, 0.6 / 0.8, 0.6 / 4.0, 0),  # pH > 7.5
    ],
)
def test_cadmium_in_a_paddy_at_each_band_boundary(
    standard, ph, screening_ratio, intervention_ratio, pollution_class
):
    result = exceedance({"Cd": [0.6]}, [ph], ["paddy"], standard)
    assert result.screening_ratio[0] == pytest.approx(screening_ratio)
    assert result.intervention_ratio[0] == pytest.approx(intervention_ratio)
    assert result.pollution_class[0] == pollution_class
    assert result.worst_pollutant[0] == "Cd"


@pytest.mark.parametrize(
    ("ph", "expected"),
    [(5.5, 1.6 / 1.5), (5.51, 1.6 / 2.0), (6.5, 1.6 / 2.0), (7.5, 1.6 / 3.0)],
)
def test_intervention_band_boundaries(standard, ph, expected):
    result = exceedance({"Cd": [1.6]}, [ph], ["other"], standard)
    assert result.intervention_ratio[0] == pytest.approx(expected)
    assert result.pollution_class[0] == (2 if expected > 1 else 1)


def test_arsenic_limits_fall_as_ph_rises(standard):
    result = exceedance({"As": [35.0] * 4}, [5.5, 6.5, 7.5, 8.0], ["other"] * 4, standard)
    np.testing.assert_allclose(result.screening_ratio, [35 / 40, 35 / 40, 35 / 30, 35 / 25])
    np.testing.assert_allclose(result.intervention_ratio, [35 / 200, 35 / 150, 35 / 120, 35 / 100])
    np.testing.assert_array_equal(result.pollution_class, [0, 0, 1, 1])


def test_the_worst_pollutant_decides(standard):
    # pH 7.0, other land: Pb 150 / 120 = 1.25 beats Cd 0.36 / 0.3 = 1.2 and Zn 100 / 250.
    result = exceedance({"Cd": [0.36], "Pb": [150.0], "Zn": [100.0]}, [7.0], ["other"], standard)
    assert result.worst_pollutant[0] == "Pb"
    assert result.screening_ratio[0] == pytest.approx(1.25)
    assert result.intervention_ratio[0] == pytest.approx(max(0.36 / 3.0, 150 / 700))
    assert result.pollution_class[0] == 1
    assert result.rated[0] == 3


def test_intervention_is_the_worst_over_its_own_pollutants(standard):
    # Hg is far over its intervention value while Cu leads the screening ratios.
    result = exceedance({"Hg": [2.6], "Cu": [400.0]}, [6.0], ["paddy"], standard)
    assert result.worst_pollutant[0] == "Cu"
    assert result.screening_ratio[0] == pytest.approx(400 / 50)
    assert result.intervention_ratio[0] == pytest.approx(2.6 / 2.5)
    assert result.pollution_class[0] == 2


def test_copper_uses_the_orchard_column(standard):
    result = exceedance({"Cu": [120.0] * 3}, 7.0, np.array(["orchard", "other", "paddy"]), standard)
    np.testing.assert_allclose(result.screening_ratio, [120 / 200, 120 / 100, 120 / 100])
    np.testing.assert_array_equal(result.pollution_class, [0, 1, 1])
    assert np.all(np.isnan(result.intervention_ratio))  # copper has no intervention value


def test_nan_and_text_concentrations_are_ignored(standard):
    result = exceedance(
        {"Cd": [np.nan, "ND", None], "Pb": [35.0, "<5", 200.0]},
        [6.0, 6.0, 6.0],
        ["other"] * 3,
        standard,
    )
    np.testing.assert_allclose(result.screening_ratio, [35 / 90, np.nan, 200 / 90])
    np.testing.assert_array_equal(result.worst_pollutant, ["Pb", "", "Pb"])
    np.testing.assert_array_equal(result.pollution_class, [0, POLLUTION_UNDECIDED, 1])
    np.testing.assert_array_equal(result.rated, [1, 0, 1])


def test_a_sample_without_numeric_concentrations_is_flagged(standard):
    result = exceedance(
        {"镉": ["ND", -1.0], "Pb": [np.nan, None]}, [6.0, 7.0], ["other", "paddy"], standard
    )
    np.testing.assert_array_equal(result.pollution_class, [POLLUTION_UNDECIDED] * 2)
    np.testing.assert_array_equal(result.no_numeric_concentration, [True, True])
    assert list(result.worst_pollutant) == ["", ""]


def test_without_ph_only_ph_independent_pollutants_are_rated(standard):
    result = exceedance(
        {"BaP": [0.66, 0.66, 0.1, 0.1], "Cd": [np.nan, 0.2, 9.0, np.nan]},
        [np.nan] * 4,
        ["other"] * 4,
        standard,
    )
    np.testing.assert_allclose(result.screening_ratio, [1.2, 1.2, 0.1 / 0.55, 0.1 / 0.55])
    np.testing.assert_array_equal(result.unrated, [0, 1, 1, 0])
    # Cd without a pH could raise the class: undecided, never silently clean.
    np.testing.assert_array_equal(result.pollution_class, [1, POLLUTION_UNDECIDED, -1, 0])
    assert not result.no_numeric_concentration.any()


def test_class_two_stands_even_with_an_unrated_pollutant(standard):
    result = exceedance({"Hg": [7.0], "Cd": [0.1]}, [8.0], ["paddy"], standard)
    assert result.pollution_class[0] == 2
    result = exceedance({"HCH": [0.5], "Cd": [0.1]}, [np.nan], ["paddy"], standard)
    assert result.pollution_class[0] == POLLUTION_UNDECIDED  # HCH has no intervention value


def test_names_aliases_and_scalar_inputs(standard):
    result = exceedance(
        {"CD": np.array([[0.4, 0.03]]), "铅": [[90.0, 60.0]]}, 6.0, "other", standard
    )
    assert result.screening_ratio.shape == (1, 2)
    np.testing.assert_allclose(result.screening_ratio, [[0.4 / 0.3, 60 / 90]])
    np.testing.assert_array_equal(result.worst_pollutant, [["Cd", "Pb"]])
    assert standard.pollutant_key(" Benzo(a)pyrene ") == "BaP"
    assert standard.pollutant_key("六六六") == "HCH"
    assert standard.pollutant_key("Sb") is None


def test_unknown_pollutants_duplicates_and_land_uses_are_refused(standard):
    with pytest.raises(ValueError, match="no values for Sb"):
        exceedance({"Cd": [0.1], "Sb": [3.0]}, [6.0], ["other"], standard)
    with pytest.raises(ValueError, match="two columns stand for Cd"):
        exceedance({"Cd": [0.1], "镉": [0.1]}, [6.0], ["other"], standard)
    with pytest.raises(ValueError, match=r"unknown land use.*dry"):
        exceedance({"Cd": [0.1, 0.1]}, [6.0, 6.0], ["other", "dry"], standard)
    with pytest.raises(ValueError, match="no pollutant"):
        exceedance({}, [6.0], ["other"], standard)


def test_numeric_columns():
    np.testing.assert_array_equal(
        numeric(["0.3", None, "ND", "<0.1", 2, ""]), [0.3, np.nan, np.nan, np.nan, 2.0, np.nan]
    )
    assert numeric(np.array([1, 2], dtype=np.int32)).dtype == np.float64


# --- loader errors -----------------------------------------------------------------------


def edit_and_parse(document, edit):
    changed = copy.deepcopy(document)
    edit(changed)
    return parse_standard(changed, "my-gb15618.json")


@pytest.mark.parametrize(
    ("edit", "where", "what"),
    [
        (lambda d: d.pop("unit"), r"\$\.unit", "missing key"),
        (lambda d: d.update(unit="g/kg"), "unit", "unknown value"),
        (lambda d: d.update(schema=2), "schema", "unknown schema"),
        (
            lambda d: d["ph_bands"].update(upper_limits=[6.5, 5.5, 7.5]),
            "upper_limits",
            "increasing",
        ),
        (
            lambda d: d["pollutants"]["Cd"]["screening"][0].update(status="sure"),
            "status",
            "unknown",
        ),
        (
            lambda d: d["pollutants"]["Cd"]["screening"][0].update(sources=["SRS"]),
            r"Cd\.screening\[0\]\.status",
            "two independent",
        ),
        (
            lambda d: d["pollutants"]["Pb"]["screening"][1].update(sources=["SRS", "Blog"]),
            r"Pb\.screening\[1\]\.sources\[1\]",
            "not listed",
        ),
        (
            lambda d: d["pollutants"]["Hg"]["screening"][0].update(values=[0.5, 0.5, 0.6]),
            r"Hg\.screening\[0\]\.values",
            "one per pH band",
        ),
        (
            lambda d: d["pollutants"]["As"]["screening"][0].update(values=[30, 30, 0, 20]),
            r"As\.screening\[0\]\.values",
            "positive",
        ),
        (
            lambda d: d["pollutants"]["Cr"]["screening"][0].update(land_use=["paddy", "other"]),
            r"Cr\.screening\[1\]\.land_use",
            "appears in two rows",
        ),
        (
            lambda d: d["pollutants"]["Cu"]["screening"].pop(0),
            r"Cu\.screening",
            "no row for orchard",
        ),
        (
            lambda d: d["pollutants"]["Pb"]["intervention"][0].update(values=[400, 500, 100, 1000]),
            r"Pb\.intervention",
            "not above the screening value",
        ),
        (
            lambda d: d["pollutants"]["Zn"].update(aliases=["zn", "cd"]),
            r"aliases",
            "also stands for",
        ),
        (lambda d: d["pollutants"]["Ni"].update(limit=3), r"Ni\.limit", "unknown key"),
    ],
)
def test_loader_names_the_file_the_key_and_the_problem(document, edit, where, what):
    with pytest.raises(RulePackError, match=f"^my-gb15618.json: .*{where}.*{what}"):
        edit_and_parse(document, edit)


def test_loader_reports_bad_json_with_the_file_name(tmp_path):
    path = tmp_path / "国标.json"
    path.write_text('{"schema": 1,', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"国标\.json.*invalid JSON"):
        load_standard(path)
    with pytest.raises(RulePackError, match="cannot read"):
        load_standard(tmp_path / "missing.json")


def test_an_edited_copy_with_a_bom_loads(tmp_path, document):
    document["pollutants"]["Cd"]["screening"][1]["values"] = [0.25, 0.3, 0.3, 0.6]
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8-sig")
    edited = load_standard(path)
    assert edited.pollutants["Cd"].screening[1, 0] == 0.25
