"""The registers printed as books: sổ đăng ký văn bản đi and đến of one year, as Phụ lục IV lays them out.

Điều 16.2.b and 22.3.b NĐ 30: a register kept in software must be printed on paper with every
column of the Phụ lục IV form and bound ("đóng sổ"). So the export is a workbook a văn thư can
print as it is: a cover sheet (the agency, the book's name, the year, from day … to day …, from
number … to number …, quyển số), then the register on landscape A4 with the decree's column
headings and their numbers (1)…(10) repeated at the top of every page, scaled to one page width,
page numbers in the footer. The cover is not a page of the register: it has no number, and the
table's pages count from 1 («Trang 1», «Trang 2»…). No «/N» total: a spreadsheet's page-count field
counts every sheet printed (the cover too), so it would say one page more than the register has.
The PDF is LibreOffice's print of that same workbook, so both are one layout.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from vanban.generator.jobs.workbook import new_workbook, save_workbook
from vanban.library.atomic import atomic_write_bytes
from vanban.library.errors import VanbanError
from vanban.library.readers.office import convert_with_libreoffice, libreoffice
from vanban.office.incoming import IncomingEntry, IncomingRegister
from vanban.office.register import CANCELLED, RESERVED, Register, RegisterEntry, series_label

OUTGOING, INCOMING = "di", "den"


@dataclass(frozen=True)
class BookColumn:
    heading: str
    width: float
    centred: bool = False


#: Phụ lục IV, sổ đăng ký văn bản đi: the ten columns in the decree's order and words.
OUTGOING_COLUMNS = (
    BookColumn("Số, ký hiệu văn bản", 14, True),
    BookColumn("Ngày tháng văn bản", 11, True),
    BookColumn("Tên loại và trích yếu nội dung văn bản", 40),
    BookColumn("Người ký", 15),
    BookColumn("Nơi nhận văn bản", 26),
    BookColumn("Đơn vị, người nhận bản lưu", 14),
    BookColumn("Số lượng bản", 8, True),
    BookColumn("Ngày chuyển", 11, True),
    BookColumn("Ký nhận", 12),
    BookColumn("Ghi chú", 14),
)
#: Phụ lục IV, sổ đăng ký văn bản đến: the nine columns in the decree's order and words.
INCOMING_COLUMNS = (
    BookColumn("Ngày đến", 11, True),
    BookColumn("Số đến", 8, True),
    BookColumn("Tác giả", 22),
    BookColumn("Số, ký hiệu", 15, True),
    BookColumn("Ngày tháng", 11, True),
    BookColumn("Tên loại và trích yếu nội dung", 46),
    BookColumn("Đơn vị hoặc người nhận", 20),
    BookColumn("Ký nhận", 13),
    BookColumn("Ghi chú", 16),
)
BOOK_TITLES = {OUTGOING: "SỔ ĐĂNG KÝ VĂN BẢN ĐI", INCOMING: "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"}
SHEET_TITLES = {OUTGOING: "Sổ văn bản đi", INCOMING: "Sổ văn bản đến"}
#: The first row under the headings and their numbers (rows 1–2 title, 3 headings, 4 numbers).
FIRST_ROW = 5

#: Times New Roman 11 pt: characters per unit of column width (measured on the PDF: a trích yếu of
#: 40 units holds about 44 characters a line), and the height of one line in points.
CHARS_PER_WIDTH, LINE_POINTS = 1.05, 14.5

_LINE = Side(style="thin", color="000000")
_FRAME = Border(left=_LINE, right=_LINE, top=_LINE, bottom=_LINE)
_FONT = "Times New Roman"


def date_shown(value: str) -> str:
    """2026-03-05 → 05/03/2026, as the register is written by hand."""
    return f"{value[8:10]}/{value[5:7]}/{value[:4]}" if value else ""


def outgoing_rows(entries: Sequence[RegisterEntry]) -> list[list[object]]:
    """The ten columns of each number; a held or cancelled number says so in Ghi chú, so the
    printed book shows every number of the series with none missing."""
    rows = []
    for e in entries:
        remarks = e.remarks
        if e.status == CANCELLED:
            remarks = "; ".join(filter(None, [f"Đã hủy số: {e.reason}", remarks]))
        elif e.status == RESERVED:
            remarks = "; ".join(filter(None, ["Giữ số", remarks]))
        rows.append(
            [
                e.symbol,
                date_shown(e.signed_on),
                e.title,
                e.signer,
                e.recipients,
                e.archive,
                e.copies if e.copies is not None else "",
                date_shown(e.sent_on),
                e.receipt,
                remarks,
            ]
        )
    return rows


def incoming_rows(entries: Sequence[IncomingEntry]) -> list[list[object]]:
    return [
        [
            date_shown(e.received_on),
            e.serial,
            e.sender,
            e.symbol,
            date_shown(e.signed_on),
            e.title,
            e.handler,
            e.receipt,
            e.remarks,
        ]
        for e in entries
    ]


def row_height(columns: Sequence[BookColumn], values: Sequence[object]) -> float:
    """Points a row needs for its longest wrapped cell: spreadsheet programs do not grow a row
    for wrapped text when printing a file they did not lay out, so the text would spill over."""
    lines = 1
    for column, value in zip(columns, values, strict=True):
        per_line = max(1, int(column.width * CHARS_PER_WIDTH))
        wrapped = sum(max(1, -(-len(part) // per_line)) for part in str(value).split("\n"))
        lines = max(lines, wrapped)
    return lines * LINE_POINTS + 3


def _cover(workbook: Workbook, kind: str, agency: str, year: int, days: tuple[str, str], numbers: tuple[str, str]):
    """Phụ lục IV's bìa sổ: who keeps it, what it is, which year, days and numbers it spans."""
    sheet = workbook.create_sheet("Bìa sổ")
    sheet.column_dimensions["A"].width = 110
    lines = [
        (agency.upper(), 14, True),
        ("", 14, False),
        ("", 14, False),
        (BOOK_TITLES[kind], 22, True),
        ("", 14, False),
        (f"Năm: {year}", 14, False),
        (f"Từ ngày {days[0] or '…………'} đến ngày {days[1] or '…………'}", 14, False),
        (f"Từ số {numbers[0] or '……'} đến số {numbers[1] or '……'}", 14, False),
        ("Quyển số: ……", 14, False),
    ]
    for row, (text, size, bold) in enumerate(lines, 2):
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(name=_FONT, size=size, bold=bold)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.row_dimensions[row].height = 34 if size > 14 else 24
    _page(sheet)
    sheet.print_area = f"A1:A{len(lines) + 1}"


def _page(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True


def _table(workbook: Workbook, kind: str, title: str, columns: Sequence[BookColumn], rows: list[list[object]]):
    sheet = workbook.create_sheet(SHEET_TITLES[kind])
    width = len(columns)
    last = get_column_letter(width)
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"] = title
    sheet["A1"].font = Font(name=_FONT, size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 24
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        heading = sheet.cell(row=3, column=index, value=column.heading)
        heading.font = Font(name=_FONT, size=11, bold=True)
        number = sheet.cell(row=4, column=index, value=f"({index})")
        number.font = Font(name=_FONT, size=10, italic=True)
        for cell in (heading, number):
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = _FRAME
    sheet.row_dimensions[3].height = 45
    for offset, values in enumerate(rows):
        sheet.row_dimensions[FIRST_ROW + offset].height = row_height(columns, values)
        for index, (column, value) in enumerate(zip(columns, values, strict=True), 1):
            cell = sheet.cell(row=FIRST_ROW + offset, column=index, value=value)
            cell.font = Font(name=_FONT, size=11)
            cell.border = _FRAME
            cell.alignment = Alignment(
                horizontal="center" if column.centred else "left", vertical="top", wrap_text=True
            )
    _page(sheet)
    sheet.print_title_rows = "3:4"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.firstPageNumber = 1  # after the unnumbered cover, the register's page 1
    sheet.page_setup.useFirstPageNumber = True
    sheet.oddFooter.center.text = "Trang &P"
    sheet.oddFooter.center.font = _FONT
    sheet.freeze_panes = f"A{FIRST_ROW}"
    return sheet


def outgoing_book(entries: Sequence[RegisterEntry], year: int, agency: str, secret: bool = False) -> Workbook:
    """The sổ văn bản đi of one year: a cover and the table; with more than one series (per-type
    numbering, normative kinds) each series is headed by its name so a number reads in its series."""
    series = sorted({(e.issuer, e.series) for e in entries})
    rows: list[list[object]] = []
    headings: list[int] = []
    for issuer, name in series:
        if len(series) > 1:
            headings.append(len(rows))
            rows.append([f"{issuer} — {series_label(name)}", *[""] * (len(OUTGOING_COLUMNS) - 1)])
        rows.extend(outgoing_rows([e for e in entries if (e.issuer, e.series) == (issuer, name)]))
    dated = sorted(e.signed_on for e in entries if e.signed_on)
    days = (date_shown(dated[0]), date_shown(dated[-1])) if dated else ("", "")
    numbers = (entries[0].symbol, entries[-1].symbol) if len(series) == 1 else ("", "")
    workbook = new_workbook()
    _cover(workbook, OUTGOING, agency, year, days, numbers)
    title = BOOK_TITLES[OUTGOING] + (" MẬT" if secret else "")
    sheet = _table(workbook, OUTGOING, f"{title} NĂM {year}", OUTGOING_COLUMNS, rows)
    for offset in headings:
        row = FIRST_ROW + offset
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(OUTGOING_COLUMNS))
        sheet.cell(row=row, column=1).font = Font(name=_FONT, size=11, bold=True)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="left", vertical="center")
    return workbook


def incoming_book(entries: Sequence[IncomingEntry], year: int, agency: str) -> Workbook:
    workbook = new_workbook()
    days = (date_shown(entries[0].received_on), date_shown(entries[-1].received_on)) if entries else ("", "")
    numbers = (entries[0].serial, entries[-1].serial) if entries else ("", "")
    _cover(workbook, INCOMING, agency, year, days, numbers)
    _table(workbook, INCOMING, f"{BOOK_TITLES[INCOMING]} NĂM {year}", INCOMING_COLUMNS, incoming_rows(entries))
    return workbook


def export_register(
    data_dir: Path,
    kind: str,
    year: int,
    target: Path,
    agency: str = "",
    issuer: str | None = None,
    secret: bool = False,
) -> Path:
    """Write one year's register as .xlsx or .pdf (by `target`'s suffix); atomic either way."""
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".pdf"):
        raise VanbanError("tệp xuất phải có đuôi .xlsx hoặc .pdf.", target)
    if kind == OUTGOING:
        entries = Register(data_dir).entries(year=year, issuer=issuer, secret=secret)
        workbook = outgoing_book(entries, year, agency or issuer or "", secret)
    elif kind == INCOMING:
        workbook = incoming_book(IncomingRegister(data_dir).entries(year), year, agency)
    else:
        raise VanbanError(f"sổ «{kind}» không có; chọn «{OUTGOING}» (văn bản đi) hoặc «{INCOMING}» (văn bản đến).")
    if suffix == ".xlsx":
        return save_workbook(workbook, target)
    if libreoffice() is None:
        raise VanbanError(
            "chưa cài LibreOffice nên không xuất được PDF; xuất .xlsx rồi in, hoặc cài: "
            "sudo apt-get install libreoffice-calc fonts-liberation2",
            target,
        )
    with tempfile.TemporaryDirectory(prefix="vanban-so-") as folder:
        sheet = save_workbook(workbook, Path(folder) / f"{target.stem}.xlsx")
        pdf = convert_with_libreoffice(sheet, "pdf", Path(folder))
        atomic_write_bytes(target, pdf.read_bytes())
    return target


def default_name(kind: str, year: int, suffix: str) -> str:
    """so-van-ban-di-2026.xlsx: what a download is called."""
    return f"so-van-ban-{kind}-{year}{suffix}"
