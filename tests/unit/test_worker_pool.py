"""The worker pool of planmany (issue 22) with stand-in workers (no QGIS): every job gets
an outcome; a worker that dies under a job fails that job alone, with its exit code and
the end of its log, and a new worker takes the rest; workers that cannot start are an
error that names the reason; a cancel stops them."""

from __future__ import annotations

import sys
import textwrap
import time

import pytest

from plugin.provider.worker_pool import PoolError, WorkerPool

WORKER = """
import json, os, sys, time
channel = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
def send(message):
    channel.write(json.dumps(message) + "\\n"); channel.flush()
settings = json.loads(sys.stdin.readline())
if settings.get("fail_start"):
    print("cannot start: no QGIS here", file=sys.stderr)
    sys.exit(3)
send({"type": "ready"})
for line in sys.stdin:
    job = json.loads(line)
    if job["key"] == "crash":
        print("segmentation fault in a library", file=sys.stderr)
        sys.stderr.flush()
        os._exit(139)
    if job["key"].startswith("slow"):
        time.sleep(30)
    time.sleep(0.2)
    send({"type": "progress", "percent": 50.0})
    send({"type": "outcome", "status": "done", "pid": os.getpid(), "value": job["value"] * 2})
"""


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A stand-in package whose provider.plan_worker doubles each job's value."""
    root = tmp_path / "modules"
    worker = root / "standin" / "provider"
    worker.mkdir(parents=True)
    (root / "standin" / "__init__.py").write_text("")
    (worker / "__init__.py").write_text("")
    (worker / "plan_worker.py").write_text(textwrap.dedent(WORKER))
    monkeypatch.setattr(sys, "path", [str(root), *sys.path])
    return "standin"


def run(pool, jobs, cancel=lambda: False):
    outcomes, progress = [], []

    def crashed(job, code, tail):
        return {"key": job["key"], "status": "failed", "code": code, "tail": tail}

    result = pool.run(jobs, lambda k, p: progress.append((k, p)), outcomes.append, cancel, crashed)
    return result, outcomes, progress


def test_every_job_gets_its_outcome(package, tmp_path):
    pool = WorkerPool(2, package, {}, tmp_path)
    jobs = [{"key": f"m{i}", "value": i} for i in range(7)]
    result, outcomes, progress = run(pool, jobs)
    assert not result.cancelled
    assert {k: o["value"] for k, o in result.outcomes.items()} == {f"m{i}": 2 * i for i in range(7)}
    assert len({o["pid"] for o in outcomes}) == 2  # both workers took jobs
    assert ("m0", 50.0) in progress
    assert all(w.process.poll() == 0 for w in pool.workers)  # they ended when the jobs did


def test_a_crash_fails_its_job_alone(package, tmp_path):
    pool = WorkerPool(1, package, {}, tmp_path)
    jobs = [{"key": "a", "value": 1}, {"key": "crash", "value": 0}, {"key": "b", "value": 2}]
    result, _, _ = run(pool, jobs)
    assert result.outcomes["crash"]["status"] == "failed"
    assert result.outcomes["crash"]["code"] == 139
    assert "segmentation fault" in result.outcomes["crash"]["tail"]
    assert result.outcomes["a"]["value"] == 2
    assert result.outcomes["b"]["value"] == 4  # a new worker took the rest
    assert len(pool.workers) == 2


def test_workers_that_cannot_start_are_an_error(package, tmp_path):
    pool = WorkerPool(2, package, {"fail_start": True}, tmp_path)
    with pytest.raises(PoolError, match="no QGIS here"):
        run(pool, [{"key": "a", "value": 1}])


def test_a_cancel_stops_the_workers(package, tmp_path):
    pool = WorkerPool(2, package, {}, tmp_path)
    started = time.monotonic()
    jobs = [{"key": "slow1", "value": 1}, {"key": "slow2", "value": 2}]
    result, _, _ = run(pool, jobs, cancel=lambda: time.monotonic() - started > 1.0)
    assert result.cancelled
    assert time.monotonic() - started < 15
    assert all(w.process.poll() is not None for w in pool.workers)
