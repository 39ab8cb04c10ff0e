"""What a selector returns: the chosen sentence indices, and warnings about how they were chosen."""

from __future__ import annotations

from collections.abc import Iterable


class Selection(list[int]):
    """Indices into `rep.sentences` (a plain list, so selectors may return a list) plus `warnings`.

    The warnings end up in `Summary.warnings`; `ilp` uses them to say when it
    fell back to greedy.
    """

    def __init__(self, indices: Iterable[int] = (), warnings: Iterable[str] = ()) -> None:
        super().__init__(indices)
        self.warnings = list(warnings)
