"""HTML pages to articles with trafilatura's main-text extraction."""

from __future__ import annotations

from tomtat.errors import NoInputError
from tomtat.model import Article


def article_from_html(html: str, name: str) -> Article:
    import trafilatura  # imported here: it costs ~0.5 s and only HTML input needs it

    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise NoInputError(f"{name}: no article text found in the HTML")
    return Article(
        title=document.title or "",
        text=document.text,
        source=document.sitename or document.hostname,
        url=document.url,
        date=document.date,
        id=name,
    )
