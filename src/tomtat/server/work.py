"""The CPU work a request does, as plain picklable functions.

They run in a worker thread or process, never on the event loop, and return
plain data (dicts and strings) so a process pool can send them back.
"""

from __future__ import annotations

from typing import Any

from tomtat.model import Article
from tomtat.pipeline import summarize as run_summarize
from tomtat.render import render


def summarize_payload(payload: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Summarize one request: (the Summary as a dict, the rendered text for formats other than json, else None).

    `payload` holds "articles" (dicts), "id", "format" and "options" (a `SummaryOptions`).
    """
    summary = run_summarize(payload["articles"], payload["options"], cluster_id=payload.get("id"))
    fmt = payload.get("format") or "json"
    rendered = None if fmt == "json" else render(summary, fmt)
    return summary.to_dict(), rendered


def extract_html(html: str, name: str) -> dict[str, Any]:
    """Main text and metadata of an HTML page (for files dropped on the web page)."""
    from tomtat.read.html import article_from_html

    article: Article = article_from_html(html, name)
    return {
        "title": article.title, "text": article.text, "source": article.source,
        "url": article.url, "date": article.date,
    }
