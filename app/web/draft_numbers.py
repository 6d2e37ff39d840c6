"""Cấp số: the văn thư's side of a draft. A chuyên viên sends a finished draft "to take a number";
the văn thư sees the drafts waiting, may look at one (read-only, with its pages as they will
print), return it to its author with a reason, or take the next number of the register for it
with the date of issue (NĐ 30 Điều 15: the văn thư registers and numbers outgoing documents;
khoản 2: the number and the date are given once the document is signed).

Least privilege: the văn thư reaches another person's draft only here, only while it waits, and
only to read, return or number it — never to edit it. The number is taken by `write_drafted` (the
command line's own path, `vanban draft --register`), inside `offer` so the numbered document is
checked and previewed; the number and the date are then written into the draft's YAML (`so: N`,
`ngay: …`), so the chuyên viên's download and the CLI make the same numbered document from it.
The offer is the văn thư's own (they download what they numbered); the author gets the numbered
document rebuilt from the YAML on their draft's page.
"""

from __future__ import annotations

import datetime as _dt

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.app.web import draft_inputs
from vanban.app.web.accounts import visitor
from vanban.app.web.draft_pages import read_only_form
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.generator.compose.model import KINDS
from vanban.generator.jobs.draft import write_drafted
from vanban.library.errors import VanbanError
from vanban.office.drafts import DraftNotFound, Drafts, StoredDraft
from vanban.office.register import FieldError, valid_date

#: The cấp số form's fields: the date of issue, the reason of a return.
DATE_FIELD, REASON_FIELD = "ngay-ban-hanh", "ly-do"


def _drafts(request: Request) -> Drafts:
    return Drafts(request.app.state.workbench.library.data_dir)


def _clerk(request: Request) -> str:
    return visitor(request).user.name


def _today() -> str:
    return _dt.date.today().strftime("%d/%m/%Y")


def _waiting_page(
    request: Request,
    done: dict | None = None,
    error: str = "",
    status: int = 200,
    errors: dict[str, dict[str, str]] | None = None,
    values: dict[str, dict[str, str]] | None = None,
) -> Response:
    """The queue; `errors`/`values` are per draft id and field, so a refusal shows beside its row's field."""
    context = {
        "drafts": _drafts(request).waiting(),
        "kinds": KINDS,
        "done": done,
        "error": error,
        "errors": errors or {},
        "values": values or {},
        "today": _today(),
    }
    return render(request, "draft_waiting.html", context, status)


@page("register")
def waiting_drafts(request: Request) -> Response:
    return _waiting_page(request)


def _review_page(
    request: Request, stored: StoredDraft, errors: dict[str, str] | None = None, values: dict | None = None, status=200
) -> Response:
    """One waiting draft as the văn thư may see it: the form's fields read-only and its pages."""
    library = request.app.state.workbench.library
    made, problem = None, ""
    try:
        drafted = draft_inputs.build(stored.kind, stored.yaml, library)
        name = draft_inputs.document_name(stored.kind, drafted, stored.title)
        made = offer(library.data_dir, lambda path: write_drafted(drafted, path), name, owner=_clerk(request))
    except VanbanError as error:
        problem = f"chưa dựng được văn bản từ dự thảo này: {error}"
    context = {
        "stored": stored,
        "kinds": KINDS,
        "form": read_only_form(stored),
        "offer": made,
        "error": problem,
        "errors": errors or {},
        "values": values or {},
        "today": _today(),
    }
    return render(request, "draft_review.html", context, status)


@page("register")
def review_draft(request: Request) -> Response:
    """«Xem dự thảo»: read before numbering (nothing here writes the draft)."""
    return _review_page(request, _drafts(request).waiting_one(request.path_params["draft_id"]))


@state_changing("register")
def return_draft(request: Request, form: FormData) -> Response:
    """«Trả lại»: the draft goes back to its author, editable, with the reason."""
    drafts = _drafts(request)
    stored = drafts.waiting_one(request.path_params["draft_id"])
    reason = str(form.get(REASON_FIELD) or "")
    try:
        drafts.return_to_author(stored.id, _clerk(request), reason)
    except DraftNotFound:
        raise
    except VanbanError as error:
        return _review_page(request, stored, {REASON_FIELD: error.message}, {REASON_FIELD: reason}, status=400)
    return RedirectResponse("/du-thao/cho-cap-so?da-tra-lai=1", status_code=303)


@state_changing("register")
def take_number(request: Request, form: FormData) -> Response:
    """Claim the draft, take the number while writing the document dated as the văn thư says, record
    both in the draft."""
    workbench = request.app.state.workbench
    drafts, clerk = _drafts(request), _clerk(request)
    stored = drafts.waiting_one(request.path_params["draft_id"])
    typed = str(form.get(DATE_FIELD) or "").strip()
    try:
        day = _dt.date.fromisoformat(valid_date(typed, "signed_on", "ngày ban hành"))
    except (FieldError, ValueError) as error:
        message = str(error) if isinstance(error, FieldError) else "cần ghi ngày ban hành, ví dụ 05/03/2026."
        return _waiting_page(
            request, errors={stored.id: {DATE_FIELD: message}}, values={stored.id: {DATE_FIELD: typed}}, status=400
        )
    dated = draft_inputs.with_date(stored.yaml, day)
    drafts.claim(stored.id, clerk)
    try:
        drafted = draft_inputs.build(stored.kind, dated, workbench.library, take_number=True)
        made = offer(
            workbench.library.data_dir,
            lambda path: write_drafted(drafted, path, actor=clerk),
            lambda: draft_inputs.document_name(stored.kind, drafted, stored.title),
            owner=clerk,
        )
    except VanbanError as error:
        drafts.release(stored.id)
        return _waiting_page(request, error=f"không cấp số được cho «{stored.title}»: {error}", status=400)
    except BaseException:
        drafts.release(stored.id)
        raise
    numbered = drafts.numbered(
        stored.id, clerk, draft_inputs.with_number(dated, drafted.draft.number), drafted.number_line
    )
    return _waiting_page(request, done={"draft": numbered, "offer": made})
