"""`vanban search`, `vanban related`, `vanban index build`: finding the exact Điều or mục."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated

import typer
from rich.text import Text

from vanban.app.common import DataOption, JsonOption, notify, out, print_json
from vanban.index.in_force import hit_validity, search_in_force
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.library.validity import IN_FORCE

index_app = typer.Typer(help="Chỉ mục tìm kiếm: dựng lại toàn bộ.", no_args_is_help=True)


EngineOption = Annotated[str, typer.Option("--engine", help="Bộ máy tìm kiếm: tantivy (mặc định) hoặc whoosh.")]


@index_app.command("build")
def index_build(engine: EngineOption = "tantivy", data: DataOption = None, as_json: JsonOption = False) -> None:
    """Dựng lại chỉ mục (dựng sang chỗ khác rồi mới thay, chỉ mục cũ vẫn dùng được trong lúc dựng)."""
    from vanban.index.manager import IndexManager

    library = Library(data)
    meta = IndexManager(library.data_dir, engine, notify).build(library)
    summary = {
        "engine": engine,
        "entries": meta["entries"],
        "documents": len(meta["documents"]),
        "seconds": meta["seconds"],
    }
    if as_json:
        print_json(summary)
        return
    out.print(
        f"Đã dựng chỉ mục {engine}: {summary['entries']} mục của {summary['documents']} văn bản "
        f"trong {summary['seconds']:.2f} giây."
    )


#: Results one search may return (a page of a report, not the whole library), and the years a
#: filter may name: values past these are typing mistakes, and huge ones crash the engine.
MAX_LIMIT = 1000
MIN_YEAR, MAX_YEAR = 1900, 2100


def search_command(
    query: Annotated[str, typer.Argument(help='Từ cần tìm: có dấu hoặc không, "cụm từ", OR, -bỏ, số hiệu, Điều…')],
    doc_type: Annotated[list[str] | None, typer.Option("--type", help="Loại văn bản (KH, QĐ… hoặc tên).")] = None,
    issuer: Annotated[list[str] | None, typer.Option("--issuer", help="Cơ quan ban hành.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="Từ năm.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Đến năm.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance (liên quan) hoặc date (mới trước).")] = "relevance",
    limit: Annotated[int, typer.Option("--limit", help="Số kết quả.")] = 10,
    mode: Annotated[str, typer.Option("--mode", help="auto, and (đủ mọi từ) hoặc or (từ bất kỳ).")] = "auto",
    in_force_on: Annotated[
        str | None,
        typer.Option(
            "--in-force-on", help="Chỉ văn bản còn hiệu lực (toàn bộ hoặc một phần) vào ngày này, dạng 2026-01-01."
        ),
    ] = None,
    engine: EngineOption = "tantivy",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Tìm trong thư viện, đến đúng Điều, khoản, mục; đoạn trích có đánh dấu từ khớp."""
    from vanban.index.manager import IndexManager
    from vanban.index.search import resolve_filters

    if sort not in ("relevance", "date") or mode not in ("auto", "and", "or"):
        raise VanbanError("--sort là relevance hoặc date; --mode là auto, and hoặc or.")
    if not 1 <= limit <= MAX_LIMIT:
        raise VanbanError(f"--limit từ 1 đến {MAX_LIMIT}.")
    for name, year in (("--from", year_from), ("--to", year_to)):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise VanbanError(f"{name} là một năm từ {MIN_YEAR} đến {MAX_YEAR}.")
    library = Library(data)
    searcher, meta = IndexManager(library.data_dir, engine, notify).open(library)
    filters = resolve_filters(meta, doc_type or [], issuer or [], year_from, year_to)
    on = _day(in_force_on) if in_force_on is not None else None
    result = search_in_force(library, searcher, meta, query, filters, on, limit, sort, mode)
    states = hit_validity(library, meta, result.hits, on or _dt.date.today())
    if as_json:
        data = result.to_dict()
        for hit, shown in zip(data["hits"], states, strict=True):
            hit["hieu_luc"], hit["hieu_luc_muc"] = shown
        print_json(data)
        return
    _print_search(result, states)
    if not library.added():
        out.print(f"\n{FIRST_RUN_HINT}", soft_wrap=True)


def _day(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise VanbanError(f"--in-force-on «{text}» không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2026-01-01).") from None


#: Shown under results while the library holds only the shipped documents.
FIRST_RUN_HINT = (
    "Gợi ý: thư viện mới có các văn bản đi kèm phần mềm. Thêm văn bản của bạn (cả thư mục, kể cả thư mục "
    "con) bằng: vanban library add THƯ_MỤC — tệp .docx, .pdf, .md, .txt, .doc, .rtf đều đọc được."
)


def _marked(snippet: str) -> Text:
    """HTML snippet → plain text with the matched words in reverse video."""
    import html

    pieces = snippet.replace("</mark>", "<mark>").split("<mark>")
    return Text.assemble(*((html.unescape(p), "reverse" if i % 2 else "") for i, p in enumerate(pieces)))


def _print_search(result, states: list[tuple[str, str]]) -> None:
    for missing in result.without_text:
        number = missing["number"]
        out.print(
            f"Ghi chú: Thư viện chưa có toàn văn {number}: chưa tìm được {missing['part']}."
            f" Thêm bằng: vanban library add TỆP --number {number}",
            soft_wrap=True,
        )
    for note in result.notes:
        out.print(f"Ghi chú: {note}", soft_wrap=True)
    out.print(f"Tìm «{result.query}»: {result.total} mục.")
    if not result.hits and result.mode == "and":
        out.print("Gợi ý: thêm --mode or để xem các mục chứa bất kỳ từ nào.", soft_wrap=True)
    for rank, (hit, (status, ended)) in enumerate(zip(result.hits, states, strict=True), 1):
        name = f"{hit.doc_type} {hit.number}" if hit.number else hit.title
        out.print(Text.assemble("\n", (f"{rank}. {name}", "bold"), f" — {hit.section}"), soft_wrap=True)
        if status and status != IN_FORCE:
            out.print(Text(f"   Hiệu lực: {status}", style="italic"), soft_wrap=True)
        if ended:
            out.print(Text(f"   Lưu ý: {ended}", style="bold"), soft_wrap=True)
        if hit.heading:
            out.print(Text(f"   {hit.heading}", style="dim"), soft_wrap=True)
        out.print(Text.assemble("   ", _marked(hit.snippet)), soft_wrap=True)
    for name, label in (("doc_type", "Loại"), ("issuer", "Cơ quan"), ("year", "Năm")):
        counts = result.facets.get(name) or {}
        if counts:
            shown = ", ".join(f"{k} ({v})" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            out.print(f"{label}: {shown}", soft_wrap=True)
    for document in result.documents:
        if document["related"]:
            out.print(f"\nVăn bản liên quan đến {document['number']}:")
            for other in document["related"]:
                out.print(f"  - {other['number']} {other['title']} ({other['relation']})", soft_wrap=True)
