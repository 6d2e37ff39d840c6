"""The handout editor's live preview: the Markdown as a page, each `{{trich …}}` replaced by the
library's text as the handout will print it, and what is wrong said in Vietnamese with its line.

Rendered on the server by markdown-it-py with raw HTML disabled: whatever is typed comes back as
text, so the editor cannot inject markup into the page (the only HTML added is the quotation's,
built here from escaped text). The quotations go through `handout.quotation`, the function the
.docx is built with, so the preview and the document cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from vanban.generator.jobs.handout import QUOTATION, Meta, cover_meta, quotation, split_source
from vanban.library.errors import VanbanError
from vanban.library.store import Library
from vanban.library.vietnamese import nfc

#: CommonMark with tables (as the handout reads it), raw HTML off.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


@dataclass
class Preview:
    html: Markup
    meta: Meta | None = None
    errors: list[str] = field(default_factory=list)


def located(error: VanbanError) -> str:
    """ "Dòng 12: trích dẫn «…»: …" — the line in the editor, not a file on the server."""
    return f"Dòng {error.line}: {error.message}" if error.line is not None else error.message


def _quote_html(library: Library, reference: str, section_path: str, line: int, errors: list[str]) -> str:
    try:
        lines, citation = quotation(library, reference, section_path)
    except VanbanError as error:
        message = located(VanbanError(error.message, line=line))
        errors.append(message)
        return f'<p class="quote-error">{escape(message)}</p>\n'
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in lines)
    source = f"<figcaption>{escape(citation)}</figcaption>"
    return f'<figure class="quote"><blockquote>{paragraphs}</blockquote>{source}</figure>\n'


def _with_quotations(tokens: list[Token], library: Library, first_line: int, errors: list[str]) -> list[Token]:
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
        line = first_line + (token.map[0] if token.map else 0)
        block = Token("html_block", "", 0, content=_quote_html(library, quoted[1], quoted[2] or "", line, errors))
        result.append(block)
        index += 3
    return result


def preview(text: str, library: Library) -> Preview:
    """The source as the editor's preview shows it; never raises for what the user typed."""
    text = nfc(text.replace("\r\n", "\n"))
    name = Path("tai-lieu.md")
    errors: list[str] = []
    meta = None
    try:
        front, body, first_line = split_source(name, text)
    except VanbanError as error:
        errors.append(located(error))
        front, body, first_line = None, text, 1
    if front is not None:
        try:
            meta = cover_meta(front, name)
        except VanbanError as error:
            errors.append(located(error))
    tokens = _with_quotations(_MARKDOWN.parse(body), library, first_line, errors)
    html = _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})
    return Preview(Markup(html), meta, errors)
