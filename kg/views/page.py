"""Write a self-contained HTML page for a projected deal (sub)graph.

pyvis's ``Network`` holds the nodes and edges (its lists are filled in bulk), but the page comes from
our own autoescaping Jinja2 template with vis-network's JS and CSS inlined from pyvis's package
folder: no CDN, no Bootstrap, no fonts, no requests at all (a Content-Security-Policy says so too).
Node and edge ids in the page are opaque (n0, e0, ...); all user data travels as JSON inside a
``<script type="application/json">`` block with <, > and & escaped, and the page's script only ever
puts it in the DOM through ``textContent`` (links through ``href`` after an http/https check).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.views import style
from kg.views.layout import force_layout

PHYSICS_LIMIT = 300  # above this many nodes: positions from Python, physics off
SCALE = 80.0  # pixels per unit of layout length
LAYOUT_SEED = 7
VIS_VERSION = "vis-9.1.2"

__all__ = ["render", "to_html", "build_network", "page_data", "PHYSICS_LIMIT"]

_STATIC = Path(__file__).with_name("static")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped in pyvis, made safe to inline."""
    lib = resources.files("pyvis") / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", css)
    if re.search(r"</script|<!--", js, re.I) or re.search(r"</style", css, re.I):
        raise RuntimeError("vis-network asset cannot be inlined safely")
    return js, css


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(_STATIC)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def json_for_script(value: Any) -> Markup:
    """JSON that cannot end or open markup inside a <script> block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return Markup(text)


def _num(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _strs(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def build_network(G: nx.MultiDiGraph, *, seed: int = LAYOUT_SEED) -> Network:
    """A pyvis Network holding the vis nodes/edges for G (opaque ids, styles, positions, plain titles)."""
    order = sorted(G.nodes, key=str)
    ids = {n: f"n{i}" for i, n in enumerate(order)}
    physics = len(order) <= PHYSICS_LIMIT
    big = len(order) > 1000
    pos = force_layout(order, [(u, v) for u, v in G.edges()], seed=seed)

    deal_count: Counter[str] = Counter()
    deal_values = [_num(d.get("value_usd_m")) for _u, _v, d in G.edges(data=True) if d.get("kind") == "deal"]
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "deal":
            deal_count[u] += 1
            deal_count[v] += 1
    company_values = {
        n: _num(d.get("deal_value_usd_m"))
        if d.get("deal_value_usd_m") is not None
        else sum(
            _num(e.get("value_usd_m")) or 0.0
            for _a, _b, e in list(G.out_edges(n, data=True)) + list(G.in_edges(n, data=True))
            if e.get("kind") == "deal"
        )
        for n, d in G.nodes(data=True)
        if d.get("kind") == "company"
    }
    vmax_company = max((v or 0.0 for v in company_values.values()), default=0.0)
    vmax_deal = max((v or 0.0 for v in deal_values), default=0.0)

    nodes: list[dict[str, Any]] = []
    for n in order:
        d = G.nodes[n]
        kind = str(d.get("kind") or "other")
        value = company_values.get(n)
        size = (
            style.scaled(value, vmax_company, style.COMPANY_MIN, style.COMPANY_MAX)
            if kind == "company"
            else 9.0
        )
        x, y = pos[n]
        node = {
            "id": ids[n],
            "label": str(d.get("label") or n),
            "kind": kind if kind in style.NODE_STYLE else "other",
            "size": size,
            "x": round(x * SCALE, 1),
            "y": round(y * SCALE, 1),
            "lines": style.node_lines(d, deal_count[n]),
            "iri": str(n),
            "country": d.get("country") if kind == "company" else None,
            "modality": d.get("modality") if kind == "asset" else None,
            "dealValue": value,
        }
        nodes.append(node)

    # the biggest companies keep a readable label when a large graph is zoomed out to fit
    if len(nodes) > 150:
        xs = [nd["x"] for nd in nodes]
        ys = [nd["y"] for nd in nodes]
        fit_scale = 800.0 / max(max(xs) - min(xs), max(ys) - min(ys), 1.0)  # ~ vis's zoom to fit
        font = round(min(150.0, max(18.0, 14.0 / fit_scale)))
        top = sorted(
            (nd for nd in nodes if nd["kind"] == "company" and nd["dealValue"]),
            key=lambda nd: (-nd["dealValue"], nd["id"]),
        )[: max(5, min(25, len(nodes) // 100))]
        for nd in top:
            nd["fontSize"] = font

    pair_count: Counter[frozenset[str]] = Counter()
    pair_seen: Counter[frozenset[str]] = Counter()
    for u, v, d in G.edges(data=True):
        if d.get("kind") == "deal":
            pair_count[frozenset((u, v))] += 1
    edges: list[dict[str, Any]] = []
    deal_ids: dict[Any, str] = {}
    for i, (u, v, k, d) in enumerate(
        sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    ):
        kind = str(d.get("kind") or "other")
        edge: dict[str, Any] = {
            "id": f"e{i}",
            "from": ids[u],
            "to": ids[v],
            "kind": kind if kind in style.EDGE_STYLE else "other",
        }
        if kind == "deal":
            value = _num(d.get("value_usd_m"))
            lines = style.deal_lines(d, str(G.nodes[u].get("label") or u), str(G.nodes[v].get("label") or v))
            edge.update(
                width=style.scaled(value, vmax_deal, style.DEAL_MIN_WIDTH, style.DEAL_MAX_WIDTH),
                lines=[ln for ln in lines if not ln.startswith("Source: ")],
                sources=_strs(d.get("sources")),
                year=d.get("year") if isinstance(d.get("year"), int) else None,
                modalities=_strs(d.get("modalities")),
                assets=[ids[a] for a in _strs(d.get("assets")) if a in ids],
                dealValue=value,
            )
            deal_ids[d.get("deal") or k] = edge["id"]
            pair = frozenset((u, v))
            if pair_count[pair] > 1 and not big:  # parallel / reciprocal deals: curve them apart
                pair_seen[pair] += 1
                edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2 * pair_seen[pair]}
        else:
            edge["width"] = 0.6 if kind == "develops" else 1.0
            edge["lines"] = [f"{G.nodes[u].get('label') or u} {kind} {G.nodes[v].get('label') or v}"]
            if kind == "licenses":
                edge["deal"] = str(d.get("deal") or "")
        edges.append(edge)
    for edge in edges:  # a licenses edge follows the visibility of its deal
        if edge["kind"] == "licenses":
            edge["dealEdge"] = deal_ids.get(edge.pop("deal"))

    net = Network(directed=True, cdn_resources="remote")
    net.nodes = nodes
    net.edges = edges
    net.node_ids = [nd["id"] for nd in nodes]
    net.node_map = {nd["id"]: nd for nd in nodes}
    net.options = _vis_options(len(nodes), physics)  # type: ignore[assignment]
    net.edge_styles = _edge_styles(big)  # type: ignore[attr-defined]
    net.focus = ids.get(G.graph.get("focus"))  # type: ignore[attr-defined]
    return net


def _edge_styles(big: bool) -> dict[str, dict[str, Any]]:
    """Per-kind vis edge options, applied by the page's script (vis-network has no edge groups)."""
    out = {}
    for kind, st in list(style.EDGE_STYLE.items()) + [("other", style.OTHER_EDGE)]:
        out[kind] = {
            "color": {"color": st["color"], "highlight": "#d62728", "hover": "#d62728", "opacity": 0.9},
            "dashes": False if big else st["dashes"],  # dashed lines draw slowly
            "arrows": {
                "to": {"enabled": kind == "deal" or not big, "scaleFactor": 0.5 if kind == "deal" else 0.3}
            },
        }
    return out


def _vis_options(n: int, physics: bool) -> dict[str, Any]:
    big = n > 1000
    groups = {
        kind: {
            "shape": st["shape"],
            "size": 9,
            "color": {
                "background": st["color"],
                "border": st["border"],
                "highlight": {"background": st["color"], "border": "#000000"},
                "hover": {"background": st["color"], "border": "#000000"},
            },
        }
        for kind, st in list(style.NODE_STYLE.items()) + [("other", style.OTHER_NODE)]
    }
    return {
        "groups": groups,
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 150, "fit": True},
        }
        if physics
        else {"enabled": False},
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


def page_data(G: nx.MultiDiGraph, *, title: str) -> dict[str, Any]:
    """Everything the page's script needs, as one JSON-able dict."""
    net = build_network(G)
    years = sorted({e["year"] for e in net.edges if e.get("year") is not None})
    modalities = sorted(
        {m for e in net.edges for m in e.get("modalities", [])}
        | {nd["modality"] for nd in net.nodes if nd.get("modality")}
    )
    countries = sorted({nd["country"] for nd in net.nodes if nd.get("country")})
    kinds = Counter(nd["kind"] for nd in net.nodes)
    return {
        "title": title,
        "note": G.graph.get("note"),
        "focus": net.focus,
        "nodes": net.nodes,
        "edges": net.edges,
        "options": net.options,
        "edgeStyles": net.edge_styles,
        "years": [years[0], years[-1]] if years else None,
        "modalities": modalities,
        "countries": countries,
        "counts": dict(kinds),
    }


def _legend() -> dict[str, list[dict[str, Any]]]:
    return {
        "nodes": [dict(kind=k, **v) for k, v in style.NODE_STYLE.items()],
        "edges": [dict(kind=k, **v) for k, v in style.EDGE_STYLE.items()],
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def to_html(subgraph: nx.MultiDiGraph, *, title: str = "dealgraph") -> str:
    """The page as a string: self-contained, no outside requests, user data escaped."""
    vis_js, vis_css = _vis_assets()
    app_js = (_STATIC / "view.js").read_text(encoding="utf-8")
    app_css = (_STATIC / "view.css").read_text(encoding="utf-8")
    data = page_data(subgraph, title=title)
    kinds = defaultdict(int, data["counts"])
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        _env()
        .get_template("view.html.j2")
        .render(
            title=title,
            note=data["note"],
            csp=csp,
            vis_js=Markup(vis_js),
            vis_css=Markup(vis_css),
            app_js=Markup(app_js),
            app_css=Markup(app_css),
            data_json=json_for_script(data),
            legend=_legend(),
            n_nodes=len(data["nodes"]),
            n_edges=len(data["edges"]),
            n_deals=sum(1 for e in data["edges"] if e["kind"] == "deal"),
            kinds=kinds,
        )
    )


def render(subgraph: nx.MultiDiGraph, path: str | Path, *, title: str = "dealgraph") -> Path:
    """Write the page to ``path`` (parent folders created) and return the path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_html(subgraph, title=title), encoding="utf-8")
    return out
