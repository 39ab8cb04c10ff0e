"""Unicode normalization: NFC plus one tone-mark convention.

Vietnamese text in the wild mixes composed and decomposed code points and two
conventions for where the tone mark sits in "oa", "oe", "uy" ("hòa" vs "hoà").
Two spellings of one word would count as different tokens in every comparison
(redundancy, ROUGE, concept counting), so all text goes through `normalize`
before anything compares it. We keep the traditional placement ("hòa", "thúy"),
the one most Vietnamese newsrooms use.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# new-style "oà", "oé", "uỳ" at the end of a syllable -> old-style "òa", "óe", "ùy".
# A letter after the pair (hoàn, khuyến) means the mark was already on the right vowel;
# another combining mark after the tone (NFD puts the dot below before the circumflex
# in "luận") means the vowel is "â"/"ê", not a plain "a"/"e".
_NEW_STYLE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_]|[\u0300-\u036f])",
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")


def normalize(text: str) -> str:
    """NFC, traditional tone placement, plain spaces; line breaks are kept."""
    text = unicodedata.normalize("NFD", text)
    text = _NEW_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")
