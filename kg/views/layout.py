"""Deterministic, numpy-vectorised force layout (Fruchterman-Reingold with gravity).

Exact all-pairs repulsion up to ``EXACT_LIMIT`` nodes; above it a particle-mesh approximation: exact
forces from the nodes in the 3x3 neighbouring grid cells, and for the rest the grid of node counts
convolved (by FFT) with the 1/d kernel, so one iteration costs ~O(n + near pairs + g^2 log g) instead
of O(n^2).
Same graph + same seed -> same positions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import lru_cache

import numpy as np

EXACT_LIMIT = 200
GRAVITY = 0.3
CELL = 1.5  # grid cell side, in ideal edge lengths
MAX_CELLS = 160

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


@lru_cache(maxsize=8)
def _kernel_fft(g: int) -> tuple[np.ndarray, np.ndarray]:
    """FFT of the repulsion kernel (d / |d|^2, in cell units) on a 2g x 2g torus, zero on the 3x3 block
    around the origin (the near field is done exactly)."""
    off = np.arange(2 * g)
    off = np.where(off < g, off, off - 2 * g)  # wrapped offsets -g..g-1
    dx, dy = np.meshgrid(off, off, indexing="ij")
    d2 = (dx * dx + dy * dy).astype(float)
    near = (np.abs(dx) <= 1) & (np.abs(dy) <= 1)
    d2[near] = 1.0
    kx = np.where(near, 0.0, dx / d2)
    ky = np.where(near, 0.0, dy / d2)
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def _grid_repulsion(pos: np.ndarray, cell: float) -> np.ndarray:
    """Repulsion 1/d: exact from nodes in the 3x3 neighbouring grid cells, and from the rest through a
    mass grid convolved with the kernel by FFT (particle-mesh), so the cost is ~O(n + g^2 log g)."""
    n = len(pos)
    lo = pos.min(0)
    span = float((pos.max(0) - lo).max()) + 1e-9
    g = int(min(MAX_CELLS, max(4, np.ceil(span / cell))))
    size = span / g
    cij = np.minimum(((pos - lo) / size).astype(np.int64), g - 1)

    # far field: masses on a g x g grid, zero-padded to 2g x 2g, convolved with the kernel
    flat = cij[:, 0] * g + cij[:, 1]
    mass = np.zeros((2 * g, 2 * g))
    mass[:g, :g] = np.bincount(flat, minlength=g * g).reshape(g, g)
    kx, ky = _kernel_fft(g)
    fm = np.fft.rfft2(mass)
    fx = np.fft.irfft2(fm * kx, s=mass.shape)[:g, :g] / size
    fy = np.fft.irfft2(fm * ky, s=mass.shape)[:g, :g] / size
    force = np.stack([fx[cij[:, 0], cij[:, 1]], fy[cij[:, 0], cij[:, 1]]], axis=1)

    # near field: exact pairs with the nodes of the 3x3 neighbouring cells (grid padded by one cell)
    gp = g + 2
    cid = (cij[:, 0] + 1) * gp + (cij[:, 1] + 1)
    order = np.argsort(cid, kind="stable")
    counts = np.bincount(cid, minlength=gp * gp)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    for off in (-gp - 1, -gp, -gp + 1, -1, 0, 1, gp - 1, gp, gp + 1):
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


def _pull_in_components(pos: np.ndarray, e: np.ndarray) -> None:
    """Move small components, which repulsion pushes far out, to just outside the largest one."""
    n = len(pos)
    parent = np.arange(n)
    for _ in range(64):  # label propagation to the smallest index = connected components
        if not len(e):
            break
        lab = parent.copy()
        np.minimum.at(lab, e[:, 0], parent[e[:, 1]])
        np.minimum.at(lab, e[:, 1], parent[e[:, 0]])
        lab = lab[lab]
        if np.array_equal(lab, parent):
            break
        parent = lab
    labels, comp = np.unique(parent, return_inverse=True)
    if len(labels) < 2:
        return
    sizes = np.bincount(comp)
    giant = int(np.argmax(sizes))
    centre = pos[comp == giant].mean(0)
    radius = float(np.percentile(np.linalg.norm(pos[comp == giant] - centre, axis=1), 98))
    for k in range(len(labels)):
        if k == giant:
            continue
        members = comp == k
        c = pos[members].mean(0)
        own = float(np.linalg.norm(pos[members] - c, axis=1).max())
        off = c - centre
        dist = float(np.linalg.norm(off)) + 1e-9
        want = radius + own + 1.0
        if dist > want:
            pos[members] += off * (want / dist - 1.0)


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
        placed = force_layout([v for v in nodes if v in linked], edges, seed=seed, iterations=iterations)
        xs = [p[0] for p in placed.values()]
        ys = [p[1] for p in placed.values()]
        cols = max(1, int(np.ceil(np.sqrt(len(lonely) * 0.5))))
        x0, y0 = max(xs) + 2.0, min(ys)
        for i, v in enumerate(lonely):
            placed[v] = (x0 + (i % cols) * 0.8, y0 + (i // cols) * 0.8)
        return placed
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
        iterations = 120 if n <= EXACT_LIMIT else 100
    temp0 = side / 8
    for it in range(iterations):
        force = _exact_repulsion(pos) if n <= EXACT_LIMIT else _grid_repulsion(pos, CELL)
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
    _pull_in_components(pos, e)
    pos -= pos.mean(0)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}
