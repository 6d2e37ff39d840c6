"""Text formats: plain text, Markdown with YAML front matter, and a law exported as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from vanban.library.errors import VanbanError
from vanban.library.readers.base import RawText, decode, finish
from vanban.library.safe_yaml import load_yaml


def read_txt(path: Path, data: bytes) -> RawText:
    """Plain text; a law exported as JSON but saved as .txt (the ALQAC files) is read as a law."""
    text = decode(path, data)
    head = [line for line in text.lstrip().split("\n", 4)[:4] if line.strip()]
    if any(line.lstrip().startswith("{") for line in head[:2]) and '"articles"' in text[:3000]:
        return read_law_json(path, data)
    return RawText(finish(text))


def split_front_matter(path: Path, text: str) -> tuple[dict, str]:
    """YAML between leading "---" lines → dict; errors name the line inside the file."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise VanbanError("phần đầu YAML (front matter) mở bằng «---» nhưng không có dòng «---» đóng.", path, 1)
    meta = load_yaml(text[3:end], path, first_line=1)[0] or {}
    if not isinstance(meta, dict):
        raise VanbanError("phần đầu YAML phải là các cặp «khóa: giá trị».", path, 2)
    body_start = text.find("\n", end + 4)
    return meta, text[body_start + 1 :] if body_start >= 0 else ""


def markdown_to_lines(markdown: str) -> str:
    """Markdown → one paragraph a line: list items keep their "1." / "-" markers, tables become tabs."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    lines: list[str] = []
    prefix = ""
    cells: list[str] | None = None
    for token in tokens:
        if token.type == "list_item_open":
            prefix = f"{token.info}{token.markup} " if token.info else "- "
        elif token.type == "tr_open":
            cells = []
        elif token.type == "tr_close" and cells is not None:
            lines.append("\t".join(cells))
            cells = None
        elif token.type == "inline":
            text = _inline_text(token)
            if cells is not None:
                cells.append(text.replace("\n", " "))
            else:
                lines.append(prefix + text)
                prefix = ""
        elif token.type in ("paragraph_close", "heading_close"):
            lines.append("")
    return "\n".join(lines)


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def read_md(path: Path, data: bytes) -> RawText:
    meta, body = split_front_matter(path, decode(path, data))
    return RawText(finish(markdown_to_lines(body)), meta)


def read_law_json(path: Path, data: bytes) -> RawText:
    """A law as {"id": name, "articles": [{"id", "text"}]} (the ALQAC shape); a first non-JSON line is skipped."""
    text = decode(path, data)
    start = text.find("{")
    try:
        law = json.loads(text[start:]) if start >= 0 else None
    except json.JSONDecodeError as error:
        line = text[:start].count("\n") + error.lineno
        raise VanbanError(f"JSON sai cú pháp: {error.msg}.", path, line) from None
    if not isinstance(law, dict) or not isinstance(law.get("articles"), list):
        raise VanbanError('tệp JSON phải có dạng {"id": tên luật, "articles": [{"id", "text"}]}.', path)
    lines = []
    for index, article in enumerate(law["articles"], 1):
        if not isinstance(article, dict) or "id" not in article or "text" not in article:
            raise VanbanError(f"điều thứ {index} trong «articles» thiếu «id» hoặc «text».", path)
        title, _, body = str(article["text"]).partition("\n")
        lines.append(f"Điều {article['id']}. {title.strip()}")
        lines.extend(p.strip() for p in body.split("\n") if p.strip())
    name = str(law.get("id", "")).strip()
    meta = {"doc_type": "Luật", "title": name} if name.startswith("Luật") else {"title": name}
    return RawText(finish("\n".join(lines)), meta)
