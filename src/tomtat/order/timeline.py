"""The cluster's timeline (its dated events, each with every outlet reporting it) and its headline.

A reader of five articles on one story wants the when and the who: the
timeline lists each distinct dated fact once ("same fact": the same date and
a concept overlap of at least SAME_FACT_OVERLAP, the rule that credits
`also_reported_by`, or SAME_DAY_OVERLAP for the same day), credits every article stating it (with or without the date), and
keeps the MAX_EVENTS facts reported by the most articles (then those dated
to the day, then the most salient), in date order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tomtat.dates import DateMention
from tomtat.model import Document, TimelineEvent
from tomtat.order.coherence import dangling_opening, drop_connective
from tomtat.order.facts import same_fact_rows
from tomtat.order.story import date_key, openings
from tomtat.represent import Representation
from tomtat.represent.rows import entry_rows
from tomtat.select import candidates
from tomtat.options import MAX_EVENTS  # noqa: F401  (the default lives with the options: no numpy to read it)
from tomtat.text.normalize import normalize

# Two sentences dated the same day need less shared wording to be one fact: over the smaller
# sentence's concepts, on the seeds the three sentences reporting the 13/4 call (two outlets) overlap
# 0.11-0.22, the other facts on any day under 0.07. (Over the smaller one on purpose: the "comparable"
# same-fact measure divides by the longer of two unequal sentences, and a short and a long report of
# one call on one day are the case this rule exists for.)
SAME_DAY_OVERLAP = 0.1


# a date shared by at most this many dated sentences is compared in Python (sets of concept indices); a
# larger one by one sparse product (the same numbers: counts of shared concepts over the smaller count)
_SMALL_DATE = 48


def _same_day_overlap(
    rep: Representation, dated: list[int], keys: dict[int, tuple[int, int, int]], day: set[int],
) -> dict[int, list[int] | np.ndarray]:
    """For each day-dated sentence, the dated sentences of its date it overlaps by SAME_DAY_OVERLAP or
    more over the smaller sentence's concepts (itself included): a list, or an array for a large date.

    Sparse and one date at a time (issue 11: a dense dated x dated table is 7 GB for 30k dated
    sentences; the pairs of one date sharing a concept are few). Most dates are stated by one or a
    few sentences: those are compared on sets of concept indices, without a sparse product per date
    (which was a third of the order stage on ViMs). A large date keeps its pairs in arrays: on 200
    articles of 100,000 characters a million pairs (copies of one wire story on one day) went through
    Python dicts, a third of the timeline. Where the representation holds the dense shared-concept
    counts (`Representation.shared_concepts`: every ViMs and AbMuSu cluster), the small dates' pairs are
    read off them instead, all dates at once (`_close_on_table`), in the same order.
    """
    by_key: dict[tuple[int, int, int], list[int]] = {}
    for i in dated:
        by_key.setdefault(keys[i], []).append(i)
    near: dict[int, list[int] | np.ndarray] = {}
    indptr, indices = rep.concept_matrix.indptr, rep.concept_matrix.indices
    group = rep.concept_groups
    table = rep.shared_concepts()  # (news-sized clusters: built for the selector)
    close: np.ndarray | None = None
    for members in by_key.values():
        if not any(i in day for i in members):
            continue
        if len(members) <= _SMALL_DATE and table is not None:
            if close is None:
                close = _close_on_table(rep, table, dated, keys)
                where = {i: a for a, i in enumerate(dated)}
                at = np.asarray(dated, dtype=np.intp)
            for i in members:
                if i in day:
                    found = at[close[where[i]]].tolist()
                    if found:
                        near[i] = found
            continue
        if len(members) <= _SMALL_DATE:
            # sentences with the same concepts (copies) are compared once: each group's set, and each
            # group's list of near members (read only, shared by its copies); on the 200 x 100,000-character
            # bench cluster a date's members were ~5 copies each of a few sentences
            groups = [int(group[i]) for i in members]
            concepts: dict[int, set[int]] = {}
            for i, g in zip(members, groups):
                if g not in concepts:
                    concepts[g] = set(indices[indptr[i]:indptr[i + 1]].tolist())
            found: dict[int, list[int]] = {}
            for i, g in zip(members, groups):
                if i not in day:
                    continue
                if g not in found:
                    mine = concepts[g]
                    close = set()
                    for h, theirs in concepts.items():
                        shared = len(mine & theirs)
                        if shared and shared / min(len(mine), len(theirs)) >= SAME_DAY_OVERLAP:
                            close.add(h)
                    found[g] = [j for j, h in zip(members, groups) if h in close]
                if found[g]:
                    near[i] = found[g]
            continue
        rows = np.asarray(members, dtype=np.intp)
        m = rep.concept_matrix[rows]
        shared = (m @ m.T).tocsr()  # (rows in order, each row's pairs together)
        sizes = np.diff(m.indptr)
        row = entry_rows(shared.indptr)
        smaller = np.minimum(sizes[row], sizes[shared.indices])
        ratio = np.divide(shared.data, smaller, out=np.zeros(shared.nnz), where=smaller > 0)
        keep = ratio >= SAME_DAY_OVERLAP
        cols, bounds = rows[shared.indices[keep]], np.searchsorted(row[keep], np.arange(rows.size + 1))
        for a, i in enumerate(members):
            if i in day and bounds[a] < bounds[a + 1]:
                near[i] = cols[bounds[a]:bounds[a + 1]]
    return near


def _close_on_table(
    rep: Representation, shared: np.ndarray, dated: list[int], keys: dict[int, tuple[int, int, int]],
) -> np.ndarray:
    """Which dated sentences (rows and columns in `dated`'s order) are of one date and share concepts
    for at least SAME_DAY_OVERLAP of the smaller sentence's, read off the dense shared-concept counts.

    The per-pair sets' test (`len(mine & theirs)` over the smaller set's size, shared concepts only) on
    the counts the selector's overlap table was built from: the same integers, divided in floating point
    as Python divides them, so the same pairs. One set of numpy calls for every date of a ViMs cluster
    (0.02 against 0.08 ms a cluster in sets, 60 ViMs clusters).
    """
    at = np.asarray(dated, dtype=np.intp)
    number: dict[tuple[int, int, int], int] = {}
    date = np.fromiter((number.setdefault(keys[i], len(number)) for i in dated), dtype=np.intp, count=at.size)
    counts = shared.take(at, axis=0).take(at, axis=1)
    sizes = rep.concept_sizes[at]
    smaller = np.minimum.outer(sizes, sizes)
    close = (date[:, None] == date[None, :]) & (counts > 0)
    close &= np.divide(counts, smaller, out=np.zeros(counts.shape), where=smaller > 0) >= SAME_DAY_OVERLAP
    return close


def _standalone_text(text: str, memo: dict | None = None) -> tuple[str, bool]:
    """The sentence as a timeline shows it (a leading connective dropped), and whether it now stands alone.

    `text` is a representation's sentence: already normalized. `memo`: the story's `openings`.
    """
    if dangling_opening(text, normalized=True, memo=memo) is None:
        return text, True
    edited = drop_connective(text, normalized=True, memo=memo)
    return (edited, True) if edited else (text, False)


def build_timeline(
    rep: Representation, dates: Sequence[DateMention | None], weights: np.ndarray, labels: Sequence[str],
    year: int | None = None, events: int = MAX_EVENTS,
) -> list[TimelineEvent]:
    """At most `events` dated facts of the cluster, earliest first (see the module docstring)."""
    if events <= 0 or not rep.sentences:
        return []
    allowed = set(candidates(rep).tolist())
    dated = [i for i, m in enumerate(dates) if m is not None and i in allowed]
    if not dated:
        return []
    keys = {i: date_key(dates[i].value, year) for i in dated}
    # Sparse, thresholded overlaps only (issue 11: the dense dated x all-sentences table ran out of 2 GB on
    # 200 articles of 100,000 characters): each dated sentence's same-fact pairs (the credits, and the
    # grouping of facts not dated to the day), and the same-day pairs of day-dated sentences.
    day = {i for i in dated if dates[i].value.granularity == "day"}
    same_day = _same_day_overlap(rep, dated, keys, day)
    rows = {i: cols.tolist() for i, (cols, _) in same_fact_rows(rep, dated).items()}
    same_fact = {i: [j for j in rows[i] if keys.get(j) == keys[i]] for i in dated if i not in day}
    # each sentence joins the earliest group holding a sentence of its date it overlaps enough (over the
    # smaller sentence for a day, the same-fact rule otherwise), else starts one
    groups: list[list[int]] = []
    group_of: dict[int, int] = {}
    group_at = np.full(len(rep.sentences), len(dated), dtype=np.intp)  # (group_of for the arrays of a large date)
    for i in sorted(dated, key=lambda i: -weights[i]):
        close = same_day.get(i, ()) if i in day else same_fact[i]
        if isinstance(close, np.ndarray):
            first = int(group_at[close].min())
            joined = [first] if first < len(dated) else []
        else:
            joined = [group_of[j] for j in close if j in group_of]
        if joined:
            group_of[i] = min(joined)
            groups[group_of[i]].append(i)
        else:
            group_of[i] = len(groups)
            groups.append([i])
        group_at[i] = group_of[i]
    entries = []
    for group in groups:
        # the text: the most salient member that stands alone (after dropping a connective); a fact no
        # member states on its own ("Hiệp ước này sẽ hết hạn ...") is no timeline entry; the members after
        # the first that does are not read
        for i in group:
            text, alone = _standalone_text(rep.sentences[i].text, openings(rep))
            if alone:
                break
        if not alone:
            continue
        docs = {rep.sentences[j].doc for j in group}
        # articles stating the fact without the date credit it too (never ones dating it otherwise)
        same = {j for member in group for j in rows[member]}
        docs |= {rep.sentences[j].doc for j in same if dates[j] is None}
        articles = sorted(docs)
        entries.append((len(articles), dates[i].value.granularity != "day", float(sum(weights[j] for j in group)), keys[i], TimelineEvent(
            date=dates[i].iso, date_text=dates[i].text, text=text,
            sources=list(dict.fromkeys(labels[a] for a in articles)), articles=articles,
        )))
    kept = sorted(entries, key=lambda e: (-e[0], e[1], -e[2]))[:events]
    return [e[4] for e in sorted(kept, key=lambda e: e[3])]


def headline(rep: Representation, documents: Sequence[Document]) -> str | None:
    """The most representative title: the one whose vector is closest to the cluster's centroid."""
    titled = [k for k, d in enumerate(documents) if (d.article.title or "").strip()]
    if not titled:
        return None
    if rep.title_vectors.shape[0] != len(documents) or not rep.centroid.size:
        return normalize(documents[titled[0]].article.title).strip()
    # every title's product, then the titled ones (the same numbers: a row's product does not depend on
    # the rows around it), without scipy's row indexing
    similarity = np.asarray(rep.title_vectors @ rep.centroid).ravel()[titled]
    best = titled[int(np.argmax(similarity))]
    return normalize(documents[best].article.title).strip()
