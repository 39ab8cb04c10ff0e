"""Tell the story in order: date each sentence, order by event date, keep every sentence standing on its own.

Issue 9: the seeds' summary told a 13/4 call after a 16/6 summit, and one
summary sentence in nine (ViMs) opened with a back-reference ("Tuy nhiên",
"Điều này", a bare "Ông Putin") whose antecedent was not in the summary.

- `event_date`: the date of the event a sentence reports: its first
  day-level expression ("hôm thứ Ba (13/4)", "hôm qua" against the article's
  date), else a week, else a month ("tháng 6/2021"). Years alone ("năm 2014")
  date background, not the event, and are ignored.
- `order_story`: the position order of `order_sentences`, cut into blocks (a
  sentence joins the block of its article's previous chosen sentence when it
  has no date of its own, or when it leans on that sentence); the blocks whose
  first sentence is dated are then put in date order among themselves, in the
  slots they held, and undated blocks keep their place. One exception: when
  the summary opens with an article's lead (its first sentence), that block
  stays first, dated or not. News leads with what happened ("Rạng sáng 18/9,
  bão số 5 đã đổ bộ ..."); the story in date order follows it, background
  first ("chiều 16/9 ... tàu thuyền đã vào bờ", "mưa lớn từ đêm 17/9 ...").
- `prefer_dated`: among sentences stating the same fact (concept overlap at
  least SAME_FACT_OVERLAP both ways), a chosen undated one is swapped for a
  dated one that fits the budget and scores nearly as well.
- `standalone`: which ordered sentences dangle (`tomtat.order.coherence`'s
  rule) and the edit that fixes the droppable ones (the connective dropped,
  `edited`); the others need their antecedent or must go (the pipeline adds
  the antecedent when it fits the budget, else reselects without them).

Sentences are read as the summary shows them: with `trims`
(`tomtat.select.trim`), a trimmed sentence's text and length are its
trimmed ones, and its trim is an edit too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from tomtat.dates import DateMention, DateValue, find_dates
from tomtat.model import Document
from tomtat.order.coherence import DROPPABLE, PERSON, QUOTE, dangling_opening, drop_connective
from tomtat.order.facts import same_fact_rows
from tomtat.order.position import order_sentences
from tomtat.represent import SAME_FACT_OVERLAP, Representation
from tomtat.select import Budget, candidates
from tomtat.select.trim import Trimmed

EVENT_GRANULARITIES = ("day", "week", "month")  # in order of preference; a bare year dates background
# A swap for a dated sentence is a tie-break, not a new choice: it must say the same thing (overlap both
# ways) and be nearly as salient.
SWAP_OVERLAP = 0.6
SWAP_MIN_WEIGHT = 0.8
# an undated sentence is ordered with its article's last date this many sentences back at most
INHERIT_WINDOW = 3


def event_date(text: str, reference: date | None = None) -> DateMention | None:
    """The mention dating the event a sentence reports, or None (see the module docstring)."""
    mentions = [m for m in find_dates(text, reference) if m.value is not None]
    for granularity in EVENT_GRANULARITIES:
        for m in mentions:
            if m.value.granularity == granularity:
                return m
    return None


def sentence_dates(
    documents: Sequence[Document], rep: Representation, only: Iterable[int] | None = None,
) -> list[DateMention | None]:
    """`event_date` of every sentence of `rep` (or of those in `only`, None for the rest), against its article's date.

    A sentence repeated word for word (outlets copy the wire and each other)
    is dated once per reference date: the mentions are frozen values, so the
    copies share them.
    """
    wanted = range(len(rep.sentences)) if only is None else only
    dates: list[DateMention | None] = [None] * len(rep.sentences)
    known: dict[tuple[str, date | None], DateMention | None] = {}
    for i in wanted:
        s = rep.sentences[i]
        key = (s.text, documents[s.doc].published)
        if key not in known:
            known[key] = event_date(*key)
        dates[i] = known[key]
    return dates


def default_year(documents: Iterable[Document], dates: Iterable[DateMention | None]) -> int | None:
    """The year a date without one most likely has: the articles' most common year, else their dates' most common."""
    years = Counter(d.published.year for d in documents if d.published)
    if not years:
        years = Counter(m.value.year for m in dates if m is not None and m.value.year is not None)
    return years.most_common(1)[0][0] if years else None


def date_key(value: DateValue, year: int | None) -> tuple[int, int, int]:
    """Sort key of a date: its first day, the cluster's year standing in for an unknown one.

    A month sorts before its days (day 0): "tháng 4" comes before "13/4".
    """
    if value.granularity == "week":
        first = value.first_day()
        return (first.year, first.month, first.day)
    return (value.year or year or 0, value.month or 0, value.day or 0)


def positions(rep: Representation) -> dict[tuple[int, int], int]:
    """Each sentence's index by (article, position in it): built once per representation (read-only)."""
    found = rep.memo.get("positions")
    if found is None:
        found = rep.memo["positions"] = {(s.doc, s.position): n for n, s in enumerate(rep.sentences)}
    return found


def openings(rep: Representation) -> dict:
    """The representation's memo of `find_opening` answers (see its `memo`): the story checks the same
    sentences on every selection it tries, and the timeline some of them again."""
    return rep.memo.setdefault("openings", {})


def antecedent(rep: Representation, index: dict[tuple[int, int], int], i: int, kind: str) -> list[int]:
    """The sentences that may resolve sentence i's back-reference: its article's previous one (a quote: or its next)."""
    s = rep.sentences[i]
    spots = [(s.doc, s.position - 1)] + ([(s.doc, s.position + 1)] if kind == QUOTE else [])
    return [index[spot] for spot in spots if spot in index]


def inherit_dates(rep: Representation, dates: Sequence[DateMention | None]) -> list[DateMention | None]:
    """Dates to order by: a sentence's own, else that of the nearest dated sentence at most
    INHERIT_WINDOW sentences before it in its article (a reply, a quote or a detail that goes on
    with the event its article just dated: on the seeds, the White House's account of the 13/4 call
    that follows "hôm thứ Ba (13/4)" by one sentence). Ordering only: the JSON `date` stays the
    sentence's own.
    """
    inherited = InheritedDates(rep, dates)
    return [inherited[i] for i in range(len(rep.sentences))]


class InheritedDates:
    """`inherit_dates(rep, dates)`, each item worked out when first read: the story reads the chosen
    sentences' only (on 200 articles of 100,000 characters, working out all 137k took 0.12 s)."""

    def __init__(self, rep: Representation, dates: Sequence[DateMention | None]) -> None:
        self.rep, self.dates, self.index = rep, dates, positions(rep)
        self.known: dict[int, DateMention | None] = {}

    def __len__(self) -> int:
        return len(self.dates)

    def __getitem__(self, i: int) -> DateMention | None:
        if self.dates[i] is not None:
            return self.dates[i]
        if i not in self.known:
            s, found = self.rep.sentences[i], None
            for back in range(1, INHERIT_WINDOW + 1):
                j = self.index.get((s.doc, s.position - back))
                if j is not None and self.dates[j] is not None:
                    found = self.dates[j]
                    break
            self.known[i] = found
        return self.known[i]


def order_story(
    rep: Representation, chosen: Iterable[int], dates: Sequence[DateMention | None],
    follows: Iterable[int] = (), year: int | None = None,
) -> list[int]:
    """Chosen sentence indices in reading order: the opening lead, then dated blocks in date order, undated ones in place.

    `follows` holds sentences that lean on their article's previous sentence
    and so stay in its block whatever their own date.
    """
    follows = set(follows)
    blocks: list[list[int]] = []
    last_block: dict[int, int] = {}
    for i in order_sentences(rep, list(chosen)):
        doc = rep.sentences[i].doc
        if doc in last_block and (dates[i] is None or i in follows):
            blocks[last_block[doc]].append(i)
        else:
            last_block[doc] = len(blocks)
            blocks.append([i])
    lead = 1 if blocks and rep.sentences[blocks[0][0]].position == 0 else 0  # the opening lead stays first
    slots = [n for n, block in enumerate(blocks) if n >= lead and dates[block[0]] is not None]
    by_date = sorted(slots, key=lambda n: (date_key(dates[blocks[n][0]].value, year), n))
    placed = list(blocks)
    for slot, n in zip(slots, by_date):
        placed[slot] = blocks[n]
    return [i for block in placed for i in block]


def fits(rep: Representation, chosen: Sequence[int], budget: Budget, extra: int = 0, removed: int | None = None,
         lengths: np.ndarray | None = None) -> bool:
    """Whether `chosen`, plus sentence `extra` of the given length (a swap: minus `removed`), keeps to the budget.

    `lengths`: each sentence's length as shown (`Trimmed.lengths`); by default `rep.lengths`.
    """
    lengths = rep.lengths if lengths is None else lengths
    used = float(sum(lengths[i] for i in chosen)) + extra - (lengths[removed] if removed is not None else 0)
    count = len(chosen) + (extra > 0) - (removed is not None)
    return (budget.syllables is None or used <= budget.syllables) and (budget.sentences is None or count <= budget.sentences)


def prefer_dated(
    rep: Representation, chosen: list[int], dates: Sequence[DateMention | None], weights: np.ndarray,
    budget: Budget, allowed: np.ndarray, trims: Trimmed | None = None,
) -> list[int]:
    """`chosen` with each undated sentence swapped for a dated one stating the same fact, when one fits.

    With `trims`, sentences are measured and checked as the summary shows them.
    """
    lengths = trims.lengths if trims is not None else rep.lengths
    if not chosen:
        return chosen
    usable = np.zeros(len(rep.sentences), dtype=bool)  # dated and allowed: what a swap may bring in
    usable[allowed] = True
    usable &= np.fromiter((m is not None for m in dates), dtype=bool, count=len(dates))
    if not usable.any():
        return list(chosen)
    out = list(chosen)
    # the measure is symmetric, so one row per undated chosen sentence gives both ways (no dated x all table)
    rows = same_fact_rows(rep, [i for i in chosen if dates[i] is None], at_least=min(SWAP_OVERLAP, SAME_FACT_OVERLAP))
    for i in chosen:
        if dates[i] is not None:
            continue
        cols, near = rows[i]
        same = cols[usable[cols] & (near >= SWAP_OVERLAP) & (near >= SAME_FACT_OVERLAP)]  # ascending, as they were
        for j in same[np.argsort(-weights[same])]:
            shown = trims.text(rep, int(j)) if trims is not None else rep.sentences[j].text
            if j in out or weights[j] < SWAP_MIN_WEIGHT * weights[i] or dangling_opening(shown, normalized=True,
                                                                                          memo=openings(rep)):
                continue
            if fits(rep, out, budget, int(lengths[j]), removed=i, lengths=lengths):
                out[out.index(i)] = int(j)
                break
    return out


@dataclass
class Standalone:
    """What `standalone` found in an ordered summary."""

    edits: dict[int, str]  # sentence index -> its text without the leading connective (or filler: `trims`)
    needs: list[tuple[int, str]]  # (sentence index, kind) of sentences dangling with no edit to fix them


def standalone(rep: Representation, ordered: Sequence[int], trims: Trimmed | None = None) -> Standalone:
    """Check an ordered summary with `dangling_sentences`' rule, fixing droppable openings by an edit.

    With `trims`, each sentence is checked as trimmed, and a trim is an edit even where nothing dangles.
    """
    placed = {(rep.sentences[i].doc, rep.sentences[i].position) for i in ordered}
    memo = openings(rep)
    seen: set[tuple[int, int]] = set()
    earlier: list[str] = []
    edits: dict[int, str] = {}
    needs: list[tuple[int, str]] = []
    for i in ordered:
        s = rep.sentences[i]
        text = trims.text(rep, i) if trims is not None else s.text
        kind = dangling_opening(text, earlier, normalized=True, memo=memo)  # (a representation's sentences are, trimmed too)
        if kind == QUOTE:
            resolved = (s.doc, s.position - 1) in placed or (s.doc, s.position + 1) in placed
        elif kind is not None and kind != PERSON:
            resolved = (s.doc, s.position - 1) in seen
        else:
            resolved = kind is None
        if text != s.text:
            edits[i] = text
        if not resolved:
            edited = drop_connective(text, earlier, normalized=True, memo=memo) if kind in DROPPABLE else None
            if edited:
                edits[i] = text = edited
            else:
                needs.append((i, kind))
        earlier.append(text)
        seen.add((s.doc, s.position))
    return Standalone(edits, needs)


MAX_ROUNDS = 4  # reselections after banning dangling sentences; ViMs needs at most three


@dataclass
class Story:
    """The summary's sentences in reading order, their edits, and the date of every sentence of the cluster."""

    ordered: list[int]
    edits: dict[int, str]
    dates: list[DateMention | None]
    year: int | None


def tell_story(
    rep: Representation, documents: Sequence[Document], weights: np.ndarray,
    choose: Callable[[set[int]], list[int]], budget: Budget, trims: Trimmed | None = None,
) -> Story:
    """Choose (with `choose(excluded)`), prefer dated wording, order by date and make every sentence stand alone.

    A dangling sentence that cannot be edited is kept only with its
    antecedent: added when it fits the budget, else the sentence is excluded
    and the selection rerun (at most MAX_ROUNDS times; whatever still dangles
    after that is left out). `trims`: the sentences as the summary shows them
    (`tomtat.select.trim`), which the selector counted at their trimmed length.
    """
    lengths = trims.lengths if trims is not None else rep.lengths
    allowed = candidates(rep).tolist()
    dates = sentence_dates(documents, rep, allowed)  # only candidates are ever shown
    year = default_year(documents, dates)
    order_dates = InheritedDates(rep, dates)  # (`inherit_dates`, for the sentences it is asked about)
    allowed_set = set(allowed)
    index = positions(rep)
    banned: set[int] = set()
    ordered: list[int] = []
    check = Standalone({}, [])
    first: list[int] | None = None
    for _ in range(MAX_ROUNDS):
        chosen = choose(banned)
        if first is None:
            first = chosen
        open_ = np.array([i for i in allowed if i not in banned], dtype=int)
        chosen = prefer_dated(rep, chosen, dates, weights, budget, open_, trims)
        follows: set[int] = set()
        while True:
            ordered = order_story(rep, chosen, order_dates, follows, year)
            check = standalone(rep, ordered, trims)
            grew = False
            for i, kind in check.needs:
                if i in follows:
                    continue
                for a in antecedent(rep, index, i, kind):
                    if a in chosen or (a in allowed_set and a not in banned
                                       and fits(rep, chosen, budget, int(lengths[a]), lengths=lengths)):
                        if a not in chosen:
                            chosen.append(a)
                        follows.add(i)
                        grew = True
                        break
            if not grew:
                break
        if not check.needs:
            break
        banned |= {i for i, _ in check.needs}
    while check.needs:  # still dangling after the last round: leave those out
        gone = {i for i, _ in check.needs}
        ordered = [i for i in ordered if i not in gone]
        check = standalone(rep, ordered, trims)
    if not ordered and first:  # never an empty summary: the plain choice, in order
        ordered = order_story(rep, first, order_dates, (), year)
        check = standalone(rep, ordered, trims)
    return Story(ordered, check.edits, dates, year)
