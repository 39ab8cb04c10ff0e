"""`SummaryOptions`: everything a caller may choose about one summary, in one frozen object.

The CLI (`tomtat summarize`, `tomtat batch`), the HTTP body and the library
each build one `SummaryOptions` and hand it to `tomtat.summarize`; nothing
below the shells sees `--words` or a JSON field. Names are checked against the
registries (`SELECTORS`, `SCORERS`) when the object is built, so a bad option
fails before any article is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from tomtat.errors import InvalidOptionError
from tomtat.score import DEFAULT_SCORER, SCORERS
from tomtat.select import DEFAULT_METHOD, SELECTORS, Budget

if TYPE_CHECKING:
    from tomtat.score import Scorer

# dated events in a timeline unless asked otherwise (tomtat.order.timeline reads it from here, so
# that `tomtat --help` and `import tomtat` learn it without importing numpy)
MAX_EVENTS = 10


@dataclass(frozen=True)
class SummaryOptions:
    """How to summarize: the budget, the selector and scorer by name, and what to add to the result.

    `scorer` is a name in `SCORERS` or a scorer object (anything with
    `score(rep) -> Scores`); names keep the options picklable for worker
    processes. `segment` adds underthesea word units to the sentence vectors
    (off: on ViMs they cost 3.3x the time and no ROUGE, README "Design
    decisions"). `include_sources` adds each article's cleaned sentences and
    what the cleaner removed from it (`Summary.sources`). `events` caps the
    cluster's timeline (`Summary.timeline`, default 10; 0 leaves it empty).
    """

    budget: Budget = field(default_factory=Budget)
    method: str = DEFAULT_METHOD
    scorer: str | Scorer = DEFAULT_SCORER
    segment: bool = False
    include_sources: bool = False
    events: int = MAX_EVENTS

    MAX_EVENTS_ALLOWED: ClassVar[int] = 100

    def __post_init__(self) -> None:
        if not isinstance(self.events, int) or not 0 <= self.events <= self.MAX_EVENTS_ALLOWED:
            raise InvalidOptionError(f"events must be 0 to {self.MAX_EVENTS_ALLOWED}, not {self.events}")
        if not isinstance(self.budget, Budget):
            raise InvalidOptionError(f"budget must be a Budget, not {type(self.budget).__name__}")
        SELECTORS.resolve(self.method)
        if isinstance(self.scorer, str):
            SCORERS.resolve(self.scorer)
        elif not callable(getattr(self.scorer, "score", None)):
            raise InvalidOptionError(f"scorer must be one of {', '.join(SCORERS)} or have a score(rep) method")

    @classmethod
    def from_request(cls, syllables: int | None = None, sentences: int | None = None, **fields) -> SummaryOptions:
        """Options from a user's request: the budget by `Budget.from_request`'s rule, the rest as given."""
        return cls(budget=Budget.from_request(syllables, sentences), **fields)

    def updated(self, syllables: int | None = None, sentences: int | None = None, **fields) -> SummaryOptions:
        """A copy with the given (non-None) fields replaced; a syllable or sentence count replaces the whole budget."""
        changes = {k: v for k, v in fields.items() if v is not None}
        if syllables is not None or sentences is not None:
            changes["budget"] = Budget.from_request(syllables, sentences)
        return replace(self, **changes) if changes else self


__all__ = ["Budget", "SummaryOptions"]
