"""The CPU work a request does, as plain picklable functions.

They run in a worker thread or process, never on the event loop, and return
plain data (dicts and strings) so a process pool can send them back.
"""

from __future__ import annotations

from typing import Any

from tomtat.model import Article
from tomtat.pipeline import as_cluster, prepare
from tomtat.pipeline import summarize as run_summarize
from tomtat.render import render


def summarize_payload(payload: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Summarize one request: (the Summary as a dict, the rendered text for text/markdown or None).

    With `include_sources`, the dict also holds `sources`: each input article's
    cleaned sentences, so a client can show where every summary sentence came
    from (`sentences[i].article` / `.position` index into it).
    """
    cluster = as_cluster(payload["articles"], payload.get("id"))
    summary = run_summarize(cluster, words=payload.get("words"), sentences=payload.get("sentences"))
    result = summary.to_dict()
    if payload.get("include_sources"):
        result["sources"] = _sources(cluster, result)
    fmt = payload.get("format") or "json"
    rendered = None if fmt == "json" else render(summary, fmt)
    return result, rendered


def _sources(cluster, result: dict[str, Any]) -> list[dict[str, Any]] | None:
    # `summarize` validated the cluster in place (dropped empty articles,
    # truncated over-long ones), so preparing it again yields the very
    # sentences the summary's article/position indices refer to.
    documents = prepare(cluster, segment=False)
    if len(documents) != len(result["articles"]):
        return None
    for s in result["sentences"]:
        doc = documents[s["article"]]
        if s["position"] >= len(doc.sentences) or doc.sentences[s["position"]].text != s["text"]:
            return None  # the indices do not line up: better no highlight than a wrong one
    return [
        {
            "title": doc.article.title,
            "source": doc.article.source,
            "label": doc.article.label,
            "sentences": [s.text for s in doc.sentences],
        }
        for doc in documents
    ]


def extract_html(html: str, name: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page (for files dropped on the web page)."""
    from tomtat.read.html import article_from_html

    article: Article = article_from_html(html, name)
    return {
        "title": article.title, "text": article.text, "source": article.source,
        "url": article.url, "date": article.date,
    }


def warm_up() -> None:
    """Load the segmenter and models once, so the first real request is not slow."""
    from tomtat.batch.jobs import warm_up as _warm_up

    _warm_up()
