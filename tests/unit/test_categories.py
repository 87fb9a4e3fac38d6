"""Soil texture names and codes (resources/standards/soil_texture_classes.json)."""

import pytest

from plugin.core.categories import load_vocabulary
from tests.helpers import ROOT

VOCABULARY = load_vocabulary(ROOT / "resources" / "standards" / "soil_texture_classes.json")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("砂土", 1),
        ("砂壤", 2),
        ("沙壤土", 2),
        ("轻壤土", 3),
        ("中壤土", 4),
        (" 中壤 ", 4),
        ("重壤土", 5),
        ("粘土", 6),
        ("重黏土", 6),
        ("Medium loam", 4),
        ("4", 4),
        (3, 3),
        (2.0, 2),
    ],
)
def test_names_and_codes(value, code):
    assert VOCABULARY.code(value) == code


def test_unknown_text_is_not_a_class():
    assert VOCABULARY.code("壤土") is None  # which loam? not guessed
    assert VOCABULARY.code("inf") is None
    assert VOCABULARY.factor == "texture"
