"""The library API: `summarize` runs read-in articles through every stage.

    analyze (validate -> clean -> split -> represent) -> score -> select -> order -> assemble

The CLI, HTTP server, batch runner and benchmarks all call `summarize`; none
of them re-implements a stage. `analyze` is the shared first half: evaluation
and training start from its `Analysis` too (baselines, features and oracle
labels all read the same cleaned sentences and vectors as the summarizer).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from tomtat.assemble import assemble_summary
from tomtat.clean import clean_article, drop_offtopic_tails
from tomtat.errors import NoInputError, NotVietnameseError, TooLargeError
from tomtat.model import Article, Cluster, Document, Sentence, Summary
from tomtat.options import SummaryOptions
from tomtat.dates import parse_date_field
from tomtat.order.story import tell_story
from tomtat.order.timeline import build_timeline, headline
from tomtat.represent import Representation, represent
from tomtat.score import Scorer, make_scorer
from tomtat.select import select
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
            texts = [(k, text) for k, paragraph in enumerate(clean.paragraphs) for text in split_paragraph(paragraph)]
            sentences = [
                Sentence(text=text, doc=index, position=pos, paragraph=k, syllables=syllables(text, normalized=True))
                for pos, (k, text) in enumerate(texts)
            ]
            documents.append(Document(
                article, syllables(clean.title, normalized=True), [], sentences, clean.removed,
                published=parse_date_field(article.date) or clean.published, label=article.label,
            ))
    if segment:
        with timer.stage("segment"):
            for doc, clean in zip(documents, cleaned):
                doc.title_words = segment_words(clean.title) if clean.title else []
                for s in doc.sentences:
                    s.words = segment_words(s.text)
    return documents


@dataclass
class Analysis:
    """A cluster read, cleaned, split and represented: what every summarizer starts from."""

    cluster: Cluster  # as validated: the caller's articles, very long ones cut
    documents: list[Document]
    rep: Representation
    warnings: list[str]


def analyze(
    articles: Cluster | Iterable[Article | Mapping[str, Any]],
    cluster_id: str | None = None,
    *,
    segment: bool = False,
    timer: StageTimer | None = None,
) -> Analysis:
    """Validate, clean, split and represent a cluster.

    Raises the input errors that make a summary impossible, including a
    cluster with no sentence left after cleaning.
    """
    timer = timer or StageTimer()
    cluster, warnings = validate(as_cluster(articles, cluster_id))
    documents = prepare(cluster, timer, segment)
    if not any(d.sentences for d in documents):
        raise NoInputError("nothing left to summarize after removing web noise")
    with timer.stage("represent"):
        rep = represent(documents)
    return Analysis(cluster, documents, rep, warnings)


def summarize_analysis(analysis: Analysis, options: SummaryOptions | None = None, timer: StageTimer | None = None) -> Summary:
    """Score, select, order and assemble: the second half of `summarize`, on an analyzed cluster.

    Lets evaluation and cross-validation summarize one analysis under several
    budgets or scorers without cleaning the cluster again.
    """
    options = options or SummaryOptions()
    timer = timer or StageTimer()
    rep = analysis.rep
    with timer.stage("score"):
        scores = make_scorer(options.scorer).score(rep)
    selector_warnings: list[str] = []

    def choose(excluded):
        chosen = select(rep, scores, options.budget, options.method, exclude=excluded)
        selector_warnings[:] = chosen.warnings  # those of the selection the story keeps (the last one)
        return chosen

    with timer.stage("select"):
        story = tell_story(rep, analysis.documents, scores.sentence_weights, choose, options.budget)
    with timer.stage("order"):
        labels = [d.label for d in analysis.documents]
        timeline = build_timeline(rep, story.dates, scores.sentence_weights, labels, story.year, options.events)
        title = headline(rep, analysis.documents)
    with timer.stage("assemble"):
        summary = assemble_summary(analysis, scores, story.ordered, options.include_sources, story.edits, story.dates)
    summary.timeline, summary.headline = timeline, title
    summary.warnings.extend(selector_warnings)  # e.g. ilp fell back to greedy
    return summary


def summarize(
    articles: Cluster | Iterable[Article | Mapping[str, Any]],
    options: SummaryOptions | None = None,
    *,
    words: int | None = None,
    sentences: int | None = None,
    method: str | None = None,
    scorer: str | Scorer | None = None,
    segment: bool | None = None,
    include_sources: bool | None = None,
    events: int | None = None,
    cluster_id: str | None = None,
    timer: StageTimer | None = None,
) -> Summary:
    """Summarize one cluster of Vietnamese news articles.

    `options` says how (see `SummaryOptions`); the keywords are sugar that
    replace its fields. The length budget follows one rule, the same as the
    CLI's `--words/--sentences` and the HTTP body's `words/sentences`
    (`Budget.from_request`):

    - `words` (syllables) only, or both: the summary keeps to each given limit;
    - `sentences` only: at most that many sentences, of any length;
    - neither: the budget of `options`, by default 200 syllables.

    `method` names a selector (`SELECTORS`: greedy, ilp), `scorer` a scorer
    (`SCORERS`: learned, centrality) or is a scorer object. `segment` adds
    underthesea word units to the sentence vectors; `include_sources` adds
    every article's cleaned sentences and removed lines to the result;
    `events` caps the timeline.

    Raises a `TomtatError` subclass for input (or options) that cannot be summarized.
    """
    options = (options or SummaryOptions()).updated(
        syllables=words, sentences=sentences, method=method, scorer=scorer, segment=segment,
        include_sources=include_sources, events=events,
    )
    timer = timer or StageTimer()
    analysis = analyze(articles, cluster_id, segment=options.segment, timer=timer)
    return summarize_analysis(analysis, options, timer)


def default_scorer() -> Scorer:
    """The learned salience model shipped in tomtat/data (CentralityScorer is the unsupervised fallback)."""
    return make_scorer(None)
