"""`/dang-nhap` and `/dang-xuat`: an account of office/users.py becomes a session of the browser.

The password is checked by `Users.authenticate` (argon2, throttled per name and per address, the
login audited) in a worker thread, like every POST. A successful login always starts a new
session, so an id or CSRF token seen before it is worthless after it (no session fixation).
"""

from __future__ import annotations

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.app.web.accounts import clear_session_cookie, client_address, set_session_cookie, visitor
from vanban.app.web.guard import state_changing
from vanban.app.web.render import render
from vanban.library.errors import VanbanError
from vanban.office.users import LoginThrottled


def _next(value: str) -> str:
    """Where to go after logging in: a path of this site only, never another site (`//host`)."""
    return value if value.startswith("/") and not value.startswith(("//", "/\\")) else "/"


def _form(request: Request, name: str = "", error: str = "", status: int = 200, back: str = "") -> Response:
    back = _next(back or request.query_params.get("tiep", "/"))
    return render(request, "login.html", {"name": name, "error": error, "back": back}, status)


def login_form(request: Request) -> Response:
    if visitor(request).user is not None:
        return RedirectResponse(_next(request.query_params.get("tiep", "/")), status_code=303)
    return _form(request)


@state_changing(None)
def log_in(request: Request, form: FormData) -> Response:
    users = request.app.state.workbench.users
    name, back = str(form.get("ten") or ""), str(form.get("tiep") or "/")
    try:
        user = users.authenticate(name, str(form.get("mat-khau") or ""), client_address(request))
    except LoginThrottled as error:
        response = _form(request, name, str(error), 429, back)
        seconds = int((error.until - users.clock()).total_seconds()) + 1
        response.headers["retry-after"] = str(max(seconds, 1))
        return response
    except VanbanError as error:
        return _form(request, name, str(error), 401, back)
    session_id, _token = users.start_session(user.name)
    response = RedirectResponse(_next(back), status_code=303)
    set_session_cookie(request, response, session_id)
    return response


@state_changing(None)
def log_out(request: Request, form: FormData) -> Response:
    session_id = visitor(request).session_id
    if session_id:
        request.app.state.workbench.users.end_session(session_id, client_address(request))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response)
    return response
