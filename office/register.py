"""Sổ đăng ký văn bản: the next number per issuer, type and year (NĐ 30, Điều 15).

Numbers restart at 01 on 1 January. Allocation is one transaction under the office database's
write lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL: `office/database.py`), so
any number of processes can ask at once and never get the same number twice or leave a gap.
A cancelled number stays in the register with its reason and is never handed out again; Điều 15
does not allow reusing a number within the year.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass, replace

from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LETTER_TYPE
from vanban.library.errors import VanbanError
from vanban.library.vietnamese import nfc
from vanban.office.database import Connection, Dialects, OfficeStore

ISSUED, RESERVED, CANCELLED = "đã cấp", "giữ số", "đã hủy"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    issuer TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ đăng ký chỉ được ghi thêm'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ đăng ký chỉ được ghi thêm'); END;
CREATE TABLE IF NOT EXISTS entries (
    issuer TEXT NOT NULL,
    doc_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, doc_type, year, number)
)
"""
#: Step 2: the history's order in a column of its own (`seq`), not SQLite's rowid, so that it is the
#: same on PostgreSQL; a file made before it keeps its order (seq = rowid, the trigger lifted for it).
_EVENT_ORDER = Dialects(
    sqlite="""
DROP TRIGGER IF EXISTS events_append_only_update;
ALTER TABLE events ADD COLUMN seq INTEGER;
UPDATE events SET seq = rowid;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ đăng ký chỉ được ghi thêm'); END;
CREATE UNIQUE INDEX events_order ON events (seq);
""",
    postgresql="ALTER TABLE events ADD COLUMN seq INTEGER; CREATE UNIQUE INDEX events_order ON events (seq)",
)


@dataclass(frozen=True)
class RegisterEntry:
    """One number of the register and what became of it (cấp, giữ, hủy)."""

    issuer: str
    doc_type: str
    year: int
    number: int
    status: str
    note: str
    reason: str
    created_at: str

    @property
    def symbol(self) -> str:
        """ "05/KH-UBND"; a công văn's ký hiệu is the issuer and its unit, so only the issuer here."""
        if self.doc_type == LETTER_TYPE:
            return f"{self.number:02d}/{self.issuer}"
        return f"{self.number:02d}/{self.doc_type}-{self.issuer}"

    def to_dict(self) -> dict:
        return {**asdict(self), "symbol": self.symbol}


#: An issuer's abbreviation as it stands in a ký hiệu: capitals and digits, parts joined by "-".
_ISSUER = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
#: The oldest year a register may hold (the Democratic Republic's first documents).
FIRST_YEAR = 1945


def valid_issuer(issuer: str) -> str:
    """Trimmed and NFC, so "UBND " and "UBND" are one series; refused when it cannot be a ký hiệu."""
    issuer = nfc(issuer or "").strip()
    if not issuer:
        raise VanbanError("cơ quan ban hành (--issuer) không được để trống; ví dụ UBND, SCT.")
    if not _ISSUER.match(issuer):
        raise VanbanError(
            f"cơ quan ban hành «{issuer}» không dùng được trong ký hiệu: chỉ chữ in hoa, chữ số và dấu «-», "
            "ví dụ UBND, SCT, UBND-KT."
        )
    return issuer


def valid_year(year: int | None) -> int:
    this_year = _dt.date.today().year
    if year is None:
        return this_year
    if not FIRST_YEAR <= year <= this_year + 1:
        raise VanbanError(f"năm {year} không hợp lệ: sổ đăng ký nhận năm từ {FIRST_YEAR} đến {this_year + 1}.")
    return year


def valid_type(doc_type: str) -> str:
    doc_type = nfc(doc_type or "").strip()
    known = set(ADMINISTRATIVE_ABBREVIATIONS.values()) | {LETTER_TYPE}
    if doc_type not in known:
        raise VanbanError(
            f"loại «{doc_type}» không có trong Phụ lục III Nghị định 30/2020/NĐ-CP. "
            f"Dùng chữ viết tắt, ví dụ KH, BC, TTr, QĐ; công văn dùng {LETTER_TYPE}."
        )
    return doc_type


def _record(connection: Connection, entry: RegisterEntry, action: str, detail: str, at: str) -> None:
    connection.execute(
        "INSERT INTO events (issuer, doc_type, year, number, action, detail, at, seq) "
        "SELECT ?, ?, ?, ?, ?, ?, ?, COALESCE(MAX(seq), 0) + 1 FROM events",
        (entry.issuer, entry.doc_type, entry.year, entry.number, action, detail, at),
    )


class Register(OfficeStore):
    """The sổ đăng ký văn bản on the office database: entries, and their history that is only ever added to."""

    noun = "sổ đăng ký"
    key = "register"
    schema = _SCHEMA
    migrations = (_EVENT_ORDER,)

    def _allocate(self, doc_type: str, issuer: str, year: int | None, status: str, note: str) -> RegisterEntry:
        doc_type, issuer, year, note = valid_type(doc_type), valid_issuer(issuer), valid_year(year), nfc(note).strip()
        stamp = _dt.datetime.now().isoformat(timespec="seconds")
        with self._transaction() as connection:
            (last,) = connection.execute(
                "SELECT COALESCE(MAX(number), 0) FROM entries WHERE issuer = ? AND doc_type = ? AND year = ?",
                (issuer, doc_type, year),
            ).fetchone()
            entry = RegisterEntry(issuer, doc_type, year, last + 1, status, note, "", stamp)
            connection.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (issuer, doc_type, year, entry.number, status, note, "", stamp),
            )
            _record(connection, entry, status, note, stamp)
        return entry

    def next(self, doc_type: str, issuer: str, year: int | None = None, note: str = "") -> RegisterEntry:
        return self._allocate(doc_type, issuer, year, ISSUED, note)

    def reserve(self, doc_type: str, issuer: str, year: int | None = None, note: str = "") -> RegisterEntry:
        return self._allocate(doc_type, issuer, year, RESERVED, note)

    def cancel(self, doc_type: str, issuer: str, year: int, number: int, reason: str) -> RegisterEntry:
        """Cancel a number once; it stays in the register with its reason and is never reused."""
        doc_type, issuer, year, reason = (
            valid_type(doc_type),
            valid_issuer(issuer),
            valid_year(year),
            nfc(reason).strip(),
        )
        if not reason:
            raise VanbanError("cần ghi lý do hủy số (--reason).")
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT * FROM entries WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (issuer, doc_type, year, number),
            ).fetchone()
            if row is None:
                raise VanbanError(f"sổ chưa cấp số {number:02d}/{doc_type}-{issuer} năm {year}.")
            entry = RegisterEntry(*row)
            if entry.status == CANCELLED:
                raise VanbanError(
                    f"số {entry.symbol} năm {year} đã hủy trước đó (lý do: {entry.reason}); không hủy lại."
                )
            connection.execute(
                "UPDATE entries SET status = ?, reason = ? "
                "WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (CANCELLED, reason, issuer, doc_type, year, number),
            )
            _record(connection, entry, CANCELLED, reason, _dt.datetime.now().isoformat(timespec="seconds"))
            return replace(entry, status=CANCELLED, reason=reason)

    def history(self, doc_type: str, issuer: str, year: int, number: int) -> list[tuple[str, str, str]]:
        """What happened to one number, oldest first: (action, note or reason, time)."""
        if not self.exists():
            return []
        with self._session() as connection:
            return connection.execute(
                "SELECT action, detail, at FROM events WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ? "
                "ORDER BY seq",
                (valid_issuer(issuer), valid_type(doc_type), year, number),
            ).fetchall()

    def entries(
        self, year: int | None = None, issuer: str | None = None, doc_type: str | None = None
    ) -> list[RegisterEntry]:
        if not self.exists():
            return []
        clauses, values = [], []
        for column, value in (("year", year), ("issuer", issuer), ("doc_type", doc_type)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._session() as connection:
            rows = connection.execute(
                f"SELECT * FROM entries {where} ORDER BY year, issuer, doc_type, number", values
            ).fetchall()
        return [RegisterEntry(*row) for row in rows]
