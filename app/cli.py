"""The `vanban` command: a thin front over the library, search and the generator.

Every command that prints data has `--json`; exit codes are 0 ok, 1 findings, 2 bad input, and
a bad input never shows a traceback (set VANBAN_DEBUG=1 to see one). Each command group lives in
its own module; this one assembles them and turns errors into messages.
"""

from __future__ import annotations

import os
import sys

import typer

from library.errors import VanbanError

from .common import err
from .draft_commands import check, draft, report_app, tasks_app
from .library_commands import library_app
from .number_commands import number_app
from .search_commands import index_app, related_command, search_command

app = typer.Typer(
    help="vanban — thư viện văn bản, tìm kiếm và soạn thảo văn bản theo Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(library_app, name="library")
app.command("search")(search_command)
app.command("related")(related_command)
app.add_typer(index_app, name="index")
app.command("draft")(draft)
app.command("check")(check)
app.add_typer(tasks_app, name="tasks")
app.add_typer(report_app, name="report")
app.add_typer(number_app, name="number")


def main() -> None:
    """Entry point: turns every VanbanError into a Vietnamese message and exit code 2."""
    try:
        app(prog_name="vanban")
    except VanbanError as error:
        err.print(f"Lỗi: {error}", markup=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err.print("Đã dừng.")
        sys.exit(130)
    except Exception as error:  # the unexpected: a message, never a traceback
        if os.environ.get("VANBAN_DEBUG"):
            raise
        err.print(
            f"Lỗi không mong đợi ({type(error).__name__}: {error}). Chạy lại với VANBAN_DEBUG=1 để xem chi tiết.",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(2)
