"""Errors users can act on, each with its documented CLI exit code and HTTP status,
and `Failure`: the one classification of any exception that the CLI, the HTTP
server and the batch runner report.

Anything that is not a `TomtatError` is a bug (or the machine ran out of
memory); the shells still report it as one line (exit code 1 / HTTP 500)
rather than a traceback.
"""

from __future__ import annotations

from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field


class TomtatError(Exception):
    """Base of all errors the user can act on: the input, the options, or a limit.

    `code` is the stable machine name of the error: the HTTP API sends it
    next to the English `detail`, and clients (the web page) key their own
    text on it, so a published code never changes; every subclass sets its
    own (fetch errors in `tomtat.fetch.errors`).
    """

    code = "error"
    exit_code = 1
    http_status = 400


class InvalidOptionError(TomtatError, ValueError):
    """An option out of range or not one of the registered names (a usage error)."""

    code = "invalid_request"
    exit_code = 2
    http_status = 422


class NoInputError(TomtatError):
    """Nothing to summarize: a missing path, an empty file or folder, empty stdin."""

    code = "no_input"
    exit_code = 3
    http_status = 422


class UnreadableInputError(TomtatError):
    """Bytes that are not text: binary files, or text that is not UTF-8."""

    code = "unreadable_input"
    exit_code = 4
    http_status = 422


class MalformedInputError(TomtatError):
    """Structured input (JSON/JSONL) that does not parse or lacks required fields."""

    code = "malformed_input"
    exit_code = 5
    http_status = 422


class NotVietnameseError(TomtatError):
    """Text that is readable but not Vietnamese, which tomtat cannot summarize faithfully."""

    code = "not_vietnamese"
    exit_code = 6
    http_status = 422


class TooLargeError(TomtatError):
    """More articles than one cluster may hold."""

    code = "too_many_articles"
    exit_code = 7
    http_status = 422


class TimeLimitError(TomtatError):
    """A summary ran past the server's per-request time limit."""

    code = "timeout"
    http_status = 504


class BusyError(TomtatError):
    """Too many requests already wait for a worker; the client should retry shortly."""

    code = "busy"
    http_status = 503
    retry_after = 1  # seconds, sent as the Retry-After header


@dataclass(frozen=True)
class Failure:
    """How one exception is reported: its one-line message, CLI exit code and HTTP status.

    The CLI prints `message` and exits with `exit_code`, the server answers
    `http_status` with `{"detail": message, "code": code}` (and `headers`),
    the batch runner writes `message` and `kind` to the errors file. `code` is
    the error class's stable `code` ("internal_error" for anything tomtat did
    not expect, "timeout" for a time limit). `bug` is True for exceptions
    tomtat did not expect.
    """

    message: str
    exit_code: int = 1
    http_status: int = 500
    kind: str = "Exception"
    headers: dict[str, str] = field(default_factory=dict)
    bug: bool = False
    code: str = "internal_error"

    @classmethod
    def from_exception(cls, exc: BaseException) -> Failure:
        kind = type(exc).__name__
        if isinstance(exc, TomtatError):
            headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, BusyError) else {}
            return cls(str(exc), exc.exit_code, exc.http_status, kind, headers, code=exc.code)
        if isinstance(exc, MemoryError):
            return cls("out of memory; send fewer or shorter articles", kind=kind)
        if isinstance(exc, BrokenExecutor):  # a worker process died (killed, out of memory)
            return cls("internal error (a worker process died); please retry", kind=kind)
        if isinstance(exc, TimeoutError):
            return cls(str(exc) or "the work took longer than its time limit", http_status=504, kind=kind, code="timeout")
        return cls(f"internal error ({kind}: {exc}); please report it", kind=kind, bug=True)
