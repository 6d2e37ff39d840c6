"""What one running server is configured with: its data folder, engine and upload limit."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_UPLOAD_MB = 20


def _env_upload_mb() -> int:
    """VANBAN_MAX_UPLOAD_MB, so an operator can change the limit without a new command line."""
    value = os.environ.get("VANBAN_MAX_UPLOAD_MB", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_UPLOAD_MB


@dataclass(frozen=True)
class WebConfig:
    data_dir: Path | None = None
    engine: str = "tantivy"
    max_upload_mb: int = 0  # 0: VANBAN_MAX_UPLOAD_MB, else 20

    @property
    def max_upload_bytes(self) -> int:
        return (self.max_upload_mb or _env_upload_mb()) * 1024 * 1024
