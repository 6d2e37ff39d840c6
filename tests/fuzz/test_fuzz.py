"""Fuzzing the parts that read what users type or send: no crash, no hang, no English traceback —
only results or a Vietnamese `VanbanError`. Bounded in the normal test run (VANBAN_FUZZ_EXAMPLES,
default 40 per target); `make fuzz` runs many more. Examples that once failed are kept below with
`@example` so they are tried on every run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vanban.index.query import parse_query
from vanban.library.citations import find_citations
from vanban.library.errors import VanbanError
from vanban.library.readers import read_file
from vanban.library.safe_yaml import load_yaml
from vanban.library.structure import parse_text

EXAMPLES = int(os.environ.get("VANBAN_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Text that looks like what offices write: Vietnamese letters, numbers, the punctuation of số hiệu.
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 /-.,;:()\"'«»\n\t§–—…₂[]*#|&<>\\"
official_text = st.text(alphabet=ALPHABET, max_size=400)
numbers = st.builds(
    lambda a, b, c, d: f"{a}{b}/{c}-{d}",
    st.integers(0, 99999),
    st.sampled_from(["", "a", "-12", "/2010"]),
    st.sampled_from(["QĐ", "KH", "PT", "NĐ", "TT", "ttlt", ""]),
    st.text(alphabet="ABCĐUNDHTX0123456789-", max_size=12),
)


@FUZZ
@given(official_text)
@example("130-12/PT-NC ngày 5/5/2012")
@example("Điều 8 khoản 2 điểm đ Nghị định 30/2020/NĐ-CP và 01a/QĐ-UBND, 15/2010/QĐ-UBND")
def test_citations_never_crash_and_point_into_the_text(text):
    for citation in find_citations(text, known_numbers=("484/KH-UBND", "130-12/PT-NC")):
        start, end = citation.span
        assert 0 <= start <= end <= len(text)


@FUZZ
@given(numbers, official_text)
@example("0-12/QĐ-", "PL")  # found by this fuzzer: "0-12" read as the serial number crashed
@example("130-12/PT-NC", "")
def test_numbers_of_any_shape_are_cited_without_crashing(number, text):
    find_citations(f"{text} số {number} {text}", known_numbers=(number,))


@FUZZ
@given(official_text)
@example('"')
@example("-")
@example("OR OR NOT -")
def test_query_parser_takes_anything(text):
    parse_query(text)


@FUZZ
@given(official_text)
def test_structure_parser_takes_anything(text):
    document = parse_text(text)
    assert isinstance(document.sections, list)


yaml_like = st.text(alphabet=ALPHABET + "&!{}%@`?", max_size=300)


@FUZZ
@given(yaml_like)
@example("a: &a [*a]")
@example("!!python/object:os.system ls")
def test_yaml_loader_returns_data_or_a_vietnamese_error(text):
    try:
        load_yaml(text)
    except VanbanError as error:
        assert not error.message.isascii(), "said in Vietnamese"


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".docx", ".pdf", ".json", ".doc", ".rtf"]))
def test_readers_take_any_bytes(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tep{suffix}"
        path.write_bytes(data)
        try:
            read_file(path)
        except VanbanError as error:
            assert str(path) in str(error)


@FUZZ
@given(yaml_like)
def test_draft_inputs_take_any_text(text):
    from vanban.generator.compose.inputs import load_draft

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dau-vao.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            load_draft(path, "ke-hoach")
        except VanbanError as error:
            assert str(path) in str(error)


cells = st.one_of(st.none(), st.integers(-5, 100), st.floats(allow_nan=True), official_text)


@settings(max_examples=max(5, EXAMPLES // 4), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.lists(cells, min_size=1, max_size=8), max_size=8))
def test_results_workbooks_take_any_cells(rows):
    from openpyxl import Workbook

    from vanban.generator.jobs.report import RESULT_COLUMNS, merge_results

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ket-qua.xlsx"
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Nhiệm vụ"
        sheet.append([column.name for column in RESULT_COLUMNS])
        for row in rows:
            sheet.append([c if not isinstance(c, str) else c[:200] for c in row])
        targets = workbook.create_sheet("Chỉ tiêu")
        targets.append(["Chỉ tiêu", "Mục tiêu", "Đạt được", "Đơn vị", "Ghi chú"])
        workbook.save(path)
        try:
            merge_results([path], {str(i) for i in range(1, 10)}, [])
        except VanbanError as error:
            assert str(path) in str(error)
