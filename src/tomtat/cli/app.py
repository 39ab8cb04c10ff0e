"""The typer application object and the error reporting every command shares."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn, TypeVar

import typer
from typer.exceptions import TyperException

from tomtat.errors import Failure

# rich_markup_mode=None: click's plain help. typer's rich help imports typer.rich_utils (rich.markdown,
# pygments, attrs: ~0.1 s), which put `tomtat --help` at 0.29-0.33 s against issue 11's 0.3 s goal; the
# plain help lists the same commands, arguments and options (`python bench/startup.py`: 0.18-0.19 s).
app = typer.Typer(
    name="tomtat",
    help="Tóm tắt: summarize clusters of Vietnamese news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable)


def fail(message: str, code: int) -> NoReturn:
    print(f"tomtat: error: {message}", file=sys.stderr)
    raise SystemExit(code)


def quiet_broken_pipe() -> NoReturn:
    """The reader of our output went away (`tomtat ... | head -1`): stop quietly, exit 0.

    stdout is pointed at /dev/null first so the interpreter's final flush
    does not raise (and print) the same error again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's capture): nothing left to flush
        pass
    raise SystemExit(0)


def reports_errors(func: F) -> F:
    """Any error -> one line + its exit code (`Failure.from_exception`: input errors their own, bugs 1).

    A closed pipe on stdout is no error: the command ends quietly.
    """

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (TyperException, typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            quiet_broken_pipe()
        except Exception as exc:  # input errors and bugs alike: one line, never a traceback
            failure = Failure.from_exception(exc)
            fail(failure.message, failure.exit_code)

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        from tomtat import __version__

        print(f"tomtat {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Tóm tắt: summarize clusters of Vietnamese news articles, offline."""
