"""The yearly results report (Báo cáo kết quả thực hiện năm Y) from workbooks the departments fill.

`write_results_template` makes the workbook: one row per task of the year with a drop-down
status, and a sheet for the plan's numeric targets (mục I.2). `draft_report` merges any number
of filled copies — a task answered twice or a task number the plan does not have is an error —
and writes counts by status and by lead agency, the targets against what was achieved, a chart,
the gathered difficulties and proposals, and the per-task table as a Phụ lục.
"""

from __future__ import annotations

import copy
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from vanban.generator.compose.inputs import DraftInput, input_agency, load_schema, new_draft
from vanban.generator.compose.model import Appendix, BodyTable, Draft, Figure, TableSpec
from vanban.generator.jobs.plan_tasks import plan_years, tasks_for_year
from vanban.generator.jobs.wording import addressee, mention, same_body, sentence
from vanban.generator.jobs.workbook import (
    Column,
    Row,
    WorkbookErrors,
    WorkbookProblem,
    add_sheet,
    new_workbook,
    open_workbook,
    raise_problems,
    read_sheet,
    save_workbook,
)
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Section, SectionKind, Task
from vanban.library.store import Library
from vanban.library.vietnamese import fold, format_number

DONE, ONGOING, NOT_STARTED = "Hoàn thành", "Đang thực hiện", "Chưa thực hiện"
#: Who a report goes to when the input names no one: the ministry in charge of the programme.
DEFAULT_RECIPIENT = "Bộ Công Thương"
STATUSES = (DONE, ONGOING, NOT_STARTED)
#: A task no workbook answered.
NOT_REPORTED = "Chưa báo cáo"
TASK_SHEET, TARGET_SHEET, UNREPORTED_SHEET, GUIDE_SHEET = "Nhiệm vụ", "Chỉ tiêu", "Chưa báo cáo", "Hướng dẫn"
#: The companion written beside a report when some tasks have no answer: the list to chase.
UNREPORTED_SUFFIX = "-chua-bao-cao.xlsx"
RESULT_COLUMNS = [
    Column("TT", 6),
    Column("Nội dung công việc", 50),
    Column("Cơ quan chủ trì", 24),
    Column("Trạng thái", 18, choices=STATUSES),
    Column("Kết quả", 40),
    Column("Tồn tại, khó khăn", 30),
    Column("Kiến nghị", 30),
]
TARGET_COLUMNS = [
    Column("Chỉ tiêu", 60),
    Column("Mục tiêu", 12),
    Column("Đạt được", 12, number=True),
    Column("Đơn vị", 12),
    Column("Ghi chú", 24),
]
_TARGET = re.compile(r"(\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?)\s*(%|[^\d\s,;.]+(?:\s+hình)?)")
_REPORT_FIELDS = ("ho_so", "so", "ngay", "trich_yeu", "kinh_gui", "nguoi_ky", "noi_nhan", "luu", "ket_thuc")


@dataclass(frozen=True)
class Target:
    text: str
    goal: str
    unit: str


class Verdict(StrEnum):
    """How a target stands against what was achieved; the value is what the report prints."""

    REACHED = "Đạt"
    NOT_REACHED = "Chưa đạt"
    NO_DATA = "Chưa có số liệu"


@dataclass(frozen=True)
class Assessment:
    target: Target
    achieved: float | None
    verdict: Verdict


@dataclass
class Answer:
    status: str = ""
    result: str = ""
    difficulty: str = ""
    proposal: str = ""
    source: str = ""


@dataclass
class Results:
    answers: dict[str, Answer] = field(default_factory=dict)
    achieved: dict[str, tuple[float, str]] = field(default_factory=dict)


def plan_targets(plan: Document) -> list[Target]:
    """The numeric targets of mục I, khoản 2 ("Mục tiêu cụ thể"): "85% các huyện…" → 85, %."""
    goals = next((s for s in plan.sections if "muc tieu" in fold(s.title).lower()), None)
    specific = next((c for c in goals.children if "cu the" in fold(c.title).lower()), None) if goals else None
    targets = []
    for item in specific.children if specific else []:
        match = _TARGET.search(item.text)
        if match:
            goal = re.sub(r"\s+", "", match.group(1))
            targets.append(Target(item.text, goal, match.group(2).strip()))
    return targets


def write_results_template(plan: Document, year: int, path: Path) -> str:
    tasks, note = tasks_for_year(plan, year)
    workbook = new_workbook()
    add_sheet(
        workbook, TASK_SHEET, RESULT_COLUMNS, [[int(t.no), t.content, t.lead, None, None, None, None] for t in tasks]
    )
    add_sheet(
        workbook, TARGET_SHEET, TARGET_COLUMNS, [[t.text, t.goal, None, t.unit, None] for t in plan_targets(plan)]
    )
    guide = workbook.create_sheet(GUIDE_SHEET)
    for line in (
        f"Biểu mẫu báo cáo kết quả thực hiện năm {year} — {plan.doc_type} {plan.number}.",
        "Mỗi đơn vị điền các nhiệm vụ mình chủ trì ở trang «Nhiệm vụ»: chọn Trạng thái trong danh sách, "
        "ghi Kết quả, Tồn tại, khó khăn và Kiến nghị. Để trống các nhiệm vụ của đơn vị khác.",
        "Trang «Chỉ tiêu»: ghi con số đạt được (chỉ ghi số) vào cột «Đạt được».",
        "Không đổi tên trang, không thêm hay xóa cột, không chèn hàng phía trên hàng tiêu đề.",
    ):
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    save_workbook(workbook, path)
    return note


def merge_results(paths: list[Path], task_numbers: set[str], targets: list[Target]) -> Results:
    """The answers and achieved figures of every workbook; every problem of every file is raised
    together (`WorkbookErrors`) once all are read, in the order of the files, sheets and rows."""
    merged = Results()
    problems: list[WorkbookProblem] = []
    first_answer: dict[str, tuple[Path, int]] = {}
    target_texts = {fold(t.text) for t in targets}
    for path in paths:
        try:
            with open_workbook(path) as workbook:
                task_rows = read_sheet(path, workbook, TASK_SHEET, RESULT_COLUMNS, problems)
                _take_answers(path, task_rows, task_numbers, first_answer, merged, problems)
                target_rows = read_sheet(path, workbook, TARGET_SHEET, TARGET_COLUMNS, problems)
                _take_achieved(path, target_rows, target_texts, merged, problems)
        except WorkbookErrors as error:
            problems.extend(error.problems)
    raise_problems(problems)
    return merged


def _take_answers(
    path: Path,
    rows: list[Row],
    task_numbers: set[str],
    first_answer: dict[str, tuple[Path, int]],
    merged: Results,
    problems: list[WorkbookProblem],
) -> None:
    """Each answered task of one workbook into `merged`; a task answered twice names the first file."""
    for row in rows:
        number = row.text("TT")
        if number not in task_numbers:
            message = f"nhiệm vụ số «{number}» không có trong danh sách nhiệm vụ của năm (1–{len(task_numbers)})."
            problems.append(WorkbookProblem(path, message, TASK_SHEET, row.number, "TT"))
            continue
        answer = Answer(
            row.text("Trạng thái"),
            row.text("Kết quả"),
            row.text("Tồn tại, khó khăn"),
            row.text("Kiến nghị"),
            f"{path.name}, hàng {row.number}",
        )
        if not any((answer.status, answer.result, answer.difficulty, answer.proposal)):
            continue
        if not answer.status:
            message = f"chưa chọn trạng thái ({', '.join(STATUSES)})."
            problems.append(WorkbookProblem(path, message, TASK_SHEET, row.number, "Trạng thái"))
            continue
        if number in first_answer:
            first_path, first_row = first_answer[number]
            message = (
                f"nhiệm vụ số {number} đã được báo cáo ở «{first_path.name}» (hàng {first_row}); "
                "mỗi nhiệm vụ chỉ do một đơn vị báo cáo."
            )
            problems.append(WorkbookProblem(path, message, TASK_SHEET, row.number, "TT"))
            continue
        first_answer[number] = (path, row.number)
        merged.answers[number] = answer


def _take_achieved(
    path: Path, rows: list[Row], target_texts: set[str], merged: Results, problems: list[WorkbookProblem]
) -> None:
    """The figures one workbook gives for the plan's targets; a target given twice names the first."""
    for row in rows:
        key = fold(row.text("Chỉ tiêu"))
        if key not in target_texts:
            message = "chỉ tiêu không có trong kế hoạch (đừng sửa nội dung cột này)."
            problems.append(WorkbookProblem(path, message, TARGET_SHEET, row.number, "Chỉ tiêu"))
            continue
        value = row.values.get("Đạt được")
        if value in (None, ""):
            continue
        if key in merged.achieved:
            message = f"chỉ tiêu đã có số liệu ở {merged.achieved[key][1]}."
            problems.append(WorkbookProblem(path, message, TARGET_SHEET, row.number, "Đạt được"))
            continue
        merged.achieved[key] = (float(value), f"«{path.name}», hàng {row.number}")


def report_schema() -> dict:
    schema = copy.deepcopy(load_schema("draft"))
    properties = {name: schema["properties"][name] for name in _REPORT_FIELDS}
    properties["mo_dau"] = {"type": "string", "minLength": 1}
    schema["title"] = "Dữ liệu báo cáo kết quả (vanban draft report)"
    schema["properties"] = properties
    schema["required"] = []
    return schema


#: Printed width of the chart (mm) and the smallest text size on paper (pt): the figure is drawn at
#: its printed size, so a label of 9.5 pt stays 9.5 pt on the page.
CHART_WIDTH_MM, CHART_TEXT_PT = 150, 9.5
#: One fill per status that stays distinct in black-and-white print: lightness steps plus hatching.
_STATUS_FILLS = {DONE: ("#303030", ""), ONGOING: ("#a0a0a0", "..."), NOT_STARTED: ("#ffffff", "///")}
#: Serif faces with every Vietnamese letter, in order of preference (the body is Times New Roman).
_CHART_FONTS = ["Liberation Serif", "Times New Roman", "DejaVu Serif"]


def status_chart(rows: list[tuple[str, str]]) -> bytes:
    """Stacked bars: tasks of each lead agency by status (PNG), readable when printed in grey."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    agencies = list(dict.fromkeys(lead for lead, _ in rows))
    counts = Counter(rows)
    width_in = CHART_WIDTH_MM / 25.4
    with plt.rc_context(
        {"font.family": "serif", "font.serif": _CHART_FONTS, "font.size": CHART_TEXT_PT, "hatch.linewidth": 0.6}
    ):
        figure, axes = plt.subplots(figsize=(width_in, 0.32 * len(agencies) + 1.0), dpi=220)
        left = [0] * len(agencies)
        for status in STATUSES:
            values = [counts[(a, status)] for a in agencies]
            if any(values):
                colour, hatch = _STATUS_FILLS[status]
                axes.barh(
                    agencies,
                    values,
                    left=left,
                    color=colour,
                    hatch=hatch,
                    edgecolor="black",
                    linewidth=0.6,
                    label=status,
                )
                left = [a + b for a, b in zip(left, values, strict=True)]
        axes.invert_yaxis()
        axes.set_xlabel("Số nhiệm vụ")
        axes.xaxis.get_major_locator().set_params(integer=True)
        if any(left):
            axes.legend(loc="lower right", fontsize=CHART_TEXT_PT)
        axes.tick_params(labelsize=CHART_TEXT_PT)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
    return buffer.getvalue()


def _share(part: int, whole: int) -> str:
    return f"{format_number(round(100 * part / whole, 1)) if whole else 0}%"


def _number(value: float) -> str:
    return format_number(int(value) if float(value).is_integer() else value)


@dataclass
class YearResults:
    """The departments' workbooks merged against the year's tasks and the plan's targets: what the
    report counts, and what the web page shows before the report is made."""

    tasks: list[Task]
    targets: list[Target]
    merged: Results

    @property
    def reported(self) -> list[Task]:
        return [t for t in self.tasks if t.no in self.merged.answers]

    @property
    def unreported(self) -> list[Task]:
        return [t for t in self.tasks if t.no not in self.merged.answers]

    @property
    def statuses(self) -> list[tuple[str, str]]:
        """(lead agency, status) of each reported task: the chart's and the counts' input."""
        return [(lead_agency(t), self.merged.answers[t.no].status) for t in self.reported]

    @property
    def assessments(self) -> list[Assessment]:
        return assess_targets(self.targets, self.merged)


def results_of_year(plan: Document, year: int, result_paths: list[Path]) -> YearResults:
    """Merge the filled workbooks for `year` (an error names the file, sheet, row and column)."""
    tasks, _note = tasks_for_year(plan, year)
    targets = plan_targets(plan)
    return YearResults(tasks, targets, merge_results(result_paths, {t.no for t in tasks}, targets))


def draft_report(
    library: Library,
    plan_number: str,
    year: int,
    result_paths: list[Path],
    input_path: Path | None = None,
    profile: Path | None = None,
) -> tuple[Draft, list[str], dict[str, Callable[[Path], Path]]]:
    """The report, notes for the drafter and, when some tasks have no answer, a workbook listing
    them to chase (written beside the report as «…-chua-bao-cao.xlsx»)."""
    if not result_paths:
        raise VanbanError("cần ít nhất một bảng tính kết quả (--results ket-qua.xlsx).")
    plan = library.get(plan_number)
    source = DraftInput.read(input_path, report_schema())
    data = source.data
    agency = input_agency(data, input_path, source.line_of, profile)
    year_results = results_of_year(plan, year, result_paths)
    tasks, targets, merged = year_results.tasks, year_results.targets, year_results.merged
    span = plan_years(plan)
    last_year = span is not None and year >= span[1]
    reported, unreported, statuses = year_results.reported, year_results.unreported, year_results.statuses
    counts = Counter(status for _, status in statuses)
    summary = _summary(year, len(tasks), len(reported), counts)
    by_agency = []
    for lead in dict.fromkeys(lead for lead, _ in statuses):
        own = Counter(status for l2, status in statuses if l2 == lead)
        parts = ", ".join(f"{s.lower()} {own[s]}" for s in STATUSES if own[s])
        by_agency.append(Section("-", SectionKind.ITEM, text=f"{lead}: {sum(own.values())} nhiệm vụ ({parts})."))
    figure = Figure(
        status_chart(statuses), "Hình 1. Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì", width_mm=CHART_WIDTH_MM
    )
    assessments = year_results.assessments
    table = _targets_table(assessments)
    unreached = [a.target.text.rstrip(".;") for a in assessments if a.verdict is Verdict.NOT_REACHED]
    missing = sum(1 for a in assessments if a.verdict is Verdict.NO_DATA)
    difficulties = [
        Section("-", SectionKind.ITEM, text=text) for text in _gathered(reported, merged, "difficulty")
    ] or [Section("", SectionKind.PARAGRAPH, text="Chưa ghi nhận.")]
    recipients_to = data.get("kinh_gui") or [DEFAULT_RECIPIENT]
    proposals = _proposals(_gathered(reported, merged, "proposal"), recipients_to[0]) or [
        Section("", SectionKind.PARAGRAPH, text="Chưa có kiến nghị.")
    ]
    sections = [
        Section(
            "",
            SectionKind.PARAGRAPH,
            text=data.get("mo_dau")
            or f"Thực hiện {mention(plan, agency.full_name)}, {agency.full_name} báo cáo kết quả thực hiện "
            f"năm {year} như sau:",
        ),
        Section(
            "I",
            SectionKind.SECTION,
            title="Kết quả thực hiện",
            children=[
                Section(
                    "1",
                    SectionKind.CLAUSE,
                    title="Tình hình thực hiện các nhiệm vụ",
                    children=[
                        Section("", SectionKind.PARAGRAPH, text=summary),
                        Section("", SectionKind.FIGURE, text=figure.caption),
                        *by_agency,
                    ],
                ),
                Section(
                    "2",
                    SectionKind.CLAUSE,
                    title="Kết quả thực hiện các chỉ tiêu",
                    children=[Section("", SectionKind.FIGURE, text=table.caption)]
                    if targets
                    else [Section("", SectionKind.PARAGRAPH, text="Kế hoạch không có chỉ tiêu định lượng.")],
                ),
                Section("", SectionKind.PARAGRAPH, text="(Kết quả cụ thể từng nhiệm vụ theo Phụ lục kèm theo.)"),
            ],
        ),
        Section("II", SectionKind.SECTION, title="Tồn tại, khó khăn", children=difficulties),
        Section(
            "III",
            SectionKind.SECTION,
            title=f"Phương hướng, nhiệm vụ năm {year + 1}" if not last_year else "Phương hướng, nhiệm vụ thời gian tới",
            children=_next_year(counts, unreached, missing),
        ),
        Section("IV", SectionKind.SECTION, title="Kiến nghị, đề xuất", children=proposals),
    ]
    rows = []
    for task in tasks:
        answer = merged.answers.get(task.no, Answer(status=NOT_REPORTED))
        rows.append(
            [task.no, task.content, task.lead, answer.status, answer.result, answer.difficulty, answer.proposal]
        )
    draft = new_draft(
        "bao-cao",
        source,
        profile,
        title=f"Kết quả thực hiện {plan.doc_type} số {plan.number} năm {year}",
        recipients_to=recipients_to,
        sections=sections,
        closing=f"Trên đây là báo cáo kết quả thực hiện năm {year} của {agency.full_name}",
        figures=[figure, table] if targets else [figure],
        appendices=[
            Appendix(
                title=f"Kết quả thực hiện các nhiệm vụ năm {year}",
                tables=[TableSpec([c.name for c in RESULT_COLUMNS], [11, 60, 28, 20, 50, 35, 35], rows)],
            )
        ],
    )
    notes = [f"{len(reported)}/{len(tasks)} nhiệm vụ có báo cáo từ {len(result_paths)} bảng tính"]
    if last_year:
        notes.append(
            f"năm {year} là năm cuối của giai đoạn {span[0]}-{span[1]}: nên lập báo cáo tổng kết giai đoạn "
            f"(vanban draft report --plan {plan.number} --period --results <bảng tính từng năm>)"
        )
    if unreported:
        notes.append(
            f"{len(unreported)} nhiệm vụ chưa có báo cáo (không đưa vào nội dung; xem Phụ lục, cột Trạng thái): "
            + ", ".join(t.no for t in unreported)
        )
    companions = {}
    if unreported:
        companions[UNREPORTED_SUFFIX] = lambda path: write_unreported(unreported, year, path)
    return draft, notes, companions


def write_unreported(tasks: list[Task], year: int, path: Path) -> Path:
    workbook = new_workbook()
    add_sheet(workbook, UNREPORTED_SHEET, RESULT_COLUMNS[:3], [[int(t.no), t.content, t.lead] for t in tasks])
    save_workbook(workbook, path)
    return path


def _reached(goal: str, achieved: float) -> bool:
    """At least the goal, or the lower end of a range ("5-8" % is reached from 5)."""
    low = re.split(r"[-–]", goal)[0].replace(",", ".")
    try:
        return achieved >= float(low)
    except ValueError:
        return False


def assess_targets(targets: list[Target], merged: Results) -> list[Assessment]:
    assessments = []
    for target in targets:
        achieved = merged.achieved.get(fold(target.text))
        if achieved is None:
            assessments.append(Assessment(target, None, Verdict.NO_DATA))
        else:
            reached = _reached(target.goal, achieved[0])
            assessments.append(Assessment(target, achieved[0], Verdict.REACHED if reached else Verdict.NOT_REACHED))
    return assessments


#: The columns of the targets table, in the report and on the web page that previews it.
TARGET_TABLE_HEADERS = ["TT", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Đánh giá"]


def target_rows(assessments: list[Assessment]) -> list[list[str]]:
    """Each target against what was achieved, as the report prints it: TT | Chỉ tiêu | Mục tiêu |
    Thực hiện | Đánh giá."""
    rows = []
    for number, assessment in enumerate(assessments, 1):
        target = assessment.target
        unit = target.unit if target.unit == "%" else f" {target.unit}"
        done = "" if assessment.achieved is None else f"{_number(assessment.achieved)}{unit}"
        rows.append([str(number), target.text.rstrip(".;"), f"{target.goal}{unit}", done, assessment.verdict.value])
    return rows


def _targets_table(assessments: list[Assessment]) -> BodyTable:
    spec = TableSpec(TARGET_TABLE_HEADERS, [10, 95, 20, 20, 20], target_rows(assessments))
    return BodyTable(spec, "Bảng 1. Kết quả thực hiện các chỉ tiêu")


def _next_year(counts: Counter, unreached: list[str], missing: int) -> list[Section]:
    """What follows from the numbers: the unfinished tasks and the targets not yet reached."""
    items = []
    unfinished = counts[ONGOING] + counts[NOT_STARTED]
    if unfinished:
        items.append(
            Section(
                "-",
                SectionKind.ITEM,
                text=f"Tiếp tục thực hiện {counts[ONGOING]} nhiệm vụ đang thực hiện và "
                f"{counts[NOT_STARTED]} nhiệm vụ chưa thực hiện (chi tiết tại Phụ lục).",
            )
        )
    for text in unreached:
        items.append(Section("-", SectionKind.ITEM, text=f"Phấn đấu đạt chỉ tiêu: {text}."))
    if missing:
        items.append(
            Section("-", SectionKind.ITEM, text=f"Thu thập, tổng hợp số liệu của {missing} chỉ tiêu chưa có số liệu.")
        )
    return items or [Section("", SectionKind.PARAGRAPH, text="Duy trì các kết quả đã đạt được.")]


def _gathered(tasks: list[Task], merged: Results, attribute: str) -> list[str]:
    """The departments' phrases of one column as sentences, each once, in task order."""
    found = (sentence(getattr(merged.answers[t.no], attribute)) for t in tasks)
    return list(dict.fromkeys(text for text in found if text))


def _proposals(proposals: list[str], recipient: str) -> list[Section]:
    """Kiến nghị grouped by the body each addresses ("Đề nghị Bộ Công Thương …" → "Đối với Bộ
    Công Thương"); one that names no body is addressed to the report's recipient."""
    groups: dict[str, list[str]] = {}
    for proposal in proposals:
        body, rest = addressee(proposal)
        body = body or recipient
        match = next((b for b in groups if same_body(b, body)), body)
        groups.setdefault(match, []).append(sentence(rest))
    return [
        Section(
            str(number),
            SectionKind.CLAUSE,
            title=f"Đối với {body}",
            children=[Section("-", SectionKind.ITEM, text=text) for text in texts],
        )
        for number, (body, texts) in enumerate(groups.items(), 1)
    ]


def lead_agency(task: Task) -> str:
    """The first agency of the lead cell: the one that answers for the task in counts and charts."""
    return task.lead.split(";")[0].strip() or "Chưa rõ cơ quan"


def _summary(year: int, total: int, reported: int, counts: Counter) -> str:
    shares = "; ".join(f"{status.lower()} {counts[status]} ({_share(counts[status], reported)})" for status in STATUSES)
    return f"Năm {year}, trong {total} nhiệm vụ được giao có {reported} nhiệm vụ đã báo cáo kết quả: {shares}."
