"""The `vanban` command: a thin front over the library (and, later, search and the generator).

Every command that prints data has `--json`; exit codes are 0 ok, 1 findings, 2 bad input, and
a bad input never shows a traceback (set VANBAN_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from library.errors import VanbanError
from library.model import Document, Section
from library.store import Library

app = typer.Typer(
    help="vanban — thư viện văn bản, tìm kiếm và soạn thảo văn bản theo Nghị định 30/2020/NĐ-CP.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
library_app = typer.Typer(help="Thư viện văn bản: xem, thêm, xóa.", no_args_is_help=True)
app.add_typer(library_app, name="library")
index_app = typer.Typer(help="Chỉ mục tìm kiếm: dựng lại toàn bộ.", no_args_is_help=True)
app.add_typer(index_app, name="index")
tasks_app = typer.Typer(help="Bảng nhiệm vụ của kế hoạch: xuất ra Excel để các đơn vị chỉnh sửa.", no_args_is_help=True)
app.add_typer(tasks_app, name="tasks")
report_app = typer.Typer(help="Báo cáo kết quả thực hiện kế hoạch: biểu mẫu Excel.", no_args_is_help=True)
app.add_typer(report_app, name="report")
number_app = typer.Typer(help="Sổ đăng ký văn bản: cấp số, giữ số, hủy số, xem sổ.", no_args_is_help=True)
app.add_typer(number_app, name="number")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Thư mục dữ liệu của bạn (mặc định: biến VANBAN_DATA hoặc thư mục người dùng)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")]


def _print_json(data) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _summary(doc: Document) -> dict:
    return {
        "id": doc.id,
        "number": doc.number,
        "doc_type": doc.doc_type,
        "issuer": doc.issuer,
        "signed_on": doc.signed_on.isoformat() if doc.signed_on else None,
        "title": doc.title,
        "status": doc.status,
        "category": doc.category,
        "full_text": doc.full_text,
    }


@library_app.command("list")
def library_list(data: DataOption = None, as_json: JsonOption = False) -> None:
    """Liệt kê các văn bản trong thư viện."""
    documents = Library(data).documents()
    if as_json:
        _print_json([_summary(d) for d in documents])
        return
    table = Table(title=f"Thư viện: {len(documents)} văn bản", show_lines=False)
    for column in ("Số hiệu", "Loại", "Ngày", "Trích yếu", "Toàn văn"):
        table.add_column(column, overflow="fold")
    for doc in documents:
        table.add_row(
            doc.number or doc.id,
            doc.doc_type,
            doc.signed_on.strftime("%d/%m/%Y") if doc.signed_on else "",
            doc.title,
            "có" if doc.full_text else "chưa có",
        )
    out.print(table)


def _print_outline(sections: list[Section], depth: int = 0) -> None:
    for section in sections:
        heading = section.title or section.text
        if len(heading) > 100:
            heading = heading[:99] + "…"
        out.print(f"{'  ' * depth}[bold]{section.label}[/bold] {heading}", markup=True, soft_wrap=True)
        _print_outline(section.children, depth + 1)


@library_app.command("show")
def library_show(
    number: Annotated[str, typer.Argument(help="Số hiệu, ví dụ 484/KH-UBND (không phân biệt hoa thường, dấu).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xem một văn bản: thông tin, đề mục, bảng nhiệm vụ."""
    doc = Library(data).get(number)
    if as_json:
        full = doc.to_dict()
        full["sections"] = [_public_section(s) for s in doc.sections]
        _print_json(full)
        return
    out.print(f"[bold]{doc.doc_type} {doc.number}[/bold]".strip(), markup=True)
    for label, value in (
        ("Trích yếu", doc.title),
        ("Cơ quan ban hành", doc.issuer),
        ("Ngày ban hành", doc.signed_on.strftime("%d/%m/%Y") if doc.signed_on else ""),
        ("Người ký", ", ".join(filter(None, [doc.signer, *doc.signature.authority, doc.signature.title]))),
        ("Tình trạng", doc.status),
        ("Toàn văn", "có" if doc.full_text else "chưa có"),
        ("Ghi chú", doc.notes),
    ):
        if value:
            out.print(f"{label}: {value}", soft_wrap=True)
    if doc.sections:
        out.print("\n[bold]Đề mục[/bold]", markup=True)
        _print_outline(doc.sections)
    if doc.tasks:
        groups = {g["key"]: g["title"] for g in doc.task_groups}
        out.print(f"\n[bold]Bảng nhiệm vụ: {len(doc.tasks)} nhiệm vụ[/bold]", markup=True)
        for key in dict.fromkeys(t.group for t in doc.tasks):
            count = sum(1 for t in doc.tasks if t.group == key)
            out.print(f"  {groups.get(key, key)}: {count} nhiệm vụ")


def _public_section(section: Section) -> dict:
    return {
        "label": section.label,
        "title": section.title,
        "text": section.text,
        "children": [_public_section(c) for c in section.children],
    }


@library_app.command("add")
def library_add(
    files: Annotated[list[Path], typer.Argument(help="Tệp .md, .txt, .docx, .pdf, .json, .doc, .rtf")],
    number: Annotated[str | None, typer.Option("--number", help="Số hiệu (ghi đè số đọc được từ tệp).")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Loại văn bản, ví dụ «Quyết định».")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Trích yếu.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Cơ quan ban hành.")] = None,
    signed_on: Annotated[str | None, typer.Option("--signed-on", help="Ngày ban hành, dạng 2020-06-24.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Thêm văn bản vào thư viện (thông tin đọc từ phần đầu văn bản; các tùy chọn ghi đè)."""
    library = Library(data)
    overrides = {"number": number, "doc_type": doc_type, "title": title, "issuer": issuer, "signed_on": signed_on}
    if len(files) > 1 and not as_json and err.is_terminal:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("Đang đọc tệp", total=len(files))
            added = library.add(files, overrides, progress=lambda _path: progress.advance(task))
    else:
        added = library.add(files, overrides)
    _update_indexes(library, [d.id for d in added])
    if as_json:
        _print_json([_summary(d) for d in added])
        return
    for doc in added:
        out.print(
            f"Đã thêm: {doc.doc_type} {doc.number or doc.id} — {len(list(doc.walk()))} đề mục, "
            f"{len(doc.tasks)} nhiệm vụ ({doc.source})"
        )


@library_app.command("remove")
def library_remove(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản cần xóa.")],
    data: DataOption = None,
) -> None:
    """Xóa một văn bản bạn đã thêm."""
    library = Library(data)
    doc = library.remove(number)
    _update_indexes(library, [doc.id])
    out.print(f"Đã xóa: {doc.doc_type} {doc.number or doc.id}")


KindArgument = Annotated[
    str,
    typer.Argument(
        help="Loại: ke-hoach, bao-cao, to-trinh, cong-van, quyet-dinh; hoặc annual-plan (kế hoạch năm), "
        "report (báo cáo kết quả từ bảng tính), handout (tài liệu tập huấn từ Markdown)."
    ),
]


@app.command("draft")
def draft(
    kind: KindArgument,
    source: Annotated[
        Path | None, typer.Argument(help="Tệp dữ liệu .yaml (examples/draft/) hoặc .md (tài liệu tập huấn).")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tệp .docx sẽ ghi.")] = None,
    profile: Annotated[Path | None, typer.Option("--profile", help="Hồ sơ cơ quan .toml.")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="Xuất thêm PDF (cần LibreOffice).")] = False,
    from_library: Annotated[
        str | None, typer.Option("--from-library", help="Soạn lại một văn bản có trong thư viện, ví dụ 484/KH-UBND.")
    ] = None,
    register: Annotated[
        bool, typer.Option("--register", help="Lấy số tiếp theo từ sổ đăng ký văn bản (như «so: tu-dong»).")
    ] = False,
    template: Annotated[Path | None, typer.Option("--template", help="Mẫu nội dung .docx thay cho mẫu có sẵn.")] = None,
    plan: Annotated[str | None, typer.Option("--plan", help="Kế hoạch nhiều năm, ví dụ 484/KH-UBND.")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm của kế hoạch hoặc báo cáo.")] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks", help="Bảng nhiệm vụ .xlsx đã chỉnh sửa.")] = None,
    input_file: Annotated[Path | None, typer.Option("--input", help="Tệp .yaml ghi đè các phần mặc định.")] = None,
    results: Annotated[
        list[Path] | None, typer.Option("--results", help="Bảng tính kết quả .xlsx (dùng nhiều lần được).")
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Soạn văn bản .docx đúng thể thức Nghị định 30/2020/NĐ-CP."""
    from generator.compose import write_docx, write_pdf
    from generator.jobs import DraftRequest
    from generator.jobs import draft as run_draft

    request = DraftRequest(
        kind=kind,
        source=source,
        profile=profile,
        template=template,
        from_library=from_library,
        register=register,
        plan=plan,
        year=year,
        tasks=tasks,
        input=input_file,
        results=results or [],
        data_dir=_data_dir(data),
    )
    drafted = run_draft(request, Library(data))
    target = output or Path(drafted.name)
    write_docx(drafted.document, target)
    written = [target]
    if pdf:
        written.append(write_pdf(target))
    if as_json:
        _print_json(
            {
                "docx": str(target),
                "pdf": str(written[1]) if pdf else None,
                "number": drafted.number_line,
                "notes": drafted.notes,
            }
        )
        return
    for note in drafted.notes:
        out.print(f"Ghi chú: {note}", soft_wrap=True)
    for path in written:
        out.print(f"Đã ghi: {path}")


def _data_dir(data: Path | None) -> Path:
    from library.store import default_data_dir

    return Path(data) if data else default_data_dir()


@app.command("check")
def check(
    files: Annotated[list[Path], typer.Argument(help="Các tệp .docx cần kiểm tra.")],
    as_json: JsonOption = False,
) -> None:
    """Kiểm tra thể thức .docx theo Nghị định 30/2020/NĐ-CP (mã 0: đạt, 1: có lỗi, 2: không đọc được tệp)."""
    from generator.checker import check_file

    reports = [check_file(path) for path in files]
    if as_json:
        _print_json([r.to_dict() for r in reports])
    else:
        for report in reports:
            _print_report(report)
    raise typer.Exit(0 if all(r.ok for r in reports) else 1)


def _print_report(report) -> None:
    verdict = "[green]ĐẠT[/green]" if report.ok else f"[red]{len(report.errors)} lỗi[/red]"
    warnings = len(report.findings) - len(report.errors)
    extra = f", {warnings} cảnh báo" if warnings else ""
    out.print(f"[bold]{report.path}[/bold] ({report.document_type or 'không rõ loại'}): {verdict}{extra}", markup=True)
    if report.scope.startswith("tài liệu"):
        out.print(f"  Phạm vi: {report.scope}", soft_wrap=True, markup=False)
    for finding in report.findings:
        where = finding.where
        place = f"phần {where.get('section')}" + (f", đoạn {where['paragraph']}" if where.get("paragraph") else "")
        label = "Lỗi" if finding.severity == "error" else "Cảnh báo"
        out.print(f"  {label} {finding.rule} ({finding.locator}) — {finding.title}", soft_wrap=True)
        out.print(f"    ở {place}: «{where.get('text', '')}»", soft_wrap=True, markup=False)
        out.print(f"    cần: {finding.expected}; thấy: {finding.found}", soft_wrap=True, markup=False)


PlanOption = Annotated[str, typer.Option("--plan", help="Kế hoạch nhiều năm, ví dụ 484/KH-UBND.")]
RequiredYear = Annotated[int, typer.Option("--year", help="Năm.")]
OutputXlsx = Annotated[Path, typer.Option("-o", "--output", help="Tệp .xlsx sẽ ghi.")]


@tasks_app.command("export")
def tasks_export(plan: PlanOption, year: RequiredYear, output: OutputXlsx, data: DataOption = None) -> None:
    """Xuất các nhiệm vụ của một năm ra bảng tính (sửa xong dùng lại bằng draft annual-plan --tasks)."""
    from generator.plan_tasks import export_tasks, tasks_for_year

    tasks, note = tasks_for_year(Library(data).get(plan), year)
    export_tasks(tasks, year, output)
    out.print(f"Ghi chú: {note}", soft_wrap=True)
    out.print(f"Đã ghi: {output}")


@report_app.command("template")
def report_template(plan: PlanOption, year: RequiredYear, output: OutputXlsx, data: DataOption = None) -> None:
    """Biểu mẫu Excel để các đơn vị điền kết quả thực hiện từng nhiệm vụ và chỉ tiêu."""
    from generator.report import write_results_template

    note = write_results_template(Library(data).get(plan), year, output)
    out.print(f"Ghi chú: {note}", soft_wrap=True)
    out.print(f"Đã ghi: {output}")


TypeOption = Annotated[str, typer.Option("--type", help="Chữ viết tắt loại văn bản (KH, BC, TTr, QĐ…; công văn: CV).")]
IssuerOption = Annotated[str, typer.Option("--issuer", help="Chữ viết tắt cơ quan ban hành, ví dụ UBND, SCT.")]
YearOption = Annotated[int | None, typer.Option("--year", help="Năm (mặc định: năm nay).")]


def _print_entry(entry, verb: str) -> None:
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
    from generator.numbering import Register

    entry = Register(_data_dir(data)).next(doc_type, issuer, year, note)
    if as_json:
        _print_json(entry.to_dict())
        return
    _print_entry(entry, "Số mới")


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
    from generator.numbering import Register

    entry = Register(_data_dir(data)).reserve(doc_type, issuer, year, note)
    if as_json:
        _print_json(entry.to_dict())
        return
    _print_entry(entry, "Đã giữ số")


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

    from generator.numbering import Register

    entry = Register(_data_dir(data)).cancel(doc_type, issuer, year or _dt.date.today().year, number, reason)
    if as_json:
        _print_json(entry.to_dict())
        return
    _print_entry(entry, "Đã hủy")


@number_app.command("list")
def number_list(
    year: YearOption = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Lọc theo cơ quan.")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Lọc theo loại.")] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xem sổ đăng ký văn bản."""
    from generator.numbering import Register

    entries = Register(_data_dir(data)).entries(year, issuer, doc_type)
    if as_json:
        _print_json([e.to_dict() for e in entries])
        return
    table = Table(title=f"Sổ đăng ký: {len(entries)} số")
    for column in ("Số, ký hiệu", "Năm", "Tình trạng", "Ghi chú", "Lý do hủy", "Thời điểm"):
        table.add_column(column, overflow="fold")
    for e in entries:
        table.add_row(e.symbol, str(e.year), e.status, e.note, e.reason, e.created_at)
    out.print(table)


EngineOption = Annotated[str, typer.Option("--engine", help="Bộ máy tìm kiếm: tantivy (mặc định) hoặc whoosh.")]


def _notify(message: str) -> None:
    err.print(message, markup=False)


@index_app.command("build")
def index_build(engine: EngineOption = "tantivy", data: DataOption = None, as_json: JsonOption = False) -> None:
    """Dựng lại chỉ mục (dựng sang chỗ khác rồi mới thay, chỉ mục cũ vẫn dùng được trong lúc dựng)."""
    from index.manager import IndexManager

    library = Library(data)
    meta = IndexManager(library.data_dir, engine, _notify).build(library)
    summary = {
        "engine": engine,
        "entries": meta["entries"],
        "documents": len(meta["documents"]),
        "seconds": meta["seconds"],
    }
    if as_json:
        _print_json(summary)
        return
    out.print(
        f"Đã dựng chỉ mục {engine}: {summary['entries']} mục của {summary['documents']} văn bản "
        f"trong {summary['seconds']:.2f} giây."
    )


def _update_indexes(library: Library, doc_ids: list[str]) -> None:
    """library add/remove keep every existing index current (the first search builds a missing one)."""
    from index.manager import IndexManager

    for engine in ("tantivy", "whoosh"):
        if (library.data_dir / "index" / engine / "CURRENT").exists():
            IndexManager(library.data_dir, engine, _notify).update(library, doc_ids)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Từ cần tìm: có dấu hoặc không, "cụm từ", OR, -bỏ, số hiệu, Điều…')],
    doc_type: Annotated[list[str] | None, typer.Option("--type", help="Loại văn bản (KH, QĐ… hoặc tên).")] = None,
    issuer: Annotated[list[str] | None, typer.Option("--issuer", help="Cơ quan ban hành.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="Từ năm.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Đến năm.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance (liên quan) hoặc date (mới trước).")] = "relevance",
    limit: Annotated[int, typer.Option("--limit", help="Số kết quả.")] = 10,
    mode: Annotated[str, typer.Option("--mode", help="auto, and (đủ mọi từ) hoặc or (từ bất kỳ).")] = "auto",
    engine: EngineOption = "tantivy",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tìm trong thư viện, đến đúng Điều, khoản, mục; đoạn trích có đánh dấu từ khớp."""
    from index.manager import IndexManager
    from index.search import resolve_filters, search

    if sort not in ("relevance", "date") or mode not in ("auto", "and", "or") or limit < 1:
        raise VanbanError("--sort là relevance hoặc date; --mode là auto, and hoặc or; --limit từ 1 trở lên.")
    library = Library(data)
    searcher, meta = IndexManager(library.data_dir, engine, _notify).open(library)
    filters = resolve_filters(meta, doc_type or [], issuer or [], year_from, year_to)
    result = search(searcher, meta, query, filters, limit, sort, mode)
    if as_json:
        _print_json(result.to_dict())
        return
    _print_search(result)


def _marked(snippet: str) -> str:
    """HTML snippet → rich markup: escaped text, matched words in reverse video."""
    import html

    from rich.markup import escape

    pieces = snippet.replace("</mark>", "<mark>").split("<mark>")
    return "".join(
        f"[reverse]{escape(html.unescape(p))}[/reverse]" if i % 2 else escape(html.unescape(p))
        for i, p in enumerate(pieces)
    )


def _print_search(result) -> None:
    for note in result.notes:
        out.print(f"Ghi chú: {note}", soft_wrap=True, markup=False)
    out.print(f"Tìm «{result.query}»: {result.total} mục.", markup=False)
    for rank, hit in enumerate(result.hits, 1):
        name = f"{hit.doc_type} {hit.number}" if hit.number else hit.title
        out.print(f"\n[bold]{rank}. {escape_markup(name)}[/bold] — {escape_markup(hit.section)}", soft_wrap=True)
        if hit.heading:
            out.print(f"   [dim]{escape_markup(hit.heading)}[/dim]", soft_wrap=True)
        out.print(f"   {_marked(hit.snippet)}", soft_wrap=True)
    for name, label in (("doc_type", "Loại"), ("issuer", "Cơ quan"), ("year", "Năm")):
        counts = result.facets.get(name) or {}
        if counts:
            shown = ", ".join(f"{k} ({v})" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            out.print(f"{label}: {shown}", soft_wrap=True, markup=False)
    for document in result.documents:
        if document["related"]:
            out.print(f"\nVăn bản liên quan đến {document['number']}:", markup=False)
            for other in document["related"]:
                out.print(f"  - {other['number']} {other['title']} ({other['relation']})", soft_wrap=True, markup=False)


def escape_markup(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@app.command("related")
def related_command(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản, ví dụ 484/KH-UBND.")],
    engine: EngineOption = "tantivy",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Văn bản liên quan: văn bản này trích dẫn và văn bản trích dẫn nó."""
    from index.manager import IndexManager
    from index.search import related

    library = Library(data)
    doc = library.get(number)
    _engine, meta = IndexManager(library.data_dir, engine, _notify).open(library)
    found = related(meta, doc.id)
    if as_json:
        _print_json(found)
        return
    out.print(f"{doc.doc_type} {doc.number}: {len(found)} văn bản liên quan", markup=False)
    for other in found:
        out.print(f"  - {other['number']} {other['title']} ({other['relation']})", soft_wrap=True, markup=False)


def main() -> None:
    """Entry point: turns every VanbanError into a Vietnamese message and exit code 2."""
    try:
        app(prog_name="vanban")
    except VanbanError as error:
        err.print(f"Lỗi: {error}", markup=False, soft_wrap=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        err.print("Đã dừng.")
        sys.exit(130)
    except Exception as error:  # the unexpected: a message, never a traceback
        if os.environ.get("VANBAN_DEBUG"):
            raise
        err.print(
            f"Lỗi không mong đợi ({type(error).__name__}: {error}). Chạy lại với VANBAN_DEBUG=1 để xem chi tiết.",
            markup=False,
            soft_wrap=True,
        )
        sys.exit(2)
