"""Selection-side variants and the oracle analysis behind them (issue 8 round 4).

    python bench/selection.py                       # the `--cv 5` table for each selector variant
    python bench/selection.py --variants before,anchor-0.5
    python bench/selection.py --oracle              # where the oracle's sentences are that tomtat misses
    python bench/selection.py --trim-oracle         # what trimming each kind of span would cost in reference bigrams
    python bench/selection.py --segment-oracle      # the same for comma-bounded segments, by cross-article concepts
    python bench/selection.py --per-fold --variants anchor-0.5,trim-additive   # and each minus the first, per fold

Every cluster is cleaned, split and represented once and the 17 models of
`tomtat train ... --cv 5` (5 per set, one per transfer, 5 joint) are fitted
once; a variant then only changes the selector settings of those models (the
model file's "select"), so each costs scoring and selection, not training. The
columns are the ones `tomtat train vims:... abmusu:... --cv 5` prints: ViMs CV,
ViMs->AbMuSu, AbMuSu->ViMs, AbMuSu CV, joint ViMs, joint AbMuSu (ROUGE-2 F1,
syllables, each set at its own budget). The "before" row reproduces the printed
numbers of the model without the anchor rule and without trimming (`select.trim`,
on in every other row; "no-trim" is the shipped settings without it). "random-cut-N" is
trimming's control: in each cluster, as many syllables as `select.trim` trims are cut
from the openings of as many random candidates instead (content and all), so it
tells what any shortening of a few sentences does to greedy's choices. `--per-fold`
adds, for every variant after the first, its difference to the first per CV fold of
the test set, the paired t over clusters and the clusters won/lost.

Session 7 (Q6): redundancy the same-fact rule (comparable concept overlap > 0.35) misses, on
`redundancy_greedy` (greedy's gains and rule plus one blocking rule; with none, greedy's picks bit for
bit). 23 of 300 shipped ViMs summaries and 7 of 200 AbMuSu ones hold two sentences sharing a figure
(`figures`), most of them one fact told twice; but such a repeating sentence still adds 0.255 reference
bigrams per syllable that the rest of its summary lacks (other sentences 0.306; AbMuSu 0.248 / 0.260),
and the pairs just under the rule (overlap 0.2-0.35, 400 pairs in 186 ViMs summaries) read as different
facts about the same people. Differences to the shipped settings, `--per-fold --variants
anchor-0.5,same-figure,...` (ViMs CV / V->A / A->V / AbMuSu CV / joint V / joint A; paired t where
|t| >= 2): same-figure -0.12 / -0.03 / -0.19 (t -2.3) / +0.07 / -0.12 / +0.01; same-figure-across -0.09 /
-0.04 / -0.18 (t -2.2) / -0.02 / -0.02 / -0.02; union-0.5 +0.01 / -0.01 / -0.03 / +0.09 / -0.01 / +0.03;
union-0.7 within 0.01; union-words-0.7 -0.25 / -0.08 / -0.15 / +0.14 / -0.08 / -0.02; cosine-0.3 +0.11 /
-0.15 / -0.10 / -0.08 / -0.06 / -0.22; and, measured on a copy of greedy whose gain counted a candidate's
salience at the share of its concept weight not yet covered (not kept), +0.02 / +0.04 / +0.07 / +0.01 /
-0.01 / +0.00
(none shipped: no ViMs CV gain beyond noise that holds the transfers).

`--oracle` counts, for the ViMs-trained model on AbMuSu (and the others), the
greedy ROUGE-2 oracle's sentences and tomtat's by paragraph (first paragraph =
sapo / anchor text) and position within the paragraph: the table that showed
AbMuSu's references skip the teaser paragraph a ViMs model picks.

`--trim-oracle` counts, over every candidate sentence of both sets, what each
kind of span a trimmer could drop holds: how many syllables it would save and how
many reference bigrams (mean over a cluster's references, bigrams broken and made
at the cut included) it would lose, per saved syllable, against the bigrams per
syllable of the sentences it occurs in. A span worth trimming loses far fewer per
syllable than its sentences carry (the leading fillers `select.trim` drops); one
that loses as many or more (parenthetical asides on ViMs) is content to the
references.

Session 7 (Q8): `--segment-oracle` does the same for spans chosen by what the cluster says: a
comma-bounded segment (`comma_segments`: not the first, outside quotes and parentheses, at least
SEGMENT_MIN syllables, leaving SEGMENT_REST) whose concepts no other article holds (article df 1, or no
concept) is one outlet's detail. Over every distinct candidate, such segments lose 0.073 reference bigrams
per syllable against their sentences' 0.180 on ViMs (1,372 segments, 8,692 syllables) and 0.110 against
0.182 on AbMuSu (2,224); segments with a cross-article concept lose as much as their sentences carry (0.356
/ 0.344, 0.294 / 0.286). But the meaning rules (`segment_cuts`: only a trailing detail or an appositive; no
contrast, negation, condition, consequent, verb of saying, reported clause, enumeration, main clause) leave
138 ViMs / 214 AbMuSu segments (0.094 vs 0.209, 0.097 vs 0.173), and the low loss is no gain end to end
(`--per-fold --variants anchor-0.5,segments-safe,segments-chosen,segments-chosen-any`, differences to
anchor-0.5, ViMs CV / V->A / A->V / AbMuSu CV / joint V / joint A): segments-safe -0.08 (t -1.7) / +0.17 /
+0.00 / -0.05 / -0.06 / -0.09: the cut makes cheap the low-content sentences that hold such segments (their
0.2 bigrams per syllable against ~0.35 for the rest), and greedy takes them; segments-chosen (cuts only in
the sentences a first selection chose, greedy filling the freed syllables) within +0.05 of it everywhere,
since 43 of the 8,840 sentences chosen over the six columns hold a safe segment (318 syllables); and cutting
every such segment of the chosen sentences, rules or not (segments-chosen-any, 290 sentences, 2,082
syllables), -0.29 (t -2.7) on V->A and -0.24 (t -2.2) on AbMuSu CV. None kept: what greedy chooses is
already the shared content, and AbMuSu's references keep even the one-outlet details of the sentences
they share.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, VIMS, console, print_table, require  # noqa: E402

ABMUSU = REPO.parent / "shared" / "data" / "abmusu" / "train.jsonl"
SETUPS = ("cv vims", "vims->abmusu", "abmusu->vims", "cv abmusu", "joint vims", "joint abmusu")
# name -> selector settings over the trained defaults (fit.SELECT); None removes a setting
VARIANTS = {
    "before": {"anchor_share": None, "trim": False},
    "no-trim": {"trim": False},
    # the control for trimming: as many syllables cut from the opening of as many random candidates as
    # `select.trim` trims in each cluster (content and all; measurement only, never shipped)
    "random-cut-1": {"trim_control": 1},
    "random-cut-2": {"trim_control": 2},
    "random-cut-3": {"trim_control": 3},
    "anchor-0.5": {"anchor_share": 0.5},
    "anchor-0.3": {"anchor_share": 0.3},
    "anchor-0.7": {"anchor_share": 0.7},
    "same-fact-0.25": {"anchor_share": None, "same_fact_overlap": 0.25},
    "same-fact-0.45": {"anchor_share": None, "same_fact_overlap": 0.45},
    "no-same-fact": {"anchor_share": None, "same_fact_overlap": 1.0},
    # session 5 (Q2): the shipped settings (anchor rule and trimming on) with one selector setting changed
    "length-0.6": {"length_exponent": 0.6},
    "length-0.8": {"length_exponent": 0.8},
    "length-0.9": {"length_exponent": 0.9},
    "length-1.0": {"length_exponent": 1.0},
    "anchor-same-fact-0.30": {"same_fact_overlap": 0.30},
    "anchor-same-fact-0.40": {"same_fact_overlap": 0.40},
    "anchor-same-fact-0.45": {"same_fact_overlap": 0.45},
    "anchor-no-same-fact": {"same_fact_overlap": 1.0},
    # only some of `select.trim`'s filler groups trimmed (trim.ADDITIVE / ELABORATIVE / HEARSAY)
    "trim-additive": {"trim_only": ("additive",)},
    "trim-elaborative+hearsay": {"trim_only": ("elaborative", "hearsay")},
    "trim-additive+elaborative": {"trim_only": ("additive", "elaborative")},
    "trim-additive+hearsay": {"trim_only": ("additive", "hearsay")},
    # news-outlet attributions dropped ("Theo Reuters, ..." / "..., theo AFP."), with the fillers or alone
    "trim+outlets": {"trim_outlets": True},
    "outlets-only": {"trim_only": (), "trim_outlets": True},
    # one more sentence after the summary, cut by the evaluator at the budget (measurement only: the
    # summary never exceeds its budget): does a cut sentence beat the few syllables greedy leaves?
    "overshoot": {"overshoot": True},
    # session 7 (Q6): redundancy the same-fact rule misses, on `redundancy_greedy` (greedy with one more
    # blocking rule; with none it picks what `select_greedy` picks: `redundancy-control`)
    "redundancy-control": {"method": "redundancy"},
    # two sentences sharing a distinctive figure (`figures`) and any concept state the same fact
    "same-figure": {"method": "redundancy", "same_figure": 0.0},
    # ... and sharing at least a tenth of the comparable one's concepts
    "same-figure-0.1": {"method": "redundancy", "same_figure": 0.1},
    # ... only between different articles (another outlet's version of the fact, as "also reported by")
    "same-figure-across": {"method": "redundancy", "same_figure": 0.0, "figure_across": True},
    # a candidate whose concepts the chosen sentences together already hold at this share or more is redundant
    "union-0.5": {"method": "redundancy", "union_coverage": 0.5},
    "union-0.7": {"method": "redundancy", "union_coverage": 0.7},
    # the same over content syllables (unigrams that are no stop syllable), which a paraphrase keeps when it
    # reorders words and so breaks their bigrams
    "union-words-0.7": {"method": "redundancy", "union_words": 0.7},
    # TF-IDF cosine (syllables + bigrams, the sentence vectors) to a chosen sentence at least this
    "cosine-0.3": {"method": "redundancy", "same_fact_cosine": 0.3},
    # session 7 (Q8): with the fillers, every meaning-safe comma-bounded segment no other article's concepts
    # hold dropped (`cut_segments`: one outlet's detail; measurement only)
    "segments-safe": {"segments": True},
    # ... only from the sentences a first (shipped) selection chose, greedy then filling the syllables freed: the
    # cuts shorten no candidate before it is chosen, so no low-content sentence gains by its cut
    "segments-chosen": {"segments": "chosen"},
    # ... every segment no other article holds, without the meaning rules (what they cost; never shippable)
    "segments-chosen-any": {"segments": "chosen", "segment_rules": False},
}
# measured in `trims` variants only: a news outlet named as the source (a media word + a name, or a name
# in Latin letters without Vietnamese marks: AFP, Reuters, The Telegraph)
_MEDIA = r"(?:hãng tin|hãng thông tấn|thông tấn xã|báo|tờ|trang|trang tin|đài|kênh|tạp chí|tờ báo|nhật báo|hãng)"
_LATIN = r"[A-Z][A-Za-z.&'\-]*"
_OUTLET = (rf"(?:{_MEDIA}\s+[A-ZĐ][^\s,.;:()]*(?:\s+[A-ZĐ0-9][^\s,.;:()]*){{0,4}}|{_LATIN}(?:\s+{_LATIN}){{0,3}})"
           r"(?:\s+ngày\s+[\d/\-]+)?")


def prepare(vims: Path, abmusu: Path):
    from tomtat.evaluate.datasets import read_dataset
    from tomtat.train import domains

    return [domains.prepare_dataset(kind, read_dataset(kind, path)) for kind, path in (("vims", vims), ("abmusu", abmusu))]


def models(v, a, k: int):
    """(test set, models, model index per cluster) of each column, as `domains.report` trains them."""
    from tomtat.train.domains import joint_examples
    from tomtat.train.fit import fit, folds

    fv, fa = folds(len(v.examples), k), folds(len(a.examples), k)
    fold_of = {id(v): fv, id(a): fa}
    # joint models on both sets with each set weighted as the largest (`domains.joint_examples`, as shipped)
    joint = [fit(joint_examples([v, a], lambda d, i, j=j: fold_of[id(d)][i] != j)) for j in range(k)]
    return {
        "cv vims": (v, [fit([e for e, f in zip(v.examples, fv) if f != j]) for j in range(k)], fv),
        "vims->abmusu": (a, [fit(v.examples)], np.zeros(len(a.examples), int)),
        "abmusu->vims": (v, [fit(a.examples)], np.zeros(len(v.examples), int)),
        "cv abmusu": (a, [fit([e for e, f in zip(a.examples, fa) if f != j]) for j in range(k)], fa),
        "joint vims": (v, joint, fv),
        "joint abmusu": (a, joint, fa),
    }


def salience_of(setups) -> dict[str, list[np.ndarray]]:
    from tomtat.score.learned import salience

    return {name: [salience(ms[m], e.features) for e, m in zip(d.examples, mi)] for name, (d, ms, mi) in setups.items()}


# Figures for the `same-figure` variants: a number with the unit or counted noun after it ("30.000 người",
# "4,91%", "34 triệu"), not a date, a time, an age or an ordinal/identifier ("ngày 18", "bão số 5", "cấp 10",
# "10 giờ", "iOS 15.6"), nor a house number or a name ("727 Trần Hưng Đạo", "Đội 14 Chi cục"); single digits only with a decimal part or as a percentage (too common to name a fact)
_FIGURE = re.compile(r"(?<![\w/.,:\-])(\d+(?:[.,]\d+)*)(\s*%|\s+[^\W\d_A-ZĐ]\w*)(?![\w/:\-]|[.,]\d)")
_NOT_AFTER = re.compile(r"(?:^|\s)(?:ngày|tháng|năm|lúc|số|điều|khoản|cấp|thứ|quận|phường|đường|tổ|khu|lô|mã|kỳ|"
                        r"khóa|đợt|tầng|hạng|chương|mục|phòng|tập|lộ|ql|phiên bản|bản)\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:^|\s)[A-Za-z]*[A-Z][A-Za-z]*\s*$")  # a Latin name with a capital: iPhone 14, Covid 19
_NOT_UNIT = frozenset("giờ h g phút giây ngày tháng năm tuần sáng chiều tối trưa đêm rạng quý lần tuổi và hoặc đến tới".split())


def figures(text: str) -> frozenset[tuple[str, str]]:
    """The distinctive figures of a sentence as (digits, unit) keys: "30.000 người" -> ("30000", "người")."""
    from tomtat.text.normalize import normalize

    text = normalize(text)
    found = set()
    for m in _FIGURE.finditer(text):
        number, unit = m.group(1), m.group(2).strip().lower()
        digits = number.replace(".", "").replace(",", "").lstrip("0")
        before = text[max(0, m.start() - 20):m.start()]
        if unit in _NOT_UNIT or _NOT_AFTER.search(before) or _NAME_BEFORE.search(before):
            continue
        if len(digits) < 2 and unit != "%" and number.isdigit():
            continue
        found.add((digits, unit))
    return frozenset(found)


def redundancy_greedy(rep, cand, scores, budget):
    """`select_greedy` with the extra blocking rule its settings name (`same_figure`, `union_coverage`,
    `union_words`, `same_fact_cosine`) as one of its `blockers`; with none, its picks."""
    from scipy import sparse

    from tomtat.represent.stopwords import STOP_SYLLABLES
    from tomtat.select.greedy import select_greedy

    sel = scores.selection
    blockers = []
    if "same_figure" in sel:
        key = "q6_figures"
        if key not in rep.memo:
            rep.memo[key] = [figures(s.text) for s in rep.sentences]
        figure_of = [rep.memo[key][i] for i in cand.tolist()]
        table = rep.overlap_table("comparable")
        floor = float(sel["same_figure"])

        def same_figure(best):
            if not figure_of[best]:
                return np.zeros(cand.size, dtype=bool)
            row = table[cand[best], cand]
            same = np.array([bool(f & figure_of[best]) for f in figure_of])
            if sel.get("figure_across"):
                same &= rep.docs[cand] != rep.docs[cand[best]]
            return same & (row > 0) & (row >= floor)

        blockers.append(same_figure)
    if "same_fact_cosine" in sel:
        v = rep.vectors[cand]
        cosine = (v @ v.T).toarray()
        blockers.append(lambda best: cosine[best] >= float(sel["same_fact_cosine"]))
    if "union_coverage" in sel or "union_words" in sel:
        if "union_words" in sel:
            vocab = {}
            rows = [[vocab.setdefault(t, len(vocab)) for t in set(rep.sentences[i].syllables)
                     if t not in STOP_SYLLABLES] for i in cand.tolist()]
            ptr = np.cumsum([0] + [len(r) for r in rows])
            union = sparse.csr_matrix((np.ones(ptr[-1]), np.concatenate(rows + [[]]).astype(int), ptr),
                                      shape=(cand.size, max(len(vocab), 1)))
            share = float(sel["union_words"])
        else:
            union = rep.concept_matrix[cand]
            share = float(sel["union_coverage"])
        union_sizes = np.diff(union.indptr)
        held = np.zeros(union.shape[1])

        def union_coverage(best):
            held[union.indices[union.indptr[best]:union.indptr[best + 1]]] = 1.0
            covered = (union @ held) / np.maximum(union_sizes, 1)
            return (covered >= share) & (union_sizes > 0)

        blockers.append(union_coverage)
    return select_greedy(rep, cand, scores, budget, blockers=blockers)


# `segments-chosen*`: (rules on, what) -> count over every column's summaries
SEGMENT_COUNTS: Counter = Counter()


def seeded_greedy(rep, cand, scores, budget):
    """`select_greedy` that starts from the sentences in `rep.memo["q8_seed"]` (chosen, their concepts covered,
    their same facts blocked, their lengths spent) and fills the rest of the budget (`segments-chosen`)."""
    from tomtat.represent.rows import entry_rows, row_dot
    from tomtat.select.greedy import _candidate_arrays, scaled_salience
    from tomtat.select.trim import budget_lengths

    sel = scores.selection
    max_overlap = float(sel["same_fact_overlap"])
    lengths = budget_lengths(rep, scores)[cand]
    indptr, indices, data, w = _candidate_arrays(rep, cand, scores.concept_weights)
    row_of = entry_rows(indptr)
    sal = scaled_salience(scores.sentence_weights[cand], w, float(sel["salience_weight"]))
    limit = budget.syllables if budget.syllables is not None else np.inf
    table = rep.overlap_table("comparable")
    remaining = np.ones(cand.size, dtype=bool)
    uncovered = w.copy()
    scale = np.power(np.maximum(lengths, 1.0), float(sel["length_exponent"]))
    chosen: list[int] = []
    used = 0.0
    seeds = np.flatnonzero(np.isin(cand, rep.memo["q8_seed"])).tolist()
    while True:
        if seeds:
            best = seeds.pop(0)
        else:
            fits = remaining & (lengths + used <= limit)
            if not fits.any():
                break
            gains = row_dot(data, indices, row_of, uncovered, cand.size) + sal
            best = int(np.argmax(np.where(fits, gains / scale, -np.inf)))
            if gains[best] <= 0:
                break
        chosen.append(best)
        used += lengths[best]
        remaining[best] = False
        uncovered[indices[indptr[best]:indptr[best + 1]]] = 0.0
        remaining &= ~(table[cand[best], cand] > max_overlap)
    return [int(cand[i]) for i in chosen]


def chosen(rep, p, settings, syllables, method="greedy"):
    from tomtat.score.learned import combine
    from tomtat.select import SELECTORS, Budget, select
    from tomtat.train.fit import COMBINE

    if "redundancy" not in SELECTORS:
        SELECTORS["redundancy"] = redundancy_greedy
        SELECTORS["seeded"] = seeded_greedy
    if settings.get("segments") == "chosen":
        # a first selection as shipped (the sentences' lengths not shortened by any segment), then only its
        # sentences lose their segments and greedy fills the syllables freed (`redundancy_greedy`'s seed)
        from tomtat.select.trim import Trimmed, _trimmed

        first = {**settings, "segments": None}
        rep.memo["trimmed"] = _trimmed(rep)
        picked = select(rep, combine(rep, p, COMBINE, first), Budget(syllables=syllables), method)
        cut = segment_trimmed(rep, settings.get("segment_rules", True))
        base = rep.memo["trimmed"]
        texts, lengths = dict(base.texts), base.lengths.copy()
        for i in picked:
            if i in cut.texts and cut.texts[i] != base.text(rep, i):
                texts[i], lengths[i] = cut.texts[i], cut.lengths[i]
                SEGMENT_COUNTS[settings.get("segment_rules", True), "sentences cut"] += 1
                SEGMENT_COUNTS[settings.get("segment_rules", True), "syllables freed"] += int(base.lengths[i] - cut.lengths[i])
        SEGMENT_COUNTS[settings.get("segment_rules", True), "summaries"] += 1
        SEGMENT_COUNTS[settings.get("segment_rules", True), "sentences chosen"] += len(picked)
        rep.memo["trimmed"] = Trimmed(texts, lengths)
        rep.memo["q8_seed"] = np.asarray(picked, dtype=np.intp)
        try:
            return select(rep, combine(rep, p, COMBINE, settings), Budget(syllables=syllables), "seeded")
        finally:
            del rep.memo["q8_seed"]
    return select(rep, combine(rep, p, COMBINE, settings), Budget(syllables=syllables), settings.get("method", method))


def random_cut(rep, seed: int):
    """The `random-cut-N` control's `Trimmed`: `select.trim`'s cuts, moved to random candidates' openings."""
    import random

    from tomtat.select import candidates
    from tomtat.select.trim import Trimmed, _trimmed
    from tomtat.text.tokens import syllables

    real = _trimmed(rep)
    cand = candidates(rep).tolist()
    cuts = [int(rep.lengths[i] - real.lengths[i]) for i in real.texts]
    rng = random.Random(f"{seed}:{len(rep.sentences)}:{rep.sentences[0].text if rep.sentences else ''}")
    lengths = rep.lengths.copy()
    texts = {}
    for i, cut in zip(rng.sample(cand, min(len(cuts), len(cand))), cuts):
        texts[i] = " ".join(rep.sentences[i].text.split()[cut:])
        lengths[i] = len(syllables(texts[i]))
    return Trimmed(texts, lengths)


def variant_trimmed(rep, settings):
    """The `Trimmed` of a `trim_only` / `trim_outlets` variant: some filler groups, and/or outlet attributions."""
    import re

    from tomtat.select import candidates, trim
    from tomtat.text.tokens import syllables

    groups = settings.get("trim_only", ("additive", "elaborative", "hearsay"))
    pattern = trim.filler_pattern(tuple(p for g in groups for p in getattr(trim, g.upper())))
    lead = re.compile(rf"Theo\s+{_OUTLET}\s*,\s*(?=\w)")
    trail = re.compile(rf",\s+theo\s+{_OUTLET}\s*(?=[.!?…]+[\"”’']?\s*$)")
    texts, lengths = {}, rep.lengths.copy()
    for i in candidates(rep).tolist():
        text = rep.sentences[i].text.lstrip()
        short = trim.trim_sentence(text, pattern) if groups else None
        text = short or text
        if settings.get("trim_outlets"):
            m = lead.match(text)
            if m is not None:
                text = trim.trim_sentence(text, re.compile(re.escape(m.group(0)))) or text
            m = trail.search(text)
            if m is not None and len(syllables(text[:m.start()])) >= trim.MIN_REST_SYLLABLES:
                text = text[:m.start()] + text[m.end():]
        if text != rep.sentences[i].text.lstrip():
            texts[i] = text
            lengths[i] = len(syllables(text, normalized=True))
    return trim.Trimmed(texts, lengths)


def segment_trimmed(rep, rules: bool = True):
    """The `Trimmed` of the `segments-safe` variant: `select.trim`'s fillers, then `cut_segments` on what is left."""
    from tomtat.select import candidates
    from tomtat.select.trim import Trimmed, _trimmed
    from tomtat.text.tokens import syllables

    base = _trimmed(rep)
    df = concept_df(rep)
    texts, lengths = dict(base.texts), base.lengths.copy()
    done: dict[str, str | None] = {}
    for i in candidates(rep).tolist():
        text = base.text(rep, i)
        if text not in done:
            done[text] = cut_segments(text, df, rules)
        if done[text] is not None:
            texts[i] = done[text]
            lengths[i] = len(syllables(texts[i], normalized=True))
    return Trimmed(texts, lengths)


def selectable(rep, settings):
    """The candidates `select` hands its selector: `candidates` less the anchor rule's openings (never all)."""
    from tomtat.select import anchor_openings, candidates

    cand = candidates(rep)
    if settings.get("anchor_share") is not None:
        anchors = anchor_openings(rep, float(settings["anchor_share"]), float(settings["same_fact_overlap"]))
        keep = ~np.isin(cand, anchors)
        if keep.any():
            cand = cand[keep]
    return cand


def overshoot(rep, scores, picked: list[int], cand) -> int | None:
    """The sentence greedy would take next if the budget allowed (best gain per length^exponent among the
    candidates not chosen and not the same fact as a chosen one), for the `overshoot` variant."""
    from tomtat.represent import SAME_FACT_OVERLAP
    from tomtat.select.greedy import _candidate_arrays, scaled_salience
    from tomtat.select.trim import budget_lengths

    indptr, indices, data, w = _candidate_arrays(rep, cand, scores.concept_weights)
    sal = scaled_salience(scores.sentence_weights[cand], w, scores.selection["salience_weight"])
    covered = np.zeros(w.size, dtype=bool)
    where = {int(c): k for k, c in enumerate(cand.tolist())}
    for i in picked:
        covered[indices[indptr[where[i]]:indptr[where[i] + 1]]] = True
    threshold = scores.selection.get("same_fact_overlap", SAME_FACT_OVERLAP)
    blocked = set(picked)
    for i in picked:
        cols, ratio = rep.overlap_row(i, at_least=threshold)
        blocked.update(cols[ratio > threshold].tolist())
    lengths = budget_lengths(rep, scores)[cand]
    best, best_ratio = None, 0.0
    for k, c in enumerate(cand.tolist()):
        if c in blocked:
            continue
        row = indices[indptr[k]:indptr[k + 1]]
        gain = float(w[row][~covered[row]].sum() + sal[k])
        ratio = gain / max(float(lengths[k]), 1.0) ** scores.selection["length_exponent"]
        if ratio > best_ratio:
            best, best_ratio = c, ratio
    return best


def shown_text(rep, settings, i: int) -> str:
    """Sentence i as the summary shows it under these settings (trimmed unless `"trim": False`)."""
    from tomtat.select.trim import trimmed

    return trimmed(rep).text(rep, i) if settings.get("trim", True) else rep.sentences[i].text


def score_variant(setups, sal, settings, method="greedy") -> dict[str, float]:
    """Each column's mean ROUGE-2 F1 (see `cluster_scores` for the per-cluster values)."""
    return {name: round(statistics.fmean(values), 2) for name, values in cluster_scores(setups, sal, settings, method).items()}


def cluster_scores(setups, sal, settings, method="greedy") -> dict[str, list[float]]:
    """Each column's ROUGE-2 F1 per cluster (the set's order), for paired comparisons between variants."""
    from tomtat.evaluate.rouge import rouge
    from tomtat.order.position import order_sentences

    out = {}
    control = settings.get("trim_control")
    for name, (d, _, _) in setups.items():
        values = []
        for cluster, rep, p in zip(d.clusters, d.reps, sal[name]):
            rep.memo.pop("trimmed", None)  # what select.trim found, or this variant's control in its place
            if control is not None:
                rep.memo["trimmed"] = random_cut(rep, control)
            elif "trim_only" in settings or "trim_outlets" in settings:
                rep.memo["trimmed"] = variant_trimmed(rep, settings)
            elif settings.get("segments") is True:
                rep.memo["trimmed"] = segment_trimmed(rep)
            picked = chosen(rep, p, settings, d.syllables, method)
            text = " ".join(shown_text(rep, settings, i) for i in order_sentences(rep, picked))
            if settings.get("overshoot"):
                from tomtat.score.learned import combine
                from tomtat.train.fit import COMBINE

                scores = combine(rep, p, COMBINE, settings)
                extra = overshoot(rep, scores, list(picked), selectable(rep, settings))
                if extra is not None:
                    text += " " + shown_text(rep, settings, extra)
            values.append(rouge(text, cluster.references, limit=d.syllables).f1())
        out[name] = values
    for d in {id(d): d for d, _, _ in setups.values()}.values():
        for rep in d.reps:
            rep.memo.pop("trimmed", None)
    return out


def paired_rows(setups, base: dict[str, list[float]], other: dict[str, list[float]], k: int) -> list[list[object]]:
    """Per column: the variant minus the first variant, per CV fold of the test set (`fit.folds`) and overall,
    with the paired t over clusters (per-fold ROUGE ranges about +/-2, so a mean difference alone says little)."""
    from tomtat.train.fit import folds

    rows = []
    for name in SETUPS:
        diff = np.asarray(other[name]) - np.asarray(base[name])
        fold = folds(diff.size, k)
        spread = diff.std(ddof=1) / np.sqrt(diff.size) if diff.size > 1 else 0.0
        rows.append([name, *(f"{diff[fold == j].mean():+.2f}" for j in range(k)), f"{diff.mean():+.2f}",
                     f"{diff.mean() / spread:+.1f}" if spread else "-", f"{int((diff > 0).sum())}/{int((diff < 0).sum())}"])
    return rows


def paragraph_table(d, sal, settings) -> list[list[object]]:
    """Sentences by (paragraph from the article's first, sentence within the paragraph): all / oracle / tomtat."""
    counts: Counter = Counter()
    for rep, example, p in zip(d.reps, d.examples, sal):
        picked = set(chosen(rep, p, settings, d.syllables))
        oracle = set(np.flatnonzero(example.labels).tolist())
        first: dict[int, int] = {}
        within = 0
        for i, s in enumerate(rep.sentences):
            first.setdefault(s.doc, s.paragraph)
            same = i > 0 and rep.sentences[i - 1].doc == s.doc and rep.sentences[i - 1].paragraph == s.paragraph
            within = within + 1 if same else 0
            key = (min(s.paragraph - first[s.doc], 4), min(within, 2))
            counts["all", key] += 1
            counts["oracle", key] += i in oracle
            counts["tomtat", key] += i in picked
    rows = []
    for par in range(5):
        for sent in range(3):
            key = (par, sent)
            rows.append([f"paragraph {par}{'+' if par == 4 else ''}, sentence {sent}{'+' if sent == 2 else ''}",
                         counts["all", key], counts["oracle", key], counts["tomtat", key]])
    return rows


# spans a trimmer could drop (`--trim-oracle`): the leading fillers `select.trim` drops, the other
# openings it keeps, and parenthetical asides it leaves alone
def _trim_spans() -> dict[str, object]:
    import re

    from tomtat.select.trim import trim_sentence

    def lead(*phrases: str):
        pattern = re.compile(r"^(?:" + "|".join(phrases) + r")\s*,\s*(?=\w)", re.IGNORECASE)
        return lambda text: pattern.sub("", text, count=1)

    def edit(pattern: str):
        compiled = re.compile(pattern)
        return lambda text: compiled.sub("", text, count=1)

    def paren(pattern: str):
        compiled = re.compile(r"\s*\((?:" + pattern + r")\)")
        return lambda text: compiled.sub("", text)

    return {
        "leading filler (select.trim)": lambda text: trim_sentence(text) or text,
        "contrast opening (Tuy nhiên, Trong khi đó, ...)": lead("tuy nhiên", "tuy vậy", "dù vậy", "mặc dù vậy", "thế nhưng",
                                                            "trong khi đó", "mặt khác"),
        "consequence opening (Do đó, Vì vậy, ...)": lead("do đó", "do vậy", "vì vậy", "vì thế", "như vậy", "từ đó", "nhờ đó"),
        "time opening (Trước đó, Sau đó)": lead("trước đó", "sau đó"),
        "emphasis opening (Đặc biệt, Đáng chú ý)": lead("đặc biệt", "đáng chú ý"),
        "(any parenthesis)": paren(r"[^()]{1,80}"),
        "(ACRONYM)": paren(r"[A-ZĐ][A-ZĐ0-9&.\-]{1,9}"),
        "(N tuổi)": paren(r"\d{1,3} tuổi"),
        "(Capitalised Name)": paren(r"[A-ZĐ][^\s()\d,]*(?:\s[A-ZĐ][^\s()\d,]*){0,3}"),
        "(giờ địa phương)": paren(r"(?:theo )?giờ (?:địa phương|Việt Nam|Hà Nội|GMT)"),
        # attributions (session 5): who said it, at the start or the end of the sentence
        "leading 'Theo <outlet>,' (Theo Reuters, Theo báo X)": edit(rf"^Theo\s+{_OUTLET}\s*,\s*(?=\w)"),
        "trailing ', theo <outlet>.'": edit(rf",\s+theo\s+{_OUTLET}\s*(?=[.!?…]+[\"”’']?\s*$)"),
        "leading 'Theo <anyone>,'": edit(r"^Theo\s+[^,]{2,60},\s*(?=\w)"),
        "trailing ', theo <anyone>.'": edit(r",\s+theo\s+[^,.;:]{2,60}(?=[.!?…]+[\"”’']?\s*$)"),
        "trailing ', <speaker> cho biết / nói.'": edit(
            r",\s+[^,.;:\"“”]{2,60}\s+(?:cho biết|cho hay|nói|chia sẻ)(?:\s+thêm)?\s*(?=[.!?…]+\s*$)"),
        "leading '<speaker> cho biết,'": edit(r"^[^,.;:\"“”]{2,60}\s+cho biết\s*[,:]\s*"),
    }


def trim_oracle_table(d) -> list[list[object]]:
    """Per kind of span: sentences, syllables saved, reference bigrams lost per saved syllable, the sentences' bigrams per syllable."""
    import statistics

    from tomtat.select import candidates
    from tomtat.text.tokens import syllables

    def hits(tokens: list[str], refs: list[set]) -> float:
        pairs = list(zip(tokens, tokens[1:]))
        return statistics.fmean(sum(p in r for p in pairs) for r in refs)

    spans = _trim_spans()
    totals = {name: [0, 0, 0.0, 0.0, 0] for name in spans}
    for cluster, rep in zip(d.clusters, d.reps):
        refs = [set(zip(t, t[1:])) for t in (syllables(r) for r in cluster.references)]
        for i in candidates(rep).tolist():
            s = rep.sentences[i]
            whole = None
            for name, cut in spans.items():
                short = cut(s.text)
                if short == s.text:
                    continue
                whole = hits(s.syllables, refs) if whole is None else whole
                rest = syllables(short)
                t = totals[name]
                t[0] += 1
                t[1] += len(s.syllables) - len(rest)
                t[2] += whole - hits(rest, refs)
                t[3] += whole
                t[4] += len(s.syllables)
    return [[name, n, saved, f"{lost / max(saved, 1):.3f}", f"{whole / max(length, 1):.3f}"]
            for name, (n, saved, lost, whole, length) in totals.items()]


# Session 7 (Q8): comma-bounded segments a cut could drop, chosen by what the cluster says (`--segment-oracle`,
# the `segments-*` variants). A segment runs from a comma (followed by a space) at depth 0 (outside quotes and
# parentheses) to the next such comma or the sentence's end; the first segment never qualifies (it holds the
# subject), nor one under SEGMENT_MIN syllables or one whose cut leaves under SEGMENT_REST.
SEGMENT_MIN, SEGMENT_REST = 3, 8
_OPEN, _CLOSE = "(“‘«[", ")”’»]"
_END = re.compile(r"\s*[.!?…;:]*[\"”’'»)]*\s*$")
# The meaning rules (`segment_cuts`' safe flag, the `segments-safe` variant): a cut must leave the sentence's claim as it
# was. A segment opening with a contrast, concession, condition, cause, purpose or consequence word, or a
# coordinator, states a relation; one holding a negation may be what the sentence denies; one ending in a verb of
# saying names who said the quote; a segment opening with a predicate marker ("đã", "sẽ", "bị", "là", ...) is the
# verb of a subject before it; the first segment that is no fronted adverbial (time, place, "Sau khi ...",
# "Theo ...", a filler) holds the main clause; and an element of an enumeration ("A, B, C và D") is one of a list.
_UNSAFE_START = re.compile(
    r"(?:nhưng|song|tuy|dù|mặc dù|trong khi|còn|mà|chứ|nếu|trừ|ngoại trừ|thay vì|bởi|vì|do|để|nên|nhằm|"
    r"khiến|làm|dẫn đến|gây|và|hoặc|hay|cùng|rồi|thì|sau đó|vậy|thậm chí|kể cả|ngay cả|"
    # a person or a plural noun phrase opening the segment is a subject: a clause of its own, or the sentence's
    r"ông|bà|anh|chị|cô|chú|bác|cụ|em|ngài|thầy|các|những)\b", re.IGNORECASE)
# an enumeration: introduced before the segment, coordinated in it or after it
_ENUMERATES = re.compile(r"\b(?:như|gồm|bao gồm|kể cả|chẳng hạn)\b|:", re.IGNORECASE)
# a subordinate or contrasted clause in the part before: the segment may be the clause it needs ("vì sau hai năm ..., hai
# con của họ đã nên vợ thành chồng"; "nhưng trong 4 tháng đầu năm, thị phần giảm")
_SUBORDINATE = re.compile(r"\b(?:vì|nếu|khi|để|do|bởi|tuy|dù|mặc dù|rằng|nhưng|mà|thì|hoặc|hay|song)\b", re.IGNORECASE)
_COORDINATES = re.compile(r"\b(?:và|hoặc|hay|cùng|cũng như)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:không|chưa|chẳng|chả|đừng|chớ|thì)\b", re.IGNORECASE)  # (and "thì": a consequent)
_PREDICATE = re.compile(
    r"(?:đã|đang|sẽ|bị|được|là|chính là|cũng|vẫn|đều|vừa|mới|từng|chỉ|liền|lại|phải|có thể|cần|nên|muốn|hiện đang|"
    r"cho biết|cho hay|nói|khẳng định|nhấn mạnh|chia sẻ|thông tin|tiết lộ)\b", re.IGNORECASE)
# a part opening with one of these after an appositive is the subject's predicate: "Ông A, giám đốc B, cho biết"
_JOINS = re.compile(r"(?:đã|đang|sẽ|bị|được|cũng|vẫn|đều|vừa|mới|từng|cho biết|cho hay|nói|khẳng định|nhấn mạnh|"
                    r"chia sẻ|thông tin|tiết lộ)\b", re.IGNORECASE)
_MARKER = re.compile(r"\b(?:đã|đang|sẽ|bị|được|là|vẫn|đều|vừa|mới|từng|không|chưa|cho biết|nói)\b", re.IGNORECASE)
# what opens a reported clause or a list: a verb of saying or "rằng" / "là" / "như" / "gồm" ending the part before
_INTRODUCES = re.compile(r"(?:rằng|là|như|gồm|bao gồm|sau|:|[\"”’»])\s*$", re.IGNORECASE)
MAIN_CLAUSE_MIN = 5  # syllables: a shorter first part is a name or a fronted phrase, not yet a clause
_SAYING_END = re.compile(
    r"(?:cho biết|cho hay|nói|bình luận|chia sẻ|khẳng định|nhấn mạnh|thông tin|tiết lộ|kể|viết|phát biểu|"
    r"trả lời|nhận định|đánh giá|giải thích|bày tỏ|thừa nhận|lưu ý|cảnh báo|tuyên bố|thông báo)(?:\s+thêm)?\s*$",
    re.IGNORECASE)
_SAYING = re.compile(r"\b" + _SAYING_END.pattern.replace(r"(?:\s+thêm)?\s*$", "") + r"\b", re.IGNORECASE)
_ADVERBIAL = re.compile(
    r"(?:sau khi|trước khi|khi|lúc|trong|tại|ở|theo|với|về|đối với|từ|qua|sau|trước|ngoài|bên cạnh|cùng với|"
    r"liên quan|dưới|trên|giữa|vào|đến|tới|hiện|hiện nay|hiện tại|thời gian|nhìn|từng|là|như|ví như|"
    r"sáng|chiều|tối|trưa|đêm|khuya|rạng sáng|ngày|hôm|tuần|tháng|năm|đầu|cuối|gần|mới đây|vừa qua|"
    r"tuy nhiên|tuy vậy|dù vậy|mặc dù vậy|thế nhưng|trong khi đó|mặt khác|do đó|do vậy|vì vậy|vì thế|như vậy|"
    r"từ đó|nhờ đó|trước đó|sau đó|đặc biệt|đáng chú ý|theo đó|cụ thể|được biết|ngoài ra|đồng thời|hơn nữa|"
    r"thêm vào đó|không chỉ|chưa hết|nếu|vì|do|để|dù|mặc dù|tuy|bởi|nhằm|thậm chí|chẳng hạn|trong đó|"
    r"có thể thấy|như vậy có thể thấy|nói cách khác|nhìn chung|tính đến|tính từ|kể từ|trao đổi|trả lời|"
    r"chia sẻ với|phát biểu|thông tin từ|phải đến|mãi đến)\b", re.IGNORECASE)


def comma_segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of every comma-bounded segment after the first: start at the comma, end at the next comma
    or where the sentence's closing punctuation begins."""
    depth, straight, commas = 0, False, []
    for k, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return []  # (a closing quote or parenthesis that opened in another sentence)
            depth -= 1
        elif ch == '"':
            straight = not straight
        elif ch == "," and depth == 0 and not straight and text[k + 1:k + 2].isspace():
            commas.append(k)
    if not commas or depth or straight:
        return []  # (an unbalanced quote or parenthesis: where it ends is unknown)
    end = _END.search(text).start()
    bounds = [*commas, end]
    return [(a, b) for a, b in zip(bounds[:-1], bounds[1:]) if a < b]


def segment_cuts(text: str, df: dict[tuple[str, str], int]) -> list[tuple[str, str, str, bool, bool]]:
    """Each qualifying segment as (text without it, the segment, "middle"/"last", has a cross-article concept,
    meaning-safe), `df` giving each concept's article count in the cluster. A middle segment closed by a comma
    before a predicate ("Ông A, giám đốc công ty B, cho biết") goes with both commas ("Ông A cho biết")."""
    from tomtat.represent.vectors import sentence_concepts
    from tomtat.text.tokens import syllables

    out = []
    total = len(syllables(text, normalized=True))
    spans = comma_segments(text)
    if not spans:
        return out
    parts = [text[:spans[0][0]].strip()] + [text[a + 1:b].strip() for a, b in spans]
    sizes = [len(syllables(p, normalized=True)) for p in parts]
    # the main clause: the first part that is no fronted adverbial and long enough to be a clause
    # (a part after a fronted phrase without a predicate marker is that phrase's apposition: "Theo ông A, chuyên gia B,")
    main = next((k for k, p in enumerate(parts) if not _ADVERBIAL.match(p) and sizes[k] >= MAIN_CLAUSE_MIN
                 and not (k and _ADVERBIAL.match(parts[k - 1]) and not _MARKER.search(p))), len(parts))
    for k, (a, b) in enumerate(spans, start=1):
        seg, n = parts[k], sizes[k]
        if n < SEGMENT_MIN or total - n < SEGMENT_REST:
            continue
        cross = any(df.get(c, 0) > 1 for c in sentence_concepts(syllables(seg, normalized=True)))
        last = k == len(parts) - 1
        following = parts[k + 1] if not last else ""
        later = " ".join(p for p in parts[k + 1:] if not _PREDICATE.match(p))
        first = [p.split(maxsplit=1)[0].lower() if p else "" for p in parts[k - 1:k + 2]]
        listed = (_COORDINATES.search(f"{seg} {later}") is not None or any(map(_ENUMERATES.search, parts[:k]))
                  or (k > 1 and sizes[k - 1] < SEGMENT_MIN) or (not last and sizes[k + 1] < SEGMENT_MIN)
                  or first[1] in first[:1] + first[2:]  # ("1 mẫu cá, 1 mẫu mực", "quận 1, quận 3")
                  or (k > 1 and first[0] == (parts[k - 2].split(maxsplit=1) or [""])[0].lower()))  # ("mùi rác, mùi ẩm mốc, ...")
        # before the main clause only an appositive goes: a noun phrase between a noun phrase and its predicate
        appositive = (not last and _JOINS.match(following) is not None and not _MARKER.search(seg)
                      and not _ADVERBIAL.match(parts[k - 1]))
        safe = not ((k <= main and not appositive) or _UNSAFE_START.match(seg) or _NEGATION.search(seg)
                    or _PREDICATE.match(seg) or _SAYING_END.search(seg) or _SAYING_END.search(parts[k - 1])
                    or _INTRODUCES.search(parts[k - 1]) or listed or text.rstrip().endswith("?")
                    or any("rằng" in p.lower().split() for p in parts[:k])  # (a reported clause runs on)
                    or (k > 1 and _ADVERBIAL.match(parts[k - 1]))  # (the clause a fronted phrase modifies)
                    or _SUBORDINATE.search(parts[k - 1])
                    # a quote's attribution, wherever its verb stands ("“...”, A, phó thống đốc, trả lời trên AFP")
                    or any(p.rstrip()[-1:] in "\"”’»" for p in parts[:k] if p.strip())
                    or _SAYING.search(seg)
                    or (not appositive and _PREDICATE.match(following))  # (the predicate may be the segment's)
                    # a middle cut joins the parts around it, whose link the reader cannot check ("khắc nghiệt, xa xôi"):
                    # only a trailing detail or an appositive goes; a trailing part opening with a capital is a clause
                    # with its own subject or the end of a name ("thung lũng Napa, Mỹ")
                    or (not last and not appositive) or (last and seg[:1].isupper()))
        if appositive:
            rest = text[:a] + " " + text[b + 1:].lstrip()
        else:
            rest = text[:a] + text[b:]
        out.append((rest, seg, "last" if last else "middle", cross, safe))
    return out


def cut_segments(text: str, df: dict[tuple[str, str], int], rules: bool = True) -> str | None:
    """`text` without its meaning-safe segments that hold no cross-article concept (one at a time, the segments
    found again on what is left), or None when none qualifies; `rules=False`: every such segment, safe or not
    (a measurement of what the meaning rules cost)."""
    out = None
    while True:
        found = next((c for c in segment_cuts(text, df) if not c[3] and (c[4] or not rules)), None)
        if found is None:
            return out
        text = out = found[0]


def concept_df(rep) -> dict[tuple[str, str], int]:
    """Each concept's article count in the cluster, by its syllable pair (the `concept_df` of `represent`)."""
    from tomtat.represent.vectors import sentence_concepts

    seen: dict[tuple[str, str], set[int]] = {}
    for s in rep.sentences:
        for c in sentence_concepts(s.syllables):
            seen.setdefault(c, set()).add(s.doc)
    return {c: len(d) for c, d in seen.items()}


def segment_oracle_table(d, examples: list | None = None) -> list[list[object]]:
    """Per (cross-article concept or not, middle/last, all or meaning-safe `segment_cuts`): segments, syllables saved,
    reference bigrams lost per saved syllable, the sentences' bigrams per syllable."""
    import random

    from tomtat.select import candidates
    from tomtat.text.tokens import syllables

    def hits(tokens: list[str], refs: list[set]) -> float:
        pairs = list(zip(tokens, tokens[1:]))
        return statistics.fmean(sum(p in r for p in pairs) for r in refs)

    totals: dict[tuple, list] = {}
    pool = []
    for cluster, rep in zip(d.clusters, d.reps):
        refs = [set(zip(t, t[1:])) for t in (syllables(r) for r in cluster.references)]
        df = concept_df(rep)
        done = set()
        for i in candidates(rep).tolist():
            s = rep.sentences[i]
            if s.text in done:
                continue
            done.add(s.text)
            whole = None
            for rest, seg, where, cross, safe in segment_cuts(s.text, df):
                whole = hits(s.syllables, refs) if whole is None else whole
                short = syllables(rest)
                for key in [(cross, where, "all"), (cross, "any", "all")] + (
                        [(cross, where, "safe"), (cross, "any", "safe")] if safe else []):
                    t = totals.setdefault(key, [0, 0, 0.0, 0.0, 0])
                    t[0] += 1
                    t[1] += len(s.syllables) - len(short)
                    t[2] += whole - hits(short, refs)
                    t[3] += whole
                    t[4] += len(s.syllables)
                if not cross and safe:
                    pool.append((s.text, rest))
    if examples is not None:
        examples.extend(random.Random(8).sample(pool, min(15, len(pool))))
    rows = []
    for key in sorted(totals, key=lambda k: (k[0], k[2], k[1])):
        n, saved, lost, whole, length = totals[key]
        cross, where, rule = key
        rows.append([f"{'cross-article concept' if cross else 'no cross-article concept'}, {where}, {rule}", n, saved,
                     f"{lost / max(saved, 1):.3f}", f"{whole / max(length, 1):.3f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vims", type=Path, default=VIMS)
    parser.add_argument("--abmusu", type=Path, default=ABMUSU)
    parser.add_argument("--cv", type=int, default=5)
    parser.add_argument("--variants", default=",".join(VARIANTS), help=f"comma-separated: {', '.join(VARIANTS)}")
    parser.add_argument("--method", default="greedy", help="selector (greedy or ilp)")
    parser.add_argument("--oracle", action="store_true", help="the oracle-versus-tomtat paragraph table instead")
    parser.add_argument("--trim-oracle", action="store_true", help="what each kind of trimmed span costs, instead")
    parser.add_argument("--segment-oracle", action="store_true",
                        help="what dropping comma-bounded segments (by cross-article concepts) costs, instead")
    parser.add_argument("--per-fold", action="store_true",
                        help="also each variant minus the first one, per fold, with the paired t and wins/losses over clusters")
    args = parser.parse_args()
    from tomtat.train.fit import SELECT

    start = time.perf_counter()
    v, a = prepare(require(args.vims), require(args.abmusu))
    if args.trim_oracle:
        for d in (v, a):
            print_table(f"{d.kind}: spans a trimmer could drop, over every candidate sentence",
                        ["span", "sentences", "syllables saved", "ref. bigrams lost / syllable", "sentences' bigrams / syllable"],
                        trim_oracle_table(d))
        return
    if args.segment_oracle:
        for d in (v, a):
            examples: list = []
            print_table(f"{d.kind}: comma-bounded segments a cut could drop, over every distinct candidate sentence",
                        ["segment", "segments", "syllables saved", "ref. bigrams lost / syllable",
                         "sentences' bigrams / syllable"], segment_oracle_table(d, examples))
            for text, rest in examples:
                console.print(f"- {text}\n  -> {rest}", markup=False, highlight=False)
        return
    setups = models(v, a, args.cv)
    sal = salience_of(setups)
    console.print(f"prepared and trained in {time.perf_counter() - start:.0f} s")
    if args.oracle:
        for name in ("vims->abmusu", "cv abmusu", "abmusu->vims", "cv vims"):
            for variant in ("before", "anchor-0.5"):
                settings = {k: w for k, w in {**SELECT, **VARIANTS[variant]}.items() if w is not None}
                print_table(f"{name}, {variant}: sentences / in the oracle / chosen by tomtat",
                            ["where", "all", "oracle", "tomtat"], paragraph_table(setups[name][0], sal[name], settings))
        return
    rows, first = [], None
    paired: list[tuple[str, list[list[object]]]] = []
    for variant in args.variants.split(","):
        settings = {k: w for k, w in {**SELECT, **VARIANTS[variant]}.items() if w is not None}
        values = cluster_scores(setups, sal, settings, args.method)
        scores = {name: round(statistics.fmean(v), 2) for name, v in values.items()}
        rows.append([variant, *(f"{scores[s]:.2f}" for s in SETUPS)])
        console.print(variant, scores)
        if first is None:
            first = (variant, values)
        elif args.per_fold:
            paired.append((variant, paired_rows(setups, first[1], values, args.cv)))
    print_table(f"ROUGE-2 F1 (syllables), {args.method}", ["variant", *SETUPS], rows)
    if SEGMENT_COUNTS:
        console.print("segments-chosen*, over the six columns' summaries:", dict(SEGMENT_COUNTS))
    for variant, table in paired:
        print_table(f"{variant} minus {first[0]}: per fold, mean, paired t, clusters won/lost",
                    ["column", *(f"fold {j}" for j in range(args.cv)), "mean", "t", "won/lost"], table)


if __name__ == "__main__":
    main()
