"""Stage 6, select: pick non-redundant sentences that fit the length budget.

Both selectors maximize the same objective, distinct concept weight covered
plus sentence salience, under the budget: `greedy` (default) is fast and
scored better on ViMs, `ilp` solves it exactly with HiGHS (within deterministic
bounds; past them it falls back to greedy and says so in a warning).

A selector is a function `(rep, candidates, scores, budget) -> [sentence
index]` (a plain list, or a `Selection` that also carries warnings); `SELECTORS` maps the names users pass (`--method`, `"method"` in the
HTTP body, `SummaryOptions.method`) to them. A new selector is its module plus
one line here. The built-in selectors take their settings (salience weight,
length exponent, same-fact threshold) from `scores.selection`, which the
learned scorer fills from its model file, else from their module defaults.
`select` itself reads one more: `anchor_share`, the share of a cluster's
articles that must restate their first paragraph in the body for that
cluster's first paragraphs (teasers) to be left out (`anchor_openings`; no
setting, as in older model files and the unsupervised scorer: nothing left out).
Every selector counts a candidate at its trimmed length (`select.trim`: a
leading filler such as "Theo đó," dropped), the length the summary shows; the
setting `trim` (default on) turns that off. A cluster of one article has no
agreement between outlets to weigh: every method then takes that article's
candidates in order while they fit (`select.lead`, setting `one_article`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tomtat.registry import Lazy, Registry, lazy_attributes
from tomtat.select.budget import DEFAULT_SYLLABLES, Budget
from tomtat.select.candidates import anchor_openings, candidates
from tomtat.select.selection import Selection

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
# A one-article cluster is summarized by its own opening sentences (`select.lead`; the setting `one_article`,
# "lead" by default; any other value lets the selector choose as in a cluster)
ONE_ARTICLE = "lead"
_LAZY = {
    "select_greedy": "tomtat.select.greedy", "select_ilp": "tomtat.select.ilp",
    "LENGTH_EXPONENT": "tomtat.select.greedy", "SALIENCE_WEIGHT": "tomtat.select.greedy",
    "Trimmed": "tomtat.select.trim", "budget_lengths": "tomtat.select.trim", "trim_sentence": "tomtat.select.trim",
    "trimmed": "tomtat.select.trim",
}

__getattr__ = lazy_attributes(__name__, _LAZY)


def select(
    rep: Representation, scores: Scores, budget: Budget, method: str = DEFAULT_METHOD, exclude: Iterable[int] = (),
) -> Selection:
    """Indices into `rep.sentences` of the chosen sentences, unordered, never one of `exclude`, with the selector's warnings."""
    import numpy as np

    selector = SELECTORS.resolve(method)
    if not rep.sentences:
        return Selection()
    cand = candidates(rep)
    banned = set(exclude)
    share = scores.selection.get("anchor_share")
    if share is not None:  # the learned model's setting; absent (older model files, other scorers): off
        from tomtat.represent import SAME_FACT_OVERLAP

        threshold = float(scores.selection.get("same_fact_overlap", SAME_FACT_OVERLAP))
        anchors = set(anchor_openings(rep, float(share), threshold).tolist())
        if any(i not in banned and i not in anchors for i in cand.tolist()):  # never every candidate
            banned |= anchors
    if banned:
        cand = cand[np.array([i not in banned for i in cand.tolist()], dtype=bool)]
        if not cand.size:
            return Selection()
    if len(rep.documents) == 1 and scores.selection.get("one_article", ONE_ARTICLE) == "lead":
        from tomtat.select.lead import article_order

        return Selection(article_order(rep, cand, scores, budget))
    chosen = selector(rep, cand, scores, budget)
    return chosen if isinstance(chosen, Selection) else Selection(chosen)


__all__ = [
    "Budget", "DEFAULT_METHOD", "DEFAULT_SYLLABLES", "LENGTH_EXPONENT", "ONE_ARTICLE", "SALIENCE_WEIGHT", "SELECTORS", "Selection", "Selector",
    "Trimmed", "anchor_openings", "budget_lengths", "candidates", "select", "select_greedy", "select_ilp",
    "trim_sentence", "trimmed",
]
