"""The workspace's own errors and warnings: each names what is wrong and where (file, line, row, parameter)."""

from __future__ import annotations

__all__ = ["CorpusError", "CorpusWarning", "LexiconError", "ParameterError"]


class CorpusError(ValueError):
    """Bad input in the corpus folder; the message names the file (and metadata row)."""


class CorpusWarning(UserWarning):
    """Something about a document the user should know; the document still loads."""


class LexiconError(ValueError):
    """A malformed line in one of the editable word lists; the message names file and line."""


class ParameterError(ValueError):
    """A bad parameter value; the message names the parameter and what is allowed."""
