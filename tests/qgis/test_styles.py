"""The shipped QML styles: current with the style builders, and used by the outputs."""

from __future__ import annotations

import pytest

from plugin.core.rules.pack import builtin_pack_ids, resolve_pack
from plugin.paths import resource
from plugin.provider.styling import (
    damage_renderer,
    proposed_use_renderer,
    shipped_renderer,
    style_file,
)

LANGUAGES = ("zh_CN", "en")


def _categories(renderer):
    return [(str(c.value()), c.label(), c.symbol().color().name()) for c in renderer.categories()]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pack_id", builtin_pack_ids(resource("rules")))
def test_shipped_proposed_use_style_is_current(qgis_app, language, pack_id):
    pack = resolve_pack(pack_id, resource("rules"))
    assert style_file("proposed_use", language, pack_id).is_file(), "run make styles"
    shipped = shipped_renderer("proposed_use", language, pack_id)
    assert _categories(shipped) == _categories(proposed_use_renderer(pack, language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_damage_style_is_current(qgis_app, language):
    shipped = shipped_renderer("damage", language)
    assert shipped.classAttribute() == damage_renderer(language).classAttribute()
    assert _categories(shipped) == _categories(damage_renderer(language))


def test_chinese_labels_in_the_chinese_style(qgis_app):
    labels = [label for _, label, _ in _categories(shipped_renderer("damage", "zh_CN"))]
    assert "挖损 · 重度" in labels
