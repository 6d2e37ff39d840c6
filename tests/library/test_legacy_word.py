"""Legacy text through Word and LibreOffice: TCVN3's "ư" kept as a soft hyphen, capitals of the
all-caps TCVN3 fonts, and the web page Word saves under a .doc name."""

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from vanban.library.errors import VanbanError
from vanban.library.readers import libreoffice, read_file

needs_libreoffice = pytest.mark.skipif(libreoffice() is None, reason="LibreOffice chưa được cài")
W = nsdecls("w")


def _run(font: str, *parts: str) -> str:
    """A run in a font; "\xad" parts become <w:softHyphen/>, as LibreOffice writes TCVN3's "ư"."""
    content = "".join(
        "<w:softHyphen/>" if part == "\xad" else f'<w:t xml:space="preserve">{part}</w:t>' for part in parts
    )
    return f'<w:r {W}><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>{content}</w:r>'


def _docx(path: Path, paragraphs: list[list[str]]) -> Path:
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for run in runs:
            paragraph._p.append(parse_xml(run))
    document.save(path)
    return path


def test_tcvn3_soft_hyphen_is_u_horn_and_caps_font_runs_are_capitals(tmp_path):
    path = _docx(
        tmp_path / "kiem-diem.docx",
        [
            [_run(".VnTimeH", "b¶n tù kiÓm ®iÓm")],
            [_run(".VnTime", "Hä vµ tªn: "), _run(".VnTimeH", "Ch©u minh Phó")],
            [_run(".VnTime", "X¸c ®Þnh t", "\xad", " t", "\xad", "ëng lµ vÊn ®Ò hµng ®Çu, chÊt l", "\xad", "îng tèt.")],
        ],
    )
    assert read_file(path).text.split("\n") == [
        "BẢN TỰ KIỂM ĐIỂM",
        "Họ và tên: CHÂU MINH PHÚ",
        "Xác định tư tưởng là vấn đề hàng đầu, chất lượng tốt.",
    ]


def test_a_soft_hyphen_in_unicode_text_is_only_a_hyphenation_point(tmp_path):
    path = _docx(tmp_path / "u.docx", [[_run("Times New Roman", "Nâng cao chất lư", "\xad", "ợng hoạt động")]])
    assert read_file(path).text == "Nâng cao chất lượng hoạt động"


WEB_PAGE = """\ufeff<html xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>Kế hoạch</title></head>
<body><p>UBND HUYỆN LỆ THỦY</p><p>KẾ HOẠCH</p><p>Tập huấn nghiệp vụ văn thư năm 2012</p>
<p>I. MỤC ĐÍCH, YÊU CẦU</p><p>1. Nâng cao kỹ năng soạn thảo văn bản.</p>
<table><tr><td>TT</td><td>Nội dung</td></tr><tr><td>1</td><td>Thể thức văn bản</td></tr></table>
</body></html>"""


@needs_libreoffice
def test_a_web_page_saved_by_word_as_doc_is_read_with_a_note(tmp_path):
    path = tmp_path / "Ke_hoach_tap_huan.doc"
    path.write_bytes(WEB_PAGE.encode("utf-8"))
    raw = read_file(path)
    assert "Tập huấn nghiệp vụ văn thư năm 2012" in raw.text and "1\tThể thức văn bản" in raw.text
    assert "trang web" in raw.notes[0]


def test_a_doc_that_is_neither_word_nor_a_web_page_is_refused(tmp_path):
    path = tmp_path / "hong.doc"
    path.write_bytes(b"\x00\x01 not a document at all")
    with pytest.raises(VanbanError) as caught:
        read_file(path)
    assert "không phải tệp .doc" in caught.value.message and caught.value.path == str(path)
