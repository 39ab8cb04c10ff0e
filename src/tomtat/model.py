"""The one data model every pipeline stage reads and writes.

Stages pass these objects along: read -> clean -> split -> represent -> score
-> select -> order -> assemble; the shells render the `Summary`. Keeping them
plain dataclasses (no behaviour beyond small derived properties) lets the CLI,
HTTP server and batch runner share the same result without conversion code of
their own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """One news article as it came in: title plus body, noise included."""

    title: str
    text: str
    source: str | None = None  # outlet name or file name, shown as "also reported by"
    url: str | None = None
    date: str | None = None  # ISO 8601 when known; used for ordering
    id: str | None = None

    @property
    def label(self) -> str:
        """A short human name for the article: its source, else its title."""
        return self.source or self.id or self.title[:60]


@dataclass
class Cluster:
    """Articles on one story; the unit the summarizer works on."""

    articles: list[Article]
    id: str | None = None
    references: list[str] = field(default_factory=list)  # human summaries, when a dataset has them
    category: str | None = None


@dataclass
class Sentence:
    """A sentence of a cleaned article, with the token views later stages need."""

    text: str  # normalized display text (NFC, one tone-mark convention)
    doc: int  # index of its Document (= of its Article in Cluster.articles)
    position: int  # index of the sentence within its article's body
    paragraph: int  # index of the paragraph the sentence came from
    syllables: list[str] = field(default_factory=list)  # lowercase syllables, punctuation dropped
    words: list[str] = field(default_factory=list)  # lowercase word units ("tổng_thống")

    @property
    def length(self) -> int:
        """Length in syllables: the unit of every length budget in tomtat."""
        return len(self.syllables)


@dataclass
class Document:
    """An article after cleaning and splitting."""

    article: Article
    title_syllables: list[str]
    title_words: list[str]
    sentences: list[Sentence]
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, why) dropped by the cleaner


@dataclass
class SummarySentence:
    text: str
    article: int  # index of the article the sentence was taken from
    position: int  # sentence index inside that article
    source: str  # label of that article
    also_reported_by: list[int] = field(default_factory=list)  # other articles saying the same
    also_reported_by_sources: list[str] = field(default_factory=list)
    score: float = 0.0


@dataclass
class Summary:
    """The result of summarizing one cluster: what every output format renders."""

    summary: str
    sentences: list[SummarySentence]
    cluster_id: str | None = None
    syllables: int = 0
    articles: list[dict[str, Any]] = field(default_factory=list)  # title/source/url of each input article
    warnings: list[str] = field(default_factory=list)
    # each article's cleaned sentences and what the cleaner removed (title, source, label, sentences,
    # removed: [{text, reason}]), only when asked for:
    # SummarySentence.article/.position index into it, which lets a page highlight the origin
    sources: list[dict[str, Any]] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.sources is None:
            del data["sources"]
        return data
