"""Plain-text articles: the first line is the title unless it is plainly body text."""

from __future__ import annotations

from tomtat.model import Article
from tomtat.text.function_words import TITLE_WORDS
from tomtat.text.normalize import normalize
from tomtat.text.punctuation import CLOSERS
from tomtat.text.sentences import split_paragraph
from tomtat.text.tokens import syllables

# longer than any headline of the seeds and ViMs: a first line this long is the lead paragraph
TITLE_MAX_SYLLABLES = 35
# below this, a first line that stops mid-sentence is still a (short, odd) headline
UNFINISHED_TITLE_MIN_SYLLABLES = 20


def looks_like_title(line: str, next_line: str | None = None) -> bool:
    """Is this first line a headline, or body text the scraper put first?

    Body text: a long line (more than TITLE_MAX_SYLLABLES syllables), a line
    ending on a comma, several sentences ending in a full stop, or a line of 20
    syllables or more that stops mid-sentence (an unclosed quote, a last word
    like "với", or a next line that goes on in lower case). Short titles with a
    stray quote mark or an ellipsis ("Hóa đơn tiền nước... 19 triệu đồng")
    stay titles.
    """
    line = normalize(line).strip()
    if not line:
        return False
    count = len(syllables(line, normalized=True))
    if count > TITLE_MAX_SYLLABLES or line.endswith((",", ";")):
        return False
    if len(split_paragraph(line)) > 1 and line.rstrip(CLOSERS).endswith((".", "…")):
        return False
    unclosed_quote = line.count("“") > line.count("”") + line.count('"')
    last_word = (syllables(line, normalized=True) or [""])[-1]
    goes_on = next_line is not None and next_line.strip()[:1].islower()
    if count >= UNFINISHED_TITLE_MIN_SYLLABLES and (
            unclosed_quote or last_word in TITLE_WORDS or goes_on or line.endswith(("-", "–"))):
        return False
    return True


def article_from_text(text: str, name: str) -> Article:
    """First non-empty line is the title, the rest is the body (the seeds' layout).

    When that first line is plainly body text (see `looks_like_title`), the
    article gets no title and the whole text is its body.
    """
    lines = text.strip().split("\n", 1)
    title = lines[0].strip()
    body = lines[1] if len(lines) > 1 else ""
    following = body.split("\n", 1)[0] if body[:1] != "\n" and body.strip() else None
    if body.strip() and not looks_like_title(title, following):
        return Article(title="", text=text.strip(), source=None, id=name)
    return Article(title=title, text=body, source=None, id=name)
