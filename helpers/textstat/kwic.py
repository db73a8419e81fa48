"""Keyword in context: every occurrence of a string or a token, with its context.

String mode matches raw strings in the cleaned paragraph text (so ``自立自强``
also finds ``高水平科技自立自强``); token mode, with ``tokens=``, matches whole tokens.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

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
    from . import engine

    if engine.is_dataset(paragraphs):  # a tokens dataset on disk (or a streamed corpus): queried by DuckDB
        return engine.kwic(paragraphs, query, tokens=tokens, window=window, regex=regex)
    columns = ["doc_id", "section", "para_no", "start", "end", "left", "match", "right"]
    if not query:
        raise ParameterError("query='' must not be empty: kwic needs a string to look for")
    section = paragraphs["section"] if "section" in paragraphs.columns else pd.Series("", index=paragraphs.index)
    rows = []
    if tokens is None:
        width = 20 if window is None else window
        pattern = check_pattern("query", query) if regex else re.compile(re.escape(query))
        for doc_id, sec, para_no, text in zip(paragraphs["doc_id"], section, paragraphs["para_no"],
                                              paragraphs["text"], strict=True):
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                rows.append((doc_id, sec, para_no, m.start(), m.end(), text[max(0, m.start() - width):m.start()],
                             m.group(), text[m.end():m.end() + width]))
        return pd.DataFrame(rows, columns=columns)
    width = 8 if window is None else window
    sections = dict(zip(zip(paragraphs["doc_id"], paragraphs["para_no"], strict=True), section, strict=True))
    hits = np.flatnonzero((tokens["token"] == query).to_numpy())
    words = tokens["token"].to_numpy(dtype=object)
    docs, paras = tokens["doc_id"].to_numpy(dtype=object), tokens["para_no"].to_numpy()
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    for i in hits:
        lo, hi = i, i
        while lo > 0 and i - lo < width and docs[lo - 1] == docs[i] and paras[lo - 1] == paras[i]:
            lo -= 1
        while hi + 1 < len(words) and hi - i < width and docs[hi + 1] == docs[i] and paras[hi + 1] == paras[i]:
            hi += 1
        key = (docs[i], paras[i])
        if key not in sections:
            continue
        rows.append((docs[i], sections[key], paras[i], starts[i], ends[i], " ".join(words[lo:i]), words[i],
                     " ".join(words[i + 1:hi + 1])))
    return pd.DataFrame(rows, columns=columns)
