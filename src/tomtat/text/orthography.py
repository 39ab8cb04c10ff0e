"""Vietnamese syllable structure: where a tone mark belongs, and what is a Vietnamese syllable.

A syllable is an initial consonant (possibly none), a vowel cluster and a final
consonant (possibly none). The tone mark sits on one vowel of the cluster, by
the standard orthography rules, in the traditional placement tomtat keeps
("hòa", "thủy", see `tomtat.text.normalize`):

1. a vowel with its own diacritic (ă â ê ô ơ ư) takes it; in "ươ" the "ơ";
2. else, with a final consonant, the last vowel ("hoàn", "huỳnh");
3. else, in an open cluster of three vowels, the middle one ("ngoái", "khuỷu");
4. else the first vowel ("hòa", "mía", "thủy", "núi").

"qu" and "gi" before a vowel are initials, so their "u" and "i" never take the
mark ("quý", "già", "giữa"); "gì" has no other vowel, so its "i" does.

Typing errors put the mark on the wrong vowel ("vơí", "điêụ", "qúa"); the two
spellings of one word would count as different tokens everywhere, so
`fix_tone_placement` moves the mark to where it belongs. Only a word that parses
as one Vietnamese syllable with one tone mark is touched: foreign words
("José", "Pokémon", "André") never parse and keep their accents.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_MODIFIED = set("ăâêôơư")
_VOWELS = set("aeiouy") | _MODIFIED
_INITIALS = sorted(
    ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
     "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"],
    key=len, reverse=True,
)
_FINALS = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"}
# every vowel cluster of the language (glides included), open or before a final consonant
_CLUSTERS = set(
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu yêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu".split()
)
# clusters that end in a glide ("ai", "êu", "ươi"; "uy" is a vowel pair: "huỳnh") or in an open "a" ("mía", "mùa", "mưa") take no
# final consonant: "Xêút" is two syllables run together (Xê-út), not one
_OPEN_ONLY = {c for c in _CLUSTERS if len(c) > 1 and c[-1] in "iyou" and c not in {"oo", "uy"}} | {"ia", "ua", "ưa", "uya"}


@lru_cache(maxsize=1 << 12)
def _letter(ch: str) -> tuple[str, str] | None:
    """(lowercase letter with its vowel diacritic but no tone, tone mark or "") of one character.

    Remembered: text holds a few hundred distinct characters, and `fix_tone_placement` asks this of
    every character of every new word (two NFD/NFC round trips a character were most of its time).
    """
    decomposed = unicodedata.normalize("NFD", ch.lower())
    tones = [m for m in decomposed if m in TONE_MARKS]
    if len(tones) > 1:
        return None
    base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
    if len(base) != 1 or not (base in _VOWELS or base in "bcdđghklmnpqrstvx"):
        return None
    return base, (tones[0] if tones else "")


def _split(plain: str) -> tuple[str, str, str] | None:
    """(initial, vowel cluster, final) of a toneless lowercase syllable, None when it is not one."""
    initial = next((i for i in _INITIALS if plain.startswith(i)), "")
    rest = plain[len(initial):]
    if initial == "gi" and not any(c in _VOWELS for c in rest):
        initial, rest = "g", plain[1:]  # "gì", "gìn": the i is the vowel
    if initial == "qu" and not rest:
        return None
    n = 0
    while n < len(rest) and rest[n] in _VOWELS:
        n += 1
    cluster, final = rest[:n], rest[n:]
    if cluster not in _CLUSTERS or final not in _FINALS or (final and cluster in _OPEN_ONLY):
        return None
    return initial, cluster, final


def tone_position(cluster: str, final: str) -> int:
    """Index in `cluster` of the vowel that carries the tone mark (traditional placement)."""
    modified = [i for i, c in enumerate(cluster) if c in _MODIFIED]
    if modified:
        return modified[-1]  # "ươ": the ơ; "ưu": the ư; "uyê": the ê
    if final:
        return len(cluster) - 1
    if len(cluster) == 3:
        return 1
    return 0


def is_syllable(word: str) -> bool:
    """Is `word` (one token, any case, tone marks allowed) a possible Vietnamese syllable?"""
    letters = [_letter(ch) for ch in word]
    if not letters or any(x is None for x in letters):
        return False
    return _split("".join(x[0] for x in letters)) is not None


@lru_cache(maxsize=65536)
def fix_tone_placement(word: str) -> str:
    """The syllable with its tone mark on the vowel that carries it; any other word unchanged.

    "vơí" -> "với", "điêụ" -> "điệu", "qúa" -> "quá", "Hoà" -> "Hòa"; "José", "hello" unchanged.
    """
    letters = [_letter(ch) for ch in word]
    if any(x is None for x in letters):
        return word
    tones = [(i, t) for i, (_, t) in enumerate(letters) if t]
    if len(tones) != 1:
        return word
    parts = _split("".join(base for base, _ in letters))
    if parts is None:
        return word
    initial, cluster, final = parts
    target = len(initial) + tone_position(cluster, final)
    at, tone = tones[0]
    if at == target or letters[at][0] not in _VOWELS:
        return word
    out = []
    for i, (ch, (base, _)) in enumerate(zip(word, letters)):
        letter = unicodedata.normalize("NFC", base + tone) if i == target else base
        out.append(letter.upper() if ch.isupper() else letter)
    return "".join(out)
