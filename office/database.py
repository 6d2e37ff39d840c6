"""The office database: the register, accounts, the audit log (and drafts) in one database.

One database, so that a number, the account that took it and the audit line are written in one
transaction. Two engines, chosen by `VANBAN_DATABASE_URL`:

- unset (the default): one SQLite file (WAL), `so-dang-ky.sqlite` in the data folder. Nothing to
  install or run, a backup is one file, and one machine's workers share it safely. Files made by
  earlier versions open as they are (the name is the register's, from before accounts existed).
- `postgresql://user:password@host:5432/vanban`: a PostgreSQL server (psycopg 3), for a department
  running several web workers or machines against one register (`postgres_backend.py`).
- `sqlite:///relative/path.sqlite` or `sqlite:////absolute/path.sqlite`: another SQLite file.

Migrations. Each store keeps its schema as plain SQL, an ordered tuple of steps: `schema` is step 1,
`migrations` the steps after it. A `schema_migrations` table records (store, step) as each is run;
on connecting, the steps not yet recorded run in one transaction under the write lock, so two
processes never run one twice and a failed step leaves the database as it was (both engines have
transactional DDL). A database recording more steps than this program knows was made by a newer
vanban and is refused rather than misread. Why not SQLAlchemy Core + Alembic: the stores' SQL is
a dozen short statements that both engines accept as written; a second schema language, an
Alembic environment and its version scripts would be more code than the schema, and would still
need hand-written SQL for the only real differences (the triggers, the backfill of an old file).
Plain steps also let a store written in the earlier style (one `schema` string) carry over by
moving nothing.

Conventions for store authors (the reviewer checks them):

- Write SQL both engines accept: TEXT, INTEGER (BIGINT when it may pass 2^31), CREATE TABLE / INDEX
  IF NOT EXISTS, PRIMARY KEY, UNIQUE, CHECK, DEFAULT, COALESCE, ORDER BY … LIMIT ?. Times are TEXT in
  one ISO form (`audit.stamp`), so comparing the text compares the times on both engines.
- Placeholders are `?` (translated to `%s` for psycopg; never build SQL from user text).
- No `rowid`: a table whose order matters gets an explicit ordering column, given by the writer as
  `COALESCE(MAX(col), 0) + 1` inside its write transaction (the write lock makes it safe), with a
  UNIQUE index on it.
- `INSERT … ON CONFLICT (key) DO UPDATE SET … = excluded.…`, never INSERT OR REPLACE / REPLACE INTO.
- Name the columns of every INSERT, so a later step may add a column.
- Never edit a step that has shipped: add one. A step both engines cannot say is a `Dialects(sqlite=…,
  postgresql=…)` pair. The one SQLite-only construct allowed in a common step is the append-only
  trigger, `CREATE TRIGGER IF NOT EXISTS t BEFORE UPDATE|DELETE ON table BEGIN SELECT RAISE(ABORT,
  'message'); END;`, which the PostgreSQL backend rewrites into a trigger raising the same message.
- Writes go through `self._transaction()` (all or nothing, under the one write lock), reads through
  `self._session()`; a read of a store that `exists()` not yet returns empty without creating it.
- A store that writes another's tables names it in `requires` (Users writes audit lines), so
  those tables are there first.
"""

from __future__ import annotations

import datetime as _dt
import os
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

from vanban.library.errors import VanbanError
from vanban.office.backend import Backend, Connection, Dialects, safe_url
from vanban.office.sqlite_backend import SqliteBackend

DATABASE_URL = "VANBAN_DATABASE_URL"
OFFICE_FILE = "so-dang-ky.sqlite"

_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    store TEXT NOT NULL,
    step INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (store, step)
)
"""


def open_backend(data_dir: Path, url: str | None = None) -> Backend:
    """The office database named by `url`, else by VANBAN_DATABASE_URL, else the file in the data folder."""
    url = (os.environ.get(DATABASE_URL, "") if url is None else url).strip()
    if not url:
        return SqliteBackend(Path(data_dir) / OFFICE_FILE)
    scheme = url.partition("://")[0].lower()
    if scheme == "sqlite" and url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        return SqliteBackend(Path(url[len("sqlite:///") :]))
    if scheme in ("postgresql", "postgres"):
        _check_server_url(url)
        from vanban.office.postgres_backend import PostgresBackend  # psycopg only when it is used

        return PostgresBackend(url)
    raise VanbanError(
        f"{DATABASE_URL}={safe_url(url)} không dùng được: chỉ nhận "
        "postgresql://tài-khoản:mật-khẩu@máy-chủ:cổng/tên-csdl hoặc sqlite:///đường/dẫn/tệp.sqlite; "
        "bỏ trống để dùng tệp so-dang-ky.sqlite trong thư mục dữ liệu."
    )


def _check_server_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number from 1 to 65535)
    except ValueError:
        raise VanbanError(
            f"{DATABASE_URL}={safe_url(url)}: cổng máy chủ phải là một số từ 1 đến 65535, "
            "ví dụ …@localhost:5432/vanban."
        ) from None
    if not parts.path.strip("/"):
        raise VanbanError(
            f"{DATABASE_URL}={safe_url(url)} thiếu tên cơ sở dữ liệu ở cuối, ví dụ postgresql://vanban@localhost/vanban."
        )


class OfficeStore:
    """A store on the office database: its tables and their migrations, and its errors said as what
    happened and what to do."""

    #: How long a request waits for another writer before saying the database is busy.
    busy_seconds = 60.0
    #: What users call this store in messages ("sổ đăng ký").
    noun = "cơ sở dữ liệu văn phòng"
    #: The store's name in schema_migrations (the class name in lower case unless a class sets it).
    key: ClassVar[str] = "officestore"
    #: Step 1: the store's tables (CREATE … IF NOT EXISTS), as the store was first shipped.
    schema: ClassVar[str] = ""
    #: Steps 2, 3, …: never edited once shipped, only added to.
    migrations: ClassVar[tuple[str | Dialects, ...]] = ()
    #: Stores whose tables this one also writes, migrated before it.
    requires: ClassVar[tuple[type[OfficeStore], ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "key" not in cls.__dict__:
            cls.key = cls.__name__.lower()

    def __init__(self, data_dir: Path, database: str | None = None):
        """`database`: a URL as VANBAN_DATABASE_URL takes (for tests); None reads the environment."""
        self.database = open_backend(Path(data_dir), database)

    @property
    def path(self) -> Path | None:
        """The SQLite file, when the database is one (None on PostgreSQL)."""
        return self.database.path

    def exists(self) -> bool:
        """Whether the database may hold anything yet: reading an absent SQLite file must not create it."""
        return self.database.exists()

    @classmethod
    def steps(cls) -> tuple[str | Dialects, ...]:
        return ((cls.schema,) if cls.schema else ()) + tuple(cls.migrations)

    @classmethod
    def chain(cls) -> list[type[OfficeStore]]:
        """This store and those it requires, each once, the required first."""
        found: list[type[OfficeStore]] = []
        for store in cls.requires:
            found += [s for s in store.chain() if s not in found]
        return [*found, cls]

    @contextmanager
    def _session(self) -> Iterator[Connection]:
        """A connection on a migrated database, whose errors reach the user as what happened and what to do."""
        backend = self.database
        try:
            connection = backend.connect(self.busy_seconds)
            try:
                self._migrate(connection)
                yield connection
            finally:
                connection.close()
        except backend.errors as error:
            raise backend.refusal(error, self.noun, self.busy_seconds) from None

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One write, all or nothing: the write lock is taken first, and any error (a refusal too) rolls back."""
        with self._session() as connection, self._locked(connection):
            yield connection

    @contextmanager
    def _locked(self, connection: Connection) -> Iterator[None]:
        self.database.begin(connection, self.busy_seconds)
        try:
            yield
        except BaseException:
            with suppress(*self.database.errors):  # the first error says more than a failed rollback
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _migrate(self, connection: Connection) -> None:
        """Run the steps of this store (and those it requires) that the database has not recorded."""
        wanted = {store.key: store.steps() for store in self.chain()}
        if not self._pending(connection, wanted):
            return
        with self._locked(connection):
            self.database.bootstrap(connection)
            self.database.run_step(connection, _MIGRATIONS_TABLE)
            applied = self._applied(connection)
            stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
            for key, steps in wanted.items():
                for number in range(applied.get(key, 0) + 1, len(steps) + 1):
                    self.database.run_step(connection, steps[number - 1])
                    connection.execute(
                        "INSERT INTO schema_migrations (store, step, applied_at) VALUES (?, ?, ?)", (key, number, stamp)
                    )

    def _pending(self, connection: Connection, wanted: dict[str, tuple]) -> bool:
        applied = self._applied(connection)
        for key, steps in wanted.items():
            if applied.get(key, 0) > len(steps):
                raise VanbanError(
                    f"{self.noun} đã được một phiên bản vanban mới hơn nâng cấp (bước {applied[key]} của «{key}», "
                    f"phiên bản này chỉ biết {len(steps)} bước); hãy cập nhật vanban, không sửa cơ sở dữ liệu.",
                    self.database.where,
                )
        return any(applied.get(key, 0) < len(steps) for key, steps in wanted.items())

    def _applied(self, connection: Connection) -> dict[str, int]:
        if not self.database.has_table(connection, "schema_migrations"):
            return {}
        rows = connection.execute("SELECT store, MAX(step) FROM schema_migrations GROUP BY store").fetchall()
        return dict(rows)
