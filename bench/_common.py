"""Shared helpers for the benchmark scripts: where the data is, and table printing."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parent.parent
VIMS = REPO.parent / "shared" / "data" / "vims"
console = Console()


def require(path: Path) -> Path:
    if not path.exists():
        console.print(f"[red]missing {path}[/red]: run from a checkout with ../shared beside it, or pass the path")
        raise SystemExit(3)
    return path


def print_table(title: str, columns: list[str], rows: list[list[object]]) -> None:
    table = Table(title=title)
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*[f"{v:.3f}" if isinstance(v, float) else str(v) for v in row])
    console.print(table)
