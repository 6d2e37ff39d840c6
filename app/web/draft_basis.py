"""Suggestions for a căn cứ line: typing "889" offers "Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020
của Thủ tướng Chính phủ phê duyệt …", written the way the CC-01 check wants it (`citation_form`), so
a căn cứ taken from the list is never then flagged by the checker for its form.

Served as a small JSON list to the drafting page's script, which shows each as text (never HTML)
and, when one is chosen, puts its `line` in the field: the whole căn cứ line as the document
prints it, "Căn cứ Quyết định số 889/QĐ-TTg ngày …;". A `can_cu` item is printed as written (the
body templates add no "Căn cứ" of their own, only the closing ";" or "." through `punctuate`), so
the line must carry its "Căn cứ", and only once.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from vanban.app.web.guard import page
from vanban.generator.checker.rules.basis import citation_form
from vanban.library.model import Document
from vanban.library.store import Library, number_key
from vanban.library.vietnamese import fold

#: How each căn cứ line opens (Phụ lục I NĐ 30; the typed item carries it, see the module's note).
BASIS_WORD = "Căn cứ"
#: Suggestions shown at once: a short list to pick from, not a search page.
LIMIT = 8
MAX_QUERY = 100


def _score(doc: Document, words: list[str], key: str) -> int | None:
    """0 when the số hiệu starts with what was typed, 1 when it contains it, 2 when every word is
    in its type, number and trích yếu; None when it does not match."""
    number = number_key(doc.number or "")
    if number and number.startswith(key):
        return 0
    if number and key in number:
        return 1
    haystack = fold(f"{doc.doc_type} {doc.number} {doc.title} {doc.issuer}").lower()
    if all(word in haystack for word in words):
        return 2
    return None


def suggestions(library: Library, query: str, limit: int = LIMIT) -> list[dict]:
    query = " ".join(query.split())[:MAX_QUERY]
    words, key = fold(query).lower().split(), number_key(query)
    if not words:
        return []
    scored = []
    for doc in library.documents():
        if not doc.number:
            continue
        score = _score(doc, words, key)
        if score is not None:
            scored.append((score, -(doc.signed_on.toordinal() if doc.signed_on else 0), doc.number, doc))
    scored.sort(key=lambda item: item[:3])
    return [{"text": citation_form(doc), "line": basis_line(doc), "number": doc.number} for *_, doc in scored[:limit]]


def basis_line(doc: Document) -> str:
    """The căn cứ line a chosen suggestion becomes."""
    return f"{BASIS_WORD} {citation_form(doc)};"


@page("draft")
def basis_suggestions(request: Request) -> Response:
    library = request.app.state.workbench.library
    found = suggestions(library, request.query_params.get("q", ""))
    return JSONResponse(found, headers={"cache-control": "private, max-age=60"})
