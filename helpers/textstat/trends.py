"""Trends over time, per genre, each text counted once.

A government work report and a speech differ in length, vocabulary and
purpose, so a line through both draws genre, not time.  :func:`term_trends`
and :func:`formulation_trends` therefore give one series per genre (or keep
the genres asked for), count each text once (a later edition, named by the
documents column ``edition_of``, is left out; without that column every
document counts), and give one row per year that has documents: a year
without documents has no row, so a figure draws a gap there, not a line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import engine
from ..corpus import dates
from ..corpus.editions import later_editions
from ..tokens.tokenizer import tokenizer

__all__ = ["GENRE_NAMES", "MAX_DOCUMENT_COLUMNS", "chronological", "distinct_documents", "document_columns",
           "document_labels", "document_years", "formulation_trends", "pool_columns", "short_title", "term_trends"]


def distinct_documents(documents: pd.DataFrame) -> pd.DataFrame:
    """The documents that are not a later edition of another among them (:func:`helpers.corpus.later_editions`,
    the one rule of "each work once"); same columns and index."""
    return documents[~later_editions(documents)]


def document_years(documents: pd.DataFrame) -> pd.Series:
    """The year of every document, indexed by ``doc_id``: the ``year`` column, else the date's year (Int64)."""
    from_date = dates.years(documents["date"])
    year = pd.to_numeric(documents["year"], errors="coerce") if "year" in documents.columns else from_date
    year = year.fillna(from_date)
    return pd.Series(year.to_numpy(), index=documents["doc_id"].to_numpy(), name="year").astype("Int64")


def chronological(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` in time order: by year (the ``year`` column, else the date's), then date, then ``doc_id``;
    a document with neither year nor date comes last (same columns, a new table)."""
    when = pd.DataFrame({"year": document_years(documents).to_numpy(),
                         "date": dates.parse_dates(documents["date"]).to_numpy() if "date" in documents
                         else pd.NaT, "doc_id": documents["doc_id"].to_numpy()})
    order = when.sort_values(["year", "date", "doc_id"], na_position="last").index
    return documents.iloc[order]


def _yearly(per_document: pd.DataFrame, sizes: pd.Series, documents: pd.DataFrame, *, series: str,
            size: str, rate: str, per: float, genre: str | Sequence[str] | None) -> pd.DataFrame:
    kept = distinct_documents(documents)
    if genre is not None:
        kept = kept[kept["genre"].isin([genre] if isinstance(genre, str) else list(genre))]
    years = document_years(kept)
    docs = pd.DataFrame({"doc_id": kept["doc_id"].to_numpy(), "genre": kept["genre"].fillna("").to_numpy(),
                         "year": years.to_numpy()})
    docs = docs[docs["year"].notna()]
    docs[size] = docs["doc_id"].map(sizes).fillna(0).to_numpy()
    names = per_document[[series]].drop_duplicates().reset_index(drop=True)  # its dtype kept, also when empty
    # a documents x series count matrix, summed over the documents of each (genre, year)
    counts = np.zeros((len(docs), len(names)))
    row = pd.Index(docs["doc_id"]).get_indexer(per_document["doc_id"])
    col = pd.Index(names[series]).get_indexer(per_document[series])
    found = row >= 0
    np.add.at(counts, (row[found], col[found]), per_document["count"].to_numpy(dtype=float)[found])
    grouped = docs.groupby(["genre", "year"], sort=True)
    codes = grouped.ngroup().to_numpy()
    keys = grouped.size().index.to_frame(index=False)
    n_groups = len(keys)
    summed = np.zeros((n_groups, len(names)))
    np.add.at(summed, codes, counts)
    total = np.bincount(codes, weights=docs[size].to_numpy(dtype=float), minlength=n_groups)
    n_docs = np.bincount(codes, minlength=n_groups)
    # long: genre, then series in the order given, then year
    g = np.repeat(np.arange(n_groups), len(names)).reshape(n_groups, len(names)).T.ravel()
    order = np.lexsort((keys["year"].to_numpy()[g], np.repeat(np.arange(len(names)), n_groups),
                        keys["genre"].to_numpy()[g]))
    g, j = g[order], np.repeat(np.arange(len(names)), n_groups)[order]
    out = pd.DataFrame({"genre": keys["genre"].to_numpy()[g], "year": keys["year"].to_numpy()[g],
                        series: names[series].take(j).reset_index(drop=True), "count": summed[g, j].astype(int),
                        size: total[g]})
    out[size] = out[size].astype(docs[size].dtype)
    out[rate] = np.where(out[size] > 0, summed[g, j] / np.clip(total[g], 1, None) * per, np.nan)
    out["n_documents"] = n_docs[g]
    out["year"] = out["year"].astype(docs["year"].dtype)
    out[series] = out[series].infer_objects()  # strings as strings whatever the inputs' dtype
    return out[["genre", "year", series, "count", size, rate, "n_documents"]]


def term_trends(tokens: pd.DataFrame, documents: pd.DataFrame, terms: Sequence[str], *,
                genre: str | Sequence[str] | None = None) -> pd.DataFrame:
    """How often each of ``terms`` is used per year and genre, per 10,000 words.

    Returns ``genre, year, term, count, n_words, per_10k, n_documents, counted_as``: one row
    per genre, year with documents, and term (zeros included); ``n_words`` counts
    the word tokens (all but punctuation, symbols and digits, as
    :func:`helpers.textstat.frequency`) of the year's documents of that genre.
    Later editions are left out (:func:`distinct_documents`); ``genre`` keeps only those genres.
    A term the segmenter keeps whole is counted as a token (:meth:`~helpers.engine.Source.term_counts`,
    ``counted_as="token"``); a term it never keeps whole (国家安全 is 国家 + 安全) is counted by its
    occurrences in the cleaned text, inside longer words too (:meth:`~helpers.engine.Source.text_counts`,
    ``counted_as="text"``), so no term that occurs is reported as 0.
    """
    terms = list(dict.fromkeys(terms))
    source = engine.wrap(tokens)
    sizes = source.word_counts(["doc_id"]).set_index("doc_id")["total"]
    sizes = sizes[sizes > 0]
    as_tokens = source.term_counts(["doc_id"], stopwords=False, pos=None, min_length=1,
                                   terms=terms)[["doc_id", "term", "count"]]
    whole = set(as_tokens["term"])
    in_text = [t for t in terms if t not in whole]
    as_text = source.text_counts(in_text, ["doc_id"])[["doc_id", "term", "count"]] if in_text else None
    per_document = pd.concat([pd.DataFrame({"doc_id": "", "term": terms, "count": 0}), as_tokens,
                              *([as_text] if as_text is not None else [])],
                             ignore_index=True)  # every term a series, in the order given
    out = _yearly(per_document, sizes, documents, series="term", size="n_words", rate="per_10k", per=10_000,
                  genre=genre)
    out["counted_as"] = np.where(out["term"].isin(whole), "token", "text")
    return out


def formulation_trends(tracked: pd.DataFrame, documents: pd.DataFrame, *,
                       genre: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Formulations per year and genre, per 10,000 characters (from :func:`helpers.formulations.track`).

    Returns ``genre, year, formulation, count, n_chars, per_10k_chars, n_documents`` (see :func:`term_trends`).
    """
    sizes = documents.set_index("doc_id")["n_chars"]
    return _yearly(tracked[["doc_id", "formulation", "count"]], sizes, documents, series="formulation",
                   size="n_chars", rate="per_10k_chars", per=10_000, genre=genre)


def short_title(title: str, max_chars: int) -> str:
    """``title`` in at most ``max_chars`` characters, cut between words (the workspace's segmenter) with "…"
    when it is longer, never inside a word (第十三届全国人民代表大会第二次会议 → 第十三届全国人民代表大会…)."""
    title = str(title)
    if len(title) <= max_chars:
        return title
    kept = ""
    for word in tokenizer().cut(title):
        if len(kept) + len(word) > max_chars - 1:
            break
        kept += word
    return (kept or title[:max_chars - 1]) + "…"


GENRE_NAMES = {"government work report": "政府工作报告", "speech": "讲话", "party congress report": "党代会报告",
               "resolution": "决议"}


def document_labels(documents: pd.DataFrame) -> pd.Series:
    """A short label for every document, for figures: year and genre (``2017 政府工作报告``).

    Indexed by ``doc_id`` and in time order (year, date, then doc_id; documents
    without a year last): figures given these labels draw the documents in this
    order.  A genre without a Chinese name in :data:`GENRE_NAMES` gives the
    first ten characters of the title; a document without a year gives the
    title alone; labels that would repeat (two reports of one year) get ``·2``,
    ``·3`` … in time order.
    """
    years = document_years(documents)
    labels = []
    for doc_id, genre, title in zip(documents["doc_id"], documents["genre"].fillna(""),
                                    documents["title"].fillna(""), strict=True):
        name = GENRE_NAMES.get(str(genre)) or short_title(title, 10) or str(doc_id)
        year = years.get(doc_id)
        labels.append(name if pd.isna(year) else f"{year} {name}")
    out = pd.Series(labels, index=documents["doc_id"].to_numpy(), name="label")
    out = out.loc[chronological(documents)["doc_id"].to_numpy()]
    repeat = out.groupby(out).cumcount()
    return out.where(repeat == 0, out + "·" + (repeat + 1).astype(str))


MAX_DOCUMENT_COLUMNS = 60  # a heatmap of documents draws one column each up to this; beyond, one per year or decade


def document_columns(documents: pd.DataFrame, *, max_columns: int = MAX_DOCUMENT_COLUMNS) -> pd.Series:
    """The heatmap column of each document, indexed by ``doc_id`` in time order (the order of the columns).

    Up to ``max_columns`` documents, each its own column (:func:`document_labels`); beyond, documents are
    pooled by year (``2017 (86 documents)``), or by decade when there are more years than ``max_columns``;
    undated documents form one column.  The Series' ``name`` says what a column is: ``document``, ``year`` or
    ``decade``.
    """
    labels = document_labels(documents)
    if len(labels) <= max_columns:
        return labels.rename("document")
    years = document_years(documents).reindex(labels.index)
    unit = "year" if years.nunique() <= max_columns else "decade"
    period = years if unit == "year" else years // 10 * 10
    names = period.map(lambda y: "undated" if pd.isna(y) else f"{int(y)}" + ("s" if unit == "decade" else ""))
    sizes = names.map(names.value_counts())
    return (names + " (" + sizes.map(lambda n: f"{n:,} document" + ("s" if n > 1 else "")) + ")").rename(unit)


def pool_columns(table: pd.DataFrame, columns: pd.Series, *, by: str, sums: Sequence[str],
                 rate: tuple[str, str, str, float] | None = None) -> pd.DataFrame:
    """``table`` (one row per ``doc_id`` and ``by``) with its heatmap ``label`` (:func:`document_columns`).

    When documents are pooled (``columns.name`` is not ``document``), rows are summed per ``by`` and label:
    ``by, label`` and the ``sums`` columns, plus ``rate = (name, numerator, denominator, scale)`` recomputed
    from the sums (``("per_1k", "hits", "n_chars", 1000)``).  Otherwise the table is returned with ``label``
    added.  Rows of documents that ``columns`` does not name (a later edition, when the columns were made from
    :func:`distinct_documents`) are not drawn: they are left out, not given an empty label.
    """
    labelled = table[table["doc_id"].isin(columns.index)]
    labelled = labelled.assign(label=labelled["doc_id"].map(columns))
    if columns.name == "document":
        return labelled
    pooled = labelled.groupby([by, "label"], observed=True, sort=False)[list(sums)].sum().reset_index()
    if rate is not None:
        name, numerator, denominator, scale = rate
        pooled[name] = pooled[numerator] / pooled[denominator].where(pooled[denominator] > 0) * scale
    return pooled
