"""The office database on a PostgreSQL server (psycopg 3), for a department running several workers
or machines against one register.

One write lock, as on SQLite. Every write transaction first takes one transaction-scoped advisory
lock (`pg_advisory_xact_lock`), held until COMMIT or ROLLBACK. That gives PostgreSQL the exact write
semantics of SQLite's BEGIN IMMEDIATE, so every store's read-then-write — the next number
(MAX + 1, gap-free and duplicate-free), cancelling a number once, keeping the last admin, the audit
log's MAX(id) + 1 — is correct on both engines with the same code. A lock per series (or LOCK TABLE)
would let two series allocate at the same instant, but would leave every other check-then-write to
guard itself, table by table, and each missed guard is a duplicate number or a lost admin; the
office writes a few rows per minute in transactions of a few milliseconds, so one lock costs
nothing measurable (bench/office_db.py). Readers never wait for it (MVCC). `lock_timeout` bounds
the wait, so a stuck writer is reported as "đang bận", as on SQLite.

The stores' SQL is the subset both engines accept with `?` placeholders; here `?` becomes psycopg's
`%s` (and a literal `%` becomes `%%`), outside quoted text only. SQLite's append-only triggers
(`BEFORE UPDATE|DELETE … BEGIN SELECT RAISE(ABORT, '…'); END`) are rewritten into triggers calling
one PL/pgSQL function that raises the same message; TRUNCATE, which skips row triggers, is refused too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from vanban.library.errors import VanbanError
from vanban.office.backend import Backend, Cursor, Dialects, safe_url, statements, url_password

#: The key of the office's write lock ("vanban" in ASCII): one per database, whatever the schema.
WRITE_LOCK = 0x76616E62616E
CONNECT_SECONDS = 10

#: Made before any migration step: the function every append-only trigger calls.
BOOTSTRAP = """
CREATE OR REPLACE FUNCTION vanban_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END
$$
"""

_APPEND_ONLY = re.compile(
    r"CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?(?P<name>\w+)\s+BEFORE\s+(?P<event>UPDATE|DELETE)\s+ON\s+"
    r"(?P<table>\w+)\s+BEGIN\s+SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*(?P<message>'(?:[^']|'')*')\s*\)\s*;\s*END;?",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@functools.lru_cache(maxsize=512)
def pyformat(sql: str) -> str:
    """`?` placeholders as psycopg's `%s`, a literal `%` as `%%`; quoted text is left as it is."""
    return _PLACEHOLDER.sub(lambda match: {"?": "%s", "%": "%%"}.get(match.group(), match.group()), sql)


def translate(statement: str) -> str:
    """A statement of a common migration step as PostgreSQL runs it: SQLite's append-only trigger
    becomes a PostgreSQL trigger; any other trigger must be written as a `Dialects` step."""
    found = _APPEND_ONLY.fullmatch(statement.strip())
    if found is None:
        if re.match(r"\s*CREATE\s+TRIGGER\b", statement, re.IGNORECASE):
            raise ValueError(f"only append-only triggers are translated for PostgreSQL; use Dialects for: {statement}")
        return statement
    name, event, table, message = found.group("name", "event", "table", "message")
    made = (
        f"CREATE OR REPLACE TRIGGER {name} BEFORE {event.upper()} ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION vanban_refuse_change({message})"
    )
    if event.upper() == "DELETE":
        made += (
            f";\nCREATE OR REPLACE TRIGGER {name}_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION vanban_refuse_change({message})"
        )
    return made


class _Connection:
    """A psycopg connection that takes the stores' `?` placeholders."""

    def __init__(self, connection: psycopg.Connection):
        self.raw = connection

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        if not parameters:
            return self.raw.execute(sql)
        return self.raw.execute(pyformat(sql), tuple(parameters))

    def close(self) -> None:
        self.raw.close()


class PostgresBackend(Backend):
    name = "postgresql"
    errors = (psycopg.Error,)

    def __init__(self, url: str):
        self.url = url
        self.where = safe_url(url)
        self._password = url_password(url)

    def exists(self) -> bool:
        return True  # the server holds the database; whether it answers is said when connecting

    def connect(self, busy_seconds: float) -> _Connection:
        try:
            connection = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_SECONDS)
        except psycopg.OperationalError as error:
            raise VanbanError(
                "không kết nối được máy chủ PostgreSQL (VANBAN_DATABASE_URL): máy chủ chưa chạy, sai địa chỉ, "
                f"sai tài khoản hoặc mật khẩu ({self._hidden(error)}).",
                self.where,
            ) from None
        return _Connection(connection)

    def begin(self, connection: _Connection, busy_seconds: float) -> None:
        connection.execute(
            f"BEGIN; SET LOCAL lock_timeout = {int(busy_seconds * 1000)}; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
        )

    def has_table(self, connection: _Connection, table: str) -> bool:
        return connection.execute("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()[0]

    def run_step(self, connection: _Connection, step: str | Dialects) -> None:
        if isinstance(step, Dialects):
            connection.execute(step.postgresql)
            return
        for statement in statements(step):
            connection.execute(translate(statement))

    def bootstrap(self, connection: _Connection) -> None:
        encoding = connection.execute("SHOW server_encoding").fetchone()[0]
        if encoding != "UTF8":
            raise VanbanError(
                f"cơ sở dữ liệu PostgreSQL dùng bảng mã {encoding}, không ghi được tiếng Việt; "
                "hãy tạo lại với ENCODING 'UTF8' (xem README, mục PostgreSQL).",
                self.where,
            )
        connection.execute(BOOTSTRAP)

    def refusal(self, error: BaseException, noun: str, busy_seconds: float) -> VanbanError:
        text = self._hidden(error)
        if isinstance(error, pg_errors.LockNotAvailable | pg_errors.SerializationFailure | pg_errors.DeadlockDetected):
            return self.busy(noun, busy_seconds)
        if isinstance(error, pg_errors.DataCorrupted | pg_errors.IndexCorrupted):
            return VanbanError(
                f"{noun} bị hỏng trên máy chủ PostgreSQL ({text}); hãy báo người quản trị máy chủ khôi phục "
                "từ bản sao lưu.",
                self.where,
            )
        if isinstance(error, pg_errors.InsufficientPrivilege):
            return VanbanError(
                f"tài khoản PostgreSQL không đủ quyền với {noun} ({text}); tài khoản của vanban phải là chủ "
                "cơ sở dữ liệu của nó (xem README, mục PostgreSQL).",
                self.where,
            )
        if isinstance(error, psycopg.IntegrityError):
            return VanbanError(f"{noun} từ chối thay đổi này ({text}).", self.where)
        if isinstance(error, psycopg.OperationalError):
            return VanbanError(f"mất kết nối tới máy chủ PostgreSQL khi dùng {noun} ({text}).", self.where)
        return VanbanError(f"không dùng được {noun} ({text}).", self.where)

    def _hidden(self, error: BaseException) -> str:
        """The error's text on one line, the password never in it (libpq does not echo it, but be sure)."""
        text = " ".join(str(error).split())
        return text.replace(self._password, "***") if self._password else text
