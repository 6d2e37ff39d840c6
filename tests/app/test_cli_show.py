"""`vanban library show` says what an official checks first: number (or that it is still blank),
date, status today with what replaced the text, and the attached Quy định with its outline."""

from __future__ import annotations


def _add(cli, tmp_path, name: str, text: str):
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    added = cli("library", "add", str(source))
    assert added.returncode == 0, added.stderr


def test_a_replaced_law_shows_its_successor(cli, tmp_path):
    _add(
        cli,
        tmp_path,
        "luat.md",
        "---\nnumber: 77/2015/QH13\ndoc_type: Luật\ntitle: Luật Tổ chức chính quyền địa phương\n---\n\n"
        "Điều 1. Phạm vi điều chỉnh\n\nLuật này quy định về đơn vị hành chính.\n",
    )
    shown = cli("library", "show", "77/2015/QH13")
    assert shown.returncode == 0, shown.stderr
    status = next(line for line in shown.stdout.splitlines() if line.startswith("Tình trạng:"))
    assert "hết hiệu lực" in status and "72/2025/QH15" in " ".join(shown.stdout.split())
    assert "hết hiệu lực" in cli.json("library", "show", "77/2015/QH13")["status_now"]


def test_a_draft_shows_its_blank_number_and_month_and_its_annex(cli, tmp_path):
    _add(
        cli,
        tmp_path,
        "du-thao.txt",
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số:      /QĐ-UBND\nHà Tĩnh, ngày      tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n"
        "Ban hành Quy định về tiết kiệm năng lượng\n\nỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định về tiết kiệm năng lượng.\n\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\n"
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn A\n\n"
        "QUY ĐỊNH\nVề tiết kiệm năng lượng\n(Ban hành kèm theo Quyết định số     /QĐ-UBND của UBND tỉnh)\n\n"
        "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi\n\nQuy định này áp dụng cho các cơ quan.\n",
    )
    listed = cli.json("library", "list")
    number = next(d for d in listed if "tiết kiệm năng lượng" in d["title"])
    shown = cli("library", "show", number["number"] or number["id"])
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert "(chưa có số) /QĐ-UBND" in text and "(chưa ghi ngày) tháng 3 năm 2026" in text
    assert "Quy định: Về tiết kiệm năng lượng" in text and "Chương I" in text
