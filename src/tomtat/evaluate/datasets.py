"""Readers for summarization benchmarks, each yielding `Cluster`s with references."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from tomtat.errors import MalformedInputError, NoInputError
from tomtat.model import Article, Cluster
from tomtat.read.decode import decode
from tomtat.read.records import article_from_record

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


def read_vims(root: str | Path, only: list[str] | None = None) -> Iterator[Cluster]:
    """ViMs: data/Cluster_NNN/K.txt (title line + body), summary/Cluster_NNN/*.txt.

    `root` may also be one cluster's folder (data/Cluster_NNN) with `only` naming it.
    """
    root = Path(root)
    if only and (root / ".." / ".." / "data").is_dir() and root.parent.name == "data":
        root = root.parent.parent
    data = root / "data"
    if not data.is_dir():
        raise NoInputError(f"{root}: not a ViMs folder (no data/ inside)")
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and (only is None or p.name in only)):
        articles = []
        for f in sorted(folder.glob("*.txt"), key=_number):
            title, _, body = _text(f).strip().partition("\n")
            articles.append(Article(title=title.strip(), text=body, id=f"{folder.name}/{f.stem}", source=f.stem))
        refs = [vims_reference(_text(f)) for f in sorted((root / "summary" / folder.name).glob("*.txt"), key=_number)]
        yield Cluster(articles=articles, id=folder.name, references=[r for r in refs if r])


def read_abmusu(path: str | Path) -> Iterator[Cluster]:
    """VLSP 2022 AbMuSu JSONL: one cluster per line, one reference ("summary").

    Each line: {"single_documents": [{"title", "anchor_text", "raw_text"}, ...],
    "summary": "...", "category": "...", ...}. Articles are parsed as the read
    stage parses them (`article_from_record`: the anchor text, the lead the
    outlet shows under the title, is kept as the body's first paragraph),
    numbered "line/k" and named "docK" when they carry no source.
    """
    import json

    path = Path(path)
    if not path.is_file():
        raise NoInputError(f"{path}: not an AbMuSu .jsonl file")
    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            docs = record.get("single_documents") or record.get("documents") or []
            articles = []
            for k, d in enumerate(docs):
                a = article_from_record(d, f"{path}:{number}", k)
                articles.append(replace(a, title=a.title.strip(), source=a.source or f"doc{k + 1}", id=f"{number}/{k + 1}"))
            summary = record.get("summary") or ""
            refs = summary if isinstance(summary, list) else [summary]
            cid = str(record.get("cluster") or record.get("id") or record.get("cluster_id") or f"cluster_{number}")
            yield Cluster(articles=articles, id=cid, references=[r.strip() for r in refs if r and r.strip()],
                          category=record.get("category"))


def _info(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().isupper():
            fields[key.strip().upper()] = value.strip()
    return fields


_VNMDS_REFERENCE = re.compile(r"\.ref\d+\.txt$")


def read_vnmds(root: str | Path) -> Iterator[Cluster]:
    """VN-MDS: cluster_N/{DOCID.body.txt, DOCID.info.txt ("TITLE: ..."), cluster_N.ref1.txt, cluster_N.ref2.txt}.

    A cluster folder also holds word-segmented copies `cluster_N.ref1.tok.txt`
    (words joined by "_"); only the untokenized `cluster_N.refK.txt` are
    references. Taking the copies too doubled the references with text whose
    syllable bigrams match nothing ("hà_nội"), which deflated every score.
    """
    root = Path(root)
    if not root.is_dir():
        raise NoInputError(f"{root}: not a VN-MDS folder")
    folders = sorted((p for p in root.iterdir() if p.is_dir() and any(p.glob("*.body.txt"))), key=_number)
    if not folders:
        raise NoInputError(f"{root}: no cluster_N folders with *.body.txt inside")
    for folder in folders:
        articles = []
        for body in sorted(folder.glob("*.body.txt"), key=lambda p: p.name):
            doc_id = body.name[: -len(".body.txt")]
            info_path = folder / f"{doc_id}.info.txt"
            info = _info(_text(info_path)) if info_path.is_file() else {}
            articles.append(Article(title=info.get("TITLE", ""), text=_text(body), id=f"{folder.name}/{doc_id}",
                                    source=info.get("SOURCE") or doc_id, url=info.get("LINK") or info.get("URL"),
                                    date=info.get("DATE") or None))
        ref_files = sorted((f for f in folder.glob("*.ref*.txt") if _VNMDS_REFERENCE.search(f.name)), key=lambda p: p.name)
        refs = [_text(f).strip() for f in ref_files]
        yield Cluster(articles=articles, id=folder.name, references=[r for r in refs if r])


READERS = {"vims": read_vims, "abmusu": read_abmusu, "vnmds": read_vnmds}


def read_dataset(name: str, path: str | Path) -> list[Cluster]:
    if name not in READERS:
        raise NoInputError(f"unknown dataset {name!r}; choose one of {', '.join(READERS)}")
    return list(READERS[name](path))
