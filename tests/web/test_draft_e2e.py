"""Soạn thảo end to end in Debian's chromium: a công văn filled in, a căn cứ taken from the library's
suggestions, a section added and moved, the preview's page pictures, the download, the văn thư's
number; a draft typed, the page closed, the server restarted, the text still there; and the
yearly plan opened in Soạn thảo, sent and numbered.

The screenshots of the README (docs/img/) are taken here.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from tests.web.conftest import add_user, write_legal
from tests.web.test_e2e import CHROMIUM, SHOTS, SIZES, _free_port, _serious, log_in
from vanban.library.readers.office import libreoffice
from vanban.library.store import Library
from vanban.office.drafts import Drafts

OFFICER, CLERK = "tran.binh", "van.thu"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"không có chromium ở {CHROMIUM} (cài: apt-get install chromium)"),
]


class Server:
    """`vanban serve` on a data folder, which can be stopped and started again on the same port."""

    def __init__(self, data: Path):
        self.data, self.port, self.process = data, _free_port(), None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [sys.executable, "-m", "vanban.app", "serve", "--port", str(self.port), "--data", str(self.data)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(self.base + "/thu-vien", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    pytest.fail(f"vanban serve không chạy: {self.process.stdout.read()}")
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Chromium as in test_e2e.py (a fixture imported from another test module is not registered)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--lang=vi"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("e2e-du-thao")
    Library(data).add([write_legal(tmp_path_factory.mktemp("src"))])
    add_user(data, OFFICER, "chuyen-vien")
    add_user(data, CLERK, "van-thu")
    running = Server(data)
    running.start()
    yield running
    running.stop()


def _context(browser, server, **options):
    return browser.new_context(viewport=SIZES["1366x768"], locale="vi-VN", base_url=server.base, **options)


def _saved(page) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#trang-thai-luu")).to_contain_text("Đã lưu lúc", timeout=15_000)


@pytest.mark.skipif(libreoffice() is None, reason="cần LibreOffice để xem trước")
def test_fill_a_cong_van_preview_download_and_take_a_number(browser, server, tmp_path):
    context = _context(browser, server, accept_downloads=True)
    page = context.new_page()
    log_in(page, OFFICER)
    page.click("nav.site-nav >> text=Soạn thảo")
    page.click("a.button:has-text('Công văn')")
    page.fill("#i-trich_yeu", "đôn đốc báo cáo kết quả thực hiện Kế hoạch 484/KH-UBND năm 2026")
    page.fill("[id='i-kinh_gui.0']", "Các sở, ban, ngành cấp tỉnh")
    page.locator("[id='i-can_cu.0']").press_sequentially("889", delay=30)
    suggestion = page.locator(".suggestions button").first
    suggestion.wait_for()
    assert suggestion.inner_text().startswith("Quyết định số 889/QĐ-TTg ngày 24 tháng 6 năm 2020")
    suggestion.click()
    chosen = page.input_value("[id='i-can_cu.0']")
    assert chosen.startswith("Căn cứ Quyết định số 889/QĐ-TTg") and chosen.endswith(";")
    # a row added with the button is suggested too
    page.click("#f-can_cu > .adders button")
    page.locator("[id='i-can_cu.1']").press_sequentially("889", delay=30)
    page.locator("[id='f-can_cu.1'] .suggestions button").first.wait_for()
    page.locator("[id='i-can_cu.1']").fill("")
    page.fill("[id='i-noi_dung.0']", "Để có cơ sở tổng hợp, đề nghị các cơ quan báo cáo kết quả năm 2026.")
    page.click("#f-noi_dung > .adders button:has-text('Thêm đề mục')")
    page.fill("[id='i-noi_dung.1.tieu_de']", "Nội dung báo cáo")
    page.click("[id='f-noi_dung.1.noi_dung'] > .adders button:has-text('Thêm đoạn văn')")
    page.fill("[id='i-noi_dung.1.noi_dung.0']", "- Kết quả thực hiện các nhiệm vụ được giao.")
    # the heading moved above the paragraph: names follow, and the saved YAML has it first
    page.locator("#f-noi_dung > ol > li.item").nth(1).locator(":scope > .item-tools .move-up").click()
    assert page.input_value("[id='i-noi_dung.0.tieu_de']") == "Nội dung báo cáo"
    assert page.input_value("[id='i-noi_dung.0.noi_dung.0']") == "- Kết quả thực hiện các nhiệm vụ được giao."
    assert page.input_value("[id='i-noi_dung.1']").startswith("Để có cơ sở tổng hợp")
    assert page.locator("#f-noi_dung > ol > li.item .num").first.inner_text() == "Mục nội dung 1"
    page.fill("#i-ket_thuc", "Đề nghị các cơ quan, đơn vị khẩn trương thực hiện.")
    page.fill("[id='i-noi_nhan.0']", "Sở Công Thương")
    _saved(page)
    page.wait_for_url("**/du-thao/*")
    stored = yaml.safe_load(page.request.get(page.url + "/yaml").text())
    assert stored["noi_dung"][0]["tieu_de"] == "Nội dung báo cáo"
    assert stored["can_cu"][0].startswith("Căn cứ Quyết định số 889/QĐ-TTg")

    page.click("button[value='xem-truoc']")
    picture = page.locator(".preview-page img").first
    picture.wait_for(timeout=120_000)
    assert picture.evaluate("image => image.decode().then(() => image.naturalWidth)") > 300
    assert page.locator(".verdict").inner_text().startswith("Đạt")
    SHOTS.mkdir(parents=True, exist_ok=True)
    picture.scroll_into_view_if_needed()  # the aside scrolls on its own: show page 1 beside the form
    page.screenshot(path=str(SHOTS / "soan-thao.png"))
    assert _serious(page) == []
    with page.expect_download() as download:
        page.click("a.button:has-text('Tải về .docx')")
    assert download.value.suggested_filename.endswith(".docx")
    assert download.value.suggested_filename.startswith("Công văn (chưa có số) - đôn đốc")

    draft_url = page.url
    page.click("button[value='gui-van-thu']")
    assert "chờ văn thư cấp số" in page.locator(".alert-info").inner_text()
    page.goto("/du-thao")
    page.screenshot(path=str(SHOTS / "du-thao-cua-toi.png"))
    assert _serious(page) == []

    clerk = _context(browser, server).new_page()
    log_in(clerk, CLERK)
    clerk.click("nav.site-nav >> text=Cấp số")
    assert "đôn đốc báo cáo" in clerk.locator(".waiting-table").inner_text()
    clerk.screenshot(path=str(SHOTS / "cho-cap-so.png"))
    assert _serious(clerk) == []
    clerk.fill(".waiting-table input[name='ngay-ban-hanh']", "05/03/2026")
    clerk.click(".waiting-table button:has-text('Cấp số')")
    clerk.locator(".alert-ok").wait_for(timeout=120_000)
    assert "Đã cấp Số: 01/UBND-KT" in clerk.locator(".alert-ok").inner_text()
    # the văn thư sees the numbered page and downloads what they numbered
    clerk.locator(".preview-page img").first.wait_for(timeout=120_000)
    assert clerk.locator(".preview-page img").first.evaluate("i => i.decode().then(() => i.naturalWidth)") > 300
    clerk.screenshot(path=str(SHOTS / "da-cap-so.png"), full_page=True)
    with clerk.expect_download() as numbered:
        clerk.click("a.button:has-text('Tải về .docx')")
    assert numbered.value.suggested_filename.startswith("Công văn 01-UBND-KT - đôn đốc")
    page.goto(draft_url)
    assert "Số: 01/UBND" in page.locator(".alert-ok").inner_text()
    context.close()


def test_a_draft_survives_closing_the_page_and_restarting_the_server(browser, server):
    context = _context(browser, server)
    page = context.new_page()
    log_in(page, OFFICER)
    page.goto("/soan-thao/bao-cao")
    words = "Báo cáo thử: gõ xong đóng trang ngay"
    page.fill("#i-trich_yeu", words)
    page.close()  # within the autosave pause: the page's last request saves it
    drafts = Drafts(server.data)
    deadline = time.monotonic() + 30
    while not any(d.title == words for d in drafts.mine(OFFICER)):
        assert time.monotonic() < deadline, "the text typed before closing was not saved"
        time.sleep(0.2)
    server.stop()
    server.start()
    page = context.new_page()
    page.goto("/du-thao")
    page.click(f"a:has-text('{words}')")
    assert page.input_value("#i-trich_yeu") == words
    context.close()


def test_without_javascript_the_form_still_saves(browser, server):
    context = _context(browser, server, java_script_enabled=False)
    page = context.new_page()
    log_in(page, OFFICER)
    page.goto("/soan-thao/to-trinh")
    assert page.locator("[id='i-kinh_gui.1']").is_visible()  # spare rows to type in
    page.fill("#i-trich_yeu", "đề nghị phê duyệt kế hoạch năm 2027")
    page.click("button[value='xem-truoc']")
    # no Kính gửi: a tờ trình needs one; the message is at the field
    assert "tờ trình phải có nơi kính gửi" in page.locator("#f-kinh_gui .field-error").inner_text()
    assert page.input_value("#i-trich_yeu") == "đề nghị phê duyệt kế hoạch năm 2027"
    page.click(".error-summary a[href='#f-kinh_gui']")
    assert page.url.endswith("#f-kinh_gui")
    context.close()


@pytest.mark.skipif(libreoffice() is None, reason="cần LibreOffice để xem trước")
def test_the_yearly_plan_opened_in_soan_thao_is_numbered_by_the_van_thu(browser, tmp_path_factory):
    """Việc hằng năm → Kế hoạch năm → «Mở trong Soạn thảo» → «Gửi văn thư lấy số» → the văn thư's
    Cấp số: the plan gets the first KH number of its own data folder's year, and the sổ đi its row."""
    data = tmp_path_factory.mktemp("e2e-ke-hoach")
    add_user(data, OFFICER, "chuyen-vien")
    add_user(data, CLERK, "van-thu")
    running = Server(data)
    running.start()
    try:
        context = _context(browser, running, accept_downloads=True)
        page = context.new_page()
        log_in(page, OFFICER)
        page.goto("/viec-hang-nam/ke-hoach")
        page.select_option("#ke-hoach", "ke-hoach-484-kh-ubnd-2020")
        page.fill("#nam", "2026")
        page.click("form.choose-plan button[type=submit]")
        page.wait_for_selector("table.task-edit")
        page.click("#tao-ke-hoach", no_wait_after=True)
        page.wait_for_selector("section.offer", timeout=240_000)
        page.locator("#soan-thao").scroll_into_view_if_needed()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "ke-hoach-mo-soan-thao.png"))
        assert _serious(page) == []
        page.click("#mo-soan-thao")
        page.wait_for_url("**/du-thao/*")
        assert page.input_value("#i-trich_yeu").startswith("Thực hiện Chương trình hành động quốc gia")
        assert page.input_value("[id='i-noi_dung.4.tieu_de']") == "KINH PHÍ THỰC HIỆN"
        assert page.input_value("[id='i-noi_dung.4.noi_dung.0.van_ban']").startswith("Kinh phí để thực hiện")
        assert page.input_value("[id='i-phu_luc.0.bang.0.dong.0.1']").startswith("Đẩy mạnh công tác tuyên truyền")
        page.screenshot(path=str(SHOTS / "ke-hoach-du-thao.png"))
        page.locator("[id='f-noi_dung.4']").screenshot(path=str(SHOTS / "ke-hoach-du-thao-kinh-phi.png"))
        page.goto("/du-thao")
        assert "năm 2026 trên địa bàn tỉnh Hà Tĩnh" in page.locator(".drafts-table").inner_text()
        page.click(".drafts-table a:has-text('Thực hiện Chương trình')")
        page.click("button[value='gui-van-thu']")
        assert "chờ văn thư cấp số" in page.locator(".alert-info").inner_text()

        clerk = _context(browser, running, accept_downloads=True).new_page()
        log_in(clerk, CLERK)
        clerk.click("nav.site-nav >> text=Cấp số")
        assert "năm 2026 trên địa bàn tỉnh Hà Tĩnh" in clerk.locator(".waiting-table").inner_text()
        clerk.fill(".waiting-table input[name='ngay-ban-hanh']", "05/01/2026")
        clerk.click(".waiting-table button:has-text('Cấp số')")
        clerk.locator(".alert-ok").wait_for(timeout=240_000)
        assert "Đã cấp Số: 01/KH-UBND" in clerk.locator(".alert-ok").inner_text()
        with clerk.expect_download() as numbered:
            clerk.click("a.button:has-text('Tải về .docx')")
        assert numbered.value.suggested_filename.startswith("Kế hoạch 01-KH-UBND - Thực hiện Chương trình")
        body = docx.Document(numbered.value.path()).element.body
        text = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
        assert "Số: 01/KH-UBND" in text and "Hà Tĩnh, ngày 05 tháng 01 năm 2026" in text
        clerk.goto("/so-van-ban/di?nam=2026")
        row = clerk.locator("tr:has(a:has-text('01/KH-UBND'))")
        assert "Kế hoạch thực hiện Chương trình hành động quốc gia" in row.inner_text()
        assert "Nguyễn Hồng Lĩnh" in row.inner_text()
        context.close()
    finally:
        running.stop()
