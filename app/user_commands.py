"""`vanban user add|passwd|role|name|list|remove|anonymous` and `vanban audit`: web accounts, from the server.

Whoever runs these commands already holds the data folder, so they need no login; each change is
audited with the operating-system user as the actor. Passwords are asked twice without echo, or
read from the first line of stdin (`--password-stdin`) for scripts; never taken as an argument,
where they would stay in the shell history and the process list.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from vanban.app.common import DataOption, JsonOption, cells, data_dir, out, print_json
from vanban.library.errors import VanbanError

if TYPE_CHECKING:
    from vanban.office.users import Users

user_app = typer.Typer(
    help="Tài khoản dùng ứng dụng web: tạo, đổi mật khẩu, đổi vai trò, đặt họ và tên, xóa.", no_args_is_help=True
)

NameArgument = Annotated[str, typer.Argument(help="Tên đăng nhập, ví dụ nguyen.van.an.")]
RoleHelp = "Vai trò: quan-tri (quản trị), van-thu (văn thư), chuyen-vien (chuyên viên)."
FullNameHelp = 'Họ và tên người dùng tài khoản, ví dụ "Trần Bình": hiện cho người khác thay tên đăng nhập.'
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Đọc mật khẩu từ dòng đầu của đầu vào chuẩn (cho script).")
]


def _actor() -> str:
    """The operating-system user running the command: who the audit log says did it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "không rõ"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise VanbanError("không đọc được mật khẩu từ đầu vào chuẩn (--password-stdin): dòng đầu trống.")
        return password
    password = typer.prompt("Mật khẩu", hide_input=True)
    if typer.prompt("Nhập lại mật khẩu", hide_input=True) != password:
        raise VanbanError("hai lần nhập mật khẩu không khớp; không có gì thay đổi.")
    return password


def _option(check, value: str, option: str) -> str:
    """`check(value)`, its refusal said with the option to correct."""
    try:
        return check(value)
    except VanbanError as error:
        raise VanbanError(error.message, cli_hint=f"(tùy chọn {option})") from None


def _who(user) -> str:
    """An account as the server's administrator reads it: its login, and its họ và tên when it has one."""
    return f"{user.name} ({user.full_name})" if user.full_name else user.name


def _local(at: str) -> str:
    """A stored UTC time as the clock on the wall shows it."""
    return _dt.datetime.fromisoformat(at).astimezone().strftime("%d/%m/%Y %H:%M")


def _users(data) -> Users:
    from vanban.office.users import Users

    return Users(data_dir(data))


@user_app.command("add")
def user_add(
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", help=RoleHelp)],
    full_name: Annotated[str, typer.Option("--ho-ten", help=FullNameHelp)] = "",
    password_stdin: PasswordStdin = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tạo tài khoản mới (mật khẩu ít nhất 10 ký tự)."""
    from vanban.office.users import valid_full_name, valid_name, valid_role

    users = _users(data)
    name, role = valid_name(name), valid_role(role)  # said before the password is asked
    full_name = _option(valid_full_name, full_name, "--ho-ten")
    user = users.add(name, role, _password(password_stdin), actor=_actor(), full_name=full_name)
    if as_json:
        print_json(user.to_dict())
    else:
        out.print(f"Đã tạo tài khoản {_who(user)} ({user.role_label}).")


@user_app.command("passwd")
def user_passwd(name: NameArgument, password_stdin: PasswordStdin = False, data: DataOption = None) -> None:
    """Đặt mật khẩu mới cho một tài khoản (và mở khóa đăng nhập nếu đang bị tạm khóa)."""
    users = _users(data)
    user = users.get(name)
    if user is None:  # said before the password is asked
        raise VanbanError(f"không có tài khoản «{name}»; xem danh sách: vanban user list.")
    users.set_password(user.name, _password(password_stdin), actor=_actor())
    out.print(f"Đã đổi mật khẩu của {user.name}.")


@user_app.command("role")
def user_role(
    name: NameArgument,
    role: Annotated[str, typer.Argument(help=RoleHelp)],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Đổi vai trò của một tài khoản."""
    user = _users(data).set_role(name, role, actor=_actor())
    if as_json:
        print_json(user.to_dict())
    else:
        out.print(f"{user.name} nay có vai trò {user.role_label}.")


@user_app.command("name")
def user_name(
    name: NameArgument,
    full_name: Annotated[str, typer.Argument(help=FullNameHelp + ' Ghi "" để xóa họ và tên.')],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Đặt, đổi hoặc xóa họ và tên của một tài khoản (hiện ở danh sách chờ cấp số, nhật ký…)."""
    user = _users(data).set_full_name(name, full_name, actor=_actor())
    if as_json:
        print_json(user.to_dict())
    elif user.full_name:
        out.print(f"Họ và tên của {user.name} nay là {user.full_name}.")
    else:
        out.print(f"Đã xóa họ và tên của {user.name}; người khác sẽ thấy tên đăng nhập.")


@user_app.command("list")
def user_list(data: DataOption = None, as_json: JsonOption = False) -> None:
    """Xem các tài khoản và vai trò."""
    users = _users(data).list()
    if as_json:
        print_json([user.to_dict() for user in users])
        return
    if not users:
        out.print(
            "Chưa có tài khoản nào. Tạo tài khoản quản trị đầu tiên bằng lệnh:\n"
            "  vanban user add TÊN --role quan-tri\n"
            "(mật khẩu được hỏi hai lần, ít nhất 10 ký tự). Người quản trị sau đó tạo tài khoản cho "
            "văn thư (van-thu) và chuyên viên (chuyen-vien)."
        )
        return
    table = Table(title=f"Tài khoản: {len(users)}")
    for column in ("Tên đăng nhập", "Họ và tên", "Vai trò", "Tạo lúc", "Đổi mật khẩu lúc"):
        table.add_column(column, overflow="fold")
    for user in users:
        table.add_row(
            *cells(
                user.name, user.full_name, user.role_label, _local(user.created_at), _local(user.password_changed_at)
            )
        )
    out.print(table)


@user_app.command("remove")
def user_remove(name: NameArgument, data: DataOption = None) -> None:
    """Xóa một tài khoản (không xóa được tài khoản quản trị cuối cùng)."""
    from vanban.office.users import normal_name

    _users(data).remove(name, actor=_actor())
    out.print(f"Đã xóa tài khoản {normal_name(name)}.")


@user_app.command("anonymous")
def user_anonymous(
    state: Annotated[str | None, typer.Argument(help="on: ai cũng tìm và đọc được; off: phải đăng nhập.")] = None,
    data: DataOption = None,
) -> None:
    """Cho phép (on) hay không (off) tìm kiếm và đọc văn bản khi chưa đăng nhập; không ghi gì thì xem hiện trạng."""
    users = _users(data)
    if state is not None:
        if state not in ("on", "off"):
            raise VanbanError(f"«{state}» không hợp lệ: ghi on (cho phép) hoặc off (phải đăng nhập).")
        users.set_anonymous_read(state == "on", actor=_actor())
    if users.anonymous_read:
        out.print("Người chưa đăng nhập được tìm kiếm và đọc văn bản.")
    else:
        out.print("Phải đăng nhập mới tìm kiếm và đọc được văn bản.")


def audit_command(
    limit: Annotated[int, typer.Option("--limit", min=1, help="Số dòng mới nhất cần xem.")] = 50,
    user: Annotated[str | None, typer.Option("--user", help="Chỉ xem thao tác của một người.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Nhật ký thao tác: ai đã làm gì, lúc nào (mới nhất trước)."""
    from vanban.office.audit import AuditLog

    entries = AuditLog(data_dir(data)).entries(user=user, limit=limit)
    full_names = _users(data).full_names()
    if as_json:
        print_json([entry.to_dict() for entry in entries])
        return
    table = Table(title=f"Nhật ký thao tác: {len(entries)} dòng mới nhất")
    for column in ("Lúc", "Người làm", "Thao tác", "Đối tượng", "Chi tiết"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        actor = f"{entry.actor} ({full_names[entry.actor]})" if entry.actor in full_names else entry.actor
        table.add_row(*cells(_local(entry.at), actor, entry.action, entry.target, entry.detail))
    out.print(table)
