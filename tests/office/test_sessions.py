"""Web sessions in the office database: shared by workers, hashed at rest, ended by logout,
expiry, a password reset or the account's removal; the role is read live. On both databases."""

from __future__ import annotations

from tests.office.test_users import CHEAP, PASSWORD, Clock, clock, stored_text, users  # noqa: F401 (fixtures)
from vanban.office.audit import AuditLog
from vanban.office.users import SESSION_LIFETIME, Users


def test_a_session_is_seen_by_another_store_on_the_same_database(office, users):  # noqa: F811
    session_id, token = users.start_session("admin")
    other = office(Users, clock=users.clock)
    user, other_token = other.session(session_id)
    assert user.name == "admin" and user.role == "quan-tri" and other_token == token
    assert session_id not in stored_text(users) and token in stored_text(users)
    assert other.session("khong-co") is None and other.session("") is None


def test_the_sqlite_file_holds_no_session_id(tmp_path, clock):  # noqa: F811
    store = Users(tmp_path, clock=clock, hasher=CHEAP, database="")
    store.add("admin", "quan-tri", PASSWORD, actor="root")
    session_id, _ = store.start_session("admin")
    assert session_id.encode() not in b"".join(path.read_bytes() for path in tmp_path.iterdir())


def test_a_session_expires(users, clock):  # noqa: F811
    session_id, _ = users.start_session("admin")
    clock.advance(SESSION_LIFETIME.total_seconds() / 60 - 1)
    assert users.session(session_id) is not None
    clock.advance(2)
    assert users.session(session_id) is None


def test_logout_password_reset_and_removal_end_sessions(office, users):  # noqa: F811
    users.add("tran.binh", "van-thu", PASSWORD, actor="admin")
    first, _ = users.start_session("tran.binh")
    users.end_session(first, "10.0.0.7")
    assert users.session(first) is None
    entry = office(AuditLog).entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.detail) == ("tran.binh", "đăng xuất", "10.0.0.7")
    second, _ = users.start_session("tran.binh")
    users.set_role("tran.binh", "chuyen-vien", actor="admin")
    assert users.session(second)[0].role == "chuyen-vien"
    users.set_password("tran.binh", PASSWORD + "!", actor="admin")
    assert users.session(second) is None
    third, _ = users.start_session("tran.binh")
    users.remove("tran.binh", actor="admin")
    assert users.session(third) is None
