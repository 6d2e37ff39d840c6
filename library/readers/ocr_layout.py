"""Where a scanned page's parts are, found on its image before Tesseract reads it: the two-column
header band at its top, and ruled tables.

Tesseract finds blocks of text by itself, but on an administrative page it gets two things wrong
that the parser cannot undo.  The header's two columns (cơ quan ban hành and số on the left, Quốc
hiệu and the date on the right) stand close together, so it reads their rows as one line, cuts
words at the gutter ("CỘN" + "G HOÀ") and lets a handwritten number or a stamp break them further;
and a ruled table is read column by column, so the words of a row come back pages apart.  Both are
plain to see on the image: the header's gutter is a strip of paper blank from its first line down,
and a table is drawn with rules.  Only Pillow is used: the page is reduced by averaging blocks of
pixels, so a rule (a long run of full blocks) and a gutter (a run of empty columns) are found on a
few hundred thousand values, not on the page's millions of pixels.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw

#: Grey level under which a pixel is ink (the page is grey, paper near 255).
_INK = 150
#: A reduced block this full of ink is part of a rule.
_FULL = 200


def without_red_ink(page: Image.Image) -> Image.Image:
    """The page in grey with its red ink gone: each pixel as light as its red channel.

    Seals (con dấu) and received stamps are red, and they lie over the header, the trích yếu and
    the signer's name, where Tesseract reads them as stray letters that break those lines.  Black
    print, and the blue ink of handwriting, are dark in the red channel too and stay; red ink is
    near white there and goes, while black print laid over it stays black.  A grey page is
    returned as it is."""
    if page.mode in ("L", "1", "I", "I;16", "F"):
        return page.convert("L")
    rgb = page.convert("RGB")
    return ImageChops.lighter(rgb.convert("L"), rgb.getchannel("R"))


@dataclass(frozen=True)
class Band:
    """The header band: rows `top`–`bottom` of the page, read as two columns parted at `split`."""

    top: int
    bottom: int
    split: int


def header_band(page: Image.Image) -> Band | None:
    """The two-column band at the top of a page: from its first line of text down while a blank
    gutter runs between a left and a right column, stopping at a line across it, a wide space, or
    right-hand text that is not the right column's (off its centre line, or below the point where
    only the left column went on: the V/v of a công văn).
    None when the page does not open with two columns side by side (a second page, a letter)."""
    scale = max(1, page.width // 600)
    ink = _ink(page.reduce(scale))
    width, height = ink.size
    lines = _text_lines(ink)
    if len(lines) < 3 or lines[0][0] > height // 4:
        return None
    line_height = statistics.median(bottom - top for top, bottom in lines)
    low, high = width // 5, width * 13 // 20  # where a header's gutter can be
    blank = [True] * width
    band: list[tuple[int, int]] = []
    gutter: tuple[int, int] | None = None
    both_sides = 0
    axis: float | None = None
    left_only = False
    for top, bottom in lines:
        if band and top - band[-1][1] > 2.5 * line_height:
            break
        profile = ink.crop((0, top, width, bottom + 1)).resize((width, 1), Image.Resampling.BOX).tobytes()
        inked = [x for x, value in enumerate(profile) if value >= 3]
        if not band and inked[-1] - inked[0] < width // 10:
            continue  # a speck, a stamp's corner or a signing tool's mark above the header
        trial = [was and value < 3 for was, value in zip(blank, profile, strict=True)]
        # wider than a space between words in capitals (about 1.2 mm), narrower than most gutters
        found = _widest_run(trial, low, high, minimum=max(3, width // 120))
        if found is None:
            break
        left_ink = any(value >= 3 for value in profile[: found[0]])
        right = [x for x in inked if x >= found[1]]
        if right and axis is not None and (left_only or abs((right[0] + right[-1]) / 2 - axis) > width / 10):
            break  # the right column has ended: a centred title, a stamp, "Kính gửi" with its list
        if right and axis is None:
            axis = (right[0] + right[-1]) / 2  # the Quốc hiệu's: the right column is centred on it
        left_only = left_only or (left_ink and not right and bottom - top >= line_height / 2)  # not a rule, a dot
        both_sides += left_ink and bool(right)
        blank, gutter = trial, found
        band.append((top, bottom))
    if gutter is None or both_sides < 2 or len(band) < 3:
        return None
    margin = round(line_height / 2)
    return Band(
        top=max(0, band[0][0] - margin) * scale,
        bottom=min(height, band[-1][1] + margin) * scale,
        split=(gutter[0] + gutter[1]) // 2 * scale,
    )


@dataclass
class Table:
    """A ruled table: its rows (between horizontal rules) and, for each row, the x of the vertical
    rules that cross it (a merged cell has fewer)."""

    rows: list[tuple[int, int]]
    columns: list[list[int]]
    rules: list[tuple[int, int, int, int]] = field(default_factory=list)

    @property
    def box(self) -> tuple[int, int, int, int]:
        xs = [x for row in self.columns for x in row]
        return min(xs), self.rows[0][0], max(xs), self.rows[-1][1]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        """(row, column) of the point, or None outside the table."""
        left, top, right, bottom = self.box
        if not (left <= x <= right and top <= y <= bottom):
            return None
        for index, (row_top, row_bottom) in enumerate(self.rows):
            if row_top <= y <= row_bottom:
                return index, sum(1 for rule in self.columns[index][1:-1] if rule < x)
        return None


def ruled_tables(page: Image.Image) -> list[Table]:
    """The tables drawn with rules: horizontal rules at least an eighth of the page wide, joined by
    the vertical rules that meet them; at least two rows and two columns."""
    ink = _ink(page)
    step, short = max(8, page.width // 100), max(4, min(page.size) // 300)
    horizontal = _merge(_runs(ink.reduce((step, 1)), step, page.width // 8, across=True))
    #: A one-line row is about 6 mm high; a letter's stem (under 4.5 mm at 16 pt) is no rule.
    vertical = _merge(_runs(ink.reduce((1, short)), short, min(page.size) // 40, across=False))
    tables: list[Table] = []
    used: set[int] = set()
    for start in range(len(horizontal)):
        if start in used:
            continue
        group, verticals = _connected(start, horizontal, vertical, tolerance=step)
        used |= group
        ys = sorted({horizontal[i][0] for i in group})
        rows = [(a, b) for a, b in zip(ys, ys[1:], strict=False)]
        columns = [sorted({v[0] for v in verticals if v[1] <= (a + b) / 2 <= v[2]}) for a, b in rows]
        if len(rows) >= 2 and max((len(c) for c in columns), default=0) >= 3 and all(len(c) >= 2 for c in columns):
            # a rule's ends are found to a reduced block: erase that much further
            rules = [(x0 - step, y - t, x1 + step, y + t) for i in group for y, x0, x1, t in [horizontal[i]]]
            rules += [(x - t, y0 - short, x + t, y1 + short) for x, y0, y1, t in verticals]
            tables.append(Table(rows, columns, rules))
    return tables


def erase_rules(page: Image.Image, tables: list[Table]) -> Image.Image:
    """The page with the tables' rules painted over: Tesseract then reads no "|" for a rule nor
    glues a cell's last letter to it."""
    page = page.copy()
    draw = ImageDraw.Draw(page)
    for table in tables:
        for x0, y0, x1, y1 in table.rules:
            draw.rectangle((x0 - 1, y0 - 1, x1 + 1, y1 + 1), fill=255)
    return page


def _ink(image: Image.Image) -> Image.Image:
    """Ink white (255) on black: averaging then counts ink."""
    return image.convert("L").point(lambda p: 255 if p < _INK else 0)


def _text_lines(ink: Image.Image) -> list[tuple[int, int]]:
    """(top, bottom) of each run of rows holding ink (a speck's single row left out)."""
    width, height = ink.size
    rows = ink.resize((1, height), Image.Resampling.BOX).tobytes()
    lines: list[tuple[int, int]] = []
    start = None
    for y, value in enumerate([*rows, 0]):
        if value >= 2 and start is None:
            start = y
        elif value < 2 and start is not None:
            if y - start >= 2:
                lines.append((start, y - 1))
            start = None
    return lines


def _widest_run(blank: list[bool], low: int, high: int, minimum: int) -> tuple[int, int] | None:
    """The widest run of blank columns that starts between `low` and `high`, at least `minimum` wide."""
    best: tuple[int, int] | None = None
    x = low
    while x < high:
        if not blank[x]:
            x += 1
            continue
        end = x
        while end < len(blank) and blank[end]:
            end += 1
        if end - x >= minimum and end < len(blank) and (best is None or end - x > best[1] - best[0]):
            best = (x, end)
        x = end
    return best


def _runs(reduced: Image.Image, step: int, minimum: int, across: bool) -> list[tuple[int, int, int]]:
    """Runs of full blocks: (position across the run, start, end) in page pixels, horizontal rules
    (`across`: one per pixel row) or vertical ones (one per pixel column)."""
    width, height = reduced.size
    data = reduced.tobytes()
    lines, length = (height, width) if across else (width, height)
    found = []
    for line in range(lines):
        values = data[line * width : (line + 1) * width] if across else data[line::width]
        start = None
        for i, value in enumerate([*values, 0]):
            if value >= _FULL and start is None:
                start = i
            elif value < _FULL and start is not None:
                if (i - start) * step >= minimum:
                    found.append((line, start * step, i * step))
                start = None
    return found


def _merge(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs on neighbouring pixel rows (or columns) that overlap are one rule: (middle position,
    start, end, half its thickness)."""
    rules: list[list[int]] = []  # [first position, last position, start, end]
    for position, start, end in sorted(runs):
        for rule in rules:
            if position - rule[1] <= 2 and start < rule[3] and rule[2] < end:
                rule[1], rule[2], rule[3] = position, min(rule[2], start), max(rule[3], end)
                break
        else:
            rules.append([position, position, start, end])
    return [((a + b) // 2, start, end, (b - a) // 2 + 1) for a, b, start, end in rules]


def _connected(
    start: int,
    horizontal: list[tuple[int, int, int, int]],
    vertical: list[tuple[int, int, int, int]],
    tolerance: int,
) -> tuple[set[int], list[tuple[int, int, int, int]]]:
    """The horizontal rules joined to rule `start` through vertical rules meeting both (within
    `tolerance`: a rule's ends are found to a reduced block), and those vertical rules."""

    def meets(h: tuple[int, int, int, int], v: tuple[int, int, int, int]) -> bool:
        return h[1] - tolerance <= v[0] <= h[2] + tolerance and v[1] - tolerance <= h[0] <= v[2] + tolerance

    group, queue, verticals = {start}, [start], []
    seen: set[int] = set()
    while queue:
        h = horizontal[queue.pop()]
        for j, v in enumerate(vertical):
            if j in seen or not meets(h, v):
                continue
            seen.add(j)
            verticals.append(v)
            for i, other in enumerate(horizontal):
                if i not in group and meets(other, v):
                    group.add(i)
                    queue.append(i)
    return group, verticals
