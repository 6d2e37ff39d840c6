"""`/viec-hang-nam/bao-cao`: `vanban report template` and `vanban draft report` as a wizard.

1. choose the plan and either a year (Báo cáo kết quả năm) or its whole period (Báo cáo tổng kết
giai đoạn, `draft report --period`); 2. download the results workbook for the departments (for a
period, one per year); 3. upload their filled copies (several at once, dropped on the page or
chosen): each batch is read strictly on arrival together with the ones already kept
(`report.results_of_year`, or `period_report.period_results` for a period), and a batch with any
problem is refused whole, every problem listed by file, sheet, row and column from the readers'
`WorkbookErrors` — so the kept set is always one a report can be made from; the page shows the
merged tables (and, for a year, the chart); 4. the report, by the CLI's own `draft()`, checked and
offered, with the CLI's companion files (the tasks not yet reported) offered beside it.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.app.web.uploads import save_uploads
from vanban.app.web.wizard_state import WizardState, load, offer_of, remember_offer, start
from vanban.app.web.yearly_pages import chosen_plan, plans_with_tasks
from vanban.generator.jobs.draft import DraftRequest, draft, write_drafted
from vanban.generator.jobs.period_report import PeriodResults, period_results
from vanban.generator.jobs.plan_tasks import plan_years, tasks_for_year
from vanban.generator.jobs.report import (
    NOT_REPORTED,
    STATUSES,
    TARGET_TABLE_HEADERS,
    UNREPORTED_SUFFIX,
    YearResults,
    lead_agency,
    results_of_year,
    status_chart,
    target_rows,
    write_results_template,
)
from vanban.generator.jobs.workbook import WorkbookErrors, WorkbookProblem

KIND = "bao-cao"
BASE = "/viec-hang-nam/bao-cao"
UPLOADS, CHART, TEMPLATE, COMPANION = "bang-tinh", "bieu-do.png", "bieu-mau.xlsx", "kem-theo"
#: What the page calls each companion file `draft report` writes beside the report (filled from the view).
COMPANION_LABELS = {UNREPORTED_SUFFIX: "Tải danh sách {unreported} nhiệm vụ chưa có báo cáo để đôn đốc (.xlsx)"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEPS = ["Chọn kế hoạch và loại báo cáo", "Biểu mẫu cho các đơn vị", "Tải lên bảng tính đã điền", "Xem trước và tải về"]


def _plan(request: Request, state: WizardState):
    return request.app.state.workbench.library.get(state.data["plan"])


def _kept_paths(state: WizardState) -> list[Path]:
    return [state.file(f["path"]) for f in state.data["files"]]


def _view(results: YearResults, files: int) -> dict:
    """What the page shows of the merged workbooks: counts by lead agency, each task, the targets."""
    answers = results.merged.answers
    statuses = [(lead_agency(t), answers[t.no].status if t.no in answers else NOT_REPORTED) for t in results.tasks]
    counts = Counter(statuses)
    agencies = list(dict.fromkeys(lead for lead, _ in statuses))
    columns = [*STATUSES, NOT_REPORTED]
    by_agency = [[lead, *(counts[(lead, s)] for s in columns)] for lead in agencies]
    by_agency = [[*row, sum(row[1:])] for row in by_agency]
    totals = ["Cộng", *(sum(row[i] for row in by_agency) for i in range(1, len(columns) + 2))]
    tasks = []
    for task in results.tasks:
        answer = answers.get(task.no)
        tasks.append(
            {
                "no": task.no,
                "content": task.content,
                "lead": task.lead,
                "status": answer.status if answer else NOT_REPORTED,
                "result": answer.result if answer else "",
                "source": answer.source if answer else "",
            }
        )
    return {
        "summary": f"{len(results.reported)}/{len(results.tasks)} nhiệm vụ có báo cáo từ {files} bảng tính",
        "columns": columns,
        "by_agency": by_agency,
        "totals": totals,
        "tasks": tasks,
        "target_headers": TARGET_TABLE_HEADERS,
        "targets": target_rows(results.assessments),
        "has_chart": bool(results.reported),
        "unreported": len(results.unreported),
    }


def _period_view(results: PeriodResults, files: int) -> dict:
    """What the page shows of a period's workbooks: Bảng 1 of the closing report (each year and the
    whole period), the targets by the latest figures, the years without a workbook."""
    table = results.years_table
    years = ", ".join(str(year) for year in results.yearly)
    return {
        "summary": f"{len(results.final)} nhiệm vụ của kế hoạch; bảng tính của năm {years} ({files} tệp)",
        "years_caption": table.caption,
        "years_headers": table.spec.columns,
        "years": table.spec.rows,
        "missing_years": results.missing_years,
        "target_headers": TARGET_TABLE_HEADERS,
        "targets": target_rows(results.assessments),
        "has_chart": False,
    }


def _period(state: WizardState) -> tuple[int, int] | None:
    """The plan's period when this run makes the closing report of it, else None (a year's report)."""
    span = state.data.get("period")
    return (span[0], span[1]) if span else None


def _merged(request: Request, state: WizardState, paths: list[Path]) -> YearResults | PeriodResults:
    """`paths` merged by the report's own readers (raises `WorkbookErrors` with every problem)."""
    plan = _plan(request, state)
    if _period(state):
        return period_results(plan, paths)
    return results_of_year(plan, state.data["year"], paths)


def _forget_report(state: WizardState) -> None:
    """The made report and its companions no longer match the kept workbooks."""
    state.data.pop("offer", None)
    state.data.pop("notes", None)
    for companion in state.data.pop("companions", []):
        state.file(companion["file"]).unlink(missing_ok=True)


def _refresh(request: Request, state: WizardState) -> None:
    """The merged view and chart of the kept workbooks; the previous report is forgotten."""
    paths = _kept_paths(state)
    _forget_report(state)
    if paths:
        results = _merged(request, state, paths)
        if isinstance(results, PeriodResults):
            state.data["view"] = _period_view(results, len(paths))
        else:
            state.data["view"] = _view(results, len(paths))
            if results.reported:
                state.file(CHART).write_bytes(status_chart(results.statuses))
    else:
        state.data.pop("view", None)
    state.data["revision"] = state.data.get("revision", 0) + 1
    state.save()


def _choose(request: Request, errors: dict | None = None, values: dict | None = None, status: int = 200) -> Response:
    context = {
        "step": 1,
        "steps": STEPS,
        "period": None,
        "plans": plans_with_tasks(request),
        "errors": errors or {},
        "values": values or {},
        "now_year": _dt.date.today().year,
    }
    return render(request, "report_wizard.html", context, status)


def _page(request: Request, state: WizardState, status: int = 200, **extra) -> Response:
    made = offer_of(state)
    files = state.data["files"]
    context = {
        "step": 4 if made else (3 if files else 2),
        "steps": STEPS,
        "state": state,
        "base": f"{BASE}/{state.token}",
        "files": files,
        "view": state.data.get("view"),
        "offer": made,
        "notes": state.data.get("notes", []),
        "companions": state.data.get("companions", []),
        "period": _period(state),
        "error": "",
        "upload_errors": None,
        "max_upload_mb": request.app.state.workbench.config.max_upload_bytes // (1024 * 1024),
        **extra,
    }
    return render(request, "report_wizard.html", context, status)


@page("draft")
def report_form(request: Request) -> Response:
    return _choose(request)


@state_changing("draft")
def report_start(request: Request, form: FormData) -> Response:
    plan, year, errors = chosen_plan(request, form)
    whole_period = form.get("loai") == "giai-doan"
    span = plan_years(plan) if plan else None
    if whole_period:
        errors.pop("nam", None)
        if plan and span is None:
            errors["ke-hoach"] = (
                f"Kế hoạch {plan.number} không ghi giai đoạn (ví dụ «giai đoạn 2021-2025») nên không lập được "
                "báo cáo tổng kết giai đoạn; hãy chọn «Báo cáo kết quả năm»."
            )
    if errors:
        values = {"ke-hoach": form.get("ke-hoach", ""), "nam": form.get("nam", ""), "loai": form.get("loai", "")}
        return _choose(request, errors, values, 400)
    data = {"plan": plan.id, "plan_number": plan.number, "files": [], "next": 1}
    if whole_period:
        data |= {
            "period": list(span),
            "year": None,
            "note": f"Báo cáo tổng kết giai đoạn {span[0]}-{span[1]}: mỗi năm một hoặc nhiều bảng tính kết quả, "
            "mỗi tệp ghi năm của nó ở trang «Hướng dẫn»",
        }
    else:
        data |= {"year": year, "note": tasks_for_year(plan, year)[1]}
    state = start(request, KIND, data)
    return RedirectResponse(f"{BASE}/{state.token}", status_code=303)


@page("draft")
def report_step(request: Request) -> Response:
    return _page(request, load(request, KIND))


def _template_year(request: Request, state: WizardState) -> int:
    """The year of the workbook asked for: the run's year, or for a period any year of it (?nam=)."""
    span = _period(state)
    if span is None:
        return state.data["year"]
    text = request.query_params.get("nam", "")
    if not (text.isdigit() and span[0] <= int(text) <= span[1]):
        raise PageError(f"hãy chọn một năm của giai đoạn {span[0]}-{span[1]}.", status=404)
    return int(text)


@page("draft")
def report_template(request: Request) -> Response:
    """The workbook `vanban report template` writes: one row per task of the year, a drop-down status."""
    state = load(request, KIND)
    year = _template_year(request, state)
    path = state.file(TEMPLATE)
    write_results_template(_plan(request, state), year, path)
    name = f"ket-qua-{year}-{state.data['plan_number'].replace('/', '-')}.xlsx"
    return FileResponse(path, media_type=XLSX, filename=name)


@page("draft")
def report_chart(request: Request) -> Response:
    state = load(request, KIND)
    path = state.file(CHART)
    if not (state.data.get("view") or {}).get("has_chart") or not path.is_file():
        raise PageError("chưa có biểu đồ: chưa có nhiệm vụ nào được báo cáo.", status=404)
    return FileResponse(path, media_type="image/png", headers={"cache-control": "private, no-cache"})


def _checked(request: Request, state: WizardState, names: dict[Path, str]) -> WorkbookErrors | None:
    """Every problem of the batch read together with the workbooks already kept (a task reported
    twice is found across them), or None when the batch can be kept."""
    problems = [
        WorkbookProblem(path, "không phải tệp Excel .xlsx (hãy mở bằng Excel rồi «Lưu thành» .xlsx).")
        for path in names
        if path.suffix.lower() != ".xlsx"
    ]
    workbooks = [path for path in names if path.suffix.lower() == ".xlsx"]
    if workbooks:
        try:
            _merged(request, state, [*_kept_paths(state), *workbooks])
        except WorkbookErrors as error:
            problems.extend(error.problems)
    return WorkbookErrors(problems) if problems else None


@state_changing("draft")
def report_upload(request: Request, form: FormData) -> Response:
    state = load(request, KIND)
    config = request.app.state.workbench.config
    with tempfile.TemporaryDirectory(prefix="dang-tai-", dir=state.folder) as staging:
        try:
            names = save_uploads(form, "tep", Path(staging), config.max_upload_bytes)
        except PageError as error:
            return _page(request, state, error.status, error=str(error))
        refused = _checked(request, state, names)
        if refused:
            return _page(request, state, 400, upload_errors=refused)
        for path, name in names.items():
            target = Path(UPLOADS) / str(state.data["next"]) / path.name
            state.file(str(target)).parent.mkdir(parents=True)
            shutil.move(path, state.file(str(target)))
            state.data["files"].append({"name": name, "path": str(target)})
            state.data["next"] += 1
    _refresh(request, state)
    return RedirectResponse(f"{BASE}/{state.token}#tong-hop", status_code=303)


@state_changing("draft")
def report_remove(request: Request, form: FormData) -> Response:
    """Take one uploaded workbook out (a department sends a corrected copy)."""
    state = load(request, KIND)
    wanted = str(form.get("tep", ""))
    found = next((f for f in state.data["files"] if f["path"] == wanted), None)
    if found is None:
        raise PageError("không có bảng tính này trong danh sách (có thể đã được bỏ ra).", status=404)
    state.data["files"].remove(found)
    shutil.rmtree(state.file(found["path"]).parent, ignore_errors=True)
    _refresh(request, state)
    return RedirectResponse(f"{BASE}/{state.token}#tep-da-tai", status_code=303)


def _for_the_web(note: str) -> str:
    """The CLI's hint "(vanban draft report … --period …)" said as what a web user can do."""
    if "vanban draft report" not in note:
        return note
    where = "lập ở trang này: chọn «Báo cáo tổng kết cả giai đoạn» ở bước 1"
    return f"{note.split(' (vanban', 1)[0]} ({where})."


def _keep_companions(state: WizardState, companions: dict, download_stem: str) -> None:
    """The files `draft report` writes beside the report (by its own writers), kept with the run."""
    kept = []
    for number, (suffix, write) in enumerate(companions.items(), 1):
        name = f"{COMPANION}-{number}{Path(suffix).suffix}"
        write(state.file(name))
        label = COMPANION_LABELS[suffix].format_map(state.data["view"])
        kept.append({"file": name, "label": label, "download": f"{download_stem}{suffix}"})
    state.data["companions"] = kept


@state_changing("draft")
def report_preview(request: Request, form: FormData) -> Response:
    """The Báo cáo from the kept workbooks, by the CLI's `draft report` (with `--period` for the
    closing report), checked and offered; its companion files beside it."""
    state = load(request, KIND)
    paths = _kept_paths(state)
    if not paths:
        return _page(request, state, 400, error="Chưa có bảng tính nào: hãy tải lên ít nhất một bảng tính đã điền.")
    year, span, data_dir = state.data["year"], _period(state), request.app.state.workbench.library.data_dir
    job = DraftRequest(
        "report", plan=state.data["plan"], year=year, results=paths, period=span is not None, data_dir=data_dir
    )
    drafted = draft(job, request.app.state.workbench.library)
    companions, drafted.companions = drafted.companions, {}  # kept with the run, not in the offer's folder
    if span:
        name = f"Báo cáo tổng kết giai đoạn {span[0]}-{span[1]} - {state.data['plan_number']}"
    else:
        name = f"Báo cáo kết quả năm {year} - {state.data['plan_number']}"
    made = offer(data_dir, lambda path: write_drafted(drafted, path), name, owner=visitor(request).user.name)
    _forget_report(state)
    _keep_companions(state, companions, made.download_name)
    state.data["notes"] = [_for_the_web(note) for note in drafted.notes]
    remember_offer(state, made)
    return RedirectResponse(f"{BASE}/{state.token}#xem-truoc", status_code=303)


@page("draft")
def report_companion(request: Request) -> Response:
    """A companion file of the last report (the tasks not yet reported), under the report's name."""
    state = load(request, KIND)
    wanted = request.path_params["name"]
    found = next((c for c in state.data.get("companions", []) if c["file"] == wanted), None)
    if found is None or not state.file(found["file"]).is_file():
        raise PageError("không có tệp này (có thể báo cáo đã được tạo lại). Hãy bấm «Tạo báo cáo» lại.", status=404)
    return FileResponse(state.file(found["file"]), media_type=XLSX, filename=found["download"])
