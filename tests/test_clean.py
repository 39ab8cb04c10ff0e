"""The clean stage on scraped Vietnamese news: noise goes, the story stays.

The fixtures in tests/fixtures/flood are invented articles (one made-up flood
story told by four made-up outlets) that reproduce the noise patterns of real
scraped pages: related-link blocks, teaser leads of other articles, photo
captions, media-player lines, source URLs, hard-wrapped lines, a body
paragraph sitting where the title should be, and unrelated items glued after
the closing byline.
"""

from __future__ import annotations

import unicodedata
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tomtat.clean import clean_article, clean_article_terms, drop_offtopic_tails
from tomtat.clean.lines import is_dateline, is_headline_like, split_dateline
from tomtat.model import CleanedArticle, Drop, DropReason
from tomtat.read import read_paths
from tomtat.text.normalize import normalize

FLOOD = Path(__file__).parent / "fixtures" / "flood"


def _clean_cluster(path: Path):
    """What pipeline.prepare does in its clean stage, without the later stages."""
    cluster = read_paths([path])[0]
    cleaned = drop_offtopic_tails([clean_article(a.text, a.title) for a in cluster.articles])
    return {article.id: (c.paragraphs, c.removed) for article, c in zip(cluster.articles, cleaned)}


def _clean(text: str, title: str) -> tuple[list[str], list[Drop]]:
    """Paragraphs and drops of already normalized text (what these tests were written against)."""
    cleaned = clean_article(text, title, normalized=True)
    return cleaned.paragraphs, cleaned.removed


def _tails(documents: list[list[str]], titles: list[str]) -> tuple[list[list[str]], list[list[Drop]]]:
    """The off-topic tail cut on bare paragraph lists: (kept paragraphs, drops) per article."""
    out = drop_offtopic_tails([CleanedArticle(title, list(doc)) for doc, title in zip(documents, titles)])
    return [a.paragraphs for a in out], [a.removed for a in out]


@pytest.fixture(scope="module")
def flood():
    return _clean_cluster(FLOOD)


def _reasons(removed, reason):
    return [d.text for d in removed if d.reason is reason]


def _text(paragraphs):
    return "\n".join(paragraphs)


# --- the flood cluster, article by article -------------------------------------------------


def test_related_block_drops_every_headline_and_stops_at_the_story(flood):
    paragraphs, removed = flood["a_congly"]
    assert _reasons(removed, DropReason.RELATED_HEADER) == ["Bài liên quan"]
    links = _reasons(removed, DropReason.RELATED_LINK)
    assert len(links) == 4  # one ends in "?", one in a quote: the block goes on regardless
    assert "Miền Trung có thể đón thêm một cơn bão mới trong tuần tới?" in links
    assert paragraphs[1].startswith("Theo Ban Chỉ huy phòng chống thiên tai tỉnh Quảng Bình")


def test_caption_source_url_and_subheading(flood):
    paragraphs, removed = flood["a_congly"]
    assert any("- Ảnh: Minh Phong" in line for line in _reasons(removed, DropReason.PHOTO_CAPTION))
    assert any("https://baomientrung.example.vn" in line for line in _reasons(removed, DropReason.SOURCE_URL))
    assert "https" not in _text(paragraphs)
    # real one-line paragraphs, quotes and dated paragraphs stay
    assert any(p.startswith('"Nước lên quá nhanh') for p in paragraphs)
    assert any(p.startswith("Ngày 13/10, Chủ tịch UBND") for p in paragraphs)
    assert any(p.startswith("Lực lượng công an") for p in paragraphs)


def test_related_block_with_teaser_leads_and_repeated_headlines(flood):
    paragraphs, removed = flood["b_vov"]
    assert _reasons(removed, DropReason.SITE_PROMPT) == ["Mời quý độc giả theo dõi VOV.VN trên"]
    assert len(_reasons(removed, DropReason.RELATED_TEASER)) == 4
    assert len(paragraphs) == 4
    story = _text(paragraphs)
    for other in ("Giá vàng", "World Cup", "Indonesia"):
        assert other not in story
    # the article's own lead stays, without its dateline
    assert paragraphs[0].startswith("Ngày 13/10, Ban Chỉ huy")
    assert Drop("VOV.VN -", DropReason.DATELINE) in removed


def test_hard_wrapped_lines_are_joined_and_photo_captions_dropped(flood):
    paragraphs, removed = flood["c_wrapped"]
    # the first line was body text (a long quote), so the article has no title and keeps it
    assert paragraphs[0].startswith("“Chúng tôi đã chuẩn bị phương án sơ tán")
    assert paragraphs[0].endswith("ông Trần Văn Hùng, Phó Chủ tịch UBND huyện Lệ Thủy.")
    assert "so với các trận lũ năm 2020”, theo ông Trần Văn Hùng" in paragraphs[0]
    # a wrap before an upper-case proper noun ("... thuộc\nLệ Thủy, ...")
    assert any("ven sông Kiến Giang thuộc Lệ Thủy, nơi hơn 8.500" in p for p in paragraphs)
    assert any("áo phao cho lực lượng tại chỗ." in p for p in paragraphs)
    assert any("huyện miền núi Minh Hóa, Tuyên Hóa ở mức cao." in p for p in paragraphs)
    captions = _reasons(removed, DropReason.PHOTO_CAPTION)
    assert len(captions) == 2 and all(not c.startswith("Trong khi") for c in captions)
    assert _reasons(removed, DropReason.SYMBOLS_ONLY) == ["|", "|"]
    assert _reasons(removed, DropReason.SITE_PROMPT) == ["Bình luận (0)"]
    assert len(paragraphs) == 5


def test_glued_unrelated_items_after_the_byline_are_cut(flood):
    paragraphs, removed = flood["d_ngaynay"]
    assert _reasons(removed, DropReason.MEDIA_PLAYER) == ["0:00 / 0:00", "0:00"]
    assert _reasons(removed, DropReason.REPEATS_TITLE) == ["Mưa lũ gây ngập sâu tại Quảng Bình"]
    assert _reasons(removed, DropReason.BYLINE) == ["Theo TTXVN"]
    story = _text(paragraphs)
    for other in ("chứng khoán", "VN-Index", "du lịch", "Phong Nha"):
        assert other not in story
    # ... but the real end of the article stays
    assert paragraphs[-1].startswith("Tỉnh Quảng Bình đề nghị Trung ương hỗ trợ 500 tấn gạo")
    assert len(_reasons(removed, DropReason.OFFTOPIC_TAIL)) == 5


def test_no_article_loses_its_real_body(flood):
    for paragraphs, removed in flood.values():
        assert len(paragraphs) >= 4
        for d in removed:
            if d.reason is DropReason.OFFTOPIC_TAIL:
                assert "Quảng Bình đề nghị Trung ương" not in d.text


# --- single rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Nguồn Báo Miền Trung: https://baomientrung.example.vn/lu-lon-quang-binh-post55123.html", DropReason.SOURCE_URL),
        ("Xem chi tiết tại: www.example.vn/tin-tuc", DropReason.SOURCE_URL),
        ("Cầu thủ Nguyễn Văn Bình ăn mừng bàn thắng - Ảnh: VFF", DropReason.PHOTO_CAPTION),
        ("Nhà đầu tư theo dõi bảng điện tử (Ảnh: Reuters)", DropReason.PHOTO_CAPTION),
        ("(Ảnh: TTXVN)", DropReason.PHOTO_CAPTION),
        ("Ảnh minh họa", DropReason.PHOTO_CAPTION),
        ("Ông Nguyễn Văn A (giữa) trao quà cho bà con vùng lũ", DropReason.PHOTO_CAPTION),
        ("0:00 / 0:00", DropReason.MEDIA_PLAYER),
        ("0:00", DropReason.MEDIA_PLAYER),
        ("01:25:10 / 01:30:00", DropReason.MEDIA_PLAYER),
        ("Bình luận (0)", DropReason.SITE_PROMPT),
        ("12 bình luận", DropReason.SITE_PROMPT),
        ("Chia sẻ", DropReason.SITE_PROMPT),
        ("Mời quý độc giả theo dõi VTV.vn trên", DropReason.SITE_PROMPT),
        ("Theo dõi Báo Miền Trung trên Google News", DropReason.SITE_PROMPT),
        ("Đăng ký nhận bản tin mỗi sáng", DropReason.SITE_PROMPT),
        ("Tải ứng dụng để đọc tin nhanh hơn", DropReason.SITE_PROMPT),
        ("|", DropReason.SYMBOLS_ONLY),
        ("* * *", DropReason.SYMBOLS_ONLY),
        ("Theo Reuters", DropReason.BYLINE),
        ("Theo Reuters, AFP", DropReason.BYLINE),
        ("Nguồn: VnExpress", DropReason.BYLINE),
        ("Minh An (tổng hợp)", DropReason.BYLINE),
        ("Hoàng Anh (theo Reuters)", DropReason.BYLINE),
        ("(Theo VnExpress)", DropReason.BYLINE),
        ("Người dân sơ tán trong đêm. Ảnh: TTXVN", DropReason.PHOTO_CAPTION),
        ("Video: Cảnh sát giải cứu người dân mắc kẹt", DropReason.PHOTO_CAPTION),
        ("Từ khóa: lũ lụt, Quảng Bình, sơ tán", DropReason.TAGS),
        (">> Giá vàng hôm nay lập đỉnh mới", DropReason.RELATED_LINK),
        ("Nguồn video: VTV", DropReason.PHOTO_CAPTION),
        ("© 2026 Báo Miền Trung. Giữ bản quyền.", DropReason.SITE_PROMPT),
        ("Hotline: 0236 123 456", DropReason.SITE_PROMPT),
        ("Xem thêm: Các bài viết về mưa lũ miền Trung năm nay.", DropReason.RELATED_LINK),
        ("Thứ Hai, 13/10/2026 08:30", DropReason.DATE_STAMP),
    ],
)
def test_noise_line_is_dropped_with_its_reason(line, reason):
    text = f"Mưa lớn kéo dài gây ngập sâu nhiều tuyến đường ở Đà Nẵng.\n\n{line}\n\nNước rút chậm, người dân vẫn phải đi lại bằng thuyền."
    paragraphs, removed = _clean(text, "")
    assert removed == [Drop(line, reason)]
    assert len(paragraphs) == 2


@pytest.mark.parametrize(
    "line",
    [
        '"Chúng tôi sẽ không để người dân nào bị đói," ông Hùng nói.',
        "“Đây là trận lũ lớn nhất mà tôi từng chứng kiến.”",
        "Ngày 13/4, Ngân hàng Nhà nước công bố điều chỉnh lãi suất điều hành.",
        "Trận đấu kết thúc với tỷ số 2-1.",
        "Theo ông, đây là việc cần làm ngay.",
        "Theo Nhà Trắng, hai ông đã thảo luận nhiều vấn đề khu vực và toàn cầu.",
        "Quảng cáo thực phẩm chức năng sai sự thật bị phạt 70 triệu đồng.",
        "Theo dõi diễn biến lũ trên sông Hương, tỉnh đã lập ba đoàn công tác.",
        "Bình luận viên cho rằng đội chủ nhà chơi thiếu tập trung.",
        "Người dân có thể tra cứu thông tin tại https://example.vn hoặc gọi đường dây nóng của tỉnh để được hỗ trợ kịp thời.",
        "Chia sẻ với phóng viên, anh Tuấn cho biết gia đình mất trắng vụ lúa.",
        "Play-off là cơ hội cuối cùng của đội bóng đất Cảng.",
        "VN-Index đóng cửa ở mức 1.250,5 điểm, tăng 0,8%.",
        "Giá vàng tăng mạnh trong phiên sáng (theo SJC)",
        "Nguồn: Bộ Y tế cho biết có thêm 5 ca mắc mới.",
        "Theo Bộ Y tế",
        "Mưa lớn kéo dài nhiều ngày khiến nước sông dâng cao. Ông Hùng nói người dân đã được sơ tán. "
        "Chính quyền đã chuẩn bị đủ lương thực (Ảnh: TTXVN)",
    ],
)
def test_real_content_is_kept(line):
    text = f"Mưa lớn kéo dài gây ngập sâu nhiều tuyến đường ở Đà Nẵng.\n\n{line}\n\nNước rút chậm, người dân vẫn phải đi lại bằng thuyền."
    paragraphs, removed = _clean(text, "Đà Nẵng ngập sâu")
    assert removed == []
    assert paragraphs[1] == line


def test_short_subheading_may_stay_but_not_glued_to_the_next_paragraph():
    text = "Mở đầu bài báo về trận lũ.\n\nSạt lở ở miền núi\n\nTại huyện Minh Hóa, mưa lớn gây sạt lở."
    paragraphs, _ = _clean(text, "")
    assert "Tại huyện Minh Hóa, mưa lớn gây sạt lở." in paragraphs


def test_related_block_without_blank_lines_and_inline_header():
    text = (
        "Đội tuyển Việt Nam thắng Indonesia 2-1 trên sân Mỹ Đình tối qua.\n"
        "Xem thêm:\n"
        "HLV trưởng nói gì sau trận thắng?\n"
        "Cổ động viên: 'Đây là trận hay nhất năm'\n"
        "Bảng xếp hạng vòng loại sau lượt trận thứ ba\n"
        "Với kết quả này, đội tuyển Việt Nam vươn lên dẫn đầu bảng với 7 điểm sau ba lượt trận.\n"
        "Đọc thêm: Lịch thi đấu lượt về của đội tuyển Việt Nam\n"
        "Trận tiếp theo sẽ diễn ra ngày 15/11 trên sân khách."
    )
    paragraphs, removed = _clean(text, "")
    assert [d.reason for d in removed] == [DropReason.RELATED_HEADER] + [DropReason.RELATED_LINK] * 4
    assert paragraphs == [
        "Đội tuyển Việt Nam thắng Indonesia 2-1 trên sân Mỹ Đình tối qua.",
        "Với kết quả này, đội tuyển Việt Nam vươn lên dẫn đầu bảng với 7 điểm sau ba lượt trận.",
        "Trận tiếp theo sẽ diễn ra ngày 15/11 trên sân khách.",
    ]


def test_related_block_ends_at_a_short_real_sentence():
    text = "Mở đầu.\n\nTin liên quan\n\nGiá vàng lập đỉnh mới\n\nPhiên giao dịch kết thúc sớm hơn mọi ngày.\n\nĐoạn cuối của bài."
    paragraphs, removed = _clean(text, "")
    assert [d.reason for d in removed] == [DropReason.RELATED_HEADER, DropReason.RELATED_LINK]
    assert "Phiên giao dịch kết thúc sớm hơn mọi ngày." in paragraphs


def test_heading_words_inside_a_sentence_do_not_open_a_related_block():
    text = "Tin mới nhất cho thấy giá vàng tiếp tục tăng.\nGiá vàng lập đỉnh\nXem thêm sách báo là thói quen tốt."
    paragraphs, removed = _clean(text, "")
    assert removed == []


def test_author_signature_at_the_end():
    text = "Mưa lớn kéo dài gây ngập sâu.\n\nNước rút chậm.\n\nMinh Anh"
    assert _clean(text, "") == (["Mưa lớn kéo dài gây ngập sâu.", "Nước rút chậm."], [Drop("Minh Anh", DropReason.BYLINE)])
    text = "Mưa lớn kéo dài gây ngập sâu.\n\nNước rút chậm.\n\nTHU HÀ"
    assert _clean(text, "")[1] == [Drop("THU HÀ", DropReason.BYLINE)]
    # a last sentence, or a lone line, is not a signature
    assert _clean("Mưa lớn.\n\nNước rút chậm, người dân về nhà.", "")[1] == []
    assert _clean("Minh Anh", "")[1] == []
    assert _clean("Mưa lớn.\n\nCuộc họp khẩn được tổ chức tại trụ sở ủy ban ở\nHà Nội", "")[1] == []


def test_title_repeat_and_duplicate_lines():
    text = "Giá vàng lập đỉnh mới\n\nGiá vàng hôm nay tăng mạnh.\n\nGiá vàng hôm nay tăng mạnh."
    paragraphs, removed = _clean(text, "Giá vàng lập đỉnh mới")
    assert removed == [Drop("Giá vàng lập đỉnh mới", DropReason.REPEATS_TITLE),
                       Drop("Giá vàng hôm nay tăng mạnh.", DropReason.DUPLICATE)]
    assert paragraphs == ["Giá vàng hôm nay tăng mạnh."]


def test_dateline_is_never_joined_to_the_previous_line():
    text = ("Cơ hội gắn kết đồng minh giữa hai nước láng giềng trong khu vực\n"
            "(Ngày Nay) - Thủ tướng có chuyến thăm chính thức trong hai ngày 23 và 24/3.")
    paragraphs, _ = _clean(text, "")
    assert len(paragraphs) == 2
    assert paragraphs[1].startswith("(Ngày Nay) - ")


def test_one_paragraph_a_line_text_is_not_glued():
    """Sub-headings and sentences without a full stop, in text that is not hard-wrapped, stay apart."""
    text = ("Mưa lớn kéo dài nhiều ngày qua khiến nước sông dâng cao.\n"
            "Phải liên kết để tồn tại\n"
            "Các doanh nghiệp nhỏ cần hợp tác với nhau để vượt qua khó khăn.\n"
            "Khởi tố nếu có dấu hiệu hình sự\n"
            "Cơ quan công an đang điều tra vụ việc.\n"
            "Phải có bằng chứng khoa học và điều tra kỹ lưỡng để xác định thủ phạm gây ra sự cố\n"
            "Ngày 9-5, Thủ tướng đã chỉ đạo hỗ trợ gạo cho ngư dân.")
    paragraphs, removed = _clean(text, "")
    assert removed == []
    assert paragraphs == text.split("\n")


def test_wrap_before_a_number_unit_or_after_a_comma():
    text = ("Ông Hải mang theo vali có 200.000\nUSD để trả tiền mua căn hộ.\n"
            "Sau khi ký hợp đồng ngày 30.11.2010,\nCông ty được nhận số tiền 16,5 tỉ đồng.")
    paragraphs, _ = _clean(text, "")
    assert paragraphs == ["Ông Hải mang theo vali có 200.000 USD để trả tiền mua căn hộ.",
                          "Sau khi ký hợp đồng ngày 30.11.2010, Công ty được nhận số tiền 16,5 tỉ đồng."]


def test_consecutive_headlines_are_not_glued():
    text = ("Giá vàng hôm nay tăng mạnh, vượt mốc 70 triệu đồng mỗi lượng\n"
            "Đội tuyển Việt Nam chốt danh sách 23 cầu thủ dự vòng loại World Cup\n"
            "Thủ tướng yêu cầu các địa phương chủ động ứng phó với mưa lũ")
    paragraphs, _ = _clean(text, "")
    assert len(paragraphs) == 3


def test_repeated_headlines_are_not_glued():
    text = "Chứng khoán giảm sâu trong phiên chiều nay\nChứng khoán giảm sâu trong phiên chiều nay\nVN-Index mất 20 điểm."
    paragraphs, removed = _clean(text, "")
    assert paragraphs == ["Chứng khoán giảm sâu trong phiên chiều nay", "VN-Index mất 20 điểm."]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("VOV.VN - Ngày 13/4, mưa lớn.", True),
        ("(Ngày Nay) - Tổng thống nói.", True),
        ("(Dân trí) - Sáng nay, giá vàng tăng.", True),
        ("HÀ NỘI - Sáng nay, giá vàng tăng.", True),
        ("TTO - Sáng nay, giá vàng tăng.", True),
        ("Mỹ - Nga đàm phán về vũ khí.", False),
        ("Quan hệ Nga-Mỹ xấu đi.", False),
        ("(13/4) - Mưa lớn.", False),
    ],
)
def test_dateline(line, expected):
    assert is_dateline(line) is expected


def test_headline_like():
    assert is_headline_like("Tổng thống Putin: 'Mỹ rút khỏi hiệp ước tạo ra nguy cơ mới'")
    assert is_headline_like("Liệu kinh tế có phục hồi trong năm nay?")
    assert not is_headline_like("Cuộc họp kết thúc lúc 11 giờ.")
    assert not is_headline_like("Câu một. Câu hai")
    assert not is_headline_like(" ".join(["từ"] * 31))


# --- the typed result ------------------------------------------------------------------------


def test_clean_article_normalizes_text_and_title_once():
    """Decomposed text and new-style tone marks ("Thuỷ") come out NFC with one spelling, title included."""
    title = "Thuỷ điện xả lũ, hạ du ngập sâu"
    text = "Thuỷ điện xả lũ, hạ du ngập sâu\n\nSáng 14/10, thuỷ điện Hố Hô xả lũ khiến nhiều xã ở hạ du bị ngập.\n\nTheo TTXVN\n"
    cleaned = clean_article(unicodedata.normalize("NFD", text), title)
    assert cleaned.title == "Thủy điện xả lũ, hạ du ngập sâu"
    assert cleaned.paragraphs == ["Sáng 14/10, thủy điện Hố Hô xả lũ khiến nhiều xã ở hạ du bị ngập."]
    assert cleaned.removed == [Drop("Thủy điện xả lũ, hạ du ngập sâu", DropReason.REPEATS_TITLE),
                               Drop("Theo TTXVN", DropReason.BYLINE)]
    assert cleaned.removed[1].reason.value == "byline"  # the display text, for JSON output
    with pytest.raises(FrozenInstanceError):
        cleaned.title = ""


def test_breaks_mark_where_another_article_may_start():
    """After a closing byline, and at a dateline lead that is not the first paragraph."""
    text = ("Sáng 14/10, mưa lớn kéo dài khiến nhiều tuyến đường ở Huế ngập sâu.\n\n"
            "Người dân phải dùng thuyền để đi lại.\n\nTheo VnExpress\n\n"
            "Giá vàng hôm nay tăng mạnh, vượt mốc 90 triệu đồng mỗi lượng.\n\n"
            "VOV.VN - Đội tuyển Việt Nam chốt danh sách dự vòng loại.")
    cleaned = clean_article(text, "")
    assert len(cleaned.paragraphs) == 4
    assert cleaned.breaks == frozenset({2, 3})
    assert cleaned.removed == [Drop("Theo VnExpress", DropReason.BYLINE)]


# --- off-topic tails --------------------------------------------------------------------------

_MATCH = [
    "Đội tuyển Việt Nam thắng Indonesia 2-1 trong trận đấu thuộc vòng loại World Cup trên sân Mỹ Đình.",
    "Tiến Linh mở tỷ số ở phút 20 bằng cú đánh đầu sau quả phạt góc của Hùng Dũng.",
    "Indonesia gỡ hòa đầu hiệp hai nhưng Quang Hải ấn định chiến thắng cho đội tuyển Việt Nam ở phút 78.",
    "Sau trận đấu, huấn luyện viên đội tuyển Việt Nam khen các cầu thủ thi đấu kỷ luật.",
    "Với chiến thắng này, đội tuyển Việt Nam dẫn đầu bảng vòng loại World Cup với 7 điểm.",
]
_OTHER = [
    "Indonesia thua đội tuyển Việt Nam 1-2 tại Mỹ Đình trong lượt trận thứ ba vòng loại World Cup.",
    "Bàn thắng quyết định của Quang Hải đến ở phút 78 sau pha phối hợp với Tiến Linh.",
    "Huấn luyện viên Indonesia thừa nhận đội tuyển Việt Nam xứng đáng giành chiến thắng.",
    "Đội tuyển Việt Nam sẽ làm khách ở lượt trận tiếp theo của vòng loại World Cup.",
]
_GLUED = "Giá cà phê xuất khẩu tăng lên mức kỷ lục do sản lượng của Brazil sụt giảm vì hạn hán kéo dài."


def test_tail_cut_by_content_alone():
    kept, removed = _tails([_MATCH + [_GLUED], _OTHER], ["Việt Nam thắng Indonesia", "Indonesia thua Việt Nam"])
    assert kept[0] == _MATCH
    assert removed[0] == [Drop(_GLUED, DropReason.OFFTOPIC_TAIL)]
    assert kept[1] == _OTHER and removed[1] == []


def test_a_digression_in_the_middle_is_kept():
    digression = _MATCH[:3] + [_GLUED] + _MATCH[3:]
    kept, removed = _tails([digression, _OTHER], ["Việt Nam thắng Indonesia", ""])
    assert kept[0] == digression and removed[0] == []


def test_on_topic_articles_are_untouched():
    kept, removed = _tails([_MATCH, _OTHER], ["", ""])
    assert kept == [_MATCH, _OTHER] and removed == [[], []]


def test_tail_cut_adds_to_the_cleaners_drops_and_leaves_its_input_alone():
    article = CleanedArticle("Việt Nam thắng Indonesia", _MATCH + [_GLUED], breaks=frozenset({5}),
                             removed=[Drop("Theo VFF", DropReason.BYLINE)])
    cut, other = drop_offtopic_tails([article, CleanedArticle("Indonesia thua Việt Nam", _OTHER)])
    assert cut.paragraphs == _MATCH and cut.title == article.title
    assert cut.removed == [Drop("Theo VFF", DropReason.BYLINE), Drop(_GLUED, DropReason.OFFTOPIC_TAIL)]
    assert cut.breaks == frozenset()  # the break pointed into the cut tail
    assert other.paragraphs == _OTHER and other.removed == []
    assert article.paragraphs == _MATCH + [_GLUED] and len(article.removed) == 1


def test_tails_with_no_article_or_one_paragraph():
    assert _tails([], []) == ([], [])
    assert _tails([[]], [""]) == ([[]], [[]])
    assert _tails([["Một đoạn duy nhất."]], [""]) == ([["Một đoạn duy nhất."]], [[]])


# --- properties -------------------------------------------------------------------------------

_LINES = st.lists(
    st.sampled_from([
        "", "|", "0:00", "Bài liên quan", "Tin liên quan", "Xem thêm:", "Theo Reuters", "Bình luận (0)",
        "VOV.VN - Sáng nay, giá vàng tăng mạnh.", "Giá vàng lập đỉnh mới", "Giá vàng lập đỉnh mới?",
        "Mưa lớn kéo dài gây ngập sâu nhiều tuyến đường ở Đà Nẵng.", "nước rút chậm,", "Người dân đi lại bằng thuyền",
        "Ảnh: TTXVN", "Nguồn: https://example.vn/a", "“Chúng tôi sẽ cố gắng", "hết sức”, ông nói.",
    ]) | st.text(max_size=40),
    max_size=25,
)


def _composed_of_input_lines(paragraphs, text):
    """Every output paragraph is one or more input lines, in input order, joined by spaces.

    (The lead may have lost its dateline.)
    """
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    short = [(split_dateline(line) or (None, line))[1] for line in lines]
    failed: set[tuple[int, int, int]] = set()

    def match(k: int, at: int, pos: int) -> bool:
        """Paragraphs k.. (the k-th from character `at`) from input lines pos.. on (backtracking:
        the line "hết" opens "hết sức ..." but the paragraph may be the longer line alone)."""
        if k == len(paragraphs):
            return True
        rest = paragraphs[k][at:]
        if (k, at, pos) in failed:
            return False
        for i in range(pos, len(lines)):
            for line in {lines[i], short[i]}:
                if not _opens(rest, line):
                    continue
                end = at + len(line)
                if end == len(paragraphs[k]):
                    if match(k + 1, 0, i + 1):
                        return True
                elif match(k, end + 1, i + 1):  # a space joins it to the next line
                    return True
        failed.add((k, at, pos))
        return False

    return match(0, 0, 0)


def _opens(rest: str, line: str) -> bool:
    """Does `rest` open with the whole of `line` (then a space or its end)? (":" does not open ":0")"""
    return rest.startswith(line) and rest[len(line):len(line) + 1] in ("", " ")


@settings(max_examples=300, deadline=None)
@given(_LINES, st.sampled_from(["", "Giá vàng lập đỉnh mới"]))
@example([":", ":0"], "")
@example(["Bài liên quan", "hết", "hết sức”, ông nói."], "")
def test_cleaner_output_is_input_content(lines, title):
    text = "\n".join(lines)
    paragraphs, removed = _clean(text, title)
    assert all(p and p == p.strip() for p in paragraphs)
    assert _composed_of_input_lines(paragraphs, text)
    for d in removed:
        assert isinstance(d.reason, DropReason)
        assert d.text in [" ".join(x.split()) for x in text.splitlines()] or (
            d.reason is DropReason.DATELINE and d.text in " ".join(text.split()))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=40))
def test_cleaner_never_raises(text, title):
    cleaned = clean_article(text, title)
    kept = drop_offtopic_tails([cleaned, CleanedArticle("", list(cleaned.paragraphs))])
    assert len(kept) == 2


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=60), max_size=8), max_size=4))
def test_offtopic_keeps_a_prefix(documents):
    kept, removed = _tails(documents, [""] * len(documents))
    for doc, k, r in zip(documents, kept, removed):
        assert k + [d.text for d in r] == doc
        assert len(k) >= min(1, len(doc))


def test_teasers_without_a_related_header_are_cut_as_a_tail():
    """Without the "Tin liên quan" header, the teaser block is still found: by content, backed by layout.

    (The "Mời quý độc giả ..." end-of-article line goes too: it would cut the
    teasers on its own, and this test is about the content-based detector.)
    """
    cluster = read_paths([FLOOD])[0]
    titles = [normalize(a.title).strip() for a in cluster.articles]
    texts = [normalize(a.text) for a in cluster.articles]
    b = [a.id for a in cluster.articles].index("b_vov")
    texts[b] = texts[b].replace("Tin liên quan", "").replace("Mời quý độc giả theo dõi VOV.VN trên", "")
    cleaned = drop_offtopic_tails([clean_article(t, ti, normalized=True) for t, ti in zip(texts, titles)])
    assert len(cleaned[b].paragraphs) == 4
    assert all("Giá vàng" not in p and "World Cup" not in p for p in cleaned[b].paragraphs)
    assert [d for d in cleaned[b].removed if d.reason is DropReason.OFFTOPIC_TAIL]


# --- the real scraped seeds, when ../shared is beside the checkout ----------------------------

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_cluster_is_clean():
    result = _clean_cluster(SEEDS)
    ids = sorted(result)
    story = "\n".join(p for paragraphs, _ in result.values() for p in paragraphs)
    for noise in ("https://", "Ảnh:", "Bình luận (0)", "0:00", "Bài liên quan", "Tin liên quan", "Mời quý độc giả",
                  "Canada", "TikTok", "Bầu trời Mở", "Lavrov", "Theo Reuters"):
        assert noise not in story, noise
    assert all(p != "|" for p in story.splitlines())
    reasons = {i: [d.reason for d in result[i][1]] for i in ids}
    assert reasons[ids[0]].count(DropReason.RELATED_LINK) == 5
    assert reasons[ids[1]].count(DropReason.RELATED_LINK) == 3
    assert DropReason.OFFTOPIC_TAIL in reasons[ids[4]]
    # the body paragraph read as a title is body again, and its wrapped lines are one sentence
    assert read_paths([SEEDS])[0].articles[3].title == ""
    assert all(not p.startswith(("thư kí", "ông Biden.", "Nga”.")) for p in result[ids[3]][0])


@pytest.mark.parametrize(
    "text",
    [
        "." * 30000 + "x",
        "Thứ Hai" + " " * 30000 + "x",
        "- " * 20000,
        "(" * 20000 + "Ảnh: x",
        "a. " * 20000,
        "“Ông. A" * 5000,
        ("Mưa lớn kéo dài ở các huyện\n" * 3000),
        "https://" + "a" * 50000,
    ],
)
def test_pathological_input_is_fast(text):
    import time

    start = time.perf_counter()
    cleaned = clean_article(text, "Mưa lớn", normalized=True)
    drop_offtopic_tails([cleaned, CleanedArticle("", ["Mưa lớn ở Huế."])])
    assert time.perf_counter() - start < 3.0


# --- captions, credits and source tags inside a line; the end of the article ------------------

_BEFORE = "Mưa lớn kéo dài gây ngập sâu nhiều tuyến đường ở Đà Nẵng, hàng trăm hộ dân phải sơ tán khẩn cấp trong đêm qua."
_AFTER = "Nước rút chậm, người dân vẫn phải đi lại bằng thuyền."


@pytest.mark.parametrize(
    "line, kept, drops",
    [
        ("Người dân sơ tán khỏi khu vực ngập sâu sáng nay - Ảnh: AFP Theo Ban Chỉ huy phòng chống thiên tai, "
         "hơn 2.000 hộ đã được đưa đến nơi an toàn.",
         "Theo Ban Chỉ huy phòng chống thiên tai, hơn 2.000 hộ đã được đưa đến nơi an toàn.",
         [Drop("Người dân sơ tán khỏi khu vực ngập sâu sáng nay", DropReason.PHOTO_CAPTION),
          Drop("Ảnh: AFP", DropReason.PHOTO_CREDIT)]),
        ("Ảnh HP Sáng 23/10, đoàn công tác của tỉnh đã kiểm tra các điểm sạt lở.",
         "Sáng 23/10, đoàn công tác của tỉnh đã kiểm tra các điểm sạt lở.", [Drop("Ảnh HP", DropReason.PHOTO_CREDIT)]),
        ("Ảnh: Minh Khôi Chính quyền địa phương đã chuẩn bị đủ lương thực cho người dân.",
         "Chính quyền địa phương đã chuẩn bị đủ lương thực cho người dân.",
         [Drop("Ảnh: Minh Khôi", DropReason.PHOTO_CREDIT)]),
        ("(Nguồn: Reuters) Giá dầu thế giới tăng mạnh trong phiên giao dịch hôm qua.",
         "Giá dầu thế giới tăng mạnh trong phiên giao dịch hôm qua.", [Drop("(Nguồn: Reuters)", DropReason.SOURCE_TAG)]),
        ("Hiện lực lượng cứu hộ vẫn đang tìm kiếm người mất tích./.",
         "Hiện lực lượng cứu hộ vẫn đang tìm kiếm người mất tích.", [Drop("/.", DropReason.END_MARK)]),
        ("Các đại biểu tại buổi làm việc. Ảnh: TTXVN Sáng 13/10, tỉnh đã họp khẩn để bàn phương án ứng phó.",
         "Sáng 13/10, tỉnh đã họp khẩn để bàn phương án ứng phó.",
         [Drop("Các đại biểu tại buổi làm việc.", DropReason.PHOTO_CAPTION), Drop("Ảnh: TTXVN", DropReason.PHOTO_CREDIT)]),
        ("Ảnh: TTXVN Quang cảnh buổi họp. Sáng 13/10, tỉnh đã họp khẩn để bàn phương án ứng phó.",
         "Sáng 13/10, tỉnh đã họp khẩn để bàn phương án ứng phó.",
         [Drop("Ảnh: TTXVN", DropReason.PHOTO_CREDIT), Drop("Quang cảnh buổi họp.", DropReason.CAPTION_LIKE)]),
        ("Xe chở hàng cứu trợ đến xã Tân Hóa - Ảnh minh họa BTCPhương án hỗ trợ người dân",
         "Phương án hỗ trợ người dân",
         [Drop("Xe chở hàng cứu trợ đến xã Tân Hóa", DropReason.PHOTO_CAPTION),
          Drop("Ảnh minh họa BTC", DropReason.PHOTO_CREDIT)]),
        ("Đường sá bị chia cắt. (Ảnh: Reuters) Sáng nay, gió vẫn giật mạnh trên toàn tỉnh.",
         "Đường sá bị chia cắt. Sáng nay, gió vẫn giật mạnh trên toàn tỉnh.",
         [Drop("(Ảnh: Reuters)", DropReason.PHOTO_CREDIT)]),
    ],
)
def test_caption_credit_and_source_tag_inside_a_line_are_cut_out(line, kept, drops):
    paragraphs, removed = _clean(f"{_BEFORE}\n\n{line}\n\n{_AFTER}", "")
    assert paragraphs == [_BEFORE, kept, _AFTER]
    assert removed == drops


@pytest.mark.parametrize(
    "line",
    [
        "Nguồn tin của phóng viên cho biết vụ việc đang được điều tra. Ảnh hưởng của bão rất lớn.",
        "Ông nói việc sơ tán (theo quy định của tỉnh) là bắt buộc.",
        "Video clip ghi lại cảnh nước lũ cuốn trôi cây cầu được chia sẻ nhiều trên mạng xã hội.",
        "Ảnh hưởng của hoàn lưu bão, Đà Nẵng có mưa to đến rất to.",
        "Tài khoản Yahoo! Mail của nhiều người dùng bị tấn công.",
        "Nguồn: Bộ Y tế cho biết có thêm 5 ca mắc mới trong ngày hôm qua.",
    ],
)
def test_credit_words_inside_real_sentences_are_not_cut(line):
    paragraphs, removed = _clean(f"{_BEFORE}\n\n{line}\n\n{_AFTER}", "")
    assert removed == [] and paragraphs[1] == line


def test_caption_like_line_next_to_a_credit_line_goes():
    text = f"{_BEFORE}\n\nCác đại biểu tại buổi làm việc.\n\nẢnh: TTXVN\n\n{_AFTER}"
    paragraphs, removed = _clean(text, "")
    assert paragraphs == [_BEFORE, _AFTER]
    assert removed == [Drop("Ảnh: TTXVN", DropReason.PHOTO_CAPTION),
                       Drop("Các đại biểu tại buổi làm việc.", DropReason.CAPTION_LIKE)]


def test_caption_like_sentence_opening_the_article_goes():
    text = f"Các đại biểu tại buổi làm việc. {_BEFORE}\n\n{_AFTER}"
    paragraphs, removed = _clean(text, "")
    assert paragraphs == [_BEFORE, _AFTER]
    assert removed == [Drop("Các đại biểu tại buổi làm việc.", DropReason.CAPTION_LIKE)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Các đại biểu tại buổi làm việc.", True),
        ("Quang cảnh hội nghị.", True),
        ("Lễ ký kết tại trụ sở Bộ.", True),
        ("Các trường học đóng cửa.", False),  # a statement, no place
        ("Các đại biểu đã thống nhất tại buổi làm việc.", False),  # "đã": a predicate
        ("Britney Spears và Sam Asghari kết hôn tại Los Angeles.", False),  # a short lead, not a caption
        ("Những người dân tại Huế đang chống lũ.", False),
        ("Các đại biểu tại buổi làm việc sáng 13/10 ở trụ sở UBND tỉnh Quảng Bình cùng đoàn công tác.", False),  # long
    ],
)
def test_is_caption_like(sentence, expected):
    from tomtat.clean.inline import is_caption_like

    assert is_caption_like(sentence) is expected


_END_STORY = [
    "Ngày 13/10, Ban Chỉ huy phòng chống thiên tai tỉnh Quảng Bình cho biết mưa lớn đã khiến hơn 12.000 ngôi nhà bị ngập.",
    "Tại huyện Lệ Thủy, nước sông Kiến Giang lên nhanh trong đêm, nhiều thôn bị cô lập hoàn toàn.",
]
_END_OTHER = [
    "Giá vàng miếng trong nước sáng nay tăng thêm 500.000 đồng mỗi lượng, theo đà đi lên của giá vàng thế giới.",
    "Huấn luyện viên trưởng đội tuyển công bố danh sách 23 cầu thủ chuẩn bị cho trận gặp Indonesia",
    "Minh Anh",
]


@pytest.mark.parametrize(
    "end_line, reason",
    [
        ("Bình luận (0)", DropReason.SITE_PROMPT),
        ("Mời quý độc giả theo dõi các tin tức khác trên trang", DropReason.SITE_PROMPT),
        ("Theo dõi Báo Miền Trung trên Google News", DropReason.SITE_PROMPT),
        ("Xem thêm video", DropReason.SITE_PROMPT),
        ("Nguồn Báo Miền Trung: https://baomientrung.example.vn/lu-lon-quang-binh-post55123.html", DropReason.SOURCE_URL),
    ],
)
def test_end_of_article_line_cuts_the_rest(end_line, reason):
    text = "\n\n".join([*_END_STORY, end_line, *_END_OTHER])
    paragraphs, removed = _clean(text, "")
    assert paragraphs == _END_STORY
    assert removed == [Drop(end_line, reason)] + [Drop(p, DropReason.AFTER_END) for p in _END_OTHER]


def test_end_of_article_line_at_the_top_is_header_furniture():
    """Above END_MIN_STORY_SYLLABLES of story, "Bình luận (0)" is the page header: the article follows it."""
    text = "\n\n".join(["Bình luận (0)", *_END_STORY, *_END_OTHER[:1]])
    paragraphs, removed = _clean(text, "")
    assert paragraphs == [*_END_STORY, *_END_OTHER[:1]]
    assert removed == [Drop("Bình luận (0)", DropReason.SITE_PROMPT)]


def test_closing_byline_with_nothing_after_is_not_an_end_cut():
    text = "\n\n".join([*_END_STORY, "Theo Reuters"])
    paragraphs, removed = _clean(text, "")
    assert paragraphs == _END_STORY
    assert removed == [Drop("Theo Reuters", DropReason.BYLINE)]


def test_other_rules_keep_their_reasons_after_the_end():
    text = "\n\n".join([*_END_STORY, "Bình luận (0)", "Tin liên quan", "Giá vàng lập đỉnh mới", _END_OTHER[0]])
    _, removed = _clean(text, "")
    assert [d.reason for d in removed] == [DropReason.SITE_PROMPT, DropReason.RELATED_HEADER, DropReason.RELATED_LINK,
                                           DropReason.AFTER_END]


def test_cleaner_shortcuts_change_no_answer():
    # issue 11: drop_reason with the syllables its caller already has, and the credit-word prefilter of
    # strip_inline, give the answers of the plain calls
    from tomtat.clean import inline
    from tomtat.clean.shapes import drop_reason
    from tomtat.text.tokens import count_syllables, syllables

    title = "Mưa lớn gây ngập sâu nhiều tuyến phố ở Hà Nội"
    lines = [title, "Theo Reuters", "Ảnh: TTXVN", "Các đại biểu tại buổi làm việc. - Ảnh: Quang Định",
             "Xem chi tiết tại https://example.vn/bai-viet", "WWW.EXAMPLE.VN", "Bình luận (0)", "13/10/2026 08:30",
             "Ông Nguyễn Văn A (giữa) trao quà cho người dân vùng lũ.", "Mưa lớn kéo dài từ đêm qua đến sáng nay."]
    for line in lines:
        assert drop_reason(line, title) == drop_reason(
            line, title, tokens=syllables(line, normalized=True), count=count_syllables(line),
            title_tokens=syllables(title, normalized=True))
    for word in inline.CREDIT_WORDS:
        for form in (word, word.upper(), word.title(), word.replace("i", "ı"), word.replace("i", "İ")):
            assert inline.INLINE_CREDIT.search(f"Quang cảnh hội thảo. {form}: Quang Định Sáng 19/5, mưa lớn.")
            assert any(key in f"x {form} y".lower() for key in inline._CREDIT_KEYS), form


# ---------------------------------------------------------------- off-topic arithmetic without sparse objects


def _random_csr(seed: int, rows: int, cols: int, density: float):
    import numpy as np
    from scipy import sparse

    rng = np.random.default_rng(seed)
    m = sparse.random(rows, cols, density=density, format="csr", random_state=rng)
    m.data = rng.random(m.data.size) ** 3  # a wide spread of magnitudes, as TF-IDF weights have
    return m


@pytest.mark.parametrize("seed", range(6))
def test_offtopic_row_squares_are_scipys_bit_for_bit(seed):
    """`_row_squares` sums each row's squares exactly as `a.multiply(a).sum(axis=1)` does."""
    import numpy as np

    from tomtat.clean.offtopic import _row_squares, _rowdot

    m = _random_csr(seed, 40, 300, 0.2).tolil()
    m[3, :] = 0  # an empty row
    m = m.tocsr()
    m.eliminate_zeros()
    assert np.array_equal(_row_squares(m), _rowdot(m, m))
    assert _row_squares(m).tobytes() == _rowdot(m, m).tobytes()


@pytest.mark.parametrize("seed", range(6))
def test_offtopic_row_squares_of_unsorted_rows_are_scipys_bit_for_bit(seed):
    """Rows stored out of order (each term once, as scipy's sums store them): the squares summed as scipy does."""
    import numpy as np
    from scipy import sparse

    from tomtat.clean.offtopic import _row_squares, _rowdot

    m = _random_csr(seed, 40, 300, 0.2)
    rng = np.random.default_rng(seed)
    m.data[rng.random(m.data.size) < 0.05] = 1e-170  # squares that underflow to 0.0, which scipy drops
    indices, data = m.indices.copy(), m.data.copy()
    for lo, hi in zip(m.indptr[:-1], m.indptr[1:]):
        order = lo + rng.permutation(hi - lo)
        indices[lo:hi], data[lo:hi] = m.indices[order], m.data[order]
    unsorted = sparse.csr_matrix((data, indices, m.indptr.copy()), shape=m.shape)
    assert not unsorted.has_canonical_format
    assert _row_squares(unsorted, distinct=True).tobytes() == _rowdot(unsorted, unsorted).tobytes()


@pytest.mark.parametrize("seed", range(6))
def test_offtopic_dense_total_matches_the_sparse_column(seed):
    """Products with the dense total equal those with it stored sparse, and so does its squared length."""
    import numpy as np
    from scipy import sparse

    from tomtat.clean.offtopic import _dense_total

    whole = _random_csr(seed, 12, 500, 0.05)
    para = _random_csr(seed + 100, 60, 500, 0.03)
    total, total_sq = _dense_total(whole)
    column = sparse.csr_matrix(whole.sum(axis=0))
    assert total_sq == float(column.multiply(column).sum())
    for m in (whole, para):
        assert (m @ total).tobytes() == np.asarray((m @ column.T).todense()).ravel().tobytes()


def test_offtopic_ones_rows_is_the_membership_matrix():
    """`_ones_rows` builds the same canonical arrays as the COO membership matrix, empty articles included."""
    import numpy as np
    from scipy import sparse

    from tomtat.clean.offtopic import _head_length, _ones_rows

    sizes = [3, 0, 1, 7, 2, 0]
    bounds = np.cumsum([0] + sizes)
    doc_of = np.repeat(np.arange(len(sizes)), sizes)
    index = np.concatenate([np.arange(n) for n in sizes])
    heads = np.array([_head_length(n) for n in sizes])
    n = int(bounds[-1])
    membership = sparse.csr_matrix((np.ones(n), (doc_of, np.arange(n))), shape=(len(sizes), n))
    in_head = membership.multiply((index < heads[doc_of])[None, :]).tocsr()
    para = _random_csr(7, n, 400, 0.05)
    for old, new in ((membership, _ones_rows(bounds[:-1], bounds[1:], n)),
                     (in_head, _ones_rows(bounds[:-1], bounds[:-1] + np.minimum(heads, np.diff(bounds)), n))):
        assert new.has_canonical_format and new.shape == old.shape
        # the broadcast multiply keeps explicit zeros for the paragraphs past the head; they come after
        # every head paragraph of their row, so the product stores the same values in the same order
        pruned = old.copy()
        pruned.eliminate_zeros()
        assert np.array_equal(new.indptr, pruned.indptr) and np.array_equal(new.indices, pruned.indices)
        assert np.array_equal(new.data, pruned.data)
        a, b = old @ para, new @ para
        assert np.array_equal(a.indptr, b.indptr) and np.array_equal(a.indices, b.indices)
        assert a.data.tobytes() == b.data.tobytes()


@pytest.mark.parametrize("text", ["Ngày 13/4, ông_A nói: 2021 là năm ① của Việt Nam _ x²", "", "İstanbul 12 ab_c"])
def test_offtopic_tokens_are_syllables_without_numbers(text):
    from tomtat.clean.offtopic import _tokens
    from tomtat.text.tokens import syllables

    assert _tokens(text) == [t for t in syllables(text, normalized=True) if not t.isdigit()]


@pytest.mark.parametrize("seed", range(6))
def test_offtopic_own_article_dot_is_the_same_dense_or_searched(seed):
    """`_rowdot_own` gives the same bits from the dense table as from the sorted search (and as the plain product)."""
    import numpy as np

    from tomtat.clean.offtopic import _rowdot_own

    rng = np.random.default_rng(seed)
    para = _random_csr(seed, 50, 300, 0.04)
    per_doc = _random_csr(seed + 50, 6, 300, 0.3)
    doc_of = np.sort(rng.integers(0, 6, 50))
    dense = _rowdot_own(para, per_doc, doc_of)
    searched = _rowdot_own(para, per_doc, doc_of, dense_max=0)
    assert dense.tobytes() == searched.tobytes()
    expected = np.array([para[k].multiply(per_doc[doc_of[k]]).sum() for k in range(50)])
    assert np.allclose(dense, expected)


def _both_story_paths(monkeypatch, documents, titles):
    """`tail_similarities` through scipy's products and through the raw arrays."""
    from tomtat.clean import offtopic

    out = []
    for limit in (-1, 10**9):
        monkeypatch.setattr(offtopic, "ARRAY_PATH_MAX_ENTRIES", limit)
        out.append(offtopic.tail_similarities(documents, titles))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_offtopic_story_arrays_are_scipys_bit_for_bit(monkeypatch, seed):
    """Every similarity of the array path is the float scipy's sparse products give, to the last bit.

    Small random clusters over a few syllables hit every ordering case: empty
    titles, articles and paragraphs, numbers only, titles sharing terms with
    the body or not, and articles whose one-word paragraphs run backwards in
    term order (then scipy's product is sorted and its sums take another order).
    """
    import random

    import numpy as np

    rng = random.Random(seed)
    words = "an ba ca da em gà hà kê lá mơ nô ơi phở quê rau sơn tô uy vân xe yêu 12 7".split()
    for _ in range(300):
        vocabulary = words[:rng.randint(2, len(words))]
        documents, titles = [], []
        for _ in range(rng.randint(1, 5)):
            documents.append([" ".join(rng.choices(vocabulary, k=rng.randint(0, 4))) for _ in range(rng.randint(0, 7))])
            titles.append(" ".join(rng.choices(vocabulary, k=rng.randint(0, 3))))
        if rng.random() < 0.3:
            documents[rng.randrange(len(documents))] = sorted(set(rng.choices(vocabulary, k=5)), reverse=True)
        sparse_path, array_path = _both_story_paths(monkeypatch, documents, titles)
        assert [len(d) for d in sparse_path] == [len(d) for d in array_path]
        assert np.array([s for d in sparse_path for s in d]).tobytes() == np.array([s for d in array_path for s in d]).tobytes()


def test_offtopic_story_arrays_on_news_text(monkeypatch):
    """The two paths agree on news-like articles with a glued-on tail, and both cut it."""
    import numpy as np

    story = [
        "Sáng 12/3, mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu, giao thông ùn tắc kéo dài.",
        "Lực lượng cứu hộ đã có mặt tại các điểm ngập để hỗ trợ người dân di chuyển an toàn.",
        "Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, mưa lớn còn kéo dài đến hết ngày mai.",
        "Người dân được khuyến cáo hạn chế ra đường khi mưa lớn và theo dõi thông tin dự báo.",
    ]
    other = [
        "Mưa lớn từ đêm qua làm nhiều tuyến phố Hà Nội ngập sâu, hàng nghìn xe chết máy giữa đường.",
        "Cơ quan dự báo cho biết mưa lớn sẽ còn kéo dài, người dân cần chủ động phòng tránh ngập.",
        "Lực lượng cứu hộ túc trực tại các điểm ngập sâu để giúp người dân qua đường an toàn.",
    ]
    tail = ["Giá vàng miếng hôm nay tăng mạnh, các doanh nghiệp điều chỉnh bảng giá niêm yết.",
            "Đội tuyển bóng đá nữ chuẩn bị cho trận giao hữu cuối tuần tại sân Mỹ Đình."]
    documents = [story + tail, other, story[:2] + other[1:]]
    titles = ["Mưa lớn gây ngập sâu ở Hà Nội", "Hà Nội ngập sâu sau mưa lớn", ""]
    sparse_path, array_path = _both_story_paths(monkeypatch, documents, titles)
    assert np.array(sum(sparse_path, [])).tobytes() == np.array(sum(array_path, [])).tobytes()
    assert max(array_path[0][-2:]) < 0.12 * float(np.median(array_path[0][:4]))


def test_cleaned_terms_are_the_paragraphs_terms():
    """The terms the cleaner hands the off-topic detector are those of its paragraphs and title.

    On noisy pages (captions and credits cut inside lines, datelines cut off
    the lead, wrapped lines joined back, signatures and captions blanked after
    they were kept) as on clean ones; the detector gives the same similarities
    from them as from the texts.
    """
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from noise import noisy
    from vi_news import METRO, STORM

    from tomtat.clean.offtopic import _similarities, _tokens, tail_similarities

    pages = [(p.read_text(encoding="utf-8"), p.stem) for p in sorted(FLOOD.glob("*.txt"))]
    for story in (METRO, STORM):
        for k, article in enumerate(story):
            other = [a["text"] for a in story if a is not article][:1]
            for seed in range(4):
                pages.append((noisy(article["text"].split("\n"), other, seed).text, article["title"]))
            wrapped = "\n".join(line for sentence in article["text"].split(". ") for line in (sentence[:40], sentence[40:]))
            pages.append(("VOV.VN - " + wrapped + "\nMinh Anh", article["title"]))
    both = [clean_article_terms(text, title) for text, title in pages]
    cleaned = [c for c, _ in both]
    for c, (title_terms, paragraph_terms) in both:
        assert title_terms == _tokens(c.title)
        assert paragraph_terms == [_tokens(p) for p in c.paragraphs]
    documents, titles = [c.paragraphs for c in cleaned], [c.title for c in cleaned]
    assert tail_similarities(documents, titles) == _similarities(
        documents, [t for _, (_, paragraphs) in both for t in paragraphs], [title for _, (title, _) in both])
    terms = [t for _, t in both]
    assert drop_offtopic_tails(cleaned, terms=terms) == drop_offtopic_tails(cleaned)
    assert terms == []  # handed over


def _cut_point_reference(sims, doc, breaks, ratio, hinted_ratio):
    """The cut as first written: the body's median and the tail's maximum taken afresh for every start."""
    import math
    from statistics import median

    from tomtat.clean.offtopic import CONTENT_CUT_FROM, HINTED_LOW_SHARE, MIN_BODY_SIMILARITY, _head_length, _hinted

    n = len(sims)
    for c in range(_head_length(n), n):
        body = median(sims[:c])
        if body < MIN_BODY_SIMILARITY:
            continue
        tail = sims[c:]
        if c >= math.ceil(CONTENT_CUT_FROM * n) and max(tail) < ratio * body:
            return c
        if _hinted(c, doc, breaks):
            limit = hinted_ratio * body
            low = sum(1 for s in tail if s < limit)
            if tail[0] < limit and tail[-1] < limit and median(tail) < limit and low >= HINTED_LOW_SHARE * len(tail):
                return c
    return n


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([0.0, 0.01, 0.03, 0.2, 0.5]), st.floats(0, 1)), min_size=2, max_size=30),
       st.sets(st.integers(0, 29), max_size=3), st.sampled_from([0.12, 0.5, 0.75]))
def test_cut_point_matches_the_reference(sims, breaks, ratio):
    """The incremental median and the tail maxima cut where the plain definition does (ties included)."""
    from tomtat.clean.offtopic import HINTED_RATIO, _cut_point

    doc = ["Tin mới" if k % 2 else "Mưa lớn kéo dài từ đêm qua." for k in range(len(sims))]
    hinted = max(ratio, HINTED_RATIO)
    assert _cut_point(sims, doc, frozenset(breaks), ratio, hinted) == _cut_point_reference(
        sims, doc, frozenset(breaks), ratio, hinted)


@pytest.mark.parametrize("seed", range(4))
def test_offtopic_rowdot_own_buffer_is_the_search(seed):
    """Reading each article's row through a dense buffer gives the sorted search's products, bit for bit."""
    import numpy as np

    from tomtat.clean.offtopic import _ones_rows, _rowdot_own

    sizes = [3, 0, 1, 7, 2, 0, 5]
    bounds = np.cumsum([0] + sizes)
    doc_of = np.repeat(np.arange(len(sizes)), sizes)
    para = _random_csr(seed, int(bounds[-1]), 300, 0.05)
    title = _random_csr(seed + 50, len(sizes), 300, 0.03)
    whole = title + _ones_rows(bounds[:-1], bounds[1:], int(bounds[-1])) @ para  # unsorted, each term once a row
    searched = _rowdot_own(para, whole.copy(), doc_of, dense_max=0)
    buffered = _rowdot_own(para, whole.copy(), doc_of, dense_max=0, distinct=True)
    assert searched.tobytes() == buffered.tobytes()
    assert searched.tobytes() == _rowdot_own(para, whole.copy(), doc_of).tobytes()  # the dense table


def test_credit_prefilters_miss_no_match():
    """`CAPTION_TAIL` can match only a line holding ":" or ")": no other code point folds to either."""
    import re

    from tomtat.clean.shapes import _may_end_on_credit

    either = re.compile(r"[:)]", re.IGNORECASE)
    folding = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and either.match(chr(c))]
    assert folding == [")", ":"]
    assert _may_end_on_credit("Người dân sơ tán khỏi vùng lũ - Ảnh: TTXVN")
    assert _may_end_on_credit("Toàn cảnh buổi lễ (Ảnh minh họa)")
    assert not _may_end_on_credit("Mưa lớn kéo dài từ đêm qua đến sáng nay.")


def test_line_tokens_are_the_syllables_of_one_line_paragraphs():
    """The cleaner hands the split stage each one-line paragraph's syllables: exactly `syllables` of its text."""
    from tomtat.text.tokens import syllables

    text = (
        "Hà Nội – Sáng 12/3, mưa lớn kéo dài khiến nhiều tuyến phố ở quận Cầu Giấy ngập sâu.\n"
        "Ảnh: Minh Đức\n"
        "Theo Trung tâm Dự báo khí tượng thủy văn quốc gia, lượng mưa đo được vượt 120 mm.\n"
        "Nhiều người dân phải dắt xe máy qua đoạn đường ngập, giao thông ùn tắc\n"
        "đến tận trưa.\n"
        "Tin liên quan\n"
        "Mưa lớn gây ngập nhiều tuyến phố Hà Nội\n"
    )
    seen: dict[str, list[str]] = {}
    cleaned, _ = clean_article_terms(text, "Mưa lớn gây ngập ở Hà Nội", line_tokens=seen)
    plain, _ = clean_article_terms(text, "Mưa lớn gây ngập ở Hà Nội")
    assert cleaned == plain  # (the keyword changes nothing else)
    assert seen and set(seen) <= set(cleaned.paragraphs)
    for paragraph, tokens in seen.items():
        assert tokens == syllables(paragraph, normalized=True)


def test_credit_keys_are_the_ones_tested(monkeypatch):
    """`_strip_credits` tests each of `_CREDIT_KEYS` (spelled out there) before searching a line for a credit."""
    from tomtat.clean import inline

    searched: list[str] = []

    class Spy:
        def search(self, line, pos=0):
            searched.append(line)

    monkeypatch.setattr(inline, "INLINE_CREDIT", Spy())
    for key in inline._CREDIT_KEYS:
        inline._strip_credits(f"Trận lũ quét {key} ở Yên Bái", [])
    assert len(searched) == len(inline._CREDIT_KEYS)
    inline._strip_credits("Trận lũ quét ở Yên Bái khiến ba người mất tích.", [])
    assert len(searched) == len(inline._CREDIT_KEYS)


def test_other_space_is_every_whitespace_but_space_and_line_break():
    from tomtat.clean.lines import _OTHER_SPACE

    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" ", "\n"}
    assert {chr(c) for c in range(0x110000) if _OTHER_SPACE.match(chr(c))} == spaces
    # and `splitlines` cuts at no other character
    assert all(len(f"a{chr(c)}b".splitlines()) == 1 for c in range(0x110000) if chr(c) not in spaces | {"\n"})


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ơ\n\t\r\u00a0\u2003\u2028\x0c\x1f.")), max_size=40) | st.text(max_size=40))
def test_stripped_lines_are_the_lines_split_and_joined(text):
    from tomtat.clean.lines import _stripped_lines

    expected = [" ".join(line.split()) for line in text.splitlines()]
    assert _stripped_lines(text) == expected
    assert _stripped_lines(normalize(text)) == [" ".join(line.split()) for line in normalize(text).splitlines()]


def test_a_date_stamp_ends_on_a_letter_digit_or_bracket():
    """What `drop_reason`'s shortcut relies on: a stripped line `DATE_STAMP` matches ends on a letter, a digit or ")"."""
    from tomtat.clean.patterns import DATE_STAMP
    from tomtat.clean.shapes import _may_end_a_date_stamp

    stems = ["13/10/2026 08:30 (GMT+7", "Thứ Hai, 13/10/2026 08:30 s", "13/10/2026 08:30 c", "13/10/2026 08:30 a",
             "13/10/2026 08:30 p", "Cập nhật: 13/10/202", "13/10/2026 08:3"]
    for c in map(chr, range(0x10000)):
        if not c.isspace() and not _may_end_a_date_stamp(c):
            assert not any(DATE_STAMP.match(stem + c) for stem in stems), repr(c)
    assert all(DATE_STAMP.match(stem + end) for stem, end in zip(stems, ")ahmm60"))


def test_row_block_is_the_row_slice():
    import numpy as np
    from scipy import sparse

    from tomtat.clean.offtopic import _row_block

    m = sparse.random(12, 30, density=0.3, format="csr", random_state=4)
    for lo, hi in ((0, 12), (0, 7), (7, 12), (3, 3), (11, 12)):
        block, sliced = _row_block(m, lo, hi), m[lo:hi]
        assert block.shape == sliced.shape
        for name in ("indptr", "indices", "data"):
            assert getattr(block, name).dtype == getattr(sliced, name).dtype
            assert np.array_equal(getattr(block, name), getattr(sliced, name))


def test_offtopic_cut_shortcut_is_the_walk():
    """`_cut_point` answers an article without a hint past its head at once when its last paragraph scores at
    least `ratio` x the others' best; the full walk over every start (forced by a break past the last
    paragraph, which hints nothing) gives the same cut on every input."""
    import random

    from tomtat.clean.offtopic import _cut_point

    rng = random.Random(7)
    for _ in range(20000):
        n = rng.randint(2, 12)
        sims = [rng.choice([0.0, 0.03, 0.5, rng.random(), rng.random() * 0.05]) for _ in range(n)]
        doc = ["Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu."] * n
        for ratio in (0.12, 0.75):
            assert _cut_point(sims, doc, frozenset(), ratio, 0.75) == _cut_point(sims, doc, frozenset({n}), ratio, 0.75)


def test_prompt_opens_every_alternative_at_the_start():
    """`drop_reason` matches `PROMPT` at the line's start: every top-level alternative opens with "^" (no
    MULTILINE), so a search could find no match elsewhere."""
    import re

    from tomtat.clean.patterns import PROMPT

    assert not PROMPT.flags & re.MULTILINE
    alternatives, depth, start, escaped, in_class = [], 0, 0, False, False
    pattern = PROMPT.pattern
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:k])
            start = k + 1
    alternatives.append(pattern[start:])
    assert len(alternatives) > 5 and all(a.startswith("^") for a in alternatives)
    for line in ("Bình luận (0)", "Chia sẻ", "Tin bình luận (0)", "Mời quý độc giả theo dõi VTV.vn trên", "x ©"):
        assert bool(PROMPT.match(line)) == bool(PROMPT.search(line))


def test_caption_tail_needs_a_credit_key():
    """`drop_reason` searches for a credit closing a line only when its lowercase holds a credit key: every
    credit word, in every case the pattern matches, holds one; the answers are those of searching every line."""
    from tomtat.clean import inline
    from tomtat.clean.patterns import CAPTION_TAIL, CREDIT
    from tomtat.clean.inline import may_name_a_credit
    from tomtat.clean.shapes import drop_reason

    words = CREDIT[3:-1].split("|")
    assert sorted(words) == sorted(inline.CREDIT_WORDS)
    for word in words:
        for form in (word, word.upper(), word.title(), word.replace("i", "ı"), word.replace("i", "İ")):
            line = f"Người dân sơ tán khỏi vùng lũ - {form}: TTXVN"
            assert CAPTION_TAIL.search(line) and may_name_a_credit(line.lower()), form
            assert drop_reason(line, "", lower=line.lower()) is DropReason.PHOTO_CAPTION
    for line in ("Toàn cảnh buổi lễ (Ảnh minh họa)", "Ông A phát biểu (giữa): Mưa lớn kéo dài.", "Ảnh: TTXVN",
                 "Các đại biểu tham dự hội nghị - Nguồn: VTV", "Hình ảnh: Mưa lớn kéo dài (ảnh chụp màn hình)"):
        assert drop_reason(line, "", lower=line.lower()) == drop_reason(line, "")
