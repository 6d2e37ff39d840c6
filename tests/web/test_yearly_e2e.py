"""End to end in Debian's chromium: each yearly wizard's main path, and a results workbook with a
bad status refused at its cell. The server and browser are test_e2e.py's (`vanban serve` in a
subprocess); each step that matters is shot into out/screenshots/ (README pictures are chosen
from there) and checked with axe-core."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.web.test_e2e import CHROMIUM, SHOTS, SIZES, _serious, browser, log_in, server  # noqa: F401

#: LibreOffice renders the previews: a plan, a report or a handout takes tens of seconds on 2 cores.
MAKE_TIMEOUT_MS = 240_000
OFFICER = "tran.binh"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"không có chromium ở {CHROMIUM} (cài: apt-get install chromium)"),
]


@pytest.fixture
def officer(browser, server):  # noqa: F811
    context = browser.new_context(viewport=SIZES["1366x768"], locale="vi-VN", base_url=server, accept_downloads=True)
    page = context.new_page()
    log_in(page, OFFICER)
    yield page
    context.close()


def _shot(page, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def _until(page, condition: str, timeout_ms: int = 30_000) -> None:
    """Wait until the JavaScript `condition` holds, polled from here: Playwright's own polling
    evaluates strings in the page, which the pages' CSP (no eval) rightly forbids."""
    waited = 0
    while not page.evaluate(condition):
        assert waited < timeout_ms, f"chờ quá lâu: {condition}"
        page.wait_for_timeout(100)
        waited += 100


def _no_overflow(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"tràn ngang {overflow}px"


def test_plan_wizard_main_path(officer, tmp_path):
    page = officer
    page.goto("/viec-hang-nam")
    page.click("text=Kế hoạch năm")
    page.select_option("#ke-hoach", "ke-hoach-484-kh-ubnd-2020")
    page.fill("#nam", "2026")
    _shot(page, "ke-hoach-buoc-1")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("table.task-edit")
    assert "năm 2026 nằm ngoài giai đoạn 2021-2025" in page.locator(".note").first.inner_text()
    assert page.locator("table.task-edit tbody tr:not(.added-row)").count() == 15
    page.uncheck("#giu-1")
    assert "dropped" in page.locator("table.task-edit tbody tr").nth(1).get_attribute("class")
    page.fill("textarea[name=noi-dung-0]", "Tổ chức 04 lớp tập huấn về sản xuất và tiêu dùng bền vững năm 2026")
    _shot(page, "ke-hoach-buoc-2")
    assert _serious(page) == []
    _no_overflow(page)
    with page.expect_download() as download:
        page.click("text=Tải bảng nhiệm vụ (.xlsx)")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert workbook["Nhiệm vụ 2026"].max_row == 1 + 15, "the workbook holds the saved table"
    page.click("#tao-ke-hoach", no_wait_after=True)
    assert page.locator("#dang-tao").is_visible()
    page.wait_for_selector("section.offer", timeout=MAKE_TIMEOUT_MS)
    assert page.locator(".verdict").inner_text().startswith("Đạt")
    assert "giữ 14/15" in page.locator("table.task-edit caption").inner_text(), "the table was saved on the way"
    page.locator("#xem-truoc").scroll_into_view_if_needed()
    _until(page, "[...document.querySelectorAll('.preview-page img')].every(i => i.complete)")
    _shot(page, "ke-hoach-buoc-3")
    page.locator(".preview-pages").scroll_into_view_if_needed()
    _shot(page, "ke-hoach-xem-truoc")
    with page.expect_download() as download:
        page.click("section.offer a:has-text('Tải về .docx')")
    assert download.value.suggested_filename == "Kế hoạch năm 2026 - 484-KH-UBND.docx"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"
    assert _serious(page) == []


def _fill(template: bytes, answers: dict[int, tuple], target: tuple[int, float] | None = None) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    for number, values in answers.items():
        for column, value in enumerate(values, 4):
            workbook["Nhiệm vụ"].cell(row=number + 1, column=column, value=value)
    if target:
        workbook["Chỉ tiêu"].cell(row=target[0] + 1, column=3, value=target[1])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _start_report(page) -> bytes:
    page.goto("/viec-hang-nam/bao-cao")
    page.select_option("#ke-hoach", "ke-hoach-484-kh-ubnd-2020")
    page.fill("#nam", "2025")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("#bieu-mau")
    with page.expect_download() as download:
        page.click("text=Tải biểu mẫu kết quả năm 2025")
    assert download.value.suggested_filename == "ket-qua-2025-484-KH-UBND.xlsx"
    return Path(download.value.path()).read_bytes()


def _drop(page, files: dict[str, bytes]) -> None:
    """Drag files onto the drop zone as a file manager does (a DataTransfer with File objects)."""
    encoded = {name: base64.b64encode(content).decode() for name, content in files.items()}
    transfer = page.evaluate_handle(
        """(files) => {
            const transfer = new DataTransfer();
            for (const [name, data] of Object.entries(files)) {
                const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
                transfer.items.add(new File([bytes], name));
            }
            return transfer;
        }""",
        encoded,
    )
    page.dispatch_event(".drop-zone", "dragenter", {"dataTransfer": transfer})
    assert "drop-over" in page.locator(".drop-zone").get_attribute("class")
    page.dispatch_event(".drop-zone", "drop", {"dataTransfer": transfer})


def test_report_wizard_main_path_with_drag_and_drop(officer):
    page = officer
    template = _start_report(page)
    _shot(page, "bao-cao-buoc-2")
    files = {
        "so-cong-thuong.xlsx": _fill(
            template,
            {1: ("Hoàn thành", "Tổ chức 03 lớp tập huấn."), 2: ("Hoàn thành", "Cuộc thi trực tuyến.")},
            target=(1, 90),
        ),
        "so-nong-nghiep.xlsx": _fill(
            template,
            {13: ("Đang thực hiện", "Thí điểm 02 xã.", "Thiếu kinh phí.", "Đề nghị UBND tỉnh bố trí kinh phí.")},
            target=(3, 82),
        ),
    }
    _drop(page, files)
    assert page.locator(".drop-chosen").inner_text() == "Đã chọn 2 tệp: so-cong-thuong.xlsx, so-nong-nghiep.xlsx"
    page.click("form.drop-form button[type=submit]")
    page.wait_for_selector("#tong-hop")
    assert "3/29 nhiệm vụ có báo cáo từ 2 bảng tính" in page.locator("#tong-hop").inner_text()
    totals = page.locator(".status-table tfoot td").all_inner_texts()
    assert totals == ["2", "1", "0", "26", "29"]
    assert page.locator(".targets-table tbody tr").first.locator("td").nth(4).inner_text() == "Đạt"
    _until(page, "document.querySelector('.chart img').naturalWidth > 0")
    page.locator("#tong-hop").scroll_into_view_if_needed()
    _shot(page, "bao-cao-buoc-3")
    assert _serious(page) == []
    _no_overflow(page)
    page.click("#tao-bao-cao")
    page.wait_for_selector("section.offer", timeout=MAKE_TIMEOUT_MS)
    assert page.locator(".verdict").inner_text().startswith("Đạt")
    page.locator("#xem-truoc").scroll_into_view_if_needed()
    _until(page, "[...document.querySelectorAll('.preview-page img')].every(i => i.complete)")
    _shot(page, "bao-cao-buoc-4")
    with page.expect_download() as download:
        page.click("section.offer a:has-text('Tải về .docx')")
    assert download.value.suggested_filename == "Báo cáo kết quả năm 2025 - 484-KH-UBND.docx"
    with page.expect_download() as download:
        page.click("text=Tải danh sách 26 nhiệm vụ chưa có báo cáo")
    assert download.value.suggested_filename == "Báo cáo kết quả năm 2025 - 484-KH-UBND-chua-bao-cao.xlsx"
    chase = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["Chưa báo cáo"]
    assert chase.max_row == 1 + 26


def test_period_report_from_two_years_workbooks(officer):
    page = officer
    page.goto("/viec-hang-nam/bao-cao")
    page.select_option("#ke-hoach", "ke-hoach-484-kh-ubnd-2020")
    page.check("input[name=loai][value=giai-doan]")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("#bieu-mau")
    assert page.locator("h1").inner_text() == "Báo cáo tổng kết giai đoạn 2021-2025"
    books = []
    for year, answers in ((2023, {1: ("Đang thực hiện", "")}), (2025, {1: ("Hoàn thành", "Đã xong.")})):
        with page.expect_download() as download:
            page.click(f"text=Biểu mẫu kết quả năm {year}")
        books.append((f"ket-qua-{year}.xlsx", _fill(Path(download.value.path()).read_bytes(), answers)))
    page.set_input_files("#tep", [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in books])
    page.click("form.drop-form button[type=submit]")
    page.wait_for_selector("#tong-hop")
    rows = page.locator(".years-table tbody th").all_inner_texts()
    assert rows == ["2023", "2025", "Cả giai đoạn"]
    page.locator("#tong-hop").scroll_into_view_if_needed()
    _shot(page, "bao-cao-giai-doan")
    assert _serious(page) == []
    _no_overflow(page)
    page.click("#tao-bao-cao")
    page.wait_for_selector("section.offer", timeout=MAKE_TIMEOUT_MS)
    with page.expect_download() as download:
        page.click("section.offer a:has-text('Tải về .docx')")
    assert download.value.suggested_filename == "Báo cáo tổng kết giai đoạn 2021-2025 - 484-KH-UBND.docx"


def test_report_upload_with_a_bad_status_is_refused_at_its_cell(officer, tmp_path):
    page = officer
    template = _start_report(page)
    bad = tmp_path / "so-xay-dung.xlsx"
    bad.write_bytes(_fill(template, {2: ("Xong rồi", "Đã làm xong.")}))
    page.set_input_files("#tep", str(bad))  # the plain file input: the fallback without drag and drop
    page.click("form.drop-form button[type=submit]")
    page.wait_for_selector(".workbook-errors")
    cells = page.locator(".workbook-errors tbody tr").first.locator("td").all_inner_texts()
    assert cells[:4] == ["so-xay-dung.xlsx", "Nhiệm vụ", "3", "Trạng thái"]
    assert "«Xong rồi» không có trong danh sách" in cells[4]
    assert page.locator("#tong-hop").count() == 0 and page.locator("#tao-bao-cao").count() == 0
    assert page.evaluate("document.activeElement.matches('[data-scroll-here]')"), "the error is brought into view"
    _shot(page, "bao-cao-loi-trang-thai")
    assert _serious(page) == []


def test_handout_editor_live_preview_and_download(officer):
    page = officer
    page.goto("/viec-hang-nam/tai-lieu")
    page.click("#viet-moi")
    page.wait_for_selector("#nguon")
    assert "(Kế hoạch số 484/KH-UBND, mục II.4)" in page.locator("#xem-nhanh").inner_text()
    assert "tieu_de" not in page.locator("#nguon").input_value(), "the editor holds the body only"
    page.fill("#bia-tieu-de", "Sản xuất sạch hơn cho doanh nghiệp")
    page.fill("#bia-ngay", "31/02/2026")
    error = page.locator("#bia-ngay-loi")
    error.wait_for()
    assert error.inner_text() == "Ngày trên bìa «31/02/2026» không có thật; ghi ngày/tháng/năm, ví dụ 29/11/2026."
    assert page.get_attribute("#bia-ngay", "aria-invalid") == "true"
    page.fill("#bia-ngay", "10/06/2026")
    _until(page, "!document.getElementById('bia-ngay-loi')")
    _until(page, "document.querySelector('#xem-nhanh .cover-title').textContent.includes('doanh nghiệp')")
    editor = page.locator("#nguon")
    editor.press("Control+End")
    page.click("button:has-text('Đề mục lớn')")
    page.keyboard.type("Chính sách của tỉnh")
    _until(page, "document.querySelector('#xem-nhanh h1:last-of-type').textContent === 'Chính sách của tỉnh'")
    page.click("button:has-text('Bảng')")
    page.keyboard.type("Việc")  # the selected «Cột 1» is replaced by what is typed
    assert "| Việc | Cột 2 |\n|---|---|" in editor.input_value()
    editor.press("Control+End")
    _until(page, "document.querySelectorAll('#xem-nhanh table').length === 1")
    page.fill("#trich-tim", "484")
    page.click(".quote-results button[data-document='484/KH-UBND']")
    page.fill("#trich-tim", "thúc đẩy sản xuất sạch hơn")
    page.click(".quote-results button[data-quotation='{{trich 484/KH-UBND II.4}}']")
    _until(page, "document.querySelectorAll('#xem-nhanh figure.quote').length === 2")
    assert editor.input_value().endswith("| … | … |\n\n{{trich 484/KH-UBND II.4}}\n\n"), "after the table, not in it"
    editor.press("Control+End")
    editor.type("\n{{trich 484/KH-UBND II.99}}\n")
    error = page.locator("#xem-nhanh .quote-error")
    error.wait_for()
    line = page.evaluate("document.querySelector('#nguon').value.split('\\n').indexOf('{{trich 484/KH-UBND II.99}}')")
    assert error.inner_text() == (
        f"Dòng {line + 1}: không tìm thấy mục II.99 trong Kế hoạch 484/KH-UBND; hãy chọn lại bằng «Chèn trích dẫn»."
    )
    _shot(page, "tai-lieu-loi-trich-dan")
    text = editor.input_value().replace("{{trich 484/KH-UBND II.99}}", "{{trich 99/2021/NĐ-CP Điều 8.2.a}}")
    editor.fill(text)
    editor.press("End")  # an input event, as typing makes
    _until(page, "document.querySelectorAll('#xem-nhanh figure.quote').length === 3")
    assert page.locator("#xem-nhanh .quote-error").count() == 0
    citations = page.locator("#xem-nhanh figcaption").all_inner_texts()
    assert citations[-1] == "(điểm a khoản 2 Điều 8 Nghị định số 99/2021/NĐ-CP)"
    editor.type("\n<b>không in đậm</b>\n")
    _until(page, "document.querySelector('#xem-nhanh').textContent.includes('<b>không in đậm</b>')")
    assert page.locator("#xem-nhanh b").count() == 0, "typed HTML stays text"
    page.fill("#trich-tim", "")  # the sections of the chosen document again, for the README picture
    _until(page, "document.querySelectorAll('.quote-results button[data-quotation]').length > 5")
    editor.evaluate("e => { e.scrollTop = 0; }")
    page.evaluate("window.scrollTo(0, 0)")  # the preview pane follows the scroll; the picture shows it in place
    box = page.locator("form.handout-form").bounding_box()
    page.screenshot(path=str(SHOTS / "tai-lieu-soan-thao.png"), full_page=True, clip=box)
    assert _serious(page) == []
    _no_overflow(page)
    page.click("#tao-tai-lieu")
    page.wait_for_selector("section.offer", timeout=MAKE_TIMEOUT_MS)
    assert "Tài liệu tập huấn" in page.locator(".verdict").inner_text()
    assert page.input_value("#bia-tieu-de") == "Sản xuất sạch hơn cho doanh nghiệp", "the cover is kept"
    page.locator("#xem-truoc").scroll_into_view_if_needed()
    _until(page, "[...document.querySelectorAll('.preview-page img')].every(i => i.complete)")
    _shot(page, "tai-lieu-tai-ve")
    with page.expect_download() as download:
        page.click("section.offer a:has-text('Tải về .docx')")
    assert download.value.suggested_filename == "Tài liệu tập huấn - Sản xuất sạch hơn cho doanh nghiệp.docx"


def test_handout_editor_on_a_phone(browser, server):  # noqa: F811
    context = browser.new_context(viewport=SIZES["dien-thoai"], locale="vi-VN", base_url=server)
    page = context.new_page()
    log_in(page, OFFICER)
    page.goto("/viec-hang-nam/tai-lieu")
    page.click("#viet-moi")
    page.wait_for_selector(".quote-results button[data-document]")
    _no_overflow(page)
    _shot(page, "tai-lieu-dien-thoai", full_page=True)
    assert _serious(page) == []
    context.close()
