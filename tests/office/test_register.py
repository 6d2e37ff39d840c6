"""Sổ văn bản đi: numbers by series and year, the Phụ lục IV columns; concurrent processes never
duplicate or skip.

Every test taking the `office` fixture runs on both databases (the SQLite file, a PostgreSQL schema);
those that build or read an SQLite file themselves (a register of earlier versions) run on SQLite.
"""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.database import OFFICE_FILE
from vanban.office.incoming import IncomingRegister
from vanban.office.register import (
    CANCELLED,
    FILLED,
    ISSUED,
    PER_TYPE,
    POLICY_SET,
    SHARED,
    FieldError,
    Particulars,
    Register,
)

WORKERS, EACH = 8, 50
V2_FILE = Path(__file__).parent / "data" / "so-dang-ky-v2.sqlite"


def _allocate(folder: str, database: str) -> list[int]:
    register = Register(Path(folder), database=database)
    return [register.next("KH", "UBND", 2026).number for _ in range(EACH)]


def test_concurrent_allocations_never_duplicate_or_skip(office):
    office(Register).next("KH", "SCT", 2026)  # the tables exist: the workers race for numbers, not for migrations
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        results = pool.starmap(_allocate, [(str(office.data_dir), office.database)] * WORKERS)
    numbers = sorted(n for batch in results for n in batch)
    assert numbers == list(range(1, WORKERS * EACH + 1))
    assert all(batch == sorted(batch) for batch in results)
    last = office(Register).find("KH", "UBND", 2026, WORKERS * EACH)
    assert [line.action for line in office(Register).history(last.id)] == [ISSUED]


def test_concurrent_first_use_migrates_once(office):
    """Processes opening an empty database at the same moment: each step runs once, nothing fails."""
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.starmap(_allocate, [(str(office.data_dir), office.database)] * 4)
    assert sorted(n for batch in results for n in batch) == list(range(1, 4 * EACH + 1))


def test_default_is_one_series_per_issuer_and_year_for_administrative_documents(office):
    register = office(Register)
    assert register.next("KH", "UBND", 2025).symbol == "01/KH-UBND"
    assert register.next("BC", "UBND", 2025).symbol == "02/BC-UBND", "Điều 15.1.c: one series for all types"
    assert register.next("CV", "UBND", 2025).symbol == "03/UBND"
    assert register.next("KH", "SCT", 2025).number == 1, "each issuer has its own"
    assert register.next("KH", "UBND", 2026).number == 1, "numbers restart on 1 January"
    assert register.policy("UBND", 2025) == SHARED


def test_per_type_policy_takes_effect_from_the_next_year_not_begun(office):
    register = office(Register)
    register.next("KH", "UBND", 2025)
    assert register.set_policy("UBND", PER_TYPE) == [2025], "2025 has begun with the shared series"
    assert register.next("BC", "UBND", 2025).number == 2, "a begun year keeps its policy: no ký hiệu twice"
    assert register.next("KH", "UBND", 2026).number == 1
    assert register.next("BC", "UBND", 2026).number == 1, "per type from 2026"
    assert register.next("KH", "UBND", 2026).symbol == "02/KH-UBND"
    assert POLICY_SET in [e.action for e in office(AuditLog).entries()]


def test_secret_and_normative_documents_have_their_own_series(office):
    register = office(Register)
    register.next("QĐ", "UBND", 2026)
    secret = register.next("QĐ", "UBND", 2026, secret=True)
    assert (secret.number, secret.series) == (1, "MẬT HC"), "Điều 15.2: văn bản mật, hệ thống số riêng"
    legal = register.next("QĐ", "UBND", 2026, normative=True)
    assert legal.symbol == "01/2026/QĐ-UBND", "Điều 15.1.a: each normative kind its own series"
    assert register.next("NQ", "HĐND", 2026, normative=True).symbol == "01/2026/NQ-HĐND"
    assert register.next("QĐ", "UBND", 2026, normative=True).number == 2
    assert register.next("KH", "UBND", 2026).number == 2
    assert [e.symbol for e in register.entries(year=2026, secret=True)] == ["01/QĐ-UBND"]


def test_numbers_below_ten_keep_their_leading_zero(office):
    register = office(Register)
    symbols = [register.next("KH", "UBND", 2026).symbol for _ in range(10)]
    assert symbols[0] == "01/KH-UBND" and symbols[8] == "09/KH-UBND" and symbols[9] == "10/KH-UBND"


def test_reserve_and_cancel_keep_numbers_used(office):
    register = office(Register)
    register.next("QĐ", "UBND", 2026)
    reserved = register.reserve("QĐ", "UBND", 2026, note="chờ ký")
    assert reserved.number == 2 and reserved.status == "giữ số"
    cancelled = register.cancel("QĐ", "UBND", 2026, 1, "ký nhầm")
    assert cancelled.status == CANCELLED and cancelled.reason == "ký nhầm"
    assert register.next("QĐ", "UBND", 2026).number == 3
    assert register.next("KH", "UBND", 2026).number == 4, "one series: a cancelled number is never reused"
    listed = register.entries(year=2026)
    assert [(e.number, e.status) for e in listed] == [(1, "đã hủy"), (2, "giữ số"), (3, "đã cấp"), (4, "đã cấp")]


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


def test_a_letter_with_its_drafting_unit_is_registered_as_the_document_says(office):
    """A công văn's ký hiệu is issuer and drafting unit (Phụ lục III): "02/SCT-QLCN", as its Số: line;
    the unit is kept and shown, but is no series of its own; another type's ký hiệu has no unit."""
    register = office(Register)
    register.next("KH", "SCT", 2026, unit="QLCN")
    letter = register.next("CV", "SCT", 2026, unit=" QLCN ")
    assert letter.symbol == "02/SCT-QLCN" and register.get(letter.id).symbol == "02/SCT-QLCN"
    assert register.entries()[0].symbol == "01/KH-SCT"
    assert register.last_issuer() == "SCT"
    with pytest.raises(FieldError) as refused:
        register.next("CV", "SCT", 2026, unit="qlcn/x")
    assert refused.value.field == "unit" and "đơn vị soạn thảo «qlcn/x»" in refused.value.message
    assert len(register.entries()) == 2


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
    assert [line.action for line in register.history(entry.id)] == [ISSUED, CANCELLED]


@pytest.mark.parametrize("statement", ["UPDATE outgoing_events SET detail = 'sửa'", "DELETE FROM outgoing_events"])
def test_history_is_append_only(office, statement):
    register = office(Register)
    entry = register.next("KH", "UBND", 2026, note="kế hoạch")
    with pytest.raises(VanbanError, match="chỉ được ghi thêm"), register._transaction() as connection:
        connection.execute(statement)
    [line] = register.history(entry.id)
    assert (line.action, line.detail, line.actor) == (ISSUED, "kế hoạch", "dòng lệnh")


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


#: The register as vanban wrote it before series (per issuer, type and year): its exact tables.
LEGACY = """
CREATE TABLE events (issuer TEXT NOT NULL, doc_type TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
    action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE TABLE entries (issuer TEXT NOT NULL, doc_type TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
    status TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, doc_type, year, number));
"""


def _legacy_register(folder: Path, year: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "so-dang-ky.sqlite"
    with sqlite3.connect(path) as connection:
        connection.executescript(LEGACY)
        rows = [
            ("KH", 1, ISSUED, "kế hoạch A", ""),
            ("KH", 2, CANCELLED, "kế hoạch B", "ký nhầm"),
            ("BC", 1, ISSUED, "", ""),
        ]
        for doc_type, number, status, note, reason in rows:
            at = f"{year}-02-0{number}T08:00:00"
            connection.execute(
                "INSERT INTO entries VALUES ('UBND', ?, ?, ?, ?, ?, ?, ?)",
                (doc_type, year, number, status, note, reason, at),
            )
            connection.execute(
                "INSERT INTO events VALUES ('UBND', ?, ?, ?, ?, ?, ?)", (doc_type, year, number, ISSUED, note, at)
            )
            if status == CANCELLED:
                connection.execute(
                    "INSERT INTO events VALUES ('UBND', ?, ?, ?, ?, ?, ?)",
                    (doc_type, year, number, CANCELLED, reason, at),
                )
    return path


def test_a_register_of_earlier_versions_keeps_its_per_type_year_and_loses_nothing(tmp_path):
    """Its year goes on per type (01/BC and 02/KH were handed out: no ký hiệu twice); the next year
    begins with the default shared series; every old number and history line is there."""
    path = _legacy_register(tmp_path, 2025)
    register = Register(tmp_path, database="")
    old = register.entries()
    assert [(e.symbol, e.status, e.title, e.reason) for e in old] == [
        ("01/BC-UBND", ISSUED, "", ""),
        ("01/KH-UBND", ISSUED, "kế hoạch A", ""),
        ("02/KH-UBND", CANCELLED, "kế hoạch B", "ký nhầm"),
    ]
    assert [line.action for line in register.history(old[2].id)] == [ISSUED, CANCELLED]
    assert register.policy("UBND", 2025) == PER_TYPE
    assert register.next("KH", "UBND", 2025).symbol == "03/KH-UBND"
    assert register.next("BC", "UBND", 2025).symbol == "02/BC-UBND"
    assert register.next("TTr", "UBND", 2025).symbol == "01/TTr-UBND"
    assert register.next("KH", "UBND", 2026).symbol == "01/KH-UBND"
    assert register.next("BC", "UBND", 2026).symbol == "02/BC-UBND", "2026 uses the shared series"
    symbols = [(e.year, e.symbol) for e in register.entries()]
    assert len(symbols) == len(set(symbols)) == 8
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM entries").fetchone() == (3,), "the old tables are kept"
    assert len(Register(tmp_path, database="").entries()) == 8, "copied once, not on every open"


def test_the_legacy_copy_is_all_or_nothing_with_the_other_steps(tmp_path, monkeypatch):
    """A step failing after the copy leaves the old register as it was, to be copied on the next open."""
    path = _legacy_register(tmp_path, 2025)
    monkeypatch.setattr(Register, "migrations", (*Register.migrations, "ALTER TABLE khong_co_bang ADD COLUMN x TEXT"))
    with pytest.raises(VanbanError, match="không dùng được sổ đăng ký"):
        Register(tmp_path, database="").next("KH", "UBND", 2025)
    with sqlite3.connect(path) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"entries", "events"}, "nothing was added"
    monkeypatch.undo()
    assert Register(tmp_path, database="").next("KH", "UBND", 2025).symbol == "03/KH-UBND"


def test_a_file_of_the_registers_first_release_is_not_copied_twice(tmp_path):
    """`so-dang-ky-v2.sqlite` was written by the registers' release before schema_migrations (sổ đi
    and đến, the legacy copy recorded in its own `register_migrations` table): everything is kept
    once, and that table gives way to schema_migrations."""
    shutil.copy(V2_FILE, tmp_path / OFFICE_FILE)
    register = Register(tmp_path, database="")
    entries = register.entries()
    assert [(e.id, e.year, e.series, e.symbol, e.status, e.title) for e in entries] == [
        (1, 2025, "BC", "01/BC-UBND", ISSUED, "báo cáo"),
        (2, 2025, "KH", "01/KH-UBND", ISSUED, "kế hoạch năm"),
        (3, 2025, "KH", "02/KH-UBND", CANCELLED, ""),
        (4, 2025, "KH", "03/KH-UBND", ISSUED, "kế hoạch bổ sung"),
        (5, 2026, "HC", "01/BC-UBND", ISSUED, "Báo cáo quý I"),
        (6, 2026, "MẬT HC", "01/QĐ-UBND", ISSUED, ""),
    ]
    assert [line.action for line in register.history(3)] == [ISSUED, CANCELLED]
    assert [line.action for line in register.history(5)] == [ISSUED, FILLED] and entries[4].copies == 5
    assert register.policy("UBND", 2025) == PER_TYPE and register.policy("UBND", 2026) == SHARED
    assert register.next("KH", "UBND", 2025).symbol == "04/KH-UBND"
    assert register.next("KH", "UBND", 2026).symbol == "02/KH-UBND"
    assert [e.number for e in IncomingRegister(tmp_path, database="").entries()] == [1]
    with register._session() as connection:
        steps = connection.execute("SELECT step FROM schema_migrations WHERE store = 'register'").fetchall()
        assert sorted(steps) == [(1,), (2,), (3,), (4,), (5,)]
        assert connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'register_migrations'").fetchone() is None


def test_the_clerk_completes_columns_later_each_change_in_history_and_audit(office):
    register = office(Register)
    entry = register.next(
        "KH",
        "UBND",
        2026,
        particulars=Particulars(title="Kế hoạch tập huấn", signer="Nguyễn Hồng Lĩnh"),
        actor="van.thu",
    )
    filled = register.fill(
        entry.id, {"copies": "12", "sent_on": "05/03/2026", "receipt": "Trần Bình", "remarks": ""}, actor="van.thu"
    )
    assert (filled.copies, filled.sent_on, filled.receipt, filled.signer) == (
        12,
        "2026-03-05",
        "Trần Bình",
        "Nguyễn Hồng Lĩnh",
    )
    again = register.fill(entry.id, {"copies": 14}, actor="van.thu")
    assert again.copies == 14
    assert register.fill(entry.id, {"copies": 14}, actor="van.thu") == again, "no change, no history line"
    history = register.history(entry.id)
    assert [line.action for line in history] == [ISSUED, FILLED, FILLED]
    assert history[2].detail == "số lượng bản: «12» → «14»" and history[2].actor == "van.thu"
    assert "ngày chuyển: «» → «05/03/2026»" in history[1].detail
    lines = office(AuditLog).entries(limit=3)
    assert [(e.actor, e.action, e.target) for e in lines][0] == (
        "van.thu",
        "bổ sung sổ văn bản đi",
        "01/KH-UBND năm 2026",
    )


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"copies": "ba"}, "copies", "số nguyên dương"),
        ({"copies": "0"}, "copies", "số nguyên dương"),
        ({"sent_on": "31/02/2026"}, "sent_on", "không có thật"),
        ({"remarks": "x" * 2001}, "remarks", "quá 2000"),
        ({"receipt": "a\x01b"}, "receipt", "ký tự điều khiển"),
    ],
)
def test_a_bad_column_is_refused_by_name_and_nothing_changes(office, changes, field, words):
    register = office(Register)
    entry = register.next("KH", "UBND", 2026)
    with pytest.raises(FieldError) as refused:
        register.fill(entry.id, changes)
    assert refused.value.field == field and words in str(refused.value)
    assert register.get(entry.id) == entry and len(register.history(entry.id)) == 1


def test_unknown_entry_and_column(office):
    register = office(Register)
    register.next("KH", "UBND", 2026)
    with pytest.raises(VanbanError, match="không có mục số 9"):
        register.fill(9, {"copies": 1})
    with pytest.raises(VanbanError, match="không có cột"):
        register.fill(1, {"number": 5})
    with pytest.raises(FieldError, match="cách đánh số"):
        register.set_policy("UBND", "moi-thang")
