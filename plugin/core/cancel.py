"""The one cancellation exception: raised by the core's loops, the GDAL adapters and the
algorithms when the user cancels, caught once by the algorithms' safety net."""

from __future__ import annotations


class Cancelled(Exception):  # noqa: N818 - the name reads as what happened
    """The run was cancelled by the user; no output file was left behind."""
