"""`vanban library list|show|add|remove|export|set-access`: the documents a user works with.

The command line is the server's local user: it reads every document, công khai or nội bộ, and
shows which each is (the web shows nội bộ ones only to signed-in accounts)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from vanban.app.common import DataOption, JsonOption, cells, err, notify, out, print_json
from vanban.library.atomic import atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.markdown_writer import export_markdown
from vanban.library.model import ACCESS_LEVELS, INTERNAL, LOW_CONFIDENCE, Document, Section
from vanban.library.readers import OcrOptions
from vanban.library.records import dumps, to_record
from vanban.library.relations import library_graph
from vanban.library.store import Library, files_in, number_key
from vanban.library.validity import statuses_on, validity_on

library_app = typer.Typer(help="Thư viện văn bản: xem, thêm, xóa, xuất.", no_args_is_help=True)
EXPORT_FORMATS = ("md", "json")


def summary(doc: Document) -> dict:
    """A list row as stored; `listing` gives it today's computed status."""
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
        "access": doc.access,
    }


def listing(documents: list[Document]) -> list[dict]:
    """The rows of `library list --json` and the web's list: each with its hiệu lực today, computed
    from dates and relations (`library/validity.py`), not the status the source once stated."""
    today = statuses_on(documents, _dt.date.today())
    return [{**summary(d), "status": today[d.id].status} for d in documents]


@library_app.command("list")
def library_list(data: DataOption = None, as_json: JsonOption = False) -> None:
    """Liệt kê các văn bản trong thư viện."""
    documents = Library(data).documents()
    if as_json:
        print_json(listing(documents))
        return
    table = Table(title=f"Thư viện: {len(documents)} văn bản", show_lines=False)
    for column in ("Số hiệu", "Loại", "Ngày", "Trích yếu", "Toàn văn", "Truy cập"):
        table.add_column(column, overflow="fold")
    for doc in documents:
        table.add_row(
            *cells(
                doc.number or doc.id,
                doc.doc_type,
                doc.signed_on.strftime("%d/%m/%Y") if doc.signed_on else "",
                doc.title,
                "có" if doc.full_text else "chưa có",
                ACCESS_LEVELS[doc.access],
            )
        )
    out.print(table)


def _print_outline(sections: list[Section], depth: int = 0) -> None:
    for section in sections:
        heading = section.title or section.text
        if len(heading) > 100:
            heading = heading[:99] + "…"
        out.print(Text.assemble("  " * depth, (section.label, "bold"), " ", heading), soft_wrap=True)
        _print_outline(section.children, depth + 1)


@library_app.command("show")
def library_show(
    number: Annotated[str, typer.Argument(help="Số hiệu, ví dụ 484/KH-UBND (không phân biệt hoa thường, dấu).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xem một văn bản: thông tin, đề mục, bảng nhiệm vụ."""
    library = Library(data)
    doc = library.get(number)
    if as_json:
        print_json(shown_json(doc, library))
        return
    out.print(Text(f"{doc.doc_type} {doc.number or doc.symbol}".strip(), style="bold"))
    for label, value in (
        ("Trích yếu", doc.title),
        ("Số, ký hiệu", "" if doc.number else f"(chưa có số) {doc.symbol}".strip() if doc.symbol else ""),
        ("Cơ quan ban hành", doc.issuer),
        ("Ngày ban hành", date_shown(doc)),
        ("Người ký", ", ".join(filter(None, [doc.signer, *doc.signature.authority, doc.signature.title]))),
        ("Tình trạng", status_shown(doc, library)),
        ("Toàn văn", "có" if doc.full_text else "chưa có"),
        ("Truy cập", access_shown(doc.access)),
        ("Nhận dạng chữ", _scan_shown(doc)),
        ("Ghi chú", doc.notes),
    ):
        if value:
            out.print(f"{label}: {value}", soft_wrap=True)
    if doc.sections:
        out.print(Text("\nĐề mục", style="bold"))
        _print_outline(doc.sections)
    for annex in doc.annexes:
        out.print(Text(f"\n{annex.label}: {annex.title}".rstrip(": "), style="bold"), soft_wrap=True)
        if annex.ref:
            out.print(annex.ref, soft_wrap=True)
        _print_outline(annex.sections)
    if doc.tasks:
        groups = {g["key"]: g["title"] for g in doc.task_groups}
        out.print(Text(f"\nBảng nhiệm vụ: {len(doc.tasks)} nhiệm vụ", style="bold"))
        for key in dict.fromkeys(t.group for t in doc.tasks):
            count = sum(1 for t in doc.tasks if t.group == key)
            out.print(f"  {groups.get(key, key)}: {count} nhiệm vụ")


def shown_json(doc: Document, library: Library) -> dict:
    """What `library show --json` prints, and the web's document page serves as JSON."""
    full = doc.to_dict()
    full["sections"] = [public_section(s) for s in doc.sections]
    full["status_now"] = status_shown(doc, library)
    full["low_confidence_pages"] = [p.page for p in doc.scan.doubtful_pages()] if doc.scan else []
    return full


def _scan_shown(doc: Document) -> str:
    """Where an OCR text came from and which pages to check against the scan."""
    if doc.scan is None:
        return ""
    scan = doc.scan
    pages = ", ".join(f"{p.page} ({p.confidence:.0f}%)" for p in scan.pages)
    shown = f"từ bản scan {scan.path} (SHA-256 {scan.sha256[:12]}…), {scan.engine}; độ tin cậy theo trang: {pages}"
    doubtful = scan.doubtful_pages()
    if doubtful:
        listed = ", ".join(str(p.page) for p in doubtful)
        shown += f". CẦN ĐỐI CHIẾU trang {listed} (độ tin cậy dưới {LOW_CONFIDENCE:.0f}%)"
    return shown


def access_shown(access: str) -> str:
    """Who may read a document on the web, in the words `library show` prints."""
    if access == INTERNAL:
        return f"{ACCESS_LEVELS[access]} (trên trang web chỉ người đăng nhập xem được)"
    return f"{ACCESS_LEVELS[access]} (trên trang web ai cũng đọc được khi quản trị cho phép đọc không cần đăng nhập)"


def date_shown(doc: Document) -> str:
    if doc.signed_on:
        return doc.signed_on.strftime("%d/%m/%Y")
    if doc.signed_month:
        year, month = doc.signed_month.split("-")
        return f"(chưa ghi ngày) tháng {int(month)} năm {year}"
    return ""


def status_shown(doc: Document, library: Library) -> str:
    """Hiệu lực today, computed from the document's dates, the relations of the library's texts
    and the reorganisation data (`library/validity.py`), with the reasons."""
    return validity_on(doc, _dt.date.today(), library_graph(library.documents())).summary()


def public_section(section: Section) -> dict:
    return {
        "label": section.label,
        "title": section.title,
        "text": section.text,
        "children": [public_section(c) for c in section.children],
    }


@library_app.command("add")
def library_add(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Tệp .md, .txt, .docx, .pdf, .json, .doc, .rtf, bản scan .pdf/.png/.jpg/.tiff, hoặc thư mục."
        ),
    ],
    number: Annotated[str | None, typer.Option("--number", help="Số hiệu (ghi đè số đọc được từ tệp).")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Loại văn bản, ví dụ «Quyết định».")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Trích yếu.")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help="Cơ quan ban hành.")] = None,
    signed_on: Annotated[str | None, typer.Option("--signed-on", help="Ngày ban hành, dạng 2020-06-24.")] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Thay văn bản cùng số hiệu mà bạn đã thêm trước đây.")
    ] = False,
    ocr: Annotated[
        str,
        typer.Option(
            "--ocr",
            help="Nhận dạng chữ bản scan: auto (chỉ trang không có lớp chữ dùng được), force (mọi trang), off (không).",
        ),
    ] = "auto",
    internal: Annotated[
        bool,
        typer.Option(
            "--noi-bo",
            help="Văn bản nội bộ (văn bản đến, giấy tờ riêng của cơ quan): trên trang web chỉ người đăng nhập "
            "xem được. Không ghi thì văn bản mới là công khai, văn bản thay thế giữ mức cũ.",
        ),
    ] = False,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Thêm văn bản vào thư viện (thông tin đọc từ phần đầu văn bản; các tùy chọn ghi đè).

    Một thư mục được đọc hết, kể cả thư mục con: tệp nào không thêm được thì được liệt kê kèm lý do,
    các tệp còn lại vẫn được thêm (cùng một lần ghi)."""
    library = Library(data)
    OcrOptions(ocr)  # a wrong --ocr is refused before any file is read
    overrides = {"number": number, "doc_type": doc_type, "title": title, "issuer": issuer, "signed_on": signed_on}
    folder_mode = any(f.is_dir() for f in files)
    paths = [p for f in files for p in (files_in(f) if f.is_dir() else [f])]
    if folder_mode and not paths:
        raise VanbanError("thư mục không có tệp nào.", next(f for f in files if f.is_dir()))
    notes: dict[Path, list[str]] = {}
    refusals: list[tuple[Path, VanbanError]] = []
    before = {number_key(d.number) for d in library.added() if d.number}

    def note(path: Path, message: str) -> None:
        notes.setdefault(path, []).append(message)
        if not as_json:
            err.print(f"Lưu ý — {path.name}: {message}", markup=False, soft_wrap=True)

    def refuse(path: Path, error: VanbanError) -> None:
        refusals.append((path, error))

    def index(documents: list[Document]) -> None:
        update_indexes(library, [d.id for d in documents])

    refused = refuse if folder_mode else None
    if not as_json and err.is_terminal:
        from rich.progress import Progress

        with Progress(console=err, transient=True) as progress:
            task = progress.add_task("Đang đọc tệp", total=len(paths))
            pages: dict[Path, int] = {}

            def on_page(path: Path, done: int, total: int) -> None:
                if path not in pages:
                    pages[path] = progress.add_task(f"Nhận dạng chữ (OCR) {path.name}", total=total)
                progress.update(pages[path], completed=done)

            added = library.add(
                paths,
                overrides,
                lambda _path: progress.advance(task),
                note,
                index,
                replace,
                OcrOptions(ocr, on_page),
                refused,
                INTERNAL if internal else None,
            )
    else:
        added = library.add(
            paths,
            overrides,
            note=note,
            then=index,
            replace=replace,
            ocr=OcrOptions(ocr),
            refused=refused,
            access=INTERNAL if internal else None,
        )
    replaced = {d.id for d in added if d.number and number_key(d.number) in before}
    if as_json:
        sources = {p.name: notes.get(p, []) for p in paths}
        shown = [{**summary(d), "notes": sources.get(d.source, []), "replaced": d.id in replaced} for d in added]
        if folder_mode:
            print_json({"added": shown, "refused": [{"file": str(p), "reason": e.message} for p, e in refusals]})
        else:
            print_json(shown)
        if refusals and not added:
            raise typer.Exit(2)
        return
    for doc in added:
        out.print(
            f"{'Đã thay' if doc.id in replaced else 'Đã thêm'}: {doc.doc_type} {doc.number or doc.id} — "
            f"{len(list(doc.walk()))} đề mục, {len(doc.tasks)} nhiệm vụ ({doc.source})"
            + (" — nhận dạng chữ từ bản scan" if doc.scan else "")
            + (" — nội bộ" if doc.internal else "")
        )
    if folder_mode:
        _print_folder_summary(len(added) - len(replaced), len(replaced), refusals)
    if refusals and not added:
        raise typer.Exit(2)


def _print_folder_summary(added: int, replaced: int, refusals: list[tuple[Path, VanbanError]]) -> None:
    """What a folder add did, refusals one per line with the reason, so the user can fix and re-add."""
    out.print(f"Tổng cộng: thêm {added}, thay {replaced}, không thêm {len(refusals)} tệp.")
    for path, error in refusals:
        hint = f" {error.cli_hint}" if error.cli_hint else ""
        out.print(f"  - {path}: {error.message}{hint}", markup=False, soft_wrap=True)


@library_app.command("remove")
def library_remove(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản cần xóa.")],
    data: DataOption = None,
) -> None:
    """Xóa một văn bản bạn đã thêm."""
    library = Library(data)
    doc = library.remove(number)
    update_indexes(library, [doc.id])
    out.print(f"Đã xóa: {doc.doc_type} {doc.number or doc.id}")


@library_app.command("set-access")
def library_set_access(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản (do cơ quan thêm vào thư viện).")],
    access: Annotated[str, typer.Argument(help="noi-bo (chỉ người đăng nhập xem được trên trang web) hoặc cong-khai.")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Đổi mức truy cập của một văn bản: nội bộ hoặc công khai."""
    library = Library(data)
    before = library.get(number).access
    doc = library.set_access(number, access, then=lambda documents: update_indexes(library, [d.id for d in documents]))
    if as_json:
        print_json({**summary(doc), "previous_access": before})
        return
    name = f"{doc.doc_type} {doc.number or doc.id}".strip()
    if before == doc.access:
        out.print(f"{name} vốn đã là văn bản {ACCESS_LEVELS[doc.access]}; không có gì thay đổi.", soft_wrap=True)
    else:
        out.print(f"Đã đổi: {name} — {ACCESS_LEVELS[before]} → {access_shown(doc.access)}", soft_wrap=True)


@library_app.command("export")
def library_export(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản cần xuất, ví dụ 484/KH-UBND.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp ghi ra, ví dụ kh484.md.")],
    export_format: Annotated[
        str | None,
        typer.Option("--format", help="md (Markdown, thêm lại được bằng library add) hoặc json (bản lưu đầy đủ)."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Xuất một văn bản ra Markdown hoặc JSON (mặc định theo đuôi tệp ghi ra)."""
    export_format = export_format or ("json" if output.suffix.lower() == ".json" else "md")
    if export_format not in EXPORT_FORMATS:
        raise VanbanError(f"--format «{export_format}» không có; chọn md hoặc json.")
    doc = Library(data).get(number)
    if export_format == "json":
        files = {output: dumps(to_record(doc))}
    else:
        files = export_markdown(doc, output)
    for path, content in files.items():
        atomic_write_text(path, content)
    if as_json:
        print_json({"number": doc.number, "format": export_format, "files": [str(p) for p in files]})
        return
    out.print(f"Đã xuất: {doc.doc_type} {doc.number or doc.id} → {', '.join(str(p) for p in files)}", soft_wrap=True)


def update_indexes(library: Library, doc_ids: list[str]) -> None:
    """library add/remove keep every existing index current (the first search builds a missing one)."""
    from vanban.index.manager import IndexManager

    for engine in ("tantivy", "whoosh"):
        if (library.data_dir / "index" / engine / "CURRENT").exists():
            IndexManager(library.data_dir, engine, notify).update(library, doc_ids)
