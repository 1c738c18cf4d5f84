"""Build benchmark: reports/s, characters/s, triples, peak RSS, seconds per stage, and the
extractor's cost as a ratio to bare `jieba.lcut` on the same text.

    python benchmarks/bench_build.py CORPUS_DIR [--jobs 2] [--out DIR] [--rebuild]
    python benchmarks/bench_build.py --external ../shared/external   # the 88 real political reports

The build runs in a child process (`kg build`) so its peak RSS (and its workers') is
measured on its own; `--rebuild` runs the build a second time over the unchanged folder.
The jieba baseline segments the same texts in one process, one core.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_build(corpus: Path, out: Path, jobs: int) -> tuple[float, float, float, dict]:
    """(wall seconds, peak summed RSS MB of the build with its workers, peak RSS MB of its largest process,
    build.json). The sum is sampled every 0.2 s with psutil."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_sum = 0.0
    root = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            procs = [root] + root.children(recursive=True)
            peak_sum = max(peak_sum, sum(p.memory_info().rss for p in procs) / 2**20)
        except psutil.Error:
            pass
        time.sleep(0.2)
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(err)
    peak_one = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_sum, peak_one, json.loads((out / "build.json").read_text(encoding="utf-8"))


def jieba_baseline(corpus: Path) -> tuple[float, int]:
    """Seconds bare jieba.lcut takes on the normalised texts (one process), and their characters."""
    code = f"""
import sys, time
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from kg.readers import find_files, read
from kg.normalize import normalize
import jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
texts = [normalize(read(p).text).text for p, _ in find_files([Path({str(corpus)!r})]).files]
t = time.perf_counter()
for text in texts:
    jieba.lcut(text)
print(time.perf_counter() - t, sum(map(len, texts)))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1])


def extract_only(corpus: Path) -> float:
    """Seconds the extractor (read → normalise → structure → extract → link) takes on one core."""
    code = f"""
import sys, time
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from kg.readers import find_files, read
from kg.pipeline import extract
from kg.segment import _jieba
_jieba()
sources = [read(p) for p, _ in find_files([Path({str(corpus)!r})]).files]
extract(sources[0])
t = time.perf_counter()
for s in sources:
    extract(s)
print(time.perf_counter() - t)
"""
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def external_corpus(folder: Path, target: Path) -> Path:
    """Write the JSONL reports of shared/external as one .txt each."""
    target.mkdir(parents=True, exist_ok=True)
    n = 0
    for jsonl in sorted(folder.glob("*.jsonl")):
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            n += 1
            (target / f"{jsonl.stem}_{n:03d}.txt").write_text(row["title"] + "\n" + row["content"], encoding="utf-8")
    return target


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--external", type=Path, help="shared/external folder of JSONL reports instead of a corpus")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--rebuild", action="store_true", help="also time a second build with nothing changed")
    ap.add_argument("--no-ratio", action="store_true", help="skip the extractor / jieba ratio")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    corpus = external_corpus(args.external, tmp / "external") if args.external else args.corpus
    if corpus is None:
        ap.error("name a corpus folder or --external")
    out = args.out or tmp / "out"
    if out.exists():
        shutil.rmtree(out)
    wall, peak, peak_one, info = run_build(corpus, out, args.jobs)
    reports = info["reports_extracted"] + info["reports_reused"]
    chars = info["characters_extracted"]
    print(f"corpus: {corpus} ({reports} reports, {chars:,} characters)")
    print(f"full build, --jobs {args.jobs}: {wall:.1f} s wall; {reports / wall:.1f} reports/s; "
          f"{chars / wall:,.0f} characters/s; {info['triples']:,} triples; peak RSS {peak:.0f} MB "
          f"(all processes together; largest single process {peak_one:.0f} MB)")
    print("seconds per stage: " + ", ".join(f"{k} {v}" for k, v in info["seconds"].items()))
    if info["files_failed"]:
        print(f"{len(info['files_failed'])} files failed: {info['files_failed'][:3]}")
    if args.rebuild:
        wall2, _, _, info2 = run_build(corpus, out, args.jobs)
        print(f"rebuild, nothing changed: {wall2:.1f} s wall ({info2['reports_reused']} reports reused)")
    if not args.no_ratio:
        jieba_s, jchars = jieba_baseline(corpus)
        extract_s = extract_only(corpus)
        print(f"one core: bare jieba.lcut {jieba_s:.1f} s ({jchars / jieba_s:,.0f} chars/s); extractor {extract_s:.1f} s; "
              f"ratio {extract_s / jieba_s:.2f}")
        print(f"full build wall / extractor alone on one core: {wall / extract_s:.2f} (bar: at most 1.5); "
              f"{info['triples'] / max(reports, 1):,.0f} triples per report (bar: at most 1,200)")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
