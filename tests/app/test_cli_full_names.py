"""`vanban user add --ho-ten`, `vanban user name`: the họ và tên from the command line, on both databases."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import Cli
from vanban.office.database import DATABASE_URL
from vanban.office.users import Users

PASSWORD = "mật khẩu đủ dài"


@pytest.fixture
def run(cli: Cli, office, monkeypatch):
    """The CLI on the test's office database (the SQLite file in the data folder, or PostgreSQL)."""
    monkeypatch.setenv(DATABASE_URL, office.database)

    def invoke(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        with pytest.MonkeyPatch.context() as patch:
            original = subprocess.run
            patch.setattr(subprocess, "run", lambda *a, **k: original(*a, input=stdin, **k))
            return cli(*args)

    invoke.users = lambda: Users(cli.data_dir, database=office.database)
    return invoke


def test_add_with_a_full_name_then_change_and_clear_it(run):
    added = run(
        "user",
        "add",
        "chuyen.vien",
        "--role",
        "chuyen-vien",
        "--ho-ten",
        "Trần  Bình",
        "--password-stdin",
        stdin=PASSWORD,
    )
    assert added.returncode == 0, added.stderr
    assert "Đã tạo tài khoản chuyen.vien (Trần Bình) (chuyên viên)." in added.stdout
    assert run.users().get("chuyen.vien").full_name == "Trần Bình"
    listed = run("user", "list")
    assert "Họ và tên" in listed.stdout and "Trần Bình" in listed.stdout
    renamed = run("user", "name", "chuyen.vien", "Trần Văn Bình", "--json")
    assert json.loads(renamed.stdout)["full_name"] == "Trần Văn Bình"
    cleared = run("user", "name", "chuyen.vien", "")
    assert cleared.returncode == 0 and "người khác sẽ thấy tên đăng nhập" in cleared.stdout
    assert run.users().get("chuyen.vien").full_name == ""
    log = run("audit").stdout
    assert "đổi họ và tên" in log and "«Trần Bình» → «Trần Văn Bình»" in log


def test_a_bad_full_name_names_the_option_exits_2_and_creates_nothing(run):
    result = run(
        "user", "add", "le.chi", "--role", "van-thu", "--ho-ten", "Lê Chi 3", "--password-stdin", stdin=PASSWORD
    )
    assert result.returncode == 2
    assert "họ và tên «Lê Chi 3» chỉ được gồm chữ cái" in result.stderr and "--ho-ten" in result.stderr
    assert "Traceback" not in result.stderr and run.users().get("le.chi") is None


def test_naming_an_unknown_account_is_refused(run):
    result = run("user", "name", "ai.do", "Ai Đó")
    assert result.returncode == 2 and "không có tài khoản «ai.do»" in result.stderr


def test_the_audit_shows_who_by_full_name(run):
    run("user", "add", "van.thu", "--role", "van-thu", "--password-stdin", stdin=PASSWORD)
    users = run.users()
    users.set_full_name("van.thu", "Phạm Thư", actor="van.thu")
    assert "van.thu (Phạm Thư)" in run("audit").stdout
