"""Links in over HTTP: `urls` in POST /v1/summarize fetched off the event loop, under the request's limits.

Fetching is network wait, not CPU work, so it does not take a summary
worker: `UrlFetcher` runs `tomtat.fetch.fetch_many` in its own small thread
pool (each call fetches up to `policy.concurrency` pages at once), bounded by
the server's per-request time limit (504 `timeout` past it; every URL's own
`total_timeout` is capped to the same limit, so a stuck fetch ends soon after)
and by the same queue cap as summaries (503 `busy`).

The SSRF guard is the fetch module's: the server's policy refuses loopback,
private and other non-public addresses (checked on the resolved address, on
every redirect) unless the app was made with `allow_private_urls=True`
(`tomtat serve --allow-private-urls`).

A per-URL failure is reported, never raised: it becomes one entry of
`url_errors` (`{url, code, detail}`), and the articles that were fetched are
summarized. When no article is left at all, the request fails with 422 and
the `url_errors` in its body.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from tomtat.errors import BusyError, Failure, TimeLimitError
from tomtat.fetch import FetchError, FetchPolicy, FetchTooManyUrlsError, fetch_many
from tomtat.model import Article


def url_error(exc: FetchError) -> dict[str, str]:
    """One `url_errors` entry: the URL as asked, the stable code, the English reason."""
    return {"url": exc.url, "code": exc.code, "detail": exc.reason}


def article_payload(article: Article) -> dict[str, Any]:
    """A fetched article in the request's `articles` shape (what `ArticleIn.model_dump()` gives)."""
    return {"title": article.title, "text": article.text, "source": article.source,
            "url": article.url, "date": article.date, "id": article.id}


def nothing_fetched(errors: list[dict[str, str]]) -> Failure:
    """The 422 failure of a request whose links all failed and that brought no articles of its own.

    The code is the URLs' common code when they share one (a single link:
    its own code), else the generic `fetch_error`.
    """
    codes = {e["code"] for e in errors}
    code = codes.pop() if len(codes) == 1 else "fetch_error"
    if len(errors) == 1:
        message = f"the link could not be fetched: {errors[0]['url']}: {errors[0]['detail']}"
    else:
        message = f"none of the {len(errors)} links could be fetched (see url_errors)"
    return Failure(message, exit_code=8, http_status=422, kind="FetchError", code=code)


class UrlFetcher:
    """A thread pool for fetching links, with a time limit and a queue cap."""

    def __init__(self, policy: FetchPolicy, timeout: float, max_pending: int, threads: int = 4) -> None:
        self.policy = replace(policy, total_timeout=min(policy.total_timeout, timeout))
        self.timeout = timeout
        self.max_pending = max_pending
        self.threads = threads
        self.pending = 0
        self.executor: ThreadPoolExecutor | None = None

    def stop(self) -> None:
        executor, self.executor = self.executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def check(self, urls: list[str]) -> None:
        """Refuse too many URLs before any traffic (422 `fetch_too_many_urls`)."""
        if len(urls) > self.policy.max_urls:
            raise FetchTooManyUrlsError(f"{len(urls)} links in one request; at most {self.policy.max_urls} are fetched")

    async def fetch(self, urls: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
        """(articles fetched, as request dicts; url_errors), both in the order of `urls`."""
        self.check(urls)
        if self.pending >= self.max_pending:
            raise BusyError("the server is busy; try again shortly")
        if self.executor is None:
            self.executor = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="tomtat-fetch")
        loop = asyncio.get_running_loop()
        self.pending += 1
        try:
            future = loop.run_in_executor(self.executor, fetch_many, list(urls), self.policy)
            try:
                results = await asyncio.wait_for(future, self.timeout)
            except asyncio.TimeoutError:
                raise TimeLimitError(
                    f"fetching the links took longer than the {self.timeout:g} s limit; send fewer links") from None
        finally:
            self.pending -= 1
        articles = [article_payload(r) for r in results if isinstance(r, Article)]
        errors = [url_error(r) for r in results if isinstance(r, FetchError)]
        return articles, errors
