"""A workbook's error as a table row for the page: file, sheet, row, column, what is wrong.

The generator's workbook readers (`jobs/workbook.py`, `jobs/report.py`, `jobs/plan_tasks.py`)
all say where in one shape — "trang «Nhiệm vụ», hàng 3, cột «Trạng thái»: …" — with the file as
the error's path; a department's file is named as the official uploaded it, never by the server's
temporary path (which is also replaced where a message mentions another file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vanban.library.errors import VanbanError

_WHERE = re.compile(
    r"^trang «(?P<sheet>[^»]+)»(?:, hàng (?P<row>\d+))?(?:, cột «(?P<column>[^»]+)»)?: (?P<text>.+)$", re.S
)


@dataclass(frozen=True)
class WorkbookError:
    file: str
    sheet: str
    row: str
    column: str
    text: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"tệp «{self.file}»" if self.file else "",
                f"trang «{self.sheet}»" if self.sheet else "",
                f"hàng {self.row}" if self.row else "",
                f"cột «{self.column}»" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.text}" if where else self.text


def workbook_error(error: VanbanError, names: dict[Path, str]) -> WorkbookError:
    """`error` located: its file by the name the user chose, its sheet, row and column when it names them."""
    text = error.message
    for path, name in names.items():
        text = text.replace(str(path), f"«{name}»")
    file = names.get(Path(error.path), "") if error.path else ""
    found = _WHERE.match(text)
    if found is None:
        return WorkbookError(file, "", "", "", text)
    return WorkbookError(file, found["sheet"], found["row"] or "", found["column"] or "", found["text"])
