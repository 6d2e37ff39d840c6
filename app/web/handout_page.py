"""`/viec-hang-nam/tai-lieu`: `vanban draft handout` in the browser.

Start from a short model or an uploaded Markdown file; write in the editor with a live preview
(`handout_preview`, fetched as you type and also rendered with the page, so it works without
JavaScript after «Cập nhật xem trước»); then the handout, built by the CLI's own `draft()` from
the saved source, checked (as "Tài liệu tập huấn") and offered. The source is the run's
`tai-lieu.md` (`wizard_state`), saved at every preview: closing the browser loses nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from vanban.app.web import handout_cover as cover
from vanban.app.web import handout_quotes as quotes
from vanban.app.web.accounts import visitor
from vanban.app.web.errors import PageError
from vanban.app.web.guard import page, state_changing
from vanban.app.web.handout_cover import Cover
from vanban.app.web.handout_preview import located, preview
from vanban.app.web.offers import offer
from vanban.app.web.render import render
from vanban.app.web.uploads import save_uploads
from vanban.app.web.wizard_state import WizardState, load, offer_of, remember_offer, start
from vanban.generator.jobs.draft import DraftRequest, draft, write_drafted
from vanban.library.atomic import atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.vietnamese import nfc

KIND = "tai-lieu"
BASE = "/viec-hang-nam/tai-lieu"
SOURCE = "tai-lieu.md"
SUFFIXES = (".md", ".markdown", ".txt")
STEPS = ["Bắt đầu: viết mới hoặc tải tệp lên", "Soạn nội dung, xem trích dẫn", "Xem trước và tải về"]
#: What «Viết mới» starts from: a cover to change, a heading, a paragraph, one quotation, a list.
STARTER = """---
tieu_de: "Tên tài liệu tập huấn"
khoa_hoc: "Lớp tập huấn năm 2026"
co_quan: "Sở Công Thương tỉnh Hà Tĩnh"
dia_danh: "Hà Tĩnh"
ngay: 2026-06-10
---

# Phần thứ nhất: Giới thiệu

Viết nội dung ở đây. Giữa hai đoạn văn để một dòng trống.

Đoạn dưới đây là nguyên văn mục II.4 của Kế hoạch 484/KH-UBND, chèn bằng nút «Chèn trích dẫn»:

{{trich 484/KH-UBND II.4}}

## Một ý nhỏ

- Gạch đầu dòng như thế này.
- **Chữ đậm** bằng hai dấu sao.
"""


def _source(state: WizardState) -> str:
    return state.file(SOURCE).read_text(encoding="utf-8")


def _save_source(state: WizardState, form: FormData) -> tuple[Cover, str]:
    """The cover fields and the editor's body, kept as the one Markdown file the CLI reads."""
    kept = cover.read(_source(state)).cover.front
    typed = cover.from_form(form, kept)
    body = nfc(str(form.get("noi-dung", "")).replace("\r\n", "\n"))
    atomic_write_text(state.file(SOURCE), cover.source_text(typed, body))
    state.data.pop("offer", None)
    state.save()
    return typed, body


def _start_page(request: Request, error: str = "", status: int = 200) -> Response:
    config = request.app.state.workbench.config
    context = {"step": 1, "steps": STEPS, "error": error, "max_upload_mb": config.max_upload_bytes // (1024 * 1024)}
    return render(request, "handout.html", context, status)


def _editor(request: Request, state: WizardState, status: int = 200, error: str = "") -> Response:
    """The editor on the saved source: the cover's fields with their errors, the body, the preview."""
    source = cover.read(_source(state))
    made = offer_of(state)
    context = {
        "step": 3 if made else 2,
        "steps": STEPS,
        "state": state,
        "base": f"{BASE}/{state.token}",
        "fields": cover.FIELDS,
        "cover": source.cover,
        "text": source.body,
        "preview": preview(source.cover, source.body, request.app.state.workbench.library),
        "offer": made,
        "error": error or source.problem,
    }
    return render(request, "handout.html", context, status)


@page("draft")
def handout_form(request: Request) -> Response:
    return _start_page(request)


def _uploaded_text(form: FormData, max_bytes: int) -> tuple[str, str] | None:
    """The uploaded Markdown as text and its name, or None when no file was chosen."""
    if not any(isinstance(f, UploadFile) and f.filename for f in form.getlist("tep")):
        return None
    with tempfile.TemporaryDirectory(prefix="vanban-tai-lieu-") as folder:
        (path, name), *more = save_uploads(form, "tep", Path(folder), max_bytes).items()
        if more:
            raise PageError("chỉ tải lên một tệp Markdown.")
        if path.suffix.lower() not in SUFFIXES:
            raise PageError(f"«{name}» không phải tệp Markdown (.md). Tệp Word hãy chép nội dung vào ô soạn thảo.")
        try:
            return nfc(path.read_text(encoding="utf-8")), name
        except UnicodeDecodeError:
            raise PageError(f"«{name}» không phải văn bản UTF-8. Hãy lưu lại tệp với mã UTF-8.") from None


@state_changing("draft")
def handout_start(request: Request, form: FormData) -> Response:
    try:
        uploaded = _uploaded_text(form, request.app.state.workbench.config.max_upload_bytes)
    except PageError as error:
        return _start_page(request, str(error), error.status)
    text, name = uploaded or (STARTER, "tai-lieu-moi.md")
    state = start(request, KIND, {"name": name})
    atomic_write_text(state.file(SOURCE), text)
    return RedirectResponse(f"{BASE}/{state.token}", status_code=303)


@page("draft")
def handout_step(request: Request) -> Response:
    return _editor(request, load(request, KIND))


@state_changing("draft")
def handout_live_preview(request: Request, form: FormData) -> Response:
    """The preview panel alone (the editor's script puts it in place); the source is saved too."""
    state = load(request, KIND)
    typed, body = _save_source(state, form)
    result = preview(typed, body, request.app.state.workbench.library)
    return render(request, "_handout_preview.html", {"preview": result})


@state_changing("draft")
def handout_save(request: Request, form: FormData) -> Response:
    """«Lưu và cập nhật xem nhanh» without JavaScript: save, then the page again with its preview."""
    state = load(request, KIND)
    _save_source(state, form)
    return RedirectResponse(f"{BASE}/{state.token}#xem-nhanh", status_code=303)


@page("draft")
def handout_quotations(request: Request) -> Response:
    """«Chèn trích dẫn»: the documents matching `q`, or the sections of document `van-ban`."""
    load(request, KIND)  # the signed-in author's run, as every address of the editor
    library = request.app.state.workbench.library
    query = request.query_params.get("q", "")
    chosen = library.find(request.query_params.get("van-ban", "") or "\0")
    context: dict = {"query": " ".join(query.split())}
    if chosen is not None and chosen.full_text and chosen.sections:
        context.update(document=quotes.name(chosen), choices=quotes.sections(chosen, query))
    else:
        found = quotes.documents(library, query)
        context["documents"] = [(quotes.reference(d), quotes.name(d), d.title) for d in found]
    return render(request, "_handout_quotes.html", context)


@page("draft")
def handout_source(request: Request) -> Response:
    """The Markdown as saved, to keep or to use with `vanban draft handout`."""
    state = load(request, KIND)
    name = Path(state.data["name"]).stem + ".md"
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return PlainTextResponse(_source(state), media_type="text/markdown; charset=utf-8", headers=headers)


@state_changing("draft")
def handout_make(request: Request, form: FormData) -> Response:
    """Save, then build the handout as `vanban draft handout` does from the saved file; what is
    wrong is said at its field or line and nothing is built."""
    state = load(request, KIND)
    typed, body = _save_source(state, form)
    library = request.app.state.workbench.library
    problems = preview(typed, body, library).problems
    if problems:
        count = f"còn {len(problems)} chỗ cần sửa" if len(problems) > 1 else "còn một chỗ cần sửa"
        return _editor(request, state, 400, f"Chưa tạo được tài liệu: {count}, ghi ở ô bìa hoặc trong phần xem nhanh.")
    try:
        drafted = draft(DraftRequest("handout", source=state.file(SOURCE)), library)
    except VanbanError as error:
        offset = cover.read(_source(state)).offset
        return _editor(request, state, 400, f"Chưa tạo được tài liệu. {located(error, offset)}")
    title = drafted.document.core_properties.title
    name, me = f"Tài liệu tập huấn - {title}", visitor(request).user.name
    made = offer(library.data_dir, lambda path: write_drafted(drafted, path), name, owner=me)
    remember_offer(state, made)
    return RedirectResponse(f"{BASE}/{state.token}#xem-truoc", status_code=303)
