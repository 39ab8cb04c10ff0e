"""JSON records (ours and the VLSP 2022 AbMuSu schema) to `Cluster`s."""

from __future__ import annotations

import json
from typing import Any

from tomtat.errors import MalformedInputError, TomtatError
from tomtat.model import Article, Cluster


def _optional_text(doc: dict, key: str, where: str, index: int) -> str | None:
    """A text field that may be missing or null; anything but a string is malformed (never its repr)."""
    value = doc.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MalformedInputError(f"{where}: article {index}: '{key}' must be a string, not {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _identifier(value: Any, what: str, where: str) -> str | None:
    """An id: a string or a number (JSON numbers are common ids); anything else is malformed."""
    if value is None:
        return None
    if isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return str(value)
    raise MalformedInputError(f"{where}: {what} must be a string or a number, not {_json_type(value)}")


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
    for key in ("title", "text", "raw_text", "body", "anchor_text"):
        _optional_text(doc, key, where, index)  # each a string or missing/null
    title = doc.get("title") or ""
    body = doc.get("text") or doc.get("raw_text") or doc.get("body") or ""
    lead = doc.get("anchor_text") or ""
    lead = lead.strip()
    if lead and not body.lstrip().startswith(lead[:LEAD_PREFIX_CHARS]):
        body = f"{lead}\n{body}"
    return Article(
        title=title,
        text=body,
        source=_optional_text(doc, "source", where, index),
        url=_optional_text(doc, "url", where, index),
        date=_optional_text(doc, "date", where, index),
        id=_identifier(doc.get("id"), f"article {index}: 'id'", where) or str(index),
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
    cluster_id = _identifier(record.get("id", record.get("cluster_id")), "the cluster 'id'", where)
    return Cluster(
        articles=[article_from_record(doc, where, i) for i, doc in enumerate(docs)],
        id=cluster_id,
        references=[r for r in references if isinstance(r, str)],
        category=record.get("category"),
    )


def _is_cluster_record(value: Any) -> bool:
    return isinstance(value, dict) and ("articles" in value or "single_documents" in value)


def _loads(text: str, where: str) -> Any:
    """json.loads with every failure a `MalformedInputError`, deep nesting (RecursionError) included."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno} column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        raise MalformedInputError(f"{where}: malformed JSON ({exc.msg} at {at})") from None
    except RecursionError:
        raise MalformedInputError(f"{where}: malformed JSON (nested too deeply)") from None


def parse_json_line(line: str, where: str) -> Cluster:
    return cluster_from_record(_loads(line, where), where)


def json_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines of a JSONL text with their 1-based numbers, split on "\n" only.

    Not `str.splitlines()`: it also splits on U+2028/U+2029, U+0085 and form
    feeds, which JSON strings may hold unescaped (ViMs exported to JSONL has
    them), and would cut such a record in two. A CR before the "\n" is dropped.
    """
    return [(n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def parse_json_text(text: str, name: str) -> list[Cluster | TomtatError]:
    """A .json file (one value) or a .jsonl file (one cluster per non-empty line).

    A bad line of a JSONL file becomes an error in its place, so the good lines
    around it are still summarized.
    """
    stripped = text.strip()
    try:
        value = json.loads(stripped)
    except RecursionError:
        if len(json_lines(text)) <= 1:
            raise MalformedInputError(f"{name}: malformed JSON (nested too deeply)") from None
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
    lines = json_lines(text)
    if len(lines) <= 1:
        return [parse_json_line(stripped, name)]
    items: list[Cluster | TomtatError] = []
    for n, line in lines:
        try:
            items.append(parse_json_line(line, f"{name}:{n}"))
        except TomtatError as exc:
            items.append(exc)
    return items
