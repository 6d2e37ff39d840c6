"""`/tim-kiem`: `vanban search` in the browser — the same parser, engine, ranking and result.

The query and every filter live in the URL (a search can be bookmarked and sent to a colleague),
facets are plain links, and `?dinh-dang=json` gives the CLI's `--json` shape for the same page.
The CLI's options map to Vietnamese parameters: --type → loai, --issuer → co-quan, a year → nam,
--sort → sap-xep (lien-quan | ngay), --in-force-on → ngay-hieu-luc (typed as 29/11/2026, read by
dates.py; a date that does not exist keeps every other field and is shown at its own), a page of
20 → trang. Each
hit says its document's hiệu lực (today, or on the chosen day) and whether its own Điều was repealed
or replaced, as `vanban search` does (`hit_validity`). A visitor not signed in searches the
công khai documents only: the index query itself leaves the nội bộ ones out (`Filters.public_only`),
so no hit, total or facet count includes them (`visibility.py`).
"""

from __future__ import annotations

import datetime as _dt
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from vanban.app.search_commands import MAX_LIMIT, MAX_YEAR, MIN_YEAR
from vanban.app.web.dates import DayError, parse_day
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page
from vanban.app.web.relations_panel import TONES
from vanban.app.web.render import render
from vanban.app.web.visibility import public_only
from vanban.index.in_force import hit_validity, search_in_force
from vanban.index.query import Filters
from vanban.index.search import SearchResult, resolve_filters, search, visible_meta
from vanban.library.validity import statuses_on

PER_PAGE = 20
MAX_PAGE = MAX_LIMIT // PER_PAGE
MAX_QUERY = 500
SORTS = {"lien-quan": "relevance", "ngay": "date"}
#: Facets as the page names them, in the order shown; the engine's names on the left.
FACET_PARAMS = (("doc_type", "loai", "Loại văn bản"), ("issuer", "co-quan", "Cơ quan ban hành"), ("year", "nam", "Năm"))
STATUS_PARAM = "hieu-luc"
IN_FORCE_PARAM = "ngay-hieu-luc"


@dataclass
class Asked:
    """What the URL asks for, checked the way the CLI checks its options."""

    query: str
    doc_types: list[str]
    issuers: list[str]
    year: int | None
    status: str
    sort: str
    page: int
    in_force_on: _dt.date | None = None
    #: The «còn hiệu lực vào ngày» as typed, and why it is not a date ("" when it is one).
    day_typed: str = ""
    day_error: str = ""

    @classmethod
    def of(cls, request: Request) -> Asked:
        params = request.query_params
        query = params.get("q", "").strip()
        if len(query) > MAX_QUERY:
            raise PageError(f"câu tìm dài quá {MAX_QUERY} ký tự; hãy rút gọn.")
        sort = params.get("sap-xep", "lien-quan")
        if sort not in SORTS:
            raise PageError("cách sắp xếp là «lien-quan» (theo mức liên quan) hoặc «ngay» (mới trước).")
        page_text = params.get("trang", "1")
        if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
            raise PageError(f"số trang từ 1 đến {MAX_PAGE}.")
        year_text = params.get("nam", "")
        if year_text and (not year_text.isdigit() or not MIN_YEAR <= int(year_text) <= MAX_YEAR):
            raise PageError(f"năm là một số từ {MIN_YEAR} đến {MAX_YEAR}.")
        day_text = params.get(IN_FORCE_PARAM, "").strip()
        try:
            in_force_on, day_error = parse_day(day_text), ""
        except DayError as error:
            in_force_on, day_error = None, str(error)
        return cls(
            query=query,
            doc_types=[v for v in params.getlist("loai") if v],
            issuers=[v for v in params.getlist("co-quan") if v],
            year=int(year_text) if year_text else None,
            status=params.get(STATUS_PARAM, ""),
            sort=sort,
            page=int(page_text),
            in_force_on=in_force_on,
            day_typed=day_text,
            day_error=day_error,
        )

    def params(self, **changes) -> list[tuple[str, str]]:
        """This search's URL parameters, with some changed (None removes one); the page resets."""
        values: dict[str, list[str]] = {
            "q": [self.query],
            "loai": self.doc_types,
            "co-quan": self.issuers,
            "nam": [str(self.year)] if self.year else [],
            STATUS_PARAM: [self.status] if self.status else [],
            IN_FORCE_PARAM: [self.in_force_on.isoformat()] if self.in_force_on else [],
            "sap-xep": [] if self.sort == "lien-quan" else [self.sort],
        }
        for name, value in changes.items():
            values[name.replace("_", "-")] = [] if value is None else [str(value)]
        return [(k, v) for k, vs in values.items() for v in vs if v]

    def url(self, **changes) -> str:
        return "/tim-kiem?" + urlencode(self.params(**changes))


#: Documents by hiệu lực, per (data folder, library fingerprint, day): computing them walks every
#: text's relations, and they change only with the library or the day.
_STATUSES: dict[tuple[str, str, _dt.date], dict[str, list[str]]] = {}
_STATUSES_LOCK = threading.Lock()


def _status_ids(request: Request, on: _dt.date) -> dict[str, list[str]]:
    """Document ids by their hiệu lực on `on`, computed as each hit's own is (`library/validity.py`),
    so the facet never counts as «chưa rõ» a hit the page marks «còn hiệu lực»."""
    library = request.app.state.workbench.library
    key = (str(library.data_dir), library.fingerprint(), on)
    with _STATUSES_LOCK:
        if key not in _STATUSES:
            by_status: dict[str, list[str]] = {}
            for doc_id, state in statuses_on(library.documents(), on).items():
                by_status.setdefault(state.status, []).append(doc_id)
            if len(_STATUSES) >= 8:
                _STATUSES.clear()
            _STATUSES[key] = by_status
        return _STATUSES[key]


def _status_facet(searcher, meta, asked: Asked, filters: Filters, result: SearchResult, by_status) -> dict[str, int]:
    """Entries per tình trạng hiệu lực. The index has no status facet, so each status but the most
    common is counted with its documents as a filter (one count each), and the most common gets
    the rest: with the shipped statuses that is one extra search."""
    if not result.total:
        return {}
    if asked.status:
        return {asked.status: result.total}
    statuses = sorted(by_status, key=lambda s: len(by_status[s]))
    counts = {}
    for status in statuses[:-1]:
        ids = [d for d in by_status[status] if not filters.doc_ids or d in filters.doc_ids]
        if not ids:  # an empty doc_ids is no filter at all
            counts[status] = 0
            continue
        narrowed = Filters(**{**filters.__dict__, "doc_ids": ids, "unmatched": []})
        counts[status] = search(searcher, meta, asked.query, narrowed, 1, SORTS[asked.sort], result.mode).total
    counts[statuses[-1]] = max(result.total - sum(counts.values()), 0)
    return {s: c for s, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c}


def run(request: Request, asked: Asked) -> tuple[SearchResult, dict[str, int]]:
    """The search the CLI would run for these options, plus the status counts."""
    searcher, meta = request.app.state.workbench.index()
    filters = resolve_filters(meta, asked.doc_types, asked.issuers, asked.year, asked.year, public_only(request))
    on = asked.in_force_on or _dt.date.today()
    by_status = _status_ids(request, on)
    if asked.status:
        if asked.status not in by_status:
            known = ", ".join(sorted(by_status))
            raise PageError(
                f"thư viện không có văn bản nào có tình trạng «{asked.status}» ngày {on:%d/%m/%Y} (có: {known})."
            )
        filters.doc_ids = by_status[asked.status]
    library = request.app.state.workbench.library
    limit = asked.page * PER_PAGE
    result = search_in_force(library, searcher, meta, asked.query, filters, asked.in_force_on, limit, SORTS[asked.sort])
    return result, _status_facet(searcher, meta, asked, filters, result, by_status)


def _render(request: Request, context: dict, status: int = 200, error: PageError | None = None) -> Response:
    """The page with what every state of it shows: the form, as typed, and any error (a day that is
    not a date is shown next to its field, by the template, from `Asked.day_error`)."""
    shown = {
        "error": "" if error is None else str(error),
        "day_typed": request.query_params.get(IN_FORCE_PARAM, ""),
        "in_force_param": IN_FORCE_PARAM,
    }
    return render(request, "search.html", {**shown, **context}, status)


@page("search")
def search_page(request: Request) -> Response:
    try:
        asked = Asked.of(request)
    except PageError as error:
        return _render(request, {"asked": None, "result": None}, error.status, error)
    if asked.day_error:
        return _render(request, {"asked": asked, "result": None}, 400)
    if not asked.query:
        return _render(request, {"asked": asked, "result": None})
    try:
        result, statuses = run(request, asked)
    except PageError as error:
        return _render(request, {"asked": asked, "result": None}, error.status, error)
    first = (asked.page - 1) * PER_PAGE
    data = result.to_dict()
    data["hits"] = data["hits"][first:]
    _searcher, meta = request.app.state.workbench.index()
    on = asked.in_force_on or _dt.date.today()
    shown_meta = visible_meta(meta, public_only(request))
    states = hit_validity(request.app.state.workbench.library, shown_meta, result.hits[first:], on)
    for hit, (status, ended) in zip(data["hits"], states, strict=True):
        hit["hieu_luc"], hit["hieu_luc_muc"] = status, ended
    if request.query_params.get("dinh-dang") == "json":
        return JSONResponse(data)
    documents = {d.id: d for d in request.app.state.workbench.library.documents()}
    for hit in data["hits"]:
        doc = documents.get(hit["doc_id"])
        hit["category"] = doc.category if doc else ""  # a handout has no hiệu lực to show
        hit["internal"] = bool(doc and doc.internal)  # marked for the signed-in reader
    pages = min(-(-result.total // PER_PAGE), MAX_PAGE)
    return _render(
        request,
        {
            "asked": asked,
            "result": data,
            "first_rank": (asked.page - 1) * PER_PAGE + 1,
            "facets": FACET_PARAMS,
            "statuses": statuses,
            "status_param": STATUS_PARAM,
            "status_on": on,
            "tones": TONES,
            "pages": pages,
        },
    )
