"""Section paths are labels, not text: shown joined by " › ", stored and compared label by label."""

from __future__ import annotations

import pytest

from vanban.index.engine import Record
from vanban.index.entries import Entry
from vanban.index.manager import engine_class
from vanban.index.search import search
from vanban.index.section_path import SectionPath

from .conftest import ENGINES

#: A label quoting a heading that itself contains the separator.
QUOTED = "Mục «Nhiệm vụ › Giải pháp»"


def _entry(path: SectionPath, text: str) -> Entry:
    return Entry(
        doc_id="vb-1",
        number="1/KH-UBND",
        doc_type="Kế hoạch",
        doc_title="Kế hoạch thử",
        issuer="UBND tỉnh Hà Tĩnh",
        year=2024,
        signed_on="2024-01-02",
        status="",
        path=path,
        heading="",
        text=text,
        access="cong-khai",
    )


def test_shown_joined_by_the_separator():
    path = SectionPath.of(["Chương II", "Điều 8", "Khoản 1"])
    assert str(path) == "Chương II › Điều 8 › Khoản 1"
    assert str(SectionPath.of([])) == ""


def test_within_compares_whole_labels():
    path = SectionPath.of(["Chương II", "Mục 1", "Điều 8", "Khoản 2", "Điểm a"])
    assert path.within(("Điều 8", "Khoản 2")) and path.within(())
    assert not path.within(("Điều 80",)) and not path.within(("Khoản 1",))
    assert not SectionPath.of([QUOTED]).within(("Giải pháp»",))


@pytest.mark.parametrize("engine_name", ENGINES)
def test_a_label_holding_the_separator_round_trips_through_the_index(tmp_path, engine_name):
    quoted = SectionPath.of(["II", QUOTED, "đoạn 2"])
    plain = SectionPath.of(["III", "1"])
    engine = engine_class(engine_name).create(tmp_path / engine_name)
    engine.add([Record.of(_entry(quoted, "Sản xuất sạch hơn."), 0), Record.of(_entry(plain, "Kinh phí."), 1)])
    assert [e["path"] for e in engine.entries_of("vb-1")] == [quoted, plain]
    hit = search(engine, {}, "sản xuất").hits[0]
    assert hit.section == quoted and hit.section.labels[1] == QUOTED
    assert hit.to_dict()["section"] == "II › Mục «Nhiệm vụ › Giải pháp» › đoạn 2"
    assert hit.to_dict()["section_labels"] == ["II", QUOTED, "đoạn 2"]
    engine.close()
