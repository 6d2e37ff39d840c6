"""Write the default body templates templates/<type>.docx (docxtpl).

Run once to (re)create the shipped defaults: `python scripts/make_templates.py`. Officials then
edit the wording and styles in Word; the generator keeps whatever they change.
"""

from __future__ import annotations

from pathlib import Path

import docx

from vanban.generator.compose.document import docx_bytes  # noqa: E402
from vanban.generator.compose.model import KINDS  # noqa: E402
from vanban.generator.compose.styles import STYLES, install_styles  # noqa: E402
from vanban.library.atomic import atomic_write_bytes  # noqa: E402

BODY_KINDS = (
    ("muc", "VBMuc"),
    ("khoan", "VBKhoan"),
    ("dieu", "VBDieu"),
    ("chuong", "VBChuong"),
    ("ten_chuong", "VBTenChuong"),
)


def _style(document, style_id: str):
    return document.styles[STYLES[style_id].name]


def _add(document, text: str, style_id: str = "VBNoiDung"):
    return document.add_paragraph(text, style=_style(document, style_id))


def _bold_label(document, label: str, rest: str) -> None:
    paragraph = _add(document, "")
    paragraph.add_run(label).bold = True
    paragraph.add_run(rest)


def _legal_basis(document) -> None:
    _add(document, "{%p for c in can_cu %}")
    _add(document, "{{ c }}", "VBCanCu")
    _add(document, "{%p endfor %}")


def _outline(document) -> None:
    _add(document, "{%p for d in noi_dung %}")
    for index, (kind, style_id) in enumerate(BODY_KINDS):
        _add(document, f'{{%p {"if" if index == 0 else "elif"} d.kieu == "{kind}" %}}')
        _add(document, "{{ d.dong }}", style_id)
    _add(document, '{%p elif d.kieu == "dieu_doan" %}')
    _bold_label(document, "{{ d.nhan }}", " {{ d.van_ban }}")
    _add(document, "{%p else %}")
    _add(document, "{{ d.dong }}")
    _add(document, "{%p endif %}")
    _add(document, "{%p endfor %}")


def build(kind: str):
    document = docx.Document()
    install_styles(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    if kind == "quyet-dinh":
        _add(document, "{{ tham_quyen }}", "VBThamQuyen")
        _legal_basis(document)
        _add(document, "QUYẾT ĐỊNH:", "VBQuyetDinh")
        _outline(document)
        _bold_label(document, "Điều {{ so_dieu_hieu_luc }}.", " {{ hieu_luc }}")
        _bold_label(
            document, "Điều {{ so_dieu_thi_hanh }}.", " {{ thi_hanh }} chịu trách nhiệm thi hành Quyết định này./."
        )
        return document
    _legal_basis(document)
    _outline(document)
    _add(document, "{%p if ket_thuc %}")
    _add(document, "{{ ket_thuc }}")
    if kind == "to-trinh":
        _add(document, "{%p else %}")
        _add(document, "Kính trình {{ kinh_gui }} xem xét, quyết định./.")
    _add(document, "{%p endif %}")
    return document


def main() -> None:
    folder = Path(__file__).resolve().parents[1] / "templates"
    for kind in KINDS:
        atomic_write_bytes(folder / f"{kind}.docx", docx_bytes(build(kind)))
        print(folder / f"{kind}.docx")


if __name__ == "__main__":
    main()
