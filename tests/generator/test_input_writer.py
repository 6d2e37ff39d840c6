"""`input_writer.input_data`: a built `Draft` written as the drafting YAML reads back into the same
document — the annual plan the wizard makes becomes a draft the văn thư can number."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from docx import Document

from vanban.generator.compose.document import compose
from vanban.generator.compose.input_writer import input_data
from vanban.generator.compose.inputs import load_draft
from vanban.generator.jobs.annual_plan import build_annual_plan
from vanban.generator.jobs.plan_tasks import tasks_for_year
from vanban.library.errors import VanbanError
from vanban.library.model import Section, SectionKind, Signature
from vanban.library.store import Library

from .conftest import example_draft, paragraphs


@pytest.fixture(scope="module")
def plan():
    return Library(Path(tempfile.mkdtemp())).get("484/KH-UBND")


def printed(document) -> list[tuple[str, str]]:
    """Every paragraph of the document, table cells included, with its style: what a reader sees."""
    return [(p.style.name if p.style is not None else "", p.text) for p in paragraphs(document)]


def _read_back(data: dict, tmp_path: Path, kind: str = "ke-hoach"):
    path = tmp_path / "du-thao.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")
    return load_draft(path, kind)


@pytest.mark.parametrize("year", [2024, 2026])
def test_annual_plan_round_trip_gives_the_same_document(plan, tmp_path, year):
    """Draft → YAML → new_draft → compose: every paragraph and table cell, with its style, equal to
    the wizard's document, inside the plan's period (targets listed) and after it (kept up)."""
    tasks, _note = tasks_for_year(plan, year)
    built = build_annual_plan(plan, year, tasks)
    data = input_data(built)
    assert data["ho_so"] == "ubnd-tinh-ha-tinh" and data["nguoi_ky"] == "pho-chu-tich" and data["nam"] == year
    assert "so" not in data and "ngay" not in data, "the văn thư gives the number and the date"
    [appendix] = data["phu_luc"]
    assert len(appendix["bang"][0]["dong"]) == len(tasks), "the task table is the appendix's table"
    funding = data["noi_dung"][4]
    assert funding["tieu_de"] == "KINH PHÍ THỰC HIỆN"
    assert all("tieu_de" not in clause and clause["van_ban"] for clause in funding["noi_dung"]), (
        "the plan's numbered clauses without a title stay numbered paragraphs"
    )
    again = _read_back(data, tmp_path)
    expected, got = printed(compose(built)), printed(compose(again))
    assert len(expected) > 150
    assert got == expected
    assert ("VB Nội dung", "1. " + funding["noi_dung"][0]["van_ban"]) in got, "not a bold heading"


def test_the_rebuilt_plan_round_trips_too(tmp_path):
    """A library plan rebuilt as a draft (`jobs/rebuild`) is another outline the writer keeps whole."""
    from .conftest import plan_draft

    built = plan_draft()
    assert printed(compose(_read_back(input_data(built), tmp_path))) == printed(compose(built))


def test_signer_outside_the_profile_is_written_out(tmp_path):
    built = example_draft("ke-hoach")
    other = replace(built, signer=Signature(authority=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name="Lê Văn D"))
    data = input_data(other)
    assert data["nguoi_ky"] == {"quyen_han": ["KT. GIÁM ĐỐC"], "chuc_vu": "PHÓ GIÁM ĐỐC", "ho_ten": "Lê Văn D"}
    assert data["so"] == 5 and data["ngay"] == "2026-01-15"
    assert printed(compose(_read_back(data, tmp_path))) == printed(compose(other))


def test_a_document_the_yaml_cannot_hold_is_refused():
    built = example_draft("ke-hoach")
    renumbered = replace(built, sections=[Section("3", SectionKind.CLAUSE, title="Khoản lạc chỗ"), *built.sections])
    with pytest.raises(VanbanError, match="không giữ được nguyên văn bản: dòng «3. Khoản lạc chỗ»"):
        input_data(renumbered)
    elsewhere = replace(built, agency=replace(built.agency, full_name="Sở Không Có"))
    with pytest.raises(VanbanError, match="«Sở Không Có» không phải một hồ sơ cơ quan có sẵn"):
        input_data(elsewhere)


def test_a_heading_needs_a_title_or_its_paragraph(tmp_path):
    path = tmp_path / "dau-vao.yaml"
    path.write_text("trich_yeu: Thử\nnoi_dung:\n  - tieu_de: Một\n    noi_dung:\n      - {}\n", encoding="utf-8")
    with pytest.raises(VanbanError) as caught:
        load_draft(path, "ke-hoach")
    assert caught.value.line == 5 and "noi_dung › 1 › noi_dung › 1" in caught.value.message
    path.write_text(
        "trich_yeu: Thử\nnoi_dung:\n  - tieu_de: Một\n    noi_dung:\n      - van_ban: Đoạn được đánh số.\n",
        encoding="utf-8",
    )
    document = compose(load_draft(path, "ke-hoach"))
    assert ("VB Nội dung", "1. Đoạn được đánh số.") in printed(document)


def test_printed_sees_table_cells():
    """The comparison above is only as good as this: a cell's text is among the paragraphs."""
    document = Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "ô"
    assert ("Normal", "ô") in printed(document)
