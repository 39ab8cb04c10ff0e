"""HTTP load test: N concurrent clients POST one cluster to /v1/summarize on loopback for a bounded time.

    python bench/http_load.py                       # starts `tomtat serve` on 127.0.0.1, 8 clients, 10 s
    python bench/http_load.py --clients 8 --seconds 10 --workers 2 --mode miss
    python bench/http_load.py --url http://127.0.0.1:8000   # an already running server (loopback only)

Prints requests/s and p50/p99 latency. The cluster is ../shared/seeds (five real
articles, the "seed-sized cluster") when present, else samples/bao-so-5.
`--mode hit` repeats the identical request (the server's result cache answers
after the first); `--mode miss` gives every request its own cluster id, made of
a random per-run nonce and a counter, so each one runs the whole pipeline even
against a server that answered an earlier run (the server's cache key is a hash
of the whole payload, id included). Exits 1 on any error response, or when
`--target-p99-ms` is given and missed.

    python bench/http_load.py --clients 8 --mode miss --workers 2 --breakdown
    python bench/http_load.py --big                 # one body just under the 5 MiB cap
    python bench/http_load.py --big --breakdown     # ... and where its time goes

`--breakdown` (Linux; the server this script starts) says where a request's
time goes. During the load: CPU milliseconds per request in the server
process, in its worker processes and in this load-generating client, which
shares the machine's cores with them. After it: the latency of one client
alone (sequential requests) against the service time of the same cluster
summarized in this process (`tomtat.server.work.summarize_payload`, what a
worker runs), the two taking turns so a busy moment hits both alike; the
difference is the server's overhead per request. Each client waits for its
answer before it sends again, so latency is clients / throughput, and on a
machine of its own the throughput is at most cores / (CPU per request): the
"latency floor" line. With 8 clients, 2 workers and 2 cores a p99 of 150 ms
needs under about 37 ms of CPU per request in all (client included).

`--big` sends one cluster of 200 articles built from ViMs sentences by
bench/scale.py, sized to just under the server's 5 MiB body cap (`--big-mb`
to choose), and prints the time to its answer. With `--breakdown` the same
body then goes through each step the server and its worker take, one at a
time in this process: JSON parse, the lone-surrogate check, request
validation, the cache key, pickling to the worker and back, the pipeline's
stages (its `StageTimer`), and validating and encoding the response.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
SAMPLE = ROOT / "samples" / "bao-so-5"
MAX_SECONDS = 120
BODY_CAP = 5 * 1024 * 1024  # tomtat serve's default --max-body


def load_cluster(path: str | None) -> tuple[list[dict], str]:
    from tomtat.model import Cluster
    from tomtat.read import read_paths

    target = Path(path) if path else next((p for p in (SEEDS, SAMPLE) if p.is_dir()), None)
    if target is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from vi_news import METRO

        return METRO, "tests/vi_news.py METRO (3 articles)"
    items = [i for i in read_paths([target]) if isinstance(i, Cluster)]
    if not items:
        raise SystemExit(f"no cluster readable at {target}")
    arts = [{"title": a.title, "text": a.text, "source": a.source, "url": a.url, "date": a.date} for a in items[0].articles]
    return arts, f"{target} ({len(arts)} articles, {sum(len(a['text']) for a in arts)} chars)"


def check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise SystemExit(f"refusing to load-test {host}: loopback addresses only")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_pids(pid: int) -> list[int]:
    """The child processes of `pid` (the server's workers), from /proc."""
    out: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return out


class CpuMeter:
    """CPU seconds used by the server, its workers and this client between `start` and `stop`."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.available = server_pid is not None and Path(f"/proc/{server_pid}/stat").exists()
        self.used: dict[str, float] = {}

    def _sample(self) -> dict[str, float]:
        workers = worker_pids(self.server_pid)
        return {"server": cpu_seconds(self.server_pid), "workers": sum(cpu_seconds(w) for w in workers),
                "client": time.process_time(), "pids": tuple(sorted(workers))}

    def start(self) -> None:
        if self.available:
            self._start = self._sample()

    def stop(self) -> None:
        if self.available:
            end = self._sample()
            if end["pids"] != self._start["pids"]:  # a worker was replaced: its CPU time is lost
                self.used = {}
                return
            self.used = {k: end[k] - self._start[k] for k in ("server", "workers", "client")}


def start_server(workers: int, cache: int, timeout: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "tomtat", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers), "--cache", str(cache), "--timeout", str(timeout), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def request_body(body: dict, mode: str, nonce: str, name: str) -> dict:
    """The payload to send: in miss mode a cluster id no earlier run used (`nonce` is fresh per run)."""
    return dict(body, id=f"{name}-{nonce}") if mode == "miss" else body


async def client_loop(client: httpx.AsyncClient, url: str, body: dict, mode: str, stop_at: float,
                      latencies: list[float], statuses: dict, counter: list[int], nonce: str) -> None:
    while time.perf_counter() < stop_at:
        counter[0] += 1
        payload = request_body(body, mode, nonce, f"load-{counter[0]}")
        start = time.perf_counter()
        try:
            r = await client.post(url + "/v1/summarize", json=payload)
            key = r.status_code
        except httpx.HTTPError as exc:
            key = type(exc).__name__
        latencies.append(time.perf_counter() - start)
        statuses[key] = statuses.get(key, 0) + 1


async def run_load(url: str, body: dict, clients: int, seconds: float, mode: str, warmup: int,
                   meter: CpuMeter | None = None) -> dict:
    nonce = secrets.token_hex(8)  # a second run against the same server must not hit the first run's cache
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        for i in range(warmup):  # first requests load models in every worker (and fill the cache in hit mode)
            r = await client.post(url + "/v1/summarize", json=request_body(body, mode, nonce, f"warm-{i}"))
            r.raise_for_status()
        latencies: list[float] = []
        statuses: dict = {}
        counter = [0]
        if meter is not None:
            meter.start()
        start = time.perf_counter()
        stop_at = start + seconds
        await asyncio.gather(*(client_loop(client, url, body, mode, stop_at, latencies, statuses, counter, nonce)
                               for _ in range(clients)))
        elapsed = time.perf_counter() - start
        if meter is not None:
            meter.stop()
    latencies.sort()

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    errors = sum(n for k, n in statuses.items() if k != 200)
    return {
        "requests": len(latencies), "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 2),
        "p50_ms": round(pct(0.50), 1), "p99_ms": round(pct(0.99), 1), "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else None,
        "errors": errors, "statuses": {str(k): v for k, v in statuses.items()},
    }


def service_and_latency(url: str, articles: list[dict], words: int, rounds: int) -> dict:
    """One client alone: HTTP latency and in-process service time of the same cluster, taking turns."""
    from tomtat.options import SummaryOptions
    from tomtat.server import work

    options = SummaryOptions.from_request(words, None)
    nonce = secrets.token_hex(8)
    latency, service = [], []
    with httpx.Client(timeout=60) as client:
        for i in range(rounds + 2):  # the first two warm this process's pipeline and the connection
            start = time.perf_counter()
            r = client.post(url + "/v1/summarize", json={"articles": articles, "words": words, "id": f"one-{nonce}-{i}"})
            r.raise_for_status()
            took = time.perf_counter() - start
            start = time.perf_counter()
            work.summarize_payload({"articles": articles, "id": f"in-{i}", "format": "json", "options": options})
            if i >= 2:
                latency.append(took)
                service.append(time.perf_counter() - start)
    overhead = [a - b for a, b in zip(latency, service)]
    return {"latency_ms": round(statistics.median(latency) * 1000, 1), "service_ms": round(statistics.median(service) * 1000, 1),
            "overhead_ms": round(statistics.median(overhead) * 1000, 1), "rounds": rounds}


def big_cluster(target_bytes: int) -> list[dict]:
    """200 articles of ViMs sentences (bench/scale.py's builder) whose JSON body is just under `target_bytes`."""
    sys.path.insert(0, str(ROOT / "bench"))
    from scale import build

    chars = 19_500  # about 5.1 MB of JSON for 200 articles of Vietnamese (1.3 bytes a character)
    for _ in range(3):
        articles = build(200, None, chars)
        size = len(json.dumps({"articles": articles, "words": 200}, ensure_ascii=False).encode())
        if 0.985 * target_bytes <= size <= target_bytes:
            break
        chars = int(chars * 0.99 * target_bytes / size)
    return articles


def big_request(url: str, articles: list[dict], words: int) -> dict:
    """POST one large body; seconds to the answer, status, body bytes."""
    content = json.dumps({"articles": articles, "words": words, "id": f"big-{secrets.token_hex(8)}"},
                         ensure_ascii=False).encode()
    start = time.perf_counter()
    r = httpx.post(url + "/v1/summarize", content=content, headers={"content-type": "application/json"}, timeout=600)
    seconds = time.perf_counter() - start
    return {"bytes": len(content), "status": r.status_code, "seconds": round(seconds, 2),
            "detail": None if r.status_code == 200 else r.text[:300]}


def big_breakdown(articles: list[dict], words: int) -> list[tuple[str, float]]:
    """Seconds of each step a large request takes in the server and its worker, one at a time in this process."""
    import pickle
    from dataclasses import asdict
    from multiprocessing.reduction import ForkingPickler

    from tomtat.pipeline import StageTimer
    from tomtat.pipeline import summarize as run_summarize
    from tomtat.server import work
    from tomtat.server.limits import _lone_surrogate
    from tomtat.server.routes import cache_key
    from tomtat.server.schemas import SummarizeRequest, SummaryOut

    raw = json.dumps({"articles": articles, "words": words, "id": "big"}, ensure_ascii=False).encode()
    steps: list[tuple[str, float]] = []

    def step(name: str, func):
        start = time.perf_counter()
        value = func()
        steps.append((name, time.perf_counter() - start))
        return value

    value = step("server: JSON parse", lambda: json.loads(raw))
    step("server: lone-surrogate check", lambda: _lone_surrogate(value))
    request = step("server: request validation", lambda: SummarizeRequest.model_validate(value))
    options = request.options()
    dumped = step("server: articles to dicts", lambda: [a.model_dump() for a in request.articles])
    step("server: cache key", lambda: cache_key(
        {"articles": dumped, "id": request.id, "format": request.format, "options": asdict(options)}))
    payload = {"articles": dumped, "id": request.id, "format": request.format, "options": options}
    job = step("server: pickle the job", lambda: bytes(ForkingPickler.dumps((work.summarize_payload, (payload,)))))
    step("worker: unpickle the job", lambda: pickle.loads(job))
    timer = StageTimer()
    summary = step("worker: pipeline", lambda: run_summarize(payload["articles"], options, cluster_id="big", timer=timer))
    stages = sorted(timer.seconds.items(), key=lambda kv: -kv[1])
    result = step("worker: Summary to dict", summary.to_dict)
    reply = step("worker: pickle the result", lambda: pickle.dumps((True, (result, None))))
    step("server: unpickle the result", lambda: pickle.loads(reply))
    step("server: validate + encode the response", lambda: SummaryOut.model_validate(result).model_dump_json())
    at = next(i for i, (name, _) in enumerate(steps) if name == "worker: pipeline") + 1
    return steps[:at] + [(f"    stage {name}", sec) for name, sec in stages] + steps[at:]


def print_breakdown(meter: CpuMeter, requests: int, alone: dict | None, clients: int, workers: int | None) -> None:
    cores = os.cpu_count() or 1
    if meter.used and requests:
        per = {k: v * 1000 / requests for k, v in meter.used.items()}
        total = sum(per.values())
        print(f"CPU per request during the load: server process {per['server']:.1f} ms, workers {per['workers']:.1f} ms, "
              f"this client {per['client']:.1f} ms (total {total:.1f} ms)")
        # closed loop: each client waits for its answer, so latency = clients / throughput (Little's law), and
        # throughput is at most cores / CPU per request (workers permitting) when no other job shares the cores
        busy = min(cores, workers or cores)
        print(f"latency floor for {clients} clients with the {cores} cores to this test alone: about "
              f"{clients * max(total / cores, per['workers'] / busy):.0f} ms ({clients} x CPU per request / {cores} cores); "
              f"other jobs on the machine add to it")
    elif meter.available:
        print("CPU per request: not measured (a worker was replaced during the load)")
    if alone:
        print(f"1 client alone ({alone['rounds']} requests, taking turns with the same cluster in-process): latency "
              f"{alone['latency_ms']} ms, service time in-process {alone['service_ms']} ms, server overhead "
              f"{alone['overhead_ms']} ms (median of the paired differences)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="an already running server (loopback only); default: start one")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0, help=f"load duration (at most {MAX_SECONDS})")
    ap.add_argument("--mode", choices=("hit", "miss"), default="hit")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="server worker processes (0: threads)")
    ap.add_argument("--words", type=int, default=200)
    ap.add_argument("--cluster", help="a folder of .txt/.html articles or a .json cluster (default: ../shared/seeds, else samples/bao-so-5)")
    ap.add_argument("--warmup", type=int, default=4)
    ap.add_argument("--target-p99-ms", type=float)
    ap.add_argument("--cache", type=int, default=256, help="the started server's --cache (0: no result cache)")
    ap.add_argument("--breakdown", action="store_true",
                    help="CPU per request by process, and 1-client latency against in-process service time (see above)")
    ap.add_argument("--rounds", type=int, default=20, help="sequential requests for --breakdown's 1-client row")
    ap.add_argument("--big", action="store_true", help="one large body instead of the load (see above)")
    ap.add_argument("--big-mb", type=float, default=BODY_CAP / 1e6 * 0.995,
                    help=f"--big's body size in MB (default: just under the {BODY_CAP:,}-byte cap)")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = ap.parse_args()
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    clients = max(1, min(args.clients, 256))

    if args.big:
        articles = big_cluster(int(args.big_mb * 1e6))
        described = f"{len(articles)} articles x {statistics.mean(len(a['text']) for a in articles):,.0f} characters (bench/scale.py)"
    else:
        articles, described = load_cluster(args.cluster)
    body = {"articles": articles, "words": args.words}
    proc = None
    if args.url:
        check_loopback(args.url)
        url = args.url.rstrip("/")
    else:
        proc, url = start_server(args.workers, cache=args.cache, timeout=600 if args.big else 60)
    meter = CpuMeter(proc.pid if proc is not None and args.breakdown else None)
    alone = None
    try:
        if args.big:
            main_big(url, articles, described, args, meter)
            return
        result = asyncio.run(run_load(url, body, clients, seconds, args.mode, args.warmup, meter))
        if args.breakdown:
            alone = service_and_latency(url, articles, args.words, args.rounds)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    result.update(clients=clients, mode=args.mode, workers=None if args.url else args.workers, cluster=described,
                  cpus=os.cpu_count())
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"cluster: {described}")
        print(f"{clients} clients, {result['seconds']} s, mode={args.mode}, server workers={result['workers']}, cpus={result['cpus']}")
        print(f"requests: {result['requests']}  errors: {result['errors']}  statuses: {result['statuses']}")
        print(f"throughput: {result['rps']} requests/s")
        print(f"latency: p50 {result['p50_ms']} ms  p99 {result['p99_ms']} ms  max {result['max_ms']} ms")
        if args.breakdown:
            print_breakdown(meter, result["requests"], alone, clients, result["workers"])
    failed = result["errors"] > 0 or (args.target_p99_ms is not None and result["p99_ms"] > args.target_p99_ms)
    raise SystemExit(1 if failed else 0)


def main_big(url: str, articles: list[dict], described: str, args: argparse.Namespace, meter: CpuMeter) -> None:
    """`--big`: one large body (after one small request that warms a worker); its split with --breakdown."""
    warm = httpx.post(url + "/v1/summarize", json={"articles": articles[:2], "words": 50}, timeout=120)
    warm.raise_for_status()
    meter.start()
    result = big_request(url, articles, args.words)
    meter.stop()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cluster: {described}")
    print(f"body: {result['bytes']:,} bytes ({result['bytes'] / 1e6:.2f} MB; cap {BODY_CAP:,}), server workers={args.workers}, "
          f"cache={args.cache}, cpus={os.cpu_count()}, load average {load:.2f}")
    print(f"answered: HTTP {result['status']} in {result['seconds']} s" + (f": {result['detail']}" if result["detail"] else ""))
    if meter.used:
        print(f"CPU: server process {meter.used['server']:.2f} s, workers {meter.used['workers']:.2f} s, this client "
              f"{meter.used['client']:.2f} s")
    if args.breakdown:
        steps = big_breakdown(articles, args.words)
        total = sum(sec for name, sec in steps if not name.startswith("    "))
        width = max(len(name) for name, _ in steps)
        print(f"the same body step by step in this process ({total:.2f} s in all):")
        for name, sec in steps:
            print(f"  {name:<{width}}  {sec * 1000:10.1f} ms  {100 * sec / total:5.1f}%")
    raise SystemExit(0 if result["status"] == 200 else 1)


if __name__ == "__main__":
    main()
