"""`/viec-hang-nam/ke-hoach`: `vanban draft annual-plan` as a wizard.

1. choose the multi-year plan and the year; 2. the year's tasks (`plan_tasks.tasks_for_year`, with
its note when the year is past the plan's period), reviewed in a table form — keep or drop a task,
edit its content, lead agency and time — or through the tasks workbook the CLI's `tasks export`
writes, edited in Excel and uploaded back; 3. the plan built by the same `draft()` as the CLI
(`--tasks` pointing at the reviewed tasks) and offered through `offers.offer`; «Mở trong Soạn
thảo» makes that same plan a draft of the user's (kind ke-hoach, written out by
`compose/input_writer`), edited, previewed and sent to the văn thư for a number like any draft.
The tasks live in the run's `state.json` (`wizard_state`), each with whether it is kept.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from dataclasses import asdict, replace
from pathlib import Path

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from vanban.app.web import draft_inputs
from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.app.web.uploads import save_uploads
from vanban.app.web.wizard_state import WizardState, load, offer_of, remember_offer, start
from vanban.app.web.yearly_pages import chosen_plan, plans_with_tasks
from vanban.generator.compose.input_writer import input_data
from vanban.generator.jobs.draft import Drafted, DraftRequest, draft, write_drafted
from vanban.generator.jobs.plan_tasks import export_tasks, import_tasks, tasks_for_year
from vanban.generator.jobs.workbook import WorkbookErrors
from vanban.library.errors import VanbanError
from vanban.library.model import Task
from vanban.office.drafts import DraftNotFound, Drafts

KIND = "ke-hoach"
#: The drafting type the plan becomes in Soạn thảo.
DRAFT_KIND = "ke-hoach"
BASE = "/viec-hang-nam/ke-hoach"
TASKS_FILE, BUILT_TASKS_FILE = "nhiem-vu.xlsx", "nhiem-vu-da-ra-soat.xlsx"
#: Fields of the task table form: each row sends its content, lead agency, time and "kept" box.
TABLE_FIELDS = 4 * 400 + 10
#: The table's editable columns: form field prefix → Task attribute.
EDITABLE = {"noi-dung": "content", "chu-tri": "lead", "thoi-gian": "period"}


def _tasks(state: WizardState) -> list[tuple[Task, bool]]:
    return [(Task(**{k: v for k, v in row.items() if k != "kept"}), row["kept"]) for row in state.data["tasks"]]


def _store_tasks(state: WizardState, rows: list[tuple[Task, bool]], origin: str) -> None:
    """New tasks for the run: the previous document is forgotten, a form open elsewhere is stale."""
    state.data["tasks"] = [{**asdict(task), "kept": kept} for task, kept in rows]
    state.data["origin"] = origin
    state.data["revision"] = state.data.get("revision", 0) + 1
    state.data.pop("offer", None)
    state.data.pop("notes", None)
    state.data.pop("draft", None)
    state.save()


def _kept(state: WizardState) -> list[Task]:
    """The tasks that go into the plan, numbered 1..n as its Phụ lục prints them."""
    kept = [task for task, keep in _tasks(state) if keep]
    return [replace(task, no=str(number)) for number, task in enumerate(kept, 1)]


def _choose(request: Request, errors: dict | None = None, values: dict | None = None, status: int = 200) -> Response:
    context = {
        "step": 1,
        "plans": plans_with_tasks(request),
        "errors": errors or {},
        "values": values or {},
        "now_year": _dt.date.today().year,
    }
    return render(request, "plan_wizard.html", context, status)


def _review(request: Request, state: WizardState, **extra) -> Response:
    status = extra.pop("status", 200)
    rows = extra.pop("rows", None) or [
        {"task": task, "kept": kept, **{f: getattr(task, a) for f, a in EDITABLE.items()}}
        for task, kept in _tasks(state)
    ]
    number = 0
    for row in rows:
        number += 1 if row["kept"] else 0
        row["shown_no"] = str(number) if row["kept"] else "–"
    context = {
        "step": 3 if offer_of(state) else 2,
        "state": state,
        "base": f"{BASE}/{state.token}",
        "rows": rows,
        "kept_count": sum(1 for row in rows if row["kept"]),
        "offer": offer_of(state),
        "added": {f: "" for f in EDITABLE},
        "errors": {},
        "error": "",
        "upload_error": "",
        "upload_errors": None,
        "notes": state.data.get("notes", []),
        "saved": request.query_params.get("da-luu") == "1",
        "opened_draft": state.data.get("draft", ""),
        **extra,
    }
    return render(request, "plan_wizard.html", context, status)


@page("draft")
def plan_form(request: Request) -> Response:
    return _choose(request)


@state_changing("draft")
def plan_start(request: Request, form: FormData) -> Response:
    plan, year, errors = chosen_plan(request, form)
    if errors:
        return _choose(request, errors, {"ke-hoach": form.get("ke-hoach", ""), "nam": form.get("nam", "")}, 400)
    tasks, note = tasks_for_year(plan, year)
    state = start(request, KIND, {"plan": plan.id, "plan_number": plan.number, "year": year, "note": note})
    _store_tasks(state, [(task, True) for task in tasks], f"kế hoạch {plan.number}")
    return RedirectResponse(f"{BASE}/{state.token}", status_code=303)


@page("draft")
def plan_step(request: Request) -> Response:
    return _review(request, load(request, KIND))


def _edited_rows(state: WizardState, form: FormData) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """The table as sent, row by row, the new task's row, and the errors by field name (a kept
    task needs content)."""
    if str(form.get("phien-ban", "")) != str(state.data["revision"]):
        raise PageError(
            "bảng nhiệm vụ đã thay đổi (ở một cửa sổ khác hoặc do tải bảng tính lên) sau khi trang này được mở. "
            "Hãy mở lại trang rồi sửa tiếp.",
            status=409,
        )
    rows, errors = [], {}
    for index, (task, _kept) in enumerate(_tasks(state)):
        values = {f: " ".join(str(form.get(f"{f}-{index}", "")).split()) for f in EDITABLE}
        kept = form.get(f"giu-{index}") == "1"
        if kept and not values["noi-dung"]:
            errors[f"noi-dung-{index}"] = "Nội dung công việc không được để trống (bỏ chọn «Giữ» nếu không làm)."
        rows.append({"task": task, "kept": kept, **values})
    added = {f: " ".join(str(form.get(f"{f}-moi", "")).split()) for f in EDITABLE}
    if not added["noi-dung"] and added["chu-tri"]:  # the time is prefilled with the year
        errors["noi-dung-moi"] = "Nhiệm vụ thêm mới cần có nội dung công việc."
    return rows, added, errors


def _save_table(request: Request, state: WizardState, form: FormData) -> Response | None:
    """Store the table as sent; or the page again with each wrong cell's error under it."""
    rows, added, errors = _edited_rows(state, form)
    if errors:
        message = f"Có {len(errors)} ô cần sửa (ghi ngay dưới ô). Bảng chưa được lưu."
        return _review(request, state, rows=rows, added=added, errors=errors, error=message, status=400)
    if added["noi-dung"]:
        rows.append({"task": Task(group=str(state.data["year"]), no="", content=""), "kept": True, **added})
    edited = [(replace(row["task"], **{a: row[f] for f, a in EDITABLE.items()}), row["kept"]) for row in rows]
    _store_tasks(state, edited, state.data["origin"])
    return None


@state_changing("draft", max_fields=TABLE_FIELDS)
def plan_save_tasks(request: Request, form: FormData) -> Response:
    state = load(request, KIND)
    refused = _save_table(request, state, form)
    return refused or RedirectResponse(f"{BASE}/{state.token}?da-luu=1#nhiem-vu", status_code=303)


@page("draft")
def plan_workbook(request: Request) -> Response:
    """The kept tasks as the workbook `vanban tasks export` writes, to edit in Excel."""
    state = load(request, KIND)
    path = export_tasks(_kept(state), state.data["year"], state.file(TASKS_FILE))
    name = f"nhiem-vu-{state.data['year']}.xlsx"
    return FileResponse(
        path,
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=name,
    )


@state_changing("draft")
def plan_upload(request: Request, form: FormData) -> Response:
    """The tasks workbook back from Excel: read strictly, and only if all of it is right, it replaces the
    table; otherwise every problem of it is listed at once."""
    state = load(request, KIND)
    config = request.app.state.workbench.config
    chosen = [f for f in form.getlist("tep") if isinstance(f, UploadFile) and f.filename]
    if len(chosen) > 1:
        return _review(request, state, upload_error="Chỉ tải lên một bảng tính nhiệm vụ mỗi lần.", status=400)
    with tempfile.TemporaryDirectory(prefix="vanban-ke-hoach-") as folder:
        try:
            names = save_uploads(form, "tep", Path(folder), config.max_upload_bytes)
        except PageError as error:
            return _review(request, state, upload_error=str(error), status=error.status)
        (path, name), *_ = names.items()
        if path.suffix.lower() != ".xlsx":
            return _review(request, state, upload_error=f"«{name}» không phải tệp Excel .xlsx.", status=400)
        try:
            tasks = import_tasks(path, state.data["year"])
        except WorkbookErrors as error:
            return _review(request, state, upload_errors=error, status=400)
    _store_tasks(state, [(task, True) for task in tasks], f"bảng tính «{name}»")
    return RedirectResponse(f"{BASE}/{state.token}?da-luu=1#nhiem-vu", status_code=303)


@state_changing("draft", max_fields=TABLE_FIELDS)
def plan_preview(request: Request, form: FormData) -> Response:
    """The plan from the kept tasks, by the CLI's own `draft annual-plan --tasks`, checked and offered.
    Sent from the table form, the table is saved first (nothing typed is lost)."""
    state = load(request, KIND)
    if "phien-ban" in form and (refused := _save_table(request, state, form)):
        return refused
    kept = _kept(state)
    if not kept:
        message = "Chưa giữ nhiệm vụ nào: kế hoạch năm cần ít nhất một nhiệm vụ."
        return _review(request, state, error=message, status=400)
    drafted, tasks_path = _built(request, state, kept)
    year, data_dir = state.data["year"], request.app.state.workbench.library.data_dir
    name = f"Kế hoạch năm {year} - {state.data['plan_number']}"
    made = offer(data_dir, lambda path: write_drafted(drafted, path), name, owner=visitor(request).user.name)
    state.data["notes"] = [note.replace(str(tasks_path), "bảng nhiệm vụ đã rà soát") for note in drafted.notes]
    remember_offer(state, made)
    return RedirectResponse(f"{BASE}/{state.token}#xem-truoc", status_code=303)


def _built(request: Request, state: WizardState, kept: list[Task]) -> tuple[Drafted, Path]:
    """The plan of the kept tasks, as `vanban draft annual-plan --tasks` builds it, and that tasks file."""
    year, library = state.data["year"], request.app.state.workbench.library
    tasks_path = export_tasks(kept, year, state.file(BUILT_TASKS_FILE))
    job = DraftRequest("annual-plan", plan=state.data["plan"], year=year, tasks=tasks_path, data_dir=library.data_dir)
    return draft(job, library), tasks_path


@state_changing("draft")
def plan_to_draft(request: Request, form: FormData) -> Response:
    """«Mở trong Soạn thảo»: the plan just previewed becomes the user's draft of a Kế hoạch, written
    out whole as the drafting YAML (`input_writer`: the draft, not the wizard, is its source from
    now on). Asked again for the same tasks, it opens the draft already made (a double click makes
    one draft, not two); changed tasks make a new one."""
    state = load(request, KIND)
    if offer_of(state) is None:
        message = "Hãy bấm «Lưu và tạo kế hoạch năm» trước, rồi mới mở kế hoạch trong Soạn thảo."
        return _review(request, state, error=message, status=400)
    drafts, me = Drafts(request.app.state.workbench.library.data_dir), visitor(request).user.name
    if made := state.data.get("draft"):
        try:
            return RedirectResponse(f"/du-thao/{drafts.get(made, me).id}", status_code=303)
        except DraftNotFound:
            pass  # deleted since: make it again
    drafted, _tasks = _built(request, state, _kept(state))
    try:
        data = input_data(drafted.draft)
    except VanbanError as error:
        return _review(request, state, error=f"Không mở được trong Soạn thảo: {error}", status=400)
    stored = drafts.create(me, DRAFT_KIND, data["trich_yeu"], draft_inputs.to_yaml(DRAFT_KIND, data))
    state.data["draft"] = stored.id
    state.save()
    return RedirectResponse(f"/du-thao/{stored.id}", status_code=303)
