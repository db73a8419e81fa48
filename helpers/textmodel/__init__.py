"""Measurement models: the positions of documents on a dimension, from a document-feature matrix.

One module per model, named as in quanteda:

* :mod:`.dfm` — :func:`dfm` (the document-feature matrix: SciPy sparse, with docnames, features, docvars);
* :mod:`.wordscores` — :func:`wordscores` (Laver, Benoit & Garry 2003), ``.predict`` with LBG or MV rescaling;
* :mod:`.wordfish` — :func:`wordfish` (Slapin & Proksch 2008), positions with standard errors, ``.predict``;
* :mod:`.ca` — :func:`ca` (classical correspondence analysis, sparse-friendly);
* :mod:`.topics` — :func:`topics` (LDA topics whose shares are regressed on year and genre, with intervals);
* :mod:`.search_k` — :func:`search_k` (held-out likelihood, coherence and exclusivity for each number of topics).

Each model needs several documents (Wordfish and correspondence analysis at least three): one speech alone
has no positions to compare; build the matrix by section (``by="section"``) to scale its parts.
"""

from __future__ import annotations

from .ca import CorrespondenceAnalysis, ca
from .dfm import MIN_DOCUMENTS, DocumentFeatureMatrix, can_scale, dfm, from_counts, reference_ends
from .search_k import search_k
from .topics import Topics, can_fit_topics, topics
from .wordfish import Wordfish, wordfish
from .wordscores import Wordscores, wordscores

__all__ = ["MIN_DOCUMENTS", "CorrespondenceAnalysis", "DocumentFeatureMatrix", "Topics", "Wordfish", "Wordscores",
           "ca", "can_fit_topics", "can_scale", "dfm", "from_counts", "reference_ends", "search_k", "topics",
           "wordfish", "wordscores"]
