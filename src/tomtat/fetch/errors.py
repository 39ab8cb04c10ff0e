"""Per-URL fetch errors: each a `TomtatError` with a stable machine `code`.

The code (not the English message) is what the web page and API clients key
on to show their own text, so codes never change once published; messages
may. `url` is the URL the caller asked for (not a redirect hop), so a list of
results can be matched back to its inputs.

HTTP statuses: problems with the URL itself (bad, blocked, too many) are the
caller's (422); problems on the remote side are a bad gateway (502) or a
gateway timeout (504). Exit code 8 is "a URL could not be fetched".
"""

from __future__ import annotations

from tomtat.errors import TomtatError


class FetchError(TomtatError):
    """A URL that could not be turned into an article."""

    code = "fetch_error"
    exit_code = 8
    http_status = 502

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.reason = message


class FetchBadUrlError(FetchError):
    """Not an absolute http(s) URL with a host (or it carries credentials)."""

    code = "fetch_bad_url"
    http_status = 422


class FetchBlockedAddressError(FetchError):
    """The host is (or resolves to) a loopback, private or otherwise non-public address."""

    code = "fetch_blocked_address"
    http_status = 422


class FetchTooManyUrlsError(TomtatError):
    """More URLs in one request than the policy allows (the whole request fails)."""

    code = "fetch_too_many_urls"
    exit_code = 8
    http_status = 422


class FetchTimeoutError(FetchError):
    """Connecting or reading took longer than the policy allows."""

    code = "fetch_timeout"
    http_status = 504


class FetchConnectError(FetchError):
    """The host name does not resolve, or the server refused or dropped the connection."""

    code = "fetch_connect"


class FetchHttpStatusError(FetchError):
    """The server answered with an HTTP error status (404, 500, ...)."""

    code = "fetch_http_status"

    def __init__(self, url: str, message: str, status: int) -> None:
        super().__init__(url, message)
        self.status = status


class FetchRedirectError(FetchError):
    """Redirects that loop, or more of them than the policy allows, or one without a target."""

    code = "fetch_redirect"


class FetchNotHtmlError(FetchError):
    """The response is not an HTML page (a PDF, an image, JSON, ...)."""

    code = "fetch_not_html"
    http_status = 422


class FetchTooLargeError(FetchError):
    """The page is bigger than the policy's byte cap (checked while streaming)."""

    code = "fetch_too_large"
    http_status = 422


class FetchNoTextError(FetchError):
    """An HTML page in which no article text was found."""

    code = "fetch_no_text"
    http_status = 422
