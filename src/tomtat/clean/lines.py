"""Line-level noise removal: what a line looks like tells us it is not the story.

Each rule names why it drops a line, so `Document.removed` explains every cut.
Rules only ever drop whole lines, and only lines that are short or carry an
unmistakable marker (a URL, "Ảnh:", a media-player time), so a real sentence
of the story is never lost. Two rules look at context:

* a related-links block ("Bài liên quan", "Tin liên quan", "Xem thêm", ...)
  swallows the short single-line headlines after it (blank lines or not) and
  the "OUTLET - ..." teaser leads between them, and ends at the first real
  paragraph;
* a short line directly before a lone "|" separator is a photo caption.

The article's own dateline ("VOV.VN - ", "(Ngày Nay) - ") is cut off its first
paragraph, so the lead sentence reads as a sentence.

Lines a scraper hard-wrapped mid-sentence are joined back (`_join_wrapped`).

`clean_lines` returns its paragraphs as a `Paragraphs` list, which also records
structural hints for the off-topic tail detector (`breaks`): paragraphs that
follow a closing byline ("Theo Reuters"), "OUTLET - " dateline leads after the
first paragraph, and headlines the scraper repeated.
"""

from __future__ import annotations

import re

from tomtat.split.sentences import split_paragraph
from tomtat.text.tokens import syllables

_CLOSERS = "\"'”’»)]"
_TERMINAL = tuple(".!?…:;") + tuple(_CLOSERS)

_RELATED_HEADER = re.compile(
    r"^\s*(?:(?:bài|tin|tin tức|video|chủ đề|bài viết)\s+(?:liên quan|cùng chuyên mục|cùng chủ đề|khác|mới|mới nhất|"
    r"nổi bật|đọc nhiều|xem nhiều|được quan tâm|đáng chú ý)|(?:xem|đọc)\s+thêm|có thể bạn (?:quan tâm|chưa đọc)|"
    r"bạn có thể (?:quan tâm|thích)|(?:đọc|xem) tiếp|tin khác)(?P<sep>\s*[:>»\-–]+\s*|\s*$)",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MEDIA = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# whole-line site furniture; matched against the full (short) line only
_PROMPT = re.compile(
    r"^(?:bình luận|ý kiến|phản hồi|gửi bình luận|viết bình luận|gửi ý kiến)(?:\s*\(\d+\))?\s*:?$|"
    r"^\d+\s+(?:bình luận|ý kiến|lượt xem|lượt thích|chia sẻ)$|^lượt xem\s*:?\s*\d+$|"
    r"^(?:chia sẻ|share|like|tweet|thích|lưu|lưu bài|in bài|in|gửi bài|email|facebook|zalo|twitter|copy link|"
    r"sao chép liên kết|quay lại|về đầu trang|lên đầu trang|trang chủ|advertisement|quảng cáo|tắt quảng cáo|"
    r"xem video|video đang phát|play|pause|replay|xem thêm|đọc tiếp|tải thêm|theo dõi|"
    r"nghe bài viết|nghe đọc bài|đọc bài viết)(?:\s+bài viết)?\s*[:>»]*$|"
    r"^mời (?:quý )?(?:bạn )?(?:độc giả|khán giả|bạn đọc)\b|"
    r"^(?:hãy |mời bạn )?(?:theo dõi|follow) .{0,60}\btrên(?:\s+[^\s.]+){0,3}\s*:?$|"
    r"^(?:đăng ký|đăng kí|subscribe) (?:nhận|theo dõi|kênh|bản tin|để)|"
    r"^(?:tải|cài đặt|cài) ứng dụng\b|"
    r"^(?:nhấn|bấm|click|nhấp) (?:vào )?(?:đây|link|nút)\b|"
    r"^(?:đăng nhập|đăng ký|đăng xuất|hotline\s*:.*|liên hệ quảng cáo.*|©.*|copyright\b.*)$",
    re.IGNORECASE,
)
_PROMPT_MAX_SYLLABLES = 20
# "Thứ Hai, 13/10/2026 08:30", "13/10/2026 - 08:30 (GMT+7)", "Cập nhật: 08:30 13/10/2026"
_DATE_STAMP = re.compile(
    r"^(?:(?:cập nhật|đăng|đăng lúc|ngày đăng|xuất bản)\s*:?\s*)?(?:(?:thứ\s+\S+|chủ nhật|t\d|cn)\s*,?\s*)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:sa|ch|am|pm)?\s*[,|\-–]?\s*)?"
    r"(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"(?:\s*[,|\-–]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:sa|ch|am|pm)?)?\s*(?:\(?gmt\s*[+\-]\s*\d{1,2}\)?)?\s*$",
    re.IGNORECASE,
)
_SYMBOL_ONLY = re.compile(r"^[\W_]*$")
# "... - Ảnh: AFP/Sputnik", "(Ảnh: Reuters)", "Ảnh minh họa", "Ảnh: TTXVN."
_CREDIT = r"(?:ảnh|nguồn ảnh|nguồn video|nguồn clip|nguồn|photo|video|đồ họa|đồ hoạ|clip|ảnh chụp màn hình|ảnh minh họa|ảnh minh hoạ)"
_CAPTION_TAIL = re.compile(
    rf"(?:[-–—|.]\s*|\(\s*){_CREDIT}\s*:\s*[^()\n]{{1,80}}?\)?\s*\.?\s*$|\(\s*ảnh minh họa\s*\)\s*\.?\s*$",
    re.IGNORECASE,
)
_CAPTION_LINE = re.compile(rf"^\(?\s*(?!nguồn\s*:){_CREDIT}\s*(?::\s*[^\n]{{0,80}})?\)?\s*\.?$", re.IGNORECASE)
_POSITION_MARK = re.compile(r"\((?:trái|phải|giữa|ngồi giữa|đứng giữa|thứ \w+ từ (?:trái|phải)|ảnh trên|ảnh dưới)\)", re.IGNORECASE)
_BYLINE_LEAD = re.compile(r"^\(?\s*(?:theo|nguồn|tác giả|biên dịch|lược dịch|tổng hợp|bài và ảnh|bài, ảnh)\s*:?\s*", re.IGNORECASE)
_BYLINE_PAREN = re.compile(r"^(?P<name>[^()]{0,40})\(\s*(?:theo|tổng hợp|lược dịch|biên dịch|nguồn)\b[^()]{0,40}\)\s*$", re.IGNORECASE)
_TAGS = re.compile(r"^(?:từ khóa|từ khoá|tags?|chủ đề|keywords?)\s*:", re.IGNORECASE)

# "VOV.VN - ...", "(Ngày Nay) - ...", "HÀ NỘI - ...", "TTO - ..."
_DATELINE = re.compile(r"^(\([^()\n]{2,40}\)|[^\s()\-–—]+(?:\s+[^\s()\-–—]+){0,2})\s*[-–—]{1,2}\s+\S")

# function syllables that cannot end a sentence: a line ending in one was wrapped
_CONTINUES = frozenset(
    """và với của ở là những các trong cho từ tại bởi nhưng hoặc rằng khi để như mà thì nhằm vì nên
    sẽ đã đang cũng gồm cuộc ông bà lẫn thuộc khoảng""".split()
)
HEADLINE_MAX_SYLLABLES = 30
_UNIT_START = re.compile(r"(?:USD|EUR|VND|VNĐ|DWT|TEU|CNY|JPY|GBP|MW|KW|GW|TB|GB)\b")


class Paragraphs(list):
    """The cleaned paragraphs of one article, with structural hints for `drop_offtopic_tails`.

    `breaks` holds indices of paragraphs where, by layout, another article may
    start: after a closing byline, at a dateline lead after the first paragraph,
    at a headline the scraper repeated. They are hints, never cuts on their own.
    """

    breaks: frozenset[int] = frozenset()


def _count(line: str) -> int:
    return len(syllables(line, normalized=True))


def is_dateline(line: str) -> bool:
    """Does the line open with an outlet dateline ("VOV.VN - ", "(Ngày Nay) - ")?"""
    match = _DATELINE.match(line.strip())
    if not match:
        return False
    outlet = match.group(1)
    if outlet.startswith("("):
        inner = outlet[1:-1].strip()
        return inner[:1].isupper() and len(inner.split()) <= 5 and not any(c.isdigit() for c in inner[:1])
    letters = [w.replace(".", "") for w in outlet.split()]
    return all(len(w) >= 2 and w.isupper() for w in letters)


def split_dateline(line: str) -> tuple[str, str] | None:
    """("VOV.VN -", "Ngày 13/4, ...") for a dateline lead, None for any other line."""
    stripped = line.strip()
    if not is_dateline(stripped):
        return None
    match = _DATELINE.match(stripped)
    rest_start = match.end() - 1  # the pattern ends on the first character of the text
    return stripped[:rest_start].strip(), stripped[rest_start:].strip()


def _strip_closers(line: str) -> str:
    return line.rstrip().rstrip(_CLOSERS).rstrip()


def is_headline_like(line: str, limit: int = HEADLINE_MAX_SYLLABLES) -> bool:
    """One short line that is not a finished sentence: a link text, a sub-heading.

    Headlines may end in "?", "!" or a closing quote, but not in a full stop,
    and are never several sentences.
    """
    stripped = line.strip()
    if not stripped or _count(stripped) > limit:
        return False
    if _strip_closers(stripped).endswith((".", "…", ";")):
        return False
    return len(split_paragraph(stripped)) == 1


def _same_text(a: str, b: str) -> bool:
    sa = syllables(a, normalized=True)
    return bool(sa) and sa == syllables(b, normalized=True)


def _is_byline(line: str) -> bool:
    """"Theo Reuters", "Nguồn: VnExpress", "Minh An (theo AFP)": who wrote it, not what happened."""
    stripped = line.strip()
    if _count(stripped) > 10 or _strip_closers(stripped).endswith(("?", "!", "…")):
        return False
    paren = _BYLINE_PAREN.match(stripped)
    if paren:
        # "Minh An (theo AFP)": only a name, or nothing, before the bracket
        return all(w[:1].isupper() for w in paren.group("name").split())
    match = _BYLINE_LEAD.match(stripped)
    if not match:
        return False
    rest = stripped[match.end():].rstrip(" .)")
    words = re.split(r"[\s,;/&+]+", rest)
    words = [w for w in words if w and w.lower() not in {"và", "-", "–"}]
    # every remaining word is a name: capitalized ("Reuters", "Nhà Trắng", "TTXVN", "VnExpress")
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _drop_reason(line: str, title: str) -> str | None:
    stripped = line.strip()
    if _SYMBOL_ONLY.match(stripped):
        return "symbols only"
    if _MEDIA.match(stripped):
        return "media player"
    if _DATE_STAMP.match(stripped):
        return "date stamp"
    count = _count(stripped)
    if count <= _PROMPT_MAX_SYLLABLES and _PROMPT.search(stripped):
        return "site prompt"
    if _TAGS.match(stripped) and count <= 40:
        return "tags"
    if _URL.search(stripped) and _count(_URL.sub(" ", stripped)) <= 12:
        return "source/url line"
    if _is_byline(stripped):
        return "byline"
    if _CAPTION_LINE.match(stripped) and count <= 20:
        return "photo caption"
    if _CAPTION_TAIL.search(stripped) and count <= 60 and len(split_paragraph(stripped)) <= 2:
        return "photo caption"
    if _POSITION_MARK.search(stripped) and count <= 40 and len(split_paragraph(stripped)) == 1:
        return "photo caption"
    if title and _same_text(stripped, title):
        return "repeats the title"
    return None


def _strong_continuation(prev: str, nxt: str) -> bool:
    """Unmistakable signs that `nxt` goes on with the sentence `prev` was cut off in."""
    if nxt[:1].islower() or prev.endswith((",", "-", "–")):
        return True
    # a number, then its unit on the next line ("200.000" / "USD để ...")
    if prev[-1:].isdigit() and _UNIT_START.match(nxt):
        return True
    tokens = syllables(prev, normalized=True)
    # a function word at the end of a long line ("... của" / "Nga”."); a short line
    # ending on one is more likely a sub-heading ("Phải liên kết để tồn tại")
    if tokens and tokens[-1] in _CONTINUES and len(tokens) >= 12:
        return True
    # an unfinished quote is an unfinished sentence
    return prev.count("“") > prev.count("”")


def _continues(prev: str, line: str, wrapped_text: bool = True) -> bool:
    """Is `line` the rest of the sentence `prev` was cut off in?

    In text that is visibly hard-wrapped (`wrapped_text`), a long line stopping
    on a plain word also goes on in the next line, even one that starts with a
    capital ("... chiến lược" / "Mỹ và Nga ..."); elsewhere only the strong
    signs count, because one-paragraph-a-line text is full of sub-headings and
    sentences without a final full stop.
    """
    prev = prev.rstrip()
    nxt = line.lstrip()
    if not prev or not nxt or prev.endswith(_TERMINAL) or is_dateline(nxt):
        return False
    if _SYMBOL_ONLY.match(nxt[:1]) and nxt[:1] not in "\"'“‘«(":
        return False
    if _strong_continuation(prev, nxt):
        return True
    # a long line stopping on a plain word, followed by more text: a wrapped sentence,
    # unless the next line is a repeat of it or another headline (a list of link texts)
    return (wrapped_text and prev[-1:].isalnum() and _count(prev) >= 12 and not _same_text(prev, nxt)
            and not is_headline_like(nxt))


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Is this text hard-wrapped: do most lines that stop without end punctuation visibly go on?"""
    open_ends = strong = 0
    for prev, nxt in zip(lines, lines[1:]):
        if not prev or not nxt or prev.endswith(_TERMINAL):
            continue
        open_ends += 1
        strong += _strong_continuation(prev, nxt)
    return strong >= 2 and strong * 3 >= open_ends


def _join_wrapped(items: list[tuple[str, bool, bool]]) -> list[tuple[str, bool]]:
    """Re-join sentences that a scraper hard-wrapped onto several lines.

    `items` are (line, is-a-break, starts-fresh) triples; "" marks a blank
    line, which always separates paragraphs, and a line that starts fresh (a
    dateline lead) is never joined to the one before. A joined paragraph keeps
    the break flag of its first line.
    """
    wrapped_text = _looks_hard_wrapped([line for line, _, _ in items])
    out: list[tuple[str, bool]] = []
    for line, flag, fresh in items:
        if out and out[-1][0] and line and not fresh and _continues(out[-1][0], line, wrapped_text):
            out[-1] = (f"{out[-1][0].rstrip()} {line.strip()}", out[-1][1])
            continue
        out.append((line, flag))
    return out


def _drop_signature(kept: list[tuple[str, bool, bool]], removed: list[tuple[str, str]]) -> None:
    """Drop an author's signature ("Minh Anh", "THU HÀ") closing the article, in place."""
    content = [n for n, (line, _, _) in enumerate(kept) if line]
    if len(content) < 2:
        return
    last = kept[content[-1]][0]
    words = last.split()
    if not kept[content[-2]][0].endswith(_TERMINAL):
        return  # it may be the end of a wrapped sentence ("... tại" / "Hà Nội")
    if (_count(last) <= 5 and words and all(w[:1].isupper() for w in words)
            and all(ch.isalpha() or ch.isspace() for ch in last)):
        removed.append((last, "byline"))
        kept[content[-1]] = ("", False, False)


def clean_lines(text: str, title: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Paragraphs worth keeping (a `Paragraphs` list), and (line, reason) for each line dropped."""
    raw = [" ".join(line.split()) for line in text.splitlines()]  # stripped, single spaces
    kept: list[tuple[str, bool, bool]] = []  # (line, is-a-break, starts-fresh)
    removed: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    in_related = False
    block_headlines = 0
    after_byline = False
    has_content = False
    repeated_headline_at: set[int] = set()
    for i, stripped in enumerate(raw):
        if not stripped:
            kept.append(("", False, False))
            continue
        header = _RELATED_HEADER.match(stripped)
        if header and (header.end() >= len(stripped)
                       or (header.group("sep").strip() and _count(stripped[header.end():]) <= HEADLINE_MAX_SYLLABLES)):
            # "Tin liên quan" opens a block; "Xem thêm: <link text>" is one link (and opens a block
            # when the link text is a headline)
            rest = stripped[header.end():]
            in_related, block_headlines = not rest or is_headline_like(rest), 0
            removed.append((stripped, "related-links header" if not rest else "related link"))
            continue
        if stripped.startswith((">>", "»", "►", "▶")) and is_headline_like(stripped.lstrip(">»►▶ ")):
            removed.append((stripped, "related link"))
            continue
        if in_related:
            if is_headline_like(stripped) or _SYMBOL_ONLY.match(stripped):
                block_headlines += 1
                removed.append((stripped, "related link"))
                continue
            if block_headlines and is_dateline(stripped) and _count(stripped) <= 90 and len(split_paragraph(stripped)) <= 3:
                removed.append((stripped, "related-article teaser"))
                continue
            in_related = False
        reason = _drop_reason(stripped, title)
        if reason is None and raw[i + 1: i + 2] and raw[i + 1] in {"|", "||", "¦"} \
                and stripped[:1].isupper() and _count(stripped) <= 35 and len(split_paragraph(stripped)) == 1:
            previous = next((p for p in reversed(raw[:i]) if p), "")
            if not previous or previous.endswith(_TERMINAL) or _SYMBOL_ONLY.match(previous):
                reason = "photo caption"
        key = " ".join(syllables(stripped, normalized=True))
        if reason is None and key in seen:
            reason = "duplicate line"
            if is_headline_like(stripped):
                repeated_headline_at.add(seen[key])
        if reason:
            removed.append((stripped, reason))
            if reason == "byline":
                after_byline = True
            continue
        seen[key] = len(kept)
        dateline = split_dateline(stripped)
        if dateline and not has_content:
            # the article's own dateline ("VOV.VN - "): outlet furniture, not part of the lead sentence
            removed.append((dateline[0], "dateline"))
            stripped = dateline[1]
        kept.append((stripped, after_byline or bool(dateline and has_content), bool(dateline)))
        after_byline, has_content = False, True
    _drop_signature(kept, removed)
    flagged = [(line, flag or (n in repeated_headline_at), fresh) for n, (line, flag, fresh) in enumerate(kept)]
    joined = [(p, flag) for p, flag in _join_wrapped(flagged) if p]
    paragraphs = Paragraphs(p for p, _ in joined)
    paragraphs.breaks = frozenset(n for n, (_, flag) in enumerate(joined) if n > 0 and flag)
    return paragraphs, removed
