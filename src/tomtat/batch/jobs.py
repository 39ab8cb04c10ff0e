"""One batch job: a JSONL line in, a result or an error record out.

Plain picklable functions of plain data, so the same job runs in this
process, in a process pool, or as a Ray task.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from tomtat.errors import Failure, MalformedInputError
from tomtat.options import SummaryOptions


def record_id(record: Any, line_number: int) -> str:
    """The id a cluster is known by in OUT: its own `id`/`cluster_id`, else `line-N`."""
    if isinstance(record, dict):
        value = record.get("id", record.get("cluster_id"))
        if value is not None and not isinstance(value, (dict, list)):
            return str(value)
    return f"line-{line_number}"


def line_id(line: str, line_number: int) -> str:
    try:
        return record_id(json.loads(line), line_number)
    except (json.JSONDecodeError, RecursionError):
        return f"line-{line_number}"


def line_key(line: str, line_number: int) -> dict[str, Any]:
    """What makes an input line unique for `--resume`: its number and the SHA-256 of its text.

    Ids cannot be the key: two lines may share one (a repeated id, 5 and "5",
    a missing id whose `line-N` is also another record's real id). The hash is
    of the line without its line ending, so CRLF and LF files key alike.
    """
    digest = hashlib.sha256(line.rstrip("\r\n").encode("utf-8", "surrogatepass")).hexdigest()
    return {"line": line_number, "sha256": digest}


# Test-only fault injection (issue 10, item 6): a worker summarizing this line number exits at once,
# as a worker killed by the OOM killer would. Unset in normal use; it only ever kills a worker process.
CRASH_LINE_VARIABLE = "TOMTAT_TEST_CRASH_LINE"


def _injected_crash(line_number: int) -> None:
    if os.environ.get(CRASH_LINE_VARIABLE) == str(line_number):
        import multiprocessing

        if multiprocessing.parent_process() is not None:  # never the main process (the inline engine)
            os._exit(70)


def summarize_line(line_number: int, line: str, options: SummaryOptions) -> dict[str, Any]:
    """Summarize the cluster on one input line.

    Returns {"line", "id", "ok": True, "json": <the result as one JSON line>} or
    {"line", "id", "ok": False, "error", "kind", "exit_code"}. Never raises for
    bad input; a bug in the pipeline is reported the same way (kind = its type).
    """
    from tomtat.pipeline import summarize
    from tomtat.read.records import cluster_from_record

    _injected_crash(line_number)
    where = f"line {line_number}"
    cluster_id = f"line-{line_number}"
    line = line.rstrip("\r\n")  # a column number counts characters of the record, not its line ending
    try:
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            raise MalformedInputError(f"{where}: malformed JSON ({msg})") from None
        cluster_id = record_id(record, line_number)
        cluster = cluster_from_record(record, where)
        cluster.id = cluster_id
        result = summarize(cluster, options)
        data = result.to_dict()
        data["input"] = line_key(line, line_number)
        return {"line": line_number, "id": cluster_id, "ok": True, "json": json.dumps(data, ensure_ascii=False)}
    except Exception as exc:  # noqa: BLE001  (input errors and bugs alike: recorded, and the batch goes on)
        failure = Failure.from_exception(exc)
        return {"line": line_number, "id": cluster_id, "ok": False, "error": failure.message,
                "kind": failure.kind, "exit_code": failure.exit_code}


def crash_result(line_number: int, line: str) -> dict[str, Any]:
    """The error record of a line whose worker process died on it twice (killed, out of memory)."""
    return {"line": line_number, "id": line_id(line, line_number), "ok": False, "kind": "worker_crash", "exit_code": 1,
            "error": f"line {line_number}: the worker process died twice while summarizing it (killed or out of memory)"}


def summarize_lines(batch: list[tuple[int, str]], options: SummaryOptions) -> list[dict[str, Any]]:
    return [summarize_line(n, line, options) for n, line in batch]
