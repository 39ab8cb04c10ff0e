"""Readers for summarization benchmarks, each yielding `Cluster`s with references."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tomtat.errors import NoInputError
from tomtat.model import Article, Cluster
from tomtat.read.decode import decode

_VIMS_MARKER = "=Einleitung="


def _text(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


def _number(path: Path) -> tuple[int, str]:
    digits = "".join(ch for ch in path.stem if ch.isdigit())
    return (int(digits) if digits else 0, path.name)


def vims_reference(text: str) -> str:
    """A ViMs human summary without its cluster-id first line and annotation marker."""
    lines = text.split("\n")[1:]
    return "\n".join(line for line in lines if line.strip() != _VIMS_MARKER).strip()


def read_vims(root: str | Path) -> Iterator[Cluster]:
    """ViMs: data/Cluster_NNN/K.txt (title line + body), summary/Cluster_NNN/*.txt."""
    root = Path(root)
    data = root / "data"
    if not data.is_dir():
        raise NoInputError(f"{root}: not a ViMs folder (no data/ inside)")
    for folder in sorted(p for p in data.iterdir() if p.is_dir()):
        articles = []
        for f in sorted(folder.glob("*.txt"), key=_number):
            title, _, body = _text(f).strip().partition("\n")
            articles.append(Article(title=title.strip(), text=body, id=f"{folder.name}/{f.stem}", source=f.stem))
        refs = [vims_reference(_text(f)) for f in sorted((root / "summary" / folder.name).glob("*.txt"), key=_number)]
        yield Cluster(articles=articles, id=folder.name, references=[r for r in refs if r])
