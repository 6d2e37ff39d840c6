"""What the office database needs from a database engine, said once for SQLite and PostgreSQL.

`office/database.py` (the stores, their migrations) talks only to a `Backend`; the two engines'
differences live in `sqlite_backend.py` and `postgres_backend.py`: how to connect, how a write
transaction takes the one write lock, how a table's existence is asked, which dialect a
`Dialects` step is written in, and how each engine's errors are said in Vietnamese.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from vanban.library.errors import VanbanError


class Cursor(Protocol):
    #: Rows an UPDATE or DELETE changed (a conditional change tells whether it won).
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Any: ...


class Connection(Protocol):
    """What a store may use: `execute` with `?` placeholders, then fetchone/fetchall or iteration."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Dialects:
    """A migration step that cannot be said in the SQL both engines accept, written once for each."""

    sqlite: str
    postgresql: str


def statements(script: str) -> list[str]:
    """A script cut into its statements, at the semicolons that end one (not those inside quotes or
    a trigger's BEGIN … END): SQLite's own reader decides, so a step is split as SQLite would run it."""
    found, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \t\r\n;"):
                found.append(current.strip())
            current = ""
    if current.strip(" \t\r\n;"):
        found.append(current.strip().rstrip(";"))
    return found


def url_password(url: str) -> str:
    """The password a database URL carries, after the user name or as `?password=` ("" when none)."""
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.password or dict(urllib.parse.parse_qsl(parts.query)).get("password", "")
    except ValueError:
        return ""


def safe_url(url: str) -> str:
    """A database URL as messages may show it: without its password."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        return url.partition("://")[0] + "://…"
    netloc = parts.netloc.rpartition("@")[2]
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [(key, value) for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    query = [(key, "***" if key == "password" else value) for key, value in query]
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc, query=urllib.parse.urlencode(query, safe="/")))


class Backend(ABC):
    """One office database on one engine."""

    #: The engine's name, which is also the field of `Dialects` written for it.
    name: str
    #: Where the database is, as messages name it (a file, or a server address without its password).
    where: str
    #: The SQLite file, when the database is one (None on a server).
    path: Path | None = None
    #: The engine's own exception types, which `refusal` turns into what users read.
    errors: tuple[type[BaseException], ...] = ()

    @abstractmethod
    def exists(self) -> bool:
        """Whether the database may hold something yet (reading an absent file must not create it)."""

    @abstractmethod
    def connect(self, busy_seconds: float) -> Connection: ...

    @abstractmethod
    def begin(self, connection: Connection, busy_seconds: float) -> None:
        """Open a write transaction holding the office's one write lock (waiting at most busy_seconds)."""

    @abstractmethod
    def has_table(self, connection: Connection, table: str) -> bool: ...

    @abstractmethod
    def run_step(self, connection: Connection, step: str | Dialects) -> None:
        """Run a migration step: SQL both engines accept, or a `Dialects` pair (this engine's half)."""

    @abstractmethod
    def bootstrap(self, connection: Connection) -> None:
        """What the engine needs in place before a migration step runs."""

    @abstractmethod
    def refusal(self, error: BaseException, noun: str, busy_seconds: float) -> VanbanError:
        """The engine's error as a Vietnamese message naming the database and what to do."""

    def busy(self, noun: str, busy_seconds: float) -> VanbanError:
        return VanbanError(
            f"{noun} đang bận quá {busy_seconds:g} giây (một người khác đang ghi); hãy thử lại sau ít phút.", self.where
        )
