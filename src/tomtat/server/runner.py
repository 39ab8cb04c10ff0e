"""Runs a request's CPU work off the event loop: a pool, a time limit, a queue cap, a result cache."""

from __future__ import annotations

import asyncio
import os
import time
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any

from tomtat.errors import BusyError, TimeLimitError
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
        self.executor: Executor | None = None

    @property
    def kind(self) -> str:
        return "processes" if self.workers > 0 else "threads"

    def start(self) -> None:
        if self.workers > 0:
            self.executor = ProcessPoolExecutor(max_workers=self.workers, initializer=worker_init)
            # start every worker now (each warms up in its initializer), not on the first request
            for _ in range(self.workers):
                self.executor.submit(int)
        else:
            self.executor = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="tomtat")
            self.executor.submit(warm_up)

    def stop(self, grace: float = 5.0) -> None:
        """Stop the pool: queued work is dropped, running work gets `grace` seconds, then workers are ended."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.terminate()

    async def run(self, func, *args, cache_key: str | None = None):
        """`func(*args)` in the pool; `BusyError` when the queue is full, `TimeLimitError` past the limit."""
        if cache_key is not None and cache_key in self.cache:
            self.cache.move_to_end(cache_key)
            return self.cache[cache_key]
        if self.pending >= self.max_pending:
            raise BusyError("the server is busy; try again shortly")
        if self.executor is None:
            self.start()
        loop = asyncio.get_running_loop()
        self.pending += 1
        executor = self.executor
        try:
            future = loop.run_in_executor(executor, partial(func, *args))
            try:
                result = await asyncio.wait_for(future, self.timeout)
            except asyncio.TimeoutError:  # the builtin TimeoutError from 3.11 on
                raise TimeLimitError(
                    f"the request took longer than the {self.timeout:g} s limit; send fewer or shorter articles") from None
            except BrokenProcessPool:
                if self.executor is executor:  # a worker died (out of memory, killed): start a fresh pool, once
                    self.stop(grace=0.0)
                    self.start()
                raise
        finally:
            self.pending -= 1
        if cache_key is not None and self.cache_size > 0:
            self.cache[cache_key] = result
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return result

