"""Line-level noise removal: what a line looks like tells us it is not the story.

Each rule names why it drops a line, so `Document.removed` explains every cut.
Rules only ever drop whole lines, and only lines that are short or carry an
unmistakable marker (a URL, "Ảnh:", a media-player time), so a real sentence
of the story is never lost. Two rules look at context:

* a related-links block ("Bài liên quan", "Tin liên quan", "Xem thêm", ...)
  swallows the short single-line headlines after it (blank lines or not) and
  the "OUTLET - ..." teaser leads between them, and ends at the first real
  paragraph;
* a short line directly before a lone "|" separator is a photo caption;
* a short nominal sentence ("Các đại biểu tại buổi làm việc.") next to a photo
  credit, or opening the article, is a caption (`is_caption_like`);
* an end-of-article line ("Bình luận (0)", "Mời quý độc giả theo dõi ...",
  "Nguồn X: https://...") ends the story: every line after it that no other
  rule explains is cut as "after end of article", because it is the page's
  furniture or another story. Only once the article has told some of its story
  (`END_MIN_STORY_SYLLABLES`): such a line near the top is page header
  furniture, and the article follows it. A closing "Theo X" byline is not an
  end line (real articles end on it, and the off-topic detector judges what
  follows it by content).

Captions, credits and source tags glued inside a longer line are cut out of it
(`tomtat.clean.inline.strip_inline`), each cut recorded as a `Drop`.

The article's own dateline ("VOV.VN - ", "(Ngày Nay) - ") is cut off its first
paragraph, so the lead sentence reads as a sentence.

Lines a scraper hard-wrapped mid-sentence are joined back (`join_wrapped`), never across a
line that was cut.

`clean_article` returns a `CleanedArticle`: the paragraphs, every cut with its
`DropReason`, and structural hints for the off-topic tail detector (`breaks`):
paragraphs that follow a closing byline ("Theo Reuters"), "OUTLET - " dateline
leads after the first paragraph, and headlines the scraper repeated.
"""

from __future__ import annotations

import re
from datetime import date

from tomtat.clean.inline import is_caption_like, strip_inline
from tomtat.clean.offtopic import without_numbers
from tomtat.clean.patterns import END_OF_ARTICLE, RELATED_HEADER, SYMBOL_ONLY, HEADLINE_MAX_SYLLABLES
from tomtat.clean.shapes import drop_reason, is_dateline, is_headline_like, split_dateline
from tomtat.clean.wrapping import join_wrapped_lines
from tomtat.dates import find_date_line
from tomtat.model import CleanedArticle, Drop, DropReason
from tomtat.text.normalize import normalize
from tomtat.text.punctuation import LINE_END
from tomtat.text.sentences import split_paragraph
from tomtat.text.tokens import count_syllables, syllables, syllables_and_count

__all__ = ["clean_article", "clean_article_terms", "is_dateline", "is_headline_like", "split_dateline"]

# an author's signature closing the article is a name: "Nguyễn Thị Minh Anh" has five syllables
SIGNATURE_MAX_SYLLABLES = 5
# a teaser lead in a related-links block is the first few sentences of another article; a longer
# dateline paragraph after the block is this article going on
TEASER_MAX_SYLLABLES = 90
TEASER_MAX_SENTENCES = 3
# a photo caption above a lone "|" separator is one short sentence
SEPARATOR_CAPTION_MAX_SYLLABLES = 35
_SEPARATORS = {"|", "||", "¦"}
# an end-of-article line cuts the rest only after this much story: above it, it is page-header furniture
# (on ViMs and AbMuSu no end line sits above this; every one that cuts closes a full article)
END_MIN_STORY_SYLLABLES = 40
_CREDIT_REASONS = (DropReason.PHOTO_CAPTION, DropReason.PHOTO_CREDIT)
_LINK_BULLETS = (">>", "»", "►", "▶")

# a kept line: (text, may another article start here, does it start fresh: never joined to the line before)
_Line = tuple[str, bool, bool]
_BLANK: _Line = ("", False, False)


def _drop_signature(kept: list[_Line], removed: list[Drop]) -> None:
    """Drop an author's signature ("Minh Anh", "THU HÀ") closing the article, in place."""
    content = [n for n, (line, _, _) in enumerate(kept) if line]
    if len(content) < 2:
        return
    last = kept[content[-1]][0]
    # (a line of letters and spaces has as many syllables as words: the count is the words', and a longer
    # line, most often a sentence, is not split further nor scanned)
    words = last.split(None, SIGNATURE_MAX_SYLLABLES)
    if len(words) > SIGNATURE_MAX_SYLLABLES or not kept[content[-2]][0].endswith(LINE_END):
        return  # (or it may be the end of a wrapped sentence: "... tại" / "Hà Nội")
    if words and all(w[:1].isupper() for w in words) and all(ch.isalpha() or ch.isspace() for ch in last):
        removed.append(Drop(last, DropReason.BYLINE))
        kept[content[-1]] = _BLANK


def _drop_caption_before(kept: list[_Line], removed: list[Drop]) -> None:
    """Drop the kept line right above a photo credit (blank lines between) when it reads like a caption, in place."""
    n = len(kept) - 1
    while n >= 0 and not kept[n][0]:
        n -= 1
    if n >= 0 and is_caption_like(kept[n][0]) and len(split_paragraph(kept[n][0])) == 1:
        removed.append(Drop(kept[n][0], DropReason.CAPTION_LIKE))
        kept[n] = _BLANK


def _drop_caption_opening(line: str, removed: list[Drop], after_credit: bool) -> str:
    """The line without a caption-like first sentence.

    Used on the article's first line and on the line after a photo credit: a
    caption glued before the story ("Các đại biểu tại buổi làm việc. Sáng
    23/10, ..."). At the article's start only when more of the line follows it:
    a first line that is one short sentence may be a sub-heading or the whole
    of a short story; right after a credit, a caption-like line is the caption.
    """
    sentences = split_paragraph(line)
    if sentences and (len(sentences) > 1 or after_credit) and is_caption_like(sentences[0]):
        removed.append(Drop(sentences[0], DropReason.CAPTION_LIKE))
        return line[len(sentences[0]):].strip()
    return line


def _is_separator_caption(raw: list[str], i: int) -> bool:
    """Is line i a photo caption: a short sentence directly above a lone "|" separator?"""
    line = raw[i]
    if not (raw[i + 1: i + 2] and raw[i + 1] in _SEPARATORS and line[:1].isupper()
            and count_syllables(line) <= SEPARATOR_CAPTION_MAX_SYLLABLES and len(split_paragraph(line)) == 1):
        return False
    previous = next((p for p in reversed(raw[:i]) if p), "")
    return not previous or previous.endswith(LINE_END) or bool(SYMBOL_ONLY.match(previous))


# every whitespace character but the plain space and the line break (tests/test_clean.py checks it against
# `str.isspace` over all of Unicode): they are all `str.split` and `str.splitlines` cut at
_OTHER_SPACE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _stripped_lines(text: str) -> list[str]:
    """`[" ".join(line.split()) for line in text.splitlines()]`: each line stripped, its words one space apart.

    In text whose only whitespace is single spaces and line breaks (normalized
    text holds no other, bar a space next to a line break), each line is already
    single-spaced, and `strip` does the same (returning the line itself when it
    has nothing to strip). Splitting every line into words and joining them
    again was 0.4 ms of ~13 ms a ViMs cluster.
    """
    lines = text.splitlines()
    if "  " in text or _OTHER_SPACE.search(text):
        return [" ".join(line.split()) for line in lines]
    return [line.strip() for line in lines]


def clean_article(text: str, title: str, *, normalized: bool = False) -> CleanedArticle:
    """The article's story as paragraphs, with every line cut and why.

    Text and title are normalized here (`tomtat.text.normalize`) unless the
    caller says they already are (`normalized=True`).
    """
    return clean_article_terms(text, title, normalized=normalized)[0]


# the off-topic detector's terms of a cleaned article: of its title, and of each paragraph
Terms = tuple[list[str], list[list[str]]]


def clean_article_terms(
    text: str, title: str, *, normalized: bool = False, line_tokens: dict[str, list[str]] | None = None,
) -> tuple[CleanedArticle, Terms]:
    """`clean_article`, and the off-topic detector's terms of its title and paragraphs (`drop_offtopic_tails`).

    The terms are the syllables of each line as the cleaner scanned them,
    numbers left out (`without_numbers`): the detector then does not tokenize
    every paragraph again (a third of its time on ViMs). `line_tokens`, when
    given, receives `syllables(p, normalized=True)` of each paragraph `p` that
    is one kept line as scanned: the split stage's sentence tokens, as most
    news paragraphs are one sentence, which it then does not scan again (on
    all of ViMs the split stage scanned 8,404 texts instead of 26,094: 0.5 ms
    of ~13 ms a cluster).
    """
    if not normalized:
        text, title = normalize(text), normalize(title)
    title = title.strip()
    title_tokens = syllables(title, normalized=True)
    raw = _stripped_lines(text)
    kept: list[_Line] = []
    kept_syllables: dict[int, list[str]] = {}  # the syllables of each kept line, by its index in `kept`
    removed: list[Drop] = []
    seen: dict[str, int] = {}
    in_related = False
    block_headlines = 0
    after_byline = False
    has_content = False
    repeated_headline_at: set[int] = set()
    ended = False  # past an end-of-article line
    story_syllables = 0
    after_credit = False  # the previous non-blank line was a photo credit or caption
    removed_at_last_kept = 0
    for i, stripped in enumerate(raw):
        if not stripped:
            kept.append(_BLANK)
            continue
        header = RELATED_HEADER.match(stripped)
        if header and (header.end() >= len(stripped)
                       or (header.group("sep").strip() and count_syllables(stripped[header.end():]) <= HEADLINE_MAX_SYLLABLES)):
            # "Tin liên quan" opens a block; "Xem thêm: <link text>" is one link (and opens a block
            # when the link text is a headline)
            rest = stripped[header.end():]
            in_related, block_headlines = not rest or is_headline_like(rest), 0
            removed.append(Drop(stripped, DropReason.RELATED_LINK if rest else DropReason.RELATED_HEADER))
            continue
        if stripped.startswith(_LINK_BULLETS) and is_headline_like(stripped.lstrip(">»►▶ ")):
            removed.append(Drop(stripped, DropReason.RELATED_LINK))
            continue
        if in_related:
            if is_headline_like(stripped) or SYMBOL_ONLY.match(stripped):
                block_headlines += 1
                removed.append(Drop(stripped, DropReason.RELATED_LINK))
                continue
            if (block_headlines and is_dateline(stripped) and count_syllables(stripped) <= TEASER_MAX_SYLLABLES
                    and len(split_paragraph(stripped)) <= TEASER_MAX_SENTENCES):
                removed.append(Drop(stripped, DropReason.RELATED_TEASER))
                continue
            in_related = False
        # each line's syllables and their count, scanned once (`drop_reason`, the duplicate key, the story length),
        # from its lowercase, which the inline-credit keys are looked for in too
        lower = stripped.lower()
        scanned, (tokens, count) = stripped, syllables_and_count(stripped, lower)
        reason = drop_reason(stripped, title, tokens=tokens, count=count, title_tokens=title_tokens, lower=lower)
        inline: list[Drop] | None = None
        if reason is DropReason.PHOTO_CAPTION:
            # "Caption. Ảnh: X Sáng 13/10, ...": a short line whose credit is followed by the story
            rest, inline = strip_inline(stripped, lower)
            if rest and any(d.reason is DropReason.PHOTO_CREDIT for d in inline):
                reason = None
        if reason is None and i + 1 < len(raw) and raw[i + 1] in _SEPARATORS and _is_separator_caption(raw, i):
            reason = DropReason.PHOTO_CAPTION
        key = " ".join(tokens)
        if reason is None and key in seen:
            reason = DropReason.DUPLICATE
            if is_headline_like(stripped):
                repeated_headline_at.add(seen[key])
        if reason is None and ended:
            reason = DropReason.AFTER_END
        if reason is not None:
            removed.append(Drop(stripped, reason))
            if reason is DropReason.BYLINE:
                after_byline = True
            if reason is DropReason.PHOTO_CAPTION:
                _drop_caption_before(kept, removed)
            after_credit = reason is DropReason.PHOTO_CAPTION
            if END_OF_ARTICLE.match(stripped) and story_syllables >= END_MIN_STORY_SYLLABLES:
                ended = True
            continue
        stripped, inline = (rest, inline) if inline is not None else strip_inline(stripped, lower)
        # lines cut since the last kept line, or a piece cut out of this one (a credit, a caption, a
        # source tag; not the "/." of a "./." ending): this line is not joined to the one before
        # (most lines have no inline cut: the tests over `inline` are asked only of one that has, and once)
        credited = bool(inline) and any(d.reason in _CREDIT_REASONS for d in inline)
        after_cut = len(removed) > removed_at_last_kept or (
            bool(inline) and any(d.reason is not DropReason.END_MARK for d in inline))
        if credited:
            _drop_caption_before(kept, removed)
        removed.extend(inline)
        if after_credit or not has_content:
            opened_with = len(removed)
            stripped = _drop_caption_opening(stripped, removed, after_credit)
            after_cut = after_cut or len(removed) > opened_with
        after_credit = credited and not stripped
        if not stripped:
            continue
        if stripped != scanned:
            scanned, (tokens, count) = stripped, syllables_and_count(stripped)
            key = " ".join(tokens)
        seen[key] = len(kept)
        dateline = split_dateline(stripped)
        if dateline and not has_content:
            # the article's own dateline ("VOV.VN - "): outlet furniture, not part of the lead sentence
            removed.append(Drop(dateline[0], DropReason.DATELINE))
            stripped = dateline[1]
        # a line after a cut one is never joined to the line before the cut: the joined sentence
        # would read words side by side that the article never put together ("Bão số 5 … đổ bộ")
        kept_syllables[len(kept)] = tokens if stripped == scanned else syllables(stripped, normalized=True)
        kept.append((stripped, after_byline or bool(dateline and has_content), bool(dateline) or after_cut))
        after_byline, has_content = False, True
        story_syllables += count if stripped == scanned else count_syllables(stripped)
        removed_at_last_kept = len(removed)
    _drop_signature(kept, removed)
    flagged = [(line, flag or (n in repeated_headline_at), fresh) for n, (line, flag, fresh) in enumerate(kept)]
    joined = [(p, flag, lines) for p, flag, lines in join_wrapped_lines(flagged) if p]
    cleaned = CleanedArticle(
        title=title,
        paragraphs=[p for p, _, _ in joined],
        breaks=frozenset(n for n, (_, flag, _) in enumerate(joined) if n > 0 and flag),
        removed=removed,
        published=_published(raw),
    )
    # a paragraph's syllables are its lines' (kept lines are only ever blanked afterwards, and a blank line
    # never joins a paragraph: a one-line paragraph is its line's text as scanned)
    if line_tokens is not None:
        for p, _, lines in joined:
            if len(lines) == 1:
                line_tokens[p] = kept_syllables[lines[0]]
    return cleaned, (without_numbers(title_tokens), [
        without_numbers(kept_syllables[lines[0]] if len(lines) == 1 else [t for n in lines for t in kept_syllables[n]])
        for _, _, lines in joined])


def _published(lines: list[str]) -> date | None:
    """The day of the page's own date line, which `drop_reason` cuts as a date stamp (issue 9 keeps its value).

    `lines` are the cleaner's: stripped lines of normalized text (`_stripped_lines`).
    """
    found = find_date_line(lines, normalized=True)
    return found.day if found else None
