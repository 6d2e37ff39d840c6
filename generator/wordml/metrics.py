"""Text widths from real font metrics, so rule lengths and header column widths are computed,
not guessed: Times New Roman where it is installed, else Liberation Serif 2 (the same advance
widths, and it has every Vietnamese precomposed letter; Liberation 1.x does not).
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from fontTools.ttLib import TTFont

from vanban.library.errors import VanbanError

POINTS_PER_MM = 72 / 25.4
_FACES = {
    (False, False): ("LiberationSerif-Regular.ttf", "times.ttf", "Times New Roman.ttf"),
    (True, False): ("LiberationSerif-Bold.ttf", "timesbd.ttf", "Times New Roman Bold.ttf"),
    (False, True): ("LiberationSerif-Italic.ttf", "timesi.ttf", "Times New Roman Italic.ttf"),
    (True, True): ("LiberationSerif-BoldItalic.ttf", "timesbi.ttf", "Times New Roman Bold Italic.ttf"),
}
_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts/Supplemental",
    "C:/Windows/Fonts",
)


@lru_cache(maxsize=1)
def _font_files() -> dict[str, Path]:
    found: dict[str, Path] = {}
    wanted = {name.lower() for names in _FACES.values() for name in names}
    extra = os.environ.get("VANBAN_FONT_DIR")
    for folder in ([extra] if extra else []) + list(_FONT_DIRS):
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path in root.rglob("*.ttf"):
            if path.name.lower() in wanted:
                found.setdefault(path.name.lower(), path)
    return found


@lru_cache(maxsize=4)
def _face(bold: bool, italic: bool) -> tuple[dict[int, int], float]:
    files = _font_files()
    for name in _FACES[(bold, italic)]:
        path = files.get(name.lower())
        if path:
            font = TTFont(path, lazy=True)
            cmap = font.getBestCmap()
            advances = font["hmtx"].metrics
            widths = {code: advances[glyph][0] for code, glyph in cmap.items()}
            return widths, float(font["head"].unitsPerEm)
    raise VanbanError(
        "không tìm thấy phông Times New Roman hoặc Liberation Serif để đo chiều dài dòng chữ. "
        "Trên Debian/Ubuntu: sudo apt-get install fonts-liberation2 (hoặc đặt VANBAN_FONT_DIR)."
    )


def text_width_pt(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Advance width of `text` set in Times New Roman at `size_pt`, in points."""
    widths, units = _face(bold, italic)
    fallback = widths.get(ord("n"), units / 2)
    total = 0
    for char in text:
        width = widths.get(ord(char))
        if width is None:
            base = unicodedata.normalize("NFD", char)[:1]
            width = widths.get(ord(base), fallback) if base else fallback
        total += width
    return total * size_pt / units


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
