"""Retake the README's pictures of the web pages (docs/img/), so they show what users see today.

    .venv/bin/python scripts/readme_screenshots.py            # all of them, into docs/img/
    .venv/bin/python scripts/readme_screenshots.py --out /tmp/anh cho-cap-so soan-thao

It makes a throw-away data folder with realistic accounts and register entries, starts `vanban
serve` on it, and drives Debian's chromium (Playwright) as a văn thư, a chuyên viên and a quản trị
would: a công văn drafted, previewed, sent, returned or numbered; the registers; the checker; the
yearly wizards. Each picture keeps the size the README shows (a 1366×768 page shrunk to 960×540
where the README puts two side by side) and is saved as a small palette PNG. Needs LibreOffice
(page previews), Graphviz (the lược đồ) and pdftoppm (the printed register). The library list,
search and document pages are taken as anyone reading the library sees them; the handout page is
not taken here: its test in tests/web/ shoots it into out/screenshots/.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import docx
import yaml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import sync_playwright

from vanban.library.store import Library
from vanban.office.users import Users

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "mật khẩu của ảnh minh họa"
ADMIN, CLERK, OFFICER = "quan.tri", "nguyen.thi.ha", "tran.van.binh"
WIDE, SMALL = {"width": 1366, "height": 768}, {"width": 1024, "height": 576}
#: Each picture: the viewport it is taken at, and the size it is saved at (None: the whole page, or
#: the part of it the picture is about, at its own size).
PICTURES = {
    "web-dang-nhap": (SMALL, (1024, 576)),
    "web-tra-cuu": (SMALL, (1024, 576)),
    "web-thu-vien": (SMALL, (1024, 576)),
    "web-van-ban": (SMALL, (1024, 576)),
    "web-ngay-sai": ({"width": 1000, "height": 700}, None),
    "web-luoc-do-484": (WIDE, None),
    "web-kiem-tra": (SMALL, (1024, 576)),
    "web-quan-tri": (SMALL, (1024, 576)),
    "web-nhat-ky": (SMALL, (1024, 576)),
    "soan-thao": (WIDE, (1366, 768)),
    "du-thao-cua-toi": (WIDE, (1366, 768)),
    "cho-cap-so": (WIDE, (1366, 768)),
    "so-van-ban-so": (WIDE, None),
    "so-van-ban-di": (WIDE, None),
    "so-van-ban-den": (WIDE, None),
    "web-ke-hoach-nhiem-vu": (WIDE, (960, 540)),
    "web-ke-hoach-xem-truoc": (WIDE, (960, 540)),
    "web-bao-cao-tong-hop": (WIDE, (960, 540)),
    "web-bao-cao-loi": (WIDE, (960, 540)),
    "web-bao-cao-giai-doan": (WIDE, (960, 540)),
}
LIBREOFFICE_MS = 240_000  # a preview takes tens of seconds on a small machine
PLAN = "ke-hoach-484-kh-ubnd-2020"
#: The sổ đi before the day's work: (type, trích yếu, ngày, nơi nhận), as `vanban number next` takes them.
OUTGOING = [
    ("KH", "Kế hoạch tổ chức tập huấn về sản xuất và tiêu dùng bền vững năm 2026", "12/01/2026"),
    ("BC", "Báo cáo kết quả thực hiện Kế hoạch số 484/KH-UBND năm 2025", "20/01/2026"),
    ("QĐ", "Quyết định thành lập Tổ công tác thực hiện Chương trình sản xuất và tiêu dùng bền vững", "05/02/2026"),
    ("TTr", "Tờ trình đề nghị phê duyệt kinh phí tập huấn năm 2026", "10/02/2026"),
]
RECIPIENTS = "Bộ Công Thương (b/c)\nChủ tịch, các PCT UBND tỉnh\nCác sở, ban, ngành cấp tỉnh"
RECEIVED = """---
number: 1250/BCT-TKNL
doc_type: Công văn
title: về việc báo cáo tình hình sử dụng năng lượng năm 2026
issuer: Bộ Công Thương
signed_on: 2026-11-20
---

Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh

Bộ Công Thương đề nghị Ủy ban nhân dân tỉnh chỉ đạo các cơ sở sử dụng năng lượng trọng điểm trên
địa bàn báo cáo tình hình sử dụng năng lượng năm 2026 trước ngày 31/01/2027.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _vanban(data: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "vanban.app", *args, "--data", str(data)], check=True, capture_output=True)


def prepare(data: Path) -> None:
    """Accounts and the sổ đi as an office has them by the end of November."""
    Library(data)  # the shipped corpus (484/KH-UBND) parsed once
    users = Users(data)
    for name, role in (
        (ADMIN, "quan-tri"),
        (CLERK, "van-thu"),
        (OFFICER, "chuyen-vien"),
        ("le.minh.anh", "chuyen-vien"),
    ):
        users.add(name, role, PASSWORD, actor="ảnh minh họa")
    for kind, note, day in OUTGOING:
        _vanban(
            data,
            "number",
            "next",
            "--type",
            kind,
            "--note",
            note,
            "--signed-on",
            day,
            "--signer",
            "Nguyễn Hồng Lĩnh",
            "--recipients",
            RECIPIENTS,
            "--archive",
            "VT, KT",
        )
    _vanban(
        data,
        "number",
        "fill",
        "1",
        "--type",
        "KH",
        "--copies",
        "12",
        "--sent-on",
        "13/01/2026",
        "--receipt",
        "Trần Bình",
    )


class Server:
    def __init__(self, data: Path):
        self.base = f"http://127.0.0.1:{_free_port()}"
        port = self.base.rsplit(":", 1)[1]
        command = [sys.executable, "-m", "vanban.app", "serve", "--port", port, "--data", str(data)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/dang-nhap", timeout=2)
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("vanban serve không chạy") from None
                time.sleep(0.3)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Camera:
    """Saves the wanted pictures at the README's sizes as palette PNGs (a few dozen KB each)."""

    def __init__(self, out: Path, wanted: set[str]):
        self.out, self.wanted = out, wanted

    def __call__(self, page, name: str, clip: dict | None = None) -> None:
        """`clip`: the part of the page the picture is about (page coordinates), instead of the window."""
        if name not in self.wanted:
            return
        size = PICTURES[name][1]
        taken = page.screenshot(full_page=size is None, clip=clip)
        picture = Image.open(io.BytesIO(taken)).convert("RGB")
        if size and picture.size != size:
            picture = picture.resize(size, Image.Resampling.LANCZOS)
        picture.quantize(256, method=Image.Quantize.MEDIANCUT).save(self.out / f"{name}.png", optimize=True)
        print(f"{name}.png")


def _page(browser, base: str, who: str | None, viewport: dict):
    page = browser.new_context(viewport=viewport, locale="vi-VN", base_url=base, accept_downloads=True).new_page()
    if who:
        page.goto("/dang-nhap")
        page.fill("#ten", who)
        page.fill("#mat-khau", PASSWORD)
        page.click("form.login-form button[type=submit]")
        page.wait_for_selector(".who")
    return page


def _pictures_loaded(page) -> None:
    page.wait_for_function(
        "[...document.querySelectorAll('.preview-page img')].every(i => i.complete && i.naturalWidth)"
    )


def draft_cong_van(page, content: dict) -> None:
    """Fill the công văn form as a chuyên viên types it and wait for the autosave."""
    page.goto("/soan-thao/cong-van")
    page.select_option("#i-ho_so", "ubnd-tinh-ha-tinh")
    page.fill("#i-trich_yeu", content["trich_yeu"])
    for field, adder in (("kinh_gui", "#f-kinh_gui > .adders button"), ("noi_nhan", "#f-noi_nhan > .adders button")):
        for i, value in enumerate(content[field]):
            if i:
                page.click(adder)
            page.fill(f"[id='i-{field}.{i}']", value)
    for i, value in enumerate(content["noi_dung"]):
        if i:
            page.click("#f-noi_dung > .adders button:has-text('Thêm đoạn văn')")
        page.fill(f"[id='i-noi_dung.{i}']", value)
    page.fill("#i-ket_thuc", content["ket_thuc"])
    page.select_option("[id='i-nguoi_ky']", content["nguoi_ky"])
    page.locator("#trang-thai-luu").filter(has_text="Đã lưu lúc").wait_for()
    page.wait_for_url("**/du-thao/*")


TRAINING = {
    "trich_yeu": "cử cán bộ tham gia lớp tập huấn về sản xuất và tiêu dùng bền vững năm 2026",
    "kinh_gui": ["Ủy ban nhân dân các xã, phường"],
    "noi_dung": [
        "Thực hiện Kế hoạch số 484/KH-UBND ngày 15/12/2020 của Ủy ban nhân dân tỉnh, Sở Công Thương tổ chức "
        "lớp tập huấn về sản xuất và tiêu dùng bền vững cho cán bộ phụ trách công thương cấp xã.",
        "Đề nghị Ủy ban nhân dân các xã, phường cử mỗi đơn vị 01 cán bộ tham gia.",
    ],
    "ket_thuc": "Đề nghị các đơn vị quan tâm, phối hợp thực hiện.",
    "nguoi_ky": "pho-chu-tich",
    "noi_nhan": ["Như trên", "Sở Công Thương"],
}


def _box(page, selector: str) -> dict:
    """Where an element lies on the page (not the window), for a clip taken with full_page."""
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
        return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; }""",
        selector,
    )


def library(browser, base: str, shoot: Camera) -> None:
    """The library as a chuyên viên reads it: a search, the list, Kế hoạch 484 with its relations."""
    page = _page(browser, base, OFFICER, SMALL)
    page.goto("/tim-kiem?q=sản xuất sạch hơn")
    page.wait_for_selector(".hit")
    shoot(page, "web-tra-cuu")
    page.goto("/thu-vien")
    shoot(page, "web-thu-vien")
    page.goto(f"/van-ban/{PLAN}#II.4")  # as a search hit opens it: the mục lit, the outline beside it
    page.locator(":target").wait_for()
    shoot(page, "web-van-ban")

    page = _page(browser, base, OFFICER, PICTURES["web-ngay-sai"][0])
    page.goto("/")
    page.fill("#q", "dieu 8 nghi dinh 30")
    page.fill("#ngay-hieu-luc", "31/02/2026")
    page.click(".search-box button[type=submit]")
    page.wait_for_selector("#ngay-hieu-luc-loi")
    form = _box(page, ".search-box")
    shoot(page, "web-ngay-sai", {"x": 0, "y": 0, "width": 1000, "height": form["y"] + form["height"] + 16})

    page = _page(browser, base, OFFICER, PICTURES["web-luoc-do-484"][0])
    page.goto(f"/van-ban/{PLAN}#hieu-luc")
    page.wait_for_function("document.querySelector('.diagram img').naturalWidth > 0")
    shoot(page, "web-luoc-do-484", _box(page, "#hieu-luc"))


def drafting(browser, base: str, shoot: Camera) -> None:
    officer = _page(browser, base, OFFICER, WIDE)
    example = yaml.safe_load((ROOT / "examples/draft/cong-van.yaml").read_text(encoding="utf-8"))
    draft_cong_van(officer, example | {"noi_nhan": ["Như trên", *example["noi_nhan"]]})
    officer.click("button[value='xem-truoc']")
    officer.locator(".preview-page img").first.wait_for(timeout=LIBREOFFICE_MS)
    _pictures_loaded(officer)
    officer.evaluate(  # the page at the top of the window, the preview's own scroll showing page 1
        """() => { window.scrollTo(0, 0); const side = document.querySelector('.draft-preview');
        const top = document.querySelector('.preview-page img').getBoundingClientRect().top;
        side.scrollTop += top - side.getBoundingClientRect().top - 8; }"""
    )
    shoot(officer, "soan-thao")
    officer.click("button[value='gui-van-thu']")
    draft_cong_van(officer, TRAINING)
    officer.click("button[value='gui-van-thu']")
    clerk = _page(browser, base, CLERK, WIDE)
    clerk.goto("/du-thao/cho-cap-so")
    shoot(clerk, "cho-cap-so")
    clerk.click(".waiting-table a:has-text('cử cán bộ')")
    clerk.fill(
        "#ly-do", "Chưa ghi thời gian, địa điểm tập huấn và hạn gửi danh sách cán bộ; đề nghị bổ sung rồi gửi lại."
    )
    clerk.click("button:has-text('Trả lại người soạn')")
    clerk.wait_for_url("**da-tra-lai*")
    officer.goto("/du-thao")
    shoot(officer, "du-thao-cua-toi")
    clerk.fill(".waiting-table input[name='ngay-ban-hanh']", "27/11/2026")
    clerk.click(".waiting-table button:has-text('Cấp số')")
    clerk.locator(".alert-ok").wait_for(timeout=LIBREOFFICE_MS)


def registers(browser, base: str, shoot: Camera, work: Path) -> None:
    clerk = _page(browser, base, CLERK, WIDE)
    clerk.goto("/so-van-ban/di/1")
    shoot(clerk, "so-van-ban-so")
    clerk.goto("/so-van-ban/di")
    shoot(clerk, "so-van-ban-di")
    received = work / "cong-van-1250-bct-tknl.md"
    received.write_text(RECEIVED, encoding="utf-8")
    clerk.goto("/so-van-ban/den")
    clerk.set_input_files("#f-tep", str(received))
    clerk.fill("#f-nhan", "Phòng Kinh tế")
    clerk.click(".register-form button[type=submit]")
    clerk.wait_for_url("**/so-van-ban/den/*?moi=1")
    clerk.goto("/so-van-ban/den")
    shoot(clerk, "so-van-ban-den")


def checker(browser, base: str, shoot: Camera, data: Path, work: Path) -> None:
    """A công văn whose number lost its leading zero («Số: 5/UBND-KT»), outlined on its page."""
    made = work / "cong-van-don-doc.docx"
    _vanban(data, "draft", "cong-van", str(ROOT / "examples/draft/cong-van.yaml"), "-o", str(made))
    document = docx.Document(str(made))
    paragraphs = (Paragraph(p, document.part) for p in document.element.body.iter(qn("w:p")))
    number = next(p for p in paragraphs if p.text.startswith("Số:"))  # in the header table
    for run in number.runs[1:]:
        run.text = ""
    number.runs[0].text = "Số: 5/UBND-KT"
    document.save(str(made))
    page = _page(browser, base, OFFICER, SMALL)
    page.goto("/kiem-tra")
    page.set_input_files("#tep", str(made))
    page.click("form.upload-form button[type=submit]")
    page.wait_for_selector(".report", timeout=LIBREOFFICE_MS)
    page.wait_for_function("[...document.querySelectorAll('svg image')].length > 0")
    page.locator(".report").scroll_into_view_if_needed()
    page.wait_for_timeout(500)  # the page picture decoded
    shoot(page, "web-kiem-tra")


def _fill(template: bytes, answers: dict[int, tuple], targets: dict[int, object] | None = None) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    for number, values in answers.items():
        for column, value in enumerate(values, 4):
            workbook["Nhiệm vụ"].cell(row=number + 1, column=column, value=value)
    for number, value in (targets or {}).items():
        workbook["Chỉ tiêu"].cell(row=number + 1, column=3, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(page, books: dict[str, bytes]) -> None:
    files = [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in books.items()]
    page.set_input_files("#tep", files)
    page.click("form.drop-form button[type=submit]")


def yearly(browser, base: str, shoot: Camera) -> None:
    page = _page(browser, base, OFFICER, WIDE)
    page.goto("/viec-hang-nam/ke-hoach")
    page.select_option("#ke-hoach", PLAN)
    page.fill("#nam", "2026")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("table.task-edit")
    page.uncheck("#giu-1")
    page.fill("textarea[name=noi-dung-0]", "Tổ chức 04 lớp tập huấn về sản xuất và tiêu dùng bền vững năm 2026")
    page.evaluate("document.activeElement.blur()")
    page.locator("table.task-edit").scroll_into_view_if_needed()
    shoot(page, "web-ke-hoach-nhiem-vu")
    page.click("#tao-ke-hoach")
    page.wait_for_selector("section.offer", timeout=LIBREOFFICE_MS)
    _pictures_loaded(page)
    page.locator(".preview-pages").scroll_into_view_if_needed()
    shoot(page, "web-ke-hoach-xem-truoc")

    page.goto("/viec-hang-nam/bao-cao")
    page.select_option("#ke-hoach", PLAN)
    page.fill("#nam", "2025")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("#bieu-mau")
    with page.expect_download() as download:
        page.click("text=Tải biểu mẫu kết quả năm 2025")
    template = Path(download.value.path()).read_bytes()
    commerce = _fill(
        template,
        {
            1: ("Hoàn thành", "Tổ chức 03 lớp tập huấn cho 240 lượt cán bộ."),
            2: ("Hoàn thành", "Cuộc thi trực tuyến với 1.200 lượt tham gia."),
        },
        {1: 90},
    )
    _upload(
        page,
        {
            "so-cong-thuong.xlsx": commerce,
            "so-xay-dung.xlsx": _fill(
                template,
                {1: ("Đang thực hiện", "Hướng dẫn các chủ đầu tư."), 2: ("Xong rồi", "Đã làm xong.")},
                {3: "khoảng 6"},
            ),
        },
    )
    page.wait_for_selector(".workbook-errors")
    page.locator(".workbook-errors").scroll_into_view_if_needed()
    shoot(page, "web-bao-cao-loi")
    agriculture = _fill(
        template,
        {13: ("Đang thực hiện", "Thí điểm tại 02 xã.", "Thiếu kinh phí.", "Đề nghị UBND tỉnh bố trí kinh phí.")},
        {3: 82},
    )
    _upload(page, {"so-cong-thuong.xlsx": commerce, "so-nong-nghiep.xlsx": agriculture})
    page.wait_for_selector("#tong-hop")
    page.wait_for_function(
        "document.querySelector('.chart img') && document.querySelector('.chart img').naturalWidth > 0"
    )
    page.locator("#tong-hop").scroll_into_view_if_needed()
    shoot(page, "web-bao-cao-tong-hop")

    page.goto("/viec-hang-nam/bao-cao")
    page.select_option("#ke-hoach", PLAN)
    page.check("input[name=loai][value=giai-doan]")
    page.click("form.choose-plan button[type=submit]")
    page.wait_for_selector("#bieu-mau")
    books = {}
    answers = {
        2023: {1: ("Đang thực hiện", "Đã tổ chức 01 lớp."), 2: ("Hoàn thành", "Đã phát hành tài liệu.")},
        2024: {1: ("Đang thực hiện", "Đã tổ chức 02 lớp.")},
        2025: {1: ("Hoàn thành", "Đã tổ chức đủ 04 lớp."), 3: ("Chưa thực hiện", "", "Chưa bố trí được kinh phí.")},
    }
    for year, filled in answers.items():
        with page.expect_download() as download:
            page.click(f"text=Biểu mẫu kết quả năm {year}")
        books[f"ket-qua-{year}.xlsx"] = _fill(Path(download.value.path()).read_bytes(), filled, {1: 88})
    _upload(page, books)
    page.wait_for_selector("#tong-hop")
    page.locator("#tong-hop").scroll_into_view_if_needed()
    shoot(page, "web-bao-cao-giai-doan")


def printed_register(data: Path, out: Path, work: Path) -> None:
    """Page 1 of the sổ đi as printed (PDF, A4 landscape), at the README's 936×662 (80 dpi)."""
    pdf = work / "so-di-2026.pdf"
    _vanban(
        data,
        "number",
        "export",
        "--year",
        "2026",
        "--so",
        "di",
        "-o",
        str(pdf),
        "--agency",
        "Ủy ban nhân dân tỉnh Hà Tĩnh",
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile", str(pdf), str(work / "in")], check=True
    )
    Image.open(work / "in.png").convert("RGB").quantize(256).save(out / "so-van-ban-di-in.png", optimize=True)
    print("so-van-ban-di-in.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="chỉ chụp lại các ảnh này (tên không có .png)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    wanted = set(args.names) or {*PICTURES, "so-van-ban-di-in"}
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vanban-anh-") as folder:
        work = Path(folder)
        data = work / "du-lieu"
        prepare(data)
        server = Server(data)
        try:
            with sync_playwright() as playwright:
                language = {**os.environ, "LANGUAGE": "vi"}  # the file picker's own words in Vietnamese
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--lang=vi"], env=language
                )
                shoot = Camera(args.out, wanted)
                visitor = _page(browser, server.base, None, SMALL)
                visitor.goto("/dang-nhap")
                shoot(visitor, "web-dang-nhap")
                library(browser, server.base, shoot)
                drafting(browser, server.base, shoot)
                registers(browser, server.base, shoot, work)
                checker(browser, server.base, shoot, data, work)
                yearly(browser, server.base, shoot)
                admin = _page(browser, server.base, ADMIN, SMALL)
                admin.goto("/quan-tri")
                shoot(admin, "web-quan-tri")
                admin.goto("/quan-tri/nhat-ky")
                shoot(admin, "web-nhat-ky")
                browser.close()
        finally:
            server.stop()
        if "so-van-ban-di-in" in wanted:
            printed_register(data, args.out, work)


if __name__ == "__main__":
    main()
