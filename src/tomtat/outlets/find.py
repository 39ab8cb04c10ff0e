"""Who published an article: its outlet's name, from whatever the input reveals.

A reader trusts "VOV, Công Luận and Ngày Nay report ..." and learns nothing
from "001_5e028da436ee891f". Inputs rarely say it in one place, so the
evidence is read in order of reliability, and the first that names an outlet
wins:

1. `source`: the input's own field, unless it is a placeholder (a file name,
   an id, "doc3", a bare number: the dataset readers fill it that way);
2. the page's site name (trafilatura's `sitename` for HTML input);
3. the URL's domain, through the table of Vietnamese outlets
   (`tomtat.outlets.table`), else the bare domain ("baohatinh.vn");
4. a dateline opening one of the first lines of the body: "VOV.VN - ...",
   "TTO - ...", "(Ngày Nay) - ...", "Hà Nội (TTXVN) - ...";
5. a credit line among the last lines: "Nguồn Công Luận: https://...",
   "Nguồn: VnExpress", "Theo Dân trí";
6. a title suffix a scraper kept: "... - VnExpress", "... | Báo Tuổi Trẻ".

Datelines, credit lines and title suffixes count only when they name a known
outlet or a domain: "BERLIN - ..." is a place, "Theo Reuters" is a quoted
agency rather than the publisher, and a line "Nguồn tin cho biết ..." is a
sentence. Only a "Nguồn ...:" line may name an outlet missing from the table,
since the article states outright that it is its source.

Everything here reads the raw text (before cleaning), because the cleaner
drops datelines and credit lines as noise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from urllib.parse import urlsplit

from tomtat.outlets.table import OUTLETS
from tomtat.text.normalize import normalize, remembered

DATELINE_LINES = 8  # a dateline sits on the first body line, after at most a few lines of player/menu noise
CREDIT_LINES = 6  # credit lines close the article, at most a few lines of tags or comments after them

_PLACEHOLDER = re.compile(
    r"^(?:doc|article|bai|bài|file|art)?[\s_#-]*\d+(?:[_-][0-9a-f]{6,})?$|^[0-9a-f]{8,}$|^[\d\W_]+$",
    re.IGNORECASE,
)
_DASH = r"[-–—]"
# "(Ngày Nay) -", "Hà Nội (TTXVN) -": a parenthesised outlet, at most four words of place before it
_PAREN_DATELINE = re.compile(rf"^(?:[^\s()]+\s+){{0,4}}\(([^()\n]{{2,40}})\)\s*{_DASH}\s*\S")
# "VOV.VN -", "TTO -", "VTC News -": up to three words before the dash
_BARE_DATELINE = re.compile(rf"^([^\s()\-–—:,.][^\s()\-–—:,]*(?:\s+[^\s()\-–—:,]+){{0,2}})\s*{_DASH}\s*\S")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|fr|uk)\b(?:/\S*)?", re.IGNORECASE)
# "Nguồn Công Luận: https://...", "Nguồn: VnExpress", "(Nguồn: vnexpress.net)"
_CREDIT = re.compile(r"^\(?\s*(nguồn|theo)\b\s*:?\s*(.*?)\s*\)?\s*$", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s(?:[-–—|])\s*([^-–—|]{2,40})$")
_SENTENCE_PUNCT = re.compile(r"[,;!?\"“”]|\.\s")


@dataclass(frozen=True)
class Outlet:
    """An outlet name and the evidence it came from (for debugging and provenance)."""

    name: str
    evidence: str  # "source", "site_name", "url", "dateline", "credit" or "title"


def _key(name: str) -> str:
    """Compare names lower-cased, with "Báo"/"Tạp chí" and "online"/"điện tử" taken off."""
    key = normalize(name).strip().lower()
    key = re.sub(r"^(?:báo|tạp chí|trang)\s+(?:điện tử\s+)?", "", key)
    key = re.sub(r"\s+(?:online|điện tử|\.vn)$", "", key)
    return re.sub(r"\s+", " ", key).strip(" .:-–—")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    domains: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for name, hosts, names in OUTLETS:
        for host in hosts:
            domains[host] = name
            aliases[_key(host)] = name
        for alias in (name, *names):
            aliases[_key(alias)] = name
    return domains, aliases


def _host(text: str) -> str | None:
    """The host of a URL or bare domain, without "www."/"m."/"amp." and port."""
    text = text.strip().strip("()<>[]\"'")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "http://" + text
    try:
        host = (urlsplit(text).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host):
        return None
    return re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)


def outlet_from_domain(url: str) -> str | None:
    """The outlet behind a URL or domain: its table name, else the bare domain.

    >>> outlet_from_domain("https://e.vnexpress.net/news/abc.html")
    'VnExpress'
    >>> outlet_from_domain("https://www.baohatinh.vn/a.html")
    'baohatinh.vn'
    """
    host = _host(url)
    if host is None:
        return None
    domains, _ = _tables()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # the host itself, then each parent domain
        name = domains.get(".".join(parts[i:]))
        if name:
            return name
    return host


def known_outlet(name: str) -> str | None:
    """The table's display name for an outlet name, short form or domain; None if unknown."""
    if not name or not name.strip():
        return None
    _, aliases = _tables()
    found = aliases.get(_key(name))
    if found:
        return found
    host = _host(name) if _URL.fullmatch(name.strip()) else None
    if host:
        name = outlet_from_domain(host)
        return name if name != host else None
    return None


def _looks_like_domain(text: str) -> bool:
    return bool(_URL.fullmatch(text.strip())) and _host(text) is not None


def _name(value: str) -> str | None:
    """A name given outright (source field, site name): canonical when known, else as written."""
    value = normalize(value).strip()
    if not value or _PLACEHOLDER.match(value) or not re.search(r"[^\W\d_]", value):
        return None
    if _looks_like_domain(value):
        return outlet_from_domain(value)
    return known_outlet(value) or value


def _dateline(line: str) -> str | None:
    """The outlet a dateline names: "VOV.VN - ...", "(Ngày Nay) - ..."; None for places and other text."""
    if "-" not in line and "–" not in line and "—" not in line:
        return None  # (both patterns need a dash: most lines have none)
    for pattern in (_PAREN_DATELINE, _BARE_DATELINE):
        m = pattern.match(line)
        if m:
            candidate = m.group(1).strip()
            name = known_outlet(candidate)
            if name:
                return name
            if _looks_like_domain(candidate):
                return outlet_from_domain(candidate)
    return None


def _credit(line: str) -> str | None:
    """The outlet a closing credit line names: "Nguồn Công Luận: https://...", "Theo Dân trí"."""
    m = _CREDIT.match(line)
    if not m:
        return None
    word, rest = m.group(1).lower(), m.group(2)
    url = _URL.search(rest)
    named = (rest[: url.start()] if url else rest).strip(" :-–—()")
    tail = rest[url.end():].strip(" )") if url else ""
    if tail or len(named.split()) > 6 or _SENTENCE_PUNCT.search(named):
        return None  # a sentence that mentions a site ("Theo nguồn tin của Zing.vn, ..."), not a credit
    if url and _looks_like_domain(url.group(0)):
        from_url = outlet_from_domain(url.group(0))
        known = known_outlet(named) if named else None
        # the URL decides, unless it is an unknown domain and the name is a known outlet
        if from_url and (known is None or from_url == known or "." not in from_url):
            return from_url
        return known or from_url
    if not named:
        return None
    known = known_outlet(named)
    if known or word == "theo":
        return known
    if named.lower().startswith(("tin", "ảnh", "tham khảo", "tổng hợp")) or not named[:1].isupper():
        return None  # "Nguồn tin ...", "Nguồn ảnh: ...", "Nguồn tổng hợp" name no outlet
    return named


def _lines(text: str, from_end: bool = False) -> Iterator[str]:
    """The non-empty lines of `normalize(text)`, stripped, from the first (or from the last), normalized as read.

    Nothing `normalize` does reaches across a line break (NFC composes nothing
    with it, tone fixes and space runs stop at whitespace, a carriage return
    becomes one), so these are the lines of the normalized text. Only the first
    DATELINE_LINES and the last CREDIT_LINES are ever read: normalizing the
    whole article again for them cost as much as the cleaner's own normalizing
    once more than 32 articles came between (200 articles of 100,000 characters).
    An article normalized lately (`remembered`) is split as it is.
    """
    whole = remembered(text or "")
    if whole is not None:  # (the article normalized lately: its lines are at hand)
        lines = whole.split("\n")
        for line in reversed(lines) if from_end else lines:  # (stripped as read: the caller reads a few)
            line = line.strip()
            if line:
                yield line
        return
    raw = (text or "").split("\n")
    for line in reversed(raw) if from_end else raw:
        parts = normalize(line).split("\n")
        for part in reversed(parts) if from_end else parts:
            if part.strip():
                yield part.strip()


def find_outlet(
    title: str = "",
    text: str = "",
    source: str | None = None,
    url: str | None = None,
    site_name: str | None = None,
    file_name: str | None = None,
) -> Outlet | None:
    """The article's outlet from the strongest evidence available, or None.

    `text` is the raw body (title line excluded or not: both work). A
    `source` equal to `file_name` is a placeholder, not evidence. The file
    name itself is never an outlet: `outlet_label` falls back to it.
    """
    if source and (file_name is None or source.strip() != file_name.strip()):
        name = _name(source)
        if name:
            return Outlet(name, "source")
    if site_name:
        name = _name(site_name)
        if name:
            return Outlet(name, "site_name")
    if url and _host(url):
        name = outlet_from_domain(url)
        if name:
            return Outlet(name, "url")
    for line in islice(_lines(text), DATELINE_LINES):
        name = _dateline(line)
        if name:
            return Outlet(name, "dateline")
    for line in islice(_lines(text, from_end=True), CREDIT_LINES):
        name = _credit(line)
        if name:
            return Outlet(name, "credit")
    # (a suffix needs a dash or a bar, which normalizing neither makes nor removes: most titles are not
    # normalized here at all)
    m = _TITLE_SUFFIX.search(normalize(title).strip()) if title and any(c in title for c in "-–—|") else None
    if m:
        name = known_outlet(m.group(1))
        if name:
            return Outlet(name, "title")
    return None


def outlet_label(
    title: str = "",
    text: str = "",
    source: str | None = None,
    url: str | None = None,
    file_name: str | None = None,
    site_name: str | None = None,
) -> str:
    """The label to show for an article: its outlet, else its file name, else its title's start."""
    found = find_outlet(title, text, source, url, site_name, file_name)
    if found:
        return found.name
    return file_name or source or (title or "").strip()[:60]


def article_outlet(article, site_name: str | None = None) -> Outlet | None:
    """`find_outlet` for a `tomtat.model.Article` (its `id` is the file name)."""
    return find_outlet(article.title, article.text, article.source, article.url, site_name, article.id)
