"""The drafts store: each user's drafts kept as YAML, only their owner sees them, the văn thư only
the ones sent for a number, and every change is in the audit log.

Every test runs on both databases (the `office` fixture: the SQLite file, a PostgreSQL schema)."""

from __future__ import annotations

import datetime

import pytest

from vanban.library.errors import VanbanError
from vanban.office.audit import AuditLog
from vanban.office.drafts import EDITING, NUMBERED, WAITING, DraftNotFound, Drafts

TEXT = "trich_yeu: đôn đốc báo cáo\nnoi_dung:\n  - Một đoạn.\n"


@pytest.fixture
def drafts(office) -> Drafts:
    return office(Drafts)


def test_create_save_reopen_from_a_new_store_object(drafts, office):
    made = drafts.create("an", "cong-van", "đôn đốc báo cáo", TEXT)
    drafts.save(made.id, "an", "đôn đốc báo cáo gấp", TEXT + "ket_thuc: Trân trọng.\n")
    again = office(Drafts).get(made.id, "an")  # as after a restart: only the database remains
    assert again.yaml.endswith("ket_thuc: Trân trọng.\n")
    assert again.title == "đôn đốc báo cáo gấp" and again.status == EDITING and again.kind == "cong-van"


def test_another_user_cannot_see_change_or_delete(drafts):
    made = drafts.create("an", "cong-van", "x", TEXT)
    with pytest.raises(DraftNotFound):
        drafts.get(made.id, "binh")
    with pytest.raises(DraftNotFound):
        drafts.save(made.id, "binh", "y", TEXT)
    with pytest.raises(DraftNotFound):
        drafts.delete(made.id, "binh")
    assert drafts.mine("binh") == [] and [d.id for d in drafts.mine("an")] == [made.id]


def test_list_newest_first_duplicate_and_delete(drafts):
    first = drafts.create("an", "ke-hoach", "một", TEXT)
    second = drafts.create("an", "bao-cao", "hai", TEXT)
    drafts.save(first.id, "an", "một (sửa)", TEXT)
    copy = drafts.duplicate(second.id, "an", TEXT)
    assert copy.id not in (first.id, second.id) and copy.kind == "bao-cao" and copy.title == "hai"
    ids = [d.id for d in drafts.mine("an")]
    assert set(ids) == {first.id, second.id, copy.id}
    drafts.delete(first.id, "an")
    with pytest.raises(DraftNotFound):
        drafts.get(first.id, "an")


def test_send_for_number_locks_then_numbered(drafts):
    made = drafts.create("an", "cong-van", "x", TEXT)
    drafts.send_for_number(made.id, "an")
    assert [d.id for d in drafts.waiting()] == [made.id]
    with pytest.raises(VanbanError, match="chờ văn thư"):
        drafts.save(made.id, "an", "x", TEXT)
    with pytest.raises(VanbanError, match="Rút lại"):
        drafts.delete(made.id, "an")
    drafts.claim(made.id, "van.thu")
    with pytest.raises(VanbanError, match="văn thư khác"):
        drafts.claim(made.id, "van.thu.2")
    with pytest.raises(VanbanError, match="không còn chờ"):
        drafts.numbered(made.id, "van.thu.2", TEXT, "Số: 08/UBND-KT")
    done = drafts.numbered(made.id, "van.thu", "so: 7\n" + TEXT, "Số: 07/UBND-KT")
    assert done.status == NUMBERED and done.yaml.startswith("so: 7") and done.numbered_by == "van.thu"
    assert drafts.waiting() == []
    with pytest.raises(VanbanError, match="đã được cấp số"):
        drafts.save(made.id, "an", "x", TEXT)
    with pytest.raises(VanbanError, match="không còn chờ"):
        drafts.numbered(made.id, "van.thu", TEXT, "Số: 08/UBND-KT")


def test_withdraw_returns_to_editing_and_clerk_cannot_number_it(drafts):
    made = drafts.create("an", "cong-van", "x", TEXT)
    drafts.send_for_number(made.id, "an")
    assert drafts.withdraw(made.id, "an").status == EDITING
    with pytest.raises(DraftNotFound):
        drafts.waiting_one(made.id)
    with pytest.raises(VanbanError, match="không còn chờ"):
        drafts.claim(made.id, "van.thu")
    assert drafts.get(made.id, "an").status == EDITING
    drafts.send_for_number(made.id, "an")
    drafts.claim(made.id, "van.thu")
    drafts.release(made.id)
    assert drafts.waiting_one(made.id).status == WAITING


def test_every_change_is_audited(drafts, office):
    made = drafts.create("an", "cong-van", "đôn đốc", TEXT)
    drafts.save(made.id, "an", "đôn đốc", TEXT)
    drafts.send_for_number(made.id, "an")
    drafts.claim(made.id, "van.thu")
    drafts.numbered(made.id, "van.thu", TEXT, "Số: 01/UBND")
    actions = [(e.actor, e.action, e.target) for e in reversed(office(AuditLog).entries())]
    assert actions == [
        ("an", "tạo dự thảo", made.id),
        ("an", "lưu dự thảo", made.id),
        ("an", "gửi văn thư lấy số", made.id),
        ("van.thu", "cấp số cho dự thảo", made.id),
    ]


def test_a_refused_change_leaves_nothing(drafts, office):
    made = drafts.create("an", "cong-van", "x", TEXT)
    with pytest.raises(VanbanError, match="quá lớn"):
        drafts.save(made.id, "an", "x", "a" * (3 * 1024 * 1024))
    assert drafts.get(made.id, "an").yaml == TEXT
    assert len(office(AuditLog).entries()) == 1


class _Clock:
    """A clock the test moves by hand (the audit's once-per-quarter-hour depends on it)."""

    def __init__(self):
        self.now = datetime.datetime(2026, 3, 5, 8, 0, tzinfo=datetime.UTC)

    def __call__(self) -> datetime.datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += datetime.timedelta(minutes=minutes)


def test_autosave_is_audited_once_per_draft_per_quarter_hour_with_the_count(office):
    clock = _Clock()
    drafts = office(Drafts, clock=clock)
    made = drafts.create("an", "cong-van", "x", TEXT)
    for _ in range(8):  # eight pauses in typing within two minutes
        drafts.save(made.id, "an", "x", TEXT, session="phien-1")
        clock.advance(0.25)
    saved = [e for e in office(AuditLog).entries() if e.action == "lưu dự thảo"]
    assert len(saved) == 1, "only the first save of the session"
    clock.advance(15)
    drafts.save(made.id, "an", "x", TEXT, session="phien-1")
    saved = [e for e in office(AuditLog).entries() if e.action == "lưu dự thảo"]
    assert len(saved) == 2 and saved[0].detail == "x (8 lần lưu kể từ dòng nhật ký trước)"
    drafts.save(made.id, "an", "x", TEXT, session="phien-2")  # another login: written at once
    drafts.send_for_number(made.id, "an")  # never held back
    actions = [e.action for e in reversed(office(AuditLog).entries())]
    assert actions == ["tạo dự thảo", "lưu dự thảo", "lưu dự thảo", "lưu dự thảo", "gửi văn thư lấy số"]
    assert drafts.get(made.id, "an").yaml == TEXT  # every save was kept, only the log is shorter


def test_the_clerk_returns_a_waiting_draft_with_a_reason(drafts, office):
    made = drafts.create("an", "cong-van", "x", TEXT)
    with pytest.raises(DraftNotFound):  # not waiting: not the văn thư's to return
        drafts.return_to_author(made.id, "van.thu", "sai")
    drafts.send_for_number(made.id, "an")
    with pytest.raises(VanbanError, match="Cần ghi lý do"):
        drafts.return_to_author(made.id, "van.thu", "  ")
    returned = drafts.return_to_author(made.id, "van.thu", "Thiếu nơi nhận Sở Tài chính.")
    assert returned.status == EDITING and returned.returned_by == "van.thu"
    assert drafts.mine("an")[0].returned_reason == "Thiếu nơi nhận Sở Tài chính."
    assert drafts.waiting() == []
    drafts.save(made.id, "an", "x", TEXT)  # editable again
    drafts.send_for_number(made.id, "an")
    assert drafts.get(made.id, "an").returned_reason == ""  # sent again: the old reason is done with
    entry = next(e for e in office(AuditLog).entries() if e.action == "văn thư trả lại dự thảo")
    assert (entry.actor, entry.target, entry.detail) == ("van.thu", made.id, "Thiếu nơi nhận Sở Tài chính.")


def test_two_requests_making_one_new_draft_make_one(drafts):
    """The new-draft page hands out the id: an autosave and «Lưu» racing to make it get one draft."""
    first = drafts.create("an", "cong-van", "đôn đốc", TEXT, draft_id="A" * 16)
    second = drafts.create("an", "cong-van", "đôn đốc", TEXT + "ket_thuc: Trân trọng.\n", draft_id="A" * 16)
    assert second.id == first.id == "A" * 16 and second.yaml == TEXT, "the second is told, not written"
    assert [d.id for d in drafts.mine("an")] == ["A" * 16]
    with pytest.raises(VanbanError, match="đã được dùng"):
        drafts.create("binh", "cong-van", "khác", TEXT, draft_id="A" * 16)
    with pytest.raises(VanbanError, match="không hợp lệ"):
        drafts.create("an", "cong-van", "x", TEXT, draft_id="../../etc")
