"""Bytes to text, refusing binary files and non-UTF-8 encodings with a clear reason."""

from __future__ import annotations

from tomtat.errors import UnreadableInputError

# A few stray bad bytes (a truncated scrape) are tolerated; more means a wrong encoding.
_MAX_BAD_BYTE_SHARE = 0.001


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16 bytes to text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableInputError(f"{name}: marked as UTF-16 but does not decode as UTF-16") from None
    if b"\x00" in data[:8192]:
        raise UnreadableInputError(f"{name}: looks like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(1, len(data) * _MAX_BAD_BYTE_SHARE):
            raise UnreadableInputError(
                f"{name}: not UTF-8 text ({bad} undecodable bytes); "
                "convert it first, e.g. iconv -f WINDOWS-1258 -t UTF-8"
            ) from None
        return text.replace("\ufffd", "")
