"""Which library documents a visitor may see: every one when signed in (with the «read» action),
only the công khai ones otherwise — the nội bộ texts (received mail, an office's own papers) are
never shown, counted, listed or drawn for a visitor the admin's «Đọc không cần đăng nhập» lets in.

Each page that shows library content asks here rather than deciding itself: the document page and
its diagram (`hidden` → the login form), the library list, the relations panel and search
(`public_only`, a condition of the index query itself so that totals and facets are right).
"""

from __future__ import annotations

from starlette.requests import Request

from vanban.app.web.accounts import visitor
from vanban.app.web.guard import may
from vanban.library.model import Document


def public_only(request: Request) -> bool:
    """Whether this visitor sees only công khai documents (nobody signed in)."""
    return visitor(request).user is None or not may(request, "read")


def visible_documents(request: Request) -> list[Document]:
    """The library as this visitor may see it."""
    documents = request.app.state.workbench.library.documents()
    return [d for d in documents if not d.internal] if public_only(request) else documents


def hidden(request: Request, doc: Document) -> bool:
    """A nội bộ document asked for by a visitor not signed in: the page sends them to log in."""
    return doc.internal and public_only(request)
