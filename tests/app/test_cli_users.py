"""`vanban user …` and `vanban audit`: a round trip with --password-stdin, Vietnamese errors with exit 2."""

from __future__ import annotations

import getpass
import json
import subprocess
from functools import partial

import pytest

from tests.conftest import Cli
from vanban.library.errors import VanbanError
from vanban.office.users import Users

PASSWORD = "mật khẩu đủ dài"


def piped(cli: Cli, stdin: str, *args: str) -> subprocess.CompletedProcess:
    """`cli(*args)` with `stdin` piped in (the shared runner gives the command no input)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess, "run", partial(subprocess.run, input=stdin))
        return cli(*args)


def test_the_first_run_says_how_to_create_the_first_admin(cli):
    result = cli("user", "list")
    assert result.returncode == 0
    assert "Chưa có tài khoản nào" in result.stdout and "vanban user add TÊN --role quan-tri" in result.stdout
    assert cli.json("user", "list") == []


def test_round_trip(cli):
    added = piped(cli, f"{PASSWORD}\n", "user", "add", "Admin", "--role", "quan-tri", "--password-stdin", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["name"] == "admin"
    result = piped(cli, f"{PASSWORD}\n", "user", "add", "nguyen.an", "--role", "chuyen-vien", "--password-stdin")
    assert result.returncode == 0 and "Đã tạo tài khoản nguyen.an (chuyên viên)." in result.stdout
    assert cli.json("user", "role", "nguyen.an", "van-thu")["role_label"] == "văn thư"
    result = piped(cli, "mật khẩu thứ hai\r\n", "user", "passwd", "Nguyen.An", "--password-stdin")
    assert result.returncode == 0 and "Đã đổi mật khẩu của nguyen.an." in result.stdout
    assert Users(cli.data_dir).authenticate("nguyen.an", "mật khẩu thứ hai", "").role == "van-thu"
    listed = cli.json("user", "list")
    assert [(u["name"], u["role"]) for u in listed] == [("admin", "quan-tri"), ("nguyen.an", "van-thu")]
    assert cli("user", "remove", "nguyen.an").returncode == 0
    assert cli("user", "anonymous", "off").stdout.startswith("Phải đăng nhập")
    assert cli("user", "anonymous").stdout.startswith("Phải đăng nhập")
    assert cli("user", "anonymous", "on").stdout.startswith("Người chưa đăng nhập được tìm kiếm")

    lines = cli.json("audit", "--limit", "20")
    assert [line["action"] for line in reversed(lines)] == [
        "thêm tài khoản",
        "thêm tài khoản",
        "đổi vai trò",
        "đổi mật khẩu",
        "đăng nhập",
        "xóa tài khoản",
        "đổi cài đặt",
        "đổi cài đặt",
    ]
    assert {line["actor"] for line in lines if line["action"] != "đăng nhập"} == {getpass.getuser()}
    assert [line["action"] for line in cli.json("audit", "--limit", "1")] == ["đổi cài đặt"]
    audit = cli("audit")
    assert audit.returncode == 0 and "Nhật ký thao tác: 8 dòng" in audit.stdout
    assert PASSWORD not in audit.stdout
    users = Users(cli.data_dir)
    if users.path is not None:  # the whole SQLite file, free pages included
        assert PASSWORD.encode() not in users.path.read_bytes()
    else:  # on PostgreSQL (pytest --office-db=postgresql): every stored account row
        with users._session() as connection:
            assert PASSWORD not in repr(connection.execute("SELECT * FROM users").fetchall())


@pytest.mark.parametrize(
    ("stdin", "args", "message"),
    [
        (PASSWORD, ("user", "add", "nguyen an", "--role", "van-thu"), "chỉ được gồm chữ cái, chữ số"),
        (PASSWORD, ("user", "add", "nguyen.an", "--role", "giam-doc"), "vai trò «giam-doc» không có"),
        ("ngắn\n", ("user", "add", "nguyen.an", "--role", "van-thu"), "mật khẩu quá ngắn"),
        ("\n", ("user", "add", "nguyen.an", "--role", "van-thu"), "dòng đầu trống"),
        (PASSWORD, ("user", "passwd", "ai.do"), "không có tài khoản «ai.do»"),
        ("", ("user", "remove", "admin"), "tài khoản quản trị cuối cùng"),
        ("", ("user", "role", "admin", "chuyen-vien"), "tài khoản quản trị cuối cùng"),
        ("", ("user", "anonymous", "co"), "ghi on (cho phép) hoặc off"),
        ("", ("audit", "--limit", "0"), "giá trị của «--limit» không hợp lệ"),
    ],
)
def test_bad_input_is_exit_2_in_vietnamese(cli, stdin, args, message):
    assert piped(cli, f"{PASSWORD}\n", "user", "add", "admin", "--role", "quan-tri", "--password-stdin").returncode == 0
    if args[:2] in (("user", "add"), ("user", "passwd")):
        args = (*args, "--password-stdin")
    result = piped(cli, stdin, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ") and message in result.stderr and "Traceback" not in result.stderr
    assert [user["name"] for user in cli.json("user", "list")] == ["admin"]


def test_passwords_typed_twice_must_match(monkeypatch):
    from vanban.app import user_commands

    answers = iter(["mật khẩu thứ nhất", "mật khẩu thứ hai"])
    monkeypatch.setattr(user_commands.typer, "prompt", lambda *args, **kwargs: next(answers))
    with pytest.raises(VanbanError, match="hai lần nhập mật khẩu không khớp"):
        user_commands._password(from_stdin=False)
