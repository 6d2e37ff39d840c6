"""User-edited templates: broken ones give an error with the template and paragraph, never a traceback;
Jinja is sandboxed; a tag that Word split into several runs still renders."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from vanban.generator.compose.document import compose
from vanban.generator.compose.templating import render_template
from vanban.library.errors import VanbanError

from .conftest import example_draft, paragraphs


def _template(tmp_path: Path, *texts: str | list[str]) -> Path:
    document = docx.Document()
    for text in texts:
        paragraph = document.add_paragraph()
        for run in [text] if isinstance(text, str) else text:
            paragraph.add_run(run)
    path = tmp_path / "mau.docx"
    document.save(path)
    return path


def test_unknown_name_points_at_the_paragraph(tmp_path):
    path = _template(tmp_path, "Mở đầu", "Xin chào {{ khong_co }}")
    with pytest.raises(VanbanError) as caught:
        render_template(path, {"loai": "Kế hoạch"})
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "đoạn 2" in message and "«khong_co»" in message and "loai" in message


def test_jinja_syntax_error(tmp_path):
    path = _template(tmp_path, "{% for x in %}", "{{ x }}", "{% endfor %}")
    with pytest.raises(VanbanError, match="mẫu sai cú pháp"):
        render_template(path, {})


def test_tag_cut_across_paragraphs(tmp_path):
    path = _template(tmp_path, "Tên: {{ trich_", "yeu }}")
    with pytest.raises(VanbanError) as caught:
        render_template(path, {"trich_yeu": "x"})
    assert "đoạn 1" in str(caught.value) and "không đóng trong cùng một đoạn" in str(caught.value)


def test_tag_split_into_runs_by_word_still_renders(tmp_path):
    path = _template(tmp_path, ["Tên: {{ tri", "ch_yeu", " }}"])
    document = render_template(path, {"trich_yeu": "Kế hoạch năm 2026"})
    assert document.paragraphs[0].text == "Tên: Kế hoạch năm 2026"


def test_sandbox_blocks_python_internals(tmp_path):
    path = _template(tmp_path, "{{ loai.__class__.__mro__ }}")
    with pytest.raises(VanbanError, match="không được phép|không có trong dữ liệu"):
        render_template(path, {"loai": "Kế hoạch"})


def test_values_are_escaped_for_xml(tmp_path):
    path = _template(tmp_path, "{{ trich_yeu }}")
    document = render_template(path, {"trich_yeu": "A & B <C>"})
    assert document.paragraphs[0].text == "A & B <C>"


def test_not_a_docx_template(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(VanbanError, match="không mở được mẫu"):
        render_template(path, {})


def test_user_template_changes_wording(tmp_path):
    path = _template(tmp_path, "{%p for d in noi_dung %}", "{{ d.dong }}", "{%p endfor %}", "Lời kết riêng./.")
    document = compose(example_draft("ke-hoach"), path)
    texts = [p.text for p in paragraphs(document)]
    assert "Lời kết riêng./." in texts and "I. MỤC ĐÍCH, YÊU CẦU" in texts


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 'A' * 3000000000 }}",
        "{{ 'A' * 600000 + 'B' * 600000 }}",
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        "{{ 10 ** 100000 }}",
    ],
)
def test_a_template_that_would_eat_the_machine_is_stopped_with_a_message(tmp_path, expression):
    path = _template(tmp_path, expression)
    with pytest.raises(VanbanError, match="mẫu vượt giới hạn"):
        render_template(path, {})


def test_a_template_that_runs_too_long_is_stopped(tmp_path, monkeypatch):
    from vanban.generator.compose import templating

    monkeypatch.setattr(templating, "RENDER_SECONDS", 1)
    path = _template(tmp_path, "{% for i in range(9000) %}{% for j in range(9000) %}{% endfor %}{% endfor %}")
    with pytest.raises(VanbanError, match="quá 1 giây"):
        render_template(path, {})
