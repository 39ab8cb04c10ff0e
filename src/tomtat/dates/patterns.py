"""Regular expressions of the dates stage, with the words they rely on.

Kept apart from the logic so the vocabulary (times of day, weekday and month
names, quantity words) can be read and extended in one place.
"""

from __future__ import annotations

import re

I = re.IGNORECASE

# time of day before a date: "sáng 16/6", "rạng sáng nay", "tối qua"
TOD = r"(?:rạng\s+sáng|sáng\s+sớm|sáng|trưa|chiều|tối|đêm|khuya)"

# weekday: "thứ Ba", "thứ 3", "Chủ nhật". A lowercase name or a digit is also an
# ordinal ("lần thứ ba", "người thứ 3"): the finder then asks for a cue before it.
WEEKDAY = r"(?:thứ\s+(?P<wdname>hai|ba|tư|năm|sáu|bảy|[2-7])|(?P<sunday>chủ\s+nhật))"
WEEKDAYS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3, "sáu": 4, "6": 4, "bảy": 5, "7": 5}

# "tháng Giêng" .. "tháng Chạp"; names that are also numerals or common words
# ("tháng năm" = months and years) count only capitalized, which the finder checks.
MONTH_WORDS = r"(?:mười\s+một|mười\s+hai|giêng|chạp|một|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
MONTHS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
ALWAYS_LOWER_OK = {"giêng", "chạp", "tư", "sáu", "bảy", "tám", "chín"}

PART = r"(?P<part>đầu|giữa|cuối|thượng\s+tuần|trung\s+tuần|hạ\s+tuần)"
PARTS = {"đầu": "early", "thượng tuần": "early", "giữa": "mid", "trung tuần": "mid", "cuối": "late", "hạ tuần": "late"}

NUM_START = r"(?<![\w.,/\-:])"
NUM_END = r"(?![\w]|[.,/\-:]\d)"

# "13/4", "13-4-2021", "13.4.2021"
NUMERIC = re.compile(
    rf"{NUM_START}(?P<d>\d{{1,2}})(?P<sep>[/.\-])(?P<m>\d{{1,2}})(?:(?P=sep)(?P<y>\d{{4}}))?{NUM_END}", I
)
# "13-15/4", "13 và 14/4/2021": the span is the range, the value its first day
RANGE = re.compile(
    rf"{NUM_START}(?P<d>\d{{1,2}})\s*(?:-|–|và|đến)\s*\d{{1,2}}(?P<sep>/)(?P<m>\d{{1,2}})(?:/(?P<y>\d{{4}}))?{NUM_END}", I
)
# "26 tháng 1", "26 tháng 1 năm 2021", "13 tháng Tư"
WORDS_DAY = re.compile(
    rf"{NUM_START}(?P<d>\d{{1,2}})\s+tháng\s+(?P<m>\d{{1,2}}|{MONTH_WORDS})"
    rf"(?:\s*(?:,\s*|\s+năm\s+|/)(?P<y>\d{{4}}))?(?!\w)",
    I,
)
# "tháng 6", "đầu tháng 3", "tháng 6/2021", "tháng Sáu năm ngoái"
MONTH = re.compile(
    rf"(?<!\w)(?:{PART}\s+)?tháng\s+(?P<m>\d{{1,2}}|{MONTH_WORDS})"
    rf"(?:\s*(?:/|-|,\s*|\s+năm\s+)(?P<y>\d{{4}})|\s+năm\s+(?P<yrel>nay|ngoái|trước|qua|sau|tới))?(?![\w]|[.,/\-:]\d)",
    I,
)
# "năm 2021", "cuối năm 2020"
YEAR = re.compile(rf"(?<!\w)(?:{PART}\s+)?năm\s+(?P<y>\d{{4}})(?![\w]|[.,/:]\d)", I)
# "từ 2019", "đến 2030", "trước 2025"
BARE_YEAR = re.compile(r"(?<!\w)(?P<cue>từ|đến|tới|trước|sau|vào|hết)\s+(?P<y>(?:19|20)\d\d)(?![\w]|[.,/:\-]\d)", I)

# "hôm nay", "ngày hôm qua", "hôm kia", "sáng nay", "tối qua", "ngày mai", "ngày kia"
REL_DAY = re.compile(
    rf"(?<!\w)(?:(?P<tod>{TOD})\s+)?(?:(?P<ngay>ngày)\s+)?(?:(?P<hom>hôm)\s+)?(?P<rel>nay|qua|kia|mai|mốt)(?!\w)", I
)
# "tuần trước", "năm ngoái", "đầu năm nay", "cuối tuần qua", "tháng tới"
REL_PERIOD = re.compile(
    rf"(?<!\w)(?:{PART}\s+)?(?P<unit>tuần|tháng|năm)\s+(?P<rel>này|nay|trước|vừa\s+qua|qua|sau|tới|ngoái|kia|vừa\s+rồi|rồi)"
    r"(?!\w)(?!\s+(?:đó|nữa|nay\b))",
    I,
)
# "3 ngày trước", "hai tuần trước", "cách đây 5 năm"
NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
_N = r"(?P<n>\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
AGO = re.compile(
    rf"(?<![\w.,])(?:(?P<cach>cách\s+đây)\s+{_N}\s+(?P<unit>ngày|tuần|tháng|năm)(?:\s+về\s+trước|\s+trước)?"
    rf"|{_N.replace('<n>', '<n2>')}\s+(?P<unit2>ngày|tuần|tháng|năm)\s+(?:về\s+)?trước)(?!\w)",
    I,
)
# a weekday, possibly relative: "thứ Ba", "thứ Hai tuần trước", "Chủ nhật tới"
WEEKDAY_MENTION = re.compile(
    rf"(?<!\w){WEEKDAY}(?:\s+(?P<wrel>tuần\s+(?:này|trước|vừa\s+qua|qua|sau|tới|rồi)|vừa\s+qua|vừa\s+rồi|này|tới|trước|qua|rồi))?(?!\w)",
    I,
)

# what may stand left of a date and belongs to it: "sáng", "hôm", "ngày", a weekday, "("
LEFT = re.compile(
    rf"(?<!\w)(?:(?P<tod>{TOD})\s+)?(?:(?P<hd>hôm|ngày)\s+)?"
    rf"(?:{WEEKDAY}(?:\s*,\s*|\s*\(\s*|\s+ngày\s+|\s+))?(?P<paren>\(\s*)?$",
    I,
)
# a word just before a bare "13/4" that makes it a date: "từ 13/4", "đến 20/5"
DATE_WORD_BEFORE = re.compile(
    r"(?<!\w)(?:từ|đến|tới|trước|sau|vào|đầu|cuối|giữa|hết|dịp|lúc|hôm|ngày|hạn|phiên|rằm|mùng|mồng|tính\s+đến|kể\s+từ)\s+$", I
)
# a word just before that makes "1/3", "2-1", "24/7" a quantity, score or address
QUANTITY_BEFORE = re.compile(
    r"(?<!\w)(?:tỷ\s+lệ|tỉ\s+lệ|tỷ\s+số|tỉ\s+số|chiếm|khoảng|gần|hơn|trên|dưới|còn|bằng|đạt|thắng|thua|hòa|số|nhà|hẻm|ngõ|ngách|"
    r"kiệt|phòng|tầng|lô|km|quốc\s+lộ|điều|khoản|mã|hotline|tổng\s+đài|tỷ\s+lệ\s+là|mất|giảm|tăng|cả|với)\s+$",
    I,
)
# a word just after that makes a number a quantity: "5.2 triệu", "tháng 5 triệu đồng"
UNIT_AFTER = re.compile(
    r"^\s*(?:%|phần\s+trăm|triệu|tỷ|tỉ|nghìn|ngàn|trăm|chục|đồng|usd|đô|euro|eur|kg|tấn|km|ha|lít|người|lần|ca|điểm|bàn|"
    r"phiếu|tuổi|giờ|phút|căn|chiếc|con|ngày|tuần|số|dân\s+số|diện\s+tích|trong\s+số|tổng|thành\s+viên)(?!\w)",
    I,
)
# quantity words before "tuần qua", "năm nay": "3 năm qua", "nhiều tháng nay" are durations
QUANTIFIER_BEFORE = re.compile(
    r"(?<!\w)(?:(?<![/.\-])\d+|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|nửa|nhiều|mấy|vài|những|các|mọi|hàng|mỗi|từng|bao)\s+$", I
)
# after "3 ngày trước": "trước khi", "trước đó", "trước ngày" make it relative to an event, not to today
AGO_NOT_BEFORE = re.compile(
    r"^\s+(?:khi|đó|ngày|lúc|thời|kỳ|hạn|cuộc|sự|hôm|trận|phiên|lễ|tết|giờ|thềm|mùa|hội|năm|tháng|tuần|khai|bầu|cả)(?!\w)", I
)
# a year after a bare "2/9" makes it a date: "2/9 năm nay", "28/12 năm ngoái", "1/6 vừa qua"
YEAR_AFTER = re.compile(r"^\s+(?:năm\s+(?:nay|ngoái|trước|sau|tới|\d{4})|vừa\s+qua|vừa\s+rồi|tới)(?!\w)", I)
# "so với tháng trước" compares with the period before the one reported, not with the publication date
COMPARED_WITH = re.compile(r"(?<!\w)so\s+với\s+$", I)
# after "tháng 5": money and counts ("lương tháng 5 triệu đồng"), not words like "bàn" that also mean "discuss"
MONTH_UNIT_AFTER = re.compile(r"^\s*(?:%|triệu|tỷ|tỉ|nghìn|ngàn|trăm|chục|đồng|usd|người|lần|ngày|tuần)(?!\w)", I)
# "hôm qua (13/4)", "chiều qua 13/4": the relative word and the date it names are one mention
DATE_AFTER_RELATIVE = re.compile(r"^(?P<gap>\s*\(\s*|\s+)(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?:(?P=sep)(?P<y>\d{4}))?(?![\w]|[.,/\-:]\d)\)?")
# "tháng Tư âm lịch", "15/8 âm lịch": the lunar calendar, which a Gregorian value would misplace
LUNAR_AFTER = re.compile(r"^\s*\)?\s*(?:âm\s+lịch|al\b)", I)
DECADE_BEFORE = re.compile(r"(?<!\w)(?:những|thập\s+niên|thập\s+kỷ|các|mấy)\s+$", I)
