"""Is this text Vietnamese? A cheap check so we can refuse text we would mangle."""

from __future__ import annotations

import re

# Letters only Vietnamese uses among Latin scripts (with their tone-marked forms after NFC).
_VIETNAMESE_LETTERS = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")


def vietnamese_ratio(text: str) -> float:
    """Share of syllables carrying a Vietnamese-specific letter (about 0.5+ in real news)."""
    words = [w for w in text.split() if _LETTER.search(w)]
    if not words:
        return 0.0
    marked = sum(1 for w in words if _VIETNAMESE_LETTERS.search(w))
    return marked / len(words)


def looks_vietnamese(text: str, threshold: float = 0.2) -> bool:
    return vietnamese_ratio(text) >= threshold
