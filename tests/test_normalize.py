"""Unicode normalization: NFC, one tone-mark convention, plain spaces."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tomtat.text.normalize import normalize
from tomtat.text.tokens import syllables


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("hoà", "hòa"),
        ("Hoà bình", "Hòa bình"),
        ("thuỷ điện", "thủy điện"),
        ("Thuỷ", "Thủy"),
        ("hoá chất", "hóa chất"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("loè loẹt", "lòe loẹt"),  # "loẹt": a mark before a final consonant stays where it is
        ("luỹ kế", "lũy kế"),
    ],
)
def test_new_style_tone_marks_move_to_traditional_place(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize("word", ["luận", "khuyến", "quý", "quả", "hoàn", "thuyền", "huấn", "quyết", "toán", "Quỳnh"])
def test_words_already_right_are_unchanged(word):
    assert normalize(word) == word


def test_output_is_nfc_even_from_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Thủ tướng hoà giải ở Quảng Bình")
    out = normalize(decomposed)
    assert out == unicodedata.normalize("NFC", out)
    assert out == "Thủ tướng hòa giải ở Quảng Bình"


def test_spaces_and_invisible_characters():
    assert normalize("Hà\u00a0Nội\u200b mưa\ufeff to") == "Hà Nội mưa to"
    assert normalize("dòng một\r\ndòng hai\rdòng ba") == "dòng một\ndòng hai\ndòng ba"


def test_one_spelling_one_token():
    assert syllables("hoà thuỷ") == syllables("hòa thủy") == ["hòa", "thủy"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
       | st.text(alphabet=st.sampled_from(list("oOuUaAeEyYqQnhgt \u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\r\n")), max_size=40))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
