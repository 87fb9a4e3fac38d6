"""Write the shipped QML styles (resources/styles/*.qml) from the plugin's style builders.

The outputs load these files when they exist, so a bureau can restyle its outputs by
editing them in QGIS (Layer Properties › Style › Save as QML). Colours come from the 三调
palette in resources/styles/landuse_palette.json. Run `make styles` after changing either.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

LANGUAGES = ("zh_CN", "en")


def _save(layer: QgsVectorLayer, path: Path) -> None:
    message, ok = layer.saveNamedStyle(str(path))
    if not ok:
        raise SystemExit(f"cannot write {path}: {message}")
    print(f"wrote {path.relative_to(ROOT)}")


def main() -> int:
    application = QgsApplication([], False)
    application.initQgis()
    from plugin.core.rules.pack import builtin_pack_ids, resolve_pack
    from plugin.paths import resource
    from plugin.provider.styling import damage_renderer, proposed_use_renderer, style_file

    rules = resource("rules")
    for language in LANGUAGES:
        for pack_id in builtin_pack_ids(rules):
            pack = resolve_pack(pack_id, rules)
            layer = QgsVectorLayer("Polygon?field=use_proposed:string", "proposed", "memory")
            layer.setRenderer(proposed_use_renderer(pack, language))
            _save(layer, style_file("proposed_use", language, pack_id))
        layer = QgsVectorLayer(
            "Polygon?field=dist_type:string&field=dist_degree:integer", "damage", "memory"
        )
        layer.setRenderer(damage_renderer(language))
        _save(layer, style_file("damage", language))
    application.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
