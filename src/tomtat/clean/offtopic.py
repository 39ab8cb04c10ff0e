"""Off-topic tails: scrapers often glue unrelated teasers after the real article.

Which paragraphs are off-topic is decided by content, not by keywords: a
trailing run of paragraphs whose vocabulary barely overlaps the rest of the
cluster is cut. Only tails are cut, because real articles digress in the middle
but scrapers append at the end.
"""

from __future__ import annotations

from collections import Counter

from tomtat.text.tokens import syllables


def _bigrams(text: str) -> set[tuple[str, str]]:
    tokens = syllables(text, normalized=True)
    return set(zip(tokens, tokens[1:]))


def drop_offtopic_tails(
    documents: list[list[str]], titles: list[str], threshold: float = 0.08,
) -> tuple[list[list[str]], list[list[tuple[str, str]]]]:
    """For each article's paragraphs, cut the trailing run that does not fit the cluster."""
    grams = [[_bigrams(p) for p in doc] for doc in documents]
    title_grams = [_bigrams(t) for t in titles]
    df: Counter[tuple[str, str]] = Counter()
    for doc, tg in zip(grams, title_grams):
        df.update(set().union(tg, *doc))
    kept_docs, removed_docs = [], []
    for i, (doc, doc_grams) in enumerate(zip(documents, grams)):
        own = Counter()
        for g in doc_grams:
            own.update(g)
        own.update(title_grams[i])

        def support(j: int) -> float:
            g = doc_grams[j]
            if not g:
                return 1.0
            # a bigram supports the paragraph if another article or another
            # paragraph of this article (or its title) uses it too
            shared = sum(1 for b in g if df[b] - (1 if b in g else 0) > 0 or own[b] > 1)
            return shared / len(g)

        cut = len(doc)
        # never cut the first half of an article: tails only
        while cut > max(1, len(doc) // 2) and support(cut - 1) < threshold:
            cut -= 1
        kept_docs.append(doc[:cut])
        removed_docs.append([(p, "off-topic tail") for p in doc[cut:]])
    return kept_docs, removed_docs
