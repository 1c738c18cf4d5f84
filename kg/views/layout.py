"""Where the overview's nodes stand: a seeded networkx layout, then every node-and-label box pushed
apart until no two overlap — in canvas units, so they stay apart at any zoom, the fitted one included.

A box is the node's shape and, under it, its label (the way vis-network draws dots, diamonds, squares
and triangles); a report's label sits inside its box. Label widths are estimated generously (a CJK
character as wide as the font is high).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

LABEL_CHARS = 10  # longer labels are cut with … (the panel shows the whole name)
PAD = 3.0


def display_label(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def text_width(text: str, font: float) -> float:
    return sum(1.08 * font if ord(ch) > 0x2E80 else 0.68 * font for ch in text)


def sizes(reports: int, most: int) -> tuple[float, float]:
    """(node radius, label font size) in canvas units for an entity named by `reports` reports."""
    share = math.sqrt(reports / max(most, 1))
    return 10 + 22 * share, 13 + 9 * share


def box(entity: list[Any], most: int) -> tuple[float, float, float]:
    """(width, height, downward shift of the box centre from the node centre)."""
    radius, font = sizes(entity[3], most)
    label_w = text_width(display_label(entity[1]), font)
    if entity[2] == "Report":
        return label_w + 2 * PAD + 10, font * 1.3 + 2 * PAD + 10, 0.0
    height = 2 * radius + 5 + font * 1.35
    return max(2 * radius, label_w) + 2 * PAD, height + 2 * PAD, (height / 2) - radius


def _separate(xy: np.ndarray, wh: np.ndarray, rounds: int = 400) -> np.ndarray:
    """Push overlapping boxes apart along their axis of least overlap until none overlaps."""
    n = len(xy)
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox = (wh[:, None, 0] + wh[None, :, 0]) / 2 - np.abs(dx)
        oy = (wh[:, None, 1] + wh[None, :, 1]) / 2 - np.abs(dy)
        overlap = (ox > 0) & (oy > 0)
        np.fill_diagonal(overlap, False)
        if not overlap.any():
            break
        move = np.zeros_like(xy)
        along_x = overlap & (ox <= oy)
        along_y = overlap & (ox > oy)
        sx = np.where(dx >= 0, 1.0, -1.0)
        sy = np.where(dy >= 0, 1.0, -1.0)
        move[:, 0] = (np.where(along_x, sx * (ox / 2 + 0.5), 0.0)).sum(axis=1)
        move[:, 1] = (np.where(along_y, sy * (oy / 2 + 0.5), 0.0)).sum(axis=1)
        counts = overlap.sum(axis=1).clip(min=1)
        xy = xy + move / counts[:, None] * 1.2
        if n == 0:
            break
    return xy


def layout(rows: list[list[Any]], ids: list[int], edges: list[tuple[int, int, float]]) -> dict[int, list[float]]:
    """Positions (x, y of the node centre) for the entities `rows` (their indexes `ids`)."""
    import networkx as nx

    if not rows:
        return {}
    most = max(r[3] for r in rows if r[2] != "Report") if any(r[2] != "Report" for r in rows) else 1
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_weighted_edges_from((a, b, math.log1p(w)) for a, b, w in edges)
    pos = nx.spring_layout(g, seed=7, k=2.5 / math.sqrt(len(ids)), iterations=60, weight="weight")
    if len(ids) <= 300:
        pos = nx.kamada_kawai_layout(g, pos=pos)
    boxes = [box(r, most) for r in rows]
    area = sum(w * h for w, h, _ in boxes)
    scale = math.sqrt(area) * 0.55
    xy = np.array([[pos[i][0] * scale, pos[i][1] * scale] for i in ids], dtype=float)
    wh = np.array([[w, h] for w, h, _ in boxes], dtype=float)
    shift = np.array([s for _, _, s in boxes], dtype=float)
    centres = xy.copy()
    centres[:, 1] += shift
    centres = _separate(centres, wh)
    centres[:, 1] -= shift
    return {i: [round(float(x), 1), round(float(y), 1)] for i, (x, y) in zip(ids, centres)}
