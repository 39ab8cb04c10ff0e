"""Shared text rules: sentence-end punctuation and the function words that leave a line unfinished."""

from __future__ import annotations

import pytest

from tomtat.clean import clean_article
from tomtat.read.text import looks_like_title
from tomtat.text.function_words import TITLE_WORDS, UNFINISHED, WRAP_WORDS
from tomtat.text.punctuation import CLOSERS, COMPLETE_END, LINE_END, SENTENCE_END
from tomtat.text.sentences import split_paragraph


def test_one_set_of_marks_three_questions():
    assert set(SENTENCE_END) <= set(LINE_END) and set(SENTENCE_END) <= set(COMPLETE_END)
    assert set(CLOSERS) <= set(LINE_END)
    # a line ending in ":" or ";" is finished (never wrapped), but not a complete statement
    assert {":", ";"} <= set(LINE_END) and not {":", ";"} & set(COMPLETE_END)


def test_closers_stay_with_the_sentence_they_close():
    assert split_paragraph("Ông nói: “Chúng tôi sẽ ở lại.” (Ảnh: TTXVN.) Sau đó ông đi.") == [
        "Ông nói: “Chúng tôi sẽ ở lại.”", "(Ảnh: TTXVN.)", "Sau đó ông đi.",
    ]


def test_function_words_are_one_list_with_two_named_subsets():
    assert WRAP_WORDS | TITLE_WORDS == UNFINISHED
    assert {"và", "của", "để"} <= WRAP_WORDS & TITLE_WORDS
    assert "về" in TITLE_WORDS and "về" not in WRAP_WORDS
    assert "ông" in WRAP_WORDS and "ông" not in TITLE_WORDS


def test_a_long_line_stopping_on_a_function_word_goes_on():
    joined = "Sau ba ngày sơ tán, hàng nghìn hộ dân vùng lũ Lệ Thủy đã nhận được hỗ trợ của\nChính quyền huyện và các nhà hảo tâm."
    assert len(clean_article(joined, "").paragraphs) == 1
    # "về" also ends sentences as a verb ("đã được trở về"): the next line stays apart
    apart = "Sau ba ngày sơ tán, hàng nghìn hộ dân vùng lũ Lệ Thủy đã được đưa trở về\nChính quyền hỗ trợ mỗi hộ 10 kg gạo."
    assert len(clean_article(apart, "").paragraphs) == 2


def test_a_long_first_line_stopping_on_a_function_word_is_not_a_title():
    assert not looks_like_title("Sau ba ngày sơ tán, hàng nghìn người dân vùng lũ Lệ Thủy và Quảng Ninh đã được đưa trở về")
    assert looks_like_title("Hàng nghìn người dân vùng lũ Lệ Thủy trở về nhà")


# --- shortcuts of issue 11: each rests on a property of Unicode or of Python's re, checked here -------------


def test_vietnamese_letter_class_matches_what_ignorecase_matched():
    import re

    from tomtat.text import language

    ignorecase = re.compile(f"[{language._LOWER}]", re.IGNORECASE)
    every = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    assert [c for c in every if ignorecase.match(c)] == [c for c in every if language._VIETNAMESE_LETTERS.match(c)]


def test_lowercase_of_one_character_keeps_it_a_word_character():
    # `syllables_and_count` counts the tokens of a text and of its lowercase as the same ones
    import re

    word = re.compile(r"\w")
    for i in range(0x110000):
        c = chr(i)
        low = c.lower()
        if len(low) == 1:
            assert bool(word.match(c)) == bool(word.match(low)), hex(i)
            assert (low == "_") == (c == "_"), hex(i)


def test_syllables_and_count_agree_with_the_two_functions():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tomtat.text.tokens import count_syllables, syllables, syllables_and_count

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("aĐđİı_ 1.,Hà Nội ẞß\u0307\u0301")), max_size=30) | st.text(max_size=40))
    def check(text):
        assert syllables_and_count(text) == (syllables(text, normalized=True), count_syllables(text))

    check()
    assert syllables_and_count("Hà Nội, 13/4: İstanbul_x __ _") == (
        syllables("Hà Nội, 13/4: İstanbul_x __ _", normalized=True), count_syllables("Hà Nội, 13/4: İstanbul_x __ _"))


def test_language_shares_stop_early_with_the_same_answer():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tomtat.pipeline import is_foreign_sentence
    from tomtat.text.language import _LOWER, _MARKED_TAIL, ratio_at_least, vietnamese_ratio

    marked, letter = re.compile(f"[{_LOWER}]", re.IGNORECASE), re.compile(r"[^\W\d_]")

    def straight(text):
        words = [w for w in text.split() if letter.search(w)]
        return sum(1 for w in words if marked.search(w)) / len(words) if words else 0.0

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("aăđÊô xyz1_,.\t\u00a0\u2003\x1c")), max_size=60) | st.text(max_size=40))
    def check(text):
        ratio = straight(text)
        assert vietnamese_ratio(text) == ratio
        for threshold in (0.0, 0.1, 0.2, 1 / 3, 0.5, 1.0):
            assert ratio_at_least(text, threshold) == (ratio >= threshold)
        assert is_foreign_sentence(text) == (len(text.split()) >= 8 and ratio < 0.1)
        assert len(_MARKED_TAIL.findall(text)) == len([w for w in text.split() if marked.search(w)])

    check()
    # `_MARKED_TAIL` runs to a token's end: the regex's white space is the one `str.split` cuts at
    space = re.compile(r"\s")
    assert [c for c in map(chr, range(0x110000)) if space.match(c)] == [c for c in map(chr, range(0x110000)) if c.isspace()]
    # `is_foreign_sentence` takes a printable text for one whose only white space is the plain space
    assert [c for c in map(chr, range(0x110000)) if c.isspace() and c.isprintable()] == [" "]
    english = "The president said the talks were very productive and constructive today."
    assert is_foreign_sentence(english) and not is_foreign_sentence("Tổng thống cho biết cuộc điện đàm rất hiệu quả và mang tính xây dựng.")


@pytest.mark.parametrize("possessive", [True, False], ids=["one-pattern", "python-3.10-count"])
def test_marked_at_least_counts_the_marked_tokens(possessive, monkeypatch):
    """`marked_at_least` matches the marked tokens in runs of powers of two: the answer is that of counting every
    `_MARKED_TAIL` match, on texts with line breaks, odd spaces and tokens of marked and unmarked letters; long
    texts need more than `_RUNS_AT_ONCE` tokens (one pattern per binary digit). Python 3.10 has no possessive
    quantifiers and counts the matches instead: the same answers."""
    import random
    import sys

    from tomtat.text import language
    from tomtat.text.language import _MARKED_TAIL, marked_at_least

    if possessive and sys.version_info < (3, 11):
        pytest.skip("possessive quantifiers need Python 3.11")
    monkeypatch.setattr(language, "_POSSESSIVE", possessive)
    rng = random.Random(3)
    alphabet = list("aăđÊôơ xyz1_,.\t\n\u00a0\u2003\x1c")
    for i in range(20000):
        long = i % 10 == 0
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 600 if long else 80)))
        marked = len(_MARKED_TAIL.findall(text))
        words = rng.randint(0, 400 if long else 60)
        for threshold in (0.1, 0.2, 1 / 3, 1.0):
            num, den = float(threshold).as_integer_ratio()
            assert marked_at_least(text, threshold, words) == (marked * den >= num * words), (text, threshold, words)


def test_unusual_characters_are_unprintable():
    """`_normalize_words` looks for `_UNUSUAL` characters only in a text that is not printable but for its line
    breaks: no code point the pattern finds is printable."""
    from tomtat.text.normalize import _UNUSUAL

    assert not [c for c in map(chr, range(0x110000)) if _UNUSUAL.match(c) and c.isprintable()]
