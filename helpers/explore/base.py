"""What both explorers share: the groupings of a corpus, the live-or-static decision, the display plumbing.

An explorer displays as a live ipywidgets explorer in a Jupyter kernel
(:func:`live`), and as a static HTML table of its default query where widgets
cannot run: in the kernels of the report runner (:func:`helpers.config.in_report`),
outside a Jupyter kernel, and in any viewer without the widget manager (the
static table travels with the widget as its ``text/html`` alternative, which
nbconvert and notebook viewers fall back to).  Every text shown is
HTML-escaped: corpus texts may contain markup such as ``<script>``.

In a report kernel the static HTML of a corpus up to :data:`MAX_PAGE_CHARS` characters
(:func:`fits_page`) also carries the explorer's data as a JSON block (:func:`payload`): the report page's
script turns it into a live explorer that runs in the page, without Python (see :mod:`helpers.report.page`).
A larger corpus, in memory or on disk, is never embedded: its static HTML is the default query's bounded
table (the first rows, with the total counted), without that block.  The decision is by size, read from the
documents table of the corpus' :class:`~helpers.engine.Source`, never by where the corpus is stored.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from .. import config, engine
from ..validate import check_column

__all__ = ["GROUP_COLUMNS", "MAX_PAGE_CHARS", "characters", "fits_page", "group_values", "groupings", "live",
           "payload"]

GROUP_COLUMNS = ("section", "doc_id", "year", "genre", "speaker", "occasion")
MAX_PAGE_CHARS = 2_000_000  # characters of a corpus embedded in a report page (about 6 MB of JSON); beyond, not


def characters(corpus) -> int:
    """The characters of ``corpus`` (a corpus in memory or on disk, or its tokens dataset): the sum of its
    documents' ``n_chars``, or of its paragraphs' when the documents table has none."""
    source = engine.wrap(corpus)
    documents = source.documents
    if "n_chars" in documents.columns:
        return int(documents["n_chars"].sum())
    return int(source.table("paragraphs", ["n_chars"])["n_chars"].sum())


def fits_page(corpus) -> bool:
    """Whether ``corpus`` is small enough (:data:`MAX_PAGE_CHARS` characters at most) for its explorer's data to
    travel with the report page, where the explorer then runs live."""
    return characters(corpus) <= MAX_PAGE_CHARS


def groupings(corpus, *, columns: Sequence[str] = GROUP_COLUMNS) -> list[str]:
    """The columns that can define two groups to compare: those of ``columns`` with at least two values.

    ``section`` is a paragraph column, the others are document columns.
    """
    documents = engine.wrap(corpus).documents
    found = []
    for column in columns:
        if column == "section":
            values = pd.Series(group_values(corpus, "section"), dtype=object)
        elif column in documents.columns:
            values = documents[column]
        else:
            continue
        if values.dropna().astype(str).replace("", pd.NA).nunique() >= 2:
            found.append(column)
    return found


def group_values(corpus, by: str) -> list:
    """The values of ``by`` in reading order: sections as ordered in the text, documents in corpus order,
    other document columns sorted (empty values left out)."""
    source = engine.wrap(corpus)
    if by == "section":  # the section labels in reading order, those with a paragraph only
        present = set(source.query("SELECT DISTINCT section::VARCHAR AS section FROM paragraphs")["section"])
        return [s for s in source.sections() if str(s) in present]
    documents = source.documents
    check_column("by", by, documents, what="no paragraph or document column named")
    values = documents[by].dropna()
    values = values[values.astype(str) != ""]
    return list(dict.fromkeys(values)) if by == "doc_id" else sorted(set(values))


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


def payload(kind: str, data: dict) -> str:
    """``data`` as a ``<script type="application/json" class="explore-data">`` block for the report page.

    ``kind`` names the explorer (``concordance``, ``keyness``).  The JSON is
    safe inside HTML: ``<``, ``>`` and ``&`` are written as ``\\u`` escapes,
    so corpus text can never close the block.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="explore-data" data-explorer="{kind}">{text}</script>'


def _table(table: pd.DataFrame, *, max_rows: int | None = None, float_format: str = "{:.2f}") -> str:
    shown = table if max_rows is None else table.head(max_rows)
    return shown.to_html(index=False, escape=True, border=0, na_rep="",
                         float_format=float_format.format)


def _shown(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``table``'s ``columns``, with ``doc_id`` first when the rows come from several documents."""
    return table[["doc_id", *columns] if table["doc_id"].nunique() > 1 else columns]


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
