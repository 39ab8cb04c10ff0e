"""What one fetch may cost: the limits every URL is fetched under."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for fetching news pages.

    Defaults fit news sites: article pages are 100 KB to 2 MB of HTML (so a
    5 MiB cap leaves room and still stops a multi-GB file), they answer in
    well under 10 s, and a canonical-URL hop plus an http->https hop are the
    usual redirects (5 allows slack, not loops). `allow_private` is for
    people who summarize an intranet; the CLI sets it (it fetches what its
    user names), the server only with `--allow-private-urls`.
    """

    connect_timeout: float = 5.0  # seconds to open a TCP (and TLS) connection
    read_timeout: float = 10.0  # seconds of silence allowed between two reads
    total_timeout: float = 30.0  # seconds for the whole URL, redirects included (stops slow-drip pages)
    max_bytes: int = 5 * 1024 * 1024  # decoded body bytes; reading stops past it
    max_redirects: int = 5
    schemes: frozenset[str] = frozenset({"http", "https"})
    allow_private: bool = False  # fetch loopback/private/link-local/... addresses too
    max_urls: int = 20  # URLs in one request
    concurrency: int = 4  # URLs fetched at once by fetch_many
    user_agent: str = "tomtat/0.1 (Vietnamese news summarizer; +https://github.com/tomtat)"

    def __post_init__(self) -> None:
        if not self.schemes <= {"http", "https"}:
            raise ValueError(f"only http and https can be fetched, not {sorted(self.schemes - {'http', 'https'})}")
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.max_bytes < 1 or self.max_redirects < 0 or self.max_urls < 1 or self.concurrency < 1:
            raise ValueError("max_bytes, max_urls and concurrency must be >= 1 and max_redirects >= 0")


DEFAULT_POLICY = FetchPolicy()
