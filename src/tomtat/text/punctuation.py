"""Sentence-end punctuation: one definition for the splitter, the cleaner and candidate selection.

Each stage asks its own question of the same marks, so each gets a named
constant built from the same parts instead of its own copy of the characters:

* `split`: where may a sentence end? At `SENTENCE_END` (runs of it allowed),
  with any `CLOSERS` after it kept in the sentence they close.
* `clean`: is a line finished, or did a scraper hard-wrap it? `LINE_END`: a
  line ending in a sentence end, a closer, or `CLAUSE_END` (":" opens a quote
  or a list on the next line, ";" closes a list item) does not go on in the
  next line.
* `select`: does a short line read as a complete statement? `COMPLETE_END`:
  a sentence end or a closing quote/bracket, but not ":" or ";" (a short line
  ending in one introduces something, like a sub-heading "Diễn biến chính:").
"""

from __future__ import annotations

SENTENCE_END = ".!?…"
# quotes and brackets that close after the end mark and stay with the sentence they close
CLOSERS = "\"'”’»)]"
# quotes and brackets that may open a sentence before its first letter
OPENERS = "\"'“‘«(["
CLAUSE_END = ":;"

# a line ending in one of these is finished: the cleaner never joins the next line to it
LINE_END = tuple(SENTENCE_END + CLAUSE_END + CLOSERS)
# a short sentence ending in one of these is a statement, not a heading (select/candidates).
# "]" is not among them: today's behaviour, kept (ViMs has no "]" at all, so no measurement
# decides it either way).
COMPLETE_END = tuple(SENTENCE_END + CLOSERS.replace("]", ""))
