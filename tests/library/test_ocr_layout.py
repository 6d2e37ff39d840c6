"""Where a scanned page's parts are (`ocr_layout`), on pages drawn here with Pillow: the header
band's gutter and ruled tables need no Tesseract; reading a table row by row does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.library.test_ocr import BOLD, FONT, needs_tesseract
from vanban.library.readers import read_file
from vanban.library.readers.ocr_layout import erase_rules, header_band, ruled_tables

DPI = 200
SCALE = DPI / 72


def _font(bold: bool = False) -> ImageFont.FreeTypeFont:
    if not FONT.exists():
        pytest.skip("thiếu phông Liberation Serif (fonts-liberation2) để vẽ trang thử")
    return ImageFont.truetype(str(BOLD if bold else FONT), round(12 * SCALE))


def _page() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("L", (round(595 * SCALE), round(842 * SCALE)), 255)  # A4
    return image, ImageDraw.Draw(image)


def _at(points: float) -> int:
    return round(points * SCALE)


def _header(draw: ImageDraw.ImageDraw, gap: float = 40) -> float:
    """The two header columns, `gap` points apart at their closest; returns the x of the gutter."""
    left = ["UBND TỈNH PHÚ THỌ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 275/STTTT-CNTT"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Phú Thọ, ngày 16 tháng 12 năm 2011"]
    bold = _font(bold=True)
    widest = max(draw.textlength(text, font=bold) for text in left)
    gutter = _at(50) + widest + _at(gap) / 2
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        draw.text((_at(50), _at(40 + 18 * row)), a, font=bold, fill=0)
        draw.text((_at(50) + widest + _at(gap), _at(40 + 18 * row)), b, font=bold, fill=0)
    return gutter


BODY = [
    "Sở Thông tin và Truyền thông đề nghị các đơn vị đăng ký danh sách tham gia Hội thi kỹ năng",
    "sử dụng máy tính (mẫu kèm theo) trước ngày 22/12/2011 qua phòng Công nghệ thông tin sở để",
    "tổng hợp và triển khai tổ chức. Thời gian tổ chức Hội thi ngày 30/12/2011 tại Hội trường.",
]


def _body(draw: ImageDraw.ImageDraw, top: float) -> None:
    for row, text in enumerate(BODY):
        draw.text((_at(50), _at(top + 18 * row)), text, font=_font(), fill=0)


@pytest.mark.parametrize("gap", [40, 12])
def test_the_header_band_is_found_at_its_gutter_even_when_the_columns_nearly_touch(gap):
    page, draw = _page()
    gutter = _header(draw, gap)
    _body(draw, 140)
    draw.point((_at(500), _at(15)), fill=0)  # a speck above the header
    band = header_band(page)
    assert band is not None
    assert abs(band.split - gutter) <= _at(gap) / 2 + 4
    assert band.top < _at(40) and _at(40 + 18 * 2 + 12) <= band.bottom < _at(140)  # the body is not in it


def test_a_page_of_running_text_has_no_header_band():
    page, draw = _page()
    for top in (40, 100, 160):
        _body(draw, top)
    assert header_band(page) is None


def _table(draw: ImageDraw.ImageDraw, top: float) -> list[list[str]]:
    """A ruled 3-column table with a merged row, one line of text a cell; returns its rows."""
    rows = [
        ["TT", "Lớp tập huấn", "Đơn vị thực hiện"],
        ["I. LỚP CẤP TỈNH"],
        ["1", "Sản xuất sạch hơn", "Sở Công Thương"],
    ]
    xs = [_at(50), _at(90), _at(300), _at(545)]
    height = 24
    font = _font()
    for index, row in enumerate(rows):
        y = _at(top + height * index)
        draw.line((xs[0], y, xs[-1], y), fill=0, width=2)
        cells = xs if len(row) > 1 else [xs[0], xs[-1]]
        for x in cells:
            draw.line((x, y, x, _at(top + height * (index + 1))), fill=0, width=2)
        for x, text in zip(cells, row, strict=False):
            draw.text((x + _at(4), y + _at(5)), text, font=font, fill=0)
    bottom = _at(top + height * len(rows))
    draw.line((xs[0], bottom, xs[-1], bottom), fill=0, width=2)
    return rows


def test_a_ruled_table_is_found_with_its_rows_and_merged_cell_and_its_rules_erased():
    page, draw = _page()
    _body(draw, 40)
    _table(draw, 120)
    draw.line((_at(50), _at(250), _at(300), _at(250)), fill=0, width=2)  # a lone rule: no table
    tables = ruled_tables(page)
    assert len(tables) == 1
    table = tables[0]
    assert len(table.rows) == 3 and [len(c) - 1 for c in table.columns] == [3, 1, 3]
    assert table.cell(_at(200), _at(120 + 24 * 2 + 12)) == (2, 1)
    assert table.cell(_at(200), _at(60)) is None
    clean = erase_rules(page, tables)
    left, top, right, bottom = table.box
    assert min(clean.crop((left - 1, top - 1, left + 2, bottom)).get_flattened_data()) == 255  # the left rule is gone


@needs_tesseract
def test_a_scanned_table_is_read_row_by_row(tmp_path: Path):
    page, draw = _page()
    _body(draw, 40)
    rows = _table(draw, 120)
    scan = tmp_path / "bang.png"
    page.save(scan, dpi=(DPI, DPI))
    lines = read_file(scan).text.split("\n")
    for row in rows:
        assert "\t".join(row) in lines
