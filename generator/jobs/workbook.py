"""Excel workbooks officials fill in (task lists, results): written readable, read strictly.

A workbook comes back from many hands; a wrong one — missing column, renamed sheet, an extra
header row, a status outside the list, text where a number belongs — is refused before anything is
written, with every problem found in it at once (`WorkbookProblem`: file, sheet, row, column, what
is wrong), so a department fixes its file in one round instead of one cell per round. The readers
append to a list of problems and `raise_problems` raises them together as `WorkbookErrors`.
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
class WorkbookProblem:
    """One thing wrong in a workbook, where it is: the CLI prints it as a line, the web as a table row."""

    file: Path | None
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    @property
    def where(self) -> str:
        """«trang «Nhiệm vụ», hàng 3, cột «Trạng thái»» — as much of it as is known."""
        parts = (
            f"trang «{self.sheet}»" if self.sheet else "",
            f"hàng {self.row}" if self.row is not None else "",
            f"cột «{self.column}»" if self.column else "",
        )
        return ", ".join(part for part in parts if part)

    def located(self, with_file: bool = True) -> str:
        parts = (str(self.file) if with_file and self.file else "", self.where, self.message)
        return ": ".join(part for part in parts if part)

    def __str__(self) -> str:
        return self.located()


#: Problems listed at most: a workbook wrong throughout would bury the first ones under thousands.
MAX_LISTED = 50


class WorkbookErrors(VanbanError):
    """Every problem found in one or more workbooks, raised together; `str()` lists them one a line."""

    def __init__(self, problems: list[WorkbookProblem]):
        self.problems = list(problems)
        files = {p.file for p in self.problems}
        one_file = next(iter(files)) if len(files) == 1 else None
        if len(self.problems) == 1:
            super().__init__(self.problems[0].located(with_file=False), one_file)
            return
        lines = [f"- {p.located(with_file=one_file is None)}" for p in self.listed]
        if self.unlisted:
            lines.append(f"- và {self.unlisted} lỗi khác.")
        header = f"bảng tính có {len(self.problems)} lỗi (chưa ghi gì; sửa hết rồi làm lại):"
        super().__init__("\n".join([header, *lines]), one_file)

    @property
    def listed(self) -> list[WorkbookProblem]:
        return self.problems[:MAX_LISTED]

    @property
    def unlisted(self) -> int:
        return max(0, len(self.problems) - MAX_LISTED)


def raise_problems(problems: list[WorkbookProblem]) -> None:
    """Raise what the readers found, all at once; nothing when the workbooks are right."""
    if problems:
        raise WorkbookErrors(problems)


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
    styled cell at A1048576) or XFD columns costs nothing until its rows are read. A file that
    cannot be opened is one `WorkbookErrors` problem, so a batch reader can go on to the next file."""
    if not path.exists():
        raise WorkbookErrors([WorkbookProblem(path, "không tìm thấy tệp bảng tính.")])
    try:
        check_zip(path, "Excel .xlsx")
    except VanbanError as error:
        raise WorkbookErrors([WorkbookProblem(path, error.message)]) from None
    try:
        workbook = load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ElementTree.ParseError) as error:
        problem = WorkbookProblem(path, f"không đọc được tệp Excel .xlsx ({type(error).__name__}).")
        raise WorkbookErrors([problem]) from None
    try:
        yield workbook
    finally:
        workbook.close()


def read_sheet(path: Path, workbook, title: str, columns: list[Column], problems: list[WorkbookProblem]) -> list[Row]:
    """The data rows of sheet `title` whose cells are right; what is wrong goes to `problems`
    (a row with a wrong cell is left out, its problem said). The header is row 1 and names every column."""

    def problem(message: str, row: int | None = None, column: str = "") -> list[Row]:
        problems.append(WorkbookProblem(path, message, title, row, column))
        return []

    if title not in workbook.sheetnames:
        problems.append(
            WorkbookProblem(
                path,
                f"không có trang «{title}» trong bảng tính (có: {', '.join(workbook.sheetnames)}). "
                "Đừng đổi tên trang của biểu mẫu.",
            )
        )
        return []
    try:
        rows = _data_rows(title, workbook[title], max_col=len(columns) + EXTRA_COLUMNS)
    except _Unreadable as error:
        return problem(str(error))
    if not rows:
        return problem("không có gì, kể cả hàng tiêu đề.")
    header = _header(rows[0])
    expected = {fold(c.name): c.name for c in columns}
    if not set(expected) <= set(header.values()):
        for extra in range(1, min(4, len(rows))):
            if set(expected) <= set(_header(rows[extra]).values()):
                return problem(
                    f"thừa {extra} hàng phía trên hàng tiêu đề; hàng tiêu đề phải là hàng 1. "
                    f"Xóa hàng 1{f'–{extra}' if extra > 1 else ''} rồi gửi lại.",
                    1,
                )
        for key, name in expected.items():
            if key not in header.values():
                problem(f"thiếu cột «{name}».", 1)
        return []
    position = {key: index for index, key in header.items()}
    result = []
    for number, values in enumerate(rows[1:], 2):
        data = {
            c.name: values[position[fold(c.name)]] if position[fold(c.name)] < len(values) else None for c in columns
        }
        if all(v is None or str(v).strip() == "" for v in data.values()):
            continue
        row = Row(number, data)
        wrong = [found for column in columns if (found := _check_cell(row, column))]
        for column_name, message in wrong:
            problem(message, number, column_name)
        if not wrong:
            result.append(row)
    return result


#: Columns read beyond the expected ones (a department may add a column of its own).
EXTRA_COLUMNS = 10
#: Rows read at most; a plan's tasks are a few hundred. A run of this many empty rows ends the data
#: (the rest of a declared million-row range is formatting).
MAX_ROWS, EMPTY_RUN = 20_000, 5_000


class _Unreadable(Exception):
    """A sheet that cannot be read through (its message says why)."""


def _data_rows(title: str, sheet, max_col: int) -> list[tuple]:
    """The rows that hold data, read only as far as the data goes, never the declared dimension."""
    rows: list[tuple] = []
    empty_run = 0
    try:
        for values in sheet.iter_rows(max_col=max_col, values_only=True):
            if len(rows) >= MAX_ROWS:
                raise _Unreadable(f"có quá {MAX_ROWS} hàng; hãy chia thành nhiều tệp.")
            rows.append(values)
            empty_run = 0 if any(v is not None and str(v).strip() for v in values) else empty_run + 1
            if empty_run >= EMPTY_RUN:
                break
    except (KeyError, ValueError, ElementTree.ParseError) as error:
        raise _Unreadable(f"không đọc được ({type(error).__name__}).") from None
    while rows and not any(v is not None and str(v).strip() for v in rows[-1]):
        rows.pop()
    return rows


def _header(values) -> dict[int, str]:
    return {i: fold(" ".join(str(v).split())) for i, v in enumerate(values) if v is not None}


def _check_cell(row: Row, column: Column) -> tuple[str, str] | None:
    """(column, what is wrong) for a wrong cell; a right one is normalised in place (a number
    typed as text "1.234,5" becomes 1234.5, a status loses its stray spaces)."""
    value = row.values.get(column.name)
    if column.number and value not in (None, "") and not isinstance(value, int | float):
        text = str(value).strip().replace(".", "").replace(",", ".")
        try:
            row.values[column.name] = float(text)
        except ValueError:
            return column.name, f"«{value}» không phải là số."
    if column.choices and value not in (None, ""):
        text = nfc(str(value)).strip()
        if text not in column.choices:
            return column.name, f"«{value}» không có trong danh sách ({', '.join(column.choices)})."
        row.values[column.name] = text
    return None
