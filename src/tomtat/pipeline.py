"""The library API: one function runs read-in articles through every stage.

The CLI, HTTP server, batch runner and benchmarks all call `summarize`;
none of them re-implements a stage.
"""

from __future__ import annotations

import time
from dataclasses import replace
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from tomtat.clean import clean_article, drop_offtopic_tails
from tomtat.errors import NoInputError, NotVietnameseError, TooLargeError
from tomtat.model import Article, Cluster, Document, Sentence, Summary, SummarySentence
from tomtat.order import order_sentences
from tomtat.represent import SAME_FACT_OVERLAP, Representation, represent
from tomtat.score import Scorer
from tomtat.select import DEFAULT_SYLLABLES, Budget, select
from tomtat.split import segment_words, split_paragraph
from tomtat.text.language import looks_vietnamese
from tomtat.text.tokens import syllables

MAX_ARTICLES = 200
MAX_ARTICLE_CHARS = 100_000  # ~15k syllables, ten times a long feature story


class StageTimer:
    """Seconds spent per stage, summed over calls (for bench/speed.py)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start


def as_cluster(articles: Cluster | Iterable[Article | Mapping[str, Any]], cluster_id: str | None = None) -> Cluster:
    if isinstance(articles, Cluster):
        return articles
    items = []
    for a in articles:
        if isinstance(a, Article):
            items.append(a)
        else:
            items.append(Article(
                title=a.get("title") or "", text=a.get("text") or "",
                source=a.get("source"), url=a.get("url"), date=a.get("date"), id=a.get("id"),
            ))
    return Cluster(articles=items, id=cluster_id)


def validate(cluster: Cluster) -> tuple[Cluster, list[str]]:
    """The cluster as tomtat will read it (very long articles cut), and warnings.

    Raises the input errors that make a summary impossible. Empty articles stay
    in place (they simply contribute no sentence), so `article` indices in the
    result are indices into the caller's list. The caller's cluster and
    articles are left untouched.
    """
    warnings: list[str] = []
    articles = list(cluster.articles)
    filled = [a for a in articles if (a.title or "").strip() or (a.text or "").strip()]
    if not filled:
        raise NoInputError("no article with any text to summarize")
    if len(articles) > MAX_ARTICLES:
        raise TooLargeError(f"{len(articles)} articles in one cluster; at most {MAX_ARTICLES} are accepted")
    for i, a in enumerate(articles):
        if len(a.text or "") > MAX_ARTICLE_CHARS:
            articles[i] = replace(a, text=a.text[:MAX_ARTICLE_CHARS])
            warnings.append(f"article '{a.label}' is longer than {MAX_ARTICLE_CHARS} characters; only its start was read")
    sample = "\n".join(f"{a.title}\n{a.text[:5000]}" for a in filled)
    if not looks_vietnamese(sample):
        raise NotVietnameseError("the articles do not look like Vietnamese text; tomtat summarizes Vietnamese news only")
    if len(filled) == 1:
        warnings.append("only one article: the summary cannot check facts across outlets")
    return replace(cluster, articles=articles), warnings


def prepare(cluster: Cluster, timer: StageTimer | None = None, segment: bool = False) -> list[Document]:
    """Clean and split every article: the stages before representation.

    Each cleaned paragraph is split on its own (a sentence never spans two),
    and each title is normalized once, by the cleaner.
    """
    timer = timer or StageTimer()
    with timer.stage("clean"):
        cleaned = drop_offtopic_tails([clean_article(a.text, a.title) for a in cluster.articles])
    with timer.stage("split"):
        documents = []
        for index, (article, clean) in enumerate(zip(cluster.articles, cleaned)):
            texts = [text for paragraph in clean.paragraphs for text in split_paragraph(paragraph)]
            sentences = [
                Sentence(text=text, article=index, position=pos, syllables=syllables(text, normalized=True))
                for pos, text in enumerate(texts)
            ]
            documents.append(Document(article, syllables(clean.title, normalized=True), [], sentences, clean.removed))
    if segment:
        with timer.stage("segment"):
            for doc, clean in zip(documents, cleaned):
                doc.title_words = segment_words(clean.title) if clean.title else []
                for s in doc.sentences:
                    s.words = segment_words(s.text)
    return documents


def _also_reported(rep: Representation, i: int) -> list[int]:
    """Other articles with a sentence reporting the same fact as sentence i."""
    same = np.flatnonzero(rep.overlap([i])[0] >= SAME_FACT_OVERLAP)
    return sorted({rep.sentences[j].article for j in same} - {rep.sentences[i].article})


def summarize(
    articles: Cluster | Iterable[Article | Mapping[str, Any]],
    words: int | None = DEFAULT_SYLLABLES,
    sentences: int | None = None,
    scorer: Scorer | None = None,
    cluster_id: str | None = None,
    timer: StageTimer | None = None,
    segment: bool = False,
    method: str = "greedy",
    include_sources: bool = False,
) -> Summary:
    """Summarize one cluster of Vietnamese news articles.

    `words` is the length budget in syllables; `sentences` caps the number of
    sentences; pass `words=None` to limit by sentences alone (with both None,
    the default budget of 200 syllables applies). `segment` adds
    underthesea word units to the sentence vectors; off by default because on
    ViMs they cost 3.3x the time and no ROUGE (README, "Design decisions").
    `include_sources` adds every article's cleaned sentences to the result.

    Raises a `TomtatError` subclass for input that cannot be summarized.
    """
    timer = timer or StageTimer()
    cluster = as_cluster(articles, cluster_id)
    cluster, warnings = validate(cluster)
    budget = Budget(syllables=words, sentences=sentences) if words or sentences else Budget()
    documents = prepare(cluster, timer, segment)
    if not any(d.sentences for d in documents):
        raise NoInputError("nothing left to summarize after removing web noise")
    with timer.stage("represent"):
        rep = represent(documents)
    with timer.stage("score"):
        scores = (scorer or default_scorer()).score(rep)
    with timer.stage("select"):
        chosen = select(rep, scores, budget, method)
    with timer.stage("order"):
        ordered = order_sentences(rep, chosen)
    with timer.stage("render"):
        labels = [a.label for a in cluster.articles]
        out = []
        for i in ordered:
            s = rep.sentences[i]
            also = _also_reported(rep, i)
            out.append(SummarySentence(
                text=s.text, article=s.article, position=s.position, source=labels[s.article],
                also_reported_by=also, also_reported_by_sources=[labels[a] for a in also],
                score=round(float(scores.sentences[i]), 4),
            ))
        text = " ".join(s.text for s in out)
        summary = Summary(
            summary=text, sentences=out, cluster_id=cluster.id, syllables=len(syllables(text, normalized=True)),
            articles=[{"title": a.title, "source": a.source, "url": a.url, "date": a.date, "id": a.id} for a in cluster.articles],
            warnings=warnings,
        )
        if include_sources:
            summary.sources = [
                {"title": d.article.title, "source": d.article.source, "label": labels[i], "sentences": [s.text for s in d.sentences]}
                for i, d in enumerate(documents)
            ]
    return summary


def default_scorer() -> Scorer:
    """The learned salience model shipped in tomtat/data (CentralityScorer is the unsupervised fallback)."""
    from tomtat.score.learned import LearnedScorer

    return LearnedScorer()
