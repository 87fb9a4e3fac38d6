"""损毁土地预测: the figures of the subsidence prediction a plan states (W_max, the largest
tilt and horizontal deformation, the area inside the basin boundary) as a report table."""

from __future__ import annotations

from .accounting import Table, _columns, hm2, mu
from .labels import in_language

PREDICTION_COLUMNS = _columns(
    "item:str item_name:str value:float unit:str area_m2:float area_hm2:float area_mu:float"
)
ITEMS = {
    "max_subsidence": ("最大下沉值 W_max", "Maximum subsidence W_max"),
    "max_tilt": ("最大倾斜值", "Largest tilt"),
    "max_deformation": ("最大水平变形值", "Largest horizontal deformation"),
    "basin_area": ("下沉盆地面积（下沉 ≥ {0:g} mm）", "Basin area (subsidence ≥ {0:g} mm)"),
}


def prediction_table(
    max_subsidence_m: float | None,
    max_tilt_mm_m: float | None,
    max_deformation_mm_m: float | None,
    basin_area_m2: float | None,
    boundary_m: float | None,
    language: str,
) -> Table:
    table = Table("prediction", PREDICTION_COLUMNS)

    def add(item: str, value: float | None, unit: str) -> None:
        if value is not None:
            name = in_language(ITEMS[item], language)
            table.add(item=item, item_name=name, value=value, unit=unit)

    add("max_subsidence", max_subsidence_m, "m")
    add("max_tilt", max_tilt_mm_m, "mm/m")
    add("max_deformation", max_deformation_mm_m, "mm/m")
    if basin_area_m2 is not None and boundary_m is not None:
        table.add(
            item="basin_area",
            item_name=in_language(ITEMS["basin_area"], language).format(boundary_m * 1000),
            area_m2=basin_area_m2,
            area_hm2=hm2(basin_area_m2),
            area_mu=mu(basin_area_m2),
        )
    return table
