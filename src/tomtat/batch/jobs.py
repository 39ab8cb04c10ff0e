"""One batch job: a JSONL line in, a result or an error record out.

Plain picklable functions of plain data, so the same job runs in this
process, in a process pool, or as a Ray task.
"""

from __future__ import annotations

import json
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


def summarize_line(line_number: int, line: str, options: SummaryOptions) -> dict[str, Any]:
    """Summarize the cluster on one input line.

    Returns {"line", "id", "ok": True, "json": <the result as one JSON line>} or
    {"line", "id", "ok": False, "error", "kind", "exit_code"}. Never raises for
    bad input; a bug in the pipeline is reported the same way (kind = its type).
    """
    from tomtat.pipeline import summarize
    from tomtat.read.records import cluster_from_record

    where = f"line {line_number}"
    cluster_id = f"line-{line_number}"
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
        return {"line": line_number, "id": cluster_id, "ok": True,
                "json": json.dumps(result.to_dict(), ensure_ascii=False)}
    except Exception as exc:  # noqa: BLE001  (input errors and bugs alike: recorded, and the batch goes on)
        failure = Failure.from_exception(exc)
        return {"line": line_number, "id": cluster_id, "ok": False, "error": failure.message,
                "kind": failure.kind, "exit_code": failure.exit_code}


def summarize_lines(batch: list[tuple[int, str]], options: SummaryOptions) -> list[dict[str, Any]]:
    return [summarize_line(n, line, options) for n, line in batch]
