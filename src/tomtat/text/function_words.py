"""Function words that cannot end a Vietnamese sentence: a line stopping on one was cut off.

One list (`UNFINISHED`), and two users that each take a named subset of it,
because merging them changes results (measured with the union for both):

* clean/wrapping joins a long body line that stops on one of `WRAP_WORDS` to
  the next line. It leaves out "về", "đến", "theo": as verbs they end
  sentences ("mùa lũ đã đến"), and scraped body text is full of lines without
  a full stop. With them, one more AbMuSu article has lines joined (ViMs is
  unchanged).
* read/text refuses a first line of 20+ syllables that stops on one of
  `TITLE_WORDS` as a title. It leaves out the conjunctions, aspect markers and
  pronouns: a full sentence may end on "ông" ("... của ông.", "đàn ông.") and
  "Như" is also a given name ("Lâm Tâm Như"). With them, 3 of 5,147 first and
  second lines of ViMs, AbMuSu and the seeds change their verdict.
"""

from __future__ import annotations

# prepositions and linking words no clause ends on: both users
_LINKING = frozenset("và với của ở là những các trong cho từ tại bởi rằng để mà thì nhằm".split())
# conjunctions, aspect markers, pronouns and measure words: line wraps only
_WRAP_ONLY = frozenset("nhưng hoặc khi như vì nên sẽ đã đang cũng gồm cuộc ông bà lẫn thuộc khoảng".split())
# verbs that double as prepositions ("trở về", "nói đến", "làm theo"): titles only
_VERB_PREPOSITIONS = frozenset("về đến theo".split())

UNFINISHED = _LINKING | _WRAP_ONLY | _VERB_PREPOSITIONS
WRAP_WORDS = UNFINISHED - _VERB_PREPOSITIONS
TITLE_WORDS = UNFINISHED - _WRAP_ONLY
