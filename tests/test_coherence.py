"""Back-reference openings, dropped connectives, dangling counts and relative dates.

Sentences are written for these tests in the style of Vietnamese wire copy;
none is taken from an outlet or a benchmark.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pytest

from tomtat.model import SummarySentence
from tomtat.order.coherence import (
    ADDITIVE, ANAPHOR, CONNECTIVE, PERSON, QUOTE, TEMPORAL, dangling_opening, dangling_sentences, drop_connective, find_opening,
    relative_date,
)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Tuy nhiên, giá xăng trong nước vẫn được giữ ổn định đến cuối tháng.", CONNECTIVE),
        ("Trong khi đó, Bộ Công Thương chưa công bố kế hoạch điều chỉnh giá điện.", CONNECTIVE),
        ("Ngoài ra, thành phố sẽ bố trí thêm 200 xe buýt vào giờ cao điểm.", CONNECTIVE),
        ("Bên cạnh đó, nhiều tuyến phố được cấm xe tải từ 6h đến 21h.", CONNECTIVE),
        ("Đồng thời, sở yêu cầu các quận rà soát điểm đỗ xe trái phép.", CONNECTIVE),
        ("Do đó, giá vé tàu Tết năm nay không tăng so với năm trước.", CONNECTIVE),
        ("Vì vậy, nhiều hộ dân phải di dời đến nơi an toàn.", CONNECTIVE),
        ("Theo đó, người lao động được nghỉ Tết Nguyên đán 7 ngày.", CONNECTIVE),
        ("Cũng theo ông Hùng, tiến độ dự án đã chậm hai tháng.", CONNECTIVE),
        ("Còn ông Lâm thì cho rằng giá đất tăng là do đầu cơ.", CONNECTIVE),
        ("Còn Đà Nẵng thì chưa có kế hoạch tăng học phí.", CONNECTIVE),
        ("Song, kết quả điều tra chưa được công bố.", CONNECTIVE),
        ("Nhưng nhiều chuyên gia cho rằng lãi suất sẽ còn tăng.", CONNECTIVE),
        ("Trước đó, công an huyện đã tạm giữ hai nghi phạm.", TEMPORAL),
        ("Sau đó, nhóm này bỏ trốn khỏi hiện trường.", TEMPORAL),
        ("Cùng ngày, Sở Y tế ghi nhận thêm 12 ca mắc mới.", TEMPORAL),
        ("Năm đó, ông tốt nghiệp đại học Bách khoa.", TEMPORAL),
        ("Chỉ vài ngày sau đó, cây cầu được thông xe trở lại.", TEMPORAL),
        ("Điều này khiến giá cổ phiếu của công ty giảm mạnh.", ANAPHOR),
        ("Đây là lần đầu tiên giải đấu được tổ chức tại Việt Nam.", ANAPHOR),
        ("Người này khai nhận đã lấy trộm 3 xe máy.", ANAPHOR),
        ("Ông này cho biết sẽ khiếu nại quyết định.", ANAPHOR),
        ("Họ cho biết sẽ tiếp tục theo dõi tình hình.", ANAPHOR),
        ("Trong đó, 5 người bị thương nặng.", ANAPHOR),
        ("Hiệp định này có hiệu lực từ đầu năm tới.", ANAPHOR),
        ("Vụ tai nạn nói trên khiến giao thông ùn tắc nhiều giờ.", ANAPHOR),
        ("Tại cuộc họp này, các bên thống nhất lộ trình giảm thuế.", ANAPHOR),
        ("Ông Hùng cho biết dự án sẽ hoàn thành trong năm nay.", PERSON),
        ("Bà Lan, chủ một cửa hàng tạp hóa, cho biết giá hàng tăng.", PERSON),
        ("“Chúng tôi sẽ kiểm tra toàn bộ các công trình”.", QUOTE),
        ("- Tuy nhiên, việc cấp phép vẫn chậm.", CONNECTIVE),
        ("Thủ tướng Phạm Minh Chính còn chúc mừng đoàn thể thao Việt Nam.", ADDITIVE),
        ("Hai lãnh đạo cũng thảo luận về hợp tác năng lượng.", ADDITIVE),
        ("Đà Nẵng cũng ghi nhận 5 ca mắc mới trong ngày.", ADDITIVE),
    ],
)
def test_back_reference_openings(sentence, kind):
    assert dangling_opening(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe quanh hồ Hoàn Kiếm.",
        "Trong khi ông Hùng đi công tác, phó giám đốc điều hành công việc.",
        "Ông Nguyễn Văn Hùng, Giám đốc Sở, cho biết dự án đã chậm tiến độ.",
        "Tổng thống Joe Biden đã điện đàm với người đồng cấp Nga.",
        "Ông V.Putin đã nhận lời mời dự hội nghị.",
        "Còn nhiều việc phải làm trước khi mở cửa trở lại.",
        "Cũng như các năm trước, lễ hội thu hút đông du khách.",
        "Song Hye-kyo sẽ đến Hà Nội vào cuối tuần.",
        "Anh Quốc rút khỏi EU từ năm 2020.",
        "Bà Rịa - Vũng Tàu đón hơn 1 triệu lượt khách.",
        "Chúng tôi sẽ kiểm tra toàn bộ các công trình.",
        "Tuần này, Hà Nội tiếp tục nắng nóng trên 38 độ.",
        "Tính đến thời điểm này, đã có 5 người tử vong.",
        "Lần này, đội tuyển có 3 cầu thủ mới.",
        "Đâu đó vẫn còn những bất cập trong khâu cấp phép.",
        "Người dân được khuyến cáo theo dõi biển báo và hướng dẫn.",
        "“Chúng tôi sẽ kiểm tra”, ông Hùng nói.",
        "Đà Nẵng còn 5 bệnh nhân đang điều trị.",  # "còn" = remaining
        "Người dân cũng được khuyến cáo theo dõi biển báo.",  # not a named subject: not counted (conservative)
    ],
)
def test_sentences_that_stand_alone(sentence):
    assert dangling_opening(sentence) is None


def test_decomposed_unicode_matches():
    assert dangling_opening(unicodedata.normalize("NFD", "Tuy nhiên, giá điện chưa tăng trong quý này.")) == CONNECTIVE


def test_person_resolved_by_earlier_summary_text():
    sentence = "Ông Hùng cho biết dự án sẽ hoàn thành trong năm nay."
    assert dangling_opening(sentence, ["Giám đốc Sở Xây dựng Nguyễn Văn Hùng đã kiểm tra công trường."]) is None
    assert dangling_opening(sentence, ["Giám đốc Sở Xây dựng đã kiểm tra công trường."]) == PERSON
    assert dangling_opening(sentence, ["Ông Hùngg là một người khác."]) == PERSON  # whole words only
    opening = find_opening(sentence)
    assert (opening.text, opening.name) == ("Ông Hùng", "Hùng")


@pytest.mark.parametrize(
    ("sentence", "dropped"),
    [
        ("Tuy nhiên, giá xăng trong nước vẫn được giữ ổn định.", "Giá xăng trong nước vẫn được giữ ổn định."),
        ("Ngoài ra, thành phố sẽ bố trí thêm 200 xe buýt.", "Thành phố sẽ bố trí thêm 200 xe buýt."),
        ("Trước đó, công an huyện đã tạm giữ hai nghi phạm.", "Công an huyện đã tạm giữ hai nghi phạm."),
        ("Cũng theo ông Hùng, tiến độ dự án đã chậm hai tháng.", "Theo ông Hùng, tiến độ dự án đã chậm hai tháng."),
        ("Trong khi đó giá vàng thế giới giảm 20 USD mỗi ounce.", "Giá vàng thế giới giảm 20 USD mỗi ounce."),
        ("Nhưng nhiều chuyên gia cho rằng lãi suất sẽ còn tăng.", "Nhiều chuyên gia cho rằng lãi suất sẽ còn tăng."),
        ("Theo đó, “xe không chính chủ” sẽ bị phạt từ ngày 1/7.", "“Xe không chính chủ” sẽ bị phạt từ ngày 1/7."),
        ("Thủ tướng Phạm Minh Chính còn chúc mừng đoàn thể thao Việt Nam.",
         "Thủ tướng Phạm Minh Chính chúc mừng đoàn thể thao Việt Nam."),
        ("Đà Nẵng cũng ghi nhận 5 ca mắc mới trong ngày.", "Đà Nẵng ghi nhận 5 ca mắc mới trong ngày."),
    ],
)
def test_drop_connective(sentence, dropped):
    assert drop_connective(sentence) == dropped


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.",  # nothing to drop
        "Điều này khiến giá cổ phiếu giảm mạnh.",  # an anaphor cannot be dropped
        "Cùng năm đó, ông tốt nghiệp đại học Bách khoa.",  # a noun phrase, not a listed connective
        "Tuy nhiên, điều này chưa được xác nhận.",  # what is left still points back
        "Tuy nhiên, ông nói vậy.",  # too short to stand alone
        "Theo đó, “mọi xe phải gắn thẻ thu phí từ ngày 1/7”.",  # a quote with no speaker is left
        "Do đó, ông Hùng đề nghị xem xét lại quy hoạch.",  # a bare name with no antecedent
    ],
)
def test_drop_connective_refuses(sentence):
    assert drop_connective(sentence) is None


def test_drop_connective_accepts_a_name_the_reader_knows():
    sentence = "Do đó, ông Hùng đề nghị xem xét lại quy hoạch."
    assert drop_connective(sentence, ["Giám đốc Nguyễn Văn Hùng chủ trì cuộc họp."]) == "Ông Hùng đề nghị xem xét lại quy hoạch."


@dataclass
class Placed:
    text: str
    article: int
    position: int


def test_dangling_sentences_counting_rule():
    summary = [
        Placed("Bộ Công Thương quyết định giữ nguyên giá điện trong quý III.", 0, 0),
        Placed("Tuy nhiên, giá xăng có thể tăng nhẹ vào cuối tháng.", 0, 1),  # antecedent (0, 0) before it
        Placed("Trong khi đó, giá gas giảm 15.000 đồng mỗi bình.", 1, 4),  # (1, 3) missing
        Placed("Ông Hải cho biết giá sẽ còn biến động.", 1, 6),  # no "Hải" earlier
        Placed("Bộ trưởng Nguyễn Hồng Diên cho biết bộ đang theo dõi.", 2, 0),
        Placed("Ông Diên nói thêm rằng nguồn cung vẫn được bảo đảm.", 2, 1),  # name earlier
        Placed("“Giá sẽ ổn định đến hết năm”.", 2, 3),  # speakerless quote, neighbours (2, 2)/(2, 4) absent
        Placed("Điều này giúp doanh nghiệp yên tâm sản xuất.", 2, 5),  # (2, 4) missing
    ]
    assert dangling_sentences(summary) == [(2, CONNECTIVE), (3, PERSON), (6, QUOTE), (7, ANAPHOR)]


def test_antecedent_must_come_first_but_a_quote_speaker_may_follow():
    summary = [
        Placed("Tuy nhiên, giá xăng có thể tăng nhẹ vào cuối tháng.", 0, 1),
        Placed("Bộ Công Thương quyết định giữ nguyên giá điện trong quý III.", 0, 0),
        Placed("“Giá sẽ ổn định đến hết năm”.", 1, 3),
        Placed("Ông Trần Văn Bình, đại diện doanh nghiệp, nói như vậy.", 1, 4),
    ]
    assert dangling_sentences(summary) == [(0, CONNECTIVE)]


def test_dangling_sentences_reads_summary_sentences():
    summary = [SummarySentence(text="Tuy nhiên, giá điện chưa tăng.", article=0, position=3, source="VOV")]
    assert dangling_sentences(summary) == [(0, CONNECTIVE)]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("Sáng nay, giá xăng RON95 tăng 500 đồng mỗi lít.", "Sáng nay"),
        ("Hai bên đã điện đàm hôm qua theo đề nghị của phía Mỹ.", "hôm qua"),
        ("Tuần trước, thành phố ghi nhận 120 ca sốt xuất huyết.", "Tuần trước"),
        ("Tháng trước, giá thịt lợn tăng 1.550 đồng mỗi kg.", "Tháng trước"),  # 1.550 is no date
        ("Năm ngoái, 5.2 triệu du khách đến Đà Nẵng.", "Năm ngoái"),  # 5.2 triệu is no date
        ("Hôm nay là ngày đầu tiên học sinh đi học trở lại.", "Hôm nay"),
    ],
)
def test_unplaceable_relative_dates(sentence, found):
    assert relative_date(sentence) == found


@pytest.mark.parametrize(
    "sentence",
    [
        "Hôm qua (13/4), hai bên đã điện đàm theo đề nghị của phía Mỹ.",
        "Sáng nay 16-6, hội nghị thượng đỉnh khai mạc tại Geneva.",
        "Chiều qua, ngày 26, đoàn công tác đã đến hiện trường.",
        "Tháng trước (tháng 3), giá thịt lợn tăng mạnh.",
        "Năm ngoái (2020), doanh thu giảm 30%.",
        "Ngày 13/4, Điện Kremlin cho biết hai bên đã điện đàm.",
    ],
)
def test_placed_or_absent_relative_dates(sentence):
    assert relative_date(sentence) is None


def test_relative_date_scales():
    assert relative_date("Năm ngoái, doanh thu giảm mạnh.", ("day", "week")) is None
    assert relative_date("Năm ngoái, doanh thu giảm mạnh.") == "Năm ngoái"


def test_one_pattern_of_openings_finds_what_the_list_finds():
    """`_ANY_OPENING` (one match) gives the opening the ordered `_COMPILED` list gives (a match each),
    and a normalized sentence gives the same opening without normalizing it again."""
    from tomtat.order import coherence
    from tomtat.text.normalize import normalize

    sentences = [
        "Trong khi đó, giá lúa tại Đồng bằng sông Cửu Long vẫn giữ ổn định.",
        "Trong đó, ba người bị thương nặng được đưa đi cấp cứu.",
        "Cũng như năm ngoái, lễ hội thu hút hàng nghìn du khách.",
        "Cũng trong ngày, đoàn công tác đến thăm trường học vùng cao.",
        "Còn ông Tuấn cho rằng dự án cần thêm thời gian.",
        "Song, kết quả vẫn chưa như mong đợi của người dân.",
        "Chúng tôi đã chuẩn bị kỹ cho mùa mưa bão năm nay.",
        "Chúng đã phá hoại hàng chục hecta lúa của bà con.",
        "Những người này đã được tuyên dương trước toàn trường.",
        "Sau đó, lực lượng cứu hộ đã tiếp cận hiện trường.",
        "TUY NHIÊN, giá xăng vẫn tăng mạnh trong kỳ điều chỉnh này.",
        "Và người dân đã đổ ra đường để xem pháo hoa.",
        "Vậy nên, chính quyền quyết định lùi thời hạn thu phí.",
        "Ngày 5/3, đoàn chuyên gia đã kiểm tra trụ cầu.",
    ]
    for sentence in sentences:
        text = coherence._strip(sentence)
        expected = next(((kind, m.group(0), m.end()) for kind, p in coherence._COMPILED if (m := p.match(text))), None)
        m = coherence._ANY_OPENING.match(text)
        got = (coherence._COMPILED[int(m.lastgroup[1:])][0], m.group(0), m.end()) if m else None
        assert got == expected, sentence
        assert coherence.find_opening(normalize(sentence), normalized=True) == coherence.find_opening(sentence)
    kinds = {coherence.find_opening(s).kind for s in sentences if coherence.find_opening(s)}
    assert {"connective", "temporal", "anaphor"} <= kinds
