"""The office database: one SQLite file (WAL) in the data folder for the register, accounts and the audit log.

The design card asks for one database for the office's records, so that a number, the account that
took it and the audit line can be written in one transaction and a backup is one file. The file
keeps the register's name, so registers already in use carry on without a migration. Every store
on it (the register, `Users`, `AuditLog`) brings its tables as plain SQL that PostgreSQL also
accepts; only the append-only triggers are SQLite's own dialect (PostgreSQL needs a trigger
function for the same guard).

Writes take the write lock first (BEGIN IMMEDIATE), so any number of processes can write at once
and wait their turn instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from vanban.library.errors import VanbanError

OFFICE_FILE = "so-dang-ky.sqlite"


class OfficeStore:
    """A store on the office database: its tables, and its errors said as what happened and what to do."""

    #: How long a request waits for another writer before saying the database is busy.
    busy_seconds = 60.0
    #: What users call this store in messages ("sổ đăng ký").
    noun = "cơ sở dữ liệu văn phòng"
    #: The store's tables (CREATE … IF NOT EXISTS), made on every connection so a new file just works.
    schema = ""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / OFFICE_FILE

    @contextmanager
    def _session(self) -> Iterator[sqlite3.Connection]:
        """A connection whose database errors reach the user as what happened and what to do."""
        try:
            with closing(self._connect()) as connection:
                yield connection
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise VanbanError(
                    f"{self.noun} đang bận quá {self.busy_seconds:g} giây (một người khác đang ghi); "
                    "hãy thử lại sau ít phút.",
                    self.path,
                ) from None
            raise VanbanError(f"không dùng được {self.noun} ({error}).", self.path) from None
        except sqlite3.DatabaseError as error:
            raise VanbanError(
                f"{self.noun} bị hỏng ({error}); hãy khôi phục tệp từ bản sao lưu, không xóa tệp này.", self.path
            ) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing: the write lock is taken first, and any error (a refusal too) rolls back."""
        with self._session() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
            connection.execute(f"PRAGMA busy_timeout = {int(self.busy_seconds * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
            connection.executescript(self.schema)
        except sqlite3.DatabaseError as error:
            raise VanbanError(f"không mở được {self.noun} ({error}).", self.path) from None
        return connection
