"""The deal graph as NetworkX: a typed projection of the store and the algorithms run on it."""
