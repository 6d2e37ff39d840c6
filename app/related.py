"""A document's lược đồ: its relations as a list by type in both directions, and as a diagram.

One home for what `vanban related` prints and the web's document page shows, so the two never
disagree. The diagram is written in Graphviz's DOT language and drawn by Graphviz's `dot` (Debian
package `graphviz`): its layered layout puts citing texts left of the texts they cite, in
columns, so a document's diagram is a few columns of short boxes readable at their natural size on
a screen (top to bottom made one wide row that had to be shrunk to fit), and it needs no Python
plotting stack. Without `dot` the DOT text
can still be written; `draw` says how to install Graphviz.
"""

from __future__ import annotations

import shutil
import subprocess
import textwrap

from vanban.library.errors import VanbanError
from vanban.library.relations import INVERSE, KINDS, Edge, RelationGraph

GRAPH_FORMATS = ("svg", "png", "pdf", "dot")
#: Steps of relations a listing may follow: past this the diagram is the whole library.
MAX_DEPTH = 5
#: A large library's diagram must not hold a web worker for long.
DRAW_SECONDS = 30
#: One colour per relation type, so the diagram reads without its legend.
COLOURS = {
    "căn cứ": "#1f4e79",
    "sửa đổi, bổ sung": "#b8860b",
    "thay thế": "#b22222",
    "bãi bỏ": "#8b0000",
    "hướng dẫn": "#2e8b57",
    "thực hiện": "#6a5acd",
    "dẫn chiếu": "#808080",
}
#: A box's trích yếu: at most this many lines of this many characters.
TITLE_LINES, TITLE_WIDTH = 2, 36
#: What to tell a user whose machine lacks Graphviz.
INSTALL_GRAPHVIZ = "cài Graphviz để vẽ lược đồ (Debian/Ubuntu: sudo apt-get install graphviz)"


def node_name(graph: RelationGraph, node: str) -> str:
    """A node as a user names it: "Kế hoạch 484/KH-UBND", or the cited name of a text not held."""
    doc = graph.document(node)
    if doc is None:
        return graph.label(node)
    return f"{doc.doc_type} {doc.number}".strip() if doc.number else doc.title or doc.id


def relation_row(graph: RelationGraph, node: str, distance: int, edge: Edge) -> dict:
    """One relation as seen from `node`: the other text and how it relates, with where it is said.

    `relation` reads from `node`'s side: "thực hiện" when `node` implements the other text,
    "được thực hiện bởi" when the other text implements `node`; `part` is the cited part (of the
    other text for an outgoing relation, of `node` for an incoming one)."""
    outgoing = edge.source == node or (edge.target != node)
    other = edge.target if outgoing else edge.source
    doc = graph.document(other)
    return {
        "number": doc.number if doc and doc.number else graph.label(other),
        "title": doc.title if doc and doc.number else "",
        "name": node_name(graph, other),
        "doc_id": doc.id if doc else None,
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


def related_rows(graph: RelationGraph, node: str, depth: int) -> tuple[list[dict], list[Edge]]:
    """The rows of every relation within `depth` steps of `node`, nearest first, and their edges."""
    if not 1 <= depth <= MAX_DEPTH:
        raise VanbanError(f"số bậc quan hệ từ 1 đến {MAX_DEPTH}.")
    found = graph.around(node, depth)
    return [relation_row(graph, node, distance, edge) for distance, edge in found], [edge for _, edge in found]


def kind_order(relation: str) -> int:
    """Where a relation (either direction) comes in a listing: căn cứ first, dẫn chiếu last."""
    kind = next((k for k, words in INVERSE.items() if words == relation), relation)
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def by_relation(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """Rows grouped by how they relate, in the order of `KINDS`."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["relation"], []).append(row)
    return sorted(groups.items(), key=lambda item: kind_order(item[0]))


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _title_lines(title: str) -> list[str]:
    """A trích yếu in a few short lines, the last ending in "…" when cut."""
    lines = textwrap.wrap(title, TITLE_WIDTH)
    if len(lines) > TITLE_LINES:
        lines = lines[:TITLE_LINES]
        lines[-1] = lines[-1].rstrip(" ,;") + "…"
    return lines


def graph_dot(graph: RelationGraph, node: str, edges: list[Edge]) -> str:
    """The DOT text of the diagram: the document in bold, texts outside the library dashed."""
    nodes = dict.fromkeys([node, *(n for e in edges for n in (e.source, e.target))])
    lines = [
        "digraph related {",
        '  graph [rankdir=LR, ranksep=0.6, fontname="Times New Roman"];',
        '  node [shape=box, style=rounded, fontname="Times New Roman", fontsize=11];',
        '  edge [fontname="Times New Roman", fontsize=9];',
    ]
    for current in nodes:
        doc = graph.document(current)
        name = node_name(graph, current)
        title = doc.title if doc and doc.title and doc.title != name else ""
        shown = _title_lines(name) + _title_lines(title)
        label = "\\n".join(_quoted(piece)[1:-1] for piece in shown)
        style = "rounded,bold" if current == node else ("rounded" if doc else "rounded,dashed")
        lines.append(f'  {_quoted(current)} [label="{label}", style="{style}"];')
    for edge in edges:
        kind = edge.relation.kind
        label = kind + (f" ({edge.relation.part})" if edge.relation.part else "")
        colour = COLOURS.get(kind, "#000000")
        lines.append(
            f"  {_quoted(edge.source)} -> {_quoted(edge.target)} "
            f'[label={_quoted(label)}, color="{colour}", fontcolor="{colour}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def graphviz_installed() -> bool:
    return shutil.which("dot") is not None


def draw(dot_text: str, fmt: str) -> bytes:
    """The diagram drawn by Graphviz in `fmt` (svg, png, pdf); a Vietnamese error when it cannot be."""
    if fmt not in GRAPH_FORMATS or fmt == "dot":
        raise VanbanError(f"không vẽ được lược đồ dạng «{fmt}»; chọn svg, png hoặc pdf.")
    program = shutil.which("dot")
    if program is None:
        raise VanbanError(f"máy chưa có Graphviz: {INSTALL_GRAPHVIZ}; hoặc ghi ra tệp .dot để vẽ ở máy khác.")
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"],
            input=dot_text.encode("utf-8"),
            capture_output=True,
            check=False,
            timeout=DRAW_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise VanbanError(f"Graphviz vẽ lược đồ quá {DRAW_SECONDS} giây; hãy giảm số bậc quan hệ.") from None
    if done.returncode != 0:
        raise VanbanError(f"Graphviz không vẽ được lược đồ: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout
