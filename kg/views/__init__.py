"""Interactive, self-contained HTML views of the projected deal graph (see PROJECTION.md).

Pick a part of the graph, then write it::

    from kg.views import ego_view, target_view, deal_view, all_view, render, show
    sub = ego_view(G, "https://w3id.org/dealgraph/id/company/kelun-biotech", depth=1)  # or a label
    render(sub, "out/kelun.html", title="Kelun-Biotech")     # -> Path
    show(sub)                                                 # in Jupyter

``make_view(G, company=..., depth=..., target=..., deal=..., all_nodes=..., max_nodes=...)`` returns
``(subgraph, title)`` for the ``kg view`` command.

The page makes no outside requests (vis-network inlined from pyvis's package, no CDN, no fonts,
a Content-Security-Policy of default-src 'none' with hashed scripts), ids in it are opaque (n0, e0),
user data is JSON in a <script type="application/json"> block and reaches the DOM only as text;
source links are made only for http(s) URLs. Above 300 nodes positions come from a seeded numpy
layout and vis physics is off; 5,000 nodes take ~2-3 s in Python and draw in ~1-2 s.
"""

from kg.views.notebook import show
from kg.views.page import render, to_html
from kg.views.select import (
    ViewError,
    all_view,
    deal_view,
    ego_view,
    find_node,
    make_view,
    partnership_view,
    target_view,
)

__all__ = [
    "ViewError",
    "all_view",
    "deal_view",
    "ego_view",
    "find_node",
    "make_view",
    "partnership_view",
    "render",
    "show",
    "target_view",
    "to_html",
]
