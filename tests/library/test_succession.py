import datetime as dt
import tomllib
from pathlib import Path

import pytest
import yaml

from vanban.library.errors import VanbanError
from vanban.library.succession import KINDS, entries, outdated_mentions, parse_entries, status_of
from vanban.library.vietnamese import nfc

ROOT = Path(__file__).resolve().parents[2]
IN_2026 = dt.date(2026, 3, 10)


def only(text, on=IN_2026):
    found = outdated_mentions(text, on)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "successor"),
    [
        ("Giám đốc Sở Tài nguyên và Môi trường tỉnh", "Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("giam doc so tai nguyen va moi truong tinh", "so tai nguyen va moi truong", "Sở Nông nghiệp và Môi trường"),
        ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Tài chính"),
        ("Sở TN&MT chủ trì", "Sở TN&MT", "Sở Nông nghiệp và Môi trường"),
        ("Sở LĐ - TB & XH", "Sở LĐ - TB & XH", "Sở Nội vụ"),
        ("so lao dong, thuong binh va xa hoi", "so lao dong, thuong binh va xa hoi", "Sở Nội vụ"),
        ("Bộ Giao thông vận tải", "Bộ Giao thông vận tải", "Bộ Xây dựng"),
        ("bo thong tin va truyen thong", "bo thong tin va truyen thong", "Bộ Khoa học và Công nghệ"),
        ("Chủ tịch UBND các huyện, thị xã, thành phố", "UBND các huyện, thị xã, thành phố", "UBND các xã, phường"),
        ("uy ban nhan dan cac huyen, thi xa", "uy ban nhan dan cac huyen, thi xa", "UBND các xã, phường"),
        ("II. LỚP CẤP HUYỆN", "CẤP HUYỆN", "cấp xã (các xã, phường)"),
    ],
)
def test_bodies_with_and_without_diacritics(text, words, successor):
    found = only(text)
    assert found.entry.kind == "co_quan"
    assert (found.text, found.entry.successor) == (words, successor)
    assert nfc(text)[found.span[0] : found.span[1]] == words


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "can cu luat to chuc chinh quyen dia phuong ngay 19/6/2015",
        "Căn cứ Luật số 77/2015/QH13",
    ],
)
def test_replaced_law_with_and_without_diacritics(text):
    found = only(text)
    assert found.entry.kind == "van_ban"
    assert found.entry.successor == "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
    assert "hết hiệu lực từ 01/03/2025" in found.message
    assert "65/2025/QH15" in found.message


def test_message_names_date_source_and_successor():
    message = only("Sở Tài nguyên và Môi trường").message
    assert message == (
        "«Sở Tài nguyên và Môi trường» không còn từ 01/03/2025 "
        "(Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ): nay là Sở Nông nghiệp và Môi trường."
    )


def test_overlapping_spellings_reported_once_as_the_longest():
    found = only("UBND cấp huyện")
    assert found.entry.name == "UBND các huyện, thị xã, thành phố"


def test_word_boundaries():
    assert outdated_mentions("Sở GTVTX", IN_2026) == []
    assert outdated_mentions("số 177/2015/QH13", IN_2026) == []


def test_nothing_before_the_change():
    text = "Sở Tài nguyên và Môi trường; UBND các huyện, thị xã, thành phố; Luật số 77/2015/QH13"
    assert outdated_mentions(text, dt.date(2025, 2, 28)) == []
    later = outdated_mentions(text, dt.date(2025, 3, 1))
    assert [m.entry.kind for m in later] == ["co_quan", "van_ban"]  # the districts last until 30/6/2025
    assert len(outdated_mentions(text, dt.date(2025, 7, 1))) == 3


@pytest.mark.parametrize(
    "text",
    [
        "Sở Nông nghiệp và Môi trường; Sở Tài chính; Sở Nội vụ; Bộ Xây dựng",
        "UBND các xã, phường",
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư",
    ],
)
def test_current_names_get_nothing(text):
    assert outdated_mentions(text, IN_2026) == []


def test_status_of():
    old = status_of("Luật số 80/2015/QH13", IN_2026)
    assert old.replaced and old.status == "hết hiệu lực"
    assert old.successor.startswith("Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15")
    assert "64/2025/QH15" in old.source
    assert status_of("80/2015/qh13", dt.date(2024, 1, 1)).status == "còn hiệu lực"
    assert status_of("65/2025/QH15", dt.date(2025, 6, 16)).replaced
    assert status_of("30/2020/NĐ-CP", IN_2026) is None
    assert status_of("Sở Tài nguyên và Môi trường", IN_2026) is None


def test_every_entry_has_kind_date_source_and_successor():
    known = entries()
    assert len(known) >= 15
    names = [e.name for e in known]
    assert len(names) == len(set(names))
    for entry in known:
        assert entry.kind in KINDS
        assert dt.date(2025, 1, 1) <= entry.until <= dt.date(2025, 12, 31), entry.name
        assert entry.source and entry.successor, entry.name
        assert any(word in entry.source for word in ("Luật", "Nghị định", "Nghị quyết")), entry.name
        assert "http" not in entry.source + entry.note and ".vn" not in entry.source + entry.note
        for text in (entry.name, entry.successor, entry.source, entry.note, *entry.aliases):
            assert text == nfc(text)
        if entry.kind == "van_ban":
            assert entry.numbers, entry.name
        assert outdated_mentions(entry.successor, IN_2026) == [], entry.name


def _entry(**changes):
    base = {
        "kind": "co_quan",
        "name": "Sở A",
        "until": "2025-02-28",
        "successor": "Sở B",
        "source": "Nghị định số 1/2025/NĐ-CP",
    }
    base.update(changes)
    return yaml.safe_dump([base], allow_unicode=True)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_entry(kind="bo"), "«kind» phải là một trong: co_quan, van_ban"),
        (_entry(source=None), "thiếu khóa «source»"),
        (_entry(until="28/02/2025"), "«until» = «28/02/2025» không phải ngày"),
        (_entry(aliases="Sở A1"), "«aliases» phải là danh sách"),
        (_entry(successer="Sở B"), "không có khóa «successer»"),
        ("- just text\n", "phải là một bảng"),
        ("kind: co_quan\n", "phải là một danh sách"),
    ],
)
def test_malformed_data_gives_vietnamese_error(data, words):
    with pytest.raises(VanbanError, match=words) as caught:
        parse_entries(data, "thu.yaml")
    assert caught.value.path == "thu.yaml"


def test_error_names_the_entry():
    with pytest.raises(VanbanError, match=r"mục thứ 1 \(«Sở A»\)"):
        parse_entries(_entry(until="không rõ"))


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


PROFILES = sorted((ROOT / "templates" / "profiles").glob("*.toml"))
SHIPPED = PROFILES + sorted((ROOT / "examples" / "draft").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_profiles_and_examples_are_current_for_2026(path):
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    found = [m.message for s in _strings(data) for m in outdated_mentions(s, dt.date(2026, 1, 1))]
    found += [m.message for m in outdated_mentions(text, dt.date(2026, 1, 1))]  # comments too
    assert found == []


def test_shipped_files_exist():
    assert len([p for p in SHIPPED if p.suffix == ".toml"]) >= 2
    assert len([p for p in SHIPPED if p.suffix == ".yaml"]) >= 5
