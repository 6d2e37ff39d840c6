"""Họ và tên of an account: optional, NFC, length-limited, audited, added to an existing database by a
migration step. Every test runs on both databases (the `office` fixture)."""

from __future__ import annotations

import unicodedata

import pytest
from argon2 import PasswordHasher

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.users import MAX_FULL_NAME, Users

PASSWORD = "mật khẩu đủ dài"
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def users(office) -> Users:
    store = office(Users, hasher=CHEAP)
    store.add("admin", "quan-tri", PASSWORD, actor="root")
    return store


def test_an_account_may_have_a_full_name_shown_instead_of_its_login(users):
    added = users.add("chuyen.vien", "chuyen-vien", PASSWORD, actor="admin", full_name="  Trần   Bình ")
    assert added.full_name == "Trần Bình" and added.shown_name == "Trần Bình"
    assert users.get("chuyen.vien").full_name == "Trần Bình"
    assert users.get("admin").full_name == "" and users.get("admin").shown_name == "admin"
    assert users.full_names() == {"chuyen.vien": "Trần Bình"}
    assert users.get("chuyen.vien").to_dict()["full_name"] == "Trần Bình"


def test_a_full_name_is_stored_nfc(users):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hồng")
    users.set_full_name("admin", decomposed, actor="admin")
    stored = users.get("admin").full_name
    assert stored == "Nguyễn Thị Hồng" and unicodedata.is_normalized("NFC", stored)


def test_setting_changing_and_clearing_a_full_name_is_audited(office, users):
    users.set_full_name("admin", "Lê Chi", actor="root")
    users.set_full_name("admin", "Lê Thị Chi", actor="root")
    users.set_full_name("admin", "Lê Thị Chi", actor="root")  # no change, no line
    users.set_full_name("admin", "", actor="root")
    assert users.get("admin").full_name == "" and users.full_names() == {}
    lines = [(e.action, e.target, e.detail) for e in reversed(office(AuditLog).entries())][1:]
    assert lines == [
        ("đổi họ và tên", "admin", "«» → «Lê Chi»"),
        ("đổi họ và tên", "admin", "«Lê Chi» → «Lê Thị Chi»"),
        ("đổi họ và tên", "admin", "«Lê Thị Chi» → «»"),
    ]


def test_the_addition_audits_the_full_name(office, users):
    users.add("van.thu", "van-thu", PASSWORD, actor="admin", full_name="Phạm Văn Thư")
    assert office(AuditLog).entries()[0].detail == "vai trò van-thu, họ và tên Phạm Văn Thư"


@pytest.mark.parametrize(
    ("full_name", "message"),
    [
        ("T" * (MAX_FULL_NAME + 1), f"tối đa {MAX_FULL_NAME} ký tự"),
        ("Trần Bình 2", "chỉ được gồm chữ cái"),
        ("<b>Bình</b>", "chỉ được gồm chữ cái"),
        ("Bình\x00", "chỉ được gồm chữ cái"),
    ],
)
def test_bad_full_names_are_refused_in_vietnamese_and_nothing_changes(office, users, full_name, message):
    with pytest.raises(VanbanError, match=message):
        users.set_full_name("admin", full_name, actor="root")
    with pytest.raises(VanbanError, match=message):
        users.add("le.chi", "van-thu", PASSWORD, actor="admin", full_name=full_name)
    assert users.get("le.chi") is None and users.get("admin").full_name == ""
    assert len(office(AuditLog).entries()) == 1


def test_an_unknown_account_is_said(users):
    with pytest.raises(VanbanError, match="không có tài khoản «ai.do»"):
        users.set_full_name("ai.do", "Ai Đó", actor="root")


def test_the_session_user_carries_the_full_name(users):
    users.set_full_name("admin", "Lê Chi", actor="root")
    session_id, _token = users.start_session("admin")
    user, _csrf = users.session(session_id)
    assert user.shown_name == "Lê Chi" and user.role == "quan-tri"


def test_a_database_made_before_full_names_gets_the_column_and_keeps_its_accounts(office, users):
    """The migration step, as it runs on a database whose accounts predate it."""
    with users._transaction() as connection:
        connection.execute("ALTER TABLE users DROP COLUMN full_name")
        connection.execute("DELETE FROM schema_migrations WHERE store = 'users' AND step = 2")
    again = office(Users, hasher=CHEAP)
    assert again.get("admin").full_name == "" and again.authenticate("admin", PASSWORD, "")
    again.set_full_name("admin", "Lê Chi", actor="root")
    assert again.full_names() == {"admin": "Lê Chi"}
