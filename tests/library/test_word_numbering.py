"""Word's list numbering drawn as Word draws it: "Điều 1.", "1.", "a)" that no one typed become
outline items, "3.1." comes out as printed, bullets become items.  numbering.xml is written raw."""

import shutil
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from vanban.library.readers import read_file
from vanban.library.readers.numbering import format_counter
from vanban.library.structure import parse_text

W = nsdecls("w")


def _level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def _numbering(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """numbering.xml: abstract id → levels; num id → (abstract id, overrides XML)."""
    body = "".join(
        f'<w:abstractNum w:abstractNumId="{a}">{"".join(levels)}</w:abstractNum>' for a, levels in abstracts.items()
    )
    body += "".join(
        f'<w:num w:numId="{n}"><w:abstractNumId w:val="{a}"/>{extra}</w:num>' for n, (a, extra) in nums.items()
    )
    return f"<w:numbering {W}>{body}</w:numbering>"


def _numbered(document, text: str, num_id: int | None = None, ilvl: int = 0, style: str | None = None):
    paragraph = document.add_paragraph(text, style=style)
    if num_id is not None:
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    return paragraph


def _save(document, path: Path, numbering_xml: str) -> Path:
    """Save, then put our numbering.xml in place of the template's."""
    document.save(path)
    staged = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, numbering_xml.encode() if item.filename == "word/numbering.xml" else data)
    shutil.move(staged, path)
    return path


LEGAL = {0: [_level(0, "decimal", "Điều %1."), _level(1, "decimal", "%2."), _level(2, "lowerLetter", "%3)")]}


def test_articles_clauses_and_points_drawn_by_word_become_the_outline(tmp_path):
    document = docx.Document()
    document.add_paragraph("QUYẾT ĐỊNH:")
    for text, ilvl in [
        ("Phạm vi điều chỉnh", 0),
        ("Quy định này áp dụng cho các hội.", 1),
        ("Hội có các quyền sau:", 1),
        ("Tuyên truyền mục đích của hội;", 2),
        ("Đại diện cho hội viên.", 2),
        ("Hiệu lực thi hành", 0),
        ("Quyết định có hiệu lực kể từ ngày ký.", 1),
    ]:
        _numbered(document, text, 1, ilvl)
    path = _save(document, tmp_path / "qd.docx", _numbering(LEGAL, {1: (0, "")}))
    text = read_file(path).text
    labels = [line.split(" ")[0] for line in text.split("\n")[1:]]
    assert labels == ["Điều", "1.", "2.", "a)", "b)", "Điều", "1."]
    assert "Điều 1. Phạm vi điều chỉnh" in text and "Điều 2. Hiệu lực thi hành" in text
    doc = parse_text(text)
    assert [s.label for s in doc.sections] == ["Điều 1", "Điều 2"]
    assert [len(s.children) for s in doc.sections] == [2, 1]
    assert [p.label for p in doc.sections[0].children[1].children] == ["Điểm a", "Điểm b"]


def test_nested_labels_start_and_override_come_out_as_printed(tmp_path):
    document = docx.Document()
    abstract = {0: [_level(0, "decimal", "%1.", start=3), _level(1, "decimal", "%1.%2.")]}
    for ilvl in (0, 1, 1, 0, 1):
        _numbered(document, "Nội dung", 1, ilvl)
    for _ in range(2):
        _numbered(document, "Mục khác", 2, 0)
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride>'
    path = _save(document, tmp_path / "bc.docx", _numbering(abstract, {1: (0, ""), 2: (0, override)}))
    labels = [line.split(" ")[0] for line in read_file(path).text.split("\n")]
    assert labels == ["3.", "3.1.", "3.2.", "4.", "4.1.", "7.", "8."]


def test_restart_rules_roman_letters_and_bullets(tmp_path):
    document = docx.Document()
    abstract = {
        0: [
            _level(0, "upperRoman", "%1."),
            _level(1, "lowerLetter", "%2)", extra='<w:lvlRestart w:val="0"/>'),
            _level(2, "bullet", "\uf0b7"),
            _level(3, "bullet", "+"),
        ]
    }
    for ilvl in (0, 1, 2, 3, 0, 1):
        _numbered(document, "Nội dung", 1, ilvl)
    path = _save(document, tmp_path / "kh.docx", _numbering(abstract, {1: (0, "")}))
    labels = [line.split(" ")[0] for line in read_file(path).text.split("\n")]
    assert labels == ["I.", "a)", "-", "+", "II.", "b)"]  # lvlRestart 0: the letters never restart


def test_numbering_from_the_paragraph_style_and_inside_a_table(tmp_path):
    document = docx.Document()
    style = document.styles.add_style("Khoan", 1)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'))
    _numbered(document, "Quy định chung", 1, 0)
    document.add_paragraph("Khoản theo kiểu đoạn.", style="Khoan")
    table = document.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.paragraphs[0].text = "Khoản trong khung."
    cell.paragraphs[0].style = document.styles["Khoan"]
    cell.add_paragraph("Khoản nữa trong khung.", style="Khoan")
    path = _save(document, tmp_path / "dl.docx", _numbering(LEGAL, {1: (0, "")}))
    lines = read_file(path).text.split("\n")
    assert lines == [
        "Điều 1. Quy định chung",
        "1. Khoản theo kiểu đoạn.",
        "2. Khoản trong khung.",
        "3. Khoản nữa trong khung.",
    ]


def test_counter_formats():
    assert [format_counter(n, "lowerLetter") for n in (1, 4, 26, 27)] == ["a", "d", "z", "aa"]
    assert [format_counter(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert format_counter(3, "decimalZero") == "03" and format_counter(3, "bullet") == ""
