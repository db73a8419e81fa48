"""The term comparison explorer: the key terms of one group of tokens against another.

:func:`keyness` compares two groups of tokens (sections, documents, or values
of a document column such as year, genre or speaker) with a measure of
:data:`helpers.textstat.KEYNESS_MEASURES`; the keyness table and its chart
update in place.  The tables come from :func:`group_keyness` and :func:`sides`,
which take and return DataFrames.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from .. import config, engine, outputs, textplot, textstat
from ..errors import ParameterError
from ..textstat.works import each_work_once
from ..validate import check_choice, check_column, check_disjoint, check_int, check_nonempty, check_number
from .base import _Explorer, _table, fits_page, group_values, groupings, payload

__all__ = ["NOTE_COMPARE", "Keyness", "group_keyness", "keyness", "sides"]

MAX_TERMS = 3000  # points of the term plot embedded in a report (the most frequent terms)

NOTE_COMPARE = "Open this notebook in JupyterLab to compare groups interactively."


def group_keyness(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: Sequence,
    reference: Sequence | None = None,
    measure: str = "g2",
    min_count: int = 3,
    stopwords: bool = True,
    corpus=None,
) -> pd.DataFrame:
    """Keyness of the tokens whose ``by`` value is in ``target`` against those in ``reference``.

    ``reference`` None or empty means every other token.  ``tokens`` must
    carry the ``by`` column (add it with :func:`helpers.textstat.annotate`).
    Returns :func:`helpers.textstat.keyness`'s columns (``term, target,
    reference, statistic, p_value, log_ratio`` …).  Raises ValueError when a
    value is in both groups or a group has no words.  ``tokens`` may be a tokens dataset (annotated with
    ``by``): the counts per group come from :func:`helpers.textstat.frequency` on disk.  Grouped by anything but
    ``doc_id``, each work counts once (a later edition is in neither side; the tokens tell their editions when
    given with their ``corpus``).
    """
    check_column("by", by, tokens, what="the tokens table has no column",
                 hint=f"add it with textstat.annotate(tokens, corpus, [{by!r}])")
    check_choice("measure", measure, textstat.KEYNESS_MEASURES)
    check_number("min_count", min_count, min_value=0)
    target = list(target)
    reference = list(reference or [])
    check_nonempty("target", target)
    check_disjoint("target", target, "reference", reference)
    # the counts per group and term, then summed over the groups of each side
    table = textstat.frequency(tokens, by=by, stopwords=stopwords, corpus=corpus)
    values = table[by].astype(str)
    inside = values.isin([str(v) for v in target])
    outside = values.isin([str(v) for v in reference]) if reference else ~inside
    counts_t = table[inside].groupby("term")["count"].sum().rename("count")
    counts_r = table[outside].groupby("term")["count"].sum().rename("count")
    if counts_t.empty or counts_r.empty:
        side, values = ("target", target) if counts_t.empty else ("reference", reference or "every other value")
        raise ParameterError(f"{side}={values!r}: the {side} group has no words")
    return textstat.keyness(counts_t, counts_r, measure=measure, min_count=min_count)


def sides(table: pd.DataFrame, *, top_n: int = 15) -> pd.DataFrame:
    """The ``top_n`` key terms of each side of a keyness table, target first.

    Returns a ``side`` column (``target`` or ``reference``) followed by the
    table's columns: the largest positive statistics, then the most negative
    ones (most negative first).
    """
    check_int("top_n", top_n, min_value=1)
    target = table[table["statistic"] > 0].head(top_n)
    reference = table[table["statistic"] < 0].iloc[::-1].head(top_n)
    return pd.concat([target.assign(side="target"), reference.assign(side="reference")], ignore_index=True)[
        ["side", *table.columns]]


class Keyness(_Explorer):
    """The term comparison explorer returned by :func:`keyness`."""

    def __init__(self, corpus, tokens: pd.DataFrame, *, by: str, target: Sequence | None,
                 reference: Sequence | None, measure: str, min_count: int, top_n: int, stopwords: bool) -> None:
        super().__init__()
        check_choice("measure", measure, textstat.KEYNESS_MEASURES)
        check_number("min_count", min_count, min_value=0)
        check_int("top_n", top_n, min_value=1)
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
                             min_count=min_count, stopwords=self.stopwords, corpus=self.corpus)

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
        data = ""
        if config.in_report() and fits_page(self.corpus):  # a large corpus' paragraphs are not embedded
            try:
                data = payload("keyness", self.page_data())
            except ValueError:
                data = ""  # the error above is shown instead
        return f'<div class="explore-static"><div>{summary}. <em>{NOTE_COMPARE}</em></div>{table}{data}</div>'

    def page_data(self) -> dict:
        """What the report page needs to draw the default contrast as a term plot, with contexts on click.

        ``target_label``, ``reference_label``, ``measure``, ``min_count``;
        ``totals`` (words in each group); ``terms`` (``term, target, reference,
        statistic, log_ratio, p_value`` of every term seen at least once, the
        :data:`MAX_TERMS` most frequent); ``paragraphs`` (``side, doc_id,
        section, para_no, text``, side ``t`` or ``r``).
        """
        table = group_keyness(self.tokens(self.by), by=self.by, target=self.target, reference=self.reference,
                              measure=self.measure, min_count=1, stopwords=self.stopwords, corpus=self.corpus)
        totals = [int(table["target"].sum()), int(table["reference"].sum())]  # min_count=1: every word
        table = table.assign(_n=table["target"] + table["reference"]).nlargest(MAX_TERMS, "_n", keep="first")
        source = engine.wrap(self.corpus)
        if self.by != "doc_id":  # the contexts of the counted words: each work once, as the counts
            source = each_work_once(source)
        paras = source.table("paragraphs")
        if self.by in paras.columns:
            groups = paras[self.by].astype(str)
        else:
            groups = paras["doc_id"].map(source.documents.set_index("doc_id")[self.by]).astype(str)
        in_target = groups.isin([str(v) for v in self.target])
        in_reference = groups.isin([str(v) for v in self.reference]) if self.reference else ~in_target
        side = pd.Series(None, index=paras.index, dtype=object).mask(in_target, "t").mask(in_reference, "r")
        t, r = self._labels(self.by, self.target, self.reference)

        def number(x) -> float | None:
            return None if pd.isna(x) else round(float(x), 6)

        return {
            "target_label": t, "reference_label": r, "measure": self.measure, "min_count": self.min_count,
            "totals": totals,
            "terms": [[term, int(a), int(b), number(st), number(lr), number(p)] for term, a, b, st, lr, p in
                      zip(table["term"], table["target"], table["reference"], table["statistic"],
                          table["log_ratio"], table["p_value"], strict=True)],
            "paragraphs": [[s, d, str(sec), int(n), text] for s, d, sec, n, text in
                           zip(side, paras["doc_id"], paras["section"], paras["para_no"], paras["text"],
                               strict=True) if s is not None],
        }

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
    contrast: textstat.Contrast | None = None,
) -> Keyness:
    """A term comparison explorer: pick two groups and a measure, see the keyness table and chart.

    ``by`` is ``section``, ``doc_id`` or a document column (year, genre,
    speaker …; the choices offered are :func:`groupings`); ``target`` the
    values of the first group (default: the first value, see
    :func:`group_values`), ``reference`` those of the second (default: every
    other token).  ``measure`` is one of :data:`helpers.textstat.KEYNESS_MEASURES`.
    In JupyterLab the :func:`sides` table and :func:`helpers.textplot.keyness`
    chart update when a control changes; elsewhere (reports, plain Python) it
    displays as a static table of the default contrast.  ``contrast`` (the page's
    :func:`helpers.textstat.choose_contrast`) sets the default groups instead: its documents, or with ``by`` a
    document column their values (the target's year against the reference's years), so the explorer opens on
    the comparison the page studies; ``target`` and ``reference`` given still win.
    """
    if contrast is not None and by != "section":
        target = target if target is not None else _values_of(corpus, contrast.target, by)
        reference = reference if reference is not None else [
            v for v in _values_of(corpus, contrast.reference, by) if v not in target]
    return Keyness(corpus, tokens, by=by, target=target, reference=reference, measure=measure,
                   min_count=min_count, top_n=top_n, stopwords=stopwords)


def _values_of(corpus, doc_ids: Sequence[str], by: str) -> list:
    """The values of the document column ``by`` of ``doc_ids``, in the order :func:`group_values` gives them."""
    documents = engine.wrap(corpus).documents
    mine = set(documents.loc[documents["doc_id"].isin(list(doc_ids)), by].dropna())
    return [v for v in group_values(corpus, by) if v in mine]
