"""Issue 10, serving: worker processes killed (idle and busy), timed-out jobs stopped, /healthz the real state.

The job functions are module-level so a forked worker resolves them by name;
`work.summarize_payload` is swapped for them in the server process only.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from tomtat import summarize
from tomtat.server import create_app, work
from vi_news import METRO, STORM

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks and signals worker processes")

REAL_PAYLOAD = work.summarize_payload
MARK = "TOMTAT_TEST_BUSY_MARK"


def slow_once_marked(payload):
    """Say which process runs the job (a file named in $TOMTAT_TEST_BUSY_MARK), wait, then do the real work."""
    mark = os.environ.get(MARK)
    if mark and payload.get("id") == "busy":
        Path(mark).write_text(str(os.getpid()))
        time.sleep(1.5)
    return REAL_PAYLOAD(payload)


def heavy_hangs(payload):
    """A request that never finishes in time (id "heavy"); every other request is the real work."""
    if payload.get("id") == "heavy":
        time.sleep(120)
    return REAL_PAYLOAD(payload)


def _wait_dead(pid: int, limit: float = 5.0) -> bool:
    """Wait until every thread of `pid` has exited (a SIGKILLed worker with BLAS threads shows its
    leader as a zombie while other threads still unwind: until they are gone its pipe stays open and
    waitpid cannot reap it, so the pool rightly still sees it alive)."""
    deadline = time.time() + limit
    while time.time() < deadline:
        try:
            states = []
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    states.append(f.read().rsplit(")", 1)[1].split()[0])
            if all(state in "ZX" for state in states):
                return True
        except OSError:
            return True
        time.sleep(0.02)
    return False


def _summary_json(articles, words, cluster_id=None):
    return summarize(articles, words=words, cluster_id=cluster_id).to_dict()


def test_worker_killed_while_idle_is_replaced_and_next_request_succeeds():
    """Item 4: a SIGKILLed idle worker; /healthz shows the rebuild, and the very next request is a 200."""
    with TestClient(create_app(workers=1, cache_size=0), raise_server_exceptions=False) as c:
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 40}).status_code == 200
        runner = c.app.state.runner
        [old] = runner.pool.pids()
        os.kill(old, signal.SIGKILL)
        assert _wait_dead(old)
        health = c.get("/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok", health.json()
        assert health.json()["restarts"] == 1 and health.json()["alive"] == 1
        assert runner.pool.pids() != [old]
        # killed again, and this time the request itself finds the dead worker
        [second] = runner.pool.pids()
        os.kill(second, signal.SIGKILL)
        assert _wait_dead(second)
        statuses = [c.post("/v1/summarize", json={"articles": STORM, "words": 40 + i}).status_code for i in range(3)]
        assert statuses == [200, 200, 200]


def test_healthz_is_degraded_while_no_worker_can_run(monkeypatch):
    """Item 4: when every worker is dead and none can be started, /healthz says so (503), then recovers."""
    from tomtat.server.pool import WorkerPool

    with TestClient(create_app(workers=1, cache_size=0), raise_server_exceptions=False) as c:
        pool = c.app.state.runner.pool
        assert c.get("/healthz").json()["status"] == "ok"

        def no_fork(self):
            raise OSError(11, "Resource temporarily unavailable")

        with monkeypatch.context() as m:
            m.setattr(WorkerPool, "_spawn", no_fork)
            for pid in pool.pids():
                os.kill(pid, signal.SIGKILL)
                assert _wait_dead(pid)
            health = c.get("/healthz")
            assert health.status_code == 503 and health.json()["status"] == "degraded" and health.json()["alive"] == 0
        health = c.get("/healthz")
        assert health.status_code == 200 and health.json()["alive"] == 1
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 40}).status_code == 200


def test_worker_killed_mid_request_loses_nothing(monkeypatch, tmp_path):
    """Fault injection: SIGKILL the worker while it runs a request; that request is retried on a fresh
    worker and answers exactly the library's summary, and later requests are served."""
    mark = tmp_path / "busy.pid"
    monkeypatch.setenv(MARK, str(mark))
    monkeypatch.setattr(work, "summarize_payload", slow_once_marked)

    async def scenario():
        app = create_app(workers=2, cache_size=0, timeout=30)
        transport = httpx.ASGITransport(app=app)
        async with app.router.lifespan_context(app):
            async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as c:
                busy = asyncio.create_task(c.post("/v1/summarize", json={"articles": STORM, "words": 60, "id": "busy"}))
                deadline = time.time() + 20
                while not (mark.exists() and mark.read_text().strip()):  # exists before its pid is written
                    assert time.time() < deadline, "the job never started"
                    await asyncio.sleep(0.02)
                victim = int(mark.read_text())
                mark.unlink()
                os.kill(victim, signal.SIGKILL)
                other = await c.post("/v1/summarize", json={"articles": METRO, "words": 50})
                busy_result = await busy
                later = await c.post("/v1/summarize", json={"articles": STORM, "words": 45})
                health = (await c.get("/healthz")).json()
        return victim, busy_result, other, later, health, app.state.runner

    victim, busy, other, later, health, runner = asyncio.run(scenario())
    assert _wait_dead(victim)
    assert busy.status_code == 200, busy.text
    assert busy.json() == _summary_json(STORM, 60, "busy")
    assert other.status_code == 200 and other.json() == _summary_json(METRO, 50)
    assert later.status_code == 200
    assert health["status"] == "ok" and health["alive"] == 2 and health["restarts"] >= 1


def test_timed_out_request_stops_its_work_and_the_next_request_is_prompt(monkeypatch):
    """Item 5: a 504 kills the worker running the job (the work stops) and a fresh one serves the next
    normal request well within its time limit, even with a single worker."""
    monkeypatch.setattr(work, "summarize_payload", heavy_hangs)
    limit = 3.0
    with TestClient(create_app(workers=1, cache_size=0, timeout=limit), raise_server_exceptions=False) as c:
        runner = c.app.state.runner
        [worker] = runner.pool.pids()
        start = time.perf_counter()
        r = c.post("/v1/summarize", json={"articles": STORM, "words": 40, "id": "heavy"})
        assert r.status_code == 504 and "limit" in r.json()["detail"]
        assert time.perf_counter() - start < limit + 2
        assert _wait_dead(worker, 2.0), "the timed-out job's worker still runs"
        start = time.perf_counter()
        r = c.post("/v1/summarize", json={"articles": STORM, "words": 40})
        elapsed = time.perf_counter() - start
        assert r.status_code == 200, r.text
        assert elapsed < limit, elapsed
        assert r.json() == _summary_json(STORM, 40)
        health = c.get("/healthz").json()
        assert health["alive"] == 1 and health["restarts"] == 1


def test_thread_mode_timeout_still_answers_and_serves(monkeypatch):
    """workers=0 (threads): a thread cannot be killed, so the job runs on, but its 504 is immediate,
    its late result is dropped (not cached), and other requests are served by the other threads."""
    def slow(payload):
        if payload.get("id") == "heavy":
            time.sleep(1.5)
        return REAL_PAYLOAD(payload)

    monkeypatch.setattr(work, "summarize_payload", slow)
    with TestClient(create_app(workers=0, timeout=0.5, cache_size=8)) as c:
        assert c.post("/v1/summarize", json={"articles": STORM, "id": "heavy"}).status_code == 504
        assert c.post("/v1/summarize", json={"articles": STORM, "words": 40}).status_code == 200
        time.sleep(1.2)
        assert len(c.app.state.runner.cache) == 1  # only the normal request's result
