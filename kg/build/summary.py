"""What a build tells its user: the `BuildResult`, build.json, the terminal summary and a progress bar."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..store import atomic_write


@dataclass
class BuildResult:
    out_dir: Path
    files: int
    built: int
    reused: int
    removed: int
    failed: list[tuple[str, str]]
    counts: dict[str, int]
    triples: int
    seconds: dict[str, float]
    chars: int
    skipped: list[tuple[str, str]] = field(default_factory=list)
    repaired: bool = False

    @property
    def exit_code(self) -> int:
        """0 when every file was built, 1 when some failed, 2 when none could be built."""
        if self.failed and not (self.built or self.reused):
            return 2
        return 1 if self.failed else 0


def write_build_json(result: BuildResult) -> None:
    from .. import __version__

    out_dir = result.out_dir
    data = {
        "kg": __version__,
        "files_read": result.files,
        "reports_extracted": result.built,
        "reports_reused": result.reused,
        "reports_removed": result.removed,
        "store_repaired": result.repaired,
        "files_failed": [{"path": p, "reason": r} for p, r in result.failed],
        "files_skipped": [{"path": p, "reason": r} for p, r in result.skipped],
        "counts": result.counts,
        "triples": result.triples,
        "characters_extracted": result.chars,
        "seconds": result.seconds,
        "outputs": sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".")),
    }
    atomic_write(out_dir / "build.json",
                 lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")))


def _printable(text: str) -> str:
    """A path or message with control characters (ANSI escapes in file names …) made visible."""
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in text)


def summary(result: BuildResult) -> str:
    """A one-screen summary for the terminal: what was built, where, and what to do next."""
    c, out = result.counts, result.out_dir
    lines = [
        f"Built {out}/graph.ttl: {result.triples:,} triples from {result.built + result.reused} reports "
        f"({result.built} extracted, {result.reused} unchanged) in {result.seconds.get('total', 0):.1f} s."
        + (" The store was repaired from the cache (a build had been interrupted)." if result.repaired else ""),
        "  " + ", ".join(f"{c.get(k, 0):,} {name}" for k, name in (
            ("Program", "programs"), ("Unit", "units"), ("Document", "documents"), ("Problem", "problems"),
            ("Cause", "causes"), ("Measure", "measures"), ("Practice", "practices"), ("Metric", "metrics"),
            ("Mention", "mentions"))),
    ]
    views = [name for name in ("index.html", "graph.html", "analysis.html") if (out / name).exists()]
    lines.append(f"  Outputs: {out}/graph.ttl, {out}/store/, {out}/build.json"
                 + "".join(f", {out}/{name}" for name in views) + (f", {out}/reports/" if views else ""))
    lines.append(f"  Next: kg serve --graph {out}  ·  kg query --list  ·  kg query programs_by_reports --graph {out}")
    for title, rows in (("failed", result.failed), ("skipped (not a report type)", result.skipped)):
        if rows:
            lines.append(f"  {len(rows)} file(s) {title}:")
            lines += [f"    {_printable(reason)}" for _, reason in rows[:20]]
            if len(rows) > 20:
                lines.append(f"    … and {len(rows) - 20} more (see build.json)")
    return "\n".join(lines)


class Progress:
    """A one-line progress bar on standard error (only when it is a terminal, or forced)."""

    def __init__(self, total: int, label: str, enabled: bool) -> None:
        self.total, self.label, self.enabled, self.done = total, label, enabled and total > 3, 0
        self.started = time.perf_counter()

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                         f"{rate:.1f}/s")
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()
