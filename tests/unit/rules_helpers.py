"""Shared access to the built-in rule packs for the unit tests."""

from __future__ import annotations

from functools import cache

import numpy as np

from plugin.core.rules.pack import RulePack, load_pack
from tests.helpers import ROOT

RULES_DIR = ROOT / "resources" / "rules"


@cache
def builtin(pack_id: str) -> RulePack:
    return load_pack(RULES_DIR / f"{pack_id}.json")


def arrays(**columns) -> dict[str, np.ndarray]:
    return {name: np.asarray(values, dtype=float) for name, values in columns.items()}
