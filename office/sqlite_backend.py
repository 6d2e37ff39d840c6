"""The office database as one SQLite file (WAL) in the data folder: the default, nothing to install.

Writes take the file's write lock first (BEGIN IMMEDIATE), so any number of processes can write at
once and wait their turn instead of failing half-way; readers never wait in WAL mode.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.office.backend import Backend, Connection, Dialects, statements


class SqliteBackend(Backend):
    name = "sqlite"
    errors = (sqlite3.Error,)

    def __init__(self, path: Path):
        self.path = Path(path)
        self.where = str(self.path)

    def exists(self) -> bool:
        return self.path.exists()

    def connect(self, busy_seconds: float) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=busy_seconds, isolation_level=None)
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(busy_seconds * 1000)}")
            connection.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            connection.close()
            raise
        return connection

    def begin(self, connection: Connection, busy_seconds: float) -> None:
        connection.execute("BEGIN IMMEDIATE")

    def has_table(self, connection: Connection, table: str) -> bool:
        found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        return found.fetchone() is not None

    def bootstrap(self, connection: Connection) -> None:
        """Nothing: SQLite runs the append-only triggers as written."""

    def run_step(self, connection: Connection, step: str | Dialects) -> None:
        # One statement at a time: executescript would commit the migration's transaction first.
        for statement in statements(step.sqlite if isinstance(step, Dialects) else step):
            connection.execute(statement)

    def refusal(self, error: BaseException, noun: str, busy_seconds: float) -> VanbanError:
        text = str(error)
        if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return self.busy(noun, busy_seconds)
        if isinstance(error, sqlite3.IntegrityError):
            return VanbanError(f"{noun} từ chối thay đổi này ({text}).", self.where)
        if isinstance(error, sqlite3.OperationalError):
            return VanbanError(f"không dùng được {noun} ({text}).", self.where)
        return VanbanError(f"{noun} bị hỏng ({text}); hãy khôi phục tệp từ bản sao lưu, không xóa tệp này.", self.where)
