"""JSON records (ours and the VLSP 2022 AbMuSu schema) to `Cluster`s."""

from __future__ import annotations

import json
from typing import Any

from tomtat.errors import MalformedInputError, TomtatError
from tomtat.model import Article, Cluster


def _optional_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


# the lead goes in front of the body unless the body already opens with it, compared on this many
# first characters so that an edit late in a repeated lead does not put it in twice (on the AbMuSu
# training set 1 of 618 bodies opens with its lead; 40 and 50 characters decide the same for all)
LEAD_PREFIX_CHARS = 40


def article_from_record(doc: Any, where: str, index: int) -> Article:
    """One article of a JSON record: ours (title, text) or VLSP 2022 AbMuSu (title, anchor_text, raw_text).

    The one parser for both, used by the read stage and by the AbMuSu benchmark
    reader. AbMuSu's anchor text (the lead the outlet shows under the title)
    becomes the body's first paragraph. A bare string is an untitled article.
    """
    if isinstance(doc, str):
        return Article(title="", text=doc, id=str(index))
    if not isinstance(doc, dict):
        raise MalformedInputError(f"{where}: article {index} is not an object")
    title = doc.get("title") or ""
    body = doc.get("text") or doc.get("raw_text") or doc.get("body") or ""
    lead = doc.get("anchor_text") or ""
    if not all(isinstance(x, str) for x in (title, body, lead)):
        raise MalformedInputError(f"{where}: article {index} has non-text fields")
    lead = lead.strip()
    if lead and not body.lstrip().startswith(lead[:LEAD_PREFIX_CHARS]):
        body = f"{lead}\n{body}"
    return Article(
        title=title,
        text=body,
        source=_optional_text(doc.get("source")),
        url=_optional_text(doc.get("url")),
        date=_optional_text(doc.get("date")),
        id=str(doc.get("id", index)),
    )


def cluster_from_record(record: Any, where: str = "input") -> Cluster:
    """A cluster from one decoded JSON value: an object with articles, or a bare list."""
    if isinstance(record, list):
        record = {"articles": record}
    if not isinstance(record, dict):
        raise MalformedInputError(f"{where}: expected a JSON object with 'articles' or 'single_documents'")
    docs = record.get("articles", record.get("single_documents"))
    if not isinstance(docs, list):
        raise MalformedInputError(f"{where}: missing the 'articles' (or 'single_documents') list")
    references = record.get("summary") or record.get("references") or []
    if isinstance(references, str):
        references = [references]
    cluster_id = record.get("id", record.get("cluster_id"))
    return Cluster(
        articles=[article_from_record(doc, where, i) for i, doc in enumerate(docs)],
        id=None if cluster_id is None else str(cluster_id),
        references=[r for r in references if isinstance(r, str)],
        category=record.get("category"),
    )


def _is_cluster_record(value: Any) -> bool:
    return isinstance(value, dict) and ("articles" in value or "single_documents" in value)


def parse_json_line(line: str, where: str) -> Cluster:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})") from None
    return cluster_from_record(record, where)


def parse_json_text(text: str, name: str) -> list[Cluster | TomtatError]:
    """A .json file (one value) or a .jsonl file (one cluster per non-empty line).

    A bad line of a JSONL file becomes an error in its place, so the good lines
    around it are still summarized.
    """
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except json.JSONDecodeError:
        pass
    else:
        if isinstance(value, list) and value and all(_is_cluster_record(v) for v in value):
            # a JSON array of cluster records: one cluster each, a bad one reported in its place
            items: list[Cluster | TomtatError] = []
            for n, record in enumerate(value):
                try:
                    items.append(cluster_from_record(record, f"{name}[{n}]"))
                except TomtatError as exc:
                    items.append(exc)
            return items
        return [cluster_from_record(value, name)]
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if len(lines) <= 1:
        return [parse_json_line(stripped, name)]
    items: list[Cluster | TomtatError] = []
    for n, line in lines:
        try:
            items.append(parse_json_line(line, f"{name}:{n}"))
        except TomtatError as exc:
            items.append(exc)
    return items
