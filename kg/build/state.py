"""The build's memory between runs (output/.kg/): a manifest and a cache entry per report.

manifest.json: for each corpus path, the file's sha256 and its report id; the fingerprints of the
extraction and the views the cache was made with; and `store` — "clean" once the store, graph.ttl
and the manifest agree, "dirty" while a build is changing them. A build that dies in between
leaves "dirty", and the next one rebuilds the store from the cache before anything else.

reports/<id>.ttl, <id>.json: a report's triples as a Turtle chunk without prefixes (graph.ttl is made of
them, and the store loads them as TriG), and its entity facts, MinHash signature and counts (for the
corpus graph) and its digest (for the views and the analysis).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..digest import compact
from ..graph import EntityFact
from ..store import atomic_write
from . import fingerprint

STATE_DIR = ".kg"
STATE_VERSION = 4


@dataclass
class Entry:
    sha256: str
    id: str
    stem: str

    def to_json(self) -> dict[str, str]:
        return {"sha256": self.sha256, "id": self.id, "stem": self.stem}


@dataclass
class Manifest:
    files: dict[str, Entry] = field(default_factory=dict)  # corpus path → entry
    views: str = ""
    store: str = "clean"
    usable: bool = False  # made by this version of the extractor

    def ids(self) -> set[str]:
        return {e.id for e in self.files.values()}


class State:
    """The folder output/.kg/ and what it holds."""

    def __init__(self, out_dir: Path) -> None:
        self.dir = out_dir / STATE_DIR
        self.reports = self.dir / "reports"
        self.manifest_path = self.dir / "manifest.json"

    def prepare(self) -> None:
        self.reports.mkdir(parents=True, exist_ok=True)
        for old in ("facts", "ttl"):  # the layout of state version 1
            shutil.rmtree(self.dir / old, ignore_errors=True)

    def load(self) -> Manifest:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return Manifest()
        if data.get("version") != STATE_VERSION or data.get("extractor") != fingerprint.extraction():
            return Manifest()
        files = {rel: Entry(e["sha256"], e["id"], e.get("stem", "")) for rel, e in data.get("files", {}).items()}
        return Manifest(files, data.get("views", ""), data.get("store", "dirty"), True)

    def save(self, manifest: Manifest) -> None:
        from .. import __version__

        data = {"version": STATE_VERSION, "kg": __version__, "extractor": fingerprint.extraction(),
                "views": manifest.views, "store": manifest.store,
                "files": {rel: e.to_json() for rel, e in sorted(manifest.files.items())}}
        atomic_write(self.manifest_path,
                     lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")))

    def has(self, rid: str) -> bool:
        return all((self.reports / f"{rid}{ext}").exists() for ext in (".ttl", ".json"))

    def turtle(self, rid: str) -> Path:
        return self.reports / f"{rid}.ttl"

    def keep(self, rid: str, turtle: bytes, facts: dict[str, EntityFact], minhash: list[int],
             counts: dict[str, int], chars: int, digest: dict[str, Any]) -> None:
        """Cache one report's artifacts (each file written atomically; a worker process calls this)."""
        atomic_write(self.turtle(rid), lambda fh: fh.write(turtle))
        record = {"facts": {k: f.to_json() for k, f in sorted(facts.items())}, "minhash": minhash,
                  "counts": counts, "chars": chars, "digest": digest}
        atomic_write(self.reports / f"{rid}.json",
                     lambda fh: fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")))

    def record(self, rid: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.reports / f"{rid}.json").read_text(encoding="utf-8"))
        return data

    def facts(self, ids: list[str], signatures: dict[str, list[int]],
              digests: dict[str, dict[str, Any]]) -> Iterator[dict[str, EntityFact]]:
        """Each report's cached facts in id order, filling `signatures` and `digests` on the way."""
        for rid in ids:
            record = self.record(rid)
            signatures[rid] = record.get("minhash", [])
            digests[rid] = compact(record["digest"])
            yield {k: EntityFact.from_json(v) for k, v in record["facts"].items()}

    def prune(self, live: set[str]) -> None:
        """Drop cache entries of reports that are gone."""
        for path in self.reports.iterdir():
            if path.name.split(".", 1)[0] not in live:
                path.unlink()
