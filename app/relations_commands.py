"""`vanban related`: a document's relations by type, both directions, and the diagram.

The rows and the diagram are `app/related.py`'s, the same the web's document page shows; this
module only prints them and writes the diagram's file.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from vanban.app.common import DataOption, JsonOption, out, print_json
from vanban.app.related import GRAPH_FORMATS, MAX_DEPTH, by_relation, draw, graph_dot, node_name, related_rows
from vanban.library.atomic import atomic_write_bytes, atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.relations import Edge, RelationGraph, library_graph
from vanban.library.store import Library
from vanban.library.validity import validity_on


def related_command(
    number: Annotated[str, typer.Argument(help="Số hiệu văn bản, ví dụ 484/KH-UBND.")],
    depth: Annotated[int, typer.Option("--depth", help=f"Số bậc quan hệ (1–{MAX_DEPTH}).")] = 1,
    graph_file: Annotated[
        Path | None, typer.Option("--graph", help="Vẽ lược đồ ra tệp .svg, .png, .pdf (cần Graphviz) hoặc .dot.")
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Văn bản liên quan theo loại quan hệ (căn cứ, sửa đổi, thay thế, bãi bỏ, hướng dẫn, thực hiện,
    dẫn chiếu), cả hai chiều; --graph vẽ lược đồ."""
    if not 1 <= depth <= MAX_DEPTH:
        raise VanbanError(f"--depth từ 1 đến {MAX_DEPTH}.")
    library = Library(data)
    doc = library.get(number)
    graph = library_graph(library.documents())
    node = graph.node(doc.number or doc.id)
    rows, edges = related_rows(graph, node, depth)
    if graph_file is not None:
        write_graph(graph, node, edges, graph_file)
    if as_json:
        print_json(rows)
        return
    validity = validity_on(doc, _dt.date.today(), graph)
    out.print(Text(f"{node_name(graph, node)}: {len(rows)} quan hệ", style="bold"), soft_wrap=True)
    out.print(f"Hiệu lực: {validity.summary()}", soft_wrap=True)
    _print_rows([r for r in rows if r["depth"] == 1 and r["direction"] == "đi"], "Văn bản này")
    _print_rows([r for r in rows if r["depth"] == 1 and r["direction"] == "đến"], "Văn bản khác với văn bản này")
    for row in (r for r in rows if r["depth"] > 1):
        part = f" ({row['part']})" if row["part"] else ""
        out.print(f"  bậc {row['depth']}: {row['from']} {row['kind']} {row['to']}{part}", soft_wrap=True)
    if graph_file is not None:
        out.print(f"Đã vẽ lược đồ: {graph_file}", soft_wrap=True)


def _print_rows(rows: list[dict], heading: str) -> None:
    if not rows:
        return
    out.print(Text(f"\n{heading}", style="bold"))
    for relation, group in by_relation(rows):
        out.print(f"  {relation}:")
        for row in group:
            title = f" — {row['title']}" if row["title"] else ""
            part = f" ({row['part']})" if row["part"] else ""
            where = row["where"] or row["origin"]
            out.print(f"    - {row['number']}{part}{title} [{where}]", soft_wrap=True)


def write_graph(graph: RelationGraph, node: str, edges: list[Edge], target: Path) -> None:
    """Write the diagram; the format is the file's suffix."""
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in GRAPH_FORMATS:
        raise VanbanError(f"--graph: đuôi tệp «.{suffix}» không dùng được; chọn .svg, .png, .pdf hoặc .dot.")
    dot_text = graph_dot(graph, node, edges)
    if suffix == "dot":
        atomic_write_text(target, dot_text)
        return
    atomic_write_bytes(target, draw(dot_text, suffix))
