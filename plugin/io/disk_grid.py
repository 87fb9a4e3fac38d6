"""A 2-D float32 array in a scratch file, for accumulators as large as a whole grid.

Only the rows an operation touches are mapped, and only while it runs: memory holds a
window, not the grid (the rest stays in the file and the page cache, which the system
can drop). Indexing takes ``[rows]`` or ``[rows, cols]`` slices and returns copies;
``add_window`` adds values to a window in place (what the subsidence prediction does);
``grid[rows] = values`` writes whole rows and ``take`` reads cells by their flat index
(what the ecological network does, band by band).
"""

from __future__ import annotations

import mmap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

_POPULATE = getattr(mmap, "MAP_POPULATE", 0)


class DiskGrid:
    """A 2-D array of ``dtype`` in the file ``path`` (created, zero-filled)."""

    def __init__(self, path: Path, shape: tuple[int, int], dtype: Any = np.float32) -> None:
        self.path = Path(path)
        self.shape = (int(shape[0]), int(shape[1]))
        self.dtype = np.dtype(dtype)
        self._row_bytes = self.shape[1] * self.dtype.itemsize
        with self.path.open("wb") as file:
            file.truncate(self.shape[0] * self._row_bytes)  # zeros, sparse on most systems

    def _window(self, key: Any) -> tuple[slice, slice]:
        rows, cols = key if isinstance(key, tuple) else (key, slice(None))
        if not isinstance(rows, slice) or not isinstance(cols, slice):
            raise TypeError("a DiskGrid takes slices of rows and columns")
        start, stop, step = rows.indices(self.shape[0])
        if step != 1:
            raise TypeError("a DiskGrid takes contiguous rows")
        return slice(start, max(start, stop)), cols

    def _on_rows(self, rows: slice, writable: bool, action: Callable[[np.ndarray], Any]) -> Any:
        """``action(the rows as an array on a mapping of the file)``, then unmapped (the
        action must not keep the array). The pages are mapped at once where the system can
        (Linux's MAP_POPULATE): faulting them in one by one costs more than the adding."""
        count = rows.stop - rows.start
        start = rows.start * self._row_bytes
        aligned = start - start % mmap.ALLOCATIONGRANULARITY
        length = start - aligned + count * self._row_bytes
        with self.path.open("r+b" if writable else "rb") as file:
            if hasattr(mmap, "MAP_SHARED"):  # POSIX
                protection = mmap.PROT_READ | (mmap.PROT_WRITE if writable else 0)
                flags = mmap.MAP_SHARED | _POPULATE
                mapping = mmap.mmap(file.fileno(), length, flags, protection, offset=aligned)
            else:  # Windows
                access = mmap.ACCESS_WRITE if writable else mmap.ACCESS_READ
                mapping = mmap.mmap(file.fileno(), length, access=access, offset=aligned)
        try:
            values = np.frombuffer(mapping, self.dtype, count * self.shape[1], start - aligned)
            result = action(values.reshape(count, self.shape[1]))
            del values
        finally:
            mapping.close()
        return result

    def __getitem__(self, key: Any) -> np.ndarray:
        rows, cols = self._window(key)
        if rows.stop == rows.start:
            return np.zeros((0, self.shape[1]), self.dtype)[:, cols]
        return self._on_rows(rows, False, lambda view: np.array(view[:, cols]))

    def add_window(self, key: Any, values: Any) -> None:
        """``self[key] += values`` with one mapping and no copy (float32 result, as numpy's
        in-place add of float64 values into a float32 array gives)."""
        rows, cols = self._window(key)

        def add(view: np.ndarray) -> None:
            window = view[:, cols]
            window += values

        if rows.stop > rows.start:
            self._on_rows(rows, True, add)

    def __setitem__(self, key: Any, values: Any) -> None:
        """Write whole rows: ``grid[r0:r1] = values`` (cast to the grid's type)."""
        rows, cols = self._window(key)
        if cols != slice(None):
            raise TypeError("a DiskGrid writes whole rows")
        if rows.stop == rows.start:
            return
        shape = (rows.stop - rows.start, self.shape[1])
        block = np.ascontiguousarray(np.broadcast_to(values, shape), self.dtype)
        with self.path.open("r+b") as file:
            file.seek(rows.start * self._row_bytes)
            file.write(block.data)

    def take(self, indices: Any) -> Any:
        """The values at flat (row-major) cell ``indices``, as numpy's ``take`` gives them:
        one value for one index, an array for an array. Each row holding one is read once."""
        flat = np.asarray(indices, dtype=np.int64)
        result = np.empty(flat.size, self.dtype)
        order = np.argsort(flat.ravel(), kind="stable")
        rows, cols = np.divmod(flat.ravel()[order], self.shape[1])
        row_list, starts = np.unique(rows, return_index=True)
        ends = np.append(starts[1:], rows.size)
        with self.path.open("rb") as file:
            for row, start, end in zip(row_list.tolist(), starts, ends, strict=True):
                file.seek(row * self._row_bytes)
                values = np.frombuffer(file.read(self._row_bytes), self.dtype)
                result[order[start:end]] = values[cols[start:end]]
        return result.reshape(flat.shape)[()]  # a 0-d index gives a value
