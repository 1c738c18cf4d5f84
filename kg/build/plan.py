"""What a build must do: which files to extract, which cached reports to keep, what is gone."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, InputError
from ..readers import Found, find_files
from .state import Entry, Manifest, State


@dataclass
class Plan:
    found: Found
    todo: list[tuple[str, str]] = field(default_factory=list)  # (path, corpus path) to extract
    keep: dict[str, Entry] = field(default_factory=dict)  # corpus path → cached report still valid
    gone: set[str] = field(default_factory=set)  # report ids of the last build no longer wanted

    @property
    def live(self) -> set[str]:
        return {e.id for e in self.keep.values()}


def sha256_of(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def scan(roots: list[Path]) -> Found:
    """The report files under roots; InputError when there is none at all."""
    found = find_files(roots)
    if not found.files:
        if found.failed:
            raise InputError(found.failed[0][1])
        raise InputError(E.NO_REPORTS, paths=", ".join(map(str, roots)))
    return found


def make_plan(found: Found, manifest: Manifest, state: State) -> Plan:
    plan = Plan(found)
    for path, rel in found.files:
        entry = manifest.files.get(rel)
        if entry and state.has(entry.id) and entry.sha256 == sha256_of(path):
            plan.keep[rel] = entry
        else:
            plan.todo.append((str(path), rel))
    plan.gone = manifest.ids() - plan.live
    return plan
