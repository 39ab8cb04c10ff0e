"""The library API: `summarize` runs read-in articles through every stage.

    analyze (validate -> clean -> split -> represent) -> score -> select -> order -> assemble

The CLI, HTTP server, batch runner and benchmarks all call `summarize`; none
of them re-implements a stage. `analyze` is the shared first half: evaluation
and training start from its `Analysis` too (baselines, features and oracle
labels all read the same cleaned sentences and vectors as the summarizer).
"""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from tomtat.assemble import assemble_summary
from tomtat.clean import clean_article_terms, drop_offtopic_tails
from tomtat.errors import InvalidArgumentError, NoInputError, NotVietnameseError, TooLargeError
from tomtat.model import Article, Cluster, Document, Drop, DropReason, Sentence, Summary
from tomtat.options import SummaryOptions
from tomtat.dates import parse_date_field
from tomtat.order.story import tell_story
from tomtat.order.timeline import build_timeline, headline
from tomtat.represent import Representation, represent
from tomtat.score import Scorer, make_scorer
from tomtat.select import select
from tomtat.select.trim import shown
from tomtat.split import segment_words, split_paragraph
from tomtat.text.language import looks_vietnamese, marked_at_least, ratio_at_least
from tomtat.text.normalize import normalize, normalize_words
from tomtat.limits import MAX_ARTICLE_CHARS, MAX_ARTICLES  # noqa: F401  (re-exported: tomtat.pipeline.MAX_ARTICLES)
from tomtat.text.tokens import syllables


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


@contextmanager
def collector_paused():
    """Python's cycle collector off for one summary, back on after it (unless the caller had it off).

    The pipeline builds no reference cycles it relies on the collector for:
    its objects die by reference counting. But it allocates several container
    objects per sentence, and each time the young generations overflow the
    collector walks them, and its full collections walk the whole growing
    heap. On 200 articles of 100,000 characters (137,000 sentences) that is
    about a second of pure overhead: 11.07 s of CPU with the collector, 10.22 s
    without it (`bench/scale.py`'s cluster, same minute); a ViMs-sized cluster
    shows no difference. Any cycle made meanwhile is collected once the
    collector is back on. Only the call that found it on turns it back on;
    with two summaries in threads at once, the first to finish turns it on
    while the other still runs, which only costs that one the saving.
    """
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _kind(value: Any) -> str:
    return "None" if value is None else f"a {type(value).__name__}"


_ARTICLE_FIELDS = ("title", "text", "source", "url", "date", "id")


def as_cluster(articles: Cluster | Iterable[Article | Mapping[str, Any]], cluster_id: str | None = None) -> Cluster:
    """A `Cluster` from what a caller passed: a Cluster, or a list of `Article`s or dicts.

    Anything else (None, one string, one dict, a list of strings) is an
    `InvalidArgumentError` saying what to pass instead.
    """
    if isinstance(articles, Cluster):
        return articles
    if articles is None or isinstance(articles, (str, bytes, Mapping)) or not isinstance(articles, Iterable):
        raise InvalidArgumentError(
            f"summarize() takes a list of Article objects or of dicts with 'title' and 'text' (or a Cluster), "
            f"not {_kind(articles)}")
    items = []
    for k, a in enumerate(articles):
        if isinstance(a, Article):
            items.append(a)
        elif isinstance(a, Mapping):
            values = {f: a.get(f) for f in _ARTICLE_FIELDS}
            values["title"] = "" if values["title"] is None else values["title"]
            values["text"] = "" if values["text"] is None else values["text"]
            items.append(Article(**values))
        else:
            raise InvalidArgumentError(
                f"article {k} is {_kind(a)}; give an Article or a dict with 'title' and 'text' "
                "(a bare string has no title: Article(title='', text=...))")
    return Cluster(articles=items, id=cluster_id)


def _check_types(articles: list[Article]) -> None:
    """Every field a string (title and text required; the rest may be None; an id may be a number)."""
    for k, a in enumerate(articles):
        if not isinstance(a, Article):
            raise InvalidArgumentError(f"article {k} is {_kind(a)}, not an Article")
        for name in _ARTICLE_FIELDS:
            value = getattr(a, name)
            if isinstance(value, str) or (value is None and name not in ("title", "text")):
                continue
            if name == "id" and isinstance(value, int) and not isinstance(value, bool):
                continue
            need = "a string" if name in ("title", "text") else "a string or None"
            raise InvalidArgumentError(f"article {k}: {name} must be {need}, not {_kind(value)}")


# the largest cluster (characters of text) whose paragraph syllables the cleaner hands to the split stage
# (`prepare`): a news cluster is 10,000 to 100,000
SEED_MAX_CHARS = 1_000_000
# how much of each article the language check reads (the start says enough, and stays fast)
LANGUAGE_SAMPLE_CHARS = 5000
# a sentence with at least this many words and (almost) no Vietnamese-only letter is in another
# language: in Vietnamese news over half of all syllables carry one (`vietnamese_ratio`)
FOREIGN_SENTENCE_MIN_WORDS = 8
FOREIGN_SENTENCE_MAX_RATIO = 0.1


def _language_sample(a: Article) -> str:
    return normalize(f"{a.title}\n{(a.text or '')[:LANGUAGE_SAMPLE_CHARS]}")


def _language_sample_of(
    a: Article, normal: dict[int, tuple[str, str]], i: int, words: dict[int, list[str]] | None = None,
) -> str:
    """`_language_sample(a)`; where it holds the whole text, from `normalize` of the title and the text,
    which are kept in `normal[i]` for the duplicate check and the cleaner (and the sample's words,
    `split()`, in `words[i]`).

    The sample is then the two normalized halves joined by the line break:
    nothing `normalize` does reaches across a line break (tests/test_pipeline.py
    checks the property), except a carriage return in the title, which could
    pair with that break. Saves normalizing news-sized articles twice; a longer
    one is sampled as before and normalized whole only if it is kept. The words
    are those `normalize_words` split off each half (the line break between is
    whitespace too), so the text is not split again.
    """
    if len(a.text) <= LANGUAGE_SAMPLE_CHARS and "\r" not in a.title:
        (title, title_words), (text, text_words) = normalize_words(a.title), normalize_words(a.text)
        normal[i] = title, text
        if words is not None:
            words[i] = title_words + text_words if title_words else text_words
        return f"{title}\n{text}"
    return _language_sample(a)


def _content_key(title: str, text: str) -> str:
    """The duplicate check's key of an article's normalized title and text (the same words once spaces are joined)."""
    return " ".join(f"{title}\n{text}".split())


_END_WORDS = 3


def _ends(words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The first and last words of a key's words: equal keys have equal ends."""
    return tuple(words[:_END_WORDS]), tuple(words[-_END_WORDS:])


def _ends_of(title: str, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`_ends(f"{title}\n{text}".split())` without splitting the words between."""
    whole = f"{title}\n{text}"
    return tuple(whole.split(None, _END_WORDS)[:_END_WORDS]), tuple(whole.rsplit(None, _END_WORDS)[-_END_WORDS:])


def validate(cluster: Cluster) -> tuple[Cluster, list[str], set[int]]:
    """The cluster as tomtat will read it (very long articles cut), its warnings, and the articles left out.

    Raises the input errors that make a summary impossible. Empty articles stay
    in place (they simply contribute no sentence), so `article` indices in the
    result are indices into the caller's list. The same holds for articles left
    out, each with a warning naming it: an exact duplicate of an earlier one
    (the same text twice would credit itself as "also reported by"), and an
    article that is not Vietnamese in a cluster that is. The caller's cluster
    and articles are left untouched. Text is compared after `normalize`, so
    decomposed (NFD) Vietnamese passes the language check.
    """
    cluster, warnings, skipped, _ = _validate(cluster)
    return cluster, warnings, skipped


def _validate(cluster: Cluster) -> tuple[Cluster, list[str], set[int], dict[int, tuple[str, str]]]:
    """`validate`, and the normalized (title, text) of every article it kept, for the cleaner.

    Each kept article is normalized once here, for the duplicate check, and
    cleaned from that text: normalizing it again in the cleaner found it in
    `normalize`'s memory only while at most 32 texts had come between (on 200
    articles of 100,000 characters, every text was normalized twice).
    """
    warnings: list[str] = []
    articles = list(cluster.articles)
    _check_types(articles)
    filled = [i for i, a in enumerate(articles) if a.title.strip() or a.text.strip()]
    if not filled:
        raise NoInputError("no article with any text to summarize")
    if len(articles) > MAX_ARTICLES:
        raise TooLargeError(f"{len(articles)} articles in one cluster; at most {MAX_ARTICLES} are accepted")
    for i, a in enumerate(articles):
        if len(a.text) > MAX_ARTICLE_CHARS:
            articles[i] = replace(a, text=a.text[:MAX_ARTICLE_CHARS])
            warnings.append(f"article '{a.label}' is longer than {MAX_ARTICLE_CHARS} characters; only its start was read")
    # a news-sized article normalized once: its language sample is read off that (`_language_sample_of`)
    normal: dict[int, tuple[str, str]] = {}
    # the words of a sample that holds the whole article, split once for the language and duplicate checks
    words: dict[int, list[str]] = {}
    samples = {i: _language_sample_of(articles[i], normal, i, words) for i in filled}
    vietnamese = [i for i in filled if looks_vietnamese(samples[i], tokens=words.get(i))]
    if not vietnamese and not looks_vietnamese("\n".join(samples[i] for i in filled)):
        raise NotVietnameseError("the articles do not look like Vietnamese text; tomtat summarizes Vietnamese news only")
    skipped: set[int] = set()
    if vietnamese:  # (else only the whole is Vietnamese enough: keep every article)
        for i in filled:
            if i not in vietnamese:
                skipped.add(i)
                warnings.append(f"article '{articles[i].label}' is not Vietnamese; it was left out of the summary")
    normalized: dict[int, tuple[str, str]] = {}
    keys: dict[int, str] = {}

    def key_of(j: int) -> str:
        # (the sample of a whole article is its title and text joined by a line break: the key's words)
        if j not in keys:
            keys[j] = " ".join(words[j]) if j in words else _content_key(*normalized[j])
        return keys[j]

    # Only articles that open and close on the same words can be duplicates: the full key (every word of the
    # article joined again) is built only for them. On 200 articles of 100,000 characters it was 3% of the time.
    first_of: dict[str, int] = {}
    same_ends: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
    for i in filled:
        if i in skipped:
            continue
        normalized[i] = normal[i] if i in normal else (normalize(articles[i].title), normalize(articles[i].text))
        earlier = same_ends.setdefault(_ends(words[i]) if i in words else _ends_of(*normalized[i]), [])
        if earlier:
            for j in earlier:
                first_of.setdefault(key_of(j), j)
            key = key_of(i)
            if key in first_of:
                skipped.add(i)
                warnings.append(f"article '{articles[i].label}' is an exact duplicate of article "
                                f"'{articles[first_of[key]].label}'; it was left out")
                continue
        earlier.append(i)
    if len(filled) - len(skipped) == 1:
        warnings.append("only one article: the summary cannot check facts across outlets")
    return replace(cluster, articles=articles), warnings, skipped, normalized


# white space other than a plain space
_OTHER_SPACE = re.compile(r"[^\S ]")


def is_foreign_sentence(text: str) -> bool:
    """A sentence in another language (an English quote in a Vietnamese article).

    A text whose only white space is plain spaces (a split sentence of
    normalized text) has at most `text.count(" ") + 1` words: fewer than
    FOREIGN_SENTENCE_MIN_WORDS, or as many marked words as that many words
    would need, answers without splitting it (on 60 ViMs clusters' 5,384
    sentences 17.1 ms instead of 18.8). A printable text is one: every white
    space character but the plain space is unprintable (tests/test_text.py
    checks every code point), and `str.isprintable` answers in C what the
    `_OTHER_SPACE` search answered (0.12 -> 0.03 ms per ViMs cluster).
    """
    if text.isprintable() or _OTHER_SPACE.search(text) is None:
        most = text.count(" ") + 1
        if most < FOREIGN_SENTENCE_MIN_WORDS or marked_at_least(text, FOREIGN_SENTENCE_MAX_RATIO, most):
            return False
    tokens = text.split()
    return (len(tokens) >= FOREIGN_SENTENCE_MIN_WORDS
            and not ratio_at_least(text, FOREIGN_SENTENCE_MAX_RATIO, tokens))


def prepare(
    cluster: Cluster, timer: StageTimer | None = None, segment: bool = False, skip: Iterable[int] = (),
    normalized: Mapping[int, tuple[str, str]] | None = None,
) -> list[Document]:
    """Clean and split every article: the stages before representation.

    Each cleaned paragraph is split on its own (a sentence never spans two),
    and each title is normalized once, by the cleaner. Articles in `skip`
    (left out by `validate`) keep their place with no title and no sentence;
    sentences in another language are cut (`DropReason.NOT_VIETNAMESE`).
    `normalized` holds the (title, text) of articles already normalized
    (`_validate`'s), by index.
    """
    timer = timer or StageTimer()
    skip = set(skip)
    normalized = normalized or {}
    # the syllables of each distinct sentence, seeded by the cleaner with those of every one-line paragraph
    # (most news paragraphs are one sentence): only in clusters up to `SEED_MAX_CHARS`, as they are then held
    # through the off-topic detector, whose peak memory on very large clusters it would raise
    tokens: dict[str, list[str]] = {}
    seed = tokens if sum(len(a.text) for a in cluster.articles) <= SEED_MAX_CHARS else None
    with timer.stage("clean"):
        # each article cleaned with its terms for the off-topic detector (handed over: it empties the list)
        both = [
            clean_article_terms("", "") if i in skip
            else clean_article_terms(normalized[i][1], normalized[i][0], normalized=True, line_tokens=seed)
            if i in normalized
            else clean_article_terms(a.text, a.title, line_tokens=seed)
            for i, a in enumerate(cluster.articles)
        ]
        articles, terms = [c for c, _ in both], [t for _, t in both]
        del both
        cleaned = drop_offtopic_tails(articles, terms=terms)
        del articles
    with timer.stage("split"):
        documents = []
        # a sentence repeated word for word (the wire copy in several articles) is tokenized and checked once;
        # its first Sentence takes the token list itself, each later one a copy (`given`: the texts handed
        # out), so no two sentences share a list (a copy for every sentence was 4 million more references
        # to hold and for the garbage collector to walk on 200 articles of 100,000 characters)
        foreign: dict[str, bool] = {}
        given: set[str] = set()
        for index, (article, clean) in enumerate(zip(cluster.articles, cleaned)):
            sentences, removed = [], list(clean.removed)
            for k, paragraph in enumerate(clean.paragraphs):
                for text in split_paragraph(paragraph):
                    is_foreign = foreign.get(text)
                    if is_foreign is None:
                        is_foreign = foreign[text] = is_foreign_sentence(text)
                    if is_foreign:
                        removed.append(Drop(text, DropReason.NOT_VIETNAMESE))
                        continue
                    if text in given:
                        words = list(tokens[text])
                    else:
                        given.add(text)
                        words = tokens.get(text)
                        if words is None:
                            words = tokens[text] = syllables(text, normalized=True)
                    sentences.append(Sentence(text=text, doc=index, position=len(sentences), paragraph=k, syllables=words))
            documents.append(Document(
                article, syllables(clean.title, normalized=True), [], sentences, removed,
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
    cluster, warnings, skipped, normalized = _validate(as_cluster(articles, cluster_id))
    documents = prepare(cluster, timer, segment, skipped, normalized)
    del normalized  # (texts the documents do not hold: 40 MB on 200 articles of 100,000 characters)
    if not any(d.sentences for d in documents):
        raise NoInputError("nothing left to summarize after removing web noise")
    for doc in documents:
        foreign = [d.text for d in doc.removed if d.reason is DropReason.NOT_VIETNAMESE]
        if foreign:
            first = foreign[0] if len(foreign[0]) <= 80 else foreign[0][:77] + "..."
            warnings.append(f"{len(foreign)} sentence(s) of article '{doc.article.label}' are not Vietnamese "
                            f"and were left out: '{first}'")
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
        # the sentences as the summary shows them (a leading filler trimmed), which the selector counted
        trims = shown(rep, scores)
        story = tell_story(rep, analysis.documents, scores.sentence_weights, choose, options.budget, trims)
    warnings = []
    if not story.ordered and rep.sentences and options.budget.syllables is not None:
        shortest = min(s.length for s in rep.sentences)
        warnings.append(f"no sentence fits in {options.budget.syllables} syllables (the shortest has {shortest}); "
                        "the summary is empty: ask for more words")
    with timer.stage("order"):
        labels = [d.label for d in analysis.documents]
        timeline = build_timeline(rep, story.dates, scores.sentence_weights, labels, story.year, options.events)
        title = headline(rep, analysis.documents)
    with timer.stage("assemble"):
        summary = assemble_summary(analysis, scores, story.ordered, options.include_sources, story.edits, story.dates)
    summary.timeline, summary.headline = timeline, title
    summary.warnings.extend(selector_warnings)  # e.g. ilp fell back to greedy
    summary.warnings.extend(warnings)
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

    Raises a `TomtatError` subclass for input (or options) that cannot be
    summarized: a wrong kind of argument (None, a bare string or dict, a
    non-string title, `words="100"`) is an `InvalidArgumentError`, a value out
    of range an `InvalidOptionError` (both exit code 2 / HTTP 422). A budget
    too small for any sentence gives an empty summary with a warning saying so.
    """
    options = (options or SummaryOptions()).updated(
        syllables=words, sentences=sentences, method=method, scorer=scorer, segment=segment,
        include_sources=include_sources, events=events,
    )
    timer = timer or StageTimer()
    with collector_paused():
        analysis = analyze(articles, cluster_id, segment=options.segment, timer=timer)
        return summarize_analysis(analysis, options, timer)


def default_scorer() -> Scorer:
    """The learned salience model shipped in tomtat/data (CentralityScorer is the unsupervised fallback)."""
    return make_scorer(None)
