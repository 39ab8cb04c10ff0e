"""Stage 2, clean: strip web noise from scraped articles, keep every line of the story."""

from tomtat.clean.lines import clean_article, clean_article_terms
from tomtat.clean.offtopic import drop_offtopic_tails

__all__ = ["clean_article", "clean_article_terms", "drop_offtopic_tails"]
