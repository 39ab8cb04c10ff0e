"""Typed results of the dates stage: a date value with its granularity, and a mention in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]
Kind = Literal["absolute", "relative"]
Part = Literal["early", "mid", "late"]


@dataclass(frozen=True)
class DateValue:
    """A calendar date at some granularity; the year may be unknown.

    "ngày 13/4" in an article with no known publication date is April 13 of an
    unknown year: we keep what the text says rather than guessing a year, and
    write it the ISO 8601 way for a missing year ("--04-13"). Weeks are ISO
    weeks ("2021-W14") because that is what "tuần trước" names.
    """

    granularity: Granularity
    year: int | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None  # ISO week number, granularity "week" only (year is then the ISO year)

    def iso(self) -> str:
        """ISO 8601: "2021-04-13", "--04-13", "2021-06", "--06", "2021", "2021-W14"."""
        if self.granularity == "week":
            return f"{self.year:04d}-W{self.week:02d}"
        if self.granularity == "year":
            return f"{self.year:04d}"
        head = f"{self.year:04d}" if self.year is not None else "-"
        if self.granularity == "month":
            return f"{head}-{self.month:02d}"
        return f"{head}-{self.month:02d}-{self.day:02d}"

    @property
    def year_known(self) -> bool:
        return self.year is not None

    def first_day(self) -> date | None:
        """The earliest day the value covers, the key to sort events by; None when the year is unknown."""
        if self.year is None:
            return None
        if self.granularity == "week":
            return date.fromisocalendar(self.year, self.week, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date | None:
        """The latest day the value covers; None when the year is unknown."""
        first = self.first_day()
        if first is None:
            return None
        if self.granularity == "day":
            return first
        if self.granularity == "week":
            return first + timedelta(days=6)
        if self.granularity == "year":
            return date(self.year, 12, 31)
        nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return nxt - timedelta(days=1)

    @classmethod
    def of_day(cls, day: date) -> DateValue:
        return cls("day", day.year, day.month, day.day)

    @classmethod
    def of_week(cls, day: date) -> DateValue:
        year, week, _ = day.isocalendar()
        return cls("week", year, week=week)


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    `start`/`end` are character offsets into the text that was searched, so
    `text[start:end] == mention.text`. `value` is None only for a relative
    expression ("hôm qua", "thứ Ba tuần trước") when no reference date was
    given: it cannot be placed without one. `part` is the "đầu/giữa/cuối"
    qualifier ("đầu tháng 3" is March, early); the value stays the whole period.
    """

    start: int
    end: int
    text: str
    kind: Kind
    value: DateValue | None
    part: Part | None = None

    @property
    def iso(self) -> str | None:
        return self.value.iso() if self.value else None

    @property
    def granularity(self) -> Granularity | None:
        return self.value.granularity if self.value else None
