"""Captions, photo credits and source tags glued INSIDE a line of the story.

Scrapers often flatten a photo block into the paragraph next to it, so the
caption and its credit sit in the same line as a real sentence:

* "Người ủng hộ ... sáng nay - Ảnh: AFP Theo Hãng tin AFP, ..." -> the caption
  (the text before " - Ảnh:") and the credit go, "Theo Hãng tin AFP, ..." stays;
* "Ảnh HP Sáng 23/10, ..." / "Ảnh: Telegraph Taliban xác nhận ..." -> the credit
  goes, the sentence after it stays;
* "Quang cảnh hội thảo. Ảnh: Quang Định Sáng 19/5, ..." -> a short sentence
  right before the credit is its caption;
* "(Nguồn: Reuters) Giá dầu ..." -> the source tag goes;
* "... phi hành đoàn./." -> the "/." end mark of some outlets goes.

A line made only of a caption and its credit is the whole-line rules' job
(`tomtat.clean.shapes.drop_reason`); these rules only cut pieces out of longer
lines, and the kept text is always a run of the line's own sentences, so a
summary sentence stays verbatim in its article.

A short nominal sentence ("Các đại biểu tại buổi làm việc.") is a caption when
it sits right next to a photo credit or opens the article (`is_caption_like`).
"""

from __future__ import annotations

import re

from tomtat.model import Drop, DropReason
from tomtat.text.orthography import is_syllable
from tomtat.text.punctuation import LINE_END
from tomtat.text.sentences import split_paragraph
from tomtat.text.tokens import count_syllables, syllables

# "./." closing an article (VOV, TTXVN): the "/." is a typographic end mark, not text
END_MARK = re.compile(r"\./\.(?=\s|$)")
# "(Nguồn: Reuters)", "(Theo AFP)" opening or closing a longer line
SOURCE_TAG = re.compile(r"\(\s*(?:nguồn|theo)\s*:?\s*(?P<name>[^()]{1,40}?)\s*\)", re.IGNORECASE)
# credit words, longest first so that "Ảnh minh họa" is not read as "Ảnh" + a name
CREDIT_WORDS = ("ảnh chụp màn hình", "ảnh minh họa", "ảnh minh hoạ", "nguồn ảnh", "nguồn video", "nguồn clip",
                "đồ họa", "đồ hoạ", "ảnh", "photo", "nguồn", "video", "clip")
# credits that need no name after them
_NAMELESS = ("ảnh minh họa", "ảnh minh hoạ", "ảnh chụp màn hình")
# credits that may go without a colon ("Ảnh HP Sáng 23/10"); "Nguồn tin ...", "Video clip ..." are words
_COLONLESS = ("ảnh", "photo", *_NAMELESS)
PAREN_CREDIT = re.compile(rf"\(\s*(?:{'|'.join(CREDIT_WORDS)})\s*:\s*[^()]{{1,60}}\)", re.IGNORECASE)
# a credit word starting a credit inside a line: at the line start, after " - ", or after a sentence end
INLINE_CREDIT = re.compile(
    rf"(?:(?P<dash>\s[-–—|]\s*)|(?P<stop>(?<=[.!?…])\s+)|^)(?P<word>{'|'.join(CREDIT_WORDS)})(?P<colon>\s*:\s*|\s+|$)",
    re.IGNORECASE,
)
# Where `INLINE_CREDIT` can first match: every match has a credit word at the line start (`_CREDIT_AT_START`)
# or, one character before or after the match's start, an end mark or a dash followed by the word
# (`_CREDIT_AFTER_MARK`, the same words and flags). This pattern opens on a character class, so the regex
# engine skips straight to the next mark; `INLINE_CREDIT` tries its three openings at every position, and
# "ảnh" as in "hình ảnh", "ảnh hưởng" lets most long lines past `_CREDIT_KEYS` (issue 11: on 200 articles
# of 100,000 characters, 11k searches took 0.25 s of the cleaner's time, and found no credit in most lines).
_CREDIT_AFTER_MARK = re.compile(rf"[.!?…\-–—|]\s*(?:{'|'.join(CREDIT_WORDS)})", re.IGNORECASE)
_CREDIT_AT_START = re.compile(rf"(?:{'|'.join(CREDIT_WORDS)})", re.IGNORECASE)
# a credit names at most a few people or agencies ("Quang Định", "THE WASHINGTON POST", "Andriy Yermak/ Twitter")
CREDIT_NAME_MAX_TOKENS = 4
# the caption before " - Ảnh:" is one short line of text; a longer run is the story itself
DASH_CAPTION_MAX_SYLLABLES = 60
# the sentence before ". Ảnh:" is its caption when this short
STOP_CAPTION_MAX_SYLLABLES = 40
# words that open a sentence but never belong to a credited name: the story starts there
SENTENCE_OPENERS = {
    "theo", "sáng", "chiều", "tối", "trưa", "đêm", "ngày", "hôm", "trong", "tại", "sau", "trước", "khi",
    "vào", "với", "các", "những", "một", "hiện", "đây", "đó", "nhiều", "lúc", "từ", "để", "năm", "tháng",
    "chiều", "cùng", "trên", "dù", "do", "vì", "nếu", "mới", "ngay", "qua", "tuy", "nhưng", "còn", "thế",
    "ông", "bà", "lực", "cơ", "người", "cuối", "đầu", "giữa", "tính", "đến", "tới",
    "bộ", "sở", "ubnd", "chính", "tổng", "thủ", "chủ",
}
# a glued "BHXHPhương thức ...": an all-caps credit run straight into a capitalized word
_GLUED = re.compile(r"^([A-ZĐ]{2,})([A-ZĐ][a-zà-ỹđ]+)$")
_TOKEN = re.compile(r"\S+")

# --- caption-like sentences -------------------------------------------------------------------
# "Các đại biểu tại buổi làm việc.": a caption names who/what is in the picture and where; it is short
CAPTION_LIKE_MAX_SYLLABLES = 16
# a syllable that makes a predicate: tense/aspect, copula, passive, negation, reporting verbs
PREDICATE_MARKERS = {
    "là", "đã", "đang", "sẽ", "vừa", "được", "bị", "có", "không", "chưa", "cho", "nói", "rằng", "cần", "phải",
    "đều", "cũng", "vẫn", "hãy", "muốn", "thì", "nếu", "vì", "nên", "biết", "tăng", "giảm", "đạt", "khiến",
}
# openers that name a picture on their own ("Quang cảnh hội thảo.")
PICTURE_OPENERS = ("quang cảnh", "toàn cảnh", "khung cảnh", "hình ảnh", "một góc", "cận cảnh")
# nominal openers ("Các đại biểu ...", "Lễ ...") that make a caption when the sentence places its subject
NOMINAL_OPENERS = ("các ", "những ", "đại biểu", "đoàn ", "lãnh đạo", "buổi ", "lễ ")
LOCATIVES = {"tại", "ở", "trong", "trên", "bên", "giữa"}


def is_caption_like(sentence: str) -> bool:
    """A short nominal sentence with no verb-ish predicate: "Các đại biểu tại buổi làm việc."

    It names a picture ("Quang cảnh ...", "Toàn cảnh khu vực bị ảnh hưởng.") or opens on a
    plural or collective noun and places it ("Các đại biểu tại ...", "Lễ ký
    kết ở ..."), and has none of the markers that make a statement ("đã",
    "là", "được", "cho biết", ...) and no comma. Openers alone are not enough:
    on AbMuSu, short lead sentences such as "Britney Spears và Sam Asghari kết
    hôn tại Los Angeles." or "Cái nóng ... tại châu Âu ... phù hợp với xu
    hướng chung." are statements, and with this rule no first sentence of
    ViMs or AbMuSu is taken for a caption.
    """
    stripped = sentence.strip()
    tokens = syllables(stripped, normalized=True)
    if not tokens or len(tokens) > CAPTION_LIKE_MAX_SYLLABLES or not stripped[:1].isupper():
        return False
    if stripped.rstrip(".").endswith(("?", "!", ":", ";")) or any(q in stripped for q in "\"“”«»,"):
        return False
    lower = stripped.lower()
    if lower.startswith(PICTURE_OPENERS):
        return True  # "Toàn cảnh khu vực bị ảnh hưởng.": the whole sentence names a picture
    if any(t in PREDICATE_MARKERS or t.isdigit() for t in tokens):
        return False
    return lower.startswith(NOMINAL_OPENERS) and any(t in LOCATIVES for t in tokens[1:])


def _name_end(text: str, colon: bool) -> int:
    """Where the credited name after "Ảnh:" ends and the story starts (0: no name)."""
    tokens = list(_TOKEN.finditer(text))
    end = 0
    for n, tok in enumerate(tokens[:CREDIT_NAME_MAX_TOKENS + 1]):
        word = tok.group(0)
        glued = _GLUED.match(word)
        if glued and is_syllable(glued.group(2)):  # not "VNExpress": "Express" is no Vietnamese syllable
            return tok.start() + len(glued.group(1))
        core = word.strip(".,;/()")
        if not core:
            end = tok.end()
            continue
        if core[:1].isdigit():
            break  # "Ảnh: Minh Khôi 15h cùng ngày, ...": a number opens the story
        if not core[:1].isupper():
            # "Telegraph Taliban xác nhận": the capitalized word before the first lower-case one opens the story
            if n >= 2 and tokens[n - 1].group(0)[:1].isupper():
                end = tokens[n - 2].end()
            break
        if n == CREDIT_NAME_MAX_TOKENS or core.lower() in SENTENCE_OPENERS:
            break
        if not colon:
            # without a colon only one all-caps token is a credit ("Ảnh HP"); "Ảnh Hà Nội ..." is not one
            return tok.end() if n == 0 and core.isupper() else 0
        end = tok.end()
    return end


def _story_starts(rest: str) -> bool:
    rest = rest.lstrip()
    return bool(rest) and (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“‘'(")


def strip_inline(line: str, lower: str | None = None) -> tuple[str, list[Drop]]:
    """The line without the captions, credits, source tags and end marks glued into it, and what went.

    `lower` is `line.lower()` when the caller has it (the cleaner's, from its
    scan of the line): the credit keys are looked for in it while the end
    mark, source tag and bracketed credit steps leave the line as it is.
    """
    given = line
    drops: list[Drop] = []
    if END_MARK.search(line):
        line = END_MARK.sub(".", line)
        drops.append(Drop("/.", DropReason.END_MARK))
    if line[:1] == "(":  # (`SOURCE_TAG` opens on a bracket: most lines skip the call)
        line, tag_drops = _strip_source_tags(line)
        drops += tag_drops
    pos = 0
    while match := PAREN_CREDIT.search(line, pos):
        before, after = line[:match.start()].rstrip(), line[match.end():].strip()
        # only between two sentences, so the text kept is still the article's own text, cut at whitespace
        # (a credit closing a line is the whole-line rules' call: a short line is a caption, a long one stays)
        if not before.endswith(LINE_END) or not (after[:1].isupper() or after[:1].isdigit()):
            pos = match.end()
            continue
        drops.append(Drop(match.group(0), DropReason.PHOTO_CREDIT))
        line = f"{before} {after}".strip()
    return _strip_credits(line, drops, lower if line is given else None)


def _is_source_name(name: str) -> bool:
    """"Reuters", "AFP, TTXVN", "Tân Hoa Xã": capitalized names, not "quy định" or "Điều 107"."""
    words = [w for w in re.split(r"[\s,;/&+]+", name) if w and w.lower() not in {"và", "-", "–"}]
    return bool(words) and all(w[:1].isupper() for w in words)


def _strip_source_tags(line: str) -> tuple[str, list[Drop]]:
    """A "(Nguồn: Reuters)" tag opening a line, cut off it.

    A tag closing a line ("... trong phiên sáng (theo SJC)") stays: cutting it
    would leave text that is not the article's own (the sentence's end mark
    comes after the bracket), and the sentence is the story either way.
    """
    drops = []
    head = SOURCE_TAG.match(line)
    if head and _is_source_name(head.group("name")) and line[head.end():].strip():
        drops.append(Drop(head.group(0), DropReason.SOURCE_TAG))
        line = line[head.end():].strip()
    return line, drops


# Every credit word holds one of these, lowercased ("ảnh", "nguồn", "photo", "video", "clip", "đồ họa"). Among
# their letters only "i" matches more than its two cases under IGNORECASE ("ı", "İ"), so the keys leave it
# out: a line whose lowercase holds none has no credit, and skips `INLINE_CREDIT`, which tries its
# alternatives at every position (a fifth of the cleaner's time on ViMs).
_CREDIT_KEYS = ("ảnh", "nguồn", "photo", "deo", "cl", "đồ h")


def may_name_a_credit(lower: str) -> bool:
    """Whether a lowercased line holds one of `_CREDIT_KEYS`: without one it names no credit (`INLINE_CREDIT`,
    and the closing credit of `tomtat.clean.patterns.CAPTION_TAIL`, whose credit words hold them too)."""
    # (spelled out: a generator over the keys cost more than the tests themselves, on every line)
    return ("ảnh" in lower or "nguồn" in lower or "photo" in lower or "deo" in lower or "cl" in lower
            or "đồ h" in lower)


def _strip_credits(line: str, drops: list[Drop], lower: str | None = None) -> tuple[str, list[Drop]]:
    if not may_name_a_credit(line.lower() if lower is None else lower):
        return line, drops
    pos = 0
    if not _CREDIT_AT_START.match(line):
        # no match starts before one character ahead of the first mark-and-word (none: past the line's end)
        hit = _CREDIT_AFTER_MARK.search(line)
        pos = max(hit.start() - 1, 0) if hit else len(line)
    while True:
        match = INLINE_CREDIT.search(line, pos)
        if not match:
            return line, drops
        after = match.end()
        word, colon = match.group("word").lower(), bool(match.group("colon").strip())
        if not colon and word not in _COLONLESS:
            pos = match.end()
            continue
        name_end = _name_end(line[after:], colon)
        if name_end == 0 and word in _NAMELESS:
            name_end = len(line[after:]) - len(line[after:].lstrip())
        rest = line[after + name_end:]
        head = line[:match.start()]
        if (name_end == 0 and word not in _NAMELESS) or (rest.strip() and not _story_starts(rest)) or (not head.strip() and not rest.strip()):
            pos = match.end()
            continue
        if not rest.strip() and not head.rstrip().endswith((".", "!", "?", "…")) and not match.group("dash"):
            pos = match.end()
            continue
        credit = line[match.start():after + name_end].strip(" -–—|")
        kept_head = head
        caption = ""
        if match.group("dash"):
            sentences = split_paragraph(head)
            if sentences and count_syllables(sentences[-1]) <= DASH_CAPTION_MAX_SYLLABLES:
                caption = sentences[-1].strip()
        elif match.group("stop"):
            sentences = split_paragraph(head)
            # the caption of this credit is the sentence before it, when it is short and either opens
            # the line (a photo block glued before the paragraph) or reads like a caption
            if sentences and count_syllables(sentences[-1]) <= STOP_CAPTION_MAX_SYLLABLES and (
                    len(sentences) == 1 or is_caption_like(sentences[-1])):
                caption = sentences[-1]
        if caption:
            kept_head = head[:head.rstrip().rfind(caption)]
            drops.append(Drop(caption, DropReason.PHOTO_CAPTION))
        drops.append(Drop(credit, DropReason.PHOTO_CREDIT))
        rest = rest.strip()
        following = split_paragraph(rest)
        if following and len(following) > 1 and is_caption_like(following[0]):
            drops.append(Drop(following[0], DropReason.CAPTION_LIKE))
            rest = rest[len(following[0]):].strip()
        line = f"{kept_head.strip()} {rest}".strip()
        pos = len(kept_head.strip())
