"""The web page end to end in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Skipped when /usr/bin/chromium or Playwright is missing; CI installs the
browser with `apt-get install -y chromium`. Screenshots are saved under the
test's tmp dir.
"""

from __future__ import annotations

import os
import socket
import threading
import time

import pytest

from vi_news import METRO

CHROMIUM = os.environ.get("TOMTAT_CHROMIUM", "/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found (apt-get install -y chromium)"),
]

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def server_url():
    import uvicorn

    from tomtat.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(workers=0), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
        yield b
        b.close()


def _wait(page, js: str, timeout: float = 30.0) -> None:
    """Poll a JS expression (the page's CSP forbids eval, which wait_for_function needs)."""
    deadline = time.time() + timeout
    while not page.evaluate(f"() => Boolean({js})"):
        assert time.time() < deadline, f"timed out waiting for {js}"
        time.sleep(0.05)


def _fill_article(page, index: int, article: dict) -> None:
    block = page.locator("#articles .article").nth(index)
    block.locator(".f-title").fill(article["title"])
    block.locator(".f-source").fill(article["source"])
    block.locator(".f-text").fill(article["text"])


def test_paste_two_articles_summarize_and_highlight(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server_url + "/")
    assert page.locator("#run").inner_text() == "Tóm tắt"
    assert page.locator("#articles .article").count() == 2

    _fill_article(page, 0, METRO[0])
    _fill_article(page, 1, METRO[1])
    page.locator("#length").fill("80")
    page.locator("#run").click()
    page.wait_for_selector("#summary .sent", timeout=30_000)

    sentences = page.locator("#summary .sent")
    assert sentences.count() >= 1
    assert "Xong" in page.locator("#status").inner_text()
    first = sentences.nth(0)
    a, p = first.get_attribute("data-article"), first.get_attribute("data-position")
    text = first.inner_text()
    assert text and any(text in art["text"] for art in METRO[:2])

    # hover: the source sentence in its article's panel lights up
    first.hover()
    target = page.locator(f"#s-{a}-{p}")
    assert "hl" in target.get_attribute("class")
    assert target.inner_text() == text
    assert "active" in page.locator(f"#src-{a}").get_attribute("class")
    assert page.locator(".src-sent.hl").count() == 1

    # the sentence both outlets reported names the other one
    metas = " ".join(page.locator("#summary .meta").all_inner_texts())
    assert "Nguồn:" in metas
    assert any(f"Cũng đưa tin: {a['source']}" in metas for a in METRO[:2]), metas

    # click pins the highlight: it stays after the pointer leaves
    first.click()
    page.mouse.move(5, 5)
    assert "hl" in target.get_attribute("class")
    assert first.get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(tmp_path / "summary-vi.png"), full_page=True)

    # English labels, same result, highlight kept
    page.locator('.lang button[data-lang="en"]').click()
    assert page.locator("#run").inner_text() == "Summarize"
    assert page.locator("#status").inner_text().startswith("Done")
    assert "Source:" in page.locator("#summary .meta").first.inner_text()
    assert page.locator(".src-sent.hl").count() == 1
    page.screenshot(path=str(tmp_path / "summary-en.png"), full_page=True)
    assert (tmp_path / "summary-vi.png").stat().st_size > 10_000
    assert not errors, errors
    page.close()


def test_dropped_files_and_phone_width(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    txt = METRO[2]["title"] + "\n" + METRO[2]["text"]
    paragraphs = "".join(f"<p>{line}</p>" for line in METRO[0]["text"].split("\n"))
    html = (
        f"<html><head><title>{METRO[0]['title']}</title></head><body><nav>Trang chủ</nav>"
        f"<article><h1>{METRO[0]['title']}</h1>{paragraphs}</article><footer>Liên hệ quảng cáo</footer></body></html>"
    )
    # a real drop event carrying two files, as the browser builds it for a drag from the desktop
    page.evaluate(
        """([txt, html]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([txt], "doi-song-do-thi.txt", {type: "text/plain"}));
            dt.items.add(new File([html], "bao-giao-thong.html", {type: "text/html"}));
            document.querySelector("#dropzone").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        [txt, html],
    )
    _wait(page, "document.querySelectorAll('#articles .f-text').length >= 2 && "
                "Array.from(document.querySelectorAll('#articles .f-text')).every(t => t.value.length > 0)")
    titles = page.locator("#articles .f-title").evaluate_all("els => els.map(e => e.value)")
    assert METRO[2]["title"] in titles and METRO[0]["title"] in titles
    texts = " ".join(page.locator("#articles .f-text").evaluate_all("els => els.map(e => e.value)"))
    assert "Liên hệ quảng cáo" not in texts and "Trang chủ" not in texts

    page.locator("#run").tap()
    page.wait_for_selector("#summary .sent", timeout=30_000)
    sent = page.locator("#summary .sent").first
    sent.tap()
    a, p = sent.get_attribute("data-article"), sent.get_attribute("data-position")
    assert "hl" in page.locator(f"#s-{a}-{p}").get_attribute("class")
    # nothing wider than the phone screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
    page.close()


def test_server_error_is_shown(server_url, browser):
    page = browser.new_page()
    page.goto(server_url + "/")
    page.locator("#run").click()
    assert "ít nhất một bài" in page.locator("#status").inner_text()
    english = {"title": "Markets", "source": "Wire", "text": "Stocks rose sharply on Tuesday as investors cheered. " * 4}
    _fill_article(page, 0, english)
    page.locator("#run").click()
    _wait(page, "document.querySelector('#status').classList.contains('error') && "
                "document.querySelector('#status').textContent.includes('Vietnamese')")
    assert page.locator("#result").is_hidden()
    page.close()


def test_api_docs_render_offline_and_try_it(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server_url + "/docs")
    page.wait_for_selector("section.endpoint", timeout=10_000)
    paths = page.locator("section.endpoint .path").all_inner_texts()
    assert {"/v1/summarize", "/healthz", "/v1/extract"} <= set(paths)
    section = page.locator("section.endpoint", has=page.locator("code.path", has_text="/v1/summarize"))
    fields = section.locator("td.field").all_inner_texts()
    assert {"articles", "words", "format", "include_sources", "title", "text"} <= set(fields)
    section.locator(".try button").click()
    _wait(page, "Array.from(document.querySelectorAll('.try-out')).some(o => o.textContent.startsWith('HTTP 200'))")
    assert '"summary"' in section.locator(".try-out").inner_text()
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)
    assert not errors, errors
    page.close()
