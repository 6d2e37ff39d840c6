"""The one gate every state-changing route passes: the form read within the upload limit, its
CSRF token checked, then the role the route needs.

Accounts (office/users.py) plug in at `require_role`: today every visitor of a server bound to
this machine may add and remove documents, as any user of the CLI may. A route declares its role
once, `@state_changing(EDITOR)`, and never checks anything itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from vanban.app.web import csrf
from vanban.app.web.uploads import read_form

#: Adds or removes library documents.
EDITOR = "editor"
#: Sends files to be checked; nothing is kept.
READER = "reader"

Handler = Callable[[Request, FormData], Response]


def require_role(request: Request, role: str) -> None:
    """Hook for accounts: raise PageError(…, status=403) when the signed-in user lacks `role`."""


def state_changing(role: str) -> Callable[[Handler], Callable]:
    """Wrap a POST handler `(request, form) -> Response`; it runs in a worker thread (it parses
    files and writes the library, which block)."""

    def decorate(handler: Handler) -> Callable:
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            config = request.app.state.workbench.config
            form = await read_form(request, config.max_upload_bytes)
            try:
                csrf.verify(request, form)
                require_role(request, role)
                return await run_in_threadpool(handler, request, form)
            finally:
                await form.close()

        return endpoint

    return decorate
