"""`vanban number next|reserve|cancel|fill|history|list|policy|export`: the sổ văn bản (NĐ 30 Điều 15–16, 22);
`vanban number den …`, the sổ văn bản đến, in `incoming_commands.py`."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from vanban.app.common import DataOption, JsonOption, cells, data_dir, out, print_json
from vanban.app.incoming_commands import incoming_app

number_app = typer.Typer(
    help="Sổ văn bản: cấp số, giữ số, hủy số, bổ sung sổ, xem lịch sử, in sổ đi/đến.", no_args_is_help=True
)
number_app.add_typer(incoming_app, name="den")


TypeOption = Annotated[str, typer.Option("--type", help="Chữ viết tắt loại văn bản (KH, BC, TTr, QĐ…; công văn: CV).")]
IssuerOption = Annotated[str, typer.Option("--issuer", help="Chữ viết tắt cơ quan ban hành, ví dụ UBND, SCT.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Năm (mặc định: năm nay).")]
SecretOption = Annotated[bool, typer.Option("--mat", help="Văn bản mật: dãy số riêng (Điều 15 khoản 2).")]
NormativeOption = Annotated[
    bool, typer.Option("--qppl", help="Văn bản quy phạm pháp luật: mỗi loại một dãy số (Điều 15 khoản 1 điểm a).")
]
UnitOption = Annotated[
    str, typer.Option("--unit", help="Công văn: chữ viết tắt đơn vị soạn thảo, ví dụ QLCN (ký hiệu 01/SCT-QLCN).")
]
NoteOption = Annotated[str, typer.Option("--note", help="Tên loại và trích yếu nội dung văn bản.")]
SignedOnOption = Annotated[str, typer.Option("--signed-on", help="Ngày tháng văn bản, ví dụ 05/03/2026.")]
SignerOption = Annotated[str, typer.Option("--signer", help="Người ký.")]
RecipientsOption = Annotated[str, typer.Option("--recipients", help="Nơi nhận văn bản.")]
ArchiveOption = Annotated[str, typer.Option("--archive", help="Đơn vị, người nhận bản lưu (ví dụ VT, KT).")]


def _show(entry, verb: str, as_json: bool) -> None:
    if as_json:
        print_json(entry.to_dict())
    else:
        out.print(f"{verb}: {entry.symbol} (năm {entry.year})")


def _take(reserve: bool, data: Path | None, doc_type: str, issuer: str, year: int | None, **details):
    from vanban.office.register import Particulars, Register

    secret, normative, unit = details.pop("secret"), details.pop("normative"), details.pop("unit")
    register = Register(data_dir(data))
    take = register.reserve if reserve else register.next
    return take(
        doc_type, issuer, year, particulars=Particulars(**details), secret=secret, normative=normative, unit=unit
    )


@number_app.command("next")
def number_next(
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    note: NoteOption = "",
    signed_on: SignedOnOption = "",
    signer: SignerOption = "",
    recipients: RecipientsOption = "",
    archive: ArchiveOption = "",
    secret: SecretOption = False,
    normative: NormativeOption = False,
    unit: UnitOption = "",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Cấp số tiếp theo trong dãy số của văn bản (mặc định: một dãy chung cho văn bản hành chính)."""
    entry = _take(
        False,
        data,
        doc_type,
        issuer,
        year,
        title=note,
        signed_on=signed_on,
        signer=signer,
        recipients=recipients,
        archive=archive,
        secret=secret,
        normative=normative,
        unit=unit,
    )
    _show(entry, "Số mới", as_json)


@number_app.command("reserve")
def number_reserve(
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    note: NoteOption = "",
    signed_on: SignedOnOption = "",
    signer: SignerOption = "",
    recipients: RecipientsOption = "",
    archive: ArchiveOption = "",
    secret: SecretOption = False,
    normative: NormativeOption = False,
    unit: UnitOption = "",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Giữ trước một số (ví dụ cho văn bản đang chờ ký); số giữ được tính là đã dùng."""
    entry = _take(
        True,
        data,
        doc_type,
        issuer,
        year,
        title=note,
        signed_on=signed_on,
        signer=signer,
        recipients=recipients,
        archive=archive,
        secret=secret,
        normative=normative,
        unit=unit,
    )
    _show(entry, "Đã giữ số", as_json)


NumberArgument = Annotated[int, typer.Argument(help="Số trong sổ, ví dụ 5.")]


def _find(data, number, doc_type, issuer, year, secret, normative):
    from vanban.office.register import Register

    register = Register(data_dir(data))
    return register, register.find(doc_type, issuer, year or _dt.date.today().year, number, secret, normative)


@number_app.command("cancel")
def number_cancel(
    number: NumberArgument,
    doc_type: TypeOption,
    reason: Annotated[str, typer.Option("--reason", help="Lý do hủy (bắt buộc).")],
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    secret: SecretOption = False,
    normative: NormativeOption = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Hủy một số đã cấp; số đã hủy vẫn ở trong sổ với lý do và không được cấp lại trong năm."""
    from vanban.office.register import valid_reason

    valid_reason(reason)
    register, entry = _find(data, number, doc_type, issuer, year, secret, normative)
    _show(register.cancel_entry(entry.id, reason), "Đã hủy", as_json)


@number_app.command("fill")
def number_fill(
    number: NumberArgument,
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    secret: SecretOption = False,
    normative: NormativeOption = False,
    note: Annotated[str | None, typer.Option("--note", help="Tên loại và trích yếu.")] = None,
    signed_on: Annotated[str | None, typer.Option("--signed-on", help="Ngày tháng văn bản.")] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="Người ký.")] = None,
    recipients: Annotated[str | None, typer.Option("--recipients", help="Nơi nhận văn bản.")] = None,
    archive: Annotated[str | None, typer.Option("--archive", help="Đơn vị, người nhận bản lưu.")] = None,
    copies: Annotated[str | None, typer.Option("--copies", help="Số lượng bản.")] = None,
    sent_on: Annotated[str | None, typer.Option("--sent-on", help="Ngày chuyển, ví dụ 06/03/2026.")] = None,
    receipt: Annotated[str | None, typer.Option("--receipt", help="Ký nhận (người nhận).")] = None,
    remarks: Annotated[str | None, typer.Option("--remarks", help="Ghi chú.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Bổ sung các cột của sổ văn bản đi (số lượng bản, ngày chuyển, ký nhận, ghi chú…), ghi vào lịch sử."""
    given = {
        "title": note,
        "signed_on": signed_on,
        "signer": signer,
        "recipients": recipients,
        "archive": archive,
        "copies": copies,
        "sent_on": sent_on,
        "receipt": receipt,
        "remarks": remarks,
    }
    register, entry = _find(data, number, doc_type, issuer, year, secret, normative)
    _show(register.fill(entry.id, {k: v for k, v in given.items() if v is not None}), "Đã bổ sung", as_json)


@number_app.command("history")
def number_history(
    number: NumberArgument,
    doc_type: TypeOption,
    issuer: IssuerOption = "UBND",
    year: YearOption = None,
    secret: SecretOption = False,
    normative: NormativeOption = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Lịch sử của một số: cấp, giữ, bổ sung, hủy — ai làm, lúc nào."""
    register, entry = _find(data, number, doc_type, issuer, year, secret, normative)
    lines = register.history(entry.id)
    if as_json:
        print_json([vars(line) for line in lines])
        return
    table = Table(title=f"Lịch sử số {entry.symbol} năm {entry.year}")
    for column in ("Việc", "Nội dung", "Người làm", "Thời điểm"):
        table.add_column(column, overflow="fold")
    for line in lines:
        table.add_row(*cells(line.action, line.detail, line.actor, line.at))
    out.print(table)


@number_app.command("list")
def number_list(
    year: YearOption = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Lọc theo cơ quan.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Lọc theo loại.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xem sổ văn bản đi."""
    from vanban.office.register import Register

    entries = Register(data_dir(data)).entries(year, issuer, doc_type)
    if as_json:
        print_json([e.to_dict() for e in entries])
        return
    table = Table(title=f"Sổ văn bản đi: {len(entries)} số")
    for column in ("Số, ký hiệu", "Năm", "Ngày", "Trích yếu", "Người ký", "Tình trạng", "Lý do hủy"):
        table.add_column(column, overflow="fold")
    for e in entries:
        shown = e.symbol + (" (mật)" if e.secret else "")
        table.add_row(*cells(shown, e.year, e.signed_on, e.title, e.signer, e.status, e.reason))
    out.print(table)


@number_app.command("policy")
def number_policy(
    issuer: IssuerOption = "UBND",
    choice: Annotated[
        str | None, typer.Option("--set", help="chung (một dãy số cho mọi văn bản hành chính) hoặc theo-loai.")
    ] = None,
    data: DataOption = None,
) -> None:
    """Xem hoặc đổi cách đánh số văn bản hành chính của một cơ quan (Điều 15 khoản 1 điểm c)."""
    from vanban.office.register import POLICIES, Register

    register = Register(data_dir(data))
    if choice is not None:
        begun = register.set_policy(issuer, choice)
        if begun:
            years = ", ".join(map(str, begun))
            out.print(f"Các năm đã bắt đầu ({years}) giữ cách đánh số cũ để không trùng số; áp dụng từ năm sau.")
    policy = register.policy(issuer)
    out.print(f"{issuer}: {POLICIES[policy]} ({policy}).")


@number_app.command("export")
def number_export(
    year: Annotated[int, typer.Option("--year", help="Năm của sổ.")],
    book: Annotated[str, typer.Option("--so", help="di (sổ văn bản đi) hoặc den (sổ văn bản đến).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp .xlsx hoặc .pdf.")],
    agency: Annotated[str, typer.Option("--agency", help="Tên cơ quan in trên bìa sổ.")] = "",
    issuer: Annotated[str | None, typer.Option("--issuer", help="Chỉ sổ của một cơ quan (sổ đi).")] = None,
    secret: SecretOption = False,
    data: DataOption = None,
) -> None:
    """In sổ của một năm theo mẫu Phụ lục IV (bìa sổ và bảng, khổ A4 ngang) ra .xlsx hoặc .pdf."""
    from vanban.generator.jobs.register_book import export_register

    written = export_register(data_dir(data), book, year, output, agency, issuer, secret)
    out.print(f"Đã ghi {written}")
