"""`vanban number den add|list|fill|history`: the sổ văn bản đến from the server (NĐ 30 Điều 22).

`add` is the web page's «Vào sổ» (`IncomingRegister.receive`: the file into the library as nội bộ
and its entry with the next số đến, both or neither); the other commands mirror the sổ đi's. A bad
value is refused naming its option, before anything is written.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from vanban.app.common import DataOption, JsonOption, cells, data_dir, out, print_json
from vanban.library.errors import VanbanError

incoming_app = typer.Typer(
    help="Sổ văn bản đến: vào sổ văn bản nhận được (tệp vào thư viện, mức nội bộ), xem sổ, bổ sung, xem lịch sử.",
    no_args_is_help=True,
)

#: Each column of the sổ đến (office/incoming.py COLUMNS) → its option here.
OPTIONS = {
    "received_on": "--ngay-den",
    "sender": "--tac-gia",
    "symbol": "--so-ky-hieu",
    "signed_on": "--ngay",
    "title": "--trich-yeu",
    "handler": "--noi-nhan",
    "receipt": "--ky-nhan",
    "remarks": "--ghi-chu",
}
HELPS = {
    "received_on": "Ngày đến, ví dụ 05/03/2026 (mặc định: hôm nay).",
    "sender": "Tác giả (cơ quan gửi); không ghi thì lấy từ văn bản.",
    "symbol": "Số, ký hiệu của văn bản đến, ví dụ 120/BCT-TKNL; không ghi thì lấy từ văn bản.",
    "signed_on": "Ngày tháng của văn bản đến; không ghi thì lấy từ văn bản.",
    "title": "Tên loại và trích yếu nội dung; không ghi thì lấy từ văn bản.",
    "handler": "Đơn vị hoặc người nhận (giải quyết) văn bản, ví dụ Phòng Kinh tế.",
    "receipt": "Ký nhận (người nhận văn bản).",
    "remarks": "Ghi chú.",
}
YearOption = Annotated[int | None, typer.Option("--year", help="Năm của sổ (mặc định: năm nay).")]
NumberArgument = Annotated[int, typer.Argument(help="Số đến trong sổ của năm, ví dụ 5.")]


def _register(data):
    from vanban.office.incoming import IncomingRegister

    return IncomingRegister(data_dir(data))


def _said_by_option(error: VanbanError) -> VanbanError:
    """A refused column said with the option that gives it (the office names its fields, not options)."""
    from vanban.office.register import FieldError

    if isinstance(error, FieldError) and error.field in OPTIONS:
        return VanbanError(error.message, cli_hint=f"(tùy chọn {OPTIONS[error.field]})")
    if isinstance(error, FieldError) and error.field == "year":
        return VanbanError(error.message, cli_hint="(tùy chọn --year)")
    return error


def _year(year: int | None) -> int:
    from vanban.office.register import valid_year

    try:
        return valid_year(year)
    except VanbanError as error:
        raise _said_by_option(error) from None


def _show(entry, verb: str, as_json: bool) -> None:
    if as_json:
        print_json(entry.to_dict())
    else:
        out.print(f"{verb}: số đến {entry.serial} năm {entry.year} — {entry.title}")


@incoming_app.command("add")
def incoming_add(
    file: Annotated[Path, typer.Argument(help="Tệp văn bản nhận được: .pdf, .docx, .doc, .md, .txt, bản scan…")],
    received_on: Annotated[str, typer.Option(OPTIONS["received_on"], help=HELPS["received_on"])] = "",
    sender: Annotated[str, typer.Option(OPTIONS["sender"], help=HELPS["sender"])] = "",
    symbol: Annotated[str, typer.Option(OPTIONS["symbol"], help=HELPS["symbol"])] = "",
    signed_on: Annotated[str, typer.Option(OPTIONS["signed_on"], help=HELPS["signed_on"])] = "",
    title: Annotated[str, typer.Option(OPTIONS["title"], help=HELPS["title"])] = "",
    handler: Annotated[str, typer.Option(OPTIONS["handler"], help=HELPS["handler"])] = "",
    receipt: Annotated[str, typer.Option(OPTIONS["receipt"], help=HELPS["receipt"])] = "",
    remarks: Annotated[str, typer.Option(OPTIONS["remarks"], help=HELPS["remarks"])] = "",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Vào sổ văn bản đến: cấp số đến tiếp theo của năm và lưu tệp vào thư viện (nội bộ), cả hai hoặc không gì cả."""
    from vanban.app.library_commands import update_indexes
    from vanban.library.store import Library
    from vanban.office.incoming import Received

    library = Library(data)
    received = Received(received_on, sender, symbol, signed_on, title, handler, receipt, remarks)
    try:
        doc, entry = _register(data).receive(library, file, received)
    except VanbanError as error:
        raise _said_by_option(error) from None
    update_indexes(library, [doc.id])
    if as_json:
        print_json({**entry.to_dict(), "document": doc.id})
        return
    _show(entry, "Đã vào sổ văn bản đến", False)
    out.print(f"Văn bản lưu trong thư viện (nội bộ): {doc.id}")


@incoming_app.command("list")
def incoming_list(year: YearOption = None, data: DataOption = None, as_json: JsonOption = False) -> None:
    """Xem sổ văn bản đến của một năm, theo số đến."""
    year = _year(year)
    entries = _register(data).entries(year)
    if as_json:
        print_json([e.to_dict() for e in entries])
        return
    from vanban.generator.jobs.register_book import date_shown

    table = Table(title=f"Sổ văn bản đến năm {year}: {len(entries)} văn bản")
    for column in ("Số đến", "Ngày đến", "Tác giả", "Số, ký hiệu", "Ngày tháng", "Trích yếu", "Người nhận"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(
            *cells(e.serial, date_shown(e.received_on), e.sender, e.symbol, date_shown(e.signed_on), e.title, e.handler)
        )
    out.print(table)


@incoming_app.command("fill")
def incoming_fill(
    number: NumberArgument,
    year: YearOption = None,
    received_on: Annotated[str | None, typer.Option(OPTIONS["received_on"], help="Ngày đến.")] = None,
    sender: Annotated[str | None, typer.Option(OPTIONS["sender"], help="Tác giả (cơ quan gửi).")] = None,
    symbol: Annotated[str | None, typer.Option(OPTIONS["symbol"], help="Số, ký hiệu của văn bản đến.")] = None,
    signed_on: Annotated[str | None, typer.Option(OPTIONS["signed_on"], help="Ngày tháng của văn bản đến.")] = None,
    title: Annotated[str | None, typer.Option(OPTIONS["title"], help="Tên loại và trích yếu nội dung.")] = None,
    handler: Annotated[str | None, typer.Option(OPTIONS["handler"], help=HELPS["handler"])] = None,
    receipt: Annotated[str | None, typer.Option(OPTIONS["receipt"], help=HELPS["receipt"])] = None,
    remarks: Annotated[str | None, typer.Option(OPTIONS["remarks"], help=HELPS["remarks"])] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Bổ sung các cột của sổ văn bản đến (người nhận sau khi có ý kiến chỉ đạo, ký nhận, ghi chú…), ghi vào lịch sử."""
    given = {
        "received_on": received_on,
        "sender": sender,
        "symbol": symbol,
        "signed_on": signed_on,
        "title": title,
        "handler": handler,
        "receipt": receipt,
        "remarks": remarks,
    }
    register = _register(data)
    try:
        entry = register.find(_year(year), number)
        filled = register.fill(entry.id, {k: v for k, v in given.items() if v is not None})
    except VanbanError as error:
        raise _said_by_option(error) from None
    _show(filled, "Đã bổ sung", as_json)


@incoming_app.command("history")
def incoming_history(
    number: NumberArgument, year: YearOption = None, data: DataOption = None, as_json: JsonOption = False
) -> None:
    """Lịch sử của một số đến: vào sổ, bổ sung — ai làm, lúc nào, đổi gì."""
    register = _register(data)
    entry = register.find(_year(year), number)
    lines = register.history(entry.id)
    if as_json:
        print_json([vars(line) for line in lines])
        return
    table = Table(title=f"Lịch sử số đến {entry.serial} năm {entry.year}")
    for column in ("Việc", "Nội dung", "Người làm", "Thời điểm"):
        table.add_column(column, overflow="fold")
    for line in lines:
        shown = _dt.datetime.fromisoformat(line.at).astimezone().strftime("%d/%m/%Y %H:%M")
        table.add_row(*cells(line.action, line.detail, line.actor, shown))
    out.print(table)
