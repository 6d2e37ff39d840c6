"""The web application: routes, static files, and errors turned into Vietnamese pages.

Starlette rather than FastAPI: the pages are HTML forms and links, not a typed JSON API, so
FastAPI's request models (pydantic) would add a dependency without doing any work; the one
"dependency" a route needs, the permission and CSRF gate, is a decorator (`guard.page`,
`guard.state_changing`). Who is signed in is resolved once per request by `accounts.Accounts`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vanban.app.web import admin_pages as admin
from vanban.app.web import draft_pages as drafting
from vanban.app.web import register_pages as registers
from vanban.app.web.accounts import Accounts
from vanban.app.web.check_page import check_files, check_form
from vanban.app.web.config import WebConfig
from vanban.app.web.draft_basis import basis_suggestions
from vanban.app.web.draft_numbers import return_draft, review_draft, take_number, waiting_drafts
from vanban.app.web.errors import HTTP_MESSAGES
from vanban.app.web.finding_images import finding_picture
from vanban.app.web.headers import SecurityHeaders
from vanban.app.web.library_pages import add_documents, document_page, library_page, remove_document, set_access
from vanban.app.web.login_pages import log_in, log_out, login_form
from vanban.app.web.offers import offered_file
from vanban.app.web.relations_panel import diagram
from vanban.app.web.render import render
from vanban.app.web.search_page import search_page
from vanban.app.web.state import Workbench
from vanban.app.web.yearly_routes import ROUTES as YEARLY_ROUTES
from vanban.library.errors import VanbanError

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("vanban.web")


def _error_page(request: Request, message: str, status: int) -> Response:
    return render(request, "error.html", {"message": message, "status": status}, status)


async def _vanban_error(request: Request, error: Exception) -> Response:
    return _error_page(request, str(error), getattr(error, "status", 400))


async def _http_error(request: Request, error: Exception) -> Response:
    status = getattr(error, "status_code", 500)
    return _error_page(request, HTTP_MESSAGES.get(status, "yêu cầu không thực hiện được."), status)


async def _unexpected(request: Request, error: Exception) -> Response:
    """The server's log gets the traceback; the page, a message and what to do."""
    log.exception("lỗi không mong đợi ở %s", request.url.path)
    message = f"lỗi không mong đợi ({type(error).__name__}). Hãy thử lại; nếu vẫn lỗi, báo quản trị kèm thời điểm."
    return _error_page(request, message, 500)


def create_app(config: WebConfig | None = None) -> Starlette:
    workbench = Workbench(config or WebConfig())
    app = Starlette(
        routes=[
            Route("/", search_page, name="home"),
            Route("/tim-kiem", search_page, name="search"),
            Route("/thu-vien", library_page, name="library"),
            Route("/thu-vien/them", add_documents, methods=["POST"], name="add"),
            Route("/van-ban/{doc_id}", document_page, name="document"),
            Route("/van-ban/{doc_id}/xoa", remove_document, methods=["POST"], name="remove"),
            Route("/van-ban/{doc_id}/luoc-do.svg", diagram, name="diagram"),
            Route("/van-ban/{doc_id}/truy-cap", set_access, methods=["POST"], name="set_access"),
            Route("/kiem-tra", check_form, name="check"),
            Route("/kiem-tra", check_files, methods=["POST"], name="check_files"),
            Route("/kiem-tra/hinh/{token}/{name}", finding_picture, name="finding_picture"),
            Route("/tai-ve/{token}/{name}", offered_file, name="offered_file"),
            Route("/dang-nhap", login_form, name="login"),
            Route("/dang-nhap", log_in, methods=["POST"], name="log_in"),
            Route("/dang-xuat", log_out, methods=["POST"], name="log_out"),
            Route("/quan-tri", admin.admin_page, name="admin"),
            Route("/quan-tri/nhat-ky", admin.audit_page, name="audit"),
            Route("/quan-tri/them", admin.add_user, methods=["POST"], name="add_user"),
            Route("/quan-tri/doc-tu-do", admin.set_anonymous_read, methods=["POST"], name="anonymous_read"),
            Route("/quan-tri/{name}/vai-tro", admin.set_role, methods=["POST"], name="set_role"),
            Route("/quan-tri/{name}/mat-khau", admin.reset_password, methods=["POST"], name="reset_password"),
            Route("/quan-tri/{name}/xoa", admin.remove_user, methods=["POST"], name="remove_user"),
            Route("/quan-tri/{name}/ho-ten", admin.set_full_name, methods=["POST"], name="set_full_name"),
            *YEARLY_ROUTES,
            Route("/so-van-ban", registers.registers_home, name="registers"),
            Route("/so-van-ban/di", registers.outgoing_page, name="outgoing"),
            Route("/so-van-ban/di", registers.take_number, methods=["POST"], name="take_number"),
            Route("/so-van-ban/di/{entry_id:int}", registers.outgoing_entry_page, name="outgoing_entry"),
            Route(
                "/so-van-ban/di/{entry_id:int}/bo-sung", registers.fill_outgoing, methods=["POST"], name="fill_outgoing"
            ),
            Route(
                "/so-van-ban/di/{entry_id:int}/huy", registers.cancel_outgoing, methods=["POST"], name="cancel_outgoing"
            ),
            Route("/so-van-ban/den", registers.incoming_page, name="incoming"),
            Route("/so-van-ban/den", registers.record_incoming, methods=["POST"], name="record_incoming"),
            Route("/so-van-ban/den/{entry_id:int}", registers.incoming_entry_page, name="incoming_entry"),
            Route(
                "/so-van-ban/den/{entry_id:int}/bo-sung",
                registers.fill_incoming,
                methods=["POST"],
                name="fill_incoming",
            ),
            Route("/so-van-ban/{book:str}/tai-ve", registers.export_page, name="export_register"),
            Route("/du-thao", drafting.choose_kind, name="drafts"),
            Route("/du-thao/nhap", drafting.import_draft, methods=["POST"], name="import_draft"),
            Route("/du-thao/goi-y-can-cu", basis_suggestions, name="basis_suggestions"),
            Route("/du-thao/cho-cap-so", waiting_drafts, name="waiting_drafts"),
            Route("/du-thao/cho-cap-so/{draft_id}/cap-so", take_number, methods=["POST"], name="take_draft_number"),
            Route("/du-thao/cho-cap-so/{draft_id}", review_draft, name="review_draft"),
            Route("/du-thao/cho-cap-so/{draft_id}/tra-lai", return_draft, methods=["POST"], name="return_draft"),
            Route("/soan-thao", drafting.choose_kind, name="drafting"),
            Route("/soan-thao/{kind}", drafting.new_draft, name="new_draft"),
            Route("/soan-thao/{kind}", drafting.create_draft, methods=["POST"], name="create_draft"),
            Route("/du-thao/{draft_id}", drafting.draft_page, name="draft"),
            Route("/du-thao/{draft_id}", drafting.save_draft, methods=["POST"], name="save_draft"),
            Route("/du-thao/{draft_id}/yaml", drafting.export_draft, name="export_draft"),
            Route("/du-thao/{draft_id}/nhan-ban", drafting.duplicate_draft, methods=["POST"], name="duplicate_draft"),
            Route("/du-thao/{draft_id}/xoa", drafting.delete_draft, methods=["POST"], name="delete_draft"),
            Route("/du-thao/{draft_id}/rut-lai", drafting.withdraw_draft, methods=["POST"], name="withdraw_draft"),
            Route("/du-thao/{draft_id}/van-ban", drafting.numbered_document, methods=["POST"], name="numbered"),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(Accounts)],
        exception_handlers={VanbanError: _vanban_error, HTTPException: _http_error, Exception: _unexpected},
    )
    app.state.workbench = workbench
    return app
