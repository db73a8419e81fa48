"""Contrasts: what to compare with what, chosen from the corpus itself, and the keyness of the choice.

Notebook 03 runs unchanged on one speech or on many documents; this module
decides what each comparison contrasts:

* :func:`choose_contrast` — the target document (default: the latest) and its
  reference (default: the other documents of the same genre, else all other
  documents, else, for a corpus of one document, general Chinese usage from
  :mod:`helpers.textstat.general_chinese`);
* :func:`comparison_unit` — the unit for similarity and style (the ``by`` of
  :func:`~helpers.textstat.similarity` and :func:`~helpers.textstat.style`):
  documents when there are several (years beyond a hundred), else the sections of the one document;
* :func:`keyness_between` — the keyness table of a chosen contrast;
* :func:`keyness_against_general` — the keyness table of the whole corpus against general Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from .. import engine
from ..validate import check_known
from . import general_chinese as general
from .frequency import counts
from .keyness import keyness
from .nested import nested_in_types
from .trends import chronological, distinct_documents, document_years, short_title
from .works import each_work_once


@dataclass(frozen=True)
class Contrast:
    """A target against a reference: document ids (an empty reference means general Chinese)."""

    target: tuple[str, ...]
    reference: tuple[str, ...]
    target_label: str
    reference_label: str
    reason: str

    @property
    def against_general_chinese(self) -> bool:
        """Whether the reference is general Chinese usage rather than documents of the corpus."""
        return not self.reference


GENERAL_LABEL = "通用汉语 general Chinese (wordfreq)"


def _label(documents: pd.DataFrame, ids: Sequence[str]) -> str:
    if len(ids) == 1:
        row = documents[documents["doc_id"] == ids[0]].iloc[0]
        year = row["year"] if "year" in row.index and pd.notna(row["year"]) else None  # the year column,
        if year is None and pd.notna(row["date"]):  # else the date's (as document_years)
            year = row["date"].year
        return f"{short_title(row['title'], 16)}{'' if year is None else f' {int(year)}'}"
    return f"{len(ids)} documents"


def _latest(pool: pd.DataFrame, *, dated: bool) -> str:
    """The doc_id of the latest document of ``pool`` (by year, then date); among ``dated`` documents equally late
    (a work report and the resolution on it, both of 2019 without a date), the longest: the main text."""
    if len(pool) == 1:
        return pool["doc_id"].iloc[0]
    ordered = chronological(pool)
    if not dated or "n_chars" not in ordered:
        return ordered["doc_id"].iloc[-1]
    years = [None if pd.isna(y) else int(y) for y in document_years(ordered)]
    dates = [str(d) for d in ordered["date"]] if "date" in ordered else [""] * len(ordered)
    keys = list(zip(years, dates, strict=True))
    tied = ordered[[key == keys[-1] for key in keys]]
    return tied["doc_id"].iloc[int(tied["n_chars"].fillna(0).to_numpy().argmax())]


def choose_contrast(documents: pd.DataFrame, *, target: str | Sequence[str] | None = None,
                    reference: str | Sequence[str] | None = None) -> Contrast:
    """The documents to contrast (see the module docstring for the defaults).

    Returns a :class:`Contrast` (not a table): ``target`` and ``reference`` doc_ids, their labels and the
    ``reason`` for the choice.
    """
    ids = documents["doc_id"].tolist()
    chosen = [target] if isinstance(target, str) else list(target or [])
    check_known("target", chosen, ids, what="document with doc_id", counted="documents")
    check_known("reference", [reference] if isinstance(reference, str) else list(reference or []), ids,
                what="document with doc_id", counted="documents")
    timed = ""
    if not chosen:  # the latest by year, then date; a document with neither is never "the latest"
        dated = document_years(documents).notna().to_numpy()
        pool = documents[dated] if dated.any() else documents
        chosen = [_latest(pool, dated=bool(dated.any()))]
        timed = "" if dated.all() else (f"; {int((~dated).sum())} document(s) without a year or date not considered"
                                         if dated.any() else "; no document has a year or date: the last one listed")
    if reference is not None:
        refs = [reference] if isinstance(reference, str) else list(reference)
        reason = "reference chosen by the user"
    else:
        works = _other_works(documents, chosen)
        genres = set(documents.loc[documents["doc_id"].isin(chosen), "genre"])
        same = works[works["genre"].isin(genres) & (works["genre"] != "")]
        refs = (same if len(same) else works)["doc_id"].tolist()
        left_out = len(documents) - len(chosen) - len(works)
        reason = ("the other documents of the same genre" if len(same) else
                  "all other documents" if len(works) else
                  "general Chinese usage: the corpus has only one document")
        if left_out and len(works):
            reason += f" ({left_out} edition(s) of the target or of a reference document left out: each work once)"
    reason += timed
    return Contrast(tuple(chosen), tuple(refs), _label(documents, chosen),
                    _label(documents, refs) if refs else GENERAL_LABEL, reason)


def _other_works(documents: pd.DataFrame, chosen: Sequence[str]) -> pd.DataFrame:
    """The documents that are neither a target nor an edition of one (either way), each work once (later
    editions, named by ``edition_of``, left out)."""
    if len(documents) <= len(chosen) or "edition_of" not in documents.columns:
        return documents[~documents["doc_id"].isin(chosen)]
    edition_of = documents["edition_of"].fillna("").astype(str).str.strip()
    originals = set(edition_of[documents["doc_id"].isin(chosen)]) - {""}
    related = documents["doc_id"].isin([*chosen, *originals]) | edition_of.isin([*chosen, *originals])
    return distinct_documents(documents[~related])


MAX_COMPARED_DOCUMENTS = 100  # documents compared one by one; beyond, years (a similarity matrix stays readable)


def comparison_unit(corpus) -> str:
    """``"section"`` for one document, ``"doc_id"`` for up to :data:`MAX_COMPARED_DOCUMENTS` documents, else
    ``"year"`` (``"genre"`` when every document has the same year): the ``by`` of similarity and style."""
    documents = corpus.documents
    if len(documents) <= 1:
        return "section"
    if len(documents) <= MAX_COMPARED_DOCUMENTS:
        return "doc_id"
    return "year" if document_years(documents).nunique() > 1 or "genre" not in documents else "genre"


def keyness_between(tokens: pd.DataFrame, contrast: Contrast, *, measure: str = "g2", min_count: int = 3,
                    stopwords: bool = True, nested: bool = True) -> pd.DataFrame:
    """Keyness of the contrast's target against its reference (documents, or general Chinese).

    Returns :func:`helpers.textstat.keyness`'s columns: ``term, target, reference, [target_nested,
    reference_nested], statistic, p_value, log_ratio`` plus ``expected`` (G², χ²) or ``delta, variance, z``
    (log-odds).  With ``nested`` (default, documents only) a policy-dictionary term also counts where it
    stands inside a longer dictionary token (:func:`helpers.textstat.nested.nested_counts`), and the
    ``*_nested`` columns say how many of its count were found so.  Against general
    Chinese the reference counts are wordfreq frequencies in a notional corpus of
    :data:`helpers.textstat.general_chinese.DEFAULT_SIZE` tokens, ``min_count`` applies to
    the target count, and the log-odds take general usage as their prior,
    with a weight equal to the target's size.
    """
    source = engine.wrap(tokens)
    target = counts(source.subset(contrast.target), stopwords=stopwords)
    if contrast.against_general_chinese:
        target = target[target >= min_count]
        if target.empty:
            return _no_terms(measure)
        reference = general.counts(target.index)
        # For the log-odds, general usage is the informative prior (Monroe et al.'s background corpus),
        # as strong as the target itself; the notional size of the reference would otherwise swamp it.
        prior = {"prior": reference, "prior_total": general.DEFAULT_SIZE, "prior_scale": float(target.sum())}
        return keyness(target, reference, measure=measure, reference_total=general.DEFAULT_SIZE,
                       **(prior if measure == "log_odds_dirichlet" else {}))
    reference_tokens = source.subset(contrast.reference)
    ref = counts(reference_tokens, stopwords=stopwords)
    inside = {}
    if nested:  # from the word types and their counts (no punctuation holds a term)
        inside = {"target_nested": nested_in_types(counts(source.subset(contrast.target), stopwords=False)),
                  "reference_nested": nested_in_types(counts(reference_tokens, stopwords=False))}
    return keyness(target, ref, measure=measure, min_count=min_count, **inside)


def keyness_against_general(tokens: pd.DataFrame, *, measure: str = "log_ratio", min_count: int = 3,
                            stopwords: bool = True, corpus=None) -> pd.DataFrame:
    """The whole corpus against general Chinese: keyness plus wordfreq's ``frequency`` and ``source``.

    Returns :func:`helpers.textstat.keyness`'s columns (``term, target, reference, statistic, p_value,
    log_ratio`` plus the measure's own) followed by ``frequency, source``; ``source`` says whether the term
    is a word of wordfreq's list or a phrase whose frequency wordfreq estimated from its parts (see
    :mod:`helpers.textstat.general_chinese`).  Each work counts once: a later edition is left out
    (:func:`helpers.textstat.works.each_work_once`); a tokens DataFrame tells its editions when given with its
    ``corpus`` (a tokens dataset knows them).
    """
    target = counts(each_work_once(engine.wrap(tokens, corpus=corpus)), stopwords=stopwords, min_count=min_count)
    if target.empty:
        return _no_terms(measure).assign(frequency=pd.Series(dtype=float), source=pd.Series(dtype=object))
    table = keyness(target, general.counts(target.index), measure=measure,
                    reference_total=general.DEFAULT_SIZE)
    return table.merge(general.frequencies(target.index), on="term", how="left")


def _no_terms(measure: str) -> pd.DataFrame:
    """The keyness table of ``measure`` without rows: no term reached the minimum count."""
    two = pd.Series({"a": 1.0, "b": 1.0})
    return keyness(two, two, measure=measure).iloc[:0].reset_index(drop=True)
