"""A worker process of ``reclamation:planmany`` (``python -m <plugin>.provider.plan_worker``):
starts QGIS once, then makes the plans of the mines it is given, one at a time.

Reads the start settings, then one job per line, from stdin; writes JSON lines (``ready``,
``progress``, ``outcome``) on a copy of stdout. Everything else written to stdout (QGIS,
GDAL, print) goes to stderr, the worker's log, so that it never breaks a message.
"""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any

_channel: IO[str] | None = None


def _send(message: dict[str, Any]) -> None:
    assert _channel is not None
    _channel.write(json.dumps(message, ensure_ascii=False) + "\n")
    _channel.flush()


def _own_stdout() -> None:
    """Keep stdout for the messages; point file descriptor 1 at the log."""
    global _channel
    _channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def _start_qgis(settings: dict[str, Any]) -> Any:
    """A headless QGIS with Processing, the plugin's provider and its translation."""
    from qgis.core import QgsApplication, QgsSettings

    QgsApplication.setPrefixPath(settings.get("prefix") or "/usr", True)
    application = QgsApplication([], False)
    application.initQgis()
    locale = settings.get("locale") or ""
    if locale:
        QgsSettings().setValue("locale/overrideFlag", True)
        QgsSettings().setValue("locale/userLocale", locale)
    from processing.core.Processing import Processing

    Processing.initialize()
    from ..i18n import TranslatorInstaller
    from .provider import ReclamationProvider

    provider = ReclamationProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    translator = TranslatorInstaller()
    translator.install(locale or None)
    return application, provider, translator


def main() -> None:
    _own_stdout()
    settings = json.loads(sys.stdin.readline() or "{}")
    kept = _start_qgis(settings)  # noqa: F841 (alive while the worker runs)
    from .mine_job import MineFeedback, MineJob, run_mine_job

    _send({"type": "ready"})
    for line in sys.stdin:
        if not line.strip():
            continue
        job = MineJob.from_json(json.loads(line))
        last = [-1]

        def progress(percent: float, last: list[int] = last) -> None:
            if int(percent) != last[0]:
                last[0] = int(percent)
                _send({"type": "progress", "percent": float(percent)})

        outcome = run_mine_job(job, MineFeedback(on_progress=progress))
        _send({"type": "outcome", **outcome})
    sys.stderr.flush()
    # Leave without QGIS's teardown: nothing is left to save, and exitQgis() can crash a
    # process whose layers Python still holds.
    os._exit(0)


if __name__ == "__main__":
    main()
