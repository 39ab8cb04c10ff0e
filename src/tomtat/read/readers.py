"""Which reader turns a file into articles: one registry, keyed by file suffix.

A reader gets a file's decoded text and its path. It returns either one
`Article`, which joins the other loose articles named on the same command line
in one cluster (.txt, .html), or the list of clusters (or per-record errors)
the file brings on its own (.json, .jsonl). Adding an input format is its
module plus one `register` line below; `read_paths` and folder expansion
follow the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tomtat.errors import TomtatError
from tomtat.model import Article, Cluster
from tomtat.read.html import article_from_html
from tomtat.read.records import parse_json_text
from tomtat.read.text import article_from_text

Item = Cluster | TomtatError
Reader = Callable[[str, Path], Article | list[Item]]

READERS: dict[str, Reader] = {}


def register(reader: Reader, *suffixes: str) -> Reader:
    """Read files ending in `suffixes` (lower case, with the dot; "" for no suffix) with `reader`."""
    for suffix in suffixes:
        READERS[suffix.lower()] = reader
    return reader


def reader_for(path: Path) -> Reader:
    """The reader for a file named directly; an unknown suffix ("notes.md") is read as text."""
    return READERS.get(path.suffix.lower(), _read_text)


def _read_text(text: str, path: Path) -> Article:
    return article_from_text(text, path.stem)


def _read_html(text: str, path: Path) -> Article:
    return article_from_html(text, path.stem)


def _read_json(text: str, path: Path) -> list[Item]:
    return parse_json_text(text, str(path))


register(_read_text, ".txt", ".text", "")
register(_read_html, ".html", ".htm")
register(_read_json, ".json", ".jsonl", ".ndjson")
