"""Sổ văn bản đến: số đến per year in the order received, the Phụ lục IV columns, history and audit.

Every test runs on both databases (the `office` fixture: the SQLite file, a PostgreSQL schema)."""

from __future__ import annotations

import datetime as _dt

import pytest

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.incoming import FILLED, RECEIVED, IncomingRegister, Received
from vanban.office.register import FieldError, Register


def _received(day: str = "2026-03-05", **changes) -> Received:
    values = {
        "received_on": day,
        "sender": "Bộ Công Thương",
        "symbol": "120/BCT-TKNL",
        "signed_on": "2026-03-01",
        "title": "Công văn về việc báo cáo tình hình sử dụng năng lượng",
        "handler": "Phòng Kinh tế",
    }
    return Received(**{**values, **changes})


def test_numbers_run_in_the_order_received_and_restart_each_year(office):
    register = office(IncomingRegister)
    first = register.record(_received("2025-12-31", signed_on=""), actor="van.thu", doc_id="120-bct-tknl")
    assert (first.year, first.number, first.doc_id) == (2025, 1, "120-bct-tknl")
    assert register.record(_received("2026-01-01", signed_on="")).number == 1, "Điều 22.2: số đến within the year"
    assert register.record(_received("2026-01-02", signed_on="31/12/2025")).number == 2
    assert [(e.year, e.number) for e in register.entries()] == [(2025, 1), (2026, 1), (2026, 2)]
    assert [e.number for e in register.entries(2026)] == [1, 2]
    assert register.entries(2026)[1].signed_on == "2025-12-31"
    assert register.years() == [2026, 2025]


def test_the_incoming_register_shares_the_office_database_but_not_the_outgoing_numbers(office):
    office(IncomingRegister).record(_received())
    assert office(Register).next("KH", "UBND", 2026).number == 1
    assert office(IncomingRegister).database.where == office(Register).database.where


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sender": " "}, "sender", "tác giả"),
        ({"title": ""}, "title", "trích yếu"),
        ({"received_on": "32/01/2026"}, "received_on", "không có thật"),
        ({"signed_on": "2026-04-01"}, "signed_on", "sau ngày đến"),
        ({"received_on": "2999-01-01"}, "received_on", "sau ngày hôm nay"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_takes_no_number(office, changes, field, words):
    register = office(IncomingRegister)
    with pytest.raises(FieldError) as refused:
        register.record(_received(**changes))
    assert refused.value.field == field and words in str(refused.value)
    assert register.entries() == []


def test_a_failure_before_commit_takes_no_number(office):
    register = office(IncomingRegister)

    def library_refuses(entry):
        raise VanbanError("tệp hỏng")

    with pytest.raises(VanbanError, match="tệp hỏng"):
        register.record(_received(), then=library_refuses)
    assert register.entries() == [] and office(AuditLog).entries() == []
    assert register.record(_received()).number == 1


def test_the_day_defaults_to_today(office):
    entry = office(IncomingRegister).record(_received(day=""))
    assert entry.received_on == _dt.date.today().isoformat()


def test_changes_are_kept_in_history_and_audit(office):
    register = office(IncomingRegister)
    entry = register.record(_received(), actor="van.thu")
    changed = register.fill(entry.id, {"handler": "Phòng Tài chính", "receipt": "Lê Hoa"}, actor="van.thu")
    assert (changed.handler, changed.receipt, changed.number) == ("Phòng Tài chính", "Lê Hoa", 1)
    history = register.history(entry.id)
    assert [line.action for line in history] == [RECEIVED, FILLED]
    assert "đơn vị hoặc người nhận: «Phòng Kinh tế» → «Phòng Tài chính»" in history[1].detail
    assert [e.action for e in office(AuditLog).entries(limit=2)] == ["bổ sung sổ văn bản đến", "vào sổ văn bản đến"]
    with pytest.raises(FieldError, match="sổ năm 2026"):
        register.fill(entry.id, {"received_on": "2025-12-30", "signed_on": ""})
    with pytest.raises(VanbanError, match="không có mục số 7"):
        register.fill(7, {"receipt": "x"})


@pytest.mark.parametrize("statement", ["UPDATE incoming_events SET detail = ''", "DELETE FROM incoming_events"])
def test_history_is_append_only(office, statement):
    register = office(IncomingRegister)
    entry = register.record(_received())
    with pytest.raises(VanbanError, match="chỉ được ghi thêm"), register._transaction() as connection:
        connection.execute(statement)
    assert [line.action for line in register.history(entry.id)] == [RECEIVED]
