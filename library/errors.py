"""The one error type users see: a Vietnamese message saying what, where and what to do."""

from __future__ import annotations

from pathlib import Path


class VanbanError(Exception):
    """Bad input or an unusable file; the CLI prints the message and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None, cli_hint: str = ""):
        self.path = str(path) if path is not None else None
        #: What to type at the command line to do it differently (an option name): the CLI adds it
        #: after the message; a web page, whose forms have no options, never shows it.
        self.cli_hint = cli_hint
        self.line = line
        where = ""
        if self.path:
            where = f"{self.path}"
            if line is not None:
                where += f", dòng {line}"
            where += ": "
        super().__init__(f"{where}{message}")
        self.message = message

    @property
    def for_command_line(self) -> str:
        """The message with the command-line hint, as `vanban` prints it."""
        return f"{self} {self.cli_hint}" if self.cli_hint else str(self)
