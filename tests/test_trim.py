"""Faithful trimming of leading filler phrases (select.trim), with fixtures written for the repo."""

from __future__ import annotations

import pytest

from tomtat import summarize
from tomtat.model import Article
from tomtat.pipeline import analyze
from tomtat.score import make_scorer
from tomtat.select import Budget, budget_lengths, candidates, select, trim_sentence, trimmed
from tomtat.text.normalize import normalize
from tomtat.text.tokens import syllables

# A made-up story told by three outlets: the province raises support for households hit by a flood.
FLOOD = [
    Article(
        title="Quảng Bình nâng mức hỗ trợ cho hộ dân vùng lũ",
        text=(
            "Ngày 12/10, UBND tỉnh Quảng Bình quyết định nâng mức hỗ trợ cho các hộ dân có nhà bị ngập sâu trong đợt lũ vừa qua.\n"
            "Theo đó, mỗi hộ có nhà bị cuốn trôi được hỗ trợ 40 triệu đồng, gấp đôi mức cũ.\n"
            "Cụ thể, hộ có nhà bị hư hỏng nặng nhận 20 triệu đồng, hộ không có người lao động chính được cộng thêm 5 triệu đồng.\n"
            "Được biết, đợt lũ đã làm 7 người chết và hơn 12.000 ngôi nhà bị ngập tại các huyện Lệ Thủy, Quảng Ninh."
        ),
        id="01-bai-a",
    ),
    Article(
        title="Hộ có nhà bị lũ cuốn trôi được hỗ trợ 40 triệu đồng",
        text=(
            "Tỉnh Quảng Bình vừa nâng mức hỗ trợ cho hộ dân có nhà bị lũ cuốn trôi lên 40 triệu đồng mỗi hộ.\n"
            "Ngoài ra, tỉnh không thu học phí học kỳ này đối với học sinh thuộc các hộ bị thiệt hại nặng.\n"
            "Bên cạnh đó, ngành y tế tổ chức phun thuốc khử trùng tại 30 xã vùng rốn lũ để phòng dịch bệnh."
        ),
        id="02-bai-b",
    ),
    Article(
        title="Lũ làm 7 người chết ở Quảng Bình",
        text=(
            "Đợt lũ lớn nhất trong 10 năm qua đã làm 7 người chết, hơn 12.000 ngôi nhà ở Quảng Bình bị ngập sâu.\n"
            "Tuy nhiên, chưa có thống kê đầy đủ về thiệt hại đối với hoa màu và gia súc.\n"
            "Đồng thời, tỉnh đề nghị Trung ương hỗ trợ 500 tấn gạo để cứu đói cho người dân vùng lũ."
        ),
        id="03-bai-c",
    ),
]


@pytest.mark.parametrize("sentence, expected", [
    ("Theo đó, mỗi hộ có nhà bị cuốn trôi được hỗ trợ 40 triệu đồng.", "Mỗi hộ có nhà bị cuốn trôi được hỗ trợ 40 triệu đồng."),
    ("Cụ thể, hộ không có người lao động chính được cộng thêm 5 triệu đồng.",
     "Hộ không có người lao động chính được cộng thêm 5 triệu đồng."),
    ("Được biết, đợt lũ đã làm 7 người chết tại hai huyện.", "Đợt lũ đã làm 7 người chết tại hai huyện."),
    ("Ngoài ra, tỉnh không thu học phí học kỳ này đối với học sinh vùng lũ.",
     "Tỉnh không thu học phí học kỳ này đối với học sinh vùng lũ."),
    ("Bên cạnh đó , ngành y tế tổ chức phun thuốc khử trùng tại 30 xã.", "Ngành y tế tổ chức phun thuốc khử trùng tại 30 xã."),
    ("Đồng thời, tỉnh đề nghị Trung ương hỗ trợ 500 tấn gạo cứu đói.", "Tỉnh đề nghị Trung ương hỗ trợ 500 tấn gạo cứu đói."),
    ("Cụ thể là, 3 xã chưa nhận được tiền hỗ trợ của tỉnh.", "3 xã chưa nhận được tiền hỗ trợ của tỉnh."),
    ("Được biết thêm, “ông Hải” đã nghỉ hưu từ năm 2019 tại quê nhà.", "“Ông Hải” đã nghỉ hưu từ năm 2019 tại quê nhà."),
    ("NGOÀI RA, UBND tỉnh chưa nhận được báo cáo của huyện.", "UBND tỉnh chưa nhận được báo cáo của huyện."),
])
def test_a_leading_filler_is_dropped_and_the_rest_capitalised(sentence, expected):
    assert trim_sentence(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Cụ thể hóa nghị quyết của tỉnh là việc phải làm ngay trong tháng này.",  # a verb, not a filler: no comma
    "Đồng thời giao số đất này cho công ty khác quản lý từ tháng sau.",  # "at the same time" as an adverb
    "Tuy nhiên, chưa có thống kê đầy đủ về thiệt hại đối với hoa màu.",  # contrast: a relation, kept
    "Do đó, tỉnh không tổ chức lễ hội đua thuyền năm nay.",  # consequence: kept
    "Trước đó, ông Hải đã bị khởi tố về tội lừa đảo chiếm đoạt tài sản.",  # a time: kept
    "Theo ông Hải, mỗi hộ dân sẽ được hỗ trợ 20 triệu đồng.",  # attribution to a named person: kept
    "Cụ thể, như sau.",  # what is left is no sentence
    "Theo đó, (ảnh minh họa) ...",  # what is left opens with punctuation
    "Ngoài ra còn nhiều hộ dân chưa nhận được tiền hỗ trợ.",  # no comma: "còn" belongs to the clause
    "Mỗi hộ dân được hỗ trợ 20 triệu đồng, theo đó tỉnh chi 40 tỷ đồng.",  # only at the start
    "Theo đó, iPhone 15 sẽ được bán tại Việt Nam từ ngày 13/10.",  # "IPhone" would misspell the name
    "Cụ thể, “mRNA” là công nghệ vắc xin mới được cấp phép tại 30 nước.",
])
def test_other_openings_and_near_misses_are_left_alone(sentence):
    assert trim_sentence(sentence) is None


def test_a_pattern_over_one_group_trims_only_that_group():
    from tomtat.select import trim

    assert trim.FILLERS == trim.ADDITIVE + trim.ELABORATIVE + trim.HEARSAY
    additive = trim.filler_pattern(trim.ADDITIVE)
    assert trim_sentence("Ngoài ra, tỉnh không thu học phí học kỳ này đối với học sinh vùng lũ.", additive) == (
        "Tỉnh không thu học phí học kỳ này đối với học sinh vùng lũ.")
    for sentence in ("Theo đó, mỗi hộ có nhà bị cuốn trôi được hỗ trợ 40 triệu đồng.",
                     "Được biết, đợt lũ đã làm 7 người chết tại hai huyện."):
        assert trim_sentence(sentence) is not None  # every group by default
        assert trim_sentence(sentence, additive) is None
    hearsay = trim.filler_pattern(trim.HEARSAY)  # the longer phrase first: "thêm" goes with it
    assert trim_sentence("Được biết thêm, ông Hải đã nghỉ hưu từ năm 2019 tại quê nhà.", hearsay) == (
        "Ông Hải đã nghỉ hưu từ năm 2019 tại quê nhà.")


@pytest.mark.parametrize("sentence", [
    "Theo đó, tỉnh không hỗ trợ các hộ xây nhà trái phép sau ngày 1/7/2024.",
    "Cụ thể, 3 trong số 5 bị can chưa nộp lại 1,2 tỷ đồng đã chiếm đoạt.",
    "Được biết, Công ty Hòa Phát không phải là nhà thầu của dự án này.",
])
def test_negations_numbers_and_names_all_survive(sentence):
    short = trim_sentence(sentence)
    assert short is not None and (short[0].isupper() or short[0].isdigit())
    # nothing but the filler goes: the rest is the article's text from the first word after the comma on
    rest = sentence.split(",", 1)[1].strip()
    assert short[1:] == rest[1:] and short[0] == rest[0].upper()
    for word in ("không", "chưa", "1/7/2024", "1,2", "Hòa Phát"):
        assert (word in sentence) == (word in short)


def test_the_selector_counts_the_trimmed_length_and_the_summary_shows_the_trim():
    analysis = analyze(FLOOD)
    rep = analysis.rep
    shown = trimmed(rep)
    assert shown.texts  # the fixture has several filler openings
    for i, text in shown.texts.items():
        assert i in set(candidates(rep).tolist())
        assert shown.lengths[i] == len(syllables(text)) < rep.lengths[i]
    scores = make_scorer(None).score(rep)
    assert (budget_lengths(rep, scores) == shown.lengths).all()
    scores.selection["trim"] = False
    assert budget_lengths(rep, scores) is rep.lengths

    for method in ("greedy", "ilp"):
        assert summarize(FLOOD, words=60, method=method).syllables <= 60
    result = summarize(FLOOD, words=120)
    assert result.syllables <= 120
    assert result.summary == " ".join(s.text for s in result.sentences)
    articles = [normalize(a.text) for a in FLOOD]
    edited = [s for s in result.sentences if s.edited]
    assert edited, "a filler-led sentence is in the summary"
    for s in result.sentences:
        assert s.text[0].isupper() or s.text[0].isdigit() or s.text[0] in "“\""
        if s.edited:  # credited to the article that wrote it, as written there
            assert s.original in articles[s.article] and s.text != s.original
            assert s.original.endswith(s.text[1:])
        else:
            assert s.text in articles[s.article]
    for s in result.sentences:
        assert not s.text.startswith(("Theo đó", "Cụ thể", "Được biết", "Ngoài ra", "Bên cạnh đó", "Đồng thời"))


@pytest.mark.parametrize("method", ["greedy", "ilp"])
def test_a_sentence_that_fits_only_trimmed_is_chosen_only_with_trimming(method):
    rep = analyze(FLOOD).rep
    i = next(n for n, s in enumerate(rep.sentences) if s.text.startswith("Được biết"))
    shown = trimmed(rep)
    budget = Budget(syllables=int(shown.lengths[i]))  # the trimmed sentence fits exactly, the original does not
    scores = make_scorer(None).score(rep)
    scores.sentence_weights[:] = 0.0
    scores.sentence_weights[i] = 1.0
    keep = scores.concept_weights.copy()
    scores.concept_weights[:] = 0.0
    row = rep.concept_matrix[i].indices
    scores.concept_weights[row] = keep[row] + 1.0  # only sentence i's concepts are worth anything
    assert i in select(rep, scores, budget, method)
    scores.selection["trim"] = False
    assert i not in select(rep, scores, budget, method)


def test_trimming_off_leaves_the_article_text():
    """With `"trim": False` the selector's setting, a filler stays where its antecedent precedes it."""
    from tomtat.options import SummaryOptions
    from tomtat.pipeline import summarize_analysis

    fillers = ("Theo đó", "Cụ thể", "Được biết", "Ngoài ra", "Bên cạnh đó", "Đồng thời")

    class Scorer:
        def __init__(self, trim: bool) -> None:
            self.trim = trim

        def score(self, rep):
            scores = make_scorer(None).score(rep)
            scores.selection["trim"] = self.trim
            return scores

    analysis = analyze(FLOOD)
    kept = summarize_analysis(analysis, SummaryOptions(scorer=Scorer(False), budget=Budget(syllables=500)))
    assert any(s.text.startswith(fillers) and not s.edited for s in kept.sentences)
    trimmed_ = summarize_analysis(analysis, SummaryOptions(scorer=Scorer(True), budget=Budget(syllables=500)))
    assert not any(s.text.startswith(fillers) for s in trimmed_.sentences)
    assert any(s.edited and s.original.startswith(fillers) for s in trimmed_.sentences)
