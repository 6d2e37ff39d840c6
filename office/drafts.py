"""Dự thảo: each user's drafts kept on the office database, as the YAML the command line reads.

A draft is stored as its input text, never as a built document: the web form and `vanban draft
TYPE that.yaml` read the same thing, so a draft can leave the browser as a file and come back.
Every save commits before the page says "Đã lưu", so closing the browser or restarting the server
loses nothing. A draft belongs to the user who made it; anyone else asking for it is told it does
not exist (the same answer as for an id that was never made), except the văn thư, who sees the
drafts sent to take a number, and only to take it.

The SQL is the subset SQLite and PostgreSQL share (`?` placeholders, TEXT and INTEGER, a random
text id, INSERT … ON CONFLICT), so the store moves with the office database to either engine.
Each change and its audit line commit in one transaction.
"""

from __future__ import annotations

import datetime as _dt
import re
import secrets
from dataclasses import dataclass

from vanban.library.errors import VanbanError
from vanban.library.vietnamese import nfc
from vanban.office import audit
from vanban.office.audit import AuditLog, Clock, stamp, utc_now
from vanban.office.database import Connection, OfficeStore

#: A draft's state: being written; sent to the văn thư for a number; a văn thư taking it now;
#: numbered (no longer edited).
EDITING, WAITING, NUMBERING, NUMBERED = "dang-soan", "cho-cap-so", "dang-cap-so", "da-cap-so"
STATUS_LABELS = {EDITING: "đang soạn", WAITING: "chờ cấp số", NUMBERING: "đang cấp số", NUMBERED: "đã cấp số"}
#: Audit actions written by `Drafts`.
CREATED, SAVED, COPIED, DELETED = "tạo dự thảo", "lưu dự thảo", "nhân bản dự thảo", "xóa dự thảo"
SENT, WITHDRAWN, NUMBER_TAKEN = "gửi văn thư lấy số", "rút lại dự thảo", "cấp số cho dự thảo"
RETURNED = "văn thư trả lại dự thảo"
#: At most one "lưu dự thảo" line per draft in this time (see `Drafts.save`).
SAVE_AUDIT_EVERY = _dt.timedelta(minutes=15)
#: Longest reason a văn thư gives for returning a draft.
MAX_REASON = 1000
#: A draft's text is an input file: the same bound as the command line's YAML.
MAX_TEXT = 2 * 1024 * 1024

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    yaml TEXT NOT NULL,
    status TEXT NOT NULL,
    number_line TEXT NOT NULL DEFAULT '',
    numbered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_owner ON drafts (owner, updated_at);
CREATE INDEX IF NOT EXISTS drafts_status ON drafts (status, updated_at);
"""
#: Step 2: a draft the văn thư returned says who returned it and why (until it is sent again); the
#: saves not yet in the audit log are counted, with when and in which session the last line was written.
_RETURN_AND_SAVES = """
ALTER TABLE drafts ADD COLUMN returned_by TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN returned_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN saves_unaudited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN save_audited_at TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN save_session TEXT NOT NULL DEFAULT ''
"""
_COLUMNS = (
    "id, owner, kind, title, yaml, status, number_line, numbered_by, created_at, updated_at, "
    "returned_by, returned_reason"
)


@dataclass(frozen=True)
class StoredDraft:
    id: str
    owner: str
    kind: str
    title: str
    yaml: str
    status: str
    number_line: str
    numbered_by: str
    created_at: str
    updated_at: str
    #: The văn thư who returned the draft to its author, and why ("" unless returned and not yet sent again).
    returned_by: str = ""
    returned_reason: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def editable(self) -> bool:
        return self.status == EDITING


class DraftNotFound(VanbanError):
    """No such draft for this user: the page answers 404 whether it is someone else's or none at all."""

    status = 404

    def __init__(self) -> None:
        super().__init__("không có dự thảo này (hoặc dự thảo không phải của bạn).")


#: The shape of a draft's id (`new_id`): what a form may send back as the id of the draft it makes.
DRAFT_ID = re.compile(r"[A-Za-z0-9_-]{16}")


def new_id() -> str:
    return secrets.token_urlsafe(12)


def _text(yaml_text: str) -> str:
    text = nfc(yaml_text or "")
    if len(text.encode("utf-8")) > MAX_TEXT:
        raise VanbanError(f"dự thảo quá lớn (tối đa {MAX_TEXT // 1048576} MB).")
    return text


class Drafts(OfficeStore):
    noun = "kho dự thảo"
    key = "drafts"
    schema = _SCHEMA
    migrations = (_RETURN_AND_SAVES,)
    requires = (AuditLog,)

    def __init__(self, data_dir, clock: Clock = utc_now, database: str | None = None):
        super().__init__(data_dir, database)
        self.clock = clock

    # -- reading

    def mine(self, owner: str) -> list[StoredDraft]:
        """The user's drafts, the one worked on last first."""
        return self._select("WHERE owner = ? ORDER BY updated_at DESC, id", (owner,))

    def get(self, draft_id: str, owner: str) -> StoredDraft:
        found = self._select("WHERE id = ? AND owner = ?", (draft_id, owner))
        if not found:
            raise DraftNotFound()
        return found[0]

    def waiting(self) -> list[StoredDraft]:
        """Drafts sent to the văn thư for a number, the longest waiting first."""
        return self._select("WHERE status = ? ORDER BY updated_at, id", (WAITING,))

    def waiting_one(self, draft_id: str) -> StoredDraft:
        """One draft waiting for a number (the văn thư's only way to a draft that is not theirs)."""
        found = self._select("WHERE id = ? AND status = ?", (draft_id, WAITING))
        if not found:
            raise DraftNotFound()
        return found[0]

    # -- changing (each change and its audit line commit together)

    def create(
        self, owner: str, kind: str, title: str, yaml_text: str, action: str = CREATED, draft_id: str = ""
    ) -> StoredDraft:
        """A new draft; with `draft_id` (the id the new-draft page handed out), the draft of that id
        when it was already made: an autosave and a click on «Lưu» sent before the first answer came
        back must make one draft, not two. The caller then saves its text into the draft returned."""
        if draft_id and not DRAFT_ID.fullmatch(draft_id):
            raise VanbanError("mã dự thảo không hợp lệ; hãy mở lại trang soạn thảo.")
        now, draft_id, text = stamp(self.clock()), draft_id or new_id(), _text(yaml_text)
        with self._transaction() as connection:
            made = connection.execute("SELECT owner FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if made is not None and made[0] != owner:
                raise VanbanError("mã dự thảo đã được dùng; hãy mở lại trang soạn thảo.")
            if made is None:
                connection.execute(
                    "INSERT INTO drafts (id, owner, kind, title, yaml, status, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (draft_id, owner, kind, nfc(title), text, EDITING, now, now),
                )
                audit.append(connection, self.clock(), owner, action, draft_id, f"{kind}: {nfc(title)}"[:200])
        return self.get(draft_id, owner)

    def save(self, draft_id: str, owner: str, title: str, yaml_text: str, session: str = "") -> StoredDraft:
        """Replace the draft's text (autosave calls this every few seconds of typing).

        Every save commits, but the audit log gets one "lưu dự thảo" line per draft per
        SAVE_AUDIT_EVERY, saying how many saves it stands for: autosave wrote a line per pause in
        typing (eight in two minutes), which buried the lines an auditor looks for (numbers, logins,
        deletions) under noise and said nothing more than "this person worked on this draft then".
        The first save in a new `session` (the browser's login session, as an opaque key) is always
        written, so who worked on a draft from where is never lost; creating, sending, withdrawing,
        returning, numbering and deleting are each written every time."""
        text, now = _text(yaml_text), self.clock()
        with self._transaction() as connection:
            self._editable(connection, draft_id, owner)
            unaudited, audited_at, last_session = connection.execute(
                "SELECT saves_unaudited, save_audited_at, save_session FROM drafts WHERE id = ?", (draft_id,)
            ).fetchone()
            saves = unaudited + 1
            due = (
                session != last_session
                or not audited_at
                or now - _dt.datetime.fromisoformat(audited_at) >= SAVE_AUDIT_EVERY
            )
            connection.execute(
                "UPDATE drafts SET title = ?, yaml = ?, updated_at = ?, saves_unaudited = ?, save_audited_at = ?, "
                "save_session = ? WHERE id = ? AND owner = ?",
                (
                    nfc(title),
                    text,
                    stamp(now),
                    0 if due else saves,
                    stamp(now) if due else audited_at,
                    session,
                    draft_id,
                    owner,
                ),
            )
            if due:
                count = f" ({saves} lần lưu kể từ dòng nhật ký trước)" if saves > 1 else ""
                audit.append(connection, now, owner, SAVED, draft_id, f"{nfc(title)[:160]}{count}")
        return self.get(draft_id, owner)

    def duplicate(self, draft_id: str, owner: str, yaml_text: str) -> StoredDraft:
        """A new draft being written from `yaml_text` (the caller drops the number a copy must not keep)."""
        original = self.get(draft_id, owner)
        return self.create(owner, original.kind, original.title, yaml_text, action=COPIED)

    def delete(self, draft_id: str, owner: str) -> None:
        with self._transaction() as connection:
            draft = self._owned(connection, draft_id, owner)
            if draft.status in (WAITING, NUMBERING):
                raise VanbanError("dự thảo đang chờ văn thư cấp số; hãy «Rút lại» trước khi xóa.")
            connection.execute("DELETE FROM drafts WHERE id = ? AND owner = ?", (draft_id, owner))
            audit.append(connection, self.clock(), owner, DELETED, draft_id, draft.title[:200])

    def send_for_number(self, draft_id: str, owner: str) -> StoredDraft:
        with self._transaction() as connection:
            draft = self._editable(connection, draft_id, owner)
            self._set_status(connection, draft_id, WAITING)
            connection.execute("UPDATE drafts SET returned_by = '', returned_reason = '' WHERE id = ?", (draft_id,))
            audit.append(connection, self.clock(), owner, SENT, draft_id, draft.title[:200])
        return self.get(draft_id, owner)

    def withdraw(self, draft_id: str, owner: str) -> StoredDraft:
        """Take a draft back from the văn thư's queue to edit it again (only before it is numbered)."""
        with self._transaction() as connection:
            draft = self._owned(connection, draft_id, owner)
            if draft.status != WAITING:
                raise VanbanError("dự thảo không ở trạng thái chờ cấp số nên không rút lại được.")
            self._set_status(connection, draft_id, EDITING)
            audit.append(connection, self.clock(), owner, WITHDRAWN, draft_id, draft.title[:200])
        return self.get(draft_id, owner)

    def return_to_author(self, draft_id: str, clerk: str, reason: str) -> StoredDraft:
        """The văn thư sends a waiting draft back to its author, editable again, with the reason (shown
        on the draft until it is sent again). Only a draft still waiting: one being numbered is not."""
        reason = nfc(reason or "").replace("\r\n", "\n").strip()
        if not reason:
            raise VanbanError("Cần ghi lý do trả lại để chuyên viên biết phải sửa gì.")
        if len(reason) > MAX_REASON:
            raise VanbanError(f"lý do trả lại dài {len(reason)} ký tự, quá {MAX_REASON} ký tự.")
        with self._transaction() as connection:
            changed = connection.execute(
                "UPDATE drafts SET status = ?, returned_by = ?, returned_reason = ?, updated_at = ? "
                "WHERE id = ? AND status = ?",
                (EDITING, clerk, reason, stamp(self.clock()), draft_id, WAITING),
            ).rowcount
            if changed != 1:
                raise DraftNotFound()
            audit.append(connection, self.clock(), clerk, RETURNED, draft_id, reason[:200])
        return self._select("WHERE id = ?", (draft_id,))[0]

    def claim(self, draft_id: str, clerk: str) -> StoredDraft:
        """Hold a waiting draft for one văn thư while the number is taken: a second văn thư clicking
        at the same moment is refused here, before any number leaves the register."""
        with self._transaction() as connection:
            changed = connection.execute(
                "UPDATE drafts SET status = ?, numbered_by = ? WHERE id = ? AND status = ?",
                (NUMBERING, clerk, draft_id, WAITING),
            ).rowcount
            if changed != 1:
                raise VanbanError("dự thảo không còn chờ cấp số (đã được rút lại, hoặc văn thư khác đang cấp số).")
        return self._select("WHERE id = ?", (draft_id,))[0]

    def release(self, draft_id: str) -> None:
        """Back to waiting after a failed attempt (nothing was numbered)."""
        with self._transaction() as connection:
            connection.execute(
                "UPDATE drafts SET status = ?, numbered_by = '' WHERE id = ? AND status = ?",
                (WAITING, draft_id, NUMBERING),
            )

    def numbered(self, draft_id: str, clerk: str, yaml_text: str, number_line: str) -> StoredDraft:
        """Record the number the văn thư took: the draft's text now carries it (`so: N`), and it is no
        longer edited. Only the văn thư who claimed it may."""
        with self._transaction() as connection:
            row = connection.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", (draft_id,)).fetchone()
            if row is None or StoredDraft(*row).status != NUMBERING or StoredDraft(*row).numbered_by != clerk:
                raise VanbanError("dự thảo không còn chờ cấp số (đã được rút lại hoặc đã cấp số).")
            connection.execute(
                "UPDATE drafts SET yaml = ?, status = ?, number_line = ?, updated_at = ? WHERE id = ?",
                (_text(yaml_text), NUMBERED, number_line, stamp(self.clock()), draft_id),
            )
            audit.append(connection, self.clock(), clerk, NUMBER_TAKEN, draft_id, number_line)
        return self._select("WHERE id = ?", (draft_id,))[0]

    # -- inside

    def _select(self, where: str, values: tuple) -> list[StoredDraft]:
        if not self.exists():
            return []
        with self._session() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM drafts {where}", values).fetchall()
        return [StoredDraft(*row) for row in rows]

    def _owned(self, connection: Connection, draft_id: str, owner: str) -> StoredDraft:
        row = connection.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE id = ? AND owner = ?", (draft_id, owner)
        ).fetchone()
        if row is None:
            raise DraftNotFound()
        return StoredDraft(*row)

    def _editable(self, connection: Connection, draft_id: str, owner: str) -> StoredDraft:
        draft = self._owned(connection, draft_id, owner)
        if draft.status in (WAITING, NUMBERING):
            raise VanbanError("dự thảo đang chờ văn thư cấp số nên không sửa được; hãy «Rút lại» nếu cần sửa.")
        if draft.status == NUMBERED:
            raise VanbanError(
                f"dự thảo đã được cấp số ({draft.number_line}) nên không sửa nữa; "
                "hãy «Nhân bản» nếu cần soạn văn bản khác từ dự thảo này."
            )
        return draft

    def _set_status(self, connection: Connection, draft_id: str, status: str) -> None:
        connection.execute(
            "UPDATE drafts SET status = ?, updated_at = ? WHERE id = ?", (status, stamp(self.clock()), draft_id)
        )
