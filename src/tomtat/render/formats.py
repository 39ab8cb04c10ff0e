"""Output formats. Every format renders the same `Summary`; none computes anything.

`FORMATS` maps a format's name (`--format`, `"format"` in the HTTP body) to its
renderer and media type; the CLI, the HTTP schema's allowed values and the
server's responses all read this table, so a new format is a renderer plus
one registration.
"""

from __future__ import annotations

import json
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


def to_markdown(summary: Summary) -> str:
    heading = f"## Tóm tắt {summary.cluster_id}" if summary.cluster_id else "## Tóm tắt"
    lines = [heading, ""]
    for s in summary.sentences:
        sources = [s.source, *s.also_reported_by_sources]
        lines.append(f"- {s.text} *({'; '.join(sources)})*")
    lines += ["", "**Nguồn / Sources**", ""]
    for i, a in enumerate(summary.articles, 1):
        title = a.get("title") or a.get("source") or a.get("id") or f"#{i}"
        link = f" <{a['url']}>" if a.get("url") else ""
        lines.append(f"{i}. {title} — {a.get('source') or ''}{link}".rstrip(" —"))
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
