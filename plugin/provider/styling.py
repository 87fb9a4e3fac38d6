"""Styles of output layers and the post-processors that apply them in the project.

Land-use colours are the 三调 palette in ``resources/styles/landuse_palette.json`` (with its
sources and status). Each output layer gets a layer post-processor that applies the style,
the map tip and puts the layer into one layer-tree group named after the run. QGIS keeps
only a reference to a Python post-processor, so live instances are held here until used
(qgis/QGIS#48087).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRenderer,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsLineSymbol,
    QgsMapLayer,
    QgsPalLayerSettings,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingLayerPostProcessorInterface,
    QgsProject,
    QgsRasterLayer,
    QgsRasterShader,
    QgsReadWriteContext,
    QgsRendererCategory,
    QgsSimpleFillSymbolLayer,
    QgsSingleBandPseudoColorRenderer,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from ..compat import is_null
from ..core.accounting import code_name
from ..core.labels import DAMAGE_TYPE_NAMES, in_language
from ..core.rules.landuse_codes import LAND_USE_CODES
from ..core.rules.pack import RulePack
from ..core.rules.vocabulary import EVALUATED_USES, GRADE_N, NOT_EVALUATED, RESTORE_USE
from ..core.suitability import GRADE_WORDS, use_label
from ..paths import resource

# Grade colours: a green-to-red ramp (1 best … N), grey for not evaluated.
GRADE_COLOURS = {
    1: "#1a9641",
    2: "#a6d96a",
    3: "#fdae61",
    GRADE_N: "#d7191c",
    NOT_EVALUATED: "#bdbdbd",
}
OUTLINE = "#7f7f7f"

_LIVE: list[QgsProcessingLayerPostProcessorInterface] = []


@cache
def palette() -> dict[str, Any]:
    """The 三调 colour table (code -> hex and provenance)."""
    return json.loads(resource("styles", "landuse_palette.json").read_text(encoding="utf-8"))


def code_colour(code: str) -> str:
    """Hex colour of a GB/T 21010 code; 'keep'/'' use the palette's plugin choices."""
    table = palette()
    if code in table["colours"]:
        return table["colours"][code]["hex"]
    key = "not_evaluated" if not code else "keep"
    return table[key]["hex"]


def _fill(colour: str) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {"color": colour, "outline_color": OUTLINE, "outline_width": "0.2"}
    )


def language_tag(language: str) -> str:
    return "zh_CN" if language.startswith("zh") else "en"


def style_file(kind: str, language: str, pack_id: str = "") -> Path:
    """resources/styles/<kind>[.<pack>].<zh_CN|en>.qml (written by scripts/make_styles.py)."""
    stem = f"{kind}.{pack_id}" if pack_id else kind
    return resource("styles", f"{stem}.{language_tag(language)}.qml")


def shipped_renderer(kind: str, language: str, pack_id: str = "") -> Any:
    """The renderer of a shipped QML style (edit the file to restyle), or None."""
    path = style_file(kind, language, pack_id)
    if not path.is_file():
        return None
    document = QDomDocument()
    if not document.setContent(path.read_text(encoding="utf-8")):
        return None
    element = document.documentElement().firstChildElement("renderer-v2")
    return QgsFeatureRenderer.load(element, QgsReadWriteContext()) if not element.isNull() else None


def proposed_use_renderer(pack: RulePack, language: str) -> QgsCategorizedSymbolRenderer:
    """Categories of ``use_proposed``, coloured by the GB/T 21010 code of each use."""
    zh = language.startswith("zh")
    categories = []
    uses = [*pack.proposal.priority, pack.proposal.fallback, ""]
    for use in dict.fromkeys(uses):
        code = pack.proposal.codes.get(use, "")
        name = in_language(LAND_USE_CODES[code], language) if code else ""
        label = f"{code} {name} · {use_label(use, language)}" if code else use_label(use, language)
        label += _other_codes(pack, use, zh)
        colour = code_colour(code) if code else code_colour("keep" if use else "")
        categories.append(QgsRendererCategory(use, _fill(colour), label))
    restored = pack.proposal.restore_previous
    if restored:
        names = [f"{code} {in_language(LAND_USE_CODES[code], language)}" for code in restored]
        label = f"{use_label(RESTORE_USE, language)} · {' · '.join(names)}"
        categories.insert(
            -1, QgsRendererCategory(RESTORE_USE, _fill(code_colour(restored[0])), label)
        )
    return QgsCategorizedSymbolRenderer("use_proposed", categories)


def _other_codes(pack: RulePack, use: str, zh: bool) -> str:
    """The other GB/T 21010 classes a use's units may take (kept classes of before the
    damage, the reservoir class of large ponds), for the legend: one colour per use."""
    others = list(pack.proposal.keep_previous.get(use, ()))
    if use == "water" and "water" in pack.proposal.codes:
        others.append(pack.proposal.reservoir_code)
    if not others:
        return ""
    names = [f"{code} {in_language(LAND_USE_CODES[code], 'zh' if zh else 'en')}" for code in others]
    # " · " between the parts: a legend that wraps there keeps each class on its own line.
    return f" · 含 {' · '.join(names)}" if zh else f" · also {' · '.join(names)}"


def grade_renderer(use: str, pack: RulePack, language: str) -> QgsCategorizedSymbolRenderer:
    words = GRADE_WORDS.get(pack.grade_labels, GRADE_WORDS["cn"])
    categories = [
        QgsRendererCategory(grade, _fill(GRADE_COLOURS[grade]), in_language(words[grade], language))
        for grade in (1, 2, 3, GRADE_N, NOT_EVALUATED)
    ]
    return QgsCategorizedSymbolRenderer(f"grade_{use}", categories)


def run_group_name(title: str) -> str:
    return f"{title} {datetime.now():%Y-%m-%d %H:%M}"


def place_in_group(layer: QgsMapLayer, project: QgsProject, group_name: str) -> None:
    """Move the layer's tree node into the group (created on top when missing)."""
    root = project.layerTreeRoot()
    node = root.findLayer(layer.id())
    group = root.findGroup(group_name)
    if node is not None and node.parent() is group:
        return
    if group is None:
        group = root.insertGroup(0, group_name)
    if not isinstance(group, QgsLayerTreeGroup):
        return
    group.insertLayer(-1, layer)
    if node is not None:
        node.parent().removeChildNode(node)


class StylePostProcessor(QgsProcessingLayerPostProcessorInterface):
    """Applies a style function and places the layer in the run's group."""

    def __init__(self, style: Callable[[Any], None], group_name: str) -> None:
        super().__init__()
        self.style = style
        self.group_name = group_name

    def postProcessLayer(  # noqa: N802 (QGIS API)
        self, layer: QgsMapLayer, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> None:
        try:
            self.style(layer)
            layer.triggerRepaint()
            project = context.project() or QgsProject.instance()
            place_in_group(layer, project, self.group_name)
        finally:
            if self in _LIVE:
                _LIVE.remove(self)


def attach(
    context: QgsProcessingContext,
    destination: str,
    style: Callable[[QgsVectorLayer], None],
    group_name: str,
) -> None:
    """Give an output that will be loaded a post-processor (kept alive until it runs)."""
    if not context.willLoadLayerOnCompletion(destination):
        return
    processor = StylePostProcessor(style, group_name)
    _LIVE.append(processor)
    details = context.layerToLoadOnCompletionDetails(destination)
    details.setPostProcessor(processor)


def suitability_style(
    pack: RulePack, language: str, areas_hm2: Mapping[str, float] | None = None
) -> Callable[[QgsVectorLayer], None]:
    """Proposed use as the current style; one extra named style per use with its grades.
    ``areas_hm2`` (area by proposed use, when the run has it) saves reading the layer for
    the legend's areas."""

    def apply(layer: QgsVectorLayer) -> None:
        manager = layer.styleManager()
        for use in EVALUATED_USES:
            if layer.fields().indexOf(f"grade_{use}") < 0:
                continue
            name = f"grade {use}"
            if name not in manager.styles():
                manager.addStyleFromLayer(name)
            manager.setCurrentStyle(name)
            layer.setRenderer(grade_renderer(use, pack, language))
        default = "proposed use"
        if default not in manager.styles():
            manager.addStyleFromLayer(default)
        manager.setCurrentStyle(default)
        renderer = shipped_renderer("proposed_use", language, pack.id) or proposed_use_renderer(
            pack, language
        )
        layer.setRenderer(with_areas(layer, renderer, "use_proposed", areas_hm2))
        layer.setMapTipTemplate("[% replace(\"explain\", '\\n', '<br>') %]")
        layer.setDisplayExpression('"dlbm" || \' \' || "dlmc"')
        label_units(layer)

    return apply


def label_units(layer: QgsVectorLayer) -> None:
    """Each evaluation unit labelled with its number (unit_id), as 附图 number 图斑."""
    if layer.fields().indexOf("unit_id") < 0:
        return
    settings = QgsPalLayerSettings()
    settings.fieldName = "unit_id"
    text = settings.format()
    text.setSize(7)
    buffer = text.buffer()
    buffer.setEnabled(True)
    buffer.setSize(0.6)
    text.setBuffer(buffer)
    settings.setFormat(text)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


# Damage type hues (degree sets the lightness): 挖损 red, 压占 brown, 塌陷 blue, 污染 purple.
DAMAGE_HUES = {
    "excavation": "#b2182b",
    "occupation": "#8c510a",
    "subsidence": "#2166ac",
    "pollution": "#762a83",
}
# Share of white mixed into the hue per degree: light pale, severe full colour.
DEGREE_WHITE = {1: 0.65, 2: 0.35, 3: 0.0, None: 0.85}


def _lighter(hex_colour: str, white: float) -> str:
    colour = QColor(hex_colour)
    mixed = [round(c + (255 - c) * white) for c in (colour.red(), colour.green(), colour.blue())]
    return QColor(*mixed).name()


# Category key of a disturbed polygon: type, degree, and "_default" where the degree is the
# rule pack's default (degree_basis; older layers without the field have no such classes).
DAMAGE_KEY = (
    "\"dist_type\" || '_' || coalesce(to_string(\"dist_degree\"), 'undecided') || "
    "if(attribute($currentfeature, 'degree_basis') = 'default', '_default', '')"
)
DEFAULT_DEGREE_WORDS = ("（规则包默认值，未核实）", " (rule-pack default, not verified)")


def _hatched(colour: str) -> QgsFillSymbol:
    """A degree nobody assessed: the degree's colour under grey hatching."""
    symbol = _fill(colour)
    symbol.appendSymbolLayer(
        QgsSimpleFillSymbolLayer.create(
            {"color": "80,80,80,170", "style": "b_diagonal", "outline_style": "no"}
        )
    )
    return symbol


def damage_renderer(language: str) -> QgsCategorizedSymbolRenderer:
    """Categories of type × degree: hue by type, lightness by degree, bilingual labels; a
    degree that is the rule pack's default is hatched and says so."""
    categories = []
    for damage_type, hue in DAMAGE_HUES.items():
        type_label = in_language(DAMAGE_TYPE_NAMES[damage_type], language)
        for degree in (3, 2, 1, None):
            key = f"{damage_type}_{degree if degree is not None else 'undecided'}"
            degree_label = in_language(DEGREE_LABEL_WORDS[degree], language)
            colour = _lighter(hue, DEGREE_WHITE[degree])
            label = f"{type_label} · {degree_label}"
            categories.append(QgsRendererCategory(key, _fill(colour), label))
            if degree is not None:
                categories.append(
                    QgsRendererCategory(
                        f"{key}_default",
                        _hatched(colour),
                        label + in_language(DEFAULT_DEGREE_WORDS, language),
                    )
                )
    return QgsCategorizedSymbolRenderer(DAMAGE_KEY, categories)


# The province table: a plan made, a mine that failed, a run cancelled.
STATUS_COLOURS = {"done": "#a6d96a", "failed": "#d7191c", "cancelled": "#bdbdbd"}


def province_style(status_names: Mapping[str, str]) -> Callable[[QgsVectorLayer], None]:
    """Mines by status (a failed mine red and hatched), a map tip with the mine's figures
    or its reason."""

    def apply(layer: QgsVectorLayer) -> None:
        categories = [
            QgsRendererCategory(
                status,
                _hatched(colour) if status == "failed" else _fill(colour),
                status_names.get(status, status),
            )
            for status, colour in STATUS_COLOURS.items()
        ]
        layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
        layer.setMapTipTemplate(
            '<b>[% "name" %]</b> ([% "mine_id" %]): [% "status_name" %]<br>'
            '[% "message" %][% round("damaged_hm2", 4) %] hm² · [% "rate_pct" %] %'
        )

    return apply


DEGREE_LABEL_WORDS = {
    1: ("轻度", "light"),
    2: ("中度", "moderate"),
    3: ("重度", "severe"),
    None: ("程度未定", "degree undecided"),
}


def disturbance_style(language: str) -> Callable[[QgsVectorLayer], None]:
    def apply(layer: QgsVectorLayer) -> None:
        renderer = shipped_renderer("damage", language) or damage_renderer(language)
        layer.setRenderer(with_areas(layer, renderer, DAMAGE_KEY))
        zh = language.startswith("zh")
        tip = (
            '[% "dist_type" %] [% "dist_degree" %]<br>'
            + ("损毁前地类" if zh else "before")
            + ': [% "dlbm_before" %] [% "dlmc_before" %]<br>'
            + ("证据" if zh else "evidence")
            + ': [% "evidence" %]<br>[% round("area_hm2", 4) %] hm²'
        )
        layer.setMapTipTemplate(tip)

    return apply


# Subsidence rasters: white (none) to deep blue (deepest), in metres or the raster's unit.
SUBSIDENCE_RAMP = ("#f7fbff", "#6baed6", "#08306b")


def raster_ramp_style(maximum: float, unit: str) -> Callable[[Any], None]:
    """Pseudo-colour from 0 to ``maximum`` (values above it take the last colour)."""

    def apply(layer: Any) -> None:
        if not isinstance(layer, QgsRasterLayer):
            return
        top = maximum if maximum > 0 else 1.0
        items = [
            QgsColorRampShader.ColorRampItem(
                top * share, QColor(colour), f"{top * share:.3g} {unit}"
            )
            for share, colour in zip((0.0, 0.5, 1.0), SUBSIDENCE_RAMP, strict=True)
        ]
        ramp = QgsColorRampShader(0.0, top)
        ramp.setColorRampType(QgsColorRampShader.Interpolated)
        ramp.setColorRampItemList(items)
        shader = QgsRasterShader()
        shader.setRasterShaderFunction(ramp)
        renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
        renderer.setClassificationMin(0.0)
        renderer.setClassificationMax(top)
        layer.setRenderer(renderer)

    return apply


def contour_style(field_name: str) -> Callable[[Any], None]:
    """Dark blue contour lines labelled with their value."""

    def apply(layer: Any) -> None:
        if not isinstance(layer, QgsVectorLayer):
            return
        symbol = QgsLineSymbol.createSimple({"color": "#08306b", "width": "0.3"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        settings = QgsPalLayerSettings()
        settings.fieldName = f"format_number(\"{field_name}\", 2) || ' m'"
        settings.isExpression = True
        settings.placement = QgsPalLayerSettings.Line
        layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
        layer.setLabelsEnabled(True)

    return apply


def with_areas(
    layer: QgsVectorLayer,
    renderer: QgsCategorizedSymbolRenderer,
    key: str,
    totals: Mapping[str, float] | None = None,
) -> QgsCategorizedSymbolRenderer:
    """Legend labels with the area of each class, "… (12.3456 hm²)", from ``area_hm2``;
    ``key`` is the field or expression the categories are made of. ``totals`` (hm² by
    class) when the caller has them already; else the layer is read."""
    if layer.fields().indexOf("area_hm2") < 0:
        return renderer
    if totals is None:
        totals = _class_areas(layer, key)
    for index, category in enumerate(renderer.categories()):
        total = totals.get(str(category.value()), 0.0)
        renderer.updateCategoryLabel(index, f"{category.label()} ({total:.4f} hm²)")
    return renderer


def _class_areas(layer: QgsVectorLayer, key: str) -> dict[str, float]:
    """The sum of ``area_hm2`` by value of ``key`` (a field or an expression)."""
    expression = QgsExpression(key if not layer.fields().names().count(key) else f'"{key}"')
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    # Only the columns the key and the area need, and no geometry unless the key does.
    request = QgsFeatureRequest()
    if not expression.needsGeometry():
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    request.setSubsetOfAttributes([*expression.referencedColumns(), "area_hm2"], layer.fields())
    totals: dict[str, float] = {}
    for feature in layer.getFeatures(request):
        context.setFeature(feature)
        value = expression.evaluate(context)
        area = feature["area_hm2"]
        if not is_null(area):
            name = "" if value is None else str(value)
            totals[name] = totals.get(name, 0.0) + float(area)
    return totals


def landuse_renderer(
    codes: Iterable[str], language: str, field_name: str = "DLBM"
) -> QgsCategorizedSymbolRenderer:
    """Categories of the GB/T 21010 codes present, in the 三调 colours of
    resources/styles/landuse_palette.json, labelled "code name" in ``language``."""
    categories = []
    for code in sorted({str(c) for c in codes if c}):
        symbol = QgsFillSymbol.createSimple(
            {"color": code_colour(code), "outline_color": "#9a9a9a", "outline_width": "0.1"}
        )
        label = f"{code} {code_name(code, language)}".strip()
        categories.append(QgsRendererCategory(code, symbol, label))
    return QgsCategorizedSymbolRenderer(field_name, categories)


def outline_renderer(
    colour: str, width: str = "0.6", style: str = "solid"
) -> QgsSingleSymbolRenderer:
    """An unfilled outline: a boundary drawn over the other layers."""
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": colour, "outline_width": width, "outline_style": style}
    )
    return QgsSingleSymbolRenderer(symbol)


def corridor_renderer() -> QgsSingleSymbolRenderer:
    """Ecological corridors: a bold orange line (the study boundary is red and dashed)."""
    return QgsSingleSymbolRenderer(QgsLineSymbol.createSimple({"color": "#ff7f00", "width": "1.0"}))


def eco_source_renderer() -> QgsSingleSymbolRenderer:
    """Ecological sources: dark green hatching and outline, so that the land under them
    (forest proposed by the plan is green too) stays visible."""
    symbol = QgsFillSymbol.createSimple(
        {
            "color": "#0b5d1e",
            "style": "b_diagonal",
            "outline_color": "#0b5d1e",
            "outline_width": "0.6",
        }
    )
    return QgsSingleSymbolRenderer(symbol)


def legend_labels(kind: str, layer: QgsVectorLayer, language: str) -> dict[str, str]:
    """The legend labels of a layer styled by the plugin, in ``language``, by category
    value: "damage" (type × degree), "plan" (proposed uses of the units' rule pack), or
    any layer categorised by GB/T 21010 code. For a map sheet whose language differs from
    the one the layer was styled in; the layer's own style is left as it is."""
    renderer: Any = None
    names = layer.fields().names()
    if kind == "damage" and {"dist_type", "dist_degree"} <= set(names):
        renderer = shipped_renderer("damage", language) or damage_renderer(language)
        renderer = with_areas(layer, renderer, DAMAGE_KEY)
    elif kind == "plan" and {"use_proposed", "rule_pack"} <= set(names):
        pack = _pack_of(layer)
        if pack is not None:
            renderer = shipped_renderer("proposed_use", language, pack.id)
            renderer = with_areas(
                layer, renderer or proposed_use_renderer(pack, language), "use_proposed"
            )
    if renderer is not None:
        return {str(c.value()): c.label() for c in renderer.categories()}
    current = layer.renderer()
    if not isinstance(current, QgsCategorizedSymbolRenderer):
        return {}
    codes = [str(c.value()) for c in current.categories()]
    return {
        code: f"{code} {code_name(code, language)}" for code in codes if code_name(code, language)
    }


def _pack_of(layer: QgsVectorLayer) -> RulePack | None:
    """The rule pack a suitability layer names (its first feature's ``rule_pack``)."""
    from ..core.rules.pack import RulePackError, resolve_pack
    from ..paths import resource

    for feature in layer.getFeatures():
        label = str(feature["rule_pack"] or "").split()
        try:
            return resolve_pack(label[0], resource("rules")) if label else None
        except (RulePackError, OSError, ValueError):
            return None
    return None
