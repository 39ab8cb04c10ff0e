"""Noise injection for the noise tests: scraped-page furniture put into clean articles.

The captions and credits are made up for testing; they reproduce the shapes the
cleaner meets on real pages: a caption glued before a paragraph with its credit
("... - Ảnh: AFP Theo ..."), a bare credit glued before a sentence ("Ảnh HP Sáng
..."), a source tag opening a paragraph ("(Nguồn: Reuters) ..."), a short
nominal caption next to a credit line, the "./." end mark, and an end-of-article
line ("Bình luận (0)") followed by another story's paragraphs.

`noisy` is deterministic for a given seed, and returns the noisy text together
with what a clean summary must never contain.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CAPTIONS = [
    "Lực lượng cứu hộ tiếp cận hiện trường trong đêm",
    "Người dân xếp hàng chờ làm thủ tục tại trụ sở phường",
    "Quang cảnh phiên họp sáng nay",
    "Xe chuyên dụng được huy động để khắc phục sự cố",
    "Các đại biểu tại buổi làm việc",
]
NOMINAL_CAPTIONS = ["Các đại biểu tại buổi làm việc.", "Toàn cảnh khu vực bị ảnh hưởng.", "Lễ ký kết tại trụ sở Bộ."]
CREDITS = ["Ảnh: AFP", "Ảnh: Reuters", "Ảnh: Minh Khôi", "Ảnh: TTXVN"]
END_LINES = ["Bình luận (0)", "Mời quý độc giả theo dõi các tin tức khác trên trang", "Xem thêm video",
             "Nguồn Báo Sông Hàn: https://songhan.example.vn/tin-moi-post1234.html"]
# what no summary sentence may carry, whatever the story
MARKERS = ("Ảnh:", "Ảnh HP", "(Nguồn:", "/.", "Bình luận", "Mời quý độc giả", "https://")


@dataclass
class Noisy:
    text: str
    captions: list[str]  # caption text put in; no summary sentence may contain one


def noisy(paragraphs: list[str], other_story: list[str], seed: int) -> Noisy:
    """The article's paragraphs with page furniture glued in, and another story after an end line."""
    rng = random.Random(seed)
    out = list(paragraphs)
    captions = []
    if len(out) >= 2:
        i = rng.randrange(1, len(out))
        caption = rng.choice(CAPTIONS)
        captions.append(caption)
        first = out[i][:1]
        if first.isupper() or first.isdigit():
            out[i] = f"{caption} - {rng.choice(CREDITS)} {out[i]}"
    if out and (out[0][:1].isupper() or out[0][:1].isdigit()):
        out[0] = f"Ảnh HP {out[0]}" if seed % 2 else f"(Nguồn: Reuters) {out[0]}"
    if len(out) >= 3:
        i = rng.randrange(1, len(out))
        caption = rng.choice(NOMINAL_CAPTIONS)
        captions.append(caption.rstrip("."))
        out[i:i] = [caption, rng.choice(CREDITS)]
    if out and out[-1].endswith("."):
        out[-1] += "/."
    out.append(rng.choice(END_LINES))
    out.extend(other_story)
    return Noisy("\n\n".join(out), captions)


# the stand-alone sentence step may drop a few connective words ("Trong khi đó,", "cũng")
MAX_DROPPED_WORDS = 4


def from_story(sentence: list[str], story: list[str]) -> bool:
    """Are these syllables the story's own, in its order, up to a few words dropped from one stretch of it?"""
    if not sentence:
        return True
    limit = len(sentence) + MAX_DROPPED_WORDS
    for start, syllable in enumerate(story):
        if syllable != sentence[0]:
            continue
        k = 0
        for token in story[start:start + limit]:
            if k < len(sentence) and token == sentence[k]:
                k += 1
        if k == len(sentence):
            return True
    return False
