"""Sentence splitting on Vietnamese news conventions, plus property tests."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tomtat.model import Article, Cluster, Drop, DropReason
from tomtat.pipeline import prepare
from tomtat.split import split_paragraph, split_sentences
from tomtat.text.sentences import split_paragraph as text_split_paragraph


def sentences(text: str) -> list[str]:
    return [s for _, s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 13/4, mưa lớn gây ngập nhiều tuyến phố ở Đà Nẵng.",
        "Hiệp định sẽ hết hiệu lực vào ngày 5.2 năm sau.",
        "Mỗi bên được giữ tối đa 1.550 đầu đạn, theo thỏa thuận.",
        "Ông V.Putin đã gửi điện mừng tới người đồng cấp.",
        "VOV.VN - Sáng nay, ngân hàng công bố lãi suất mới.",
        "Giá nhà ở TP.HCM tiếp tục tăng trong quý III.",
        "Mưa lớn kéo dài ở TP. Hồ Chí Minh khiến nhiều tuyến đường ngập sâu.",
        "PGS.TS. Nguyễn Văn An cho biết kết quả sẽ được công bố sớm.",
        "Tuyển Việt Nam thắng 2-1… và giành vé vào chung kết.",
        "Giá xăng tăng 1.000 đồng/lít từ 15h ngày 11/10.",
    ],
)
def test_keeps_one_sentence_intact(text):
    assert sentences(text) == [text]


def test_splits_at_sentence_ends_including_vietnamese_capitals():
    text = ("Hiệp ước hết hạn vào ngày 5.2. Đây là hiệp ước cuối cùng. Ở Hà Nội trời mưa! "
            "Ấn Độ phản đối? Ông nói vậy.")
    assert sentences(text) == [
        "Hiệp ước hết hạn vào ngày 5.2.",
        "Đây là hiệp ước cuối cùng.",
        "Ở Hà Nội trời mưa!",
        "Ấn Độ phản đối?",
        "Ông nói vậy.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "Ông Hùng nói: “Chúng tôi sẽ không bỏ rơi ai.” Sau đó, đoàn tiếp tục lên đường."
    assert sentences(text) == [
        "Ông Hùng nói: “Chúng tôi sẽ không bỏ rơi ai.”",
        "Sau đó, đoàn tiếp tục lên đường.",
    ]
    text = '"Nước lên quá nhanh," bà Lài nói. "Chúng tôi chỉ kịp mang theo gạo."'
    assert sentences(text) == ['"Nước lên quá nhanh," bà Lài nói.', '"Chúng tôi chỉ kịp mang theo gạo."']


def test_ellipsis_is_kept():
    assert sentences("Ông ấy im lặng… Rồi ông nói tiếp.") == ["Ông ấy im lặng…", "Rồi ông nói tiếp."]
    assert sentences("Chờ đã... Đội bạn gỡ hòa.") == ["Chờ đã...", "Đội bạn gỡ hòa."]


def test_line_breaks_end_sentences_and_number_paragraphs():
    text = "Dòng đầu không có dấu chấm\n\nDòng hai. Câu ba.\n   \nDòng bốn"
    assert split_sentences(text) == [
        (0, "Dòng đầu không có dấu chấm"),
        (1, "Dòng hai."),
        (1, "Câu ba."),
        (2, "Dòng bốn"),
    ]


def test_lower_case_after_dot_is_not_a_boundary():
    assert split_paragraph("Giá vàng tăng mạnh. và tiếp tục tăng.") == ["Giá vàng tăng mạnh. và tiếp tục tăng."]


def test_dialogue_dash_starts_a_sentence():
    assert split_paragraph("- Anh đi đâu? - Tôi về quê.") == ["- Anh đi đâu?", "- Tôi về quê."]


def test_empty_and_blank_input():
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


_ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢĐƯỞẤHNT0123456789 .,!?…:;\"'“”‘’()[]-\n\t/"))
_TEXT = st.text(alphabet=_ALPHABET, max_size=200) | st.text(max_size=120)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_split_never_loses_or_reorders_characters(text):
    out = split_sentences(text)
    assert "".join(ch for _, s in out for ch in s if not ch.isspace()) == "".join(ch for ch in text if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sentences_are_stripped_non_empty_and_single_line(text):
    out = split_sentences(text)
    indices = [i for i, _ in out]
    assert indices == sorted(indices)
    for _, s in out:
        assert s and s == s.strip()
        assert len(s.splitlines()) == 1


def test_no_split_inside_a_quotation_that_closes_later():
    text = "“Chúng tôi đã chuẩn bị từ trước. Tuy nhiên nước lên quá nhanh”, ông Hùng nói. Sau đó ông rời đi."
    assert sentences(text) == [
        "“Chúng tôi đã chuẩn bị từ trước. Tuy nhiên nước lên quá nhanh”, ông Hùng nói.",
        "Sau đó ông rời đi.",
    ]
    text = '"Nước lên nhanh. Chúng tôi chỉ kịp mang gạo," bà Lài nói. Chiều nay nước rút.'
    assert sentences(text) == ['"Nước lên nhanh. Chúng tôi chỉ kịp mang gạo," bà Lài nói.', "Chiều nay nước rút."]


def test_an_unclosed_quotation_does_not_stop_splitting():
    assert sentences("“Ông nói rằng trời mưa. Sau đó ông đi.") == ["“Ông nói rằng trời mưa.", "Sau đó ông đi."]


# --- the split stage in the pipeline ----------------------------------------------------------


def test_prepare_splits_each_cleaned_paragraph_on_its_own():
    """A paragraph without a final full stop (a sub-heading) never runs into the next one."""
    text = ("Sáng 14/10, thuỷ điện Hố Hô xả lũ. Nhiều xã ở hạ du bị ngập sâu.\n\n"
            "Sạt lở ở miền núi\n\n"
            "Tại huyện Minh Hóa, nước xả lũ từ thủy điện Hố Hô làm nhiều nhà bị ngập sâu.\n\n"
            "Theo TTXVN")
    [doc] = prepare(Cluster(articles=[Article(title="Thuỷ điện Hố Hô xả lũ", text=text)]))
    assert [(s.position, s.text) for s in doc.sentences] == [
        (0, "Sáng 14/10, thủy điện Hố Hô xả lũ."),
        (1, "Nhiều xã ở hạ du bị ngập sâu."),
        (2, "Sạt lở ở miền núi"),
        (3, "Tại huyện Minh Hóa, nước xả lũ từ thủy điện Hố Hô làm nhiều nhà bị ngập sâu."),
    ]
    assert doc.title_syllables == ["thủy", "điện", "hố", "hô", "xả", "lũ"]
    assert doc.removed == [Drop("Theo TTXVN", DropReason.BYLINE)]


def test_read_and_clean_take_the_splitter_from_text_not_from_the_split_stage():
    """read/ and clean/ come before split/: they import `tomtat.text.sentences`, never `tomtat.split`."""
    src = Path(__file__).resolve().parents[1] / "src" / "tomtat"
    for stage in ("read", "clean", "text"):
        for path in (src / stage).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom):
                    assert not (node.module or "").startswith("tomtat.split"), f"{path.name} imports {node.module}"
                elif isinstance(node, ast.Import):
                    assert not any(a.name.startswith("tomtat.split") for a in node.names), path.name
    assert split_paragraph is text_split_paragraph


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tài khoản Yahoo! Mail của ông bị tấn công. Sau đó ông đổi mật khẩu.",
         ["Tài khoản Yahoo! Mail của ông bị tấn công.", "Sau đó ông đổi mật khẩu."]),
        ("Dịch vụ Yahoo! Finance và Yahoo! News vẫn hoạt động bình thường.",
         ["Dịch vụ Yahoo! Finance và Yahoo! News vẫn hoạt động bình thường."]),
        ("Chương trình Jeopardy! Online ra mắt hôm qua.", ["Chương trình Jeopardy! Online ra mắt hôm qua."]),
        # an exclamation followed by a Vietnamese sentence still ends a sentence
        ("Ôi! Nước lên rồi.", ["Ôi!", "Nước lên rồi."]),
        ("Hello! Anh khỏe không?", ["Hello!", "Anh khỏe không?"]),
        ("Yahoo! Nhật Bản đóng cửa dịch vụ.", ["Yahoo!", "Nhật Bản đóng cửa dịch vụ."]),
        ("Ai? Tôi không biết.", ["Ai?", "Tôi không biết."]),
    ],
)
def test_brand_names_with_an_exclamation_mark_are_not_split(text, expected):
    assert sentences(text) == expected


def test_boundary_pattern_finds_what_the_lookbehind_first_form_found():
    # issue 11: the boundary pattern opens on a character class (its "no end mark before" test moved after
    # the first mark), so the regex engine skips to end marks; the matches are the same
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tomtat.text import sentences
    from tomtat.text.punctuation import CLOSERS, SENTENCE_END

    end = re.escape(SENTENCE_END)
    before = re.compile(rf"(?<![{end}])(?P<end>[{end}]+[{re.escape(CLOSERS)}]*)(?P<space>\s+)")

    def spans(pattern, text):
        return [(m.span(), m.span("end"), m.span("space")) for m in pattern.finditer(text)]

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list(".!?…\"'”’»)] aB1\n\t")), max_size=50))
    def check(text):
        assert spans(sentences._BOUNDARY, text) == spans(before, text)

    check()


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("aăâbđêTPHCMĐ09_. ,;:()“”\"'-…!?İıẞ²Ⅻ東🙂\t") + ["TP", "HCM", "..", "PGS."]),
                max_size=14).map("".join))
def test_last_token_is_the_expressions_match(text):
    """The backward scan finds what `_LAST_TOKEN` found (stripped of dots), on any text."""
    from tomtat.text.sentences import _LAST_TOKEN, _last_token

    match = _LAST_TOKEN.search(text)
    assert (_last_token(text) or None) == ((match.group(1).rstrip(".") if match else None) or None)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a full stop, an ellipsis and a closing quote glued to the next sentence (the space was lost)
        ("Văn bản do Phó Cục trưởng Lê Văn Hòa ký.Theo đó, các lô hàng phải được kiểm tra lại.",
         ["Văn bản do Phó Cục trưởng Lê Văn Hòa ký.", "Theo đó, các lô hàng phải được kiểm tra lại."]),
        ("Nhóm cướp mang theo gậy sắt, dao bầu…Chúng thường chặn người đi chợ lúc rạng sáng.",
         ["Nhóm cướp mang theo gậy sắt, dao bầu…", "Chúng thường chặn người đi chợ lúc rạng sáng."]),
        ("Bà Lan nói: “Chúng tôi sẽ hỗ trợ bà con vùng lũ.”Ông Nam cho biết thêm về kế hoạch di dời.",
         ["Bà Lan nói: “Chúng tôi sẽ hỗ trợ bà con vùng lũ.”", "Ông Nam cho biết thêm về kế hoạch di dời."]),
        ("Trẻ nên ăn ít một để dễ tiêu hóa hơn.Đối với trẻ còn bú, mẹ nên cho bú theo nhu cầu.",
         ["Trẻ nên ăn ít một để dễ tiêu hóa hơn.", "Đối với trẻ còn bú, mẹ nên cho bú theo nhu cầu."]),
    ],
)
def test_a_sentence_end_glued_to_the_next_sentence_ends_it(text, expected):
    assert sentences(text) == expected
    assert split_paragraph(text) == expected
    assert "".join(expected) == text  # a glued end is cut between the mark and the next word, nothing lost


@pytest.mark.parametrize(
    "text",
    [
        # abbreviations, initials, domains, decimals and e-mail addresses glue their dots: one sentence each
        "Tổng thống V.Putin đến TP.HCM và thăm một trường học ở Q.Cầu Giấy chiều qua.",
        "Theo VOV.VN và vnexpress.net, giá xăng tăng 1.550 đồng, tức 5.2%, từ chiều nay.",
        "Bạn đọc gửi thư về toasoan@baomoi.Com hoặc bao.vn.Theo để góp ý.",
        # lower case after an ellipsis goes on with the same sentence
        "Nó cứ khóc…khóc mãi mà không ai dỗ được.",
        # inside a quotation that closes later, a glued end is the speaker's, not the article's
        "Ông kể: “Tôi chờ mãi…Rồi một hôm nước về” khi kể lại trận lũ năm ấy.",
    ],
)
def test_dotted_names_and_quoted_speech_are_not_cut_as_glued_ends(text):
    assert sentences(text) == [text]


def test_glued_sentences_become_two_candidates_in_the_pipeline():
    """Two sentences glued at a full stop were one 90-syllable unit, too long to be a candidate; split, both
    are candidates (bench/candidates.py found 17 such units among ViMs' and AbMuSu's 873 over 80 syllables)."""
    from tomtat.pipeline import analyze
    from tomtat.select.candidates import MAX_SENTENCE_SYLLABLES, candidates

    first = ("Chiều 12/9, Ủy ban nhân dân tỉnh Quảng Bình đã tổ chức họp khẩn với các sở, ngành và chính quyền "
             "các huyện ven biển để bàn phương án ứng phó với cơn bão số 5 đang tiến vào đất liền.")
    second = ("Theo đó, tỉnh yêu cầu các địa phương hoàn thành việc sơ tán hơn 12.000 hộ dân ở vùng trũng thấp, "
              "ven sông và ven biển trước 17 giờ ngày 13/9, đồng thời bố trí lực lượng, phương tiện cứu hộ "
              "tại các điểm xung yếu.")
    text = f"{first[:-1]}.{second}\nNhiều tàu cá đã được kêu gọi vào nơi tránh trú an toàn trước khi bão đổ bộ."
    rep = analyze([{"title": "Quảng Bình họp khẩn ứng phó bão số 5", "text": text}]).rep
    assert [s.text for s in rep.sentences][:2] == [first, second]
    assert len(first.split()) + len(second.split()) > MAX_SENTENCE_SYLLABLES  # (one word per syllable here)
    assert {0, 1} <= set(candidates(rep).tolist())
