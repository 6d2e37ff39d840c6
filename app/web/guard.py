"""The one gate every route passes: who may see a page, and for a POST the form read within the
upload limit, its CSRF token checked, then the permission the route needs.

A route names what it does as one of `office.users.ACTIONS` — `@page("read")`,
`@state_changing("upload")` — and never checks anything itself; `office.users` alone says which
role may do what, and whether reading needs a login (the admin's `anonymous_read` switch).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.app.web import csrf
from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.uploads import MAX_FIELDS, read_form
from vanban.office.users import PERMISSIONS, ROLES

#: Each action as a page names it when refusing.
ACTION_NAMES = {
    "search": "tra cứu văn bản",
    "read": "đọc văn bản",
    "upload": "thêm văn bản vào thư viện",
    "remove-document": "xóa văn bản khỏi thư viện",
    "check": "kiểm tra thể thức",
    "draft": "soạn thảo văn bản",
    "register": "cấp số văn bản",
    "manage-users": "quản lý tài khoản",
}

Handler = Callable[[Request, FormData], Response]


class LoginNeeded(PageError):
    """Not signed in, for something that needs it: a page sends the browser to the login form."""

    def __init__(self, action: str):
        super().__init__(f"cần đăng nhập để {ACTION_NAMES[action]}.", status=401)


def may(request: Request, action: str) -> bool:
    """Whether this visitor may do `action` (a template uses it to hide a button it would refuse)."""
    return request.app.state.workbench.users.allowed(visitor(request).role, action)


def require_role(request: Request, action: str) -> None:
    """Raise LoginNeeded (nobody signed in) or a 403 PageError naming what `action` needs."""
    if may(request, action):
        return
    user = visitor(request).user
    if user is None:
        raise LoginNeeded(action)
    roles = ", ".join(label for role, label in ROLES.items() if action in PERMISSIONS[role])
    raise PageError(
        f"tài khoản «{user.name}» (vai trò {user.role_label}) không được {ACTION_NAMES[action]}. "
        f"Việc này cần vai trò: {roles}. Nếu cần, hãy đề nghị người quản trị cấp quyền.",
        status=403,
    )


def login_redirect(request: Request) -> Response:
    """To the login form, coming back to this page afterwards."""
    back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/dang-nhap?" + urlencode({"tiep": back}), status_code=303)


def page(action: str) -> Callable[[Callable[[Request], Response]], Callable[[Request], Response]]:
    """Wrap a GET page (run by Starlette in a worker thread): nobody signed in and not allowed →
    the login form; signed in and not allowed → 403."""

    def decorate(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
        @functools.wraps(handler)
        def endpoint(request: Request) -> Response:
            try:
                require_role(request, action)
            except LoginNeeded:
                return login_redirect(request)
            return handler(request)

        return endpoint

    return decorate


def state_changing(action: str | None, max_fields: int = MAX_FIELDS) -> Callable[[Handler], Callable]:
    """Wrap a POST handler `(request, form) -> Response`; it runs in a worker thread (it parses
    files, writes the library and the office database, which block). `None`: anyone (logging in).
    `max_fields`: more fields than a plain form, for a table edited in the page."""

    def decorate(handler: Handler) -> Callable:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            config = request.app.state.workbench.config
            form = await read_form(request, config.max_upload_bytes, max_fields)
            try:
                csrf.verify(request, form)
                if action is not None:
                    await run_in_threadpool(require_role, request, action)
                return await run_in_threadpool(handler, request, form)
            finally:
                await form.close()

        return endpoint

    return decorate


def signed_in_page(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """Wrap a GET page any signed-in account may open whatever its role, because the handler serves
    each account only what is its own (a generated file to the account that made it); nobody
    signed in → the login form."""

    @functools.wraps(handler)
    def endpoint(request: Request) -> Response:
        if visitor(request).user is None:
            return login_redirect(request)
        return handler(request)

    return endpoint
