"""The workspace's own errors and warnings: each names what is wrong and where (file, line, row, parameter)."""

from __future__ import annotations

__all__ = ["ColumnError", "CorpusError", "CorpusWarning", "LexiconError", "ParameterError", "TermWarning"]


class CorpusError(ValueError):
    """Bad input in the corpus folder; the message names the file (and metadata row)."""


class CorpusWarning(UserWarning):
    """Something about a document the user should know; the document still loads."""


class TermWarning(UserWarning):
    """A term the user gave is not counted the way asked (a term the segmenter never keeps as one token is found
    in the text instead); the result still holds every occurrence."""


class LexiconError(ValueError):
    """A malformed line in one of the editable word lists; the message names file and line."""


class ParameterError(ValueError):
    """A bad parameter value; the message names the parameter and what is allowed."""


class ColumnError(ParameterError, KeyError):
    """A parameter naming a column the table lacks; also a KeyError, as a missing column is in pandas."""

    def __str__(self) -> str:  # the message as written, not KeyError's quoted repr
        return str(self.args[0]) if self.args else ""
