"""Stage 2, clean: strip web noise from scraped articles, keep every line of the story."""

from tomtat.clean.lines import Paragraphs, clean_lines
from tomtat.clean.offtopic import drop_offtopic_tails

__all__ = ["Paragraphs", "clean_lines", "drop_offtopic_tails"]
