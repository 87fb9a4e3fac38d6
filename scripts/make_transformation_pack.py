"""Write resources/rules/cn-transformation.json from cn-reclamation.json: the same rules, with
the second lives of mine land (photovoltaics, construction, ecology and tourism) turned on
and construction replacing the proposal where it is suitable.

    .venv/bin/python scripts/make_transformation_pack.py

Run it after changing cn-reclamation; tests/unit/test_reuse.py fails while the two differ
in anything else.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "resources" / "rules"
SOURCE, TARGET = RULES / "cn-reclamation.json", RULES / "cn-transformation.json"
VERSION = "0.1.0"


def transformation(document: dict) -> dict:
    """cn-reclamation with its second lives on."""
    pack = copy.deepcopy(document)
    pack["id"] = "cn-transformation"
    pack["version"] = f"{VERSION}+{document['version']}"
    pack["title"] = {
        "zh": "中国土地复垦与矿山转型利用（极限条件法）",
        "en": "Chinese reclamation and second lives of mine land (limiting-factor method)",
    }
    pack["reuse"]["enabled"] = True
    pack["reuse"]["replace"] = True
    pack["reuse"]["note"] = (
        "Second lives on: photovoltaics and ecology and tourism are assessed beside the "
        "reclaimed use, construction replaces the proposal where it is suitable"
    )
    return pack


def main() -> None:
    document = json.loads(SOURCE.read_text(encoding="utf-8"))
    TARGET.write_text(
        json.dumps(transformation(document), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
