"""Shared fixtures: the ../shared folder (third-party data, read in place) and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(relative: str) -> Path:
    """A file under ../shared; the test is skipped (with the reason) when it is not there."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"../shared/{relative} không có trên máy này")
    return path


class Cli:
    """Runs the real `vanban` entry point in a subprocess with its own data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir

    def __call__(self, *args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, VANBAN_DATA=str(self.data_dir), COLUMNS="200")
        return subprocess.run(
            [sys.executable, "-m", "vanban.app", *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False
        )

    def json(self, *args: str):
        result = self(*args, "--json")
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")
