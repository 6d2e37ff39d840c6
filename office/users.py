"""Tài khoản, vai trò và quyền: who may use the web app, and for what.

Accounts live in the office database beside the register, so every worker of the web app (and the
CLI) sees the same accounts, the same failed logins and the same audit log. Passwords are kept
only as argon2 hashes and never written anywhere in clear, not even to the audit log. Failed
logins are counted in the database, per name and per client address, so throttling holds across
workers. Every change is written to the audit log in the same transaction as the change.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vanban.library.errors import VanbanError
from vanban.library.vietnamese import nfc
from vanban.office import audit
from vanban.office.audit import AuditLog, Clock, stamp, utc_now
from vanban.office.database import Connection, OfficeStore

ADMIN, CLERK, OFFICER = "quan-tri", "van-thu", "chuyen-vien"
#: Each role and what it is called on screen.
ROLES = {ADMIN: "quản trị", CLERK: "văn thư", OFFICER: "chuyên viên"}
ACTIONS = ("search", "read", "upload", "remove-document", "check", "draft", "register", "manage-users")
#: What each role may do. The admin may do everything, so a small office needs no second account;
#: the văn thư keeps the register (NĐ 30 Điều 15) and the chuyên viên drafts.
PERMISSIONS = {
    ADMIN: frozenset(ACTIONS),
    CLERK: frozenset({"search", "read", "upload", "check", "register"}),
    OFFICER: frozenset({"search", "read", "upload", "check", "draft"}),
}
#: What someone not logged in may do while the `anonymous_read` setting is on (the default).
ANONYMOUS = frozenset({"search", "read"})

MIN_PASSWORD = 10
#: Throttling: this many failures for one name (or one client) within WINDOW refuse it for LOCKOUT.
MAX_FAILURES = 5
WINDOW = LOCKOUT = _dt.timedelta(minutes=15)

#: Audit actions written by `Users`.
USER_ADDED, PASSWORD_SET, ROLE_SET, USER_REMOVED = "thêm tài khoản", "đổi mật khẩu", "đổi vai trò", "xóa tài khoản"
LOGGED_IN, LOGIN_LOCKED, SETTING_SET = "đăng nhập", "tạm khóa đăng nhập", "đổi cài đặt"
LOGGED_OUT = "đăng xuất"
FULL_NAME_SET = "đổi họ và tên"
#: The longest họ và tên kept: room for any Vietnamese name with a title, short enough for a table cell.
MAX_FULL_NAME = 80
#: How long a web session lasts from its login: a working day, then the browser logs in again.
SESSION_LIFETIME = _dt.timedelta(hours=12)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ({", ".join(f"'{role}'" for role in ROLES)})),
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS login_failures (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_name ON login_failures (name, at);
CREATE INDEX IF NOT EXISTS login_failures_client ON login_failures (client, at);
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_name ON sessions (name);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

#: Step 2: the họ và tên shown to other people instead of the login name (empty: none given).
_FULL_NAME = "ALTER TABLE users ADD COLUMN full_name TEXT NOT NULL DEFAULT ''"

_NAME = re.compile(r"[\w.-]{3,40}")
#: A họ và tên: letters (with their diacritics) and spaces, and the «.», «-», «'» of an abbreviated
#: or foreign name; no digits, no punctuation that would make it look like something else.
_FULL_NAME_TEXT = re.compile(r"(?:[^\W\d_]|[ .'-])+")
_COLUMNS = "name, role, created_at, password_changed_at, full_name"
_MINUTE = _dt.timedelta(minutes=1)


def allowed(role: str | None, action: str, anonymous_read: bool = False) -> bool:
    """Whether a user of `role` (None: not logged in) may do `action`; an unknown action is a bug, not a no."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
    if role is None:
        return anonymous_read and action in ANONYMOUS
    return action in PERMISSIONS.get(role, frozenset())


def normal_name(name: str) -> str:
    """What a typed name means: "Nguyen.An " and "nguyen.an" are one account."""
    return nfc(name or "").strip().lower()


def valid_name(name: str) -> str:
    name = normal_name(name)
    if not name:
        raise VanbanError("tên đăng nhập không được để trống.")
    if not 3 <= len(name) <= 40:
        raise VanbanError(f"tên đăng nhập «{name}» dài {len(name)} ký tự; cần từ 3 đến 40 ký tự.")
    if not _NAME.fullmatch(name):
        raise VanbanError(
            f"tên đăng nhập «{name}» chỉ được gồm chữ cái, chữ số và các dấu «.», «_», «-» "
            "(không có khoảng trắng), ví dụ nguyen.van.an."
        )
    return name


def valid_role(role: str) -> str:
    role = normal_name(role)
    if role not in ROLES:
        names = ", ".join(f"{key} ({label})" for key, label in ROLES.items())
        raise VanbanError(f"vai trò «{role}» không có; chọn một trong: {names}.")
    return role


def valid_password(password: str) -> str:
    password = nfc(password or "")
    if len(password) < MIN_PASSWORD:
        raise VanbanError(f"mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD} ký tự.")
    return password


def valid_full_name(full_name: str) -> str:
    """A họ và tên as stored: NFC, spaces collapsed, at most MAX_FULL_NAME characters; "" means none."""
    full_name = " ".join(nfc(full_name or "").split())
    if len(full_name) > MAX_FULL_NAME:
        raise VanbanError(f"họ và tên dài {len(full_name)} ký tự; tối đa {MAX_FULL_NAME} ký tự.")
    if full_name and not _FULL_NAME_TEXT.fullmatch(full_name):
        raise VanbanError(
            f"họ và tên «{full_name}» chỉ được gồm chữ cái và khoảng trắng (có thể có dấu «.», «-», «'»), "
            "ví dụ Trần Bình."
        )
    return full_name


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


@dataclass(frozen=True)
class User:
    """An account as the app sees it: never its password hash."""

    name: str
    role: str
    created_at: str
    password_changed_at: str
    full_name: str = ""

    @property
    def role_label(self) -> str:
        return ROLES[self.role]

    @property
    def shown_name(self) -> str:
        """What other people see: the họ và tên, the login name when none was given."""
        return self.full_name or self.name

    def to_dict(self) -> dict:
        return {**asdict(self), "role_label": self.role_label}


class LoginThrottled(VanbanError):
    """Too many failed logins: refused without looking at the password until `until` (a web app answers 429)."""

    def __init__(self, until: _dt.datetime, now: _dt.datetime):
        self.until = until
        minutes = max(1, -(-(until - now) // _MINUTE))
        super().__init__(
            f"đã đăng nhập sai {MAX_FAILURES} lần trong {WINDOW // _MINUTE} phút (với tên này hoặc từ máy này); "
            "đăng nhập tạm khóa, "
            f"hãy thử lại sau {until.astimezone().strftime('%H:%M')} (khoảng {minutes} phút nữa)."
        )


class Users(OfficeStore):
    noun = "danh sách tài khoản"
    key = "users"
    schema = _SCHEMA
    migrations = (_FULL_NAME,)
    requires = (AuditLog,)

    def __init__(
        self,
        data_dir: Path,
        clock: Clock = utc_now,
        hasher: PasswordHasher | None = None,
        database: str | None = None,
    ):
        """`clock` and `hasher` are there for tests (a controllable time, cheap hashing parameters)."""
        super().__init__(data_dir, database)
        self.clock = clock
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    # -- reading

    def get(self, name: str) -> User | None:
        if not self.exists():
            return None
        with self._session() as connection:
            return self._row(connection, normal_name(name))

    def list(self) -> list[User]:
        if not self.exists():
            return []
        with self._session() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM users ORDER BY name").fetchall()
        return [User(*row) for row in rows]

    def full_names(self) -> dict[str, str]:
        """Login name → họ và tên of the accounts that have one: how a page names the people in a
        list (authors, the audit log's actors) with one read."""
        if not self.exists():
            return {}
        with self._session() as connection:
            rows = connection.execute("SELECT name, full_name FROM users WHERE full_name <> ''").fetchall()
        return dict(rows)

    @property
    def anonymous_read(self) -> bool:
        """Whether search and reading need no login (on until an admin turns it off)."""
        if not self.exists():
            return True
        with self._session() as connection:
            row = connection.execute("SELECT value FROM settings WHERE key = 'anonymous_read'").fetchone()
        return row is None or row[0] == "true"

    def allowed(self, role: str | None, action: str) -> bool:
        """`allowed` with this office's anonymous-read setting."""
        return allowed(role, action, self.anonymous_read if role is None else False)

    # -- changing (each change and its audit line commit together)

    def add(self, name: str, role: str, password: str, actor: str, full_name: str = "") -> User:
        name, role, full_name = valid_name(name), valid_role(role), valid_full_name(full_name)
        password_hash = self.hasher.hash(valid_password(password))
        now = self.clock()
        with self._transaction() as connection:
            if self._row(connection, name):
                raise VanbanError(f"tài khoản «{name}» đã có; đổi mật khẩu hay vai trò bằng lệnh riêng.")
            connection.execute(
                "INSERT INTO users (name, role, password_hash, created_at, password_changed_at, full_name) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (name, role, password_hash, stamp(now), stamp(now), full_name),
            )
            detail = f"vai trò {role}" + (f", họ và tên {full_name}" if full_name else "")
            audit.append(connection, now, actor, USER_ADDED, name, detail)
        return User(name, role, stamp(now), stamp(now), full_name)

    def set_full_name(self, name: str, full_name: str, actor: str) -> User:
        """Give, change or (with "") clear the họ và tên of an account."""
        name, full_name = normal_name(name), valid_full_name(full_name)
        now = self.clock()
        with self._transaction() as connection:
            user = self._existing(connection, name)
            if user.full_name == full_name:
                return user
            connection.execute("UPDATE users SET full_name = ? WHERE name = ?", (full_name, name))
            audit.append(connection, now, actor, FULL_NAME_SET, name, f"«{user.full_name}» → «{full_name}»")
        return User(name, user.role, user.created_at, user.password_changed_at, full_name)

    def set_password(self, name: str, password: str, actor: str) -> None:
        name = normal_name(name)
        password_hash = self.hasher.hash(valid_password(password))
        now = self.clock()
        with self._transaction() as connection:
            self._existing(connection, name)
            connection.execute(
                "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?",
                (password_hash, stamp(now), name),
            )
            connection.execute("DELETE FROM login_failures WHERE name = ?", (name,))
            connection.execute("DELETE FROM sessions WHERE name = ?", (name,))
            audit.append(connection, now, actor, PASSWORD_SET, name, "")

    def set_role(self, name: str, role: str, actor: str) -> User:
        name, role = normal_name(name), valid_role(role)
        now = self.clock()
        with self._transaction() as connection:
            user = self._existing(connection, name)
            if user.role == ADMIN and role != ADMIN:
                self._keep_an_admin(connection, name)
            connection.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))
            audit.append(connection, now, actor, ROLE_SET, name, f"{user.role} → {role}")
        return User(name, role, user.created_at, user.password_changed_at, user.full_name)

    def remove(self, name: str, actor: str) -> None:
        name = normal_name(name)
        now = self.clock()
        with self._transaction() as connection:
            user = self._existing(connection, name)
            if user.role == ADMIN:
                self._keep_an_admin(connection, name)
            connection.execute("DELETE FROM users WHERE name = ?", (name,))
            connection.execute("DELETE FROM login_failures WHERE name = ?", (name,))
            connection.execute("DELETE FROM sessions WHERE name = ?", (name,))
            audit.append(connection, now, actor, USER_REMOVED, name, f"vai trò {user.role}")

    def set_anonymous_read(self, on: bool, actor: str) -> None:
        value = "true" if on else "false"
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO settings VALUES ('anonymous_read', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (value,),
            )
            audit.append(connection, self.clock(), actor, SETTING_SET, "anonymous_read", value)

    # -- logging in

    def authenticate(self, name: str, password: str, client: str) -> User:
        """The account for this name and password, or a VanbanError saying no (LoginThrottled when locked).

        The password is checked outside the write lock (argon2 is slow on purpose), so a burst of
        parallel attempts may get a few more tries than MAX_FAILURES before the lock is seen.
        """
        name, now = normal_name(name), self.clock()
        with self._session() as connection:
            until = self._locked_until(connection, name, client, now)
            row = connection.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
        if until is not None:
            raise LoginThrottled(until, now)
        stored = row[0] if row else None
        if stored is not None and self._verify(stored, password):
            return self._logged_in(name, stored, password, client, now)
        if stored is None:
            self._verify(self._dummy(), password)  # the same time whether or not the name exists
        self._failed(name, client, now)
        raise VanbanError(
            f"tên đăng nhập hoặc mật khẩu không đúng. Sai {MAX_FAILURES} lần trong {WINDOW // _MINUTE} phút "
            f"thì đăng nhập bị tạm khóa {LOCKOUT // _MINUTE} phút."
        )

    # -- web sessions: in this database so that every worker of the web app sees the same ones

    def start_session(self, name: str) -> tuple[str, str]:
        """A new session for a user who has just logged in: its id (for the cookie) and its CSRF token.

        Only a hash of the id is stored, so a copy of the database does not let anyone in.
        """
        session_id, token, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), self.clock()
        with self._transaction() as connection:
            connection.execute("DELETE FROM sessions WHERE expires_at <= ?", (stamp(now),))
            self._existing(connection, normal_name(name))
            connection.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?)",
                (_session_hash(session_id), normal_name(name), token, stamp(now), stamp(now + SESSION_LIFETIME)),
            )
        return session_id, token

    def session(self, session_id: str) -> tuple[User, str] | None:
        """The user of a live session and its CSRF token; None for an unknown, expired or removed one.

        The role is read from the account each time, so a role change takes effect on the next page.
        """
        if not session_id or not self.exists():
            return None
        with self._session() as connection:
            row = connection.execute(
                f"SELECT {', '.join('u.' + c.strip() for c in _COLUMNS.split(','))}, s.csrf "
                "FROM sessions s JOIN users u ON u.name = s.name WHERE s.id_hash = ? AND s.expires_at > ?",
                (_session_hash(session_id), stamp(self.clock())),
            ).fetchone()
        return (User(*row[:-1]), row[-1]) if row else None

    def end_session(self, session_id: str, client: str) -> None:
        """Log out: the session is deleted (its cookie is worthless from now on) and the logout audited."""
        now = self.clock()
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT name FROM sessions WHERE id_hash = ?", (_session_hash(session_id),)
            ).fetchone()
            if row is None:
                return
            connection.execute("DELETE FROM sessions WHERE id_hash = ?", (_session_hash(session_id),))
            audit.append(connection, now, row[0], LOGGED_OUT, row[0], client)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self.hasher.verify(password_hash, nfc(password or ""))
        except (VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self.hasher.hash("không phải mật khẩu của ai")
        return self._dummy_hash

    def _logged_in(self, name: str, stored: str, password: str, client: str, now: _dt.datetime) -> User:
        """Clear the name's failures, rehash if the hashing parameters changed since, and audit the login."""
        with self._transaction() as connection:
            if self.hasher.check_needs_rehash(stored):
                connection.execute(
                    "UPDATE users SET password_hash = ? WHERE name = ? AND password_hash = ?",
                    (self.hasher.hash(nfc(password)), name, stored),
                )
            connection.execute("DELETE FROM login_failures WHERE name = ?", (name,))
            audit.append(connection, now, name, LOGGED_IN, name, client)
            return self._existing(connection, name)

    def _failed(self, name: str, client: str, now: _dt.datetime) -> None:
        with self._transaction() as connection:
            # Nothing older can still count towards a lock.
            connection.execute("DELETE FROM login_failures WHERE at < ?", (stamp(now - WINDOW - LOCKOUT),))
            connection.execute("INSERT INTO login_failures VALUES (?, ?, ?)", (name, client, stamp(now)))
            until = self._locked_until(connection, name, client, now)
            if until is not None:
                audit.append(connection, now, name, LOGIN_LOCKED, name, f"{client}, đến {stamp(until)}")

    def _locked_until(self, connection: Connection, name: str, client: str, now: _dt.datetime) -> _dt.datetime | None:
        """When the lock on this name or client ends, if one is on now: MAX_FAILURES within WINDOW lock for LOCKOUT
        from the last of them. An empty client (the command line) is throttled by name only."""
        ends = []
        for column, value in (("name", name), ("client", client)):
            if not value:
                continue
            times = [
                _dt.datetime.fromisoformat(at)
                for (at,) in connection.execute(
                    f"SELECT at FROM login_failures WHERE {column} = ? AND at > ? ORDER BY at",
                    (value, stamp(now - WINDOW - LOCKOUT)),
                )
            ]
            runs = zip(times, times[MAX_FAILURES - 1 :], strict=False)
            ends += [last + LOCKOUT for first, last in runs if last - first <= WINDOW]
        until = max(ends, default=None)
        return until if until is not None and until > now else None

    def _row(self, connection: Connection, name: str) -> User | None:
        row = connection.execute(f"SELECT {_COLUMNS} FROM users WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def _existing(self, connection: Connection, name: str) -> User:
        user = self._row(connection, name)
        if user is None:
            raise VanbanError(f"không có tài khoản «{name}»; xem danh sách: vanban user list.")
        return user

    def _keep_an_admin(self, connection: Connection, name: str) -> None:
        (admins,) = connection.execute("SELECT COUNT(*) FROM users WHERE role = ?", (ADMIN,)).fetchone()
        if admins <= 1:
            raise VanbanError(
                f"«{name}» là tài khoản quản trị cuối cùng; hãy tạo hoặc cấp vai trò {ADMIN} cho người khác trước."
            )
