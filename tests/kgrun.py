"""Run the *installed* `kg` command the way a user does: from a folder outside the source tree,
so that the source folder never shadows the installed package."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

KG = [sys.executable, "-m", "kg"]
NEUTRAL = Path(tempfile.mkdtemp(prefix="kg-cwd-"))  # an empty folder: nothing to import from


def kg(*args: str, cwd: Path | None = None, timeout: float = 300, input: str | None = None,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`kg ARGS…` in a subprocess, by default from an empty folder; text output captured."""
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd or NEUTRAL, timeout=timeout,
                          input=input, env={**os.environ, **(env or {})})


def popen(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.Popen:
    """`kg ARGS…` started in the background (servers), from an empty folder."""
    return subprocess.Popen([*KG, *args], cwd=cwd or NEUTRAL, **kwargs)
