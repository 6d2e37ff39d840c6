"""Readers: every format to the same outline, and a clear Vietnamese error for every bad file."""

import datetime as dt
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from vanban.library.errors import VanbanError
from vanban.library.readers import convert_with_libreoffice, libreoffice, read_file
from vanban.library.structure import parse_text

needs_libreoffice = pytest.mark.skipif(libreoffice() is None, reason="LibreOffice chưa được cài")


def make_plan_docx(path: Path, body_lines=None) -> Path:
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "UBND TỈNH HÀ TĨNH\nSỞ CÔNG THƯƠNG\nSố: 05/KH-SCT"
    header.cell(
        0, 1
    ).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Tĩnh, ngày 05 tháng 01 năm 2021"
    for line in body_lines or [
        "KẾ HOẠCH",
        "Tuyên truyền về sản xuất và tiêu dùng bền vững năm 2021",
        "Thực hiện Kế hoạch số 484/KH-UBND ngày 15/12/2020 của UBND tỉnh, Sở Công Thương ban hành Kế hoạch:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "- Nâng cao nhận thức của doanh nghiệp.",
        "2. Yêu cầu",
        "- Bám sát Kế hoạch 484/KH-UBND.",
        "II. NHIỆM VỤ",
        "1. Tổ chức 03 lớp tập huấn trong năm.",
        "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Sở Công Thương./.",
    ]:
        document.add_paragraph(line)
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT, QLCN."
    signature.cell(0, 1).text = "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nTrần Văn Bình"
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("Danh mục nhiệm vụ năm 2021")
    tasks = document.add_table(rows=3, cols=4, style="Table Grid")
    for row, cells in enumerate(
        [
            ("TT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian thực hiện"),
            ("1", "Tập huấn cho doanh nghiệp", "Sở Công Thương", "Quý II"),
            ("2", "Tuyên truyền trên báo", "Báo Hà Tĩnh", "Cả năm"),
        ]
    ):
        for column, text in enumerate(cells):
            tasks.cell(row, column).text = text
    document.add_paragraph("")  # Word documents end with a paragraph; LibreOffice's .doc export needs it
    document.save(path)
    return path


def check_plan(doc, with_tasks=True):
    assert (doc.number, doc.doc_type) == ("05/KH-SCT", "Kế hoạch")
    assert doc.signed_on == dt.date(2021, 1, 5)
    assert [s.label for s in doc.sections] == ["I", "II"]
    assert [c.title for c in doc.sections[0].children] == ["Mục đích", "Yêu cầu"]
    assert doc.sections[1].children[0].text == "Tổ chức 03 lớp tập huấn trong năm."
    assert doc.closing.endswith("Sở Công Thương./.")
    if with_tasks:
        expected = [("1", "Sở Công Thương", "Quý II"), ("2", "Báo Hà Tĩnh", "Cả năm")]
        assert [(t.no, t.lead, t.period) for t in doc.tasks] == expected


def test_docx_header_table_is_metadata(tmp_path):
    doc = parse_text(read_file(make_plan_docx(tmp_path / "kh.docx")).text)
    check_plan(doc)
    assert (doc.parent_issuer, doc.issuer) == ("UBND tỉnh Hà Tĩnh", "Sở Công Thương")
    assert doc.signature.authority == ["KT. GIÁM ĐỐC"] and doc.signature.name == "Trần Văn Bình"
    assert doc.recipients == ["UBND tỉnh (b/c);", "Lưu: VT, QLCN."]


def test_docx_typed_in_tcvn3_is_repaired(tmp_path):
    document = docx.Document()
    for line in ["KÕ ho¹ch", "I. Môc tiªu", "1. Tuyªn truyÒn cho ng\xadêi d©n vÒ s¶n xuÊt s¹ch h¬n."]:
        document.add_paragraph(line)
    document.save(tmp_path / "old.docx")
    text = read_file(tmp_path / "old.docx").text
    assert text.splitlines() == ["Kế hoạch", "I. Mục tiêu", "1. Tuyên truyền cho người dân về sản xuất sạch hơn."]


def test_markdown_front_matter_and_lists(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\nnumber: 07/BC-SCT\nsigned_on: 2025-12-01\n---\n\n**BÁO CÁO**\n\n"
        "## I. KẾT QUẢ\n\n1. Đã làm *tốt*.\n\n2. Còn tồn tại.\n",
        encoding="utf-8",
    )
    raw = read_file(path)
    assert raw.metadata == {"number": "07/BC-SCT", "signed_on": dt.date(2025, 12, 1)}
    doc = parse_text(raw.text)
    assert [c.text for c in doc.sections[0].children] == ["Đã làm tốt.", "Còn tồn tại."]


def test_txt_nfd_is_normalised(tmp_path):
    import unicodedata

    path = tmp_path / "a.txt"
    path.write_text(unicodedata.normalize("NFD", "Điều 1. Phạm vi"), encoding="utf-8")
    assert read_file(path).text == "Điều 1. Phạm vi"


@needs_libreoffice
def test_pdf_made_by_libreoffice_reads_back_to_the_same_outline(tmp_path):
    source = make_plan_docx(tmp_path / "kh.docx")
    pdf = convert_with_libreoffice(source, "pdf", tmp_path)
    check_plan(parse_text(read_file(pdf).text), with_tasks=False)


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "rtf"])
def test_old_office_formats_through_libreoffice(tmp_path, suffix):
    source = make_plan_docx(tmp_path / "kh.docx")
    converted = convert_with_libreoffice(source, suffix, tmp_path / "out")
    check_plan(parse_text(read_file(converted).text))


def test_hand_written_rtf_with_unicode_escapes(tmp_path):
    if libreoffice() is None:
        pytest.skip("LibreOffice chưa được cài")
    path = tmp_path / "a.rtf"
    body = "".join(f"\\u{ord(c)}?" if ord(c) > 127 else c for c in "Điều 1. Phạm vi điều chỉnh")
    path.write_text("{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times New Roman;}}\\f0 " + body + "\\par}", encoding="ascii")
    assert "Điều 1. Phạm vi điều chỉnh" in read_file(path).text


def expect_error(path: Path, *words: str) -> VanbanError:
    with pytest.raises(VanbanError) as caught:
        read_file(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message
    return caught.value


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("mat-khau")
    path = tmp_path / "khoa.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    expect_error(path, "mật khẩu")


def test_scanned_pdf_without_text(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    expect_error(path, "không có lớp chữ", "OCR")


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    expect_error(path, "PDF")


def test_truncated_docx(tmp_path):
    data = make_plan_docx(tmp_path / "kh.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "hỏng")


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.docx", "empty.md"])
def test_zero_byte_files(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    expect_error(path, "rỗng")


def test_wrong_extension(tmp_path):
    path = tmp_path / "thật-ra-là-docx.pdf"
    path.write_bytes(make_plan_docx(tmp_path / "kh.docx").read_bytes())
    expect_error(path, "đuôi tệp sai")


def test_unsupported_extension(tmp_path):
    path = tmp_path / "bang.xyz"
    path.write_text("abc", encoding="utf-8")
    expect_error(path, "không đọc được loại tệp", ".docx")


def test_non_utf8_text_names_the_line(tmp_path):
    path = tmp_path / "cu.txt"
    windows_1258 = "Kê\u0301 hoa\u0323ch".encode("cp1258")  # how old Vietnamese Windows saved text
    path.write_bytes("dòng một\n".encode() + windows_1258)
    error = expect_error(path, "UTF-8")
    assert error.line == 2


def test_bad_front_matter_names_the_line(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("---\nnumber: 1\ntitle: [chưa đóng\n---\nbody\n", encoding="utf-8")
    error = expect_error(path, "YAML")
    assert error.line is not None


def test_law_json_shape_is_checked(tmp_path):
    path = tmp_path / "luat.json"
    path.write_text('{"id": "Luật X", "articles": [{"id": "1"}]}', encoding="utf-8")
    expect_error(path, "«text»")


def test_old_formats_without_libreoffice_say_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr("vanban.library.readers.office.libreoffice", lambda: None)
    path = tmp_path / "cu.rtf"
    path.write_text("{\\rtf1\\ansi Dieu 1.\\par}", encoding="ascii")
    expect_error(path, "LibreOffice", "apt-get install libreoffice-writer")


def test_owner_password_only_pdf_is_read(tmp_path):
    """Only printing or copying is restricted: the file opens without a password, so it is read."""
    import shutil
    import subprocess

    import docx

    from vanban.library.readers import libreoffice

    if libreoffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("cần LibreOffice và poppler-utils để tạo và đọc tệp PDF có chữ")
    source = tmp_path / "kh.docx"
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tiết kiệm năng lượng trong cơ quan nhà nước năm 2026.")
    document.save(source)
    subprocess.run(
        [libreoffice(), f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    writer = PdfWriter(clone_from=str(tmp_path / "kh.pdf"))
    writer.encrypt(user_password="", owner_password="chu-so-huu")
    locked = tmp_path / "han-che.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert "Tiết kiệm năng lượng" in read_file(locked).text
