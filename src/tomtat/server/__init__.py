"""The HTTP shell over the library API: `tomtat serve` runs `create_app()` with uvicorn."""

from tomtat.server.app import create_app

__all__ = ["create_app"]
