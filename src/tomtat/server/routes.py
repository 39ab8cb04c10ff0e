"""The API's routes: summarize, extract, health, and the static page and docs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, Response

from tomtat import __version__
from tomtat.errors import Failure, NoInputError, TooLargeError
from tomtat.pipeline import MAX_ARTICLES
from tomtat.render import FORMATS
from tomtat.server import work
from tomtat.server.fetching import UrlFetcher, nothing_fetched
from tomtat.server.handlers import RequestFailed
from tomtat.server.limits import UnicodeJSONRoute
from tomtat.server.runner import Runner
from tomtat.server.schemas import ErrorOut, ExtractOut, ExtractRequest, SummarizeRequest, SummaryOut

STATIC = Path(__file__).parent / "static"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Request body over the size cap."},
    422: {"model": ErrorOut, "description": (
        "Malformed JSON, invalid fields, too many articles or links, input tomtat cannot summarize (empty, not "
        "Vietnamese), or no link could be fetched (`url_errors` says why for each).")},
    500: {"model": ErrorOut, "description": "A bug (code internal_error); the server keeps serving."},
    503: {"model": ErrorOut, "description": "Too many requests waiting."},
    504: {"model": ErrorOut, "description": "The summary (or fetching the links) exceeded the per-request time limit."},
}
# the other formats' media types, from the FORMATS registry; json is the response model's
TEXT_CONTENT = {f.media_type: {} for name, f in FORMATS.items() if name != "json"}

router = APIRouter(route_class=UnicodeJSONRoute)  # a lone surrogate in a JSON body is a 422, not a 500


def cache_key(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


async def run_work(request: Request, func, *args, key: str | None = None):
    """`func(*args)` on the app's runner; any failure becomes a `RequestFailed` the handlers report."""
    runner: Runner = request.app.state.runner
    try:
        return await runner.run(func, *args, cache_key=key)
    except Exception as exc:  # input errors, time limit, busy, a dead worker, a bug: one classification
        raise RequestFailed(Failure.from_exception(exc)) from None


@router.post(
    "/v1/summarize",
    response_model=SummaryOut,
    response_model_exclude_unset=True,  # `sources` only when asked for, as in `Summary.to_dict()`
    responses={**ERROR_RESPONSES, 200: {"content": TEXT_CONTENT}},
    summary="Summarize a cluster of Vietnamese news articles",
)
async def summarize(request: SummarizeRequest, http: Request) -> Any:
    if len(request.articles) + len(request.urls) > MAX_ARTICLES:
        raise TooLargeError(
            f"{len(request.articles) + len(request.urls)} articles and links in one cluster; at most {MAX_ARTICLES} are accepted")
    options = request.options()
    articles = [a.model_dump() for a in request.articles]
    url_errors: list[dict[str, str]] | None = None
    if request.urls:
        fetcher: UrlFetcher = http.app.state.fetcher
        fetched, url_errors = await fetcher.fetch(request.urls)
        if not articles and not fetched:
            raise RequestFailed(nothing_fetched(url_errors), {"url_errors": url_errors})
        articles += fetched
    elif not articles:
        raise NoInputError("nothing to summarize: send 'articles', 'urls' or both")
    key = cache_key({"articles": articles, "id": request.id, "format": request.format, "options": asdict(options)})
    payload = {"articles": articles, "id": request.id, "format": request.format, "options": options}
    try:
        result, rendered = await run_work(http, work.summarize_payload, payload, key=key)
    except RequestFailed as exc:
        if url_errors:  # the links' own failures explain why the rest could not be summarized
            exc.extra["url_errors"] = url_errors
        raise
    if rendered is not None:
        return Response(rendered, media_type=FORMATS[request.format].media_type)
    if url_errors is not None:
        result = {**result, "url_errors": url_errors}  # a new dict: `result` may be the cached one
    return result  # validated against SummaryOut


@router.post("/v1/extract", response_model=ExtractOut, responses=ERROR_RESPONSES,
             summary="Extract the article text of an HTML page")
async def extract(request: ExtractRequest, http: Request) -> Any:
    return await run_work(http, work.extract_html, request.html, request.name)


@router.get("/healthz", summary="Liveness", responses={503: {"description": "No worker process is alive."}})
async def healthz(http: Request) -> Any:
    """The real state: dead worker processes are replaced first; 503 "degraded" when none is alive."""
    runner: Runner = http.app.state.runner
    info = {"version": __version__, **runner.health()}
    if info["status"] != "ok":
        return JSONResponse(info, status_code=503)
    return info


@router.get("/", include_in_schema=False)
async def page() -> Response:
    return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})


@router.get("/docs", include_in_schema=False)
async def docs() -> Response:
    """The API reference, rendered from /openapi.json by static/docs.js: works offline."""
    return FileResponse(STATIC / "docs.html", headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})


@router.get("/swagger", include_in_schema=False)
async def swagger(http: Request) -> Response:
    return get_swagger_ui_html(openapi_url=http.app.openapi_url, title="tomtat API - Swagger UI")
