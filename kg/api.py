"""Public functions the CLI and other programs call."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .pipeline import extract
from .readers import read
from .records import Extraction


def extract_file(path: Path) -> Extraction:
    """Read and extract one report file."""
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; `kg extract` takes one file (use `kg build` for folders).")
    return extract(read(path))
