"""Where the references' bigrams are lost before scoring: an audit of cleaning, splitting and candidacy.

    python bench/candidates.py [--vims ../shared/data/vims] [--abmusu ../shared/data/abmusu/train.jsonl]
        [--limit N] [--examples K]

Every earlier round tuned the scorer and the selector, which only ever see the
candidate sentences (`tomtat.select.candidates`: 6-80 syllables, no short line
without end punctuation, no teaser paragraph in an anchor-text cluster). This
asks, per reference, where each of its distinct syllable bigrams sits in the
raw articles, first match in this order:

* candidate: in a sentence the selector may take;
* teaser, long lead (an article's first sentence over 80 syllables), long
  (any other), short (< 6), heading (a short line without end punctuation):
  in a sentence the candidate filters leave out;
* a drop reason (`DropReason`): only in text the cleaner cut;
* title: only in an article's title;
* raw, elsewhere: in the raw text but none of the above (across a sentence
  boundary, or in a dateline prefix);
* nowhere: not in any article (the reference's own wording).

Then the greedy ROUGE-2 F1 oracle (`evaluate.baselines.greedy_oracle`, `oracle_indices`' own,
mean F1 over references, at each set's training budget) on the candidates, and
on the candidates plus each lost group's sentences: what recovering that loss
would be worth at most. The oracle's picks from each group are counted too.
`--examples` prints the lost sentences the oracle takes, per group.

Measured (session 7, ViMs 225 / AbMuSu 200 syllables, after the glued-end
split): 94.5% / 88.2% of the reference bigrams are in candidates, 2.4% / 7.2%
in no article at all; the oracle reaches 65.41 / 79.83 on the candidates and
65.60 / 80.68 on every sentence and cut line, so everything lost before
scoring is worth at most 0.2 / 0.9 oracle points (the system is at 40.7 /
36.7). The largest losses are long sentences (AbMuSu +0.53: semicolon lists
and multi-sentence quotations, which split into their sentences recover +0.41
/ +0.01 but leave dangling quote marks), the teaser rule (+0.10 / +0.25, by
design) and sub-headings (+0.01 / +0.12); the cleaner's drops recover at most
+0.03 / +0.07 (a football line-up read as English, captions with "(Ảnh: ...)").
Glued sentence ends ("ký.Theo", "bầu…Các") were 17 of the 873 sentences over
80 syllables; `tomtat.text.sentences` now splits them. The 80-syllable cap
itself is right: 100 costs every column but AbMuSu->ViMs end to end (ViMs CV
-0.14, ViMs->AbMuSu -0.65, AbMuSu CV -0.41), and letting article leads reach
120 changes nothing beyond noise. Cutting the units over 80 syllables further
(end to end, paired against the glued-end split, `bench/learner_paired.py`):
at the inner sentence ends of a quotation, ViMs CV +0.09, ViMs->AbMuSu -0.19,
AbMuSu->ViMs -0.11, joint AbMuSu -0.73 +- 0.28; at "; " before a capital,
+0.01 / +0.10 / +0.13, AbMuSu CV +0.18, joint AbMuSu -0.42 +- 0.23. Neither
ships: each also leaves pieces with a dangling quote mark or a closing ";".
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, console, print_table, require  # noqa: E402

from tomtat.evaluate.baselines import _bigrams, greedy_oracle  # noqa: E402
from tomtat.evaluate.datasets import read_dataset  # noqa: E402
from tomtat.pipeline import analyze  # noqa: E402
from tomtat.select.candidates import (  # noqa: E402
    HEADING_SYLLABLES, MAX_SENTENCE_SYLLABLES, MIN_SENTENCE_SYLLABLES, anchor_openings, candidates,
)
from tomtat.text.normalize import normalize  # noqa: E402
from tomtat.text.punctuation import COMPLETE_END  # noqa: E402
from tomtat.text.sentences import split_paragraph  # noqa: E402
from tomtat.text.tokens import syllables  # noqa: E402
from tomtat.train.fit import DATASET_SYLLABLES, SELECT  # noqa: E402

FILTERS = ("teaser", "long lead", "long", "short", "heading")


def audit_cluster(cluster, budget: int) -> dict:
    analysis = analyze(cluster)
    rep = analysis.rep
    sents = rep.sentences
    cand = set(candidates(rep).tolist())
    anchors = set(anchor_openings(rep, float(SELECT["anchor_share"]), float(SELECT["same_fact_overlap"])).tolist())
    if not any(i not in anchors for i in cand):
        anchors = set()
    # each sentence's group
    units: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for i, s in enumerate(sents):
        n = len(s.syllables)
        if i in cand:
            group = "teaser" if i in anchors else "candidate"
        elif n < MIN_SENTENCE_SYLLABLES:
            group = "short"
        elif n > MAX_SENTENCE_SYLLABLES:
            group = "long lead" if s.position == 0 else "long"
        elif not s.text.rstrip().endswith(COMPLETE_END) and n <= HEADING_SYLLABLES:
            group = "heading"
        else:
            group = "other filter"
        units[group].append((s.text, list(s.syllables)))
    for doc in analysis.documents:
        for drop in doc.removed:
            for piece in split_paragraph(normalize(drop.text)) or [drop.text]:
                toks = syllables(piece)
                if toks:
                    units["drop: " + drop.reason.value].append((piece, toks))
    titles = [syllables(a.title) for a in analysis.cluster.articles if a.title]
    raw = set()
    for a in analysis.cluster.articles:
        raw |= set(_bigrams(syllables(f"{a.title}\n{a.text}")))
    group_grams = {g: set().union(*(_bigrams(t) for _, t in us)) for g, us in units.items()}
    title_grams = set().union(*(_bigrams(t) for t in titles)) if titles else set()
    refs_tokens = [syllables(r) for r in cluster.references]
    refs = [(_bigrams(t), max(len(t) - 1, 1)) for t in refs_tokens if len(t) > 1]
    order = ["candidate", *FILTERS, "other filter", *sorted(g for g in units if g.startswith("drop: "))]
    located: Counter = Counter()
    for ref, _ in refs:
        for b in ref:
            where = next((g for g in order if g in group_grams and b in group_grams[g]), None)
            if where is None:
                where = "title" if b in title_grams else "raw, elsewhere" if b in raw else "nowhere"
            located[where] += 1
    out = {"located": located, "total": sum(len(r) for r, _ in refs), "oracle": {}, "picked": Counter(), "examples": []}
    if not refs:
        return out
    base_units = [t for _, t in units.get("candidate", [])]
    out["oracle"]["candidates"], _ = greedy_oracle(base_units, budget, refs)
    lost_groups = [g for g in order[1:] if units.get(g)]
    for g in lost_groups:
        extra = units[g]
        f, chosen = greedy_oracle(base_units + [t for _, t in extra], budget, refs)
        out["oracle"][g] = f
        taken = [extra[c - len(base_units)] for c in chosen if c >= len(base_units)]
        out["picked"][g] += len(taken)
        out["examples"].extend((g, cluster.id, text) for text, _ in taken)
    every = base_units + [t for g in lost_groups for _, t in units[g]]
    out["oracle"]["all sentences"], _ = greedy_oracle(every, budget, refs)
    return out


def run(name: str, path: Path, limit: int | None, examples: int) -> None:
    clusters = read_dataset(name, path)
    if limit:
        clusters = clusters[:limit]
    budget = DATASET_SYLLABLES[name]
    located: Counter = Counter()
    total = 0
    oracle: dict[str, list[float]] = defaultdict(list)
    picked: Counter = Counter()
    found: list[tuple[str, str, str]] = []
    start = time.perf_counter()
    for cluster in clusters:
        out = audit_cluster(cluster, budget)
        located.update(out["located"])
        total += out["total"]
        base = out["oracle"].get("candidates")
        if base is None:
            continue
        for g, f in out["oracle"].items():
            oracle[g].append(f - base if g != "candidates" else f)
        # a group absent from a cluster recovers nothing there
        picked.update(out["picked"])
        found.extend(out["examples"])
    n = len(oracle["candidates"])
    rows = []
    for g, count in located.most_common():
        gain = sum(oracle[g]) / n * 100 if g in oracle else None
        rows.append([g, count, 100 * count / max(total, 1), "" if g == "candidate" else
                     ("-" if gain is None else f"{gain:+.2f}"), picked.get(g, "")])
    print_table(f"{name}: reference bigrams (distinct per reference) by where they first sit; oracle ROUGE-2 F1 "
                f"at {budget} syllables on candidates {100 * sum(oracle['candidates']) / n:.2f}, "
                f"all sentences {100 * sum(oracle['all sentences']) / n + 100 * sum(oracle['candidates']) / n:.2f} "
                f"({n} clusters, {time.perf_counter() - start:.0f} s)",
                ["where", "bigrams", "% of ref bigrams", "oracle gain if recovered", "oracle picks"], rows)
    if examples:
        by_group: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for g, cid, text in found:
            by_group[g].append((cid, text))
        for g, items in by_group.items():
            console.print(f"[bold]{name} {g}[/bold] ({len(items)} oracle picks)")
            for cid, text in items[:examples]:
                console.print(f"  {cid}: {text[:300]}", markup=False, highlight=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vims", type=Path, default=REPO.parent / "shared" / "data" / "vims")
    parser.add_argument("--abmusu", type=Path, default=REPO.parent / "shared" / "data" / "abmusu" / "train.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters of each set")
    parser.add_argument("--examples", type=int, default=0, help="lost sentences the oracle takes, per group")
    parser.add_argument("--only", choices=("vims", "abmusu"), default=None)
    args = parser.parse_args()
    for name, path in (("vims", args.vims), ("abmusu", args.abmusu)):
        if args.only in (None, name):
            run(name, require(path), args.limit, args.examples)


if __name__ == "__main__":
    main()
