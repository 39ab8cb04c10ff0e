"""Bytes to text, refusing binary files and non-UTF-8 encodings with a clear reason.

Line endings come out as "\n" whatever they were ("\r\n", or "\r" alone as
old Mac editors write), so every reader splits lines one way.
"""

from __future__ import annotations

import unicodedata

from tomtat.errors import UnreadableInputError

# A few stray bad bytes (a truncated scrape) are tolerated; more means a wrong encoding.
_MAX_BAD_BYTE_SHARE = 0.001


# UTF-16 without a BOM: in text of mostly ASCII letters, digits and spaces (Vietnamese included:
# about 70% of its characters), one byte of each pair is zero. Sniffed on the first 8 KiB.
_UTF16_ZERO_SHARE = 0.3  # at least this share of the high bytes are zero...
_UTF16_OTHER_ZERO_SHARE = 0.02  # ...and at most this share of the low bytes
# decoded text with more than this share of invisible or unassigned characters is not text
_MAX_ODD_CHAR_SHARE = 0.02


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes sit where UTF-16 text puts them, else None."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= _UTF16_ZERO_SHARE and even <= _UTF16_OTHER_ZERO_SHARE:
        return "utf-16-le"
    if even >= _UTF16_ZERO_SHARE and odd <= _UTF16_OTHER_ZERO_SHARE:
        return "utf-16-be"
    return None


def _mostly_text(text: str) -> bool:
    odd = sum(1 for c in text if c not in "\n\r\t" and unicodedata.category(c) in ("Cc", "Cf", "Cn", "Co", "Cs"))
    return odd <= max(1, len(text) * _MAX_ODD_CHAR_SHARE)


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 (with a BOM, or sniffed without one) bytes to text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _lines(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise UnreadableInputError(f"{name}: marked as UTF-16 but does not decode as UTF-16") from None
    if b"\x00" in data[:8192]:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise UnreadableInputError(f"{name}: looks like a binary file, not text")
        try:
            text = data[: len(data) - len(data) % 2].decode(encoding)
        except UnicodeDecodeError:
            text = None
        if text is None or not _mostly_text(text):
            raise UnreadableInputError(
                f"{name}: looks like UTF-16 text without a byte-order mark but does not decode as {encoding}; "
                "convert it first, e.g. iconv -f UTF-16 -t UTF-8") from None
        return _lines(text)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return _lines(data.decode("utf-8"))
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(1, len(data) * _MAX_BAD_BYTE_SHARE):
            raise UnreadableInputError(
                f"{name}: not UTF-8 text ({bad} undecodable bytes); "
                "convert it first, e.g. iconv -f WINDOWS-1258 -t UTF-8"
            ) from None
        return _lines(text.replace("\ufffd", ""))
