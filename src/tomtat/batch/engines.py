"""Where batch jobs run: in this process, in a local process pool, or on a Ray cluster.

Every engine has the same shape: `imap(jobs)` takes an iterator of
`(line_number, line)` and yields `summarize_line` results *in input order*,
keeping only a bounded window of jobs in flight so memory stays flat on
inputs of any size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from typing import Any

from tomtat.batch.jobs import crash_result, summarize_line, summarize_lines
from tomtat.errors import TomtatError
from tomtat.options import SummaryOptions
from tomtat.workers import worker_init

Job = tuple[int, str]


class EngineUnavailableError(TomtatError):
    """The chosen engine cannot run here (Ray not installed, cluster unreachable)."""

    code = "engine_unavailable"
    exit_code = 2
    http_status = 503


class InlineEngine:
    """One worker: run every job in this process."""

    name = "inline"

    def __init__(self, options: SummaryOptions) -> None:
        self.options = options

    def __enter__(self) -> InlineEngine:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def imap(self, jobs: Iterable[Job]) -> Iterator[dict[str, Any]]:
        for n, line in jobs:
            yield summarize_line(n, line, self.options)


class ProcessEngine:
    """`workers` processes on this machine (concurrent.futures), results in input order.

    A worker that dies (killed, out of memory, a crash in native code) breaks
    the whole pool: every job in flight fails with `BrokenProcessPool`. The
    pool is then rebuilt and each of those jobs is retried once, alone, so the
    job that killed its worker is told apart from the ones that only shared its
    pool; a job whose retry dies too is reported as a `worker_crash` error
    record and the run goes on.
    """

    name = "local"

    def __init__(self, options: SummaryOptions, workers: int) -> None:
        self.options, self.workers = options, workers
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessEngine:
        self.pool = self._new_pool()
        return self

    def __exit__(self, exc_type, *exc) -> None:
        assert self.pool is not None
        # on an interrupt, drop queued jobs and do not wait for running ones
        self.pool.shutdown(wait=exc_type is None, cancel_futures=True)

    def _new_pool(self) -> ProcessPoolExecutor:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        return ProcessPoolExecutor(max_workers=self.workers, initializer=worker_init)

    def _submit(self, job: Job) -> list:
        """A window entry: [job, future (None if the pool was already broken), result once known]."""
        assert self.pool is not None
        try:
            return [job, self.pool.submit(summarize_line, *job, self.options), None]
        except BrokenExecutor:
            return [job, None, None]  # retried by `_recover` with the others the pool lost

    def _recover(self, window: deque[list]) -> None:
        """The pool broke: a fresh pool, and every job it lost retried once, one at a time.

        Only jobs of the broken pool are in the window here (nothing is
        submitted between the break and this call), so each retry runs alone
        and a second death is that job's own.
        """
        self.pool = self._new_pool()
        for entry in window:
            job, future, result = entry
            if result is not None:
                continue
            try:
                if future is not None:
                    entry[2] = future.result()  # finished before the pool broke
                    continue
            except BrokenExecutor:
                pass
            try:
                entry[2] = self.pool.submit(summarize_line, *job, self.options).result()
            except BrokenExecutor:
                self.pool = self._new_pool()
                entry[2] = crash_result(*job)

    def _take(self, window: deque[list]) -> dict[str, Any]:
        entry = window[0]
        if entry[2] is None:
            try:
                entry[2] = entry[1].result() if entry[1] is not None else None
            except BrokenExecutor:
                pass
            if entry[2] is None:
                self._recover(window)
        return window.popleft()[2]

    def imap(self, jobs: Iterable[Job]) -> Iterator[dict[str, Any]]:
        assert self.pool is not None
        window: deque[list] = deque()
        limit = self.workers * 4
        for job in jobs:
            window.append(self._submit(job))
            if len(window) >= limit:
                yield self._take(window)
        while window:
            yield self._take(window)


class RayEngine:
    """Ray tasks, one per cluster, on a local Ray (default) or `ray.init(address=...)`.

    Ray schedules the tasks over every node's CPUs; this process only keeps a
    window of task references and writes their results in input order, so
    resume, the errors file and the per-line atomic output behave exactly as
    with the local engine. The workers import `tomtat` themselves: on a real
    cluster install it on every node (or pass a runtime_env).
    """

    name = "ray"

    def __init__(self, options: SummaryOptions, workers: int, address: str | None = None, chunk: int = 4) -> None:
        self.options, self.workers, self.address = options, workers, address
        self.chunk = max(1, chunk)
        self._started = False
        self._task = None

    def __enter__(self) -> RayEngine:
        try:
            import ray
        except ImportError:
            raise EngineUnavailableError("--engine ray needs Ray: pip install 'tomtat[ray]'") from None
        if not ray.is_initialized():
            try:
                if self.address:
                    ray.init(address=self.address, log_to_driver=False)
                else:
                    # RAY_ADDRESS in the environment still wins inside ray.init
                    ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = self.address or "a local Ray"
                raise EngineUnavailableError(f"cannot start or reach {where} ({exc})") from None
            self._started = True
        self._task = ray.remote(num_cpus=1, max_retries=2)(summarize_lines)
        return self

    def __exit__(self, *exc) -> None:
        if self._started:
            import ray

            ray.shutdown()

    def imap(self, jobs: Iterable[Job]) -> Iterator[dict[str, Any]]:
        import ray

        # a few clusters per task amortize Ray's per-task cost; results stay in input order
        limit = max(self.workers, int(ray.cluster_resources().get("CPU", 1))) * 3
        window = deque()
        chunk: list[Job] = []
        for job in jobs:
            chunk.append(job)
            if len(chunk) >= self.chunk:
                window.append(self._task.remote(chunk, self.options))
                chunk = []
                if len(window) >= limit:
                    yield from ray.get(window.popleft())
        if chunk:
            window.append(self._task.remote(chunk, self.options))
        while window:
            yield from ray.get(window.popleft())


def make_engine(engine: str, options: SummaryOptions, workers: int, address: str | None = None):
    if engine == "ray":
        return RayEngine(options, workers, address)
    if engine == "local":
        return InlineEngine(options) if workers <= 1 else ProcessEngine(options, workers)
    raise ValueError(f"unknown engine {engine!r}; choose local or ray")
