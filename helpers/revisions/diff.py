"""Character differences inside aligned sentences: as a table, applied back, and as inline HTML.

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
``<script>``), so it is safe in the notebook and in the exported report.
"""

from __future__ import annotations

import difflib
import html

import pandas as pd

from .alignment import key

__all__ = ["Html", "apply", "changes", "chars", "inline", "inline_table"]

CHAR_COLUMNS = ["op", "old_start", "old_end", "new_start", "new_end", "old", "new", "trivial"]
_STYLE = ("<style>.rev-diff del{background:#fbd3d0;text-decoration:line-through;color:#7a1f1a}"
          ".rev-diff ins{background:#cdeccd;text-decoration:none;color:#14511b}"
          ".rev-diff td{vertical-align:top;text-align:left}</style>")


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
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    rows = [(op, i1, i2, j1, j2, old[i1:i2], new[j1:j2], key(old[i1:i2]) == key(new[j1:j2]))
            for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]
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


def inline(old: str, new: str) -> Html:
    """One sentence as inline HTML: deletions in ``<del>``, insertions in ``<ins>``, all text escaped."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(html.escape(old[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"<del>{html.escape(old[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{html.escape(new[j1:j2])}</ins>")
    return Html(f'<span class="rev-diff">{"".join(parts)}</span>')


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


def _number(value) -> str:
    return "" if pd.isna(value) else str(int(value))
