"""What every command shares: the consoles, the --data and --json options, JSON printing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

#: Stored text (titles, notes, issuers) may hold square brackets ("[dự thảo lần 2]", "[/]"): the
#: consoles print plain text, and styling is given as `rich.text.Text`, never as markup in a string.
out = Console(highlight=False, markup=False)
err = Console(stderr=True, highlight=False, markup=False)


def cells(*values: object) -> list[Text]:
    """A table row as plain text (rich would read "[…]" in a cell string as markup)."""
    return [Text("" if value is None else str(value)) for value in values]


DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Thư mục dữ liệu của bạn (mặc định: biến VANBAN_DATA hoặc thư mục người dùng)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def data_dir(data: Path | None) -> Path:
    from vanban.library.store import default_data_dir

    return Path(data) if data else default_data_dir()


def notify(message: str) -> None:
    """Progress a long step reports (waiting for another writer, building the index) — on stderr."""
    err.print(message)
