"""The `vanban library` commands through the real entry point: JSON keys, exit codes, atomicity."""

import json
from pathlib import Path

from tests.conftest import Cli
from tests.library.test_readers import make_plan_docx
from vanban.library.records import SCHEMA_VERSION


def test_list_json_has_the_shipped_corpus(cli):
    documents = cli.json("library", "list")
    numbers = {d["number"] for d in documents}
    assert {"484/KH-UBND", "889/QĐ-TTg", "86/2018/NQ-HĐND", "30/2020/NĐ-CP", "72/2020/QH14"} <= numbers
    records = [d for d in documents if d["number"] == "889/QĐ-TTg"]
    assert records[0]["full_text"] is False
    notes = {d["id"] for d in documents if d["category"] == "tài liệu giải thích"}
    assert notes == {"huong-dan-san-xuat-sach-hon", "huong-dan-mua-sam-cong-xanh"}


def test_show_json_keys_and_number_matching(cli):
    for reference in ("484/KH-UBND", "484/kh-ubnd", " 484 / KH - UBND ", "484"):
        doc = cli.json("library", "show", reference)
        assert doc["number"] == "484/KH-UBND"
    assert {"number", "doc_type", "issuer", "signed_on", "signer", "title", "sections", "tasks"} <= set(doc)
    assert (doc["doc_type"], doc["issuer"], doc["signed_on"], doc["signer"]) == (
        "Kế hoạch",
        "UBND tỉnh Hà Tĩnh",
        "2020-12-15",
        "Nguyễn Hồng Lĩnh",
    )
    assert set(doc["sections"][0]) == {"label", "title", "text", "children"}
    assert set(doc["tasks"][0]) == {"group", "no", "content", "lead", "partners", "product", "period", "note"}
    assert len(doc["tasks"]) == 53


def test_show_accepts_number_without_diacritics(cli):
    assert cli.json("library", "show", "86/2018/nq-hdnd")["number"] == "86/2018/NQ-HĐND"


def test_show_unknown_number_is_exit_2_in_vietnamese(cli):
    result = cli("library", "show", "999/XX")
    assert result.returncode == 2
    assert "không có văn bản «999/XX»" in result.stderr
    assert "Traceback" not in result.stderr


def test_human_output(cli):
    result = cli("library", "show", "484/KH-UBND")
    assert result.returncode == 0
    assert "Nguyễn Hồng Lĩnh" in result.stdout and "NHIỆM VỤ NĂM 2021: 23 nhiệm vụ" in result.stdout


def test_add_show_remove(cli, tmp_path):
    source = make_plan_docx(tmp_path / "ke-hoach.docx")
    added = cli.json("library", "add", str(source))
    assert [d["number"] for d in added] == ["05/KH-SCT"]
    shown = cli.json("library", "show", "05/kh-sct")
    assert shown["issuer"] == "Sở Công Thương" and len(shown["tasks"]) == 2
    removed = cli("library", "remove", "05/KH-SCT")
    assert removed.returncode == 0 and "Đã xóa" in removed.stdout
    assert cli("library", "show", "05/KH-SCT").returncode == 2


def test_add_with_number_override_replaces_a_record(cli, tmp_path):
    path = tmp_path / "qd889.txt"
    path.write_text("QUYẾT ĐỊNH\nPhê duyệt Chương trình\nĐiều 1. Phê duyệt\nNội dung.\nĐiều 2. Thi hành\nNội dung.\n")
    cli.json("library", "add", str(path), "--number", "889/QĐ-TTg")
    doc = cli.json("library", "show", "889/QĐ-TTg")
    assert doc["full_text"] is True
    assert [s["label"] for s in doc["sections"]] == ["Điều 1", "Điều 2"]
    assert doc["issuer"] == "Thủ tướng Chính phủ" and doc["signed_on"] == "2020-06-24"
    assert cli("library", "remove", "889/QĐ-TTg").returncode == 0
    assert cli.json("library", "show", "889/QĐ-TTg")["full_text"] is False


def test_removing_a_shipped_record_is_refused(cli):
    result = cli("library", "remove", "484/KH-UBND")
    assert result.returncode == 2 and "đi kèm phần mềm" in result.stderr


def snapshot(folder: Path) -> dict:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_bad_file_in_a_batch_leaves_the_library_unchanged(cli, tmp_path):
    good = make_plan_docx(tmp_path / "tot.docx")
    cli.json("library", "add", str(good))
    before = snapshot(cli.data_dir)
    other = make_plan_docx(tmp_path / "khac.docx")
    bad = tmp_path / "rong.pdf"
    bad.write_bytes(b"")
    result = cli("library", "add", str(other), str(bad))
    assert result.returncode == 2
    assert str(bad) in result.stderr and "rỗng" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(cli.data_dir) == before


def test_add_missing_file(cli, tmp_path):
    result = cli("library", "add", str(tmp_path / "khong-co.docx"))
    assert result.returncode == 2 and "không tìm thấy tệp" in result.stderr


def test_unknown_command_is_exit_2(cli):
    assert cli("library", "xoa-het").returncode == 2


def test_add_overrides_detected_metadata(cli, tmp_path):
    source = make_plan_docx(tmp_path / "ke-hoach.docx")
    cli.json("library", "add", str(source), "--title", "Trích yếu mới", "--signed-on", "2021-02-03")
    doc = cli.json("library", "show", "05/KH-SCT")
    assert (doc["title"], doc["signed_on"]) == ("Trích yếu mới", "2021-02-03")


def test_add_with_a_bad_date_override_names_the_field(cli, tmp_path):
    source = make_plan_docx(tmp_path / "ke-hoach.docx")
    result = cli("library", "add", str(source), "--signed-on", "03/02/2021")
    assert result.returncode == 2 and "signed_on" in result.stderr and "2020-12-15" in result.stderr


def test_markdown_with_a_wrong_field_names_file_line_and_field(cli, tmp_path):
    path = tmp_path / "bc.md"
    path.write_text("---\nnumber: 07/BC-SCT\nngay: 2025-01-01\n---\n\nNội dung.\n", encoding="utf-8")
    result = cli("library", "add", str(path))
    assert result.returncode == 2
    assert f"{path}, dòng 3" in result.stderr and "«ngay»" in result.stderr


def test_law_json_added_with_its_number(cli, tmp_path):
    path = tmp_path / "luat.json"
    path.write_text(
        '{"id": "Luật Thử", "articles": [{"id": "1", "text": "Phạm vi\\n\\nLuật này quy định."},'
        ' {"id": "2", "text": "Hiệu lực\\n\\n1. Có hiệu lực.\\n\\n2. Thay thế."}]}',
        encoding="utf-8",
    )
    cli.json("library", "add", str(path), "--number", "99/2020/QH14")
    doc = cli.json("library", "show", "99/2020/qh14")
    assert doc["doc_type"] == "Luật" and doc["title"] == "Luật Thử"
    assert [s["label"] for s in doc["sections"]] == ["Điều 1", "Điều 2"]
    assert [k["label"] for k in doc["sections"][1]["children"]] == ["Khoản 1", "Khoản 2"]


def test_mistyped_commands_get_vietnamese_help(cli):
    cases = [
        (("search",), "Lỗi: thiếu tham số «query». Xem hướng dẫn: vanban search --help"),
        (("search", "x", "--limit", "abc"), "Lỗi: giá trị của «--limit» không hợp lệ."),
        (("serch", "x"), "Lỗi: không có lệnh «serch». Xem hướng dẫn: vanban --help"),
        (("search", "x", "--foo"), "Lỗi: không có tùy chọn --foo."),
    ]
    for args, message in cases:
        result = cli(*args)
        assert result.returncode == 2 and result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr
    assert cli("library").returncode == 0 and "list" in cli("library").stdout
    assert cli("--help").returncode == 0


def test_export_markdown_adds_back_to_the_same_document(cli, tmp_path):
    output = tmp_path / "xuat" / "kh484.md"
    result = cli("library", "export", "484/kh-ubnd", "-o", str(output))
    assert result.returncode == 0, result.stderr
    assert "Đã xuất: Kế hoạch 484/KH-UBND" in result.stdout
    assert output.read_text(encoding="utf-8").startswith("---\nid: ke-hoach-484-kh-ubnd-2020\nnumber: 484/KH-UBND\n")
    assert "tasks: kh484.tasks.yaml" in output.read_text(encoding="utf-8")
    assert (tmp_path / "xuat" / "kh484.tasks.yaml").exists()
    original = cli.json("library", "show", "484/KH-UBND")
    other = Cli(tmp_path / "other")
    other.json("library", "add", str(output))
    assert other.json("library", "show", "484/KH-UBND") == original


def test_export_json_is_the_stored_record(cli, tmp_path):
    output = tmp_path / "kh484.json"
    assert cli.json("library", "export", "484/KH-UBND", "-o", str(output)) == {
        "number": "484/KH-UBND",
        "format": "json",
        "files": [str(output)],
    }
    record = json.loads(output.read_text(encoding="utf-8"))
    assert (
        record["schema_version"] == SCHEMA_VERSION and record["number"] == "484/KH-UBND" and len(record["tasks"]) == 53
    )
    other = Cli(tmp_path / "other")
    other.json("library", "add", str(output))
    assert other.json("library", "show", "484/KH-UBND") == cli.json("library", "show", "484/KH-UBND")


def test_export_errors_are_exit_2_in_vietnamese(cli, tmp_path):
    wrong_format = cli("library", "export", "484/KH-UBND", "-o", str(tmp_path / "x.pdf"), "--format", "pdf")
    assert wrong_format.returncode == 2 and "--format «pdf» không có; chọn md hoặc json" in wrong_format.stderr
    unknown = cli("library", "export", "999/XX", "-o", str(tmp_path / "x.md"))
    assert unknown.returncode == 2 and "không có văn bản «999/XX»" in unknown.stderr
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.pdf").exists()


def test_os_errors_are_said_in_vietnamese_with_the_file():
    import errno

    from vanban.app.cli import _os_message

    message = _os_message(OSError(errno.ENOSPC, "No space left on device", "/tmp/kh.docx"))
    assert message.startswith("/tmp/kh.docx: ổ đĩa đã đầy") and "Không có gì bị ghi dở" in message
    assert "thư mục chỉ cho đọc" in _os_message(OSError(errno.EROFS, "Read-only file system", "/srv/data"))


def test_two_officials_adding_at_the_same_moment_both_succeed(cli, tmp_path):
    """Two `library add` at once (two officials, one data folder): both documents are added and
    found; the index writer lock makes the second wait rather than fail."""
    import os
    import subprocess
    import sys

    sources = []
    for number in (21, 22):
        path = tmp_path / f"kh-{number}.md"
        path.write_text(
            f"---\nnumber: {number}/KH-SCT\ndoc_type: Kế hoạch\ntitle: Kế hoạch thử số {number}\n---\n\n"
            f"I. MỤC ĐÍCH\n\n1. Nội dung riêng {number} tiết kiệm.\n",
            encoding="utf-8",
        )
        sources.append(path)
    env = dict(os.environ, VANBAN_DATA=str(cli.data_dir))
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "vanban.app", "library", "add", str(p)], env=env, stderr=subprocess.PIPE
        )
        for p in sources
    ]
    assert [run.wait(timeout=300) for run in runs] == [0, 0], [run.stderr.read() for run in runs]
    numbers = {d["number"] for d in cli.json("library", "list")}
    assert {"21/KH-SCT", "22/KH-SCT"} <= numbers
    assert {h["number"] for h in cli.json("search", "tiết kiệm", "--limit", "50")["hits"]} >= {"21/KH-SCT", "22/KH-SCT"}
