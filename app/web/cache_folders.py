"""Token folders under the data folder's cache (checked files' pictures, offered documents):
each kind keeps its folders for a while, then forgets them the next time one is made."""

from __future__ import annotations

import shutil
import time
from pathlib import Path


def forget_older(root: Path, seconds: float) -> None:
    """Delete the folders under `root` untouched for more than `seconds`."""
    if not root.is_dir():
        return
    limit = time.time() - seconds
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)
