"""Text widths from real font metrics, so rule lengths and header column widths are computed,
not guessed. The advance widths of Liberation Serif 2 (the metric clone of Times New Roman, with
every Vietnamese precomposed letter) ship as data in font_widths.json, written by
scripts/make_font_widths.py: measuring needs no installed font and no font library.
"""

from __future__ import annotations

import itertools
import json
import unicodedata
from functools import cache
from importlib import resources
from itertools import combinations

POINTS_PER_MM = 72 / 25.4
_FACE_NAMES = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold-italic"}


@cache
def _faces() -> dict:
    return json.loads(resources.files(__package__).joinpath("font_widths.json").read_text(encoding="utf-8"))["faces"]


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of `text` set in Times New Roman at `size_pt`, in points."""
    face = _faces()[_FACE_NAMES[(bold, italic)]]
    widths, fallback = face["widths"], face["default"]
    total = 0
    for char in text:
        width = widths.get(char)
        if width is None:
            base = unicodedata.normalize("NFD", char)[:1]
            width = widths.get(base, fallback)
        total += width
    return total * size_pt / face["units_per_em"]


def text_width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    return text_width_pt(text, size_pt, bold, italic) / POINTS_PER_MM


def wrap_lines(text: str, width_mm: float, size_pt: float, bold: bool = False, italic: bool = False) -> list[str]:
    """Greedy word wrap the way Word breaks a paragraph, to know the longest line a rule must match."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width_mm(candidate, size_pt, bold, italic) > width_mm:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def longest_line_mm(text: str, width_mm: float, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    return max(
        (text_width_mm(line, size_pt, bold, italic) for line in wrap_lines(text, width_mm, size_pt, bold, italic)),
        default=0.0,
    )


def balanced_lines(text: str, width_mm: float, size_pt: float, bold: bool = False) -> list[str]:
    """As few lines as a greedy wrap needs, but with the breaks placed so the longest line is as
    short as possible: "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH", not "ỦY BAN NHÂN DÂN TỈNH / HÀ TĨNH"."""
    words = text.split()
    count = len(wrap_lines(text, width_mm, size_pt, bold))
    if count <= 1 or count > 4 or len(words) > 24:
        return wrap_lines(text, width_mm, size_pt, bold)
    best: tuple[float, list[str]] | None = None
    for breaks in combinations(range(1, len(words)), count - 1):
        edges = (0, *breaks, len(words))
        lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(edges)]
        widest = max(text_width_mm(line, size_pt, bold) for line in lines)
        if widest <= width_mm and (best is None or widest < best[0]):
            best = (widest, lines)
    return best[1] if best else wrap_lines(text, width_mm, size_pt, bold)
