"""The concordance explorer: search the corpus for a term or a raw string.

:func:`concordance` lets the reader choose the documents, the sections and the
context width; the KWIC table, the count per section and a dispersion strip
update in place.  The tables come from :func:`paragraphs`, :func:`kwic`,
:func:`section_counts` and :func:`positions`, which take and return DataFrames.
Every query goes through the corpus' :class:`~helpers.engine.Source`, wherever it is stored; what is shown is
bounded by size: beyond :data:`MAX_LISTED_DOCUMENTS` documents searched, the count per section and the strip
keep the documents with a hit (the strip pools them by year beyond
:data:`helpers.textstat.MAX_DOCUMENT_ROWS`), and a count table longer than ``max_rows`` shows the sections
with most hits.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from .. import config, engine, outputs, textplot, textstat
from ..errors import ParameterError
from ..validate import check_choice, check_given, check_int
from .base import _Explorer, _shown, _table, fits_page, group_values, payload
from .distribution import short_title, term_distribution, term_trend

__all__ = ["MATCHES", "MAX_LISTED_DOCUMENTS", "MAX_VOCABULARY", "NOTE_SEARCH", "SORTS", "Concordance", "concordance",
           "kwic", "paragraphs", "positions", "section_counts", "sort_hits", "vocabulary"]

MATCHES = ("string", "token")
SORTS = ("text", "left", "right")  # text order; by the left context read leftwards (AntConc, Voyant); by the right
MAX_VOCABULARY = 5_000  # the most frequent tokens the term box completes from
MAX_LISTED_DOCUMENTS = 100  # documents searched whose every section is counted (zero hits too); beyond, those hit
_PARAGRAPH_COLUMNS = ["doc_id", "para_no", "section", "heading_1", "n_chars"]  # what counts and strips need
NOTE_SEARCH = "Open this notebook in JupyterLab to search interactively."
_KWIC_STYLE = (
    "<style>.explore-kwic table{border-collapse:collapse;font-size:13px}"
    ".explore-kwic td,.explore-kwic th{padding:1px 6px;white-space:nowrap}"
    ".explore-kwic td:nth-last-child(3){text-align:right}"
    ".explore-kwic td:nth-last-child(2){font-weight:bold;color:#a3261c}</style>"
)


def _check_match(match: str, tokens: pd.DataFrame | None, *, regex: bool = False) -> None:
    check_choice("match", match, MATCHES)
    if match == "token":
        check_given("tokens", tokens, because="match='token' needs the tokens table (tokens=...)")
    if not isinstance(regex, bool):
        raise ParameterError(f"regex={regex!r} must be True or False")
    if regex and match != "string":
        raise ParameterError("regex=True needs match='string': a regular expression is matched in the text")


def sort_hits(hits: pd.DataFrame, *, sort: str = "text") -> pd.DataFrame:
    """``hits`` (a KWIC table) in the order ``sort``: ``"text"`` (as found), ``"left"`` (by the left context
    read from the match leftwards, the character next to the match first, as AntConc and Voyant sort) or
    ``"right"`` (by the right context).  Ties keep text order.  Returns the same columns, index renumbered."""
    check_choice("sort", sort, SORTS)
    if sort == "text" or hits.empty:
        return hits.reset_index(drop=True)
    key = hits["left"].str[::-1] if sort == "left" else hits["right"]
    order = key.astype(str).sort_values(kind="stable").index
    return hits.loc[order].reset_index(drop=True)


def vocabulary(tokens, *, max_terms: int = MAX_VOCABULARY) -> list[str]:
    """The ``max_terms`` most frequent word tokens of ``tokens`` (stopwords included; punctuation, symbols and
    digits not), most frequent first, ties in character order: what the term box completes from."""
    check_int("max_terms", max_terms, min_value=1)
    counts = engine.wrap(tokens).counts(stopwords=True, pos=None, min_length=1, min_count=1)
    table = counts.rename("count").rename_axis("term").reset_index()
    table = table.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    return [str(t) for t in table["term"].head(max_terms)]


def _chosen(values: Sequence | None) -> list | None:
    return None if values is None else list(values)


def paragraphs(corpus, *, documents: Sequence[str] | None = None, sections: Sequence[str] | None = None,
               columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The paragraphs of ``corpus`` in the chosen ``documents`` (doc_ids) and ``sections`` (None = all).

    Returns the rows of the paragraphs table unchanged, in text order: its ``columns`` (all if None; the text
    of a large corpus is large, pick columns).
    """
    table = engine.wrap(corpus).table("paragraphs", None if columns is None else list(columns),
                                      doc_ids=None if documents is None else list(documents))
    keep = pd.Series(True, index=table.index)
    if documents is not None:  # a storage may read an empty choice as no choice
        keep &= table["doc_id"].isin(list(documents))
    if sections is not None:
        keep &= table["section"].astype(str).isin([str(s) for s in sections])
    return table[keep]


def kwic(
    corpus,
    query: str,
    *,
    tokens: pd.DataFrame | None = None,
    match: str = "string",
    documents: Sequence[str] | None = None,
    sections: Sequence[str] | None = None,
    window: int = 20,
    regex: bool = False,
    sort: str = "text",
) -> pd.DataFrame:
    """Keyword in context within the chosen documents and sections.

    ``match="string"`` (default) finds ``query`` as a raw string in the cleaned
    paragraph text with ``window`` characters of context (自立自强 also inside
    高水平科技自立自强), or with ``regex=True`` as a regular expression (Python's
    :mod:`re`; an invalid one raises :class:`~helpers.errors.ParameterError`);
    ``match="token"`` finds whole tokens of ``tokens`` with ``window`` tokens of
    context.  Returns the columns of :func:`helpers.textstat.kwic`: ``doc_id,
    section, para_no, start, end, left, match, right``, in the order ``sort``
    (:func:`sort_hits`: ``"text"``, ``"left"`` or ``"right"``).
    """
    _check_match(match, tokens, regex=regex)
    check_int("window", window, min_value=0)
    check_choice("sort", sort, SORTS)
    # the chosen documents, then the chosen sections
    source = engine.wrap(corpus)
    words = engine.wrap(tokens) if match == "token" else None
    if documents is not None:
        source = source.subset(list(documents))
        words = words.subset(list(documents)) if words is not None else None
    hits = textstat.kwic(source, query, tokens=words, window=window, regex=regex)
    if sections is not None:
        hits = hits[hits["section"].astype(str).isin([str(x) for x in sections])].reset_index(drop=True)
    return sort_hits(hits, sort=sort)


def section_counts(hits: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Hits per section of each document, every section of ``paragraphs`` listed (zero counts included).

    ``hits`` is a KWIC table (:func:`kwic`), ``paragraphs`` the paragraphs
    searched.  Returns ``doc_id, section, heading, hits, n_chars,
    per_10k_chars`` in text order; ``per_10k_chars`` is the count per 10,000
    characters of the section, so long and short sections compare.
    """
    table = textstat.sections(paragraphs)
    found = hits.groupby([hits["doc_id"], hits["section"].astype(str)]).size()
    keys = pd.MultiIndex.from_arrays([table["doc_id"], table["section"].astype(str)])
    table["hits"] = found.reindex(keys, fill_value=0).to_numpy()
    table["per_10k_chars"] = (table["hits"] / table["n_chars"].where(table["n_chars"] > 0) * 10_000).fillna(0.0)
    return table[["doc_id", "section", "heading", "hits", "n_chars", "per_10k_chars"]]


positions = textstat.positions  # the data of the dispersion strip, as in textstat.dispersion


def _hits_label(n: int) -> str:
    return f"{n:,} hit" if n == 1 else f"{n:,} hits"


_KWIC_COLUMNS = ["section", "para_no", "left", "match", "right"]
_COUNT_COLUMNS = ["section", "heading", "hits", "n_chars", "per_10k_chars"]


class Concordance(_Explorer):
    """The concordance explorer returned by :func:`concordance`."""

    def __init__(self, corpus, *, tokens: pd.DataFrame | None, query: str, match: str, window: int,
                 documents: Sequence[str] | None, sections: Sequence[str] | None, max_rows: int) -> None:
        super().__init__()
        _check_match(match, tokens)
        check_int("window", window, min_value=0)
        check_int("max_rows", max_rows, min_value=1)
        self.corpus, self.tokens = corpus, tokens
        self.query, self.match, self.window, self.max_rows = query, match, window, max_rows
        self.documents = _chosen(documents)
        self.sections = _chosen(sections)
        self.controls: dict = {}
        self.views: dict = {}

    def __repr__(self) -> str:
        return f"<concordance explorer: {self.query!r}, {self.match} match, window {self.window}>"

    def results(self, query: str, *, match: str, window: int, documents: Sequence[str] | None,
                sections: Sequence[str] | None, regex: bool = False,
                sort: str = "text") -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """KWIC table, counts per section and dispersion positions of one query."""
        hits = kwic(self.corpus, query, tokens=self.tokens, match=match, documents=documents, sections=sections,
                    window=window, regex=regex, sort=sort)
        documents = self._listed(hits, documents)
        searched = paragraphs(self.corpus, documents=documents, sections=sections, columns=_PARAGRAPH_COLUMNS)
        whole = paragraphs(self.corpus, documents=documents, columns=_PARAGRAPH_COLUMNS)
        return hits, section_counts(hits, searched), positions(hits, whole)

    def _listed(self, hits: pd.DataFrame, documents: Sequence[str] | None) -> list | None:
        """The documents whose sections are counted and drawn: those searched (None = all), or beyond
        :data:`MAX_LISTED_DOCUMENTS` of them those with a hit."""
        searched = len(engine.wrap(self.corpus).documents) if documents is None else len(documents)
        return list(dict.fromkeys(hits["doc_id"])) if searched > MAX_LISTED_DOCUMENTS else documents

    def _summary(self, query: str, hits: pd.DataFrame, *, match: str) -> str:
        docs = hits["doc_id"].nunique()
        where = f" in {docs} document{'s' if docs > 1 else ''}" if docs else ""
        shown = f" (first {self.max_rows:,} shown)" if len(hits) > self.max_rows else ""
        return (f'<span class="explore-count">{_hits_label(len(hits))}</span> of '
                f"“{html.escape(query)}” ({html.escape(match)} match){where}{shown}")

    def static_html(self) -> str:
        # a large corpus is not embedded for the page's own search: its table is the bounded record
        data = payload("concordance", self.page_data()) if config.in_report() and fits_page(self.corpus) else ""
        if not self.query.strip():
            return f'<div class="explore-static"><div>No query. <em>{NOTE_SEARCH}</em></div>{data}</div>'
        hits, counts, _ = self.results(self.query, match=self.match, window=self.window,
                                       documents=self.documents, sections=self.sections)
        return (f'<div class="explore-static"><div>{self._summary(self.query, hits, match=self.match)}. '
                f"<em>{NOTE_SEARCH}</em></div>{self._counts_html(counts)}"
                f'<div class="explore-kwic">{_table(_shown(hits, _KWIC_COLUMNS), max_rows=self.max_rows)}</div>'
                f"{data}</div>")

    def _counts_html(self, counts: pd.DataFrame) -> str:
        """The count per section; beyond ``max_rows`` sections, the ``max_rows`` with most hits, the rest counted."""
        if len(counts) <= self.max_rows:
            return _table(_shown(counts, _COUNT_COLUMNS))
        top = counts.sort_values("hits", ascending=False, kind="stable").head(self.max_rows)
        hit = int((counts["hits"] > 0).sum())
        return (f"<div>{len(counts):,} sections, {hit:,} with hits; the {self.max_rows:,} with most hits:</div>"
                + _table(_shown(top, _COUNT_COLUMNS)))

    def page_data(self) -> dict:
        """What the report page needs to search the whole corpus itself (raw-string matches).

        ``query``, ``window``, ``max_rows``; ``documents`` (``doc_id``, title shortened by
        :func:`~helpers.explore.distribution.short_title`, ``year`` or null: the distribution in the
        documents and the trend by year); ``sections`` (``doc_id, section, heading, n_chars`` in text order,
        for the count per section); ``paragraphs`` (``doc_id, section, para_no, text``); ``vocabulary``
        (:func:`vocabulary`, empty without tokens: what the term box completes from).
        """
        source = engine.wrap(self.corpus)
        table = source.table("paragraphs", [*_PARAGRAPH_COLUMNS, "text"])
        documents = source.documents
        years = term_distribution(table.head(0), self.corpus)["year"]
        titles = documents["title"] if "title" in documents else [""] * len(documents)
        sections = textstat.sections(table)
        return {
            "query": self.query, "window": self.window, "max_rows": self.max_rows,
            "documents": [[d, short_title(t), None if pd.isna(y) else int(y)]
                          for d, t, y in zip(documents["doc_id"], titles, years, strict=True)],
            "vocabulary": [] if self.tokens is None else vocabulary(self.tokens),
            "sections": [[d, str(s), str(h or ""), int(n)] for d, s, h, n in
                         zip(sections["doc_id"], sections["section"], sections["heading"], sections["n_chars"],
                             strict=True)],
            "paragraphs": [[d, str(s), int(p), t] for d, s, p, t in
                           zip(table["doc_id"], table["section"], table["para_no"], table["text"], strict=True)],
        }

    def _build(self):
        import ipywidgets as widgets

        wide = {"description_width": "initial"}
        docs = engine.wrap(self.corpus).documents["doc_id"].tolist()
        secs = [str(s) for s in group_values(self.corpus, "section")]
        words = [] if self.tokens is None else vocabulary(self.tokens)
        query = widgets.Combobox(value=self.query, options=words, ensure_option=False, description="检索 query",
                                 placeholder="a term or any string", continuous_update=False, style=wide,
                                 layout=widgets.Layout(width="20rem"))
        matches = list(MATCHES) if self.tokens is not None else ["string"]
        match = widgets.ToggleButtons(options=matches, value=self.match, description="匹配 match", style=wide,
                                      tooltips=["raw string in the cleaned text", "whole tokens"][:len(matches)])
        regex = widgets.Checkbox(value=False, description="正则 regular expression", style=wide, indent=False)
        sort = widgets.Dropdown(options=[("text order", "text"), ("left context", "left"),
                                         ("right context", "right")], value="text", description="排序 sort",
                                style=wide)
        window = widgets.IntSlider(value=self.window, min=0, max=max(80, self.window), description="语境 context",
                                   style=wide, continuous_update=False)
        documents = widgets.SelectMultiple(options=docs, value=self.documents or docs, description="文件 documents",
                                           rows=min(5, max(2, len(docs))), style=wide,
                                           layout=widgets.Layout(width="30rem"))
        sections = widgets.SelectMultiple(options=secs, value=[str(s) for s in self.sections or secs],
                                          description="部分 sections", rows=min(7, len(secs)), style=wide)
        self.controls = {"query": query, "match": match, "regex": regex, "sort": sort, "window": window,
                         "documents": documents, "sections": sections}
        self.views = {"summary": widgets.HTML(), "sections": widgets.HTML(),
                      "strip": widgets.Image(format="png", layout=widgets.Layout(max_width="100%")),
                      "kwic": widgets.HTML(), "trend": widgets.HTML(), "distribution": widgets.HTML()}
        for name, view in self.views.items():
            view.add_class(f"explore-{name}")
        query.add_class("explore-query")
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self._update()
        box = widgets.VBox([widgets.HBox([query, match]), widgets.HBox([window, regex, sort]),
                            widgets.HBox([documents, sections]),
                            *self.views.values()])
        box.add_class("explore-concordance")
        return box

    def _clear(self, message: str) -> None:
        v = self.views
        v["summary"].value = message
        v["sections"].value = v["kwic"].value = v["trend"].value = v["distribution"].value = ""
        v["strip"].layout.display = "none"

    def _spread(self, hits: pd.DataFrame, documents: list) -> None:
        """The trend by year (:func:`term_trend`) and the distribution in the documents (:func:`term_distribution`;
        beyond ``max_rows`` documents, those with most hits) as small tables."""
        years = term_trend(hits, self.corpus, documents=documents)
        said = ("one year only: no trend" if len(years) == 1 else f"{len(years)} years with documents")
        self.views["trend"].value = (f"<b>趋势 Trend by year</b> ({said}; hits per 10,000 characters)"
                                     + _table(years) if len(years) else "")
        spread = term_distribution(hits, self.corpus, documents=documents)
        if len(spread) > self.max_rows:
            spread = spread.sort_values("hits", ascending=False, kind="stable").head(self.max_rows)
        self.views["distribution"].value = "<b>分布 Distribution in the documents</b>" + _table(spread)

    def _update(self, change=None) -> None:
        c, v = self.controls, self.views
        query = c["query"].value.strip()
        if not query or not c["documents"].value or not c["sections"].value:
            return self._clear("<i>type a term and choose at least one document and one section</i>")
        if c["regex"].value and c["match"].value != "string":
            return self._clear("<i>a regular expression is matched in the text: choose the string match</i>")
        try:
            hits, counts, where = self.results(query, match=c["match"].value, window=c["window"].value,
                                               documents=list(c["documents"].value),
                                               sections=list(c["sections"].value), regex=c["regex"].value,
                                               sort=c["sort"].value)
        except ParameterError as error:  # an invalid regular expression: its message, no exception
            return self._clear(f"<i>{html.escape(str(error))}</i>")
        v["summary"].value = self._summary(query, hits, match=c["match"].value)
        v["sections"].value = self._counts_html(counts)
        v["kwic"].value = _KWIC_STYLE + _table(_shown(hits, _KWIC_COLUMNS), max_rows=self.max_rows)
        self._spread(hits, list(c["documents"].value))
        if where.empty:
            v["strip"].layout.display = "none"
            return
        # the documents searched (beyond MAX_LISTED_DOCUMENTS those with a hit), pooled by year when many
        docs = engine.wrap(self.corpus).documents
        shown = self._listed(hits, list(c["documents"].value))
        where, bounds = textstat.dispersion_view(where, paragraphs(self.corpus, documents=shown,
                                                                   columns=_PARAGRAPH_COLUMNS),
                                                 docs[docs["doc_id"].isin(shown)])
        label = query.replace("$", r"\$")  # a literal dollar sign, not matplotlib's mathtext
        fig = textplot.dispersion(where.assign(term=label), bounds, terms=[label])
        v["strip"].value = outputs.png_bytes(fig)
        v["strip"].layout.display = None


def concordance(
    corpus,
    *,
    tokens: pd.DataFrame | None = None,
    query: str = "自立自强",
    match: str = "string",
    window: int = 20,
    documents: Sequence[str] | None = None,
    sections: Sequence[str] | None = None,
    max_rows: int = 200,
) -> Concordance:
    """A concordance explorer: type a term or raw string, choose documents, sections and context width.

    In JupyterLab it shows the number of hits, the count per section
    (:func:`section_counts`), a dispersion strip (:func:`positions`, drawn by
    :func:`helpers.textplot.dispersion`) and the KWIC table (:func:`kwic`,
    first ``max_rows`` rows), updated when a control changes (the query on
    Enter).  ``match`` is ``"string"`` (raw string) or ``"token"`` (whole
    tokens; needs ``tokens``).  Elsewhere (reports, plain Python) it displays
    as a static table of ``query``.
    """
    return Concordance(corpus, tokens=tokens, query=query, match=match, window=window, documents=documents,
                       sections=sections, max_rows=max_rows)
