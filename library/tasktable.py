"""Appendix task tables ("danh mục nhiệm vụ"): rows → tasks, healing rows cut by page breaks.

Text extracted from a signed PDF splits a table row where the page ends: the rest of the row
comes back as a row with an empty TT cell, sometimes repeating the words printed on both pages
("thành phố" + "phố; các tổ chức…") or a clipped fragment of a word ("doanh" + "ng nghiệp").
"""

from __future__ import annotations

import re

from vanban.library.model import Task
from vanban.library.vietnamese import fold

#: Header words (folded) → task field; the first column is the row number (TT / STT).
_COLUMN_WORDS = (
    ("noi dung", "content"),
    ("chu tri", "lead"),
    ("phoi hop", "partners"),
    ("san pham", "product"),
    ("ket qua", "product"),
    ("thoi gian", "period"),
    ("tien do", "period"),
    ("ghi chu", "note"),
)
_TASK_VALUE_FIELDS = ("no", "content", "lead", "partners", "product", "period", "note")
_GROUP_RE = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
_ROW_NUMBER_RE = re.compile(r"^\d+[a-z]?\.?$")


def column_fields(header: list[str]) -> list[str | None] | None:
    """Map a header row to task fields, or None when it is not a task table."""
    fields: list[str | None] = []
    for index, cell in enumerate(header):
        folded = fold(cell)
        if index == 0 and folded.strip() in ("tt", "stt"):
            fields.append("no")
            continue
        fields.append(next((f for words, f in _COLUMN_WORDS if words in folded), None))
    if "no" not in fields or "content" not in fields:
        return None
    return fields


def group_key(title: str) -> str:
    """ "NHIỆM VỤ GIAI ĐOẠN 2021-2025" → "2021-2025"; "NHIỆM VỤ NĂM 2021" → "2021"."""
    span = re.search(r"(\d{4})\s*[-–]\s*(\d{4})", title)
    if span:
        return f"{span[1]}-{span[2]}"
    year = re.search(r"\b(\d{4})\b", title)
    return year[1] if year else title.strip()


def _bare(word: str) -> str:
    return word.strip(".,;:()").lower()


def merge_fragment(cell: str, fragment: str) -> str:
    """Join the part of a cell that a page break pushed to the next page back onto it."""
    fragment = fragment.strip()
    if not fragment:
        return cell
    cell = cell.strip()
    if not cell:
        return fragment
    if cell.endswith(fragment):
        return cell
    tail, head = cell.split(), fragment.split()
    for size in range(min(len(tail), len(head)), 0, -1):
        if [_bare(w) for w in tail[-size:]] == [_bare(w) for w in head[:size]]:
            return " ".join(tail[:-size] + head)
    if len(head) > 1 and head[1].lower().startswith(head[0].lower()) and head[0] != head[1]:
        head = head[1:]
    return " ".join(tail + head)


def separate_agencies(cell: str) -> str:
    """ "Sở Công Thương Các Sở, ngành" → "Sở Công Thương; các Sở, ngành": two printed lines of one
    cell joined without a separator show as a capitalised "Các" in mid-cell. Split there so that a
    report counting tasks by lead agency does not invent an agency out of two. ("UBND"/"Sở" in
    mid-cell are not split: "theo nhiệm vụ UBND tỉnh giao" is ordinary text.)"""
    return re.sub(r"(?<=\w) Các (?=\w)", "; các ", cell)


def parse_task_rows(rows: list[list[str]]) -> tuple[list[Task], list[tuple[str, str]]] | None:
    """Tasks of a table whose first row is its header; None when it is not a task table.

    Returns the tasks and the groups as (key, title) in order of appearance.
    """
    if not rows:
        return None
    fields = column_fields(rows[0])
    if fields is None:
        return None
    tasks: list[Task] = []
    groups: list[tuple[str, str]] = []
    group = ""
    for cells in rows[1:]:
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        first = cells[0]
        heading = _GROUP_RE.match(first)
        if heading and not any(cells[1:]):
            group = group_key(heading[2])
            groups.append((group, heading[2].strip()))
            continue
        if column_fields(cells) is not None:  # the header repeated on the next page
            continue
        values = {f: cells[i] for i, f in enumerate(fields) if f and i < len(cells)}
        if first:  # "3", "3a", and sub-items "4.1", "-" kept as printed: no row is dropped
            values["no"] = first.rstrip(".") if _ROW_NUMBER_RE.match(first) else first
            tasks.append(Task(group=group, **{k: values.get(k, "") for k in _TASK_VALUE_FIELDS}))
        elif tasks:
            last = tasks[-1]
            for name, value in values.items():
                if name != "no" and value:
                    setattr(last, name, merge_fragment(getattr(last, name), value))
    for task in tasks:
        task.lead = separate_agencies(task.lead)
    return tasks, groups
