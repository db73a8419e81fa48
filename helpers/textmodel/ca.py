"""Correspondence analysis: documents and features placed on the principal axes of a count matrix."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import diags
from scipy.sparse.linalg import LinearOperator, svds

from ..validate import check_int
from .dfm import MIN_DOCUMENTS, DocumentFeatureMatrix, require_documents

__all__ = ["CorrespondenceAnalysis", "ca"]

# above this many cells the residuals are never made dense: the SVD runs on the sparse counts
DENSE_CELLS = 20_000_000


@dataclass(frozen=True, eq=False)
class CorrespondenceAnalysis:
    """``documents`` (``doc_id, mass, dim1 …``) and ``features`` (``feature, mass, dim1 …``) in standard
    coordinates; ``singular_values`` of the kept dimensions; ``inertia`` the total inertia (χ²/n)."""

    documents: pd.DataFrame
    features: pd.DataFrame
    singular_values: np.ndarray
    inertia: float

    @property
    def explained(self) -> np.ndarray:
        """The share of the total inertia each kept dimension holds (its singular value squared)."""
        return self.singular_values ** 2 / self.inertia


def ca(dfm: DocumentFeatureMatrix, *, n_dims: int = 2, random_state: int = 0) -> CorrespondenceAnalysis:
    """Classical correspondence analysis of ``dfm`` (Greenacre 1984): the singular value decomposition of the
    standardised residuals ``D_r^-1/2 (P − r cᵀ) D_c^-1/2`` of the correspondence matrix ``P = N / n``.

    Standard coordinates are the singular vectors divided by the square roots of the row (column) masses;
    principal coordinates are them times the singular values.  Small matrices are decomposed dense
    (``numpy.linalg.svd``); above :data:`DENSE_CELLS` cells the residuals stay implicit (a sparse matrix minus a
    rank-one term) and ``scipy.sparse.linalg.svds`` finds the ``n_dims`` largest (its start vector drawn with
    ``random_state``).  Signs of the axes are
    arbitrary; here each axis is turned so that its largest document coordinate is positive.  Documents and
    features without counts are left out.  Needs three documents or more.
    """
    require_documents(dfm, MIN_DOCUMENTS, model="correspondence analysis")
    counts = dfm.matrix.astype(float)
    rows = np.flatnonzero(np.asarray(counts.sum(axis=1)).ravel() > 0)
    cols = np.flatnonzero(np.asarray(counts.sum(axis=0)).ravel() > 0)
    counts = counts[rows][:, cols]
    n_max = min(counts.shape) - 1
    n_dims = check_int("n_dims", n_dims, min_value=1, max_value=n_max)
    p = counts / counts.sum()
    r = np.asarray(p.sum(axis=1)).ravel()
    c = np.asarray(p.sum(axis=0)).ravel()
    scaled = diags(1 / np.sqrt(r)) @ p @ diags(1 / np.sqrt(c))
    sr, sc = np.sqrt(r), np.sqrt(c)
    inertia = float(scaled.multiply(scaled).sum() - 1)
    if counts.shape[0] * counts.shape[1] <= DENSE_CELLS:
        u, s, vt = np.linalg.svd(scaled.toarray() - np.outer(sr, sc), full_matrices=False)
    else:
        residuals = LinearOperator(
            counts.shape, dtype=float,
            matvec=lambda x: scaled @ np.ravel(x) - sr * (sc @ np.ravel(x)),
            rmatvec=lambda y: scaled.T @ np.ravel(y) - sc * (sr @ np.ravel(y)),
            matmat=lambda x: scaled @ x - np.outer(sr, sc @ x),
            rmatmat=lambda y: scaled.T @ y - np.outer(sc, sr @ y))
        u, s, vt = svds(residuals, k=n_dims, random_state=random_state)
        order = np.argsort(s)[::-1]
        u, s, vt = u[:, order], s[order], vt[order]
    u, s, v = u[:, :n_dims], s[:n_dims], vt[:n_dims].T
    flip = np.where(u[np.abs(u).argmax(axis=0), range(n_dims)] < 0, -1.0, 1.0)
    u, v = u * flip, v * flip
    dims = [f"dim{k + 1}" for k in range(n_dims)]
    documents = pd.DataFrame(u / sr[:, None], columns=dims)
    documents.insert(0, "mass", r)
    documents.insert(0, "doc_id", [dfm.docnames[i] for i in rows])
    features = pd.DataFrame(v / sc[:, None], columns=dims)
    features.insert(0, "mass", c)
    features.insert(0, "feature", [dfm.features[j] for j in cols])
    return CorrespondenceAnalysis(documents, features, s, inertia)
