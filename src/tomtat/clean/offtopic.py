"""Off-topic tails: scrapers often glue unrelated teasers after the real article.

Which paragraphs are off-topic is decided by content, not by keywords. Every
paragraph is compared (TF-IDF cosine over syllables and syllable bigrams, with
IDF counted over all paragraphs of the cluster, so words every paragraph uses
weigh little) with the cluster's story: the other articles, this article's
title and its head. A trailing run of paragraphs whose similarity is clearly
below that of the article's own body is cut. Only tails are cut, because real
articles digress in the middle but scrapers append at the end; on content alone
only from the second half of an article (a tail below 0.4 x the body's median
similarity), never from its first third.

Layout hints recorded by the cleaner (`Paragraphs.breaks`: a closing byline
such as "Theo Reuters" followed by more text, an "OUTLET - " dateline lead
after the first paragraph, a repeated headline) make the cut easier where they
are (a tail mostly below 0.75 x the body's median may then go), but never cut
on their own.
"""

from __future__ import annotations

import math
from collections import Counter
from statistics import median

from tomtat.clean.lines import is_headline_like
from tomtat.text.tokens import syllables

# on content alone, a tail is cut when all its paragraphs score below RATIO x the body's median
# similarity: next to nothing in common with the story (on ViMs, real closing sentences score 0.15-0.4)
RATIO = 0.12
# ... or below HINTED_RATIO x that median where the layout says another article starts
HINTED_RATIO = 0.75
# a body this unlike the rest of the cluster gives no baseline to judge a tail by
MIN_BODY_SIMILARITY = 0.03


def _features(text: str) -> Counter[str]:
    tokens = [t for t in syllables(text, normalized=True) if not t.isdigit()]
    feats: Counter[str] = Counter(tokens)
    feats.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return feats


def _weigh(feats: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    return {t: (1 + math.log(c)) * idf[t] for t, c in feats.items()}


def _add(into: dict[str, float], vec: dict[str, float], sign: float = 1.0) -> None:
    for t, w in vec.items():
        into[t] = into.get(t, 0.0) + sign * w


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {t: w / norm for t, w in vec.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def tail_similarities(documents: list[list[str]], titles: list[str]) -> list[list[float]]:
    """For every paragraph, its cosine similarity to the story told by the rest of the cluster.

    The story, for a paragraph of article d: every other article in full (title
    and paragraphs, one unit vector each) plus article d's own title and head
    as one more unit vector (a head paragraph itself left out of it). The sums
    are never materialized per paragraph: cosines come from dot products with
    the sparse paragraph vectors, so the cost stays linear in the cluster size.
    """
    feats = [[_features(p) for p in doc] for doc in documents]
    title_feats = [_features(t) for t in titles]
    units = [f for doc in feats for f in doc] + [f for f in title_feats if f]
    df: Counter[str] = Counter()
    for f in units:
        df.update(f.keys())
    n = len(units) or 1
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items()}
    vecs = [[_unit(_weigh(f, idf)) for f in doc] for doc in feats]
    title_vecs = [_unit(_weigh(f, idf)) for f in title_feats]
    whole: list[dict[str, float]] = []
    own_heads: list[dict[str, float]] = []
    for d, doc in enumerate(vecs):
        part: dict[str, float] = {}
        _add(part, title_vecs[d])
        head = dict(part)
        for j, v in enumerate(doc):
            _add(part, v)
            if j < _head_length(len(doc)):
                _add(head, v)
        whole.append(_unit(part))
        own_heads.append(head)
    total: dict[str, float] = {}
    for part in whole:
        _add(total, part)
    total_sq = _dot(total, total)
    result = []
    for d, doc in enumerate(vecs):
        # others = total - whole[d]
        others_sq = max(0.0, total_sq - 2 * _dot(total, whole[d]) + _dot(whole[d], whole[d]))
        head = own_heads[d]
        head_sq = _dot(head, head)
        others_head = _dot(total, head) - _dot(whole[d], head)
        heads = _head_length(len(doc))
        sims = []
        for j, v in enumerate(doc):
            if not v:
                sims.append(0.0)
                continue
            v_others = _dot(v, total) - _dot(v, whole[d])
            v_head = _dot(v, head)
            own_sq, others_own, v_own = head_sq, others_head, v_head
            if j < heads:  # leave the paragraph out of its own head
                own_sq = head_sq - 2 * v_head + 1.0
                others_own = others_head - v_others
                v_own = v_head - 1.0
            own_norm = math.sqrt(own_sq) if own_sq > 1e-9 else 0.0
            if own_norm:
                others_own, v_own = others_own / own_norm, v_own / own_norm
                reference_sq = others_sq + 2 * others_own + 1.0
            else:
                others_own, v_own = 0.0, 0.0
                reference_sq = others_sq
            reference_norm = math.sqrt(max(reference_sq, 0.0))
            sims.append((v_others + v_own) / reference_norm if reference_norm > 1e-9 else 0.0)
        result.append(sims)
    return result


def _head_length(n: int) -> int:
    """Paragraphs at the start of an article that are never cut: at least a third."""
    return max(1, math.ceil(n / 3))


def _hinted(c: int, doc: list[str], breaks: frozenset[int]) -> bool:
    """Does the layout say another article starts at paragraph c?

    Either c itself is a break, or a break follows within two paragraphs and
    everything between is a headline (a short line that is not a sentence).
    """
    if c in breaks:
        return True
    for b in range(c + 1, min(len(doc), c + 3)):
        if b in breaks:
            return all(is_headline_like(p) for p in doc[c:b])
    return False


def _cut_point(sims: list[float], doc: list[str], breaks: frozenset[int], ratio: float, hinted_ratio: float) -> int:
    """Start of the off-topic tail (len(sims) when there is none)."""
    n = len(sims)
    for c in range(_head_length(n), n):
        body = median(sims[:c])
        if body < MIN_BODY_SIMILARITY:
            continue
        tail = sims[c:]
        # content alone: every trailing paragraph is far below the body, and only in
        # the second half (leads are the most on-topic paragraphs of any article)
        if 2 * c >= n and max(tail) < ratio * body:
            return c
        # content backed by layout: the tail is mostly below the body, at both its ends
        if _hinted(c, doc, breaks):
            limit = hinted_ratio * body
            low = sum(1 for s in tail if s < limit)
            if tail[0] < limit and tail[-1] < limit and median(tail) < limit and low * 3 >= len(tail) * 2:
                return c
    return n


def drop_offtopic_tails(
    documents: list[list[str]], titles: list[str], threshold: float = RATIO,
) -> tuple[list[list[str]], list[list[tuple[str, str]]]]:
    """For each article's paragraphs, cut the trailing run that does not fit the cluster.

    `threshold` is the share of the body's median similarity below which a
    trailing run of paragraphs counts as off-topic.
    """
    sims = tail_similarities(documents, titles)
    kept_docs, removed_docs = [], []
    for doc, doc_sims in zip(documents, sims):
        breaks = getattr(doc, "breaks", frozenset())
        cut = _cut_point(doc_sims, list(doc), breaks, threshold, max(threshold, HINTED_RATIO)) if len(doc) > 1 else len(doc)
        kept_docs.append(list(doc[:cut]))
        removed_docs.append([(p, "off-topic tail") for p in doc[cut:]])
    return kept_docs, removed_docs
