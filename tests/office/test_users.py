"""Tài khoản: names, roles, argon2 hashes, throttled logins, the last admin, permissions, the audit of each change.

Every test that touches the database runs on both (the `office` fixture: the SQLite file, PostgreSQL)."""

from __future__ import annotations

import datetime as _dt

import pytest
from argon2 import PasswordHasher

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.users import ACTIONS, ROLES, LoginThrottled, Users, allowed

PASSWORD = "mật khẩu đủ dài"
#: Cheap parameters: the tests hash dozens of times.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


class Clock:
    """A time the test moves by hand."""

    def __init__(self):
        self.now = _dt.datetime(2026, 3, 2, 8, 0, tzinfo=_dt.UTC)

    def __call__(self) -> _dt.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += _dt.timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def users(office, clock) -> Users:
    store = office(Users, clock=clock, hasher=CHEAP)
    store.add("admin", "quan-tri", PASSWORD, actor="root")
    return store


def stored_hash(users: Users, name: str) -> str:
    with users._session() as connection:
        return connection.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()[0]


def stored_text(users: Users) -> str:
    """Every row of every table of the office database, as text: what a copy of it would show."""
    with users._session() as connection:
        tables = ("users", "login_failures", "sessions", "settings", "audit")
        return "\n".join(str(connection.execute(f"SELECT * FROM {table}").fetchall()) for table in tables)


def test_passwords_are_stored_only_as_argon2_hashes(office, users):
    users.add("nguyen.an", "chuyen-vien", PASSWORD, actor="admin")
    password_hash = stored_hash(users, "nguyen.an")
    assert password_hash.startswith("$argon2id$") and PASSWORD not in password_hash
    assert CHEAP.verify(password_hash, PASSWORD)
    assert PASSWORD not in stored_text(users) and password_hash in stored_text(users)
    assert all(PASSWORD not in str(entry) for entry in office(AuditLog).entries())


def test_the_sqlite_file_never_holds_a_password(tmp_path):
    users = Users(tmp_path, hasher=CHEAP, database="")
    users.add("admin", "quan-tri", PASSWORD, actor="root")
    users.authenticate("admin", PASSWORD, "")
    assert PASSWORD.encode() not in b"".join(path.read_bytes() for path in tmp_path.iterdir())


def test_authenticate_and_set_password(users):
    users.add("Nguyen.An ", "chuyen-vien", PASSWORD, actor="admin")
    assert users.authenticate("NGUYEN.AN", PASSWORD, "10.0.0.5").name == "nguyen.an"
    users.set_password("nguyen.an", "một mật khẩu mới", actor="admin")
    with pytest.raises(VanbanError, match="không đúng"):
        users.authenticate("nguyen.an", PASSWORD, "10.0.0.5")
    assert users.authenticate("nguyen.an", "một mật khẩu mới", "10.0.0.5").role == "chuyen-vien"


def test_a_hash_made_with_old_parameters_is_renewed_at_login(office, users):
    old = stored_hash(users, "admin")
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    office(Users, hasher=stronger).authenticate("admin", PASSWORD, "")
    renewed = stored_hash(users, "admin")
    assert renewed != old and not stronger.check_needs_rehash(renewed)
    assert office(Users, hasher=stronger).authenticate("admin", PASSWORD, "").name == "admin"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("  ", "không được để trống"),
        ("an", "từ 3 đến 40 ký tự"),
        ("a" * 41, "từ 3 đến 40 ký tự"),
        ("nguyen an", "chỉ được gồm chữ cái, chữ số"),
        ("an@so", "chỉ được gồm chữ cái, chữ số"),
    ],
)
def test_bad_names_are_refused_in_vietnamese(users, name, message):
    with pytest.raises(VanbanError, match=message):
        users.add(name, "chuyen-vien", PASSWORD, actor="admin")


def test_names_are_nfc_trimmed_and_lower_case(users):
    decomposed = "Nguyễn.An".replace("ễ", "e\u0302\u0303")
    assert users.add(f" {decomposed} ", "van-thu", PASSWORD, actor="admin").name == "nguyễn.an"
    with pytest.raises(VanbanError, match="đã có"):
        users.add("NGUYỄN.AN", "van-thu", PASSWORD, actor="admin")


def test_bad_roles_and_short_passwords_are_refused(users):
    with pytest.raises(VanbanError, match="vai trò «giam-doc» không có; chọn một trong: quan-tri"):
        users.add("nguyen.an", "giam-doc", PASSWORD, actor="admin")
    with pytest.raises(VanbanError, match="ít nhất 10 ký tự"):
        users.add("nguyen.an", "van-thu", "ngắn", actor="admin")
    with pytest.raises(VanbanError, match="không có tài khoản «ai.do»"):
        users.set_password("ai.do", PASSWORD, actor="admin")
    assert [user.name for user in users.list()] == ["admin"]


def test_five_failures_lock_a_name_for_fifteen_minutes(users, clock):
    users.add("nguyen.an", "chuyen-vien", PASSWORD, actor="admin")
    for _ in range(5):
        with pytest.raises(VanbanError, match="không đúng"):
            users.authenticate("nguyen.an", "sai mật khẩu", "10.0.0.5")
        clock.advance(1)
    with pytest.raises(LoginThrottled, match="tạm khóa, hãy thử lại sau") as refused:
        users.authenticate("nguyen.an", PASSWORD, "10.0.0.9")  # right password, other machine: still refused
    assert refused.value.until == _dt.datetime(2026, 3, 2, 8, 19, tzinfo=_dt.UTC)
    assert "khoảng 14 phút nữa" in str(refused.value)
    clock.advance(13)
    with pytest.raises(LoginThrottled):
        users.authenticate("nguyen.an", PASSWORD, "10.0.0.9")
    clock.advance(1)
    assert users.authenticate("nguyen.an", PASSWORD, "10.0.0.9").name == "nguyen.an"
    assert users.authenticate("admin", PASSWORD, "10.0.0.5").name == "admin"


def test_failures_spread_over_more_than_the_window_do_not_lock(users, clock):
    for _ in range(8):
        with pytest.raises(VanbanError, match="không đúng"):
            users.authenticate("admin", "sai mật khẩu", "")
        clock.advance(4)
    assert users.authenticate("admin", PASSWORD, "").name == "admin"


def test_five_failures_from_one_client_lock_that_client(users, clock):
    for name in ("a.b", "c.d", "e.f", "g.h", "admin"):
        with pytest.raises(VanbanError, match="không đúng"):
            users.authenticate(name, "sai mật khẩu", "10.0.0.66")
    with pytest.raises(LoginThrottled):
        users.authenticate("admin", PASSWORD, "10.0.0.66")
    assert users.authenticate("admin", PASSWORD, "10.0.0.7").name == "admin"


def test_failures_are_shared_between_workers(office, users, clock):
    for _ in range(5):
        worker = office(Users, clock=clock, hasher=CHEAP)
        with pytest.raises(VanbanError, match="không đúng"):
            worker.authenticate("admin", "sai mật khẩu", "10.0.0.5")
    with pytest.raises(LoginThrottled):
        office(Users, clock=clock, hasher=CHEAP).authenticate("admin", PASSWORD, "10.0.0.5")
    assert [e.action for e in office(AuditLog).entries(limit=1)] == ["tạm khóa đăng nhập"]


def test_the_last_admin_cannot_be_removed_or_demoted(users):
    with pytest.raises(VanbanError, match="quản trị cuối cùng"):
        users.remove("admin", actor="admin")
    with pytest.raises(VanbanError, match="quản trị cuối cùng"):
        users.set_role("admin", "van-thu", actor="admin")
    users.add("tran.binh", "quan-tri", PASSWORD, actor="admin")
    users.set_role("admin", "van-thu", actor="tran.binh")
    assert users.get("admin").role == "van-thu"
    with pytest.raises(VanbanError, match="quản trị cuối cùng"):
        users.remove("tran.binh", actor="tran.binh")
    users.remove("admin", actor="tran.binh")
    assert users.get("admin") is None and [user.name for user in users.list()] == ["tran.binh"]


def test_permissions_table():
    table = {role: {action for action in ACTIONS if allowed(role, action)} for role in ROLES}
    assert table == {
        "quan-tri": set(ACTIONS),
        "van-thu": {"search", "read", "upload", "check", "register"},
        "chuyen-vien": {"search", "read", "upload", "check", "draft"},
    }
    assert {action for action in ACTIONS if allowed(None, action, anonymous_read=True)} == {"search", "read"}
    assert not any(allowed(None, action) for action in ACTIONS)
    assert not allowed("khach", "read")
    with pytest.raises(ValueError, match="unknown action"):
        allowed("quan-tri", "delete-everything")


def test_anonymous_read_is_on_until_the_admin_turns_it_off(tmp_path, users):
    assert Users(tmp_path / "empty", database="").anonymous_read
    assert users.allowed(None, "search") and not users.allowed(None, "draft")
    users.set_anonymous_read(False, actor="admin")
    assert not users.anonymous_read and not users.allowed(None, "read")
    assert users.allowed("chuyen-vien", "read")
    users.set_anonymous_read(True, actor="admin")
    assert users.allowed(None, "read")


def test_every_change_is_audited_in_order(office, users, clock):
    users.add("nguyen.an", "chuyen-vien", PASSWORD, actor="admin")
    users.set_role("nguyen.an", "van-thu", actor="admin")
    users.set_password("nguyen.an", "mật khẩu thứ hai", actor="admin")
    users.authenticate("nguyen.an", "mật khẩu thứ hai", "10.0.0.5")
    users.set_anonymous_read(False, actor="admin")
    users.remove("nguyen.an", actor="admin")
    lines = [(e.actor, e.action, e.target, e.detail) for e in reversed(office(AuditLog).entries())]
    assert lines == [
        ("root", "thêm tài khoản", "admin", "vai trò quan-tri"),
        ("admin", "thêm tài khoản", "nguyen.an", "vai trò chuyen-vien"),
        ("admin", "đổi vai trò", "nguyen.an", "chuyen-vien → van-thu"),
        ("admin", "đổi mật khẩu", "nguyen.an", ""),
        ("nguyen.an", "đăng nhập", "nguyen.an", "10.0.0.5"),
        ("admin", "đổi cài đặt", "anonymous_read", "false"),
        ("admin", "xóa tài khoản", "nguyen.an", "vai trò van-thu"),
    ]


def test_a_refused_change_leaves_no_audit_line(office, users):
    with pytest.raises(VanbanError):
        users.remove("admin", actor="admin")
    assert [e.action for e in office(AuditLog).entries()] == ["thêm tài khoản"]
