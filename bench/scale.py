"""How time and memory grow with the input: synthetic clusters from 5 to 200 articles, single long articles.

    python bench/scale.py --quick          # a couple of minutes: up to 200 articles, 200 long articles, 20k syllables
    python bench/scale.py                  # adds 200 longer articles, a 50k-syllable article and 200 x 100,000 characters
    python bench/scale.py --only "200 long" --mem-gb 2 --timeout 120

Each size runs in its own fresh subprocess: the pipeline is warmed up on a
small cluster first (imports, the learned model), then `summarize` runs on the
size (median of up to `--repeat` runs, fewer when one run takes over 2 s).
Peak memory is the process's peak resident set above its resident set just
before the first timed run (Linux VmHWM, reset through /proc/self/clear_refs;
ru_maxrss elsewhere). The subprocess may grow by at most `--mem-gb` (an
address-space limit set after warm-up), and runs at most `--timeout` seconds,
so a size that runs out of memory or time is reported in the table instead of
taking the machine down.

The text: sentences of ViMs (../shared/data/vims), drawn at random with a fixed
seed into paragraphs of 2 to 5 sentences, so every article of a cluster tells
a mix of the same stories, as outlets covering one event do; without ViMs, a
generated Vietnamese-like text. "sentences" is what the pipeline kept after
cleaning and splitting (from `include_sources`). The growth exponent is the
slope of a least-squares line through log(seconds) against log(sentences),
fitted per stage over the multi-article sizes and over the single articles,
once over all sizes and once over the largest three (small sizes are mostly
fixed cost per call, which flattens the all-sizes slope): 1 is linear, 2
quadratic.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, VIMS, console, print_table  # noqa: E402

MAX_CHARS = 100_000  # tomtat.pipeline.MAX_ARTICLE_CHARS, the longest article read whole
NORMAL = 410  # syllables in the mean ViMs article (13 sentences, 1,850 characters)

# (name, series, articles, syllables per article or None, characters per article or None, in --quick)
SIZES = [
    *[(f"{n} articles", "clusters", n, NORMAL, None, True) for n in (5, 10, 25, 50, 100, 200)],
    ("200 long", "clusters", 200, 3 * NORMAL, None, True),
    ("200 longer", "clusters", 200, 6 * NORMAL, None, False),
    ("200 x 100k chars", "clusters", 200, None, MAX_CHARS - 1000, False),
    *[(f"1 x {k}k syllables", "single", 1, k * 1000, None, k <= 20) for k in (2, 5, 10, 20, 50)],
]

# A generated stand-in when ViMs is absent: common Vietnamese news syllables, Zipf-weighted.
_SYLLABLES = (
    "của và là các được có trong cho người đã với này không một những khi tại theo năm ngày đến từ ra "
    "nhà nước công an tỉnh thành phố Hà Nội chính phủ dự án kinh tế xã hội đường giao thông học sinh "
    "trường bệnh viện bác sĩ mưa bão lũ dân cư khu vực đang sẽ hai ba triệu đồng tăng giảm cao thấp "
    "cho biết báo cáo lực lượng cứu hộ hiện trường điều tra vụ việc quốc hội đại biểu doanh nghiệp"
).split()


def _vims_pool(limit_syllables: int) -> tuple[list[str], list[str]]:
    """ViMs sentences (and titles) in cluster order, until `limit_syllables` are collected."""
    from tomtat.evaluate.datasets import read_vims
    from tomtat.split import split_sentences
    from tomtat.text.normalize import normalize

    sentences: list[str] = []
    titles: list[str] = []
    count = 0
    for cluster in read_vims(VIMS):
        for article in cluster.articles:
            titles.append(normalize(article.title).strip())
            for _, s in split_sentences(normalize(article.text)):
                sentences.append(s)
                count += len(s.split())
        if count >= limit_syllables:
            break
    return sentences, titles


def _generated_pool(rng: random.Random, n: int) -> tuple[list[str], list[str]]:
    weights = [1 / (i + 1) for i in range(len(_SYLLABLES))]

    def sentence(lo: int, hi: int) -> str:
        words = rng.choices(_SYLLABLES, weights, k=rng.randint(lo, hi))
        return " ".join(words)[0].upper() + " ".join(words)[1:] + "."

    return [sentence(12, 32) for _ in range(n)], [sentence(8, 14).rstrip(".") for _ in range(64)]


def build(articles: int, syllables: int | None, chars: int | None, seed: int = 11) -> list[dict]:
    """`articles` synthetic articles of about `syllables` syllables (or `chars` characters) each."""
    rng = random.Random(seed)
    per_article = syllables if syllables else chars // 4  # ~4.5 characters per syllable
    need = articles * per_article
    if VIMS.is_dir():
        pool, titles = _vims_pool(max(need // 2, 20 * NORMAL))
    else:
        pool, titles = _generated_pool(rng, max(need // 40, 400))
    order = rng.sample(range(len(pool)), len(pool))
    out = []
    for i in range(articles):
        paragraphs, para, count, size, k = [], [], 0, 0, rng.randrange(len(order))
        while (count < syllables) if syllables else (size < chars):
            s = pool[order[k % len(order)]]
            k += 1
            if chars and size + len(s) + 1 > chars:
                break
            para.append(s)
            count += len(s.split())
            size += len(s) + 1
            if len(para) >= rng.randint(2, 5):
                paragraphs.append(" ".join(para))
                para = []
        if para:
            paragraphs.append(" ".join(para))
        out.append({"title": rng.choice(titles), "text": "\n".join(paragraphs), "source": f"bao-{i + 1}"})
    return out


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def child(spec: dict) -> dict:
    """One size in this (fresh) process: warm up, cap memory growth, time `summarize`."""
    import gc
    import resource

    from tomtat import TomtatError, summarize
    from tomtat.pipeline import StageTimer

    summarize(build(3, NORMAL, None, seed=1), words=spec["words"])  # imports and the model, untimed
    articles = build(spec["articles"], spec["syllables"], spec["chars"])
    chars = sum(len(a["text"]) for a in articles)
    gc.collect()
    rss_start = _status_kb("VmRSS")
    vm_start = _status_kb("VmSize")
    if vm_start and spec["mem_gb"]:
        cap = (vm_start * 1024) + int(spec["mem_gb"] * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
    hwm = _reset_peak()
    runs: list[tuple[float, dict[str, float]]] = []
    sentences = 0
    try:
        for _ in range(spec["repeat"]):
            timer = StageTimer()
            start = time.perf_counter()
            summary = summarize(articles, words=spec["words"], timer=timer, include_sources=True)
            runs.append((time.perf_counter() - start, dict(timer.seconds)))
            sentences = sum(len(s["sentences"]) for s in summary.sources or [])
            del summary
            if sum(t for t, _ in runs) > 2.0:
                break
    except MemoryError:
        where = list(timer.seconds)[-1] if timer.seconds else "?"
        return {"error": f"out of memory (over {spec['mem_gb']} GB above start) in {where} "
                         f"after {time.perf_counter() - start:.1f} s", "chars": chars}
    except TomtatError as exc:
        return {"error": f"{type(exc).__name__}: {exc}", "chars": chars}
    if hwm and rss_start is not None:
        peak_kb = _status_kb("VmHWM") - rss_start
    else:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - (rss_start or 0)
    runs.sort(key=lambda r: r[0])
    total, stages = runs[len(runs) // 2]
    return {"chars": chars, "sentences": sentences, "seconds": total, "runs": len(runs),
            "all_seconds": [round(t, 4) for t, _ in runs], "stages": stages, "peak_mb": max(0, peak_kb) / 1024}


def run_size(size: tuple, args: argparse.Namespace) -> dict:
    name, series, articles, syllables, chars, _ = size
    spec = {"articles": articles, "syllables": syllables, "chars": chars, "words": args.words,
            "repeat": args.repeat, "mem_gb": args.mem_gb}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH")) if p))
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)], capture_output=True, text=True,
                              timeout=args.timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"over {args.timeout:.0f} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        if "MemoryError" in proc.stderr or proc.returncode in (-9, 137):
            tail = f"out of memory (over {args.mem_gb} GB above start): {tail}"
        return {"error": tail[:120]}
    result = json.loads(lines[-1])
    result["wall"] = time.perf_counter() - start
    return result


def exponent(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) on log(x); None with fewer than 3 usable points or no spread in x."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 3:
        return None
    mx = statistics.fmean(x for x, _ in pts)
    my = statistics.fmean(y for _, y in pts)
    sxx = sum((x - mx) ** 2 for x, _ in pts)
    if sxx == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in pts) / sxx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="only the sizes that finish in a couple of minutes")
    parser.add_argument("--only", action="append", help="run only the sizes whose name contains this (repeatable)")
    parser.add_argument("--words", type=int, default=225, help="syllable budget of every summary")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (fewer once a size has taken 2 s); the median counts")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per size before it is reported as too slow")
    parser.add_argument("--mem-gb", type=float, default=4.0, help="memory a size may grow by before it is reported as out of memory")
    parser.add_argument("--json", type=Path, help="also write every result to this file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not console.is_terminal:
        console.width = max(console.width, 120)  # whole tables in logs and pipes
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return

    sizes = [s for s in SIZES if (s[5] or not args.quick) and (not args.only or any(o in s[0] for o in args.only))]
    if not sizes:
        raise SystemExit("no size matches --only")
    source = "ViMs sentences" if VIMS.is_dir() else "generated Vietnamese-like text (no ../shared/data/vims)"
    console.print(f"{len(sizes)} sizes from {source}; one fresh process each, at most {args.timeout:.0f} s "
                  f"and +{args.mem_gb} GB; budget {args.words} syllables")
    results = []
    for size in sizes:
        with console.status(f"{size[0]} ..."):
            result = run_size(size, args)
        results.append((size, result))
        shown = result.get("error") or f"{result['sentences']} sentences, {result['seconds']:.2f} s, +{result['peak_mb']:.0f} MB"
        console.print(f"  {size[0]}: {shown}")

    rows = []
    for (name, _, articles, *_), r in results:
        if "error" in r:
            rows.append([name, articles, f"{r['chars'] / 1e6:.1f}" if "chars" in r else "-", "-", "-", "-", r["error"]])
        else:
            rows.append([name, articles, f"{r['chars'] / 1e6:.2f}", r["sentences"], r["seconds"], f"{r['peak_mb']:.0f}",
                         f"median of {r['runs']}"])
    print_table("tomtat summarize by input size (peak memory above start)",
                ["size", "articles", "M chars", "sentences", "seconds", "peak MB", "note"], rows)

    done = [(s, r) for s, r in results if "error" not in r]
    stages = list(dict.fromkeys(k for _, r in done for k in r["stages"]))
    if done:
        print_table("seconds per stage (the median run)", ["size", *stages],
                    [[s[0], *[r["stages"].get(k, 0.0) for k in stages]] for s, r in done])

    fits = []
    for stage in ["total", *stages]:
        row: list[object] = [stage]
        for series in ("clusters", "single"):
            pts = sorted((r["sentences"], r["seconds"] if stage == "total" else r["stages"].get(stage, 0.0))
                         for s, r in done if s[1] == series)
            for e in (exponent(pts), exponent(pts[-3:])):
                row.append(e if e is not None else "-")
        fits.append(row)
    print_table("growth exponent in sentences (log-log least squares; 1 = linear, 2 = quadratic)",
                ["stage", "clusters: all sizes", "clusters: largest 3", "single: all", "single: largest 3"], fits)
    console.print("Over all sizes the fixed cost per call flattens the slope at the small end; "
                  "the largest 3 sizes show how the cost grows where it matters.")
    if args.json:
        args.json.write_text(json.dumps([{"size": s[0], "series": s[1], **r} for s, r in results], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
