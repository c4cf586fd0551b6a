"""dealgraph: an open knowledge graph of biopharma licensing deals."""
