"""How many summary sentences lean on something the summary left out.

    python bench/coherence.py                      # ViMs and AbMuSu-train, library defaults
    python bench/coherence.py --words 225 --limit 50 --json coherence.json
    python bench/coherence.py --show 20            # also print 20 dangling sentences

Runs `tomtat.summarize` (the shipped model, default options) on every cluster
and reports, per dataset:

- dangling: the share of summary sentences whose opening back-reference
  ("Tuy nhiên", "Điều này", "Trước đó", a bare "Ông Putin", a speakerless
  quote, "Tổng thống Putin còn chúc mừng" ...) has no antecedent in the summary, with the list and counting rule
  of `tomtat.order.coherence` (`dangling_sentences`), overall and per kind;
- droppable: the share of summary sentences that still dangle on a connective, a
  temporal link or an additive "cũng"/"còn" that `drop_connective` could
  remove, leaving a sentence that stands alone;
- edited: the share of summary sentences shown with their leading connective
  dropped (`edited: true`). Everything is counted on the real output, edits
  applied: the summarizer keeps a back-reference only with its antecedent
  (`tomtat.order.story`), so dangling is what is left after that;
- relative date: the share of summaries holding a relative date a reader
  cannot place ("hôm qua", "sáng nay", "tuần trước" without an explicit day in
  the same sentence: scales day and week), and the same with month and year
  expressions ("tháng trước", "năm ngoái") counted too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import VIMS, console, print_table, require  # noqa: E402

ABMUSU = VIMS.parent / "abmusu" / "train.jsonl"


def measure(clusters, words: int | None, show: int = 0) -> dict:
    from tomtat import TomtatError, summarize
    from tomtat.order.coherence import DROPPABLE, KINDS, dangling_sentences, drop_connective, relative_date

    kinds: Counter[str] = Counter()
    sentences = summaries = droppable = day_week = any_scale = skipped = edited = 0
    examples = []
    for cluster in clusters:
        try:
            result = summarize(cluster, words=words) if words else summarize(cluster)
        except TomtatError:
            skipped += 1
            continue
        summaries += 1
        sentences += len(result.sentences)
        edited += sum(s.edited for s in result.sentences)
        for i, kind in dangling_sentences(result.sentences):
            kinds[kind] += 1
            earlier = [s.text for s in result.sentences[:i]]
            if kind in DROPPABLE and drop_connective(result.sentences[i].text, earlier):
                droppable += 1
            if len(examples) < show:
                examples.append((cluster.id, kind, result.sentences[i].text))
        day_week += any(relative_date(s.text, ("day", "week")) for s in result.sentences)
        any_scale += any(relative_date(s.text) for s in result.sentences)
    dangling = sum(kinds.values())
    out = {
        "summaries": summaries, "skipped": skipped, "sentences": sentences,
        "dangling": dangling / max(1, sentences), "droppable": droppable / max(1, sentences),
        "edited": edited / max(1, sentences),
        "by_kind": {k: kinds[k] / max(1, sentences) for k in KINDS},
        "relative_date_day_week": day_week / max(1, summaries), "relative_date_any": any_scale / max(1, summaries),
    }
    for cid, kind, text in examples:
        console.print(f"[dim]{cid}[/dim] [bold]{kind}[/bold] {text[:160]}")
    return out


def noisy_variant(clusters: list) -> list:
    """Each cluster with scraped-page furniture glued into every article (tests/noise.py: captions and
    credits inside lines, source tags, "./.", an end-of-article line followed by another story taken
    from the next cluster), deterministic."""
    from dataclasses import replace

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from noise import noisy

    out = []
    for n, cluster in enumerate(clusters):
        other = clusters[(n + 1) % len(clusters)].articles[0].text.split("\n")
        other_story = [p for p in other if p.strip()][:2]
        articles = []
        for k, article in enumerate(cluster.articles):
            paragraphs = [p for p in article.text.split("\n") if p.strip()]
            articles.append(replace(article, text=noisy(paragraphs, other_story, seed=1000 * n + k).text))
        out.append(replace(cluster, articles=articles))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vims", type=Path, default=VIMS)
    parser.add_argument("--abmusu", type=Path, default=ABMUSU)
    parser.add_argument("--words", type=int, help="syllable budget (default: the library's)")
    parser.add_argument("--limit", type=int, help="only the first N clusters of each dataset")
    parser.add_argument("--show", type=int, default=0, help="print this many dangling sentences per dataset")
    parser.add_argument("--json", type=Path, help="write every number here")
    parser.add_argument("--noisy", action="store_true", help="also measure noisy variants of both sets (tests/noise.py)")
    args = parser.parse_args()

    from tomtat.evaluate.datasets import read_abmusu, read_vims

    datasets = {"ViMs": lambda: read_vims(require(args.vims)), "AbMuSu-train": lambda: read_abmusu(require(args.abmusu))}
    results = {}
    for name, read in datasets.items():
        clusters = list(read())[: args.limit]
        start = time.perf_counter()
        results[name] = measure(clusters, args.words, args.show)
        results[name]["seconds"] = round(time.perf_counter() - start, 1)
        if args.noisy:
            start = time.perf_counter()
            results[f"{name} noisy"] = measure(noisy_variant(clusters), args.words, args.show)
            results[f"{name} noisy"]["seconds"] = round(time.perf_counter() - start, 1)
    labels = {"summaries": "summaries", "sentences": "summary sentences", "dangling": "dangling (share of sentences)",
              "droppable": "  of which droppable (share of sentences)",
              "edited": "edited: connective dropped (share of sentences)", "relative_date_day_week": "summaries with a relative date "
              "(day/week)", "relative_date_any": "summaries with a relative date (any scale)", "seconds": "seconds"}
    rows = []
    for key, label in labels.items():
        rows.append([label, *[r[key] for r in results.values()]])
        if key == "dangling":
            rows += [[f"  {kind}", *[r["by_kind"][kind] for r in results.values()]] for kind in next(iter(results.values()))["by_kind"]]
    print_table("Summary sentences that do not stand alone", ["", *results], rows)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
