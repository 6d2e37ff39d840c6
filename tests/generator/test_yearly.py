"""The yearly jobs: tasks of a year, annual plan, results workbooks and report, handouts."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from vanban.generator.checker import check_document
from vanban.generator.compose.document import compose
from vanban.generator.jobs.annual_plan import build_annual_plan
from vanban.generator.jobs.handout import build_handout
from vanban.generator.jobs.plan_tasks import covers, export_tasks, import_tasks, is_recurring, task_key, tasks_for_year
from vanban.generator.jobs.report import STATUSES, draft_report, merge_results, plan_targets, write_results_template
from vanban.generator.jobs.workbook import MAX_LISTED, WorkbookErrors, WorkbookProblem
from vanban.library.errors import VanbanError
from vanban.library.model import Task
from vanban.library.store import Library

from .conftest import ROOT, paragraphs


@pytest.fixture(scope="module")
def library():
    return Library(Path(tempfile.mkdtemp()))


@pytest.fixture(scope="module")
def plan(library):
    return library.get("484/KH-UBND")


def test_period_coverage():
    assert covers("2021-2025", 2023) and covers("2021 - 2025", 2025) and not covers("2021-2025", 2026)
    assert covers("2021", 2021) and not covers("2021", 2022)
    assert covers("Năm 2022, 2024", 2024) and not covers("", 2024)


def _source(plan, task):
    """The plan's task a year's task was taken from."""
    return next(t for t in plan.tasks if task_key(t) == task_key(task))


def test_tasks_for_a_year_inside_the_plan(plan):
    tasks, note = tasks_for_year(plan, 2024)
    assert [t.no for t in tasks] == [str(i) for i in range(1, len(tasks) + 1)]
    assert {t.period for t in tasks} == {"2024"}, "the appendix shows the year, not the plan's period"
    sources = [_source(plan, t) for t in tasks]
    assert all(covers(s.period, 2024) or is_recurring(s) or not s.period for s in sources)
    assert not any(s.group == "2021" for s in sources), "a task of the 2021 group is not recurring in 2024"
    assert len({task_key(t) for t in tasks}) == len(tasks)
    for year in (2021, 2024):
        ocop = [t for t in tasks_for_year(plan, year)[0] if t.content.startswith("Tiếp tục chỉ đạo thực hiện")]
        assert len(ocop) == 1, "the two copies of the OCOP task differ only by a final period"
    assert note.startswith(f"{len(tasks)} nhiệm vụ của 484/KH-UBND cho năm 2024")
    assert "nhiệm vụ I.6" in note and "cần rà soát" in note, "a task without a time is kept and flagged"
    assert any(s.no == "6" and s.group == "2021-2025" for s in sources)


def test_one_explicit_year_is_not_recurring():
    assert is_recurring(Task(group="", no="1", content="x", product="Thường xuyên", period="2021-2025"))
    assert not is_recurring(Task(group="", no="1", content="x", product="Thường xuyên", period="2021"))
    assert is_recurring(Task(group="", no="1", content="x", period="Hằng năm"))


def test_task_key_ignores_case_spacing_and_final_punctuation():
    a = Task(group="", no="1", content="Đẩy mạnh  công tác tuyên truyền OCOP.")
    b = Task(group="", no="2", content="đẩy mạnh công tác tuyên truyền OCOP")
    assert task_key(a) == task_key(b)


def test_year_after_the_plan_keeps_recurring_tasks_and_says_so(plan):
    tasks, note = tasks_for_year(plan, 2026)
    sources = [_source(plan, t) for t in tasks]
    assert tasks and all(is_recurring(s) for s in sources)
    assert not any(s.group == "2021" for s in sources)
    assert len({task_key(t) for t in tasks}) == len(tasks)
    assert "nằm ngoài giai đoạn 2021-2025" in note


def test_task_workbook_round_trip(plan, tmp_path):
    tasks, _ = tasks_for_year(plan, 2024)
    path = export_tasks(tasks, 2024, tmp_path / "nv.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Nhiệm vụ 2024"]
    assert [c.value for c in sheet[1]] == [
        "TT",
        "Nội dung công việc",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Sản phẩm",
        "Thời gian thực hiện",
        "Ghi chú",
    ]
    sheet.cell(row=2, column=3).value = "Sở Tài chính"
    sheet.delete_rows(3)
    sheet.append([None, "Nhiệm vụ mới do đơn vị bổ sung", "Sở Công Thương", None, "Báo cáo", "2024", None])
    workbook.save(path)
    back = import_tasks(path, 2024)
    assert len(back) == len(tasks)
    assert back[0].lead == "Sở Tài chính" and back[1].content == tasks[2].content
    assert (back[-1].no, back[-1].content) == (str(len(tasks)), "Nhiệm vụ mới do đơn vị bổ sung")


def _results(plan, tmp_path: Path, name: str = "kq.xlsx") -> Path:
    path = tmp_path / name
    write_results_template(plan, 2025, path)
    return path


def _edit(path: Path, change) -> Path:
    workbook = load_workbook(path)
    change(workbook)
    workbook.save(path)
    return path


def _answer(number: int, status: str, result: str = "", difficulty: str = "", proposal: str = ""):
    def change(workbook):
        sheet = workbook["Nhiệm vụ"]
        for cell, value in zip(sheet[number + 1][3:7], (status, result, difficulty, proposal), strict=True):
            cell.value = value or None

    return change


def test_results_template(plan, tmp_path):
    workbook = load_workbook(_results(plan, tmp_path))
    tasks = workbook["Nhiệm vụ"]
    assert tasks.max_row == 1 + len(tasks_for_year(plan, 2025)[0])
    validation = tasks.data_validations.dataValidation[0]
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"' and "D2" in str(validation.sqref)
    targets = workbook["Chỉ tiêu"]
    assert [c.value for c in targets[1]] == ["Chỉ tiêu", "Mục tiêu", "Đạt được", "Đơn vị", "Ghi chú"]
    assert [(t.goal, t.unit) for t in plan_targets(plan)] == [
        ("85", "%"),
        ("5-8", "%"),
        ("80", "%"),
        ("01-02", "mô hình"),
        ("85", "%"),
    ]


def test_report_merges_workbooks(library, plan, tmp_path):
    first = _edit(_results(plan, tmp_path, "a.xlsx"), _answer(1, "Hoàn thành", "Ba lớp tập huấn"))
    _edit(first, lambda wb: setattr(wb["Chỉ tiêu"].cell(row=2, column=3), "value", 90))
    second = _edit(
        _results(plan, tmp_path, "b.xlsx"),
        _answer(13, "Đang thực hiện", "", "thiếu kinh phí", "Đề nghị UBND tỉnh bố trí kinh phí"),
    )
    _edit(second, _answer(14, "Chưa thực hiện", "", "Thiếu kinh phí.", "bố trí cán bộ chuyên trách"))
    draft, notes, companions = draft_report(library, "484/KH-UBND", 2025, [first, second])
    assert notes[0] == "3/29 nhiệm vụ có báo cáo từ 2 bảng tính"
    unreported = next(n for n in notes if n.startswith("26 nhiệm vụ chưa có báo cáo"))
    assert unreported.endswith(", 29")
    unreported = companions["-chua-bao-cao.xlsx"](tmp_path / "bc-chua-bao-cao.xlsx")
    sheet = load_workbook(unreported)["Chưa báo cáo"]
    assert sheet.max_row == 1 + 26 and sheet["A2"].value == 2
    document = compose(draft)
    texts = [p.text for p in paragraphs(document)]
    opening = next(t for t in texts if t.startswith("Thực hiện Kế hoạch số 484/KH-UBND"))
    assert opening.startswith(
        "Thực hiện Kế hoạch số 484/KH-UBND ngày 15/12/2020 về thực hiện Chương trình hành động quốc gia"
    ), "the first mention carries the trích yếu"
    assert "của UBND tỉnh Hà Tĩnh" not in opening, "the issuer is not named twice"
    summary = next(t for t in texts if t.startswith("Năm 2025"))
    assert summary == (
        "Năm 2025, trong 29 nhiệm vụ được giao có 3 nhiệm vụ đã báo cáo kết quả: hoàn thành 1 (33,3%); "
        "đang thực hiện 1 (33,3%); chưa thực hiện 1 (33,3%)."
    )
    assert not any("chưa có báo cáo" in t.lower() for t in texts[: texts.index("Nơi nhận:")]), (
        "not told to the Ministry"
    )
    targets = next(t for t in document.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    first = [c.text for c in targets.rows[1].cells]
    assert first[2:] == ["85%", "90%", "Đạt"] and first[1].startswith("85% các huyện")
    assert [c.text for c in targets.rows[2].cells][2:] == ["5-8%", "", "Chưa có số liệu"]
    assert "Bảng 1. Kết quả thực hiện các chỉ tiêu" in texts
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" in texts, "2025 ends the plan: no «năm 2026» of its own"
    assert (
        "- Tiếp tục thực hiện 1 nhiệm vụ đang thực hiện và 1 nhiệm vụ chưa thực hiện (chi tiết tại Phụ lục)." in texts
    )
    assert "- Thu thập, tổng hợp số liệu của 4 chỉ tiêu chưa có số liệu." in texts
    assert texts.count("- Thiếu kinh phí.") == 1, "difficulties as sentences, each once, without (Sở …) tags"
    proposals = texts[texts.index("IV. KIẾN NGHỊ, ĐỀ XUẤT") :]
    assert proposals[1:5] == [
        "1. Đối với UBND tỉnh",
        "- Bố trí kinh phí.",
        "2. Đối với Bộ Công Thương",
        "- Bố trí cán bộ chuyên trách.",
    ], "kiến nghị grouped by the body they address; unaddressed ones go to the report's recipient"
    assert len(document.inline_shapes) == 1
    assert "Hình 1. Tình hình thực hiện nhiệm vụ theo cơ quan chủ trì" in texts
    assert len(document.tables[-1].rows) == 1 + 29
    assert check_document(document).errors == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda wb: setattr(wb["Nhiệm vụ"], "title", "Trang 1"), "không có trang «Nhiệm vụ»"),
        (lambda wb: wb["Nhiệm vụ"].delete_cols(5), "hàng 1: thiếu cột «Kết quả»"),
        (lambda wb: wb["Nhiệm vụ"].insert_rows(1), "hàng 1: thừa 1 hàng phía trên hàng tiêu đề"),
        (_answer(2, "Xong rồi"), "hàng 3, cột «Trạng thái»: «Xong rồi» không có trong danh sách"),
        (_answer(2, "", "Có kết quả"), "hàng 3, cột «Trạng thái»: chưa chọn trạng thái"),
        (
            lambda wb: setattr(wb["Chỉ tiêu"].cell(row=3, column=3), "value", "khoảng 6"),
            "trang «Chỉ tiêu», hàng 3, cột «Đạt được»: «khoảng 6» không phải là số",
        ),
        (lambda wb: setattr(wb["Nhiệm vụ"].cell(row=2, column=1), "value", 99), "cột «TT»: nhiệm vụ số «99»"),
    ],
)
def test_wrong_workbook_is_named_precisely(library, plan, tmp_path, change, words):
    path = _edit(_edit(_results(plan, tmp_path), _answer(1, "Hoàn thành")), change)
    with pytest.raises(VanbanError) as caught:
        draft_report(library, "484/KH-UBND", 2025, [path])
    assert words in caught.value.message and caught.value.path == str(path)


def test_same_task_in_two_workbooks_is_an_error(library, plan, tmp_path):
    first = _edit(_results(plan, tmp_path, "a.xlsx"), _answer(3, "Hoàn thành"))
    second = _edit(_results(plan, tmp_path, "b.xlsx"), _answer(3, "Đang thực hiện"))
    with pytest.raises(VanbanError, match=r"nhiệm vụ số 3 đã được báo cáo ở «a\.xlsx» \(hàng 4\)"):
        draft_report(library, "484/KH-UBND", 2025, [first, second])


def test_every_problem_of_the_workbooks_is_raised_at_once_with_its_cell(library, plan, tmp_path):
    first = _edit(_results(plan, tmp_path, "a.xlsx"), _answer(3, "Hoàn thành"))
    second = _edit(_results(plan, tmp_path, "b.xlsx"), _answer(2, "Xong rồi"))
    _edit(second, _answer(3, "Đang thực hiện"))
    _edit(second, lambda wb: setattr(wb["Chỉ tiêu"].cell(row=3, column=3), "value", "khoảng 6"))
    with pytest.raises(WorkbookErrors) as caught:
        draft_report(library, "484/KH-UBND", 2025, [first, second])
    found = [(p.file, p.sheet, p.row, p.column) for p in caught.value.problems]
    assert found == [
        (second, "Nhiệm vụ", 3, "Trạng thái"),
        (second, "Nhiệm vụ", 4, "TT"),
        (second, "Chỉ tiêu", 3, "Đạt được"),
    ]
    lines = str(caught.value).splitlines()
    assert lines[0] == f"{second}: bảng tính có 3 lỗi (chưa ghi gì; sửa hết rồi làm lại):"
    assert lines[1] == (
        "- trang «Nhiệm vụ», hàng 3, cột «Trạng thái»: «Xong rồi» không có trong danh sách "
        "(Hoàn thành, Đang thực hiện, Chưa thực hiện)."
    )
    assert lines[2].startswith("- trang «Nhiệm vụ», hàng 4, cột «TT»: nhiệm vụ số 3 đã được báo cáo ở «a.xlsx»")
    assert lines[3] == "- trang «Chỉ tiêu», hàng 3, cột «Đạt được»: «khoảng 6» không phải là số."


def test_problems_of_several_files_name_their_file_and_a_long_list_is_cut(library, plan, tmp_path):
    def everything_wrong(workbook):
        for row in range(2, 31):
            workbook["Nhiệm vụ"].cell(row=row, column=4).value = "Xong"
        for row in range(2, 7):
            workbook["Chỉ tiêu"].cell(row=row, column=3).value = "nhiều"

    a = _edit(_results(plan, tmp_path, "a.xlsx"), everything_wrong)
    b = _edit(_results(plan, tmp_path, "b.xlsx"), everything_wrong)
    missing = tmp_path / "khong-co.xlsx"
    with pytest.raises(WorkbookErrors) as caught:
        merge_results([a, b, missing], {str(i) for i in range(1, 30)}, plan_targets(plan))
    error = caught.value
    assert len(error.problems) == 2 * (29 + 5) + 1 and error.path is None
    assert len(error.listed) == MAX_LISTED and error.unlisted == len(error.problems) - MAX_LISTED
    lines = str(error).splitlines()
    assert lines[0].startswith(f"bảng tính có {len(error.problems)} lỗi")
    assert lines[1].startswith(f"- {a}: trang «Nhiệm vụ», hàng 2, cột «Trạng thái»: «Xong»")
    assert len(lines) == 1 + MAX_LISTED + 1 and lines[-1] == f"- và {error.unlisted} lỗi khác."
    assert error.problems[-1] == WorkbookProblem(missing, "không tìm thấy tệp bảng tính.")


def test_task_workbook_problems_are_raised_together(plan, tmp_path):
    tasks, _ = tasks_for_year(plan, 2024)
    path = export_tasks(tasks, 2024, tmp_path / "nv.xlsx")
    workbook = load_workbook(path)
    sheet = workbook["Nhiệm vụ 2024"]
    sheet["B3"].value = None
    sheet["B5"].value = None
    workbook.save(path)
    with pytest.raises(WorkbookErrors) as caught:
        import_tasks(path, 2024)
    assert [(p.sheet, p.row, p.column, p.message) for p in caught.value.problems] == [
        ("Nhiệm vụ 2024", 3, "Nội dung công việc", "để trống."),
        ("Nhiệm vụ 2024", 5, "Nội dung công việc", "để trống."),
    ]


def test_annual_plan_defaults_and_overrides(plan, tmp_path):
    tasks, _ = tasks_for_year(plan, 2024)
    draft = build_annual_plan(plan, 2024, tasks)
    assert [s.title for s in draft.sections[1:]] == [
        "MỤC ĐÍCH, YÊU CẦU",
        "MỤC TIÊU NĂM 2024",
        "NHIỆM VỤ VÀ GIẢI PHÁP",
        "KINH PHÍ THỰC HIỆN",
        "TỔ CHỨC THỰC HIỆN",
    ]
    targets = draft.sections[2].children
    assert targets[0].text.startswith("Phấn đấu đạt các chỉ tiêu của Kế hoạch số 484/KH-UBND")
    assert len(targets) == 6 and targets[1].text.startswith("85% các huyện")
    later = build_annual_plan(plan, 2027, tasks_for_year(plan, 2027)[0])
    [kept_up] = later.sections[2].children
    assert kept_up.text.startswith("Duy trì, phát huy kết quả đã đạt được đối với 5 chỉ tiêu cụ thể")
    assert "85%" not in kept_up.text, "the period's targets are not copied as the year's targets"
    purpose = later.sections[1].children[0].children[0].text
    assert purpose.startswith("Tiếp tục thực hiện các nhiệm vụ thường xuyên") and "nhiệm vụ năm 2027 của" not in purpose
    assert later.appendices[0].title.startswith("Danh mục nhiệm vụ thường xuyên năm 2027 tiếp tục thực hiện")
    assert draft.title.endswith("năm 2024 trên địa bàn tỉnh Hà Tĩnh")
    assert draft.sections[0].text.startswith("Thực hiện Quyết định số 889/QĐ-TTg ngày 24/6/2020")
    assert "và Kế hoạch số 484/KH-UBND ngày 15/12/2020 về thực hiện Chương trình" in draft.sections[0].text
    assert "của UBND tỉnh Hà Tĩnh" not in draft.sections[0].text, "the issuer is not named twice"
    assert len(draft.appendices[0].tables[0].rows) == len(tasks)
    document = compose(draft)
    assert check_document(document).errors == []
    override = tmp_path / "kh.yaml"
    override.write_text("so: 12\nkinh_phi:\n  - Ngân sách tỉnh năm 2024 bố trí 500 triệu đồng.\n", encoding="utf-8")
    changed = build_annual_plan(plan, 2024, tasks, override)
    assert changed.number == 12
    assert [c.text for c in changed.sections[4].children] == ["Ngân sách tỉnh năm 2024 bố trí 500 triệu đồng."]
    wrong = tmp_path / "sai.yaml"
    wrong.write_text("so: 12\nkinh_phi_khac: [x]\n", encoding="utf-8")
    with pytest.raises(VanbanError) as caught:
        build_annual_plan(plan, 2024, tasks, wrong)
    assert caught.value.line == 2 and "kinh_phi_khac" in caught.value.message


HANDOUTS = sorted((ROOT / "examples" / "handouts").glob("*.md"))


@pytest.mark.parametrize("source", HANDOUTS, ids=[p.stem for p in HANDOUTS])
def test_handouts_build_and_check(library, source):
    document = build_handout(source, library)
    texts = [p.text for p in paragraphs(document)]
    assert texts[0] == "SỞ CÔNG THƯƠNG TỈNH HÀ TĨNH" and "TÀI LIỆU TẬP HUẤN" in texts
    assert "MỤC LỤC" in texts and 'TOC \\o "1-3"' in document.element.xml
    assert any(t.startswith("PHỤ LỤC: CÂU HỎI ÔN TẬP") for t in texts) and "Đáp án" in texts
    report = check_document(document)
    assert report.ok and report.scope.startswith("tài liệu"), [f.to_dict() for f in report.errors]


def test_handout_quotation_is_the_library_text(library):
    document = build_handout(ROOT / "examples/handouts/san-xuat-tieu-dung-ben-vung.md", library)
    quotes = [p for p in paragraphs(document) if p.style.name == "VB Trích dẫn"]
    section = library.get("484/KH-UBND").sections[1].children[3]
    assert section.title in [q.text for q in quotes]
    assert all(f"- {c.text}" in [q.text for q in quotes] for c in section.children)
    assert all(q.style.paragraph_format.keep_with_next for q in quotes), "a quotation stays with its citation"
    assert quotes[0].style.paragraph_format.left_indent > 0, "set apart as an indented block"
    sources = [p.text for p in paragraphs(document) if p.style.name == "VB Nguồn trích dẫn"]
    assert "(Kế hoạch số 484/KH-UBND, mục II.4)" in sources


def test_explanatory_notes_are_not_quoted_as_law(library):
    document = build_handout(ROOT / "examples/handouts/san-xuat-sach-hon.md", library)
    sources = [p.text for p in paragraphs(document) if p.style.name == "VB Nguồn trích dẫn"]
    assert sources[0] == (
        "(Sản xuất sạch hơn trong công nghiệp — tài liệu giải thích, mục I.1; không phải văn bản pháp luật)"
    ), "its status said once"


def test_lead_ins_stay_with_what_they_introduce_and_tables_repeat_their_header(library):
    document = build_handout(ROOT / "examples/handouts/san-xuat-sach-hon.md", library)
    lead_in = next(p for p in paragraphs(document) if p.text.endswith("Kế hoạch 484/KH-UBND:"))
    assert lead_in.paragraph_format.keep_with_next
    assert 'w:tblHeader w:val="true"' in document.tables[0].rows[0]._tr.xml


def test_quiz_options_one_per_line_and_answers_on_their_own_page(library):
    document = build_handout(ROOT / "examples/handouts/san-xuat-sach-hon.md", library)
    texts = [p.text for p in paragraphs(document)]
    question = texts.index("1. Sản xuất sạch hơn khác xử lý cuối đường ống ở điểm nào?")
    assert texts[question + 1 : question + 4] == [
        "A. Xử lý chất thải sau khi đã phát sinh",
        "B. Giảm chất thải ngay tại nguồn, trong từng công đoạn",
        "C. Chỉ áp dụng cho doanh nghiệp lớn",
    ]
    before_answers = paragraphs(document)[texts.index("Đáp án") - 1]
    assert 'w:type="page"' in before_answers._p.xml, "the answer key starts a page"


def test_contents_show_page_numbers_and_word_asks_nothing(library):
    from vanban.library.readers import libreoffice

    document = build_handout(ROOT / "examples/handouts/san-xuat-sach-hon.md", library)
    assert "w:updateFields" not in document.settings.element.xml
    assert 'w:dirty="true"' not in document.element.xml.split("TOC", 1)[0][-400:]
    toc = [p.text for p in paragraphs(document) if p.style.name == "VB Mục lục dòng"]
    assert toc[0].startswith("SẢN XUẤT SẠCH HƠN LÀ GÌ")
    if libreoffice() is None:
        pytest.skip("LibreOffice chưa cài: mục lục không có số trang")
    numbers = [int(line.rsplit("\t", 1)[1]) for line in toc]
    assert numbers == sorted(numbers) and numbers[0] == 3 and numbers[-1] > numbers[0]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{{trich 999/KH-UBND II.4}}", "không có văn bản này trong thư viện"),
        ("{{trich 484/KH-UBND IX.9}}", "không có mục «IX.9»"),
        ("{{trich 889/QĐ-TTg Điều 1}}", "chưa có toàn văn"),
    ],
)
def test_bad_quotation_names_the_line(library, tmp_path, line, words):
    source = tmp_path / "tl.md"
    source.write_text(
        f"---\ntieu_de: Thử\nco_quan: Sở Công Thương\n---\n\n# Mở đầu\n\nĐoạn một.\n\n{line}\n", encoding="utf-8"
    )
    with pytest.raises(VanbanError) as caught:
        build_handout(source, library)
    assert words in caught.value.message and caught.value.line == 10


def test_handout_needs_a_title(library, tmp_path):
    source = tmp_path / "tl.md"
    source.write_text("---\nco_quan: Sở Công Thương\n---\n# Mở đầu\n", encoding="utf-8")
    with pytest.raises(VanbanError, match="thiếu trường «tieu_de»"):
        build_handout(source, library)


def test_legal_quotations_are_cited_like_the_decree_writes_them(tmp_path):
    from tests.conftest import shared_path

    library = Library(tmp_path / "data")
    library.add([shared_path("corpus/luat-bvmt-2020_alqac2023-law-json.txt")], {"number": "72/2020/QH14"})
    library.add([shared_path("corpus/official-docx/30_2020_ND_CP.docx")])
    source = tmp_path / "tl.md"
    source.write_text(
        "---\ntieu_de: Thử\nco_quan: Sở Công Thương\n---\n\n{{trich 72/2020/QH14 Điều 146}}\n\n"
        "{{trich 72/2020/QH14 146.2}}\n\n{{trich 30/2020/NĐ-CP Điều 8.2.a}}\n",
        encoding="utf-8",
    )
    built = paragraphs(build_handout(source, library))
    quotes = [p.text for p in built if p.style.name == "VB Trích dẫn"]
    sources = [p.text for p in built if p.style.name == "VB Nguồn trích dẫn"]
    assert quotes[0] == "Mua sắm xanh" and quotes[1].startswith("1. Mua sắm xanh là việc mua sắm")
    assert quotes[-1] == "Quốc hiệu và Tiêu ngữ."
    assert sources == [
        "(Điều 146 Luật Bảo vệ môi trường số 72/2020/QH14)",
        "(khoản 2 Điều 146 Luật Bảo vệ môi trường số 72/2020/QH14)",
        "(điểm a khoản 2 Điều 8 Nghị định số 30/2020/NĐ-CP)",
    ]


def test_targets_short_of_the_goal_carry_into_next_year(library, plan, tmp_path):
    path = _edit(_results(plan, tmp_path), _answer(1, "Hoàn thành"))

    def achieved(workbook):
        sheet = workbook["Chỉ tiêu"]
        sheet.cell(row=3, column=3).value = 6  # 5-8 %: reached from 5
        sheet.cell(row=4, column=3).value = 70  # 80 %: not reached

    draft, _notes, _companions = draft_report(library, "484/KH-UBND", 2025, [_edit(path, achieved)])
    texts = [p.text for p in paragraphs(compose(draft))]
    table = next(t for t in compose(draft).tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    assert [r.cells[4].text for r in table.rows[1:4]] == ["Chưa có số liệu", "Đạt", "Chưa đạt"]
    assert any(t.startswith("- Phấn đấu đạt chỉ tiêu: 80% các khu kinh tế") for t in texts)


def test_workbook_declaring_a_huge_range_is_read_as_far_as_its_data(plan, tmp_path):
    from openpyxl.styles import Font

    path = _results(plan, tmp_path)
    workbook = load_workbook(path)
    sheet = workbook["Nhiệm vụ"]
    sheet["A1048576"].font = Font(bold=True)  # a styled empty cell: the sheet declares a million rows
    sheet.cell(row=2000, column=16384).value = None
    workbook.save(path)
    assert len(merge_results([path], {str(i) for i in range(1, 30)}, plan_targets(plan)).answers) == 0


def test_yaml_bomb_in_a_draft_input_names_the_file(tmp_path):
    from tests.library.test_limits import LAUGHS

    source = tmp_path / "bom.yaml"
    source.write_text(LAUGHS, encoding="utf-8")
    with pytest.raises(VanbanError) as refused:
        build_annual_plan(Library(tmp_path / "d").get("484/KH-UBND"), 2026, [], source)
    assert refused.value.path == str(source) and "tham chiếu" in refused.value.message


def test_closing_report_of_the_period_from_the_yearly_workbooks(library, plan, tmp_path):
    from vanban.generator.jobs.period_report import draft_period_report

    def year_book(year: int, *answers) -> Path:
        path = tmp_path / f"kq-{year}.xlsx"
        write_results_template(plan, year, path)
        for answer in answers:
            _edit(path, answer)
        return path

    tasks_2023 = tasks_for_year(plan, 2023)[0]
    tasks_2025 = tasks_for_year(plan, 2025)[0]
    same = next(t for t in tasks_2025 if task_key(t) == task_key(tasks_2023[0]))
    first = year_book(2023, _answer(1, "Đang thực hiện", "", "Thiếu kinh phí"))
    last = year_book(2025, _answer(int(same.no), "Hoàn thành", "Xong"))
    draft, notes = draft_period_report(library, "484/KH-UBND", [first, last], None, None)
    assert draft.title == "Tổng kết thực hiện Kế hoạch số 484/KH-UBND giai đoạn 2021-2025"
    titles = [s.title for s in draft.sections[1:]]
    assert titles[2] == "Phương hướng giai đoạn tiếp theo", "no «năm 2026» for a plan that has ended"
    years = draft.figures[0].spec.rows
    assert [r[0] for r in years] == ["2023", "2025", "Cả giai đoạn"]
    assert years[0][3:] == ["0", "1", "0"] and years[1][3:] == ["1", "0", "0"]
    assert years[2][3] == "1", "a task's period result is its status in the last year it was reported"
    assert "chưa có bảng tính của năm 2021, 2022, 2024" in notes[1]
    assert check_document(compose(draft)).errors == []


def test_the_last_years_report_points_to_the_closing_report(library, plan, tmp_path):
    draft, notes, _companions = draft_report(library, "484/KH-UBND", 2025, [_results(plan, tmp_path)])
    assert draft.sections[3].title == "Phương hướng, nhiệm vụ thời gian tới"
    assert any("--period" in n for n in notes)


def test_a_workbook_without_its_year_is_refused_for_the_closing_report(library, tmp_path):
    from openpyxl import Workbook

    from vanban.generator.jobs.period_report import draft_period_report

    path = tmp_path / "tu-lam.xlsx"
    Workbook().save(path)
    with pytest.raises(VanbanError, match="không rõ bảng tính báo cáo năm nào"):
        draft_period_report(library, "484/KH-UBND", [path], None, None)
