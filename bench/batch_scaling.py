"""Batch throughput against --workers: the same JSONL input run with 1, 2, ... workers.

    python bench/batch_scaling.py                     # 40 ViMs clusters, workers 1 and 2
    python bench/batch_scaling.py --clusters 60 --workers 1 2 3
    python bench/batch_scaling.py --engine ray        # the same through local Ray tasks

Wall time includes starting the pool (and, with Ray, starting a local Ray:
several seconds). Input: the first N clusters of ../shared/data/vims when present (read at run
time, nothing copied), else the test fixtures repeated. Prints clusters/s per
worker count and the speed-up over one worker, and checks every run wrote the
same output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIMS = ROOT.parent / "shared" / "data" / "vims" / "data"


def build_input(path: Path, n: int) -> str:
    records = []
    if VIMS.is_dir():
        from tomtat.model import Cluster
        from tomtat.read import read_paths

        for folder in sorted(p for p in VIMS.iterdir() if p.is_dir())[:n]:
            items = [i for i in read_paths([folder]) if isinstance(i, Cluster)]
            if items:
                arts = [{"title": a.title, "text": a.text, "source": a.source} for a in items[0].articles]
                records.append({"id": folder.name, "articles": arts})
        described = f"{len(records)} ViMs clusters from {VIMS}"
    else:
        sys.path.insert(0, str(ROOT / "tests"))
        from vi_news import METRO, STORM

        records = [{"id": f"c{i}", "articles": METRO if i % 2 == 0 else STORM} for i in range(n)]
        described = f"{n} fixture clusters (tests/vi_news.py)"
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return described


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(workers: int, n: int = 3_000_000) -> float:
    """What `workers` processes gain on pure CPU work right now: the ceiling for any speed-up here
    (on a shared machine other users' load lowers it)."""
    from concurrent.futures import ProcessPoolExecutor

    jobs = [n] * (2 * workers)
    start = time.perf_counter()
    for j in jobs:
        _burn(j)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(workers) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, jobs))
        parallel = time.perf_counter() - start
    return serial / parallel


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=int, default=40)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--engine", choices=("local", "ray"), default="local")
    ap.add_argument("--words", type=int, default=200)
    args = ap.parse_args()

    from tomtat.batch import run_batch
    from tomtat.options import SummaryOptions

    options = SummaryOptions.from_request(args.words)

    with tempfile.TemporaryDirectory(prefix="tomtat-bench-") as tmp:
        src = Path(tmp) / "in.jsonl"
        described = build_input(src, max(1, min(args.clusters, 300)))
        print(f"input: {described}; engine={args.engine}; cpus={os.cpu_count()}")
        base = None
        digests = set()
        for w in args.workers:
            out = Path(tmp) / f"out-{w}.jsonl"
            cpu0 = _cpu()
            start = time.perf_counter()
            report = run_batch(src, out, workers=w, options=options, engine=args.engine)
            wall = time.perf_counter() - start  # includes starting the pool and warming every worker
            cpu = _cpu() - cpu0  # this process + its finished worker processes (not Ray's daemons)
            rate = (report.done + report.failed) / wall
            base = base or rate
            digests.add(hashlib.sha256(out.read_bytes()).hexdigest())
            print(f"workers={w}: {report.done} ok, {report.failed} failed, {wall:.2f} s, "
                  f"{rate:.2f} clusters/s, speed-up x{rate / base:.2f}"
                  + ("" if args.engine == "ray" else  # Ray's workers are not our child processes
                     f", CPU {cpu:.2f} s ({1000 * cpu / max(1, report.done + report.failed):.0f} ms/cluster)"))
        print(f"load average while running: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cpus (other users count too)")
        top = max(args.workers)
        if top > 1:
            print(f"ceiling: {top} processes speed up pure CPU work x{machine_speedup(top):.2f} on this machine right now")
        print("outputs identical across worker counts:", len(digests) == 1)


if __name__ == "__main__":
    main()
