"""The length budget: syllables (the default) or a number of sentences."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_SYLLABLES = 200


@dataclass(frozen=True)
class Budget:
    syllables: int | None = DEFAULT_SYLLABLES
    sentences: int | None = None

    def __post_init__(self) -> None:
        if self.syllables is None and self.sentences is None:
            raise ValueError("a budget needs syllables or sentences")
        for value in (self.syllables, self.sentences):
            if value is not None and value < 1:
                raise ValueError("a budget must be at least 1")
