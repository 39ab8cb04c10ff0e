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
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from tomtat import __version__
from tomtat.errors import TomtatError, TooLargeError
from tomtat.pipeline import MAX_ARTICLES
from tomtat.server import work
from tomtat.server.limits import BodyLimit
from tomtat.server.runner import Busy, Runner
from tomtat.server.schemas import ErrorOut, ExtractOut, ExtractRequest, SummarizeRequest, SummaryOut

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_PENDING = 64
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


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
        except Busy:
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
        payload = {
            "articles": [a.model_dump() for a in request.articles],
            "words": request.words, "sentences": request.sentences, "format": request.format,
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
