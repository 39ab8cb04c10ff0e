"""Stage dates: find date expressions in Vietnamese news and place them on the calendar.

    find_dates(text, reference)      -> [DateMention]: "ngày 13/4", "hôm qua", "tháng 6/2021", ...
    reference_date(date_field, text) -> date | None: the article's publication date
    parse_date_line(line)            -> DateLine | None: "Thứ Ba, 13/04/2021 10:20 GMT+7"

A mention's `value` is a DateValue with a granularity (day, week, month, year)
and an ISO 8601 form ("2021-04-13", "--04-13" when the year is unknown,
"2021-06", "2021-W14"). Later stages order summary sentences and build the
timeline from these values.
"""

from tomtat.dates.find import find_dates, resolve_year
from tomtat.dates.model import DateMention, DateValue, Granularity, Kind
from tomtat.dates.published import DateLine, find_date_line, parse_date_field, parse_date_line, reference_date

__all__ = [
    "DateLine", "DateMention", "DateValue", "Granularity", "Kind", "find_date_line", "find_dates",
    "parse_date_field", "parse_date_line", "reference_date", "resolve_year",
]
