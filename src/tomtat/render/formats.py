"""Output formats. Every format renders the same `Summary`; none computes anything.

`FORMATS` maps a format's name (`--format`, `"format"` in the HTTP body) to its
renderer and media type; the CLI, the HTTP schema's allowed values and the
server's responses all read this table, so a new format is a renderer plus
one registration.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from tomtat.model import Summary
from tomtat.registry import Registry


@dataclass(frozen=True)
class Format:
    render: Callable[[Summary], str]
    media_type: str  # what the HTTP server answers with (text/* get "; charset=utf-8")


def to_text(summary: Summary) -> str:
    return summary.summary


def to_json(summary: Summary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False)


# Characters that start Markdown inline markup (emphasis, code, links, tables, strikethrough) and the
# backslash itself: escaped with a backslash wherever they occur in article text.
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
# At the start of a line item's text these open a block (heading, quote, nested list, ordered list).
_MD_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|=|(\d+)([.)]))")
# Line breaks of any kind would let article text start a block of its own.
_MD_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SAFE_URL = re.compile(r"^https?://[^\s<>\x00-\x1f\x7f]+$", re.IGNORECASE)


def md_escape(text: str) -> str:
    """Article text as literal Markdown: raw HTML cannot run (`<script>`, `<img onerror>`) and
    Markdown control characters keep their plain meaning.

    `<` and `>` become entities (a backslash would not stop every renderer's HTML), `&` only
    where it would start an entity, and markup characters get a backslash; a line break
    becomes a space, and a block marker at the start is escaped.
    """
    text = _MD_LINE_BREAKS.sub(" ", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_BLOCK_START.sub(lambda m: f"{m.group(2)}\\{m.group(3)}" if m.group(2) else f"\\{m.group(1)}", text, count=1)


def _md_link(url: str) -> str:
    """An autolink for http(s) URLs only (never `javascript:`); anything else as escaped text."""
    return f"<{url}>" if _SAFE_URL.match(url) else md_escape(url)


def to_markdown(summary: Summary) -> str:
    heading = f"## Tóm tắt {md_escape(summary.cluster_id)}" if summary.cluster_id else "## Tóm tắt"
    lines = [heading, ""]
    for s in summary.sentences:
        sources = [md_escape(x) for x in (s.source, *s.also_reported_by_sources)]
        lines.append(f"- {md_escape(s.text)} *({'; '.join(sources)})*")
    lines += ["", "**Nguồn / Sources**", ""]
    for i, a in enumerate(summary.articles, 1):
        title = md_escape(str(a.get("title") or a.get("source") or a.get("id") or f"#{i}"))
        link = f" {_md_link(str(a['url']))}" if a.get("url") else ""
        lines.append(f"{i}. {title} — {md_escape(str(a.get('source') or ''))}{link}".rstrip(" —"))
    return "\n".join(lines)


def display_date(iso: str) -> str:
    """An ISO 8601 date the Vietnamese way: "13/04/2021", "13/04" (year unknown), "06/2021", "tuần 14/2021", "2021"."""
    if "-W" in iso:
        year, week = iso.split("-W")
        return f"tuần {int(week)}/{year}"
    if iso.startswith("--"):
        parts = iso[2:].split("-")
        return "/".join(reversed(parts)) if len(parts) == 2 else f"tháng {parts[0]}"
    parts = iso.split("-")
    return "/".join(reversed(parts))


def to_timeline(summary: Summary) -> str:
    """The cluster's headline, then one line per dated event: date, what happened, who reported it."""
    lines = [summary.headline] if summary.headline else []
    for event in summary.timeline:
        lines.append(f"{display_date(event.date)} — {event.text} ({'; '.join(event.sources)})")
    if not summary.timeline:
        lines.append("(không có sự kiện nào có ngày tháng / no dated event)")
    return "\n".join(lines)


FORMATS: Registry[Format] = Registry("output format", {
    "text": Format(to_text, "text/plain"),
    "json": Format(to_json, "application/json"),
    "markdown": Format(to_markdown, "text/markdown"),
    "timeline": Format(to_timeline, "text/plain"),
})


def render(summary: Summary, fmt: str = "text") -> str:
    return FORMATS.resolve(fmt).render(summary)
