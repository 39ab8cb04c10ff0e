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

A built-in entry may be a `Lazy("module", "name")`: it is imported the first
time it is looked up, so listing the names (the CLI's help, the HTTP schema)
does not import numpy and scipy (issue 11: `tomtat --help` in under 0.3 s).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Generic, TypeVar

from tomtat.errors import InvalidOptionError

T = TypeVar("T")


@dataclass(frozen=True)
class Lazy:
    """An entry imported on first use: `getattr(import_module(module), name)`."""

    module: str
    name: str

    def load(self) -> Any:
        return getattr(import_module(self.module), self.name)


def lazy_attributes(module: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports each name of `table` (name -> defining module) on first use."""

    def __getattr__(name: str) -> Any:
        if name in table:
            return Lazy(table[name], name).load()
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


class Registry(dict[str, T], Generic[T]):
    """A dict of named implementations that knows what it holds (for error messages).

    Entries given as `Lazy` are imported when first read (`[]`, `get`,
    `values`, `items`, `resolve`) and then kept; the names are known at once.
    """

    def __init__(self, kind: str, entries: dict[str, T | Lazy] | None = None) -> None:
        super().__init__(entries or {})
        self.kind = kind

    def __getitem__(self, name: str) -> T:
        value = super().__getitem__(name)
        if isinstance(value, Lazy):
            value = value.load()
            super().__setitem__(name, value)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def values(self) -> Iterator[T]:  # type: ignore[override]
        return (self[name] for name in list(self))

    def items(self) -> Iterator[tuple[str, T]]:  # type: ignore[override]
        return ((name, self[name]) for name in list(self))

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
