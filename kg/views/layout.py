"""Deterministic, numpy-vectorised force layout (Fruchterman-Reingold with gravity).

Exact all-pairs repulsion up to ``EXACT_LIMIT`` nodes; above it a grid approximation: exact forces
from the nodes in the 3x3 neighbouring cells, and from every other cell's centroid (weighted by its
node count) for the rest, so one iteration costs O(n * cells + near pairs) instead of O(n^2).
Same graph + same seed -> same positions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

EXACT_LIMIT = 800
GRAVITY = 0.3

__all__ = ["force_layout", "EXACT_LIMIT"]


def _exact_repulsion(pos: np.ndarray) -> np.ndarray:
    delta = pos[:, None, :] - pos[None, :, :]
    d2 = (delta**2).sum(-1) + 1e-4
    np.fill_diagonal(d2, np.inf)
    return (delta / d2[..., None]).sum(1)


def _scatter(force: np.ndarray, idx: np.ndarray, f: np.ndarray) -> None:
    n = len(force)
    force[:, 0] += np.bincount(idx, weights=f[:, 0], minlength=n)
    force[:, 1] += np.bincount(idx, weights=f[:, 1], minlength=n)


def _grid_repulsion(pos: np.ndarray, cells_per_side: int) -> np.ndarray:
    n = len(pos)
    lo = pos.min(0)
    span = float((pos.max(0) - lo).max()) + 1e-9
    size = span / cells_per_side
    cij = np.minimum(((pos - lo) / size).astype(np.int64), cells_per_side - 1)
    g = cells_per_side + 2  # padded so neighbour offsets never wrap
    cid = (cij[:, 0] + 1) * g + (cij[:, 1] + 1)
    order = np.argsort(cid, kind="stable")
    counts = np.bincount(cid, minlength=g * g)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))

    # far field, cell to cell: each non-empty cell is one mass at its centroid, and every node of a
    # cell gets its cell's far force (cells in the 3x3 neighbourhood are left to the exact pass)
    occupied = np.nonzero(counts)[0]
    mass = counts[occupied].astype(pos.dtype)
    cent = (
        np.stack([np.bincount(cid, weights=pos[:, k], minlength=g * g)[occupied] for k in (0, 1)], axis=1)
        / mass[:, None]
    )
    dx = cent[:, None, 0] - cent[None, :, 0]
    dy = cent[:, None, 1] - cent[None, :, 1]
    w = mass[None, :] / (dx * dx + dy * dy + 1e-4)
    ox = (occupied // g)[:, None] - (occupied // g)[None, :]
    oy = (occupied % g)[:, None] - (occupied % g)[None, :]
    w[(np.abs(ox) <= 1) & (np.abs(oy) <= 1)] = 0.0
    cell_force = np.zeros((g * g, 2))
    cell_force[occupied, 0] = (dx * w).sum(1)
    cell_force[occupied, 1] = (dy * w).sum(1)
    force = cell_force[cid]

    # near field: exact pairs with the nodes of the 3x3 neighbouring cells
    for off in (-g - 1, -g, -g + 1, -1, 0, 1, g - 1, g, g + 1):
        nb = cid + off
        cnt = counts[nb]
        total = int(cnt.sum())
        if total == 0:
            continue
        i = np.repeat(np.arange(n), cnt)
        first = np.repeat(starts[nb] - (np.cumsum(cnt) - cnt), cnt)
        j = order[first + np.arange(total)]
        keep = i != j
        i, j = i[keep], j[keep]
        d = pos[i] - pos[j]
        _scatter(force, i, d / ((d**2).sum(1) + 1e-4)[:, None])
    return force


def force_layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable]],
    *,
    seed: int = 7,
    iterations: int | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Positions (ideal edge length ~1) for ``nodes``; deterministic for the same inputs and seed.

    Nodes without edges are not simulated (they would only be pushed out into a ring): they are
    packed in a grid block to the right of the drawing.
    """
    linked = {x for e in edges for x in e[:2]}
    lonely = [v for v in nodes if v not in linked]
    if lonely and len(lonely) < len(nodes):
        pos = force_layout([v for v in nodes if v in linked], edges, seed=seed, iterations=iterations)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        cols = max(1, int(np.ceil(np.sqrt(len(lonely) * 0.5))))
        x0, y0 = max(xs) + 2.0, min(ys)
        for i, v in enumerate(lonely):
            pos[v] = (x0 + (i % cols) * 0.8, y0 + (i // cols) * 0.8)
        return pos
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in edges if u != v}
    e = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = np.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    if iterations is None:
        iterations = 120 if n <= EXACT_LIMIT else 60
    cells = max(4, min(100, int(np.sqrt(n / 0.7))))
    temp0 = side / 8
    for it in range(iterations):
        force = _exact_repulsion(pos) if n <= EXACT_LIMIT else _grid_repulsion(pos, cells)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.sqrt((d**2).sum(1)) + 1e-9
            f = d * dist[:, None]  # attraction d^2 along the edge
            _scatter(force, e[:, 0], -f)
            _scatter(force, e[:, 1], f)
        force -= GRAVITY * pos  # gravity keeps separate components together
        mag = np.sqrt((force**2).sum(1)) + 1e-9
        temp = temp0 * (1 - it / iterations) + 0.02
        pos += force * (np.minimum(mag, temp) / mag)[:, None]
    pos -= pos.mean(0)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}
