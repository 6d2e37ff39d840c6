"""The library's one stored form: a parsed `Document` as a versioned JSON record.

Every document the library keeps — the shipped corpus (built once into a cache) and the ones a
user adds — is stored as the record written here, so a document is parsed once, when it enters
the library, and loading never re-reads its text.  A record carries `schema_version`; when the
model changes, `SCHEMA_VERSION` goes up and `MIGRATIONS` gains the step that upgrades the previous
version, so records written by any older vanban still load.  Records written before versioning
have no version and count as version 0.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from pathlib import Path

from vanban.library.atomic import atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.model import (
    ACCESS_LEVELS,
    PUBLIC,
    STATUS_UNKNOWN,
    TASK_FIELDS,
    Annex,
    Document,
    Scan,
    ScanPage,
    Section,
    SectionKind,
    Signature,
    Task,
)

SCHEMA_VERSION = 4


def _version_0_to_1(record: dict) -> dict:
    """Version 0 (added documents before versioning) already had every field of version 1."""
    return {**record, "schema_version": 1}


def _version_1_to_2(record: dict) -> dict:
    """Version 2 adds the ký hiệu of a blank number, the month of a blank day and the annexes; a
    version-1 record had a number or nothing, so its ký hiệu is the part after the number."""
    number = record.get("number") or ""
    symbol = number[number.index("/") :] if "/" in number else ""
    return {"symbol": symbol, "signed_month": "", "annexes": [], **record, "schema_version": 2}


def _version_2_to_3(record: dict) -> dict:
    """Version 3 records the scan a text was recognised from (OCR); older records were all read from text."""
    return {"scan": None, **record, "schema_version": 3}


def _version_3_to_4(record: dict) -> dict:
    """Version 4 records who may read a document on the web; every older record was readable as the
    anonymous-read switch allowed, so it stays public (an existing library keeps working)."""
    return {**record, "access": PUBLIC, "schema_version": 4}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {
    0: _version_0_to_1,
    1: _version_1_to_2,
    2: _version_2_to_3,
    3: _version_3_to_4,
}
"""`MIGRATIONS[n]` turns a version-n record into a version n+1 record."""


def section_to_dict(section: Section) -> dict:
    return {
        "label": section.label,
        "kind": section.kind,
        "title": section.title,
        "text": section.text,
        "children": [section_to_dict(c) for c in section.children],
    }


def section_from_dict(data: dict) -> Section:
    return Section(
        label=data["label"],
        kind=SectionKind(data.get("kind") or SectionKind.PARAGRAPH),
        title=data.get("title", ""),
        text=data.get("text", ""),
        children=[section_from_dict(c) for c in data.get("children", [])],
    )


def task_to_dict(task: Task) -> dict:
    return {name: getattr(task, name) for name in TASK_FIELDS}


def task_from_dict(data: dict) -> Task:
    return Task(**{name: str(data.get(name) or "") for name in TASK_FIELDS})


def signature_to_dict(signature: Signature) -> dict:
    return {"authority": list(signature.authority), "title": signature.title, "name": signature.name}


def signature_from_dict(data: dict) -> Signature:
    return Signature(
        authority=list(data.get("authority", [])),
        title=data.get("title", ""),
        name=data.get("name", ""),
    )


def annex_to_dict(annex: Annex) -> dict:
    return {
        "heading": annex.heading,
        "title": annex.title,
        "ref": annex.ref,
        "style": annex.style,
        "preamble": annex.preamble,
        "sections": [section_to_dict(s) for s in annex.sections],
        "tables": annex.tables,
    }


def annex_from_dict(data: dict) -> Annex:
    return Annex(
        heading=data.get("heading", ""),
        title=data.get("title", ""),
        ref=data.get("ref", ""),
        style=data.get("style", ""),
        preamble=data.get("preamble", ""),
        sections=[section_from_dict(s) for s in data.get("sections", [])],
        tables=data.get("tables", []),
    )


def scan_to_dict(scan: Scan | None) -> dict | None:
    if scan is None:
        return None
    return {
        "path": scan.path,
        "sha256": scan.sha256,
        "engine": scan.engine,
        "pages": [{"page": p.page, "confidence": p.confidence} for p in scan.pages],
    }


def scan_from_dict(data: dict | None) -> Scan | None:
    if not data:
        return None
    return Scan(
        path=data["path"],
        sha256=data["sha256"],
        engine=data.get("engine", ""),
        pages=[ScanPage(int(p["page"]), float(p["confidence"])) for p in data.get("pages", [])],
    )


def document_to_dict(doc: Document) -> dict:
    """The document as JSON data — also what `library show --json` prints, hence the derived
    `signer` (ignored on the way back)."""
    return {
        "id": doc.id,
        "number": doc.number,
        "symbol": doc.symbol,
        "doc_type": doc.doc_type,
        "issuer": doc.issuer,
        "parent_issuer": doc.parent_issuer,
        "place": doc.place,
        "signed_on": doc.signed_on.isoformat() if doc.signed_on else None,
        "signed_month": doc.signed_month,
        "signer": doc.signer,
        "signature": signature_to_dict(doc.signature),
        "title": doc.title,
        "status": doc.status,
        "category": doc.category,
        "full_text": doc.full_text,
        "source": doc.source,
        "notes": doc.notes,
        "preamble": doc.preamble,
        "closing": doc.closing,
        "recipients": list(doc.recipients),
        "sections": [section_to_dict(s) for s in doc.sections],
        "appendix_title": doc.appendix_title,
        "appendix_ref": doc.appendix_ref,
        "task_groups": list(doc.task_groups),
        "tasks": [task_to_dict(t) for t in doc.tasks],
        "tables": doc.tables,
        "annexes": [annex_to_dict(a) for a in doc.annexes],
        "style": doc.style,
        "scan": scan_to_dict(doc.scan),
        "access": doc.access,
    }


def document_from_dict(data: dict) -> Document:
    signed_on = data.get("signed_on")
    return Document(
        id=data.get("id", ""),
        number=data.get("number", ""),
        symbol=data.get("symbol", ""),
        doc_type=data.get("doc_type", ""),
        issuer=data.get("issuer", ""),
        parent_issuer=data.get("parent_issuer", ""),
        place=data.get("place", ""),
        signed_on=_dt.date.fromisoformat(signed_on) if signed_on else None,
        signed_month=data.get("signed_month", ""),
        title=data.get("title", ""),
        status=data.get("status", STATUS_UNKNOWN),
        signature=signature_from_dict(data.get("signature") or {}),
        preamble=data.get("preamble", ""),
        closing=data.get("closing", ""),
        recipients=list(data.get("recipients", [])),
        sections=[section_from_dict(s) for s in data.get("sections", [])],
        appendix_title=data.get("appendix_title", ""),
        appendix_ref=data.get("appendix_ref", ""),
        task_groups=list(data.get("task_groups", [])),
        tasks=[task_from_dict(t) for t in data.get("tasks", [])],
        tables=data.get("tables", []),
        annexes=[annex_from_dict(a) for a in data.get("annexes", [])],
        style=data.get("style", ""),
        full_text=bool(data.get("full_text", True)),
        category=data.get("category", "văn bản"),
        source=data.get("source", ""),
        notes=data.get("notes", ""),
        scan=scan_from_dict(data.get("scan")),
        access=access_from(data.get("access", PUBLIC)),
    )


def access_from(value: object) -> str:
    """A stored access level; anything else is a damaged record (never read as public by accident)."""
    if value not in ACCESS_LEVELS:
        raise ValueError(f"mức truy cập «{value}» không có (chỉ có {', '.join(ACCESS_LEVELS)})")
    return str(value)


def to_record(doc: Document) -> dict:
    return {"schema_version": SCHEMA_VERSION, **document_to_dict(doc)}


def is_record(data: object) -> bool:
    """Whether parsed JSON is a stored document (a law in the ALQAC shape is not)."""
    return isinstance(data, dict) and "schema_version" in data and "sections" in data


def upgrade(record: dict, path: Path) -> dict:
    """Run the migrations from the record's version up to `SCHEMA_VERSION`."""
    version = record.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise VanbanError(f"bản lưu có «schema_version» không hợp lệ ({version!r}).", path)
    if version > SCHEMA_VERSION:
        raise VanbanError(
            f"bản lưu ở định dạng phiên bản {version}, mới hơn phiên bản {SCHEMA_VERSION} mà bản vanban "
            "này đọc được (tệp do một bản vanban mới hơn ghi). Hãy cập nhật vanban rồi mở lại.",
            path,
        )
    while version < SCHEMA_VERSION:
        record = MIGRATIONS[version](record)
        version = record["schema_version"]
    return record


def from_record(record: dict, path: Path) -> Document:
    """A stored record (of any known version) → `Document`; a damaged one is a `VanbanError`."""
    if not isinstance(record, dict):
        raise VanbanError("bản lưu trong thư viện bị hỏng (không phải một đối tượng JSON).", path)
    record = upgrade(record, path)
    try:
        return document_from_dict(record)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise VanbanError(
            f"bản lưu trong thư viện bị hỏng ({error}). Hãy xóa tệp này rồi thêm lại văn bản.", path
        ) from None


def dumps(data: dict | list) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise VanbanError(
            f"bản lưu trong thư viện bị hỏng ({error}). Hãy xóa tệp này rồi thêm lại văn bản.", path
        ) from None


def read_record(path: Path) -> Document:
    return from_record(read_json(path), path)


def write_record(path: Path, doc: Document) -> None:
    atomic_write_text(path, dumps(to_record(doc)))
