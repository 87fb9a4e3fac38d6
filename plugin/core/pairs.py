"""``key=value`` lists as Processing takes them (``"坡度=slope_deg;土层=soil_thickness_cm"``).

One string works the same in dialogs, models, batch files and ``qgis_process``.
"""

from __future__ import annotations


class PairsError(ValueError):
    """A malformed ``key=value`` list; the message names the offending item."""


def parse_pairs(text: str | None, *, allow_bare: bool = False) -> list[tuple[str, str]]:
    """Items separated by ``;`` (or a newline), each ``key=value``; blanks are skipped.

    With ``allow_bare`` an item without ``=`` is returned as ``(item, "")``. Full-width
    ``；`` and ``＝`` typed with a Chinese input method are accepted.
    """
    normalised = (text or "").replace("；", ";").replace("＝", "=").replace("\n", ";")
    pairs: list[tuple[str, str]] = []
    for item in normalised.split(";"):
        item = item.strip()
        if not item:
            continue
        key, sep, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not key or (not sep and not allow_bare) or (sep and not value):
            raise PairsError(f"“{item}” is not of the form name=value")
        pairs.append((key, value))
    return pairs
