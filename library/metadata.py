"""Front-matter metadata → `Document` fields, validated; errors name the file, line and field.

Metadata a file declares (or a user passes on the command line) overrides what the structure
parser detected from the header, because headers are often incomplete (the seed has no agency
lines; a law exported as JSON has no số hiệu).
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import yaml

from vanban.library.errors import VanbanError
from vanban.library.limits import read_small_text
from vanban.library.model import STATUS_EXPIRED, STATUS_IN_FORCE, STATUS_UNKNOWN, Document, Signature, Task
from vanban.library.safe_yaml import load_yaml
from vanban.library.vietnamese import nfc

STATUSES = (STATUS_IN_FORCE, STATUS_EXPIRED, STATUS_UNKNOWN)
_TEXT_FIELDS = (
    "id",
    "number",
    "doc_type",
    "issuer",
    "parent_issuer",
    "place",
    "title",
    "category",
    "source",
    "notes",
    "appendix_title",
    "appendix_ref",
)
KNOWN_FIELDS = _TEXT_FIELDS + ("signed_on", "status", "signature", "recipients", "full_text", "tasks")


def _line_of(front_text: str, key: str) -> int | None:
    for number, line in enumerate(front_text.splitlines(), 1):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return None


def apply_metadata(doc: Document, meta: dict, path: Path, front_text: str = "") -> None:
    """Copy validated fields from `meta` onto `doc`; `front_text` locates errors by line."""

    def fail(key: str, message: str) -> VanbanError:
        return VanbanError(f"trường «{key}»: {message}", path, _line_of(front_text, key))

    unknown = sorted(set(meta) - set(KNOWN_FIELDS))
    if unknown:
        raise fail(unknown[0], f"không có trường này. Các trường hợp lệ: {', '.join(KNOWN_FIELDS)}.")
    for key in _TEXT_FIELDS:
        if key in meta and meta[key] is not None:
            if not isinstance(meta[key], str | int):
                raise fail(key, "phải là một chuỗi chữ.")
            setattr(doc, key, nfc(str(meta[key])).strip())
    if meta.get("signed_on") is not None:
        doc.signed_on = _parse_date(meta["signed_on"], fail)
    if "status" in meta:
        if meta["status"] not in STATUSES:
            raise fail("status", f"phải là một trong: {', '.join(STATUSES)}.")
        doc.status = meta["status"]
    if "full_text" in meta:
        if not isinstance(meta["full_text"], bool):
            raise fail("full_text", "phải là true hoặc false.")
        doc.full_text = meta["full_text"]
    if "recipients" in meta:
        if not isinstance(meta["recipients"], list) or not all(isinstance(r, str) for r in meta["recipients"]):
            raise fail("recipients", "phải là danh sách các dòng chữ.")
        doc.recipients = [nfc(r) for r in meta["recipients"]]
    if "signature" in meta:
        doc.signature = _parse_signature(meta["signature"], fail)
    if "tasks" in meta:
        doc.task_groups, doc.tasks = load_task_file(task_file_of(path, str(meta["tasks"]), fail), fail)


def _parse_date(value, fail) -> _dt.date:
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise fail("signed_on", f"«{value}» không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2020-12-15).") from None


def _parse_signature(value, fail) -> Signature:
    if not isinstance(value, dict):
        raise fail("signature", "phải có các khóa authority (danh sách), title, name.")
    authority = value.get("authority", [])
    if not isinstance(authority, list):
        raise fail("signature", "«authority» phải là danh sách, ví dụ [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH].")
    return Signature(
        authority=[nfc(str(a)) for a in authority],
        title=nfc(str(value.get("title", ""))),
        name=nfc(str(value.get("name", ""))),
    )


#: A task table file is a few hundred rows.
MAX_TASK_FILE_BYTES = 5 * 1024 * 1024


def task_file_of(source: Path, reference: str, fail=None) -> Path:
    """The «tasks:» file named in front matter: only a regular file in the source's own folder, so
    a reference cannot read "/dev/zero", a pipe or a file elsewhere on the machine."""
    folder = source.parent.resolve()
    target = (folder / reference).resolve()
    if target.parent != folder or not target.is_file():
        message = f"«tasks» phải là tên một tệp bảng nhiệm vụ trong cùng thư mục với {source.name}."
        if fail:
            raise fail("tasks", message)
        raise VanbanError(message, source)
    return target


def load_task_file(path: Path, fail=None) -> tuple[list[dict], list[Task]]:
    """A task table stored as YAML: {groups: [{key, title}], tasks: [{group, no, content, …}]}."""
    if not path.exists():
        if fail:
            raise fail("tasks", f"không tìm thấy tệp bảng nhiệm vụ {path.name}.")
        raise VanbanError("không tìm thấy tệp bảng nhiệm vụ.", path)
    data = load_yaml(read_small_text(path, MAX_TASK_FILE_BYTES, "tệp bảng nhiệm vụ"), path)[0] or {}
    groups = data.get("groups", []) if isinstance(data, dict) else None
    rows = data.get("tasks", []) if isinstance(data, dict) else None
    if not isinstance(groups, list) or not isinstance(rows, list):
        raise VanbanError("tệp bảng nhiệm vụ phải có «groups» và «tasks» là danh sách.", path)
    keys = {g.get("key") for g in groups if isinstance(g, dict)}
    tasks = []
    for index, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("content"):
            raise VanbanError(f"nhiệm vụ thứ {index}: thiếu trường «content» (nội dung công việc).", path)
        if keys and row.get("group") not in keys:
            raise VanbanError(f"nhiệm vụ thứ {index}: nhóm «{row.get('group')}» không có trong «groups».", path)
        tasks.append(Task.from_dict({k: nfc(str(v)) if v is not None else "" for k, v in row.items()}))
    return [dict(g) for g in groups], tasks


def dump_task_file(doc: Document) -> str:
    data = {"plan": doc.number, "groups": doc.task_groups, "tasks": [t.to_dict() for t in doc.tasks]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
