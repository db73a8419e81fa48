"""Word embeddings by period: how the company a word keeps moved over time.

One module per job:

* :mod:`.periods` — which documents each period holds (a number of equal periods, cut years, or named ranges);
* :mod:`.sentences` — the content tokens of each period, sentence by sentence (through :func:`helpers.engine.wrap`);
* :mod:`.train` — :func:`train`: one word2vec model per period (gensim, one thread, fixed seeds), aligned;
* :mod:`.align` — :func:`align`: every period rotated onto the latest by orthogonal Procrustes;
* :mod:`.query` — :func:`neighbours`, :func:`axis` (semantic projection with bootstrap intervals), :func:`drift`;
* :mod:`.model` — :class:`Embeddings` (the periods and their vectors, as numpy arrays).
"""

from __future__ import annotations

from .align import align
from .model import Embeddings, Space
from .query import axis, drift, neighbours
from .train import ARCHITECTURES, MIN_TOKENS, train

__all__ = ["ARCHITECTURES", "MIN_TOKENS", "Embeddings", "Space", "align", "axis", "drift", "neighbours", "train"]
