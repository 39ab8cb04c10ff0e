"""URL fetching: limits, per-URL errors and the SSRF guard, against a local http.server only.

Every page is served by a ThreadingHTTPServer on 127.0.0.1 that counts the
connections it accepts, so "refused without connecting" is measured, not
assumed. Host names other than 127.0.0.1/localhost exist only in a
monkeypatched resolver; no test sends traffic anywhere else.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import IPv4Address, ip_address

import pytest

from tomtat.fetch import (
    FetchBadUrlError,
    FetchBlockedAddressError,
    FetchError,
    FetchPolicy,
    FetchTooManyUrlsError,
    block_reason,
    fetch_article,
    fetch_many,
    parse_ip_literal,
)
from tomtat.fetch import guard
from tomtat.model import Article
from vi_news import METRO

PARAGRAPHS = "".join(f"<p>{line}</p>\n" for line in METRO[0]["text"].split("\n"))
ARTICLE_HTML = f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<title>{METRO[0]['title']} | Báo Thử Nghiệm</title>
<meta property="og:title" content="{METRO[0]['title']}">
<meta property="og:site_name" content="Báo Thử Nghiệm">
<meta property="article:published_time" content="2026-03-02T08:00:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a> · <a href="/thoi-su">Thời sự</a> · <a href="/giao-thong">Giao thông</a></nav>
<article><h1>{METRO[0]['title']}</h1>
{PARAGRAPHS}</article>
<footer>Liên hệ quảng cáo · Bản quyền thuộc Báo Thử Nghiệm</footer>
</body></html>""".encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, b"", headers={"Location": location})

    def do_GET(self):
        server = self.server
        server.requests.append((self.path, self.headers.get("Host")))
        port = server.server_address[1]
        path = self.path
        if path == "/bai-viet":
            self._send(200, ARTICLE_HTML)
        elif path == "/r1":
            self._redirect("/r2")
        elif path == "/r2":
            self._redirect(f"http://127.0.0.1:{port}/r3")
        elif path == "/r3":
            self._redirect("/bai-viet")
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/sang-localhost":
            self._redirect(f"http://localhost:{port}/bai-viet")
        elif path.startswith("/chuyen-huong?to="):
            self._redirect(path.split("=", 1)[1])
        elif path == "/du-lieu.json":
            self._send(200, b'{"tieu_de": "khong phai trang web"}', "application/json")
        elif path == "/rat-lon":  # announced size over the cap
            self._send(200, b"<html><body>" + b"<p>tin</p>" * 20_000 + b"</body></html>")
        elif path == "/rat-lon-khong-do-dai":  # no Content-Length: only streaming can stop it
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(200):
                    self.wfile.write(b"<p>" + "tin tức ".encode() * 200 + b"</p>")
            except OSError:
                pass  # the client hung up at its cap, as it should
            self.close_connection = True
        elif path == "/cham":
            time.sleep(1.5)
            try:
                self._send(200, ARTICLE_HTML)
            except OSError:
                pass  # the client gave up at its read timeout, as it should
        else:
            self._send(404, "<html><body><p>Không tìm thấy trang</p></body></html>".encode())


class _CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0
        self.requests: list[tuple[str, str | None]] = []

    def handle_error(self, request, client_address):
        pass  # clients that hang up at a cap or timeout reset the connection: expected here

    def verify_request(self, request, client_address):
        self.connections += 1
        return True


@pytest.fixture(scope="module")
def site():
    server = _CountingServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def base(site):
    site.connections = 0
    site.requests.clear()
    return f"http://127.0.0.1:{site.server_address[1]}"


OPEN = FetchPolicy(allow_private=True, connect_timeout=2, read_timeout=2, total_timeout=10)


@pytest.fixture
def fake_dns(monkeypatch):
    """A resolver for made-up names; any other name fails, so nothing reaches real DNS."""
    table: dict[str, list[str]] = {"localhost": ["127.0.0.1", "::1"]}
    calls: list[str] = []

    def resolve(host: str, port: int):
        calls.append(host)
        if host not in table:
            raise socket.gaierror(f"{host}: unknown in the test resolver")
        return [ip_address(a) for a in table[host]]

    monkeypatch.setattr(guard, "resolve", resolve)
    return table, calls


@pytest.fixture
def loopback_is_public(monkeypatch):
    """Pretend 127.0.0.1 (only it) is a public address, to test redirect hops and pinning locally."""
    real = guard.block_reason
    monkeypatch.setattr(guard, "block_reason", lambda ip: None if ip == IPv4Address("127.0.0.1") else real(ip))


# ------------------------------------------------------------ the address classifier (no traffic)

@pytest.mark.parametrize("address, why", [
    ("10.0.0.1", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.169.254", "link-local"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("fc00::1", "private"),
    ("100.64.0.1", "shared"), ("127.8.9.10", "loopback"), ("fe80::1", "link-local"), ("ff02::1", "multicast"),
    ("::", "unspecified"), ("::ffff:10.0.0.1", "private"), ("::ffff:169.254.169.254", "link-local"),
    ("2002:a00:1::1", "private"), ("64:ff9b::7f00:1", "loopback"), ("240.0.0.1", "reserved"),
    ("255.255.255.255", ""), ("192.0.2.1", ""), ("198.18.0.1", ""), ("::127.0.0.1", ""),
])
def test_non_public_addresses_are_blocked(address, why):
    reason = block_reason(ip_address(address))
    assert reason, f"{address} should be blocked"
    assert why in reason


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "203.162.4.190", "2001:4860:4860::8888", "::ffff:8.8.8.8"])
def test_public_addresses_pass(address):
    assert block_reason(ip_address(address)) is None


@pytest.mark.parametrize("host, address", [
    ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"),
    ("127.1", "127.0.0.1"), ("127.0.1", "127.0.0.1"), ("10.1", "10.0.0.1"), ("[::1]", "::1"),
    ("[::ffff:7f00:1]", "::ffff:127.0.0.1"), ("0", "0.0.0.0"), ("169.254.169.254.", "169.254.169.254"),
])
def test_odd_ip_literals_are_read_as_the_address_they_denote(host, address):
    ip = parse_ip_literal(host)
    assert ip == ip_address(address)
    assert block_reason(ip)


def test_host_names_are_not_literals_and_bad_numbers_are_refused():
    assert parse_ip_literal("vnexpress.net") is None
    assert parse_ip_literal("1e100.net") is None
    assert parse_ip_literal("1.2.3.4.5") is None  # not an address in any form: a (failing) name lookup
    for bad in ("256.1.1.1", "08.1.1.1", "4294967296", "1.2.65536"):
        with pytest.raises(ValueError):
            parse_ip_literal(bad)


def test_a_name_with_any_private_address_is_refused(fake_dns):
    table, calls = fake_dns
    table["tin-tuc.test"] = ["10.20.30.40"]
    table["lan-lon.test"] = ["8.8.8.8", "192.168.0.7"]  # one public, one private: the connect could pick either
    table["cong-khai.test"] = ["8.8.8.8", "2001:4860:4860::8888"]
    for host in ("tin-tuc.test", "lan-lon.test", "localhost"):
        with pytest.raises(guard.BlockedAddress):
            guard.checked_addresses(host, 80)
    assert guard.checked_addresses("cong-khai.test", 443) == [ip_address("8.8.8.8"), ip_address("2001:4860:4860::8888")]


# ------------------------------------------------------------ the default policy refuses the local server

def test_default_policy_refuses_loopback_without_connecting(site, base, fake_dns):
    port = site.server_address[1]
    urls = [
        f"{base}/bai-viet", f"http://localhost:{port}/bai-viet", f"http://2130706433:{port}/bai-viet",
        f"http://0x7f.1:{port}/bai-viet", f"http://127.1:{port}/bai-viet", f"http://[::ffff:127.0.0.1]:{port}/bai-viet",
        f"http://[::1]:{port}/bai-viet", f"{base}/sang-localhost", f"http://0:{port}/bai-viet",
    ]
    results = fetch_many(urls, FetchPolicy(connect_timeout=1, read_timeout=1))
    assert [getattr(r, "code", None) for r in results] == ["fetch_blocked_address"] * len(urls)
    assert all(isinstance(r, FetchBlockedAddressError) and r.http_status == 422 for r in results)
    assert "loopback" in str(results[1]) and str(results[1]).startswith(urls[1])
    assert site.connections == 0 and site.requests == []


def test_redirect_hops_are_checked_again(site, base, fake_dns, loopback_is_public):
    """The first hop is (pretend-)public; each redirect into the private network is refused before connecting."""
    table, calls = fake_dns
    table["intranet.test"] = ["10.1.2.3"]
    port = site.server_address[1]
    for target in (f"http://intranet.test:{port}/admin", f"http://[::1]:{port}/", "http://169.254.169.254/latest/meta-data/",
                   f"http://2130706432:{port}/", f"http://localhost:{port}/bai-viet"):
        site.requests.clear()
        with pytest.raises(FetchBlockedAddressError) as info:
            fetch_article(f"{base}/chuyen-huong?to={target}", FetchPolicy(read_timeout=2))
        assert info.value.code == "fetch_blocked_address"
        assert [p for p, _ in site.requests] == [f"/chuyen-huong?to={target}"]  # only the first hop reached a server


def test_the_checked_address_is_the_one_connected_to(site, base, fake_dns, loopback_is_public, monkeypatch):
    """DNS rebinding: the name is resolved once; the socket opens to that literal, never to a second answer."""
    table, calls = fake_dns
    port = site.server_address[1]
    answers = iter([["127.0.0.1"], ["10.0.0.1"]])
    table["doi-ip.test"] = next(answers)
    looked_up: list[str] = []
    real_getaddrinfo = socket.getaddrinfo

    def spy(host, *args, **kwargs):
        looked_up.append(host)
        table["doi-ip.test"] = next(answers, ["10.0.0.1"])  # any later lookup would get a private address
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", spy)
    article = fetch_article(f"http://doi-ip.test:{port}/bai-viet", FetchPolicy(read_timeout=2))
    assert article.title == METRO[0]["title"]
    assert calls == ["doi-ip.test"]  # one resolution, checked
    assert looked_up == ["127.0.0.1"]  # the socket layer only ever saw the checked literal
    assert site.requests == [("/bai-viet", f"doi-ip.test:{port}")]  # the Host header keeps the name


# ------------------------------------------------------------ allow_private: the same server is fetched

def test_allow_private_fetches_and_extracts(base):
    article = fetch_article(f"{base}/bai-viet", OPEN)
    assert isinstance(article, Article)
    assert article.title == METRO[0]["title"]
    assert article.source == "Báo Thử Nghiệm"
    assert article.date == "2026-03-02"
    assert article.url == f"{base}/bai-viet"
    assert "chạy thử toàn tuyến từ ngày 15 tháng sau" in article.text
    assert "Liên hệ quảng cáo" not in article.text and "Trang chủ" not in article.text


def test_redirect_chain_is_followed_and_reported(site, base):
    article = fetch_article(f"{base}/r1", OPEN)
    assert article.url == f"{base}/bai-viet" and article.source == "Báo Thử Nghiệm"
    assert [p for p, _ in site.requests] == ["/r1", "/r2", "/r3", "/bai-viet"]
    with pytest.raises(FetchError) as info:
        fetch_article(f"{base}/r1", FetchPolicy(allow_private=True, max_redirects=2))
    assert info.value.code == "fetch_redirect" and "more than 2 redirects" in str(info.value)


def test_redirect_to_localhost_is_fetched_when_allowed(base):
    article = fetch_article(f"{base}/sang-localhost", OPEN)
    assert article.title == METRO[0]["title"] and "localhost" in article.url


@pytest.mark.parametrize("path, code, words", [
    ("/loop-a", "fetch_redirect", "redirect loop"),
    ("/khong-co", "fetch_http_status", "HTTP 404"),
    ("/du-lieu.json", "fetch_not_html", "application/json"),
    ("/rat-lon", "fetch_too_large", "bytes"),
    ("/rat-lon-khong-do-dai", "fetch_too_large", "larger than"),
])
def test_per_url_errors_have_codes_and_clear_messages(base, path, code, words):
    with pytest.raises(FetchError) as info:
        fetch_article(base + path, FetchPolicy(allow_private=True, max_bytes=100_000, read_timeout=2))
    err = info.value
    assert err.code == code and words in str(err) and str(err).startswith(base + path)
    if code == "fetch_http_status":
        assert err.status == 404


def test_a_slow_page_trips_the_read_timeout(base):
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetch_article(f"{base}/cham", FetchPolicy(allow_private=True, read_timeout=0.3))
    assert info.value.code == "fetch_timeout" and info.value.http_status == 504
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize("url", ["ftp://example.vn/bai.html", "file:///etc/passwd", "javascript:alert(1)", "/bai-viet",
                                 "http://", "http://nguoi:matkhau@127.0.0.1/", "http://256.1.1.1/"])
def test_bad_urls_are_refused_before_any_traffic(site, base, url):
    with pytest.raises(FetchBadUrlError) as info:
        fetch_article(url, OPEN)
    assert info.value.code == "fetch_bad_url"
    assert site.connections == 0


def test_fetch_many_keeps_order_and_goes_on_after_failures(site, base):
    urls = [f"{base}/bai-viet", f"{base}/khong-co", "ftp://example.vn/x", f"{base}/r1", f"{base}/du-lieu.json"]
    results = fetch_many(urls, OPEN)
    assert [type(r).__name__ for r in results] == [
        "Article", "FetchHttpStatusError", "FetchBadUrlError", "Article", "FetchNotHtmlError"]
    assert [r.url for r in results if isinstance(r, FetchError)] == urls[1:3] + urls[4:]
    assert fetch_many([], OPEN) == []


def test_too_many_urls_fail_the_request_before_any_traffic(site, base):
    with pytest.raises(FetchTooManyUrlsError) as info:
        fetch_many([f"{base}/bai-viet"] * 3, FetchPolicy(allow_private=True, max_urls=2))
    assert info.value.code == "fetch_too_many_urls" and "at most 2" in str(info.value)
    assert site.connections == 0


def test_policy_rejects_unsafe_settings():
    with pytest.raises(ValueError):
        FetchPolicy(schemes=frozenset({"http", "file"}))
    with pytest.raises(ValueError):
        FetchPolicy(read_timeout=0)
    with pytest.raises(AttributeError):
        FetchPolicy().allow_private = True  # frozen
