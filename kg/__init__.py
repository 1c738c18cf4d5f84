"""dangjian-kg: Chinese reports on grassroots Party-building work → a knowledge graph.

The public API (see kg/api.py): extract, build, query, serve, export, push, validate, evaluate,
views, analyze. Errors a user can cause are `KgError`s with a code (kg.errors.E).
"""

from __future__ import annotations

__version__ = "0.2.0"

from .api import analyze, build, evaluate, export, extract, push, query, serve, validate, views  # noqa: E402
from .errors import KgError  # noqa: E402

__all__ = ["KgError", "__version__", "analyze", "build", "evaluate", "export", "extract", "push", "query", "serve",
           "validate", "views"]
