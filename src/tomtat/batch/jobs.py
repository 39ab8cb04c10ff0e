"""One batch job: a JSONL line in, a result or an error record out.

Plain picklable functions of plain data, so the same job runs in this
process, in a process pool, or as a Ray task.
"""

from __future__ import annotations

import json
from typing import Any

from tomtat.errors import MalformedInputError, TomtatError


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


def summarize_line(line_number: int, line: str, words: int | None, sentences: int | None) -> dict[str, Any]:
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
        result = summarize(cluster, words=words, sentences=sentences)
        return {"line": line_number, "id": cluster_id, "ok": True,
                "json": json.dumps(result.to_dict(), ensure_ascii=False)}
    except TomtatError as exc:
        return {"line": line_number, "id": cluster_id, "ok": False, "error": str(exc),
                "kind": type(exc).__name__, "exit_code": exc.exit_code}
    except MemoryError:
        return {"line": line_number, "id": cluster_id, "ok": False, "error": "out of memory",
                "kind": "MemoryError", "exit_code": 1}
    except Exception as exc:  # noqa: BLE001  (a bug: recorded, and the batch goes on)
        return {"line": line_number, "id": cluster_id, "ok": False,
                "error": f"internal error ({type(exc).__name__}: {exc})", "kind": type(exc).__name__, "exit_code": 1}


def summarize_lines(batch: list[tuple[int, str]], words: int | None, sentences: int | None) -> list[dict[str, Any]]:
    return [summarize_line(n, line, words, sentences) for n, line in batch]


def warm_up() -> None:
    """Import the pipeline and load the segmenter once per worker."""
    from tomtat.pipeline import summarize

    text = (
        "Thành phố Hà Nội hôm nay khai trương tuyến xe buýt điện mới nối trung tâm với sân bay Nội Bài.\n"
        "Tuyến xe chạy mỗi 15 phút một chuyến, giá vé 45.000 đồng mỗi lượt."
    )
    try:
        summarize([{"title": "Hà Nội khai trương tuyến xe buýt điện", "text": text}], words=30)
    except Exception:  # noqa: BLE001  (warming up is best effort)
        pass


def worker_init() -> None:
    """Process-pool initializer for the batch runner and the HTTP server.

    - Ctrl-C is left to the parent (no traceback per worker); SIGTERM gets its
      default action back (a forked worker inherits the server's handler, which
      would otherwise make it ignore SIGTERM and outlive the server).
    - On Linux the worker also dies with its parent, even a SIGKILLed one.
    - One BLAS thread per worker: the pool already uses every core.
    - Then the models are loaded once.
    """
    import os
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before prctl took effect
                os._exit(0)
        except Exception:  # noqa: BLE001  (best effort)
            pass
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:  # noqa: BLE001  (threadpoolctl comes with scikit-learn; best effort)
        pass
    warm_up()
