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


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("vơí", "với"), ("điêụ", "điệu"), ("qúa", "quá"), ("gìa", "già"), ("Gía", "Giá"), ("lọat", "loạt"),
        ("Tòan", "Toàn"), ("taỉ", "tải"), ("gỉang", "giảng"), ("qúy", "quý"), ("ngươì", "người"),
        ("rươụ", "rượu"), ("tuôỉ", "tuổi"), ("Khuýên", "Khuyến"), ("VƠÍ", "VỚI"), ("Điêụ", "Điệu"),
        ("hoaì", "hoài"), ("ngoaí", "ngoái"), ("yêú", "yếu"), ("mưá", "mứa"), ("thuỹên", "thuyễn"),
        # not one well-formed syllable (two tone marks, a mark on a consonant, a misspelt vowel): left alone
        ("muốí", "muốí"), ("hưóng", "hưóng"), ("ngưòi", "ngưòi"),
    ],
)
def test_misplaced_tone_mark_moves_to_the_vowel_that_carries_it(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "word",
    ["với", "điệu", "người", "rượu", "thuở", "khuỷu", "ngoái", "giữa", "gì", "gìn", "quốc", "huỳnh", "khuyến",
     "yểu", "nghiêng", "tuần", "hoặc", "thuế", "cứu", "mía", "mùa", "mưa", "núi", "Noọc", "Xêút",  # two syllables run on
     "José", "Pokémon", "André", "Hélène", "café", "Zürich", "naïve"],
)
def test_correct_and_foreign_words_are_unchanged(word):
    assert normalize(word) == word


def test_tone_fix_in_running_text_touches_only_the_misplaced_words():
    text = "Ông nói vơí phóng viên rằng giai điêụ này rất hay. Tài khoản Yahoo! Mail, José và café."
    assert normalize(text) == "Ông nói với phóng viên rằng giai điệu này rất hay. Tài khoản Yahoo! Mail, José và café."


def test_is_syllable():
    from tomtat.text.orthography import is_syllable

    assert all(is_syllable(w) for w in ["với", "Nguyễn", "nghiêng", "khuỷu", "gì", "quý", "Anh", "Mỹ"])
    assert not any(is_syllable(w) for w in ["Yahoo", "Mail", "Finance", "José", "Xêút", "abc", "", "TP"])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyqgnhtcđ AĂÂOƠƯ\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")),
               max_size=30))
def test_normalize_with_tone_fixing_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def _straight_normalize(text: str) -> str:
    """normalize without its shortcuts (issue 11), the reference the fast paths must agree with."""
    import re

    from tomtat.text import normalize as N

    text = N._INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFD", text)
    text = re.sub(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_]|[\u0300-\u036f])",
                  lambda m: m.group(1) + m.group(3) + m.group(2), text)
    text = unicodedata.normalize("NFC", text)
    bad = {w for token in set(text.split()) for w in N._misplaced(token)}
    if bad:
        text = N._WORD.sub(lambda m: N.fix_tone_placement(m.group(0)) if m.group(0) in bad else m.group(0), text)
    text = re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_TRICKY = list("oOuUaAeEyYqQiInhgtcđ \t\n\r_1.,\u00a0\u2003\u200b\u200d\u00ad"
               "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0327\u1dc0àáảãạèéẻẽẹỳýỷỹỵÀÉỲôơưâêăờớ")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=60))
def test_shortcuts_give_the_straight_result(text):
    # NFC input skips NFD/NFC when no new-style pair shows, spaces and tone fixes run only where needed
    assert normalize(text) == _straight_normalize(text)
    nfc = unicodedata.normalize("NFC", text)
    assert normalize(nfc) == _straight_normalize(nfc)


def test_shortcuts_on_running_text():
    text = ("Hoà bình ở Thuỷ Nguyên: ông nói vơí phóng viên rằng toàn bộ khoản\u00a0vay  đã  được  hoàn trả.\r\n"
            "Giai điêụ  'hoà' của   José, café và qúy khách.")
    for variant in (text, unicodedata.normalize("NFC", text), unicodedata.normalize("NFD", text)):
        assert normalize(variant) == _straight_normalize(variant)
    assert normalize(text) == ("Hòa bình ở Thủy Nguyên: ông nói với phóng viên rằng toàn bộ khoản vay đã được hoàn trả.\n"
                               "Giai điệu 'hòa' của José, café và quý khách.")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=60))
def test_normalize_words_are_the_normalized_text_split(text):
    # the tone check's tokens are handed on only while they are still the text's own
    from tomtat.text.normalize import normalize_words

    for variant in (text, unicodedata.normalize("NFC", text), text * 12):
        out, words = normalize_words(variant)
        assert out == normalize(variant)
        assert words == out.split()


def test_normalize_words_on_running_text():
    from tomtat.text.normalize import normalize_words

    text = "Giai điêụ  'hoà' của José,\r\nvà qúy\u200bkhách đã được hoàn trả khoản vay."
    for variant in (text, "Ông nói với phóng viên rằng toàn bộ khoản vay đã được hoàn trả.\n" * 10):
        assert normalize_words(variant) == (normalize(variant), normalize(variant).split())
        assert normalize_words(variant) == (normalize(variant), normalize(variant).split())  # remembered
