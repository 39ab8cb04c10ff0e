"""Faithful sentence trimming: a leading filler phrase costs budget and says nothing.

A human reference is written in short sentences; an article's sentence often
opens with a discourse filler that only links it to the sentence before it in
its article: "Theo đó," (accordingly), "Cụ thể," (specifically), "Được biết,"
(it is known that), "Ngoài ra," / "Bên cạnh đó," / "Đồng thời," (besides, at
the same time). In a summary that link points at nothing, and the phrase takes
two to four syllables of the budget. `trim_sentence` drops it (and the comma
after it) and capitalises what follows; nothing else of the sentence changes.

Only additive, elaborative and hearsay fillers are trimmed, always (the
antecedent in the summary or not): dropping one leaves every claim of the
sentence as it was. Contrast ("Tuy nhiên"), consequence ("Do đó") and time
("Trước đó") openings state a relation or a time, so they stay; the story stage
still drops them when their antecedent is missing (`tomtat.order.coherence`).
Never trimmed: a phrase without its comma ("Cụ thể hóa ..." is a verb), a
sentence whose rest would be under MIN_REST_SYLLABLES syllables, would start
with punctuation or with a name written in lower case ("iPhone"). Parenthetical
asides are left alone: ViMs' references keep them (ages, places, acronyms: their
syllables carry 0.45 reference bigrams each against 0.40 for the sentences
around them, `python bench/selection.py --trim-oracle`). Nor are comma-bounded
segments that no other article reports (concepts of article df 1): they cost the
references few bigrams per syllable (0.073 vs 0.180 on ViMs), but they sit in
low-content sentences, and cutting them drew greedy to those sentences (ViMs CV
-0.08) or, in the sentences greedy chose, found almost none safe to cut
(`--segment-oracle`, the `segments-*` variants of bench/selection.py).

The selector sees every candidate at its trimmed length (`budget_lengths`), so
the budget holds what the summary shows; the summary shows the trimmed text as
an edit (`SummarySentence.edited`, the article's sentence in `original`). Credits,
dates and the timeline read the article's sentence as before, and the learned
scorer's features do not change. The model setting `"select": {"trim": false}`
(or `scores.selection["trim"] = False`) turns it off.

Measured (`python bench/selection.py --variants no-trim,anchor-0.5,random-cut-1`,
README "Design decisions"): on the 6-column `--cv 5` table, ViMs CV 40.61 ->
40.59, the other five columns +0.09 to +0.42; and above a control that makes the
same cuts at random candidates' openings in every column. With the round-5 labels
(per-reference positives, balanced joint training): ViMs CV 40.83 -> 40.69, joint
ViMs 40.33 -> 40.28, the four other columns +0.09 to +0.33. That ViMs cost is no
systematic loss (43 ViMs clusters won, 43 lost) and no one group's: it comes with
the ELABORATIVE and HEARSAY groups, which also carry half of AbMuSu's gain, so no
subset keeps the gains without it (`--per-fold --variants anchor-0.5,trim-additive,
trim-additive+elaborative,...`, README "Design decisions", session 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tomtat.text.tokens import syllables

if TYPE_CHECKING:
    import numpy as np

    from tomtat.represent import Representation
    from tomtat.score import Scores

# Openings that add, elaborate or report hearsay; each must be followed by a comma to be trimmed.
ADDITIVE: tuple[str, ...] = (
    "ngoài ra", "bên cạnh đó", "bên cạnh việc này", "đồng thời", "cùng với đó", "hơn nữa", "hơn thế nữa",
    "thêm vào đó", "không chỉ vậy", "không chỉ thế", "không những thế", "không những vậy", "chưa hết",
)
ELABORATIVE: tuple[str, ...] = ("theo đó", "cụ thể", "cụ thể là")
HEARSAY: tuple[str, ...] = ("được biết", "được biết thêm")
FILLERS: tuple[str, ...] = ADDITIVE + ELABORATIVE + HEARSAY
# what is left must still be a sentence ("Cụ thể, như sau." is not)
MIN_REST_SYLLABLES = 5
_QUOTES = "\"'“‘«"


def filler_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A leading `phrases` entry, its comma and the spaces after it (longest phrase first: "cụ thể là" before "cụ thể")."""
    return re.compile(
        r"(?:" + "|".join(sorted(map(re.escape, phrases), key=len, reverse=True)) + r")\s*,\s*"
        rf"(?=[\w{_QUOTES}])",
        re.IGNORECASE,
    )


_FILLER = filler_pattern(FILLERS)


def trim_sentence(text: str, pattern: re.Pattern[str] = _FILLER) -> str | None:
    """The sentence without its leading filler phrase, capitalised; None when there is nothing to trim.

    `pattern` (`filler_pattern`) picks the phrases: every `FILLERS` entry unless given (a subset is a
    measurement, `bench/selection.py`'s `trim-*` variants).

    >>> trim_sentence("Theo đó, giá xăng RON 95 tăng 410 đồng mỗi lít từ 15 giờ chiều nay.")
    'Giá xăng RON 95 tăng 410 đồng mỗi lít từ 15 giờ chiều nay.'
    >>> trim_sentence("Cụ thể hóa nghị quyết là việc cần làm ngay.") is None
    True
    """
    stripped = text.lstrip()
    m = pattern.match(stripped)
    if m is None:
        return None
    rest = stripped[m.end():]
    if len(syllables(rest, normalized=True)) < MIN_REST_SYLLABLES:
        return None
    first = rest.split(maxsplit=1)[0].lstrip(_QUOTES)
    if first[:1].islower() and any(ch.isupper() for ch in first[1:]):
        return None  # "iPhone", "mRNA", "eKYC": no capital for it, and no sentence may open in lower case
    for k, ch in enumerate(rest):  # capitalise the first letter, after any opening quote
        if ch.isalpha():
            return rest[:k] + ch.upper() + rest[k + 1:]
        if ch not in _QUOTES:
            break
    return rest


@dataclass(frozen=True)
class Trimmed:
    """Each candidate sentence as a summary shows it: the trimmed texts and every sentence's length."""

    texts: dict[int, str]  # sentence index -> its trimmed text (only the sentences that changed)
    lengths: np.ndarray  # syllables of every sentence as shown (rep.lengths where nothing was trimmed)

    def text(self, rep: Representation, i: int) -> str:
        return self.texts.get(i, rep.sentences[i].text)


def trimmed(rep: Representation) -> Trimmed:
    """The trimmed candidates of a representation (computed once: the story stage selects several times)."""
    found = rep.memo.get("trimmed")
    if found is None:
        found = rep.memo["trimmed"] = _trimmed(rep)
    return found


def _trimmed(rep: Representation) -> Trimmed:
    from tomtat.select.candidates import candidates

    texts: dict[int, str] = {}
    lengths = rep.lengths
    # a sentence repeated word for word (syndicated copies: the 100k bench cluster holds each about 5.6
    # times) is trimmed and counted once
    done: dict[str, tuple[str, int] | None] = {}
    for i in candidates(rep).tolist():
        text = rep.sentences[i].text
        if text in done:
            found = done[text]
        else:
            short = trim_sentence(text)
            found = done[text] = None if short is None else (short, len(syllables(short, normalized=True)))
        if found is not None:
            if not texts:
                lengths = lengths.copy()
            texts[i], lengths[i] = found
    lengths.flags.writeable = False
    return Trimmed(texts, lengths)


def enabled(scores: Scores) -> bool:
    """Whether this scorer's selection trims (the model file's `"select": {"trim": ...}`; on unless it says false)."""
    return bool(scores.selection.get("trim", True))


def shown(rep: Representation, scores: Scores) -> Trimmed | None:
    """`trimmed(rep)` when trimming is on for these scores, else None."""
    return trimmed(rep) if enabled(scores) else None


def budget_lengths(rep: Representation, scores: Scores) -> np.ndarray:
    """Syllables per sentence as the selector must count them: trimmed when trimming is on."""
    found = shown(rep, scores)
    return found.lengths if found is not None else rep.lengths
