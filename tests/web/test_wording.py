"""The pages speak to a văn thư, not to a command line: no `vanban …` command, no `--option`, no
stored key (role, status, file name) on any page, as each role sees it; a search with an
impossible date keeps what was typed; the audit log pages by 50; dates read dd/mm/yyyy."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from vanban.app.web.admin_pages import LOG_PAGE
from vanban.app.web.config import WebConfig
from vanban.app.web.library_pages import DOCUMENT_ADDED
from vanban.app.web.server import create_app
from vanban.library.store import Library
from vanban.office.audit import AuditLog
from vanban.office.users import ROLES

from .conftest import ADMIN, add_user, csrf_token, log_in, write_legal

CLERK, OFFICER = "van.thu", "chuyen.vien"
#: A command the CLI takes («vanban library add», «vanban audit»), an option («--number»), a role key.
COMMAND = re.compile(r"\bvanban (search|related|draft|check|audit|serve|library|index|tasks|report|number|user)\b")
OPTION = re.compile(r"(?<![\w-])--[a-z]")
ROLE_KEY = re.compile(r"(?<![\w-])(" + "|".join(ROLES) + r")(?![\w-])")
UNPADDED_DATE = re.compile(r"(?<![\d/])(\d/\d{1,2}|\d{2}/\d)/\d{4}\b")

PAGES = [
    "/",
    "/tim-kiem?q=dieu+8+nghi+dinh+30",
    "/tim-kiem?q=s%E1%BA%A3n+xu%E1%BA%A5t+s%E1%BA%A1ch+h%C6%A1n",
    "/tim-kiem?q=1419",
    "/tim-kiem?q=t%E1%BA%ADp+hu%E1%BA%A5n&ngay-hieu-luc=2026-02-31",
    "/thu-vien",
    "/van-ban/khong-co",
    "/dang-nhap",
    "/quan-tri",
    "/quan-tri/nhat-ky",
]


def shown_text(page: str) -> str:
    """What a reader sees: the text without tags, plus the attributes read aloud or shown in fields."""
    visible = re.sub(r'<input type="hidden"[^>]*>|<option value="[^"]*"', " ", page)
    attributes = re.findall(r'(?:placeholder|title|aria-label|alt|value)="([^"]*)"', visible)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return html.unescape(" ".join([body, *attributes]))


def command_line_text(page: str) -> list[str]:
    text = shown_text(page)
    return [m.group(0) for pattern in (COMMAND, OPTION, ROLE_KEY) for m in pattern.finditer(text)]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The shipped corpus, a legal text, an account per role, and audit lines the command line wrote."""
    data = tmp_path_factory.mktemp("wording-data")
    added = Library(data).add([write_legal(tmp_path_factory.mktemp("src"))])
    add_user(data, ADMIN, "quan-tri")
    add_user(data, CLERK, "van-thu")
    add_user(data, OFFICER, "chuyen-vien")
    audit = AuditLog(data)
    audit.record("root", "thêm tài khoản", "le.chi", "vai trò chuyen-vien")
    audit.record("dòng lệnh", "cấp số", "01/SCT năm 2026", "Công văn")
    audit.record(CLERK, DOCUMENT_ADDED, added[0].id, "tệp nghị định.md")
    return data


def client_as(data: Path, name: str | None) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data)))
    if name:
        assert log_in(client, name).status_code == 303
    return client


@pytest.fixture(scope="module")
def clients(data) -> dict[str, TestClient]:
    return {
        role: client_as(data, name)
        for role, name in (("quan-tri", ADMIN), ("van-thu", CLERK), ("chuyen-vien", OFFICER))
    }


def every_page(data: Path) -> list[str]:
    return PAGES + [f"/van-ban/{doc.id}" for doc in Library(data).documents()]


@pytest.mark.parametrize("role", ["quan-tri", "van-thu", "chuyen-vien"])
def test_no_page_shows_command_line_text(clients, data, role):
    client = clients[role]
    found = {}
    for url in every_page(data):
        page = client.get(url).text
        if bad := command_line_text(page):
            found[url] = bad
    assert not found, found


def test_the_scanner_finds_what_it_looks_for():
    """The check above can fail: each kind of command-line text is caught."""
    page = '<p>Thêm bằng: vanban library add TỆP --number 30/2020/NĐ-CP</p><input value="chuyen-vien">'
    assert command_line_text(page) == ["vanban library", "--n", "chuyen-vien"]
    assert command_line_text("<p>vanban — thư viện, tra cứu</p><p>05/03/2020 — 2021-2025</p>") == []
    assert command_line_text('<option value="van-thu">văn thư</option><input type="hidden" name="a" value="--x">') == []


def test_no_page_shows_an_unpadded_date_of_its_own(clients, data):
    """Dates the pages write are dd/mm/yyyy; the one place 7/9 stays is text quoted from a document."""
    client = clients["chuyen-vien"]
    for url in ["/thu-vien", "/tim-kiem?q=1419", "/van-ban/quyet-dinh-889-qd-ttg-2020", "/quan-tri/nhat-ky"]:
        page = client.get(url).text
        outside_text = re.sub(r'<div class="doc-body">.*', "", page, flags=re.S)
        assert not UNPADDED_DATE.search(shown_text(outside_text)), url


def test_search_note_for_a_text_the_library_lacks(clients):
    page = clients["chuyen-vien"].get("/tim-kiem", params={"q": "dieu 8 nghi dinh 30"}).text
    assert (
        "Thư viện chưa có toàn văn Nghị định số 30/2020/NĐ-CP nên chưa tìm được Điều 8. Người có quyền thêm "
        'văn bản hãy thêm tệp ở trang <a href="/thu-vien#them-van-ban">Thư viện › Thêm văn bản</a>.'
    ) in page


def test_search_with_an_impossible_date_keeps_every_field(clients):
    asked = {"q": "tập huấn", "ngay-hieu-luc": "2026-02-31", "loai": "Kế hoạch", "sap-xep": "ngay"}
    response = clients["chuyen-vien"].get("/tim-kiem", params=asked)
    assert response.status_code == 400
    page = response.text
    assert 'id="q" name="q" value="tập huấn"' in page
    assert '<input type="hidden" name="loai" value="Kế hoạch">' in page
    assert '<input type="hidden" name="sap-xep" value="ngay">' in page
    assert 'value="31/02/2026"' in page
    error = re.search(r'<p class="field-error" id="ngay-hieu-luc-loi" role="alert">([^<]+)</p>', page)
    assert error and error.group(1) == "Ngày 31/02/2026 không có thật; hãy chọn lại ngày."
    assert 'aria-describedby="ngay-hieu-luc-vi-du ngay-hieu-luc-loi"' in page


def test_search_reads_a_day_typed_as_ddmmyyyy(clients):
    typed = clients["chuyen-vien"].get(
        "/tim-kiem", params={"q": "sản xuất", "ngay-hieu-luc": "01/06/2021", "dinh-dang": "json"}
    )
    iso = clients["chuyen-vien"].get(
        "/tim-kiem", params={"q": "sản xuất", "ngay-hieu-luc": "2021-06-01", "dinh-dang": "json"}
    )
    assert typed.status_code == 200 and typed.json() == iso.json()
    assert "chỉ gồm văn bản còn hiệu lực (toàn bộ hoặc một phần) ngày 01/06/2021" in typed.json()["notes"]


def test_every_date_field_is_typed_text_with_a_hint(clients):
    for url in ["/tim-kiem", "/thu-vien"]:
        page = clients["quan-tri"].get(url).text
        assert 'type="date"' not in page, url
        field = re.search(r'<input type="text"[^>]*placeholder="ngày/tháng/năm"[^>]*>', page, re.S)
        assert field and 'inputmode="numeric"' in field.group(0) and "pattern=" in field.group(0), url
        assert "ví dụ 29/11/2026" in page


def test_library_add_with_an_impossible_date_keeps_the_form(data, tmp_path):
    client = client_as(data, CLERK)
    form = {"csrf_token": csrf_token(client), "so-hieu": "12/2021/NĐ-CP", "trich-yeu": "Thử", "ngay-ky": "30/02/2021"}
    files = [("tep", ("nghị định.md", write_legal(tmp_path).read_bytes(), "text/markdown"))]
    response = client.post("/thu-vien/them", data=form, files=files, follow_redirects=False)
    assert response.status_code == 400
    assert "Ngày 30/02/2021 không có thật; hãy chọn lại ngày." in response.text
    assert 'value="12/2021/NĐ-CP"' in response.text and 'value="30/02/2021"' in response.text
    assert Library(data).find("12/2021/NĐ-CP") is None


def test_library_add_reads_the_signing_day_as_ddmmyyyy(tmp_path):
    data = tmp_path / "data"
    add_user(data, CLERK, "van-thu")
    client = client_as(data, CLERK)
    form = {"csrf_token": csrf_token(client), "so-hieu": "12/2021/NĐ-CP", "ngay-ky": "07/09/2021"}
    files = [("tep", ("nghị định.md", write_legal(tmp_path).read_bytes(), "text/markdown"))]
    assert client.post("/thu-vien/them", data=form, files=files, follow_redirects=False).status_code == 303
    assert str(Library(data).get("12/2021/NĐ-CP").signed_on) == "2021-09-07"


def test_audit_names_people_roles_and_documents(clients):
    page = clients["quan-tri"].get("/quan-tri/nhat-ky").text
    rows = [shown_text(row) for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    assert any("Quản trị hệ thống (dòng lệnh)" in r and "vai trò chuyên viên" in r for r in rows)
    assert any("Quản trị hệ thống (dòng lệnh)" in r and "cấp số" in r for r in rows)
    assert any(DOCUMENT_ADDED in r and "Nghị định 99/2021/NĐ-CP" in r for r in rows)
    assert not any(" root " in r or "99-2021" in r for r in rows)


def test_audit_pages_by_fifty(tmp_path):
    data = tmp_path / "data"
    add_user(data, ADMIN, "quan-tri")
    audit = AuditLog(data)
    for number in range(1, 121):
        audit.record("le.chi", "lưu dự thảo", f"dự thảo {number:03d}", "")
    client = client_as(data, ADMIN)  # the login adds a line: 122 lines, the newest first
    first = client.get("/quan-tri/nhat-ky").text
    assert first.count("<tr><td") == LOG_PAGE == 50
    assert '<a href="/quan-tri/nhat-ky?trang=2" rel="next">Xem thêm (cũ hơn) ›</a>' in first
    assert "dự thảo 120" in first and "dự thảo 070" not in first
    second = client.get("/quan-tri/nhat-ky?trang=2").text
    assert "dự thảo 070" in second and "dự thảo 120" not in second
    assert '<a href="/quan-tri/nhat-ky" rel="prev">' in second
    last = client.get("/quan-tri/nhat-ky?trang=3").text
    assert last.count("<tr><td") == 22 and "dự thảo 001" in last and "Xem thêm" not in last
    assert client.get("/quan-tri/nhat-ky?trang=0").status_code == 400


def test_document_page_of_a_record_says_it_once_without_research_notes(clients):
    page = clients["chuyen-vien"].get("/van-ban/quyet-dinh-889-qd-ttg-2020").text
    assert page.count('<p class="note">') == 1
    assert "một trang tin" not in re.sub(r'<p class="muted source-note">.*?</p>', "", page, flags=re.S)
    assert '<p class="muted source-note"><strong>Ghi chú nguồn:</strong>' in page
    assert "Văn bản này viện dẫn, sửa đổi, thực hiện…" in page and "Văn bản khác viện dẫn văn bản này" in page


def test_a_handout_has_no_hieu_luc_and_the_plan_no_file_name(clients):
    handout = shown_text(clients["chuyen-vien"].get("/van-ban/huong-dan-san-xuat-sach-hon").text)
    assert "Tài liệu tham khảo, không xét hiệu lực" in handout and "Chưa rõ vào ngày" not in handout
    assert "Tài liệu tham khảo (không phải văn bản quy phạm hay hành chính)" in handout
    plan = clients["chuyen-vien"].get("/van-ban/ke-hoach-484-kh-ubnd-2020").text
    assert "Bản chữ trích từ văn bản đã ký</dd>" in plan and ".txt" not in shown_text(plan)


def test_untitled_items_show_their_first_words_in_the_contents(clients):
    page = clients["chuyen-vien"].get("/van-ban/ke-hoach-484-kh-ubnd-2020").text
    contents = page[page.index('id="de-muc"') :]
    entries = [html.unescape(e).strip() for e in re.findall(r'<li><a href="#[^"]+">([^<]*)</a>', contents)]
    assert "1. Kinh phí để thực hiện được huy động từ các…" in entries
    assert not [e for e in entries if re.fullmatch(r"[\dIVX]+\.?", e)]


def test_search_hits_say_what_they_count_and_the_trich_yeu_once(clients):
    page = clients["chuyen-vien"].get("/tim-kiem", params={"q": "dieu 8 nghi dinh 30"}).text
    assert "Con số là số đoạn văn khớp, không phải số văn bản." in page
    assert re.search(r'<span class="count">\d+ đoạn</span>', page)
    assert page.count("Về công tác văn thư") == 1
    handouts = shown_text(clients["chuyen-vien"].get("/tim-kiem", params={"q": "sản xuất sạch hơn"}).text)
    assert "vanban (tài liệu giải thích)" not in handouts and "chưa rõ" not in handouts


def test_favicon_is_ours_and_linked(clients):
    page = clients["chuyen-vien"].get("/thu-vien").text
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    icon = clients["chuyen-vien"].get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.text.startswith("<svg")


def test_danger_buttons_have_one_readable_rule():
    css = (Path(__file__).parents[2] / "app" / "web" / "static" / "style.css").read_text(encoding="utf-8")
    rules = [r.strip() for r in re.findall(r"^button\.danger \{([^}]*)\}", css, re.M)]
    assert rules == ["background: var(--bad); color: #fff; border-color: var(--bad);"]
    assert not re.search(r"^\.num \{", css, re.M), ".num must not right-align the drafting form's labels"
