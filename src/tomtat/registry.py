"""Name -> implementation tables: how a selector, scorer or output format is chosen by name.

Each stage that has alternatives keeps one `Registry` (`SELECTORS` in select/,
`SCORERS` in score/, `FORMATS` in render/; readers and benchmark baselines keep
plain dicts of the same shape). Adding an alternative is its module plus one
registration; the CLI, the HTTP schema and `tomtat eval` list the names from
the table, so nothing else changes:

    from tomtat.score import SCORERS

    @SCORERS.register("mine")
    class MyScorer: ...

An unknown name is an `InvalidOptionError` (exit code 2, HTTP 422) that lists
the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from tomtat.errors import InvalidOptionError

T = TypeVar("T")


class Registry(dict[str, T], Generic[T]):
    """A dict of named implementations that knows what it holds (for error messages)."""

    def __init__(self, kind: str, entries: dict[str, T] | None = None) -> None:
        super().__init__(entries or {})
        self.kind = kind

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: `@REGISTRY.register("name")` on a class or function adds it under `name`."""

        def add(obj: T) -> T:
            self[name] = obj
            return obj

        return add

    def resolve(self, name: str) -> T:
        """The implementation registered as `name`, else an error naming the valid choices."""
        try:
            return self[name]
        except (KeyError, TypeError):
            raise InvalidOptionError(f"unknown {self.kind} {name!r}; choose one of {', '.join(self)}") from None
