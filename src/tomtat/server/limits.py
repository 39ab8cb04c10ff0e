"""What a request may be: a capped body (ASGI middleware, by Content-Length up front and while
streaming), JSON that is Unicode text (a route class), and the security headers on every response."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException as StarletteHTTPException


class _BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body larger than {limit} bytes")


class BodyLimit:
    """Refuse bodies over `limit` bytes: by Content-Length up front, and while streaming."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def _reply(self, send, status: int, detail: str) -> None:
        code = "body_too_large" if status == 413 else "bad_request"  # the codes of server/handlers.py
        body = json.dumps({"detail": detail, "code": code}).encode()
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


# --- JSON bodies must be Unicode text ------------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any, path: str = "") -> tuple[str, str] | None:
    """(where, the code point) of the first lone surrogate in a parsed JSON value, or None."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return where or "body", found.group()
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((f"{where}.{key}" if where else str(key), key))
                stack.append((f"{where}.{key}" if where else str(key), child))
        elif isinstance(item, list):
            stack.extend((f"{where}.{i}" if where else str(i), child) for i, child in enumerate(item))
    return None


class UnicodeJSONRequest(Request):
    """A request whose JSON body is refused when a string holds a lone surrogate.

    JSON may spell one ("\\ud800"), and `json.loads` accepts it, but it is not
    Unicode text: it cannot be encoded, so the first `.encode()` (the cache
    key, the response) raised, which gave a plain-text 500, a traceback in the
    log and a dropped keep-alive connection. Raising `JSONDecodeError` here
    makes FastAPI answer it like any malformed body: 422 JSON.
    """

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            value = json.loads(body)
            found = _lone_surrogate(value)
            if found is not None:
                where, char = found
                where = where.encode("utf-8", "backslashreplace").decode()  # the path may hold it too
                doc = body.decode("utf-8", "surrogatepass")
                escape = re.search(rf"\\u{ord(char):04x}", doc, re.IGNORECASE)
                raise json.JSONDecodeError(
                    f"{where} holds \\u{ord(char):04x}, a lone surrogate, which is not Unicode text;",
                    doc, escape.start() if escape else 0)
            self._json = value
        return self._json


class UnicodeJSONRoute(APIRoute):
    """Routes that read their JSON body through `UnicodeJSONRequest`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(UnicodeJSONRequest(request.scope, request.receive))

        return strict_handler


# --- security headers ----------------------------------------------------------------------------------------

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",  # no browser guesses text/markdown or JSON into HTML
    "referrer-policy": "no-referrer",  # the page's URL never leaks to other sites
}


class SecurityHeaders:
    """`SECURITY_HEADERS` on every response (API, page, static files, errors), and the page's CSP
    on `/static/*` too (a static HTML or SVG file must not run scripts from elsewhere).

    Outermost of the app's middleware, so it also covers `BodyLimit`'s own 413s; the 500 for an
    unexpected exception is sent by Starlette outside it and adds the headers itself (handlers.py).
    """

    def __init__(self, app, static_csp: str) -> None:
        self.app = app
        self.static_csp = static_csp.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()
                            if name.encode() not in present]
                if static and b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", self.static_csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
