"""Runs a request's CPU work off the event loop: a pool, a time limit, a queue cap, a result cache.

Processes (`workers` > 0, what `tomtat serve` uses) run on `WorkerPool`
(server/pool.py): a request past its time limit gets 504 *and* its worker is
killed and replaced, so the work stops and the next request is served
promptly; a worker that dies (killed, out of memory) is replaced, idle or
busy, and the request it was running is retried once.

Threads (`workers` = 0, for tests and embedding) cannot be killed: a request
past its time limit gets its 504 at once, but its thread runs the job to the
end and the result is dropped. Use processes wherever a request may be heavy.
"""

from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from tomtat.errors import BusyError, TimeLimitError
from tomtat.server.pool import WorkerPool
from tomtat.workers import warm_up, worker_init


class Runner:
    """Runs the CPU work off the event loop, with a time limit, a queue cap and a result cache."""

    def __init__(self, workers: int, timeout: float, max_pending: int, cache_size: int) -> None:
        self.workers = workers
        self.timeout = timeout
        self.max_pending = max_pending
        self.cache_size = cache_size
        self.cache: OrderedDict[str, Any] = OrderedDict()
        self.pending = 0
        self.pool: WorkerPool | None = None  # processes
        self.executor: ThreadPoolExecutor | None = None  # threads

    @property
    def kind(self) -> str:
        return "processes" if self.workers > 0 else "threads"

    @property
    def running(self) -> bool:
        return self.pool is not None or self.executor is not None

    def start(self) -> None:
        """Start the workers. Call it on the event-loop thread: worker processes are forked from it."""
        if self.workers > 0:
            # load the pipeline and model here once, so every worker, and every replacement, is forked warm
            warm_up()
            self.pool = WorkerPool(self.workers, initializer=worker_init)
            self.pool.start()
        else:
            self.executor = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="tomtat")
            self.executor.submit(warm_up)

    def stop(self, grace: float = 5.0) -> None:
        """Stop the workers: queued work is dropped, running work gets `grace` seconds, then workers are ended."""
        pool, self.pool = self.pool, None
        executor, self.executor = self.executor, None
        if pool is not None:
            pool.stop(grace)
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def health(self) -> dict[str, Any]:
        """The real state for /healthz: dead idle workers are replaced first; "degraded" if none is alive."""
        info: dict[str, Any] = {"workers": self.kind, "pending": self.pending}
        if self.pool is not None:
            self.pool.check()
            alive = self.pool.alive()
            info.update(alive=alive, size=self.pool.size, restarts=self.pool.restarts)
            info["status"] = "ok" if alive else "degraded"
        else:
            info["status"] = "ok"
        return info

    async def run(self, func, *args, cache_key: str | None = None):
        """`func(*args)` on a worker; `BusyError` when the queue is full, `TimeLimitError` past the limit."""
        if cache_key is not None and cache_key in self.cache:
            self.cache.move_to_end(cache_key)
            return self.cache[cache_key]
        if self.pending >= self.max_pending:
            raise BusyError("the server is busy; try again shortly")
        if not self.running:
            self.start()
        self.pending += 1
        try:
            if self.pool is not None:
                result = await self.pool.call(func, args, self.timeout)
            else:
                future = asyncio.get_running_loop().run_in_executor(self.executor, partial(func, *args))
                result = await asyncio.wait_for(future, self.timeout)  # the thread runs on; its result is dropped
        except TimeoutError:  # asyncio's and the builtin are one from 3.11 on
            raise TimeLimitError(
                f"the request took longer than the {self.timeout:g} s limit; send fewer or shorter articles") from None
        finally:
            self.pending -= 1
        if cache_key is not None and self.cache_size > 0:
            self.cache[cache_key] = result
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return result
