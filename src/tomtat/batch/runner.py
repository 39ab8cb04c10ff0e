"""`run_batch`: a JSONL file of clusters in, a JSONL file of summaries out.

- One result line per input cluster, in input order (`Summary.to_dict()`, with
  `cluster_id` set to the record's id or `line-N`).
- Each finished line is appended with one write and fsync'ed before the next,
  so a crash or Ctrl-C loses nothing already written; at worst the line being
  written is cut short, and `--resume` trims it off.
- Bad lines (malformed JSON, missing fields, input tomtat cannot summarize)
  go to the errors file with their line number and reason; the rest go on.
- Each result carries `"input": {"line": N, "sha256": ...}`, the line number
  and a hash of the input line it came from. `resume=True` keeps OUT and skips
  exactly the lines whose (line, hash) is already in it: ids cannot be the key,
  since two lines may share one (repeated ids, 5 and "5", a missing id whose
  `line-N` is another record's real id). Shared ids are reported as warnings.
  (Results written before this key existed are matched by id, for ids no
  other line shares.)
- IN, OUT and the errors file must be three different files (symlinks and
  hard links included): checked before anything is opened for writing.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tomtat.batch.engines import make_engine
from tomtat.batch.jobs import line_id, line_key
from tomtat.errors import EnvironmentFailureError, InvalidOptionError, NoInputError
from tomtat.options import SummaryOptions


@dataclass
class BatchReport:
    total: int = 0  # non-blank input lines
    done: int = 0  # summarized in this run
    skipped: int = 0  # already in OUT (resume)
    failed: int = 0
    seconds: float = 0.0
    exit_code: int = 0  # the largest exit code among failed lines, else 0
    errors_path: Path | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. cluster ids shared by several lines

    @property
    def rate(self) -> float:
        processed = self.done + self.failed
        return processed / self.seconds if self.seconds > 0 else 0.0


class LineWriter:
    """Appends whole lines to a file: one os.write per line, then fsync."""

    def __init__(self, path: Path, truncate: bool) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if truncate else os.O_APPEND)
        try:
            self.fd = os.open(path, flags, 0o644)
            if not truncate:
                os.lseek(self.fd, 0, os.SEEK_END)
        except OSError as exc:  # a missing or non-folder parent, a read-only disk, permission denied
            raise EnvironmentFailureError.from_os_error(exc, "cannot write ") from None

    def write(self, text: str) -> None:
        data = (text.rstrip("\n") + "\n").encode("utf-8")
        view = memoryview(data)
        try:
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
            os.fsync(self.fd)
        except OSError as exc:  # a full disk or quota
            exc.filename = exc.filename or str(self.path)
            raise EnvironmentFailureError.from_os_error(exc, "cannot write ") from None

    def close(self) -> None:
        os.close(self.fd)


def done_ids(out_path: Path) -> set[str]:
    """Ids already in OUT; a cut-short last line (a crash mid-write) is trimmed off."""
    return {str(r["cluster_id"]) for r in done_records(out_path) if r.get("cluster_id") is not None}


def done_records(out_path: Path) -> list[dict[str, Any]]:
    """The whole result records already in OUT; a cut-short last line (a crash mid-write) is trimmed off."""
    if not out_path.exists():
        return []
    records: list[dict[str, Any]] = []
    good_end = 0
    with open(out_path, "rb") as f:
        offset = 0
        for raw in f:
            end = offset + len(raw)
            offset = end
            if not raw.endswith(b"\n"):
                break  # the last line was never finished
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            if isinstance(record, dict):
                records.append(record)
            good_end = end
    if good_end < out_path.stat().st_size:
        os.truncate(out_path, good_end)
    return records


def _done_keys(records: list[dict[str, Any]]) -> tuple[set[tuple[int, str]], set[str]]:
    """(line, sha256) of every result that has its input key, and the ids of those that do not."""
    keys: set[tuple[int, str]] = set()
    legacy: set[str] = set()
    for r in records:
        key = r.get("input")
        if isinstance(key, dict) and isinstance(key.get("line"), int) and isinstance(key.get("sha256"), str):
            keys.add((key["line"], key["sha256"]))
        elif r.get("cluster_id") is not None:
            legacy.add(str(r["cluster_id"]))
    return keys, legacy


# at most this many shared ids are named one by one; more are summed up in one warning
MAX_ID_WARNINGS = 10


def _shared_id_warnings(lines_by_id: dict[str, list[int]]) -> list[str]:
    shared = [(i, ns) for i, ns in lines_by_id.items() if len(ns) > 1]
    warnings = [
        f"cluster id {i!r} is used by lines {', '.join(map(str, ns[:10]))}{', ...' if len(ns) > 10 else ''}; "
        "their results are told apart by input.line"
        for i, ns in shared[:MAX_ID_WARNINGS]
    ]
    if len(shared) > MAX_ID_WARNINGS:
        warnings.append(f"{len(shared) - MAX_ID_WARNINGS} more cluster ids are used by more than one line")
    return warnings


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names: the same resolved path, or (existing files) the same device and inode."""
    try:
        if a.resolve() == b.resolve():
            return True
        sa, sb = a.stat(), b.stat()
    except (OSError, RuntimeError):  # a missing file (no inode to compare) or a symlink loop
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def check_distinct(**paths: Path) -> None:
    """Refuse, before anything is opened for writing, when two of IN, OUT and ERRORS are one file.

    Writing OUT or the errors file over IN would destroy the input; two
    writers in one file interleave their lines.
    """
    named = list(paths.items())
    for i, (name_a, a) in enumerate(named):
        for name_b, b in named[i + 1:]:
            if _same_file(a, b):
                raise InvalidOptionError(
                    f"{name_a} ({a}) and {name_b} ({b}) are the same file; give each its own file")


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with their 1-based line numbers, decoded as UTF-8 (BOM allowed)."""
    with open(path, "rb") as f:
        for n, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")  # the job reports it as malformed JSON if it is
            if line.strip():
                yield n, line


def run_batch(
    in_path: str | Path,
    out_path: str | Path,
    *,
    workers: int = 1,
    resume: bool = False,
    errors_path: str | Path | None = None,
    options: SummaryOptions | None = None,
    engine: str = "local",
    address: str | None = None,
    progress: bool = False,
) -> BatchReport:
    """Summarize every cluster of IN (JSONL, AbMuSu or our schema) into OUT (JSONL), each with `options`."""
    options = options or SummaryOptions()
    in_path, out_path = Path(in_path), Path(out_path)
    errors_path = Path(errors_path) if errors_path else out_path.with_name(out_path.name + ".errors.jsonl")
    if not in_path.exists():
        raise NoInputError(f"{in_path}: no such file")
    if in_path.is_dir():
        raise NoInputError(f"{in_path}: is a folder; give a .jsonl file with one cluster per line")
    check_distinct(**{"the input": in_path, "the output (-o)": out_path, "the errors file (--errors)": errors_path})

    report = BatchReport(errors_path=errors_path)
    skip: set[int] = set()
    keys, legacy = _done_keys(done_records(out_path)) if resume else (set(), set())
    lines_by_id: dict[str, list[int]] = {}
    for n, line in _lines(in_path):
        report.total += 1
        lines_by_id.setdefault(line_id(line, n), []).append(n)
        if keys:
            key = line_key(line, n)
            if (key["line"], key["sha256"]) in keys:
                skip.add(n)
    for cluster_id in legacy:  # results from before the input key: by id, where the id is unambiguous
        if len(lines_by_id.get(cluster_id, ())) == 1:
            skip.add(lines_by_id[cluster_id][0])
    report.skipped = len(skip)
    report.warnings = _shared_id_warnings(lines_by_id)
    if report.total == 0:
        raise NoInputError(f"{in_path}: no clusters (the file is empty)")

    bar = _progress(progress, report.total - report.skipped)
    start = time.perf_counter()
    # the engine starts first: if it cannot (Ray missing, cluster unreachable), OUT is left untouched
    with make_engine(engine, options, workers, address) as runner:
        out = LineWriter(out_path, truncate=not resume)
        errors = LineWriter(errors_path, truncate=True)
        try:
            with bar:
                task = bar.add_task("tomtat batch", total=report.total - report.skipped) if bar else None
                jobs = ((n, line) for n, line in _lines(in_path) if n not in skip)
                for result in runner.imap(jobs):
                    if result["ok"]:
                        out.write(result["json"])
                        report.done += 1
                    else:
                        errors.write(json.dumps(_error_record(result), ensure_ascii=False))
                        report.failed += 1
                        report.exit_code = max(report.exit_code, int(result.get("exit_code", 1)))
                    if bar:
                        bar.advance(task)
        finally:
            report.seconds = time.perf_counter() - start
            out.close()
            errors.close()
    if report.failed == 0:
        errors_path.unlink(missing_ok=True)
    return report


def _error_record(result: dict[str, Any]) -> dict[str, Any]:
    return {"line": result["line"], "id": result["id"], "error": result["error"], "kind": result["kind"]}


class _NoBar:
    def __bool__(self) -> bool:
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def _progress(enabled: bool, total: int):
    if not enabled:
        return _NoBar()
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("?  clusters/s" if speed is None else f"{speed:.2f} clusters/s", style="progress.data.speed")

    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        RateColumn(), TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=False,
    )
