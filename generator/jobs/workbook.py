"""Excel workbooks officials fill in (task lists, results): written readable, read strictly.

A workbook comes back from many hands; a wrong one — missing column, renamed sheet, an extra
header row, a status outside the list, text where a number belongs — gets an error naming the
file, sheet, row and column, before anything is written.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vanban.library.atomic import atomic_write_bytes
from vanban.library.errors import VanbanError
from vanban.library.limits import check_zip
from vanban.library.vietnamese import fold, nfc

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Column:
    name: str
    width: float
    number: bool = False
    choices: tuple[str, ...] = ()


@dataclass
class Row:
    """One data row of a sheet: its row number in Excel and its values by column name."""

    number: int
    values: dict[str, object]

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return nfc(str(value)).strip()


def add_sheet(workbook: Workbook, title: str, columns: list[Column], rows: list[list[object]]):
    """A sheet with a bold framed header, wrapped text, frozen header and drop-downs where listed."""
    sheet = workbook.create_sheet(title)
    sheet.append([c.name for c in columns])
    for values in rows:
        sheet.append(values)
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for cell in sheet[letter]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = _BORDER
            cell.font = Font(name="Times New Roman", size=12, bold=cell.row == 1)
            if cell.row == 1:
                cell.fill = _HEADER_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error="Chọn một giá trị trong danh sách: " + ", ".join(column.choices),
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{max(len(rows) + 1, 2) + 200}")
    sheet.freeze_panes = "A2"
    return sheet


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def save_workbook(workbook: Workbook, path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise VanbanError("tệp bảng tính phải có đuôi .xlsx.", path)
    buffer = io.BytesIO()
    workbook.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return path


@contextmanager
def open_workbook(path: Path) -> Iterator:
    """Read-only: rows are streamed from the file, so a sheet that declares a million rows (one
    styled cell at A1048576) or XFD columns costs nothing until its rows are read."""
    if not path.exists():
        raise VanbanError("không tìm thấy tệp bảng tính.", path)
    check_zip(path, "Excel .xlsx")
    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ElementTree.ParseError) as error:
        raise VanbanError(f"không đọc được tệp Excel .xlsx ({type(error).__name__}).", path) from None
    try:
        yield workbook
    finally:
        workbook.close()


def read_sheet(path: Path, workbook, title: str, columns: list[Column]) -> list[Row]:
    """The data rows of sheet `title`, checked: the header is row 1 and names every column."""
    if title not in workbook.sheetnames:
        raise VanbanError(
            f"không có trang «{title}» trong bảng tính (có: {', '.join(workbook.sheetnames)}). "
            "Đừng đổi tên trang của biểu mẫu.",
            path,
        )
    rows = _data_rows(path, title, workbook[title], max_col=len(columns) + EXTRA_COLUMNS)
    if not rows:
        raise VanbanError(f"trang «{title}» trống.", path)
    header = _header(rows[0])
    expected = {fold(c.name): c.name for c in columns}
    if not set(expected) <= set(header.values()):
        for extra in range(1, min(4, len(rows))):
            if set(expected) <= set(_header(rows[extra]).values()):
                raise VanbanError(
                    f"trang «{title}», hàng 1: thừa {extra} hàng phía trên hàng tiêu đề; hàng tiêu đề phải là "
                    f"hàng 1. Xóa hàng 1{f'–{extra}' if extra > 1 else ''} rồi gửi lại.",
                    path,
                )
        missing = [name for key, name in expected.items() if key not in header.values()]
        raise VanbanError(f"trang «{title}», hàng 1: thiếu cột «{missing[0]}».", path)
    position = {key: index for index, key in header.items()}
    result = []
    for number, values in enumerate(rows[1:], 2):
        data = {
            c.name: values[position[fold(c.name)]] if position[fold(c.name)] < len(values) else None for c in columns
        }
        if all(v is None or str(v).strip() == "" for v in data.values()):
            continue
        row = Row(number, data)
        for column in columns:
            _check_cell(path, title, row, column)
        result.append(row)
    return result


#: Columns read beyond the expected ones (a department may add a column of its own).
EXTRA_COLUMNS = 10
#: Rows read at most; a plan's tasks are a few hundred. A run of this many empty rows ends the data
#: (the rest of a declared million-row range is formatting).
MAX_ROWS, EMPTY_RUN = 20_000, 5_000


def _data_rows(path: Path, title: str, sheet, max_col: int) -> list[tuple]:
    """The rows that hold data, read only as far as the data goes, never the declared dimension."""
    rows: list[tuple] = []
    empty_run = 0
    try:
        for values in sheet.iter_rows(max_col=max_col, values_only=True):
            if len(rows) >= MAX_ROWS:
                raise VanbanError(f"trang «{title}» có quá {MAX_ROWS} hàng; hãy chia thành nhiều tệp.", path)
            rows.append(values)
            empty_run = 0 if any(v is not None and str(v).strip() for v in values) else empty_run + 1
            if empty_run >= EMPTY_RUN:
                break
    except (KeyError, ValueError, ElementTree.ParseError) as error:
        raise VanbanError(f"trang «{title}» không đọc được ({type(error).__name__}).", path) from None
    while rows and not any(v is not None and str(v).strip() for v in rows[-1]):
        rows.pop()
    return rows


def _header(values) -> dict[int, str]:
    return {i: fold(" ".join(str(v).split())) for i, v in enumerate(values) if v is not None}


def _check_cell(path: Path, title: str, row: Row, column: Column) -> None:
    value = row.values.get(column.name)
    where = f"trang «{title}», hàng {row.number}, cột «{column.name}»"
    if column.number and value not in (None, "") and not isinstance(value, int | float):
        text = str(value).strip().replace(".", "").replace(",", ".")
        try:
            row.values[column.name] = float(text)
        except ValueError:
            raise VanbanError(f"{where}: «{value}» không phải là số.", path) from None
    if column.choices and value not in (None, ""):
        text = nfc(str(value)).strip()
        if text not in column.choices:
            raise VanbanError(f"{where}: «{value}» không có trong danh sách ({', '.join(column.choices)}).", path)
        row.values[column.name] = text
