"""`/so-van-ban`: the sổ văn bản đi and đến in the browser, for the văn thư (`vanban number` on a page).

Who may see them: the action "register" — the văn thư and the quản trị (`office.users.PERMISSIONS`).
A chuyên viên may not, not even read: NĐ 30 gives the registers to the Văn thư cơ quan (Điều 15–16,
22), the incoming register says which unit handles which document (including documents not meant
for the reader), and a chuyên viên gets a number through the văn thư or through drafting. Least
privilege means no reason to see is no access.

Every write goes through `office.register.Register` or `office.incoming.IncomingRegister`, which
check the input (a refusal names its field: the form shows it next to that field), write the
history and the audit line in the same transaction. After a write the browser goes to the entry
(POST → redirect → GET), so reloading never takes a second number.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vanban.app.library_commands import update_indexes
from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.library_pages import ADD_SUFFIXES, DOCUMENT_ADDED
from vanban.app.web.render import render
from vanban.app.web.uploads import as_user_error, save_uploads
from vanban.library.doctypes import ADMINISTRATIVE_ABBREVIATIONS, LETTER_TYPE
from vanban.library.errors import VanbanError
from vanban.office.incoming import IncomingRegister, Received
from vanban.office.register import (
    CANCELLED,
    FieldError,
    Particulars,
    Register,
    series_label,
    valid_date,
)

#: The outgoing form's fields → `Particulars` / `Register.next` arguments.
OUTGOING_FIELDS = {
    "loai": "doc_type",
    "co-quan": "issuer",
    "don-vi": "unit",
    "ngay": "signed_on",
    "trich-yeu": "title",
    "nguoi-ky": "signer",
    "noi-nhan": "recipients",
    "luu": "archive",
    "so-ban": "copies",
    "ngay-chuyen": "sent_on",
    "ky-nhan": "receipt",
    "ghi-chu": "remarks",
    "ly-do": "reason",
}
#: The incoming form's fields → `Received`.
INCOMING_FIELDS = {
    "ngay-den": "received_on",
    "tac-gia": "sender",
    "so-ky-hieu": "symbol",
    "ngay": "signed_on",
    "trich-yeu": "title",
    "nhan": "handler",
    "ky-nhan": "receipt",
    "ghi-chu": "remarks",
}
#: Audit action of a download: a printed register (the mật one above all) leaves the system.
REGISTER_EXPORTED = "tải sổ văn bản"
#: The types a văn thư numbers: Phụ lục III's administrative types, and the công văn.
TYPES = {**{abbr: name for name, abbr in ADMINISTRATIVE_ABBREVIATIONS.items()}, LETTER_TYPE: "Công văn"}
EXPORTS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def _data(request: Request) -> Path:
    return request.app.state.workbench.library.data_dir


def _actor(request: Request) -> str:
    return visitor(request).user.name


def _year(request: Request) -> int:
    text = request.query_params.get("nam", "")
    if not text:
        return _dt.date.today().year
    if not text.isdigit():
        raise PageError(f"năm «{text}» không hợp lệ; ví dụ ?nam=2026.")
    return int(text)


def _form_values(form: FormData, names) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in names}


def _field_of(error: FieldError, fields: dict[str, str]) -> str:
    """The form field a refusal belongs to (the model's name → the form's)."""
    return next((form for form, model in fields.items() if model == error.field), "")


# -- sổ văn bản đi ------------------------------------------------------------------------


def _profiles() -> list:
    """The shipped agency profiles, the default one (drafts are made under it) first."""
    from vanban.generator.compose.inputs import default_profile, load_profile
    from vanban.generator.compose.templating import template_dir

    others = sorted((template_dir() / "profiles").glob("*.toml"))
    return [load_profile(path) for path in [default_profile(), *others]]


def _own_issuer(register: Register) -> str:
    """The issuer a new number is for unless changed: the office's own — the one of the last number
    taken, else the default agency profile's (the one drafts are made under) — never a fixed «UBND»."""
    return register.last_issuer() or _profiles()[0].abbreviation


def _agency_name(issuer: str) -> str:
    """The cover of a printed sổ names the agency whose numbers it holds: the profile with that
    abbreviation, else the abbreviation itself (an issuer with no profile here)."""
    return next((agency.full_name for agency in _profiles() if agency.abbreviation == issuer), issuer)


def _outgoing_page(
    request: Request, values: dict | None = None, errors: dict | None = None, status: int = 200
) -> Response:
    register = Register(_data(request))
    years = register.years()
    year = _year(request)
    secret = request.query_params.get("mat") == "1"
    entries = register.entries(year=year, secret=secret)
    return render(
        request,
        "register_outgoing.html",
        {
            "year": year,
            "years": sorted({*years, _dt.date.today().year}, reverse=True),
            "secret": secret,
            "entries": entries,
            "series_label": series_label,
            "multiple_series": len({(e.issuer, e.series) for e in entries}) > 1,
            "types": TYPES,
            "values": values or {"co-quan": _own_issuer(register), "loai": "KH"},
            "errors": errors or {},
        },
        status,
    )


@page("register")
def outgoing_page(request: Request) -> Response:
    return _outgoing_page(request)


@state_changing("register")
def take_number(request: Request, form: FormData) -> Response:
    """Cấp số (or giữ số with «viec=giu»): the number and the columns known now, in one write."""
    values = _form_values(form, OUTGOING_FIELDS)
    values["mat"], values["qppl"] = str(form.get("mat") or ""), str(form.get("qppl") or "")
    register = Register(_data(request))
    try:
        signed_on = valid_date(values["ngay"], "signed_on", "ngày tháng văn bản")
        year = int(signed_on[:4]) if signed_on else None
        take = register.reserve if form.get("viec") == "giu" else register.next
        entry = take(
            values["loai"],
            values["co-quan"],
            year,
            particulars=Particulars(
                signed_on=signed_on,
                title=values["trich-yeu"],
                signer=values["nguoi-ky"],
                recipients=values["noi-nhan"],
                archive=values["luu"],
            ),
            secret=values["mat"] == "1",
            normative=values["qppl"] == "1",
            actor=_actor(request),
            unit=values["don-vi"],
        )
    except FieldError as error:
        field = "ngay" if error.field == "year" else _field_of(error, OUTGOING_FIELDS)  # the year is the date's
        return _outgoing_page(request, values, {field: str(error)}, 400)
    return RedirectResponse(f"/so-van-ban/di/{entry.id}?moi=1", status_code=303)


def _outgoing_entry_page(
    request: Request, values: dict | None = None, errors: dict | None = None, status: int = 200
) -> Response:
    register = Register(_data(request))
    entry = _outgoing_entry(request, register)
    shown = {
        "ngay": entry.signed_on,
        "trich-yeu": entry.title,
        "nguoi-ky": entry.signer,
        "noi-nhan": entry.recipients,
        "luu": entry.archive,
        "so-ban": "" if entry.copies is None else str(entry.copies),
        "ngay-chuyen": entry.sent_on,
        "ky-nhan": entry.receipt,
        "ghi-chu": entry.remarks,
    }
    return render(
        request,
        "register_outgoing_entry.html",
        {
            "entry": entry,
            "series": series_label(entry.series),
            "history": register.history(entry.id),
            "values": {**shown, **(values or {})},
            "errors": errors or {},
            "cancelled": entry.status == CANCELLED,
            "new": request.query_params.get("moi") == "1",
            "done": request.query_params.get("xong", ""),
        },
        status,
    )


def _outgoing_entry(request: Request, register: Register):
    try:
        return register.get(int(request.path_params["entry_id"]))
    except VanbanError as error:
        raise PageError(error.message, status=404) from None


@page("register")
def outgoing_entry_page(request: Request) -> Response:
    return _outgoing_entry_page(request)


@state_changing("register")
def fill_outgoing(request: Request, form: FormData) -> Response:
    """Bổ sung: the columns written when the document leaves (and corrections), each change kept."""
    register = Register(_data(request))
    entry = _outgoing_entry(request, register)
    values = _form_values(
        form, [name for name in OUTGOING_FIELDS if name not in ("loai", "co-quan", "don-vi", "ly-do")]
    )
    changes = {OUTGOING_FIELDS[name]: value for name, value in values.items()}
    try:
        register.fill(entry.id, changes, actor=_actor(request))
    except FieldError as error:
        return _outgoing_entry_page(request, values, {_field_of(error, OUTGOING_FIELDS): str(error)}, 400)
    return RedirectResponse(f"/so-van-ban/di/{entry.id}?xong=bo-sung", status_code=303)


@state_changing("register")
def cancel_outgoing(request: Request, form: FormData) -> Response:
    register = Register(_data(request))
    entry = _outgoing_entry(request, register)
    reason = str(form.get("ly-do") or "")
    try:
        register.cancel_entry(entry.id, reason, actor=_actor(request))
    except FieldError as error:
        return _outgoing_entry_page(request, {"ly-do": reason}, {"ly-do": str(error)}, 400)
    except VanbanError as error:
        raise PageError(error.message, status=409) from None
    return RedirectResponse(f"/so-van-ban/di/{entry.id}?xong=huy", status_code=303)


# -- sổ văn bản đến -----------------------------------------------------------------------


def _incoming_page(
    request: Request, values: dict | None = None, errors: dict | None = None, status: int = 200
) -> Response:
    register = IncomingRegister(_data(request))
    years = register.years()
    year = _year(request)
    config = request.app.state.workbench.config
    return render(
        request,
        "register_incoming.html",
        {
            "year": year,
            "years": sorted({*years, _dt.date.today().year}, reverse=True),
            "entries": register.entries(year),
            "values": values or {"ngay-den": _dt.date.today().isoformat()},
            "errors": errors or {},
            "suffixes": ADD_SUFFIXES,
            "max_upload_mb": config.max_upload_bytes // (1024 * 1024),
        },
        status,
    )


@page("register")
def incoming_page(request: Request) -> Response:
    return _incoming_page(request)


@state_changing("register")
def record_incoming(request: Request, form: FormData) -> Response:
    """Vào sổ văn bản đến: the file into the library and the entry into the register, both or neither
    (`IncomingRegister.receive`, shared with `vanban number den add`)."""
    values = _form_values(form, INCOMING_FIELDS)
    library = request.app.state.workbench.library
    config = request.app.state.workbench.config
    register = IncomingRegister(_data(request))
    received = Received(**{INCOMING_FIELDS[name]: value for name, value in values.items()})
    with tempfile.TemporaryDirectory(prefix="vanban-van-ban-den-") as folder:
        try:
            names = save_uploads(form, "tep", Path(folder), config.max_upload_bytes)
            if len(names) > 1:
                raise PageError("mỗi lần vào sổ một văn bản: hãy chọn một tệp.")
        except PageError as error:
            return _incoming_page(request, values, {"tep": str(error)}, error.status)

        try:
            doc, entry = register.receive(library, next(iter(names)), received, _actor(request))
        except FieldError as error:
            return _incoming_page(request, values, {_field_of(error, INCOMING_FIELDS) or "tep": str(error)}, 400)
        except VanbanError as error:
            shown = as_user_error(error, names)
            return _incoming_page(request, values, {"tep": str(shown)}, shown.status)
    update_indexes(library, [doc.id])
    name = next(iter(names.values()))
    request.app.state.workbench.audit.record(_actor(request), DOCUMENT_ADDED, doc.id, f"tệp {name}")
    return RedirectResponse(f"/so-van-ban/den/{entry.id}?moi=1", status_code=303)


def _incoming_entry(request: Request, register: IncomingRegister):
    try:
        return register.get(int(request.path_params["entry_id"]))
    except VanbanError as error:
        raise PageError(error.message, status=404) from None


def _incoming_entry_page(
    request: Request, values: dict | None = None, errors: dict | None = None, status: int = 200
) -> Response:
    register = IncomingRegister(_data(request))
    entry = _incoming_entry(request, register)
    shown = {form: getattr(entry, model) for form, model in INCOMING_FIELDS.items()}
    return render(
        request,
        "register_incoming_entry.html",
        {
            "entry": entry,
            "history": register.history(entry.id),
            "values": {**shown, **(values or {})},
            "errors": errors or {},
            "new": request.query_params.get("moi") == "1",
            "done": request.query_params.get("xong", ""),
        },
        status,
    )


@page("register")
def incoming_entry_page(request: Request) -> Response:
    return _incoming_entry_page(request)


@state_changing("register")
def fill_incoming(request: Request, form: FormData) -> Response:
    register = IncomingRegister(_data(request))
    entry = _incoming_entry(request, register)
    values = _form_values(form, INCOMING_FIELDS)
    try:
        register.fill(entry.id, {INCOMING_FIELDS[k]: v for k, v in values.items()}, actor=_actor(request))
    except FieldError as error:
        return _incoming_entry_page(request, values, {_field_of(error, INCOMING_FIELDS): str(error)}, 400)
    return RedirectResponse(f"/so-van-ban/den/{entry.id}?xong=bo-sung", status_code=303)


# -- in sổ --------------------------------------------------------------------------------


def _book_issuer(request: Request, kind: str, year: int, secret: bool) -> str:
    """Whose numbers the year's sổ đi holds (the issuer of most of them); the sổ đến is the office's own."""
    register = Register(_data(request))
    issuers = [e.issuer for e in register.entries(year=year, secret=secret)] if kind == "di" else []
    return max(set(issuers), key=issuers.count) if issuers else _own_issuer(register)


@page("register")
def export_page(request: Request) -> Response:
    """The year's book as .xlsx or PDF (Phụ lục IV layout); LibreOffice prints the PDF."""
    from vanban.generator.jobs.register_book import default_name, export_register

    kind = request.path_params["book"]
    year = _year(request)
    suffix = request.query_params.get("dinh-dang", "xlsx")
    if suffix not in EXPORTS:
        raise PageError("định dạng tải về là «xlsx» hoặc «pdf».")
    secret = request.query_params.get("mat") == "1"
    name = default_name(kind + ("-mat" if secret else ""), year, f".{suffix}")
    with tempfile.TemporaryDirectory(prefix="vanban-in-so-") as folder:
        agency = _agency_name(_book_issuer(request, kind, year, secret))
        target = Path(folder) / name
        export_register(_data(request), kind, year, target, agency, None, secret)
        content = target.read_bytes()
    request.app.state.workbench.audit.record(_actor(request), REGISTER_EXPORTED, name, "")
    disposition = f'attachment; filename="{name}"'
    return Response(content, media_type=EXPORTS[suffix], headers={"Content-Disposition": disposition})


@page("register")
def registers_home(request: Request) -> Response:
    return RedirectResponse("/so-van-ban/di?" + urlencode({"nam": _dt.date.today().year}), status_code=303)
