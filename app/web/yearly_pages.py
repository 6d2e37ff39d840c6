"""`/viec-hang-nam`: the three yearly jobs in the browser, and their shared first step.

The annual plan and the results report both start by choosing a multi-year plan (a library
document with a task table) and a year; `chosen_plan` reads that step the same way for both;
the hub page links the three.
"""

from __future__ import annotations

import datetime as _dt

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web.guard import page
from vanban.app.web.render import render
from vanban.library.model import Document

#: The years a plan or report can be asked for (a typo like 20266 is refused next to its field).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def plans_with_tasks(request: Request) -> list[Document]:
    """Library documents that carry a task table, newest first: the plans a year can be drawn from."""
    documents = [d for d in request.app.state.workbench.library.documents() if d.tasks]
    return sorted(documents, key=lambda d: (d.signed_on or _dt.date.min, d.number or ""), reverse=True)


def chosen_plan(request: Request, form: FormData) -> tuple[Document | None, int | None, dict[str, str]]:
    """The plan and year of step 1, or the errors by field name (shown next to their field)."""
    errors: dict[str, str] = {}
    plans = {d.id: d for d in plans_with_tasks(request)}
    plan = plans.get(str(form.get("ke-hoach", "")))
    if plan is None:
        errors["ke-hoach"] = "Hãy chọn một kế hoạch trong danh sách."
    text = str(form.get("nam", "")).strip()
    year = int(text) if text.isdigit() else None
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["nam"] = f"Năm phải là số có 4 chữ số, từ {FIRST_YEAR} đến {LAST_YEAR} (ví dụ 2026)."
        year = None
    return plan, year, errors


@page("draft")
def yearly_page(request: Request) -> Response:
    return render(request, "yearly.html", {"plans": plans_with_tasks(request)})
