"""Show a view inline in Jupyter (IPython is optional)."""

from __future__ import annotations

import html
import warnings
from typing import Any

import networkx as nx

from kg.views.page import to_html


def show(subgraph: nx.MultiDiGraph, *, title: str = "dealgraph", height: int = 650) -> Any:
    """An ``IPython.display.HTML`` holding the page in a sandboxed iframe (srcdoc); the HTML string if
    IPython is not installed."""
    page = to_html(subgraph, title=title)
    frame = (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts allow-popups '
        f'allow-popups-to-escape-sandbox" style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        f'title="{html.escape(title, quote=True)}"></iframe>'
    )
    try:
        from IPython.display import HTML
    except ImportError:
        return frame
    with warnings.catch_warnings():  # IPython suggests IFrame, which cannot take srcdoc
        warnings.simplefilter("ignore", UserWarning)
        return HTML(frame)
