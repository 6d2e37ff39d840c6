"""The document page's hiệu lực and lược đồ: the status today with its reasons, the typed relations
in both directions, and the diagram `/van-ban/<id>/luoc-do.svg` — what `vanban related` prints,
from the same rows and the same DOT text (`app/related.py`).

The diagram is served by its own route and shown as an `<img>`: an image cannot run anything that
might be in it, and the page stays light when the diagram is large. Where Graphviz is missing the
list still shows, the page asks the reader to tell the server's administrator, and the server's
log says how to install it (a văn thư cannot run an install command).
"""

from __future__ import annotations

import datetime as _dt
import logging
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from vanban.app.related import (
    INSTALL_GRAPHVIZ,
    by_relation,
    draw,
    graph_dot,
    graphviz_installed,
    node_name,
    related_rows,
)
from vanban.app.web.errors import PageError, not_found
from vanban.app.web.guard import login_redirect, page
from vanban.app.web.visibility import hidden, visible_documents
from vanban.library.model import Document
from vanban.library.relations import RelationGraph, library_graph
from vanban.library.validity import ENDED, IN_FORCE, NOT_YET, PARTLY, Validity, validity_on

#: The depths the page offers: one step is the document's own relations, two adds theirs.
DEPTHS = (1, 2)
DEPTH_PARAM = "bac"
#: The colour a status is shown in (a class of style.css): green in force, amber partly, red ended.
TONES = {IN_FORCE: "in-force", PARTLY: "partly", ENDED: "ended", NOT_YET: "not-yet"}
NO_GRAPHVIZ = "máy chủ chưa cài Graphviz nên chưa vẽ được lược đồ; hãy báo người quản trị máy chủ."
log = logging.getLogger("vanban.web")


@dataclass
class RelationsPanel:
    """What the page shows about a document's place among the others."""

    name: str
    validity: Validity
    depth: int
    outgoing: list[tuple[str, list[dict]]]
    incoming: list[tuple[str, list[dict]]]
    further: list[dict]
    edges: int
    graphviz: bool

    @property
    def tone(self) -> str:
        return TONES.get(self.validity.status, "unknown")


def asked_depth(request: Request) -> int:
    """The `?bac=` of the page or the diagram, 1 when absent; anything else is a clear error."""
    text = request.query_params.get(DEPTH_PARAM, "1")
    if text not in {str(d) for d in DEPTHS}:
        raise PageError(f"số bậc quan hệ của lược đồ là {' hoặc '.join(str(d) for d in DEPTHS)}.")
    return int(text)


def relations_panel(doc: Document, graph: RelationGraph, depth: int, on: _dt.date) -> RelationsPanel:
    """The panel of `doc` on `on`, from the library's relation graph."""
    node = graph.node(doc.number or doc.id)
    rows, edges = related_rows(graph, node, depth)
    near = [r for r in rows if r["depth"] == 1]
    return RelationsPanel(
        name=node_name(graph, node),
        validity=validity_on(doc, on, graph),
        depth=depth,
        outgoing=by_relation([r for r in near if r["direction"] == "đi"]),
        incoming=by_relation([r for r in near if r["direction"] == "đến"]),
        further=[r for r in rows if r["depth"] > 1],
        edges=len(edges),
        graphviz=graphviz_installed(),
    )


@page("read")
def diagram(request: Request) -> Response:
    """The lược đồ as SVG, for the page's `<img>` (and for opening it full size)."""
    library = request.app.state.workbench.library
    doc = library.find(request.path_params["doc_id"])
    if doc is None:
        raise not_found()
    if hidden(request, doc):
        return login_redirect(request)
    depth = asked_depth(request)
    if not graphviz_installed():
        log.warning("chưa vẽ được lược đồ: %s", INSTALL_GRAPHVIZ)
        raise PageError(NO_GRAPHVIZ, status=503)
    graph = library_graph(visible_documents(request))
    node = graph.node(doc.number or doc.id)
    _rows, edges = related_rows(graph, node, depth)
    return Response(draw(graph_dot(graph, node, edges), "svg"), media_type="image/svg+xml")
