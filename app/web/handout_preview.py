"""The handout editor's live preview: the cover from its fields, the body as a page, each
`{{trich …}}` replaced by the library's text as the handout will print it, and what is wrong said
in words, at the field or with the editor's line and what to do.

Rendered on the server by markdown-it-py with raw HTML disabled: whatever is typed comes back as
text, so the editor cannot inject markup into the page (the only HTML added is the quotation's,
built here from escaped text). The quotations go through `handout.quotation`, the function the
.docx is built with, so the preview and the document cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from vanban.app.web.handout_cover import FIELDS, Cover
from vanban.generator.jobs.handout import QUOTATION, Meta, quotation
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.library.vietnamese import nfc

#: CommonMark with tables (as the handout reads it), raw HTML off.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
AGAIN = "hãy chọn lại bằng «Chèn trích dẫn»"


@dataclass
class Problem:
    """One thing to fix: at a cover field (`field` is its input's id) or at a line of the body."""

    message: str
    field: str = ""


@dataclass
class Preview:
    html: Markup
    meta: Meta | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [p.message for p in self.problems]


def located(error: VanbanError, offset: int = 0) -> str:
    """ "Dòng 12: …" — the line in the editor (the file's line less the cover's `offset` lines)."""
    if error.line is None or error.line <= offset:
        return error.message
    return f"Dòng {error.line - offset}: {error.message}"


def unresolved(library: Library, reference: str, section_path: str, line: int) -> str:
    """Why `{{trich reference section_path}}` on the editor's `line` cannot be quoted, and what to do."""
    doc = library.find(reference)
    if doc is None:
        return f"Dòng {line}: không có văn bản «{reference}» trong thư viện; {AGAIN}."
    name = f"{doc.doc_type} {doc.number}" if doc.number else f"«{doc.title}»"
    if not doc.full_text or not doc.sections:
        missing = f"thư viện chưa có toàn văn {name} nên chưa trích được"
        return f"Dòng {line}: {missing}; hãy chọn văn bản khác bằng «Chèn trích dẫn»."
    if not section_path:
        return f"Dòng {line}: chưa ghi mục cần trích của {name}; {AGAIN}."
    where = section_path if section_path.lower().startswith("điều") else f"mục {section_path}"
    return f"Dòng {line}: không tìm thấy {where} trong {name}; {AGAIN}."


def _quote_html(library: Library, reference: str, section_path: str, line: int, problems: list[Problem]) -> str:
    try:
        lines, citation = quotation(library, reference, section_path)
    except VanbanError:
        message = unresolved(library, reference, section_path, line)
        problems.append(Problem(message))
        return f'<p class="quote-error">{escape(message)}</p>\n'
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in lines)
    source = f"<figcaption>{escape(citation)}</figcaption>"
    return f'<figure class="quote"><blockquote>{paragraphs}</blockquote>{source}</figure>\n'


def _with_quotations(tokens: list[Token], library: Library, problems: list[Problem]) -> list[Token]:
    """The tokens with each quotation paragraph (open, inline, close) replaced by its rendered block."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        quoted = (
            QUOTATION.match(following.content.strip())
            if token.type == "paragraph_open" and following is not None and following.type == "inline"
            else None
        )
        if quoted is None:
            result.append(token)
            index += 1
            continue
        line = 1 + (token.map[0] if token.map else 0)
        block = Token("html_block", "", 0, content=_quote_html(library, quoted[1], quoted[2] or "", line, problems))
        result.append(block)
        index += 3
    return result


def preview(cover: Cover, body: str, library: Library) -> Preview:
    """The handout as the editor's preview shows it; never raises for what the user typed. Lines
    are counted in the editor (`body`), which holds the text below the cover."""
    by_name = {f.name: f.id for f in FIELDS}
    problems = [Problem(message, by_name[name]) for name, message in cover.errors.items()]
    tokens = _with_quotations(_MARKDOWN.parse(nfc(body.replace("\r\n", "\n"))), library, problems)
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return Preview(Markup(html), cover.meta(), problems)
