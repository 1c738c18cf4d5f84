"""One source for each view: `kg build` and `kg viz` (from the store or from graph.ttl) write the same bytes."""

from __future__ import annotations

import pytest
from kgrun import kg


@pytest.mark.parametrize("graph", ["store", "graph.ttl"])
def test_build_and_viz_write_identical_views(sample_out, tmp_path, graph):
    run = kg("viz", "--graph", str(sample_out / graph), "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    names = ["index.html", "graph.html", "analysis.html"] + sorted(
        f"reports/{p.name}" for p in (sample_out / "reports").glob("*.html"))
    assert len(names) == 8
    for name in names:
        assert (tmp_path / name).read_bytes() == (sample_out / name).read_bytes(), name
