"""Output formats. Every format renders the same `Summary`; none computes anything."""

from __future__ import annotations

import json

from tomtat.model import Summary

FORMATS = ("text", "json", "markdown")


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


def render(summary: Summary, fmt: str = "text") -> str:
    if fmt == "text":
        return to_text(summary)
    if fmt == "json":
        return to_json(summary)
    if fmt == "markdown":
        return to_markdown(summary)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
