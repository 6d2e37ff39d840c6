"""The document model every layer shares: a document's metadata, its outline and its task tables.

Labels are the document's own ("Chương II", "Điều 8", "Khoản 1", "II", "3", "a", "đoạn 2") so that
a section path printed to a user reads the way the document is cited.

The JSON form (`to_dict`/`from_dict`) is defined once, in `library/records.py`, next to the stored
format's version and migrations; the methods here only delegate to it (importing it late, because
that module builds on this one).
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

#: Who may read a library document on the web (stored in its record): a công khai text as the admin's
#: «Đọc không cần đăng nhập» switch allows (the legal texts anonymous reading is for), a nội bộ one
#: (received mail, an office's own working papers) only signed-in accounts. The CLI's local user
#: reads both.
PUBLIC, INTERNAL = "cong-khai", "noi-bo"
#: Each access level as a page or the CLI names it.
ACCESS_LEVELS = {PUBLIC: "công khai", INTERNAL: "nội bộ"}

#: Mean word confidence (Tesseract's 0–100) under which an OCR page is shown as doubtful.
LOW_CONFIDENCE = 70.0


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
        from vanban.library.records import section_to_dict

        return section_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Section:
        from vanban.library.records import section_from_dict

        return section_from_dict(data)


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
        from vanban.library.records import task_to_dict

        return task_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Task:
        from vanban.library.records import task_from_dict

        return task_from_dict(data)


@dataclass
class Signature:
    """Ô 7: the authority lines (TM./KT./Q./TL./TUQ. + chức vụ), the signer's own title and name."""

    authority: list[str] = field(default_factory=list)
    title: str = ""
    name: str = ""

    def to_dict(self) -> dict:
        from vanban.library.records import signature_to_dict

        return signature_to_dict(self)


@dataclass
class ScanPage:
    """One page whose text was recognised (OCR): its number in the file and the mean confidence of
    its words (0–100), so a reader knows which pages to check against the scan."""

    page: int
    confidence: float


@dataclass
class Scan:
    """Where a text recognised from images came from: the scan file (path and SHA-256, so a later
    view can show the very image the words were read from and notice if the file changed), the OCR
    engine, and the pages recognised (a PDF with a usable text layer on some pages lists only the others)."""

    path: str
    sha256: str
    engine: str = ""
    pages: list[ScanPage] = field(default_factory=list)

    def doubtful_pages(self, threshold: float = LOW_CONFIDENCE) -> list[ScanPage]:
        return [p for p in self.pages if p.confidence < threshold]


@dataclass
class Annex:
    """A text attached after the signature (Quy định, Quy chế, Điều lệ, Phụ lục, Mẫu): it has its own
    heading, trích yếu, "kèm theo" line, outline and tables, and is cited by its own name ("Điều 5
    của Quy định …"), so it is kept apart from the main body rather than flattened into it."""

    heading: str
    title: str = ""
    ref: str = ""
    style: str = ""
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How a path names the annex: "QUY ĐỊNH" → "Quy định", "PHỤ LỤC II" → "Phụ lục II"."""
        words = self.heading.split()
        if not words or not self.heading.isupper():
            return self.heading
        tail = [w if w.isdigit() or set(w) <= set("IVXLC") else w.lower() for w in words[1:]]
        return " ".join([words[0].capitalize(), *tail])

    def walk(self) -> Iterator[tuple[tuple[str, ...], Section]]:
        for section in self.sections:
            yield from section.walk()


@dataclass
class Document:
    """A document of the library: metadata from the header, outline, tables and provenance
    (`source`, and `scan` when the text was recognised from a scan), and `access`, who may read it
    on the web (`PUBLIC` or `INTERNAL`).

    `symbol` is the ký hiệu as printed after the number ("/KH-UBND", "/2010/QĐ-UBND") and
    `signed_month` the "YYYY-MM" of a date line whose day is blank: a draft leaves the number and
    the day to the văn thư, yet its ký hiệu and month are already facts worth searching by."""

    id: str = ""
    number: str = ""
    symbol: str = ""
    doc_type: str = ""
    issuer: str = ""
    parent_issuer: str = ""
    place: str = ""
    signed_on: _dt.date | None = None
    signed_month: str = ""
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
    annexes: list[Annex] = field(default_factory=list)
    style: str = ""
    full_text: bool = True
    category: str = "văn bản"
    source: str = ""
    notes: str = ""
    scan: Scan | None = None
    access: str = PUBLIC

    @classmethod
    def from_dict(cls, data: dict) -> Document:
        from vanban.library.records import document_from_dict

        return document_from_dict(data)

    @property
    def internal(self) -> bool:
        return self.access != PUBLIC

    @property
    def signer(self) -> str:
        return self.signature.name

    def walk(self) -> Iterator[tuple[tuple[str, ...], Section]]:
        for section in self.sections:
            yield from section.walk()

    def find(self, kind: str) -> list[Section]:
        return [s for _, s in self.walk() if s.kind == kind]

    def to_dict(self) -> dict:
        from vanban.library.records import document_to_dict

        return document_to_dict(self)
