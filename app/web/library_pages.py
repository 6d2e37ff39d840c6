"""`/thu-vien` and `/van-ban/<id>`: `vanban library list|show|add|remove` in the browser.

The list's data is `library list --json` (one `summary` per document) and the document page's is
`library show --json`; `?dinh-dang=json` returns exactly that. Adding, removing and changing who
may read a document (`library set-access`) go through `Library.add/remove/set_access` and
`update_indexes`, as the commands do, behind `guard.state_changing`, and each is written to the
audit log with the account that did it. A visitor not signed in sees only công khai documents
(`visibility.py`).
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path
from urllib.parse import quote, urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from vanban.app.library_commands import date_shown, listing, shown_json, summary, update_indexes
from vanban.app.web.accounts import visitor
from vanban.app.web.dates import DayError, parse_day
from vanban.app.web.document_view import document_view, task_groups
from vanban.app.web.errors import PageError, not_found
from vanban.app.web.guard import login_redirect, may, page, state_changing
from vanban.app.web.labels import LEGAL_CATEGORY
from vanban.app.web.relations_panel import DEPTH_PARAM, DEPTHS, asked_depth, relations_panel
from vanban.app.web.render import render
from vanban.app.web.uploads import as_user_error, save_uploads
from vanban.app.web.visibility import hidden, visible_documents
from vanban.library.errors import VanbanError
from vanban.library.model import ACCESS_LEVELS, INTERNAL, PUBLIC, Document
from vanban.library.relations import library_graph

#: What `library add` reads (library/readers.py); shown on the form and in its `accept`.
ADD_SUFFIXES = (".docx", ".pdf", ".md", ".doc", ".rtf", ".txt")
LIST_SORTS = {
    "ngay": ("Ngày ban hành (mới trước)", lambda d: d["signed_on"] or "", True),
    "loai": ("Loại văn bản", lambda d: (d["doc_type"], d["number"] or d["id"]), False),
    "so": ("Số, ký hiệu", lambda d: d["number"] or "~" + d["id"], False),
}
#: Audit actions of the library pages.
DOCUMENT_ADDED, DOCUMENT_REMOVED, ACCESS_SET = "thêm văn bản", "xóa văn bản", "đổi mức truy cập"
#: The add form's checkbox: ticked, the files are nội bộ. It is ticked when the form opens: what an
#: office uploads is mostly its own papers and received mail, and a box left ticked by mistake only
#: hides a text until someone clicks «Công khai», while one left unticked publishes a letter.
INTERNAL_FIELD = "noi-bo"
#: The document page's form: the access level wanted.
ACCESS_FIELD = "muc"
#: The form's fields → `library add`'s overrides (--number, --type, --title, --issuer, --signed-on).
OVERRIDES = {"so-hieu": "number", "loai": "doc_type", "trich-yeu": "title", "co-quan": "issuer", "ngay-ky": "signed_on"}


def _library(request: Request):
    return request.app.state.workbench.library


def _listing(
    request: Request, error: str = "", status: int = 200, form: FormData | None = None, day_error: str = ""
) -> Response:
    """The list and the add form; after a failed add, the form as it was sent and its error."""
    params = request.query_params
    sort = params.get("sap-xep", "ngay")
    if sort not in LIST_SORTS:
        raise PageError("cách sắp xếp là «ngay», «loai» hoặc «so».")
    everything = listing(visible_documents(request))
    wanted_type, wanted_status = params.get("loai", ""), params.get("hieu-luc", "")
    shown = [
        d
        for d in everything
        if (not wanted_type or d["doc_type"] == wanted_type) and (not wanted_status or d["status"] == wanted_status)
    ]
    _label, key, newest_first = LIST_SORTS[sort]
    shown.sort(key=key, reverse=newest_first)
    if params.get("dinh-dang") == "json":
        return JSONResponse(shown)
    config = request.app.state.workbench.config
    return render(
        request,
        "library.html",
        {
            "documents": shown,
            "total": len(everything),
            "sorts": {k: v[0] for k, v in LIST_SORTS.items()},
            "sort": sort,
            "types": sorted({d["doc_type"] for d in everything if d["doc_type"]}),
            "statuses": sorted({d["status"] for d in everything if d["status"]}),
            "wanted_type": wanted_type,
            "wanted_status": wanted_status,
            "removed": params.get("da-xoa", ""),
            "suffixes": ADD_SUFFIXES,
            "max_upload_mb": config.max_upload_bytes // (1024 * 1024),
            "error": error,
            "sent": {name: str(form.get(name) or "") for name in OVERRIDES} if form else {},
            "internal_ticked": form is None or bool(form.get(INTERNAL_FIELD)),
            "internal_field": INTERNAL_FIELD,
            "day_error": day_error,
        },
        status,
    )


@page("read")
def library_page(request: Request) -> Response:
    return _listing(request)


def _document(request: Request, doc_id: str) -> Document:
    doc = _library(request).find(doc_id)
    if doc is None:
        raise not_found()
    return doc


@page("read")
def document_page(request: Request) -> Response:
    doc = _document(request, request.path_params["doc_id"])
    if hidden(request, doc):
        return login_redirect(request)
    if request.query_params.get("dinh-dang") == "json":
        return JSONResponse(shown_json(doc, _library(request)))
    group, lead = request.query_params.get("nhom", ""), request.query_params.get("chu-tri", "")
    depth = asked_depth(request)
    added = {d.id for d in _library(request).added()}
    graph = library_graph(visible_documents(request))
    return render(
        request,
        "document.html",
        {
            "doc": doc,
            "summary": summary(doc),
            "date_shown": date_shown(doc),
            "relations": relations_panel(doc, graph, depth, _dt.date.today()),
            "depths": DEPTHS,
            "depth_param": DEPTH_PARAM,
            "view": document_view(doc),
            "groups": task_groups(doc, group, lead),
            "all_groups": doc.task_groups,
            "leads": sorted({t.lead for t in doc.tasks if t.lead}),
            "group": group,
            "lead": lead,
            "task_count": len(doc.tasks),
            "removable": doc.id in added and may(request, "remove-document"),
            "access_changeable": doc.id in added and may(request, "upload"),
            "access_levels": ACCESS_LEVELS,
            "access_field": ACCESS_FIELD,
            "access_changed": request.query_params.get("da-doi") == "1",
            "reference": doc.category != LEGAL_CATEGORY,
            "just_added": request.query_params.get("da-them") == "1",
        },
    )


@state_changing("upload")
def add_documents(request: Request, form: FormData) -> Response:
    """`vanban library add` with the form's fields as its options; the file's errors on the page."""
    library = _library(request)
    config = request.app.state.workbench.config
    overrides = {key: (str(form.get(field) or "").strip() or None) for field, key in OVERRIDES.items()}
    try:
        signed_on = parse_day(overrides["signed_on"] or "")
    except DayError as error:
        return _listing(request, "", 400, form, str(error))
    overrides["signed_on"] = signed_on.isoformat() if signed_on else None
    with tempfile.TemporaryDirectory(prefix="vanban-tai-len-") as folder:
        try:
            names = save_uploads(form, "tep", Path(folder), config.max_upload_bytes)
        except PageError as error:
            return _listing(request, str(error), error.status, form)
        try:
            access = INTERNAL if form.get(INTERNAL_FIELD) else PUBLIC
            added = library.add(list(names), overrides, access=access)
        except VanbanError as error:
            shown = as_user_error(error, names)
            return _listing(request, str(shown), shown.status, form)
    update_indexes(library, [d.id for d in added])
    actor = visitor(request).user.name
    for doc, name in zip(added, names.values(), strict=False):
        request.app.state.workbench.audit.record(actor, DOCUMENT_ADDED, doc.id, f"tệp {name}, {ACCESS_LEVELS[access]}")
    if len(added) == 1:
        return RedirectResponse(f"/van-ban/{quote(added[0].id)}?da-them=1", status_code=303)
    return RedirectResponse("/thu-vien?" + urlencode({"sap-xep": "ngay"}), status_code=303)


@state_changing("remove-document")
def remove_document(request: Request, form: FormData) -> Response:
    """`vanban library remove`: only a document the user added; a shipped one says why not."""
    library = _library(request)
    doc = _document(request, request.path_params["doc_id"])
    removed = library.remove(doc.number or doc.id)
    update_indexes(library, [removed.id])
    request.app.state.workbench.audit.record(visitor(request).user.name, DOCUMENT_REMOVED, removed.id, "")
    name = f"{removed.doc_type} {removed.number or removed.id}".strip()
    return RedirectResponse("/thu-vien?" + urlencode({"da-xoa": name}), status_code=303)


@state_changing("upload")
def set_access(request: Request, form: FormData) -> Response:
    """`vanban library set-access`: a document the office added made công khai or nội bộ, audited
    with the change; a shipped text says why it stays công khai."""
    library = _library(request)
    doc = _document(request, request.path_params["doc_id"])
    wanted = str(form.get(ACCESS_FIELD) or "")
    if wanted not in ACCESS_LEVELS:
        raise PageError(f"mức truy cập là «{'» hoặc «'.join(ACCESS_LEVELS)}».")
    before = doc.access
    changed = library.set_access(doc.id, wanted, then=lambda documents: update_indexes(library, [doc.id]))
    detail = f"{ACCESS_LEVELS[before]} → {ACCESS_LEVELS[changed.access]}"
    request.app.state.workbench.audit.record(visitor(request).user.name, ACCESS_SET, doc.id, detail)
    return RedirectResponse(f"/van-ban/{quote(doc.id)}?da-doi=1", status_code=303)
