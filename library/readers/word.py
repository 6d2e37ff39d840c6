"""Word .docx: paragraphs and tables in document order, with what Word draws but does not store.

Three things a document shows that its text runs do not hold, all restored here:
- list labels ("Điều 1.", "1.", "a)", "3.1.") drawn from numbering.xml (see `numbering.py`);
- TCVN3's "ư": byte 0xAD, which Word and LibreOffice keep as a soft hyphen (`w:softHyphen`), so
  it is returned as U+00AD and the legacy repair turns it into "ư" (dropped in Unicode text);
- capitals of TCVN3's all-caps fonts (.VnTimeH…), which store lower-case codes and print them as
  capitals: TCVN3 has no code for most accented capitals, so only the font makes them capitals.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn

from vanban.library.errors import VanbanError
from vanban.library.readers.base import LAYOUT_MARKERS, RawText, finish
from vanban.library.readers.numbering import Numbering
from vanban.library.vietnamese import is_unicode_vietnamese

SOFT_HYPHEN = "\xad"
CAPS_OPEN, CAPS_CLOSE = "\ue000", "\ue001"  # private-use marks around all-caps-font runs; legacy repair keeps them
_CAPS_FONT = re.compile(r"^\.Vn\w*H$")  # .VnTimeH, .VnArialH, .VnCentury SchoolbookH…
_CAPS_SPAN = re.compile(f"{CAPS_OPEN}(.*?){CAPS_CLOSE}", re.S)
_RUN_PATHS = "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r"


def read_docx(path: Path, data: bytes) -> RawText:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise VanbanError(f"tệp .docx bị hỏng hoặc không đầy đủ ({error}).", path) from None
    except Exception as error:  # python-docx raises assorted lxml/opc errors on damaged parts
        raise VanbanError(f"tệp .docx bị hỏng, không mở được ({type(error).__name__}).", path) from None
    reader = _BodyReader(Numbering.of(document))
    return RawText(finish_word_text("\n".join(reader.lines(document.element.body))))


def finish_word_text(text: str) -> str:
    """Soft hyphens go to the legacy repair, which reads them as TCVN3's "ư" when the text is TCVN3;
    any left after it are real soft hyphens (invisible) and are dropped.  Caps-font runs go up."""
    if SOFT_HYPHEN in text and is_unicode_vietnamese(text.replace(SOFT_HYPHEN, "")):
        text = text.replace(SOFT_HYPHEN, "")
    text = finish(text).replace(SOFT_HYPHEN, "")
    return _CAPS_SPAN.sub(lambda m: m[1].upper(), text).replace(CAPS_OPEN, "").replace(CAPS_CLOSE, "")


class _BodyReader:
    """Walks the body once, in document order, because Word's list counters run in that order."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering

    def lines(self, body) -> list[str]:
        lines: list[str] = []
        for child in body.iterchildren():
            if child.tag == qn("w:p"):
                lines.extend(self.paragraph(child).split("\n"))
            elif child.tag == qn("w:tbl"):
                lines.extend(self.table(child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                lines.extend(self.lines(content) if content is not None else [])
        return lines

    def paragraph(self, p) -> str:
        """The paragraph as printed: Word's list label, then the text of its runs."""
        label = self.numbering.label(p)
        text = "".join(_run_text(r) for r in p.xpath(_RUN_PATHS))
        return f"{label} {text.lstrip()}" if label else text

    def cell(self, tc) -> str:
        return "\n".join(self.lines(tc))

    def table(self, tbl) -> list[str]:
        """Header and signature tables read column by column; data tables one row a line,
        tab-separated, one position per grid column (a merged cell's text in its first column)."""
        rows = [self._row(tr) for tr in tbl.iterchildren(qn("w:tr"))]
        whole = "\n".join(cell.text for row in rows for cell in row)
        if rows and any(m in whole for m in LAYOUT_MARKERS) and all(len(r) <= 2 for r in rows):
            lines = []
            for column in range(max(len(r) for r in rows)):
                for row in rows:
                    if column < len(row) and not row[column].continued:
                        lines.extend(row[column].text.replace("\t", " ").split("\n"))
            return lines
        lines = []
        for row, above in zip(rows, [[], *rows], strict=False):
            box = _box_text(row)
            lines.extend(box.split("\n") if box is not None else [_grid_line(row, above)])
        return lines

    def _row(self, tr) -> list[_Cell]:
        cells = []
        for tc in tr.iterchildren(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = _int_val(pr, "w:gridSpan", 1)
            merge = pr.find(qn("w:vMerge")) if pr is not None else None
            continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
            cells.append(_Cell(self.cell(tc), span, continued))
        return cells


@dataclass
class _Cell:
    """A table cell as read: its text, how many grid columns it spans, whether it continues a
    vertical merge (Word shows the cell above across both rows)."""

    text: str
    span: int = 1
    continued: bool = False


def _box_text(row: list[_Cell]) -> str | None:
    """A row whose only text is one cell of several paragraphs is a box around body text (a form,
    a framed note), not table data: its paragraphs are read as lines, so their items are found."""
    filled = [cell for cell in row if cell.text.strip()]
    if len(filled) == 1 and len([line for line in filled[0].text.split("\n") if line.strip()]) >= 2:
        return filled[0].text
    return None


def _int_val(parent, tag: str, default: int) -> int:
    child = parent.find(qn(tag)) if parent is not None else None
    try:
        return int(child.get(qn("w:val"))) if child is not None else default
    except (TypeError, ValueError):
        return default


def _grid_line(row: list[_Cell], above: list[_Cell]) -> str:
    """One position per grid column; a vertically merged cell repeats the text above it, so every
    row of a task table keeps its lead agency."""
    above_by_column = {}
    column = 0
    for cell in above:
        above_by_column[column] = cell
        column += cell.span
    texts: list[str] = []
    for cell in row:
        if cell.continued and len(texts) in above_by_column:
            cell.text = above_by_column[len(texts)].text
        texts.append(cell.text.replace("\t", " ").replace("\n", " ").strip())
        texts.extend([""] * (cell.span - 1))
    return "\t".join(texts)


def _run_text(run) -> str:
    parts = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == qn("w:t"):
            parts.append(child.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab")):
            parts.append(" ")
        elif tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping"):
            parts.append("\n")
        elif tag == qn("w:cr"):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif tag == qn("w:softHyphen"):
            parts.append(SOFT_HYPHEN)
    text = "".join(parts)
    return f"{CAPS_OPEN}{text}{CAPS_CLOSE}" if text and _caps_font(run) else text


def _caps_font(run) -> bool:
    rpr = run.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return False
    return any(_CAPS_FONT.match(fonts.get(qn(f"w:{kind}")) or "") for kind in ("ascii", "hAnsi"))
