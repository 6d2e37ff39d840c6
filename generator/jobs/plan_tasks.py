"""The tasks of a multi-year plan that fall in one year, and their workbook round trip.

A task belongs to year Y when its "Thời gian thực hiện" names Y or a range holding Y, or when it
is recurring ("Thường xuyên", "Hằng năm" in its time or product column). A year past the plan's
own period keeps only the recurring tasks, and the note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from vanban.generator.compose.model import TableSpec
from vanban.generator.jobs.workbook import (
    Column,
    WorkbookProblem,
    add_sheet,
    new_workbook,
    open_workbook,
    raise_problems,
    read_sheet,
    save_workbook,
)
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Task
from vanban.library.vietnamese import fold, roman

_RANGE = re.compile(r"(\d{4})\s*[-–÷]\s*(\d{4})")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_RECURRING = ("thuong xuyen", "hang nam", "hằng năm")


@dataclass(frozen=True)
class TaskColumn:
    """One column of a task table, the same in the plan's Phụ lục, the workbook and the model."""

    field: str
    header: str
    page_width: float  # share of the printed table's width
    sheet_width: int  # characters, in the workbook


TASK_TABLE = (
    TaskColumn("no", "TT", 10, 6),
    TaskColumn("content", "Nội dung công việc", 80, 60),
    TaskColumn("lead", "Cơ quan chủ trì", 32, 28),
    TaskColumn("partners", "Cơ quan phối hợp", 45, 36),
    TaskColumn("product", "Sản phẩm", 30, 22),
    TaskColumn("period", "Thời gian thực hiện", 25, 16),
    TaskColumn("note", "Ghi chú", 18, 18),
)
TASK_SHEET_COLUMNS = [Column(c.header, c.sheet_width) for c in TASK_TABLE]


def task_cells(task: Task) -> list[str]:
    return [getattr(task, c.field) for c in TASK_TABLE]


def task_table(tasks: list[Task], groups: list[dict] | None = None) -> TableSpec:
    """The printed task table; with several task groups, one group row before each
    ("I. NHIỆM VỤ GIAI ĐOẠN 2021-2025")."""
    rows: list[list[str] | str] = []
    if groups and len(groups) > 1:
        for index, group in enumerate(groups, 1):
            own = [t for t in tasks if t.group == group["key"]]
            if own:
                rows.append(f"{roman(index)}. {group['title']}")
                rows.extend(task_cells(t) for t in own)
    else:
        chosen = [t for t in tasks if not groups or t.group == groups[0]["key"]]
        rows.extend(task_cells(t) for t in chosen)
    return TableSpec([c.header for c in TASK_TABLE], [c.page_width for c in TASK_TABLE], rows)


def plan_years(plan: Document) -> tuple[int, int] | None:
    """The plan's own period, from its title ("giai đoạn 2021-2025")."""
    match = _RANGE.search(plan.title or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def is_recurring(task: Task) -> bool:
    """ "Thường xuyên"/"Hằng năm" in the time or product column, unless the time names one
    explicit year: a task of the "2021" group is done in 2021, whatever its product says."""
    if _YEAR.search(task.period) and not _RANGE.search(task.period):
        return False
    text = fold(f"{task.period} {task.product}").lower()
    return any(word in text for word in _RECURRING)


def task_key(task: Task) -> str:
    """How two copies of one task are recognised: case, spacing and final punctuation aside."""
    return " ".join(task.content.lower().split()).rstrip(" .;:,")


def covers(period: str, year: int) -> bool:
    for start, end in _RANGE.findall(period):
        if int(start) <= year <= int(end):
            return True
    without_ranges = _RANGE.sub(" ", period)
    return any(int(m.group(0)) == year for m in _YEAR.finditer(without_ranges))


def tasks_for_year(plan: Document, year: int) -> tuple[list[Task], str]:
    """The plan's tasks for `year`, numbered 1..n without repeats, each with `year` as its time,
    and a note for the user. A task whose time the plan left blank is kept and named in the note."""
    if not plan.tasks:
        raise VanbanError(f"{plan.number} không có bảng nhiệm vụ trong thư viện.")
    span = plan_years(plan)
    within = span is None or span[0] <= year <= span[1]
    chosen: list[Task] = []
    undated: list[Task] = []
    seen: set[str] = set()
    for task in plan.tasks:
        blank = not task.period.strip()
        if not (covers(task.period, year) or is_recurring(task) or (blank and within)):
            continue
        if task_key(task) in seen:
            continue
        seen.add(task_key(task))
        chosen.append(task)
        if blank:
            undated.append(task)
    note = f"{len(chosen)} nhiệm vụ của {plan.number} cho năm {year}"
    if not within:
        note += (
            f" (năm {year} nằm ngoài giai đoạn {span[0]}-{span[1]} của kế hoạch: chỉ lấy các nhiệm vụ "
            "thường xuyên; hãy rà soát và bổ sung trong bảng tính)"
        )
    if undated:
        where = ", ".join(f"{plan_task_number(plan, t)}" for t in undated)
        note += f"; kế hoạch không ghi thời gian thực hiện của nhiệm vụ {where}: đã đưa vào, cần rà soát"
    numbered = [replace(t, no=str(i), group=str(year), period=str(year)) for i, t in enumerate(chosen, 1)]
    return numbered, note


def plan_task_number(plan: Document, task: Task) -> str:
    """The task's number as the plan prints it: "I.6" with several task groups, else "6"."""
    keys = [g["key"] for g in plan.task_groups]
    if len(keys) > 1 and task.group in keys:
        return f"{roman(keys.index(task.group) + 1)}.{task.no}"
    return task.no


def export_tasks(tasks: list[Task], year: int, path: Path) -> Path:
    workbook = new_workbook()
    add_sheet(
        workbook,
        f"Nhiệm vụ {year}",
        TASK_SHEET_COLUMNS,
        [[int(t.no) if t.no.isdigit() else t.no, *task_cells(t)[1:]] for t in tasks],
    )
    return save_workbook(workbook, path)


def import_tasks(path: Path, year: int) -> list[Task]:
    """Tasks as the departments edited them; blank rows are skipped, rows are renumbered 1..n.
    Every problem of the workbook is raised together (`WorkbookErrors`)."""
    problems: list[WorkbookProblem] = []
    with open_workbook(path) as workbook:
        title = f"Nhiệm vụ {year}"
        if title not in workbook.sheetnames and len(workbook.sheetnames) == 1:
            title = workbook.sheetnames[0]
        rows = read_sheet(path, workbook, title, TASK_SHEET_COLUMNS, problems)
    tasks = []
    for row in rows:
        if not row.text("Nội dung công việc"):
            problems.append(WorkbookProblem(path, "để trống.", title, row.number, "Nội dung công việc"))
            continue
        values = {c.field: row.text(c.header) for c in TASK_TABLE}
        values["no"] = str(len(tasks) + 1)
        tasks.append(Task(group=str(year), **values))
    if not tasks and not problems:
        problems.append(WorkbookProblem(path, "không có nhiệm vụ nào.", title))
    raise_problems(problems)
    return tasks
