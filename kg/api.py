"""The public API: keyword-only functions over the pipeline, each returning a dataclass.

`kg`'s command line is a thin layer over these; programs can call them directly
(`import kg; kg.build(paths=[…], out_dir=…)`). Modules are imported when a function is
called, so `import kg` stays light.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .build import BuildResult
    from .evaluate import Evaluation
    from .push import PushResult
    from .query import Result
    from .records import Extraction
    from .validate import ValidationReport


def extract(path: Path | str) -> Extraction:
    """Read and extract one report file (.txt, .md, .docx, .pdf)."""
    from .pipeline import extract as run
    from .readers import read

    return run(read(Path(path)))


def build(paths: list[Path] | None = None, *, out_dir: Path | str = "output", jobs: int | None = None,
          progress: bool | None = None, views: bool = True, optimize: bool | None = None) -> BuildResult:
    """Build or update the graph of report files and folders (default: the bundled samples)."""
    from .build import build as run

    return run([Path(p) for p in paths] if paths else None, Path(out_dir), jobs=jobs, progress=progress,
               views=views, optimize=optimize)


def query(spec: str, *, graph: Path | str = "output/store", params: dict[str, str] | None = None,
          engine: str = "oxigraph", allow_service: bool = False) -> Result:
    """Run a named query, a .rq file or SPARQL text on a graph file or store."""
    from .query import query as run

    return run(Path(graph), spec, params or {}, engine=engine, allow_service=allow_service)


def serve(*, graph: Path | str = "output/store", host: str = "127.0.0.1", port: int = 7878,
          timeout: float = 10.0, max_rows: int = 10000, memory_mb: int = 1024, concurrent: int = 4,
          read_timeout: float = 30.0, site: Path | str | None = None, cors: str | None = None,
          ready: Any = None) -> None:
    """Serve the graph as a read-only SPARQL endpoint with its views until interrupted."""
    from .serve import Limits
    from .serve import serve as run

    limits = Limits(timeout, max_rows, memory_mb << 20, concurrent, read_timeout=read_timeout)
    run(Path(graph), host, port, limits, Path(site) if site else None, ready=ready, cors=cors)


@dataclass
class ExportResult:
    path: Path
    count: int  # triples, or GraphML nodes
    unit: str


def export(*, graph: Path | str = "output/store", fmt: str, out: Path | str, report: str | None = None,
           construct: str | None = None) -> ExportResult:
    """Export the whole graph, one report's part or a CONSTRUCT result (ttl, nt, jsonld; or the corpus network as graphml, gexf); `out` "-" is standard output."""
    from .export import export as run

    n = run(Path(graph), fmt, Path(out), report, construct)
    return ExportResult(Path(out), n, "nodes" if fmt in ("graphml", "gexf") else "triples")


def push(*, endpoint: str, source: Path | str = "output/store", graph: str | None = None, auth: str | None = None,
         append: bool = False, chunk: int = 100_000, progress: bool = False, timeout: float = 600.0,
         sparql: str | None = None, keep_graphs: bool = False) -> PushResult:
    """Send a graph to a SPARQL 1.1 Graph Store endpoint (into `graph`, the default graph, or with
    `keep_graphs` each named graph of the store under its own IRI); the count is confirmed through
    `sparql` (or the query endpoint that goes with the store URL)."""
    from .push import push as run

    return run(Path(source), endpoint, graph, auth, append, chunk, progress=progress, timeout=timeout, sparql=sparql,
               keep_graphs=keep_graphs)


def validate(graph: Path | str = "output/graph.ttl") -> ValidationReport:
    """Check a graph against the packaged SHACL shapes."""
    from .validate import validate as run

    return run(Path(graph))


def evaluate(*, gold: Path | str, texts: Path | str) -> Evaluation:
    """Score the extractor against gold annotations."""
    from .evaluate import evaluate as run

    return run(Path(gold), Path(texts))


@dataclass
class ViewsResult:
    out_dir: Path
    nodes: int
    total: int
    reports: int


def views(*, graph: Path | str = "output/store", out_dir: Path | str = "output", max_nodes: int = 400) -> ViewsResult:
    """Write the analysis, the overview, the index and the report pages of a graph."""
    from .store import load_graph
    from .views import write_views

    out = Path(out_dir)
    store = load_graph(Path(graph))
    out.mkdir(parents=True, exist_ok=True)
    info = write_views(store, out, max_nodes=max_nodes)
    return ViewsResult(out, info["nodes"], info["total"], info["reports"])


def analyze(*, graph: Path | str = "output/store", out_dir: Path | str = "output") -> dict[str, Any]:
    """Rankings, communities, trends, recurring problems and shared text, written as analysis.json/.html."""
    from .analysis import write_analysis
    from .store import load_graph

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return write_analysis(load_graph(Path(graph)), out)
