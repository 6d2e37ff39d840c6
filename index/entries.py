"""What the search index holds: one entry per leaf section, appendix task row and preamble.

An entry carries its document's metadata as filterable fields and its section path made of the
document's own labels ("II › 3 › đoạn 2", "Chương II › Điều 8 › Khoản 1", "Phụ lục › I › 5"),
so that a hit lands on the exact Điều or mục a user cites.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.index.section_path import SectionPath
from vanban.library.model import Annex, Document, Section, Task

PREAMBLE_LABEL = "Mở đầu"
APPENDIX_LABEL = "Phụ lục"
TABLE_LABEL = "Bảng"
ROW_LABEL = "dòng"
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Entry:
    """One searchable unit; `heading` holds the titles above it, kept apart from its own text."""

    doc_id: str
    number: str
    doc_type: str
    doc_title: str
    issuer: str
    year: int | None
    signed_on: str
    status: str
    path: SectionPath
    heading: str
    text: str
    access: str


def _entry(doc: Document, path: list[str], heading: list[str], text: str) -> Entry:
    return Entry(
        doc_id=doc.id,
        number=doc.number,
        doc_type=doc.doc_type,
        doc_title=doc.title,
        issuer=doc.issuer,
        year=doc.signed_on.year if doc.signed_on else None,
        signed_on=doc.signed_on.isoformat() if doc.signed_on else "",
        status=doc.status,
        path=SectionPath.of(path),
        heading=" / ".join(h for h in heading if h),
        text=text,
        access=doc.access,
    )


def _section_entries(doc: Document, section: Section, path: list[str], heading: list[str]) -> list[Entry]:
    here = path + [section.label]
    if not section.children:
        return [_entry(doc, here, heading + [section.title], section.text or section.title)]
    entries = []
    if section.text:
        entries.append(_entry(doc, here, heading + [section.title], section.text))
    for child in section.children:
        entries += _section_entries(doc, child, here, heading + [section.title])
    return entries


def _task_text(task: Task) -> str:
    parts = [task.content, task.lead, task.partners, task.product, task.period, task.note]
    return " — ".join(p for p in parts if p)


def index_entries(doc: Document) -> list[Entry]:
    """Every entry of a document, in reading order."""
    entries: list[Entry] = []
    if doc.preamble:
        entries.append(_entry(doc, [PREAMBLE_LABEL], [doc.title], doc.preamble))
    for section in doc.sections:
        entries += _section_entries(doc, section, [], [])
    group_numerals = {g["key"]: _ROMAN[i] if i < len(_ROMAN) else str(i + 1) for i, g in enumerate(doc.task_groups)}
    group_titles = {g["key"]: g["title"] for g in doc.task_groups}
    for task in doc.tasks:
        path = [APPENDIX_LABEL] + ([group_numerals[task.group]] if task.group in group_numerals else []) + [task.no]
        entries.append(_entry(doc, path, [doc.appendix_title, group_titles.get(task.group, "")], _task_text(task)))
    entries += _table_entries(doc, doc.tables, [], [doc.title])
    for annex in doc.annexes:
        entries += _annex_entries(doc, annex)
    return entries


def _table_entries(doc: Document, tables: list[list[list[str]]], path: list[str], heading: list[str]) -> list[Entry]:
    """One entry per non-empty row ("Bảng 1 › dòng 3"): a schedule or list keeps every cell searchable."""
    entries = []
    for number, rows in enumerate(tables, 1):
        for row_number, row in enumerate(rows, 1):
            text = " — ".join(cell for cell in row if cell)
            if text:
                here = path + [f"{TABLE_LABEL} {number}", f"{ROW_LABEL} {row_number}"]
                entries.append(_entry(doc, here, heading, text))
    return entries


def _annex_entries(doc: Document, annex: Annex) -> list[Entry]:
    """An attached Quy định/Điều lệ/Phụ lục under its own name: "Quy định › Chương II › Điều 5"."""
    top = [annex.label or annex.title]
    heading = [annex.title]
    entries = [_entry(doc, top, heading, annex.preamble)] if annex.preamble else []
    for section in annex.sections:
        entries += _section_entries(doc, section, top, heading)
    return entries + _table_entries(doc, annex.tables, top, heading)
