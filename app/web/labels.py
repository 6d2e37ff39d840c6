"""How the pages name what the library and the office database store, in the words a văn thư uses.

The stored values are shared with the command line and its `--json` (a status «chưa rõ», a role
key «chuyen-vien», a source ending in the seed file's name); the pages must not show those keys.
Each function here is one such rewording, used as a Jinja filter (render.py), so a value is
worded the same on every page and the stored form (and the links that filter by it) never changes.
"""

from __future__ import annotations

import re

from jinja2 import pass_context
from starlette.requests import Request

from vanban.generator.compose.model import KINDS
from vanban.library.model import STATUS_UNKNOWN
from vanban.office.users import ROLES

#: The category of a legal or administrative text (library/model.py's default); anything else is
#: reference material vanban ships (a handout), which has no hiệu lực to decide.
LEGAL_CATEGORY = "văn bản"
REFERENCE_STATUS = "Tài liệu tham khảo, không xét hiệu lực"
UNKNOWN_STATUS = "Chưa xác định hiệu lực"
#: The issuer the shipped handouts carry (library/corpus/huong-dan-*.md), as a reader should see it.
REFERENCE_ISSUERS = {"vanban (tài liệu giải thích)": "Tài liệu tham khảo (không phải văn bản quy phạm hay hành chính)"}
#: Who the audit log names for a change made on the server's command line (`vanban user …` runs as
#: the operating-system user, often root; the register's commands write «dòng lệnh»).
COMMAND_LINE_ACTORS = {"root", "dòng lệnh"}
SYSTEM_ADMIN = "Quản trị hệ thống (dòng lệnh)"

_UNPADDED_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_FILE_NAME = re.compile(r"\s*\([^()]*\.(?:txt|md|docx?|pdf|rtf|json)\)\s*$", re.IGNORECASE)
_KIND_PREFIX = re.compile(r"^(" + "|".join(re.escape(k) for k in KINDS) + r"):")
_ROLE_KEYS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in ROLES) + r")(?![\w-])")


def status_label(status: str, category: str = LEGAL_CATEGORY) -> str:
    """A hiệu lực as a sentence can start with it: reference material has none, «chưa rõ» is said in full."""
    if category and category != LEGAL_CATEGORY:
        return REFERENCE_STATUS
    if not status or status == STATUS_UNKNOWN:
        return UNKNOWN_STATUS
    return status[:1].upper() + status[1:]


def issuer_label(issuer: str) -> str:
    return REFERENCE_ISSUERS.get(issuer, issuer)


def source_label(source: str) -> str:
    """«Bản chữ trích từ văn bản đã ký (kh-484-ubnd-2020-ha-tinh.txt)» → without the file name in brackets."""
    return _FILE_NAME.sub("", source)


def padded_dates(text: str) -> str:
    """vanban's own wording (relation sources, hiệu lực reasons) with every date as 07/09/2009."""
    return _UNPADDED_DATE.sub(lambda m: f"{int(m[1]):02d}/{int(m[2]):02d}/{m[3]}", text)


def role_label(key: str) -> str:
    return ROLES.get(key, key)


def with_key_labels(text: str) -> str:
    """An audit detail with the keys the office database stores named: «vai trò chuyen-vien» →
    «vai trò chuyên viên», a draft's «cong-van: …» → «Công văn: …»."""
    text = _KIND_PREFIX.sub(lambda m: KINDS[m[1]] + ":", text)
    return _ROLE_KEYS.sub(lambda m: ROLES[m[1]], text)


def full_names(request: Request) -> dict[str, str]:
    """The accounts' họ và tên by login name, read once per request: a list names many people."""
    known = getattr(request.state, "full_names", None)
    if known is None:
        known = request.state.full_names = request.app.state.workbench.users.full_names()
    return known


@pass_context
def person_label(context, login: str) -> str:
    """A person as others know them: the account's họ và tên, its login name when it has none
    (or when the account is gone)."""
    return full_names(context["request"]).get(login, login)


def actor_label(actor: str, names: dict[str, str]) -> str:
    """Who did it: an account by its họ và tên (`names`, from `full_names`) or login name; the
    server's command line as the system's administrator."""
    return SYSTEM_ADMIN if actor in COMMAND_LINE_ACTORS else names.get(actor, actor)
