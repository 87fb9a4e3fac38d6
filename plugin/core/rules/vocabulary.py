"""The fixed names of the public contract: factors, uses, grades (DESIGN.md §3)."""

from __future__ import annotations

# Canonical factor name -> unit.
FACTORS: dict[str, str] = {
    "slope_deg": "degree",
    "soil_thickness_cm": "cm",
    "organic_matter_gkg": "g/kg",
    "ph": "",
    "gravel_pct": "% vol",
    "bulk_density": "g/cm3",
    "texture": "class",
    "ec_dsm": "dS/m",
    "irrigation": "class",
    "drainage": "class",
    "subsidence_m": "m",
    "gw_depth_m": "m",
    "ponding_m": "m",
    "elev_change_m": "m",
    "pollution": "class",
    "dist_water_m": "m",
}

# Uses a pack grades, and the extra outcomes the proposal policy may choose.
EVALUATED_USES: tuple[str, ...] = ("cultivated", "garden", "forest", "grass", "water")
PROPOSAL_ONLY_USES: tuple[str, ...] = ("construction", "keep")

# Grade codes in output arrays and fields.
NOT_EVALUATED = 0
GRADE_N = 4
GRADES: tuple[int, ...] = (1, 2, 3, GRADE_N)
GRADE_LABELS: dict[str, dict[int, str]] = {
    "cn": {0: "未评价", 1: "一等", 2: "二等", 3: "三等", 4: "不宜"},
    "fao": {0: "NR", 1: "S1", 2: "S2", 3: "S3", 4: "N"},
}

# How trustworthy a number is (domain.md tags): [V] verified, [S] secondary, or neither.
STATUSES: tuple[str, ...] = ("verified", "secondary", "unverified")

MISSING_POLICIES: tuple[str, ...] = ("ignore", "worst", "not_evaluated")
METHODS: tuple[str, ...] = ("limiting_factor", "index_sum")
