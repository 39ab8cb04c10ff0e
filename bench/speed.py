"""Throughput of the whole pipeline on ViMs (300 clusters), per stage.

    python bench/speed.py [--workers 2] [--segment] [--method greedy|ilp] [--data ../shared/data/vims]

Prints clusters/s end to end (reading the files included), the seconds spent in
each stage summed over all clusters, and the throughput of underthesea word
segmentation alone on the same text, so the cost of everything else is visible.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, console, print_table, require  # noqa: E402

from tomtat.evaluate.datasets import read_vims  # noqa: E402
from tomtat.pipeline import StageTimer, summarize  # noqa: E402
from tomtat.select import SELECTORS  # noqa: E402


def _run(folder: str, segment: bool, method: str) -> dict[str, float]:
    timer = StageTimer()
    with timer.stage("read"):
        cluster = next(read_vims(folder, only=[Path(folder).name]))
    summarize(cluster, words=225, timer=timer, segment=segment, method=method)
    return timer.seconds


def _segment_only(folder: str) -> tuple[int, float]:
    from tomtat.split import segment_words
    from tomtat.text.normalize import normalize

    lines = [
        line for f in sorted(Path(folder).glob("*.txt"))
        for line in normalize(f.read_text(encoding="utf-8")).split("\n") if line.strip()
    ]
    start = time.perf_counter()
    tokens = sum(len(segment_words(line)) for line in lines)
    return tokens, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=VIMS)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--segment", action="store_true", help="also run underthesea inside the pipeline")
    parser.add_argument("--method", choices=tuple(SELECTORS), default="greedy", help="sentence selection")
    parser.add_argument("--limit", type=int, default=None, help="only the first N clusters")
    args = parser.parse_args()
    root = require(args.data)
    folders = sorted(str(p) for p in (root / "data").iterdir() if p.is_dir())[: args.limit]
    # warm up the worker imports outside the timed region
    with ProcessPoolExecutor(args.workers) as pool:
        list(pool.map(_run, folders[: args.workers], [args.segment] * args.workers, [args.method] * args.workers))
        start = time.perf_counter()
        results = list(pool.map(_run, folders, [args.segment] * len(folders), [args.method] * len(folders), chunksize=4))
        wall = time.perf_counter() - start
        seg = list(pool.map(_segment_only, folders, chunksize=4))
    stages: dict[str, float] = {}
    for r in results:
        for k, v in r.items():
            stages[k] = stages.get(k, 0.0) + v
    cpu = sum(stages.values())
    rows = [[k, v, 100 * v / cpu, 1000 * v / len(folders)] for k, v in stages.items()]
    print_table(
        f"tomtat pipeline on {len(folders)} ViMs clusters, {args.workers} worker(s), "
        f"segment={args.segment}, method={args.method}",
        ["stage", "seconds (all clusters)", "% of CPU time", "ms / cluster"], rows,
    )
    tokens = sum(t for t, _ in seg)
    seg_cpu = sum(s for _, s in seg)
    console.print(
        f"end to end: [bold]{len(folders) / wall:.1f} clusters/s[/bold] "
        f"({wall:.1f} s wall, {cpu:.1f} s CPU in stages, {args.workers} workers)"
    )
    console.print(
        f"word segmentation alone (underthesea, all sentences): {tokens / seg_cpu:,.0f} words/s per core, "
        f"{len(folders) / seg_cpu * args.workers:.1f} clusters/s on {args.workers} workers"
    )


if __name__ == "__main__":
    main()
