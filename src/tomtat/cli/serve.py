"""`tomtat serve`: the HTTP API and web page (FastAPI under uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from tomtat.cli.app import app, fail


@app.command(short_help="Serve the HTTP API and the web page.")
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", "-j", min=0, max=64, help="Processes that run summaries (0: threads in the server process).")] = 1,
    timeout: Annotated[float, typer.Option(min=0.1, help="Per-request time limit in seconds (504 past it).")] = 30.0,
    max_body: Annotated[int, typer.Option(min=1024, help="Request body cap in bytes (413 past it).")] = 5 * 1024 * 1024,
    cache: Annotated[int, typer.Option(min=0, help="Results kept for repeated identical requests (0: no cache).")] = 256,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    allow_private_urls: Annotated[bool, typer.Option(
        "--allow-private-urls",
        help="Let `urls` fetch loopback, private and other non-public addresses (an intranet). "
             "Off by default: the server must not become a proxy into its own network.")] = False,
) -> None:
    """Serve the HTTP API (POST /v1/summarize, GET /healthz, /docs) and the web page at /."""
    import uvicorn

    from tomtat.server import create_app

    _check_bind(host, port)
    application = create_app(workers=workers, timeout=timeout, max_body=max_body, cache_size=cache,
                             allow_private_urls=allow_private_urls)
    try:
        uvicorn.run(application, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=5)
    except OSError as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})", 1)


def _check_bind(host: str, port: int) -> None:
    """Fail with one line, before starting anything, when the address cannot be bound."""
    import socket  # here, not at the top: every `tomtat --help` imported it (2 ms)

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})", 1)
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})", 1)
