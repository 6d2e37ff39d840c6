"""`/so-van-ban`: the registers in the browser — forms, field errors, roles, all-or-nothing uploads."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import openpyxl
import pytest
from starlette.testclient import TestClient

from tests.web.conftest import ADMIN, add_user, csrf_token, log_in, write_legal
from vanban.app.web.config import WebConfig
from vanban.app.web.server import create_app
from vanban.library.model import INTERNAL
from vanban.library.store import Library
from vanban.office.audit import AuditLog
from vanban.office.incoming import IncomingRegister
from vanban.office.register import Register

CLERK, OFFICER = "van.thu", "chuyen.vien"
THIS_YEAR = _dt.date.today().year


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    add_user(folder, ADMIN, "quan-tri")
    add_user(folder, CLERK, "van-thu")
    add_user(folder, OFFICER, "chuyen-vien")
    return folder


@pytest.fixture
def clerk(data: Path) -> TestClient:
    client = TestClient(create_app(WebConfig(data_dir=data, max_upload_mb=1)))
    assert log_in(client, CLERK).status_code == 303
    return client


def _post(client: TestClient, url: str, page: str, **fields):
    files = fields.pop("files", None)
    form = {"csrf_token": csrf_token(client, page), **fields}
    return client.post(url, data=form, files=files, follow_redirects=False)


def _take(client: TestClient, **fields):
    values = {"loai": "KH", "co-quan": "UBND", "viec": "cap", **fields}
    return _post(client, "/so-van-ban/di", "/so-van-ban/di", **values)


def _field_error(page: str, field: str, form: str = "f") -> str:
    """The error shown under one field of a form (by its id), or ''."""
    match = re.search(rf'id="{form}-{field}-loi"[^>]*>([^<]+)<', page)
    return match.group(1) if match else ""


def test_the_clerk_takes_a_number_filled_with_the_form(clerk, data):
    taken = _take(
        clerk,
        **{"trich-yeu": "Kế hoạch tập huấn", "nguoi-ky": "Nguyễn Hồng Lĩnh", "noi-nhan": "Sở Công Thương", "luu": "VT"},
    )
    assert taken.status_code == 303
    entry = clerk.get(taken.headers["location"])
    assert "Đã cấp số" in entry.text and "01/KH-UBND" in entry.text
    [stored] = Register(data).entries()
    assert (stored.title, stored.signer, stored.recipients, stored.archive) == (
        "Kế hoạch tập huấn",
        "Nguyễn Hồng Lĩnh",
        "Sở Công Thương",
        "VT",
    )
    assert AuditLog(data).entries(limit=1)[0].actor == CLERK
    listing = clerk.get("/so-van-ban/di").text
    assert "01/KH-UBND" in listing and "Kế hoạch tập huấn" in listing and "Đơn vị, người nhận bản lưu" in listing
    assert _take(clerk, loai="BC").headers["location"] == f"/so-van-ban/di/{stored.id + 1}?moi=1"
    assert "02/BC-UBND" in clerk.get("/so-van-ban/di").text, "one series for all administrative documents"


def test_a_letter_typed_by_hand_has_its_unit_and_the_issuer_is_the_offices_own(clerk, data, tmp_path):
    """Cơ quan defaults to the office's issuer (the default profile's before any number, then the
    last used), never a fixed «UBND»; a công văn's ký hiệu carries the drafting unit; the printed
    sổ's cover names the agency whose numbers it holds."""
    assert 'name="co-quan" type="text" value="UBND"' in clerk.get("/so-van-ban/di").text  # the default profile's
    _take(clerk, **{"co-quan": "SCT", "trich-yeu": "Kế hoạch"})
    assert 'name="co-quan" type="text" value="SCT"' in clerk.get("/so-van-ban/di").text
    _take(clerk, loai="CV", **{"co-quan": "SCT", "trich-yeu": "Công văn A"})
    letter = _take(clerk, loai="CV", **{"co-quan": "SCT", "don-vi": "QLCN", "trich-yeu": "Công văn B"})
    assert "03/SCT-QLCN" in clerk.get(letter.headers["location"]).text
    assert "03/SCT-QLCN" in clerk.get("/so-van-ban/di").text and "02/SCT</a>" in clerk.get("/so-van-ban/di").text
    refused = _take(clerk, loai="CV", **{"co-quan": "SCT", "don-vi": "qlcn phòng"})
    assert refused.status_code == 400 and "đơn vị soạn thảo" in _field_error(refused.text, "don-vi")
    download = clerk.get(f"/so-van-ban/di/tai-ve?nam={THIS_YEAR}&dinh-dang=xlsx")
    path = tmp_path / "so.xlsx"
    path.write_bytes(download.content)
    workbook = openpyxl.load_workbook(path)
    assert "SỞ CÔNG THƯƠNG" in " ".join(str(c.value).upper() for c in workbook["Bìa sổ"]["A"] if c.value)
    assert workbook["Sổ văn bản đi"]["A7"].value == "03/SCT-QLCN"


def test_reserve_then_cancel_with_a_reason_and_the_history(clerk, data):
    reserved = _take(clerk, viec="giu")
    url = reserved.headers["location"].split("?")[0]
    shown = clerk.get(reserved.headers["location"]).text
    assert "Đã giữ số" in shown
    # Cancelling cannot be undone: the form is in a closed box, opened only when asked for.
    assert '<details class="confirm-cancel">' in shown and "Xác nhận hủy số" in shown
    missing = _post(clerk, f"{url}/huy", url, **{"ly-do": " "})
    assert missing.status_code == 400 and "lý do" in _field_error(missing.text, "ly-do", "h")
    assert '<details class="confirm-cancel" open>' in missing.text, "the reason's error is shown, not hidden"
    cancelled = _post(clerk, f"{url}/huy", url, **{"ly-do": "văn bản không ký"})
    assert cancelled.status_code == 303
    page = clerk.get(url).text
    assert "đã hủy" in page and "văn bản không ký" in page and "Hủy số 01" not in page
    again = _post(clerk, f"{url}/huy", "/so-van-ban/di", **{"ly-do": "lần hai"})
    assert again.status_code == 409 and "không hủy lại" in again.text
    assert [line.action for line in Register(data).history(1)] == ["giữ số", "đã hủy"]


def test_the_clerk_completes_the_columns_later(clerk, data):
    url = _take(clerk).headers["location"].split("?")[0]
    done = _post(clerk, f"{url}/bo-sung", url, **{"so-ban": "12", "ngay-chuyen": "2026-03-06", "ky-nhan": "Trần Bình"})
    assert done.status_code == 303
    entry = Register(data).get(1)
    assert (entry.copies, entry.sent_on, entry.receipt) == (12, "2026-03-06", "Trần Bình")
    page = clerk.get(url).text
    assert "số lượng bản: «» → «12»" in page


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"loai": "XYZ"}, "loai", "Phụ lục III"),
        ({"co-quan": "ubnd tỉnh"}, "co-quan", "chỉ chữ in hoa"),
        ({"co-quan": ""}, "co-quan", "không được để trống"),
        ({"ngay": "2026-02-30"}, "ngay", "không có thật"),
        ({"ngay": "1900-01-05"}, "ngay", "năm 1900 không hợp lệ"),
        ({"trich-yeu": "x" * 2001}, "trich-yeu", "quá 2000"),
    ],
)
def test_take_form_errors_are_shown_at_their_field_and_take_nothing(clerk, data, fields, field, words):
    refused = _take(clerk, **fields)
    assert refused.status_code == 400
    assert words in _field_error(refused.text, field)
    assert 'aria-invalid="true"' in refused.text
    assert Register(data).entries() == []


def test_fill_form_error_at_its_field(clerk):
    url = _take(clerk).headers["location"].split("?")[0]
    refused = _post(clerk, f"{url}/bo-sung", url, **{"so-ban": "mười"})
    assert refused.status_code == 400 and "số nguyên dương" in _field_error(refused.text, "so-ban")
    assert 'value="mười"' in refused.text, "what was typed stays in the form"


def test_roles_officer_may_not_see_or_take(data):
    client = TestClient(create_app(WebConfig(data_dir=data)))
    assert client.get("/so-van-ban/di", follow_redirects=False).headers["location"].startswith("/dang-nhap")
    assert log_in(client, OFFICER).status_code == 303
    assert client.get("/so-van-ban/di").status_code == 403
    assert client.get("/so-van-ban/den").status_code == 403
    assert "Sổ văn bản" not in client.get("/thu-vien").text
    refused = _post(client, "/so-van-ban/di", "/thu-vien", loai="KH", **{"co-quan": "UBND"})
    assert refused.status_code == 403 and Register(data).entries() == []


def test_a_post_without_the_csrf_token_is_refused(clerk, data):
    refused = clerk.post("/so-van-ban/di", data={"loai": "KH", "co-quan": "UBND"})
    assert refused.status_code == 403 and Register(data).entries() == []


def test_the_admin_sees_the_nav_link(data):
    client = TestClient(create_app(WebConfig(data_dir=data)))
    log_in(client, ADMIN)
    assert 'href="/so-van-ban/di"' in client.get("/thu-vien").text


def test_records_a_received_document_into_the_library_and_the_register(clerk, data, tmp_path):
    source = write_legal(tmp_path)
    with source.open("rb") as handle:
        done = _post(
            clerk,
            "/so-van-ban/den",
            "/so-van-ban/den",
            nhan="Phòng Kinh tế",
            **{"ngay-den": f"{THIS_YEAR}-01-05"},
            files={"tep": (source.name, handle, "text/markdown")},
        )
    assert done.status_code == 303, done.text
    [entry] = IncomingRegister(data).entries()
    assert (entry.number, entry.sender, entry.symbol, entry.signed_on, entry.handler) == (
        1,
        "Chính phủ",
        "99/2021/NĐ-CP",
        "2021-03-05",
        "Phòng Kinh tế",
    )
    assert entry.title == "Nghị định Quy định thử về công tác văn thư"
    page = clerk.get(done.headers["location"]).text
    assert "số đến <strong" in page and f'href="/van-ban/{entry.doc_id}"' in page
    assert clerk.get(f"/van-ban/{entry.doc_id}").status_code == 200
    assert Library(data).get(entry.doc_id).access == INTERNAL, "incoming mail is not for anonymous readers"
    edited = _post(
        clerk,
        f"/so-van-ban/den/{entry.id}/bo-sung",
        "/so-van-ban/den",
        **{
            "ngay-den": entry.received_on,
            "tac-gia": entry.sender,
            "so-ky-hieu": entry.symbol,
            "ngay": entry.signed_on,
            "trich-yeu": entry.title,
            "nhan": "Phòng Tài chính",
            "ky-nhan": "Lê Hoa",
            "ghi-chu": "",
        },
    )
    assert edited.status_code == 303 and IncomingRegister(data).get(entry.id).handler == "Phòng Tài chính"
    listing = clerk.get(f"/so-van-ban/den?nam={THIS_YEAR}").text
    assert "99/2021/NĐ-CP" in listing and "Phòng Tài chính" in listing


def _library_ids(data: Path) -> set[str]:
    return {p.stem for p in (data / "documents").glob("*.json")} if (data / "documents").exists() else set()


def test_a_refused_file_leaves_no_register_row(clerk, data, tmp_path):
    bad = tmp_path / "rong.txt"
    bad.write_text("", encoding="utf-8")
    with bad.open("rb") as handle:
        refused = _post(clerk, "/so-van-ban/den", "/so-van-ban/den", files={"tep": (bad.name, handle, "text/plain")})
    assert refused.status_code == 400 and "rong.txt" in _field_error(refused.text, "tep")
    assert IncomingRegister(data).entries() == [] and _library_ids(data) == set()


def test_a_refused_entry_leaves_the_library_as_it_was(clerk, data, tmp_path):
    source = write_legal(tmp_path)
    with source.open("rb") as handle:
        refused = _post(
            clerk,
            "/so-van-ban/den",
            "/so-van-ban/den",
            files={"tep": (source.name, handle, "text/markdown")},
            **{"ngay-den": "2999-01-01"},
        )
    assert refused.status_code == 400 and "sau ngày hôm nay" in _field_error(refused.text, "ngay-den")
    assert IncomingRegister(data).entries() == [] and _library_ids(data) == set()


def test_no_file_is_an_error_at_the_file_field(clerk, data):
    refused = _post(clerk, "/so-van-ban/den", "/so-van-ban/den", **{"tac-gia": "Bộ Công Thương"})
    assert refused.status_code == 400 and "chưa chọn tệp" in _field_error(refused.text, "tep")
    assert 'value="Bộ Công Thương"' in refused.text


def test_the_year_books_download(clerk, data, tmp_path):
    _take(clerk, **{"trich-yeu": "Kế hoạch tập huấn"})
    download = clerk.get(f"/so-van-ban/di/tai-ve?nam={THIS_YEAR}&dinh-dang=xlsx")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == f'attachment; filename="so-van-ban-di-{THIS_YEAR}.xlsx"'
    path = tmp_path / "so.xlsx"
    path.write_bytes(download.content)
    sheet = openpyxl.load_workbook(path)["Sổ văn bản đi"]
    assert sheet["A5"].value == "01/KH-UBND" and sheet["C5"].value == "Kế hoạch tập huấn"
    line = AuditLog(data).entries(limit=1)[0]
    assert (line.actor, line.action, line.target) == (CLERK, "tải sổ văn bản", f"so-van-ban-di-{THIS_YEAR}.xlsx")
    assert clerk.get("/so-van-ban/di/tai-ve?dinh-dang=csv").status_code == 400
    assert clerk.get("/so-van-ban/ra/tai-ve").status_code == 400


# -- in Chromium -------------------------------------------------------------------------------

from tests.web import test_e2e  # noqa: E402
from tests.web.test_e2e import CHROMIUM, SIZES, _serious  # noqa: E402
from tests.web.test_e2e import log_in as browser_log_in  # noqa: E402

#: The end-to-end module's live server (`vanban serve`) and Debian's chromium, shared as fixtures.
browser, server = test_e2e.browser, test_e2e.server

#: Where the shots go (out/, ignored by git); the README's copies in docs/img/ are taken from here.
SHOTS = test_e2e.SHOTS
RECEIVED_TEXT = """---
number: 120/BCT-TKNL
doc_type: Công văn
title: V/v báo cáo tình hình sử dụng năng lượng năm 2026
issuer: Bộ Công Thương
signed_on: 2026-11-20
---

Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh

Bộ Công Thương đề nghị Ủy ban nhân dân tỉnh báo cáo tình hình sử dụng năng lượng năm 2026 của các cơ sở sử
dụng năng lượng trọng điểm trên địa bàn tỉnh.
"""


def _signed_in(browser, server):
    context = browser.new_context(viewport=SIZES["1366x768"], locale="vi-VN", base_url=server)
    page = context.new_page()
    browser_log_in(page, ADMIN)
    return context, page


@pytest.mark.e2e
@pytest.mark.skipif(not CHROMIUM.exists(), reason="không có chromium")
def test_two_browsers_taking_a_number_at_the_same_moment_get_two_consecutive_numbers(browser, server):
    contexts, pages = zip(*(_signed_in(browser, server) for _ in range(2)), strict=True)
    for page, title in zip(pages, ("Kế hoạch của phòng A", "Kế hoạch của phòng B"), strict=True):
        page.goto("/so-van-ban/di")
        page.select_option("#f-loai", "KH")
        page.fill("#f-trich-yeu", title)
    # Both forms are sent before either answer is awaited: the two requests are in the server together.
    for page in pages:
        page.evaluate("document.querySelector('.register-form button[value=cap]').click()")
    numbers = []
    for page in pages:
        page.wait_for_url("**/so-van-ban/di/*?moi=1")
        numbers.append(page.locator(".new-number").inner_text())
    serials = sorted(int(n.split("/")[0]) for n in numbers)
    assert len(set(numbers)) == 2 and serials[1] == serials[0] + 1, numbers
    for context in contexts:
        context.close()


@pytest.mark.e2e
@pytest.mark.skipif(not CHROMIUM.exists(), reason="không có chromium")
def test_register_pages_in_the_browser_field_error_and_screenshots(browser, server, tmp_path):
    context, page = _signed_in(browser, server)
    page.goto("/so-van-ban/di")
    page.fill("#f-co-quan", "ubnd tỉnh")
    page.click(".register-form button[value=cap]")
    error = page.locator("#f-co-quan-loi")
    assert "chỉ chữ in hoa" in error.inner_text() and page.locator("#f-co-quan").get_attribute("aria-invalid") == "true"
    page.fill("#f-co-quan", "UBND")
    page.fill("#f-ngay", "2026-11-20")
    page.fill("#f-nguoi-ky", "Nguyễn Hồng Lĩnh")
    page.fill("#f-trich-yeu", "Kế hoạch tổ chức tập huấn về sản xuất và tiêu dùng bền vững năm 2026")
    page.fill("#f-noi-nhan", "Bộ Công Thương (b/c)\nCác sở, ban, ngành cấp tỉnh")
    page.fill("#f-luu", "VT, KT")
    page.click(".register-form button[value=cap]")
    page.wait_for_url("**?moi=1")
    page.fill("#f-so-ban", "12")
    page.fill("#f-ngay-chuyen", "2026-11-21")
    page.fill("#f-ky-nhan", "Trần Bình")
    page.click("form[action$='/bo-sung'] button[type=submit]")
    page.wait_for_url("**?xong=bo-sung")
    assert page.locator("table.history tbody tr").count() == 2
    assert _serious(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "so-van-ban-so.png"))
    page.goto("/so-van-ban/di")
    assert _serious(page) == []
    page.screenshot(path=str(SHOTS / "so-van-ban-di.png"), full_page=True)
    source = tmp_path / "cong-van-120-bct.md"
    source.write_text(RECEIVED_TEXT, encoding="utf-8")
    page.goto("/so-van-ban/den")
    page.set_input_files("#f-tep", str(source))
    page.fill("#f-nhan", "Phòng Kinh tế")
    page.click(".register-form button[type=submit]")
    page.wait_for_url("**/so-van-ban/den/*?moi=1")
    assert page.locator(".new-number").inner_text() == "01"  # like a số đi, with its leading zero
    page.goto("/so-van-ban/den")
    assert "120/BCT-TKNL" in page.locator("table.register").inner_text()
    assert _serious(page) == []
    page.screenshot(path=str(SHOTS / "so-van-ban-den.png"), full_page=True)
    page.set_viewport_size(SIZES["dien-thoai"])
    for url in ("/so-van-ban/di", "/so-van-ban/den", "/so-van-ban/di/1"):
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{url} tràn ngang {overflow}px trên điện thoại"
    page.screenshot(path=str(SHOTS / "so-van-ban-so-dien-thoai.png"), full_page=True)
    context.close()
