"""The document-feature matrix: counts of each term in each document (or group), as a SciPy sparse matrix.

The models of :mod:`helpers.textmodel` (Wordscores, Wordfish, correspondence analysis) all start from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from .. import engine
from ..errors import ParameterError
from ..textstat.works import each_work_once
from ..validate import check_choice, check_int, check_known

__all__ = ["MIN_DOCUMENTS", "DocumentFeatureMatrix", "can_scale", "dfm", "from_counts", "reference_ends",
           "require_documents"]

# Wordfish and correspondence analysis need three documents; Wordscores two references and a text to score
MIN_DOCUMENTS = 3


@dataclass(frozen=True, eq=False)
class DocumentFeatureMatrix:
    """Counts of ``features`` (columns) in ``docnames`` (rows): ``matrix`` is a CSR matrix of int64, ``docvars``
    the documents table's rows (or one row per group) in the matrix's order."""

    matrix: csr_matrix
    docnames: list[str]
    features: list[str]
    docvars: pd.DataFrame

    @property
    def shape(self) -> tuple[int, int]:
        return self.matrix.shape

    def __repr__(self) -> str:
        return f"DocumentFeatureMatrix({len(self.docnames)} documents × {len(self.features)} features)"

    def in_time_order(self) -> list[str]:
        """The docnames by year, then date (``docvars``), those without either last, ties in matrix order."""
        keys = [c for c in ("year", "date") if c in self.docvars.columns]
        if not keys:
            return list(self.docnames)
        table = self.docvars[keys].assign(_row=range(len(self.docnames)))
        if "year" in keys:
            table["year"] = pd.to_numeric(table["year"], errors="coerce")
        order = table.sort_values([*keys, "_row"], na_position="last", kind="stable")["_row"]
        return [self.docnames[i] for i in order]

    def subset(self, docnames: Sequence[str]) -> DocumentFeatureMatrix:
        """The rows ``docnames`` (in that order), keeping only the features that still occur."""
        check_known("docnames", docnames, self.docnames, what="document", counted="documents")
        rows = pd.Index(self.docnames).get_indexer(list(docnames))
        matrix = self.matrix[rows]
        used = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() > 0)
        return DocumentFeatureMatrix(csr_matrix(matrix[:, used]), list(docnames),
                                     [self.features[j] for j in used],
                                     self.docvars.iloc[rows].reset_index(drop=True))


def from_counts(counts, docnames: Sequence[str], features: Sequence[str], *,
                docvars: pd.DataFrame | None = None) -> DocumentFeatureMatrix:
    """A matrix from a dense array or sparse matrix of counts (documents × features) and its names; ``docvars``
    defaults to a table of ``doc_id`` only."""
    matrix = csr_matrix(counts, dtype=np.int64)
    if matrix.shape != (len(docnames), len(features)):
        raise ParameterError(f"counts has shape {matrix.shape}, but {len(docnames)} docnames and "
                             f"{len(features)} features were given: give one name per row and per column")
    if docvars is None:
        docvars = pd.DataFrame({"doc_id": list(docnames)})
    return DocumentFeatureMatrix(matrix, list(docnames), list(features), docvars.reset_index(drop=True))


def can_scale(matrix: DocumentFeatureMatrix) -> bool:
    """Whether ``matrix`` has the :data:`MIN_DOCUMENTS` documents with words that every model needs."""
    return int((np.asarray(matrix.matrix.sum(axis=1)).ravel() > 0).sum()) >= MIN_DOCUMENTS


def reference_ends(matrix: DocumentFeatureMatrix, docs: Sequence[str] | None = None) -> dict[str, float]:
    """Two reference documents at −1 and +1: ``docs`` (two doc_ids, the first at −1), by default the earliest
    and the latest document (:meth:`DocumentFeatureMatrix.in_time_order`).  As ``dir`` of Wordfish, the same
    pair turns the dimension so that the first lies below the second."""
    if docs is None:
        order = matrix.in_time_order()
        docs = [order[0], order[-1]]
    docs = list(docs)
    if len(docs) != 2 or docs[0] == docs[1]:
        raise ParameterError(f"reference_docs={docs!r} must name two different documents: the first is placed at "
                             "−1, the second at +1")
    check_known("reference_docs", docs, matrix.docnames, what="document", counted="documents")
    return {docs[0]: -1.0, docs[1]: 1.0}


def require_documents(matrix: DocumentFeatureMatrix, minimum: int, *, model: str) -> None:
    """Raise :class:`ParameterError` unless ``matrix`` has at least ``minimum`` documents with words in them."""
    n = int((np.asarray(matrix.matrix.sum(axis=1)).ravel() > 0).sum())
    if n < minimum:
        raise ParameterError(f"dfm has {n} document(s) with words; {model} needs at least {minimum}: load a corpus "
                             f"of several documents (a folder of texts or a table), or build the matrix by a finer "
                             f"unit (by='section' on one document)")


def dfm(tokens, *, by: str = "doc_id", min_termfreq: int = 1, min_docfreq: int = 1, stopwords: bool = True,
        editions: str = "once", corpus=None) -> DocumentFeatureMatrix:
    """The document-feature matrix of ``tokens`` (a tokens table, a tokens dataset, a corpus in memory or on disk).

    Rows are the values of ``by`` (``doc_id`` by default; ``year``, ``genre``, ``section`` … pool documents) in
    the order they first occur; features are the content tokens (stopwords left out if ``stopwords``), sorted,
    kept if counted at least ``min_termfreq`` times in all and found in at least ``min_docfreq`` rows.
    ``editions="once"`` leaves out later editions of a work (:func:`helpers.textstat.works.each_work_once`);
    ``"all"`` keeps them.  ``docvars``: by ``doc_id`` the documents table's rows, otherwise ``by, n_documents``.
    ``corpus``: the corpus a tokens DataFrame was segmented from (it tells the editions and document columns).
    """
    check_choice("editions", editions, ("once", "all"))
    min_termfreq = check_int("min_termfreq", min_termfreq, min_value=1)
    min_docfreq = check_int("min_docfreq", min_docfreq, min_value=1)
    source = engine.wrap(tokens, corpus=corpus)
    if by not in source.columns:
        if by not in source.documents.columns and corpus is None:
            raise ParameterError(f"by={by!r}: the tokens have no column {by!r}; give corpus= (the corpus they were "
                                 f"segmented from) or group by one of {', '.join(map(str, source.columns))}")
        source = engine.wrap(source.annotate(corpus, [by]), corpus=corpus)
    if editions == "once":
        source = each_work_once(source)
    table = source.term_counts([by], stopwords=stopwords, pos=None, min_length=1)
    table = table[table[by].notna()]
    present = set(table[by])
    groups = [g for g in source.first_seen(by) if g in present]
    rows = pd.Index(groups).get_indexer(table[by])
    columns, terms = pd.factorize(table["term"].astype(str), sort=True)
    matrix = csr_matrix((table["count"].to_numpy(np.int64), (rows, columns)), shape=(len(groups), len(terms)),
                        dtype=np.int64)
    termfreq = np.asarray(matrix.sum(axis=0)).ravel()
    docfreq = np.asarray((matrix > 0).sum(axis=0)).ravel()
    keep = np.flatnonzero((termfreq >= min_termfreq) & (docfreq >= min_docfreq))
    matrix = csr_matrix(matrix[:, keep])
    matrix.sort_indices()
    return DocumentFeatureMatrix(matrix, [str(g) for g in groups], [str(t) for t in terms[keep]],
                                 _docvars(source.documents, by, groups))


def _docvars(documents: pd.DataFrame, by: str, groups: list) -> pd.DataFrame:
    """The rows describing ``groups``: documents' rows by ``doc_id``, else each group and its number of documents."""
    if by == "doc_id" and "doc_id" in documents.columns:
        found = documents.drop_duplicates("doc_id").set_index("doc_id")
        return found.reindex(groups).rename_axis("doc_id").reset_index()
    if by in documents.columns:
        n = documents.groupby(by, sort=False)["doc_id"].nunique()
        return pd.DataFrame({by: groups, "n_documents": n.reindex(groups).fillna(0).astype("int64").to_numpy()})
    return pd.DataFrame({by: groups})
