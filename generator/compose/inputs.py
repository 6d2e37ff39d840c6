"""Structured inputs → `Draft`: the YAML (or JSON) a user writes and the agency profile (TOML).

Both are checked against the JSON Schemas in templates/schemas before anything is built, and an
error names the file, the line and the field in Vietnamese (the schemas are data users can read).
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import jsonschema
import yaml

from vanban.generator.compose.model import Agency, Appendix, Draft, TableSpec
from vanban.generator.compose.outline import point_letter
from vanban.generator.compose.templating import template_dir
from vanban.library.errors import VanbanError
from vanban.library.limits import read_small_text
from vanban.library.model import Section, SectionKind, Signature
from vanban.library.nd30 import HEAD_TITLES
from vanban.library.safe_yaml import MAX_BYTES, load_yaml
from vanban.library.vietnamese import fold, nfc, roman

#: «so: tu-dong» asks for the next number of the register.
REGISTER_NUMBER = "tu-dong"

_TYPE_NAMES = {
    "string": "một chuỗi chữ",
    "integer": "một số nguyên",
    "number": "một số",
    "array": "một danh sách (mỗi dòng bắt đầu bằng «- »)",
    "object": "một nhóm trường dạng «khóa: giá trị»",
    "boolean": "true hoặc false",
}


def load_schema(name: str) -> dict:
    return json.loads((template_dir() / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def _field(path: Sequence) -> str:
    parts = [str(p + 1) if isinstance(p, int) else str(p) for p in path]
    return " › ".join(parts) if parts else "(toàn tệp)"


def _message(error: jsonschema.ValidationError) -> tuple[list, str]:
    """A Vietnamese sentence for one schema violation, and the path of the field it is about."""
    path = list(error.absolute_path)
    kind = error.validator
    hint = error.schema.get("description") if isinstance(error.schema, dict) else None
    if kind == "required":
        missing = re.search(r"'([^']+)'", error.message)
        return path + [missing.group(1) if missing else "?"], "bắt buộc phải có nhưng chưa có."
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        allowed = ", ".join(error.schema.get("properties", {}))
        name = extra[0] if extra else "?"
        return path + [name], f"không có trường «{name}». Các trường dùng được: {allowed}."
    if kind == "type":
        expected = error.validator_value
        names = [_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        return path, f"phải là {' hoặc '.join(names)}."
    if kind == "pattern" and "[0-9]{4}-" in str(error.validator_value):
        return path, f"«{error.instance}» không phải ngày dạng NĂM-THÁNG-NGÀY (ví dụ 2026-01-15)."
    if kind == "pattern":
        return path, f"«{error.instance}» không đúng dạng (chỉ chữ in hoa, chữ số; ví dụ UBND, SCT)."
    if kind == "minLength":
        return path, "không được để trống."
    if kind in ("minItems", "minProperties"):
        return path, "cần ít nhất một mục."
    if kind in ("minimum", "maximum", "exclusiveMinimum"):
        return path, f"giá trị {error.instance} nằm ngoài khoảng cho phép."
    if kind in ("anyOf", "oneOf", "const"):
        return path, f"không đúng dạng: cần {hint or 'giá trị khác'}."
    return path, f"không hợp lệ ({error.message})."


def _yaml_line(root: yaml.Node | None, path: Sequence) -> int | None:
    """The line of the node at `path` in a composed YAML tree (the nearest existing ancestor)."""
    node, line = root, (root.start_mark.line + 1 if root is not None else None)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), None)
            if node is None:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
        line = node.start_mark.line + 1
    return line


def plain(value):
    """Nested data as plain text: every string NFC, dates as 2026-01-15 (YAML reads them as dates;
    the schema, like JSON, wants text)."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, str):
        return nfc(value)
    return value


def schema_problems(data, schema: dict) -> list[tuple[list, str]]:
    """Every schema violation of `data` as (field path, Vietnamese sentence): a form shows each one
    next to its field, where a file stops at the first (`_validate`)."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(list(e.absolute_path)), str(e.absolute_path)))
    return [_message(error) for error in errors]


def _validate(data, schema: dict, path: Path, line_of) -> None:
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(list(e.absolute_path)), str(e.absolute_path)))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        field_path, message = _message(error)
        raise VanbanError(f"trường «{_field(field_path)}»: {message}", path, line_of(field_path))


def read_yaml(path: Path) -> tuple[dict, yaml.Node | None]:
    text = read_small_text(path, MAX_BYTES, "tệp dữ liệu")
    if control := re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        raise VanbanError(
            f"có ký tự điều khiển không in được (mã {ord(control.group()):#04x}"
            + (", do Shift+Enter trong Word" if control.group() == _WORD_LINE_BREAK else "")
            + "); hãy xóa ký tự đó hoặc thay bằng xuống dòng.",
            path,
            text.count("\n", 0, control.start()) + 1,
        )
    data, root = load_yaml(text, path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise VanbanError("tệp dữ liệu phải là một nhóm trường «khóa: giá trị».", path, 1)
    return plain(data), root


def load_profile(path: Path) -> Agency:
    try:
        text = path.read_text(encoding="utf-8")
        data = plain(tomllib.loads(text))
    except FileNotFoundError:
        raise VanbanError("không tìm thấy hồ sơ cơ quan (.toml).", path) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        found = re.search(r"line (\d+)", str(error))
        raise VanbanError(
            f"hồ sơ cơ quan sai cú pháp TOML ({error}).", path, int(found.group(1)) if found else None
        ) from None

    def line_of(field_path: Sequence) -> int | None:
        names = [p for p in field_path if isinstance(p, str)]
        for name in reversed(names):
            for number, line in enumerate(text.splitlines(), 1):
                if re.match(rf"^\s*(\[.*\b{re.escape(name)}\b.*\]|{re.escape(name)}\s*=)", line):
                    return number
        return None

    _validate(data, load_schema("profile"), path, line_of)
    agency, signers = data["co_quan"], data["nguoi_ky"]

    def lines(value) -> list[str]:
        return [v for v in ([value] if isinstance(value, str) else value or []) if v]

    return Agency(
        name_lines=lines(agency["ban_hanh"]),
        parent_lines=lines(agency.get("chu_quan")),
        full_name=agency["ten"],
        abbreviation=agency["viet_tat"],
        place=agency["dia_danh"],
        drafting_unit=agency.get("don_vi_soan_thao", ""),
        competence=agency.get("tham_quyen", ""),
        executors=agency.get("thi_hanh", ""),
        signers={key: _signer(value) for key, value in signers.items()},
    )


def default_profile() -> Path:
    return template_dir() / "profiles" / "ubnd-tinh-ha-tinh.toml"


def _signer(value: dict) -> Signature:
    return Signature(authority=list(value.get("quyen_han", [])), title=value["chuc_vu"], name=value["ho_ten"])


def outline(items: list, depth: int = 1) -> list[Section]:
    """YAML outline → sections numbered by depth: I., 1., a), then "-" items (variant b). A heading
    may have its own paragraph (`van_ban`) after its title, or only that paragraph: then it is a
    numbered clause without a title ("2. Các sở, ban, ngành …"), as plans write them."""
    sections: list[Section] = []
    count = 0
    for item in items:
        if isinstance(item, str):
            text = item.strip()
            if text.startswith(("- ", "+ ")):
                sections.append(Section(label="-", kind=SectionKind.ITEM, text=text[2:].strip()))
            else:
                sections.append(Section(label="", kind=SectionKind.PARAGRAPH, text=text))
            continue
        count += 1
        kind, label = (
            (SectionKind.SECTION, roman(count)),
            (SectionKind.CLAUSE, str(count)),
            (SectionKind.POINT, point_letter(count)),
        )[min(depth, 3) - 1]
        sections.append(
            Section(
                label=label,
                kind=kind,
                title=item.get("tieu_de", ""),
                text=item.get("van_ban", ""),
                children=outline(item.get("noi_dung", []), depth + 1),
            )
        )
    return sections


def articles(items: list) -> list[Section]:
    """A decision's Điều list; khoản inside are numbered 1., 2. and điểm a), b)."""
    sections = []
    for number, item in enumerate(items, 1):
        children = _clauses(item.get("noi_dung", []))
        sections.append(
            Section(
                label=f"Điều {number}",
                kind=SectionKind.ARTICLE,
                title=item.get("tieu_de", ""),
                text=item.get("van_ban", ""),
                children=children,
            )
        )
    return sections


def _clauses(items: list, depth: int = 1) -> list[Section]:
    sections, count = [], 0
    for item in items:
        if isinstance(item, str) and not item.startswith(("- ", "+ ")):
            count += 1
            kind, label = (
                (SectionKind.CLAUSE, f"Khoản {count}")
                if depth == 1
                else (SectionKind.POINT, f"Điểm {point_letter(count)}")
            )
            sections.append(Section(label=label, kind=kind, text=item.strip()))
        elif isinstance(item, str):
            sections.append(Section(label="-", kind=SectionKind.ITEM, text=item[2:].strip()))
        else:
            count += 1
            kind, label = (
                (SectionKind.CLAUSE, f"Khoản {count}")
                if depth == 1
                else (SectionKind.POINT, f"Điểm {point_letter(count)}")
            )
            sections.append(
                Section(
                    label=label,
                    kind=kind,
                    title=item.get("tieu_de", ""),
                    text=item.get("van_ban", ""),
                    children=_clauses(item.get("noi_dung", []), depth + 1),
                )
            )
    return sections


def _table(spec: dict) -> TableSpec:
    columns = spec["cot"]
    widths = spec.get("do_rong") or [1.0] * len(columns)
    rows = []
    for row in spec["dong"]:
        if isinstance(row, str):
            rows.append(row)
        else:
            cells = [str(v) for v in row]
            rows.append(cells + [""] * (len(columns) - len(cells)))
    return TableSpec(columns=columns, widths=list(widths), rows=rows)


@dataclass
class DraftInput:
    """The validated data of one input file (or none: every part then takes its default) and a way
    to name the line of a field in errors."""

    data: dict
    path: Path | None = None
    line_of: Callable[[Sequence], int | None] = lambda _field: None

    @classmethod
    def read(cls, path: Path | None, schema: dict) -> DraftInput:
        if path is None:
            return cls({})
        data, root = read_yaml(path)
        source = cls(data, path, lambda field_path: _yaml_line(root, field_path))
        source.data = _without_control_characters(data, [], source)
        _validate(source.data, schema, path, source.line_of)
        return source


#: Word's Shift+Enter arrives as a vertical tab: it means a line break inside the field.
_WORD_LINE_BREAK = "\x0b"
_CONTROL = re.compile(r"[\x00-\x08\x0c-\x1f\x7f]")


def _without_control_characters(value, field_path: list, source: DraftInput):
    """Text pasted from Word keeps its line breaks; any other control character cannot be written
    into a .docx, so it is refused with the field named (before any number is taken)."""
    if isinstance(value, str):
        value = value.replace(_WORD_LINE_BREAK, "\n")
        bad = _CONTROL.search(value)
        if bad:
            raise VanbanError(
                f"trường «{_field(field_path)}» có ký tự điều khiển không in được (mã {ord(bad.group()):#04x}); "
                "hãy xóa ký tự đó (thường do dán từ phần mềm khác).",
                source.path,
                source.line_of(field_path),
            )
        return value
    if isinstance(value, list):
        return [_without_control_characters(v, [*field_path, i], source) for i, v in enumerate(value)]
    if isinstance(value, dict):
        return {k: _without_control_characters(v, [*field_path, k], source) for k, v in value.items()}
    return value


#: Input fields that are the same in every type, and the `Draft` attribute each fills.
_COMMON_FIELDS = {
    "trich_yeu": "title",
    "kinh_gui": "recipients_to",
    "can_cu": "legal_basis",
    "ket_thuc": "closing",
    "thi_hanh": "executors",
    "hieu_luc": "effect",
    "noi_nhan": "recipients",
    "luu": "archive",
    "nam": "year",
}


def new_draft(kind: str, source: DraftInput, profile: Path | None, **parts) -> Draft:
    """The one place an input becomes a `Draft`: the agency, signer, số, ngày and the common fields
    come from the input; `parts` are what the caller built (sections, appendices…) and the defaults
    of the common fields, which the input's own values replace."""
    data = source.data
    agency = input_agency(data, source.path, source.line_of, profile)
    for name, attribute in _COMMON_FIELDS.items():
        if data.get(name) not in (None, "", []):
            parts[attribute] = data[name]
    serial = data.get("so")
    signer = pick_signer(data.get("nguoi_ky"), agency, source.path or Path("."), source.line_of(["nguoi_ky"]))
    return Draft(
        kind=kind,
        agency=agency,
        signer=signing_form(kind, agency, signer, data.get("nguoi_ky"), source),
        number=serial if isinstance(serial, int) else None,
        wants_register_number=serial == REGISTER_NUMBER,
        signed_on=_dt.date.fromisoformat(data["ngay"]) if "ngay" in data else None,
        **parts,
    )


def load_draft(path: Path, kind: str, profile: Path | None = None) -> Draft:
    """Read and validate `path` (YAML or JSON) as the input of a `kind` document.

    The agency profile is `profile` when given, else the input's «ho_so», else the default one.
    """
    source = DraftInput.read(path, load_schema("draft"))
    data, line_of = source.data, source.line_of
    for where, message in kind_problems(data, kind):
        raise VanbanError(f"trường «{_field(where)}»: {message}", path, line_of(where) if where[0] in data else 1)
    return new_draft(
        kind,
        source,
        profile,
        title="",
        sections=articles(data["dieu"]) if kind == DECISION else outline(data["noi_dung"]),
        appendices=[
            Appendix(
                title=a["tieu_de"],
                landscape=a.get("ngang", True),
                paragraphs=a.get("doan", []),
                tables=[_table(t) for t in a.get("bang", [])],
            )
            for a in data.get("phu_luc", [])
        ],
    )


#: The fields each type reads: a decision is written in Điều (with its effect and executors), every
#: other type in an outline that ends with a closing sentence.
DECISION = "quyet-dinh"
_DECISION_ONLY = ("dieu", "hieu_luc", "thi_hanh")
_OUTLINE_ONLY = ("noi_dung", "ket_thuc")


def unused_fields(kind: str) -> tuple[str, ...]:
    """Fields of the schema a `kind` document has no place for (a form does not offer them)."""
    return _OUTLINE_ONLY if kind == DECISION else _DECISION_ONLY


def kind_problems(data: dict, kind: str) -> list[tuple[list, str]]:
    """What a valid input still lacks for this type, as (field path, sentence), in the order a reader meets them."""
    body_field, wrong = ("dieu", "noi_dung") if kind == DECISION else ("noi_dung", "dieu")
    problems: list[tuple[list, str]] = []
    if body_field not in data:
        problems.append(([body_field], f"{kind} cần nội dung trong trường «{body_field}»."))
    if wrong in data:
        problems.append(([wrong], f"không dùng cho {kind}; hãy dùng «{body_field}»."))
    if kind == "to-trinh" and not data.get("kinh_gui"):
        problems.append((["kinh_gui"], "tờ trình phải có nơi kính gửi (cấp trên)."))
    if kind == "cong-van" and not data.get("kinh_gui"):
        problems.append((["kinh_gui"], "công văn phải có nơi kính gửi."))
    for rows_path, table in _tables(data):
        for index, row in enumerate(table["dong"]):
            if isinstance(row, list) and len(row) > len(table["cot"]):
                problems.append(
                    (rows_path + [index], f"hàng có {len(row)} ô nhưng bảng chỉ có {len(table['cot'])} cột.")
                )
        if table.get("do_rong") and len(table["do_rong"]) != len(table["cot"]):
            problems.append((rows_path[:-1] + ["do_rong"], f"cần đúng {len(table['cot'])} độ rộng."))
    return problems


def input_agency(data: dict, path: Path | None, line_of, profile: Path | None) -> Agency:
    """`--profile` when given, else the input's «ho_so», else the default profile."""
    if profile or path is None:
        return load_profile(profile or default_profile())
    return load_profile(_named_profile(data.get("ho_so"), path, line_of(["ho_so"])))


def _named_profile(name: str | None, path: Path, line: int | None) -> Path:
    if not name:
        return default_profile()
    candidates = [template_dir() / "profiles" / f"{name}.toml", path.parent / name]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    shipped = ", ".join(sorted(p.stem for p in (template_dir() / "profiles").glob("*.toml")))
    raise VanbanError(f"trường «ho_so»: không có hồ sơ cơ quan «{name}». Hồ sơ có sẵn: {shipped}.", path, line)


def _tables(data: dict):
    for a_index, appendix in enumerate(data.get("phu_luc", [])):
        for t_index, table in enumerate(appendix.get("bang", [])):
            yield ["phu_luc", a_index, "bang", t_index, "dong"], table


def issued_by_the_head(kind: str, agency: Agency) -> bool:
    """A Quyết định whose competence line names a head ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") is issued
    by that person, not by the body collectively (NĐ 30, PL I, mục II.7.a–b)."""
    competence = fold(agency.competence).upper()
    return kind == "quyet-dinh" and competence.startswith(HEAD_TITLES)


def signing_form(kind: str, agency: Agency, signer: Signature, given, source: DraftInput) -> Signature:
    """The authority lines the issuer requires. A head's own decision is signed "KT. CHỦ TỊCH" (or by
    the head), never "TM.": a profile's collective "TM. …" line is dropped there; a signer written
    out in the input with "TM." is refused, naming the field."""
    if not issued_by_the_head(kind, agency):
        return signer
    collective = [line for line in signer.authority if line.upper().startswith("TM.")]
    if collective and isinstance(given, dict):
        raise VanbanError(
            f"trường «nguoi_ky › quyen_han»: quyết định do người đứng đầu ban hành (thẩm quyền «{agency.competence}») "
            f"không ký «{collective[0]}»; hãy ký «KT. {agency.competence.split(' ')[0]} …» hoặc ký trực tiếp.",
            source.path,
            source.line_of(["nguoi_ky", "quyen_han"]),
        )
    return replace(signer, authority=[line for line in signer.authority if line not in collective])


def pick_signer(value, agency: Agency, path: Path, line: int | None) -> Signature:
    if isinstance(value, dict):
        return _signer(value)
    if value is None:
        return next(iter(agency.signers.values()))
    if value not in agency.signers:
        raise VanbanError(
            f"trường «nguoi_ky»: hồ sơ cơ quan không có người ký «{value}». Có: {', '.join(agency.signers)}.",
            path,
            line,
        )
    return agency.signers[value]
