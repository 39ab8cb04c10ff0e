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


async def run_load(url: str, body: dict, clients: int, seconds: float, mode: str, warmup: int) -> dict:
    nonce = secrets.token_hex(8)  # a second run against the same server must not hit the first run's cache
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        for i in range(warmup):  # first requests load models in every worker (and fill the cache in hit mode)
            r = await client.post(url + "/v1/summarize", json=request_body(body, mode, nonce, f"warm-{i}"))
            r.raise_for_status()
        latencies: list[float] = []
        statuses: dict = {}
        counter = [0]
        start = time.perf_counter()
        stop_at = start + seconds
        await asyncio.gather(*(client_loop(client, url, body, mode, stop_at, latencies, statuses, counter, nonce)
                               for _ in range(clients)))
        elapsed = time.perf_counter() - start
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
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = ap.parse_args()
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    clients = max(1, min(args.clients, 256))

    articles, described = load_cluster(args.cluster)
    body = {"articles": articles, "words": args.words}
    proc = None
    if args.url:
        check_loopback(args.url)
        url = args.url.rstrip("/")
    else:
        proc, url = start_server(args.workers, cache=256, timeout=60)
    try:
        result = asyncio.run(run_load(url, body, clients, seconds, args.mode, args.warmup))
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
    failed = result["errors"] > 0 or (args.target_p99_ms is not None and result["p99_ms"] > args.target_p99_ms)
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
