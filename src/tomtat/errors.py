"""Input errors users can act on, each with its documented CLI exit code and HTTP status.

Anything that is not one of these is a bug; the shells still print it as one
line (exit code 1 / HTTP 500) rather than a traceback.
"""

from __future__ import annotations


class TomtatError(Exception):
    """Base of all errors caused by the input rather than by tomtat."""

    exit_code = 1
    http_status = 400


class NoInputError(TomtatError):
    """Nothing to summarize: a missing path, an empty file or folder, empty stdin."""

    exit_code = 3
    http_status = 422


class UnreadableInputError(TomtatError):
    """Bytes that are not text: binary files, or text that is not UTF-8."""

    exit_code = 4
    http_status = 422


class MalformedInputError(TomtatError):
    """Structured input (JSON/JSONL) that does not parse or lacks required fields."""

    exit_code = 5
    http_status = 422


class NotVietnameseError(TomtatError):
    """Text that is readable but not Vietnamese, which tomtat cannot summarize faithfully."""

    exit_code = 6
    http_status = 422


class TooLargeError(TomtatError):
    """More articles than one cluster may hold."""

    exit_code = 7
    http_status = 422
