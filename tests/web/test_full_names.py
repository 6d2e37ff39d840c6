"""Họ và tên on the pages: the admin gives it (at account creation or per row), and other people see it
instead of the login name — the waiting drafts, the review page, the returned notice, the nhật ký,
the header. Runs on SQLite, and on PostgreSQL with `--office-db postgresql`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, PASSWORD, add_user, csrf_token, log_in
from tests.web.test_draft_pages import CONG_VAN
from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.office.audit import AuditLog
from vanban.office.users import Users

OFFICER, CLERK = "chuyen.vien", "van.thu"


@pytest.fixture
def app_data(tmp_path) -> Path:
    data = tmp_path / "data"
    add_user(data, ADMIN, "quan-tri")
    add_user(data, OFFICER, "chuyen-vien")
    add_user(data, CLERK, "van-thu")
    Users(data).set_full_name(OFFICER, "Trần Bình", actor="kiểm thử")
    Users(data).set_full_name(CLERK, "Phạm Thị Thư", actor="kiểm thử")
    return data


def _client(data: Path, name: str) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data)))
    assert log_in(client, name).status_code == 303
    return client


def _post(client: TestClient, url: str, fields: dict, page: str = "/du-thao"):
    return client.post(url, data={"csrf_token": csrf_token(client, page), **fields}, follow_redirects=False)


def _visible(html: str) -> str:
    """The page's text without its tags (and without the attributes, where a login name may sit in a URL)."""
    return re.sub(r"<[^>]+>", " ", html)


def test_the_clerk_and_the_author_see_each_other_by_full_name(app_data):
    officer = _client(app_data, OFFICER)
    made = _post(officer, "/soan-thao/cong-van", {"_hanh_dong": "luu", **CONG_VAN})
    draft_id = made.headers["location"].rsplit("/", 1)[1]
    sent = _post(officer, f"/du-thao/{draft_id}", {"_hanh_dong": "gui-van-thu", **CONG_VAN})
    assert sent.status_code == 303
    clerk = _client(app_data, CLERK)
    waiting = _visible(clerk.get("/du-thao/cho-cap-so").text)
    assert "Trần Bình" in waiting and OFFICER not in waiting
    assert "Phạm Thị Thư" in waiting, "the header names the signed-in clerk"
    review = _visible(clerk.get(f"/du-thao/cho-cap-so/{draft_id}").text)
    assert "Người soạn:  Trần Bình" in review and OFFICER not in review
    returned = _post(
        clerk, f"/du-thao/cho-cap-so/{draft_id}/tra-lai", {"ly-do": "Thiếu căn cứ."}, "/du-thao/cho-cap-so"
    )
    assert returned.status_code == 303
    listed = _visible(officer.get("/du-thao").text)
    assert "Văn thư (Phạm Thị Thư) trả lại:" in listed and CLERK not in listed
    page = _visible(officer.get(f"/du-thao/{draft_id}").text)
    assert "Văn thư (Phạm Thị Thư) đã  trả lại" in page and "Trần Bình" in page


def test_without_a_full_name_the_login_name_is_shown(app_data):
    Users(app_data).set_full_name(OFFICER, "", actor="kiểm thử")
    officer = _client(app_data, OFFICER)
    header = re.search(r'<span class="who">.*?</span></span>', officer.get("/du-thao").text).group(0)
    assert OFFICER in header


def test_the_audit_page_names_people_by_full_name_with_their_login(app_data):
    officer = _client(app_data, OFFICER)
    _post(officer, "/soan-thao/cong-van", {"_hanh_dong": "luu", **CONG_VAN})
    admin = _client(app_data, ADMIN)
    rows = re.findall(r"<tr><td class=\"nowrap\">.*?</tr>", admin.get("/quan-tri/nhat-ky").text)
    login = next(row for row in rows if "đăng nhập" in row and "Trần Bình" in row)
    assert '<br><span class="muted">chuyen.vien</span>' in login
    renamed = next(row for row in rows if "đổi họ và tên" in row and "Trần Bình (chuyen.vien)" in row)
    assert "kiểm thử" in renamed


def test_the_admin_adds_an_account_with_its_full_name_and_edits_it_in_its_row(app_data):
    admin = _client(app_data, ADMIN)
    token = csrf_token(admin, "/quan-tri")
    form = {"csrf_token": token, "ten": "le.chi", "ho-ten": "Lê  Chi", "vai-tro": "van-thu", "mat-khau": PASSWORD}
    assert "Đã tạo tài khoản «le.chi»" in admin.post("/quan-tri/them", data=form).text
    assert Users(app_data).get("le.chi").full_name == "Lê Chi"
    saved = admin.post("/quan-tri/le.chi/ho-ten", data={"csrf_token": token, "ho-ten": "Lê Thị Chi"})
    assert "Đã lưu họ và tên của «le.chi»" in saved.text and 'value="Lê Thị Chi"' in saved.text
    entry = AuditLog(app_data).entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.target, entry.detail) == (
        ADMIN,
        "đổi họ và tên",
        "le.chi",
        "«Lê Chi» → «Lê Thị Chi»",
    )


def test_a_bad_full_name_is_shown_at_its_field_and_nothing_is_written(app_data):
    admin = _client(app_data, ADMIN)
    token = csrf_token(admin, "/quan-tri")
    before = len(AuditLog(app_data).entries())
    form = {"csrf_token": token, "ten": "le.chi", "ho-ten": "Lê Chi 2", "vai-tro": "van-thu", "mat-khau": PASSWORD}
    refused = admin.post("/quan-tri/them", data=form)
    assert refused.status_code == 400
    field = refused.text[refused.text.index('id="ho-ten-moi"') :][:600]
    assert 'aria-invalid="true"' in field and "chỉ được gồm chữ cái" in field
    assert 'value="le.chi"' in refused.text and PASSWORD not in refused.text, "typed values kept, never the password"
    row = admin.post(f"/quan-tri/{OFFICER}/ho-ten", data={"csrf_token": token, "ho-ten": "x" * 81})
    assert row.status_code == 400
    at = row.text.index(f'action="/quan-tri/{OFFICER}/ho-ten"')
    assert "tối đa 80 ký tự" in row.text[at : at + 1200] and 'aria-invalid="true"' in row.text[at : at + 1200]
    assert Users(app_data).get("le.chi") is None and Users(app_data).get(OFFICER).full_name == "Trần Bình"
    assert len(AuditLog(app_data).entries()) == before


def test_only_the_admin_may_name_accounts(app_data):
    clerk = _client(app_data, CLERK)
    refused = clerk.post(f"/quan-tri/{OFFICER}/ho-ten", data={"csrf_token": csrf_token(clerk, "/"), "ho-ten": "Ai Đó"})
    assert refused.status_code == 403 and Users(app_data).get(OFFICER).full_name == "Trần Bình"
