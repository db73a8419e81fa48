"""Partial tables of each chunk summed into one: the reduce step of a verb that counts chunk by chunk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["summed"]

FOLD_EVERY = 16  # partial tables held before they are folded into one (memory stays with the distinct keys)
FOLD_ROWS = 1_000_000  # or once the rows added since the last fold pass this and the rows of the folded table


def summed(parts: Iterable[pd.DataFrame], keys: Sequence[str], values: Sequence[str]) -> pd.DataFrame:
    """``[keys…], [values…]``: the ``values`` of every part summed per distinct ``keys`` (first-seen order).
    Each part holds each of its keys once (a table counted per key).

    Exact for any count that adds up over whole documents (a document never spans two chunks).
    """
    keys, values = list(keys), list(values)

    def merged(held: list[pd.DataFrame]) -> pd.DataFrame:
        return pd.concat(held, ignore_index=True).groupby(keys, as_index=False, sort=False)[values].sum()

    held: list[pd.DataFrame] = []
    folded = added = 0  # rows of the folded table, rows added since
    for part in parts:
        held.append(part[[*keys, *values]])
        added += len(part)
        if len(held) > FOLD_EVERY or (len(held) > 1 and added > max(FOLD_ROWS, folded)):  # about 2 × the keys held
            held = [merged(held)]
            folded, added = len(held[0]), 0
    if len(held) == 1:  # one chunk (a corpus in memory): its keys are distinct already
        return held[0].reset_index(drop=True)
    return merged(held) if held else pd.DataFrame(columns=[*keys, *values])
