"""The `tomtat` command: a thin shell over the library API.

Each sub-command lives in its own module and registers itself on `app`.
`main` turns every input error into one line on stderr and its documented
exit code, so users never see a traceback.
"""

from __future__ import annotations

from typer.exceptions import TyperException

from tomtat.cli.app import app, fail, quiet_broken_pipe
from tomtat.cli import summarize as _summarize  # noqa: F401  (registers the command)
from tomtat.cli import evaluate as _evaluate  # noqa: F401
from tomtat.cli import train as _train  # noqa: F401
from tomtat.cli import serve as _serve  # noqa: F401
from tomtat.cli import batch as _batch  # noqa: F401

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; usage errors are one line like every other error (exit code 2)."""
    try:
        code = app(standalone_mode=False)
    except TyperException as exc:  # typer's own click: UsageError, BadParameter, NoSuchOption, ...
        if not hasattr(exc, "format_message"):
            raise
        if type(exc).__name__ == "NoArgsIsHelpError":  # `tomtat` alone: the help (on stderr, as click shows it)
            exc.show()
            raise SystemExit(exc.exit_code) from None
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        fail(" ".join(exc.format_message().split()) + hint, exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except BrokenPipeError:
        quiet_broken_pipe()
    raise SystemExit(code if isinstance(code, int) else 0)
