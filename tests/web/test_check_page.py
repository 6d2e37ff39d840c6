"""/kiem-tra: `vanban check` on uploaded .docx files, findings grouped by rule."""

from __future__ import annotations

import io
import re

import docx

from tests.generator.conftest import composed
from tests.web.conftest import csrf_token


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def post(client, files):
    return client.post("/kiem-tra", data={"csrf_token": csrf_token(client, "/kiem-tra")}, files=files)


def test_clean_and_faulty_files_together(fresh_client):
    bare = docx.Document()
    bare.add_paragraph("Một đoạn văn không có thể thức.")
    files = [
        ("tep", ("công văn.docx", docx_bytes(composed("cong-van")), "application/octet-stream")),
        ("tep", ("trơn.docx", docx_bytes(bare), "application/octet-stream")),
    ]
    response = post(fresh_client, files)
    assert response.status_code == 200
    text = response.text
    assert "công văn.docx" in text and "Đạt" in text
    assert "trơn.docx" in text and "lỗi" in text
    assert "<dt>Cần</dt>" in text and "<dt>Thấy</dt>" in text
    assert "phần (section)" not in text and "đầu trang (header)" not in text


def test_rule_title_comes_first_and_its_code_after(fresh_client):
    """A văn thư reads the rule's name; the code (ND30-07), which the CLI and the tests use, is secondary."""
    bare = docx.Document()
    bare.add_paragraph("Một đoạn văn không có thể thức.")
    text = post(fresh_client, [("tep", ("trơn.docx", docx_bytes(bare), "application/octet-stream"))]).text
    summary = re.search(r"<summary>(.*?)</summary>", text, re.S).group(1)
    assert summary.startswith("Khổ giấy A4, hướng trang, lề trang")
    assert '(mã <span class="rule-id">ND30-01</span>, PL I, Phần I, Mục I.1–I.2)' in summary
    assert "ở khổ giấy, lề trang của văn bản" in text, "a finding on the page itself names no paragraph"
    printed = "trang 1, " if "<figure" in text else ""  # the page is known once LibreOffice rendered it
    assert f"ở {printed}đoạn 1 (tính từ đầu văn bản): «Một đoạn văn không có thể thức.»" in text
    assert "cần" not in summary and "10.0" not in text


def test_unreadable_file_is_named_with_the_checker_message(fresh_client):
    response = post(fresh_client, [("tep", ("cũ.pdf", b"%PDF-1.4", "application/pdf"))])
    assert response.status_code == 400
    assert "cũ.pdf: chỉ kiểm tra được tệp .docx" in response.text


def test_form_without_files(fresh_client):
    response = fresh_client.post("/kiem-tra", data={"csrf_token": csrf_token(fresh_client, "/kiem-tra")})
    assert response.status_code == 400 and "chưa chọn tệp" in response.text
