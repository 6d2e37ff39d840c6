"""A library document as the document page shows it: every section with a stable anchor made of
its section path, the same path a search hit carries (index/entries.py), so a hit links to
`/van-ban/<id>#II.4` and lands on that mục.

An anchor joins the labels with "." and writes spaces as "-": ("II", "4") → "II.4", ("Chương II",
"Điều 8", "Khoản 1") → "Chương-II.Điều-8.Khoản-1", a task row → "Phụ-lục.I.5".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vanban.app.web.citation import annex_citation, body_citation
from vanban.index.entries import APPENDIX_LABEL, PREAMBLE_LABEL, ROW_LABEL, TABLE_LABEL
from vanban.library.model import Annex, Document, Section, Task

#: How many words of an untitled item stand for it in the contents list.
OUTLINE_WORDS = 10
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def anchor(labels: Iterable[str]) -> str:
    return ".".join(label.replace(" ", "-") for label in labels)


@dataclass
class Node:
    label: str
    title: str
    text: str
    kind: str
    anchor: str
    citation: str
    children: list[Node] = field(default_factory=list)

    @property
    def outline_title(self) -> str:
        """What the contents list shows for it: its heading, or for a numbered item without one
        («1.», «a)») the first words of its text, so the list is not a column of bare numbers."""
        if self.title or not self.text:
            return self.title
        words = self.text.split()
        return " ".join(words[:OUTLINE_WORDS]) + ("…" if len(words) > OUTLINE_WORDS else "")


@dataclass
class TableView:
    anchor: str
    rows: list[tuple[str, list[str]]]  # (row anchor, cells)


@dataclass
class AnnexView:
    label: str
    heading: str
    title: str
    ref: str
    preamble: str
    anchor: str
    nodes: list[Node]
    tables: list[TableView]
    holds_tasks: bool


@dataclass
class TaskGroupView:
    key: str
    title: str
    anchor: str
    tasks: list[tuple[str, Task]]  # (row anchor, task)


def _nodes(sections: list[Section], top: tuple[str, ...], cite, trail: tuple[Section, ...] = ()) -> list[Node]:
    nodes = []
    for section in sections:
        here = trail + (section,)
        labels = top + tuple(s.label for s in here)
        nodes.append(
            Node(
                label=section.label,
                title=section.title,
                text=section.text,
                kind=str(section.kind),
                anchor=anchor(labels),
                citation=cite(list(here)),
                children=_nodes(section.children, top, cite, here),
            )
        )
    return nodes


def _tables(tables: list[list[list[str]]], top: tuple[str, ...]) -> list[TableView]:
    views = []
    for number, rows in enumerate(tables, 1):
        table = top + (f"{TABLE_LABEL} {number}",)
        cells_by_row = [(anchor(table + (f"{ROW_LABEL} {row}",)), cells) for row, cells in enumerate(rows, 1)]
        views.append(TableView(anchor(table), cells_by_row))
    return views


def _annex(doc: Document, annex: Annex) -> AnnexView:
    top = (annex.label or annex.title,)
    return AnnexView(
        label=annex.label,
        heading=annex.heading,
        title=annex.title,
        ref=annex.ref,
        preamble=annex.preamble,
        anchor=anchor(top),
        nodes=_nodes(annex.sections, top, lambda trail: annex_citation(doc, annex, trail)),
        tables=_tables(annex.tables, top),
        holds_tasks=bool(doc.tasks) and not annex.sections and annex.title == doc.appendix_title,
    )


def task_groups(doc: Document, group: str = "", lead: str = "") -> list[TaskGroupView]:
    """The appendix table by group, numbered as the index numbers it ("Phụ lục › I › 5"), keeping
    only the rows of `group` and `lead` when given."""
    numerals = {g["key"]: _ROMAN[i] if i < len(_ROMAN) else str(i + 1) for i, g in enumerate(doc.task_groups)}
    titles = {g["key"]: g["title"] for g in doc.task_groups}
    views: dict[str, TaskGroupView] = {}
    for task in doc.tasks:
        numeral = (numerals[task.group],) if task.group in numerals else ()
        view = views.setdefault(
            task.group,
            TaskGroupView(task.group, titles.get(task.group, task.group), anchor((APPENDIX_LABEL, *numeral)), []),
        )
        if (not group or task.group == group) and (not lead or task.lead == lead):
            view.tasks.append((anchor((APPENDIX_LABEL, *numeral, task.no)), task))
    return [v for v in views.values() if v.tasks]


@dataclass
class DocumentView:
    preamble_anchor: str
    nodes: list[Node]
    tables: list[TableView]
    annexes: list[AnnexView]


def document_view(doc: Document) -> DocumentView:
    return DocumentView(
        preamble_anchor=anchor((PREAMBLE_LABEL,)),
        nodes=_nodes(doc.sections, (), lambda trail: body_citation(doc, trail)),
        tables=_tables(doc.tables, ()),
        annexes=[_annex(doc, a) for a in doc.annexes],
    )
