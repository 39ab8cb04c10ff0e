"""Issue 10, output and serving: lone surrogates (item 10), Markdown escaping (16), security headers (17),
and arbitrary Unicode through POST /v1/summarize (never a 500, never a traceback)."""

from __future__ import annotations

import json
import logging
import re
import socket
import threading
import time
import unicodedata

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tomtat import summarize
from tomtat.render import render
from tomtat.server import create_app
from vi_news import STORM

HOSTILE = [
    {"title": "Bão số 3 <script>alert('xss')</script> đổ bộ", "source": "Báo <b>A</b>", "url": "javascript:alert(1)",
     "text": (
         "Tại Cô Tô, sóng biển cao 4 mét đánh chìm hai tàu cá đang neo đậu <img src=x onerror=alert(1)> trong cảng.\n"
         "# Lực lượng cứu hộ đã đưa 12 ngư dân trên hai tàu cá vào bờ an toàn lúc 17 giờ.\n"
         "Điện lực Quảng Ninh cho biết [xem thêm](javascript:alert(2)) có *ba trạm biến áp* bị mất điện.\n"
         "- Sở Giáo dục cho học sinh toàn tỉnh nghỉ học hai ngày để tránh bão."
     )},
    {"title": "Quảng Ninh, Hải Phòng hứng bão số 3", "source": "Báo B", "url": "https://baob.vn/bao-so-3?a=1&b=2",
     "text": (
         "Chiều nay bão số 3 đổ bộ vào Quảng Ninh, gió giật cấp 12 làm nhiều cây xanh bật gốc.\n"
         "Hải Phòng sơ tán hàng nghìn hộ dân khỏi vùng ven biển trước khi bão vào đất liền.\n"
         "Mưa lớn dự báo kéo dài đến hết ngày mai, nguy cơ ngập úng ở nhiều khu đô thị."
     )},
]


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=0, cache_size=0)) as c:
        yield c


def _post_raw(client, text: str):
    return client.post("/v1/summarize", content=text.encode("utf-8"), headers={"content-type": "application/json"})


# --- item 10: a lone surrogate ------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    '{"articles": [{"title": "Bão \\ud800 số 3", "text": "Bão số 3 đổ bộ vào Quảng Ninh chiều nay."}]}',
    '{"articles": [{"title": "Bão", "text": "Bão số 3 đổ bộ \\udfff vào Quảng Ninh chiều nay."}], "id": "x"}',
    '{"articles": [{"title": "Bão", "text": "Bão số 3 đổ bộ vào Quảng Ninh chiều nay.", "\\ud83dk": 1}]}',
    '"\\udc00"',
])
def test_lone_surrogate_is_422_json(client, body):
    r = _post_raw(client, body)
    assert r.status_code == 422, r.text
    assert "lone surrogate" in r.json()["detail"] and "malformed JSON" in r.json()["detail"]
    assert r.json()["code"] == "invalid_request"


def test_surrogate_pair_escapes_are_fine(client):
    """A proper pair ("\\ud83d\\ude00", as ensure_ascii encoders write emoji) is one character, not an error."""
    body = json.dumps({"articles": [{"title": "Bão số 3 😀", "text": STORM[0]["text"]}, STORM[1]]})
    assert "\\ud83d\\ude00" in body
    assert _post_raw(client, body).status_code == 200


def _live_server(**kwargs):
    import uvicorn

    config = uvicorn.Config(create_app(**kwargs), host="127.0.0.1", port=0, log_level="info", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not (server.started and server.servers):
        assert time.time() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    return server, thread, port


def _http(sock: socket.socket, body: bytes, path: str = "/v1/summarize") -> tuple[int, dict[str, str], bytes]:
    sock.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "connection closed before a response"
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed mid-body"
        rest += chunk
    return int(lines[0].split()[1]), headers, rest[:length]


def test_lone_surrogate_on_a_live_server_keeps_the_connection_and_logs_no_traceback(caplog):
    server, thread, port = _live_server(workers=0, cache_size=0)
    try:
        with caplog.at_level(logging.INFO), socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            status, headers, body = _http(sock, '{"articles": [{"title": "Bão \\ud800", "text": "Bão số 3."}]}'.encode())
            assert status == 422 and headers["content-type"].startswith("application/json"), body
            assert "lone surrogate" in json.loads(body)["detail"]
            assert headers.get("connection", "").lower() != "close"
            # the same connection serves the next request
            status, _, body = _http(sock, json.dumps({"articles": STORM, "words": 40}).encode())
            assert status == 200, body
        assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    finally:
        server.should_exit = True
        thread.join(10)


# --- item 16: Markdown escapes article text -------------------------------------------------------------------

def _assert_inert(markdown: str) -> None:
    assert "<script" not in markdown and "<img" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;" in markdown and "&lt;img src=x onerror=alert(1)&gt;" in markdown
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown) and "<javascript:" not in markdown  # no live link
    assert "<https://baob.vn/bao-so-3?a=1&b=2>" in markdown  # real links stay links
    for line in markdown.splitlines():
        assert not line.startswith("- #") and not line.startswith("- 1.")


def test_markdown_escapes_html_and_markup_in_the_library():
    summary = summarize(HOSTILE, words=400, cluster_id="<b>cụm</b>")
    markdown = render(summary, "markdown")
    _assert_inert(markdown)
    assert markdown.startswith("## Tóm tắt &lt;b&gt;cụm&lt;/b&gt;")
    assert "\\*ba trạm biến áp\\*" in markdown and "\\[xem thêm\\]" in markdown and "- \\# Lực lượng" in markdown
    assert "Báo &lt;b&gt;A&lt;/b&gt;" in markdown


def test_markdown_escapes_in_the_cli_and_http(client, tmp_path):
    from tomtat.cli import app

    path = tmp_path / "cum.jsonl"
    path.write_text(json.dumps({"articles": HOSTILE}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(path), "-f", "markdown", "-w", "400"])
    assert result.exit_code == 0, result.output
    _assert_inert(result.output)
    r = client.post("/v1/summarize", json={"articles": HOSTILE, "words": 400, "format": "markdown"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    _assert_inert(r.text)


@pytest.mark.parametrize("text,escaped", [
    ("# Tiêu đề giả", "\\# Tiêu đề giả"),
    ("> trích dẫn", "&gt; trích dẫn"),
    ("1. Điều khoản", "1\\. Điều khoản"),
    ("- gạch đầu dòng", "\\- gạch đầu dòng"),
    ("giá `100` | *50%* _x_ ~~y~~", "giá \\`100\\` \\| \\*50%\\* \\_x\\_ \\~\\~y\\~\\~"),
    ("R&D và &lt;b&gt;", "R&D và &amp;lt;b&amp;gt;"),
    ("dòng một\ndòng hai\u2028# ba", "dòng một dòng hai # ba"),
    ("Hà Nội, 5 giờ sáng.", "Hà Nội, 5 giờ sáng."),
])
def test_md_escape_rules(text, escaped):
    from tomtat.render.formats import md_escape

    assert md_escape(text) == escaped


# --- item 17: security headers ------------------------------------------------------------------------------

@pytest.mark.parametrize("method,path,kwargs,status", [
    ("get", "/healthz", {}, 200),
    ("get", "/", {}, 200),
    ("get", "/docs", {}, 200),
    ("get", "/static/docs.js", {}, 200),
    ("get", "/static/nope.js", {}, 404),
    ("get", "/nope", {}, 404),
    ("post", "/v1/summarize", {"json": {"articles": STORM, "words": 40}}, 200),
    ("post", "/v1/summarize", {"json": {"articles": STORM, "format": "markdown"}}, 200),
    ("post", "/v1/summarize", {"json": {"articles": []}}, 422),
    ("post", "/v1/summarize", {"content": b"x" * 3000, "headers": {"content-type": "application/json"}}, 413),
])
def test_security_headers_on_every_response(method, path, kwargs, status):
    with TestClient(create_app(workers=0, max_body=2048, cache_size=0)) as c:
        r = getattr(c, method)(path, **kwargs)
    assert r.status_code == status
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    if path.startswith("/static/") or path in ("/", "/docs"):
        assert "default-src 'self'" in r.headers["content-security-policy"]


def test_security_headers_on_an_unexpected_500(monkeypatch):
    import tomtat.server.routes as routes

    def broken(payload):
        raise RuntimeError("boom")

    monkeypatch.setattr(routes, "cache_key", broken)
    with TestClient(create_app(workers=0, cache_size=0), raise_server_exceptions=False) as c:
        r = c.post("/v1/summarize", json={"articles": STORM})
    assert r.status_code == 500 and "RuntimeError: boom" in r.json()["detail"] and r.json()["code"] == "internal_error"
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["referrer-policy"] == "no-referrer"


# --- property: arbitrary Unicode through the endpoint ---------------------------------------------------------

VI_LINES = [
    "Bão số 3 đổ bộ vào Quảng Ninh chiều nay với sức gió mạnh cấp 12, giật cấp 15.",
    "Hàng nghìn hộ dân ở Hải Phòng đã được sơ tán đến nơi an toàn trước khi bão vào.",
    "Mưa lớn dự báo kéo dài đến hết ngày mai, nguy cơ ngập úng ở nhiều khu đô thị.",
    "Ủy ban nhân dân tỉnh yêu cầu các trường học cho học sinh nghỉ để bảo đảm an toàn.",
]
ODD = ["\ud800", "\udfff", "\ud83d", "\u2028", "\u2029", "\x85", "\x00", "\x07", "\x1b[31m", "\ufeff", "\u200b",
       "\u202e", "\r", "\f", "\t", "\u0301", "\u0323", "😀", "<script>", "\\", '"']


def test_arbitrary_unicode_never_gives_a_500_or_a_traceback(client):
    """Surrogates, NFD, controls, U+2028 and friends mixed into Vietnamese news: 200 or 422, always JSON.

    The client raises any server exception (TestClient's default), so a traceback fails the test.
    """
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    def mangle(lines, odd, form, cut):
        text = "\n".join(lines)
        text = unicodedata.normalize(form, text)
        out = list(text)
        for position, char in odd:
            out.insert(position % (len(out) + 1), char)
        return "".join(out)[: cut or None]

    any_char = st.characters(exclude_categories=())  # every category, surrogates (Cs) included
    noisy_text = st.builds(
        mangle,
        st.lists(st.sampled_from(VI_LINES), min_size=0, max_size=4),
        st.lists(st.tuples(st.integers(0, 400), st.sampled_from(ODD) | any_char), max_size=8),
        st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
        st.integers(0, 400),
    ) | st.text(any_char, max_size=200)
    article = st.fixed_dictionaries({"title": noisy_text, "text": noisy_text},
                                    optional={"source": noisy_text, "url": noisy_text, "date": noisy_text})
    body = st.fixed_dictionaries({"articles": st.lists(article, min_size=1, max_size=3)},
                                 optional={"format": st.sampled_from(["json", "text", "markdown"]), "id": noisy_text})

    @settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(body=body)
    def check(body):
        r = _post_raw(client, json.dumps(body))  # ensure_ascii: a lone surrogate travels as its \\u escape
        assert r.status_code in (200, 422), (body, r.status_code, r.text)
        if r.status_code == 422 or body.get("format", "json") == "json":
            assert isinstance(r.json(), dict)

    check()
    assert client.get("/healthz").status_code == 200
