"""YAML from users, read with limits: a 392-byte file of repeated anchors ("billion laughs")
expands to gigabytes when walked, and 900 levels of nesting overflow the parser's recursion.
Checked on the parsed node graph before any Python object is built, so such a file is refused
in milliseconds with the file and line named.
"""

from __future__ import annotations

import yaml

from vanban.library.errors import VanbanError

MAX_BYTES = 2 * 1024 * 1024
#: Nodes once every alias is expanded: a long plan input has a few thousand.
MAX_NODES = 200_000
MAX_DEPTH = 60


def load_yaml(text: str, path=None, first_line: int = 1) -> tuple[object, yaml.Node | None]:
    """The data of a YAML text (safe types only) and its node tree (for line numbers)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise VanbanError(f"tệp YAML lớn quá {MAX_BYTES // 1048576} MB.", path)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_size(root, path, first_line)
        data = loader.construct_document(root) if root is not None else None
    except RecursionError:
        raise VanbanError(f"dữ liệu YAML lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).", path) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        line = first_line + mark.line if mark else None
        raise VanbanError(f"sai cú pháp YAML ({problem}).", path, line) from None
    finally:
        loader.dispose()
    return data, root


def _check_size(root: yaml.Node, path, first_line: int) -> None:
    """Expanded node count (aliases counted each time they are used) and depth, without expanding."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise VanbanError(
                f"dữ liệu YAML lồng nhau quá sâu (tối đa {MAX_DEPTH} cấp).", path, first_line + node.start_mark.line
            )
        if id(node) in sizes:
            return sizes[id(node)]
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k, depth + 1) + size(v, depth + 1) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(item, depth + 1) for item in node.value)
        else:
            total = 1
        if total > MAX_NODES:
            raise VanbanError(
                f"dữ liệu YAML quá lớn khi mở rộng các tham chiếu (&/*): hơn {MAX_NODES} phần tử.",
                path,
                first_line + node.start_mark.line,
            )
        sizes[id(node)] = total
        return total

    size(root, 0)
