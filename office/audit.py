"""Nhật ký thao tác: who did what to which object, when — only ever added to.

Each line is written in the same transaction as the change it records (`append`), so the log can
neither miss a change nor hold one that was rolled back. Triggers refuse UPDATE and DELETE, as for
the register's history. Times are UTC with their offset, comparable as text and the same on every
machine; the CLI shows them in local time.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass

from vanban.office.database import Connection, OfficeStore

#: `id` is given by the writer (MAX + 1 under the write lock): plain SQL that PostgreSQL accepts too.
SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
CREATE TRIGGER IF NOT EXISTS audit_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'nhật ký thao tác chỉ được ghi thêm'); END;
CREATE TRIGGER IF NOT EXISTS audit_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'nhật ký thao tác chỉ được ghi thêm'); END;
"""

Clock = Callable[[], _dt.datetime]


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def stamp(moment: _dt.datetime) -> str:
    """One text form for every stored time, so that comparing the text compares the times."""
    return moment.astimezone(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    detail: str

    def to_dict(self) -> dict:
        return asdict(self)


def append(connection: Connection, at: _dt.datetime, actor: str, action: str, target: str, detail: str) -> None:
    """Add a line inside the caller's write transaction (the change and its record commit together)."""
    connection.execute(
        "INSERT INTO audit (id, at, actor, action, target, detail) "
        "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ? FROM audit",
        (stamp(at), actor, action, target, detail),
    )


class AuditLog(OfficeStore):
    """The audit log on its own, for actions that change nothing else in the office database (an upload)."""

    noun = "nhật ký thao tác"
    key = "audit"
    schema = SCHEMA

    def __init__(self, data_dir, clock: Clock = utc_now, database: str | None = None):
        super().__init__(data_dir, database)
        self.clock = clock

    def record(self, actor: str, action: str, target: str = "", detail: str = "") -> None:
        with self._transaction() as connection:
            append(connection, self.clock(), actor, action, target, detail)

    def entries(self, since: _dt.datetime | None = None, user: str | None = None, limit: int = 100) -> list[AuditEntry]:
        """The newest `limit` lines first, from `since` on and by one actor if asked."""
        if not self.exists():
            return []
        clauses, values = [], []
        if since is not None:
            clauses.append("at >= ?")
            values.append(stamp(since))
        if user is not None:
            clauses.append("actor = ?")
            values.append(user)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._session() as connection:
            rows = connection.execute(
                f"SELECT id, at, actor, action, target, detail FROM audit {where} ORDER BY id DESC LIMIT ?",
                (*values, limit),
            ).fetchall()
        return [AuditEntry(*row) for row in rows]
