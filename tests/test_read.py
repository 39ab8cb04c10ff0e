"""The read stage: files, folders, HTML, JSON/JSONL (ours and VLSP 2022 AbMuSu), stdin, bad input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tomtat.errors import MalformedInputError, NoInputError, UnreadableInputError
from tomtat.model import Article, Cluster
from tomtat.read import READERS, cluster_from_record, read_paths, read_stdin
from tomtat.read.text import article_from_text, looks_like_title

FIXTURES = Path(__file__).parent / "fixtures"

LEAD = "Sáng 13/10, mực nước sông Kiến Giang vượt báo động 3, hàng nghìn ngôi nhà ở Lệ Thủy bị ngập sâu."
BODY = "Lực lượng quân đội đã dùng xuồng máy đưa hơn 1.200 người dân đến nơi an toàn.\nMưa lớn còn kéo dài đến ngày 15/10."


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- text files and folders -------------------------------------------------------------------


def test_txt_file_first_line_is_the_title(tmp_path):
    f = _write(tmp_path / "bai1.txt", f"Lệ Thủy ngập sâu\n\n{LEAD}\n{BODY}\n")
    [cluster] = read_paths([f])
    [article] = cluster.articles
    assert article.title == "Lệ Thủy ngập sâu"
    assert article.text.strip().startswith(LEAD)
    assert article.id == "bai1"


def test_folder_is_one_cluster_in_name_order(tmp_path):
    _write(tmp_path / "b.txt", f"Bài B\n{LEAD}")
    _write(tmp_path / "a.txt", f"Bài A\n{LEAD}")
    _write(tmp_path / "sub" / "c.text", f"Bài C\n{LEAD}")
    _write(tmp_path / ".an.txt", "ẩn\nkhông đọc")
    _write(tmp_path / "ghi-chu.md", "# không phải bài báo")
    [cluster] = read_paths([tmp_path])
    assert [a.title for a in cluster.articles] == ["Bài A", "Bài B", "Bài C"]


def test_empty_file_in_a_folder_is_skipped(tmp_path):
    _write(tmp_path / "a.txt", f"Bài A\n{LEAD}")
    _write(tmp_path / "rong.txt", "  \n\n")
    [cluster] = read_paths([tmp_path])
    assert len(cluster.articles) == 1


def test_flood_fixture_reads_four_articles():
    [cluster] = read_paths([FIXTURES / "flood"])
    assert [a.id for a in cluster.articles] == ["a_congly", "b_vov", "c_wrapped", "d_ngaynay"]


def test_body_text_in_the_title_slot_becomes_body():
    text = ("“Chúng tôi đã chuẩn bị phương án sơ tán từ hai ngày trước nên không bị bất ngờ. Tuy nhiên lượng mưa vượt xa dự báo và\n"
            "nước lên nhanh hơn”, theo\nông Trần Văn Hùng.\nĐoạn tiếp theo của bài.")
    article = article_from_text(text, "x")
    assert article.title == ""
    assert article.text.startswith("“Chúng tôi đã chuẩn bị")


def test_body_in_the_title_slot_of_the_flood_fixture():
    [cluster] = read_paths([FIXTURES / "flood" / "c_wrapped.txt"])
    assert cluster.articles[0].title == ""


@pytest.mark.parametrize(
    "line, following, expected",
    [
        ("Lũ lớn nhấn chìm nhiều xã ở Quảng Bình, hàng nghìn hộ dân phải sơ tán", "", True),
        ("Tổng thống Putin: 'Mỹ rút khỏi hiệp ước tạo ra nguy cơ mới'", None, True),
        ("Liệu giá vàng có tiếp tục tăng?", "", True),
        ("Mưa lớn. Nước lên nhanh. Người dân sơ tán.", "", False),
        (" ".join(["mưa"] * 40), "", False),
        ("“Chúng tôi đã chuẩn bị phương án sơ tán từ hai ngày trước và lực lượng đã có mặt tại", "", False),
        ("Mưa lớn kéo dài suốt từ chiều tối qua ở các huyện miền núi phía tây của tỉnh Quảng Bình khiến", "nhiều tuyến đường bị chia cắt.", False),
        ("Mưa lớn kéo dài suốt từ chiều tối qua ở các huyện miền núi phía tây làm rất nhiều ngôi nhà", "bị ngập.", False),
        ("Nước sông Kiến Giang lên nhanh,", "", False),
        ("Lũ lớn ở Quảng Bình", "Người dân sơ tán trong đêm.", True),
        # short titles with scraping defects stay titles
        ("Hóa đơn tiền nước... 19 triệu đồng: Gia đình 6 người choáng váng", "", True),
        ("Thu hồi cuốn sách “Bí mật dưới chân cầu\"", "", True),
        ("Tạm ngừng nhiều chuyến bay do đường băng bong tróc", "áu chuyến bay bị hủy trong ngày.", True),
    ],
)
def test_looks_like_title(line, following, expected):
    assert looks_like_title(line, following) is expected


# --- HTML -------------------------------------------------------------------------------------


def test_html_via_trafilatura():
    [cluster] = read_paths([FIXTURES / "html" / "bao_lu.html"])
    [article] = cluster.articles
    assert article.title == "Nước sông Kiến Giang vượt báo động 3, Lệ Thủy ngập sâu"
    assert article.source == "Báo Miền Trung"
    assert article.date == "2026-10-13"
    assert article.url and article.url.endswith("nuoc-song-kien-giang-vuot-bao-dong-3.html")
    assert "xuồng máy để đưa hơn 1.200 người già" in article.text
    for noise in ("Trang chủ", "Giấy phép", "Giá vàng hôm nay"):
        assert noise not in article.text


def test_html_and_txt_together_form_one_cluster(tmp_path):
    _write(tmp_path / "a.txt", f"Bài A\n{LEAD}")
    (tmp_path / "b.html").write_bytes((FIXTURES / "html" / "bao_lu.html").read_bytes())
    [cluster] = read_paths([tmp_path])
    assert len(cluster.articles) == 2


def test_html_without_article_text(tmp_path):
    f = _write(tmp_path / "trong.html", "<html><head><title>Lũ</title></head><body><script>var a = 1;</script></body></html>")
    with pytest.raises(NoInputError):
        read_paths([f])


# --- JSON and JSONL ---------------------------------------------------------------------------

OURS = {
    "id": "lu-quang-binh",
    "articles": [
        {"title": "Lũ lớn ở Quảng Bình", "text": f"{LEAD}\n{BODY}", "source": "Báo Miền Trung",
         "url": "https://example.vn/a", "date": "2026-10-13"},
        {"title": "Quảng Bình sơ tán dân", "text": BODY, "source": "Tin Nhanh"},
    ],
}
VLSP = {
    "single_documents": [
        {"title": "Lũ lớn ở Quảng Bình", "anchor_text": LEAD, "raw_text": BODY},
        {"title": "Quảng Bình sơ tán dân", "anchor_text": LEAD, "raw_text": f"{LEAD}\n{BODY}"},
    ],
    "summary": "Lũ lớn ở Quảng Bình khiến hàng nghìn ngôi nhà bị ngập.",
    "category": "Xã hội",
}


def test_json_ours(tmp_path):
    f = _write(tmp_path / "cum.json", json.dumps(OURS, ensure_ascii=False))
    [cluster] = read_paths([f])
    assert cluster.id == "lu-quang-binh"
    first = cluster.articles[0]
    assert (first.title, first.source, first.url, first.date) == ("Lũ lớn ở Quảng Bình", "Báo Miền Trung", "https://example.vn/a", "2026-10-13")
    assert first.text.startswith(LEAD)
    assert cluster.articles[1].url is None


def test_json_vlsp_abmusu(tmp_path):
    f = _write(tmp_path / "vlsp.json", json.dumps(VLSP, ensure_ascii=False))
    [cluster] = read_paths([f])
    assert cluster.references == [VLSP["summary"]]
    assert cluster.category == "Xã hội"
    a, b = cluster.articles
    assert a.text == f"{LEAD}\n{BODY}"  # the lead is put in front of the body
    assert b.text == f"{LEAD}\n{BODY}"  # ... but not twice when the body already starts with it


def test_jsonl_with_one_malformed_line(tmp_path):
    lines = [json.dumps(OURS, ensure_ascii=False), '{"articles": [{"title": "hỏng"', json.dumps(VLSP, ensure_ascii=False),
             '{"khong_co": "articles"}']
    f = _write(tmp_path / "nhieu.jsonl", "\n".join(lines) + "\n")
    items = read_paths([f])
    assert [type(i) for i in items] == [Cluster, MalformedInputError, Cluster, MalformedInputError]
    assert "nhieu.jsonl:2" in str(items[1])
    assert items[2].references == [VLSP["summary"]]


def test_json_array_of_clusters_and_bare_article_list(tmp_path):
    f = _write(tmp_path / "mang.json", json.dumps([OURS, VLSP], ensure_ascii=False))
    items = read_paths([f])
    assert len(items) == 2 and all(isinstance(i, Cluster) for i in items)
    g = _write(tmp_path / "bai.json", json.dumps(OURS["articles"], ensure_ascii=False))
    [cluster] = read_paths([g])
    assert len(cluster.articles) == 2


def test_json_files_bring_their_own_clusters_beside_loose_text(tmp_path):
    _write(tmp_path / "a.txt", f"Bài A\n{LEAD}")
    _write(tmp_path / "b.json", json.dumps(OURS, ensure_ascii=False))
    items = read_paths([tmp_path])
    assert len(items) == 2
    assert items[0].articles[0].title == "Bài A"
    assert items[1].id == "lu-quang-binh"


@pytest.mark.parametrize(
    "record",
    [
        "chuỗi",
        {"articles": "không phải danh sách"},
        {"articles": [42]},
        {"articles": [{"title": "A", "text": ["không", "phải", "chuỗi"]}]},
        {"single_documents": [{"title": 7, "raw_text": "x"}]},
        {"single_documents": [{"title": "A", "anchor_text": {"x": 1}, "raw_text": "x"}]},
    ],
)
def test_malformed_records(record):
    with pytest.raises(MalformedInputError):
        cluster_from_record(record)


def test_single_malformed_json_file(tmp_path):
    f = _write(tmp_path / "hong.json", '{"articles": [')
    with pytest.raises(MalformedInputError):
        read_paths([f])


# --- nothing to read, or not text -------------------------------------------------------------


def test_empty_inputs(tmp_path):
    with pytest.raises(NoInputError):
        read_paths([])
    with pytest.raises(NoInputError):
        read_paths([_write(tmp_path / "rong.txt", "")])
    with pytest.raises(NoInputError):
        read_paths([_write(tmp_path / "trang.txt", " \n\t\n")])
    empty = tmp_path / "thu-muc-rong"
    empty.mkdir()
    with pytest.raises(NoInputError):
        read_paths([empty])
    only_empty = tmp_path / "chi-tep-rong"
    _write(only_empty / "a.txt", "")
    with pytest.raises(NoInputError):
        read_paths([only_empty])
    with pytest.raises(NoInputError):
        read_paths([tmp_path / "khong-ton-tai.txt"])


def test_binary_file(tmp_path):
    f = tmp_path / "anh.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(UnreadableInputError):
        read_paths([f])


def test_non_utf8_bytes(tmp_path):
    f = tmp_path / "cp1258.txt"
    f.write_bytes(f"Lũ lớn\n{LEAD}\n{BODY}".encode("cp1258", errors="replace"))
    with pytest.raises(UnreadableInputError, match="UTF-8"):
        read_paths([f])
    g = tmp_path / "latin1.txt"
    g.write_bytes("Théâtre à Paris, où l'été est très chaud et sec, déjà.".encode("latin-1"))
    with pytest.raises(UnreadableInputError):
        read_paths([g])


def test_bom_and_utf16_and_crlf(tmp_path):
    f = tmp_path / "bom.txt"
    f.write_bytes(("Lũ lớn\r\n" + LEAD).encode("utf-8-sig"))
    [cluster] = read_paths([f])
    assert cluster.articles[0].title == "Lũ lớn"
    g = tmp_path / "utf16.txt"
    g.write_bytes(("Lũ lớn\n" + LEAD).encode("utf-16"))
    [cluster] = read_paths([g])
    assert cluster.articles[0].title == "Lũ lớn"


# --- stdin ------------------------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_text_json_and_empty(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(f"Lũ lớn\n{LEAD}".encode()))
    [cluster] = read_stdin()
    assert cluster.articles[0].title == "Lũ lớn"
    monkeypatch.setattr(sys, "stdin", _Stdin(json.dumps(VLSP, ensure_ascii=False).encode()))
    [cluster] = read_stdin()
    assert len(cluster.articles) == 2
    monkeypatch.setattr(sys, "stdin", _Stdin(b"  \n"))
    with pytest.raises(NoInputError):
        read_stdin()
    monkeypatch.setattr(sys, "stdin", _Stdin(b"\x00\x01\x02binary"))
    with pytest.raises(UnreadableInputError):
        read_stdin()


# --- readers by suffix, one article parser ----------------------------------------------------


def test_readers_are_keyed_by_suffix():
    assert READERS[".htm"] is READERS[".html"]
    assert READERS[".txt"] is READERS[".text"] is READERS[""]
    assert READERS[".json"] is READERS[".jsonl"] is READERS[".ndjson"]


def test_a_new_format_is_one_registration(tmp_path, monkeypatch):
    """A reader returns one loose article (it joins the .txt files) or clusters of its own."""
    def read_tsv(text: str, path: Path) -> Article:
        title, body = text.split("\t", 1)
        return Article(title=title, text=body, id=path.stem)

    monkeypatch.setitem(READERS, ".tsv", read_tsv)
    _write(tmp_path / "a.txt", f"Bài A\n{LEAD}")
    _write(tmp_path / "b.tsv", f"Bài B\t{BODY}")
    [cluster] = read_paths([tmp_path])
    assert [(a.title, a.id) for a in cluster.articles] == [("Bài A", "a"), ("Bài B", "b")]
    assert cluster.articles[1].text == BODY


def test_a_file_named_directly_with_an_unknown_suffix_is_read_as_text(tmp_path):
    [cluster] = read_paths([_write(tmp_path / "bai.md", f"Lũ lớn\n{LEAD}")])
    assert cluster.articles[0].title == "Lũ lớn"


def test_one_abmusu_article_parser_for_input_and_benchmark(tmp_path):
    """`tomtat summarize` and `tomtat eval` read an AbMuSu article the same way."""
    from tomtat.evaluate.datasets import read_abmusu

    path = _write(tmp_path / "abmusu.jsonl", json.dumps(VLSP, ensure_ascii=False) + "\n")
    [read] = read_paths([path])
    [bench] = list(read_abmusu(path))
    assert [a.text for a in read.articles] == [a.text for a in bench.articles] == [f"{LEAD}\n{BODY}"] * 2
    assert [a.source for a in bench.articles] == ["doc1", "doc2"]
    bad = _write(tmp_path / "hong.jsonl", json.dumps({"single_documents": [{"title": 7, "raw_text": "x"}]}) + "\n")
    with pytest.raises(MalformedInputError, match="hong.jsonl:1"):
        list(read_abmusu(bad))
