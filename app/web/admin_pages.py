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
from vanban.app.web.labels import SYSTEM_ADMIN, actor_label, full_names, with_key_labels
from vanban.app.web.library_pages import DOCUMENT_ADDED, DOCUMENT_REMOVED
from vanban.app.web.render import render
from vanban.library.errors import VanbanError
from vanban.office.users import (
    FULL_NAME_SET,
    LOGGED_IN,
    LOGGED_OUT,
    LOGIN_LOCKED,
    MAX_FULL_NAME,
    PASSWORD_SET,
    ROLE_SET,
    ROLES,
    USER_ADDED,
    USER_REMOVED,
    Users,
    valid_full_name,
    valid_name,
    valid_password,
    valid_role,
)

#: What the list says after each change (`?xong=…&ten=…`): fixed wording, only the name comes from the link.
DONE = {
    "them": "Đã tạo tài khoản «{}».",
    "vai-tro": "Đã đổi vai trò của «{}».",
    "mat-khau": "Đã đặt lại mật khẩu của «{}»; các phiên đăng nhập cũ của tài khoản này đã bị đóng.",
    "xoa": "Đã xóa tài khoản «{}».",
    "ho-ten": "Đã lưu họ và tên của «{}».",
    "doc-tu-do": "Đã đổi cài đặt đọc không cần đăng nhập.",
}
#: How many audit lines one page of the log shows; «Xem thêm» opens the next (older) page.
LOG_PAGE = 50


def _users(request: Request) -> Users:
    return request.app.state.workbench.users


#: The add form's fields, each with the check that refuses it, in the order the form shows them:
#: a refusal is shown at its field with what was typed kept.
ADD_FIELDS = {"ten": valid_name, "ho-ten": valid_full_name, "vai-tro": valid_role, "mat-khau": valid_password}


def _admin_page(
    request: Request,
    error: str = "",
    status: int = 200,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    """The accounts; `errors`/`values` are the add form's by field, or a row's («ho-ten:NAME»)."""
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
            "errors": errors or {},
            "values": values or {},
            "max_full_name": MAX_FULL_NAME,
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
    #: The actor's login name when `actor` shows their họ và tên instead (the admin knows accounts by it).
    account: str
    action: str
    target: str
    detail: str


#: Audit actions whose target is an account's login name.
_ACCOUNT_ACTIONS = {
    USER_ADDED,
    USER_REMOVED,
    ROLE_SET,
    PASSWORD_SET,
    FULL_NAME_SET,
    LOGGED_IN,
    LOGGED_OUT,
    LOGIN_LOCKED,
}


def _target(library, action: str, target: str, names: dict[str, str]) -> str:
    """A document by its số, ký hiệu when the library still has it (the log stores its id); an
    account by its họ và tên beside its login name."""
    if action in (DOCUMENT_ADDED, DOCUMENT_REMOVED):
        doc = library.find(target)
        if doc is not None and doc.number:
            return f"{doc.doc_type} {doc.number}".strip()
    if action in _ACCOUNT_ACTIONS and target in names:
        return f"{names[target]} ({target})"
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
    names = full_names(request)
    lines = []
    for e in shown:
        actor = actor_label(e.actor, names)
        lines.append(
            LogLine(
                e.at,
                actor,
                e.actor if actor not in (e.actor, SYSTEM_ADMIN) else "",
                e.action,
                with_key_labels(_target(workbench.library, e.action, e.target, names)),
                with_key_labels(e.detail),
            )
        )
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
    """Each field checked first so that a refusal is shown at its field, the others kept as typed
    (never the password); `Users.add` checks them again, and refuses a name already taken."""
    values = {name: _field(form, name) for name in ADD_FIELDS}
    for name, check in ADD_FIELDS.items():
        try:
            check(values[name])
        except VanbanError as error:
            return _admin_page(request, "", 400, {name: error.message}, {**values, "mat-khau": ""})
    try:
        users = _users(request)
        users.add(values["ten"], values["vai-tro"], values["mat-khau"], visitor(request).user.name, values["ho-ten"])
    except VanbanError as error:
        return _admin_page(request, "", 400, {"ten": error.message}, {**values, "mat-khau": ""})
    return RedirectResponse("/quan-tri?" + urlencode({"xong": "them", "ten": values["ten"]}), status_code=303)


@state_changing("manage-users")
def set_full_name(request: Request, form: FormData) -> Response:
    """A row's «Lưu họ tên»: a refusal is shown at that row's field, with what was typed."""
    name = request.path_params["name"]
    typed = _field(form, "ho-ten")
    try:
        _users(request).set_full_name(name, typed, visitor(request).user.name)
    except VanbanError as error:
        key = f"ho-ten:{name}"
        return _admin_page(request, "", 400, {key: error.message}, {key: typed})
    return RedirectResponse("/quan-tri?" + urlencode({"xong": "ho-ten", "ten": name}), status_code=303)


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
