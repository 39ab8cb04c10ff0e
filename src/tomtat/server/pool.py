"""The server's worker processes: a small pool where one job can be stopped by killing its worker.

Why not `concurrent.futures.ProcessPoolExecutor`: it cannot stop a running
job (a timed-out request kept a worker busy, and 2 GB of memory, for a minute
after its 504, and the next request timed out behind it), and one dead worker
breaks the whole executor (every later request got 500 "a worker process
died"). Here each worker is one process with one pipe; a job runs on exactly
one worker, so

- a job past its deadline is stopped by SIGKILLing its worker, which is then
  replaced;
- a worker found dead before a job is sent to it (killed while idle, out of
  memory) is replaced and the job goes to the new one;
- a worker that dies while running a job is replaced and the job is retried
  once on a fresh worker (the batch runner's rule); if that one dies too the
  request fails with "a worker process died" and the server goes on.

Workers are forked from the server process after it has loaded the pipeline
and model (`warm_up`), so a replacement is ready in about 30 ms instead of the
2.4 s a cold worker needs (measured on the dev machine: 0.03 s vs 2.4 s).
Every fork happens on the event-loop thread: `worker_init` ties a worker's
life to the thread that forked it (PR_SET_DEATHSIG), and that thread lives as
long as the server.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from typing import Any, Callable

log = logging.getLogger("tomtat.server")

# a job that dies with its worker is run once more on a fresh worker; a worker
# found dead before the job reached it does not count as an attempt
RETRIES_AFTER_DEATH = 1


def _serve(conn: Connection, initializer: Callable[[], None] | None) -> None:
    """A worker's loop: receive `(func, args)`, answer `(True, result)` or `(False, exception)`."""
    if initializer is not None:
        initializer()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        func, args = job
        try:
            reply: tuple[bool, Any] = (True, func(*args))
        except BaseException as exc:  # noqa: BLE001  (reported to the parent, which classifies it)
            reply = (False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # noqa: BLE001  (an unpicklable result or exception: report it as one line)
            conn.send((False, RuntimeError(f"{type(reply[1]).__name__} could not be sent back ({exc})")))


class _NotDelivered(Exception):
    """The job could not be sent: the worker died before it read it."""


def _exchange(conn: Connection, job: bytes) -> tuple[bool, Any]:
    """Send a pickled job and wait for its reply (in a reader thread: a large payload or a
    worker that is still starting must not block the event loop)."""
    try:
        conn.send_bytes(job)
    except (OSError, EOFError, ValueError):
        raise _NotDelivered from None
    return conn.recv()


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context, initializer: Callable[[], None] | None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, initializer), name="tomtat-worker", daemon=True)
        try:
            self.process.start()
        except BaseException:
            self.conn.close()
            raise
        finally:
            child.close()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def alive(self) -> bool:
        """Running. `is_alive` alone says yes for a child that something else in the process already
        reaped (its waitpid then fails), so a vanished pid also counts as dead."""
        if not self.process.is_alive():
            return False
        try:
            os.kill(self.process.pid, 0)
        except ProcessLookupError:
            return False
        except (OSError, TypeError):
            pass
        return True

    def idle_alive(self) -> bool:
        """`alive`, for an idle worker: one never writes while idle, so a readable pipe means the
        worker's end was closed (it died) even before its process can be seen gone."""
        if not self.alive():
            return False
        try:
            return not self.conn.poll()
        except (OSError, EOFError, ValueError):
            return False

    def kill(self) -> None:
        """End the process now (SIGKILL) and reap it."""
        try:
            self.process.kill()
        except (OSError, ValueError, AttributeError):
            pass
        self.process.join(5.0)

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass


class WorkerPool:
    """`size` worker processes; `call` runs one job under a deadline, killing its worker past it."""

    def __init__(self, size: int, initializer: Callable[[], None] | None = None) -> None:
        self.size = size
        self.initializer = initializer
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []
        self.restarts = 0  # workers replaced since start: died, killed, or timed out
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._readers: ThreadPoolExecutor | None = None
        self._closed = True

    def start(self) -> None:
        self._closed = False
        self._idle = asyncio.Queue()  # bound to the loop that serves, on first use
        self._readers = ThreadPoolExecutor(max_workers=self.size, thread_name_prefix="tomtat-reader")
        self._top_up()

    def _spawn(self) -> _Worker:
        worker = _Worker(self.context, self.initializer)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` (if it still runs), forget it, and put a fresh one in the idle queue."""
        worker.kill()
        worker.close()
        if worker in self.workers:
            self.workers.remove(worker)
        self.restarts += 1
        self._top_up()

    def _top_up(self) -> None:
        """Start workers until there are `size` again; a failed fork (no memory, no pids) leaves the
        pool short, /healthz reports it, and the next request or health check tries again."""
        while not self._closed and len(self.workers) < self.size:
            try:
                worker = self._spawn()
            except OSError as exc:
                log.warning("cannot start a worker process (%s); %d of %d running", exc, len(self.workers), self.size)
                return
            self._idle.put_nowait(worker)

    def pids(self) -> list[int]:
        return [w.pid for w in self.workers if w.pid is not None]

    def alive(self) -> int:
        return sum(w.alive() for w in self.workers)

    def check(self) -> int:
        """Replace idle workers that died (killed, out of memory); how many were replaced.

        Busy workers are left to the request that waits on them, which sees
        the death and replaces the worker itself.
        """
        dead = [w for w in list(self._idle._queue) if not w.idle_alive()]  # noqa: SLF001  (asyncio.Queue has no remove)
        for worker in dead:
            self._idle._queue.remove(worker)  # noqa: SLF001
            self._replace(worker)
        self._top_up()
        return len(dead)

    async def call(self, func: Callable[..., Any], args: tuple, timeout: float) -> Any:
        """`func(*args)` on a worker. `TimeoutError` past `timeout` seconds (the worker is killed and
        replaced), `BrokenProcessPool` when the job's worker died twice, else the job's result or exception."""
        if self._closed:
            raise BrokenProcessPool("the worker pool is not running")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        deaths = 0
        while True:
            self._top_up()
            async with asyncio.timeout_at(deadline):
                worker = await self._idle.get()
            if not worker.idle_alive():  # died while idle: not this job's fault
                self._replace(worker)
                continue
            try:
                job = bytes(ForkingPickler.dumps((func, args)))
            except BaseException:  # the job cannot be pickled: the worker is untouched
                self._idle.put_nowait(worker)
                raise
            reply = loop.run_in_executor(self._readers, _exchange, worker.conn, job)
            try:
                async with asyncio.timeout_at(deadline):
                    ok, value = await asyncio.shield(reply)
            except (TimeoutError, asyncio.CancelledError):  # past the deadline, or the request was cancelled
                worker.kill()  # stop the job
                try:
                    await asyncio.wait([reply], timeout=5.0)  # the reader sees EOF at once
                finally:
                    self._replace(worker)
                raise
            except _NotDelivered:  # died while idle, after the check above
                self._replace(worker)
                continue
            except (EOFError, OSError):  # the worker died under this job
                self._replace(worker)
                deaths += 1
                if deaths > RETRIES_AFTER_DEATH or self._closed:
                    raise BrokenProcessPool("a worker process died") from None
                continue
            except BaseException:  # the reply arrived but could not be unpickled: the worker is fine
                self._idle.put_nowait(worker)
                raise
            self._idle.put_nowait(worker)
            if ok:
                return value
            raise value

    def stop(self, grace: float = 5.0) -> None:
        """Idle workers exit at once; running jobs get `grace` seconds, then their workers are killed."""
        self._closed = True
        idle = []
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
            idle.append(worker)
        deadline = time.monotonic() + grace
        for worker in list(self.workers):
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.alive():
                worker.process.terminate()
                worker.process.join(1.0)
            if worker.alive():
                worker.kill()
        for worker in idle:  # a busy worker's pipe is closed by the request that waits on it
            worker.close()
        self.workers.clear()
        if self._readers is not None:
            self._readers.shutdown(wait=False, cancel_futures=True)
            self._readers = None
