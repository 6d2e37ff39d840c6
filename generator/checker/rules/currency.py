"""Whether the document names bodies and texts that still exist on its own date: after the 2025
reorganisation, drafts copied from older documents keep naming "UBND các huyện" or citing the
2015 Luật Tổ chức chính quyền địa phương. A warning, with what replaces each and the legal text
that made the change (the facts are `vanban.library.succession`'s data)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

from vanban.generator.checker.anatomy import DOCUMENT, Anatomy
from vanban.generator.checker.rules.registry import WARNING, Issue, rule
from vanban.library.succession import outdated_mentions

_DATE = re.compile(r"ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})?\s*năm\s+(\d{4})")


def document_date(anatomy: Anatomy) -> _dt.date:
    """The date line's date; a blank day or month (a draft) counts as the end of that period, no
    date line as today — the latest day the document could bear."""
    found = _DATE.search(anatomy.date.clean) if anatomy.date is not None else None
    if not found:
        return _dt.date.today()
    day, month, year = found.groups()
    if not month:
        return _dt.date(int(year), 12, 31)
    if not day:
        following = _dt.date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        return following - _dt.timedelta(days=1)
    try:
        return _dt.date(int(year), int(month), int(day))
    except ValueError:
        return _dt.date.today()


@rule("HL-01", "NQ 176/2025/QH15, NĐ 45/2025/NĐ-CP, Luật 72/2025/QH15…", "Cơ quan, văn bản còn tồn tại, còn hiệu lực")
def current_bodies_and_texts(anatomy: Anatomy) -> Iterable[Issue]:
    if anatomy.kind != DOCUMENT:
        return
    on = document_date(anatomy)
    seen: set[str] = set()
    for block in anatomy.doc.blocks:
        for mention in outdated_mentions(block.clean, on):
            if mention.entry.name in seen:
                continue
            seen.add(mention.entry.name)
            yield Issue(block.where(), mention.entry.successor, mention.message, WARNING)
