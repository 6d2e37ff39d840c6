"""Sổ đăng ký văn bản: the next number per issuer, type and year (NĐ 30, Điều 15).

Numbers restart at 01 on 1 January. Allocation is one SQLite transaction taken with BEGIN
IMMEDIATE (the write lock) in WAL mode, so any number of processes can ask at once and never
get the same number twice or leave a gap. A cancelled number stays in the register with its
reason and is never handed out again; Điều 15 does not allow reusing a number within the year.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LETTER_TYPE
from vanban.library.errors import VanbanError

REGISTER_FILE = "so-dang-ky.sqlite"
ISSUED, RESERVED, CANCELLED = "đã cấp", "giữ số", "đã hủy"
_SCHEMA = """
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


def valid_type(doc_type: str) -> str:
    known = set(ADMINISTRATIVE_ABBREVIATIONS.values()) | {LETTER_TYPE}
    if doc_type not in known:
        raise VanbanError(
            f"loại «{doc_type}» không có trong Phụ lục III Nghị định 30/2020/NĐ-CP. "
            f"Dùng chữ viết tắt, ví dụ KH, BC, TTr, QĐ; công văn dùng {LETTER_TYPE}."
        )
    return doc_type


class Register:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / REGISTER_FILE

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            connection.execute("PRAGMA busy_timeout = 60000")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute(_SCHEMA)
        except sqlite3.DatabaseError as error:
            raise VanbanError(f"không mở được sổ đăng ký văn bản ({error}).", self.path) from None
        return connection

    def _allocate(self, doc_type: str, issuer: str, year: int | None, status: str, note: str) -> RegisterEntry:
        valid_type(doc_type)
        year = year or _dt.date.today().year
        stamp = _dt.datetime.now().isoformat(timespec="seconds")
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                (last,) = connection.execute(
                    "SELECT COALESCE(MAX(number), 0) FROM entries WHERE issuer = ? AND doc_type = ? AND year = ?",
                    (issuer, doc_type, year),
                ).fetchone()
                entry = RegisterEntry(issuer, doc_type, year, last + 1, status, note, "", stamp)
                connection.execute(
                    "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (issuer, doc_type, year, entry.number, status, note, "", stamp),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return entry

    def next(self, doc_type: str, issuer: str, year: int | None = None, note: str = "") -> RegisterEntry:
        return self._allocate(doc_type, issuer, year, ISSUED, note)

    def reserve(self, doc_type: str, issuer: str, year: int | None = None, note: str = "") -> RegisterEntry:
        return self._allocate(doc_type, issuer, year, RESERVED, note)

    def cancel(self, doc_type: str, issuer: str, year: int, number: int, reason: str) -> RegisterEntry:
        if not reason.strip():
            raise VanbanError("cần ghi lý do hủy số (--reason).")
        with closing(self._connect()) as connection:
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute(
                "SELECT * FROM entries WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (issuer, doc_type, year, number),
            ).fetchone()
            if row is None:
                connection.execute("ROLLBACK")
                raise VanbanError(f"sổ chưa cấp số {number:02d}/{doc_type}-{issuer} năm {year}.")
            connection.execute(
                "UPDATE entries SET status = ?, reason = ? "
                "WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ?",
                (CANCELLED, reason.strip(), issuer, doc_type, year, number),
            )
            connection.execute("COMMIT")
            return RegisterEntry(*row[:4], CANCELLED, row[5], reason.strip(), row[7])

    def entries(
        self, year: int | None = None, issuer: str | None = None, doc_type: str | None = None
    ) -> list[RegisterEntry]:
        if not self.path.exists():
            return []
        clauses, values = [], []
        for column, value in (("year", year), ("issuer", issuer), ("doc_type", doc_type)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with closing(self._connect()) as connection:
            rows = connection.execute(
                f"SELECT * FROM entries {where} ORDER BY year, issuer, doc_type, number", values
            ).fetchall()
        return [RegisterEntry(*row) for row in rows]
