"""A per-browser-session CSRF token: a random value in a SameSite=Strict cookie, repeated in every
POST form (the `csrf_field()` macro of templates/_macros.html) and compared on every POST.

This is the double-submit pattern: it needs no server-side session store. When accounts arrive
(office/users.py), the token can move into their session without touching a form or a route:
forms only call the macro and routes only go through `guard.state_changing`.
"""

from __future__ import annotations

import hmac
import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web.errors import PageError

COOKIE = "vanban_csrf"
FIELD = "csrf_token"
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def token_for(request: Request) -> str:
    """This browser's token: the cookie's, or a new one (set on the response by `attach`)."""
    token = getattr(request.state, "csrf_token", None)
    if token is None:
        cookie = request.cookies.get(COOKIE, "")
        token = cookie if _SHAPE.match(cookie) else secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def attach(request: Request, response: Response) -> None:
    """Send the token's cookie when the browser does not have it yet."""
    token = token_for(request)
    if request.cookies.get(COOKIE) != token:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def verify(request: Request, form) -> None:
    """A POST must carry the token of the browser that sent it; else it came from another site."""
    sent = str(form.get(FIELD) or "")
    cookie = request.cookies.get(COOKIE, "")
    if not (cookie and sent and hmac.compare_digest(sent, cookie)):
        raise PageError(
            "biểu mẫu đã hết hạn hoặc không gửi từ trang này. Hãy tải lại trang rồi gửi lại.",
            status=403,
        )
