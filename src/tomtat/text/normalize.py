"""Unicode normalization: NFC plus one tone-mark convention.

Vietnamese text in the wild mixes composed and decomposed code points, two
conventions for where the tone mark sits in "oa", "oe", "uy" ("hòa" vs "hoà"),
and typing errors that put the mark on the wrong vowel ("vơí", "điêụ"). Two
spellings of one word would count as different tokens in every comparison
(redundancy, ROUGE, concept counting), so all text goes through `normalize`
before anything compares it. We keep the traditional placement ("hòa", "thúy"),
the one most Vietnamese newsrooms use, and move a misplaced mark to the vowel
the orthography rules give it (`tomtat.text.orthography`). On all of ViMs
(1,950 articles, their titles and 1,200 references) that moves the mark in 9
words ("lọat" -> "loạt", "Tòan" -> "Toàn", "qúy" -> "quý", "gỉang" -> "giảng",
"Nọoc" -> "Noọc", ...), on AbMuSu-train in 2 ("Gía" -> "Giá"), and changes no
other word; normalize is idempotent on both corpora.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from functools import lru_cache

from tomtat.text.orthography import TONE_MARKS, fix_tone_placement

_TONES = TONE_MARKS
# new-style "oà", "oé", "uỳ" at the end of a syllable -> old-style "òa", "óe", "ùy".
# A letter after the pair (hoàn, khuyến) means the mark was already on the right vowel;
# another combining mark after the tone (NFD puts the dot below before the circumflex
# in "luận") means the vowel is "â"/"ê", not a plain "a"/"e".
# (The "not after q" test comes after the "o"/"u" it guards, so the pattern opens on a character class and
# the regex engine skips to the next "o"/"u" instead of trying every position: 5x faster on NFD text.)
_NEW_STYLE = re.compile(
    rf"([oOuU])(?<![qQ][oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])",
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
# `_SPACES` changes a text only where it holds two spaces in a row or a space that is not a plain one
# (most texts hold neither, and the substitution rebuilt every text: 75 ns a character)
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]")
# `_NEW_STYLE` as it shows in NFC text: a plain "o"/"u", then "a"/"e"/"y" carrying a tone mark (composed
# or not), at the end of a word. In NFC text it matches wherever `_NEW_STYLE` would match the NFD form
# (it may match more, never less): text that is NFC with no match needs neither NFD, the swap, nor NFC
# again, which were two thirds of normalizing already-normalized text.
_TONED_AEY = "".join(unicodedata.normalize("NFC", base + tone) for base in "aAeEyY" for tone in _TONES)
_NEW_STYLE_NFC = re.compile(
    rf"[oOuU](?<![qQ][oOuU])(?:[{_TONED_AEY}]|[aAeEyY][{_TONES}])(?![^\W\d_]|[\u0300-\u036f])",
)
_INVISIBLE = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")
# what `_INVISIBLE` drops, what `_ODD_SPACE` finds, and a carriage return
_UNUSUAL = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad\t\u00a0\u2000-\u200b\u202f\u205f\u3000\r]")
# a whole word: letters only, with no letter, digit or stray combining mark on either side
# (a word with a stray combining mark is not well-formed text, and is left alone)
_WORD = re.compile(r"(?<![\w\u0300-\u036f])[^\W\d_]+(?![\w\u0300-\u036f])")


@lru_cache(maxsize=1 << 12)
def _misplaced(token: str) -> tuple[str, ...]:
    """The words of one whitespace token whose tone mark is misplaced (almost always none).

    An ASCII token has no tone mark to misplace (its characters decompose to themselves).
    """
    if token.isascii():
        return ()
    words = [token] if token.isalpha() else _WORD.findall(token)
    return tuple(w for w in words if fix_tone_placement(w) != w)


# Tokens known to hold no misplaced tone mark: nearly every token of real text, and a cluster repeats a few
# thousand of them. A text's distinct tokens are looked up here in one C set operation, and only the new
# ones are checked (`_misplaced`); that check over every token was a third of the clean stage on ViMs, and
# a Python loop of cached lookups over each text's distinct tokens still 20 ns a character. Emptied when
# full (at most ~30 MB of short strings).
_WELL_PLACED: set[str] = set()
_WELL_PLACED_MAX = 1 << 18


def _fix_tones(text: str, tokens: list[str] | None = None) -> str:
    """Every word with a misplaced tone mark respelled (`fix_tone_placement`).

    Looks at each distinct whitespace token not known to be well placed, and
    substitutes only the misplaced words themselves: one alternation of them,
    bounded like `_WORD`, so an occurrence is exactly a `_WORD` match. (The
    substitution used to call back into Python for every word of a text
    holding one misplaced word: 330 ns a character on 60 raw ViMs clusters.)
    `tokens` is `text.split()` when the caller has it; the text itself is
    returned when no word is misplaced.
    """
    tokens = text.split() if tokens is None else tokens
    # a text whose every token is known (one normalized before: validation's sample, a title, the same text
    # asked again) is answered by one C pass over its tokens that builds no set: half the time of the set
    # and its difference (15-19 -> 7-9 ms over the 407 articles of 60 ViMs clusters); a text with a new token
    # stops that pass there (normalizing 300 raw ViMs clusters' articles once: the same time within noise)
    if _WELL_PLACED.issuperset(tokens):
        return text
    bad = set()
    well_placed = []
    for token in set(tokens).difference(_WELL_PLACED):
        misplaced = _misplaced(token)
        if misplaced:
            bad.update(misplaced)
        else:
            well_placed.append(token)
    if well_placed:
        if len(_WELL_PLACED) + len(well_placed) > _WELL_PLACED_MAX:
            _WELL_PLACED.clear()
        _WELL_PLACED.update(well_placed)
    if not bad:
        return text
    words = re.compile(
        r"(?<![\w\u0300-\u036f])(?:" + "|".join(map(re.escape, sorted(bad, key=len, reverse=True)))
        + r")(?![\w\u0300-\u036f])")
    return words.sub(lambda m: fix_tone_placement(m.group(0)), text)


# Whole articles are normalized by several stages (validation's language and duplicate checks, the outlet
# finder, cleaning): the last few long texts are remembered. 32 entries of 100,000 characters hold < 13 MB.
# (A dict in use order rather than `lru_cache`, so that a stage can ask for a text only if it is there:
# `remembered`.)
_REMEMBER_FROM = 256  # characters; shorter texts are cheaper to redo than to look up
_REMEMBERED = 32
_LONG: OrderedDict[str, str] = OrderedDict()


def normalize(text: str) -> str:
    """NFC, traditional tone placement, plain spaces; line breaks are kept."""
    if len(text) < _REMEMBER_FROM:
        return _normalize(text)
    out = remembered(text)
    if out is None:
        out = _normalize(text)
        _remember(text, out)
    return out


def remembered(text: str) -> str | None:
    """`normalize(text)` when it is remembered (a long text normalized lately), else None; computes nothing."""
    out = _LONG.get(text)
    if out is not None:
        try:
            _LONG.move_to_end(text)
        except KeyError:  # (dropped by another thread meanwhile: still the right answer)
            pass
    return out


def normalize_words(text: str) -> tuple[str, list[str]]:
    """`normalize(text)` and its whitespace tokens (`normalize(text).split()`), the text split once.

    The tone-mark check splits the text into tokens anyway (`_fix_tones`); they
    are the normalized text's own unless a tone fix or a space substitution
    changed it afterwards (carriage returns turning into line breaks change no
    token). Validation needs each article's words for its language and
    duplicate checks: splitting the text a second time was 0.24 ms of ~13 ms a
    ViMs cluster.
    """
    if len(text) >= _REMEMBER_FROM:
        out = remembered(text)
        if out is not None:
            return out, out.split()
    out, tokens = _normalize_words(text)
    if len(text) >= _REMEMBER_FROM:
        _remember(text, out)
    return out, out.split() if tokens is None else tokens


def _remember(text: str, out: str) -> None:
    _LONG[text] = out
    while len(_LONG) > _REMEMBERED:
        try:
            _LONG.popitem(last=False)
        except KeyError:  # (emptied by another thread meanwhile)
            break


def _normalize(text: str) -> str:
    return _normalize_words(text)[0]


def _normalize_words(text: str) -> tuple[str, list[str] | None]:
    """The normalized text, and its `split()` where the tone check's tokens are still its own (else None).

    Text with none of the `_UNUSUAL` characters (most text) has nothing
    invisible to drop, no odd space and no carriage return: one scan for them
    replaces the three. (Only the NFD/NFC round trip could bring an odd space
    in, from U+2000/U+2001, which are odd spaces themselves; it is checked
    for after the round trip all the same.) Every `_UNUSUAL` character is
    unprintable (tests/test_text.py checks every code point), so a text that
    is printable but for its line breaks holds none: `str.isprintable` answers
    in C what the search answered (0.08 -> 0.04 ms per ViMs cluster).
    """
    unusual = not text.replace("\n", " ").isprintable() and _UNUSUAL.search(text) is not None
    if unusual:
        text = _INVISIBLE.sub("", text)
    if not (unicodedata.is_normalized("NFC", text) and _NEW_STYLE_NFC.search(text) is None):
        text = unicodedata.normalize("NFD", text)
        text = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
        text = unicodedata.normalize("NFC", text)
        unusual = True
    tokens: list[str] | None = text.split()
    fixed = _fix_tones(text, tokens)  # (respells letters only: no space comes or goes)
    if fixed is not text:
        text, tokens = fixed, None
    if "  " in text or (unusual and _ODD_SPACE.search(text)):
        # (a zero-width space is no whitespace to `split`, but `_SPACES` makes it one)
        text, tokens = _SPACES.sub(" ", text), None
    return text.replace("\r\n", "\n").replace("\r", "\n") if unusual and "\r" in text else text, tokens
