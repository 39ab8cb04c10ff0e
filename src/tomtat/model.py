"""The one data model every pipeline stage reads and writes.

Stages pass these objects along: read -> clean -> split -> represent -> score
-> select -> order -> assemble; the shells render the `Summary`. Keeping them
plain dataclasses (no behaviour beyond small derived properties) lets the CLI,
HTTP server and batch runner share the same result without conversion code of
their own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from tomtat.outlets import article_outlet


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
        """What a summary calls the article: its outlet whenever the input reveals it, the file name last.

        A `source` the caller gave (not a file-name placeholder) is their own
        name for the outlet and is shown as given; otherwise the outlet comes
        from the URL, a dateline ("VOV.VN - ..."), a credit line ("Nguồn Công
        Luận: https://...") or a title suffix (`tomtat.outlets.find_outlet`);
        else the file name (`id`), else the title's start.
        """
        found = article_outlet(self)
        if found is None:
            return self.source or self.id or self.title[:60]
        return self.source.strip() if found.evidence == "source" and self.source else found.name


@dataclass
class Cluster:
    """Articles on one story; the unit the summarizer works on."""

    articles: list[Article]
    id: str | None = None
    references: list[str] = field(default_factory=list)  # human summaries, when a dataset has them
    category: str | None = None


class DropReason(str, Enum):
    """Why the cleaner cut a line or paragraph; the value is the display text."""

    SYMBOLS_ONLY = "symbols only"
    MEDIA_PLAYER = "media player"
    DATE_STAMP = "date stamp"
    SITE_PROMPT = "site prompt"
    TAGS = "tags"
    SOURCE_URL = "source/url line"
    BYLINE = "byline"
    PHOTO_CAPTION = "photo caption"
    REPEATS_TITLE = "repeats the title"
    DUPLICATE = "duplicate line"
    RELATED_HEADER = "related-links header"
    RELATED_LINK = "related link"
    RELATED_TEASER = "related-article teaser"
    DATELINE = "dateline"
    OFFTOPIC_TAIL = "off-topic tail"
    PHOTO_CREDIT = "photo credit"  # "Ảnh: AFP" cut out of a longer line
    SOURCE_TAG = "source tag"  # "(Nguồn: Reuters)" opening or closing a line
    END_MARK = "end mark"  # the "/." of a "./." article ending
    CAPTION_LIKE = "caption-like sentence"  # "Các đại biểu tại buổi làm việc." next to a photo or opening the article
    AFTER_END = "after end of article"  # what follows "Bình luận (0)", "Nguồn X: URL", ...: another page's furniture
    NOT_VIETNAMESE = "not Vietnamese"  # a sentence in another language (cut after splitting)


@dataclass(frozen=True, slots=True)
class Drop:
    """One piece of an article the cleaner cut, and why."""

    text: str  # the line (whitespace collapsed), the dateline prefix, or the paragraph cut
    reason: DropReason


@dataclass(frozen=True)
class CleanedArticle:
    """One article after the clean stage: its story as paragraphs, and what was cut.

    `breaks` holds indices of paragraphs where, by layout, another article may
    start: after a closing byline ("Theo Reuters"), at an "OUTLET - " dateline
    lead after the first paragraph, at a headline the scraper repeated. They
    are hints for the off-topic tail detector, never cuts on their own.
    """

    title: str  # normalized and stripped
    paragraphs: list[str]  # each non-empty, stripped, one or more sentences
    breaks: frozenset[int] = frozenset()
    removed: list[Drop] = field(default_factory=list)
    # the day the page's date line states ("Thứ Ba, 13/04/2021 10:20 GMT+7"), kept though the line is cut
    published: date | None = None


@dataclass
class Sentence:
    """A sentence of a cleaned article, with the token views later stages need."""

    text: str  # normalized display text (NFC, one tone-mark convention)
    doc: int  # index of its Document (= of its Article in Cluster.articles)
    position: int  # index of the sentence within its article's body
    paragraph: int = 0  # index of its cleaned paragraph (the sapo is 0): the learned scorer's lead features
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
    removed: list[Drop] = field(default_factory=list)  # what the cleaner cut, and why
    # the reference date: the input `date` field (or page metadata), else the page's date line
    published: date | None = None
    label: str = ""  # the outlet (tomtat.outlets), else the file name, else the title's start


@dataclass
class SummarySentence:
    text: str
    article: int  # index of the article the sentence was taken from
    position: int  # sentence index inside that article
    source: str  # label of that article
    also_reported_by: list[int] = field(default_factory=list)  # other articles saying the same
    also_reported_by_sources: list[str] = field(default_factory=list)
    score: float = 0.0
    date: str | None = None  # ISO 8601 of the event it reports: "2021-04-13", "--04-13" (year unknown), "2021-06"
    date_text: str | None = None  # the expression that dates it, as written ("hôm thứ Ba (13/4)")
    edited: bool = False  # True when `text` differs from the article's sentence (a leading connective or filler dropped)
    original: str | None = None  # the article's sentence as written, when `edited`


@dataclass
class TimelineEvent:
    """One dated fact of the cluster and every article that reports it."""

    date: str  # ISO 8601, as SummarySentence.date
    date_text: str
    text: str  # the clearest sentence stating it
    sources: list[str] = field(default_factory=list)  # labels of the reporting articles
    articles: list[int] = field(default_factory=list)  # their indices


@dataclass
class Summary:
    """The result of summarizing one cluster: what every output format renders."""

    summary: str
    sentences: list[SummarySentence]
    cluster_id: str | None = None
    syllables: int = 0
    articles: list[dict[str, Any]] = field(default_factory=list)  # title/source/url/date/id/label of each input article
    warnings: list[str] = field(default_factory=list)
    # each article's cleaned sentences and what the cleaner removed (title, source, label, sentences,
    # removed: [{text, reason}]), only when asked for:
    # SummarySentence.article/.position index into it, which lets a page highlight the origin
    sources: list[dict[str, Any]] | None = None
    headline: str | None = None  # the article title closest to the cluster's centroid
    timeline: list[TimelineEvent] = field(default_factory=list)  # dated events in date order
    # links of the input that could not be fetched ({url, code, detail}), set by the HTTP shell when the
    # request sent `urls` (the CLI reports them on stderr); absent otherwise
    url_errors: list[dict[str, str]] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for optional in ("sources", "url_errors"):
            if data[optional] is None:
                del data[optional]
        return data
