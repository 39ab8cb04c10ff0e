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


# ------------------------------------------------------------ issue 12: links, errors, tools, phone

def _summarize(page, articles, timeout: float = 30.0) -> None:
    for i, article in enumerate(articles):
        if i >= page.locator("#articles .article").count():
            page.locator("#add-article").click()
        _fill_article(page, i, article)
    page.locator("#run").click()
    _wait(page, "document.querySelector('#summary .sent') && !document.querySelector('#run').disabled", timeout)


def _posted(page) -> list[dict]:
    """Bodies of the POST /v1/summarize requests the page sends (recorded from now on)."""
    import json

    bodies: list[dict] = []
    page.on("request", lambda r: bodies.append(json.loads(r.post_data)) if r.url.endswith("/v1/summarize") else None)
    return bodies


def _fake_result(n_articles: int = 3, timeline: bool = False) -> dict:
    long_title = ("Hà Nội công bố lộ trình chạy thử toàn tuyến metro Nhổn - ga Hà Nội cùng kế hoạch "
                  "khai thác thương mại đoạn đi ngầm trước cuối năm nay")
    articles = [
        {"title": METRO[0]["title"], "source": "Báo Giao Thông", "url": "https://example.vn/a", "date": None, "id": None},
        {"title": long_title, "source": None, "url": None, "date": None, "id": None},
        {"title": "", "source": None, "url": None, "date": None, "id": None},
    ][:n_articles]
    sources = [{"title": a["title"], "source": a["source"], "label": a["source"] or a["title"][:60],
                "sentences": [f"Câu thứ {p + 1} của bài {i + 1} nói về tuyến metro." for p in range(3)]}
               for i, a in enumerate(articles)]
    result = {
        "summary": "Câu thứ 1 của bài 1 nói về tuyến metro. Câu thứ 2 của bài 2 nói về tuyến metro.",
        "sentences": [
            {"text": "Câu thứ 1 của bài 1 nói về tuyến metro.", "article": 0, "position": 0, "source": "Báo Giao Thông",
             "also_reported_by": [1], "also_reported_by_sources": [long_title[:60]], "score": 1.0},
            {"text": "Câu thứ 2 của bài 2 nói về tuyến metro.", "article": 1, "position": 1, "source": long_title[:60],
             "also_reported_by": [], "also_reported_by_sources": [], "score": 0.5},
            {"text": "Câu thứ 3 của bài 3 nói về tuyến metro.", "article": 2, "position": 2, "source": "",
             "also_reported_by": [0, 1], "also_reported_by_sources": ["Báo Giao Thông", long_title[:60]], "score": 0.4},
        ][:n_articles],
        "cluster_id": None, "syllables": 30, "articles": articles, "warnings": [], "sources": sources,
    }
    if timeline:
        result["timeline"] = [
            {"date": "2026-03-02", "text": "Ban quản lý công bố lịch chạy thử.", "sources": ["Báo Giao Thông"]},
            {"date": "2026-03-15", "text": "Tàu bắt đầu chạy thử toàn tuyến.", "sources": [0, 1]},
        ]
    return result


def _route_json(page, status: int, body: dict) -> None:
    import json

    page.unroute("**/v1/summarize")
    page.route("**/v1/summarize", lambda route: route.fulfill(
        status=status, content_type="application/json", body=json.dumps(body, ensure_ascii=False)))


def test_separators_split_a_box_and_a_warning_without_them(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    assert "---" in page.locator("#articles .article .sep-hint").first.inner_text()
    bodies = _posted(page)
    two_in_one = dict(METRO[0], text=METRO[0]["text"] + "\n---\n" + METRO[1]["title"] + "\n" + METRO[1]["text"])
    _summarize(page, [two_in_one])
    sent = bodies[-1]["articles"]
    assert [a["title"] for a in sent] == [METRO[0]["title"], METRO[1]["title"]]
    assert sent[1]["text"] == METRO[1]["text"] and "---" not in sent[0]["text"]
    assert "urls" not in bodies[-1]  # no links pasted: the field is left out
    assert "tách thành 2 bài" in page.locator("#input-warnings").inner_text()
    assert page.locator("#sources .source").count() == 2
    page.screenshot(path=str(tmp_path / "separators-1366.png"), full_page=True)

    # the same two articles without the --- line: one article, and the page says so
    glued = "\n\n".join(METRO[0]["text"].split("\n")) + "\n\n" + METRO[1]["title"] + "\n\n" + "\n\n".join(METRO[1]["text"].split("\n"))
    page.locator("#articles .f-text").first.fill(glued)
    page.locator("#run").click()
    _wait(page, "!document.querySelector('#run').disabled && document.querySelector('#status').textContent.includes('Xong')")
    assert len(bodies[-1]["articles"]) == 1
    assert "chỉ đọc được như một bài" in page.locator("#input-warnings").inner_text()
    # one ordinary article (short cross-heads, no second headline) gives no such warning
    page.locator("#articles .f-text").first.fill("\n\n".join(METRO[0]["text"].split("\n")))
    page.locator("#run").click()
    _wait(page, "!document.querySelector('#run').disabled && document.querySelector('#status').textContent.includes('Xong')")
    assert page.locator("#input-warnings li").count() == 0
    page.close()


def test_links_are_sent_and_errors_replace_the_result_in_the_pages_language(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    bodies = _posted(page)
    _summarize(page, METRO[:2])
    assert page.locator("#result").is_visible()

    # links go out as `urls`, one per line, blank lines dropped; the server's coded error is shown in Vietnamese
    page.locator("#urls").fill("https://example.vn/bai-1\n\n  https://example.vn/bai-2  \n")
    _route_json(page, 422, {
        "detail": "2 of 2 URLs could not be fetched", "code": "fetch_error",
        "url_errors": [
            {"url": "https://example.vn/bai-1", "code": "fetch_blocked_address", "detail": "127.0.0.1 is a loopback address"},
            {"url": "https://example.vn/bai-2", "code": "fetch_http_status", "detail": "HTTP 404 Not Found"},
        ]})
    page.locator("#run").click()
    _wait(page, "document.querySelector('#status').classList.contains('error')")
    assert bodies[-1]["urls"] == ["https://example.vn/bai-1", "https://example.vn/bai-2"]
    assert len(bodies[-1]["articles"]) == 2
    assert page.locator("#result").is_hidden()  # the old summary no longer matches the inputs
    status = page.locator("#status").inner_text()
    assert "Không tải được https://example.vn/bai-1: máy chủ không được phép tải địa chỉ nội bộ" in status
    assert "trang báo lỗi" in status

    _route_json(page, 422, {"detail": "the text does not look like Vietnamese", "code": "not_vietnamese"})
    page.locator("#run").click()
    _wait(page, "document.querySelector('#status').textContent.includes('tiếng Việt')")
    assert page.locator("#status .msg").inner_text() == (
        "Không tóm tắt được: Nội dung không phải tiếng Việt; tomtat chỉ tóm tắt bài báo tiếng Việt.")
    assert page.locator("#status details").count() == 1  # the server's words stay under "Chi tiết"
    page.screenshot(path=str(tmp_path / "error-vi-1366.png"), full_page=False)

    # a server that is down: no raw "Failed to fetch"
    page.unroute("**/v1/summarize")
    page.route("**/v1/summarize", lambda route: route.abort("connectionrefused"))
    page.locator("#run").click()
    _wait(page, "document.querySelector('#status').textContent.includes('Không kết nối được máy chủ')")
    assert "Failed to fetch" not in page.locator("#status").inner_text()
    page.locator('.lang button[data-lang="en"]').click()
    assert page.locator("#status").inner_text().startswith("Cannot reach the server")
    page.locator('.lang button[data-lang="vi"]').click()

    # unknown code: the server's detail; 503 without a code: the page's own text
    _route_json(page, 503, {"detail": "the server is busy; try again shortly"})
    page.locator("#run").click()
    _wait(page, "document.querySelector('#status').textContent.includes('Máy chủ đang bận')")
    page.close()


def test_labels_outlets_timeline_copy_download_and_stale(server_url, browser, tmp_path):
    import json

    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True,
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    fake = _fake_result(timeline=True)
    _route_json(page, 200, fake)
    _fill_article(page, 0, METRO[0])
    page.locator("#run").click()
    _wait(page, "document.querySelector('#summary .sent')")

    # labels: outlet, else the whole title cut at a word with an ellipsis, else "Bài N"; never an empty "Nguồn: "
    froms = page.locator("#summary .from").all_inner_texts()
    assert froms[0] == "Nguồn: Báo Giao Thông"
    long_title = fake["articles"][1]["title"]
    label = froms[1].removeprefix("Nguồn: ")
    assert label.endswith("…") and long_title.startswith(label[:-1]) and long_title[len(label) - 1] == " "
    assert froms[2] == "Nguồn: Bài 3"
    assert page.locator("#summary .from").nth(1).get_attribute("title") == long_title

    # outlet overview: rows are outlets, ● where the sentence was taken, ○ where it was also reported
    rows = page.locator("#outlets tbody tr")
    assert rows.count() == 3
    assert rows.nth(0).locator("td").all_inner_texts() == ["●", "", "○"]
    assert rows.nth(1).locator("td").all_inner_texts() == ["○", "●", "○"]
    assert rows.nth(2).locator("td").all_inner_texts() == ["", "", "●"]

    # timeline panel: shown with entries
    assert page.locator("#timeline").is_visible()
    items = page.locator("#timeline-list li").all_inner_texts()
    assert "2026-03-02" in items[0] and "Tàu bắt đầu chạy thử toàn tuyến." in items[1] and "Báo Giao Thông" in items[1]
    page.screenshot(path=str(tmp_path / "result-tools-1366.png"), full_page=True)

    # copy
    page.locator("#copy").click()
    _wait(page, "document.querySelector('#status').textContent.includes('Đã chép')")
    assert page.evaluate("navigator.clipboard.readText()") == " ".join(s["text"] for s in fake["sentences"])

    # downloads, built in the page from the JSON result
    got = {}
    for kind in ("md", "json", "txt"):
        with page.expect_download() as info:
            page.locator(f'[data-download="{kind}"]').click()
        download = info.value
        assert download.suggested_filename == f"tom-tat.{kind}"
        got[kind] = open(download.path(), encoding="utf-8").read()
    assert json.loads(got["json"]) == fake
    assert got["md"].startswith("# Bản tóm tắt\n\n- Câu thứ 1 của bài 1 nói về tuyến metro. *(Nguồn: Báo Giao Thông; Cũng đưa tin: ")
    assert "[Báo Giao Thông: " + METRO[0]["title"] + "](https://example.vn/a)" in got["md"]
    assert got["txt"].splitlines()[:3] == [s["text"] for s in fake["sentences"]]

    # the slider shows its value; moving it after a result marks the result stale, re-running clears that
    page.locator("#length").fill("300")
    assert page.locator("#length-value").inner_text() == "300"
    assert page.locator("#stale").is_visible() and "stale" in page.locator("#result").get_attribute("class")
    page.locator("#rerun").click()
    _wait(page, "document.querySelector('#stale').hidden")
    assert "stale" not in page.locator("#result").get_attribute("class")

    # without a timeline the panel stays hidden
    _route_json(page, 200, _fake_result())
    page.locator("#run").click()
    _wait(page, "document.querySelector('#timeline').hidden")

    # clear all: inputs, result and status
    page.locator("#urls").fill("https://example.vn/x")
    page.locator("#clear-all").click()
    assert page.locator("#result").is_hidden() and page.locator("#urls").input_value() == ""
    assert page.locator("#articles .article").count() == 2 and page.locator("#articles .f-text").first.input_value() == ""
    assert not errors, errors
    context.close()


def test_progress_and_cancel(server_url, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    held = []
    page.route("**/v1/summarize", lambda route: held.append(route))  # never answered: a very slow server
    _fill_article(page, 0, METRO[0])
    page.locator("#run").click()
    _wait(page, "!document.querySelector('#progress').hidden")
    assert page.locator("#cancel").is_visible() and page.locator("#run").is_disabled()
    assert "Đang tóm tắt" in page.locator("#progress-text").inner_text()
    page.locator("#cancel").click()
    _wait(page, "document.querySelector('#status').textContent.includes('Đã huỷ')")
    assert page.locator("#progress").is_hidden() and page.locator("#cancel").is_hidden()
    assert not page.locator("#run").is_disabled()
    page.close()


def test_phone_back_to_summary(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(server_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    page.reload()
    page.screenshot(path=str(tmp_path / "phone-input-390.png"), full_page=True)
    _summarize(page, METRO[:3])
    back = page.locator("#back-to-summary")
    assert back.is_hidden()
    sent = page.locator("#summary .sent").nth(0)
    sent.tap()
    _wait(page, "!document.querySelector('#back-to-summary').hidden")
    time.sleep(0.6)  # the smooth scroll to the source
    a, p = sent.get_attribute("data-article"), sent.get_attribute("data-position")
    assert "hl" in page.locator(f"#s-{a}-{p}").get_attribute("class")
    page.screenshot(path=str(tmp_path / "phone-source-390.png"), full_page=False)
    assert back.is_visible() and back.inner_text() == "↑ Về bản tóm tắt"
    back.tap()
    time.sleep(0.6)
    assert back.is_hidden()
    assert page.evaluate("(() => { const r = document.querySelector('#summary .sent').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= innerHeight; })()")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "phone-result-390.png"), full_page=True)
    page.close()


# ------------------------------------------------------------ links fetched by a real server


@pytest.fixture(scope="module")
def local_site():
    from local_site import LocalSite

    site = LocalSite()
    yield site
    site.close()


@pytest.fixture(scope="module")
def intranet_url():
    """`tomtat serve --allow-private-urls` as a user starts it (a subprocess), so the flag itself is exercised."""
    import subprocess
    import sys

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "tomtat", "serve", "--allow-private-urls", "--host", "127.0.0.1", "--port", str(port),
         "--workers", "0", "--log-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert process.poll() is None, process.stderr.read().decode()
        assert time.time() < deadline, "tomtat serve did not start"
        time.sleep(0.2)
    yield url
    process.terminate()
    process.wait(10)


def test_links_fetched_from_a_local_site_by_a_server_with_allow_private_urls(intranet_url, local_site, browser, tmp_path):
    from local_site import MISSING, PAGES, SITE_NAMES

    links = [local_site.url(p) for p in list(PAGES)[:2]]
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(intranet_url + "/")
    page.evaluate("localStorage.setItem('tomtat-lang', 'vi')")
    page.reload()
    _fill_article(page, 0, METRO[2])  # one pasted article next to the links
    page.locator("#urls").fill("\n".join([links[0], local_site.url(MISSING), links[1]]))
    page.locator("#run").click()
    _wait(page, "document.querySelector('#summary .sent') && !document.querySelector('#run').disabled", 60)

    assert sorted(local_site.paths) == sorted([*(list(PAGES)[:2]), MISSING])  # the server fetched them
    warnings = page.locator("#warnings").inner_text()
    assert f"Không tải được {local_site.url(MISSING)}: trang báo lỗi" in warnings  # the per-link failure, in Vietnamese
    sources = page.locator("#sources").inner_text()
    assert all(name in sources for name in SITE_NAMES[:2])  # fetched articles are sources with their site names
    assert page.locator("#summary .sent").count() >= 2
    page.screenshot(path=str(tmp_path / "links-1366.png"), full_page=True)
    page.close()


def test_no_serious_accessibility_violations_with_a_result_shown(server_url, browser, tmp_path):
    """axe-core (bundled by axe-playwright-python) on `/` with a summary on screen, at desktop and phone width."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright",
                                     reason="axe-playwright-python is not installed (pip install -e .[dev])")
    for width, height in [(1366, 900), (390, 844)]:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(server_url + "/")
        _summarize(page, METRO[:2])
        page.locator("#summary .sent").first.click()  # a sentence pinned, its source shown
        results = axe_module.Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, results.generate_report()
        (tmp_path / f"axe-{width}.txt").write_text(results.generate_report(), encoding="utf-8")
        page.screenshot(path=str(tmp_path / f"axe-{width}.png"), full_page=True)
        # control: axe does see a violation once there is one (an image without alt text)
        page.evaluate("document.querySelector('#summary').append(document.createElement('img'))")
        assert "image-alt" in {v["id"] for v in axe_module.Axe().run(page).response["violations"]}
        page.close()
