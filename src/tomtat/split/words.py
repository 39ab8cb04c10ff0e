"""Word segmentation with underthesea (multi-syllable words joined by "_")."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tokenizer():
    from underthesea import word_tokenize  # first import loads the CRF model (~0.3 s)

    return word_tokenize


def segment_words(sentence: str) -> list[str]:
    """Lowercase word units of a normalized sentence, punctuation dropped."""
    tokens = _tokenizer()(sentence)
    return [t.lower().replace(" ", "_") for t in tokens if any(ch.isalnum() for ch in t)]
