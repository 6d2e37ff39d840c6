"""`vanban related`: a document's relations by type, both directions, and the diagram.

The diagram is written in Graphviz's DOT language and drawn by Graphviz's `dot` (Debian package
`graphviz`): its layered layout puts citing texts above cited ones, which is how users read a
hierarchy of legal force, and it needs no Python plotting stack. Without `dot`, `--graph x.dot`
still writes the DOT text.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import subprocess
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from vanban.app.common import DataOption, JsonOption, out, print_json
from vanban.library.atomic import atomic_write_bytes, atomic_write_text
from vanban.library.errors import VanbanError
from vanban.library.relations import INVERSE, KINDS, Edge, RelationGraph, library_graph
from vanban.library.store import Library
from vanban.library.validity import validity_on

GRAPH_FORMATS = ("svg", "png", "pdf", "dot")
MAX_DEPTH = 5
#: One colour per relation type, so the diagram reads without its legend.
_COLOURS = {
    "căn cứ": "#1f4e79",
    "sửa đổi, bổ sung": "#b8860b",
    "thay thế": "#b22222",
    "bãi bỏ": "#8b0000",
    "hướng dẫn": "#2e8b57",
    "thực hiện": "#6a5acd",
    "dẫn chiếu": "#808080",
}


def _name(graph: RelationGraph, node: str) -> str:
    doc = graph.document(node)
    if doc is None:
        return graph.label(node)
    return f"{doc.doc_type} {doc.number}".strip() if doc.number else doc.title or doc.id


def _row(graph: RelationGraph, node: str, distance: int, edge: Edge) -> dict:
    """One relation as seen from `node`: the other text and how it relates, with where it is said."""
    outgoing = edge.source == node or (edge.target != node)
    other = edge.target if outgoing else edge.source
    doc = graph.document(other)
    return {
        "number": doc.number if doc and doc.number else graph.label(other),
        "title": doc.title if doc and doc.number else "",
        "in_library": doc is not None,
        "relation": edge.relation.kind if outgoing else INVERSE[edge.relation.kind],
        "kind": edge.relation.kind,
        "direction": "đi" if outgoing else "đến",
        "from": graph.label(edge.source),
        "to": graph.label(edge.target),
        "part": edge.relation.part,
        "where": edge.relation.where,
        "sentence": edge.relation.sentence,
        "origin": edge.relation.origin,
        "depth": distance,
    }


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
    found = graph.around(node, depth)
    rows = [_row(graph, node, distance, edge) for distance, edge in found]
    if graph_file is not None:
        write_graph(graph, node, [edge for _, edge in found], graph_file)
    if as_json:
        print_json(rows)
        return
    validity = validity_on(doc, _dt.date.today(), graph)
    out.print(Text(f"{_name(graph, node)}: {len(rows)} quan hệ", style="bold"), soft_wrap=True)
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
    order = {kind: i for i, kind in enumerate(KINDS)}
    for relation in sorted({r["relation"] for r in rows}, key=lambda k: order.get(k, order.get(_kind_of(k), 99))):
        out.print(f"  {relation}:")
        for row in (r for r in rows if r["relation"] == relation):
            title = f" — {row['title']}" if row["title"] else ""
            part = f" ({row['part']})" if row["part"] else ""
            where = row["where"] or row["origin"]
            out.print(f"    - {row['number']}{part}{title} [{where}]", soft_wrap=True)


def _kind_of(inverse: str) -> str:
    return next((kind for kind, words in INVERSE.items() if words == inverse), inverse)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def graph_dot(graph: RelationGraph, node: str, edges: list[Edge]) -> str:
    """The DOT text of the diagram: the document in bold, texts outside the library dashed."""
    nodes = dict.fromkeys([node, *(n for e in edges for n in (e.source, e.target))])
    lines = [
        "digraph related {",
        '  graph [rankdir=TB, fontname="Times New Roman"];',
        '  node [shape=box, style=rounded, fontname="Times New Roman", fontsize=11];',
        '  edge [fontname="Times New Roman", fontsize=9];',
    ]
    for current in nodes:
        doc = graph.document(current)
        title = doc.title if doc and doc.title else ""
        pieces = [_name(graph, current)] + ([title[:60] + ("…" if len(title) > 60 else "")] if title else [])
        label = "\\n".join(_quoted(piece)[1:-1] for piece in pieces)
        style = "rounded,bold" if current == node else ("rounded" if doc else "rounded,dashed")
        lines.append(f'  {_quoted(current)} [label="{label}", style="{style}"];')
    for edge in edges:
        kind = edge.relation.kind
        label = kind + (f" ({edge.relation.part})" if edge.relation.part else "")
        colour = _COLOURS.get(kind, "#000000")
        lines.append(
            f"  {_quoted(edge.source)} -> {_quoted(edge.target)} "
            f'[label={_quoted(label)}, color="{colour}", fontcolor="{colour}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_graph(graph: RelationGraph, node: str, edges: list[Edge], target: Path) -> None:
    """Write the diagram; the format is the file's suffix."""
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in GRAPH_FORMATS:
        raise VanbanError(f"--graph: đuôi tệp «.{suffix}» không dùng được; chọn .svg, .png, .pdf hoặc .dot.")
    dot_text = graph_dot(graph, node, edges)
    if suffix == "dot":
        atomic_write_text(target, dot_text)
        return
    program = shutil.which("dot")
    if program is None:
        raise VanbanError(
            "cần Graphviz để vẽ lược đồ (Debian/Ubuntu: apt-get install graphviz); "
            "hoặc ghi ra tệp .dot để vẽ ở máy khác."
        )
    done = subprocess.run([program, f"-T{suffix}"], input=dot_text.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise VanbanError(f"Graphviz không vẽ được lược đồ: {done.stderr.decode('utf-8', 'replace').strip()}")
    atomic_write_bytes(target, done.stdout)
