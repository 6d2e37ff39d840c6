"""`/viec-hang-nam/bao-cao`: `vanban report template` and `vanban draft report` as a wizard.

1. choose the plan and the year; 2. download the results workbook for the departments;
3. upload their filled copies (several at once, dropped on the page or chosen): each is read
strictly on arrival (`report.results_of_year`), alone and then with the ones already kept, and a
batch with any error is refused whole, each error located by file, sheet, row and column — so the
kept set is always one a report can be made from; the page shows the merged status table, the
targets table and the chart; 4. the report, by the CLI's own `draft()`, checked and offered.
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

from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.app.web.uploads import save_uploads
from vanban.app.web.wizard_state import WizardState, load, offer_of, remember_offer, start
from vanban.app.web.workbook_errors import WorkbookError, workbook_error
from vanban.app.web.yearly_pages import chosen_plan, plans_with_tasks
from vanban.generator.jobs.draft import DraftRequest, draft, write_drafted
from vanban.generator.jobs.plan_tasks import tasks_for_year
from vanban.generator.jobs.report import (
    NOT_REPORTED,
    STATUSES,
    TARGET_TABLE_HEADERS,
    YearResults,
    lead_agency,
    results_of_year,
    status_chart,
    target_rows,
    write_results_template,
)
from vanban.library.errors import VanbanError

KIND = "bao-cao"
BASE = "/viec-hang-nam/bao-cao"
UPLOADS, CHART, TEMPLATE = "bang-tinh", "bieu-do.png", "bieu-mau.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STEPS = ["Chọn kế hoạch và năm", "Biểu mẫu cho các đơn vị", "Tải lên bảng tính đã điền", "Xem trước và tải về"]


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
    }


def _refresh(request: Request, state: WizardState) -> None:
    """The merged view and chart of the kept workbooks; the previous report is forgotten."""
    paths = _kept_paths(state)
    state.data.pop("offer", None)
    state.data.pop("notes", None)
    if paths:
        results = results_of_year(_plan(request, state), state.data["year"], paths)
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
        "error": "",
        "upload_errors": [],
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
    if errors:
        return _choose(request, errors, {"ke-hoach": form.get("ke-hoach", ""), "nam": form.get("nam", "")}, 400)
    _tasks, note = tasks_for_year(plan, year)
    data = {"plan": plan.id, "plan_number": plan.number, "year": year, "note": note, "files": [], "next": 1}
    state = start(request, KIND, data)
    return RedirectResponse(f"{BASE}/{state.token}", status_code=303)


@page("draft")
def report_step(request: Request) -> Response:
    return _page(request, load(request, KIND))


@page("draft")
def report_template(request: Request) -> Response:
    """The workbook `vanban report template` writes: one row per task of the year, a drop-down status."""
    state = load(request, KIND)
    path = state.file(TEMPLATE)
    write_results_template(_plan(request, state), state.data["year"], path)
    name = f"ket-qua-{state.data['year']}-{state.data['plan_number'].replace('/', '-')}.xlsx"
    return FileResponse(path, media_type=XLSX, filename=name)


@page("draft")
def report_chart(request: Request) -> Response:
    state = load(request, KIND)
    path = state.file(CHART)
    if not (state.data.get("view") or {}).get("has_chart") or not path.is_file():
        raise PageError("chưa có biểu đồ: chưa có nhiệm vụ nào được báo cáo.", status=404)
    return FileResponse(path, media_type="image/png", headers={"cache-control": "private, no-cache"})


def _checked(request: Request, state: WizardState, names: dict[Path, str]) -> list[WorkbookError]:
    """Every error of the batch: each file alone, then (if each is right) all files together."""
    plan, year = _plan(request, state), state.data["year"]
    kept = {path: f["name"] for path, f in zip(_kept_paths(state), state.data["files"], strict=True)}
    errors = []
    for path, name in names.items():
        if path.suffix.lower() != ".xlsx":
            not_excel = "không phải tệp Excel .xlsx (hãy mở bằng Excel rồi «Lưu thành» .xlsx)."
            errors.append(WorkbookError(name, "", "", "", not_excel))
            continue
        try:
            results_of_year(plan, year, [path])
        except VanbanError as error:
            errors.append(workbook_error(error, names))
    if not errors:
        try:
            results_of_year(plan, year, [*kept, *names])
        except VanbanError as error:
            errors.append(workbook_error(error, {**kept, **names}))
    return errors


@state_changing("draft")
def report_upload(request: Request, form: FormData) -> Response:
    state = load(request, KIND)
    config = request.app.state.workbench.config
    with tempfile.TemporaryDirectory(prefix="dang-tai-", dir=state.folder) as staging:
        try:
            names = save_uploads(form, "tep", Path(staging), config.max_upload_bytes)
        except PageError as error:
            return _page(request, state, error.status, error=str(error))
        errors = _checked(request, state, names)
        if errors:
            return _page(request, state, 400, upload_errors=errors)
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
    where = "báo cáo tổng kết giai đoạn hiện lập bằng dòng lệnh «vanban draft report --period»"
    return f"{note.split(' (vanban', 1)[0]}; {where}."


@state_changing("draft")
def report_preview(request: Request, form: FormData) -> Response:
    """The Báo cáo from the kept workbooks, by the CLI's `draft report`, checked and offered."""
    state = load(request, KIND)
    paths = _kept_paths(state)
    if not paths:
        return _page(request, state, 400, error="Chưa có bảng tính nào: hãy tải lên ít nhất một bảng tính đã điền.")
    year, data_dir = state.data["year"], request.app.state.workbench.library.data_dir
    job = DraftRequest("report", plan=state.data["plan"], year=year, results=paths, data_dir=data_dir)
    drafted = draft(job, request.app.state.workbench.library)
    drafted.companions = {}  # the "not reported" list is on the page; the offer holds the report only
    made = offer(
        data_dir,
        lambda path: write_drafted(drafted, path),
        f"Báo cáo kết quả năm {year} - {state.data['plan_number']}",
    )
    state.data["notes"] = [_for_the_web(note) for note in drafted.notes]
    remember_offer(state, made)
    return RedirectResponse(f"{BASE}/{state.token}#xem-truoc", status_code=303)
