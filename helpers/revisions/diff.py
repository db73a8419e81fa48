"""Character differences inside aligned sentences: as a table, applied back, as inline HTML and as a review.

The differences are the opcodes of :class:`difflib.SequenceMatcher` (standard
library, no dependency) over characters, with ``autojunk`` off so frequent
characters such as 的 or ， are never ignored.  Sentences are short (tens to a
few hundred characters), where difflib is exact and fast enough; whole
documents are aligned sentence by sentence first (:mod:`.alignment`), so no
diff ever runs over a whole report.  diff-match-patch would add a dependency
for no gain at this size.

A difference whose two sides have the same comparison key
(:func:`helpers.revisions.alignment.key`: width and whitespace) is marked
``trivial``.  Inline HTML escapes every piece of text (corpus text may contain
``<script>``), so it is safe in the notebook and in the exported report.  The
review (:func:`review`) puts each changed pair on one row, the older sentence
left with its deleted characters marked, the newer right with its inserted
ones, in a fixed layout of two equal text columns that wraps Chinese text.
"""

from __future__ import annotations

import difflib
import html

import pandas as pd

from ..validate import check_choice, check_int, check_known
from .alignment import STATUSES, key

__all__ = ["ORDERS", "Html", "apply", "changes", "chars", "inline", "inline_table", "review", "sides"]

CHAR_COLUMNS = ["op", "old_start", "old_end", "new_start", "new_end", "old", "new", "trivial"]
_STYLE = ("<style>.rev-diff del{background:#fbd3d0;text-decoration:line-through;color:#7a1f1a}"
          ".rev-diff ins{background:#cdeccd;text-decoration:none;color:#14511b}"
          ".rev-diff td{vertical-align:top;text-align:left}</style>")
_REVIEW_STYLE = (
    "<style>table.rev-review{table-layout:fixed;width:100%;border-collapse:collapse;font-size:.9rem}"
    "table.rev-review col.meta{width:7rem}"
    "table.rev-review td,table.rev-review th{vertical-align:top;text-align:left;white-space:normal;"
    "overflow-wrap:anywhere;line-height:1.55;padding:4px 8px;border-bottom:1px solid #d9dce0}"
    "table.rev-review td.meta{font-size:.8rem;color:#5f6368;font-variant-numeric:tabular-nums}"
    "table.rev-review caption{caption-side:top;text-align:left;font-size:.85rem;color:#5f6368;padding:2px 0}"
    "table.rev-review del{background:#fbd3d0;color:#7a1f1a;text-decoration:none;border-bottom:2px solid #c0392b}"
    "table.rev-review ins{background:#cdeccd;color:#14511b;text-decoration:none;border-bottom:2px solid #2e7d32}"
    "</style>")
ORDERS = ("similarity", "reading")


class Html(str):
    """A string of HTML that Jupyter (and the exported report) renders as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def chars(old: str, new: str) -> pd.DataFrame:
    """The character differences turning ``old`` into ``new``.

    Returns ``op, old_start, old_end, new_start, new_end, old, new, trivial``,
    one row per edit in text order; ``op`` is ``insert``, ``delete`` or
    ``replace`` (equal stretches are left out).
    """
    rows = [(op, i1, i2, j1, j2, old[i1:i2], new[j1:j2], key(old[i1:i2]) == key(new[j1:j2]))
            for op, i1, i2, j1, j2 in _opcodes(old, new) if op != "equal"]
    return pd.DataFrame(rows, columns=CHAR_COLUMNS)


def apply(old: str, edits: pd.DataFrame) -> str:
    """Apply the rows of :func:`chars` to ``old``: gives back the newer text exactly."""
    out, at = [], 0
    for start, end, text in edits[["old_start", "old_end", "new"]].itertuples(index=False):
        out.append(old[at:start])
        out.append(text)
        at = end
    out.append(old[at:])
    return "".join(out)


def changes(aligned: pd.DataFrame, *, statuses: tuple[str, ...] = ("changed", "moved")) -> pd.DataFrame:
    """Every character difference of the changed (and moved) units of an alignment.

    Returns ``unit_no`` (the row of ``aligned``), ``status, old_para_no,
    old_sent_no, new_para_no, new_sent_no`` and the columns of :func:`chars`.
    """
    keep = ["status", "old_para_no", "old_sent_no", "new_para_no", "new_sent_no"]
    frames = []
    for unit_no, row in aligned[aligned["status"].isin(statuses)].iterrows():
        edits = chars(row["old_text"], row["new_text"])
        if len(edits):
            frames.append(edits.assign(unit_no=unit_no, **{c: row[c] for c in keep}))
    if not frames:
        return pd.DataFrame(columns=["unit_no", *keep, *CHAR_COLUMNS])
    return pd.concat(frames, ignore_index=True)[["unit_no", *keep, *CHAR_COLUMNS]]


def _marked(old: str, new: str):
    """Per opcode of :func:`chars`: ``(equal, left, right)``, the old and new pieces escaped, a deleted piece in
    ``<del>`` and an inserted one in ``<ins>`` (``""`` where a side has none)."""
    for op, i1, i2, j1, j2 in _opcodes(old, new):
        if op == "equal":
            yield True, html.escape(old[i1:i2]), html.escape(new[j1:j2])
        else:
            yield (False, f"<del>{html.escape(old[i1:i2])}</del>" if i2 > i1 else "",
                   f"<ins>{html.escape(new[j1:j2])}</ins>" if j2 > j1 else "")


def inline(old: str, new: str) -> Html:
    """One sentence as inline HTML: deletions in ``<del>``, insertions in ``<ins>``, all text escaped."""
    parts = "".join(left if equal else left + right for equal, left, right in _marked(old, new))
    return Html(f'<span class="rev-diff">{parts}</span>')


def inline_table(aligned: pd.DataFrame, *, statuses: tuple[str, ...] = ("changed", "moved"),
                 top_n: int | None = None) -> Html:
    """An HTML table of the changed units with their inline differences, most changed first.

    Columns shown: status, similarity, old and new sentence numbers, the inline diff.
    """
    rows = aligned[aligned["status"].isin(statuses)].sort_values("similarity", kind="stable")
    if top_n is not None:
        rows = rows.head(top_n)
    if rows.empty:
        return Html("<p>No changed sentences.</p>")
    body = []
    for _, row in rows.iterrows():
        diff = inline(row["old_text"], row["new_text"])
        body.append(f"<tr><td>{html.escape(row['status'])}</td><td>{row['similarity']:.2f}</td>"
                    f"<td>{_number(row['old_sent_no'])}</td><td>{_number(row['new_sent_no'])}</td>"
                    f"<td>{diff}</td></tr>")
    head = ("<tr><th>status</th><th>similarity</th><th>old sentence</th><th>new sentence</th>"
            "<th>difference (<del>deleted</del> <ins>inserted</ins>)</th></tr>")
    return Html(f'{_STYLE}<table class="rev-diff"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')


def sides(old: str, new: str) -> tuple[Html, Html]:
    """The two sides of one pair as HTML: ``old`` with its deleted characters in ``<del>``, ``new`` with its
    inserted characters in ``<ins>`` (the opcodes of :func:`chars`), all text escaped."""
    pieces = list(_marked(old, new))
    return Html("".join(left for _, left, _ in pieces)), Html("".join(right for _, _, right in pieces))


def review(aligned: pd.DataFrame, *, statuses: tuple[str, ...] = ("changed", "moved"),
           order: str = "similarity", top_n: int | None = None) -> Html:
    """The changed pairs of an alignment as a side-by-side review: one row per unit of ``aligned``.

    Each row has a narrow column (status, similarity, old → new sentence
    numbers), the older sentence with its deleted characters in ``<del>`` and
    the newer with its inserted characters in ``<ins>`` (:func:`sides`).
    ``order`` is ``"similarity"`` (least similar first) or ``"reading"`` (the
    order of ``aligned``); ``top_n`` keeps the first rows of that order and the
    caption says how many of how many are shown.
    """
    check_choice("order", order, ORDERS)
    check_known("statuses", statuses, STATUSES, what="status")
    if top_n is not None:
        top_n = check_int("top_n", top_n, min_value=1)
    rows = aligned[aligned["status"].isin(statuses)]
    if order == "similarity":
        rows = rows.sort_values("similarity", kind="stable")
    total = len(rows)
    if top_n is not None:
        rows = rows.head(top_n)
    if rows.empty:
        return Html("<p>No changed sentences.</p>")
    body = []
    for row in rows.itertuples(index=False):
        left, right = sides(_text(row.old_text), _text(row.new_text))
        where = f"{_number(row.old_sent_no)} → {_number(row.new_sent_no)}"
        body.append(f'<tr><td class="meta">{html.escape(str(row.status))} {_similarity(row.similarity)}'
                    f'<br>{where}</td><td class="old">{left}</td><td class="new">{right}</td></tr>')
    which = "least similar first" if order == "similarity" else "in reading order"
    shown = f"all {total:,}" if len(rows) == total else f"{len(rows):,} of {total:,}"
    caption = (f"<caption>{shown} {' and '.join(map(html.escape, statuses))} sentences, {which}; "
               "the sentence numbers count through each document</caption>")
    head = ('<thead><tr><th>unit</th><th>older sentence (<del>deleted</del>)</th>'
            '<th>newer sentence (<ins>inserted</ins>)</th></tr></thead>')
    columns = '<colgroup><col class="meta"><col class="side"><col class="side"></colgroup>'
    return Html(f'{_REVIEW_STYLE}<table class="rev-review">{caption}{columns}{head}'
                f'<tbody>{"".join(body)}</tbody></table>')


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """The one character diff of the module: difflib's opcodes, ``autojunk`` off."""
    return difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _text(value) -> str:
    """A side's text; an added or dropped unit has none on one side."""
    return value if isinstance(value, str) else ""


def _similarity(value) -> str:
    return "" if pd.isna(value) else f"{value:.2f}"


def _number(value) -> str:
    return "" if pd.isna(value) else str(int(value))
