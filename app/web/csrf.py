"""The CSRF token repeated in every POST form (the `csrf_field()` macro of templates/_macros.html)
and compared on every POST.

Signed in, the token is the session's own, kept with it in the office database and made new at
each login: a token seen before the login (or on another account) is worthless after it. Not
signed in (the login form itself), it is the double-submit pattern: a random value in a
SameSite=Strict cookie that the form must repeat.
"""

from __future__ import annotations

import hmac
import re
import secrets

from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError

COOKIE = "vanban_csrf"
FIELD = "csrf_token"
_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def token_for(request: Request) -> str:
    """This browser's token: the session's, else the cookie's, or a new one (set by `attach`)."""
    token = visitor(request).csrf_token or getattr(request.state, "csrf_token", None)
    if token is None:
        cookie = request.cookies.get(COOKIE, "")
        token = cookie if _SHAPE.match(cookie) else secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def attach(request: Request, response: Response) -> None:
    """Send the token's cookie when the browser, not signed in, does not have it yet."""
    if visitor(request).csrf_token:
        return
    token = token_for(request)
    if request.cookies.get(COOKIE) != token:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")


def verify(request: Request, form) -> None:
    """A POST must carry the token of the browser that sent it; else it came from another site."""
    sent = str(form.get(FIELD) or "")
    expected = visitor(request).csrf_token or request.cookies.get(COOKIE, "")
    if not (expected and sent and hmac.compare_digest(sent, expected)):
        raise PageError(
            "biểu mẫu đã hết hạn hoặc không gửi từ trang này. Hãy tải lại trang rồi gửi lại.",
            status=403,
        )
