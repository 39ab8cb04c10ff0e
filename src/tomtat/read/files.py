"""Paths and stdin to clusters.

All .txt/.html files named on one command line (directly or through folders)
form one cluster; every .json/.jsonl file brings its own cluster(s). Which
reader reads a file is up to its suffix (`tomtat.read.readers.READERS`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from tomtat.errors import NoInputError
from tomtat.model import Article, Cluster
from tomtat.read.decode import decode
from tomtat.read.readers import READERS, Item, reader_for
from tomtat.read.records import parse_json_text
from tomtat.read.text import article_from_text

_MAX_FILE_BYTES = 50 * 1024 * 1024


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(".")
                and p.suffix.lower() in READERS
            )
            if not found:
                *others, last = [s for s in READERS if s]
                raise NoInputError(f"{path}: folder holds no {', '.join(others)} or {last} files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise NoInputError(f"{path}: no such file or folder")
    return files


def _read_bytes(path: Path) -> bytes:
    if path.stat().st_size > _MAX_FILE_BYTES:
        raise NoInputError(f"{path}: larger than {_MAX_FILE_BYTES // 2**20} MB, refusing to read it")
    return path.read_bytes()


def read_text_payload(text: str, name: str) -> list[Item]:
    """Text of unknown kind (stdin): JSON if it looks like JSON, else one article."""
    if text.lstrip().startswith(("{", "[")):
        return parse_json_text(text, name)
    if not text.strip():
        raise NoInputError(f"{name}: empty input")
    return [Cluster(articles=[article_from_text(text, name)])]


def read_paths(paths: list[str | Path], extra: Sequence[Article] = ()) -> list[Item]:
    """Clusters (or per-record errors) from files and folders, in the order given.

    `extra` articles (pages the CLI fetched from links) join the one cluster
    of loose .txt/.html files, after them.
    """
    if not paths:
        raise NoInputError("no input given")
    items: list[Item] = []
    loose: list[Article] = []
    for path in _expand([Path(p) for p in paths]):
        data = _read_bytes(path)
        if not data.strip():
            if len(paths) == 1 and Path(paths[0]) == path:
                raise NoInputError(f"{path}: empty file")
            continue
        read = reader_for(path)(decode(data, str(path)), path)
        if isinstance(read, Article):
            loose.append(read)
        else:
            items.extend(read)
    loose.extend(extra)
    if loose:
        items.insert(0, Cluster(articles=loose))
    if not items:
        raise NoInputError("no readable article in the input (all files empty)")
    return items


def read_stdin() -> list[Item]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise NoInputError("stdin: empty input")
    return read_text_payload(decode(data, "stdin"), "stdin")
