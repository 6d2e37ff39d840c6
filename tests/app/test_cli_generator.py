"""`vanban draft`, `check` and `number` through the real entry point: exit codes, JSON, atomicity."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from vanban.library.readers import read_file
from vanban.library.store import Library
from vanban.library.structure import parse_text

KINDS = ("ke-hoach", "bao-cao", "to-trinh", "cong-van", "quyet-dinh")


@pytest.mark.parametrize("kind", KINDS)
def test_draft_every_type_then_check_clean(cli, tmp_path, kind):
    target = tmp_path / f"{kind}.docx"
    result = cli("draft", kind, f"examples/draft/{kind}.yaml", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.exists() and f"Đã ghi: {target}" in result.stdout
    checked = cli("check", str(target), "--json")
    assert checked.returncode == 0, checked.stdout
    assert '"ok": true' in checked.stdout


def test_reproduced_plan_reads_back_with_all_sections_and_tasks(cli, tmp_path):
    target = tmp_path / "kh484.docx"
    result = cli("draft", "ke-hoach", "--from-library", "484/KH-UBND", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert cli("check", str(target)).returncode == 0
    back = parse_text(read_file(target).text)
    seed = Library(tmp_path / "d").get("484/KH-UBND")

    def outline(doc):
        return [(path, s.kind, s.title, s.text) for top in doc.sections for path, s in top.walk()]

    assert outline(back) == outline(seed)
    assert [t.to_dict() for t in back.tasks] == [t.to_dict() for t in seed.tasks]
    assert len(back.tasks) == 53 and back.task_groups == seed.task_groups
    assert (back.number, back.signed_on, back.signature) == (seed.number, seed.signed_on, seed.signature)
    assert back.preamble == seed.preamble and back.closing == seed.closing


def test_bad_input_exit_2_no_traceback_nothing_written(cli, tmp_path):
    source = tmp_path / "sai.yaml"
    source.write_text("trich_yeu: Thử\nngay: 32/13/2026\nnoi_dung: [a]\n", encoding="utf-8")
    target = tmp_path / "ra.docx"
    result = cli("draft", "ke-hoach", str(source), "-o", str(target))
    assert result.returncode == 2
    assert result.stderr.startswith(f"Lỗi: {source}, dòng 2: trường «ngay»")
    assert "Traceback" not in result.stderr and not target.exists()


def test_unknown_type_and_missing_input(cli):
    assert "không có loại «thong-bao»" in cli("draft", "thong-bao", "x.yaml").stderr
    result = cli("draft", "ke-hoach")
    assert result.returncode == 2 and "cần tệp dữ liệu" in result.stderr


def test_check_exit_codes(cli, tmp_path):
    import docx

    plain = tmp_path / "tho.docx"
    document = docx.Document()
    document.add_paragraph("Xin chào")
    document.save(plain)
    failing = cli("check", str(plain))
    assert failing.returncode == 1 and "ND30-01" in failing.stdout
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    unreadable = cli("check", str(broken))
    assert unreadable.returncode == 2 and "không đọc được tệp Word .docx" in unreadable.stderr
    assert cli("check", str(tmp_path / "khong-co.docx")).returncode == 2


def test_register_numbers_via_cli_and_draft(cli, tmp_path):
    first = cli.json("number", "next", "--type", "KH", "--year", "2026")
    assert first["symbol"] == "01/KH-UBND"
    source = tmp_path / "kh.yaml"
    text = (ROOT / "examples/draft/ke-hoach.yaml").read_text(encoding="utf-8").replace("so: 5", "so: tu-dong")
    source.write_text(text, encoding="utf-8")
    drafted = cli.json("draft", "ke-hoach", str(source), "-o", str(tmp_path / "kh.docx"))
    assert drafted["number"] == "Số: 02/KH-UBND"
    cancelled = cli.json("number", "cancel", "1", "--type", "KH", "--year", "2026", "--reason", "trùng")
    assert cancelled["status"] == "đã hủy"
    listed = cli.json("number", "list", "--year", "2026")
    assert [e["symbol"] for e in listed] == ["01/KH-UBND", "02/KH-UBND"]
    assert cli("number", "next", "--type", "ABC").returncode == 2


def test_pdf_without_libreoffice_says_so(tmp_path):
    env = dict(os.environ, PATH="/nonexistent", VANBAN_DATA=str(tmp_path / "data"))
    target = tmp_path / "kh.docx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "vanban.app",
            "draft",
            "ke-hoach",
            "examples/draft/ke-hoach.yaml",
            "-o",
            str(target),
            "--pdf",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 2
    assert "chưa cài LibreOffice" in result.stderr and "sudo apt-get install libreoffice-writer" in result.stderr
    assert Path(target).exists()


def test_yearly_jobs_end_to_end(cli, tmp_path):
    tasks = tmp_path / "nv.xlsx"
    assert cli("tasks", "export", "--plan", "484/KH-UBND", "--year", "2025", "-o", str(tasks)).returncode == 0
    plan = tmp_path / "kh-2025.docx"
    made = cli.json(
        "draft", "annual-plan", "--plan", "484/KH-UBND", "--year", "2025", "--tasks", str(tasks), "-o", str(plan)
    )
    assert made["notes"][0] == f"29 nhiệm vụ lấy từ {tasks}"
    assert all(n.startswith("Cảnh báo: «") for n in made["notes"][1:]), "the rest warn of bodies merged in 2025"
    template = tmp_path / "mau.xlsx"
    assert cli("report", "template", "--plan", "484/KH-UBND", "--year", "2025", "-o", str(template)).returncode == 0
    filled = subprocess.run(
        [sys.executable, "scripts/fill_example_results.py", str(template), str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    report = tmp_path / "bc.docx"
    args = [a for path in filled for a in ("--results", path)]
    made = cli.json("draft", "report", "--plan", "484/KH-UBND", "--year", "2025", *args, "-o", str(report))
    assert made["notes"][0] == "11/29 nhiệm vụ có báo cáo từ 2 bảng tính"
    assert any(n.startswith("18 nhiệm vụ chưa có báo cáo") for n in made["notes"])
    assert (tmp_path / "bc-chua-bao-cao.xlsx").is_file(), "the tasks to chase, for the drafter"
    import docx

    appendix = docx.Document(report).tables[-1]
    row = next(r for r in appendix.rows if r.cells[1].text.startswith("Thực hiện việc kiểm toán năng lượng"))
    assert row.cells[4].text == "Hướng dẫn 12 cơ sở thực hiện kiểm toán năng lượng.", "each result on its own task"
    handout = tmp_path / "tl.docx"
    assert cli("draft", "handout", "examples/handouts/san-xuat-sach-hon.md", "-o", str(handout)).returncode == 0
    checked = cli("check", str(plan), str(report), str(handout))
    assert checked.returncode == 0, checked.stdout


def test_bad_workbook_exit_2_and_nothing_written(cli, tmp_path):
    from openpyxl import load_workbook

    template = tmp_path / "mau.xlsx"
    cli("report", "template", "--plan", "484/KH-UBND", "--year", "2025", "-o", str(template))
    workbook = load_workbook(template)
    workbook["Nhiệm vụ"].cell(row=2, column=4).value = "Gần xong"
    workbook["Chỉ tiêu"].cell(row=3, column=3).value = "khoảng 6"
    workbook.save(template)
    other = tmp_path / "so-khac.xlsx"
    cli("report", "template", "--plan", "484/KH-UBND", "--year", "2025", "-o", str(other))
    workbook = load_workbook(other)
    workbook["Nhiệm vụ"].cell(row=2, column=4).value = "Hoàn thành"
    workbook["Nhiệm vụ"].cell(row=5, column=4).value = "Hoàn thành"
    workbook.save(other)
    duplicate = load_workbook(other)
    duplicate["Nhiệm vụ"].cell(row=2, column=4).value = None
    duplicate.save(template.with_name("trung.xlsx"))
    target = tmp_path / "bc.docx"
    args = [a for path in (template, other, template.with_name("trung.xlsx")) for a in ("--results", str(path))]
    result = cli("draft", "report", "--plan", "484/KH-UBND", "--year", "2025", *args, "-o", str(target))
    assert result.returncode == 2 and not target.exists() and not list(tmp_path.glob("bc*"))
    lines = result.stderr.splitlines()
    assert lines[0] == "Lỗi: bảng tính có 3 lỗi (chưa ghi gì; sửa hết rồi làm lại):"
    assert lines[1].startswith(f"- {template}: trang «Nhiệm vụ», hàng 2, cột «Trạng thái»: «Gần xong»")
    assert lines[2] == f"- {template}: trang «Chỉ tiêu», hàng 3, cột «Đạt được»: «khoảng 6» không phải là số."
    assert lines[3].startswith(
        f"- {template.with_name('trung.xlsx')}: trang «Nhiệm vụ», hàng 5, cột «TT»: nhiệm vụ số 4 đã được báo cáo "
        "ở «so-khac.xlsx» (hàng 5)"
    )
    assert len(lines) == 4 and "Traceback" not in result.stderr


def test_workflow_options_are_required(cli):
    result = cli("draft", "annual-plan", "--year", "2026")
    assert result.returncode == 2 and "thiếu --plan" in result.stderr
    result = cli("draft", "report", "--plan", "484/KH-UBND", "--year", "2025")
    assert result.returncode == 2 and "cần ít nhất một bảng tính kết quả" in result.stderr


def test_check_a_whole_folder(cli, tmp_path):
    folder = tmp_path / "van-ban"
    folder.mkdir()
    for kind in ("cong-van", "to-trinh"):
        cli("draft", kind, f"examples/draft/{kind}.yaml", "-o", str(folder / f"{kind}.docx"))
    (folder / "~$cong-van.docx").write_bytes(b"lock")
    result = cli("check", str(folder), "--json")
    assert result.returncode == 0 and result.stdout.count('"ok": true') == 2
    empty = tmp_path / "trong"
    empty.mkdir()
    assert "thư mục không có tệp .docx nào" in cli("check", str(empty)).stderr
