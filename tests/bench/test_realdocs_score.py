"""bench/realdocs.py scores what it should: a tiny synthetic truth and files made here, no ../shared."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from vanban.generator.checker import Finding

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("realdocs", ROOT / "bench" / "realdocs.py")
realdocs = importlib.util.module_from_spec(_spec)
sys.modules["realdocs"] = realdocs  # dataclasses look their module up there
_spec.loader.exec_module(realdocs)

PLAN = """ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026

I. MỤC ĐÍCH
1. Nâng cao nhận thức của cán bộ về cải cách hành chính.
a) Tổ chức hội nghị quán triệt trong quý I.
- Mỗi cơ quan cử một đại diện tham dự.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _entry(file: str, expected: str, **rest) -> dict:
    return {
        "id": Path(file).stem,
        "file": file,
        "format": Path(file).suffix[1:],
        "era": "nd30",
        "expected": expected,
        "exclude": False,
        "metadata": {},
        "outline": {},
        "annexes": [],
        "phrases": [],
        "checker": None,
        **rest,
    }


def test_metadata_nulls_months_case_and_spaces():
    stored = {
        "number": "629 /TTr-SNV",
        "title": "VỀ VIỆC A",
        "place": "",
        "signed_on": None,
        "signature": {"authority": ["KT. GIÁM ĐỐC"], "title": "", "name": "Trần  Văn B"},
    }
    truth = {
        "number": "629/TTr-SNV",
        "number_symbol": "/TTr-SNV",
        "title": "Về việc a",
        "place": None,
        "signed_on": None,
        "signed_month": "2025-12",
        "signer": "Trần Văn B",
        "authority": ["KT. Giám đốc"],
    }
    score = realdocs.score_metadata(stored, truth)
    assert {name: s["ok"] for name, s in score.items()} == {
        "number": True,
        "number_symbol": True,
        "title": True,
        "place": True,
        "signed_on": False,
        "signer": True,
        "authority": True,
    }
    assert not any(s["ok"] for s in realdocs.score_metadata(None, {"place": None}).values())


def test_outline_counts_take_the_models_style_and_compare_every_key():
    plan = {
        "style": "plan",
        "sections": [
            {
                "kind": "muc",
                "children": [{"kind": "khoan", "children": [{"kind": "diem"}, {"kind": "y"}, {"kind": "doan"}]}],
            }
        ],
    }
    assert realdocs.outline_counts(plan) == {"roman": 1, "arabic": 1, "letter": 1, "dash": 1}
    score = realdocs.score_outline(
        plan, {"style": "plan", "counts": {"roman": 1, "arabic": 1, "letter": 1, "dash": 1, "plus": 2}}
    )
    assert not score["exact"] and score["diffs"] == {"plus": [0, 2]}
    legal = {"style": "legal", "sections": [{"kind": "dieu", "children": [{"kind": "khoan"}]}]}
    assert realdocs.score_outline(legal, {"counts": {"chuong": 0, "dieu": 1, "khoan": 1, "diem": 0}})["exact"]
    assert not realdocs.score_outline(legal, {"style": "none", "counts": {}})["exact"]


def test_phrases_are_looked_for_in_every_stored_string():
    stored = {"preamble": "Căn cứ  Luật\nTổ chức", "tables": [[["Ô một", "ô hai"]]], "sections": []}
    score = realdocs.score_phrases(stored, ["Căn cứ Luật Tổ chức", "ô hai", "không có"])
    assert (score["kept"], score["missing"]) == (2, ["không có"])


def _finding(rule: str, text: str, expected: str = "", severity: str = "error") -> Finding:
    return Finding(rule, "", "", severity, {"section": 1, "paragraph": None, "text": text}, expected, "")


def test_checker_matching_by_rule_place_and_topic():
    truth = {
        "true_errors": [
            {"rule": "ND30-01", "what": "top margin 18 mm", "where": "phần (section) 1"},
            {"rule": "ND30-01", "what": "left margin 28 mm", "where": "phần (section) 1"},
            {
                "rule": "ND30-04",
                "what": "issuer name «ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH» is 14 pt",
                "where": "ỦY BAN NHÂN DÂN",
            },
            {"rule": "ND30-11", "what": "Lưu line must end with a period", "where": "- Lưu: VT, NC."},
        ],
        "not_errors": [
            {"rule": "ND30-04", "what": "rule line under «TỈNH HÀ TĨNH» is present", "where": "TỈNH HÀ TĨNH"}
        ],
        "borderline": [{"rule": "ND30-06", "what": "rule 0.3 of the line", "where": "Tuyên truyền cải cách…"}],
    }
    findings = [
        _finding("ND30-01", "phần (section) 1", "lề trên 20–25 mm"),
        _finding("ND30-01", "phần (section) 1", "lề trái 30–35 mm"),
        _finding("ND30-04", "TỈNH HÀ TĨNH", "Tên cơ quan ban hành: cỡ chữ 12–13 pt"),
        _finding("ND30-04", "TỈNH HÀ TĨNH", "đường kẻ liền dưới tên cơ quan ban hành"),
        _finding("ND30-06", "Tuyên truyền cải cách hành chính năm 2026", "đường kẻ dưới trích yếu"),
        _finding("ND30-05", "Số: /KH-UBND", severity="warning"),
        _finding("ND30-12", "Kính gửi: Sở Nội vụ"),
    ]
    score = realdocs.match_findings(findings, truth)
    assert (score.true_found, score.neutral, len(score.false), score.counted) == (3, 1, 2, 5)
    assert (score.met, score.true_errors) == (3, 4)
    assert [m["rule"] for m in score.missed] == ["ND30-11"]
    assert {f["rule"] for f in score.false} == {"ND30-04", "ND30-12"}


def test_the_whole_run_on_a_made_up_set(tmp_path, capsys):
    files = tmp_path / "files"
    files.mkdir()
    (files / "plan.txt").write_text(PLAN, encoding="utf-8")
    (files / "empty.txt").write_text("", encoding="utf-8")
    truth = [
        _entry(
            "plan.txt",
            "ingest",
            metadata={
                "number": "12/KH-UBND",
                "number_symbol": "/KH-UBND",
                "signer": "Nguyễn Văn An",
                "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
            },
            outline={"style": "plan", "counts": {"roman": 1, "arabic": 1, "letter": 1, "dash": 1}},
            phrases=["Nâng cao nhận thức của cán bộ", "Mỗi cơ quan cử một đại diện"],
        ),
        _entry("empty.txt", "refuse"),
    ]
    (tmp_path / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    assert realdocs.main(["--set", str(tmp_path), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["files"] == 2 and summary["crashes"] == 0
    assert summary["as_expected"]["right"] == 2
    assert all(score["percent"] == 100.0 for score in summary["metadata"].values() if score["total"])
    assert summary["outline_exact"]["percent"] == 100.0
    assert summary["phrases_kept"]["right"] == 2
    assert summary["checker_precision"]["percent"] is None


def test_a_missing_set_is_skipped_with_a_message(tmp_path, capsys):
    assert realdocs.main(["--set", str(tmp_path / "absent")]) == 0
    assert "nothing to score" in capsys.readouterr().out
