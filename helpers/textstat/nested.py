"""Dictionary terms nested in longer tokens: ``科技强国`` inside ``建设世界科技强国``.

The policy dictionary keeps each formulation whole, longest first, so the
tokenizer turns ``建设世界科技强国`` into one token and ``科技强国`` is then
never a token of that passage.  Counted by tokens alone, a text that says
``世界科技强国`` eleven times would show ``科技强国`` as absent.
:func:`nested_counts` finds, for every dictionary term, its occurrences inside
longer tokens, so keyness can count a formulation wherever its string stands
(see :func:`helpers.textstat.keyness`'s ``target_nested``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .. import engine, lexicon

__all__ = ["nested_counts", "nested_in_types"]


def nested_counts(tokens: pd.DataFrame, *, terms: Iterable[str] | None = None) -> pd.Series:
    """How often each of ``terms`` stands inside a longer token of ``tokens``.

    ``terms`` defaults to the policy dictionary (:func:`helpers.lexicon.policy_terms`).
    Every word token is counted (stopwords too; no punctuation, symbol or digit holds a term): a token ``T``
    seen ``k`` times adds
    ``k × T.count(term)`` (non-overlapping) to each term it contains and is longer
    than.  Returns a Series named ``nested`` indexed by ``term`` (terms with a
    nested count above 0 only), so ``tokens + nested`` is the term's string count
    within the tokens.
    """
    types = engine.wrap(tokens).counts(stopwords=False, pos=None, min_length=1, min_count=1)
    return nested_in_types(types, terms=terms)


def nested_in_types(types: pd.Series, *, terms: Iterable[str] | None = None) -> pd.Series:
    """:func:`nested_counts` from the token types and their counts (a Series: count indexed by token), as
    summed over the chunks of a tokens dataset.  Returns a Series named ``nested`` indexed by ``term``."""
    wanted = set(lexicon.policy_terms()["term"] if terms is None else terms)
    if not wanted or types.empty:
        return pd.Series(dtype=float, name="nested").rename_axis("term")
    shortest = min(len(t) for t in wanted)
    types = types[types > 0]
    found: dict[str, float] = {}
    for token, k in types[types.index.str.len() > shortest].items():
        inside = {token[i:j] for i in range(len(token)) for j in range(i + shortest, len(token) + (i > 0))}
        for term in inside & wanted:
            if term != token:
                found[term] = found.get(term, 0) + k * token.count(term)
    return pd.Series(found, name="nested", dtype=float).rename_axis("term").sort_index()
