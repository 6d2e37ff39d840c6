"""Snippets: the best window of an entry's text with the matched words marked.

All text is HTML-escaped; the only markup is <mark>…</mark> around matched words, so a snippet
can go straight into a web page. A word matches when its spelling (tone marks normalised) or its
folded form equals a query word's: "san xuat" marks "sản xuất".
"""

from __future__ import annotations

import html
import re

from vanban.index.analysis import syllables
from vanban.index.query import Word
from vanban.library.vietnamese import fold

_WORD = re.compile(r"\w+")
WINDOW = 32


def snippet(text: str, words: list[Word], window: int = WINDOW) -> str:
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return html.escape(text)
    exact = {w.exact for w in words}
    loose = {w.folded for w in words}

    def matches(token: re.Match) -> bool:
        spelled = syllables(token.group(0))
        return bool(spelled) and (spelled[0] in exact or fold(spelled[0]) in loose)

    hits = [i for i, token in enumerate(tokens) if matches(token)]
    start = 0
    if hits and len(tokens) > window:
        start = max(
            range(len(tokens) - window + 1),
            key=lambda s: (len({fold(tokens[i].group(0).lower()) for i in hits if s <= i < s + window}), -s),
        )
    end = min(len(tokens), start + window)
    begin_char = 0 if start == 0 else tokens[start].start()
    end_char = len(text) if end == len(tokens) else tokens[end - 1].end()
    marked = set(hits)
    pieces = ["…" if start > 0 else ""]
    cursor = begin_char
    for index in range(start, end):
        token = tokens[index]
        if index in marked:
            pieces.append(html.escape(text[cursor : token.start()]))
            pieces.append(f"<mark>{html.escape(token.group(0))}</mark>")
            cursor = token.end()
    pieces.append(html.escape(text[cursor:end_char]))
    if end_char < len(text):
        pieces.append("…")
    return "".join(pieces).strip()
