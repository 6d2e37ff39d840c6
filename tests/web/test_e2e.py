"""End to end: `vanban serve` started as the README says, driven in Debian's chromium.

Each page is shot at 1366×768 and on a phone (out/screenshots/, ignored by git) and checked with
axe-core (no serious or critical violation), for overflow, for keyboard use and without JavaScript.
Pages that need an account are opened signed in through the login form, as a person would.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx
import pytest
from PIL import Image

from tests.generator.conftest import composed, paragraph
from tests.web.conftest import ADMIN, PASSWORD, add_user, write_legal
from vanban.library.store import Library

CHROMIUM = Path(os.environ.get("VANBAN_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"
SIZES = {"1366x768": {"width": 1366, "height": 768}, "dien-thoai": {"width": 390, "height": 844}}
PAGES = {
    "tra-cuu": "/tim-kiem?q=s%E1%BA%A3n+xu%E1%BA%A5t+s%E1%BA%A1ch+h%C6%A1n",
    "tra-cuu-trong": "/",
    "thu-vien": "/thu-vien",
    "van-ban-484": "/van-ban/ke-hoach-484-kh-ubnd-2020#II.4",
    "van-ban-nghi-dinh": "/van-ban/99-2021-nd-cp#Chương-I.Điều-8.Khoản-2.Điểm-a",
    "kiem-tra": "/kiem-tra",
    "loi-404": "/van-ban/khong-co",
    "dang-nhap": "/dang-nhap",
    "quan-tri": "/quan-tri",
    "nhat-ky": "/quan-tri/nhat-ky",
    "loi-403": "/quan-tri",
}
#: Who opens each page (others: nobody signed in).
SIGNED_IN = {"kiem-tra": ADMIN, "quan-tri": ADMIN, "nhat-ky": ADMIN, "loi-403": "tran.binh"}

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"không có chromium ở {CHROMIUM} (cài: apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`vanban serve --port N --data DIR` in a subprocess; the address once it answers."""
    data = tmp_path_factory.mktemp("e2e-data")
    Library(data).add([write_legal(tmp_path_factory.mktemp("src"))])
    add_user(data, ADMIN, "quan-tri")
    add_user(data, "tran.binh", "chuyen-vien")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban.app", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/thu-vien", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"vanban serve không chạy: {process.stdout.read()}")
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The browser's own words (the file picker's "Chọn tệp") as a Vietnamese user's browser says them.
        language = {**os.environ, "LANGUAGE": "vi"}
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--lang=vi"], env=language)
        yield launched
        launched.close()


def log_in(page, name: str) -> None:
    page.goto("/dang-nhap")
    page.fill("#ten", name)
    page.fill("#mat-khau", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_selector(".who")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=SIZES["1366x768"], locale="vi-VN", base_url=server)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    yield context.new_page()
    context.close()


@pytest.fixture
def checker(page):
    """A page signed in as a chuyên viên, who may check documents."""
    log_in(page, "tran.binh")
    return page


def _serious(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in violations if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_is_accessible_and_is_shot(browser, server, name, size):
    context = browser.new_context(viewport=SIZES[size], locale="vi-VN", base_url=server)
    page = context.new_page()
    if name in SIGNED_IN:
        log_in(page, SIGNED_IN[name])
    page.goto(PAGES[name])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{size}.png"))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name} tràn ngang {overflow}px ở {size}"
    assert _serious(page) == []
    context.close()


def test_keyboard_search_then_hit_lands_highlighted(page):
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").startswith("Bỏ qua")
    page.locator("#q").focus()
    page.keyboard.type("kiểm toán năng lượng")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem?q=*")
    first = page.locator(".hit-title a").first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/van-ban/**#*")
    target = page.locator(":target")
    assert target.count() == 1 and target.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector(':target')).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_facet_click_filters(page):
    page.goto(PAGES["tra-cuu"])
    page.locator(".facet a", has_text="Kế hoạch").first.click()
    assert "loai=" in page.url
    assert page.locator(".facet-on", has_text="Kế hoạch").count() == 1


def test_copy_citation(page):
    page.goto("/van-ban/99-2021-nd-cp")
    button = page.locator("#Chương-I\\.Điều-8\\.Khoản-2\\.Điểm-a button.cite")
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "điểm a khoản 2 Điều 8 Nghị định số 99/2021/NĐ-CP"
    assert button.inner_text() == "Đã sao chép"


def test_without_javascript_search_and_tasks_filter_work(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport=SIZES["1366x768"], base_url=server)
    page = context.new_page()
    page.goto("/")
    page.fill("#q", "tập huấn")
    page.click(".search-box button[type=submit]")
    assert page.locator(".hit").count() > 0
    page.goto("/van-ban/ke-hoach-484-kh-ubnd-2020")
    assert page.locator("button.cite").first.is_hidden()
    page.select_option("#chu-tri", "Sở Công Thương")
    page.click("#bang-nhiem-vu button[type=submit]")
    leads = page.locator(".tasks-table tbody tr:not(.group-row) td:nth-child(3)").all_inner_texts()
    assert leads and set(leads) == {"Sở Công Thương"}
    context.close()


def test_a_document_opened_at_a_section_marks_it_in_the_outline(page):
    """From a search hit to #II.4: the Đề mục box shows and marks II.4, the page stays at II.4."""
    page.goto("/van-ban/ke-hoach-484-kh-ubnd-2020#II.4")
    marked = page.locator("nav.outline a[aria-current='location']")
    assert marked.count() == 1 and marked.get_attribute("href") == "#II.4"
    nav, link = page.locator("nav.outline").bounding_box(), marked.bounding_box()
    assert nav["y"] <= link["y"] and link["y"] + link["height"] <= nav["y"] + nav["height"], "II.4 is out of sight"
    page.evaluate("location.hash = '#III'")
    page.wait_for_function("document.querySelector(\"nav.outline a[aria-current]\").hash === '#III'")


def test_checker_upload(checker, tmp_path):
    page = checker
    clean, bare = tmp_path / "cong-van.docx", tmp_path / "van-ban-tron.docx"
    composed("cong-van").save(str(clean))
    plain = docx.Document()
    plain.add_paragraph("Một đoạn văn không có thể thức.")
    plain.save(str(bare))
    page.goto("/kiem-tra")
    page.set_input_files("#tep", [str(clean), str(bare)])
    page.click("form.upload-form button[type=submit]")
    page.wait_for_selector(".report", timeout=120_000)  # the bare file's pages are rendered first
    verdicts = page.locator(".verdict").all_inner_texts()
    assert verdicts[0].startswith("Đạt") and "lỗi" in verdicts[1]
    assert page.locator(".rule summary").count() > 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kiem-tra-ket-qua-1366x768.png"), full_page=True)
    assert _serious(page) == []


def test_print_shows_only_the_document(page):
    page.goto("/van-ban/ke-hoach-484-kh-ubnd-2020")
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden()
    assert page.locator(".outline").is_hidden()
    assert page.locator(".doc-body").is_visible()
    page.screenshot(path=str(SHOTS / "van-ban-484-in.png"), full_page=False)


def test_login_logout_and_the_header_says_who(page):
    page.goto("/kiem-tra")
    page.wait_for_url("**/dang-nhap?tiep=*")
    page.fill("#ten", ADMIN)
    page.fill("#mat-khau", "sai mật khẩu rồi")
    page.click("form.login-form button[type=submit]")
    assert "không đúng" in page.locator(".alert-error").inner_text()
    page.fill("#mat-khau", PASSWORD)
    page.click("form.login-form button[type=submit]")
    page.wait_for_url("**/kiem-tra")
    assert page.locator(".who").inner_text().split()[-3:] == [ADMIN, "quản", "trị"]
    page.click(".logout button")
    page.wait_for_url("**/")
    assert page.locator(".login-link").is_visible()


def test_a_finding_is_outlined_over_its_text_on_the_rendered_page(checker, tmp_path):
    """The công văn's number without its leading zero (ND30-05): the SVG box lies over printed text."""
    page = checker
    document = composed("cong-van")
    number = paragraph(document, "Số:")
    for run in number.runs[1:]:
        run.text = ""
    number.runs[0].text = "Số: 5/UBND-KT"
    path = tmp_path / "cong-van-so-5.docx"
    document.save(str(path))
    page.goto("/kiem-tra")
    page.set_input_files("#tep", [str(path)])
    # The submit handler shows "đang kiểm tra…" in the same turn as the submit event: asked in that
    # turn, the answer cannot depend on how fast the server answers.
    shown = page.evaluate(
        "() => { document.querySelector('form.upload-form').requestSubmit();"
        " return !document.getElementById('busy').hidden; }"
    )
    assert shown, "dòng «đang kiểm tra…» không hiện khi gửi tệp"
    page.wait_for_selector(".report", timeout=120_000)
    finding = page.locator("li.finding", has_text="Số: 5").first
    box = finding.locator("rect.finding-box")
    box.scroll_into_view_if_needed()
    page.wait_for_function("[...document.querySelectorAll('svg image')].length > 0")
    page.wait_for_timeout(300)  # the page picture decoded
    outline, frame = box.bounding_box(), finding.locator("svg").bounding_box()
    assert frame["x"] <= outline["x"] and outline["x"] + outline["width"] <= frame["x"] + frame["width"]
    assert frame["y"] <= outline["y"] and outline["y"] + outline["height"] <= frame["y"] + frame["height"]
    inside = tmp_path / "o-danh-dau.png"
    page.screenshot(
        path=str(inside),
        clip={k: outline[k] + d for k, d in (("x", 4), ("y", 4))}
        | {"width": outline["width"] - 8, "height": outline["height"] - 8},
    )
    with Image.open(inside) as picture:
        dark = sum(picture.convert("L").histogram()[:100])  # the clip stays inside the red outline
    assert dark > 20, "the box is not over the printed number"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "kiem-tra-hinh-1366x768.png"))
    assert _serious(page) == []
