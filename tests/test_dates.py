"""The dates stage: date expressions in Vietnamese news, their values, and the page's date line."""

from __future__ import annotations

import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tomtat.clean.patterns import DATE_STAMP
from tomtat.dates import DateValue, find_dates, parse_date_field, parse_date_line, reference_date, resolve_year
from tomtat.dates.score import Found, load_cases, score

DATA = Path(__file__).parent / "data"
APRIL_14 = date(2021, 4, 14)  # a Wednesday


def found(text: str, reference: date | None = APRIL_14) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.kind, m.iso) for m in find_dates(text, reference)]


def test_labelled_set_precision_and_recall_reach_95_percent():
    cases = load_cases(DATA / "dates.jsonl")
    assert sum(len(c.expected) for c in cases) >= 200
    assert sum(not c.expected for c in cases) >= 50  # sentences whose numbers are not dates
    result = score(cases, lambda s, r: [Found(m.start, m.end, m.iso) for m in find_dates(s, r)])
    assert result.precision >= 0.95, result.false_positives
    assert result.recall >= 0.95, result.misses


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ngày 13/4, hai tổng thống điện đàm.", [("Ngày 13/4", "absolute", "2021-04-13")]),
        ("Trong cuộc điện đàm hôm thứ Ba (13/4), hai bên nhất trí.", [("hôm thứ Ba (13/4)", "absolute", "2021-04-13")]),
        ("Báo cáo công bố ngày 13-4-2021 cho thấy điều đó.", [("ngày 13-4-2021", "absolute", "2021-04-13")]),
        ("Ông nhậm chức ngày 26 tháng 1.", [("ngày 26 tháng 1", "absolute", "2021-01-26")]),
        ("Tháng 6/2021, hội nghị diễn ra tại Geneva.", [("Tháng 6/2021", "absolute", "2021-06")]),
        ("Sáng 16/6, hai bên gặp nhau.", [("Sáng 16/6", "absolute", "2021-06-16")]),
        ("Hôm qua, giá vàng giảm.", [("Hôm qua", "relative", "2021-04-13")]),
        ("Sáng nay, Quốc hội họp.", [("Sáng nay", "relative", "2021-04-14")]),
        ("Tuần trước, giá xăng tăng.", [("Tuần trước", "relative", "2021-W14")]),
        ("Năm ngoái, xuất khẩu tăng.", [("Năm ngoái", "relative", "2020")]),
        ("Từ đầu tháng 3, giá thép tăng.", [("đầu tháng 3", "absolute", "2021-03")]),
        ("Thứ Hai tuần trước, công ty họp cổ đông.", [("Thứ Hai tuần trước", "relative", "2021-04-05")]),
        ("Cách đây 3 năm, dự án khởi công.", [("Cách đây 3 năm", "relative", "2018")]),
    ],
)
def test_finds_absolute_and_relative_dates_with_their_values(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Giá vàng tăng 5.2 triệu đồng mỗi lượng.",
        "Hiệp ước giới hạn mỗi bên ở mức 1.550 đầu đạn.",
        "Đội chủ nhà thắng 2-1 sau 90 phút.",
        "Liên hệ số 0912.345.678 hoặc 024.3825.1234.",
        "Đoàn xe rời khách sạn lúc 10:20.",
        "Khoảng 2/3 số phiếu ủng hộ, tổng đài hoạt động 24/7.",
        "Phiên bản iOS 14.5 và ứng dụng 2.0.1 đã phát hành.",
        "Đây là lần thứ ba đội giành chức vô địch.",
        "Trong 3 năm qua, mỗi tháng 5 triệu đồng được chi cho quỹ.",
        "Căn hộ số 12/4 đường Láng được rao bán.",
        "Hai ngày trước khi khai mạc, ban tổ chức họp báo.",
        "Chỉ số giá tăng 0,3% so với tháng trước.",
    ],
)
def test_numbers_that_are_not_dates_are_left_alone(text):
    assert found(text) == []


def test_offsets_point_at_the_mention_in_the_text():
    text = "Sau cuộc gặp sáng 16/6 tại Geneva, hôm qua Điện Kremlin cho biết sẽ có vòng đàm phán vào tháng 7."
    mentions = find_dates(text, date(2021, 6, 17))
    assert [text[m.start:m.end] for m in mentions] == [m.text for m in mentions] == ["sáng 16/6", "hôm qua", "tháng 7"]
    assert [m.iso for m in mentions] == ["2021-06-16", "2021-06-16", "2021-07"]


def test_without_a_reference_yearless_dates_keep_an_unknown_year_and_relative_ones_no_value():
    mentions = find_dates("Ngày 13/4, hội nghị tháng 6 bàn về đề xuất đưa ra hôm qua.")
    assert [(m.iso, m.kind) for m in mentions] == [("--04-13", "absolute"), ("--06", "absolute"), (None, "relative")]
    assert mentions[0].value == DateValue("day", None, 4, 13)
    assert mentions[0].value.first_day() is None and not mentions[0].value.year_known


def test_yearless_day_takes_the_year_nearest_the_reference():
    assert resolve_year(12, 28, date(2021, 1, 5)) == 2020  # late December reported in early January
    assert resolve_year(1, 3, date(2021, 12, 28)) == 2022  # early January announced in late December
    assert resolve_year(6, 16, date(2021, 4, 14)) == 2021
    assert resolve_year(6, 16, None) is None
    assert found("Ngày 28/12, thành phố ban hành quyết định.", date(2021, 1, 5)) == [("Ngày 28/12", "absolute", "2020-12-28")]


def test_values_give_a_period_to_order_events_by():
    day, week, month = DateValue("day", 2021, 4, 13), DateValue.of_week(date(2021, 4, 7)), DateValue("month", 2021, 2)
    assert (week.iso(), week.first_day(), week.last_day()) == ("2021-W14", date(2021, 4, 5), date(2021, 4, 11))
    assert (month.first_day(), month.last_day()) == (date(2021, 2, 1), date(2021, 2, 28))
    assert sorted([day, week, month], key=DateValue.first_day) == [month, week, day]
    assert DateValue("year", 2021).iso() == "2021" and DateValue("month", None, 6).iso() == "--06"


def test_weekday_resolves_to_the_last_one_unless_told_otherwise():
    assert found("Hôm thứ Hai, bộ trưởng phát biểu.") == [("Hôm thứ Hai", "relative", "2021-04-12")]
    assert found("Thứ Sáu tới, đoàn lên đường.") == [("Thứ Sáu tới", "relative", "2021-04-16")]
    assert found("Chủ nhật tuần sau, giải chạy diễn ra.") == [("Chủ nhật tuần sau", "relative", "2021-04-25")]


def test_part_of_a_period_is_kept_apart_from_its_value():
    (mention,) = find_dates("Cuối năm 2020, dự án hoàn thành.")
    assert (mention.iso, mention.part, mention.granularity) == ("2020", "late", "year")


def _date_lines() -> list[dict]:
    return [json.loads(line) for line in (DATA / "date_lines.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", _date_lines(), ids=lambda row: row["line"][:40])
def test_date_line_gives_the_publication_date_and_nothing_else(row):
    parsed = parse_date_line(row["line"])
    assert (parsed.iso() if parsed else None) == row["iso"]


def test_every_line_the_cleaner_drops_as_a_date_stamp_keeps_its_value():
    stamps = [row["line"] for row in _date_lines() if DATE_STAMP.match(row["line"].strip())]
    assert len(stamps) >= 10
    assert all(parse_date_line(line) is not None for line in stamps)


def test_date_line_keeps_time_and_offset():
    parsed = parse_date_line("Thứ Ba, 13/04/2021 10:20 GMT+7")
    assert (parsed.day, parsed.time, parsed.utc_offset) == (date(2021, 4, 13), time(10, 20), timedelta(hours=7))


def test_reference_date_prefers_the_date_field_then_the_date_line():
    page = "Hai tổng thống điện đàm\nThứ Ba, 13/04/2021 10:20 GMT+7\nVOV.VN - Hôm qua, hai bên nhất trí."
    assert reference_date("2021-04-20T08:00:00+07:00", page) == date(2021, 4, 20)
    assert reference_date(None, page) == date(2021, 4, 13)
    assert reference_date("13/04/2021 - 10:20") == date(2021, 4, 13)
    assert reference_date("", "Không có dòng ngày nào ở đây.\nChỉ có chữ.") is None
    assert parse_date_field("không rõ") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.-:() ,ngàyháữtôqubaiơmớNTHS")), max_size=60))
def test_any_text_gives_ordered_non_overlapping_spans(text):
    mentions = find_dates(text, APRIL_14)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
    for left, right in zip(mentions, mentions[1:]):
        assert left.end <= right.start


def test_trigger_words_skip_no_mention(monkeypatch):
    """Running only the patterns whose needs (words, digits) are present finds what running all of them finds."""
    import tomtat.dates.find as find

    texts = [
        "SÁNG THỨ BA (13/4), Tổng thống Mỹ điện đàm với người đồng cấp Nga.",
        "Hôm qua, mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu.",
        "Dự án được khởi công từ tháng Sáu năm ngoái và sẽ hoàn thành cuối năm 2022.",
        "Cách đây hai tuần, ông đã ký hợp đồng trị giá 1.550 tỷ đồng.",
        "Chủ nhật tới, đội tuyển sẽ gặp Thái Lan trên sân Mỹ Đình.",
        "Người dân đi qua cây cầu mới nối hai bờ sông Hàn.",
        "Lực lượng cứu hộ đang tìm kiếm các nạn nhân mất tích.",
        "Hội chợ diễn ra từ ngày 13-15/4 tại Đà Nẵng, giá vé tăng từ 2019 đến nay.",
        "Ba ngày trước, ngày 26 tháng 1 năm 2021, tỷ số là 2-1 và 5.2 triệu người xem.",
        # the needs in words: near misses and hits of each, in either case
        "Hiện nay giá vàng tăng, ngày 13 - 15/4 và 20 đến 22/5 cửa hàng giảm giá 1.550 đồng.",
        "CHIỀU QUA, đoàn công tác đến thăm xã; tối mai và đêm  nay trời rét.",
        "Từ năm 1998 đến  2020, dân số tăng 3/4; hết 2030 sẽ xong, mã số 12/4/QĐ-UBND.",
        "Hai tuần về trước, cách  đây 5 năm, tháng Chạp, THÁNG 6/2021, tháng năm qua.",
        "Quan chức cho biết: thứ hai là giá, THỨ SÁU tuần trước, chủ  Nhật tới, 26\ttháng  1.",
        "Mười tháng trước, năm ngoái và tuần này, ngày mốt, hôm kia, sáng sớm nay.",
        "Thượng tuần tháng Tư âm lịch, 15/8 âm lịch, 2019-2020, 13.4.2021, (19/5).",
        # a letter that matches more than its lowercase: "KİA" is "kia" to IGNORECASE
        "Ngày KİA, hôm nay, thứ ſáu (16/4).",
    ]
    fast = [find.find_dates(t, date(2021, 4, 15)) for t in texts]
    monkeypatch.setattr(find, "_finders", lambda text: [(p, h) for p, h, *_ in find._FINDERS])
    assert fast == [find.find_dates(t, date(2021, 4, 15)) for t in texts]
    assert sum(map(len, fast)) >= 20


def test_need_words_match_only_what_lowercases_to_them():
    """The word needs are searched in the lowercased sentence: every letter they hold matches, under
    IGNORECASE, only characters that lowercase to it, but for the three `_ODD_CASE` ones (every code point tried)."""
    import re

    import tomtat.dates.find as find

    needs = [find._NEED_MONTH, find._NEED_YEAR, find._NEED_AGO, *find._NEED_WEEKDAY, *find._NEED_REL_PERIOD.values()]
    words = [n.pattern for n in needs] + [*find._TIMES_OF_DAY, *find._UNITS, *find._YEAR_CUES, "nay qua kia mai mốt về"]
    letters = {c for w in words for c in w if c.isalpha()}  # (the "s", "d" of the needs' \s, \d: letters anyway)
    assert {"ứ", "ậ", "đ", "k", "i"} <= letters
    any_letter = re.compile("[" + "".join(sorted(letters)) + "]", re.IGNORECASE)
    odd = {chr(c) for c in range(0x110000) if any_letter.fullmatch(chr(c)) and chr(c).lower() not in letters}
    assert odd == set(find._ODD_CASE)


def test_date_line_shortcuts_change_no_answer():
    # parse_date_line skips normalizing a line with no digit, too many words, or the wrong first letter:
    # every answer stays the one of the full pattern on the normalized line
    import unicodedata

    from tomtat.dates import published

    def straight(line):
        match = published._DATE_LINE.match(published.normalize(line).strip())
        return None if match is None else published.parse_date_line(published.normalize(line).strip())

    spread = "Ngày đăng lúc : Thứ Hai , 10 : 20 : 30 pm ngày ngày 13 tháng 4 , 2021 lúc 10 : 20 : 30 pm ( GMT + 7:00 )"
    assert len(spread.split()) <= published._DATE_LINE_MAX_TOKENS
    lines = [
        spread, "Thứ Ba, 13/04/2021 10:20 GMT+7", "13/04/2021 - 10:20", "Cập nhật: 10:20 13/04/2021",
        "\u00adThứ Ba, 13/04/2021", "\u200bCập nhật: 13/04/2021", unicodedata.normalize("NFD", "Thứ Ba, 13/04/2021"),
        "  cập nhật 13/4/2021", "Ôi, 13/04/2021", "Hà Nội, ngày 13/4/2021 mưa lớn kéo dài " * 3, "Không có ngày nào",
        "Đăng lúc 08:30 ngày 5/6/2022", "Xuất bản: 5.6.2022", "updated 5-6-22 (UTC+7)",
    ]
    for line in lines:
        assert published.parse_date_line(line) == straight(line), line
    assert published.parse_date_line(spread).day == date(2021, 4, 13)


def test_date_line_of_normalized_lines_needs_no_second_normalize():
    # the cleaner hands find_date_line the stripped lines of normalized text (normalized=True): each is its own
    # normalized form, so matching it as it is gives the answer of normalizing it again, odd input included
    import unicodedata

    from tomtat.clean.lines import _stripped_lines
    from tomtat.dates import published

    page = "\n".join([
        "\u00adThứ Ba,\u00a013/04/2021\t10:20 GMT+7  ", unicodedata.normalize("NFD", "Cập nhật: 10:20 13/04/2021"),
        "  Hà Nội, ngày 13/4/2021 mưa lớn kéo dài  ", "\u200bXuất bản: 5.6.2022\r", "Đăng lúc 08:30 ngày 5/6/2022",
        "Hoà bình,   thuý 12/3/2021", "updated 5-6-22 (UTC+7)", "Không có ngày nào", "",
    ])
    lines = _stripped_lines(published.normalize(page))
    assert all(published.normalize(line).strip() == line for line in lines)
    found = [published.parse_date_line(line, normalized=True) for line in lines]
    assert found == [published.parse_date_line(line) for line in lines]
    assert found[0] == published.DateLine(date(2021, 4, 13), time(10, 20), timedelta(hours=7))
    assert published.find_date_line(lines, normalized=True) == published.find_date_line(lines) == found[0]
    assert published.find_date_line(lines[1:], normalized=True).day == date(2021, 4, 13)
