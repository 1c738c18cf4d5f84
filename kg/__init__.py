"""dangjian-kg: Chinese reports on grassroots Party-building work → a knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"
