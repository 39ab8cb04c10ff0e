"""Error handlers: every failure is `{"detail": "one line"}` with its status, never a traceback.

Input errors and failures of the work itself are classified by
`tomtat.errors.Failure`, the same classification the CLI and the batch runner
use; request validation and HTTP-level errors get readable messages here.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tomtat.errors import Failure, TomtatError
from tomtat.server.limits import SECURITY_HEADERS


class RequestFailed(Exception):
    """The work behind a request failed; carries how to report it."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


def failure_response(failure: Failure) -> JSONResponse:
    return JSONResponse(status_code=failure.http_status, content={"detail": failure.message}, headers=failure.headers or None)


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
            parts.append("request body is empty; send a JSON object with an 'articles' list")
        elif err.get("type") == "model_attributes_type" and not loc:
            parts.append("the body must be a JSON object with an 'articles' list (sent as Content-Type: application/json)")
        else:
            field = ".".join(loc) or "body"
            parts.append(f"{field}: {err.get('msg', 'invalid value')}")
    more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
    return "invalid request: " + "; ".join(parts) + more


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors()]
    return JSONResponse(status_code=422, content={"detail": validation_message(exc.errors()), "errors": errors})


async def _http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and "parsing the body" in str(exc.detail):
        # FastAPI's answer to bodies that are not even text (bad UTF-8): still malformed JSON
        return JSONResponse(status_code=422, content={"detail": "invalid request: malformed JSON (the body is not UTF-8 JSON text)"})
    return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail}, headers=getattr(exc, "headers", None))


async def _input_error(request: Request, exc: TomtatError) -> JSONResponse:
    return failure_response(Failure.from_exception(exc))


async def _request_failed(request: Request, exc: RequestFailed) -> JSONResponse:
    return failure_response(exc.failure)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """A bug outside the work (the work's own are `RequestFailed`): one JSON line, not Starlette's plain text.

    Starlette sends this outside the app's middleware, so the security headers are added here.
    """
    return JSONResponse(status_code=500, content={"detail": Failure.from_exception(exc).message}, headers=SECURITY_HEADERS)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
    app.add_exception_handler(TomtatError, _input_error)
    app.add_exception_handler(RequestFailed, _request_failed)
    app.add_exception_handler(Exception, _unexpected)
