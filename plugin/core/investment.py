"""The investment estimate (投资估算) of a reclamation plan: works × unit prices, then the
cost structure of TD/T 1031.1 附录D as plans reproduce it, as data.

A cost-structure document (JSON) holds every rate and amount with its source and status;
nothing is built into the code. A rate or amount left empty (null) stops the estimate with
its path named: a missing number never counts as zero. Prices come as rows (work item,
part, unit, unit price, source, year, region); a work item without a price is listed and
the totals say they are incomplete.

    工程施工费 = 直接工程费 (Σ quantity × unit price) + 措施费 + 间接费 + 利润 + 税金
    静态总投资 = 工程施工费 + 设备费 + 其他费用 + 监测与管护费 + 基本预备费 + 风险金
    动态总投资 = 静态总投资 + 价差预备费,  价差预备费 = Σ_t I_t ((1 + f)^t − 1)

with I_t the static investment spent in year t of the works (t = 1, 2, …) and f the
yearly price rise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .accounting import Table, _columns
from .labels import in_language
from .quantity_tables import COUNTED, item_label, without_part
from .rules.pack import parse_sources
from .rules.reader import Reader, RulePackError, Sourced
from .works_table import WorksColumns

MU_PER_HM2 = 15.0
OTHER_BASES = ("rate", "amount")


@dataclass(frozen=True)
class Charge:
    """A rate (fraction of its base) or an amount (元), with its provenance."""

    key: str
    name: Mapping[str, str]
    rate: float | None
    amount: float | None
    provenance: Sourced


@dataclass(frozen=True)
class CostStructure:
    id: str
    title: Mapping[str, str]
    measures_rate: Charge
    indirect_rate: Charge
    profit_rate: Charge
    tax_rate: Charge
    equipment: Charge
    other: tuple[Charge, ...]
    monitoring: Charge  # amount, or rate = 元 per hm² of the plan's area
    basic_contingency_rate: Charge
    risk_reserve: Charge
    price_rise_rate: Charge
    origin: str = ""


@dataclass(frozen=True)
class Price:
    item: str
    part: str
    unit: str
    unit_price: float
    source: str = ""
    year: str = ""
    region: str = ""


@dataclass(frozen=True)
class WorkTotal:
    """A measure's quantity over the units (a row of the works table, summed)."""

    item: str
    part: str
    unit: str
    quantity: float


@dataclass(frozen=True)
class CostLine:
    """One line of the estimate: key, amount in 元 (None: not computed), and its basis."""

    key: str
    amount: float | None
    rate: float | None = None
    quantity: float | None = None
    unit_price: float | None = None
    source: str = ""
    status: str = ""
    item: str = ""
    part: str = ""


@dataclass
class Estimate:
    lines: list[CostLine] = field(default_factory=list)
    missing: list[WorkTotal] = field(default_factory=list)
    static: float = 0.0
    price_rise: float = 0.0
    dynamic: float = 0.0
    area_hm2: float | None = None

    @property
    def complete(self) -> bool:
        return not self.missing

    def per_hm2(self, total: float) -> float | None:
        return total / self.area_hm2 if self.area_hm2 else None

    def per_mu(self, total: float) -> float | None:
        return total / (self.area_hm2 * MU_PER_HM2) if self.area_hm2 else None


# --- the cost-structure document ------------------------------------------------------------


def parse_cost_structure(document: Any, origin: str) -> CostStructure:
    """Validate a cost-structure document; RulePackError names the path of a problem (an
    empty rate or amount included: fill it in, or write 0 with its source)."""
    reader = Reader(origin)
    top = reader.mapping(
        document,
        "$",
        (
            "schema",
            "id",
            "title",
            "sources",
            "construction",
            "equipment",
            "other",
            "monitoring_maintenance",
            "basic_contingency_rate",
            "risk_reserve",
            "price_rise_rate",
        ),
        ("note", "currency"),
    )
    if top["schema"] != 1:
        raise reader.fail("schema", f"schema {top['schema']!r}", "this plugin reads schema 1")
    sources = parse_sources(reader, top)
    construction = reader.mapping(
        top["construction"],
        "construction",
        ("measures_rate", "indirect_rate", "profit_rate", "tax_rate"),
        ("note",),
    )

    def charge(block: Any, path: str, key: str, bases: tuple[str, ...] = ("rate",)) -> Charge:
        return _charge(reader, block, path, key, bases, sources)

    other = reader.mapping(top["other"], "other", open_keys=True)
    return CostStructure(
        id=reader.string(top["id"], "id"),
        title=reader.texts(top["title"], "title"),
        measures_rate=charge(
            construction["measures_rate"], "construction.measures_rate", "measures"
        ),
        indirect_rate=charge(
            construction["indirect_rate"], "construction.indirect_rate", "indirect"
        ),
        profit_rate=charge(construction["profit_rate"], "construction.profit_rate", "profit"),
        tax_rate=charge(construction["tax_rate"], "construction.tax_rate", "tax"),
        equipment=charge(top["equipment"], "equipment", "equipment", ("amount",)),
        other=tuple(
            charge(block, f"other.{key}", key, OTHER_BASES) for key, block in other.items()
        ),
        monitoring=charge(
            top["monitoring_maintenance"],
            "monitoring_maintenance",
            "monitoring",
            ("amount", "per_hm2"),
        ),
        basic_contingency_rate=charge(
            top["basic_contingency_rate"], "basic_contingency_rate", "basic_contingency"
        ),
        risk_reserve=charge(top["risk_reserve"], "risk_reserve", "risk_reserve", OTHER_BASES),
        price_rise_rate=charge(top["price_rise_rate"], "price_rise_rate", "price_rise"),
        origin=origin,
    )


def _charge(
    reader: Reader,
    block: Any,
    path: str,
    key: str,
    bases: tuple[str, ...],
    sources: Mapping[str, Any],
) -> Charge:
    block = reader.mapping(block, path, ("source", "status"), (*bases, "name", "note"))
    given = [base for base in bases if base in block]
    if len(given) != 1:
        raise reader.fail(path, f"give exactly one of {', '.join(bases)}", "write one of them")
    base = given[0]
    value = block[base]
    if value is None:
        raise reader.fail(
            f"{path}.{base}",
            "the value is empty",
            "fill in your province's value (or 0, with the source that says so)",
        )
    number = reader.number(value, f"{path}.{base}")
    if number < 0 or (base == "rate" and number >= 1):
        raise reader.fail(
            f"{path}.{base}", f"{number} is out of range", "a rate is a fraction 0–1 (3 % = 0.03)"
        )
    name = reader.texts(block["name"], f"{path}.name") if "name" in block else {}
    per_area = base == "per_hm2"
    return Charge(
        key,
        name,
        number if base == "rate" or per_area else None,
        number if base == "amount" else None,
        reader.provenance(block, path, sources),
    )


# --- prices ----------------------------------------------------------------------------------


def parse_prices(rows: Sequence[Mapping[str, Any]], origin: str) -> dict[tuple[str, str], Price]:
    """Prices by (item, part); a row without item, unit or a positive price is refused
    with its row number, a repeated (item, part) too."""
    prices: dict[tuple[str, str], Price] = {}
    for number, row in enumerate(rows, start=1):
        where = f"row {number}"
        item = str(row.get("item") or "").strip()
        unit = str(row.get("unit") or "").strip()
        if not item or not unit:
            raise RulePackError(origin, where, "no item or no unit", "give both")
        try:
            price = float(row.get("unit_price"))
        except (TypeError, ValueError):
            raise RulePackError(
                origin,
                f"{where}, unit_price",
                f"{row.get('unit_price')!r} is not a number",
                "write the price in 元 per unit",
            ) from None
        if not price >= 0 or price == float("inf"):
            raise RulePackError(origin, f"{where}, unit_price", f"{price}", "give 0 or more")
        part = str(row.get("part") or "").strip()
        if (item, part) in prices:
            raise RulePackError(
                origin, where, f"a second price for {item} {part}".strip(), "keep one"
            )
        prices[(item, part)] = Price(
            item,
            part,
            unit,
            price,
            str(row.get("source") or ""),
            str(row.get("year") or ""),
            str(row.get("region") or ""),
        )
    return prices


def work_totals(
    rows: Sequence[Mapping[str, Any]] | WorksColumns,
) -> tuple[list[WorkTotal], dict[str, str]]:
    """The rows of a works table (unit_id, item, part, unit, quantity, item_name) summed by
    measure and part, in their order, and each measure's name. Plants, points and sets are
    bought whole: their totals are rounded up, as the 工程量汇总表 shows them."""
    works = rows if isinstance(rows, WorksColumns) else WorksColumns.from_rows(rows)
    first, group = works.groups()
    sums = np.bincount(group, weights=works.quantity, minlength=first.size)
    totals, names = [], {}
    for row, quantity in zip(first.tolist(), sums.tolist(), strict=True):
        item, part, unit = str(works.item[row]), str(works.part[row]), str(works.unit[row])
        whole = math.ceil(quantity - 1e-9) if unit in COUNTED else quantity
        totals.append(WorkTotal(item, part, unit, whole))
        names.setdefault(item, without_part(str(works.name[row] or item)))
    return totals, names


# --- the estimate ----------------------------------------------------------------------------


def estimate(
    works: Sequence[WorkTotal],
    prices: Mapping[tuple[str, str], Price],
    costs: CostStructure,
    spending: Mapping[int, float] | None = None,
    area_hm2: float | None = None,
) -> Estimate:
    """The estimate of the works at their prices under the cost structure. ``spending``:
    year of the works (1, 2, …) -> share of the static investment spent then (shares sum
    to 1); without it the price rise is not computed (the dynamic total equals the static
    one). ``area_hm2``: the plan's area, for the per-area figures and a per-hm² monitoring
    charge."""
    result = Estimate(area_hm2=area_hm2)
    direct_works = 0.0
    for total in works:
        price = prices.get((total.item, total.part)) or prices.get((total.item, ""))
        if price is None:
            result.missing.append(total)
            result.lines.append(
                CostLine("work", None, quantity=total.quantity, item=total.item, part=total.part)
            )
            continue
        if price.unit != total.unit:
            raise ValueError(
                f"the price of {total.item} {total.part} is per {price.unit}, the quantity "
                f"is in {total.unit}"
            )
        amount = total.quantity * price.unit_price
        direct_works += amount
        result.lines.append(
            CostLine(
                "work",
                amount,
                quantity=total.quantity,
                unit_price=price.unit_price,
                source=price.source,
                item=total.item,
                part=total.part,
            )
        )
    add = result.lines.append

    def rated(charge: Charge, base: float) -> float:
        amount = base * (charge.rate or 0.0) if charge.amount is None else charge.amount
        add(_line(charge, amount))
        return amount

    add(CostLine("direct_works", direct_works))
    measures = rated(costs.measures_rate, direct_works)
    direct = direct_works + measures
    add(CostLine("direct", direct))
    indirect = rated(costs.indirect_rate, direct)
    profit = rated(costs.profit_rate, direct + indirect)
    tax = rated(costs.tax_rate, direct + indirect + profit)
    construction = direct + indirect + profit + tax
    add(CostLine("construction", construction))
    equipment = rated(costs.equipment, 0.0)
    other = sum(rated(charge, construction) for charge in costs.other)
    add(CostLine("other", other))
    monitoring_charge = costs.monitoring
    if monitoring_charge.amount is not None:
        monitoring = rated(monitoring_charge, 0.0)
    else:  # 元 per hm² of the plan's area
        if area_hm2 is None:
            raise ValueError("the monitoring charge is per hm²: give the plan's area")
        monitoring = (monitoring_charge.rate or 0.0) * area_hm2
        add(_line(monitoring_charge, monitoring))
    base = construction + equipment + other + monitoring
    contingency = rated(costs.basic_contingency_rate, base)
    risk = rated(costs.risk_reserve, base)
    result.static = base + contingency + risk
    add(CostLine("static", result.static))
    if spending:
        f = costs.price_rise_rate.rate or 0.0
        result.price_rise = sum(
            result.static * share * ((1.0 + f) ** year - 1.0) for year, share in spending.items()
        )
    add(_line(costs.price_rise_rate, result.price_rise))
    result.dynamic = result.static + result.price_rise
    add(CostLine("dynamic", result.dynamic))
    return result


@dataclass(frozen=True)
class CostShares:
    """The static investment shared out: per unit its works and its after-care part, per
    stripping area (area_id) its works part, in 元."""

    works: list[float]
    care: list[float]
    areas: dict[int, float]


def unit_costs(
    rows: Sequence[Mapping[str, Any]] | WorksColumns,
    prices: Mapping[tuple[str, str], Price],
    result: Estimate,
    unit_ids: Sequence[int],
    areas_hm2: Sequence[float],
) -> CostShares:
    """The static investment of the estimate shared among the units and the stripping
    areas: the works part (all but 监测与管护费 and its share of the contingencies) by
    direct works cost (Σ quantity × unit price of their rows of the works table; among the
    units by area when nothing is priced), the monitoring and after-care part among the
    units by area. Units in the order of ``unit_ids``; rows of other units are left out."""
    works = rows if isinstance(rows, WorksColumns) else WorksColumns.from_rows(rows)
    amount = np.nan_to_num(works.quantity * works.unit_price(prices))
    unit = works.positions(unit_ids, works.unit_id)
    direct = np.bincount(unit[unit >= 0], weights=amount[unit >= 0], minlength=len(unit_ids))
    strip = works.stripping
    area_ids, area_index = np.unique(works.area_id[strip], return_inverse=True)
    area_direct = np.bincount(area_index.reshape(-1), weights=amount[strip])
    amounts = {line.key: line.amount or 0.0 for line in result.lines if line.item == ""}
    base = sum(amounts.get(k, 0.0) for k in ("construction", "equipment", "other", "monitoring"))
    care = result.static * amounts.get("monitoring", 0.0) / base if base > 0 else 0.0
    works_part = result.static - care
    areas = np.asarray(areas_hm2, dtype=float)
    by_area = (
        areas / areas.sum() if areas.sum() > 0 else np.full(areas.size, 1 / max(areas.size, 1))
    )
    priced = float(direct.sum() + area_direct.sum())
    if priced > 0:
        unit_works = works_part * direct / priced
        area_works = {
            int(a): works_part * d / priced
            for a, d in zip(area_ids.tolist(), area_direct.tolist(), strict=True)
        }
    else:
        unit_works, area_works = works_part * by_area, {}
    return CostShares(unit_works.tolist(), (care * by_area).tolist(), area_works)


def _line(charge: Charge, amount: float) -> CostLine:
    return CostLine(
        charge.key,
        amount,
        rate=charge.rate,
        source=charge.provenance.source,
        status=charge.provenance.status,
    )


def parse_spending(text: str) -> dict[int, float]:
    """ "1=0.5;2=0.3;3=0.2" -> {1: 0.5, 2: 0.3, 3: 0.2}; the shares must sum to 1."""
    spending: dict[int, float] = {}
    for item in filter(None, (part.strip() for part in text.replace("；", ";").split(";"))):
        year, sep, share = item.partition("=")
        try:
            spending[int(year)] = float(share)
        except ValueError:
            raise ValueError(f"{item!r}: write year=share, e.g. 1=0.5") from None
        if not sep or int(year) < 1 or not 0 <= float(share) <= 1:
            raise ValueError(f"{item!r}: a year from 1 and a share from 0 to 1")
    if spending and abs(sum(spending.values()) - 1.0) > 1e-6:
        raise ValueError(f"the shares sum to {sum(spending.values()):g}, not 1")
    return spending


# Names of the estimate's lines (a cost structure's "other" items name themselves).
LINE_NAMES: dict[str, tuple[str, str]] = {
    "direct_works": ("直接工程费", "direct works cost"),
    "measures": ("措施费", "measures cost"),
    "direct": ("直接费", "direct cost"),
    "indirect": ("间接费", "indirect cost"),
    "profit": ("利润", "profit"),
    "tax": ("税金", "tax"),
    "construction": ("工程施工费", "construction cost"),
    "equipment": ("设备费", "equipment"),
    "other": ("其他费用", "other costs"),
    "monitoring": ("监测与管护费", "monitoring and after-care"),
    "basic_contingency": ("基本预备费", "basic contingency"),
    "risk_reserve": ("风险金", "risk reserve"),
    "static": ("静态总投资", "static total investment"),
    "price_rise": ("价差预备费", "price-rise contingency"),
    "dynamic": ("动态总投资", "dynamic total investment"),
}


def line_name(
    line: CostLine, costs: CostStructure, language: str, work_names: Mapping[str, str]
) -> str:
    """The name of a line in ``language``: a work item's own name (with cut/fill), an
    "other" item's name from the cost structure, else the fixed names above."""
    zh = language.startswith("zh")
    if line.key == "work":
        return item_label(work_names.get(line.item, line.item), line.part, language)
    for charge in costs.other:
        if charge.key == line.key and charge.name:
            return charge.name["zh" if zh else "en"]
    names = LINE_NAMES.get(line.key)
    return in_language(names, language) if names else line.key


# The summary's rows, in the language of the reader.
SUMMARY_NAMES = {
    "static": ("静态总投资（元）", "static total investment (yuan)"),
    "price_rise": ("价差预备费（元）", "price-rise contingency (yuan)"),
    "dynamic": ("动态总投资（元）", "dynamic total investment (yuan)"),
    "area_hm2": ("复垦面积（hm²）", "plan area (hm²)"),
    "static_per_mu": ("亩均静态投资（元/亩）", "static investment per mu (yuan/mu)"),
    "dynamic_per_mu": ("亩均动态投资（元/亩）", "dynamic investment per mu (yuan/mu)"),
    "static_per_hm2": ("单位面积静态投资（元/hm²）", "static investment per hm² (yuan/hm²)"),
    "missing_prices": ("缺少单价的工程措施（项）", "works without a price (items)"),
}


INVESTMENT_TABLE = "investment"
INVESTMENT_SUMMARY_TABLE = "investment_summary"


def investment_tables(
    lines: Sequence[Mapping[str, Any]],
    summary: Sequence[Mapping[str, Any]],
    language: str,
    work_names: Mapping[str, Mapping[str, str]] | None = None,
) -> list[Table]:
    """The report's 投资估算表 and 投资汇总 from the tables of ``estimatecost``, named in
    ``language`` (works by the rule pack's names, fixed lines by LINE_NAMES, the cost
    structure's own items as the table names them)."""
    zh = language.startswith("zh")
    key = "zh" if zh else "en"
    table = Table(
        INVESTMENT_TABLE,
        _columns(
            "line:str item:str part:str line_name:str quantity:float unit_price:float "
            "rate_pct:float amount:float source:str status:str"
        ),
    )
    order = {item: index for index, item in enumerate(work_names or {})}
    parts = {"": 0, "cut": 1, "fill": 2}

    def rank(entry: tuple[int, Mapping[str, Any]]) -> tuple:
        """Works in the rule pack's order of measures first; the structure's lines after
        them, as they come."""
        position, row = entry
        if row.get("line") != "work":
            return (1, position)
        item, part = str(row.get("item") or ""), str(row.get("part") or "")
        return (0, order.get(item, len(order)), parts.get(part, 3), position)

    for _, row in sorted(enumerate(lines), key=rank):
        line = str(row.get("line") or "")
        item, part = str(row.get("item") or ""), str(row.get("part") or "")
        if line == "work" and work_names and item in work_names:
            name = item_label(work_names[item][key], part, language)
        elif line in LINE_NAMES:
            name = in_language(LINE_NAMES[line], language)
        else:
            name = str(row.get(f"line_name_{key}") or row.get("line_name") or line)
        rate = row.get("rate")
        table.add(
            line=line,
            item=item or None,
            part=part or None,
            line_name=name,
            quantity=row.get("quantity"),
            unit_price=row.get("unit_price"),
            # A per-hm² monitoring charge is 元/hm², not a fraction: no percentage.
            rate_pct=100.0 * rate if rate is not None and rate < 1 else None,
            amount=row.get("amount"),
            source=row.get("source"),
            status=row.get("status"),
        )
    totals = Table(INVESTMENT_SUMMARY_TABLE, _columns("item:str item_name:str value:float"))
    for row in summary:
        item = str(row.get("item") or "")
        names = SUMMARY_NAMES.get(item)
        totals.add(
            item=item,
            item_name=in_language(names, language) if names else str(row.get("item_name") or item),
            value=row.get("value"),
        )
    return [table, totals]
