"""Fetching with httpx through a transport that connects only to checked addresses.

Imported lazily by `tomtat.fetch` (httpx and trafilatura cost import time
that text input never needs).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpcore
import httpx

from tomtat.fetch.errors import (
    FetchBadUrlError,
    FetchBlockedAddressError,
    FetchConnectError,
    FetchError,
    FetchHttpStatusError,
    FetchNoTextError,
    FetchNotHtmlError,
    FetchRedirectError,
    FetchTimeoutError,
    FetchTooLargeError,
    FetchTooManyUrlsError,
)
from tomtat.fetch import guard
from tomtat.fetch.policy import DEFAULT_POLICY, FetchPolicy
from tomtat.model import Article

HTML_TYPES = {"text/html", "application/xhtml+xml"}
REDIRECTS = {301, 302, 303, 307, 308}


class PinnedBackend(httpcore.SyncBackend):
    """An httpcore network backend that resolves once, checks, and connects to the checked address.

    httpcore calls `connect_tcp(host, port)` for every new connection (the
    first request and every redirect to a new origin). Here the host is
    resolved once by `guard.checked_addresses` (which refuses the host if any
    address is non-public), and the socket is opened to the IP literal that
    passed, so no second lookup can return a different (rebound) address.
    The peer address of the opened socket is checked once more. TLS still
    uses the host name: httpcore passes it to `start_tls` as SNI and for
    certificate checking.
    """

    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        self.allow_private = allow_private

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if self.allow_private:
            return super().connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses = guard.checked_addresses(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: Exception | None = None
        for ip in addresses:
            try:
                stream = super().connect_tcp(str(ip), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            peer = ipaddress.ip_address(stream.get_extra_info("socket").getpeername()[0].split("%", 1)[0])
            expected = ipaddress.ip_address(str(ip).split("%", 1)[0])
            if peer != expected or guard.block_reason(peer):
                stream.close()
                raise guard.BlockedAddress(host, peer, guard.block_reason(peer) or "unexpected peer")
            return stream
        assert error is not None
        raise error


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool rebuilt on `PinnedBackend`.

    httpx 0.28 has no argument for a network backend, so the pool is
    replaced after construction (httpx is pinned exactly; the fetch tests
    fail if the backend is not in use). No proxy: environment proxies would
    connect to the proxy instead of the checked address.
    """

    def __init__(self, allow_private: bool) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=20,
            max_keepalive_connections=10,
            keepalive_expiry=5.0,
            network_backend=PinnedBackend(allow_private),
        )


def make_client(policy: FetchPolicy = DEFAULT_POLICY) -> httpx.Client:
    """An httpx client for `policy`: guarded transport, its timeouts, no automatic redirects."""
    timeout = httpx.Timeout(connect=policy.connect_timeout, read=policy.read_timeout, write=policy.read_timeout,
                            pool=policy.connect_timeout)
    return httpx.Client(
        transport=GuardedTransport(policy.allow_private),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
        headers={
            "User-Agent": policy.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
            "Accept-Language": "vi,en;q=0.5",
        },
    )


def check_url(asked: str, url: str | httpx.URL, policy: FetchPolicy) -> httpx.URL:
    """`url` parsed and checked for scheme, host, credentials and (when it is an IP literal) its address.

    Host names are checked where they are resolved, in `PinnedBackend`.
    """
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchBadUrlError(asked, f"not a valid URL ({exc})") from None
    if parsed.scheme not in policy.schemes:
        what = f"'{parsed.scheme}:' URLs" if parsed.scheme else "relative URLs"
        raise FetchBadUrlError(asked, f"{what} cannot be fetched; give an http:// or https:// link")
    if not parsed.host:
        raise FetchBadUrlError(asked, "the URL has no host name")
    if parsed.userinfo:
        raise FetchBadUrlError(asked, "URLs with a user name or password are not fetched")
    if not policy.allow_private:
        try:
            literal = guard.parse_ip_literal(parsed.host)
        except ValueError as exc:
            raise FetchBadUrlError(asked, str(exc)) from None
        if literal is not None and guard.block_reason(literal):
            raise FetchBlockedAddressError(
                asked, f"{parsed.host} is a {guard.block_reason(literal)} address; fetching it is not allowed on this server")
    return parsed


def _read_capped(asked: str, response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise FetchTooLargeError(asked, f"the page is {int(length):,} bytes; at most {policy.max_bytes:,} are read")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchTooLargeError(asked, f"the page is larger than {policy.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchTimeoutError(asked, f"the page took longer than {policy.total_timeout:g} s to download")
        chunks.append(chunk)
    return b"".join(chunks)


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head


def _download(asked: str, policy: FetchPolicy, client: httpx.Client) -> tuple[httpx.URL, bytes, str | None]:
    """Follow redirects by hand (each hop checked); return the final URL, body and charset."""
    deadline = time.monotonic() + policy.total_timeout
    current = check_url(asked, asked, policy)
    seen = {str(current)}
    for _hop in range(policy.max_redirects + 1):
        if time.monotonic() > deadline:
            raise FetchTimeoutError(asked, f"fetching took longer than {policy.total_timeout:g} s")
        with client.stream("GET", current) as response:
            status = response.status_code
            if status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchRedirectError(asked, f"HTTP {status} redirect without a Location header")
                target = check_url(asked, current.join(location), policy)
                if str(target) in seen:
                    raise FetchRedirectError(asked, f"redirect loop (back to {target})")
                seen.add(str(target))
                current = target
                continue
            if not 200 <= status < 300:
                raise FetchHttpStatusError(asked, f"the server answered HTTP {status} {response.reason_phrase}".rstrip(), status)
            ctype = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
            if ctype and ctype not in HTML_TYPES:
                raise FetchNotHtmlError(asked, f"not an HTML page ({ctype})")
            body = _read_capped(asked, response, policy, deadline)
            if not ctype and not _looks_like_html(body):
                raise FetchNotHtmlError(asked, "not an HTML page (no Content-Type and no HTML markup)")
            return current, body, response.charset_encoding
    raise FetchRedirectError(asked, f"more than {policy.max_redirects} redirects")


def _extract(asked: str, final: httpx.URL, body: bytes, charset: str | None) -> Article:
    import trafilatura  # ~0.5 s to import; only URL and HTML input need it

    html: str | bytes = body
    if charset:
        try:
            html = body.decode(charset, errors="replace")
        except LookupError:
            html = body  # unknown charset name: let trafilatura detect the encoding
    try:
        document = trafilatura.bare_extraction(html, url=str(final), with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura on hostile markup: one URL's problem, not a crash
        raise FetchNoTextError(asked, f"the page could not be parsed ({type(exc).__name__})") from None
    if document is None or not (document.text or "").strip():
        raise FetchNoTextError(asked, "no article text found on the page")
    return Article(
        title=(document.title or "").strip(),
        text=document.text,
        source=document.sitename or document.hostname or final.host,
        url=str(final),
        date=document.date,
    )


def fetch_article(url: str, policy: FetchPolicy = DEFAULT_POLICY, *, client: httpx.Client | None = None) -> Article:
    """Fetch one news page and extract its article (title, text, site name, date).

    Raises a FetchError subclass (with a stable `code`) for anything that
    stops this URL; `client` (from `make_client(policy)`) lets callers share
    one connection pool.
    """
    own = client is None
    client = client or make_client(policy)
    try:
        final, body, charset = _download(url, policy, client)
    except guard.BlockedAddress as exc:
        raise FetchBlockedAddressError(url, str(exc)) from None
    except httpx.TimeoutException as exc:
        kind = "connecting" if isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout)) else "waiting for data"
        limit = policy.connect_timeout if kind == "connecting" else policy.read_timeout
        raise FetchTimeoutError(url, f"timed out {kind} (limit {limit:g} s)") from None
    except httpx.ConnectError as exc:
        raise FetchConnectError(url, f"could not connect ({exc})") from None
    except httpx.TooManyRedirects as exc:  # not expected (redirects are followed here), kept for safety
        raise FetchRedirectError(url, str(exc)) from None
    except httpx.HTTPError as exc:
        raise FetchConnectError(url, f"the connection failed ({type(exc).__name__}: {exc})") from None
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchConnectError(url, f"could not resolve the host ({exc})") from None
    finally:
        if own:
            client.close()
    return _extract(url, final, body, charset)


def fetch_many(urls: list[str], policy: FetchPolicy = DEFAULT_POLICY) -> list[Article | FetchError]:
    """Fetch every URL; each slot holds its Article or the error that stopped it, in input order.

    Raises FetchTooManyUrlsError (before any traffic) past `policy.max_urls`.
    At most `policy.concurrency` pages are fetched at once.
    """
    if len(urls) > policy.max_urls:
        raise FetchTooManyUrlsError(f"{len(urls)} URLs in one request; at most {policy.max_urls} are fetched")
    if not urls:
        return []

    def one(url: str) -> Article | FetchError:
        try:
            return fetch_article(url, policy, client=client)
        except FetchError as exc:
            return exc
        except Exception as exc:  # a bug should not cost the other URLs their results
            return FetchError(url, f"unexpected error ({type(exc).__name__}: {exc})")

    with make_client(policy) as client:
        if len(urls) == 1 or policy.concurrency == 1:
            return [one(u) for u in urls]
        with ThreadPoolExecutor(max_workers=min(policy.concurrency, len(urls))) as pool:
            return list(pool.map(one, urls))
