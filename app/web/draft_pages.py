"""Soạn thảo: the chuyên viên's drafting pages — a form per type, kept as a draft on every keystroke
pause, previewed and downloaded through `offers.offer`, listed under "Dự thảo của tôi", exported and
imported as the YAML `vanban draft` reads, and sent to the văn thư for a number.

Every draft is looked up with its owner (`Drafts.get(id, owner)`): another user's draft is a 404,
not a 403, so its existence is not told either.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from vanban.app.web import draft_inputs
from vanban.app.web.accounts import visitor
from vanban.app.web.draft_form import build_form, read_form, summary
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.offers import Offer, offer
from vanban.app.web.render import render
from vanban.app.web.uploads import as_user_error, save_uploads
from vanban.generator.compose.inputs import load_draft, load_profile, unused_fields
from vanban.generator.compose.model import KINDS
from vanban.generator.compose.templating import template_dir
from vanban.generator.jobs.draft import write_drafted
from vanban.library.errors import VanbanError
from vanban.library.vietnamese import fold
from vanban.office.drafts import Drafts, StoredDraft
from vanban.office.drafts import new_id as fresh_id

#: Fields the chuyên viên's form does not offer: the number and the date of issue are the văn thư's
#: to give once the document is signed (NĐ 30 Điều 15 khoản 2), kept as stored.
NOT_IN_FORM = (draft_inputs.NUMBER, draft_inputs.DATE)
#: The button a form was sent with.
ACTION = "_hanh_dong"
#: The hidden field of a new form: the id its draft gets (`Drafts.create(draft_id=…)`).
NEW_ID = "_ma_du_thao"
SAVE, PREVIEW, DOWNLOAD, SEND = "luu", "xem-truoc", "tai-ve", "gui-van-thu"
#: Inputs whose typing asks the server for suggestions (the căn cứ lines).
SUGGEST = {"can_cu": "/du-thao/goi-y-can-cu"}
#: Fields the drafting form may send: a field per line, heading and table cell, so a whole plan
#: with its task table (a year of the 484 plan opened from the wizard: about 550) is far past a
#: plain form's bound; the request's size stays bounded by `read_form`.
FORM_FIELDS = 5000


def _drafts(request: Request) -> Drafts:
    return Drafts(request.app.state.workbench.library.data_dir)


def _me(request: Request) -> str:
    return visitor(request).user.name


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise PageError(f"không có loại văn bản «{kind}»; chọn một trong: {', '.join(KINDS.values())}.", 404)
    return kind


def _profiles() -> list:
    """The shipped agency profiles, and each one's signers, as the form's choice lists."""
    profiles, signers = [], []
    for path in sorted((template_dir() / "profiles").glob("*.toml")):
        agency = load_profile(path)
        profiles.append((path.stem, agency.full_name))
        named = [(key, f"{signer.title.capitalize()} — {signer.name}") for key, signer in agency.signers.items()]
        signers.append((agency.full_name, named))
    return [("", [("", "(hồ sơ mặc định)"), *profiles])], [("", [("", "(người ký đầu tiên của hồ sơ)")]), *signers]


def _form(kind: str, data: dict, problems=(), editable: bool = True):
    profiles, signers = _profiles()
    return build_form(
        draft_inputs.schema(),
        data,
        omit=(*NOT_IN_FORM, *unused_fields(kind)),
        choices={"ho_so": profiles, "nguoi_ky": signers},
        problems=problems,
        editable=editable,
    )


def read_only_form(stored: StoredDraft):
    """The fields of a draft that is not being edited (waiting, numbered; the văn thư's view)."""
    return _form(stored.kind, draft_inputs.data_of(stored.yaml), editable=False)


def _session_key(request: Request) -> str:
    """The login session a save comes from, as the drafts store keeps it: a digest, never the id."""
    session = visitor(request).session_id or ""
    return hashlib.sha256(session.encode()).hexdigest()[:16] if session else ""


def has_content(data: dict) -> bool:
    """Whether a form holds anything typed: choosing the profile or the signer alone is not a draft."""
    return any(value not in (None, "", [], {}) for key, value in data.items() if key not in ("ho_so", "nguoi_ky"))


def _page(
    request: Request,
    kind: str,
    data: dict,
    stored: StoredDraft | None,
    problems=(),
    made: Offer | None = None,
    error: str = "",
    status: int = 200,
    new_id: str = "",
) -> Response:
    editable = stored is None or stored.editable
    form = _form(kind, data, problems, editable)
    action = f"/du-thao/{stored.id}" if stored else f"/soan-thao/{kind}"
    context = {
        # A new form carries the id its draft will have, so requests racing to make it make one.
        "new_id": "" if stored else (new_id or fresh_id()),
        "kind": kind,
        "kind_name": KINDS[kind],
        "form": form,
        "errors": summary(form),
        "stored": stored,
        "action": action,
        "offer": made,
        "error": error,
        "suggest": SUGGEST,
        "editable": editable,
    }
    return render(request, "draft.html", context, status)


def _problems(kind: str, data: dict) -> list:
    return draft_inputs.problems(kind, data)


def _field_error(error: VanbanError) -> list:
    """A build error names its field as «a › 2 › b»: put it there, else above the form."""
    found = re.match(r"(?:dòng \d+: )?trường «([^»]+)»: (.*)", error.message, re.S)
    if not found:
        return [([], error.message)]
    path = [int(step) - 1 if step.isdigit() else step for step in found.group(1).split(" › ")]
    return [(path, found.group(2))]


def _offer_draft(request: Request, kind: str, text: str, title: str) -> Offer:
    library = request.app.state.workbench.library
    drafted = draft_inputs.build(kind, text, library)
    name = draft_inputs.document_name(kind, drafted, title)
    return offer(library.data_dir, lambda path: write_drafted(drafted, path), name, owner=_me(request))


# -- pages


@page("draft")
def choose_kind(request: Request) -> Response:
    return render(request, "drafts.html", {"drafts": _drafts(request).mine(_me(request)), "kinds": KINDS, "error": ""})


@page("draft")
def new_draft(request: Request) -> Response:
    kind = _kind(request.path_params["kind"])
    return _page(request, kind, {}, None)


@page("draft")
def draft_page(request: Request) -> Response:
    stored = _drafts(request).get(request.path_params["draft_id"], _me(request))
    data = draft_inputs.data_of(stored.yaml)
    problems = _problems(stored.kind, data) if stored.editable and data else []
    return _page(request, stored.kind, data, stored, problems)


@state_changing("draft", max_fields=FORM_FIELDS)
def create_draft(request: Request, form: FormData) -> Response:
    kind = _kind(request.path_params["kind"])
    data = read_form(draft_inputs.schema(), form)
    if not has_content(data):  # nothing typed yet: no draft to keep (no leftover «(chưa có trích yếu)»)
        if request.headers.get("x-autosave"):
            return JSONResponse({"empty": True})
        empty = "Dự thảo còn trống nên chưa được lưu: hãy gõ trích yếu và nội dung trước."
        kept = str(form.get(NEW_ID) or "")
        return _page(request, kind, data, None, _problems(kind, data), error=empty, status=400, new_id=kept)
    drafts, me, text = _drafts(request), _me(request), draft_inputs.to_yaml(kind, data)
    title = data.get("trich_yeu", "")
    stored = drafts.create(me, kind, title, text, draft_id=str(form.get(NEW_ID) or ""))
    if stored.yaml != text:  # the page's earlier request made it: this one's text is the newer
        stored = drafts.save(stored.id, me, title, text, session=_session_key(request))
    return _after_save(request, form, stored, data)


@state_changing("draft", max_fields=FORM_FIELDS)
def save_draft(request: Request, form: FormData) -> Response:
    drafts, me = _drafts(request), _me(request)
    stored = drafts.get(request.path_params["draft_id"], me)
    kept = draft_inputs.data_of(stored.yaml)
    data = read_form(draft_inputs.schema(), form, keep={k: v for k, v in kept.items() if k in NOT_IN_FORM})
    text = draft_inputs.to_yaml(stored.kind, data)
    stored = drafts.save(stored.id, me, data.get("trich_yeu", ""), text, session=_session_key(request))
    return _after_save(request, form, stored, data)


def _after_save(request: Request, form: FormData, stored: StoredDraft, data: dict) -> Response:
    """What the button asked for, once the draft is safely stored."""
    if request.headers.get("x-autosave"):
        return JSONResponse({"id": stored.id, "url": f"/du-thao/{stored.id}", "saved": stored.updated_at})
    action = str(form.get(ACTION) or SAVE)
    here = f"/du-thao/{stored.id}"
    if action == SAVE:
        return RedirectResponse(here, status_code=303)
    problems = _problems(stored.kind, data)
    if problems:
        return _page(request, stored.kind, data, stored, problems, status=400)
    if action == SEND:
        _drafts(request).send_for_number(stored.id, _me(request))
        return RedirectResponse(here, status_code=303)
    try:
        made = _offer_draft(request, stored.kind, stored.yaml, stored.title)
    except VanbanError as error:
        return _page(request, stored.kind, data, stored, _field_error(error), status=400)
    if action == DOWNLOAD and made.passed:
        return RedirectResponse(made.docx_url, status_code=303)
    return _page(request, stored.kind, data, stored, made=made)


@state_changing("draft")
def duplicate_draft(request: Request, form: FormData) -> Response:
    drafts, me = _drafts(request), _me(request)
    original = drafts.get(request.path_params["draft_id"], me)
    copy = drafts.duplicate(original.id, me, draft_inputs.fresh_copy(original.yaml))
    return RedirectResponse(f"/du-thao/{copy.id}", status_code=303)


@state_changing("draft")
def delete_draft(request: Request, form: FormData) -> Response:
    _drafts(request).delete(request.path_params["draft_id"], _me(request))
    return RedirectResponse("/du-thao", status_code=303)


@state_changing("draft")
def withdraw_draft(request: Request, form: FormData) -> Response:
    stored = _drafts(request).withdraw(request.path_params["draft_id"], _me(request))
    return RedirectResponse(f"/du-thao/{stored.id}", status_code=303)


@state_changing("draft")
def numbered_document(request: Request, form: FormData) -> Response:
    """The numbered document, made again from the stored text (it carries `so: N`)."""
    stored = _drafts(request).get(request.path_params["draft_id"], _me(request))
    if not stored.number_line:
        raise PageError("dự thảo này chưa được cấp số.")
    made = _offer_draft(request, stored.kind, stored.yaml, stored.title)
    if made.passed:
        return RedirectResponse(made.docx_url, status_code=303)
    return _page(request, stored.kind, draft_inputs.data_of(stored.yaml), stored, made=made)


def _file_name(stored: StoredDraft) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", fold(stored.title).lower()).strip("-")[:60]
    return f"du-thao-{stored.kind}{'-' + words if words else ''}.yaml"


@page("draft")
def export_draft(request: Request) -> Response:
    stored = _drafts(request).get(request.path_params["draft_id"], _me(request))
    disposition = f"attachment; filename*=UTF-8''{quote(_file_name(stored))}"
    return PlainTextResponse(
        stored.yaml, media_type="application/x-yaml; charset=utf-8", headers={"content-disposition": disposition}
    )


@state_changing("draft")
def import_draft(request: Request, form: FormData) -> Response:
    """A YAML file becomes a draft only when `vanban draft KIND` would accept it; else its errors, with lines."""
    config = request.app.state.workbench.config
    drafts, me = _drafts(request), _me(request)
    kind = str(form.get("loai") or "")
    try:
        kind = _kind(kind)
        with tempfile.TemporaryDirectory(prefix="vanban-nhap-") as folder:
            names = save_uploads(form, "tep", Path(folder), config.max_upload_bytes)
            path, name = next(iter(names.items()))
            try:
                text = path.read_text(encoding="utf-8")
                load_draft(path, kind)
            except UnicodeDecodeError:
                raise VanbanError(f"{name}: tệp không phải văn bản UTF-8 (hãy lưu lại dạng UTF-8).") from None
            except VanbanError as error:
                raise as_user_error(error, names) from None
    except (PageError, VanbanError) as error:
        context = {"drafts": drafts.mine(me), "kinds": KINDS, "error": str(error)}
        return render(request, "drafts.html", context, getattr(error, "status", 400))
    data = draft_inputs.data_of(text)
    stored = drafts.create(me, kind, data.get("trich_yeu", ""), text)
    return RedirectResponse(f"/du-thao/{stored.id}", status_code=303)
