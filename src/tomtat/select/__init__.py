"""Stage 6, select: pick non-redundant sentences that fit the length budget.

Both selectors maximize the same objective, distinct concept weight covered
plus sentence salience, under the budget: `greedy` (default) is fast and
scored better on ViMs, `ilp` solves it exactly with HiGHS.

A selector is a function `(rep, candidates, scores, budget) -> [sentence
index]`; `SELECTORS` maps the names users pass (`--method`, `"method"` in the
HTTP body, `SummaryOptions.method`) to them. A new selector is its module plus
one line here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tomtat.registry import Lazy, Registry
from tomtat.select.budget import DEFAULT_SYLLABLES, Budget

if TYPE_CHECKING:
    import numpy as np

    from tomtat.represent import Representation
    from tomtat.score import Scores

# the selectors (and numpy/scipy with them) load on first use, not to list their names
Selector = Callable[["Representation", "np.ndarray", "Scores", Budget], list[int]]

SELECTORS: Registry[Selector] = Registry("selection method", {
    "greedy": Lazy("tomtat.select.greedy", "select_greedy"),
    "ilp": Lazy("tomtat.select.ilp", "select_ilp"),
})
DEFAULT_METHOD = "greedy"
_LAZY = {
    "select_greedy": "tomtat.select.greedy", "select_ilp": "tomtat.select.ilp",
    "LENGTH_EXPONENT": "tomtat.select.greedy", "SALIENCE_WEIGHT": "tomtat.select.greedy",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return Lazy(_LAZY[name], name).load()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def select(rep: Representation, scores: Scores, budget: Budget, method: str = DEFAULT_METHOD) -> list[int]:
    """Indices into `rep.sentences` of the chosen sentences, unordered."""
    from tomtat.select.candidates import candidates

    selector = SELECTORS.resolve(method)
    if not rep.sentences:
        return []
    return selector(rep, candidates(rep), scores, budget)


__all__ = [
    "Budget", "DEFAULT_METHOD", "DEFAULT_SYLLABLES", "LENGTH_EXPONENT", "SALIENCE_WEIGHT", "SELECTORS", "Selector",
    "select", "select_greedy", "select_ilp",
]
