"""The drafting form, made from templates/schemas/draft.schema.json and read back into the same data.

One source of truth: the schema says which fields exist, their Vietnamese names (`title`), their
hints (`description`), what they hold and how they nest; a property added to the schema appears in
this form (and the CLI reads it) with no other change. This module turns the schema and a draft's
data into a tree of `Widget`s (the template draws them) and a submitted form back into data.

Field names are the data's own path joined by dots ("noi_dung.0.tieu_de"), so a schema error's
path names its field directly. A field that may be one of several shapes (an outline item is a
paragraph or a heading) carries a selector named "PATH._kieu". Lists come with a few empty rows so
the form works without JavaScript; a blank copy of each kind of list item is kept in a <template>
for the script's "Thêm" buttons (one per schema location, so a recursive outline stays finite).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from starlette.datastructures import FormData

from vanban.library.typed_dates import DayError, parse_day

#: The placeholder path of a list item's blank copy, replaced by the script with the real path.
PLACEHOLDER = "__P__"
CHOICE = "_kieu"
#: Strings written as paragraphs rather than one line (the schema says "string" for both).
MULTILINE = frozenset({"trich_yeu", "van_ban", "hieu_luc", "thi_hanh", "ket_thuc", "doan"})
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
YES, NO = "co", "khong"
#: Empty rows a list gets for typing without JavaScript.
SPARE_ROWS = 2


@dataclass
class Widget:
    """One field or group of the form, as the template draws it."""

    kind: str  # text, textarea, date, number, select, boolean, group, list, choice
    path: tuple
    label: str
    hint: str = ""
    value: str = ""
    required: bool = False
    children: list[Widget] = field(default_factory=list)
    #: select: [(group label or "", [(value, label)])]; a choice: [(index, title)] of its alternatives.
    options: list = field(default_factory=list)
    #: choice: the alternative shown; list: the key of its items' blank copy.
    selected: int = 0
    template: str = ""
    #: list: one (template key, alternative index, button label) per "Thêm …" button.
    adders: list = field(default_factory=list)
    #: list: what one item is called ("Căn cứ"), numbered again by the script after a move.
    item_label: str = ""
    errors: list[str] = field(default_factory=list)
    #: an empty row added for typing (the script may drop it).
    spare: bool = False
    #: The schema property the field is a value of ("can_cu" for each căn cứ line, a blank copy's
    #: too, whose path is still the placeholder): what asks the server for suggestions.
    key: str = ""

    @property
    def name(self) -> str:
        return ".".join(str(step) for step in self.path)

    @property
    def dom_id(self) -> str:
        return f"f-{self.name}"

    @property
    def input_id(self) -> str:
        return f"i-{self.name}"


@dataclass
class Form:
    """The widgets of one draft's form, the blank list items for the script, and the errors no field took."""

    fields: list[Widget]
    templates: dict[str, Widget]
    loose_errors: list[tuple[str, str]]


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = {**root["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _ref_name(schema: dict) -> str:
    return schema["$ref"].rsplit("/", 1)[1] if "$ref" in schema else ""


def _label(schema: dict, fallback: str) -> str:
    return schema.get("title") or schema.get("description") or fallback


def _example(schema: dict) -> str:
    """A field's hint on the form is its first example (the description speaks to YAML writers)."""
    examples = schema.get("examples")
    return f"Ví dụ: {examples[0]}" if examples else ""


def _is_scalar(schema: dict) -> bool:
    return (
        "const" in schema
        or schema.get("type") in ("string", "integer", "number", "boolean")
        or (isinstance(schema.get("type"), list))
    )


class _Builder:
    def __init__(self, root: dict, choices: dict[str, list], errors: dict[str, list[str]], spare_rows: bool):
        self.root = root
        self.choices = choices
        self.errors = errors
        self.spare_rows = spare_rows
        self.templates: dict[str, Widget] = {}
        #: A name for each list's item schema that is not a named definition.
        self.keys: dict[int, str] = {}

    def widget(self, schema: dict, path: tuple, value, label: str, key: str, required: bool, spare: bool) -> Widget:
        raw = schema
        schema = _resolve(schema, self.root)
        label = _label(schema, label) if not raw.get("title") else raw["title"]
        hint = _example(raw) or _example(schema)
        if "anyOf" in schema:
            made = self._choice(schema, path, value, label, key, spare)
        elif schema.get("type") == "object":
            made = Widget("group", path, label, children=self._properties(schema, path, value or {}, spare))
        elif schema.get("type") == "array":
            made = self._list(raw, schema, path, value or [], label, key, spare)
        else:
            made = self._scalar(schema, path, value, label, key)
        made.hint, made.required, made.spare, made.key = made.hint or hint, required, spare, key
        made.errors = self.errors.get(made.name, [])
        return made

    def _properties(self, schema: dict, path: tuple, value: dict, spare: bool) -> list[Widget]:
        required = set(schema.get("required", []))
        return [
            self.widget(sub, (*path, name), value.get(name), name, name, name in required, spare)
            for name, sub in schema.get("properties", {}).items()
        ]

    def _scalar(self, schema: dict, path: tuple, value, label: str, key: str) -> Widget:
        name = ".".join(str(p) for p in path)
        text = "" if value is None else str(value)
        if name in self.choices:
            return Widget("select", path, label, value=text, options=self.choices[name])
        kind = schema.get("type")
        if kind == "boolean":
            shown = "" if value is None else (YES if value else NO)
            return Widget("boolean", path, label, value=shown)
        if kind in ("integer", "number"):
            return Widget("number", path, label, value=text)
        if schema.get("pattern") == DATE_PATTERN:
            return Widget("date", path, label, value=text)
        return Widget("textarea" if key in MULTILINE else "text", path, label, value=text)

    def _choice(self, schema: dict, path: tuple, value, label: str, key: str, spare: bool) -> Widget:
        alternatives = schema["anyOf"]
        if all(_is_scalar(_resolve(a, self.root)) for a in alternatives):
            # One typed value that may be read several ways (a number or «tu-dong»): one box.
            return self._scalar({"type": "string"}, path, value, label, key)
        selected = _fitting(alternatives, value, self.root)
        children, options = [], []
        for index, alternative in enumerate(alternatives):
            resolved = _resolve(alternative, self.root)
            title = alternative.get("title") or resolved.get("title") or label
            mine = value if index == selected else None
            child = self.widget(alternative, path, mine, title, key, False, spare or index != selected)
            child.label = title
            if child.path == path:  # its errors are the choice's own, shown once
                child.errors = []
            if child.kind == "text":  # a paragraph among headings, a group row among rows
                child.kind = "textarea"
            children.append(child)
            options.append((index, title))
        return Widget("choice", path, label, children=children, options=options, selected=selected)

    def _list(self, raw: dict, schema: dict, path: tuple, value: list, label: str, key: str, spare: bool) -> Widget:
        items = schema.get("items", {})
        resolved = _resolve(items, self.root)
        template = _ref_name(items) or self.keys.setdefault(id(items), f"t{len(self.keys) + 1}")
        if template not in self.templates:
            self.templates[template] = Widget("text", (PLACEHOLDER,), "")  # taken while it is built
            self.templates[template] = self.widget(items, (PLACEHOLDER,), None, label, key, False, True)
        item_label = items.get("title") or resolved.get("title") or label
        rows = [self.widget(items, (*path, i), v, item_label, key, False, spare) for i, v in enumerate(value)]
        if not spare and self.spare_rows:
            extra = SPARE_ROWS if not value else 1
            rows += [
                self.widget(items, (*path, i), None, item_label, key, False, True)
                for i in range(len(value), len(value) + extra)
            ]
        for number, row in enumerate(rows, 1):
            row.label, row.hint = f"{item_label} {number}", ""
        adders = []
        if "anyOf" in resolved and not all(_is_scalar(_resolve(a, self.root)) for a in resolved["anyOf"]):
            for index, alternative in enumerate(resolved["anyOf"]):
                title = alternative.get("title") or _resolve(alternative, self.root).get("title") or item_label
                adders.append((template, index, f"Thêm {title[:1].lower()}{title[1:]}"))
        else:
            adders.append((template, -1, f"Thêm {item_label[:1].lower()}{item_label[1:]}"))
        made = Widget("list", path, label, children=rows, template=template, adders=adders, item_label=item_label)
        made.hint = _example(items) or _example(resolved)
        return made


def _fitting(alternatives: list, value, root: dict) -> int:
    """Which alternative a value is (a dict is the object one, a list the array one, else the text one)."""
    wanted = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else None
    for index, alternative in enumerate(alternatives):
        kind = _resolve(alternative, root).get("type")
        if (wanted and kind == wanted) or (wanted is None and kind not in ("object", "array")):
            return index
    return 0


def _walk(widgets: Iterable[Widget]) -> Iterable[Widget]:
    for widget in widgets:
        yield widget
        yield from _walk(widget.children)


def build_form(
    schema: dict,
    data: dict,
    omit: Iterable[str] = (),
    choices: dict[str, list] | None = None,
    problems: Iterable[tuple[list, str]] = (),
    editable: bool = True,
) -> Form:
    """The widgets for `data` (top-level properties in `omit` left out); each problem (a schema or
    type error as (path, sentence)) is put at its field, or at the nearest field that holds it.
    A form that cannot be edited (a draft waiting for or given its number) shows what the draft
    holds and nothing more: no empty rows to type into."""
    omit = set(omit)
    top = {**schema, "properties": {k: v for k, v in schema["properties"].items() if k not in omit}}

    def attempt(errors: dict[str, list[str]]) -> tuple[list[Widget], dict]:
        builder = _Builder(schema, choices or {}, errors, spare_rows=editable)
        return builder._properties(top, (), data, False), builder.templates

    fields, _ = attempt({})
    shown = {w.name for w in _walk(fields) if not w.spare}
    placed: dict[str, list[str]] = {}
    loose: list[tuple[str, str]] = []
    for path, message in problems:
        steps = list(path)
        while steps and ".".join(str(s) for s in steps) not in shown:
            steps.pop()
        if steps:
            placed.setdefault(".".join(str(s) for s in steps), []).append(message)
        else:
            loose.append((".".join(str(p) for p in path), message))
    fields, templates = attempt(placed)
    return Form(fields, templates, loose)


# -- reading a submitted form back into data


@dataclass
class _Node:
    value: str | None = None
    kids: dict[str, _Node] = field(default_factory=dict)


_MISSING = object()


def _tree(items: Iterable[tuple[str, object]], roots: Iterable[str]) -> _Node:
    roots = set(roots)
    tree = _Node()
    for name, value in items:
        if not isinstance(value, str) or name.split(".", 1)[0] not in roots or PLACEHOLDER in name:
            continue
        node = tree
        for step in name.split("."):
            node = node.kids.setdefault(step, _Node())
        node.value = value
    return tree


def _scalar_value(schema: dict, text: str | None):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return _MISSING
    kind = schema.get("type")
    if kind == "boolean":
        return {YES: True, NO: False}.get(text, text)
    if kind == "integer" or (kind is None and "anyOf" in schema):
        return int(text) if text.isdigit() else text
    if kind == "number":
        try:
            return float(text.replace(",", ".")) if not text.lstrip("-").isdigit() else int(text)
        except ValueError:
            return text
    if schema.get("pattern") == DATE_PATTERN:  # typed 15/01/2026, stored as the YAML writes it
        try:
            return parse_day(text).isoformat()
        except DayError:
            return text  # the schema's own message names the field
    return text


def _read(schema: dict, node: _Node, root: dict):
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        alternatives = schema["anyOf"]
        if all(_is_scalar(_resolve(a, root)) for a in alternatives):
            return _scalar_value(schema, node.value)
        chosen = node.kids.get(CHOICE)
        index = int(chosen.value) if chosen and (chosen.value or "").isdigit() else 0
        return _read(alternatives[min(index, len(alternatives) - 1)], node, root)
    kind = schema.get("type")
    if kind == "object":
        result = {}
        for name, sub in schema.get("properties", {}).items():
            if name in node.kids and (value := _read(sub, node.kids[name], root)) is not _MISSING:
                result[name] = value
        return result or _MISSING
    if kind == "array":
        items = schema.get("items", {})
        resolved = _resolve(items, root)
        values = [_read(items, node.kids[k], root) for k in sorted((k for k in node.kids if k.isdigit()), key=int)]
        if resolved.get("minLength") or not _is_scalar(resolved):
            kept = [v for v in values if v is not _MISSING]
        else:  # cells keep their column: only the empty ones at the end are dropped
            while values and values[-1] is _MISSING:
                values.pop()
            kept = ["" if v is _MISSING else v for v in values]
        return kept or _MISSING
    return _scalar_value(schema, node.value)


def read_form(schema: dict, form: FormData, keep: dict | None = None) -> dict:
    """The data a submitted form holds (empty fields and rows dropped), with `keep`'s values for
    properties the form did not show (a number the văn thư gave stays)."""
    properties = schema["properties"]
    tree = _tree(form.multi_items(), properties)
    data = {}
    for name, sub in properties.items():
        if name in tree.kids and (value := _read(sub, tree.kids[name], schema)) is not _MISSING:
            data[name] = value
        elif keep and name in keep and name not in tree.kids:
            data[name] = keep[name]
    return data


def summary(form: Form) -> list[tuple[str, str, str]]:
    """Every error of the form as (anchor, where, sentence) for the list above it: where is the
    field's labels from the top ("Nội dung › Mục nội dung 2 › Tên đề mục")."""
    found: list[tuple[str, str, str]] = []

    def walk(widgets: list[Widget], trail: tuple[str, ...]) -> None:
        for widget in widgets:
            if widget.spare and not widget.errors:
                continue
            here = trail if widget.kind == "choice" or (trail and widget.label == trail[-1]) else (*trail, widget.label)
            found.extend((widget.dom_id, " › ".join(here), message) for message in widget.errors)
            walk(widget.children, here)

    walk(form.fields, ())
    found.extend(("", path or "toàn văn bản", message) for path, message in form.loose_errors)
    return found
