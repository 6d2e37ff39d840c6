"""The closing report of a plan's period (báo cáo tổng kết giai đoạn): the results of each year and
of the whole period, from the yearly results workbooks.

A plan that has ended gets no "phương hướng năm sau" of its own: what follows it is a new plan, so
the closing report ends with directions for the next period. Each workbook says its own year (the
first line of its «Hướng dẫn» sheet, written by `vanban report template`); a task's result for the
period is its status in the last year it was reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from vanban.generator.compose.inputs import DraftInput, input_agency, new_draft
from vanban.generator.compose.model import Appendix, BodyTable, Draft, TableSpec
from vanban.generator.jobs.plan_tasks import plan_task_number, plan_years, task_key, tasks_for_year
from vanban.generator.jobs.report import (
    DEFAULT_RECIPIENT,
    DONE,
    GUIDE_SHEET,
    NOT_REPORTED,
    NOT_STARTED,
    ONGOING,
    STATUSES,
    Answer,
    Assessment,
    Results,
    Verdict,
    _gathered,
    _proposals,
    _targets_table,
    assess_targets,
    merge_results,
    plan_targets,
    report_schema,
)
from vanban.generator.jobs.wording import mention
from vanban.generator.jobs.workbook import WorkbookErrors, WorkbookProblem, open_workbook, raise_problems
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Section, SectionKind, Task
from vanban.library.store import Library

_YEAR = re.compile(r"năm (\d{4})")


def workbook_year(path: Path) -> int:
    """The year a results workbook reports on, from the guide sheet `report template` wrote."""
    with open_workbook(path) as workbook:
        if GUIDE_SHEET not in workbook.sheetnames:
            message = (
                f"không rõ bảng tính báo cáo năm nào (thiếu trang «{GUIDE_SHEET}»); hãy dùng biểu mẫu do "
                "«vanban report template» tạo."
            )
            raise WorkbookErrors([WorkbookProblem(path, message)])
        first = next(workbook[GUIDE_SHEET].iter_rows(max_row=1, max_col=1, values_only=True), (None,))[0]
    found = _YEAR.search(str(first or ""))
    if not found:
        raise WorkbookErrors([WorkbookProblem(path, "không thấy «năm …» của báo cáo.", GUIDE_SHEET, 1)])
    return int(found.group(1))


@dataclass
class PeriodResults:
    """The yearly workbooks of a plan's period merged year by year: what the closing report counts,
    and what the web page shows before the report is made."""

    span: tuple[int, int]
    yearly: dict[int, tuple[list[Task], Results]]
    final: list[tuple[Task, str]]
    assessments: list[Assessment]

    @property
    def missing_years(self) -> list[int]:
        return [y for y in range(self.span[0], self.span[1] + 1) if y not in self.yearly]

    @property
    def years_table(self) -> BodyTable:
        """Tasks, reports and statuses of each year and of the whole period (Bảng 1 of the report)."""
        return _years_table(self.yearly, Counter(status for _task, status in self.final), len(self.final))


def period_results(plan: Document, result_paths: list[Path]) -> PeriodResults:
    """Each workbook sorted by the year it says, merged with the others of its year; every problem
    of every file is raised together (`WorkbookErrors`)."""
    span = plan_years(plan)
    if span is None:
        raise VanbanError(f"{plan.number} không ghi giai đoạn (ví dụ «giai đoạn 2021-2025») nên không tổng kết được.")
    if not result_paths:
        raise VanbanError("cần bảng tính kết quả của các năm (--results, mỗi năm một hoặc nhiều tệp).")
    problems: list[WorkbookProblem] = []
    by_year: dict[int, list[Path]] = {}
    for path in result_paths:
        try:
            year = workbook_year(path)
        except WorkbookErrors as error:
            problems.extend(error.problems)
            continue
        if not span[0] <= year <= span[1]:
            outside = f"bảng tính báo cáo năm {year}, ngoài giai đoạn {span[0]}-{span[1]}."
            problems.append(WorkbookProblem(path, outside, GUIDE_SHEET, 1))
            continue
        by_year.setdefault(year, []).append(path)
    targets = plan_targets(plan)
    yearly: dict[int, tuple[list[Task], Results]] = {}
    for year in sorted(by_year):
        tasks, _note = tasks_for_year(plan, year)
        try:
            yearly[year] = (tasks, merge_results(by_year[year], {t.no for t in tasks}, targets))
        except WorkbookErrors as error:
            problems.extend(error.problems)
    raise_problems(problems)
    latest = Results(achieved={k: v for _, (_, r) in sorted(yearly.items()) for k, v in r.achieved.items()})
    return PeriodResults(span, yearly, _final_statuses(plan, yearly), assess_targets(targets, latest))


def draft_period_report(
    library: Library, plan_number: str, result_paths: list[Path], input_path: Path | None, profile: Path | None
) -> tuple[Draft, list[str]]:
    plan = library.get(plan_number)
    results = period_results(plan, result_paths)
    span, yearly, final, assessments = results.span, results.yearly, results.final, results.assessments
    targets = [a.target for a in assessments]
    source = DraftInput.read(input_path, report_schema())
    agency = input_agency(source.data, input_path, source.line_of, profile)
    period = f"{span[0]}-{span[1]}"
    reported_answers = [(t, r) for _, (tasks, r) in sorted(yearly.items()) for t in tasks if t.no in r.answers]
    difficulties = list(dict.fromkeys(d for t, r in reported_answers for d in _gathered([t], r, "difficulty")))
    proposals = list(dict.fromkeys(p for t, r in reported_answers for p in _gathered([t], r, "proposal")))
    recipients_to = source.data.get("kinh_gui") or [DEFAULT_RECIPIENT]
    counts = Counter(status for _task, status in final)
    unfinished = [task for task, status in final if status in (ONGOING, NOT_STARTED)]
    targets_table = _targets_table(assessments)
    years_table = results.years_table
    sections = [
        Section(
            "",
            SectionKind.PARAGRAPH,
            text=source.data.get("mo_dau")
            or f"Thực hiện {mention(plan, agency.full_name)}, {agency.full_name} báo cáo tổng kết kết quả thực "
            f"hiện giai đoạn {period} như sau:",
        ),
        Section(
            "I",
            SectionKind.SECTION,
            title=f"Kết quả thực hiện giai đoạn {period}",
            children=[
                Section(
                    "1",
                    SectionKind.CLAUSE,
                    title="Kết quả thực hiện các nhiệm vụ qua từng năm và cả giai đoạn",
                    children=[
                        Section("", SectionKind.PARAGRAPH, text=_period_summary(period, counts, len(final))),
                        Section("", SectionKind.FIGURE, text=years_table.caption),
                    ],
                ),
                Section(
                    "2",
                    SectionKind.CLAUSE,
                    title="Kết quả thực hiện các chỉ tiêu (số liệu năm gần nhất có báo cáo)",
                    children=[Section("", SectionKind.FIGURE, text=targets_table.caption)]
                    if targets
                    else [Section("", SectionKind.PARAGRAPH, text="Kế hoạch không có chỉ tiêu định lượng.")],
                ),
                Section("", SectionKind.PARAGRAPH, text="(Kết quả cụ thể từng nhiệm vụ theo Phụ lục kèm theo.)"),
            ],
        ),
        Section(
            "II",
            SectionKind.SECTION,
            title="Tồn tại, hạn chế",
            children=[Section("-", SectionKind.ITEM, text=d) for d in difficulties]
            or [Section("", SectionKind.PARAGRAPH, text="Chưa ghi nhận.")],
        ),
        Section(
            "III",
            SectionKind.SECTION,
            title="Phương hướng giai đoạn tiếp theo",
            children=_next_period(unfinished, [a for a in assessments if a.verdict is Verdict.NOT_REACHED]),
        ),
        Section(
            "IV",
            SectionKind.SECTION,
            title="Kiến nghị, đề xuất",
            children=_proposals(proposals, recipients_to[0])
            or [Section("", SectionKind.PARAGRAPH, text="Chưa có kiến nghị.")],
        ),
    ]
    rows = [[plan_task_number(plan, task), task.content, task.lead, status] for task, status in final]
    draft = new_draft(
        "bao-cao",
        source,
        profile,
        title=f"Tổng kết thực hiện {plan.doc_type} số {plan.number} giai đoạn {period}",
        recipients_to=recipients_to,
        sections=sections,
        closing=f"Trên đây là báo cáo tổng kết giai đoạn {period} của {agency.full_name}",
        figures=[years_table, targets_table] if targets else [years_table],
        appendices=[
            Appendix(
                title=f"Kết quả thực hiện các nhiệm vụ giai đoạn {period}",
                tables=[TableSpec(["TT trong KH", "Nhiệm vụ", "Cơ quan chủ trì", "Kết quả"], [16, 110, 45, 30], rows)],
            )
        ],
    )
    missing_years = results.missing_years
    notes = [f"tổng kết {len(final)} nhiệm vụ của {plan.number} từ báo cáo các năm {', '.join(map(str, yearly))}"]
    if missing_years:
        notes.append(f"chưa có bảng tính của năm {', '.join(map(str, missing_years))}: các năm đó không có số liệu")
    return draft, notes


def _final_statuses(plan: Document, yearly: dict[int, tuple[list[Task], Results]]) -> list[tuple[Task, str]]:
    """Each task of the plan once, with its status in the last year it was reported."""
    status: dict[str, str] = {}
    for _year, (tasks, results) in sorted(yearly.items()):
        for task in tasks:
            answer: Answer | None = results.answers.get(task.no)
            if answer is not None:
                status[task_key(task)] = answer.status
    seen: set[str] = set()
    final = []
    for task in plan.tasks:
        key = task_key(task)
        if key not in seen:
            seen.add(key)
            final.append((task, status.get(key, NOT_REPORTED)))
    return final


def _years_table(yearly: dict[int, tuple[list[Task], Results]], period: Counter, total: int) -> BodyTable:
    rows: list[list[str] | str] = []
    for year, (tasks, results) in sorted(yearly.items()):
        counts = Counter(results.answers[t.no].status for t in tasks if t.no in results.answers)
        reported = sum(counts.values())
        rows.append([str(year), str(len(tasks)), str(reported), *(str(counts[s]) for s in STATUSES)])
    reported = total - period[NOT_REPORTED]
    rows.append(["Cả giai đoạn", str(total), str(reported), *(str(period[s]) for s in STATUSES)])
    spec = TableSpec(["Năm", "Nhiệm vụ", "Có báo cáo", *STATUSES], [28, 24, 24, 24, 28, 28], rows)
    return BodyTable(spec, "Bảng 1. Kết quả thực hiện nhiệm vụ theo năm và cả giai đoạn")


def _period_summary(period: str, counts: Counter, total: int) -> str:
    return (
        f"Giai đoạn {period}, kế hoạch có {total} nhiệm vụ: hoàn thành {counts[DONE]}, đang thực hiện "
        f"{counts[ONGOING]}, chưa thực hiện {counts[NOT_STARTED]}, chưa có báo cáo {counts[NOT_REPORTED]} "
        "(kết quả của mỗi nhiệm vụ là kết quả ở năm gần nhất có báo cáo)."
    )


def _next_period(unfinished: list[Task], unreached) -> list[Section]:
    items = []
    if unfinished:
        items.append(
            Section(
                "-",
                SectionKind.ITEM,
                text=f"Đưa {len(unfinished)} nhiệm vụ chưa hoàn thành vào kế hoạch giai đoạn tiếp theo "
                "(chi tiết tại Phụ lục).",
            )
        )
    items += [
        Section("-", SectionKind.ITEM, text=f"Tiếp tục phấn đấu đạt chỉ tiêu: {a.target.text.rstrip('.;')}.")
        for a in unreached
    ]
    return items or [Section("", SectionKind.PARAGRAPH, text="Duy trì, phát huy các kết quả đã đạt được.")]
