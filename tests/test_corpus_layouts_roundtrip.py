"""Every text of the development corpus, rendered in every layout, loads back into the same paragraphs and sections.

The texts: the bundled speech, ``../shared/corpus-extra/*.txt`` and the ``content``
column of every row of ``../shared/corpus-tables/*.jsonl`` (read in place with
pandas, never copied into the project).  Each is first loaded as it is; its
blocks (front matter, body paragraphs, captions and footnotes, in reading
order) are then rendered in each layout (the wrapped one with a page number
and a running header on every page and paragraphs broken across pages) into a temporary folder — one folder
per layout, loaded with one ``corpus.load`` — and the paragraphs and sections
loaded from the rendering must equal those of the original.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED

from helpers import config, corpus
from helpers.corpus import CorpusWarning

LAYOUTS = ["blank_lines", "line_per_paragraph", "indented", "indented_em", "indented_spaces", "wrapped", "mixed"]
_WIDTH = 28  # characters per line of the wrapped rendering
_PAGE = 34  # lines per page of the wrapped rendering
_RUNNING_HEADER = "政策文本汇编·内部资料"


def _sources() -> dict[str, str]:
    texts = {"seed": SEED.read_text(encoding="utf-8")}
    extra = config.extra_corpus_dir()
    if extra is None:
        pytest.skip("development corpus not found: set SPEECHES_EXTRA_CORPUS to ../shared/corpus-extra")
    for path in sorted(extra.glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8")
    for table in sorted((extra.parent / "corpus-tables").glob("*.jsonl")):
        frame = pd.read_json(table, lines=True, dtype=False)
        for k, text in enumerate(frame["content"]):
            texts[f"{table.stem[:12]}-{k:02d}"] = text
    return texts


def _load(folder: Path) -> corpus.Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return corpus.load(folder, cache=False)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> corpus.Corpus:
    folder = tmp_path_factory.mktemp("original")
    for doc_id, text in _sources().items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    return _load(folder)


def _blocks(loaded: corpus.Corpus, doc_id: str) -> tuple[list[str], list[str]]:
    """The front-matter blocks and the rest (body paragraphs, captions, footnotes) in reading order."""
    paras = loaded.paragraphs[loaded.paragraphs["doc_id"] == doc_id]
    aside = loaded.set_aside[loaded.set_aside["doc_id"] == doc_id]
    aside = aside[~aside["kind"].isin(["page_number", "page_header"])]
    first = paras["line_start"].min()
    rows = [(r.line_start, r.start, r.text) for r in aside.itertuples()]
    rows += [(r.line_start, -1, r.text) for r in paras.itertuples()]
    rows.sort(key=lambda row: (row[0], row[1]))
    front = [text for line, start, text in rows if line < first or (line == first and start >= 0 and start < 10**6
                                                                   and text not in set(paras["text"]))]
    rest = [text for _, _, text in rows][len(front):]
    return front, rest


def _wrap(text: str) -> list[str]:
    """Hard line breaks about every ``_WIDTH`` characters, never inside a Latin word or number nor at a space."""
    def allowed(cut: int) -> bool:
        left, right = text[cut - 1], text[cut]
        return not (left.isspace() or right.isspace() or (left.isascii() and left.isalnum()
                                                            and right.isascii() and right.isalnum()))

    lines, start = [], 0
    while len(text) - start > _WIDTH:
        cut = start + _WIDTH
        back = next((c for c in range(cut, start + 1, -1) if allowed(c)), None)
        cut = back or next((c for c in range(cut, len(text)) if allowed(c)), len(text))
        lines.append(text[start:cut])
        start = cut
    return [*lines, text[start:]] if start < len(text) else lines


def render(front: list[str], rest: list[str], layout: str, title: str) -> str:
    """A text in one layout (see the module docstring of helpers.corpus.layout)."""
    if layout == "blank_lines":
        return "\n\n".join(front + rest) + "\n"
    if layout == "line_per_paragraph":
        return "\n".join(front + rest) + "\n"
    if layout.startswith("indented"):
        indent = {"indented": "\u3000\u3000", "indented_em": "\u2003\u2003", "indented_spaces": "    "}[layout]
        return "\n".join(front + [indent + text for text in rest]) + "\n"
    if layout == "mixed":
        return "\n\n".join(front or [title]) + "\n\n" + "\n".join(rest) + "\n"
    body = [line for text in rest for line in _wrap("\u3000\u3000" + text)]
    pages = [body[k:k + _PAGE] for k in range(0, len(body), _PAGE)]
    lines = [*("\n\n".join(front).split("\n") if front else []), ""]
    for number, page in enumerate(pages, start=1):
        if number > 1:
            lines.append("\f" + _RUNNING_HEADER)
        lines += page
        if len(pages) > 1:
            lines += ["", f"— {number} —"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_text_in_every_layout_loads_back(reference, layout, tmp_path):
    docs = reference.documents.set_index("doc_id")
    for doc_id in docs.index:
        front, rest = _blocks(reference, doc_id)
        (tmp_path / f"{doc_id}.txt").write_text(render(front, rest, layout, docs.loc[doc_id, "title"]),
                                                 encoding="utf-8")
    loaded = _load(tmp_path)
    expected_layout = layout.split("_")[0] if layout.startswith("indented") else layout
    wrong = []
    for doc_id in docs.index:
        want = reference.paragraphs[reference.paragraphs["doc_id"] == doc_id]
        got = loaded.paragraphs[loaded.paragraphs["doc_id"] == doc_id]
        if want["text"].tolist() != got["text"].tolist() or \
                want["section"].astype(str).tolist() != got["section"].astype(str).tolist():
            wrong.append((doc_id, len(want), len(got)))
    # the layout label needs a few lines to go by: a stub (the 76-character 七大 entry) is exempt from it
    long_enough = loaded.documents.set_index("doc_id")["n_chars"] >= 200
    layouts = loaded.documents.set_index("doc_id")["layout"][long_enough]
    assert not wrong, f"{len(wrong)} of {len(docs)} documents differ in {layout}: {wrong[:10]}"
    assert (layouts == expected_layout).all(), layouts[layouts != expected_layout].to_dict()
    assert (loaded.documents["n_chars"].sum(), len(loaded.paragraphs)) == (
        reference.documents["n_chars"].sum(), len(reference.paragraphs))
