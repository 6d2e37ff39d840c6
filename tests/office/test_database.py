"""The office database itself: which engine a URL selects, migrations on both engines, a file made
by the version before migrations, and errors said in Vietnamese without a password or a traceback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.backend import safe_url, statements
from vanban.office.database import DATABASE_URL, OFFICE_FILE, OfficeStore, open_backend
from vanban.office.register import CANCELLED, ISSUED, RESERVED, Register
from vanban.office.users import Users

OLD_FILE = Path(__file__).parent / "data" / "so-dang-ky-v1.sqlite"
OLD_PASSWORD = "mật khẩu đủ dài"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- which database


def test_unset_means_the_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(DATABASE_URL, raising=False)
    assert Register(tmp_path).path == tmp_path / OFFICE_FILE
    monkeypatch.setenv(DATABASE_URL, "  ")
    assert Register(tmp_path).path == tmp_path / OFFICE_FILE


def test_a_sqlite_url_names_another_file(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL, f"sqlite:///{tmp_path}/khac/so.sqlite")
    register = Register(tmp_path / "data")
    register.next("KH", "UBND", 2026)
    assert register.path == tmp_path / "khac" / "so.sqlite" and register.path.exists()
    assert not (tmp_path / "data" / OFFICE_FILE).exists()
    monkeypatch.chdir(tmp_path)
    assert open_backend(tmp_path, "sqlite:///tuong-doi.sqlite").path == Path("tuong-doi.sqlite")


def test_an_explicit_empty_url_is_the_default_file_whatever_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL, "postgresql://ai@may-chu/vanban")
    assert Register(tmp_path, database="").path == tmp_path / OFFICE_FILE
    assert Register(tmp_path).path is None and Register(tmp_path).exists()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("mysql://van.thu:matkhau-bi-mat@db/vanban", "chỉ nhận postgresql://"),
        ("sqlite://", "chỉ nhận postgresql://"),
        ("so-dang-ky.sqlite", "chỉ nhận postgresql://"),
        ("postgresql://van.thu:matkhau-bi-mat@db:cong/vanban", "cổng máy chủ phải là một số"),
        ("postgresql://van.thu:matkhau-bi-mat@db:5432", "thiếu tên cơ sở dữ liệu"),
    ],
)
def test_a_bad_url_is_said_in_vietnamese_without_its_password(tmp_path, url, words):
    with pytest.raises(VanbanError) as refused:
        Register(tmp_path, database=url)
    assert words in str(refused.value) and DATABASE_URL in str(refused.value)
    assert "matkhau-bi-mat" not in str(refused.value)


def test_safe_url_hides_the_password_wherever_it_is():
    assert safe_url("postgresql://van.thu:b%C3%AD-m%E1%BA%ADt@db:5432/vanban") == "postgresql://van.thu@db:5432/vanban"
    assert "bi-mat" not in safe_url("postgresql://db/vanban?password=bi-mat&sslmode=require")
    assert safe_url("postgresql://db/vanban") == "postgresql://db/vanban"


def test_an_unreachable_server_is_said_in_vietnamese_without_the_password(tmp_path):
    url = f"postgresql://van.thu:matkhau-bi-mat@127.0.0.1:{_closed_port()}/vanban"
    with pytest.raises(VanbanError) as refused:
        Register(tmp_path, database=url).next("KH", "UBND", 2026)
    message = str(refused.value)
    assert "không kết nối được máy chủ PostgreSQL" in message and "matkhau-bi-mat" not in message
    assert message.startswith("postgresql://van.thu@127.0.0.1:")


# -- the command line


def _vanban(tmp_path: Path, url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, VANBAN_DATA=str(tmp_path / "data"), COLUMNS="200", **{DATABASE_URL: url})
    return subprocess.run(
        [sys.executable, "-m", "vanban.app", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT
    )


@pytest.mark.parametrize("args", [("number", "list"), ("number", "next", "--type", "KH"), ("user", "list"), ("audit",)])
def test_the_cli_says_an_unreachable_server_with_exit_2(tmp_path, args):
    result = _vanban(tmp_path, f"postgresql://van.thu:matkhau-bi-mat@127.0.0.1:{_closed_port()}/vanban", *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "không kết nối được máy chủ PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr and "matkhau-bi-mat" not in result.stdout + result.stderr


def test_the_cli_says_a_bad_url_with_exit_2(tmp_path):
    result = _vanban(tmp_path, "mysql://van.thu:matkhau-bi-mat@db/vanban", "number", "list")
    assert result.returncode == 2 and "chỉ nhận postgresql://" in result.stderr
    assert "Traceback" not in result.stderr and "matkhau-bi-mat" not in result.stderr


def test_the_cli_works_on_the_url(tmp_path, office):
    """The commands that read the office database, run as a user runs them, on each database."""
    url = office.database or f"sqlite:///{tmp_path}/so.sqlite"
    taken = _vanban(tmp_path, url, "number", "next", "--type", "KH", "--issuer", "SCT", "--year", "2026")
    assert taken.returncode == 0 and "01/KH-SCT" in taken.stdout, taken.stderr
    added = _vanban(tmp_path, url, "user", "add", "admin", "--role", "quan-tri", "--password-stdin", stdin=OLD_PASSWORD)
    assert added.returncode == 0, added.stderr
    listed = _vanban(tmp_path, url, "number", "list", "--json")
    assert [entry["symbol"] for entry in json.loads(listed.stdout)] == ["01/KH-SCT"]
    assert "admin" in _vanban(tmp_path, url, "user", "list").stdout
    assert "thêm tài khoản" in _vanban(tmp_path, url, "audit").stdout
    assert [entry.symbol for entry in Register(tmp_path, database=url).entries()] == ["01/KH-SCT"]


# -- a file made before migrations


def test_a_file_made_by_the_version_before_migrations_keeps_everything(tmp_path):
    shutil.copy(OLD_FILE, tmp_path / OFFICE_FILE)
    register = Register(tmp_path, database="")
    entries = [(e.symbol, e.year, e.status, e.note, e.reason) for e in register.entries()]
    assert entries == [
        ("01/KH-UBND", 2025, ISSUED, "kế hoạch năm", ""),
        ("02/KH-UBND", 2025, CANCELLED, "", "ký nhầm"),
        ("01/QĐ-UBND", 2025, RESERVED, "chờ ký", ""),
        ("01/SCT", 2026, ISSUED, "công văn", ""),
    ]
    # Issued and cancelled within one second: the order is the old rowid's, kept in `seq` and copied.
    cancelled = register.find("KH", "UBND", 2025, 2)
    assert [line.action for line in register.history(cancelled.id)] == [ISSUED, CANCELLED]
    assert register.next("KH", "UBND", 2025).number == 3, "its year goes on per type"
    register.cancel("KH", "UBND", 2025, 3, "trùng")
    assert [line.action for line in register.history(register.find("KH", "UBND", 2025, 3).id)] == [ISSUED, CANCELLED]
    with pytest.raises(VanbanError, match="chỉ được ghi thêm"), register._transaction() as connection:
        connection.execute("UPDATE events SET detail = 'sửa'")

    users = Users(tmp_path, database="")
    assert [(u.name, u.role, u.full_name) for u in users.list()] == [
        ("admin", "quan-tri", ""),
        ("nguyen.an", "van-thu", ""),
    ]
    assert users.authenticate("nguyen.an", OLD_PASSWORD, "").name == "nguyen.an"
    assert users.anonymous_read is False
    log = AuditLog(tmp_path, database="")
    assert [(e.id, e.actor, e.action) for e in reversed(log.entries())] == [
        (1, "root", "thêm tài khoản"),
        (2, "admin", "thêm tài khoản"),
        (3, "admin", "đổi cài đặt"),
        (4, "nguyen.an", "tải lên"),
        (5, "dòng lệnh", "cấp số"),
        (6, "dòng lệnh", "hủy số"),
        (7, "nguyen.an", "đăng nhập"),
    ]
    with register._session() as connection:
        steps = connection.execute("SELECT store, step FROM schema_migrations ORDER BY store, step").fetchall()
    assert steps == [
        ("audit", 1),
        *[("register", step) for step in range(1, len(Register.steps()) + 1)],
        *[("users", step) for step in range(1, len(Users.steps()) + 1)],
    ]


# -- migrations, on both databases


class _Notes(OfficeStore):
    noun = "sổ ghi chú thử"
    schema = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"

    def add(self, text: str) -> None:
        with self._transaction() as connection:
            connection.execute("INSERT INTO notes (id, text) SELECT COALESCE(MAX(id), 0) + 1, ? FROM notes", (text,))

    def texts(self) -> list[str]:
        with self._session() as connection:
            return [text for (text,) in connection.execute("SELECT text FROM notes ORDER BY id")]


class _NotesWithAColumn(_Notes):
    key = "_notes"
    migrations = ("ALTER TABLE notes ADD COLUMN at TEXT NOT NULL DEFAULT '' ; CREATE INDEX notes_at ON notes (at)",)


class _NotesWithABadStep(_Notes):
    key = "_notes"
    migrations = ("CREATE TABLE half_made (x TEXT)", "ALTER TABLE khong_co_bang ADD COLUMN y TEXT")


def test_a_step_added_later_runs_once_and_keeps_the_data(office):
    office(_Notes).add("một 50% ? 'trích'")
    grown = office(_NotesWithAColumn)
    grown.add("hai")
    assert grown.texts() == ["một 50% ? 'trích'", "hai"]
    assert office(_NotesWithAColumn).texts() == ["một 50% ? 'trích'", "hai"], "a second open runs nothing again"
    with grown._session() as connection:
        assert connection.execute("SELECT MAX(step) FROM schema_migrations WHERE store = '_notes'").fetchone() == (2,)


def test_a_failing_step_leaves_the_database_as_it_was(office):
    office(_Notes).add("một")
    with pytest.raises(VanbanError, match="sổ ghi chú thử"):
        office(_NotesWithABadStep).texts()
    notes = office(_Notes)
    assert notes.texts() == ["một"]
    with notes._session() as connection:
        assert connection.execute("SELECT MAX(step) FROM schema_migrations WHERE store = '_notes'").fetchone() == (1,)
        with pytest.raises(Exception):  # noqa: B017 (either engine's "no such table")
            connection.execute("SELECT * FROM half_made").fetchall()


def test_a_database_from_a_newer_vanban_is_refused(office):
    register = office(Register)
    register.next("KH", "UBND", 2026)
    with register._transaction() as connection:
        connection.execute("INSERT INTO schema_migrations (store, step, applied_at) VALUES ('register', 9, '')")
    with pytest.raises(VanbanError, match="phiên bản vanban mới hơn.*bước 9"):
        office(Register).entries()


def test_a_store_in_the_earlier_style_ports_by_moving_nothing(office):
    """A `schema` string with SQLite's append-only triggers, as stores were written before: both engines run it."""

    class Ledger(OfficeStore):
        noun = "sổ thử"
        schema = """
        CREATE TABLE IF NOT EXISTS ledger (n INTEGER NOT NULL, note TEXT NOT NULL DEFAULT '');
        CREATE TRIGGER IF NOT EXISTS ledger_no_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'sổ thử chỉ được ghi thêm; đừng sửa'); END;
        """

    ledger = office(Ledger)
    with ledger._transaction() as connection:
        connection.execute("INSERT INTO ledger (n) VALUES (?)", (1,))
    with pytest.raises(VanbanError, match="sổ thử chỉ được ghi thêm; đừng sửa"), ledger._transaction() as connection:
        connection.execute("UPDATE ledger SET n = 2")


def test_statements_are_cut_where_sqlite_would_cut_them():
    script = """
    CREATE TABLE a (x TEXT DEFAULT 'một; hai');
    CREATE TRIGGER t BEFORE DELETE ON a BEGIN SELECT RAISE(ABORT, 'không; xóa'); END;
    CREATE INDEX i ON a (x)
    """
    assert [s.split()[1] for s in statements(script)] == ["TABLE", "TRIGGER", "INDEX"]


def test_placeholders_become_psycopgs_outside_quoted_text():
    from vanban.office.postgres_backend import pyformat

    assert pyformat("SELECT '?', \"a?\", ? WHERE x LIKE '5%' AND y = 100 % ?") == (
        "SELECT '?', \"a?\", %s WHERE x LIKE '5%' AND y = 100 %% %s"
    )


# -- the README's PostgreSQL recipe


def test_the_readmes_least_privilege_role_runs_everything_and_others_are_kept_out(postgres_cluster, tmp_path):
    """A role that only owns its database (not superuser, no CREATEDB) migrates and writes every store."""
    import psycopg

    with psycopg.connect(postgres_cluster.url(), autocommit=True) as connection:
        connection.execute("CREATE ROLE vb_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; CREATE ROLE vb_other LOGIN")
        connection.execute(
            "CREATE DATABASE vb_office OWNER vb_owner ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0"
        )
        connection.execute("REVOKE ALL ON DATABASE vb_office FROM PUBLIC")
    url = f"postgresql://vb_owner@127.0.0.1:{postgres_cluster.port}/vb_office"
    assert Register(tmp_path, database=url).next("KH", "UBND", 2026).symbol == "01/KH-UBND"
    Users(tmp_path, database=url).add("admin", "quan-tri", OLD_PASSWORD, actor="root")
    assert [e.action for e in AuditLog(tmp_path, database=url).entries()] == ["thêm tài khoản", "cấp số"]
    with pytest.raises(VanbanError, match="không kết nối được máy chủ PostgreSQL.*CONNECT"):
        Register(tmp_path, database=url.replace("vb_owner", "vb_other")).entries()


def test_a_database_that_cannot_hold_vietnamese_is_refused(postgres_cluster, tmp_path):
    import psycopg

    with psycopg.connect(postgres_cluster.url(), autocommit=True) as connection:
        connection.execute("CREATE DATABASE vb_latin ENCODING 'LATIN1' LOCALE 'C' TEMPLATE template0")
    with pytest.raises(VanbanError, match="bảng mã LATIN1, không ghi được tiếng Việt"):
        Register(tmp_path, database=postgres_cluster.url("vb_latin")).entries()


@pytest.mark.parametrize(
    ("error", "words"),
    [
        ("LockNotAvailable", "đang bận quá 60 giây"),
        ("SerializationFailure", "đang bận quá 60 giây"),
        ("DataCorrupted", "bị hỏng trên máy chủ PostgreSQL"),
        ("IndexCorrupted", "bị hỏng trên máy chủ PostgreSQL"),
        ("InsufficientPrivilege", "không đủ quyền"),
        ("AdminShutdown", "mất kết nối tới máy chủ PostgreSQL"),
        ("UndefinedColumn", "không dùng được sổ đăng ký"),
    ],
)
def test_each_postgresql_error_is_said_in_vietnamese_without_the_password(error, words):
    from psycopg import errors

    from vanban.office.postgres_backend import PostgresBackend

    backend = PostgresBackend("postgresql://van.thu:matkhau-bi-mat@db/vanban")
    said = backend.refusal(getattr(errors, error)("máy chủ nói: matkhau-bi-mat"), "sổ đăng ký", 60)
    assert words in str(said) and "matkhau-bi-mat" not in str(said)
    assert str(said).startswith("postgresql://van.thu@db/vanban: ")
