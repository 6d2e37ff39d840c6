"""Nhật ký thao tác: lines are added, read newest first, filtered, and never changed or deleted; on both databases."""

from __future__ import annotations

import datetime as _dt

import pytest

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.register import Register


def test_record_and_read_back_newest_first(office):
    moments = iter(_dt.datetime(2026, 1, 5, 9, minute, tzinfo=_dt.UTC) for minute in range(10))
    log = office(AuditLog, clock=lambda: next(moments))
    log.record("nguyen.an", "tải lên", "ke-hoach-05", "05/KH-SCT")
    log.record("tran.binh", "xóa văn bản", "ke-hoach-05")
    log.record("nguyen.an", "soạn thảo", "bao-cao-07")
    assert [(e.id, e.actor, e.action) for e in log.entries()] == [
        (3, "nguyen.an", "soạn thảo"),
        (2, "tran.binh", "xóa văn bản"),
        (1, "nguyen.an", "tải lên"),
    ]
    assert log.entries()[-1].to_dict() == {
        "id": 1,
        "at": "2026-01-05T09:00:00+00:00",
        "actor": "nguyen.an",
        "action": "tải lên",
        "target": "ke-hoach-05",
        "detail": "05/KH-SCT",
    }
    assert [e.id for e in log.entries(user="nguyen.an")] == [3, 1]
    assert [e.id for e in log.entries(since=_dt.datetime(2026, 1, 5, 9, 1, tzinfo=_dt.UTC))] == [3, 2]
    assert [e.id for e in log.entries(limit=1)] == [3]


def test_an_empty_data_folder_has_no_entries_and_no_file(tmp_path):
    assert AuditLog(tmp_path, database="").entries() == []
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("statement", ["UPDATE audit SET actor = 'ai-khac'", "DELETE FROM audit"])
def test_the_log_is_append_only(office, statement):
    log = office(AuditLog)
    log.record("nguyen.an", "tải lên", "ke-hoach-05")
    with pytest.raises(VanbanError, match="nhật ký thao tác từ chối thay đổi này.*chỉ được ghi thêm"):
        with log._transaction() as connection:
            connection.execute(statement)
    assert [e.actor for e in log.entries()] == ["nguyen.an"]


@pytest.mark.parametrize("office_database", ["postgresql"], indirect=True)
def test_truncate_is_refused_on_postgresql(office):
    log = office(AuditLog)
    log.record("nguyen.an", "tải lên", "ke-hoach-05")
    with pytest.raises(VanbanError, match="chỉ được ghi thêm"), log._transaction() as connection:
        connection.execute("TRUNCATE audit")
    assert len(log.entries()) == 1


def test_the_log_shares_the_registers_database(office):
    office(Register).next("KH", "UBND", 2026)
    log = office(AuditLog)
    log.record("van.thu", "cấp số", "01/KH-UBND")
    assert log.database.where == office(Register).database.where
    assert office(Register).next("KH", "UBND", 2026).number == 2
    targets = [e.target for e in office(AuditLog).entries()]
    assert targets == ["02/KH-UBND năm 2026", "01/KH-UBND", "01/KH-UBND năm 2026"], "one log, the register's lines too"
