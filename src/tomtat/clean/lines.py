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

Lines a scraper hard-wrapped mid-sentence are joined back (`join_wrapped`).

`clean_lines` returns its paragraphs as a `Paragraphs` list, which also records
structural hints for the off-topic tail detector (`breaks`): paragraphs that
follow a closing byline ("Theo Reuters"), "OUTLET - " dateline leads after the
first paragraph, and headlines the scraper repeated.
"""

from __future__ import annotations

from tomtat.clean.patterns import RELATED_HEADER, SYMBOL_ONLY, TERMINAL, HEADLINE_MAX_SYLLABLES
from tomtat.clean.shapes import drop_reason, is_dateline, is_headline_like, split_dateline
from tomtat.clean.wrapping import join_wrapped
from tomtat.split.sentences import split_paragraph
from tomtat.text.tokens import count_syllables, syllables

__all__ = ["Paragraphs", "clean_lines", "is_dateline", "is_headline_like", "split_dateline"]


class Paragraphs(list):
    """The cleaned paragraphs of one article, with structural hints for `drop_offtopic_tails`.

    `breaks` holds indices of paragraphs where, by layout, another article may
    start: after a closing byline, at a dateline lead after the first paragraph,
    at a headline the scraper repeated. They are hints, never cuts on their own.
    """

    breaks: frozenset[int] = frozenset()


def _drop_signature(kept: list[tuple[str, bool, bool]], removed: list[tuple[str, str]]) -> None:
    """Drop an author's signature ("Minh Anh", "THU HÀ") closing the article, in place."""
    content = [n for n, (line, _, _) in enumerate(kept) if line]
    if len(content) < 2:
        return
    last = kept[content[-1]][0]
    words = last.split()
    if not kept[content[-2]][0].endswith(TERMINAL):
        return  # it may be the end of a wrapped sentence ("... tại" / "Hà Nội")
    if (count_syllables(last) <= 5 and words and all(w[:1].isupper() for w in words)
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
        header = RELATED_HEADER.match(stripped)
        if header and (header.end() >= len(stripped)
                       or (header.group("sep").strip() and count_syllables(stripped[header.end():]) <= HEADLINE_MAX_SYLLABLES)):
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
            if is_headline_like(stripped) or SYMBOL_ONLY.match(stripped):
                block_headlines += 1
                removed.append((stripped, "related link"))
                continue
            if block_headlines and is_dateline(stripped) and count_syllables(stripped) <= 90 and len(split_paragraph(stripped)) <= 3:
                removed.append((stripped, "related-article teaser"))
                continue
            in_related = False
        reason = drop_reason(stripped, title)
        if reason is None and raw[i + 1: i + 2] and raw[i + 1] in {"|", "||", "¦"} \
                and stripped[:1].isupper() and count_syllables(stripped) <= 35 and len(split_paragraph(stripped)) == 1:
            previous = next((p for p in reversed(raw[:i]) if p), "")
            if not previous or previous.endswith(TERMINAL) or SYMBOL_ONLY.match(previous):
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
    joined = [(p, flag) for p, flag in join_wrapped(flagged) if p]
    paragraphs = Paragraphs(p for p, _ in joined)
    paragraphs.breaks = frozenset(n for n, (_, flag) in enumerate(joined) if n > 0 and flag)
    return paragraphs, removed
