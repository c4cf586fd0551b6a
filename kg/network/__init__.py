"""Network analysis of the projected deal graph (see ``PROJECTION.md``).

Each module holds one family of algorithms; every function takes the typed ``MultiDiGraph`` first and
returns frozen dataclasses with a ``to_dict()`` for JSON. Nothing heavy runs at import time.
"""

from kg.network._common import DealSummary, company_graph
from kg.network.bridges import Bridge, Side, bridges
from kg.network.centrality import Score, centrality
from kg.network.communities import Community, Count, communities
from kg.network.landscape import LandscapeAsset, TargetLandscape, target_landscape
from kg.network.partners import Partner, partners
from kg.network.paths import DealPath, PathStep, deal_paths

__all__ = [
    "Bridge",
    "Community",
    "Count",
    "DealPath",
    "DealSummary",
    "LandscapeAsset",
    "Partner",
    "PathStep",
    "Score",
    "Side",
    "TargetLandscape",
    "bridges",
    "centrality",
    "communities",
    "company_graph",
    "deal_paths",
    "partners",
    "target_landscape",
]
