"""Nội bộ documents on the web: a visitor not signed in never reads, finds, counts, lists or sees
drawn an internal document, while a signed-in account sees everything as before; the add form's
checkbox, and the document page's button to change the level (CSRF, role, audit)."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, add_user, csrf_token, log_in
from vanban.app.related import graphviz_installed
from vanban.app.web.config import WebConfig
from vanban.app.web.library_pages import ACCESS_SET, DOCUMENT_ADDED
from vanban.app.web.server import create_app
from vanban.library.model import INTERNAL, PUBLIC
from vanban.library.store import Library

LETTER_ID, LETTER_NUMBER, PLAN = "215-ubnd-vp", "215/UBND-VP", "ke-hoach-484-kh-ubnd-2020"
#: A word only the letter has; its trích yếu, which no visitor may read anywhere.
SECRET_WORD, SECRET_TITLE = "kamalvinh", "chuẩn bị họp giao ban"
LETTER = """---
number: 215/UBND-VP
doc_type: Công văn
title: Về việc chuẩn bị họp giao ban tháng 6
issuer: UBND huyện Cẩm Xuyên
signed_on: 2024-06-03
---

Thực hiện Kế hoạch số 484/KH-UBND ngày 15/12/2020 của UBND tỉnh Hà Tĩnh, đề nghị các phòng chuẩn bị báo
cáo chuyên đề kamalvinh về sản xuất sạch hơn.
"""


@pytest.fixture
def web(tmp_path):
    """(visitor, signed-in admin, app) over a data folder holding the shipped corpus and the nội bộ letter."""
    data = tmp_path / "data"
    add_user(data, ADMIN, "quan-tri")
    source = tmp_path / "cong-van-215.md"
    source.write_text(LETTER, encoding="utf-8")
    Library(data).add([source], access=INTERNAL)
    app = create_app(WebConfig(data_dir=data, max_upload_mb=1))
    visitor, staff = TestClient(app), TestClient(app)
    assert log_in(staff, ADMIN).status_code == 303
    return visitor, staff, app


def leaks(text: str) -> bool:
    return any(word in text for word in (LETTER_NUMBER, SECRET_TITLE, SECRET_WORD, "215/UBND&#45;VP"))


def test_the_internal_document_page_sends_a_visitor_to_log_in(web):
    visitor, staff, _app = web
    for url in (f"/van-ban/{LETTER_ID}", f"/van-ban/{LETTER_ID}?dinh-dang=json"):
        response = visitor.get(url, follow_redirects=False)
        assert response.status_code == 303, url
        assert response.headers["location"].startswith("/dang-nhap?tiep=")
        assert not leaks(response.text)
    page = staff.get(f"/van-ban/{LETTER_ID}")
    assert page.status_code == 200 and SECRET_TITLE in page.text and "Nội bộ" in page.text
    assert staff.get(f"/van-ban/{LETTER_ID}?dinh-dang=json").json()["access"] == INTERNAL


def test_a_visitor_search_finds_and_counts_nothing_of_it(web):
    visitor, staff, _app = web
    found = visitor.get("/tim-kiem", params={"q": SECRET_WORD, "dinh-dang": "json"}).json()
    assert (found["total"], found["hits"]) == (0, [])
    assert all(not counts for counts in found["facets"].values())
    page = visitor.get("/tim-kiem", params={"q": SECRET_WORD}).text
    assert "0 đoạn khớp" in page  # the query is echoed as typed; nothing of the letter is shown
    assert LETTER_NUMBER not in page and SECRET_TITLE not in page and "Cẩm Xuyên" not in page
    cited = visitor.get("/tim-kiem", params={"q": LETTER_NUMBER, "dinh-dang": "json"}).json()
    assert cited["documents"] == [] and all(h["doc_id"] != LETTER_ID for h in cited["hits"])
    shared = visitor.get("/tim-kiem", params={"q": "báo cáo", "dinh-dang": "json"}).json()
    assert "Công văn" not in shared["facets"]["doc_type"]
    assert all(h["doc_id"] != LETTER_ID for h in shared["hits"])

    staff_found = staff.get("/tim-kiem", params={"q": SECRET_WORD, "dinh-dang": "json"}).json()
    assert staff_found["total"] == 1 and staff_found["hits"][0]["doc_id"] == LETTER_ID
    assert staff_found["facets"]["doc_type"] == {"Công văn": 1}
    assert 'class="badge-internal">Nội bộ' in staff.get("/tim-kiem", params={"q": SECRET_WORD}).text


def test_the_library_list_and_its_json_leave_it_out_for_a_visitor(web):
    visitor, staff, _app = web
    rows = visitor.get("/thu-vien", params={"dinh-dang": "json"}).json()
    assert LETTER_ID not in {r["id"] for r in rows} and {r["access"] for r in rows} == {PUBLIC}
    page = visitor.get("/thu-vien").text
    assert not leaks(page) and "Công văn" not in page
    staff_rows = {r["id"]: r["access"] for r in staff.get("/thu-vien", params={"dinh-dang": "json"}).json()}
    assert staff_rows[LETTER_ID] == INTERNAL and len(staff_rows) == len(rows) + 1
    assert 'class="badge-internal">Nội bộ' in staff.get("/thu-vien").text


def test_a_public_documents_relations_do_not_name_it_to_a_visitor(web):
    visitor, staff, _app = web
    assert LETTER_NUMBER in staff.get(f"/van-ban/{PLAN}").text  # the letter implements the plan
    page = visitor.get(f"/van-ban/{PLAN}")
    assert page.status_code == 200 and not leaks(page.text)


@pytest.mark.skipif(not graphviz_installed(), reason="Graphviz chưa cài: lược đồ không vẽ được")
def test_the_diagram_draws_it_only_for_a_signed_in_account(web):
    visitor, staff, _app = web
    assert "215/UBND&#45;VP" in staff.get(f"/van-ban/{PLAN}/luoc-do.svg").text
    drawn = visitor.get(f"/van-ban/{PLAN}/luoc-do.svg")
    assert drawn.status_code == 200 and "<svg" in drawn.text and not leaks(drawn.text)
    own = visitor.get(f"/van-ban/{LETTER_ID}/luoc-do.svg", follow_redirects=False)
    assert own.status_code == 303 and own.headers["location"].startswith("/dang-nhap")


def test_the_add_form_ticks_internal_by_default_and_the_choice_is_kept(web):
    _visitor, staff, app = web
    form = staff.get("/thu-vien").text
    box = re.search(r'<input type="checkbox" id="noi-bo" name="noi-bo" value="1"( checked)?', form)
    assert box and box.group(1) == " checked"
    assert "Văn bản nội bộ (chỉ người đăng nhập xem được)" in form
    token = csrf_token(staff)
    first = LETTER.replace("215/UBND-VP", "216/UBND-VP")
    staff.post(
        "/thu-vien/them",
        data={"csrf_token": token, "noi-bo": "1"},
        files={"tep": ("cv216.md", first.encode(), "text/markdown")},
    )
    second = LETTER.replace("215/UBND-VP", "217/UBND-VP")
    unticked = {"tep": ("cv217.md", second.encode(), "text/markdown")}
    staff.post("/thu-vien/them", data={"csrf_token": token}, files=unticked)
    library = app.state.workbench.library
    assert library.get("216/UBND-VP").access == INTERNAL and library.get("217/UBND-VP").access == PUBLIC
    details = [e.detail for e in app.state.workbench.audit.entries() if e.action == DOCUMENT_ADDED]
    assert "tệp cv216.md, nội bộ" in details and "tệp cv217.md, công khai" in details
    refused = staff.post(
        "/thu-vien/them",
        data={"csrf_token": token, "ngay-ky": "31/02/2024"},
        files={"tep": ("cv218.md", b"x", "text/markdown")},
    )
    assert refused.status_code == 400
    assert not re.search(r'name="noi-bo" value="1" checked', refused.text), "an unticked box stays unticked"


def test_the_document_page_button_changes_the_level_with_csrf_and_audit(web):
    visitor, staff, app = web
    page = staff.get(f"/van-ban/{LETTER_ID}").text
    assert f'action="/van-ban/{LETTER_ID}/truy-cap"' in page and "Công khai văn bản này" in page
    token = csrf_token(staff, f"/van-ban/{LETTER_ID}")
    forged = staff.post(f"/van-ban/{LETTER_ID}/truy-cap", data={"csrf_token": "x" * 43, "muc": PUBLIC})
    assert forged.status_code == 403
    refused = visitor.post(f"/van-ban/{LETTER_ID}/truy-cap", data={"csrf_token": token, "muc": PUBLIC})
    assert refused.status_code in (401, 403)
    assert app.state.workbench.library.get(LETTER_NUMBER).access == INTERNAL
    wrong = staff.post(f"/van-ban/{LETTER_ID}/truy-cap", data={"csrf_token": token, "muc": "bi-mat"})
    assert wrong.status_code == 400 and "mức truy cập là" in wrong.text

    done = staff.post(
        f"/van-ban/{LETTER_ID}/truy-cap", data={"csrf_token": token, "muc": PUBLIC}, follow_redirects=False
    )
    assert done.status_code == 303 and done.headers["location"] == f"/van-ban/{LETTER_ID}?da-doi=1"
    assert "giờ là văn bản công khai" in staff.get(done.headers["location"]).text
    (entry,) = [e for e in app.state.workbench.audit.entries() if e.action == ACCESS_SET]
    assert (entry.actor, entry.target, entry.detail) == (ADMIN, LETTER_ID, "nội bộ → công khai")
    assert visitor.get(f"/van-ban/{LETTER_ID}").status_code == 200
    found = visitor.get("/tim-kiem", params={"q": SECRET_WORD, "dinh-dang": "json"}).json()
    assert found["total"] == 1, "the index follows the change"


def test_a_clerk_may_change_it_and_a_shipped_text_has_no_button(web, tmp_path):
    _visitor, _staff, app = web
    add_user(app.state.workbench.library.data_dir, "van.thu", "van-thu")
    clerk = TestClient(app)
    assert log_in(clerk, "van.thu").status_code == 303
    token = csrf_token(clerk, f"/van-ban/{LETTER_ID}")
    assert clerk.post(f"/van-ban/{LETTER_ID}/truy-cap", data={"csrf_token": token, "muc": PUBLIC}).status_code == 200
    assert "/truy-cap" not in clerk.get(f"/van-ban/{PLAN}").text
    shipped = clerk.post(f"/van-ban/{PLAN}/truy-cap", data={"csrf_token": token, "muc": INTERNAL})
    assert shipped.status_code == 400 and "luôn công khai" in shipped.text


def test_reference_material_shows_only_what_it_has(web):
    visitor, _staff, _app = web
    page = visitor.get("/van-ban/huong-dan-san-xuat-sach-hon").text
    card = page[page.index('id="thong-tin"') : page.index("</dl>", page.index('id="thong-tin"'))]
    assert "(chưa có số)" not in card and "chưa rõ" not in card and "Người ký" not in card
    assert "Tên tài liệu" in card and "Tác giả" in card and "Sản xuất sạch hơn trong công nghiệp" in card
    legal = visitor.get(f"/van-ban/{PLAN}").text
    assert "Số, ký hiệu" in legal and "Người ký" in legal
