"""`vanban check`: verify a .docx against NĐ 30/2020 rule by rule (rule list A14)."""

from __future__ import annotations

import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml.etree import XMLSyntaxError

from vanban.generator.checker.anatomy import APPENDIX, DOCUMENT, FORMS, Anatomy
from vanban.generator.checker.parts import Inspected
from vanban.generator.checker.rules import ERROR, RULES
from vanban.generator.checker.wording import place
from vanban.library.errors import VanbanError
from vanban.library.limits import check_file_size


@dataclass
class Finding:
    rule: str
    title: str
    locator: str
    severity: str
    where: dict
    expected: str
    found: str
    #: Where it is, in words a văn thư follows on paper ("đoạn 12 (tính từ đầu văn bản)"); `where`
    #: keeps the file's own coordinates for programs (`locate.py`, the JSON output).
    place: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


#: Documents that say (in their properties) they are training material, not one of the 29
#: administrative types of NĐ 30 Điều 7: only the general presentation rules apply to them.
MATERIAL_CATEGORIES = ("Tài liệu tập huấn",)


@dataclass
class Report:
    path: str
    document_type: str | None
    findings: list[Finding] = field(default_factory=list)
    scope: str = f"văn bản hành chính: cả {len(RULES)} quy tắc"
    #: What the file was judged as: "văn bản", "tài liệu", "phụ lục" (an appendix file), "tập mẫu".
    mode: str = DOCUMENT

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "document_type": self.document_type,
            "ok": self.ok,
            "mode": self.mode,
            "scope": self.scope,
            "errors": len(self.errors),
            "warnings": len(self.findings) - len(self.errors),
            "findings": [f.to_dict() for f in self.findings],
        }


def open_docx(path: Path):
    if not path.exists():
        raise VanbanError("không tìm thấy tệp.", path)
    if path.suffix.lower() in (".doc", ".rtf", ".odt", ".pdf"):
        raise VanbanError(
            f"chỉ kiểm tra được tệp .docx; tệp {path.suffix} phải mở bằng Word (hoặc LibreOffice) rồi «Lưu thành» "
            ".docx. (Chuyển tự động có thể đổi định dạng nên kết quả kiểm tra không còn đúng với tệp gốc.)",
            path,
        )
    check_file_size(path)
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError, AttributeError, TypeError):
        # A damaged package fails in python-docx in many ways (a part missing, the wrong part type).
        raise VanbanError("không đọc được tệp .docx (tệp hỏng hoặc không phải định dạng Word .docx).", path) from None


#: How the report names a file that is not a standalone document, and why fewer rules judge it.
ATTACHMENT_SCOPES = {
    APPENDIX: "tài liệu kèm theo văn bản (phụ lục ban hành thành tệp riêng, không có phần đầu văn bản)",
    FORMS: "tài liệu mẫu (tập mẫu văn bản; nội dung là chỗ trống và ghi chú để điền)",
}


def _rules_for(anatomy: Anatomy, material: bool, report: Report) -> list:
    """The rules that apply to this file, with the report's scope and mode saying which and why."""
    if anatomy.kind in ATTACHMENT_SCOPES:
        rules = [r for r in RULES if r.attachment]
        report.mode = anatomy.kind
        report.scope = f"{ATTACHMENT_SCOPES[anatomy.kind]}: {len(rules)} quy tắc ({', '.join(r.id for r in rules)})"
        return rules
    if material:
        rules = [r for r in RULES if r.general]
        report.mode = "tài liệu"
        report.scope = (
            f"tài liệu (không phải văn bản hành chính theo Điều 7): {len(rules)} quy tắc chung "
            f"({', '.join(r.id for r in rules)})"
        )
        return rules
    return RULES


def check_document(document, path: str = "") -> Report:
    anatomy = Anatomy(Inspected(document))
    material = (document.core_properties.category or "").strip() in MATERIAL_CATEGORIES
    report = Report(path=path, document_type=document.core_properties.category if material else anatomy.type_name)
    if anatomy.kind != DOCUMENT:
        report.document_type = "Phụ lục" if anatomy.kind == APPENDIX else "Tập mẫu văn bản"
    numbers = _paragraph_numbers(anatomy)
    for rule in _rules_for(anatomy, material, report):
        for issue in rule.check(anatomy):
            shown = place(issue.where, numbers.get(issue.where.get("paragraph")))
            report.findings.append(
                Finding(
                    rule.id, rule.title, rule.locator, issue.severity, issue.where, issue.expected, issue.found, shown
                )
            )
    return report


def _paragraph_numbers(anatomy: Anatomy) -> dict[int, int]:
    """Block index → the paragraph's number as a reader counts it: empty paragraphs (blank lines)
    are not counted, an empty paragraph a finding points at takes the number of the next one."""
    numbers, counted = {}, 0
    for block in anatomy.doc.blocks:
        numbers[block.index] = counted + 1
        if block.clean:
            counted += 1
    return numbers


def docx_files(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the .docx files in it and below (Word's "~$" lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*.docx") if not p.name.startswith("~$"))
            if not inside:
                raise VanbanError("thư mục không có tệp .docx nào.", path)
            found.extend(inside)
        else:
            found.append(path)
    return found


def check_file(path: Path) -> Report:
    return check_document(open_docx(path), str(path))
