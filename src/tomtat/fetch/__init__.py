"""Fetch news pages by URL, safely, and extract their articles.

API
    fetch_article(url, policy) -> Article        one page; raises a FetchError subclass
    fetch_many(urls, policy) -> [Article | FetchError]   every URL, failures in place
    FetchPolicy(...)                              timeouts, byte cap, redirects, schemes,
                                                  allow_private, max URLs, concurrency
    block_reason(ip) / parse_ip_literal(host)     the address classifier (no traffic)

Every per-URL failure is a `FetchError` (a `TomtatError`) with a stable
`code`: fetch_bad_url, fetch_blocked_address, fetch_timeout, fetch_connect,
fetch_http_status, fetch_redirect, fetch_not_html, fetch_too_large,
fetch_no_text; a request over `max_urls` raises `FetchTooManyUrlsError`
(fetch_too_many_urls). Whether the text is Vietnamese is the pipeline's
check, as for any other input.

SSRF design (a server must not become a proxy into its own network)
    Unless `policy.allow_private`, no socket is ever opened to an address
    that is loopback, private, link-local, multicast, reserved, unspecified,
    shared (100.64/10) or otherwise not global; IPv4 addresses carried
    inside IPv6 (::ffff:a.b.c.d, 6to4, Teredo, NAT64) are judged by the IPv4
    address, and IP literals in every form a C resolver accepts (2130706433,
    0x7f.1, 0177.0.0.1, 127.1) are read as the address they denote.

    1. Before any traffic, each URL (and each redirect target) is parsed:
       only http/https, a host, no credentials; an IP-literal host is
       classified right there.
    2. Redirects are not followed by httpx: `_download` follows at most
       `max_redirects` itself, and every Location goes through step 1 again
       (loops are detected).
    3. Host names are checked where the connection is made: the httpcore
       network backend (`PinnedBackend`) resolves the name once, refuses it
       if ANY of its addresses is non-public, and opens the socket to the IP
       literal it checked, then verifies the socket's peer address. Because
       the address that is checked is the address that is connected to, DNS
       rebinding (a public answer for the check, a private one for the
       connect) has no second lookup to win. Every redirect to a new origin
       is a new connection and so is checked again; a redirect to the same
       origin reuses the connection to the address already checked.
    4. No proxies (`trust_env=False`): a proxy would be connected to instead
       of the checked address. TLS keeps the host name for SNI and
       certificate checks.

    Limits: connect/read timeouts plus a total deadline per URL (slow-drip
    pages), Content-Length and a streamed byte cap on the decoded body
    (compression bombs stop at the cap), only HTML content types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from tomtat.fetch.guard import block_reason, parse_ip_literal
from tomtat.fetch.policy import DEFAULT_POLICY, FetchPolicy

if TYPE_CHECKING:
    from tomtat.model import Article

__all__ = [
    "DEFAULT_POLICY", "FetchPolicy", "fetch_article", "fetch_many", "block_reason", "parse_ip_literal",
    "FetchError", "FetchBadUrlError", "FetchBlockedAddressError", "FetchConnectError", "FetchHttpStatusError",
    "FetchNoTextError", "FetchNotHtmlError", "FetchRedirectError", "FetchTimeoutError", "FetchTooLargeError",
    "FetchTooManyUrlsError",
]


def fetch_article(url: str, policy: FetchPolicy = DEFAULT_POLICY, **kwargs) -> Article:
    """Fetch one page and extract its article; see `tomtat.fetch.client.fetch_article`."""
    from tomtat.fetch.client import fetch_article as _fetch_article  # httpx is imported only when used

    return _fetch_article(url, policy, **kwargs)


def fetch_many(urls: list[str], policy: FetchPolicy = DEFAULT_POLICY) -> list[Article | FetchError]:
    """Fetch every URL, failures in place; see `tomtat.fetch.client.fetch_many`."""
    from tomtat.fetch.client import fetch_many as _fetch_many

    return _fetch_many(urls, policy)
