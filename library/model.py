"""The document model every layer shares: a document's metadata, its outline and its task tables.

Labels are the document's own ("Chương II", "Điều 8", "Khoản 1", "II", "3", "a", "đoạn 2") so that
a section path printed to a user reads the way the document is cited.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

STATUS_IN_FORCE = "còn hiệu lực"
STATUS_EXPIRED = "hết hiệu lực"
STATUS_UNKNOWN = "chưa rõ"

TASK_FIELDS = ("group", "no", "content", "lead", "partners", "product", "period", "note")


class SectionKind(StrEnum):
    """Which level of an outline a section is. The values are the stored form (JSON, index), so a
    record written before the enum existed reads back unchanged."""

    PART = "phan"  # Phần
    CHAPTER = "chuong"  # Chương
    SECTION = "muc"  # Mục of a legal text; I., II. of a plan or report
    SUBSECTION = "tieu_muc"  # Tiểu mục
    ARTICLE = "dieu"  # Điều
    CLAUSE = "khoan"  # Khoản; 1., 2. of a plan
    POINT = "diem"  # Điểm; a), b) of a plan
    ITEM = "y"  # an unnumbered "- " item
    PARAGRAPH = "doan"  # a plain paragraph
    FIGURE = "hinh"  # where a generated chart or body table goes (drafts only)


@dataclass
class Section:
    """One node of the outline."""

    label: str
    kind: SectionKind
    title: str = ""
    text: str = ""
    children: list[Section] = field(default_factory=list)

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
        here = path + (self.label,)
        yield here, self
        for child in self.children:
            yield from child.walk(here)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "children": [c.to_dict() for c in self.children],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Section:
        return cls(
            label=data["label"],
            kind=SectionKind(data.get("kind") or SectionKind.PARAGRAPH),
            title=data.get("title", ""),
            text=data.get("text", ""),
            children=[cls.from_dict(c) for c in data.get("children", [])],
        )


@dataclass
class Task:
    """A row of an appendix task table (danh mục nhiệm vụ)."""

    group: str
    no: str
    content: str
    lead: str = ""
    partners: str = ""
    product: str = ""
    period: str = ""
    note: str = ""

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in TASK_FIELDS}

    @classmethod
    def from_dict(cls, data: dict) -> Task:
        return cls(**{name: str(data.get(name) or "") for name in TASK_FIELDS})


@dataclass
class Signature:
    """Ô 7: the authority lines (TM./KT./Q./TL./TUQ. + chức vụ), the signer's own title and name."""

    authority: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""

    def to_dict(self) -> dict:
        return {"authority": list(self.authority), "title": self.title, "name": self.name}


@dataclass
class Document:
    """A document of the library: metadata from the header, outline, tables and provenance."""

    id: str = ""
    number: str = ""
    doc_type: str = ""
    issuer: str = ""
    parent_issuer: str = ""
    place: str = ""
    signed_on: _dt.date | None = None
    title: str = ""
    status: str = STATUS_UNKNOWN
    signature: Signature = field(default_factory=Signature)
    preamble: str = ""
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    appendix_title: str = ""
    appendix_ref: str = ""
    task_groups: list[dict] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    style: str = ""
    full_text: bool = True
    category: str = "văn bản"
    source: str = ""
    notes: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        """Inverse of `to_dict` (the library's JSON storage of added documents)."""
        signed_on = data.get("signed_on")
        signature = data.get("signature") or {}
        return cls(
            id=data.get("id", ""),
            number=data.get("number", ""),
            doc_type=data.get("doc_type", ""),
            issuer=data.get("issuer", ""),
            parent_issuer=data.get("parent_issuer", ""),
            place=data.get("place", ""),
            signed_on=_dt.date.fromisoformat(signed_on) if signed_on else None,
            title=data.get("title", ""),
            status=data.get("status", STATUS_UNKNOWN),
            signature=Signature(
                authority=list(signature.get("authority", [])),
                title=signature.get("title", ""),
                name=signature.get("name", ""),
            ),
            preamble=data.get("preamble", ""),
            closing=data.get("closing", ""),
            recipients=list(data.get("recipients", [])),
            sections=[Section.from_dict(s) for s in data.get("sections", [])],
            appendix_title=data.get("appendix_title", ""),
            appendix_ref=data.get("appendix_ref", ""),
            task_groups=list(data.get("task_groups", [])),
            tasks=[Task.from_dict(t) for t in data.get("tasks", [])],
            tables=data.get("tables", []),
            style=data.get("style", ""),
            full_text=bool(data.get("full_text", True)),
            category=data.get("category", "văn bản"),
            source=data.get("source", ""),
            notes=data.get("notes", ""),
        )

    @property
    def signer(self) -> str:
        return self.signature.name

    def walk(self) -> Iterator[tuple[tuple[str, ...], Section]]:
        for section in self.sections:
            yield from section.walk()

    def find(self, kind: str) -> list[Section]:
        return [s for _, s in self.walk() if s.kind == kind]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "parent_issuer": self.parent_issuer,
            "place": self.place,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "signer": self.signer,
            "signature": self.signature.to_dict(),
            "title": self.title,
            "status": self.status,
            "category": self.category,
            "full_text": self.full_text,
            "source": self.source,
            "notes": self.notes,
            "preamble": self.preamble,
            "closing": self.closing,
            "recipients": list(self.recipients),
            "sections": [s.to_dict() for s in self.sections],
            "appendix_title": self.appendix_title,
            "appendix_ref": self.appendix_ref,
            "task_groups": list(self.task_groups),
            "tasks": [t.to_dict() for t in self.tasks],
            "tables": self.tables,
            "style": self.style,
        }
