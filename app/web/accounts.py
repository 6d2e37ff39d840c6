"""Who is asking: the session cookie resolved to an account once per request, before any route.

Sessions live in the office database (`Users.start_session`), not in this process's memory: the
server may run several uvicorn workers, and a login on one must hold on the others; a restart
must not log everybody out. The cookie holds only a random id; the database keeps its hash.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from vanban.office.users import User

COOKIE = "vanban_phien"


@dataclass(frozen=True)
class Visitor:
    """The signed-in user and their session's CSRF token, or nobody (both None)."""

    user: User | None = None
    session_id: str | None = None
    csrf_token: str | None = None

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None


def visitor(request: Request) -> Visitor:
    return getattr(request.state, "visitor", None) or Visitor()


def client_address(request: Request) -> str:
    """What throttling and the audit log know a browser by: its address as the server sees it."""
    return request.client.host if request.client else ""


def set_session_cookie(request: Request, response: Response, session_id: str) -> None:
    """HttpOnly (no script reads it), SameSite=Lax (a link from an e-mail still arrives signed in),
    Secure when the page came over https, so it is never sent in clear after that."""
    response.set_cookie(
        COOKIE, session_id, httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/"
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, path="/")


class Accounts:
    """ASGI middleware: `request.state.visitor` for every page (static files need nobody)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/static/"):
            request = Request(scope)
            session_id = request.cookies.get(COOKIE, "")
            found = None
            if session_id:
                users = scope["app"].state.workbench.users
                found = await run_in_threadpool(users.session, session_id)
            scope.setdefault("state", {})["visitor"] = Visitor(found[0], session_id, found[1]) if found else Visitor()
        await self.app(scope, receive, send)
