"""A pool of worker processes, each a headless QGIS started once, that take jobs one at a
time (``reclamation:planmany``'s mines).

Why processes and not threads: Processing algorithms hold Python's lock for much of their
work and QGIS objects are not shared across threads; a process per core plans mines side
by side, and a fault in one mine (even a crash of its process) stays that mine's.

The protocol is JSON lines: the parent writes the start settings, then one job per line;
a worker answers ``ready``, ``progress`` and ``outcome`` lines on its own copy of stdout
(anything else it prints goes to its log). A worker that stops during a job gives that job a
failed outcome and is replaced while jobs remain; killing the workers is the cancel.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

WORKER_MODULE = "provider.plan_worker"
POLL_SECONDS = 0.2
STOP_SECONDS = 30.0
LOG_TAIL_CHARS = 800
# Set to the Python interpreter workers run with when QGIS's own cannot be found.
PYTHON_VARIABLE = "RECLAMATION_PYTHON"


class PoolError(RuntimeError):
    """No worker could start: the reason and the end of a worker's log."""


def worker_python() -> str:
    """The Python interpreter of QGIS's own Python: ``sys.executable`` inside QGIS Desktop
    or qgis_process is the QGIS binary, not Python."""
    configured = os.environ.get(PYTHON_VARIABLE, "").strip()
    if configured:
        return configured
    if Path(sys.executable).name.lower().startswith("python"):
        return sys.executable
    prefix = Path(sys.exec_prefix)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        prefix / "bin" / version,
        prefix / "bin" / "python3",
        prefix / "python.exe",
        prefix / "python3.exe",
    ):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(version) or shutil.which("python3") or shutil.which("python")
    if found is None:
        raise PoolError(f"no Python interpreter found; set {PYTHON_VARIABLE}")
    return found


def worker_environment(config_dir: Path) -> dict[str, str]:
    """The parent's environment with its module path (QGIS's Python, Processing, this
    plugin) and a QGIS profile of the worker's own (the user's settings are not shared
    between processes that would write them at the same time)."""
    environment = dict(os.environ)
    paths = [p for p in sys.path if p and Path(p).is_dir()]
    environment["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    environment["QGIS_CUSTOM_CONFIG_PATH"] = str(config_dir)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    environment["PYTHONIOENCODING"] = "utf-8"
    return environment


@dataclass
class _Worker:
    number: int
    process: subprocess.Popen
    log: Path
    ready: bool = False
    job: dict[str, Any] | None = None
    done: bool = False


@dataclass
class PoolRun:
    """What a pool run gives back: the outcomes by job key, and whether it was cancelled."""

    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    cancelled: bool = False


class WorkerPool:
    """``size`` workers running ``python -m <package>.provider.plan_worker``."""

    def __init__(self, size: int, package: str, settings: dict[str, Any], scratch: Path) -> None:
        self.size = max(1, size)
        self.package = package
        self.settings = settings
        self.scratch = scratch
        self.messages: queue.Queue = queue.Queue()
        self.workers: list[_Worker] = []
        self.started = 0

    # --- workers ---------------------------------------------------------------------

    def _start(self) -> _Worker:
        self.started += 1
        number = self.started
        config = self.scratch / f"worker-{number}-profile"
        config.mkdir(parents=True, exist_ok=True)
        log = self.scratch / f"worker-{number}.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                [worker_python(), "-m", f"{self.package}.{WORKER_MODULE}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log_file,
                env=worker_environment(config),
                cwd=Path.cwd(),
            )
        worker = _Worker(number, process, log)
        threading.Thread(target=self._read, args=(worker,), daemon=True).start()
        self._send(worker, self.settings)
        self.workers.append(worker)
        return worker

    def _read(self, worker: _Worker) -> None:
        stream: IO[bytes] = worker.process.stdout  # type: ignore[assignment]
        for line in stream:
            try:
                message = json.loads(line.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            if isinstance(message, dict):
                self.messages.put((worker, message))
        stream.close()
        self.messages.put((worker, None))

    def _send(self, worker: _Worker, message: dict[str, Any] | None) -> None:
        stdin = worker.process.stdin
        if stdin is None or stdin.closed:
            return
        try:
            if message is None:
                stdin.close()
            else:
                stdin.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
                stdin.flush()
        except OSError:
            pass  # the worker has stopped: its end of stream says so

    def log_tail(self, worker: _Worker) -> str:
        try:
            text = worker.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return text.strip()[-LOG_TAIL_CHARS:]

    def stop(self) -> None:
        """Kill every worker still running (the cancel, or the end of a failed run)."""
        for worker in self.workers:
            if worker.process.poll() is None:
                worker.process.kill()
        for worker in self.workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(STOP_SECONDS)
            if worker.process.stdin is not None:
                with contextlib.suppress(OSError):
                    worker.process.stdin.close()

    # --- the run ---------------------------------------------------------------------

    def run(
        self,
        jobs: list[dict[str, Any]],
        on_progress: Callable[[str, float], None],
        on_outcome: Callable[[dict[str, Any]], None],
        is_cancelled: Callable[[], bool],
        crashed: Callable[[dict[str, Any], int | None, str], dict[str, Any]],
    ) -> PoolRun:
        """Run every job; ``crashed(job, exit code, log tail)`` gives the outcome of a job
        whose worker stopped under it."""
        pending = deque(jobs)
        result = PoolRun()
        start_failures = 0
        for _ in range(min(self.size, len(jobs))):
            self._start()
        try:
            while len(result.outcomes) < len(jobs):
                if is_cancelled():
                    result.cancelled = True
                    break
                try:
                    worker, message = self.messages.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    continue
                if message is None:
                    start_failures += self._stopped(worker, pending, result, on_outcome, crashed)
                    alive = any(w.process.poll() is None for w in self.workers)
                    if not alive and len(result.outcomes) < len(jobs):
                        never_started = not any(w.ready for w in self.workers)
                        if never_started or start_failures > self.size:
                            raise PoolError(self.log_tail(worker))
                        self._start()
                    continue
                kind = message.get("type")
                if kind == "ready":
                    worker.ready = True
                    self._next(worker, pending)
                elif kind == "progress" and worker.job is not None:
                    on_progress(worker.job["key"], float(message.get("percent", 0.0)))
                elif kind == "outcome" and worker.job is not None:
                    outcome = {**message, "key": worker.job["key"]}
                    result.outcomes[worker.job["key"]] = outcome
                    on_outcome(outcome)
                    worker.job = None
                    self._next(worker, pending)
        finally:
            if result.cancelled or len(result.outcomes) < len(jobs):
                self.stop()
            else:
                self._finish()
        return result

    def _next(self, worker: _Worker, pending: deque) -> None:
        if pending:
            worker.job = pending.popleft()
            self._send(worker, worker.job)
        else:
            worker.done = True
            self._send(worker, None)  # end of jobs: the worker exits

    def _stopped(
        self,
        worker: _Worker,
        pending: deque,
        result: PoolRun,
        on_outcome: Callable[[dict[str, Any]], None],
        crashed: Callable[[dict[str, Any], int | None, str], dict[str, Any]],
    ) -> int:
        """A worker's output ended; returns 1 when it never started."""
        code = worker.process.wait()
        never_ready = not worker.ready
        if worker.job is not None:
            outcome = crashed(worker.job, code, self.log_tail(worker))
            result.outcomes[worker.job["key"]] = outcome
            on_outcome(outcome)
            worker.job = None
        # A worker that stopped under a job is replaced; one that never started is not
        # (another would fail the same way).
        if pending and not worker.done and not never_ready:
            self._start()
        return int(never_ready)

    def _finish(self) -> None:
        for worker in self.workers:
            self._send(worker, None)
        for worker in self.workers:
            try:
                worker.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                worker.process.kill()
