"""The typer application object and the error reporting every command shares."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import NoReturn, TypeVar

import typer
from typer.exceptions import TyperException

from tomtat.errors import TomtatError

app = typer.Typer(
    name="tomtat",
    help="Tóm tắt: summarize clusters of Vietnamese news articles, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable)


def fail(message: str, code: int) -> NoReturn:
    print(f"tomtat: error: {message}", file=sys.stderr)
    raise SystemExit(code)


def reports_errors(func: F) -> F:
    """Input errors -> one line + their exit code; anything else -> one line + exit 1."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except TomtatError as exc:
            fail(str(exc), exc.exit_code)
        except (TyperException, typer.Exit, typer.Abort, SystemExit, KeyboardInterrupt):
            raise
        except MemoryError:
            fail("out of memory; split the input into smaller clusters", 1)
        except Exception as exc:  # a bug: still one line, never a traceback
            fail(f"internal error ({type(exc).__name__}: {exc}); please report it", 1)

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
