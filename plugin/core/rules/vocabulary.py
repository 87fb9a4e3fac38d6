"""The fixed names of the public contract: factors, uses, grades."""

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
# Land of a supporting use before damage (rural roads, ditches) rebuilt as it was: the
# proposal of the pack's "restore_previous_code" rule, never graded.
RESTORE_USE = "restore"

# Grade codes in output arrays and fields.
NOT_EVALUATED = 0
GRADE_N = 4
GRADES: tuple[int, ...] = (1, 2, 3, GRADE_N)
GRADE_LABELS: dict[str, dict[int, str]] = {
    "cn": {0: "未评价", 1: "一等", 2: "二等", 3: "三等", 4: "不宜"},
    "fao": {0: "NR", 1: "S1", 2: "S2", 3: "S3", 4: "N"},
}

# How trustworthy a number of a rule pack is: verified, secondary, or unverified.
STATUSES: tuple[str, ...] = ("verified", "secondary", "unverified")

MISSING_POLICIES: tuple[str, ...] = ("ignore", "worst", "not_evaluated")
METHODS: tuple[str, ...] = ("limiting_factor", "index_sum")
# The METHOD choice of the algorithms, in the order of their enum: "" = the pack's own.
METHOD_CHOICES: tuple[str, ...] = ("", *METHODS)

# Damage types (the public field `dist_type`) and degrees (`dist_degree`).
DAMAGE_TYPES: tuple[str, ...] = ("excavation", "subsidence", "occupation", "pollution")
NO_DAMAGE = "none"
DEGREES: tuple[int, ...] = (0, 1, 2, 3)  # none, light 轻度, moderate 中度, severe 重度
DEGREE_LABELS: dict[int, tuple[str, str]] = {
    0: ("未损毁", "none"),
    1: ("轻度", "light"),
    2: ("中度", "moderate"),
    3: ("重度", "severe"),
}
# Degree not decidable: no indicator value and no default degree for the type.
DEGREE_UNDECIDED = -1

# Indicators a pack may grade damage degree by -> unit. Higher is always worse.
DAMAGE_INDICATORS: dict[str, str] = {
    "subsidence_m": "m",
    "tilt_mm_m": "mm/m",
    "curvature_1e3_m": "10^-3/m",
    "horizontal_deformation_mm_m": "mm/m",
    "crack_width_cm": "cm",
    "ponding_m": "m",
    "yield_loss_pct": "%",
    "excavation_depth_m": "m",
    "dump_height_m": "m",
    "pollution": "class",  # 0 none, 1 over screening, 2 over intervention (GB 15618)
    "pollution_exceedance": "ratio",  # concentration / screening value, worst pollutant
}

# Previous land use a damage-degree table row applies to (from GB/T 21010 first-level codes).
DAMAGED_LAND_USES: tuple[str, ...] = (
    "any",
    "cultivated",
    "garden",
    "forest",
    "grass",
    "water",
    "construction",
    "other",
)
