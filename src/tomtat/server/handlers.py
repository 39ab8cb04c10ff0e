"""Error handlers: every failure is `{"detail": "one line", "code": "..."}` with its status, never a traceback.

Input errors and failures of the work itself are classified by
`tomtat.errors.Failure`, the same classification the CLI and the batch runner
use; request validation and HTTP-level errors get readable messages here.
`code` is stable (the error class's `code`; "invalid_request" for validation
errors, `HTTP_CODES` for HTTP-level ones) so clients can show their own text;
`detail` is English for people and logs and may change.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tomtat.errors import Failure, TomtatError
from tomtat.server.limits import SECURITY_HEADERS


# codes of errors raised by the HTTP layer itself (no TomtatError behind them)
HTTP_CODES = {
    400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large",
    415: "unsupported_media_type", 422: "invalid_request", 503: "busy", 504: "timeout",
}


class RequestFailed(Exception):
    """The work behind a request failed; carries how to report it (and `extra` body fields, e.g. `url_errors`)."""

    def __init__(self, failure: Failure, extra: dict[str, Any] | None = None) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.extra = extra or {}


def error_body(detail: str, code: str, **extra: Any) -> dict[str, Any]:
    """The one shape of every error body."""
    return {"detail": detail, "code": code, **extra}


def failure_response(failure: Failure, extra: dict[str, Any] | None = None) -> JSONResponse:
    return JSONResponse(status_code=failure.http_status, content=error_body(failure.message, failure.code, **(extra or {})),
                        headers=failure.headers or None)


def validation_message(errors: list[dict[str, Any]]) -> str:
    """Pydantic's errors as one line that names each bad field."""
    parts = []
    for err in errors[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x != "body"]
        if err.get("type") == "json_invalid":
            ctx = err.get("ctx") or {}
            where = f" at character {loc[-1]}" if loc else ""
            parts.append(f"malformed JSON ({ctx.get('error', 'invalid JSON')}{where})")
        elif err.get("type") == "missing" and not loc:
            parts.append("request body is empty; send a JSON object with an 'articles' or 'urls' list")
        elif err.get("type") == "model_attributes_type" and not loc:
            parts.append("the body must be a JSON object with an 'articles' or 'urls' list (sent as Content-Type: application/json)")
        else:
            field = ".".join(loc) or "body"
            parts.append(f"{field}: {err.get('msg', 'invalid value')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "invalid request: " + "; ".join(parts) + more


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    return JSONResponse(status_code=422, content=error_body(validation_message(exc.errors()), "invalid_request", errors=errors))


async def _http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and "parsing the body" in str(exc.detail):
        # FastAPI's answer to bodies that are not even text (bad UTF-8): still malformed JSON
        return JSONResponse(status_code=422, content=error_body(
            "invalid request: malformed JSON (the body is not UTF-8 JSON text)", "invalid_request"))
    code = HTTP_CODES.get(exc.status_code, "internal_error" if exc.status_code >= 500 else "bad_request")
    return JSONResponse(status_code=exc.status_code, content=error_body(str(exc.detail), code), headers=getattr(exc, "headers", None))


async def _input_error(request: Request, exc: TomtatError) -> JSONResponse:
    return failure_response(Failure.from_exception(exc))


async def _request_failed(request: Request, exc: RequestFailed) -> JSONResponse:
    return failure_response(exc.failure, exc.extra)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug outside the work (the work's own are `RequestFailed`): one JSON line, not Starlette's plain text.

    Starlette sends this outside the app's middleware, so the security headers are added here.
    """
    failure = Failure.from_exception(exc)
    return JSONResponse(status_code=500, content=error_body(failure.message, failure.code), headers=SECURITY_HEADERS)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(TomtatError, _input_error)
    app.add_exception_handler(RequestFailed, _request_failed)
    app.add_exception_handler(Exception, _unexpected)
