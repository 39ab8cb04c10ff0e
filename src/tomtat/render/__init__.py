"""Stage 8, render: a `Summary` as plain text, JSON or Markdown."""

from tomtat.render.formats import FORMATS, render

__all__ = ["FORMATS", "render"]
