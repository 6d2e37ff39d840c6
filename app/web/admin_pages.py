"""`/quan-tri`: `vanban user …` and `vanban audit` in the browser, for the quản trị role only.

Every change goes through `office.users.Users`, which checks it (names, password length, never the
last admin) and writes the audit line in the same transaction, with the signed-in admin as actor.
After a change the browser is sent back to the list (POST → redirect → GET), so reloading the page
never repeats it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.labels import actor_label, with_key_labels
from vanban.app.web.library_pages import DOCUMENT_ADDED, DOCUMENT_REMOVED
from vanban.app.web.render import render
from vanban.library.errors import VanbanError
from vanban.office.users import ROLES, Users

#: What the list says after each change (`?xong=…&ten=…`): fixed wording, only the name comes from the link.
DONE = {
    "them": "Đã tạo tài khoản «{}».",
    "vai-tro": "Đã đổi vai trò của «{}».",
    "mat-khau": "Đã đặt lại mật khẩu của «{}»; các phiên đăng nhập cũ của tài khoản này đã bị đóng.",
    "xoa": "Đã xóa tài khoản «{}».",
    "doc-tu-do": "Đã đổi cài đặt đọc không cần đăng nhập.",
}
#: How many audit lines one page of the log shows; «Xem thêm» opens the next (older) page.
LOG_PAGE = 50


def _users(request: Request) -> Users:
    return request.app.state.workbench.users


def _admin_page(request: Request, error: str = "", status: int = 200) -> Response:
    users = _users(request)
    done = DONE.get(request.query_params.get("xong", ""), "")
    return render(
        request,
        "admin.html",
        {
            "users": users.list(),
            "roles": ROLES,
            "anonymous_read": users.anonymous_read,
            "done": done.format(request.query_params.get("ten", "")) if done else "",
            "error": error,
        },
        status,
    )


@page("manage-users")
def admin_page(request: Request) -> Response:
    return _admin_page(request)


@dataclass
class LogLine:
    """An audit line as the page words it: no account keys, role keys or document ids."""

    at: str
    actor: str
    action: str
    target: str
    detail: str


def _target(library, action: str, target: str) -> str:
    """A document by its số, ký hiệu when the library still has it (the log stores its id)."""
    if action in (DOCUMENT_ADDED, DOCUMENT_REMOVED):
        doc = library.find(target)
        if doc is not None and doc.number:
            return f"{doc.doc_type} {doc.number}".strip()
    return target


def _log_page(request: Request) -> int:
    text = request.query_params.get("trang", "1")
    if not text.isdigit() or int(text) < 1:
        raise PageError("số trang của nhật ký là một số từ 1 trở lên.")
    return int(text)


@page("manage-users")
def audit_page(request: Request) -> Response:
    number = _log_page(request)
    workbench = request.app.state.workbench
    # The log has no offset: read this page and everything newer, plus one line to know if older ones exist.
    entries = workbench.audit.entries(limit=number * LOG_PAGE + 1)
    shown = entries[(number - 1) * LOG_PAGE : number * LOG_PAGE]
    lines = [
        LogLine(
            e.at,
            actor_label(e.actor),
            e.action,
            with_key_labels(_target(workbench.library, e.action, e.target)),
            with_key_labels(e.detail),
        )
        for e in shown
    ]
    return render(
        request,
        "audit.html",
        {"lines": lines, "page": number, "per_page": LOG_PAGE, "more": len(entries) > number * LOG_PAGE},
    )


def _change(request: Request, done: str, name: str, change: Callable[[Users, str], object]) -> Response:
    """Run one change as the signed-in admin; a refusal shows on the list, in Vietnamese."""
    try:
        change(_users(request), visitor(request).user.name)
    except VanbanError as error:
        return _admin_page(request, str(error), 400)
    return RedirectResponse("/quan-tri?" + urlencode({"xong": done, "ten": name}), status_code=303)


def _field(form: FormData, name: str) -> str:
    return str(form.get(name) or "")


@state_changing("manage-users")
def add_user(request: Request, form: FormData) -> Response:
    name = _field(form, "ten")
    return _change(
        request, "them", name, lambda u, actor: u.add(name, _field(form, "vai-tro"), _field(form, "mat-khau"), actor)
    )


@state_changing("manage-users")
def set_role(request: Request, form: FormData) -> Response:
    name = request.path_params["name"]
    return _change(request, "vai-tro", name, lambda u, actor: u.set_role(name, _field(form, "vai-tro"), actor))


@state_changing("manage-users")
def reset_password(request: Request, form: FormData) -> Response:
    name = request.path_params["name"]
    return _change(request, "mat-khau", name, lambda u, actor: u.set_password(name, _field(form, "mat-khau"), actor))


@state_changing("manage-users")
def remove_user(request: Request, form: FormData) -> Response:
    name = request.path_params["name"]
    return _change(request, "xoa", name, lambda u, actor: u.remove(name, actor))


@state_changing("manage-users")
def set_anonymous_read(request: Request, form: FormData) -> Response:
    on = _field(form, "bat") == "1"
    return _change(request, "doc-tu-do", "", lambda u, actor: u.set_anonymous_read(on, actor))
