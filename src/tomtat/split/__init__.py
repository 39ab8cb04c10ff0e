"""Stage 3, split: cleaned paragraphs into sentences, and sentences into word units."""

from tomtat.split.sentences import split_paragraph, split_sentences
from tomtat.split.words import segment_words

__all__ = ["split_paragraph", "split_sentences", "segment_words"]
