"""Line-level noise removal: what a line looks like tells us it is not the story.

Each rule names why it drops a line, so `Document.removed` explains every cut.
"""

from __future__ import annotations

import re

from tomtat.text.tokens import syllables

_TERMINAL = tuple(".!?…:;\"'”’»)")
_RELATED_HEADER = re.compile(
    r"^\s*(bài|tin|video|chủ đề)\s+(liên quan|cùng chuyên mục|khác|mới|nổi bật|đọc nhiều)|"
    r"^\s*(xem|đọc) thêm|^\s*có thể bạn quan tâm|^\s*tin tức liên quan|^\s*bạn có thể quan tâm",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"[-–—(]\s*(ảnh|nguồn ảnh|photo|video|đồ họa|clip)\s*:\s*[^.]{0,80}\)?\s*\.?$", re.IGNORECASE)
_URL = re.compile(r"https?://|www\.\S+", re.IGNORECASE)
_MEDIA = re.compile(r"^\s*\d{1,2}:\d{2}(\s*/\s*\d{1,2}:\d{2})?\s*$")
_PROMPT = re.compile(
    r"^\s*(mời (quý )?(bạn )?độc giả|bình luận\s*\(\d+\)|bình luận$|chia sẻ( bài viết)?$|"
    r"đăng ký (nhận|theo dõi)|theo dõi .{0,40} trên$|like|tweet|share|in bài|gửi bài|"
    r"(tải|cài) ứng dụng|quảng cáo|advertisement|xem video|play|pause)",
    re.IGNORECASE,
)
_SYMBOL_ONLY = re.compile(r"^[\W_]*$")
_BYLINE = re.compile(r"^\s*(nguồn|theo|tác giả|biên dịch|lược dịch|tổng hợp)\s*:?\s*\S", re.IGNORECASE)


def _is_headline_like(line: str) -> bool:
    """Short, no end punctuation: a link text or sub-heading rather than a sentence."""
    return not line.rstrip().endswith(_TERMINAL) and len(syllables(line, normalized=True)) <= 25


def _same_text(a: str, b: str) -> bool:
    return syllables(a, normalized=True) == syllables(b, normalized=True)


def _drop_reason(line: str, title: str) -> str | None:
    stripped = line.strip()
    if _SYMBOL_ONLY.match(stripped):
        return "symbols only"
    if _MEDIA.match(stripped):
        return "media player"
    if _PROMPT.match(stripped):
        return "site prompt"
    if _URL.search(stripped) and len(syllables(_URL.sub("", stripped), normalized=True)) <= 12:
        return "source/url line"
    if _CAPTION.search(stripped):
        return "photo caption"
    if title and _same_text(stripped, title):
        return "repeats the title"
    if _BYLINE.match(stripped) and len(syllables(stripped, normalized=True)) <= 6:
        return "byline"
    return None


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join sentences that a scraper hard-wrapped onto several lines."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line:
            prev = out[-1].rstrip()
            first = line.lstrip()[:1]
            continues = not prev.endswith(_TERMINAL) and (
                first.islower() or prev.endswith(",") or
                (prev[-1:].islower() and len(syllables(prev, normalized=True)) >= 12)
            )
            if continues:
                out[-1] = f"{prev} {line.strip()}"
                continue
        out.append(line)
    return out


def clean_lines(text: str, title: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Paragraphs worth keeping, and (line, reason) for each line dropped."""
    raw = text.split("\n")
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    in_related = False
    seen: set[str] = set()
    for line in raw:
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _RELATED_HEADER.match(stripped) and _is_headline_like(stripped):
            in_related = True
            removed.append((stripped, "related-links header"))
            continue
        if in_related:
            if _is_headline_like(stripped):
                removed.append((stripped, "related link"))
                continue
            in_related = False
        reason = _drop_reason(stripped, title)
        key = " ".join(syllables(stripped, normalized=True))
        if reason is None and key in seen and len(key) > 0:
            reason = "duplicate line"
        if reason:
            removed.append((stripped, reason))
            continue
        seen.add(key)
        kept.append(stripped)
    paragraphs = [p for p in _join_wrapped(kept) if p]
    return paragraphs, removed
