"""Snippets: the best window of an entry's text with the matched words marked.

All text is HTML-escaped; the only markup is <mark>…</mark> around matched words, so a snippet
can go straight into a web page. A word matches when its spelling (tone marks normalised) or its
folded form equals a query word's: "san xuat" marks "sản xuất" — or, for a query matched on the
exact spelling (`strict`), only its spelling: "viết hoa" does not mark "hóa".
"""

from __future__ import annotations

import html
import re
from collections import Counter

from vanban.index.analysis import syllables
from vanban.index.query import Word
from vanban.library.vietnamese import fold

_WORD = re.compile(r"\w+")
WINDOW = 32


def snippet(text: str, words: list[Word], window: int = WINDOW, strict: bool = False) -> str:
    tokens = list(_WORD.finditer(text))
    if not tokens:
        return html.escape(text)
    exact = {w.exact for w in words}
    loose = set() if strict else {w.folded for w in words}
    verdicts: dict[str, bool] = {}  # a section repeats its words: decide each spelling once

    def matches(token: str) -> bool:
        if token not in verdicts:
            spelled = syllables(token)
            verdicts[token] = bool(spelled) and (spelled[0] in exact or fold(spelled[0]) in loose)
        return verdicts[token]

    hits = [i for i, token in enumerate(tokens) if matches(token.group(0))]
    start = 0
    if hits and len(tokens) > window:
        keys: list[str | None] = [None] * len(tokens)
        for i in hits:
            keys[i] = fold(tokens[i].group(0).lower())
        start = _richest_window(keys, window)
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


def _richest_window(keys: list[str | None], window: int) -> int:
    """The first start of the `window`-token stretch holding the most different matched words
    (`keys[i]`: token i's folded form when it matched, else None).

    One pass, sliding the window a token at a time and keeping counts of the words inside, so a
    long section costs time in proportion to its length rather than length × matches."""
    inside: Counter[str] = Counter(key for key in keys[:window] if key)
    best_start, best = 0, len(inside)
    for start in range(1, len(keys) - window + 1):
        leaving, entering = keys[start - 1], keys[start + window - 1]
        if leaving:
            inside[leaving] -= 1
            if not inside[leaving]:
                del inside[leaving]
        if entering:
            inside[entering] += 1
        if len(inside) > best:
            best_start, best = start, len(inside)
    return best_start
