"""The HTTP shell: a FastAPI app over `tomtat.summarize`.

Endpoints
    POST /v1/summarize   articles in, the CLI's JSON result out (or text/markdown)
    POST /v1/extract     an HTML page in, its article text out (used by the web page)
    GET  /healthz        liveness
    GET  /               the bilingual web page (static files under server/static/)
    GET  /docs           API reference rendered from /openapi.json, offline (static/docs.*)
    GET  /swagger        FastAPI's Swagger UI (its scripts come from a CDN)

Limits: the request body is capped (413), clusters of more than
`MAX_ARTICLES` articles are refused (422), bad JSON or fields give 422 with a
readable message, and every summary runs off the event loop in a thread or
process pool under a time limit (504). Input errors map to their
`TomtatError.http_status`; anything else is a 500 with one line of detail. The
server keeps serving after any of them.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import time
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tomtat import __version__
from tomtat.errors import TomtatError, TooLargeError
from tomtat.pipeline import MAX_ARTICLES
from tomtat.batch.jobs import worker_init
from tomtat.server import work

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_PENDING = 64
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


# ---------------------------------------------------------------- models


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field("", description="Headline.")
    text: str = Field("", description="Body text; paragraphs separated by newlines.")
    source: str | None = Field(None, description="Outlet name, shown as the sentence's source.")
    url: str | None = None
    date: str | None = Field(None, description="ISO 8601 publication date, when known.")
    id: str | None = None


class SummarizeRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{
                "articles": [
                    {"title": "Hà Nội chạy thử metro", "text": "Tuyến metro Nhổn - ga Hà Nội sẽ chạy thử từ tháng sau.", "source": "Báo A"},
                    {"title": "Metro Nhổn - ga Hà Nội", "text": "Đoạn đi ngầm của tuyến metro sẽ khai thác trước cuối năm.", "source": "Báo B"},
                ],
                "words": 100,
            }],
        },
    )

    articles: list[ArticleIn] = Field(..., description=f"The cluster: articles on one story (at most {MAX_ARTICLES}).")
    words: int | None = Field(200, ge=10, le=5000, description="Length budget in syllables.")
    sentences: int | None = Field(None, ge=1, le=200, description="At most this many sentences (instead of `words` unless both are given).")
    format: Literal["json", "text", "markdown"] = Field("json", description="json (the CLI's JSON), text or markdown.")
    id: str | None = Field(None, description="Cluster id, echoed as `cluster_id`.")
    include_sources: bool = Field(False, description="Also return every article's cleaned sentences (`sources`), for highlighting.")


class SentenceOut(BaseModel):
    text: str
    article: int
    position: int
    source: str
    also_reported_by: list[int]
    also_reported_by_sources: list[str]
    score: float


class ArticleMeta(BaseModel):
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    id: str | None = None


class SourceOut(BaseModel):
    title: str
    source: str | None
    label: str
    sentences: list[str]


class SummaryOut(BaseModel):
    """`Summary.to_dict()`: the same object `tomtat summarize --format json` prints."""

    summary: str
    sentences: list[SentenceOut]
    cluster_id: str | None
    syllables: int
    articles: list[ArticleMeta]
    warnings: list[str]
    sources: list[SourceOut] | None = Field(None, description="Only with `include_sources: true`.")


class ErrorOut(BaseModel):
    detail: str


class ExtractRequest(BaseModel):
    html: str
    name: str = "page.html"


class ExtractOut(BaseModel):
    title: str
    text: str
    source: str | None = None
    url: str | None = None
    date: str | None = None


# ---------------------------------------------------------------- body cap


class _BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyLimit:
    """Refuse bodies over `limit` bytes: by Content-Length up front, and while streaming."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reply(self, send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._reply(send, 400, "invalid Content-Length header")
                    return
                if declared > self.limit:
                    await self._reply(send, 413, f"request body larger than {self.limit} bytes")
                    return
        seen = 0
        started = False

        async def capped_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge(self.limit)
            return message

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, capped_receive, tracked_send)
        except _BodyTooLarge as exc:
            if not started:
                await self._reply(send, 413, exc.detail)


# ---------------------------------------------------------------- runner


class Runner:
    """Runs the CPU work off the event loop, with a time limit, a queue cap and a result cache."""

    def __init__(self, workers: int, timeout: float, max_pending: int, cache_size: int) -> None:
        self.workers = workers
        self.timeout = timeout
        self.max_pending = max_pending
        self.cache_size = cache_size
        self.cache: OrderedDict[str, Any] = OrderedDict()
        self.pending = 0
        self.executor: Executor | None = None

    @property
    def kind(self) -> str:
        return "processes" if self.workers > 0 else "threads"

    def start(self) -> None:
        if self.workers > 0:
            self.executor = ProcessPoolExecutor(max_workers=self.workers, initializer=worker_init)
            # start every worker now (each warms up in its initializer), not on the first request
            for _ in range(self.workers):
                self.executor.submit(int)
        else:
            self.executor = ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1), thread_name_prefix="tomtat")
            self.executor.submit(work.warm_up)

    def stop(self, grace: float = 5.0) -> None:
        """Stop the pool: queued work is dropped, running work gets `grace` seconds, then workers are ended."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.terminate()

    async def run(self, func, *args, cache_key: str | None = None):
        if cache_key is not None and cache_key in self.cache:
            self.cache.move_to_end(cache_key)
            return self.cache[cache_key]
        if self.pending >= self.max_pending:
            raise _Busy()
        if self.executor is None:
            self.start()
        loop = asyncio.get_running_loop()
        self.pending += 1
        executor = self.executor
        try:
            future = loop.run_in_executor(executor, partial(func, *args))
            try:
                result = await asyncio.wait_for(future, self.timeout)
            except BrokenProcessPool:
                if self.executor is executor:  # a worker died (out of memory, killed): start a fresh pool, once
                    self.stop(grace=0.0)
                    self.start()
                raise
        finally:
            self.pending -= 1
        if cache_key is not None and self.cache_size > 0:
            self.cache[cache_key] = result
            while len(self.cache) > self.cache_size:
                self.cache.popitem(last=False)
        return result


class _Busy(Exception):
    pass


def _cache_key(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for err in errors[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x != "body"]
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            where = f" at character {loc[-1]}" if loc else ""
            parts.append(f"malformed JSON ({ctx.get('error', 'invalid JSON')}{where})")
        elif err.get("type") == "missing" and not loc:
            parts.append("request body is empty; send a JSON object with an 'articles' list")
        elif err.get("type") == "model_attributes_type" and not loc:
            parts.append("the body must be a JSON object with an 'articles' list (sent as Content-Type: application/json)")
        else:
            field = ".".join(loc) or "body"
            parts.append(f"{field}: {err.get('msg', 'invalid value')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "invalid request: " + "; ".join(parts) + more


# ---------------------------------------------------------------- app


def create_app(
    workers: int = 0,
    timeout: float = DEFAULT_TIMEOUT,
    max_body: int = DEFAULT_MAX_BODY,
    max_pending: int = DEFAULT_MAX_PENDING,
    cache_size: int = 256,
) -> FastAPI:
    """The ASGI app. `workers` > 0 runs summaries in that many processes, 0 in threads."""
    runner = Runner(workers, timeout, max_pending, cache_size)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        runner.start()
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(
        title="tomtat",
        version=__version__,
        description="Tóm tắt: extractive summaries of clusters of Vietnamese news articles, offline on CPU.",
        lifespan=lifespan,
        docs_url=None,  # /docs is the offline reference below; FastAPI's Swagger UI (CDN scripts) is at /swagger
        redoc_url=None,
    )
    app.state.runner = runner
    app.add_middleware(BodyLimit, limit=max_body)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
        return JSONResponse(status_code=422, content={"detail": _validation_message(exc.errors()), "errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def _http_exception(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and "parsing the body" in str(exc.detail):
            # FastAPI's answer to bodies that are not even text (bad UTF-8): still malformed JSON
            return JSONResponse(status_code=422, content={"detail": "invalid request: malformed JSON (the body is not UTF-8 JSON text)"})
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail}, headers=getattr(exc, "headers", None))

    @app.exception_handler(TomtatError)
    async def _input_error(request: Request, exc: TomtatError):
        return JSONResponse(status_code=exc.http_status, content={"detail": str(exc)})

    async def _run(func, *args, cache_key: str | None = None):
        try:
            return await runner.run(func, *args, cache_key=cache_key)
        except TomtatError:
            raise
        except (asyncio.TimeoutError, TimeoutError):
            raise _HTTPError(504, f"the request took longer than the {runner.timeout:g} s limit; send fewer or shorter articles") from None
        except _Busy:
            raise _HTTPError(503, "the server is busy; try again shortly", {"Retry-After": "1"}) from None
        except BrokenProcessPool:
            raise _HTTPError(500, "internal error (a worker process died); please retry") from None
        except MemoryError:
            raise _HTTPError(500, "out of memory; send fewer or shorter articles") from None
        except Exception as exc:  # a bug: still one line, and the server goes on
            raise _HTTPError(500, f"internal error ({type(exc).__name__}: {exc})") from None

    @app.exception_handler(_HTTPError)
    async def _http_error(request: Request, exc: _HTTPError):
        return JSONResponse(status_code=exc.status, content={"detail": exc.detail}, headers=exc.headers)

    error_responses = {
        413: {"model": ErrorOut, "description": "Request body over the size cap."},
        422: {"model": ErrorOut, "description": "Malformed JSON, invalid fields, too many articles, or input tomtat cannot summarize (empty, not Vietnamese)."},
        503: {"model": ErrorOut, "description": "Too many requests waiting."},
        504: {"model": ErrorOut, "description": "The summary exceeded the per-request time limit."},
    }

    @app.post(
        "/v1/summarize",
        response_model=SummaryOut,
        responses={**error_responses, 200: {"content": {"text/plain": {}, "text/markdown": {}}}},
        summary="Summarize a cluster of Vietnamese news articles",
    )
    async def summarize(request: SummarizeRequest) -> Response:
        if len(request.articles) > MAX_ARTICLES:
            raise TooLargeError(f"{len(request.articles)} articles in one cluster; at most {MAX_ARTICLES} are accepted")
        words = request.words
        if request.sentences is not None and "words" not in request.model_fields_set:
            words = None  # like the CLI: --sentences alone replaces the default word budget
        payload = {
            "articles": [a.model_dump() for a in request.articles],
            "words": words, "sentences": request.sentences, "format": request.format,
            "id": request.id, "include_sources": request.include_sources,
        }
        result, rendered = await _run(work.summarize_payload, payload, cache_key=_cache_key(payload))
        if request.format == "text":
            return PlainTextResponse(rendered, media_type="text/plain; charset=utf-8")
        if request.format == "markdown":
            return PlainTextResponse(rendered, media_type="text/markdown; charset=utf-8")
        return JSONResponse(result)

    @app.post("/v1/extract", response_model=ExtractOut, responses=error_responses,
              summary="Extract the article text of an HTML page")
    async def extract(request: ExtractRequest) -> Response:
        return JSONResponse(await _run(work.extract_html, request.html, request.name))

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, Any]:
        return {"status": "ok", "version": __version__, "workers": runner.kind, "pending": runner.pending}

    @app.get("/", include_in_schema=False)
    async def page() -> Response:
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    async def docs() -> Response:
        """The API reference, rendered from /openapi.json by static/docs.js: works offline."""
        return FileResponse(STATIC / "docs.html", headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})

    @app.get("/swagger", include_in_schema=False)
    async def swagger() -> Response:
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="tomtat API - Swagger UI")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


class _HTTPError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
