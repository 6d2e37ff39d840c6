"""Read any .docx into blocks (paragraphs in reading order, with their section, table cell and
resolved formatting) and find the NĐ 30 parts in them by content, not by our own style names,
so the checker judges documents made anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn

from vanban.generator.checker.resolve import ParagraphFormat, RunFormat, StyleSheet
from vanban.generator.wordml.metrics import text_width_mm
from vanban.generator.wordml.oxml import twips_to_mm
from vanban.library.vietnamese import nfc

DEFAULT_CELL_MARGIN = 108
SUPERSCRIPT_SCALE = 0.65
_EMU_PER_MM = 36000
DEFAULT_TAB_TWIPS = 720
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_V = "{urn:schemas-microsoft-com:vml}"
_O = "{urn:schemas-microsoft-com:office:office}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LINE_GEOMETRIES = ("line", "straightConnector1")
_DATE = re.compile(r",\s*ngày\s+\S*\s*tháng\s+\S*\s*năm\s+\d{4}")


@dataclass
class Block:
    index: int
    p: object
    section: int
    text: str
    fmt: ParagraphFormat
    runs: list[tuple[RunFormat, str]]
    table: int | None = None
    row: int | None = None
    col: int | None = None
    cell_width: int | None = None
    has_drawing: bool = False
    normalized: bool = True
    #: Lengths (mm, None when unknown) of the horizontal line shapes anchored in this paragraph.
    line_shapes: tuple[float | None, ...] = ()

    @property
    def clean(self) -> str:
        return " ".join(self.text.split())

    @property
    def visible(self) -> str:
        """The text without white runs (placeholders hidden by colour, as in the Government's files)."""
        return " ".join("".join(t for fmt, t in self.runs if (fmt.color or "").upper() != "FFFFFF").split())

    def where(self) -> dict:
        text = self.clean
        return {
            "section": self.section,
            "paragraph": self.index,
            "text": text if len(text) <= 70 else text[:69] + "…",
        }

    def text_runs(self) -> list[tuple[RunFormat, str]]:
        return [(fmt, text) for fmt, text in self.runs if text.strip()]

    def sizes(self) -> set[float]:
        return {fmt.size for fmt, _ in self.text_runs() if fmt.size is not None}

    def all(self, attribute: str) -> bool:
        runs = self.text_runs()
        return bool(runs) and all(getattr(fmt, attribute) for fmt, _ in runs)

    def none(self, attribute: str) -> bool:
        return not any(getattr(fmt, attribute) for fmt, _ in self.text_runs())

    def line_widths_mm(self) -> list[float]:
        """The width of each piece between line breaks, as printed (a break takes no room)."""
        widths = [0.0]
        for fmt, text in self.runs:
            size = (fmt.size or 11) * (SUPERSCRIPT_SCALE if fmt.vert_align in ("superscript", "subscript") else 1)
            for position, piece in enumerate(text.split("\n")):
                if position:
                    widths.append(0.0)
                shown = piece.replace("\t", "")
                widths[-1] += text_width_mm(shown.upper() if fmt.caps else shown, size, fmt.bold, fmt.italic)
        return widths

    def width_mm(self) -> float:
        """The widest printed line."""
        return max(self.line_widths_mm())

    @property
    def is_rule_text(self) -> bool:
        return bool(self.clean) and set(self.clean) <= {"_"}


@dataclass
class Section:
    number: int
    properties: object
    blocks: list[Block] = field(default_factory=list)


def _run_text(r) -> str:
    parts = []
    for node in r:
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            parts.append("\n")
    return "".join(parts)


def _runs(p):
    for node in p.iter(qn("w:r")):
        ancestor = node.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag == qn("w:txbxContent"):
                break
            ancestor = ancestor.getparent()
        if ancestor is p:
            yield node


class Inspected:
    """A document read for checking: sections of blocks, plus the header parts."""

    def __init__(self, document):
        self.document = document
        self.sheet = StyleSheet(document)
        self.sections: list[Section] = []
        self.blocks: list[Block] = []
        self.tables = 0
        self.default_tab_twips = _default_tab(document)
        self._walk()

    def _block(self, p, **where) -> Block:
        style_id = self.sheet.paragraph_style_id(p)
        raw = [(self.sheet.run_format(p, r, style_id), _run_text(r)) for r in _runs(p)]
        runs = [(fmt, nfc(text)) for fmt, text in raw]
        block = Block(
            index=len(self.blocks) + 1,
            p=p,
            section=len(self.sections) + 1,
            text="".join(text for _, text in runs),
            fmt=self.sheet.paragraph_format(p),
            runs=runs,
            has_drawing=p.find(f".//{qn('w:drawing')}") is not None or p.find(f".//{qn('w:pict')}") is not None,
            line_shapes=tuple(_line_shapes(p)),
            normalized=all(text == nfc_text for (_, text), (_, nfc_text) in zip(raw, runs, strict=True)),
            **where,
        )
        self.blocks.append(block)
        return block

    @property
    def floating_texts(self) -> list[str]:
        """Text of the paragraphs inside text boxes (ô chữ nổi), which the blocks leave out."""
        found = []
        for box in self.document.element.body.iter(qn("w:txbxContent")):
            for p in box.iter(qn("w:p")):
                text = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))).split())
                if text:
                    found.append(nfc(text))
        return found

    def _walk(self) -> None:
        current: list[Block] = []
        body = self.document.element.body
        for child in self._content(body):
            if child.tag == qn("w:p"):
                current.append(self._block(child))
                sectpr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
                if sectpr is not None:
                    self.sections.append(Section(len(self.sections) + 1, sectpr, current))
                    current = []
            elif child.tag == qn("w:tbl"):
                current.extend(self._table(child, self.tables))
                self.tables += 1
        self.sections.append(Section(len(self.sections) + 1, body.find(qn("w:sectPr")), current))

    def _content(self, parent):
        for child in parent:
            if child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._content(content)
            elif child.tag in (qn("w:p"), qn("w:tbl")):
                yield child

    def _table(self, tbl, number: int) -> list[Block]:
        blocks = []
        for row_index, tr in enumerate(tbl.findall(qn("w:tr"))):
            for col_index, tc in enumerate(tr.findall(qn("w:tc"))):
                width = _cell_width(tbl, tc, col_index)
                for child in self._content(tc):
                    if child.tag == qn("w:p"):
                        blocks.append(self._block(child, table=number, row=row_index, col=col_index, cell_width=width))
                    else:
                        blocks.extend(self._table(child, number))
        return blocks

    # geometry
    def section_text_width(self, number: int) -> int | None:
        props = self.sections[number - 1].properties
        if props is None:
            return None
        size, margins = props.find(qn("w:pgSz")), props.find(qn("w:pgMar"))
        try:
            return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
        except (AttributeError, TypeError, ValueError):
            return None

    def container_width_mm(self, block: Block) -> float | None:
        width = block.cell_width if block.table is not None else self.section_text_width(block.section)
        return twips_to_mm(width) if width else None

    def rule_after(self, block: Block) -> tuple[str, float | None] | None:
        """The rule drawn under `block`: its own bottom border or a line shape anchored in its own
        paragraph; the next paragraph in the same place being a border, a run of "_" or a drawn line;
        or a line shape anchored in the paragraph below it in the next table row (Word anchors a
        floating line in whichever paragraph it was drawn over). Returns (kind, length in mm or None)."""
        if block.fmt.borders.get("bottom"):
            return "border", self._border_length(block)
        if block.line_shapes:
            return "drawing", block.line_shapes[0]
        following = self.next_in_place(block)
        if following is None:
            below = self.below_in_column(block)
            return ("drawing", below.line_shapes[0]) if below is not None and below.line_shapes else None
        if following.is_rule_text:
            return "underscores", following.width_mm()
        if not following.clean and (following.fmt.borders.get("top") or following.fmt.borders.get("bottom")):
            return "border", self._border_length(following)
        if following.line_shapes:
            return "drawing", following.line_shapes[0]
        if following.has_drawing and not following.clean:
            return "drawing", _drawing_length(following.p)
        return None

    def below_in_column(self, block: Block) -> Block | None:
        """The first paragraph of the cell under `block`'s cell (same table, next row, same column)."""
        if block.table is None:
            return None
        return next(
            (b for b in self.blocks if (b.table, b.row, b.col) == (block.table, (block.row or 0) + 1, block.col)),
            None,
        )

    def _border_length(self, block: Block) -> float | None:
        width = self.container_width_mm(block)
        if width is None:
            return None
        return width - twips_to_mm(block.fmt.left_twips + block.fmt.right_twips)

    def next_in_place(self, block: Block) -> Block | None:
        position = block.index
        if position >= len(self.blocks):
            return None
        following = self.blocks[position]
        same = (following.table, following.row, following.col) == (block.table, block.row, block.col)
        return following if same else None


def _cell_width(tbl, tc, col_index: int) -> int | None:
    tcpr = tc.find(qn("w:tcPr"))
    width = tcpr.find(qn("w:tcW")) if tcpr is not None else None
    total = None
    if width is not None and width.get(qn("w:type")) in (None, "dxa"):
        try:
            total = int(width.get(qn("w:w")))
        except (TypeError, ValueError):
            total = None
    if not total:
        grid = tbl.find(qn("w:tblGrid"))
        columns = grid.findall(qn("w:gridCol")) if grid is not None else []
        if col_index < len(columns):
            total = int(columns[col_index].get(qn("w:w")) or 0) or None
    if not total:
        return None
    margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    left = right = DEFAULT_CELL_MARGIN
    if margins is not None:
        for side in ("left", "start"):
            node = margins.find(qn(f"w:{side}"))
            if node is not None:
                left = int(node.get(qn("w:w")) or 0)
        for side in ("right", "end"):
            node = margins.find(qn(f"w:{side}"))
            if node is not None:
                right = int(node.get(qn("w:w")) or 0)
    return total - left - right


def _drawing_length(p) -> float | None:
    extent = p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    if extent is not None:
        return int(extent.get("cx")) / _EMU_PER_MM
    line = p.find(".//{urn:schemas-microsoft-com:vml}line")
    if line is not None:
        try:
            x1 = float(line.get("from", "0,0").split(",")[0].rstrip("pt"))
            x2 = float(line.get("to", "0,0").split(",")[0].rstrip("pt"))
            return abs(x2 - x1) * 25.4 / 72
        except ValueError:
            return None
    return None


def _outside_fallback(node, p) -> bool:
    """Not inside an `mc:Fallback` (the VML copy Word writes beside the DrawingML shape)."""
    ancestor = node.getparent()
    while ancestor is not None and ancestor is not p:
        if ancestor.tag == _MC_FALLBACK:
            return False
        ancestor = ancestor.getparent()
    return True


def _line_shapes(p) -> list[float | None]:
    """Horizontal lines and straight connectors drawn in this paragraph (DrawingML, or VML when the
    file has only VML), each with its length: how Word users draw the rules under the header lines."""
    found: list[float | None] = []
    for geometry in p.iter(f"{_A}prstGeom"):
        if geometry.get("prst") not in _LINE_GEOMETRIES or not _outside_fallback(geometry, p):
            continue
        holder = next((a for a in geometry.iterancestors() if a.tag in (f"{_WP}anchor", f"{_WP}inline")), None)
        extent = holder.find(f"{_WP}extent") if holder is not None else None
        if extent is not None and _horizontal(int(extent.get("cx", "0")), int(extent.get("cy", "0"))):
            found.append(int(extent.get("cx")) / _EMU_PER_MM)
    for line in p.iter(f"{_V}line"):
        if _outside_fallback(line, p):
            (x1, y1), (x2, y2) = _point(line.get("from")), _point(line.get("to"))
            if _horizontal(abs(x2 - x1), abs(y2 - y1)):
                found.append(abs(x2 - x1) * 25.4 / 72)
    for shape in p.iter(f"{_V}shape"):
        connector = shape.get(f"{_O}connectortype") or (shape.get("type") or "").endswith("t32")
        if connector and _outside_fallback(shape, p):
            style = dict(_style_items(shape.get("style", "")))
            width, height = _points(style.get("width")), _points(style.get("height"))
            if _horizontal(width, height):
                found.append(width * 25.4 / 72)
    return found


def _horizontal(width: float, height: float) -> bool:
    """A rule: some length, and flat (a slanted or boxy shape is not a rule)."""
    return width > 0 and height <= width * 0.05


def _style_items(style: str):
    for item in style.split(";"):
        if ":" in item:
            key, value = item.split(":", 1)
            yield key.strip(), value.strip()


def _points(value: str | None) -> float:
    """A VML length ("46.85pt", "0", ".5in") in points; 0 when unreadable."""
    if not value:
        return 0.0
    units = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "px": 0.75}
    unit = value[-2:] if value[-2:] in units else "pt"
    try:
        return float(value[:-2] if value[-2:] in units else value) * units[unit]
    except ValueError:
        return 0.0


def _point(value: str | None) -> tuple[float, float]:
    x, _, y = (value or "0,0").partition(",")
    return _points(x), _points(y)


def _default_tab(document) -> int:
    """The document's default tab interval (settings `w:defaultTabStop`; Word's own default 720 tw)."""
    node = document.settings.element.find(qn("w:defaultTabStop"))
    try:
        return int(node.get(qn("w:val"))) or DEFAULT_TAB_TWIPS
    except (AttributeError, TypeError, ValueError):
        return DEFAULT_TAB_TWIPS


def is_date_line(text: str) -> bool:
    return bool(_DATE.search(text))
