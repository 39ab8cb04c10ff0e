"""Stage 9, render: a `Summary` as plain text, JSON or Markdown (the shells call it, not the pipeline)."""

from tomtat.render.formats import FORMATS, Format, render

__all__ = ["FORMATS", "Format", "render"]
