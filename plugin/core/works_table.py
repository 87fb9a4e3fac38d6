"""The works table of ``estimatequantities`` as columns: one array per field, so that the
investment and the work plan sum it with numpy instead of looping over its rows.

A row is a unit's quantity of one measure (``unit_id``), or the topsoil stripped from one
stripping area (``unit_id`` empty, ``area_id`` its number, ``year`` when it is stripped).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


def _numbers(rows: Sequence[Mapping[str, Any]], name: str) -> np.ndarray:
    return np.array(
        [np.nan if row.get(name) is None else float(row[name]) for row in rows], dtype=float
    )


def _texts(rows: Sequence[Mapping[str, Any]], name: str) -> np.ndarray:
    return np.array([str(row.get(name) or "") for row in rows], dtype=object)


@dataclass(frozen=True)
class WorksColumns:
    unit_id: np.ndarray  # float; NaN on a stripping area's row
    area_id: np.ndarray  # float; NaN on a unit's row
    item: np.ndarray  # str
    part: np.ndarray  # "", "cut" or "fill"
    unit: np.ndarray  # unit of quantity
    name: np.ndarray  # item_name
    quantity: np.ndarray
    year: np.ndarray  # float; NaN: not given
    source: np.ndarray  # str
    status: np.ndarray  # str

    @staticmethod
    def from_rows(rows: Sequence[Mapping[str, Any]]) -> WorksColumns:
        """The columns of the rows (dicts of the table's fields; absent fields empty)."""
        quantity = np.nan_to_num(_numbers(rows, "quantity"))
        return WorksColumns(
            unit_id=_numbers(rows, "unit_id"),
            area_id=_numbers(rows, "area_id"),
            item=_texts(rows, "item"),
            part=_texts(rows, "part"),
            unit=_texts(rows, "unit"),
            name=_texts(rows, "item_name"),
            quantity=quantity,
            year=_numbers(rows, "year"),
            source=_texts(rows, "source"),
            status=_texts(rows, "status"),
        )

    def groups(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct (item, part) of the rows in the order they first come: the first
        row of each, and each row's group."""
        if self.item.size == 0:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        keys = np.char.add(self.item.astype(str), np.char.add("\x1f", self.part.astype(str)))
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        return first[order], rank[inverse.reshape(-1)]

    def places_per_group(self, group: np.ndarray, count: int) -> np.ndarray:
        """How many distinct units (or stripping areas) each group's rows belong to."""
        place = np.where(self.stripping, -self.area_id, self.unit_id)
        known = np.isfinite(place)
        pairs = np.unique(np.stack((group[known], place[known])), axis=1)
        return np.bincount(pairs[0].astype(np.int64), minlength=count)

    @property
    def stripping(self) -> np.ndarray:
        """The rows of the stripping areas."""
        return np.isnan(self.unit_id) & np.isfinite(self.area_id)

    def unit_price(self, prices: Mapping[tuple[str, str], Any]) -> np.ndarray:
        """Each row's unit price (the price of its item and part, else of its item; NaN:
        none), looked up once per distinct (item, part)."""
        if self.item.size == 0:
            return np.empty(0)
        keys = np.char.add(self.item.astype(str), np.char.add("\x1f", self.part.astype(str)))
        distinct, inverse = np.unique(keys, return_inverse=True)
        found = []
        for key in distinct.tolist():
            item, part = key.split("\x1f")
            price = prices.get((item, part)) or prices.get((item, ""))
            found.append(np.nan if price is None else price.unit_price)
        return np.array(found, dtype=float)[inverse.reshape(-1)]

    def positions(self, ids: Sequence[int] | np.ndarray, of: np.ndarray) -> np.ndarray:
        """Each row's position in ``ids`` by its id in ``of`` (unit_id or area_id); −1
        where the row has no id or one not in ``ids``."""
        ids = np.asarray(ids, dtype=float)
        if ids.size == 0:
            return np.full(of.shape, -1)
        order = np.argsort(ids, kind="stable")
        ordered = ids[order]
        at = np.clip(np.searchsorted(ordered, of), 0, ordered.size - 1)
        hit = np.isfinite(of) & (ordered[at] == of)
        return np.where(hit, order[at], -1)
