"""Body templates: .docx files an official edits in Word, with Jinja tags (docxtpl).

Templates are user files, so Jinja runs sandboxed with undefined names an error, and every
template failure (syntax, unknown name, a tag cut in two) becomes a Vietnamese message naming
the template and the paragraph, never a traceback.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path

import docx
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from vanban.library.errors import VanbanError

TEMPLATE_DIR = Path(str(files("vanban.templates")))
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}


def template_dir() -> Path:
    return Path(os.environ.get("VANBAN_TEMPLATES") or TEMPLATE_DIR)


def template_for(kind: str) -> Path:
    path = template_dir() / f"{kind}.docx"
    if not path.exists():
        raise VanbanError(f"không có mẫu cho loại «{kind}» (cần tệp {path.name}).", path.parent)
    return path


def _paragraph_texts(document) -> list[str]:
    body = document.element.body
    return ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t"))) for p in body.iter(docx.oxml.ns.qn("w:p"))]


def check_tags(path: Path, texts: list[str]) -> None:
    """Every Jinja tag must open and close in one paragraph; Word sometimes leaves half a tag behind."""
    for index, text in enumerate(texts, 1):
        for opener, closer in _OPENERS.items():
            if text.count(opener) != text.count(closer):
                raise VanbanError(
                    f"đoạn {index} của mẫu «{_excerpt(text)}»: thẻ {opener} … {closer} không đóng trong cùng một "
                    "đoạn (thẻ bị tách sang dòng khác hoặc thiếu dấu đóng). Sửa mẫu trong Word cho thẻ nằm trọn "
                    "một dòng.",
                    path,
                )


def _excerpt(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where_name(texts: list[str], name: str) -> str:
    for index, text in enumerate(texts, 1):
        if re.search(rf"\b{re.escape(name)}\b", text) and ("{{" in text or "{%" in text):
            return f"đoạn {index} «{_excerpt(text)}»"
    return "mẫu"


#: A template is the user's file: what it may cost. Text any one expression may build, the items a
#: range may yield, and the seconds rendering may take (where a timer can interrupt it).
MAX_TEXT_CHARS = 1_000_000
MAX_RANGE_ITEMS = 10_000
RENDER_SECONDS = 20


class TemplateLimitError(TemplateError):
    pass


class _BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, plus limits: "'A' * 3e9" or nested range(100000) loops end with a message."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise TemplateLimitError("phép lũy thừa quá lớn")
        if operator == "*":  # judged before it is computed: "'A' * 3e9" must not build 3 GB first
            sized, times = (left, right) if isinstance(left, str | list | tuple) else (right, left)
            if isinstance(sized, str | list | tuple) and isinstance(times, int) and len(sized) * times > MAX_TEXT_CHARS:
                raise TemplateLimitError(f"biểu thức tạo ra hơn {MAX_TEXT_CHARS} ký tự")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str | list | tuple) and len(result) > MAX_TEXT_CHARS:
            raise TemplateLimitError(f"biểu thức tạo ra hơn {MAX_TEXT_CHARS} ký tự")
        return result

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = _bounded_range


def _bounded_range(*args):
    values = range(*args)
    if len(values) > MAX_RANGE_ITEMS:
        raise TemplateLimitError(f"range có hơn {MAX_RANGE_ITEMS} phần tử")
    return values


@contextmanager
def _time_limit(seconds: int):
    """SIGALRM in the main thread (the command line); elsewhere the other limits still hold."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signum, _frame):
        raise TemplateLimitError(f"điền dữ liệu vào mẫu quá {seconds} giây")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render_template(path: Path, context: dict):
    """Render `path` with `context`; returns the python-docx Document of the result."""
    try:
        template = DocxTemplate(path)
        texts = _paragraph_texts(template.get_docx())
    except Exception as error:  # a file that is not a .docx at all
        raise VanbanError(f"không mở được mẫu .docx ({type(error).__name__}).", path) from None
    check_tags(path, texts)
    environment = _BoundedEnvironment(undefined=StrictUndefined, autoescape=True)
    try:
        with _time_limit(RENDER_SECONDS):
            template.render(context, jinja_env=environment)
    except TemplateSyntaxError as error:
        nearby = " / ".join(_excerpt(line) for line in getattr(error, "docx_context", []) if line.strip())
        raise VanbanError(f"mẫu sai cú pháp ({error.message}) gần «{nearby}».", path) from None
    except UndefinedError as error:
        match = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(error))
        name = next((g for g in match.groups() if g), "") if match else ""
        known = ", ".join(sorted(context))
        raise VanbanError(
            f"{_where_name(texts, name) if name else 'mẫu'}: tên «{name or error}» không có trong dữ liệu. "
            f"Các tên dùng được: {known}.",
            path,
        ) from None
    except SecurityError as error:
        raise VanbanError(f"mẫu dùng lệnh không được phép ({error}).", path) from None
    except TemplateLimitError as error:
        raise VanbanError(f"mẫu vượt giới hạn: {error.message}. Hãy sửa mẫu.", path) from None
    except (MemoryError, OverflowError) as error:
        raise VanbanError(f"mẫu vượt giới hạn ({type(error).__name__}). Hãy sửa mẫu.", path) from None
    except TemplateError as error:
        raise VanbanError(f"mẫu lỗi khi điền dữ liệu: {error}.", path) from None
    return template.docx
