"""The ontology (dangjian.ttl) and SHACL shapes (shapes.ttl), installed as package `kg.ontology`."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(name: str) -> Path:
    """Filesystem path of an ontology file shipped with the package."""
    return Path(str(files(__name__).joinpath(name)))


def text(name: str) -> str:
    return files(__name__).joinpath(name).read_text(encoding="utf-8")
