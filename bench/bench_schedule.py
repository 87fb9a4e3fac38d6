"""Benchmark: the work plan's stages under budgets (reclamation:scheduleplan's core).

Random units (benefit = area 0.5–10 hm², cost 1–10 × 10⁴ 元, ready in a random stage of
six) and stage budgets of 40–90 % of an even share of the total cost, as in the issue's
target: 1 000 units × 6 stages in under 2 s. For 1 000, 5 000 and 20 000 units, prints the
time of ``place`` as scheduleplan runs it (the greedy fill, kept when the linear
relaxation proves it within 0.5 %, else the MILP), and of the MILP (SciPy/HiGHS, stopping
at a 0.5 % gap) and the greedy fill alone with their gaps.

    .venv/bin/python bench/bench_schedule.py [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plugin.core.schedule import place  # noqa: E402 (the project on the path first)

STAGES = 6


def case(units: int, seed: int = 7) -> tuple:
    rng = np.random.default_rng(seed)
    first = rng.integers(0, STAGES, units)
    last = np.full(units, STAGES - 1)
    benefit = rng.uniform(0.5, 10, units)
    cost = rng.uniform(1, 10, units) * 1e4
    budgets = {t: float(cost.sum() / STAGES * rng.uniform(0.4, 0.9)) for t in range(STAGES)}
    return first, last, benefit, cost, budgets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    for units in args.sizes:
        first, last, benefit, cost, budgets = case(units)
        results = {}
        for solver in ("auto", "milp", "greedy"):
            started = time.perf_counter()
            results[solver] = place(first, last, benefit, cost, budgets, STAGES, solver=solver)
            results[solver + "_s"] = time.perf_counter() - started
        auto, milp, greedy = results["auto"], results["milp"], results["greedy"]
        gap = 1 - greedy.objective / milp.bound
        print(
            f"{units:>6} units × {STAGES} stages: "
            f"as scheduleplan runs it {results['auto_s']:.2f} s "
            f"({auto.solver}, gap ≤ {auto.gap:.2%}); MILP alone {results['milp_s']:.2f} s "
            f"(gap ≤ {milp.gap:.2%}); greedy alone {results['greedy_s']:.2f} s "
            f"({greedy.objective / milp.objective:.4f} × MILP's objective, gap ≤ {gap:.2%})",
            flush=True,
        )


if __name__ == "__main__":
    main()
