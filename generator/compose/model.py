"""What a document to be generated consists of, in NĐ 30 terms, before any layout.

The outline reuses the library's `Section`, so a document read from the library (the plan 484)
and one typed in YAML go through the same layout.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LETTER_TYPE, symbol_tail
from vanban.library.model import Section, Signature
from vanban.library.vietnamese import format_date, place_date

#: The five types `vanban draft` makes: command-line name → tên loại.
KINDS: dict[str, str] = {
    "ke-hoach": "Kế hoạch",
    "bao-cao": "Báo cáo",
    "to-trinh": "Tờ trình",
    "cong-van": "Công văn",
    "quyet-dinh": "Quyết định",
}


@dataclass
class Agency:
    """The agency profile: who issues, where, with which abbreviations and signers."""

    name_lines: list[str]
    full_name: str
    abbreviation: str
    place: str
    parent_lines: list[str] = field(default_factory=list)
    drafting_unit: str = ""
    competence: str = ""
    executors: str = ""
    signers: dict[str, Signature] = field(default_factory=dict)


@dataclass
class TableSpec:
    """A table for an appendix; a row given as a single string is a group row across all columns."""

    columns: list[str]
    widths: list[float]
    rows: list[list[str] | str]


@dataclass
class Figure:
    """A picture in the body (the report's chart), placed where the outline has a "hinh" section
    whose text is the caption."""

    png: bytes
    caption: str
    width_mm: float = 150


@dataclass
class BodyTable:
    """A table in the body (the report's targets), placed where the outline has a "hinh" section
    whose text is its caption; the caption is printed above it."""

    spec: TableSpec
    caption: str


@dataclass
class Appendix:
    title: str
    tables: list[TableSpec] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    landscape: bool = True


@dataclass
class Draft:
    kind: str
    agency: Agency
    signer: Signature
    title: str
    number: int | None = None
    signed_on: _dt.date | None = None
    year: int | None = None
    recipients_to: list[str] = field(default_factory=list)
    legal_basis: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: str = ""
    executors: str = ""
    effect: str = "Quyết định này có hiệu lực thi hành kể từ ngày ký."
    recipients: list[str] = field(default_factory=list)
    archive: str = ""
    appendices: list[Appendix] = field(default_factory=list)
    figures: list[Figure | BodyTable] = field(default_factory=list)
    #: The number is to come from the register («so: tu-dong» or --register), taken only once the
    #: document is built, so a failed build never uses one up.
    wants_register_number: bool = False

    @property
    def type_name(self) -> str:
        return KINDS[self.kind]

    @property
    def type_code(self) -> str:
        """The register's series for this type: the Phụ lục III abbreviation, or CV for a công văn."""
        return LETTER_TYPE if self.kind == "cong-van" else ADMINISTRATIVE_ABBREVIATIONS[self.type_name]

    @property
    def symbol(self) -> str:
        """The ký hiệu after the slash: type-issuer, or issuer-unit for a công văn (Phụ lục III)."""
        return symbol_tail(self.type_code, self.agency.abbreviation, self.agency.drafting_unit)

    @property
    def number_line(self) -> str:
        """ "Số: 05/KH-UBND"; numbers below 10 take a leading zero; blank for the văn thư to fill."""
        serial = f"{self.number:02d}" if self.number else " " * 6
        return f"Số: {serial}/{self.symbol}"

    @property
    def reference(self) -> str:
        """ "484/KH-UBND", as cited in "(Kèm theo …)"."""
        serial = f"{self.number:02d}" if self.number else "    "
        return f"{serial}/{self.symbol}"

    @property
    def issue_year(self) -> int:
        return self.signed_on.year if self.signed_on else (self.year or _dt.date.today().year)

    @property
    def date_line(self) -> str:
        if self.signed_on:
            return place_date(self.agency.place, self.signed_on)
        return f"{self.agency.place}, {self.date_words}"

    @property
    def date_words(self) -> str:
        """ "ngày 15 tháng 12 năm 2020", for the "(Kèm theo …)" line of an appendix."""
        return format_date(self.signed_on) if self.signed_on else f"ngày      tháng      năm {self.issue_year}"

    @property
    def addressed(self) -> bool:
        """Whether the document has a Kính gửi part, which makes Nơi nhận open with "- Như trên;"."""
        return bool(self.recipients_to)
