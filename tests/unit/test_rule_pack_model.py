"""The rule-pack editor's Qt-free logic: editing with validation, copies, CSV, change report."""

from __future__ import annotations

import numpy as np
import pytest

from plugin.core.rules.pack import RulePackError, load_pack
from plugin.gui.rule_pack_model import (
    CellValue,
    PackDocument,
    compare_packs,
    error_targets,
    missing_factors,
    numbers,
    proposal_changes,
    read_number_cell,
    read_range_cell,
)
from tests.unit.rules_helpers import RULES_DIR, arrays, builtin


@pytest.fixture
def builtin_doc():
    return PackDocument.builtin("cn-reclamation", RULES_DIR)


@pytest.fixture
def copy_doc(builtin_doc):
    return builtin_doc.editable_copy()


def slope_row(document):
    return next(
        row
        for row in document.suitability_rows()
        if (row.use, row.factor) == ("cultivated", "slope_deg")
    )


# --- rows and cells -----------------------------------------------------------------------


def test_rows_show_limits_units_and_ranges(builtin_doc):
    row = slope_row(builtin_doc)
    assert row.limits == ("6", "15", "25")
    assert row.unit == "degree"
    assert row.status == "unverified"
    rows = {(r.use, r.factor): r for r in builtin_doc.suitability_rows()}
    assert rows["cultivated", "ph"].limits == ("5.5~8.5", "5~9", "4.5~9.5")
    assert rows["forest", "slope_deg"].limits == ("≤ 35", "", "")
    assert rows["forest", "soil_thickness_cm"].limits == ("≥ 30", "", "")
    assert rows["cultivated", "gravel_pct"].missing == "ignore"
    assert rows["cultivated", "slope_deg"].missing == "not_evaluated"  # the pack default


def test_degree_rows_leave_unknown_limits_empty(builtin_doc):
    rows = builtin_doc.degree_rows()
    subsidence = next(
        r
        for r in rows
        if (r.damage_type, r.indicator, r.land_use) == ("subsidence", "subsidence_m", "cultivated")
    )
    assert subsidence.limits == ("0.045", "", "")
    assert subsidence.unit == "m"
    assert subsidence.path.startswith("disturbance.types.subsidence.indicators[")


@pytest.mark.parametrize(
    ("text", "value"),
    [("15", 15), ("5.5", 5.5), (" 25° ", 25), ("30 cm", 30), ("≤ 35", 35), ("１５", 15)],
)
def test_number_cells(text, value):
    # Full-width digits typed with a Chinese input method are numbers too.
    assert read_number_cell(text, "cm") == CellValue(value)


def test_range_and_bad_cells():
    assert read_range_cell("5.8～7.8").value == [5.8, 7.8]
    assert read_range_cell("5..8").value == [5, 8]
    assert "not a range" in read_range_cell("5.8~").problem
    assert "not a number" in read_number_cell("abc").problem
    assert read_number_cell("", empty_allowed=True).value is None
    assert read_number_cell("").problem == "the limit is empty"


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("uses.cultivated.factors.slope_deg.limits", ("uses.cultivated.factors.slope_deg", None)),
        ("uses.cultivated.factors.ph.limits[1]", ("uses.cultivated.factors.ph", 1)),
        ("uses.forest.factors.slope_deg.max", ("uses.forest.factors.slope_deg", 0)),
        ("proposal.priority", ("proposal.priority", None)),
        ("proposal.ponding.min_depth_m.value", ("proposal.ponding.min_depth_m.value", None)),
    ],
)
def test_error_targets(path, target):
    assert error_targets(path) == target


# --- editing --------------------------------------------------------------------------------


def test_builtin_is_read_only_until_copied(builtin_doc):
    with pytest.raises(PermissionError):
        builtin_doc.set_limit("cultivated", "slope_deg", 0, 5)
    assert builtin_doc.document["uses"]["cultivated"]["factors"]["slope_deg"]["limits"][0] == 6
    copy = builtin_doc.editable_copy()
    assert copy.pack_id == "cn-reclamation-copy"
    assert copy.document["version"] == builtin_doc.document["version"]
    assert not copy.read_only
    assert copy.saved_path is None
    assert not copy.can_save  # no file yet: Save as…
    assert copy.original is builtin_doc.original


def test_non_monotonic_limit_is_refused_until_fixed(copy_doc):
    message = copy_doc.set_limit("cultivated", "slope_deg", 0, 30)
    assert "not monotonic" in message
    assert copy_doc.error.path == "uses.cultivated.factors.slope_deg.limits"
    assert not copy_doc.valid
    assert copy_doc.pack is None
    with pytest.raises(RulePackError):
        copy_doc.save("/nonexistent/never-written.json")
    assert copy_doc.set_limit("cultivated", "slope_deg", 0, 5) is None
    assert copy_doc.valid
    assert copy_doc.pack.uses["cultivated"].rules[0].limits == (5, 15, 25)


def test_unreadable_cell_keeps_the_document_invalid(copy_doc):
    message = copy_doc.set_limit_text("cultivated", "ph", 1, "5.5~")
    assert "'5.5~' is not a range" in message
    assert copy_doc.error.fix.startswith("write low~high")
    assert copy_doc.error.path == "uses.cultivated.factors.ph.limits[1]"
    # Another valid edit does not hide the unreadable cell.
    assert copy_doc.set_limit_text("cultivated", "slope_deg", 0, "5") is not None
    assert copy_doc.set_limit_text("cultivated", "ph", 1, "5.4~8.8") is None
    assert copy_doc.pack.uses["cultivated"].rules[2].limits[1] == (5.4, 8.8)


def test_nested_range_and_constraint_edits(copy_doc):
    message = copy_doc.set_limit_text("cultivated", "ph", 1, "6~8")
    assert "not nested" in message
    assert copy_doc.set_limit_text("cultivated", "ph", 1, "5.2~8.8") is None
    assert copy_doc.set_limit_text("forest", "slope_deg", 0, "30°") is None
    assert copy_doc.document["uses"]["forest"]["factors"]["slope_deg"]["max"] == 30
    assert "not a number" in copy_doc.set_limit_text("forest", "soil_thickness_cm", 0, "x")
    assert copy_doc.error.path == "uses.forest.factors.soil_thickness_cm.min"


def test_degree_limits_priority_slope_cap_and_header(copy_doc):
    row = next(r for r in copy_doc.degree_rows() if r.limits[0] == "0.045")
    assert copy_doc.set_degree_limit_text(row.damage_type, row.position, 1, "0.5") is None
    assert "do not increase" in copy_doc.set_degree_limit_text(
        row.damage_type, row.position, 1, "0.01"
    )
    assert copy_doc.set_degree_limit_text(row.damage_type, row.position, 1, "") is None
    assert "listed twice" in copy_doc.set_priority(["forest", "forest"])
    assert copy_doc.set_priority(["forest", "cultivated", "garden", "grass", "water"]) is None
    assert copy_doc.pack.proposal.priority[0] == "forest"
    assert copy_doc.set_slope_cap(15.0) is None
    assert copy_doc.document["proposal"]["cultivation_slope_cap_deg"]["value"] == 15
    assert "non-empty" in copy_doc.set_header("version", " ")
    assert copy_doc.set_header("version", "0.1.0-henan") is None


def test_save_under_a_chinese_folder_and_reload(copy_doc, tmp_path):
    copy_doc.set_limit("cultivated", "slope_deg", 0, 5)
    folder = tmp_path / "复垦规则"
    folder.mkdir()
    path = folder / "河南省.json"
    copy_doc.save(path)
    text = path.read_text(encoding="utf-8")
    assert "中国土地复垦适宜性评价" in text  # ensure_ascii=False
    assert text.startswith('{\n  "schema": 1,')  # indent 2, key order kept
    reloaded = load_pack(path)
    assert reloaded.id == "cn-reclamation-copy"
    assert reloaded.uses["cultivated"].rules[0].limits == (5, 15, 25)
    assert copy_doc.can_save
    assert not copy_doc.dirty


def test_csv_round_trip(copy_doc, tmp_path):
    copy_doc.set_limit("cultivated", "slope_deg", 0, 5)
    path = tmp_path / "规则.csv"
    copy_doc.export_csv(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    other = PackDocument.builtin("cn-reclamation", RULES_DIR).editable_copy()
    other.import_csv(path)
    assert other.valid
    assert other.document["uses"] == copy_doc.document["uses"]
    assert other.document["disturbance"] == copy_doc.document["disturbance"]


def test_csv_import_names_the_row_of_an_invalid_rule(copy_doc, tmp_path):
    path = tmp_path / "bad.csv"
    copy_doc.export_csv(path)
    text = path.read_text(encoding="utf-8-sig").replace(
        "cultivated,slope_deg,,lower_better,6,15,25", "cultivated,slope_deg,,lower_better,30,15,25"
    )
    path.write_text(text, encoding="utf-8-sig")
    before = copy_doc.to_json()
    with pytest.raises(RulePackError) as caught:
        copy_doc.import_csv(path)
    assert caught.value.origin == str(path)
    assert caught.value.path.startswith("row 2 (uses.cultivated.factors.slope_deg.limits")
    assert copy_doc.to_json() == before
    path.write_text(text.replace(",30,15,25", ",abc,15,25"), encoding="utf-8-sig")
    with pytest.raises(RulePackError, match="row 2, column limit_1"):
        copy_doc.import_csv(path)


# --- what would change ---------------------------------------------------------------------

# Three hand-computed units (cn-reclamation, priority_first):
#   A slope 5.5°, soil 80 cm, pH 7: cultivated grade 1 (grade 2 if limit_1 is 5): cultivated.
#   B slope 18°, soil 80 cm: cultivated grade 3; above a 15° cap cultivated is N and garden
#     (slope grade 3, soil grade 2) is grade 3 -> garden.
#   C slope 22°, soil 40 cm: cultivated grade 3; above a 15° cap, or with limit_3 20°, N;
#     garden N (soil < 50 cm); forest (slope <= 35°, soil >= 30 cm) -> forest.
FACTORS = arrays(slope_deg=[5.5, 18, 22], soil_thickness_cm=[80, 80, 40], ph=[7, 7, 7])
AREAS = np.array([1e4, 4e4, 9e4])  # 1, 4 and 9 ha


def edited(change):
    document = PackDocument.builtin("cn-reclamation", RULES_DIR).editable_copy()
    assert change(document) is None
    return document.pack


def transitions(report):
    return [(t.from_use, t.to_use, t.units, round(t.hectares, 6)) for t in report.transitions]


def test_limit_1_of_five_degrees_changes_grade_not_use():
    pack = edited(lambda d: d.set_limit("cultivated", "slope_deg", 0, 5))
    report = compare_packs(builtin("cn-reclamation"), pack, FACTORS, AREAS)
    assert (report.units_total, report.units_changed, report.hectares_changed) == (3, 0, 0)
    assert report.hectares_total == pytest.approx(14)
    assert report.transitions == ()


def test_stricter_slope_cap_moves_two_units():
    report = compare_packs(
        builtin("cn-reclamation"), edited(lambda d: d.set_slope_cap(15)), FACTORS, AREAS
    )
    assert report.units_changed == 2
    assert report.hectares_changed == pytest.approx(13)
    assert transitions(report) == [
        ("cultivated", "forest", 1, 9.0),
        ("cultivated", "garden", 1, 4.0),
    ]


def test_lower_limit_3_moves_the_steepest_unit():
    pack = edited(lambda d: d.set_limit("cultivated", "slope_deg", 2, 20))
    report = compare_packs(builtin("cn-reclamation"), pack, FACTORS, AREAS)
    assert transitions(report) == [("cultivated", "forest", 1, 9.0)]


def test_forest_first_moves_every_unit():
    order = ["forest", "cultivated", "garden", "grass", "water"]
    report = compare_packs(
        builtin("cn-reclamation"), edited(lambda d: d.set_priority(order)), FACTORS, AREAS
    )
    assert (report.units_changed, report.hectares_changed) == (3, pytest.approx(14))
    assert transitions(report) == [("cultivated", "forest", 3, 14.0)]


def test_proposal_changes_counts_not_evaluated_and_missing_areas():
    before = np.array(["cultivated", "", "forest", "keep", "forest"], dtype=object)
    after = np.array(["garden", "forest", "forest", "grass", "grass"], dtype=object)
    area = np.array([2e4, 1e4, 5e4, np.nan, 3e4])
    report = proposal_changes(before, after, area)
    assert report.units_changed == 4
    assert report.hectares_changed == pytest.approx(6)
    assert transitions(report) == [
        ("forest", "grass", 1, 3.0),
        ("cultivated", "garden", 1, 2.0),
        ("", "forest", 1, 1.0),
        ("keep", "grass", 1, 0.0),
    ]


def test_empty_layer_reports_nothing():
    empty = arrays(slope_deg=[], soil_thickness_cm=[], ph=[])
    report = compare_packs(
        builtin("cn-reclamation"), builtin("cn-reclamation"), empty, np.array([])
    )
    assert (report.units_total, report.units_changed, report.transitions) == (0, 0, ())


def test_missing_factors_and_numbers():
    assert missing_factors([builtin("cn-reclamation")], ["slope_deg"]) == [
        "ph",
        "soil_thickness_cm",
    ]
    assert np.isnan(numbers([None, "", 3, "4.5"], "f")).tolist() == [True, True, False, False]
    with pytest.raises(ValueError, match="“坡度” holds “steep” \\(feature 2\\)"):
        numbers([1, "steep"], "坡度")


def test_csv_import_names_the_row_of_an_invalid_degree_row(copy_doc, tmp_path):
    path = tmp_path / "degree.csv"
    copy_doc.export_csv(path)
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    number = next(i for i, line in enumerate(lines, start=1) if ",0.045,," in line)
    lines[number - 1] = lines[number - 1].replace(",0.045,,", ",0.045,0.01,")
    path.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    with pytest.raises(RulePackError, match="do not increase") as caught:
        copy_doc.import_csv(path)
    assert caught.value.path.startswith(f"row {number} (disturbance.types.subsidence.indicators[")


def test_an_edited_number_is_the_users_until_its_source_is_stated(copy_doc, tmp_path):
    # A value changed in the editor no longer claims its standard: source User-edit,
    # status unverified, the old value in the note; a value typed as it was keeps its
    # provenance; the saved pack loads and cites User-edit for the edited rule only.
    ph_before = dict(copy_doc.rule("cultivated", "ph"))
    assert copy_doc.set_limit_text("cultivated", "ph", 0, "5.5~8.5") is None  # the same
    assert copy_doc.rule("cultivated", "ph")["source"] == ph_before["source"]
    assert copy_doc.set_limit_text("cultivated", "slope_deg", 0, "5") is None
    slope = copy_doc.rule("cultivated", "slope_deg")
    assert (slope["source"], slope["status"]) == ("User-edit", "unverified")
    assert slope["note"].startswith("edited in the rule-pack editor, was 6")
    assert copy_doc.set_limit_text("cultivated", "slope_deg", 0, "4") is None
    assert copy_doc.rule("cultivated", "slope_deg")["note"].count("edited") == 1
    assert copy_doc.set_works_value_text("soil_cover", "cultivated", "0.6") is None
    assert copy_doc.document["works"]["items"]["soil_cover"]["status"] == "unverified"
    path = tmp_path / "省级.json"
    copy_doc.save(path)
    pack = load_pack(path)
    slope_rule = next(r for r in pack.uses["cultivated"].rules if r.factor == "slope_deg")
    assert slope_rule.provenance.source == "User-edit"
    assert slope_rule.limits[0] == 4
