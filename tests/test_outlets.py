"""Outlet labels from source fields, site names, URLs, datelines and credit lines.

The article texts are written for these tests (no outlet's text is copied);
they have the shapes Vietnamese pages have: a dateline before the first
sentence, player or menu noise above it, credit lines and comment counters
at the end.
"""

from __future__ import annotations

import pytest

from tomtat.model import Article
from tomtat.outlets import article_outlet, find_outlet, known_outlet, outlet_from_domain, outlet_label

BODY = (
    "Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe quanh hồ Hoàn Kiếm từ tối thứ Sáu.\n\n"
    "Các tuyến xe buýt số 8, 14 và 36 được điều chỉnh lộ trình trong thời gian này.\n\n"
    "Người dân được khuyến cáo theo dõi biển báo và hướng dẫn của lực lượng chức năng."
)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://vnexpress.net/ha-noi-phan-luong-4567890.html", "VnExpress"),
        ("https://e.vnexpress.net/news/news/traffic-123.html", "VnExpress"),
        ("https://tuoitre.vn/phan-luong-20240105.htm", "Tuổi Trẻ"),
        ("http://m.thanhnien.vn/thoi-su/abc.html", "Thanh Niên"),
        ("https://dantri.com.vn/xa-hoi/abc.htm", "Dân trí"),
        ("https://vov.vn/xa-hoi/abc-post1.vov", "VOV"),
        ("https://zingnews.vn/abc-post1.html", "Znews"),
        ("https://znews.vn/abc-post1.html", "Znews"),
        ("https://nld.com.vn/thoi-su/abc.htm", "Người Lao Động"),
        ("https://laodong.vn/xa-hoi/abc.ldo", "Lao Động"),
        ("https://congluan.vn/abc-post127.html", "Công Luận"),
        ("https://infonet.vietnamnet.vn/abc.html", "Infonet"),
        ("https://vietnamnet.vn/abc.html", "VietNamNet"),
        ("https://www.baohatinh.vn/giao-thong/abc.html", "baohatinh.vn"),
        ("congluan.vn", "Công Luận"),
    ],
)
def test_domain_table_and_bare_domain_fallback(url, name):
    assert outlet_from_domain(url) == name


def test_domain_needs_a_host():
    assert outlet_from_domain("không phải địa chỉ") is None
    assert find_outlet(text=BODY, url="not a url") is None


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("VOV.VN - Ngày 5/1, Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "VOV"),
        ("(Ngày Nay) - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "Ngày Nay"),
        ("TTO - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "Tuổi Trẻ"),
        ("(Dân trí) - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "Dân trí"),
        ("(NLĐO) – Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "Người Lao Động"),
        ("Hà Nội (TTXVN) - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "TTXVN"),
        ("(VTC News) - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.", "VTC News"),
        ("(Baohatinh.vn) - Sở Giao thông vận tải tỉnh cho biết sẽ phân luồng xe.", "baohatinh.vn"),
    ],
)
def test_dateline(first_line, name):
    found = find_outlet("Hà Nội phân luồng xe quanh hồ Gươm", first_line + "\n\n" + BODY)
    assert found is not None and (found.name, found.evidence) == (name, "dateline")


def test_dateline_after_player_noise():
    text = "0:00 / 0:00\n0:00\n(Ngày Nay) - Sở Giao thông vận tải Hà Nội cho biết sẽ phân luồng xe.\n" + BODY
    assert outlet_label("Phân luồng", text, file_name="004_abc") == "Ngày Nay"


@pytest.mark.parametrize(
    "first_line",
    [
        "BERLIN - Thủ tướng Đức cho biết chính phủ sẽ tăng ngân sách quốc phòng.",
        "Hà Nội - Sở Giao thông vận tải cho biết sẽ phân luồng xe.",
        "Ông Nguyễn Văn Hùng - Giám đốc Sở cho biết sẽ phân luồng xe.",
        "Tổng thống Mỹ (Joe Biden) - người vừa nhậm chức - đã điện đàm với ông Putin.",
        "Trận đấu kết thúc với tỷ số 2 - 1 nghiêng về đội khách.",
    ],
)
def test_places_people_and_scores_are_not_datelines(first_line):
    assert find_outlet("Tin thời sự", first_line + "\n" + BODY) is None


def test_dateline_deep_in_the_body_does_not_count():
    related = "\n".join(f"Câu thứ {i} của bài viết về việc phân luồng xe." for i in range(12))
    assert find_outlet("Tin", related + "\nVOV.VN - Tin liên quan về một vụ khác.") is None


@pytest.mark.parametrize(
    ("last_line", "name"),
    [
        ("Nguồn Công Luận: https://congluan.vn/ha-noi-phan-luong-post1234.html", "Công Luận"),
        ("Nguồn: VnExpress", "VnExpress"),
        ("(Nguồn: tuoitre.vn)", "Tuổi Trẻ"),
        ("Theo Dân trí", "Dân trí"),
        ("Theo Báo Thanh Niên", "Thanh Niên"),
        ("Nguồn: Báo Hà Tĩnh", "Báo Hà Tĩnh"),
        ("Nguồn: https://www.baohatinh.vn/giao-thong/abc.html", "baohatinh.vn"),
    ],
)
def test_credit_line(last_line, name):
    found = find_outlet("Tin", BODY + "\n\n" + last_line + "\n\nBình luận (0)")
    assert found is not None and (found.name, found.evidence) == (name, "credit")


@pytest.mark.parametrize(
    "last_line",
    [
        "Theo Reuters",  # a quoted agency, not the publisher
        "Theo ông Nguyễn Văn Hùng, việc phân luồng sẽ kéo dài đến hết tháng.",
        "Theo nguồn tin của Zing.vn, lực lượng chức năng đã có mặt tại hiện trường.",
        "Theo thông tin từ website http://dichvucong.example.gov.vn thì dịch vụ này đã mở.",
        "Nguồn tin cho biết xe buýt sẽ chạy lại từ thứ Hai.",
        "Nguồn ảnh: Internet",
    ],
)
def test_sentences_that_mention_sources_are_not_credits(last_line):
    assert find_outlet("Tin", BODY + "\n" + last_line) is None


def test_source_field_comes_first_and_is_canonicalised():
    text = "VOV.VN - Sở Giao thông vận tải cho biết sẽ phân luồng xe.\n" + BODY
    assert find_outlet("Tin", text, source="Báo Tuổi Trẻ").name == "Tuổi Trẻ"
    assert find_outlet("Tin", text, source="vnexpress.net").name == "VnExpress"
    assert find_outlet("Tin", text, source="Báo Giao Thông Vận Tải Miền Trung").name == "Báo Giao Thông Vận Tải Miền Trung"
    assert find_outlet("Tin", text, source="tto").evidence == "source"


@pytest.mark.parametrize("placeholder", ["3", "doc2", "001_5e028da436ee891f", "5e028da436ee891f", "--"])
def test_placeholder_sources_are_not_outlets(placeholder):
    text = "(Dân trí) - Sở Giao thông vận tải cho biết sẽ phân luồng xe.\n" + BODY
    found = find_outlet("Tin", text, source=placeholder)
    assert (found.name, found.evidence) == ("Dân trí", "dateline")


def test_source_equal_to_file_name_is_a_placeholder():
    found = find_outlet("Tin", BODY, source="phan-luong-ho-guom", file_name="phan-luong-ho-guom",
                        url="https://tuoitre.vn/abc.htm")
    assert (found.name, found.evidence) == ("Tuổi Trẻ", "url")


def test_order_site_name_then_url_then_dateline():
    text = "TTO - Sở Giao thông vận tải cho biết sẽ phân luồng xe.\n" + BODY
    assert find_outlet("Tin", text, url="https://dantri.com.vn/a.htm", site_name="VnExpress").name == "VnExpress"
    assert find_outlet("Tin", text, url="https://dantri.com.vn/a.htm").name == "Dân trí"
    assert find_outlet("Tin", text).name == "Tuổi Trẻ"


def test_title_suffix_is_the_weakest_evidence():
    assert find_outlet("Hà Nội phân luồng xe quanh hồ Gươm - VnExpress", BODY).name == "VnExpress"
    assert find_outlet("Hà Nội phân luồng xe | Báo Dân trí", BODY).name == "Dân trí"
    assert find_outlet("Tuyến metro Nhổn - ga Hà Nội chạy thử", BODY) is None


def test_label_falls_back_to_file_name_then_title():
    assert outlet_label("Hà Nội phân luồng xe", BODY, file_name="003_90e0681c") == "003_90e0681c"
    assert outlet_label("Hà Nội phân luồng xe quanh hồ Gươm", BODY) == "Hà Nội phân luồng xe quanh hồ Gươm"


def test_decomposed_unicode_and_case_still_match():
    import unicodedata

    text = unicodedata.normalize("NFD", "(DÂN TRÍ) - Sở Giao thông vận tải cho biết sẽ phân luồng xe.\n" + BODY)
    assert find_outlet("Tin", text).name == "Dân trí"
    assert known_outlet(unicodedata.normalize("NFD", "báo người lao động")) == "Người Lao Động"
    assert known_outlet("một tờ báo lạ") is None


def test_article_outlet_reads_the_model():
    article = Article(title="Tin", text="Nguồn: VnExpress", id="doc1", source="doc1")
    assert article_outlet(article).name == "VnExpress"


def test_lines_read_one_by_one_are_the_lines_of_the_normalized_text():
    # issue 11: the outlet finder normalizes only the lines it reads, never the whole article again
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tomtat.outlets.find import _lines
    from tomtat.text.normalize import normalize

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("oaàuyqQ \t\n\r\u00a0\u200b\u00ad\u0300\u0301\u0323VOV.-–Nguồn:")), max_size=60)
           | st.text(max_size=60))
    def check(text):
        whole = [line.strip() for line in normalize(text).split("\n") if line.strip()]
        assert list(_lines(text)) == whole
        assert list(_lines(text, from_end=True)) == whole[::-1]

    check()
