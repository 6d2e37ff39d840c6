"""Text widths come from the shipped width table: they match the decree notes' measurements (A3 of
nd30-format.md), the installed font when there is one, and need no font at all."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from vanban.generator.wordml.metrics import text_width_mm
from vanban.library.nd30 import MOTTO, NATIONAL_NAME

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "generator" / "wordml" / "font_widths.json"
# (text, size pt, bold, italic, mm measured in A3 of nd30-format.md)
A3_WIDTHS = [
    (NATIONAL_NAME, 12, True, False, 88.3),
    (NATIONAL_NAME, 12.5, True, False, 92.0),
    (NATIONAL_NAME, 13, True, False, 95.7),
    (MOTTO, 13, True, False, 56.1),
    (MOTTO, 14, True, False, 60.5),
    ("ỦY BAN NHÂN DÂN", 13, True, False, 43.2),
    ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", 13, True, False, 76.9),
    ("Hà Tĩnh, ngày 15 tháng 12 năm 2020", 14, False, True, 74.1),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", 13, False, True, 96.4),
    ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", 14, False, True, 103.9),
]


def _script():
    spec = importlib.util.spec_from_file_location("make_font_widths", ROOT / "scripts" / "make_font_widths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("text", "size", "bold", "italic", "expected"), A3_WIDTHS)
def test_widths_match_the_measured_ones(text, size, bold, italic, expected):
    assert text_width_mm(text, size, bold, italic) == pytest.approx(expected, abs=0.1)


def test_table_has_every_vietnamese_letter_in_every_face():
    """A letter missing from the table would silently be measured as its base letter."""
    faces = json.loads(TABLE.read_text(encoding="utf-8"))["faces"]
    tones = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    lower = {unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in tones} | {"đ"}
    letters = sorted(lower | {letter.upper() for letter in lower})
    assert len(letters) == 146 and all(len(letter) == 1 for letter in letters)
    for name, face in faces.items():
        missing = [letter for letter in letters if letter not in face["widths"]]
        assert missing == [], name
        assert all(unicodedata.is_normalized("NFC", char) for char in face["widths"])


def test_table_equals_the_installed_font():
    pytest.importorskip("fontTools", reason="fontTools (extra dev) không được cài")
    from fontTools.ttLib import TTFont

    script = _script()
    try:
        font_dir = script.find_font_dir(list(script.FONT_DIRS))
    except SystemExit:
        pytest.skip("Liberation Serif 2 không được cài trên máy này (fonts-liberation2)")
    faces = json.loads(TABLE.read_text(encoding="utf-8"))["faces"]
    assert set(faces) == set(script.FACES)
    for name, face in faces.items():
        font = TTFont(font_dir / script.FACES[name], lazy=True)
        cmap, advances = font.getBestCmap(), font["hmtx"].metrics
        assert face["units_per_em"] == font["head"].unitsPerEm
        assert face["default"] == advances[cmap[ord("n")]][0]
        assert face["widths"] == {char: advances[cmap[ord(char)]][0] for char in face["widths"]}
    assert script.build_table(font_dir)["faces"] == faces, "chạy lại scripts/make_font_widths.py"


def test_measuring_needs_no_font_and_no_font_library(tmp_path):
    """A fresh process where fontTools cannot be imported, so no font file could be read."""
    code = (
        "import sys; sys.modules['fontTools'] = None\n"
        "from vanban.generator.wordml.metrics import text_width_mm\n"
        "from vanban.library.nd30 import NATIONAL_NAME\n"
        "print(round(text_width_mm(NATIONAL_NAME, 13, bold=True), 1))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "95.7"
