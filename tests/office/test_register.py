"""Sổ đăng ký: numbers per issuer, type and year; concurrent processes never duplicate or skip.

Every test runs on both databases (the `office` fixture: the SQLite file, a PostgreSQL schema)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.office.register import CANCELLED, ISSUED, Register

WORKERS, EACH = 8, 50


def _allocate(folder: str, database: str) -> list[int]:
    register = Register(Path(folder), database=database)
    return [register.next("KH", "UBND", 2026).number for _ in range(EACH)]


def test_concurrent_allocations_never_duplicate_or_skip(office):
    office(Register).next("BC", "UBND", 2026)  # the tables exist: the workers race for numbers, not for migrations
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        results = pool.starmap(_allocate, [(str(office.data_dir), office.database)] * WORKERS)
    numbers = sorted(n for batch in results for n in batch)
    assert numbers == list(range(1, WORKERS * EACH + 1))
    assert all(batch == sorted(batch) for batch in results)
    history = office(Register).history("KH", "UBND", 2026, WORKERS * EACH)
    assert [action for action, _detail, _at in history] == [ISSUED]


def test_concurrent_first_use_migrates_once(office):
    """Processes opening an empty database at the same moment: each step runs once, nothing fails."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.starmap(_allocate, [(str(office.data_dir), office.database)] * 4)
    assert sorted(n for batch in results for n in batch) == list(range(1, 4 * EACH + 1))


def test_series_per_issuer_type_and_year(office):
    register = office(Register)
    assert register.next("KH", "UBND", 2025).number == 1
    assert register.next("KH", "UBND", 2025).number == 2
    assert register.next("BC", "UBND", 2025).number == 1
    assert register.next("KH", "SCT", 2025).number == 1
    assert register.next("KH", "UBND", 2026).number == 1
    assert register.next("KH", "UBND", 2025).symbol == "03/KH-UBND"


def test_reserve_and_cancel_keep_numbers_used(office):
    register = office(Register)
    register.next("QĐ", "UBND", 2026)
    reserved = register.reserve("QĐ", "UBND", 2026, note="chờ ký")
    assert reserved.number == 2 and reserved.status == "giữ số"
    cancelled = register.cancel("QĐ", "UBND", 2026, 1, "ký nhầm")
    assert cancelled.status == CANCELLED and cancelled.reason == "ký nhầm"
    assert register.next("QĐ", "UBND", 2026).number == 3
    listed = register.entries(year=2026)
    assert [(e.number, e.status) for e in listed] == [(1, "đã hủy"), (2, "giữ số"), (3, "đã cấp")]


def test_errors(office):
    register = office(Register)
    with pytest.raises(VanbanError, match="Phụ lục III"):
        register.next("XYZ", "UBND", 2026)
    with pytest.raises(VanbanError, match="lý do"):
        register.cancel("KH", "UBND", 2026, 1, " ")
    with pytest.raises(VanbanError, match="chưa cấp số 07/KH-UBND"):
        register.cancel("KH", "UBND", 2026, 7, "nhầm")


def test_letters_use_the_issuer_only(office):
    assert office(Register).next("CV", "UBND", 2026).symbol == "01/UBND"


def test_issuer_and_type_are_normalised_into_one_series(office):
    register = office(Register)
    assert register.next("KH", "UBND", 2026).symbol == "01/KH-UBND"
    assert register.next(" KH ", "UBND ", 2026).symbol == "02/KH-UBND", "«UBND » is the same series"


@pytest.mark.parametrize(("issuer", "words"), [("", "không được để trống"), ("[/]", "chỉ chữ in hoa"), ("ubnd", "")])
def test_bad_issuer_is_refused_and_nothing_is_stored(office, issuer, words):
    register = office(Register)
    with pytest.raises(VanbanError) as refused:
        register.next("KH", issuer, 2026)
    assert words in str(refused.value)
    assert register.entries() == []


@pytest.mark.parametrize("year", [-5, 0, 1900, 9999])
def test_year_outside_a_sane_range_is_refused(office, year):
    with pytest.raises(VanbanError, match="không hợp lệ"):
        office(Register).next("KH", "UBND", year)


def test_a_cancelled_number_is_not_cancelled_again_and_keeps_its_first_reason(office):
    register = office(Register)
    register.next("KH", "UBND", 2026)
    register.cancel("KH", "UBND", 2026, 1, "ký nhầm")
    with pytest.raises(VanbanError) as again:
        register.cancel("KH", "UBND", 2026, 1, "lý do khác")
    assert "ký nhầm" in str(again.value)
    [entry] = register.entries()
    assert entry.reason == "ký nhầm"
    assert [action for action, _detail, _at in register.history("KH", "UBND", 2026, 1)] == [ISSUED, CANCELLED]


@pytest.mark.parametrize("statement", ["UPDATE events SET detail = 'sửa'", "DELETE FROM events"])
def test_history_is_append_only(office, statement):
    register = office(Register)
    register.next("KH", "UBND", 2026, note="kế hoạch")
    with pytest.raises(VanbanError, match="chỉ được ghi thêm"), register._transaction() as connection:
        connection.execute(statement)
    assert register.history("KH", "UBND", 2026, 1)[0][:2] == (ISSUED, "kế hoạch")


def test_a_damaged_register_file_is_said_in_vietnamese(tmp_path):
    register = Register(tmp_path, database="")
    register.next("KH", "UBND", 2026)
    register.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    for name in ("-wal", "-shm"):
        register.path.with_name(register.path.name + name).unlink(missing_ok=True)
    with pytest.raises(VanbanError, match="sổ đăng ký bị hỏng|không mở được sổ đăng ký"):
        register.next("KH", "UBND", 2026)


def test_a_register_held_by_another_writer_says_it_is_busy(office, monkeypatch):
    register = office(Register)
    register.next("KH", "UBND", 2026)
    monkeypatch.setattr(Register, "busy_seconds", 0.2)
    with office(Register)._transaction():  # another writer holds the write lock
        with pytest.raises(VanbanError, match="đang bận quá 0.2 giây"):
            register.next("KH", "UBND", 2026)
    assert register.next("KH", "UBND", 2026).number == 2, "nothing was taken while it was busy"
