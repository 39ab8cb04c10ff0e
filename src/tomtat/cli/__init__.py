"""The `tomtat` command: a thin shell over the library API.

Each sub-command lives in its own module and registers itself on `app`.
`main` turns every input error into one line on stderr and its documented
exit code, so users never see a traceback.
"""

from __future__ import annotations

import sys

from tomtat.cli.app import app, fail
from tomtat.cli import summarize as _summarize  # noqa: F401  (registers the command)
from tomtat.cli import evaluate as _evaluate  # noqa: F401
from tomtat.cli import train as _train  # noqa: F401
from tomtat.cli import serve as _serve  # noqa: F401
from tomtat.cli import batch as _batch  # noqa: F401

__all__ = ["app", "main"]


def main() -> None:
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
