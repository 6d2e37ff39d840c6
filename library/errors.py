"""The one error type users see: a Vietnamese message saying what, where and what to do."""

from __future__ import annotations

from pathlib import Path


class VanbanError(Exception):
    """Bad input or an unusable file; the CLI prints the message and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path:
            where = f"{self.path}"
            if line is not None:
                where += f", dòng {line}"
            where += ": "
        super().__init__(f"{where}{message}")
        self.message = message
