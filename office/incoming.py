"""Sổ đăng ký văn bản đến (NĐ 30, Điều 22 and Phụ lục IV): each received document and its số đến.

Điều 22 khoản 2: the số đến runs in the order documents are received, within the year, so it
restarts at 1 on 1 January and there is one series for the office (paper and electronic alike).
The columns are Phụ lục IV's: ngày đến, số đến, tác giả, số và ký hiệu, ngày tháng, tên loại và
trích yếu, đơn vị hoặc người nhận, ký nhận, ghi chú. The document's file itself goes into the
library (`IncomingRegister.receive`, the one path of the web page and `vanban number den add`);
the entry keeps the library's id, so the register links to the text.

Like the sổ văn bản đi, a number is taken under the office database's write lock (on SQLite and
PostgreSQL alike) and never reused, and every change is added to the entry's history and the audit
log in the same transaction. Ids are given by the writer (`next_id`, MAX + 1 under that lock), so
`INTEGER PRIMARY KEY` means the same on both engines.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.model import INTERNAL, Document
from vanban.library.store import Library
from vanban.office import audit
from vanban.office.audit import AuditLog
from vanban.office.database import Connection, OfficeStore
from vanban.office.register import (
    CLI_ACTOR,
    FieldError,
    HistoryLine,
    add_event,
    next_id,
    valid_date,
    valid_text,
    valid_year,
    write_changes,
)

RECEIVED, FILLED = "vào sổ", "bổ sung"
#: Audit actions of the incoming register.
DOCUMENT_RECEIVED, INCOMING_FILLED = "vào sổ văn bản đến", "bổ sung sổ văn bản đến"

#: Step 1: the register's tables and its history's append-only triggers (PostgreSQL gets the same
#: triggers from `postgres_backend.translate`).
_SCHEMA = """
CREATE TABLE IF NOT EXISTS incoming (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    received_on TEXT NOT NULL,
    sender TEXT NOT NULL DEFAULT '',
    symbol TEXT NOT NULL DEFAULT '',
    signed_on TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    handler TEXT NOT NULL DEFAULT '',
    receipt TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    doc_id TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (year, number)
);
CREATE TABLE IF NOT EXISTS incoming_events (
    id INTEGER PRIMARY KEY,
    entry INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS incoming_events_append_only_update BEFORE UPDATE ON incoming_events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ văn bản đến chỉ được ghi thêm'); END;
CREATE TRIGGER IF NOT EXISTS incoming_events_append_only_delete BEFORE DELETE ON incoming_events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ văn bản đến chỉ được ghi thêm'); END;
"""

#: The columns a văn thư writes, as Phụ lục IV names them (the số đến is given by the register).
COLUMNS = {
    "received_on": "ngày đến",
    "sender": "tác giả",
    "symbol": "số, ký hiệu",
    "signed_on": "ngày tháng",
    "title": "tên loại và trích yếu nội dung",
    "handler": "đơn vị hoặc người nhận",
    "receipt": "ký nhận",
    "remarks": "ghi chú",
}
_REQUIRED = ("received_on", "sender", "title")
_DATES = ("received_on", "signed_on")


@dataclass(frozen=True)
class Received:
    """What the văn thư writes about a received document."""

    received_on: str = ""
    sender: str = ""
    symbol: str = ""
    signed_on: str = ""
    title: str = ""
    handler: str = ""
    receipt: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class IncomingEntry:
    id: int
    year: int
    number: int
    received_on: str
    sender: str
    symbol: str
    signed_on: str
    title: str
    handler: str
    receipt: str
    remarks: str
    doc_id: str
    created_at: str

    @property
    def serial(self) -> str:
        """The số đến as written in the sổ: "01", with the leading zero below 10 like a số đi."""
        return f"{self.number:02d}"

    def to_dict(self) -> dict:
        return {**asdict(self), "serial": self.serial}


_COLUMNS_SQL = ", ".join(f.name for f in fields(IncomingEntry))


def valid_received(received: Received) -> Received:
    """Each column checked and normalised; a missing ngày đến is today; the first bad one refused by name."""
    values = {}
    for name, label in COLUMNS.items():
        value = getattr(received, name)
        values[name] = valid_date(value, name, label) if name in _DATES else valid_text(value, name, label)
    values["received_on"] = values["received_on"] or _dt.date.today().isoformat()
    for name in _REQUIRED:
        if not values[name]:
            raise FieldError(name, f"cần ghi {COLUMNS[name]}.")
    if values["received_on"] > (_dt.date.today() + _dt.timedelta(days=1)).isoformat():
        raise FieldError("received_on", "ngày đến không thể sau ngày hôm nay.")
    if values["signed_on"] and values["signed_on"] > values["received_on"]:
        raise FieldError("signed_on", "ngày tháng của văn bản sau ngày đến; hãy kiểm tra lại.")
    return Received(**values)


def with_parsed(received: Received, doc: Document) -> Received:
    """The typed columns; a blank tác giả, số ký hiệu, ngày tháng or trích yếu taken from the parsed document."""
    parsed = {
        "sender": doc.issuer or "",
        "symbol": doc.number or "",
        "signed_on": doc.signed_on.isoformat() if doc.signed_on else "",
        "title": " ".join(filter(None, [doc.doc_type, doc.title])),
    }
    typed = {name: getattr(received, name).strip() for name in COLUMNS}
    return Received(**{name: value or parsed.get(name, "") for name, value in typed.items()})


def _record(connection: Connection, entry: int, action: str, detail: str, actor: str, at: str) -> None:
    add_event(connection, "incoming_events", entry, action, detail, actor, at)


class IncomingRegister(OfficeStore):
    """The sổ đăng ký văn bản đến on the office database."""

    noun = "sổ văn bản đến"
    key = "incoming"
    schema = _SCHEMA
    requires = (AuditLog,)

    def record(
        self,
        received: Received,
        actor: str = CLI_ACTOR,
        doc_id: str = "",
        then: Callable[[IncomingEntry], None] | None = None,
    ) -> IncomingEntry:
        """Give the next số đến of the year of its ngày đến. `then` runs inside the transaction
        before it commits: if it fails, no number is taken (nothing is written)."""
        received = valid_received(received)
        year = valid_year(int(received.received_on[:4]))
        now = _dt.datetime.now(_dt.UTC)
        with self._transaction() as connection:
            (last,) = connection.execute(
                "SELECT COALESCE(MAX(number), 0) FROM incoming WHERE year = ?", (year,)
            ).fetchone()
            entry = IncomingEntry(
                id=next_id(connection, "incoming"),
                year=year,
                number=last + 1,
                doc_id=doc_id,
                created_at=audit.stamp(now),
                **asdict(received),
            )
            values = asdict(entry)
            connection.execute(
                f"INSERT INTO incoming ({_COLUMNS_SQL}) VALUES ({', '.join('?' * len(values))})", list(values.values())
            )
            _record(connection, entry.id, RECEIVED, f"{entry.symbol} {entry.title}".strip(), actor, entry.created_at)
            audit.append(connection, now, actor, DOCUMENT_RECEIVED, f"số đến {entry.serial} năm {year}", entry.title)
            if then:
                then(entry)
        return entry

    def receive(
        self, library: Library, path: Path, received: Received, actor: str = CLI_ACTOR
    ) -> tuple[Document, IncomingEntry]:
        """Vào sổ văn bản đến: the file into the library as nội bộ and its entry into the register,
        both or neither. The register's write runs inside `Library.add`'s `then`: a refused file
        writes no entry, and an entry refused (a bad field, the database busy) puts the library back
        as it was. The typed số ký hiệu, tác giả and ngày tháng are the document's own facts too.
        The dates are checked before the file is read (a scan may take minutes to recognise)."""
        dates = {name: valid_date(getattr(received, name), name, COLUMNS[name]) for name in _DATES}
        received = replace(received, **dates)
        overrides = {
            "number": received.symbol.strip() or None,
            "issuer": received.sender.strip() or None,
            "signed_on": received.signed_on or None,
        }
        recorded: list[tuple[Document, IncomingEntry]] = []

        def enter(documents: list[Document]) -> None:
            doc = documents[0]
            recorded.append((doc, self.record(with_parsed(received, doc), actor, doc_id=doc.id)))

        # Incoming mail is the office's own business: readable only by signed-in accounts.
        library.add([path], overrides, then=enter, access=INTERNAL)
        return recorded[0]

    def fill(self, entry_id: int, changes: dict, actor: str = CLI_ACTOR) -> IncomingEntry:
        """Change some columns (đơn vị hoặc người nhận after the chỉ đạo, ký nhận, ghi chú…); the
        số đến and its year stay, so a ngày đến moved into another year is refused."""
        unknown = set(changes) - set(COLUMNS)
        if unknown:
            raise VanbanError(f"sổ văn bản đến không có cột {', '.join(sorted(unknown))}.")
        now = _dt.datetime.now(_dt.UTC)
        with self._transaction() as connection:
            entry = _entry_in(connection, entry_id)
            merged = valid_received(Received(**{name: changes.get(name, getattr(entry, name)) for name in COLUMNS}))
            if int(merged.received_on[:4]) != entry.year:
                raise FieldError(
                    "received_on", f"số đến {entry.serial} thuộc sổ năm {entry.year}; ngày đến phải trong năm đó."
                )
            detail = write_changes(connection, "incoming", entry, merged, COLUMNS)
            if not detail:
                return entry
            _record(connection, entry_id, FILLED, detail, actor, audit.stamp(now))
            audit.append(connection, now, actor, INCOMING_FILLED, f"số đến {entry.serial} năm {entry.year}", detail)
        return self.get(entry_id)

    def get(self, entry_id: int) -> IncomingEntry:
        if not self.exists():
            raise VanbanError(f"sổ văn bản đến không có mục số {entry_id}.")
        with self._session() as connection:
            return _entry_in(connection, entry_id)

    def find(self, year: int, number: int) -> IncomingEntry:
        """The entry of số đến `number` in the sổ of `year` (how a văn thư names one)."""
        found = [entry for entry in self.entries(year) if entry.number == number]
        if not found:
            raise VanbanError(f"sổ văn bản đến năm {year} không có số đến {number:02d}.")
        return found[0]

    def entries(self, year: int | None = None) -> list[IncomingEntry]:
        """The register in số đến order."""
        if not self.exists():
            return []
        where, values = ("WHERE year = ?", (year,)) if year is not None else ("", ())
        with self._session() as connection:
            rows = connection.execute(
                f"SELECT {_COLUMNS_SQL} FROM incoming {where} ORDER BY year, number", values
            ).fetchall()
        return [IncomingEntry(*row) for row in rows]

    def history(self, entry_id: int) -> list[HistoryLine]:
        if not self.exists():
            return []
        with self._session() as connection:
            rows = connection.execute(
                "SELECT action, detail, actor, at FROM incoming_events WHERE entry = ? ORDER BY id", (entry_id,)
            ).fetchall()
        return [HistoryLine(*row) for row in rows]

    def years(self) -> list[int]:
        if not self.exists():
            return []
        with self._session() as connection:
            return [year for (year,) in connection.execute("SELECT DISTINCT year FROM incoming ORDER BY year DESC")]


def _entry_in(connection: Connection, entry_id: int) -> IncomingEntry:
    row = connection.execute(f"SELECT {_COLUMNS_SQL} FROM incoming WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise VanbanError(f"sổ văn bản đến không có mục số {entry_id}.")
    return IncomingEntry(*row)
