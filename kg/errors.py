"""Errors a user can cause, each printed by the CLI as one line with exit status 2."""

from __future__ import annotations


class DealgraphError(Exception):
    """An error caused by the user's input (file, name, query): shown as one line, exit status 2."""

    exit_code = 2


class InputError(DealgraphError):
    """A file or value the user gave is malformed; the message names it, with line where known."""


class UnknownNameError(DealgraphError, KeyError):
    """A company, asset or target name that resolves to nothing; carries the closest known names."""

    def __init__(self, kind: str, name: str, suggestions: list[str]):
        self.kind, self.name, self.suggestions = kind, name, suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class AmbiguousNameError(DealgraphError):
    """A name that resolves to more than one entity."""


class QueryError(DealgraphError):
    """A SPARQL query that is malformed, forbidden (network, files, updates) or too slow."""


class StoreBusyError(DealgraphError):
    """Another process holds the store for writing."""


class ValidationError(DealgraphError):
    """Data that breaks the SHACL shapes; the message names the offending node."""
