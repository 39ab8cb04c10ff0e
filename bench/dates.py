"""Date extraction compared: tomtat's rules against dateparser's Vietnamese search, on the labelled set.

    python bench/dates.py [--show-errors]      # dateparser is measured only if installed

Prints precision/recall on tests/data/dates.jsonl (sentences with expected
spans and ISO values, and sentences whose numbers are not dates), the date-line
accuracy on tests/data/date_lines.jsonl, and the import time each adds on top of tomtat.
dateparser gets a lenient score: a found datetime counts as right when it lies
inside the expected period (any day of "tháng 6" matches "2021-06"), and any
value counts for an expression that cannot be placed without a reference date.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, console, print_table  # noqa: E402

from tomtat.dates import find_dates, parse_date_line  # noqa: E402
from tomtat.dates.score import Found, load_cases, score  # noqa: E402

CASES = REPO / "tests" / "data" / "dates.jsonl"
LINES = REPO / "tests" / "data" / "date_lines.jsonl"


def import_seconds(module: str) -> float:
    """Import time in a fresh interpreter that has already imported tomtat: what the module adds to a CLI run."""
    code = f"import time, tomtat; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def tomtat_extract(sentence: str, reference: date | None) -> list[Found]:
    return [Found(m.start, m.end, m.iso) for m in find_dates(sentence, reference)]


def within(expected: str | None, found: datetime) -> bool:
    """Does dateparser's datetime fall inside the expected ISO period ("2021-04-13", "--04-13", "2021-06", "2021-W14")?"""
    if expected is None:
        return True
    day = found.date()
    if expected.startswith("--"):
        parts = [int(p) for p in expected[2:].split("-")]
        return [day.month, day.day][: len(parts)] == parts
    if "-W" in expected:
        year, week = expected.split("-W")
        return day.isocalendar()[:2] == (int(year), int(week))
    parts = [int(p) for p in expected.split("-")]
    return [day.year, day.month, day.day][: len(parts)] == parts


def dateparser_extract(search_dates):
    def extract(sentence: str, reference: date | None) -> list[Found]:
        settings = {"RELATIVE_BASE": datetime.combine(reference, datetime.min.time())} if reference else {}
        found, offset = [], 0
        for text, value in search_dates(sentence, languages=["vi"], settings=settings) or []:
            start = sentence.find(text, offset)
            if start < 0:
                start = sentence.find(text)
            offset = start + len(text)
            found.append(Found(start, start + len(text), value))
        return found

    return extract


def date_line_accuracy(parse) -> tuple[int, int]:
    rows = [json.loads(line) for line in LINES.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sum(parse(row["line"]) == (row["iso"][:10] if row["iso"] else None) for row in rows), len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="list every false positive and miss")
    args = parser.parse_args()
    cases = load_cases(CASES)
    n_sentences, n_negative = len(cases), sum(not c.expected for c in cases)

    runs = []
    start = time.perf_counter()
    runs.append(("tomtat", score(cases, tomtat_extract), time.perf_counter() - start, import_seconds("tomtat.dates")))
    line_rows = [("tomtat", *date_line_accuracy(lambda s: (lambda d: d.day.isoformat() if d else None)(parse_date_line(s))))]
    try:
        from dateparser import parse as dp_parse
        from dateparser.search import search_dates
    except ImportError:
        console.print("dateparser not installed: `pip install dateparser==1.5.0` to include it")
    else:
        start = time.perf_counter()
        dp = score(cases, dateparser_extract(search_dates), agree=within)
        runs.append(("dateparser", dp, time.perf_counter() - start, import_seconds("dateparser.search")))

        def dp_line(line: str) -> str | None:
            found = dp_parse(line, languages=["vi"])
            return found.date().isoformat() if found else None

        line_rows.append(("dateparser", *date_line_accuracy(dp_line)))

    print_table(
        f"date expressions: {sum(len(c.expected) for c in cases)} expected in {n_sentences} sentences ({n_negative} without any)",
        ["extractor", "precision", "recall", "found", "right", "exact spans", "seconds", "import s"],
        [[name, s.precision, s.recall, s.found, s.right, s.exact_spans, secs, imp] for name, s, secs, imp in runs],
    )
    print_table("publication date lines (the day must match; non-date lines must give nothing)",
                ["parser", "right", "lines"], [list(row) for row in line_rows])
    if args.show_errors:
        for name, s, _, _ in runs:
            for sentence, text, value in s.false_positives:
                console.print(f"[red]{name} false positive[/red] {text!r} -> {value}  in  {sentence}")
            for sentence, text, value in s.misses:
                console.print(f"[yellow]{name} missed[/yellow] {text!r} ({value})  in  {sentence}")


if __name__ == "__main__":
    main()
