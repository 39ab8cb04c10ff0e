"""Stage 8, assemble: the chosen, ordered sentences as the `Summary` every shell renders.

Credits each sentence to its article and to the other articles reporting the
same fact, counts the summary's syllables, and (when asked) attaches every
article's cleaned sentences and what the cleaner removed from it.
"""

from tomtat.assemble.summary import assemble_summary

__all__ = ["assemble_summary"]
