"""The length budget: syllables (the default) or a number of sentences.

`Budget.from_request` is the one place that turns what a user asked for (the
CLI's `--words/--sentences`, the HTTP body's `words/sentences`, the library's
`summarize(words=..., sentences=...)`) into a budget: the default, the bounds
and the rule for combining the two live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import Any, ClassVar

from tomtat.errors import InvalidArgumentError, InvalidOptionError

DEFAULT_SYLLABLES = 200


@dataclass(frozen=True)
class Budget:
    syllables: int | None = DEFAULT_SYLLABLES
    sentences: int | None = None

    # What a request may ask for: under 10 syllables no news sentence fits, and
    # 5000 syllables / 200 sentences is more than a cluster of long articles holds.
    MIN_SYLLABLES: ClassVar[int] = 10
    MAX_SYLLABLES: ClassVar[int] = 5000
    MIN_SENTENCES: ClassVar[int] = 1
    MAX_SENTENCES: ClassVar[int] = 200

    def __post_init__(self) -> None:
        if self.syllables is None and self.sentences is None:
            raise InvalidOptionError("a budget needs syllables or sentences")
        for value in (self.syllables, self.sentences):
            if value is not None and value < 1:
                raise InvalidOptionError("a budget must be at least 1")

    @classmethod
    def from_request(cls, syllables: int | None = None, sentences: int | None = None) -> Budget:
        """The budget a user asked for, with one rule everywhere.

        - neither given: the default, `DEFAULT_SYLLABLES` syllables;
        - only `sentences`: at most that many sentences, of any length;
        - only `syllables`: at most that many syllables;
        - both: both hold.

        Values outside the bounds above raise `InvalidOptionError`; values
        that are not whole numbers ("100", 2.5, True) `InvalidArgumentError`.
        """
        syllables = _whole_number(syllables, "the length budget (words)")
        sentences = _whole_number(sentences, "the sentence budget")
        if syllables is not None and not cls.MIN_SYLLABLES <= syllables <= cls.MAX_SYLLABLES:
            raise InvalidOptionError(
                f"the length budget must be {cls.MIN_SYLLABLES} to {cls.MAX_SYLLABLES} syllables, not {syllables}")
        if sentences is not None and not cls.MIN_SENTENCES <= sentences <= cls.MAX_SENTENCES:
            raise InvalidOptionError(
                f"the sentence budget must be {cls.MIN_SENTENCES} to {cls.MAX_SENTENCES} sentences, not {sentences}")
        if syllables is None and sentences is None:
            return cls()
        return cls(syllables=syllables, sentences=sentences)


def _whole_number(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InvalidArgumentError(f"{what} must be a whole number, not {value!r}")
    return int(value)
