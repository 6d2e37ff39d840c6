"""Errors a page shows: a Vietnamese message with an HTTP status, never a traceback.

`PageError` is a `VanbanError`, so a route raises it the way the CLI raises its own; every other
`VanbanError` (a bad file, an unknown số hiệu) shows as 400 unless the route says otherwise.
"""

from __future__ import annotations

from vanban.library.errors import VanbanError


class PageError(VanbanError):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


#: What a page says for a document the library does not have (the library's own message names the
#: command-line listing, which a văn thư does not use); error.html links every 404 to the list.
NO_DOCUMENT = "Không có văn bản này trong thư viện."


def not_found() -> PageError:
    """A document the library does not have, as 404, in the web's words (the page links to the list)."""
    return PageError(NO_DOCUMENT, status=404)


#: What a page says for HTTP errors Starlette raises itself (unknown address, wrong method).
HTTP_MESSAGES = {
    404: "không có trang này. Hãy dùng thanh điều hướng ở trên.",
    405: "trang này không nhận cách gửi đó. Hãy quay lại và dùng biểu mẫu trên trang.",
}
