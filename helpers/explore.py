"""Interactive exploration in JupyterLab: a concordance explorer and a term comparison explorer.

:func:`concordance` searches the corpus for a term or a raw string: choose the
documents, the sections and the context width, and the KWIC table, the count
per section and a dispersion strip update in place.  :func:`keyness` compares
two groups of tokens (sections, documents, or values of a document column such
as year, genre or speaker) with a measure of :data:`helpers.textstat.KEYNESS_MEASURES`;
the keyness table and its chart update in place.

Both return an object that displays as a live ipywidgets explorer in a Jupyter
kernel, and as a static HTML table of its default query where widgets cannot
run: in the kernels of the report runner (:func:`helpers.config.in_report`),
outside a Jupyter kernel, and in any viewer without the widget manager (the
static table travels with the widget as its ``text/html`` alternative, which
nbconvert and notebook viewers fall back to).

The widgets are a thin layer.  The tables come from the functions of this
module (:func:`paragraphs`, :func:`kwic`, :func:`section_counts`,
:func:`positions`, :func:`groupings`, :func:`group_values`,
:func:`group_keyness`, :func:`sides`), which take and return DataFrames and
are tested without a browser.  Every text shown is HTML-escaped: corpus texts
may contain markup such as ``<script>``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from . import config, outputs, textplot, textstat

__all__ = ["GROUP_COLUMNS", "MATCHES", "Concordance", "Keyness", "concordance", "group_keyness", "group_values",
           "groupings", "keyness", "kwic", "live", "paragraphs", "positions", "section_counts", "sides"]

MATCHES = ("string", "token")
GROUP_COLUMNS = ("section", "doc_id", "year", "genre", "speaker", "occasion")
NOTE_SEARCH = "Open this notebook in JupyterLab to search interactively."
NOTE_COMPARE = "Open this notebook in JupyterLab to compare groups interactively."
_KWIC_STYLE = (
    "<style>.explore-kwic table{border-collapse:collapse;font-size:13px}"
    ".explore-kwic td,.explore-kwic th{padding:1px 6px;white-space:nowrap}"
    ".explore-kwic td:nth-last-child(3){text-align:right}"
    ".explore-kwic td:nth-last-child(2){font-weight:bold;color:#a3261c}</style>"
)


# --- tables ------------------------------------------------------------------------------------------


def _chosen(values: Sequence | None) -> list | None:
    return None if values is None else list(values)


def paragraphs(corpus, *, documents: Sequence[str] | None = None,
               sections: Sequence[str] | None = None) -> pd.DataFrame:
    """The paragraphs of ``corpus`` in the chosen ``documents`` (doc_ids) and ``sections`` (None = all).

    Returns the rows of ``corpus.paragraphs`` unchanged, in text order.
    """
    table = corpus.paragraphs
    keep = pd.Series(True, index=table.index)
    if documents is not None:
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
) -> pd.DataFrame:
    """Keyword in context within the chosen documents and sections.

    ``match="string"`` (default) finds ``query`` as a raw string in the cleaned
    paragraph text with ``window`` characters of context (自立自强 also inside
    高水平科技自立自强); ``match="token"`` finds whole tokens of ``tokens``
    with ``window`` tokens of context.  Returns the columns of
    :func:`helpers.textstat.kwic`: ``doc_id, section, para_no, start, end,
    left, match, right``, in text order.
    """
    if match not in MATCHES:
        raise ValueError(f"unknown match {match!r}; choose from {', '.join(MATCHES)}")
    if match == "token" and tokens is None:
        raise ValueError("match='token' needs the tokens table (tokens=...)")
    chosen = paragraphs(corpus, documents=documents, sections=sections)
    return textstat.kwic(chosen, query, tokens=tokens if match == "token" else None, window=window)


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


def groupings(corpus, *, columns: Sequence[str] = GROUP_COLUMNS) -> list[str]:
    """The columns that can define two groups to compare: those of ``columns`` with at least two values.

    ``section`` is a paragraph column, the others are document columns.
    """
    found = []
    for column in columns:
        table = corpus.paragraphs if column in corpus.paragraphs.columns else corpus.documents
        if column in table.columns and table[column].dropna().astype(str).replace("", pd.NA).nunique() >= 2:
            found.append(column)
    return found


def group_values(corpus, by: str) -> list:
    """The values of ``by`` in reading order: sections as ordered in the text, documents in corpus order,
    other document columns sorted (empty values left out)."""
    if by == "section":
        section = corpus.paragraphs["section"]
        if isinstance(section.dtype, pd.CategoricalDtype):
            return [s for s in section.cat.categories if s in set(section)]
        return list(dict.fromkeys(section))
    if by not in corpus.documents.columns:
        raise KeyError(f"no paragraph or document column named {by!r}")
    values = corpus.documents[by].dropna()
    values = values[values.astype(str) != ""]
    return list(dict.fromkeys(values)) if by == "doc_id" else sorted(set(values))


def group_keyness(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: Sequence,
    reference: Sequence | None = None,
    measure: str = "g2",
    min_count: int = 3,
    stopwords: bool = True,
) -> pd.DataFrame:
    """Keyness of the tokens whose ``by`` value is in ``target`` against those in ``reference``.

    ``reference`` None or empty means every other token.  ``tokens`` must
    carry the ``by`` column (add it with :func:`helpers.textstat.annotate`).
    Returns :func:`helpers.textstat.keyness`'s columns (``term, target,
    reference, statistic, p_value, log_ratio`` …).  Raises ValueError when a
    value is in both groups or a group has no words.
    """
    if by not in tokens.columns:
        raise KeyError(f"the tokens table has no column {by!r}; add it with textstat.annotate(tokens, corpus, "
                       f"[{by!r}])")
    target = list(target)
    reference = list(reference or [])
    if not target:
        raise ValueError("choose at least one value for the target group")
    both = set(map(str, target)) & set(map(str, reference))
    if both:
        raise ValueError(f"{', '.join(sorted(both))} cannot be in both groups")
    values = tokens[by].astype(str)
    inside = values.isin([str(v) for v in target])
    outside = values.isin([str(v) for v in reference]) if reference else ~inside
    counts_t = textstat.counts(tokens[inside], stopwords=stopwords)
    counts_r = textstat.counts(tokens[outside], stopwords=stopwords)
    if counts_t.empty or counts_r.empty:
        raise ValueError(f"the {'target' if counts_t.empty else 'reference'} group has no words")
    return textstat.keyness(counts_t, counts_r, measure=measure, min_count=min_count)


def sides(table: pd.DataFrame, *, top_n: int = 15) -> pd.DataFrame:
    """The ``top_n`` key terms of each side of a keyness table, target first.

    Returns a ``side`` column (``target`` or ``reference``) followed by the
    table's columns: the largest positive statistics, then the most negative
    ones (most negative first).
    """
    target = table[table["statistic"] > 0].head(top_n)
    reference = table[table["statistic"] < 0].iloc[::-1].head(top_n)
    return pd.concat([target.assign(side="target"), reference.assign(side="reference")], ignore_index=True)[
        ["side", *table.columns]]


# --- display -----------------------------------------------------------------------------------------


def live() -> bool:
    """Whether live widgets can be shown: in a Jupyter kernel that is not the report runner's."""
    if config.in_report():
        return False
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _table(table: pd.DataFrame, *, max_rows: int | None = None, float_format: str = "{:.2f}") -> str:
    shown = table if max_rows is None else table.head(max_rows)
    return shown.to_html(index=False, escape=True, border=0, na_rep="",
                         float_format=float_format.format)


def _hits_label(n: int) -> str:
    return f"{n:,} hit" if n == 1 else f"{n:,} hits"


def _shown(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table``'s ``columns``, with ``doc_id`` first when the rows come from several documents."""
    return table[["doc_id", *columns] if table["doc_id"].nunique() > 1 else columns]


_KWIC_COLUMNS = ["section", "para_no", "left", "match", "right"]
_COUNT_COLUMNS = ["section", "heading", "hits", "n_chars", "per_10k_chars"]


class _Explorer:
    """Shared display logic: the live widget in a Jupyter kernel, static HTML elsewhere."""

    def __init__(self) -> None:
        self._widget = None

    @property
    def widget(self):
        """The ipywidgets explorer (built on first use)."""
        if self._widget is None:
            self._widget = self._build()
        return self._widget

    def _build(self):
        raise NotImplementedError

    def static_html(self) -> str:
        """The explorer's default query as static, escaped HTML with a note on how to explore it."""
        raise NotImplementedError

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = {"text/plain": repr(self), "text/html": self.static_html()}
        if live():
            bundle.update({k: v for k, v in self.widget._repr_mimebundle_().items() if k != "text/plain"})
        return bundle


class Concordance(_Explorer):
    """The concordance explorer returned by :func:`concordance`."""

    def __init__(self, corpus, *, tokens: pd.DataFrame | None, query: str, match: str, window: int,
                 documents: Sequence[str] | None, sections: Sequence[str] | None, max_rows: int) -> None:
        super().__init__()
        if match not in MATCHES:
            raise ValueError(f"unknown match {match!r}; choose from {', '.join(MATCHES)}")
        if match == "token" and tokens is None:
            raise ValueError("match='token' needs the tokens table (tokens=...)")
        self.corpus, self.tokens = corpus, tokens
        self.query, self.match, self.window, self.max_rows = query, match, window, max_rows
        self.documents = _chosen(documents)
        self.sections = _chosen(sections)
        self.controls: dict = {}
        self.views: dict = {}

    def __repr__(self) -> str:
        return f"<concordance explorer: {self.query!r}, {self.match} match, window {self.window}>"

    def results(self, query: str, *, match: str, window: int, documents: Sequence[str] | None,
                sections: Sequence[str] | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """KWIC table, counts per section and dispersion positions of one query."""
        searched = paragraphs(self.corpus, documents=documents, sections=sections)
        hits = kwic(self.corpus, query, tokens=self.tokens, match=match, documents=documents, sections=sections,
                    window=window)
        whole = paragraphs(self.corpus, documents=documents)
        return hits, section_counts(hits, searched), positions(hits, whole)

    def _summary(self, query: str, hits: pd.DataFrame, *, match: str) -> str:
        docs = hits["doc_id"].nunique()
        where = f" in {docs} document{'s' if docs > 1 else ''}" if docs else ""
        shown = f" (first {self.max_rows:,} shown)" if len(hits) > self.max_rows else ""
        return (f'<span class="explore-count">{_hits_label(len(hits))}</span> of '
                f"“{html.escape(query)}” ({html.escape(match)} match){where}{shown}")

    def static_html(self) -> str:
        if not self.query.strip():
            return f'<div class="explore-static"><div>No query. <em>{NOTE_SEARCH}</em></div></div>'
        hits, counts, _ = self.results(self.query, match=self.match, window=self.window,
                                       documents=self.documents, sections=self.sections)
        return (f'<div class="explore-static"><div>{self._summary(self.query, hits, match=self.match)}. '
                f"<em>{NOTE_SEARCH}</em></div>{_table(_shown(counts, _COUNT_COLUMNS))}"
                f'<div class="explore-kwic">{_table(_shown(hits, _KWIC_COLUMNS), max_rows=self.max_rows)}</div></div>')

    def _build(self):
        import ipywidgets as widgets

        wide = {"description_width": "initial"}
        docs = self.corpus.documents["doc_id"].tolist()
        secs = [str(s) for s in group_values(self.corpus, "section")]
        query = widgets.Text(value=self.query, description="检索 query", placeholder="a term or any string",
                             continuous_update=False, style=wide, layout=widgets.Layout(width="20rem"))
        matches = list(MATCHES) if self.tokens is not None else ["string"]
        match = widgets.ToggleButtons(options=matches, value=self.match, description="匹配 match", style=wide,
                                      tooltips=["raw string in the cleaned text", "whole tokens"][:len(matches)])
        window = widgets.IntSlider(value=self.window, min=0, max=max(80, self.window), description="语境 context",
                                   style=wide, continuous_update=False)
        documents = widgets.SelectMultiple(options=docs, value=self.documents or docs, description="文件 documents",
                                           rows=min(5, max(2, len(docs))), style=wide,
                                           layout=widgets.Layout(width="30rem"))
        sections = widgets.SelectMultiple(options=secs, value=[str(s) for s in self.sections or secs],
                                          description="部分 sections", rows=min(7, len(secs)), style=wide)
        self.controls = {"query": query, "match": match, "window": window, "documents": documents,
                         "sections": sections}
        self.views = {"summary": widgets.HTML(), "sections": widgets.HTML(),
                      "strip": widgets.Image(format="png", layout=widgets.Layout(max_width="100%")),
                      "kwic": widgets.HTML()}
        for name, view in self.views.items():
            view.add_class(f"explore-{name}")
        query.add_class("explore-query")
        for control in self.controls.values():
            control.observe(self._update, names="value")
        self._update()
        box = widgets.VBox([widgets.HBox([query, match]), window, widgets.HBox([documents, sections]),
                            *self.views.values()])
        box.add_class("explore-concordance")
        return box

    def _update(self, change=None) -> None:
        c, v = self.controls, self.views
        query = c["query"].value.strip()
        if not query or not c["documents"].value or not c["sections"].value:
            v["summary"].value = "<i>type a term and choose at least one document and one section</i>"
            v["sections"].value = v["kwic"].value = ""
            v["strip"].layout.display = "none"
            return
        hits, counts, where = self.results(query, match=c["match"].value, window=c["window"].value,
                                           documents=list(c["documents"].value), sections=list(c["sections"].value))
        v["summary"].value = self._summary(query, hits, match=c["match"].value)
        v["sections"].value = _table(_shown(counts, _COUNT_COLUMNS))
        v["kwic"].value = _KWIC_STYLE + _table(_shown(hits, _KWIC_COLUMNS), max_rows=self.max_rows)
        if where.empty:
            v["strip"].layout.display = "none"
            return
        bounds = textstat.section_bounds(paragraphs(self.corpus, documents=list(c["documents"].value)))
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


class Keyness(_Explorer):
    """The term comparison explorer returned by :func:`keyness`."""

    def __init__(self, corpus, tokens: pd.DataFrame, *, by: str, target: Sequence | None,
                 reference: Sequence | None, measure: str, min_count: int, top_n: int, stopwords: bool) -> None:
        super().__init__()
        if measure not in textstat.KEYNESS_MEASURES:
            raise ValueError(f"unknown measure {measure!r}; choose from {', '.join(textstat.KEYNESS_MEASURES)}")
        self.corpus, self.stopwords = corpus, stopwords
        self.options = groupings(corpus)
        if by not in self.options:
            self.options.append(by)
        self.by, self.measure, self.min_count, self.top_n = by, measure, min_count, top_n
        values = group_values(corpus, by)
        self.target = list(target) if target is not None else values[:1]
        self.reference = list(reference or [])
        self._tokens = {"": tokens}
        self._holding = False
        self.controls: dict = {}
        self.views: dict = {}

    def __repr__(self) -> str:
        return f"<keyness explorer: {self.by} {self.target!r} vs {self.reference or 'the rest'!r}, {self.measure}>"

    def tokens(self, by: str) -> pd.DataFrame:
        """The tokens table with the ``by`` column (joined on from the corpus once, when missing)."""
        base = self._tokens[""]
        if by in base.columns:
            return base
        if by not in self._tokens:
            self._tokens[by] = textstat.annotate(base, self.corpus, [by])
        return self._tokens[by]

    def results(self, *, by: str, target: Sequence, reference: Sequence, measure: str,
                min_count: int) -> pd.DataFrame:
        """The keyness table of one contrast (:func:`group_keyness`)."""
        return group_keyness(self.tokens(by), by=by, target=target, reference=reference, measure=measure,
                             min_count=min_count, stopwords=self.stopwords)

    @staticmethod
    def _labels(by: str, target: Sequence, reference: Sequence) -> tuple[str, str]:
        name = ", ".join(map(str, target))
        return f"{by} {name}", (f"{by} {', '.join(map(str, reference))}" if reference else "the rest")

    def _summary(self, by, target, reference, measure) -> str:
        t, r = self._labels(by, target, reference)
        return (f'<span class="explore-contrast">{html.escape(t)} vs {html.escape(r)}</span> '
                f"({html.escape(measure)}; positive = key in the target)")

    def static_html(self) -> str:
        summary = self._summary(self.by, self.target, self.reference, self.measure)
        try:
            table = _table(sides(self.results(by=self.by, target=self.target, reference=self.reference,
                                              measure=self.measure, min_count=self.min_count), top_n=self.top_n),
                           float_format="{:.3g}")
        except ValueError as error:
            table = f"<div>{html.escape(str(error))}</div>"
        return f'<div class="explore-static"><div>{summary}. <em>{NOTE_COMPARE}</em></div>{table}</div>'

    def _build(self):
        import ipywidgets as widgets

        wide = {"description_width": "initial"}
        by = widgets.Dropdown(options=self.options, value=self.by, description="分组 groups", style=wide)
        values = [(str(x), x) for x in group_values(self.corpus, self.by)]
        target = widgets.SelectMultiple(options=values, value=self.target, description="目标 target", rows=6,
                                        style=wide, layout=widgets.Layout(width="22rem"))
        reference = widgets.SelectMultiple(options=values, value=self.reference, rows=6, style=wide,
                                           description="参照 reference (none = the rest)",
                                           layout=widgets.Layout(width="30rem"))
        measure = widgets.Dropdown(options=list(textstat.KEYNESS_MEASURES), value=self.measure,
                                   description="指标 measure", style=wide)
        min_count = widgets.IntSlider(value=self.min_count, min=1, max=20, description="min_count", style=wide,
                                      continuous_update=False)
        self.controls = {"by": by, "target": target, "reference": reference, "measure": measure,
                         "min_count": min_count}
        self.views = {"summary": widgets.HTML(),
                      "chart": widgets.Image(format="png", layout=widgets.Layout(max_width="100%", width="760px")),
                      "table": widgets.HTML()}
        for name, view in self.views.items():
            view.add_class(f"explore-{name}")
        by.observe(self._regroup, names="value")
        for name in ("target", "reference", "measure", "min_count"):
            self.controls[name].observe(self._update, names="value")
        self._update()
        box = widgets.VBox([widgets.HBox([by, measure, min_count]), widgets.HBox([target, reference]),
                            *self.views.values()])
        box.add_class("explore-keyness")
        return box

    def _regroup(self, change) -> None:
        """A new grouping: offer its values, target the first, compare with the rest."""
        values = [(str(x), x) for x in group_values(self.corpus, change["new"])]
        self._holding = True
        try:
            for name in ("target", "reference"):
                self.controls[name].value = ()
                self.controls[name].options = values
            self.controls["target"].value = (values[0][1],) if values else ()
        finally:
            self._holding = False
        self._update()

    def _update(self, change=None) -> None:
        if self._holding:
            return
        c, v = self.controls, self.views
        by, target, reference = c["by"].value, list(c["target"].value), list(c["reference"].value)
        v["summary"].value = self._summary(by, target, reference, c["measure"].value)
        try:
            table = self.results(by=by, target=target, reference=reference, measure=c["measure"].value,
                                 min_count=c["min_count"].value)
        except ValueError as error:
            v["table"].value = f"<div><b>{html.escape(str(error))}</b></div>"
            v["chart"].layout.display = "none"
            return
        v["table"].value = _table(sides(table, top_n=self.top_n), float_format="{:.3g}")
        t, r = self._labels(by, target, reference)
        fig = textplot.keyness(table, top_n=self.top_n, target_label=t, reference_label=r,
                               title=f"{t} vs {r} ({c['measure'].value})")
        v["chart"].value = outputs.png_bytes(fig)
        v["chart"].layout.display = None


def keyness(
    corpus,
    tokens: pd.DataFrame,
    *,
    by: str = "section",
    target: Sequence | None = None,
    reference: Sequence | None = None,
    measure: str = "g2",
    min_count: int = 3,
    top_n: int = 15,
    stopwords: bool = True,
) -> Keyness:
    """A term comparison explorer: pick two groups and a measure, see the keyness table and chart.

    ``by`` is ``section``, ``doc_id`` or a document column (year, genre,
    speaker …; the choices offered are :func:`groupings`); ``target`` the
    values of the first group (default: the first value, see
    :func:`group_values`), ``reference`` those of the second (default: every
    other token).  ``measure`` is one of :data:`helpers.textstat.KEYNESS_MEASURES`.
    In JupyterLab the :func:`sides` table and :func:`helpers.textplot.keyness`
    chart update when a control changes; elsewhere (reports, plain Python) it
    displays as a static table of the default contrast.
    """
    return Keyness(corpus, tokens, by=by, target=target, reference=reference, measure=measure,
                   min_count=min_count, top_n=top_n, stopwords=stopwords)
