"""Shared text rules: sentence-end punctuation and the function words that leave a line unfinished."""

from __future__ import annotations

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
