"""Vietnamese sentence splitting of one line of text, respecting news-text conventions.

A boundary is end punctuation followed by whitespace and the start of a new
sentence (an upper-case letter, a digit, an opening quote or a dialogue dash).
Dots without a space after them ("13/4", "5.2", "1.550", "V.Putin", "VOV.VN",
"TP.HCM") never end a sentence, closing quotes and brackets stay with the
sentence they close, and common abbreviations ("TP. Hồ Chí Minh", "PGS. TS.")
do not end one either, and neither does a full stop inside a quotation that
closes later in the paragraph. A "!" or "?" that belongs to a brand name
("Yahoo! Mail", "Jeopardy! Online") ends nothing either: the word before it
and the capitalized word after it are both foreign (neither is a Vietnamese
syllable, `tomtat.text.orthography.is_syllable`), so the pair is one name, not
an exclamation followed by a new sentence ("Ôi! Nước lên rồi" is still split).

A sentence end with no space after it ("... đã ký.Theo đó ...", "... dao
bầu…Các đối tượng ...", "... nói.”Ông ...": a scraper or an editor dropped
the space) ends a sentence too, when it joins two Vietnamese words, a
lower-case one before and a capitalized one after (`_unglue`): "V.Putin",
"TP.HCM", "Q.Cầu Giấy", "VOV.VN", "vnexpress.net" and "5.2" stay whole. On
ViMs and AbMuSu-train 17 of the 873 sentences over 80 syllables were two
sentences glued so (`bench/candidates.py`), each then too long to be a
candidate.

Splitting only ever cuts at whitespace and strips it, or between a glued
sentence end and the next word: the non-space characters of the input come
out unchanged and in order.

It lives in `text/` rather than in the split stage because reading (is this
first line a title?) and cleaning (is this line one sentence?) ask it too.
"""

from __future__ import annotations

import re

from tomtat.text.orthography import is_syllable
from tomtat.text.punctuation import CLOSERS, OPENERS, SENTENCE_END

_ABBREVIATIONS = {
    "tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "ls", "th", "q", "p", "mr", "mrs", "ms",
    "dr", "st", "no", "tr", "vs", "ctv", "nxb", "bv", "ubnd", "hđnd", "tw", "vd", "tx", "ck",
}
_ABBREVIATION_ENDS = frozenset(a[-1] for a in _ABBREVIATIONS)
_END = re.escape(SENTENCE_END)
# end punctuation (".", "!", "?", runs of them, "…"), closers kept with it, then whitespace. The run
# starts where no end mark stands before it; that test follows the run's first mark, so the pattern opens
# on a character class and the regex engine skips straight to the next end mark (issue 11: scanning
# every position was half of the splitter's time).
_BOUNDARY = re.compile(rf"(?P<end>[{_END}](?<![{_END}][{_END}])[{_END}]*[{re.escape(CLOSERS)}]*)(?P<space>\s+)")
# a sentence end glued to the next word: end marks (and closers) right before a letter (`_unglue` decides)
# (the pattern opens on one end mark, so the regex engine skips straight to the marks: a look-behind for
# the letter first made the pass cost 0.41 ms per ViMs cluster, and "[marks]+" first 0.13; this 0.06)
_GLUED = re.compile(rf"[{_END}][{_END}]*[{re.escape(CLOSERS)}]*(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"(?:^|(?<=[^\w.@/-]))[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+(?![\w.@/-])")
_LAST_TOKEN = re.compile(r"([\w.]+)\W*$")
# "Yahoo!" + "Mail": a Latin word glued to the mark, then a capitalized Latin word
_NAME_BEFORE = re.compile(r"(?<![\w.])([A-Z][A-Za-z]+)$")
_NAME_AFTER = re.compile(r"([A-Z][A-Za-z]*)\b")


def _is_brand_mark(prefix: str, end: str, rest: str) -> bool:
    """Is this "!"/"?" part of a foreign brand name that goes on ("Yahoo! Mail")?"""
    if end not in ("!", "?"):
        return False
    before, after = _NAME_BEFORE.search(prefix), _NAME_AFTER.match(rest)
    return bool(before and after and not is_syllable(before.group(1)) and not is_syllable(after.group(1)))


def _starts_sentence(rest: str) -> bool:
    """Does the text after a candidate boundary look like the start of a sentence?"""
    i = 0
    while i < len(rest) and rest[i] in OPENERS:
        i += 1
    if i >= len(rest):
        return False
    ch = rest[i]
    if ch.isupper() or ch.isdigit():
        return True
    # a dialogue or list dash: "- Ông nói ..."
    return ch in "-–—" and i == 0 and rest[1:2].isspace()


def _last_token(text: str) -> str | None:
    """`_LAST_TOKEN.search(text).group(1).rstrip(".")`, read backwards from the end (None: no word character).

    The leftmost match of `([\\w.]+)\\W*$` is the run of word characters and
    dots holding the text's last word character (`\\w` is `str.isalnum` or
    "_"), up to that character once the dots are stripped; where the text has
    no word character the match is dots alone, which strip to nothing. A
    sentence end asks this of the 40 characters before it: the expression
    tried every one of them (a third of the splitter's time on long text).
    """
    if text[-1:].isalnum():
        # the usual case, a word right before the mark: when the last whitespace token is all letters and
        # digits, it is the run (a whitespace character is no word character and no dot)
        token = text.rsplit(None, 1)[-1]
        if token.isalnum():
            return token
    w = len(text) - 1
    while w >= 0 and not (text[w].isalnum() or text[w] == "_"):
        w -= 1
    if w < 0:
        return None
    p = w
    while p > 0 and (text[p - 1].isalnum() or text[p - 1] in "._"):
        p -= 1
    return text[p:w + 1]


def _is_abbreviation(prefix: str, end: str) -> bool:
    if end != ".":
        return False
    token = _last_token(prefix[-40:])
    if not token:
        return False
    last = token.rsplit(".", 1)[-1]
    # a lone initial ("J. Smith", "V. Putin") or a known abbreviation ("TP.", "PGS.TS.")
    if len(last) == 1 and last.isupper():
        return True
    return token.lower() in _ABBREVIATIONS or last.lower() in _ABBREVIATIONS


def _unglue(sentence: str) -> list[str]:
    """The sentence cut at each sentence end glued to a next sentence ("ký.Theo đó", "bầu…Các", "nói.”Ông").

    Only where the word before the mark is a lower-case Vietnamese syllable and
    the word after it a capitalized one, neither part of a longer dotted token
    (a domain, an e-mail address, an abbreviation such as "TP.HCM" or
    "Q.Cầu Giấy"), and not inside a quotation that closes later in the
    sentence (the rule `split_paragraph` follows at spaced ends).
    """
    pieces: list[str] = []
    start = 0
    for match in _GLUED.finditer(sentence):
        at, after = match.start(), match.end()
        if at <= start or not sentence[at - 1].islower():
            continue
        before, word = _WORD_BEFORE.search(sentence, start, at), _WORD_AFTER.match(sentence, after)
        if before is None or word is None:
            continue
        before, word = before.group(), word.group()
        if not (before.islower() and word[0].isupper() and (len(word) == 1 or word[1:].islower())
                and is_syllable(before) and is_syllable(word)):
            continue
        head = sentence[start:after]
        if (head.count("“") > head.count("”") and "”" in sentence[after:]) or (
                head.count('"') % 2 and '"' in sentence[after:]):
            continue
        pieces.append(head)
        start = after
    if not pieces:
        return [sentence]
    pieces.append(sentence[start:])
    return pieces


def split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one line of text, each stripped and non-empty.

    A full stop inside a quotation that closes later in the paragraph does not
    end a sentence: “A. B”, theo X. is one sentence, because splitting it would
    leave “A. on its own and an attribution with a dangling quote mark.
    """
    sentences: list[str] = []
    start = 0
    # quote marks seen since `start`, counted incrementally (linear time on any input), in a paragraph that
    # holds a closing one (found at the first boundary: most lines have none, and most paragraphs no quote)
    scanned, opened, closed, straight = 0, 0, 0, 0
    last_close = last_straight = -1
    quotes: bool | None = None
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end("end")
        if quotes is None:
            last_close, last_straight = paragraph.rfind("”"), paragraph.rfind('"')
            quotes = last_close >= 0 or last_straight >= 0
        if quotes:
            # (without a closing mark in the paragraph the counts decide nothing: `last_*` are -1)
            segment = paragraph[scanned:end]
            opened += segment.count("“")
            closed += segment.count("”")
            straight += segment.count('"')
            scanned = end
        after = match.end()
        # (`_starts_sentence`, whose answer is yes at once for a capital or a digit: the usual case)
        first = paragraph[after:after + 1]
        if not (first.isupper() or first.isdigit() or _starts_sentence(paragraph[after:after + 8])):
            continue
        if quotes and ((opened > closed and last_close >= after) or (straight % 2 and last_straight >= after)):
            continue
        mark = match.group("end")
        # (only a full stop ends an abbreviation, only a "!" or "?" a brand name)
        # (a full stop right after a letter or digit that is not upper case and whose lowercase ends no
        # abbreviation ends none: that character ends both the word before the mark and the part after the
        # word's last dot, and so ends their lowercase too, and a lone initial is upper case. Most sentences
        # end so ("này.", "đồng.", "2016."), and skip the call: on 200 articles of 100,000 characters it
        # ran 93k times, a third of the splitter's time.)
        at = match.start()
        before = paragraph[at - 1] if at > start else ""
        if mark == "." and not (before.isalnum() and not before.isupper() and before.lower()[-1] not in _ABBREVIATION_ENDS) \
                and _is_abbreviation(paragraph[max(start, at - 40): at], mark):
            continue
        if (mark == "!" or mark == "?") and _is_brand_mark(
                paragraph[max(start, match.start() - 40): match.start()], mark, paragraph[after: after + 40]):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            sentences.append(piece)
            start = after
            scanned, opened, closed, straight = start, 0, 0, 0
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    # (rare: most paragraphs have no end mark between a lower-case letter and a letter, and skip the pass)
    if _GLUED.search(paragraph) is not None and any(
            paragraph[m.start() - 1: m.start()].islower() for m in _GLUED.finditer(paragraph)):
        sentences = [piece for sentence in sentences for piece in _unglue(sentence)]
    return sentences
