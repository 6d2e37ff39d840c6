"""`vanban number next|reserve|cancel|list`: the sổ đăng ký văn bản."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from vanban.app.common import DataOption, JsonOption, cells, data_dir, out, print_json

number_app = typer.Typer(help="Sổ đăng ký văn bản: cấp số, giữ số, hủy số, xem sổ.", no_args_is_help=True)


TypeOption = Annotated[str, typer.Option("--type", help="Chữ viết tắt loại văn bản (KH, BC, TTr, QĐ…; công văn: CV).")]
IssuerOption = Annotated[str, typer.Option("--issuer", help="Chữ viết tắt cơ quan ban hành, ví dụ UBND, SCT.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Năm (mặc định: năm nay).")]


def _show(entry, verb: str, as_json: bool) -> None:
    if as_json:
        print_json(entry.to_dict())
    else:
        out.print(f"{verb}: {entry.symbol} (năm {entry.year})")


@number_app.command("next")
def number_next(
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    note: Annotated[str, typer.Option("--note", help="Trích yếu hoặc ghi chú.")] = "",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cấp số tiếp theo trong năm cho một loại văn bản của một cơ quan."""
    from vanban.office.register import Register

    _show(Register(data_dir(data)).next(doc_type, issuer, year, note), "Số mới", as_json)


@number_app.command("reserve")
def number_reserve(
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    note: Annotated[str, typer.Option("--note", help="Giữ số cho việc gì.")] = "",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Giữ trước một số (ví dụ cho văn bản đang chờ ký)."""
    from vanban.office.register import Register

    _show(Register(data_dir(data)).reserve(doc_type, issuer, year, note), "Đã giữ số", as_json)


@number_app.command("cancel")
def number_cancel(
    number: Annotated[int, typer.Argument(help="Số cần hủy, ví dụ 5.")],
    doc_type: TypeOption,
    reason: Annotated[str, typer.Option("--reason", help="Lý do hủy (bắt buộc).")],
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hủy một số đã cấp; số đã hủy không được cấp lại trong năm."""
    import datetime as _dt

    from vanban.office.register import Register

    _show(
        Register(data_dir(data)).cancel(doc_type, issuer, year or _dt.date.today().year, number, reason),
        "Đã hủy",
        as_json,
    )


@number_app.command("list")
def number_list(
    year: YearOption = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Lọc theo cơ quan.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Lọc theo loại.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xem sổ đăng ký văn bản."""
    from vanban.office.register import Register

    entries = Register(data_dir(data)).entries(year, issuer, doc_type)
    if as_json:
        print_json([e.to_dict() for e in entries])
        return
    table = Table(title=f"Sổ đăng ký: {len(entries)} số")
    for column in ("Số, ký hiệu", "Năm", "Tình trạng", "Ghi chú", "Lý do hủy", "Thời điểm"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(*cells(e.symbol, e.year, e.status, e.note, e.reason, e.created_at))
    out.print(table)
