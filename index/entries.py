"""What the search index holds: one entry per leaf section, appendix task row and preamble.

An entry carries its document's metadata as filterable fields and its section path made of the
document's own labels ("II › 3 › đoạn 2", "Chương II › Điều 8 › Khoản 1", "Phụ lục › I › 5"),
so that a hit lands on the exact Điều or mục a user cites.
"""

from __future__ import annotations

from dataclasses import dataclass

from vanban.index.section_path import SectionPath
from vanban.library.model import Document, Section, Task

PREAMBLE_LABEL = "Mở đầu"
APPENDIX_LABEL = "Phụ lục"
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
    return entries
