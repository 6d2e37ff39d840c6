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


def not_found(error: VanbanError) -> PageError:
    """A document the library does not have: the library's own message, as 404."""
    return PageError(error.message, status=404)


#: What a page says for HTTP errors Starlette raises itself (unknown address, wrong method).
HTTP_MESSAGES = {
    404: "không có trang này. Hãy dùng thanh điều hướng ở trên.",
    405: "trang này không nhận cách gửi đó. Hãy quay lại và dùng biểu mẫu trên trang.",
}
