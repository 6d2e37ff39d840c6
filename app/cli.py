"""The `vanban` command: a thin front over the library, search and the generator.

Every command that prints data has `--json`; exit codes are 0 ok, 1 findings, 2 bad input, and
a bad input never shows a traceback (set VANBAN_DEBUG=1 to see one). Each command group lives in
its own module; this one assembles them and turns errors into messages.
"""

from __future__ import annotations

import errno
import os
import re
import sys

import typer

from vanban.app.common import err
from vanban.app.draft_commands import check, draft, report_app, tasks_app
from vanban.app.library_commands import library_app
from vanban.app.number_commands import number_app
from vanban.app.relations_commands import related_command
from vanban.app.search_commands import index_app, search_command
from vanban.app.serve_commands import serve_command
from vanban.app.user_commands import audit_command, user_app
from vanban.library.errors import VanbanError

app = typer.Typer(
    help="vanban — thư viện văn bản, tìm kiếm và soạn thảo văn bản theo Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(library_app, name="library")
# A query may start with "-" (a word to exclude): it is the query, not an unknown option.
app.command("search", context_settings={"ignore_unknown_options": True})(search_command)
app.command("related")(related_command)
app.add_typer(index_app, name="index")
app.command("draft")(draft)
app.command("check")(check)
app.add_typer(tasks_app, name="tasks")
app.add_typer(report_app, name="report")
app.add_typer(number_app, name="number")
app.add_typer(user_app, name="user")
app.command("audit")(audit_command)
app.command("serve")(serve_command)


_USAGE_MESSAGES = (
    (re.compile(r"Missing argument '([^']+)'"), "thiếu tham số «{0}»."),
    (re.compile(r"Missing option '([^']+)'"), "thiếu tùy chọn «{0}»."),
    (re.compile(r"No such option: (\S+)"), "không có tùy chọn {0}."),
    (re.compile(r"No such command '([^']+)'"), "không có lệnh «{0}»."),
    (re.compile(r"Invalid value for '([^']+)'"), "giá trị của «{0}» không hợp lệ."),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((--?[^\s)]+)\)"), "không có tùy chọn {0}."),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)"), "thừa tham số: {0}."),
)


def _usage_message(error: Exception) -> str:
    """A command typed wrong, said in Vietnamese, with where to read how to type it."""
    original = error.format_message()
    message = next(
        (text.format(*m.groups()) for pattern, text in _USAGE_MESSAGES if (m := pattern.search(original))),
        f"lệnh gõ chưa đúng ({original})",
    )
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "vanban"
    return f"{message} Xem hướng dẫn: {command} --help"


_OS_MESSAGES = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại",
    errno.EROFS: "thư mục chỉ cho đọc; hãy chọn thư mục khác",
    errno.EACCES: "không có quyền ghi hoặc đọc; hãy chọn thư mục khác hoặc nhờ quản trị cấp quyền",
    errno.EPERM: "không có quyền ghi hoặc đọc; hãy chọn thư mục khác hoặc nhờ quản trị cấp quyền",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
}


def _os_message(error: OSError) -> str:
    what = _OS_MESSAGES.get(error.errno, f"thao tác với tệp không thành công ({error.strerror or error})")
    place = error.filename or ""
    return f"{place}: {what}. Không có gì bị ghi dở." if place else f"{what}. Không có gì bị ghi dở."


def main() -> None:
    """Entry point: turns every VanbanError into a Vietnamese message and exit code 2."""
    try:
        code = app(prog_name="vanban", standalone_mode=False)
    except VanbanError as error:
        err.print(f"Lỗi: {error.for_command_line}", soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err.print("Đã dừng.")
        sys.exit(130)
    except OSError as error:  # disk full, read-only folder, permission: the file and what to do
        err.print(f"Lỗi: {_os_message(error)}", soft_wrap=True)
        sys.exit(2)
    except Exception as error:  # the unexpected: a message, never a traceback
        if type(error).__name__ == "NoArgsIsHelpError":  # a command group typed alone: its help was shown
            sys.exit(0)
        if hasattr(error, "format_message") and getattr(error, "exit_code", None) == 2:
            err.print(f"Lỗi: {_usage_message(error)}", soft_wrap=True)
            sys.exit(2)
        if type(error).__name__ == "Abort":
            err.print("Đã dừng.")
            sys.exit(1)
        if os.environ.get("VANBAN_DEBUG"):
            raise
        err.print(
            f"Lỗi không mong đợi ({type(error).__name__}: {error}). Chạy lại với VANBAN_DEBUG=1 để xem chi tiết.",
            soft_wrap=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
