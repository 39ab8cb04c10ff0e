"""A tiny news site on 127.0.0.1 for the link tests (CLI, API, browser).

It serves the METRO cluster of `vi_news` as ordinary article pages (title,
site name and date in meta tags, a menu and a footer around the article) plus
pages that must fail: a 404 and a JSON document. It counts the connections
it accepts, so a test can show that a refused link never reached it.
"""

from __future__ import annotations

import threading
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from vi_news import METRO

# path -> the METRO article it serves
PAGES = {"/thoi-su/metro-chay-thu": 0, "/do-thi/doan-ngam-metro": 1, "/giao-thong/100-chuyen-moi-ngay": 2}
MISSING = "/thoi-su/bai-da-go"
NOT_HTML = "/api/du-lieu.json"
SITE_NAMES = ["Báo Giao Thông", "Tin Tức Thủ Đô", "Đời Sống Đô Thị"]


def page_html(index: int) -> bytes:
    article = METRO[index]
    paragraphs = "".join(f"<p>{escape(line)}</p>\n" for line in article["text"].split("\n"))
    title = escape(article["title"])
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>{title} | {SITE_NAMES[index]}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{SITE_NAMES[index]}">
<meta property="article:published_time" content="{article['date']}T08:00:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> · <a href="/thoi-su">Thời sự</a> · <a href="/do-thi">Đô thị</a></nav>
<article><h1>{title}</h1>
{paragraphs}</article>
<footer>Liên hệ quảng cáo · Bản quyền thuộc {SITE_NAMES[index]}</footer>
</body></html>""".encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.server.paths.append(self.path)
        if self.path in PAGES:
            self._send(200, page_html(PAGES[self.path]))
        elif self.path == NOT_HTML:
            self._send(200, b'{"tieu_de": "khong phai trang web"}', "application/json")
        else:
            self._send(404, "<html><body><p>Không tìm thấy trang</p></body></html>".encode())


class LocalSite(ThreadingHTTPServer):
    """The site, started in a daemon thread; `url(path)` gives a full link, `connections` counts sockets."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0
        self.paths: list[str] = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    def verify_request(self, request, client_address):
        self.connections += 1
        return True

    def handle_error(self, request, client_address):
        pass

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def reset(self) -> None:
        self.connections = 0
        self.paths.clear()

    def close(self) -> None:
        self.shutdown()
        self.server_close()
