"""Sổ đăng ký văn bản đi: numbers by series and year (NĐ 30, Điều 15) and the ten columns of Phụ lục IV.

Điều 15 khoản 1: numbers run from 01 on 1 January to 31 December and a số, ký hiệu is unique in
the year; each kind of legal normative document has its own series (điểm a); how administrative
documents are numbered is decided by the head of the agency (điểm c); khoản 2: documents marked
mật have their own series. So the series of a number is: its own series for a normative kind, a
separate one for mật, and otherwise the issuer's choice — one series for all its administrative
documents (the default, `SHARED`: the printed sổ then reads 01, 02, 03… with no gap, whatever the
type) or one per type (`PER_TYPE`, what vanban did before).

The choice holds for a whole year: the first number of a year fixes the year's policy, so a change
takes effect on the next 1 January and two series can never hand out the same ký hiệu. A register
written by earlier versions (per-type numbers in `entries`/`events`, migration steps 1–2) is copied
into `outgoing`/`outgoing_events` by migration step 4, once, and its years keep the per-type
policy; the old tables are left as they were.

Allocation is one transaction under the office database's write lock (BEGIN IMMEDIATE on SQLite,
an advisory lock on PostgreSQL: `office/database.py`), so any number of processes on any number
of machines can ask at once and never get the same number or leave a gap. A cancelled
number stays with its reason and is never handed out again. Every change — a number, a column
filled in later, a cancellation — is added to the number's history and to the audit log in the
same transaction.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import asdict, dataclass, fields

from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LEGAL_ABBREVIATIONS, LETTER_TYPE, symbol_tail
from vanban.library.errors import VanbanError
from vanban.library.typed_dates import DayError, day_shown, parse_day
from vanban.library.vietnamese import nfc
from vanban.office import audit
from vanban.office.audit import AuditLog
from vanban.office.database import Connection, Dialects, OfficeStore

ISSUED, RESERVED, CANCELLED, FILLED = "đã cấp", "giữ số", "đã hủy", "bổ sung"
#: The two numbering policies an issuer may choose for its administrative documents (Điều 15.1.c).
SHARED, PER_TYPE = "chung", "theo-loai"
POLICIES = {SHARED: "một dãy số chung cho mọi văn bản hành chính", PER_TYPE: "mỗi loại văn bản một dãy số riêng"}
#: Who did it when the command line did it (the web passes the signed-in account).
CLI_ACTOR = "dòng lệnh"
#: Audit actions of the register.
NUMBER_TAKEN, NUMBER_RESERVED, NUMBER_CANCELLED, ENTRY_FILLED, POLICY_SET = (
    "cấp số",
    "giữ số",
    "hủy số",
    "bổ sung sổ văn bản đi",
    "đổi cách đánh số",
)
#: Step 1, as the register was first shipped (per issuer, type and year): kept so that its files migrate.
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
#: Step 3: the sổ văn bản đi of Phụ lục IV, series by Điều 15 and the issuers' policies. Ids are
#: given by the writer (`next_id`: MAX + 1 under the write lock), so `INTEGER PRIMARY KEY` means the
#: same on both engines and the history's order is its id's.
_OUTGOING = """
CREATE TABLE IF NOT EXISTS outgoing (
    id INTEGER PRIMARY KEY,
    issuer TEXT NOT NULL,
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    secret INTEGER NOT NULL DEFAULT 0,
    normative INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    signed_on TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    signer TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '',
    archive TEXT NOT NULL DEFAULT '',
    copies INTEGER,
    sent_on TEXT NOT NULL DEFAULT '',
    receipt TEXT NOT NULL DEFAULT '',
    remarks TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (issuer, series, year, number)
);
CREATE TABLE IF NOT EXISTS outgoing_events (
    id INTEGER PRIMARY KEY,
    entry INTEGER NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    actor TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS outgoing_events_append_only_update BEFORE UPDATE ON outgoing_events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ đăng ký chỉ được ghi thêm'); END;
CREATE TRIGGER IF NOT EXISTS outgoing_events_append_only_delete BEFORE DELETE ON outgoing_events
BEGIN SELECT RAISE(ABORT, 'lịch sử sổ đăng ký chỉ được ghi thêm'); END;
CREATE TABLE IF NOT EXISTS series_policy (
    issuer TEXT PRIMARY KEY,
    policy TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS series_year (
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    policy TEXT NOT NULL,
    PRIMARY KEY (issuer, year)
)
"""
#: Step 4: the per-type register of steps 1–2 copied into `outgoing`, its years kept per type (so
#: the next KH of such a year follows its last KH and no ký hiệu is handed out twice). The history
#: keeps its order (`seq`). A file the registers' first release had already copied (before
#: schema_migrations, it recorded the copy in `register_migrations`) is not copied again; that
#: table is dropped, schema_migrations being the one record of what was done.
_LEGACY = "NOT EXISTS (SELECT 1 FROM register_migrations WHERE name = 'so-theo-loai-v1')"
_LEGACY_COPY = f"""
CREATE TABLE IF NOT EXISTS register_migrations (name TEXT PRIMARY KEY, at TEXT NOT NULL);
INSERT INTO outgoing (id, issuer, series, year, number, doc_type, status, title, reason, created_at)
SELECT ROW_NUMBER() OVER (ORDER BY year, issuer, doc_type, number),
       issuer, doc_type, year, number, doc_type, status, note, reason, created_at
FROM entries WHERE {_LEGACY};
INSERT INTO outgoing_events (id, entry, action, detail, actor, at)
SELECT ROW_NUMBER() OVER (ORDER BY e.seq), o.id, e.action, e.detail, '', e.at
FROM events e JOIN outgoing o ON o.issuer = e.issuer AND o.series = e.doc_type AND o.year = e.year
    AND o.number = e.number
WHERE {_LEGACY};
INSERT INTO series_year (issuer, year, policy)
SELECT DISTINCT issuer, year, '{PER_TYPE}' FROM entries WHERE {_LEGACY};
DROP TABLE register_migrations
"""
#: Step 5: the drafting unit of a công văn, part of its ký hiệu ("01/SCT-QLCN", Phụ lục III): the
#: register shows exactly the ký hiệu the document bears. Earlier entries have none ("01/SCT").
_UNIT = "ALTER TABLE outgoing ADD COLUMN unit TEXT NOT NULL DEFAULT ''"

#: The columns a văn thư may write, as Phụ lục IV names them (the keys are the form's and the CLI's).
COLUMNS = {
    "signed_on": "ngày tháng văn bản",
    "title": "tên loại và trích yếu nội dung văn bản",
    "signer": "người ký",
    "recipients": "nơi nhận văn bản",
    "archive": "đơn vị, người nhận bản lưu",
    "copies": "số lượng bản",
    "sent_on": "ngày chuyển",
    "receipt": "ký nhận",
    "remarks": "ghi chú",
}
#: Longest text a column takes (a trích yếu is a sentence, a nơi nhận a list).
MAX_TEXT = 2000


class FieldError(VanbanError):
    """Bad input in one field: the form shows the message next to `field`."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Particulars:
    """What the register says about a document, as far as it is known (empty: not yet written)."""

    signed_on: str = ""
    title: str = ""
    signer: str = ""
    recipients: str = ""
    archive: str = ""
    copies: int | None = None
    sent_on: str = ""
    receipt: str = ""
    remarks: str = ""


@dataclass(frozen=True)
class RegisterEntry:
    """One number of the sổ văn bản đi and what became of it (cấp, giữ, hủy), with its columns."""

    id: int
    issuer: str
    series: str
    year: int
    number: int
    doc_type: str
    secret: bool
    normative: bool
    status: str
    signed_on: str
    title: str
    signer: str
    recipients: str
    archive: str
    copies: int | None
    sent_on: str
    receipt: str
    remarks: str
    reason: str
    created_at: str
    #: The drafting unit of a công văn ("QLCN"), shown in its ký hiệu; empty for other types.
    unit: str = ""

    @property
    def symbol(self) -> str:
        return symbol(self.doc_type, self.issuer, self.year, self.number, self.normative, self.unit)

    @property
    def note(self) -> str:
        """What the number was taken for (the trích yếu), as earlier versions called it."""
        return self.title

    def to_dict(self) -> dict:
        return {**asdict(self), "symbol": self.symbol}


@dataclass(frozen=True)
class HistoryLine:
    action: str
    detail: str
    actor: str
    at: str


_COLUMNS_SQL = ", ".join(f.name for f in fields(RegisterEntry))

#: An issuer's abbreviation as it stands in a ký hiệu: capitals and digits, parts joined by "-".
_ISSUER = re.compile(r"^[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*$")
#: The oldest year a register may hold (the Democratic Republic's first documents).
FIRST_YEAR = 1945


def symbol(doc_type: str, issuer: str, year: int, number: int, normative: bool = False, unit: str = "") -> str:
    """ "05/KH-UBND" (leading zero below 10); a normative text "05/2026/QĐ-UBND"; a công văn
    "05/SCT-QLCN" (issuer and drafting unit). After the number, `symbol_tail` — the same as the
    drafted document's "Số:" line."""
    if normative:
        return f"{number:02d}/{year}/{doc_type}-{issuer}"
    return f"{number:02d}/{symbol_tail(doc_type, issuer, unit)}"


def valid_issuer(issuer: str) -> str:
    """Trimmed and NFC, so "UBND " and "UBND" are one series; refused when it cannot be a ký hiệu."""
    issuer = nfc(issuer or "").strip()
    if not issuer:
        raise FieldError("issuer", "cơ quan ban hành (--issuer) không được để trống; ví dụ UBND, SCT.")
    if not _ISSUER.match(issuer):
        raise FieldError(
            "issuer",
            f"cơ quan ban hành «{issuer}» không dùng được trong ký hiệu: chỉ chữ in hoa, chữ số và dấu «-», "
            "ví dụ UBND, SCT, UBND-KT.",
        )
    return issuer


def valid_unit(unit: str, doc_type: str) -> str:
    """The drafting unit of a công văn as it stands in the ký hiệu ("QLCN"); optional, and only a
    công văn's ký hiệu has one (Phụ lục III), so another type's is dropped."""
    unit = nfc(unit or "").strip()
    if doc_type != LETTER_TYPE or not unit:
        return ""
    if not _ISSUER.match(unit):
        raise FieldError(
            "unit",
            f"đơn vị soạn thảo «{unit}» không dùng được trong ký hiệu: chỉ chữ in hoa, chữ số và dấu «-», "
            "ví dụ QLCN, VP.",
        )
    return unit


def valid_year(year: int | None) -> int:
    this_year = _dt.date.today().year
    if year is None:
        return this_year
    if not FIRST_YEAR <= year <= this_year + 1:
        raise FieldError("year", f"năm {year} không hợp lệ: sổ nhận năm từ {FIRST_YEAR} đến {this_year + 1}.")
    return year


def valid_type(doc_type: str, normative: bool = False) -> str:
    doc_type = nfc(doc_type or "").strip()
    if normative:
        known = {*ADMINISTRATIVE_ABBREVIATIONS.values(), *LEGAL_ABBREVIATIONS.values()} - {LETTER_TYPE}
        if doc_type not in known:
            raise FieldError("doc_type", f"loại «{doc_type}» không phải văn bản quy phạm pháp luật (ví dụ QĐ, NQ).")
        return doc_type
    known = set(ADMINISTRATIVE_ABBREVIATIONS.values()) | {LETTER_TYPE}
    if doc_type not in known:
        raise FieldError(
            "doc_type",
            f"loại «{doc_type}» không có trong Phụ lục III Nghị định 30/2020/NĐ-CP. "
            f"Dùng chữ viết tắt, ví dụ KH, BC, TTr, QĐ; công văn dùng {LETTER_TYPE}.",
        )
    return doc_type


def valid_date(value: str | _dt.date | None, field: str, label: str) -> str:
    """A date as stored (YYYY-MM-DD) from what a form or the CLI gives: 05/03/2026 or 2026-03-05,
    read by the one parser of typed dates (`library/typed_dates.py`)."""
    if value is None or isinstance(value, _dt.date):
        return value.isoformat() if value else ""
    try:
        day = parse_day(nfc(str(value)))
    except DayError as error:
        said = error.message[0].lower() + error.message[1:]
        raise FieldError(field, f"{label[0].upper()}{label[1:]}: {said}") from None
    return day.isoformat() if day else ""


def valid_text(value: str | None, field: str, label: str) -> str:
    text = nfc(value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise FieldError(field, f"{label} dài {len(text)} ký tự, quá {MAX_TEXT} ký tự.")
    if re.search(r"[\x00-\x08\x0b-\x1f]", text):
        raise FieldError(field, f"{label} có ký tự điều khiển không in được; hãy gõ lại.")
    return text


def valid_copies(value: int | str | None) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 100_000:
        raise FieldError("copies", f"số lượng bản «{text}» phải là một số nguyên dương, ví dụ 5.")
    return int(text)


def valid_reason(reason: str) -> str:
    reason = valid_text(reason, "reason", "lý do hủy")
    if not reason:
        raise FieldError("reason", "cần ghi lý do hủy số (--reason).")
    return reason


def valid_particulars(particulars: Particulars) -> Particulars:
    """Every column checked and normalised; the first bad one is refused with its name."""
    values = {}
    for name, label in COLUMNS.items():
        value = getattr(particulars, name)
        if name in ("signed_on", "sent_on"):
            values[name] = valid_date(value, name, label)
        elif name == "copies":
            values[name] = valid_copies(value)
        else:
            values[name] = valid_text(value, name, label)
    return Particulars(**values)


def series_name(policy: str, doc_type: str, secret: bool, normative: bool) -> str:
    """The series a number is drawn from: a normative kind's own (Điều 15.1.a), the issuer's policy
    for administrative documents (Điều 15.1.c), and mật apart (Điều 15.2)."""
    if normative:
        name = f"QPPL {doc_type}"
    elif policy == PER_TYPE:
        name = doc_type
    else:
        name = "HC"
    return f"MẬT {name}" if secret else name


def series_label(series: str) -> str:
    """How a page names a series: "Văn bản hành chính (dãy chung)", "KH", "Mật — …"."""
    secret = series.startswith("MẬT ")
    name = series.removeprefix("MẬT ")
    if name == "HC":
        shown = "văn bản hành chính (dãy số chung)"
    elif name.startswith("QPPL "):
        shown = f"văn bản quy phạm pháp luật {name[5:]}"
    else:
        shown = f"loại {name}"
    return ("Mật — " if secret else "") + shown[0].upper() + shown[1:]


def next_id(connection: Connection, table: str) -> int:
    """The id a new row gets: MAX + 1 under the write lock (plain SQL that PostgreSQL accepts too)."""
    (last,) = connection.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
    return last + 1


def add_event(connection: Connection, table: str, entry: int, action: str, detail: str, actor: str, at: str) -> None:
    """One line of a register's append-only history, inside the caller's write."""
    connection.execute(
        f"INSERT INTO {table} (id, entry, action, detail, actor, at) VALUES (?, ?, ?, ?, ?, ?)",
        (next_id(connection, table), entry, action, detail, actor, at),
    )


def _record(connection: Connection, entry: int, action: str, detail: str, actor: str, at: str) -> None:
    add_event(connection, "outgoing_events", entry, action, detail, actor, at)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


class Register(OfficeStore):
    """The sổ đăng ký văn bản đi on the office database: its entries, and their history that is only
    ever added to."""

    noun = "sổ đăng ký"
    key = "register"
    schema = _SCHEMA
    migrations = (_EVENT_ORDER, _OUTGOING, _LEGACY_COPY, _UNIT)
    requires = (AuditLog,)

    # -- numbering policy ------------------------------------------------------------------

    def policy(self, issuer: str, year: int | None = None) -> str:
        """The policy of `issuer`: of one year when given (fixed once its first number is taken)."""
        issuer = valid_issuer(issuer)
        if not self.exists():
            return SHARED
        with self._session() as connection:
            if year is not None:
                row = connection.execute(
                    "SELECT policy FROM series_year WHERE issuer = ? AND year = ?", (issuer, year)
                ).fetchone()
                if row:
                    return row[0]
            row = connection.execute("SELECT policy FROM series_policy WHERE issuer = ?", (issuer,)).fetchone()
        return row[0] if row else SHARED

    def set_policy(self, issuer: str, policy: str, actor: str = CLI_ACTOR) -> list[int]:
        """Choose how `issuer` numbers its administrative documents from the next year not begun;
        returns the years already begun, which keep the policy they started with."""
        issuer = valid_issuer(issuer)
        if policy not in POLICIES:
            choices = ", ".join(f"{key} ({label})" for key, label in POLICIES.items())
            raise FieldError("policy", f"cách đánh số «{policy}» không có; chọn một trong: {choices}.")
        now = _now()
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO series_policy (issuer, policy) VALUES (?, ?) "
                "ON CONFLICT (issuer) DO UPDATE SET policy = excluded.policy",
                (issuer, policy),
            )
            begun = [
                year
                for (year,) in connection.execute(
                    "SELECT year FROM series_year WHERE issuer = ? AND policy <> ? ORDER BY year", (issuer, policy)
                )
            ]
            audit.append(connection, now, actor, POLICY_SET, issuer, POLICIES[policy])
        return begun

    def _year_policy(self, connection: Connection, issuer: str, year: int) -> str:
        row = connection.execute(
            "SELECT policy FROM series_year WHERE issuer = ? AND year = ?", (issuer, year)
        ).fetchone()
        if row:
            return row[0]
        chosen = connection.execute("SELECT policy FROM series_policy WHERE issuer = ?", (issuer,)).fetchone()
        policy = chosen[0] if chosen else SHARED
        connection.execute("INSERT INTO series_year (issuer, year, policy) VALUES (?, ?, ?)", (issuer, year, policy))
        return policy

    # -- numbers ---------------------------------------------------------------------------

    def _allocate(
        self,
        doc_type: str,
        issuer: str,
        year: int | None,
        status: str,
        particulars: Particulars,
        secret: bool,
        normative: bool,
        actor: str,
        unit: str,
    ) -> RegisterEntry:
        doc_type, issuer, year = valid_type(doc_type, normative), valid_issuer(issuer), valid_year(year)
        unit = "" if normative else valid_unit(unit, doc_type)
        particulars = valid_particulars(particulars)
        now = _now()
        stamp = audit.stamp(now)
        with self._transaction() as connection:
            series = series_name(self._year_policy(connection, issuer, year), doc_type, secret, normative)
            (last,) = connection.execute(
                "SELECT COALESCE(MAX(number), 0) FROM outgoing WHERE issuer = ? AND series = ? AND year = ?",
                (issuer, series, year),
            ).fetchone()
            entry = RegisterEntry(
                id=next_id(connection, "outgoing"),
                issuer=issuer,
                series=series,
                year=year,
                number=last + 1,
                doc_type=doc_type,
                secret=secret,
                normative=normative,
                status=status,
                reason="",
                created_at=stamp,
                unit=unit,
                **asdict(particulars),
            )
            values = asdict(entry)
            connection.execute(
                f"INSERT INTO outgoing ({_COLUMNS_SQL}) VALUES ({', '.join('?' * len(values))})",
                [int(v) if isinstance(v, bool) else v for v in values.values()],
            )
            _record(connection, entry.id, status, particulars.title, actor, stamp)
            action = NUMBER_TAKEN if status == ISSUED else NUMBER_RESERVED
            audit.append(connection, now, actor, action, f"{entry.symbol} năm {year}", particulars.title)
        return entry

    def next(
        self,
        doc_type: str,
        issuer: str,
        year: int | None = None,
        note: str = "",
        *,
        particulars: Particulars | None = None,
        secret: bool = False,
        normative: bool = False,
        actor: str = CLI_ACTOR,
        unit: str = "",
    ) -> RegisterEntry:
        """Take the next number of the series; `note` is the trích yếu when no `particulars` are given;
        `unit` is a công văn's drafting unit (its ký hiệu "01/SCT-QLCN")."""
        particulars = particulars or Particulars(title=note)
        return self._allocate(doc_type, issuer, year, ISSUED, particulars, secret, normative, actor, unit)

    def reserve(
        self,
        doc_type: str,
        issuer: str,
        year: int | None = None,
        note: str = "",
        *,
        particulars: Particulars | None = None,
        secret: bool = False,
        normative: bool = False,
        actor: str = CLI_ACTOR,
        unit: str = "",
    ) -> RegisterEntry:
        """Hold the next number (a document awaiting signature); it counts as used."""
        particulars = particulars or Particulars(title=note)
        return self._allocate(doc_type, issuer, year, RESERVED, particulars, secret, normative, actor, unit)

    def find(
        self, doc_type: str, issuer: str, year: int, number: int, secret: bool = False, normative: bool = False
    ) -> RegisterEntry:
        """The entry a văn thư names by its ký hiệu (and whether it is mật or normative)."""
        doc_type, issuer = valid_type(doc_type, normative), valid_issuer(issuer)
        with self._session() as connection:
            row = connection.execute(
                f"SELECT {_COLUMNS_SQL} FROM outgoing WHERE issuer = ? AND doc_type = ? AND year = ? AND number = ? "
                "AND secret = ? AND normative = ?",
                (issuer, doc_type, year, number, int(secret), int(normative)),
            ).fetchone()
        if row is None:
            raise VanbanError(f"sổ chưa cấp số {symbol(doc_type, issuer, year, number, normative)} năm {year}.")
        return _entry(row)

    def get(self, entry_id: int) -> RegisterEntry:
        if not self.exists():
            raise VanbanError(f"sổ văn bản đi không có mục số {entry_id}.")
        with self._session() as connection:
            return _entry_in(connection, entry_id)

    def cancel(
        self, doc_type: str, issuer: str, year: int, number: int, reason: str, actor: str = CLI_ACTOR
    ) -> RegisterEntry:
        """Cancel a number named by its ký hiệu (see `cancel_entry`)."""
        valid_year(year)
        valid_reason(reason)
        return self.cancel_entry(self.find(doc_type, issuer, year, number).id, reason, actor)

    def cancel_entry(self, entry_id: int, reason: str, actor: str = CLI_ACTOR) -> RegisterEntry:
        """Cancel a number once; it stays in the register with its reason and is never reused."""
        reason = valid_reason(reason)
        now = _now()
        with self._transaction() as connection:
            entry = _entry_in(connection, entry_id)
            if entry.status == CANCELLED:
                raise VanbanError(
                    f"số {entry.symbol} năm {entry.year} đã hủy trước đó (lý do: {entry.reason}); không hủy lại."
                )
            connection.execute("UPDATE outgoing SET status = ?, reason = ? WHERE id = ?", (CANCELLED, reason, entry_id))
            _record(connection, entry_id, CANCELLED, reason, actor, audit.stamp(now))
            audit.append(connection, now, actor, NUMBER_CANCELLED, f"{entry.symbol} năm {entry.year}", reason)
        return self.get(entry_id)

    def fill(self, entry_id: int, changes: dict, actor: str = CLI_ACTOR) -> RegisterEntry:
        """Write some columns of an entry (số lượng bản, ngày chuyển, ký nhận, ghi chú… later);
        each changed column goes into the number's history and the audit log, old → new."""
        unknown = set(changes) - set(COLUMNS)
        if unknown:
            raise VanbanError(f"sổ văn bản đi không có cột {', '.join(sorted(unknown))}.")
        now = _now()
        with self._transaction() as connection:
            entry = _entry_in(connection, entry_id)
            merged = valid_particulars(
                Particulars(**{name: changes.get(name, getattr(entry, name)) for name in COLUMNS})
            )
            detail = write_changes(connection, "outgoing", entry, merged, COLUMNS)
            if not detail:
                return entry
            _record(connection, entry_id, FILLED, detail, actor, audit.stamp(now))
            audit.append(connection, now, actor, ENTRY_FILLED, f"{entry.symbol} năm {entry.year}", detail)
        return self.get(entry_id)

    # -- reading ---------------------------------------------------------------------------

    def history(self, entry_id: int) -> list[HistoryLine]:
        """What happened to one number, oldest first."""
        if not self.exists():
            return []
        with self._session() as connection:
            rows = connection.execute(
                "SELECT action, detail, actor, at FROM outgoing_events WHERE entry = ? ORDER BY id", (entry_id,)
            ).fetchall()
        return [HistoryLine(*row) for row in rows]

    def entries(
        self,
        year: int | None = None,
        issuer: str | None = None,
        doc_type: str | None = None,
        secret: bool | None = None,
    ) -> list[RegisterEntry]:
        """The register in the order of the printed sổ: year, issuer, series, number."""
        if not self.exists():
            return []
        clauses, values = [], []
        for column, value in (("year", year), ("issuer", issuer), ("doc_type", doc_type), ("secret", secret)):
            if value is not None:
                clauses.append(f"{column} = ?")
                values.append(int(value) if isinstance(value, bool) else value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._session() as connection:
            rows = connection.execute(
                f"SELECT {_COLUMNS_SQL} FROM outgoing {where} ORDER BY year, issuer, series, number", values
            ).fetchall()
        return [_entry(row) for row in rows]

    def last_issuer(self) -> str:
        """The issuer of the last number taken ("" before the first): the office's own, which a
        form offers by default rather than a fixed one."""
        if not self.exists():
            return ""
        with self._session() as connection:
            row = connection.execute("SELECT issuer FROM outgoing ORDER BY id DESC LIMIT 1").fetchone()
        return row[0] if row else ""

    def years(self) -> list[int]:
        """The years the register holds, newest first."""
        if not self.exists():
            return []
        with self._session() as connection:
            return [year for (year,) in connection.execute("SELECT DISTINCT year FROM outgoing ORDER BY year DESC")]


def _entry_in(connection: Connection, entry_id: int) -> RegisterEntry:
    row = connection.execute(f"SELECT {_COLUMNS_SQL} FROM outgoing WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise VanbanError(f"sổ văn bản đi không có mục số {entry_id}.")
    return _entry(row)


def _entry(row: tuple) -> RegisterEntry:
    entry = RegisterEntry(*row)
    return RegisterEntry(**{**asdict(entry), "secret": bool(entry.secret), "normative": bool(entry.normative)})


def write_changes(connection: Connection, table: str, entry, merged, columns: dict[str, str]) -> str:
    """Write the columns of `merged` that differ from `entry` (one row of `table`, ours: never user
    input) and say what changed, «old» → «new», for the history and the audit; "" when nothing did.
    The sổ đi and the sổ đến both complete their rows this way."""
    changed = {name: value for name, value in asdict(merged).items() if value != getattr(entry, name)}
    if not changed:
        return ""
    assignments = ", ".join(f"{name} = ?" for name in changed)
    connection.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*changed.values(), entry.id))
    return "; ".join(
        f"{columns[name]}: «{shown_value(getattr(entry, name))}» → «{shown_value(value)}»"
        for name, value in changed.items()
    )


def shown_value(value) -> str:
    """A column's value as the history says it to a reader: a stored date as 05/03/2026."""
    if value is None:
        return ""
    text = str(value)
    try:
        return day_shown(_dt.date.fromisoformat(text)) if len(text) == 10 and text[4] == "-" else text
    except ValueError:
        return text
