"""Panel fields pre-selected by name (采厚, 埋深, 倾角, 下沉系数, 主要影响角正切 …)."""

from plugin.core.panel_fields import suggest_panel_fields


def test_the_sample_mine_panel_fields():
    fields = ["fid", "编号", "采厚", "埋深", "倾角", "下沉系数", "主要影响角正切", "开采时间"]
    assert suggest_panel_fields(fields) == {
        "THICKNESS": "采厚",
        "DEPTH": "埋深",
        "DIP": "倾角",
        "SUBSIDENCE_FACTOR": "下沉系数",
        "TAN_BETA": "主要影响角正切",
    }


def test_english_and_exact_names():
    fields = ["Mining_Thickness", "depth", "DIP_DIRECTION", "dip", "tan_beta", "offset"]
    assert suggest_panel_fields(fields) == {
        "THICKNESS": "Mining_Thickness",
        "DEPTH": "depth",
        "DIP_DIRECTION": "DIP_DIRECTION",
        "DIP": "dip",
        "TAN_BETA": "tan_beta",
        "OFFSET": "offset",
    }


def test_dip_direction_is_not_taken_for_the_dip():
    assert suggest_panel_fields(["倾向"]) == {"DIP_DIRECTION": "倾向"}
    assert suggest_panel_fields(["煤层倾角", "倾向方位角"]) == {
        "DIP": "煤层倾角",
        "DIP_DIRECTION": "倾向方位角",
    }


def test_unrelated_fields_give_nothing():
    assert suggest_panel_fields(["名称", "面积", "备注"]) == {}


def test_the_mining_year_field_is_suggested():
    from plugin.core.panel_fields import suggest_mining_year_field

    assert suggest_mining_year_field(["工作面", "采厚", "开采年份"]) == "开采年份"
    assert suggest_mining_year_field(["panel", "Mining_Year"]) == "Mining_Year"
    assert suggest_mining_year_field(["采厚", "埋深"]) is None
