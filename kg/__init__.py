"""dealgraph: an open knowledge graph of biopharma licensing deals."""

from kg.api import KnowledgeGraph

__all__ = ["KnowledgeGraph"]
__version__ = "0.1.0"
