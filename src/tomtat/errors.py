"""Errors users can act on, each with its documented CLI exit code and HTTP status,
and `Failure`: the one classification of any exception that the CLI, the HTTP
server and the batch runner report.

Anything that is not a `TomtatError` is a bug (or the machine ran out of
memory); the shells still report it as one line (exit code 1 / HTTP 500)
rather than a traceback.
"""

from __future__ import annotations

import errno
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


class InvalidArgumentError(InvalidOptionError, TypeError):
    """A library call given the wrong kind of value (`summarize(None)`, `Article(title=5)`, `words="100"`).

    A usage error like `InvalidOptionError` (exit code 2, HTTP 422, code
    "invalid_request"), and a `TypeError` too, so callers that already catch
    that keep working.
    """

    code = "invalid_argument"


class EnvironmentFailureError(TomtatError):
    """The machine, not the input: a full or read-only disk, a missing output folder, permission denied.

    Exit code 9. Built from the `OSError` that caused it (`from_os_error`), so
    the message names the file and the system's reason. Over HTTP it is the
    server's problem, not the client's (HTTP 500).
    """

    code = "environment_failure"
    exit_code = 9
    http_status = 500

    @classmethod
    def from_os_error(cls, exc: OSError, doing: str = "") -> EnvironmentFailureError:
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or str(exc) or type(exc).__name__
        return cls(f"{doing}{where}{reason}")


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


# OSErrors that are the machine's state, not a bug (exit code 9 wherever they escape from)
ENVIRONMENT_ERRNOS = frozenset(
    getattr(errno, name) for name in (
        "EACCES", "EPERM", "ENOSPC", "EDQUOT", "EROFS", "ENOENT", "ENOTDIR", "EISDIR", "EMFILE", "ENFILE",
        "EIO", "EFBIG", "ETXTBSY", "ENAMETOOLONG", "ELOOP",
    ) if hasattr(errno, name)
)


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
        if isinstance(exc, OSError) and exc.errno in ENVIRONMENT_ERRNOS:
            failure = EnvironmentFailureError.from_os_error(exc)
            return cls(str(failure), failure.exit_code, failure.http_status, "EnvironmentFailureError", code=failure.code)
        if isinstance(exc, MemoryError):
            return cls("out of memory; send fewer or shorter articles", kind=kind)
        if isinstance(exc, BrokenExecutor):  # a worker process died (killed, out of memory)
            return cls("internal error (a worker process died); please retry", kind=kind)
        if isinstance(exc, TimeoutError):
            return cls(str(exc) or "the work took longer than its time limit", http_status=504, kind=kind, code="timeout")
        return cls(f"internal error ({kind}: {exc}); please report it", kind=kind, bug=True)
