"""Keyword in context: every occurrence of a string or a token, with its context.

String mode matches raw strings in the cleaned paragraph text (so ``自立自强``
also finds ``高水平科技自立自强``); token mode, with ``tokens=``, matches whole tokens.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import engine
from ..errors import ParameterError
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
    """
    columns = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    if not query:
        raise ParameterError("query='' must not be empty: kwic needs a string to look for")
    source = engine.wrap(paragraphs)
    if tokens is not None:
        table = engine.wrap(tokens).token_contexts(query, 8 if window is None else window, source)
        return table.astype({"para_no": "int64", "start": "int64", "end": "int64"})
    width = 20 if window is None else window
    pattern = check_pattern("query", query) if regex else re.compile(re.escape(query))
    rows = []
    found = source.paragraphs_with(query, pattern=pattern if regex else None)
    for doc_id, section, para_no, text in found.itertuples(index=False):
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            rows.append((doc_id, section, para_no, m.start(), m.end(), text[max(0, m.start() - width):m.start()],
                         m.group(), text[m.end():m.end() + width]))
    table = pd.DataFrame(rows, columns=columns)
    return table if rows else table.astype({"para_no": "int64", "start": "int64", "end": "int64"})
