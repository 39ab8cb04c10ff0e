"""Sentences that do not stand alone: back-reference openings and relative dates.

An extractive summary lifts sentences out of their articles. A sentence that
opens with "Tuy nhiên" (however), "Điều này" (this), "Trước đó" (before
that) or a bare "Ông Putin" points at something the reader was told just
before it in the article; if that is not in the summary, the pointer dangles.
Issue 9 measured about one summary sentence in nine opening this way on a
whole benchmark (`python bench/coherence.py` counts it today).

The openings, each with its kind:

- `connective`: discourse links to the previous sentence, whose removal
  leaves a sentence that still says something true on its own. Contrast
  (Tuy nhiên, Tuy vậy, Tuy thế, Dù vậy, Dù thế, Thế nhưng, Nhưng, Song, Mặt
  khác, Trong khi đó, Ngược lại), addition (Ngoài ra, Bên cạnh đó, Đồng thời,
  Hơn nữa, Thêm vào đó, Cùng với đó, Không chỉ vậy, Không những thế, Chưa
  hết, Thậm chí, Và, Cũng, Còn ông/bà/...), consequence (Do đó, Do vậy, Vì
  vậy, Vì thế, Bởi vậy, Chính vì vậy/thế, Vì lẽ đó, Từ đó, Nhờ đó, Như vậy,
  Vậy là, Kết quả là, Theo đó), elaboration (Cụ thể, Tương tự).
- `temporal`: a time fixed by the previous sentence (Trước đó, Sau đó, Ngay
  sau đó, Tiếp đó, Khi đó, Lúc đó, Lúc này, Cùng ngày, Cùng lúc, Cùng thời
  điểm, Cũng trong ngày). Also droppable: the sentence loses its "when", which
  the dates stage can restore, but nothing it states becomes false. Only the
  listed phrases are dropped, never a noun phrase ("Cùng năm đó").
- `anaphor`: a noun phrase or pronoun whose referent was named before: Điều
  này/đó, Việc này/đó, Đây, Đó, Họ, Nó, Chúng (not "Chúng tôi/ta"), Tại
  đây, Ở đó, Trong đó, Ông/Bà/Người/Anh/Chị/Vị này, and any short noun
  phrase closed by "này", "đó", "ấy" or "nói trên" ("Hiệp ước này", "Vụ tai nạn
  nói trên", "Tại cuộc họp này"). A time phrase with "này" means now and
  counts as nothing ("Tuần này", "Lần này", "Tính đến thời điểm này"); with
  "đó"/"ấy" it points back to a time and counts as `temporal` ("Năm đó",
  "Vài ngày sau đó"). Indefinites ("Đâu đó", "Ai đó") count as nothing. Not
  droppable: without the referent the sentence has no subject (or time).
- `person`: "Ông"/"Bà"/"Anh"/"Chị" followed by a single name word ("Ông
  Biden", "Bà Psaki", "Anh Tuấn"): Vietnamese news gives the full name
  ("Tổng thống Joe Biden", "ông Nguyễn Văn Tuấn") at first mention and the
  short form after it. Resolved when the name appears earlier in the summary.
- `quote`: a sentence that is nothing but a quotation, its speaker named in
  the sentence before or after it.
- `additive`: a named subject (capitalised words and titles: "Tổng thống
  Putin", "Hai lãnh đạo", "Hà Nội") followed by "cũng" (also) or by "còn" and
  a verb of saying or doing ("còn chúc mừng", "còn cho biết"): the "also"
  points at the previous sentence. "Còn" before anything else means "still"
  or "remaining" ("Hà Nội còn 5 ca") and counts as nothing. Droppable by
  removing that one word.

Counting rule (`dangling_sentences`): a `person` sentence dangles unless its
name occurs in an earlier summary sentence; every other kind dangles unless
its article's previous sentence is in the summary before it (for a quote:
its previous or next sentence, anywhere in the summary).

`relative_date` finds the other thing a lifted sentence loses: "hôm qua",
"sáng nay", "tuần trước" mean nothing once the article's date is gone, unless
the sentence also gives the date ("hôm qua (13/4)").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from tomtat.text.normalize import normalize
from tomtat.text.tokens import syllables

CONNECTIVE = "connective"
TEMPORAL = "temporal"
ANAPHOR = "anaphor"
PERSON = "person"
QUOTE = "quote"
ADDITIVE = "additive"
KINDS = (CONNECTIVE, TEMPORAL, ANAPHOR, PERSON, QUOTE, ADDITIVE)
DROPPABLE = frozenset({CONNECTIVE, TEMPORAL, ADDITIVE})
MIN_STANDALONE_SYLLABLES = 5  # "Ông nói vậy." is no sentence to keep once its connective is gone

_END = r"(?![\w])"
# Fixed openings, tried in this order (longer phrases before their prefixes: "Trong khi đó" before "Trong đó").
OPENINGS: tuple[tuple[str, str], ...] = (
    # connectives
    (CONNECTIVE, "tuy nhiên|tuy vậy|tuy thế|dù vậy|dù thế|mặc dù vậy|thế nhưng|nhưng mà|nhưng rồi|nhưng"),
    (CONNECTIVE, "trong khi đó|ngược lại|mặt khác|song(?=\\s*,)"),
    (CONNECTIVE, "ngoài ra|bên cạnh đó|bên cạnh việc này|đồng thời|hơn nữa|hơn thế nữa|thêm vào đó|cùng với đó"),
    (CONNECTIVE, "không chỉ vậy|không chỉ thế|không những thế|không những vậy|chưa hết|thậm chí"),
    (CONNECTIVE, "do đó|do vậy|vì vậy|vì thế|bởi vậy|bởi thế|chính vì vậy|chính vì thế|vì lẽ đó|từ đó|nhờ đó"),
    (CONNECTIVE, "như vậy|vậy là|vậy nên|kết quả là|theo đó|cụ thể|tương tự|và"),
    (TEMPORAL, "trước đó|ngay sau đó|sau đó|tiếp đó|tiếp theo đó|khi đó|lúc đó|lúc này|cùng ngày|cùng lúc"),
    (TEMPORAL, "cùng thời điểm|cũng trong ngày|cũng trong sáng|cũng trong chiều|cũng trong tối|cũng vào ngày"),
    (CONNECTIVE, "cũng(?!\\s+như" + _END + ")"),
    (CONNECTIVE, "còn(?=\\s*,|\\s+(?:ông|bà|anh|chị|theo|với|về|tại|ở|đối với|phía|các|những|người|họ|nếu|trong"
                 "|khi)" + _END + ")"),
    # anaphors
    (ANAPHOR, "điều này|điều đó|điều ấy|việc này|việc đó|việc ấy|tại đây|tại đó|ở đây|ở đó|trong đó|trong số đó"),
    (ANAPHOR, "(?:ông|bà|anh|chị|cô|người|vị|nhân vật|đối tượng|những người|các đối tượng|cả hai)\\s+(?:này|ấy|đó)"),
    (ANAPHOR, "đây|đó|đấy|họ|nó|chúng(?!\\s+(?:tôi|ta|mình|em|con|cháu)" + _END + ")"),
)
_COMPILED = [(kind, re.compile(f"(?:{pattern}){_END}", re.IGNORECASE)) for kind, pattern in OPENINGS]
# the same, as one pattern of alternatives tried in that order: the first that matches at the start is
# the one the list gives (one match call instead of up to 13; the group says which)
_ANY_OPENING = re.compile("|".join(f"(?P<o{n}>{p.pattern})" for n, (_, p) in enumerate(_COMPILED)), re.IGNORECASE)
_TIME_NOUNS = (
    "ngày|hôm|tuần|tháng|năm|sáng|trưa|chiều|tối|đêm|lúc|dịp|mùa|thời|thời điểm|thời gian|giờ|hiện|kỳ|quý"
    "|giai đoạn|thập niên|thế kỷ"
)
# "Hiệp ước này", "Vụ tai nạn nói trên", "Tại cuộc họp này": at most one preposition, then up to four words
_DEMONSTRATIVE = re.compile(
    rf"(?:(?:tại|trong|với|qua|ở|sau|trước|từ|theo|về|đối với)\s+)?"
    rf"(?:[\w-]+\s+){{1,4}}?(?:này|đó|ấy|nói trên){_END}",
    re.IGNORECASE,
)
# "Ông Biden nói", "Bà Psaki cho biết": one capitalised name word (checked in `_person`), then a lower-case word
_PERSON = re.compile(r"(ông|bà|anh|chị)\s+([\w-]+)(?=[\s,;:]|$)\s*(\S?)", re.IGNORECASE)
# places and countries that read like a title and a name
_NOT_PEOPLE = frozenset({"anh quốc", "bà rịa", "bà đen", "bà nà", "bà chiểu", "bà điểm", "bà huyện", "ông lãnh"})
# single-word connectives that are also the first syllable of a name or a verb: a lower-case word must follow
_LOWER_AFTER = re.compile(r"(song|còn)\s+(\S)", re.IGNORECASE)
# "Tổng thống Putin còn chúc mừng ...", "Hai lãnh đạo cũng đề cập ...": a named subject, then "còn"/"cũng" (also)
_SUBJECT_WORDS = frozenset(
    "tổng thống thủ tướng bộ trưởng chủ tịch giám đốc thư ký người phát ngôn viên lãnh đạo ông bà anh chị hai các"
    " phía nhà đại diện sứ tư lệnh quan chức hãng công ty tập đoàn".split()
)
_ADDITIVE = re.compile(r"((?:[\w.-]+\s+){1,5}?)(còn|cũng)\s+(\S+(?:\s+\S+)?)")
# verbs after which "còn" means "also" rather than "still"/"remaining" ("ông A còn sống", "Hà Nội còn 5 ca")
_ALSO_VERBS = frozenset(
    "cho biết nói chúc mừng cho rằng khẳng định nhấn mạnh đề nghị yêu cầu kêu gọi tuyên bố bày tỏ đề cập thông báo"
    " cảnh báo chỉ trích cáo buộc mời gửi tiết lộ thừa nhận cam kết đề xuất công bố ký".split()
)
_INDEFINITE = frozenset({"đâu", "nào", "gì", "ai"})
_BULLET = re.compile(r"^[\s\-–—•*+]+(?=\S)")
_QUOTE_OPEN = "\"“«„'‘"
_QUOTE_CLOSE = "\"”»'’"


@dataclass(frozen=True)
class Opening:
    """A back-reference at the start of a sentence."""

    kind: str  # one of KINDS
    text: str  # the opening as written ("Tuy nhiên", "Ông Biden", or the whole quote)
    end: int  # where the opening ends in the normalized sentence
    name: str | None = None  # the name of a `person` opening
    fixed: bool = True  # one of the listed phrases (only those can be dropped), not a noun phrase ending in "này"


def _strip(sentence: str, normalized: bool = False) -> str:
    return _BULLET.sub("", (sentence if normalized else normalize(sentence)).strip())


def _is_quote(text: str) -> bool:
    """The whole sentence is one quotation: it opens with a quote mark and closes right before its end."""
    if not text or text[0] not in _QUOTE_OPEN:
        return False
    body = text.rstrip(".!?… ")
    return len(body) > 1 and body[-1] in _QUOTE_CLOSE and not any(q in body[1:-1] for q in "”»")


def find_opening(sentence: str, normalized: bool = False, memo: dict | None = None) -> Opening | None:
    """The back-reference a sentence opens with, or None if it opens on its own.

    `normalized`: the sentence is already `normalize`d (every sentence of a
    representation is), so it is not normalized again: that was two thirds of
    the time of a call. `memo`: a dict the caller keeps for one cluster (the
    story stage checks the same sentences again on every selection it tries,
    the timeline some of them once more: a third of the calls on ViMs were
    repeats), holding each sentence's answer.
    """
    if memo is None:
        return _find_opening(sentence, normalized)
    key = (sentence, normalized)
    if key not in memo:
        memo[key] = _find_opening(sentence, normalized)
    return memo[key]


def _find_opening(sentence: str, normalized: bool) -> Opening | None:
    text = _strip(sentence, normalized)
    if _is_quote(text):
        return Opening(QUOTE, text, len(text))
    m = _ANY_OPENING.match(text)
    if m:
        return Opening(_COMPILED[int(m.lastgroup[1:])][0], m.group(0), m.end())
    m = _ADDITIVE.match(text)
    if m and m.group(1)[:1].isupper():
        words = m.group(1).split()
        if all(w[:1].isupper() or w.lower() in _SUBJECT_WORDS for w in words):
            following = m.group(3).lower()
            if m.group(2).lower() == "cũng" or following in _ALSO_VERBS or following.split()[0] in _ALSO_VERBS:
                return Opening(ADDITIVE, m.group(0)[: m.end(2)], m.end(2), fixed=True)
    m = _LOWER_AFTER.match(text)
    if m:
        word, following = m.group(1), m.group(2)
        # "Song kết quả ..." (but not "Song Hye-kyo"), "Còn Hà Nội thì ..." (but not "Còn nhiều việc")
        if (word.lower() == "song" and following.islower()) or (word.lower() == "còn" and following.isupper()):
            return Opening(CONNECTIVE, word, len(word))
    m = _PERSON.match(text)
    if m and m.group(2)[:1].isupper() and "." not in m.group(2) and not m.group(3)[:1].isupper():
        if f"{m.group(1)} {m.group(2)}".lower() not in _NOT_PEOPLE:
            return Opening(PERSON, text[: m.end(2)], m.end(2), m.group(2))
    m = _DEMONSTRATIVE.match(text)
    if m:
        words = m.group(0).lower().split()
        before = " ".join(words[-3:-1])
        if words[-2] in _INDEFINITE:
            return None  # "Đâu đó", "Ai đó": somewhere, someone
        if re.search(rf"(?:^|\s)(?:{_TIME_NOUNS}|lần|sau|trước)$", before):
            # "thời điểm này", "lần này" mean now; "năm đó", "vài ngày sau đó" point back to a time
            return None if words[-1] == "này" else Opening(TEMPORAL, m.group(0), m.end(), fixed=False)
        return Opening(ANAPHOR, m.group(0), m.end(), fixed=False)
    return None


def _mentions(name: str, earlier: Iterable[str]) -> bool:
    pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
    return any(pattern.search(normalize(text)) for text in earlier)


def dangling_opening(sentence: str, earlier: Sequence[str] = (), normalized: bool = False,
                     memo: dict | None = None) -> str | None:
    """The kind of back-reference the sentence opens with, or None.

    `earlier` is what the reader has read before it (the summary's previous
    sentences): it resolves a `person` opening whose name it mentions. The
    other kinds need their article's previous sentence, which only the caller
    knows (see `dangling_sentences`), so they are always returned.
    `normalized`: the sentence is already normalized, `memo` a cluster's answers (see `find_opening`).
    """
    opening = find_opening(sentence, normalized, memo)
    if opening is None:
        return None
    if opening.kind == PERSON and opening.name and _mentions(opening.name, earlier):
        return None
    return opening.kind


def _capitalize(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1:]
        if ch not in _QUOTE_OPEN + "( ":
            break
    return text


def drop_connective(sentence: str, earlier: Sequence[str] = (), normalized: bool = False,
                    memo: dict | None = None) -> str | None:
    """The sentence without its leading connective, capitalised, if that stands alone; else None.

    None when the sentence opens with no connective (or with a back-reference
    that cannot be dropped), when what is left is shorter than
    MIN_STANDALONE_SYLLABLES, or when it opens with another back-reference
    ("Tuy nhiên, điều này ..." leaves "Điều này ...") not resolved by `earlier`.

    >>> drop_connective("Tuy nhiên, giá xăng dầu trong nước vẫn được giữ ổn định.")
    'Giá xăng dầu trong nước vẫn được giữ ổn định.'

    `normalized`: the sentence is already normalized, `memo` a cluster's answers (see `find_opening`).
    """
    opening = find_opening(sentence, normalized, memo)
    if opening is None or opening.kind not in DROPPABLE or not opening.fixed:
        return None
    text = _strip(sentence, normalized)
    if opening.kind == ADDITIVE:  # "Tổng thống Putin còn chúc mừng ..." -> "Tổng thống Putin chúc mừng ..."
        start = opening.end - len(opening.text.split()[-1])
        rest = text[:start].rstrip() + " " + text[opening.end:].lstrip()
        return None if dangling_opening(rest, earlier, memo=memo) else rest
    rest = text[opening.end:].lstrip(" ,;:–—-").strip()
    if len(syllables(rest, normalized=True)) < MIN_STANDALONE_SYLLABLES:
        return None
    rest = _capitalize(rest)
    if dangling_opening(rest, earlier, memo=memo):
        return None
    return rest


class Placed(Protocol):
    """What `dangling_sentences` reads of a summary sentence (SummarySentence has it)."""

    text: str
    article: int
    position: int


def dangling_sentences(sentences: Sequence[Placed]) -> list[tuple[int, str]]:
    """(index, kind) of each summary sentence whose back-reference has no antecedent in the summary.

    Sentences are taken in summary order. A `person` opening is resolved by
    its name in an earlier summary sentence; any other opening by its
    article's previous sentence placed earlier in the summary (for a quote,
    the previous or the next one, anywhere in the summary).
    """
    placed = {(s.article, s.position) for s in sentences}
    seen: set[tuple[int, int]] = set()
    found = []
    for i, s in enumerate(sentences):
        kind = dangling_opening(s.text, [t.text for t in sentences[:i]])
        if kind == QUOTE:
            resolved = (s.article, s.position - 1) in placed or (s.article, s.position + 1) in placed
        elif kind is not None and kind != PERSON:
            resolved = (s.article, s.position - 1) in seen
        else:
            resolved = kind is None
        if not resolved:
            found.append((i, kind))
        seen.add((s.article, s.position))
    return found


# Relative dates, with the scale of the explicit date that places them.
RELATIVE_DATES: tuple[tuple[str, str], ...] = (
    ("day", "hôm qua|hôm nay|hôm kia|ngày mai|ngày kia|sáng nay|trưa nay|chiều nay|tối nay|đêm nay|sáng qua"),
    ("day", "trưa qua|chiều qua|tối qua|đêm qua|rạng sáng nay|sáng mai|chiều mai|tối mai"),
    ("week", "tuần trước|tuần qua|tuần này|tuần sau|tuần tới"),
    ("month", "tháng trước|tháng này|tháng sau|tháng tới"),
    ("year", "năm ngoái|năm trước|năm nay|năm sau|năm tới"),
)
_RELATIVE = [(scale, re.compile(rf"(?<![\w])(?:{p}){_END}", re.IGNORECASE)) for scale, p in RELATIVE_DATES]
# explicit dates: "13/4", "13-4-2021", "(13.4)", "ngày 13", "26 tháng 1"; months: "tháng 6", "6/2021"; years: "2021"
_DAY = re.compile(r"(?<![\d.,])\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?(?!\d|[.,]\d|\s*(?:%|triệu|tỷ|nghìn|ngàn|đồng|USD))|ngày\s+\d{1,2}(?!\d)",
                  re.IGNORECASE)
_MONTH = re.compile(r"tháng\s+\d{1,2}(?!\d)|(?<![\d.,])\d{1,2}\s*/\s*(?:19|20)\d{2}(?!\d)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d])")
_PLACES = {"day": (_DAY,), "week": (_DAY,), "month": (_DAY, _MONTH), "year": (_DAY, _MONTH, _YEAR)}


def relative_date(sentence: str, scales: Iterable[str] = ("day", "week", "month", "year")) -> str | None:
    """The first relative date expression the sentence cannot place, or None.

    "hôm qua" is placed by an explicit day in the same sentence ("hôm qua
    (13/4)", "ngày 13/4"); "tháng trước" also by a month ("tháng 3"), "năm
    ngoái" also by a year ("2020").
    """
    text = normalize(sentence)
    wanted = set(scales)
    for scale, pattern in _RELATIVE:
        if scale not in wanted:
            continue
        m = pattern.search(text)
        if m and not any(p.search(text) for p in _PLACES[scale]):
            return m.group(0)
    return None
