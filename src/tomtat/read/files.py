"""Paths and stdin to clusters.

All .txt/.html files named on one command line (directly or through folders)
form one cluster; every .json/.jsonl file brings its own cluster(s).
"""

from __future__ import annotations

import sys
from pathlib import Path

from tomtat.errors import NoInputError, TomtatError
from tomtat.model import Article, Cluster
from tomtat.read.decode import decode
from tomtat.read.html import article_from_html
from tomtat.read.records import parse_json_text
from tomtat.split.sentences import split_paragraph
from tomtat.text.normalize import normalize
from tomtat.text.tokens import syllables

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
_MAX_FILE_BYTES = 50 * 1024 * 1024

Item = Cluster | TomtatError


TITLE_MAX_SYLLABLES = 35
# words a headline does not end on; a line ending on one was cut mid-sentence
_UNFINISHED = frozenset("và với của ở là những các trong cho về từ đến tại bởi rằng để mà thì nhằm theo".split())


def looks_like_title(line: str, next_line: str | None = None) -> bool:
    """Is this first line a headline, or body text the scraper put first?

    Body text: a long line (more than TITLE_MAX_SYLLABLES syllables), a line
    ending on a comma, several sentences ending in a full stop, or a line of 20
    syllables or more that stops mid-sentence (an unclosed quote, a last word
    like "với", or a next line that goes on in lower case). Short titles with a
    stray quote mark or an ellipsis ("Hóa đơn tiền nước... 19 triệu đồng")
    stay titles.
    """
    line = normalize(line).strip()
    if not line:
        return False
    count = len(syllables(line, normalized=True))
    if count > TITLE_MAX_SYLLABLES or line.endswith((",", ";")):
        return False
    if len(split_paragraph(line)) > 1 and line.rstrip("\"'”’»)").endswith((".", "…")):
        return False
    unclosed_quote = line.count("“") > line.count("”") + line.count('"')
    last_word = (syllables(line, normalized=True) or [""])[-1]
    goes_on = next_line is not None and next_line.strip()[:1].islower()
    if count >= 20 and (unclosed_quote or last_word in _UNFINISHED or goes_on or line.endswith(("-", "–"))):
        return False
    return True


def article_from_text(text: str, name: str) -> Article:
    """First non-empty line is the title, the rest is the body (the seeds' layout).

    When that first line is plainly body text (see `looks_like_title`), the
    article gets no title and the whole text is its body.
    """
    lines = text.strip().split("\n", 1)
    title = lines[0].strip()
    body = lines[1] if len(lines) > 1 else ""
    following = body.split("\n", 1)[0] if body[:1] != "\n" and body.strip() else None
    if body.strip() and not looks_like_title(title, following):
        return Article(title="", text=text.strip(), source=None, id=name)
    return Article(title=title, text=body, source=None, id=name)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and not p.name.startswith(".")
                and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
            )
            if not found:
                raise NoInputError(f"{path}: folder holds no .txt, .html, .json or .jsonl files")
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


def read_paths(paths: list[str | Path]) -> list[Item]:
    """Clusters (or per-record errors) from files and folders, in the order given."""
    if not paths:
        raise NoInputError("no input given")
    items: list[Item] = []
    loose: list[Article] = []
    for path in _expand([Path(p) for p in paths]):
        suffix = path.suffix.lower()
        data = _read_bytes(path)
        if not data.strip():
            if len(paths) == 1 and Path(paths[0]) == path:
                raise NoInputError(f"{path}: empty file")
            continue
        text = decode(data, str(path))
        if suffix in JSON_SUFFIXES:
            items.extend(parse_json_text(text, str(path)))
        elif suffix in HTML_SUFFIXES:
            loose.append(article_from_html(text, path.stem))
        else:
            loose.append(article_from_text(text, path.stem))
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
