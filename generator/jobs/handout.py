"""Training handouts (tài liệu tập huấn) from Markdown: cover page, a table of contents Word fills
on opening, headings, lists, tables, and quotations pulled from the library by reference.

A quotation is a paragraph of its own: `{{trich 484/KH-UBND II.4}}` (document, then the section
path with "." between labels: "II.4", "Điều 146", "146.2.a"). It is printed as a quote with its
citation "(Kế hoạch số 484/KH-UBND, mục II.4)". An unknown document or section is an error naming
the line, never a blank. A top-level heading that starts with "Phụ lục" begins a new page.
"""

from __future__ import annotations

import datetime as _dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from markdown_it.token import Token

from vanban.generator.compose.shell import number_pages, setup_section, text_width
from vanban.generator.compose.styles import StyleSpec, install_style, install_styles
from vanban.generator.wordml.metrics import balanced_lines
from vanban.generator.wordml.oxml import (
    add_field,
    keep_row_together,
    repeat_header_row,
    set_cell_borders,
    set_fonts,
    set_paragraph_style,
)
from vanban.library.errors import VanbanError
from vanban.library.model import Document, Section, SectionKind
from vanban.library.readers import convert_with_libreoffice, libreoffice, split_front_matter
from vanban.library.store import Library
from vanban.library.vietnamese import fold, nfc

HANDOUT_CATEGORY = "Tài liệu tập huấn"
QUOTATION = re.compile(r"^\{\{\s*trich\s+(\S+)(?:\s+(.+?))?\s*\}\}$")
_KEYWORDS = ("dieu", "khoan", "diem", "muc", "chuong")
HANDOUT_STYLES = (
    StyleSpec("VB Bìa cơ quan", "VBBiaCoQuan", 14, bold=True),
    StyleSpec("VB Bìa loại", "VBBiaLoai", 16, bold=True, before=150),
    StyleSpec("VB Bìa tên", "VBBiaTen", 20, bold=True, before=12, after=12),
    StyleSpec("VB Bìa khóa học", "VBBiaKhoaHoc", 14, italic=True),
    StyleSpec("VB Bìa ngày", "VBBiaNgay", 14, italic=True, before=200),
    StyleSpec("VB Mục lục", "VBMucLuc", 14, bold=True, after=12),
    # A quotation is an indented block (both margins) kept with its source line, which follows it;
    # like body text it is justified with a first-line indent and 6 pt between paragraphs.
    StyleSpec(
        "VB Trích dẫn",
        "VBTrichDan",
        14,
        italic=True,
        align=3,
        first_line_cm=1.27,
        block_cm=1.0,
        after=6,
        line=1.15,
        keep_with_next=True,
    ),
    StyleSpec("VB Nguồn trích dẫn", "VBNguonTrich", 13, align=3, first_line_cm=1.27, block_cm=1.0, after=12),
    # Answer options: one per line, indented under their question.
    StyleSpec("VB Lựa chọn", "VBLuaChon", 14, align=3, first_line_cm=1.27, block_cm=0.8, after=6),
    StyleSpec("VB Mục lục dòng", "VBMucLucDong", 14, align=0, after=3),
)
#: Library categories that are law or official documents; anything else (vanban's own explanatory
#: notes) is quoted with its status so that a trainee does not take it for the law.
OFFICIAL_CATEGORY = "văn bản"
#: Answer options of a quiz question inside one list item: "… ? A. …; B. …; C. …".
_OPTION = re.compile(r"(?:^|;?\s+)(?=[A-D]\.\s)")
#: Markdown heading level → the built-in Word heading style (so the TOC field finds them).
HEADINGS = {
    1: ("Heading 1", 14, True, False, "center"),
    2: ("Heading 2", 14, True, False, "both"),
    3: ("Heading 3", 14, True, True, "both"),
}


@dataclass
class Meta:
    title: str
    course: str
    agency: str
    place_date: str


def cover_meta(front: dict, path: Path) -> Meta:
    """The cover's fields from the front matter (tieu_de, co_quan required)."""
    missing = [k for k in ("tieu_de", "co_quan") if not front.get(k)]
    if missing:
        raise VanbanError(f"phần đầu (front matter) thiếu trường «{missing[0]}».", path, 1)
    when = front.get("ngay")
    if isinstance(when, str):
        try:
            when = _dt.date.fromisoformat(when)
        except ValueError:
            raise VanbanError(f"trường «ngay»: «{when}» không phải ngày dạng NĂM-THÁNG-NGÀY.", path) from None
    place = front.get("dia_danh", "Hà Tĩnh")
    place_date = f"{place}, tháng {when.month} năm {when.year}" if isinstance(when, _dt.date) else place
    return Meta(nfc(str(front["tieu_de"])), nfc(str(front.get("khoa_hoc", ""))), nfc(str(front["co_quan"])), place_date)


def _find_section(doc: Document, path: str) -> tuple[Section, list[Section]] | None:
    """Walk the outline label by label: "II.4" (a plan), "Điều 146", "146.2.a", "Điều 8.2.a" (an
    article is found wherever it sits — under a Chương or a Mục — then its khoản and điểm)."""
    tokens = [t for t in re.split(r"[.\s]+", path.strip()) if t and fold(t).lower() not in _KEYWORDS]
    if not tokens:
        return None
    trail: list[Section] = []
    level = doc.sections
    if doc.style == "legal":
        article = next(
            (
                node
                for top in doc.sections
                for _p, node in top.walk()
                if node.kind == SectionKind.ARTICLE and node.label == f"Điều {tokens[0]}"
            ),
            None,
        )
        if article is None:
            return None
        trail, level, tokens = [article], article.children, tokens[1:]
    for token in tokens:
        wanted = fold(token).lower()
        found = next((s for s in level if fold(s.label.split()[-1]).lower() == wanted), None)
        if found is None:
            return None
        trail.append(found)
        level = found.children
    return trail[-1], trail


def quotable_sections(doc: Document) -> list[tuple[str, Section]]:
    """Every section a `{{trich …}}` can name, with the path that names it ("II.4", "Điều 8.2.a"),
    in reading order: the inverse of `_find_section`, for a page that lets one pick a section
    instead of typing its path. Unnumbered paragraphs and items are quoted with their section."""
    found: list[tuple[str, Section]] = []
    for top in doc.sections:
        article: tuple[str, ...] | None = None
        for labels, node in top.walk():
            if node.kind in (SectionKind.ITEM, SectionKind.PARAGRAPH, SectionKind.FIGURE):
                continue
            if doc.style != "legal":
                found.append((".".join(label.split()[-1] for label in labels), node))
                continue
            if node.kind == SectionKind.ARTICLE:
                article = labels
                found.append((node.label, node))
            elif article is not None and labels[: len(article)] == article:
                below = [label.split()[-1] for label in labels[len(article) :]]
                found.append((".".join([labels[len(article) - 1], *below]), node))
    return found


def _citation(doc: Document, trail: list[Section]) -> str:
    """ "(Kế hoạch số 484/KH-UBND, mục II.4)"; a legal text is cited the way PL II writes it:
    "(điểm a khoản 2 Điều 8 Nghị định số 30/2020/NĐ-CP)"."""
    name = f"{doc.doc_type} số {doc.number}" if doc.number else doc.title
    if doc.category != OFFICIAL_CATEGORY:
        where = ".".join(s.label for s in trail)
        status = "không phải văn bản pháp luật"
        if doc.category.lower() not in doc.title.lower():
            status = f"{doc.category}, {status}"
        return f"({doc.title}, mục {where}; {status})"
    if doc.style != "legal":
        return f"({name}, mục {'.'.join(s.label for s in trail)})"
    parts = [s.label if s.kind == SectionKind.ARTICLE else s.label[:1].lower() + s.label[1:] for s in reversed(trail)]
    title = f"{doc.title} số {doc.number}" if doc.doc_type == "Luật" and doc.number else name
    return f"({' '.join(parts)} {title})"


def _quote_lines(section: Section) -> list[str]:
    lines = []
    head = " ".join(filter(None, [section.title, section.text]))
    if head:
        lines.append(head)
    for child_section in section.children:
        for _path, node in child_section.walk():
            text = " ".join(filter(None, [node.title, node.text]))
            if text:
                lines.append(
                    f"- {text}"
                    if node.kind == SectionKind.ITEM
                    else (f"{node.label.split()[-1]}. {text}" if node.kind == SectionKind.CLAUSE else text)
                )
    return lines


def quotation(library: Library, reference: str, section_path: str) -> tuple[list[str], str]:
    """The quoted lines of `{{trich reference section_path}}` and their citation, or an error saying
    which part is missing (the caller adds the line). The web's live preview shows the same text."""
    doc = library.find(reference)
    if doc is None:
        raise VanbanError(f"trích dẫn «{reference}»: không có văn bản này trong thư viện.")
    if not doc.full_text or not doc.sections:
        raise VanbanError(f"trích dẫn «{reference}»: thư viện chưa có toàn văn văn bản này.")
    found = _find_section(doc, section_path) if section_path else None
    if found is None:
        raise VanbanError(f"trích dẫn «{reference} {section_path}»: văn bản không có mục «{section_path}».")
    section, trail = found
    return _quote_lines(section), _citation(doc, trail)


class HandoutWriter:
    def __init__(self, library: Library, path: Path):
        self.library = library
        self.path = path
        self.document = docx.Document()
        install_styles(self.document)
        for spec in HANDOUT_STYLES:
            install_style(self.document, spec)
        self._heading_styles()
        body = self.document.element.body
        for paragraph in list(self.document.paragraphs):
            body.remove(paragraph._p)

    def _heading_styles(self) -> None:
        for _level, (name, size, bold, italic, align) in HEADINGS.items():
            style = self.document.styles[name]
            rpr = style.element.get_or_add_rPr()
            set_fonts(rpr, "Times New Roman")
            style.font.size = docx.shared.Pt(size)
            style.font.bold, style.font.italic = bold, italic
            style.font.color.rgb = docx.shared.RGBColor(0, 0, 0)
            fmt = style.paragraph_format
            fmt.alignment = {"center": 1, "both": 3}[align]
            fmt.first_line_indent = docx.shared.Cm(0 if align == "center" else 1.27)
            fmt.space_before, fmt.space_after = docx.shared.Pt(12), docx.shared.Pt(6)
            fmt.line_spacing = 1.15
            fmt.keep_with_next = True

    def add(self, text: str, style_id: str):
        paragraph = self.document.add_paragraph(text)
        set_paragraph_style(paragraph, style_id)
        return paragraph

    def cover(self, meta: Meta, headings: list[tuple[int, str]], pages: list[int] | None) -> None:
        self.add(meta.agency.upper(), "VBBiaCoQuan")
        self.add(HANDOUT_CATEGORY.upper(), "VBBiaLoai")
        title = self.add("", "VBBiaTen")
        pieces = [p + (":" if i < meta.title.count(": ") else "") for i, p in enumerate(meta.title.split(": "))]
        lines = [line for piece in pieces for line in balanced_lines(piece, 150, 20, bold=True)]
        for index, line in enumerate(lines):
            if index:
                title.add_run().add_break()
            title.add_run(line)
        if meta.course:
            self.add(meta.course, "VBBiaKhoaHoc")
        self.add(meta.place_date, "VBBiaNgay").add_run().add_break(WD_BREAK.PAGE)
        self.add("MỤC LỤC", "VBMucLuc")
        self.table_of_contents(headings, pages)

    def table_of_contents(self, headings: list[tuple[int, str]], pages: list[int] | None) -> None:
        """A TOC field whose result is already filled in: the headings and, when the handout could be
        rendered once, the page each starts on — as delivered, in Word and LibreOffice alike. Word
        refreshes it only when asked (F9), so opening the file asks nothing."""
        entries = [(level, text.upper() if level == 1 else text) for level, text in headings if level <= 3]
        numbers = [str(n) for n in pages] if pages else [""] * len(entries)
        lines = [(level, text, number) for (level, text), number in zip(entries, numbers, strict=True)]
        lines = lines or [(1, "Mục lục được cập nhật khi mở tệp bằng Word (nhấn F9).", "")]
        first = self._toc_line(*lines[0])
        text_run = first.runs[0]._r
        add_field(first, 'TOC \\o "1-3" \\h \\z \\u', "")
        begin, instruction, separate, empty_result, end = first.runs[-5:]
        begin._r[0].attrib.pop(qn("w:dirty"), None)  # a dirty field makes Word ask on opening
        for run in (begin, instruction, separate):  # the field opens before the first entry's text
            text_run.addprevious(run._r)
        for run in (empty_result, end):  # the entries are the result; the field ends after the last
            run._r.getparent().remove(run._r)
        last = first
        for line in lines[1:]:
            last = self._toc_line(*line)
        closing = last.add_run()
        closing._r.append(closing._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"}))
        closing.add_break(WD_BREAK.PAGE)

    def _toc_line(self, level: int, text: str, number: str):
        line = self.add(f"{text}\t{number}" if number else text, "VBMucLucDong")
        line.paragraph_format.left_indent = docx.shared.Cm(1.0 * (level - 1))
        line.paragraph_format.tab_stops.add_tab_stop(
            docx.shared.Mm(text_width()), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        return line

    def body(self, tokens: list[Token], first_line: int) -> None:
        lists: list[list] = []
        table: list[list[tuple[str, bool]]] | None = None
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type == "heading_open":
                level = int(token.tag[1])
                text = tokens[index + 1].content.strip()
                if starts_new_page(level, text):
                    self.document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
                self.document.add_paragraph(text.upper() if level == 1 else text, style=HEADINGS[min(level, 3)][0])
                index += 3
                continue
            if token.type in ("bullet_list_open", "ordered_list_open"):
                lists.append([token.type.startswith("ordered"), int(token.attrs.get("start", 1) or 1)])
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif token.type == "table_open":
                table = []
            elif token.type == "tr_open" and table is not None:
                table.append([])
            elif token.type in ("th_open", "td_open") and table is not None:
                table[-1].append((tokens[index + 1].content.strip(), token.type == "th_open"))
            elif token.type == "table_close" and table is not None:
                self._table(table)
                table = None
            elif token.type == "inline" and table is None and tokens[index - 1].type == "paragraph_open":
                line = first_line + (token.map[0] if token.map else 0)
                self._paragraph(token, lists, line)
            index += 1

    def _paragraph(self, token, lists: list[list], line: int) -> None:
        quoted = QUOTATION.match(token.content.strip())
        if quoted:
            self._quote(quoted.group(1), quoted.group(2) or "", line)
            return
        question, *options = _OPTION.split(nfc(" ".join(token.content.split())))
        if lists and len(options) >= 2:
            self._question(question, options, lists)
            return
        paragraph = self.add("", "VBNoiDung")
        if token.content.rstrip().endswith(":"):  # a lead-in stays with what it introduces
            paragraph.paragraph_format.keep_with_next = True
        if lists:
            ordered, number = lists[-1]
            paragraph.add_run(f"{number}. " if ordered else "- ")
            if ordered:
                lists[-1][1] += 1
        bold = italic = False
        for part in token.children or []:
            if part.type == "strong_open":
                bold = True
            elif part.type == "strong_close":
                bold = False
            elif part.type == "em_open":
                italic = True
            elif part.type == "em_close":
                italic = False
            elif part.type in ("text", "code_inline"):
                run = paragraph.add_run(nfc(part.content))
                run.bold, run.italic = bold or None, italic or None
            elif part.type in ("softbreak", "hardbreak"):
                paragraph.add_run(" ")

    def _question(self, question: str, options: list[str], lists: list[list]) -> None:
        """A quiz question with each answer option on its own line, kept together on one page."""
        ordered, number = lists[-1]
        if ordered:
            lists[-1][1] += 1
        head = self.add(f"{number}. {question}" if ordered else f"- {question}", "VBNoiDung")
        head.paragraph_format.keep_with_next = True
        for index, option in enumerate(options):
            line = self.add(option.strip().rstrip(";."), "VBLuaChon")
            line.paragraph_format.keep_with_next = index < len(options) - 1

    def _quote(self, reference: str, section_path: str, line: int) -> None:
        try:
            lines, citation = quotation(self.library, reference, section_path)
        except VanbanError as error:
            raise VanbanError(error.message, self.path, line) from None
        for text in lines:
            self.add(text, "VBTrichDan")
        self.add(citation, "VBNguonTrich")

    def _table(self, rows: list[list[tuple[str, bool]]]) -> None:
        columns = max(len(r) for r in rows)
        table = self.document.add_table(rows=len(rows), cols=columns)
        set_cell_borders(table)
        for row, cells in zip(table.rows, rows, strict=True):
            keep_row_together(row)
            if any(header for _text, header in cells):
                repeat_header_row(row)  # a table broken across pages repeats its header
            for cell, (text, header) in zip(row.cells, cells, strict=False):
                paragraph = cell.paragraphs[0]
                paragraph.add_run(nfc(text))
                set_paragraph_style(paragraph, "VBBangTieuDe" if header else "VBBang")
        self.add("", "VBNoiDung")


def starts_new_page(level: int, text: str) -> bool:
    """A "Phụ lục" (review questions) opens a page, and so does the answer key ("Đáp án"), so that
    trainees can be handed the questions without the answers."""
    folded = fold(text).lower()
    return (level == 1 and folded.startswith("phu luc")) or folded.startswith("dap an")


def headings_of(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(int(t.tag[1]), tokens[i + 1].content.strip()) for i, t in enumerate(tokens) if t.type == "heading_open"]


def build_handout(path: Path, library: Library):
    """The handout, with the page of each heading in its table of contents when LibreOffice is
    there to lay it out once (the numbers do not change the layout: each TOC line has room)."""
    source = _read_source(path)
    document = _build(source, library, None)
    if libreoffice() is None or not source.headings:
        return document
    return _build(source, library, heading_pages(document, source.headings))


@dataclass
class HandoutSource:
    path: Path
    meta: Meta
    tokens: list[Token]
    first_line: int
    headings: list[tuple[int, str]]


def _read_source(path: Path) -> HandoutSource:
    try:
        text = nfc(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VanbanError("không tìm thấy tệp Markdown.", path) from None
    except UnicodeDecodeError:
        raise VanbanError("tệp không phải văn bản UTF-8.", path) from None
    front, body, first_line = split_source(path, text)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    return HandoutSource(path, cover_meta(front, path), tokens, first_line, headings_of(tokens))


def split_source(path: Path, text: str) -> tuple[dict, str, int]:
    """The front matter, the Markdown body and the line the body starts on (a quotation's error
    names its line in the whole file)."""
    front, body = split_front_matter(path, text)
    return front, body, text[: len(text) - len(body)].count("\n") + 1


def _build(source: HandoutSource, library: Library, pages: list[int] | None):
    writer = HandoutWriter(library, source.path)
    section = writer.document.sections[0]
    setup_section(section, landscape=False)
    number_pages(writer.document, section)
    writer.cover(source.meta, source.headings, pages)
    writer.body(source.tokens, source.first_line)
    if writer.document.paragraphs and not writer.document.paragraphs[-1].text:
        last = writer.document.paragraphs[-1]
        last._p.getparent().remove(last._p)
    properties = writer.document.core_properties
    meta = source.meta
    properties.title, properties.author, properties.category = meta.title, meta.agency, HANDOUT_CATEGORY
    properties.language = "vi-VN"
    return writer.document


def heading_pages(document, headings: list[tuple[int, str]]) -> list[int] | None:
    """The page each TOC heading starts on, read from the document rendered once by LibreOffice.
    Body pages start after the page that lists the last heading in the TOC; each heading is looked
    for from where the previous one was found. None when a heading cannot be found (no numbers
    is better than wrong ones)."""
    from pypdf import PdfReader

    wanted = [(text.upper() if level == 1 else text) for level, text in headings if level <= 3]
    with tempfile.TemporaryDirectory(prefix="vanban-toc-") as folder:
        source = Path(folder) / "tai-lieu.docx"
        document.save(source)
        pdf = convert_with_libreoffice(source, "pdf", Path(folder))
        pages = [_flat(page.extract_text()) for page in PdfReader(pdf).pages]
    toc_start = next((i for i, text in enumerate(pages) if "MỤC LỤC" in text), 0)
    toc_end = next((i for i in range(toc_start, len(pages)) if _flat(wanted[-1])[:40] in pages[i]), toc_start)
    found, page = [], toc_end + 1
    for heading in wanted:
        key = _flat(heading)[:40]
        page = next((i for i in range(page, len(pages)) if key in pages[i]), None)
        if page is None:
            return None
        found.append(page + 1)
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())
