"""Keyword in context: every occurrence of a string or a token, with its context.

String mode matches raw strings in the cleaned paragraph text (so ``自立自强``
also finds ``高水平科技自立自强``); token mode, with ``tokens=``, matches whole tokens.
"""

from __future__ import annotations

import re
import warnings

import pandas as pd

from .. import engine
from ..errors import ParameterError, TermWarning
from ..validate import check_pattern


def kwic(
    paragraphs: pd.DataFrame,
    query: str,
    *,
    tokens: pd.DataFrame | None = None,
    window: int | None = None,
    regex: bool = False,
) -> pd.DataFrame:
    """Keyword in context.

    String mode (default): every occurrence of ``query`` (a literal string, or
    a regular expression with ``regex=True``) in the cleaned paragraph text,
    with ``window`` characters of context (default 20).  Token mode (pass
    ``tokens``): every token equal to ``query``, with ``window`` tokens of
    context (default 8) from the same paragraph.

    Returns ``doc_id, section, para_no, start, end, left, match, right``
    (``start``/``end`` are character offsets into the paragraph text), in text order.

    A ``query`` the segmenter never keeps as one token (国家安全 is 国家 + 安全) would have no token to match: in
    token mode it is found in the text instead, with ``2 × window`` characters of context (a word is about two
    characters), and a :class:`~helpers.errors.TermWarning` says so, so no term that occurs is missing.
    """
    if not query:
        raise ParameterError("query='' must not be empty: kwic needs a string to look for")
    source = engine.wrap(paragraphs)
    if tokens is not None:
        hits = engine.wrap(tokens).token_contexts(query, 8 if window is None else window, source)
        if len(hits) or regex:
            return hits
        in_text = source.string_contexts(re.compile(re.escape(query)), 16 if window is None else 2 * window,
                                         literal=query)
        if in_text.empty:
            return hits  # nowhere in the text either
        warnings.warn(f"{query!r} is never one token (the segmenter splits it): its occurrences in the text are "
                      "shown instead", TermWarning, stacklevel=2)
        return in_text
    pattern = check_pattern("query", query) if regex else re.compile(re.escape(query))
    return source.string_contexts(pattern, 20 if window is None else window, literal=None if regex else query)
