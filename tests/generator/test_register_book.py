"""The registers as printed books (Phụ lục IV): the decree's headings, every number, one page wide."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from vanban.generator.jobs.register_book import (
    INCOMING_COLUMNS,
    OUTGOING_COLUMNS,
    export_register,
)
from vanban.library.errors import VanbanError
from vanban.office.incoming import IncomingRegister, Received
from vanban.office.register import PER_TYPE, Particulars, Register

OUTGOING_HEADINGS = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
INCOMING_HEADINGS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Ký nhận",
    "Ghi chú",
]


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    register = Register(folder)
    first = register.next(
        "KH",
        "UBND",
        2026,
        particulars=Particulars(
            signed_on="2026-01-15",
            title="Kế hoạch tổ chức tập huấn",
            signer="Nguyễn Hồng Lĩnh",
            recipients="Bộ Công Thương\nCác sở, ban, ngành",
            archive="VT, KT",
        ),
    )
    register.fill(first.id, {"copies": 12, "sent_on": "2026-01-16", "receipt": "Trần Bình"})
    second = register.next("CV", "UBND", 2026, note="Công văn đôn đốc")
    register.cancel_entry(second.id, "ký nhầm")
    register.reserve("QĐ", "UBND", 2026)
    register.next("KH", "UBND", 2026, secret=True, note="Kế hoạch mật")
    register.next("KH", "UBND", 2025)
    IncomingRegister(folder).record(
        Received(
            received_on="2026-03-05",
            sender="Bộ Công Thương",
            symbol="120/BCT-TKNL",
            signed_on="2026-03-01",
            title="Công văn về việc báo cáo năng lượng",
            handler="Phòng Kinh tế",
        )
    )
    return folder


def _sheet(path):
    workbook = openpyxl.load_workbook(path)
    return workbook, workbook["Sổ văn bản đi"] if "Sổ văn bản đi" in workbook.sheetnames else workbook["Sổ văn bản đến"]


def test_the_outgoing_book_has_the_decrees_columns_and_every_number_of_the_year(data, tmp_path):
    path = export_register(data, "di", 2026, tmp_path / "so-di.xlsx", agency="Ủy ban nhân dân tỉnh Hà Tĩnh")
    workbook, sheet = _sheet(path)
    assert workbook.sheetnames == ["Bìa sổ", "Sổ văn bản đi"]
    cover = [c.value for c in workbook["Bìa sổ"]["A"] if c.value]
    assert cover[:3] == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Năm: 2026"]
    assert "Từ số 01/KH-UBND đến số 03/QĐ-UBND" in cover
    assert sheet["A1"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026"
    assert [c.value for c in sheet[3]] == OUTGOING_HEADINGS
    assert [c.value for c in sheet[4]] == [f"({n})" for n in range(1, 11)]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert rows[0] == [
        "01/KH-UBND",
        "15/01/2026",
        "Kế hoạch tổ chức tập huấn",
        "Nguyễn Hồng Lĩnh",
        "Bộ Công Thương\nCác sở, ban, ngành",
        "VT, KT",
        12,
        "16/01/2026",
        "Trần Bình",
        None,
    ]
    assert [r[0] for r in rows] == ["01/KH-UBND", "02/UBND", "03/QĐ-UBND"], "no mật, no other year"
    assert rows[1][9] == "Đã hủy số: ký nhầm" and rows[2][9] == "Giữ số"


def test_the_book_prints_landscape_a4_one_page_wide_with_the_headings_on_every_page(data, tmp_path):
    _workbook, sheet = _sheet(export_register(data, "di", 2026, tmp_path / "so-di.xlsx"))
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$4"
    widths = [sheet.column_dimensions[chr(65 + i)].width for i in range(10)]
    assert widths == [c.width for c in OUTGOING_COLUMNS]
    assert sheet.row_dimensions[5].height > sheet.row_dimensions[7].height, "two lines of nơi nhận need room"


def test_secret_documents_are_a_book_of_their_own(data, tmp_path):
    _workbook, sheet = _sheet(export_register(data, "di", 2026, tmp_path / "mat.xlsx", secret=True))
    assert sheet["A1"].value == "SỔ ĐĂNG KÝ VĂN BẢN ĐI MẬT NĂM 2026"
    assert [r[0].value for r in sheet.iter_rows(min_row=5)] == ["01/KH-UBND"]


def test_several_series_are_headed_by_their_names(tmp_path):
    register = Register(tmp_path / "data")
    register.set_policy("UBND", PER_TYPE)
    register.next("KH", "UBND", 2026)
    register.next("BC", "UBND", 2026)
    register.next("KH", "UBND", 2026)
    _workbook, sheet = _sheet(export_register(tmp_path / "data", "di", 2026, tmp_path / "so.xlsx"))
    assert [r[0].value for r in sheet.iter_rows(min_row=5)] == [
        "UBND — Loại BC",
        "01/BC-UBND",
        "UBND — Loại KH",
        "01/KH-UBND",
        "02/KH-UBND",
    ]


def test_the_incoming_book(data, tmp_path):
    workbook, sheet = _sheet(export_register(data, "den", 2026, tmp_path / "so-den.xlsx"))
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in [c.value for c in workbook["Bìa sổ"]["A"]]
    assert [c.value for c in sheet[3]] == INCOMING_HEADINGS == [c.heading for c in INCOMING_COLUMNS]
    assert "Từ số 01 đến số 01" in [c.value for c in workbook["Bìa sổ"]["A"]]
    assert [c.value for c in sheet[5]] == [
        "05/03/2026",
        "01",
        "Bộ Công Thương",
        "120/BCT-TKNL",
        "01/03/2026",
        "Công văn về việc báo cáo năng lượng",
        "Phòng Kinh tế",
        None,
        None,
    ]


def test_bad_target_or_kind_is_refused(data, tmp_path):
    with pytest.raises(VanbanError, match=".xlsx hoặc .pdf"):
        export_register(data, "di", 2026, tmp_path / "so.csv")
    with pytest.raises(VanbanError, match="«ra»"):
        export_register(data, "ra", 2026, tmp_path / "so.xlsx")
    assert not list(tmp_path.glob("so.*"))


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="cần LibreOffice")
def test_the_pdf_is_landscape_a4_with_the_cover_then_the_table(data, tmp_path):
    pdf = export_register(data, "di", 2026, tmp_path / "so-di.pdf", agency="Ủy ban nhân dân tỉnh Hà Tĩnh")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "841.89 x 595.3" in info, "landscape A4"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    cover, table = text.split("\f")[:2]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in cover
    assert "Đơn vị, người nhận" in table and "Ghi chú" in table and "01/KH-UBND" in table


def test_the_table_counts_its_pages_from_1_after_the_unnumbered_cover(data, tmp_path):
    _workbook, sheet = _sheet(export_register(data, "di", 2026, tmp_path / "so-di.xlsx"))
    assert (sheet.page_setup.firstPageNumber, sheet.page_setup.useFirstPageNumber) == (1, True)
    assert sheet.oddFooter.center.text == "Trang &P"
    cover = openpyxl.load_workbook(tmp_path / "so-di.xlsx")["Bìa sổ"]
    assert not cover.oddFooter.center.text and not cover.oddHeader.center.text


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="cần LibreOffice")
def test_the_printed_pdf_has_no_number_on_the_cover_and_numbers_the_table_from_1(tmp_path):
    folder = tmp_path / "data"
    register = Register(folder)
    for n in range(1, 41):
        register.next("KH", "UBND", 2026, note=f"Kế hoạch thử số {n} về việc tổ chức thực hiện nhiệm vụ năm 2026")
    pdf = export_register(folder, "di", 2026, tmp_path / "so-di.pdf", agency="Ủy ban nhân dân tỉnh Hà Tĩnh")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3, "the cover and at least two pages of the table"
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in pages[0] and "Trang" not in pages[0]
    footers = [page.strip().splitlines()[-1].strip() for page in pages[1:]]
    assert footers == [f"Trang {n}" for n in range(1, len(pages))]
