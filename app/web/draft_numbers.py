"""Cấp số: the văn thư's side of a draft. A chuyên viên sends a finished draft "to take a number";
the văn thư sees the drafts waiting and takes the next number of the register for one
(NĐ 30 Điều 15: the văn thư registers and numbers outgoing documents).

Least privilege: the văn thư reaches another person's draft only here, only while it waits, and
only to number it — never to edit it. The number is taken by `write_drafted` (the command line's
own path, `vanban draft --register`), inside `offer` so the numbered document is checked and
previewed; the number is then written into the draft's YAML (`so: N`), so the chuyên viên's
download and the CLI make the same numbered document from it.
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web import draft_inputs
from vanban.app.web.accounts import visitor
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.generator.compose.model import KINDS
from vanban.generator.jobs.draft import write_drafted
from vanban.library.errors import VanbanError
from vanban.office.drafts import Drafts


def _waiting_page(request: Request, done: dict | None = None, error: str = "", status: int = 200) -> Response:
    drafts = Drafts(request.app.state.workbench.library.data_dir)
    context = {"drafts": drafts.waiting(), "kinds": KINDS, "done": done, "error": error}
    return render(request, "draft_waiting.html", context, status)


@page("register")
def waiting_drafts(request: Request) -> Response:
    return _waiting_page(request)


@state_changing("register")
def take_number(request: Request, form: FormData) -> Response:
    """Claim the draft, take the number while writing the document, record it in the draft."""
    workbench = request.app.state.workbench
    drafts, clerk = Drafts(workbench.library.data_dir), visitor(request).user.name
    stored = drafts.waiting_one(request.path_params["draft_id"])
    drafts.claim(stored.id, clerk)
    try:
        drafted = draft_inputs.build(stored.kind, stored.yaml, workbench.library, take_number=True)
        made = offer(
            workbench.library.data_dir,
            lambda path: write_drafted(drafted, path),
            f"{KINDS[stored.kind]} {drafted.number_line or ''} - {stored.title}"[:100],
        )
    except VanbanError as error:
        drafts.release(stored.id)
        return _waiting_page(request, error=f"không cấp số được cho «{stored.title}»: {error}", status=400)
    except BaseException:
        drafts.release(stored.id)
        raise
    numbered = drafts.numbered(
        stored.id, clerk, draft_inputs.with_number(stored.yaml, drafted.draft.number), drafted.number_line
    )
    return _waiting_page(request, done={"draft": numbered, "offer": made})
