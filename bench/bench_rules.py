"""Benchmark: grade 1,000,000 units for every use of the built-in packs (make bench)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugin.core.rules.engine import evaluate  # noqa: E402
from plugin.core.rules.pack import load_pack  # noqa: E402
from plugin.core.rules.proposal import propose  # noqa: E402

UNITS = 1_000_000


def random_factors(rng: np.random.Generator) -> dict[str, np.ndarray]:
    return {
        "slope_deg": rng.uniform(0, 40, UNITS),
        "soil_thickness_cm": rng.uniform(0, 150, UNITS),
        "ph": rng.uniform(4, 9.5, UNITS),
        "gravel_pct": rng.uniform(0, 70, UNITS),
        "ec_dsm": rng.uniform(0, 12, UNITS),
        "pollution": rng.integers(0, 3, UNITS).astype(float),
        "ponding_m": np.where(rng.random(UNITS) < 0.1, rng.uniform(0, 3, UNITS), np.nan),
        "organic_matter_gkg": rng.uniform(0, 40, UNITS),
        "bulk_density": rng.uniform(1.0, 1.8, UNITS),
        "subsidence_m": rng.uniform(0, 4, UNITS),
    }


def main() -> None:
    rng = np.random.default_rng(20261128)
    factors = random_factors(rng)
    for pack_id in ("cn-reclamation", "fao-sys"):
        pack = load_pack(ROOT / "resources" / "rules" / f"{pack_id}.json")
        rules = sum(len(use.rules) for use in pack.uses.values())
        start = time.perf_counter()
        results = evaluate(pack, factors)
        graded = time.perf_counter() - start
        start = time.perf_counter()
        propose(pack, results, factors)
        proposed = time.perf_counter() - start
        print(
            f"{pack_id}: {UNITS:,} units x {len(pack.uses)} uses ({rules} rules): "
            f"grading {graded:.2f} s ({UNITS / graded:,.0f} units/s), "
            f"proposal {proposed:.2f} s"
        )


if __name__ == "__main__":
    main()
