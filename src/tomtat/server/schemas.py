"""Request and response models of the HTTP API (they generate the OpenAPI schema)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tomtat.pipeline import MAX_ARTICLES


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

    articles: list[ArticleIn] = Field(..., description=f"The cluster: articles on one story (at most {MAX_ARTICLES}).")
    words: int | None = Field(None, ge=10, le=5000, description="Length budget in syllables (default 200 unless `sentences` is given).")
    sentences: int | None = Field(None, ge=1, le=200, description="At most this many sentences (instead of `words` unless both are given).")
    format: Literal["json", "text", "markdown"] = Field("json", description="json (the CLI's JSON), text or markdown.")
    id: str | None = Field(None, description="Cluster id, echoed as `cluster_id`.")
    include_sources: bool = Field(False, description="Also return every article's cleaned sentences (`sources`), for highlighting.")


class SentenceOut(BaseModel):
    text: str
    article: int
    position: int
    source: str
    also_reported_by: list[int]
    also_reported_by_sources: list[str]
    score: float


class ArticleMeta(BaseModel):
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    id: str | None = None


class SourceOut(BaseModel):
    title: str
    source: str | None
    label: str
    sentences: list[str]


class SummaryOut(BaseModel):
    """`Summary.to_dict()`: the same object `tomtat summarize --format json` prints."""

    summary: str
    sentences: list[SentenceOut]
    cluster_id: str | None
    syllables: int
    articles: list[ArticleMeta]
    warnings: list[str]
    sources: list[SourceOut] | None = Field(None, description="Only with `include_sources: true`.")


class ErrorOut(BaseModel):
    detail: str


class ExtractRequest(BaseModel):
    html: str
    name: str = "page.html"


class ExtractOut(BaseModel):
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    date: str | None = None
