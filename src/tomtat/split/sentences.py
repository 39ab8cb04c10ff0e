"""Stage 3, split: cleaned paragraphs into sentences (the splitting rules are in `tomtat.text.sentences`)."""

from __future__ import annotations

from tomtat.text.sentences import split_paragraph

__all__ = ["split_paragraph", "split_sentences"]


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph index, sentence) pairs; line breaks always end a sentence.

    Paragraph indices count the non-blank lines of `text`. The pipeline splits
    the cleaner's paragraphs one by one with `split_paragraph`; this is for
    text that still holds its line breaks.
    """
    out: list[tuple[int, str]] = []
    for index, line in enumerate(p for p in text.splitlines() if p.strip()):
        out.extend((index, s) for s in split_paragraph(line.strip()))
    return out
