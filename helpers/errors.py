"""Errors and warnings that the workspace raises about its input."""

from __future__ import annotations


class CorpusError(ValueError):
    """Bad input in the corpus folder; the message names the file (and metadata row)."""


class CorpusWarning(UserWarning):
    """Something about a document the user should know; the document still loads."""
