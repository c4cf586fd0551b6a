"""Interactive, self-contained HTML views of the projected deal graph (see PROJECTION.md)."""

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
