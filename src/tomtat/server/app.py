"""The HTTP shell: a FastAPI app over `tomtat.summarize`.

Endpoints (server/routes.py)
    POST /v1/summarize   articles in, the CLI's JSON result out (or text/markdown)
    POST /v1/extract     an HTML page in, its article text out (used by the web page)
    GET  /healthz        liveness
    GET  /               the bilingual web page (static files under server/static/)
    GET  /docs           API reference rendered from /openapi.json, offline (static/docs.*)
    GET  /swagger        FastAPI's Swagger UI (its scripts come from a CDN)

Limits: the request body is capped (413, server/limits.py), clusters of more
than `MAX_ARTICLES` articles are refused (422), bad JSON or fields give 422
with a readable message, and every summary runs off the event loop in a
thread or process pool under a time limit (504, server/runner.py). Links
(`urls`) are fetched in a thread pool of their own under the same time limit,
behind the SSRF guard unless `allow_private_urls` (server/fetching.py). Input
errors map to their `TomtatError.http_status`; anything else is a 500 with one
line of detail, and every error body carries a stable `code` (server/handlers.py). The server keeps serving after any of them.
Every response carries nosniff and a Referrer-Policy, static files the page's
CSP (server/limits.py); JSON bodies with a lone surrogate are a 422.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from tomtat import __version__
from tomtat.fetch import FetchPolicy
from tomtat.server.fetching import UrlFetcher
from tomtat.server.handlers import install_error_handlers
from tomtat.server.limits import BodyLimit, SecurityHeaders
from tomtat.server.routes import PAGE_CSP, STATIC, router
from tomtat.server.runner import Runner

DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_PENDING = 64


def create_app(
    workers: int = 0,
    timeout: float = DEFAULT_TIMEOUT,
    max_body: int = DEFAULT_MAX_BODY,
    max_pending: int = DEFAULT_MAX_PENDING,
    cache_size: int = 256,
    allow_private_urls: bool = False,
    fetch_policy: FetchPolicy | None = None,
) -> FastAPI:
    """The ASGI app. `workers` > 0 runs summaries in that many processes, 0 in threads.

    Links are fetched under `fetch_policy` (default `FetchPolicy()`), which
    refuses loopback/private/non-public addresses unless `allow_private_urls`.
    """
    runner = Runner(workers, timeout, max_pending, cache_size)
    policy = fetch_policy or FetchPolicy()
    if allow_private_urls:
        policy = replace(policy, allow_private=True)
    fetcher = UrlFetcher(policy, timeout, max_pending)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        runner.start()
        try:
            yield
        finally:
            fetcher.stop()
            runner.stop()

    app = FastAPI(
        title="tomtat",
        version=__version__,
        description="Tóm tắt: extractive summaries of clusters of Vietnamese news articles, offline on CPU.",
        lifespan=lifespan,
        docs_url=None,  # /docs is the offline reference in routes.py; FastAPI's Swagger UI (CDN scripts) is at /swagger
        redoc_url=None,
    )
    app.state.runner = runner
    app.state.fetcher = fetcher
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SecurityHeaders, static_csp=PAGE_CSP)  # added last: outermost, so on every response
    install_error_handlers(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
