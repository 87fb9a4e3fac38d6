"""Rule packs through a spreadsheet: CSV export and import keep every rule and Chinese text."""

from __future__ import annotations

import csv
import io
import json

import pytest

from plugin.core.rules.csv_table import COLUMNS, export_csv, import_csv
from plugin.core.rules.pack import RulePackError, parse_pack
from tests.unit.rules_helpers import RULES_DIR


def _document(pack_id: str) -> dict:
    return json.loads((RULES_DIR / f"{pack_id}.json").read_text(encoding="utf-8"))


def _rule_tables(document: dict) -> tuple[dict, dict]:
    return document["uses"], document["disturbance"]["types"]


@pytest.mark.parametrize("pack_id", ["cn-reclamation", "fao-sys"])
def test_round_trip_keeps_every_rule(tmp_path, pack_id):
    document = _document(pack_id)
    path = tmp_path / "规则表.csv"
    export_csv(document, path)
    back = import_csv(document, path)
    assert _rule_tables(back) == _rule_tables(document)
    assert parse_pack(back, str(path)).uses.keys() == parse_pack(document, "x").uses.keys()


def test_export_is_utf8_with_bom_and_one_row_per_rule(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == COLUMNS
    rules = sum(len(use["factors"]) for use in document["uses"].values())
    suitability = [row for row in rows if row["section"] == "suitability"]
    assert len(suitability) == rules
    slope = next(r for r in suitability if r["use"] == "cultivated" and r["factor"] == "slope_deg")
    assert (slope["limit_1"], slope["limit_2"], slope["limit_3"]) == ("6", "15", "25")
    assert slope["measure_zh"] == "修筑梯田、等高种植"
    ph = next(r for r in suitability if r["use"] == "cultivated" and r["factor"] == "ph")
    assert ph["limit_1"] == "5.5~8.5"


def _edit(path, use: str, factor: str, **cells) -> None:
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    for row in rows:
        if row["use"] == use and row["factor"] == factor:
            row.update(cells)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def test_an_edit_in_the_spreadsheet_reaches_the_pack(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    _edit(path, "cultivated", "slope_deg", limit_1="5", limit_3="20", measure_zh="坡改梯")
    pack = parse_pack(import_csv(document, path), str(path))
    slope = next(rule for rule in pack.uses["cultivated"].rules if rule.factor == "slope_deg")
    assert slope.limits == (5, 15, 20)
    assert slope.measure["zh"] == "坡改梯"


def test_excel_gbk_semicolons_and_full_width_punctuation(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    _edit(path, "cultivated", "ph", limit_1="6.0～7.5")  # full-width tilde from an IME
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    gbk = tmp_path / "excel.csv"
    # As Excel saves it: semicolons, cells holding one (categories "1:3; 2:2") in quotes.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    gbk.write_bytes(buffer.getvalue().encode("gb18030"))
    pack = parse_pack(import_csv(document, gbk), str(gbk))
    ph = next(rule for rule in pack.uses["cultivated"].rules if rule.factor == "ph")
    assert ph.limits[0] == (6.0, 7.5)


def test_bad_cells_name_the_file_row_and_column(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    _edit(path, "cultivated", "slope_deg", limit_2="fifteen")
    with pytest.raises(RulePackError, match=r"rules.csv: row 2, column limit_2: 'fifteen'"):
        import_csv(document, path)


def test_non_monotonic_edit_is_caught_by_the_pack_validation(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    _edit(path, "cultivated", "slope_deg", limit_1="30")
    with pytest.raises(RulePackError, match=r"uses\.cultivated\.factors\.slope_deg\.limits"):
        parse_pack(import_csv(document, path), str(path))


def test_missing_header_column(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text("section,use\nsuitability,cultivated\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="missing column"):
        import_csv(_document("cn-reclamation"), path)


def test_the_works_block_round_trips_and_edits(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "工程措施.csv"
    export_csv(document, path)
    rows = list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))
    works = [r for r in rows if r["section"] == "works"]
    cover = [r for r in works if r["factor"] == "soil_cover"]
    assert {(r["use"], r["limit_1"]) for r in cover} == {
        ("cultivated", "0.5"),
        ("forest", "0.3"),
        ("grass", "0.3"),
    }
    assert {r["damage_types"] for r in cover} == {"excavation;occupation"}
    assert {r["cover"] for r in cover} == {"true"}
    back = import_csv(document, path)
    assert parse_pack(back, "back").works == parse_pack(document, "x").works
    # An edit of one cell reaches the pack: dry land gets 1 m of cover.
    _edit(path, "cultivated", "soil_cover", limit_1="1")
    edited = parse_pack(import_csv(document, path), "edited").works
    assert edited.item("soil_cover").value_for("cultivated") == 1.0
    assert edited.item("soil_cover").value_for("forest") == 0.3


def test_a_table_without_works_rows_keeps_the_packs_works(tmp_path):
    document = _document("cn-reclamation")
    path = tmp_path / "rules.csv"
    export_csv(document, path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = [r for r in csv.DictReader(text.splitlines()) if r["section"] != "works"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    assert import_csv(document, path)["works"] == document["works"]


def test_terraces_round_trip(tmp_path):
    document = _document("cn-reclamation")
    document["works"]["items"]["land_levelling"]["terraces"] = {
        "value": {"cultivated": 20, "forest": 8.5},
        "source": "Plugin-default",
        "status": "unverified",
        "note": "bench widths of a design",
    }
    path = tmp_path / "梯田.csv"
    export_csv(document, path)
    rows = list(csv.DictReader(path.read_bytes().decode("utf-8-sig").splitlines()))
    terraces = [r for r in rows if r["kind"] == "terraces"]
    assert {(r["factor"], r["use"], r["limit_1"]) for r in terraces} == {
        ("land_levelling", "cultivated", "20"),
        ("land_levelling", "forest", "8.5"),
    }
    back = parse_pack(import_csv(document, path), "back").works.item("land_levelling")
    assert back.terraces == {"cultivated": 20.0, "forest": 8.5}
    assert back.terraces_provenance.status == "unverified"
