"""The regular expressions that recognise web furniture in Vietnamese news pages.

Sentence-end punctuation and the function words that mark an unfinished line
are not web furniture: they live in `tomtat.text.punctuation` and
`tomtat.text.function_words`, shared with the read and select stages.
"""

from __future__ import annotations

import re

RELATED_HEADER = re.compile(
    r"^\s*(?:(?:bài|tin|tin tức|video|chủ đề|bài viết)\s+(?:liên quan|cùng chuyên mục|cùng chủ đề|khác|mới|mới nhất|"
    r"nổi bật|đọc nhiều|xem nhiều|được quan tâm|đáng chú ý)|(?:xem|đọc)\s+thêm|có thể bạn (?:quan tâm|chưa đọc)|"
    r"bạn có thể (?:quan tâm|thích)|(?:đọc|xem) tiếp|tin khác)(?P<sep>\s*[:>»\-–]+\s*|\s*$)",
    re.IGNORECASE,
)
URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
MEDIA = re.compile(r"^\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*$")
# whole-line site furniture; matched against the full (short) line only
PROMPT = re.compile(
    r"^(?:bình luận|ý kiến|phản hồi|gửi bình luận|viết bình luận|gửi ý kiến)(?:\s*\(\d+\))?\s*:?$|"
    r"^\d+\s+(?:bình luận|ý kiến|lượt xem|lượt thích|chia sẻ)$|^lượt xem\s*:?\s*\d+$|"
    r"^(?:chia sẻ|share|like|tweet|thích|lưu|lưu bài|in bài|in|gửi bài|email|facebook|zalo|twitter|copy link|"
    r"sao chép liên kết|quay lại|về đầu trang|lên đầu trang|trang chủ|advertisement|quảng cáo|tắt quảng cáo|"
    r"xem video|xem thêm video|xem thêm clip|video đang phát|play|pause|replay|xem thêm|đọc tiếp|tải thêm|theo dõi|"
    r"nghe bài viết|nghe đọc bài|đọc bài viết)(?:\s+bài viết)?\s*[:>»]*$|"
    r"^mời (?:quý )?(?:bạn )?(?:độc giả|khán giả|bạn đọc)\b|"
    r"^(?:hãy |mời bạn )?(?:theo dõi|follow) .{0,60}\btrên(?:\s+[^\s.]+){0,3}\s*:?$|"
    r"^(?:đăng ký|đăng kí|subscribe) (?:nhận|theo dõi|kênh|bản tin|để)|"
    r"^(?:tải|cài đặt|cài) ứng dụng\b|"
    r"^(?:nhấn|bấm|click|nhấp) (?:vào )?(?:đây|link|nút)\b|"
    r"^(?:đăng nhập|đăng ký|đăng xuất|hotline\s*:.*|liên hệ quảng cáo.*|©.*|copyright\b.*)$",
    re.IGNORECASE,
)
# lines that close an article on a news page: comments, calls to follow the outlet, "more videos", the
# source link. Whatever follows one of them is the page's furniture or another story
END_OF_ARTICLE = re.compile(
    r"^(?:bình luận|ý kiến bạn đọc|gửi bình luận|viết bình luận|gửi ý kiến|ý kiến của bạn)(?:\s*\(\d+\))?\s*:?$|"
    r"^\d+\s+bình luận$|"
    r"^mời (?:quý )?(?:bạn )?(?:độc giả|khán giả|bạn đọc)\b|"
    r"^(?:hãy |mời bạn )?(?:theo dõi|follow) .{0,60}\btrên(?:\s+[^\s.]+){0,3}\s*:?$|"
    r"^xem thêm (?:video|clip)\b|"
    r"^\(?\s*(?:nguồn|link bài gốc|bài gốc|link gốc|xem bài gốc)\b[^:]{0,60}:?\s*(?:https?://|www\.)",
    re.IGNORECASE,
)
# site prompts are buttons and one-line calls to action; a longer line starting the same way is a sentence
PROMPT_MAX_SYLLABLES = 20
# "Thứ Hai, 13/10/2026 08:30", "13/10/2026 - 08:30 (GMT+7)", "Cập nhật: 08:30 13/10/2026"
DATE_STAMP = re.compile(
    r"^(?:(?:cập nhật|đăng|đăng lúc|ngày đăng|xuất bản)\s*:?\s*)?(?:(?:thứ\s+\S+|chủ nhật|t\d|cn)\s*,?\s*)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:sa|ch|am|pm)?\s*[,|\-–]?\s*)?"
    r"(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"(?:\s*[,|\-–]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:sa|ch|am|pm)?)?\s*(?:\(?gmt\s*[+\-]\s*\d{1,2}\)?)?\s*$",
    re.IGNORECASE,
)
SYMBOL_ONLY = re.compile(r"^[\W_]*$")
# "... - Ảnh: AFP/Sputnik", "(Ảnh: Reuters)", "Ảnh minh họa", "Ảnh: TTXVN."
CREDIT = r"(?:ảnh|nguồn ảnh|nguồn video|nguồn clip|nguồn|photo|video|đồ họa|đồ hoạ|clip|ảnh chụp màn hình|ảnh minh họa|ảnh minh hoạ)"
CAPTION_TAIL = re.compile(
    rf"(?:[-–—|.]\s*|\(\s*){CREDIT}\s*:\s*[^()\n]{{1,80}}?\)?\s*\.?\s*$|\(\s*ảnh minh họa\s*\)\s*\.?\s*$",
    re.IGNORECASE,
)
CAPTION_LINE = re.compile(rf"^\(?\s*(?!nguồn\s*:){CREDIT}\s*(?::\s*[^\n]{{0,80}})?\)?\s*\.?$", re.IGNORECASE)
POSITION_MARK = re.compile(r"\((?:trái|phải|giữa|ngồi giữa|đứng giữa|thứ \w+ từ (?:trái|phải)|ảnh trên|ảnh dưới)\)", re.IGNORECASE)
BYLINE_LEAD = re.compile(r"^\(?\s*(?:theo|nguồn|tác giả|biên dịch|lược dịch|tổng hợp|bài và ảnh|bài, ảnh)\s*:?\s*", re.IGNORECASE)
BYLINE_PAREN = re.compile(r"^(?P<name>[^()]{0,40})\(\s*(?:theo|tổng hợp|lược dịch|biên dịch|nguồn)\b[^()]{0,40}\)\s*$", re.IGNORECASE)
TAGS = re.compile(r"^(?:từ khóa|từ khoá|tags?|chủ đề|keywords?)\s*:", re.IGNORECASE)

# "VOV.VN - ...", "(Ngày Nay) - ...", "HÀ NỘI - ...", "TTO - ..."
DATELINE = re.compile(r"^(\([^()\n]{2,40}\)|[^\s()\-–—]+(?:\s+[^\s()\-–—]+){0,2})\s*[-–—]{1,2}\s+\S")

# a headline or link text fits on one line; a longer line is a paragraph of the story
HEADLINE_MAX_SYLLABLES = 30
UNIT_START = re.compile(r"(?:USD|EUR|VND|VNĐ|DWT|TEU|CNY|JPY|GBP|MW|KW|GW|TB|GB)\b")
