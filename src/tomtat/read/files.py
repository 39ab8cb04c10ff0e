"""Paths and stdin to clusters.

All .txt/.html files named on one command line (directly or through folders)
form one cluster; every .json/.jsonl file brings its own cluster(s). Which
reader reads a file is up to its suffix (`tomtat.read.readers.READERS`).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from tomtat.errors import EnvironmentFailureError, NoInputError
from tomtat.model import Article, Cluster
from tomtat.read.decode import decode
from tomtat.read.readers import READERS, Item, reader_for
from tomtat.read.records import parse_json_text
from tomtat.read.text import article_from_text

_MAX_FILE_BYTES = 50 * 1024 * 1024


def _walk(folder: Path) -> list[Path]:
    """Every readable-suffix file under `folder`, hidden files left out; an unlistable folder says why.

    Not `Path.rglob`: it skips folders it may not list without a word, and a
    locked folder would then read as one that "holds no .txt files".
    """
    found: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError as exc:
        raise EnvironmentFailureError.from_os_error(exc, "cannot list the folder ") from None
    for entry in listed:
        path = Path(entry.path)
        if entry.is_dir():
            found.extend(_walk(path))
        elif entry.is_file() and not entry.name.startswith(".") and path.suffix.lower() in READERS:
            found.append(path)
    return found


def _kind(path: Path) -> int:
    """The file's mode (symlinks followed); a missing path is "no such file", a locked one says so."""
    try:
        return path.stat().st_mode
    except FileNotFoundError:
        raise NoInputError(f"{path}: no such file or folder") from None
    except NotADirectoryError:
        raise NoInputError(f"{path}: no such file or folder ({path.parent} is a file)") from None
    except OSError as exc:
        raise EnvironmentFailureError.from_os_error(exc, "cannot read ") from None


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        mode = _kind(path)
        if stat.S_ISDIR(mode):
            found = sorted(_walk(path))
            if not found:
                *others, last = [s for s in READERS if s]
                raise NoInputError(f"{path}: folder holds no {', '.join(others)} or {last} files")
            files.extend(found)
        else:  # a regular file, or one to read as a stream: a FIFO, /dev/stdin, a process substitution
            files.append(path)
    return files


def _is_stream(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, at most `_MAX_FILE_BYTES`; streams (FIFOs, /dev/stdin) are read to their end."""
    try:
        with path.open("rb") as f:
            data = f.read(_MAX_FILE_BYTES + 1)
    except OSError as exc:  # permission denied, an I/O error
        raise EnvironmentFailureError.from_os_error(exc, "cannot read ") from None
    if len(data) > _MAX_FILE_BYTES:
        raise NoInputError(f"{path}: larger than {_MAX_FILE_BYTES // 2**20} MB, refusing to read it")
    return data


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
        text = decode(data, str(path))
        if _is_stream(path) and path.suffix.lower() in ("", ".txt", ".text") and text.lstrip().startswith(("{", "[")):
            # a pipe has no telling name (/dev/stdin, /dev/fd/63): its text says it is JSON
            read = parse_json_text(text, str(path))
        else:
            read = reader_for(path)(text, path)
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
