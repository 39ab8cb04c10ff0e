"""Request and response models of the HTTP API (they generate the OpenAPI schema).

The response models are the real ones: `/v1/summarize` and `/v1/extract`
return plain dicts that FastAPI validates against them, and they forbid
unknown fields, so a field added to `Summary` but not here (or the reverse)
fails the tests instead of drifting silently.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tomtat.fetch import DEFAULT_POLICY
from tomtat.options import SummaryOptions
from tomtat.order.timeline import MAX_EVENTS
from tomtat.pipeline import MAX_ARTICLES
from tomtat.render import FORMATS
from tomtat.select import DEFAULT_METHOD, SELECTORS, Budget

# the allowed values come from the registries, so a new format or selector is accepted here too
FormatName = Literal[tuple(FORMATS)]  # type: ignore[valid-type]
MethodName = Literal[tuple(SELECTORS)]  # type: ignore[valid-type]


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field("", description="Headline.")
    text: str = Field("", description="Body text; paragraphs separated by newlines.")
    source: str | None = Field(None, description="Outlet name, shown as the sentence's source.")
    url: str | None = None
    date: str | None = Field(None, description="ISO 8601 publication date, when known.")
    id: str | None = None


class SummarizeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{
                "articles": [
                    {"title": "Hà Nội chạy thử metro", "text": "Tuyến metro Nhổn - ga Hà Nội sẽ chạy thử từ tháng sau.", "source": "Báo A"},
                    {"title": "Metro Nhổn - ga Hà Nội", "text": "Đoạn đi ngầm của tuyến metro sẽ khai thác trước cuối năm.", "source": "Báo B"},
                ],
                "words": 100,
            }],
        },
    )

    articles: list[ArticleIn] = Field(
        default_factory=list, description=f"The cluster: articles on one story (at most {MAX_ARTICLES}, links included).")
    urls: list[str] = Field(
        default_factory=list,
        description=(
            f"Links to news pages (http/https, at most {DEFAULT_POLICY.max_urls} by default): the server fetches each "
            "and adds its article after `articles`. A link that cannot be fetched is reported in `url_errors` and the "
            "rest are summarized. The server refuses loopback/private addresses unless started with --allow-private-urls."))
    words: int | None = Field(
        None, ge=Budget.MIN_SYLLABLES, le=Budget.MAX_SYLLABLES,
        description="Length budget in syllables (default 200 unless `sentences` is given).")
    sentences: int | None = Field(
        None, ge=Budget.MIN_SENTENCES, le=Budget.MAX_SENTENCES,
        description="At most this many sentences (instead of `words` unless both are given).")
    format: FormatName = Field("json", description=f"{', '.join(FORMATS)}; json is the CLI's JSON.")
    method: MethodName = Field(DEFAULT_METHOD, description="Sentence selection: greedy (fast) or ilp (exact, HiGHS).")
    id: str | None = Field(None, description="Cluster id, echoed as `cluster_id`.")
    include_sources: bool = Field(
        False, description="Also return every article's cleaned sentences and removed lines (`sources`), for highlighting.")
    events: int = Field(
        MAX_EVENTS, ge=0, le=SummaryOptions.MAX_EVENTS_ALLOWED,
        description="At most this many dated events in `timeline` (the CLI's --events).")

    def options(self) -> SummaryOptions:
        """The one options object this request asks for (the same rule as the CLI's)."""
        return SummaryOptions.from_request(
            self.words, self.sentences, method=self.method, include_sources=self.include_sources, events=self.events)


class Strict(BaseModel):
    """A response model: unknown fields are an error, so schema and output cannot drift apart."""

    model_config = ConfigDict(extra="forbid")


class SentenceOut(Strict):
    text: str
    article: int = Field(..., description="Index into `articles` (and `sources`).")
    position: int = Field(..., description="Index of the sentence among its article's cleaned sentences.")
    source: str
    also_reported_by: list[int]
    also_reported_by_sources: list[str]
    score: float
    date: str | None = Field(
        None, description='ISO 8601 date of the event it reports: "2021-04-13", "--04-13" (year unknown), "2021-06".')
    date_text: str | None = Field(None, description='The expression that dates it, as written: "hôm thứ Ba (13/4)".')
    edited: bool = Field(False, description="True when `text` is the article's sentence with its leading connective or filler phrase dropped.")
    original: str | None = Field(None, description="The article's sentence as written, when `edited`.")


class TimelineOut(Strict):
    date: str = Field(..., description="ISO 8601, as a sentence's `date`.")
    date_text: str
    text: str = Field(..., description="The clearest sentence stating the event.")
    sources: list[str] = Field(..., description="Labels of every article reporting it.")
    articles: list[int] = Field(..., description="Their indices into `articles`.")


class ArticleMeta(Strict):
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    id: str | None = None
    label: str | None = Field(None, description="What the summary calls it: its outlet when the input reveals it, else the file name.")


class DropOut(Strict):
    text: str = Field(..., description="A line the cleaner removed from the article.")
    reason: str = Field(..., description="Why, e.g. related-link block, caption, source line, off-topic tail.")


class SourceOut(Strict):
    title: str
    source: str | None
    label: str
    sentences: list[str]
    removed: list[DropOut]


class UrlErrorOut(Strict):
    url: str = Field(..., description="The link as sent.")
    code: str = Field(..., description="Stable error code: fetch_bad_url, fetch_blocked_address, fetch_timeout, fetch_connect, "
                                        "fetch_http_status, fetch_redirect, fetch_not_html, fetch_too_large, fetch_no_text.")
    detail: str = Field(..., description="Why, in English.")


class SummaryOut(Strict):
    """`Summary.to_dict()`: the same object `tomtat summarize --format json` prints."""

    summary: str
    sentences: list[SentenceOut]
    cluster_id: str | None
    syllables: int
    articles: list[ArticleMeta]
    warnings: list[str]
    sources: list[SourceOut] | None = Field(None, description="Only with `include_sources: true`.")
    headline: str | None = Field(None, description="The most representative article title (closest to the cluster's centroid).")
    timeline: list[TimelineOut] = Field(default_factory=list, description="Dated events of the cluster, earliest first.")
    url_errors: list[UrlErrorOut] | None = Field(
        None, description="Only when `urls` were sent: the links that could not be fetched (empty when all were).")


class ErrorOut(BaseModel):
    """Every error body: a stable `code` for programs, an English `detail` for people."""

    detail: str = Field(..., description="What went wrong, one line of English.")
    code: str = Field(..., description=(
        "Stable error code: the error class's (no_input, unreadable_input, malformed_input, not_vietnamese, "
        "too_many_articles, fetch_*), invalid_request for validation errors, body_too_large (413), busy (503), "
        "timeout (504), internal_error (500)."))
    url_errors: list[UrlErrorOut] | None = Field(None, description="The links that could not be fetched, when `urls` were sent.")


class ExtractRequest(BaseModel):
    html: str
    name: str = "page.html"


class ExtractOut(Strict):
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    date: str | None = None
